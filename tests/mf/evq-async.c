/* IMFAsyncResult (MFCreateAsyncResult, the MFASYNCRESULT layout), the work
 * queue (MFPutWorkItem, MFPutWorkItemEx, MFInvokeCallback: worker threads,
 * a blocking callback does not stall others, one callback's items do not
 * overlap), and the platform's lifetime (MFStartup's version check, counted
 * MFStartup/MFShutdown, MFLockPlatform/MFUnlockPlatform, work refused with
 * MF_E_SHUTDOWN when not started), MFGetSystemTime. */
#include "evq-util.h"

static void test_result(void)
{
    IMFAsyncResult *result, *result2;
    IUnknown *unk;
    evq_callback cb;
    evq_unknown object, state;
    evq_callback_init(&cb);
    evq_unknown_init(&object);
    evq_unknown_init(&state);

    CHECK_HR(MFCreateAsyncResult(NULL, NULL, NULL, NULL), E_INVALIDARG);

    /* No object, no state, no callback: Windows answers E_POINTER. */
    CHECK_HR(MFCreateAsyncResult(NULL, NULL, NULL, &result), S_OK);
    unk = (IUnknown *)(uintptr_t)1;
    CHECK_HR(IMFAsyncResult_GetObject(result, &unk), E_POINTER);
    CHECK_HR(IMFAsyncResult_GetState(result, &unk), E_POINTER);
    CHECK(IMFAsyncResult_GetStateNoAddRef(result) == NULL);
    CHECK_HR(IMFAsyncResult_GetStatus(result), S_OK);
    CHECK_HR(IMFAsyncResult_SetStatus(result, E_FAIL), S_OK);
    CHECK_HR(IMFAsyncResult_GetStatus(result), E_FAIL);
    MFASYNCRESULT *data = (MFASYNCRESULT *)result;
    CHECK(data->pCallback == NULL);
    CHECK(data->hrStatusResult == E_FAIL);
    CHECK(data->dwBytesTransferred == 0);
    CHECK(data->hEvent == NULL);
    CHECK_HR(IMFAsyncResult_QueryInterface(result, &IID_IUnknown, (void **)&unk), S_OK);
    IUnknown_Release(unk);
    CHECK_HR(IMFAsyncResult_QueryInterface(result, &IID_IMFAsyncResult, (void **)&result2), S_OK);
    CHECK(result2 == result);
    IMFAsyncResult_Release(result2);
    CHECK(IMFAsyncResult_Release(result) == 0);

    /* Everything set: references held while the result lives. */
    CHECK_HR(MFCreateAsyncResult(&object.iface, &cb.iface, &state.iface, &result), S_OK);
    CHECK(evq_refs(&object.refs) == 2 && evq_refs(&state.refs) == 2 && evq_refs(&cb.refs) == 2);
    data = (MFASYNCRESULT *)result;
    CHECK(data->pCallback == &cb.iface);
    CHECK_HR(IMFAsyncResult_GetObject(result, &unk), S_OK);
    CHECK(unk == &object.iface && evq_refs(&object.refs) == 3);
    IUnknown_Release(unk);
    CHECK_HR(IMFAsyncResult_GetState(result, &unk), S_OK);
    CHECK(unk == &state.iface && evq_refs(&state.refs) == 3);
    IUnknown_Release(unk);
    CHECK(IMFAsyncResult_GetStateNoAddRef(result) == &state.iface);
    CHECK(evq_refs(&state.refs) == 2);
    CHECK_HR(IMFAsyncResult_GetObject(result, NULL), E_POINTER);
    CHECK(IMFAsyncResult_Release(result) == 0);
    CHECK(evq_refs(&object.refs) == 1 && evq_refs(&state.refs) == 1 && evq_refs(&cb.refs) == 1);
}

/* -------------------------------------------------------------- platform */

static void test_startup(void)
{
    evq_callback cb;
    IMFAsyncResult *result;
    evq_callback_init(&cb);

    /* Not started: the work queue refuses work (the creation functions work). */
    CHECK_HR(MFPutWorkItem(MFASYNC_CALLBACK_QUEUE_STANDARD, &cb.iface, NULL), MF_E_SHUTDOWN);
    CHECK_HR(MFCreateAsyncResult(NULL, &cb.iface, NULL, &result), S_OK);
    CHECK_HR(MFInvokeCallback(result), MF_E_SHUTDOWN);
    CHECK_HR(MFPutWorkItemEx(MFASYNC_CALLBACK_QUEUE_STANDARD, result), MF_E_SHUTDOWN);
    IMFAsyncResult_Release(result);
    CHECK_HR(MFShutdown(), S_OK); /* without MFStartup: nothing to do */

    CHECK_HR(MFStartup(MAKELONG(MF_API_VERSION, 0xdead), MFSTARTUP_FULL), MF_E_BAD_STARTUP_VERSION);
    CHECK_HR(MFStartup(MF_VERSION + 1, MFSTARTUP_FULL), MF_E_BAD_STARTUP_VERSION);
    CHECK_HR(MFPutWorkItem(MFASYNC_CALLBACK_QUEUE_STANDARD, &cb.iface, NULL), MF_E_SHUTDOWN);

    /* The Vista SDK's version works too. */
    CHECK_HR(MFStartup(MAKELONG(MF_API_VERSION, 1), MFSTARTUP_LITE), S_OK);
    CHECK_HR(MFShutdown(), S_OK);

    /* Counted: each MFStartup needs its MFShutdown. */
    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL), S_OK);
    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL), S_OK);
    CHECK_HR(MFShutdown(), S_OK);
    CHECK_HR(MFPutWorkItem(MFASYNC_CALLBACK_QUEUE_STANDARD, &cb.iface, NULL), S_OK);
    CHECK(evq_callback_wait(&cb, 1, 2000));
    CHECK_HR(MFShutdown(), S_OK);
    CHECK_HR(MFPutWorkItem(MFASYNC_CALLBACK_QUEUE_STANDARD, &cb.iface, NULL), MF_E_SHUTDOWN);
    CHECK_HR(MFShutdown(), S_OK); /* already shut down: no effect */

    /* Unlocking the lock MFStartup took shuts down; locking restarts. */
    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL), S_OK);
    CHECK_HR(MFUnlockPlatform(), S_OK);
    CHECK_HR(MFPutWorkItem(MFASYNC_CALLBACK_QUEUE_STANDARD, &cb.iface, NULL), MF_E_SHUTDOWN);
    CHECK_HR(MFLockPlatform(), S_OK);
    CHECK_HR(MFPutWorkItem(MFASYNC_CALLBACK_QUEUE_STANDARD, &cb.iface, NULL), S_OK);
    CHECK(evq_callback_wait(&cb, 2, 2000));
    CHECK_HR(MFShutdown(), S_OK);

    /* A result made while started does not keep the platform up. */
    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL), S_OK);
    CHECK_HR(MFCreateAsyncResult(NULL, &cb.iface, NULL, &result), S_OK);
    CHECK_HR(MFShutdown(), S_OK);
    CHECK_HR(MFInvokeCallback(result), MF_E_SHUTDOWN);
    IMFAsyncResult_Release(result);
    CHECK(evq_wait_live(0, 2000));
    CHECK(evq_wait_refs(&cb.refs, 1, 2000));
}

/* ------------------------------------------------------------ work items */

static void test_put_work_item(void)
{
    evq_callback cb;
    evq_unknown state;
    IMFAsyncResult *result;
    evq_callback_init(&cb);
    evq_unknown_init(&state);

    CHECK_HR(MFPutWorkItem(MFASYNC_CALLBACK_QUEUE_STANDARD, NULL, NULL), E_INVALIDARG);
    CHECK_HR(MFPutWorkItem(MFASYNC_CALLBACK_QUEUE_UNDEFINED, &cb.iface, NULL),
             MF_E_INVALID_WORKQUEUE);
    CHECK_HR(MFPutWorkItem(0x12340000, &cb.iface, NULL), MF_E_INVALID_WORKQUEUE);

    CHECK_HR(MFPutWorkItem(MFASYNC_CALLBACK_QUEUE_STANDARD, &cb.iface, &state.iface), S_OK);
    CHECK(evq_callback_wait(&cb, 1, 2000));
    CHECK(!pthread_equal(cb.thread, pthread_self()));
    CHECK(cb.state == &state.iface);
    CHECK(evq_wait_live(0, 2000)); /* the result went away after Invoke */
    CHECK(evq_refs(&state.refs) == 1);

    CHECK_HR(MFPutWorkItem(MFASYNC_CALLBACK_QUEUE_MULTITHREADED, &cb.iface, NULL), S_OK);
    CHECK(evq_callback_wait(&cb, 2, 2000));

    /* MFPutWorkItemEx and MFInvokeCallback take the callback from the
     * result, with its status. */
    CHECK_HR(MFCreateAsyncResult(NULL, &cb.iface, &state.iface, &result), S_OK);
    CHECK_HR(IMFAsyncResult_SetStatus(result, MF_E_INVALIDREQUEST), S_OK);
    CHECK_HR(MFPutWorkItemEx(MFASYNC_CALLBACK_QUEUE_STANDARD, result), S_OK);
    CHECK(evq_callback_wait(&cb, 3, 2000));
    CHECK_HR(cb.status, MF_E_INVALIDREQUEST);
    CHECK_HR(MFPutWorkItemEx(0x77, result), MF_E_INVALID_WORKQUEUE);
    CHECK_HR(MFInvokeCallback(result), S_OK);
    CHECK(evq_callback_wait(&cb, 4, 2000));
    CHECK(cb.state == &state.iface);
    IMFAsyncResult_Release(result);
    CHECK_HR(MFInvokeCallback(NULL), E_POINTER);
    CHECK_HR(MFCreateAsyncResult(NULL, NULL, NULL, &result), S_OK);
    CHECK_HR(MFInvokeCallback(result), E_INVALIDARG); /* no callback to call */
    IMFAsyncResult_Release(result);
    CHECK(evq_wait_live(0, 2000));
    CHECK(evq_wait_refs(&cb.refs, 1, 2000));
    CHECK(evq_wait_refs(&state.refs, 1, 2000));
}

/* A callback that blocks until another callback ran: if the first stalled
 * the worker threads, the second never would. */
typedef struct blocker {
    evq_callback *other;
    bool released;
} blocker;

static void block_until_other(evq_callback *cb, IMFAsyncResult *result)
{
    (void)result;
    blocker *b = cb->user;
    b->released = evq_callback_wait(b->other, 1, 3000);
}

static void test_blocking_callback(void)
{
    evq_callback slow, fast;
    evq_callback_init(&slow);
    evq_callback_init(&fast);
    blocker b = { &fast, false };
    slow.user = &b;
    slow.on_invoke = block_until_other;
    CHECK_HR(MFPutWorkItem(MFASYNC_CALLBACK_QUEUE_STANDARD, &slow.iface, NULL), S_OK);
    test_sleep_ms(50); /* slow is now blocking a worker */
    CHECK_HR(MFPutWorkItem(MFASYNC_CALLBACK_QUEUE_STANDARD, &fast.iface, NULL), S_OK);
    CHECK(evq_callback_wait(&slow, 1, 5000));
    CHECK(b.released);
    CHECK(evq_wait_live(0, 2000));
    CHECK(evq_wait_refs(&slow.refs, 1, 2000));
    CHECK(evq_wait_refs(&fast.refs, 1, 2000));
}

/* Items of one callback on the standard queue run one at a time and in
 * order (each item's state is a tag whose index says where it belongs). */
enum { SEQ_ITEMS = 40 };
static evq_unknown seq_tags[SEQ_ITEMS];

typedef struct seq_ctx {
    pthread_mutex_t lock;
    int next, errors;
} seq_ctx;

static void seq_on_invoke(evq_callback *cb, IMFAsyncResult *result)
{
    seq_ctx *c = cb->user;
    evq_unknown *tag = (evq_unknown *)IMFAsyncResult_GetStateNoAddRef(result);
    test_sleep_ms(1); /* room for a second thread to overtake */
    pthread_mutex_lock(&c->lock);
    if (tag != &seq_tags[c->next])
        c->errors++;
    c->next++;
    pthread_mutex_unlock(&c->lock);
}

static void test_serialization(void)
{
    seq_ctx c = { PTHREAD_MUTEX_INITIALIZER, 0, 0 };
    evq_callback cb;
    evq_callback_init(&cb);
    cb.user = &c;
    cb.on_invoke = seq_on_invoke;
    for (int i = 0; i < SEQ_ITEMS; i++) {
        evq_unknown_init(&seq_tags[i]);
        CHECK_HR(MFPutWorkItem(MFASYNC_CALLBACK_QUEUE_STANDARD, &cb.iface, &seq_tags[i].iface),
                 S_OK);
    }
    CHECK(evq_callback_wait(&cb, SEQ_ITEMS, 10000));
    CHECK(cb.max_active == 1);
    CHECK(c.errors == 0);
    CHECK(evq_wait_live(0, 2000));
    CHECK(evq_wait_refs(&cb.refs, 1, 2000));
    for (int i = 0; i < SEQ_ITEMS; i++)
        CHECK(evq_wait_refs(&seq_tags[i].refs, 1, 2000));
}

/* On the multithreaded queue they run at once: 4 items that each wait for
 * all 4 to have started can only finish quickly if they do. */
static void barrier_on_invoke(evq_callback *cb, IMFAsyncResult *result)
{
    (void)result;
    int *arrived = cb->user;
    struct timespec deadline;
    evq_deadline(&deadline, 3000);
    pthread_mutex_lock(&cb->lock);
    ++*arrived;
    pthread_cond_broadcast(&cb->cond);
    while (*arrived < 4 && !pthread_cond_timedwait(&cb->cond, &cb->lock, &deadline))
        ;
    pthread_mutex_unlock(&cb->lock);
}

static void test_parallel(void)
{
    evq_callback cb;
    int arrived = 0;
    evq_callback_init(&cb);
    cb.user = &arrived;
    cb.on_invoke = barrier_on_invoke;
    for (int i = 0; i < 4; i++)
        CHECK_HR(MFPutWorkItem(MFASYNC_CALLBACK_QUEUE_MULTITHREADED, &cb.iface, NULL), S_OK);
    MFTIME start = MFGetSystemTime();
    CHECK(evq_callback_wait(&cb, 4, 5000));
    CHECK(cb.max_active == 4);
    CHECK(MFGetSystemTime() - start < 20000000); /* nobody waited for the time-out */
    CHECK(evq_wait_live(0, 2000));
    CHECK(evq_wait_refs(&cb.refs, 1, 2000));
}

/* Calling MFShutdown from a callback must not deadlock (the thread cannot
 * join itself). */
static void shutdown_on_invoke(evq_callback *cb, IMFAsyncResult *result)
{
    (void)cb;
    (void)result;
    MFShutdown();
}

static void test_shutdown_in_callback(void)
{
    evq_callback cb;
    evq_callback_init(&cb);
    cb.on_invoke = shutdown_on_invoke;
    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL), S_OK);
    CHECK_HR(MFPutWorkItem(MFASYNC_CALLBACK_QUEUE_STANDARD, &cb.iface, NULL), S_OK);
    CHECK(evq_callback_wait(&cb, 1, 3000));
    test_sleep_ms(50);
    CHECK_HR(MFPutWorkItem(MFASYNC_CALLBACK_QUEUE_STANDARD, &cb.iface, NULL), MF_E_SHUTDOWN);
    CHECK(evq_wait_live(0, 2000));
    CHECK(evq_wait_refs(&cb.refs, 1, 2000));
}

static void test_system_time(void)
{
    struct timespec ts;
    MFTIME a = MFGetSystemTime();
    clock_gettime(CLOCK_MONOTONIC, &ts);
    LONGLONG mono = (LONGLONG)ts.tv_sec * 10000000 + ts.tv_nsec / 100;
    test_sleep_ms(100);
    MFTIME b = MFGetSystemTime();
    CHECK(a > 0);
    CHECK(b - a >= 900000 && b - a < 5000000); /* 100 ms in 100-ns units */
    CHECK(a - mono < 10000000 && mono - a < 10000000); /* the monotonic clock */
}

int main(void)
{
    test_result();
    test_startup();
    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL), S_OK);
    test_put_work_item();
    test_blocking_callback();
    test_serialization();
    test_parallel();
    CHECK_HR(MFShutdown(), S_OK);
    test_shutdown_in_callback();
    test_system_time();
    CHECK(msess_mf_live_objects() == 0);
    return evq_result("evq-async");
}

/* Asynchronous results (IMFAsyncResult, MFCreateAsyncResult) and the worker
 * threads that run callbacks: MFInvokeCallback, MFPutWorkItem(Ex) and, for
 * the shim's own objects, shim_invoke_async and shim_work_submit.
 *
 * Threads: one process-wide pool, started by the first work item and grown
 * on demand: a thread is added when an item arrives while no thread is idle,
 * up to POOL_MAX_THREADS. A callback that blocks holds one thread; the other
 * callbacks go on running on the others.
 *
 * Order: an item may carry a key; items with the same key run one at a time,
 * in the order queued. The key of an Invoke is its callback object, unless
 * the callback asks (GetParameters) for one of the multithreaded platform
 * queues: so the Invoke calls one subscriber receives never overlap and never
 * overtake each other, as on Windows' single-threaded standard queue, while
 * unrelated callbacks do not wait for each other.
 *
 * Lifetime: the platform (startup.c) is started while its lock count is
 * above 0. MFPutWorkItem, MFPutWorkItemEx and MFInvokeCallback fail with
 * MF_E_SHUTDOWN otherwise, as Windows documents ("MFStartup was not called,
 * or MFShutdown was called"). When MFShutdown brings the count to 0 it stops
 * the pool (shim_work_stop): queued items are dropped, callbacks that are
 * running get POOL_STOP_WAIT_S seconds to return (Windows' MFShutdown also
 * waits "a few seconds"), the threads are joined, and a thread still inside
 * a callback after that is detached and ends when the callback returns.
 * Work the shim queues for its own objects (event delivery, clock
 * notifications) does not depend on the platform state: it starts the pool
 * again if needed, so shim objects keep working for clients that never call
 * MFStartup.
 *
 * Results: a result is laid out as MFASYNCRESULT (Windows' documented layout
 * that custom results must also follow), so MFInvokeCallback and
 * MFPutWorkItemEx read the callback of any result from pCallback, and
 * clients may use the structure's fields. Unlike Windows' results, ours do
 * not lock the platform while they live: Windows' MFShutdown then waits "a
 * few seconds" for such results to go away, and work queued after it
 * succeeds while one lives; ours shuts down at once and always refuses that
 * work, which keeps MFShutdown quick and its outcome independent of when a
 * worker thread drops a finished item's result. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "shim.h"

#define POOL_MAX_THREADS 32
#define POOL_STOP_WAIT_S 5

/* ---------------------------------------------------------------- results */

typedef struct async_result {
    shim_obj base; /* IUnknown: the object's identity */
    MFASYNCRESULT r; /* r.AsyncResult is the IMFAsyncResult interface */
    IUnknown *object;
    IUnknown *state;
} async_result;

SHIM_IUNKNOWN(aru_, IUnknown, async_result, base)
SHIM_IUNKNOWN(ar_, IMFAsyncResult, async_result, r.AsyncResult)

static async_result *ar_from(IMFAsyncResult *iface)
{
    return SHIM_FROM(async_result, r.AsyncResult, iface);
}

static HRESULT STDMETHODCALLTYPE ar_GetState(IMFAsyncResult *iface, IUnknown **state)
{
    async_result *ar = ar_from(iface);
    if (!state)
        return E_POINTER;
    /* Windows answers E_POINTER when the result has no state object. */
    if (!ar->state)
        return E_POINTER;
    IUnknown_AddRef(ar->state);
    *state = ar->state;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE ar_GetStatus(IMFAsyncResult *iface)
{
    return __atomic_load_n(&ar_from(iface)->r.hrStatusResult, __ATOMIC_ACQUIRE);
}

static HRESULT STDMETHODCALLTYPE ar_SetStatus(IMFAsyncResult *iface, HRESULT status)
{
    __atomic_store_n(&ar_from(iface)->r.hrStatusResult, status, __ATOMIC_RELEASE);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE ar_GetObject(IMFAsyncResult *iface, IUnknown **object)
{
    async_result *ar = ar_from(iface);
    if (!object)
        return E_POINTER;
    /* Windows answers E_POINTER when the result has no object. */
    if (!ar->object)
        return E_POINTER;
    IUnknown_AddRef(ar->object);
    *object = ar->object;
    return S_OK;
}

static IUnknown *STDMETHODCALLTYPE ar_GetStateNoAddRef(IMFAsyncResult *iface)
{
    return ar_from(iface)->state;
}

static const IUnknownVtbl async_result_unknown_vtbl = {
    SHIM_IUNKNOWN_VTBL(aru_),
};

static const IMFAsyncResultVtbl async_result_vtbl = {
    SHIM_IUNKNOWN_VTBL(ar_),
    .GetState = ar_GetState,
    .GetStatus = ar_GetStatus,
    .SetStatus = ar_SetStatus,
    .GetObject = ar_GetObject,
    .GetStateNoAddRef = ar_GetStateNoAddRef,
};

static void async_result_destroy(void *obj)
{
    async_result *ar = obj;
    SHIM_RELEASE(ar->r.pCallback);
    SHIM_RELEASE(ar->object);
    SHIM_RELEASE(ar->state);
#ifdef _WIN32
    /* Windows closes the event a client stored in the structure. */
    if (ar->r.hEvent)
        CloseHandle(ar->r.hEvent);
#endif
}

static const shim_iface async_result_ifaces[] = {
    { &IID_IMFAsyncResult, offsetof(async_result, r.AsyncResult) },
    { NULL, 0 },
};

static const shim_class async_result_class = {
    .name = "IMFAsyncResult",
    .ifaces = async_result_ifaces,
    .destroy = async_result_destroy,
};

HRESULT WINAPI MFCreateAsyncResult(IUnknown *object, IMFAsyncCallback *callback,
                                   IUnknown *state, IMFAsyncResult **out)
{
    if (!out)
        return E_INVALIDARG;
    *out = NULL;
    async_result *ar = shim_obj_new(sizeof(*ar), &async_result_class,
                                    &async_result_unknown_vtbl);
    if (!ar)
        return E_OUTOFMEMORY;
    /* (cast: the real SDK headers declare lpVtbl without const) */
    ar->r.AsyncResult.lpVtbl = (IMFAsyncResultVtbl *)&async_result_vtbl;
    if ((ar->object = object))
        IUnknown_AddRef(object);
    if ((ar->r.pCallback = callback))
        IMFAsyncCallback_AddRef(callback);
    if ((ar->state = state))
        IUnknown_AddRef(state);
    *out = &ar->r.AsyncResult;
    return S_OK;
}

/* ------------------------------------------------------------------- pool */

typedef struct work_item {
    struct work_item *next;
    const void *key; /* items with the same non-NULL key run one at a time */
    /* Either a C function (called with run = false when the item is
     * dropped, to free arg) ... */
    void (*fn)(void *arg, bool run);
    void *arg;
    /* ... or an Invoke; the item holds a reference to both. */
    IMFAsyncCallback *callback;
    IMFAsyncResult *result;
} work_item;

typedef struct worker {
    struct worker *next;
    struct worker *next_idle;
    pthread_t thread;
    pthread_cond_t wake; /* its own: a submitter wakes exactly this one */
    unsigned generation; /* the pool's generation it serves */
    const void *busy_key; /* key of the item it runs, NULL if none */
    bool idle;     /* in pool.idle_list, waiting for work */
    bool woken;    /* taken off the idle list by a submitter */
    bool exited;   /* returned from its loop; waits to be joined */
    bool detached; /* nobody joins it: it frees itself when it ends */
} worker;

static struct {
    pthread_mutex_t lock;
    pthread_cond_t exited; /* a worker ended its loop */
    work_item *head, *tail;
    worker *workers;
    worker *idle_list; /* workers of the current generation with no work */
    unsigned nthreads; /* workers of the current generation */
    unsigned generation;
} pool = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .exited = PTHREAD_COND_INITIALIZER,
};

static _Thread_local worker *current_worker;

static void item_free(work_item *it, bool run)
{
    if (it->fn) {
        it->fn(it->arg, run);
    } else {
        if (run)
            IMFAsyncCallback_Invoke(it->callback, it->result);
        IMFAsyncCallback_Release(it->callback);
        IMFAsyncResult_Release(it->result);
    }
    free(it);
}

/* Whether a worker runs an item with this key. Lock held. */
static bool key_busy(const void *key)
{
    for (worker *w = pool.workers; w; w = w->next)
        if (w->busy_key == key)
            return true;
    return false;
}

/* The first queued item that may run now. Lock held. */
static work_item *take_item(void)
{
    work_item *prev = NULL;
    for (work_item *it = pool.head; it; prev = it, it = it->next) {
        if (it->key && key_busy(it->key))
            continue;
        if (prev)
            prev->next = it->next;
        else
            pool.head = it->next;
        if (pool.tail == it)
            pool.tail = prev;
        it->next = NULL;
        return it;
    }
    return NULL;
}

/* Wakes one idle worker; false if none is idle. Lock held. */
static bool wake_one(void)
{
    worker *w = pool.idle_list;
    if (!w)
        return false;
    pool.idle_list = w->next_idle;
    w->idle = false;
    w->woken = true;
    pthread_cond_signal(&w->wake);
    return true;
}

static void unlink_worker(worker *self)
{
    for (worker **p = &pool.workers; *p; p = &(*p)->next) {
        if (*p == self) {
            *p = self->next;
            return;
        }
    }
}

static void worker_free(worker *w)
{
    pthread_cond_destroy(&w->wake);
    free(w);
}

static void *worker_main(void *arg)
{
    worker *self = arg;
    current_worker = self;
    pthread_mutex_lock(&pool.lock);
    while (self->generation == pool.generation) {
        work_item *it = take_item();
        if (!it) {
            self->woken = false;
            self->idle = true;
            self->next_idle = pool.idle_list;
            pool.idle_list = self;
            while (!self->woken && self->generation == pool.generation)
                pthread_cond_wait(&self->wake, &pool.lock);
            continue;
        }
        self->busy_key = it->key;
        pthread_mutex_unlock(&pool.lock);
        item_free(it, true);
        pthread_mutex_lock(&pool.lock);
        self->busy_key = NULL;
    }
    /* Items that waited for the key this worker held may run now. */
    if (pool.head)
        wake_one();
    if (self->detached) {
        unlink_worker(self);
        worker_free(self);
    } else {
        self->exited = true;
        pthread_cond_broadcast(&pool.exited);
    }
    pthread_mutex_unlock(&pool.lock);
    return NULL;
}

/* Adds a worker of the current generation. Lock held. */
static bool spawn_worker(void)
{
    worker *w = calloc(1, sizeof(*w));
    if (!w)
        return false;
    if (pthread_cond_init(&w->wake, NULL)) {
        free(w);
        return false;
    }
    w->generation = pool.generation;
    if (pthread_create(&w->thread, NULL, worker_main, w)) {
        worker_free(w);
        return false;
    }
    w->next = pool.workers;
    pool.workers = w;
    pool.nthreads++;
    return true;
}

static HRESULT pool_submit(work_item *it)
{
    pthread_mutex_lock(&pool.lock);
    if (pool.tail)
        pool.tail->next = it;
    else
        pool.head = it;
    pool.tail = it;
    if (!wake_one() && pool.nthreads < POOL_MAX_THREADS && !spawn_worker() &&
        !pool.nthreads) {
        /* No thread at all will ever run it. */
        pool.head = pool.tail = NULL;
        pthread_mutex_unlock(&pool.lock);
        return E_OUTOFMEMORY;
    }
    pthread_mutex_unlock(&pool.lock);
    return S_OK;
}

void shim_work_stop(void)
{
    work_item *dropped;
    worker *joinable = NULL;
    struct timespec deadline;

    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += POOL_STOP_WAIT_S;

    pthread_mutex_lock(&pool.lock);
    pool.generation++;
    pool.nthreads = 0;
    pool.idle_list = NULL;
    dropped = pool.head;
    pool.head = pool.tail = NULL;
    for (worker *w = pool.workers; w; w = w->next) {
        w->idle = false;
        pthread_cond_signal(&w->wake);
    }
    for (;;) {
        bool running = false;
        for (worker *w = pool.workers; w; w = w->next)
            if (!w->exited && !w->detached && w != current_worker)
                running = true;
        if (!running || pthread_cond_timedwait(&pool.exited, &pool.lock, &deadline) == ETIMEDOUT)
            break;
    }
    for (worker **p = &pool.workers; *p;) {
        worker *w = *p;
        if (w->exited) {
            *p = w->next;
            w->next = joinable;
            joinable = w;
            continue;
        }
        if (!w->detached) {
            /* Still inside a callback (or the caller itself): it ends on
             * its own when the callback returns. */
            pthread_detach(w->thread);
            w->detached = true;
        }
        p = &w->next;
    }
    pthread_mutex_unlock(&pool.lock);

    while (joinable) {
        worker *w = joinable;
        joinable = w->next;
        pthread_join(w->thread, NULL);
        worker_free(w);
    }
    while (dropped) {
        work_item *it = dropped;
        dropped = it->next;
        item_free(it, false);
    }
}

HRESULT shim_work_submit(const void *key, void (*fn)(void *arg, bool run), void *arg)
{
    work_item *it = calloc(1, sizeof(*it));
    if (!it)
        return E_OUTOFMEMORY;
    it->key = key;
    it->fn = fn;
    it->arg = arg;
    HRESULT hr = pool_submit(it);
    if (FAILED(hr))
        free(it);
    return hr;
}

/* The platform queues whose callbacks Windows runs on several threads. */
static bool is_parallel_queue(DWORD queue)
{
    return queue == MFASYNC_CALLBACK_QUEUE_MULTITHREADED ||
           queue == MFASYNC_CALLBACK_QUEUE_IO || queue == MFASYNC_CALLBACK_QUEUE_LONG_FUNCTION;
}

static bool is_platform_queue(DWORD queue)
{
    switch (queue) {
    case MFASYNC_CALLBACK_QUEUE_STANDARD: case MFASYNC_CALLBACK_QUEUE_RT:
    case MFASYNC_CALLBACK_QUEUE_IO: case MFASYNC_CALLBACK_QUEUE_TIMER:
    case MFASYNC_CALLBACK_QUEUE_MULTITHREADED: case MFASYNC_CALLBACK_QUEUE_LONG_FUNCTION:
        return true;
    default:
        return false;
    }
}

static HRESULT submit_invoke(IMFAsyncCallback *callback, IMFAsyncResult *result, bool parallel)
{
    work_item *it = calloc(1, sizeof(*it));
    if (!it)
        return E_OUTOFMEMORY;
    it->key = parallel ? NULL : (const void *)callback;
    it->callback = callback;
    it->result = result;
    IMFAsyncCallback_AddRef(callback);
    IMFAsyncResult_AddRef(result);
    HRESULT hr = pool_submit(it);
    if (FAILED(hr)) {
        IMFAsyncCallback_Release(callback);
        IMFAsyncResult_Release(result);
        free(it);
    }
    return hr;
}

/* The queue the callback asks for; the standard queue when it does not say
 * (E_NOTIMPL) or names one we do not know, as Windows falls back. */
static DWORD callback_queue(IMFAsyncCallback *callback)
{
    DWORD flags = 0, queue = MFASYNC_CALLBACK_QUEUE_STANDARD;
    if (FAILED(IMFAsyncCallback_GetParameters(callback, &flags, &queue)) ||
        !is_platform_queue(queue))
        queue = MFASYNC_CALLBACK_QUEUE_STANDARD;
    return queue;
}

HRESULT shim_invoke_async(IMFAsyncCallback *callback, IMFAsyncResult *result)
{
    if (!callback || !result)
        return E_POINTER;
    return submit_invoke(callback, result, is_parallel_queue(callback_queue(callback)));
}

/* The callback of any result: Windows requires custom results to start with
 * MFASYNCRESULT too. */
static IMFAsyncCallback *result_callback(IMFAsyncResult *result)
{
    return ((MFASYNCRESULT *)result)->pCallback;
}

HRESULT WINAPI MFInvokeCallback(IMFAsyncResult *result)
{
    if (!result)
        return E_POINTER;
    if (!shim_platform_started())
        return MF_E_SHUTDOWN;
    IMFAsyncCallback *callback = result_callback(result);
    if (!callback)
        return E_INVALIDARG;
    return submit_invoke(callback, result, is_parallel_queue(callback_queue(callback)));
}

HRESULT WINAPI MFPutWorkItemEx(DWORD queue, IMFAsyncResult *result)
{
    if (!result)
        return E_POINTER;
    if (!shim_platform_started())
        return MF_E_SHUTDOWN;
    if (!is_platform_queue(queue))
        return MF_E_INVALID_WORKQUEUE;
    IMFAsyncCallback *callback = result_callback(result);
    if (!callback)
        return E_INVALIDARG;
    return submit_invoke(callback, result, is_parallel_queue(queue));
}

HRESULT WINAPI MFPutWorkItem(DWORD queue, IMFAsyncCallback *callback, IUnknown *state)
{
    IMFAsyncResult *result;
    if (!callback)
        return E_INVALIDARG;
    if (!shim_platform_started())
        return MF_E_SHUTDOWN;
    if (!is_platform_queue(queue))
        return MF_E_INVALID_WORKQUEUE;
    HRESULT hr = MFCreateAsyncResult(NULL, callback, state, &result);
    if (FAILED(hr))
        return hr;
    hr = submit_invoke(callback, result, is_parallel_queue(queue));
    IMFAsyncResult_Release(result);
    return hr;
}

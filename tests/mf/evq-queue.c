/* IMFMediaEventQueue (MFCreateEventQueue): the rules Windows' conformance
 * tests (Wine's dlls/mfplat/tests) establish, blocking GetEvent woken by
 * QueueEvent and by Shutdown, Invoke on a worker thread, ordered delivery to
 * a subscriber that re-subscribes from its Invoke, Shutdown with a pending
 * BeginGetEvent, and no leaks. */
#include "evq-util.h"

static const GUID test_ext = { 0x12345678, 0x1234, 0x1234,
                               { 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21 } };

static IMFMediaEvent *new_event(MediaEventType type)
{
    IMFMediaEvent *ev = NULL;
    CHECK_HR(MFCreateMediaEvent(type, &GUID_NULL, S_OK, NULL, &ev), S_OK);
    return ev;
}

/* Invoke: takes the event (stored in user) and remembers the thread. */
typedef struct end_ctx {
    IMFMediaEventQueue *queue;
    IMFMediaEvent *event;
    HRESULT end_hr;
} end_ctx;

static void end_on_invoke(evq_callback *cb, IMFAsyncResult *result)
{
    end_ctx *c = cb->user;
    c->end_hr = IMFMediaEventQueue_EndGetEvent(c->queue, result, &c->event);
}

static void test_rules(void)
{
    IMFMediaEventQueue *queue;
    IMFMediaEvent *event, *event2;
    IMFAsyncResult *result;
    evq_callback cb, cb2;
    evq_callback_init(&cb);
    evq_callback_init(&cb2);

    CHECK_HR(MFCreateEventQueue(NULL), E_POINTER);
    CHECK_HR(MFCreateEventQueue(&queue), S_OK);

    CHECK_HR(IMFMediaEventQueue_GetEvent(queue, MF_EVENT_FLAG_NO_WAIT, NULL), E_INVALIDARG);
    CHECK_HR(IMFMediaEventQueue_GetEvent(queue, MF_EVENT_FLAG_NO_WAIT, &event),
             MF_E_NO_EVENTS_AVAILABLE);

    event = new_event(MEError);
    CHECK_HR(IMFMediaEventQueue_QueueEvent(queue, event), S_OK);
    CHECK_HR(IMFMediaEventQueue_GetEvent(queue, MF_EVENT_FLAG_NO_WAIT, &event2), S_OK);
    CHECK(event2 == event);
    IMFMediaEvent_Release(event2);
    CHECK_HR(IMFMediaEventQueue_QueueEvent(queue, event), S_OK);
    CHECK_HR(IMFMediaEventQueue_GetEvent(queue, 0, &event2), S_OK);
    CHECK(event2 == event);
    IMFMediaEvent_Release(event2);

    /* Subscribers. */
    CHECK_HR(IMFMediaEventQueue_BeginGetEvent(queue, NULL, NULL), E_INVALIDARG);
    CHECK_HR(IMFMediaEventQueue_BeginGetEvent(queue, &cb.iface, (IUnknown *)queue), S_OK);
    CHECK_HR(IMFMediaEventQueue_BeginGetEvent(queue, &cb.iface, (IUnknown *)queue),
             MF_S_MULTIPLE_BEGIN);
    CHECK_HR(IMFMediaEventQueue_BeginGetEvent(queue, &cb.iface, (IUnknown *)&cb.iface),
             MF_E_MULTIPLE_BEGIN);
    CHECK_HR(IMFMediaEventQueue_BeginGetEvent(queue, &cb2.iface, (IUnknown *)queue),
             MF_E_MULTIPLE_SUBSCRIBERS);
    CHECK_HR(IMFMediaEventQueue_BeginGetEvent(queue, &cb2.iface, (IUnknown *)&cb.iface),
             MF_E_MULTIPLE_SUBSCRIBERS);
    CHECK_HR(IMFMediaEventQueue_GetEvent(queue, MF_EVENT_FLAG_NO_WAIT, &event2),
             MF_E_MULTIPLE_SUBSCRIBERS);
    CHECK_HR(IMFMediaEventQueue_GetEvent(queue, 0, &event2), MF_E_MULTIPLE_SUBSCRIBERS);
    CHECK(evq_callback_invokes(&cb) == 0);

    end_ctx ctx = { queue, NULL, E_UNEXPECTED };
    cb.user = &ctx;
    cb.on_invoke = end_on_invoke;
    CHECK_HR(IMFMediaEventQueue_QueueEvent(queue, event), S_OK);
    CHECK(evq_callback_wait(&cb, 1, 2000));
    CHECK_HR(ctx.end_hr, S_OK);
    CHECK(ctx.event == event);
    CHECK(!pthread_equal(cb.thread, pthread_self()));
    CHECK(cb.state == (IUnknown *)queue);
    CHECK_HR(cb.status, S_OK);
    if (ctx.event)
        IMFMediaEvent_Release(ctx.event);
    /* The request ended with EndGetEvent: GetEvent works again. */
    CHECK_HR(IMFMediaEventQueue_GetEvent(queue, MF_EVENT_FLAG_NO_WAIT, &event2),
             MF_E_NO_EVENTS_AVAILABLE);

    /* A result that is not the pending request's. */
    CHECK_HR(MFCreateAsyncResult(NULL, &cb.iface, NULL, &result), S_OK);
    CHECK_HR(IMFMediaEventQueue_EndGetEvent(queue, result, &event2), E_FAIL);

    /* Typed variants. */
    PROPVARIANT var;
    PropVariantInit(&var);
    var.vt = VT_UI4;
    var.ulVal = 0xbeef;
    CHECK_HR(IMFMediaEventQueue_QueueEventParamVar(queue, MESessionStarted, &test_ext, E_FAIL, &var),
             S_OK);
    CHECK_HR(IMFMediaEventQueue_GetEvent(queue, MF_EVENT_FLAG_NO_WAIT, &event2), S_OK);
    if (event2) {
        MediaEventType type = 0;
        GUID ext;
        HRESULT status = S_OK;
        PROPVARIANT got;
        PropVariantInit(&got);
        IMFMediaEvent_GetType(event2, &type);
        IMFMediaEvent_GetExtendedType(event2, &ext);
        IMFMediaEvent_GetStatus(event2, &status);
        CHECK_HR(IMFMediaEvent_GetValue(event2, &got), S_OK);
        CHECK(type == MESessionStarted);
        CHECK(IsEqualGUID(&ext, &test_ext));
        CHECK(status == E_FAIL);
        CHECK(got.vt == VT_UI4 && got.ulVal == 0xbeef);
        PropVariantClear(&got);
        IMFMediaEvent_Release(event2);
    }
    evq_unknown unk;
    evq_unknown_init(&unk);
    CHECK_HR(IMFMediaEventQueue_QueueEventParamUnk(queue, MESessionTopologySet, &GUID_NULL, S_OK,
                                                   &unk.iface),
             S_OK);
    CHECK(evq_refs(&unk.refs) == 2); /* the queued event holds it */
    CHECK_HR(IMFMediaEventQueue_GetEvent(queue, MF_EVENT_FLAG_NO_WAIT, &event2), S_OK);
    if (event2) {
        PROPVARIANT got;
        PropVariantInit(&got);
        CHECK_HR(IMFMediaEvent_GetValue(event2, &got), S_OK);
        CHECK(got.vt == VT_UNKNOWN && got.punkVal == &unk.iface);
        CHECK(evq_refs(&unk.refs) == 3);
        PropVariantClear(&got);
        IMFMediaEvent_Release(event2);
    }
    CHECK(evq_refs(&unk.refs) == 1);

    /* Shutdown. */
    CHECK_HR(IMFMediaEventQueue_Shutdown(queue), S_OK);
    CHECK_HR(IMFMediaEventQueue_GetEvent(queue, MF_EVENT_FLAG_NO_WAIT, &event2), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaEventQueue_QueueEvent(queue, event), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaEventQueue_QueueEventParamUnk(queue, MEError, &GUID_NULL, E_FAIL, NULL),
             MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaEventQueue_QueueEventParamVar(queue, MEError, &GUID_NULL, E_FAIL, NULL),
             MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaEventQueue_BeginGetEvent(queue, &cb.iface, NULL), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaEventQueue_BeginGetEvent(queue, NULL, NULL), E_INVALIDARG);
    CHECK_HR(IMFMediaEventQueue_EndGetEvent(queue, result, &event2), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaEventQueue_Shutdown(queue), S_OK);
    IMFAsyncResult_Release(result);
    IMFMediaEvent_Release(event);
    /* The finished request's result (which holds the queue as its state)
     * goes away once the worker thread is done with it. */
    CHECK(evq_wait_live(1, 2000));
    CHECK(IMFMediaEventQueue_Release(queue) == 0);
    CHECK(evq_wait_live(0, 2000));
    CHECK(evq_wait_refs(&cb.refs, 1, 2000));
    CHECK(evq_refs(&cb2.refs) == 1);

    /* Released while subscribed: the callback is released, not invoked. */
    evq_callback_init(&cb);
    CHECK_HR(MFCreateEventQueue(&queue), S_OK);
    CHECK_HR(IMFMediaEventQueue_BeginGetEvent(queue, &cb.iface, NULL), S_OK);
    CHECK(evq_refs(&cb.refs) == 2);
    IMFMediaEventQueue_Release(queue);
    CHECK(evq_refs(&cb.refs) == 1);
    CHECK(evq_callback_invokes(&cb) == 0);
}

/* Shutdown with a pending BeginGetEvent: the request is dropped without an
 * Invoke (see queue.c for the sources), queued events are released. */
static void test_shutdown_pending(void)
{
    IMFMediaEventQueue *queue;
    evq_callback cb;
    evq_callback_init(&cb);
    LONG live = msess_mf_live_objects();

    CHECK_HR(MFCreateEventQueue(&queue), S_OK);
    CHECK_HR(IMFMediaEventQueue_BeginGetEvent(queue, &cb.iface, NULL), S_OK);
    CHECK_HR(IMFMediaEventQueue_Shutdown(queue), S_OK);
    CHECK(evq_refs(&cb.refs) == 1);
    test_sleep_ms(200);
    CHECK(evq_callback_invokes(&cb) == 0);
    IMFMediaEventQueue_Release(queue);

    /* Events still queued at Shutdown are released. */
    CHECK_HR(MFCreateEventQueue(&queue), S_OK);
    for (int i = 0; i < 3; i++)
        CHECK_HR(IMFMediaEventQueue_QueueEventParamVar(queue, MEUnknown, &GUID_NULL, S_OK, NULL),
                 S_OK);
    CHECK(msess_mf_live_objects() == live + 4);
    CHECK_HR(IMFMediaEventQueue_Shutdown(queue), S_OK);
    CHECK(msess_mf_live_objects() == live + 1);
    IMFMediaEventQueue_Release(queue);
    CHECK(evq_wait_live(live, 2000));
}

/* BeginGetEvent when an event is already queued: invoked at once. */
static void test_begin_with_event(void)
{
    IMFMediaEventQueue *queue;
    evq_callback cb;
    evq_callback_init(&cb);
    CHECK_HR(MFCreateEventQueue(&queue), S_OK);
    CHECK_HR(IMFMediaEventQueue_QueueEventParamVar(queue, MEEndOfPresentation, &GUID_NULL, S_OK,
                                                   NULL),
             S_OK);
    end_ctx ctx = { queue, NULL, E_UNEXPECTED };
    cb.user = &ctx;
    cb.on_invoke = end_on_invoke;
    CHECK_HR(IMFMediaEventQueue_BeginGetEvent(queue, &cb.iface, NULL), S_OK);
    CHECK(evq_callback_wait(&cb, 1, 2000));
    CHECK_HR(ctx.end_hr, S_OK);
    if (ctx.event) {
        MediaEventType type = 0;
        IMFMediaEvent_GetType(ctx.event, &type);
        CHECK(type == MEEndOfPresentation);
        IMFMediaEvent_Release(ctx.event);
    }
    IMFMediaEventQueue_Shutdown(queue);
    IMFMediaEventQueue_Release(queue);
    CHECK(evq_wait_live(0, 2000));
}

/* --------------------------------------------- blocking GetEvent wake-ups */

typedef struct delayed {
    IMFMediaEventQueue *queue;
    int delay_ms;
    bool shutdown; /* else queue an MESessionClosed */
} delayed;

static void *delayed_main(void *arg)
{
    delayed *d = arg;
    test_sleep_ms(d->delay_ms);
    if (d->shutdown)
        IMFMediaEventQueue_Shutdown(d->queue);
    else
        IMFMediaEventQueue_QueueEventParamVar(d->queue, MESessionClosed, &GUID_NULL, S_OK, NULL);
    return NULL;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

typedef struct blocked_get {
    IMFMediaEventQueue *queue;
    HRESULT hr;
    MediaEventType type;
} blocked_get;

static void *blocked_get_main(void *arg)
{
    blocked_get *b = arg;
    IMFMediaEvent *ev = NULL;
    b->hr = IMFMediaEventQueue_GetEvent(b->queue, 0, &ev);
    if (ev) {
        IMFMediaEvent_GetType(ev, &b->type);
        IMFMediaEvent_Release(ev);
    }
    return NULL;
}

static void test_blocking(void)
{
    IMFMediaEventQueue *queue;
    IMFMediaEvent *ev = NULL;
    pthread_t t;

    /* Woken by QueueEvent from another thread. */
    CHECK_HR(MFCreateEventQueue(&queue), S_OK);
    delayed d = { queue, 150, false };
    pthread_create(&t, NULL, delayed_main, &d);
    double start = now_ms();
    CHECK_HR(IMFMediaEventQueue_GetEvent(queue, 0, &ev), S_OK);
    double waited = now_ms() - start;
    pthread_join(t, NULL);
    CHECK(waited >= 100); /* it did block until the event came */
    if (ev) {
        MediaEventType type = 0;
        IMFMediaEvent_GetType(ev, &type);
        CHECK(type == MESessionClosed);
        IMFMediaEvent_Release(ev);
    }

    /* Woken by Shutdown. */
    d.shutdown = true;
    pthread_create(&t, NULL, delayed_main, &d);
    start = now_ms();
    ev = NULL;
    CHECK_HR(IMFMediaEventQueue_GetEvent(queue, 0, &ev), MF_E_SHUTDOWN);
    waited = now_ms() - start;
    pthread_join(t, NULL);
    CHECK(waited >= 100);
    CHECK(ev == NULL);
    IMFMediaEventQueue_Release(queue);

    /* Two blocked readers each get one event; BeginGetEvent meanwhile is a
     * second subscriber. */
    CHECK_HR(MFCreateEventQueue(&queue), S_OK);
    blocked_get b1 = { queue, E_UNEXPECTED, 0 }, b2 = { queue, E_UNEXPECTED, 0 };
    pthread_t t1, t2;
    pthread_create(&t1, NULL, blocked_get_main, &b1);
    pthread_create(&t2, NULL, blocked_get_main, &b2);
    test_sleep_ms(100);
    evq_callback cb;
    evq_callback_init(&cb);
    CHECK_HR(IMFMediaEventQueue_BeginGetEvent(queue, &cb.iface, NULL), MF_E_MULTIPLE_SUBSCRIBERS);
    CHECK_HR(IMFMediaEventQueue_QueueEventParamVar(queue, MESessionStarted, &GUID_NULL, S_OK, NULL),
             S_OK);
    CHECK_HR(IMFMediaEventQueue_QueueEventParamVar(queue, MESessionStopped, &GUID_NULL, S_OK, NULL),
             S_OK);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    CHECK_HR(b1.hr, S_OK);
    CHECK_HR(b2.hr, S_OK);
    CHECK((b1.type == MESessionStarted && b2.type == MESessionStopped) ||
          (b1.type == MESessionStopped && b2.type == MESessionStarted));
    IMFMediaEventQueue_Shutdown(queue);
    IMFMediaEventQueue_Release(queue);
    CHECK(evq_refs(&cb.refs) == 1);
    CHECK(evq_wait_live(0, 2000));
}

/* ------------------------------------------------------ ordered delivery */

#define ORDER_EVENTS 300

typedef struct order_ctx {
    IMFMediaEventQueue *queue;
    MediaEventType got[ORDER_EVENTS];
    int count;
    HRESULT first_error;
} order_ctx;

/* The classic client loop: EndGetEvent, BeginGetEvent again, then handle. */
static void order_on_invoke(evq_callback *cb, IMFAsyncResult *result)
{
    order_ctx *c = cb->user;
    IMFMediaEvent *ev = NULL;
    HRESULT hr = IMFMediaEventQueue_EndGetEvent(c->queue, result, &ev);
    if (SUCCEEDED(hr) && c->count + 1 < ORDER_EVENTS)
        hr = IMFMediaEventQueue_BeginGetEvent(c->queue, &cb->iface, NULL);
    if (FAILED(hr) && SUCCEEDED(c->first_error))
        c->first_error = hr;
    if (ev) {
        MediaEventType type = 0;
        IMFMediaEvent_GetType(ev, &type);
        IMFMediaEvent_Release(ev);
        test_sleep_ms(c->count % 50 == 0 ? 2 : 0); /* let the next Invoke try to overtake */
        if (c->count < ORDER_EVENTS)
            c->got[c->count] = type;
        c->count++;
    }
}

static void *order_producer(void *arg)
{
    order_ctx *c = arg;
    for (int i = 0; i < ORDER_EVENTS; i++)
        IMFMediaEventQueue_QueueEventParamVar(c->queue, (MediaEventType)(1000 + i), &GUID_NULL,
                                              S_OK, NULL);
    return NULL;
}

static void test_order(void)
{
    order_ctx c = { NULL, { 0 }, 0, S_OK };
    evq_callback cb;
    evq_callback_init(&cb);
    cb.on_invoke = order_on_invoke;
    cb.user = &c;
    CHECK_HR(MFCreateEventQueue(&c.queue), S_OK);
    CHECK_HR(IMFMediaEventQueue_BeginGetEvent(c.queue, &cb.iface, NULL), S_OK);
    pthread_t t;
    pthread_create(&t, NULL, order_producer, &c);
    pthread_join(t, NULL);
    CHECK(evq_callback_wait(&cb, ORDER_EVENTS, 10000));
    CHECK_HR(c.first_error, S_OK);
    CHECK(c.count == ORDER_EVENTS);
    int misordered = 0;
    for (int i = 0; i < ORDER_EVENTS && i < c.count; i++)
        misordered += c.got[i] != (MediaEventType)(1000 + i);
    CHECK(misordered == 0);
    CHECK(cb.max_active == 1); /* one subscriber's Invoke calls never overlap */
    IMFMediaEventQueue_Shutdown(c.queue);
    IMFMediaEventQueue_Release(c.queue);
    CHECK(evq_wait_live(0, 2000));
    CHECK(evq_wait_refs(&cb.refs, 1, 2000));
}

int main(void)
{
    /* The event queue works before MFStartup, as on Windows; the rest runs
     * started, the way clients use it. */
    test_rules();
    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL), S_OK);
    test_shutdown_pending();
    test_begin_with_event();
    test_blocking();
    test_order();
    CHECK_HR(MFShutdown(), S_OK);
    CHECK(msess_mf_live_objects() == 0);
    return evq_result("evq-queue");
}

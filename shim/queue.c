/* IMFMediaEventQueue (MFCreateEventQueue): the event queue behind every
 * IMFMediaEventGenerator of the shim (session, media source, streams).
 *
 * One subscriber at a time: a blocking or non-blocking GetEvent, or one
 * pending BeginGetEvent. BeginGetEvent keeps an async result for the
 * callback; when an event is (or already was) queued, the callback's Invoke
 * is queued on the worker threads (shim_invoke_async, never under the
 * queue's lock), and EndGetEvent with that result takes the oldest event.
 *
 * Shutdown drops the queued events and a pending BeginGetEvent without
 * calling its callback (Windows documents that Shutdown removes all events;
 * Wine, whose queue follows Windows' tests, releases the subscriber without
 * invoking it, and Windows' own test shows the callback released when the
 * queue goes away while subscribed). A GetEvent blocked in another thread
 * returns MF_E_SHUTDOWN. Afterwards every method returns MF_E_SHUTDOWN, but
 * Shutdown itself (S_OK again) and BeginGetEvent(NULL) (E_INVALIDARG, checked
 * first, as Windows does). */
#include <stdlib.h>

#include "shim.h"

typedef struct event_node {
    struct event_node *next;
    IMFMediaEvent *event;
} event_node;

typedef struct event_queue {
    shim_obj base;
    pthread_mutex_t lock;
    pthread_cond_t changed; /* an event arrived, or shutdown */
    event_node *head, *tail;
    /* The pending BeginGetEvent: its result (a reference) and, to compare
     * later calls, its callback and state (held by the result). */
    IMFAsyncResult *subscriber;
    IMFAsyncCallback *sub_callback;
    IUnknown *sub_state;
    bool notified;       /* the subscriber's Invoke is queued */
    unsigned waiters;    /* threads blocked in GetEvent */
    bool shut_down;
} event_queue;

static event_queue *queue_from(IMFMediaEventQueue *iface)
{
    return SHIM_FROM(event_queue, base, iface);
}

SHIM_IUNKNOWN(eq_, IMFMediaEventQueue, event_queue, base)

/* Lock held. */
static IMFMediaEvent *pop_event(event_queue *q)
{
    event_node *n = q->head;
    if (!n)
        return NULL;
    q->head = n->next;
    if (!q->head)
        q->tail = NULL;
    IMFMediaEvent *ev = n->event;
    free(n);
    return ev;
}

/* Takes everything a shut down or destroyed queue drops. Lock held; the
 * caller releases the returned list and result after unlocking. */
static event_node *take_all(event_queue *q, IMFAsyncResult **subscriber)
{
    event_node *list = q->head;
    q->head = q->tail = NULL;
    *subscriber = q->subscriber;
    q->subscriber = NULL;
    q->sub_callback = NULL;
    q->sub_state = NULL;
    q->notified = false;
    return list;
}

static void release_all(event_node *list, IMFAsyncResult *subscriber)
{
    while (list) {
        event_node *n = list;
        list = n->next;
        IMFMediaEvent_Release(n->event);
        free(n);
    }
    SHIM_RELEASE(subscriber);
}

/* If the subscriber has an event to take and was not told yet, marks it told
 * and returns a new reference to its result (the caller invokes it after
 * unlocking). Lock held. */
static IMFAsyncResult *due_notification(event_queue *q)
{
    if (!q->subscriber || q->notified || !q->head)
        return NULL;
    q->notified = true;
    IMFAsyncResult_AddRef(q->subscriber);
    return q->subscriber;
}

/* Queues the callback's Invoke; unlocked. */
static void notify(event_queue *q, IMFAsyncResult *result)
{
    IMFAsyncCallback *callback = ((MFASYNCRESULT *)result)->pCallback;
    if (FAILED(shim_invoke_async(callback, result))) {
        /* Let the next QueueEvent try again. */
        pthread_mutex_lock(&q->lock);
        if (q->subscriber == result)
            q->notified = false;
        pthread_mutex_unlock(&q->lock);
    }
    IMFAsyncResult_Release(result);
}

static HRESULT STDMETHODCALLTYPE eq_GetEvent(IMFMediaEventQueue *iface, DWORD flags,
                                             IMFMediaEvent **event)
{
    event_queue *q = queue_from(iface);
    HRESULT hr = S_OK;
    if (!event)
        return E_INVALIDARG; /* as documented for GetEvent */
    *event = NULL;
    pthread_mutex_lock(&q->lock);
    for (;;) {
        if (q->shut_down) {
            hr = MF_E_SHUTDOWN;
            break;
        }
        if (q->subscriber) {
            hr = MF_E_MULTIPLE_SUBSCRIBERS;
            break;
        }
        if ((*event = pop_event(q)))
            break;
        if (flags & MF_EVENT_FLAG_NO_WAIT) {
            hr = MF_E_NO_EVENTS_AVAILABLE;
            break;
        }
        q->waiters++;
        pthread_cond_wait(&q->changed, &q->lock);
        q->waiters--;
    }
    pthread_mutex_unlock(&q->lock);
    return hr;
}

static HRESULT STDMETHODCALLTYPE eq_BeginGetEvent(IMFMediaEventQueue *iface,
                                                  IMFAsyncCallback *callback, IUnknown *state)
{
    event_queue *q = queue_from(iface);
    IMFAsyncResult *result, *due = NULL;
    if (!callback)
        return E_INVALIDARG;
    /* Made before taking the lock: it calls AddRef on the client's objects. */
    HRESULT hr = MFCreateAsyncResult(NULL, callback, state, &result);
    if (FAILED(hr))
        return hr;
    pthread_mutex_lock(&q->lock);
    if (q->shut_down)
        hr = MF_E_SHUTDOWN;
    else if (q->subscriber && q->sub_callback == callback)
        hr = q->sub_state == state ? MF_S_MULTIPLE_BEGIN : MF_E_MULTIPLE_BEGIN;
    else if (q->subscriber || q->waiters)
        hr = MF_E_MULTIPLE_SUBSCRIBERS;
    if (hr == S_OK) {
        q->subscriber = result;
        q->sub_callback = callback;
        q->sub_state = state;
        q->notified = false;
        result = NULL;
        due = due_notification(q);
    }
    pthread_mutex_unlock(&q->lock);
    SHIM_RELEASE(result);
    if (due)
        notify(q, due);
    return hr;
}

static HRESULT STDMETHODCALLTYPE eq_EndGetEvent(IMFMediaEventQueue *iface,
                                                IMFAsyncResult *result, IMFMediaEvent **event)
{
    event_queue *q = queue_from(iface);
    IMFAsyncResult *done = NULL;
    HRESULT hr = S_OK;
    if (!event)
        return E_POINTER;
    *event = NULL;
    pthread_mutex_lock(&q->lock);
    if (q->shut_down) {
        hr = MF_E_SHUTDOWN;
    } else if (!result || result != q->subscriber || !q->head) {
        /* Not our pending request, or called before its Invoke. */
        hr = E_FAIL;
    } else {
        *event = pop_event(q);
        done = q->subscriber;
        q->subscriber = NULL;
        q->sub_callback = NULL;
        q->sub_state = NULL;
        q->notified = false;
    }
    pthread_mutex_unlock(&q->lock);
    SHIM_RELEASE(done);
    return hr;
}

static HRESULT STDMETHODCALLTYPE eq_QueueEvent(IMFMediaEventQueue *iface, IMFMediaEvent *event)
{
    event_queue *q = queue_from(iface);
    IMFAsyncResult *due = NULL;
    if (!event)
        return E_POINTER;
    event_node *n = malloc(sizeof(*n));
    if (!n)
        return E_OUTOFMEMORY;
    n->next = NULL;
    n->event = event;
    pthread_mutex_lock(&q->lock);
    if (q->shut_down) {
        pthread_mutex_unlock(&q->lock);
        free(n);
        return MF_E_SHUTDOWN;
    }
    IMFMediaEvent_AddRef(event);
    if (q->tail)
        q->tail->next = n;
    else
        q->head = n;
    q->tail = n;
    due = due_notification(q);
    if (q->waiters)
        pthread_cond_signal(&q->changed);
    pthread_mutex_unlock(&q->lock);
    if (due)
        notify(q, due);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE eq_QueueEventParamVar(IMFMediaEventQueue *iface,
                                                       MediaEventType type, REFGUID ext_type,
                                                       HRESULT status, const PROPVARIANT *value)
{
    IMFMediaEvent *event;
    HRESULT hr = MFCreateMediaEvent(type, ext_type, status, value, &event);
    if (FAILED(hr))
        return hr;
    hr = eq_QueueEvent(iface, event);
    IMFMediaEvent_Release(event);
    return hr;
}

static HRESULT STDMETHODCALLTYPE eq_QueueEventParamUnk(IMFMediaEventQueue *iface,
                                                       MediaEventType type, REFGUID ext_type,
                                                       HRESULT status, IUnknown *unk)
{
    PROPVARIANT value;
    PropVariantInit(&value);
    value.vt = VT_UNKNOWN;
    value.punkVal = unk;
    return eq_QueueEventParamVar(iface, type, ext_type, status, &value);
}

static HRESULT STDMETHODCALLTYPE eq_Shutdown(IMFMediaEventQueue *iface)
{
    event_queue *q = queue_from(iface);
    IMFAsyncResult *subscriber = NULL;
    event_node *dropped = NULL;
    pthread_mutex_lock(&q->lock);
    if (!q->shut_down) {
        q->shut_down = true;
        dropped = take_all(q, &subscriber);
        pthread_cond_broadcast(&q->changed);
    }
    pthread_mutex_unlock(&q->lock);
    release_all(dropped, subscriber);
    return S_OK;
}

static const IMFMediaEventQueueVtbl event_queue_vtbl = {
    SHIM_IUNKNOWN_VTBL(eq_),
    .GetEvent = eq_GetEvent,
    .BeginGetEvent = eq_BeginGetEvent,
    .EndGetEvent = eq_EndGetEvent,
    .QueueEvent = eq_QueueEvent,
    .QueueEventParamVar = eq_QueueEventParamVar,
    .QueueEventParamUnk = eq_QueueEventParamUnk,
    .Shutdown = eq_Shutdown,
};

static void event_queue_destroy(void *obj)
{
    event_queue *q = obj;
    IMFAsyncResult *subscriber;
    /* Nobody else holds a reference, so no lock is needed. */
    event_node *dropped = take_all(q, &subscriber);
    release_all(dropped, subscriber);
    pthread_cond_destroy(&q->changed);
    pthread_mutex_destroy(&q->lock);
}

static const shim_iface event_queue_ifaces[] = {
    { &IID_IMFMediaEventQueue, 0 },
    { NULL, 0 },
};

static const shim_class event_queue_class = {
    .name = "IMFMediaEventQueue",
    .ifaces = event_queue_ifaces,
    .destroy = event_queue_destroy,
};

/* A class whose destroy does nothing: for a queue whose lock could not be
 * made. */
static const shim_class event_queue_failed_class = {
    .name = "IMFMediaEventQueue",
    .ifaces = event_queue_ifaces,
};

HRESULT WINAPI MFCreateEventQueue(IMFMediaEventQueue **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    event_queue *q = shim_obj_new(sizeof(*q), &event_queue_class, &event_queue_vtbl);
    if (!q)
        return E_OUTOFMEMORY;
    if (pthread_mutex_init(&q->lock, NULL)) {
        q->base.cls = &event_queue_failed_class;
        shim_obj_release(&q->base);
        return E_OUTOFMEMORY;
    }
    if (pthread_cond_init(&q->changed, NULL)) {
        pthread_mutex_destroy(&q->lock);
        q->base.cls = &event_queue_failed_class;
        shim_obj_release(&q->base);
        return E_OUTOFMEMORY;
    }
    *out = (IMFMediaEventQueue *)q;
    return S_OK;
}

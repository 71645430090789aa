/* Conformance: the session's event queue (reference section 3, "Event
 * queue"): GetEvent with and without MF_EVENT_FLAG_NO_WAIT, BeginGetEvent's
 * rules for a second subscriber, EndGetEvent with a foreign result, and the
 * callback's Invoke on a worker thread. */
#include "mfconf.h"

/* A state object that does not count references. */
static HRESULT STDMETHODCALLTYPE state_QueryInterface(IUnknown *iface, REFIID riid, void **out)
{
    if (IsEqualIID(riid, &IID_IUnknown)) {
        *out = iface;
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}
static ULONG STDMETHODCALLTYPE state_AddRef(IUnknown *iface)
{
    (void)iface;
    return 2;
}
static ULONG STDMETHODCALLTYPE state_Release(IUnknown *iface)
{
    (void)iface;
    return 1;
}
static IUnknownVtbl state_vtbl = { state_QueryInterface, state_AddRef, state_Release };
static IUnknown state1 = { &state_vtbl }, state2 = { &state_vtbl };

/* An IMFAsyncCallback in C that ends the event request in Invoke, as the
 * tutorial's player does, and records where and what. */
typedef struct callback {
    IMFAsyncCallback iface;
    volatile LONG refs;
    IMFMediaSession *session;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int invoked;
    pthread_t thread;
    IUnknown *state;
    HRESULT end_hr;
    MediaEventType type;
    HRESULT status;
} callback;

static callback *cb_from(IMFAsyncCallback *iface)
{
    return (callback *)(void *)iface;
}

static HRESULT STDMETHODCALLTYPE cb_QueryInterface(IMFAsyncCallback *iface, REFIID riid, void **out)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IMFAsyncCallback)) {
        *out = iface;
        IMFAsyncCallback_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE cb_AddRef(IMFAsyncCallback *iface)
{
    return (ULONG)InterlockedIncrement(&cb_from(iface)->refs);
}

static ULONG STDMETHODCALLTYPE cb_Release(IMFAsyncCallback *iface)
{
    callback *c = cb_from(iface);
    LONG refs = InterlockedDecrement(&c->refs);
    if (!refs) {
        pthread_mutex_destroy(&c->lock);
        pthread_cond_destroy(&c->cond);
        free(c);
    }
    return (ULONG)refs;
}

static HRESULT STDMETHODCALLTYPE cb_GetParameters(IMFAsyncCallback *iface, DWORD *flags,
                                                  DWORD *queue)
{
    (void)iface;
    (void)flags;
    (void)queue;
    return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE cb_Invoke(IMFAsyncCallback *iface, IMFAsyncResult *result)
{
    callback *c = cb_from(iface);
    IMFMediaEvent *ev = NULL;
    HRESULT hr = IMFMediaSession_EndGetEvent(c->session, result, &ev);
    MediaEventType type = MEUnknown;
    HRESULT status = E_UNEXPECTED;
    if (ev) {
        IMFMediaEvent_GetType(ev, &type);
        IMFMediaEvent_GetStatus(ev, &status);
        IMFMediaEvent_Release(ev);
    }
    IUnknown *state = IMFAsyncResult_GetStateNoAddRef(result);
    pthread_mutex_lock(&c->lock);
    c->invoked++;
    c->thread = pthread_self();
    c->state = state;
    c->end_hr = hr;
    c->type = type;
    c->status = status;
    pthread_cond_broadcast(&c->cond);
    pthread_mutex_unlock(&c->lock);
    return S_OK;
}

static IMFAsyncCallbackVtbl cb_vtbl = {
    .QueryInterface = cb_QueryInterface,
    .AddRef = cb_AddRef,
    .Release = cb_Release,
    .GetParameters = cb_GetParameters,
    .Invoke = cb_Invoke,
};

static callback *cb_new(IMFMediaSession *s)
{
    callback *c = calloc(1, sizeof(*c));
    c->iface.lpVtbl = &cb_vtbl;
    c->refs = 1;
    c->session = s;
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->cond, NULL);
    return c;
}

/* Invocations so far, after waiting up to ms for at least `want`. */
static int cb_wait(callback *c, int want, int ms)
{
    long long end = conf_now_ms() + ms;
    pthread_mutex_lock(&c->lock);
    while (c->invoked < want && conf_now_ms() < end) {
        pthread_mutex_unlock(&c->lock);
        conf_sleep_ms(5);
        pthread_mutex_lock(&c->lock);
    }
    int n = c->invoked;
    pthread_mutex_unlock(&c->lock);
    return n;
}

static void no_wait_on_empty_queue(void)
{
    IMFMediaSession *s = NULL;
    if (!CHECK_HR(MFCreateMediaSession(NULL, &s), S_OK, "MFCreateMediaSession"))
        return;
    IMFMediaEvent *ev = NULL;
    CHECK_HR(IMFMediaSession_GetEvent(s, MF_EVENT_FLAG_NO_WAIT, &ev), MF_E_NO_EVENTS_AVAILABLE,
             "GetEvent(NO_WAIT) on an empty queue");
    CHECK(ev == NULL, "GetEvent(NO_WAIT) failed but gave an event");
    IMFMediaSession_Shutdown(s);
    IMFMediaSession_Release(s);
}

typedef struct getter {
    IMFMediaSession *session;
    volatile LONG done;
    HRESULT hr;
    MediaEventType type;
} getter;

static void *getter_main(void *arg)
{
    getter *g = arg;
    IMFMediaEvent *ev = NULL;
    g->hr = IMFMediaSession_GetEvent(g->session, 0, &ev);
    if (ev) {
        IMFMediaEvent_GetType(ev, &g->type);
        IMFMediaEvent_Release(ev);
    }
    InterlockedExchange(&g->done, 1);
    return NULL;
}

/* done, read atomically: the getter sets it while the main thread polls. */
static LONG getter_done(getter *g)
{
    return InterlockedCompareExchange(&g->done, 0, 0);
}

/* GetEvent(0) waits for the next event. */
static void get_event_blocks(void)
{
    IMFMediaSession *s = NULL;
    if (!CHECK_HR(MFCreateMediaSession(NULL, &s), S_OK, "MFCreateMediaSession"))
        return;
    getter g = { s, 0, E_UNEXPECTED, MEUnknown };
    pthread_t th;
    pthread_create(&th, NULL, getter_main, &g);
    conf_sleep_ms(300);
    bool early = getter_done(&g);
    CHECK(!early, "GetEvent(0) on an empty queue returned %s at once",
          conf_hr_name(early ? g.hr : S_OK));
    /* Start without a topology: MESessionStarted(MF_E_INVALIDREQUEST). */
    CHECK_HR(conf_start(s, -1), S_OK, "Start");
    for (int i = 0; i < 500 && !getter_done(&g); i++)
        conf_sleep_ms(10);
    if (CHECK(getter_done(&g), "GetEvent(0) did not return with the event")) {
        pthread_join(th, NULL);
        CHECK_HR(g.hr, S_OK, "GetEvent(0)");
        CHECK(g.type == MESessionStarted, "GetEvent(0) gave %s, expected MESessionStarted",
              conf_event_name(g.type));
        IMFMediaSession_Shutdown(s);
        IMFMediaSession_Release(s);
    } else {
        IMFMediaSession_Shutdown(s); /* should wake it: MF_E_SHUTDOWN */
        pthread_detach(th);
    }
}

static void begin_get_event_rules(void)
{
    IMFMediaSession *s = NULL;
    if (!CHECK_HR(MFCreateMediaSession(NULL, &s), S_OK, "MFCreateMediaSession"))
        return;
    callback *c1 = cb_new(s), *c2 = cb_new(s);
    CHECK_HR(IMFMediaSession_BeginGetEvent(s, NULL, NULL), E_INVALIDARG, "BeginGetEvent(NULL)");
    CHECK_HR(IMFMediaSession_BeginGetEvent(s, &c1->iface, &state1), S_OK, "BeginGetEvent");
    CHECK_HR(IMFMediaSession_BeginGetEvent(s, &c1->iface, &state1), MF_S_MULTIPLE_BEGIN,
             "BeginGetEvent again, same callback and state");
    CHECK_HR(IMFMediaSession_BeginGetEvent(s, &c1->iface, &state2), MF_E_MULTIPLE_BEGIN,
             "BeginGetEvent again, same callback, other state");
    CHECK_HR(IMFMediaSession_BeginGetEvent(s, &c2->iface, NULL), MF_E_MULTIPLE_SUBSCRIBERS,
             "BeginGetEvent with another callback");
    IMFMediaEvent *ev = NULL;
    CHECK_HR(IMFMediaSession_GetEvent(s, MF_EVENT_FLAG_NO_WAIT, &ev), MF_E_MULTIPLE_SUBSCRIBERS,
             "GetEvent(NO_WAIT) while a BeginGetEvent is pending");
    CHECK_HR(IMFMediaSession_GetEvent(s, 0, &ev), MF_E_MULTIPLE_SUBSCRIBERS,
             "GetEvent(0) while a BeginGetEvent is pending");
    if (ev)
        IMFMediaEvent_Release(ev);
    CHECK(cb_wait(c1, 1, 300) == 0, "Invoke without an event");

    /* One event: one Invoke, of the first callback, on another thread, with
     * its state; EndGetEvent in it gives the event. */
    CHECK_HR(conf_start(s, -1), S_OK, "Start");
    CHECK(cb_wait(c1, 1, CONF_TIMEOUT_MS) == 1, "the callback was not invoked");
    conf_sleep_ms(300);
    CHECK(cb_wait(c1, 2, 0) == 1, "the callback was invoked %d times for one event",
          cb_wait(c1, 2, 0));
    CHECK(cb_wait(c2, 1, 0) == 0, "the refused callback was invoked");
    pthread_mutex_lock(&c1->lock);
    bool other_thread = !pthread_equal(c1->thread, pthread_self());
    IUnknown *state = c1->state;
    HRESULT end_hr = c1->end_hr, status = c1->status;
    MediaEventType type = c1->type;
    pthread_mutex_unlock(&c1->lock);
    CHECK(other_thread, "Invoke ran on the thread that called Start");
    CHECK(state == &state1, "IMFAsyncResult::GetStateNoAddRef is not the state given");
    CHECK_HR(end_hr, S_OK, "EndGetEvent in Invoke");
    CHECK(type == MESessionStarted && status == MF_E_INVALIDREQUEST,
          "EndGetEvent gave %s(%s), expected MESessionStarted(MF_E_INVALIDREQUEST)",
          conf_event_name(type), conf_hr_name(status));

    /* The request is done: GetEvent works again. */
    CHECK_HR(IMFMediaSession_GetEvent(s, MF_EVENT_FLAG_NO_WAIT, &ev), MF_E_NO_EVENTS_AVAILABLE,
             "GetEvent(NO_WAIT) after the callback");
    IMFMediaSession_Shutdown(s);
    IMFMediaSession_Release(s);
    IMFAsyncCallback_Release(&c1->iface);
    IMFAsyncCallback_Release(&c2->iface);
}

static void end_get_event_foreign_result(void)
{
    IMFMediaSession *s = NULL;
    if (!CHECK_HR(MFCreateMediaSession(NULL, &s), S_OK, "MFCreateMediaSession"))
        return;
    callback *c = cb_new(s);
    IMFAsyncResult *result = NULL;
    CHECK_HR(MFCreateAsyncResult(NULL, &c->iface, NULL, &result), S_OK, "MFCreateAsyncResult");
    IMFMediaEvent *ev = NULL;
    if (result) {
        CHECK_HR(IMFMediaSession_EndGetEvent(s, result, &ev), E_FAIL,
                 "EndGetEvent with a result the session did not make");
        if (ev)
            IMFMediaEvent_Release(ev);
        IMFAsyncResult_Release(result);
    }
    IMFMediaSession_Shutdown(s);
    IMFMediaSession_Release(s);
    IMFAsyncCallback_Release(&c->iface);
}

int main(void)
{
    conf_init();
    CONF_CASE(no_wait_on_empty_queue);
    CONF_CASE(get_event_blocks);
    CONF_CASE(begin_get_event_rules);
    CONF_CASE(end_get_event_foreign_result);
    return conf_done();
}

/* Conformance: Shutdown (reference section 3, sequence 8 and the
 * synchronous returns): MF_E_SHUTDOWN from every method afterwards, a
 * second Shutdown included; the E_POINTER checks that come before the
 * shutdown state; the sinks and the clock ended, the media source left to
 * its owner. */
#include "mfconf.h"

/* An IMFAsyncCallback that does nothing (for calls that must fail). */
static HRESULT STDMETHODCALLTYPE idle_QueryInterface(IMFAsyncCallback *iface, REFIID riid, void **out)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IMFAsyncCallback)) {
        *out = iface;
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}
static ULONG STDMETHODCALLTYPE idle_AddRef(IMFAsyncCallback *iface)
{
    (void)iface;
    return 2;
}
static ULONG STDMETHODCALLTYPE idle_Release(IMFAsyncCallback *iface)
{
    (void)iface;
    return 1;
}
static HRESULT STDMETHODCALLTYPE idle_GetParameters(IMFAsyncCallback *iface, DWORD *flags,
                                                    DWORD *queue)
{
    (void)iface;
    (void)flags;
    (void)queue;
    return E_NOTIMPL;
}
static HRESULT STDMETHODCALLTYPE idle_Invoke(IMFAsyncCallback *iface, IMFAsyncResult *result)
{
    (void)iface;
    (void)result;
    return S_OK;
}
static IMFAsyncCallbackVtbl idle_vtbl = {
    .QueryInterface = idle_QueryInterface,
    .AddRef = idle_AddRef,
    .Release = idle_Release,
    .GetParameters = idle_GetParameters,
    .Invoke = idle_Invoke,
};
static IMFAsyncCallback idle_callback = { &idle_vtbl };

/* GetEvent(0) on another thread, so that a hang fails instead of blocking. */
typedef struct blocking_get {
    IMFMediaSession *session;
    volatile LONG done;
    HRESULT hr;
} blocking_get;

static void *blocking_get_main(void *arg)
{
    blocking_get *b = arg;
    IMFMediaEvent *ev = NULL;
    b->hr = IMFMediaSession_GetEvent(b->session, 0, &ev);
    if (ev)
        IMFMediaEvent_Release(ev);
    InterlockedExchange(&b->done, 1);
    return NULL;
}

/* done, read atomically: the thread sets it while the main thread polls. */
static LONG blocking_get_done(blocking_get *b)
{
    return InterlockedCompareExchange(&b->done, 0, 0);
}

/* The pointer checks Windows makes before anything else. */
static void check_pointers(IMFMediaSession *s, const char *when)
{
    char what[128];
    snprintf(what, sizeof(what), "Start(&GUID_NULL, NULL) %s", when);
    CHECK_HR(IMFMediaSession_Start(s, &GUID_NULL, NULL), E_POINTER, what);
    snprintf(what, sizeof(what), "GetSessionCapabilities(NULL) %s", when);
    CHECK_HR(IMFMediaSession_GetSessionCapabilities(s, NULL), E_POINTER, what);
}

static void every_method_after_shutdown(void)
{
    conf_play p;
    if (!conf_play_open(&p, "av.mp4", true, true, FALSE, NULL, __LINE__) ||
        !conf_play_ready(&p, __LINE__))
        goto out;
    IMFMediaSession *s = p.session;
    check_pointers(s, "before Shutdown");
    EXPECT_QUIET(s, 200, "after the E_POINTER calls");

    CHECK_HR(IMFMediaSession_Shutdown(s), S_OK, "Shutdown");

#define SHUT(call, name) CHECK_HR((call), MF_E_SHUTDOWN, name " after Shutdown")
    IMFMediaEvent *ev = NULL;
    SHUT(IMFMediaSession_GetEvent(s, MF_EVENT_FLAG_NO_WAIT, &ev), "GetEvent(NO_WAIT)");
    SHUT(IMFMediaSession_BeginGetEvent(s, &idle_callback, NULL), "BeginGetEvent");
    IMFAsyncResult *result = NULL;
    CHECK_HR(MFCreateAsyncResult(NULL, &idle_callback, NULL, &result), S_OK, "MFCreateAsyncResult");
    if (result) {
        SHUT(IMFMediaSession_EndGetEvent(s, result, &ev), "EndGetEvent");
        IMFAsyncResult_Release(result);
    }
    SHUT(IMFMediaSession_QueueEvent(s, MEExtendedType, &GUID_NULL, S_OK, NULL), "QueueEvent");
    SHUT(IMFMediaSession_SetTopology(s, 0, p.topology), "SetTopology");
    SHUT(IMFMediaSession_ClearTopologies(s), "ClearTopologies");
    SHUT(conf_start(s, -1), "Start");
    SHUT(IMFMediaSession_Pause(s), "Pause");
    SHUT(IMFMediaSession_Stop(s), "Stop");
    SHUT(IMFMediaSession_Close(s), "Close");
    SHUT(IMFMediaSession_Shutdown(s), "a second Shutdown");
    IMFClock *clock = NULL;
    SHUT(IMFMediaSession_GetClock(s, &clock), "GetClock");
    if (clock)
        IMFClock_Release(clock);
    DWORD caps;
    SHUT(IMFMediaSession_GetSessionCapabilities(s, &caps), "GetSessionCapabilities");
    IMFTopology *t = NULL;
    SHUT(IMFMediaSession_GetFullTopology(s, MFSESSION_GETFULLTOPOLOGY_CURRENT, 0, &t),
         "GetFullTopology(CURRENT)");
    if (t)
        IMFTopology_Release(t);
    IMFRateControl *rc = NULL;
    SHUT(MFGetService((IUnknown *)s, &MF_RATE_CONTROL_SERVICE, &IID_IMFRateControl, (void **)&rc),
         "IMFGetService::GetService");
    if (rc)
        IMFRateControl_Release(rc);
#undef SHUT
    check_pointers(s, "after Shutdown");

    /* IUnknown still answers. */
    IMFMediaSession *again = NULL;
    CHECK_HR(IMFMediaSession_QueryInterface(s, &IID_IMFMediaSession, (void **)&again), S_OK,
             "QueryInterface after Shutdown");
    if (again)
        IMFMediaSession_Release(again);

    /* GetEvent(0) does not wait on an ended queue. */
    blocking_get b = { s, 0, E_UNEXPECTED };
    pthread_t th;
    pthread_create(&th, NULL, blocking_get_main, &b);
    for (int i = 0; i < 200 && !blocking_get_done(&b); i++)
        conf_sleep_ms(10);
    if (CHECK(blocking_get_done(&b), "GetEvent(0) after Shutdown blocks")) {
        pthread_join(th, NULL);
        CHECK_HR(b.hr, MF_E_SHUTDOWN, "GetEvent(0) after Shutdown");
    } else {
        pthread_detach(th);
        p.session = NULL; /* the thread still uses it: leak it */
    }
    p.closed = true;
out:
    conf_play_close(&p);
}

static void shutdown_twice_idle(void)
{
    IMFMediaSession *s = NULL;
    if (!CHECK_HR(MFCreateMediaSession(NULL, &s), S_OK, "MFCreateMediaSession"))
        return;
    CHECK_HR(IMFMediaSession_Shutdown(s), S_OK, "Shutdown of a new session");
    CHECK_HR(IMFMediaSession_Shutdown(s), MF_E_SHUTDOWN, "second Shutdown");
    IMFMediaSession_Release(s);
}

/* Shutdown while playing, without Close: synchronous, no event; the sinks
 * are shut down (the grabbers' OnShutdown) and the clock too; the media
 * source, the application's, still works until its owner shuts it down. */
static void shutdown_while_playing(void)
{
    conf_play p;
    if (!conf_play_open(&p, "av.mp4", true, true, FALSE, NULL, __LINE__) ||
        !conf_play_ready(&p, __LINE__) || !conf_play_start(&p, __LINE__))
        goto out;
    conf_sleep_ms(300);
    IMFPresentationClock *clock = conf_session_clock(p.session);
    CHECK(clock != NULL, "GetClock gives no IMFPresentationClock");

    CHECK_HR(IMFMediaSession_Shutdown(p.session), S_OK, "Shutdown while playing");
    CHECK(GRABBED(p.video, shutdown) == 1, "video grabber: OnShutdown called %ld times by Shutdown",
          (long)GRABBED(p.video, shutdown));
    CHECK(GRABBED(p.audio, shutdown) == 1, "audio grabber: OnShutdown called %ld times by Shutdown",
          (long)GRABBED(p.audio, shutdown));
    LONG frames = GRABBED(p.video, samples);
    conf_sleep_ms(300);
    CHECK(GRABBED(p.video, samples) == frames, "frames still arrive after Shutdown");

    if (clock) {
        IMFShutdown *sd = NULL;
        HRESULT hr = IMFPresentationClock_QueryInterface(clock, &IID_IMFShutdown, (void **)&sd);
        CHECK_HR(hr, S_OK, "the session's clock: QueryInterface(IMFShutdown)");
        if (sd) {
            MFSHUTDOWN_STATUS st = MFSHUTDOWN_INITIATED;
            hr = IMFShutdown_GetShutdownStatus(sd, &st);
            CHECK(hr == S_OK && st == MFSHUTDOWN_COMPLETED,
                  "the session's clock after Shutdown: GetShutdownStatus %s, status %d",
                  conf_hr_name(hr), (int)st);
            IMFShutdown_Release(sd);
        }
        IMFPresentationClock_Release(clock);
    }

    /* The source is not shut down by the session. */
    IMFPresentationDescriptor *pd = NULL;
    HRESULT hr = IMFMediaSource_CreatePresentationDescriptor(p.source, &pd);
    CHECK_HR(hr, S_OK, "source after the session's Shutdown: CreatePresentationDescriptor");
    if (pd)
        IMFPresentationDescriptor_Release(pd);
    CHECK_HR(IMFMediaSource_Shutdown(p.source), S_OK, "the source's own Shutdown");
    pd = NULL;
    hr = IMFMediaSource_CreatePresentationDescriptor(p.source, &pd);
    CHECK_HR(hr, MF_E_SHUTDOWN, "source after its Shutdown: CreatePresentationDescriptor");
    if (pd)
        IMFPresentationDescriptor_Release(pd);
    p.closed = true;
out:
    conf_play_close(&p);
}

int main(void)
{
    conf_init();
    CONF_CASE(every_method_after_shutdown);
    CONF_CASE(shutdown_twice_idle);
    CONF_CASE(shutdown_while_playing);
    return conf_done();
}

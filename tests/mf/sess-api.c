/* The media session without media: interfaces and services, E_POINTER
 * and MF_E_SHUTDOWN rules, the error events of requests that the state
 * does not allow, rate support and rate requests (refusals arrive in call
 * order), configuration attributes, MFGetService, MFCreatePMPMediaSession. */
#include "sess-util.h"

/* An object without IMFGetService. */
static HRESULT STDMETHODCALLTYPE plain_qi(IUnknown *This, REFIID riid, void **out)
{
    if (IsEqualIID(riid, &IID_IUnknown)) {
        *out = This;
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE plain_ref(IUnknown *This)
{
    (void)This;
    return 1;
}

static IUnknownVtbl plain_vtbl = { plain_qi, plain_ref, plain_ref };

static void test_interfaces(IMFMediaSession *s)
{
    IUnknown *unk = NULL;
    CHECK_HR(IMFMediaSession_QueryInterface(s, &IID_IMFMediaEventGenerator, (void **)&unk), S_OK);
    CHECK(unk == (IUnknown *)s);
    if (unk)
        IUnknown_Release(unk);
    static const IID *const yes[] = { &IID_IUnknown, &IID_IMFMediaSession, &IID_IMFGetService,
                                      &IID_IMFRateControl, &IID_IMFRateSupport };
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        unk = NULL;
        CHECK_HR(IMFMediaSession_QueryInterface(s, yes[i], (void **)&unk), S_OK);
        if (unk)
            IUnknown_Release(unk);
    }
    unk = (IUnknown *)1;
    CHECK_HR(IMFMediaSession_QueryInterface(s, &IID_IMFAttributes, (void **)&unk), E_NOINTERFACE);
    CHECK(!unk);

    /* From any interface back to the others. */
    IMFRateSupport *rs = NULL;
    IMFRateControl *rc = NULL;
    CHECK_HR(IMFMediaSession_QueryInterface(s, &IID_IMFRateSupport, (void **)&rs), S_OK);
    CHECK_HR(IMFRateSupport_QueryInterface(rs, &IID_IMFRateControl, (void **)&rc), S_OK);
    IMFMediaSession *back = NULL;
    CHECK_HR(IMFRateControl_QueryInterface(rc, &IID_IMFMediaSession, (void **)&back), S_OK);
    CHECK(back == s);
    IMFMediaSession_Release(back);
    IMFRateControl_Release(rc);
    IMFRateSupport_Release(rs);
}

static void test_services(IMFMediaSession *s)
{
    IMFRateSupport *rs = NULL;
    IMFRateControl *rc = NULL;
    IUnknown *unk = NULL;
    CHECK_HR(MFGetService((IUnknown *)s, &MF_RATE_CONTROL_SERVICE, &IID_IMFRateSupport,
                          (void **)&rs), S_OK);
    CHECK_HR(MFGetService((IUnknown *)s, &MF_RATE_CONTROL_SERVICE, &IID_IMFRateControl,
                          (void **)&rc), S_OK);
    CHECK_HR(MFGetService((IUnknown *)s, &MF_RATE_CONTROL_SERVICE, &IID_IMFAttributes,
                          (void **)&unk), E_NOINTERFACE);
    /* No topology, no renderers. */
    CHECK_HR(MFGetService((IUnknown *)s, &MR_VIDEO_RENDER_SERVICE, &IID_IMFVideoDisplayControl,
                          (void **)&unk), MF_E_UNSUPPORTED_SERVICE);
    CHECK_HR(MFGetService((IUnknown *)s, &MR_POLICY_VOLUME_SERVICE, &IID_IMFSimpleAudioVolume,
                          (void **)&unk), MF_E_UNSUPPORTED_SERVICE);
    CHECK(!unk);

    /* MFGetService: NULL object; an object's QueryInterface failure comes
     * back as it is and the out pointer is left alone. */
    IUnknown plain = { &plain_vtbl };
    unk = (IUnknown *)0xdeadbeef;
    CHECK_HR(MFGetService(NULL, &MF_RATE_CONTROL_SERVICE, &IID_IMFRateSupport, (void **)&unk),
             E_POINTER);
    CHECK_HR(MFGetService(&plain, &MF_RATE_CONTROL_SERVICE, &IID_IMFRateSupport, (void **)&unk),
             E_NOINTERFACE);
    CHECK(unk == (IUnknown *)0xdeadbeef);

    /* Rate support: forward, unthinned, [1/16, 16]; no scrubbing. */
    float r = -5;
    CHECK_HR(IMFRateSupport_GetSlowestRate(rs, MFRATE_FORWARD, FALSE, &r), S_OK);
    CHECK(r == 1.0f / 16);
    CHECK_HR(IMFRateSupport_GetFastestRate(rs, MFRATE_FORWARD, FALSE, &r), S_OK);
    CHECK(r == 16.0f);
    CHECK_HR(IMFRateSupport_GetFastestRate(rs, MFRATE_REVERSE, FALSE, &r), MF_E_REVERSE_UNSUPPORTED);
    CHECK_HR(IMFRateSupport_GetSlowestRate(rs, MFRATE_REVERSE, FALSE, &r), MF_E_REVERSE_UNSUPPORTED);
    CHECK_HR(IMFRateSupport_GetFastestRate(rs, MFRATE_FORWARD, TRUE, &r), MF_E_THINNING_UNSUPPORTED);
    CHECK_HR(IMFRateSupport_GetSlowestRate(rs, MFRATE_FORWARD, FALSE, NULL), E_POINTER);
    CHECK_HR(IMFRateSupport_IsRateSupported(rs, FALSE, 2.0f, NULL), S_OK);
    r = 0;
    CHECK_HR(IMFRateSupport_IsRateSupported(rs, FALSE, 0.5f, &r), S_OK);
    CHECK(r == 0.5f);
    CHECK_HR(IMFRateSupport_IsRateSupported(rs, FALSE, 100.0f, &r), MF_E_UNSUPPORTED_RATE);
    CHECK(r == 16.0f);
    CHECK_HR(IMFRateSupport_IsRateSupported(rs, FALSE, 0.0f, &r), MF_E_UNSUPPORTED_RATE);
    CHECK(r == 1.0f / 16);
    CHECK_HR(IMFRateSupport_IsRateSupported(rs, TRUE, 0.0f, &r), MF_E_THINNING_UNSUPPORTED);
    CHECK_HR(IMFRateSupport_IsRateSupported(rs, FALSE, -1.0f, &r), MF_E_REVERSE_UNSUPPORTED);

    BOOL thin = TRUE;
    r = 0;
    CHECK_HR(IMFRateControl_GetRate(rc, &thin, &r), S_OK);
    CHECK(!thin && r == 1.0f);
    CHECK_HR(IMFRateControl_GetRate(rc, NULL, &r), S_OK);
    CHECK(FAILED(IMFRateControl_GetRate(rc, &thin, NULL)));
    IMFRateControl_Release(rc);
    IMFRateSupport_Release(rs);
}

/* Requests the state does not allow, answered by events in call order. */
static void test_error_events(IMFMediaSession *s)
{
    PROPVARIANT pos;
    PropVariantInit(&pos);
    IMFTopology *topo = NULL;
    CHECK_HR(IMFMediaSession_GetFullTopology(s, MFSESSION_GETFULLTOPOLOGY_CURRENT, 0, &topo),
             MF_E_INVALIDREQUEST);
    CHECK(!topo);
    CHECK_HR(IMFMediaSession_GetFullTopology(s, MFSESSION_GETFULLTOPOLOGY_CURRENT, 0, NULL),
             E_POINTER);
    DWORD caps = 0xffff;
    CHECK_HR(IMFMediaSession_GetSessionCapabilities(s, &caps), S_OK);
    CHECK(caps == 0);
    CHECK_HR(IMFMediaSession_SetTopology(s, 0, NULL), E_INVALIDARG);
    IMFTopology *empty = NULL;
    REQUIRE(SUCCEEDED(MFCreateTopology(&empty)));
    CHECK_HR(IMFMediaSession_SetTopology(s, 0, empty), E_INVALIDARG);
    IMFTopology_Release(empty);

    CHECK_HR(IMFMediaSession_Start(s, NULL, &pos), S_OK);
    CHECK_HR(IMFMediaSession_Stop(s), S_OK);
    CHECK_HR(IMFMediaSession_Pause(s), S_OK);
    CHECK_HR(IMFMediaSession_ClearTopologies(s), S_OK);
    EXPECT_DROP(s, MESessionStarted, MF_E_INVALIDREQUEST);
    EXPECT_DROP(s, MESessionStopped, MF_E_INVALIDREQUEST);
    EXPECT_DROP(s, MESessionPaused, MF_E_INVALIDREQUEST);
    EXPECT_DROP(s, MESessionTopologiesCleared, S_OK);

    /* Start in a time format msess sources do not have, or with a position
     * of another type: refused through MESessionStarted, in order. */
    static const GUID other_format = { 0x12345678, 0x1, 0x2, { 3, 4, 5, 6, 7, 8, 9, 10 } };
    CHECK_HR(IMFMediaSession_Start(s, &other_format, &pos), S_OK);
    pos.vt = VT_R8;
    pos.dblVal = 1.0;
    CHECK_HR(IMFMediaSession_Start(s, &GUID_NULL, &pos), S_OK);
    pos.vt = VT_EMPTY;
    CHECK_HR(IMFMediaSession_Pause(s), S_OK);
    EXPECT_DROP(s, MESessionStarted, MF_E_UNSUPPORTED_TIME_FORMAT);
    EXPECT_DROP(s, MESessionStarted, E_INVALIDARG);
    EXPECT_DROP(s, MESessionPaused, MF_E_INVALIDREQUEST);
    CHECK(sess_quiet(s, 50));
}

static float event_rate(IMFMediaEvent *ev)
{
    PROPVARIANT v;
    PropVariantInit(&v);
    if (!ev || FAILED(IMFMediaEvent_GetValue(ev, &v)) || v.vt != VT_R4)
        return -100.0f;
    return v.fltVal;
}

/* Stopped, every transition is allowed: what is refused is refused for
 * the rate itself. */
static void test_rates_stopped(IMFMediaSession *s)
{
    IMFRateControl *rc = NULL;
    REQUIRE(SUCCEEDED(MFGetService((IUnknown *)s, &MF_RATE_CONTROL_SERVICE, &IID_IMFRateControl,
                                   (void **)&rc)));
    CHECK_HR(IMFRateControl_SetRate(rc, FALSE, 2.0f), S_OK);
    CHECK_HR(IMFRateControl_SetRate(rc, TRUE, 1.0f), S_OK);
    CHECK_HR(IMFRateControl_SetRate(rc, FALSE, -1.0f), S_OK);
    CHECK_HR(IMFRateControl_SetRate(rc, FALSE, 0.0f), S_OK);
    CHECK_HR(IMFRateControl_SetRate(rc, FALSE, 100.0f), S_OK);
    PROPVARIANT pos;
    PropVariantInit(&pos);
    CHECK_HR(IMFMediaSession_Start(s, &GUID_NULL, &pos), S_OK);
    CHECK_HR(IMFRateControl_SetRate(rc, FALSE, 0.5f), S_OK);

    IMFMediaEvent *ev = EXPECT(s, MESessionRateChanged, S_OK);
    CHECK(event_rate(ev) == 2.0f);
    if (ev)
        IMFMediaEvent_Release(ev);
    ev = EXPECT(s, MESessionRateChanged, MF_E_THINNING_UNSUPPORTED);
    CHECK(event_rate(ev) == 2.0f); /* the rate that stays */
    if (ev)
        IMFMediaEvent_Release(ev);
    EXPECT_DROP(s, MESessionRateChanged, MF_E_REVERSE_UNSUPPORTED);
    EXPECT_DROP(s, MESessionRateChanged, MF_E_UNSUPPORTED_RATE);
    EXPECT_DROP(s, MESessionRateChanged, MF_E_UNSUPPORTED_RATE);
    EXPECT_DROP(s, MESessionStarted, MF_E_INVALIDREQUEST);
    ev = EXPECT(s, MESessionRateChanged, S_OK);
    CHECK(event_rate(ev) == 0.5f);
    if (ev)
        IMFMediaEvent_Release(ev);
    float r = 0;
    CHECK_HR(IMFRateControl_GetRate(rc, NULL, &r), S_OK);
    CHECK(r == 0.5f);
    IMFRateControl_Release(rc);
}

static void test_close(IMFMediaSession *s)
{
    PROPVARIANT pos;
    PropVariantInit(&pos);
    CHECK_HR(IMFMediaSession_Close(s), S_OK);
    CHECK_HR(IMFMediaSession_ClearTopologies(s), S_OK);
    CHECK_HR(IMFMediaSession_Start(s, &GUID_NULL, &pos), S_OK);
    CHECK_HR(IMFMediaSession_Close(s), S_OK);
    EXPECT_DROP(s, MESessionClosed, S_OK);
    EXPECT_DROP(s, MESessionTopologiesCleared, MF_E_INVALIDREQUEST);
    EXPECT_DROP(s, MESessionStarted, MF_E_INVALIDREQUEST);
    EXPECT_DROP(s, MESessionClosed, MF_E_INVALIDREQUEST);
    CHECK(sess_quiet(s, 50));
}

static void test_shutdown(IMFMediaSession *s)
{
    IMFClock *clock = NULL, *clock2 = NULL;
    CHECK_HR(IMFMediaSession_GetClock(s, &clock), S_OK);
    CHECK_HR(IMFMediaSession_GetClock(s, &clock2), S_OK);
    CHECK(clock && clock == clock2);
    IMFPresentationClock *pc = NULL;
    CHECK_HR(IMFClock_QueryInterface(clock, &IID_IMFPresentationClock, (void **)&pc), S_OK);
    if (pc)
        IMFPresentationClock_Release(pc);
    IMFClock_Release(clock2);

    IMFGetService *gs = NULL;
    REQUIRE(SUCCEEDED(IMFMediaSession_QueryInterface(s, &IID_IMFGetService, (void **)&gs)));
    IMFRateControl *rc = NULL;
    IMFRateSupport *rs = NULL;
    REQUIRE(SUCCEEDED(IMFGetService_GetService(gs, &MF_RATE_CONTROL_SERVICE, &IID_IMFRateControl,
                                               (void **)&rc)));
    REQUIRE(SUCCEEDED(IMFGetService_GetService(gs, &MF_RATE_CONTROL_SERVICE, &IID_IMFRateSupport,
                                               (void **)&rs)));

    CHECK_HR(IMFMediaSession_Shutdown(s), S_OK);
    CHECK(sess_next(s, 0) == NULL);

    PROPVARIANT pos;
    PropVariantInit(&pos);
    IMFMediaEvent *ev = NULL;
    IMFTopology *topo = NULL;
    DWORD caps = 0;
    IUnknown *unk = NULL;
    float r = 0;
    /* Pointer checks come first for these two. */
    CHECK_HR(IMFMediaSession_Start(s, &GUID_NULL, NULL), E_POINTER);
    CHECK_HR(IMFMediaSession_GetSessionCapabilities(s, NULL), E_POINTER);
    CHECK_HR(IMFMediaSession_Start(s, &GUID_NULL, &pos), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaSession_GetEvent(s, MF_EVENT_FLAG_NO_WAIT, &ev), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaSession_QueueEvent(s, MEUnknown, &GUID_NULL, S_OK, NULL), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaSession_SetTopology(s, 0, NULL), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaSession_ClearTopologies(s), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaSession_Pause(s), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaSession_Stop(s), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaSession_Close(s), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaSession_GetClock(s, &clock2), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaSession_GetSessionCapabilities(s, &caps), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaSession_GetFullTopology(s, MFSESSION_GETFULLTOPOLOGY_CURRENT, 0, &topo),
             MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaSession_Shutdown(s), MF_E_SHUTDOWN);
    CHECK_HR(IMFGetService_GetService(gs, &MF_RATE_CONTROL_SERVICE, &IID_IMFRateSupport,
                                      (void **)&unk), MF_E_SHUTDOWN);
    CHECK_HR(IMFRateControl_SetRate(rc, FALSE, 1.0f), MF_E_SHUTDOWN);
    CHECK_HR(IMFRateControl_GetRate(rc, NULL, &r), MF_E_SHUTDOWN);
    CHECK_HR(IMFRateSupport_GetFastestRate(rs, MFRATE_FORWARD, FALSE, &r), MF_E_SHUTDOWN);
    CHECK_HR(IMFRateSupport_IsRateSupported(rs, FALSE, 1.0f, &r), MF_E_SHUTDOWN);
    /* IUnknown still works. */
    CHECK_HR(IMFMediaSession_QueryInterface(s, &IID_IMFGetService, (void **)&unk), S_OK);
    if (unk)
        IUnknown_Release(unk);

    /* The session's clock was shut down with it (IMFShutdown). */
    IMFShutdown *sd = NULL;
    if (SUCCEEDED(IMFClock_QueryInterface(clock, &IID_IMFShutdown, (void **)&sd))) {
        MFSHUTDOWN_STATUS st = MFSHUTDOWN_INITIATED;
        CHECK_HR(IMFShutdown_GetShutdownStatus(sd, &st), S_OK);
        CHECK(st == MFSHUTDOWN_COMPLETED);
        IMFShutdown_Release(sd);
    }
    IMFClock_Release(clock);
    IMFRateSupport_Release(rs);
    IMFRateControl_Release(rc);
    IMFGetService_Release(gs);
}

static void test_config(void)
{
    IMFAttributes *attrs = NULL;
    IMFMediaSession *s = NULL;
    REQUIRE(SUCCEEDED(MFCreateAttributes(&attrs, 4)));
    /* A loader class that is not registered: Windows creates the session
     * anyway (and so does the shim, with its own loader). */
    IMFAttributes_SetGUID(attrs, &MF_SESSION_TOPOLOADER, &MF_SESSION_TOPOLOADER);
    IMFAttributes_SetGUID(attrs, &MF_SESSION_QUALITY_MANAGER, &GUID_NULL);
    IMFAttributes_SetUINT32(attrs, &MF_SESSION_GLOBAL_TIME, TRUE);
    IMFAttributes_SetUINT32(attrs, &MF_LOW_LATENCY, TRUE);
    CHECK_HR(MFCreateMediaSession(attrs, &s), S_OK);
    if (s) {
        CHECK_HR(IMFMediaSession_Shutdown(s), S_OK);
        IMFMediaSession_Release(s);
    }
    IMFAttributes_Release(attrs);
    CHECK_HR(MFCreateMediaSession(NULL, NULL), E_POINTER);

    IMFActivate *enabler = (IMFActivate *)1;
    s = (IMFMediaSession *)1;
    CHECK_HR(MFCreatePMPMediaSession(MFPMPSESSION_UNPROTECTED_PROCESS, NULL, &s, &enabler),
             E_NOTIMPL);
    CHECK(!s && !enabler);
}

int main(void)
{
    REQUIRE(SUCCEEDED(MFStartup(MF_VERSION, MFSTARTUP_FULL)));
    LONG live = msess_mf_live_objects();

    IMFMediaSession *s = NULL;
    REQUIRE(SUCCEEDED(MFCreateMediaSession(NULL, &s)));
    test_interfaces(s);
    test_services(s);
    test_error_events(s);
    test_rates_stopped(s);
    test_close(s);
    test_shutdown(s);
    CHECK(IMFMediaSession_Release(s) == 0);

    /* Released without Shutdown: the session shuts itself down. */
    REQUIRE(SUCCEEDED(MFCreateMediaSession(NULL, &s)));
    IMFMediaSession_Release(s);

    test_config();

    CHECK(msess_mf_live_objects() == live);
    MFShutdown();
    if (failures)
        fprintf(stderr, "%d failure(s)\n", failures);
    return failures ? 1 : 0;
}

/* The media session playing av.mp4 (4 s, H.264 + AAC) into sample
 * grabbers: the event sequences of SetTopology, Start, Pause, seeks, Stop
 * and Close with their values and attributes, GetFullTopology, services of
 * the outputs, the rate-transition rules while running and paused, and
 * what Shutdown does to the outputs. */
#include "sess-util.h"

static float event_rate(IMFMediaEvent *ev)
{
    PROPVARIANT v;
    PropVariantInit(&v);
    if (!ev || FAILED(IMFMediaEvent_GetValue(ev, &v)) || v.vt != VT_R4)
        return -100.0f;
    return v.fltVal;
}

/* Start from stopped or paused: +PAUSE, then MESessionStarted. */
static void expect_started(IMFMediaSession *s)
{
    IMFMediaEvent *ev = EXPECT(s, MESessionCapabilitiesChanged, S_OK);
    UINT32 delta = 0;
    CHECK(sess_caps_of(ev, &delta) == (SESS_FILE_CAPS | MFSESSIONCAP_PAUSE));
    CHECK(delta == MFSESSIONCAP_PAUSE);
    if (ev)
        IMFMediaEvent_Release(ev);
    ev = EXPECT(s, MESessionStarted, S_OK);
    UINT64 offset = 1;
    CHECK(ev && SUCCEEDED(IMFMediaEvent_GetUINT64(ev, &MF_EVENT_PRESENTATION_TIME_OFFSET, &offset)));
    CHECK(offset == 0);
    if (ev)
        IMFMediaEvent_Release(ev);
}

static void expect_pause_removed(IMFMediaSession *s)
{
    IMFMediaEvent *ev = EXPECT(s, MESessionCapabilitiesChanged, S_OK);
    UINT32 delta = 0;
    CHECK(sess_caps_of(ev, &delta) == SESS_FILE_CAPS);
    CHECK(delta == MFSESSIONCAP_PAUSE);
    if (ev)
        IMFMediaEvent_Release(ev);
}

static void wait_samples(grabber_cb *g, LONG more)
{
    LONG want = grabber_samples(g) + more;
    for (int i = 0; i < 500 && grabber_samples(g) < want; i++)
        test_sleep_ms(10);
    CHECK(grabber_samples(g) >= want);
}

int main(void)
{
    REQUIRE(SUCCEEDED(MFStartup(MF_VERSION, MFSTARTUP_FULL)));
    LONG live = msess_mf_live_objects();

    IMFMediaSource *src = sess_open("av.mp4");
    sess_outputs out;
    sess_outputs_init(&out);
    IMFTopology *partial = sess_topology(src, &out);
    IMFMediaSession *s = NULL;
    REQUIRE(SUCCEEDED(MFCreateMediaSession(NULL, &s)));

    /* SetTopology: TopologySet(full), NotifyPresentationTime, caps, READY. */
    IMFTopology *full = sess_set_ready(s, partial, SESS_FILE_CAPS);
    DWORD caps = 0;
    CHECK_HR(IMFMediaSession_GetSessionCapabilities(s, &caps), S_OK);
    CHECK(caps == SESS_FILE_CAPS);
    /* The sample grabbers learnt the session's clock. */
    CHECK(__atomic_load_n(&out.video_cb->clock_set, __ATOMIC_SEQ_CST) >= 1);

    /* GetFullTopology: the current one, the same object as the events';
     * by id; an unknown id. */
    IMFTopology *got = NULL;
    CHECK_HR(IMFMediaSession_GetFullTopology(s, MFSESSION_GETFULLTOPOLOGY_CURRENT, 0, &got), S_OK);
    CHECK(got == full);
    if (got)
        IMFTopology_Release(got);
    TOPOID id = 0;
    if (full)
        IMFTopology_GetTopologyID(full, &id);
    got = NULL;
    CHECK_HR(IMFMediaSession_GetFullTopology(s, 0, id, &got), S_OK);
    CHECK(got == full);
    if (got)
        IMFTopology_Release(got);
    CHECK_HR(IMFMediaSession_GetFullTopology(s, 0, id + 12345, &got), MF_E_INVALIDREQUEST);

    /* Sample grabbers are no renderers: no volume, no video display. */
    IUnknown *unk = NULL;
    CHECK_HR(MFGetService((IUnknown *)s, &MR_VIDEO_RENDER_SERVICE, &IID_IMFVideoDisplayControl,
                          (void **)&unk), MF_E_UNSUPPORTED_SERVICE);
    CHECK_HR(MFGetService((IUnknown *)s, &MR_POLICY_VOLUME_SERVICE, &IID_IMFSimpleAudioVolume,
                          (void **)&unk), MF_E_UNSUPPORTED_SERVICE);

    /* Start: STARTED_SOURCE, +PAUSE, Started. */
    PROPVARIANT pos;
    PropVariantInit(&pos);
    CHECK_HR(IMFMediaSession_Start(s, NULL, &pos), S_OK);
    IMFMediaEvent *ev = EXPECT_STATUS(s, MF_TOPOSTATUS_STARTED_SOURCE);
    unk = sess_event_unknown(ev);
    CHECK(unk && unk == (IUnknown *)full);
    if (unk)
        IUnknown_Release(unk);
    if (ev)
        IMFMediaEvent_Release(ev);
    expect_started(s);
    wait_samples(out.video_cb, 5);
    wait_samples(out.audio_cb, 5);

    /* Running: forward <-> reverse and forward <-> 0 are refused as
     * transitions; forward to forward works. */
    IMFRateControl *rc = NULL;
    REQUIRE(SUCCEEDED(MFGetService((IUnknown *)s, &MF_RATE_CONTROL_SERVICE, &IID_IMFRateControl,
                                   (void **)&rc)));
    CHECK_HR(IMFRateControl_SetRate(rc, FALSE, 0.0f), S_OK);
    CHECK_HR(IMFRateControl_SetRate(rc, FALSE, -1.0f), S_OK);
    CHECK_HR(IMFRateControl_SetRate(rc, FALSE, 2.0f), S_OK);
    EXPECT_DROP(s, MESessionRateChanged, MF_E_UNSUPPORTED_RATE_TRANSITION);
    EXPECT_DROP(s, MESessionRateChanged, MF_E_UNSUPPORTED_RATE_TRANSITION);
    ev = EXPECT(s, MESessionRateChanged, S_OK);
    CHECK(event_rate(ev) == 2.0f);
    if (ev)
        IMFMediaEvent_Release(ev);

    /* Pause: -PAUSE, Paused. A second Pause is refused. */
    CHECK_HR(IMFMediaSession_Pause(s), S_OK);
    expect_pause_removed(s);
    EXPECT_DROP(s, MESessionPaused, S_OK);
    CHECK_HR(IMFMediaSession_Pause(s), S_OK);
    EXPECT_DROP(s, MESessionPaused, MF_E_INVALIDREQUEST);

    /* Paused: forward <-> 0 is an allowed transition (msess cannot scrub,
     * so the rate itself is refused); forward <-> reverse is not. */
    CHECK_HR(IMFRateControl_SetRate(rc, FALSE, 0.0f), S_OK);
    CHECK_HR(IMFRateControl_SetRate(rc, FALSE, -1.0f), S_OK);
    CHECK_HR(IMFRateControl_SetRate(rc, FALSE, 1.0f), S_OK);
    EXPECT_DROP(s, MESessionRateChanged, MF_E_UNSUPPORTED_RATE);
    EXPECT_DROP(s, MESessionRateChanged, MF_E_UNSUPPORTED_RATE_TRANSITION);
    EXPECT_DROP(s, MESessionRateChanged, S_OK);

    /* A seek from paused: +PAUSE, Started; samples flow again. */
    pos.vt = VT_I8;
    pos.hVal.QuadPart = 10000000; /* 1 s */
    CHECK_HR(IMFMediaSession_Start(s, &GUID_NULL, &pos), S_OK);
    expect_started(s);
    wait_samples(out.video_cb, 3);

    /* A seek while running: Started only. Past the end: the position is
     * refused. */
    pos.hVal.QuadPart = 20000000;
    CHECK_HR(IMFMediaSession_Start(s, &GUID_NULL, &pos), S_OK);
    EXPECT_DROP(s, MESessionStarted, S_OK);
    pos.hVal.QuadPart = 1000000000; /* 100 s */
    CHECK_HR(IMFMediaSession_Start(s, &GUID_NULL, &pos), S_OK);
    EXPECT_DROP(s, MESessionStarted, MF_E_INVALID_POSITION);

    /* Stop: Stopped with its time and no caps change (MF keeps PAUSE in
     * the caps). A second Stop with a topology succeeds. */
    CHECK_HR(IMFMediaSession_Stop(s), S_OK);
    ev = EXPECT(s, MESessionStopped, S_OK);
    UINT64 t = 0;
    CHECK(ev && SUCCEEDED(IMFMediaEvent_GetUINT64(ev, &MF_SESSION_APPROX_EVENT_OCCURRENCE_TIME, &t)));
    if (ev)
        IMFMediaEvent_Release(ev);
    CHECK_HR(IMFMediaSession_Stop(s), S_OK);
    EXPECT_DROP(s, MESessionStopped, S_OK);

    /* Stopped: every transition is allowed (the rates are refused). */
    CHECK_HR(IMFRateControl_SetRate(rc, FALSE, -1.0f), S_OK);
    EXPECT_DROP(s, MESessionRateChanged, MF_E_REVERSE_UNSUPPORTED);

    /* Resume from stopped starts over: Started (PAUSE was kept). */
    pos.vt = VT_EMPTY;
    CHECK_HR(IMFMediaSession_Start(s, &GUID_NULL, &pos), S_OK);
    EXPECT_DROP(s, MESessionStarted, S_OK);

    /* Close from started: it stops without MESessionStopped, START and SEEK
     * go (PAUSE stays, as Windows'); Closed is last. */
    CHECK_HR(IMFMediaSession_Close(s), S_OK);
    ev = EXPECT(s, MESessionCapabilitiesChanged, S_OK);
    UINT32 delta = 0;
    CHECK(sess_caps_of(ev, &delta) ==
          ((SESS_FILE_CAPS | MFSESSIONCAP_PAUSE) & ~(DWORD)(MFSESSIONCAP_START | MFSESSIONCAP_SEEK)));
    CHECK(delta == (MFSESSIONCAP_START | MFSESSIONCAP_SEEK));
    if (ev)
        IMFMediaEvent_Release(ev);
    EXPECT_DROP(s, MESessionClosed, S_OK);
    CHECK(sess_quiet(s, 100));
    got = NULL;
    CHECK_HR(IMFMediaSession_GetFullTopology(s, MFSESSION_GETFULLTOPOLOGY_CURRENT, 0, &got),
             MF_E_INVALIDREQUEST);

    /* Shutdown tells the grabbers; the source is the application's. */
    CHECK_HR(IMFMediaSession_Shutdown(s), S_OK);
    CHECK(__atomic_load_n(&out.video_cb->shutdowns, __ATOMIC_SEQ_CST) == 1);
    CHECK(__atomic_load_n(&out.audio_cb->shutdowns, __ATOMIC_SEQ_CST) == 1);
    IMFPresentationDescriptor *pd = NULL;
    CHECK_HR(IMFMediaSource_CreatePresentationDescriptor(src, &pd), S_OK);
    if (pd)
        IMFPresentationDescriptor_Release(pd);

    IMFRateControl_Release(rc);
    if (full)
        IMFTopology_Release(full);
    CHECK(IMFMediaSession_Release(s) == 0);
    IMFTopology_Release(partial);
    sess_outputs_free(&out);
    IMFMediaSource_Shutdown(src);
    IMFMediaSource_Release(src);

    CHECK(msess_mf_live_objects() == live);
    MFShutdown();
    if (failures)
        fprintf(stderr, "%d failure(s)\n", failures);
    return failures ? 1 : 0;
}

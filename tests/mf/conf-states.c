/* Conformance: Start, Pause, seeks and Stop (reference section 3,
 * sequences 2 to 5), a start position past the duration, and the errors
 * reported through events (Start without a topology or after Close, Pause
 * while stopped, Stop without a topology, ClearTopologies after Close). */
#include "mfconf.h"

/* A Start that is not the topology's first, from paused or stopped: the
 * reference names TopologyStatus STARTED_SOURCE for a topology's start
 * and leaves it open for later ones; CapabilitiesChanged comes exactly
 * when the caps gain PAUSE. */
static bool restart(conf_play *p, LONGLONG pos, int line, const char *what)
{
    HRESULT hr = conf_start(p->session, pos);
    if (!conf_check_hr(hr, S_OK, line, what))
        return false;
    conf_want want[3];
    int n = 0;
    want[n++] = (conf_want)EVT_OPT(MF_TOPOSTATUS_STARTED_SOURCE);
    bool gains_pause = !(p->caps & MFSESSIONCAP_PAUSE);
    if (gains_pause)
        want[n++] = (conf_want)EV(MESessionCapabilitiesChanged, S_OK);
    want[n++] = (conf_want)EV(MESessionStarted, S_OK);
    conf_events got = { 0 };
    DWORD before = p->caps;
    bool ok = conf_expect_seq(p->session, &got, want, n, line, what);
    conf_follow_caps(&got, &p->caps, line);
    if (gains_pause)
        conf_check(p->caps == (before | MFSESSIONCAP_PAUSE), line,
                   "%s: caps 0x%x, expected 0x%x", what, (unsigned)p->caps,
                   (unsigned)(before | MFSESSIONCAP_PAUSE));
    conf_events_clear(&got);
    return ok;
}

/* Pause while started: CapabilitiesChanged (PAUSE removed), Paused. */
static bool pause_session(conf_play *p, int line)
{
    HRESULT hr = IMFMediaSession_Pause(p->session);
    if (!conf_check_hr(hr, S_OK, line, "Pause"))
        return false;
    conf_events got = { 0 };
    DWORD before = p->caps;
    bool ok = conf_expect_seq(p->session, &got,
                              (const conf_want[]){ EV(MESessionCapabilitiesChanged, S_OK),
                                                   EV(MESessionPaused, S_OK) },
                              2, line, "Pause events");
    if (ok) {
        UINT32 caps = 0, delta = 0;
        IMFMediaEvent_GetUINT32(got.ev[0], &MF_EVENT_SESSIONCAPS, &caps);
        IMFMediaEvent_GetUINT32(got.ev[0], &MF_EVENT_SESSIONCAPS_DELTA, &delta);
        conf_check(caps == (before & ~(DWORD)MFSESSIONCAP_PAUSE) && delta == MFSESSIONCAP_PAUSE,
                   line, "Pause: caps 0x%x delta 0x%x, expected 0x%x and 0x%x", (unsigned)caps,
                   (unsigned)delta, (unsigned)(before & ~(DWORD)MFSESSIONCAP_PAUSE),
                   MFSESSIONCAP_PAUSE);
    }
    conf_follow_caps(&got, &p->caps, line);
    conf_events_clear(&got);
    return ok;
}

static void start_pause_seek_stop(void)
{
    conf_play p;
    if (!conf_play_open(&p, "av.mp4", true, true, FALSE, NULL, __LINE__) ||
        !conf_play_ready(&p, __LINE__))
        goto out;
    DWORD ready = p.caps;

    /* Sequence 2: STARTED_SOURCE, CapabilitiesChanged (+PAUSE), Started
     * with MF_EVENT_PRESENTATION_TIME_OFFSET. */
    CHECK_HR(conf_start(p.session, -1), S_OK, "Start");
    conf_events got = { 0 };
    if (EXPECT_SEQ(p.session, &got, "Start events", EVT(MF_TOPOSTATUS_STARTED_SOURCE),
                   EV(MESessionCapabilitiesChanged, S_OK), EV(MESessionStarted, S_OK))) {
        CHECK_CAPS_EVENT(&got, ready | MFSESSIONCAP_PAUSE, MFSESSIONCAP_PAUSE);
        CHECK(conf_has_attr(got.ev[2], &MF_EVENT_PRESENTATION_TIME_OFFSET, MF_ATTRIBUTE_UINT64),
              "MESessionStarted lacks MF_EVENT_PRESENTATION_TIME_OFFSET (UINT64)");
    }
    conf_follow_caps(&got, &p.caps, __LINE__);
    conf_events_clear(&got);
    CHECK_SESSION_CAPS(p.session, ready | MFSESSIONCAP_PAUSE);
    CHECK(conf_clock_state(p.session) == MFCLOCK_STATE_RUNNING, "clock not running after Start");
    conf_sleep_ms(500);
    CHECK_TIME(p.session, 300, 1500, "after 0.5 s of play");

    /* Sequence 3, and the paused clock stands still. */
    pause_session(&p, __LINE__);
    CHECK_SESSION_CAPS(p.session, ready);
    CHECK(conf_clock_state(p.session) == MFCLOCK_STATE_PAUSED, "clock not paused after Pause");
    MFTIME paused_at = conf_clock_time(p.session);
    conf_sleep_ms(300);
    CHECK(conf_clock_time(p.session) == paused_at, "the clock moved while paused");

    /* Resume from paused: from where it was. */
    restart(&p, -1, __LINE__, "Start(VT_EMPTY) while paused");
    conf_check_time(p.session, paused_at, paused_at + CONF_MS(400), __LINE__, "resumed");

    /* Sequence 4: seeks while paused and while started. */
    pause_session(&p, __LINE__);
    restart(&p, CONF_MS(1000), __LINE__, "Start(VT_I8 1 s) while paused");
    CHECK_TIME(p.session, 1000, 1400, "after a seek to 1 s");
    CHECK_HR(conf_start(p.session, CONF_MS(2500)), S_OK, "Start(VT_I8 2.5 s) while started");
    EXPECT_SEQ(p.session, &got, "seek while started", EV(MESessionStarted, S_OK));
    conf_events_clear(&got);
    CHECK_TIME(p.session, 2500, 2900, "after a seek to 2.5 s");
    CHECK_SESSION_CAPS(p.session, ready | MFSESSIONCAP_PAUSE);

    /* Sequence 5: Stopped with MF_SESSION_APPROX_EVENT_OCCURRENCE_TIME. */
    CHECK_HR(IMFMediaSession_Stop(p.session), S_OK, "Stop");
    if (EXPECT_SEQ(p.session, &got, "Stop events", EV(MESessionStopped, S_OK))) {
        UINT64 t = 0;
        HRESULT hr = IMFMediaEvent_GetUINT64(got.ev[0], &MF_SESSION_APPROX_EVENT_OCCURRENCE_TIME, &t);
        CHECK_HR(hr, S_OK, "MESessionStopped: MF_SESSION_APPROX_EVENT_OCCURRENCE_TIME (UINT64)");
        CHECK(SUCCEEDED(hr) && t >= (UINT64)CONF_MS(2500) && t <= (UINT64)CONF_MS(4000),
              "MESessionStopped at %.3f s, expected about where playback was (2.5 to 4 s)",
              (double)t / 1e7);
    }
    conf_follow_caps(&got, &p.caps, __LINE__);
    conf_events_clear(&got);
    CHECK(conf_clock_state(p.session) == MFCLOCK_STATE_STOPPED, "clock not stopped after Stop");

    /* After Stop, VT_EMPTY starts from 0. */
    restart(&p, -1, __LINE__, "Start(VT_EMPTY) after Stop");
    CHECK_TIME(p.session, 0, 400, "Start(VT_EMPTY) after Stop");
    CHECK_HR(IMFMediaSession_Stop(p.session), S_OK, "Stop");
    EXPECT_SEQ(p.session, &got, "second Stop", EV(MESessionStopped, S_OK));
    conf_follow_caps(&got, &p.caps, __LINE__);
    conf_events_clear(&got);
    CHECK(GRABBED(p.video, samples) > 0 && GRABBED(p.audio, samples) > 0,
          "no samples reached the grabbers (video %ld, audio %ld)",
          (long)GRABBED(p.video, samples), (long)GRABBED(p.audio, samples));
out:
    conf_play_close(&p);
}

/* A NULL time format means GUID_NULL. */
static void start_null_format(void)
{
    conf_play p;
    if (!conf_play_open(&p, "video-only.mkv", true, false, FALSE, NULL, __LINE__) ||
        !conf_play_ready(&p, __LINE__))
        goto out;
    PROPVARIANT v;
    PropVariantInit(&v);
    CHECK_HR(IMFMediaSession_Start(p.session, NULL, &v), S_OK, "Start(NULL, VT_EMPTY)");
    conf_events got = { 0 };
    EXPECT_SEQ(p.session, &got, "Start(NULL format) events", EVT(MF_TOPOSTATUS_STARTED_SOURCE),
               EV(MESessionCapabilitiesChanged, S_OK), EV(MESessionStarted, S_OK));
    conf_events_clear(&got);
out:
    conf_play_close(&p);
}

/* A position past MF_PD_DURATION, while started and while stopped. */
static void start_past_duration(void)
{
    conf_play p;
    if (!conf_play_open(&p, "av.mp4", true, true, FALSE, NULL, __LINE__) ||
        !conf_play_ready(&p, __LINE__))
        goto out;
    UINT64 duration = 0;
    HRESULT hr = IMFPresentationDescriptor_GetUINT64(p.pd, &MF_PD_DURATION, &duration);
    CHECK_HR(hr, S_OK, "MF_PD_DURATION");
    CHECK(duration >= (UINT64)CONF_MS(3900) && duration <= (UINT64)CONF_MS(4200),
          "av.mp4: MF_PD_DURATION %.3f s, expected 4 s", (double)duration / 1e7);
    conf_events got = { 0 };
    CHECK_HR(conf_start(p.session, (LONGLONG)duration + CONF_MS(1000)), S_OK,
             "Start past the end while stopped");
    EXPECT_SEQ(p.session, &got, "Start past the end while stopped",
               EV(MESessionStarted, MF_E_INVALID_POSITION));
    conf_events_clear(&got);
    if (!conf_play_start(&p, __LINE__))
        goto out;
    CHECK_HR(conf_start(p.session, (LONGLONG)duration + CONF_MS(1000)), S_OK,
             "Start past the end while started");
    EXPECT_SEQ(p.session, &got, "Start past the end while started",
               EV(MESessionStarted, MF_E_INVALID_POSITION));
    conf_events_clear(&got);
out:
    conf_play_close(&p);
}

static void expect_one(IMFMediaSession *s, HRESULT call, MediaEventType type, HRESULT status,
                       int line, const char *what)
{
    conf_check_hr(call, S_OK, line, what);
    conf_events got = { 0 };
    const conf_want want[] = { EV(type, status) };
    conf_expect_seq(s, &got, want, 1, line, what);
    conf_events_clear(&got);
}
#define EXPECT_ONE(s, call, type, status, what) \
    expect_one((s), (call), (type), (status), __LINE__, (what))

static void errors_without_topology(void)
{
    IMFMediaSession *s = NULL;
    if (!CHECK_HR(MFCreateMediaSession(NULL, &s), S_OK, "MFCreateMediaSession"))
        return;
    EXPECT_ONE(s, conf_start(s, -1), MESessionStarted, MF_E_INVALIDREQUEST, "Start without a topology");
    EXPECT_ONE(s, IMFMediaSession_Pause(s), MESessionPaused, MF_E_INVALIDREQUEST,
               "Pause while stopped, no topology");
    EXPECT_ONE(s, IMFMediaSession_Stop(s), MESessionStopped, MF_E_INVALIDREQUEST,
               "Stop while stopped, no topology");
    EXPECT_ONE(s, IMFMediaSession_ClearTopologies(s), MESessionTopologiesCleared, S_OK,
               "ClearTopologies");
    /* The caps do not change (0 to 0): Closed alone. */
    EXPECT_ONE(s, IMFMediaSession_Close(s), MESessionClosed, S_OK, "Close without a topology");
    EXPECT_ONE(s, conf_start(s, -1), MESessionStarted, MF_E_INVALIDREQUEST, "Start after Close");
    EXPECT_ONE(s, IMFMediaSession_ClearTopologies(s), MESessionTopologiesCleared,
               MF_E_INVALIDREQUEST, "ClearTopologies after Close");
    EXPECT_QUIET(s, 300, "after the errors");
    IMFMediaSession_Shutdown(s);
    IMFMediaSession_Release(s);
}

static void errors_with_topology(void)
{
    conf_play p;
    if (!conf_play_open(&p, "av.mp4", true, true, FALSE, NULL, __LINE__) ||
        !conf_play_ready(&p, __LINE__))
        goto out;
    EXPECT_ONE(p.session, IMFMediaSession_Pause(p.session), MESessionPaused, MF_E_INVALIDREQUEST,
               "Pause while stopped (topology ready)");
    CHECK_HR(IMFMediaSession_Close(p.session), S_OK, "Close");
    conf_events got = { 0 };
    EXPECT_SEQ(p.session, &got, "Close from stopped", EV(MESessionCapabilitiesChanged, S_OK),
               EV(MESessionClosed, S_OK));
    CHECK_CAPS_EVENT(&got, p.caps & ~(DWORD)(MFSESSIONCAP_START | MFSESSIONCAP_SEEK),
                     MFSESSIONCAP_START | MFSESSIONCAP_SEEK);
    conf_events_clear(&got);
    p.closed = true;
    EXPECT_ONE(p.session, conf_start(p.session, -1), MESessionStarted, MF_E_INVALIDREQUEST,
               "Start after Close");
    EXPECT_ONE(p.session, IMFMediaSession_ClearTopologies(p.session), MESessionTopologiesCleared,
               MF_E_INVALIDREQUEST, "ClearTopologies after Close");
    EXPECT_QUIET(p.session, 300, "after the errors");
out:
    conf_play_close(&p);
}

int main(void)
{
    conf_init();
    CONF_CASE(start_pause_seek_stop);
    CONF_CASE(start_null_format);
    CONF_CASE(start_past_duration);
    CONF_CASE(errors_without_topology);
    CONF_CASE(errors_with_topology);
    return conf_done();
}

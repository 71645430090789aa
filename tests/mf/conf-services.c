/* Conformance: the session's interfaces and services (reference section 3,
 * "Services"), and rate control: transitions allowed per state, refused
 * ones answered by MESessionRateChanged with
 * MF_E_UNSUPPORTED_RATE_TRANSITION, unsupported rates, the VT_R4 value. */
#include "mfconf.h"

static void query_interfaces(void)
{
    IMFMediaSession *s = NULL;
    if (!CHECK_HR(MFCreateMediaSession(NULL, &s), S_OK, "MFCreateMediaSession"))
        return;
    static const struct {
        const IID *iid;
        HRESULT want;
        const char *name;
    } ifaces[] = {
        { &IID_IUnknown, S_OK, "IUnknown" },
        { &IID_IMFMediaEventGenerator, S_OK, "IMFMediaEventGenerator" },
        { &IID_IMFMediaSession, S_OK, "IMFMediaSession" },
        { &IID_IMFGetService, S_OK, "IMFGetService" },
        { &IID_IMFRateSupport, S_OK, "IMFRateSupport" },
        { &IID_IMFRateControl, S_OK, "IMFRateControl" },
        { &IID_IMFAttributes, E_NOINTERFACE, "IMFAttributes" },
    };
    for (size_t i = 0; i < sizeof(ifaces) / sizeof(ifaces[0]); i++) {
        IUnknown *unk = (IUnknown *)(void *)0x1;
        HRESULT hr = IMFMediaSession_QueryInterface(s, ifaces[i].iid, (void **)&unk);
        char what[96];
        snprintf(what, sizeof(what), "QueryInterface(%s)", ifaces[i].name);
        CHECK_HR(hr, ifaces[i].want, what);
        if (SUCCEEDED(hr) && unk)
            IUnknown_Release(unk);
        else
            CHECK(unk == NULL, "%s: failed QueryInterface did not clear the pointer", what);
    }
    IMFRateControl *rc = NULL;
    IMFRateSupport *rs = NULL;
    CHECK_HR(MFGetService((IUnknown *)s, &MF_RATE_CONTROL_SERVICE, &IID_IMFRateControl, (void **)&rc),
             S_OK, "MFGetService(MF_RATE_CONTROL_SERVICE, IMFRateControl)");
    CHECK_HR(MFGetService((IUnknown *)s, &MF_RATE_CONTROL_SERVICE, &IID_IMFRateSupport, (void **)&rs),
             S_OK, "MFGetService(MF_RATE_CONTROL_SERVICE, IMFRateSupport)");
    if (rc)
        IMFRateControl_Release(rc);
    if (rs)
        IMFRateSupport_Release(rs);
    IMFMediaSession_Shutdown(s);
    IMFMediaSession_Release(s);
}

/* GetClock gives the presentation clock. */
static void clock_is_presentation_clock(void)
{
    conf_play p;
    if (!conf_play_open(&p, "video-only.mkv", true, false, FALSE, NULL, __LINE__) ||
        !conf_play_ready(&p, __LINE__))
        goto out;
    IMFClock *clock = NULL;
    CHECK_HR(IMFMediaSession_GetClock(p.session, &clock), S_OK, "GetClock");
    if (clock) {
        IMFPresentationClock *pc = NULL;
        CHECK_HR(IMFClock_QueryInterface(clock, &IID_IMFPresentationClock, (void **)&pc), S_OK,
                 "the session's clock: QueryInterface(IMFPresentationClock)");
        if (pc)
            IMFPresentationClock_Release(pc);
        IMFClock_Release(clock);
    }
    if (conf_play_start(&p, __LINE__)) {
        IMFPresentationClock *pc = conf_session_clock(p.session);
        IMFPresentationTimeSource *ts = NULL;
        if (pc)
            CHECK_HR(IMFPresentationClock_GetTimeSource(pc, &ts), S_OK,
                     "the session's clock: GetTimeSource while started");
        if (ts)
            IMFPresentationTimeSource_Release(ts);
        if (pc)
            IMFPresentationClock_Release(pc);
    }
out:
    conf_play_close(&p);
}

typedef struct rates {
    IMFRateControl *control;
    IMFRateSupport *support;
} rates;

/* SetRate and its MESessionRateChanged: status, and the VT_R4 rate when
 * it worked. */
static void set_rate(conf_play *p, rates *r, float rate, HRESULT want, int line, const char *what)
{
    HRESULT hr = IMFRateControl_SetRate(r->control, FALSE, rate);
    conf_check_hr(hr, S_OK, line, what);
    conf_events got = { 0 };
    const conf_want w[] = { EV(MESessionRateChanged, want) };
    if (conf_expect_seq(p->session, &got, w, 1, line, what) && SUCCEEDED(want)) {
        PROPVARIANT v;
        PropVariantInit(&v);
        IMFMediaEvent_GetValue(got.ev[0], &v);
        conf_check(v.vt == VT_R4 && v.fltVal == rate, line,
                   "%s: MESessionRateChanged value vt %d %g, expected VT_R4 %g", what, (int)v.vt,
                   v.vt == VT_R4 ? (double)v.fltVal : 0.0, (double)rate);
        PropVariantClear(&v);
        BOOL thin = TRUE;
        float now = -99;
        hr = IMFRateControl_GetRate(r->control, &thin, &now);
        conf_check(hr == S_OK && now == rate && !thin, line, "%s: GetRate %s, %g, thin %d", what,
                   conf_hr_name(hr), (double)now, (int)thin);
    }
    conf_events_clear(&got);
}
#define SET_RATE(p, r, rate, want, what) set_rate((p), (r), (rate), (want), __LINE__, (what))

/* A transition the reference allows: the outcome is what IsRateSupported
 * says of the rate (S_OK or its error), never a transition error. */
static HRESULT supported(rates *r, float rate)
{
    float nearest = 0;
    return IMFRateSupport_IsRateSupported(r->support, FALSE, rate, &nearest);
}

static void rate_control(void)
{
    rates r = { NULL, NULL };
    conf_play p;
    if (!conf_play_open(&p, "av.mp4", true, true, FALSE, NULL, __LINE__) ||
        !conf_play_ready(&p, __LINE__))
        goto out;
    CHECK_HR(MFGetService((IUnknown *)p.session, &MF_RATE_CONTROL_SERVICE, &IID_IMFRateControl,
                          (void **)&r.control), S_OK, "IMFRateControl");
    CHECK_HR(MFGetService((IUnknown *)p.session, &MF_RATE_CONTROL_SERVICE, &IID_IMFRateSupport,
                          (void **)&r.support), S_OK, "IMFRateSupport");
    if (!r.control || !r.support)
        goto out;

    BOOL thin = TRUE;
    float rate = 0, slow = -1, fast = -1, nearest = -1;
    CHECK_HR(IMFRateControl_GetRate(r.control, &thin, &rate), S_OK, "GetRate");
    CHECK(rate == 1.0f && !thin, "initial rate %g thin %d, expected 1 and FALSE", (double)rate,
          (int)thin);
    CHECK_HR(IMFRateSupport_GetSlowestRate(r.support, MFRATE_FORWARD, FALSE, &slow), S_OK,
             "GetSlowestRate(FORWARD)");
    CHECK_HR(IMFRateSupport_GetFastestRate(r.support, MFRATE_FORWARD, FALSE, &fast), S_OK,
             "GetFastestRate(FORWARD)");
    CHECK(slow >= 0 && slow <= 1 && fast >= 2, "forward rates %g to %g", (double)slow,
          (double)fast);
    CHECK_HR(IMFRateSupport_IsRateSupported(r.support, FALSE, 1.0f, &nearest), S_OK,
             "IsRateSupported(1)");
    nearest = -1;
    CHECK_HR(IMFRateSupport_IsRateSupported(r.support, FALSE, fast * 2, &nearest),
             MF_E_UNSUPPORTED_RATE, "IsRateSupported(twice the fastest)");
    CHECK(nearest == fast, "IsRateSupported(twice the fastest): nearest %g, expected %g",
          (double)nearest, (double)fast);

    /* Stopped: every transition allowed. */
    SET_RATE(&p, &r, 2.0f, S_OK, "SetRate(2) while stopped");
    SET_RATE(&p, &r, fast * 2, MF_E_UNSUPPORTED_RATE, "SetRate(twice the fastest)");
    SET_RATE(&p, &r, -1.0f, supported(&r, -1.0f), "SetRate(-1) while stopped");
    SET_RATE(&p, &r, 2.0f, S_OK, "SetRate(2) while stopped, again");

    /* Started at 2x: the clock runs twice as fast. */
    if (!conf_play_start(&p, __LINE__))
        goto out;
    conf_sleep_ms(500);
    CHECK_TIME(p.session, 700, 1500, "0.5 s at rate 2");
    SET_RATE(&p, &r, 1.0f, S_OK, "SetRate(1) while running forward");
    SET_RATE(&p, &r, 0.0f, MF_E_UNSUPPORTED_RATE_TRANSITION, "SetRate(0) while running forward");
    SET_RATE(&p, &r, -1.0f, MF_E_UNSUPPORTED_RATE_TRANSITION, "SetRate(-1) while running forward");
    CHECK_HR(IMFRateControl_GetRate(r.control, &thin, &rate), S_OK, "GetRate");
    CHECK(rate == 1.0f, "refused transitions changed the rate to %g", (double)rate);

    /* Paused: only forward <-> 0. */
    CHECK_HR(IMFMediaSession_Pause(p.session), S_OK, "Pause");
    conf_events got = { 0 };
    EXPECT_SEQ(p.session, &got, "Pause", EV(MESessionCapabilitiesChanged, S_OK),
               EV(MESessionPaused, S_OK));
    conf_follow_caps(&got, &p.caps, __LINE__);
    conf_events_clear(&got);
    SET_RATE(&p, &r, -1.0f, MF_E_UNSUPPORTED_RATE_TRANSITION, "SetRate(-1) while paused forward");
    HRESULT scrub = supported(&r, 0.0f);
    SET_RATE(&p, &r, 0.0f, scrub, "SetRate(0) while paused forward");
    if (SUCCEEDED(scrub)) {
        SET_RATE(&p, &r, -1.0f, MF_E_UNSUPPORTED_RATE_TRANSITION, "SetRate(-1) while paused at 0");
        SET_RATE(&p, &r, 1.0f, S_OK, "SetRate(1) while paused at 0");
    }
out:
    if (r.control)
        IMFRateControl_Release(r.control);
    if (r.support)
        IMFRateSupport_Release(r.support);
    conf_play_close(&p);
}

int main(void)
{
    conf_init();
    CONF_CASE(query_interfaces);
    CONF_CASE(clock_is_presentation_clock);
    CONF_CASE(rate_control);
    return conf_done();
}

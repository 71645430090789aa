/* The clock a media session hands out (shim_session_clock_create, internal):
 * it reads the session's msess clock, refuses to be driven by the client,
 * turns the session's state changes (shim_session_clock_notify) into the
 * state sinks' OnClock* calls, and answers MF_E_SHUTDOWN once detached. */
#include "evq-util.h"
#include "shim.h"

static void test_reads(msess_session *s, IMFPresentationClock *clock)
{
    IMFPresentationTimeSource *ts;
    IMFRateControl *rate;
    IMFClock *underlying;
    MFCLOCK_STATE state;
    MFTIME time, sys;
    DWORD flags;
    float r;
    BOOL thin = TRUE;

    CHECK_HR(IMFPresentationClock_GetTime(clock, NULL), E_POINTER);
    CHECK_HR(IMFPresentationClock_GetTime(clock, &time), S_OK);
    CHECK(time == 0);
    CHECK_HR(IMFPresentationClock_GetState(clock, 0, &state), S_OK);
    CHECK(state == MFCLOCK_STATE_STOPPED);
    CHECK_HR(IMFPresentationClock_GetClockCharacteristics(clock, &flags), S_OK);
    CHECK(flags & MFCLOCK_CHARACTERISTICS_FLAG_FREQUENCY_10MHZ);

    /* The session runs its clock: the shim clock follows. */
    msess_clock *mc = msess_session_get_clock(s);
    CHECK(msess_clock_start(mc, 50000000) == 0);
    test_sleep_ms(50);
    CHECK_HR(IMFPresentationClock_GetTime(clock, &time), S_OK);
    CHECK(time >= 50000000 + 400000 && time < 50000000 + 10000000);
    CHECK_HR(IMFPresentationClock_GetState(clock, 0, &state), S_OK);
    CHECK(state == MFCLOCK_STATE_RUNNING);
    CHECK_HR(IMFPresentationClock_GetCorrelatedTime(clock, 0, &time, &sys), S_OK);
    CHECK(time >= 50000000 && sys > 0);

    /* Its time source reads the same clock. */
    CHECK_HR(IMFPresentationClock_GetTimeSource(clock, NULL), E_INVALIDARG);
    CHECK_HR(IMFPresentationClock_GetTimeSource(clock, &ts), S_OK);
    CHECK_HR(IMFPresentationTimeSource_GetCorrelatedTime(ts, 0, &time, &sys), S_OK);
    CHECK(time >= 50000000);
    CHECK_HR(IMFPresentationTimeSource_GetState(ts, 0, &state), S_OK);
    CHECK(state == MFCLOCK_STATE_RUNNING);
    CHECK_HR(IMFPresentationTimeSource_GetUnderlyingClock(ts, &underlying), S_OK);
    CHECK_HR(IMFClock_GetState(underlying, 0, &state), S_OK);
    CHECK(state == MFCLOCK_STATE_RUNNING);
    IMFClock_Release(underlying);
    IMFPresentationTimeSource_Release(ts);

    CHECK(msess_clock_pause(mc) == 0);
    CHECK_HR(IMFPresentationClock_GetState(clock, 0, &state), S_OK);
    CHECK(state == MFCLOCK_STATE_PAUSED);
    CHECK(msess_clock_set_rate(mc, 1.5) == 0);
    CHECK_HR(IMFPresentationClock_QueryInterface(clock, &IID_IMFRateControl, (void **)&rate), S_OK);
    CHECK_HR(IMFRateControl_GetRate(rate, &thin, &r), S_OK);
    CHECK(r == 1.5f && !thin);
    CHECK_HR(IMFRateControl_GetRate(rate, &thin, NULL), E_INVALIDARG);
    /* The client may not drive a session's clock. */
    CHECK_HR(IMFRateControl_SetRate(rate, FALSE, 2.0f), MF_E_INVALIDREQUEST);
    CHECK_HR(IMFRateControl_SetRate(rate, TRUE, 2.0f), MF_E_THINNING_UNSUPPORTED);
    IMFRateControl_Release(rate);
    CHECK_HR(IMFPresentationClock_Start(clock, 0), MF_E_INVALIDREQUEST);
    CHECK_HR(IMFPresentationClock_Pause(clock), MF_E_INVALIDREQUEST);
    CHECK_HR(IMFPresentationClock_Stop(clock), MF_E_INVALIDREQUEST);
    CHECK_HR(MFCreateSystemTimeSource(&ts), S_OK);
    CHECK_HR(IMFPresentationClock_SetTimeSource(clock, ts), MF_E_INVALIDREQUEST);
    IMFPresentationTimeSource_Release(ts);
    CHECK(msess_clock_stop(mc) == 0);
    CHECK(msess_clock_set_rate(mc, 1.0) == 0);
}

static void test_notify(IMFPresentationClock *clock)
{
    evq_sink sink;
    evq_sink_init(&sink);
    CHECK_HR(IMFPresentationClock_AddClockStateSink(clock, NULL), E_INVALIDARG);
    CHECK_HR(IMFPresentationClock_AddClockStateSink(clock, &sink.iface), S_OK);
    CHECK_HR(IMFPresentationClock_AddClockStateSink(clock, &sink.iface), E_INVALIDARG);

    MFTIME before = MFGetSystemTime();
    shim_session_clock_notify(clock, MFCLOCK_STATE_RUNNING, 0, 1.0f);          /* start at 0 */
    shim_session_clock_notify(clock, MFCLOCK_STATE_PAUSED, 0, 1.0f);           /* pause */
    shim_session_clock_notify(clock, MFCLOCK_STATE_PAUSED, 0, 1.0f);           /* nothing */
    shim_session_clock_notify(clock, MFCLOCK_STATE_RUNNING, PRESENTATION_CURRENT_POSITION,
                              1.0f);                                           /* restart */
    shim_session_clock_notify(clock, MFCLOCK_STATE_RUNNING, PRESENTATION_CURRENT_POSITION,
                              2.0f);                                           /* rate only */
    shim_session_clock_notify(clock, MFCLOCK_STATE_RUNNING, 30000000, 2.0f);   /* seek */
    shim_session_clock_notify(clock, MFCLOCK_STATE_STOPPED, 0, 2.0f);          /* stop */
    shim_session_clock_notify(clock, MFCLOCK_STATE_STOPPED, 0, 2.0f);          /* nothing */
    shim_session_clock_notify(clock, MFCLOCK_STATE_RUNNING, 0, 1.0f);          /* rate, start */
    MFTIME after = MFGetSystemTime();

    static const struct {
        enum evq_sink_call call;
        LONGLONG offset;
        float rate;
    } want[] = {
        { SINK_START, 0, 0 }, { SINK_PAUSE, 0, 0 }, { SINK_RESTART, 0, 0 },
        { SINK_RATE, 0, 2.0f }, { SINK_START, 30000000, 0 }, { SINK_STOP, 0, 0 },
        { SINK_RATE, 0, 1.0f }, { SINK_START, 0, 0 },
    };
    int n = (int)(sizeof(want) / sizeof(want[0]));
    CHECK(evq_sink_wait(&sink, n, 3000) == n);
    test_sleep_ms(100);
    CHECK(evq_sink_wait(&sink, n + 1, 0) == n);
    CHECK(!pthread_equal(sink.thread, pthread_self()));
    for (int i = 0; i < n && i < sink.count; i++) {
        const evq_sink_record *r = &sink.calls[i];
        bool ok = r->call == want[i].call && r->systime >= before && r->systime <= after &&
                  (r->call != SINK_START || r->offset == want[i].offset) &&
                  (r->call != SINK_RATE || r->rate == want[i].rate);
        if (!ok) {
            fprintf(stderr, "call %d: %d offset %lld rate %g\n", i, r->call,
                    (long long)r->offset, r->rate);
            failures++;
        }
    }
    CHECK(evq_refs(&sink.refs) == 2);

    /* Removed: no more calls. */
    CHECK_HR(IMFPresentationClock_RemoveClockStateSink(clock, &sink.iface), S_OK);
    shim_session_clock_notify(clock, MFCLOCK_STATE_PAUSED, 0, 1.0f);
    test_sleep_ms(100);
    CHECK(evq_sink_wait(&sink, n + 1, 0) == n);
    CHECK(evq_refs(&sink.refs) == 1);
}

static void test_detach(msess_session *s)
{
    IMFPresentationClock *clock;
    IMFShutdown *shutdown;
    MFSHUTDOWN_STATUS status;
    MFTIME time;
    MFCLOCK_STATE state;
    evq_sink sink;
    evq_sink_init(&sink);

    CHECK_HR(shim_session_clock_create(s, &clock), S_OK);
    CHECK_HR(IMFPresentationClock_AddClockStateSink(clock, &sink.iface), S_OK);
    CHECK_HR(IMFPresentationClock_QueryInterface(clock, &IID_IMFShutdown, (void **)&shutdown), S_OK);
    CHECK_HR(IMFShutdown_GetShutdownStatus(shutdown, &status), MF_E_INVALIDREQUEST);
    shim_session_clock_detach(clock);
    CHECK(evq_refs(&sink.refs) == 1); /* the session's clock let go of its sinks */
    CHECK_HR(IMFPresentationClock_GetTime(clock, &time), MF_E_SHUTDOWN);
    CHECK_HR(IMFPresentationClock_GetState(clock, 0, &state), MF_E_SHUTDOWN);
    CHECK_HR(IMFPresentationClock_AddClockStateSink(clock, &sink.iface), MF_E_SHUTDOWN);
    CHECK_HR(IMFShutdown_GetShutdownStatus(shutdown, &status), S_OK);
    CHECK(status == MFSHUTDOWN_COMPLETED);
    shim_session_clock_notify(clock, MFCLOCK_STATE_RUNNING, 0, 1.0f); /* ignored */
    IMFShutdown_Release(shutdown);
    CHECK(IMFPresentationClock_Release(clock) == 0);

    /* Not a session clock: both are no-ops. */
    CHECK_HR(MFCreatePresentationClock(&clock), S_OK);
    shim_session_clock_notify(clock, MFCLOCK_STATE_RUNNING, 0, 1.0f);
    shim_session_clock_detach(clock);
    IMFPresentationClock_Release(clock);
    shim_session_clock_notify(NULL, MFCLOCK_STATE_RUNNING, 0, 1.0f);
}

int main(void)
{
    msess_session *s = NULL;
    IMFPresentationClock *clock;
    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL), S_OK);
    CHECK(msess_session_create(&s, NULL) == 0);
    if (!s)
        return evq_result("evq-sessclock");
    CHECK_HR(shim_session_clock_create(NULL, &clock), E_INVALIDARG);
    CHECK_HR(shim_session_clock_create(s, NULL), E_POINTER);
    CHECK_HR(shim_session_clock_create(s, &clock), S_OK);
    test_reads(s, clock);
    test_notify(clock);
    shim_session_clock_detach(clock);
    IMFPresentationClock_Release(clock);
    test_detach(s);
    msess_session_destroy(&s);
    CHECK(evq_wait_live(0, 2000));
    CHECK_HR(MFShutdown(), S_OK);
    return evq_result("evq-sessclock");
}

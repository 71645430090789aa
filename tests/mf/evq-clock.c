/* The system time source and the presentation clock: the state rules and
 * time arithmetic Windows' conformance tests (Wine's dlls/mfplat/tests
 * test_system_time_source, dlls/mf/tests test_presentation_clock) pin
 * down, the state sinks' notifications (order, arguments, thread), and a
 * client's own time source read through GetCorrelatedTime. */
#include "evq-util.h"

enum action { A_START, A_STOP, A_PAUSE, A_RESTART };

static HRESULT sink_action(IMFClockStateSink *sink, enum action a)
{
    switch (a) {
    case A_START: return IMFClockStateSink_OnClockStart(sink, 0, 0);
    case A_STOP: return IMFClockStateSink_OnClockStop(sink, 0);
    case A_PAUSE: return IMFClockStateSink_OnClockPause(sink, 0);
    default: return IMFClockStateSink_OnClockRestart(sink, 0);
    }
}

static ULONG refcount(void *iface)
{
    IUnknown_AddRef((IUnknown *)iface);
    return IUnknown_Release((IUnknown *)iface);
}

static void check_system_properties(const MFCLOCK_PROPERTIES *p)
{
    CHECK(p->qwCorrelationRate == 0);
    CHECK(IsEqualGUID(&p->guidClockId, &GUID_NULL));
    CHECK(p->dwClockFlags == 0);
    CHECK(p->qwClockFrequency == MFCLOCK_FREQUENCY_HNS);
    CHECK(p->dwClockTolerance == MFCLOCK_TOLERANCE_UNKNOWN);
    CHECK(p->dwClockJitter == 1);
}

/* Clock time of the source, with the system time it goes with. */
static LONGLONG source_time(IMFPresentationTimeSource *ts, MFTIME *sys)
{
    LONGLONG t = -12345;
    CHECK_HR(IMFPresentationTimeSource_GetCorrelatedTime(ts, 0, &t, sys), S_OK);
    return t;
}

static void test_system_time_source(void)
{
    static const struct {
        enum action action;
        MFCLOCK_STATE state;
        bool invalid;
    } steps[] = {
        { A_STOP, MFCLOCK_STATE_INVALID, false },
        { A_RESTART, MFCLOCK_STATE_INVALID, true },
        { A_PAUSE, MFCLOCK_STATE_PAUSED, false },
        { A_PAUSE, MFCLOCK_STATE_PAUSED, true },
        { A_STOP, MFCLOCK_STATE_STOPPED, false },
        { A_STOP, MFCLOCK_STATE_STOPPED, false },
        { A_RESTART, MFCLOCK_STATE_STOPPED, true },
        { A_START, MFCLOCK_STATE_RUNNING, false },
        { A_START, MFCLOCK_STATE_RUNNING, false },
        { A_RESTART, MFCLOCK_STATE_RUNNING, true },
        { A_PAUSE, MFCLOCK_STATE_PAUSED, false },
        { A_START, MFCLOCK_STATE_RUNNING, false },
        { A_PAUSE, MFCLOCK_STATE_PAUSED, false },
        { A_RESTART, MFCLOCK_STATE_RUNNING, false },
        { A_RESTART, MFCLOCK_STATE_RUNNING, true },
        { A_STOP, MFCLOCK_STATE_STOPPED, false },
        { A_PAUSE, MFCLOCK_STATE_STOPPED, true },
    };
    IMFPresentationTimeSource *ts, *ts2;
    IMFClockStateSink *sink;
    IMFClock *clock, *clock2;
    MFCLOCK_PROPERTIES props;
    MFCLOCK_STATE state;
    DWORD value;
    MFTIME sys;
    LONGLONG t;

    CHECK_HR(MFCreateSystemTimeSource(NULL), E_POINTER);
    CHECK_HR(MFCreateSystemTimeSource(&ts), S_OK);
    CHECK_HR(IMFPresentationTimeSource_GetClockCharacteristics(ts, &value), S_OK);
    CHECK(value == (MFCLOCK_CHARACTERISTICS_FLAG_FREQUENCY_10MHZ |
                    MFCLOCK_CHARACTERISTICS_FLAG_IS_SYSTEM_CLOCK));
    value = 1;
    CHECK_HR(IMFPresentationTimeSource_GetContinuityKey(ts, &value), S_OK);
    CHECK(value == 0);
    CHECK_HR(IMFPresentationTimeSource_GetState(ts, 0, &state), S_OK);
    CHECK(state == MFCLOCK_STATE_INVALID);

    CHECK_HR(IMFPresentationTimeSource_QueryInterface(ts, &IID_IMFClockStateSink, (void **)&sink),
             S_OK);
    for (unsigned i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        HRESULT hr = sink_action(sink, steps[i].action);
        if (hr != (steps[i].invalid ? MF_E_INVALIDREQUEST : S_OK)) {
            fprintf(stderr, "step %u: hr 0x%08x\n", i, (unsigned)hr);
            failures++;
        }
        CHECK_HR(IMFPresentationTimeSource_GetState(ts, 0, &state), S_OK);
        if (state != steps[i].state) {
            fprintf(stderr, "step %u: state %d, want %d\n", i, state, steps[i].state);
            failures++;
        }
    }
    IMFClockStateSink_Release(sink);

    CHECK_HR(IMFPresentationTimeSource_GetProperties(ts, NULL), E_POINTER);
    CHECK_HR(IMFPresentationTimeSource_GetProperties(ts, &props), S_OK);
    check_system_properties(&props);

    /* The underlying clock: its own object, kept by the time source. */
    CHECK_HR(MFCreateSystemTimeSource(&ts2), S_OK);
    CHECK_HR(IMFPresentationTimeSource_GetUnderlyingClock(ts2, &clock2), S_OK);
    CHECK(refcount(ts2) == 1);
    CHECK(refcount(clock2) == 2);
    CHECK_HR(IMFPresentationTimeSource_GetUnderlyingClock(ts, &clock), S_OK);
    CHECK(clock != clock2);
    IMFPresentationTimeSource_Release(ts2);
    IMFClock_Release(clock2);
    CHECK_HR(IMFClock_GetClockCharacteristics(clock, &value), S_OK);
    CHECK(value == (MFCLOCK_CHARACTERISTICS_FLAG_FREQUENCY_10MHZ |
                    MFCLOCK_CHARACTERISTICS_FLAG_ALWAYS_RUNNING |
                    MFCLOCK_CHARACTERISTICS_FLAG_IS_SYSTEM_CLOCK));
    CHECK_HR(IMFClock_GetState(clock, 0, &state), S_OK);
    CHECK(state == MFCLOCK_STATE_RUNNING);
    CHECK_HR(IMFClock_GetProperties(clock, &props), S_OK);
    check_system_properties(&props);
    CHECK_HR(IMFClock_GetCorrelatedTime(clock, 0, &t, &sys), S_OK);
    CHECK(t == sys && sys > 0);
    IMFClock_Release(clock);

    /* Time from the system times the notifications carry, rate 1 then 2
     * (the source is stopped after the table). */
    CHECK_HR(IMFPresentationTimeSource_QueryInterface(ts, &IID_IMFClockStateSink, (void **)&sink),
             S_OK);
    t = source_time(ts, &sys);
    CHECK(t == 0);
    IMFClockStateSink_OnClockStart(sink, 0, 0);
    t = source_time(ts, &sys);
    CHECK(t == sys);
    IMFClockStateSink_OnClockStart(sink, 0, 1);
    t = source_time(ts, &sys);
    CHECK(t == sys + 1);
    IMFClockStateSink_OnClockPause(sink, 2);
    CHECK(source_time(ts, &sys) == 3);
    IMFClockStateSink_OnClockRestart(sink, 5);
    t = source_time(ts, &sys);
    CHECK(t == sys - 2);
    IMFClockStateSink_OnClockPause(sink, 0);
    CHECK(source_time(ts, &sys) == -2);
    IMFClockStateSink_OnClockStop(sink, 123);
    CHECK(source_time(ts, &sys) == 0);

    CHECK_HR(IMFClockStateSink_OnClockSetRate(sink, 0, 2.0f), S_OK);
    IMFClockStateSink_OnClockStart(sink, 0, 0);
    t = source_time(ts, &sys);
    CHECK(t == 2 * sys);
    IMFClockStateSink_OnClockStart(sink, 0, 10);
    t = source_time(ts, &sys);
    CHECK(t == 2 * sys + 10);
    IMFClockStateSink_OnClockPause(sink, 2);
    CHECK(source_time(ts, &sys) == 10 + 2 * 2);
    IMFClockStateSink_OnClockRestart(sink, 5);
    t = source_time(ts, &sys);
    CHECK(t == 2 * sys + 14 - 5 * 2);
    IMFClockStateSink_OnClockPause(sink, 0);
    CHECK(source_time(ts, &sys) == 4);
    IMFClockStateSink_OnClockStop(sink, 123);
    IMFClockStateSink_OnClockStart(sink, 10, 20);
    t = source_time(ts, &sys);
    CHECK(t == 2 * sys);
    IMFClockStateSink_OnClockPause(sink, 2);
    CHECK(source_time(ts, &sys) == 4);
    IMFClockStateSink_Release(sink);
    IMFPresentationTimeSource_Release(ts);

    /* PRESENTATION_CURRENT_POSITION: from where the source is. */
    CHECK_HR(MFCreateSystemTimeSource(&ts), S_OK);
    CHECK_HR(IMFPresentationTimeSource_QueryInterface(ts, &IID_IMFClockStateSink, (void **)&sink),
             S_OK);
    t = source_time(ts, &sys);
    CHECK(t == 0 && sys != 0);
    IMFClockStateSink_OnClockStart(sink, 10, PRESENTATION_CURRENT_POSITION);
    t = source_time(ts, &sys);
    CHECK(t == sys - 10);
    IMFClockStateSink_OnClockStart(sink, 20, PRESENTATION_CURRENT_POSITION); /* running: no change */
    t = source_time(ts, &sys);
    CHECK(t == sys - 10);
    IMFClockStateSink_OnClockStart(sink, 0, 0);
    IMFClockStateSink_OnClockStop(sink, 567);
    IMFClockStateSink_OnClockStart(sink, 30, PRESENTATION_CURRENT_POSITION);
    t = source_time(ts, &sys);
    CHECK(t == sys - 30);
    IMFClockStateSink_OnClockPause(sink, 8);
    CHECK(source_time(ts, &sys) == -30 + 8);
    IMFClockStateSink_OnClockStart(sink, 40, PRESENTATION_CURRENT_POSITION);
    t = source_time(ts, &sys);
    CHECK(t == sys + (-30 + 8 - 40));
    IMFClockStateSink_OnClockPause(sink, 7);
    CHECK(source_time(ts, &sys) == -30 + 8 - 40 + 7);
    IMFClockStateSink_OnClockStart(sink, 50, 7);
    t = source_time(ts, &sys);
    CHECK(t == sys + (-50 + 7));
    IMFClockStateSink_Release(sink);
    IMFPresentationTimeSource_Release(ts);
    CHECK(msess_mf_live_objects() == 0);
}

static void test_presentation_clock_rules(void)
{
    static const struct {
        enum action action;
        MFCLOCK_STATE clock_state, source_state;
        HRESULT hr;
    } steps[] = {
        { A_STOP, MFCLOCK_STATE_STOPPED, MFCLOCK_STATE_INVALID, S_OK },
        { A_PAUSE, MFCLOCK_STATE_STOPPED, MFCLOCK_STATE_INVALID, MF_E_INVALIDREQUEST },
        { A_STOP, MFCLOCK_STATE_STOPPED, MFCLOCK_STATE_INVALID, MF_E_CLOCK_STATE_ALREADY_SET },
        { A_START, MFCLOCK_STATE_RUNNING, MFCLOCK_STATE_RUNNING, S_OK },
        { A_START, MFCLOCK_STATE_RUNNING, MFCLOCK_STATE_RUNNING, S_OK },
        { A_PAUSE, MFCLOCK_STATE_PAUSED, MFCLOCK_STATE_PAUSED, S_OK },
        { A_PAUSE, MFCLOCK_STATE_PAUSED, MFCLOCK_STATE_PAUSED, MF_E_CLOCK_STATE_ALREADY_SET },
        { A_STOP, MFCLOCK_STATE_STOPPED, MFCLOCK_STATE_STOPPED, S_OK },
        { A_START, MFCLOCK_STATE_RUNNING, MFCLOCK_STATE_RUNNING, S_OK },
        { A_STOP, MFCLOCK_STATE_STOPPED, MFCLOCK_STATE_STOPPED, S_OK },
        { A_STOP, MFCLOCK_STATE_STOPPED, MFCLOCK_STATE_STOPPED, MF_E_CLOCK_STATE_ALREADY_SET },
        { A_PAUSE, MFCLOCK_STATE_STOPPED, MFCLOCK_STATE_STOPPED, MF_E_INVALIDREQUEST },
        { A_START, MFCLOCK_STATE_RUNNING, MFCLOCK_STATE_RUNNING, S_OK },
        { A_PAUSE, MFCLOCK_STATE_PAUSED, MFCLOCK_STATE_PAUSED, S_OK },
        { A_START, MFCLOCK_STATE_RUNNING, MFCLOCK_STATE_RUNNING, S_OK },
    };
    IMFPresentationClock *clock;
    IMFPresentationTimeSource *ts, *ts2;
    IMFRateControl *rate;
    IMFShutdown *shutdown;
    IMFClock *iclock;
    MFCLOCK_PROPERTIES props, props2;
    MFSHUTDOWN_STATUS status;
    MFCLOCK_STATE state;
    MFTIME time, sys;
    LONGLONG clock_time;
    DWORD value;
    float r;
    BOOL thin;
    evq_sink sink;
    evq_sink_init(&sink);

    CHECK_HR(MFCreatePresentationClock(NULL), E_POINTER);
    CHECK_HR(MFCreatePresentationClock(&clock), S_OK);
    CHECK_HR(IMFPresentationClock_QueryInterface(clock, &IID_IMFRateControl, (void **)&rate), S_OK);
    CHECK_HR(IMFPresentationClock_QueryInterface(clock, &IID_IMFClock, (void **)&iclock), S_OK);
    IMFClock_Release(iclock);

    /* No time source. */
    CHECK_HR(IMFPresentationClock_GetTimeSource(clock, &ts), MF_E_CLOCK_NO_TIME_SOURCE);
    CHECK_HR(IMFPresentationClock_GetTimeSource(clock, NULL), E_INVALIDARG);
    CHECK_HR(IMFPresentationClock_GetClockCharacteristics(clock, &value), MF_E_CLOCK_NO_TIME_SOURCE);
    CHECK_HR(IMFPresentationClock_GetClockCharacteristics(clock, NULL), MF_E_CLOCK_NO_TIME_SOURCE);
    CHECK_HR(IMFPresentationClock_GetTime(clock, &time), MF_E_CLOCK_NO_TIME_SOURCE);
    CHECK_HR(IMFPresentationClock_GetTime(clock, NULL), E_POINTER);
    value = 1;
    CHECK_HR(IMFPresentationClock_GetContinuityKey(clock, &value), S_OK);
    CHECK(value == 0);
    CHECK_HR(IMFPresentationClock_GetProperties(clock, &props), MF_E_CLOCK_NO_TIME_SOURCE);
    CHECK_HR(IMFPresentationClock_GetState(clock, 0, &state), S_OK);
    CHECK(state == MFCLOCK_STATE_INVALID);
    CHECK_HR(IMFPresentationClock_GetCorrelatedTime(clock, 0, &clock_time, &sys),
             MF_E_CLOCK_NO_TIME_SOURCE);
    CHECK_HR(IMFPresentationClock_GetCorrelatedTime(clock, 0, NULL, &sys), MF_E_CLOCK_NO_TIME_SOURCE);

    /* Sinks. */
    CHECK_HR(IMFPresentationClock_AddClockStateSink(clock, NULL), E_INVALIDARG);
    CHECK_HR(IMFPresentationClock_AddClockStateSink(clock, &sink.iface), S_OK);
    CHECK_HR(IMFPresentationClock_AddClockStateSink(clock, &sink.iface), E_INVALIDARG);
    CHECK(evq_refs(&sink.refs) == 2);
    CHECK_HR(IMFPresentationClock_RemoveClockStateSink(clock, NULL), E_INVALIDARG);
    CHECK_HR(IMFPresentationClock_RemoveClockStateSink(clock, &sink.iface), S_OK);
    CHECK_HR(IMFPresentationClock_RemoveClockStateSink(clock, &sink.iface), S_OK);
    CHECK(evq_refs(&sink.refs) == 1);

    CHECK_HR(IMFPresentationClock_Start(clock, 0), MF_E_CLOCK_NO_TIME_SOURCE);
    CHECK_HR(IMFPresentationClock_Pause(clock), MF_E_CLOCK_NO_TIME_SOURCE);
    CHECK_HR(IMFPresentationClock_Stop(clock), MF_E_CLOCK_NO_TIME_SOURCE);
    CHECK_HR(IMFRateControl_SetRate(rate, FALSE, 0.0f), MF_E_CLOCK_NO_TIME_SOURCE);

    /* With the system time source. */
    CHECK_HR(MFCreateSystemTimeSource(&ts), S_OK);
    CHECK_HR(IMFPresentationClock_SetTimeSource(clock, NULL), E_POINTER);
    CHECK_HR(IMFPresentationClock_SetTimeSource(clock, ts), S_OK);
    CHECK_HR(IMFPresentationClock_GetTimeSource(clock, &ts2), S_OK);
    CHECK(ts2 == ts);
    IMFPresentationTimeSource_Release(ts2);
    CHECK_HR(IMFPresentationTimeSource_GetProperties(ts, &props2), S_OK);
    CHECK_HR(IMFPresentationClock_GetClockCharacteristics(clock, &value), S_OK);
    CHECK(value == (MFCLOCK_CHARACTERISTICS_FLAG_FREQUENCY_10MHZ |
                    MFCLOCK_CHARACTERISTICS_FLAG_IS_SYSTEM_CLOCK));
    CHECK_HR(IMFPresentationClock_GetProperties(clock, &props), S_OK);
    CHECK(!memcmp(&props, &props2, sizeof(props)));

    CHECK_HR(IMFPresentationClock_GetState(clock, 0, &state), S_OK);
    CHECK(state == MFCLOCK_STATE_INVALID);
    CHECK_HR(IMFRateControl_SetRate(rate, FALSE, 0.0f), S_OK);
    CHECK_HR(IMFRateControl_GetRate(rate, &thin, &r), S_OK);
    CHECK(r == 0.0f);
    CHECK_HR(IMFRateControl_SetRate(rate, FALSE, 1.0f), S_OK);

    for (unsigned i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        HRESULT hr = steps[i].action == A_STOP    ? IMFPresentationClock_Stop(clock)
                     : steps[i].action == A_PAUSE ? IMFPresentationClock_Pause(clock)
                                                  : IMFPresentationClock_Start(clock, 0);
        if (hr != steps[i].hr) {
            fprintf(stderr, "clock step %u: hr 0x%08x, want 0x%08x\n", i, (unsigned)hr,
                    (unsigned)steps[i].hr);
            failures++;
        }
        IMFPresentationTimeSource_GetState(ts, 0, &state);
        if (state != steps[i].source_state) {
            fprintf(stderr, "clock step %u: source state %d\n", i, state);
            failures++;
        }
        IMFPresentationClock_GetState(clock, 0, &state);
        if (state != steps[i].clock_state) {
            fprintf(stderr, "clock step %u: clock state %d\n", i, state);
            failures++;
        }
    }

    /* The clock's time is its time source's. */
    CHECK_HR(IMFPresentationClock_Start(clock, 10), S_OK);
    CHECK_HR(IMFPresentationClock_Pause(clock), S_OK);
    CHECK_HR(IMFPresentationClock_GetTime(clock, &time), S_OK);
    CHECK_HR(IMFPresentationTimeSource_GetCorrelatedTime(ts, 0, &clock_time, &sys), S_OK);
    CHECK(time == clock_time);
    CHECK_HR(IMFPresentationClock_GetCorrelatedTime(clock, 0, &time, &sys), S_OK);
    CHECK(time == clock_time);
    CHECK(time >= 10 && time < 10 + 10000000);

    /* It advances while running, from the start position, and holds while
     * paused; stopped, it reads 0. */
    CHECK_HR(IMFPresentationClock_Start(clock, 50000000), S_OK);
    test_sleep_ms(100);
    CHECK_HR(IMFPresentationClock_GetTime(clock, &time), S_OK);
    CHECK(time >= 50000000 + 900000 && time < 50000000 + 10000000);
    CHECK_HR(IMFPresentationClock_Pause(clock), S_OK);
    CHECK_HR(IMFPresentationClock_GetTime(clock, &time), S_OK);
    test_sleep_ms(50);
    CHECK_HR(IMFPresentationClock_GetTime(clock, &clock_time), S_OK);
    CHECK(clock_time == time);
    CHECK_HR(IMFPresentationClock_Stop(clock), S_OK);
    CHECK_HR(IMFPresentationClock_GetTime(clock, &time), S_OK);
    CHECK(time == 0);

    /* Rate control. */
    CHECK_HR(IMFRateControl_GetRate(rate, NULL, &r), S_OK);
    CHECK_HR(IMFRateControl_GetRate(rate, &thin, NULL), E_INVALIDARG);
    CHECK_HR(IMFRateControl_GetRate(rate, &thin, &r), S_OK);
    CHECK(r == 1.0f && !thin);
    CHECK_HR(IMFPresentationClock_Start(clock, 0), S_OK);
    CHECK_HR(IMFRateControl_SetRate(rate, FALSE, 0.0f), S_OK);
    CHECK_HR(IMFRateControl_GetRate(rate, &thin, &r), S_OK);
    CHECK(r == 0.0f);
    CHECK_HR(IMFRateControl_SetRate(rate, FALSE, 0.5f), S_OK);
    CHECK_HR(IMFRateControl_SetRate(rate, TRUE, -1.0f), MF_E_THINNING_UNSUPPORTED);
    CHECK_HR(IMFRateControl_SetRate(rate, TRUE, 1.0f), MF_E_THINNING_UNSUPPORTED);
    CHECK_HR(IMFPresentationClock_GetState(clock, 0, &state), S_OK);
    CHECK(state == MFCLOCK_STATE_RUNNING);
    CHECK_HR(IMFRateControl_GetRate(rate, &thin, &r), S_OK);
    CHECK(r == 0.5f && !thin);
    IMFRateControl_Release(rate);

    /* Shutdown: the clock goes on working, as on Windows. */
    CHECK_HR(IMFPresentationClock_QueryInterface(clock, &IID_IMFShutdown, (void **)&shutdown), S_OK);
    CHECK_HR(IMFShutdown_GetShutdownStatus(shutdown, NULL), E_INVALIDARG);
    CHECK_HR(IMFShutdown_GetShutdownStatus(shutdown, &status), MF_E_INVALIDREQUEST);
    CHECK_HR(IMFShutdown_Shutdown(shutdown), S_OK);
    CHECK_HR(IMFPresentationClock_GetTimeSource(clock, &ts2), S_OK);
    IMFPresentationTimeSource_Release(ts2);
    CHECK_HR(IMFPresentationClock_GetTime(clock, &time), S_OK);
    CHECK_HR(IMFShutdown_GetShutdownStatus(shutdown, &status), S_OK);
    CHECK(status == MFSHUTDOWN_COMPLETED);
    CHECK_HR(IMFPresentationClock_Start(clock, 0), S_OK);
    CHECK_HR(IMFShutdown_Shutdown(shutdown), S_OK);
    IMFShutdown_Release(shutdown);

    IMFPresentationTimeSource_Release(ts);
    CHECK(IMFPresentationClock_Release(clock) == 0);
    CHECK(evq_wait_live(0, 2000));
}

/* ---------------------------------------------------- sink notifications */

static bool check_call(evq_sink *s, int i, enum evq_sink_call call, LONGLONG offset, float rate,
                       MFTIME after, MFTIME before)
{
    const evq_sink_record *r = &s->calls[i];
    bool ok = r->call == call && r->systime >= after && r->systime <= before;
    if (call == SINK_START)
        ok = ok && r->offset == offset;
    if (call == SINK_RATE)
        ok = ok && r->rate == rate;
    if (!ok)
        fprintf(stderr, "sink call %d: %d offset %lld rate %g systime %lld (want %d %lld %g in "
                        "[%lld, %lld])\n", i, r->call, (long long)r->offset, r->rate,
                (long long)r->systime, call, (long long)offset, rate, (long long)after,
                (long long)before);
    return ok;
}

static void test_notifications(void)
{
    IMFPresentationClock *clock;
    IMFPresentationTimeSource *ts;
    IMFRateControl *rate;
    evq_sink sink, sink2;
    MFTIME t[8];
    evq_sink_init(&sink);
    evq_sink_init(&sink2);
    sink.result = E_NOTIMPL; /* sinks' failures do not matter to the clock */

    CHECK_HR(MFCreatePresentationClock(&clock), S_OK);
    CHECK_HR(MFCreateSystemTimeSource(&ts), S_OK);
    CHECK_HR(IMFPresentationClock_SetTimeSource(clock, ts), S_OK);
    CHECK_HR(IMFPresentationClock_QueryInterface(clock, &IID_IMFRateControl, (void **)&rate), S_OK);
    CHECK_HR(IMFPresentationClock_AddClockStateSink(clock, &sink.iface), S_OK);
    CHECK_HR(IMFPresentationClock_AddClockStateSink(clock, &sink2.iface), S_OK);

    t[0] = MFGetSystemTime();
    CHECK_HR(IMFPresentationClock_Start(clock, 0), S_OK);
    t[1] = MFGetSystemTime();
    CHECK_HR(IMFPresentationClock_Pause(clock), S_OK);
    CHECK_HR(IMFPresentationClock_Pause(clock), MF_E_CLOCK_STATE_ALREADY_SET); /* no notification */
    t[2] = MFGetSystemTime();
    CHECK_HR(IMFPresentationClock_Start(clock, PRESENTATION_CURRENT_POSITION), S_OK);
    t[3] = MFGetSystemTime();
    CHECK_HR(IMFRateControl_SetRate(rate, FALSE, 2.0f), S_OK);
    t[4] = MFGetSystemTime();
    CHECK_HR(IMFPresentationClock_Start(clock, 12345), S_OK);
    t[5] = MFGetSystemTime();
    CHECK_HR(IMFPresentationClock_Start(clock, PRESENTATION_CURRENT_POSITION), S_OK);
    t[6] = MFGetSystemTime();
    CHECK_HR(IMFPresentationClock_Stop(clock), S_OK);
    t[7] = MFGetSystemTime();
    CHECK_HR(IMFPresentationClock_Stop(clock), MF_E_CLOCK_STATE_ALREADY_SET);

    CHECK(evq_sink_wait(&sink, 7, 3000) == 7);
    test_sleep_ms(100); /* nothing more may come */
    CHECK(evq_sink_wait(&sink, 8, 0) == 7);
    CHECK(evq_sink_wait(&sink2, 7, 3000) == 7);
    CHECK(!pthread_equal(sink.thread, pthread_self()));
    CHECK(check_call(&sink, 0, SINK_START, 0, 0, t[0], t[1]));
    CHECK(check_call(&sink, 1, SINK_PAUSE, 0, 0, t[1], t[2]));
    CHECK(check_call(&sink, 2, SINK_RESTART, 0, 0, t[2], t[3]));
    CHECK(check_call(&sink, 3, SINK_RATE, 0, 2.0f, t[3], t[4]));
    CHECK(check_call(&sink, 4, SINK_START, 12345, 0, t[4], t[5]));
    CHECK(check_call(&sink, 5, SINK_START, PRESENTATION_CURRENT_POSITION, 0, t[5], t[6]));
    CHECK(check_call(&sink, 6, SINK_STOP, 0, 0, t[6], t[7]));
    for (int i = 0; i < 7; i++)
        CHECK(sink2.calls[i].call == sink.calls[i].call &&
              sink2.calls[i].systime == sink.calls[i].systime);

    /* A removed sink hears nothing more. */
    CHECK_HR(IMFPresentationClock_RemoveClockStateSink(clock, &sink.iface), S_OK);
    CHECK_HR(IMFPresentationClock_Start(clock, 0), S_OK);
    CHECK(evq_sink_wait(&sink2, 8, 3000) == 8);
    CHECK(evq_sink_wait(&sink, 8, 100) == 7);

    /* A burst of changes arrives complete and in order. */
    for (int i = 0; i < 20; i++) {
        IMFPresentationClock_Pause(clock);
        IMFPresentationClock_Start(clock, PRESENTATION_CURRENT_POSITION);
    }
    CHECK(evq_sink_wait(&sink2, 48, 3000) == 48);
    int bad = 0;
    for (int i = 8; i < 48; i++)
        bad += sink2.calls[i].call != ((i - 8) % 2 ? SINK_RESTART : SINK_PAUSE) ||
               sink2.calls[i].systime < sink2.calls[i - 1].systime;
    CHECK(bad == 0);

    IMFRateControl_Release(rate);
    IMFPresentationTimeSource_Release(ts);
    IMFPresentationClock_Release(clock);
    CHECK(evq_wait_live(0, 2000));
    /* The notifications' references are gone too. */
    for (int i = 0; i < 100 && (evq_refs(&sink.refs) != 1 || evq_refs(&sink2.refs) != 1); i++)
        test_sleep_ms(10);
    CHECK(evq_refs(&sink.refs) == 1);
    CHECK(evq_refs(&sink2.refs) == 1);
}

/* ------------------------------------------------- a client's time source */

typedef struct app_source {
    IMFPresentationTimeSource iface;
    IMFClockStateSink sink_iface;
    volatile LONG refs;
    DWORD characteristics;
    bool no_sink;     /* QueryInterface refuses IMFClockStateSink */
    HRESULT on_start; /* what OnClockStart returns */
    int starts, stops;
    LONGLONG last_offset;
} app_source;

#define APP_FROM_SINK(p) ((app_source *)((char *)(p) - offsetof(app_source, sink_iface)))

static HRESULT STDMETHODCALLTYPE app_QueryInterface(IMFPresentationTimeSource *This, REFIID riid,
                                                    void **out)
{
    app_source *s = (app_source *)This;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IMFClock) ||
        IsEqualGUID(riid, &IID_IMFPresentationTimeSource))
        *out = &s->iface;
    else if (IsEqualGUID(riid, &IID_IMFClockStateSink) && !s->no_sink)
        *out = &s->sink_iface;
    else {
        *out = NULL;
        return E_NOINTERFACE;
    }
    __atomic_add_fetch(&s->refs, 1, __ATOMIC_SEQ_CST);
    return S_OK;
}
static ULONG STDMETHODCALLTYPE app_AddRef(IMFPresentationTimeSource *This)
{
    return (ULONG)__atomic_add_fetch(&((app_source *)This)->refs, 1, __ATOMIC_SEQ_CST);
}
static ULONG STDMETHODCALLTYPE app_Release(IMFPresentationTimeSource *This)
{
    return (ULONG)__atomic_sub_fetch(&((app_source *)This)->refs, 1, __ATOMIC_SEQ_CST);
}
static HRESULT STDMETHODCALLTYPE app_GetClockCharacteristics(IMFPresentationTimeSource *This,
                                                             DWORD *c)
{
    *c = ((app_source *)This)->characteristics;
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE app_GetCorrelatedTime(IMFPresentationTimeSource *This, DWORD r,
                                                       LONGLONG *t, MFTIME *sys)
{
    (void)This;
    (void)r;
    *t = 4242;
    *sys = 77;
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE app_GetContinuityKey(IMFPresentationTimeSource *This, DWORD *k)
{
    (void)This;
    *k = 0;
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE app_GetState(IMFPresentationTimeSource *This, DWORD r,
                                              MFCLOCK_STATE *st)
{
    (void)This;
    (void)r;
    *st = MFCLOCK_STATE_RUNNING;
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE app_GetProperties(IMFPresentationTimeSource *This,
                                                   MFCLOCK_PROPERTIES *p)
{
    (void)This;
    memset(p, 0, sizeof(*p));
    p->qwClockFrequency = 1234;
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE app_GetUnderlyingClock(IMFPresentationTimeSource *This,
                                                        IMFClock **c)
{
    (void)This;
    *c = NULL;
    return MF_E_NO_CLOCK;
}

static const IMFPresentationTimeSourceVtbl app_vtbl = {
    app_QueryInterface, app_AddRef, app_Release, app_GetClockCharacteristics,
    app_GetCorrelatedTime, app_GetContinuityKey, app_GetState, app_GetProperties,
    app_GetUnderlyingClock,
};

static HRESULT STDMETHODCALLTYPE apps_QueryInterface(IMFClockStateSink *This, REFIID riid,
                                                     void **out)
{
    return app_QueryInterface(&APP_FROM_SINK(This)->iface, riid, out);
}
static ULONG STDMETHODCALLTYPE apps_AddRef(IMFClockStateSink *This)
{
    return app_AddRef(&APP_FROM_SINK(This)->iface);
}
static ULONG STDMETHODCALLTYPE apps_Release(IMFClockStateSink *This)
{
    return app_Release(&APP_FROM_SINK(This)->iface);
}
static HRESULT STDMETHODCALLTYPE apps_OnClockStart(IMFClockStateSink *This, MFTIME sys,
                                                   LONGLONG offset)
{
    (void)sys;
    app_source *s = APP_FROM_SINK(This);
    s->starts++;
    s->last_offset = offset;
    return s->on_start;
}
static HRESULT STDMETHODCALLTYPE apps_OnClockStop(IMFClockStateSink *This, MFTIME sys)
{
    (void)sys;
    APP_FROM_SINK(This)->stops++;
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE apps_OnClockOther(IMFClockStateSink *This, MFTIME sys)
{
    (void)This;
    (void)sys;
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE apps_OnClockSetRate(IMFClockStateSink *This, MFTIME sys, float r)
{
    (void)This;
    (void)sys;
    (void)r;
    return S_OK;
}

static const IMFClockStateSinkVtbl app_sink_vtbl = {
    apps_QueryInterface, apps_AddRef, apps_Release, apps_OnClockStart, apps_OnClockStop,
    apps_OnClockOther, apps_OnClockOther, apps_OnClockSetRate,
};

static void app_source_init(app_source *s)
{
    memset(s, 0, sizeof(*s));
    s->iface.lpVtbl = (IMFPresentationTimeSourceVtbl *)&app_vtbl;
    s->sink_iface.lpVtbl = (IMFClockStateSinkVtbl *)&app_sink_vtbl;
    s->refs = 1;
    s->characteristics = MFCLOCK_CHARACTERISTICS_FLAG_FREQUENCY_10MHZ;
}

static void test_app_time_source(void)
{
    IMFPresentationClock *clock;
    app_source src;
    MFCLOCK_PROPERTIES props;
    MFTIME time, sys;
    MFCLOCK_STATE state;
    app_source_init(&src);

    CHECK_HR(MFCreatePresentationClock(&clock), S_OK);
    CHECK_HR(IMFPresentationClock_SetTimeSource(clock, &src.iface), S_OK);
    CHECK(src.refs == 3); /* the source and its sink interface */
    CHECK_HR(IMFPresentationClock_GetTime(clock, &time), S_OK);
    CHECK(time == 4242);
    CHECK_HR(IMFPresentationClock_GetCorrelatedTime(clock, 0, &time, &sys), S_OK);
    CHECK(time == 4242 && sys == 77);
    CHECK_HR(IMFPresentationClock_GetProperties(clock, &props), S_OK);
    CHECK(props.qwClockFrequency == 1234);

    /* The time source hears of changes before the call returns. */
    CHECK_HR(IMFPresentationClock_Start(clock, 555), S_OK);
    CHECK(src.starts == 1 && src.last_offset == 555);
    CHECK_HR(IMFPresentationClock_Stop(clock), S_OK);
    CHECK(src.stops == 1);
    /* Its failure is the call's, and the state does not change. */
    src.on_start = E_FAIL;
    CHECK_HR(IMFPresentationClock_Start(clock, 0), E_FAIL);
    CHECK_HR(IMFPresentationClock_GetState(clock, 0, &state), S_OK);
    CHECK(state == MFCLOCK_STATE_STOPPED);
    IMFPresentationClock_Release(clock);
    CHECK(src.refs == 1);

    /* Windows requires a 10 MHz source with IMFClockStateSink. */
    CHECK_HR(MFCreatePresentationClock(&clock), S_OK);
    src.characteristics = 0;
    CHECK_HR(IMFPresentationClock_SetTimeSource(clock, &src.iface), MF_E_CLOCK_NOT_SIMPLE);
    src.characteristics = MFCLOCK_CHARACTERISTICS_FLAG_FREQUENCY_10MHZ;
    src.no_sink = true;
    CHECK_HR(IMFPresentationClock_SetTimeSource(clock, &src.iface), E_NOINTERFACE);
    CHECK_HR(IMFPresentationClock_GetTimeSource(clock, &(IMFPresentationTimeSource *){ NULL }),
             MF_E_CLOCK_NO_TIME_SOURCE);
    IMFPresentationClock_Release(clock);
    CHECK(src.refs == 1);
    CHECK(evq_wait_live(0, 2000));
}

int main(void)
{
    /* Clocks work without MFStartup (Windows' tests of the time source run
     * without it); the notification part runs started. */
    test_system_time_source();
    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL), S_OK);
    test_presentation_clock_rules();
    test_notifications();
    test_app_time_source();
    CHECK_HR(MFShutdown(), S_OK);
    CHECK(msess_mf_live_objects() == 0);
    return evq_result("evq-clock");
}

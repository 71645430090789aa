/* Conformance: the presentation clock on its own (reference section 3,
 * "Presentation clock"): MFCreatePresentationClock without a time source,
 * with MFCreateSystemTimeSource, its state errors, and its state sinks. */
#include "mfconf.h"

static void without_time_source(void)
{
    IMFPresentationClock *c = NULL;
    if (!CHECK_HR(MFCreatePresentationClock(&c), S_OK, "MFCreatePresentationClock"))
        return;
    MFTIME t = 0;
    CHECK_HR(IMFPresentationClock_Start(c, 0), MF_E_CLOCK_NO_TIME_SOURCE, "Start without a time source");
    CHECK_HR(IMFPresentationClock_Pause(c), MF_E_CLOCK_NO_TIME_SOURCE, "Pause without a time source");
    CHECK_HR(IMFPresentationClock_Stop(c), MF_E_CLOCK_NO_TIME_SOURCE, "Stop without a time source");
    CHECK_HR(IMFPresentationClock_GetTime(c, &t), MF_E_CLOCK_NO_TIME_SOURCE,
             "GetTime without a time source");
    IMFPresentationTimeSource *ts = NULL;
    CHECK_HR(IMFPresentationClock_GetTimeSource(c, &ts), MF_E_CLOCK_NO_TIME_SOURCE,
             "GetTimeSource without one");
    if (ts)
        IMFPresentationTimeSource_Release(ts);
    IMFPresentationClock_Release(c);
}

static MFCLOCK_STATE state_of(IMFPresentationClock *c)
{
    MFCLOCK_STATE st = MFCLOCK_STATE_INVALID;
    IMFPresentationClock_GetState(c, 0, &st);
    return st;
}

/* Wait for a state sink's count to reach n (Windows may notify later). */
static LONG sink_count(conf_grabber *g, const LONG *field, LONG n)
{
    for (int i = 0; i < 100 && conf_grabber_get(g, field) < n; i++)
        conf_sleep_ms(10);
    return conf_grabber_get(g, field);
}

static void with_system_time_source(void)
{
    IMFPresentationClock *c = NULL;
    IMFPresentationTimeSource *ts = NULL;
    conf_grabber *sink = conf_grabber_new(&MFMediaType_Video); /* as an IMFClockStateSink */
    if (!CHECK_HR(MFCreatePresentationClock(&c), S_OK, "MFCreatePresentationClock") ||
        !CHECK_HR(MFCreateSystemTimeSource(&ts), S_OK, "MFCreateSystemTimeSource"))
        goto out;
    CHECK_HR(IMFPresentationClock_SetTimeSource(c, ts), S_OK, "SetTimeSource");
    IMFClockStateSink *ss = (IMFClockStateSink *)(void *)&sink->iface;
    CHECK_HR(IMFPresentationClock_AddClockStateSink(c, ss), S_OK, "AddClockStateSink");

    CHECK_HR(IMFPresentationClock_GetTime(c, NULL), E_POINTER, "GetTime(NULL)");
    CHECK_HR(IMFPresentationClock_Start(c, 0), S_OK, "Start(0)");
    CHECK(state_of(c) == MFCLOCK_STATE_RUNNING, "state %d after Start, expected RUNNING",
          (int)state_of(c));
    CHECK(sink_count(sink, &sink->clock_start, 1) == 1, "OnClockStart: %ld calls",
          (long)GRABBED(sink, clock_start));
    conf_sleep_ms(200);
    MFTIME t = -1;
    CHECK_HR(IMFPresentationClock_GetTime(c, &t), S_OK, "GetTime while running");
    CHECK(t >= CONF_MS(150) && t <= CONF_MS(600), "GetTime after 200 ms: %.3f s", t / 1e7);

    CHECK_HR(IMFPresentationClock_Pause(c), S_OK, "Pause while running");
    CHECK(state_of(c) == MFCLOCK_STATE_PAUSED, "state %d after Pause", (int)state_of(c));
    CHECK_HR(IMFPresentationClock_Pause(c), MF_E_CLOCK_STATE_ALREADY_SET, "Pause while paused");
    CHECK(sink_count(sink, &sink->clock_pause, 1) == 1, "OnClockPause: %ld calls",
          (long)GRABBED(sink, clock_pause));
    MFTIME paused = -1, later = -2;
    IMFPresentationClock_GetTime(c, &paused);
    conf_sleep_ms(100);
    IMFPresentationClock_GetTime(c, &later);
    CHECK(paused == later, "the paused clock moved from %.3f to %.3f s", paused / 1e7, later / 1e7);

    /* Resume where it was: OnClockRestart. */
    CHECK_HR(IMFPresentationClock_Start(c, PRESENTATION_CURRENT_POSITION), S_OK,
             "Start(PRESENTATION_CURRENT_POSITION) while paused");
    CHECK(sink_count(sink, &sink->clock_restart, 1) == 1, "OnClockRestart: %ld calls",
          (long)GRABBED(sink, clock_restart));

    CHECK_HR(IMFPresentationClock_Stop(c), S_OK, "Stop while running");
    CHECK(state_of(c) == MFCLOCK_STATE_STOPPED, "state %d after Stop", (int)state_of(c));
    CHECK(sink_count(sink, &sink->clock_stop, 1) == 1, "OnClockStop: %ld calls",
          (long)GRABBED(sink, clock_stop));
    CHECK_HR(IMFPresentationClock_Stop(c), MF_E_CLOCK_STATE_ALREADY_SET, "Stop while stopped");
    CHECK_HR(IMFPresentationClock_Pause(c), MF_E_INVALIDREQUEST, "Pause while stopped");

    CHECK_HR(IMFPresentationClock_RemoveClockStateSink(c, ss), S_OK, "RemoveClockStateSink");
    CHECK_HR(IMFPresentationClock_Start(c, 0), S_OK, "Start(0) after Stop");
    conf_sleep_ms(100);
    CHECK(GRABBED(sink, clock_start) == 1, "a removed state sink was told of a Start");
    CHECK_HR(IMFPresentationClock_Stop(c), S_OK, "Stop");
out:
    if (c) {
        IMFShutdown *sd = NULL;
        if (SUCCEEDED(IMFPresentationClock_QueryInterface(c, &IID_IMFShutdown, (void **)&sd))) {
            IMFShutdown_Shutdown(sd);
            IMFShutdown_Release(sd);
        }
        IMFPresentationClock_Release(c);
    }
    if (ts)
        IMFPresentationTimeSource_Release(ts);
    conf_grabber_release(&sink);
}

int main(void)
{
    conf_init();
    CONF_CASE(without_time_source);
    CONF_CASE(with_system_time_source);
    return conf_done();
}

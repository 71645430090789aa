/* The presentation clock: presentation time = start position +
 * (time source now - time source at start) x rate, frozen while paused. */
#ifndef MSESS_CLOCK_H
#define MSESS_CLOCK_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Thread-safety: safe. */
typedef struct msess_clock msess_clock;

/* A time source: a monotonic count of 100 ns ticks, unaffected by the
 * clock's rate or state. Called from any thread, possibly concurrently. */
typedef struct msess_time_source {
    msess_time (*now)(void *userdata);
    void *userdata;
} msess_time_source;

/* Values are Media Foundation's MFCLOCK_STATE. */
enum msess_clock_state {
    MSESS_CLOCK_INVALID = 0,
    MSESS_CLOCK_RUNNING = 1,
    MSESS_CLOCK_STOPPED = 2,
    MSESS_CLOCK_PAUSED = 3,
};

/* The system monotonic clock as a time source. */
MSESS_API msess_time msess_system_time(void *userdata);
MSESS_API const msess_time_source *msess_system_time_source(void);

/* source NULL: the clock has no time source until one is set. */
MSESS_API int msess_clock_create(msess_clock **out, const msess_time_source *source);
MSESS_API void msess_clock_destroy(msess_clock **clock);
MSESS_API int msess_clock_set_time_source(msess_clock *clock,
                                          const msess_time_source *source);

/* Start at position pos, or MSESS_TIME_NONE to resume from the current
 * position (from 0 when stopped). Errors: MSESS_ENOTIMESOURCE. */
MSESS_API int msess_clock_start(msess_clock *clock, msess_time pos);
/* Errors: MSESS_ENOTIMESOURCE, MSESS_ESTATE (pause while stopped),
 * MSESS_ECLOCKSTATE (already paused). */
MSESS_API int msess_clock_pause(msess_clock *clock);
/* Errors: MSESS_ENOTIMESOURCE, MSESS_ECLOCKSTATE (already stopped). */
MSESS_API int msess_clock_stop(msess_clock *clock);
/* rate > 0 (msess plays forward only); the position is continuous. */
MSESS_API int msess_clock_set_rate(msess_clock *clock, double rate);
MSESS_API double msess_clock_get_rate(const msess_clock *clock);
/* Current presentation time; 0 when stopped. Errors: MSESS_ENOTIMESOURCE. */
MSESS_API int msess_clock_get_time(const msess_clock *clock, msess_time *out);
MSESS_API enum msess_clock_state msess_clock_get_state(const msess_clock *clock);

#ifdef __cplusplus
}
#endif

#endif

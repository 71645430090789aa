/* Internal side of the presentation clock. */
#ifndef MSESS_CORE_CLOCK_H
#define MSESS_CORE_CLOCK_H

#include "msess/clock.h"

/* Called after every state, position or rate change, on the caller's thread,
 * without the clock's lock held. */
typedef void (*msess__clock_listener)(void *userdata);
void msess__clock_set_listener(msess_clock *c, msess__clock_listener fn, void *userdata);

/* When the clock will read pts. MSESS__CLOCK_AT: *deadline is the
 * monotonic system time (msess__now) of it; MSESS__CLOCK_POLL: running on a
 * time source that cannot be predicted (poll; *deadline is where the
 * source would get there if it kept real time); MSESS__CLOCK_HALTED: paused,
 * stopped or without a source (wait for a change). *now_out gets the current
 * presentation time. */
enum msess__clock_plan { MSESS__CLOCK_AT, MSESS__CLOCK_POLL, MSESS__CLOCK_HALTED };
enum msess__clock_plan msess__clock_deadline(const msess_clock *c, msess_time pts,
                                             int64_t *deadline, msess_time *now_out);

#endif

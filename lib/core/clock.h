/* Internal side of the presentation clock. */
#ifndef MSESS_CORE_CLOCK_H
#define MSESS_CORE_CLOCK_H

#include "msess/clock.h"

/* Called after every state, position or rate change, on the caller's thread,
 * without the clock's lock held. */
typedef void (*msess__clock_listener)(void *userdata);
void msess__clock_set_listener(msess_clock *c, msess__clock_listener fn, void *userdata);

/* Monotonic system time (msess__now) at which the clock will read pts:
 * returns true and sets *deadline when that can be predicted (running on
 * the system time source); false when paused, stopped, or on another time
 * source, whose waiters poll. *now_out gets the current presentation time. */
bool msess__clock_deadline(const msess_clock *c, msess_time pts,
                           int64_t *deadline, msess_time *now_out);

#endif

/* The session's event queue: a blocking get with time-out, a non-blocking
 * get, or delivery to a callback. */
#ifndef MSESS_CORE_EVENTS_H
#define MSESS_CORE_EVENTS_H

#include "msess/event.h"
#include "os/thread.h"

typedef struct msess__event_queue {
    msess__mutex lock;
    msess__cond cond;
    msess_event *ring;
    unsigned cap, head, count;
    bool shutdown;
    msess_event_fn fn;
    void *userdata;
} msess__event_queue;

int msess__events_init(msess__event_queue *q, msess_event_fn fn, void *userdata);
/* Takes ownership of ev's topology reference. */
void msess__events_post(msess__event_queue *q, msess_event *ev);
int msess__events_get(msess__event_queue *q, msess_event *ev, int timeout_ms);
void msess__events_shutdown(msess__event_queue *q);
void msess__events_uninit(msess__event_queue *q);

#endif

/* Event queue and event helpers. */
#include <string.h>

#include "core/events.h"
#include "core/util.h"

const char *msess_event_type_name(enum msess_event_type type)
{
    switch (type) {
    case MSESS_EVENT_ERROR: return "error";
    case MSESS_EVENT_WARNING: return "warning";
    case MSESS_EVENT_TOPOLOGY_SET: return "topology-set";
    case MSESS_EVENT_TOPOLOGIES_CLEARED: return "topologies-cleared";
    case MSESS_EVENT_STARTED: return "started";
    case MSESS_EVENT_PAUSED: return "paused";
    case MSESS_EVENT_STOPPED: return "stopped";
    case MSESS_EVENT_CLOSED: return "closed";
    case MSESS_EVENT_ENDED: return "ended";
    case MSESS_EVENT_RATE_CHANGED: return "rate-changed";
    case MSESS_EVENT_CAPABILITIES_CHANGED: return "capabilities-changed";
    case MSESS_EVENT_TOPOLOGY_STATUS: return "topology-status";
    case MSESS_EVENT_NOTIFY_PRESENTATION_TIME: return "notify-presentation-time";
    case MSESS_EVENT_NEW_PRESENTATION: return "new-presentation";
    case MSESS_EVENT_END_OF_PRESENTATION: return "end-of-presentation";
    }
    return "unknown";
}

void msess_event_clear(msess_event *ev)
{
    if (!ev)
        return;
    msess_topology_destroy(&ev->topology);
    memset(ev, 0, sizeof(*ev));
}

int msess__events_init(msess__event_queue *q, msess_event_fn fn, void *userdata)
{
    memset(q, 0, sizeof(*q));
    q->cap = 32;
    q->ring = msess__calloc(q->cap, sizeof(*q->ring));
    if (!q->ring)
        return MSESS_ENOMEM;
    msess__mutex_init(&q->lock);
    msess__cond_init(&q->cond);
    q->fn = fn;
    q->userdata = userdata;
    return 0;
}

void msess__events_post(msess__event_queue *q, msess_event *ev)
{
    if (q->fn) {
        q->fn(q->userdata, ev);
        msess_event_clear(ev);
        return;
    }
    msess__mutex_lock(&q->lock);
    if (q->shutdown) {
        msess__mutex_unlock(&q->lock);
        msess_event_clear(ev);
        return;
    }
    if (q->count == q->cap) {
        msess_event *ring = msess__malloc(2 * q->cap * sizeof(*ring));
        if (!ring) {
            /* Keep the order: drop the new event rather than reorder. */
            msess__mutex_unlock(&q->lock);
            msess_event_clear(ev);
            return;
        }
        for (unsigned i = 0; i < q->count; i++)
            ring[i] = q->ring[(q->head + i) % q->cap];
        msess__free(q->ring);
        q->ring = ring;
        q->head = 0;
        q->cap *= 2;
    }
    q->ring[(q->head + q->count) % q->cap] = *ev;
    q->count++;
    memset(ev, 0, sizeof(*ev));
    msess__cond_broadcast(&q->cond);
    msess__mutex_unlock(&q->lock);
}

int msess__events_get(msess__event_queue *q, msess_event *ev, int timeout_ms)
{
    if (q->fn)
        return MSESS_EBUSY;
    int64_t deadline = msess__now() + (int64_t)timeout_ms * MSESS_TIME_PER_MS;
    msess__mutex_lock(&q->lock);
    while (!q->count && !q->shutdown && timeout_ms != 0) {
        if (timeout_ms < 0)
            msess__cond_wait(&q->cond, &q->lock);
        else if (!msess__cond_wait_until(&q->cond, &q->lock, deadline))
            break;
    }
    int ret;
    if (q->shutdown) {
        ret = MSESS_ESHUTDOWN;
    } else if (!q->count) {
        ret = MSESS_EAGAIN;
    } else {
        *ev = q->ring[q->head];
        q->head = (q->head + 1) % q->cap;
        q->count--;
        ret = 0;
    }
    msess__mutex_unlock(&q->lock);
    return ret;
}

void msess__events_shutdown(msess__event_queue *q)
{
    msess__mutex_lock(&q->lock);
    q->shutdown = true;
    msess__cond_broadcast(&q->cond);
    msess__mutex_unlock(&q->lock);
}

void msess__events_uninit(msess__event_queue *q)
{
    if (!q->ring)
        return;
    while (q->count) {
        msess_event_clear(&q->ring[q->head]);
        q->head = (q->head + 1) % q->cap;
        q->count--;
    }
    msess__free(q->ring);
    q->ring = NULL;
    msess__cond_destroy(&q->cond);
    msess__mutex_destroy(&q->lock);
}

/* Events: every outcome of a session's control calls. */
#ifndef MSESS_EVENT_H
#define MSESS_EVENT_H

#include "common.h"
#include "topology.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Values are Media Foundation's MediaEventType for the same event. */
enum msess_event_type {
    MSESS_EVENT_ERROR = 1,                 /* fatal error while playing */
    MSESS_EVENT_WARNING = 3,               /* non-fatal error (MENonFatalError) */
    MSESS_EVENT_TOPOLOGY_SET = 101,        /* topology: the resolved one */
    MSESS_EVENT_TOPOLOGIES_CLEARED = 102,
    MSESS_EVENT_STARTED = 103,             /* time: start position */
    MSESS_EVENT_PAUSED = 104,
    MSESS_EVENT_STOPPED = 105,
    MSESS_EVENT_CLOSED = 106,
    MSESS_EVENT_ENDED = 107,
    MSESS_EVENT_RATE_CHANGED = 108,        /* rate */
    MSESS_EVENT_CAPABILITIES_CHANGED = 110,/* caps, caps_delta */
    MSESS_EVENT_TOPOLOGY_STATUS = 111,     /* topology_status */
    MSESS_EVENT_NOTIFY_PRESENTATION_TIME = 112, /* time: start; offset */
    MSESS_EVENT_NEW_PRESENTATION = 113,
    MSESS_EVENT_END_OF_PRESENTATION = 211,
};

/* Values are Media Foundation's MF_TOPOSTATUS. */
enum msess_topology_status {
    MSESS_TOPOSTATUS_INVALID = 0,
    MSESS_TOPOSTATUS_READY = 100,
    MSESS_TOPOSTATUS_STARTED_SOURCE = 200,
    MSESS_TOPOSTATUS_DYNAMIC_CHANGED = 210,
    MSESS_TOPOSTATUS_SINK_SWITCHED = 300,
    MSESS_TOPOSTATUS_ENDED = 400,
};

/* Values are Media Foundation's MFSESSIONCAP flags. */
enum msess_caps {
    MSESS_CAP_START = 0x1,
    MSESS_CAP_SEEK = 0x2,
    MSESS_CAP_PAUSE = 0x4,
    MSESS_CAP_RATE_FORWARD = 0x10,
    MSESS_CAP_RATE_REVERSE = 0x20,
    MSESS_CAP_DOES_NOT_USE_NETWORK = 0x40,
};

typedef struct msess_event {
    enum msess_event_type type;
    int status;                /* 0 or a negative msess error */
    msess_topology *topology;  /* the topology concerned, or NULL; a reference
                                * owned by the event (msess_event_clear) */
    enum msess_topology_status topology_status;
    uint32_t caps, caps_delta;
    double rate;
    msess_time time;           /* STARTED: start position; NOTIFY_PRESENTATION_TIME:
                                * start of the presentation; STOPPED: position */
    msess_time offset;         /* NOTIFY_PRESENTATION_TIME, STARTED: presentation
                                * time offset (global time) */
    char message[256];         /* ERROR/WARNING and failed statuses: what happened */
} msess_event;

/* Called for each event, in order, on the session's control thread. It may
 * call any session function but msess_session_destroy. The event and its
 * topology reference stay owned by the session. */
typedef void (*msess_event_fn)(void *userdata, const msess_event *ev);

MSESS_API const char *msess_event_type_name(enum msess_event_type type);
/* Release what the event holds (its topology reference). */
MSESS_API void msess_event_clear(msess_event *ev);

#ifdef __cplusplus
}
#endif

#endif

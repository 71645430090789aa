/* The media session: plays topologies against a presentation clock with an
 * asynchronous lifecycle. Every control call returns at once; the session's
 * control thread carries the calls out in the order made and reports each
 * outcome as an event. Only msess_session_destroy is synchronous. */
#ifndef MSESS_SESSION_H
#define MSESS_SESSION_H

#include "clock.h"
#include "common.h"
#include "event.h"
#include "topology.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Thread-safety: safe (every function may be called from any thread),
 * except msess_session_destroy, which must not race any other call. */
typedef struct msess_session msess_session;

enum msess_clock_source {
    MSESS_CLOCK_SOURCE_AUTO = 0,   /* an audio output that can be one, else system */
    MSESS_CLOCK_SOURCE_SYSTEM,     /* the monotonic system clock */
    MSESS_CLOCK_SOURCE_APP,        /* settings.clock_fn: game time */
};

typedef struct msess_session_settings {
    msess_logger log;                 /* default: silent */
    /* MF_SESSION_GLOBAL_TIME: presentation time runs on across queued
     * topologies instead of restarting at 0 for each. Default false. */
    bool global_time;
    /* MF_SESSION_QUALITY_MANAGER: drop video frames that are late for their
     * time (counted in the sink's stats). Default true. */
    bool drop_late_frames;
    /* MF_SESSION_TOPOLOADER: NULL means msess_topology_resolve. Copied. */
    const msess_loader *loader;
    /* MF_LOW_LATENCY: short queues and device buffers. Default false. */
    bool low_latency;
    enum msess_clock_source clock_source; /* default AUTO */
    msess_time_source clock_fn;           /* for MSESS_CLOCK_SOURCE_APP */
    int decoder_threads;              /* 0 (default): one per core */
    /* Bounds of each stream's demuxed packet queue. Defaults: 16 MiB and
     * 2 s (250 ms with low_latency); at least 1 packet is always queued. */
    size_t queue_bytes;
    msess_time queue_duration;
    /* Events go to this callback instead of the event queue. Default NULL. */
    msess_event_fn event_fn;
    void *event_userdata;
} msess_session_settings;

MSESS_API void msess_session_default_settings(msess_session_settings *s);
MSESS_API int msess_session_create(msess_session **out,
                                   const msess_session_settings *s);
/* Shut down: stops playback, ends the event queue (a blocked get returns
 * MSESS_ESHUTDOWN), joins every thread, frees the session. Synchronous;
 * sends no event. Sources stay the application's. Accepts a pointer to NULL. */
MSESS_API void msess_session_destroy(msess_session **s);

/* msess_session_set_topology flags: values are MF's MFSESSION_SETTOPOLOGY. */
enum msess_topology_flags {
    MSESS_TOPOLOGY_IMMEDIATE = 1,       /* replace the playing topology now */
    MSESS_TOPOLOGY_NORESOLUTION = 2,    /* already full: skip the loader */
    MSESS_TOPOLOGY_CLEAR_CURRENT = 4,   /* clear the current (t may be NULL) */
};

/* Queue a topology. It is validated at once (errors returned here, see
 * msess_topology_validate); resolution happens on the control thread.
 * Events: TOPOLOGY_SET (the resolved topology), NOTIFY_PRESENTATION_TIME,
 * CAPABILITIES_CHANGED when caps change, TOPOLOGY_STATUS READY. While a
 * topology plays, a new one without IMMEDIATE is queued and follows the
 * current one gaplessly (TOPOLOGY_STATUS SINK_SWITCHED). The session takes
 * a reference to t. */
MSESS_API int msess_session_set_topology(msess_session *s, unsigned flags,
                                         msess_topology *t);
/* Drop the queued (not the current) topologies: TOPOLOGIES_CLEARED. */
MSESS_API int msess_session_clear_topologies(msess_session *s);
/* Start at pos (a seek when already started or paused), or MSESS_TIME_NONE
 * to resume (from 0 when stopped). Events: TOPOLOGY_STATUS STARTED_SOURCE
 * on a topology's first start, CAPABILITIES_CHANGED, STARTED. A pos past
 * the duration: STARTED with MSESS_EPOSITION. No topology: STARTED with
 * MSESS_ESTATE. */
MSESS_API int msess_session_start(msess_session *s, msess_time pos);
/* Event PAUSED (MSESS_ESTATE unless started). */
MSESS_API int msess_session_pause(msess_session *s);
/* Event STOPPED; the next resume starts from 0. */
MSESS_API int msess_session_stop(msess_session *s);
/* Stop, drop every topology and release the sinks: CAPABILITIES_CHANGED,
 * CLOSED (always the last event). */
MSESS_API int msess_session_close(msess_session *s);

/* Rate: a positive ratio to normal speed within [slowest, fastest].
 * Event RATE_CHANGED with the rate, or a failed status (MSESS_ERATE). */
MSESS_API int msess_session_set_rate(msess_session *s, double rate);
MSESS_API int msess_session_get_rate(msess_session *s, double *rate);
MSESS_API int msess_session_get_rate_range(msess_session *s, double *slowest,
                                           double *fastest);
/* 0 when supported, else MSESS_ERATE with the nearest supported in *nearest. */
MSESS_API int msess_session_is_rate_supported(msess_session *s, double rate,
                                              double *nearest);

MSESS_API int msess_session_get_capabilities(msess_session *s, uint32_t *caps);
/* The resolved topology: current (id 0) or the one with the given id
 * (current or queued). *out is a new reference. MSESS_ESTATE if none. */
MSESS_API int msess_session_get_full_topology(msess_session *s, uint64_t id,
                                              msess_topology **out);
/* The session's presentation clock, owned by the session: read its time,
 * state and rate; the session alone starts, stops and re-rates it. */
MSESS_API msess_clock *msess_session_get_clock(msess_session *s);
/* Presentation time within the current topology (or global time). */
MSESS_API int msess_session_get_position(msess_session *s, msess_time *out);
/* Duration of the current topology, MSESS_TIME_NONE if unknown. */
MSESS_API msess_time msess_session_get_duration(msess_session *s);

/* Next event. timeout_ms < 0 waits for ever, 0 does not wait. Returns 0 with
 * *ev filled (msess_event_clear it), MSESS_EAGAIN when none came in time,
 * MSESS_ESHUTDOWN after destroy began, MSESS_EBUSY with an event_fn. */
MSESS_API int msess_session_get_event(msess_session *s, msess_event *ev,
                                      int timeout_ms);

#ifdef __cplusplus
}
#endif

#endif

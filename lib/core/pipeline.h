/* The running form of one resolved topology: a demux thread per source, a
 * worker per branch (decode -> convert -> ports), and the ports the sinks
 * pull from. Seeks flush by generation; the control thread drives it. */
#ifndef MSESS_CORE_PIPELINE_H
#define MSESS_CORE_PIPELINE_H

#include "core/sink.h"
#include "msess/topology.h"

typedef struct msess__pipeline msess__pipeline;

typedef struct msess__pipeline_config {
    const msess_logger *log;
    msess_clock *clock;
    int decoder_threads;
    size_t queue_bytes;
    msess_time queue_duration;
    bool low_latency;
    bool drop_late;
    msess_time base;  /* added to every timestamp: where this topology starts
                       * on the session's timeline */
    /* Called from pipeline threads; never with a pipeline lock held. */
    void (*on_error)(void *userdata, msess__pipeline *pl, int err, const char *msg);
    void (*on_warning)(void *userdata, msess__pipeline *pl, int err, const char *msg);
    void (*on_drained)(void *userdata, msess__pipeline *pl, msess_time end);
    void (*on_port_done)(void *userdata, msess__pipeline *pl);
    void *userdata;
} msess__pipeline_config;

int msess__pipeline_create(msess__pipeline **out, msess_topology *full,
                           const msess__pipeline_config *cfg);
void msess__pipeline_destroy(msess__pipeline **pl);

/* Decode from pos (ticks on the topology's own timeline) on; flushes
 * everything queued. Starts the threads on first use. */
int msess__pipeline_seek(msess__pipeline *pl, msess_time pos);
/* Wait until every port has its first frame (or its end) after the last
 * seek; false on time-out. */
bool msess__pipeline_wait_ready(msess__pipeline *pl, int64_t timeout_ticks);
/* Attach every sink to its port (sinks already fed by prev are handed over
 * at prev's end instead). */
int msess__pipeline_attach(msess__pipeline *pl, msess__pipeline *prev);
/* Detach the sinks still pulling from this pipeline's ports. */
void msess__pipeline_detach(msess__pipeline *pl);
/* Every port has presented its last frame. */
bool msess__pipeline_done(msess__pipeline *pl);
/* Whether no sink pulls from this pipeline's ports any more. */
bool msess__pipeline_released(msess__pipeline *pl);
/* Every sink that next also feeds has moved on to next's ports. */
bool msess__pipeline_released_to(msess__pipeline *pl, msess__pipeline *next);
/* Forget the hand-over to a following pipeline. */
void msess__pipeline_detach_next(msess__pipeline *pl);
void msess__pipeline_kick(msess__pipeline *pl);
msess_topology *msess__pipeline_topology(msess__pipeline *pl);
msess_time msess__pipeline_base(msess__pipeline *pl);
/* A sink able to drive the clock (audio output), or NULL. */
msess_sink *msess__pipeline_time_sink(msess__pipeline *pl);
bool msess__pipeline_has_sink(msess__pipeline *pl, msess_sink *s);

#endif

/* The media session: a control thread that carries out queued commands in
 * order, drives pipelines and the clock, and reports outcomes as events. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/events.h"
#include "core/pipeline.h"
#include "core/topology.h"
#include "core/util.h"
#include "ff/ff.h"
#include "msess/session.h"

#define RATE_SLOWEST (1.0 / 16)
#define RATE_FASTEST 16.0
#define PREPARE_WAIT (2 * MSESS_TIME_PER_SECOND)
#define PREROLL_TIMEOUT (15 * MSESS_TIME_PER_SECOND)

enum cmd_type {
    CMD_SET_TOPOLOGY,
    CMD_CLEAR,
    CMD_START,
    CMD_PAUSE,
    CMD_STOP,
    CMD_CLOSE,
    CMD_RATE,
    /* from pipelines */
    CMD_PL_ERROR,
    CMD_PL_WARNING,
    CMD_PL_DRAINED,
    CMD_PL_PORT_DONE,
};

typedef struct cmd cmd;
struct cmd {
    cmd *next;
    enum cmd_type type;
    unsigned flags;
    msess_topology *topo;
    msess_time pos;
    double rate;
    int err;
    msess__pipeline *pl;
    char msg[256];
};

enum state {
    ST_EMPTY,   /* no topology */
    ST_STOPPED, /* topology set, not playing */
    ST_STARTED,
    ST_PAUSED,
    ST_CLOSED,
};

typedef struct queued {
    msess_topology *full;
    struct queued *next;
} queued;

struct msess_session {
    msess_session_settings set;
    msess_loader loader;
    msess__event_queue events;
    msess_clock *clock;
    msess__thread thread;

    msess__mutex lock;          /* commands and the snapshot below */
    msess__cond cond;
    cmd *head, *tail;
    bool shutdown;
    /* snapshot for other threads */
    uint32_t caps;
    double rate;
    msess_topology *current;    /* resolved, current */
    queued *queue;              /* resolved, waiting */
    msess_time base;            /* current topology's start on the timeline */
    msess_time duration;

    /* control thread only */
    enum state state;
    msess__pipeline *pl, *next_pl;
    bool source_started;        /* STARTED_SOURCE sent for the current topology */
    bool drained;               /* current pipeline has decoded everything */
    bool prepared;              /* pl built, attached and at 0, clock not started */
    msess_time drained_end;
};

/* ---- events */

static void emit(msess_session *s, msess_event *ev)
{
    msess__debug(&s->set.log, "event %s status %d", msess_event_type_name(ev->type), ev->status);
    msess__events_post(&s->events, ev);
}

static void emit_simple(msess_session *s, enum msess_event_type type, int status,
                        msess_topology *t, const char *msg)
{
    msess_event ev = { .type = type, .status = status, .topology = msess_topology_ref(t),
                       .time = MSESS_TIME_NONE, .offset = 0 };
    if (msg)
        snprintf(ev.message, sizeof(ev.message), "%s", msg);
    else if (status < 0)
        snprintf(ev.message, sizeof(ev.message), "%s", msess_strerror(status));
    emit(s, &ev);
}

static void emit_status(msess_session *s, msess_topology *t, enum msess_topology_status st)
{
    msess_event ev = { .type = MSESS_EVENT_TOPOLOGY_STATUS, .topology = msess_topology_ref(t),
                       .topology_status = st, .time = MSESS_TIME_NONE };
    emit(s, &ev);
}

static void set_caps(msess_session *s, uint32_t caps)
{
    msess__mutex_lock(&s->lock);
    uint32_t old = s->caps;
    s->caps = caps;
    msess__mutex_unlock(&s->lock);
    if (old == caps)
        return;
    msess_event ev = { .type = MSESS_EVENT_CAPABILITIES_CHANGED, .caps = caps,
                       .caps_delta = old ^ caps, .time = MSESS_TIME_NONE };
    emit(s, &ev);
}

static uint32_t get_caps(msess_session *s)
{
    msess__mutex_lock(&s->lock);
    uint32_t c = s->caps;
    msess__mutex_unlock(&s->lock);
    return c;
}

/* What a topology allows: seeking needs every source seekable. */
static uint32_t topology_caps(const msess_topology *t)
{
    uint32_t caps = MSESS_CAP_START | MSESS_CAP_SEEK | MSESS_CAP_RATE_FORWARD |
                    MSESS_CAP_DOES_NOT_USE_NETWORK;
    for (unsigned i = 0; i < msess_topology_node_count(t); i++) {
        msess_source *src = msess_node_source(msess_topology_node(t, i), NULL);
        if (!src)
            continue;
        if (!msess_source_seekable(src))
            caps &= ~MSESS_CAP_SEEK;
        if (msess_source_is_network(src))
            caps &= ~MSESS_CAP_DOES_NOT_USE_NETWORK;
    }
    return caps;
}

static msess_time topology_duration(const msess_topology *t)
{
    msess_time d = MSESS_TIME_NONE;
    for (unsigned i = 0; i < msess_topology_node_count(t); i++) {
        msess_source *src = msess_node_source(msess_topology_node(t, i), NULL);
        msess_time sd = src ? msess_source_duration(src) : MSESS_TIME_NONE;
        if (sd != MSESS_TIME_NONE && (d == MSESS_TIME_NONE || sd > d))
            d = sd;
    }
    return d;
}

/* ---- commands */

static int post(msess_session *s, cmd *c)
{
    msess__mutex_lock(&s->lock);
    if (s->shutdown) {
        msess__mutex_unlock(&s->lock);
        msess_topology_destroy(&c->topo);
        msess__free(c);
        return MSESS_ESHUTDOWN;
    }
    if (s->tail)
        s->tail->next = c;
    else
        s->head = c;
    s->tail = c;
    msess__cond_broadcast(&s->cond);
    msess__mutex_unlock(&s->lock);
    return 0;
}

static int post_new(msess_session *s, enum cmd_type type, cmd init)
{
    cmd *c = msess__malloc(sizeof(*c));
    if (!c) {
        msess_topology_destroy(&init.topo);
        return MSESS_ENOMEM;
    }
    *c = init;
    c->type = type;
    c->next = NULL;
    return post(s, c);
}

/* Pipeline callbacks: run on pipeline threads, queue for the control thread. */
static void pl_error(void *ud, msess__pipeline *pl, int err, const char *msg)
{
    cmd c = { .pl = pl, .err = err };
    snprintf(c.msg, sizeof(c.msg), "%s", msg);
    post_new(ud, CMD_PL_ERROR, c);
}

static void pl_warning(void *ud, msess__pipeline *pl, int err, const char *msg)
{
    cmd c = { .pl = pl, .err = err };
    snprintf(c.msg, sizeof(c.msg), "%s", msg);
    post_new(ud, CMD_PL_WARNING, c);
}

static void pl_drained(void *ud, msess__pipeline *pl, msess_time end)
{
    post_new(ud, CMD_PL_DRAINED, (cmd){ .pl = pl, .pos = end });
}

static void pl_port_done(void *ud, msess__pipeline *pl)
{
    post_new(ud, CMD_PL_PORT_DONE, (cmd){ .pl = pl });
}

static void clock_changed(void *ud)
{
    msess_session *s = ud;
    /* pl and next_pl only change on the control thread, which is also
     * the only thread that changes the clock. */
    if (s->pl)
        msess__pipeline_kick(s->pl);
    if (s->next_pl)
        msess__pipeline_kick(s->next_pl);
}

static int make_pipeline(msess_session *s, msess_topology *full, msess_time base,
                         msess__pipeline **out)
{
    msess__pipeline_config cfg = {
        .log = &s->set.log,
        .clock = s->clock,
        .decoder_threads = s->set.decoder_threads,
        .queue_bytes = s->set.queue_bytes,
        .queue_duration = s->set.queue_duration,
        .low_latency = s->set.low_latency,
        .drop_late = s->set.drop_late_frames,
        .base = base,
        .on_error = pl_error,
        .on_warning = pl_warning,
        .on_drained = pl_drained,
        .on_port_done = pl_port_done,
        .userdata = s,
    };
    return msess__pipeline_create(out, full, &cfg);
}

static void set_current(msess_session *s, msess_topology *full, msess_time base)
{
    msess__mutex_lock(&s->lock);
    msess_topology_destroy(&s->current);
    s->current = msess_topology_ref(full);
    s->base = base;
    s->duration = full ? topology_duration(full) : MSESS_TIME_NONE;
    msess__mutex_unlock(&s->lock);
    s->source_started = false;
    s->drained = false;
}

static void drop_next(msess_session *s)
{
    if (s->pl)
        msess__pipeline_detach_next(s->pl); /* before next's ports go away */
    msess__pipeline_destroy(&s->next_pl);
}

static void drop_pipelines(msess_session *s)
{
    drop_next(s);
    msess__pipeline_destroy(&s->pl);
    s->drained = false;
    s->prepared = false;
}

static void stop_playback(msess_session *s)
{
    drop_pipelines(s);
    if (msess_clock_get_state(s->clock) != MSESS_CLOCK_STOPPED)
        msess_clock_stop(s->clock);
}

static void clear_queue(msess_session *s)
{
    msess__mutex_lock(&s->lock);
    queued *q = s->queue;
    s->queue = NULL;
    msess__mutex_unlock(&s->lock);
    while (q) {
        queued *n = q->next;
        msess_topology_destroy(&q->full);
        msess__free(q);
        q = n;
    }
}

static void choose_time_source(msess_session *s)
{
    const msess_time_source *ts = msess_system_time_source();
    msess_time_source sink_ts;
    if (s->set.clock_source == MSESS_CLOCK_SOURCE_APP) {
        ts = &s->set.clock_fn;
    } else if (s->set.clock_source == MSESS_CLOCK_SOURCE_AUTO) {
        msess_sink *sk = msess__pipeline_time_sink(s->pl);
        if (sk && msess__sink_time_source(sk, &sink_ts))
            ts = &sink_ts;
    }
    msess_clock_set_time_source(s->clock, ts);
}

/* Wait for every port's first frame, giving up on shutdown. */
static bool preroll(msess_session *s, msess__pipeline *pl)
{
    int64_t deadline = msess__now() + PREROLL_TIMEOUT;
    while (!msess__pipeline_wait_ready(pl, 50 * MSESS_TIME_PER_MS)) {
        msess__mutex_lock(&s->lock);
        bool stop = s->shutdown;
        msess__mutex_unlock(&s->lock);
        if (stop || msess__now() >= deadline)
            return false;
    }
    return true;
}

static bool commands_pending(msess_session *s)
{
    msess__mutex_lock(&s->lock);
    bool pending = s->head != NULL;
    msess__mutex_unlock(&s->lock);
    return pending;
}

/* Before the first start, as Media Foundation activates its outputs at
 * SetTopology: build the pipeline, open the outputs (window, device) and
 * decode up to the first frames, so that a start from 0 only starts the
 * clock. Nothing is reported: a failure here is met again, and reported,
 * by the start. */
static void prepare(msess_session *s, msess_topology *full)
{
    if (make_pipeline(s, full, s->base, &s->pl) < 0)
        return;
    if (msess__pipeline_seek(s->pl, 0) < 0 || msess__pipeline_attach(s->pl, NULL) < 0) {
        drop_pipelines(s);
        return;
    }
    choose_time_source(s);
    s->prepared = true;
    /* READY once the outputs are up with their first frames, when that is
     * quick; a slow source finishes prerolling in the start instead. */
    int64_t deadline = msess__now() + PREPARE_WAIT;
    while (!msess__pipeline_wait_ready(s->pl, 20 * MSESS_TIME_PER_MS) &&
           msess__now() < deadline && !commands_pending(s))
        ;
}

/* Where to resume: an audio output that drives the clock knows where its
 * sound really is (what was in flight at the pause was heard). */
static msess_time resume_position(msess_session *s)
{
    msess_time pts;
    msess_sink *ts = s->pl && s->set.clock_source == MSESS_CLOCK_SOURCE_AUTO
                   ? msess__pipeline_time_sink(s->pl) : NULL;
    if (ts && ts->ops->resume_position && ts->ops->resume_position(ts, &pts))
        return pts;
    return MSESS_TIME_NONE;
}

static void emit_started(msess_session *s, int status, msess_time pos, const char *msg)
{
    msess_event ev = { .type = MSESS_EVENT_STARTED, .status = status, .time = pos,
                       .offset = s->set.global_time ? s->base : 0 };
    msess__mutex_lock(&s->lock);
    ev.topology = msess_topology_ref(s->current);
    msess__mutex_unlock(&s->lock);
    if (msg)
        snprintf(ev.message, sizeof(ev.message), "%s", msg);
    else if (status < 0)
        snprintf(ev.message, sizeof(ev.message), "%s", msess_strerror(status));
    emit(s, &ev);
}

static void do_start(msess_session *s, msess_time pos)
{
    if (s->state == ST_EMPTY || s->state == ST_CLOSED) {
        emit_started(s, MSESS_ESTATE, pos, "start without a topology");
        return;
    }
    msess__mutex_lock(&s->lock);
    msess_time dur = s->duration;
    msess_topology *cur = msess_topology_ref(s->current);
    msess__mutex_unlock(&s->lock);
    int ret = 0;
    if (pos != MSESS_TIME_NONE && (pos < 0 || (dur != MSESS_TIME_NONE && pos > dur))) {
        emit_started(s, MSESS_EPOSITION, pos, "start position outside the presentation");
        goto out;
    }
    if (pos != MSESS_TIME_NONE && pos > 0 && !(get_caps(s) & MSESS_CAP_SEEK) &&
        s->state != ST_STOPPED) {
        emit_started(s, MSESS_EUNSUPPORTED, pos, "the source cannot seek");
        goto out;
    }
    if (s->state == ST_STARTED && pos == MSESS_TIME_NONE) {
        emit_started(s, 0, pos, NULL);
        goto out;
    }
    if (s->state == ST_PAUSED && pos == MSESS_TIME_NONE) {
        msess_clock_start(s->clock, resume_position(s));
    } else {
        /* From stopped, or a seek while started or paused. */
        if (s->state == ST_STARTED)
            msess_clock_pause(s->clock);
        msess_time at = pos == MSESS_TIME_NONE ? 0 : pos;
        bool fresh = !s->pl;
        bool ready = s->prepared && at == 0; /* prepare() did the rest */
        s->prepared = false;
        if (fresh && (ret = make_pipeline(s, cur, s->base, &s->pl)) < 0) {
            emit_started(s, ret, pos, "cannot build the pipeline (see the log)");
            goto out;
        }
        drop_next(s);
        s->drained = false;
        if (!ready && ((ret = msess__pipeline_seek(s->pl, at)) < 0 ||
                       (fresh && (ret = msess__pipeline_attach(s->pl, NULL)) < 0))) {
            drop_pipelines(s);
            emit_started(s, ret, pos, "cannot start the pipeline");
            goto out;
        }
        if (fresh)
            choose_time_source(s);
        if (!preroll(s, s->pl))
            msess__warn(&s->set.log, "start: outputs not ready in time, starting anyway");
        msess_clock_set_rate(s->clock, s->rate);
        msess_clock_start(s->clock, at + s->base);
        if (!s->source_started) {
            s->source_started = true;
            emit_status(s, cur, MSESS_TOPOSTATUS_STARTED_SOURCE);
        }
    }
    s->state = ST_STARTED;
    set_caps(s, get_caps(s) | MSESS_CAP_PAUSE);
    emit_started(s, 0, pos, NULL);
out:
    msess_topology_destroy(&cur);
}

static void do_pause(msess_session *s)
{
    if (s->state != ST_STARTED) {
        emit_simple(s, MSESS_EVENT_PAUSED, MSESS_ESTATE, NULL, "pause while not started");
        return;
    }
    msess_clock_pause(s->clock);
    s->state = ST_PAUSED;
    set_caps(s, get_caps(s) & ~MSESS_CAP_PAUSE);
    emit_simple(s, MSESS_EVENT_PAUSED, 0, NULL, NULL);
}

static void do_stop(msess_session *s)
{
    if (s->state == ST_EMPTY || s->state == ST_CLOSED) {
        emit_simple(s, MSESS_EVENT_STOPPED, MSESS_ESTATE, NULL, "stop without a topology");
        return;
    }
    msess_time at = 0;
    msess_clock_get_time(s->clock, &at);
    stop_playback(s);
    s->state = ST_STOPPED;
    set_caps(s, get_caps(s) & ~MSESS_CAP_PAUSE);
    msess_event ev = { .type = MSESS_EVENT_STOPPED, .time = at - s->base };
    emit(s, &ev);
}

static void do_close(msess_session *s)
{
    if (s->state == ST_CLOSED) {
        emit_simple(s, MSESS_EVENT_CLOSED, MSESS_ESTATE, NULL, "already closed");
        return;
    }
    stop_playback(s);
    clear_queue(s);
    set_current(s, NULL, 0);
    s->state = ST_CLOSED;
    set_caps(s, get_caps(s) & ~(MSESS_CAP_START | MSESS_CAP_SEEK | MSESS_CAP_PAUSE));
    emit_simple(s, MSESS_EVENT_CLOSED, 0, NULL, NULL);
}

static void do_rate(msess_session *s, double rate)
{
    msess_event ev = { .type = MSESS_EVENT_RATE_CHANGED, .time = MSESS_TIME_NONE };
    if (!(rate >= RATE_SLOWEST && rate <= RATE_FASTEST)) {
        ev.status = MSESS_ERATE;
        snprintf(ev.message, sizeof(ev.message), "rate %g is outside [%g, %g]", rate,
                 RATE_SLOWEST, RATE_FASTEST);
        msess__mutex_lock(&s->lock);
        ev.rate = s->rate;
        msess__mutex_unlock(&s->lock);
        emit(s, &ev);
        return;
    }
    msess__mutex_lock(&s->lock);
    s->rate = rate;
    msess_topology *cur = s->prepared ? msess_topology_ref(s->current) : NULL;
    msess__mutex_unlock(&s->lock);
    msess_clock_set_rate(s->clock, rate);
    if (cur) { /* the audio prepared ahead is at the old rate: again */
        drop_pipelines(s);
        prepare(s, cur);
        msess_topology_destroy(&cur);
    }
    ev.rate = rate;
    emit(s, &ev);
}

static void do_clear(msess_session *s)
{
    if (s->state == ST_CLOSED) {
        emit_simple(s, MSESS_EVENT_TOPOLOGIES_CLEARED, MSESS_ESTATE, NULL, "session closed");
        return;
    }
    clear_queue(s);
    /* Not yet handed over: the current topology ends as if alone. */
    if (s->next_pl && msess__pipeline_released(s->next_pl))
        drop_next(s);
    emit_simple(s, MSESS_EVENT_TOPOLOGIES_CLEARED, 0, NULL, NULL);
}

/* Make a resolved topology current (replacing any) and announce it. */
static void install(msess_session *s, msess_topology *full)
{
    bool was_started = s->state == ST_STARTED, was_paused = s->state == ST_PAUSED;
    stop_playback(s);
    set_current(s, full, 0);
    s->state = ST_STOPPED;
    msess_event ev = { .type = MSESS_EVENT_TOPOLOGY_SET, .topology = msess_topology_ref(full),
                       .time = MSESS_TIME_NONE };
    emit(s, &ev);
    ev = (msess_event){ .type = MSESS_EVENT_NOTIFY_PRESENTATION_TIME, .time = 0, .offset = 0 };
    emit(s, &ev);
    uint32_t keep = get_caps(s) & MSESS_CAP_PAUSE;
    set_caps(s, topology_caps(full) | (was_started ? keep : 0));
    if (!was_started && !was_paused)
        prepare(s, full);
    emit_status(s, full, MSESS_TOPOSTATUS_READY);
    if (was_started || was_paused) {
        do_start(s, 0);
        if (was_paused)
            do_pause(s);
    }
}

static void do_set_topology(msess_session *s, cmd *c)
{
    if (s->state == ST_CLOSED) {
        emit_simple(s, MSESS_EVENT_TOPOLOGY_SET, MSESS_ESTATE, c->topo, "session closed");
        return;
    }
    if (!c->topo) { /* CLEAR_CURRENT alone */
        stop_playback(s);
        set_current(s, NULL, 0);
        s->state = ST_EMPTY;
        emit_simple(s, MSESS_EVENT_TOPOLOGY_SET, 0, NULL, NULL);
        set_caps(s, 0);
        return;
    }
    msess_topology *full = NULL;
    int ret;
    if (c->flags & MSESS_TOPOLOGY_NORESOLUTION) {
        full = msess_topology_ref(c->topo);
        ret = 0;
    } else {
        ret = s->loader.resolve(s->loader.userdata, c->topo, &full);
        if (ret >= 0 && !full)
            ret = MSESS_ETOPO_INVALID;
    }
    if (ret < 0) {
        char msg[256];
        snprintf(msg, sizeof(msg), "topology resolution failed: %s", msess_strerror(ret));
        emit_simple(s, MSESS_EVENT_TOPOLOGY_SET, ret, c->topo, msg);
        return;
    }
    bool playing = s->state == ST_STARTED || s->state == ST_PAUSED;
    if (!playing || (c->flags & (MSESS_TOPOLOGY_IMMEDIATE | MSESS_TOPOLOGY_CLEAR_CURRENT))) {
        if (c->flags & MSESS_TOPOLOGY_IMMEDIATE)
            clear_queue(s);
        install(s, full);
    } else {
        queued *q = msess__calloc(1, sizeof(*q));
        if (!q) {
            emit_simple(s, MSESS_EVENT_TOPOLOGY_SET, MSESS_ENOMEM, c->topo, NULL);
            msess_topology_destroy(&full);
            return;
        }
        q->full = msess_topology_ref(full);
        msess__mutex_lock(&s->lock);
        queued **tail = &s->queue;
        while (*tail)
            tail = &(*tail)->next;
        *tail = q;
        msess__mutex_unlock(&s->lock);
        emit_status(s, full, MSESS_TOPOSTATUS_READY);
        if (s->drained)
            pl_drained(s, s->pl, s->drained_end);
    }
    msess_topology_destroy(&full);
}

/* The current pipeline decoded its last frame: prepare the next topology
 * so its frames are queued by the time the sinks reach the boundary. */
static void prepare_next(msess_session *s, msess_time end)
{
    s->drained = true;
    s->drained_end = end;
    while (!s->next_pl) {
        msess__mutex_lock(&s->lock);
        queued *q = s->queue;
        if (q)
            s->queue = q->next;
        msess__mutex_unlock(&s->lock);
        if (!q)
            return;
        msess_time base = end != MSESS_TIME_NONE ? end : s->base;
        int ret = make_pipeline(s, q->full, base, &s->next_pl);
        if (ret >= 0 && (ret = msess__pipeline_seek(s->next_pl, 0)) >= 0)
            ret = msess__pipeline_attach(s->next_pl, s->pl);
        if (ret < 0) {
            drop_next(s);
            emit_simple(s, MSESS_EVENT_ERROR, ret, q->full, "cannot start the queued topology");
        }
        msess_topology_destroy(&q->full);
        msess__free(q);
    }
}

static void end_presentation(msess_session *s)
{
    msess__mutex_lock(&s->lock);
    msess_topology *cur = msess_topology_ref(s->current);
    msess__mutex_unlock(&s->lock);
    emit_simple(s, MSESS_EVENT_END_OF_PRESENTATION, 0, cur, NULL);
    /* The outputs stay (the window keeps the last frame) until a start
     * seeks the pipeline back, or a stop or close lets it go. */
    drop_next(s);
    s->drained = false;
    msess_clock_stop(s->clock);
    s->state = ST_STOPPED;
    emit_status(s, cur, MSESS_TOPOSTATUS_ENDED);
    set_caps(s, get_caps(s) & ~MSESS_CAP_PAUSE);
    emit_simple(s, MSESS_EVENT_ENDED, 0, cur, NULL);
    msess_topology_destroy(&cur);
}

/* Returns true while a hand-over to the next topology is under way. */
static bool check_progress(msess_session *s)
{
    if (!s->pl || s->state != ST_STARTED)
        return false;
    /* Pipelines post errors before their ends become visible: once done is
     * seen, any such error is already queued, and runs first. */
    if (!msess__pipeline_done(s->pl) || commands_pending(s))
        return false;
    if (!s->next_pl) {
        end_presentation(s);
        return false;
    }
    /* Every old port is done; sinks that continue must have moved on. */
    if (!msess__pipeline_released_to(s->pl, s->next_pl))
        return true;
    msess_topology *old = msess_topology_ref(msess__pipeline_topology(s->pl));
    msess_topology *nt = msess__pipeline_topology(s->next_pl);
    msess_time base = msess__pipeline_base(s->next_pl);
    msess__pipeline_destroy(&s->pl);
    s->pl = s->next_pl;
    s->next_pl = NULL;
    emit_status(s, old, MSESS_TOPOSTATUS_ENDED);
    msess_topology_destroy(&old);
    set_current(s, nt, base);
    s->source_started = true;
    msess_event ev = { .type = MSESS_EVENT_TOPOLOGY_SET, .topology = msess_topology_ref(nt),
                       .time = MSESS_TIME_NONE };
    emit(s, &ev);
    emit_status(s, nt, MSESS_TOPOSTATUS_STARTED_SOURCE);
    emit_status(s, nt, MSESS_TOPOSTATUS_SINK_SWITCHED);
    set_caps(s, topology_caps(nt) | MSESS_CAP_PAUSE);
    return false;
}

static void run(msess_session *s, cmd *c)
{
    switch (c->type) {
    case CMD_SET_TOPOLOGY: do_set_topology(s, c); break;
    case CMD_CLEAR: do_clear(s); break;
    case CMD_START: do_start(s, c->pos); break;
    case CMD_PAUSE: do_pause(s); break;
    case CMD_STOP: do_stop(s); break;
    case CMD_CLOSE: do_close(s); break;
    case CMD_RATE: do_rate(s, c->rate); break;
    case CMD_PL_ERROR:
        if (c->pl && c->pl == s->pl && s->prepared) {
            /* not started yet: the start meets it again and reports it */
            msess__info(&s->set.log, "prepared pipeline failed (%s): left to the start",
                        c->msg);
            drop_pipelines(s);
        } else if (c->pl && (c->pl == s->pl || c->pl == s->next_pl)) {
            msess__mutex_lock(&s->lock);
            msess_topology *cur = msess_topology_ref(s->current);
            msess__mutex_unlock(&s->lock);
            emit_simple(s, MSESS_EVENT_ERROR, c->err, cur, c->msg);
            msess_topology_destroy(&cur);
            stop_playback(s);
            if (s->state == ST_STARTED || s->state == ST_PAUSED)
                s->state = ST_STOPPED;
            set_caps(s, get_caps(s) & ~MSESS_CAP_PAUSE);
        }
        break;
    case CMD_PL_WARNING:
        if (c->pl && (c->pl == s->pl || c->pl == s->next_pl))
            emit_simple(s, MSESS_EVENT_WARNING, c->err, NULL, c->msg);
        break;
    case CMD_PL_DRAINED:
        if (c->pl && c->pl == s->pl)
            prepare_next(s, c->pos);
        break;
    case CMD_PL_PORT_DONE:
        break; /* check_progress runs after every command */
    }
}

static void *control_main(void *arg)
{
    msess_session *s = arg;
    bool polling = false;
    msess__mutex_lock(&s->lock);
    while (!s->shutdown) {
        cmd *c = s->head;
        if (c) {
            s->head = c->next;
            if (!s->head)
                s->tail = NULL;
            msess__mutex_unlock(&s->lock);
            run(s, c);
            msess_topology_destroy(&c->topo);
            msess__free(c);
            msess__mutex_lock(&s->lock);
            continue;
        }
        /* Only once every queued command ran: an error posted by a
         * pipeline must win over the end it raced with. */
        msess__mutex_unlock(&s->lock);
        polling = check_progress(s);
        msess__mutex_lock(&s->lock);
        if (s->head || s->shutdown)
            continue;
        if (polling)
            msess__cond_wait_until(&s->cond, &s->lock, msess__now() + 2 * MSESS_TIME_PER_MS);
        else
            msess__cond_wait(&s->cond, &s->lock);
    }
    msess__mutex_unlock(&s->lock);
    stop_playback(s);
    return NULL;
}

/* ---- public API */

static int default_resolve(void *userdata, const msess_topology *partial, msess_topology **full)
{
    (void)userdata;
    return msess_topology_resolve(partial, full);
}

void msess_session_default_settings(msess_session_settings *s)
{
    *s = (msess_session_settings){
        .log = { .level = MSESS_LOG_WARN },
        .drop_late_frames = true,
        .clock_source = MSESS_CLOCK_SOURCE_AUTO,
        .queue_bytes = 16u << 20,
        .queue_duration = 2 * MSESS_TIME_PER_SECOND,
    };
}

int msess_session_create(msess_session **out, const msess_session_settings *set)
{
    if (!out)
        return MSESS_EINVAL;
    *out = NULL;
    msess_session_settings def;
    if (!set) {
        msess_session_default_settings(&def);
        set = &def;
    }
    if (set->decoder_threads < 0 || set->decoder_threads > 64 || set->queue_duration < 0 ||
        set->clock_source > MSESS_CLOCK_SOURCE_APP ||
        (set->clock_source == MSESS_CLOCK_SOURCE_APP && !set->clock_fn.now) ||
        (set->loader && !set->loader->resolve))
        return MSESS_EINVAL;
    msess_session *s = msess__calloc(1, sizeof(*s));
    if (!s)
        return MSESS_ENOMEM;
    s->set = *set;
    if (!s->set.queue_bytes)
        s->set.queue_bytes = 16u << 20;
    if (!s->set.queue_duration)
        s->set.queue_duration = (set->low_latency ? 250 : 2000) * MSESS_TIME_PER_MS;
    s->loader = set->loader ? *set->loader : (msess_loader){ NULL, default_resolve };
    s->set.loader = NULL;
    s->rate = 1.0;
    s->duration = MSESS_TIME_NONE;
    msess__mutex_init(&s->lock);
    msess__cond_init(&s->cond);
    int ret = msess__events_init(&s->events, set->event_fn, set->event_userdata);
    if (ret >= 0)
        ret = msess_clock_create(&s->clock, msess_system_time_source());
    if (ret >= 0) {
        msess__clock_set_listener(s->clock, clock_changed, s);
        if (msess__thread_create(&s->thread, control_main, s, "msess-control") < 0)
            ret = MSESS_ENOMEM;
    }
    if (ret < 0) {
        msess_clock_destroy(&s->clock);
        msess__events_uninit(&s->events);
        msess__cond_destroy(&s->cond);
        msess__mutex_destroy(&s->lock);
        msess__free(s);
        return ret;
    }
    *out = s;
    return 0;
}

void msess_session_destroy(msess_session **ps)
{
    if (!ps || !*ps)
        return;
    msess_session *s = *ps;
    *ps = NULL;
    msess__mutex_lock(&s->lock);
    s->shutdown = true;
    msess__cond_broadcast(&s->cond);
    msess__mutex_unlock(&s->lock);
    msess__events_shutdown(&s->events);
    msess__thread_join(s->thread);
    for (cmd *c = s->head, *n; c; c = n) {
        n = c->next;
        msess_topology_destroy(&c->topo);
        msess__free(c);
    }
    clear_queue(s);
    msess_topology_destroy(&s->current);
    msess_clock_destroy(&s->clock);
    msess__events_uninit(&s->events);
    msess__cond_destroy(&s->cond);
    msess__mutex_destroy(&s->lock);
    msess__free(s);
}

int msess_session_set_topology(msess_session *s, unsigned flags, msess_topology *t)
{
    if (!s || (flags & ~7u))
        return MSESS_EINVAL;
    if (!t && !(flags & MSESS_TOPOLOGY_CLEAR_CURRENT))
        return MSESS_EINVAL;
    if (t) {
        int ret = msess_topology_validate(t);
        if (ret < 0)
            return ret;
    }
    return post_new(s, CMD_SET_TOPOLOGY, (cmd){ .flags = flags, .topo = msess_topology_ref(t) });
}

int msess_session_clear_topologies(msess_session *s)
{
    return s ? post_new(s, CMD_CLEAR, (cmd){ 0 }) : MSESS_EINVAL;
}

int msess_session_start(msess_session *s, msess_time pos)
{
    return s ? post_new(s, CMD_START, (cmd){ .pos = pos }) : MSESS_EINVAL;
}

int msess_session_pause(msess_session *s)
{
    return s ? post_new(s, CMD_PAUSE, (cmd){ 0 }) : MSESS_EINVAL;
}

int msess_session_stop(msess_session *s)
{
    return s ? post_new(s, CMD_STOP, (cmd){ 0 }) : MSESS_EINVAL;
}

int msess_session_close(msess_session *s)
{
    return s ? post_new(s, CMD_CLOSE, (cmd){ 0 }) : MSESS_EINVAL;
}

int msess_session_set_rate(msess_session *s, double rate)
{
    if (!s || !isfinite(rate))
        return MSESS_EINVAL;
    return post_new(s, CMD_RATE, (cmd){ .rate = rate });
}

int msess_session_get_rate(msess_session *s, double *rate)
{
    if (!s || !rate)
        return MSESS_EINVAL;
    msess__mutex_lock(&s->lock);
    *rate = s->rate;
    msess__mutex_unlock(&s->lock);
    return 0;
}

int msess_session_get_rate_range(msess_session *s, double *slowest, double *fastest)
{
    if (!s)
        return MSESS_EINVAL;
    if (slowest)
        *slowest = RATE_SLOWEST;
    if (fastest)
        *fastest = RATE_FASTEST;
    return 0;
}

int msess_session_is_rate_supported(msess_session *s, double rate, double *nearest)
{
    if (!s || !isfinite(rate))
        return MSESS_EINVAL;
    double n = rate < RATE_SLOWEST ? RATE_SLOWEST : rate > RATE_FASTEST ? RATE_FASTEST : rate;
    if (nearest)
        *nearest = n;
    return n == rate ? 0 : MSESS_ERATE;
}

int msess_session_get_capabilities(msess_session *s, uint32_t *caps)
{
    if (!s || !caps)
        return MSESS_EINVAL;
    *caps = get_caps(s);
    return 0;
}

int msess_session_get_full_topology(msess_session *s, uint64_t id, msess_topology **out)
{
    if (!s || !out)
        return MSESS_EINVAL;
    *out = NULL;
    msess__mutex_lock(&s->lock);
    if (s->current && (!id || msess_topology_id(s->current) == id))
        *out = msess_topology_ref(s->current);
    for (queued *q = s->queue; !*out && id && q; q = q->next)
        if (msess_topology_id(q->full) == id)
            *out = msess_topology_ref(q->full);
    msess__mutex_unlock(&s->lock);
    return *out ? 0 : MSESS_ESTATE;
}

msess_clock *msess_session_get_clock(msess_session *s)
{
    return s ? s->clock : NULL;
}

int msess_session_get_position(msess_session *s, msess_time *out)
{
    if (!s || !out)
        return MSESS_EINVAL;
    msess_time t = 0;
    int ret = msess_clock_get_time(s->clock, &t);
    if (ret < 0)
        return ret;
    msess__mutex_lock(&s->lock);
    if (!s->set.global_time && msess_clock_get_state(s->clock) != MSESS_CLOCK_STOPPED)
        t -= s->base;
    msess__mutex_unlock(&s->lock);
    *out = t < 0 ? 0 : t;
    return 0;
}

msess_time msess_session_get_duration(msess_session *s)
{
    if (!s)
        return MSESS_TIME_NONE;
    msess__mutex_lock(&s->lock);
    msess_time d = s->duration;
    msess__mutex_unlock(&s->lock);
    return d;
}

int msess_session_get_event(msess_session *s, msess_event *ev, int timeout_ms)
{
    if (!s || !ev)
        return MSESS_EINVAL;
    return msess__events_get(&s->events, ev, timeout_ms);
}

/* Session state machine: every legal and illegal transition with the exact
 * events, capabilities, clock state and position. Most runs use an
 * application time source that only moves when the test moves it, so
 * positions are exact and the media never ends by itself. */
#include <math.h>
#include <stdatomic.h>
#include <string.h>

#include "core/sink.h"
#include "core/topology.h"
#include "framecode.h"
#include "os/thread.h"
#include "testutil.h"

#define SEC MSESS_TIME_PER_SECOND
#define MS MSESS_TIME_PER_MS

#define CAPS_READY                                                                   \
    (MSESS_CAP_START | MSESS_CAP_SEEK | MSESS_CAP_RATE_FORWARD |                     \
     MSESS_CAP_DOES_NOT_USE_NETWORK)
#define CAPS_PLAYING (CAPS_READY | MSESS_CAP_PAUSE)

/* ---- helpers */

static _Atomic int64_t app_now;

static msess_time app_time(void *userdata)
{
    (void)userdata;
    return atomic_load(&app_now);
}

static void app_advance(msess_time d)
{
    atomic_fetch_add(&app_now, d);
}

typedef struct fixture {
    msess_session *s;
    msess_source *src;
    msess_sink *video, *audio;
    msess_topology *topo;
} fixture;

/* A session playing `clip` to null sinks (clocked or not), on the
 * application time source when app_clock. */
static void fx_open(fixture *fx, const char *clip, bool clocked, bool app_clock)
{
    memset(fx, 0, sizeof(*fx));
    fx->src = tu_open(clip);
    msess_null_sink_settings ns;
    msess_null_sink_default_settings(&ns);
    CHECK(ns.clocked);
    ns.clocked = clocked;
    ns.kind = MSESS_MEDIA_VIDEO;
    CHECK_ERR(msess_null_sink_create(&fx->video, &ns), 0);
    ns.kind = MSESS_MEDIA_AUDIO;
    CHECK_ERR(msess_null_sink_create(&fx->audio, &ns), 0);
    CHECK_ERR(msess_topology_create_simple(&fx->topo, fx->src, fx->video, fx->audio), 0);
    msess_session_settings set;
    msess_session_default_settings(&set);
    if (app_clock) {
        set.clock_source = MSESS_CLOCK_SOURCE_APP;
        set.clock_fn = (msess_time_source){ app_time, NULL };
        /* Short read-ahead: a later stop never leaves the source at its end
         * (what restarts after a stop do is test_restart_from_zero's job). */
        set.queue_duration = 250 * MS;
    }
    CHECK_ERR(msess_session_create(&fx->s, &set), 0);
    if (!fx->s || !fx->topo || !fx->video || !fx->audio) {
        fprintf(stderr, "fixture setup failed\n");
        exit(1);
    }
}

static void fx_close(fixture *fx)
{
    msess_session_destroy(&fx->s);
    msess_topology_destroy(&fx->topo);
    msess_sink_destroy(&fx->video);
    msess_sink_destroy(&fx->audio);
    msess_source_destroy(&fx->src);
}

/* Next event must be of this type and status (topology status for
 * TOPOLOGY_STATUS); it is left in *ev for more checks (clear it). */
static bool expect_ev(msess_session *s, msess_event *ev, enum msess_event_type type,
                      int status, int line)
{
    memset(ev, 0, sizeof(*ev));
    if (tu_next_event(s, ev, 10000) < 0) {
        fprintf(stderr, "line %d: want %s, got nothing\n", line, msess_event_type_name(type));
        tu_failures++;
        return false;
    }
    int st = ev->type == MSESS_EVENT_TOPOLOGY_STATUS ? (int)ev->topology_status : ev->status;
    if (ev->type != type || st != status) {
        fprintf(stderr, "line %d: want %s(%d), got %s(%d) %s\n", line,
                msess_event_type_name(type), status, msess_event_type_name(ev->type), st,
                ev->message);
        tu_failures++;
        return false;
    }
    return true;
}
#define EXPECT_EV(s, ev, type, status) expect_ev((s), (ev), (type), (status), __LINE__)

/* Next event: CAPABILITIES_CHANGED with these caps and delta. */
static void expect_caps(msess_session *s, uint32_t caps, uint32_t delta, int line)
{
    msess_event ev;
    if (expect_ev(s, &ev, MSESS_EVENT_CAPABILITIES_CHANGED, 0, line)) {
        if (ev.caps != caps || ev.caps_delta != delta) {
            fprintf(stderr, "line %d: caps 0x%x delta 0x%x, want 0x%x delta 0x%x\n", line,
                    ev.caps, ev.caps_delta, caps, delta);
            tu_failures++;
        }
    }
    msess_event_clear(&ev);
}
#define EXPECT_CAPS(s, caps, delta) expect_caps((s), (caps), (delta), __LINE__)

static uint32_t caps_of(msess_session *s)
{
    uint32_t c = 0xdeadbeef;
    CHECK_ERR(msess_session_get_capabilities(s, &c), 0);
    return c;
}

static msess_time position(msess_session *s)
{
    msess_time t = -1;
    CHECK_ERR(msess_session_get_position(s, &t), 0);
    return t;
}

static enum msess_clock_state clock_state(msess_session *s)
{
    return msess_clock_get_state(msess_session_get_clock(s));
}

/* Nothing more is queued: a marker command's event comes next. Uses a
 * pause, so only where a pause is refused (not started). */
static void expect_quiet(msess_session *s, int line)
{
    msess_event ev;
    CHECK_ERR(msess_session_pause(s), 0);
    expect_ev(s, &ev, MSESS_EVENT_PAUSED, MSESS_ESTATE, line);
    msess_event_clear(&ev);
}
#define EXPECT_QUIET(s) expect_quiet((s), __LINE__)

/* set_topology and its four events; returns the resolved topology's id. */
static uint64_t set_and_ready(msess_session *s, msess_topology *t, uint32_t old_caps)
{
    msess_event ev;
    uint64_t id = 0;
    CHECK_ERR(msess_session_set_topology(s, 0, t), 0);
    if (EXPECT_EV(s, &ev, MSESS_EVENT_TOPOLOGY_SET, 0)) {
        CHECK(ev.topology != NULL);
        CHECK(ev.topology != t); /* the resolved one */
        id = msess_topology_id(ev.topology);
    }
    msess_event_clear(&ev);
    if (EXPECT_EV(s, &ev, MSESS_EVENT_NOTIFY_PRESENTATION_TIME, 0))
        CHECK_EQ(ev.time, 0);
    msess_event_clear(&ev);
    if (old_caps != CAPS_READY)
        EXPECT_CAPS(s, CAPS_READY, old_caps ^ CAPS_READY);
    if (EXPECT_EV(s, &ev, MSESS_EVENT_TOPOLOGY_STATUS, MSESS_TOPOSTATUS_READY))
        CHECK(ev.topology && msess_topology_id(ev.topology) == id);
    msess_event_clear(&ev);
    return id;
}

/* ---- a fresh session */

static void test_fresh(void)
{
    msess_session *s = NULL;
    CHECK_ERR(msess_session_create(&s, NULL), 0);
    if (!s)
        return;
    CHECK_EQ(caps_of(s), 0);
    CHECK(msess_session_get_clock(s) != NULL);
    CHECK_EQ(clock_state(s), MSESS_CLOCK_STOPPED);
    CHECK_EQ(position(s), 0);
    CHECK_EQ(msess_session_get_duration(s), MSESS_TIME_NONE);
    double r = 0;
    CHECK_ERR(msess_session_get_rate(s, &r), 0);
    CHECK(r == 1.0);
    msess_topology *t = (msess_topology *)1;
    CHECK_ERR(msess_session_get_full_topology(s, 0, &t), MSESS_ESTATE);
    CHECK(t == NULL);
    CHECK_ERR(msess_session_get_full_topology(s, 12345, &t), MSESS_ESTATE);

    CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
    CHECK_ERR(msess_session_start(s, 0), 0);
    CHECK_ERR(msess_session_pause(s), 0);
    CHECK_ERR(msess_session_stop(s), 0);
    CHECK_ERR(msess_session_clear_topologies(s), 0);
    TU_EXPECT(s, { MSESS_EVENT_STARTED, MSESS_ESTATE }, { MSESS_EVENT_STARTED, MSESS_ESTATE },
              { MSESS_EVENT_PAUSED, MSESS_ESTATE }, { MSESS_EVENT_STOPPED, MSESS_ESTATE },
              { MSESS_EVENT_TOPOLOGIES_CLEARED, 0 });
    CHECK_EQ(caps_of(s), 0);
    CHECK_EQ(clock_state(s), MSESS_CLOCK_STOPPED);

    /* Close with nothing: no caps change, just CLOSED; then all refused. */
    CHECK_ERR(msess_session_close(s), 0);
    TU_EXPECT(s, { MSESS_EVENT_CLOSED, 0 });
    CHECK_EQ(caps_of(s), 0);
    CHECK_ERR(msess_session_close(s), 0);
    CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
    TU_EXPECT(s, { MSESS_EVENT_CLOSED, MSESS_ESTATE }, { MSESS_EVENT_STARTED, MSESS_ESTATE });
    msess_session_destroy(&s);
}

/* ---- the main walk through the states */

static void test_lifecycle(void)
{
    fixture fx;
    fx_open(&fx, "av.mp4", true, true);
    msess_session *s = fx.s;
    msess_event ev;

    /* Topology: TOPOLOGY_SET, NOTIFY_PRESENTATION_TIME, CAPABILITIES_CHANGED, READY. */
    uint64_t id = set_and_ready(s, fx.topo, 0);
    CHECK_EQ(caps_of(s), CAPS_READY);
    msess_topology *full = NULL;
    CHECK_ERR(msess_session_get_full_topology(s, 0, &full), 0);
    CHECK(full && msess_topology_id(full) == id);
    CHECK(full && msess_topology_node_count(full) == 6); /* two decoders added */
    msess_topology_destroy(&full);
    msess_time dur = msess_session_get_duration(s);
    CHECK(dur != MSESS_TIME_NONE && dur >= 3900 * MS && dur <= 4200 * MS);
    if (dur == MSESS_TIME_NONE)
        dur = 4 * SEC;
    CHECK_EQ(clock_state(s), MSESS_CLOCK_STOPPED);

    /* Pause while stopped (with a topology): refused. */
    CHECK_ERR(msess_session_pause(s), 0);
    TU_EXPECT(s, { MSESS_EVENT_PAUSED, MSESS_ESTATE });
    CHECK_EQ(caps_of(s), CAPS_READY);

    /* Start: STARTED_SOURCE, caps gain PAUSE, STARTED. */
    CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
    if (EXPECT_EV(s, &ev, MSESS_EVENT_TOPOLOGY_STATUS, MSESS_TOPOSTATUS_STARTED_SOURCE))
        CHECK(ev.topology && msess_topology_id(ev.topology) == id);
    msess_event_clear(&ev);
    EXPECT_CAPS(s, CAPS_PLAYING, MSESS_CAP_PAUSE);
    if (EXPECT_EV(s, &ev, MSESS_EVENT_STARTED, 0))
        CHECK_EQ(ev.offset, 0);
    msess_event_clear(&ev);
    CHECK_EQ(caps_of(s), CAPS_PLAYING);
    CHECK_EQ(clock_state(s), MSESS_CLOCK_RUNNING);
    CHECK_EQ(position(s), 0); /* app time has not moved */
    app_advance(300 * MS);
    CHECK_EQ(position(s), 300 * MS);

    /* Start again while started: STARTED only, position kept. The pause
     * after it shows nothing else came in between. */
    CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
    CHECK_ERR(msess_session_pause(s), 0);
    TU_EXPECT(s, { MSESS_EVENT_STARTED, 0 }, { MSESS_EVENT_CAPABILITIES_CHANGED, 0 },
              { MSESS_EVENT_PAUSED, 0 });
    CHECK_EQ(caps_of(s), CAPS_READY);
    CHECK_EQ(clock_state(s), MSESS_CLOCK_PAUSED);
    CHECK_EQ(position(s), 300 * MS);
    app_advance(1 * SEC);
    CHECK_EQ(position(s), 300 * MS); /* frozen */

    /* Pause while paused: refused, nothing changes. */
    CHECK_ERR(msess_session_pause(s), 0);
    TU_EXPECT(s, { MSESS_EVENT_PAUSED, MSESS_ESTATE });
    CHECK_EQ(clock_state(s), MSESS_CLOCK_PAUSED);
    CHECK_EQ(caps_of(s), CAPS_READY);

    /* Resume: caps regain PAUSE, STARTED; from the paused position. */
    CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
    EXPECT_CAPS(s, CAPS_PLAYING, MSESS_CAP_PAUSE);
    TU_EXPECT(s, { MSESS_EVENT_STARTED, 0 });
    CHECK_EQ(clock_state(s), MSESS_CLOCK_RUNNING);
    CHECK_EQ(position(s), 300 * MS);
    app_advance(100 * MS);
    CHECK_EQ(position(s), 400 * MS);

    /* Seek while started: STARTED only (no second STARTED_SOURCE). */
    CHECK_ERR(msess_session_start(s, 1 * SEC), 0);
    if (EXPECT_EV(s, &ev, MSESS_EVENT_STARTED, 0))
        CHECK_EQ(ev.time, 1 * SEC);
    msess_event_clear(&ev);
    CHECK_EQ(position(s), 1 * SEC);
    CHECK_EQ(clock_state(s), MSESS_CLOCK_RUNNING);
    app_advance(100 * MS);
    CHECK_EQ(position(s), 1100 * MS);

    /* Seek while paused: caps regain PAUSE, STARTED at the position. */
    CHECK_ERR(msess_session_pause(s), 0);
    EXPECT_CAPS(s, CAPS_READY, MSESS_CAP_PAUSE);
    TU_EXPECT(s, { MSESS_EVENT_PAUSED, 0 });
    CHECK_ERR(msess_session_start(s, 2 * SEC), 0);
    EXPECT_CAPS(s, CAPS_PLAYING, MSESS_CAP_PAUSE);
    if (EXPECT_EV(s, &ev, MSESS_EVENT_STARTED, 0))
        CHECK_EQ(ev.time, 2 * SEC);
    msess_event_clear(&ev);
    CHECK_EQ(position(s), 2 * SEC);
    CHECK_EQ(clock_state(s), MSESS_CLOCK_RUNNING);

    /* Positions outside the presentation: STARTED(EPOSITION), state kept. */
    CHECK_ERR(msess_session_start(s, dur + 1 * SEC), 0);
    CHECK_ERR(msess_session_start(s, -1 * SEC), 0);
    if (EXPECT_EV(s, &ev, MSESS_EVENT_STARTED, MSESS_EPOSITION))
        CHECK(ev.message[0] != '\0');
    msess_event_clear(&ev);
    TU_EXPECT(s, { MSESS_EVENT_STARTED, MSESS_EPOSITION });
    CHECK_EQ(clock_state(s), MSESS_CLOCK_RUNNING);
    CHECK_EQ(position(s), 2 * SEC);
    CHECK_EQ(caps_of(s), CAPS_PLAYING);

    /* Stop: caps lose PAUSE, STOPPED with the position it stopped at. */
    CHECK_ERR(msess_session_stop(s), 0);
    EXPECT_CAPS(s, CAPS_READY, MSESS_CAP_PAUSE);
    if (EXPECT_EV(s, &ev, MSESS_EVENT_STOPPED, 0))
        CHECK_EQ(ev.time, 2 * SEC);
    msess_event_clear(&ev);
    CHECK_EQ(clock_state(s), MSESS_CLOCK_STOPPED);
    CHECK_EQ(position(s), 0);
    CHECK_EQ(caps_of(s), CAPS_READY);

    /* Stop while stopped with a topology: fine, no caps change. */
    CHECK_ERR(msess_session_stop(s), 0);
    TU_EXPECT(s, { MSESS_EVENT_STOPPED, 0 });
    /* Pause while stopped: refused. Positions outside from stopped too. */
    CHECK_ERR(msess_session_pause(s), 0);
    CHECK_ERR(msess_session_start(s, dur + 1 * SEC), 0);
    TU_EXPECT(s, { MSESS_EVENT_PAUSED, MSESS_ESTATE }, { MSESS_EVENT_STARTED, MSESS_EPOSITION });
    CHECK_EQ(clock_state(s), MSESS_CLOCK_STOPPED);

    /* Start after stop: from 0. STARTED_SOURCE is sent on a topology's
     * first start only (session.h), so not again. */
    CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
    EXPECT_CAPS(s, CAPS_PLAYING, MSESS_CAP_PAUSE);
    TU_EXPECT(s, { MSESS_EVENT_STARTED, 0 });
    CHECK_EQ(position(s), 0);
    CHECK_EQ(clock_state(s), MSESS_CLOCK_RUNNING);
    app_advance(50 * MS);
    CHECK_EQ(position(s), 50 * MS);

    /* Stop and start at a position. */
    CHECK_ERR(msess_session_stop(s), 0);
    EXPECT_CAPS(s, CAPS_READY, MSESS_CAP_PAUSE);
    if (EXPECT_EV(s, &ev, MSESS_EVENT_STOPPED, 0))
        CHECK_EQ(ev.time, 50 * MS);
    msess_event_clear(&ev);
    CHECK_ERR(msess_session_start(s, 1500 * MS), 0);
    EXPECT_CAPS(s, CAPS_PLAYING, MSESS_CAP_PAUSE);
    if (EXPECT_EV(s, &ev, MSESS_EVENT_STARTED, 0))
        CHECK_EQ(ev.time, 1500 * MS);
    msess_event_clear(&ev);
    CHECK_EQ(position(s), 1500 * MS);

    /* Queued topologies can be cleared while playing; the current stays. */
    CHECK_ERR(msess_session_clear_topologies(s), 0);
    TU_EXPECT(s, { MSESS_EVENT_TOPOLOGIES_CLEARED, 0 });
    CHECK_ERR(msess_session_get_full_topology(s, 0, &full), 0);
    CHECK(full && msess_topology_id(full) == id);
    msess_topology_destroy(&full);
    CHECK_EQ(clock_state(s), MSESS_CLOCK_RUNNING);

    /* Close from started: no STOPPED; caps lose START, SEEK (and PAUSE);
     * CLOSED is the last event. */
    CHECK_ERR(msess_session_close(s), 0);
    if (EXPECT_EV(s, &ev, MSESS_EVENT_CAPABILITIES_CHANGED, 0)) {
        CHECK_EQ(ev.caps & (MSESS_CAP_START | MSESS_CAP_SEEK | MSESS_CAP_PAUSE), 0);
        CHECK_EQ(ev.caps_delta & (MSESS_CAP_START | MSESS_CAP_SEEK),
                 MSESS_CAP_START | MSESS_CAP_SEEK);
        CHECK_EQ(ev.caps, caps_of(s));
    }
    msess_event_clear(&ev);
    TU_EXPECT(s, { MSESS_EVENT_CLOSED, 0 });
    CHECK_ERR(msess_session_get_event(s, &ev, 200), MSESS_EAGAIN);
    CHECK_EQ(clock_state(s), MSESS_CLOCK_STOPPED);
    CHECK_ERR(msess_session_get_full_topology(s, 0, &full), MSESS_ESTATE);
    CHECK_ERR(msess_session_get_full_topology(s, id, &full), MSESS_ESTATE);

    /* After close: everything is refused. */
    CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
    CHECK_ERR(msess_session_pause(s), 0);
    CHECK_ERR(msess_session_stop(s), 0);
    CHECK_ERR(msess_session_clear_topologies(s), 0);
    CHECK_ERR(msess_session_set_topology(s, 0, fx.topo), 0);
    CHECK_ERR(msess_session_close(s), 0);
    TU_EXPECT(s, { MSESS_EVENT_STARTED, MSESS_ESTATE }, { MSESS_EVENT_PAUSED, MSESS_ESTATE },
              { MSESS_EVENT_STOPPED, MSESS_ESTATE },
              { MSESS_EVENT_TOPOLOGIES_CLEARED, MSESS_ESTATE },
              { MSESS_EVENT_TOPOLOGY_SET, MSESS_ESTATE }, { MSESS_EVENT_CLOSED, MSESS_ESTATE });
    CHECK_ERR(msess_session_get_event(s, &ev, 100), MSESS_EAGAIN);
    CHECK_EQ(caps_of(s) & (MSESS_CAP_START | MSESS_CAP_SEEK | MSESS_CAP_PAUSE), 0);
    fx_close(&fx);
}

/* Close from paused and from stopped-with-topology. */
static void test_close_variants(void)
{
    fixture fx;
    msess_event ev;

    fx_open(&fx, "av.mp4", true, true);
    set_and_ready(fx.s, fx.topo, 0);
    CHECK_ERR(msess_session_start(fx.s, MSESS_TIME_NONE), 0);
    CHECK_EQ(tu_wait_for(fx.s, MSESS_EVENT_STARTED, NULL, 10000), 0);
    CHECK_ERR(msess_session_pause(fx.s), 0);
    EXPECT_CAPS(fx.s, CAPS_READY, MSESS_CAP_PAUSE);
    TU_EXPECT(fx.s, { MSESS_EVENT_PAUSED, 0 });
    CHECK_ERR(msess_session_close(fx.s), 0);
    EXPECT_CAPS(fx.s, CAPS_READY & ~(MSESS_CAP_START | MSESS_CAP_SEEK),
                MSESS_CAP_START | MSESS_CAP_SEEK);
    TU_EXPECT(fx.s, { MSESS_EVENT_CLOSED, 0 });
    CHECK_ERR(msess_session_get_event(fx.s, &ev, 100), MSESS_EAGAIN);
    CHECK_EQ(clock_state(fx.s), MSESS_CLOCK_STOPPED);
    fx_close(&fx);

    fx_open(&fx, "av.mp4", true, true);
    set_and_ready(fx.s, fx.topo, 0);
    CHECK_ERR(msess_session_close(fx.s), 0);
    EXPECT_CAPS(fx.s, CAPS_READY & ~(MSESS_CAP_START | MSESS_CAP_SEEK),
                MSESS_CAP_START | MSESS_CAP_SEEK);
    TU_EXPECT(fx.s, { MSESS_EVENT_CLOSED, 0 });
    CHECK_ERR(msess_session_get_event(fx.s, &ev, 100), MSESS_EAGAIN);
    fx_close(&fx);
}

/* ---- rate */

static void test_rate(void)
{
    fixture fx;
    fx_open(&fx, "av.mp4", true, true);
    msess_session *s = fx.s;
    msess_event ev;
    double r = 0, slow = 0, fast = 0, near = 0;

    CHECK_ERR(msess_session_get_rate_range(s, &slow, &fast), 0);
    CHECK(slow > 0 && slow <= 0.5);
    CHECK(fast >= 2.0);
    CHECK_ERR(msess_session_get_rate_range(s, NULL, &fast), 0);
    CHECK_ERR(msess_session_get_rate_range(s, &slow, NULL), 0);
    CHECK_ERR(msess_session_is_rate_supported(s, 1.0, &near), 0);
    CHECK(near == 1.0);
    CHECK_ERR(msess_session_is_rate_supported(s, 2.0, NULL), 0);
    CHECK_ERR(msess_session_is_rate_supported(s, 0.5, NULL), 0);
    CHECK_ERR(msess_session_is_rate_supported(s, slow, NULL), 0);
    CHECK_ERR(msess_session_is_rate_supported(s, fast, NULL), 0);
    CHECK_ERR(msess_session_is_rate_supported(s, fast * 2, &near), MSESS_ERATE);
    CHECK(near == fast);
    CHECK_ERR(msess_session_is_rate_supported(s, slow / 2, &near), MSESS_ERATE);
    CHECK(near == slow);
    CHECK_ERR(msess_session_is_rate_supported(s, 0.0, &near), MSESS_ERATE);
    CHECK(near == slow);
    CHECK_ERR(msess_session_is_rate_supported(s, -1.0, &near), MSESS_ERATE);
    CHECK(near == slow); /* forward only: the nearest is the slowest */

    /* Rate set before a topology, while stopped. */
    CHECK_ERR(msess_session_set_rate(s, 2.0), 0);
    if (EXPECT_EV(s, &ev, MSESS_EVENT_RATE_CHANGED, 0))
        CHECK(ev.rate == 2.0);
    msess_event_clear(&ev);
    CHECK_ERR(msess_session_get_rate(s, &r), 0);
    CHECK(r == 2.0);

    /* It applies when playing starts. */
    set_and_ready(s, fx.topo, 0);
    CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
    CHECK_EQ(tu_wait_for(s, MSESS_EVENT_STARTED, NULL, 10000), 0);
    CHECK(msess_clock_get_rate(msess_session_get_clock(s)) == 2.0);
    CHECK_EQ(position(s), 0);
    app_advance(100 * MS);
    CHECK_EQ(position(s), 200 * MS);

    /* Changed while playing: continuous, new slope. */
    CHECK_ERR(msess_session_set_rate(s, 0.5), 0);
    if (EXPECT_EV(s, &ev, MSESS_EVENT_RATE_CHANGED, 0))
        CHECK(ev.rate == 0.5);
    msess_event_clear(&ev);
    CHECK_ERR(msess_session_get_rate(s, &r), 0);
    CHECK(r == 0.5);
    CHECK(msess_clock_get_rate(msess_session_get_clock(s)) == 0.5);
    CHECK_EQ(position(s), 200 * MS);
    app_advance(200 * MS);
    CHECK_EQ(position(s), 300 * MS);

    /* Unsupported rates: RATE_CHANGED with a failure; nothing changes. */
    CHECK_ERR(msess_session_set_rate(s, 0.0), 0);
    CHECK_ERR(msess_session_set_rate(s, -1.0), 0);
    CHECK_ERR(msess_session_set_rate(s, 100.0), 0);
    CHECK_ERR(msess_session_set_rate(s, fast * 2), 0);
    /* session.h: "a failed status (MSESS_ERATE)" */
    TU_EXPECT(s, { MSESS_EVENT_RATE_CHANGED, MSESS_ERATE }, { MSESS_EVENT_RATE_CHANGED, MSESS_ERATE },
              { MSESS_EVENT_RATE_CHANGED, MSESS_ERATE }, { MSESS_EVENT_RATE_CHANGED, MSESS_ERATE });
    CHECK_ERR(msess_session_get_rate(s, &r), 0);
    CHECK(r == 0.5);
    CHECK(msess_clock_get_rate(msess_session_get_clock(s)) == 0.5);
    CHECK_EQ(position(s), 300 * MS);
    app_advance(200 * MS);
    CHECK_EQ(position(s), 400 * MS);

    /* The extremes are accepted. */
    CHECK_ERR(msess_session_set_rate(s, fast), 0);
    CHECK_ERR(msess_session_set_rate(s, slow), 0);
    TU_EXPECT(s, { MSESS_EVENT_RATE_CHANGED, 0 }, { MSESS_EVENT_RATE_CHANGED, 0 });
    CHECK_ERR(msess_session_get_rate(s, &r), 0);
    CHECK(r == slow);

    /* Rate survives pause/resume and stop/start. */
    CHECK_ERR(msess_session_set_rate(s, 2.0), 0);
    CHECK_ERR(msess_session_stop(s), 0);
    CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
    CHECK_EQ(tu_wait_for(s, MSESS_EVENT_STARTED, NULL, 10000), 0);
    CHECK(msess_clock_get_rate(msess_session_get_clock(s)) == 2.0);
    CHECK_ERR(msess_session_get_rate(s, &r), 0);
    CHECK(r == 2.0);
    CHECK_ERR(msess_session_get_capabilities(s, NULL), MSESS_EINVAL);
    CHECK(caps_of(s) & MSESS_CAP_RATE_FORWARD);
    CHECK(!(caps_of(s) & MSESS_CAP_RATE_REVERSE));
    fx_close(&fx);
}

/* ---- end of media */

typedef struct frame_log {
    msess__mutex lock;
    int count;
    int first, last; /* frame numbers read from the bar code, -1 unknown */
    int bad_order;   /* a frame not numbered one after the one before */
    int unreadable;
} frame_log;

static void frame_cb(void *userdata, const msess_frame_info *fi)
{
    frame_log *fl = userdata;
    uint32_t num = 0;
    int ok = fi->data[0] ? framecode_read(fi->data[0], fi->linesize[0], fi->width,
                                          fi->height, &num) : -1;
    msess__mutex_lock(&fl->lock);
    if (ok < 0) {
        fl->unreadable++;
    } else {
        if (fl->count == 0)
            fl->first = (int)num;
        else if ((int)num != fl->last + 1)
            fl->bad_order++;
        fl->last = (int)num;
    }
    fl->count++;
    msess__mutex_unlock(&fl->lock);
}

static void frame_log_reset(frame_log *fl)
{
    msess__mutex_lock(&fl->lock);
    fl->count = 0;
    fl->first = fl->last = -1;
    fl->bad_order = fl->unreadable = 0;
    msess__mutex_unlock(&fl->lock);
}

static void expect_end(msess_session *s, uint64_t id)
{
    msess_event ev;
    if (EXPECT_EV(s, &ev, MSESS_EVENT_END_OF_PRESENTATION, 0))
        CHECK(ev.topology == NULL || msess_topology_id(ev.topology) == id);
    msess_event_clear(&ev);
    if (EXPECT_EV(s, &ev, MSESS_EVENT_TOPOLOGY_STATUS, MSESS_TOPOSTATUS_ENDED))
        CHECK(ev.topology && msess_topology_id(ev.topology) == id);
    msess_event_clear(&ev);
    EXPECT_CAPS(s, CAPS_READY, MSESS_CAP_PAUSE);
    TU_EXPECT(s, { MSESS_EVENT_ENDED, 0 });
}

static void test_end_of_media(void)
{
    fixture fx;
    fx_open(&fx, "av2.mkv", false, false); /* 2 s, 25 fps: 50 frames, unclocked */
    msess_session *s = fx.s;
    frame_log fl;
    msess__mutex_init(&fl.lock);
    frame_log_reset(&fl);
    msess_sink_set_frame_callback(fx.video, frame_cb, &fl);

    uint64_t id = set_and_ready(s, fx.topo, 0);
    CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
    TU_EXPECT(s, { MSESS_EVENT_TOPOLOGY_STATUS, MSESS_TOPOSTATUS_STARTED_SOURCE });
    EXPECT_CAPS(s, CAPS_PLAYING, MSESS_CAP_PAUSE);
    TU_EXPECT(s, { MSESS_EVENT_STARTED, 0 });
    expect_end(s, id);
    CHECK_EQ(caps_of(s), CAPS_READY);
    CHECK_EQ(clock_state(s), MSESS_CLOCK_STOPPED);
    msess_sink_stats st;
    msess_sink_get_stats(fx.video, &st);
    CHECK_EQ(st.frames_received, 50);
    CHECK_EQ(st.frames_dropped, 0);
    CHECK(st.first_pts != MSESS_TIME_NONE && st.first_pts < 100 * MS);
    msess_time first_pts = st.first_pts;
    msess__mutex_lock(&fl.lock);
    CHECK_EQ(fl.count, 50);
    CHECK_EQ(fl.first, 0);
    CHECK_EQ(fl.last, 49);
    CHECK_EQ(fl.bad_order, 0);
    CHECK_EQ(fl.unreadable, 0);
    msess__mutex_unlock(&fl.lock);
    msess_sink_get_stats(fx.audio, &st);
    CHECK(st.frames_received > 0);

    /* Ended is a stopped state: pause refused. */
    EXPECT_QUIET(s);

    /* Start again (NONE): plays from 0 to the end again. */
    frame_log_reset(&fl);
    msess_sink_reset_stats(fx.video);
    CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
    EXPECT_CAPS(s, CAPS_PLAYING, MSESS_CAP_PAUSE);
    TU_EXPECT(s, { MSESS_EVENT_STARTED, 0 });
    expect_end(s, id);
    msess_sink_get_stats(fx.video, &st);
    CHECK_EQ(st.frames_received, 50);
    CHECK_EQ(st.first_pts, first_pts);
    msess__mutex_lock(&fl.lock);
    CHECK_EQ(fl.count, 50);
    CHECK_EQ(fl.first, 0);
    CHECK_EQ(fl.last, 49);
    CHECK_EQ(fl.bad_order, 0);
    msess__mutex_unlock(&fl.lock);

    /* Start at a position after the end: from there to the end. */
    frame_log_reset(&fl);
    CHECK_ERR(msess_session_start(s, 1 * SEC), 0);
    EXPECT_CAPS(s, CAPS_PLAYING, MSESS_CAP_PAUSE);
    TU_EXPECT(s, { MSESS_EVENT_STARTED, 0 });
    expect_end(s, id);
    msess__mutex_lock(&fl.lock);
    CHECK(fl.first >= 0 && fl.first <= 25); /* from the key frame at or before 1 s */
    CHECK_EQ(fl.last, 49);
    msess__mutex_unlock(&fl.lock);
    EXPECT_QUIET(s);

    msess_sink_set_frame_callback(fx.video, NULL, NULL);
    fx_close(&fx);
    msess__mutex_destroy(&fl.lock);
}

/* ---- after a stop, the next start plays from 0 (session.h: "the next
 * resume starts from 0"; MF: the position returns to 0). Checked on the
 * frames themselves: their bar code numbers. */

static bool wait_frames(frame_log *fl, int n, int timeout_ms)
{
    for (int waited = 0;; waited += 5) {
        msess__mutex_lock(&fl->lock);
        int c = fl->count;
        msess__mutex_unlock(&fl->lock);
        if (c >= n)
            return true;
        if (waited >= timeout_ms)
            return false;
        msess__sleep(5 * MS);
    }
}

static int first_frame(frame_log *fl)
{
    msess__mutex_lock(&fl->lock);
    int f = fl->count ? fl->first : -1;
    msess__mutex_unlock(&fl->lock);
    return f;
}

static void test_restart_from_zero(void)
{
    fixture fx;
    fx_open(&fx, "av.mp4", true, true);
    msess_session *s = fx.s;
    frame_log fl;
    msess__mutex_init(&fl.lock);
    frame_log_reset(&fl);
    msess_sink_set_frame_callback(fx.video, frame_cb, &fl);
    set_and_ready(s, fx.topo, 0);

    /* First run: frames 0.. as the clock moves; play 0.5 s. */
    CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
    CHECK_EQ(tu_wait_for(s, MSESS_EVENT_STARTED, NULL, 10000), 0);
    app_advance(500 * MS);
    CHECK(wait_frames(&fl, 10, 5000));
    CHECK_EQ(first_frame(&fl), 0);

    static const msess_time starts[] = { MSESS_TIME_NONE, 0 };
    for (int i = 0; i < 2; i++) {
        CHECK_ERR(msess_session_stop(s), 0);
        CHECK_EQ(tu_wait_for(s, MSESS_EVENT_STOPPED, NULL, 10000), 0);
        frame_log_reset(&fl);
        CHECK_ERR(msess_session_start(s, starts[i]), 0);
        CHECK_EQ(tu_wait_for(s, MSESS_EVENT_STARTED, NULL, 10000), 0);
        CHECK_EQ(position(s), 0);
        app_advance(100 * MS);
        bool got = wait_frames(&fl, 1, 3000);
        int f = first_frame(&fl);
        if (!got || f != 0) {
            fprintf(stderr, "stop then start(%s): first frame %d (%s), want frame 0\n",
                    i ? "0" : "NONE", f, got ? "presented" : "none presented in 3 s");
            tu_failures++;
        }
        app_advance(400 * MS); /* play on a little before the next stop */
        wait_frames(&fl, 10, 3000);
    }

    /* Stopped near the end (the source read to its end), then resumed: it
     * plays from 0, so nothing ends while the clock stays near 0. */
    CHECK_ERR(msess_session_start(s, 3800 * MS), 0);
    CHECK_EQ(tu_wait_for(s, MSESS_EVENT_STARTED, NULL, 10000), 0);
    frame_log_reset(&fl);
    app_advance(50 * MS);
    wait_frames(&fl, 1, 3000);
    msess__sleep(200 * MS); /* let the demuxer reach the end of the file */
    CHECK_ERR(msess_session_stop(s), 0);
    EXPECT_CAPS(s, CAPS_READY, MSESS_CAP_PAUSE);
    TU_EXPECT(s, { MSESS_EVENT_STOPPED, 0 });
    frame_log_reset(&fl);
    CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
    EXPECT_CAPS(s, CAPS_PLAYING, MSESS_CAP_PAUSE);
    TU_EXPECT(s, { MSESS_EVENT_STARTED, 0 });
    app_advance(100 * MS);
    wait_frames(&fl, 1, 3000);
    CHECK_EQ(first_frame(&fl), 0);
    CHECK_ERR(msess_session_pause(s), 0); /* marker: no END before it */
    EXPECT_CAPS(s, CAPS_READY, MSESS_CAP_PAUSE);
    TU_EXPECT(s, { MSESS_EVENT_PAUSED, 0 });
    msess_sink_set_frame_callback(fx.video, NULL, NULL);
    fx_close(&fx);
    msess__mutex_destroy(&fl.lock);
}

/* The presentation ends when the longest stream does, not the first. */
static void test_end_waits_for_longest(void)
{
    fixture fx;
    fx_open(&fx, "short-audio.mp4", false, false); /* video 3 s (75), audio 1.5 s */
    set_and_ready(fx.s, fx.topo, 0);
    CHECK_ERR(msess_session_start(fx.s, MSESS_TIME_NONE), 0);
    CHECK_EQ(tu_wait_for(fx.s, MSESS_EVENT_END_OF_PRESENTATION, NULL, 20000), 0);
    msess_sink_stats st;
    msess_sink_get_stats(fx.video, &st);
    CHECK_EQ(st.frames_received, 75);
    CHECK_EQ(tu_wait_for(fx.s, MSESS_EVENT_ENDED, NULL, 10000), 0);
    fx_close(&fx);
}

/* ---- CLEAR_CURRENT with no topology */

static void test_clear_current(void)
{
    fixture fx;
    fx_open(&fx, "av.mp4", true, true);
    msess_session *s = fx.s;
    msess_event ev;
    set_and_ready(s, fx.topo, 0);
    CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
    CHECK_EQ(tu_wait_for(s, MSESS_EVENT_STARTED, NULL, 10000), 0);

    CHECK_ERR(msess_session_set_topology(s, MSESS_TOPOLOGY_CLEAR_CURRENT, NULL), 0);
    if (EXPECT_EV(s, &ev, MSESS_EVENT_TOPOLOGY_SET, 0))
        CHECK(ev.topology == NULL);
    msess_event_clear(&ev);
    EXPECT_CAPS(s, 0, CAPS_PLAYING);
    CHECK_EQ(caps_of(s), 0);
    CHECK_EQ(clock_state(s), MSESS_CLOCK_STOPPED);
    msess_topology *full = NULL;
    CHECK_ERR(msess_session_get_full_topology(s, 0, &full), MSESS_ESTATE);
    CHECK_EQ(msess_session_get_duration(s), MSESS_TIME_NONE);

    /* Empty again: start, stop refused. */
    CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
    CHECK_ERR(msess_session_stop(s), 0);
    TU_EXPECT(s, { MSESS_EVENT_STARTED, MSESS_ESTATE }, { MSESS_EVENT_STOPPED, MSESS_ESTATE });

    /* And a topology can be set again and played. */
    set_and_ready(s, fx.topo, 0);
    CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
    TU_EXPECT(s, { MSESS_EVENT_TOPOLOGY_STATUS, MSESS_TOPOSTATUS_STARTED_SOURCE });
    EXPECT_CAPS(s, CAPS_PLAYING, MSESS_CAP_PAUSE);
    TU_EXPECT(s, { MSESS_EVENT_STARTED, 0 });

    /* CLEAR_CURRENT while stopped with a topology. */
    CHECK_ERR(msess_session_stop(s), 0);
    CHECK_EQ(tu_wait_for(s, MSESS_EVENT_STOPPED, NULL, 10000), 0);
    CHECK_ERR(msess_session_set_topology(s, MSESS_TOPOLOGY_CLEAR_CURRENT, NULL), 0);
    TU_EXPECT(s, { MSESS_EVENT_TOPOLOGY_SET, 0 });
    EXPECT_CAPS(s, 0, CAPS_READY);
    EXPECT_QUIET(s);
    fx_close(&fx);
}

/* ---- argument checks */

static void test_null_args(void)
{
    msess_session *s = NULL;
    CHECK_ERR(msess_session_create(NULL, NULL), MSESS_EINVAL);
    CHECK_ERR(msess_session_create(&s, NULL), 0);
    if (!s)
        return;
    msess_topology *t = NULL;
    CHECK_ERR(msess_topology_create(&t), 0);
    msess_event ev;
    double d = 0;
    uint32_t caps = 0;
    msess_time tm = 0;

    CHECK_ERR(msess_session_set_topology(NULL, 0, t), MSESS_EINVAL);
    CHECK_ERR(msess_session_set_topology(s, 0, NULL), MSESS_EINVAL);
    CHECK_ERR(msess_session_set_topology(s, MSESS_TOPOLOGY_IMMEDIATE, NULL), MSESS_EINVAL);
    CHECK_ERR(msess_session_clear_topologies(NULL), MSESS_EINVAL);
    CHECK_ERR(msess_session_start(NULL, 0), MSESS_EINVAL);
    CHECK_ERR(msess_session_start(NULL, MSESS_TIME_NONE), MSESS_EINVAL);
    CHECK_ERR(msess_session_pause(NULL), MSESS_EINVAL);
    CHECK_ERR(msess_session_stop(NULL), MSESS_EINVAL);
    CHECK_ERR(msess_session_close(NULL), MSESS_EINVAL);
    CHECK_ERR(msess_session_set_rate(NULL, 1.0), MSESS_EINVAL);
    CHECK_ERR(msess_session_get_rate(NULL, &d), MSESS_EINVAL);
    CHECK_ERR(msess_session_get_rate(s, NULL), MSESS_EINVAL);
    CHECK_ERR(msess_session_get_rate_range(NULL, &d, &d), MSESS_EINVAL);
    CHECK_ERR(msess_session_is_rate_supported(NULL, 1.0, &d), MSESS_EINVAL);
    CHECK_ERR(msess_session_get_capabilities(NULL, &caps), MSESS_EINVAL);
    CHECK_ERR(msess_session_get_capabilities(s, NULL), MSESS_EINVAL);
    CHECK_ERR(msess_session_get_full_topology(NULL, 0, &t), MSESS_EINVAL);
    CHECK_ERR(msess_session_get_full_topology(s, 0, NULL), MSESS_EINVAL);
    CHECK(msess_session_get_clock(NULL) == NULL);
    CHECK_ERR(msess_session_get_position(NULL, &tm), MSESS_EINVAL);
    CHECK_ERR(msess_session_get_position(s, NULL), MSESS_EINVAL);
    CHECK_EQ(msess_session_get_duration(NULL), MSESS_TIME_NONE);
    CHECK_ERR(msess_session_get_event(NULL, &ev, 0), MSESS_EINVAL);
    CHECK_ERR(msess_session_get_event(s, NULL, 0), MSESS_EINVAL);
    msess_session_destroy(NULL);
    msess_session *none = NULL;
    msess_session_destroy(&none);

    /* Invalid settings. */
    msess_session_settings set;
    msess_session *s2 = NULL;
    msess_session_default_settings(&set);
    set.decoder_threads = -1;
    CHECK_ERR(msess_session_create(&s2, &set), MSESS_EINVAL);
    CHECK(s2 == NULL);
    msess_session_default_settings(&set);
    set.clock_source = MSESS_CLOCK_SOURCE_APP; /* without clock_fn */
    CHECK_ERR(msess_session_create(&s2, &set), MSESS_EINVAL);
    CHECK(s2 == NULL);
    msess_session_default_settings(&set);
    set.clock_source = (enum msess_clock_source)42;
    CHECK_ERR(msess_session_create(&s2, &set), MSESS_EINVAL);
    CHECK(s2 == NULL);

    /* No command reached the control thread. */
    EXPECT_QUIET(s);
    msess_topology_destroy(&t);
    msess_session_destroy(&s);
}

/* ---- the system clock (default settings): states and direction */

static void test_system_clock(void)
{
    fixture fx;
    fx_open(&fx, "av.mp4", true, false);
    msess_session *s = fx.s;
    set_and_ready(s, fx.topo, 0);
    CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
    TU_EXPECT(s, { MSESS_EVENT_TOPOLOGY_STATUS, MSESS_TOPOSTATUS_STARTED_SOURCE },
              { MSESS_EVENT_CAPABILITIES_CHANGED, 0 }, { MSESS_EVENT_STARTED, 0 });
    msess_time p0 = position(s);
    msess__sleep(50 * MS);
    msess_time p1 = position(s);
    CHECK(p1 - p0 >= 40 * MS); /* it runs (lower bound only) */
    CHECK_ERR(msess_session_pause(s), 0);
    TU_EXPECT(s, { MSESS_EVENT_CAPABILITIES_CHANGED, 0 }, { MSESS_EVENT_PAUSED, 0 });
    CHECK_EQ(clock_state(s), MSESS_CLOCK_PAUSED);
    p0 = position(s);
    CHECK(p0 >= p1);
    msess__sleep(30 * MS);
    CHECK_EQ(position(s), p0);
    /* Stop from paused: PAUSE is already gone, so no caps change. */
    CHECK_ERR(msess_session_stop(s), 0);
    TU_EXPECT(s, { MSESS_EVENT_STOPPED, 0 });
    CHECK_EQ(clock_state(s), MSESS_CLOCK_STOPPED);
    CHECK_EQ(position(s), 0);
    EXPECT_QUIET(s);
    fx_close(&fx);
}

/* ---- destroy */

static int sink_refs(msess_sink *sk)
{
    return atomic_load(&sk->refs);
}

static int topo_refs(msess_topology *t)
{
    return atomic_load(&t->refs);
}

static void destroy_timed(fixture *fx, const char *what)
{
    msess_time t0 = msess_system_time(NULL);
    msess_session_destroy(&fx->s);
    msess_time took = msess_system_time(NULL) - t0;
    CHECK(fx->s == NULL);
    /* "promptly": far below any time-out, generous for valgrind */
    if (took > 10 * SEC) {
        fprintf(stderr, "destroy (%s) took %lld ms\n", what, (long long)(took / MS));
        tu_failures++;
    }
    /* The session let go of everything: only the test's references remain
     * (the topology's output nodes hold one per sink). */
    CHECK_EQ(topo_refs(fx->topo), 1);
    CHECK_EQ(sink_refs(fx->video), 2);
    CHECK_EQ(sink_refs(fx->audio), 2);
}

static void test_destroy(void)
{
    fixture fx;

    /* While playing (system clock, clocked sinks). */
    fx_open(&fx, "av.mp4", true, false);
    set_and_ready(fx.s, fx.topo, 0);
    CHECK_ERR(msess_session_start(fx.s, MSESS_TIME_NONE), 0);
    CHECK_EQ(tu_wait_for(fx.s, MSESS_EVENT_STARTED, NULL, 10000), 0);
    msess__sleep(100 * MS);
    destroy_timed(&fx, "playing");
    fx_close(&fx);

    /* While paused, with unread events. */
    fx_open(&fx, "av.mp4", true, true);
    CHECK_ERR(msess_session_set_topology(fx.s, 0, fx.topo), 0);
    CHECK_ERR(msess_session_start(fx.s, MSESS_TIME_NONE), 0);
    CHECK_ERR(msess_session_pause(fx.s), 0);
    CHECK_EQ(tu_wait_for(fx.s, MSESS_EVENT_STARTED, NULL, 10000), 0);
    msess__sleep(50 * MS);
    destroy_timed(&fx, "paused");
    fx_close(&fx);

    /* With commands still queued (set, start, seek right away). */
    fx_open(&fx, "av.mp4", true, false);
    CHECK_ERR(msess_session_set_topology(fx.s, 0, fx.topo), 0);
    CHECK_ERR(msess_session_start(fx.s, MSESS_TIME_NONE), 0);
    CHECK_ERR(msess_session_start(fx.s, 1 * SEC), 0);
    CHECK_ERR(msess_session_set_topology(fx.s, 0, fx.topo), 0);
    destroy_timed(&fx, "commands queued");
    fx_close(&fx);

    /* With a second topology queued behind the playing one. */
    fx_open(&fx, "av.mp4", true, true);
    set_and_ready(fx.s, fx.topo, 0);
    CHECK_ERR(msess_session_start(fx.s, MSESS_TIME_NONE), 0);
    CHECK_EQ(tu_wait_for(fx.s, MSESS_EVENT_STARTED, NULL, 10000), 0);
    CHECK_ERR(msess_session_set_topology(fx.s, 0, fx.topo), 0);
    int st = 1;
    CHECK_EQ(tu_wait_for(fx.s, MSESS_EVENT_TOPOLOGY_STATUS, &st, 10000), 0);
    destroy_timed(&fx, "topology queued");
    fx_close(&fx);
}

int main(void)
{
    atomic_store(&app_now, 1000 * SEC);
    test_null_args();
    test_fresh();
    test_lifecycle();
    test_close_variants();
    test_rate();
    test_clear_current();
    test_system_clock();
    test_end_of_media();
    test_end_waits_for_longest();
    test_restart_from_zero();
    test_destroy();
    return tu_result();
}

/* Integration: queued topologies (gapless), clearing the queue, and
 * IMMEDIATE replacement.
 *
 * A = av2.mkv (50 frames, video pts 21 ms + n*40 ms), B = av.mp4 (100
 * frames, pts n*40 ms), both feeding the same two clocked null sinks. The
 * clock is an application clock the test drives, so B is always queued
 * well before A ends; late frames are not dropped, so every frame must be
 * presented. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define SEC MSESS_TIME_PER_SECOND
#define MS MSESS_TIME_PER_MS
#define FRAME (40 * MS)
#define AAC_FRAME 1024
#define EV_TIMEOUT 20000
#define STEP (20 * MS)

typedef struct run {
    tu_run tu;                    /* A: tu.src, tu.topo */
    msess_source *srcb;
    msess_topology *b;
    tu_event_log log;
    uint64_t ida, idb;            /* ids of the resolved topologies */
} run;

/* A and B into the same clocked null sinks, on the application clock, late
 * frames kept; nothing set yet. */
static void run_open(run *r, bool global_time)
{
    memset(r, 0, sizeof(*r));
    tu_run_open(&r->tu, &(tu_run_opts){ .clip = "av2.mkv", .clocked = true, .app_clock = true,
                                        .global_time = global_time, .keep_late_frames = true,
                                        .defer_set = true });
    r->srcb = tu_open("av.mp4");
    CHECK_ERR(msess_topology_create_simple(&r->b, r->srcb, r->tu.video, r->tu.audio), 0);
}

static void run_close(run *r)
{
    msess_session_destroy(&r->tu.s); /* first, as in tu_run_close */
    msess_topology_destroy(&r->b);
    msess_source_destroy(&r->srcb);
    tu_run_close(&r->tu);
}

/* Whether full is the resolution of partial (node ids survive resolution). */
static bool resolved_from(const msess_topology *full, const msess_topology *partial)
{
    if (!full)
        return false;
    for (unsigned i = 0; i < msess_topology_node_count(partial); i++)
        if (!msess_topology_find_node(full, msess_node_id(msess_topology_node(partial, i))))
            return false;
    return true;
}

/* Set A and start it at 0 (clock held at 0). */
static void start_a(run *r)
{
    msess_event ev;
    CHECK_ERR(msess_session_set_topology(r->tu.s, 0, r->tu.topo), 0);
    if (tu_expect_event(r->tu.s, MSESS_EVENT_TOPOLOGY_SET, 0, &ev, EV_TIMEOUT) == 0) {
        CHECK(resolved_from(ev.topology, r->tu.topo));
        r->ida = ev.topology ? msess_topology_id(ev.topology) : 0;
        msess_event_clear(&ev);
    }
    CHECK_EQ(tu_wait_for(r->tu.s, MSESS_EVENT_TOPOLOGY_STATUS, NULL, EV_TIMEOUT), 0);
    tu_run_start(&r->tu, 0);
    /* A's first frame is at 21 ms: nothing is due while the clock is held */
    tu_sleep_ms(20);
    CHECK_EQ(tu_recorder_count(&r->tu.vrec), 0);
}

/* Queue B while A plays: TOPOLOGY_STATUS READY for (the resolution of) B. */
static void queue_b(run *r)
{
    msess_event ev;
    CHECK_ERR(msess_session_set_topology(r->tu.s, 0, r->b), 0);
    if (tu_expect_event(r->tu.s, MSESS_EVENT_TOPOLOGY_STATUS, MSESS_TOPOSTATUS_READY, &ev,
                        EV_TIMEOUT) == 0) {
        CHECK(ev.topology != NULL);
        CHECK(resolved_from(ev.topology, r->b));
        CHECK(!resolved_from(ev.topology, r->tu.topo));
        r->idb = ev.topology ? msess_topology_id(ev.topology) : 0;
        CHECK(r->idb != r->ida);
        msess_event_clear(&ev);
    }
    /* A is still the current topology, B is known by id */
    msess_topology *t = NULL;
    CHECK_ERR(msess_session_get_full_topology(r->tu.s, 0, &t), 0);
    CHECK(t && msess_topology_id(t) == r->ida);
    msess_topology_destroy(&t);
    CHECK_ERR(msess_session_get_full_topology(r->tu.s, r->idb, &t), 0);
    CHECK(t && msess_topology_id(t) == r->idb);
    msess_topology_destroy(&t);
}

/* Advance the clock STEP at a time, logging events, until an event of type
 * `until` arrives (returns its index) or the clock passes max_time (-1; a
 * failure when `required`). */
static int drive(run *r, enum msess_event_type until, msess_time max_time, bool required)
{
    while (atomic_load(&r->tu.clock.now) < max_time) {
        msess_event ev;
        while (tu_next_event(r->tu.s, &ev, 2) >= 0) {
            tu_log_add(&r->log, &ev);
            bool match = ev.type == until;
            msess_event_clear(&ev);
            if (match)
                return r->log.n - 1;
        }
        tu_fake_clock_advance(&r->tu.clock, STEP);
    }
    if (required) {
        fprintf(stderr, "  no %s by clock %.3f s\n", msess_event_type_name(until),
                (double)atomic_load(&r->tu.clock.now) / SEC);
        tu_failures++;
    }
    return -1;
}

/* Index of a TOPOLOGY_STATUS event for this topology id, or -1. */
static int find_status(const tu_event_log *log, enum msess_topology_status st, uint64_t id)
{
    for (int i = 0; i < log->n; i++)
        if (log->ev[i].type == MSESS_EVENT_TOPOLOGY_STATUS && log->ev[i].topology_status == st &&
            log->ev[i].topology_id == id)
            return i;
    return -1;
}

static int find_type_id(const tu_event_log *log, enum msess_event_type type, uint64_t id)
{
    for (int i = 0; i < log->n; i++)
        if (log->ev[i].type == type && log->ev[i].topology_id == id)
            return i;
    return -1;
}

/* Video: A's 50 frames then B's 100, B starting within a frame of A's end. */
static void check_a_then_b(run *r)
{
    size_t n;
    tu_frame *f = tu_recorder_copy(&r->tu.vrec, &n);
    CHECK_EQ(n, 150);
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        int want = i < 50 ? (int)i : (int)i - 50;
        if ((f[i].number != want || f[i].dropped) && bad++ < 5)
            fprintf(stderr, "  video frame %zu: bar code %d%s, want %d\n", i, f[i].number,
                    f[i].dropped ? " (dropped)" : "", want);
        if (i && i != 50 && f[i].pts - f[i - 1].pts != FRAME && bad++ < 5)
            fprintf(stderr, "  video frame %zu: %lld after the previous\n", i,
                    (long long)(f[i].pts - f[i - 1].pts));
    }
    CHECK_EQ(bad, 0);
    if (n >= 51) {
        /* B's first frame starts where A ends (A's audio may run a few ms
         * past its video): within one frame of the end of A's last frame */
        msess_time a_end = f[49].pts + f[49].duration;
        msess_time d = f[50].pts - a_end;
        if (d < 0 || d > FRAME) {
            fprintf(stderr, "  B starts %.3f ms after A's video ends\n", (double)d / MS);
            tu_failures++;
        }
    }
    free(f);

    /* audio: one continuous stream across the boundary */
    f = tu_recorder_copy(&r->tu.arec, &n);
    int gaps = 0;
    for (size_t i = 1; i < n; i++) {
        msess_time g = f[i].pts - (f[i - 1].pts + f[i - 1].duration);
        if ((g < -MS || g > FRAME) && gaps++ < 5)
            fprintf(stderr, "  audio frame %zu at %lld, previous ends at %lld\n", i,
                    (long long)f[i].pts, (long long)(f[i - 1].pts + f[i - 1].duration));
    }
    CHECK_EQ(gaps, 0);
    free(f);
    msess_sink_stats st;
    msess_sink_get_stats(r->tu.audio, &st);
    long long want = 96000 + AAC_FRAME + 192000;
    if (llabs((long long)st.samples_rendered - want) > 2 * AAC_FRAME) {
        fprintf(stderr, "  audio: %llu samples, want about %lld\n",
                (unsigned long long)st.samples_rendered, want);
        tu_failures++;
    }
}

static void gapless(bool global_time)
{
    fprintf(stderr, "-- A then B gaplessly (global_time %s)\n", global_time ? "true" : "false");
    run r;
    run_open(&r, global_time);
    start_a(&r);
    queue_b(&r);

    int sw = drive(&r, MSESS_EVENT_TOPOLOGY_STATUS, 20 * SEC, true);
    while (sw >= 0 && r.log.ev[sw].topology_status != MSESS_TOPOSTATUS_SINK_SWITCHED)
        sw = drive(&r, MSESS_EVENT_TOPOLOGY_STATUS, 20 * SEC, true);
    if (sw >= 0) {
        /* just after the switch: position relative to B, or global */
        msess_time p = -1;
        CHECK_ERR(msess_session_get_position(r.tu.s, &p), 0);
        msess_topology *t = NULL;
        CHECK_ERR(msess_session_get_full_topology(r.tu.s, 0, &t), 0);
        CHECK(t && msess_topology_id(t) == r.idb);
        msess_topology_destroy(&t);
        CHECK_EQ(msess_session_get_duration(r.tu.s), 4 * SEC);
        /* The clock runs on one timeline; B starts on it where A ended
         * (about 2.03 s, the end of A's longer stream). Relative positions
         * are measured from there, global ones are the clock itself. How
         * far B has got by now depends on the machine's speed. */
        msess_time c = -1;
        CHECK_ERR(msess_clock_get_time(msess_session_get_clock(r.tu.s), &c), 0);
        msess_time base = c - p;
        if (global_time ? llabs((long long)base) > MS : llabs((long long)(base - 2026 * MS)) > 30 * MS) {
            fprintf(stderr, "  position %.3f s at clock %.3f s after the switch (global_time %d)\n",
                    (double)p / SEC, (double)c / SEC, global_time);
            tu_failures++;
        }
    }
    drive(&r, MSESS_EVENT_ENDED, 20 * SEC, true);
    tu_log_drain(r.tu.s, &r.log, 300);

    const tu_event_log *log = &r.log;
    int ended_a = find_status(log, MSESS_TOPOSTATUS_ENDED, r.ida);
    int set_b = find_type_id(log, MSESS_EVENT_TOPOLOGY_SET, r.idb);
    int started_b = find_status(log, MSESS_TOPOSTATUS_STARTED_SOURCE, r.idb);
    int switched_b = find_status(log, MSESS_TOPOSTATUS_SINK_SWITCHED, r.idb);
    int ended_b = find_status(log, MSESS_TOPOSTATUS_ENDED, r.idb);
    int eop = tu_log_find(log, 0, MSESS_EVENT_END_OF_PRESENTATION, 0);
    int ended = tu_log_find(log, 0, MSESS_EVENT_ENDED, 0);
    int bad = 0;
    if (ended_a < 0 || set_b < 0 || started_b < 0 || switched_b < 0 || ended_b < 0 || eop < 0 ||
        ended < 0) {
        fprintf(stderr, "  missing: ENDED(A) %d, TOPOLOGY_SET(B) %d, STARTED_SOURCE(B) %d, "
                        "SINK_SWITCHED(B) %d, ENDED(B) %d, END_OF_PRESENTATION %d, ENDED %d\n",
                ended_a, set_b, started_b, switched_b, ended_b, eop, ended);
        bad++;
    } else if (!(ended_a < set_b && set_b < started_b && started_b < switched_b &&
                 switched_b < eop && eop < ended_b && ended_b < ended)) {
        fprintf(stderr, "  events out of order\n");
        bad++;
    }
    /* A's end is not the end of the presentation */
    if (tu_log_count(log, MSESS_EVENT_ENDED) != 1 || log->ev[log->n - 1].type != MSESS_EVENT_ENDED ||
        tu_log_count(log, MSESS_EVENT_END_OF_PRESENTATION) != 1) {
        fprintf(stderr, "  want exactly one END_OF_PRESENTATION and one ENDED, at the end\n");
        bad++;
    }
    if (tu_log_count(log, MSESS_EVENT_ERROR) || tu_log_count(log, MSESS_EVENT_WARNING))
        bad++;
    if (ended >= 0 && log->ev[ended].topology_id && log->ev[ended].topology_id != r.idb) {
        fprintf(stderr, "  ENDED for topology %llu, want B (%llu)\n",
                (unsigned long long)log->ev[ended].topology_id, (unsigned long long)r.idb);
        bad++;
    }
    if (bad || getenv("TU_VERBOSE")) {
        tu_log_print(log, "gapless events");
        if (bad)
            tu_failures++;
    }
    check_a_then_b(&r);
    run_close(&r);
}

/* clear_topologies: the queued B never plays. `late`: clear once A has
 * decoded everything (B may already be prepared), else right away. */
static void cleared(bool late)
{
    fprintf(stderr, "-- clear_topologies %s\n", late ? "after A drained" : "right after queueing");
    run r;
    run_open(&r, false);
    start_a(&r);
    queue_b(&r);
    if (late) {
        /* present up to 1.9 s; the decoders run to A's end meanwhile */
        drive(&r, MSESS_EVENT_ENDED, 19 * SEC / 10, false);
        CHECK_EQ(tu_log_count(&r.log, MSESS_EVENT_ENDED), 0);
        tu_sleep_ms(200);
    }
    CHECK_ERR(msess_session_clear_topologies(r.tu.s), 0);
    int i = tu_log_until(r.tu.s, &r.log, MSESS_EVENT_TOPOLOGIES_CLEARED, EV_TIMEOUT);
    if (i < 0)
        tu_failures++;
    else
        CHECK_ERR(r.log.ev[i].status, 0);
    msess_topology *t = NULL;
    CHECK_ERR(msess_session_get_full_topology(r.tu.s, r.idb, &t), MSESS_ESTATE);
    msess_topology_destroy(&t);
    drive(&r, MSESS_EVENT_ENDED, 20 * SEC, true);
    tu_log_drain(r.tu.s, &r.log, 300);
    CHECK_EQ(tu_log_count(&r.log, MSESS_EVENT_ENDED), 1);
    CHECK_EQ(tu_log_count(&r.log, MSESS_EVENT_TOPOLOGY_SET), 0);
    CHECK_EQ(find_status(&r.log, MSESS_TOPOSTATUS_SINK_SWITCHED, r.idb), -1);
    CHECK_EQ(find_status(&r.log, MSESS_TOPOSTATUS_STARTED_SOURCE, r.idb), -1);
    size_t n;
    tu_frame *f = tu_recorder_copy(&r.tu.vrec, &n);
    CHECK_EQ(n, 50);
    int bad = 0;
    for (size_t k = 0; k < n; k++)
        bad += f[k].number != (int)k;
    CHECK_EQ(bad, 0);
    free(f);
    /* only A's audio */
    msess_sink_stats st;
    msess_sink_get_stats(r.tu.audio, &st);
    CHECK(llabs((long long)st.samples_rendered - (96000 + AAC_FRAME)) <= 2 * AAC_FRAME);
    run_close(&r);
}

/* IMMEDIATE: B replaces A at once and plays from its start. */
static void immediate(void)
{
    fprintf(stderr, "-- IMMEDIATE replaces the playing topology\n");
    run r;
    run_open(&r, false);
    start_a(&r);
    /* A up to 1 s */
    drive(&r, MSESS_EVENT_ENDED, SEC, false);
    /* the clock is held at 1 s: wait until what is due was presented (A's
     * video frame at 0.981 s, audio frame at 0.981 s), nothing else is */
    CHECK(tu_recorder_wait_pts(&r.tu.vrec, 96 * SEC / 100, 5000));
    CHECK(tu_recorder_wait_pts(&r.tu.arec, 975 * SEC / 1000, 5000));
    tu_recorder_mark(&r.tu.vrec, 1);
    tu_recorder_mark(&r.tu.arec, 1);
    CHECK_ERR(msess_session_set_topology(r.tu.s, MSESS_TOPOLOGY_IMMEDIATE, r.b), 0);
    int st = tu_log_until(r.tu.s, &r.log, MSESS_EVENT_STARTED, EV_TIMEOUT);
    int set_b = -1, ready_b = -1, src_b = -1;
    for (int i = 0; i < r.log.n; i++) {
        const tu_logged_event *e = &r.log.ev[i];
        if (e->type == MSESS_EVENT_TOPOLOGY_SET && set_b < 0) {
            set_b = i;
            r.idb = e->topology_id;
            CHECK_ERR(e->status, 0);
        }
    }
    if (set_b >= 0) {
        ready_b = find_status(&r.log, MSESS_TOPOSTATUS_READY, r.idb);
        src_b = find_status(&r.log, MSESS_TOPOSTATUS_STARTED_SOURCE, r.idb);
    }
    if (st < 0 || set_b < 0 || ready_b < set_b || src_b < ready_b || st < src_b ||
        r.log.ev[st].status != 0) {
        tu_log_print(&r.log, "IMMEDIATE events");
        tu_failures++;
    }
    msess_topology *t = NULL;
    CHECK_ERR(msess_session_get_full_topology(r.tu.s, 0, &t), 0);
    CHECK(resolved_from(t, r.b));
    msess_topology_destroy(&t);
    CHECK_EQ(msess_session_get_duration(r.tu.s), 4 * SEC);
    drive(&r, MSESS_EVENT_ENDED, 30 * SEC, true);
    tu_log_drain(r.tu.s, &r.log, 300);
    CHECK_EQ(tu_log_count(&r.log, MSESS_EVENT_ENDED), 1);

    /* after the replacement: B's frames from its start, nothing of A */
    size_t all;
    tu_frame *f = tu_recorder_copy(&r.tu.vrec, &all);
    size_t n = 0;
    int bad = 0;
    for (size_t i = 0; i < all; i++) {
        if (f[i].marker != 1)
            continue;
        int want = (int)n++;
        if ((f[i].number != want || f[i].pts != (msess_time)want * FRAME) && bad++ < 5)
            fprintf(stderr, "  frame %d after IMMEDIATE: bar code %d pts %lld\n", want,
                    f[i].number, (long long)f[i].pts);
    }
    CHECK_EQ(n, 100);
    CHECK_EQ(bad, 0);
    free(f);
    f = tu_recorder_copy(&r.tu.arec, &all);
    for (size_t i = 0; i < all; i++)
        if (f[i].marker == 1) {
            CHECK_EQ(f[i].pts, 0); /* B's audio from its start */
            break;
        }
    free(f);
    run_close(&r);
}

int main(void)
{
    gapless(false);
    gapless(true);
    cleared(false);
    cleared(true);
    immediate();
    return tu_result();
}

/* Integration: looping topologies (msess_topology_set_loop).
 *
 * - loop 2 on av2.mkv (50 frames, 2 s), unclocked sinks: 150 video frames
 *   with bar codes 0..49 three times, pts strictly increasing with exactly
 *   one frame between neighbours inside an iteration and at most one frame
 *   plus the audio/video end difference at each loop boundary; three times
 *   the audio; one ENDED.
 * - loop -1 (for ever): stop after more than 200 frames -> STOPPED, no hang. */
#include <stdlib.h>

#include "testutil.h"

#define SEC MSESS_TIME_PER_SECOND
#define MS MSESS_TIME_PER_MS
#define FRAME (40 * MS)
#define AAC_FRAME 1024
#define EV_TIMEOUT 20000
/* av2.mkv: video ends at 2.021 s (shifted by the AAC priming), audio at
 * about the same time; a boundary may add this much on top of a frame. */
#define BOUNDARY_SLACK (30 * MS)

/* The clip into unclocked null sinks, looping `loop` times; topology READY. */
static void run_open(tu_run *r, const char *name, int loop)
{
    tu_run_open(r, &(tu_run_opts){ .clip = name, .defer_set = true });
    CHECK_EQ(msess_topology_get_loop(r->topo), 0);
    CHECK_ERR(msess_topology_set_loop(r->topo, loop), 0);
    CHECK_EQ(msess_topology_get_loop(r->topo), loop);
    tu_run_set_topology(r);
}

/* Video frames: bar code i % per_loop, timestamps increasing by exactly
 * one frame inside an iteration, by at most a frame + slack across. */
static void check_video_loops(const tu_frame *f, size_t n, int per_loop)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        if (f[i].number != (int)(i % (size_t)per_loop) && bad++ < 5)
            fprintf(stderr, "  video frame %zu: bar code %d, want %d\n", i, f[i].number,
                    (int)(i % (size_t)per_loop));
        if (f[i].dropped && bad++ < 5)
            fprintf(stderr, "  video frame %zu dropped\n", i);
        if (!i)
            continue;
        msess_time d = f[i].pts - f[i - 1].pts;
        bool boundary = i % (size_t)per_loop == 0;
        bool ok = boundary ? d >= FRAME && d <= FRAME + BOUNDARY_SLACK : d == FRAME;
        if (!ok && bad++ < 5)
            fprintf(stderr, "  video frame %zu%s: pts %lld, previous %lld (step %.3f ms)\n", i,
                    boundary ? " (loop boundary)" : "", (long long)f[i].pts,
                    (long long)f[i - 1].pts, (double)d / MS);
    }
    CHECK_EQ(bad, 0);
    /* every iteration is the first shifted by the same period (the
     * presentation's length), which lies between the video's length and
     * that plus the slack */
    if (n > (size_t)per_loop) {
        msess_time period = f[per_loop].pts - f[0].pts;
        msess_time vlen = (msess_time)per_loop * FRAME;
        if (period < vlen || period > vlen + BOUNDARY_SLACK) {
            fprintf(stderr, "  loop period %.3f ms for %.3f ms of video\n", (double)period / MS,
                    (double)vlen / MS);
            tu_failures++;
        }
        int off = 0;
        for (size_t i = (size_t)per_loop; i < n; i++)
            if (f[i].pts - f[i - (size_t)per_loop].pts != period && off++ < 3)
                fprintf(stderr, "  frame %zu: %lld after its twin of the previous loop, want %lld\n",
                        i, (long long)(f[i].pts - f[i - (size_t)per_loop].pts), (long long)period);
        CHECK_EQ(off, 0);
    }
}

/* Audio: contiguous (Matroska stores 1 ms timestamps, so within 1 ms), no
 * overlap at a loop boundary and no gap larger than the slack. */
static void check_audio_loops(const tu_frame *f, size_t n)
{
    int bad = 0;
    for (size_t i = 1; i < n; i++) {
        msess_time end = f[i - 1].pts + f[i - 1].duration;
        msess_time gap = f[i].pts - end;
        if ((gap < -MS || gap > BOUNDARY_SLACK) && bad++ < 5)
            fprintf(stderr, "  audio frame %zu at %lld, previous ends at %lld\n", i,
                    (long long)f[i].pts, (long long)end);
    }
    CHECK_EQ(bad, 0);
}

static void loop_twice(void)
{
    fprintf(stderr, "-- av2.mkv, loop 2\n");
    tu_run r;
    run_open(&r, "av2.mkv", 2);
    tu_run_start(&r, MSESS_TIME_NONE);
    tu_event_log log = { .n = 0 };
    if (tu_log_until(r.s, &log, MSESS_EVENT_ENDED, EV_TIMEOUT) < 0) {
        fprintf(stderr, "  no ENDED\n");
        tu_failures++;
    }
    tu_log_drain(r.s, &log, 300);
    CHECK_EQ(tu_log_count(&log, MSESS_EVENT_ENDED), 1);
    CHECK_EQ(tu_log_count(&log, MSESS_EVENT_END_OF_PRESENTATION), 1);
    CHECK_EQ(tu_log_count(&log, MSESS_EVENT_ERROR), 0);
    CHECK_EQ(tu_log_count(&log, MSESS_EVENT_WARNING), 0);
    /* a loop is one presentation: no new topology events on the way */
    CHECK_EQ(tu_log_count(&log, MSESS_EVENT_TOPOLOGY_SET), 0);
    CHECK_EQ(tu_log_find(&log, 0, MSESS_EVENT_TOPOLOGY_STATUS, MSESS_TOPOSTATUS_SINK_SWITCHED), -1);
    if (log.n && log.ev[log.n - 1].type != MSESS_EVENT_ENDED)
        tu_failures++;
    if (tu_failures)
        tu_log_print(&log, "loop 2 events");

    size_t n;
    tu_frame *f = tu_recorder_copy(&r.vrec, &n);
    CHECK_EQ(n, 150);
    check_video_loops(f, n, 50);
    free(f);

    f = tu_recorder_copy(&r.arec, &n);
    check_audio_loops(f, n);
    free(f);
    msess_sink_stats as, vs;
    msess_sink_get_stats(r.audio, &as);
    msess_sink_get_stats(r.video, &vs);
    /* 3 x (2 s + the 1024 priming samples mkv keeps) */
    long long want = 3 * (96000 + AAC_FRAME);
    if (llabs((long long)as.samples_rendered - want) > 3 * AAC_FRAME) {
        fprintf(stderr, "  audio: %llu samples, want about %lld\n",
                (unsigned long long)as.samples_rendered, want);
        tu_failures++;
    }
    CHECK_EQ(vs.frames_presented, 150);
    /* the presentation lasts three iterations */
    CHECK(vs.end_time >= 6 * SEC && vs.end_time <= 6 * SEC + 3 * BOUNDARY_SLACK);
    CHECK(as.end_time >= 6 * SEC && as.end_time <= 6 * SEC + 3 * BOUNDARY_SLACK);
    tu_run_close(&r);
}

/* The same on a clip without audio and on one with exact mp4 timestamps:
 * av.mp4 loops exactly (audio and video both end at 4 s). */
static void loop_once_mp4(void)
{
    fprintf(stderr, "-- av.mp4, loop 1\n");
    tu_run r;
    run_open(&r, "av.mp4", 1);
    CHECK_ERR(msess_session_start(r.s, MSESS_TIME_NONE), 0);
    CHECK_EQ(tu_wait_for(r.s, MSESS_EVENT_ENDED, NULL, EV_TIMEOUT), 0);
    size_t n;
    tu_frame *f = tu_recorder_copy(&r.vrec, &n);
    CHECK_EQ(n, 200);
    check_video_loops(f, n, 100);
    if (n == 200)
        CHECK(f[100].pts >= 4 * SEC && f[100].pts <= 4 * SEC + 2 * AAC_FRAME * SEC / 48000);
    free(f);
    msess_sink_stats as;
    msess_sink_get_stats(r.audio, &as);
    CHECK(llabs((long long)as.samples_rendered - 2 * 192000) <= 2 * AAC_FRAME);
    tu_run_close(&r);
}

static void loop_forever(void)
{
    fprintf(stderr, "-- av2.mkv, loop for ever, then stop\n");
    tu_run r;
    run_open(&r, "av2.mkv", -1);
    tu_run_start(&r, MSESS_TIME_NONE);
    if (!tu_recorder_wait(&r.vrec, 201, EV_TIMEOUT)) {
        fprintf(stderr, "  only %zu frames while looping for ever\n", tu_recorder_count(&r.vrec));
        tu_failures++;
    }
    CHECK_ERR(msess_session_stop(r.s), 0);
    tu_event_log log = { .n = 0 };
    int i = tu_log_until(r.s, &log, MSESS_EVENT_STOPPED, EV_TIMEOUT);
    if (i < 0) {
        fprintf(stderr, "  no STOPPED after stop\n");
        tu_failures++;
    } else {
        CHECK_ERR(log.ev[i].status, 0);
    }
    CHECK_EQ(tu_log_count(&log, MSESS_EVENT_ENDED), 0);
    CHECK_EQ(tu_log_count(&log, MSESS_EVENT_ERROR), 0);
    /* stopped: nothing more is presented */
    size_t n1 = tu_recorder_count(&r.vrec);
    tu_sleep_ms(100);
    CHECK_EQ(tu_recorder_count(&r.vrec), n1);
    CHECK_EQ(msess_clock_get_state(msess_session_get_clock(r.s)), MSESS_CLOCK_STOPPED);

    size_t n;
    tu_frame *f = tu_recorder_copy(&r.vrec, &n);
    CHECK(n > 200);
    check_video_loops(f, n, 50);
    free(f);
    tu_run_close(&r);
}

int main(void)
{
    loop_twice();
    loop_once_mp4();
    loop_forever();
    return tu_result();
}

/* Integration: exact-frame seeking on av.mp4 (25 fps, GOP 12, 2 B-frames).
 *
 * - start(pos) from stopped, unclocked sinks: the first video frame is the
 *   one whose interval [n*40ms, (n+1)*40ms) holds pos, then every following
 *   frame in order; audio starts exactly at pos (trimmed).
 * - seeks while playing, while paused, and backwards, with clocked sinks on
 *   an application clock the test drives: while the clock is held nothing
 *   old is due, so every frame presented after the request must come from
 *   the new position.
 * - a position past the duration: STARTED(MSESS_EPOSITION), state unchanged. */
#include <stdlib.h>

#include "testutil.h"

#define SEC MSESS_TIME_PER_SECOND
#define MS MSESS_TIME_PER_MS
#define FRAME (40 * MS)
#define AAC_FRAME 1024
#define EV_TIMEOUT 20000

/* av.mp4 on the application clock, the topology READY. */
static void run_open(tu_run *r, bool clocked)
{
    tu_run_open(r, &(tu_run_opts){ .clip = "av.mp4", .clocked = clocked, .app_clock = true });
}

static void expect_started(msess_session *s, msess_time pos)
{
    msess_event ev;
    if (tu_expect_event(s, MSESS_EVENT_STARTED, 0, &ev, EV_TIMEOUT) == 0) {
        CHECK_EQ(ev.time, pos);
        msess_event_clear(&ev);
    }
}

/* Frames recorded with this marker. */
static tu_frame *frames_marked(tu_recorder *r, unsigned marker, size_t *n)
{
    size_t all;
    tu_frame *f = tu_recorder_copy(r, &all);
    size_t k = 0;
    for (size_t i = 0; i < all; i++)
        if (f[i].marker == marker)
            f[k++] = f[i];
    *n = k;
    return f;
}

/* ---- start(pos) from stopped, unclocked sinks: the whole rest of the clip */

static void seek_from_stopped(msess_time pos, int first)
{
    fprintf(stderr, "-- start(%.3f s) from stopped: first frame %d\n", (double)pos / SEC, first);
    tu_run r;
    run_open(&r, false);
    CHECK_ERR(msess_session_start(r.s, pos), 0);
    TU_EXPECT(r.s, { MSESS_EVENT_TOPOLOGY_STATUS, MSESS_TOPOSTATUS_STARTED_SOURCE },
              { MSESS_EVENT_CAPABILITIES_CHANGED, 0 });
    expect_started(r.s, pos);
    TU_EXPECT(r.s, { MSESS_EVENT_END_OF_PRESENTATION, 0 },
              { MSESS_EVENT_TOPOLOGY_STATUS, MSESS_TOPOSTATUS_ENDED },
              { MSESS_EVENT_CAPABILITIES_CHANGED, 0 }, { MSESS_EVENT_ENDED, 0 });

    size_t n;
    tu_frame *f = tu_recorder_copy(&r.vrec, &n);
    CHECK_EQ(n, 100 - first);
    if (n)
        CHECK_EQ(f[0].number, first);
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        int want = first + (int)i;
        if ((f[i].number != want || f[i].pts != (msess_time)want * FRAME || f[i].dropped) &&
            bad++ < 5)
            fprintf(stderr, "  video %zu: bar code %d pts %lld, want %d at %lld\n", i,
                    f[i].number, (long long)f[i].pts, want, (long long)want * FRAME);
    }
    CHECK_EQ(bad, 0);
    free(f);

    f = tu_recorder_copy(&r.arec, &n);
    CHECK(n > 0);
    if (n) {
        /* trimmed to the exact sample (pos is a whole number of samples at
         * 48 kHz); one tick of rounding allowed */
        if (llabs(f[0].pts - pos) > 1) {
            fprintf(stderr, "  first audio pts %lld, want %lld (%+.2f samples)\n",
                    (long long)f[0].pts, (long long)pos, (double)(f[0].pts - pos) * 48000 / SEC);
            tu_failures++;
        }
        int gaps = 0;
        for (size_t i = 1; i < n; i++)
            if (llabs(f[i].pts - (f[i - 1].pts + f[i - 1].duration)) > 1 && gaps++ < 3)
                fprintf(stderr, "  audio frame %zu at %lld, previous ends at %lld\n", i,
                        (long long)f[i].pts, (long long)(f[i - 1].pts + f[i - 1].duration));
        CHECK_EQ(gaps, 0);
    }
    free(f);
    msess_sink_stats st;
    msess_sink_get_stats(r.audio, &st);
    long long want = (long long)((4 * SEC - pos) * 48000 / SEC);
    if (llabs((long long)st.samples_rendered - want) > AAC_FRAME) {
        fprintf(stderr, "  audio: %llu samples rendered, want %lld +- %d\n",
                (unsigned long long)st.samples_rendered, want, AAC_FRAME);
        tu_failures++;
    }
    CHECK(llabs(st.first_pts - pos) <= 1);
    tu_run_close(&r);
}

/* ---- clocked sinks on the application clock */

/* Wait until a video frame with this marker covers the clock's position
 * (pts > position - one frame). */
static bool wait_due_frame(tu_run *r, unsigned marker, int timeout_ms)
{
    msess_time pos = 0;
    CHECK_ERR(msess_session_get_position(r->s, &pos), 0);
    int64_t end = tu_now_ms() + timeout_ms;
    do {
        size_t n;
        tu_frame *f = frames_marked(&r->vrec, marker, &n);
        bool ok = n && f[n - 1].pts > pos - FRAME;
        free(f);
        if (ok)
            return true;
        tu_sleep_ms(1);
    } while (tu_now_ms() < end);
    fprintf(stderr, "  no video frame presented for position %.3f s\n", (double)pos / SEC);
    tu_failures++;
    return false;
}

/* Present frames at the clock's pace: wait for the frame due now (with
 * this marker), then step the clock one frame; `frames` times. */
static void step_frames(tu_run *r, unsigned marker, int frames)
{
    for (int i = 0; i < frames; i++) {
        if (!wait_due_frame(r, marker, 5000))
            break;
        tu_fake_clock_advance(&r->clock, FRAME);
    }
    wait_due_frame(r, marker, 5000);
}

/* The frames presented since the marker: first `first`, then in order. */
static void check_marked(tu_run *r, unsigned marker, int first, const char *what)
{
    size_t n;
    tu_frame *f = frames_marked(&r->vrec, marker, &n);
    CHECK(n > 0);
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        int want = first + (int)i;
        if ((f[i].number != want || f[i].pts != (msess_time)want * FRAME || f[i].dropped) &&
            bad++ < 5)
            fprintf(stderr, "  %s: frame %zu after the request: bar code %d pts %lld%s, want %d\n",
                    what, i, f[i].number, (long long)f[i].pts, f[i].dropped ? " (dropped)" : "",
                    want);
    }
    if (bad)
        fprintf(stderr, "  %s: %d bad frames of %zu\n", what, bad, n);
    CHECK_EQ(bad, 0);
    free(f);
}

/* The audio presented since the marker starts exactly at pos. */
static void check_audio_marked(tu_run *r, unsigned marker, msess_time pos, const char *what)
{
    size_t n;
    tu_frame *f = frames_marked(&r->arec, marker, &n);
    CHECK(n > 0);
    if (n && llabs(f[0].pts - pos) > 1) {
        fprintf(stderr, "  %s: first audio pts %lld, want %lld (%+.2f samples)\n", what,
                (long long)f[0].pts, (long long)pos, (double)(f[0].pts - pos) * 48000 / SEC);
        tu_failures++;
    }
    for (size_t i = 1; i < n; i++)
        if (f[i].pts <= f[i - 1].pts) {
            fprintf(stderr, "  %s: audio pts not increasing at %zu\n", what, i);
            tu_failures++;
            break;
        }
    free(f);
}

/* Seek with the clock held, the recorders given a new `marker`: everything
 * presented after the request must come from the new position. */
static void seek_to(tu_run *r, unsigned marker, msess_time pos, int first, bool caps_change,
                    const char *what)
{
    fprintf(stderr, "-- %s: start(%.3f s), first frame %d\n", what, (double)pos / SEC, first);
    tu_recorder_mark(&r->vrec, marker);
    tu_recorder_mark(&r->arec, marker);
    CHECK_ERR(msess_session_start(r->s, pos), 0);
    if (caps_change)
        TU_EXPECT(r->s, { MSESS_EVENT_CAPABILITIES_CHANGED, 0 });
    expect_started(r->s, pos);
    msess_time p = -1;
    CHECK_ERR(msess_session_get_position(r->s, &p), 0);
    CHECK_EQ(p, pos);
    CHECK_EQ(msess_clock_get_state(msess_session_get_clock(r->s)), MSESS_CLOCK_RUNNING);
    step_frames(r, marker, 6);
    check_marked(r, marker, first, what);
    /* audio is due as the clock passes it; wait for some */
    tu_sleep_ms(50);
    check_audio_marked(r, marker, pos, what);
}

static void seek_while_playing(void)
{
    tu_run r;
    unsigned marker = 0;
    run_open(&r, true);
    CHECK_ERR(msess_session_start(r.s, 0), 0);
    TU_EXPECT(r.s, { MSESS_EVENT_TOPOLOGY_STATUS, MSESS_TOPOSTATUS_STARTED_SOURCE },
              { MSESS_EVENT_CAPABILITIES_CHANGED, 0 });
    expect_started(r.s, 0);
    /* a few frames at the clock's pace */
    step_frames(&r, marker, 5);
    check_marked(&r, marker, 0, "from 0");

    /* while playing (caps do not change: no CAPABILITIES_CHANGED) */
    seek_to(&r, ++marker, 2 * SEC, 50, false, "seek while playing");

    /* while paused */
    fprintf(stderr, "-- pause\n");
    marker++;
    tu_recorder_mark(&r.vrec, marker);
    CHECK_ERR(msess_session_pause(r.s), 0);
    TU_EXPECT(r.s, { MSESS_EVENT_CAPABILITIES_CHANGED, 0 }, { MSESS_EVENT_PAUSED, 0 });
    msess_time before = 0, after = 0;
    CHECK_ERR(msess_session_get_position(r.s, &before), 0);
    tu_fake_clock_advance(&r.clock, 10 * SEC); /* paused: the clock does not move */
    tu_sleep_ms(50);
    CHECK_ERR(msess_session_get_position(r.s, &after), 0);
    CHECK_EQ(after, before);
    size_t n;
    free(frames_marked(&r.vrec, marker, &n));
    CHECK_EQ(n, 0); /* nothing presented while paused */
    seek_to(&r, ++marker, 1 * SEC, 25, true, "seek while paused");

    /* forward then back */
    seek_to(&r, ++marker, 3 * SEC, 75, false, "seek forward");
    seek_to(&r, ++marker, 5 * SEC / 10, 12, false, "seek back");

    /* a position past the duration: refused, playback goes on untouched */
    fprintf(stderr, "-- start(10 s) while playing\n");
    size_t had = tu_recorder_count(&r.vrec);
    msess_event ev;
    CHECK_ERR(msess_session_start(r.s, 10 * SEC), 0);
    if (tu_expect_event(r.s, MSESS_EVENT_STARTED, MSESS_EPOSITION, &ev, EV_TIMEOUT) == 0) {
        CHECK_EQ(ev.time, 10 * SEC);
        CHECK(ev.message[0] != 0);
        msess_event_clear(&ev);
    }
    CHECK_EQ(msess_clock_get_state(msess_session_get_clock(r.s)), MSESS_CLOCK_RUNNING);
    uint32_t caps = 0;
    CHECK_ERR(msess_session_get_capabilities(r.s, &caps), 0);
    CHECK(caps & MSESS_CAP_PAUSE); /* still started */
    step_frames(&r, marker, 3);
    size_t all;
    tu_frame *f = tu_recorder_copy(&r.vrec, &all);
    CHECK(all >= had + 3);
    /* the frames go on from where they were (no flush, no jump) */
    for (size_t i = had; i < all && had > 0; i++)
        if (f[i].number != f[i - 1].number + 1) {
            fprintf(stderr, "  after a refused start: frame %d follows %d\n", f[i].number,
                    f[i - 1].number);
            tu_failures++;
            break;
        }
    free(f);
    tu_run_close(&r);
}

/* From stopped: a position past the end (or negative) is refused and the
 * session stays stopped; a later start works normally. */
static void bad_position_from_stopped(void)
{
    fprintf(stderr, "-- start(past the end) from stopped\n");
    tu_run r;
    run_open(&r, false);
    CHECK_ERR(msess_session_start(r.s, 10 * SEC), 0);
    TU_EXPECT(r.s, { MSESS_EVENT_STARTED, MSESS_EPOSITION });
    CHECK_ERR(msess_session_start(r.s, -SEC), 0);
    TU_EXPECT(r.s, { MSESS_EVENT_STARTED, MSESS_EPOSITION });
    CHECK_EQ(msess_clock_get_state(msess_session_get_clock(r.s)), MSESS_CLOCK_STOPPED);
    tu_sleep_ms(50);
    CHECK_EQ(tu_recorder_count(&r.vrec), 0);
    uint32_t caps = 0;
    CHECK_ERR(msess_session_get_capabilities(r.s, &caps), 0);
    CHECK(!(caps & MSESS_CAP_PAUSE));
    CHECK(caps & MSESS_CAP_START);
    /* the duration itself is still a valid position */
    CHECK(msess_session_get_duration(r.s) == 4 * SEC);
    tu_run_start(&r, MSESS_TIME_NONE);
    CHECK_EQ(tu_wait_for(r.s, MSESS_EVENT_ENDED, NULL, EV_TIMEOUT), 0);
    size_t n;
    tu_frame *f = tu_recorder_copy(&r.vrec, &n);
    CHECK_EQ(n, 100);
    if (n)
        CHECK_EQ(f[0].number, 0);
    free(f);
    tu_run_close(&r);
}

int main(void)
{
    /* 1.30 s lies in frame 32's interval [1.28, 1.32) */
    seek_from_stopped(13 * SEC / 10, 32);
    /* exactly on a frame boundary */
    seek_from_stopped(12 * SEC / 10, 30);
    seek_from_stopped(0, 0);
    /* inside GOPs (keyframes every 12 frames), on B- and P-frames */
    seek_from_stopped(62 * SEC / 100, 15);
    seek_from_stopped(287 * SEC / 100, 71);
    seek_from_stopped(2 * SEC + 10 * MS, 50);
    /* the last frame */
    seek_from_stopped(396 * SEC / 100, 99);
    seek_while_playing();
    bad_position_from_stopped();
    return tu_result();
}

/* Integration: plain playback of the generated clips from start to end.
 * Checks the exact Media Foundation event order, that every video frame
 * arrives once and in order (bar codes), exact video timestamps, the amount
 * and continuity of audio, and that sink statistics agree with what the
 * frame callbacks saw. */
#include <stdlib.h>

#include "testutil.h"

#define SEC MSESS_TIME_PER_SECOND
#define MS MSESS_TIME_PER_MS
#define AAC_FRAME 1024
#define EV_TIMEOUT 20000

static msess_time iabs64(msess_time v)
{
    return v < 0 ? -v : v;
}

typedef struct clip_expect {
    const char *name;
    int video_frames;         /* 0: no video stream */
    msess_rational fps;       /* video frame rate */
    msess_time video_pts_tol; /* allowed |pts - n/fps| in ticks */
    msess_time video_offset;  /* expected pts of frame 0 */
    int64_t audio_samples;    /* 0: no audio stream */
    int64_t audio_tol;        /* allowed |samples - audio_samples| */
    int sample_rate;
} clip_expect;

/* The topology is set by run_start, which checks the events in detail. */
static void run_open(tu_run *r, const char *name, bool clocked)
{
    tu_run_open(r, &(tu_run_opts){ .clip = name, .clocked = clocked, .defer_set = true });
}

/* Set the topology and start from 0, checking the exact event sequence. */
static void run_start(tu_run *r)
{
    msess_event ev;
    CHECK_ERR(msess_session_set_topology(r->s, 0, r->topo), 0);
    if (tu_expect_event(r->s, MSESS_EVENT_TOPOLOGY_SET, 0, &ev, EV_TIMEOUT) == 0) {
        CHECK(ev.topology != NULL);
        /* the resolved topology keeps the partial one's node ids */
        if (ev.topology)
            CHECK(msess_topology_find_node(ev.topology,
                                           msess_node_id(msess_topology_node(r->topo, 0))) != NULL);
        msess_event_clear(&ev);
    }
    if (tu_expect_event(r->s, MSESS_EVENT_NOTIFY_PRESENTATION_TIME, 0, &ev, EV_TIMEOUT) == 0) {
        CHECK_EQ(ev.time, 0);
        msess_event_clear(&ev);
    }
    if (tu_expect_event(r->s, MSESS_EVENT_CAPABILITIES_CHANGED, 0, &ev, EV_TIMEOUT) == 0) {
        CHECK(ev.caps & MSESS_CAP_START);
        CHECK(ev.caps & MSESS_CAP_SEEK);
        CHECK(!(ev.caps & MSESS_CAP_PAUSE));
        msess_event_clear(&ev);
    }
    TU_EXPECT(r->s, { MSESS_EVENT_TOPOLOGY_STATUS, MSESS_TOPOSTATUS_READY });
    CHECK(msess_session_get_duration(r->s) != MSESS_TIME_NONE);

    CHECK_ERR(msess_session_start(r->s, MSESS_TIME_NONE), 0);
    TU_EXPECT(r->s, { MSESS_EVENT_TOPOLOGY_STATUS, MSESS_TOPOSTATUS_STARTED_SOURCE });
    if (tu_expect_event(r->s, MSESS_EVENT_CAPABILITIES_CHANGED, 0, &ev, EV_TIMEOUT) == 0) {
        CHECK(ev.caps & MSESS_CAP_PAUSE);
        CHECK(ev.caps_delta & MSESS_CAP_PAUSE);
        msess_event_clear(&ev);
    }
    TU_EXPECT(r->s, { MSESS_EVENT_STARTED, 0 });
}

/* Expect the end-of-playback sequence, exactly. */
static void run_expect_end(tu_run *r, int timeout_ms)
{
    tu_expect(r->s,
              (const tu_ev[]){ { MSESS_EVENT_END_OF_PRESENTATION, 0 },
                               { MSESS_EVENT_TOPOLOGY_STATUS, MSESS_TOPOSTATUS_ENDED },
                               { MSESS_EVENT_CAPABILITIES_CHANGED, 0 },
                               { MSESS_EVENT_ENDED, 0 } },
              4, timeout_ms);
}

/* Video: frames 0..n-1 once each, in order, exact pts and durations; stats agree. */
static void check_video(tu_run *r, const clip_expect *e)
{
    size_t n;
    tu_frame *f = tu_recorder_copy(&r->vrec, &n);
    CHECK_EQ(n, e->video_frames);
    int bad_num = 0, bad_pts = 0, bad_dur = 0, dropped = 0;
    msess_time frame_dur = (msess_time)((double)SEC * e->fps.den / e->fps.num + 0.5);
    for (size_t i = 0; i < n; i++) {
        double exact = (double)e->video_offset + (double)i * SEC * e->fps.den / e->fps.num;
        if (f[i].number != (int)i && bad_num++ < 5)
            fprintf(stderr, "%s: video frame %zu has bar code %d\n", e->name, i, f[i].number);
        if (iabs64(f[i].pts - (msess_time)(exact + 0.5)) > e->video_pts_tol && bad_pts++ < 5)
            fprintf(stderr, "%s: video frame %zu pts %lld, want %.1f\n", e->name, i,
                    (long long)f[i].pts, exact);
        if (iabs64(f[i].duration - frame_dur) > e->video_pts_tol + 1 && bad_dur++ < 5)
            fprintf(stderr, "%s: video frame %zu duration %lld, want %lld\n", e->name, i,
                    (long long)f[i].duration, (long long)frame_dur);
        dropped += f[i].dropped;
    }
    CHECK_EQ(bad_num, 0);
    CHECK_EQ(bad_pts, 0);
    CHECK_EQ(bad_dur, 0);
    CHECK_EQ(dropped, 0);

    msess_sink_stats st;
    msess_sink_get_stats(r->video, &st);
    CHECK_EQ(st.frames_received, n);
    CHECK_EQ(st.frames_presented, n);
    CHECK_EQ(st.frames_dropped, 0);
    CHECK_EQ(st.samples_rendered, 0);
    if (n) {
        CHECK_EQ(st.first_pts, f[0].pts);
        CHECK_EQ(st.last_pts, f[n - 1].pts);
        CHECK_EQ(st.end_time, f[n - 1].pts + f[n - 1].duration);
    } else {
        CHECK_EQ(st.first_pts, MSESS_TIME_NONE);
        CHECK_EQ(st.last_pts, MSESS_TIME_NONE);
    }
    free(f);
}

/* Audio: amount, rate, contiguous timestamps; stats agree. */
static void check_audio(tu_run *r, const clip_expect *e)
{
    size_t n;
    tu_frame *f = tu_recorder_copy(&r->arec, &n);
    int64_t samples = 0;
    int gaps = 0, bad_dur = 0, dropped = 0;
    for (size_t i = 0; i < n; i++) {
        samples += f[i].samples;
        dropped += f[i].dropped;
        /* duration matches the sample count (rounded to ticks) */
        msess_time want = (msess_time)((double)f[i].samples * SEC / e->sample_rate + 0.5);
        if (iabs64(f[i].duration - want) > 1 && bad_dur++ < 5)
            fprintf(stderr, "%s: audio frame %zu: %d samples lasting %lld ticks\n", e->name, i,
                    f[i].samples, (long long)f[i].duration);
        if (i && iabs64(f[i].pts - (f[i - 1].pts + f[i - 1].duration)) > 1 && gaps++ < 5)
            fprintf(stderr, "%s: audio frame %zu pts %lld, previous ends at %lld\n", e->name, i,
                    (long long)f[i].pts, (long long)(f[i - 1].pts + f[i - 1].duration));
    }
    if (e->audio_samples) {
        CHECK(n > 0);
        if (llabs(samples - e->audio_samples) > e->audio_tol) {
            fprintf(stderr, "%s: %lld audio samples, want %lld +- %lld\n", e->name,
                    (long long)samples, (long long)e->audio_samples, (long long)e->audio_tol);
            tu_failures++;
        }
        /* the first sample is at the start of the presentation */
        if (n && iabs64(f[0].pts) > AAC_FRAME * SEC / e->sample_rate) {
            fprintf(stderr, "%s: first audio pts %lld\n", e->name, (long long)f[0].pts);
            tu_failures++;
        }
    } else {
        CHECK_EQ(n, 0);
    }
    CHECK_EQ(gaps, 0);
    CHECK_EQ(bad_dur, 0);
    CHECK_EQ(dropped, 0);

    msess_sink_stats st;
    msess_sink_get_stats(r->audio, &st);
    CHECK_EQ(st.frames_received, n);
    CHECK_EQ(st.frames_presented, n);
    CHECK_EQ(st.frames_dropped, 0);
    CHECK_EQ(st.samples_rendered, samples);
    CHECK_EQ(st.samples_rendered, (long long)r->arec.samples);
    if (n) {
        CHECK_EQ(st.sample_rate, e->sample_rate);
        CHECK_EQ(st.first_pts, f[0].pts);
        CHECK_EQ(st.last_pts, f[n - 1].pts);
        CHECK_EQ(st.end_time, f[n - 1].pts + f[n - 1].duration);
    }
    free(f);
}

static void play_unclocked(const clip_expect *e)
{
    fprintf(stderr, "-- %s (unclocked)\n", e->name);
    tu_run r;
    run_open(&r, e->name, false);
    run_start(&r);
    run_expect_end(&r, EV_TIMEOUT);
    check_video(&r, e);
    check_audio(&r, e);
    /* nothing follows ENDED */
    msess_event ev;
    if (tu_next_event(r.s, &ev, 200) >= 0) {
        fprintf(stderr, "%s: unexpected %s after ENDED\n", e->name, msess_event_type_name(ev.type));
        tu_failures++;
        msess_event_clear(&ev);
    }
    tu_run_close(&r);
}

/* A real-time run: every frame is presented or dropped, in order, and the
 * run cannot be faster than the clock. */
static void play_clocked_av2(void)
{
    fprintf(stderr, "-- av2.mkv (clocked, real time)\n");
    tu_run r;
    run_open(&r, "av2.mkv", true);
    int64_t t0 = tu_now_ms();
    run_start(&r);
    run_expect_end(&r, EV_TIMEOUT);
    int64_t elapsed = tu_now_ms() - t0;
    if (elapsed < 1500) {
        fprintf(stderr, "av2.mkv clocked: ended after %lld ms, faster than real time\n",
                (long long)elapsed);
        tu_failures++;
    }
    size_t n;
    tu_frame *f = tu_recorder_copy(&r.vrec, &n);
    CHECK_EQ(n, 50);
    int presented = 0, dropped = 0, bad = 0;
    for (size_t i = 0; i < n; i++) {
        if (f[i].number != (int)i && bad++ < 5)
            fprintf(stderr, "av2.mkv clocked: frame %zu has bar code %d\n", i, f[i].number);
        if (i && f[i].pts <= f[i - 1].pts && bad++ < 5)
            fprintf(stderr, "av2.mkv clocked: pts not increasing at %zu\n", i);
        presented += !f[i].dropped;
        dropped += f[i].dropped;
    }
    CHECK_EQ(bad, 0);
    CHECK_EQ(presented + dropped, 50);
    CHECK(presented > 0);
    msess_sink_stats st;
    msess_sink_get_stats(r.video, &st);
    CHECK_EQ(st.frames_presented, presented);
    CHECK_EQ(st.frames_dropped, dropped);
    CHECK_EQ(st.frames_received, 50);
    /* audio: all of it, ~2 s plus the 1024 priming samples mkv keeps */
    msess_sink_get_stats(r.audio, &st);
    CHECK(llabs((long long)st.samples_rendered - 96000) <= 2 * AAC_FRAME + 256);
    free(f);
    tu_run_close(&r);
}

/* short-audio.mp4: video 3 s, audio 1.5 s. The presentation lasts as long
 * as the longest stream. */
static void play_short_audio(void)
{
    fprintf(stderr, "-- short-audio.mp4\n");
    tu_run r;
    run_open(&r, "short-audio.mp4", false);
    run_start(&r);
    run_expect_end(&r, EV_TIMEOUT);
    size_t n;
    tu_frame *f = tu_recorder_copy(&r.vrec, &n);
    CHECK_EQ(n, 75);
    int bad = 0;
    for (size_t i = 0; i < n; i++)
        bad += f[i].number != (int)i || f[i].pts != (msess_time)i * 400000;
    CHECK_EQ(bad, 0);
    free(f);
    msess_sink_stats vs, as;
    msess_sink_get_stats(r.video, &vs);
    msess_sink_get_stats(r.audio, &as);
    CHECK_EQ(vs.frames_presented, 75);
    CHECK_EQ(vs.end_time, 3 * SEC);
    CHECK(llabs((long long)as.samples_rendered - 72000) <= AAC_FRAME);
    CHECK(iabs64(as.end_time - 15 * SEC / 10) <= AAC_FRAME * SEC / 48000);
    CHECK_EQ(as.sample_rate, 48000);
    tu_run_close(&r);
}

/* short-video.mkv: video 1 s, audio 2.5 s: ENDED only once the audio is
 * all rendered, and nothing is rendered after it. */
static void play_short_video(void)
{
    fprintf(stderr, "-- short-video.mkv\n");
    tu_run r;
    run_open(&r, "short-video.mkv", false);
    run_start(&r);
    run_expect_end(&r, EV_TIMEOUT);
    msess_sink_stats vs, as, as2;
    msess_sink_get_stats(r.video, &vs);
    msess_sink_get_stats(r.audio, &as);
    CHECK_EQ(vs.frames_presented, 25);
    /* mkv: all streams shifted by the 1024 AAC priming samples (21 ms) */
    CHECK(iabs64(vs.end_time - 1 * SEC) <= 22 * MS);
    CHECK(llabs((long long)as.samples_rendered - 120000) <= 2 * AAC_FRAME + 256);
    CHECK(iabs64(as.end_time - 25 * SEC / 10) <= 2 * AAC_FRAME * SEC / 48000);
    CHECK(as.end_time > vs.end_time + SEC);
    tu_sleep_ms(100);
    msess_sink_get_stats(r.audio, &as2);
    CHECK_EQ(as2.samples_rendered, as.samples_rendered);
    size_t n;
    tu_frame *f = tu_recorder_copy(&r.vrec, &n);
    int bad = 0;
    for (size_t i = 0; i < n; i++)
        bad += f[i].number != (int)i;
    CHECK_EQ(bad, 0);
    free(f);
    tu_run_close(&r);
}

/* Frames recorded from index `from` on are exactly 0..want-1. */
static void check_replayed(tu_recorder *rec, size_t from, int want, const char *what)
{
    size_t n;
    tu_frame *f = tu_recorder_copy(rec, &n);
    size_t got = n > from ? n - from : 0;
    int bad = 0;
    for (size_t i = from; i < n; i++)
        if (f[i].number != (int)(i - from) && bad++ < 3)
            fprintf(stderr, "  %s: frame %zu has bar code %d\n", what, i - from, f[i].number);
    if ((int)got != want || bad) {
        fprintf(stderr, "  %s: %zu frames (want %d), %d out of place\n", what, got, want, bad);
        tu_failures++;
    }
    free(f);
}

/* Playing again: start after ENDED plays the topology again from 0 (the
 * session is stopped: "resume ... from 0 when stopped"), and a source can
 * be played again by a new session. */
static void replay(void)
{
    fprintf(stderr, "-- av.mp4: replay after ENDED\n");
    tu_run r;
    run_open(&r, "av.mp4", false);
    run_start(&r);
    run_expect_end(&r, EV_TIMEOUT);
    check_replayed(&r.vrec, 0, 100, "first run");
    for (int i = 0; i < 2; i++) {
        size_t from = tu_recorder_count(&r.vrec);
        CHECK_ERR(msess_session_start(r.s, i ? 0 : MSESS_TIME_NONE), 0);
        tu_event_log log = { .n = 0 };
        int st = tu_log_until(r.s, &log, MSESS_EVENT_STARTED, EV_TIMEOUT);
        CHECK(st >= 0 && log.ev[st].status == 0);
        CHECK(tu_log_until(r.s, &log, MSESS_EVENT_ENDED, EV_TIMEOUT) >= 0);
        check_replayed(&r.vrec, from, 100, i ? "start(0) after ENDED" : "start(NONE) after ENDED");
    }
    msess_session_destroy(&r.s);

    /* the same source in a new session and topology */
    fprintf(stderr, "-- av.mp4: the same source played by a new session\n");
    msess_topology_destroy(&r.topo);
    CHECK_ERR(msess_topology_create_simple(&r.topo, r.src, r.video, r.audio), 0);
    CHECK_ERR(msess_session_create(&r.s, NULL), 0);
    size_t from = tu_recorder_count(&r.vrec);
    run_start(&r);
    run_expect_end(&r, EV_TIMEOUT);
    check_replayed(&r.vrec, from, 100, "new session");
    tu_run_close(&r);
}

int main(void)
{
    static const clip_expect av = {
        .name = "av.mp4", .video_frames = 100, .fps = { 25, 1 }, .video_pts_tol = 0,
        .audio_samples = 192000, .audio_tol = AAC_FRAME, .sample_rate = 48000,
    };
    static const clip_expect video_only = {
        /* Matroska stores milliseconds: 30 fps timestamps are rounded to
         * 1 ms (33, 67, 100 ms, ...), so n/30 s holds within 0.5 ms. */
        .name = "video-only.mkv", .video_frames = 60, .fps = { 30, 1 },
        .video_pts_tol = 5 * MS / 10 + 1,
    };
    static const clip_expect audio_only = {
        .name = "audio-only.wav", .audio_samples = 88200, .audio_tol = 0, .sample_rate = 44100,
    };
    static const clip_expect hd = {
        .name = "hd.mp4", .video_frames = 60, .fps = { 30, 1 }, .video_pts_tol = 1,
        .audio_samples = 96000, .audio_tol = AAC_FRAME, .sample_rate = 48000,
    };
    play_unclocked(&av);
    play_unclocked(&video_only);
    play_unclocked(&audio_only);
    play_unclocked(&hd);
    play_short_audio();
    play_short_video();
    play_clocked_av2();
    replay();
    return tu_result();
}

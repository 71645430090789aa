/* Integration: sinks the application drives from its own loop.
 *
 * App video sink: acquire(t) for t in steps of one frame gives the frame
 * whose number is t / 40 ms (bar code), MSESS_EAGAIN when asked again at
 * the same t or before the next frame is due, drops (and counts) frames
 * skipped when t jumps ahead, MSESS_EOF after the last frame. Passthrough
 * of the decoder's YUV420P, and RGBA through an inserted converter.
 *
 * App audio sink: all of av.mp4's audio (~192000 sample frames of a 1 kHz
 * sine) at 48 kHz stereo float, and converted to 44.1 kHz mono S16;
 * MSESS_EOF at the end; with CLOCK_SOURCE_AUTO the presentation clock
 * follows what the application read. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "framecode.h"
#include "testutil.h"

#define SEC MSESS_TIME_PER_SECOND
#define MS MSESS_TIME_PER_MS
#define FRAME (40 * MS)
#define AAC_FRAME 1024
#define EV_TIMEOUT 20000

/* av.mp4 into the test's sink (tu_run_close destroys it), on r->clock when
 * app_clock; started at 0. */
static void run_open(tu_run *r, msess_sink *video, msess_sink *audio, bool app_clock)
{
    tu_run_open(r, &(tu_run_opts){ .clip = "av.mp4", .video = video, .audio = audio,
                                   .app_clock = app_clock });
    tu_run_start(r, 0);
}

/* ---- video */

/* Bar code of an acquired frame: the luma plane for YUV, or the red
 * channel of a grey picture for RGBA. -1 when unreadable. */
static int frame_number(const msess_video_frame *f)
{
    uint32_t n;
    if (f->format == MSESS_PIX_RGBA) {
        uint8_t *y = malloc((size_t)f->width * f->height);
        if (!y)
            return -1;
        for (int r = 0; r < f->height; r++)
            for (int c = 0; c < f->width; c++)
                y[(size_t)r * f->width + c] = f->data[0][(size_t)r * f->linesize[0] + 4 * c];
        int ret = framecode_read(y, f->width, f->width, f->height, &n);
        free(y);
        return ret ? -1 : (int)n;
    }
    return framecode_read(f->data[0], f->linesize[0], f->width, f->height, &n) ? -1 : (int)n;
}

/* acquire(t), retrying while the decoder has not delivered yet
 * (MSESS_EAGAIN); gives up after timeout_ms and returns the last result. */
static int acquire_wait(msess_sink *v, msess_time t, msess_video_frame *f, int timeout_ms)
{
    int64_t end = tu_now_ms() + timeout_ms;
    int ret;
    while ((ret = msess_app_video_acquire(v, t, f)) == MSESS_EAGAIN && tu_now_ms() < end)
        tu_sleep_ms(1);
    return ret;
}

static bool plane_has_data(const msess_video_frame *f)
{
    for (int r = 0; r < f->height; r++)
        for (int c = 0; c < f->width * 4; c++)
            if (f->data[0][(size_t)r * f->linesize[0] + c])
                return true;
    return false;
}

/* Whether the resolved topology holds a converter producing `fmt`. */
static bool has_converter(msess_session *s, enum msess_pixel_format fmt)
{
    msess_topology *t = NULL;
    if (msess_session_get_full_topology(s, 0, &t) < 0)
        return false;
    bool found = false;
    for (unsigned i = 0; i < msess_topology_node_count(t); i++) {
        msess_node *n = msess_topology_node(t, i);
        msess_media_type mt;
        if (msess_node_get_type(n) == MSESS_NODE_TRANSFORM &&
            msess_node_transform_kind(n) == MSESS_TRANSFORM_CONVERTER &&
            msess_node_output_type(n, &mt) == 0 && mt.pixel_format == fmt)
            found = true;
    }
    msess_topology_destroy(&t);
    return found;
}

/* Step t one frame at a time through the clip (jumping `jump_frames`
 * frames ahead once at frame `jump_at`, if > 0), checking every frame. */
static void video_walk(const enum msess_pixel_format *formats, int queue_frames, int jump_at,
                       int jump_frames)
{
    enum msess_pixel_format want = formats ? formats[0] : MSESS_PIX_YUV420P;
    fprintf(stderr, "-- app video sink, %s, queue %d%s\n", msess_pixel_format_name(want),
            queue_frames, jump_at > 0 ? ", with a jump" : "");
    msess_app_video_settings vs;
    msess_app_video_default_settings(&vs);
    CHECK(vs.formats == NULL && vs.queue_frames == 3);
    vs.formats = formats;
    if (queue_frames)
        vs.queue_frames = queue_frames;
    msess_sink *v = NULL;
    CHECK_ERR(msess_app_video_sink_create(&v, &vs), 0);
    CHECK_EQ(msess_sink_kind(v), MSESS_MEDIA_VIDEO);
    tu_run r;
    run_open(&r, v, NULL, true);
    CHECK_EQ(has_converter(r.s, MSESS_PIX_RGBA), formats && formats[0] == MSESS_PIX_RGBA);

    int bad = 0, presented = 0, skipped = 0;
    for (int k = 0; k < 100; k++) {
        if (jump_at > 0 && k == jump_at) {
            /* the application falls behind: let the queue fill, jump */
            tu_sleep_ms(200);
            k += jump_frames - 1;
            skipped += jump_frames - 1;
        }
        msess_time t = (msess_time)k * FRAME;
        msess_video_frame f;
        memset(&f, 0, sizeof(f));
        int ret = acquire_wait(v, t, &f, 5000);
        if (ret != 0) {
            fprintf(stderr, "  acquire(%.3f s): %s\n", (double)t / SEC, msess_error_name(ret));
            tu_failures++;
            break;
        }
        presented++;
        if (jump_at > 0 && k == jump_at + jump_frames - 1) {
            /* Fallen behind by more than the queue: acquire never blocks, so
             * it hands out the newest decoded frame that is due, and newer
             * ones on the next calls as the decoder catches up, never one
             * past t and never one twice, until the frame due at t. */
            int last = frame_number(&f);
            msess_video_frame g;
            while (last < k && (ret = acquire_wait(v, t, &g, 5000)) == 0) {
                msess_app_video_release(v, &f);
                f = g;
                int num = frame_number(&f);
                if (num <= last || num > k) {
                    fprintf(stderr, "  catching up at %.3f s: frame %d after %d\n",
                            (double)t / SEC, num, last);
                    tu_failures++;
                    break;
                }
                last = num;
                presented++;
            }
            CHECK_EQ(last, k);
        }
        int num = frame_number(&f);
        if ((num != k || f.pts != t || f.duration != FRAME || f.format != want ||
             f.width != 320 || f.height != 240 || !f.data[0] || f.linesize[0] <= 0) &&
            bad++ < 5)
            fprintf(stderr, "  acquire(%.3f s): frame %d pts %lld dur %lld %s %dx%d\n",
                    (double)t / SEC, num, (long long)f.pts, (long long)f.duration,
                    msess_pixel_format_name(f.format), f.width, f.height);
        if (k == 0 || k == 50) {
            CHECK(f.linesize[0] >= f.width * (want == MSESS_PIX_RGBA ? 4 : 1));
            if (want == MSESS_PIX_RGBA)
                CHECK(plane_has_data(&f));
            else
                CHECK(f.data[1] && f.data[2]); /* three planes */
        }
        /* the same t again: that frame is still the right one */
        msess_video_frame g;
        CHECK_ERR(msess_app_video_acquire(v, t, &g), MSESS_EAGAIN);
        /* half-way to the next frame: still nothing new */
        if (k < 99)
            CHECK_ERR(msess_app_video_acquire(v, t + FRAME / 2, &g), MSESS_EAGAIN);
        msess_app_video_release(v, &f);
        CHECK(f.priv_ == NULL);
        msess_app_video_release(v, &f); /* a second release is harmless */
        if (ret == 0 && jump_at > 0 && k == jump_at + jump_frames - 1) {
            /* what the application got after jumping must be the frame due
             * (retrying never gives another one for the same t) */
            int extra = 0;
            for (int i = 0; i < 20; i++) {
                if (msess_app_video_acquire(v, t, &g) == 0) {
                    fprintf(stderr, "  acquire(%.3f s) again after the jump: frame %d\n",
                            (double)t / SEC, frame_number(&g));
                    msess_app_video_release(v, &g);
                    extra++;
                }
                tu_sleep_ms(5);
            }
            CHECK_EQ(extra, 0);
        }
    }
    CHECK_EQ(bad, 0);

    /* the last frame (3.96 s) lasts until 4 s; then the end */
    msess_video_frame f;
    CHECK_ERR(msess_app_video_acquire(v, 398 * SEC / 100, &f), MSESS_EAGAIN);
    int ret = acquire_wait(v, 4 * SEC, &f, 5000);
    CHECK_ERR(ret, MSESS_EOF);
    if (ret == 0)
        msess_app_video_release(v, &f);
    CHECK_EQ(tu_wait_for(r.s, MSESS_EVENT_ENDED, NULL, EV_TIMEOUT), 0);

    msess_sink_stats st;
    msess_sink_get_stats(v, &st);
    CHECK_EQ(st.frames_presented, presented);
    CHECK_EQ(st.frames_dropped, 100 - presented);
    CHECK(presented <= 100 - skipped + 3); /* a jump skips at least what it jumped */
    CHECK_EQ(st.frames_received, 100);
    CHECK_EQ(st.last_pts, 99 * FRAME);
    CHECK_EQ(st.end_time, 100 * FRAME);
    tu_run_close(&r);
}

/* ---- audio */

/* Read everything as a mixer would until MSESS_EOF: 10 ms chunks with a
 * short sleep between while data flows, one mixer period (20 ms) after a
 * short read. Returns the frames read; *underruns counts short reads that
 * more data followed (the docs allow short reads only while nothing plays
 * or at the end). */
static size_t audio_read_all(msess_sink *a, uint8_t *buf, size_t cap_frames, int frame_bytes,
                             int chunk, bool *got_eof, int *underruns)
{
    size_t total = 0;
    int64_t end = tu_now_ms() + 20000;
    int zero_run = 0;
    bool short_pending = false;
    *got_eof = false;
    *underruns = 0;
    while (tu_now_ms() < end && total + (size_t)chunk <= cap_frames) {
        int ret = msess_app_audio_read(a, buf + total * (size_t)frame_bytes, chunk);
        if (ret == MSESS_EOF) {
            *got_eof = true;
            break;
        }
        if (ret < 0) {
            fprintf(stderr, "  app audio read: %s\n", msess_error_name(ret));
            tu_failures++;
            break;
        }
        if (ret > 0 && short_pending) {
            fprintf(stderr, "  app audio: short read mid-stream, at sample frame %zu\n", total);
            (*underruns)++;
        }
        short_pending = ret < chunk;
        total += (size_t)ret;
        zero_run = ret ? 0 : zero_run + 1;
        if (zero_run > 100) /* 2 s without a sample and without EOF */
            break;
        tu_sleep_ms(short_pending ? 20 : 1);
    }
    return total;
}

/* Frequency of a sine from its rising zero crossings, over [from, to). */
static double sine_freq(const double *x, size_t from, size_t to, int rate)
{
    int crossings = 0;
    size_t first = 0, last = 0;
    for (size_t i = from + 1; i < to; i++)
        if (x[i - 1] < 0 && x[i] >= 0) {
            if (!crossings)
                first = i;
            last = i;
            crossings++;
        }
    if (crossings < 2)
        return 0;
    return (double)(crossings - 1) * rate / (double)(last - first);
}

static void check_sine(const double *x, size_t n, int rate, double min_amp, const char *what)
{
    /* skip 50 ms at each end (priming, padding, resampler edges) */
    size_t skip = (size_t)rate / 20;
    if (n <= 2 * skip) {
        fprintf(stderr, "  %s: only %zu samples\n", what, n);
        tu_failures++;
        return;
    }
    double f = sine_freq(x, skip, n - skip, rate);
    double peak = 0;
    for (size_t i = skip; i < n - skip; i++)
        peak = fmax(peak, fabs(x[i]));
    if (fabs(f - 1000.0) > 10.0 || peak < min_amp) {
        fprintf(stderr, "  %s: %.2f Hz, peak %.4f (want 1000 Hz +- 1%%, peak >= %g)\n", what, f,
                peak, min_amp);
        tu_failures++;
    }
}

static void audio_float_stereo(void)
{
    fprintf(stderr, "-- app audio sink, 48 kHz stereo float\n");
    msess_app_audio_settings as;
    msess_app_audio_default_settings(&as);
    CHECK_EQ(as.sample_rate, 48000);
    CHECK_EQ(as.channels, 2);
    CHECK_EQ(as.format, MSESS_SAMPLE_FLT);
    msess_sink *a = NULL;
    CHECK_ERR(msess_app_audio_sink_create(&a, &as), 0);
    CHECK_EQ(msess_sink_kind(a), MSESS_MEDIA_AUDIO);
    tu_run r;
    run_open(&r, NULL, a, false);
    size_t cap = 6 * 48000;
    float *buf = calloc(cap * 2, sizeof(float));
    bool eof;
    int underruns;
    size_t n = audio_read_all(a, (uint8_t *)buf, cap, 2 * (int)sizeof(float), 480, &eof,
                              &underruns);
    if (!eof) {
        fprintf(stderr, "  no MSESS_EOF after the last sample (%zu read)\n", n);
        tu_failures++;
    }
    /* Short reads happen when the decoder is behind (valgrind, a loaded
     * machine); what counts is that no sample is lost or repeated. */
    if (underruns)
        fprintf(stderr, "  (%d short reads while the decoder caught up)\n", underruns);
    if (llabs((long long)n - 192000) > AAC_FRAME) {
        fprintf(stderr, "  %zu sample frames, want 192000 +- %d\n", n, AAC_FRAME);
        tu_failures++;
    }
    double *x = calloc(n ? n : 1, sizeof(double));
    for (int ch = 0; ch < 2 && x; ch++) {
        for (size_t i = 0; i < n; i++)
            x[i] = buf[2 * i + (size_t)ch];
        check_sine(x, n, 48000, 0.1, ch ? "right" : "left");
    }
    free(x);
    free(buf);
    msess_sink_stats st;
    msess_sink_get_stats(a, &st);
    CHECK_EQ(st.samples_rendered, n);
    CHECK_EQ(st.sample_rate, 48000);
    CHECK_EQ(tu_wait_for(r.s, MSESS_EVENT_ENDED, NULL, EV_TIMEOUT), 0);
    tu_run_close(&r);
}

static void audio_s16_mono(void)
{
    fprintf(stderr, "-- app audio sink, 44.1 kHz mono S16 (converted)\n");
    msess_app_audio_settings as;
    msess_app_audio_default_settings(&as);
    as.sample_rate = 44100;
    as.channels = 1;
    as.format = MSESS_SAMPLE_S16;
    msess_sink *a = NULL;
    CHECK_ERR(msess_app_audio_sink_create(&a, &as), 0);
    tu_run r;
    run_open(&r, NULL, a, false);
    size_t cap = 6 * 44100;
    int16_t *buf = calloc(cap, sizeof(int16_t));
    bool eof;
    int underruns;
    size_t n = audio_read_all(a, (uint8_t *)buf, cap, (int)sizeof(int16_t), 441, &eof,
                              &underruns);
    if (!eof) {
        fprintf(stderr, "  no MSESS_EOF after the last sample (%zu read)\n", n);
        tu_failures++;
    }
    CHECK_EQ(underruns, 0);
    if (llabs((long long)n - 176400) > AAC_FRAME) {
        fprintf(stderr, "  %zu samples, want 176400 +- %d\n", n, AAC_FRAME);
        tu_failures++;
    }
    double *x = calloc(n ? n : 1, sizeof(double));
    for (size_t i = 0; i < n && x; i++)
        x[i] = buf[i];
    if (x)
        check_sine(x, n, 44100, 3000, "mono s16");
    free(x);
    free(buf);
    msess_sink_stats st;
    msess_sink_get_stats(a, &st);
    CHECK_EQ(st.sample_rate, 44100);
    CHECK_EQ(st.samples_rendered, n);
    CHECK_EQ(tu_wait_for(r.s, MSESS_EVENT_ENDED, NULL, EV_TIMEOUT), 0);
    tu_run_close(&r);
}

static int imin(int a, int b)
{
    return a < b ? a : b;
}

/* Read exactly `frames` sample frames. */
static bool read_exactly(msess_sink *a, float *buf, int frames)
{
    int got = 0;
    int64_t end = tu_now_ms() + 5000;
    while (got < frames && tu_now_ms() < end) {
        int ret = msess_app_audio_read(a, buf, imin(frames - got, 480));
        if (ret < 0)
            return false;
        got += ret;
        if (!ret)
            tu_sleep_ms(1);
    }
    return got == frames;
}

static void audio_drives_clock(void)
{
    fprintf(stderr, "-- app audio sink as the time source (CLOCK_SOURCE_AUTO)\n");
    msess_sink *a = NULL;
    CHECK_ERR(msess_app_audio_sink_create(&a, NULL), 0);
    tu_run r;
    run_open(&r, NULL, a, false);
    float buf[480 * 2];
    msess_time p = -1;
    CHECK_ERR(msess_session_get_position(r.s, &p), 0);
    CHECK_EQ(p, 0);
    /* nothing read: the clock does not move */
    tu_sleep_ms(200);
    CHECK_ERR(msess_session_get_position(r.s, &p), 0);
    CHECK_EQ(p, 0);
    /* 0.5 s read: position 0.5 s */
    CHECK(read_exactly(a, buf, 24000));
    CHECK_ERR(msess_session_get_position(r.s, &p), 0);
    if (llabs(p - SEC / 2) > 1) {
        fprintf(stderr, "  position %.4f s after reading 0.5 s\n", (double)p / SEC);
        tu_failures++;
    }
    tu_sleep_ms(200);
    msess_time p2 = -1;
    CHECK_ERR(msess_session_get_position(r.s, &p2), 0);
    CHECK_EQ(p2, p);
    CHECK(read_exactly(a, buf, 12000));
    CHECK_ERR(msess_session_get_position(r.s, &p2), 0);
    CHECK(llabs(p2 - 3 * SEC / 4) <= 1);
    tu_run_close(&r);
}

int main(void)
{
    static const enum msess_pixel_format rgba[] = { MSESS_PIX_RGBA, MSESS_PIX_NONE };
    static const enum msess_pixel_format yuv_first[] = { MSESS_PIX_YUV420P, MSESS_PIX_RGBA,
                                                         MSESS_PIX_NONE };
    video_walk(NULL, 0, 0, 0);
    video_walk(rgba, 0, 0, 0);
    /* a listed decoder format passes through (no converter) */
    video_walk(yuv_first, 0, 0, 0);
    /* jumps of 200 ms: with a queue deep enough to hold the frames, and
     * with the default queue of 3 */
    video_walk(NULL, 32, 40, 5);
    video_walk(NULL, 0, 60, 5);
    audio_float_stereo();
    audio_s16_mono();
    audio_drives_clock();
    return tu_result();
}

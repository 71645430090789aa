/* Integration: null sinks that ask for a format, and the frame callback's
 * contract.
 *
 * 1. Video: formats = { BGRA } gets a converter; the callback sees 100
 *    BGRA frames of 320x240 (grey bar codes still readable from the blue
 *    channel), pixel_format set; with width/height the frames are scaled.
 *    Default settings: the decoder's YUV420P passes, no converter.
 * 2. Audio: 44.1 kHz mono S16 asked, seen in every frame's info, ~4 s of
 *    samples in all; default settings keep the stream's 48 kHz stereo.
 * 3. msess_sink_set_frame_callback(NULL) returns only once a running
 *    callback has returned, and no call follows.
 * 4. Bad settings: MSESS_EINVAL. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "framecode.h"
#include "testutil.h"

#define SEC MSESS_TIME_PER_SECOND
#define EV_TIMEOUT 20000

typedef struct seen {
    pthread_mutex_t lock;
    int frames, bad_format, bad_size, bad_number, unreadable;
    int width, height;                     /* expected */
    enum msess_pixel_format pix;
    enum msess_sample_format fmt;
    int rate, channels;
    int64_t samples;
    int next_number;
} seen;

static void seen_init(seen *s)
{
    memset(s, 0, sizeof(*s));
    pthread_mutex_init(&s->lock, NULL);
}

/* Bar code of a packed 4-byte frame: its first byte (blue of a grey picture). */
static int bgra_number(const msess_frame_info *info)
{
    uint8_t *y = malloc((size_t)info->width * info->height);
    uint32_t n;
    if (!y)
        return -1;
    for (int r = 0; r < info->height; r++)
        for (int c = 0; c < info->width; c++)
            y[(size_t)r * info->width + c] = info->data[0][(size_t)r * info->linesize[0] + 4 * c];
    int ret = framecode_read(y, info->width, info->width, info->height, &n);
    free(y);
    return ret ? -1 : (int)n;
}

static void on_video(void *ud, const msess_frame_info *info)
{
    seen *s = ud;
    if (info->dropped)
        return;
    int num = -2;
    if (info->pixel_format == MSESS_PIX_BGRA && info->width == 320)
        num = bgra_number(info);
    pthread_mutex_lock(&s->lock);
    s->frames++;
    s->bad_format += info->kind != MSESS_MEDIA_VIDEO || info->pixel_format != s->pix;
    s->bad_size += info->width != s->width || info->height != s->height;
    if (num == -1)
        s->unreadable++;
    else if (num >= 0 && num != s->next_number)
        s->bad_number++;
    if (num >= 0)
        s->next_number = num + 1;
    pthread_mutex_unlock(&s->lock);
}

static void on_audio(void *ud, const msess_frame_info *info)
{
    seen *s = ud;
    if (info->dropped)
        return;
    pthread_mutex_lock(&s->lock);
    s->frames++;
    s->bad_format += info->kind != MSESS_MEDIA_AUDIO || info->sample_format != s->fmt ||
                     info->sample_rate != s->rate || info->channels != s->channels ||
                     !info->data[0];
    s->samples += info->samples;
    pthread_mutex_unlock(&s->lock);
}

/* Whether the resolved topology holds a converter. */
static bool has_converter(msess_session *ses)
{
    msess_topology *t = NULL;
    if (msess_session_get_full_topology(ses, 0, &t) < 0)
        return false;
    bool found = false;
    for (unsigned i = 0; i < msess_topology_node_count(t); i++) {
        msess_node *n = msess_topology_node(t, i);
        found |= msess_node_get_type(n) == MSESS_NODE_TRANSFORM &&
                 msess_node_transform_kind(n) == MSESS_TRANSFORM_CONVERTER;
    }
    msess_topology_destroy(&t);
    return found;
}

/* Play av.mp4 to the end into these sinks (NULL: none on that branch). */
static void play(msess_sink *video, msess_sink *audio, bool want_converter)
{
    tu_run r;
    tu_run_open(&r, &(tu_run_opts){ .clip = "av.mp4", .video = video, .audio = audio });
    CHECK_EQ(has_converter(r.s), want_converter);
    tu_run_start(&r, 0);
    CHECK_EQ(tu_wait_for(r.s, MSESS_EVENT_ENDED, NULL, EV_TIMEOUT), 0);
    tu_run_close(&r);
}

static void video_formats(const enum msess_pixel_format *formats, int w, int h)
{
    fprintf(stderr, "-- video, %s, %dx%d\n", formats ? msess_pixel_format_name(formats[0]) : "any",
            w, h);
    msess_null_sink_settings ns;
    msess_null_sink_default_settings(&ns);
    CHECK(ns.formats == NULL && ns.width == 0 && ns.height == 0 && ns.clocked);
    ns.clocked = false;
    ns.formats = formats;
    if (w != 320) {
        ns.width = w;
        ns.height = h;
    }
    msess_sink *v = NULL;
    CHECK_ERR(msess_null_sink_create(&v, &ns), 0);
    seen s;
    seen_init(&s);
    s.pix = formats ? formats[0] : MSESS_PIX_YUV420P;
    s.width = w;
    s.height = h;
    msess_sink_set_frame_callback(v, on_video, &s);
    play(v, NULL, formats || w != 320);
    CHECK_EQ(s.frames, 100);
    CHECK_EQ(s.bad_format, 0);
    CHECK_EQ(s.bad_size, 0);
    CHECK_EQ(s.bad_number, 0);
    CHECK_EQ(s.unreadable, 0);
    pthread_mutex_destroy(&s.lock);
}

static void audio_format(int rate, int channels, enum msess_sample_format fmt)
{
    fprintf(stderr, "-- audio, %d Hz, %d ch, %s\n", rate, channels, msess_sample_format_name(fmt));
    msess_null_sink_settings ns;
    msess_null_sink_default_settings(&ns);
    CHECK(ns.sample_rate == 0 && ns.channels == 0 && ns.sample_format == MSESS_SAMPLE_NONE);
    ns.kind = MSESS_MEDIA_AUDIO;
    ns.clocked = false;
    if (fmt != MSESS_SAMPLE_FLTP) { /* the AAC decoder's own */
        ns.sample_rate = rate;
        ns.channels = channels;
        ns.sample_format = fmt;
    }
    msess_sink *a = NULL;
    CHECK_ERR(msess_null_sink_create(&a, &ns), 0);
    seen s;
    seen_init(&s);
    s.fmt = fmt;
    s.rate = rate;
    s.channels = channels;
    msess_sink_set_frame_callback(a, on_audio, &s);
    play(NULL, a, fmt != MSESS_SAMPLE_FLTP);
    CHECK(s.frames > 100);
    CHECK_EQ(s.bad_format, 0);
    /* 4 s, give or take an AAC frame of priming and padding */
    CHECK(llabs(s.samples - 4 * (int64_t)rate) <= 2048 * (int64_t)rate / 48000 + 1);
    if (llabs(s.samples - 4 * (int64_t)rate) > 2048 * (int64_t)rate / 48000 + 1)
        fprintf(stderr, "  %lld samples\n", (long long)s.samples);
    pthread_mutex_destroy(&s.lock);
}

/* ---- removing a running callback */

typedef struct slow {
    atomic_int inside, calls_after;
    atomic_bool removed, entered;
} slow;

static void on_slow(void *ud, const msess_frame_info *info)
{
    slow *s = ud;
    (void)info;
    if (atomic_load(&s->removed))
        atomic_fetch_add(&s->calls_after, 1);
    atomic_store(&s->inside, 1);
    atomic_store(&s->entered, true);
    tu_sleep_ms(150);
    atomic_store(&s->inside, 0);
}

static void remove_running(void)
{
    fprintf(stderr, "-- removing a running frame callback\n");
    msess_null_sink_settings ns;
    msess_null_sink_default_settings(&ns);
    ns.clocked = false;
    msess_sink *v = NULL;
    CHECK_ERR(msess_null_sink_create(&v, &ns), 0);
    slow s;
    atomic_init(&s.inside, 0);
    atomic_init(&s.calls_after, 0);
    atomic_init(&s.removed, false);
    atomic_init(&s.entered, false);
    msess_sink_set_frame_callback(v, on_slow, &s);
    tu_run r;
    tu_run_open(&r, &(tu_run_opts){ .clip = "av.mp4", .video = v });
    tu_run_start(&r, 0);
    int64_t end = tu_now_ms() + 5000;
    while (!atomic_load(&s.entered) && tu_now_ms() < end)
        tu_sleep_ms(1);
    CHECK(atomic_load(&s.entered));
    tu_sleep_ms(20); /* inside its 150 ms */
    msess_sink_set_frame_callback(v, NULL, NULL);
    CHECK_EQ(atomic_load(&s.inside), 0);
    atomic_store(&s.removed, true);
    tu_sleep_ms(100);
    CHECK_EQ(atomic_load(&s.calls_after), 0);
    tu_run_close(&r);
}

static void bad_settings(void)
{
    static const enum msess_pixel_format other[] = { MSESS_PIX_OTHER, MSESS_PIX_NONE };
    msess_null_sink_settings ns;
    msess_sink *v = (msess_sink *)&ns;
    msess_null_sink_default_settings(&ns);
    ns.formats = other;
    CHECK_ERR(msess_null_sink_create(&v, &ns), MSESS_EINVAL);
    CHECK(v == NULL);
    msess_null_sink_default_settings(&ns);
    ns.width = 100;
    CHECK_ERR(msess_null_sink_create(&v, &ns), MSESS_EINVAL);
    msess_null_sink_default_settings(&ns);
    ns.sample_rate = -1;
    CHECK_ERR(msess_null_sink_create(&v, &ns), MSESS_EINVAL);
    msess_null_sink_default_settings(&ns);
    ns.sample_format = MSESS_SAMPLE_OTHER;
    CHECK_ERR(msess_null_sink_create(&v, &ns), MSESS_EINVAL);
    msess_null_sink_default_settings(&ns);
    ns.lead = -1;
    CHECK_ERR(msess_null_sink_create(&v, &ns), MSESS_EINVAL);
    ns.lead = 3600 * MSESS_TIME_PER_SECOND + 1;
    CHECK_ERR(msess_null_sink_create(&v, &ns), MSESS_EINVAL);
    ns.lead = 3600 * MSESS_TIME_PER_SECOND;
    CHECK_ERR(msess_null_sink_create(&v, &ns), 0);
    msess_sink_destroy(&v);
}

int main(void)
{
    static const enum msess_pixel_format bgra[] = { MSESS_PIX_BGRA, MSESS_PIX_NONE };
    static const enum msess_pixel_format nv12_or_yuv[] = { MSESS_PIX_NV12, MSESS_PIX_YUV420P,
                                                          MSESS_PIX_NONE };
    video_formats(NULL, 320, 240);
    video_formats(bgra, 320, 240);
    video_formats(bgra, 160, 120);
    /* the decoder's format is listed second: no converter */
    fprintf(stderr, "-- (listed second)\n");
    msess_null_sink_settings ns;
    msess_null_sink_default_settings(&ns);
    ns.formats = nv12_or_yuv;
    ns.clocked = false;
    msess_sink *v = NULL;
    CHECK_ERR(msess_null_sink_create(&v, &ns), 0);
    play(v, NULL, false);
    audio_format(48000, 2, MSESS_SAMPLE_FLTP);
    audio_format(44100, 1, MSESS_SAMPLE_S16);
    remove_running();
    bad_settings();
    return tu_result();
}

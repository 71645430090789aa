/* msess-av-measure: A/V sync from a capture of a screen region and of the
 * sound heard (ffmpeg x11grab + pulse monitor in one process with -copyts,
 * see test-av-sync.py), for the flash-and-beep pattern of
 * `msess-gen-media --flash-beep` and msess-av-ref.
 *
 * In each time range given (the reference's, the player's) it finds:
 * - flash onsets: the mean luma of the region rises through the midpoint
 *   between its usual (median) level and its brightest; the crossing is
 *   interpolated linearly between the two capture frames around it, on the
 *   frames' capture times;
 * - beep onsets: the first sample whose level (largest of the channels)
 *   reaches 40% of the range's peak after at least 300 ms below it, timed
 *   by the sample count from one anchor (see "audio clock" below), so
 *   sample-accurate relative to each other.
 * Each flash is paired with the nearest beep within 400 ms, and the offset is
 * audio onset minus video onset (> 0: the sound comes late).
 *
 * The capture's own offset between its audio and video clocks is unknown
 * and differs from one capture to the next; the reference range measures
 * it. The result is the player's offsets less the reference's median:
 * player_minus_reference_ms median (signed), p90 and max (of the absolute
 * values).
 *
 * Output: one JSON object on stdout; with --verbose every onset on stderr.
 * Exit 0 when it measured, 1 when it could not (no file, no streams, no
 * pairs in a range). */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>

#include "toolmsg.h"

#define PROG "msess-av-measure"

#define AUDIO_SETTLE_S 2.0     /* capture time filter settling, excluded from anchors */
#define BEEP_LEVEL 0.4         /* of the range's peak */
#define MIN_PEAK 0.01          /* below: no beeps in the range */
#define MIN_LUMA_SWING 30.0    /* brightest minus usual: below, no flashes */
#define QUIET_S 0.3            /* before an onset */
#define PAIR_S 0.4
#define MAX_RANGES 2

typedef struct range {
    char *name;
    bool owned;                /* name allocated */
    double from, to;           /* capture seconds */
} range;

typedef struct options {
    const char *file;
    int rw, rh, rx, ry;        /* region; rw 0: the whole picture */
    range ranges[MAX_RANGES];
    int nb_ranges;
    bool verbose;
} options;

typedef struct vec {
    double *v;
    size_t n, cap;
} vec;

/* Video: capture time and mean luma per frame. Audio: one level per sample
 * frame, and per decoded frame its timestamp and first sample index. */
typedef struct capture {
    vec vt, vl;
    float *level;
    size_t nb_samples, level_cap;
    int sample_rate;
    vec apts, aidx;
    double anchor;             /* capture time of sample 0 */
    double spread_ms;          /* of packet times around anchor + n / rate (p5..p95) */
    double start_ms;           /* the first packet's time less anchor + n / rate */
    double frame_gap_max;      /* largest gap between video frames, seconds */
} capture;

typedef struct onsets {
    vec t;
    double low, high, thr;     /* video: levels; audio: peak and threshold */
} onsets;

#define errorf(...) tool_msg(PROG, __VA_ARGS__)

static int push(vec *a, double x)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 256;
        double *v = realloc(a->v, cap * sizeof(*v));
        if (!v)
            return -1;
        a->v = v;
        a->cap = cap;
    }
    a->v[a->n++] = x;
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* q-quantile (0..1) of n values, linear between order statistics. */
static double quantile(const double *v, size_t n, double q)
{
    if (!n)
        return NAN;
    double *s = malloc(n * sizeof(*s));
    if (!s)
        return NAN;
    memcpy(s, v, n * sizeof(*s));
    qsort(s, n, sizeof(*s), cmp_double);
    double pos = q * (double)(n - 1);
    size_t i = (size_t)pos;
    double r = i + 1 < n ? s[i] + (pos - (double)i) * (s[i + 1] - s[i]) : s[i];
    free(s);
    return r;
}

/* ---- options */

static void usage(FILE *f)
{
    fputs("usage: " PROG " [options] CAPTURE\n"
          "A/V sync of flash+beep patterns in a capture (video of a screen region and\n"
          "the audio heard, on one clock). Prints JSON on stdout.\n"
          "  --region WxH+X+Y     part of the captured picture to watch, in the\n"
          "                       capture's pixels (default: all)\n"
          "  --range NAME:FROM:TO a time range in capture seconds; give two, the\n"
          "                       reference's first (NAME 'reference') and the\n"
          "                       player's; without any, the capture is split at the\n"
          "                       longest pause between flashes\n"
          "  --verbose            every onset on stderr\n",
          f);
}

static int parse_args(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof(*o));
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        char tail;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            exit(0);
        } else if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) {
            o->verbose = true;
        } else if (!strcmp(a, "--region") && v) {
            i++;
            if (sscanf(v, "%dx%d+%d+%d%c", &o->rw, &o->rh, &o->rx, &o->ry, &tail) != 4 ||
                o->rw <= 0 || o->rh <= 0 || o->rx < 0 || o->ry < 0) {
                errorf("bad --region '%s' (WxH+X+Y)", v);
                return -1;
            }
        } else if (!strcmp(a, "--range") && v) {
            i++;
            const char *c1 = strchr(v, ':');
            char *end;
            if (!c1 || o->nb_ranges == MAX_RANGES)
                goto bad_range;
            range *r = &o->ranges[o->nb_ranges];
            errno = 0;
            r->from = strtod(c1 + 1, &end);
            if (*end != ':')
                goto bad_range;
            r->to = strtod(end + 1, &end);
            if (*end || errno || !(r->to > r->from))
                goto bad_range;
            size_t len = (size_t)(c1 - v);
            char *name = malloc(len + 1);
            if (!name)
                return -1;
            memcpy(name, v, len);
            name[len] = 0;
            r->name = name;
            r->owned = true;
            o->nb_ranges++;
            continue;
bad_range:
            errorf("bad --range '%s' (NAME:FROM:TO, at most %d)", v, MAX_RANGES);
            return -1;
        } else if (a[0] == '-' && a[1]) {
            errorf("unknown option or missing value: %s", a);
            return -1;
        } else if (!o->file) {
            o->file = a;
        } else {
            errorf("more than one capture given");
            return -1;
        }
    }
    if (!o->file) {
        errorf("no capture given");
        return -1;
    }
    if (o->nb_ranges == 1) {
        errorf("give two --range (reference, player) or none");
        return -1;
    }
    return 0;
}

/* ---- reading the capture */

typedef struct reader {
    AVFormatContext *fmt;
    AVCodecContext *vdec, *adec;
    int vidx, aidx;
    struct SwsContext *sws;
    uint8_t *gray;
    int gw, gh, gfmt;
    SwrContext *swr;
    float *abuf;
    int abuf_len;
    const options *opt;
    bool region_warned;
} reader;

static int open_decoder(AVFormatContext *fmt, int idx, AVCodecContext **out)
{
    const AVCodecParameters *par = fmt->streams[idx]->codecpar;
    const AVCodec *c = avcodec_find_decoder(par->codec_id);
    if (!c)
        return AVERROR_DECODER_NOT_FOUND;
    AVCodecContext *ctx = avcodec_alloc_context3(c);
    if (!ctx)
        return AVERROR(ENOMEM);
    int ret = avcodec_parameters_to_context(ctx, par);
    if (ret >= 0) {
        ctx->pkt_timebase = fmt->streams[idx]->time_base;
        ret = avcodec_open2(ctx, c, NULL);
    }
    if (ret < 0)
        avcodec_free_context(&ctx);
    *out = ctx;
    return ret;
}

static int video_frame(reader *rd, capture *cap, const AVFrame *f)
{
    int64_t ts = f->best_effort_timestamp;
    if (ts == AV_NOPTS_VALUE)
        return 0;
    double t = (double)ts * av_q2d(rd->fmt->streams[rd->vidx]->time_base);
    if (!rd->sws || rd->gw != f->width || rd->gh != f->height || rd->gfmt != f->format) {
        sws_freeContext(rd->sws);
        av_free(rd->gray);
        rd->sws = sws_getContext(f->width, f->height, f->format, f->width, f->height,
                                 AV_PIX_FMT_GRAY8, SWS_POINT, NULL, NULL, NULL);
        rd->gray = av_malloc((size_t)f->width * f->height);
        if (!rd->sws || !rd->gray)
            return AVERROR(ENOMEM);
        rd->gw = f->width, rd->gh = f->height, rd->gfmt = f->format;
    }
    uint8_t *dst[4] = { rd->gray };
    int dls[4] = { f->width };
    sws_scale(rd->sws, (const uint8_t *const *)f->data, f->linesize, 0, f->height, dst, dls);
    const options *o = rd->opt;
    int x0 = 0, y0 = 0, x1 = f->width, y1 = f->height;
    if (o->rw) {
        x0 = o->rx, y0 = o->ry;
        x1 = FFMIN(o->rx + o->rw, f->width);
        y1 = FFMIN(o->ry + o->rh, f->height);
        if ((x1 < o->rx + o->rw || y1 < o->ry + o->rh) && !rd->region_warned) {
            errorf("warning: region %dx%d+%d+%d goes past the %dx%d capture; clipped",
                   o->rw, o->rh, o->rx, o->ry, f->width, f->height);
            rd->region_warned = true;
        }
        if (x0 >= x1 || y0 >= y1) {
            errorf("region %dx%d+%d+%d lies outside the %dx%d capture", o->rw, o->rh, o->rx,
                   o->ry, f->width, f->height);
            return AVERROR(EINVAL);
        }
    }
    uint64_t sum = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            sum += rd->gray[(size_t)y * f->width + x];
    double mean = (double)sum / ((double)(x1 - x0) * (y1 - y0));
    if (cap->vt.n)
        cap->frame_gap_max = fmax(cap->frame_gap_max, t - cap->vt.v[cap->vt.n - 1]);
    if (push(&cap->vt, t) < 0 || push(&cap->vl, mean) < 0)
        return AVERROR(ENOMEM);
    return 0;
}

static int audio_frame(reader *rd, capture *cap, const AVFrame *f)
{
    int ch = f->ch_layout.nb_channels;
    if (!rd->swr) {
        AVChannelLayout layout = { 0 }; /* the 5.1 API takes it non-const */
        int ret = av_channel_layout_copy(&layout, &f->ch_layout);
        if (ret >= 0)
            ret = swr_alloc_set_opts2(&rd->swr, &layout, AV_SAMPLE_FMT_FLT, f->sample_rate,
                                      &layout, f->format, f->sample_rate, 0, NULL);
        av_channel_layout_uninit(&layout);
        if (ret < 0 || (ret = swr_init(rd->swr)) < 0)
            return ret;
        cap->sample_rate = f->sample_rate;
    }
    if (f->sample_rate != cap->sample_rate) {
        errorf("the audio's sample rate changes (%d -> %d Hz)", cap->sample_rate, f->sample_rate);
        return AVERROR(EINVAL);
    }
    if (rd->abuf_len < f->nb_samples * ch) {
        rd->abuf_len = f->nb_samples * ch;
        av_free(rd->abuf);
        if (!(rd->abuf = av_malloc((size_t)rd->abuf_len * sizeof(float))))
            return AVERROR(ENOMEM);
    }
    uint8_t *out[1] = { (uint8_t *)rd->abuf };
    int n = swr_convert(rd->swr, out, f->nb_samples, (const uint8_t **)f->extended_data,
                        f->nb_samples);
    if (n < 0)
        return n;
    if (f->pts != AV_NOPTS_VALUE) {
        double t = (double)f->pts * av_q2d(rd->fmt->streams[rd->aidx]->time_base);
        if (push(&cap->apts, t) < 0 || push(&cap->aidx, (double)cap->nb_samples) < 0)
            return AVERROR(ENOMEM);
    }
    if (cap->nb_samples + (size_t)n > cap->level_cap) {
        size_t want = FFMAX(cap->level_cap * 2, cap->nb_samples + (size_t)n + 65536);
        float *l = realloc(cap->level, want * sizeof(*l));
        if (!l)
            return AVERROR(ENOMEM);
        cap->level = l;
        cap->level_cap = want;
    }
    for (int i = 0; i < n; i++) {
        float m = 0;
        for (int c = 0; c < ch; c++)
            m = fmaxf(m, fabsf(rd->abuf[(size_t)i * ch + c]));
        cap->level[cap->nb_samples++] = m;
    }
    return 0;
}

static int decode(reader *rd, capture *cap, AVCodecContext *dec, const AVPacket *pkt, AVFrame *f)
{
    int ret = avcodec_send_packet(dec, pkt);
    if (ret < 0 && ret != AVERROR_EOF)
        return ret;
    while ((ret = avcodec_receive_frame(dec, f)) >= 0) {
        ret = dec == rd->vdec ? video_frame(rd, cap, f) : audio_frame(rd, cap, f);
        av_frame_unref(f);
        if (ret < 0)
            return ret;
    }
    return ret == AVERROR(EAGAIN) || ret == AVERROR_EOF ? 0 : ret;
}

static int read_capture(const options *o, capture *cap)
{
    reader rd = { .opt = o, .vidx = -1, .aidx = -1 };
    AVPacket *pkt = av_packet_alloc();
    AVFrame *f = av_frame_alloc();
    int ret = pkt && f ? 0 : AVERROR(ENOMEM);
    if (ret >= 0 && (ret = avformat_open_input(&rd.fmt, o->file, NULL, NULL)) < 0)
        errorf("cannot open '%s': %s", o->file, av_err2str(ret));
    if (ret >= 0 && (ret = avformat_find_stream_info(rd.fmt, NULL)) < 0)
        errorf("cannot read '%s': %s", o->file, av_err2str(ret));
    if (ret >= 0) {
        rd.vidx = av_find_best_stream(rd.fmt, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);
        rd.aidx = av_find_best_stream(rd.fmt, AVMEDIA_TYPE_AUDIO, -1, -1, NULL, 0);
        if (rd.vidx < 0 || rd.aidx < 0) {
            errorf("'%s' needs a video and an audio stream", o->file);
            ret = AVERROR(EINVAL);
        }
    }
    if (ret >= 0 && ((ret = open_decoder(rd.fmt, rd.vidx, &rd.vdec)) < 0 ||
                     (ret = open_decoder(rd.fmt, rd.aidx, &rd.adec)) < 0))
        errorf("no decoder for a stream of '%s': %s", o->file, av_err2str(ret));
    while (ret >= 0) {
        ret = av_read_frame(rd.fmt, pkt);
        if (ret == AVERROR_EOF) {
            ret = decode(&rd, cap, rd.vdec, NULL, f);
            if (ret >= 0)
                ret = decode(&rd, cap, rd.adec, NULL, f);
            break;
        }
        if (ret < 0) {
            errorf("reading '%s': %s", o->file, av_err2str(ret));
            break;
        }
        if (pkt->stream_index == rd.vidx)
            ret = decode(&rd, cap, rd.vdec, pkt, f);
        else if (pkt->stream_index == rd.aidx)
            ret = decode(&rd, cap, rd.adec, pkt, f);
        av_packet_unref(pkt);
        if (ret < 0)
            errorf("decoding '%s': %s", o->file, av_err2str(ret));
    }
    av_packet_free(&pkt);
    av_frame_free(&f);
    avcodec_free_context(&rd.vdec);
    avcodec_free_context(&rd.adec);
    avformat_close_input(&rd.fmt);
    sws_freeContext(rd.sws);
    av_free(rd.gray);
    swr_free(&rd.swr);
    av_free(rd.abuf);
    if (ret >= 0 && (!cap->vt.n || !cap->nb_samples || !cap->apts.n)) {
        errorf("'%s' has no decodable %s", o->file, cap->vt.n ? "audio" : "video");
        ret = AVERROR(EINVAL);
    }
    return ret;
}

/* ---- audio clock
 *
 * The sink plays, and its monitor records, samples on one steady clock, so
 * sample n is heard at anchor + n / rate. Packet timestamps (the time of
 * reading less the latency PulseAudio reports, through ffmpeg's time
 * filter) stray from that line by hundreds of ms in the first second of a
 * capture (audio_ts_start_ms) and by tens of ms whenever the sink's latency
 * changes (a client with another buffer size comes or goes, and the filter
 * follows slowly); their p5..p95 spread is reported (audio_ts_spread_ms).
 * So they are not used one by one: one anchor for the whole capture, the
 * median over the packets after the first AUDIO_SETTLE_S, puts the
 * reference and the player on the same audio clock, and whatever error the
 * anchor has cancels in their difference. Lost samples (a capture that fell
 * seconds behind) would break the line; a monitor stream loses none
 * otherwise. */

static void audio_anchor(capture *cap)
{
    vec res = { 0 };
    double first = cap->apts.v[0];
    for (int pass = 0; pass < 2 && !res.n; pass++)
        for (size_t k = 0; k < cap->apts.n; k++)
            if (pass || cap->apts.v[k] - first >= AUDIO_SETTLE_S)
                push(&res, cap->apts.v[k] - cap->aidx.v[k] / cap->sample_rate);
    cap->anchor = quantile(res.v, res.n, 0.5);
    cap->spread_ms = (quantile(res.v, res.n, 0.95) - quantile(res.v, res.n, 0.05)) * 1000.0;
    cap->start_ms = (cap->apts.v[0] - cap->aidx.v[0] / cap->sample_rate - cap->anchor) * 1000.0;
    free(res.v);
}

static double sample_time(const capture *cap, double n)
{
    return cap->anchor + n / cap->sample_rate;
}

/* ---- onsets */

static void find_flashes(const capture *cap, const range *r, onsets *out)
{
    vec lum = { 0 };
    for (size_t i = 0; i < cap->vt.n; i++)
        if (cap->vt.v[i] >= r->from && cap->vt.v[i] <= r->to)
            push(&lum, cap->vl.v[i]);
    out->low = quantile(lum.v, lum.n, 0.5);
    out->high = lum.n ? quantile(lum.v, lum.n, 1.0) : NAN;
    free(lum.v);
    out->thr = (out->low + out->high) / 2;
    if (!(out->high - out->low >= MIN_LUMA_SWING))
        return;
    double last = -INFINITY;
    for (size_t i = 1; i < cap->vt.n; i++) {
        double t0 = cap->vt.v[i - 1], t1 = cap->vt.v[i];
        double l0 = cap->vl.v[i - 1], l1 = cap->vl.v[i];
        if (t0 < r->from || t1 > r->to || !(l0 < out->thr && l1 >= out->thr))
            continue;
        double t = t0 + (out->thr - l0) / (l1 - l0) * (t1 - t0);
        if (t - last >= QUIET_S)
            push(&out->t, t);
        last = t;
    }
}

static void find_beeps(const capture *cap, const range *r, onsets *out)
{
    double rate = cap->sample_rate;
    double a = ceil((r->from - cap->anchor) * rate), b = floor((r->to - cap->anchor) * rate);
    size_t n0 = a <= 0 ? 0 : (size_t)FFMIN(a, (double)cap->nb_samples);
    size_t n1 = b <= 0 ? 0 : (size_t)FFMIN(b + 1, (double)cap->nb_samples);
    double peak = 0;
    for (size_t i = n0; i < n1; i++)
        peak = fmax(peak, cap->level[i]);
    out->high = peak;
    out->thr = BEEP_LEVEL * peak;
    if (peak < MIN_PEAK)
        return;
    size_t quiet = (size_t)(QUIET_S * rate), below = quiet; /* a range may start mid-pause */
    for (size_t i = n0; i < n1; i++) {
        if (cap->level[i] < out->thr) {
            below++;
            continue;
        }
        if (below >= quiet)
            push(&out->t, sample_time(cap, (double)i));
        below = 0;
    }
}

/* ---- report */

typedef struct result {
    vec offsets;               /* ms, audio - video, per pair */
    int flashes, beeps;
} result;

static void pair(const onsets *fl, const onsets *be, result *res)
{
    res->flashes = (int)fl->t.n;
    res->beeps = (int)be->t.n;
    for (size_t i = 0; i < fl->t.n; i++) {
        double best = INFINITY;
        for (size_t j = 0; j < be->t.n; j++)
            if (fabs(be->t.v[j] - fl->t.v[i]) < fabs(best))
                best = be->t.v[j] - fl->t.v[i];
        if (fabs(best) <= PAIR_S)
            push(&res->offsets, best * 1000.0);
    }
}

static void print_list(const vec *v, const char *fmt)
{
    putchar('[');
    for (size_t i = 0; i < v->n; i++) {
        printf(i ? "," : "");
        printf(fmt, v->v[i]);
    }
    putchar(']');
}

/* Each interval between onsets less the whole seconds it should be: the
 * pattern repeats every second, so these show gaps (audio underruns, late
 * frames). */
static void print_period_errors(const vec *t)
{
    putchar('[');
    for (size_t i = 1; i < t->n; i++) {
        double d = t->v[i] - t->v[i - 1];
        printf("%s%.3f", i > 1 ? "," : "", (d - round(d)) * 1000.0);
    }
    putchar(']');
}

/* Largest gap between capture frames inside the range (ms). */
static double frame_gap_ms(const capture *cap, const range *r)
{
    double gap = 0;
    for (size_t i = 1; i < cap->vt.n; i++)
        if (cap->vt.v[i - 1] >= r->from && cap->vt.v[i] <= r->to)
            gap = fmax(gap, cap->vt.v[i] - cap->vt.v[i - 1]);
    return gap * 1000.0;
}

static void print_range(const capture *cap, const range *r, const onsets *fl, const onsets *be,
                        const result *res)
{
    const vec *o = &res->offsets;
    printf("{\"from\":%.6f,\"to\":%.6f,\"flashes\":%d,\"beeps\":%d,\"pairs\":%zu,"
           "\"luma_low\":%.1f,\"luma_high\":%.1f,\"audio_peak\":%.4f,\"offsets_ms\":",
           r->from, r->to, res->flashes, res->beeps, o->n, fl->low, fl->high, be->high);
    print_list(o, "%.3f");
    if (o->n)
        printf(",\"median_ms\":%.3f,\"min_ms\":%.3f,\"max_ms\":%.3f,\"spread_ms\":%.3f",
               quantile(o->v, o->n, 0.5), quantile(o->v, o->n, 0), quantile(o->v, o->n, 1),
               quantile(o->v, o->n, 1) - quantile(o->v, o->n, 0));
    printf(",\"max_frame_gap_ms\":%.3f,\"flash_period_errors_ms\":", frame_gap_ms(cap, r));
    print_period_errors(&fl->t);
    printf(",\"beep_period_errors_ms\":");
    print_period_errors(&be->t);
    printf(",\"flash_times\":");
    print_list(&fl->t, "%.6f");
    printf(",\"beep_times\":");
    print_list(&be->t, "%.6f");
    putchar('}');
}

/* No ranges given: split at the longest pause between flashes. */
static int split_ranges(const capture *cap, options *o)
{
    range all = { "all", false, -INFINITY, INFINITY };
    onsets fl = { 0 };
    find_flashes(cap, &all, &fl);
    double best = 0, at = 0;
    for (size_t i = 1; i < fl.t.n; i++)
        if (fl.t.v[i] - fl.t.v[i - 1] > best) {
            best = fl.t.v[i] - fl.t.v[i - 1];
            at = (fl.t.v[i] + fl.t.v[i - 1]) / 2;
        }
    free(fl.t.v);
    if (best < 1.5) {
        errorf("cannot tell the reference from the player: no pause between flashes; use --range");
        return -1;
    }
    o->ranges[0] = (range){ "reference", false, cap->vt.v[0], at };
    o->ranges[1] = (range){ "player", false, at, cap->vt.v[cap->vt.n - 1] };
    o->nb_ranges = 2;
    return 0;
}

static void free_capture(capture *cap)
{
    free(cap->vt.v);
    free(cap->vl.v);
    free(cap->level);
    free(cap->apts.v);
    free(cap->aidx.v);
}

static void free_options(options *o)
{
    for (int k = 0; k < o->nb_ranges; k++)
        if (o->ranges[k].owned)
            free(o->ranges[k].name);
}

int main(int argc, char **argv)
{
    options o;
    if (parse_args(argc, argv, &o) < 0) {
        usage(stderr);
        return 1;
    }
    av_log_set_level(AV_LOG_ERROR);
    capture cap = { 0 };
    if (read_capture(&o, &cap) < 0)
        return 1;
    audio_anchor(&cap);
    if (!o.nb_ranges && split_ranges(&cap, &o) < 0)
        return 1;

    onsets fl[MAX_RANGES] = { 0 }, be[MAX_RANGES] = { 0 };
    result res[MAX_RANGES] = { 0 };
    for (int k = 0; k < o.nb_ranges; k++) {
        find_flashes(&cap, &o.ranges[k], &fl[k]);
        find_beeps(&cap, &o.ranges[k], &be[k]);
        pair(&fl[k], &be[k], &res[k]);
        if (o.verbose) {
            fprintf(stderr, "%s: luma %.1f..%.1f, threshold %.1f; audio peak %.3f\n",
                    o.ranges[k].name, fl[k].low, fl[k].high, fl[k].thr, be[k].high);
            for (size_t i = 0; i < fl[k].t.n; i++)
                fprintf(stderr, "  flash %.4f\n", fl[k].t.v[i]);
            for (size_t i = 0; i < be[k].t.n; i++)
                fprintf(stderr, "  beep  %.4f\n", be[k].t.v[i]);
        }
    }

    printf("{\"video_frames\":%zu,\"video_fps\":%.2f,\"max_frame_gap_ms\":%.3f,"
           "\"audio_rate\":%d,\"audio_ts_spread_ms\":%.3f,\"audio_ts_start_ms\":%.3f,"
           "\"ranges\":{",
           cap.vt.n,
           cap.vt.n > 1 ? (double)(cap.vt.n - 1) / (cap.vt.v[cap.vt.n - 1] - cap.vt.v[0]) : 0.0,
           cap.frame_gap_max * 1000.0, cap.sample_rate, cap.spread_ms, cap.start_ms);
    for (int k = 0; k < o.nb_ranges; k++) {
        printf("%s\"%s\":", k ? "," : "", o.ranges[k].name);
        print_range(&cap, &o.ranges[k], &fl[k], &be[k], &res[k]);
    }
    printf("}");
    bool ok = o.nb_ranges == 2 && res[0].offsets.n && res[1].offsets.n;
    if (ok) {
        double ref = quantile(res[0].offsets.v, res[0].offsets.n, 0.5);
        vec d = { 0 }, ad = { 0 };
        for (size_t i = 0; i < res[1].offsets.n; i++) {
            push(&d, res[1].offsets.v[i] - ref);
            push(&ad, fabs(res[1].offsets.v[i] - ref));
        }
        printf(",\"player_minus_reference_ms\":{\"median\":%.3f,\"p90\":%.3f,\"max\":%.3f,"
               "\"values\":",
               quantile(d.v, d.n, 0.5), quantile(ad.v, ad.n, 0.9), quantile(ad.v, ad.n, 1.0));
        print_list(&d, "%.3f");
        printf("}");
        free(d.v);
        free(ad.v);
    } else {
        errorf("no flash paired with a beep in %s", !res[0].offsets.n ? o.ranges[0].name
                                                                      : o.ranges[1].name);
    }
    printf("}\n");
    for (int k = 0; k < o.nb_ranges; k++) {
        free(fl[k].t.v);
        free(be[k].t.v);
        free(res[k].offsets.v);
    }
    free_capture(&cap);
    free_options(&o);
    return ok ? 0 : 1;
}

/* msess-gen-media: write a deterministic test clip with libavformat and
 * libavcodec encoders. Every video frame carries its frame number as a bar
 * code plus big digits (see framecode.h); the audio is a sine tone, or with
 * --flash-beep an A/V sync pattern (white frames + beep at every second).
 *
 * Run with --help for the options. Prints nothing on success; on failure
 * prints a message to stderr, removes the partial output and exits 1. */
#define _POSIX_C_SOURCE 200809L

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libavutil/channel_layout.h>
#include <libavutil/mathematics.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
#include <libavutil/samplefmt.h>
#include <libswscale/swscale.h>

#include "framecode.h"
#include "toolmsg.h"

#define PROG "msess-gen-media"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* Sync pattern: beep / white frames during the first 50 ms of each second. */
#define FLASH_MS 50
#define AMPLITUDE 0.5
/* Samples per frame for encoders that accept any frame size (PCM ...). */
#define VARIABLE_FRAME_SAMPLES 1024

struct options {
    const char *output;
    int width, height;
    int fps;
    double duration;       /* video seconds; 0 = no video */
    const char *vcodec;    /* NULL = default */
    int gop;
    int bframes;
    int audio_rate;
    int channels;
    double tone;
    double audio_duration; /* seconds; 0 = no audio */
    bool audio_duration_set;
    const char *acodec;    /* NULL = default */
    bool flash_beep;
    int chroma[2];         /* Cb, Cr of every pixel */
    long long truncate_to; /* -1 = no */
    long long garbage;     /* -1 = no */
    bool verbose;
};

struct out_stream {
    AVStream *st;
    AVCodecContext *enc;
    AVFrame *frame;           /* what is sent to the encoder */
    AVFrame *src;             /* video: yuv420p picture when converting */
    struct SwsContext *sws;
    int64_t next;             /* video: next frame index; audio: samples sent */
    int64_t total;            /* video: frame count; audio: samples */
    int frame_samples;        /* audio: samples per full frame */
    bool done;
};

struct gen {
    const struct options *opt;
    AVFormatContext *oc;
    AVPacket *pkt;
    struct out_stream video, audio;
    bool file_opened;         /* the output file was created by us */
};

/* ---- messages --------------------------------------------------------- */

#define errorf(...) tool_msg(PROG, __VA_ARGS__)

/* Print "what: <libav error>" and return -1. */
static int av_fail(int err, const char *fmt, ...)
{
    char buf[AV_ERROR_MAX_STRING_SIZE];
    va_list ap;
    fputs(PROG ": ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    av_strerror(err, buf, sizeof(buf));
    fprintf(stderr, ": %s\n", buf);
    return -1;
}

static void usage(FILE *f)
{
    fputs(
"usage: " PROG " [options] OUTPUT\n"
"Write a test clip; the container is chosen from the OUTPUT extension.\n"
"Frame i of the video has pts i (time base 1/fps) and shows the number i as\n"
"a 24-bit bar code in the top sixth of the picture plus big digits.\n"
"\n"
"  --size WxH           picture size (default 320x240)\n"
"  --fps N              frame rate, integer (default 25)\n"
"  --duration SECONDS   video duration (default 2.0); 0 = no video stream\n"
"  --vcodec NAME        video encoder (default libx264 if available, else\n"
"                       mpeg4; the container's own codec when it refuses\n"
"                       H.264, e.g. libvpx-vp9 for webm)\n"
"  --gop N              keyframe interval in frames (default 12)\n"
"  --bframes N          B-frames, when the codec has them (default 0)\n"
"  --audio-rate HZ      sample rate (default 48000)\n"
"  --channels N         channels (default 2)\n"
"  --tone HZ            sine frequency (default 1000)\n"
"  --audio-duration S   audio duration (default: --duration); 0 = no audio\n"
"  --acodec NAME        audio encoder (default aac; the container's own\n"
"                       codec for PCM containers such as wav, or when it\n"
"                       refuses AAC, e.g. webm and ogg)\n"
"  --flash-beep         A/V sync pattern: silence except a 50 ms beep at the\n"
"                       start of every second; video frames starting in the\n"
"                       first 50 ms of every second are white\n"
"  --truncate BYTES     truncate the written file to BYTES\n"
"  --garbage BYTES      write BYTES of deterministic pseudo-random garbage\n"
"                       instead of a clip\n"
"  --chroma CB,CR       the picture's chroma, 0..255 each (default 128,128:\n"
"                       grey)\n"
"  --verbose            show libav* messages (warnings and info)\n"
"  --help               show this help\n"
"\n"
"A container without video (wav, mp3, ...), or whose video codec has no\n"
"encoder here, gets no video stream unless --vcodec is given; a\n"
"container without audio gets no audio stream unless --acodec is given.\n"
"Options also accept --opt=VALUE.\n",
        f);
}

/* ---- argument parsing ------------------------------------------------- */

static int parse_long(const char *name, const char *s, long long min,
                      long long max, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v < min || v > max) {
        errorf("invalid value '%s' for %s (integer %lld..%lld expected)", s,
               name, min, max);
        return -1;
    }
    *out = v;
    return 0;
}

static int parse_int(const char *name, const char *s, int min, int max, int *out)
{
    long long v;
    if (parse_long(name, s, min, max, &v) < 0)
        return -1;
    *out = (int)v;
    return 0;
}

static int parse_double(const char *name, const char *s, double min,
                        double max, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= min && v <= max)) {
        errorf("invalid value '%s' for %s (number %g..%g expected)", s, name,
               min, max);
        return -1;
    }
    *out = v;
    return 0;
}

/* "AxB" (--size, sep 'x') or "A,B" (--chroma, sep ','), each in lo..hi. */
static int parse_pair(const char *name, const char *s, char sep, long lo, long hi, int out[2])
{
    char *end;
    errno = 0;
    long a = strtol(s, &end, 10);
    if (errno || end == s || tolower((unsigned char)*end) != sep)
        goto bad;
    const char *p = end + 1;
    long b = strtol(p, &end, 10);
    if (errno || end == p || *end)
        goto bad;
    if (a < lo || b < lo || a > hi || b > hi)
        goto bad;
    out[0] = (int)a;
    out[1] = (int)b;
    return 0;
bad:
    errorf("invalid value '%s' for %s (A%cB, %ld..%ld each, expected)", s, name, sep, lo, hi);
    return -1;
}

static int parse_args(int argc, char **argv, struct options *o)
{
    memset(o, 0, sizeof(*o));
    o->width = 320;
    o->height = 240;
    o->fps = 25;
    o->duration = 2.0;
    o->gop = 12;
    o->bframes = 0;
    o->audio_rate = 48000;
    o->channels = 2;
    o->tone = 1000.0;
    o->chroma[0] = o->chroma[1] = 128;
    o->truncate_to = -1;
    o->garbage = -1;

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] != '-' || arg[1] == '\0') {
            if (o->output) {
                errorf("more than one OUTPUT given ('%s' and '%s')", o->output,
                       arg);
                return -1;
            }
            o->output = arg;
            continue;
        }
        if (!strcmp(arg, "--")) {
            if (i + 1 < argc && !o->output)
                o->output = argv[++i];
            if (i + 1 < argc) {
                errorf("unexpected argument '%s'", argv[i + 1]);
                return -1;
            }
            break;
        }
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            usage(stdout);
            exit(0);
        }
        if (!strcmp(arg, "--flash-beep")) {
            o->flash_beep = true;
            continue;
        }
        if (!strcmp(arg, "--verbose") || !strcmp(arg, "-v")) {
            o->verbose = true;
            continue;
        }

        /* options with a value: "--opt VALUE" or "--opt=VALUE" */
        char name[32];
        const char *val;
        const char *eq = strchr(arg, '=');
        if (eq) {
            size_t n = (size_t)(eq - arg);
            if (n >= sizeof(name)) {
                errorf("unknown option '%s'", arg);
                return -1;
            }
            memcpy(name, arg, n);
            name[n] = '\0';
            val = eq + 1;
        } else {
            if (strlen(arg) >= sizeof(name)) {
                errorf("unknown option '%s'", arg);
                return -1;
            }
            strcpy(name, arg);
            val = NULL;
        }

        static const char *const valued[] = {
            "--size", "--fps", "--duration", "--vcodec", "--gop", "--bframes",
            "--audio-rate", "--channels", "--tone", "--audio-duration",
            "--acodec", "--truncate", "--garbage", "--chroma",
        };
        bool known = false;
        for (size_t k = 0; k < sizeof(valued) / sizeof(valued[0]); k++)
            if (!strcmp(name, valued[k]))
                known = true;
        if (!known) {
            errorf("unknown option '%s' (see --help)", arg);
            return -1;
        }
        if (!val) {
            if (i + 1 >= argc) {
                errorf("option %s needs a value", name);
                return -1;
            }
            val = argv[++i];
        }

        int r = 0;
        if (!strcmp(name, "--size")) {
            int wh[2];
            if ((r = parse_pair(name, val, 'x', 1, 16384, wh)) == 0)
                o->width = wh[0], o->height = wh[1];
        }
        else if (!strcmp(name, "--fps"))
            r = parse_int(name, val, 1, 1000, &o->fps);
        else if (!strcmp(name, "--duration"))
            r = parse_double(name, val, 0.0, 86400.0, &o->duration);
        else if (!strcmp(name, "--vcodec"))
            o->vcodec = val;
        else if (!strcmp(name, "--gop"))
            r = parse_int(name, val, 1, 100000, &o->gop);
        else if (!strcmp(name, "--bframes"))
            r = parse_int(name, val, 0, 16, &o->bframes);
        else if (!strcmp(name, "--audio-rate"))
            r = parse_int(name, val, 1000, 768000, &o->audio_rate);
        else if (!strcmp(name, "--channels"))
            r = parse_int(name, val, 1, 64, &o->channels);
        else if (!strcmp(name, "--tone"))
            r = parse_double(name, val, 0.0, 384000.0, &o->tone);
        else if (!strcmp(name, "--audio-duration")) {
            r = parse_double(name, val, 0.0, 86400.0, &o->audio_duration);
            o->audio_duration_set = true;
        } else if (!strcmp(name, "--acodec"))
            o->acodec = val;
        else if (!strcmp(name, "--truncate"))
            r = parse_long(name, val, 0, LLONG_MAX, &o->truncate_to);
        else if (!strcmp(name, "--garbage"))
            r = parse_long(name, val, 0, LLONG_MAX, &o->garbage);
        else if (!strcmp(name, "--chroma"))
            r = parse_pair(name, val, ',', 0, 255, o->chroma);
        if (r < 0)
            return -1;
    }

    if (!o->output) {
        errorf("no OUTPUT given");
        usage(stderr);
        return -1;
    }
    if (!o->audio_duration_set)
        o->audio_duration = o->duration;
    if (o->garbage >= 0 && o->truncate_to >= 0) {
        errorf("--garbage and --truncate cannot be combined");
        return -1;
    }
    return 0;
}

/* ---- garbage ---------------------------------------------------------- */

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static int write_garbage(const char *path, long long bytes)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        errorf("cannot create '%s': %s", path, strerror(errno));
        return -1;
    }
    uint64_t state = UINT64_C(0x6D736573732D6761); /* fixed seed */
    unsigned char buf[65536];
    long long left = bytes;
    while (left > 0) {
        size_t n = left < (long long)sizeof(buf) ? (size_t)left : sizeof(buf);
        for (size_t i = 0; i < n; i += 8) {
            uint64_t r = splitmix64(&state);
            for (size_t k = 0; k < 8 && i + k < n; k++)
                buf[i + k] = (unsigned char)(r >> (8 * k));
        }
        if (fwrite(buf, 1, n, f) != n) {
            errorf("cannot write '%s': %s", path, strerror(errno));
            fclose(f);
            remove(path);
            return -1;
        }
        left -= (long long)n;
    }
    if (fclose(f) != 0) {
        errorf("cannot write '%s': %s", path, strerror(errno));
        remove(path);
        return -1;
    }
    return 0;
}

/* ---- codec choice ----------------------------------------------------- */

static bool is_pcm(enum AVCodecID id)
{
    return id >= AV_CODEC_ID_PCM_S16LE && id < AV_CODEC_ID_ADPCM_IMA_QT;
}

static const AVCodec *find_encoder(const char *name, enum AVMediaType type)
{
    const AVCodec *c = avcodec_find_encoder_by_name(name);
    if (!c) {
        /* also accept a codec name ("h264", "vp9", "opus") */
        const AVCodecDescriptor *d = avcodec_descriptor_get_by_name(name);
        if (d)
            c = avcodec_find_encoder(d->id);
    }
    if (!c) {
        errorf("no encoder named '%s' (see ffmpeg -encoders)", name);
        return NULL;
    }
    if (c->type != type) {
        errorf("encoder '%s' is not a%s encoder", name,
               type == AVMEDIA_TYPE_VIDEO ? " video" : "n audio");
        return NULL;
    }
    return c;
}

/* Whether the container refuses codec id: it says so itself (webm), or it
 * cannot tell and is a container that only takes its own codecs (ogg, oga,
 * opus, spx, mp3: default audio Vorbis, Opus, FLAC, Speex or MP3). */
static bool container_refuses(const AVOutputFormat *of, enum AVCodecID id)
{
    int q = avformat_query_codec(of, id, FF_COMPLIANCE_NORMAL);
    if (q >= 0)
        return q == 0;
    if (id == of->video_codec || id == of->audio_codec)
        return false;
    return of->audio_codec == AV_CODEC_ID_VORBIS ||
           of->audio_codec == AV_CODEC_ID_OPUS ||
           of->audio_codec == AV_CODEC_ID_FLAC ||
           of->audio_codec == AV_CODEC_ID_SPEEX ||
           of->audio_codec == AV_CODEC_ID_MP3;
}

/* Whether the container holds video clips: not when it has no default video
 * codec or only takes still pictures as cover art (aiff, mp3, flac: png). */
static bool container_has_video(const AVOutputFormat *of)
{
    return of->video_codec != AV_CODEC_ID_NONE &&
           of->video_codec != AV_CODEC_ID_PNG;
}

/* libx264 (else mpeg4), or the container's own video codec when it refuses
 * that. NULL when there is none: the clip then has no video stream. */
static const AVCodec *default_video_encoder(const AVOutputFormat *of)
{
    const AVCodec *c = avcodec_find_encoder_by_name("libx264");
    if (!c)
        c = avcodec_find_encoder(AV_CODEC_ID_MPEG4);
    if (!c || container_refuses(of, c->id))
        c = of->video_codec != AV_CODEC_ID_NONE
                ? avcodec_find_encoder(of->video_codec) : NULL;
    return c;
}

/* aac, or the container's own audio codec for PCM containers (wav, aiff,
 * ...) and for containers that refuse AAC (webm, ogg). */
static const AVCodec *default_audio_encoder(const AVOutputFormat *of)
{
    enum AVCodecID def = of->audio_codec;
    const AVCodec *c;

    if (is_pcm(def) || (def != AV_CODEC_ID_NONE &&
                        container_refuses(of, AV_CODEC_ID_AAC)))
        c = avcodec_find_encoder(def);
    else
        c = avcodec_find_encoder_by_name("aac");
    if (!c)
        errorf("no default audio encoder for container '%s' (%s); use --acodec "
               "or --audio-duration 0", of->name,
               avcodec_get_name(def != AV_CODEC_ID_NONE ? def : AV_CODEC_ID_AAC));
    return c;
}

/* ---- video ------------------------------------------------------------ */

static bool pix_fmt_listed(const enum AVPixelFormat *list, enum AVPixelFormat f)
{
    for (; list && *list != AV_PIX_FMT_NONE; list++)
        if (*list == f)
            return true;
    return false;
}

static enum AVPixelFormat choose_pix_fmt(const AVCodec *c)
{
    const enum AVPixelFormat *list = c->pix_fmts;
    if (!list)
        return AV_PIX_FMT_YUV420P;
    /* JPEG-style encoders (mjpeg) put the full-range format first and
     * refuse limited-range 4:2:0 by default: give them what they prefer.
     * Others (libx264 lists yuvj420p too) get plain yuv420p. */
    if (list[0] == AV_PIX_FMT_YUVJ420P)
        return AV_PIX_FMT_YUVJ420P;
    if (pix_fmt_listed(list, AV_PIX_FMT_YUV420P))
        return AV_PIX_FMT_YUV420P;
    return avcodec_find_best_pix_fmt_of_list(list, AV_PIX_FMT_YUV420P, 0, NULL);
}

static void set_priv(AVCodecContext *ctx, const char *key, const char *value)
{
    /* best effort: not every encoder build has every option */
    if (ctx->priv_data)
        av_opt_set(ctx->priv_data, key, value, 0);
}

/* Stream, encoder context and frame for one output stream. */
static int new_stream(struct gen *g, struct out_stream *os, const AVCodec *codec)
{
    os->st = avformat_new_stream(g->oc, NULL);
    os->enc = avcodec_alloc_context3(codec);
    os->frame = av_frame_alloc();
    if (!os->st || !os->enc || !os->frame) {
        errorf("out of memory");
        return -1;
    }
    return 0;
}

static int open_video(struct gen *g, const AVCodec *codec)
{
    const struct options *o = g->opt;
    struct out_stream *os = &g->video;
    const char *name = codec->name;

    if (new_stream(g, os, codec) < 0)
        return -1;
    AVCodecContext *ctx = os->enc;
    ctx->width = o->width;
    ctx->height = o->height;
    ctx->time_base = (AVRational){1, o->fps};
    ctx->framerate = (AVRational){o->fps, 1};
    ctx->sample_aspect_ratio = (AVRational){1, 1};
    ctx->pix_fmt = choose_pix_fmt(codec);
    if (ctx->pix_fmt == AV_PIX_FMT_NONE) {
        errorf("encoder '%s' has no usable pixel format", name);
        return -1;
    }
    const AVPixFmtDescriptor *pd = av_pix_fmt_desc_get(ctx->pix_fmt);
    bool jpeg_range = ctx->pix_fmt == AV_PIX_FMT_YUVJ420P ||
                      ctx->pix_fmt == AV_PIX_FMT_YUVJ422P ||
                      ctx->pix_fmt == AV_PIX_FMT_YUVJ444P ||
                      (pd && (pd->flags & AV_PIX_FMT_FLAG_RGB));
    ctx->color_range = jpeg_range ? AVCOL_RANGE_JPEG : AVCOL_RANGE_MPEG;
    ctx->gop_size = o->gop;
    ctx->keyint_min = o->gop;
    ctx->thread_count = 1; /* deterministic output */
    ctx->flags |= AV_CODEC_FLAG_BITEXACT;

    const AVCodecDescriptor *desc = avcodec_descriptor_get(codec->id);
    if (desc && (desc->props & AV_CODEC_PROP_REORDER))
        ctx->max_b_frames = o->bframes;

    if (!strcmp(name, "libx264") || !strcmp(name, "libx264rgb")) {
        /* x264 refuses odd 4:2:0 sizes (and leaks when it does) */
        if (pd && (pd->log2_chroma_w || pd->log2_chroma_h) &&
            ((o->width & 1) || (o->height & 1))) {
            errorf("encoder '%s' needs an even --size for %s (got %dx%d)",
                   name, av_get_pix_fmt_name(ctx->pix_fmt), o->width,
                   o->height);
            return -1;
        }
        set_priv(ctx, "preset", "veryfast");
        set_priv(ctx, "crf", "20");
        set_priv(ctx, "sc_threshold", "0"); /* no scene-cut keyframes */
    } else if (!strcmp(name, "libvpx-vp9")) {
        ctx->bit_rate = 0;
        set_priv(ctx, "crf", "30");
        set_priv(ctx, "deadline", "good");
        set_priv(ctx, "cpu-used", "4");
        set_priv(ctx, "row-mt", "0");
    } else if (!strcmp(name, "libvpx")) {
        int64_t br = (int64_t)o->width * o->height * o->fps / 4;
        ctx->bit_rate = br < 200000 ? 200000 : br;
        set_priv(ctx, "crf", "10");
        set_priv(ctx, "deadline", "good");
        set_priv(ctx, "cpu-used", "4");
    } else {
        /* mpeg4, mjpeg, mpeg2video, ...: constant quantizer 3 */
        ctx->flags |= AV_CODEC_FLAG_QSCALE;
        ctx->global_quality = FF_QP2LAMBDA * 3;
        set_priv(ctx, "sc_threshold", "1000000000"); /* no scene-cut I-frames */
    }
    if (codec->capabilities & AV_CODEC_CAP_EXPERIMENTAL)
        ctx->strict_std_compliance = FF_COMPLIANCE_EXPERIMENTAL;
    if (g->oc->oformat->flags & AVFMT_GLOBALHEADER)
        ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;

    int ret = avcodec_open2(ctx, codec, NULL);
    if (ret < 0)
        return av_fail(ret, "cannot open video encoder '%s' (%dx%d, %s)", name,
                       o->width, o->height, av_get_pix_fmt_name(ctx->pix_fmt));

    os->st->time_base = ctx->time_base;
    os->st->avg_frame_rate = ctx->framerate;
    os->st->sample_aspect_ratio = ctx->sample_aspect_ratio;
    ret = avcodec_parameters_from_context(os->st->codecpar, ctx);
    if (ret < 0)
        return av_fail(ret, "cannot set video stream parameters");

    os->frame->format = ctx->pix_fmt;
    os->frame->width = ctx->width;
    os->frame->height = ctx->height;
    ret = av_frame_get_buffer(os->frame, 0);
    if (ret < 0)
        return av_fail(ret, "cannot allocate a video frame");

    if (ctx->pix_fmt != AV_PIX_FMT_YUV420P) {
        os->src = av_frame_alloc();
        if (!os->src) {
            errorf("out of memory");
            return -1;
        }
        os->src->format = AV_PIX_FMT_YUV420P;
        os->src->width = ctx->width;
        os->src->height = ctx->height;
        ret = av_frame_get_buffer(os->src, 0);
        if (ret < 0)
            return av_fail(ret, "cannot allocate a video frame");
        os->sws = sws_getContext(ctx->width, ctx->height, AV_PIX_FMT_YUV420P,
                                 ctx->width, ctx->height, ctx->pix_fmt,
                                 SWS_BICUBIC | SWS_ACCURATE_RND, NULL, NULL,
                                 NULL);
        if (!os->sws) {
            errorf("cannot convert yuv420p to %s for encoder '%s'",
                   av_get_pix_fmt_name(ctx->pix_fmt), name);
            return -1;
        }
    }

    double frames = o->duration * o->fps;
    os->total = llround(frames);
    if (os->total < 1)
        os->total = 1;
    return 0;
}

/* Fill os->frame with picture number i. */
static int make_video_frame(struct gen *g, int64_t i)
{
    struct out_stream *os = &g->video;
    const struct options *o = g->opt;
    int ret = av_frame_make_writable(os->frame);
    if (ret < 0)
        return av_fail(ret, "cannot get a writable video frame");

    AVFrame *pic = os->src ? os->src : os->frame;
    /* frames whose start time lies in the first FLASH_MS of a second */
    bool flash = o->flash_beep &&
                 (int64_t)(i % o->fps) * 1000 < (int64_t)FLASH_MS * o->fps;
    framecode_draw_bg(pic->data[0], pic->linesize[0], o->width, o->height,
                      (uint32_t)i, flash ? FRAMECODE_WHITE : FRAMECODE_GREY);
    int cw = (o->width + 1) / 2, ch = (o->height + 1) / 2;
    for (int p = 1; p <= 2; p++)
        for (int r = 0; r < ch; r++)
            memset(pic->data[p] + (ptrdiff_t)r * pic->linesize[p], o->chroma[p - 1],
                   (size_t)cw);

    if (os->src) {
        sws_scale(os->sws, (const uint8_t *const *)os->src->data,
                  os->src->linesize, 0, o->height, os->frame->data,
                  os->frame->linesize);
    }
    os->frame->pts = i;
    return 0;
}

/* ---- audio ------------------------------------------------------------ */

static int open_audio(struct gen *g, const AVCodec *codec)
{
    const struct options *o = g->opt;
    struct out_stream *os = &g->audio;
    const char *name = codec->name;

    if (new_stream(g, os, codec) < 0)
        return -1;
    AVCodecContext *ctx = os->enc;

    ctx->sample_fmt = codec->sample_fmts ? codec->sample_fmts[0]
                                         : AV_SAMPLE_FMT_S16;
    if (codec->supported_samplerates) {
        const int *r = codec->supported_samplerates;
        while (*r && *r != o->audio_rate)
            r++;
        if (!*r) {
            char list[256] = "";
            for (r = codec->supported_samplerates; *r; r++) {
                size_t n = strlen(list);
                snprintf(list + n, sizeof(list) - n, "%s%d", n ? " " : "", *r);
            }
            errorf("encoder '%s' does not support %d Hz (supported: %s)", name,
                   o->audio_rate, list);
            return -1;
        }
    }
    ctx->sample_rate = o->audio_rate;

    int ret;
    if (codec->ch_layouts) {
        const AVChannelLayout *l = codec->ch_layouts;
        while (l->nb_channels && l->nb_channels != o->channels)
            l++;
        if (!l->nb_channels) {
            errorf("encoder '%s' does not support %d channel(s)", name,
                   o->channels);
            return -1;
        }
        ret = av_channel_layout_copy(&ctx->ch_layout, l);
        if (ret < 0)
            return av_fail(ret, "cannot set the channel layout");
    } else {
        av_channel_layout_uninit(&ctx->ch_layout);
        av_channel_layout_default(&ctx->ch_layout, o->channels);
    }
    ctx->time_base = (AVRational){1, o->audio_rate};
    ctx->thread_count = 1;
    ctx->flags |= AV_CODEC_FLAG_BITEXACT;
    if (codec->capabilities & AV_CODEC_CAP_EXPERIMENTAL)
        ctx->strict_std_compliance = FF_COMPLIANCE_EXPERIMENTAL;
    if (g->oc->oformat->flags & AVFMT_GLOBALHEADER)
        ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;

    ret = avcodec_open2(ctx, codec, NULL);
    if (ret < 0)
        return av_fail(ret, "cannot open audio encoder '%s' (%d Hz, %d ch, %s)",
                       name, o->audio_rate, o->channels,
                       av_get_sample_fmt_name(ctx->sample_fmt));

    os->st->time_base = ctx->time_base;
    ret = avcodec_parameters_from_context(os->st->codecpar, ctx);
    if (ret < 0)
        return av_fail(ret, "cannot set audio stream parameters");

    if ((codec->capabilities & AV_CODEC_CAP_VARIABLE_FRAME_SIZE) ||
        ctx->frame_size <= 0)
        os->frame_samples = VARIABLE_FRAME_SAMPLES;
    else
        os->frame_samples = ctx->frame_size;

    os->frame->format = ctx->sample_fmt;
    os->frame->sample_rate = ctx->sample_rate;
    os->frame->nb_samples = os->frame_samples;
    ret = av_channel_layout_copy(&os->frame->ch_layout, &ctx->ch_layout);
    if (ret < 0)
        return av_fail(ret, "cannot set the channel layout");
    ret = av_frame_get_buffer(os->frame, 0);
    if (ret < 0)
        return av_fail(ret, "cannot allocate an audio frame");

    os->total = llround(o->audio_duration * o->audio_rate);
    return 0;
}

static double sample_value(const struct options *o, int64_t n)
{
    int64_t rate = o->audio_rate;
    if (o->flash_beep) {
        int64_t pos = n % rate; /* the beep restarts at phase 0 each second */
        if (pos * 1000 >= (int64_t)FLASH_MS * rate)
            return 0.0;
        return AMPLITUDE * sin(2.0 * M_PI * o->tone * (double)pos / (double)rate);
    }
    /* keep the phase argument small for long clips */
    double cycles = fmod(o->tone * (double)n, (double)rate) / (double)rate;
    return AMPLITUDE * sin(2.0 * M_PI * cycles);
}

static void store_sample(AVFrame *f, enum AVSampleFormat fmt, int channels,
                         int ch, int i, double v)
{
    bool planar = av_sample_fmt_is_planar(fmt);
    int bps = av_get_bytes_per_sample(fmt);
    uint8_t *p = planar ? f->extended_data[ch] + (size_t)i * bps
                        : f->extended_data[0] + ((size_t)i * channels + ch) * bps;
    switch (av_get_packed_sample_fmt(fmt)) {
    case AV_SAMPLE_FMT_U8: {
        uint8_t s = (uint8_t)(lrint(v * 127.0) + 128);
        memcpy(p, &s, sizeof(s));
        break;
    }
    case AV_SAMPLE_FMT_S16: {
        int16_t s = (int16_t)lrint(v * 32767.0);
        memcpy(p, &s, sizeof(s));
        break;
    }
    case AV_SAMPLE_FMT_S32: {
        int32_t s = (int32_t)lrint(v * 2147483647.0);
        memcpy(p, &s, sizeof(s));
        break;
    }
    case AV_SAMPLE_FMT_S64: {
        int64_t s = llrint(v * 9223372036854775807.0 * 0.999);
        memcpy(p, &s, sizeof(s));
        break;
    }
    case AV_SAMPLE_FMT_FLT: {
        float s = (float)v;
        memcpy(p, &s, sizeof(s));
        break;
    }
    case AV_SAMPLE_FMT_DBL:
        memcpy(p, &v, sizeof(v));
        break;
    default:
        break;
    }
}

static bool sample_fmt_supported(enum AVSampleFormat fmt)
{
    switch (av_get_packed_sample_fmt(fmt)) {
    case AV_SAMPLE_FMT_U8: case AV_SAMPLE_FMT_S16: case AV_SAMPLE_FMT_S32:
    case AV_SAMPLE_FMT_S64: case AV_SAMPLE_FMT_FLT: case AV_SAMPLE_FMT_DBL:
        return true;
    default:
        return false;
    }
}

/* Fill os->frame with the next samples (the last frame may be short). */
static int make_audio_frame(struct gen *g)
{
    struct out_stream *os = &g->audio;
    const struct options *o = g->opt;
    int ret = av_frame_make_writable(os->frame);
    if (ret < 0)
        return av_fail(ret, "cannot get a writable audio frame");

    int64_t left = os->total - os->next;
    int n = left < os->frame_samples ? (int)left : os->frame_samples;
    enum AVSampleFormat fmt = os->enc->sample_fmt;
    int channels = os->enc->ch_layout.nb_channels;
    os->frame->nb_samples = n;
    for (int i = 0; i < n; i++) {
        double v = sample_value(o, os->next + i);
        for (int c = 0; c < channels; c++)
            store_sample(os->frame, fmt, channels, c, i, v);
    }
    os->frame->pts = os->next;
    os->next += n;
    return 0;
}

/* ---- muxing ----------------------------------------------------------- */

/* Send a frame (NULL = flush) and write every packet that comes out. */
static int encode(struct gen *g, struct out_stream *os, AVFrame *frame)
{
    AVCodecContext *ctx = os->enc;
    bool video = os == &g->video;
    int ret = avcodec_send_frame(ctx, frame);
    if (ret < 0)
        return av_fail(ret, "%s encoder '%s' refused a frame",
                       video ? "video" : "audio", ctx->codec->name);
    for (;;) {
        ret = avcodec_receive_packet(ctx, g->pkt);
        if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF)
            return 0;
        if (ret < 0)
            return av_fail(ret, "%s encoding with '%s' failed",
                           video ? "video" : "audio", ctx->codec->name);
        if (video && g->pkt->duration <= 0)
            g->pkt->duration = 1;
        av_packet_rescale_ts(g->pkt, ctx->time_base, os->st->time_base);
        g->pkt->stream_index = os->st->index;
        ret = av_interleaved_write_frame(g->oc, g->pkt);
        if (ret < 0)
            return av_fail(ret, "cannot write a %s packet to '%s'",
                           video ? "video" : "audio", g->opt->output);
    }
}

static int run(struct gen *g)
{
    struct out_stream *v = &g->video, *a = &g->audio;
    while (!v->done || !a->done) {
        struct out_stream *os;
        if (v->done)
            os = a;
        else if (a->done)
            os = v;
        else
            os = av_compare_ts(v->next, v->enc->time_base, a->next,
                               a->enc->time_base) <= 0 ? v : a;

        if (os->next >= os->total) {
            if (encode(g, os, NULL) < 0)
                return -1;
            os->done = true;
            continue;
        }
        if (os == v) {
            if (make_video_frame(g, v->next) < 0)
                return -1;
            v->next++;
        } else {
            if (make_audio_frame(g) < 0)
                return -1;
        }
        if (encode(g, os, os->frame) < 0)
            return -1;
    }
    return 0;
}

static int generate(struct gen *g)
{
    const struct options *o = g->opt;
    int ret = avformat_alloc_output_context2(&g->oc, NULL, NULL, o->output);
    if (ret < 0 || !g->oc) {
        errorf("cannot choose a container for '%s' from its extension",
               o->output);
        return -1;
    }
    const AVOutputFormat *of = g->oc->oformat;
    /* reproducible files: no random UIDs, dates or version strings */
    g->oc->flags |= AVFMT_FLAG_BITEXACT;

    /* which streams */
    bool want_video = o->duration > 0 && (o->vcodec || container_has_video(of));
    bool want_audio = o->audio_duration > 0 &&
                      (o->acodec || of->audio_codec != AV_CODEC_ID_NONE);
    if (want_audio && llround(o->audio_duration * o->audio_rate) < 1)
        want_audio = false;

    const AVCodec *vc = NULL, *ac = NULL;
    if (want_video) {
        if (o->vcodec) {
            vc = find_encoder(o->vcodec, AVMEDIA_TYPE_VIDEO);
            if (!vc)
                return -1;
        } else {
            vc = default_video_encoder(of); /* NULL: no video (ogg) */
        }
        if (vc && avformat_query_codec(of, vc->id, FF_COMPLIANCE_NORMAL) == 0) {
            errorf("container '%s' cannot hold %s video (encoder '%s')",
                   of->name, avcodec_get_name(vc->id), vc->name);
            return -1;
        }
    }
    if (want_audio) {
        ac = o->acodec ? find_encoder(o->acodec, AVMEDIA_TYPE_AUDIO)
                       : default_audio_encoder(of);
        if (!ac)
            return -1;
        if (avformat_query_codec(of, ac->id, FF_COMPLIANCE_NORMAL) == 0) {
            errorf("container '%s' cannot hold %s audio (encoder '%s')",
                   of->name, avcodec_get_name(ac->id), ac->name);
            return -1;
        }
    }

    if (!vc && !ac) {
        errorf("nothing to write: no video (--duration) and no audio "
               "(--audio-duration) stream for container '%s'", of->name);
        return -1;
    }

    g->pkt = av_packet_alloc();
    if (!g->pkt) {
        errorf("out of memory");
        return -1;
    }
    g->video.done = true;
    g->audio.done = true;
    if (vc) {
        if (open_video(g, vc) < 0)
            return -1;
        g->video.done = false;
    }
    if (ac) {
        if (open_audio(g, ac) < 0)
            return -1;
        if (!sample_fmt_supported(g->audio.enc->sample_fmt)) {
            errorf("encoder '%s' wants unsupported sample format %s", ac->name,
                   av_get_sample_fmt_name(g->audio.enc->sample_fmt));
            return -1;
        }
        g->audio.done = false;
    }

    if (!(of->flags & AVFMT_NOFILE)) {
        ret = avio_open(&g->oc->pb, o->output, AVIO_FLAG_WRITE);
        if (ret < 0)
            return av_fail(ret, "cannot create '%s'", o->output);
        g->file_opened = true;
    }
    /* AVI times video by frame count: shifting every stream to make the
     * AAC priming packet's negative timestamp non-negative would insert an
     * empty video frame. Keep the encoders' timestamps as they are. */
    if (!strcmp(of->name, "avi"))
        g->oc->avoid_negative_ts = AVFMT_AVOID_NEG_TS_DISABLED;
    ret = avformat_write_header(g->oc, NULL);
    if (ret < 0)
        return av_fail(ret, "container '%s' cannot take these streams "
                       "(video %s, audio %s)", of->name,
                       vc ? vc->name : "none", ac ? ac->name : "none");

    if (run(g) < 0)
        return -1;

    ret = av_write_trailer(g->oc);
    if (ret < 0)
        return av_fail(ret, "cannot finish '%s'", o->output);
    if (g->file_opened) {
        ret = avio_closep(&g->oc->pb);
        if (ret < 0)
            return av_fail(ret, "cannot write '%s'", o->output);
    }
    return 0;
}

static void free_stream(struct out_stream *os)
{
    avcodec_free_context(&os->enc);
    av_frame_free(&os->frame);
    av_frame_free(&os->src);
    sws_freeContext(os->sws);
    os->sws = NULL;
}

static int truncate_output(const char *path, long long bytes)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        errorf("cannot truncate '%s': %s", path, strerror(errno));
        return -1;
    }
    if ((long long)sb.st_size < bytes) {
        errorf("cannot truncate '%s' to %lld bytes: it has only %lld", path,
               bytes, (long long)sb.st_size);
        return -1;
    }
    if (truncate(path, (off_t)bytes) != 0) {
        errorf("cannot truncate '%s': %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct options opt;
    if (parse_args(argc, argv, &opt) < 0)
        return 1;

    if (opt.garbage >= 0)
        return write_garbage(opt.output, opt.garbage) < 0 ? 1 : 0;

    av_log_set_level(opt.verbose ? AV_LOG_INFO : AV_LOG_ERROR);

    struct gen g;
    memset(&g, 0, sizeof(g));
    g.opt = &opt;
    int ret = generate(&g);

    free_stream(&g.video);
    free_stream(&g.audio);
    av_packet_free(&g.pkt);
    if (g.oc) {
        if (g.file_opened && g.oc->pb)
            avio_closep(&g.oc->pb);
        avformat_free_context(g.oc);
    }

    if (ret == 0 && opt.truncate_to >= 0)
        ret = truncate_output(opt.output, opt.truncate_to);
    if (ret < 0) {
        if (g.file_opened)
            remove(opt.output);
        return 1;
    }
    return 0;
}

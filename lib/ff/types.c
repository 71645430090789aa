/* FFmpeg <-> msess: error codes, pixel and sample formats, media types. */
#include <errno.h>

#include <libavutil/display.h>
#include <libavutil/pixdesc.h>

#include "core/util.h"
#include "ff/ff.h"

int msess__ff_error(int e)
{
    if (e >= 0)
        return e;
    switch (e) {
    case AVERROR(ENOMEM): return MSESS_ENOMEM;
    case AVERROR(EINVAL): return MSESS_EINVAL;
    case AVERROR(ENOENT): return MSESS_ENOENT;
    case AVERROR(EAGAIN): return MSESS_EAGAIN;
    case AVERROR(ETIMEDOUT): return MSESS_ETIMEDOUT;
    case AVERROR(EACCES):
    case AVERROR(EIO): return MSESS_EIO;
    case AVERROR_EOF: return MSESS_EOF;
    case AVERROR_EXIT: return MSESS_ESHUTDOWN;
    case AVERROR_INVALIDDATA: return MSESS_EINVALIDDATA;
    case AVERROR_PROTOCOL_NOT_FOUND:
    case AVERROR_DEMUXER_NOT_FOUND:
    case AVERROR_PATCHWELCOME: return MSESS_EUNSUPPORTED;
    case AVERROR_DECODER_NOT_FOUND: return MSESS_ECODEC;
    case AVERROR_STREAM_NOT_FOUND: return MSESS_ENOENT;
    case AVERROR_HTTP_NOT_FOUND: return MSESS_ENOENT;
    default:
        if (e == AVERROR(ECONNREFUSED) || e == AVERROR(EHOSTUNREACH) ||
            e == AVERROR(ENETUNREACH) || e == AVERROR(ECONNRESET))
            return MSESS_EIO;
        return MSESS_EEXTERNAL;
    }
}

static const struct { enum AVPixelFormat av; enum msess_pixel_format m; } pix_map[] = {
    { AV_PIX_FMT_YUV420P, MSESS_PIX_YUV420P },
    { AV_PIX_FMT_NV12, MSESS_PIX_NV12 },
    { AV_PIX_FMT_YUV422P, MSESS_PIX_YUV422P },
    { AV_PIX_FMT_YUV444P, MSESS_PIX_YUV444P },
    { AV_PIX_FMT_YUV420P10LE, MSESS_PIX_YUV420P10 },
    { AV_PIX_FMT_P010LE, MSESS_PIX_P010 },
    { AV_PIX_FMT_RGBA, MSESS_PIX_RGBA },
    { AV_PIX_FMT_BGRA, MSESS_PIX_BGRA },
    { AV_PIX_FMT_RGB24, MSESS_PIX_RGB24 },
    { AV_PIX_FMT_GRAY8, MSESS_PIX_GRAY8 },
};

enum msess_pixel_format msess__ff_pix(enum AVPixelFormat f)
{
    if (f == AV_PIX_FMT_NONE)
        return MSESS_PIX_NONE;
    for (size_t i = 0; i < MSESS__ARRAY_LEN(pix_map); i++)
        if (pix_map[i].av == f)
            return pix_map[i].m;
    return MSESS_PIX_OTHER;
}

enum AVPixelFormat msess__ff_to_pix(enum msess_pixel_format f)
{
    for (size_t i = 0; i < MSESS__ARRAY_LEN(pix_map); i++)
        if (pix_map[i].m == f)
            return pix_map[i].av;
    return AV_PIX_FMT_NONE;
}

static const struct { enum AVSampleFormat av; enum msess_sample_format m; } smp_map[] = {
    { AV_SAMPLE_FMT_U8, MSESS_SAMPLE_U8 },     { AV_SAMPLE_FMT_S16, MSESS_SAMPLE_S16 },
    { AV_SAMPLE_FMT_S32, MSESS_SAMPLE_S32 },   { AV_SAMPLE_FMT_FLT, MSESS_SAMPLE_FLT },
    { AV_SAMPLE_FMT_DBL, MSESS_SAMPLE_DBL },   { AV_SAMPLE_FMT_U8P, MSESS_SAMPLE_U8P },
    { AV_SAMPLE_FMT_S16P, MSESS_SAMPLE_S16P }, { AV_SAMPLE_FMT_S32P, MSESS_SAMPLE_S32P },
    { AV_SAMPLE_FMT_FLTP, MSESS_SAMPLE_FLTP }, { AV_SAMPLE_FMT_DBLP, MSESS_SAMPLE_DBLP },
};

enum msess_sample_format msess__ff_sample(enum AVSampleFormat f)
{
    if (f == AV_SAMPLE_FMT_NONE)
        return MSESS_SAMPLE_NONE;
    for (size_t i = 0; i < MSESS__ARRAY_LEN(smp_map); i++)
        if (smp_map[i].av == f)
            return smp_map[i].m;
    return MSESS_SAMPLE_OTHER;
}

enum AVSampleFormat msess__ff_to_sample(enum msess_sample_format f)
{
    for (size_t i = 0; i < MSESS__ARRAY_LEN(smp_map); i++)
        if (smp_map[i].m == f)
            return smp_map[i].av;
    return AV_SAMPLE_FMT_NONE;
}

const char *msess_pixel_format_name(enum msess_pixel_format fmt)
{
    if (fmt == MSESS_PIX_OTHER)
        return "other";
    const char *n = av_get_pix_fmt_name(msess__ff_to_pix(fmt));
    return n ? n : "none";
}

const char *msess_sample_format_name(enum msess_sample_format fmt)
{
    if (fmt == MSESS_SAMPLE_OTHER)
        return "other";
    const char *n = av_get_sample_fmt_name(msess__ff_to_sample(fmt));
    return n ? n : "none";
}

static enum msess_media_kind kind_of(enum AVMediaType t)
{
    switch (t) {
    case AVMEDIA_TYPE_VIDEO: return MSESS_MEDIA_VIDEO;
    case AVMEDIA_TYPE_AUDIO: return MSESS_MEDIA_AUDIO;
    case AVMEDIA_TYPE_SUBTITLE: return MSESS_MEDIA_SUBTITLE;
    case AVMEDIA_TYPE_DATA: return MSESS_MEDIA_DATA;
    default: return MSESS_MEDIA_UNKNOWN;
    }
}

void msess__ff_type_from_par(msess_media_type *mt, const AVStream *st)
{
    const AVCodecParameters *par = st->codecpar;
    *mt = (msess_media_type){ 0 };
    mt->kind = kind_of(par->codec_type);
    mt->compressed = true;
    mt->codec = avcodec_get_name(par->codec_id);
    mt->ff_format = -1;
    mt->sample_aspect = (msess_rational){ 0, 1 };
    mt->frame_rate = (msess_rational){ 0, 1 };
    if (mt->kind == MSESS_MEDIA_VIDEO) {
        mt->width = par->width;
        mt->height = par->height;
        mt->sample_aspect = (msess_rational){ par->sample_aspect_ratio.num,
                                              par->sample_aspect_ratio.den ? par->sample_aspect_ratio.den : 1 };
        AVRational fr = st->avg_frame_rate.num ? st->avg_frame_rate : st->r_frame_rate;
        mt->frame_rate = (msess_rational){ fr.num, fr.den ? fr.den : 1 };
        mt->pixel_format = msess__ff_pix(par->format);
    } else if (mt->kind == MSESS_MEDIA_AUDIO) {
        mt->sample_rate = par->sample_rate;
        mt->channels = par->ch_layout.nb_channels;
        mt->sample_format = msess__ff_sample(par->format);
    }
}

void msess__ff_type_from_frame(msess_media_type *mt, const AVFrame *f,
                               enum msess_media_kind kind)
{
    *mt = (msess_media_type){ 0 };
    mt->kind = kind;
    mt->ff_format = f->format;
    mt->sample_aspect = (msess_rational){ 0, 1 };
    mt->frame_rate = (msess_rational){ 0, 1 };
    if (kind == MSESS_MEDIA_VIDEO) {
        mt->codec = "rawvideo";
        mt->width = f->width;
        mt->height = f->height;
        mt->pixel_format = msess__ff_pix(f->format);
        mt->sample_aspect = (msess_rational){ f->sample_aspect_ratio.num,
                                              f->sample_aspect_ratio.den ? f->sample_aspect_ratio.den : 1 };
    } else {
        mt->codec = "pcm";
        mt->sample_rate = f->sample_rate;
        mt->channels = f->ch_layout.nb_channels;
        mt->sample_format = msess__ff_sample(f->format);
    }
}

msess_time msess__ff_to_ticks(int64_t ts, AVRational tb)
{
    if (ts == AV_NOPTS_VALUE)
        return MSESS_TIME_NONE;
    return av_rescale_q(ts, tb, (AVRational){ 1, (int)MSESS_TIME_PER_SECOND });
}

int64_t msess__ff_from_ticks(msess_time t, AVRational tb)
{
    if (t == MSESS_TIME_NONE)
        return AV_NOPTS_VALUE;
    return av_rescale_q(t, (AVRational){ 1, (int)MSESS_TIME_PER_SECOND }, tb);
}

bool msess__ff_have_decoder(const char *codec_name, enum msess_media_kind kind)
{
    (void)kind;
    const AVCodecDescriptor *d = codec_name ? avcodec_descriptor_get_by_name(codec_name) : NULL;
    return d && avcodec_find_decoder(d->id);
}

void msess__ff_log_init(void)
{
    /* FFmpeg's own messages would interleave with the application's output;
     * msess reports failures through its own errors and logger instead. */
    if (av_log_get_level() == AV_LOG_INFO) /* still FFmpeg's default */
        av_log_set_level(AV_LOG_QUIET);
}

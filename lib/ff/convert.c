/* Converters: libswscale for pixel formats, libswresample for sample format,
 * rate and channel layout. Inserted by the loader only when a sink cannot
 * take the decoder's output as it is. */
#include <stdlib.h>

#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
#include <libavutil/opt.h>

#include "core/util.h"
#include "ff/ff.h"

struct msess__converter {
    enum msess_media_kind kind;
    msess_media_type out;
    /* video */
    struct SwsContext *sws;
    int in_w, in_h, in_fmt;
    /* audio */
    SwrContext *swr;
    AVChannelLayout out_layout;
    AVChannelLayout in_layout;
    int in_rate;
    int64_t next_pts;    /* ticks of the next output sample */
    int64_t next_in_pts; /* ticks where the next input frame should start */
};

int msess__converter_create(msess__converter **out, const msess_media_type *in,
                            const msess_media_type *out_type)
{
    (void)in;
    msess__converter *c = msess__calloc(1, sizeof(*c));
    if (!c)
        return MSESS_ENOMEM;
    c->kind = out_type->kind;
    c->out = *out_type;
    c->in_fmt = -1;
    c->next_pts = AV_NOPTS_VALUE;
    c->next_in_pts = AV_NOPTS_VALUE;
    if (c->kind == MSESS_MEDIA_AUDIO)
        av_channel_layout_default(&c->out_layout, out_type->channels);
    *out = c;
    return 0;
}

void msess__converter_destroy(msess__converter **pc)
{
    if (!pc || !*pc)
        return;
    msess__converter *c = *pc;
    sws_freeContext(c->sws);
    swr_free(&c->swr);
    av_channel_layout_uninit(&c->out_layout);
    av_channel_layout_uninit(&c->in_layout);
    msess__free(c);
    *pc = NULL;
}

static int convert_video(msess__converter *c, const AVFrame *in, AVFrame **out)
{
    *out = NULL;
    if (!in)
        return 0;
    int w = c->out.width ? c->out.width : in->width;
    int h = c->out.height ? c->out.height : in->height;
    enum AVPixelFormat ofmt = c->out.ff_format >= 0 ? c->out.ff_format
                                                    : msess__ff_to_pix(c->out.pixel_format);
    if (!c->sws || c->in_w != in->width || c->in_h != in->height || c->in_fmt != in->format) {
        sws_freeContext(c->sws);
        c->sws = sws_getContext(in->width, in->height, in->format, w, h, ofmt,
                                SWS_BILINEAR, NULL, NULL, NULL);
        if (!c->sws)
            return MSESS_ECODEC;
        c->in_w = in->width;
        c->in_h = in->height;
        c->in_fmt = in->format;
    }
    AVFrame *f = av_frame_alloc();
    if (!f)
        return MSESS_ENOMEM;
    f->format = ofmt;
    f->width = w;
    f->height = h;
    int ret = av_frame_get_buffer(f, 0);
    if (ret >= 0)
        ret = av_frame_copy_props(f, in);
    if (ret >= 0)
        ret = sws_scale(c->sws, (const uint8_t *const *)in->data, in->linesize, 0,
                        in->height, f->data, f->linesize);
    if (ret < 0) {
        av_frame_free(&f);
        return msess__ff_error(ret);
    }
    *out = f;
    return 0;
}

static int convert_audio(msess__converter *c, const AVFrame *in, AVFrame **out)
{
    *out = NULL;
    enum AVSampleFormat ofmt = c->out.ff_format >= 0 ? c->out.ff_format
                                                     : msess__ff_to_sample(c->out.sample_format);
    int orate = c->out.sample_rate;
    if (in && c->swr && (in->sample_rate != c->in_rate || in->format != c->in_fmt ||
                         av_channel_layout_compare(&in->ch_layout, &c->in_layout))) {
        swr_free(&c->swr); /* the decoder changed its output mid-stream */
    }
    if (in && !c->swr) {
        c->in_rate = in->sample_rate;
        c->in_fmt = in->format;
        av_channel_layout_uninit(&c->in_layout);
        if (av_channel_layout_copy(&c->in_layout, &in->ch_layout) < 0)
            return MSESS_ENOMEM;
        int ret = swr_alloc_set_opts2(&c->swr, &c->out_layout, ofmt, orate,
                                      (AVChannelLayout *)&in->ch_layout, in->format, in->sample_rate, 0, NULL);
        if (ret >= 0)
            ret = swr_init(c->swr);
        if (ret < 0) {
            swr_free(&c->swr);
            return MSESS_ECODEC;
        }
    }
    if (!c->swr)
        return 0;
    /* Output times follow the samples, re-anchored on the input's own time
     * whenever it jumps (a loop, a gap): pts are ticks here. */
    if (in && in->pts != AV_NOPTS_VALUE &&
        (c->next_pts == AV_NOPTS_VALUE || c->next_in_pts == AV_NOPTS_VALUE ||
         llabs(in->pts - c->next_in_pts) > 2 * MSESS_TIME_PER_MS)) {
        int64_t held = swr_get_delay(c->swr, MSESS_TIME_PER_SECOND); /* buffered, in ticks */
        c->next_pts = in->pts - held;
    }
    if (in && in->pts != AV_NOPTS_VALUE && in->sample_rate > 0)
        c->next_in_pts = in->pts + msess__rescale(in->nb_samples, MSESS_TIME_PER_SECOND,
                                                  in->sample_rate);
    int in_n = in ? in->nb_samples : 0;
    int max_out = (int)swr_get_out_samples(c->swr, in_n);
    if (max_out <= 0)
        return 0;
    AVFrame *f = av_frame_alloc();
    if (!f)
        return MSESS_ENOMEM;
    f->format = ofmt;
    f->sample_rate = orate;
    f->nb_samples = max_out;
    int ret = av_channel_layout_copy(&f->ch_layout, &c->out_layout);
    if (ret >= 0)
        ret = av_frame_get_buffer(f, 0);
    if (ret >= 0)
        ret = swr_convert(c->swr, f->data, max_out,
                          in ? (const uint8_t **)in->extended_data : NULL, in_n);
    if (ret <= 0) {
        av_frame_free(&f);
        return ret < 0 ? msess__ff_error(ret) : 0;
    }
    f->nb_samples = ret;
    f->pts = c->next_pts;
    MSESS__FDUR(f) = msess__rescale(ret, MSESS_TIME_PER_SECOND, orate);
    if (c->next_pts != AV_NOPTS_VALUE)
        c->next_pts += MSESS__FDUR(f);
    *out = f;
    return 0;
}

int msess__converter_convert(msess__converter *c, const AVFrame *in, AVFrame **out)
{
    return c->kind == MSESS_MEDIA_VIDEO ? convert_video(c, in, out)
                                        : convert_audio(c, in, out);
}

void msess__converter_reset(msess__converter *c)
{
    swr_free(&c->swr);
    c->next_pts = AV_NOPTS_VALUE;
    c->next_in_pts = AV_NOPTS_VALUE;
}

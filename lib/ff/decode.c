/* Decoders: libavcodec with frame and slice threads. */
#include "core/util.h"
#include "ff/ff.h"
#include "os/thread.h"

int msess__decoder_open(msess__decoder *d, const AVStream *st, int threads,
                        const msess_logger *log)
{
    const AVCodec *codec = avcodec_find_decoder(st->codecpar->codec_id);
    if (!codec) {
        msess__err(log, "no decoder for %s", avcodec_get_name(st->codecpar->codec_id));
        return MSESS_ECODEC;
    }
    d->ctx = avcodec_alloc_context3(codec);
    if (!d->ctx)
        return MSESS_ENOMEM;
    int ret = avcodec_parameters_to_context(d->ctx, st->codecpar);
    if (ret < 0)
        goto fail;
    d->ctx->pkt_timebase = st->time_base;
    d->tb = st->time_base;
    d->ctx->thread_count = threads > 0 ? threads : MSESS__MIN(msess__cpu_count(), 16);
    d->ctx->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
    d->kind = st->codecpar->codec_type == AVMEDIA_TYPE_VIDEO ? MSESS_MEDIA_VIDEO
                                                             : MSESS_MEDIA_AUDIO;
    ret = avcodec_open2(d->ctx, codec, NULL);
    if (ret < 0)
        goto fail;
    return 0;
fail:
    msess__err(log, "cannot open %s decoder: %s", codec->name, av_err2str(ret));
    avcodec_free_context(&d->ctx);
    return msess__ff_error(ret) == MSESS_ENOMEM ? MSESS_ENOMEM : MSESS_ECODEC;
}

void msess__decoder_close(msess__decoder *d)
{
    avcodec_free_context(&d->ctx);
}

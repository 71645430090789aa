/* Sources: libavformat demuxers over a URL or an application byte stream. */
#include <stdio.h>
#include <string.h>

#include <libavutil/display.h>

#include "core/util.h"
#include "ff/ff.h"

void msess_source_default_settings(msess_source_settings *s)
{
    *s = (msess_source_settings){ .log = { .level = MSESS_LOG_WARN },
                                  .io_buffer_size = 65536 };
}

static int interrupt_cb(void *opaque)
{
    msess_source *src = opaque;
    return atomic_load_explicit(&src->abort, memory_order_relaxed);
}

static int io_read(void *opaque, uint8_t *buf, int size)
{
    msess_source *src = opaque;
    int n = src->io.read(src->io.userdata, buf, size);
    if (n == 0)
        return AVERROR_EOF;
    return n < 0 ? AVERROR(EIO) : n;
}

static int64_t io_seek(void *opaque, int64_t offset, int whence)
{
    msess_source *src = opaque;
    if (whence & AVSEEK_SIZE)
        return src->io.size ? src->io.size(src->io.userdata) : -1;
    int64_t r = src->io.seek(src->io.userdata, offset, whence & ~AVSEEK_FORCE);
    return r < 0 ? AVERROR(EIO) : r;
}

static bool is_attached_pic(const AVStream *st)
{
    return st->disposition & AV_DISPOSITION_ATTACHED_PIC;
}

static int open_common(msess_source *src, const char *url, const msess_source_settings *s)
{
    msess__ff_log_init();
    AVFormatContext *fmt = avformat_alloc_context();
    if (!fmt)
        return MSESS_ENOMEM;
    fmt->interrupt_callback = (AVIOInterruptCB){ interrupt_cb, src };
    if (src->has_io) {
        fmt->pb = src->avio;
        fmt->flags |= AVFMT_FLAG_CUSTOM_IO;
    }
    const AVInputFormat *ifmt = NULL;
    if (s->format && !(ifmt = av_find_input_format(s->format))) {
        avformat_free_context(fmt);
        msess__err(&src->log, "unknown container format '%s'", s->format);
        return MSESS_EUNSUPPORTED;
    }
    AVDictionary *opts = NULL;
    if (s->probe_size > 0)
        av_dict_set_int(&opts, "probesize", s->probe_size, 0);
    av_dict_set(&opts, "rw_timeout", "15000000", 0); /* network: 15 s */
    int ret = avformat_open_input(&fmt, url, ifmt, &opts);
    av_dict_free(&opts);
    if (ret < 0) {
        /* avformat_open_input freed fmt */
        int err = msess__ff_error(ret);
        if (err == MSESS_EEXTERNAL || err == MSESS_EINVAL)
            err = MSESS_EINVALIDDATA;
        msess__err(&src->log, "cannot open '%s': %s", url ? url : "(stream)",
                   av_err2str(ret));
        return err;
    }
    src->fmt = fmt;
    /* FFmpeg's tty demuxer renders any *.txt as ANSI art: a text file is
     * not media unless the caller asked for that demuxer by name. */
    if (!ifmt && !strcmp(fmt->iformat->name, "tty")) {
        msess__err(&src->log, "'%s' is a text file, not media", url ? url : "(stream)");
        return MSESS_EUNSUPPORTED;
    }
    ret = avformat_find_stream_info(fmt, NULL);
    if (ret < 0) {
        msess__err(&src->log, "cannot read stream info: %s", av_err2str(ret));
        return msess__ff_error(ret) == MSESS_ENOMEM ? MSESS_ENOMEM : MSESS_EINVALIDDATA;
    }
    if (!fmt->nb_streams) {
        msess__err(&src->log, "no streams in '%s'", url ? url : "(stream)");
        return MSESS_EINVALIDDATA;
    }
    src->selected = msess__calloc(fmt->nb_streams, sizeof(*src->selected));
    if (!src->selected)
        return MSESS_ENOMEM;
    src->start = fmt->start_time == AV_NOPTS_VALUE ? 0
               : msess__rescale(fmt->start_time, MSESS_TIME_PER_SECOND, AV_TIME_BASE);

    for (unsigned i = 0; i < fmt->nb_streams; i++) {
        AVStream *st = fmt->streams[i];
        enum AVMediaType t = st->codecpar->codec_type;
        if (s->select_all)
            src->selected[i] = (t == AVMEDIA_TYPE_VIDEO || t == AVMEDIA_TYPE_AUDIO);
        st->discard = AVDISCARD_ALL;
    }
    if (!s->select_all) {
        int v = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);
        if (v >= 0 && is_attached_pic(fmt->streams[v]))
            v = -1;
        /* Prefer a real video track over cover art. */
        for (unsigned i = 0; v < 0 && i < fmt->nb_streams; i++)
            if (fmt->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_VIDEO &&
                !is_attached_pic(fmt->streams[i]))
                v = (int)i;
        int a = av_find_best_stream(fmt, AVMEDIA_TYPE_AUDIO, -1, v, NULL, 0);
        if (v >= 0)
            src->selected[v] = true;
        if (a >= 0)
            src->selected[a] = true;
    }
    for (unsigned i = 0; i < fmt->nb_streams; i++)
        if (src->selected[i])
            fmt->streams[i]->discard = AVDISCARD_DEFAULT;
    return 0;
}

static int source_alloc(msess_source **out, const msess_source_settings *s,
                        msess_source_settings *def)
{
    if (!out)
        return MSESS_EINVAL;
    *out = NULL;
    if (!s) {
        msess_source_default_settings(def);
        s = def;
    } else {
        *def = *s;
    }
    if (def->io_buffer_size <= 0)
        def->io_buffer_size = 65536;
    msess_source *src = msess__calloc(1, sizeof(*src));
    if (!src)
        return MSESS_ENOMEM;
    src->log = def->log;
    *out = src;
    return 0;
}

int msess_source_open(msess_source **out, const char *url,
                      const msess_source_settings *s)
{
    msess_source_settings set;
    if (!url)
        return MSESS_EINVAL;
    int ret = source_alloc(out, s, &set);
    if (ret < 0)
        return ret;
    ret = open_common(*out, url, &set);
    if (ret < 0)
        msess_source_destroy(out);
    return ret;
}

int msess_source_open_io(msess_source **out, const msess_io *io,
                         const msess_source_settings *s)
{
    msess_source_settings set;
    if (!io || !io->read)
        return MSESS_EINVAL;
    int ret = source_alloc(out, s, &set);
    if (ret < 0)
        return ret;
    msess_source *src = *out;
    uint8_t *buf = av_malloc(set.io_buffer_size);
    src->avio = buf ? avio_alloc_context(buf, set.io_buffer_size, 0, src, io_read, NULL,
                                         io->seek ? io_seek : NULL)
                    : NULL;
    if (!src->avio) {
        av_free(buf);
        msess_source_destroy(out);
        return MSESS_ENOMEM;
    }
    src->io = *io;
    src->io.close = NULL; /* not ours until the open succeeds */
    src->has_io = true;
    ret = open_common(src, NULL, &set);
    if (ret < 0) {
        msess_source_destroy(out);
        return ret;
    }
    src->io.close = io->close;
    return 0;
}

void msess_source_destroy(msess_source **psrc)
{
    if (!psrc || !*psrc)
        return;
    msess_source *src = *psrc;
    avformat_close_input(&src->fmt);
    if (src->avio) {
        av_freep(&src->avio->buffer);
        avio_context_free(&src->avio);
    }
    if (src->has_io && src->io.close)
        src->io.close(src->io.userdata);
    msess__free(src->selected);
    msess__free(src);
    *psrc = NULL;
}

unsigned msess_source_stream_count(const msess_source *src)
{
    return src && src->fmt ? src->fmt->nb_streams : 0;
}

static int display_rotation(const AVStream *st)
{
    size_t size = 0;
    const uint8_t *m = av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, &size);
    if (!m || size < 9 * sizeof(int32_t))
        return 0;
    double r = -av_display_rotation_get((const int32_t *)m);
    if (r != r) /* NaN: a degenerate matrix */
        return 0;
    int deg = (int)((r < 0 ? r - 0.5 : r + 0.5));
    return ((deg % 360) + 360) % 360;
}

int msess_source_stream_info(const msess_source *src, unsigned index,
                             msess_stream_info *out)
{
    if (!src || !out)
        return MSESS_EINVAL;
    if (index >= msess_source_stream_count(src))
        return MSESS_ENOENT;
    const AVStream *st = src->fmt->streams[index];
    *out = (msess_stream_info){ .index = index };
    msess__ff_type_from_par(&out->type, st);
    out->duration = msess__ff_to_ticks(st->duration, st->time_base);
    out->start_time = msess__ff_to_ticks(st->start_time, st->time_base);
    out->frame_count = st->nb_frames > 0 ? st->nb_frames : -1;
    out->bitrate = (int)st->codecpar->bit_rate;
    const AVDictionaryEntry *lang = av_dict_get(st->metadata, "language", NULL, 0);
    out->language = lang ? lang->value : NULL;
    out->attached_picture = is_attached_pic(st);
    out->rotation = display_rotation(st);
    return 0;
}

int msess_source_select_stream(msess_source *src, unsigned index, bool selected)
{
    if (!src)
        return MSESS_EINVAL;
    if (index >= msess_source_stream_count(src))
        return MSESS_ENOENT;
    if (atomic_load(&src->in_use))
        return MSESS_EBUSY;
    src->selected[index] = selected;
    src->fmt->streams[index]->discard = selected ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    return 0;
}

bool msess_source_stream_selected(const msess_source *src, unsigned index)
{
    return src && index < msess_source_stream_count(src) && src->selected[index];
}

int msess_source_find_stream(const msess_source *src, enum msess_media_kind kind)
{
    if (!src)
        return MSESS_EINVAL;
    for (unsigned i = 0; i < msess_source_stream_count(src); i++) {
        msess_stream_info info;
        if (src->selected[i] && !msess_source_stream_info(src, i, &info) &&
            info.type.kind == kind)
            return (int)i;
    }
    return MSESS_ENOENT;
}

msess_time msess_source_duration(const msess_source *src)
{
    if (!src || !src->fmt)
        return MSESS_TIME_NONE;
    if (src->fmt->duration != AV_NOPTS_VALUE && src->fmt->duration > 0)
        return msess__rescale(src->fmt->duration, MSESS_TIME_PER_SECOND, AV_TIME_BASE);
    return MSESS_TIME_NONE;
}

bool msess_source_seekable(const msess_source *src)
{
    if (!src || !src->fmt)
        return false;
    if (src->fmt->pb && !(src->fmt->pb->seekable & AVIO_SEEKABLE_NORMAL))
        return false;
    return !(src->fmt->ctx_flags & AVFMTCTX_UNSEEKABLE);
}

bool msess_source_is_network(const msess_source *src)
{
    if (!src || !src->fmt || !src->fmt->url || src->has_io)
        return false;
    const char *u = src->fmt->url;
    const char *colon = strstr(u, "://");
    if (!colon)
        return false;
    return strncmp(u, "file:", 5) != 0 && strncmp(u, "pipe:", 5) != 0;
}

const char *msess_source_format_name(const msess_source *src)
{
    return src && src->fmt ? src->fmt->iformat->name : NULL;
}

const char *msess_source_metadata(const msess_source *src, const char *key)
{
    if (!src || !src->fmt || !key)
        return NULL;
    const AVDictionaryEntry *e = av_dict_get(src->fmt->metadata, key, NULL, 0);
    return e ? e->value : NULL;
}

int msess_source_metadata_at(const msess_source *src, unsigned i,
                             const char **key, const char **value)
{
    if (!src || !src->fmt)
        return MSESS_EINVAL;
    const AVDictionaryEntry *e = NULL;
    for (unsigned n = 0; (e = av_dict_get(src->fmt->metadata, "", e, AV_DICT_IGNORE_SUFFIX)); n++) {
        if (n == i) {
            if (key)
                *key = e->key;
            if (value)
                *value = e->value;
            return 0;
        }
    }
    return MSESS_ENOENT;
}

int msess__source_seek(msess_source *src, msess_time pos)
{
    int64_t ts = msess__rescale(pos + src->start, AV_TIME_BASE, MSESS_TIME_PER_SECOND);
    int ret = avformat_seek_file(src->fmt, -1, INT64_MIN, ts, ts, 0);
    if (ret < 0) /* some demuxers only seek backwards by flag */
        ret = av_seek_frame(src->fmt, -1, ts, AVSEEK_FLAG_BACKWARD);
    return ret < 0 ? msess__ff_error(ret) : 0;
}

int msess__ff_decoded_type(const msess_source *src, unsigned stream, msess_media_type *raw)
{
    const AVStream *st = src->fmt->streams[stream];
    if (!avcodec_find_decoder(st->codecpar->codec_id))
        return MSESS_ECODEC;
    msess__ff_type_from_par(raw, st);
    raw->compressed = false;
    raw->ff_format = st->codecpar->format;
    if (raw->kind == MSESS_MEDIA_VIDEO) {
        raw->codec = "rawvideo";
        if (raw->ff_format < 0) /* not probed: the common case */
            raw->ff_format = AV_PIX_FMT_YUV420P;
        raw->pixel_format = msess__ff_pix(raw->ff_format);
    } else if (raw->kind == MSESS_MEDIA_AUDIO) {
        raw->codec = "pcm";
        if (raw->ff_format < 0)
            raw->ff_format = AV_SAMPLE_FMT_FLTP;
        raw->sample_format = msess__ff_sample(raw->ff_format);
    } else {
        return MSESS_ETOPO_UNSUPPORTED;
    }
    return 0;
}

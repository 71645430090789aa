/* Null sink: presents nothing, at the clock's pace or as fast as frames come.
 * It can ask for a format, so that its frame callback sees converted frames
 * (the Media Foundation shim's sample grabber). */
#include "core/sink.h"
#include "core/util.h"
#include "ff/ff.h"

#define MAX_FORMATS 16

typedef struct null_sink {
    enum msess_pixel_format formats[MAX_FORMATS];
    int nb_formats;
    int width, height;
    int sample_rate, channels;
    enum msess_sample_format sample_format;
} null_sink;

static int negotiate(msess_sink *s, const msess_media_type *in, msess_media_type *want)
{
    const null_sink *n = s->priv;
    if (s->kind == MSESS_MEDIA_VIDEO) {
        bool listed = !n->nb_formats;
        for (int i = 0; i < n->nb_formats && !listed; i++)
            listed = n->formats[i] == in->pixel_format && in->pixel_format != MSESS_PIX_OTHER;
        if (!listed) {
            want->pixel_format = n->formats[0];
            want->ff_format = msess__ff_to_pix(n->formats[0]);
        }
        if (n->width) {
            want->width = n->width;
            want->height = n->height;
        }
        return 0;
    }
    if (n->sample_rate)
        want->sample_rate = n->sample_rate;
    if (n->channels)
        want->channels = n->channels;
    if (n->sample_format != MSESS_SAMPLE_NONE) {
        want->sample_format = n->sample_format;
        want->ff_format = msess__ff_to_sample(n->sample_format);
    }
    return 0;
}

static const msess__sink_ops null_ops = {
    .name = "null",
    .priv_size = sizeof(null_sink),
    .negotiate = negotiate,
    .start = msess__presenter_start,
    .stop = msess__presenter_stop,
};

void msess_null_sink_default_settings(msess_null_sink_settings *s)
{
    *s = (msess_null_sink_settings){ .kind = MSESS_MEDIA_VIDEO, .clocked = true,
                                     .formats = NULL, .sample_format = MSESS_SAMPLE_NONE };
}

#define MAX_SIZE 16384
#define MAX_RATE 768000
#define MAX_CHANNELS 64
#define MAX_LEAD (3600 * MSESS_TIME_PER_SECOND)

static int check_settings(const msess_null_sink_settings *s, int *nb_formats)
{
    if (s->kind != MSESS_MEDIA_VIDEO && s->kind != MSESS_MEDIA_AUDIO)
        return MSESS_EINVAL;
    int n = 0;
    for (; s->formats && s->formats[n] != MSESS_PIX_NONE; n++)
        if (n >= MAX_FORMATS || s->formats[n] < MSESS_PIX_YUV420P ||
            s->formats[n] >= MSESS_PIX_OTHER)
            return MSESS_EINVAL;
    *nb_formats = n;
    if (s->width < 0 || s->height < 0 || s->width > MAX_SIZE || s->height > MAX_SIZE ||
        !s->width != !s->height)
        return MSESS_EINVAL;
    if (s->sample_rate < 0 || s->sample_rate > MAX_RATE || s->channels < 0 ||
        s->channels > MAX_CHANNELS || s->sample_format < MSESS_SAMPLE_NONE ||
        s->sample_format >= MSESS_SAMPLE_OTHER)
        return MSESS_EINVAL;
    if (s->lead < 0 || s->lead > MAX_LEAD)
        return MSESS_EINVAL;
    return 0;
}

int msess_null_sink_create(msess_sink **out, const msess_null_sink_settings *s)
{
    msess_null_sink_settings def;
    if (!s) {
        msess_null_sink_default_settings(&def);
        s = &def;
    }
    int nb_formats = 0;
    int ret = check_settings(s, &nb_formats);
    if (ret < 0) {
        if (out)
            *out = NULL;
        return ret;
    }
    if ((ret = msess__sink_create(out, &null_ops, s->kind)) < 0)
        return ret;
    null_sink *n = (*out)->priv;
    for (int i = 0; i < nb_formats; i++)
        n->formats[i] = s->formats[i];
    n->nb_formats = nb_formats;
    n->width = s->width;
    n->height = s->height;
    n->sample_rate = s->sample_rate;
    n->channels = s->channels;
    n->sample_format = s->sample_format;
    (*out)->clocked = s->clocked;
    (*out)->lead = s->lead;
    return 0;
}

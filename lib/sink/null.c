/* Null sink: presents nothing, at the clock's pace or as fast as frames come. */
#include "core/sink.h"
#include "core/util.h"

static const msess__sink_ops null_ops = {
    .name = "null",
    .start = msess__presenter_start,
    .stop = msess__presenter_stop,
};

void msess_null_sink_default_settings(msess_null_sink_settings *s)
{
    *s = (msess_null_sink_settings){ .kind = MSESS_MEDIA_VIDEO, .clocked = true };
}

int msess_null_sink_create(msess_sink **out, const msess_null_sink_settings *s)
{
    msess_null_sink_settings def;
    if (!s) {
        msess_null_sink_default_settings(&def);
        s = &def;
    }
    if (s->kind != MSESS_MEDIA_VIDEO && s->kind != MSESS_MEDIA_AUDIO)
        return MSESS_EINVAL;
    int ret = msess__sink_create(out, &null_ops, s->kind);
    if (ret >= 0)
        (*out)->clocked = s->clocked;
    return ret;
}

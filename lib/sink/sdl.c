/* Video output when msess is built without SDL2: every entry point fails
 * with MSESS_ENOSYS, so programs link and can fall back. */
#include "core/sink.h"

void msess_video_output_default_settings(msess_video_output_settings *s)
{
    *s = (msess_video_output_settings){ .title = "msess", .x = -1, .y = -1 };
}

int msess_video_output_create(msess_sink **out, const msess_video_output_settings *s)
{
    (void)s;
    if (out)
        *out = NULL;
    return MSESS_ENOSYS;
}

int msess_video_output_set_fullscreen(msess_sink *sink, bool fullscreen)
{
    (void)sink, (void)fullscreen;
    return MSESS_ENOSYS;
}

void msess_video_output_set_event_callback(msess_sink *sink, msess_video_output_event_fn fn,
                                           void *userdata)
{
    (void)sink, (void)fn, (void)userdata;
}

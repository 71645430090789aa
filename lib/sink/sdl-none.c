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

void msess_video_output_default_layout(msess_video_layout *l)
{
    *l = (msess_video_layout){ .src_left = 0.0f, .src_top = 0.0f, .src_right = 1.0f,
                               .src_bottom = 1.0f };
}

int msess_video_output_set_layout(msess_sink *sink, const msess_video_layout *l)
{
    (void)sink, (void)l;
    return MSESS_ENOSYS;
}

int msess_video_output_get_layout(const msess_sink *sink, msess_video_layout *l)
{
    (void)sink, (void)l;
    return MSESS_ENOSYS;
}

int msess_video_output_get_video_size(const msess_sink *sink, int *width, int *height,
                                      msess_rational *sar)
{
    (void)sink, (void)width, (void)height, (void)sar;
    return MSESS_ENOSYS;
}

int msess_video_output_repaint(msess_sink *sink)
{
    (void)sink;
    return MSESS_ENOSYS;
}

int msess_video_output_set_window(msess_sink *sink, void *native_window)
{
    (void)sink, (void)native_window;
    return MSESS_ENOSYS;
}

int msess_video_output_snapshot(msess_sink *sink, msess_video_snapshot *out)
{
    (void)sink;
    if (out)
        *out = (msess_video_snapshot){ .pts = MSESS_TIME_NONE };
    return MSESS_ENOSYS;
}

void msess_video_snapshot_free(msess_video_snapshot *snap)
{
    if (snap)
        snap->data = NULL;
}

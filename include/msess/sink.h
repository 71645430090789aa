/* Output sinks: where decoded frames end up. Built-in: null sinks and sinks
 * the application drives from its own loop (games). Device sinks (PortAudio,
 * SDL2) use the same object. */
#ifndef MSESS_SINK_H
#define MSESS_SINK_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Thread-safety: safe. A sink is reference counted: every topology output
 * node holding it keeps a reference, so one sink serves several queued
 * topologies in a row (gapless). A sink feeds from one playing topology at
 * a time. */
typedef struct msess_sink msess_sink;

/* Drop the caller's reference; the sink is freed with the last one. */
MSESS_API void msess_sink_destroy(msess_sink **sink);
MSESS_API msess_sink *msess_sink_ref(msess_sink *sink);

MSESS_API enum msess_media_kind msess_sink_kind(const msess_sink *sink);
MSESS_API const char *msess_sink_name(const msess_sink *sink);

/* Counters since the sink was created or last reset. Times are
 * presentation times of the frames, MSESS_TIME_NONE before the first. */
typedef struct msess_sink_stats {
    uint64_t frames_received;  /* frames that reached the sink */
    uint64_t frames_presented; /* video: shown; audio: frames fully rendered */
    uint64_t frames_dropped;   /* video frames dropped late by the quality policy */
    uint64_t samples_rendered; /* audio: samples per channel rendered */
    uint64_t underruns;        /* audio outputs: times the device ran dry */
    int sample_rate;           /* audio: rate of the rendered samples */
    msess_time first_pts;      /* first presented frame */
    msess_time last_pts;       /* last presented frame */
    msess_time end_time;       /* end of the last presented frame */
} msess_sink_stats;

MSESS_API void msess_sink_get_stats(const msess_sink *sink, msess_sink_stats *out);
MSESS_API void msess_sink_reset_stats(msess_sink *sink);

/* Per-frame observer: called on the sink's presenting thread (or the
 * application's thread for app sinks) after each frame is presented or
 * dropped. Set before playing; NULL removes it. */
typedef struct msess_frame_info {
    enum msess_media_kind kind;
    msess_time pts;
    msess_time duration;
    bool dropped;
    int width, height;            /* video */
    int samples;                  /* audio: samples per channel */
    /* Data of the presented frame, valid during the call only (video:
     * planes; audio: planes, one for packed formats). */
    const uint8_t *data[4];
    int linesize[4];
    int ff_format;
    /* What the planes hold: MSESS_PIX_OTHER / MSESS_SAMPLE_OTHER when msess
     * has no name for ff_format. */
    enum msess_pixel_format pixel_format;  /* video */
    enum msess_sample_format sample_format; /* audio */
    int sample_rate, channels;             /* audio */
} msess_frame_info;

/* The callback is called on the sink's presenting thread (or the
 * application's thread for app sinks), never twice at once for one sink.
 * Once msess_sink_set_frame_callback returns, the previous callback is not
 * running and will not be called again (unless it was called from inside
 * that callback, which does not wait for itself). */
typedef void (*msess_frame_fn)(void *userdata, const msess_frame_info *info);
MSESS_API void msess_sink_set_frame_callback(msess_sink *sink, msess_frame_fn fn,
                                             void *userdata);

/* ---- Null sink: discards frames at the clock's pace, or as fast as the
 * pipeline delivers them. By default it accepts every raw format as the
 * decoder makes it (no converter); the settings can ask for a format, and
 * the loader then inserts a converter (seen by the frame callback). */
typedef struct msess_null_sink_settings {
    enum msess_media_kind kind; /* MSESS_MEDIA_VIDEO or _AUDIO; default VIDEO */
    bool clocked;               /* default true: present against the clock;
                                 * false: as fast as possible, no drops */
    /* Video: accepted pixel formats, terminated by MSESS_PIX_NONE (at most
     * 16); the decoder's format passes through when listed, else it is
     * converted to the first. Default NULL: any format. The array is
     * copied at create. */
    const enum msess_pixel_format *formats;
    /* Video: picture size to scale to; default 0, 0: the stream's. Both or
     * neither. */
    int width, height;
    /* Audio: rate, channel count and sample format to convert to; each
     * default 0 / MSESS_SAMPLE_NONE: the stream's. */
    int sample_rate;
    int channels;
    enum msess_sample_format sample_format;
    /* Clocked: hand each frame over this long before its time (0 to one
     * hour; default 0), for a consumer that wants it early. The frame's
     * pts does not change. */
    msess_time lead;
} msess_null_sink_settings;

MSESS_API void msess_null_sink_default_settings(msess_null_sink_settings *s);
MSESS_API int msess_null_sink_create(msess_sink **out,
                                     const msess_null_sink_settings *s);

/* ---- Application video sink: the application asks, each tick, for the
 * frame to show at a presentation time, and releases it when done. */
typedef struct msess_app_video_settings {
    /* Accepted formats, terminated by MSESS_PIX_NONE; the decoder's format
     * passes through when listed, else a converter to the first is added.
     * Default NULL: any format passes through. */
    const enum msess_pixel_format *formats;
    int queue_frames;           /* frames buffered ahead; default 3 (1..32) */
} msess_app_video_settings;

typedef struct msess_video_frame {
    const uint8_t *data[4];
    int linesize[4];
    int width, height;
    enum msess_pixel_format format;
    int ff_format;
    msess_rational sample_aspect;
    msess_time pts;
    msess_time duration;
    void *priv_;                /* owned by msess */
} msess_video_frame;

MSESS_API void msess_app_video_default_settings(msess_app_video_settings *s);
MSESS_API int msess_app_video_sink_create(msess_sink **out,
                                          const msess_app_video_settings *s);

/* Frame to show at presentation time t: the latest frame whose pts <= t
 * (older ones are dropped and counted). Returns 0 with *out filled (release
 * it with msess_app_video_release), MSESS_EAGAIN when the frame last acquired
 * is still the right one or none is due yet, MSESS_EOF after the last frame.
 * It never blocks: when the application has fallen behind by more than the
 * queue, it returns the newest decoded frame that is due, and newer due
 * frames on the following calls as the decoder catches up.
 * t = MSESS_TIME_NONE takes the next frame whatever its time.
 * Thread: any, one at a time. Planes point into the decoder's frame: no copy. */
MSESS_API int msess_app_video_acquire(msess_sink *sink, msess_time t,
                                      msess_video_frame *out);
MSESS_API void msess_app_video_release(msess_sink *sink, msess_video_frame *f);

/* ---- Application audio sink: the application pulls converted, interleaved
 * audio into its own mixer. When it is the session's time source, the clock
 * follows what the application consumed. */
typedef struct msess_app_audio_settings {
    int sample_rate;                     /* default 48000 */
    int channels;                        /* default 2 */
    enum msess_sample_format format;     /* packed only; default MSESS_SAMPLE_FLT */
    int queue_ms;                        /* audio buffered ahead; default 200 */
} msess_app_audio_settings;

MSESS_API void msess_app_audio_default_settings(msess_app_audio_settings *s);
MSESS_API int msess_app_audio_sink_create(msess_sink **out,
                                          const msess_app_audio_settings *s);

/* Copy up to `frames` sample frames into buf. Returns the number written,
 * which is less than asked while nothing is playing, while the decoder is
 * behind, or at the end (the rest is left untouched; fill it with silence),
 * or MSESS_EOF once the last sample was read. Thread: any, one at a time
 * (the mixer's). */
MSESS_API int msess_app_audio_read(msess_sink *sink, void *buf, int frames);

/* ---- Audio output (PortAudio). Plays through a device and is the clock's
 * preferred time source: its time is what the hardware has played. */
typedef struct msess_audio_output_settings {
    const char *device;    /* part of a PortAudio device name; NULL: the default device */
    int latency_ms;        /* suggested output latency; default 0: the device's low latency */
    float volume;          /* 0..1; default 1 */
    bool muted;            /* default false */
} msess_audio_output_settings;

MSESS_API void msess_audio_output_default_settings(msess_audio_output_settings *s);
/* Errors: MSESS_ENOSYS (built without PortAudio), MSESS_EDEVICE (no such
 * device, or it cannot be opened). */
MSESS_API int msess_audio_output_create(msess_sink **out,
                                        const msess_audio_output_settings *s);
MSESS_API int msess_audio_output_set_volume(msess_sink *sink, float volume);
MSESS_API float msess_audio_output_get_volume(const msess_sink *sink);
MSESS_API int msess_audio_output_set_mute(msess_sink *sink, bool muted);
MSESS_API bool msess_audio_output_get_mute(const msess_sink *sink);
/* Name of output device i (0-based), or NULL past the last. Static storage
 * until the next call. Returns NULL when built without PortAudio. */
MSESS_API const char *msess_audio_output_device_name(int i);

/* ---- Video output (SDL2). Presents on a thread of its own against the
 * clock, into its own window, an application's SDL window/renderer, or a
 * native window handle. */
typedef struct msess_video_output_settings {
    const char *title;     /* own window's title; default "msess" */
    int x, y;              /* own window's position; default -1: centred */
    int width, height;     /* own window's size; default 0: the video's display size */
    bool borderless;       /* default false */
    bool fullscreen;       /* default false */
    void *sdl_window;      /* the application's SDL_Window; NULL: own window */
    void *sdl_renderer;    /* the application's SDL_Renderer (with sdl_window) */
    void *native_window;   /* a native window handle (X11 Window, HWND) to draw into */
    const char *renderer;  /* SDL render driver name ("software", "opengl"); NULL: SDL's choice */
} msess_video_output_settings;

/* Window events of the own window (keys, close), delivered on the output's
 * thread. key is an SDL_Keycode; quit is set when the window was closed. */
typedef struct msess_video_output_event {
    int key;
    bool quit;
} msess_video_output_event;
typedef void (*msess_video_output_event_fn)(void *userdata,
                                            const msess_video_output_event *ev);

MSESS_API void msess_video_output_default_settings(msess_video_output_settings *s);
/* Errors: MSESS_ENOSYS (built without SDL2), MSESS_EDEVICE (no display). */
MSESS_API int msess_video_output_create(msess_sink **out,
                                        const msess_video_output_settings *s);
MSESS_API int msess_video_output_set_fullscreen(msess_sink *sink, bool fullscreen);
MSESS_API void msess_video_output_set_event_callback(msess_sink *sink,
                                                     msess_video_output_event_fn fn,
                                                     void *userdata);

/* Where and how the picture is drawn in the window. Applied by the output's
 * thread within about 10 ms of the call; the defaults draw as before: the
 * whole picture, as large as fits the whole window, centred, black bars. */
typedef struct msess_video_layout {
    /* Part of the picture to show, in fractions of its width and height
     * (0 <= left < right <= 1, 0 <= top < bottom <= 1); default 0, 0, 1, 1. */
    float src_left, src_top, src_right, src_bottom;
    /* Rectangle of the window to draw into, in pixels (may reach past the
     * window); default 0 size: the whole window. */
    int dst_x, dst_y, dst_w, dst_h;
    bool stretch;           /* default false: keep the display aspect, with bars;
                             * true: fill the rectangle */
    uint32_t border_color;  /* bars and the window around the rectangle,
                             * 0xRRGGBB; default 0 (black) */
} msess_video_layout;

MSESS_API void msess_video_output_default_layout(msess_video_layout *layout);
/* Errors: MSESS_EINVAL (not a video output, or a rectangle out of range). */
MSESS_API int msess_video_output_set_layout(msess_sink *sink, const msess_video_layout *layout);
MSESS_API int msess_video_output_get_layout(const msess_sink *sink, msess_video_layout *layout);

/* Size and sample aspect of the video being shown, or, before its first
 * frame, of the stream the output was connected to last. MSESS_EAGAIN when
 * it has seen neither. */
MSESS_API int msess_video_output_get_video_size(const msess_sink *sink, int *width,
                                                int *height, msess_rational *sample_aspect);

/* Draw the picture again (the application painted over the window). */
MSESS_API int msess_video_output_repaint(msess_sink *sink);

/* Draw into another native window from now on (NULL: the output's own
 * window). Not for outputs made with sdl_window (MSESS_EINVAL). The window
 * must stay valid while the output draws into it. */
MSESS_API int msess_video_output_set_window(msess_sink *sink, void *native_window);

/* A copy of what the output shows: the last frame drawn as the layout
 * draws it (crop, aspect, border colour), the size of the layout's
 * destination rectangle, or of the window when it has none; 4 bytes per
 * pixel in B, G, R, A order (A = 255), rows top down. */
typedef struct msess_video_snapshot {
    uint8_t *data;         /* owned by msess: msess_video_snapshot_free */
    int width, height;
    int stride;            /* bytes per row (width * 4) */
    msess_time pts;        /* of the frame shown */
} msess_video_snapshot;
/* Thread: any but the output's own (its event callback). Waits for the
 * output's thread (at most about 100 ms while it draws). Errors:
 * MSESS_EAGAIN (no frame shown yet), MSESS_ENOMEM, MSESS_EINVAL. */
MSESS_API int msess_video_output_snapshot(msess_sink *sink, msess_video_snapshot *out);
MSESS_API void msess_video_snapshot_free(msess_video_snapshot *snapshot);

/* A/V sync as seen by a video output: for every presented frame, its
 * presentation time minus the clock's time at the moment it was shown. */
typedef struct msess_sync_stats {
    uint64_t count;
    double median_ms, p99_ms, max_ms; /* of the absolute differences */
    double mean_ms;                   /* signed: > 0 when frames show early */
} msess_sync_stats;
MSESS_API void msess_sink_get_sync_stats(const msess_sink *sink, msess_sync_stats *out);

#ifdef __cplusplus
}
#endif

#endif

/* Media sources: a demuxed file, URL or application byte stream. */
#ifndef MSESS_SOURCE_H
#define MSESS_SOURCE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Thread-safety: unsafe. A source may be read from any thread, but only one
 * at a time; while a session plays it, the session's source thread owns it
 * and the application only reads the stream list (which does not change). */
typedef struct msess_source msess_source;

/* Application byte stream (a game's archive, memory, ...). Called on the
 * thread that opens the source, then on the playing session's source thread. */
typedef struct msess_io {
    void *userdata;
    /* Read up to size bytes. Returns bytes read, 0 at end of stream, or a
     * negative msess error. Required. */
    int (*read)(void *userdata, uint8_t *buf, int size);
    /* Seek like fseek (whence SEEK_SET/SEEK_CUR/SEEK_END) and return the
     * new position, or a negative msess error. NULL: not seekable. */
    int64_t (*seek)(void *userdata, int64_t offset, int whence);
    /* Total size in bytes, or a negative msess error if unknown. Optional. */
    int64_t (*size)(void *userdata);
    /* Called once when the source is destroyed. Optional. */
    void (*close)(void *userdata);
} msess_io;

typedef struct msess_source_settings {
    msess_logger log;          /* default: silent */
    const char *format;        /* force a demuxer by FFmpeg name; default NULL: probe */
    int64_t probe_size;        /* bytes to probe; default 0: FFmpeg's default */
    int io_buffer_size;        /* msess_io buffer in bytes; default 65536 */
    bool select_all;           /* default false: select the first video and the
                                * first audio stream (not attached pictures) */
} msess_source_settings;

MSESS_API void msess_source_default_settings(msess_source_settings *s);

/* Open a file path or URL. On success *out owns a new source; on failure
 * *out is NULL and the error is returned (MSESS_ENOENT for a missing file,
 * MSESS_EUNSUPPORTED for an unknown scheme or format, MSESS_EINVALIDDATA for
 * data no demuxer understands). */
MSESS_API int msess_source_open(msess_source **out, const char *url,
                                const msess_source_settings *s);

/* Open an application byte stream. io is copied; on success the source
 * calls io->close at destroy, on failure io->close is not called. */
MSESS_API int msess_source_open_io(msess_source **out, const msess_io *io,
                                   const msess_source_settings *s);

/* The source must not be in a topology held by a live session. */
MSESS_API void msess_source_destroy(msess_source **src);

typedef struct msess_stream_info {
    unsigned index;
    msess_media_type type;       /* compressed type as demuxed */
    msess_time duration;         /* MSESS_TIME_NONE if unknown */
    msess_time start_time;       /* MSESS_TIME_NONE if unknown */
    int64_t frame_count;         /* container's count, -1 if unknown */
    int bitrate;                 /* bits per second, 0 if unknown */
    const char *language;        /* ISO 639 code or NULL; valid while the source lives */
    bool attached_picture;       /* cover art shown as a one-frame video stream */
    int rotation;                /* display rotation in degrees, clockwise */
} msess_stream_info;

MSESS_API unsigned msess_source_stream_count(const msess_source *src);
MSESS_API int msess_source_stream_info(const msess_source *src, unsigned index,
                                       msess_stream_info *out);
MSESS_API int msess_source_select_stream(msess_source *src, unsigned index,
                                         bool selected);
MSESS_API bool msess_source_stream_selected(const msess_source *src,
                                            unsigned index);
/* First selected stream of a kind, or a negative error. */
MSESS_API int msess_source_find_stream(const msess_source *src,
                                       enum msess_media_kind kind);

/* Presentation duration (longest stream), MSESS_TIME_NONE if unknown. */
MSESS_API msess_time msess_source_duration(const msess_source *src);
MSESS_API bool msess_source_seekable(const msess_source *src);
MSESS_API bool msess_source_is_network(const msess_source *src);
/* Container format name ("mov,mp4,m4a,3gp,3g2,mj2"). */
MSESS_API const char *msess_source_format_name(const msess_source *src);

/* Container metadata: value for a key (case-insensitive) or NULL; and
 * iteration by index, returning MSESS_ENOENT past the end. Strings stay
 * valid while the source lives. */
MSESS_API const char *msess_source_metadata(const msess_source *src,
                                            const char *key);
MSESS_API int msess_source_metadata_at(const msess_source *src, unsigned i,
                                       const char **key, const char **value);

#ifdef __cplusplus
}
#endif

#endif

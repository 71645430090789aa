/* Types shared by every msess header: export macro, time unit, error codes,
 * logging and media types. */
#ifndef MSESS_COMMON_H
#define MSESS_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "version.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && !defined(MSESS_STATIC)
#  ifdef MSESS_BUILDING
#    define MSESS_API __declspec(dllexport)
#  else
#    define MSESS_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__)
#  define MSESS_API __attribute__((visibility("default")))
#else
#  define MSESS_API
#endif

/* Time: every time and duration in the public API is a count of 100 ns
 * ticks (the unit of Media Foundation's MFTIME, so the shim is lossless). */
typedef int64_t msess_time;
#define MSESS_TIME_PER_SECOND INT64_C(10000000)
#define MSESS_TIME_PER_MS     INT64_C(10000)
/* "No time": an unknown timestamp, or "resume from where it is" for start. */
#define MSESS_TIME_NONE       INT64_MIN

/* Version of the library actually linked (MSESS_VERSION is the headers'). */
MSESS_API unsigned msess_version(void);

/* Error codes: 0 is success, every failure is negative. The X-macro lists
 * name, value and message once; the enum and msess_strerror() come from it. */
#define MSESS_ERRNO_MAP(X)                                                     \
    X(EINVAL,           -1,  "invalid argument")                               \
    X(ENOMEM,           -2,  "out of memory")                                  \
    X(ESTATE,           -3,  "request not valid in the current state")        \
    X(ESHUTDOWN,        -4,  "object has been shut down")                      \
    X(ETIMEDOUT,        -5,  "timed out")                                      \
    X(EAGAIN,           -6,  "nothing available now")                          \
    X(EOF,              -7,  "end of stream")                                  \
    X(ENOENT,           -8,  "no such file, stream or item")                   \
    X(EIO,              -9,  "input/output error")                             \
    X(EUNSUPPORTED,     -10, "unsupported format, scheme or feature")          \
    X(EINVALIDDATA,     -11, "invalid or corrupt data")                        \
    X(ECODEC,           -12, "no decoder or converter for this media type")    \
    X(ETOPO_NO_SOURCE,  -13, "topology source node has no source")             \
    X(ETOPO_NO_STREAM,  -14, "topology source node has no stream")             \
    X(ETOPO_NOT_SELECTED, -15, "topology uses a stream that is not selected")  \
    X(ETOPO_INVALID,    -16, "topology is malformed")                          \
    X(ETOPO_UNSUPPORTED, -17, "topology cannot be connected")                  \
    X(ERATE,            -18, "unsupported rate")                               \
    X(ERATE_TRANSITION, -19, "unsupported rate transition")                    \
    X(EPOSITION,        -20, "invalid position")                               \
    X(ENOSYS,           -21, "feature not compiled in")                        \
    X(EDEVICE,          -22, "output device error")                            \
    X(EBUSY,            -23, "resource busy")                                  \
    X(ENOTIMESOURCE,    -24, "clock has no time source")                       \
    X(ECLOCKSTATE,      -25, "clock is already in that state")                 \
    X(EEXTERNAL,        -26, "error in an underlying library")

enum msess_error {
    MSESS_OK = 0,
#define MSESS__ERR_ENUM(name, value, msg) MSESS_##name = (value),
    MSESS_ERRNO_MAP(MSESS__ERR_ENUM)
#undef MSESS__ERR_ENUM
};

/* Static English message for an error code; never NULL. */
MSESS_API const char *msess_strerror(int err);
/* Symbolic name such as "MSESS_EINVAL"; never NULL. */
MSESS_API const char *msess_error_name(int err);

/* Logging. The callback may be called from any of the object's threads,
 * but never from two at once for the same object's logger. */
enum msess_log_level {
    MSESS_LOG_NONE = 0,
    MSESS_LOG_ERROR,
    MSESS_LOG_WARN,
    MSESS_LOG_INFO,
    MSESS_LOG_DEBUG,
    MSESS_LOG_TRACE,
};

typedef void (*msess_log_fn)(void *userdata, enum msess_log_level level,
                             const char *msg);

typedef struct msess_logger {
    msess_log_fn fn;            /* NULL: silent (default) */
    void *userdata;
    enum msess_log_level level; /* messages above this level are not built; default WARN */
} msess_logger;

/* A logger that prints to stderr; handy for command-line programs. */
MSESS_API void msess_log_stderr(void *userdata, enum msess_log_level level,
                                const char *msg);

typedef struct msess_rational {
    int num, den;
} msess_rational;

enum msess_media_kind {
    MSESS_MEDIA_UNKNOWN = 0,
    MSESS_MEDIA_VIDEO,
    MSESS_MEDIA_AUDIO,
    MSESS_MEDIA_SUBTITLE,
    MSESS_MEDIA_DATA,
};

/* Raw picture formats. Byte layouts are FFmpeg's formats of the same name. */
enum msess_pixel_format {
    MSESS_PIX_NONE = 0,
    MSESS_PIX_YUV420P,
    MSESS_PIX_NV12,
    MSESS_PIX_YUV422P,
    MSESS_PIX_YUV444P,
    MSESS_PIX_YUV420P10,
    MSESS_PIX_P010,
    MSESS_PIX_RGBA,
    MSESS_PIX_BGRA,
    MSESS_PIX_RGB24,
    MSESS_PIX_GRAY8,
    MSESS_PIX_OTHER, /* a format with no msess name; see ff_format */
};

/* Raw sample formats; the _P forms are planar (one plane per channel). */
enum msess_sample_format {
    MSESS_SAMPLE_NONE = 0,
    MSESS_SAMPLE_U8,
    MSESS_SAMPLE_S16,
    MSESS_SAMPLE_S32,
    MSESS_SAMPLE_FLT,
    MSESS_SAMPLE_DBL,
    MSESS_SAMPLE_U8P,
    MSESS_SAMPLE_S16P,
    MSESS_SAMPLE_S32P,
    MSESS_SAMPLE_FLTP,
    MSESS_SAMPLE_DBLP,
    MSESS_SAMPLE_OTHER,
};

/* A media type: what flows on one connection of a topology. */
typedef struct msess_media_type {
    enum msess_media_kind kind;
    bool compressed;       /* true: coded data that needs a decoder */
    const char *codec;     /* codec name ("h264", "aac"); static storage */
    int ff_format;         /* FFmpeg's AVPixelFormat / AVSampleFormat, -1 if compressed */
    /* video */
    int width, height;
    msess_rational sample_aspect; /* 0/1 when unknown */
    msess_rational frame_rate;    /* 0/1 when unknown */
    enum msess_pixel_format pixel_format;
    /* audio */
    int sample_rate;
    int channels;
    enum msess_sample_format sample_format;
} msess_media_type;

MSESS_API const char *msess_media_kind_name(enum msess_media_kind kind);
MSESS_API const char *msess_pixel_format_name(enum msess_pixel_format fmt);
MSESS_API const char *msess_sample_format_name(enum msess_sample_format fmt);

#ifdef __cplusplus
}
#endif

#endif

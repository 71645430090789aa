/* FFmpeg layer: demux (source), decode and convert, and the translation of
 * FFmpeg's types and errors into msess's. The only place that knows both. */
#ifndef MSESS_FF_FF_H
#define MSESS_FF_FF_H

#include <stdatomic.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/frame.h>

#include "msess/source.h"

/* Frame duration field (renamed in libavutil 57.30). Holds ticks once a
 * frame leaves the decoder. */
#if LIBAVUTIL_VERSION_INT >= AV_VERSION_INT(57, 30, 100)
#define MSESS__FDUR(f) ((f)->duration)
#else
#define MSESS__FDUR(f) ((f)->pkt_duration)
#endif

/* ---- errors and types */
int msess__ff_error(int averror);
enum msess_pixel_format msess__ff_pix(enum AVPixelFormat f);
enum AVPixelFormat msess__ff_to_pix(enum msess_pixel_format f);
enum msess_sample_format msess__ff_sample(enum AVSampleFormat f);
enum AVSampleFormat msess__ff_to_sample(enum msess_sample_format f);
void msess__ff_type_from_par(msess_media_type *mt, const AVStream *st);
void msess__ff_type_from_frame(msess_media_type *mt, const AVFrame *f,
                               enum msess_media_kind kind);
/* Ticks <-> stream time base. */
msess_time msess__ff_to_ticks(int64_t ts, AVRational tb);
int64_t msess__ff_from_ticks(msess_time t, AVRational tb);
/* Route FFmpeg's own log through a logger (process-wide, first set wins
 * per level: FFmpeg has one global callback). */
void msess__ff_log_init(void);

/* ---- source */
struct msess_source {
    msess_logger log;
    AVFormatContext *fmt;
    AVIOContext *avio;
    msess_io io;
    bool has_io;
    bool *selected;
    msess_time start; /* container start time in ticks, subtracted everywhere */
    atomic_bool abort;  /* interrupts blocking I/O */
    atomic_bool in_use; /* owned by a playing pipeline */
    bool read_any;      /* packets were read: the next start must seek */
};

/* Seek so that the next packets decode to `pos` (ticks from the start):
 * lands on the keyframe at or before it. */
int msess__source_seek(msess_source *src, msess_time pos);

/* ---- decoder */
typedef struct msess__decoder {
    AVCodecContext *ctx;
    AVRational tb;
    enum msess_media_kind kind;
} msess__decoder;

int msess__decoder_open(msess__decoder *d, const AVStream *st, int threads,
                        const msess_logger *log);
void msess__decoder_close(msess__decoder *d);

/* ---- converter: pixel format (same size) or audio format/rate/layout */
typedef struct msess__converter msess__converter;
int msess__converter_create(msess__converter **out, const msess_media_type *in,
                            const msess_media_type *out_type);
/* Convert one frame. Video: *out is a new frame. Audio: samples may be held
 * back; *out is NULL when none are ready. in NULL drains. */
int msess__converter_convert(msess__converter *c, const AVFrame *in, AVFrame **out);
void msess__converter_destroy(msess__converter **c);

/* Can a decoder produce from this codec? */
bool msess__ff_have_decoder(const char *codec_name, enum msess_media_kind kind);

#endif

/* Forget buffered samples and timestamps (after a seek). */
void msess__converter_reset(msess__converter *c);

/* The raw type a decoder of src's stream will produce (as far as the
 * container tells; the pipeline adapts if frames differ). */
int msess__ff_decoded_type(const msess_source *src, unsigned stream, msess_media_type *raw);

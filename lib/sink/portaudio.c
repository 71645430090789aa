/* Audio output on PortAudio, and the clock's preferred time source.
 *
 * A feeder thread pulls frames from the port, changes tempo with
 * libavfilter's atempo when the clock's rate is not 1 (pitch kept), and
 * writes interleaved float samples into a lock-free single-producer ring.
 * PortAudio's callback copies from the ring with no lock and no allocation,
 * applying volume and short fades at pause and resume, and records when each
 * buffer reaches the DAC. The time source counts the samples that have
 * reached the DAC (silence before a start or during an underrun does not
 * count; after the last sample, time runs on so longer video ends). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavfilter/avfilter.h>
#include <libavutil/opt.h>
#include <libavutil/samplefmt.h>
#include <portaudio.h>
#if MSESS_HAVE_ALSA
#include <alsa/error.h>
#endif

#include "core/clock.h"
#include "core/sink.h"
#include "core/util.h"
#include "ff/ff.h"
#include "os/thread.h"

#define RING_FRAMES   (1u << 15)          /* ~0.68 s at 48 kHz */
#define AHEAD_MS      120                 /* how far the feeder fills ahead */
#define FADE_MS       5
#define NB_RECORDS    2048                /* callback timing records: > 2 s of small buffers */
#define NB_SEGS       64                  /* pts marks in the ring */
#define DEVICE_START_WAIT (2 * MSESS_TIME_PER_SECOND) /* longest wait for a device to play */

typedef struct dac_record {
    _Atomic uint32_t seq;  /* odd while being written */
    int64_t sys_dac;       /* msess__now() when the buffer's first sample plays */
    uint64_t before;       /* counted frames delivered before this buffer */
    uint32_t counted;      /* frames of this buffer that count as played time */
} dac_record;

typedef struct seg {
    uint64_t pos;          /* ring position (frames) */
    msess_time pts;        /* presentation time of the sample there */
    double rate;           /* media seconds per output second from there on */
} seg;

typedef struct pa_out {
    msess_audio_output_settings set;
    char device[256];
    PaDeviceIndex dev;
    PaStream *stream;
    _Atomic int rate;             /* of the open stream (read by the time source) */
    int channels;

    /* ring: producer = feeder, consumer = callback */
    float *ring;
    _Atomic uint64_t wpos, rpos;
    _Atomic uint64_t drop_until;  /* callback skips to here (flush) */
    _Atomic uint64_t eos_pos;     /* UINT64_MAX: no end queued */
    _Atomic int64_t eos_dac;      /* when the last sample plays; 0: not yet */
    msess__port *eos_port;        /* port whose end is playing out (feeder) */

    /* callback state */
    _Atomic bool playing;         /* clock running: consume from the ring */
    float gain;                   /* current fade gain 0..1 (callback only) */
    _Atomic float volume;
    _Atomic bool muted;
    _Atomic uint64_t *underruns;  /* the sink's counter */
    bool starved;                 /* callback only */
    uint64_t counted;             /* frames counted as played time (callback only) */
    dac_record rec[NB_RECORDS];
    _Atomic uint32_t rec_last;
    _Atomic int64_t time_floor;   /* last time handed out (monotonic) */
    _Atomic int64_t failed_at;    /* msess__now() when the device failed; 0: fine */
    uint64_t asked;               /* frames the callback was asked for (callback only) */
    uint64_t prime_frames;        /* ... before the device surely runs */
    _Atomic bool running;         /* callback: the device consumes in real time */
    int64_t opened_at;            /* feeder: msess__now() at the stream's opening */
    msess_time failed_base;       /* time source reading then */

    /* pts marks, feeder writes, control thread reads (lock) */
    msess__mutex seg_lock;
    seg segs[NB_SEGS];
    unsigned nb_segs;

    /* feeder */
    msess__thread thread;
    bool has_thread;
    uint32_t gen;
    AVFrame *cur;                 /* frame being written, and how far */
    int cur_off;
    msess_time media_next;        /* media time of the next sample out of atempo */
    AVFilterGraph *graph;
    AVFilterContext *fsrc, *fsink;
    double graph_rate;
    int graph_in_rate, graph_in_fmt, graph_in_ch;
} pa_out;

static atomic_int pa_users;
static msess__mutex pa_lock = PTHREAD_MUTEX_INITIALIZER;

#if MSESS_HAVE_ALSA
/* PortAudio probes every ALSA device at initialisation and ALSA reports
 * each one that is not there (tens of lines on stderr on a machine without
 * a sound card); the probe's outcome is what matters, not its complaints. */
static void alsa_quiet(const char *file, int line, const char *fn, int err, const char *fmt, ...)
{
    (void)file, (void)line, (void)fn, (void)err, (void)fmt;
}
#endif

static int pa_ref(void)
{
    msess__mutex_lock(&pa_lock);
    int ret = 0;
    PaError err = paNoError;
    if (atomic_load(&pa_users) == 0) {
#if MSESS_HAVE_ALSA
        snd_lib_error_set_handler(alsa_quiet);
#endif
        err = Pa_Initialize();
#if MSESS_HAVE_ALSA
        snd_lib_error_set_handler(NULL); /* ALSA's default again */
#endif
    }
    if (err != paNoError)
        ret = MSESS_EDEVICE;
    else
        atomic_fetch_add(&pa_users, 1);
    msess__mutex_unlock(&pa_lock);
    return ret;
}

static void pa_unref(void)
{
    msess__mutex_lock(&pa_lock);
    if (atomic_fetch_sub(&pa_users, 1) == 1)
        Pa_Terminate();
    msess__mutex_unlock(&pa_lock);
}

/* ---- callback side: no lock, no allocation */

static int callback(const void *in, void *out, unsigned long n,
                    const PaStreamCallbackTimeInfo *ti, PaStreamCallbackFlags flags, void *ud)
{
    (void)in;
    pa_out *o = ud;
    float *dst = out;
    const int ch = o->channels;
    const uint32_t mask = RING_FRAMES - 1;
    uint64_t r = atomic_load_explicit(&o->rpos, memory_order_relaxed);
    uint64_t drop = atomic_load_explicit(&o->drop_until, memory_order_acquire);
    if (r < drop)
        r = drop;
    uint64_t w = atomic_load_explicit(&o->wpos, memory_order_acquire);
    uint64_t eos = atomic_load_explicit(&o->eos_pos, memory_order_acquire);
    bool playing = atomic_load_explicit(&o->playing, memory_order_relaxed);
    float vol = atomic_load_explicit(&o->muted, memory_order_relaxed) ? 0.0f
              : atomic_load_explicit(&o->volume, memory_order_relaxed);
    const int rate = atomic_load_explicit(&o->rate, memory_order_relaxed);
    float step = 1000.0f / (float)(rate * FADE_MS);

    int64_t now = msess__now();
    double ahead = ti && ti->outputBufferDacTime > 0 ? ti->outputBufferDacTime - ti->currentTime : 0;
    if (ahead < 0 || ahead > 2.0)
        ahead = 0;
    int64_t sys_dac = now + (int64_t)(ahead * MSESS_TIME_PER_SECOND);

    unsigned long i = 0, eos_at = n + 1;
    if (r == eos)
        eos_at = 0;
    /* Play while running, and finish a fade-out after a pause. Samples of
     * a following topology come right after an end mark: no gap. */
    while (i < n && r < w && (playing || o->gain > 0.0f)) {
        o->gain = playing ? fminf(1.0f, o->gain + step) : fmaxf(0.0f, o->gain - step);
        const float *src = &o->ring[(size_t)(r & mask) * ch];
        float g = o->gain * vol;
        for (int c = 0; c < ch; c++)
            dst[i * ch + c] = src[c] * g;
        r++, i++;
        if (r == eos)
            eos_at = i;
    }
    unsigned long real = i;
    /* A new stream first fills the device's buffer, then may wait (ALSA's
     * pulse plugin: up to a second) before it plays: it runs once it has
     * asked for more than that buffer. */
    if (!atomic_load_explicit(&o->running, memory_order_relaxed) &&
        (o->asked += n) > o->prime_frames)
        atomic_store_explicit(&o->running, true, memory_order_release);
    bool ended = r >= eos && r >= w;
    if (eos_at <= n && !atomic_load_explicit(&o->eos_dac, memory_order_relaxed))
        atomic_store_explicit(&o->eos_dac, sys_dac + msess__rescale((int64_t)eos_at, MSESS_TIME_PER_SECOND,
                                                                    rate),
                              memory_order_release);
    if (i < n && playing && !ended && !o->starved) {
        o->starved = true;
        atomic_fetch_add_explicit(o->underruns, 1, memory_order_relaxed);
    } else if (i == n) {
        o->starved = false;
    }
    if (flags & paOutputUnderflow) /* the device ran dry before this buffer */
        atomic_fetch_add_explicit(o->underruns, 1, memory_order_relaxed);
    memset(dst + i * ch, 0, (n - i) * ch * sizeof(float));
    atomic_store_explicit(&o->rpos, r, memory_order_release);

    /* Past the last sample, silence counts as time so that longer video
     * plays on; before it, only real samples do (audio is the master). */
    uint32_t counted = (uint32_t)(ended && playing ? n : real);
    uint32_t idx = (atomic_load_explicit(&o->rec_last, memory_order_relaxed) + 1) % NB_RECORDS;
    dac_record *rec = &o->rec[idx];
    atomic_fetch_add_explicit(&rec->seq, 1, memory_order_acq_rel);
    rec->sys_dac = sys_dac;
    rec->before = o->counted;
    rec->counted = counted;
    atomic_fetch_add_explicit(&rec->seq, 1, memory_order_acq_rel);
    atomic_store_explicit(&o->rec_last, idx, memory_order_release);
    o->counted += counted;
    return paContinue;
}

/* Frames counted as played at the DAC by system time t. */
static uint64_t played_at(pa_out *o, int64_t t)
{
    const int rate = atomic_load(&o->rate);
    uint32_t last = atomic_load_explicit(&o->rec_last, memory_order_acquire);
    uint64_t oldest_before = 0;
    int64_t oldest_dac = 0;
    for (unsigned k = 0; k < NB_RECORDS; k++) {
        dac_record *rec = &o->rec[(last + NB_RECORDS - k) % NB_RECORDS];
        uint32_t s1 = atomic_load_explicit(&rec->seq, memory_order_acquire);
        int64_t dac = rec->sys_dac;
        uint64_t before = rec->before;
        uint32_t counted = rec->counted;
        uint32_t s2 = atomic_load_explicit(&rec->seq, memory_order_acquire);
        if (s1 != s2 || (s1 & 1))
            continue; /* being rewritten: an older one will do */
        if (!s1)
            break;
        if (dac > t) { /* not at the DAC yet: look at the one before */
            oldest_before = before;
            oldest_dac = dac;
            continue;
        }
        uint64_t in = (uint64_t)msess__rescale(t - dac, rate, MSESS_TIME_PER_SECOND);
        return before + (in < counted ? in : counted);
    }
    /* Every record kept is still ahead of the DAC (a latency longer than
     * they cover): what came before the oldest plays out in real time. */
    uint64_t ahead = (uint64_t)msess__rescale(oldest_dac - t, rate, MSESS_TIME_PER_SECOND);
    return oldest_dac && oldest_before > ahead ? oldest_before - ahead : 0;
}

static msess_time dac_time(void *ud)
{
    pa_out *o = ud;
    msess_time t;
    int64_t failed = atomic_load(&o->failed_at);
    if (failed) /* no device: time runs on the system clock from there */
        t = o->failed_base + (msess__now() - failed);
    else if (!atomic_load(&o->rate))
        return atomic_load(&o->time_floor);
    else
        t = msess__rescale((int64_t)played_at(o, msess__now()), MSESS_TIME_PER_SECOND,
                           atomic_load(&o->rate));
    /* monotonic whatever the readers' interleaving */
    int64_t floor = atomic_load(&o->time_floor);
    while (t > floor && !atomic_compare_exchange_weak(&o->time_floor, &floor, t))
        ;
    return t > floor ? t : floor;
}

/* ---- feeder side */

static void close_stream(pa_out *o)
{
    if (!o->stream)
        return;
    Pa_AbortStream(o->stream);
    Pa_CloseStream(o->stream);
    o->stream = NULL;
}

static int open_stream(msess_sink *s, int rate, int channels)
{
    pa_out *o = s->priv;
    close_stream(o);
    const PaDeviceInfo *di = Pa_GetDeviceInfo(o->dev);
    if (!di)
        return MSESS_EDEVICE;
    PaStreamParameters p = {
        .device = o->dev,
        .channelCount = channels,
        .sampleFormat = paFloat32,
        .suggestedLatency = o->set.latency_ms > 0 ? o->set.latency_ms / 1000.0
                                                  : di->defaultHighOutputLatency,
    };
    o->rate = rate;
    o->channels = channels;
    o->asked = 0;
    atomic_store(&o->running, false);
    PaError err = Pa_OpenStream(&o->stream, NULL, &p, rate, paFramesPerBufferUnspecified,
                                paNoFlag, callback, o);
    if (err == paNoError) {
        const PaStreamInfo *si = Pa_GetStreamInfo(o->stream);
        double lat = si && si->outputLatency > 0 ? si->outputLatency : p.suggestedLatency;
        o->prime_frames = (uint64_t)(2 * lat * rate) + 1;
        o->opened_at = msess__now();
        err = Pa_StartStream(o->stream);
    }
    if (err != paNoError) {
        msess__err(NULL, "portaudio: %s", Pa_GetErrorText(err));
        if (o->stream)
            Pa_CloseStream(o->stream);
        o->stream = NULL;
        return MSESS_EDEVICE;
    }
    return 0;
}

static void free_graph(pa_out *o)
{
    avfilter_graph_free(&o->graph);
    o->fsrc = o->fsink = NULL;
}

/* atempo for rate r (each instance takes 0.5 .. 100). */
/* atempo wants a named layout: an unspecified one gets the usual layout of
 * its channel count (frames in the graph must carry the same). */
static void name_layout(AVFrame *f)
{
    if (f->ch_layout.order != AV_CHANNEL_ORDER_UNSPEC)
        return;
    int n = f->ch_layout.nb_channels;
    av_channel_layout_uninit(&f->ch_layout);
    av_channel_layout_default(&f->ch_layout, n);
}

static int build_graph(pa_out *o, AVFrame *f, double rate)
{
    free_graph(o);
    o->graph_rate = rate;
    o->graph_in_rate = f->sample_rate;
    o->graph_in_fmt = f->format;
    o->graph_in_ch = f->ch_layout.nb_channels;
    if (rate == 1.0)
        return 0;
    char layout[64], args[256], chain[256] = "";
    name_layout(f);
    av_channel_layout_describe(&f->ch_layout, layout, sizeof(layout));
    snprintf(args, sizeof(args), "sample_rate=%d:sample_fmt=%s:channel_layout=%s:time_base=1/%d",
             f->sample_rate, av_get_sample_fmt_name(f->format), layout, f->sample_rate);
    double r = rate;
    size_t len = 0;
    while (r < 0.5 && len < sizeof(chain) - 32) {
        len += (size_t)snprintf(chain + len, sizeof(chain) - len, "atempo=0.5,");
        r /= 0.5;
    }
    snprintf(chain + len, sizeof(chain) - len, "atempo=%.6f", r);
    AVFilterInOut *ins = NULL, *outs = NULL;
    o->graph = avfilter_graph_alloc();
    int ret = o->graph ? 0 : AVERROR(ENOMEM);
    if (ret >= 0)
        ret = avfilter_graph_create_filter(&o->fsrc, avfilter_get_by_name("abuffer"), "in",
                                           args, NULL, o->graph);
    if (ret >= 0)
        ret = avfilter_graph_create_filter(&o->fsink, avfilter_get_by_name("abuffersink"), "out",
                                           NULL, NULL, o->graph);
    if (ret >= 0) {
        outs = avfilter_inout_alloc();
        ins = avfilter_inout_alloc();
        if (!outs || !ins)
            ret = AVERROR(ENOMEM);
    }
    if (ret >= 0) {
        outs->name = av_strdup("in");
        outs->filter_ctx = o->fsrc;
        ins->name = av_strdup("out");
        ins->filter_ctx = o->fsink;
        ret = avfilter_graph_parse_ptr(o->graph, chain, &ins, &outs, NULL);
    }
    if (ret >= 0)
        ret = avfilter_graph_config(o->graph, NULL);
    avfilter_inout_free(&ins);
    avfilter_inout_free(&outs);
    if (ret < 0) {
        free_graph(o);
        return msess__ff_error(ret);
    }
    return 0;
}

static void add_seg(pa_out *o, uint64_t pos, msess_time pts, double rate)
{
    msess__mutex_lock(&o->seg_lock);
    if (o->nb_segs == NB_SEGS) {
        memmove(o->segs, o->segs + 1, (NB_SEGS - 1) * sizeof(*o->segs));
        o->nb_segs--;
    }
    o->segs[o->nb_segs++] = (seg){ pos, pts, rate };
    msess__mutex_unlock(&o->seg_lock);
}

/* Copy a frame's samples (float or s16, packed or planar, mono upmixed) into
 * the ring; returns frames written, limited by room. */
static int write_ring(pa_out *o, const AVFrame *f, int off)
{
    const uint32_t mask = RING_FRAMES - 1;
    uint64_t w = atomic_load_explicit(&o->wpos, memory_order_relaxed);
    uint64_t r = atomic_load_explicit(&o->rpos, memory_order_acquire);
    uint64_t limit = (uint64_t)o->rate * AHEAD_MS / 1000;
    uint64_t room = RING_FRAMES - (w - r);
    uint64_t used = w - r;
    if (used >= limit)
        return 0;
    room = MSESS__MIN(room, limit - used);
    int n = (int)MSESS__MIN((uint64_t)(f->nb_samples - off), room);
    int in_ch = f->ch_layout.nb_channels, ch = o->channels;
    bool planar = av_sample_fmt_is_planar(f->format);
    enum AVSampleFormat packed = av_get_packed_sample_fmt(f->format);
    for (int i = 0; i < n; i++) {
        float *d = &o->ring[(size_t)((w + (uint64_t)i) & mask) * ch];
        for (int c = 0; c < ch; c++) {
            int sc = c < in_ch ? c : in_ch - 1; /* mono: the same to both */
            int idx = off + i;
            const uint8_t *p = planar ? f->extended_data[sc] : f->extended_data[0];
            size_t k = planar ? (size_t)idx : (size_t)idx * in_ch + sc;
            d[c] = packed == AV_SAMPLE_FMT_FLT ? ((const float *)p)[k]
                                               : ((const int16_t *)p)[k] / 32768.0f;
        }
    }
    atomic_store_explicit(&o->wpos, w + (uint64_t)n, memory_order_release);
    return n;
}

/* Lock of p held. Flush everything written for an old generation. */
static void flush_ring(pa_out *o)
{
    atomic_store(&o->drop_until, atomic_load(&o->wpos));
    atomic_store(&o->eos_pos, UINT64_MAX);
    av_frame_free(&o->cur);
    free_graph(o);
    msess__mutex_lock(&o->seg_lock);
    o->nb_segs = 0;
    msess__mutex_unlock(&o->seg_lock);
}

/* Next frame to write into the ring, through atempo when the rate is not 1.
 * Port lock held; may drop it around filtering. Returns the frame (owned)
 * or NULL when nothing is ready; *eos when the port's end was reached and
 * everything before it is out. */
static AVFrame *next_output(msess_sink *s, msess__port *p, double rate, bool *eos)
{
    pa_out *o = s->priv;
    *eos = false;
    for (;;) {
        if (o->graph) {
            AVFrame *f = av_frame_alloc();
            if (f && av_buffersink_get_frame(o->fsink, f) >= 0) {
                f->pts = o->media_next;
                o->media_next += (msess_time)llround((double)f->nb_samples * rate *
                                                     MSESS_TIME_PER_SECOND / f->sample_rate);
                return f;
            }
            av_frame_free(&f);
        }
        msess__item *it = msess__fifo_peek(&p->q, 0);
        if (!it)
            return NULL;
        if (it->flags & MSESS__ITEM_EOS) {
            if (o->graph && o->graph_rate > 0) { /* drain atempo once */
                o->graph_rate = -1;
                if (av_buffersrc_add_frame(o->fsrc, NULL) >= 0)
                    continue;
            }
            *eos = true;
            return NULL;
        }
        msess__item item;
        msess__fifo_pop(&p->q, &item);
        p->consumed++;
        p->last_end = item.pts + item.duration;
        AVFrame *f = item.ptr;
        msess__mutex_unlock(&p->lock);
        msess__sink_account(s, f, false);
        bool changed = f->sample_rate != o->graph_in_rate || f->format != o->graph_in_fmt ||
                       f->ch_layout.nb_channels != o->graph_in_ch;
        if (rate != o->graph_rate || changed) {
            if (build_graph(o, f, rate) < 0)
                msess__warn(NULL, "portaudio: atempo unavailable, playing at normal speed");
            o->media_next = f->pts;
        }
        if (!o->graph) {
            msess__mutex_lock(&p->lock);
            return f;
        }
        if (o->media_next == MSESS_TIME_NONE)
            o->media_next = f->pts;
        name_layout(f);
        if (av_buffersrc_add_frame(o->fsrc, f) < 0) /* takes the data */
            msess__warn(NULL, "portaudio: atempo refused a frame");
        av_frame_free(&f);
        msess__mutex_lock(&p->lock);
    }
}

/* System time until the clock reads pts (0 if past or unknown). */
static int64_t clock_until(msess_sink *s, msess_time pts)
{
    msess_time now = 0;
    msess_clock_get_time(s->clock, &now);
    double rate = msess_clock_get_rate(s->clock);
    return pts > now && rate > 0 ? (int64_t)((double)(pts - now) / rate) : 0;
}

/* The end playing out on an earlier port: report it once the DAC is past it. */
static void check_eos_played(pa_out *o, msess__port *cur)
{
    int64_t at = atomic_load(&o->eos_dac);
    if (!o->eos_port || !at || msess__now() < at)
        return;
    msess__port *ep = o->eos_port;
    o->eos_port = NULL;
    if (ep != cur) {
        msess__mutex_unlock(&cur->lock);
        msess__mutex_lock(&ep->lock);
    }
    msess__port_eos_reached_locked(ep);
    if (ep != cur) {
        msess__mutex_unlock(&ep->lock);
        msess__mutex_lock(&cur->lock);
    }
}

/* Carry on without sound: audio is discarded at the clock's pace and the
 * time source follows the system clock, so video never stops. */
static void device_failed(msess_sink *s, msess__port *p, const char *why)
{
    pa_out *o = s->priv;
    o->failed_base = dac_time(o);
    atomic_store(&o->failed_at, msess__now());
    close_stream(o);
    char msg[160];
    snprintf(msg, sizeof(msg), "audio output: %s; continuing without sound", why);
    msess__mutex_unlock(&p->lock);
    if (p->owner.warning)
        p->owner.warning(p->owner.userdata, MSESS_EDEVICE, msg);
    msess__mutex_lock(&p->lock);
}

/* Port lock held. Can the clock start: the device plays, has failed, or
 * will not be opened (the stream ended before any sound)? */
static bool device_settled(const pa_out *o, const msess__port *p)
{
    if (atomic_load(&o->failed_at))
        return true;
    if (o->stream) {
        /* and the ring holds a device buffer's worth (as far as the
         * feeder fills ahead), or all there is */
        uint64_t held = atomic_load(&o->wpos) - atomic_load(&o->rpos);
        uint64_t want = MSESS__MIN(o->prime_frames / 2,
                                   (uint64_t)atomic_load(&o->rate) * AHEAD_MS / 2000);
        bool primed = held >= want || (!o->cur && !p->q.count);
        return (atomic_load(&o->running) && primed) ||
               msess__now() - o->opened_at > DEVICE_START_WAIT;
    }
    return !o->cur && !p->q.count && p->consumed; /* nothing left to open it for */
}

static void *feeder_main(void *arg)
{
    msess_sink *s = arg;
    pa_out *o = s->priv;
    msess__port *p = atomic_load(&s->port);
    msess__mutex_lock(&p->lock);
    o->gen = p->q.gen;
    while (!atomic_load(&s->quit)) {
        atomic_store(&o->playing, msess_clock_get_state(s->clock) == MSESS_CLOCK_RUNNING);
        /* A seek: drop what is queued. The device keeps running (restarting
         * it costs ALSA's pulse plugin up to a second); what it still holds
         * is at most its latency, after the pause the seek began with. */
        if (p->q.gen != o->gen) {
            o->gen = p->q.gen;
            flush_ring(o);
            o->eos_port = NULL;
            atomic_store(&o->eos_dac, 0);
        }
        check_eos_played(o, p);
        if (!atomic_load(&s->thread_ready) && device_settled(o, p))
            atomic_store(&s->thread_ready, true);
        if (o->stream && Pa_IsStreamActive(o->stream) != 1)
            device_failed(s, p, "the audio device stopped");
        bool wrote = false, eos = false;
        if (!o->cur) {
            o->cur = next_output(s, p, msess_clock_get_rate(s->clock), &eos);
            o->cur_off = 0;
            if (o->cur) {
                int ch = o->cur->ch_layout.nb_channels == 1 ? 2 : o->cur->ch_layout.nb_channels;
                if (!atomic_load(&o->failed_at) &&
                    (!o->stream || o->rate != o->cur->sample_rate || o->channels != ch) &&
                    open_stream(s, o->cur->sample_rate, ch) < 0)
                    device_failed(s, p, "cannot open the audio device");
                add_seg(o, atomic_load(&o->wpos), o->cur->pts,
                        o->graph ? o->graph_rate : 1.0);
            }
        }
        if (o->cur) {
            if (!o->stream) {
                /* no device: let the frame go when the clock reaches it */
                msess_time now = 0;
                msess_clock_get_time(s->clock, &now);
                if (o->cur->pts != MSESS_TIME_NONE && o->cur->pts > now) {
                    msess__cond_wait_until(&p->cond, &p->lock, msess__now() + 5 * MSESS_TIME_PER_MS);
                    continue;
                }
                o->cur_off = o->cur->nb_samples;
            } else {
                int n = write_ring(o, o->cur, o->cur_off);
                o->cur_off += n;
                wrote = n > 0;
            }
            if (o->cur_off >= o->cur->nb_samples)
                av_frame_free(&o->cur);
            if (wrote)
                continue;
        } else if (eos && !o->eos_port && atomic_load(&o->eos_pos) == UINT64_MAX) {
            /* Everything before the end is in the ring: mark it, and move on
             * to the next topology's port at once, so the ring never runs
             * dry at the boundary. */
            atomic_store(&o->eos_dac, 0);
            atomic_store(&o->eos_pos, atomic_load(&o->wpos));
            o->eos_port = p;
            if (!o->stream) /* no device: the end is when the clock gets there */
                atomic_store(&o->eos_dac, msess__now() +
                    (p->last_end != MSESS_TIME_NONE ? clock_until(s, p->last_end) : 0));
            if (p->next) {
                msess__port *next = p->next;
                atomic_store(&s->port, next);
                msess__mutex_unlock(&p->lock);
                p = next;
                msess__mutex_lock(&p->lock);
                o->gen = p->q.gen;
                continue;
            }
        }
        msess__cond_wait_until(&p->cond, &p->lock, msess__now() + 5 * MSESS_TIME_PER_MS);
    }
    msess__mutex_unlock(&p->lock);
    return NULL;
}

/* ---- sink ops */

static int negotiate(msess_sink *s, const msess_media_type *in, msess_media_type *want)
{
    pa_out *o = s->priv;
    const PaDeviceInfo *di = Pa_GetDeviceInfo(o->dev);
    /* Stereo out: 5.1 and the like are downmixed by the converter, mono is
     * spread to both channels while filling the ring. */
    int max_ch = di ? MSESS__MAX(1, MSESS__MIN(2, di->maxOutputChannels)) : 2;
    if (in->channels > max_ch)
        want->channels = max_ch;
    enum AVSampleFormat f = av_get_packed_sample_fmt(in->ff_format);
    if (f != AV_SAMPLE_FMT_FLT && f != AV_SAMPLE_FMT_S16) {
        want->ff_format = AV_SAMPLE_FMT_FLT;
        want->sample_format = MSESS_SAMPLE_FLT;
    }
    PaStreamParameters p = { .device = o->dev, .channelCount = want->channels == 1 ? 2 : want->channels,
                             .sampleFormat = paFloat32 };
    if (in->sample_rate <= 0 || Pa_IsFormatSupported(NULL, &p, in->sample_rate) != paFormatIsSupported)
        want->sample_rate = di ? (int)di->defaultSampleRate : 48000;
    return 0;
}

static int start(msess_sink *s)
{
    pa_out *o = s->priv;
    o->cur_off = 0;
    o->eos_port = NULL;
    atomic_store(&o->eos_pos, UINT64_MAX);
    atomic_store(&o->eos_dac, 0);
    atomic_store(&o->drop_until, atomic_load(&o->wpos));
    /* The clock starts once the device plays (or surely will not). */
    atomic_store(&s->thread_ready, o->stream && atomic_load(&o->running));
    if (msess__thread_create(&o->thread, feeder_main, s, "msess-audio") < 0) {
        atomic_store(&s->thread_ready, true);
        return MSESS_ENOMEM;
    }
    o->has_thread = true;
    return 0;
}

static void stop(msess_sink *s)
{
    pa_out *o = s->priv;
    if (o->has_thread) {
        atomic_store(&s->quit, true);
        msess__port *p = atomic_load(&s->port);
        if (p)
            msess__port_kick(p);
        msess__thread_join(o->thread);
        o->has_thread = false;
    }
    close_stream(o);
    av_frame_free(&o->cur);
    free_graph(o);
    o->graph_rate = 0;
    o->graph_in_rate = 0;
}

static bool time_source(msess_sink *s, msess_time_source *out)
{
    *out = (msess_time_source){ dac_time, s->priv };
    return true;
}

static bool resume_position(msess_sink *s, msess_time *pts)
{
    pa_out *o = s->priv;
    uint64_t r = atomic_load(&o->rpos);
    bool found = false;
    msess__mutex_lock(&o->seg_lock);
    int rate = atomic_load(&o->rate);
    for (unsigned i = o->nb_segs; i-- > 0 && rate;) {
        if (o->segs[i].pos <= r) {
            const seg *g = &o->segs[i];
            *pts = g->pts + (msess_time)llround((double)(r - g->pos) * g->rate *
                                                MSESS_TIME_PER_SECOND / rate);
            found = true;
            break;
        }
    }
    msess__mutex_unlock(&o->seg_lock);
    return found && atomic_load(&o->wpos) > r;
}

static void destroy(msess_sink *s)
{
    pa_out *o = s->priv;
    stop(s);
    msess__free(o->ring);
    msess__mutex_destroy(&o->seg_lock);
    pa_unref();
}

static const msess__sink_ops pa_ops = {
    .name = "portaudio",
    .priv_size = sizeof(pa_out),
    .negotiate = negotiate,
    .start = start,
    .stop = stop,
    .time_source = time_source,
    .resume_position = resume_position,
    .destroy = destroy,
};

void msess_audio_output_default_settings(msess_audio_output_settings *s)
{
    *s = (msess_audio_output_settings){ .volume = 1.0f };
}

static PaDeviceIndex find_device(const char *name)
{
    if (!name || !*name)
        return Pa_GetDefaultOutputDevice();
    for (PaDeviceIndex i = 0; i < Pa_GetDeviceCount(); i++) {
        const PaDeviceInfo *di = Pa_GetDeviceInfo(i);
        if (di && di->maxOutputChannels > 0 && strstr(di->name, name))
            return i;
    }
    return paNoDevice;
}

int msess_audio_output_create(msess_sink **out, const msess_audio_output_settings *set)
{
    msess_audio_output_settings def;
    if (!out)
        return MSESS_EINVAL;
    *out = NULL;
    if (!set) {
        msess_audio_output_default_settings(&def);
        set = &def;
    }
    if (!(set->volume >= 0.0f && set->volume <= 1.0f) || set->latency_ms < 0 ||
        set->latency_ms > 2000)
        return MSESS_EINVAL;
    int ret = pa_ref();
    if (ret < 0)
        return ret;
    PaDeviceIndex dev = find_device(set->device);
    if (dev == paNoDevice) {
        pa_unref();
        return MSESS_EDEVICE;
    }
    if ((ret = msess__sink_create(out, &pa_ops, MSESS_MEDIA_AUDIO)) < 0) {
        pa_unref();
        return ret;
    }
    msess_sink *s = *out;
    pa_out *o = s->priv;
    o->underruns = &s->underruns;
    o->set = *set;
    if (set->device)
        snprintf(o->device, sizeof(o->device), "%s", set->device);
    o->set.device = set->device ? o->device : NULL;
    o->dev = dev;
    atomic_store(&o->volume, set->volume);
    atomic_store(&o->muted, set->muted);
    atomic_store(&o->eos_pos, UINT64_MAX);
    msess__mutex_init(&o->seg_lock);
    o->ring = msess__calloc((size_t)RING_FRAMES * 8, sizeof(float)); /* up to 8 channels */
    if (!o->ring) {
        msess_sink_destroy(out);
        return MSESS_ENOMEM;
    }
    s->clocked = true;
    return 0;
}

static pa_out *pa_of(const msess_sink *s)
{
    return s && s->ops == &pa_ops ? s->priv : NULL;
}

int msess_audio_output_set_volume(msess_sink *s, float volume)
{
    pa_out *o = pa_of(s);
    if (!o || !(volume >= 0.0f && volume <= 1.0f))
        return MSESS_EINVAL;
    atomic_store(&o->volume, volume);
    return 0;
}

float msess_audio_output_get_volume(const msess_sink *s)
{
    pa_out *o = pa_of(s);
    return o ? atomic_load(&o->volume) : 0.0f;
}

int msess_audio_output_set_mute(msess_sink *s, bool muted)
{
    pa_out *o = pa_of(s);
    if (!o)
        return MSESS_EINVAL;
    atomic_store(&o->muted, muted);
    return 0;
}

bool msess_audio_output_get_mute(const msess_sink *s)
{
    pa_out *o = pa_of(s);
    return o && atomic_load(&o->muted);
}

const char *msess_audio_output_device_name(int i)
{
    static char name[256];
    if (pa_ref() < 0)
        return NULL;
    const char *r = NULL;
    int seen = 0;
    for (PaDeviceIndex d = 0; d < Pa_GetDeviceCount(); d++) {
        const PaDeviceInfo *di = Pa_GetDeviceInfo(d);
        if (di && di->maxOutputChannels > 0 && seen++ == i) {
            snprintf(name, sizeof(name), "%s", di->name);
            r = name;
            break;
        }
    }
    pa_unref();
    return r;
}

/* Pipeline threads: demux per source, decode/convert per branch. */
#include <stdio.h>
#include <string.h>

#include "core/pipeline.h"
#include "core/topology.h"
#include "core/util.h"
#include "ff/ff.h"

#define MAX_STAGES_OUT MSESS__TEE_MAX_OUTPUTS

typedef struct stage stage;
struct stage {
    enum msess_node_type type;    /* TRANSFORM (converter), TEE or OUTPUT */
    msess__converter *conv;       /* converter, or an output's own when the
                                   * frames are not what its sink wants */
    msess_media_type in;          /* output: type of the frames coming in */
    bool have_in;
    msess__port *port;
    stage *next[MAX_STAGES_OUT];
    unsigned nb_next;
};

typedef struct source_ctx source_ctx;

typedef struct branch {
    msess__pipeline *pl;
    source_ctx *sc;
    unsigned stream;
    AVStream *st;
    enum msess_media_kind kind;
    msess__fifo pq;               /* packets; sc's lock */
    msess__decoder dec;
    stage *root;
    msess__thread thread;
    bool started;
    uint32_t gen;
    msess_time target;            /* drop what ends before this (exact seek) */
    msess_time default_dur;
    msess_time last_end;
    bool eos;                     /* worker finished this generation */
    uint64_t frames, errors;
    int last_error;
} branch;

struct source_ctx {
    msess__pipeline *pl;
    msess_source *src;
    msess__mutex lock;
    msess__cond cond;
    branch **by_stream;           /* stream index -> branch or NULL */
    unsigned nb_streams;
    msess__thread thread;
    bool started, quit;
    bool seek_pending;
    uint32_t gen;                 /* generation of packets being read */
    uint32_t want_gen;
    msess_time seek_pos;
    bool eof;
    int loops_left;
    int64_t loop_index;
    msess_time iter_end;          /* end of the furthest packet, without loop offset */
    msess_time end_reported;
};

struct msess__pipeline {
    msess__pipeline_config cfg;
    msess_topology *topo;
    source_ctx *sources;
    unsigned nb_sources;
    branch *branches;
    unsigned nb_branches;
    stage *stages;
    unsigned nb_stages;
    msess__port **ports;
    unsigned nb_ports;
    _Atomic uint32_t gen;
    msess_time target;
    msess__mutex lock;            /* readiness, drained branches */
    msess__cond cond;
    unsigned drained;
    msess_time end;
};

static void packet_free(void *p)
{
    AVPacket *pkt = p;
    av_packet_free(&pkt);
}

/* ---- building */

static source_ctx *source_for(msess__pipeline *pl, msess_source *src)
{
    for (unsigned i = 0; i < pl->nb_sources; i++)
        if (pl->sources[i].src == src)
            return &pl->sources[i];
    source_ctx *sc = &pl->sources[pl->nb_sources++];
    sc->pl = pl;
    sc->src = src;
    sc->nb_streams = msess_source_stream_count(src);
    sc->by_stream = msess__calloc(sc->nb_streams, sizeof(*sc->by_stream));
    msess__mutex_init(&sc->lock);
    msess__cond_init(&sc->cond);
    sc->end_reported = MSESS_TIME_NONE;
    return sc->by_stream ? sc : NULL;
}

static void port_ready(void *userdata)
{
    msess__pipeline *pl = userdata;
    msess__mutex_lock(&pl->lock);
    msess__cond_broadcast(&pl->cond);
    msess__mutex_unlock(&pl->lock);
}

static void port_eos(void *userdata, msess__port *port)
{
    (void)port;
    msess__pipeline *pl = userdata;
    if (pl->cfg.on_port_done)
        pl->cfg.on_port_done(pl->cfg.userdata, pl);
}

static void port_warning(void *userdata, int err, const char *msg)
{
    msess__pipeline *pl = userdata;
    if (pl->cfg.on_warning)
        pl->cfg.on_warning(pl->cfg.userdata, pl, err, msg);
}

/* Build the stage for node n (downstream of the decoder). */
static int build_stage(msess__pipeline *pl, const msess_node *n, stage **out,
                       unsigned depth)
{
    if (pl->nb_stages >= msess_topology_node_count(pl->topo) || depth > pl->nb_stages + 16)
        return MSESS_ETOPO_INVALID;
    stage *s = &pl->stages[pl->nb_stages++];
    s->type = n->type;
    int ret;
    switch (n->type) {
    case MSESS_NODE_OUTPUT: {
        unsigned depth_frames = n->sink->queue_depth;
        if (!depth_frames)
            depth_frames = n->sink->kind == MSESS_MEDIA_VIDEO ? (pl->cfg.low_latency ? 2 : 4)
                                                              : (pl->cfg.low_latency ? 4 : 16);
        msess__port_owner owner = { port_eos, port_ready, port_warning, pl };
        if ((ret = msess__port_create(&s->port, n->sink, depth_frames, &owner)) < 0)
            return ret;
        pl->ports[pl->nb_ports++] = s->port;
        *out = s;
        return 0;
    }
    case MSESS_NODE_TRANSFORM:
        if (n->transform != MSESS_TRANSFORM_CONVERTER)
            return MSESS_ETOPO_INVALID;
        if ((ret = msess__converter_create(&s->conv, &n->input.peer->type_out,
                                           &n->type_out)) < 0)
            return ret;
        break;
    case MSESS_NODE_TEE:
        break;
    default:
        return MSESS_ETOPO_INVALID;
    }
    for (unsigned o = 0; o < n->nb_outputs; o++) {
        if (!n->outputs[o].peer)
            continue;
        if ((ret = build_stage(pl, n->outputs[o].peer, &s->next[s->nb_next], depth + 1)) < 0)
            return ret;
        s->nb_next++;
    }
    *out = s;
    return 0;
}

static int build_branch(msess__pipeline *pl, const msess_node *srcnode)
{
    const msess_node *n = srcnode->outputs[0].peer;
    if (!n || n->type != MSESS_NODE_TRANSFORM || n->transform != MSESS_TRANSFORM_DECODER) {
        msess__err(pl->cfg.log, "stream %u reaches its output without a decoder", srcnode->stream);
        return MSESS_ETOPO_UNSUPPORTED;
    }
    source_ctx *sc = source_for(pl, srcnode->source);
    if (!sc)
        return MSESS_ENOMEM;
    if (sc->by_stream[srcnode->stream])
        return MSESS_ETOPO_INVALID; /* one branch per stream: use a tee */
    branch *b = &pl->branches[pl->nb_branches++];
    b->pl = pl;
    b->sc = sc;
    b->stream = srcnode->stream;
    b->st = sc->src->fmt->streams[b->stream];
    b->target = MSESS_TIME_NONE;
    b->last_end = MSESS_TIME_NONE;
    sc->by_stream[b->stream] = b;
    int ret = msess__fifo_init(&b->pq, &sc->lock, &sc->cond, 0, packet_free);
    if (ret < 0)
        return ret;
    if ((ret = msess__decoder_open(&b->dec, b->st, pl->cfg.decoder_threads, pl->cfg.log)) < 0)
        return ret;
    b->kind = b->dec.kind;
    AVRational fr = b->st->avg_frame_rate.num ? b->st->avg_frame_rate : b->st->r_frame_rate;
    b->default_dur = fr.num > 0 && fr.den > 0 && av_q2d(fr) < 1000
                   ? msess__rescale(MSESS_TIME_PER_SECOND, fr.den, fr.num) : 0;
    /* The decoder node's output feeds the first stage. */
    const msess_node *after = n->outputs[0].peer;
    if (!after)
        return MSESS_ETOPO_INVALID;
    return build_stage(pl, after, &b->root, 0);
}

int msess__pipeline_create(msess__pipeline **out, msess_topology *full,
                           const msess__pipeline_config *cfg)
{
    *out = NULL;
    msess__pipeline *pl = msess__calloc(1, sizeof(*pl));
    if (!pl)
        return MSESS_ENOMEM;
    pl->cfg = *cfg;
    pl->topo = msess_topology_ref(full);
    msess__mutex_init(&pl->lock);
    msess__cond_init(&pl->cond);
    pl->end = MSESS_TIME_NONE;
    unsigned n = msess_topology_node_count(full);
    pl->sources = msess__calloc(n, sizeof(*pl->sources));
    pl->branches = msess__calloc(n, sizeof(*pl->branches));
    pl->stages = msess__calloc(n, sizeof(*pl->stages));
    pl->ports = msess__calloc(n, sizeof(*pl->ports));
    int ret = 0;
    if (!pl->sources || !pl->branches || !pl->stages || !pl->ports)
        ret = MSESS_ENOMEM;
    for (unsigned i = 0; i < n && ret >= 0; i++) {
        const msess_node *node = msess_topology_node(full, i);
        if (node->type == MSESS_NODE_SOURCE_STREAM)
            ret = build_branch(pl, node);
    }
    for (unsigned i = 0; i < pl->nb_sources && ret >= 0; i++) {
        source_ctx *sc = &pl->sources[i];
        if (atomic_exchange(&sc->src->in_use, true)) {
            sc->src = NULL; /* not ours to release */
            msess__err(pl->cfg.log, "a source is already playing in another topology");
            ret = MSESS_EBUSY;
        }
    }
    if (ret >= 0 && !pl->nb_ports)
        ret = MSESS_ETOPO_INVALID;
    if (ret < 0) {
        msess__pipeline_destroy(&pl);
        return ret;
    }
    *out = pl;
    return 0;
}

/* ---- demux thread */

static msess_time fifo_span(const msess__fifo *f)
{
    if (f->count < 2)
        return 0;
    const msess__item *a = &f->items[f->head];
    const msess__item *z = &f->items[(f->head + f->count - 1) % f->cap];
    if (a->pts == MSESS_TIME_NONE || z->pts == MSESS_TIME_NONE)
        return 0;
    return z->pts - a->pts;
}

/* Enough read ahead: every live queue holds its duration, or all together
 * hold their byte budget. Never waits on one queue alone (no deadlock on
 * badly interleaved files). */
static bool throttled(const source_ctx *sc)
{
    const msess__pipeline *pl = sc->pl;
    size_t bytes = 0;
    bool all_full = true;
    for (unsigned i = 0; i < sc->nb_streams; i++) {
        const branch *b = sc->by_stream[i];
        if (!b)
            continue;
        bytes += b->pq.bytes;
        if (b->pq.count < 2 || fifo_span(&b->pq) < pl->cfg.queue_duration)
            all_full = false;
    }
    return all_full || bytes >= pl->cfg.queue_bytes;
}

static void send_eos(source_ctx *sc)
{
    for (unsigned i = 0; i < sc->nb_streams; i++) {
        branch *b = sc->by_stream[i];
        if (!b)
            continue;
        msess__item it = { .gen = sc->gen, .flags = MSESS__ITEM_EOS, .pts = MSESS_TIME_NONE };
        msess__fifo_push(&b->pq, &it, false);
    }
}

static void report(msess__pipeline *pl, bool fatal, int err, const char *fmt, ...)
    MSESS__PRINTF(4, 5);
static void report(msess__pipeline *pl, bool fatal, int err, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    msess__log(pl->cfg.log, fatal ? MSESS_LOG_ERROR : MSESS_LOG_WARN, "%s", msg);
    void (*fn)(void *, msess__pipeline *, int, const char *) =
        fatal ? pl->cfg.on_error : pl->cfg.on_warning;
    if (fn)
        fn(pl->cfg.userdata, pl, err, msg);
}

/* Lock held. Returns false when the source has nothing more to give. */
static bool next_iteration(source_ctx *sc)
{
    if (sc->loops_left == 0 || !msess_source_seekable(sc->src))
        return false;
    msess__mutex_unlock(&sc->lock);
    int ret = msess__source_seek(sc->src, 0);
    msess__mutex_lock(&sc->lock);
    if (ret < 0 || sc->seek_pending || sc->iter_end == MSESS_TIME_NONE || sc->iter_end <= 0)
        return false;
    if (sc->loops_left > 0)
        sc->loops_left--;
    sc->loop_index++;
    return true;
}

static void *demux_main(void *arg)
{
    source_ctx *sc = arg;
    msess__pipeline *pl = sc->pl;
    AVFormatContext *fmt = sc->src->fmt;
    msess_time loop_offset = 0;
    msess__mutex_lock(&sc->lock);
    while (!sc->quit) {
        if (sc->seek_pending) {
            sc->seek_pending = false;
            uint32_t gen = sc->want_gen;
            msess_time pos = sc->seek_pos;
            bool need = pos > 0 || sc->src->read_any;
            msess__mutex_unlock(&sc->lock);
            int ret = need ? msess__source_seek(sc->src, pos) : 0;
            msess__mutex_lock(&sc->lock);
            if (ret < 0 && (pos > 0 || ret != MSESS_EUNSUPPORTED))
                msess__warn(pl->cfg.log, "seek to %.3f s failed: %s",
                            pos / (double)MSESS_TIME_PER_SECOND, msess_strerror(ret));
            sc->gen = gen;
            sc->eof = false;
            sc->loops_left = msess_topology_get_loop(pl->topo);
            sc->loop_index = 0;
            loop_offset = 0;
            sc->iter_end = MSESS_TIME_NONE;
            continue;
        }
        if (sc->eof || throttled(sc)) {
            msess__cond_wait(&sc->cond, &sc->lock);
            continue;
        }
        msess__mutex_unlock(&sc->lock);
        AVPacket *pkt = av_packet_alloc();
        int ret = pkt ? av_read_frame(fmt, pkt) : AVERROR(ENOMEM);
        msess__mutex_lock(&sc->lock);
        sc->src->read_any = true;
        if (sc->seek_pending || sc->quit) {
            av_packet_free(&pkt);
            continue;
        }
        if (ret == AVERROR(EAGAIN)) {
            av_packet_free(&pkt);
            msess__mutex_unlock(&sc->lock);
            msess__sleep(5 * MSESS_TIME_PER_MS);
            msess__mutex_lock(&sc->lock);
            continue;
        }
        if (ret < 0) {
            av_packet_free(&pkt);
            if (ret != AVERROR_EOF && !(fmt->pb && avio_feof(fmt->pb) && !fmt->pb->error)) {
                char e[AV_ERROR_MAX_STRING_SIZE];
                av_strerror(ret, e, sizeof(e));
                msess__mutex_unlock(&sc->lock);
                report(pl, true, msess__ff_error(ret), "reading the source failed: %s", e);
                msess__mutex_lock(&sc->lock);
            } else if (next_iteration(sc)) {
                loop_offset = sc->loop_index * sc->iter_end;
                continue;
            }
            send_eos(sc);
            sc->eof = true;
            continue;
        }
        branch *b = (unsigned)pkt->stream_index < sc->nb_streams ? sc->by_stream[pkt->stream_index] : NULL;
        if (!b) {
            av_packet_free(&pkt);
            continue;
        }
        AVRational tb = b->st->time_base;
        msess_time ts = msess__ff_to_ticks(pkt->dts != AV_NOPTS_VALUE ? pkt->dts : pkt->pts, tb);
        msess_time end = msess__ff_to_ticks(pkt->pts, tb);
        if (end != MSESS_TIME_NONE) {
            end += msess__ff_to_ticks(pkt->duration, tb) - sc->src->start;
            if (sc->iter_end == MSESS_TIME_NONE || end > sc->iter_end)
                sc->iter_end = end;
        }
        if (loop_offset) {
            int64_t off = msess__ff_from_ticks(loop_offset, tb);
            if (pkt->pts != AV_NOPTS_VALUE)
                pkt->pts += off;
            if (pkt->dts != AV_NOPTS_VALUE)
                pkt->dts += off;
            if (ts != MSESS_TIME_NONE)
                ts += loop_offset;
        }
        msess__item it = { .ptr = pkt, .gen = sc->gen, .bytes = (size_t)pkt->size + sizeof(*pkt),
                           .pts = ts };
        if (msess__fifo_push(&b->pq, &it, false) == MSESS_ENOMEM) {
            msess__mutex_unlock(&sc->lock);
            report(pl, true, MSESS_ENOMEM, "out of memory queueing packets");
            msess__mutex_lock(&sc->lock);
        }
    }
    msess__mutex_unlock(&sc->lock);
    return NULL;
}

/* ---- branch worker */

static int deliver(branch *b, stage *s, AVFrame *f, uint32_t gen);

static int deliver_output(branch *b, stage *s, AVFrame *f, uint32_t gen)
{
    msess_media_type got;
    msess__ff_type_from_frame(&got, f, b->kind);
    if (!s->have_in || !msess__media_type_same(&got, &s->in)) {
        /* First frame, or the decoder changed its output mid-stream (or
         * the container's guess was wrong): ask the sink again, and convert
         * on the way in only if it needs that. */
        msess_media_type want;
        int ret = msess__sink_negotiate(s->port->sink, &got, &want);
        if (ret < 0)
            return ret;
        msess__converter_destroy(&s->conv);
        if (!msess__media_type_same(&got, &want) &&
            (ret = msess__converter_create(&s->conv, &got, &want)) < 0)
            return ret;
        s->in = got;
        s->have_in = true;
    }
    AVFrame *out = NULL;
    if (s->conv) {
        int ret = msess__converter_convert(s->conv, f, &out);
        if (ret < 0 || !out)
            return ret;
    } else if (!(out = av_frame_clone(f))) {
        return MSESS_ENOMEM;
    }
    return msess__port_push(s->port, out, gen, false);
}

static int deliver(branch *b, stage *s, AVFrame *f, uint32_t gen)
{
    int ret = 0;
    switch (s->type) {
    case MSESS_NODE_OUTPUT:
        return deliver_output(b, s, f, gen);
    case MSESS_NODE_TRANSFORM: {
        AVFrame *out = NULL;
        if ((ret = msess__converter_convert(s->conv, f, &out)) < 0 || !out)
            return ret;
        for (unsigned i = 0; i < s->nb_next && ret >= 0; i++)
            ret = deliver(b, s->next[i], out, gen);
        av_frame_free(&out);
        return ret;
    }
    default:
        for (unsigned i = 0; i < s->nb_next && ret >= 0; i++)
            ret = deliver(b, s->next[i], f, gen);
        return ret;
    }
}

static void reset_stages(branch *b, stage *s, uint32_t gen)
{
    if (s->conv)
        msess__converter_reset(s->conv);
    if (s->port)
        msess__port_flush(s->port, gen);
    for (unsigned i = 0; i < s->nb_next; i++)
        reset_stages(b, s->next[i], gen);
}

static int push_eos(branch *b, stage *s, uint32_t gen)
{
    int ret = 0;
    if (s->conv) { /* resamplers hold samples back */
        AVFrame *out = NULL;
        while ((ret = msess__converter_convert(s->conv, NULL, &out)) >= 0 && out) {
            for (unsigned i = 0; i < s->nb_next && ret >= 0; i++)
                ret = deliver(b, s->next[i], out, gen);
            if (s->port && ret >= 0)
                ret = msess__port_push(s->port, out, gen, false);
            else
                av_frame_free(&out);
            if (ret < 0)
                return ret;
        }
    }
    if (s->port)
        return msess__port_push(s->port, NULL, gen, true);
    for (unsigned i = 0; i < s->nb_next && ret >= 0; i++)
        ret = push_eos(b, s->next[i], gen);
    return ret;
}

/* An exact seek decodes from the keyframe before its target: of the frames
 * shown before the target, those no other frame refers to need not be
 * decoded at all (half of them with the usual B-frame patterns). */
static void skip_before_target(branch *b, const AVPacket *pkt)
{
    enum AVDiscard want = AVDISCARD_DEFAULT;
    if (b->target != MSESS_TIME_NONE && pkt->pts != AV_NOPTS_VALUE && pkt->duration > 0) {
        msess_time end = msess__ff_to_ticks(pkt->pts + pkt->duration, b->dec.tb) -
                         b->sc->src->start;
        if (end <= b->target)
            want = AVDISCARD_NONREF;
    }
    if (b->dec.ctx->skip_frame != want)
        b->dec.ctx->skip_frame = want;
}

/* Ticks on the session timeline, exact-seek trimming. Returns false to drop. */
static bool prepare_frame(branch *b, AVFrame *f)
{
    msess__pipeline *pl = b->pl;
    msess_time pts = msess__ff_to_ticks(f->best_effort_timestamp, b->dec.tb);
    if (pts == MSESS_TIME_NONE)
        pts = b->last_end != MSESS_TIME_NONE ? b->last_end - pl->cfg.base : 0;
    else
        pts -= b->sc->src->start;
    msess_time dur;
    if (b->kind == MSESS_MEDIA_AUDIO)
        dur = f->sample_rate > 0 ? msess__rescale(f->nb_samples, MSESS_TIME_PER_SECOND, f->sample_rate) : 0;
    else if (MSESS__FDUR(f) > 0)
        dur = msess__ff_to_ticks(MSESS__FDUR(f), b->dec.tb);
    else
        dur = b->default_dur;
    if (b->target != MSESS_TIME_NONE) {
        if (pts + (dur > 0 ? dur : 1) <= b->target)
            return false;
        if (b->kind == MSESS_MEDIA_AUDIO && pts < b->target && f->sample_rate > 0) {
            /* nearest sample; the frame then starts at the target exactly and
             * keeps its end, so the next frame follows without a gap */
            int skip = (int)((msess__rescale(b->target - pts, 2 * (int64_t)f->sample_rate,
                                             MSESS_TIME_PER_SECOND) + 1) / 2);
            if (skip > 0 && skip < f->nb_samples && av_frame_make_writable(f) >= 0) {
                int planar = av_sample_fmt_is_planar(f->format);
                int bps = av_get_bytes_per_sample(f->format) * (planar ? 1 : f->ch_layout.nb_channels);
                int planes = planar ? f->ch_layout.nb_channels : 1;
                for (int p = 0; p < planes; p++)
                    memmove(f->extended_data[p], f->extended_data[p] + (size_t)skip * bps,
                            (size_t)(f->nb_samples - skip) * bps);
                f->nb_samples -= skip;
                dur = pts + dur - b->target;
                pts = b->target;
            }
        }
        b->target = MSESS_TIME_NONE;
    }
    f->pts = pts + pl->cfg.base;
    MSESS__FDUR(f) = dur;
    b->last_end = f->pts + dur;
    return true;
}

/* FFmpeg 5.1 leaves a container's rotation (MP4 display matrix) on the
 * stream only: put it on each video frame so outputs can honour it. */
static void attach_display_matrix(branch *b, AVFrame *f)
{
    size_t size = 0;
    const uint8_t *m;
    if (b->kind != MSESS_MEDIA_VIDEO || av_frame_get_side_data(f, AV_FRAME_DATA_DISPLAYMATRIX) ||
        !(m = av_stream_get_side_data(b->st, AV_PKT_DATA_DISPLAYMATRIX, &size)) ||
        size < 9 * sizeof(int32_t))
        return;
    AVFrameSideData *sd = av_frame_new_side_data(f, AV_FRAME_DATA_DISPLAYMATRIX, 9 * sizeof(int32_t));
    if (sd)
        memcpy(sd->data, m, 9 * sizeof(int32_t));
}

static int receive_all(branch *b, AVFrame *f, uint32_t gen)
{
    for (;;) {
        int ret = avcodec_receive_frame(b->dec.ctx, f);
        if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF)
            return 0;
        if (ret < 0) {
            b->errors++;
            b->last_error = ret;
            if (ret == AVERROR(ENOMEM))
                return MSESS_ENOMEM;
            continue;
        }
        if (atomic_load(&b->pl->gen) != gen) { /* a seek came: stop early */
            av_frame_unref(f);
            return 0;
        }
        b->frames++;
        attach_display_matrix(b, f);
        if (prepare_frame(b, f))
            ret = deliver(b, b->root, f, gen);
        av_frame_unref(f);
        if (ret < 0 && ret != MSESS_ESHUTDOWN)
            return ret;
        if (ret == MSESS_ESHUTDOWN)
            return ret;
    }
}

/* Before the end-of-stream markers go out, so an error reaches the session
 * ahead of the end of presentation. */
static void report_decode_errors(branch *b)
{
    msess__pipeline *pl = b->pl;
    if (!b->frames && b->errors) {
        char e[AV_ERROR_MAX_STRING_SIZE];
        av_strerror(b->last_error, e, sizeof(e));
        report(pl, true, MSESS_EINVALIDDATA, "%s stream %u: no frame could be decoded (%s)",
               msess_media_kind_name(b->kind), b->stream, e);
    } else if (b->errors) {
        report(pl, false, MSESS_EINVALIDDATA, "%s stream %u: %llu decode errors",
               msess_media_kind_name(b->kind), b->stream, (unsigned long long)b->errors);
    }
}

static void branch_drained(branch *b)
{
    msess__pipeline *pl = b->pl;
    msess__mutex_lock(&pl->lock);
    pl->drained++;
    if (b->last_end != MSESS_TIME_NONE && (pl->end == MSESS_TIME_NONE || b->last_end > pl->end))
        pl->end = b->last_end;
    bool all = pl->drained == pl->nb_branches;
    msess_time end = pl->end;
    msess__mutex_unlock(&pl->lock);
    if (all && pl->cfg.on_drained)
        pl->cfg.on_drained(pl->cfg.userdata, pl, end);
}

static void *worker_main(void *arg)
{
    branch *b = arg;
    msess__pipeline *pl = b->pl;
    source_ctx *sc = b->sc;
    AVFrame *f = av_frame_alloc();
    if (!f) {
        report(pl, true, MSESS_ENOMEM, "out of memory");
        return NULL;
    }
    msess__mutex_lock(&sc->lock);
    while (!sc->quit) {
        msess__item it;
        if (!msess__fifo_pop(&b->pq, &it)) {
            msess__cond_wait(&sc->cond, &sc->lock);
            continue;
        }
        msess__mutex_unlock(&sc->lock);
        uint32_t cur = atomic_load(&pl->gen);
        int ret = 0;
        if (it.gen != cur) {
            msess__item_free(&b->pq, &it); /* stale: from before a seek */
            goto next;
        }
        if (it.gen != b->gen) {
            avcodec_flush_buffers(b->dec.ctx);
            b->gen = it.gen;
            b->target = pl->target;
            b->eos = false;
            b->last_end = MSESS_TIME_NONE;
            reset_stages(b, b->root, it.gen);
        }
        if (it.flags & MSESS__ITEM_EOS) {
            if (!b->eos) {
                avcodec_send_packet(b->dec.ctx, NULL);
                ret = receive_all(b, f, it.gen);
                /* Errors and the drain go to the session before the end
                 * markers: once a sink has presented its end, the session
                 * knows what came before it (an error, the next topology
                 * to prepare). */
                report_decode_errors(b);
                if (ret >= 0 && atomic_load(&pl->gen) == it.gen)
                    branch_drained(b);
                if (ret >= 0)
                    ret = push_eos(b, b->root, it.gen);
                avcodec_flush_buffers(b->dec.ctx);
                b->eos = true;
            }
            goto next;
        }
        if (b->kind == MSESS_MEDIA_VIDEO)
            skip_before_target(b, it.ptr);
        ret = avcodec_send_packet(b->dec.ctx, it.ptr);
        msess__item_free(&b->pq, &it);
        if (ret < 0 && ret != AVERROR(EAGAIN)) {
            b->errors++;
            b->last_error = ret;
            if (ret == AVERROR(ENOMEM))
                ret = MSESS_ENOMEM;
            else
                ret = 0;
        }
        if (ret >= 0)
            ret = receive_all(b, f, it.gen);
next:
        if (ret < 0 && ret != MSESS_ESHUTDOWN) {
            report(pl, true, ret, "%s stream %u: %s", msess_media_kind_name(b->kind),
                   b->stream, msess_strerror(ret));
        }
        msess__mutex_lock(&sc->lock);
    }
    msess__mutex_unlock(&sc->lock);
    av_frame_free(&f);
    return NULL;
}

/* ---- control */

int msess__pipeline_seek(msess__pipeline *pl, msess_time pos)
{
    uint32_t gen = atomic_load(&pl->gen) + 1;
    atomic_store(&pl->gen, gen);
    pl->target = pos > 0 ? pos : MSESS_TIME_NONE;
    msess__mutex_lock(&pl->lock);
    pl->drained = 0;
    pl->end = MSESS_TIME_NONE;
    msess__mutex_unlock(&pl->lock);
    for (unsigned i = 0; i < pl->nb_ports; i++)
        msess__port_flush(pl->ports[i], gen);
    for (unsigned i = 0; i < pl->nb_sources; i++) {
        source_ctx *sc = &pl->sources[i];
        msess__mutex_lock(&sc->lock);
        for (unsigned s = 0; s < sc->nb_streams; s++)
            if (sc->by_stream[s])
                msess__fifo_flush(&sc->by_stream[s]->pq, gen);
        sc->want_gen = gen;
        sc->seek_pos = pos > 0 ? pos : 0;
        sc->seek_pending = true;
        msess__cond_broadcast(&sc->cond);
        msess__mutex_unlock(&sc->lock);
    }
    /* Ports are flushed again by each worker when it meets the new
     * generation, which also drops a frame it was pushing meanwhile. */
    for (unsigned i = 0; i < pl->nb_sources; i++) {
        source_ctx *sc = &pl->sources[i];
        if (!sc->started) {
            sc->started = true; /* before the thread runs: it shares the word */
            if (msess__thread_create(&sc->thread, demux_main, sc, "msess-demux") < 0) {
                sc->started = false;
                return MSESS_ENOMEM;
            }
        }
    }
    for (unsigned i = 0; i < pl->nb_branches; i++) {
        branch *b = &pl->branches[i];
        if (!b->started) {
            b->started = true;
            if (msess__thread_create(&b->thread, worker_main, b, "msess-decode") < 0) {
                b->started = false;
                return MSESS_ENOMEM;
            }
        }
    }
    return 0;
}

bool msess__pipeline_wait_ready(msess__pipeline *pl, int64_t timeout)
{
    int64_t deadline = msess__now() + timeout;
    msess__mutex_lock(&pl->lock);
    for (;;) {
        bool ready = true;
        for (unsigned i = 0; i < pl->nb_ports && ready; i++)
            ready = msess__port_ready(pl->ports[i]);
        int64_t now = msess__now();
        if (ready || now >= deadline) {
            msess__mutex_unlock(&pl->lock);
            return ready;
        }
        /* ports signal readiness; the short cap also covers a port that
         * got its frame between the check and the wait */
        msess__cond_wait_until(&pl->cond, &pl->lock,
                               MSESS__MIN(deadline, now + 10 * MSESS_TIME_PER_MS));
    }
}

int msess__pipeline_attach(msess__pipeline *pl, msess__pipeline *prev)
{
    for (unsigned i = 0; i < pl->nb_ports; i++) {
        msess__port *p = pl->ports[i];
        msess__port *old = NULL;
        for (unsigned j = 0; prev && j < prev->nb_ports && !old; j++)
            if (prev->ports[j]->sink == p->sink)
                old = prev->ports[j];
        if (old) {
            msess__mutex_lock(&old->lock);
            old->next = p;
            msess__fifo_kick(&old->q);
            msess__mutex_unlock(&old->lock);
            continue;
        }
        int ret = msess__sink_attach(p->sink, p, pl->cfg.clock, pl->cfg.drop_late);
        if (ret < 0) {
            msess__pipeline_detach(pl);
            return ret;
        }
    }
    return 0;
}

static bool owns_port(const msess__pipeline *pl, const msess__port *p)
{
    for (unsigned i = 0; i < pl->nb_ports; i++)
        if (pl->ports[i] == p)
            return true;
    return false;
}

void msess__pipeline_detach(msess__pipeline *pl)
{
    for (unsigned i = 0; i < pl->nb_ports; i++) {
        msess_sink *s = pl->ports[i]->sink;
        msess__port *cur = atomic_load(&s->port);
        if (cur && owns_port(pl, cur))
            msess__sink_detach(s);
    }
    /* A sink handed over to a following pipeline stays attached to it. */
    msess__pipeline_detach_next(pl);
}

bool msess__pipeline_done(msess__pipeline *pl)
{
    for (unsigned i = 0; i < pl->nb_ports; i++) {
        msess__port *p = pl->ports[i];
        msess__mutex_lock(&p->lock);
        bool done = p->eos_rendered;
        msess__mutex_unlock(&p->lock);
        if (!done)
            return false;
    }
    return true;
}

bool msess__pipeline_released(msess__pipeline *pl)
{
    for (unsigned i = 0; i < pl->nb_ports; i++) {
        msess__port *cur = atomic_load(&pl->ports[i]->sink->port);
        if (cur && owns_port(pl, cur))
            return false;
    }
    return true;
}

bool msess__pipeline_released_to(msess__pipeline *pl, msess__pipeline *next)
{
    for (unsigned i = 0; i < pl->nb_ports; i++) {
        msess_sink *s = pl->ports[i]->sink;
        msess__port *cur = atomic_load(&s->port);
        if (msess__pipeline_has_sink(next, s) && cur && owns_port(pl, cur))
            return false;
    }
    return true;
}

void msess__pipeline_detach_next(msess__pipeline *pl)
{
    for (unsigned i = 0; i < pl->nb_ports; i++) {
        msess__mutex_lock(&pl->ports[i]->lock);
        pl->ports[i]->next = NULL;
        msess__mutex_unlock(&pl->ports[i]->lock);
    }
}

void msess__pipeline_kick(msess__pipeline *pl)
{
    for (unsigned i = 0; i < pl->nb_ports; i++)
        msess__port_kick(pl->ports[i]);
}

msess_topology *msess__pipeline_topology(msess__pipeline *pl)
{
    return pl->topo;
}

msess_time msess__pipeline_base(msess__pipeline *pl)
{
    return pl->cfg.base;
}

msess_sink *msess__pipeline_time_sink(msess__pipeline *pl)
{
    for (unsigned i = 0; i < pl->nb_ports; i++) {
        msess_time_source ts;
        if (msess__sink_time_source(pl->ports[i]->sink, &ts))
            return pl->ports[i]->sink;
    }
    return NULL;
}

bool msess__pipeline_has_sink(msess__pipeline *pl, msess_sink *s)
{
    for (unsigned i = 0; i < pl->nb_ports; i++)
        if (pl->ports[i]->sink == s)
            return true;
    return false;
}

static void free_stage(stage *s)
{
    msess__converter_destroy(&s->conv);
    msess__port_destroy(&s->port);
}

void msess__pipeline_destroy(msess__pipeline **ppl)
{
    msess__pipeline *pl = *ppl;
    if (!pl)
        return;
    msess__pipeline_detach(pl);
    for (unsigned i = 0; i < pl->nb_ports; i++) {
        msess__mutex_lock(&pl->ports[i]->lock);
        msess__fifo_abort(&pl->ports[i]->q);
        msess__mutex_unlock(&pl->ports[i]->lock);
    }
    for (unsigned i = 0; i < pl->nb_sources; i++) {
        source_ctx *sc = &pl->sources[i];
        msess__mutex_lock(&sc->lock);
        sc->quit = true;
        msess__cond_broadcast(&sc->cond);
        msess__mutex_unlock(&sc->lock);
        /* Then break blocking network reads: a read it interrupts sees quit
         * and ends quietly, not with an error event ("Immediate exit
         * requested"), as it could when the abort came first. */
        if (sc->src)
            atomic_store(&sc->src->abort, true);
    }
    for (unsigned i = 0; i < pl->nb_branches; i++) {
        branch *b = &pl->branches[i];
        if (b->started)
            msess__thread_join(b->thread);
        msess__fifo_uninit(&b->pq);
        msess__decoder_close(&b->dec);
    }
    for (unsigned i = 0; i < pl->nb_sources; i++) {
        source_ctx *sc = &pl->sources[i];
        if (sc->started)
            msess__thread_join(sc->thread);
        if (sc->src) {
            atomic_store(&sc->src->abort, false);
            atomic_store(&sc->src->in_use, false);
        }
        msess__free(sc->by_stream);
        msess__cond_destroy(&sc->cond);
        msess__mutex_destroy(&sc->lock);
    }
    for (unsigned i = 0; i < pl->nb_stages; i++)
        free_stage(&pl->stages[i]);
    msess__free(pl->sources);
    msess__free(pl->branches);
    msess__free(pl->stages);
    msess__free(pl->ports);
    msess_topology_destroy(&pl->topo);
    msess__cond_destroy(&pl->cond);
    msess__mutex_destroy(&pl->lock);
    msess__free(pl);
    *ppl = NULL;
}

/* Sink base object, ports, and the presenter loop. */
#include <string.h>

#include <libavutil/frame.h>

#include "core/clock.h"
#include "ff/ff.h"
#include "core/sink.h"
#include "core/util.h"

/* ---- ports */

static void frame_free(void *p)
{
    AVFrame *f = p;
    av_frame_free(&f);
}

int msess__port_create(msess__port **out, msess_sink *sink, unsigned depth,
                       const msess__port_owner *owner)
{
    msess__port *p = msess__calloc(1, sizeof(*p));
    if (!p)
        return MSESS_ENOMEM;
    msess__mutex_init(&p->lock);
    msess__cond_init(&p->cond);
    int ret = msess__fifo_init(&p->q, &p->lock, &p->cond, depth, frame_free);
    if (ret < 0) {
        msess__port_destroy(&p);
        return ret;
    }
    p->sink = msess_sink_ref(sink);
    p->kind = sink->kind;
    p->owner = *owner;
    p->last_end = MSESS_TIME_NONE;
    *out = p;
    return 0;
}

void msess__port_destroy(msess__port **pp)
{
    msess__port *p = *pp;
    if (!p)
        return;
    msess__fifo_uninit(&p->q);
    msess_sink_destroy(&p->sink);
    msess__cond_destroy(&p->cond);
    msess__mutex_destroy(&p->lock);
    msess__free(p);
    *pp = NULL;
}

int msess__port_push(msess__port *p, AVFrame *f, uint32_t gen, bool eos)
{
    msess__item it = { .ptr = f, .gen = gen, .flags = eos ? MSESS__ITEM_EOS : 0,
                       .pts = f ? f->pts : MSESS_TIME_NONE,
                       .duration = f ? MSESS__FDUR(f) : 0 };
    msess__mutex_lock(&p->lock);
    bool was_idle = !p->q.count && !p->consumed;
    int ret = msess__fifo_push(&p->q, &it, true);
    bool now_ready = was_idle && p->q.count;
    msess__mutex_unlock(&p->lock);
    if (now_ready && p->owner.ready)
        p->owner.ready(p->owner.userdata);
    return ret;
}

void msess__port_flush(msess__port *p, uint32_t gen)
{
    msess__mutex_lock(&p->lock);
    msess__fifo_flush(&p->q, gen);
    /* A frame taken before the flush finishes presenting first, so nothing
     * from before a seek shows once the seek has flushed. */
    while (p->presenting)
        msess__cond_wait(&p->cond, &p->lock);
    p->eos_rendered = false;
    p->consumed = 0;
    p->last_end = MSESS_TIME_NONE;
    msess__mutex_unlock(&p->lock);
}

bool msess__port_ready(msess__port *p)
{
    msess__mutex_lock(&p->lock);
    bool r = p->q.count || p->consumed || p->eos_rendered;
    msess__mutex_unlock(&p->lock);
    return r;
}

void msess__port_kick(msess__port *p)
{
    msess__mutex_lock(&p->lock);
    msess__fifo_kick(&p->q);
    msess__mutex_unlock(&p->lock);
}

void msess__port_eos_reached_locked(msess__port *p)
{
    if (p->eos_rendered)
        return;
    p->eos_rendered = true;
    if (p->owner.eos_rendered) {
        msess__mutex_unlock(&p->lock);
        p->owner.eos_rendered(p->owner.userdata, p);
        msess__mutex_lock(&p->lock);
    }
}

/* ---- sink base */

int msess__sink_create(msess_sink **out, const msess__sink_ops *ops,
                       enum msess_media_kind kind)
{
    if (!out)
        return MSESS_EINVAL;
    *out = NULL;
    msess_sink *s = msess__calloc(1, sizeof(*s));
    if (!s)
        return MSESS_ENOMEM;
    if (ops->priv_size && !(s->priv = msess__calloc(1, ops->priv_size))) {
        msess__free(s);
        return MSESS_ENOMEM;
    }
    s->ops = ops;
    s->kind = kind;
    atomic_init(&s->refs, 1);
    msess__mutex_init(&s->lock);
    msess__mutex_init(&s->io_lock);
    msess_sink_reset_stats(s);
    *out = s;
    return 0;
}

msess_sink *msess_sink_ref(msess_sink *s)
{
    if (s)
        atomic_fetch_add(&s->refs, 1);
    return s;
}

void msess_sink_destroy(msess_sink **ps)
{
    if (!ps || !*ps)
        return;
    msess_sink *s = *ps;
    *ps = NULL;
    if (atomic_fetch_sub(&s->refs, 1) != 1)
        return;
    if (s->ops->destroy)
        s->ops->destroy(s);
    msess__mutex_destroy(&s->io_lock);
    msess__mutex_destroy(&s->lock);
    msess__free(s->priv);
    msess__free(s);
}

enum msess_media_kind msess_sink_kind(const msess_sink *s)
{
    return s ? s->kind : MSESS_MEDIA_UNKNOWN;
}

const char *msess_sink_name(const msess_sink *s)
{
    return s ? s->ops->name : NULL;
}

void msess_sink_get_stats(const msess_sink *s, msess_sink_stats *out)
{
    if (!s || !out)
        return;
    msess__mutex_lock((msess__mutex *)&s->lock);
    *out = s->stats;
    msess__mutex_unlock((msess__mutex *)&s->lock);
}

void msess_sink_reset_stats(msess_sink *s)
{
    if (!s)
        return;
    msess__mutex_lock(&s->lock);
    s->stats = (msess_sink_stats){ .first_pts = MSESS_TIME_NONE,
                                   .last_pts = MSESS_TIME_NONE,
                                   .end_time = MSESS_TIME_NONE };
    msess__mutex_unlock(&s->lock);
}

void msess_sink_set_frame_callback(msess_sink *s, msess_frame_fn fn, void *userdata)
{
    if (!s)
        return;
    msess__mutex_lock(&s->lock);
    s->frame_fn = fn;
    s->frame_userdata = userdata;
    msess__mutex_unlock(&s->lock);
}

void msess__sink_account(msess_sink *s, const AVFrame *f, bool dropped)
{
    msess__mutex_lock(&s->lock);
    msess_sink_stats *st = &s->stats;
    st->frames_received++;
    if (dropped) {
        st->frames_dropped++;
    } else {
        st->frames_presented++;
        if (st->first_pts == MSESS_TIME_NONE)
            st->first_pts = f->pts;
        st->last_pts = f->pts;
        st->end_time = f->pts + MSESS__FDUR(f);
        if (s->kind == MSESS_MEDIA_AUDIO) {
            st->samples_rendered += f->nb_samples;
            st->sample_rate = f->sample_rate;
        }
    }
    msess_frame_fn fn = s->frame_fn;
    void *ud = s->frame_userdata;
    msess__mutex_unlock(&s->lock);
    if (fn) {
        msess_frame_info info = { .kind = s->kind, .pts = f->pts, .duration = MSESS__FDUR(f),
                                  .dropped = dropped, .width = f->width, .height = f->height,
                                  .samples = f->nb_samples, .ff_format = f->format };
        for (int i = 0; i < 4; i++) {
            info.data[i] = f->data[i];
            info.linesize[i] = f->linesize[i];
        }
        fn(ud, &info);
    }
}

bool msess__media_type_same(const msess_media_type *a, const msess_media_type *b)
{
    if (a->kind != b->kind || a->compressed != b->compressed)
        return false;
    if (a->kind == MSESS_MEDIA_VIDEO)
        return a->ff_format == b->ff_format && a->width == b->width && a->height == b->height;
    return a->ff_format == b->ff_format && a->sample_rate == b->sample_rate &&
           a->channels == b->channels;
}

int msess__sink_negotiate(msess_sink *s, const msess_media_type *in, msess_media_type *want)
{
    if (in->kind != s->kind)
        return MSESS_ETOPO_UNSUPPORTED;
    *want = *in;
    return s->ops->negotiate ? s->ops->negotiate(s, in, want) : 0;
}

int msess__sink_attach(msess_sink *s, msess__port *port, msess_clock *clock,
                       bool drop_late)
{
    atomic_store(&s->port, port);
    s->clock = clock;
    s->drop_late = drop_late;
    atomic_store(&s->quit, false);
    int ret = s->ops->start ? s->ops->start(s) : 0;
    if (ret < 0)
        atomic_store(&s->port, NULL);
    return ret;
}

void msess__sink_detach(msess_sink *s)
{
    atomic_store(&s->quit, true);
    msess__port *p = atomic_load(&s->port);
    if (p)
        msess__port_kick(p);
    if (s->ops->stop)
        s->ops->stop(s);
    /* An application thread inside acquire/read finishes first. */
    msess__mutex_lock(&s->io_lock);
    atomic_store(&s->port, NULL);
    s->clock = NULL;
    msess__mutex_unlock(&s->io_lock);
}

bool msess__sink_time_source(msess_sink *s, msess_time_source *out)
{
    return s->ops->time_source && s->ops->time_source(s, out);
}

/* ---- presenter: one thread per sink, presenting each frame when the clock
 * reaches it. */

#define POLL_TICKS (5 * MSESS_TIME_PER_MS)
#define MAX_WAIT_TICKS (100 * MSESS_TIME_PER_MS)

/* Wait (lock held) until the clock reaches pts or something changes.
 * Returns true when pts is due; *now gets the clock's time. */
static bool wait_due(msess_sink *s, msess__port *p, msess_time pts, msess_time *now)
{
    int64_t deadline = 0;
    if (!s->clocked) {
        *now = pts;
        return true;
    }
    enum msess__clock_plan plan = msess__clock_deadline(s->clock, pts, &deadline, now);
    if (plan != MSESS__CLOCK_HALTED && *now >= pts)
        return true;
    /* Clock changes kick the port, so a halted clock needs no polling. */
    int64_t t = msess__now();
    if (plan == MSESS__CLOCK_POLL)
        deadline = t + POLL_TICKS;
    else if (plan == MSESS__CLOCK_HALTED || deadline - t > MAX_WAIT_TICKS)
        deadline = t + MAX_WAIT_TICKS;
    unsigned kicks = p->q.kicks;
    while (p->q.kicks == kicks && !atomic_load(&s->quit))
        if (!msess__cond_wait_until(&p->cond, &p->lock, deadline))
            break;
    return false;
}

/* Timed, so a stop is seen even if it kicked a port we just left. */
static void idle_wait(msess__port *p)
{
    msess__cond_wait_until(&p->cond, &p->lock, msess__now() + MAX_WAIT_TICKS);
}

static void *presenter_main(void *arg)
{
    msess_sink *s = arg;
    msess__port *p = atomic_load(&s->port);
    msess__mutex_lock(&p->lock);
    while (!atomic_load(&s->quit)) {
        msess__item *it = msess__fifo_peek(&p->q, 0);
        msess_time now;
        if (!it) {
            idle_wait(p);
            continue;
        }
        if (it->flags & MSESS__ITEM_EOS) {
            if (!p->eos_rendered) {
                if (p->last_end != MSESS_TIME_NONE && !wait_due(s, p, p->last_end, &now))
                    continue;
                msess__port_eos_reached_locked(p);
                continue;
            }
            msess__port *next = p->next;
            if (next) {
                /* Topology boundary: carry on with the next one's frames. */
                /* moved under the old port's lock, so a teardown that
                 * clears p->next either sees the move or prevents it */
                atomic_store(&s->port, next);
                msess__mutex_unlock(&p->lock);
                p = next;
                msess__mutex_lock(&p->lock);
                continue;
            }
            idle_wait(p);
            continue;
        }
        if (!wait_due(s, p, it->pts, &now))
            continue;
        msess__item item;
        msess__fifo_pop(&p->q, &item);
        p->consumed++;
        if (item.pts != MSESS_TIME_NONE)
            p->last_end = item.pts + item.duration;
        bool late = false;
        if (s->clocked && s->drop_late && s->kind == MSESS_MEDIA_VIDEO) {
            msess__item *nx = msess__fifo_peek(&p->q, 0);
            late = nx && !(nx->flags & MSESS__ITEM_EOS) && nx->pts <= now;
        }
        p->presenting = true;
        msess__mutex_unlock(&p->lock);
        if (!late && s->ops->render)
            s->ops->render(s, item.ptr);
        msess__sink_account(s, item.ptr, late);
        frame_free(item.ptr);
        msess__mutex_lock(&p->lock);
        p->presenting = false;
        msess__cond_broadcast(&p->cond);
    }
    msess__mutex_unlock(&p->lock);
    return NULL;
}

int msess__presenter_start(msess_sink *s)
{
    if (msess__thread_create(&s->thread, presenter_main, s, "msess-present") < 0)
        return MSESS_ENOMEM;
    s->has_thread = true;
    return 0;
}

void msess__presenter_stop(msess_sink *s)
{
    if (!s->has_thread)
        return;
    atomic_store(&s->quit, true);
    msess__port *p = atomic_load(&s->port);
    if (p)
        msess__port_kick(p);
    msess__thread_join(s->thread);
    s->has_thread = false;
}

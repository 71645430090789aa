/* Sink base object, ports, and the presenter loop. */
#include <stdlib.h>
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
    p->posted = false;
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
    msess_sink *s = p->sink;
    bool up = atomic_load(&s->thread_ready); /* before render_off: set first */
    msess__mutex_lock(&p->lock);
    /* Before the first start, a sink that preloads is ready once it did.
     * render_off is the presenter's until it set thread_ready: read after. */
    bool preloading = up && s->ops->preload && s->clocked && !s->render_off && !p->preloaded &&
                      msess_clock_get_state(s->clock) == MSESS_CLOCK_STOPPED;
    bool r = ((p->q.count && !preloading) || p->consumed || p->eos_rendered) && up;
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
    atomic_init(&s->thread_ready, true);
    msess__mutex_init(&s->lock);
    msess__mutex_init(&s->io_lock);
    msess__cond_init(&s->frame_fn_done);
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
    msess__cond_destroy(&s->frame_fn_done);
    msess__mutex_destroy(&s->io_lock);
    msess__mutex_destroy(&s->lock);
    msess__free(s->sync_ms);
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
    out->underruns = atomic_load(&s->underruns);
}

void msess_sink_reset_stats(msess_sink *s)
{
    if (!s)
        return;
    msess__mutex_lock(&s->lock);
    s->stats = (msess_sink_stats){ .first_pts = MSESS_TIME_NONE,
                                   .last_pts = MSESS_TIME_NONE,
                                   .end_time = MSESS_TIME_NONE };
    s->nb_sync = 0;
    msess__mutex_unlock(&s->lock);
    atomic_store(&s->underruns, 0);
}

#define MAX_SYNC_SAMPLES (1u << 20)

void msess__sink_record_sync(msess_sink *s, msess_time pts)
{
    msess_time now;
    if (!s->clock || msess_clock_get_time(s->clock, &now) < 0)
        return;
    float diff = (float)(pts - now) / (float)MSESS_TIME_PER_MS;
    msess__mutex_lock(&s->lock);
    if (s->nb_sync == s->cap_sync && s->cap_sync < MAX_SYNC_SAMPLES) {
        size_t cap = s->cap_sync ? s->cap_sync * 2 : 1024;
        float *a = msess__realloc(s->sync_ms, cap * sizeof(*a));
        if (a) {
            s->sync_ms = a;
            s->cap_sync = cap;
        }
    }
    if (s->nb_sync < s->cap_sync)
        s->sync_ms[s->nb_sync++] = diff;
    msess__mutex_unlock(&s->lock);
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

void msess_sink_get_sync_stats(const msess_sink *s, msess_sync_stats *out)
{
    if (!out)
        return;
    *out = (msess_sync_stats){ 0 };
    if (!s)
        return;
    msess__mutex_lock((msess__mutex *)&s->lock);
    size_t n = s->nb_sync;
    float *a = n ? msess__malloc(n * sizeof(*a)) : NULL;
    if (a)
        memcpy(a, s->sync_ms, n * sizeof(*a));
    msess__mutex_unlock((msess__mutex *)&s->lock);
    if (!a)
        return;
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        sum += a[i];
        a[i] = a[i] < 0 ? -a[i] : a[i];
    }
    qsort(a, n, sizeof(*a), cmp_float);
    out->count = n;
    out->mean_ms = sum / (double)n;
    out->median_ms = a[n / 2];
    out->p99_ms = a[(size_t)((double)(n - 1) * 0.99)];
    out->max_ms = a[n - 1];
    msess__free(a);
}

void msess_sink_set_frame_callback(msess_sink *s, msess_frame_fn fn, void *userdata)
{
    if (!s)
        return;
    msess__mutex_lock(&s->lock);
    s->frame_fn = fn;
    s->frame_userdata = userdata;
    /* The old callback may be running: the caller is about to free what it
     * uses. Not when called from inside it (it would wait for itself). */
    while (s->frame_fn_busy && !pthread_equal(s->frame_fn_thread, pthread_self()))
        msess__cond_wait(&s->frame_fn_done, &s->lock);
    msess__mutex_unlock(&s->lock);
}

static void frame_info_format(msess_frame_info *info, const AVFrame *f)
{
    if (info->kind == MSESS_MEDIA_VIDEO) {
        info->pixel_format = msess__ff_pix(f->format);
    } else {
        info->sample_format = msess__ff_sample(f->format);
        info->sample_rate = f->sample_rate;
        info->channels = f->ch_layout.nb_channels;
    }
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
    if (fn) {
        s->frame_fn_busy++;
        s->frame_fn_thread = pthread_self();
    }
    msess__mutex_unlock(&s->lock);
    if (!fn)
        return;
    msess_frame_info info = { .kind = s->kind, .pts = f->pts, .duration = MSESS__FDUR(f),
                              .dropped = dropped, .width = f->width, .height = f->height,
                              .samples = f->nb_samples, .ff_format = f->format };
    for (int i = 0; i < 4; i++) {
        info.data[i] = f->data[i];
        info.linesize[i] = f->linesize[i];
    }
    frame_info_format(&info, f);
    fn(ud, &info);
    msess__mutex_lock(&s->lock);
    if (!--s->frame_fn_busy)
        msess__cond_broadcast(&s->frame_fn_done);
    msess__mutex_unlock(&s->lock);
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
#define IDLE_TICKS (10 * MSESS_TIME_PER_MS)  /* sinks with an idle hook (event pumps) */
#define MAX_WAIT_TICKS (100 * MSESS_TIME_PER_MS)
#define MAX_RENDER_LEAD (25 * MSESS_TIME_PER_MS)

/* Wait (lock held) until the clock reaches pts or something changes.
 * Returns true when pts is due; *now gets the clock's time. */
static int64_t wait_cap(const msess_sink *s)
{
    return s->ops->idle ? IDLE_TICKS : MAX_WAIT_TICKS;
}

/* The head frame is to be shown now as a poster: the clock is paused (a
 * seek pauses it too) before anything was presented since the start or the
 * last seek (a pause keeps the frame presented last). A stopped clock has
 * not started yet: a window opened early stays black till then. */
static bool poster_due(const msess_sink *s, const msess__port *p)
{
    return s->poster && !s->render_off && !p->posted && !p->consumed &&
           msess_clock_get_state(s->clock) == MSESS_CLOCK_PAUSED;
}

static bool wait_due(msess_sink *s, msess__port *p, msess_time pts, msess_time *now,
                     bool *halted)
{
    int64_t deadline = 0;
    *halted = false;
    if (!s->clocked && msess_clock_get_state(s->clock) != MSESS_CLOCK_STOPPED) {
        *now = pts;
        return true; /* as fast as it goes, once started */
    }
    pts -= s->lead;
    /* Start rendering early by what rendering takes, so the frame is
     * visible at its time, not after it. */
    if (s->render_lead)
        pts -= (msess_time)((double)s->render_lead * msess_clock_get_rate(s->clock));
    enum msess__clock_plan plan = msess__clock_deadline(s->clock, pts, &deadline, now);
    if (plan != MSESS__CLOCK_HALTED && *now >= pts)
        return true;
    *halted = plan == MSESS__CLOCK_HALTED;
    if (*halted && poster_due(s, p))
        return false; /* show it as the poster first */
    /* Clock changes kick the port, so a halted clock needs no polling. */
    int64_t t = msess__now();
    if (plan == MSESS__CLOCK_POLL) /* the final approach on the estimate */
        deadline = MSESS__MIN(deadline, t + POLL_TICKS);
    else if (plan == MSESS__CLOCK_HALTED || deadline - t > wait_cap(s))
        deadline = t + wait_cap(s);
    unsigned kicks = p->q.kicks;
    while (p->q.kicks == kicks && !atomic_load(&s->quit))
        if (!msess__cond_wait_until(&p->cond, &p->lock, deadline))
            break;
    return false;
}

/* Timed, so a stop is seen even if it kicked a port we just left. */
static void idle_wait(msess_sink *s, msess__port *p)
{
    msess__cond_wait_until(&p->cond, &p->lock, msess__now() + wait_cap(s));
}

/* Lock held: render a frame that stays queued (a poster while the clock is
 * halted), from a reference of our own. */
static void render_poster(msess_sink *s, msess__port *p, AVFrame *f)
{
    AVFrame *ref = av_frame_clone(f);
    p->posted = true;
    if (!ref)
        return;
    p->presenting = true;
    msess__mutex_unlock(&p->lock);
    s->ops->render(s, ref);
    av_frame_free(&ref);
    msess__mutex_lock(&p->lock);
    p->presenting = false;
    msess__cond_broadcast(&p->cond);
}

/* Lock held: let the sink prepare for the head frame before the clock
 * starts (see ops->preload), once per port. */
static void preload(msess_sink *s, msess__port *p, AVFrame *f)
{
    p->preloaded = true;
    AVFrame *ref = av_frame_clone(f);
    if (!ref)
        return;
    p->presenting = true;
    msess__mutex_unlock(&p->lock);
    s->ops->preload(s, ref);
    av_frame_free(&ref);
    msess__mutex_lock(&p->lock);
    p->presenting = false;
    msess__cond_broadcast(&p->cond);
}

static void *presenter_main(void *arg)
{
    msess_sink *s = arg;
    /* A failing init keeps consuming at the clock's pace, showing nothing,
     * until the next attach tries again. */
    s->render_off = s->ops->thread_init && s->ops->thread_init(s) < 0;
    atomic_store(&s->thread_ready, true);
    msess__port *p = atomic_load(&s->port);
    msess__mutex_lock(&p->lock);
    while (!atomic_load(&s->quit)) {
        if (s->ops->idle) {
            msess__mutex_unlock(&p->lock);
            s->ops->idle(s);
            msess__mutex_lock(&p->lock);
        }
        msess__item *it = msess__fifo_peek(&p->q, 0);
        msess_time now;
        bool halted;
        if (!it) {
            idle_wait(s, p);
            continue;
        }
        if (it->flags & MSESS__ITEM_EOS) {
            if (!p->eos_rendered) {
                if (p->last_end != MSESS_TIME_NONE &&
                    !wait_due(s, p, p->last_end, &now, &halted))
                    continue;
                msess__port_eos_reached_locked(p);
                continue;
            }
            msess__port *next = p->next;
            if (next) {
                /* Topology boundary: carry on with the next one's frames,
                 * moving under the old port's lock, so a teardown that
                 * clears p->next either sees the move or prevents it. */
                atomic_store(&s->port, next);
                msess__mutex_unlock(&p->lock);
                p = next;
                msess__mutex_lock(&p->lock);
                continue;
            }
            idle_wait(s, p);
            continue;
        }
        if (!p->preloaded && s->ops->preload && !s->render_off && s->clocked &&
            msess_clock_get_state(s->clock) == MSESS_CLOCK_STOPPED) {
            preload(s, p, it->ptr);
            continue;
        }
        if (!wait_due(s, p, it->pts, &now, &halted)) {
            /* wait_due may have waited, and a flush freed `it` meanwhile:
             * the poster is the head as it is now. */
            it = msess__fifo_peek(&p->q, 0);
            if (halted && it && !(it->flags & MSESS__ITEM_EOS) && poster_due(s, p))
                render_poster(s, p, it->ptr);
            continue;
        }
        msess__item item;
        msess__fifo_pop(&p->q, &item);
        p->consumed++;
        if (item.pts != MSESS_TIME_NONE)
            p->last_end = item.pts + item.duration;
        bool late = false;
        if (s->clocked && s->drop_late && s->kind == MSESS_MEDIA_VIDEO) {
            msess__item *nx = msess__fifo_peek(&p->q, 0);
            late = nx && !(nx->flags & MSESS__ITEM_EOS) && nx->pts - s->lead <= now;
        }
        p->presenting = true;
        msess__mutex_unlock(&p->lock);
        if (!late && s->ops->render && !s->render_off) {
            int64_t t0 = msess__now();
            s->ops->render(s, item.ptr);
            if (s->clocked && s->kind == MSESS_MEDIA_VIDEO) {
                int64_t d = MSESS__MIN(msess__now() - t0, MAX_RENDER_LEAD);
                s->render_lead += (d - s->render_lead) / 8;
            }
        }
        if (!late && s->clocked && s->kind == MSESS_MEDIA_VIDEO)
            msess__sink_record_sync(s, item.pts);
        msess__sink_account(s, item.ptr, late);
        frame_free(item.ptr);
        msess__mutex_lock(&p->lock);
        p->presenting = false;
        msess__cond_broadcast(&p->cond);
    }
    msess__mutex_unlock(&p->lock);
    if (s->ops->thread_exit)
        s->ops->thread_exit(s);
    return NULL;
}

int msess__presenter_start(msess_sink *s)
{
    /* The clock starts once the window (or device) is up, not before. */
    atomic_store(&s->thread_ready, false);
    if (msess__thread_create(&s->thread, presenter_main, s, "msess-present") < 0) {
        atomic_store(&s->thread_ready, true);
        return MSESS_ENOMEM;
    }
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

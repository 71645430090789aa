/* Presentation clock: position = pos0 + (source now - src0) x rate. */
#include <math.h>

#include "core/clock.h"
#include "core/util.h"
#include "os/thread.h"

struct msess_clock {
    msess__mutex lock;
    msess_time_source src;
    bool has_src;
    enum msess_clock_state state;
    double rate;
    msess_time pos0; /* presentation time at the anchor */
    msess_time src0; /* time source reading at the anchor */
    msess__clock_listener listener;
    void *listener_data;
};

msess_time msess_system_time(void *userdata)
{
    (void)userdata;
    return msess__now();
}

static const msess_time_source system_source = { msess_system_time, NULL };

const msess_time_source *msess_system_time_source(void)
{
    return &system_source;
}

int msess_clock_create(msess_clock **out, const msess_time_source *source)
{
    if (!out)
        return MSESS_EINVAL;
    *out = NULL;
    if (source && !source->now)
        return MSESS_EINVAL;
    msess_clock *c = msess__calloc(1, sizeof(*c));
    if (!c)
        return MSESS_ENOMEM;
    msess__mutex_init(&c->lock);
    c->state = MSESS_CLOCK_STOPPED;
    c->rate = 1.0;
    if (source) {
        c->src = *source;
        c->has_src = true;
    }
    *out = c;
    return 0;
}

void msess_clock_destroy(msess_clock **pc)
{
    if (!pc || !*pc)
        return;
    msess__mutex_destroy(&(*pc)->lock);
    msess__free(*pc);
    *pc = NULL;
}

void msess__clock_set_listener(msess_clock *c, msess__clock_listener fn, void *userdata)
{
    msess__mutex_lock(&c->lock);
    c->listener = fn;
    c->listener_data = userdata;
    msess__mutex_unlock(&c->lock);
}

static msess_time position_locked(const msess_clock *c, msess_time now)
{
    switch (c->state) {
    case MSESS_CLOCK_RUNNING:
        return c->pos0 + (msess_time)llround((double)(now - c->src0) * c->rate);
    case MSESS_CLOCK_PAUSED:
        return c->pos0;
    default:
        return 0;
    }
}

static msess_time source_now(const msess_clock *c)
{
    return c->src.now(c->src.userdata);
}

static void notify(msess_clock *c)
{
    msess__mutex_lock(&c->lock);
    msess__clock_listener fn = c->listener;
    void *data = c->listener_data;
    msess__mutex_unlock(&c->lock);
    if (fn)
        fn(data);
}

int msess_clock_set_time_source(msess_clock *c, const msess_time_source *source)
{
    if (!c || (source && !source->now))
        return MSESS_EINVAL;
    msess__mutex_lock(&c->lock);
    /* Re-anchor so the position is continuous across the switch. */
    msess_time pos = c->has_src ? position_locked(c, source_now(c)) : c->pos0;
    c->has_src = source != NULL;
    if (source) {
        c->src = *source;
        c->src0 = source_now(c);
    }
    if (c->state != MSESS_CLOCK_STOPPED)
        c->pos0 = pos;
    msess__mutex_unlock(&c->lock);
    notify(c);
    return 0;
}

int msess_clock_start(msess_clock *c, msess_time pos)
{
    if (!c)
        return MSESS_EINVAL;
    msess__mutex_lock(&c->lock);
    if (!c->has_src) {
        msess__mutex_unlock(&c->lock);
        return MSESS_ENOTIMESOURCE;
    }
    msess_time now = source_now(c);
    if (pos == MSESS_TIME_NONE)
        pos = position_locked(c, now);
    c->pos0 = pos;
    c->src0 = now;
    c->state = MSESS_CLOCK_RUNNING;
    msess__mutex_unlock(&c->lock);
    notify(c);
    return 0;
}

/* Pause or stop: the same checks, then the change. */
static int halt(msess_clock *c, enum msess_clock_state to)
{
    if (!c)
        return MSESS_EINVAL;
    msess__mutex_lock(&c->lock);
    int ret = 0;
    if (!c->has_src)
        ret = MSESS_ENOTIMESOURCE;
    else if (c->state == to)
        ret = MSESS_ECLOCKSTATE;
    else if (to == MSESS_CLOCK_PAUSED && c->state == MSESS_CLOCK_STOPPED)
        ret = MSESS_ESTATE;
    else {
        c->pos0 = to == MSESS_CLOCK_PAUSED ? position_locked(c, source_now(c)) : 0;
        c->state = to;
    }
    msess__mutex_unlock(&c->lock);
    if (!ret)
        notify(c);
    return ret;
}

int msess_clock_pause(msess_clock *c)
{
    return halt(c, MSESS_CLOCK_PAUSED);
}

int msess_clock_stop(msess_clock *c)
{
    return halt(c, MSESS_CLOCK_STOPPED);
}

int msess_clock_set_rate(msess_clock *c, double rate)
{
    if (!c || !(rate > 0.0) || !isfinite(rate))
        return c ? MSESS_ERATE : MSESS_EINVAL;
    msess__mutex_lock(&c->lock);
    if (c->has_src && c->state == MSESS_CLOCK_RUNNING) {
        msess_time now = source_now(c);
        c->pos0 = position_locked(c, now);
        c->src0 = now;
    }
    c->rate = rate;
    msess__mutex_unlock(&c->lock);
    notify(c);
    return 0;
}

double msess_clock_get_rate(const msess_clock *c)
{
    if (!c)
        return 0.0;
    msess__mutex_lock((msess__mutex *)&c->lock);
    double r = c->rate;
    msess__mutex_unlock((msess__mutex *)&c->lock);
    return r;
}

int msess_clock_get_time(const msess_clock *c, msess_time *out)
{
    if (!c || !out)
        return MSESS_EINVAL;
    msess__mutex_lock((msess__mutex *)&c->lock);
    int ret = 0;
    if (!c->has_src)
        ret = MSESS_ENOTIMESOURCE;
    else
        *out = position_locked(c, c->state == MSESS_CLOCK_RUNNING ? source_now(c) : 0);
    msess__mutex_unlock((msess__mutex *)&c->lock);
    return ret;
}

enum msess_clock_state msess_clock_get_state(const msess_clock *c)
{
    if (!c)
        return MSESS_CLOCK_INVALID;
    msess__mutex_lock((msess__mutex *)&c->lock);
    enum msess_clock_state s = c->state;
    msess__mutex_unlock((msess__mutex *)&c->lock);
    return s;
}

enum msess__clock_plan msess__clock_deadline(const msess_clock *c, msess_time pts,
                                             int64_t *deadline, msess_time *now_out)
{
    msess__mutex_lock((msess__mutex *)&c->lock);
    enum msess__clock_plan plan = MSESS__CLOCK_HALTED;
    if (!c->has_src) {
        *now_out = 0;
    } else if (c->state != MSESS_CLOCK_RUNNING) {
        *now_out = position_locked(c, 0);
    } else {
        msess_time now = source_now(c);
        *now_out = position_locked(c, now);
        plan = MSESS__CLOCK_POLL;
        int64_t until = (int64_t)((double)(pts - *now_out) / c->rate);
        if (c->src.now == msess_system_time) {
            *deadline = now + until;
            plan = MSESS__CLOCK_AT;
        } else {
            *deadline = msess__now() + until; /* if the source keeps real time */
        }
    }
    msess__mutex_unlock((msess__mutex *)&c->lock);
    return plan;
}

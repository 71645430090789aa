/* Clocks: the system time source (MFCreateSystemTimeSource), the
 * presentation clock (MFCreatePresentationClock) and the presentation clock
 * a media session hands out (shim_session_clock_create).
 *
 * Presentation clock: Windows' design, which Wine's conformance tests pin
 * down: the time source computes the presentation time. The clock tells its
 * time source of every state change through the source's IMFClockStateSink
 * (synchronously: the source's failure is the call's result), and GetTime is
 * the clock time of the source's GetCorrelatedTime, for our system time
 * source as for any IMFPresentationTimeSource a client sets. The system time
 * source computes its time from the system time each notification carries,
 * as Windows' does; msess_clock anchors on its own reading and cannot, so
 * these two objects do not use it (the session clock below does).
 *
 * Registered IMFClockStateSinks hear of each change asynchronously, on the
 * worker threads, as on Windows: in the order of the changes (one key per
 * clock in shim_work_submit), never under one of the clock's locks, with the
 * system time of the change and, for OnClockStart, the offset given to Start
 * (PRESENTATION_CURRENT_POSITION included). Start from paused with
 * PRESENTATION_CURRENT_POSITION is a restart (OnClockRestart).
 *
 * State rules (Windows): no time source: Start, Stop, Pause, SetRate,
 * GetTime, GetCorrelatedTime, GetProperties, GetClockCharacteristics and
 * GetTimeSource fail with MF_E_CLOCK_NO_TIME_SOURCE; GetTime(NULL) is
 * E_POINTER first. Stop when stopped and Pause when paused:
 * MF_E_CLOCK_STATE_ALREADY_SET; Pause when stopped: MF_E_INVALIDREQUEST
 * (also before the first Start: the clock has no position to hold). Start is
 * always allowed (a seek while running). The clock starts in
 * MFCLOCK_STATE_INVALID. IMFShutdown::Shutdown only marks the clock (Windows
 * keeps it working afterwards) and drops the state sinks, which often hold
 * the clock themselves. Not implemented: IMFTimer.
 *
 * Session clock: reads the session's msess clock (time, state, rate). The
 * session alone drives it: Start, Stop, Pause, SetTimeSource and
 * IMFRateControl::SetRate answer MF_E_INVALIDREQUEST (changing a
 * session's clock behind its back is never what a client wants; the
 * session's Start/Pause/Stop and its rate control do it). GetTimeSource
 * gives a time source that reads the same msess clock. The session calls
 * shim_session_clock_notify on each change, which state sinks (the sample
 * grabber) hear as above, and shim_session_clock_detach before it frees its
 * msess session; after that the clock's methods answer MF_E_SHUTDOWN. */
#define _POSIX_C_SOURCE 200809L /* PTHREAD_MUTEX_RECURSIVE */
#include <stdlib.h>
#include <string.h>

#include "shim.h"

#ifndef PRESENTATION_CURRENT_POSITION
#define PRESENTATION_CURRENT_POSITION 0x7fffffffffffffffLL
#endif
#ifndef MFCLOCK_FREQUENCY_HNS
#define MFCLOCK_FREQUENCY_HNS 10000000
#endif
#ifndef MFCLOCK_TOLERANCE_UNKNOWN
#define MFCLOCK_TOLERANCE_UNKNOWN 50000
#endif

/* ------------------------------------------------------------- helpers */

/* A duration at a rate, rounded to the nearest tick. */
static LONGLONG scale_time(LONGLONG d, float rate)
{
    if (rate == 1.0f)
        return d;
    double v = (double)d * rate;
    return (LONGLONG)(v < 0 ? v - 0.5 : v + 0.5);
}

/* The properties Windows reports for the system clock and time source. */
static void system_clock_properties(MFCLOCK_PROPERTIES *props)
{
    memset(props, 0, sizeof(*props));
    props->qwCorrelationRate = 0;
    props->guidClockId = GUID_NULL;
    props->dwClockFlags = 0;
    props->qwClockFrequency = MFCLOCK_FREQUENCY_HNS;
    props->dwClockTolerance = MFCLOCK_TOLERANCE_UNKNOWN;
    props->dwClockJitter = 1;
}

static pthread_mutex_t *recursive_mutex_init(pthread_mutex_t *m)
{
    pthread_mutexattr_t ma;
    if (pthread_mutexattr_init(&ma))
        return NULL;
    pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_RECURSIVE);
    int err = pthread_mutex_init(m, &ma);
    pthread_mutexattr_destroy(&ma);
    return err ? NULL : m;
}

/* The five IMFClock methods of interface `iface` of an object whose
 * implementation functions are impl##_characteristics(obj, ...), ... and
 * whose object comes from `from(iface)`. */
#define SHIM_CLOCK_METHODS(pfx, iface, from, impl)                                          \
    static HRESULT STDMETHODCALLTYPE pfx##GetClockCharacteristics(iface *This, DWORD *c)   \
    { return impl##_characteristics(from(This), c); }                                      \
    static HRESULT STDMETHODCALLTYPE pfx##GetCorrelatedTime(iface *This, DWORD reserved,   \
                                                            LONGLONG *t, MFTIME *sys)      \
    { (void)reserved; return impl##_correlated_time(from(This), t, sys); }                 \
    static HRESULT STDMETHODCALLTYPE pfx##GetContinuityKey(iface *This, DWORD *key)        \
    { (void)This; if (!key) return E_POINTER; *key = 0; return S_OK; }                     \
    static HRESULT STDMETHODCALLTYPE pfx##GetState(iface *This, DWORD reserved,            \
                                                   MFCLOCK_STATE *state)                   \
    { (void)reserved; return impl##_state(from(This), state); }                            \
    static HRESULT STDMETHODCALLTYPE pfx##GetProperties(iface *This,                       \
                                                        MFCLOCK_PROPERTIES *props)         \
    { return impl##_properties(from(This), props); }
#define SHIM_CLOCK_VTBL(pfx)                                                     \
    .GetClockCharacteristics = pfx##GetClockCharacteristics,                     \
    .GetCorrelatedTime = pfx##GetCorrelatedTime,                                 \
    .GetContinuityKey = pfx##GetContinuityKey, .GetState = pfx##GetState,        \
    .GetProperties = pfx##GetProperties

/* --------------------------------------------------- state sink fan-out */

HRESULT shim_clock_sink_call(IMFClockStateSink *sink, enum shim_clock_event what, MFTIME systime,
                             LONGLONG offset, float rate)
{
    switch (what) {
    case SHIM_CLOCK_START:
        return IMFClockStateSink_OnClockStart(sink, systime, offset);
    case SHIM_CLOCK_STOP:
        return IMFClockStateSink_OnClockStop(sink, systime);
    case SHIM_CLOCK_PAUSE:
        return IMFClockStateSink_OnClockPause(sink, systime);
    case SHIM_CLOCK_RESTART:
        return IMFClockStateSink_OnClockRestart(sink, systime);
    case SHIM_CLOCK_RATE:
        return IMFClockStateSink_OnClockSetRate(sink, systime, rate);
    }
    return E_INVALIDARG;
}

/* The registered sinks of a clock (references). Guarded by the clock. */
typedef struct sink_set {
    IMFClockStateSink **items;
    size_t count, cap;
} sink_set;

static HRESULT sinks_add(sink_set *s, IMFClockStateSink *sink)
{
    for (size_t i = 0; i < s->count; i++)
        if (s->items[i] == sink)
            return E_INVALIDARG; /* Windows refuses a second registration */
    if (s->count == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 4;
        IMFClockStateSink **items = realloc(s->items, cap * sizeof(*items));
        if (!items)
            return E_OUTOFMEMORY;
        s->items = items;
        s->cap = cap;
    }
    IMFClockStateSink_AddRef(sink);
    s->items[s->count++] = sink;
    return S_OK;
}

/* The removed sink, to release after unlocking; NULL if it was not there. */
static IMFClockStateSink *sinks_remove(sink_set *s, IMFClockStateSink *sink)
{
    for (size_t i = 0; i < s->count; i++) {
        if (s->items[i] == sink) {
            memmove(&s->items[i], &s->items[i + 1], (s->count - i - 1) * sizeof(*s->items));
            s->count--;
            return sink;
        }
    }
    return NULL;
}

/* Empties the set; the caller releases what it returns after unlocking. */
static sink_set sinks_take(sink_set *s)
{
    sink_set taken = *s;
    memset(s, 0, sizeof(*s));
    return taken;
}

static void sinks_release(sink_set *s)
{
    for (size_t i = 0; i < s->count; i++)
        IMFClockStateSink_Release(s->items[i]);
    free(s->items);
    memset(s, 0, sizeof(*s));
}

/* One change for the sinks registered when it happened. */
typedef struct clock_notification {
    enum shim_clock_event what;
    MFTIME systime;
    LONGLONG offset;
    float rate;
    size_t count;
    IMFClockStateSink *sinks[];
} clock_notification;

/* Snapshot of the sinks (references); NULL when there are none or out of
 * memory. Clock lock held. */
static clock_notification *notification_new(const sink_set *s, enum shim_clock_event what,
                                            MFTIME systime, LONGLONG offset, float rate)
{
    if (!s->count)
        return NULL;
    clock_notification *n = malloc(sizeof(*n) + s->count * sizeof(n->sinks[0]));
    if (!n)
        return NULL;
    n->what = what;
    n->systime = systime;
    n->offset = offset;
    n->rate = rate;
    n->count = s->count;
    for (size_t i = 0; i < s->count; i++) {
        n->sinks[i] = s->items[i];
        IMFClockStateSink_AddRef(n->sinks[i]);
    }
    return n;
}

static void notification_run(void *arg, bool run)
{
    clock_notification *n = arg;
    for (size_t i = 0; i < n->count; i++) {
        if (run)
            shim_clock_sink_call(n->sinks[i], n->what, n->systime, n->offset, n->rate);
        IMFClockStateSink_Release(n->sinks[i]);
    }
    free(n);
}

/* Queues the notification behind the clock's earlier ones. The caller holds
 * the clock's control lock (so that notifications are queued in the order
 * of the changes), never the lock the sinks' calls could need. */
static void notification_post(const void *clock, clock_notification *n)
{
    if (n && FAILED(shim_work_submit(clock, notification_run, n)))
        notification_run(n, true); /* no memory for the item: tell them now */
}

/* ------------------------------------------------------------ system clock */

/* IMFClock of the system clock: what GetUnderlyingClock returns. */
typedef struct system_clock {
    shim_obj base;
} system_clock;

static system_clock *sc_from(IMFClock *iface)
{
    return SHIM_FROM(system_clock, base, iface);
}

static HRESULT sc_characteristics(system_clock *c, DWORD *flags)
{
    (void)c;
    if (!flags)
        return E_POINTER;
    *flags = MFCLOCK_CHARACTERISTICS_FLAG_FREQUENCY_10MHZ |
             MFCLOCK_CHARACTERISTICS_FLAG_ALWAYS_RUNNING |
             MFCLOCK_CHARACTERISTICS_FLAG_IS_SYSTEM_CLOCK;
    return S_OK;
}

static HRESULT sc_correlated_time(system_clock *c, LONGLONG *time, MFTIME *systime)
{
    (void)c;
    if (!time || !systime)
        return E_POINTER;
    *time = *systime = MFGetSystemTime();
    return S_OK;
}

static HRESULT sc_state(system_clock *c, MFCLOCK_STATE *state)
{
    (void)c;
    if (!state)
        return E_POINTER;
    *state = MFCLOCK_STATE_RUNNING;
    return S_OK;
}

static HRESULT sc_properties(system_clock *c, MFCLOCK_PROPERTIES *props)
{
    (void)c;
    if (!props)
        return E_POINTER;
    system_clock_properties(props);
    return S_OK;
}

SHIM_IUNKNOWN(sc_, IMFClock, system_clock, base)
SHIM_CLOCK_METHODS(sc_, IMFClock, sc_from, sc)

static const IMFClockVtbl system_clock_vtbl = {
    SHIM_IUNKNOWN_VTBL(sc_),
    SHIM_CLOCK_VTBL(sc_),
};

static const shim_iface system_clock_ifaces[] = {
    { &IID_IMFClock, 0 },
    { NULL, 0 },
};

static const shim_class system_clock_class = {
    .name = "system clock",
    .ifaces = system_clock_ifaces,
};

static HRESULT system_clock_create(IMFClock **out)
{
    system_clock *c = shim_obj_new(sizeof(*c), &system_clock_class, &system_clock_vtbl);
    *out = c ? (IMFClock *)c : NULL;
    return c ? S_OK : E_OUTOFMEMORY;
}

/* ------------------------------------------------------ system time source */

typedef struct time_source {
    shim_obj base; /* IMFPresentationTimeSource */
    const IMFClockStateSinkVtbl *sink_vtbl;
    pthread_mutex_t lock;
    MFCLOCK_STATE state;
    float rate;
    /* Running: the clock time at system time anchor_sys. Paused: the time
     * the clock holds. */
    LONGLONG anchor_time;
    MFTIME anchor_sys;
    IMFClock *underlying;
} time_source;

static time_source *ts_from(IMFPresentationTimeSource *iface)
{
    return SHIM_FROM(time_source, base, iface);
}

static time_source *ts_from_sink(IMFClockStateSink *iface)
{
    return SHIM_FROM(time_source, sink_vtbl, iface);
}

/* Clock time at system time `sys`. Lock held. */
static LONGLONG ts_time_at(const time_source *ts, MFTIME sys)
{
    switch (ts->state) {
    case MFCLOCK_STATE_RUNNING:
        return ts->anchor_time + scale_time(sys - ts->anchor_sys, ts->rate);
    case MFCLOCK_STATE_PAUSED:
        return ts->anchor_time;
    default:
        return 0;
    }
}

static HRESULT ts_characteristics(time_source *ts, DWORD *flags)
{
    (void)ts;
    if (!flags)
        return E_POINTER;
    *flags = MFCLOCK_CHARACTERISTICS_FLAG_FREQUENCY_10MHZ |
             MFCLOCK_CHARACTERISTICS_FLAG_IS_SYSTEM_CLOCK;
    return S_OK;
}

static HRESULT ts_correlated_time(time_source *ts, LONGLONG *time, MFTIME *systime)
{
    if (!time || !systime)
        return E_POINTER;
    pthread_mutex_lock(&ts->lock);
    *systime = MFGetSystemTime();
    *time = ts_time_at(ts, *systime);
    pthread_mutex_unlock(&ts->lock);
    return S_OK;
}

static HRESULT ts_state(time_source *ts, MFCLOCK_STATE *state)
{
    if (!state)
        return E_POINTER;
    pthread_mutex_lock(&ts->lock);
    *state = ts->state;
    pthread_mutex_unlock(&ts->lock);
    return S_OK;
}

static HRESULT ts_properties(time_source *ts, MFCLOCK_PROPERTIES *props)
{
    (void)ts;
    if (!props)
        return E_POINTER;
    system_clock_properties(props);
    return S_OK;
}

SHIM_IUNKNOWN(ts_, IMFPresentationTimeSource, time_source, base)
SHIM_CLOCK_METHODS(ts_, IMFPresentationTimeSource, ts_from, ts)

static HRESULT STDMETHODCALLTYPE ts_GetUnderlyingClock(IMFPresentationTimeSource *iface,
                                                       IMFClock **clock)
{
    if (!clock)
        return E_POINTER;
    IMFClock_AddRef(ts_from(iface)->underlying);
    *clock = ts_from(iface)->underlying;
    return S_OK;
}

static const IMFPresentationTimeSourceVtbl time_source_vtbl = {
    SHIM_IUNKNOWN_VTBL(ts_),
    SHIM_CLOCK_VTBL(ts_),
    .GetUnderlyingClock = ts_GetUnderlyingClock,
};

/* The transitions of Windows' system time source (Wine's tests): every one
 * is allowed but a pause that is not from running or from the initial state,
 * and a restart that is not from paused (MF_E_INVALIDREQUEST). A stop in the
 * initial state leaves it there. */
static HRESULT ts_change(time_source *ts, enum shim_clock_event what, MFTIME sys, LONGLONG offset,
                         float rate)
{
    HRESULT hr = S_OK;
    pthread_mutex_lock(&ts->lock);
    switch (what) {
    case SHIM_CLOCK_START:
        if (offset != PRESENTATION_CURRENT_POSITION) {
            ts->anchor_time = offset;
            ts->anchor_sys = sys;
        } else if (ts->state != MFCLOCK_STATE_RUNNING) {
            /* Resume from where it is: the held time, or 0. */
            ts->anchor_time = ts->state == MFCLOCK_STATE_PAUSED ? ts->anchor_time : 0;
            ts->anchor_sys = sys;
        }
        ts->state = MFCLOCK_STATE_RUNNING;
        break;
    case SHIM_CLOCK_STOP:
        if (ts->state != MFCLOCK_STATE_INVALID)
            ts->state = MFCLOCK_STATE_STOPPED;
        break;
    case SHIM_CLOCK_PAUSE:
        if (ts->state == MFCLOCK_STATE_RUNNING)
            ts->anchor_time = ts_time_at(ts, sys);
        else if (ts->state == MFCLOCK_STATE_INVALID)
            ts->anchor_time = 0;
        else {
            hr = MF_E_INVALIDREQUEST;
            break;
        }
        ts->state = MFCLOCK_STATE_PAUSED;
        break;
    case SHIM_CLOCK_RESTART:
        if (ts->state != MFCLOCK_STATE_PAUSED) {
            hr = MF_E_INVALIDREQUEST;
            break;
        }
        ts->anchor_sys = sys;
        ts->state = MFCLOCK_STATE_RUNNING;
        break;
    case SHIM_CLOCK_RATE:
        if (ts->state == MFCLOCK_STATE_RUNNING) {
            ts->anchor_time = ts_time_at(ts, sys);
            ts->anchor_sys = sys;
        }
        ts->rate = rate;
        break;
    }
    pthread_mutex_unlock(&ts->lock);
    return hr;
}

SHIM_IUNKNOWN(tss_, IMFClockStateSink, time_source, sink_vtbl)

static HRESULT tss_change(IMFClockStateSink *iface, enum shim_clock_event what, MFTIME sys,
                          LONGLONG offset, float rate)
{
    return ts_change(ts_from_sink(iface), what, sys, offset, rate);
}
SHIM_CLOCK_STATE_SINK(tss_, IMFClockStateSink, tss_change)

static const IMFClockStateSinkVtbl time_source_sink_vtbl = {
    SHIM_IUNKNOWN_VTBL(tss_),
    SHIM_CLOCK_STATE_SINK_VTBL(tss_),
};

static void time_source_destroy(void *obj)
{
    time_source *ts = obj;
    SHIM_RELEASE(ts->underlying);
    pthread_mutex_destroy(&ts->lock);
}

static const shim_iface time_source_ifaces[] = {
    { &IID_IMFPresentationTimeSource, 0 },
    { &IID_IMFClock, 0 },
    { &IID_IMFClockStateSink, offsetof(time_source, sink_vtbl) },
    { NULL, 0 },
};

static const shim_class time_source_class = {
    .name = "system time source",
    .ifaces = time_source_ifaces,
    .destroy = time_source_destroy,
};

/* For objects whose lock could not be made: nothing to destroy. */
static const shim_class time_source_failed_class = {
    .name = "system time source",
    .ifaces = time_source_ifaces,
};

HRESULT WINAPI MFCreateSystemTimeSource(IMFPresentationTimeSource **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    time_source *ts = shim_obj_new(sizeof(*ts), &time_source_class, &time_source_vtbl);
    if (!ts)
        return E_OUTOFMEMORY;
    ts->sink_vtbl = &time_source_sink_vtbl;
    ts->state = MFCLOCK_STATE_INVALID;
    ts->rate = 1.0f;
    if (pthread_mutex_init(&ts->lock, NULL)) {
        ts->base.cls = &time_source_failed_class;
        shim_obj_release(&ts->base);
        return E_OUTOFMEMORY;
    }
    HRESULT hr = system_clock_create(&ts->underlying);
    if (FAILED(hr)) {
        shim_obj_release(&ts->base);
        return hr;
    }
    *out = (IMFPresentationTimeSource *)ts;
    return S_OK;
}

/* ------------------------------------------------------ presentation clock */

typedef struct presentation_clock {
    shim_obj base; /* IMFPresentationClock */
    const IMFRateControlVtbl *rate_vtbl;
    const IMFShutdownVtbl *shutdown_vtbl;
    /* Serializes state changes (the time source's notification included)
     * and the queuing of the sinks' notifications. Recursive: a time source
     * may call the clock back. Taken before `lock`. */
    pthread_mutex_t control;
    pthread_mutex_t lock; /* the fields below; never held while calling out */
    IMFPresentationTimeSource *source;
    IMFClockStateSink *source_sink;
    MFCLOCK_STATE state;
    float rate;
    sink_set sinks;
    bool shut_down;
    bool control_ready, lock_ready;
} presentation_clock;

static presentation_clock *pc_from(IMFPresentationClock *iface)
{
    return SHIM_FROM(presentation_clock, base, iface);
}

/* A new reference to the time source, or NULL. */
static IMFPresentationTimeSource *pc_source(presentation_clock *c)
{
    pthread_mutex_lock(&c->lock);
    IMFPresentationTimeSource *ts = c->source;
    if (ts)
        IMFPresentationTimeSource_AddRef(ts);
    pthread_mutex_unlock(&c->lock);
    return ts;
}

static HRESULT pc_characteristics(presentation_clock *c, DWORD *flags)
{
    IMFPresentationTimeSource *ts = pc_source(c);
    if (!ts)
        return MF_E_CLOCK_NO_TIME_SOURCE;
    HRESULT hr = IMFPresentationTimeSource_GetClockCharacteristics(ts, flags);
    IMFPresentationTimeSource_Release(ts);
    return hr;
}

static HRESULT pc_correlated_time(presentation_clock *c, LONGLONG *time, MFTIME *systime)
{
    IMFPresentationTimeSource *ts = pc_source(c);
    if (!ts)
        return MF_E_CLOCK_NO_TIME_SOURCE;
    HRESULT hr = IMFPresentationTimeSource_GetCorrelatedTime(ts, 0, time, systime);
    IMFPresentationTimeSource_Release(ts);
    return hr;
}

static HRESULT pc_state(presentation_clock *c, MFCLOCK_STATE *state)
{
    if (!state)
        return E_POINTER;
    pthread_mutex_lock(&c->lock);
    *state = c->state;
    pthread_mutex_unlock(&c->lock);
    return S_OK;
}

static HRESULT pc_properties(presentation_clock *c, MFCLOCK_PROPERTIES *props)
{
    IMFPresentationTimeSource *ts = pc_source(c);
    if (!ts)
        return MF_E_CLOCK_NO_TIME_SOURCE;
    HRESULT hr = IMFPresentationTimeSource_GetProperties(ts, props);
    IMFPresentationTimeSource_Release(ts);
    return hr;
}

SHIM_IUNKNOWN(pc_, IMFPresentationClock, presentation_clock, base)
SHIM_CLOCK_METHODS(pc_, IMFPresentationClock, pc_from, pc)

/* One state or rate change: checks it against the clock's state, tells the
 * time source (its failure fails the call), then records it and queues the
 * sinks' notification. */
static HRESULT pc_change(presentation_clock *c, enum shim_clock_event what, LONGLONG offset,
                         float rate)
{
    HRESULT hr = S_OK;
    pthread_mutex_lock(&c->control);
    pthread_mutex_lock(&c->lock);
    IMFClockStateSink *source_sink = c->source_sink;
    MFCLOCK_STATE state = c->state;
    if (source_sink)
        IMFClockStateSink_AddRef(source_sink);
    pthread_mutex_unlock(&c->lock);

    if (!source_sink)
        hr = MF_E_CLOCK_NO_TIME_SOURCE;
    else if (what == SHIM_CLOCK_STOP && state == MFCLOCK_STATE_STOPPED)
        hr = MF_E_CLOCK_STATE_ALREADY_SET;
    else if (what == SHIM_CLOCK_PAUSE && state == MFCLOCK_STATE_PAUSED)
        hr = MF_E_CLOCK_STATE_ALREADY_SET;
    else if (what == SHIM_CLOCK_PAUSE && state != MFCLOCK_STATE_RUNNING)
        hr = MF_E_INVALIDREQUEST;
    if (FAILED(hr))
        goto done;
    if (what == SHIM_CLOCK_START && state == MFCLOCK_STATE_PAUSED &&
        offset == PRESENTATION_CURRENT_POSITION)
        what = SHIM_CLOCK_RESTART;

    MFTIME sys = MFGetSystemTime();
    hr = shim_clock_sink_call(source_sink, what, sys, offset, rate);
    if (FAILED(hr))
        goto done;

    pthread_mutex_lock(&c->lock);
    switch (what) {
    case SHIM_CLOCK_START: case SHIM_CLOCK_RESTART:
        c->state = MFCLOCK_STATE_RUNNING;
        break;
    case SHIM_CLOCK_STOP:
        c->state = MFCLOCK_STATE_STOPPED;
        break;
    case SHIM_CLOCK_PAUSE:
        c->state = MFCLOCK_STATE_PAUSED;
        break;
    case SHIM_CLOCK_RATE:
        c->rate = rate;
        break;
    }
    clock_notification *n = notification_new(&c->sinks, what, sys, offset, rate);
    pthread_mutex_unlock(&c->lock);
    notification_post(c, n);
    hr = S_OK;
done:
    pthread_mutex_unlock(&c->control);
    SHIM_RELEASE(source_sink);
    return hr;
}

static HRESULT STDMETHODCALLTYPE pc_SetTimeSource(IMFPresentationClock *iface,
                                                  IMFPresentationTimeSource *source)
{
    presentation_clock *c = pc_from(iface);
    IMFClockStateSink *sink;
    DWORD flags = 0;
    if (!source)
        return E_POINTER;
    /* Windows requires a 10 MHz source that takes state notifications. */
    HRESULT hr = IMFPresentationTimeSource_GetClockCharacteristics(source, &flags);
    if (FAILED(hr))
        return hr;
    if (!(flags & MFCLOCK_CHARACTERISTICS_FLAG_FREQUENCY_10MHZ))
        return MF_E_CLOCK_NOT_SIMPLE;
    hr = IMFPresentationTimeSource_QueryInterface(source, &IID_IMFClockStateSink, (void **)&sink);
    if (FAILED(hr))
        return hr;
    IMFPresentationTimeSource_AddRef(source);
    pthread_mutex_lock(&c->control);
    pthread_mutex_lock(&c->lock);
    IMFPresentationTimeSource *old = c->source;
    IMFClockStateSink *old_sink = c->source_sink;
    c->source = source;
    c->source_sink = sink;
    pthread_mutex_unlock(&c->lock);
    pthread_mutex_unlock(&c->control);
    SHIM_RELEASE(old);
    SHIM_RELEASE(old_sink);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE pc_GetTimeSource(IMFPresentationClock *iface,
                                                  IMFPresentationTimeSource **source)
{
    if (!source)
        return E_INVALIDARG;
    *source = pc_source(pc_from(iface));
    return *source ? S_OK : MF_E_CLOCK_NO_TIME_SOURCE;
}

static HRESULT STDMETHODCALLTYPE pc_GetTime(IMFPresentationClock *iface, MFTIME *time)
{
    MFTIME systime;
    if (!time)
        return E_POINTER;
    return pc_correlated_time(pc_from(iface), time, &systime);
}

static HRESULT STDMETHODCALLTYPE pc_AddClockStateSink(IMFPresentationClock *iface,
                                                      IMFClockStateSink *sink)
{
    presentation_clock *c = pc_from(iface);
    if (!sink)
        return E_INVALIDARG;
    pthread_mutex_lock(&c->lock);
    HRESULT hr = sinks_add(&c->sinks, sink);
    pthread_mutex_unlock(&c->lock);
    return hr;
}

static HRESULT STDMETHODCALLTYPE pc_RemoveClockStateSink(IMFPresentationClock *iface,
                                                         IMFClockStateSink *sink)
{
    presentation_clock *c = pc_from(iface);
    if (!sink)
        return E_INVALIDARG;
    pthread_mutex_lock(&c->lock);
    IMFClockStateSink *removed = sinks_remove(&c->sinks, sink);
    pthread_mutex_unlock(&c->lock);
    SHIM_RELEASE(removed);
    return S_OK; /* also when it was not registered, as on Windows */
}

static HRESULT STDMETHODCALLTYPE pc_Start(IMFPresentationClock *iface, LONGLONG offset)
{
    return pc_change(pc_from(iface), SHIM_CLOCK_START, offset, 0);
}

static HRESULT STDMETHODCALLTYPE pc_Stop(IMFPresentationClock *iface)
{
    return pc_change(pc_from(iface), SHIM_CLOCK_STOP, 0, 0);
}

static HRESULT STDMETHODCALLTYPE pc_Pause(IMFPresentationClock *iface)
{
    return pc_change(pc_from(iface), SHIM_CLOCK_PAUSE, 0, 0);
}

static const IMFPresentationClockVtbl presentation_clock_vtbl = {
    SHIM_IUNKNOWN_VTBL(pc_),
    SHIM_CLOCK_VTBL(pc_),
    .SetTimeSource = pc_SetTimeSource,
    .GetTimeSource = pc_GetTimeSource,
    .GetTime = pc_GetTime,
    .AddClockStateSink = pc_AddClockStateSink,
    .RemoveClockStateSink = pc_RemoveClockStateSink,
    .Start = pc_Start,
    .Stop = pc_Stop,
    .Pause = pc_Pause,
};

SHIM_IUNKNOWN(pcr_, IMFRateControl, presentation_clock, rate_vtbl)

static HRESULT STDMETHODCALLTYPE pcr_SetRate(IMFRateControl *iface, BOOL thin, float rate)
{
    if (thin)
        return MF_E_THINNING_UNSUPPORTED;
    return pc_change(SHIM_FROM(presentation_clock, rate_vtbl, iface), SHIM_CLOCK_RATE, 0, rate);
}

static HRESULT STDMETHODCALLTYPE pcr_GetRate(IMFRateControl *iface, BOOL *thin, float *rate)
{
    presentation_clock *c = SHIM_FROM(presentation_clock, rate_vtbl, iface);
    if (!rate)
        return E_INVALIDARG;
    if (thin)
        *thin = FALSE;
    pthread_mutex_lock(&c->lock);
    *rate = c->rate;
    pthread_mutex_unlock(&c->lock);
    return S_OK;
}

static const IMFRateControlVtbl presentation_clock_rate_vtbl = {
    SHIM_IUNKNOWN_VTBL(pcr_),
    .SetRate = pcr_SetRate,
    .GetRate = pcr_GetRate,
};

SHIM_IUNKNOWN(pcs_, IMFShutdown, presentation_clock, shutdown_vtbl)

static HRESULT STDMETHODCALLTYPE pcs_Shutdown(IMFShutdown *iface)
{
    presentation_clock *c = SHIM_FROM(presentation_clock, shutdown_vtbl, iface);
    pthread_mutex_lock(&c->lock);
    c->shut_down = true;
    sink_set dropped = sinks_take(&c->sinks);
    pthread_mutex_unlock(&c->lock);
    sinks_release(&dropped);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE pcs_GetShutdownStatus(IMFShutdown *iface,
                                                       MFSHUTDOWN_STATUS *status)
{
    presentation_clock *c = SHIM_FROM(presentation_clock, shutdown_vtbl, iface);
    if (!status)
        return E_INVALIDARG;
    pthread_mutex_lock(&c->lock);
    bool shut_down = c->shut_down;
    pthread_mutex_unlock(&c->lock);
    if (!shut_down)
        return MF_E_INVALIDREQUEST;
    *status = MFSHUTDOWN_COMPLETED;
    return S_OK;
}

static const IMFShutdownVtbl presentation_clock_shutdown_vtbl = {
    SHIM_IUNKNOWN_VTBL(pcs_),
    .Shutdown = pcs_Shutdown,
    .GetShutdownStatus = pcs_GetShutdownStatus,
};

static void presentation_clock_destroy(void *obj)
{
    presentation_clock *c = obj;
    SHIM_RELEASE(c->source);
    SHIM_RELEASE(c->source_sink);
    sinks_release(&c->sinks);
    if (c->lock_ready)
        pthread_mutex_destroy(&c->lock);
    if (c->control_ready)
        pthread_mutex_destroy(&c->control);
}

static const shim_iface presentation_clock_ifaces[] = {
    { &IID_IMFPresentationClock, 0 },
    { &IID_IMFClock, 0 },
    { &IID_IMFRateControl, offsetof(presentation_clock, rate_vtbl) },
    { &IID_IMFShutdown, offsetof(presentation_clock, shutdown_vtbl) },
    { NULL, 0 },
};

static const shim_class presentation_clock_class = {
    .name = "IMFPresentationClock",
    .ifaces = presentation_clock_ifaces,
    .destroy = presentation_clock_destroy,
};

HRESULT WINAPI MFCreatePresentationClock(IMFPresentationClock **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    presentation_clock *c = shim_obj_new(sizeof(*c), &presentation_clock_class,
                                         &presentation_clock_vtbl);
    if (!c)
        return E_OUTOFMEMORY;
    c->rate_vtbl = &presentation_clock_rate_vtbl;
    c->shutdown_vtbl = &presentation_clock_shutdown_vtbl;
    c->state = MFCLOCK_STATE_INVALID;
    c->rate = 1.0f;
    c->control_ready = recursive_mutex_init(&c->control) != NULL;
    c->lock_ready = c->control_ready && !pthread_mutex_init(&c->lock, NULL);
    if (!c->lock_ready) {
        shim_obj_release(&c->base);
        return E_OUTOFMEMORY;
    }
    *out = (IMFPresentationClock *)c;
    return S_OK;
}

/* ----------------------------------------------------------- session clock */

typedef struct session_clock {
    shim_obj base; /* IMFPresentationClock */
    const IMFRateControlVtbl *rate_vtbl;
    const IMFShutdownVtbl *shutdown_vtbl;
    const IMFPresentationTimeSourceVtbl *source_vtbl; /* what GetTimeSource gives */
    /* Orders shim_session_clock_notify calls and their notifications. */
    pthread_mutex_t control;
    pthread_mutex_t lock; /* the fields below */
    msess_session *session; /* NULL once detached */
    sink_set sinks;
    MFCLOCK_STATE notified_state; /* as the sinks last heard it */
    float notified_rate;
    bool holding;  /* shim_session_clock_hold: read `held` while stopped */
    msess_time held;
    bool shut_down; /* IMFShutdown::Shutdown was called */
    bool control_ready, lock_ready;
} session_clock;

static session_clock *scl_from(IMFPresentationClock *iface)
{
    return SHIM_FROM(session_clock, base, iface);
}

static session_clock *scl_from_source(IMFPresentationTimeSource *iface)
{
    return SHIM_FROM(session_clock, source_vtbl, iface);
}

static HRESULT clock_hr(int err)
{
    return err == MSESS_ENOTIMESOURCE ? MF_E_CLOCK_NO_TIME_SOURCE : shim_hr(err);
}

static HRESULT scl_characteristics(session_clock *c, DWORD *flags)
{
    (void)c;
    if (!flags)
        return E_POINTER;
    *flags = MFCLOCK_CHARACTERISTICS_FLAG_FREQUENCY_10MHZ;
    return S_OK;
}

static HRESULT scl_correlated_time(session_clock *c, LONGLONG *time, MFTIME *systime)
{
    msess_time t = 0;
    int err = 0;
    if (!time || !systime)
        return E_POINTER;
    pthread_mutex_lock(&c->lock);
    if (c->session) {
        *systime = MFGetSystemTime();
        msess_clock *mc = msess_session_get_clock(c->session);
        if (c->holding && msess_clock_get_state(mc) == MSESS_CLOCK_STOPPED)
            t = c->held;
        else
            err = msess_clock_get_time(mc, &t);
    }
    HRESULT hr = c->session ? clock_hr(err) : MF_E_SHUTDOWN;
    pthread_mutex_unlock(&c->lock);
    if (SUCCEEDED(hr))
        *time = t;
    return hr;
}

static HRESULT scl_state(session_clock *c, MFCLOCK_STATE *state)
{
    if (!state)
        return E_POINTER;
    pthread_mutex_lock(&c->lock);
    HRESULT hr = c->session ? S_OK : MF_E_SHUTDOWN;
    if (c->session) /* msess's clock states have MF's values */
        *state = (MFCLOCK_STATE)msess_clock_get_state(msess_session_get_clock(c->session));
    pthread_mutex_unlock(&c->lock);
    return hr;
}

static HRESULT scl_properties(session_clock *c, MFCLOCK_PROPERTIES *props)
{
    (void)c;
    if (!props)
        return E_POINTER;
    system_clock_properties(props);
    return S_OK;
}

SHIM_IUNKNOWN(scl_, IMFPresentationClock, session_clock, base)
SHIM_CLOCK_METHODS(scl_, IMFPresentationClock, scl_from, scl)

static HRESULT STDMETHODCALLTYPE scl_SetTimeSource(IMFPresentationClock *iface,
                                                   IMFPresentationTimeSource *source)
{
    (void)iface;
    (void)source;
    return MF_E_INVALIDREQUEST; /* the session chooses its time source */
}

static HRESULT STDMETHODCALLTYPE scl_GetTimeSource(IMFPresentationClock *iface,
                                                   IMFPresentationTimeSource **source)
{
    session_clock *c = scl_from(iface);
    if (!source)
        return E_INVALIDARG;
    shim_obj_addref(&c->base);
    *source = (IMFPresentationTimeSource *)&c->source_vtbl;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE scl_GetTime(IMFPresentationClock *iface, MFTIME *time)
{
    MFTIME systime;
    if (!time)
        return E_POINTER;
    return scl_correlated_time(scl_from(iface), time, &systime);
}

static HRESULT STDMETHODCALLTYPE scl_AddClockStateSink(IMFPresentationClock *iface,
                                                       IMFClockStateSink *sink)
{
    session_clock *c = scl_from(iface);
    if (!sink)
        return E_INVALIDARG;
    pthread_mutex_lock(&c->lock);
    HRESULT hr = c->session ? sinks_add(&c->sinks, sink) : MF_E_SHUTDOWN;
    pthread_mutex_unlock(&c->lock);
    return hr;
}

static HRESULT STDMETHODCALLTYPE scl_RemoveClockStateSink(IMFPresentationClock *iface,
                                                          IMFClockStateSink *sink)
{
    session_clock *c = scl_from(iface);
    if (!sink)
        return E_INVALIDARG;
    pthread_mutex_lock(&c->lock);
    IMFClockStateSink *removed = sinks_remove(&c->sinks, sink);
    pthread_mutex_unlock(&c->lock);
    SHIM_RELEASE(removed);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE scl_Start(IMFPresentationClock *iface, LONGLONG offset)
{
    (void)iface;
    (void)offset;
    return MF_E_INVALIDREQUEST; /* IMFMediaSession::Start does it */
}

static HRESULT STDMETHODCALLTYPE scl_Stop(IMFPresentationClock *iface)
{
    (void)iface;
    return MF_E_INVALIDREQUEST;
}

static HRESULT STDMETHODCALLTYPE scl_Pause(IMFPresentationClock *iface)
{
    (void)iface;
    return MF_E_INVALIDREQUEST;
}

static const IMFPresentationClockVtbl session_clock_vtbl = {
    SHIM_IUNKNOWN_VTBL(scl_),
    SHIM_CLOCK_VTBL(scl_),
    .SetTimeSource = scl_SetTimeSource,
    .GetTimeSource = scl_GetTimeSource,
    .GetTime = scl_GetTime,
    .AddClockStateSink = scl_AddClockStateSink,
    .RemoveClockStateSink = scl_RemoveClockStateSink,
    .Start = scl_Start,
    .Stop = scl_Stop,
    .Pause = scl_Pause,
};

/* The session clock's time source: the same object, read the same way. */
SHIM_IUNKNOWN(scts_, IMFPresentationTimeSource, session_clock, source_vtbl)
SHIM_CLOCK_METHODS(scts_, IMFPresentationTimeSource, scl_from_source, scl)

static HRESULT STDMETHODCALLTYPE scts_GetUnderlyingClock(IMFPresentationTimeSource *iface,
                                                         IMFClock **clock)
{
    (void)iface;
    if (!clock)
        return E_POINTER;
    return system_clock_create(clock);
}

static const IMFPresentationTimeSourceVtbl session_clock_source_vtbl = {
    SHIM_IUNKNOWN_VTBL(scts_),
    SHIM_CLOCK_VTBL(scts_),
    .GetUnderlyingClock = scts_GetUnderlyingClock,
};

SHIM_IUNKNOWN(sclr_, IMFRateControl, session_clock, rate_vtbl)

static HRESULT STDMETHODCALLTYPE sclr_SetRate(IMFRateControl *iface, BOOL thin, float rate)
{
    (void)iface;
    (void)rate;
    /* The session's own IMFRateControl changes the rate. */
    return thin ? MF_E_THINNING_UNSUPPORTED : MF_E_INVALIDREQUEST;
}

static HRESULT STDMETHODCALLTYPE sclr_GetRate(IMFRateControl *iface, BOOL *thin, float *rate)
{
    session_clock *c = SHIM_FROM(session_clock, rate_vtbl, iface);
    if (!rate)
        return E_INVALIDARG;
    pthread_mutex_lock(&c->lock);
    HRESULT hr = c->session ? S_OK : MF_E_SHUTDOWN;
    if (c->session)
        *rate = (float)msess_clock_get_rate(msess_session_get_clock(c->session));
    pthread_mutex_unlock(&c->lock);
    if (SUCCEEDED(hr) && thin)
        *thin = FALSE;
    return hr;
}

static const IMFRateControlVtbl session_clock_rate_vtbl = {
    SHIM_IUNKNOWN_VTBL(sclr_),
    .SetRate = sclr_SetRate,
    .GetRate = sclr_GetRate,
};

SHIM_IUNKNOWN(scls_, IMFShutdown, session_clock, shutdown_vtbl)

static HRESULT STDMETHODCALLTYPE scls_Shutdown(IMFShutdown *iface)
{
    session_clock *c = SHIM_FROM(session_clock, shutdown_vtbl, iface);
    pthread_mutex_lock(&c->lock);
    c->shut_down = true;
    pthread_mutex_unlock(&c->lock);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE scls_GetShutdownStatus(IMFShutdown *iface,
                                                        MFSHUTDOWN_STATUS *status)
{
    session_clock *c = SHIM_FROM(session_clock, shutdown_vtbl, iface);
    if (!status)
        return E_INVALIDARG;
    pthread_mutex_lock(&c->lock);
    bool shut_down = c->shut_down || !c->session;
    pthread_mutex_unlock(&c->lock);
    if (!shut_down)
        return MF_E_INVALIDREQUEST;
    *status = MFSHUTDOWN_COMPLETED;
    return S_OK;
}

static const IMFShutdownVtbl session_clock_shutdown_vtbl = {
    SHIM_IUNKNOWN_VTBL(scls_),
    .Shutdown = scls_Shutdown,
    .GetShutdownStatus = scls_GetShutdownStatus,
};

static void session_clock_destroy(void *obj)
{
    session_clock *c = obj;
    sinks_release(&c->sinks);
    if (c->lock_ready)
        pthread_mutex_destroy(&c->lock);
    if (c->control_ready)
        pthread_mutex_destroy(&c->control);
}

static const shim_iface session_clock_ifaces[] = {
    { &IID_IMFPresentationClock, 0 },
    { &IID_IMFClock, 0 },
    { &IID_IMFRateControl, offsetof(session_clock, rate_vtbl) },
    { &IID_IMFShutdown, offsetof(session_clock, shutdown_vtbl) },
    { NULL, 0 },
};

static const shim_class session_clock_class = {
    .name = "session clock",
    .ifaces = session_clock_ifaces,
    .destroy = session_clock_destroy,
};

HRESULT shim_session_clock_create(msess_session *s, IMFPresentationClock **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!s)
        return E_INVALIDARG;
    session_clock *c = shim_obj_new(sizeof(*c), &session_clock_class, &session_clock_vtbl);
    if (!c)
        return E_OUTOFMEMORY;
    c->rate_vtbl = &session_clock_rate_vtbl;
    c->shutdown_vtbl = &session_clock_shutdown_vtbl;
    c->source_vtbl = &session_clock_source_vtbl;
    c->session = s;
    c->notified_state = MFCLOCK_STATE_STOPPED;
    c->notified_rate = 1.0f;
    c->control_ready = !pthread_mutex_init(&c->control, NULL);
    c->lock_ready = c->control_ready && !pthread_mutex_init(&c->lock, NULL);
    if (!c->lock_ready) {
        shim_obj_release(&c->base);
        return E_OUTOFMEMORY;
    }
    *out = (IMFPresentationClock *)c;
    return S_OK;
}

static session_clock *session_clock_cast(IMFPresentationClock *clock)
{
    return shim_obj_cast((IUnknown *)clock, &session_clock_class);
}

void shim_session_clock_notify(IMFPresentationClock *clock, MFCLOCK_STATE state,
                               MFTIME position, float rate)
{
    session_clock *c = session_clock_cast(clock);
    clock_notification *rate_n = NULL, *state_n = NULL;
    if (!c)
        return;
    MFTIME sys = MFGetSystemTime();
    pthread_mutex_lock(&c->control);
    pthread_mutex_lock(&c->lock);
    MFCLOCK_STATE prev = c->notified_state;
    if (c->session) {
        /* The rate first: a sink that starts knows the rate it runs at. */
        if (rate != c->notified_rate)
            rate_n = notification_new(&c->sinks, SHIM_CLOCK_RATE, sys, 0, rate);
        enum shim_clock_event what = SHIM_CLOCK_START;
        bool tell = true;
        switch (state) {
        case MFCLOCK_STATE_RUNNING:
            /* Running again from where it held: a restart. Running on with
             * no new position: nothing new for the sinks. */
            if (prev == MFCLOCK_STATE_PAUSED && position == PRESENTATION_CURRENT_POSITION)
                what = SHIM_CLOCK_RESTART;
            else if (prev == MFCLOCK_STATE_RUNNING && position == PRESENTATION_CURRENT_POSITION)
                tell = false;
            break;
        case MFCLOCK_STATE_PAUSED:
            what = SHIM_CLOCK_PAUSE;
            tell = prev != MFCLOCK_STATE_PAUSED;
            break;
        case MFCLOCK_STATE_STOPPED:
            what = SHIM_CLOCK_STOP;
            tell = prev != MFCLOCK_STATE_STOPPED;
            break;
        default:
            tell = false;
        }
        if (tell)
            state_n = notification_new(&c->sinks, what, sys, position, rate);
        if (state == MFCLOCK_STATE_RUNNING || state == MFCLOCK_STATE_PAUSED)
            c->holding = false;
        if (state != MFCLOCK_STATE_INVALID)
            c->notified_state = state;
        c->notified_rate = rate;
    }
    pthread_mutex_unlock(&c->lock);
    notification_post(c, rate_n);
    notification_post(c, state_n);
    pthread_mutex_unlock(&c->control);
}

void shim_session_clock_hold(IMFPresentationClock *clock, bool hold)
{
    session_clock *c = session_clock_cast(clock);
    if (!c)
        return;
    pthread_mutex_lock(&c->lock);
    c->holding = false;
    if (hold && c->session &&
        msess_clock_get_time(msess_session_get_clock(c->session), &c->held) == 0)
        c->holding = true;
    pthread_mutex_unlock(&c->lock);
}

void shim_session_clock_detach(IMFPresentationClock *clock)
{
    session_clock *c = session_clock_cast(clock);
    if (!c)
        return;
    pthread_mutex_lock(&c->control);
    pthread_mutex_lock(&c->lock);
    c->session = NULL;
    sink_set dropped = sinks_take(&c->sinks);
    pthread_mutex_unlock(&c->lock);
    pthread_mutex_unlock(&c->control);
    sinks_release(&dropped);
}

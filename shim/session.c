/* The Media Session (IMFMediaSession, IMFGetService, IMFRateControl,
 * IMFRateSupport) over msess_session, MFCreateMediaSession, MFGetService and
 * MFCreatePMPMediaSession.
 *
 * msess already runs control calls in order on its control thread and
 * reports each outcome as an event whose type, status, caps and topology
 * status values are MF's. The shim turns those events into IMFMediaEvents on
 * an IMFMediaEventQueue (settings.event_fn, called on that thread) and keeps
 * what MF shows but msess does not know: the application's IMFTopology for
 * each msess topology, the MF playback state for the rate-transition rules,
 * and outcomes that msess cannot produce itself (rate requests it cannot
 * represent, unsupported start formats).
 *
 * Those outcomes must arrive in call order, so they ride on msess's own
 * command queue: every IMFRateControl::SetRate, and every Start that fails
 * for a reason only the shim knows, is posted to msess as a rate request
 * (a rate msess rejects when the real request is not one msess can carry
 * out) together with an entry in the shim's "marks" FIFO. msess answers each
 * rate request with exactly one RATE_CHANGED event, in order, at the moment
 * it is carried out; the event handler pops the FIFO and sends the MF event
 * the entry describes.
 *
 * Where msess's sequences differ from MF's, the handler translates: a
 * topology queued behind the playing one gets MESessionTopologySet when it
 * is queued (msess: TOPOLOGY_STATUS READY then) and TopologyStatus READY
 * when it takes over (msess: TOPOLOGY_SET then); Close's capability change
 * comes as MF's two (PAUSE as it stops, then START and SEEK). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shim.h"

/* Values from the Windows SDK's mfidl.h; mingw-w64's headers lack them. */
static const GUID sess_topoloader_key = { /* MF_SESSION_TOPOLOADER */
    0x1e83d482, 0x1f1c, 0x4571, { 0x84, 0x05, 0x88, 0xf4, 0xb2, 0x18, 0x1f, 0x71 }
};
static const GUID sess_global_time_key = { /* MF_SESSION_GLOBAL_TIME */
    0x1e83d482, 0x1f1c, 0x4571, { 0x84, 0x05, 0x88, 0xf4, 0xb2, 0x18, 0x1f, 0x72 }
};
static const GUID sess_quality_manager_key = { /* MF_SESSION_QUALITY_MANAGER */
    0x1e83d482, 0x1f1c, 0x4571, { 0x84, 0x05, 0x88, 0xf4, 0xb2, 0x18, 0x1f, 0x73 }
};
static const GUID sess_event_time_key = { /* MF_SESSION_APPROX_EVENT_OCCURRENCE_TIME */
    0x190e852f, 0x6238, 0x42d1, { 0xb5, 0xaf, 0x69, 0xea, 0x33, 0x8e, 0xf8, 0x50 }
};

#ifndef PRESENTATION_CURRENT_POSITION
#define PRESENTATION_CURRENT_POSITION 0x7fffffffffffffffLL
#endif

/* The rate msess is given when a request is not one it can carry out: it
 * rejects it with RATE_CHANGED(MSESS_ERATE) and changes nothing. */
#define REJECTED_RATE (-1.0)

/* MF's playback state, as the application has been told it (tracked from
 * the events, on the control thread). */
enum play_state { PLAY_STOPPED, PLAY_RUNNING, PLAY_PAUSED };

/* One SetTopology call and what became of it. */
enum topo_state {
    TOPO_PENDING,  /* submitted, not yet resolved */
    TOPO_QUEUED,   /* resolved, waiting behind the current one */
    TOPO_CURRENT,
    TOPO_CLEARED,  /* dropped by ClearTopologies; msess may still hand over to it */
};

typedef struct sess_topo sess_topo;
struct sess_topo {
    sess_topo *next;
    enum topo_state state;
    DWORD flags;
    IMFTopology *partial;      /* the application's */
    TOPOID partial_id;
    msess_topology *mpartial;  /* built from it */
    msess_topology *full;      /* resolved by the loader */
    IMFTopology *full_imf;     /* what the events and GetFullTopology show */
    TOPOID full_id;
    HRESULT load_hr;           /* a custom IMFTopoLoader's failure */
    IUnknown **outputs;        /* objects of full_imf's output nodes */
    unsigned n_outputs;
};

enum mark_kind {
    MARK_RATE,   /* an IMFRateControl::SetRate */
    MARK_EVENT,  /* an event to send as it is */
};

typedef struct sess_mark sess_mark;
struct sess_mark {
    sess_mark *next;
    enum mark_kind kind;
    BOOL thin;
    float rate;
    MediaEventType type;
    HRESULT hr;
    IUnknown *value; /* MARK_EVENT: VT_UNKNOWN value, or NULL */
};

typedef struct sess {
    shim_obj base; /* IMFMediaSession */
    const IMFGetServiceVtbl *gs_vtbl;
    const IMFRateControlVtbl *rc_vtbl;
    const IMFRateSupportVtbl *rs_vtbl;

    /* Guards everything below but the control-thread fields. msess calls
     * are made under it (none of them waits for the control thread), so
     * that Shutdown cannot free the msess session under a caller and marks
     * are queued in the order of their requests. */
    pthread_mutex_t lock;
    bool lock_ok;
    volatile LONG shut;
    msess_session *ms;
    IMFMediaEventQueue *queue;
    IMFPresentationClock *clock;
    IMFTopoLoader *loader;        /* MF_SESSION_TOPOLOADER object, or NULL */
    sess_topo *topos;
    sess_mark *marks, *marks_tail;
    IUnknown **attached;          /* output objects told of the clock */
    unsigned n_attached, cap_attached;

    DWORD mf_caps;                /* the caps the application was told */

    /* control thread only */
    enum play_state play;
    bool caps_pending;            /* a PAUSE removal waits for the next event */
    UINT32 pending_caps;
} sess;

static sess *from_session(IMFMediaSession *iface)
{
    return SHIM_FROM(sess, base, iface);
}

static bool is_shut(sess *s)
{
    return __atomic_load_n(&s->shut, __ATOMIC_ACQUIRE) != 0;
}

/* ------------------------------------------------------------ topologies */

static void unknowns_release(IUnknown **list, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        SHIM_RELEASE(list[i]);
    free(list);
}

static void topo_free(sess_topo *t)
{
    if (!t)
        return;
    SHIM_RELEASE(t->partial);
    SHIM_RELEASE(t->full_imf);
    msess_topology_destroy(&t->mpartial);
    msess_topology_destroy(&t->full);
    unknowns_release(t->outputs, t->n_outputs);
    free(t);
}

static TOPOID topology_id(IMFTopology *t)
{
    TOPOID id = 0;
    if (t && FAILED(IMFTopology_GetTopologyID(t, &id)))
        id = 0;
    return id;
}

/* Under s->lock. */
static sess_topo *topo_by_partial(sess *s, const msess_topology *m)
{
    for (sess_topo *t = s->topos; m && t; t = t->next)
        if (t->mpartial == m)
            return t;
    return NULL;
}

static sess_topo *topo_by_full(sess *s, const msess_topology *m)
{
    for (sess_topo *t = s->topos; m && t; t = t->next)
        if (t->full == m)
            return t;
    return NULL;
}

static sess_topo *topo_current(sess *s)
{
    for (sess_topo *t = s->topos; t; t = t->next)
        if (t->state == TOPO_CURRENT)
            return t;
    return NULL;
}

/* Unlink and free the topologies for which keep() is false. */
static void topos_prune(sess *s, bool (*keep)(const sess_topo *, const void *),
                        const void *arg)
{
    sess_topo *drop = NULL;
    pthread_mutex_lock(&s->lock);
    for (sess_topo **p = &s->topos; *p;) {
        sess_topo *t = *p;
        if (keep(t, arg)) {
            p = &t->next;
            continue;
        }
        *p = t->next;
        t->next = drop;
        drop = t;
    }
    pthread_mutex_unlock(&s->lock);
    while (drop) {
        sess_topo *n = drop->next;
        topo_free(drop);
        drop = n;
    }
}

static bool keep_not(const sess_topo *t, const void *arg)
{
    return t != arg;
}

static bool keep_pending(const sess_topo *t, const void *arg)
{
    (void)arg;
    return t->state == TOPO_PENDING;
}

/* A topology became current (arg): the one before and any cleared ones
 * are gone from msess. */
static bool keep_after_switch(const sess_topo *t, const void *arg)
{
    return t == arg || t->state == TOPO_PENDING || t->state == TOPO_QUEUED;
}

/* An IMMEDIATE topology became current: msess also dropped the queue. */
static bool keep_after_immediate(const sess_topo *t, const void *arg)
{
    return t == arg || t->state == TOPO_PENDING;
}

/* The objects of a topology's output nodes, each with a reference. */
static void collect_outputs(IMFTopology *topo, IUnknown ***out, unsigned *n_out)
{
    WORD count = 0;
    *out = NULL;
    *n_out = 0;
    if (!topo || FAILED(IMFTopology_GetNodeCount(topo, &count)) || !count)
        return;
    IUnknown **list = calloc(count, sizeof(*list));
    if (!list)
        return;
    unsigned n = 0;
    for (WORD i = 0; i < count; i++) {
        IMFTopologyNode *node = NULL;
        MF_TOPOLOGY_TYPE type;
        if (FAILED(IMFTopology_GetNode(topo, i, &node)))
            continue;
        IUnknown *obj = NULL;
        if (SUCCEEDED(IMFTopologyNode_GetNodeType(node, &type)) &&
            type == MF_TOPOLOGY_OUTPUT_NODE &&
            SUCCEEDED(IMFTopologyNode_GetObject(node, &obj)) && obj)
            list[n++] = obj;
        IMFTopologyNode_Release(node);
    }
    *out = list;
    *n_out = n;
}

/* The IMFTopology the application sees for a resolved topology: its own
 * for MFSESSION_SETTOPOLOGY_NORESOLUTION (as Windows hands back), the
 * custom loader's output, or a wrapper of msess's resolution. Control
 * thread. */
static IMFTopology *topo_full_imf(sess *s, sess_topo *t)
{
    pthread_mutex_lock(&s->lock);
    IMFTopology *have = t->full_imf;
    if (have)
        IMFTopology_AddRef(have);
    pthread_mutex_unlock(&s->lock);
    if (have)
        return have;
    IMFTopology *made = NULL;
    if (t->flags & MFSESSION_SETTOPOLOGY_NORESOLUTION) {
        made = t->partial;
        IMFTopology_AddRef(made);
    } else if (t->full && FAILED(shim_topology_from_msess(t->full, t->partial, &made))) {
        made = NULL;
    }
    if (!made)
        return NULL;
    IUnknown **outputs;
    unsigned n_outputs;
    collect_outputs(made, &outputs, &n_outputs);
    TOPOID id = topology_id(made);
    pthread_mutex_lock(&s->lock);
    t->full_imf = made;
    t->full_id = id;
    t->outputs = outputs;
    t->n_outputs = n_outputs;
    IMFTopology_AddRef(made);
    pthread_mutex_unlock(&s->lock);
    return made;
}

/* ---------------------------------------------------------------- loader */

/* A custom IMFTopoLoader resolves the application's topology; msess then
 * gets its result, completed with the media types its pipelines need. */
static int custom_load(sess_topo *t, IMFTopoLoader *loader, IMFTopology *current,
                       msess_topology **full, IMFTopology **full_imf)
{
    IMFTopology *out = NULL;
    HRESULT hr = IMFTopoLoader_Load(loader, t->partial, &out, current);
    if (SUCCEEDED(hr) && !out)
        hr = E_POINTER;
    if (FAILED(hr)) {
        t->load_hr = hr;
        return MSESS_ETOPO_UNSUPPORTED;
    }
    msess_topology *m = NULL;
    if (FAILED(hr = shim_topology_to_msess(out, &m))) {
        t->load_hr = hr;
        IMFTopology_Release(out);
        return MSESS_ETOPO_UNSUPPORTED;
    }
    int ret = msess_topology_resolve(m, full);
    msess_topology_destroy(&m);
    if (ret < 0) {
        IMFTopology_Release(out);
        return ret;
    }
    *full_imf = out;
    return 0;
}

/* msess_loader.resolve, on the control thread. */
static int sess_resolve(void *userdata, const msess_topology *partial,
                        msess_topology **full)
{
    sess *s = userdata;
    pthread_mutex_lock(&s->lock);
    sess_topo *t = topo_by_partial(s, partial);
    IMFTopoLoader *loader = s->loader;
    sess_topo *cur = topo_current(s);
    IMFTopology *current = cur ? cur->full_imf : NULL;
    if (loader)
        IMFTopoLoader_AddRef(loader);
    if (current)
        IMFTopology_AddRef(current);
    pthread_mutex_unlock(&s->lock);

    /* Entries are only freed on this thread (or after it was joined), so
     * t stays valid while unlocked. NORESOLUTION topologies are resolved by
     * msess too: that only records the media types its pipelines need
     * (a full topology's decoders and converters are kept). */
    IMFTopology *full_imf = NULL;
    int ret;
    if (t && loader && !(t->flags & MFSESSION_SETTOPOLOGY_NORESOLUTION))
        ret = custom_load(t, loader, current, full, &full_imf);
    else
        ret = msess_topology_resolve(partial, full);
    SHIM_RELEASE(loader);
    SHIM_RELEASE(current);
    if (ret >= 0 && t) {
        pthread_mutex_lock(&s->lock);
        t->full = msess_topology_ref(*full);
        if (full_imf) {
            t->full_imf = full_imf;
            t->full_id = topology_id(full_imf);
            collect_outputs(full_imf, &t->outputs, &t->n_outputs);
            full_imf = NULL;
        }
        pthread_mutex_unlock(&s->lock);
    }
    SHIM_RELEASE(full_imf);
    return ret;
}

/* ---------------------------------------------------------------- events */

static IMFMediaEvent *new_event(MediaEventType type, HRESULT hr, const PROPVARIANT *value)
{
    IMFMediaEvent *ev = NULL;
    if (FAILED(MFCreateMediaEvent(type, &GUID_NULL, hr, value, &ev)))
        return NULL;
    return ev;
}

static IMFMediaEvent *new_event_unknown(MediaEventType type, HRESULT hr, IUnknown *unk)
{
    PROPVARIANT v;
    PropVariantInit(&v);
    if (unk) {
        v.vt = VT_UNKNOWN;
        v.punkVal = unk;
    }
    return new_event(type, hr, &v);
}

static void post_event(sess *s, IMFMediaEvent *ev)
{
    if (!ev)
        return;
    if (!is_shut(s))
        IMFMediaEventQueue_QueueEvent(s->queue, ev);
    IMFMediaEvent_Release(ev);
}

static void post_simple(sess *s, MediaEventType type, HRESULT hr)
{
    post_event(s, new_event(type, hr, NULL));
}

static float current_rate(sess *s)
{
    double rate = 1.0;
    pthread_mutex_lock(&s->lock);
    if (s->ms)
        msess_session_get_rate(s->ms, &rate);
    pthread_mutex_unlock(&s->lock);
    return (float)rate;
}

/* Tell the clock wrapper (and through it the clock state sinks). */
static void notify_clock(sess *s, MFCLOCK_STATE state, MFTIME position)
{
    shim_session_clock_notify(s->clock, state, position, current_rate(s));
}

static void set_play(sess *s, enum play_state play, MFTIME position)
{
    /* A start while running is a seek: the clock restarts. */
    bool same = play == s->play && play != PLAY_RUNNING;
    s->play = play;
    if (same)
        return;
    notify_clock(s, play == PLAY_RUNNING ? MFCLOCK_STATE_RUNNING
                  : play == PLAY_PAUSED ? MFCLOCK_STATE_PAUSED
                                        : MFCLOCK_STATE_STOPPED,
                 position);
}

/* Tell the output objects of a topology that became current about the
 * clock, once each; Shutdown tells them it ended. */
static void attach_outputs(sess *s, sess_topo *t)
{
    for (unsigned i = 0; i < t->n_outputs; i++) {
        IUnknown *obj = t->outputs[i];
        bool known = false;
        pthread_mutex_lock(&s->lock);
        for (unsigned j = 0; j < s->n_attached && !known; j++)
            known = s->attached[j] == obj;
        if (!known && s->n_attached == s->cap_attached) {
            unsigned cap = s->cap_attached ? 2 * s->cap_attached : 4;
            IUnknown **list = realloc(s->attached, cap * sizeof(*list));
            if (list) {
                s->attached = list;
                s->cap_attached = cap;
            }
        }
        bool add = !known && s->n_attached < s->cap_attached;
        if (add) {
            IUnknown_AddRef(obj);
            s->attached[s->n_attached++] = obj;
        }
        pthread_mutex_unlock(&s->lock);
        if (add)
            shim_output_attach(obj, s->clock);
    }
}

static void on_topology_set(sess *s, const msess_event *ev)
{
    HRESULT hr = shim_hr(ev->status);
    if (ev->status < 0) {
        /* ev->topology is the partial topology that failed. */
        pthread_mutex_lock(&s->lock);
        sess_topo *t = topo_by_partial(s, ev->topology);
        IMFTopology *partial = t ? t->partial : NULL;
        if (t && FAILED(t->load_hr))
            hr = t->load_hr;
        if (partial)
            IMFTopology_AddRef(partial);
        pthread_mutex_unlock(&s->lock);
        post_event(s, new_event_unknown(MESessionTopologySet, hr, (IUnknown *)partial));
        SHIM_RELEASE(partial);
        if (t)
            topos_prune(s, keep_not, t);
        return;
    }
    if (!ev->topology) { /* MFSESSION_SETTOPOLOGY_CLEAR_CURRENT alone */
        pthread_mutex_lock(&s->lock);
        sess_topo *cur = topo_current(s);
        pthread_mutex_unlock(&s->lock);
        if (cur)
            topos_prune(s, keep_not, cur);
        set_play(s, PLAY_STOPPED, 0);
        post_simple(s, MESessionTopologySet, S_OK);
        return;
    }
    pthread_mutex_lock(&s->lock);
    sess_topo *t = topo_by_full(s, ev->topology);
    bool switched = t && (t->state == TOPO_QUEUED || t->state == TOPO_CLEARED);
    pthread_mutex_unlock(&s->lock);
    if (!t)
        return; /* not one of ours: cannot happen */
    IMFTopology *full = topo_full_imf(s, t);
    pthread_mutex_lock(&s->lock);
    t->state = TOPO_CURRENT;
    pthread_mutex_unlock(&s->lock);
    /* Any previous current topology, and cleared ones, are gone from msess
     * now; an IMMEDIATE topology also dropped the queue. */
    topos_prune(s, t->flags & MFSESSION_SETTOPOLOGY_IMMEDIATE ? keep_after_immediate
                                                              : keep_after_switch, t);
    attach_outputs(s, t);
    if (switched) {
        /* MF sent MESessionTopologySet when it queued this topology (see
         * on_topology_status); now that it is the current one, its status
         * starts over at READY. */
        IMFMediaEvent *e = new_event_unknown(MESessionTopologyStatus, S_OK, (IUnknown *)full);
        if (e)
            IMFMediaEvent_SetUINT32(e, &MF_EVENT_TOPOLOGY_STATUS, MF_TOPOSTATUS_READY);
        post_event(s, e);
    } else {
        set_play(s, PLAY_STOPPED, 0);
        post_event(s, new_event_unknown(MESessionTopologySet, S_OK, (IUnknown *)full));
    }
    SHIM_RELEASE(full);
}

static void on_topology_status(sess *s, const msess_event *ev)
{
    pthread_mutex_lock(&s->lock);
    sess_topo *t = topo_by_full(s, ev->topology);
    bool queued = t && t->state != TOPO_CURRENT;
    pthread_mutex_unlock(&s->lock);
    IMFTopology *full = t ? topo_full_imf(s, t) : NULL;
    if (queued && ev->topology_status == MSESS_TOPOSTATUS_READY) {
        /* msess reports a topology queued behind the playing one as READY
         * at once; MF sends MESessionTopologySet once it is resolved and
         * queued, and its READY when it becomes current. */
        pthread_mutex_lock(&s->lock);
        t->state = TOPO_QUEUED;
        pthread_mutex_unlock(&s->lock);
        post_event(s, new_event_unknown(MESessionTopologySet, S_OK, (IUnknown *)full));
    } else {
        IMFMediaEvent *e = new_event_unknown(MESessionTopologyStatus, shim_hr(ev->status),
                                             (IUnknown *)full);
        if (e)
            IMFMediaEvent_SetUINT32(e, &MF_EVENT_TOPOLOGY_STATUS, (UINT32)ev->topology_status);
        post_event(s, e);
    }
    SHIM_RELEASE(full);
}

static void post_caps(sess *s, UINT32 caps)
{
    pthread_mutex_lock(&s->lock);
    UINT32 delta = s->mf_caps ^ caps;
    s->mf_caps = caps;
    pthread_mutex_unlock(&s->lock);
    if (!delta)
        return;
    IMFMediaEvent *e = new_event(MESessionCapabilitiesChanged, S_OK, NULL);
    if (e) {
        IMFMediaEvent_SetUINT32(e, &MF_EVENT_SESSIONCAPS, caps);
        IMFMediaEvent_SetUINT32(e, &MF_EVENT_SESSIONCAPS_DELTA, delta);
    }
    post_event(s, e);
}

/* msess plays forward only and never claims RATE_REVERSE (masked in case).
 * msess drops PAUSE from its caps on Stop and Close, where Media
 * Foundation keeps it (mf-reference.md: Stop sends only MESessionStopped,
 * Close removes START and SEEK). msess sends its caps change right before
 * the event it belongs to, so a removal of PAUSE waits for that event. */
static void on_caps(sess *s, const msess_event *ev)
{
    UINT32 caps = ev->caps & ~(UINT32)MFSESSIONCAP_RATE_REVERSE;
    if ((ev->caps_delta & MSESS_CAP_PAUSE) && !(caps & MFSESSIONCAP_PAUSE)) {
        s->caps_pending = true;
        s->pending_caps = caps;
        return;
    }
    post_caps(s, caps);
}

static void flush_caps(sess *s, const msess_event *next)
{
    if (!s->caps_pending)
        return;
    s->caps_pending = false;
    UINT32 caps = s->pending_caps;
    if (next->type == MSESS_EVENT_STOPPED || next->type == MSESS_EVENT_CLOSED) {
        pthread_mutex_lock(&s->lock);
        caps |= s->mf_caps & MFSESSIONCAP_PAUSE;
        pthread_mutex_unlock(&s->lock);
    }
    post_caps(s, caps);
}

static void on_notify_time(sess *s, const msess_event *ev)
{
    UINT64 start = ev->time == MSESS_TIME_NONE ? 0 : (UINT64)ev->time;
    IMFMediaEvent *e = new_event(MESessionNotifyPresentationTime, S_OK, NULL);
    if (e) {
        IMFMediaEvent_SetUINT64(e, &MF_EVENT_START_PRESENTATION_TIME, start);
        IMFMediaEvent_SetUINT64(e, &MF_EVENT_PRESENTATION_TIME_OFFSET, (UINT64)ev->offset);
        IMFMediaEvent_SetUINT64(e, &MF_EVENT_START_PRESENTATION_TIME_AT_OUTPUT, start);
    }
    post_event(s, e);
}

static void on_started(sess *s, const msess_event *ev)
{
    HRESULT hr = shim_hr(ev->status);
    if (SUCCEEDED(hr))
        set_play(s, PLAY_RUNNING,
                 ev->time == MSESS_TIME_NONE ? PRESENTATION_CURRENT_POSITION : ev->time);
    IMFMediaEvent *e = new_event(MESessionStarted, hr, NULL);
    if (e && SUCCEEDED(hr))
        IMFMediaEvent_SetUINT64(e, &MF_EVENT_PRESENTATION_TIME_OFFSET, (UINT64)ev->offset);
    post_event(s, e);
}

static void on_stopped(sess *s, const msess_event *ev)
{
    HRESULT hr = shim_hr(ev->status);
    if (SUCCEEDED(hr)) {
        set_play(s, PLAY_STOPPED, 0);
        shim_session_clock_hold(s->clock, false);
    }
    IMFMediaEvent *e = new_event(MESessionStopped, hr, NULL);
    if (e && SUCCEEDED(hr))
        IMFMediaEvent_SetUINT64(e, &sess_event_time_key,
                                ev->time == MSESS_TIME_NONE || ev->time < 0 ? 0 : (UINT64)ev->time);
    post_event(s, e);
}

static void mark_free(sess_mark *m)
{
    if (m)
        SHIM_RELEASE(m->value);
    free(m);
}

/* The outcome of a rate request that msess turned down. */
static HRESULT rate_failure(sess *s, const sess_mark *m, int status)
{
    if (m->thin)
        return MF_E_THINNING_UNSUPPORTED;
    if (m->rate < 0 || m->rate == 0) {
        /* The current rate is always forward: the documented transitions
         * out of it (IMFRateControl::SetRate remarks). */
        bool allowed = s->play == PLAY_STOPPED || (s->play == PLAY_PAUSED && m->rate == 0);
        if (!allowed)
            return MF_E_UNSUPPORTED_RATE_TRANSITION;
        return m->rate < 0 ? MF_E_REVERSE_UNSUPPORTED : MF_E_UNSUPPORTED_RATE;
    }
    return status < 0 ? shim_hr(status) : MF_E_UNSUPPORTED_RATE;
}

static void on_rate_changed(sess *s, const msess_event *ev)
{
    pthread_mutex_lock(&s->lock);
    sess_mark *m = s->marks;
    if (m) {
        s->marks = m->next;
        if (!s->marks)
            s->marks_tail = NULL;
    }
    pthread_mutex_unlock(&s->lock);
    if (!m)
        return; /* every rate request has its mark: cannot happen */
    if (m->kind == MARK_EVENT) {
        post_event(s, new_event_unknown(m->type, m->hr, m->value));
        mark_free(m);
        return;
    }
    HRESULT hr = ev->status < 0 ? rate_failure(s, m, ev->status) : S_OK;
    mark_free(m);
    /* The value is the rate in effect: the new one, or after a failure the
     * one that stays. */
    PROPVARIANT v;
    PropVariantInit(&v);
    v.vt = VT_R4;
    v.fltVal = (float)ev->rate;
    if (SUCCEEDED(hr))
        notify_clock(s, s->play == PLAY_RUNNING ? MFCLOCK_STATE_RUNNING
                        : s->play == PLAY_PAUSED ? MFCLOCK_STATE_PAUSED
                                                 : MFCLOCK_STATE_STOPPED,
                     PRESENTATION_CURRENT_POSITION);
    post_event(s, new_event(MESessionRateChanged, hr, &v));
}

static void on_closed(sess *s, const msess_event *ev)
{
    HRESULT hr = shim_hr(ev->status);
    if (SUCCEEDED(hr)) {
        set_play(s, PLAY_STOPPED, 0);
        /* msess dropped the current and queued topologies. */
        topos_prune(s, keep_pending, NULL);
    }
    post_simple(s, MESessionClosed, hr);
}

static void on_cleared(sess *s, const msess_event *ev)
{
    HRESULT hr = shim_hr(ev->status);
    if (SUCCEEDED(hr)) {
        pthread_mutex_lock(&s->lock);
        for (sess_topo *t = s->topos; t; t = t->next)
            if (t->state == TOPO_QUEUED)
                t->state = TOPO_CLEARED;
        pthread_mutex_unlock(&s->lock);
    }
    post_simple(s, MESessionTopologiesCleared, hr);
}

/* settings.event_fn: every msess event, in order, on the control thread. */
static void sess_on_event(void *userdata, const msess_event *ev)
{
    sess *s = userdata;
    if (is_shut(s))
        return;
    if (ev->type != MSESS_EVENT_CAPABILITIES_CHANGED)
        flush_caps(s, ev);
    switch (ev->type) {
    case MSESS_EVENT_TOPOLOGY_SET: on_topology_set(s, ev); break;
    case MSESS_EVENT_TOPOLOGY_STATUS: on_topology_status(s, ev); break;
    case MSESS_EVENT_CAPABILITIES_CHANGED: on_caps(s, ev); break;
    case MSESS_EVENT_NOTIFY_PRESENTATION_TIME: on_notify_time(s, ev); break;
    case MSESS_EVENT_STARTED: on_started(s, ev); break;
    case MSESS_EVENT_STOPPED: on_stopped(s, ev); break;
    case MSESS_EVENT_RATE_CHANGED: on_rate_changed(s, ev); break;
    case MSESS_EVENT_CLOSED: on_closed(s, ev); break;
    case MSESS_EVENT_TOPOLOGIES_CLEARED: on_cleared(s, ev); break;
    case MSESS_EVENT_PAUSED:
        if (ev->status >= 0)
            set_play(s, PLAY_PAUSED, PRESENTATION_CURRENT_POSITION);
        post_simple(s, MESessionPaused, shim_hr(ev->status));
        break;
    case MSESS_EVENT_ENDED:
        set_play(s, PLAY_STOPPED, 0);
        post_simple(s, MESessionEnded, shim_hr(ev->status));
        break;
    case MSESS_EVENT_ERROR:
        /* msess stopped playback. */
        set_play(s, PLAY_STOPPED, 0);
        post_simple(s, MEError, ev->status < 0 ? shim_hr(ev->status) : E_FAIL);
        break;
    case MSESS_EVENT_WARNING:
        post_simple(s, MENonFatalError, ev->status < 0 ? shim_hr(ev->status) : E_FAIL);
        break;
    case MSESS_EVENT_END_OF_PRESENTATION:
        /* msess stops its clock right after this event; the application
         * reading the position at the end should see where it ended */
        shim_session_clock_hold(s->clock, true);
        post_simple(s, MEEndOfPresentation, shim_hr(ev->status));
        break;
    case MSESS_EVENT_NEW_PRESENTATION:
        /* Carries a presentation descriptor in MF; msess never sends it. */
        break;
    }
}

/* ------------------------------------------------------- IMFMediaSession */

/* Queue a mark and the msess rate request that answers it (under s->lock).
 * rate: what msess is asked for; REJECTED_RATE when it must refuse. */
static HRESULT push_mark(sess *s, sess_mark *m, double rate)
{
    sess_mark *prev = s->marks_tail;
    m->next = NULL;
    if (prev)
        prev->next = m;
    else
        s->marks = m;
    s->marks_tail = m;
    int ret = msess_session_set_rate(s->ms, rate);
    if (ret < 0) { /* take it back: no event will come for it */
        if (prev)
            prev->next = NULL;
        else
            s->marks = NULL;
        s->marks_tail = prev;
        mark_free(m);
        return shim_hr(ret);
    }
    return S_OK;
}

/* An event the shim decides (value: NULL or a VT_UNKNOWN value), sent in
 * call order. */
static HRESULT post_ordered(sess *s, MediaEventType type, HRESULT hr, IUnknown *value)
{
    sess_mark *m = calloc(1, sizeof(*m));
    if (!m)
        return E_OUTOFMEMORY;
    m->kind = MARK_EVENT;
    m->type = type;
    m->hr = hr;
    m->value = value;
    if (value)
        IUnknown_AddRef(value);
    pthread_mutex_lock(&s->lock);
    HRESULT ret = is_shut(s) ? MF_E_SHUTDOWN : push_mark(s, m, REJECTED_RATE);
    pthread_mutex_unlock(&s->lock);
    if (ret == MF_E_SHUTDOWN)
        mark_free(m);
    return ret;
}

SHIM_IUNKNOWN(sess_, IMFMediaSession, sess, base)

/* The event queue, with a reference, unless shut down: a blocked
 * GetEvent must not lose it to a concurrent Shutdown. */
static IMFMediaEventQueue *sess_queue(IMFMediaSession *iface, HRESULT *hr)
{
    sess *s = from_session(iface);
    pthread_mutex_lock(&s->lock);
    IMFMediaEventQueue *q = is_shut(s) ? NULL : s->queue;
    if (q)
        IMFMediaEventQueue_AddRef(q);
    pthread_mutex_unlock(&s->lock);
    *hr = MF_E_SHUTDOWN;
    return q;
}
SHIM_EVENT_GENERATOR(sess_, IMFMediaSession, sess_queue)

/* Call an msess control function unless shut down. */
#define SESS_CALL(s, expr)                                          \
    do {                                                            \
        pthread_mutex_lock(&(s)->lock);                             \
        int ret_ = is_shut(s) ? MSESS_ESHUTDOWN : (expr);           \
        pthread_mutex_unlock(&(s)->lock);                           \
        return shim_hr(ret_);                                       \
    } while (0)

/* MFSESSION_SETTOPOLOGY_CLEAR_CURRENT with a topology clears the current
 * one only when it is that topology (checked when called). */
static HRESULT clear_if_current(sess *s, IMFTopology *topo)
{
    pthread_mutex_lock(&s->lock);
    sess_topo *cur = topo_current(s);
    bool match = cur && (cur->partial == topo || cur->full_imf == topo);
    pthread_mutex_unlock(&s->lock);
    if (!match)
        return post_ordered(s, MESessionTopologySet, S_FALSE, NULL);
    SESS_CALL(s, msess_session_set_topology(s->ms, MSESS_TOPOLOGY_CLEAR_CURRENT, NULL));
}

static HRESULT STDMETHODCALLTYPE sess_SetTopology(IMFMediaSession *iface, DWORD flags,
                                                  IMFTopology *topo)
{
    sess *s = from_session(iface);
    if (is_shut(s))
        return MF_E_SHUTDOWN;
    if (flags & ~(DWORD)(MFSESSION_SETTOPOLOGY_IMMEDIATE | MFSESSION_SETTOPOLOGY_NORESOLUTION |
                         MFSESSION_SETTOPOLOGY_CLEAR_CURRENT))
        return E_INVALIDARG;
    if (!topo) {
        if (!(flags & MFSESSION_SETTOPOLOGY_CLEAR_CURRENT))
            return E_INVALIDARG;
        SESS_CALL(s, msess_session_set_topology(s->ms, MSESS_TOPOLOGY_CLEAR_CURRENT, NULL));
    }
    /* What Windows checks at once; the rest it reports through
     * MESessionTopologySet. */
    HRESULT hr = shim_topology_check(topo);
    if (FAILED(hr))
        return hr;
    if (flags & MFSESSION_SETTOPOLOGY_CLEAR_CURRENT)
        return clear_if_current(s, topo);

    sess_topo *t = calloc(1, sizeof(*t));
    if (!t)
        return E_OUTOFMEMORY;
    hr = shim_topology_to_msess(topo, &t->mpartial);
    if (FAILED(hr)) {
        free(t);
        return post_ordered(s, MESessionTopologySet, hr, (IUnknown *)topo);
    }
    t->flags = flags;
    t->partial = topo;
    IMFTopology_AddRef(topo);
    t->partial_id = topology_id(topo);
    t->state = TOPO_PENDING;

    /* In the list before msess can call the loader for it. msess resolves
     * NORESOLUTION topologies too (see sess_resolve). */
    pthread_mutex_lock(&s->lock);
    int ret = MSESS_ESHUTDOWN;
    if (!is_shut(s)) {
        sess_topo **tail = &s->topos;
        while (*tail)
            tail = &(*tail)->next;
        *tail = t;
        ret = msess_session_set_topology(s->ms, flags & ~(DWORD)MFSESSION_SETTOPOLOGY_NORESOLUTION,
                                         t->mpartial);
        if (ret < 0)
            *tail = NULL;
    }
    pthread_mutex_unlock(&s->lock);
    if (ret < 0)
        topo_free(t);
    if (ret <= MSESS_ETOPO_NO_SOURCE && ret >= MSESS_ETOPO_UNSUPPORTED)
        return post_ordered(s, MESessionTopologySet, shim_hr(ret), (IUnknown *)topo);
    return shim_hr(ret);
}

static HRESULT STDMETHODCALLTYPE sess_ClearTopologies(IMFMediaSession *iface)
{
    sess *s = from_session(iface);
    SESS_CALL(s, msess_session_clear_topologies(s->ms));
}

static HRESULT STDMETHODCALLTYPE sess_Start(IMFMediaSession *iface, const GUID *format,
                                            const PROPVARIANT *pos)
{
    sess *s = from_session(iface);
    if (!pos)
        return E_POINTER;
    if (is_shut(s))
        return MF_E_SHUTDOWN;
    /* Sources start in the time format and position given and report a
     * failure through MESessionStarted. msess sources know presentation
     * time (GUID_NULL) only. */
    if (format && !IsEqualGUID(format, &GUID_NULL))
        return post_ordered(s, MESessionStarted, MF_E_UNSUPPORTED_TIME_FORMAT, NULL);
    msess_time at;
    if (pos->vt == VT_EMPTY)
        at = MSESS_TIME_NONE;
    else if (pos->vt == VT_I8)
        at = pos->hVal.QuadPart == MSESS_TIME_NONE ? -1 : pos->hVal.QuadPart;
    else
        return post_ordered(s, MESessionStarted, E_INVALIDARG, NULL);
    SESS_CALL(s, msess_session_start(s->ms, at));
}

static HRESULT STDMETHODCALLTYPE sess_Pause(IMFMediaSession *iface)
{
    sess *s = from_session(iface);
    SESS_CALL(s, msess_session_pause(s->ms));
}

static HRESULT STDMETHODCALLTYPE sess_Stop(IMFMediaSession *iface)
{
    sess *s = from_session(iface);
    SESS_CALL(s, msess_session_stop(s->ms));
}

static HRESULT STDMETHODCALLTYPE sess_Close(IMFMediaSession *iface)
{
    sess *s = from_session(iface);
    SESS_CALL(s, msess_session_close(s->ms));
}

/* Synchronous, sends no event: ends the event queue, the clock and the
 * msess session (joining its threads), tells the output objects, and drops
 * every reference the session holds, so that cycles through the
 * application's callbacks break. Media sources are the application's. */
static void shutdown_session(sess *s)
{
    pthread_mutex_lock(&s->lock);
    __atomic_store_n(&s->shut, 1, __ATOMIC_RELEASE);
    msess_session *ms = s->ms;
    s->ms = NULL;
    IMFPresentationClock *clock = s->clock;
    IMFMediaEventQueue *queue = s->queue;
    pthread_mutex_unlock(&s->lock);

    /* The clock stops using msess's clock before msess frees it (and then
     * answers MF_E_SHUTDOWN, its state sinks dropped). */
    if (clock)
        shim_session_clock_detach(clock);
    if (queue)
        IMFMediaEventQueue_Shutdown(queue);
    msess_session_destroy(&ms); /* joins the control thread */

    pthread_mutex_lock(&s->lock);
    IUnknown **attached = s->attached;
    unsigned n_attached = s->n_attached;
    sess_topo *topos = s->topos;
    sess_mark *marks = s->marks;
    IMFTopoLoader *loader = s->loader;
    s->attached = NULL;
    s->n_attached = s->cap_attached = 0;
    s->topos = NULL;
    s->marks = s->marks_tail = NULL;
    s->loader = NULL;
    s->clock = NULL;
    s->queue = NULL;
    pthread_mutex_unlock(&s->lock);

    for (unsigned i = 0; i < n_attached; i++)
        shim_output_detach(attached[i]);
    unknowns_release(attached, n_attached);
    while (topos) {
        sess_topo *n = topos->next;
        topo_free(topos);
        topos = n;
    }
    while (marks) {
        sess_mark *n = marks->next;
        mark_free(marks);
        marks = n;
    }
    SHIM_RELEASE(loader);
    SHIM_RELEASE(clock);
    SHIM_RELEASE(queue);
}

static HRESULT STDMETHODCALLTYPE sess_Shutdown(IMFMediaSession *iface)
{
    sess *s = from_session(iface);
    /* The first caller wins; a second Shutdown, even a concurrent one,
     * returns MF_E_SHUTDOWN. */
    pthread_mutex_lock(&s->lock);
    bool first = !is_shut(s);
    if (first)
        __atomic_store_n(&s->shut, 1, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&s->lock);
    if (!first)
        return MF_E_SHUTDOWN;
    shutdown_session(s);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE sess_GetClock(IMFMediaSession *iface, IMFClock **clock)
{
    sess *s = from_session(iface);
    if (is_shut(s))
        return MF_E_SHUTDOWN;
    if (!clock)
        return E_POINTER;
    pthread_mutex_lock(&s->lock);
    IMFPresentationClock *c = s->clock;
    if (c)
        IMFPresentationClock_AddRef(c);
    pthread_mutex_unlock(&s->lock);
    *clock = (IMFClock *)c;
    return c ? S_OK : MF_E_SHUTDOWN;
}

static HRESULT STDMETHODCALLTYPE sess_GetSessionCapabilities(IMFMediaSession *iface, DWORD *caps)
{
    sess *s = from_session(iface);
    if (!caps)
        return E_POINTER;
    pthread_mutex_lock(&s->lock);
    bool shut = is_shut(s);
    *caps = shut ? 0 : s->mf_caps;
    pthread_mutex_unlock(&s->lock);
    return shut ? MF_E_SHUTDOWN : S_OK;
}

static HRESULT STDMETHODCALLTYPE sess_GetFullTopology(IMFMediaSession *iface, DWORD flags,
                                                      TOPOID id, IMFTopology **topo)
{
    sess *s = from_session(iface);
    if (is_shut(s))
        return MF_E_SHUTDOWN;
    if (!topo)
        return E_POINTER;
    *topo = NULL;
    pthread_mutex_lock(&s->lock);
    IMFTopology *found = NULL;
    for (sess_topo *t = s->topos; t && !found; t = t->next) {
        if (!t->full_imf)
            continue;
        if (flags & MFSESSION_GETFULLTOPOLOGY_CURRENT) {
            if (t->state == TOPO_CURRENT)
                found = t->full_imf;
        } else if ((t->state == TOPO_CURRENT || t->state == TOPO_QUEUED) &&
                   (id == t->full_id || id == t->partial_id)) {
            found = t->full_imf;
        }
    }
    if (found)
        IMFTopology_AddRef(found);
    pthread_mutex_unlock(&s->lock);
    *topo = found;
    return found ? S_OK : MF_E_INVALIDREQUEST;
}

static const IMFMediaSessionVtbl sess_vtbl = {
    SHIM_IUNKNOWN_VTBL(sess_),
    SHIM_EVENT_GENERATOR_VTBL(sess_),
    .SetTopology = sess_SetTopology,
    .ClearTopologies = sess_ClearTopologies,
    .Start = sess_Start,
    .Pause = sess_Pause,
    .Stop = sess_Stop,
    .Close = sess_Close,
    .Shutdown = sess_Shutdown,
    .GetClock = sess_GetClock,
    .GetSessionCapabilities = sess_GetSessionCapabilities,
    .GetFullTopology = sess_GetFullTopology,
};

/* --------------------------------------------------------- IMFGetService */

SHIM_IUNKNOWN(gs_, IMFGetService, sess, gs_vtbl)

/* A service of the current topology's outputs: the first that has it. */
static HRESULT output_service(sess *s, REFGUID service, REFIID riid, void **out)
{
    pthread_mutex_lock(&s->lock);
    sess_topo *cur = topo_current(s);
    unsigned n = cur ? cur->n_outputs : 0;
    IUnknown **list = n ? calloc(n, sizeof(*list)) : NULL;
    for (unsigned i = 0; list && i < n; i++) {
        list[i] = cur->outputs[i];
        IUnknown_AddRef(list[i]);
    }
    pthread_mutex_unlock(&s->lock);
    if (!list)
        return MF_E_UNSUPPORTED_SERVICE;
    HRESULT hr = MF_E_UNSUPPORTED_SERVICE;
    for (unsigned i = 0; i < n; i++) {
        HRESULT r = shim_output_get_service(list[i], service, riid, out);
        if (SUCCEEDED(r)) {
            hr = r;
            break;
        }
        /* A renderer that has the service but not the interface says so. */
        if (r != MF_E_UNSUPPORTED_SERVICE)
            hr = r;
    }
    unknowns_release(list, n);
    return hr;
}

static HRESULT STDMETHODCALLTYPE gs_GetService(IMFGetService *iface, REFGUID service,
                                               REFIID riid, void **out)
{
    sess *s = SHIM_FROM(sess, gs_vtbl, iface);
    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!service || !riid)
        return E_INVALIDARG;
    if (is_shut(s))
        return MF_E_SHUTDOWN;
    if (IsEqualGUID(service, &MF_RATE_CONTROL_SERVICE)) {
        if (!IsEqualIID(riid, &IID_IMFRateSupport) && !IsEqualIID(riid, &IID_IMFRateControl))
            return E_NOINTERFACE;
        return shim_obj_query(&s->base, riid, out);
    }
    /* MR_POLICY_VOLUME_SERVICE, MR_STREAM_VOLUME_SERVICE,
     * MR_VIDEO_RENDER_SERVICE...: the renderers'. */
    return output_service(s, service, riid, out);
}

static const IMFGetServiceVtbl gs_vtbl = {
    SHIM_IUNKNOWN_VTBL(gs_),
    .GetService = gs_GetService,
};

/* -------------------------------------------------------- IMFRateControl */

SHIM_IUNKNOWN(rc_, IMFRateControl, sess, rc_vtbl)

static HRESULT STDMETHODCALLTYPE rc_SetRate(IMFRateControl *iface, BOOL thin, float rate)
{
    sess *s = SHIM_FROM(sess, rc_vtbl, iface);
    if (is_shut(s))
        return MF_E_SHUTDOWN;
    sess_mark *m = calloc(1, sizeof(*m));
    if (!m)
        return E_OUTOFMEMORY;
    m->kind = MARK_RATE;
    m->thin = thin;
    m->rate = rate;
    /* Reverse, zero (scrubbing) and thinned rates are refused when carried
     * out, in order, as the transition rules depend on the state then. */
    bool doable = !thin && rate > 0 && isfinite(rate);
    pthread_mutex_lock(&s->lock);
    HRESULT hr = is_shut(s) ? MF_E_SHUTDOWN : push_mark(s, m, doable ? (double)rate : REJECTED_RATE);
    pthread_mutex_unlock(&s->lock);
    if (hr == MF_E_SHUTDOWN)
        mark_free(m);
    return hr;
}

static HRESULT STDMETHODCALLTYPE rc_GetRate(IMFRateControl *iface, BOOL *thin, float *rate)
{
    sess *s = SHIM_FROM(sess, rc_vtbl, iface);
    /* As the presentation clock's IMFRateControl does on Windows. */
    if (!rate)
        return E_INVALIDARG;
    double r = 1.0;
    pthread_mutex_lock(&s->lock);
    int ret = is_shut(s) ? MSESS_ESHUTDOWN : msess_session_get_rate(s->ms, &r);
    pthread_mutex_unlock(&s->lock);
    if (ret < 0)
        return shim_hr(ret);
    if (thin)
        *thin = FALSE;
    *rate = (float)r;
    return S_OK;
}

static const IMFRateControlVtbl rc_vtbl = {
    SHIM_IUNKNOWN_VTBL(rc_),
    .SetRate = rc_SetRate,
    .GetRate = rc_GetRate,
};

/* -------------------------------------------------------- IMFRateSupport */

SHIM_IUNKNOWN(rs_, IMFRateSupport, sess, rs_vtbl)

/* msess plays forward, unthinned, within its rate range. */
static HRESULT rate_bound(IMFRateSupport *iface, MFRATE_DIRECTION dir, BOOL thin, float *rate,
                          bool fastest)
{
    sess *s = SHIM_FROM(sess, rs_vtbl, iface);
    if (!rate)
        return E_POINTER;
    double slowest = 0, fast = 0;
    pthread_mutex_lock(&s->lock);
    int ret = is_shut(s) ? MSESS_ESHUTDOWN : msess_session_get_rate_range(s->ms, &slowest, &fast);
    pthread_mutex_unlock(&s->lock);
    if (ret < 0)
        return shim_hr(ret);
    if (dir != MFRATE_FORWARD)
        return MF_E_REVERSE_UNSUPPORTED;
    if (thin)
        return MF_E_THINNING_UNSUPPORTED;
    *rate = (float)(fastest ? fast : slowest);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE rs_GetSlowestRate(IMFRateSupport *iface, MFRATE_DIRECTION dir,
                                                   BOOL thin, float *rate)
{
    return rate_bound(iface, dir, thin, rate, false);
}

static HRESULT STDMETHODCALLTYPE rs_GetFastestRate(IMFRateSupport *iface, MFRATE_DIRECTION dir,
                                                   BOOL thin, float *rate)
{
    return rate_bound(iface, dir, thin, rate, true);
}

static HRESULT STDMETHODCALLTYPE rs_IsRateSupported(IMFRateSupport *iface, BOOL thin, float rate,
                                                    float *nearest)
{
    sess *s = SHIM_FROM(sess, rs_vtbl, iface);
    double slowest = 0, fastest = 0, closest = 0;
    pthread_mutex_lock(&s->lock);
    int ret = is_shut(s) ? MSESS_ESHUTDOWN : msess_session_get_rate_range(s->ms, &slowest, &fastest);
    if (ret >= 0 && rate > 0 && isfinite(rate))
        ret = msess_session_is_rate_supported(s->ms, rate, &closest);
    else if (ret >= 0)
        closest = slowest; /* nearest to zero, a reverse rate or NaN */
    pthread_mutex_unlock(&s->lock);
    if (ret == MSESS_ESHUTDOWN)
        return MF_E_SHUTDOWN;
    HRESULT hr;
    if (rate < 0)
        hr = MF_E_REVERSE_UNSUPPORTED;
    else if (thin)
        hr = MF_E_THINNING_UNSUPPORTED;
    else if (!(rate > 0) || !isfinite(rate))
        hr = MF_E_UNSUPPORTED_RATE; /* no scrubbing: msess cannot hold a frame at rate 0 */
    else
        hr = shim_hr(ret);
    if (nearest)
        *nearest = SUCCEEDED(hr) ? rate : (float)closest;
    return hr;
}

static const IMFRateSupportVtbl rs_vtbl = {
    SHIM_IUNKNOWN_VTBL(rs_),
    .GetSlowestRate = rs_GetSlowestRate,
    .GetFastestRate = rs_GetFastestRate,
    .IsRateSupported = rs_IsRateSupported,
};

/* --------------------------------------------------------------- creation */

static void sess_destroy(void *obj)
{
    sess *s = obj;
    if (s->ms || s->queue || s->clock)
        shutdown_session(s);
    if (s->lock_ok)
        pthread_mutex_destroy(&s->lock);
}

static const shim_iface sess_ifaces[] = {
    { &IID_IMFMediaSession, offsetof(sess, base) },
    { &IID_IMFMediaEventGenerator, offsetof(sess, base) },
    { &IID_IMFGetService, offsetof(sess, gs_vtbl) },
    { &IID_IMFRateControl, offsetof(sess, rc_vtbl) },
    { &IID_IMFRateSupport, offsetof(sess, rs_vtbl) },
    { NULL, 0 },
};

static const shim_class sess_class = {
    .name = "IMFMediaSession",
    .ifaces = sess_ifaces,
    .destroy = sess_destroy,
};

/* The configuration attributes of MFCreateMediaSession. */
static void read_config(sess *s, IMFAttributes *config, msess_session_settings *set)
{
    msess_logger log = shim_logger();
    UINT32 u = 0;
    GUID clsid;
    if (!config)
        return;
    if (SUCCEEDED(IMFAttributes_GetUINT32(config, &sess_global_time_key, &u)))
        set->global_time = u != 0;
    if (SUCCEEDED(IMFAttributes_GetUINT32(config, &MF_LOW_LATENCY, &u)))
        set->low_latency = u != 0;
    /* GUID_NULL runs the session without a quality manager: no late
     * frames are dropped. Another CLSID names a custom IMFQualityManager
     * that Windows would CoCreateInstance; the shim cannot load COM
     * classes and keeps its own policy. */
    if (SUCCEEDED(IMFAttributes_GetGUID(config, &sess_quality_manager_key, &clsid))) {
        if (IsEqualGUID(&clsid, &GUID_NULL))
            set->drop_late_frames = false;
        else if (log.fn && log.level >= MSESS_LOG_WARN)
            log.fn(log.userdata, MSESS_LOG_WARN,
                   "MF_SESSION_QUALITY_MANAGER: custom quality managers are not supported; "
                   "using the default policy");
    }
    /* A CLSID names a custom IMFTopoLoader for CoCreateInstance. Windows
     * creates the session even when that class is not registered (and
     * uses its own loader then); the shim loads no COM classes and does
     * the same. Extension: an IMFTopoLoader object (VT_UNKNOWN) is used. */
    IMFTopoLoader *loader = NULL;
    if (SUCCEEDED(IMFAttributes_GetUnknown(config, &sess_topoloader_key, &IID_IMFTopoLoader,
                                           (void **)&loader)) && loader)
        s->loader = loader;
    else if (SUCCEEDED(IMFAttributes_GetGUID(config, &sess_topoloader_key, &clsid)) &&
             log.fn && log.level >= MSESS_LOG_WARN)
        log.fn(log.userdata, MSESS_LOG_WARN,
               "MF_SESSION_TOPOLOADER: COM classes cannot be loaded; using the default loader");
}

HRESULT WINAPI MFCreateMediaSession(IMFAttributes *config, IMFMediaSession **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    sess *s = shim_obj_new(sizeof(*s), &sess_class, &sess_vtbl);
    if (!s)
        return E_OUTOFMEMORY;
    s->gs_vtbl = &gs_vtbl;
    s->rc_vtbl = &rc_vtbl;
    s->rs_vtbl = &rs_vtbl;
    s->play = PLAY_STOPPED;
    if (pthread_mutex_init(&s->lock, NULL) != 0) {
        __atomic_store_n(&s->shut, 1, __ATOMIC_RELEASE);
        shim_obj_release(&s->base);
        return E_OUTOFMEMORY;
    }
    s->lock_ok = true;

    msess_session_settings set;
    msess_session_default_settings(&set);
    set.log = shim_logger();
    read_config(s, config, &set);
    const msess_loader loader = { s, sess_resolve };
    set.loader = &loader; /* copied */
    set.event_fn = sess_on_event;
    set.event_userdata = s;

    HRESULT hr = MFCreateEventQueue(&s->queue);
    if (SUCCEEDED(hr))
        hr = shim_hr(msess_session_create(&s->ms, &set));
    if (SUCCEEDED(hr))
        hr = shim_session_clock_create(s->ms, &s->clock);
    if (FAILED(hr)) {
        shim_obj_release(&s->base);
        return hr;
    }
    *out = (IMFMediaSession *)&s->base;
    return S_OK;
}

/* msess has no protected media path (no protected process, no trusted
 * components), so there is no PMP session to create. The documentation
 * lists no HRESULT for that case; E_NOTIMPL says what is the case, and
 * callers fall back to MFCreateMediaSession. */
HRESULT WINAPI MFCreatePMPMediaSession(DWORD flags, IMFAttributes *config,
                                       IMFMediaSession **session, IMFActivate **enabler)
{
    (void)flags;
    (void)config;
    if (!session)
        return E_POINTER;
    *session = NULL;
    if (enabler)
        *enabler = NULL;
    return E_NOTIMPL;
}

/* As on Windows: the object's own QueryInterface failure is returned, and
 * the out pointer is left to IMFGetService::GetService. */
HRESULT WINAPI MFGetService(IUnknown *object, REFGUID service, REFIID riid, LPVOID *out)
{
    if (!object)
        return E_POINTER;
    IMFGetService *gs = NULL;
    HRESULT hr = IUnknown_QueryInterface(object, &IID_IMFGetService, (void **)&gs);
    if (FAILED(hr))
        return hr;
    hr = IMFGetService_GetService(gs, service, riid, out);
    IMFGetService_Release(gs);
    return hr;
}

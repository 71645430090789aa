/* Helpers of the evq-* tests (event queue, async results, work queue,
 * startup, PROPVARIANT, clocks): checks that count failures, a recording
 * IMFAsyncCallback, a recording IMFClockStateSink, a refcounted IUnknown. */
#ifndef EVQ_UTIL_H
#define EVQ_UTIL_H

#include "check.h"
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <windows.h>
#include <mfapi.h>
#include <mferror.h>
#include <mfidl.h>
#include <propvarutil.h>

#include <msess-mf.h>

static inline int evq_result(const char *name)
{
    if (failures)
        fprintf(stderr, "%s: %d check(s) failed\n", name, failures);
    else
        printf("%s: all checks passed\n", name);
    return failures ? 1 : 0;
}

static inline void evq_deadline(struct timespec *ts, int ms)
{
    clock_gettime(CLOCK_REALTIME, ts);
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

/* Waits up to ms for the live-object count to come back to `want` (objects
 * that worker threads release after a callback go away a little later). */
static inline bool evq_wait_live(LONG want, int ms)
{
    for (int waited = 0; waited <= ms; waited += 10) {
        if (msess_mf_live_objects() == want)
            return true;
        test_sleep_ms(10);
    }
    fprintf(stderr, "live objects: %d, want %d\n", (int)msess_mf_live_objects(), (int)want);
    return false;
}

/* Waits up to ms for a test object's reference count to come back to want
 * (a worker thread drops its references after the callback returns); the
 * atomic read also orders the test after the worker's last use. */
static inline bool evq_wait_refs(volatile LONG *refs, LONG want, int ms)
{
    for (int waited = 0; waited <= ms; waited += 5) {
        if (__atomic_load_n(refs, __ATOMIC_SEQ_CST) == want)
            return true;
        test_sleep_ms(5);
    }
    fprintf(stderr, "references: %d, want %d\n", (int)__atomic_load_n(refs, __ATOMIC_SEQ_CST),
            (int)want);
    return false;
}

/* ------------------------------------------------------- IUnknown counter */

typedef struct evq_unknown {
    IUnknown iface;
    volatile LONG refs;
} evq_unknown;

static HRESULT STDMETHODCALLTYPE evq_unknown_QueryInterface(IUnknown *This, REFIID riid,
                                                            void **out)
{
    if (IsEqualGUID(riid, &IID_IUnknown)) {
        *out = This;
        IUnknown_AddRef(This);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE evq_unknown_AddRef(IUnknown *This)
{
    return (ULONG)__atomic_add_fetch(&((evq_unknown *)This)->refs, 1, __ATOMIC_SEQ_CST);
}

static ULONG STDMETHODCALLTYPE evq_unknown_Release(IUnknown *This)
{
    return (ULONG)__atomic_sub_fetch(&((evq_unknown *)This)->refs, 1, __ATOMIC_SEQ_CST);
}

static const IUnknownVtbl evq_unknown_vtbl __attribute__((unused)) = {
    evq_unknown_QueryInterface, evq_unknown_AddRef, evq_unknown_Release,
};

/* A static object whose reference count the test reads (starts at 1). */
static inline void evq_unknown_init(evq_unknown *u)
{
    u->iface.lpVtbl = (IUnknownVtbl *)&evq_unknown_vtbl;
    u->refs = 1;
}

static inline LONG evq_refs(volatile LONG *refs)
{
    return __atomic_load_n(refs, __ATOMIC_SEQ_CST);
}

/* --------------------------------------------------- recording callback */

typedef struct evq_callback evq_callback;
struct evq_callback {
    IMFAsyncCallback iface;
    volatile LONG refs;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int invokes;
    int active, max_active; /* Invoke calls running at once */
    pthread_t thread;       /* of the last Invoke */
    IUnknown *state;        /* GetStateNoAddRef of the last result */
    HRESULT status;         /* GetStatus of the last result */
    DWORD queue;            /* for GetParameters; 0: E_NOTIMPL */
    void (*on_invoke)(evq_callback *cb, IMFAsyncResult *result);
    void *user;
};

static HRESULT STDMETHODCALLTYPE evq_cb_QueryInterface(IMFAsyncCallback *This, REFIID riid,
                                                       void **out)
{
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IMFAsyncCallback)) {
        *out = This;
        IMFAsyncCallback_AddRef(This);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE evq_cb_AddRef(IMFAsyncCallback *This)
{
    return (ULONG)__atomic_add_fetch(&((evq_callback *)This)->refs, 1, __ATOMIC_SEQ_CST);
}

static ULONG STDMETHODCALLTYPE evq_cb_Release(IMFAsyncCallback *This)
{
    return (ULONG)__atomic_sub_fetch(&((evq_callback *)This)->refs, 1, __ATOMIC_SEQ_CST);
}

static HRESULT STDMETHODCALLTYPE evq_cb_GetParameters(IMFAsyncCallback *This, DWORD *flags,
                                                      DWORD *queue)
{
    evq_callback *cb = (evq_callback *)This;
    if (!cb->queue)
        return E_NOTIMPL;
    *flags = 0;
    *queue = cb->queue;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE evq_cb_Invoke(IMFAsyncCallback *This, IMFAsyncResult *result)
{
    evq_callback *cb = (evq_callback *)This;
    pthread_mutex_lock(&cb->lock);
    cb->active++;
    if (cb->active > cb->max_active)
        cb->max_active = cb->active;
    cb->thread = pthread_self();
    cb->state = IMFAsyncResult_GetStateNoAddRef(result);
    cb->status = IMFAsyncResult_GetStatus(result);
    pthread_mutex_unlock(&cb->lock);
    if (cb->on_invoke)
        cb->on_invoke(cb, result);
    pthread_mutex_lock(&cb->lock);
    cb->active--;
    cb->invokes++;
    pthread_cond_broadcast(&cb->cond);
    pthread_mutex_unlock(&cb->lock);
    return S_OK;
}

static const IMFAsyncCallbackVtbl evq_cb_vtbl __attribute__((unused)) = {
    evq_cb_QueryInterface, evq_cb_AddRef, evq_cb_Release, evq_cb_GetParameters, evq_cb_Invoke,
};

static inline void evq_callback_init(evq_callback *cb)
{
    memset(cb, 0, sizeof(*cb));
    cb->iface.lpVtbl = (IMFAsyncCallbackVtbl *)&evq_cb_vtbl;
    cb->refs = 1;
    pthread_mutex_init(&cb->lock, NULL);
    pthread_cond_init(&cb->cond, NULL);
}

static inline int evq_callback_invokes(evq_callback *cb)
{
    pthread_mutex_lock(&cb->lock);
    int n = cb->invokes;
    pthread_mutex_unlock(&cb->lock);
    return n;
}

/* Waits up to ms for at least n completed Invoke calls. */
static inline bool evq_callback_wait(evq_callback *cb, int n, int ms)
{
    struct timespec deadline;
    evq_deadline(&deadline, ms);
    pthread_mutex_lock(&cb->lock);
    while (cb->invokes < n) {
        if (pthread_cond_timedwait(&cb->cond, &cb->lock, &deadline))
            break;
    }
    bool ok = cb->invokes >= n;
    pthread_mutex_unlock(&cb->lock);
    return ok;
}

/* ------------------------------------------------- recording state sink */

enum evq_sink_call { SINK_START, SINK_STOP, SINK_PAUSE, SINK_RESTART, SINK_RATE };

typedef struct evq_sink_record {
    enum evq_sink_call call;
    MFTIME systime;
    LONGLONG offset;
    float rate;
} evq_sink_record;

typedef struct evq_sink {
    IMFClockStateSink iface;
    volatile LONG refs;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    evq_sink_record calls[64];
    int count;
    pthread_t thread; /* of the last call */
    HRESULT result;   /* what the On* methods return */
} evq_sink;

static HRESULT STDMETHODCALLTYPE evq_sink_QueryInterface(IMFClockStateSink *This, REFIID riid,
                                                         void **out)
{
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IMFClockStateSink)) {
        *out = This;
        IMFClockStateSink_AddRef(This);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE evq_sink_AddRef(IMFClockStateSink *This)
{
    return (ULONG)__atomic_add_fetch(&((evq_sink *)This)->refs, 1, __ATOMIC_SEQ_CST);
}

static ULONG STDMETHODCALLTYPE evq_sink_Release(IMFClockStateSink *This)
{
    return (ULONG)__atomic_sub_fetch(&((evq_sink *)This)->refs, 1, __ATOMIC_SEQ_CST);
}

static HRESULT evq_sink_record_call(IMFClockStateSink *This, enum evq_sink_call call,
                                    MFTIME systime, LONGLONG offset, float rate)
{
    evq_sink *s = (evq_sink *)This;
    pthread_mutex_lock(&s->lock);
    if (s->count < 64)
        s->calls[s->count] = (evq_sink_record){ call, systime, offset, rate };
    s->count++;
    s->thread = pthread_self();
    pthread_cond_broadcast(&s->cond);
    pthread_mutex_unlock(&s->lock);
    return s->result;
}

static HRESULT STDMETHODCALLTYPE evq_sink_OnClockStart(IMFClockStateSink *This, MFTIME t,
                                                       LONGLONG offset)
{
    return evq_sink_record_call(This, SINK_START, t, offset, 0);
}

static HRESULT STDMETHODCALLTYPE evq_sink_OnClockStop(IMFClockStateSink *This, MFTIME t)
{
    return evq_sink_record_call(This, SINK_STOP, t, 0, 0);
}

static HRESULT STDMETHODCALLTYPE evq_sink_OnClockPause(IMFClockStateSink *This, MFTIME t)
{
    return evq_sink_record_call(This, SINK_PAUSE, t, 0, 0);
}

static HRESULT STDMETHODCALLTYPE evq_sink_OnClockRestart(IMFClockStateSink *This, MFTIME t)
{
    return evq_sink_record_call(This, SINK_RESTART, t, 0, 0);
}

static HRESULT STDMETHODCALLTYPE evq_sink_OnClockSetRate(IMFClockStateSink *This, MFTIME t,
                                                         float rate)
{
    return evq_sink_record_call(This, SINK_RATE, t, 0, rate);
}

static const IMFClockStateSinkVtbl evq_sink_vtbl __attribute__((unused)) = {
    evq_sink_QueryInterface, evq_sink_AddRef, evq_sink_Release, evq_sink_OnClockStart,
    evq_sink_OnClockStop, evq_sink_OnClockPause, evq_sink_OnClockRestart,
    evq_sink_OnClockSetRate,
};

static inline void evq_sink_init(evq_sink *s)
{
    memset(s, 0, sizeof(*s));
    s->iface.lpVtbl = (IMFClockStateSinkVtbl *)&evq_sink_vtbl;
    s->refs = 1;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->cond, NULL);
}

/* Waits up to ms for at least n calls; returns the count. */
static inline int evq_sink_wait(evq_sink *s, int n, int ms)
{
    struct timespec deadline;
    evq_deadline(&deadline, ms);
    pthread_mutex_lock(&s->lock);
    while (s->count < n) {
        if (pthread_cond_timedwait(&s->cond, &s->lock, &deadline))
            break;
    }
    int count = s->count;
    pthread_mutex_unlock(&s->lock);
    return count;
}

#endif

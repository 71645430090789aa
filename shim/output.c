/* The objects every output activate of the shim shares (see output.h): the
 * activate itself, its media sink (IMFMediaSink, IMFClockStateSink,
 * IMFMediaEventGenerator, IMFGetService, IMFRateSupport), the sink's one
 * stream (IMFStreamSink, IMFMediaTypeHandler), and the functions through
 * which the session and the topology reach them (shim_output_*).
 *
 * Samples do not travel through IMFStreamSink: msess moves decoded frames
 * to the msess sink inside. ProcessSample and PlaceMarker therefore answer
 * E_NOTIMPL; everything else behaves as Windows' sinks do (Wine's
 * conformance tests, dlls/mf/tests/mf.c, record what Windows answers). */
#include <float.h>
#include <stdlib.h>

#include "output.h"

/* ------------------------------------------------------------ stream sink */

struct out_stream {
    shim_obj base;                              /* IMFStreamSink */
    const IMFMediaTypeHandlerVtbl *handler_vtbl;
    pthread_mutex_t lock;
    out_sink *sink;                             /* weak: NULL once removed */
    IMFMediaEventQueue *events;
    GUID major;
    IMFMediaType *type;                         /* current type, or NULL */
    HRESULT not_set;                            /* GetCurrentMediaType without one */
    bool grabber;                               /* the sample grabber's handler rules */
};

static const shim_class stream_class;

/* A reference to an object a weak pointer names, unless its last one is
 * gone already (it is being destroyed). */
static bool obj_try_ref(shim_obj *o)
{
    LONG n = __atomic_load_n(&o->refs, __ATOMIC_RELAXED);
    while (n > 0)
        if (__atomic_compare_exchange_n(&o->refs, &n, n + 1, false, __ATOMIC_ACQ_REL,
                                        __ATOMIC_RELAXED))
            return true;
    return false;
}

bool out_sink_try_ref(out_sink *s)
{
    return obj_try_ref(&s->base);
}

/* The stream's sink (new reference), NULL once removed. */
static out_sink *stream_sink(out_stream *st)
{
    pthread_mutex_lock(&st->lock);
    out_sink *s = st->sink && out_sink_try_ref(st->sink) ? st->sink : NULL;
    pthread_mutex_unlock(&st->lock);
    return s;
}

static bool stream_removed(out_stream *st)
{
    pthread_mutex_lock(&st->lock);
    bool removed = !st->sink;
    pthread_mutex_unlock(&st->lock);
    return removed;
}

#define STREAM(iface) SHIM_FROM(out_stream, base, iface)
SHIM_IUNKNOWN(st_, IMFStreamSink, out_stream, base)

static IMFMediaEventQueue *st_queue(IMFStreamSink *This, HRESULT *hr)
{
    out_stream *st = STREAM(This);
    *hr = MF_E_STREAMSINK_REMOVED;
    if (stream_removed(st))
        return NULL;
    IMFMediaEventQueue_AddRef(st->events);
    return st->events;
}
SHIM_EVENT_GENERATOR(st_, IMFStreamSink, st_queue)

static HRESULT STDMETHODCALLTYPE st_GetMediaSink(IMFStreamSink *This, IMFMediaSink **out)
{
    if (!out)
        return E_POINTER;
    out_sink *s = stream_sink(STREAM(This));
    if (!s)
        return MF_E_STREAMSINK_REMOVED;
    *out = (IMFMediaSink *)&s->base;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE st_GetIdentifier(IMFStreamSink *This, DWORD *id)
{
    if (!id)
        return E_POINTER;
    if (stream_removed(STREAM(This)))
        return MF_E_STREAMSINK_REMOVED;
    *id = 0;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE st_GetMediaTypeHandler(IMFStreamSink *This,
                                                       IMFMediaTypeHandler **out)
{
    out_stream *st = STREAM(This);
    if (!out)
        return E_POINTER;
    if (stream_removed(st))
        return MF_E_STREAMSINK_REMOVED;
    shim_obj_addref(&st->base);
    *out = (IMFMediaTypeHandler *)&st->handler_vtbl;
    return S_OK;
}

/* The session hands frames to the msess sink directly: nothing comes here. */
static HRESULT STDMETHODCALLTYPE st_ProcessSample(IMFStreamSink *This, IMFSample *sample)
{
    if (stream_removed(STREAM(This)))
        return MF_E_STREAMSINK_REMOVED;
    return sample ? E_NOTIMPL : E_POINTER;
}

static HRESULT STDMETHODCALLTYPE st_PlaceMarker(IMFStreamSink *This, MFSTREAMSINK_MARKER_TYPE type,
                                                const PROPVARIANT *value,
                                                const PROPVARIANT *context)
{
    (void)type, (void)value, (void)context;
    if (stream_removed(STREAM(This)))
        return MF_E_STREAMSINK_REMOVED;
    return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE st_Flush(IMFStreamSink *This)
{
    return stream_removed(STREAM(This)) ? MF_E_STREAMSINK_REMOVED : S_OK;
}

static const IMFStreamSinkVtbl stream_vtbl = {
    SHIM_IUNKNOWN_VTBL(st_),
    SHIM_EVENT_GENERATOR_VTBL(st_),
    .GetMediaSink = st_GetMediaSink,
    .GetIdentifier = st_GetIdentifier,
    .GetMediaTypeHandler = st_GetMediaTypeHandler,
    .ProcessSample = st_ProcessSample,
    .PlaceMarker = st_PlaceMarker,
    .Flush = st_Flush,
};

/* ---- its media type handler */

#define HANDLER(iface) SHIM_FROM(out_stream, handler_vtbl, iface)
SHIM_IUNKNOWN(th_, IMFMediaTypeHandler, out_stream, handler_vtbl)

static bool same_guid_item(IMFMediaType *a, IMFMediaType *b, REFGUID key)
{
    GUID ga, gb;
    return SUCCEEDED(IMFMediaType_GetGUID(a, key, &ga)) &&
           SUCCEEDED(IMFMediaType_GetGUID(b, key, &gb)) && IsEqualGUID(&ga, &gb);
}

/* Lock held. The renderers take any type of their major type; the sample
 * grabber only types of its own type's major type and subtype. */
static bool type_supported(out_stream *st, IMFMediaType *t)
{
    GUID major;
    if (FAILED(IMFMediaType_GetGUID(t, &MF_MT_MAJOR_TYPE, &major)) ||
        !IsEqualGUID(&major, &st->major))
        return false;
    return !st->grabber || !st->type || same_guid_item(t, st->type, &MF_MT_SUBTYPE);
}

static HRESULT STDMETHODCALLTYPE th_IsMediaTypeSupported(IMFMediaTypeHandler *This,
                                                         IMFMediaType *t, IMFMediaType **closest)
{
    out_stream *st = HANDLER(This);
    if (stream_removed(st))
        return MF_E_STREAMSINK_REMOVED;
    if (!t)
        return E_POINTER;
    if (closest && !st->grabber)
        *closest = NULL;
    pthread_mutex_lock(&st->lock);
    bool ok = type_supported(st, t);
    pthread_mutex_unlock(&st->lock);
    return ok ? S_OK : MF_E_INVALIDMEDIATYPE;
}

/* Types are not advertised (as Windows' renderers and grabber do). */
static HRESULT STDMETHODCALLTYPE th_GetMediaTypeCount(IMFMediaTypeHandler *This, DWORD *count)
{
    (void)This;
    if (!count)
        return E_POINTER;
    *count = 0;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE th_GetMediaTypeByIndex(IMFMediaTypeHandler *This, DWORD index,
                                                        IMFMediaType **t)
{
    (void)index;
    if (!t && HANDLER(This)->grabber)
        return E_POINTER;
    return MF_E_NO_MORE_TYPES;
}

static HRESULT STDMETHODCALLTYPE th_SetCurrentMediaType(IMFMediaTypeHandler *This, IMFMediaType *t)
{
    out_stream *st = HANDLER(This);
    if (stream_removed(st))
        return MF_E_STREAMSINK_REMOVED;
    if (!t)
        return E_POINTER;
    pthread_mutex_lock(&st->lock);
    bool ok = type_supported(st, t);
    if (ok) {
        IMFMediaType_AddRef(t);
        SHIM_RELEASE(st->type);
        st->type = t;
    }
    pthread_mutex_unlock(&st->lock);
    return ok ? S_OK : MF_E_INVALIDMEDIATYPE;
}

static HRESULT STDMETHODCALLTYPE th_GetCurrentMediaType(IMFMediaTypeHandler *This,
                                                        IMFMediaType **t)
{
    out_stream *st = HANDLER(This);
    if (!t)
        return E_POINTER;
    if (stream_removed(st))
        return MF_E_STREAMSINK_REMOVED;
    pthread_mutex_lock(&st->lock);
    *t = st->type;
    if (*t)
        IMFMediaType_AddRef(*t);
    pthread_mutex_unlock(&st->lock);
    return *t ? S_OK : st->not_set;
}

static HRESULT STDMETHODCALLTYPE th_GetMajorType(IMFMediaTypeHandler *This, GUID *major)
{
    out_stream *st = HANDLER(This);
    if (!major)
        return E_POINTER;
    if (stream_removed(st))
        return MF_E_STREAMSINK_REMOVED;
    *major = st->major;
    return S_OK;
}

static const IMFMediaTypeHandlerVtbl handler_vtbl = {
    SHIM_IUNKNOWN_VTBL(th_),
    .IsMediaTypeSupported = th_IsMediaTypeSupported,
    .GetMediaTypeCount = th_GetMediaTypeCount,
    .GetMediaTypeByIndex = th_GetMediaTypeByIndex,
    .SetCurrentMediaType = th_SetCurrentMediaType,
    .GetCurrentMediaType = th_GetCurrentMediaType,
    .GetMajorType = th_GetMajorType,
};

static void stream_destroy(void *obj)
{
    out_stream *st = obj;
    if (st->events) {
        IMFMediaEventQueue_Shutdown(st->events);
        IMFMediaEventQueue_Release(st->events);
    }
    SHIM_RELEASE(st->type);
    pthread_mutex_destroy(&st->lock);
}

static const shim_iface stream_ifaces[] = {
    { &IID_IMFStreamSink, 0 },
    { &IID_IMFMediaEventGenerator, 0 },
    { &IID_IMFMediaTypeHandler, offsetof(out_stream, handler_vtbl) },
    { NULL, 0 },
};

static const shim_class stream_class = { "output stream sink", stream_ifaces, stream_destroy };

/* Called by the sink: the stream forgets it (its methods then answer
 * MF_E_STREAMSINK_REMOVED). */
static void stream_remove(out_stream *st)
{
    pthread_mutex_lock(&st->lock);
    st->sink = NULL;
    pthread_mutex_unlock(&st->lock);
    IMFMediaEventQueue_Shutdown(st->events);
}

/* ------------------------------------------------------------- media sink */

static const shim_class sink_class;

IMFMediaType *out_sink_type(out_sink *s)
{
    out_stream *st = s->stream;
    IMFMediaType *t = NULL;
    if (!st)
        return NULL;
    pthread_mutex_lock(&st->lock);
    if ((t = st->type))
        IMFMediaType_AddRef(t);
    pthread_mutex_unlock(&st->lock);
    return t;
}

HRESULT out_sink_msess(out_sink *s, msess_sink **out)
{
    HRESULT hr = S_OK;
    pthread_mutex_lock(&s->lock);
    if (s->shut)
        hr = MF_E_SHUTDOWN;
    else if (!s->msink)
        hr = s->kind->make_msess(s, &s->msink);
    *out = SUCCEEDED(hr) ? msess_sink_ref(s->msink) : NULL;
    pthread_mutex_unlock(&s->lock);
    return hr;
}

/* Give the sink a clock (NULL: none): it registers as the clock's state sink,
 * which the session's clock (clock.c) tells of starts, stops and pauses. */
static HRESULT sink_set_clock(out_sink *s, IMFPresentationClock *clock)
{
    pthread_mutex_lock(&s->lock);
    if (s->shut) {
        pthread_mutex_unlock(&s->lock);
        return MF_E_SHUTDOWN;
    }
    IMFPresentationClock *old = s->clock;
    if (old == clock) {
        pthread_mutex_unlock(&s->lock);
        return S_OK;
    }
    if (clock)
        IMFPresentationClock_AddRef(clock);
    s->clock = clock;
    pthread_mutex_unlock(&s->lock);
    IMFClockStateSink *me = (IMFClockStateSink *)&s->clock_sink_vtbl;
    if (old) {
        IMFPresentationClock_RemoveClockStateSink(old, me);
        IMFPresentationClock_Release(old);
    }
    if (clock)
        IMFPresentationClock_AddClockStateSink(clock, me);
    if (s->kind->clock_set)
        s->kind->clock_set(s, clock);
    return S_OK;
}

HRESULT out_sink_shutdown(out_sink *s)
{
    pthread_mutex_lock(&s->lock);
    if (s->shut) {
        pthread_mutex_unlock(&s->lock);
        return MF_E_SHUTDOWN;
    }
    IMFPresentationClock *clock = s->clock;
    out_stream *st = s->stream;
    s->clock = NULL;
    s->shut = true; /* from here on nobody but us touches msink */
    pthread_mutex_unlock(&s->lock);
    /* The kind first, with its msess sink: the sample grabber removes its
     * frame callback from it. */
    if (s->kind->shutdown)
        s->kind->shutdown(s);
    pthread_mutex_lock(&s->lock);
    msess_sink *msink = s->msink;
    s->msink = NULL;
    pthread_mutex_unlock(&s->lock);
    if (clock) {
        IMFPresentationClock_RemoveClockStateSink(clock, (IMFClockStateSink *)&s->clock_sink_vtbl);
        IMFPresentationClock_Release(clock);
    }
    if (st)
        stream_remove(st);
    msess_sink_destroy(&msink);
    IMFMediaEventQueue_Shutdown(s->events);
    return S_OK;
}

static bool sink_shut(out_sink *s)
{
    pthread_mutex_lock(&s->lock);
    bool shut = s->shut;
    pthread_mutex_unlock(&s->lock);
    return shut;
}

#define SINK(iface) SHIM_FROM(out_sink, base, iface)
SHIM_IUNKNOWN(ms_, IMFMediaSink, out_sink, base)

static HRESULT STDMETHODCALLTYPE ms_GetCharacteristics(IMFMediaSink *This, DWORD *flags)
{
    out_sink *s = SINK(This);
    if (!flags)
        return E_POINTER;
    if (sink_shut(s))
        return MF_E_SHUTDOWN;
    *flags = s->characteristics;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE ms_AddStreamSink(IMFMediaSink *This, DWORD id, IMFMediaType *t,
                                                  IMFStreamSink **out)
{
    (void)id, (void)t, (void)out;
    return sink_shut(SINK(This)) ? MF_E_SHUTDOWN : MF_E_STREAMSINKS_FIXED;
}

static HRESULT STDMETHODCALLTYPE ms_RemoveStreamSink(IMFMediaSink *This, DWORD id)
{
    (void)id;
    return sink_shut(SINK(This)) ? MF_E_SHUTDOWN : MF_E_STREAMSINKS_FIXED;
}

static HRESULT STDMETHODCALLTYPE ms_GetStreamSinkCount(IMFMediaSink *This, DWORD *count)
{
    if (!count)
        return E_POINTER;
    if (sink_shut(SINK(This)))
        return MF_E_SHUTDOWN;
    *count = 1;
    return S_OK;
}

static HRESULT get_stream(out_sink *s, bool found, HRESULT missing, IMFStreamSink **out)
{
    if (!out)
        return E_POINTER;
    pthread_mutex_lock(&s->lock);
    HRESULT hr = s->shut ? MF_E_SHUTDOWN : !found ? missing : S_OK;
    if (SUCCEEDED(hr)) {
        shim_obj_addref(&s->stream->base);
        *out = (IMFStreamSink *)&s->stream->base;
    }
    pthread_mutex_unlock(&s->lock);
    return hr;
}

static HRESULT STDMETHODCALLTYPE ms_GetStreamSinkByIndex(IMFMediaSink *This, DWORD index,
                                                         IMFStreamSink **out)
{
    return get_stream(SINK(This), index == 0, MF_E_INVALIDINDEX, out);
}

static HRESULT STDMETHODCALLTYPE ms_GetStreamSinkById(IMFMediaSink *This, DWORD id,
                                                      IMFStreamSink **out)
{
    return get_stream(SINK(This), id == 0, MF_E_INVALIDSTREAMNUMBER, out);
}

static HRESULT STDMETHODCALLTYPE ms_SetPresentationClock(IMFMediaSink *This,
                                                         IMFPresentationClock *clock)
{
    return sink_set_clock(SINK(This), clock);
}

static HRESULT STDMETHODCALLTYPE ms_GetPresentationClock(IMFMediaSink *This,
                                                         IMFPresentationClock **clock)
{
    out_sink *s = SINK(This);
    if (!clock)
        return E_POINTER;
    pthread_mutex_lock(&s->lock);
    HRESULT hr = s->shut ? MF_E_SHUTDOWN : !s->clock ? MF_E_NO_CLOCK : S_OK;
    if (SUCCEEDED(hr)) {
        IMFPresentationClock_AddRef(s->clock);
        *clock = s->clock;
    }
    pthread_mutex_unlock(&s->lock);
    return hr;
}

static HRESULT STDMETHODCALLTYPE ms_Shutdown(IMFMediaSink *This)
{
    return out_sink_shutdown(SINK(This));
}

static const IMFMediaSinkVtbl sink_vtbl = {
    SHIM_IUNKNOWN_VTBL(ms_),
    .GetCharacteristics = ms_GetCharacteristics,
    .AddStreamSink = ms_AddStreamSink,
    .RemoveStreamSink = ms_RemoveStreamSink,
    .GetStreamSinkCount = ms_GetStreamSinkCount,
    .GetStreamSinkByIndex = ms_GetStreamSinkByIndex,
    .GetStreamSinkById = ms_GetStreamSinkById,
    .SetPresentationClock = ms_SetPresentationClock,
    .GetPresentationClock = ms_GetPresentationClock,
    .Shutdown = ms_Shutdown,
};

/* ---- IMFClockStateSink: what the clock tells, passed to the kind */

#define CLOCK_SINK(iface) SHIM_FROM(out_sink, clock_sink_vtbl, iface)
SHIM_IUNKNOWN(cs_, IMFClockStateSink, out_sink, clock_sink_vtbl)

static HRESULT clock_event(IMFClockStateSink *This, enum shim_clock_event ev, MFTIME systime,
                           LONGLONG offset, float rate)
{
    out_sink *s = CLOCK_SINK(This);
    if (sink_shut(s))
        return MF_E_SHUTDOWN;
    if (s->kind->clock_event)
        s->kind->clock_event(s, ev, systime, offset, rate);
    return S_OK;
}

SHIM_CLOCK_STATE_SINK(cs_, IMFClockStateSink, clock_event)

static const IMFClockStateSinkVtbl clock_sink_vtbl = {
    SHIM_IUNKNOWN_VTBL(cs_),
    SHIM_CLOCK_STATE_SINK_VTBL(cs_),
};

/* ---- IMFMediaEventGenerator: the sink's own queue (it raises nothing) */

#define EVENTS(iface) SHIM_FROM(out_sink, events_vtbl, iface)
SHIM_IUNKNOWN(eg_, IMFMediaEventGenerator, out_sink, events_vtbl)

static IMFMediaEventQueue *eg_queue(IMFMediaEventGenerator *This, HRESULT *hr)
{
    *hr = S_OK;
    IMFMediaEventQueue_AddRef(EVENTS(This)->events);
    return EVENTS(This)->events;
}
SHIM_EVENT_GENERATOR(eg_, IMFMediaEventGenerator, eg_queue)

static const IMFMediaEventGeneratorVtbl events_vtbl = {
    SHIM_IUNKNOWN_VTBL(eg_),
    SHIM_EVENT_GENERATOR_VTBL(eg_),
};

/* ---- IMFGetService */

#define SERVICE(iface) SHIM_FROM(out_sink, service_vtbl, iface)
SHIM_IUNKNOWN(gs_, IMFGetService, out_sink, service_vtbl)

static HRESULT sink_get_service(out_sink *s, REFGUID service, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!service || !riid)
        return E_INVALIDARG;
    if (sink_shut(s))
        return MF_E_SHUTDOWN;
    if (IsEqualGUID(service, &MF_RATE_CONTROL_SERVICE)) {
        if (!IsEqualGUID(riid, &IID_IMFRateSupport))
            return E_NOINTERFACE;
        return shim_obj_query(&s->base, riid, out);
    }
    return s->kind->get_service ? s->kind->get_service(s, service, riid, out)
                                : MF_E_UNSUPPORTED_SERVICE;
}

static HRESULT STDMETHODCALLTYPE gs_GetService(IMFGetService *This, REFGUID service, REFIID riid,
                                               void **out)
{
    return sink_get_service(SERVICE(This), service, riid, out);
}

static const IMFGetServiceVtbl service_vtbl = {
    SHIM_IUNKNOWN_VTBL(gs_),
    .GetService = gs_GetService,
};

/* ---- IMFRateSupport: any rate, thinned or not; what the session allows
 * is the session's business (session.c). */

#define RATE(iface) SHIM_FROM(out_sink, rate_vtbl, iface)
SHIM_IUNKNOWN(rs_, IMFRateSupport, out_sink, rate_vtbl)

static HRESULT STDMETHODCALLTYPE rs_GetSlowestRate(IMFRateSupport *This, MFRATE_DIRECTION dir,
                                                   BOOL thin, float *rate)
{
    (void)dir, (void)thin;
    if (!rate)
        return E_POINTER;
    if (sink_shut(RATE(This)))
        return MF_E_SHUTDOWN;
    *rate = 0.0f;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE rs_GetFastestRate(IMFRateSupport *This, MFRATE_DIRECTION dir,
                                                   BOOL thin, float *rate)
{
    (void)thin;
    if (!rate)
        return E_POINTER;
    if (sink_shut(RATE(This)))
        return MF_E_SHUTDOWN;
    *rate = dir == MFRATE_FORWARD ? FLT_MAX : -FLT_MAX;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE rs_IsRateSupported(IMFRateSupport *This, BOOL thin, float rate,
                                                    float *nearest)
{
    (void)thin;
    if (sink_shut(RATE(This)))
        return MF_E_SHUTDOWN;
    if (nearest)
        *nearest = rate;
    return S_OK;
}

static const IMFRateSupportVtbl rate_vtbl = {
    SHIM_IUNKNOWN_VTBL(rs_),
    .GetSlowestRate = rs_GetSlowestRate,
    .GetFastestRate = rs_GetFastestRate,
    .IsRateSupported = rs_IsRateSupported,
};

static void sink_destroy(void *obj)
{
    out_sink *s = obj;
    /* Not shut down: the kind lets go of its callbacks; the clock had let
     * go of us already (it held a reference while we were its state sink). */
    if (s->kind->destroy)
        s->kind->destroy(s);
    if (s->stream) {
        stream_remove(s->stream);
        shim_obj_release(&s->stream->base);
    }
    SHIM_RELEASE(s->clock);
    msess_sink_destroy(&s->msink);
    if (s->events) {
        IMFMediaEventQueue_Shutdown(s->events);
        IMFMediaEventQueue_Release(s->events);
    }
    pthread_mutex_destroy(&s->lock);
}

static const shim_iface sink_ifaces[] = {
    { &IID_IMFMediaSink, 0 },
    { &IID_IMFClockStateSink, offsetof(out_sink, clock_sink_vtbl) },
    { &IID_IMFMediaEventGenerator, offsetof(out_sink, events_vtbl) },
    { &IID_IMFGetService, offsetof(out_sink, service_vtbl) },
    { &IID_IMFRateSupport, offsetof(out_sink, rate_vtbl) },
    { NULL, 0 },
};

static const shim_class sink_class = { "output media sink", sink_ifaces, sink_destroy };

static HRESULT stream_new(out_sink *s, REFGUID major, IMFMediaType *type, out_stream **out)
{
    out_stream *st = shim_obj_new(sizeof(*st), &stream_class, &stream_vtbl);
    if (!st)
        return E_OUTOFMEMORY;
    st->handler_vtbl = &handler_vtbl;
    pthread_mutex_init(&st->lock, NULL);
    st->sink = s;
    st->major = *major;
    st->grabber = s->kind == &shim_grabber_kind;
    st->not_set = IsEqualGUID(major, &MFMediaType_Audio) ? MF_E_NOT_INITIALIZED
                                                          : MF_E_TRANSFORM_TYPE_NOT_SET;
    if ((st->type = type))
        IMFMediaType_AddRef(type);
    HRESULT hr = MFCreateEventQueue(&st->events);
    if (FAILED(hr)) {
        shim_obj_release(&st->base);
        return hr;
    }
    *out = st;
    return S_OK;
}

HRESULT out_sink_new(const out_kind *kind, DWORD characteristics, REFGUID major,
                     IMFMediaType *type, void *priv, out_sink **out)
{
    out_sink *s = shim_obj_new(sizeof(*s), &sink_class, &sink_vtbl);
    if (!s) {
        if (kind->destroy) { /* it owns priv: let it free it */
            out_sink tmp = { .kind = kind, .priv = priv };
            kind->destroy(&tmp);
        }
        return E_OUTOFMEMORY;
    }
    s->clock_sink_vtbl = &clock_sink_vtbl;
    s->events_vtbl = &events_vtbl;
    s->service_vtbl = &service_vtbl;
    s->rate_vtbl = &rate_vtbl;
    s->kind = kind;
    s->priv = priv;
    s->characteristics = characteristics;
    pthread_mutex_init(&s->lock, NULL);
    HRESULT hr = MFCreateEventQueue(&s->events);
    if (SUCCEEDED(hr))
        hr = stream_new(s, major, type, &s->stream);
    if (FAILED(hr)) {
        shim_obj_release(&s->base);
        return hr;
    }
    *out = s;
    return S_OK;
}

/* --------------------------------------------------------------- activate */

static const shim_class activate_class;

#define ACT(iface) SHIM_FROM(out_activate, base, iface)
SHIM_IUNKNOWN(ac_, IMFActivate, out_activate, base)
SHIM_ATTRIBUTES(ac_, IMFActivate, out_activate)

/* The activated sink (new reference), made on the first call. */
static HRESULT activate_sink(out_activate *a, out_sink **out)
{
    HRESULT hr = S_OK;
    pthread_mutex_lock(&a->lock);
    if (a->shut && !a->kind->reactivate_shut_down)
        hr = MF_E_SHUTDOWN;
    else if (!a->sink && SUCCEEDED(hr = a->kind->create(a, &a->sink)))
        a->sink->activate = a;
    if (SUCCEEDED(hr)) {
        shim_obj_addref(&a->sink->base);
        *out = a->sink;
    }
    pthread_mutex_unlock(&a->lock);
    return hr;
}

static HRESULT STDMETHODCALLTYPE ac_ActivateObject(IMFActivate *This, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    out_sink *s;
    HRESULT hr = activate_sink(ACT(This), &s);
    if (FAILED(hr))
        return hr;
    hr = shim_obj_query(&s->base, riid, out);
    shim_obj_release(&s->base);
    return hr;
}

/* The sink forgets its activate (which lets go of it, or goes). */
static void forget_activate(out_sink *s, out_activate *a)
{
    pthread_mutex_lock(&s->lock);
    if (s->activate == a)
        s->activate = NULL;
    pthread_mutex_unlock(&s->lock);
}

static void activate_shutdown(out_activate *a)
{
    pthread_mutex_lock(&a->lock);
    a->shut = true;
    out_sink *s = a->sink;
    if (s)
        shim_obj_addref(&s->base);
    if (s && !a->kind->reactivate_shut_down) {
        forget_activate(s, a);
        shim_obj_release(&a->sink->base);
        a->sink = NULL;
    }
    /* What the sample grabber would make a next sink with: not any more. */
    SHIM_RELEASE(a->type);
    SHIM_RELEASE(a->callback);
    pthread_mutex_unlock(&a->lock);
    if (s) {
        if (a->kind->shutdown_with_activate)
            out_sink_shutdown(s);
        shim_obj_release(&s->base);
    }
}

static HRESULT STDMETHODCALLTYPE ac_ShutdownObject(IMFActivate *This)
{
    activate_shutdown(ACT(This));
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE ac_DetachObject(IMFActivate *This)
{
    (void)This;
    return E_NOTIMPL; /* as all three of Windows' output activates */
}

static const IMFActivateVtbl activate_vtbl = {
    SHIM_IUNKNOWN_VTBL(ac_),
    SHIM_ATTRIBUTES_VTBL(ac_),
    .ActivateObject = ac_ActivateObject,
    .ShutdownObject = ac_ShutdownObject,
    .DetachObject = ac_DetachObject,
};

static void activate_destroy(void *obj)
{
    out_activate *a = obj;
    if (a->sink) {
        forget_activate(a->sink, a);
        shim_obj_release(&a->sink->base);
    }
    SHIM_RELEASE(a->type);
    SHIM_RELEASE(a->callback);
    shim_attrs_free(&a->attrs);
    pthread_mutex_destroy(&a->lock);
}

static const shim_iface activate_ifaces[] = {
    { &IID_IMFActivate, 0 },
    { &IID_IMFAttributes, 0 },
    { NULL, 0 },
};

static const shim_class activate_class = { "output activate", activate_ifaces, activate_destroy };

HRESULT out_activate_new(const out_kind *kind, IMFActivate **out)
{
    out_activate *a = shim_obj_new(sizeof(*a), &activate_class, &activate_vtbl);
    if (!a)
        return E_OUTOFMEMORY;
    pthread_mutex_init(&a->lock, NULL);
    a->kind = kind;
    HRESULT hr = shim_attrs_init(&a->attrs);
    if (FAILED(hr)) {
        shim_obj_release(&a->base);
        return hr;
    }
    *out = (IMFActivate *)&a->base;
    return S_OK;
}

/* ------------------------------------------------ between the shim's files */

/* The sink behind an output node's object (new reference): our activate
 * (activated when `activate`), our media sink, or our stream sink. */
static out_sink *sink_of(IUnknown *object, bool activate, out_activate **from, HRESULT *hr)
{
    out_activate *a;
    out_sink *s = NULL;
    out_stream *st;
    *hr = MF_E_TOPO_SINK_ACTIVATES_UNSUPPORTED;
    if (from)
        *from = NULL;
    if (!object) {
        *hr = E_POINTER;
    } else if ((a = shim_obj_cast(object, &activate_class))) {
        if (from)
            *from = a;
        if (activate) {
            *hr = activate_sink(a, &s);
        } else {
            pthread_mutex_lock(&a->lock);
            if ((s = a->sink))
                shim_obj_addref(&s->base);
            pthread_mutex_unlock(&a->lock);
            *hr = s ? S_OK : MF_E_UNSUPPORTED_SERVICE;
        }
    } else if ((s = shim_obj_cast(object, &sink_class))) {
        shim_obj_addref(&s->base);
        *hr = S_OK;
    } else if ((st = shim_obj_cast(object, &stream_class))) {
        s = stream_sink(st);
        *hr = s ? S_OK : MF_E_STREAMSINK_REMOVED;
    }
    return s;
}

HRESULT shim_output_sink(IUnknown *object, msess_sink **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    HRESULT hr;
    out_activate *a;
    out_sink *s = sink_of(object, true, &a, &hr);
    if (!s)
        return hr;
    if (a) { /* the topology had the activate: the session activated it */
        pthread_mutex_lock(&s->lock);
        s->session_owned = true;
        pthread_mutex_unlock(&s->lock);
    }
    hr = out_sink_msess(s, out);
    shim_obj_release(&s->base);
    return hr;
}

HRESULT shim_output_get_service(IUnknown *object, REFGUID service, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    HRESULT hr;
    out_sink *s = sink_of(object, false, NULL, &hr);
    if (!s)
        return hr == MF_E_TOPO_SINK_ACTIVATES_UNSUPPORTED ? MF_E_UNSUPPORTED_SERVICE : hr;
    hr = sink_get_service(s, service, riid, out);
    shim_obj_release(&s->base);
    return hr;
}

void shim_output_attach(IUnknown *object, IMFPresentationClock *clock)
{
    HRESULT hr;
    out_sink *s = sink_of(object, false, NULL, &hr);
    if (!s)
        return;
    sink_set_clock(s, clock);
    shim_obj_release(&s->base);
}

/* The session shuts down the sinks it activated (the object may be the
 * activate or, in a full topology, the stream sink it made) and their
 * activates' objects; it lets the ones the application made and bound
 * itself go (their Shutdown is the application's, IMFMediaSink::Shutdown's
 * documentation says). */
void shim_output_detach(IUnknown *object)
{
    HRESULT hr;
    out_activate *a;
    out_sink *s = sink_of(object, false, &a, &hr);
    bool owned = a != NULL;
    if (a)
        shim_obj_addref(&a->base);
    if (s) {
        pthread_mutex_lock(&s->lock);
        owned |= s->session_owned;
        if (!a && owned && s->activate && obj_try_ref(&s->activate->base))
            a = s->activate;
        pthread_mutex_unlock(&s->lock);
        if (owned)
            out_sink_shutdown(s);
        else
            sink_set_clock(s, NULL);
        shim_obj_release(&s->base);
    }
    if (a) {
        if (owned)
            activate_shutdown(a);
        shim_obj_release(&a->base);
    }
}

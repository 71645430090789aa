/* The objects behind MF's output activates, shared by renderers.c (audio and
 * video renderers) and grabber.c (sample grabber): the activate, the media
 * sink it makes (IMFMediaSink with one IMFStreamSink) and the hooks in which
 * the three outputs differ. Each media sink wraps one msess sink. */
#ifndef MSESS_SHIM_OUTPUT_H
#define MSESS_SHIM_OUTPUT_H

#include "shim.h"

typedef struct out_sink out_sink;
typedef struct out_stream out_stream;
typedef struct out_activate out_activate;

/* Clock state changes forwarded by a sink (it is a clock state sink of the
 * presentation clock it was given). */
typedef struct out_kind {
    const char *name;
    /* The media sink for this activate (ActivateObject's first call). */
    HRESULT (*create)(out_activate *a, out_sink **out);
    /* The msess sink, made when the sink is first put in a topology
     * (*msink set, a reference of the out_sink's own), or at create. */
    HRESULT (*make_msess)(out_sink *s, msess_sink **msink);
    /* Services beyond MF_RATE_CONTROL_SERVICE; MF_E_UNSUPPORTED_SERVICE if none. */
    HRESULT (*get_service)(out_sink *s, REFGUID service, REFIID riid, void **out);
    /* Optional. Called without the sink's lock. */
    void (*clock_event)(out_sink *s, enum shim_clock_event ev, MFTIME systime, LONGLONG offset,
                        float rate);
    void (*clock_set)(out_sink *s, IMFPresentationClock *clock); /* NULL: none any more */
    void (*shutdown)(out_sink *s);
    void (*destroy)(out_sink *s);  /* free s->priv */
    /* ActivateObject after ShutdownObject: the same, shut down, sink
     * (renderers) or MF_E_SHUTDOWN (sample grabber), as on Windows. */
    bool reactivate_shut_down;
    /* ShutdownObject shuts the sink down (renderers) or only lets it go
     * (sample grabber: the session's IMFMediaSink::Shutdown does). */
    bool shutdown_with_activate;
} out_kind;

struct out_sink {
    shim_obj base;                              /* IMFMediaSink */
    const IMFClockStateSinkVtbl *clock_sink_vtbl;
    const IMFMediaEventGeneratorVtbl *events_vtbl;
    const IMFGetServiceVtbl *service_vtbl;
    const IMFRateSupportVtbl *rate_vtbl;
    const out_kind *kind;
    pthread_mutex_t lock;
    bool shut;
    DWORD characteristics;
    IMFPresentationClock *clock;
    IMFMediaEventQueue *events;
    out_stream *stream;                         /* identifier 0 */
    msess_sink *msink;                          /* NULL until made */
    void *priv;                                 /* the kind's */
    out_activate *activate;                     /* weak: the activate that made it */
    bool session_owned;                         /* made for a topology from its activate:
                                                 * the session shuts it down */
};

/* A media sink of this kind, with one stream sink of major type `major`
 * whose current type is `type` (NULL: none until set). */
HRESULT out_sink_new(const out_kind *kind, DWORD characteristics, REFGUID major,
                     IMFMediaType *type, void *priv, out_sink **out);
/* The stream's current media type (new reference) or NULL. */
IMFMediaType *out_sink_type(out_sink *s);
/* The msess sink (new reference), made if needed; MF_E_SHUTDOWN after Shutdown. */
HRESULT out_sink_msess(out_sink *s, msess_sink **out);
/* IMFMediaSink_Shutdown. */
HRESULT out_sink_shutdown(out_sink *s);
/* A reference, unless the object is already being destroyed. */
bool out_sink_try_ref(out_sink *s);

struct out_activate {
    shim_obj base;                              /* IMFActivate */
    shim_attrs attrs;
    const out_kind *kind;
    pthread_mutex_t lock;
    out_sink *sink;
    bool shut;
    /* The sample grabber's arguments (released at ShutdownObject). */
    IMFMediaType *type;
    IMFSampleGrabberSinkCallback *callback;
};

HRESULT out_activate_new(const out_kind *kind, IMFActivate **out);

/* grabber.c */
extern const out_kind shim_grabber_kind;

#endif

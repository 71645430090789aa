/* Helpers of the media session tests (tests/mf/sess-*.c): checks, waiting
 * for session events, a counting sample grabber callback, and topologies
 * from test clips to sample grabbers. Not a test itself. */
#ifndef SESS_UTIL_H
#define SESS_UTIL_H

#include "check.h"
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef COBJMACROS
#define COBJMACROS
#endif
#include <initguid.h>
#include <windows.h>
#include <mfapi.h>
#include <mferror.h>
#include <mfidl.h>
#include <evr.h>

#include <msess-mf.h>

/* The next session event within timeout_ms, or NULL. */
static inline IMFMediaEvent *sess_next(IMFMediaSession *s, int timeout_ms)
{
    for (int waited = 0;; waited += 2) {
        IMFMediaEvent *ev = NULL;
        HRESULT hr = IMFMediaSession_GetEvent(s, MF_EVENT_FLAG_NO_WAIT, &ev);
        if (SUCCEEDED(hr))
            return ev;
        if (hr != MF_E_NO_EVENTS_AVAILABLE || waited >= timeout_ms)
            return NULL;
        test_sleep_ms(2);
    }
}

static inline const char *sess_event_name(MediaEventType t)
{
    switch (t) {
    case MEError: return "MEError";
    case MENonFatalError: return "MENonFatalError";
    case MESessionTopologySet: return "MESessionTopologySet";
    case MESessionTopologiesCleared: return "MESessionTopologiesCleared";
    case MESessionStarted: return "MESessionStarted";
    case MESessionPaused: return "MESessionPaused";
    case MESessionStopped: return "MESessionStopped";
    case MESessionClosed: return "MESessionClosed";
    case MESessionEnded: return "MESessionEnded";
    case MESessionRateChanged: return "MESessionRateChanged";
    case MESessionScrubSampleComplete: return "MESessionScrubSampleComplete";
    case MESessionCapabilitiesChanged: return "MESessionCapabilitiesChanged";
    case MESessionTopologyStatus: return "MESessionTopologyStatus";
    case MESessionNotifyPresentationTime: return "MESessionNotifyPresentationTime";
    case MEEndOfPresentation: return "MEEndOfPresentation";
    default: return "other";
    }
}

/* The next event must be of this type and status (and, for topology
 * status events, this status); returns it (release it), or NULL after
 * recording a failure. */
#define EXPECT(s, type, hr) sess_expect(s, type, hr, 0, __LINE__)
#define EXPECT_STATUS(s, topo_status) \
    sess_expect(s, MESessionTopologyStatus, S_OK, topo_status, __LINE__)

static inline IMFMediaEvent *sess_expect(IMFMediaSession *s, MediaEventType want, HRESULT want_hr,
                                         UINT32 want_status, int line)
{
    IMFMediaEvent *ev = sess_next(s, 15000);
    if (!ev) {
        fprintf(stderr, "line %d: no event, wanted %s\n", line, sess_event_name(want));
        failures++;
        return NULL;
    }
    MediaEventType type = 0;
    HRESULT hr = E_FAIL;
    IMFMediaEvent_GetType(ev, &type);
    IMFMediaEvent_GetStatus(ev, &hr);
    UINT32 status = 0;
    if (type == MESessionTopologyStatus)
        IMFMediaEvent_GetUINT32(ev, &MF_EVENT_TOPOLOGY_STATUS, &status);
    if (type != want || hr != want_hr || (want_status && status != want_status)) {
        fprintf(stderr, "line %d: got %s (%lu) 0x%08lx status %u, wanted %s (%lu) 0x%08lx status %u\n",
                line, sess_event_name(type), (unsigned long)type, (unsigned long)hr, status,
                sess_event_name(want), (unsigned long)want, (unsigned long)want_hr, want_status);
        failures++;
        IMFMediaEvent_Release(ev);
        return NULL;
    }
    return ev;
}

/* Expect and release. */
#define EXPECT_DROP(s, type, hr)                            \
    do {                                                    \
        IMFMediaEvent *e_ = sess_expect(s, type, hr, 0, __LINE__); \
        if (e_)                                             \
            IMFMediaEvent_Release(e_);                      \
    } while (0)

/* Skip events until one of this type (returned) comes, or NULL. */
static inline IMFMediaEvent *sess_until(IMFMediaSession *s, MediaEventType want, int timeout_ms)
{
    for (;;) {
        IMFMediaEvent *ev = sess_next(s, timeout_ms);
        if (!ev)
            return NULL;
        MediaEventType type = 0;
        IMFMediaEvent_GetType(ev, &type);
        if (type == want)
            return ev;
        IMFMediaEvent_Release(ev);
    }
}

/* No event within ms. */
static inline bool sess_quiet(IMFMediaSession *s, int ms)
{
    IMFMediaEvent *ev = sess_next(s, ms);
    if (!ev)
        return true;
    MediaEventType type = 0;
    IMFMediaEvent_GetType(ev, &type);
    fprintf(stderr, "unexpected event %s (%lu)\n", sess_event_name(type), (unsigned long)type);
    IMFMediaEvent_Release(ev);
    return false;
}

static inline IUnknown *sess_event_unknown(IMFMediaEvent *ev)
{
    PROPVARIANT v;
    PropVariantInit(&v);
    if (!ev || FAILED(IMFMediaEvent_GetValue(ev, &v)) || v.vt != VT_UNKNOWN) {
        PropVariantClear(&v);
        return NULL;
    }
    return v.punkVal; /* the caller releases */
}

/* ------------------------------------------------------ sample grabber */

typedef struct grabber_cb {
    IMFSampleGrabberSinkCallback iface;
    volatile LONG refs;
    volatile LONG samples;
    volatile LONG shutdowns;
    volatile LONG clock_set;
    volatile LONGLONG last_time;
} grabber_cb;

static inline grabber_cb *grabber_from(IMFSampleGrabberSinkCallback *i)
{
    return (grabber_cb *)(void *)i;
}

static HRESULT STDMETHODCALLTYPE gcb_QueryInterface(IMFSampleGrabberSinkCallback *This,
                                                    REFIID riid, void **out)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IMFClockStateSink) ||
        IsEqualIID(riid, &IID_IMFSampleGrabberSinkCallback)) {
        *out = This;
        IMFSampleGrabberSinkCallback_AddRef(This);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE gcb_AddRef(IMFSampleGrabberSinkCallback *This)
{
    return (ULONG)__atomic_add_fetch(&grabber_from(This)->refs, 1, __ATOMIC_SEQ_CST);
}

static ULONG STDMETHODCALLTYPE gcb_Release(IMFSampleGrabberSinkCallback *This)
{
    LONG left = __atomic_sub_fetch(&grabber_from(This)->refs, 1, __ATOMIC_SEQ_CST);
    if (!left)
        free(This);
    return (ULONG)left;
}

static HRESULT STDMETHODCALLTYPE gcb_OnClockStart(IMFSampleGrabberSinkCallback *This, MFTIME t,
                                                  LONGLONG offset)
{
    (void)This, (void)t, (void)offset;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE gcb_OnClockTime(IMFSampleGrabberSinkCallback *This, MFTIME t)
{
    (void)This, (void)t;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE gcb_OnClockSetRate(IMFSampleGrabberSinkCallback *This, MFTIME t,
                                                    float rate)
{
    (void)This, (void)t, (void)rate;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE gcb_OnSetPresentationClock(IMFSampleGrabberSinkCallback *This,
                                                            IMFPresentationClock *clock)
{
    (void)clock;
    __atomic_add_fetch(&grabber_from(This)->clock_set, 1, __ATOMIC_SEQ_CST);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE gcb_OnProcessSample(IMFSampleGrabberSinkCallback *This,
                                                     REFGUID major, DWORD flags, LONGLONG time,
                                                     LONGLONG duration, const BYTE *buf,
                                                     DWORD size)
{
    (void)major, (void)flags, (void)duration, (void)buf, (void)size;
    grabber_cb *g = grabber_from(This);
    __atomic_store_n(&g->last_time, time, __ATOMIC_SEQ_CST);
    __atomic_add_fetch(&g->samples, 1, __ATOMIC_SEQ_CST);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE gcb_OnShutdown(IMFSampleGrabberSinkCallback *This)
{
    __atomic_add_fetch(&grabber_from(This)->shutdowns, 1, __ATOMIC_SEQ_CST);
    return S_OK;
}

static IMFSampleGrabberSinkCallbackVtbl gcb_vtbl = {
    .QueryInterface = gcb_QueryInterface,
    .AddRef = gcb_AddRef,
    .Release = gcb_Release,
    .OnClockStart = gcb_OnClockStart,
    .OnClockStop = gcb_OnClockTime,
    .OnClockPause = gcb_OnClockTime,
    .OnClockRestart = gcb_OnClockTime,
    .OnClockSetRate = gcb_OnClockSetRate,
    .OnSetPresentationClock = gcb_OnSetPresentationClock,
    .OnProcessSample = gcb_OnProcessSample,
    .OnShutdown = gcb_OnShutdown,
};

static inline grabber_cb *grabber_new(void)
{
    grabber_cb *g = calloc(1, sizeof(*g));
    REQUIRE(g);
    g->iface.lpVtbl = &gcb_vtbl;
    g->refs = 1;
    return g;
}

static inline LONG grabber_samples(grabber_cb *g)
{
    return __atomic_load_n(&g->samples, __ATOMIC_SEQ_CST);
}

/* ------------------------------------------------------------ topologies */

/* The path of a test clip, or exit 77 (skipped) without test media. */
static inline void sess_clip(const char *name, WCHAR *out, size_t size)
{
    const char *dir = getenv("MSESS_TEST_MEDIA");
    char path[1024];
    if (!dir) {
        fprintf(stderr, "MSESS_TEST_MEDIA not set: skipped\n");
        exit(77);
    }
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s missing: skipped\n", path);
        exit(77);
    }
    fclose(f);
    size_t i = 0;
    for (; path[i] && i + 1 < size; i++)
        out[i] = (WCHAR)(unsigned char)path[i]; /* the build paths are ASCII */
    out[i] = 0;
}

static inline IMFMediaSource *sess_open(const char *clip)
{
    WCHAR url[1024];
    sess_clip(clip, url, sizeof(url) / sizeof(url[0]));
    IMFSourceResolver *resolver = NULL;
    REQUIRE(SUCCEEDED(MFCreateSourceResolver(&resolver)));
    MF_OBJECT_TYPE type = MF_OBJECT_INVALID;
    IUnknown *obj = NULL;
    HRESULT hr = IMFSourceResolver_CreateObjectFromURL(resolver, url, MF_RESOLUTION_MEDIASOURCE,
                                                       NULL, &type, &obj);
    IMFSourceResolver_Release(resolver);
    REQUIRE(SUCCEEDED(hr) && obj);
    IMFMediaSource *src = NULL;
    REQUIRE(SUCCEEDED(IUnknown_QueryInterface(obj, &IID_IMFMediaSource, (void **)&src)));
    IUnknown_Release(obj);
    return src;
}

/* Outputs for a topology: one sample grabber activate per kind, shared by
 * every topology built with them. */
typedef struct sess_outputs {
    grabber_cb *video_cb, *audio_cb;
    IMFActivate *video, *audio;
} sess_outputs;

static inline IMFActivate *sess_grabber(grabber_cb *cb, REFGUID major, REFGUID subtype)
{
    IMFMediaType *mt = NULL;
    REQUIRE(SUCCEEDED(MFCreateMediaType(&mt)));
    IMFMediaType_SetGUID(mt, &MF_MT_MAJOR_TYPE, major);
    IMFMediaType_SetGUID(mt, &MF_MT_SUBTYPE, subtype);
    IMFActivate *act = NULL;
    REQUIRE(SUCCEEDED(MFCreateSampleGrabberSinkActivate(mt, &cb->iface, &act)));
    IMFMediaType_Release(mt);
    return act;
}

static inline void sess_outputs_init(sess_outputs *o)
{
    o->video_cb = grabber_new();
    o->audio_cb = grabber_new();
    o->video = sess_grabber(o->video_cb, &MFMediaType_Video, &MFVideoFormat_RGB32);
    o->audio = sess_grabber(o->audio_cb, &MFMediaType_Audio, &MFAudioFormat_PCM);
}

static inline void sess_outputs_free(sess_outputs *o)
{
    IMFActivate_ShutdownObject(o->video);
    IMFActivate_ShutdownObject(o->audio);
    IMFActivate_Release(o->video);
    IMFActivate_Release(o->audio);
    IMFSampleGrabberSinkCallback_Release(&o->video_cb->iface);
    IMFSampleGrabberSinkCallback_Release(&o->audio_cb->iface);
}

/* Every selected stream of src to the grabber of its kind. */
static inline IMFTopology *sess_topology(IMFMediaSource *src, sess_outputs *o)
{
    IMFPresentationDescriptor *pd = NULL;
    IMFTopology *topo = NULL;
    DWORD count = 0;
    REQUIRE(SUCCEEDED(IMFMediaSource_CreatePresentationDescriptor(src, &pd)));
    REQUIRE(SUCCEEDED(MFCreateTopology(&topo)));
    REQUIRE(SUCCEEDED(IMFPresentationDescriptor_GetStreamDescriptorCount(pd, &count)));
    for (DWORD i = 0; i < count; i++) {
        BOOL selected = FALSE;
        IMFStreamDescriptor *sd = NULL;
        REQUIRE(SUCCEEDED(IMFPresentationDescriptor_GetStreamDescriptorByIndex(pd, i, &selected, &sd)));
        IMFMediaTypeHandler *h = NULL;
        GUID major = GUID_NULL;
        REQUIRE(SUCCEEDED(IMFStreamDescriptor_GetMediaTypeHandler(sd, &h)));
        IMFMediaTypeHandler_GetMajorType(h, &major);
        IMFMediaTypeHandler_Release(h);
        IMFActivate *act = IsEqualGUID(&major, &MFMediaType_Video) ? o->video
                         : IsEqualGUID(&major, &MFMediaType_Audio) ? o->audio : NULL;
        if (selected && act) {
            IMFTopologyNode *sn = NULL, *on = NULL;
            REQUIRE(SUCCEEDED(MFCreateTopologyNode(MF_TOPOLOGY_SOURCESTREAM_NODE, &sn)));
            IMFTopologyNode_SetUnknown(sn, &MF_TOPONODE_SOURCE, (IUnknown *)src);
            IMFTopologyNode_SetUnknown(sn, &MF_TOPONODE_PRESENTATION_DESCRIPTOR, (IUnknown *)pd);
            IMFTopologyNode_SetUnknown(sn, &MF_TOPONODE_STREAM_DESCRIPTOR, (IUnknown *)sd);
            REQUIRE(SUCCEEDED(MFCreateTopologyNode(MF_TOPOLOGY_OUTPUT_NODE, &on)));
            IMFTopologyNode_SetObject(on, (IUnknown *)act);
            IMFTopologyNode_SetUINT32(on, &MF_TOPONODE_STREAMID, 0);
            REQUIRE(SUCCEEDED(IMFTopology_AddNode(topo, sn)));
            REQUIRE(SUCCEEDED(IMFTopology_AddNode(topo, on)));
            REQUIRE(SUCCEEDED(IMFTopologyNode_ConnectOutput(sn, 0, on, 0)));
            IMFTopologyNode_Release(sn);
            IMFTopologyNode_Release(on);
        }
        IMFStreamDescriptor_Release(sd);
    }
    IMFPresentationDescriptor_Release(pd);
    return topo;
}

/* SetTopology(0) on a stopped session: the documented sequence up to READY.
 * Returns the full topology of MESessionTopologySet (a reference). */
static inline IMFTopology *sess_set_ready(IMFMediaSession *s, IMFTopology *topo, DWORD want_caps)
{
    CHECK_HR(IMFMediaSession_SetTopology(s, 0, topo), S_OK);
    IMFMediaEvent *ev = EXPECT(s, MESessionTopologySet, S_OK);
    IUnknown *unk = sess_event_unknown(ev);
    IMFTopology *full = NULL;
    CHECK(unk && SUCCEEDED(IUnknown_QueryInterface(unk, &IID_IMFTopology, (void **)&full)));
    CHECK(full && full != topo);
    if (unk)
        IUnknown_Release(unk);
    if (ev)
        IMFMediaEvent_Release(ev);

    ev = EXPECT(s, MESessionNotifyPresentationTime, S_OK);
    UINT64 t = 1;
    CHECK(ev && SUCCEEDED(IMFMediaEvent_GetUINT64(ev, &MF_EVENT_START_PRESENTATION_TIME, &t)) && !t);
    t = 1;
    CHECK(ev && SUCCEEDED(IMFMediaEvent_GetUINT64(ev, &MF_EVENT_PRESENTATION_TIME_OFFSET, &t)) && !t);
    t = 1;
    CHECK(ev && SUCCEEDED(IMFMediaEvent_GetUINT64(ev, &MF_EVENT_START_PRESENTATION_TIME_AT_OUTPUT, &t)) && !t);
    if (ev)
        IMFMediaEvent_Release(ev);

    if (want_caps) {
        ev = EXPECT(s, MESessionCapabilitiesChanged, S_OK);
        UINT32 caps = 0, delta = 0;
        CHECK(ev && SUCCEEDED(IMFMediaEvent_GetUINT32(ev, &MF_EVENT_SESSIONCAPS, &caps)));
        CHECK(ev && SUCCEEDED(IMFMediaEvent_GetUINT32(ev, &MF_EVENT_SESSIONCAPS_DELTA, &delta)));
        CHECK(caps == want_caps);
        if (ev)
            IMFMediaEvent_Release(ev);
    }

    ev = EXPECT_STATUS(s, MF_TOPOSTATUS_READY);
    unk = sess_event_unknown(ev);
    CHECK(unk && full && unk == (IUnknown *)full);
    if (unk)
        IUnknown_Release(unk);
    if (ev)
        IMFMediaEvent_Release(ev);
    return full;
}

/* Capabilities of a file session with a topology, stopped. */
#define SESS_FILE_CAPS (MFSESSIONCAP_START | MFSESSIONCAP_SEEK | MFSESSIONCAP_RATE_FORWARD | \
                        MFSESSIONCAP_DOES_NOT_USE_NETWORK)

static inline UINT32 sess_caps_of(IMFMediaEvent *ev, UINT32 *delta)
{
    UINT32 caps = 0;
    if (ev)
        IMFMediaEvent_GetUINT32(ev, &MF_EVENT_SESSIONCAPS, &caps);
    if (ev && delta)
        IMFMediaEvent_GetUINT32(ev, &MF_EVENT_SESSIONCAPS_DELTA, delta);
    return caps;
}

#endif

/* Helpers of the output tests (tests/mf/rend-*.c): checks, clips,
 * topologies from a clip to the test's output objects, waiting for session
 * events, and a recording sample grabber callback. Not a test itself. */
#ifndef REND_UTIL_H
#define REND_UTIL_H

#include "check.h"
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
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

#define SKIP_CODE 77

static inline int rend_result(void)
{
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}

static inline int64_t rend_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static inline ULONG rend_refs(void *unk)
{
    IUnknown_AddRef((IUnknown *)unk);
    return IUnknown_Release((IUnknown *)unk);
}

/* ---- clips and topologies */

static inline IMFMediaSource *rend_open(const char *clip)
{
    const char *dir = getenv("MSESS_TEST_MEDIA");
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir ? dir : ".", clip);
    WCHAR url[1024];
    size_t i = 0;
    for (; path[i] && i + 1 < sizeof(url) / sizeof(url[0]); i++)
        url[i] = (WCHAR)(unsigned char)path[i];
    url[i] = 0;
    IMFSourceResolver *res = NULL;
    REQUIRE(SUCCEEDED(MFCreateSourceResolver(&res)));
    MF_OBJECT_TYPE type;
    IUnknown *obj = NULL;
    HRESULT hr = IMFSourceResolver_CreateObjectFromURL(res, url, MF_RESOLUTION_MEDIASOURCE, NULL,
                                                       &type, &obj);
    IMFSourceResolver_Release(res);
    if (FAILED(hr))
        fprintf(stderr, "cannot open %s: 0x%08lx\n", path, (unsigned long)hr);
    REQUIRE(SUCCEEDED(hr));
    IMFMediaSource *src = NULL;
    REQUIRE(SUCCEEDED(IUnknown_QueryInterface(obj, &IID_IMFMediaSource, (void **)&src)));
    IUnknown_Release(obj);
    return src;
}

/* The clip's video and audio streams into these output objects (activates
 * or sinks); a stream without one is deselected. */
static inline IMFTopology *rend_topology(IMFMediaSource *src, IUnknown *video, IUnknown *audio)
{
    IMFPresentationDescriptor *pd = NULL;
    IMFTopology *topo = NULL;
    DWORD count = 0;
    REQUIRE(SUCCEEDED(IMFMediaSource_CreatePresentationDescriptor(src, &pd)));
    REQUIRE(SUCCEEDED(MFCreateTopology(&topo)));
    REQUIRE(SUCCEEDED(IMFPresentationDescriptor_GetStreamDescriptorCount(pd, &count)));
    for (DWORD i = 0; i < count; i++) {
        BOOL selected;
        IMFStreamDescriptor *sd = NULL;
        IMFMediaTypeHandler *h = NULL;
        GUID major = GUID_NULL;
        REQUIRE(SUCCEEDED(IMFPresentationDescriptor_GetStreamDescriptorByIndex(pd, i, &selected, &sd)));
        REQUIRE(SUCCEEDED(IMFStreamDescriptor_GetMediaTypeHandler(sd, &h)));
        IMFMediaTypeHandler_GetMajorType(h, &major);
        IMFMediaTypeHandler_Release(h);
        IUnknown *out = IsEqualGUID(&major, &MFMediaType_Video)   ? video
                        : IsEqualGUID(&major, &MFMediaType_Audio) ? audio
                                                                   : NULL;
        if (!out) {
            IMFPresentationDescriptor_DeselectStream(pd, i);
            IMFStreamDescriptor_Release(sd);
            continue;
        }
        IMFPresentationDescriptor_SelectStream(pd, i);
        IMFTopologyNode *sn = NULL, *on = NULL;
        REQUIRE(SUCCEEDED(MFCreateTopologyNode(MF_TOPOLOGY_SOURCESTREAM_NODE, &sn)));
        IMFTopologyNode_SetUnknown(sn, &MF_TOPONODE_SOURCE, (IUnknown *)src);
        IMFTopologyNode_SetUnknown(sn, &MF_TOPONODE_PRESENTATION_DESCRIPTOR, (IUnknown *)pd);
        IMFTopologyNode_SetUnknown(sn, &MF_TOPONODE_STREAM_DESCRIPTOR, (IUnknown *)sd);
        REQUIRE(SUCCEEDED(MFCreateTopologyNode(MF_TOPOLOGY_OUTPUT_NODE, &on)));
        IMFTopologyNode_SetObject(on, out);
        IMFTopologyNode_SetUINT32(on, &MF_TOPONODE_STREAMID, 0);
        IMFTopology_AddNode(topo, sn);
        IMFTopology_AddNode(topo, on);
        IMFTopologyNode_ConnectOutput(sn, 0, on, 0);
        IMFTopologyNode_Release(sn);
        IMFTopologyNode_Release(on);
        IMFStreamDescriptor_Release(sd);
    }
    IMFPresentationDescriptor_Release(pd);
    return topo;
}

/* Events until one of this type (returned, release it; its status in
 * *status), or NULL after timeout_ms. */
static inline IMFMediaEvent *rend_wait(IMFMediaSession *s, MediaEventType want, HRESULT *status,
                                       int timeout_ms)
{
    int64_t end = rend_now_ms() + timeout_ms;
    while (rend_now_ms() < end) {
        IMFMediaEvent *ev = NULL;
        HRESULT hr = IMFMediaSession_GetEvent(s, MF_EVENT_FLAG_NO_WAIT, &ev);
        if (hr == MF_E_NO_EVENTS_AVAILABLE) {
            test_sleep_ms(2);
            continue;
        }
        if (FAILED(hr))
            return NULL;
        MediaEventType type = MEUnknown;
        IMFMediaEvent_GetType(ev, &type);
        if (type == want) {
            if (status)
                IMFMediaEvent_GetStatus(ev, status);
            return ev;
        }
        if (type == MEError) {
            HRESULT err = S_OK;
            IMFMediaEvent_GetStatus(ev, &err);
            fprintf(stderr, "  MEError 0x%08lx while waiting\n", (unsigned long)err);
        }
        IMFMediaEvent_Release(ev);
    }
    fprintf(stderr, "  no event %lu within %d ms\n", (unsigned long)want, timeout_ms);
    return NULL;
}

/* Wait for the event and check its status. */
#define WAIT_OK(s, type, ms)                                                     \
    do {                                                                         \
        HRESULT st_ = E_FAIL;                                                    \
        IMFMediaEvent *ev_ = rend_wait((s), (type), &st_, (ms));                 \
        CHECK(ev_ != NULL);                                                      \
        if (ev_) {                                                               \
            CHECK_HR(st_, S_OK);                                                 \
            IMFMediaEvent_Release(ev_);                                          \
        }                                                                        \
    } while (0)

/* A session with this topology set and READY. */
static inline IMFMediaSession *rend_session(IMFTopology *topo)
{
    IMFMediaSession *s = NULL;
    REQUIRE(SUCCEEDED(MFCreateMediaSession(NULL, &s)));
    CHECK_HR(IMFMediaSession_SetTopology(s, 0, topo), S_OK);
    WAIT_OK(s, MESessionTopologySet, 15000);
    return s;
}

static inline void rend_start(IMFMediaSession *s, LONGLONG pos)
{
    PROPVARIANT v;
    PropVariantInit(&v);
    if (pos >= 0) {
        v.vt = VT_I8;
        v.hVal.QuadPart = pos;
    }
    CHECK_HR(IMFMediaSession_Start(s, &GUID_NULL, &v), S_OK);
    WAIT_OK(s, MESessionStarted, 15000);
}

static inline void rend_close(IMFMediaSession *s, IMFMediaSource *src)
{
    CHECK_HR(IMFMediaSession_Close(s), S_OK);
    IMFMediaEvent *ev = rend_wait(s, MESessionClosed, NULL, 15000);
    CHECK(ev != NULL);
    if (ev)
        IMFMediaEvent_Release(ev);
    CHECK_HR(IMFMediaSession_Shutdown(s), S_OK);
    IMFMediaSource_Shutdown(src);
}

/* ---- a recording sample grabber callback */

enum rend_call { RC_CLOCK_SET = 1, RC_START, RC_STOP, RC_PAUSE, RC_RESTART, RC_RATE,
                 RC_SAMPLE, RC_SHUTDOWN };

#define REND_MAX_CALLS 4096
#define REND_MAX_SAMPLES 2048

typedef struct rend_sample {
    LONGLONG time, duration;
    DWORD size;
    int number;            /* video: bar code (see check_fn), -1 unreadable */
    int64_t at_ms;         /* rend_now_ms() when it came */
    LONGLONG early;        /* time - the presentation clock then; 0 without a clock */
} rend_sample;

typedef struct rend_grabber rend_grabber;
/* Reads what a test wants from a sample (its bar code). */
typedef int (*rend_number_fn)(rend_grabber *g, const BYTE *buf, DWORD size);

struct rend_grabber {
    IMFSampleGrabberSinkCallback iface;
    volatile LONG refs;
    pthread_mutex_t lock;
    enum rend_call calls[REND_MAX_CALLS];
    int nb_calls;
    rend_sample samples[REND_MAX_SAMPLES];
    int nb_samples;
    int64_t bytes;
    GUID major;
    bool bad_major;
    rend_number_fn number;
    int width, height;     /* for number */
    bool bottom_up;
    IMFPresentationClock *clock_seen;
};

static inline rend_grabber *rg_from(IMFSampleGrabberSinkCallback *i)
{
    return (rend_grabber *)(void *)i;
}

static inline void rg_log(rend_grabber *g, enum rend_call c)
{
    pthread_mutex_lock(&g->lock);
    if (g->nb_calls < REND_MAX_CALLS)
        g->calls[g->nb_calls++] = c;
    pthread_mutex_unlock(&g->lock);
}

static HRESULT STDMETHODCALLTYPE rg_QueryInterface(IMFSampleGrabberSinkCallback *This, REFIID riid,
                                                   void **out)
{
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IMFClockStateSink) ||
        IsEqualGUID(riid, &IID_IMFSampleGrabberSinkCallback)) {
        *out = This;
        IMFSampleGrabberSinkCallback_AddRef(This);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE rg_AddRef(IMFSampleGrabberSinkCallback *This)
{
    return (ULONG)__atomic_add_fetch(&rg_from(This)->refs, 1, __ATOMIC_SEQ_CST);
}

static ULONG STDMETHODCALLTYPE rg_Release(IMFSampleGrabberSinkCallback *This)
{
    /* the test owns the memory: freed by rend_grabber_free */
    return (ULONG)__atomic_sub_fetch(&rg_from(This)->refs, 1, __ATOMIC_SEQ_CST);
}

static HRESULT STDMETHODCALLTYPE rg_OnClockStart(IMFSampleGrabberSinkCallback *This, MFTIME t,
                                                 LONGLONG offset)
{
    (void)t, (void)offset;
    rg_log(rg_from(This), RC_START);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE rg_OnClockStop(IMFSampleGrabberSinkCallback *This, MFTIME t)
{
    (void)t;
    rg_log(rg_from(This), RC_STOP);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE rg_OnClockPause(IMFSampleGrabberSinkCallback *This, MFTIME t)
{
    (void)t;
    rg_log(rg_from(This), RC_PAUSE);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE rg_OnClockRestart(IMFSampleGrabberSinkCallback *This, MFTIME t)
{
    (void)t;
    rg_log(rg_from(This), RC_RESTART);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE rg_OnClockSetRate(IMFSampleGrabberSinkCallback *This, MFTIME t,
                                                   float rate)
{
    (void)t, (void)rate;
    rg_log(rg_from(This), RC_RATE);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE rg_OnSetPresentationClock(IMFSampleGrabberSinkCallback *This,
                                                           IMFPresentationClock *clock)
{
    rend_grabber *g = rg_from(This);
    rg_log(g, RC_CLOCK_SET);
    pthread_mutex_lock(&g->lock);
    g->clock_seen = clock; /* not kept: compared only */
    pthread_mutex_unlock(&g->lock);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE rg_OnProcessSample(IMFSampleGrabberSinkCallback *This,
                                                    REFGUID major, DWORD flags, LONGLONG time,
                                                    LONGLONG duration, const BYTE *buf,
                                                    DWORD size)
{
    rend_grabber *g = rg_from(This);
    (void)flags;
    int number = g->number && buf ? g->number(g, buf, size) : -1;
    pthread_mutex_lock(&g->lock);
    IMFPresentationClock *clock = g->clock_seen; /* the session's, alive while it plays */
    pthread_mutex_unlock(&g->lock);
    MFTIME now = 0;
    LONGLONG early = clock && SUCCEEDED(IMFPresentationClock_GetTime(clock, &now)) ? time - now : 0;
    pthread_mutex_lock(&g->lock);
    if (g->nb_calls < REND_MAX_CALLS)
        g->calls[g->nb_calls++] = RC_SAMPLE;
    if (!IsEqualGUID(major, &g->major))
        g->bad_major = true;
    if (g->nb_samples < REND_MAX_SAMPLES)
        g->samples[g->nb_samples++] =
            (rend_sample){ time, duration, size, number, rend_now_ms(), early };
    g->bytes += size;
    pthread_mutex_unlock(&g->lock);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE rg_OnShutdown(IMFSampleGrabberSinkCallback *This)
{
    rg_log(rg_from(This), RC_SHUTDOWN);
    return S_OK;
}

static IMFSampleGrabberSinkCallbackVtbl rend_grabber_vtbl = {
    rg_QueryInterface, rg_AddRef, rg_Release, rg_OnClockStart, rg_OnClockStop,
    rg_OnClockPause, rg_OnClockRestart, rg_OnClockSetRate, rg_OnSetPresentationClock,
    rg_OnProcessSample, rg_OnShutdown,
};

static inline rend_grabber *rend_grabber_new(REFGUID major)
{
    rend_grabber *g = calloc(1, sizeof(*g));
    REQUIRE(g);
    g->iface.lpVtbl = &rend_grabber_vtbl;
    g->refs = 1;
    g->major = *major;
    pthread_mutex_init(&g->lock, NULL);
    return g;
}

static inline void rend_grabber_free(rend_grabber *g)
{
    pthread_mutex_destroy(&g->lock);
    free(g);
}

static inline int rend_grabber_count(rend_grabber *g, enum rend_call c)
{
    pthread_mutex_lock(&g->lock);
    int n = 0;
    for (int i = 0; i < g->nb_calls; i++)
        n += g->calls[i] == c;
    pthread_mutex_unlock(&g->lock);
    return n;
}

static inline int rend_grabber_samples(rend_grabber *g)
{
    pthread_mutex_lock(&g->lock);
    int n = g->nb_samples;
    pthread_mutex_unlock(&g->lock);
    return n;
}

/* Call i (negative: from the end), 0 when there is none. */
static inline enum rend_call rend_grabber_call(rend_grabber *g, int i)
{
    pthread_mutex_lock(&g->lock);
    if (i < 0)
        i += g->nb_calls;
    enum rend_call c = i >= 0 && i < g->nb_calls ? g->calls[i] : 0;
    pthread_mutex_unlock(&g->lock);
    return c;
}

/* The calls other than samples, in order, as letters (S start, P pause,
 * R restart, T stop, C clock set, X rate, D shutdown). */
static inline void rend_grabber_story(rend_grabber *g, char *out, size_t size)
{
    static const char letters[] = "?CSTPRX.D";
    size_t n = 0;
    pthread_mutex_lock(&g->lock);
    for (int i = 0; i < g->nb_calls && n + 1 < size; i++)
        if (g->calls[i] != RC_SAMPLE)
            out[n++] = letters[g->calls[i]];
    pthread_mutex_unlock(&g->lock);
    out[n] = 0;
}

/* A media type of this major type and subtype (and frame size if w > 0). */
static inline IMFMediaType *rend_type(REFGUID major, REFGUID subtype, UINT32 w, UINT32 h)
{
    IMFMediaType *t = NULL;
    REQUIRE(SUCCEEDED(MFCreateMediaType(&t)));
    IMFMediaType_SetGUID(t, &MF_MT_MAJOR_TYPE, major);
    IMFMediaType_SetGUID(t, &MF_MT_SUBTYPE, subtype);
    if (w)
        IMFMediaType_SetUINT64(t, &MF_MT_FRAME_SIZE, (UINT64)w << 32 | h);
    return t;
}

#endif

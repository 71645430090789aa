/* mf-grabber: pulls the decoded video frames of a file through Media
 * Foundation's sample grabber sink, in C, the way Microsoft's "Using the
 * Sample Grabber Sink" sample does: MFCreateSampleGrabberSinkActivate with
 * an RGB32 media type and an IMFSampleGrabberSinkCallback written in C,
 * MF_SAMPLEGRABBERSINK_IGNORE_CLOCK so that frames come as fast as they
 * decode, and a GetEvent loop until MESessionEnded. At the end it prints
 *
 *     frames N size WxH crc32 0xXXXXXXXX first T0 last T1
 *
 * where the CRC-32 (zlib's) covers the B, G, R bytes of every pixel of
 * every frame in order (RGB32's fourth byte is unused: left out), and T0,
 * T1 are the first and last sample times in 100 ns units. Exits 0 when the
 * session ended and every frame had the expected size, else 1.
 *
 * Builds against the Windows SDK and, elsewhere, against msess-mf:
 *     cc mf-grabber.c $(pkg-config --cflags --libs msess-mf)
 *
 * Usage: mf-grabber [--dump FILE] [--no-crc] FILE
 *   --dump FILE  also write the raw RGB32 frames to FILE
 *   --no-crc     count and check the frames only (crc32 0): for timing */
#ifndef COBJMACROS
#define COBJMACROS
#endif
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <pthread.h>

#include <windows.h>
#include <initguid.h>
#include <mfapi.h>
#include <mferror.h>
#include <mfidl.h>

/* ------------------------------------------------------------ CRC-32 */

static UINT32 crc_table[256];

static void crc_init(void)
{
    for (UINT32 i = 0; i < 256; i++) {
        UINT32 c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

/* crc is the running value, 0 to begin with (zlib's crc32 convention). */
static UINT32 crc_update(UINT32 crc, const BYTE *buf, size_t n)
{
    crc = ~crc;
    for (size_t i = 0; i < n; i++)
        crc = crc_table[(crc ^ buf[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

/* ------------------------------------------------------------ the callback */

typedef struct grabber {
    IMFSampleGrabberSinkCallback iface; /* first member */
    volatile LONG refs;
    pthread_mutex_t lock;
    UINT32 width, height; /* of the frames to expect */
    LONG frames, bad_frames, shutdowns;
    UINT32 crc;
    LONGLONG first_time, last_time;
    FILE *dump;
    BOOL crc_off;
    BYTE *row; /* one row of B, G, R bytes */
} grabber;

static grabber *grabber_from(IMFSampleGrabberSinkCallback *iface)
{
    return (grabber *)(void *)iface;
}

static HRESULT STDMETHODCALLTYPE grabber_QueryInterface(IMFSampleGrabberSinkCallback *iface,
                                                        REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IMFClockStateSink) ||
        IsEqualIID(riid, &IID_IMFSampleGrabberSinkCallback)) {
        *out = iface;
        IMFSampleGrabberSinkCallback_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE grabber_AddRef(IMFSampleGrabberSinkCallback *iface)
{
    return (ULONG)InterlockedIncrement(&grabber_from(iface)->refs);
}

static ULONG STDMETHODCALLTYPE grabber_Release(IMFSampleGrabberSinkCallback *iface)
{
    grabber *g = grabber_from(iface);
    LONG refs = InterlockedDecrement(&g->refs);
    if (refs == 0) {
        pthread_mutex_destroy(&g->lock);
        free(g->row);
        free(g);
    }
    return (ULONG)refs;
}

/* The clock's state changes: nothing to do, the frames are all we want. */
static HRESULT STDMETHODCALLTYPE grabber_OnClockStart(IMFSampleGrabberSinkCallback *iface,
                                                      MFTIME system_time, LONGLONG offset)
{
    (void)iface;
    (void)system_time;
    (void)offset;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE grabber_OnClockStop(IMFSampleGrabberSinkCallback *iface,
                                                     MFTIME system_time)
{
    (void)iface;
    (void)system_time;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE grabber_OnClockPause(IMFSampleGrabberSinkCallback *iface,
                                                      MFTIME system_time)
{
    (void)iface;
    (void)system_time;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE grabber_OnClockRestart(IMFSampleGrabberSinkCallback *iface,
                                                        MFTIME system_time)
{
    (void)iface;
    (void)system_time;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE grabber_OnClockSetRate(IMFSampleGrabberSinkCallback *iface,
                                                        MFTIME system_time, float rate)
{
    (void)iface;
    (void)system_time;
    (void)rate;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE grabber_OnSetPresentationClock(IMFSampleGrabberSinkCallback *iface,
                                                                IMFPresentationClock *clock)
{
    (void)iface;
    (void)clock;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE grabber_OnProcessSample(IMFSampleGrabberSinkCallback *iface,
                                                         REFGUID major, DWORD flags, LONGLONG time,
                                                         LONGLONG duration, const BYTE *buf,
                                                         DWORD size)
{
    (void)flags;
    (void)duration;
    grabber *g = grabber_from(iface);
    pthread_mutex_lock(&g->lock);
    DWORD want = g->width * g->height * 4;
    if (!IsEqualGUID(major, &MFMediaType_Video) || size != want || !buf) {
        if (g->bad_frames++ < 5)
            fprintf(stderr, "mf-grabber: sample at %lld: %lu bytes, expected %lu\n",
                    (long long)time, (unsigned long)size, (unsigned long)want);
    } else {
        /* RGB32 is B, G, R, X in memory, rows top to bottom. */
        for (UINT32 y = 0; y < g->height && !g->crc_off; y++) {
            const BYTE *src = buf + (size_t)y * g->width * 4;
            for (UINT32 x = 0; x < g->width; x++)
                memcpy(g->row + 3 * x, src + 4 * x, 3);
            g->crc = crc_update(g->crc, g->row, (size_t)g->width * 3);
        }
        if (g->dump)
            fwrite(buf, 1, size, g->dump);
    }
    if (g->frames == 0)
        g->first_time = time;
    g->last_time = time;
    g->frames++;
    pthread_mutex_unlock(&g->lock);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE grabber_OnShutdown(IMFSampleGrabberSinkCallback *iface)
{
    grabber *g = grabber_from(iface);
    pthread_mutex_lock(&g->lock);
    g->shutdowns++;
    pthread_mutex_unlock(&g->lock);
    return S_OK;
}

static IMFSampleGrabberSinkCallbackVtbl grabber_vtbl = {
    .QueryInterface = grabber_QueryInterface,
    .AddRef = grabber_AddRef,
    .Release = grabber_Release,
    .OnClockStart = grabber_OnClockStart,
    .OnClockStop = grabber_OnClockStop,
    .OnClockPause = grabber_OnClockPause,
    .OnClockRestart = grabber_OnClockRestart,
    .OnClockSetRate = grabber_OnClockSetRate,
    .OnSetPresentationClock = grabber_OnSetPresentationClock,
    .OnProcessSample = grabber_OnProcessSample,
    .OnShutdown = grabber_OnShutdown,
};

/* ------------------------------------------------------------ the topology */

static HRESULT report(HRESULT hr, const char *what)
{
    if (FAILED(hr))
        fprintf(stderr, "mf-grabber: %s failed: 0x%08X\n", what, (unsigned)hr);
    return hr;
}

static HRESULT create_media_source(const WCHAR *url, IMFMediaSource **source)
{
    IMFSourceResolver *resolver = NULL;
    IUnknown *object = NULL;
    MF_OBJECT_TYPE type = MF_OBJECT_INVALID;
    HRESULT hr = MFCreateSourceResolver(&resolver);
    if (SUCCEEDED(hr))
        hr = IMFSourceResolver_CreateObjectFromURL(resolver, url, MF_RESOLUTION_MEDIASOURCE, NULL,
                                                   &type, &object);
    if (SUCCEEDED(hr))
        hr = IUnknown_QueryInterface(object, &IID_IMFMediaSource, (void **)source);
    if (object)
        IUnknown_Release(object);
    if (resolver)
        IMFSourceResolver_Release(resolver);
    return hr;
}

/* Frame size of a video stream, from its current media type. */
static HRESULT stream_frame_size(IMFMediaTypeHandler *handler, UINT32 *width, UINT32 *height)
{
    IMFMediaType *type = NULL;
    UINT64 size = 0;
    HRESULT hr = IMFMediaTypeHandler_GetCurrentMediaType(handler, &type);
    if (SUCCEEDED(hr))
        hr = IMFMediaType_GetUINT64(type, &MF_MT_FRAME_SIZE, &size);
    if (SUCCEEDED(hr)) {
        *width = (UINT32)(size >> 32);
        *height = (UINT32)size;
    }
    if (type)
        IMFMediaType_Release(type);
    return hr;
}

/* The first video stream to the grabber; every other stream deselected. */
static HRESULT create_topology(IMFMediaSource *source, IMFPresentationDescriptor *pd,
                               IMFActivate *sink, grabber *g, IMFTopology **topology)
{
    DWORD count = 0;
    BOOL have_video = FALSE;
    HRESULT hr = MFCreateTopology(topology);
    if (SUCCEEDED(hr))
        hr = IMFPresentationDescriptor_GetStreamDescriptorCount(pd, &count);
    for (DWORD i = 0; SUCCEEDED(hr) && i < count; i++) {
        IMFStreamDescriptor *sd = NULL;
        IMFMediaTypeHandler *handler = NULL;
        IMFTopologyNode *source_node = NULL, *output_node = NULL;
        BOOL selected = FALSE;
        GUID major = GUID_NULL;
        hr = IMFPresentationDescriptor_GetStreamDescriptorByIndex(pd, i, &selected, &sd);
        if (SUCCEEDED(hr))
            hr = IMFStreamDescriptor_GetMediaTypeHandler(sd, &handler);
        if (SUCCEEDED(hr))
            hr = IMFMediaTypeHandler_GetMajorType(handler, &major);
        if (SUCCEEDED(hr) && IsEqualGUID(&major, &MFMediaType_Video) && !have_video) {
            have_video = TRUE;
            if (!selected)
                hr = IMFPresentationDescriptor_SelectStream(pd, i);
            if (SUCCEEDED(hr))
                hr = stream_frame_size(handler, &g->width, &g->height);
            if (SUCCEEDED(hr))
                hr = MFCreateTopologyNode(MF_TOPOLOGY_SOURCESTREAM_NODE, &source_node);
            if (SUCCEEDED(hr))
                hr = IMFTopologyNode_SetUnknown(source_node, &MF_TOPONODE_SOURCE, (IUnknown *)source);
            if (SUCCEEDED(hr))
                hr = IMFTopologyNode_SetUnknown(source_node, &MF_TOPONODE_PRESENTATION_DESCRIPTOR,
                                                (IUnknown *)pd);
            if (SUCCEEDED(hr))
                hr = IMFTopologyNode_SetUnknown(source_node, &MF_TOPONODE_STREAM_DESCRIPTOR,
                                                (IUnknown *)sd);
            if (SUCCEEDED(hr))
                hr = IMFTopology_AddNode(*topology, source_node);
            if (SUCCEEDED(hr))
                hr = MFCreateTopologyNode(MF_TOPOLOGY_OUTPUT_NODE, &output_node);
            if (SUCCEEDED(hr))
                hr = IMFTopologyNode_SetObject(output_node, (IUnknown *)sink);
            if (SUCCEEDED(hr))
                hr = IMFTopologyNode_SetUINT32(output_node, &MF_TOPONODE_STREAMID, 0);
            if (SUCCEEDED(hr))
                hr = IMFTopologyNode_SetUINT32(output_node, &MF_TOPONODE_NOSHUTDOWN_ON_REMOVE, FALSE);
            if (SUCCEEDED(hr))
                hr = IMFTopology_AddNode(*topology, output_node);
            if (SUCCEEDED(hr))
                hr = IMFTopologyNode_ConnectOutput(source_node, 0, output_node, 0);
        } else if (SUCCEEDED(hr) && selected) {
            hr = IMFPresentationDescriptor_DeselectStream(pd, i);
        }
        if (output_node)
            IMFTopologyNode_Release(output_node);
        if (source_node)
            IMFTopologyNode_Release(source_node);
        if (handler)
            IMFMediaTypeHandler_Release(handler);
        if (sd)
            IMFStreamDescriptor_Release(sd);
    }
    if (SUCCEEDED(hr) && !have_video) {
        fprintf(stderr, "mf-grabber: the file has no video stream\n");
        hr = MF_E_INVALIDREQUEST;
    }
    return hr;
}

/* ------------------------------------------------------------ the session */

static const char *event_name(MediaEventType t)
{
    switch (t) {
#define N(x) case x: return #x;
        N(MEError) N(MESessionTopologySet) N(MESessionTopologiesCleared) N(MESessionStarted)
        N(MESessionPaused) N(MESessionStopped) N(MESessionClosed) N(MESessionEnded)
        N(MESessionRateChanged) N(MESessionCapabilitiesChanged) N(MESessionTopologyStatus)
        N(MESessionNotifyPresentationTime) N(MENewPresentation) N(MEEndOfPresentation)
#undef N
    default: return "MEOther";
    }
}

/* GetEvent until an event of this type; FALSE on a failed status. */
static BOOL run_until(IMFMediaSession *session, MediaEventType until)
{
    for (;;) {
        IMFMediaEvent *ev = NULL;
        MediaEventType type = MEUnknown;
        HRESULT status = S_OK;
        HRESULT hr = report(IMFMediaSession_GetEvent(session, 0, &ev), "GetEvent");
        if (FAILED(hr))
            return FALSE;
        IMFMediaEvent_GetType(ev, &type);
        IMFMediaEvent_GetStatus(ev, &status);
        IMFMediaEvent_Release(ev);
        fprintf(stderr, "event %-32s hr=0x%08X\n", event_name(type), (unsigned)status);
        if (FAILED(status) || type == MEError) {
            fprintf(stderr, "mf-grabber: %s failed: 0x%08X\n", event_name(type), (unsigned)status);
            return FALSE;
        }
        if (type == until)
            return TRUE;
    }
}

static WCHAR *to_wide(const char *s)
{
    size_t n = mbstowcs(NULL, s, 0);
    if (n == (size_t)-1)
        return NULL;
    WCHAR *w = calloc(n + 1, sizeof(*w));
    if (w)
        mbstowcs(w, s, n + 1);
    return w;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    const char *path = NULL, *dump = NULL;
    BOOL crc_off = FALSE;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--dump") && i + 1 < argc)
            dump = argv[++i];
        else if (!strcmp(argv[i], "--no-crc"))
            crc_off = TRUE;
        else if (argv[i][0] == '-' && argv[i][1]) {
            path = NULL;
            break;
        } else
            path = argv[i];
    }
    if (!path) {
        fprintf(stderr, "usage: mf-grabber [--dump FILE] [--no-crc] FILE\n");
        return 2;
    }
    crc_init();
    WCHAR *url = to_wide(path);
    grabber *g = calloc(1, sizeof(*g));
    if (!url || !g) {
        fprintf(stderr, "mf-grabber: out of memory\n");
        return 1;
    }
    g->iface.lpVtbl = &grabber_vtbl;
    g->refs = 1;
    g->crc_off = crc_off;
    pthread_mutex_init(&g->lock, NULL);
    if (dump && !(g->dump = fopen(dump, "wb"))) {
        fprintf(stderr, "mf-grabber: cannot write %s\n", dump);
        return 1;
    }

    IMFMediaSource *source = NULL;
    IMFPresentationDescriptor *pd = NULL;
    IMFMediaType *type = NULL;
    IMFActivate *sink = NULL;
    IMFTopology *topology = NULL;
    IMFMediaSession *session = NULL;
    BOOL ended = FALSE;
    HRESULT hr = report(MFStartup(MF_VERSION, MFSTARTUP_FULL), "MFStartup");
    if (FAILED(hr))
        return 1;
    hr = report(create_media_source(url, &source), "opening the file");
    if (SUCCEEDED(hr))
        hr = report(IMFMediaSource_CreatePresentationDescriptor(source, &pd),
                    "CreatePresentationDescriptor");
    /* The grabber's media type: uncompressed RGB32 video. */
    if (SUCCEEDED(hr))
        hr = report(MFCreateMediaType(&type), "MFCreateMediaType");
    if (SUCCEEDED(hr))
        hr = IMFMediaType_SetGUID(type, &MF_MT_MAJOR_TYPE, &MFMediaType_Video);
    if (SUCCEEDED(hr))
        hr = report(IMFMediaType_SetGUID(type, &MF_MT_SUBTYPE, &MFVideoFormat_RGB32), "RGB32 type");
    if (SUCCEEDED(hr))
        hr = report(MFCreateSampleGrabberSinkActivate(type, &g->iface, &sink),
                    "MFCreateSampleGrabberSinkActivate");
    /* Frames as fast as they come, not at the presentation clock's pace. */
    if (SUCCEEDED(hr))
        hr = report(IMFActivate_SetUINT32(sink, &MF_SAMPLEGRABBERSINK_IGNORE_CLOCK, TRUE),
                    "MF_SAMPLEGRABBERSINK_IGNORE_CLOCK");
    if (SUCCEEDED(hr))
        hr = report(create_topology(source, pd, sink, g, &topology), "building the topology");
    if (SUCCEEDED(hr)) {
        g->row = malloc((size_t)g->width * 3 + 1);
        hr = g->row ? S_OK : E_OUTOFMEMORY;
    }
    if (SUCCEEDED(hr))
        hr = report(MFCreateMediaSession(NULL, &session), "MFCreateMediaSession");
    if (SUCCEEDED(hr))
        hr = report(IMFMediaSession_SetTopology(session, 0, topology), "SetTopology");
    /* Start at once: the session runs its calls in order, after the topology. */
    if (SUCCEEDED(hr)) {
        PROPVARIANT start;
        PropVariantInit(&start);
        hr = report(IMFMediaSession_Start(session, &GUID_NULL, &start), "Start");
    }
    if (SUCCEEDED(hr))
        ended = run_until(session, MESessionEnded);
    if (session) {
        if (SUCCEEDED(report(IMFMediaSession_Close(session), "Close")) &&
            !run_until(session, MESessionClosed))
            ended = FALSE;
    }
    if (source)
        IMFMediaSource_Shutdown(source);
    if (session)
        IMFMediaSession_Shutdown(session);

    pthread_mutex_lock(&g->lock);
    LONG frames = g->frames, bad = g->bad_frames;
    printf("frames %ld size %ux%u crc32 0x%08X first %lld last %lld\n", (long)frames,
           (unsigned)g->width, (unsigned)g->height, (unsigned)g->crc, (long long)g->first_time,
           (long long)g->last_time);
    if (g->dump)
        fclose(g->dump);
    g->dump = NULL;
    pthread_mutex_unlock(&g->lock);

    if (session)
        IMFMediaSession_Release(session);
    if (topology)
        IMFTopology_Release(topology);
    if (sink)
        IMFActivate_Release(sink);
    if (type)
        IMFMediaType_Release(type);
    if (pd)
        IMFPresentationDescriptor_Release(pd);
    if (source)
        IMFMediaSource_Release(source);
    IMFSampleGrabberSinkCallback_Release(&g->iface);
    report(MFShutdown(), "MFShutdown");
    free(url);
    return ended && !bad && frames > 0 ? 0 : 1;
}

/* mf-play: plays a media file with Media Foundation's Media Session, in C,
 * the way Microsoft's tutorial "How to Play Media Files with Media
 * Foundation" does: a session, an IMFAsyncCallback written in C receiving
 * the session's events (BeginGetEvent), a source from the source resolver,
 * a topology with one branch per stream to the audio or video renderer, and
 * the session driven by those events to the end. Prints each event and its
 * status; exits 0 when the file played to its end, 1 on any failure.
 *
 * The same source builds against the Windows SDK (link mfplat mf mfuuid)
 * and, on other systems, against msess-mf:
 *     cc mf-play.c $(pkg-config --cflags --libs msess-mf)
 *
 * Usage: mf-play [--timeout SECONDS] FILE */
#ifndef COBJMACROS
#define COBJMACROS
#endif
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L /* clock_gettime under -std=c11 */
#endif
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include <pthread.h>

#include <windows.h>
#include <initguid.h>
#include <mfapi.h>
#include <mferror.h>
#include <mfidl.h>
#include <evr.h>

/* ------------------------------------------------------------ printing */

static const char *event_name(MediaEventType t)
{
    switch (t) {
#define N(x) case x: return #x;
        N(MEUnknown) N(MEError) N(MEExtendedType) N(MENonFatalError)
        N(MESessionUnknown) N(MESessionTopologySet) N(MESessionTopologiesCleared)
        N(MESessionStarted) N(MESessionPaused) N(MESessionStopped) N(MESessionClosed)
        N(MESessionEnded) N(MESessionRateChanged) N(MESessionScrubSampleComplete)
        N(MESessionCapabilitiesChanged) N(MESessionTopologyStatus)
        N(MESessionNotifyPresentationTime) N(MENewPresentation) N(MEEndOfPresentation)
#undef N
    default: return "MEOther";
    }
}

static const char *topology_status_name(UINT32 s)
{
    switch (s) {
    case MF_TOPOSTATUS_READY: return "READY";
    case MF_TOPOSTATUS_STARTED_SOURCE: return "STARTED_SOURCE";
    case MF_TOPOSTATUS_DYNAMIC_CHANGED: return "DYNAMIC_CHANGED";
    case MF_TOPOSTATUS_SINK_SWITCHED: return "SINK_SWITCHED";
    case MF_TOPOSTATUS_ENDED: return "ENDED";
    default: return "INVALID";
    }
}

static void print_event(IMFMediaEvent *ev, MediaEventType type, HRESULT status)
{
    printf("%-32s hr=0x%08X", event_name(type), (unsigned)status);
    UINT32 v = 0, d = 0;
    if (type == MESessionTopologyStatus &&
        SUCCEEDED(IMFMediaEvent_GetUINT32(ev, &MF_EVENT_TOPOLOGY_STATUS, &v)))
        printf(" %s", topology_status_name(v));
    if (type == MESessionCapabilitiesChanged &&
        SUCCEEDED(IMFMediaEvent_GetUINT32(ev, &MF_EVENT_SESSIONCAPS, &v)) &&
        SUCCEEDED(IMFMediaEvent_GetUINT32(ev, &MF_EVENT_SESSIONCAPS_DELTA, &d)))
        printf(" caps=0x%02X delta=0x%02X", (unsigned)v, (unsigned)d);
    if (type == MEUnknown || !strcmp(event_name(type), "MEOther"))
        printf(" type=%u", (unsigned)type);
    printf("\n");
    fflush(stdout);
}

static HRESULT report(HRESULT hr, const char *what)
{
    if (FAILED(hr))
        fprintf(stderr, "mf-play: %s failed: 0x%08X\n", what, (unsigned)hr);
    return hr;
}

/* ------------------------------------------------------------ the player */

enum player_state {
    STATE_CLOSED,       /* no session */
    STATE_READY,        /* session created */
    STATE_OPEN_PENDING, /* SetTopology called, waiting for READY */
    STATE_STARTED,
    STATE_STOPPED,
    STATE_CLOSING,      /* Close called, waiting for MESessionClosed */
};

#define EVENT_QUEUE_SIZE 256

typedef struct player {
    /* The session calls this object's IMFAsyncCallback: first member. */
    IMFAsyncCallback callback;
    volatile LONG refs;

    IMFMediaSession *session;
    IMFMediaSource *source;
    IMFVideoDisplayControl *video_display;
    BOOL has_video, has_audio;
    enum player_state state;
    BOOL ended, failed;

    /* Events handed from the callback's thread to the main thread, which
     * handles them (the tutorial posts them to its window instead). */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    IMFMediaEvent *events[EVENT_QUEUE_SIZE];
    unsigned head, count;
    HRESULT callback_error;
} player;

static player *player_from(IMFAsyncCallback *iface)
{
    return (player *)(void *)iface;
}

static HRESULT STDMETHODCALLTYPE player_QueryInterface(IMFAsyncCallback *iface, REFIID riid,
                                                       void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IMFAsyncCallback)) {
        *out = iface;
        IMFAsyncCallback_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE player_AddRef(IMFAsyncCallback *iface)
{
    return (ULONG)InterlockedIncrement(&player_from(iface)->refs);
}

static ULONG STDMETHODCALLTYPE player_Release(IMFAsyncCallback *iface)
{
    player *p = player_from(iface);
    LONG refs = InterlockedDecrement(&p->refs);
    if (refs == 0) {
        pthread_mutex_destroy(&p->lock);
        pthread_cond_destroy(&p->cond);
        free(p);
    }
    return (ULONG)refs;
}

static HRESULT STDMETHODCALLTYPE player_GetParameters(IMFAsyncCallback *iface, DWORD *flags,
                                                      DWORD *queue)
{
    (void)iface;
    (void)flags;
    (void)queue;
    return E_NOTIMPL; /* optional: the default work queue will do */
}

static void post_event(player *p, IMFMediaEvent *ev, HRESULT error)
{
    pthread_mutex_lock(&p->lock);
    if (ev && p->count < EVENT_QUEUE_SIZE) {
        p->events[(p->head + p->count++) % EVENT_QUEUE_SIZE] = ev;
    } else {
        if (ev)
            IMFMediaEvent_Release(ev);
        if (SUCCEEDED(error))
            error = E_OUTOFMEMORY; /* the main thread fell far behind */
    }
    if (FAILED(error) && SUCCEEDED(p->callback_error))
        p->callback_error = error;
    pthread_cond_signal(&p->cond);
    pthread_mutex_unlock(&p->lock);
}

/* Runs on a Media Foundation worker thread: take the event, ask for the
 * next one (unless the session closed), hand this one to the main thread. */
static HRESULT STDMETHODCALLTYPE player_Invoke(IMFAsyncCallback *iface, IMFAsyncResult *result)
{
    player *p = player_from(iface);
    /* The main thread may be letting the session go (after a timeout). */
    pthread_mutex_lock(&p->lock);
    IMFMediaSession *session = p->session;
    if (session)
        IMFMediaSession_AddRef(session);
    pthread_mutex_unlock(&p->lock);
    if (!session)
        return S_OK;
    IMFMediaEvent *ev = NULL;
    MediaEventType type = MEUnknown;
    HRESULT hr = IMFMediaSession_EndGetEvent(session, result, &ev);
    if (SUCCEEDED(hr))
        hr = IMFMediaEvent_GetType(ev, &type);
    if (SUCCEEDED(hr) && type != MESessionClosed)
        hr = IMFMediaSession_BeginGetEvent(session, &p->callback, NULL);
    if (FAILED(hr) && hr != MF_E_SHUTDOWN)
        report(hr, "receiving the session's events");
    post_event(p, ev, hr);
    IMFMediaSession_Release(session);
    return S_OK;
}

static IMFAsyncCallbackVtbl player_callback_vtbl = {
    .QueryInterface = player_QueryInterface,
    .AddRef = player_AddRef,
    .Release = player_Release,
    .GetParameters = player_GetParameters,
    .Invoke = player_Invoke,
};

/* Next event for the main thread; NULL at the deadline or on a callback
 * error (p->callback_error). */
static IMFMediaEvent *next_event(player *p, const struct timespec *deadline)
{
    IMFMediaEvent *ev = NULL;
    pthread_mutex_lock(&p->lock);
    while (!p->count && SUCCEEDED(p->callback_error)) {
        if (pthread_cond_timedwait(&p->cond, &p->lock, deadline) == ETIMEDOUT)
            break;
    }
    if (p->count) {
        ev = p->events[p->head];
        p->head = (p->head + 1) % EVENT_QUEUE_SIZE;
        p->count--;
    }
    pthread_mutex_unlock(&p->lock);
    return ev;
}

/* ------------------------------------------------------------ the topology */

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

/* The renderer for a stream, by its major type; S_FALSE (and no activate)
 * for a stream that is neither audio nor video. */
static HRESULT create_sink_activate(player *p, IMFStreamDescriptor *sd, IMFActivate **activate)
{
    IMFMediaTypeHandler *handler = NULL;
    GUID major = GUID_NULL;
    *activate = NULL;
    HRESULT hr = IMFStreamDescriptor_GetMediaTypeHandler(sd, &handler);
    if (SUCCEEDED(hr))
        hr = IMFMediaTypeHandler_GetMajorType(handler, &major);
    if (SUCCEEDED(hr)) {
        if (IsEqualGUID(&major, &MFMediaType_Audio)) {
            hr = MFCreateAudioRendererActivate(activate);
            p->has_audio = TRUE;
        } else if (IsEqualGUID(&major, &MFMediaType_Video)) {
            hr = MFCreateVideoRendererActivate(NULL, activate); /* its own window */
            p->has_video = TRUE;
        } else {
            hr = S_FALSE;
        }
    }
    if (handler)
        IMFMediaTypeHandler_Release(handler);
    return hr;
}

static HRESULT add_source_node(IMFTopology *topology, IMFMediaSource *source,
                               IMFPresentationDescriptor *pd, IMFStreamDescriptor *sd,
                               IMFTopologyNode **node)
{
    HRESULT hr = MFCreateTopologyNode(MF_TOPOLOGY_SOURCESTREAM_NODE, node);
    if (SUCCEEDED(hr))
        hr = IMFTopologyNode_SetUnknown(*node, &MF_TOPONODE_SOURCE, (IUnknown *)source);
    if (SUCCEEDED(hr))
        hr = IMFTopologyNode_SetUnknown(*node, &MF_TOPONODE_PRESENTATION_DESCRIPTOR, (IUnknown *)pd);
    if (SUCCEEDED(hr))
        hr = IMFTopologyNode_SetUnknown(*node, &MF_TOPONODE_STREAM_DESCRIPTOR, (IUnknown *)sd);
    if (SUCCEEDED(hr))
        hr = IMFTopology_AddNode(topology, *node);
    return hr;
}

static HRESULT add_output_node(IMFTopology *topology, IMFActivate *activate,
                               IMFTopologyNode **node)
{
    HRESULT hr = MFCreateTopologyNode(MF_TOPOLOGY_OUTPUT_NODE, node);
    if (SUCCEEDED(hr))
        hr = IMFTopologyNode_SetObject(*node, (IUnknown *)activate);
    if (SUCCEEDED(hr))
        hr = IMFTopologyNode_SetUINT32(*node, &MF_TOPONODE_STREAMID, 0);
    if (SUCCEEDED(hr))
        hr = IMFTopologyNode_SetUINT32(*node, &MF_TOPONODE_NOSHUTDOWN_ON_REMOVE, FALSE);
    if (SUCCEEDED(hr))
        hr = IMFTopology_AddNode(topology, *node);
    return hr;
}

/* Source node -> output node for stream i, when it is selected. */
static HRESULT add_branch(player *p, IMFTopology *topology, IMFPresentationDescriptor *pd, DWORD i)
{
    IMFStreamDescriptor *sd = NULL;
    IMFActivate *activate = NULL;
    IMFTopologyNode *source_node = NULL, *output_node = NULL;
    BOOL selected = FALSE;
    HRESULT hr = IMFPresentationDescriptor_GetStreamDescriptorByIndex(pd, i, &selected, &sd);
    if (SUCCEEDED(hr) && selected) {
        hr = create_sink_activate(p, sd, &activate);
        if (hr == S_FALSE) /* neither audio nor video: leave it out */
            hr = IMFPresentationDescriptor_DeselectStream(pd, i);
        else {
            if (SUCCEEDED(hr))
                hr = add_source_node(topology, p->source, pd, sd, &source_node);
            if (SUCCEEDED(hr))
                hr = add_output_node(topology, activate, &output_node);
            if (SUCCEEDED(hr))
                hr = IMFTopologyNode_ConnectOutput(source_node, 0, output_node, 0);
        }
    }
    if (output_node)
        IMFTopologyNode_Release(output_node);
    if (source_node)
        IMFTopologyNode_Release(source_node);
    if (activate)
        IMFActivate_Release(activate);
    if (sd)
        IMFStreamDescriptor_Release(sd);
    return hr;
}

static HRESULT create_playback_topology(player *p, IMFPresentationDescriptor *pd,
                                        IMFTopology **topology)
{
    DWORD count = 0;
    HRESULT hr = MFCreateTopology(topology);
    if (SUCCEEDED(hr))
        hr = IMFPresentationDescriptor_GetStreamDescriptorCount(pd, &count);
    for (DWORD i = 0; SUCCEEDED(hr) && i < count; i++)
        hr = add_branch(p, *topology, pd, i);
    return hr;
}

/* Topology for a presentation descriptor, handed to the session. */
static HRESULT queue_topology(player *p, IMFPresentationDescriptor *pd)
{
    IMFTopology *topology = NULL;
    HRESULT hr = report(create_playback_topology(p, pd, &topology), "building the topology");
    if (SUCCEEDED(hr))
        hr = report(IMFMediaSession_SetTopology(p->session, 0, topology), "SetTopology");
    if (topology)
        IMFTopology_Release(topology);
    return hr;
}

/* ------------------------------------------------------------ the session */

static HRESULT open_file(player *p, const WCHAR *url)
{
    IMFPresentationDescriptor *pd = NULL;
    HRESULT hr = report(MFCreateMediaSession(NULL, &p->session), "MFCreateMediaSession");
    if (SUCCEEDED(hr))
        hr = report(IMFMediaSession_BeginGetEvent(p->session, &p->callback, NULL), "BeginGetEvent");
    if (SUCCEEDED(hr)) {
        p->state = STATE_READY;
        hr = report(create_media_source(url, &p->source), "opening the file");
    }
    if (SUCCEEDED(hr))
        hr = report(IMFMediaSource_CreatePresentationDescriptor(p->source, &pd),
                    "CreatePresentationDescriptor");
    if (SUCCEEDED(hr))
        hr = queue_topology(p, pd);
    if (SUCCEEDED(hr))
        p->state = STATE_OPEN_PENDING;
    if (pd)
        IMFPresentationDescriptor_Release(pd);
    return hr;
}

static HRESULT start_playback(player *p)
{
    PROPVARIANT start;
    PropVariantInit(&start); /* VT_EMPTY: from the current position */
    HRESULT hr = report(IMFMediaSession_Start(p->session, &GUID_NULL, &start), "Start");
    if (SUCCEEDED(hr))
        p->state = STATE_STARTED;
    PropVariantClear(&start);
    return hr;
}

static HRESULT close_session(player *p)
{
    if (p->state == STATE_CLOSING || p->state == STATE_CLOSED)
        return S_OK;
    HRESULT hr = report(IMFMediaSession_Close(p->session), "Close");
    if (SUCCEEDED(hr))
        p->state = STATE_CLOSING;
    return hr;
}

/* The topology is ready: its renderers are there, get the video display
 * control from the session (audio-only files have none), and start. */
static HRESULT on_topology_ready(player *p)
{
    if (p->video_display) {
        IMFVideoDisplayControl_Release(p->video_display);
        p->video_display = NULL;
    }
    if (p->has_video) {
        HRESULT hr = report(MFGetService((IUnknown *)p->session, &MR_VIDEO_RENDER_SERVICE,
                                         &IID_IMFVideoDisplayControl, (void **)&p->video_display),
                            "MFGetService(MR_VIDEO_RENDER_SERVICE)");
        if (FAILED(hr))
            return hr;
        SIZE size = { 0, 0 }, ar = { 0, 0 };
        hr = report(IMFVideoDisplayControl_GetNativeVideoSize(p->video_display, &size, &ar),
                    "IMFVideoDisplayControl::GetNativeVideoSize");
        if (FAILED(hr))
            return hr;
        printf("video %ldx%ld\n", (long)size.cx, (long)size.cy);
    }
    return start_playback(p);
}

/* A new presentation (a playlist source moving on): play its topology. */
static HRESULT on_new_presentation(player *p, IMFMediaEvent *ev)
{
    PROPVARIANT v;
    PropVariantInit(&v);
    IMFPresentationDescriptor *pd = NULL;
    HRESULT hr = IMFMediaEvent_GetValue(ev, &v);
    if (SUCCEEDED(hr))
        hr = v.vt == VT_UNKNOWN && v.punkVal
                 ? IUnknown_QueryInterface(v.punkVal, &IID_IMFPresentationDescriptor, (void **)&pd)
                 : E_UNEXPECTED;
    PropVariantClear(&v);
    if (SUCCEEDED(hr))
        hr = queue_topology(p, pd);
    if (SUCCEEDED(hr))
        p->state = STATE_OPEN_PENDING;
    if (pd)
        IMFPresentationDescriptor_Release(pd);
    return report(hr, "playing the new presentation");
}

/* Returns FALSE once the session is closed. */
static BOOL handle_event(player *p, IMFMediaEvent *ev)
{
    MediaEventType type = MEUnknown;
    HRESULT status = S_OK, hr = S_OK;
    IMFMediaEvent_GetType(ev, &type);
    IMFMediaEvent_GetStatus(ev, &status);
    print_event(ev, type, status);
    if (FAILED(status) || type == MEError) {
        fprintf(stderr, "mf-play: %s with status 0x%08X\n", event_name(type), (unsigned)status);
        p->failed = TRUE;
        if (type != MESessionClosed)
            close_session(p);
        return type != MESessionClosed;
    }
    switch (type) {
    case MESessionTopologyStatus: {
        UINT32 status_value = MF_TOPOSTATUS_INVALID;
        IMFMediaEvent_GetUINT32(ev, &MF_EVENT_TOPOLOGY_STATUS, &status_value);
        if (status_value == MF_TOPOSTATUS_READY && p->state == STATE_OPEN_PENDING)
            hr = on_topology_ready(p);
        break;
    }
    case MEEndOfPresentation:
        /* The session stops by itself at the end. */
        p->state = STATE_STOPPED;
        break;
    case MESessionEnded:
        p->ended = TRUE;
        p->state = STATE_STOPPED;
        hr = close_session(p);
        break;
    case MENewPresentation:
        hr = on_new_presentation(p, ev);
        break;
    case MESessionClosed:
        p->state = STATE_CLOSED;
        return FALSE;
    default:
        break;
    }
    if (FAILED(hr)) {
        p->failed = TRUE;
        close_session(p);
    }
    return TRUE;
}

/* ------------------------------------------------------------ main */

/* A wide copy of a path in the locale's encoding (UTF-8 here); free() it. */
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

static void usage(void)
{
    fprintf(stderr, "usage: mf-play [--timeout SECONDS] FILE\n");
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    double timeout = 60;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--timeout") && i + 1 < argc)
            timeout = atof(argv[++i]);
        else if (argv[i][0] == '-' && argv[i][1]) {
            usage();
            return 2;
        } else
            path = argv[i];
    }
    if (!path || timeout <= 0) {
        usage();
        return 2;
    }
    WCHAR *url = to_wide(path);
    if (!url) {
        fprintf(stderr, "mf-play: cannot convert %s to a wide string\n", path);
        return 1;
    }

    HRESULT hr = report(MFStartup(MF_VERSION, MFSTARTUP_FULL), "MFStartup");
    if (FAILED(hr)) {
        free(url);
        return 1;
    }
    player *p = calloc(1, sizeof(*p));
    if (!p) {
        MFShutdown();
        free(url);
        return 1;
    }
    p->callback.lpVtbl = &player_callback_vtbl;
    p->refs = 1;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->cond, NULL);

    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += (time_t)timeout;
    deadline.tv_nsec += (long)((timeout - (double)(time_t)timeout) * 1e9);
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }

    hr = open_file(p, url);
    if (FAILED(hr)) {
        p->failed = TRUE;
        if (p->state != STATE_CLOSED)
            close_session(p);
    }
    BOOL running = p->state != STATE_CLOSED;
    while (running) {
        IMFMediaEvent *ev = next_event(p, &deadline);
        if (!ev) {
            pthread_mutex_lock(&p->lock);
            HRESULT error = p->callback_error;
            pthread_mutex_unlock(&p->lock);
            if (FAILED(error))
                fprintf(stderr, "mf-play: the event callback failed: 0x%08X\n", (unsigned)error);
            else
                fprintf(stderr, "mf-play: no %s within %g s\n",
                        p->state == STATE_CLOSING ? "MESessionClosed" : "end of playback", timeout);
            p->failed = TRUE;
            break;
        }
        running = handle_event(p, ev);
        IMFMediaEvent_Release(ev);
    }

    /* The application owns the source: shut it down, then the session. */
    if (p->source) {
        IMFMediaSource_Shutdown(p->source);
        IMFMediaSource_Release(p->source);
        p->source = NULL;
    }
    if (p->video_display) {
        IMFVideoDisplayControl_Release(p->video_display);
        p->video_display = NULL;
    }
    if (p->session) {
        IMFMediaSession_Shutdown(p->session);
        pthread_mutex_lock(&p->lock);
        IMFMediaSession *session = p->session;
        p->session = NULL;
        pthread_mutex_unlock(&p->lock);
        IMFMediaSession_Release(session);
    }
    /* Events the callback posted after we stopped reading. */
    for (IMFMediaEvent *ev; (ev = next_event(p, &(struct timespec){ 0, 0 }));)
        IMFMediaEvent_Release(ev);
    BOOL ok = p->ended && !p->failed;
    IMFAsyncCallback_Release(&p->callback);
    report(MFShutdown(), "MFShutdown");
    free(url);
    printf("%s\n", ok ? "played to the end" : "failed");
    return ok ? 0 : 1;
}

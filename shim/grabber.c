/* The sample grabber sink: MFCreateSampleGrabberSinkActivate. Its media sink
 * (output.c) wraps an msess null sink that asks for the raw format of the
 * grabber's media type (msess_null_sink_settings: pixel format, size, audio
 * rate, channels, sample format; what the type leaves out stays the
 * stream's), so msess inserts the converter. Each frame it presents goes to
 * IMFSampleGrabberSinkCallback::OnProcessSample (OnProcessSampleEx for an
 * IMFSampleGrabberSinkCallback2) on msess's presenting thread, as one
 * contiguous buffer laid out as MF lays the type out: planes one after the
 * other with no padding (stride = width x bytes per pixel; bottom-up rows
 * for a negative MF_MT_DEFAULT_STRIDE), audio interleaved. The frame is
 * passed as it is when it already lies that way, else copied once.
 *
 * Frames come at their presentation time on the session's clock, or, with
 * MF_SAMPLEGRABBERSINK_IGNORE_CLOCK, as fast as they are decoded
 * (MEDIASINK_RATELESS). None is dropped either way: as on Windows, a sample
 * that reaches the grabber late is passed on at once (msess's late-frame
 * policy marks it dropped, which for a null sink only means "late"). The
 * sink is a state sink of the clock the session gives it and passes the
 * clock's changes on to the callback.
 * Shutdown (the session's, or IMFMediaSink::Shutdown) calls OnShutdown
 * once no OnProcessSample is running, then lets the callback go.
 *
 * Windows' answers (Wine's conformance tests, dlls/mf/tests/mf.c
 * test_sample_grabber): the activate has no attributes; ShutdownObject does
 * not shut the sink down but ActivateObject then fails with MF_E_SHUTDOWN;
 * DetachObject is E_NOTIMPL; the stream's type handler takes types of the
 * grabber type's major type and subtype. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "output.h"

/* IMFSampleGrabberSinkCallback2 (Windows 7), not in mingw-w64's headers:
 * IMFSampleGrabberSinkCallback's slots, then OnProcessSampleEx. */
typedef struct grabber_cb2 grabber_cb2;
typedef struct grabber_cb2_vtbl {
    IMFSampleGrabberSinkCallbackVtbl base;
    HRESULT(STDMETHODCALLTYPE *OnProcessSampleEx)(grabber_cb2 *This, REFGUID major, DWORD flags,
                                                  LONGLONG time, LONGLONG duration,
                                                  const BYTE *buffer, DWORD size,
                                                  IMFAttributes *attributes);
} grabber_cb2_vtbl;
struct grabber_cb2 {
    const grabber_cb2_vtbl *lpVtbl;
};
/* {ca86aa50-c46e-429e-ab27-16d6ac6844cb} */
static const GUID iid_callback2 = {
    0xca86aa50, 0xc46e, 0x429e, { 0xab, 0x27, 0x16, 0xd6, 0xac, 0x68, 0x44, 0xcb }
};

/* MF_SAMPLEGRABBERSINK_SAMPLE_TIME_OFFSET, from the Windows SDK's mfidl.h
 * (mingw-w64 lacks it): private name, same value. */
static const GUID time_offset_key = {
    0x62e3d776, 0x8100, 0x4e03, { 0xa6, 0xe8, 0xbd, 0x38, 0x57, 0xac, 0x9c, 0x47 }
};

typedef struct grabber {
    /* Set at create; cleared at shutdown once no frame callback runs. */
    IMFSampleGrabberSinkCallback *cb;
    grabber_cb2 *cb2;                    /* the same object, when it has it */
    IMFAttributes *attrs;                /* OnProcessSampleEx's sample attributes */
    GUID major;
    bool ignore_clock;
    msess_time lead;                     /* MF_SAMPLEGRABBERSINK_SAMPLE_TIME_OFFSET */
    /* Fixed when the msess sink is made. */
    bool bottom_up;                      /* RGB rows last to first */
    bool swap_uv;                        /* YV12: V before U */
    /* The presenting thread's. */
    uint8_t *buf;
    size_t cap;
    bool warned;
    /* What the clock said last (lock): the callback hears OnClockStart
     * before the samples it starts. */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool has_clock, running;
} grabber;

/* How long a frame waits for the clock's start to reach the callback
 * (msess starts presenting as the clock starts; the shim's clock tells its
 * state sinks right after). */
#define START_WAIT_MS 250

/* ---- one frame into MF's layout */

typedef struct plane {
    int rows;
    size_t bytes;   /* per row */
} plane;

/* MF's contiguous planes for a w x h picture; 0 for a format msess has no
 * name for. */
static int video_planes(enum msess_pixel_format f, int w, int h, plane p[3])
{
    int cw = (w + 1) / 2, ch = (h + 1) / 2;
    switch (f) {
    case MSESS_PIX_YUV420P:
        p[0] = (plane){ h, (size_t)w };
        p[1] = p[2] = (plane){ ch, (size_t)cw };
        return 3;
    case MSESS_PIX_YUV422P:
        p[0] = (plane){ h, (size_t)w };
        p[1] = p[2] = (plane){ h, (size_t)cw };
        return 3;
    case MSESS_PIX_YUV444P:
        p[0] = p[1] = p[2] = (plane){ h, (size_t)w };
        return 3;
    case MSESS_PIX_YUV420P10:
        p[0] = (plane){ h, (size_t)w * 2 };
        p[1] = p[2] = (plane){ ch, (size_t)cw * 2 };
        return 3;
    case MSESS_PIX_NV12:
        p[0] = (plane){ h, (size_t)w };
        p[1] = (plane){ ch, (size_t)cw * 2 };
        return 2;
    case MSESS_PIX_P010:
        p[0] = (plane){ h, (size_t)w * 2 };
        p[1] = (plane){ ch, (size_t)cw * 4 };
        return 2;
    case MSESS_PIX_RGBA:
    case MSESS_PIX_BGRA:
        p[0] = (plane){ h, (size_t)w * 4 };
        return 1;
    case MSESS_PIX_RGB24:
        p[0] = (plane){ h, (size_t)w * 3 };
        return 1;
    case MSESS_PIX_GRAY8:
        p[0] = (plane){ h, (size_t)w };
        return 1;
    default:
        return 0;
    }
}

static int sample_bytes(enum msess_sample_format f)
{
    switch (f) {
    case MSESS_SAMPLE_U8:
    case MSESS_SAMPLE_U8P: return 1;
    case MSESS_SAMPLE_S16:
    case MSESS_SAMPLE_S16P: return 2;
    case MSESS_SAMPLE_S32:
    case MSESS_SAMPLE_S32P:
    case MSESS_SAMPLE_FLT:
    case MSESS_SAMPLE_FLTP: return 4;
    case MSESS_SAMPLE_DBL:
    case MSESS_SAMPLE_DBLP: return 8;
    default: return 0;
    }
}

static bool planar(enum msess_sample_format f)
{
    return f >= MSESS_SAMPLE_U8P && f <= MSESS_SAMPLE_DBLP;
}

static uint8_t *scratch(grabber *g, size_t size)
{
    if (size > g->cap) {
        uint8_t *b = realloc(g->buf, size);
        if (!b)
            return NULL;
        g->buf = b;
        g->cap = size;
    }
    return g->buf;
}

static bool pack_video(grabber *g, const msess_frame_info *info, const BYTE **data, DWORD *size)
{
    plane p[3];
    int n = video_planes(info->pixel_format, info->width, info->height, p);
    size_t total = 0;
    bool contiguous = !g->bottom_up && !g->swap_uv;
    for (int i = 0; i < n; i++) {
        contiguous &= info->linesize[i] == (int)p[i].bytes &&
                      (i == 0 || info->data[i] == info->data[i - 1] + p[i - 1].bytes * p[i - 1].rows);
        total += p[i].bytes * (size_t)p[i].rows;
    }
    if (!n || total > UINT32_MAX)
        return false;
    *size = (DWORD)total;
    if (contiguous) { /* as the decoder or converter left it: no copy */
        *data = info->data[0];
        return true;
    }
    uint8_t *out = scratch(g, total);
    if (!out)
        return false;
    *data = out;
    for (int i = 0; i < n; i++) {
        int src = g->swap_uv && i > 0 ? 3 - i : i;
        for (int r = 0; r < p[i].rows; r++) {
            int from = g->bottom_up ? p[i].rows - 1 - r : r;
            memcpy(out, info->data[src] + (ptrdiff_t)from * info->linesize[src], p[i].bytes);
            out += p[i].bytes;
        }
    }
    return true;
}

static bool pack_audio(grabber *g, const msess_frame_info *info, const BYTE **data, DWORD *size)
{
    int bps = sample_bytes(info->sample_format);
    size_t total = (size_t)info->samples * (size_t)info->channels * (size_t)bps;
    if (!bps || info->channels <= 0 || total > UINT32_MAX)
        return false;
    *size = (DWORD)total;
    if (!planar(info->sample_format) || info->channels == 1) {
        *data = info->data[0]; /* interleaved already: no copy */
        return true;
    }
    /* Planar (a type that left the format to the stream): interleave. All
     * channels' planes are in data[] only up to 4 of them. */
    if (info->channels > 4)
        return false;
    uint8_t *out = scratch(g, total);
    if (!out)
        return false;
    for (int s = 0; s < info->samples; s++)
        for (int c = 0; c < info->channels; c++, out += bps)
            memcpy(out, info->data[c] + (size_t)s * bps, (size_t)bps);
    *data = g->buf;
    return true;
}

static void wait_started(grabber *g)
{
    pthread_mutex_lock(&g->lock);
    if (g->has_clock && !g->running) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += START_WAIT_MS * 1000000L;
        until.tv_sec += until.tv_nsec / 1000000000L;
        until.tv_nsec %= 1000000000L;
        while (g->has_clock && !g->running)
            if (pthread_cond_timedwait(&g->cond, &g->lock, &until))
                break;
    }
    pthread_mutex_unlock(&g->lock);
}

/* msess's frame callback, on its presenting thread. Shutdown and destroy
 * remove it (waiting for a call under way) before the callback goes. */
static void on_frame(void *userdata, const msess_frame_info *info)
{
    out_sink *s = userdata;
    grabber *g = s->priv;
    /* our own reference: the application may let go of the sink in its
     * callback. A frame msess marks dropped is a late one: passed on too. */
    if (!out_sink_try_ref(s))
        return;
    wait_started(g);
    const BYTE *data = NULL;
    DWORD size = 0;
    bool ok = info->kind == MSESS_MEDIA_VIDEO ? pack_video(g, info, &data, &size)
                                              : pack_audio(g, info, &data, &size);
    if (!ok && !g->warned) {
        g->warned = true;
        msess_logger log = shim_logger();
        if (log.fn && log.level >= MSESS_LOG_WARN)
            log.fn(log.userdata, MSESS_LOG_WARN,
                   "sample grabber: frames of this format cannot be passed on");
    }
    if (ok && g->cb2)
        g->cb2->lpVtbl->OnProcessSampleEx(g->cb2, &g->major, 0, info->pts, info->duration, data,
                                          size, g->attrs);
    else if (ok && g->cb)
        IMFSampleGrabberSinkCallback_OnProcessSample(g->cb, &g->major, 0, info->pts,
                                                     info->duration, data, size);
    shim_obj_release(&s->base);
}

/* ---- the kind's hooks */

static bool named_pixel(enum msess_pixel_format f)
{
    return f != MSESS_PIX_NONE && f != MSESS_PIX_OTHER;
}

static bool named_sample(enum msess_sample_format f)
{
    return f != MSESS_SAMPLE_NONE && f != MSESS_SAMPLE_OTHER;
}

/* Sink's lock held: the null sink asking for the stream type's format. */
static HRESULT grabber_make_msess(out_sink *s, msess_sink **msink)
{
    grabber *g = s->priv;
    IMFMediaType *type = out_sink_type(s);
    GUID sub;
    g->swap_uv = type && SUCCEEDED(IMFMediaType_GetGUID(type, &MF_MT_SUBTYPE, &sub)) &&
                 IsEqualGUID(&sub, &MFVideoFormat_YV12);
    msess_media_type mt;
    HRESULT hr = type ? S_OK : MF_E_INVALIDMEDIATYPE;
    if (g->swap_uv) { /* YV12 is I420 with V before U: pack_video swaps them */
        IMFMediaType *i420 = NULL;
        if (SUCCEEDED(hr = MFCreateMediaType(&i420)) &&
            SUCCEEDED(hr = IMFMediaType_CopyAllItems(type, (IMFAttributes *)i420)))
            hr = IMFMediaType_SetGUID(i420, &MF_MT_SUBTYPE, &MFVideoFormat_I420);
        IMFMediaType_Release(type);
        type = i420;
    }
    if (SUCCEEDED(hr))
        hr = shim_media_type_to_msess(type, &mt);
    if (FAILED(hr)) {
        SHIM_RELEASE(type);
        return hr;
    }
    msess_null_sink_settings set;
    msess_null_sink_default_settings(&set);
    set.clocked = !g->ignore_clock;
    set.lead = g->lead;
    enum msess_pixel_format formats[2] = { mt.pixel_format, MSESS_PIX_NONE };
    if (mt.kind == MSESS_MEDIA_VIDEO) {
        set.kind = MSESS_MEDIA_VIDEO;
        set.formats = named_pixel(mt.pixel_format) ? formats : NULL;
        if (mt.width > 0 && mt.height > 0) {
            set.width = mt.width;
            set.height = mt.height;
        }
        UINT32 stride;
        g->bottom_up = SUCCEEDED(IMFMediaType_GetUINT32(type, &MF_MT_DEFAULT_STRIDE, &stride)) &&
                       (INT32)stride < 0;
    } else if (mt.kind == MSESS_MEDIA_AUDIO) {
        set.kind = MSESS_MEDIA_AUDIO;
        set.sample_rate = mt.sample_rate > 0 ? mt.sample_rate : 0;
        set.channels = mt.channels > 0 ? mt.channels : 0;
        set.sample_format = named_sample(mt.sample_format) ? mt.sample_format : MSESS_SAMPLE_NONE;
    } else {
        hr = MF_E_INVALIDMEDIATYPE;
    }
    SHIM_RELEASE(type);
    if (FAILED(hr))
        return hr;
    int err = msess_null_sink_create(msink, &set);
    if (err < 0)
        return err == MSESS_EINVAL ? MF_E_INVALIDMEDIATYPE : shim_hr(err);
    msess_sink_set_frame_callback(*msink, on_frame, s);
    return S_OK;
}

/* The callback (new reference), until shutdown. */
static IMFSampleGrabberSinkCallback *callback_ref(out_sink *s)
{
    grabber *g = s->priv;
    pthread_mutex_lock(&s->lock);
    IMFSampleGrabberSinkCallback *cb = s->shut ? NULL : g->cb;
    if (cb)
        IMFSampleGrabberSinkCallback_AddRef(cb);
    pthread_mutex_unlock(&s->lock);
    return cb;
}

static void grabber_clock_event(out_sink *s, enum shim_clock_event ev, MFTIME systime,
                                LONGLONG offset, float rate)
{
    grabber *g = s->priv;
    IMFSampleGrabberSinkCallback *cb = callback_ref(s);
    if (!cb)
        return;
    bool starts = ev == SHIM_CLOCK_START || ev == SHIM_CLOCK_RESTART;
    /* the callback is an IMFClockStateSink too (its first slots) */
    shim_clock_sink_call((IMFClockStateSink *)cb, ev, systime, offset, rate);
    IMFSampleGrabberSinkCallback_Release(cb);
    if (ev != SHIM_CLOCK_RATE) { /* after the callback heard it */
        pthread_mutex_lock(&g->lock);
        g->running = starts;
        pthread_cond_broadcast(&g->cond);
        pthread_mutex_unlock(&g->lock);
    }
}

static void grabber_clock_set(out_sink *s, IMFPresentationClock *clock)
{
    grabber *g = s->priv;
    MFCLOCK_STATE state = MFCLOCK_STATE_INVALID;
    if (clock)
        IMFPresentationClock_GetState(clock, 0, &state);
    pthread_mutex_lock(&g->lock);
    g->has_clock = clock != NULL;
    g->running = state == MFCLOCK_STATE_RUNNING;
    pthread_cond_broadcast(&g->cond);
    pthread_mutex_unlock(&g->lock);
    IMFSampleGrabberSinkCallback *cb = callback_ref(s);
    if (!cb)
        return;
    IMFSampleGrabberSinkCallback_OnSetPresentationClock(cb, clock);
    IMFSampleGrabberSinkCallback_Release(cb);
}

/* No frame callback after this returns (unless called from inside one). */
static void stop_frames(out_sink *s)
{
    pthread_mutex_lock(&s->lock);
    msess_sink *m = msess_sink_ref(s->msink);
    pthread_mutex_unlock(&s->lock);
    if (m)
        msess_sink_set_frame_callback(m, NULL, NULL);
    msess_sink_destroy(&m);
}

/* The callback hears OnShutdown, then is let go (it may hold the activate:
 * that cycle ends here). */
static void grabber_shutdown(out_sink *s)
{
    grabber *g = s->priv;
    pthread_mutex_lock(&g->lock); /* a frame waiting for the start goes on */
    g->has_clock = false;
    pthread_cond_broadcast(&g->cond);
    pthread_mutex_unlock(&g->lock);
    stop_frames(s);
    pthread_mutex_lock(&s->lock);
    IMFSampleGrabberSinkCallback *cb = g->cb;
    grabber_cb2 *cb2 = g->cb2;
    g->cb = NULL;
    g->cb2 = NULL;
    pthread_mutex_unlock(&s->lock);
    if (cb) {
        IMFSampleGrabberSinkCallback_OnShutdown(cb);
        IMFSampleGrabberSinkCallback_Release(cb);
    }
    SHIM_RELEASE(cb2);
}

static void grabber_destroy(out_sink *s)
{
    grabber *g = s->priv;
    if (!g)
        return;
    stop_frames(s);
    SHIM_RELEASE(g->cb);
    SHIM_RELEASE(g->cb2);
    SHIM_RELEASE(g->attrs);
    free(g->buf);
    pthread_cond_destroy(&g->cond);
    pthread_mutex_destroy(&g->lock);
    free(g);
    s->priv = NULL;
}

static HRESULT grabber_create(out_activate *a, out_sink **out)
{
    /* a->lock held; ShutdownObject releases type and callback (then the
     * kind refuses to activate before calling here). */
    if (!a->type || !a->callback)
        return MF_E_SHUTDOWN;
    grabber *g = calloc(1, sizeof(*g));
    if (!g)
        return E_OUTOFMEMORY;
    pthread_mutex_init(&g->lock, NULL);
    pthread_cond_init(&g->cond, NULL);
    if (FAILED(IMFMediaType_GetGUID(a->type, &MF_MT_MAJOR_TYPE, &g->major)))
        g->major = GUID_NULL;
    UINT32 ignore = 0;
    g->ignore_clock = SUCCEEDED(shim_attrs_GetUINT32(&a->attrs, &MF_SAMPLEGRABBERSINK_IGNORE_CLOCK,
                                                     &ignore)) && ignore;
    /* Samples come this long before their time (which they keep); msess
     * takes up to an hour. */
    const UINT64 max_lead = 3600 * (UINT64)MSESS_TIME_PER_SECOND;
    UINT64 offset = 0;
    if (SUCCEEDED(shim_attrs_GetUINT64(&a->attrs, &time_offset_key, &offset)))
        g->lead = (msess_time)(offset < max_lead ? offset : max_lead);
    g->cb = a->callback;
    IMFSampleGrabberSinkCallback_AddRef(g->cb);
    if (FAILED(IMFSampleGrabberSinkCallback_QueryInterface(g->cb, &iid_callback2,
                                                           (void **)&g->cb2)))
        g->cb2 = NULL;
    if (g->cb2 && SUCCEEDED(MFCreateAttributes(&g->attrs, 1)))
        IMFAttributes_SetUINT32(g->attrs, &MFSampleExtension_CleanPoint, 1); /* raw samples */
    DWORD flags = MEDIASINK_FIXED_STREAMS | (g->ignore_clock ? MEDIASINK_RATELESS : 0);
    return out_sink_new(a->kind, flags, &g->major, a->type, g, out);
}

const out_kind shim_grabber_kind = {
    .name = "sample grabber",
    .create = grabber_create,
    .make_msess = grabber_make_msess,
    .clock_event = grabber_clock_event,
    .clock_set = grabber_clock_set,
    .shutdown = grabber_shutdown,
    .destroy = grabber_destroy,
    .reactivate_shut_down = false,
    .shutdown_with_activate = false,
};

HRESULT WINAPI MFCreateSampleGrabberSinkActivate(IMFMediaType *type,
                                                 IMFSampleGrabberSinkCallback *callback,
                                                 IMFActivate **out)
{
    if (!type || !callback || !out)
        return E_POINTER;
    HRESULT hr = out_activate_new(&shim_grabber_kind, out);
    if (FAILED(hr))
        return hr;
    out_activate *a = SHIM_FROM(out_activate, base, *out);
    IMFMediaType_AddRef(type);
    IMFSampleGrabberSinkCallback_AddRef(callback);
    a->type = type;
    a->callback = callback;
    return S_OK;
}

/* The audio and video renderers: MFCreateAudioRendererActivate over msess's
 * audio output (PortAudio) with IMFSimpleAudioVolume, and
 * MFCreateVideoRendererActivate over its video output (SDL2) with
 * IMFVideoDisplayControl. The activates and sinks themselves are output.c's.
 *
 * Behaviour follows Windows as Wine's conformance tests record it
 * (dlls/mf/tests/mf.c test_sar and test_evr, dlls/evr/tests/evr.c) and the
 * IMFVideoDisplayControl reference on learn.microsoft.com. Not provided:
 * IMFAudioStreamVolume (MR_STREAM_VOLUME_SERVICE: msess has one volume for
 * all channels), IMFAudioPolicy, the EVR's mixer and presenter services;
 * these answer MF_E_UNSUPPORTED_SERVICE. */
#include <stdlib.h>
#include <string.h>

#include "output.h"

/* The EVR activate's attribute holding the window (UINT64), declared by the
 * Windows SDK's mfidl.h (mingw-w64 lacks it): private name, same value. */
static const GUID activate_video_window = {
    0x9a2dbbdd, 0xf57e, 0x4162, { 0x82, 0xb9, 0x68, 0x31, 0x37, 0x76, 0x82, 0xd3 }
};

/* ---------------------------------------------------------- audio renderer */

/* IMFSimpleAudioVolume over the sink's msess audio output. */
typedef struct volume {
    shim_obj base;
    out_sink *sink;
} volume;

#define VOLUME(iface) SHIM_FROM(volume, base, iface)
SHIM_IUNKNOWN(vol_, IMFSimpleAudioVolume, volume, base)

/* The msess sink under the sink's lock (NULL after Shutdown: then unlocked). */
static msess_sink *locked_msink(out_sink *s)
{
    pthread_mutex_lock(&s->lock);
    if (s->shut || !s->msink) {
        pthread_mutex_unlock(&s->lock);
        return NULL;
    }
    return s->msink;
}

static HRESULT STDMETHODCALLTYPE vol_SetMasterVolume(IMFSimpleAudioVolume *This, float level)
{
    if (!(level >= 0.0f && level <= 1.0f))
        return E_INVALIDARG;
    out_sink *s = VOLUME(This)->sink;
    msess_sink *m = locked_msink(s);
    if (!m)
        return MF_E_SHUTDOWN;
    int err = msess_audio_output_set_volume(m, level);
    pthread_mutex_unlock(&s->lock);
    return shim_hr(err);
}

static HRESULT STDMETHODCALLTYPE vol_GetMasterVolume(IMFSimpleAudioVolume *This, float *level)
{
    if (!level)
        return E_POINTER;
    out_sink *s = VOLUME(This)->sink;
    msess_sink *m = locked_msink(s);
    if (!m)
        return MF_E_SHUTDOWN;
    *level = msess_audio_output_get_volume(m);
    pthread_mutex_unlock(&s->lock);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE vol_SetMute(IMFSimpleAudioVolume *This, BOOL mute)
{
    out_sink *s = VOLUME(This)->sink;
    msess_sink *m = locked_msink(s);
    if (!m)
        return MF_E_SHUTDOWN;
    int err = msess_audio_output_set_mute(m, mute != FALSE);
    pthread_mutex_unlock(&s->lock);
    return shim_hr(err);
}

static HRESULT STDMETHODCALLTYPE vol_GetMute(IMFSimpleAudioVolume *This, BOOL *mute)
{
    if (!mute)
        return E_POINTER;
    out_sink *s = VOLUME(This)->sink;
    msess_sink *m = locked_msink(s);
    if (!m)
        return MF_E_SHUTDOWN;
    *mute = msess_audio_output_get_mute(m) ? TRUE : FALSE;
    pthread_mutex_unlock(&s->lock);
    return S_OK;
}

static const IMFSimpleAudioVolumeVtbl volume_vtbl = {
    SHIM_IUNKNOWN_VTBL(vol_),
    .SetMasterVolume = vol_SetMasterVolume,
    .GetMasterVolume = vol_GetMasterVolume,
    .SetMute = vol_SetMute,
    .GetMute = vol_GetMute,
};

static void volume_destroy(void *obj)
{
    volume *v = obj;
    shim_obj_release(&v->sink->base);
}

static const shim_iface volume_ifaces[] = {
    { &IID_IMFSimpleAudioVolume, 0 },
    { NULL, 0 },
};

static const shim_class volume_class = { "audio renderer volume", volume_ifaces, volume_destroy };

static HRESULT sar_get_service(out_sink *s, REFGUID service, REFIID riid, void **out)
{
    if (!IsEqualGUID(service, &MR_POLICY_VOLUME_SERVICE))
        return MF_E_UNSUPPORTED_SERVICE;
    volume *v = shim_obj_new(sizeof(*v), &volume_class, &volume_vtbl);
    if (!v)
        return E_OUTOFMEMORY;
    shim_obj_addref(&s->base);
    v->sink = s;
    HRESULT hr = shim_obj_query(&v->base, riid, out);
    shim_obj_release(&v->base);
    return hr;
}

static HRESULT sar_create(out_activate *a, out_sink **out)
{
    msess_audio_output_settings set;
    msess_audio_output_default_settings(&set);
    /* The endpoint: any part of a PortAudio device name. */
    WCHAR *endpoint = NULL;
    UINT32 len;
    char *device = NULL;
    if (SUCCEEDED(shim_attrs_GetAllocatedString(&a->attrs, &MF_AUDIO_RENDERER_ATTRIBUTE_ENDPOINT_ID,
                                                &endpoint, &len))) {
        device = shim_wcs_to_utf8(endpoint);
        CoTaskMemFree(endpoint);
        if (!device)
            return E_OUTOFMEMORY;
        set.device = device;
    }
    msess_sink *m = NULL;
    int err = msess_audio_output_create(&m, &set);
    free(device);
    if (err == MSESS_EDEVICE || err == MSESS_ENOSYS)
        return MF_E_NO_AUDIO_PLAYBACK_DEVICE; /* as MFCreateAudioRenderer without a device */
    if (err < 0)
        return shim_hr(err);
    out_sink *s;
    HRESULT hr = out_sink_new(a->kind, MEDIASINK_FIXED_STREAMS | MEDIASINK_CAN_PREROLL,
                              &MFMediaType_Audio, NULL, NULL, &s);
    if (FAILED(hr)) {
        msess_sink_destroy(&m);
        return hr;
    }
    s->msink = m;
    *out = s;
    return S_OK;
}

/* Never called: the output is made with the sink (the device must exist). */
static HRESULT sar_make_msess(out_sink *s, msess_sink **msink)
{
    (void)s, (void)msink;
    return MF_E_NO_AUDIO_PLAYBACK_DEVICE;
}

static const out_kind sar_kind = {
    .name = "audio renderer",
    .create = sar_create,
    .make_msess = sar_make_msess,
    .get_service = sar_get_service,
    .reactivate_shut_down = true,
    .shutdown_with_activate = true,
};

HRESULT WINAPI MFCreateAudioRendererActivate(IMFActivate **out)
{
    if (!out)
        return E_POINTER;
    return out_activate_new(&sar_kind, out);
}

/* ---------------------------------------------------------- video renderer */

/* What IMFVideoDisplayControl set (the sink's lock). */
typedef struct evr {
    HWND window;
    MFVideoNormalizedRect src;
    RECT dst;
    DWORD ar_mode;
    COLORREF border;
    DWORD prefs;
    BOOL fullscreen;
    int err;          /* why the msess output could not be made (no display) */
} evr;

static bool rect_empty(const RECT *r)
{
    return r->right <= r->left || r->bottom <= r->top;
}

/* Sink's lock held: the display control's settings into the msess output. */
static void evr_apply(out_sink *s)
{
    evr *e = s->priv;
    if (!s->msink)
        return;
    msess_video_layout l;
    msess_video_output_default_layout(&l);
    l.src_left = e->src.left;
    l.src_top = e->src.top;
    l.src_right = e->src.right;
    l.src_bottom = e->src.bottom;
    if (!rect_empty(&e->dst)) {
        l.dst_x = e->dst.left;
        l.dst_y = e->dst.top;
        l.dst_w = e->dst.right - e->dst.left;
        l.dst_h = e->dst.bottom - e->dst.top;
    }
    l.stretch = !(e->ar_mode & MFVideoARMode_PreservePicture);
    /* COLORREF is 0x00BBGGRR */
    l.border_color = (uint32_t)(e->border & 0xff) << 16 | (uint32_t)(e->border & 0xff00) |
                     (uint32_t)(e->border >> 16 & 0xff);
    msess_video_output_set_layout(s->msink, &l);
}

/* Sink's lock held. The output with its own window when hwnd is NULL, else
 * drawing into hwnd (an X11 Window id on Linux, an HWND on Windows). */
static HRESULT evr_make_msess(out_sink *s, msess_sink **msink)
{
    evr *e = s->priv;
    msess_video_output_settings set;
    msess_video_output_default_settings(&set);
    set.native_window = (void *)e->window;
    set.fullscreen = !e->window && e->fullscreen;
    int err = msess_video_output_create(msink, &set);
    if (err < 0) {
        e->err = err;
        /* no display: what a D3D device creation without a display says */
        return err == MSESS_EDEVICE ? HRESULT_FROM_WIN32(ERROR_DEVICE_NOT_AVAILABLE) : shim_hr(err);
    }
    evr_apply(s);
    return S_OK;
}

static HRESULT evr_make_display_control(out_sink *s, REFIID riid, void **out);

static HRESULT evr_get_service(out_sink *s, REFGUID service, REFIID riid, void **out)
{
    if (!IsEqualGUID(service, &MR_VIDEO_RENDER_SERVICE))
        return MF_E_UNSUPPORTED_SERVICE;
    return evr_make_display_control(s, riid, out);
}

static void evr_destroy(out_sink *s)
{
    free(s->priv);
    s->priv = NULL;
}

static HRESULT evr_create(out_activate *a, out_sink **out)
{
    evr *e = calloc(1, sizeof(*e));
    if (!e)
        return E_OUTOFMEMORY;
    UINT64 window = 0;
    if (SUCCEEDED(shim_attrs_GetUINT64(&a->attrs, &activate_video_window, &window)))
        e->window = (HWND)(uintptr_t)window;
    e->src = (MFVideoNormalizedRect){ 0.0f, 0.0f, 1.0f, 1.0f };
    e->ar_mode = MFVideoARMode_PreservePicture | MFVideoARMode_PreservePixel; /* Windows 10's */
    out_sink *s;
    HRESULT hr = out_sink_new(a->kind, MEDIASINK_CAN_PREROLL | MEDIASINK_CLOCK_REQUIRED,
                              &MFMediaType_Video, NULL, e, &s);
    if (FAILED(hr))
        return hr;
    /* Open the output now if a display is there; if not, activation still
     * succeeds and the topology meets the error (shim_output_sink). */
    pthread_mutex_lock(&s->lock);
    evr_make_msess(s, &s->msink);
    pthread_mutex_unlock(&s->lock);
    *out = s;
    return S_OK;
}

static const out_kind evr_kind = {
    .name = "video renderer",
    .create = evr_create,
    .make_msess = evr_make_msess,
    .get_service = evr_get_service,
    .destroy = evr_destroy,
    .reactivate_shut_down = true,
    .shutdown_with_activate = true,
};

HRESULT WINAPI MFCreateVideoRendererActivate(HWND window, IMFActivate **out)
{
    if (!out)
        return E_POINTER;
    HRESULT hr = out_activate_new(&evr_kind, out);
    if (SUCCEEDED(hr) &&
        FAILED(hr = IMFActivate_SetUINT64(*out, &activate_video_window, (UINT64)(uintptr_t)window))) {
        IMFActivate_Release(*out);
        *out = NULL;
    }
    return hr;
}

/* ---- IMFVideoDisplayControl */

typedef struct display {
    shim_obj base;
    out_sink *sink;
} display;

#define DISPLAY(iface) SHIM_FROM(display, base, iface)
SHIM_IUNKNOWN(dc_, IMFVideoDisplayControl, display, base)

/* The sink, locked, unless shut down (MF_E_SHUTDOWN, unlocked). */
static HRESULT lock_sink(display *d, out_sink **s, evr **e)
{
    *s = d->sink;
    pthread_mutex_lock(&(*s)->lock);
    if ((*s)->shut) {
        pthread_mutex_unlock(&(*s)->lock);
        return MF_E_SHUTDOWN;
    }
    *e = (*s)->priv;
    return S_OK;
}

static void unlock_sink(out_sink *s)
{
    pthread_mutex_unlock(&s->lock);
}

/* The getters of one setting each: E_POINTER, MF_E_SHUTDOWN or its value. */
#define DC_GETTER(name, type, field)                                                        \
    static HRESULT STDMETHODCALLTYPE dc_##name(IMFVideoDisplayControl *This, type *out)     \
    {                                                                                       \
        if (!out)                                                                           \
            return E_POINTER;                                                               \
        out_sink *s;                                                                        \
        evr *e;                                                                             \
        HRESULT hr = lock_sink(DISPLAY(This), &s, &e);                                      \
        if (SUCCEEDED(hr)) {                                                                \
            *out = e->field;                                                                \
            unlock_sink(s);                                                                 \
        }                                                                                   \
        return hr;                                                                          \
    }
DC_GETTER(GetAspectRatioMode, DWORD, ar_mode)
DC_GETTER(GetVideoWindow, HWND, window)
DC_GETTER(GetBorderColor, COLORREF, border)
DC_GETTER(GetRenderingPrefs, DWORD, prefs)
DC_GETTER(GetFullscreen, BOOL, fullscreen)

static LONG gcd_long(LONG a, LONG b)
{
    while (b) {
        LONG t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* The video's size, and its display aspect ratio reduced (4:3 for 640x480
 * square pixels); zeros before a stream was connected. */
static HRESULT STDMETHODCALLTYPE dc_GetNativeVideoSize(IMFVideoDisplayControl *This, SIZE *size,
                                                       SIZE *aspect)
{
    if (!size && !aspect)
        return E_POINTER;
    out_sink *s;
    evr *e;
    HRESULT hr = lock_sink(DISPLAY(This), &s, &e);
    if (FAILED(hr))
        return hr;
    int w = 0, h = 0;
    msess_rational sar = { 1, 1 };
    if (!s->msink || msess_video_output_get_video_size(s->msink, &w, &h, &sar) < 0)
        w = h = 0;
    unlock_sink(s);
    if (size)
        *size = (SIZE){ w, h };
    if (aspect) {
        LONG ax = (LONG)w * sar.num, ay = (LONG)h * sar.den, g = gcd_long(ax, ay);
        *aspect = g ? (SIZE){ ax / g, ay / g } : (SIZE){ 0, 0 };
    }
    return S_OK;
}

/* Any size draws well (GPU or swscale scaling): both are the native size,
 * what a renderer without limits reports. */
static HRESULT STDMETHODCALLTYPE dc_GetIdealVideoSize(IMFVideoDisplayControl *This, SIZE *min,
                                                      SIZE *max)
{
    if (!min && !max)
        return E_POINTER;
    SIZE native;
    HRESULT hr = dc_GetNativeVideoSize(This, &native, NULL);
    if (FAILED(hr))
        return hr;
    if (min)
        *min = native;
    if (max)
        *max = native;
    return S_OK;
}

static bool src_valid(const MFVideoNormalizedRect *r)
{
    return r->left >= 0.0f && r->top >= 0.0f && r->left < r->right && r->top < r->bottom &&
           r->right <= 1.0f && r->bottom <= 1.0f;
}

static HRESULT STDMETHODCALLTYPE dc_SetVideoPosition(IMFVideoDisplayControl *This,
                                                     const MFVideoNormalizedRect *src,
                                                     const LPRECT dst)
{
    if (!src && !dst)
        return E_POINTER;
    if ((src && !src_valid(src)) || (dst && (dst->left > dst->right || dst->top > dst->bottom)))
        return E_INVALIDARG;
    out_sink *s;
    evr *e;
    HRESULT hr = lock_sink(DISPLAY(This), &s, &e);
    if (FAILED(hr))
        return hr;
    if (src)
        e->src = *src;
    if (dst)
        e->dst = *dst;
    evr_apply(s);
    unlock_sink(s);
    return S_OK;
}

/* The destination as set: {0,0,0,0} until then (Windows' default), which
 * draws into the whole window. */
static HRESULT STDMETHODCALLTYPE dc_GetVideoPosition(IMFVideoDisplayControl *This,
                                                     MFVideoNormalizedRect *src, LPRECT dst)
{
    if (!src || !dst)
        return E_POINTER;
    out_sink *s;
    evr *e;
    HRESULT hr = lock_sink(DISPLAY(This), &s, &e);
    if (FAILED(hr))
        return hr;
    *src = e->src;
    *dst = e->dst;
    unlock_sink(s);
    return S_OK;
}

/* PreservePicture: letterbox (default); without it the picture fills the
 * destination. PreservePixel and NonLinearStretch are kept, not acted on. */
static HRESULT STDMETHODCALLTYPE dc_SetAspectRatioMode(IMFVideoDisplayControl *This, DWORD mode)
{
    if (mode & ~(DWORD)MFVideoARMode_Mask)
        return E_INVALIDARG;
    out_sink *s;
    evr *e;
    HRESULT hr = lock_sink(DISPLAY(This), &s, &e);
    if (FAILED(hr))
        return hr;
    e->ar_mode = mode;
    evr_apply(s);
    unlock_sink(s);
    return S_OK;
}

/* Another window from now on (NULL: the output's own). */
static HRESULT STDMETHODCALLTYPE dc_SetVideoWindow(IMFVideoDisplayControl *This, HWND window)
{
    out_sink *s;
    evr *e;
    HRESULT hr = lock_sink(DISPLAY(This), &s, &e);
    if (FAILED(hr))
        return hr;
    e->window = window;
    if (s->msink)
        hr = shim_hr(msess_video_output_set_window(s->msink, (void *)window));
    unlock_sink(s);
    return hr;
}

static HRESULT STDMETHODCALLTYPE dc_RepaintVideo(IMFVideoDisplayControl *This)
{
    out_sink *s;
    evr *e;
    HRESULT hr = lock_sink(DISPLAY(This), &s, &e);
    if (FAILED(hr))
        return hr;
    if (s->msink)
        msess_video_output_repaint(s->msink);
    unlock_sink(s);
    return S_OK;
}

/* A DIB of what is shown: 32-bit BI_RGB, bottom-up (positive biHeight), the
 * size of the destination rectangle (the window's when none is set), with
 * the border colour in the bars; the bits alone in *dib (CoTaskMemFree). */
static HRESULT STDMETHODCALLTYPE dc_GetCurrentImage(IMFVideoDisplayControl *This,
                                                    BITMAPINFOHEADER *bih, BYTE **dib,
                                                    DWORD *dib_size, LONGLONG *timestamp)
{
    if (!bih || !dib || !dib_size)
        return E_POINTER;
    if (bih->biSize != sizeof(BITMAPINFOHEADER))
        return E_INVALIDARG;
    *dib = NULL;
    *dib_size = 0;
    out_sink *s;
    evr *e;
    HRESULT hr = lock_sink(DISPLAY(This), &s, &e);
    if (FAILED(hr))
        return hr;
    msess_sink *m = msess_sink_ref(s->msink);
    unlock_sink(s); /* the snapshot waits for the output's thread */
    msess_video_snapshot snap;
    int err = m ? msess_video_output_snapshot(m, &snap) : MSESS_EAGAIN;
    msess_sink_destroy(&m);
    if (err == MSESS_EAGAIN)
        return MF_E_INVALIDREQUEST; /* nothing shown yet */
    if (err < 0)
        return shim_hr(err);
    size_t row = (size_t)snap.width * 4, size = row * (size_t)snap.height;
    BYTE *bits = CoTaskMemAlloc(size);
    if (!bits) {
        msess_video_snapshot_free(&snap);
        return E_OUTOFMEMORY;
    }
    for (int y = 0; y < snap.height; y++)
        memcpy(bits + (size_t)(snap.height - 1 - y) * row, snap.data + (size_t)y * snap.stride, row);
    *bih = (BITMAPINFOHEADER){ .biSize = sizeof(BITMAPINFOHEADER), .biWidth = snap.width,
                               .biHeight = snap.height, .biPlanes = 1, .biBitCount = 32,
                               .biCompression = BI_RGB, .biSizeImage = (DWORD)size };
    *dib = bits;
    *dib_size = (DWORD)size;
    if (timestamp)
        *timestamp = snap.pts;
    msess_video_snapshot_free(&snap);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE dc_SetBorderColor(IMFVideoDisplayControl *This, COLORREF color)
{
    out_sink *s;
    evr *e;
    HRESULT hr = lock_sink(DISPLAY(This), &s, &e);
    if (FAILED(hr))
        return hr;
    e->border = color & 0xffffff;
    evr_apply(s);
    unlock_sink(s);
    return S_OK;
}

/* Kept and reported; msess draws the same whatever they say. */
static HRESULT STDMETHODCALLTYPE dc_SetRenderingPrefs(IMFVideoDisplayControl *This, DWORD flags)
{
    if (flags & ~(DWORD)MFVideoRenderPrefs_Mask)
        return E_INVALIDARG;
    out_sink *s;
    evr *e;
    HRESULT hr = lock_sink(DISPLAY(This), &s, &e);
    if (FAILED(hr))
        return hr;
    e->prefs = flags;
    unlock_sink(s);
    return S_OK;
}

/* The output's own window goes full screen; an application's window is the
 * application's to resize (as the SetFullscreen documentation advises):
 * E_NOTIMPL then. */
static HRESULT STDMETHODCALLTYPE dc_SetFullscreen(IMFVideoDisplayControl *This, BOOL fullscreen)
{
    out_sink *s;
    evr *e;
    HRESULT hr = lock_sink(DISPLAY(This), &s, &e);
    if (FAILED(hr))
        return hr;
    if (e->window) {
        hr = E_NOTIMPL;
    } else {
        e->fullscreen = fullscreen != FALSE;
        if (s->msink)
            hr = shim_hr(msess_video_output_set_fullscreen(s->msink, e->fullscreen));
    }
    unlock_sink(s);
    return hr;
}

static const IMFVideoDisplayControlVtbl display_vtbl = {
    SHIM_IUNKNOWN_VTBL(dc_),
    .GetNativeVideoSize = dc_GetNativeVideoSize,
    .GetIdealVideoSize = dc_GetIdealVideoSize,
    .SetVideoPosition = dc_SetVideoPosition,
    .GetVideoPosition = dc_GetVideoPosition,
    .SetAspectRatioMode = dc_SetAspectRatioMode,
    .GetAspectRatioMode = dc_GetAspectRatioMode,
    .SetVideoWindow = dc_SetVideoWindow,
    .GetVideoWindow = dc_GetVideoWindow,
    .RepaintVideo = dc_RepaintVideo,
    .GetCurrentImage = dc_GetCurrentImage,
    .SetBorderColor = dc_SetBorderColor,
    .GetBorderColor = dc_GetBorderColor,
    .SetRenderingPrefs = dc_SetRenderingPrefs,
    .GetRenderingPrefs = dc_GetRenderingPrefs,
    .SetFullscreen = dc_SetFullscreen,
    .GetFullscreen = dc_GetFullscreen,
};

static void display_destroy(void *obj)
{
    display *d = obj;
    shim_obj_release(&d->sink->base);
}

static const shim_iface display_ifaces[] = {
    { &IID_IMFVideoDisplayControl, 0 },
    { NULL, 0 },
};

static const shim_class display_class = { "video display control", display_ifaces,
                                          display_destroy };

static HRESULT evr_make_display_control(out_sink *s, REFIID riid, void **out)
{
    display *d = shim_obj_new(sizeof(*d), &display_class, &display_vtbl);
    if (!d)
        return E_OUTOFMEMORY;
    shim_obj_addref(&s->base);
    d->sink = s;
    HRESULT hr = shim_obj_query(&d->base, riid, out);
    shim_obj_release(&d->base);
    return hr;
}

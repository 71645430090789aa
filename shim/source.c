/* The source resolver (MFCreateSourceResolver) and what it makes: media
 * sources over msess sources, their presentation and stream descriptors
 * (also MFCreatePresentationDescriptor, MFCreateStreamDescriptor), read-only
 * file byte streams (MF_RESOLUTION_BYTESTREAM), and msess sources reading an
 * application's IMFByteStream.
 *
 * A media source does not stream by itself (IMFMediaSource::Start answers
 * E_NOTIMPL): the shim's session plays the msess source behind it directly.
 * That msess source lives until the COM object's last release, so a session
 * holding a reference keeps playing it after the application's Shutdown. */
#ifndef _WIN32
#define _POSIX_C_SOURCE 200809L /* fseeko */
#define _FILE_OFFSET_BITS 64
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "shim.h"

#ifndef ERROR_FILE_NOT_FOUND
#define ERROR_FILE_NOT_FOUND 2L
#endif

/* Presentation descriptor attributes missing from some SDK headers, under
 * private names (values from the Windows SDK's mfidl.h). */
static const GUID shim_MF_PD_TOTAL_FILE_SIZE = {
    0x6c990d34, 0xbb8e, 0x477a, { 0x85, 0x98, 0x0d, 0x5d, 0x96, 0xfc, 0xd8, 0x8a }
};
static const GUID shim_MF_PD_MIME_TYPE = {
    0x6c990d37, 0xbb8e, 0x477a, { 0x85, 0x98, 0x0d, 0x5d, 0x96, 0xfc, 0xd8, 0x8a }
};

static bool mutex_init(pthread_mutex_t *m)
{
    return !pthread_mutex_init(m, NULL);
}

/* ========================================================= stream descriptor */

typedef struct stream_desc {
    shim_obj base;
    shim_attrs attrs;
    DWORD id;
    IMFMediaTypeHandler *handler;
} stream_desc;

static void stream_desc_destroy(void *obj)
{
    stream_desc *sd = obj;
    SHIM_RELEASE(sd->handler);
    shim_attrs_free(&sd->attrs);
}

static const shim_iface stream_desc_ifaces[] = {
    { &IID_IMFStreamDescriptor, 0 },
    { &IID_IMFAttributes, 0 },
    { NULL, 0 },
};

static const shim_class stream_desc_class = {
    "IMFStreamDescriptor", stream_desc_ifaces, stream_desc_destroy
};

SHIM_IUNKNOWN(sd_, IMFStreamDescriptor, stream_desc, base)
SHIM_ATTRIBUTES(sd_, IMFStreamDescriptor, stream_desc)

static HRESULT STDMETHODCALLTYPE sd_GetStreamIdentifier(IMFStreamDescriptor *This, DWORD *id)
{
    if (!id)
        return E_POINTER;
    *id = SHIM_FROM(stream_desc, base, This)->id;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE sd_GetMediaTypeHandler(IMFStreamDescriptor *This,
                                                        IMFMediaTypeHandler **handler)
{
    if (!handler)
        return E_POINTER;
    *handler = SHIM_FROM(stream_desc, base, This)->handler;
    IMFMediaTypeHandler_AddRef(*handler);
    return S_OK;
}

static const IMFStreamDescriptorVtbl stream_desc_vtbl = {
    SHIM_IUNKNOWN_VTBL(sd_),
    SHIM_ATTRIBUTES_VTBL(sd_),
    .GetStreamIdentifier = sd_GetStreamIdentifier,
    .GetMediaTypeHandler = sd_GetMediaTypeHandler,
};

HRESULT WINAPI MFCreateStreamDescriptor(DWORD id, DWORD count, IMFMediaType **types,
                                        IMFStreamDescriptor **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!count)
        return E_INVALIDARG;
    stream_desc *sd = shim_obj_new(sizeof(*sd), &stream_desc_class, &stream_desc_vtbl);
    if (!sd)
        return E_OUTOFMEMORY;
    sd->id = id;
    HRESULT hr = shim_attrs_init(&sd->attrs);
    if (SUCCEEDED(hr))
        hr = shim_type_handler_create(count, types, &sd->handler);
    if (FAILED(hr)) {
        shim_obj_release(&sd->base);
        return hr;
    }
    *out = (IMFStreamDescriptor *)&sd->base;
    return S_OK;
}

/* ==================================================== presentation descriptor
 * Stream descriptors are shared between clones (Windows' Clone is shallow);
 * the selection is each descriptor's own, guarded by the store's lock. */

typedef struct pd_entry {
    IMFStreamDescriptor *sd;
    BOOL selected;
} pd_entry;

typedef struct pres_desc {
    shim_obj base;
    shim_attrs attrs;
    pd_entry *entries;
    DWORD count;
} pres_desc;

static void pres_desc_destroy(void *obj)
{
    pres_desc *pd = obj;
    for (DWORD i = 0; pd->entries && i < pd->count; i++)
        SHIM_RELEASE(pd->entries[i].sd);
    free(pd->entries);
    shim_attrs_free(&pd->attrs);
}

static const shim_iface pres_desc_ifaces[] = {
    { &IID_IMFPresentationDescriptor, 0 },
    { &IID_IMFAttributes, 0 },
    { NULL, 0 },
};

static const shim_class pres_desc_class = {
    "IMFPresentationDescriptor", pres_desc_ifaces, pres_desc_destroy
};

static HRESULT pres_desc_create(DWORD count, IMFStreamDescriptor **sds, const BOOL *selected,
                                pres_desc **out);

SHIM_IUNKNOWN(pd_, IMFPresentationDescriptor, pres_desc, base)
SHIM_ATTRIBUTES(pd_, IMFPresentationDescriptor, pres_desc)

static pres_desc *pd_from(IMFPresentationDescriptor *iface)
{
    return SHIM_FROM(pres_desc, base, iface);
}

static HRESULT STDMETHODCALLTYPE pd_GetStreamDescriptorCount(IMFPresentationDescriptor *This,
                                                             DWORD *count)
{
    if (!count)
        return E_POINTER;
    *count = pd_from(This)->count;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE pd_GetStreamDescriptorByIndex(IMFPresentationDescriptor *This,
                                                               DWORD index, BOOL *selected,
                                                               IMFStreamDescriptor **sd)
{
    pres_desc *pd = pd_from(This);
    if (!selected || !sd)
        return E_POINTER;
    if (index >= pd->count)
        return E_INVALIDARG;
    pthread_mutex_lock(&pd->attrs.lock);
    *selected = pd->entries[index].selected;
    pthread_mutex_unlock(&pd->attrs.lock);
    *sd = pd->entries[index].sd;
    IMFStreamDescriptor_AddRef(*sd);
    return S_OK;
}

static HRESULT set_selected(IMFPresentationDescriptor *This, DWORD index, BOOL selected)
{
    pres_desc *pd = pd_from(This);
    if (index >= pd->count)
        return E_INVALIDARG;
    pthread_mutex_lock(&pd->attrs.lock);
    pd->entries[index].selected = selected;
    pthread_mutex_unlock(&pd->attrs.lock);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE pd_SelectStream(IMFPresentationDescriptor *This, DWORD index)
{
    return set_selected(This, index, TRUE);
}

static HRESULT STDMETHODCALLTYPE pd_DeselectStream(IMFPresentationDescriptor *This, DWORD index)
{
    return set_selected(This, index, FALSE);
}

static HRESULT STDMETHODCALLTYPE pd_Clone(IMFPresentationDescriptor *This,
                                          IMFPresentationDescriptor **out)
{
    pres_desc *pd = pd_from(This);
    if (!out)
        return E_POINTER;
    *out = NULL;
    IMFStreamDescriptor **sds = calloc(pd->count ? pd->count : 1, sizeof(*sds));
    BOOL *selected = calloc(pd->count ? pd->count : 1, sizeof(*selected));
    HRESULT hr = sds && selected ? S_OK : E_OUTOFMEMORY;
    pres_desc *copy = NULL;
    if (SUCCEEDED(hr)) {
        pthread_mutex_lock(&pd->attrs.lock);
        for (DWORD i = 0; i < pd->count; i++) {
            sds[i] = pd->entries[i].sd;
            selected[i] = pd->entries[i].selected;
        }
        hr = pres_desc_create(pd->count, sds, selected, &copy);
        if (SUCCEEDED(hr))
            hr = shim_attrs_copy_from(&copy->attrs, &pd->attrs);
        pthread_mutex_unlock(&pd->attrs.lock);
    }
    free(sds);
    free(selected);
    if (FAILED(hr)) {
        if (copy)
            shim_obj_release(&copy->base);
        return hr;
    }
    *out = (IMFPresentationDescriptor *)&copy->base;
    return S_OK;
}

static const IMFPresentationDescriptorVtbl pres_desc_vtbl = {
    SHIM_IUNKNOWN_VTBL(pd_),
    SHIM_ATTRIBUTES_VTBL(pd_),
    .GetStreamDescriptorCount = pd_GetStreamDescriptorCount,
    .GetStreamDescriptorByIndex = pd_GetStreamDescriptorByIndex,
    .SelectStream = pd_SelectStream,
    .DeselectStream = pd_DeselectStream,
    .Clone = pd_Clone,
};

/* selected may be NULL: nothing selected, as MFCreatePresentationDescriptor
 * documents. */
static HRESULT pres_desc_create(DWORD count, IMFStreamDescriptor **sds, const BOOL *selected,
                                pres_desc **out)
{
    *out = NULL;
    pres_desc *pd = shim_obj_new(sizeof(*pd), &pres_desc_class, &pres_desc_vtbl);
    if (!pd)
        return E_OUTOFMEMORY;
    HRESULT hr = shim_attrs_init(&pd->attrs);
    pd->entries = calloc(count ? count : 1, sizeof(*pd->entries));
    if (FAILED(hr) || !pd->entries) {
        shim_obj_release(&pd->base);
        return FAILED(hr) ? hr : E_OUTOFMEMORY;
    }
    for (DWORD i = 0; i < count; i++) {
        pd->entries[i].sd = sds[i];
        IMFStreamDescriptor_AddRef(sds[i]);
        pd->entries[i].selected = selected ? selected[i] : FALSE;
    }
    pd->count = count;
    *out = pd;
    return S_OK;
}

HRESULT WINAPI MFCreatePresentationDescriptor(DWORD count, IMFStreamDescriptor **sds,
                                              IMFPresentationDescriptor **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!count || !sds)
        return E_INVALIDARG;
    for (DWORD i = 0; i < count; i++)
        if (!sds[i])
            return E_INVALIDARG;
    pres_desc *pd;
    HRESULT hr = pres_desc_create(count, sds, NULL, &pd);
    if (SUCCEEDED(hr))
        *out = (IMFPresentationDescriptor *)&pd->base;
    return hr;
}

/* ============================================================== media source */

typedef struct media_source {
    shim_obj base; /* IMFMediaSource */
    msess_source *src;
    IMFMediaEventQueue *events;
    IMFPresentationDescriptor *pd; /* the source's own; callers get clones */
    DWORD characteristics;
    pthread_mutex_t lock;
    bool lock_ready;
    bool shutdown;
} media_source;

static void media_source_destroy(void *obj)
{
    media_source *ms = obj;
    if (ms->events)
        IMFMediaEventQueue_Shutdown(ms->events);
    SHIM_RELEASE(ms->events);
    SHIM_RELEASE(ms->pd);
    msess_source_destroy(&ms->src);
    if (ms->lock_ready)
        pthread_mutex_destroy(&ms->lock);
}

static const shim_iface media_source_ifaces[] = {
    { &IID_IMFMediaSource, 0 },
    { &IID_IMFMediaEventGenerator, 0 },
    { NULL, 0 },
};

static const shim_class media_source_class = {
    "IMFMediaSource", media_source_ifaces, media_source_destroy
};

SHIM_IUNKNOWN(ms_, IMFMediaSource, media_source, base)

static media_source *ms_from(IMFMediaSource *iface)
{
    return SHIM_FROM(media_source, base, iface);
}

static bool ms_is_shutdown(media_source *ms)
{
    pthread_mutex_lock(&ms->lock);
    bool down = ms->shutdown;
    pthread_mutex_unlock(&ms->lock);
    return down;
}

static IMFMediaEventQueue *ms_queue(IMFMediaSource *This, HRESULT *hr)
{
    media_source *ms = ms_from(This);
    *hr = MF_E_SHUTDOWN;
    if (ms_is_shutdown(ms))
        return NULL;
    IMFMediaEventQueue_AddRef(ms->events);
    return ms->events;
}
SHIM_EVENT_GENERATOR(ms_, IMFMediaSource, ms_queue)

/* Windows checks the shutdown state before the pointers (Wine's tests:
 * CreatePresentationDescriptor(NULL) after Shutdown is MF_E_SHUTDOWN). */
static HRESULT STDMETHODCALLTYPE ms_GetCharacteristics(IMFMediaSource *This, DWORD *caps)
{
    media_source *ms = ms_from(This);
    if (ms_is_shutdown(ms))
        return MF_E_SHUTDOWN;
    if (!caps)
        return E_POINTER;
    *caps = ms->characteristics;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE ms_CreatePresentationDescriptor(IMFMediaSource *This,
                                                                 IMFPresentationDescriptor **pd)
{
    media_source *ms = ms_from(This);
    if (ms_is_shutdown(ms))
        return MF_E_SHUTDOWN;
    if (!pd)
        return E_POINTER;
    return IMFPresentationDescriptor_Clone(ms->pd, pd);
}

/* Streaming through IMFMediaStream samples is not implemented: a session
 * plays our sources through msess. Arguments are checked as Windows does. */
static HRESULT STDMETHODCALLTYPE ms_Start(IMFMediaSource *This, IMFPresentationDescriptor *pd,
                                          const GUID *time_format, const PROPVARIANT *start)
{
    media_source *ms = ms_from(This);
    if (ms_is_shutdown(ms))
        return MF_E_SHUTDOWN;
    if (!pd || !start)
        return E_INVALIDARG;
    if (time_format && !IsEqualGUID(time_format, &GUID_NULL))
        return MF_E_UNSUPPORTED_TIME_FORMAT;
    return E_NOTIMPL;
}

/* Never started, so always stopped: Stop is answered at once, Pause is the
 * transition Windows refuses from the stopped state. */
static HRESULT STDMETHODCALLTYPE ms_Stop(IMFMediaSource *This)
{
    media_source *ms = ms_from(This);
    if (ms_is_shutdown(ms))
        return MF_E_SHUTDOWN;
    return IMFMediaEventQueue_QueueEventParamVar(ms->events, MESourceStopped, &GUID_NULL, S_OK,
                                                 NULL);
}

static HRESULT STDMETHODCALLTYPE ms_Pause(IMFMediaSource *This)
{
    media_source *ms = ms_from(This);
    if (ms_is_shutdown(ms))
        return MF_E_SHUTDOWN;
    return MF_E_INVALID_STATE_TRANSITION;
}

static HRESULT STDMETHODCALLTYPE ms_Shutdown(IMFMediaSource *This)
{
    media_source *ms = ms_from(This);
    pthread_mutex_lock(&ms->lock);
    bool was = ms->shutdown;
    ms->shutdown = true;
    pthread_mutex_unlock(&ms->lock);
    if (was)
        return MF_E_SHUTDOWN;
    IMFMediaEventQueue_Shutdown(ms->events);
    return S_OK;
}

static const IMFMediaSourceVtbl media_source_vtbl = {
    SHIM_IUNKNOWN_VTBL(ms_),
    SHIM_EVENT_GENERATOR_VTBL(ms_),
    .GetCharacteristics = ms_GetCharacteristics,
    .CreatePresentationDescriptor = ms_CreatePresentationDescriptor,
    .Start = ms_Start,
    .Stop = ms_Stop,
    .Pause = ms_Pause,
    .Shutdown = ms_Shutdown,
};

msess_source *shim_media_source_get(IUnknown *source)
{
    media_source *ms = shim_obj_cast(source, &media_source_class);
    return ms ? ms->src : NULL;
}

/* The msess index of stream descriptor i of pd, and its selection. */
static bool pd_stream(IMFPresentationDescriptor *pd, DWORD i, DWORD *id, BOOL *selected)
{
    IMFStreamDescriptor *sd = NULL;
    if (FAILED(IMFPresentationDescriptor_GetStreamDescriptorByIndex(pd, i, selected, &sd)))
        return false;
    HRESULT hr = IMFStreamDescriptor_GetStreamIdentifier(sd, id);
    IMFStreamDescriptor_Release(sd);
    return SUCCEEDED(hr);
}

HRESULT shim_media_source_select(IUnknown *source, IMFPresentationDescriptor *pd)
{
    media_source *ms = shim_obj_cast(source, &media_source_class);
    if (!ms)
        return S_FALSE;
    if (!pd)
        return E_POINTER;
    unsigned n = msess_source_stream_count(ms->src);
    bool *want = calloc(n ? n : 1, sizeof(*want));
    if (!want)
        return E_OUTOFMEMORY;
    DWORD count = 0;
    IMFPresentationDescriptor_GetStreamDescriptorCount(pd, &count);
    for (DWORD i = 0; i < count; i++) {
        DWORD id;
        BOOL selected;
        if (pd_stream(pd, i, &id, &selected) && id < n && selected)
            want[id] = true;
    }
    int err = 0;
    pthread_mutex_lock(&ms->lock);
    /* Only changes: an unchanged selection is fine while a session plays. */
    for (unsigned i = 0; !err && i < n; i++)
        if (msess_source_stream_selected(ms->src, i) != want[i])
            err = msess_source_select_stream(ms->src, i, want[i]);
    pthread_mutex_unlock(&ms->lock);
    free(want);
    return shim_hr(err);
}

/* ------------------------------------------------------- building a source */

static const char *mime_type_of(const char *format, bool has_video)
{
    static const struct { const char *format, *video, *audio; } map[] = {
        { "mov,mp4,m4a,3gp,3g2,mj2", "video/mp4", "audio/mp4" },
        { "matroska,webm", "video/x-matroska", "audio/x-matroska" },
        { "asf", "video/x-ms-asf", "audio/x-ms-wma" },
        { "avi", "video/avi", "video/avi" },
        { "wav", "audio/wav", "audio/wav" },
        { "mp3", "audio/mpeg", "audio/mpeg" },
        { "aac", "audio/aac", "audio/aac" },
        { "flac", "audio/flac", "audio/flac" },
        { "ogg", "video/ogg", "audio/ogg" },
        { "mpegts", "video/mp2t", "video/mp2t" },
        { "mpeg", "video/mpeg", "video/mpeg" },
        { "flv", "video/x-flv", "video/x-flv" },
    };
    for (size_t i = 0; format && i < sizeof(map) / sizeof(map[0]); i++)
        if (!strcmp(format, map[i].format))
            return has_video ? map[i].video : map[i].audio;
    return NULL;
}

static HRESULT set_string_attr(IMFAttributes *a, REFGUID key, const char *utf8)
{
    LPWSTR w = shim_utf8_to_wcs(utf8);
    if (!w)
        return E_OUTOFMEMORY;
    HRESULT hr = IMFAttributes_SetString(a, key, w);
    CoTaskMemFree(w);
    return hr;
}

/* What Windows sources add to a stream's type beyond the codec parameters:
 * rotation, and the bit rate when the container knows it. */
static HRESULT add_stream_type_extras(IMFMediaType *mt, const msess_stream_info *info)
{
    HRESULT hr = S_OK;
    if (info->type.kind == MSESS_MEDIA_VIDEO) {
        hr = IMFMediaType_SetUINT32(mt, &MF_MT_VIDEO_ROTATION, (UINT32)info->rotation);
        if (SUCCEEDED(hr) && info->bitrate > 0)
            hr = IMFMediaType_SetUINT32(mt, &MF_MT_AVG_BITRATE, (UINT32)info->bitrate);
    } else if (info->type.kind == MSESS_MEDIA_AUDIO && info->bitrate > 0) {
        UINT32 v;
        if (FAILED(IMFMediaType_GetUINT32(mt, &MF_MT_AUDIO_AVG_BYTES_PER_SECOND, &v)))
            hr = IMFMediaType_SetUINT32(mt, &MF_MT_AUDIO_AVG_BYTES_PER_SECOND,
                                        (UINT32)info->bitrate / 8);
    }
    return hr;
}

/* A type for a stream: the translated one, or (a format MF has no name
 * for) just its major type, so that the stream still shows. */
static HRESULT stream_type(const msess_stream_info *info, IMFMediaType **out)
{
    HRESULT hr = shim_media_type_from_msess(&info->type, out);
    if (FAILED(hr)) {
        msess_media_type bare = { .kind = info->type.kind, .compressed = true };
        hr = shim_media_type_from_msess(&bare, out);
    }
    if (SUCCEEDED(hr))
        hr = add_stream_type_extras(*out, info);
    if (FAILED(hr))
        SHIM_RELEASE(*out);
    return hr;
}

static HRESULT stream_descriptor_for(msess_source *src, unsigned i, IMFStreamDescriptor **out)
{
    msess_stream_info info;
    *out = NULL;
    if (msess_source_stream_info(src, i, &info) < 0)
        return E_FAIL;
    IMFMediaType *mt = NULL;
    HRESULT hr = stream_type(&info, &mt);
    if (SUCCEEDED(hr))
        hr = MFCreateStreamDescriptor(i, 1, &mt, out);
    if (SUCCEEDED(hr)) {
        /* Windows sources give every stream a current type. */
        IMFMediaTypeHandler *h;
        hr = IMFStreamDescriptor_GetMediaTypeHandler(*out, &h);
        if (SUCCEEDED(hr)) {
            hr = IMFMediaTypeHandler_SetCurrentMediaType(h, mt);
            IMFMediaTypeHandler_Release(h);
        }
    }
    if (SUCCEEDED(hr) && info.language && strcmp(info.language, "und"))
        hr = set_string_attr((IMFAttributes *)*out, &MF_SD_LANGUAGE, info.language);
    SHIM_RELEASE(mt);
    if (FAILED(hr))
        SHIM_RELEASE(*out);
    return hr;
}

static HRESULT set_pd_attributes(IMFPresentationDescriptor *pd, msess_source *src,
                                 int64_t file_size, bool has_video)
{
    IMFAttributes *a = (IMFAttributes *)pd;
    HRESULT hr = S_OK;
    msess_time duration = msess_source_duration(src);
    if (duration != MSESS_TIME_NONE && duration >= 0)
        hr = IMFAttributes_SetUINT64(a, &MF_PD_DURATION, (UINT64)duration);
    const char *mime = mime_type_of(msess_source_format_name(src), has_video);
    if (SUCCEEDED(hr) && mime)
        hr = set_string_attr(a, &shim_MF_PD_MIME_TYPE, mime);
    if (SUCCEEDED(hr) && file_size >= 0)
        hr = IMFAttributes_SetUINT64(a, &shim_MF_PD_TOTAL_FILE_SIZE, (UINT64)file_size);
    return hr;
}

/* The source's own descriptor: one stream descriptor per msess stream
 * (identifier = msess index), selected as msess selected them at open. */
static HRESULT build_presentation(msess_source *src, int64_t file_size,
                                  IMFPresentationDescriptor **out)
{
    unsigned n = msess_source_stream_count(src);
    IMFStreamDescriptor **sds = calloc(n ? n : 1, sizeof(*sds));
    BOOL *selected = calloc(n ? n : 1, sizeof(*selected));
    HRESULT hr = sds && selected ? S_OK : E_OUTOFMEMORY;
    bool has_video = false;
    for (unsigned i = 0; SUCCEEDED(hr) && i < n; i++) {
        msess_stream_info info;
        hr = stream_descriptor_for(src, i, &sds[i]);
        selected[i] = msess_source_stream_selected(src, i);
        if (!msess_source_stream_info(src, i, &info) && info.type.kind == MSESS_MEDIA_VIDEO &&
            !info.attached_picture)
            has_video = true;
    }
    pres_desc *pd = NULL;
    if (SUCCEEDED(hr))
        hr = pres_desc_create(n, sds, selected, &pd);
    if (SUCCEEDED(hr)) {
        *out = (IMFPresentationDescriptor *)&pd->base;
        hr = set_pd_attributes(*out, src, file_size, has_video);
        if (FAILED(hr))
            SHIM_RELEASE(*out);
    }
    for (unsigned i = 0; sds && i < n; i++)
        SHIM_RELEASE(sds[i]);
    free(sds);
    free(selected);
    return hr;
}

/* Takes src (destroyed on failure). file_size: -1 when unknown. */
static HRESULT media_source_create(msess_source *src, int64_t file_size, IUnknown **out)
{
    *out = NULL;
    media_source *ms = shim_obj_new(sizeof(*ms), &media_source_class, &media_source_vtbl);
    if (!ms) {
        msess_source_destroy(&src);
        return E_OUTOFMEMORY;
    }
    ms->src = src;
    ms->lock_ready = mutex_init(&ms->lock);
    HRESULT hr = ms->lock_ready ? S_OK : E_OUTOFMEMORY;
    if (SUCCEEDED(hr))
        hr = MFCreateEventQueue(&ms->events);
    if (SUCCEEDED(hr))
        hr = build_presentation(src, file_size, &ms->pd);
    if (FAILED(hr)) {
        shim_obj_release(&ms->base);
        return hr;
    }
    bool live = msess_source_is_network(src) && msess_source_duration(src) == MSESS_TIME_NONE;
    ms->characteristics = MFMEDIASOURCE_CAN_PAUSE |
                          (msess_source_seekable(src) ? MFMEDIASOURCE_CAN_SEEK : 0) |
                          (live ? MFMEDIASOURCE_IS_LIVE : 0);
    *out = (IUnknown *)&ms->base;
    return S_OK;
}

/* ========================================================= file byte stream
 * What MF_RESOLUTION_BYTESTREAM gives for a local file: read-only, seekable.
 * IMFAttributes is its second interface; the fs_attrs part lets
 * SHIM_ATTRIBUTES find the store from that interface's pointer. */

typedef struct fs_attrs {
    const void *base; /* the IMFAttributes vtable pointer */
    shim_attrs attrs;
} fs_attrs;

typedef struct file_stream {
    shim_obj base; /* IMFByteStream */
    fs_attrs ap;
    pthread_mutex_t lock;
    bool lock_ready;
    FILE *f;
    QWORD length, pos;
} file_stream;

static void file_stream_destroy(void *obj)
{
    file_stream *fs = obj;
    if (fs->f)
        fclose(fs->f);
    shim_attrs_free(&fs->ap.attrs);
    if (fs->lock_ready)
        pthread_mutex_destroy(&fs->lock);
}

static const shim_iface file_stream_ifaces[] = {
    { &IID_IMFByteStream, 0 },
    { &IID_IMFAttributes, offsetof(file_stream, ap.base) },
    { NULL, 0 },
};

static const shim_class file_stream_class = {
    "IMFByteStream", file_stream_ifaces, file_stream_destroy
};

SHIM_IUNKNOWN(fs_, IMFByteStream, file_stream, base)
SHIM_IUNKNOWN(fsa_, IMFAttributes, file_stream, ap.base)
SHIM_ATTRIBUTES(fsa_, IMFAttributes, fs_attrs)

static const IMFAttributesVtbl file_stream_attrs_vtbl = {
    SHIM_IUNKNOWN_VTBL(fsa_),
    SHIM_ATTRIBUTES_VTBL(fsa_),
};

static file_stream *fs_from(IMFByteStream *iface)
{
    return SHIM_FROM(file_stream, base, iface);
}

static int file_seek(FILE *f, QWORD pos)
{
#ifdef _WIN32
    return _fseeki64(f, (__int64)pos, SEEK_SET);
#else
    return fseeko(f, (off_t)pos, SEEK_SET);
#endif
}

static HRESULT STDMETHODCALLTYPE fs_GetCapabilities(IMFByteStream *This, DWORD *caps)
{
    (void)This;
    if (!caps)
        return E_POINTER;
    *caps = MFBYTESTREAM_IS_READABLE | MFBYTESTREAM_IS_SEEKABLE;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE fs_GetLength(IMFByteStream *This, QWORD *length)
{
    file_stream *fs = fs_from(This);
    if (!length)
        return E_POINTER;
    pthread_mutex_lock(&fs->lock);
    HRESULT hr = fs->f ? S_OK : MF_E_SHUTDOWN;
    *length = fs->length;
    pthread_mutex_unlock(&fs->lock);
    return hr;
}

static HRESULT STDMETHODCALLTYPE fs_SetLength(IMFByteStream *This, QWORD length)
{
    (void)This;
    (void)length;
    return E_ACCESSDENIED; /* opened for reading */
}

static HRESULT STDMETHODCALLTYPE fs_GetCurrentPosition(IMFByteStream *This, QWORD *pos)
{
    file_stream *fs = fs_from(This);
    if (!pos)
        return E_POINTER;
    pthread_mutex_lock(&fs->lock);
    HRESULT hr = fs->f ? S_OK : MF_E_SHUTDOWN;
    *pos = fs->pos;
    pthread_mutex_unlock(&fs->lock);
    return hr;
}

static HRESULT STDMETHODCALLTYPE fs_SetCurrentPosition(IMFByteStream *This, QWORD pos)
{
    file_stream *fs = fs_from(This);
    pthread_mutex_lock(&fs->lock);
    HRESULT hr = !fs->f ? MF_E_SHUTDOWN : pos > fs->length ? E_INVALIDARG : S_OK;
    if (SUCCEEDED(hr))
        fs->pos = pos;
    pthread_mutex_unlock(&fs->lock);
    return hr;
}

static HRESULT STDMETHODCALLTYPE fs_IsEndOfStream(IMFByteStream *This, BOOL *end)
{
    file_stream *fs = fs_from(This);
    if (!end)
        return E_POINTER;
    pthread_mutex_lock(&fs->lock);
    HRESULT hr = fs->f ? S_OK : MF_E_SHUTDOWN;
    *end = fs->pos >= fs->length;
    pthread_mutex_unlock(&fs->lock);
    return hr;
}

static HRESULT file_read(file_stream *fs, BYTE *buf, ULONG size, ULONG *done)
{
    *done = 0;
    pthread_mutex_lock(&fs->lock);
    HRESULT hr = !fs->f ? MF_E_SHUTDOWN : file_seek(fs->f, fs->pos) ? E_FAIL : S_OK;
    if (SUCCEEDED(hr) && size) {
        size_t n = fread(buf, 1, size, fs->f);
        if (n < size && ferror(fs->f))
            hr = E_FAIL;
        fs->pos += n;
        *done = (ULONG)n;
    }
    pthread_mutex_unlock(&fs->lock);
    return hr;
}

static HRESULT STDMETHODCALLTYPE fs_Read(IMFByteStream *This, BYTE *buf, ULONG size, ULONG *done)
{
    ULONG n;
    if (!buf || !done)
        return E_POINTER;
    HRESULT hr = file_read(fs_from(This), buf, size, &n);
    *done = n;
    return hr;
}

/* The result's object for BeginRead: how many bytes the read gave. */
typedef struct read_op {
    shim_obj base;
    ULONG done;
} read_op;

static const shim_class read_op_class = { "byte stream read", NULL, NULL };

SHIM_IUNKNOWN(rop_, IUnknown, read_op, base)

static const IUnknownVtbl read_op_vtbl = { SHIM_IUNKNOWN_VTBL(rop_) };

/* The read is done at once; the callback still runs on the worker thread. */
static HRESULT STDMETHODCALLTYPE fs_BeginRead(IMFByteStream *This, BYTE *buf, ULONG size,
                                              IMFAsyncCallback *callback, IUnknown *state)
{
    if (!buf || !callback)
        return E_POINTER;
    read_op *op = shim_obj_new(sizeof(*op), &read_op_class, &read_op_vtbl);
    if (!op)
        return E_OUTOFMEMORY;
    HRESULT status = file_read(fs_from(This), buf, size, &op->done);
    IMFAsyncResult *result = NULL;
    HRESULT hr = MFCreateAsyncResult((IUnknown *)&op->base, callback, state, &result);
    shim_obj_release(&op->base);
    if (SUCCEEDED(hr)) {
        IMFAsyncResult_SetStatus(result, status);
        hr = shim_invoke_async(callback, result);
        IMFAsyncResult_Release(result);
    }
    return hr;
}

static HRESULT STDMETHODCALLTYPE fs_EndRead(IMFByteStream *This, IMFAsyncResult *result,
                                            ULONG *done)
{
    (void)This;
    if (!result || !done)
        return E_POINTER;
    *done = 0;
    IUnknown *obj = NULL;
    if (FAILED(IMFAsyncResult_GetObject(result, &obj)))
        return E_INVALIDARG;
    read_op *op = shim_obj_cast(obj, &read_op_class);
    if (op)
        *done = op->done;
    IUnknown_Release(obj);
    return op ? IMFAsyncResult_GetStatus(result) : E_INVALIDARG;
}

static HRESULT STDMETHODCALLTYPE fs_Write(IMFByteStream *This, const BYTE *buf, ULONG size,
                                          ULONG *done)
{
    (void)This;
    (void)buf;
    (void)size;
    if (done)
        *done = 0;
    return E_ACCESSDENIED;
}

static HRESULT STDMETHODCALLTYPE fs_BeginWrite(IMFByteStream *This, const BYTE *buf, ULONG size,
                                               IMFAsyncCallback *callback, IUnknown *state)
{
    (void)This;
    (void)buf;
    (void)size;
    (void)callback;
    (void)state;
    return E_ACCESSDENIED;
}

static HRESULT STDMETHODCALLTYPE fs_EndWrite(IMFByteStream *This, IMFAsyncResult *result,
                                             ULONG *done)
{
    (void)This;
    (void)result;
    if (done)
        *done = 0;
    return E_INVALIDARG; /* no write was ever begun */
}

static HRESULT STDMETHODCALLTYPE fs_Seek(IMFByteStream *This, MFBYTESTREAM_SEEK_ORIGIN origin,
                                         LONGLONG offset, DWORD flags, QWORD *newpos)
{
    file_stream *fs = fs_from(This);
    (void)flags;
    pthread_mutex_lock(&fs->lock);
    LONGLONG from = origin == msoCurrent ? (LONGLONG)fs->pos : 0;
    HRESULT hr = !fs->f ? MF_E_SHUTDOWN
                 : (origin != msoBegin && origin != msoCurrent) || from + offset < 0 ||
                       (QWORD)(from + offset) > fs->length
                     ? E_INVALIDARG
                     : S_OK;
    if (SUCCEEDED(hr))
        fs->pos = (QWORD)(from + offset);
    if (newpos)
        *newpos = fs->pos;
    pthread_mutex_unlock(&fs->lock);
    return hr;
}

static HRESULT STDMETHODCALLTYPE fs_Flush(IMFByteStream *This)
{
    (void)This;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE fs_Close(IMFByteStream *This)
{
    file_stream *fs = fs_from(This);
    pthread_mutex_lock(&fs->lock);
    if (fs->f)
        fclose(fs->f);
    fs->f = NULL;
    pthread_mutex_unlock(&fs->lock);
    return S_OK;
}

static const IMFByteStreamVtbl file_stream_vtbl = {
    SHIM_IUNKNOWN_VTBL(fs_),
    .GetCapabilities = fs_GetCapabilities,
    .GetLength = fs_GetLength,
    .SetLength = fs_SetLength,
    .GetCurrentPosition = fs_GetCurrentPosition,
    .SetCurrentPosition = fs_SetCurrentPosition,
    .IsEndOfStream = fs_IsEndOfStream,
    .Read = fs_Read,
    .BeginRead = fs_BeginRead,
    .EndRead = fs_EndRead,
    .Write = fs_Write,
    .BeginWrite = fs_BeginWrite,
    .EndWrite = fs_EndWrite,
    .Seek = fs_Seek,
    .Flush = fs_Flush,
    .Close = fs_Close,
};

/* A UTF-8 path opened for reading (wide on Windows, where fopen would take
 * the ANSI code page). */
static FILE *open_read(const char *path)
{
#ifdef _WIN32
    LPWSTR w = shim_utf8_to_wcs(path);
    FILE *f = w ? _wfopen(w, L"rb") : NULL;
    CoTaskMemFree(w);
    return f;
#else
    return fopen(path, "rb");
#endif
}

static int64_t file_size_of(const char *path)
{
#ifdef _WIN32
    struct _stati64 st;
    LPWSTR w = shim_utf8_to_wcs(path);
    int err = w ? _wstati64(w, &st) : -1;
    CoTaskMemFree(w);
#else
    struct stat st;
    int err = stat(path, &st);
#endif
    return err || !S_ISREG(st.st_mode) ? -1 : (int64_t)st.st_size;
}

static HRESULT file_stream_create(const char *path, IUnknown **out)
{
    *out = NULL;
    int64_t size = file_size_of(path);
    FILE *f = size >= 0 ? open_read(path) : NULL;
    if (!f)
        return size >= 0 && errno == EACCES ? E_ACCESSDENIED
                                            : HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    file_stream *fs = shim_obj_new(sizeof(*fs), &file_stream_class, &file_stream_vtbl);
    if (!fs) {
        fclose(f);
        return E_OUTOFMEMORY;
    }
    fs->ap.base = &file_stream_attrs_vtbl;
    fs->f = f;
    fs->length = (QWORD)size;
    fs->lock_ready = mutex_init(&fs->lock);
    HRESULT hr = fs->lock_ready ? shim_attrs_init(&fs->ap.attrs) : E_OUTOFMEMORY;
    if (FAILED(hr)) {
        shim_obj_release(&fs->base);
        return hr;
    }
    *out = (IUnknown *)&fs->base;
    return S_OK;
}

/* ============================================ msess_io over an IMFByteStream */

static int bs_read(void *userdata, uint8_t *buf, int size)
{
    ULONG done = 0;
    if (size <= 0)
        return 0;
    if (FAILED(IMFByteStream_Read((IMFByteStream *)userdata, buf, (ULONG)size, &done)))
        return MSESS_EIO;
    return (int)done;
}

static int64_t bs_seek(void *userdata, int64_t offset, int whence)
{
    IMFByteStream *bs = userdata;
    QWORD base = 0;
    HRESULT hr = S_OK;
    if (whence == SEEK_CUR)
        hr = IMFByteStream_GetCurrentPosition(bs, &base);
    else if (whence == SEEK_END)
        hr = IMFByteStream_GetLength(bs, &base);
    else if (whence != SEEK_SET)
        return MSESS_EINVAL;
    if (FAILED(hr))
        return MSESS_EIO;
    int64_t target = (int64_t)base + offset;
    if (target < 0)
        return MSESS_EINVAL;
    if (FAILED(IMFByteStream_SetCurrentPosition(bs, (QWORD)target)))
        return MSESS_EIO;
    return target;
}

/* Windows streams of unknown length answer (QWORD)-1. */
static int64_t bs_size(void *userdata)
{
    QWORD length;
    if (FAILED(IMFByteStream_GetLength((IMFByteStream *)userdata, &length)) ||
        length > (QWORD)INT64_MAX)
        return MSESS_EIO;
    return (int64_t)length;
}

static void bs_close(void *userdata)
{
    IMFByteStream_Release((IMFByteStream *)userdata);
}

/* ================================================================ resolving */

static HRESULT check_flags(DWORD flags)
{
    DWORD kinds = flags & (MF_RESOLUTION_MEDIASOURCE | MF_RESOLUTION_BYTESTREAM);
    if (kinds == (MF_RESOLUTION_MEDIASOURCE | MF_RESOLUTION_BYTESTREAM))
        return MF_E_SOURCERESOLVER_MUTUALLY_EXCLUSIVE_FLAGS;
    return kinds ? S_OK : E_INVALIDARG;
}

/* Errors of msess_source_open as the resolver reports them: content no
 * demuxer takes is MF_E_UNSUPPORTED_BYTESTREAM_TYPE (0xC00D36C4, what
 * Windows gives for unplayable or corrupt files). */
static HRESULT open_hr(int err)
{
    switch (err) {
    case MSESS_ENOENT: return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    case MSESS_EUNSUPPORTED:
    case MSESS_EINVALIDDATA:
    case MSESS_EEXTERNAL: return MF_E_UNSUPPORTED_BYTESTREAM_TYPE;
    default: return shim_hr(err);
    }
}

static msess_source_settings source_settings(void)
{
    msess_source_settings s;
    msess_source_default_settings(&s);
    s.log = shim_logger();
    return s;
}

/* A media source or byte stream for a parsed URL (see parse_url). */
static HRESULT open_target(const char *target, bool is_file, DWORD flags, MF_OBJECT_TYPE *type,
                           IUnknown **obj)
{
    if (flags & MF_RESOLUTION_BYTESTREAM) {
        *type = MF_OBJECT_BYTESTREAM;
        /* Only local files: network byte streams are FFmpeg's business. */
        return is_file ? file_stream_create(target, obj) : MF_E_UNSUPPORTED_SCHEME;
    }
    *type = MF_OBJECT_MEDIASOURCE;
    msess_source_settings s = source_settings();
    msess_source *src = NULL;
    int err = msess_source_open(&src, target, &s);
    if (err < 0)
        return open_hr(err);
    return media_source_create(src, is_file ? file_size_of(target) : -1, obj);
}

/* A media source reading bs. */
static HRESULT open_stream(IMFByteStream *bs, IUnknown **obj)
{
    DWORD caps = 0;
    QWORD length = 0;
    IMFByteStream_GetCapabilities(bs, &caps);
    bool seekable = caps & MFBYTESTREAM_IS_SEEKABLE;
    /* Windows' handlers parse from the start of the stream. */
    if (seekable)
        IMFByteStream_SetCurrentPosition(bs, 0);
    msess_io io = { .userdata = bs, .read = bs_read, .seek = seekable ? bs_seek : NULL,
                    .size = bs_size, .close = bs_close };
    msess_source_settings s = source_settings();
    msess_source *src = NULL;
    IMFByteStream_AddRef(bs); /* the source's, released by bs_close */
    int err = msess_source_open_io(&src, &io, &s);
    if (err < 0) {
        IMFByteStream_Release(bs); /* io.close is not called on failure */
        return open_hr(err);
    }
    bool known = SUCCEEDED(IMFByteStream_GetLength(bs, &length)) && length <= (QWORD)INT64_MAX;
    return media_source_create(src, known ? (int64_t)length : -1, obj);
}

/* --------------------------------------------------------------- URL parsing */

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decode %XX in place. */
static void percent_decode(char *s)
{
    char *o = s;
    for (; *s; s++) {
        int hi, lo;
        if (s[0] == '%' && (hi = hex_value(s[1])) >= 0 && (lo = hex_value(s[2])) >= 0) {
            *o++ = (char)(hi * 16 + lo);
            s += 2;
        } else {
            *o++ = *s;
        }
    }
    *o = 0;
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_drive(const char *s)
{
    return is_alpha(s[0]) && (s[1] == ':' || s[1] == '|');
}

/* Length of the URL's scheme, 0 for none. One letter is a drive ("C:\"). */
static size_t scheme_length(const char *url)
{
    size_t n = 0;
    if (!is_alpha(url[0]))
        return 0;
    while (is_alpha(url[n]) || (url[n] >= '0' && url[n] <= '9') || url[n] == '+' ||
           url[n] == '-' || url[n] == '.')
        n++;
    return url[n] == ':' && n >= 2 ? n : 0;
}

/* Case-insensitive (ASCII) match of the n characters at s with word. */
static bool ascii_ieq(const char *s, size_t n, const char *word)
{
    if (strlen(word) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
        if (c != word[i])
            return false;
    }
    return true;
}

/* The path of a file: URL (after "file:"): file:///p, file://localhost/p,
 * file:/p, file:p, Windows drives (file:///C:/p, file://C:\p) and UNC hosts
 * (file://host/share). */
static char *file_url_path(const char *rest)
{
    const char *path = rest;
    const char *unc_host = NULL;
    size_t host_len = 0;
    if (rest[0] == '/' && rest[1] == '/') {
        const char *host = rest + 2;
        host_len = strcspn(host, "/\\");
        if (is_drive(host)) {
            path = host;
        } else {
            path = host + host_len;
            if (host_len && !ascii_ieq(host, host_len, "localhost"))
                unc_host = host;
        }
    }
    size_t prefix = unc_host ? host_len + 2 : 0;
    char *out = malloc(prefix + strlen(path) + 1);
    if (!out)
        return NULL;
    if (unc_host) {
        memcpy(out, "//", 2);
        memcpy(out + 2, unc_host, host_len);
    }
    strcpy(out + prefix, path);
    percent_decode(out);
#ifdef _WIN32
    if (out[0] == '/' && is_drive(out + 1))
        memmove(out, out + 1, strlen(out));
#endif
    if (is_drive(out))
        out[1] = ':';
    return out;
}

static bool network_scheme(const char *url, size_t n)
{
    static const char *const schemes[] = {
        "http", "https", "rtsp", "rtsps", "rtmp", "rtmps", "rtmpt", "mms", "mmsh",
        "mmst", "udp", "rtp", "srt", "tcp", "tls", "ftp", "sftp",
    };
    for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
        if (ascii_ieq(url, n, schemes[i]))
            return true;
    return false;
}

/* What msess opens for a resolver URL: a local path (is_file) or a URL
 * FFmpeg handles. MF_E_UNSUPPORTED_SCHEME for other schemes. */
static HRESULT parse_url(LPCWSTR wurl, char **target, bool *is_file)
{
    *target = NULL;
    char *url = shim_wcs_to_utf8(wurl);
    if (!url)
        return E_OUTOFMEMORY;
    if (!url[0]) {
        free(url);
        return E_INVALIDARG;
    }
    size_t n = scheme_length(url);
    *is_file = !n || ascii_ieq(url, n, "file");
    if (n && *is_file) {
        *target = file_url_path(url + 5);
        free(url);
        return *target ? S_OK : E_OUTOFMEMORY;
    }
    if (n && !network_scheme(url, n)) {
        free(url);
        return MF_E_UNSUPPORTED_SCHEME;
    }
    *target = url;
    return S_OK;
}

/* ========================================================= async requests
 * One object per Begin call: the cancel cookie and the result's object,
 * which holds the outcome until End takes it. The work runs on a thread of
 * its own (opening a network URL can take seconds), then the application's
 * callback runs on the shim's worker thread. */

typedef struct request {
    shim_obj base;
    pthread_mutex_t lock;
    bool lock_ready;
    bool from_stream;
    DWORD flags;
    char *target;
    bool is_file;
    IMFByteStream *stream;
    bool cancelled, taken;
    MF_OBJECT_TYPE type;
    IUnknown *object;
} request;

static void request_destroy(void *obj)
{
    request *r = obj;
    free(r->target);
    SHIM_RELEASE(r->stream);
    SHIM_RELEASE(r->object);
    if (r->lock_ready)
        pthread_mutex_destroy(&r->lock);
}

static const shim_class request_class = { "source resolver request", NULL, request_destroy };

SHIM_IUNKNOWN(req_, IUnknown, request, base)

static const IUnknownVtbl request_vtbl = { SHIM_IUNKNOWN_VTBL(req_) };

typedef struct job {
    request *req;
    IMFAsyncResult *result;
    IMFAsyncCallback *callback;
} job;

static void *request_thread(void *arg)
{
    job *j = arg;
    request *r = j->req;
    MF_OBJECT_TYPE type = MF_OBJECT_INVALID;
    IUnknown *obj = NULL;
    HRESULT hr = r->from_stream ? open_stream(r->stream, &obj)
                                : open_target(r->target, r->is_file, r->flags, &type, &obj);
    if (r->from_stream && SUCCEEDED(hr))
        type = MF_OBJECT_MEDIASOURCE;
    pthread_mutex_lock(&r->lock);
    if (r->cancelled)
        hr = MF_E_OPERATION_CANCELLED;
    if (SUCCEEDED(hr)) {
        r->object = obj;
        r->type = type;
        obj = NULL;
    }
    pthread_mutex_unlock(&r->lock);
    SHIM_RELEASE(obj);
    IMFAsyncResult_SetStatus(j->result, hr);
    shim_invoke_async(j->callback, j->result);
    IMFAsyncResult_Release(j->result);
    IMFAsyncCallback_Release(j->callback);
    shim_obj_release(&r->base);
    free(j);
    return NULL;
}

/* Start r's work; on success *cookie (optional) gets a reference to r. */
static HRESULT request_start(request *r, IMFAsyncCallback *callback, IUnknown *state,
                             IUnknown **cookie)
{
    job *j = calloc(1, sizeof(*j));
    if (!j)
        return E_OUTOFMEMORY;
    HRESULT hr = MFCreateAsyncResult((IUnknown *)&r->base, callback, state, &j->result);
    if (FAILED(hr)) {
        free(j);
        return hr;
    }
    j->req = r;
    j->callback = callback;
    shim_obj_addref(&r->base);
    IMFAsyncCallback_AddRef(callback);
    pthread_attr_t attr;
    pthread_t thread;
    int err = pthread_attr_init(&attr);
    if (!err) {
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        err = pthread_create(&thread, &attr, request_thread, j);
        pthread_attr_destroy(&attr);
    }
    if (err) {
        IMFAsyncResult_Release(j->result);
        IMFAsyncCallback_Release(callback);
        shim_obj_release(&r->base);
        free(j);
        return E_OUTOFMEMORY;
    }
    if (cookie) {
        shim_obj_addref(&r->base);
        *cookie = (IUnknown *)&r->base;
    }
    return S_OK;
}

static request *request_new(void)
{
    request *r = shim_obj_new(sizeof(*r), &request_class, &request_vtbl);
    if (r && !(r->lock_ready = mutex_init(&r->lock)))
        shim_obj_release(&r->base), r = NULL;
    if (r)
        r->type = MF_OBJECT_INVALID;
    return r;
}

/* End...: the outcome of the request behind result, once. */
static HRESULT request_end(IMFAsyncResult *result, bool from_stream, MF_OBJECT_TYPE *type,
                           IUnknown **obj)
{
    if (!result || !type || !obj)
        return E_POINTER;
    *obj = NULL;
    *type = MF_OBJECT_INVALID;
    IUnknown *o = NULL;
    if (FAILED(IMFAsyncResult_GetObject(result, &o)))
        return E_INVALIDARG;
    request *r = shim_obj_cast(o, &request_class);
    HRESULT hr = !r || r->from_stream != from_stream ? E_INVALIDARG
                                                      : IMFAsyncResult_GetStatus(result);
    if (SUCCEEDED(hr)) {
        pthread_mutex_lock(&r->lock);
        if (r->cancelled)
            hr = MF_E_OPERATION_CANCELLED;
        else if (r->taken || !r->object)
            hr = MF_E_INVALIDREQUEST;
        if (SUCCEEDED(hr)) {
            *obj = r->object;
            *type = r->type;
            r->object = NULL;
            r->taken = true;
        }
        pthread_mutex_unlock(&r->lock);
    }
    IUnknown_Release(o);
    return hr;
}

/* ============================================================ the resolver */

typedef struct resolver {
    shim_obj base;
} resolver;

static const shim_iface resolver_ifaces[] = {
    { &IID_IMFSourceResolver, 0 },
    { NULL, 0 },
};

static const shim_class resolver_class = { "IMFSourceResolver", resolver_ifaces, NULL };

SHIM_IUNKNOWN(res_, IMFSourceResolver, resolver, base)

/* The property store configures Windows' handlers; msess takes no such
 * options, so it is ignored. */
static HRESULT STDMETHODCALLTYPE res_CreateObjectFromURL(IMFSourceResolver *This, LPCWSTR url,
                                                         DWORD flags, IPropertyStore *props,
                                                         MF_OBJECT_TYPE *type, IUnknown **obj)
{
    (void)This;
    (void)props;
    if (!url || !type || !obj)
        return E_POINTER;
    *obj = NULL;
    *type = MF_OBJECT_INVALID;
    HRESULT hr = check_flags(flags);
    char *target = NULL;
    bool is_file = false;
    if (SUCCEEDED(hr))
        hr = parse_url(url, &target, &is_file);
    if (SUCCEEDED(hr))
        hr = open_target(target, is_file, flags, type, obj);
    free(target);
    if (FAILED(hr))
        *type = MF_OBJECT_INVALID;
    return hr;
}

/* The URL only names the stream for Windows' handler lookup: msess probes
 * the content itself. */
static HRESULT stream_flags(DWORD flags)
{
    HRESULT hr = check_flags(flags);
    return SUCCEEDED(hr) && !(flags & MF_RESOLUTION_MEDIASOURCE) ? E_INVALIDARG : hr;
}

static HRESULT STDMETHODCALLTYPE res_CreateObjectFromByteStream(IMFSourceResolver *This,
                                                                IMFByteStream *bs, LPCWSTR url,
                                                                DWORD flags,
                                                                IPropertyStore *props,
                                                                MF_OBJECT_TYPE *type,
                                                                IUnknown **obj)
{
    (void)This;
    (void)url;
    (void)props;
    if (!bs || !type || !obj)
        return E_POINTER;
    *obj = NULL;
    *type = MF_OBJECT_INVALID;
    HRESULT hr = stream_flags(flags);
    if (SUCCEEDED(hr))
        hr = open_stream(bs, obj);
    if (SUCCEEDED(hr))
        *type = MF_OBJECT_MEDIASOURCE;
    return hr;
}

/* Flags and scheme are checked at once, as the documented return codes
 * of Begin... say; opening is asynchronous. */
static HRESULT STDMETHODCALLTYPE res_BeginCreateObjectFromURL(IMFSourceResolver *This,
                                                              LPCWSTR url, DWORD flags,
                                                              IPropertyStore *props,
                                                              IUnknown **cookie,
                                                              IMFAsyncCallback *callback,
                                                              IUnknown *state)
{
    (void)This;
    (void)props;
    if (cookie)
        *cookie = NULL;
    if (!url || !callback)
        return E_POINTER;
    HRESULT hr = check_flags(flags);
    char *target = NULL;
    bool is_file = false;
    if (SUCCEEDED(hr))
        hr = parse_url(url, &target, &is_file);
    if (FAILED(hr))
        return hr;
    request *r = request_new();
    if (!r) {
        free(target);
        return E_OUTOFMEMORY;
    }
    r->target = target;
    r->is_file = is_file;
    r->flags = flags;
    hr = request_start(r, callback, state, cookie);
    shim_obj_release(&r->base);
    return hr;
}

static HRESULT STDMETHODCALLTYPE res_EndCreateObjectFromURL(IMFSourceResolver *This,
                                                            IMFAsyncResult *result,
                                                            MF_OBJECT_TYPE *type, IUnknown **obj)
{
    (void)This;
    return request_end(result, false, type, obj);
}

static HRESULT STDMETHODCALLTYPE res_BeginCreateObjectFromByteStream(
    IMFSourceResolver *This, IMFByteStream *bs, LPCWSTR url, DWORD flags, IPropertyStore *props,
    IUnknown **cookie, IMFAsyncCallback *callback, IUnknown *state)
{
    (void)This;
    (void)url;
    (void)props;
    if (cookie)
        *cookie = NULL;
    if (!bs || !callback)
        return E_POINTER;
    HRESULT hr = stream_flags(flags);
    if (FAILED(hr))
        return hr;
    request *r = request_new();
    if (!r)
        return E_OUTOFMEMORY;
    r->from_stream = true;
    r->flags = flags;
    r->stream = bs;
    IMFByteStream_AddRef(bs);
    hr = request_start(r, callback, state, cookie);
    shim_obj_release(&r->base);
    return hr;
}

static HRESULT STDMETHODCALLTYPE res_EndCreateObjectFromByteStream(IMFSourceResolver *This,
                                                                   IMFAsyncResult *result,
                                                                   MF_OBJECT_TYPE *type,
                                                                   IUnknown **obj)
{
    (void)This;
    return request_end(result, true, type, obj);
}

/* msess cannot interrupt an open in progress: the open finishes, its
 * object is dropped, and the callback still comes (as the documentation
 * allows) with MF_E_OPERATION_CANCELLED. */
static HRESULT STDMETHODCALLTYPE res_CancelObjectCreation(IMFSourceResolver *This,
                                                          IUnknown *cookie)
{
    (void)This;
    if (!cookie)
        return E_POINTER;
    request *r = shim_obj_cast(cookie, &request_class);
    if (!r)
        return E_INVALIDARG;
    pthread_mutex_lock(&r->lock);
    r->cancelled = true;
    IUnknown *drop = r->object;
    r->object = NULL;
    pthread_mutex_unlock(&r->lock);
    SHIM_RELEASE(drop);
    return S_OK;
}

static const IMFSourceResolverVtbl resolver_vtbl = {
    SHIM_IUNKNOWN_VTBL(res_),
    .CreateObjectFromURL = res_CreateObjectFromURL,
    .CreateObjectFromByteStream = res_CreateObjectFromByteStream,
    .BeginCreateObjectFromURL = res_BeginCreateObjectFromURL,
    .EndCreateObjectFromURL = res_EndCreateObjectFromURL,
    .BeginCreateObjectFromByteStream = res_BeginCreateObjectFromByteStream,
    .EndCreateObjectFromByteStream = res_EndCreateObjectFromByteStream,
    .CancelObjectCreation = res_CancelObjectCreation,
};

HRESULT WINAPI MFCreateSourceResolver(IMFSourceResolver **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    resolver *r = shim_obj_new(sizeof(*r), &resolver_class, &resolver_vtbl);
    if (!r)
        return E_OUTOFMEMORY;
    *out = (IMFSourceResolver *)&r->base;
    return S_OK;
}

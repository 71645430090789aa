/* IMFMediaType (MFCreateMediaType), the IMFMediaTypeHandler of stream
 * descriptors, and the translation between msess media types and Media
 * Foundation's attribute-based ones. */
#include <stdlib.h>
#include <string.h>

#include "shim.h"

/* Newer SDK names missing from some headers, under private names. */
static const GUID shim_MFMediaType_Subtitle = {
    0xa6d13581, 0xed50, 0x4e65, { 0xae, 0x08, 0x26, 0x06, 0x55, 0x76, 0xaa, 0xcc }
};
static const GUID shim_MFAudioFormat_Vorbis = {
    0x8d2fd10b, 0x5841, 0x4a6b, { 0x89, 0x05, 0x58, 0x8f, 0xec, 0x1a, 0xde, 0xd9 }
};

/* ---------------------------------------------------------------- media type */

typedef struct media_type {
    shim_obj base;
    shim_attrs attrs;
} media_type;

static void media_type_destroy(void *obj)
{
    media_type *t = obj;
    shim_attrs_free(&t->attrs);
}

static const shim_iface media_type_ifaces[] = {
    { &IID_IMFMediaType, 0 },
    { &IID_IMFAttributes, 0 },
    { NULL, 0 },
};

static const shim_class media_type_class = {
    "IMFMediaType", media_type_ifaces, media_type_destroy
};

SHIM_IUNKNOWN(mt_, IMFMediaType, media_type, base)
SHIM_ATTRIBUTES(mt_, IMFMediaType, media_type)

static HRESULT STDMETHODCALLTYPE mt_GetMajorType(IMFMediaType *This, GUID *major)
{
    if (!major)
        return E_POINTER;
    return shim_attrs_GetGUID(SHIM__A(media_type, This), &MF_MT_MAJOR_TYPE, major);
}

/* Windows looks at MF_MT_ALL_SAMPLES_INDEPENDENT only: a type without it is
 * "compressed", whatever MF_MT_COMPRESSED says. */
static HRESULT STDMETHODCALLTYPE mt_IsCompressedFormat(IMFMediaType *This, BOOL *compressed)
{
    UINT32 independent = 0;
    if (!compressed)
        return E_POINTER;
    if (FAILED(shim_attrs_GetUINT32(SHIM__A(media_type, This), &MF_MT_ALL_SAMPLES_INDEPENDENT,
                                    &independent)))
        independent = 0;
    *compressed = !independent;
    return S_OK;
}

static bool skipped_in_format_data(REFGUID key)
{
    return IsEqualGUID(key, &MF_MT_USER_DATA) || IsEqualGUID(key, &MF_MT_FRAME_RATE_RANGE_MIN) ||
           IsEqualGUID(key, &MF_MT_FRAME_RATE_RANGE_MAX);
}

/* Every item of `fewer` (but the skipped ones) is in `more` with the same
 * value. */
static bool format_data_subset(IMFAttributes *fewer, IMFAttributes *more)
{
    UINT32 count = 0;
    IMFAttributes_GetCount(fewer, &count);
    for (UINT32 i = 0; i < count; i++) {
        GUID key;
        PROPVARIANT value;
        PropVariantInit(&value);
        if (FAILED(IMFAttributes_GetItemByIndex(fewer, i, &key, &value)))
            return false;
        BOOL same = TRUE;
        if (!skipped_in_format_data(&key)) {
            same = FALSE;
            IMFAttributes_CompareItem(more, &key, &value, &same);
        }
        PropVariantClear(&value);
        if (!same)
            return false;
    }
    return true;
}

static bool user_data_equal(IMFAttributes *a, IMFAttributes *b)
{
    PROPVARIANT va, vb;
    PropVariantInit(&va);
    PropVariantInit(&vb);
    bool has_a = SUCCEEDED(IMFAttributes_GetItem(a, &MF_MT_USER_DATA, &va));
    bool has_b = SUCCEEDED(IMFAttributes_GetItem(b, &MF_MT_USER_DATA, &vb));
    bool equal = !has_a && !has_b;
    if (has_a && has_b) {
        BOOL same = FALSE;
        IMFAttributes_CompareItem(b, &MF_MT_USER_DATA, &va, &same);
        equal = same;
    }
    PropVariantClear(&va);
    PropVariantClear(&vb);
    return equal;
}

/* The MF_MEDIATYPE_EQUAL_* flags as IMFMediaType::IsEqual documents them:
 * both types need a major type (else E_INVALIDARG); format data compares
 * the type with fewer items against the other. Works on foreign types. */
static HRESULT media_types_compare(IMFAttributes *a, IMFAttributes *b, DWORD *flags)
{
    GUID ma, mb, sa, sb;
    *flags = 0;
    if (FAILED(IMFAttributes_GetGUID(a, &MF_MT_MAJOR_TYPE, &ma)) ||
        FAILED(IMFAttributes_GetGUID(b, &MF_MT_MAJOR_TYPE, &mb)))
        return E_INVALIDARG;
    if (IsEqualGUID(&ma, &mb))
        *flags |= MF_MEDIATYPE_EQUAL_MAJOR_TYPES;
    bool has_sa = SUCCEEDED(IMFAttributes_GetGUID(a, &MF_MT_SUBTYPE, &sa));
    bool has_sb = SUCCEEDED(IMFAttributes_GetGUID(b, &MF_MT_SUBTYPE, &sb));
    if ((has_sa && has_sb && IsEqualGUID(&sa, &sb)) || (!has_sa && !has_sb))
        *flags |= MF_MEDIATYPE_EQUAL_FORMAT_TYPES;
    UINT32 ca = 0, cb = 0;
    IMFAttributes_GetCount(a, &ca);
    IMFAttributes_GetCount(b, &cb);
    if (cb < ca ? format_data_subset(b, a) : format_data_subset(a, b))
        *flags |= MF_MEDIATYPE_EQUAL_FORMAT_DATA;
    if (user_data_equal(a, b))
        *flags |= MF_MEDIATYPE_EQUAL_FORMAT_USER_DATA;
    const DWORD all = MF_MEDIATYPE_EQUAL_MAJOR_TYPES | MF_MEDIATYPE_EQUAL_FORMAT_TYPES |
                      MF_MEDIATYPE_EQUAL_FORMAT_DATA | MF_MEDIATYPE_EQUAL_FORMAT_USER_DATA;
    return *flags == all ? S_OK : S_FALSE;
}

static HRESULT STDMETHODCALLTYPE mt_IsEqual(IMFMediaType *This, IMFMediaType *other, DWORD *flags)
{
    if (!flags)
        return E_POINTER;
    *flags = 0;
    if (!other)
        return E_INVALIDARG;
    return media_types_compare((IMFAttributes *)This, (IMFAttributes *)other, flags);
}

/* AM_MEDIA_TYPE, WAVEFORMATEX and MFVIDEOFORMAT representations are
 * DirectShow-era structures nothing in msess needs; declined with the code
 * Windows uses for representations it does not know. */
static HRESULT STDMETHODCALLTYPE mt_GetRepresentation(IMFMediaType *This, GUID kind, void **out)
{
    (void)This;
    (void)kind;
    if (!out)
        return E_POINTER;
    *out = NULL;
    return MF_E_UNSUPPORTED_REPRESENTATION;
}

static HRESULT STDMETHODCALLTYPE mt_FreeRepresentation(IMFMediaType *This, GUID kind, void *rep)
{
    (void)This;
    (void)kind;
    (void)rep;
    return MF_E_UNSUPPORTED_REPRESENTATION;
}

static const IMFMediaTypeVtbl media_type_vtbl = {
    SHIM_IUNKNOWN_VTBL(mt_),
    SHIM_ATTRIBUTES_VTBL(mt_),
    .GetMajorType = mt_GetMajorType,
    .IsCompressedFormat = mt_IsCompressedFormat,
    .IsEqual = mt_IsEqual,
    .GetRepresentation = mt_GetRepresentation,
    .FreeRepresentation = mt_FreeRepresentation,
};

HRESULT WINAPI MFCreateMediaType(IMFMediaType **out)
{
    if (!out)
        return E_INVALIDARG;
    *out = NULL;
    media_type *t = shim_attrs_obj_new(sizeof(*t), &media_type_class, &media_type_vtbl, offsetof(media_type, attrs));
    if (!t)
        return E_OUTOFMEMORY;
    *out = (IMFMediaType *)&t->base;
    return S_OK;
}

/* -------------------------------------------------------- media type handler
 * A separate object (its own identity) that the stream descriptor holds;
 * it does not keep the descriptor alive. Types are held by reference, not
 * copied: a change to one shows through the handler, as on Windows. */

typedef struct type_handler {
    shim_obj base;
    pthread_mutex_t lock;
    bool lock_ready;
    IMFMediaType **types;
    DWORD count;
    IMFMediaType *current;
} type_handler;

static void type_handler_destroy(void *obj)
{
    type_handler *h = obj;
    for (DWORD i = 0; i < h->count; i++)
        SHIM_RELEASE(h->types[i]);
    free(h->types);
    SHIM_RELEASE(h->current);
    if (h->lock_ready)
        pthread_mutex_destroy(&h->lock);
}

static const shim_iface type_handler_ifaces[] = {
    { &IID_IMFMediaTypeHandler, 0 },
    { NULL, 0 },
};

static const shim_class type_handler_class = {
    "IMFMediaTypeHandler", type_handler_ifaces, type_handler_destroy
};

SHIM_IUNKNOWN(th_, IMFMediaTypeHandler, type_handler, base)

static type_handler *th_from(IMFMediaTypeHandler *iface)
{
    return SHIM_FROM(type_handler, base, iface);
}

/* A candidate is supported when it has the major type and subtype of the
 * current type or of one of the listed types. */
static bool type_matches(IMFMediaType *ours, IMFMediaType *candidate)
{
    const DWORD need = MF_MEDIATYPE_EQUAL_MAJOR_TYPES | MF_MEDIATYPE_EQUAL_FORMAT_TYPES;
    DWORD flags = 0;
    if (!ours || FAILED(media_types_compare((IMFAttributes *)ours, (IMFAttributes *)candidate,
                                            &flags)))
        return false;
    return (flags & need) == need;
}

static HRESULT STDMETHODCALLTYPE th_IsMediaTypeSupported(IMFMediaTypeHandler *This,
                                                         IMFMediaType *type,
                                                         IMFMediaType **closest)
{
    type_handler *h = th_from(This);
    if (!type)
        return E_POINTER;
    if (closest)
        *closest = NULL;
    pthread_mutex_lock(&h->lock);
    bool ok = type_matches(h->current, type);
    for (DWORD i = 0; !ok && i < h->count; i++)
        ok = type_matches(h->types[i], type);
    pthread_mutex_unlock(&h->lock);
    return ok ? S_OK : MF_E_INVALIDMEDIATYPE;
}

static HRESULT STDMETHODCALLTYPE th_GetMediaTypeCount(IMFMediaTypeHandler *This, DWORD *count)
{
    if (!count)
        return E_POINTER;
    *count = th_from(This)->count;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE th_GetMediaTypeByIndex(IMFMediaTypeHandler *This, DWORD index,
                                                        IMFMediaType **type)
{
    type_handler *h = th_from(This);
    if (!type)
        return E_POINTER;
    if (index >= h->count)
        return MF_E_NO_MORE_TYPES;
    *type = h->types[index];
    IMFMediaType_AddRef(*type);
    return S_OK;
}

/* Windows takes any type here, listed or not. */
static HRESULT STDMETHODCALLTYPE th_SetCurrentMediaType(IMFMediaTypeHandler *This,
                                                        IMFMediaType *type)
{
    type_handler *h = th_from(This);
    if (!type)
        return E_POINTER;
    IMFMediaType_AddRef(type);
    pthread_mutex_lock(&h->lock);
    IMFMediaType *old = h->current;
    h->current = type;
    pthread_mutex_unlock(&h->lock);
    SHIM_RELEASE(old);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE th_GetCurrentMediaType(IMFMediaTypeHandler *This,
                                                        IMFMediaType **type)
{
    type_handler *h = th_from(This);
    if (!type)
        return E_POINTER;
    pthread_mutex_lock(&h->lock);
    *type = h->current;
    if (*type)
        IMFMediaType_AddRef(*type);
    pthread_mutex_unlock(&h->lock);
    return *type ? S_OK : MF_E_NOT_INITIALIZED;
}

/* The current type's major type, or the first listed type's. */
static HRESULT STDMETHODCALLTYPE th_GetMajorType(IMFMediaTypeHandler *This, GUID *major)
{
    type_handler *h = th_from(This);
    if (!major)
        return E_POINTER;
    pthread_mutex_lock(&h->lock);
    IMFMediaType *t = h->current ? h->current : h->types[0];
    HRESULT hr = IMFMediaType_GetGUID(t, &MF_MT_MAJOR_TYPE, major);
    pthread_mutex_unlock(&h->lock);
    return hr;
}

static const IMFMediaTypeHandlerVtbl type_handler_vtbl = {
    SHIM_IUNKNOWN_VTBL(th_),
    .IsMediaTypeSupported = th_IsMediaTypeSupported,
    .GetMediaTypeCount = th_GetMediaTypeCount,
    .GetMediaTypeByIndex = th_GetMediaTypeByIndex,
    .SetCurrentMediaType = th_SetCurrentMediaType,
    .GetCurrentMediaType = th_GetCurrentMediaType,
    .GetMajorType = th_GetMajorType,
};

HRESULT shim_type_handler_create(DWORD count, IMFMediaType **types, IMFMediaTypeHandler **out)
{
    *out = NULL;
    if (!count)
        return E_INVALIDARG;
    if (!types)
        return E_POINTER;
    for (DWORD i = 0; i < count; i++)
        if (!types[i])
            return E_POINTER;
    type_handler *h = shim_obj_new(sizeof(*h), &type_handler_class, &type_handler_vtbl);
    if (!h)
        return E_OUTOFMEMORY;
    h->lock_ready = !pthread_mutex_init(&h->lock, NULL);
    h->types = calloc(count, sizeof(*h->types));
    if (!h->lock_ready || !h->types) {
        shim_obj_release(&h->base);
        return E_OUTOFMEMORY;
    }
    for (DWORD i = 0; i < count; i++) {
        h->types[i] = types[i];
        IMFMediaType_AddRef(types[i]);
    }
    h->count = count;
    *out = (IMFMediaTypeHandler *)&h->base;
    return S_OK;
}

/* ------------------------------------------------------ msess -> MF subtypes */

#define SHIM_FOURCC(a, b, c, d) \
    ((DWORD)(BYTE)(a) | ((DWORD)(BYTE)(b) << 8) | ((DWORD)(BYTE)(c) << 16) | ((DWORD)(BYTE)(d) << 24))

/* WAVE_FORMAT_* tags that have no MFAudioFormat_* name. */
enum {
    SHIM_WAVE_ADPCM = 0x0002,
    SHIM_WAVE_ALAW = 0x0006,
    SHIM_WAVE_MULAW = 0x0007,
    SHIM_WAVE_IMA_ADPCM = 0x0011,
    SHIM_WAVE_MSAUDIO1 = 0x0160,
};

typedef struct codec_subtype {
    const char *codec; /* FFmpeg codec name */
    const GUID *subtype;
    DWORD tag;         /* when subtype is NULL: Data1 on the format base GUID */
    bool intra_only;   /* video: every frame is a key frame */
} codec_subtype;

static const codec_subtype video_codecs[] = {
    { "h264", &MFVideoFormat_H264, 0, false },
    { "hevc", &MFVideoFormat_HEVC, 0, false },
    /* Windows' MP4 source reports MPEG-4 part 2 as M4S2 (Wine's tests). */
    { "mpeg4", &MFVideoFormat_M4S2, 0, false },
    { "msmpeg4v3", &MFVideoFormat_MP43, 0, false },
    { "msmpeg4v2", NULL, SHIM_FOURCC('M', 'P', '4', '2'), false },
    { "msmpeg4v1", NULL, SHIM_FOURCC('M', 'P', 'G', '4'), false },
    { "wmv1", &MFVideoFormat_WMV1, 0, false },
    { "wmv2", &MFVideoFormat_WMV2, 0, false },
    { "wmv3", &MFVideoFormat_WMV3, 0, false },
    { "vc1", &MFVideoFormat_WVC1, 0, false },
    { "vp8", &MFVideoFormat_VP80, 0, false },
    { "vp9", &MFVideoFormat_VP90, 0, false },
    { "av1", &MFVideoFormat_AV1, 0, false },
    { "mjpeg", &MFVideoFormat_MJPG, 0, true },
    { "mpeg2video", &MFVideoFormat_MPEG2, 0, false },
    { "mpeg1video", &MFVideoFormat_MPG1, 0, false },
    { "h263", &MFVideoFormat_H263, 0, false },
    { "dvvideo", &MFVideoFormat_DVSD, 0, true },
    { "theora", NULL, SHIM_FOURCC('t', 'h', 'e', 'o'), false },
};

static const codec_subtype audio_codecs[] = {
    { "aac", &MFAudioFormat_AAC, 0, false },
    { "mp3", &MFAudioFormat_MP3, 0, false },
    { "mp2", &MFAudioFormat_MPEG, 0, false },
    { "mp1", &MFAudioFormat_MPEG, 0, false },
    { "ac3", &MFAudioFormat_Dolby_AC3, 0, false },
    { "eac3", &MFAudioFormat_Dolby_DDPlus, 0, false },
    { "dts", &MFAudioFormat_DTS, 0, false },
    { "flac", &MFAudioFormat_FLAC, 0, false },
    { "alac", &MFAudioFormat_ALAC, 0, false },
    { "opus", &MFAudioFormat_Opus, 0, false },
    { "vorbis", &shim_MFAudioFormat_Vorbis, 0, false },
    { "wmav1", NULL, SHIM_WAVE_MSAUDIO1, false },
    { "wmav2", &MFAudioFormat_WMAudioV8, 0, false },
    { "wmapro", &MFAudioFormat_WMAudioV9, 0, false },
    { "wmalossless", &MFAudioFormat_WMAudio_Lossless, 0, false },
    { "amr_nb", &MFAudioFormat_AMR_NB, 0, false },
    { "amr_wb", &MFAudioFormat_AMR_WB, 0, false },
    { "pcm_alaw", NULL, SHIM_WAVE_ALAW, false },
    { "pcm_mulaw", NULL, SHIM_WAVE_MULAW, false },
    { "adpcm_ms", NULL, SHIM_WAVE_ADPCM, false },
    { "adpcm_ima_wav", NULL, SHIM_WAVE_IMA_ADPCM, false },
};

static GUID guid_with_tag(const GUID *base, DWORD tag)
{
    GUID g = *base;
    g.Data1 = tag;
    return g;
}

static const codec_subtype *find_codec(const codec_subtype *table, size_t n, const char *codec)
{
    for (size_t i = 0; codec && i < n; i++)
        if (!strcmp(table[i].codec, codec))
            return &table[i];
    return NULL;
}

/* A codec with no Media Foundation name gets a subtype on the format base
 * whose FOURCC is the first four characters of its FFmpeg name, so that two
 * streams of one codec still compare equal. (msess does not expose the
 * container's codec tag, which Windows would use.) */
static DWORD fourcc_from_name(const char *name)
{
    char c[4] = { ' ', ' ', ' ', ' ' };
    for (int i = 0; i < 4 && name && name[i]; i++)
        c[i] = name[i];
    return SHIM_FOURCC(c[0], c[1], c[2], c[3]);
}

static GUID compressed_subtype(const codec_subtype *table, size_t n, const GUID *base,
                               const char *codec, bool *intra_only)
{
    const codec_subtype *c = find_codec(table, n, codec);
    *intra_only = c && c->intra_only;
    if (c && c->subtype)
        return *c->subtype;
    return guid_with_tag(base, c ? c->tag : fourcc_from_name(codec));
}

/* Little-endian linear PCM codecs ("pcm_s16le", "pcm_f32le", "pcm_u8"):
 * their MF subtype (PCM or Float) and bits per sample; false otherwise. */
static bool pcm_codec(const char *codec, GUID *subtype, UINT32 *bits)
{
    static const struct { const char *name; bool is_float; UINT32 bits; } pcm[] = {
        { "pcm_u8", false, 8 },     { "pcm_s16le", false, 16 }, { "pcm_s24le", false, 24 },
        { "pcm_s32le", false, 32 }, { "pcm_f32le", true, 32 },  { "pcm_f64le", true, 64 },
    };
    for (size_t i = 0; codec && i < sizeof(pcm) / sizeof(pcm[0]); i++) {
        if (!strcmp(codec, pcm[i].name)) {
            *subtype = pcm[i].is_float ? MFAudioFormat_Float : MFAudioFormat_PCM;
            *bits = pcm[i].bits;
            return true;
        }
    }
    return false;
}

typedef struct raw_video_format {
    enum msess_pixel_format pix;
    const GUID *subtype;
    UINT32 bytes; /* per sample of the first plane */
    bool yuv420;  /* plus chroma at half width and half height */
} raw_video_format;

/* msess RGB24 is R,G,B in memory but MF's RGB24 is B,G,R, and msess's
 * planar 4:2:2/4:4:4/10-bit formats have no MF FOURCC: not listed. */
static const raw_video_format raw_video_formats[] = {
    { MSESS_PIX_NV12, &MFVideoFormat_NV12, 1, true },
    { MSESS_PIX_YUV420P, &MFVideoFormat_I420, 1, true },
    { MSESS_PIX_P010, &MFVideoFormat_P010, 2, true },
    { MSESS_PIX_BGRA, &MFVideoFormat_RGB32, 4, false },
    { MSESS_PIX_GRAY8, &MFVideoFormat_L8, 1, false },
};

static const raw_video_format *find_raw_video(enum msess_pixel_format pix)
{
    for (size_t i = 0; i < sizeof(raw_video_formats) / sizeof(raw_video_formats[0]); i++)
        if (raw_video_formats[i].pix == pix)
            return &raw_video_formats[i];
    return NULL;
}

/* Bits per sample and float-ness of packed msess sample formats. */
static bool raw_audio_format(enum msess_sample_format f, GUID *subtype, UINT32 *bits)
{
    switch (f) {
    case MSESS_SAMPLE_U8:  *subtype = MFAudioFormat_PCM; *bits = 8; return true;
    case MSESS_SAMPLE_S16: *subtype = MFAudioFormat_PCM; *bits = 16; return true;
    case MSESS_SAMPLE_S32: *subtype = MFAudioFormat_PCM; *bits = 32; return true;
    case MSESS_SAMPLE_FLT: *subtype = MFAudioFormat_Float; *bits = 32; return true;
    case MSESS_SAMPLE_DBL: *subtype = MFAudioFormat_Float; *bits = 64; return true;
    default: return false; /* planar layouts have no MF equivalent */
    }
}

static UINT64 pack_pair(UINT32 hi, UINT32 lo)
{
    return ((UINT64)hi << 32) | lo;
}

/* ------------------------------------------------------- msess -> MF types */

static HRESULT set_video_common(IMFMediaType *mt, const msess_media_type *t)
{
    HRESULT hr = S_OK;
    if (t->width > 0 && t->height > 0)
        hr = IMFMediaType_SetUINT64(mt, &MF_MT_FRAME_SIZE,
                                    pack_pair((UINT32)t->width, (UINT32)t->height));
    if (SUCCEEDED(hr) && t->frame_rate.num > 0 && t->frame_rate.den > 0)
        hr = IMFMediaType_SetUINT64(mt, &MF_MT_FRAME_RATE,
                                    pack_pair((UINT32)t->frame_rate.num,
                                              (UINT32)t->frame_rate.den));
    /* Windows sources always give a pixel aspect ratio; unknown is square. */
    bool par_known = t->sample_aspect.num > 0 && t->sample_aspect.den > 0;
    if (SUCCEEDED(hr))
        hr = IMFMediaType_SetUINT64(mt, &MF_MT_PIXEL_ASPECT_RATIO,
                                    par_known ? pack_pair((UINT32)t->sample_aspect.num,
                                                          (UINT32)t->sample_aspect.den)
                                              : pack_pair(1, 1));
    return hr;
}

static HRESULT set_compressed_video(IMFMediaType *mt, const msess_media_type *t)
{
    bool intra_only = false;
    GUID subtype = compressed_subtype(video_codecs, sizeof(video_codecs) / sizeof(video_codecs[0]),
                                      &MFVideoFormat_Base, t->codec, &intra_only);
    HRESULT hr = IMFMediaType_SetGUID(mt, &MF_MT_SUBTYPE, &subtype);
    if (SUCCEEDED(hr))
        hr = set_video_common(mt, t);
    /* The demuxer does not know the field order: say so rather than guess. */
    if (SUCCEEDED(hr))
        hr = IMFMediaType_SetUINT32(mt, &MF_MT_INTERLACE_MODE,
                                    MFVideoInterlace_MixedInterlaceOrProgressive);
    if (SUCCEEDED(hr))
        hr = IMFMediaType_SetUINT32(mt, &MF_MT_COMPRESSED, TRUE);
    if (SUCCEEDED(hr))
        hr = IMFMediaType_SetUINT32(mt, &MF_MT_ALL_SAMPLES_INDEPENDENT, intra_only);
    return hr;
}

static HRESULT set_raw_video(IMFMediaType *mt, const msess_media_type *t)
{
    const raw_video_format *f = find_raw_video(t->pixel_format);
    if (!f)
        return MF_E_INVALIDMEDIATYPE;
    HRESULT hr = IMFMediaType_SetGUID(mt, &MF_MT_SUBTYPE, f->subtype);
    if (SUCCEEDED(hr))
        hr = set_video_common(mt, t);
    if (SUCCEEDED(hr))
        hr = IMFMediaType_SetUINT32(mt, &MF_MT_INTERLACE_MODE, MFVideoInterlace_Progressive);
    if (SUCCEEDED(hr))
        hr = IMFMediaType_SetUINT32(mt, &MF_MT_ALL_SAMPLES_INDEPENDENT, TRUE);
    if (SUCCEEDED(hr))
        hr = IMFMediaType_SetUINT32(mt, &MF_MT_FIXED_SIZE_SAMPLES, TRUE);
    if (SUCCEEDED(hr) && t->width > 0 && t->height > 0) {
        /* msess frames are top-down: a positive stride, as MF means it;
         * sizes as MFCalculateImageSize gives them. */
        UINT32 w = (UINT32)t->width, h = (UINT32)t->height;
        UINT32 stride = w * f->bytes;
        UINT32 size = f->yuv420 ? ((w + 1) & ~1u) * f->bytes * h * 3 / 2 : stride * h;
        hr = IMFMediaType_SetUINT32(mt, &MF_MT_DEFAULT_STRIDE, stride);
        if (SUCCEEDED(hr))
            hr = IMFMediaType_SetUINT32(mt, &MF_MT_SAMPLE_SIZE, size);
    }
    return hr;
}

static HRESULT set_audio_common(IMFMediaType *mt, const msess_media_type *t)
{
    HRESULT hr = S_OK;
    if (t->channels > 0)
        hr = IMFMediaType_SetUINT32(mt, &MF_MT_AUDIO_NUM_CHANNELS, (UINT32)t->channels);
    if (SUCCEEDED(hr) && t->sample_rate > 0)
        hr = IMFMediaType_SetUINT32(mt, &MF_MT_AUDIO_SAMPLES_PER_SECOND, (UINT32)t->sample_rate);
    /* Every audio frame of these codecs decodes on its own. */
    if (SUCCEEDED(hr))
        hr = IMFMediaType_SetUINT32(mt, &MF_MT_ALL_SAMPLES_INDEPENDENT, TRUE);
    return hr;
}

/* PCM or float: bits, block alignment and byte rate follow from the rest. */
static HRESULT set_linear_audio(IMFMediaType *mt, const msess_media_type *t, const GUID *subtype,
                                UINT32 bits)
{
    HRESULT hr = IMFMediaType_SetGUID(mt, &MF_MT_SUBTYPE, subtype);
    if (SUCCEEDED(hr))
        hr = set_audio_common(mt, t);
    if (SUCCEEDED(hr))
        hr = IMFMediaType_SetUINT32(mt, &MF_MT_AUDIO_BITS_PER_SAMPLE, bits);
    if (SUCCEEDED(hr) && t->channels > 0) {
        UINT32 block = (UINT32)t->channels * (bits / 8);
        hr = IMFMediaType_SetUINT32(mt, &MF_MT_AUDIO_BLOCK_ALIGNMENT, block);
        if (SUCCEEDED(hr) && t->sample_rate > 0)
            hr = IMFMediaType_SetUINT32(mt, &MF_MT_AUDIO_AVG_BYTES_PER_SECOND,
                                        block * (UINT32)t->sample_rate);
    }
    return hr;
}

static HRESULT set_audio(IMFMediaType *mt, const msess_media_type *t)
{
    GUID subtype;
    UINT32 bits;
    if (!t->compressed)
        return raw_audio_format(t->sample_format, &subtype, &bits)
                   ? set_linear_audio(mt, t, &subtype, bits)
                   : MF_E_INVALIDMEDIATYPE;
    if (pcm_codec(t->codec, &subtype, &bits))
        return set_linear_audio(mt, t, &subtype, bits);
    bool intra_only;
    subtype = compressed_subtype(audio_codecs, sizeof(audio_codecs) / sizeof(audio_codecs[0]),
                                 &MFAudioFormat_Base, t->codec, &intra_only);
    HRESULT hr = IMFMediaType_SetGUID(mt, &MF_MT_SUBTYPE, &subtype);
    if (SUCCEEDED(hr))
        hr = set_audio_common(mt, t);
    if (SUCCEEDED(hr))
        hr = IMFMediaType_SetUINT32(mt, &MF_MT_COMPRESSED, TRUE);
    return hr;
}

static HRESULT set_other(IMFMediaType *mt, const msess_media_type *t)
{
    if (!t->codec)
        return S_OK;
    GUID subtype = guid_with_tag(&MFVideoFormat_Base, fourcc_from_name(t->codec));
    HRESULT hr = IMFMediaType_SetGUID(mt, &MF_MT_SUBTYPE, &subtype);
    if (SUCCEEDED(hr))
        hr = IMFMediaType_SetUINT32(mt, &MF_MT_COMPRESSED, TRUE);
    return hr;
}

static const GUID *major_of(enum msess_media_kind kind)
{
    switch (kind) {
    case MSESS_MEDIA_VIDEO: return &MFMediaType_Video;
    case MSESS_MEDIA_AUDIO: return &MFMediaType_Audio;
    case MSESS_MEDIA_SUBTITLE: return &shim_MFMediaType_Subtitle;
    case MSESS_MEDIA_DATA: return &MFMediaType_Binary;
    default: return &MFMediaType_Default;
    }
}

static bool is_raw_video(const msess_media_type *t)
{
    return !t->compressed || (t->codec && !strcmp(t->codec, "rawvideo"));
}

HRESULT shim_media_type_from_msess(const msess_media_type *t, IMFMediaType **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!t)
        return E_POINTER;
    IMFMediaType *mt;
    HRESULT hr = MFCreateMediaType(&mt);
    if (FAILED(hr))
        return hr;
    hr = IMFMediaType_SetGUID(mt, &MF_MT_MAJOR_TYPE, major_of(t->kind));
    /* Coded data of no known codec: the major type says all there is. */
    bool bare = t->compressed && !t->codec;
    if (SUCCEEDED(hr) && !bare) {
        if (t->kind == MSESS_MEDIA_VIDEO)
            hr = is_raw_video(t) ? set_raw_video(mt, t) : set_compressed_video(mt, t);
        else if (t->kind == MSESS_MEDIA_AUDIO)
            hr = set_audio(mt, t);
        else
            hr = set_other(mt, t);
    }
    if (FAILED(hr)) {
        IMFMediaType_Release(mt);
        return hr;
    }
    *out = mt;
    return S_OK;
}

/* ------------------------------------------------------- MF -> msess types */

static UINT32 get_u32(IMFMediaType *t, REFGUID key, UINT32 def)
{
    UINT32 v;
    return SUCCEEDED(IMFMediaType_GetUINT32(t, key, &v)) ? v : def;
}

static bool get_pair(IMFMediaType *t, REFGUID key, UINT32 *hi, UINT32 *lo)
{
    UINT64 v;
    if (FAILED(IMFMediaType_GetUINT64(t, key, &v)))
        return false;
    *hi = (UINT32)(v >> 32);
    *lo = (UINT32)v;
    return true;
}

/* MF's RGB32 and ARGB32 are B,G,R,X / B,G,R,A in memory: msess BGRA.
 * Not here: RGB24 (B,G,R; msess RGB24 is R,G,B), YV12 (Y,V,U planes;
 * msess YUV420P is Y,U,V: the sample grabber asks for I420 and swaps them)
 * and packed 4:2:2 (YUY2, UYVY), which msess has no name for. */
static enum msess_pixel_format pix_of_subtype(const GUID *subtype)
{
    static const struct { const GUID *subtype; enum msess_pixel_format pix; } map[] = {
        { &MFVideoFormat_RGB32, MSESS_PIX_BGRA }, { &MFVideoFormat_ARGB32, MSESS_PIX_BGRA },
        { &MFVideoFormat_NV12, MSESS_PIX_NV12 },  { &MFVideoFormat_I420, MSESS_PIX_YUV420P },
        { &MFVideoFormat_IYUV, MSESS_PIX_YUV420P }, { &MFVideoFormat_P010, MSESS_PIX_P010 },
        { &MFVideoFormat_L8, MSESS_PIX_GRAY8 },
    };
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (IsEqualGUID(subtype, map[i].subtype))
            return map[i].pix;
    return MSESS_PIX_NONE;
}

static HRESULT video_to_msess(IMFMediaType *t, const GUID *subtype, msess_media_type *out)
{
    out->pixel_format = pix_of_subtype(subtype);
    if (out->pixel_format == MSESS_PIX_NONE)
        return MF_E_INVALIDMEDIATYPE;
    out->codec = "rawvideo";
    UINT32 a, b;
    if (get_pair(t, &MF_MT_FRAME_SIZE, &a, &b)) {
        out->width = (int)a;
        out->height = (int)b;
    }
    if (get_pair(t, &MF_MT_FRAME_RATE, &a, &b) && b)
        out->frame_rate = (msess_rational){ (int)a, (int)b };
    if (get_pair(t, &MF_MT_PIXEL_ASPECT_RATIO, &a, &b) && b)
        out->sample_aspect = (msess_rational){ (int)a, (int)b };
    return S_OK;
}

/* A PCM request without a sample size asks for what decoders give most
 * often on Windows: 16 bits. */
static HRESULT audio_to_msess(IMFMediaType *t, const GUID *subtype, msess_media_type *out)
{
    UINT32 bits = get_u32(t, &MF_MT_AUDIO_BITS_PER_SAMPLE, 0);
    if (IsEqualGUID(subtype, &MFAudioFormat_PCM)) {
        switch (bits) {
        case 8: out->sample_format = MSESS_SAMPLE_U8; break;
        case 0:
        case 16: out->sample_format = MSESS_SAMPLE_S16; break;
        case 32: out->sample_format = MSESS_SAMPLE_S32; break;
        default: return MF_E_INVALIDMEDIATYPE;
        }
    } else if (IsEqualGUID(subtype, &MFAudioFormat_Float)) {
        if (bits == 0 || bits == 32)
            out->sample_format = MSESS_SAMPLE_FLT;
        else if (bits == 64)
            out->sample_format = MSESS_SAMPLE_DBL;
        else
            return MF_E_INVALIDMEDIATYPE;
    } else {
        return MF_E_INVALIDMEDIATYPE;
    }
    out->codec = "pcm";
    out->sample_rate = (int)get_u32(t, &MF_MT_AUDIO_SAMPLES_PER_SECOND, 0);
    out->channels = (int)get_u32(t, &MF_MT_AUDIO_NUM_CHANNELS, 0);
    return S_OK;
}

HRESULT shim_media_type_to_msess(IMFMediaType *t, msess_media_type *out)
{
    if (!t || !out)
        return E_POINTER;
    *out = (msess_media_type){ .ff_format = -1,
                               .sample_aspect = { 0, 1 },
                               .frame_rate = { 0, 1 } };
    GUID major, subtype;
    if (FAILED(IMFMediaType_GetGUID(t, &MF_MT_MAJOR_TYPE, &major)) ||
        FAILED(IMFMediaType_GetGUID(t, &MF_MT_SUBTYPE, &subtype)))
        return MF_E_INVALIDMEDIATYPE;
    HRESULT hr = MF_E_INVALIDMEDIATYPE;
    if (IsEqualGUID(&major, &MFMediaType_Video)) {
        out->kind = MSESS_MEDIA_VIDEO;
        hr = video_to_msess(t, &subtype, out);
    } else if (IsEqualGUID(&major, &MFMediaType_Audio)) {
        out->kind = MSESS_MEDIA_AUDIO;
        hr = audio_to_msess(t, &subtype, out);
    }
    if (FAILED(hr))
        *out = (msess_media_type){ .ff_format = -1 };
    return hr;
}

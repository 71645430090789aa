/* The shim's translation between msess media types and Media Foundation's
 * (shim_media_type_from_msess / shim_media_type_to_msess): subtypes, sizes,
 * rates, strides and sample sizes as MF defines them, byte orders (MF RGB32
 * is B,G,R,X in memory), and refusals where msess has no equivalent. Built
 * from the library's objects: these functions are not exported. */
#define _POSIX_C_SOURCE 200809L /* nanosleep */
#include "shim.h"

#include "src-util.h"

static IMFMediaType *from(const msess_media_type *t, HRESULT want)
{
    IMFMediaType *mt = (IMFMediaType *)(void *)1;
    CHECK_HR(shim_media_type_from_msess(t, &mt), want);
    if (FAILED(want))
        CHECK(mt == NULL);
    return SUCCEEDED(want) ? mt : NULL;
}

static GUID major_of(IMFMediaType *mt)
{
    GUID g = GUID_NULL;
    CHECK_HR(IMFMediaType_GetMajorType(mt, &g), S_OK);
    return g;
}

static bool is_compressed(IMFMediaType *mt)
{
    BOOL c = FALSE;
    CHECK_HR(IMFMediaType_IsCompressedFormat(mt, &c), S_OK);
    return c;
}

static void test_video_from_msess(void)
{
    msess_media_type h264 = { .kind = MSESS_MEDIA_VIDEO, .compressed = true, .codec = "h264",
                              .ff_format = -1, .width = 320, .height = 240,
                              .sample_aspect = { 0, 1 }, .frame_rate = { 25, 1 } };
    IMFMediaType *mt = from(&h264, S_OK);
    if (mt) {
        IMFAttributes *a = (IMFAttributes *)mt;
        GUID major = major_of(mt);
        CHECK(IsEqualGUID(&major, &MFMediaType_Video));
        check_subtype(mt, &MFVideoFormat_H264);
        CHECK(get_u64(a, &MF_MT_FRAME_SIZE) == ((UINT64)320 << 32 | 240));
        CHECK(get_u64(a, &MF_MT_FRAME_RATE) == ((UINT64)25 << 32 | 1));
        CHECK(get_u64(a, &MF_MT_PIXEL_ASPECT_RATIO) == ((UINT64)1 << 32 | 1));
        CHECK(get_u32(a, &MF_MT_COMPRESSED) == 1);
        CHECK(is_compressed(mt));
        IMFMediaType_Release(mt);
    }

    static const struct { const char *codec; const GUID *subtype; } codecs[] = {
        { "hevc", &MFVideoFormat_HEVC }, { "vp9", &MFVideoFormat_VP90 },
        { "vp8", &MFVideoFormat_VP80 },  { "av1", &MFVideoFormat_AV1 },
        { "wmv3", &MFVideoFormat_WMV3 }, { "vc1", &MFVideoFormat_WVC1 },
        { "mjpeg", &MFVideoFormat_MJPG }, { "mpeg2video", &MFVideoFormat_MPEG2 },
        { "mpeg4", &MFVideoFormat_M4S2 },
    };
    for (size_t i = 0; i < sizeof(codecs) / sizeof(codecs[0]); i++) {
        msess_media_type t = h264;
        t.codec = codecs[i].codec;
        mt = from(&t, S_OK);
        if (mt) {
            check_subtype(mt, codecs[i].subtype);
            IMFMediaType_Release(mt);
        }
    }
    /* Intra-only codecs: every sample independent. */
    msess_media_type mjpeg = h264;
    mjpeg.codec = "mjpeg";
    if ((mt = from(&mjpeg, S_OK))) {
        CHECK(!is_compressed(mt));
        IMFMediaType_Release(mt);
    }
    /* No MF name: a FOURCC of the codec name on the video base GUID. */
    msess_media_type other = h264;
    other.codec = "snow";
    if ((mt = from(&other, S_OK))) {
        GUID want = MFVideoFormat_Base;
        want.Data1 = 's' | 'n' << 8 | 'o' << 16 | (DWORD)'w' << 24;
        check_subtype(mt, &want);
        IMFMediaType_Release(mt);
    }
    /* A known sample aspect ratio is kept. */
    msess_media_type anamorphic = h264;
    anamorphic.sample_aspect = (msess_rational){ 4, 3 };
    if ((mt = from(&anamorphic, S_OK))) {
        CHECK(get_u64((IMFAttributes *)mt, &MF_MT_PIXEL_ASPECT_RATIO) == ((UINT64)4 << 32 | 3));
        IMFMediaType_Release(mt);
    }
}

static void check_raw_video(enum msess_pixel_format pix, const GUID *subtype, UINT32 stride,
                            UINT32 size)
{
    msess_media_type t = { .kind = MSESS_MEDIA_VIDEO, .codec = "rawvideo", .ff_format = -1,
                           .width = 640, .height = 480, .sample_aspect = { 1, 1 },
                           .frame_rate = { 30000, 1001 }, .pixel_format = pix };
    IMFMediaType *mt = from(&t, S_OK);
    if (!mt)
        return;
    IMFAttributes *a = (IMFAttributes *)mt;
    check_subtype(mt, subtype);
    CHECK(get_u64(a, &MF_MT_FRAME_SIZE) == ((UINT64)640 << 32 | 480));
    CHECK(get_u64(a, &MF_MT_FRAME_RATE) == ((UINT64)30000 << 32 | 1001));
    CHECK(get_u32(a, &MF_MT_DEFAULT_STRIDE) == stride);
    CHECK(get_u32(a, &MF_MT_SAMPLE_SIZE) == size);
    CHECK(get_u32(a, &MF_MT_INTERLACE_MODE) == MFVideoInterlace_Progressive);
    CHECK(get_u32(a, &MF_MT_FIXED_SIZE_SAMPLES) == 1);
    CHECK(!is_compressed(mt));

    /* And back. */
    msess_media_type back;
    CHECK_HR(shim_media_type_to_msess(mt, &back), S_OK);
    CHECK(back.kind == MSESS_MEDIA_VIDEO && !back.compressed);
    CHECK(back.pixel_format == pix);
    CHECK(back.width == 640 && back.height == 480);
    CHECK(back.frame_rate.num == 30000 && back.frame_rate.den == 1001);
    CHECK(back.sample_aspect.num == 1 && back.sample_aspect.den == 1);
    IMFMediaType_Release(mt);
}

static void test_raw_video(void)
{
    check_raw_video(MSESS_PIX_NV12, &MFVideoFormat_NV12, 640, 460800);
    check_raw_video(MSESS_PIX_YUV420P, &MFVideoFormat_I420, 640, 460800);
    check_raw_video(MSESS_PIX_BGRA, &MFVideoFormat_RGB32, 2560, 1228800);
    check_raw_video(MSESS_PIX_P010, &MFVideoFormat_P010, 1280, 921600);
    /* msess RGB24 is R,G,B; MF's RGB24 is B,G,R: no MF type for it. */
    msess_media_type rgb = { .kind = MSESS_MEDIA_VIDEO, .codec = "rawvideo", .ff_format = -1,
                             .width = 16, .height = 16, .pixel_format = MSESS_PIX_RGB24 };
    from(&rgb, MF_E_INVALIDMEDIATYPE);
}

static void test_audio_from_msess(void)
{
    msess_media_type aac = { .kind = MSESS_MEDIA_AUDIO, .compressed = true, .codec = "aac",
                             .ff_format = -1, .sample_rate = 48000, .channels = 2 };
    IMFMediaType *mt = from(&aac, S_OK);
    if (mt) {
        IMFAttributes *a = (IMFAttributes *)mt;
        GUID major = major_of(mt);
        CHECK(IsEqualGUID(&major, &MFMediaType_Audio));
        check_subtype(mt, &MFAudioFormat_AAC);
        CHECK(get_u32(a, &MF_MT_AUDIO_NUM_CHANNELS) == 2);
        CHECK(get_u32(a, &MF_MT_AUDIO_SAMPLES_PER_SECOND) == 48000);
        IMFMediaType_Release(mt);
    }
    static const struct { const char *codec; const GUID *subtype; } codecs[] = {
        { "mp3", &MFAudioFormat_MP3 },         { "flac", &MFAudioFormat_FLAC },
        { "opus", &MFAudioFormat_Opus },       { "alac", &MFAudioFormat_ALAC },
        { "ac3", &MFAudioFormat_Dolby_AC3 },   { "eac3", &MFAudioFormat_Dolby_DDPlus },
        { "wmav2", &MFAudioFormat_WMAudioV8 }, { "wmapro", &MFAudioFormat_WMAudioV9 },
        { "pcm_f32le", &MFAudioFormat_Float }, { "pcm_s24le", &MFAudioFormat_PCM },
    };
    for (size_t i = 0; i < sizeof(codecs) / sizeof(codecs[0]); i++) {
        msess_media_type t = aac;
        t.codec = codecs[i].codec;
        if ((mt = from(&t, S_OK))) {
            check_subtype(mt, codecs[i].subtype);
            IMFMediaType_Release(mt);
        }
    }
    /* PCM in a container: uncompressed, with its sample size. */
    msess_media_type s24 = aac;
    s24.codec = "pcm_s24le";
    if ((mt = from(&s24, S_OK))) {
        IMFAttributes *a = (IMFAttributes *)mt;
        CHECK(get_u32(a, &MF_MT_AUDIO_BITS_PER_SAMPLE) == 24);
        CHECK(get_u32(a, &MF_MT_AUDIO_BLOCK_ALIGNMENT) == 6);
        CHECK(get_u32(a, &MF_MT_AUDIO_AVG_BYTES_PER_SECOND) == 288000);
        CHECK(!is_compressed(mt));
        IMFMediaType_Release(mt);
    }

    /* Decoded audio. */
    msess_media_type s16 = { .kind = MSESS_MEDIA_AUDIO, .codec = "pcm", .ff_format = -1,
                             .sample_rate = 44100, .channels = 1,
                             .sample_format = MSESS_SAMPLE_S16 };
    if ((mt = from(&s16, S_OK))) {
        IMFAttributes *a = (IMFAttributes *)mt;
        check_subtype(mt, &MFAudioFormat_PCM);
        CHECK(get_u32(a, &MF_MT_AUDIO_BITS_PER_SAMPLE) == 16);
        CHECK(get_u32(a, &MF_MT_AUDIO_BLOCK_ALIGNMENT) == 2);
        CHECK(get_u32(a, &MF_MT_AUDIO_AVG_BYTES_PER_SECOND) == 88200);
        msess_media_type back;
        CHECK_HR(shim_media_type_to_msess(mt, &back), S_OK);
        CHECK(back.kind == MSESS_MEDIA_AUDIO && back.sample_format == MSESS_SAMPLE_S16);
        CHECK(back.sample_rate == 44100 && back.channels == 1);
        IMFMediaType_Release(mt);
    }
    msess_media_type flt = s16;
    flt.sample_format = MSESS_SAMPLE_FLT;
    flt.channels = 2;
    if ((mt = from(&flt, S_OK))) {
        check_subtype(mt, &MFAudioFormat_Float);
        CHECK(get_u32((IMFAttributes *)mt, &MF_MT_AUDIO_BLOCK_ALIGNMENT) == 8);
        IMFMediaType_Release(mt);
    }
    /* Planar audio has no MF layout. */
    flt.sample_format = MSESS_SAMPLE_FLTP;
    from(&flt, MF_E_INVALIDMEDIATYPE);
}

/* An application's request, attribute by attribute. */
static IMFMediaType *request(const GUID *major, const GUID *subtype)
{
    IMFMediaType *mt = NULL;
    CHECK_HR(MFCreateMediaType(&mt), S_OK);
    if (!mt)
        exit(1);
    if (major)
        CHECK_HR(IMFMediaType_SetGUID(mt, &MF_MT_MAJOR_TYPE, major), S_OK);
    if (subtype)
        CHECK_HR(IMFMediaType_SetGUID(mt, &MF_MT_SUBTYPE, subtype), S_OK);
    return mt;
}

static void check_to(const GUID *major, const GUID *subtype, UINT32 bits, HRESULT want,
                     int want_format)
{
    IMFMediaType *mt = request(major, subtype);
    if (bits)
        CHECK_HR(IMFMediaType_SetUINT32(mt, &MF_MT_AUDIO_BITS_PER_SAMPLE, bits), S_OK);
    msess_media_type t;
    memset(&t, 0x55, sizeof(t));
    CHECK_HR(shim_media_type_to_msess(mt, &t), want);
    if (SUCCEEDED(want)) {
        CHECK(!t.compressed);
        /* Absent sizes, rates and channels are 0. */
        CHECK(t.width == 0 && t.height == 0 && t.sample_rate == 0 && t.channels == 0);
        CHECK(t.frame_rate.num == 0);
        if (IsEqualGUID(major, &MFMediaType_Video))
            CHECK((int)t.pixel_format == want_format);
        else
            CHECK((int)t.sample_format == want_format);
    }
    IMFMediaType_Release(mt);
}

static void test_to_msess(void)
{
    const GUID *v = &MFMediaType_Video, *a = &MFMediaType_Audio;
    check_to(v, &MFVideoFormat_RGB32, 0, S_OK, MSESS_PIX_BGRA);
    check_to(v, &MFVideoFormat_ARGB32, 0, S_OK, MSESS_PIX_BGRA);
    check_to(v, &MFVideoFormat_NV12, 0, S_OK, MSESS_PIX_NV12);
    check_to(v, &MFVideoFormat_I420, 0, S_OK, MSESS_PIX_YUV420P);
    check_to(v, &MFVideoFormat_IYUV, 0, S_OK, MSESS_PIX_YUV420P);
    check_to(v, &MFVideoFormat_P010, 0, S_OK, MSESS_PIX_P010);
    /* Byte or plane orders msess has no name for. */
    check_to(v, &MFVideoFormat_RGB24, 0, MF_E_INVALIDMEDIATYPE, 0);
    check_to(v, &MFVideoFormat_YV12, 0, MF_E_INVALIDMEDIATYPE, 0);
    check_to(v, &MFVideoFormat_YUY2, 0, MF_E_INVALIDMEDIATYPE, 0);
    check_to(v, &MFVideoFormat_H264, 0, MF_E_INVALIDMEDIATYPE, 0);
    check_to(v, NULL, 0, MF_E_INVALIDMEDIATYPE, 0);
    check_to(NULL, &MFVideoFormat_RGB32, 0, MF_E_INVALIDMEDIATYPE, 0);

    check_to(a, &MFAudioFormat_PCM, 8, S_OK, MSESS_SAMPLE_U8);
    check_to(a, &MFAudioFormat_PCM, 16, S_OK, MSESS_SAMPLE_S16);
    check_to(a, &MFAudioFormat_PCM, 32, S_OK, MSESS_SAMPLE_S32);
    check_to(a, &MFAudioFormat_PCM, 0, S_OK, MSESS_SAMPLE_S16);
    check_to(a, &MFAudioFormat_PCM, 24, MF_E_INVALIDMEDIATYPE, 0);
    check_to(a, &MFAudioFormat_Float, 32, S_OK, MSESS_SAMPLE_FLT);
    check_to(a, &MFAudioFormat_Float, 0, S_OK, MSESS_SAMPLE_FLT);
    check_to(a, &MFAudioFormat_AAC, 0, MF_E_INVALIDMEDIATYPE, 0);

    /* Sizes, rates and channels when given. */
    IMFMediaType *mt = request(v, &MFVideoFormat_RGB32);
    CHECK_HR(IMFMediaType_SetUINT64(mt, &MF_MT_FRAME_SIZE, (UINT64)1920 << 32 | 1080), S_OK);
    CHECK_HR(IMFMediaType_SetUINT64(mt, &MF_MT_FRAME_RATE, (UINT64)60 << 32 | 1), S_OK);
    msess_media_type t;
    CHECK_HR(shim_media_type_to_msess(mt, &t), S_OK);
    CHECK(t.kind == MSESS_MEDIA_VIDEO && t.width == 1920 && t.height == 1080);
    CHECK(t.frame_rate.num == 60 && t.frame_rate.den == 1);
    IMFMediaType_Release(mt);
    mt = request(a, &MFAudioFormat_Float);
    CHECK_HR(IMFMediaType_SetUINT32(mt, &MF_MT_AUDIO_SAMPLES_PER_SECOND, 48000), S_OK);
    CHECK_HR(IMFMediaType_SetUINT32(mt, &MF_MT_AUDIO_NUM_CHANNELS, 6), S_OK);
    CHECK_HR(shim_media_type_to_msess(mt, &t), S_OK);
    CHECK(t.kind == MSESS_MEDIA_AUDIO && t.sample_rate == 48000 && t.channels == 6);
    IMFMediaType_Release(mt);
}

int main(void)
{
    LONG live = msess_mf_live_objects();
    test_video_from_msess();
    test_raw_video();
    test_audio_from_msess();
    test_to_msess();
    check_live_objects(live);
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}

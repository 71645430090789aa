/* IMFMediaType, stream descriptors and their type handler, presentation
 * descriptors made by the application: the behaviour Windows shows (as
 * Wine's conformance tests record it) for MFCreateMediaType, IsEqual,
 * IsCompressedFormat, MFCreateStreamDescriptor, IsMediaTypeSupported,
 * GetMajorType, MFCreatePresentationDescriptor and Clone. */
#define _POSIX_C_SOURCE 200809L /* nanosleep */
#include "src-util.h"

/* mfapi.h's AM_MEDIA_TYPE_REPRESENTATION (not in every header set). */
static const GUID am_media_type_representation = {
    0xe2e42ad2, 0x132c, 0x491e, { 0xa2, 0x68, 0x3c, 0x7c, 0x2d, 0xca, 0x18, 0x1f }
};

static const DWORD all_equal = MF_MEDIATYPE_EQUAL_MAJOR_TYPES | MF_MEDIATYPE_EQUAL_FORMAT_TYPES |
                               MF_MEDIATYPE_EQUAL_FORMAT_DATA |
                               MF_MEDIATYPE_EQUAL_FORMAT_USER_DATA;

static IMFMediaType *new_type(void)
{
    IMFMediaType *t = NULL;
    CHECK_HR(MFCreateMediaType(&t), S_OK);
    if (!t)
        exit(1);
    return t;
}

static void test_media_type(void)
{
    IMFMediaType *a = new_type(), *b = new_type();
    GUID major;
    BOOL compressed;
    DWORD flags;
    void *rep = (void *)1;

    CHECK_HR(IMFMediaType_GetMajorType(a, &major), MF_E_ATTRIBUTENOTFOUND);

    /* Only MF_MT_ALL_SAMPLES_INDEPENDENT decides. */
    compressed = FALSE;
    CHECK_HR(IMFMediaType_IsCompressedFormat(a, &compressed), S_OK);
    CHECK(compressed);
    CHECK_HR(IMFMediaType_SetUINT32(a, &MF_MT_COMPRESSED, 0), S_OK);
    compressed = FALSE;
    CHECK_HR(IMFMediaType_IsCompressedFormat(a, &compressed), S_OK);
    CHECK(compressed);
    CHECK_HR(IMFMediaType_SetUINT32(a, &MF_MT_ALL_SAMPLES_INDEPENDENT, 1), S_OK);
    CHECK_HR(IMFMediaType_SetUINT32(a, &MF_MT_COMPRESSED, 1), S_OK);
    CHECK_HR(IMFMediaType_IsCompressedFormat(a, &compressed), S_OK);
    CHECK(!compressed);
    CHECK_HR(IMFMediaType_DeleteAllItems(a), S_OK);

    CHECK_HR(IMFMediaType_SetGUID(a, &MF_MT_MAJOR_TYPE, &MFMediaType_Video), S_OK);
    CHECK_HR(IMFMediaType_GetMajorType(a, &major), S_OK);
    CHECK(IsEqualGUID(&major, &MFMediaType_Video));

    /* IsEqual: both need a major type. */
    flags = 0xdeadbeef;
    CHECK_HR(IMFMediaType_IsEqual(a, b, &flags), E_INVALIDARG);
    CHECK(flags == 0);
    CHECK_HR(IMFMediaType_SetGUID(b, &MF_MT_MAJOR_TYPE, &MFMediaType_Audio), S_OK);
    CHECK_HR(IMFMediaType_IsEqual(a, b, &flags), S_FALSE);
    CHECK(flags == (MF_MEDIATYPE_EQUAL_FORMAT_TYPES | MF_MEDIATYPE_EQUAL_FORMAT_USER_DATA));
    CHECK_HR(IMFMediaType_SetGUID(b, &MF_MT_MAJOR_TYPE, &MFMediaType_Video), S_OK);
    CHECK_HR(IMFMediaType_IsEqual(a, b, &flags), S_OK);
    CHECK(flags == all_equal);
    CHECK_HR(IMFMediaType_SetBlob(a, &MF_MT_USER_DATA, (const UINT8 *)"ab", 2), S_OK);
    CHECK_HR(IMFMediaType_IsEqual(a, b, &flags), S_FALSE);
    CHECK(flags == (all_equal & ~(DWORD)MF_MEDIATYPE_EQUAL_FORMAT_USER_DATA));
    CHECK_HR(IMFMediaType_DeleteItem(a, &MF_MT_USER_DATA), S_OK);
    /* A subtype on one side only: format data still a subset. */
    CHECK_HR(IMFMediaType_SetGUID(a, &MF_MT_SUBTYPE, &MFVideoFormat_RGB32), S_OK);
    CHECK_HR(IMFMediaType_IsEqual(a, b, &flags), S_FALSE);
    CHECK(flags == (MF_MEDIATYPE_EQUAL_MAJOR_TYPES | MF_MEDIATYPE_EQUAL_FORMAT_DATA |
                    MF_MEDIATYPE_EQUAL_FORMAT_USER_DATA));
    /* Same subtype, one value different: format data differs. */
    CHECK_HR(IMFMediaType_SetGUID(b, &MF_MT_SUBTYPE, &MFVideoFormat_RGB32), S_OK);
    CHECK_HR(IMFMediaType_SetUINT64(a, &MF_MT_FRAME_SIZE, (UINT64)640 << 32 | 480), S_OK);
    CHECK_HR(IMFMediaType_IsEqual(a, b, &flags), S_OK); /* b has fewer: a subset */
    CHECK_HR(IMFMediaType_SetUINT64(b, &MF_MT_FRAME_SIZE, (UINT64)320 << 32 | 240), S_OK);
    CHECK_HR(IMFMediaType_IsEqual(b, a, &flags), S_FALSE);
    CHECK(flags == (all_equal & ~(DWORD)MF_MEDIATYPE_EQUAL_FORMAT_DATA));
    /* Frame rate ranges do not count. */
    CHECK_HR(IMFMediaType_SetUINT64(b, &MF_MT_FRAME_SIZE, (UINT64)640 << 32 | 480), S_OK);
    CHECK_HR(IMFMediaType_SetUINT64(b, &MF_MT_FRAME_RATE_RANGE_MAX, (UINT64)60 << 32 | 1), S_OK);
    CHECK_HR(IMFMediaType_SetUINT64(a, &MF_MT_FRAME_RATE_RANGE_MAX, (UINT64)30 << 32 | 1), S_OK);
    CHECK_HR(IMFMediaType_IsEqual(a, b, &flags), S_OK);

    /* A media type is its attribute store. */
    IUnknown *u = NULL;
    IMFAttributes *attrs = NULL;
    CHECK_HR(IMFMediaType_QueryInterface(a, &IID_IMFAttributes, (void **)&attrs), S_OK);
    CHECK_HR(IMFMediaType_QueryInterface(a, &IID_IUnknown, (void **)&u), S_OK);
    CHECK((void *)attrs == (void *)a && (void *)u == (void *)a);
    if (attrs)
        IMFAttributes_Release(attrs);
    if (u)
        IUnknown_Release(u);

    CHECK_HR(IMFMediaType_GetRepresentation(a, am_media_type_representation, &rep),
             MF_E_UNSUPPORTED_REPRESENTATION);
    CHECK(rep == NULL);
    CHECK(IMFMediaType_Release(a) == 0);
    CHECK(IMFMediaType_Release(b) == 0);
}

static void test_stream_descriptor(void)
{
    IMFMediaType *types[2] = { new_type(), new_type() };
    IMFMediaType *t = NULL, *t2, *t3 = new_type();
    IMFStreamDescriptor *sd = NULL;
    IMFMediaTypeHandler *h = NULL;
    DWORD id = 0, count = 0;
    GUID major;

    CHECK_HR(MFCreateStreamDescriptor(123, 0, types, &sd), E_INVALIDARG);
    CHECK_HR(MFCreateStreamDescriptor(123, 2, types, &sd), S_OK);
    if (!sd)
        exit(1);
    CHECK_HR(IMFStreamDescriptor_GetStreamIdentifier(sd, &id), S_OK);
    CHECK(id == 123);
    CHECK_HR(IMFStreamDescriptor_GetMediaTypeHandler(sd, &h), S_OK);
    if (!h)
        exit(1);
    CHECK_HR(IMFMediaTypeHandler_GetMediaTypeCount(h, &count), S_OK);
    CHECK(count == 2);
    CHECK_HR(IMFMediaTypeHandler_GetCurrentMediaType(h, &t), MF_E_NOT_INITIALIZED);
    CHECK_HR(IMFMediaTypeHandler_GetMajorType(h, &major), MF_E_ATTRIBUTENOTFOUND);
    for (DWORD i = 0; i < 2; i++) {
        t = NULL;
        CHECK_HR(IMFMediaTypeHandler_GetMediaTypeByIndex(h, i, &t), S_OK);
        CHECK(t == types[i]); /* the object itself, not a copy */
        if (t)
            IMFMediaType_Release(t);
    }
    CHECK_HR(IMFMediaTypeHandler_GetMediaTypeByIndex(h, 2, &t), MF_E_NO_MORE_TYPES);

    /* Supported: same major type and subtype as the current type or a
     * listed one. */
    t2 = (IMFMediaType *)(void *)1;
    CHECK_HR(IMFMediaTypeHandler_IsMediaTypeSupported(h, NULL, &t2), E_POINTER);
    CHECK_HR(IMFMediaTypeHandler_IsMediaTypeSupported(h, t3, &t2), MF_E_INVALIDMEDIATYPE);
    CHECK(t2 == NULL);
    CHECK_HR(IMFMediaType_SetGUID(types[0], &MF_MT_MAJOR_TYPE, &MFMediaType_Audio), S_OK);
    CHECK_HR(IMFMediaType_SetGUID(types[0], &MF_MT_SUBTYPE, &MFAudioFormat_MP3), S_OK);
    CHECK_HR(IMFMediaTypeHandler_GetMajorType(h, &major), S_OK);
    CHECK(IsEqualGUID(&major, &MFMediaType_Audio)); /* the first listed type's */
    CHECK_HR(IMFMediaType_SetGUID(t3, &MF_MT_MAJOR_TYPE, &MFMediaType_Audio), S_OK);
    CHECK_HR(IMFMediaTypeHandler_IsMediaTypeSupported(h, t3, NULL), MF_E_INVALIDMEDIATYPE);
    CHECK_HR(IMFMediaType_SetGUID(t3, &MF_MT_SUBTYPE, &MFAudioFormat_PCM), S_OK);
    CHECK_HR(IMFMediaTypeHandler_IsMediaTypeSupported(h, t3, NULL), MF_E_INVALIDMEDIATYPE);
    CHECK_HR(IMFMediaType_SetGUID(t3, &MF_MT_SUBTYPE, &MFAudioFormat_MP3), S_OK);
    CHECK_HR(IMFMediaType_SetUINT32(t3, &MF_MT_AUDIO_NUM_CHANNELS, 2), S_OK);
    t2 = (IMFMediaType *)(void *)1;
    CHECK_HR(IMFMediaTypeHandler_IsMediaTypeSupported(h, t3, &t2), S_OK);
    CHECK(t2 == NULL);

    /* Any type can become current, and GetMajorType follows it. */
    IMFMediaType *video = new_type();
    CHECK_HR(IMFMediaType_SetGUID(video, &MF_MT_MAJOR_TYPE, &MFMediaType_Video), S_OK);
    CHECK_HR(IMFMediaType_SetGUID(video, &MF_MT_SUBTYPE, &MFVideoFormat_NV12), S_OK);
    CHECK_HR(IMFMediaTypeHandler_SetCurrentMediaType(h, NULL), E_POINTER);
    CHECK_HR(IMFMediaTypeHandler_SetCurrentMediaType(h, video), S_OK);
    CHECK_HR(IMFMediaTypeHandler_GetMajorType(h, &major), S_OK);
    CHECK(IsEqualGUID(&major, &MFMediaType_Video));
    t = NULL;
    CHECK_HR(IMFMediaTypeHandler_GetCurrentMediaType(h, &t), S_OK);
    CHECK(t == video);
    if (t)
        IMFMediaType_Release(t);
    CHECK_HR(IMFMediaTypeHandler_IsMediaTypeSupported(h, video, NULL), S_OK);
    CHECK_HR(IMFMediaTypeHandler_IsMediaTypeSupported(h, t3, NULL), S_OK); /* still listed */

    /* The stream descriptor is an attribute store too. */
    IMFAttributes *attrs = NULL;
    CHECK_HR(IMFStreamDescriptor_QueryInterface(sd, &IID_IMFAttributes, (void **)&attrs), S_OK);
    if (attrs) {
        CHECK_HR(IMFAttributes_SetString(attrs, &MF_SD_LANGUAGE, L"en"), S_OK);
        CHECK(has_string((IMFAttributes *)sd, &MF_SD_LANGUAGE, L"en"));
        IMFAttributes_Release(attrs);
    }

    IMFMediaTypeHandler_Release(h);
    CHECK(IMFStreamDescriptor_Release(sd) == 0);
    CHECK(IMFMediaType_Release(video) == 0);
    CHECK(IMFMediaType_Release(t3) == 0);
    CHECK(IMFMediaType_Release(types[0]) == 0);
    CHECK(IMFMediaType_Release(types[1]) == 0);
}

static void test_presentation_descriptor(void)
{
    IMFMediaType *t = new_type();
    IMFStreamDescriptor *sds[2] = { NULL, NULL }, *sd = NULL;
    IMFPresentationDescriptor *pd = NULL, *clone = NULL;
    DWORD count = 0;
    BOOL selected = TRUE;

    CHECK_HR(IMFMediaType_SetGUID(t, &MF_MT_MAJOR_TYPE, &MFMediaType_Audio), S_OK);
    CHECK_HR(MFCreateStreamDescriptor(7, 1, &t, &sds[0]), S_OK);
    CHECK_HR(MFCreateStreamDescriptor(9, 1, &t, &sds[1]), S_OK);
    if (!sds[0] || !sds[1])
        exit(1);
    CHECK_HR(MFCreatePresentationDescriptor(0, sds, &pd), E_INVALIDARG);
    CHECK_HR(MFCreatePresentationDescriptor(2, sds, &pd), S_OK);
    if (!pd)
        exit(1);
    CHECK_HR(IMFPresentationDescriptor_GetStreamDescriptorCount(pd, &count), S_OK);
    CHECK(count == 2);
    /* Created with nothing selected. */
    CHECK_HR(IMFPresentationDescriptor_GetStreamDescriptorByIndex(pd, 1, &selected, &sd), S_OK);
    CHECK(!selected && sd == sds[1]);
    if (sd)
        IMFStreamDescriptor_Release(sd);
    CHECK_HR(IMFPresentationDescriptor_SelectStream(pd, 1), S_OK);
    CHECK_HR(IMFPresentationDescriptor_SelectStream(pd, 2), E_INVALIDARG);
    CHECK_HR(IMFPresentationDescriptor_DeselectStream(pd, 2), E_INVALIDARG);
    CHECK_HR(IMFPresentationDescriptor_GetStreamDescriptorByIndex(pd, 2, &selected, &sd),
             E_INVALIDARG);
    CHECK_HR(IMFPresentationDescriptor_SetUINT64(pd, &MF_PD_DURATION, 12345), S_OK);

    /* Clone: same stream descriptors, same selection and attributes, but
     * a selection of its own from then on. */
    CHECK_HR(IMFPresentationDescriptor_Clone(pd, &clone), S_OK);
    if (clone) {
        CHECK(clone != pd);
        CHECK(get_u64((IMFAttributes *)clone, &MF_PD_DURATION) == 12345);
        sd = NULL;
        CHECK_HR(IMFPresentationDescriptor_GetStreamDescriptorByIndex(clone, 1, &selected, &sd),
                 S_OK);
        CHECK(selected && sd == sds[1]);
        if (sd)
            IMFStreamDescriptor_Release(sd);
        CHECK_HR(IMFPresentationDescriptor_DeselectStream(clone, 1), S_OK);
        CHECK_HR(IMFPresentationDescriptor_GetStreamDescriptorByIndex(pd, 1, &selected, &sd),
                 S_OK);
        CHECK(selected);
        if (sd)
            IMFStreamDescriptor_Release(sd);
        CHECK(IMFPresentationDescriptor_Release(clone) == 0);
    }
    CHECK(IMFPresentationDescriptor_Release(pd) == 0);
    CHECK(IMFStreamDescriptor_Release(sds[0]) == 0);
    CHECK(IMFStreamDescriptor_Release(sds[1]) == 0);
    CHECK(IMFMediaType_Release(t) == 0);
}

int main(void)
{
    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL), S_OK);
    LONG live = msess_mf_live_objects();
    test_media_type();
    test_stream_descriptor();
    test_presentation_descriptor();
    check_live_objects(live);
    CHECK_HR(MFShutdown(), S_OK);
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}

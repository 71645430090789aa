/* Helpers of the source resolver tests (src-*.c): checks that report and
 * count failures, test media paths, wide strings, the live-object check,
 * and the checks every media source over av.mp4 must pass. */
#ifndef SRC_UTIL_H
#define SRC_UTIL_H

#include "check.h"
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include <windows.h>
#include <mfapi.h>
#include <mferror.h>
#include <mfidl.h>

#include <msess-mf.h>

static inline void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return p;
}

/* MSESS_TEST_MEDIA/name (malloc'd); exits 77 (skipped) without the media. */
static inline char *media_path(const char *name)
{
    const char *dir = getenv("MSESS_TEST_MEDIA");
    if (!dir) {
        fprintf(stderr, "MSESS_TEST_MEDIA is not set: skipped\n");
        exit(77);
    }
    char *p = xmalloc(strlen(dir) + strlen(name) + 2);
    sprintf(p, "%s/%s", dir, name);
    FILE *f = fopen(p, "rb");
    if (!f) {
        fprintf(stderr, "%s is missing: skipped\n", p);
        exit(77);
    }
    fclose(f);
    return p;
}

static inline long long file_size(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    long long n = ftell(f);
    fclose(f);
    return n;
}

/* Wide copy of a UTF-8 string (malloc'd), UTF-16 or UTF-32 as WCHAR is. */
static inline WCHAR *wide(const char *s)
{
    WCHAR *out = xmalloc((strlen(s) + 1) * sizeof(WCHAR));
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p++;
        int more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
        if (more)
            c &= 0x3f >> more;
        while (more-- > 0 && (*p & 0xc0) == 0x80)
            c = (c << 6) | (*p++ & 0x3f);
        if (sizeof(WCHAR) == 2 && c >= 0x10000) {
            c -= 0x10000;
            out[n++] = (WCHAR)(0xd800 + (c >> 10));
            out[n++] = (WCHAR)(0xdc00 + (c & 0x3ff));
        } else {
            out[n++] = (WCHAR)c;
        }
    }
    out[n] = 0;
    return out;
}

static inline void sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

/* Every object the test made is gone. Objects the shim's threads still
 * hold for a moment after a callback returned get a few seconds. */
static inline void check_live_objects(LONG start)
{
    LONG now = msess_mf_live_objects();
    for (int i = 0; i < 300 && now != start; i++) {
        sleep_ms(10);
        now = msess_mf_live_objects();
    }
    if (now != start) {
        fprintf(stderr, "live objects: %ld at the start, %ld at the end\n", (long)start,
                (long)now);
        failures++;
    }
}

static inline UINT32 get_u32(IMFAttributes *a, REFGUID key)
{
    UINT32 v = 0xdeadbeef;
    CHECK_HR(IMFAttributes_GetUINT32(a, key, &v), S_OK);
    return v;
}

static inline UINT64 get_u64(IMFAttributes *a, REFGUID key)
{
    UINT64 v = 0xdeadbeef;
    CHECK_HR(IMFAttributes_GetUINT64(a, key, &v), S_OK);
    return v;
}

static inline bool has_string(IMFAttributes *a, REFGUID key, const WCHAR *want)
{
    WCHAR *s = NULL;
    UINT32 len = 0;
    if (FAILED(IMFAttributes_GetAllocatedString(a, key, &s, &len)))
        return false;
    bool same = !wcscmp(s, want) && len == wcslen(want);
    CoTaskMemFree(s);
    return same;
}

/* The current type of stream descriptor i of pd (checked: selected as
 * expected, identifier i, one type listed, major type as expected). */
static inline IMFMediaType *stream_type_of(IMFPresentationDescriptor *pd, DWORD i,
                                           BOOL want_selected, const GUID *want_major)
{
    BOOL selected = !want_selected;
    IMFStreamDescriptor *sd = NULL;
    IMFMediaTypeHandler *h = NULL;
    IMFMediaType *mt = NULL;
    DWORD id = 99, count = 0;
    GUID major = GUID_NULL;
    CHECK_HR(IMFPresentationDescriptor_GetStreamDescriptorByIndex(pd, i, &selected, &sd), S_OK);
    if (!sd)
        return NULL;
    CHECK(selected == want_selected);
    CHECK_HR(IMFStreamDescriptor_GetStreamIdentifier(sd, &id), S_OK);
    CHECK(id == i);
    CHECK_HR(IMFStreamDescriptor_GetMediaTypeHandler(sd, &h), S_OK);
    CHECK_HR(IMFMediaTypeHandler_GetMajorType(h, &major), S_OK);
    CHECK(IsEqualGUID(&major, want_major));
    CHECK_HR(IMFMediaTypeHandler_GetMediaTypeCount(h, &count), S_OK);
    CHECK(count == 1);
    CHECK_HR(IMFMediaTypeHandler_GetCurrentMediaType(h, &mt), S_OK);
    IMFMediaTypeHandler_Release(h);
    IMFStreamDescriptor_Release(sd);
    return mt;
}

static inline void check_subtype(IMFMediaType *mt, const GUID *want)
{
    GUID sub = GUID_NULL;
    CHECK_HR(IMFMediaType_GetGUID(mt, &MF_MT_SUBTYPE, &sub), S_OK);
    CHECK(IsEqualGUID(&sub, want));
}

/* A media source over av.mp4 (320x240 25 fps 4 s H.264 + 48 kHz stereo
 * AAC) as Windows' MPEG-4 source describes it. size: the file's, or -1. */
static inline void check_av_source(IUnknown *obj, long long size)
{
    IMFMediaSource *src = NULL;
    IMFPresentationDescriptor *pd = NULL;
    DWORD caps = 0, count = 0;
    CHECK_HR(IUnknown_QueryInterface(obj, &IID_IMFMediaSource, (void **)&src), S_OK);
    if (!src)
        return;
    CHECK_HR(IMFMediaSource_GetCharacteristics(src, &caps), S_OK);
    CHECK(caps & MFMEDIASOURCE_CAN_SEEK);
    CHECK(caps & MFMEDIASOURCE_CAN_PAUSE);
    CHECK(!(caps & MFMEDIASOURCE_IS_LIVE));
    CHECK_HR(IMFMediaSource_CreatePresentationDescriptor(src, &pd), S_OK);
    if (!pd) {
        IMFMediaSource_Release(src);
        return;
    }
    IMFAttributes *pa = (IMFAttributes *)pd;
    UINT64 duration = get_u64(pa, &MF_PD_DURATION);
    CHECK(duration >= 39000000 && duration <= 41000000);
    CHECK(has_string(pa, &MF_PD_MIME_TYPE, L"video/mp4"));
    if (size >= 0)
        CHECK(get_u64(pa, &MF_PD_TOTAL_FILE_SIZE) == (UINT64)size);
    CHECK_HR(IMFPresentationDescriptor_GetStreamDescriptorCount(pd, &count), S_OK);
    CHECK(count == 2);

    IMFMediaType *mt = stream_type_of(pd, 0, TRUE, &MFMediaType_Video);
    if (mt) {
        IMFAttributes *a = (IMFAttributes *)mt;
        BOOL compressed = FALSE;
        check_subtype(mt, &MFVideoFormat_H264);
        CHECK(get_u64(a, &MF_MT_FRAME_SIZE) == ((UINT64)320 << 32 | 240));
        CHECK(get_u64(a, &MF_MT_FRAME_RATE) == ((UINT64)25 << 32 | 1));
        CHECK(get_u64(a, &MF_MT_PIXEL_ASPECT_RATIO) == ((UINT64)1 << 32 | 1));
        CHECK(get_u32(a, &MF_MT_VIDEO_ROTATION) == 0);
        CHECK_HR(IMFMediaType_IsCompressedFormat(mt, &compressed), S_OK);
        CHECK(compressed);
        IMFMediaType_Release(mt);
    }
    mt = stream_type_of(pd, 1, TRUE, &MFMediaType_Audio);
    if (mt) {
        IMFAttributes *a = (IMFAttributes *)mt;
        check_subtype(mt, &MFAudioFormat_AAC);
        CHECK(get_u32(a, &MF_MT_AUDIO_NUM_CHANNELS) == 2);
        CHECK(get_u32(a, &MF_MT_AUDIO_SAMPLES_PER_SECOND) == 48000);
        IMFMediaType_Release(mt);
    }

    /* Out of range: E_INVALIDARG, as Windows. */
    IMFStreamDescriptor *sd = NULL;
    BOOL selected;
    CHECK_HR(IMFPresentationDescriptor_GetStreamDescriptorByIndex(pd, 2, &selected, &sd),
             E_INVALIDARG);
    CHECK_HR(IMFPresentationDescriptor_SelectStream(pd, 2), E_INVALIDARG);
    CHECK_HR(IMFPresentationDescriptor_DeselectStream(pd, 2), E_INVALIDARG);

    /* Each call gives a new descriptor with its own selection; clones share
     * the stream descriptors. */
    IMFPresentationDescriptor *pd2 = NULL, *clone = NULL;
    CHECK_HR(IMFMediaSource_CreatePresentationDescriptor(src, &pd2), S_OK);
    CHECK(pd2 && pd2 != pd);
    CHECK_HR(IMFPresentationDescriptor_DeselectStream(pd, 1), S_OK);
    if (pd2) {
        IMFMediaType *t2 = stream_type_of(pd2, 1, TRUE, &MFMediaType_Audio);
        if (t2)
            IMFMediaType_Release(t2);
        IMFPresentationDescriptor_Release(pd2);
    }
    CHECK_HR(IMFPresentationDescriptor_Clone(pd, &clone), S_OK);
    if (clone) {
        IMFStreamDescriptor *a = NULL, *b = NULL;
        BOOL sa = TRUE, sb = TRUE;
        CHECK_HR(IMFPresentationDescriptor_GetStreamDescriptorByIndex(pd, 1, &sa, &a), S_OK);
        CHECK_HR(IMFPresentationDescriptor_GetStreamDescriptorByIndex(clone, 1, &sb, &b), S_OK);
        CHECK(a && a == b);
        CHECK(!sa && !sb);
        CHECK(get_u64((IMFAttributes *)clone, &MF_PD_DURATION) == duration);
        if (a)
            IMFStreamDescriptor_Release(a);
        if (b)
            IMFStreamDescriptor_Release(b);
        IMFPresentationDescriptor_Release(clone);
    }
    IMFPresentationDescriptor_Release(pd);
    IMFMediaSource_Release(src);
}

#endif

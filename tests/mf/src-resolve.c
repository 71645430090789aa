/* The source resolver, synchronously: av.mp4 as a media source (its
 * presentation and stream descriptors), an audio-only WAV, wide non-ASCII
 * paths, file: URLs, MF_RESOLUTION_BYTESTREAM, the error codes Windows
 * gives (missing file, unknown data, unknown scheme, bad flags, NULL
 * pointers), and a source after Shutdown. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, nanosleep */
#include <unistd.h>

#include "src-util.h"

static IMFSourceResolver *resolver;

static HRESULT resolve(const WCHAR *url, DWORD flags, MF_OBJECT_TYPE *type, IUnknown **obj)
{
    *obj = NULL;
    *type = (MF_OBJECT_TYPE)42;
    return IMFSourceResolver_CreateObjectFromURL(resolver, url, flags, NULL, type, obj);
}

static HRESULT resolve_utf8(const char *url, DWORD flags, MF_OBJECT_TYPE *type, IUnknown **obj)
{
    WCHAR *w = wide(url);
    HRESULT hr = resolve(w, flags, type, obj);
    free(w);
    return hr;
}

static void test_av(void)
{
    char *path = media_path("av.mp4");
    MF_OBJECT_TYPE type;
    IUnknown *obj;
    CHECK_HR(resolve_utf8(path, MF_RESOLUTION_MEDIASOURCE, &type, &obj), S_OK);
    CHECK(type == MF_OBJECT_MEDIASOURCE);
    if (obj) {
        check_av_source(obj, file_size(path));
        IUnknown_Release(obj);
    }
    /* MF_RESOLUTION_READ and friends go with MEDIASOURCE. */
    CHECK_HR(resolve_utf8(path, MF_RESOLUTION_MEDIASOURCE | MF_RESOLUTION_READ, &type, &obj),
             S_OK);
    if (obj)
        IUnknown_Release(obj);
    free(path);
}

static void test_wav(void)
{
    char *path = media_path("audio-only.wav");
    MF_OBJECT_TYPE type;
    IUnknown *obj;
    IMFMediaSource *src = NULL;
    IMFPresentationDescriptor *pd = NULL;
    DWORD count = 0;
    CHECK_HR(resolve_utf8(path, MF_RESOLUTION_MEDIASOURCE, &type, &obj), S_OK);
    if (obj) {
        CHECK_HR(IUnknown_QueryInterface(obj, &IID_IMFMediaSource, (void **)&src), S_OK);
        IUnknown_Release(obj);
    }
    if (src)
        CHECK_HR(IMFMediaSource_CreatePresentationDescriptor(src, &pd), S_OK);
    if (pd) {
        CHECK(has_string((IMFAttributes *)pd, &MF_PD_MIME_TYPE, L"audio/wav"));
        CHECK_HR(IMFPresentationDescriptor_GetStreamDescriptorCount(pd, &count), S_OK);
        CHECK(count == 1);
        IMFMediaType *mt = stream_type_of(pd, 0, TRUE, &MFMediaType_Audio);
        if (mt) {
            IMFAttributes *a = (IMFAttributes *)mt;
            BOOL compressed = TRUE;
            check_subtype(mt, &MFAudioFormat_PCM);
            CHECK(get_u32(a, &MF_MT_AUDIO_NUM_CHANNELS) == 1);
            CHECK(get_u32(a, &MF_MT_AUDIO_SAMPLES_PER_SECOND) == 44100);
            CHECK(get_u32(a, &MF_MT_AUDIO_BITS_PER_SAMPLE) == 16);
            CHECK(get_u32(a, &MF_MT_AUDIO_BLOCK_ALIGNMENT) == 2);
            CHECK(get_u32(a, &MF_MT_AUDIO_AVG_BYTES_PER_SECOND) == 88200);
            CHECK_HR(IMFMediaType_IsCompressedFormat(mt, &compressed), S_OK);
            CHECK(!compressed);
            IMFMediaType_Release(mt);
        }
        IMFPresentationDescriptor_Release(pd);
    }
    if (src)
        IMFMediaSource_Release(src);
    free(path);
}

static void test_errors(void)
{
    char *av = media_path("av.mp4");
    char *garbage = media_path("garbage.mp4");
    char *missing = xmalloc(strlen(av) + 32);
    sprintf(missing, "%s.does-not-exist.mp4", av);
    MF_OBJECT_TYPE type;
    IUnknown *obj;

    CHECK_HR(MFCreateSourceResolver(NULL), E_POINTER);
    WCHAR *wav = wide(av);
    CHECK_HR(IMFSourceResolver_CreateObjectFromURL(resolver, NULL, MF_RESOLUTION_MEDIASOURCE,
                                                   NULL, &type, &obj), E_POINTER);
    CHECK_HR(IMFSourceResolver_CreateObjectFromURL(resolver, wav, MF_RESOLUTION_MEDIASOURCE,
                                                   NULL, NULL, &obj), E_POINTER);
    CHECK_HR(IMFSourceResolver_CreateObjectFromURL(resolver, wav, MF_RESOLUTION_MEDIASOURCE,
                                                   NULL, &type, NULL), E_POINTER);
    free(wav);

    CHECK_HR(resolve_utf8(missing, MF_RESOLUTION_MEDIASOURCE, &type, &obj),
             HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND));
    CHECK(!obj);
    CHECK(type == MF_OBJECT_INVALID);
    CHECK_HR(resolve_utf8(missing, MF_RESOLUTION_BYTESTREAM, &type, &obj),
             HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND));
    CHECK(!obj);
    CHECK_HR(resolve_utf8(garbage, MF_RESOLUTION_MEDIASOURCE, &type, &obj),
             MF_E_UNSUPPORTED_BYTESTREAM_TYPE);
    CHECK(!obj);
    CHECK_HR(resolve(L"nosuchscheme://example.com/a.mp4", MF_RESOLUTION_MEDIASOURCE, &type, &obj),
             MF_E_UNSUPPORTED_SCHEME);
    CHECK(!obj);
    CHECK_HR(resolve_utf8(av, MF_RESOLUTION_MEDIASOURCE | MF_RESOLUTION_BYTESTREAM, &type, &obj),
             MF_E_SOURCERESOLVER_MUTUALLY_EXCLUSIVE_FLAGS);
    CHECK(!obj);
    free(missing);
    free(garbage);
    free(av);
}

/* Copy src to dst; false when it cannot. */
static bool copy_file(const char *src, const char *dst)
{
    FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
    bool ok = in && out;
    char buf[65536];
    size_t n;
    while (ok && (n = fread(buf, 1, sizeof(buf), in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    if (in)
        fclose(in);
    if (out && fclose(out))
        ok = false;
    return ok;
}

/* "%XX" for every byte but unreserved ASCII and '/'. */
static char *file_url(const char *path, const char *host)
{
    char *url = xmalloc(strlen(path) * 3 + strlen(host) + 16);
    char *o = url + sprintf(url, "file://%s", host);
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/-_.~", *p))
            *o++ = (char)*p;
        else
            o += sprintf(o, "%%%02X", *p);
    }
    *o = 0;
    return url;
}

static void check_resolves_av(const char *url)
{
    MF_OBJECT_TYPE type;
    IUnknown *obj;
    CHECK_HR(resolve_utf8(url, MF_RESOLUTION_MEDIASOURCE, &type, &obj), S_OK);
    if (obj) {
        check_av_source(obj, -1);
        IUnknown_Release(obj);
    } else {
        fprintf(stderr, "  (url: %s)\n", url);
    }
}

/* A non-ASCII file name through a wide path, file:///, file://localhost/
 * and a raw (not percent-encoded) file:// URL. */
static void test_paths(void)
{
    char *av = media_path("av.mp4");
    char dir[] = "/tmp/msess-src-XXXXXX";
    if (!mkdtemp(dir)) {
        fprintf(stderr, "mkdtemp failed: path tests skipped\n");
        free(av);
        return;
    }
    static const char name[] = "vid\xc3\xa9o \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x8e\xac.mp4";
    size_t len = strlen(dir) + sizeof(name) + 1;
    char *path = xmalloc(len);
    snprintf(path, len, "%s/%s", dir, name);
    CHECK(copy_file(av, path));
    check_resolves_av(path);
    char *url = file_url(path, "");
    check_resolves_av(url);
    free(url);
    url = file_url(path, "localhost");
    check_resolves_av(url);
    free(url);
    len = strlen(path) + 8;
    url = xmalloc(len);
    snprintf(url, len, "file://%s", path);
    check_resolves_av(url);
    free(url);
    remove(path);
    rmdir(dir);
    free(path);
    free(av);
}

/* MF_RESOLUTION_BYTESTREAM gives a read-only, seekable IMFByteStream;
 * a media source can then be made from it. */
static void test_bytestream(void)
{
    char *av = media_path("av.mp4");
    long long size = file_size(av);
    MF_OBJECT_TYPE type;
    IUnknown *obj;
    IMFByteStream *bs = NULL;
    CHECK_HR(resolve_utf8(av, MF_RESOLUTION_BYTESTREAM, &type, &obj), S_OK);
    CHECK(type == MF_OBJECT_BYTESTREAM);
    if (obj) {
        CHECK_HR(IUnknown_QueryInterface(obj, &IID_IMFByteStream, (void **)&bs), S_OK);
        IUnknown_Release(obj);
    }
    if (!bs) {
        free(av);
        return;
    }
    DWORD caps = 0;
    QWORD length = 0, pos = 99;
    BYTE head[12];
    ULONG got = 0;
    BOOL end = TRUE;
    CHECK_HR(IMFByteStream_GetCapabilities(bs, &caps), S_OK);
    CHECK((caps & (MFBYTESTREAM_IS_READABLE | MFBYTESTREAM_IS_SEEKABLE)) ==
          (MFBYTESTREAM_IS_READABLE | MFBYTESTREAM_IS_SEEKABLE));
    CHECK_HR(IMFByteStream_GetLength(bs, &length), S_OK);
    CHECK(length == (QWORD)size);
    CHECK_HR(IMFByteStream_GetCurrentPosition(bs, &pos), S_OK);
    CHECK(pos == 0);
    CHECK_HR(IMFByteStream_Read(bs, head, sizeof(head), &got), S_OK);
    CHECK(got == sizeof(head) && !memcmp(head + 4, "ftyp", 4));
    CHECK_HR(IMFByteStream_GetCurrentPosition(bs, &pos), S_OK);
    CHECK(pos == sizeof(head));
    CHECK_HR(IMFByteStream_IsEndOfStream(bs, &end), S_OK);
    CHECK(!end);
    CHECK_HR(IMFByteStream_Seek(bs, msoCurrent, -4, 0, &pos), S_OK);
    CHECK(pos == 8);
    CHECK_HR(IMFByteStream_SetCurrentPosition(bs, length), S_OK);
    CHECK_HR(IMFByteStream_Read(bs, head, sizeof(head), &got), S_OK);
    CHECK(got == 0);
    CHECK_HR(IMFByteStream_IsEndOfStream(bs, &end), S_OK);
    CHECK(end);

    /* One object: IMFAttributes leads back to the same IUnknown. */
    IMFAttributes *attrs = NULL;
    IUnknown *u1 = NULL, *u2 = NULL;
    CHECK_HR(IMFByteStream_QueryInterface(bs, &IID_IMFAttributes, (void **)&attrs), S_OK);
    if (attrs) {
        CHECK_HR(IMFAttributes_SetUINT32(attrs, &MF_MT_AVG_BITRATE, 7), S_OK);
        CHECK(get_u32(attrs, &MF_MT_AVG_BITRATE) == 7);
        CHECK_HR(IMFAttributes_QueryInterface(attrs, &IID_IUnknown, (void **)&u1), S_OK);
        CHECK_HR(IMFByteStream_QueryInterface(bs, &IID_IUnknown, (void **)&u2), S_OK);
        CHECK(u1 && u1 == u2);
        if (u1)
            IUnknown_Release(u1);
        if (u2)
            IUnknown_Release(u2);
        IMFAttributes_Release(attrs);
    }

    CHECK_HR(IMFSourceResolver_CreateObjectFromByteStream(resolver, bs, NULL,
                                                          MF_RESOLUTION_MEDIASOURCE, NULL, &type,
                                                          &obj), S_OK);
    CHECK(type == MF_OBJECT_MEDIASOURCE);
    if (obj) {
        check_av_source(obj, size);
        IUnknown_Release(obj);
    }
    CHECK(IMFByteStream_AddRef(bs) == 2);
    IMFByteStream_Release(bs);
    IMFByteStream_Release(bs);
    free(av);
}

static void test_shutdown(void)
{
    char *av = media_path("av.mp4");
    MF_OBJECT_TYPE type;
    IUnknown *obj;
    IMFMediaSource *src = NULL;
    IMFMediaEvent *event = NULL;
    IMFPresentationDescriptor *pd = NULL;
    DWORD caps;
    CHECK_HR(resolve_utf8(av, MF_RESOLUTION_MEDIASOURCE, &type, &obj), S_OK);
    if (obj) {
        CHECK_HR(IUnknown_QueryInterface(obj, &IID_IMFMediaSource, (void **)&src), S_OK);
        IUnknown_Release(obj);
    }
    if (!src) {
        free(av);
        return;
    }
    IMFMediaEventGenerator *gen = NULL;
    CHECK_HR(IMFMediaSource_QueryInterface(src, &IID_IMFMediaEventGenerator, (void **)&gen), S_OK);
    if (gen)
        IMFMediaEventGenerator_Release(gen);
    CHECK_HR(IMFMediaSource_GetEvent(src, MF_EVENT_FLAG_NO_WAIT, &event), MF_E_NO_EVENTS_AVAILABLE);
    /* A source that never started is stopped. */
    CHECK_HR(IMFMediaSource_Pause(src), MF_E_INVALID_STATE_TRANSITION);
    CHECK_HR(IMFMediaSource_Stop(src), S_OK);
    CHECK_HR(IMFMediaSource_GetEvent(src, MF_EVENT_FLAG_NO_WAIT, &event), S_OK);
    if (event) {
        MediaEventType met = MEUnknown;
        CHECK_HR(IMFMediaEvent_GetType(event, &met), S_OK);
        CHECK(met == MESourceStopped);
        IMFMediaEvent_Release(event);
    }
    CHECK_HR(IMFMediaSource_GetCharacteristics(src, NULL), E_POINTER);
    CHECK_HR(IMFMediaSource_CreatePresentationDescriptor(src, NULL), E_POINTER);

    CHECK_HR(IMFMediaSource_Shutdown(src), S_OK);
    CHECK_HR(IMFMediaSource_Shutdown(src), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaSource_GetCharacteristics(src, &caps), MF_E_SHUTDOWN);
    /* Shutdown is checked before the pointer (Wine's tests of Windows). */
    CHECK_HR(IMFMediaSource_CreatePresentationDescriptor(src, NULL), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaSource_CreatePresentationDescriptor(src, &pd), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaSource_GetEvent(src, MF_EVENT_FLAG_NO_WAIT, &event), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaSource_Stop(src), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaSource_Pause(src), MF_E_SHUTDOWN);
    IMFMediaSource *again = NULL;
    CHECK_HR(IMFMediaSource_QueryInterface(src, &IID_IMFMediaSource, (void **)&again), S_OK);
    if (again)
        IMFMediaSource_Release(again);
    IMFMediaSource_Release(src);
    free(av);
}

int main(void)
{
    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL), S_OK);
    LONG live = msess_mf_live_objects();
    CHECK_HR(MFCreateSourceResolver(&resolver), S_OK);
    if (!resolver)
        return 1;
    test_av();
    test_wav();
    test_errors();
    test_paths();
    test_bytestream();
    test_shutdown();
    IMFSourceResolver_Release(resolver);
    check_live_objects(live);
    CHECK_HR(MFShutdown(), S_OK);
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}

/* IMFMediaBuffer (MFCreateMemoryBuffer), IMFSample (MFCreateSample) and
 * MFGetTopoNodeCurrentType, with the results Windows gives (Wine's mfplat
 * and mf conformance tests record them). */
#include "mfconf.h"

#include <stdint.h>

#define SHIM_TEST_RELEASE(p)                           \
    do {                                               \
        if (p)                                         \
            IUnknown_Release((IUnknown *)(void *)(p)); \
        (p) = NULL;                                    \
    } while (0)

static ULONG refs_of(IUnknown *unk)
{
    IUnknown_AddRef(unk);
    return IUnknown_Release(unk);
}

static void fill(IMFMediaBuffer *b, BYTE value, DWORD len)
{
    BYTE *data = NULL;
    if (SUCCEEDED(IMFMediaBuffer_Lock(b, &data, NULL, NULL))) {
        memset(data, value, len);
        IMFMediaBuffer_Unlock(b);
    }
    IMFMediaBuffer_SetCurrentLength(b, len);
}

static void buffer_methods(void)
{
    IMFMediaBuffer *b = NULL;
    DWORD max = 7, cur = 7;
    BYTE *data = NULL, *data2 = NULL;

    CHECK_HR(MFCreateMemoryBuffer(16, NULL), E_INVALIDARG, "MFCreateMemoryBuffer(NULL)");

    /* Zero length is allowed. */
    CHECK_HR(MFCreateMemoryBuffer(0, &b), S_OK, "MFCreateMemoryBuffer(0)");
    if (b) {
        CHECK_HR(IMFMediaBuffer_GetMaxLength(b, &max), S_OK, "GetMaxLength");
        CHECK(max == 0, "max length %lu, want 0", (unsigned long)max);
        CHECK_HR(IMFMediaBuffer_Lock(b, &data, &max, &cur), S_OK, "Lock of an empty buffer");
        CHECK(data != NULL && max == 0 && cur == 0, "empty buffer: %p %lu %lu", (void *)data,
              (unsigned long)max, (unsigned long)cur);
        CHECK_HR(IMFMediaBuffer_SetCurrentLength(b, 1), E_INVALIDARG, "SetCurrentLength(1) > 0");
        IMFMediaBuffer_Unlock(b);
        CHECK(IMFMediaBuffer_Release(b) == 0, "empty buffer: references left");
    }

    CHECK_HR(MFCreateMemoryBuffer(1024, &b), S_OK, "MFCreateMemoryBuffer(1024)");
    if (!b)
        return;
    CHECK(refs_of((IUnknown *)b) == 1, "new buffer: %lu references", refs_of((IUnknown *)b));
    CHECK_HR(IMFMediaBuffer_GetMaxLength(b, NULL), E_INVALIDARG, "GetMaxLength(NULL)");
    CHECK_HR(IMFMediaBuffer_GetMaxLength(b, &max), S_OK, "GetMaxLength");
    CHECK(max == 1024, "max length %lu", (unsigned long)max);
    CHECK_HR(IMFMediaBuffer_GetCurrentLength(b, NULL), E_INVALIDARG, "GetCurrentLength(NULL)");
    CHECK_HR(IMFMediaBuffer_GetCurrentLength(b, &cur), S_OK, "GetCurrentLength");
    CHECK(cur == 0, "new buffer current length %lu", (unsigned long)cur);
    CHECK_HR(IMFMediaBuffer_SetCurrentLength(b, 1025), E_INVALIDARG, "SetCurrentLength > max");
    CHECK_HR(IMFMediaBuffer_SetCurrentLength(b, 1024), S_OK, "SetCurrentLength == max");
    CHECK_HR(IMFMediaBuffer_SetCurrentLength(b, 10), S_OK, "SetCurrentLength(10)");
    IMFMediaBuffer_GetCurrentLength(b, &cur);
    CHECK(cur == 10, "current length %lu, want 10", (unsigned long)cur);

    max = cur = 0;
    CHECK_HR(IMFMediaBuffer_Lock(b, NULL, &max, &cur), E_INVALIDARG, "Lock(NULL)");
    CHECK(max == 0 && cur == 0, "Lock(NULL) wrote the lengths");
    CHECK_HR(IMFMediaBuffer_Lock(b, &data, &max, &cur), S_OK, "Lock");
    CHECK(max == 1024 && cur == 10, "Lock lengths %lu %lu", (unsigned long)max,
          (unsigned long)cur);
    CHECK(data && (uintptr_t)data % 16 == 0, "buffer %p not 16-byte aligned", (void *)data);
    if (data) {
        memset(data, 0xab, 1024); /* all of it is ours to write */
        data[1023] = 0x5a;
    }
    /* Locks nest and give the same memory. */
    CHECK_HR(IMFMediaBuffer_Lock(b, &data2, NULL, NULL), S_OK, "second Lock");
    CHECK(data2 == data, "second Lock gave another pointer");
    CHECK(data2 && data2[0] == 0xab && data2[1023] == 0x5a, "contents lost");
    CHECK_HR(IMFMediaBuffer_Unlock(b), S_OK, "Unlock");
    CHECK_HR(IMFMediaBuffer_Unlock(b), S_OK, "Unlock");
    CHECK_HR(IMFMediaBuffer_Unlock(b), S_OK, "unbalanced Unlock");

    IUnknown *unk = NULL;
    IMFSample *not_sample = NULL;
    CHECK_HR(IMFMediaBuffer_QueryInterface(b, &IID_IUnknown, (void **)&unk), S_OK, "QI IUnknown");
    CHECK(unk == (IUnknown *)b, "IUnknown is another pointer");
    CHECK(refs_of((IUnknown *)b) == 2, "QI did not add a reference");
    if (unk)
        IUnknown_Release(unk);
    CHECK_HR(IMFMediaBuffer_QueryInterface(b, &IID_IMFSample, (void **)&not_sample),
             E_NOINTERFACE, "QI IMFSample on a buffer");
    CHECK(IMFMediaBuffer_AddRef(b) == 2, "AddRef count");
    CHECK(IMFMediaBuffer_Release(b) == 1, "Release count");
    CHECK(IMFMediaBuffer_Release(b) == 0, "buffer: references left");
}

static void sample_methods(void)
{
    IMFSample *s = NULL;
    IMFAttributes *attrs = NULL;
    IMFMediaBuffer *b = NULL, *b2 = NULL;
    DWORD count = 9, flags = 9, len = 9;
    LONGLONG t = 0;
    UINT32 n = 9;

    CHECK_HR(MFCreateSample(NULL), E_POINTER, "MFCreateSample(NULL)");
    CHECK_HR(MFCreateSample(&s), S_OK, "MFCreateSample");
    if (!s)
        return;
    CHECK_HR(IMFSample_QueryInterface(s, &IID_IMFAttributes, (void **)&attrs), S_OK,
             "QI IMFAttributes");
    CHECK_HR(IMFSample_QueryInterface(s, &IID_IMFMediaBuffer, (void **)&b), E_NOINTERFACE,
             "QI IMFMediaBuffer on a sample");
    b = NULL;
    if (attrs) {
        IMFAttributes_GetCount(attrs, &n);
        CHECK(n == 0, "new sample has %u attributes", n);
    }

    /* Flags, time, duration: not attributes. */
    CHECK_HR(IMFSample_GetSampleFlags(s, NULL), E_POINTER, "GetSampleFlags(NULL)");
    CHECK_HR(IMFSample_GetSampleFlags(s, &flags), S_OK, "GetSampleFlags");
    CHECK(flags == 0, "flags %#lx", (unsigned long)flags);
    CHECK_HR(IMFSample_SetSampleFlags(s, 0x123), S_OK, "SetSampleFlags");
    IMFSample_GetSampleFlags(s, &flags);
    CHECK(flags == 0x123, "flags %#lx, want 0x123", (unsigned long)flags);
    CHECK_HR(IMFSample_GetSampleTime(s, &t), MF_E_NO_SAMPLE_TIMESTAMP, "GetSampleTime unset");
    CHECK_HR(IMFSample_GetSampleDuration(s, &t), MF_E_NO_SAMPLE_DURATION,
             "GetSampleDuration unset");
    CHECK_HR(IMFSample_GetSampleTime(s, NULL), E_POINTER, "GetSampleTime(NULL)");
    CHECK_HR(IMFSample_SetSampleTime(s, -5), S_OK, "SetSampleTime");
    CHECK_HR(IMFSample_GetSampleTime(s, &t), S_OK, "GetSampleTime");
    CHECK(t == -5, "time %lld", (long long)t);
    CHECK_HR(IMFSample_SetSampleDuration(s, 400000), S_OK, "SetSampleDuration");
    CHECK_HR(IMFSample_GetSampleDuration(s, &t), S_OK, "GetSampleDuration");
    CHECK(t == 400000, "duration %lld", (long long)t);
    if (attrs) {
        IMFAttributes_GetCount(attrs, &n);
        CHECK(n == 0, "time/duration became attributes (%u)", n);
        CHECK_HR(IMFSample_SetUINT32(s, &MF_MT_FRAME_SIZE, 7), S_OK, "SetUINT32");
        CHECK_HR(IMFAttributes_GetUINT32(attrs, &MF_MT_FRAME_SIZE, &n), S_OK, "GetUINT32");
        CHECK(n == 7, "attribute %u", n);
        IMFAttributes_Release(attrs);
    }

    /* Buffers. */
    CHECK_HR(IMFSample_GetBufferCount(s, NULL), E_INVALIDARG, "GetBufferCount(NULL)");
    CHECK_HR(IMFSample_GetBufferCount(s, &count), S_OK, "GetBufferCount");
    CHECK(count == 0, "new sample has %lu buffers", (unsigned long)count);
    CHECK_HR(IMFSample_GetBufferByIndex(s, 0, &b), E_INVALIDARG, "GetBufferByIndex(0) of none");
    CHECK_HR(IMFSample_RemoveBufferByIndex(s, 0), E_INVALIDARG, "RemoveBufferByIndex(0) of none");
    CHECK_HR(IMFSample_RemoveAllBuffers(s), S_OK, "RemoveAllBuffers of none");
    CHECK_HR(IMFSample_GetTotalLength(s, &len), S_OK, "GetTotalLength");
    CHECK(len == 0, "total %lu", (unsigned long)len);
    CHECK_HR(IMFSample_AddBuffer(s, NULL), E_INVALIDARG, "AddBuffer(NULL)");

    MFCreateMemoryBuffer(16, &b);
    if (!b) {
        IMFSample_Release(s);
        return;
    }
    CHECK_HR(IMFSample_AddBuffer(s, b), S_OK, "AddBuffer");
    CHECK_HR(IMFSample_AddBuffer(s, b), S_OK, "AddBuffer of the same buffer again");
    CHECK(refs_of((IUnknown *)b) == 3, "buffer in a sample twice: %lu references",
          refs_of((IUnknown *)b));
    IMFSample_GetBufferCount(s, &count);
    CHECK(count == 2, "%lu buffers, want 2", (unsigned long)count);
    CHECK_HR(IMFSample_GetBufferByIndex(s, 1, &b2), S_OK, "GetBufferByIndex(1)");
    CHECK(b2 == b, "GetBufferByIndex gave another buffer");
    CHECK(refs_of((IUnknown *)b) == 4, "GetBufferByIndex did not add a reference");
    if (b2)
        IMFMediaBuffer_Release(b2);
    CHECK_HR(IMFSample_GetBufferByIndex(s, 2, &b2), E_INVALIDARG, "GetBufferByIndex(2)");
    CHECK_HR(IMFSample_GetBufferByIndex(s, 0, NULL), E_POINTER, "GetBufferByIndex(NULL)");
    IMFSample_GetTotalLength(s, &len);
    CHECK(len == 0, "total %lu, want 0", (unsigned long)len);
    IMFMediaBuffer_SetCurrentLength(b, 2);
    CHECK_HR(IMFSample_GetTotalLength(s, &len), S_OK, "GetTotalLength");
    CHECK(len == 4, "total %lu, want 4", (unsigned long)len);
    CHECK_HR(IMFSample_GetTotalLength(s, NULL), E_POINTER, "GetTotalLength(NULL)");
    CHECK_HR(IMFSample_RemoveBufferByIndex(s, 2), E_INVALIDARG, "RemoveBufferByIndex(2)");
    CHECK_HR(IMFSample_RemoveBufferByIndex(s, 1), S_OK, "RemoveBufferByIndex(1)");
    CHECK(refs_of((IUnknown *)b) == 2, "removed buffer still referenced");
    IMFSample_GetTotalLength(s, &len);
    CHECK(len == 2, "total %lu, want 2", (unsigned long)len);
    IMFSample_AddBuffer(s, b);
    CHECK_HR(IMFSample_RemoveAllBuffers(s), S_OK, "RemoveAllBuffers");
    IMFSample_GetBufferCount(s, &count);
    CHECK(count == 0, "%lu buffers after RemoveAllBuffers", (unsigned long)count);
    CHECK(refs_of((IUnknown *)b) == 1, "RemoveAllBuffers kept references");

    /* Releasing the sample releases its buffers. */
    IMFSample_AddBuffer(s, b);
    CHECK(IMFSample_AddRef(s) == 2, "sample AddRef count");
    CHECK(IMFSample_Release(s) == 1, "sample Release count");
    CHECK(IMFSample_Release(s) == 0, "sample: references left");
    CHECK(IMFMediaBuffer_Release(b) == 0, "buffer outlived its sample's references");
}

static void copy_to_buffer(void)
{
    IMFSample *s = NULL;
    IMFMediaBuffer *dst = NULL, *a = NULL, *b = NULL;
    DWORD len = 0;
    BYTE *data = NULL;
    MFCreateSample(&s);
    MFCreateMemoryBuffer(8, &dst);
    MFCreateMemoryBuffer(8, &a);
    MFCreateMemoryBuffer(8, &b);
    if (!s || !dst || !a || !b)
        goto out;

    CHECK_HR(IMFSample_CopyToBuffer(s, NULL), E_POINTER, "CopyToBuffer(NULL)");
    /* No buffers: the destination becomes empty. */
    IMFMediaBuffer_SetCurrentLength(dst, 3);
    CHECK_HR(IMFSample_CopyToBuffer(s, dst), S_OK, "CopyToBuffer of no buffers");
    IMFMediaBuffer_GetCurrentLength(dst, &len);
    CHECK(len == 0, "destination length %lu, want 0", (unsigned long)len);

    fill(a, 0x11, 3);
    fill(b, 0x22, 5);
    IMFSample_AddBuffer(s, a);
    IMFSample_AddBuffer(s, b);
    fill(dst, 0x77, 8);
    CHECK_HR(IMFSample_CopyToBuffer(s, dst), S_OK, "CopyToBuffer of 3 + 5 bytes into 8");
    IMFMediaBuffer_GetCurrentLength(dst, &len);
    CHECK(len == 8, "destination length %lu, want 8", (unsigned long)len);
    if (SUCCEEDED(IMFMediaBuffer_Lock(dst, &data, NULL, NULL))) {
        CHECK(data[0] == 0x11 && data[2] == 0x11 && data[3] == 0x22 && data[7] == 0x22,
              "copied bytes wrong: %02x %02x %02x %02x", data[0], data[2], data[3], data[7]);
        IMFMediaBuffer_Unlock(dst);
    }

    /* Too small: MF_E_BUFFERTOOSMALL, length 0, bytes untouched. */
    IMFSample_AddBuffer(s, a);
    fill(dst, 0x77, 8);
    CHECK_HR(IMFSample_CopyToBuffer(s, dst), MF_E_BUFFERTOOSMALL, "CopyToBuffer of 11 into 8");
    IMFMediaBuffer_GetCurrentLength(dst, &len);
    CHECK(len == 0, "destination length %lu after MF_E_BUFFERTOOSMALL", (unsigned long)len);
    if (SUCCEEDED(IMFMediaBuffer_Lock(dst, &data, NULL, NULL))) {
        CHECK(data[0] == 0x77 && data[7] == 0x77, "MF_E_BUFFERTOOSMALL changed the bytes");
        IMFMediaBuffer_Unlock(dst);
    }
out:
    SHIM_TEST_RELEASE(s);
    SHIM_TEST_RELEASE(dst);
    SHIM_TEST_RELEASE(a);
    SHIM_TEST_RELEASE(b);
}

static void contiguous(void)
{
    IMFSample *s = NULL;
    IMFMediaBuffer *a = NULL, *b = NULL, *got = NULL;
    DWORD count = 0, len = 0;
    BYTE *data = NULL;
    MFCreateSample(&s);
    MFCreateMemoryBuffer(16, &a);
    MFCreateMemoryBuffer(16, &b);
    if (!s || !a || !b)
        goto out;

    got = (IMFMediaBuffer *)(void *)s; /* must be cleared */
    CHECK_HR(IMFSample_ConvertToContiguousBuffer(s, &got), E_UNEXPECTED,
             "ConvertToContiguousBuffer of no buffers");
    CHECK(got == NULL, "out pointer not cleared");
    got = NULL;

    /* One buffer: that very buffer. */
    fill(a, 0x33, 3);
    IMFSample_AddBuffer(s, a);
    CHECK_HR(IMFSample_ConvertToContiguousBuffer(s, &got), S_OK, "one buffer");
    CHECK(got == a, "one buffer: got another buffer");
    CHECK(refs_of((IUnknown *)a) == 3, "one buffer: no reference added");
    SHIM_TEST_RELEASE(got);
    CHECK_HR(IMFSample_ConvertToContiguousBuffer(s, NULL), S_OK, "one buffer, NULL out");

    /* Several: a new buffer with their bytes, which replaces them. */
    fill(b, 0x44, 4);
    IMFSample_AddBuffer(s, b);
    CHECK_HR(IMFSample_ConvertToContiguousBuffer(s, &got), S_OK, "two buffers");
    CHECK(got && got != a && got != b, "two buffers: not a new buffer");
    if (got) {
        IMFMediaBuffer_GetMaxLength(got, &len);
        CHECK(len == 7, "joined max length %lu, want 7", (unsigned long)len);
        IMFMediaBuffer_GetCurrentLength(got, &len);
        CHECK(len == 7, "joined length %lu, want 7", (unsigned long)len);
        if (SUCCEEDED(IMFMediaBuffer_Lock(got, &data, NULL, NULL))) {
            CHECK(data[0] == 0x33 && data[2] == 0x33 && data[3] == 0x44 && data[6] == 0x44,
                  "joined bytes wrong");
            IMFMediaBuffer_Unlock(got);
        }
    }
    IMFSample_GetBufferCount(s, &count);
    CHECK(count == 1, "%lu buffers after joining, want 1", (unsigned long)count);
    IMFMediaBuffer *first = NULL;
    IMFSample_GetBufferByIndex(s, 0, &first);
    CHECK(first == got, "the sample's buffer is not the joined one");
    SHIM_TEST_RELEASE(first);
    CHECK(refs_of((IUnknown *)a) == 1 && refs_of((IUnknown *)b) == 1,
          "joined buffers still referenced by the sample");
    SHIM_TEST_RELEASE(got);

    /* NULL out: the sample is joined all the same. */
    IMFSample_AddBuffer(s, a);
    CHECK_HR(IMFSample_ConvertToContiguousBuffer(s, NULL), S_OK, "two buffers, NULL out");
    IMFSample_GetBufferCount(s, &count);
    CHECK(count == 1, "%lu buffers after joining with NULL out", (unsigned long)count);
    IMFSample_GetTotalLength(s, &len);
    CHECK(len == 10, "total %lu after joining, want 10", (unsigned long)len);
out:
    SHIM_TEST_RELEASE(s);
    SHIM_TEST_RELEASE(a);
    SHIM_TEST_RELEASE(b);
}

/* Several threads adding to and reading one sample. */
#define THREADS 4
#define ROUNDS 200
static void *hammer(void *arg)
{
    IMFSample *s = arg;
    for (int i = 0; i < ROUNDS; i++) {
        IMFMediaBuffer *b = NULL;
        DWORD len = 0;
        if (SUCCEEDED(MFCreateMemoryBuffer(4, &b))) {
            IMFMediaBuffer_SetCurrentLength(b, 1);
            IMFSample_AddBuffer(s, b);
            IMFMediaBuffer_Release(b);
        }
        IMFSample_GetTotalLength(s, &len);
        IMFSample_SetSampleTime(s, i);
    }
    return NULL;
}

static void threads(void)
{
    IMFSample *s = NULL;
    pthread_t th[THREADS];
    DWORD count = 0, len = 0;
    if (FAILED(MFCreateSample(&s)))
        return;
    int started = 0;
    for (int i = 0; i < THREADS; i++)
        started += !pthread_create(&th[i], NULL, hammer, s);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    IMFSample_GetBufferCount(s, &count);
    IMFSample_GetTotalLength(s, &len);
    CHECK(count == (DWORD)(started * ROUNDS) && len == count, "%lu buffers, %lu bytes, want %d",
          (unsigned long)count, (unsigned long)len, started * ROUNDS);
    IMFSample_Release(s);
}

/* ----------------------------------------------------- MFGetTopoNodeCurrentType */

static bool type_is(IMFMediaType *t, REFGUID major, REFGUID subtype)
{
    GUID m = GUID_NULL, s = GUID_NULL;
    IMFMediaType_GetGUID(t, &MF_MT_MAJOR_TYPE, &m);
    IMFMediaType_GetGUID(t, &MF_MT_SUBTYPE, &s);
    return IsEqualGUID(&m, major) && (!subtype || IsEqualGUID(&s, subtype));
}

static void current_type_errors(void)
{
    IMFTopologyNode *n = NULL;
    IMFMediaType *t = NULL, *want = NULL;
    CHECK_HR(MFGetTopoNodeCurrentType(NULL, 0, FALSE, &t), E_POINTER, "NULL node");

    MFCreateTopologyNode(MF_TOPOLOGY_OUTPUT_NODE, &n);
    CHECK_HR(MFGetTopoNodeCurrentType(n, 0, FALSE, NULL), E_POINTER, "NULL type");
    CHECK_HR(MFGetTopoNodeCurrentType(n, 0, TRUE, &t), MF_E_INVALIDSTREAMNUMBER,
             "output node, output type");
    CHECK_HR(MFGetTopoNodeCurrentType(n, 1, FALSE, &t), MF_E_INVALIDSTREAMNUMBER,
             "output node, stream 1");
    CHECK(FAILED(MFGetTopoNodeCurrentType(n, 0, FALSE, &t)) && !t,
          "output node without an object gave a type");
    SHIM_TEST_RELEASE(n);

    MFCreateTopologyNode(MF_TOPOLOGY_SOURCESTREAM_NODE, &n);
    CHECK_HR(MFGetTopoNodeCurrentType(n, 0, FALSE, &t), MF_E_INVALIDSTREAMNUMBER,
             "source node, input type");
    CHECK_HR(MFGetTopoNodeCurrentType(n, 0, TRUE, &t), MF_E_ATTRIBUTENOTFOUND,
             "source node without a stream descriptor");
    SHIM_TEST_RELEASE(n);

    MFCreateTopologyNode(MF_TOPOLOGY_TRANSFORM_NODE, &n);
    CHECK_HR(MFGetTopoNodeCurrentType(n, 0, TRUE, &t), E_FAIL, "transform node without object");
    SHIM_TEST_RELEASE(n);

    /* Tees: the input's preferred type, whatever the direction. */
    MFCreateTopologyNode(MF_TOPOLOGY_TEE_NODE, &n);
    MFCreateMediaType(&want);
    if (n && want) {
        IMFMediaType_SetGUID(want, &MF_MT_MAJOR_TYPE, &MFMediaType_Audio);
        IMFTopologyNode_SetInputPrefType(n, 0, want);
        CHECK_HR(MFGetTopoNodeCurrentType(n, 0, TRUE, &t), S_OK, "tee node");
        CHECK(t == want, "tee node: not its input's preferred type");
        SHIM_TEST_RELEASE(t);
    }
    SHIM_TEST_RELEASE(want);
    SHIM_TEST_RELEASE(n);
}

/* On a resolved topology of av.mp4 (H.264 + AAC to two grabbers): sources
 * give the coded types, outputs the grabbers' (RGB32 320x240, PCM), and
 * every input the type of the output it is connected to. */
static void current_type_resolved(void)
{
    conf_play p;
    IMFTopology *full = NULL;
    if (!conf_play_open(&p, "av.mp4", true, true, FALSE, NULL, __LINE__) ||
        !conf_play_ready(&p, __LINE__))
        goto out;
    CHECK_HR(IMFMediaSession_GetFullTopology(p.session, MFSESSION_GETFULLTOPOLOGY_CURRENT, 0,
                                             &full),
             S_OK, "GetFullTopology");
    WORD nodes = 0;
    if (full)
        IMFTopology_GetNodeCount(full, &nodes);
    int sources = 0, outputs = 0, links = 0;
    for (WORD i = 0; i < nodes; i++) {
        IMFTopologyNode *n = NULL;
        IMFMediaType *t = NULL;
        MF_TOPOLOGY_TYPE kind;
        if (FAILED(IMFTopology_GetNode(full, i, &n)))
            continue;
        IMFTopologyNode_GetNodeType(n, &kind);
        if (kind == MF_TOPOLOGY_SOURCESTREAM_NODE) {
            sources++;
            CHECK_HR(MFGetTopoNodeCurrentType(n, 0, TRUE, &t), S_OK, "source node type");
            CHECK(t && (type_is(t, &MFMediaType_Video, &MFVideoFormat_H264) ||
                        type_is(t, &MFMediaType_Audio, &MFAudioFormat_AAC)),
                  "source node: not H.264 or AAC");
            SHIM_TEST_RELEASE(t);
            CHECK_HR(MFGetTopoNodeCurrentType(n, 0, FALSE, &t), MF_E_INVALIDSTREAMNUMBER,
                     "source node input type");
        } else if (kind == MF_TOPOLOGY_OUTPUT_NODE) {
            outputs++;
            CHECK_HR(MFGetTopoNodeCurrentType(n, 0, FALSE, &t), S_OK, "output node type");
            UINT64 size = 0;
            if (t && type_is(t, &MFMediaType_Video, NULL)) {
                CHECK(type_is(t, &MFMediaType_Video, &MFVideoFormat_RGB32),
                      "video output: not RGB32");
                IMFMediaType_GetUINT64(t, &MF_MT_FRAME_SIZE, &size);
                CHECK(size == ((UINT64)320 << 32 | 240), "video output: frame size %llx",
                      (unsigned long long)size);
            } else {
                CHECK(t && type_is(t, &MFMediaType_Audio, &MFAudioFormat_PCM),
                      "audio output: not PCM");
            }
            SHIM_TEST_RELEASE(t);
            CHECK_HR(MFGetTopoNodeCurrentType(n, 0, TRUE, &t), MF_E_INVALIDSTREAMNUMBER,
                     "output node output type");
        }
        /* Each input's type is the upstream output's. */
        DWORD ins = 0;
        IMFTopologyNode_GetInputCount(n, &ins);
        for (DWORD in = 0; in < ins; in++) {
            IMFTopologyNode *up = NULL;
            DWORD up_out = 0;
            IMFMediaType *mine = NULL, *theirs = NULL;
            if (FAILED(IMFTopologyNode_GetInput(n, in, &up, &up_out)))
                continue;
            links++;
            CHECK_HR(MFGetTopoNodeCurrentType(n, in, FALSE, &mine), S_OK, "input type");
            CHECK_HR(MFGetTopoNodeCurrentType(up, up_out, TRUE, &theirs), S_OK,
                     "upstream output type");
            DWORD flags = 0;
            CHECK(mine && theirs && IMFMediaType_IsEqual(mine, theirs, &flags) == S_OK,
                  "node %u input %lu: type differs from its upstream output's (flags %#lx)",
                  i, (unsigned long)in, (unsigned long)flags);
            SHIM_TEST_RELEASE(mine);
            SHIM_TEST_RELEASE(theirs);
            SHIM_TEST_RELEASE(up);
        }
        SHIM_TEST_RELEASE(n);
    }
    CHECK(sources == 2 && outputs == 2 && links >= 4,
          "resolved topology: %d sources, %d outputs, %d links", sources, outputs, links);
out:
    SHIM_TEST_RELEASE(full);
    conf_play_close(&p);
}

int main(void)
{
    conf_init();
    CONF_CASE(buffer_methods);
    CONF_CASE(sample_methods);
    CONF_CASE(copy_to_buffer);
    CONF_CASE(contiguous);
    CONF_CASE(threads);
    CONF_CASE(current_type_errors);
    CONF_CASE(current_type_resolved);
    return conf_done();
}

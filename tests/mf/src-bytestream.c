/* CreateObjectFromByteStream over an application's IMFByteStream (a game's
 * archive, memory): the source reads through the application's Read,
 * SetCurrentPosition and GetLength, describes av.mp4 as from a file, keeps
 * the stream while it lives and releases it after; unknown data and bad
 * arguments give Windows' errors. */
#define _POSIX_C_SOURCE 200809L /* nanosleep */
#include "src-util.h"

/* A read-only byte stream over memory, counting what the source does. */
typedef struct mem_stream {
    IMFByteStream iface;
    LONG refs;
    const BYTE *data;
    QWORD size, pos;
    int reads, seeks;
    bool seekable;
} mem_stream;

static mem_stream *ms_from(IMFByteStream *iface)
{
    return (mem_stream *)(void *)iface;
}

static HRESULT STDMETHODCALLTYPE m_QueryInterface(IMFByteStream *This, REFIID riid, void **out)
{
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IMFByteStream)) {
        *out = This;
        IMFByteStream_AddRef(This);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE m_AddRef(IMFByteStream *This)
{
    return (ULONG)__atomic_add_fetch(&ms_from(This)->refs, 1, __ATOMIC_SEQ_CST);
}

static ULONG STDMETHODCALLTYPE m_Release(IMFByteStream *This)
{
    return (ULONG)__atomic_sub_fetch(&ms_from(This)->refs, 1, __ATOMIC_SEQ_CST);
}

static HRESULT STDMETHODCALLTYPE m_GetCapabilities(IMFByteStream *This, DWORD *caps)
{
    *caps = MFBYTESTREAM_IS_READABLE | (ms_from(This)->seekable ? MFBYTESTREAM_IS_SEEKABLE : 0);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE m_GetLength(IMFByteStream *This, QWORD *length)
{
    *length = ms_from(This)->size;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE m_SetLength(IMFByteStream *This, QWORD length)
{
    (void)This;
    (void)length;
    return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE m_GetCurrentPosition(IMFByteStream *This, QWORD *pos)
{
    *pos = ms_from(This)->pos;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE m_SetCurrentPosition(IMFByteStream *This, QWORD pos)
{
    mem_stream *m = ms_from(This);
    if (!m->seekable || pos > m->size)
        return E_INVALIDARG;
    m->seeks++;
    m->pos = pos;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE m_IsEndOfStream(IMFByteStream *This, BOOL *end)
{
    *end = ms_from(This)->pos >= ms_from(This)->size;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE m_Read(IMFByteStream *This, BYTE *buf, ULONG size, ULONG *done)
{
    mem_stream *m = ms_from(This);
    QWORD left = m->size - m->pos;
    ULONG n = left < size ? (ULONG)left : size;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    m->reads++;
    *done = n;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE m_BeginRead(IMFByteStream *This, BYTE *buf, ULONG size,
                                             IMFAsyncCallback *cb, IUnknown *state)
{
    (void)This;
    (void)buf;
    (void)size;
    (void)cb;
    (void)state;
    return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE m_EndRead(IMFByteStream *This, IMFAsyncResult *r, ULONG *done)
{
    (void)This;
    (void)r;
    (void)done;
    return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE m_Write(IMFByteStream *This, const BYTE *buf, ULONG size,
                                         ULONG *done)
{
    (void)This;
    (void)buf;
    (void)size;
    (void)done;
    return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE m_BeginWrite(IMFByteStream *This, const BYTE *buf, ULONG size,
                                              IMFAsyncCallback *cb, IUnknown *state)
{
    (void)This;
    (void)buf;
    (void)size;
    (void)cb;
    (void)state;
    return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE m_EndWrite(IMFByteStream *This, IMFAsyncResult *r, ULONG *done)
{
    (void)This;
    (void)r;
    (void)done;
    return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE m_Seek(IMFByteStream *This, MFBYTESTREAM_SEEK_ORIGIN origin,
                                        LONGLONG offset, DWORD flags, QWORD *pos)
{
    mem_stream *m = ms_from(This);
    (void)flags;
    LONGLONG to = (origin == msoCurrent ? (LONGLONG)m->pos : 0) + offset;
    if (!m->seekable || to < 0 || (QWORD)to > m->size)
        return E_INVALIDARG;
    m->seeks++;
    m->pos = (QWORD)to;
    if (pos)
        *pos = m->pos;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE m_Flush(IMFByteStream *This)
{
    (void)This;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE m_Close(IMFByteStream *This)
{
    (void)This;
    return S_OK;
}

static IMFByteStreamVtbl mem_stream_vtbl = {
    .QueryInterface = m_QueryInterface,
    .AddRef = m_AddRef,
    .Release = m_Release,
    .GetCapabilities = m_GetCapabilities,
    .GetLength = m_GetLength,
    .SetLength = m_SetLength,
    .GetCurrentPosition = m_GetCurrentPosition,
    .SetCurrentPosition = m_SetCurrentPosition,
    .IsEndOfStream = m_IsEndOfStream,
    .Read = m_Read,
    .BeginRead = m_BeginRead,
    .EndRead = m_EndRead,
    .Write = m_Write,
    .BeginWrite = m_BeginWrite,
    .EndWrite = m_EndWrite,
    .Seek = m_Seek,
    .Flush = m_Flush,
    .Close = m_Close,
};

static void mem_init(mem_stream *m, const BYTE *data, QWORD size)
{
    memset(m, 0, sizeof(*m));
    m->iface.lpVtbl = &mem_stream_vtbl;
    m->refs = 1;
    m->data = data;
    m->size = size;
    m->seekable = true;
}

static BYTE *read_all(const char *path, QWORD *size)
{
    FILE *f = fopen(path, "rb");
    long long n = file_size(path);
    BYTE *buf = n > 0 ? xmalloc((size_t)n) : NULL;
    if (!f || !buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(1);
    }
    fclose(f);
    *size = (QWORD)n;
    return buf;
}

static IMFSourceResolver *resolver;

static HRESULT create(IMFByteStream *bs, DWORD flags, MF_OBJECT_TYPE *type, IUnknown **obj)
{
    *obj = NULL;
    *type = (MF_OBJECT_TYPE)42;
    return IMFSourceResolver_CreateObjectFromByteStream(resolver, bs, NULL, flags, NULL, type,
                                                        obj);
}

static void test_av(const BYTE *data, QWORD size)
{
    mem_stream m;
    mem_init(&m, data, size);
    m.pos = 1000; /* Windows' handlers read from the start whatever the position */
    MF_OBJECT_TYPE type;
    IUnknown *obj;
    CHECK_HR(create(&m.iface, MF_RESOLUTION_MEDIASOURCE, &type, &obj), S_OK);
    CHECK(type == MF_OBJECT_MEDIASOURCE);
    CHECK(m.reads > 0);
    CHECK(m.refs > 1); /* the source keeps the stream */
    if (obj) {
        check_av_source(obj, (long long)size);
        IUnknown_Release(obj);
    }
    CHECK(m.refs == 1);
}

static void test_errors(const BYTE *data, QWORD size)
{
    mem_stream m;
    MF_OBJECT_TYPE type;
    IUnknown *obj;
    mem_init(&m, data, size);
    CHECK_HR(create(NULL, MF_RESOLUTION_MEDIASOURCE, &type, &obj), E_POINTER);
    CHECK_HR(IMFSourceResolver_CreateObjectFromByteStream(resolver, &m.iface, NULL,
                                                          MF_RESOLUTION_MEDIASOURCE, NULL, NULL,
                                                          &obj), E_POINTER);
    CHECK_HR(IMFSourceResolver_CreateObjectFromByteStream(resolver, &m.iface, NULL,
                                                          MF_RESOLUTION_MEDIASOURCE, NULL, &type,
                                                          NULL), E_POINTER);
    CHECK_HR(create(&m.iface, MF_RESOLUTION_MEDIASOURCE | MF_RESOLUTION_BYTESTREAM, &type, &obj),
             MF_E_SOURCERESOLVER_MUTUALLY_EXCLUSIVE_FLAGS);
    CHECK(!obj);
    CHECK(m.refs == 1);

    /* Bytes no demuxer takes (the build's garbage.mp4). */
    char *path = media_path("garbage.mp4");
    QWORD gsize;
    BYTE *garbage = read_all(path, &gsize);
    mem_init(&m, garbage, gsize);
    CHECK_HR(create(&m.iface, MF_RESOLUTION_MEDIASOURCE, &type, &obj),
             MF_E_UNSUPPORTED_BYTESTREAM_TYPE);
    CHECK(!obj);
    CHECK(type == MF_OBJECT_INVALID);
    CHECK(m.reads > 0);
    CHECK(m.refs == 1);
    free(garbage);
    free(path);
}

int main(void)
{
    char *av = media_path("av.mp4");
    QWORD size;
    BYTE *data = read_all(av, &size);
    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL), S_OK);
    LONG live = msess_mf_live_objects();
    CHECK_HR(MFCreateSourceResolver(&resolver), S_OK);
    if (!resolver)
        return 1;
    test_av(data, size);
    test_errors(data, size);
    IMFSourceResolver_Release(resolver);
    check_live_objects(live);
    CHECK_HR(MFShutdown(), S_OK);
    free(data);
    free(av);
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}

/* IMFMediaBuffer over system memory (MFCreateMemoryBuffer) and IMFSample
 * (MFCreateSample): an attribute store, flags, time, duration and a list of
 * buffers. Behaviour as Windows' (Wine's mfplat tests record it): NULL out
 * pointers give E_INVALIDARG where Windows does so, a sample's time and
 * duration are not attributes, ConvertToContiguousBuffer of several buffers
 * replaces them by one, CopyToBuffer empties the destination on failure. */
#include <stdlib.h>
#include <string.h>

#include "shim.h"

/* Windows' system memory buffers are 16-byte aligned (MF_16_BYTE_ALIGNMENT). */
#define BUFFER_ALIGN 16

/* ========================================================== IMFMediaBuffer */

typedef struct mem_buffer {
    shim_obj base;
    pthread_mutex_t lock;
    void *raw;   /* what malloc returned */
    BYTE *data;  /* raw aligned to BUFFER_ALIGN */
    DWORD max, cur;
    bool lock_ok; /* lock initialised (destroy needs to know) */
} mem_buffer;

static mem_buffer *buffer_from(IMFMediaBuffer *iface)
{
    return SHIM_FROM(mem_buffer, base, iface);
}

SHIM_IUNKNOWN(buf_, IMFMediaBuffer, mem_buffer, base)

/* Locks may nest and are not exclusive: the memory stays where it is for the
 * buffer's life, so Lock only reports it (as Windows' memory buffers do). */
static HRESULT STDMETHODCALLTYPE buf_Lock(IMFMediaBuffer *This, BYTE **data, DWORD *max,
                                          DWORD *cur)
{
    mem_buffer *b = buffer_from(This);
    if (!data)
        return E_INVALIDARG;
    pthread_mutex_lock(&b->lock);
    *data = b->data;
    if (max)
        *max = b->max;
    if (cur)
        *cur = b->cur;
    pthread_mutex_unlock(&b->lock);
    return S_OK;
}

/* Unbalanced Unlock calls succeed on Windows too. */
static HRESULT STDMETHODCALLTYPE buf_Unlock(IMFMediaBuffer *This)
{
    (void)This;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE buf_GetCurrentLength(IMFMediaBuffer *This, DWORD *cur)
{
    mem_buffer *b = buffer_from(This);
    if (!cur)
        return E_INVALIDARG;
    pthread_mutex_lock(&b->lock);
    *cur = b->cur;
    pthread_mutex_unlock(&b->lock);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE buf_SetCurrentLength(IMFMediaBuffer *This, DWORD cur)
{
    mem_buffer *b = buffer_from(This);
    if (cur > b->max)
        return E_INVALIDARG;
    pthread_mutex_lock(&b->lock);
    b->cur = cur;
    pthread_mutex_unlock(&b->lock);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE buf_GetMaxLength(IMFMediaBuffer *This, DWORD *max)
{
    if (!max)
        return E_INVALIDARG;
    *max = buffer_from(This)->max; /* fixed at creation */
    return S_OK;
}

static const IMFMediaBufferVtbl mem_buffer_vtbl = {
    SHIM_IUNKNOWN_VTBL(buf_),
    .Lock = buf_Lock,
    .Unlock = buf_Unlock,
    .GetCurrentLength = buf_GetCurrentLength,
    .SetCurrentLength = buf_SetCurrentLength,
    .GetMaxLength = buf_GetMaxLength,
};

static void mem_buffer_destroy(void *obj)
{
    mem_buffer *b = obj;
    free(b->raw);
    if (b->lock_ok)
        pthread_mutex_destroy(&b->lock);
}

static const shim_iface mem_buffer_ifaces[] = {
    { &IID_IMFMediaBuffer, 0 },
    { NULL, 0 },
};

static const shim_class mem_buffer_class = {
    .name = "IMFMediaBuffer",
    .ifaces = mem_buffer_ifaces,
    .destroy = mem_buffer_destroy,
};

HRESULT WINAPI MFCreateMemoryBuffer(DWORD max_length, IMFMediaBuffer **out)
{
    if (!out)
        return E_INVALIDARG;
    *out = NULL;
    /* A zero-length buffer is allowed; it still gets memory so that Lock
     * gives a valid (if useless) pointer. The padding leaves room for the
     * alignment; the sum cannot wrap where size_t is 64-bit, and is checked
     * where it is 32-bit. */
    size_t size = (size_t)max_length + BUFFER_ALIGN;
    if (size < max_length)
        return E_OUTOFMEMORY;
    mem_buffer *b = shim_obj_new(sizeof(*b), &mem_buffer_class, &mem_buffer_vtbl);
    if (!b)
        return E_OUTOFMEMORY;
    b->lock_ok = !pthread_mutex_init(&b->lock, NULL);
    b->raw = b->lock_ok ? malloc(size) : NULL;
    if (!b->raw) {
        shim_obj_release(&b->base);
        return E_OUTOFMEMORY;
    }
    uintptr_t p = (uintptr_t)b->raw;
    b->data = (BYTE *)b->raw + ((BUFFER_ALIGN - p % BUFFER_ALIGN) % BUFFER_ALIGN);
    b->max = max_length;
    *out = (IMFMediaBuffer *)&b->base;
    return S_OK;
}

/* =============================================================== IMFSample */

typedef struct sample {
    shim_obj base;
    shim_attrs attrs;
    pthread_mutex_t lock; /* the fields below */
    DWORD flags;
    LONGLONG time, duration;
    bool has_time, has_duration;
    IMFMediaBuffer **buffers; /* references */
    DWORD count, cap;
    bool lock_ok; /* lock initialised (destroy needs to know) */
} sample;

static sample *sample_from(IMFSample *iface)
{
    return SHIM_FROM(sample, base, iface);
}

SHIM_IUNKNOWN(smp_, IMFSample, sample, base)
SHIM_ATTRIBUTES(smp_, IMFSample, sample)

static HRESULT STDMETHODCALLTYPE smp_GetSampleFlags(IMFSample *This, DWORD *flags)
{
    sample *s = sample_from(This);
    if (!flags)
        return E_POINTER;
    pthread_mutex_lock(&s->lock);
    *flags = s->flags;
    pthread_mutex_unlock(&s->lock);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE smp_SetSampleFlags(IMFSample *This, DWORD flags)
{
    sample *s = sample_from(This);
    pthread_mutex_lock(&s->lock);
    s->flags = flags;
    pthread_mutex_unlock(&s->lock);
    return S_OK;
}

/* Time and duration: read one of the two optional values. */
static HRESULT get_optional(sample *s, const LONGLONG *value, const bool *set, LONGLONG *out,
                            HRESULT unset)
{
    if (!out)
        return E_POINTER;
    pthread_mutex_lock(&s->lock);
    HRESULT hr = *set ? S_OK : unset;
    if (*set)
        *out = *value;
    pthread_mutex_unlock(&s->lock);
    return hr;
}

static HRESULT STDMETHODCALLTYPE smp_GetSampleTime(IMFSample *This, LONGLONG *time)
{
    sample *s = sample_from(This);
    return get_optional(s, &s->time, &s->has_time, time, MF_E_NO_SAMPLE_TIMESTAMP);
}

static HRESULT STDMETHODCALLTYPE smp_SetSampleTime(IMFSample *This, LONGLONG time)
{
    sample *s = sample_from(This);
    pthread_mutex_lock(&s->lock);
    s->time = time;
    s->has_time = true;
    pthread_mutex_unlock(&s->lock);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE smp_GetSampleDuration(IMFSample *This, LONGLONG *duration)
{
    sample *s = sample_from(This);
    return get_optional(s, &s->duration, &s->has_duration, duration, MF_E_NO_SAMPLE_DURATION);
}

static HRESULT STDMETHODCALLTYPE smp_SetSampleDuration(IMFSample *This, LONGLONG duration)
{
    sample *s = sample_from(This);
    pthread_mutex_lock(&s->lock);
    s->duration = duration;
    s->has_duration = true;
    pthread_mutex_unlock(&s->lock);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE smp_GetBufferCount(IMFSample *This, DWORD *count)
{
    sample *s = sample_from(This);
    if (!count)
        return E_INVALIDARG;
    pthread_mutex_lock(&s->lock);
    *count = s->count;
    pthread_mutex_unlock(&s->lock);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE smp_GetBufferByIndex(IMFSample *This, DWORD index,
                                                      IMFMediaBuffer **buffer)
{
    sample *s = sample_from(This);
    if (!buffer)
        return E_POINTER;
    pthread_mutex_lock(&s->lock);
    HRESULT hr = index < s->count ? S_OK : E_INVALIDARG;
    *buffer = SUCCEEDED(hr) ? s->buffers[index] : NULL;
    if (*buffer)
        IMFMediaBuffer_AddRef(*buffer);
    pthread_mutex_unlock(&s->lock);
    return hr;
}

/* Append a buffer (s->lock held); takes a new reference. */
static HRESULT append_locked(sample *s, IMFMediaBuffer *buffer)
{
    if (s->count == s->cap) {
        DWORD cap = s->cap ? s->cap * 2 : 4;
        IMFMediaBuffer **v = realloc(s->buffers, cap * sizeof(*v));
        if (!v)
            return E_OUTOFMEMORY;
        s->buffers = v;
        s->cap = cap;
    }
    IMFMediaBuffer_AddRef(buffer);
    s->buffers[s->count++] = buffer;
    return S_OK;
}

/* The same buffer may be added more than once (Windows allows it). */
static HRESULT STDMETHODCALLTYPE smp_AddBuffer(IMFSample *This, IMFMediaBuffer *buffer)
{
    sample *s = sample_from(This);
    if (!buffer)
        return E_INVALIDARG;
    pthread_mutex_lock(&s->lock);
    HRESULT hr = append_locked(s, buffer);
    pthread_mutex_unlock(&s->lock);
    return hr;
}

static HRESULT STDMETHODCALLTYPE smp_RemoveBufferByIndex(IMFSample *This, DWORD index)
{
    sample *s = sample_from(This);
    IMFMediaBuffer *gone = NULL;
    pthread_mutex_lock(&s->lock);
    if (index < s->count) {
        gone = s->buffers[index];
        memmove(&s->buffers[index], &s->buffers[index + 1],
                (s->count - index - 1) * sizeof(*s->buffers));
        s->count--;
    }
    pthread_mutex_unlock(&s->lock);
    /* Released outside the lock: a foreign buffer's Release may do anything. */
    if (!gone)
        return E_INVALIDARG;
    IMFMediaBuffer_Release(gone);
    return S_OK;
}

/* Take the buffer list out of the sample (s->lock held); the caller
 * releases the references and frees the array. */
static IMFMediaBuffer **take_all_locked(sample *s, DWORD *count)
{
    IMFMediaBuffer **v = s->buffers;
    *count = s->count;
    s->buffers = NULL;
    s->count = s->cap = 0;
    return v;
}

static void release_all(IMFMediaBuffer **v, DWORD count)
{
    for (DWORD i = 0; i < count; i++)
        IMFMediaBuffer_Release(v[i]);
    free(v);
}

static HRESULT STDMETHODCALLTYPE smp_RemoveAllBuffers(IMFSample *This)
{
    sample *s = sample_from(This);
    DWORD count;
    pthread_mutex_lock(&s->lock);
    IMFMediaBuffer **v = take_all_locked(s, &count);
    pthread_mutex_unlock(&s->lock);
    release_all(v, count);
    return S_OK;
}

/* A copy of the buffer list with a reference on each, so that the buffers
 * (possibly foreign objects) are called without the sample's lock. */
static HRESULT snapshot(sample *s, IMFMediaBuffer ***out, DWORD *count)
{
    *out = NULL;
    pthread_mutex_lock(&s->lock);
    *count = s->count;
    IMFMediaBuffer **v = s->count ? malloc(s->count * sizeof(*v)) : NULL;
    if (v)
        for (DWORD i = 0; i < s->count; i++) {
            v[i] = s->buffers[i];
            IMFMediaBuffer_AddRef(v[i]);
        }
    pthread_mutex_unlock(&s->lock);
    if (*count && !v)
        return E_OUTOFMEMORY;
    *out = v;
    return S_OK;
}

/* Sum of the buffers' current lengths; E_INVALIDARG when over 4 GiB - 1. */
static HRESULT total_length(IMFMediaBuffer **v, DWORD count, DWORD *total)
{
    UINT64 sum = 0;
    for (DWORD i = 0; i < count; i++) {
        DWORD len = 0;
        HRESULT hr = IMFMediaBuffer_GetCurrentLength(v[i], &len);
        if (FAILED(hr))
            return hr;
        sum += len;
    }
    if (sum > 0xffffffffu)
        return E_INVALIDARG;
    *total = (DWORD)sum;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE smp_GetTotalLength(IMFSample *This, DWORD *total)
{
    if (!total)
        return E_POINTER;
    IMFMediaBuffer **v;
    DWORD count;
    HRESULT hr = snapshot(sample_from(This), &v, &count);
    if (SUCCEEDED(hr))
        hr = total_length(v, count, total);
    release_all(v, count);
    return hr;
}

/* Copy the current bytes of count buffers to dst (room checked by the
 * caller); *written gets the number of bytes. */
static HRESULT gather(IMFMediaBuffer **v, DWORD count, BYTE *dst, DWORD room, DWORD *written)
{
    DWORD at = 0;
    for (DWORD i = 0; i < count; i++) {
        BYTE *src;
        DWORD len = 0;
        HRESULT hr = IMFMediaBuffer_Lock(v[i], &src, NULL, &len);
        if (FAILED(hr))
            return hr;
        if (len > room - at) {
            IMFMediaBuffer_Unlock(v[i]);
            return MF_E_BUFFERTOOSMALL; /* a buffer grew meanwhile */
        }
        if (len)
            memcpy(dst + at, src, len);
        at += len;
        IMFMediaBuffer_Unlock(v[i]);
    }
    *written = at;
    return S_OK;
}

/* One buffer: that buffer. Several: a new buffer with their bytes, which
 * replaces them in the sample. None: E_UNEXPECTED (as Windows). out may be
 * NULL (only the sample changes). */
static HRESULT STDMETHODCALLTYPE smp_ConvertToContiguousBuffer(IMFSample *This,
                                                               IMFMediaBuffer **out)
{
    sample *s = sample_from(This);
    if (out)
        *out = NULL;
    IMFMediaBuffer **v;
    DWORD count, total = 0, written = 0;
    HRESULT hr = snapshot(s, &v, &count);
    if (SUCCEEDED(hr) && !count)
        hr = E_UNEXPECTED;
    if (FAILED(hr) || count == 1) {
        if (SUCCEEDED(hr) && out) {
            *out = v[0];
            IMFMediaBuffer_AddRef(*out);
        }
        release_all(v, count);
        return hr;
    }
    IMFMediaBuffer *joined = NULL;
    BYTE *dst;
    hr = total_length(v, count, &total);
    if (SUCCEEDED(hr))
        hr = MFCreateMemoryBuffer(total, &joined);
    if (SUCCEEDED(hr) && SUCCEEDED(hr = IMFMediaBuffer_Lock(joined, &dst, NULL, NULL))) {
        hr = gather(v, count, dst, total, &written);
        IMFMediaBuffer_Unlock(joined);
    }
    if (SUCCEEDED(hr))
        hr = IMFMediaBuffer_SetCurrentLength(joined, written);
    release_all(v, count);
    if (FAILED(hr)) {
        SHIM_RELEASE(joined);
        return hr;
    }
    /* Swap in the joined buffer. Buffers added meanwhile by another thread
     * are dropped with the old ones: the sample was in use both ways. */
    pthread_mutex_lock(&s->lock);
    IMFMediaBuffer **old = take_all_locked(s, &count);
    hr = append_locked(s, joined);
    pthread_mutex_unlock(&s->lock);
    release_all(old, count);
    if (SUCCEEDED(hr) && out) {
        *out = joined;
        IMFMediaBuffer_AddRef(joined);
    }
    IMFMediaBuffer_Release(joined);
    return hr;
}

/* The destination's current length is 0 unless the copy succeeds (then the
 * bytes copied); MF_E_BUFFERTOOSMALL leaves its bytes as they were. */
static HRESULT STDMETHODCALLTYPE smp_CopyToBuffer(IMFSample *This, IMFMediaBuffer *buffer)
{
    if (!buffer)
        return E_POINTER;
    IMFMediaBuffer **v;
    DWORD count, total = 0, max = 0, written = 0;
    BYTE *dst;
    HRESULT hr = snapshot(sample_from(This), &v, &count);
    if (SUCCEEDED(hr))
        hr = total_length(v, count, &total);
    if (SUCCEEDED(hr))
        hr = IMFMediaBuffer_SetCurrentLength(buffer, 0);
    if (SUCCEEDED(hr))
        hr = IMFMediaBuffer_Lock(buffer, &dst, &max, NULL);
    if (SUCCEEDED(hr)) {
        hr = total > max ? MF_E_BUFFERTOOSMALL : gather(v, count, dst, max, &written);
        IMFMediaBuffer_Unlock(buffer);
    }
    if (SUCCEEDED(hr))
        hr = IMFMediaBuffer_SetCurrentLength(buffer, written);
    release_all(v, count);
    return hr;
}

static const IMFSampleVtbl sample_vtbl = {
    SHIM_IUNKNOWN_VTBL(smp_),
    SHIM_ATTRIBUTES_VTBL(smp_),
    .GetSampleFlags = smp_GetSampleFlags,
    .SetSampleFlags = smp_SetSampleFlags,
    .GetSampleTime = smp_GetSampleTime,
    .SetSampleTime = smp_SetSampleTime,
    .GetSampleDuration = smp_GetSampleDuration,
    .SetSampleDuration = smp_SetSampleDuration,
    .GetBufferCount = smp_GetBufferCount,
    .GetBufferByIndex = smp_GetBufferByIndex,
    .ConvertToContiguousBuffer = smp_ConvertToContiguousBuffer,
    .AddBuffer = smp_AddBuffer,
    .RemoveBufferByIndex = smp_RemoveBufferByIndex,
    .RemoveAllBuffers = smp_RemoveAllBuffers,
    .GetTotalLength = smp_GetTotalLength,
    .CopyToBuffer = smp_CopyToBuffer,
};

static void sample_destroy(void *obj)
{
    sample *s = obj;
    release_all(s->buffers, s->count);
    if (s->lock_ok)
        pthread_mutex_destroy(&s->lock);
    shim_attrs_free(&s->attrs);
}

static const shim_iface sample_ifaces[] = {
    { &IID_IMFSample, 0 },
    { &IID_IMFAttributes, 0 },
    { NULL, 0 },
};

static const shim_class sample_class = {
    .name = "IMFSample",
    .ifaces = sample_ifaces,
    .destroy = sample_destroy,
};

HRESULT WINAPI MFCreateSample(IMFSample **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    sample *s = shim_obj_new(sizeof(*s), &sample_class, &sample_vtbl);
    if (!s)
        return E_OUTOFMEMORY;
    s->lock_ok = !pthread_mutex_init(&s->lock, NULL);
    HRESULT hr = s->lock_ok ? shim_attrs_init(&s->attrs) : E_OUTOFMEMORY;
    if (FAILED(hr)) {
        shim_obj_release(&s->base);
        return hr;
    }
    *out = (IMFSample *)&s->base;
    return S_OK;
}

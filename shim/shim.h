/* Internals of the Media Foundation shim: the COM object header every shim
 * object starts with (reference count, QueryInterface table, live-object
 * count), the attribute store behind every IMFAttributes, HRESULTs for msess
 * errors, wide strings, and the functions the shim's files call in each
 * other. Compiles against shim/include on other systems and against the
 * real Windows headers (mingw-w64) on Windows. */
#ifndef MSESS_SHIM_H
#define MSESS_SHIM_H

#ifndef COBJMACROS
#define COBJMACROS
#endif
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pthread.h>

#include <windows.h>
#include <mfapi.h>
#include <mferror.h>
#include <mfidl.h>
#include <evr.h>
#include <propvarutil.h>

#include <msess/msess.h>

/* ------------------------------------------------------------------ objects
 * Every shim object is a struct whose first member is `shim_obj base`; the
 * base's lpVtbl is the object's main interface. Further interfaces are
 * further `const XVtbl *` members, listed with their offset in the class's
 * table; SHIM_FROM finds the object from any of them. */

/* One interface an object answers QueryInterface for. */
typedef struct shim_iface {
    const IID *iid;
    size_t offset; /* of the interface's vtable pointer in the object */
} shim_iface;

typedef struct shim_class {
    const char *name;
    /* Terminated by { NULL, 0 }. IUnknown need not be listed: it is the
     * main interface (offset 0). */
    const shim_iface *ifaces;
    /* Release what the object holds; the memory itself is freed after. */
    void (*destroy)(void *obj);
} shim_class;

typedef struct shim_obj {
    const void *lpVtbl;
    const shim_class *cls;
    volatile LONG refs;
} shim_obj;

#define SHIM_FROM(type, member, ptr) \
    ((type *)(void *)((char *)(ptr) - offsetof(type, member)))

/* Allocate a zeroed object of `size` bytes with one reference; NULL when out
 * of memory. Counts it as live until its last release. */
void *shim_obj_new(size_t size, const shim_class *cls, const void *vtbl);
HRESULT shim_obj_query(shim_obj *o, REFIID riid, void **out);
ULONG shim_obj_addref(shim_obj *o);
ULONG shim_obj_release(shim_obj *o);
/* The shim object behind a COM pointer when it is of class cls (no new
 * reference), else NULL. Works for foreign objects (returns NULL). */
void *shim_obj_cast(IUnknown *unk, const shim_class *cls);
/* Shim objects alive now (exported for tests as MsessMFLiveObjects). */
LONG shim_live_objects(void);

/* The three IUnknown methods of interface `iface` of struct `type`, whose
 * vtable pointer is `member` (use `base` for the main interface). */
#define SHIM_IUNKNOWN(pfx, iface, type, member)                                  \
    static HRESULT STDMETHODCALLTYPE pfx##QueryInterface(iface *This, REFIID riid, \
                                                         void **out)             \
    {                                                                            \
        return shim_obj_query(&SHIM_FROM(type, member, This)->base, riid, out);  \
    }                                                                            \
    static ULONG STDMETHODCALLTYPE pfx##AddRef(iface *This)                      \
    {                                                                            \
        return shim_obj_addref(&SHIM_FROM(type, member, This)->base);            \
    }                                                                            \
    static ULONG STDMETHODCALLTYPE pfx##Release(iface *This)                     \
    {                                                                            \
        return shim_obj_release(&SHIM_FROM(type, member, This)->base);           \
    }
#define SHIM_IUNKNOWN_VTBL(pfx) \
    .QueryInterface = pfx##QueryInterface, .AddRef = pfx##AddRef, .Release = pfx##Release

/* Release and clear a COM pointer of any interface. */
#define SHIM_RELEASE(p)                                    \
    do {                                                   \
        if (p) {                                           \
            IUnknown_Release((IUnknown *)(void *)(p));     \
            (p) = NULL;                                    \
        }                                                  \
    } while (0)

/* ---------------------------------------------------------------- attributes
 * The store behind IMFAttributes. Objects derived from IMFAttributes embed
 * one and get their 30 attribute methods from SHIM_ATTRIBUTES. The store is
 * thread-safe; LockStore/UnlockStore take its (recursive) lock. */
typedef struct shim_attr {
    GUID key;
    PROPVARIANT value;
} shim_attr;

typedef struct shim_attrs {
    pthread_mutex_t lock;
    shim_attr *items;
    UINT32 count, cap;
    bool ready; /* set by a successful shim_attrs_init */
} shim_attrs;

HRESULT shim_attrs_init(shim_attrs *a);
/* shim_obj_new for an object whose attribute store is at attrs_offset,
 * with the store initialised; NULL when out of memory. */
void *shim_attrs_obj_new(size_t size, const shim_class *cls, const void *vtbl,
                         size_t attrs_offset);
/* Also safe on a zeroed store whose init failed or never ran. */
void shim_attrs_free(shim_attrs *a);

/* One function per IMFAttributes method, with the method's arguments. */
HRESULT shim_attrs_GetItem(shim_attrs *a, REFGUID key, PROPVARIANT *value);
HRESULT shim_attrs_GetItemType(shim_attrs *a, REFGUID key, MF_ATTRIBUTE_TYPE *type);
HRESULT shim_attrs_CompareItem(shim_attrs *a, REFGUID key, REFPROPVARIANT value,
                               BOOL *result);
HRESULT shim_attrs_Compare(shim_attrs *a, IMFAttributes *theirs,
                           MF_ATTRIBUTES_MATCH_TYPE type, BOOL *result);
HRESULT shim_attrs_GetUINT32(shim_attrs *a, REFGUID key, UINT32 *value);
HRESULT shim_attrs_GetUINT64(shim_attrs *a, REFGUID key, UINT64 *value);
HRESULT shim_attrs_GetDouble(shim_attrs *a, REFGUID key, double *value);
HRESULT shim_attrs_GetGUID(shim_attrs *a, REFGUID key, GUID *value);
HRESULT shim_attrs_GetStringLength(shim_attrs *a, REFGUID key, UINT32 *length);
HRESULT shim_attrs_GetString(shim_attrs *a, REFGUID key, LPWSTR value, UINT32 size,
                             UINT32 *length);
HRESULT shim_attrs_GetAllocatedString(shim_attrs *a, REFGUID key, LPWSTR *value,
                                      UINT32 *length);
HRESULT shim_attrs_GetBlobSize(shim_attrs *a, REFGUID key, UINT32 *size);
HRESULT shim_attrs_GetBlob(shim_attrs *a, REFGUID key, UINT8 *buf, UINT32 bufsize,
                           UINT32 *blobsize);
HRESULT shim_attrs_GetAllocatedBlob(shim_attrs *a, REFGUID key, UINT8 **buf,
                                    UINT32 *size);
HRESULT shim_attrs_GetUnknown(shim_attrs *a, REFGUID key, REFIID riid, void **out);
HRESULT shim_attrs_SetItem(shim_attrs *a, REFGUID key, REFPROPVARIANT value);
HRESULT shim_attrs_DeleteItem(shim_attrs *a, REFGUID key);
HRESULT shim_attrs_DeleteAllItems(shim_attrs *a);
HRESULT shim_attrs_SetUINT32(shim_attrs *a, REFGUID key, UINT32 value);
HRESULT shim_attrs_SetUINT64(shim_attrs *a, REFGUID key, UINT64 value);
HRESULT shim_attrs_SetDouble(shim_attrs *a, REFGUID key, double value);
HRESULT shim_attrs_SetGUID(shim_attrs *a, REFGUID key, REFGUID value);
HRESULT shim_attrs_SetString(shim_attrs *a, REFGUID key, LPCWSTR value);
HRESULT shim_attrs_SetBlob(shim_attrs *a, REFGUID key, const UINT8 *buf, UINT32 size);
HRESULT shim_attrs_SetUnknown(shim_attrs *a, REFGUID key, IUnknown *unk);
HRESULT shim_attrs_LockStore(shim_attrs *a);
HRESULT shim_attrs_UnlockStore(shim_attrs *a);
HRESULT shim_attrs_GetCount(shim_attrs *a, UINT32 *count);
HRESULT shim_attrs_GetItemByIndex(shim_attrs *a, UINT32 index, GUID *key,
                                  PROPVARIANT *value);
HRESULT shim_attrs_CopyAllItems(shim_attrs *a, IMFAttributes *dest);
/* Copy every item of src into a (used by Clone/CloneFrom). */
HRESULT shim_attrs_copy_from(shim_attrs *a, shim_attrs *src);

/* The IMFAttributes methods of interface `iface`, for objects of `type`
 * whose store is member `attrs`: 30 static functions named pfx##GetItem...
 * and SHIM_ATTRIBUTES_VTBL(pfx) to put them in a vtable initializer. */
#define SHIM__A(type, This) (&SHIM_FROM(type, base, This)->attrs)
#define SHIM_ATTRIBUTES(pfx, iface, type)                                                   \
    static HRESULT STDMETHODCALLTYPE pfx##GetItem(iface *This, REFGUID k, PROPVARIANT *v)   \
    { return shim_attrs_GetItem(SHIM__A(type, This), k, v); }                               \
    static HRESULT STDMETHODCALLTYPE pfx##GetItemType(iface *This, REFGUID k,               \
                                                      MF_ATTRIBUTE_TYPE *t)                 \
    { return shim_attrs_GetItemType(SHIM__A(type, This), k, t); }                           \
    static HRESULT STDMETHODCALLTYPE pfx##CompareItem(iface *This, REFGUID k,               \
                                                      REFPROPVARIANT v, BOOL *r)            \
    { return shim_attrs_CompareItem(SHIM__A(type, This), k, v, r); }                        \
    static HRESULT STDMETHODCALLTYPE pfx##Compare(iface *This, IMFAttributes *o,            \
                                                  MF_ATTRIBUTES_MATCH_TYPE t, BOOL *r)      \
    { return shim_attrs_Compare(SHIM__A(type, This), o, t, r); }                            \
    static HRESULT STDMETHODCALLTYPE pfx##GetUINT32(iface *This, REFGUID k, UINT32 *v)      \
    { return shim_attrs_GetUINT32(SHIM__A(type, This), k, v); }                             \
    static HRESULT STDMETHODCALLTYPE pfx##GetUINT64(iface *This, REFGUID k, UINT64 *v)      \
    { return shim_attrs_GetUINT64(SHIM__A(type, This), k, v); }                             \
    static HRESULT STDMETHODCALLTYPE pfx##GetDouble(iface *This, REFGUID k, double *v)      \
    { return shim_attrs_GetDouble(SHIM__A(type, This), k, v); }                             \
    static HRESULT STDMETHODCALLTYPE pfx##GetGUID(iface *This, REFGUID k, GUID *v)          \
    { return shim_attrs_GetGUID(SHIM__A(type, This), k, v); }                               \
    static HRESULT STDMETHODCALLTYPE pfx##GetStringLength(iface *This, REFGUID k,           \
                                                          UINT32 *n)                        \
    { return shim_attrs_GetStringLength(SHIM__A(type, This), k, n); }                       \
    static HRESULT STDMETHODCALLTYPE pfx##GetString(iface *This, REFGUID k, LPWSTR v,       \
                                                    UINT32 sz, UINT32 *n)                   \
    { return shim_attrs_GetString(SHIM__A(type, This), k, v, sz, n); }                      \
    static HRESULT STDMETHODCALLTYPE pfx##GetAllocatedString(iface *This, REFGUID k,        \
                                                             LPWSTR *v, UINT32 *n)          \
    { return shim_attrs_GetAllocatedString(SHIM__A(type, This), k, v, n); }                 \
    static HRESULT STDMETHODCALLTYPE pfx##GetBlobSize(iface *This, REFGUID k, UINT32 *n)    \
    { return shim_attrs_GetBlobSize(SHIM__A(type, This), k, n); }                           \
    static HRESULT STDMETHODCALLTYPE pfx##GetBlob(iface *This, REFGUID k, UINT8 *b,         \
                                                  UINT32 sz, UINT32 *n)                     \
    { return shim_attrs_GetBlob(SHIM__A(type, This), k, b, sz, n); }                        \
    static HRESULT STDMETHODCALLTYPE pfx##GetAllocatedBlob(iface *This, REFGUID k,          \
                                                           UINT8 **b, UINT32 *n)            \
    { return shim_attrs_GetAllocatedBlob(SHIM__A(type, This), k, b, n); }                   \
    static HRESULT STDMETHODCALLTYPE pfx##GetUnknown(iface *This, REFGUID k, REFIID r,      \
                                                     void **o)                              \
    { return shim_attrs_GetUnknown(SHIM__A(type, This), k, r, o); }                         \
    static HRESULT STDMETHODCALLTYPE pfx##SetItem(iface *This, REFGUID k, REFPROPVARIANT v) \
    { return shim_attrs_SetItem(SHIM__A(type, This), k, v); }                               \
    static HRESULT STDMETHODCALLTYPE pfx##DeleteItem(iface *This, REFGUID k)                \
    { return shim_attrs_DeleteItem(SHIM__A(type, This), k); }                               \
    static HRESULT STDMETHODCALLTYPE pfx##DeleteAllItems(iface *This)                       \
    { return shim_attrs_DeleteAllItems(SHIM__A(type, This)); }                              \
    static HRESULT STDMETHODCALLTYPE pfx##SetUINT32(iface *This, REFGUID k, UINT32 v)       \
    { return shim_attrs_SetUINT32(SHIM__A(type, This), k, v); }                             \
    static HRESULT STDMETHODCALLTYPE pfx##SetUINT64(iface *This, REFGUID k, UINT64 v)       \
    { return shim_attrs_SetUINT64(SHIM__A(type, This), k, v); }                             \
    static HRESULT STDMETHODCALLTYPE pfx##SetDouble(iface *This, REFGUID k, double v)       \
    { return shim_attrs_SetDouble(SHIM__A(type, This), k, v); }                             \
    static HRESULT STDMETHODCALLTYPE pfx##SetGUID(iface *This, REFGUID k, REFGUID v)        \
    { return shim_attrs_SetGUID(SHIM__A(type, This), k, v); }                               \
    static HRESULT STDMETHODCALLTYPE pfx##SetString(iface *This, REFGUID k, LPCWSTR v)      \
    { return shim_attrs_SetString(SHIM__A(type, This), k, v); }                             \
    static HRESULT STDMETHODCALLTYPE pfx##SetBlob(iface *This, REFGUID k, const UINT8 *b,   \
                                                  UINT32 n)                                 \
    { return shim_attrs_SetBlob(SHIM__A(type, This), k, b, n); }                            \
    static HRESULT STDMETHODCALLTYPE pfx##SetUnknown(iface *This, REFGUID k, IUnknown *u)   \
    { return shim_attrs_SetUnknown(SHIM__A(type, This), k, u); }                            \
    static HRESULT STDMETHODCALLTYPE pfx##LockStore(iface *This)                            \
    { return shim_attrs_LockStore(SHIM__A(type, This)); }                                   \
    static HRESULT STDMETHODCALLTYPE pfx##UnlockStore(iface *This)                          \
    { return shim_attrs_UnlockStore(SHIM__A(type, This)); }                                 \
    static HRESULT STDMETHODCALLTYPE pfx##GetCount(iface *This, UINT32 *n)                  \
    { return shim_attrs_GetCount(SHIM__A(type, This), n); }                                 \
    static HRESULT STDMETHODCALLTYPE pfx##GetItemByIndex(iface *This, UINT32 i, GUID *k,    \
                                                         PROPVARIANT *v)                    \
    { return shim_attrs_GetItemByIndex(SHIM__A(type, This), i, k, v); }                     \
    static HRESULT STDMETHODCALLTYPE pfx##CopyAllItems(iface *This, IMFAttributes *d)       \
    { return shim_attrs_CopyAllItems(SHIM__A(type, This), d); }

#define SHIM_ATTRIBUTES_VTBL(pfx)                                                    \
    .GetItem = pfx##GetItem, .GetItemType = pfx##GetItemType,                        \
    .CompareItem = pfx##CompareItem, .Compare = pfx##Compare,                        \
    .GetUINT32 = pfx##GetUINT32, .GetUINT64 = pfx##GetUINT64,                        \
    .GetDouble = pfx##GetDouble, .GetGUID = pfx##GetGUID,                            \
    .GetStringLength = pfx##GetStringLength, .GetString = pfx##GetString,            \
    .GetAllocatedString = pfx##GetAllocatedString, .GetBlobSize = pfx##GetBlobSize,  \
    .GetBlob = pfx##GetBlob, .GetAllocatedBlob = pfx##GetAllocatedBlob,              \
    .GetUnknown = pfx##GetUnknown, .SetItem = pfx##SetItem,                          \
    .DeleteItem = pfx##DeleteItem, .DeleteAllItems = pfx##DeleteAllItems,            \
    .SetUINT32 = pfx##SetUINT32, .SetUINT64 = pfx##SetUINT64,                        \
    .SetDouble = pfx##SetDouble, .SetGUID = pfx##SetGUID,                            \
    .SetString = pfx##SetString, .SetBlob = pfx##SetBlob,                            \
    .SetUnknown = pfx##SetUnknown, .LockStore = pfx##LockStore,                      \
    .UnlockStore = pfx##UnlockStore, .GetCount = pfx##GetCount,                      \
    .GetItemByIndex = pfx##GetItemByIndex, .CopyAllItems = pfx##CopyAllItems

/* The IMFMediaEventGenerator methods of interface `iface` for objects that
 * keep their events in an IMFMediaEventQueue: four static functions named
 * pfx##GetEvent... and SHIM_EVENT_GENERATOR_VTBL(pfx). `get(This, &hr)`
 * returns the queue with a reference for the caller, or NULL and sets hr to
 * what to answer instead (MF_E_SHUTDOWN, ...). */
#define SHIM__EVQ(get, call)                                                            \
    HRESULT hr_;                                                                        \
    IMFMediaEventQueue *q_ = get(This, &hr_);                                           \
    if (q_) {                                                                           \
        hr_ = (call);                                                                   \
        IMFMediaEventQueue_Release(q_);                                                 \
    }                                                                                   \
    return hr_;
#define SHIM_EVENT_GENERATOR(pfx, iface, get)                                           \
    static HRESULT STDMETHODCALLTYPE pfx##GetEvent(iface *This, DWORD f,                \
                                                   IMFMediaEvent **e)                   \
    { SHIM__EVQ(get, IMFMediaEventQueue_GetEvent(q_, f, e)) }                           \
    static HRESULT STDMETHODCALLTYPE pfx##BeginGetEvent(iface *This, IMFAsyncCallback *c, \
                                                        IUnknown *st)                   \
    { SHIM__EVQ(get, IMFMediaEventQueue_BeginGetEvent(q_, c, st)) }                     \
    static HRESULT STDMETHODCALLTYPE pfx##EndGetEvent(iface *This, IMFAsyncResult *r,   \
                                                      IMFMediaEvent **e)                \
    { SHIM__EVQ(get, IMFMediaEventQueue_EndGetEvent(q_, r, e)) }                        \
    static HRESULT STDMETHODCALLTYPE pfx##QueueEvent(iface *This, MediaEventType t,     \
                                                     REFGUID x, HRESULT s,              \
                                                     const PROPVARIANT *v)              \
    { SHIM__EVQ(get, IMFMediaEventQueue_QueueEventParamVar(q_, t, x, s, v)) }

/* The five IMFClockStateSink calls, as one value. */
enum shim_clock_event {
    SHIM_CLOCK_START,
    SHIM_CLOCK_STOP,
    SHIM_CLOCK_PAUSE,
    SHIM_CLOCK_RESTART,
    SHIM_CLOCK_RATE,
};

/* The IMFClockStateSink methods of interface `iface` (IMFClockStateSink or
 * one derived from it): five static functions named pfx##OnClockStart...,
 * each calling fn(This, event, system time, offset, rate), and
 * SHIM_CLOCK_STATE_SINK_VTBL(pfx). */
#define SHIM_CLOCK_STATE_SINK(pfx, iface, fn)                                           \
    static HRESULT STDMETHODCALLTYPE pfx##OnClockStart(iface *This, MFTIME sys,         \
                                                       LONGLONG offset)                 \
    { return fn(This, SHIM_CLOCK_START, sys, offset, 0.0f); }                           \
    static HRESULT STDMETHODCALLTYPE pfx##OnClockStop(iface *This, MFTIME sys)          \
    { return fn(This, SHIM_CLOCK_STOP, sys, 0, 0.0f); }                                 \
    static HRESULT STDMETHODCALLTYPE pfx##OnClockPause(iface *This, MFTIME sys)         \
    { return fn(This, SHIM_CLOCK_PAUSE, sys, 0, 0.0f); }                                \
    static HRESULT STDMETHODCALLTYPE pfx##OnClockRestart(iface *This, MFTIME sys)       \
    { return fn(This, SHIM_CLOCK_RESTART, sys, 0, 0.0f); }                              \
    static HRESULT STDMETHODCALLTYPE pfx##OnClockSetRate(iface *This, MFTIME sys,       \
                                                         float rate)                    \
    { return fn(This, SHIM_CLOCK_RATE, sys, 0, rate); }

#define SHIM_CLOCK_STATE_SINK_VTBL(pfx)                                                 \
    .OnClockStart = pfx##OnClockStart, .OnClockStop = pfx##OnClockStop,                 \
    .OnClockPause = pfx##OnClockPause, .OnClockRestart = pfx##OnClockRestart,           \
    .OnClockSetRate = pfx##OnClockSetRate

#define SHIM_EVENT_GENERATOR_VTBL(pfx)                                                  \
    .GetEvent = pfx##GetEvent, .BeginGetEvent = pfx##BeginGetEvent,                     \
    .EndGetEvent = pfx##EndGetEvent, .QueueEvent = pfx##QueueEvent

/* ------------------------------------------------------------------- helpers */

/* The HRESULT for an msess error (0 gives S_OK). */
HRESULT shim_hr(int msess_err);

/* UTF-8 copy of a wide string (WCHAR is UTF-16 on Windows, UTF-32 where
 * wchar_t is 32-bit); free() it. NULL when out of memory or s is NULL. */
char *shim_wcs_to_utf8(LPCWSTR s);
/* Wide copy of a UTF-8 string, allocated with CoTaskMemAlloc. */
LPWSTR shim_utf8_to_wcs(const char *s);
size_t shim_wcslen(LPCWSTR s);

/* Logger for msess objects the shim creates: MSESS_MF_LOG=debug|info|warn
 * in the environment prints to stderr; default silent. */
msess_logger shim_logger(void);

/* ------------------------------------------------- between the shim's files */

/* async.c: runs callback->Invoke(result) on the shim's worker thread. Takes
 * its own references. Works whether or not the platform is started. Invokes
 * of one callback run one at a time, in order (unless its GetParameters
 * names a multithreaded queue). */
HRESULT shim_invoke_async(IMFAsyncCallback *callback, IMFAsyncResult *result);
/* async.c: runs fn(arg, true) on a worker thread; items with the same
 * non-NULL key run one at a time, in the order submitted. An item dropped
 * unrun (MFShutdown stops the threads) gets fn(arg, false) to free arg. */
HRESULT shim_work_submit(const void *key, void (*fn)(void *arg, bool run), void *arg);
/* async.c: stops and joins the worker threads (MFShutdown, lock count 0). */
void shim_work_stop(void);
/* startup.c: whether the platform lock count (MFStartup, MFLockPlatform,
 * live async results) is above 0. */
bool shim_platform_started(void);

/* source.c: the msess source of a media source made by the shim's resolver,
 * or NULL for a foreign object; and the stream index of a stream descriptor
 * (its stream identifier). */
msess_source *shim_media_source_get(IUnknown *source);
/* mediatype.c: an IMFMediaType for an msess type (compressed or raw;
 * MF_E_INVALIDMEDIATYPE for raw layouts MF has no subtype for: msess RGB24
 * (R,G,B), planar audio, 4:2:2/4:4:4 planar), and the raw msess type an
 * IMFMediaType asks for (RGB32/ARGB32 -> BGRA, NV12, I420/IYUV -> YUV420P,
 * P010, L8, PCM 8/16/32 bits (16 when unsaid), Float 32/64; sizes, rates,
 * channels 0 when absent; MF_E_INVALIDMEDIATYPE otherwise, e.g. RGB24,
 * YV12, YUY2). */
HRESULT shim_media_type_from_msess(const msess_media_type *t, IMFMediaType **out);
HRESULT shim_media_type_to_msess(IMFMediaType *t, msess_media_type *out);
/* mediatype.c: the IMFMediaTypeHandler of a stream descriptor over `count`
 * types (held by reference, as Windows does); E_INVALIDARG for none. */
HRESULT shim_type_handler_create(DWORD count, IMFMediaType **types, IMFMediaTypeHandler **out);
/* source.c: make the msess source of one of our media sources demux the
 * streams selected in pd (a presentation descriptor of that source, such as
 * a topology source node's) and only those. S_FALSE for a foreign source;
 * fails (MF_E_MULTIPLE_SUBSCRIBERS, from MSESS_EBUSY) while a session plays
 * the source. Call before building an msess topology over the source. */
HRESULT shim_media_source_select(IUnknown *source, IMFPresentationDescriptor *pd);

/* output.c (renderers.c, grabber.c): the msess sink for an output node's
 * object (an activate made by MFCreate*Activate, activated here if it was
 * not; the IMFMediaSink it activated; or that sink's IMFStreamSink). *sink
 * is a new reference. MF_E_TOPO_SINK_ACTIVATES_UNSUPPORTED for foreign
 * objects, MF_E_SHUTDOWN for a shut down sink. */
HRESULT shim_output_sink(IUnknown *object, msess_sink **sink);
/* A service of the renderer behind an output node's object:
 * MR_POLICY_VOLUME_SERVICE, MR_VIDEO_RENDER_SERVICE, MF_RATE_CONTROL_SERVICE.
 * MF_E_UNSUPPORTED_SERVICE when it has none (or is not activated yet). */
HRESULT shim_output_get_service(IUnknown *object, REFGUID service, REFIID riid,
                                void **out);
/* The session tells an output node's object that its topology became
 * current (clock: the session's presentation clock; the sink registers as
 * its state sink; the sample grabber calls OnSetPresentationClock and
 * passes the clock's state changes on), and that the session shut down:
 * sinks made from activates are shut down (the grabber calls OnShutdown)
 * and the activate's ShutdownObject called; sinks the application bound
 * itself only let go of the clock. Call detach once per object. */
void shim_output_attach(IUnknown *object, IMFPresentationClock *clock);
void shim_output_detach(IUnknown *object);

/* clock.c: IMFPresentationClock over a session's clock; the session tells it
 * of its state changes so that clock state sinks hear of them (async, in
 * order). notify: state RUNNING with position PRESENTATION_CURRENT_POSITION
 * means "resume" (OnClockRestart after PAUSED, nothing new when already
 * running); another position is a start or seek (OnClockStart(sys,
 * position)); PAUSED/STOPPED give OnClockPause/OnClockStop when the state
 * changed; a rate different from the last one gives OnClockSetRate first.
 * Start/Stop/Pause/SetTimeSource on this clock answer MF_E_INVALIDREQUEST. */
HRESULT shim_session_clock_create(msess_session *s, IMFPresentationClock **out);
/* clock.c: make the call `what` on a clock state sink. */
HRESULT shim_clock_sink_call(IMFClockStateSink *sink, enum shim_clock_event what, MFTIME systime,
                             LONGLONG offset, float rate);
void shim_session_clock_notify(IMFPresentationClock *clock, MFCLOCK_STATE state,
                               MFTIME position, float rate);
/* clock.c: the session is going away (call before freeing its msess
 * session): the clock drops its state sinks and answers MF_E_SHUTDOWN. */
void shim_session_clock_detach(IMFPresentationClock *clock);
/* At the end of the presentation the session stops its clock; until the
 * next start, pause or stop the clock reads the time where it ended
 * (hold true: taken now, while it still runs; false: let go). */
void shim_session_clock_hold(IMFPresentationClock *clock, bool hold);

/* topology.c: build an msess topology from an IMFTopology (validated as
 * SetTopology does: MF_E_TOPO_* errors), and wrap a resolved msess topology
 * as an IMFTopology whose nodes keep the partial topology's ids and objects. */
/* The checks Windows' SetTopology makes before returning: E_INVALIDARG for
 * a topology without nodes; then, for each source node in order,
 * MF_E_TOPO_MISSING_SOURCE, _MISSING_PRESENTATION_DESCRIPTOR,
 * _MISSING_STREAM_DESCRIPTOR, _STREAM_DESCRIPTOR_NOT_SELECTED. Any other
 * problem Windows reports later, as the status of MESessionTopologySet. */
HRESULT shim_topology_check(IMFTopology *topo);
/* shim_topology_check, then the conversion. Its own errors (after the
 * check's) are those Windows' loader gives: MF_E_TOPO_UNSUPPORTED for an
 * application's transform node, a media source of another implementation
 * or pins msess lacks; shim_output_sink's for output objects. Each msess
 * node's tag (msess_node_tag) is its MF node's TOPOID. The presentation
 * descriptors' selections are applied to the msess sources. PCM streams
 * (uncompressed to Windows, "decoded" by msess) connect under
 * MF_CONNECT_DIRECT and _ALLOW_CONVERTER as on Windows. */
HRESULT shim_topology_to_msess(IMFTopology *topo, msess_topology **out);
/* The full topology: the partial's id and attributes plus
 * MF_TOPOLOGY_RESOLUTION_STATUS; copies (CloneFrom) of the partial's nodes
 * by tag, new transform nodes for inserted decoders (MF_TOPONODE_DECODER =
 * 1) and converters, with MF_TOPONODE_TRANSFORM_OBJECTID when a Windows
 * transform does the same job; output nodes get MF_TOPONODE_STREAMID 0 and
 * source nodes MF_TOPONODE_MEDIASTART 0 when they lack them; an output
 * node's activate is replaced by its media sink's stream sink (as in
 * Windows' full topologies); msess's decoders of PCM streams are left out
 * (Windows has none there). partial may be NULL (new id, new nodes). */
HRESULT shim_topology_from_msess(msess_topology *full, IMFTopology *partial,
                                 IMFTopology **out);

#endif

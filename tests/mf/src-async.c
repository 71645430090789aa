/* The source resolver's asynchronous pairs: BeginCreateObjectFromURL /
 * EndCreateObjectFromURL and the byte-stream pair through an application
 * callback (run off the calling thread, with the caller's state), errors
 * arriving through End, synchronous refusals from Begin, and
 * CancelObjectCreation. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, nanosleep */
#include <pthread.h>

#include "src-util.h"

static IMFSourceResolver *resolver;

/* The application's callback: Invoke ends the request it is told to and
 * records the outcome. With `gate` set it first waits for the test to
 * open the gate (to cancel before End runs). */
typedef struct callback {
    IMFAsyncCallback iface;
    LONG refs;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool from_stream;
    bool gate, gate_open;
    bool done;
    pthread_t main_thread;
    bool on_main_thread;
    IUnknown *want_state;
    bool state_ok;
    HRESULT end_hr;
    MF_OBJECT_TYPE type;
    IUnknown *object;
} callback;

static callback *cb_from(IMFAsyncCallback *iface)
{
    return (callback *)(void *)iface;
}

static HRESULT STDMETHODCALLTYPE cb_QueryInterface(IMFAsyncCallback *This, REFIID riid,
                                                   void **out)
{
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IMFAsyncCallback)) {
        *out = This;
        IMFAsyncCallback_AddRef(This);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE cb_AddRef(IMFAsyncCallback *This)
{
    return (ULONG)__atomic_add_fetch(&cb_from(This)->refs, 1, __ATOMIC_SEQ_CST);
}

static ULONG STDMETHODCALLTYPE cb_Release(IMFAsyncCallback *This)
{
    return (ULONG)__atomic_sub_fetch(&cb_from(This)->refs, 1, __ATOMIC_SEQ_CST);
}

static HRESULT STDMETHODCALLTYPE cb_GetParameters(IMFAsyncCallback *This, DWORD *flags,
                                                  DWORD *queue)
{
    (void)This;
    (void)flags;
    (void)queue;
    return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE cb_Invoke(IMFAsyncCallback *This, IMFAsyncResult *result)
{
    callback *cb = cb_from(This);
    pthread_mutex_lock(&cb->lock);
    while (cb->gate && !cb->gate_open)
        pthread_cond_wait(&cb->cond, &cb->lock);
    pthread_mutex_unlock(&cb->lock);

    IUnknown *state = NULL;
    HRESULT state_hr = IMFAsyncResult_GetState(result, &state);
    bool state_ok = cb->want_state ? state_hr == S_OK && state == cb->want_state
                                   : state_hr == E_POINTER;
    if (state)
        IUnknown_Release(state);
    MF_OBJECT_TYPE type = (MF_OBJECT_TYPE)42;
    IUnknown *obj = NULL;
    HRESULT hr = cb->from_stream
                     ? IMFSourceResolver_EndCreateObjectFromByteStream(resolver, result, &type, &obj)
                     : IMFSourceResolver_EndCreateObjectFromURL(resolver, result, &type, &obj);

    pthread_mutex_lock(&cb->lock);
    cb->on_main_thread = pthread_equal(pthread_self(), cb->main_thread);
    cb->state_ok = state_ok;
    cb->end_hr = hr;
    cb->type = type;
    cb->object = obj;
    cb->done = true;
    pthread_cond_broadcast(&cb->cond);
    pthread_mutex_unlock(&cb->lock);
    return S_OK;
}

static IMFAsyncCallbackVtbl cb_vtbl = {
    .QueryInterface = cb_QueryInterface,
    .AddRef = cb_AddRef,
    .Release = cb_Release,
    .GetParameters = cb_GetParameters,
    .Invoke = cb_Invoke,
};

static void cb_init(callback *cb, bool from_stream, IUnknown *state)
{
    memset(cb, 0, sizeof(*cb));
    cb->iface.lpVtbl = &cb_vtbl;
    cb->refs = 1;
    pthread_mutex_init(&cb->lock, NULL);
    pthread_cond_init(&cb->cond, NULL);
    cb->from_stream = from_stream;
    cb->main_thread = pthread_self();
    cb->want_state = state;
    cb->end_hr = E_FAIL;
}

static void cb_open_gate(callback *cb)
{
    pthread_mutex_lock(&cb->lock);
    cb->gate_open = true;
    pthread_cond_broadcast(&cb->cond);
    pthread_mutex_unlock(&cb->lock);
}

/* Wait for Invoke (10 s at most); false on timeout. */
static bool cb_wait(callback *cb)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 10;
    pthread_mutex_lock(&cb->lock);
    while (!cb->done && pthread_cond_timedwait(&cb->cond, &cb->lock, &until) == 0)
        ;
    bool done = cb->done;
    pthread_mutex_unlock(&cb->lock);
    if (!done)
        fprintf(stderr, "the callback was not invoked within 10 s\n");
    return done;
}

/* After Invoke, the shim may hold the callback a moment longer. */
static void cb_finish(callback *cb)
{
    if (cb->object)
        IUnknown_Release(cb->object);
    for (int i = 0; i < 300 && __atomic_load_n(&cb->refs, __ATOMIC_SEQ_CST) != 1; i++)
        sleep_ms(10);
    CHECK(cb->refs == 1);
    pthread_mutex_destroy(&cb->lock);
    pthread_cond_destroy(&cb->cond);
}

static void test_url(void)
{
    char *av = media_path("av.mp4");
    WCHAR *url = wide(av);
    callback cb;
    IUnknown *cookie = NULL;
    cb_init(&cb, false, (IUnknown *)resolver);
    CHECK_HR(IMFSourceResolver_BeginCreateObjectFromURL(resolver, url, MF_RESOLUTION_MEDIASOURCE,
                                                        NULL, &cookie, &cb.iface,
                                                        (IUnknown *)resolver), S_OK);
    CHECK(cookie != NULL);
    if (cb_wait(&cb)) {
        CHECK(!cb.on_main_thread);
        CHECK(cb.state_ok);
        CHECK_HR(cb.end_hr, S_OK);
        CHECK(cb.type == MF_OBJECT_MEDIASOURCE);
        if (cb.object)
            check_av_source(cb.object, file_size(av));
    }
    if (cookie)
        IUnknown_Release(cookie);
    cb_finish(&cb);
    free(url);
    free(av);
}

static void test_url_errors(void)
{
    char *av = media_path("av.mp4");
    char *missing = xmalloc(strlen(av) + 32);
    sprintf(missing, "%s.does-not-exist.mp4", av);
    WCHAR *url = wide(missing);
    callback cb;
    IUnknown *cookie = (IUnknown *)(void *)1;

    /* Refused at once: what Begin documents as its own return codes. */
    cb_init(&cb, false, NULL);
    CHECK_HR(IMFSourceResolver_BeginCreateObjectFromURL(
                 resolver, L"nosuchscheme://host/a.mp4", MF_RESOLUTION_MEDIASOURCE, NULL, &cookie,
                 &cb.iface, NULL), MF_E_UNSUPPORTED_SCHEME);
    CHECK_HR(IMFSourceResolver_BeginCreateObjectFromURL(
                 resolver, url, MF_RESOLUTION_MEDIASOURCE | MF_RESOLUTION_BYTESTREAM, NULL,
                 &cookie, &cb.iface, NULL), MF_E_SOURCERESOLVER_MUTUALLY_EXCLUSIVE_FLAGS);
    CHECK(!cb.done);

    /* A missing file is found missing while resolving: End reports it. */
    CHECK_HR(IMFSourceResolver_BeginCreateObjectFromURL(resolver, url, MF_RESOLUTION_MEDIASOURCE,
                                                        NULL, NULL, &cb.iface, NULL), S_OK);
    if (cb_wait(&cb)) {
        CHECK(cb.state_ok);
        CHECK_HR(cb.end_hr, HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND));
        CHECK(!cb.object);
        CHECK(cb.type == MF_OBJECT_INVALID);
    }
    cb_finish(&cb);
    free(url);
    free(missing);
    free(av);
}

/* Cancelled before End: End says so and gives nothing. */
static void test_cancel(void)
{
    char *av = media_path("av.mp4");
    WCHAR *url = wide(av);
    callback cb;
    IUnknown *cookie = NULL;
    cb_init(&cb, false, NULL);
    cb.gate = true;
    CHECK_HR(IMFSourceResolver_BeginCreateObjectFromURL(resolver, url, MF_RESOLUTION_MEDIASOURCE,
                                                        NULL, &cookie, &cb.iface, NULL), S_OK);
    CHECK(cookie != NULL);
    if (cookie) {
        CHECK_HR(IMFSourceResolver_CancelObjectCreation(resolver, cookie), S_OK);
        IUnknown_Release(cookie);
    }
    CHECK_HR(IMFSourceResolver_CancelObjectCreation(resolver, NULL), E_POINTER);
    cb_open_gate(&cb);
    if (cb_wait(&cb)) {
        CHECK_HR(cb.end_hr, MF_E_OPERATION_CANCELLED);
        CHECK(!cb.object);
    }
    cb_finish(&cb);
    free(url);
    free(av);
}

/* The byte-stream pair, over the resolver's own file byte stream. */
static void test_stream(void)
{
    char *av = media_path("av.mp4");
    WCHAR *url = wide(av);
    MF_OBJECT_TYPE type;
    IUnknown *obj = NULL;
    IMFByteStream *bs = NULL;
    CHECK_HR(IMFSourceResolver_CreateObjectFromURL(resolver, url, MF_RESOLUTION_BYTESTREAM, NULL,
                                                   &type, &obj), S_OK);
    if (obj) {
        CHECK_HR(IUnknown_QueryInterface(obj, &IID_IMFByteStream, (void **)&bs), S_OK);
        IUnknown_Release(obj);
    }
    if (bs) {
        callback cb;
        cb_init(&cb, true, (IUnknown *)bs);
        CHECK_HR(IMFSourceResolver_BeginCreateObjectFromByteStream(
                     resolver, NULL, url, MF_RESOLUTION_MEDIASOURCE, NULL, NULL, &cb.iface,
                     NULL), E_POINTER);
        CHECK_HR(IMFSourceResolver_BeginCreateObjectFromByteStream(
                     resolver, bs, url, MF_RESOLUTION_MEDIASOURCE, NULL, NULL, &cb.iface,
                     (IUnknown *)bs), S_OK);
        if (cb_wait(&cb)) {
            CHECK(cb.state_ok);
            CHECK_HR(cb.end_hr, S_OK);
            CHECK(cb.type == MF_OBJECT_MEDIASOURCE);
            if (cb.object)
                check_av_source(cb.object, file_size(av));
        }
        cb_finish(&cb);
        IMFByteStream_Release(bs);
    }
    free(url);
    free(av);
}

int main(void)
{
    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL), S_OK);
    LONG live = msess_mf_live_objects();
    CHECK_HR(MFCreateSourceResolver(&resolver), S_OK);
    if (!resolver)
        return 1;
    test_url();
    test_url_errors();
    test_cancel();
    test_stream();
    IMFSourceResolver_Release(resolver);
    check_live_objects(live);
    CHECK_HR(MFShutdown(), S_OK);
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}

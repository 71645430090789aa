/* How the media session gets its full topologies (av.mp4 into sample
 * grabbers): MFSESSION_SETTOPOLOGY_NORESOLUTION hands back the
 * application's own topology (as Windows does); an IMFTopoLoader object in
 * MF_SESSION_TOPOLOADER (the shim's extension of the CLSID attribute)
 * resolves, and its failure is MESessionTopologySet's status;
 * MFSESSION_SETTOPOLOGY_CLEAR_CURRENT and _IMMEDIATE. */
#include "sess-util.h"

typedef struct test_loader {
    IMFTopoLoader iface;
    volatile LONG refs;
    volatile LONG loads;
    HRESULT fail;          /* returned by Load when set */
    IMFTopology *last_out; /* what Load returned last (a reference) */
} test_loader;

static test_loader *loader_from(IMFTopoLoader *i)
{
    return (test_loader *)(void *)i;
}

static HRESULT STDMETHODCALLTYPE tl_QueryInterface(IMFTopoLoader *This, REFIID riid, void **out)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IMFTopoLoader)) {
        *out = This;
        IMFTopoLoader_AddRef(This);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE tl_AddRef(IMFTopoLoader *This)
{
    return (ULONG)__atomic_add_fetch(&loader_from(This)->refs, 1, __ATOMIC_SEQ_CST);
}

static ULONG STDMETHODCALLTYPE tl_Release(IMFTopoLoader *This)
{
    test_loader *l = loader_from(This);
    LONG left = __atomic_sub_fetch(&l->refs, 1, __ATOMIC_SEQ_CST);
    if (!left) {
        if (l->last_out)
            IMFTopology_Release(l->last_out);
        free(l);
    }
    return (ULONG)left;
}

/* A loader that copies the partial topology: the session completes it. */
static HRESULT STDMETHODCALLTYPE tl_Load(IMFTopoLoader *This, IMFTopology *in, IMFTopology **out,
                                         IMFTopology *current)
{
    (void)current;
    test_loader *l = loader_from(This);
    __atomic_add_fetch(&l->loads, 1, __ATOMIC_SEQ_CST);
    *out = NULL;
    if (FAILED(l->fail))
        return l->fail;
    IMFTopology *t = NULL;
    HRESULT hr = MFCreateTopology(&t);
    if (SUCCEEDED(hr))
        hr = IMFTopology_CloneFrom(t, in);
    if (FAILED(hr)) {
        if (t)
            IMFTopology_Release(t);
        return hr;
    }
    if (l->last_out)
        IMFTopology_Release(l->last_out);
    l->last_out = t;
    IMFTopology_AddRef(t);
    *out = t;
    return S_OK;
}

static IMFTopoLoaderVtbl tl_vtbl = {
    .QueryInterface = tl_QueryInterface,
    .AddRef = tl_AddRef,
    .Release = tl_Release,
    .Load = tl_Load,
};

static IMFTopology *event_topology(IMFMediaEvent *ev)
{
    IUnknown *unk = sess_event_unknown(ev);
    IMFTopology *t = NULL;
    if (unk && FAILED(IUnknown_QueryInterface(unk, &IID_IMFTopology, (void **)&t)))
        t = NULL;
    if (unk)
        IUnknown_Release(unk);
    return t;
}

static void test_noresolution(IMFTopology *partial)
{
    IMFMediaSession *s = NULL;
    REQUIRE(SUCCEEDED(MFCreateMediaSession(NULL, &s)));
    CHECK_HR(IMFMediaSession_SetTopology(s, MFSESSION_SETTOPOLOGY_NORESOLUTION, partial), S_OK);
    IMFMediaEvent *ev = EXPECT(s, MESessionTopologySet, S_OK);
    IMFTopology *t = event_topology(ev);
    CHECK(t == partial);
    if (t)
        IMFTopology_Release(t);
    if (ev)
        IMFMediaEvent_Release(ev);
    EXPECT_DROP(s, MESessionNotifyPresentationTime, S_OK);
    EXPECT_DROP(s, MESessionCapabilitiesChanged, S_OK);
    EXPECT_DROP(s, MESessionTopologyStatus, S_OK);
    IMFTopology *got = NULL;
    CHECK_HR(IMFMediaSession_GetFullTopology(s, MFSESSION_GETFULLTOPOLOGY_CURRENT, 0, &got), S_OK);
    CHECK(got == partial);
    if (got)
        IMFTopology_Release(got);

    /* CLEAR_CURRENT with another topology clears nothing; with NULL it
     * clears the current one. */
    IMFTopology *other = NULL;
    REQUIRE(SUCCEEDED(MFCreateTopology(&other)));
    REQUIRE(SUCCEEDED(IMFTopology_CloneFrom(other, partial)));
    CHECK_HR(IMFMediaSession_SetTopology(s, MFSESSION_SETTOPOLOGY_CLEAR_CURRENT, other), S_OK);
    ev = EXPECT(s, MESessionTopologySet, S_FALSE);
    CHECK(!event_topology(ev));
    if (ev)
        IMFMediaEvent_Release(ev);
    got = NULL;
    CHECK_HR(IMFMediaSession_GetFullTopology(s, MFSESSION_GETFULLTOPOLOGY_CURRENT, 0, &got), S_OK);
    if (got)
        IMFTopology_Release(got);
    CHECK_HR(IMFMediaSession_SetTopology(s, MFSESSION_SETTOPOLOGY_CLEAR_CURRENT, NULL), S_OK);
    ev = EXPECT(s, MESessionTopologySet, S_OK);
    CHECK(!event_topology(ev));
    if (ev)
        IMFMediaEvent_Release(ev);
    ev = EXPECT(s, MESessionCapabilitiesChanged, S_OK);
    CHECK(sess_caps_of(ev, NULL) == 0);
    if (ev)
        IMFMediaEvent_Release(ev);
    CHECK_HR(IMFMediaSession_GetFullTopology(s, MFSESSION_GETFULLTOPOLOGY_CURRENT, 0, &got),
             MF_E_INVALIDREQUEST);
    IMFTopology_Release(other);

    CHECK_HR(IMFMediaSession_Shutdown(s), S_OK);
    CHECK(IMFMediaSession_Release(s) == 0);
}

static void test_custom_loader(IMFTopology *partial)
{
    test_loader *l = calloc(1, sizeof(*l));
    REQUIRE(l);
    l->iface.lpVtbl = &tl_vtbl;
    l->refs = 1;
    IMFAttributes *config = NULL;
    REQUIRE(SUCCEEDED(MFCreateAttributes(&config, 1)));
    IMFAttributes_SetUnknown(config, &MF_SESSION_TOPOLOADER, (IUnknown *)&l->iface);
    IMFMediaSession *s = NULL;
    REQUIRE(SUCCEEDED(MFCreateMediaSession(config, &s)));
    IMFAttributes_Release(config);

    /* A failing loader: its HRESULT, and the partial topology. */
    l->fail = (HRESULT)0x80041234;
    CHECK_HR(IMFMediaSession_SetTopology(s, 0, partial), S_OK);
    IMFMediaEvent *ev = EXPECT(s, MESessionTopologySet, (HRESULT)0x80041234);
    IMFTopology *t = event_topology(ev);
    CHECK(t == partial);
    if (t)
        IMFTopology_Release(t);
    if (ev)
        IMFMediaEvent_Release(ev);
    CHECK(l->loads == 1);

    /* A working one: its output is the full topology. */
    l->fail = S_OK;
    CHECK_HR(IMFMediaSession_SetTopology(s, 0, partial), S_OK);
    ev = EXPECT(s, MESessionTopologySet, S_OK);
    t = event_topology(ev);
    CHECK(t && t == l->last_out);
    if (t)
        IMFTopology_Release(t);
    if (ev)
        IMFMediaEvent_Release(ev);
    CHECK(l->loads == 2);
    EXPECT_DROP(s, MESessionNotifyPresentationTime, S_OK);
    EXPECT_DROP(s, MESessionCapabilitiesChanged, S_OK);
    EXPECT_DROP(s, MESessionTopologyStatus, S_OK);

    /* NORESOLUTION bypasses the loader. */
    CHECK_HR(IMFMediaSession_SetTopology(s, MFSESSION_SETTOPOLOGY_NORESOLUTION, partial), S_OK);
    ev = EXPECT(s, MESessionTopologySet, S_OK);
    t = event_topology(ev);
    CHECK(t == partial);
    if (t)
        IMFTopology_Release(t);
    if (ev)
        IMFMediaEvent_Release(ev);
    CHECK(l->loads == 2);
    EXPECT_DROP(s, MESessionNotifyPresentationTime, S_OK);
    EXPECT_DROP(s, MESessionTopologyStatus, S_OK); /* caps unchanged */

    /* Shutdown releases the loader. */
    CHECK_HR(IMFMediaSession_Shutdown(s), S_OK);
    CHECK(l->refs == 1);
    CHECK(IMFMediaSession_Release(s) == 0);
    IMFTopoLoader_Release(&l->iface);
}

/* IMMEDIATE while playing: the new topology replaces the playing one. */
static void test_immediate(IMFTopology *partial, IMFTopology *partial2)
{
    IMFMediaSession *s = NULL;
    REQUIRE(SUCCEEDED(MFCreateMediaSession(NULL, &s)));
    IMFTopology *full = sess_set_ready(s, partial, SESS_FILE_CAPS);
    PROPVARIANT pos;
    PropVariantInit(&pos);
    CHECK_HR(IMFMediaSession_Start(s, &GUID_NULL, &pos), S_OK);
    EXPECT_DROP(s, MESessionTopologyStatus, S_OK);
    EXPECT_DROP(s, MESessionCapabilitiesChanged, S_OK);
    EXPECT_DROP(s, MESessionStarted, S_OK);

    CHECK_HR(IMFMediaSession_SetTopology(s, MFSESSION_SETTOPOLOGY_IMMEDIATE, partial2), S_OK);
    IMFMediaEvent *ev = EXPECT(s, MESessionTopologySet, S_OK);
    IMFTopology *full2 = event_topology(ev);
    CHECK(full2 && full2 != full);
    if (ev)
        IMFMediaEvent_Release(ev);
    IMFTopology *got = NULL;
    CHECK_HR(IMFMediaSession_GetFullTopology(s, MFSESSION_GETFULLTOPOLOGY_CURRENT, 0, &got), S_OK);
    CHECK(got && got == full2);
    if (got)
        IMFTopology_Release(got);
    ev = sess_until(s, MESessionStarted, 15000);
    CHECK(ev != NULL);
    if (ev)
        IMFMediaEvent_Release(ev);

    CHECK_HR(IMFMediaSession_Shutdown(s), S_OK);
    CHECK(IMFMediaSession_Release(s) == 0);
    if (full)
        IMFTopology_Release(full);
    if (full2)
        IMFTopology_Release(full2);
}

/* Fresh outputs and topologies for each session: a session's Shutdown
 * shuts its sample grabbers down. */
typedef struct fixture {
    IMFMediaSource *src, *src2;
    sess_outputs out;
    IMFTopology *partial, *partial2;
} fixture;

static void fixture_init(fixture *f)
{
    f->src = sess_open("av.mp4");
    f->src2 = sess_open("av.mp4");
    sess_outputs_init(&f->out);
    f->partial = sess_topology(f->src, &f->out);
    f->partial2 = sess_topology(f->src2, &f->out);
}

static void fixture_free(fixture *f)
{
    IMFTopology_Release(f->partial);
    IMFTopology_Release(f->partial2);
    sess_outputs_free(&f->out);
    IMFMediaSource_Shutdown(f->src);
    IMFMediaSource_Release(f->src);
    IMFMediaSource_Shutdown(f->src2);
    IMFMediaSource_Release(f->src2);
}

int main(void)
{
    REQUIRE(SUCCEEDED(MFStartup(MF_VERSION, MFSTARTUP_FULL)));
    LONG live = msess_mf_live_objects();
    fixture f;

    fixture_init(&f);
    test_noresolution(f.partial);
    fixture_free(&f);

    fixture_init(&f);
    test_custom_loader(f.partial);
    fixture_free(&f);

    fixture_init(&f);
    test_immediate(f.partial, f.partial2);
    fixture_free(&f);

    CHECK(msess_mf_live_objects() == live);
    MFShutdown();
    if (failures)
        fprintf(stderr, "%d failure(s)\n", failures);
    return failures ? 1 : 0;
}

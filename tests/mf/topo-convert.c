/* The shim's topology conversions (shim/shim.h, so this test is linked with
 * the shim's objects): SetTopology's checks and their order, an IMFTopology
 * turned into an msess topology (node kinds, tags, connect methods, stream
 * selection, the errors for what msess cannot play), and the resolved
 * msess topology wrapped back as Windows' full topology (same topology id,
 * the partial's node ids, attributes and objects, decoder nodes with
 * MF_TOPONODE_DECODER, STREAMID and MEDIASTART defaults; PCM without a
 * decoder). Media: av.mp4 (H.264 + AAC) and audio-only.wav through the
 * shim's source resolver, outputs are sample grabber activates (no device
 * needed). */
#ifndef COBJMACROS
#define COBJMACROS
#endif
#include "check.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shim.h"
#include <msess-mf.h>

/* Windows' class ids of its H.264 and AAC decoders (wmcodecdsp.h). */
static const GUID clsid_h264 = { 0x62ce7e72, 0x4c71, 0x4d20,
                                 { 0xb1, 0x5d, 0x45, 0x28, 0x31, 0xa8, 0x7d, 0x9d } };
static const GUID clsid_aac = { 0x32d186a7, 0x218f, 0x4c75,
                                { 0x88, 0x76, 0xdd, 0x77, 0x27, 0x3a, 0x89, 0x99 } };
static const GUID test_key = { 0x3a2b3c4d, 1, 2, { 3, 4, 5, 6, 7, 8, 9, 10 } };

/* ---- a sample grabber callback that does nothing */

static HRESULT STDMETHODCALLTYPE cb_QueryInterface(IMFSampleGrabberSinkCallback *This,
                                                   REFIID riid, void **out)
{
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IMFClockStateSink) ||
        IsEqualGUID(riid, &IID_IMFSampleGrabberSinkCallback)) {
        *out = This;
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}
static ULONG STDMETHODCALLTYPE cb_AddRef(IMFSampleGrabberSinkCallback *This)
{
    (void)This;
    return 2;
}
static ULONG STDMETHODCALLTYPE cb_Release(IMFSampleGrabberSinkCallback *This)
{
    (void)This;
    return 1;
}
static HRESULT STDMETHODCALLTYPE cb_OnClockStart(IMFSampleGrabberSinkCallback *This, MFTIME t,
                                                 LONGLONG offset)
{
    (void)This, (void)t, (void)offset;
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE cb_OnClockTime(IMFSampleGrabberSinkCallback *This, MFTIME t)
{
    (void)This, (void)t;
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE cb_OnClockSetRate(IMFSampleGrabberSinkCallback *This,
                                                   MFTIME t, float rate)
{
    (void)This, (void)t, (void)rate;
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE cb_OnSetPresentationClock(IMFSampleGrabberSinkCallback *This,
                                                           IMFPresentationClock *clock)
{
    (void)This, (void)clock;
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE cb_OnProcessSample(IMFSampleGrabberSinkCallback *This,
                                                    REFGUID major, DWORD flags, LONGLONG time,
                                                    LONGLONG duration, const BYTE *buf,
                                                    DWORD size)
{
    (void)This, (void)major, (void)flags, (void)time, (void)duration, (void)buf, (void)size;
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE cb_OnShutdown(IMFSampleGrabberSinkCallback *This)
{
    (void)This;
    return S_OK;
}

static IMFSampleGrabberSinkCallbackVtbl cb_vtbl = {
    .QueryInterface = cb_QueryInterface,
    .AddRef = cb_AddRef,
    .Release = cb_Release,
    .OnClockStart = cb_OnClockStart,
    .OnClockStop = cb_OnClockTime,
    .OnClockPause = cb_OnClockTime,
    .OnClockRestart = cb_OnClockTime,
    .OnClockSetRate = cb_OnClockSetRate,
    .OnSetPresentationClock = cb_OnSetPresentationClock,
    .OnProcessSample = cb_OnProcessSample,
    .OnShutdown = cb_OnShutdown,
};
static IMFSampleGrabberSinkCallback grabber_cb = { &cb_vtbl };

/* ---- media */

typedef struct media {
    IMFMediaSource *source;
    IMFPresentationDescriptor *pd;
    IMFStreamDescriptor *sd[2]; /* video, audio */
    DWORD index[2];             /* their indexes in pd */
} media;

static void media_open(media *m, const char *name)
{
    memset(m, 0, sizeof(*m));
    const char *dir = getenv("MSESS_TEST_MEDIA");
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir ? dir : ".", name);
    LPWSTR url = shim_utf8_to_wcs(path);
    REQUIRE(url);
    IMFSourceResolver *resolver = NULL;
    IUnknown *unk = NULL;
    MF_OBJECT_TYPE type;
    CHECK_HR(MFCreateSourceResolver(&resolver), S_OK);
    REQUIRE(resolver);
    CHECK_HR(IMFSourceResolver_CreateObjectFromURL(resolver, url, MF_RESOLUTION_MEDIASOURCE,
                                                   NULL, &type, &unk),
             S_OK);
    CoTaskMemFree(url);
    IMFSourceResolver_Release(resolver);
    REQUIRE(unk);
    CHECK_HR(IUnknown_QueryInterface(unk, &IID_IMFMediaSource, (void **)&m->source), S_OK);
    IUnknown_Release(unk);
    REQUIRE(m->source);
    CHECK_HR(IMFMediaSource_CreatePresentationDescriptor(m->source, &m->pd), S_OK);
    REQUIRE(m->pd);
    DWORD count = 0;
    IMFPresentationDescriptor_GetStreamDescriptorCount(m->pd, &count);
    for (DWORD i = 0; i < count; i++) {
        BOOL selected;
        IMFStreamDescriptor *sd = NULL;
        IMFMediaTypeHandler *h = NULL;
        GUID major = { 0 };
        CHECK_HR(IMFPresentationDescriptor_GetStreamDescriptorByIndex(m->pd, i, &selected, &sd),
                 S_OK);
        REQUIRE(sd);
        CHECK_HR(IMFStreamDescriptor_GetMediaTypeHandler(sd, &h), S_OK);
        if (h) {
            IMFMediaTypeHandler_GetMajorType(h, &major);
            IMFMediaTypeHandler_Release(h);
        }
        int k = IsEqualGUID(&major, &MFMediaType_Video) ? 0
              : IsEqualGUID(&major, &MFMediaType_Audio) ? 1 : -1;
        if (k >= 0 && !m->sd[k]) {
            m->sd[k] = sd;
            m->index[k] = i;
            IMFPresentationDescriptor_SelectStream(m->pd, i);
        } else {
            IMFStreamDescriptor_Release(sd);
        }
    }
    REQUIRE(m->sd[0] || m->sd[1]);
}

static void media_close(media *m)
{
    for (int k = 0; k < 2; k++)
        SHIM_RELEASE(m->sd[k]);
    SHIM_RELEASE(m->pd);
    if (m->source)
        IMFMediaSource_Shutdown(m->source);
    SHIM_RELEASE(m->source);
}

static IMFActivate *grabber(int audio)
{
    IMFMediaType *mt = NULL;
    IMFActivate *act = NULL;
    CHECK_HR(MFCreateMediaType(&mt), S_OK);
    REQUIRE(mt);
    IMFMediaType_SetGUID(mt, &MF_MT_MAJOR_TYPE, audio ? &MFMediaType_Audio : &MFMediaType_Video);
    IMFMediaType_SetGUID(mt, &MF_MT_SUBTYPE, audio ? &MFAudioFormat_PCM : &MFVideoFormat_RGB32);
    CHECK_HR(MFCreateSampleGrabberSinkActivate(mt, &grabber_cb, &act), S_OK);
    IMFMediaType_Release(mt);
    REQUIRE(act);
    return act;
}

/* ---- building topologies */

static IMFTopologyNode *node(IMFTopology *t, MF_TOPOLOGY_TYPE type)
{
    IMFTopologyNode *n = NULL;
    CHECK_HR(MFCreateTopologyNode(type, &n), S_OK);
    REQUIRE(n);
    if (t)
        CHECK_HR(IMFTopology_AddNode(t, n), S_OK);
    return n;
}

static IMFTopologyNode *source_node(IMFTopology *t, media *m, int k)
{
    IMFTopologyNode *n = node(t, MF_TOPOLOGY_SOURCESTREAM_NODE);
    IMFTopologyNode_SetUnknown(n, &MF_TOPONODE_SOURCE, (IUnknown *)m->source);
    IMFTopologyNode_SetUnknown(n, &MF_TOPONODE_PRESENTATION_DESCRIPTOR, (IUnknown *)m->pd);
    IMFTopologyNode_SetUnknown(n, &MF_TOPONODE_STREAM_DESCRIPTOR, (IUnknown *)m->sd[k]);
    return n;
}

static IMFTopologyNode *output_node(IMFTopology *t, IUnknown *object)
{
    IMFTopologyNode *n = node(t, MF_TOPOLOGY_OUTPUT_NODE);
    IMFTopologyNode_SetObject(n, object);
    return n;
}

static IMFTopology *topology(void)
{
    IMFTopology *t = NULL;
    CHECK_HR(MFCreateTopology(&t), S_OK);
    REQUIRE(t);
    return t;
}

static TOPOID id_of(IMFTopologyNode *n)
{
    TOPOID id = 0;
    IMFTopologyNode_GetTopoNodeID(n, &id);
    return id;
}

static msess_node *msess_by_tag(msess_topology *t, TOPOID tag)
{
    for (unsigned i = 0; i < msess_topology_node_count(t); i++)
        if (msess_node_tag(msess_topology_node(t, i)) == tag)
            return msess_topology_node(t, i);
    return NULL;
}

/* Both checks (alone and in the conversion) answer `want`. */
static void expect_check(IMFTopology *t, HRESULT want, int line)
{
    msess_topology *m = (msess_topology *)(void *)1;
    HRESULT a = shim_topology_check(t), b = shim_topology_to_msess(t, &m);
    if (a != want || b != want || m != NULL) {
        fprintf(stderr, "%s:%d: check 0x%08lx, conversion 0x%08lx, want 0x%08lx\n",
                __FILE__, line, (unsigned long)(ULONG)a, (unsigned long)(ULONG)b,
                (unsigned long)(ULONG)want);
        failures++;
    }
    if (m && m != (msess_topology *)(void *)1)
        msess_topology_destroy(&m);
}
#define EXPECT_CHECK(t, want) expect_check(t, want, __LINE__)

/* ---------------------------------------------------------------- tests */

static void test_checks(media *m, media *other)
{
    IMFTopology *t = topology();
    EXPECT_CHECK(t, E_INVALIDARG); /* no nodes */
    CHECK_HR(shim_topology_check(NULL), E_POINTER);

    IMFActivate *act = grabber(0);
    IMFTopologyNode *src = node(t, MF_TOPOLOGY_SOURCESTREAM_NODE);
    IMFTopologyNode *out = output_node(t, (IUnknown *)act);
    CHECK_HR(IMFTopologyNode_ConnectOutput(src, 0, out, 0), S_OK);
    EXPECT_CHECK(t, MF_E_TOPO_MISSING_SOURCE);

    /* The source comes first, then the presentation descriptor, then the
     * stream descriptor, then its selection. */
    IMFTopologyNode_SetUnknown(src, &MF_TOPONODE_PRESENTATION_DESCRIPTOR, (IUnknown *)m->pd);
    IMFTopologyNode_SetUnknown(src, &MF_TOPONODE_STREAM_DESCRIPTOR, (IUnknown *)m->sd[0]);
    EXPECT_CHECK(t, MF_E_TOPO_MISSING_SOURCE);
    /* Something that is not a media source does not count. */
    IMFTopologyNode_SetUnknown(src, &MF_TOPONODE_SOURCE, (IUnknown *)m->pd);
    EXPECT_CHECK(t, MF_E_TOPO_MISSING_SOURCE);
    IMFTopologyNode_SetUnknown(src, &MF_TOPONODE_SOURCE, (IUnknown *)m->source);
    IMFTopologyNode_DeleteItem(src, &MF_TOPONODE_PRESENTATION_DESCRIPTOR);
    EXPECT_CHECK(t, MF_E_TOPO_MISSING_PRESENTATION_DESCRIPTOR);
    IMFTopologyNode_SetUnknown(src, &MF_TOPONODE_PRESENTATION_DESCRIPTOR, (IUnknown *)m->pd);
    IMFTopologyNode_DeleteItem(src, &MF_TOPONODE_STREAM_DESCRIPTOR);
    EXPECT_CHECK(t, MF_E_TOPO_MISSING_STREAM_DESCRIPTOR);
    IMFTopologyNode_SetUnknown(src, &MF_TOPONODE_STREAM_DESCRIPTOR, (IUnknown *)m->sd[0]);
    IMFPresentationDescriptor_DeselectStream(m->pd, m->index[0]);
    EXPECT_CHECK(t, MF_E_TOPO_STREAM_DESCRIPTOR_NOT_SELECTED);
    IMFPresentationDescriptor_SelectStream(m->pd, m->index[0]);
    CHECK_HR(shim_topology_check(t), S_OK);
    /* A stream descriptor of another presentation is not selected in this one. */
    IMFTopologyNode_SetUnknown(src, &MF_TOPONODE_STREAM_DESCRIPTOR, (IUnknown *)other->sd[0]);
    EXPECT_CHECK(t, MF_E_TOPO_STREAM_DESCRIPTOR_NOT_SELECTED);
    IMFTopologyNode_SetUnknown(src, &MF_TOPONODE_STREAM_DESCRIPTOR, (IUnknown *)m->sd[0]);

    /* Every source node is checked: the second one fails. */
    IMFTopologyNode *src2 = node(t, MF_TOPOLOGY_SOURCESTREAM_NODE);
    IMFTopologyNode_SetUnknown(src2, &MF_TOPONODE_SOURCE, (IUnknown *)m->source);
    EXPECT_CHECK(t, MF_E_TOPO_MISSING_PRESENTATION_DESCRIPTOR);
    CHECK_HR(IMFTopology_RemoveNode(t, src2), S_OK);
    IMFTopologyNode_Release(src2);

    /* Past the checks: what msess cannot play. An application transform: */
    IMFTopologyNode *mft = node(t, MF_TOPOLOGY_TRANSFORM_NODE);
    IMFTopologyNode_SetObject(mft, (IUnknown *)m->pd);
    CHECK_HR(IMFTopologyNode_ConnectOutput(src, 0, mft, 0), S_OK);
    CHECK_HR(IMFTopologyNode_ConnectOutput(mft, 0, out, 0), S_OK);
    CHECK_HR(shim_topology_check(t), S_OK);
    msess_topology *mt = NULL;
    CHECK_HR(shim_topology_to_msess(t, &mt), MF_E_TOPO_UNSUPPORTED);
    CHECK(mt == NULL);
    CHECK_HR(IMFTopology_RemoveNode(t, mft), S_OK);
    IMFTopologyNode_Release(mft);

    /* An output object that is not one of ours, then none. */
    CHECK_HR(IMFTopologyNode_ConnectOutput(src, 0, out, 0), S_OK);
    IMFTopologyNode_SetObject(out, (IUnknown *)m->pd);
    CHECK_HR(shim_topology_to_msess(t, &mt), MF_E_TOPO_SINK_ACTIVATES_UNSUPPORTED);
    IMFTopologyNode_SetObject(out, NULL);
    CHECK_HR(shim_topology_to_msess(t, &mt), MF_E_TOPO_UNSUPPORTED);
    IMFTopologyNode_SetObject(out, (IUnknown *)act);

    /* A second output of a source node: msess's have one. */
    CHECK_HR(IMFTopologyNode_DisconnectOutput(src, 0), S_OK);
    CHECK_HR(IMFTopologyNode_ConnectOutput(src, 1, out, 0), S_OK);
    CHECK_HR(shim_topology_to_msess(t, &mt), MF_E_TOPO_UNSUPPORTED);
    CHECK(mt == NULL);

    /* And right at last. */
    CHECK_HR(IMFTopologyNode_ConnectOutput(src, 0, out, 0), S_OK);
    CHECK_HR(shim_topology_to_msess(t, &mt), S_OK);
    CHECK(mt && msess_topology_node_count(mt) == 2);
    msess_topology_destroy(&mt);

    IMFTopologyNode_Release(src);
    IMFTopologyNode_Release(out);
    IMFTopology_Release(t);
    IMFActivate_ShutdownObject(act);
    IMFActivate_Release(act);
}

/* Follow output 0 from n through transform nodes; returns the first node
 * that is not a transform (a reference), counting decoders and others. */
static IMFTopologyNode *walk(IMFTopologyNode *n, const GUID *decoder_class, int *decoders,
                             int *converters)
{
    IMFTopologyNode_AddRef(n);
    for (int steps = 0; steps < 8; steps++) {
        IMFTopologyNode *next = NULL;
        DWORD in = 99;
        if (FAILED(IMFTopologyNode_GetOutput(n, 0, &next, &in))) {
            IMFTopologyNode_Release(n);
            return NULL;
        }
        CHECK(in == 0);
        IMFTopologyNode_Release(n);
        n = next;
        MF_TOPOLOGY_TYPE type;
        IMFTopologyNode_GetNodeType(n, &type);
        if (type != MF_TOPOLOGY_TRANSFORM_NODE)
            return n;
        UINT32 dec = 0;
        GUID clsid = { 0 };
        IUnknown *obj = NULL;
        IMFTopologyNode_GetGUID(n, &MF_TOPONODE_TRANSFORM_OBJECTID, &clsid);
        CHECK(id_of(n) != 0);
        CHECK_HR(IMFTopologyNode_GetObject(n, &obj), E_FAIL); /* msess runs it */
        if (SUCCEEDED(IMFTopologyNode_GetUINT32(n, &MF_TOPONODE_DECODER, &dec)) && dec == 1) {
            (*decoders)++;
            CHECK(*converters == 0); /* the decoder comes first */
            CHECK(IsEqualGUID(&clsid, decoder_class));
        } else {
            (*converters)++;
            CHECK(!IsEqualGUID(&clsid, &GUID_NULL));
        }
    }
    IMFTopologyNode_Release(n);
    return NULL;
}

static void test_convert_and_wrap(media *m)
{
    IMFActivate *vact = grabber(0), *aact = grabber(1);
    IMFTopology *t = topology();
    IMFTopologyNode *vs = source_node(t, m, 0), *as = source_node(t, m, 1);
    IMFTopologyNode *vo = output_node(t, (IUnknown *)vact);
    IMFTopologyNode *ao = output_node(t, (IUnknown *)aact);
    CHECK_HR(IMFTopologyNode_ConnectOutput(vs, 0, vo, 0), S_OK);
    CHECK_HR(IMFTopologyNode_ConnectOutput(as, 0, ao, 0), S_OK);
    IMFTopologyNode_SetUINT32(ao, &MF_TOPONODE_STREAMID, 3);
    IMFTopologyNode_SetUINT64(as, &MF_TOPONODE_MEDIASTART, 1000);
    IMFTopologyNode_SetUINT32(vo, &MF_TOPONODE_CONNECT_METHOD, MF_CONNECT_ALLOW_DECODER);
    IMFTopology_SetUINT32(t, &test_key, 5);

    /* To msess: same nodes, tagged with their MF ids, same connections. */
    msess_topology *mp = NULL;
    CHECK_HR(shim_topology_to_msess(t, &mp), S_OK);
    REQUIRE(mp);
    CHECK(msess_topology_node_count(mp) == 4);
    msess_node *mvs = msess_by_tag(mp, id_of(vs)), *mas = msess_by_tag(mp, id_of(as));
    msess_node *mvo = msess_by_tag(mp, id_of(vo)), *mao = msess_by_tag(mp, id_of(ao));
    REQUIRE(mvs && mas && mvo && mao);
    CHECK(msess_node_get_type(mvs) == MSESS_NODE_SOURCE_STREAM);
    CHECK(msess_node_get_type(mvo) == MSESS_NODE_OUTPUT);
    unsigned stream = 99;
    DWORD sid = 98;
    CHECK(msess_node_source(mvs, &stream) == shim_media_source_get((IUnknown *)m->source));
    IMFStreamDescriptor_GetStreamIdentifier(m->sd[0], &sid);
    CHECK(stream == sid);
    msess_node_source(mas, &stream);
    IMFStreamDescriptor_GetStreamIdentifier(m->sd[1], &sid);
    CHECK(stream == sid);
    CHECK(msess_node_sink(mvo) != NULL);
    CHECK(msess_node_output(mvs, 0, NULL) == mvo);
    CHECK(msess_node_output(mas, 0, NULL) == mao);
    CHECK_HR(shim_hr(msess_topology_validate(mp)), S_OK);

    /* Resolved by msess, wrapped as the full topology. */
    msess_topology *mf = NULL;
    CHECK_HR(shim_hr(msess_topology_resolve(mp, &mf)), S_OK);
    REQUIRE(mf);
    IMFTopology *full = NULL;
    CHECK_HR(shim_topology_from_msess(NULL, t, &full), E_POINTER);
    CHECK_HR(shim_topology_from_msess(mf, t, NULL), E_POINTER);
    CHECK_HR(shim_topology_from_msess(mf, t, &full), S_OK);
    REQUIRE(full);
    CHECK(full != t);
    TOPOID pid = 0, fid = 1;
    IMFTopology_GetTopologyID(t, &pid);
    IMFTopology_GetTopologyID(full, &fid);
    CHECK(pid == fid);
    UINT32 v = 0;
    CHECK_HR(IMFTopology_GetUINT32(full, &test_key, &v), S_OK);
    CHECK(v == 5);
    v = 99;
    CHECK_HR(IMFTopology_GetUINT32(full, &MF_TOPOLOGY_RESOLUTION_STATUS, &v), S_OK);
    CHECK(v == MF_TOPOLOGY_RESOLUTION_SUCCEEDED);
    WORD count = 0;
    IMFTopology_GetNodeCount(full, &count);
    CHECK(count == msess_topology_node_count(mf));
    CHECK(count >= 6); /* two decoders at least */

    /* The partial's nodes: copies with the same ids, attributes, objects. */
    IMFTopologyNode *fvs = NULL, *fas = NULL, *fvo = NULL, *fao = NULL;
    CHECK_HR(IMFTopology_GetNodeByID(full, id_of(vs), &fvs), S_OK);
    CHECK_HR(IMFTopology_GetNodeByID(full, id_of(as), &fas), S_OK);
    CHECK_HR(IMFTopology_GetNodeByID(full, id_of(vo), &fvo), S_OK);
    CHECK_HR(IMFTopology_GetNodeByID(full, id_of(ao), &fao), S_OK);
    REQUIRE(fvs && fas && fvo && fao);
    CHECK(fvs != vs && fvo != vo);
    /* Output nodes hold their activate's stream sink, as on Windows. */
    IUnknown *obj = NULL;
    IMFStreamSink *ssink = NULL;
    CHECK_HR(IMFTopologyNode_GetObject(fvo, &obj), S_OK);
    if (obj) {
        CHECK_HR(IUnknown_QueryInterface(obj, &IID_IMFStreamSink, (void **)&ssink), S_OK);
        msess_sink *a = NULL, *b = NULL;
        CHECK_HR(shim_output_sink(obj, &a), S_OK);
        CHECK_HR(shim_output_sink((IUnknown *)vact, &b), S_OK);
        CHECK(a && a == b);
        msess_sink_destroy(&a);
        msess_sink_destroy(&b);
    }
    SHIM_RELEASE(ssink);
    SHIM_RELEASE(obj);
    CHECK_HR(IMFTopologyNode_GetObject(vo, &obj), S_OK);
    CHECK(obj == (IUnknown *)vact); /* the partial's is unchanged */
    SHIM_RELEASE(obj);
    CHECK_HR(IMFTopologyNode_GetUnknown(fvs, &MF_TOPONODE_SOURCE, &IID_IUnknown, (void **)&obj),
             S_OK);
    IUnknown *src_unk = NULL;
    IMFMediaSource_QueryInterface(m->source, &IID_IUnknown, (void **)&src_unk);
    CHECK(obj && obj == src_unk);
    SHIM_RELEASE(obj);
    SHIM_RELEASE(src_unk);
    v = 99;
    CHECK_HR(IMFTopologyNode_GetUINT32(fvo, &MF_TOPONODE_STREAMID, &v), S_OK);
    CHECK(v == 0); /* added */
    CHECK_HR(IMFTopologyNode_GetUINT32(fao, &MF_TOPONODE_STREAMID, &v), S_OK);
    CHECK(v == 3); /* kept */
    CHECK_HR(IMFTopologyNode_GetUINT32(fvo, &MF_TOPONODE_CONNECT_METHOD, &v), S_OK);
    CHECK(v == MF_CONNECT_ALLOW_DECODER);
    UINT64 start = 99;
    CHECK_HR(IMFTopologyNode_GetUINT64(fvs, &MF_TOPONODE_MEDIASTART, &start), S_OK);
    CHECK(start == 0);
    CHECK_HR(IMFTopologyNode_GetUINT64(fas, &MF_TOPONODE_MEDIASTART, &start), S_OK);
    CHECK(start == 1000);
    /* The partial did not change. */
    CHECK_HR(IMFTopologyNode_GetUINT32(vo, &MF_TOPONODE_STREAMID, &v), MF_E_ATTRIBUTENOTFOUND);
    IMFTopology_GetNodeCount(t, &count);
    CHECK(count == 4);

    /* Source -> decoder (-> converters) -> output, in the full topology. */
    int dec = 0, conv = 0;
    IMFTopologyNode *end = walk(fvs, &clsid_h264, &dec, &conv);
    CHECK(end == fvo);
    CHECK(dec == 1);
    SHIM_RELEASE(end);
    dec = conv = 0;
    end = walk(fas, &clsid_aac, &dec, &conv);
    CHECK(end == fao);
    CHECK(dec == 1);
    SHIM_RELEASE(end);
    IMFCollection *outs = NULL;
    DWORD n_outs = 0;
    CHECK_HR(IMFTopology_GetOutputNodeCollection(full, &outs), S_OK);
    if (outs) {
        IMFCollection_GetElementCount(outs, &n_outs);
        IMFCollection_Release(outs);
    }
    CHECK(n_outs == 2);

    /* A full topology converts again: its decoders are msess's own. */
    msess_topology *again = NULL;
    CHECK_HR(shim_topology_to_msess(full, &again), S_OK);
    if (again) {
        CHECK(msess_topology_node_count(again) == msess_topology_node_count(mf));
        unsigned decoders = 0;
        for (unsigned i = 0; i < msess_topology_node_count(again); i++) {
            msess_node *n = msess_topology_node(again, i);
            if (msess_node_get_type(n) == MSESS_NODE_TRANSFORM &&
                msess_node_transform_kind(n) == MSESS_TRANSFORM_DECODER)
                decoders++;
        }
        CHECK(decoders == 2);
        msess_topology *again_full = NULL;
        CHECK_HR(shim_hr(msess_topology_resolve(again, &again_full)), S_OK);
        msess_topology_destroy(&again_full);
        msess_topology_destroy(&again);
    }

    /* Without a partial: a new id, the same shape. */
    IMFTopology *bare = NULL;
    CHECK_HR(shim_topology_from_msess(mf, NULL, &bare), S_OK);
    if (bare) {
        TOPOID bid = 0;
        IMFTopology_GetTopologyID(bare, &bid);
        CHECK(bid != pid && bid != 0);
        IMFTopology_GetNodeCount(bare, &count);
        CHECK(count == msess_topology_node_count(mf));
        IMFTopology_Release(bare);
    }

    SHIM_RELEASE(fvs);
    SHIM_RELEASE(fas);
    SHIM_RELEASE(fvo);
    SHIM_RELEASE(fao);
    IMFTopology_Release(full);
    msess_topology_destroy(&mf);
    msess_topology_destroy(&mp);
    IMFTopologyNode_Release(vs);
    IMFTopologyNode_Release(as);
    IMFTopologyNode_Release(vo);
    IMFTopologyNode_Release(ao);
    IMFTopology_Release(t);
    IMFActivate_ShutdownObject(vact);
    IMFActivate_ShutdownObject(aact);
    IMFActivate_Release(vact);
    IMFActivate_Release(aact);
}

/* MF_TOPONODE_CONNECT_METHOD's low bits pick msess's method. */
static void test_connect_method(media *m)
{
    static const struct {
        UINT32 mf;
        enum msess_connect_method ms;
    } map[] = {
        { MF_CONNECT_DIRECT, MSESS_CONNECT_DIRECT },
        { MF_CONNECT_ALLOW_CONVERTER, MSESS_CONNECT_ALLOW_CONVERTER },
        { MF_CONNECT_ALLOW_DECODER, MSESS_CONNECT_ALLOW_DECODER },
        { MF_CONNECT_ALLOW_CONVERTER | MF_CONNECT_AS_OPTIONAL, MSESS_CONNECT_ALLOW_CONVERTER },
    };
    IMFActivate *act = grabber(0);
    IMFTopology *t = topology();
    IMFTopologyNode *src = source_node(t, m, 0), *out = output_node(t, (IUnknown *)act);
    CHECK_HR(IMFTopologyNode_ConnectOutput(src, 0, out, 0), S_OK);
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        IMFTopologyNode_SetUINT32(out, &MF_TOPONODE_CONNECT_METHOD, map[i].mf);
        msess_topology *mt = NULL;
        CHECK_HR(shim_topology_to_msess(t, &mt), S_OK);
        msess_node *n = mt ? msess_by_tag(mt, id_of(out)) : NULL;
        CHECK(n && msess_node_get_connect_method(n) == map[i].ms);
        if (map[i].mf == MF_CONNECT_DIRECT && mt) {
            /* H.264 cannot go straight to a grabber. */
            msess_topology *full = NULL;
            CHECK_HR(shim_hr(msess_topology_resolve(mt, &full)), MF_E_TOPO_UNSUPPORTED);
            msess_topology_destroy(&full);
        }
        msess_topology_destroy(&mt);
    }
    IMFTopologyNode_Release(src);
    IMFTopologyNode_Release(out);
    IMFTopology_Release(t);
    IMFActivate_ShutdownObject(act);
    IMFActivate_Release(act);
}

/* The presentation descriptor's selection becomes the msess source's. */
static void test_selection(media *m)
{
    msess_source *ms = shim_media_source_get((IUnknown *)m->source);
    REQUIRE(ms);
    DWORD vid = 0, aid = 0;
    IMFStreamDescriptor_GetStreamIdentifier(m->sd[0], &vid);
    IMFStreamDescriptor_GetStreamIdentifier(m->sd[1], &aid);
    IMFActivate *act = grabber(0);
    IMFTopology *t = topology();
    IMFTopologyNode *src = source_node(t, m, 0), *out = output_node(t, (IUnknown *)act);
    CHECK_HR(IMFTopologyNode_ConnectOutput(src, 0, out, 0), S_OK);

    IMFPresentationDescriptor_DeselectStream(m->pd, m->index[1]);
    msess_topology *mt = NULL;
    CHECK_HR(shim_topology_to_msess(t, &mt), S_OK);
    CHECK(msess_source_stream_selected(ms, vid));
    CHECK(!msess_source_stream_selected(ms, aid));
    msess_topology_destroy(&mt);

    IMFPresentationDescriptor_SelectStream(m->pd, m->index[1]);
    CHECK_HR(shim_topology_to_msess(t, &mt), S_OK);
    CHECK(msess_source_stream_selected(ms, vid));
    CHECK(msess_source_stream_selected(ms, aid));
    msess_topology_destroy(&mt);

    IMFTopologyNode_Release(src);
    IMFTopologyNode_Release(out);
    IMFTopology_Release(t);
    IMFActivate_ShutdownObject(act);
    IMFActivate_Release(act);
}

/* A tee fans the video out to two grabbers; msess decodes before it. */
static void test_tee(media *m)
{
    IMFActivate *a1 = grabber(0), *a2 = grabber(0);
    IMFTopology *t = topology();
    IMFTopologyNode *src = source_node(t, m, 0), *tee = node(t, MF_TOPOLOGY_TEE_NODE);
    IMFTopologyNode *o1 = output_node(t, (IUnknown *)a1), *o2 = output_node(t, (IUnknown *)a2);
    CHECK_HR(IMFTopologyNode_ConnectOutput(src, 0, tee, 0), S_OK);
    CHECK_HR(IMFTopologyNode_ConnectOutput(tee, 0, o1, 0), S_OK);
    CHECK_HR(IMFTopologyNode_ConnectOutput(tee, 1, o2, 0), S_OK);

    msess_topology *mt = NULL, *mf = NULL;
    CHECK_HR(shim_topology_to_msess(t, &mt), S_OK);
    REQUIRE(mt);
    msess_node *mtee = msess_by_tag(mt, id_of(tee));
    REQUIRE(mtee);
    CHECK(msess_node_get_type(mtee) == MSESS_NODE_TEE);
    CHECK(msess_node_output_count(mtee) == 2);
    CHECK(msess_node_output(mtee, 1, NULL) == msess_by_tag(mt, id_of(o2)));
    CHECK_HR(shim_hr(msess_topology_resolve(mt, &mf)), S_OK);
    IMFTopology *full = NULL;
    if (mf)
        CHECK_HR(shim_topology_from_msess(mf, t, &full), S_OK);
    if (full) {
        IMFTopologyNode *ftee = NULL, *fsrc = NULL, *peer = NULL;
        IMFTopology_GetNodeByID(full, id_of(tee), &ftee);
        IMFTopology_GetNodeByID(full, id_of(src), &fsrc);
        REQUIRE(ftee && fsrc);
        DWORD n = 0, pin = 99;
        IMFTopologyNode_GetOutputCount(ftee, &n);
        CHECK(n == 2);
        /* Tee output 1 leads (through a converter to RGB32) to o2's copy. */
        CHECK_HR(IMFTopologyNode_GetOutput(ftee, 1, &peer, &pin), S_OK);
        MF_TOPOLOGY_TYPE type = MF_TOPOLOGY_TRANSFORM_NODE;
        for (int steps = 0; peer && steps < 4; steps++) {
            IMFTopologyNode_GetNodeType(peer, &type);
            if (type != MF_TOPOLOGY_TRANSFORM_NODE)
                break;
            UINT32 decoder = 0;
            CHECK(FAILED(IMFTopologyNode_GetUINT32(peer, &MF_TOPONODE_DECODER, &decoder)));
            IMFTopologyNode *next = NULL;
            IMFTopologyNode_GetOutput(peer, 0, &next, &pin);
            IMFTopologyNode_Release(peer);
            peer = next;
        }
        CHECK(peer && type == MF_TOPOLOGY_OUTPUT_NODE && id_of(peer) == id_of(o2));
        SHIM_RELEASE(peer);
        int dec = 0, conv = 0;
        IMFTopologyNode *end = walk(fsrc, &clsid_h264, &dec, &conv);
        CHECK(end == ftee);
        CHECK(dec == 1);
        SHIM_RELEASE(end);
        IMFTopologyNode_Release(ftee);
        IMFTopologyNode_Release(fsrc);
        IMFTopology_Release(full);
    }
    msess_topology_destroy(&mf);
    msess_topology_destroy(&mt);
    IMFTopologyNode *all[] = { src, tee, o1, o2 };
    for (int i = 0; i < 4; i++)
        IMFTopologyNode_Release(all[i]);
    IMFTopology_Release(t);
    IMFActivate_ShutdownObject(a1);
    IMFActivate_ShutdownObject(a2);
    IMFActivate_Release(a1);
    IMFActivate_Release(a2);
}

/* PCM is not compressed to Windows: a WAV stream connects under
 * MF_CONNECT_DIRECT or _ALLOW_CONVERTER, and the full topology shows no
 * decoder (Wine's loader tests: PCM -> PCM sink, DIRECT, two nodes). */
static void test_pcm(void)
{
    media w;
    media_open(&w, "audio-only.wav");
    REQUIRE(w.sd[1]);
    static const UINT32 methods[] = { MF_CONNECT_DIRECT, MF_CONNECT_ALLOW_CONVERTER,
                                      MF_CONNECT_ALLOW_DECODER };
    for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
        IMFActivate *act = grabber(1);
        IMFTopology *t = topology();
        IMFTopologyNode *src = source_node(t, &w, 1), *out = output_node(t, (IUnknown *)act);
        CHECK_HR(IMFTopologyNode_ConnectOutput(src, 0, out, 0), S_OK);
        IMFTopologyNode_SetUINT32(out, &MF_TOPONODE_CONNECT_METHOD, methods[i]);
        msess_topology *mp = NULL, *mf = NULL;
        IMFTopology *full = NULL;
        CHECK_HR(shim_topology_to_msess(t, &mp), S_OK);
        if (mp)
            CHECK_HR(shim_hr(msess_topology_resolve(mp, &mf)), S_OK);
        if (mf) {
            CHECK(msess_topology_node_count(mf) >= 3); /* msess's PCM decoder */
            CHECK_HR(shim_topology_from_msess(mf, t, &full), S_OK);
        }
        if (full) {
            WORD count = 0;
            IMFTopology_GetNodeCount(full, &count);
            CHECK(count == msess_topology_node_count(mf) - 1);
            IMFTopologyNode *fsrc = NULL, *fout = NULL;
            IMFTopology_GetNodeByID(full, id_of(src), &fsrc);
            IMFTopology_GetNodeByID(full, id_of(out), &fout);
            REQUIRE(fsrc && fout);
            int dec = 0, conv = 0;
            IMFTopologyNode *end = walk(fsrc, &GUID_NULL, &dec, &conv);
            CHECK(end == fout);
            CHECK(dec == 0);
            CHECK((unsigned)count == 2u + (unsigned)conv);
            SHIM_RELEASE(end);
            IMFTopologyNode_Release(fsrc);
            IMFTopologyNode_Release(fout);
            /* It converts again, and resolves again. */
            msess_topology *again = NULL, *again_full = NULL;
            CHECK_HR(shim_topology_to_msess(full, &again), S_OK);
            if (again)
                CHECK_HR(shim_hr(msess_topology_resolve(again, &again_full)), S_OK);
            msess_topology_destroy(&again_full);
            msess_topology_destroy(&again);
            IMFTopology_Release(full);
        }
        msess_topology_destroy(&mf);
        msess_topology_destroy(&mp);
        IMFTopologyNode_Release(src);
        IMFTopologyNode_Release(out);
        IMFTopology_Release(t);
        IMFActivate_ShutdownObject(act);
        IMFActivate_Release(act);
    }
    media_close(&w);
}

int main(void)
{
    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL), S_OK);
    LONG live = msess_mf_live_objects();
    media m, other;
    media_open(&m, "av.mp4");
    media_open(&other, "av.mp4");
    test_checks(&m, &other);
    test_convert_and_wrap(&m);
    test_connect_method(&m);
    test_selection(&m);
    test_tee(&m);
    test_pcm();
    media_close(&other);
    media_close(&m);
    LONG now = msess_mf_live_objects();
    if (now != live) {
        fprintf(stderr, "live objects: %ld at start, %ld at end\n", (long)live, (long)now);
        failures++;
    }
    MFShutdown();
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}

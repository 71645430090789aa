/* Conformance: SetTopology (reference section 3, sequence 1), its
 * capabilities, its synchronous validation, GetFullTopology without a
 * topology, and the topology loader (decoders, default stream ids and
 * media starts, connect methods, tee nodes). */
#include "mfconf.h"

/* Sequence 1 on a clip: TopologySet with the resolved topology,
 * NotifyPresentationTime with its three times, CapabilitiesChanged with the
 * caps of a local seekable file, TopologyStatus READY; then nothing. */
static void set_topology_on(const char *clip, bool video, bool audio, bool coded)
{
    conf_play p;
    if (!conf_play_open(&p, clip, video, audio, FALSE, NULL, __LINE__))
        goto out;
    WORD partial_nodes = 0;
    IMFTopology_GetNodeCount(p.topology, &partial_nodes);

    HRESULT hr = IMFMediaSession_SetTopology(p.session, 0, p.topology);
    CHECK_HR(hr, S_OK, "SetTopology");
    conf_events got = { 0 };
    EXPECT_SEQ(p.session, &got, "SetTopology events", EV(MESessionTopologySet, S_OK),
               EV(MESessionNotifyPresentationTime, S_OK),
               EV(MESessionCapabilitiesChanged, S_OK), EVT(MF_TOPOSTATUS_READY));

    IMFMediaEvent *set = conf_event_of(&got, MESessionTopologySet, 0);
    IMFTopology *full = conf_event_topology(set);
    CHECK(full != NULL, "%s: MESessionTopologySet's value is not a VT_UNKNOWN IMFTopology", clip);
    WORD full_nodes = 0;
    if (full)
        IMFTopology_GetNodeCount(full, &full_nodes);
    /* Coded streams get a decoder; PCM that the grabber takes as it is
     * connects directly, as on Windows (loader_pcm_without_decoder). */
    if (coded)
        CHECK(full_nodes > partial_nodes, "%s: resolved topology has %u nodes, the partial %u: "
              "no decoder or converter inserted", clip, full_nodes, partial_nodes);
    else
        CHECK(full_nodes == partial_nodes, "%s: resolved topology has %u nodes, the partial %u: "
              "PCM should connect directly", clip, full_nodes, partial_nodes);
    if (full)
        IMFTopology_Release(full);

    IMFMediaEvent *npt = conf_event_of(&got, MESessionNotifyPresentationTime, 0);
    CHECK(conf_has_attr(npt, &MF_EVENT_START_PRESENTATION_TIME, MF_ATTRIBUTE_UINT64),
          "NotifyPresentationTime lacks MF_EVENT_START_PRESENTATION_TIME (UINT64)");
    CHECK(conf_has_attr(npt, &MF_EVENT_PRESENTATION_TIME_OFFSET, MF_ATTRIBUTE_UINT64),
          "NotifyPresentationTime lacks MF_EVENT_PRESENTATION_TIME_OFFSET (UINT64)");
    CHECK(conf_has_attr(npt, &MF_EVENT_START_PRESENTATION_TIME_AT_OUTPUT, MF_ATTRIBUTE_UINT64),
          "NotifyPresentationTime lacks MF_EVENT_START_PRESENTATION_TIME_AT_OUTPUT (UINT64)");

    DWORD caps = conf_ready_caps(p.session);
    CHECK_CAPS_EVENT(&got, caps, caps);
    CHECK_SESSION_CAPS(p.session, caps);
    conf_events_clear(&got);
    EXPECT_QUIET(p.session, 300, "after READY");

    /* The outputs were activated and, their topology current, were given
     * the session's clock. */
    if (p.video)
        CHECK(GRABBED(p.video, set_clock) == 1, "video grabber: OnSetPresentationClock %ld times",
              (long)GRABBED(p.video, set_clock));
    if (p.audio)
        CHECK(GRABBED(p.audio, set_clock) == 1, "audio grabber: OnSetPresentationClock %ld times",
              (long)GRABBED(p.audio, set_clock));
out:
    conf_play_close(&p);
}

static void set_topology_av(void)
{
    set_topology_on("av.mp4", true, true, true);
}

static void set_topology_video_only(void)
{
    set_topology_on("video-only.mkv", true, false, true);
}

static void set_topology_audio_only(void)
{
    set_topology_on("audio-only.wav", false, true, false);
}

/* A topology of the first stream of av.mp4 to a grabber, its source node
 * left without some attributes. */
static HRESULT broken_topology(IMFMediaSource *src, IMFPresentationDescriptor *pd,
                               conf_grabber *g, unsigned omit, IMFTopology **out)
{
    IMFStreamDescriptor *sd = NULL;
    IMFActivate *act = NULL;
    IMFTopologyNode *in = NULL, *outn = NULL;
    BOOL selected;
    HRESULT hr = MFCreateTopology(out);
    if (SUCCEEDED(hr))
        hr = IMFPresentationDescriptor_GetStreamDescriptorByIndex(pd, 0, &selected, &sd);
    if (SUCCEEDED(hr))
        hr = conf_grabber_activate(g, TRUE, &act);
    if (SUCCEEDED(hr))
        hr = conf_add_source_node(*out, src, pd, sd, omit, &in);
    if (SUCCEEDED(hr))
        hr = conf_add_output_node(*out, (IUnknown *)act, true, &outn);
    if (SUCCEEDED(hr))
        hr = IMFTopologyNode_ConnectOutput(in, 0, outn, 0);
    if (sd)
        IMFStreamDescriptor_Release(sd);
    if (act)
        IMFActivate_Release(act);
    if (in)
        IMFTopologyNode_Release(in);
    if (outn)
        IMFTopologyNode_Release(outn);
    return hr;
}

/* SetTopology validates at once; nothing is queued for a refused one. */
static void set_topology_validation(void)
{
    static const struct {
        unsigned omit;
        HRESULT want;
        const char *what;
    } cases[] = {
        { CONF_NO_SOURCE, MF_E_TOPO_MISSING_SOURCE, "source node without MF_TOPONODE_SOURCE" },
        { CONF_NO_PD, MF_E_TOPO_MISSING_PRESENTATION_DESCRIPTOR,
          "source node without MF_TOPONODE_PRESENTATION_DESCRIPTOR" },
        { CONF_NO_SD, MF_E_TOPO_MISSING_STREAM_DESCRIPTOR,
          "source node without MF_TOPONODE_STREAM_DESCRIPTOR" },
    };
    IMFMediaSource *src = NULL;
    IMFPresentationDescriptor *pd = NULL;
    IMFMediaSession *s = NULL;
    conf_grabber *g = conf_grabber_new(&MFMediaType_Video);
    if (!CHECK_HR(conf_open("video-only.mkv", &src, &pd), S_OK, "open video-only.mkv") ||
        !CHECK_HR(MFCreateMediaSession(NULL, &s), S_OK, "MFCreateMediaSession"))
        goto out;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        IMFTopology *t = NULL;
        HRESULT hr = broken_topology(src, pd, g, cases[i].omit, &t);
        CHECK_HR(hr, S_OK, "build the topology");
        hr = IMFMediaSession_SetTopology(s, 0, t);
        CHECK_HR(hr, cases[i].want, cases[i].what);
        if (t)
            IMFTopology_Release(t);
    }

    /* The stream of the source node deselected in the presentation descriptor. */
    IMFTopology *t = NULL;
    HRESULT hr = broken_topology(src, pd, g, 0, &t);
    CHECK_HR(hr, S_OK, "build the topology");
    CHECK_HR(IMFPresentationDescriptor_DeselectStream(pd, 0), S_OK, "DeselectStream");
    hr = IMFMediaSession_SetTopology(s, 0, t);
    CHECK_HR(hr, MF_E_TOPO_STREAM_DESCRIPTOR_NOT_SELECTED, "source node of a deselected stream");
    EXPECT_QUIET(s, 300, "after refused SetTopology calls");

    /* The session is none the worse: the same topology, stream selected. */
    CHECK_HR(IMFPresentationDescriptor_SelectStream(pd, 0), S_OK, "SelectStream");
    hr = IMFMediaSession_SetTopology(s, 0, t);
    CHECK_HR(hr, S_OK, "SetTopology after the refused ones");
    conf_events got = { 0 };
    EXPECT_SEQ(s, &got, "SetTopology events after refused ones", EV(MESessionTopologySet, S_OK),
               EV(MESessionNotifyPresentationTime, S_OK), EV(MESessionCapabilitiesChanged, S_OK),
               EVT(MF_TOPOSTATUS_READY));
    conf_events_clear(&got);
    if (t)
        IMFTopology_Release(t);
    IMFMediaSession_Close(s);
    EXPECT_SEQ(s, &got, "Close", EV(MESessionCapabilitiesChanged, S_OK), EV(MESessionClosed, S_OK));
    conf_events_clear(&got);
out:
    if (s) {
        IMFMediaSession_Shutdown(s);
        IMFMediaSession_Release(s);
    }
    if (src) {
        IMFMediaSource_Shutdown(src);
        IMFMediaSource_Release(src);
    }
    if (pd)
        IMFPresentationDescriptor_Release(pd);
    conf_grabber_release(&g);
}

static void full_topology_none(void)
{
    IMFMediaSession *s = NULL;
    if (!CHECK_HR(MFCreateMediaSession(NULL, &s), S_OK, "MFCreateMediaSession"))
        return;
    IMFTopology *t = (IMFTopology *)(void *)0x1;
    HRESULT hr = IMFMediaSession_GetFullTopology(s, MFSESSION_GETFULLTOPOLOGY_CURRENT, 0, &t);
    CHECK_HR(hr, MF_E_INVALIDREQUEST, "GetFullTopology(CURRENT) without a topology");
    if (SUCCEEDED(hr) && t)
        IMFTopology_Release(t);
    IMFMediaSession_Shutdown(s);
    IMFMediaSession_Release(s);
}

/* ------------------------------------------------------------ the loader */

typedef struct node_census {
    int sources, outputs, transforms, tees, decoders;
    int outputs_stream_id_0, sources_mediastart_0;
} node_census;

static node_census census(IMFTopology *t)
{
    node_census c = { 0 };
    WORD n = 0;
    if (!t || FAILED(IMFTopology_GetNodeCount(t, &n)))
        return c;
    for (WORD i = 0; i < n; i++) {
        IMFTopologyNode *node = NULL;
        MF_TOPOLOGY_TYPE type;
        if (FAILED(IMFTopology_GetNode(t, i, &node)))
            continue;
        if (SUCCEEDED(IMFTopologyNode_GetNodeType(node, &type))) {
            UINT32 v32 = 0xffffffff;
            UINT64 v64 = 0xffffffff;
            switch (type) {
            case MF_TOPOLOGY_SOURCESTREAM_NODE:
                c.sources++;
                if (SUCCEEDED(IMFTopologyNode_GetUINT64(node, &MF_TOPONODE_MEDIASTART, &v64)) &&
                    v64 == 0)
                    c.sources_mediastart_0++;
                break;
            case MF_TOPOLOGY_OUTPUT_NODE:
                c.outputs++;
                if (SUCCEEDED(IMFTopologyNode_GetUINT32(node, &MF_TOPONODE_STREAMID, &v32)) &&
                    v32 == 0)
                    c.outputs_stream_id_0++;
                break;
            case MF_TOPOLOGY_TRANSFORM_NODE:
                c.transforms++;
                if (SUCCEEDED(IMFTopologyNode_GetUINT32(node, &MF_TOPONODE_DECODER, &v32)) &&
                    v32 == 1)
                    c.decoders++;
                break;
            case MF_TOPOLOGY_TEE_NODE:
                c.tees++;
                break;
            default:
                break;
            }
        }
        IMFTopologyNode_Release(node);
    }
    return c;
}

/* SetTopology and the first event: the resolved topology (new reference)
 * or NULL, with the event's status. */
static IMFTopology *resolve(IMFMediaSession *s, IMFTopology *partial, HRESULT *status)
{
    *status = E_UNEXPECTED;
    HRESULT hr = IMFMediaSession_SetTopology(s, 0, partial);
    if (!CHECK_HR(hr, S_OK, "SetTopology"))
        return NULL;
    IMFMediaEvent *ev = conf_next_event(s, CONF_TIMEOUT_MS);
    if (!CHECK(ev != NULL, "no event after SetTopology"))
        return NULL;
    conf_events got = { 0 };
    conf_events_add(&got, ev);
    CHECK(got.type[0] == MESessionTopologySet, "first event after SetTopology: %s",
          conf_event_name(got.type[0]));
    *status = got.status[0];
    IMFTopology *full = SUCCEEDED(*status) ? conf_event_topology(ev) : NULL;
    conf_events_clear(&got);
    return full;
}

/* av.mp4: H.264 and AAC need a decoder each (MF_TOPONODE_DECODER = 1);
 * output nodes without MF_TOPONODE_STREAMID get 0, source nodes without
 * MF_TOPONODE_MEDIASTART get 0. */
static void loader_decoders_and_defaults(void)
{
    conf_play p;
    if (!conf_play_open(&p, "av.mp4", true, true, FALSE, NULL, __LINE__))
        goto out;
    /* Take the stream ids off the output nodes the builder made. */
    WORD n = 0;
    IMFTopology_GetNodeCount(p.topology, &n);
    for (WORD i = 0; i < n; i++) {
        IMFTopologyNode *node = NULL;
        MF_TOPOLOGY_TYPE type;
        if (SUCCEEDED(IMFTopology_GetNode(p.topology, i, &node)) &&
            SUCCEEDED(IMFTopologyNode_GetNodeType(node, &type)) && type == MF_TOPOLOGY_OUTPUT_NODE)
            IMFTopologyNode_DeleteItem(node, &MF_TOPONODE_STREAMID);
        if (node)
            IMFTopologyNode_Release(node);
    }
    HRESULT status;
    IMFTopology *full = resolve(p.session, p.topology, &status);
    CHECK_HR(status, S_OK, "MESessionTopologySet status");
    node_census c = census(full);
    CHECK(c.sources == 2 && c.outputs == 2, "resolved: %d source, %d output nodes, expected 2 and 2",
          c.sources, c.outputs);
    CHECK(c.decoders == 2, "resolved: %d nodes with MF_TOPONODE_DECODER = 1, expected 2 "
          "(H.264, AAC)", c.decoders);
    CHECK(c.outputs_stream_id_0 == 2, "resolved: %d of 2 output nodes with MF_TOPONODE_STREAMID 0",
          c.outputs_stream_id_0);
    CHECK(c.sources_mediastart_0 == 2,
          "resolved: %d of 2 source nodes with MF_TOPONODE_MEDIASTART 0", c.sources_mediastart_0);
    if (full)
        IMFTopology_Release(full);
out:
    conf_play_close(&p);
}

/* PCM to a PCM sink: connected directly or through a converter, never a
 * decoder. */
static void loader_pcm_without_decoder(void)
{
    conf_play p;
    if (!conf_play_open(&p, "audio-only.wav", false, true, FALSE, NULL, __LINE__))
        goto out;
    HRESULT status;
    IMFTopology *full = resolve(p.session, p.topology, &status);
    CHECK_HR(status, S_OK, "MESessionTopologySet status");
    node_census c = census(full);
    CHECK(c.decoders == 0, "PCM: %d decoder nodes", c.decoders);
    CHECK(c.sources == 1 && c.outputs == 1, "PCM: %d source, %d output nodes", c.sources, c.outputs);
    if (full)
        IMFTopology_Release(full);
out:
    conf_play_close(&p);
}

static void set_connect_method(IMFTopology *t, UINT32 method)
{
    WORD n = 0;
    IMFTopology_GetNodeCount(t, &n);
    for (WORD i = 0; i < n; i++) {
        IMFTopologyNode *node = NULL;
        MF_TOPOLOGY_TYPE type;
        if (SUCCEEDED(IMFTopology_GetNode(t, i, &node)) &&
            SUCCEEDED(IMFTopologyNode_GetNodeType(node, &type)) && type == MF_TOPOLOGY_OUTPUT_NODE)
            IMFTopologyNode_SetUINT32(node, &MF_TOPONODE_CONNECT_METHOD, method);
        if (node)
            IMFTopologyNode_Release(node);
    }
}

/* H.264 to an RGB32 sink may not be connected without a decoder: resolution
 * fails (the reference names no HRESULT for it: any failure). With
 * ALLOW_CONVERTER, PCM still connects. */
static void loader_connect_methods(void)
{
    static const UINT32 methods[] = { MF_CONNECT_DIRECT, MF_CONNECT_ALLOW_CONVERTER };
    for (size_t i = 0; i < 2; i++) {
        conf_play p;
        if (conf_play_open(&p, "av.mp4", true, false, FALSE, NULL, __LINE__)) {
            set_connect_method(p.topology, methods[i]);
            HRESULT status;
            IMFTopology *full = resolve(p.session, p.topology, &status);
            CHECK(FAILED(status), "H.264 to RGB32 with connect method %u: TopologySet %s, "
                  "expected a failure", (unsigned)methods[i], conf_hr_name(status));
            if (full)
                IMFTopology_Release(full);
        }
        conf_play_close(&p);
    }
    conf_play p;
    if (conf_play_open(&p, "audio-only.wav", false, true, FALSE, NULL, __LINE__)) {
        set_connect_method(p.topology, MF_CONNECT_ALLOW_CONVERTER);
        HRESULT status;
        IMFTopology *full = resolve(p.session, p.topology, &status);
        CHECK_HR(status, S_OK, "PCM with MF_CONNECT_ALLOW_CONVERTER");
        node_census c = census(full);
        CHECK(c.decoders == 0, "PCM with ALLOW_CONVERTER: %d decoders", c.decoders);
        if (full)
            IMFTopology_Release(full);
    }
    conf_play_close(&p);
}

/* One video stream through a tee node to two grabbers: both get every
 * frame (video-only.mkv: 2 s at 30 fps). */
static void loader_tee(void)
{
    IMFMediaSource *src = NULL;
    IMFPresentationDescriptor *pd = NULL;
    IMFMediaSession *s = NULL;
    IMFTopology *t = NULL;
    IMFStreamDescriptor *sd = NULL;
    IMFTopologyNode *in = NULL, *tee = NULL, *o1 = NULL, *o2 = NULL;
    IMFActivate *a1 = NULL, *a2 = NULL;
    conf_grabber *g1 = conf_grabber_new(&MFMediaType_Video);
    conf_grabber *g2 = conf_grabber_new(&MFMediaType_Video);
    BOOL selected;
    HRESULT hr = conf_open("video-only.mkv", &src, &pd);
    if (SUCCEEDED(hr))
        hr = MFCreateTopology(&t);
    if (SUCCEEDED(hr))
        hr = IMFPresentationDescriptor_GetStreamDescriptorByIndex(pd, 0, &selected, &sd);
    if (SUCCEEDED(hr))
        hr = conf_add_source_node(t, src, pd, sd, 0, &in);
    if (SUCCEEDED(hr))
        hr = MFCreateTopologyNode(MF_TOPOLOGY_TEE_NODE, &tee);
    if (SUCCEEDED(hr))
        hr = IMFTopology_AddNode(t, tee);
    if (SUCCEEDED(hr))
        hr = conf_grabber_activate(g1, TRUE, &a1);
    if (SUCCEEDED(hr))
        hr = conf_grabber_activate(g2, TRUE, &a2);
    if (SUCCEEDED(hr))
        hr = conf_add_output_node(t, (IUnknown *)a1, true, &o1);
    if (SUCCEEDED(hr))
        hr = conf_add_output_node(t, (IUnknown *)a2, true, &o2);
    if (SUCCEEDED(hr))
        hr = IMFTopologyNode_ConnectOutput(in, 0, tee, 0);
    if (SUCCEEDED(hr))
        hr = IMFTopologyNode_ConnectOutput(tee, 0, o1, 0);
    if (SUCCEEDED(hr))
        hr = IMFTopologyNode_ConnectOutput(tee, 1, o2, 0);
    if (SUCCEEDED(hr))
        hr = MFCreateMediaSession(NULL, &s);
    if (!CHECK_HR(hr, S_OK, "build the tee topology"))
        goto out;
    hr = IMFMediaSession_SetTopology(s, 0, t);
    CHECK_HR(hr, S_OK, "SetTopology");
    hr = conf_start(s, -1);
    CHECK_HR(hr, S_OK, "Start");
    /* Up to the end, whatever comes between: counted below. */
    bool ended = false;
    for (int i = 0; i < 40 && !ended; i++) {
        IMFMediaEvent *ev = conf_next_event(s, CONF_TIMEOUT_MS);
        if (!ev)
            break;
        conf_events got = { 0 };
        conf_events_add(&got, ev);
        CHECK(SUCCEEDED(got.status[0]), "tee: %s with %s", conf_event_name(got.type[0]),
              conf_hr_name(got.status[0]));
        ended = got.type[0] == MESessionEnded;
        conf_events_clear(&got);
    }
    CHECK(ended, "tee: no MESessionEnded");
    LONG n1 = GRABBED(g1, samples), n2 = GRABBED(g2, samples);
    CHECK(n1 == 60 && n2 == 60, "tee: the grabbers got %ld and %ld frames, expected 60 each",
          (long)n1, (long)n2);
    IMFMediaSession_Close(s);
    conf_events got = { 0 };
    EXPECT_SEQ(s, &got, "Close after the end", EV(MESessionCapabilitiesChanged, S_OK),
               EV(MESessionClosed, S_OK));
    conf_events_clear(&got);
out:
    if (s) {
        IMFMediaSession_Shutdown(s);
        IMFMediaSession_Release(s);
    }
    if (src) {
        IMFMediaSource_Shutdown(src);
        IMFMediaSource_Release(src);
    }
#define REL(x, f) if (x) f(x)
    REL(pd, IMFPresentationDescriptor_Release);
    REL(sd, IMFStreamDescriptor_Release);
    REL(t, IMFTopology_Release);
    REL(in, IMFTopologyNode_Release);
    REL(tee, IMFTopologyNode_Release);
    REL(o1, IMFTopologyNode_Release);
    REL(o2, IMFTopologyNode_Release);
    REL(a1, IMFActivate_Release);
    REL(a2, IMFActivate_Release);
#undef REL
    conf_grabber_release(&g1);
    conf_grabber_release(&g2);
}

int main(void)
{
    conf_init();
    CONF_CASE(set_topology_av);
    CONF_CASE(set_topology_video_only);
    CONF_CASE(set_topology_audio_only);
    CONF_CASE(set_topology_validation);
    CONF_CASE(full_topology_none);
    CONF_CASE(loader_decoders_and_defaults);
    CONF_CASE(loader_pcm_without_decoder);
    CONF_CASE(loader_connect_methods);
    CONF_CASE(loader_tee);
    return conf_done();
}

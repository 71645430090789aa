/* The media session at the end of media and with queued topologies (two
 * sources of av2.mkv, 2 s, into the same sample grabbers): a topology set
 * while one plays is announced by MESessionTopologySet and takes over
 * without a gap (TopologyStatus ENDED, READY, STARTED_SOURCE,
 * SINK_SWITCHED); the last one ends with MEEndOfPresentation,
 * TopologyStatus ENDED, capabilities, MESessionEnded; ClearTopologies drops
 * a queued one. Run without and with MF_SESSION_GLOBAL_TIME, which shows in
 * MESessionStarted's MF_EVENT_PRESENTATION_TIME_OFFSET. */
#include "sess-util.h"

static IUnknown *status_topology(IMFMediaSession *s, UINT32 status, int line)
{
    IMFMediaEvent *ev = sess_expect(s, MESessionTopologyStatus, S_OK, status, line);
    IUnknown *unk = sess_event_unknown(ev);
    if (ev)
        IMFMediaEvent_Release(ev);
    if (unk)
        IUnknown_Release(unk); /* only compared */
    return unk;
}

static void expect_end(IMFMediaSession *s, IMFTopology *full)
{
    EXPECT_DROP(s, MEEndOfPresentation, S_OK);
    CHECK(status_topology(s, MF_TOPOSTATUS_ENDED, __LINE__) == (IUnknown *)full);
    IMFMediaEvent *ev = EXPECT(s, MESessionCapabilitiesChanged, S_OK);
    UINT32 delta = 0;
    CHECK(sess_caps_of(ev, &delta) == SESS_FILE_CAPS);
    CHECK(delta == MFSESSIONCAP_PAUSE);
    if (ev)
        IMFMediaEvent_Release(ev);
    EXPECT_DROP(s, MESessionEnded, S_OK);
}

static UINT64 started_offset(IMFMediaSession *s, int line)
{
    IMFMediaEvent *ev = sess_expect(s, MESessionStarted, S_OK, 0, line);
    UINT64 offset = 12345;
    CHECK(ev && SUCCEEDED(IMFMediaEvent_GetUINT64(ev, &MF_EVENT_PRESENTATION_TIME_OFFSET, &offset)));
    if (ev)
        IMFMediaEvent_Release(ev);
    return offset;
}

static void run(bool global_time)
{
    IMFAttributes *config = NULL;
    REQUIRE(SUCCEEDED(MFCreateAttributes(&config, 1)));
    IMFAttributes_SetUINT32(config, &MF_SESSION_GLOBAL_TIME, global_time);
    IMFMediaSession *s = NULL;
    REQUIRE(SUCCEEDED(MFCreateMediaSession(config, &s)));
    IMFAttributes_Release(config);

    IMFMediaSource *src_a = sess_open("av2.mkv"), *src_b = sess_open("av2.mkv");
    IMFMediaSource *src_c = sess_open("av2.mkv");
    sess_outputs out;
    sess_outputs_init(&out);
    IMFTopology *a = sess_topology(src_a, &out), *b = sess_topology(src_b, &out);
    IMFTopology *c = sess_topology(src_c, &out);

    IMFTopology *full_a = sess_set_ready(s, a, SESS_FILE_CAPS);
    PROPVARIANT pos;
    PropVariantInit(&pos);
    CHECK_HR(IMFMediaSession_Start(s, &GUID_NULL, &pos), S_OK);
    CHECK(status_topology(s, MF_TOPOSTATUS_STARTED_SOURCE, __LINE__) == (IUnknown *)full_a);
    EXPECT_DROP(s, MESessionCapabilitiesChanged, S_OK);
    CHECK(started_offset(s, __LINE__) == 0);

    /* B is queued: MESessionTopologySet with its full topology now. */
    CHECK_HR(IMFMediaSession_SetTopology(s, 0, b), S_OK);
    IMFMediaEvent *ev = EXPECT(s, MESessionTopologySet, S_OK);
    IUnknown *unk = sess_event_unknown(ev);
    IMFTopology *full_b = NULL;
    CHECK(unk && SUCCEEDED(IUnknown_QueryInterface(unk, &IID_IMFTopology, (void **)&full_b)));
    CHECK(full_b && full_b != b && full_b != full_a);
    if (unk)
        IUnknown_Release(unk);
    if (ev)
        IMFMediaEvent_Release(ev);
    TOPOID id_b = 0;
    if (full_b)
        IMFTopology_GetTopologyID(full_b, &id_b);
    IMFTopology *got = NULL;
    CHECK_HR(IMFMediaSession_GetFullTopology(s, 0, id_b, &got), S_OK);
    CHECK(got == full_b);
    if (got)
        IMFTopology_Release(got);
    got = NULL;
    CHECK_HR(IMFMediaSession_GetFullTopology(s, MFSESSION_GETFULLTOPOLOGY_CURRENT, 0, &got), S_OK);
    CHECK(got == full_a);
    if (got)
        IMFTopology_Release(got);

    /* A ends, B takes over. */
    CHECK(status_topology(s, MF_TOPOSTATUS_ENDED, __LINE__) == (IUnknown *)full_a);
    CHECK(status_topology(s, MF_TOPOSTATUS_READY, __LINE__) == (IUnknown *)full_b);
    CHECK(status_topology(s, MF_TOPOSTATUS_STARTED_SOURCE, __LINE__) == (IUnknown *)full_b);
    CHECK(status_topology(s, MF_TOPOSTATUS_SINK_SWITCHED, __LINE__) == (IUnknown *)full_b);
    got = NULL;
    CHECK_HR(IMFMediaSession_GetFullTopology(s, MFSESSION_GETFULLTOPOLOGY_CURRENT, 0, &got), S_OK);
    CHECK(got == full_b);
    if (got)
        IMFTopology_Release(got);

    /* Pause and resume within B: with global time, B's presentation time
     * runs on from A's end (2 s). */
    CHECK_HR(IMFMediaSession_Pause(s), S_OK);
    EXPECT_DROP(s, MESessionCapabilitiesChanged, S_OK);
    EXPECT_DROP(s, MESessionPaused, S_OK);
    CHECK_HR(IMFMediaSession_Start(s, &GUID_NULL, &pos), S_OK);
    EXPECT_DROP(s, MESessionCapabilitiesChanged, S_OK);
    UINT64 offset = started_offset(s, __LINE__);
    if (global_time)
        CHECK(offset > 15000000 && offset < 25000000);
    else
        CHECK(offset == 0);

    expect_end(s, full_b);

    /* Again from B's start, with C queued then cleared: B ends alone. */
    CHECK_HR(IMFMediaSession_Start(s, &GUID_NULL, &pos), S_OK);
    EXPECT_DROP(s, MESessionCapabilitiesChanged, S_OK);
    EXPECT_DROP(s, MESessionStarted, S_OK);
    CHECK_HR(IMFMediaSession_SetTopology(s, 0, c), S_OK);
    CHECK_HR(IMFMediaSession_ClearTopologies(s), S_OK);
    EXPECT_DROP(s, MESessionTopologySet, S_OK);
    EXPECT_DROP(s, MESessionTopologiesCleared, S_OK);
    expect_end(s, full_b);
    CHECK(sess_quiet(s, 200));

    CHECK_HR(IMFMediaSession_Close(s), S_OK);
    EXPECT_DROP(s, MESessionCapabilitiesChanged, S_OK);
    EXPECT_DROP(s, MESessionClosed, S_OK);
    CHECK_HR(IMFMediaSession_Shutdown(s), S_OK);
    CHECK(IMFMediaSession_Release(s) == 0);
    if (full_a)
        IMFTopology_Release(full_a);
    if (full_b)
        IMFTopology_Release(full_b);
    IMFTopology_Release(a);
    IMFTopology_Release(b);
    IMFTopology_Release(c);
    sess_outputs_free(&out);
    IMFMediaSource *srcs[] = { src_a, src_b, src_c };
    for (int i = 0; i < 3; i++) {
        IMFMediaSource_Shutdown(srcs[i]);
        IMFMediaSource_Release(srcs[i]);
    }
}

int main(void)
{
    REQUIRE(SUCCEEDED(MFStartup(MF_VERSION, MFSTARTUP_FULL)));
    LONG live = msess_mf_live_objects();
    run(false);
    run(true);
    CHECK(msess_mf_live_objects() == live);
    MFShutdown();
    if (failures)
        fprintf(stderr, "%d failure(s)\n", failures);
    return failures ? 1 : 0;
}

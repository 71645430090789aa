/* Conformance: queued topologies (reference section 3, sequences 1 and 6):
 * a topology set while another plays follows it without a gap
 * (TopologyStatus SINK_SWITCHED for the new one, one MESessionEnded at the
 * very end). The times follow Microsoft's "Sequence Presentation Times":
 * without MF_SESSION_GLOBAL_TIME (a playlist) the presentation clock starts
 * at 0 and runs on across the boundary, a sample's time being its media
 * time plus the time at which the previous topology ended; with it (an
 * editing sequence) every topology carries MF_TOPOLOGY_PROJECTSTART and
 * PROJECTSTOP, and its samples are placed from PROJECTSTART. */
#include "mfconf.h"

/* Not in mingw-w64's headers nor (yet) in msess-mf's: the SDK's values. */
static const GUID conf_MF_TOPOLOGY_PROJECTSTART = {
    0x7ed3f802, 0x86bb, 0x4b3f, { 0xb7, 0xe4, 0x7c, 0xb4, 0x3a, 0xfd, 0x4b, 0x80 }
};
static const GUID conf_MF_TOPOLOGY_PROJECTSTOP = {
    0x7ed3f803, 0x86bb, 0x4b3f, { 0xb7, 0xe4, 0x7c, 0xb4, 0x3a, 0xfd, 0x4b, 0x80 }
};

static int cmp_time(const void *a, const void *b)
{
    LONGLONG x = *(const LONGLONG *)a, y = *(const LONGLONG *)b;
    return (x > y) - (x < y);
}

/* Play av2.mkv (2 s, 50 frames) twice, the second queued while the first
 * plays. Both topologies send their samples to the same grabbers. */
static void queued(bool global_time)
{
    IMFAttributes *config = NULL;
    conf_play a, b;
    memset(&b, 0, sizeof(b));
    CHECK_HR(MFCreateAttributes(&config, 1), S_OK, "MFCreateAttributes");
    if (global_time && config)
        CHECK_HR(IMFAttributes_SetUINT32(config, &MF_SESSION_GLOBAL_TIME, TRUE), S_OK,
                 "MF_SESSION_GLOBAL_TIME");
    if (!conf_play_open(&a, "av2.mkv", true, true, FALSE, config, __LINE__))
        goto out;
    b.video = a.video;
    b.audio = a.audio;
    IMFSampleGrabberSinkCallback_AddRef(&b.video->iface);
    IMFSampleGrabberSinkCallback_AddRef(&b.audio->iface);
    if (!CHECK_HR(conf_open("av2.mkv", &b.source, &b.pd), S_OK, "open av2.mkv again") ||
        !CHECK_HR(conf_build_topology(b.source, b.pd, b.video, b.audio, FALSE, &b.topology), S_OK,
                  "second topology"))
        goto out;
    TOPOID id_a = conf_topology_id(a.topology), id_b = conf_topology_id(b.topology);
    UINT64 dur_a = 0, dur_b = 0;
    CHECK_HR(IMFPresentationDescriptor_GetUINT64(a.pd, &MF_PD_DURATION, &dur_a), S_OK,
             "MF_PD_DURATION");
    CHECK_HR(IMFPresentationDescriptor_GetUINT64(b.pd, &MF_PD_DURATION, &dur_b), S_OK,
             "MF_PD_DURATION");
    if (global_time) {
        IMFTopology_SetUINT64(a.topology, &conf_MF_TOPOLOGY_PROJECTSTART, 0);
        IMFTopology_SetUINT64(a.topology, &conf_MF_TOPOLOGY_PROJECTSTOP, dur_a);
        IMFTopology_SetUINT64(b.topology, &conf_MF_TOPOLOGY_PROJECTSTART, dur_a);
        IMFTopology_SetUINT64(b.topology, &conf_MF_TOPOLOGY_PROJECTSTOP, dur_a + dur_b);
    }
    if (!conf_play_ready(&a, __LINE__))
        goto out;
    long long started = conf_now_ms();
    if (!conf_play_start(&a, __LINE__))
        goto out;
    conf_sleep_ms(500);
    CHECK_HR(IMFMediaSession_SetTopology(a.session, 0, b.topology), S_OK,
             "SetTopology while the first plays");

    /* Everything up to MESessionEnded. */
    conf_events got = { 0 };
    MFTIME clock_at_switch = -1;
    long long switched_after = -1;
    bool ended = false;
    while (!ended && got.n < CONF_MAX_EVENTS) {
        IMFMediaEvent *ev = conf_next_event(a.session, CONF_TIMEOUT_MS);
        if (!ev)
            break;
        conf_events_add(&got, ev);
        int i = got.n - 1;
        if (got.type[i] == MESessionTopologyStatus && got.topo[i] == MF_TOPOSTATUS_SINK_SWITCHED &&
            clock_at_switch < 0) {
            clock_at_switch = conf_clock_time(a.session);
            switched_after = conf_now_ms() - started;
        }
        ended = got.type[i] == MESessionEnded;
    }
    long long took = conf_now_ms() - started;
    printf("  events after the second SetTopology:");
    for (int i = 0; i < got.n; i++) {
        printf(i ? ", " : " ");
        conf_print_event(&got, i);
    }
    printf("\n");

    CHECK(ended, "no MESessionEnded");
    int set_b = -1, ready_b = -1, switched = -1, switches = 0;
    for (int i = 0; i < got.n; i++) {
        CHECK(SUCCEEDED(got.status[i]), "%s with %s", conf_event_name(got.type[i]),
              conf_hr_name(got.status[i]));
        CHECK(got.type[i] != MESessionStopped, "MESessionStopped between the topologies");
        CHECK(got.type[i] != MESessionEnded || i == got.n - 1, "MESessionEnded before the last");
        IMFTopology *t = conf_event_topology(got.ev[i]);
        TOPOID id = conf_topology_id(t);
        if (t)
            IMFTopology_Release(t);
        if (got.type[i] == MESessionTopologySet && id == id_b && set_b < 0)
            set_b = i;
        if (got.type[i] == MESessionTopologyStatus && got.topo[i] == MF_TOPOSTATUS_READY &&
            id == id_b && ready_b < 0)
            ready_b = i;
        if (got.type[i] == MESessionTopologyStatus && got.topo[i] == MF_TOPOSTATUS_SINK_SWITCHED) {
            switches++;
            CHECK(id == id_b, "SINK_SWITCHED for topology %llu, expected the second (%llu; "
                  "the first is %llu)", (unsigned long long)id, (unsigned long long)id_b,
                  (unsigned long long)id_a);
            switched = i;
        }
    }
    CHECK(set_b >= 0, "no MESessionTopologySet for the queued topology (value: its resolved "
          "topology, same id)");
    CHECK(ready_b >= 0, "no TopologyStatus READY for the queued topology");
    CHECK(switches == 1, "%d TopologyStatus SINK_SWITCHED, expected 1", switches);
    CHECK(set_b < ready_b && ready_b < switched, "order: TopologySet(second) at %d, READY at %d, "
          "SINK_SWITCHED at %d", set_b, ready_b, switched);
    /* The end, as in sequence 6, for the second topology. */
    int n = got.n;
    bool tail = n >= 4 && got.type[n - 4] == MEEndOfPresentation &&
                got.type[n - 3] == MESessionTopologyStatus && got.topo[n - 3] == MF_TOPOSTATUS_ENDED &&
                got.type[n - 2] == MESessionCapabilitiesChanged && got.type[n - 1] == MESessionEnded;
    CHECK(tail, "the last events are not MEEndOfPresentation, TopologyStatus ENDED, "
          "MESessionCapabilitiesChanged, MESessionEnded");
    if (tail) {
        IMFTopology *t = conf_event_topology(got.ev[n - 3]);
        CHECK(conf_topology_id(t) == id_b, "the final ENDED is not the second topology's");
        if (t)
            IMFTopology_Release(t);
    }
    conf_events_clear(&got);

    /* No gap: 4 s of media in about 4 s, every frame, times as configured. */
    CHECK(took >= 3800 && took <= 4600, "two 2 s clips played in %lld ms", took);
    LONG frames = GRABBED(a.video, samples);
    CHECK(frames == 100, "%ld frames, expected 100", (long)frames);
    if (frames >= 51) {
        /* Each topology has its own grabber sink (sharing the callback), so
         * a late last frame of the first may come after the second's first:
         * the times are compared in order of time. */
        static LONGLONG t[CONF_MAX_TIMES];
        int nt = frames < CONF_MAX_TIMES ? (int)frames : CONF_MAX_TIMES;
        pthread_mutex_lock(&a.video->lock);
        memcpy(t, a.video->times, (size_t)nt * sizeof(t[0]));
        pthread_mutex_unlock(&a.video->lock);
        qsort(t, (size_t)nt, sizeof(t[0]), cmp_time);
        LONGLONG first_a = t[0], last_a = t[49], first_b = t[50];
        if (last_a - first_a != CONF_MS(49 * 40)) {
            printf("  video sample times (s):");
            for (int i = 0; i < nt; i++)
                printf(" %.3f", t[i] / 1e7);
            printf("\n");
        }
        /* av2.mkv's first frame is at 21 ms (media time), 25 fps. */
        CHECK(last_a - first_a == CONF_MS(49 * 40), "first topology: frames from %.3f to %.3f s",
              first_a / 1e7, last_a / 1e7);
        LONGLONG offset = first_b - first_a;
        printf("  first topology %.3f s long (MF_PD_DURATION); the second's frames from %.3f s "
               "(offset %.3f s)\n", (double)dur_a / 1e7, first_b / 1e7, offset / 1e7);
        /* With MF_SESSION_GLOBAL_TIME, Windows places a topology at its
         * MF_TOPOLOGY_PROJECTSTART (set by the sequencer source); the shim
         * does not honour PROJECTSTART and places it where the first one's
         * media ended (its longest stream: here 5 ms past MF_PD_DURATION). */
        CHECK(offset >= (LONGLONG)dur_a - CONF_MS(1) && offset <= (LONGLONG)dur_a + CONF_MS(30),
              "the second topology's frames are offset by %.3f s, expected the end of the "
              "first (%.3f s)", offset / 1e7, (double)dur_a / 1e7);
    }
    if (clock_at_switch >= 0) {
        printf("  SINK_SWITCHED %lld ms after Start, clock at %.3f s\n", switched_after,
               clock_at_switch / 1e7);
        CHECK(clock_at_switch >= CONF_MS(1900), "the clock at the switch reads %.3f s, expected "
              "it running on past the first topology", clock_at_switch / 1e7);
    }
out:
    conf_play_close(&a);
    if (b.source) {
        IMFMediaSource_Shutdown(b.source);
        IMFMediaSource_Release(b.source);
    }
    if (b.pd)
        IMFPresentationDescriptor_Release(b.pd);
    if (b.topology)
        IMFTopology_Release(b.topology);
    conf_grabber_release(&b.video);
    conf_grabber_release(&b.audio);
    if (config)
        IMFAttributes_Release(config);
}

static void queued_topologies(void)
{
    queued(false);
}

static void queued_topologies_global_time(void)
{
    queued(true);
}

int main(void)
{
    conf_init();
    CONF_CASE(queued_topologies);
    CONF_CASE(queued_topologies_global_time);
    return conf_done();
}

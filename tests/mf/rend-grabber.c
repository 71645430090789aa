/* The sample grabber in a media session playing av.mp4 (320x240 25 fps, 4 s
 * H.264 + AAC 48 kHz; every frame carries its number as a bar code):
 *
 * 1. RGB32 video + 16-bit PCM 44.1 kHz mono audio on the clock: 100 video
 *    samples of 320*240*4 bytes, top-down, in order (bar codes 0..99), times
 *    n * 40 ms, duration 40 ms, spread over about the clip's length; ~4 s of
 *    2-byte mono audio in all; the callback heard OnSetPresentationClock and
 *    OnClockStart before the first sample, OnShutdown last at the session's
 *    Shutdown, and was released then.
 * 2. MF_SAMPLEGRABBERSINK_IGNORE_CLOCK: all 100 frames, faster than real
 *    time; the sink says MEDIASINK_RATELESS.
 * 3. I420 scaled to 160x120 (planes packed, 28800 bytes), and RGB32 with a
 *    negative MF_MT_DEFAULT_STRIDE (bottom-up rows).
 * 4. I420 and YV12 of tint.mkv (Cb 90, Cr 170): 25 samples each, the Cb
 *    plane first in I420's and second in YV12's.
 * 5. RGB24 and YUY2 (no msess format): MESessionTopologySet fails with
 *    MF_E_INVALIDMEDIATYPE, no sample comes.
 * 6. MF_SAMPLEGRABBERSINK_SAMPLE_TIME_OFFSET 1 s: the 100 samples keep
 *    their times and come about 1 s before the clock reaches them (none
 *    more than 1.02 s; without the offset none more than 20 ms).
 * 7. Clock state changes reach the callback in order: start, pause,
 *    restart, stop, then shutdown.
 * Each part checks msess_mf_live_objects() returns to where it was. */
#include "rend-util.h"
#include "../framecode.h"

#define FRAME_TICKS 400000LL

/* Bar code of an RGB32 picture, from its blue bytes (grey picture). */
static int rgb32_number(rend_grabber *g, const BYTE *buf, DWORD size)
{
    int w = g->width, h = g->height;
    if (size != (DWORD)(w * h * 4))
        return -1;
    uint8_t *y = malloc((size_t)w * h);
    uint32_t n;
    if (!y)
        return -1;
    for (int r = 0; r < h; r++) {
        const BYTE *row = buf + (size_t)(g->bottom_up ? h - 1 - r : r) * w * 4;
        for (int c = 0; c < w; c++)
            y[(size_t)r * w + c] = row[c * 4];
    }
    int ret = framecode_read(y, w, w, h, &n);
    free(y);
    return ret ? -1 : (int)n;
}

/* Bar code of an I420 picture, from its Y plane (the start of the buffer). */
static int i420_number(rend_grabber *g, const BYTE *buf, DWORD size)
{
    int w = g->width, h = g->height;
    uint32_t n;
    if (size != (DWORD)(w * h + 2 * ((w + 1) / 2) * ((h + 1) / 2)))
        return -1;
    return framecode_read(buf, w, w, h, &n) ? -1 : (int)n;
}

/* Which 4:2:0 chroma plane comes first in the buffer: 1 when the second
 * plane is the lower (tint.mkv's Cb 90 before its Cr 170), 2 when it is the
 * higher, -1 for a buffer of another size. */
static int chroma_order(rend_grabber *g, const BYTE *buf, DWORD size)
{
    size_t luma = (size_t)g->width * g->height, chroma = luma / 4;
    if (size != luma + 2 * chroma)
        return -1;
    uint64_t sum[2] = { 0, 0 };
    for (int p = 0; p < 2; p++)
        for (size_t i = 0; i < chroma; i++)
            sum[p] += buf[luma + p * chroma + i];
    return sum[0] < sum[1] ? 1 : sum[0] > sum[1] ? 2 : -1;
}

/* Every sample's number is its index, times are n frames, in order. */
static void check_frames(rend_grabber *g, int want, DWORD size)
{
    pthread_mutex_lock(&g->lock);
    CHECK(g->nb_samples == want);
    if (g->nb_samples != want)
        fprintf(stderr, "  %d samples, want %d\n", g->nb_samples, want);
    int bad = 0;
    for (int i = 0; i < g->nb_samples; i++) {
        rend_sample *s = &g->samples[i];
        bool ok = s->size == size && s->number == i && s->time == i * FRAME_TICKS &&
                  s->duration == FRAME_TICKS;
        if (!ok && bad++ < 3)
            fprintf(stderr, "  sample %d: time %lld duration %lld size %lu number %d\n", i,
                    (long long)s->time, (long long)s->duration, (unsigned long)s->size,
                    s->number);
    }
    CHECK(bad == 0);
    CHECK(!g->bad_major);
    pthread_mutex_unlock(&g->lock);
}

static IMFActivate *grabber_activate(rend_grabber *g, IMFMediaType *t, bool ignore_clock)
{
    IMFActivate *a = NULL;
    CHECK_HR(MFCreateSampleGrabberSinkActivate(t, &g->iface, &a), S_OK);
    REQUIRE(a);
    if (ignore_clock)
        CHECK_HR(IMFActivate_SetUINT32(a, &MF_SAMPLEGRABBERSINK_IGNORE_CLOCK, TRUE), S_OK);
    return a;
}

/* Play to the end; returns the milliseconds from Start to MESessionEnded. */
static int64_t play_to_end(IMFMediaSession *s)
{
    int64_t t0 = rend_now_ms();
    rend_start(s, -1);
    HRESULT st = E_FAIL;
    IMFMediaEvent *ev = rend_wait(s, MESessionEnded, &st, 30000);
    CHECK(ev != NULL);
    if (ev) {
        CHECK_HR(st, S_OK);
        IMFMediaEvent_Release(ev);
    }
    return rend_now_ms() - t0;
}

static void clocked_video_and_audio(void)
{
    fprintf(stderr, "-- RGB32 video and PCM audio on the clock\n");
    LONG live = msess_mf_live_objects();
    rend_grabber *vg = rend_grabber_new(&MFMediaType_Video);
    rend_grabber *ag = rend_grabber_new(&MFMediaType_Audio);
    vg->number = rgb32_number;
    vg->width = 320;
    vg->height = 240;
    IMFMediaType *vt = rend_type(&MFMediaType_Video, &MFVideoFormat_RGB32, 0, 0);
    IMFMediaType *at = rend_type(&MFMediaType_Audio, &MFAudioFormat_PCM, 0, 0);
    IMFMediaType_SetUINT32(at, &MF_MT_AUDIO_BITS_PER_SAMPLE, 16);
    IMFMediaType_SetUINT32(at, &MF_MT_AUDIO_SAMPLES_PER_SECOND, 44100);
    IMFMediaType_SetUINT32(at, &MF_MT_AUDIO_NUM_CHANNELS, 1);
    IMFMediaType_SetUINT32(at, &MF_MT_AUDIO_BLOCK_ALIGNMENT, 2);
    IMFMediaType_SetUINT32(at, &MF_MT_AUDIO_AVG_BYTES_PER_SECOND, 88200);
    IMFActivate *va = grabber_activate(vg, vt, false), *aa = grabber_activate(ag, at, false);
    CHECK(rend_refs(vg) > 1); /* the activate holds the callback */

    IMFMediaSource *src = rend_open("av.mp4");
    IMFTopology *topo = rend_topology(src, (IUnknown *)va, (IUnknown *)aa);
    IMFMediaSession *s = rend_session(topo);
    int64_t ms = play_to_end(s);
    fprintf(stderr, "  played in %lld ms\n", (long long)ms);
    CHECK(ms > 3000); /* at the clock's pace */
    check_frames(vg, 100, 320 * 240 * 4);
    pthread_mutex_lock(&vg->lock);
    pthread_mutex_lock(&ag->lock);
    /* presented on the clock: the last sample about 3.96 s after the first,
     * never sooner; later when decoding cannot keep up with the clock (under
     * valgrind the run takes about 8 s and late samples come at once), so
     * only the lower bound is checked */
    if (vg->nb_samples == 100) {
        int64_t spread = vg->samples[99].at_ms - vg->samples[0].at_ms;
        CHECK(spread > 3400);
        if (spread >= 4600)
            fprintf(stderr, "  video samples spread over %lld ms\n", (long long)spread);
    }
    CHECK(!ag->bad_major);
    CHECK(ag->bytes % 2 == 0);
    fprintf(stderr, "  audio: %lld bytes in %d samples\n", (long long)ag->bytes, ag->nb_samples);
    CHECK(ag->bytes > (4 * 44100 - 4096) * 2 && ag->bytes < (4 * 44100 + 4096) * 2);
    for (int i = 1; i < ag->nb_samples; i++)
        CHECK(ag->samples[i].time > ag->samples[i - 1].time);
    pthread_mutex_unlock(&ag->lock);
    pthread_mutex_unlock(&vg->lock);

    char story[64];
    rend_grabber_story(vg, story, sizeof(story));
    CHECK(story[0] == 'C' && story[1] == 'S');
    CHECK(rend_grabber_call(vg, 0) == RC_CLOCK_SET);
    bool start_first = false;
    for (int i = 0; rend_grabber_call(vg, i) && rend_grabber_call(vg, i) != RC_SAMPLE; i++)
        start_first |= rend_grabber_call(vg, i) == RC_START;
    CHECK(start_first);

    rend_close(s, src);
    /* Shutdown told the callbacks, last, once, and let them go. */
    rend_grabber_story(vg, story, sizeof(story));
    fprintf(stderr, "  video callback: %s\n", story);
    CHECK(rend_grabber_count(vg, RC_SHUTDOWN) == 1 && rend_grabber_call(vg, -1) == RC_SHUTDOWN);
    CHECK(rend_grabber_count(ag, RC_SHUTDOWN) == 1 && rend_grabber_call(ag, -1) == RC_SHUTDOWN);
    IMFMediaSession_Release(s);
    IMFTopology_Release(topo);
    IMFMediaSource_Release(src);
    /* the activates released type and callback at ShutdownObject */
    CHECK(rend_refs(vg) == 1 && rend_refs(ag) == 1);
    CHECK(rend_refs(vt) == 1);
    IMFActivate_Release(va);
    IMFActivate_Release(aa);
    IMFMediaType_Release(vt);
    IMFMediaType_Release(at);
    rend_grabber_free(vg);
    rend_grabber_free(ag);
    CHECK(msess_mf_live_objects() == live);
}

/* What a part made for one session, released. */
static void release_run(IMFMediaSession *s, IMFTopology *topo, IMFMediaSource *src, IMFActivate *a)
{
    IMFMediaSession_Release(s);
    IMFTopology_Release(topo);
    IMFMediaSource_Release(src);
    IMFActivate_Release(a);
}

/* One video grabber of this type playing the whole clip. */
static void video_only(const char *clip, IMFMediaType *t, bool ignore_clock, rend_grabber *g,
                       int64_t *ms)
{
    LONG live = msess_mf_live_objects();
    IMFActivate *a = grabber_activate(g, t, ignore_clock);
    IMFMediaSource *src = rend_open(clip);
    IMFTopology *topo = rend_topology(src, (IUnknown *)a, NULL);
    IMFMediaSession *s = rend_session(topo);
    if (ignore_clock) {
        IMFMediaSink *sink = NULL;
        DWORD flags = 0;
        CHECK_HR(IMFActivate_ActivateObject(a, &IID_IMFMediaSink, (void **)&sink), S_OK);
        if (sink) {
            CHECK_HR(IMFMediaSink_GetCharacteristics(sink, &flags), S_OK);
            CHECK(flags & MEDIASINK_RATELESS);
            IMFMediaSink_Release(sink);
        }
    }
    *ms = play_to_end(s);
    rend_close(s, src);
    release_run(s, topo, src, a);
    CHECK(msess_mf_live_objects() == live);
}

static void ignore_clock(void)
{
    fprintf(stderr, "-- MF_SAMPLEGRABBERSINK_IGNORE_CLOCK\n");
    rend_grabber *g = rend_grabber_new(&MFMediaType_Video);
    g->number = rgb32_number;
    g->width = 320;
    g->height = 240;
    IMFMediaType *t = rend_type(&MFMediaType_Video, &MFVideoFormat_RGB32, 0, 0);
    int64_t ms = 0;
    video_only("av.mp4", t, true, g, &ms);
    fprintf(stderr, "  4 s of video in %lld ms\n", (long long)ms);
    /* faster than real time (a clocked run takes the clip's 4 s); the
     * margin leaves room for slow runs (sanitizers, a loaded machine) */
    CHECK(ms < 3600);
    check_frames(g, 100, 320 * 240 * 4);
    CHECK(rend_grabber_count(g, RC_SHUTDOWN) == 1);
    IMFMediaType_Release(t);
    rend_grabber_free(g);
}

static void layouts(void)
{
    fprintf(stderr, "-- I420 at 160x120\n");
    rend_grabber *g = rend_grabber_new(&MFMediaType_Video);
    g->number = i420_number;
    g->width = 160;
    g->height = 120;
    IMFMediaType *t = rend_type(&MFMediaType_Video, &MFVideoFormat_I420, 160, 120);
    int64_t ms = 0;
    video_only("av.mp4", t, true, g, &ms);
    check_frames(g, 100, 160 * 120 * 3 / 2);
    IMFMediaType_Release(t);
    rend_grabber_free(g);

    fprintf(stderr, "-- RGB32 bottom-up (negative stride)\n");
    g = rend_grabber_new(&MFMediaType_Video);
    g->number = rgb32_number;
    g->width = 320;
    g->height = 240;
    g->bottom_up = true;
    t = rend_type(&MFMediaType_Video, &MFVideoFormat_RGB32, 0, 0);
    IMFMediaType_SetUINT32(t, &MF_MT_DEFAULT_STRIDE, (UINT32)-(320 * 4));
    video_only("av.mp4", t, true, g, &ms);
    check_frames(g, 100, 320 * 240 * 4);
    IMFMediaType_Release(t);
    rend_grabber_free(g);
}

/* YV12 is I420 with the chroma planes the other way round. */
static void chroma_planes(void)
{
    static const struct { const GUID *subtype; const char *name; int order; } types[] = {
        { &MFVideoFormat_I420, "I420", 1 },
        { &MFVideoFormat_YV12, "YV12", 2 },
    };
    for (size_t k = 0; k < sizeof(types) / sizeof(types[0]); k++) {
        fprintf(stderr, "-- %s of a Cb 90, Cr 170 picture\n", types[k].name);
        rend_grabber *g = rend_grabber_new(&MFMediaType_Video);
        g->number = chroma_order;
        g->width = 320;
        g->height = 240;
        IMFMediaType *t = rend_type(&MFMediaType_Video, types[k].subtype, 0, 0);
        int64_t ms = 0;
        video_only("tint.mkv", t, true, g, &ms);
        pthread_mutex_lock(&g->lock);
        CHECK(g->nb_samples == 25);
        int bad = 0;
        for (int i = 0; i < g->nb_samples; i++)
            bad += g->samples[i].number != types[k].order;
        if (bad)
            fprintf(stderr, "  %d of %d samples with the planes in the wrong order (first: %d)\n",
                    bad, g->nb_samples, g->samples[0].number);
        CHECK(bad == 0);
        pthread_mutex_unlock(&g->lock);
        IMFMediaType_Release(t);
        rend_grabber_free(g);
    }
}

static int cmp_longlong(const void *a, const void *b)
{
    LONGLONG x = *(const LONGLONG *)a, y = *(const LONGLONG *)b;
    return (x > y) - (x < y);
}

/* How early samples came (time - clock), at the clock's pace: the median and
 * the most. */
static void play_early(LONGLONG offset, LONGLONG *median, LONGLONG *most)
{
    rend_grabber *g = rend_grabber_new(&MFMediaType_Video);
    g->number = rgb32_number;
    g->width = 320;
    g->height = 240;
    IMFMediaType *t = rend_type(&MFMediaType_Video, &MFVideoFormat_RGB32, 0, 0);
    IMFActivate *a = grabber_activate(g, t, false);
    if (offset)
        CHECK_HR(IMFActivate_SetUINT64(a, &MF_SAMPLEGRABBERSINK_SAMPLE_TIME_OFFSET, (UINT64)offset),
                 S_OK);
    IMFMediaSource *src = rend_open("av.mp4");
    IMFTopology *topo = rend_topology(src, (IUnknown *)a, NULL);
    IMFMediaSession *s = rend_session(topo);
    play_to_end(s);
    rend_close(s, src);
    check_frames(g, 100, 320 * 240 * 4); /* times unchanged */
    pthread_mutex_lock(&g->lock);
    LONGLONG early[REND_MAX_SAMPLES];
    int n = g->nb_samples;
    for (int i = 0; i < n; i++)
        early[i] = g->samples[i].early;
    pthread_mutex_unlock(&g->lock);
    qsort(early, (size_t)n, sizeof(early[0]), cmp_longlong);
    *median = n ? early[n / 2] : 0;
    *most = n ? early[n - 1] : 0;
    release_run(s, topo, src, a);
    IMFMediaType_Release(t);
    rend_grabber_free(g);
}

/* Types msess has no format for: the topology fails to resolve. */
static void refused_types(void)
{
    static const GUID *const subtypes[] = { &MFVideoFormat_RGB24, &MFVideoFormat_YUY2 };
    for (size_t k = 0; k < sizeof(subtypes) / sizeof(subtypes[0]); k++) {
        fprintf(stderr, "-- %s refused\n", k ? "YUY2" : "RGB24");
        LONG live = msess_mf_live_objects();
        rend_grabber *g = rend_grabber_new(&MFMediaType_Video);
        IMFMediaType *t = rend_type(&MFMediaType_Video, subtypes[k], 0, 0);
        IMFActivate *a = grabber_activate(g, t, true);
        IMFMediaSource *src = rend_open("av.mp4");
        IMFTopology *topo = rend_topology(src, (IUnknown *)a, NULL);
        IMFMediaSession *s = NULL;
        REQUIRE(SUCCEEDED(MFCreateMediaSession(NULL, &s)));
        CHECK_HR(IMFMediaSession_SetTopology(s, 0, topo), S_OK);
        HRESULT st = S_OK;
        IMFMediaEvent *ev = rend_wait(s, MESessionTopologySet, &st, 15000);
        CHECK(ev != NULL);
        CHECK_HR(st, MF_E_INVALIDMEDIATYPE);
        if (ev)
            IMFMediaEvent_Release(ev);
        CHECK(rend_grabber_samples(g) == 0);
        rend_close(s, src);
        release_run(s, topo, src, a);
        IMFMediaType_Release(t);
        rend_grabber_free(g);
        CHECK(msess_mf_live_objects() == live);
    }
}

/* MF_SAMPLEGRABBERSINK_SAMPLE_TIME_OFFSET: samples come that long before
 * their time, which they keep. A loaded machine makes them later, never
 * earlier: the upper limits are exact (plus the clock's read), the lower
 * ones generous. */
static void time_offset(void)
{
    fprintf(stderr, "-- MF_SAMPLEGRABBERSINK_SAMPLE_TIME_OFFSET\n");
    LONG live = msess_mf_live_objects();
    LONGLONG median = 0, most = 0;
    play_early(0, &median, &most);
    fprintf(stderr, "  no offset: samples early by %.3f s (median), %.3f s (most)\n",
            median / 1e7, most / 1e7);
    CHECK(most <= 200000);
    play_early(10000000, &median, &most);
    fprintf(stderr, "  offset 1 s: samples early by %.3f s (median), %.3f s (most)\n",
            median / 1e7, most / 1e7);
    CHECK(most <= 10000000 + 200000);
    CHECK(median >= 5000000);
    CHECK(msess_mf_live_objects() == live);
}

static void clock_story(void)
{
    fprintf(stderr, "-- clock state changes\n");
    LONG live = msess_mf_live_objects();
    rend_grabber *g = rend_grabber_new(&MFMediaType_Video);
    IMFMediaType *t = rend_type(&MFMediaType_Video, &MFVideoFormat_RGB32, 0, 0);
    IMFActivate *a = grabber_activate(g, t, false);
    IMFMediaSource *src = rend_open("av.mp4");
    IMFTopology *topo = rend_topology(src, (IUnknown *)a, NULL);
    IMFMediaSession *s = rend_session(topo);
    IMFClock *clock = NULL;
    CHECK_HR(IMFMediaSession_GetClock(s, &clock), S_OK);
    rend_start(s, -1);
    test_sleep_ms(300);
    CHECK_HR(IMFMediaSession_Pause(s), S_OK);
    WAIT_OK(s, MESessionPaused, 15000);
    int paused_at = rend_grabber_samples(g);
    test_sleep_ms(300);
    CHECK(rend_grabber_samples(g) <= paused_at + 1); /* nothing comes while paused */
    rend_start(s, -1);
    test_sleep_ms(300);
    CHECK(rend_grabber_samples(g) > paused_at + 2);
    CHECK_HR(IMFMediaSession_Stop(s), S_OK);
    WAIT_OK(s, MESessionStopped, 15000);
    /* the clock the callback was given is the session's */
    if (clock) {
        IMFPresentationClock *pc = NULL;
        CHECK(SUCCEEDED(IMFClock_QueryInterface(clock, &IID_IMFPresentationClock, (void **)&pc)));
        CHECK(pc && g->clock_seen == pc);
        if (pc)
            IMFPresentationClock_Release(pc);
        IMFClock_Release(clock);
    }
    rend_close(s, src);
    char story[64];
    rend_grabber_story(g, story, sizeof(story));
    fprintf(stderr, "  callback: %s\n", story);
    CHECK(!strcmp(story, "CSPRTD"));
    release_run(s, topo, src, a);
    IMFMediaType_Release(t);
    CHECK(rend_refs(g) == 1);
    rend_grabber_free(g);
    CHECK(msess_mf_live_objects() == live);
}

int main(void)
{
    REQUIRE(SUCCEEDED(MFStartup(MF_VERSION, MFSTARTUP_FULL)));
    LONG live = msess_mf_live_objects();
    clocked_video_and_audio();
    ignore_clock();
    layouts();
    chroma_planes();
    refused_types();
    time_offset();
    clock_story();
    CHECK(msess_mf_live_objects() == live);
    MFShutdown();
    return rend_result();
}

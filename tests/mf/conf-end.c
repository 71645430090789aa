/* Conformance: the end of the media (reference section 3, sequence 6) and
 * Close (sequence 7) from started, paused and ended sessions. */
#include "mfconf.h"

/* Play av2.mkv (2 s, 25 fps) to its end: MEEndOfPresentation, TopologyStatus
 * ENDED, CapabilitiesChanged (PAUSE removed), MESessionEnded; no
 * MESessionStopped. Then Close: CapabilitiesChanged (START and SEEK
 * removed) and MESessionClosed, the last event. */
static void end_of_media(BOOL ignore_clock)
{
    conf_play p;
    if (!conf_play_open(&p, "av2.mkv", true, true, ignore_clock, NULL, __LINE__) ||
        !conf_play_ready(&p, __LINE__))
        goto out;
    DWORD ready = p.caps;
    long long started = conf_now_ms();
    if (!conf_play_start(&p, __LINE__))
        goto out;
    conf_events got = { 0 };
    if (EXPECT_SEQ(p.session, &got, "end of media", EV(MEEndOfPresentation, S_OK),
                   EVT(MF_TOPOSTATUS_ENDED), EV(MESessionCapabilitiesChanged, S_OK),
                   EV(MESessionEnded, S_OK)))
        CHECK_CAPS_EVENT(&got, ready, MFSESSIONCAP_PAUSE);
    long long took = conf_now_ms() - started;
    conf_follow_caps(&got, &p.caps, __LINE__);
    conf_events_clear(&got);
    if (ignore_clock)
        CHECK(took < 1900, "outputs ignoring the clock: the 2 s clip took %lld ms", took);
    else
        CHECK(took >= 1900 && took < 4000, "outputs following the clock: the 2 s clip took %lld ms",
              took);
    LONG frames = GRABBED(p.video, samples), audio = GRABBED(p.audio, samples);
    CHECK(frames == 50, "video grabber got %ld frames, expected 50", (long)frames);
    CHECK(audio > 0, "audio grabber got no samples");
    CHECK(GRABBED(p.video, wrong_major) == 0, "video grabber got samples of another major type");
    EXPECT_QUIET(p.session, 300, "after MESessionEnded");
    CHECK_SESSION_CAPS(p.session, ready);

    CHECK_HR(IMFMediaSession_Close(p.session), S_OK, "Close after the end");
    EXPECT_SEQ(p.session, &got, "Close after the end", EV(MESessionCapabilitiesChanged, S_OK),
               EV(MESessionClosed, S_OK));
    CHECK_CAPS_EVENT(&got, ready & ~(DWORD)(MFSESSIONCAP_START | MFSESSIONCAP_SEEK),
                     MFSESSIONCAP_START | MFSESSIONCAP_SEEK);
    conf_events_clear(&got);
    p.closed = true;
    EXPECT_QUIET(p.session, 500, "after MESessionClosed");
out:
    conf_play_close(&p);
}

static void end_of_media_clocked(void)
{
    end_of_media(FALSE);
}

static void end_of_media_ignoring_clock(void)
{
    end_of_media(TRUE);
}

/* Close while started or paused stops without MESessionStopped. */
static void close_from(bool paused)
{
    conf_play p;
    if (!conf_play_open(&p, "av.mp4", true, true, FALSE, NULL, __LINE__) ||
        !conf_play_ready(&p, __LINE__) || !conf_play_start(&p, __LINE__))
        goto out;
    conf_sleep_ms(300);
    conf_events got = { 0 };
    if (paused) {
        CHECK_HR(IMFMediaSession_Pause(p.session), S_OK, "Pause");
        EXPECT_SEQ(p.session, &got, "Pause", EV(MESessionCapabilitiesChanged, S_OK),
                   EV(MESessionPaused, S_OK));
        conf_follow_caps(&got, &p.caps, __LINE__);
        conf_events_clear(&got);
    }
    DWORD before = p.caps;
    CHECK_HR(IMFMediaSession_Close(p.session), S_OK, "Close");
    EXPECT_SEQ(p.session, &got, paused ? "Close while paused" : "Close while started",
               EV(MESessionCapabilitiesChanged, S_OK), EV(MESessionClosed, S_OK));
    CHECK_CAPS_EVENT(&got, before & ~(DWORD)(MFSESSIONCAP_START | MFSESSIONCAP_SEEK),
                     MFSESSIONCAP_START | MFSESSIONCAP_SEEK);
    conf_events_clear(&got);
    p.closed = true;
    EXPECT_QUIET(p.session, 500, "after MESessionClosed");
    /* Nothing plays any more. */
    LONG frames = GRABBED(p.video, samples);
    conf_sleep_ms(300);
    CHECK(GRABBED(p.video, samples) == frames, "frames still arrive after Close");
out:
    conf_play_close(&p);
}

static void close_while_started(void)
{
    close_from(false);
}

static void close_while_paused(void)
{
    close_from(true);
}

int main(void)
{
    conf_init();
    CONF_CASE(end_of_media_clocked);
    CONF_CASE(end_of_media_ignoring_clock);
    CONF_CASE(close_while_started);
    CONF_CASE(close_while_paused);
    return conf_done();
}

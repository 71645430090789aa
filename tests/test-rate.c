/* Integration: playback rate against an application clock the test drives
 * (deterministic). Rate 2 doubles the slope of the presentation clock and
 * the sinks follow it; a rate change keeps the position continuous;
 * unsupported rates are refused with RATE_CHANGED(failure) and change
 * nothing; rate 0.5 halves the slope. */
#include <math.h>
#include <stdlib.h>

#include "testutil.h"

#define SEC MSESS_TIME_PER_SECOND
#define MS MSESS_TIME_PER_MS
#define FRAME (40 * MS)
#define EV_TIMEOUT 20000

/* av.mp4 into clocked sinks on the application clock, the topology READY. */
static void run_open(tu_run *r)
{
    tu_run_open(r, &(tu_run_opts){ .clip = "av.mp4", .clocked = true, .app_clock = true });
}

/* set_rate and its event; returns the event's status. */
static int set_rate(msess_session *s, double rate, double want_event_rate)
{
    CHECK_ERR(msess_session_set_rate(s, rate), 0);
    msess_event ev;
    int type = tu_next_event(s, &ev, EV_TIMEOUT);
    if (type != MSESS_EVENT_RATE_CHANGED) {
        if (type < 0)
            fprintf(stderr, "  set_rate(%g): no RATE_CHANGED, no event\n", rate);
        else
            fprintf(stderr, "  set_rate(%g): no RATE_CHANGED but %s (%s) %s\n", rate,
                    msess_event_type_name(ev.type), msess_error_name(ev.status), ev.message);
        tu_failures++;
        msess_event_clear(&ev);
        return MSESS_ETIMEDOUT;
    }
    if (ev.rate != want_event_rate) {
        fprintf(stderr, "  set_rate(%g): RATE_CHANGED rate %g, want %g\n", rate, ev.rate,
                want_event_rate);
        tu_failures++;
    }
    int st = ev.status;
    msess_event_clear(&ev);
    return st;
}

static msess_time position(tu_run *r)
{
    msess_time p = -1;
    CHECK_ERR(msess_session_get_position(r->s, &p), 0);
    return p;
}

/* Every recorded video frame is at or before `limit`, and the one at
 * `must` was presented (waiting for it). Also the audio stays behind. */
static void check_presented_until(tu_run *r, msess_time must, msess_time limit, const char *what)
{
    if (!tu_recorder_wait_pts(&r->vrec, must, 10000)) {
        fprintf(stderr, "  %s: frame at %.3f s never presented\n", what, (double)must / SEC);
        tu_failures++;
    }
    tu_sleep_ms(100); /* give a wrong presenter time to run ahead */
    size_t n;
    tu_frame *f = tu_recorder_copy(&r->vrec, &n);
    bool seen = false;
    int ahead = 0;
    for (size_t i = 0; i < n; i++) {
        if (f[i].pts == must && !f[i].dropped)
            seen = true;
        if (f[i].pts > limit && ahead++ < 3)
            fprintf(stderr, "  %s: frame %d (pts %.3f s) presented before its time (%.3f s)\n",
                    what, f[i].number, (double)f[i].pts / SEC, (double)limit / SEC);
        if (i && f[i].number != f[i - 1].number + 1 && ahead++ < 3)
            fprintf(stderr, "  %s: frame %d follows %d\n", what, f[i].number, f[i - 1].number);
    }
    CHECK_EQ(ahead, 0);
    if (!seen) {
        fprintf(stderr, "  %s: frame at %.3f s not presented (dropped?)\n", what,
                (double)must / SEC);
        tu_failures++;
    }
    free(f);
    f = tu_recorder_copy(&r->arec, &n);
    CHECK(n > 0);
    for (size_t i = 0; i < n; i++)
        if (f[i].pts > limit) {
            fprintf(stderr, "  %s: audio at %.3f s presented before its time\n", what,
                    (double)f[i].pts / SEC);
            tu_failures++;
            break;
        }
    free(f);
}

static void rate_two_then_half(void)
{
    fprintf(stderr, "-- rate 2 before start\n");
    tu_run r;
    run_open(&r);
    double rate = 0;
    CHECK_ERR(msess_session_get_rate(r.s, &rate), 0);
    CHECK(rate == 1.0);
    CHECK_ERR(set_rate(r.s, 2.0, 2.0), 0);
    CHECK_ERR(msess_session_get_rate(r.s, &rate), 0);
    CHECK(rate == 2.0);
    tu_run_start(&r, 0);
    CHECK(msess_clock_get_rate(msess_session_get_clock(r.s)) == 2.0);
    CHECK_EQ(position(&r), 0);
    CHECK(tu_recorder_wait(&r.vrec, 1, 5000));

    /* one second of clock time is two seconds of media */
    tu_fake_clock_advance(&r.clock, SEC);
    msess_time p = position(&r);
    if (llabs(p - 2 * SEC) > FRAME) {
        fprintf(stderr, "  rate 2: position %.3f s after 1 s, want 2 s\n", (double)p / SEC);
        tu_failures++;
    }
    check_presented_until(&r, 2 * SEC, 2 * SEC, "rate 2");

    /* a rate change while playing keeps the position continuous */
    fprintf(stderr, "-- rate 0.5 while playing\n");
    msess_time before = position(&r);
    CHECK_ERR(set_rate(r.s, 0.5, 0.5), 0);
    msess_time after = position(&r);
    CHECK(llabs(after - before) <= 1);
    CHECK(msess_clock_get_rate(msess_session_get_clock(r.s)) == 0.5);
    tu_fake_clock_advance(&r.clock, SEC);
    p = position(&r);
    if (llabs(p - (before + SEC / 2)) > 1) {
        fprintf(stderr, "  rate 0.5: position %.3f s, want %.3f s\n", (double)p / SEC,
                (double)(before + SEC / 2) / SEC);
        tu_failures++;
    }
    /* at 2.5 s: frame 62 (2.48 s) is due, frame 63 (2.52 s) not yet */
    check_presented_until(&r, 248 * SEC / 100, 25 * SEC / 10, "rate 0.5 after 2");

    /* unsupported rates: refused, rate and position unchanged */
    fprintf(stderr, "-- unsupported rates\n");
    const double bad[] = { 0.0, -1.0, 1000.0, 1.0 / 64 };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        msess_time p0 = position(&r);
        int st = set_rate(r.s, bad[i], 0.5);
        if (st != MSESS_ERATE) {
            fprintf(stderr, "  set_rate(%g): status %s, want MSESS_ERATE\n", bad[i],
                    msess_error_name(st));
            tu_failures++;
        }
        CHECK_ERR(msess_session_get_rate(r.s, &rate), 0);
        CHECK(rate == 0.5);
        CHECK(msess_clock_get_rate(msess_session_get_clock(r.s)) == 0.5);
        CHECK_EQ(position(&r), p0);
    }
    CHECK_ERR(msess_session_set_rate(r.s, NAN), MSESS_EINVAL);
    CHECK_ERR(msess_session_set_rate(r.s, INFINITY), MSESS_EINVAL);

    double slow = 0, fast = 0, nearest = 0;
    CHECK_ERR(msess_session_get_rate_range(r.s, &slow, &fast), 0);
    CHECK(slow > 0 && slow <= 0.5 && fast >= 2.0);
    CHECK_ERR(msess_session_is_rate_supported(r.s, 2.0, &nearest), 0);
    CHECK(nearest == 2.0);
    CHECK_ERR(msess_session_is_rate_supported(r.s, 1000.0, &nearest), MSESS_ERATE);
    CHECK(nearest == fast);
    CHECK_ERR(msess_session_is_rate_supported(r.s, 0.0, &nearest), MSESS_ERATE);
    CHECK(nearest == slow);
    CHECK_ERR(msess_session_is_rate_supported(r.s, -1.0, &nearest), MSESS_ERATE);
    CHECK(nearest > 0);

    /* back to 1: the slope is 1 again */
    msess_time p1 = position(&r);
    CHECK_ERR(set_rate(r.s, 1.0, 1.0), 0);
    tu_fake_clock_advance(&r.clock, 100 * MS);
    CHECK(llabs(position(&r) - (p1 + 100 * MS)) <= 1);
    tu_run_close(&r);
}

static void rate_half(void)
{
    fprintf(stderr, "-- rate 0.5 from the start\n");
    tu_run r;
    run_open(&r);
    CHECK_ERR(set_rate(r.s, 0.5, 0.5), 0);
    tu_run_start(&r, 0);
    CHECK(tu_recorder_wait(&r.vrec, 1, 5000));
    tu_fake_clock_advance(&r.clock, SEC);
    msess_time p = position(&r);
    if (llabs(p - SEC / 2) > 1) {
        fprintf(stderr, "  rate 0.5: position %.3f s after 1 s, want 0.5 s\n", (double)p / SEC);
        tu_failures++;
    }
    /* frame 12 (0.48 s) is due, frame 13 (0.52 s) not yet */
    check_presented_until(&r, 48 * SEC / 100, SEC / 2, "rate 0.5");
    tu_run_close(&r);
}

int main(void)
{
    rate_two_then_half();
    rate_half();
    return tu_result();
}

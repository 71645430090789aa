/* Presentation clock: position arithmetic, state machine and error codes,
 * all on an application time source so time is deterministic. */
#include <math.h>
#include <string.h>

#include "core/clock.h"
#include "os/thread.h"
#include "testutil.h"

#define SEC MSESS_TIME_PER_SECOND
#define MS MSESS_TIME_PER_MS

/* A fake time source: the test moves time by hand. */
typedef struct fake_time {
    msess_time now;
    int calls;
} fake_time;

static msess_time fake_now(void *userdata)
{
    fake_time *ft = userdata;
    ft->calls++;
    return ft->now;
}

static msess_time clock_time(const msess_clock *c)
{
    msess_time t = -12345;
    CHECK_ERR(msess_clock_get_time(c, &t), 0);
    return t;
}

/* Start, advance, pause, resume, seek, stop: position = pos0 + elapsed x rate. */
static void test_basic_states(void)
{
    fake_time ft = { .now = 1000 * SEC };
    msess_time_source ts = { fake_now, &ft };
    msess_clock *c = NULL;
    CHECK_ERR(msess_clock_create(&c, &ts), 0);
    CHECK(c != NULL);
    if (!c)
        return;

    /* A new clock is stopped at 0 and runs at rate 1. */
    CHECK_EQ(msess_clock_get_state(c), MSESS_CLOCK_STOPPED);
    CHECK_EQ(clock_time(c), 0);
    CHECK(msess_clock_get_rate(c) == 1.0);
    ft.now += 5 * SEC;
    CHECK_EQ(clock_time(c), 0); /* stopped: time does not move */

    /* Start at a position: the clock reads it at once, then follows time. */
    CHECK_ERR(msess_clock_start(c, 5 * SEC), 0);
    CHECK_EQ(msess_clock_get_state(c), MSESS_CLOCK_RUNNING);
    CHECK_EQ(clock_time(c), 5 * SEC);
    ft.now += 1 * SEC;
    CHECK_EQ(clock_time(c), 6 * SEC);
    ft.now += 250 * MS;
    CHECK_EQ(clock_time(c), 6 * SEC + 250 * MS);

    /* Pause freezes the position. */
    CHECK_ERR(msess_clock_pause(c), 0);
    CHECK_EQ(msess_clock_get_state(c), MSESS_CLOCK_PAUSED);
    CHECK_EQ(clock_time(c), 6 * SEC + 250 * MS);
    ft.now += 3 * SEC;
    CHECK_EQ(clock_time(c), 6 * SEC + 250 * MS);
    /* A repeated pause is refused and changes nothing. */
    CHECK_ERR(msess_clock_pause(c), MSESS_ECLOCKSTATE);
    CHECK_EQ(msess_clock_get_state(c), MSESS_CLOCK_PAUSED);
    CHECK_EQ(clock_time(c), 6 * SEC + 250 * MS);

    /* Resume continues from the paused position, not from wall time. */
    CHECK_ERR(msess_clock_start(c, MSESS_TIME_NONE), 0);
    CHECK_EQ(msess_clock_get_state(c), MSESS_CLOCK_RUNNING);
    CHECK_EQ(clock_time(c), 6 * SEC + 250 * MS);
    ft.now += 750 * MS;
    CHECK_EQ(clock_time(c), 7 * SEC);

    /* start(NONE) while running keeps the position. */
    CHECK_ERR(msess_clock_start(c, MSESS_TIME_NONE), 0);
    CHECK_EQ(clock_time(c), 7 * SEC);
    ft.now += 1 * SEC;
    CHECK_EQ(clock_time(c), 8 * SEC);

    /* Seek while running: start with a new position. */
    CHECK_ERR(msess_clock_start(c, 2 * SEC), 0);
    CHECK_EQ(clock_time(c), 2 * SEC);
    ft.now += 1 * SEC;
    CHECK_EQ(clock_time(c), 3 * SEC);

    /* Seek while paused: runs from the new position. */
    CHECK_ERR(msess_clock_pause(c), 0);
    ft.now += 10 * SEC;
    CHECK_ERR(msess_clock_start(c, 20 * SEC), 0);
    CHECK_EQ(msess_clock_get_state(c), MSESS_CLOCK_RUNNING);
    CHECK_EQ(clock_time(c), 20 * SEC);
    ft.now += 500 * MS;
    CHECK_EQ(clock_time(c), 20 * SEC + 500 * MS);

    /* A seek backwards to 0 is legal. */
    CHECK_ERR(msess_clock_start(c, 0), 0);
    CHECK_EQ(clock_time(c), 0);

    /* Stop: time 0, state stopped; time stays 0. */
    ft.now += 2 * SEC;
    CHECK_ERR(msess_clock_stop(c), 0);
    CHECK_EQ(msess_clock_get_state(c), MSESS_CLOCK_STOPPED);
    CHECK_EQ(clock_time(c), 0);
    ft.now += 2 * SEC;
    CHECK_EQ(clock_time(c), 0);
    CHECK_ERR(msess_clock_stop(c), MSESS_ECLOCKSTATE);
    CHECK_ERR(msess_clock_pause(c), MSESS_ESTATE);
    CHECK_EQ(msess_clock_get_state(c), MSESS_CLOCK_STOPPED);

    /* start(NONE) from stopped starts at 0. */
    CHECK_ERR(msess_clock_start(c, MSESS_TIME_NONE), 0);
    CHECK_EQ(msess_clock_get_state(c), MSESS_CLOCK_RUNNING);
    CHECK_EQ(clock_time(c), 0);
    ft.now += 1 * SEC;
    CHECK_EQ(clock_time(c), 1 * SEC);

    /* Stop from paused, then a paused clock cannot be re-paused after stop. */
    CHECK_ERR(msess_clock_pause(c), 0);
    CHECK_ERR(msess_clock_stop(c), 0);
    CHECK_EQ(msess_clock_get_state(c), MSESS_CLOCK_STOPPED);
    CHECK_EQ(clock_time(c), 0);
    /* Resume after a stop from paused: from 0, not the paused position. */
    CHECK_ERR(msess_clock_start(c, MSESS_TIME_NONE), 0);
    CHECK_EQ(clock_time(c), 0);

    /* The time source was really used. */
    CHECK(ft.calls > 0);
    msess_clock_destroy(&c);
    CHECK(c == NULL);
}

/* Rate changes the slope; the position is continuous at the change. */
static void test_rate(void)
{
    fake_time ft = { .now = 77 * SEC };
    msess_time_source ts = { fake_now, &ft };
    msess_clock *c = NULL;
    CHECK_ERR(msess_clock_create(&c, &ts), 0);
    if (!c)
        return;

    CHECK_ERR(msess_clock_start(c, 1 * SEC), 0);
    ft.now += 1 * SEC;
    CHECK_EQ(clock_time(c), 2 * SEC);

    CHECK_ERR(msess_clock_set_rate(c, 2.0), 0);
    CHECK(msess_clock_get_rate(c) == 2.0);
    CHECK_EQ(msess_clock_get_state(c), MSESS_CLOCK_RUNNING);
    CHECK_EQ(clock_time(c), 2 * SEC); /* no jump at the change */
    ft.now += 1 * SEC;
    CHECK_EQ(clock_time(c), 4 * SEC);
    ft.now += 250 * MS;
    CHECK_EQ(clock_time(c), 4 * SEC + 500 * MS);

    CHECK_ERR(msess_clock_set_rate(c, 0.5), 0);
    CHECK(msess_clock_get_rate(c) == 0.5);
    CHECK_EQ(clock_time(c), 4 * SEC + 500 * MS);
    ft.now += 1 * SEC;
    CHECK_EQ(clock_time(c), 5 * SEC);

    /* Rate changed while paused: position frozen, new slope on resume. */
    CHECK_ERR(msess_clock_pause(c), 0);
    CHECK_ERR(msess_clock_set_rate(c, 4.0), 0);
    CHECK_EQ(clock_time(c), 5 * SEC);
    ft.now += 3 * SEC;
    CHECK_EQ(clock_time(c), 5 * SEC);
    CHECK_ERR(msess_clock_start(c, MSESS_TIME_NONE), 0);
    CHECK_EQ(clock_time(c), 5 * SEC);
    ft.now += 1 * SEC;
    CHECK_EQ(clock_time(c), 9 * SEC);

    /* A seek keeps the rate. */
    CHECK_ERR(msess_clock_start(c, 0), 0);
    ft.now += 100 * MS;
    CHECK_EQ(clock_time(c), 400 * MS);

    /* Invalid rates: refused, nothing changes. */
    msess_time before = clock_time(c);
    CHECK_ERR(msess_clock_set_rate(c, 0.0), MSESS_ERATE);
    CHECK_ERR(msess_clock_set_rate(c, -1.0), MSESS_ERATE);
    CHECK_ERR(msess_clock_set_rate(c, -0.0), MSESS_ERATE);
    CHECK_ERR(msess_clock_set_rate(c, NAN), MSESS_ERATE);
    CHECK_ERR(msess_clock_set_rate(c, INFINITY), MSESS_ERATE);
    CHECK(msess_clock_get_rate(c) == 4.0);
    CHECK_EQ(clock_time(c), before);
    ft.now += 1 * SEC;
    CHECK_EQ(clock_time(c), before + 4 * SEC);

    /* Rate set while stopped applies to the next run. */
    CHECK_ERR(msess_clock_stop(c), 0);
    CHECK_ERR(msess_clock_set_rate(c, 0.25), 0);
    CHECK_EQ(msess_clock_get_state(c), MSESS_CLOCK_STOPPED);
    CHECK_EQ(clock_time(c), 0);
    CHECK_ERR(msess_clock_start(c, MSESS_TIME_NONE), 0);
    ft.now += 2 * SEC;
    CHECK_EQ(clock_time(c), 500 * MS);

    msess_clock_destroy(&c);
}

/* A clock without a time source refuses everything but rate and state. */
static void test_no_time_source(void)
{
    msess_clock *c = NULL;
    CHECK_ERR(msess_clock_create(&c, NULL), 0);
    CHECK(c != NULL);
    if (!c)
        return;
    msess_time t = 42;
    CHECK_EQ(msess_clock_get_state(c), MSESS_CLOCK_STOPPED);
    CHECK_ERR(msess_clock_start(c, 0), MSESS_ENOTIMESOURCE);
    CHECK_ERR(msess_clock_start(c, MSESS_TIME_NONE), MSESS_ENOTIMESOURCE);
    CHECK_ERR(msess_clock_pause(c), MSESS_ENOTIMESOURCE);
    CHECK_ERR(msess_clock_stop(c), MSESS_ENOTIMESOURCE);
    CHECK_ERR(msess_clock_get_time(c, &t), MSESS_ENOTIMESOURCE);
    CHECK_EQ(t, 42); /* untouched on failure */
    /* NULL out is an argument error, checked before the time source. */
    CHECK_ERR(msess_clock_get_time(c, NULL), MSESS_EINVAL);
    CHECK_EQ(msess_clock_get_state(c), MSESS_CLOCK_STOPPED);

    /* Give it a source: it works. */
    fake_time ft = { .now = 3 * SEC };
    msess_time_source ts = { fake_now, &ft };
    CHECK_ERR(msess_clock_set_time_source(c, &ts), 0);
    CHECK_EQ(clock_time(c), 0);
    CHECK_ERR(msess_clock_start(c, 1 * SEC), 0);
    ft.now += 1 * SEC;
    CHECK_EQ(clock_time(c), 2 * SEC);
    CHECK_ERR(msess_clock_stop(c), 0);

    /* Take it away again (while stopped): refused again. */
    CHECK_ERR(msess_clock_set_time_source(c, NULL), 0);
    CHECK_ERR(msess_clock_start(c, 0), MSESS_ENOTIMESOURCE);
    CHECK_ERR(msess_clock_get_time(c, &t), MSESS_ENOTIMESOURCE);
    msess_clock_destroy(&c);
}

/* Switching the time source keeps the position continuous. */
static void test_switch_time_source(void)
{
    fake_time a = { .now = 100 * SEC }, b = { .now = 7 * SEC };
    msess_time_source tsa = { fake_now, &a }, tsb = { fake_now, &b };
    msess_clock *c = NULL;
    CHECK_ERR(msess_clock_create(&c, &tsa), 0);
    if (!c)
        return;

    /* Running. */
    CHECK_ERR(msess_clock_start(c, 10 * SEC), 0);
    a.now += 2 * SEC;
    CHECK_EQ(clock_time(c), 12 * SEC);
    CHECK_ERR(msess_clock_set_time_source(c, &tsb), 0);
    CHECK_EQ(msess_clock_get_state(c), MSESS_CLOCK_RUNNING);
    CHECK_EQ(clock_time(c), 12 * SEC);
    a.now += 50 * SEC; /* the old source no longer matters */
    CHECK_EQ(clock_time(c), 12 * SEC);
    b.now += 1 * SEC;
    CHECK_EQ(clock_time(c), 13 * SEC);

    /* Running at rate 2: still continuous, slope kept. */
    CHECK_ERR(msess_clock_set_rate(c, 2.0), 0);
    b.now += 1 * SEC;
    CHECK_EQ(clock_time(c), 15 * SEC);
    a.now = 5 * SEC;
    CHECK_ERR(msess_clock_set_time_source(c, &tsa), 0);
    CHECK_EQ(clock_time(c), 15 * SEC);
    a.now += 1 * SEC;
    CHECK_EQ(clock_time(c), 17 * SEC);
    CHECK_ERR(msess_clock_set_rate(c, 1.0), 0);

    /* Paused: the position stays; resume continues from it. */
    CHECK_ERR(msess_clock_pause(c), 0);
    CHECK_ERR(msess_clock_set_time_source(c, &tsb), 0);
    CHECK_EQ(msess_clock_get_state(c), MSESS_CLOCK_PAUSED);
    CHECK_EQ(clock_time(c), 17 * SEC);
    b.now += 4 * SEC;
    CHECK_EQ(clock_time(c), 17 * SEC);
    CHECK_ERR(msess_clock_start(c, MSESS_TIME_NONE), 0);
    CHECK_EQ(clock_time(c), 17 * SEC);
    b.now += 1 * SEC;
    CHECK_EQ(clock_time(c), 18 * SEC);

    /* Stopped: stays at 0 and stopped. */
    CHECK_ERR(msess_clock_stop(c), 0);
    CHECK_ERR(msess_clock_set_time_source(c, &tsa), 0);
    CHECK_EQ(msess_clock_get_state(c), MSESS_CLOCK_STOPPED);
    CHECK_EQ(clock_time(c), 0);
    CHECK_ERR(msess_clock_start(c, MSESS_TIME_NONE), 0);
    a.now += 1 * SEC;
    CHECK_EQ(clock_time(c), 1 * SEC);

    /* A source with no now function is an argument error. */
    msess_time_source bad = { NULL, NULL };
    CHECK_ERR(msess_clock_set_time_source(c, &bad), MSESS_EINVAL);
    CHECK_EQ(clock_time(c), 1 * SEC);
    msess_clock_destroy(&c);
}

/* NULL arguments. */
static void test_null_args(void)
{
    fake_time ft = { .now = 0 };
    msess_time_source ts = { fake_now, &ft };
    msess_time t = 0;
    CHECK_ERR(msess_clock_create(NULL, &ts), MSESS_EINVAL);
    CHECK_ERR(msess_clock_create(NULL, NULL), MSESS_EINVAL);
    msess_clock *c = NULL;
    msess_time_source bad = { NULL, NULL };
    CHECK_ERR(msess_clock_create(&c, &bad), MSESS_EINVAL);
    CHECK(c == NULL);
    CHECK_ERR(msess_clock_start(NULL, 0), MSESS_EINVAL);
    CHECK_ERR(msess_clock_pause(NULL), MSESS_EINVAL);
    CHECK_ERR(msess_clock_stop(NULL), MSESS_EINVAL);
    CHECK_ERR(msess_clock_set_rate(NULL, 1.0), MSESS_EINVAL);
    CHECK_ERR(msess_clock_get_time(NULL, &t), MSESS_EINVAL);
    CHECK_ERR(msess_clock_set_time_source(NULL, &ts), MSESS_EINVAL);
    CHECK_EQ(msess_clock_get_state(NULL), MSESS_CLOCK_INVALID);
    msess_clock_destroy(NULL);
    c = NULL;
    msess_clock_destroy(&c);

    CHECK_ERR(msess_clock_create(&c, &ts), 0);
    CHECK_ERR(msess_clock_get_time(c, NULL), MSESS_EINVAL);
    msess_clock_destroy(&c);
}

/* Enum values are MF's MFCLOCK_STATE. */
static void test_state_values(void)
{
    CHECK_EQ(MSESS_CLOCK_INVALID, 0);
    CHECK_EQ(MSESS_CLOCK_RUNNING, 1);
    CHECK_EQ(MSESS_CLOCK_STOPPED, 2);
    CHECK_EQ(MSESS_CLOCK_PAUSED, 3);
}

/* Internal listener: told after every successful change, not after a refusal. */
static void count_cb(void *userdata)
{
    (*(int *)userdata)++;
}

static void test_listener(void)
{
    fake_time ft = { .now = 0 };
    msess_time_source ts = { fake_now, &ft };
    msess_clock *c = NULL;
    CHECK_ERR(msess_clock_create(&c, &ts), 0);
    if (!c)
        return;
    int n = 0;
    msess__clock_set_listener(c, count_cb, &n);
    CHECK_ERR(msess_clock_start(c, 0), 0);
    CHECK_EQ(n, 1);
    CHECK_ERR(msess_clock_pause(c), 0);
    CHECK_EQ(n, 2);
    CHECK_ERR(msess_clock_pause(c), MSESS_ECLOCKSTATE);
    CHECK_EQ(n, 2);
    CHECK_ERR(msess_clock_set_rate(c, 2.0), 0);
    CHECK_EQ(n, 3);
    CHECK_ERR(msess_clock_set_rate(c, -2.0), MSESS_ERATE);
    CHECK_EQ(n, 3);
    CHECK_ERR(msess_clock_stop(c), 0);
    CHECK_EQ(n, 4);
    CHECK_ERR(msess_clock_stop(c), MSESS_ECLOCKSTATE);
    CHECK_EQ(n, 4);
    CHECK_ERR(msess_clock_set_time_source(c, &ts), 0);
    CHECK_EQ(n, 5);
    msess__clock_set_listener(c, NULL, NULL);
    CHECK_ERR(msess_clock_start(c, 0), 0);
    CHECK_EQ(n, 5);
    ft.now += 1 * SEC;
    CHECK_EQ(clock_time(c), 2 * SEC); /* rate 2 kept across stop */
    msess_clock_destroy(&c);
}

/* The system time source is monotonic and advances. */
static void test_system_time(void)
{
    const msess_time_source *sys = msess_system_time_source();
    CHECK(sys != NULL);
    if (!sys)
        return;
    CHECK(sys->now == msess_system_time);
    msess_time prev = msess_system_time(NULL);
    CHECK(prev >= 0);
    for (int i = 0; i < 100000; i++) {
        msess_time t = sys->now(sys->userdata);
        if (t < prev) {
            fprintf(stderr, "system time went backwards: %lld -> %lld\n", (long long)prev,
                    (long long)t);
            tu_failures++;
            break;
        }
        prev = t;
    }
    /* Sleeping 20 ms moves it forward by at least about that much. */
    msess_time t0 = msess_system_time(NULL);
    msess__sleep(20 * MS);
    msess_time t1 = msess_system_time(NULL);
    CHECK(t1 - t0 >= 15 * MS);

    /* A clock on the system source advances while running. */
    msess_clock *c = NULL;
    CHECK_ERR(msess_clock_create(&c, sys), 0);
    if (!c)
        return;
    CHECK_ERR(msess_clock_start(c, 1 * SEC), 0);
    msess__sleep(20 * MS);
    msess_time pos = clock_time(c);
    CHECK(pos >= 1 * SEC + 15 * MS);
    CHECK_ERR(msess_clock_pause(c), 0);
    pos = clock_time(c);
    msess__sleep(10 * MS);
    CHECK_EQ(clock_time(c), pos);
    msess_clock_destroy(&c);
}

int main(void)
{
    test_state_values();
    test_basic_states();
    test_rate();
    test_no_time_source();
    test_switch_time_source();
    test_null_args();
    test_listener();
    test_system_time();
    return tu_result();
}

/* Checks shared by the tests in tests/mf (the conformance tests have their
 * own, with messages, in mfconf.h): a failed CHECK or CHECK_HR prints where
 * and what and is counted in `failures`; REQUIRE ends the test when the rest
 * cannot run. Include it first: it asks for POSIX. Not a test itself. */
#ifndef MF_TEST_CHECK_H
#define MF_TEST_CHECK_H

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <windows.h>

static int failures;

#define CHECK(cond)                                                                 \
    do {                                                                            \
        if (!(cond)) {                                                              \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                             \
        }                                                                           \
    } while (0)

#define CHECK_HR(expr, want)                                                        \
    do {                                                                            \
        HRESULT check_got_ = (expr), check_want_ = (want);                          \
        if (check_got_ != check_want_) {                                            \
            fprintf(stderr, "%s:%d: %s: got 0x%08x, want 0x%08x\n", __FILE__,       \
                    __LINE__, #expr, (unsigned)check_got_, (unsigned)check_want_);  \
            failures++;                                                             \
        }                                                                           \
    } while (0)

#define REQUIRE(cond)                                                               \
    do {                                                                            \
        if (!(cond)) {                                                              \
            fprintf(stderr, "%s:%d: required: %s\n", __FILE__, __LINE__, #cond);    \
            exit(1);                                                                \
        }                                                                           \
    } while (0)

static inline void test_sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

#endif

/* POSIX implementation of lib/os/thread.h (Linux, macOS, BSDs, MinGW's
 * winpthreads). */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "os/thread.h"

#define TICKS_PER_SEC INT64_C(10000000)

int64_t msess__now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * TICKS_PER_SEC + ts.tv_nsec / 100;
}

void msess__sleep(int64_t ticks)
{
    if (ticks <= 0)
        return;
    struct timespec ts = { (time_t)(ticks / TICKS_PER_SEC),
                           (long)(ticks % TICKS_PER_SEC) * 100 };
    while (nanosleep(&ts, &ts) && errno == EINTR)
        ;
}

int msess__thread_create(msess__thread *t, void *(*fn)(void *), void *arg,
                         const char *name)
{
    int ret = pthread_create(t, NULL, fn, arg);
#if defined(__linux__) && defined(__GLIBC__)
    if (!ret && name) {
        char buf[16];
        strncpy(buf, name, sizeof(buf) - 1);
        buf[sizeof(buf) - 1] = 0;
        pthread_setname_np(*t, buf);
    }
#else
    (void)name;
#endif
    return ret ? -1 : 0;
}

void msess__thread_join(msess__thread t)
{
    pthread_join(t, NULL);
}

void msess__mutex_init(msess__mutex *m)
{
    pthread_mutex_init(m, NULL);
}

void msess__mutex_destroy(msess__mutex *m)
{
    pthread_mutex_destroy(m);
}

void msess__cond_init(msess__cond *c)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
#ifndef __APPLE__
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
#endif
    pthread_cond_init(c, &attr);
    pthread_condattr_destroy(&attr);
}

void msess__cond_destroy(msess__cond *c)
{
    pthread_cond_destroy(c);
}

bool msess__cond_wait_until(msess__cond *c, msess__mutex *m, int64_t deadline)
{
    struct timespec ts = { (time_t)(deadline / TICKS_PER_SEC),
                           (long)(deadline % TICKS_PER_SEC) * 100 };
    return pthread_cond_timedwait(c, m, &ts) != ETIMEDOUT;
}

int msess__cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

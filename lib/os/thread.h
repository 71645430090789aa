/* Threads, locks, condition variables and the monotonic clock: the one
 * platform interface the rest of lib/ sees. Implemented per OS in lib/os/. */
#ifndef MSESS_OS_THREAD_H
#define MSESS_OS_THREAD_H

#include <stdbool.h>
#include <stdint.h>

#include <pthread.h>

typedef pthread_t msess__thread;
typedef pthread_mutex_t msess__mutex;
typedef pthread_cond_t msess__cond;

/* Monotonic time in 100 ns ticks. */
int64_t msess__now(void);
void msess__sleep(int64_t ticks);

int msess__thread_create(msess__thread *t, void *(*fn)(void *), void *arg,
                         const char *name);
void msess__thread_join(msess__thread t);

void msess__mutex_init(msess__mutex *m);
void msess__mutex_destroy(msess__mutex *m);
static inline void msess__mutex_lock(msess__mutex *m) { pthread_mutex_lock(m); }
static inline void msess__mutex_unlock(msess__mutex *m) { pthread_mutex_unlock(m); }

/* Condition variables wait against the monotonic clock. */
void msess__cond_init(msess__cond *c);
void msess__cond_destroy(msess__cond *c);
static inline void msess__cond_wait(msess__cond *c, msess__mutex *m) { pthread_cond_wait(c, m); }
static inline void msess__cond_signal(msess__cond *c) { pthread_cond_signal(c); }
static inline void msess__cond_broadcast(msess__cond *c) { pthread_cond_broadcast(c); }
/* Wait until the monotonic deadline (ticks); returns false on time-out. */
bool msess__cond_wait_until(msess__cond *c, msess__mutex *m, int64_t deadline);

int msess__cpu_count(void);

#endif

/* Internal helpers: the one allocator, logging, small arithmetic. */
#ifndef MSESS_CORE_UTIL_H
#define MSESS_CORE_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#include "msess/common.h"

#define MSESS__MIN(a, b) ((a) < (b) ? (a) : (b))
#define MSESS__MAX(a, b) ((a) > (b) ? (a) : (b))
#define MSESS__ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* All allocation goes through these, so tests can make any of them fail
 * (msess__alloc_fail_after). */
void *msess__malloc(size_t size);
void *msess__calloc(size_t n, size_t size);
void *msess__realloc(void *p, size_t size);
char *msess__strdup(const char *s);
void msess__free(void *p);
/* Test hook: the n-th allocation from now fails (n < 0: never). */
void msess__alloc_fail_after(long n);

#ifdef __GNUC__
#define MSESS__PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define MSESS__PRINTF(a, b)
#endif

void msess__log(const msess_logger *log, enum msess_log_level level,
                const char *fmt, ...) MSESS__PRINTF(3, 4);
#define msess__err(l, ...)   msess__log(l, MSESS_LOG_ERROR, __VA_ARGS__)
#define msess__warn(l, ...)  msess__log(l, MSESS_LOG_WARN, __VA_ARGS__)
#define msess__info(l, ...)  msess__log(l, MSESS_LOG_INFO, __VA_ARGS__)
#define msess__debug(l, ...) msess__log(l, MSESS_LOG_DEBUG, __VA_ARGS__)

/* a * b / c without overflow for the magnitudes of media time. */
int64_t msess__rescale(int64_t a, int64_t b, int64_t c);

#endif

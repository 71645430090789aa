/* Allocator, logging, error strings and version. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

static atomic_long fail_countdown = -1;

void msess__alloc_fail_after(long n)
{
    atomic_store(&fail_countdown, n);
}

static int should_fail(void)
{
    long n = atomic_load_explicit(&fail_countdown, memory_order_relaxed);
    if (n < 0)
        return 0;
    return atomic_fetch_sub(&fail_countdown, 1) == 0;
}

void *msess__malloc(size_t size)
{
    return should_fail() ? NULL : malloc(size ? size : 1);
}

void *msess__calloc(size_t n, size_t size)
{
    return should_fail() ? NULL : calloc(n ? n : 1, size ? size : 1);
}

void *msess__realloc(void *p, size_t size)
{
    return should_fail() ? NULL : realloc(p, size ? size : 1);
}

char *msess__strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = msess__malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

void msess__free(void *p)
{
    free(p);
}

void msess__log(const msess_logger *log, enum msess_log_level level,
                const char *fmt, ...)
{
    if (!log || !log->fn || level > log->level)
        return;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    log->fn(log->userdata, level, buf);
}

void msess_log_stderr(void *userdata, enum msess_log_level level, const char *msg)
{
    static const char *const names[] = { "", "error", "warning", "info", "debug", "trace" };
    const char *prefix = userdata ? userdata : "msess";
    fprintf(stderr, "%s: %s: %s\n", prefix,
            level < MSESS__ARRAY_LEN(names) ? names[level] : "?", msg);
}

int64_t msess__rescale(int64_t a, int64_t b, int64_t c)
{
    return (int64_t)((__int128)a * b / c);
}

unsigned msess_version(void)
{
    return MSESS_VERSION;
}

const char *msess_strerror(int err)
{
    switch (err) {
    case MSESS_OK: return "success";
#define MSESS__ERR_STR(name, value, msg) case MSESS_##name: return msg;
    MSESS_ERRNO_MAP(MSESS__ERR_STR)
#undef MSESS__ERR_STR
    }
    return "unknown error";
}

const char *msess_error_name(int err)
{
    switch (err) {
    case MSESS_OK: return "MSESS_OK";
#define MSESS__ERR_NAME(name, value, msg) case MSESS_##name: return "MSESS_" #name;
    MSESS_ERRNO_MAP(MSESS__ERR_NAME)
#undef MSESS__ERR_NAME
    }
    return "MSESS_UNKNOWN";
}

const char *msess_media_kind_name(enum msess_media_kind kind)
{
    switch (kind) {
    case MSESS_MEDIA_VIDEO: return "video";
    case MSESS_MEDIA_AUDIO: return "audio";
    case MSESS_MEDIA_SUBTITLE: return "subtitle";
    case MSESS_MEDIA_DATA: return "data";
    default: return "unknown";
    }
}

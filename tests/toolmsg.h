/* Messages of the test tools (msess-gen-media, msess-av-ref,
 * msess-av-measure): "PROG: message" on standard error. */
#ifndef MSESS_TESTS_TOOLMSG_H
#define MSESS_TESTS_TOOLMSG_H

#include <stdarg.h>
#include <stdio.h>

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static inline void tool_msg(const char *prog, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

#endif

/* Fuzz target: open arbitrary bytes as a source and play them as fast as
 * possible. Whatever the input, the session must end (ENDED or ERROR) in
 * bounded time without crashing or leaking. Built with libFuzzer when
 * -Dfuzzing=true (clang), else as a program that replays files given on
 * its command line. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <msess/msess.h>

typedef struct mem {
    const uint8_t *data;
    size_t size, pos;
} mem;

static int mem_read(void *ud, uint8_t *buf, int size)
{
    mem *m = ud;
    size_t n = m->size - m->pos;
    if (n > (size_t)size)
        n = (size_t)size;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return (int)n;
}

static int64_t mem_seek(void *ud, int64_t off, int whence)
{
    mem *m = ud;
    int64_t base = whence == SEEK_CUR ? (int64_t)m->pos : whence == SEEK_END ? (int64_t)m->size : 0;
    int64_t p = base + off;
    if (p < 0 || p > (int64_t)m->size)
        return MSESS_EINVAL;
    m->pos = (size_t)p;
    return p;
}

static int64_t mem_size(void *ud)
{
    return (int64_t)((mem *)ud)->size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mem m = { data, size, 0 };
    msess_io io = { &m, mem_read, mem_seek, mem_size, NULL };
    msess_source_settings ss;
    msess_source_default_settings(&ss);
    ss.probe_size = 32768;
    msess_source *src = NULL;
    if (msess_source_open_io(&src, &io, &ss) < 0)
        return 0;
    msess_sink *v = NULL, *a = NULL;
    msess_null_sink_create(&v, &(msess_null_sink_settings){ MSESS_MEDIA_VIDEO, false });
    msess_null_sink_create(&a, &(msess_null_sink_settings){ MSESS_MEDIA_AUDIO, false });
    msess_topology *t = NULL;
    msess_session *s = NULL;
    msess_session_settings set;
    msess_session_default_settings(&set);
    set.decoder_threads = 1;
    if (msess_topology_create_simple(&t, src, v, a) >= 0 &&
        msess_session_create(&s, &set) >= 0 &&
        msess_session_set_topology(s, 0, t) >= 0 &&
        msess_session_start(s, MSESS_TIME_NONE) >= 0) {
        msess_event ev;
        /* 20 s without an event is a hang. */
        for (;;) {
            int ret = msess_session_get_event(s, &ev, 20000);
            if (ret == MSESS_EAGAIN)
                abort();
            if (ret < 0)
                break;
            enum msess_event_type type = ev.type;
            int status = ev.status;
            msess_event_clear(&ev);
            if (type == MSESS_EVENT_ENDED || type == MSESS_EVENT_ERROR ||
                (status < 0 && type != MSESS_EVENT_WARNING))
                break;
        }
    }
    msess_session_destroy(&s);
    msess_topology_destroy(&t);
    msess_sink_destroy(&v);
    msess_sink_destroy(&a);
    msess_source_destroy(&src);
    return 0;
}

#ifndef MSESS_FUZZING_ENGINE
int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 1;
        }
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
        size_t got = buf ? fread(buf, 1, (size_t)n, f) : 0;
        fclose(f);
        LLVMFuzzerTestOneInput(buf, got);
        free(buf);
    }
    return 0;
}
#endif

/* Exact-frame seek benchmark: plays a clip on the real outputs (SDL window,
 * PortAudio; null sinks where they are missing) and seeks, while playing,
 * to random positions in the middle of frames. Each seek is timed from the
 * start(pos) call to the moment the frame containing pos has been shown,
 * and must land on exactly that frame (never the keyframe before it).
 *
 *   msess-bench-seek [--seeks N] [--seed S] FILE
 *
 * Prints one JSON object: {"seeks_ms": [...], "median_ms", "max_ms",
 * "exact": true|false, "outputs": "..."}. Exit 0 when it measured (whatever
 * the figures), 1 when it could not. */
#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <msess/msess.h>

#define MAX_SEEKS 64
#define MS MSESS_TIME_PER_MS

typedef struct bench {
    _Atomic int64_t call;        /* system time of the pending seek's call; 0: none */
    _Atomic msess_time target;
    _Atomic int64_t shown_at;    /* when the target frame was shown */
    _Atomic msess_time shown_pts;
    _Atomic msess_time shown_end;
} bench;

/* The first frame shown after the call near the target is where the seek
 * landed: the target's own frame, or (not exact) one before it. Frames
 * from the old position are elsewhere (the runs between seeks are short). */
static void on_frame(void *ud, const msess_frame_info *fi)
{
    bench *b = ud;
    if (fi->dropped || !atomic_load(&b->call))
        return;
    msess_time target = atomic_load(&b->target);
    if (fi->pts > target || fi->pts < target - 11 * MSESS_TIME_PER_SECOND / 10)
        return;
    int64_t zero = 0;
    if (atomic_compare_exchange_strong(&b->shown_at, &zero, msess_system_time(NULL))) {
        atomic_store(&b->shown_pts, fi->pts);
        atomic_store(&b->shown_end, fi->pts + fi->duration);
    }
}

static int wait_event(msess_session *s, enum msess_event_type type)
{
    for (;;) {
        msess_event ev;
        int ret = msess_session_get_event(s, &ev, 10000);
        if (ret < 0) {
            fprintf(stderr, "msess-bench-seek: no %s event: %s\n", msess_event_type_name(type),
                    msess_strerror(ret));
            return ret;
        }
        enum msess_event_type t = ev.type;
        int status = ev.status;
        if (t == MSESS_EVENT_ERROR)
            fprintf(stderr, "msess-bench-seek: error: %s\n", ev.message);
        msess_event_clear(&ev);
        if (t == MSESS_EVENT_ERROR)
            return status < 0 ? status : MSESS_EEXTERNAL;
        if (t == type)
            return status;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

int main(int argc, char **argv)
{
    int nb = 10;
    unsigned seed = 1;
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--seeks") && i + 1 < argc)
            nb = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
            seed = (unsigned)strtoul(argv[++i], NULL, 10);
        else if (argv[i][0] != '-' && !file)
            file = argv[i];
        else {
            fprintf(stderr, "usage: msess-bench-seek [--seeks N] [--seed S] FILE\n");
            return 1;
        }
    }
    if (!file || nb < 1 || nb > MAX_SEEKS) {
        fprintf(stderr, "usage: msess-bench-seek [--seeks N<=%d] [--seed S] FILE\n", MAX_SEEKS);
        return 1;
    }

    msess_source *src = NULL;
    int ret = msess_source_open(&src, file, NULL);
    if (ret < 0) {
        fprintf(stderr, "msess-bench-seek: cannot open %s: %s\n", file, msess_strerror(ret));
        return 1;
    }
    int vi = msess_source_find_stream(src, MSESS_MEDIA_VIDEO);
    msess_stream_info si;
    msess_time dur = msess_source_duration(src);
    if (vi < 0 || msess_source_stream_info(src, (unsigned)vi, &si) < 0 ||
        si.type.frame_rate.num <= 0 || dur == MSESS_TIME_NONE || dur < 5 * MSESS_TIME_PER_SECOND) {
        fprintf(stderr, "msess-bench-seek: need a video of known frame rate, 5 s or longer\n");
        msess_source_destroy(&src);
        return 1;
    }
    double fps = (double)si.type.frame_rate.num / si.type.frame_rate.den;

    msess_sink *vsink = NULL, *asink = NULL;
    char outputs[64];
    bool real_v = msess_video_output_create(&vsink, NULL) >= 0;
    bool real_a = msess_audio_output_create(&asink, NULL) >= 0;
    msess_null_sink_settings ns;
    msess_null_sink_default_settings(&ns);
    ns.kind = MSESS_MEDIA_VIDEO;
    if (!vsink)
        msess_null_sink_create(&vsink, &ns);
    ns.kind = MSESS_MEDIA_AUDIO;
    if (!asink && msess_source_find_stream(src, MSESS_MEDIA_AUDIO) >= 0)
        msess_null_sink_create(&asink, &ns);
    snprintf(outputs, sizeof(outputs), "%s+%s", real_v ? "sdl" : "null",
             !asink ? "none" : real_a ? "portaudio" : "null");

    bench b = { 0 };
    msess_sink_set_frame_callback(vsink, on_frame, &b);
    msess_topology *topo = NULL;
    msess_session *s = NULL;
    double ms[MAX_SEEKS];
    int done = 0;
    bool exact = true;
    if ((ret = msess_topology_create_simple(&topo, src, vsink, asink)) < 0 ||
        (ret = msess_session_create(&s, NULL)) < 0 ||
        (ret = msess_session_set_topology(s, 0, topo)) < 0 ||
        (ret = wait_event(s, MSESS_EVENT_TOPOLOGY_SET)) < 0 ||
        (ret = msess_session_start(s, MSESS_TIME_NONE)) < 0 ||
        (ret = wait_event(s, MSESS_EVENT_STARTED)) < 0)
        goto end;
    sleep_ms(1000);
    srand(seed);
    int64_t frames = (int64_t)((double)dur / MSESS_TIME_PER_SECOND * fps);
    for (; done < nb; done++) {
        /* the middle of a random frame, at least 2 s from the end */
        int64_t k = rand() % (frames - (int64_t)(3 * fps));
        msess_time pos = (msess_time)(((double)k + 0.5) * MSESS_TIME_PER_SECOND / fps);
        atomic_store(&b.target, pos);
        atomic_store(&b.shown_at, 0);
        int64_t call = msess_system_time(NULL);
        atomic_store(&b.call, call);
        if ((ret = msess_session_start(s, pos)) < 0 || (ret = wait_event(s, MSESS_EVENT_STARTED)) < 0)
            goto end;
        int64_t at = 0;
        for (int t = 0; t < 5000 && !(at = atomic_load(&b.shown_at)); t++)
            sleep_ms(1);
        atomic_store(&b.call, 0);
        if (!at) {
            fprintf(stderr, "msess-bench-seek: frame at %.3f s never shown\n",
                    (double)pos / MSESS_TIME_PER_SECOND);
            ret = MSESS_ETIMEDOUT;
            goto end;
        }
        msess_time p = atomic_load(&b.shown_pts), e = atomic_load(&b.shown_end);
        bool hit = p <= pos && pos < e;
        exact = exact && hit;
        ms[done] = (double)(at - call) / MS;
        fprintf(stderr, "seek to %.4f s (frame %" PRId64 "): %.1f ms, shown %.4f s%s\n",
                (double)pos / MSESS_TIME_PER_SECOND, k, ms[done],
                (double)p / MSESS_TIME_PER_SECOND, hit ? "" : " (NOT the target frame)");
        sleep_ms(700);
    }
end:
    if (s) {
        msess_session_close(s);
        wait_event(s, MSESS_EVENT_CLOSED);
    }
    msess_session_destroy(&s);
    msess_topology_destroy(&topo);
    msess_sink_destroy(&vsink);
    msess_sink_destroy(&asink);
    msess_source_destroy(&src);
    if (ret < 0 || done < nb) {
        fprintf(stderr, "msess-bench-seek: failed: %s\n", msess_strerror(ret));
        return 1;
    }
    printf("{\"seeks_ms\":[");
    for (int i = 0; i < done; i++)
        printf("%s%.3f", i ? "," : "", ms[i]);
    qsort(ms, (size_t)done, sizeof(ms[0]), cmp_double);
    printf("],\"median_ms\":%.3f,\"max_ms\":%.3f,\"exact\":%s,\"outputs\":\"%s\"}\n",
           done % 2 ? ms[done / 2] : (ms[done / 2 - 1] + ms[done / 2]) / 2, ms[done - 1],
           exact ? "true" : "false", outputs);
    return 0;
}

/* Integration: bad input never hangs or crashes, and fails the documented way.
 *
 * - msess_source_open: missing file (MSESS_ENOENT), unknown scheme
 *   (MSESS_EUNSUPPORTED), garbage (MSESS_EINVALIDDATA), a truncated mp4
 *   (open fails, or playback ends in ERROR).
 * - msess_io sources: read errors at open; av.mp4 served from memory plays
 *   all 100 frames (close called once); a non-seekable stream plays without
 *   the seek capability; a stream cut in the middle, or failing in the
 *   middle of the media data, ends (ENDED or ERROR) without hanging.
 * - shared media: an invalid VP9 bitstream gives ERROR(MSESS_EINVALIDDATA)
 *   mentioning the decoder; an mp3 with 100 kB of garbage in front ends.
 * - NULL and invalid arguments to every source and sink function:
 *   MSESS_EINVAL or the documented neutral value, no crash (each group runs
 *   in a child process so a crash is reported, not fatal). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

#define SEC MSESS_TIME_PER_SECOND
#define EV_TIMEOUT 20000

/* ---- playing a source to its end */

typedef struct outcome {
    int end;            /* MSESS_EVENT_ENDED, MSESS_EVENT_ERROR, or -1 (hang) */
    int status;         /* the ERROR's status */
    char message[256];
    size_t video, audio; /* frames seen */
    int first_number;
    bool in_order;
    uint32_t caps;      /* caps once the topology was set */
} outcome;

static outcome play(msess_source *src, int timeout_ms)
{
    outcome o = { .end = -1, .first_number = -1, .in_order = true };
    msess_null_sink_settings ns;
    msess_null_sink_default_settings(&ns);
    ns.clocked = false;
    msess_sink *v = NULL, *a = NULL;
    ns.kind = MSESS_MEDIA_VIDEO;
    CHECK_ERR(msess_null_sink_create(&v, &ns), 0);
    ns.kind = MSESS_MEDIA_AUDIO;
    CHECK_ERR(msess_null_sink_create(&a, &ns), 0);
    tu_recorder vr, ar;
    tu_recorder_init(&vr);
    tu_recorder_init(&ar);
    tu_recorder_attach(&vr, v);
    tu_recorder_attach(&ar, a);
    msess_topology *t = NULL;
    msess_session *s = NULL;
    CHECK_ERR(msess_topology_create_simple(&t, src, v, a), 0);
    CHECK_ERR(msess_session_create(&s, NULL), 0);
    if (t && s) {
        CHECK_ERR(msess_session_set_topology(s, 0, t), 0);
        tu_event_log log = { .n = 0 };
        int i = tu_log_until(s, &log, MSESS_EVENT_TOPOLOGY_STATUS, EV_TIMEOUT);
        CHECK(i >= 0);
        int c = tu_log_find(&log, 0, MSESS_EVENT_CAPABILITIES_CHANGED, 0);
        if (c >= 0)
            o.caps = log.ev[c].caps;
        CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
        int64_t end = tu_now_ms() + timeout_ms;
        while (o.end < 0 && tu_now_ms() < end) {
            msess_event ev;
            if (tu_next_event(s, &ev, 100) < 0)
                continue;
            if (ev.type == MSESS_EVENT_ENDED || ev.type == MSESS_EVENT_ERROR) {
                o.end = (int)ev.type;
                o.status = ev.status;
                snprintf(o.message, sizeof(o.message), "%s", ev.message);
            }
            msess_event_clear(&ev);
        }
    }
    msess_session_destroy(&s); /* must not hang either */
    msess_topology_destroy(&t);
    size_t n;
    tu_frame *f = tu_recorder_copy(&vr, &n);
    o.video = n;
    if (n)
        o.first_number = f[0].number;
    for (size_t i = 1; i < n; i++)
        if (f[i].number != f[i - 1].number + 1)
            o.in_order = false;
    free(f);
    o.audio = tu_recorder_count(&ar);
    msess_sink_destroy(&v);
    msess_sink_destroy(&a);
    tu_recorder_free(&vr);
    tu_recorder_free(&ar);
    return o;
}

static const char *end_name(int end)
{
    return end < 0 ? "nothing (hang)" : msess_event_type_name((enum msess_event_type)end);
}

/* ---- files */

static void open_errors(void)
{
    fprintf(stderr, "-- msess_source_open errors\n");
    static int dummy;
    msess_source *src = (msess_source *)&dummy;
    CHECK_ERR(msess_source_open(&src, tu_media("no-such-file.mp4"), NULL), MSESS_ENOENT);
    CHECK(src == NULL);
    src = (msess_source *)&dummy;
    CHECK_ERR(msess_source_open(&src, "nosuchscheme://x", NULL), MSESS_EUNSUPPORTED);
    CHECK(src == NULL);
    src = (msess_source *)&dummy;
    CHECK_ERR(msess_source_open(&src, tu_media("garbage.mp4"), NULL), MSESS_EINVALIDDATA);
    CHECK(src == NULL);
    /* an unknown forced demuxer */
    msess_source_settings ss;
    msess_source_default_settings(&ss);
    ss.format = "no-such-demuxer";
    src = (msess_source *)&dummy;
    CHECK_ERR(msess_source_open(&src, tu_media("av.mp4"), &ss), MSESS_EUNSUPPORTED);
    CHECK(src == NULL);
    /* a directory is not media */
    src = NULL;
    int ret = msess_source_open(&src, getenv("MSESS_TEST_MEDIA") ? getenv("MSESS_TEST_MEDIA") : ".",
                                NULL);
    CHECK(ret < 0);
    CHECK(src == NULL);
    msess_source_destroy(&src);
}

static void truncated_file(void)
{
    fprintf(stderr, "-- truncated.mp4\n");
    msess_source *src = NULL;
    int ret = msess_source_open(&src, tu_media("truncated.mp4"), NULL);
    if (ret < 0) {
        CHECK(src == NULL);
        CHECK(ret == MSESS_EINVALIDDATA || ret == MSESS_EIO || ret == MSESS_EOF);
        fprintf(stderr, "   open failed: %s\n", msess_error_name(ret));
        return;
    }
    outcome o = play(src, 15000);
    fprintf(stderr, "   opened; playback ended with %s\n", end_name(o.end));
    if (o.end != MSESS_EVENT_ERROR) {
        fprintf(stderr, "  truncated.mp4 played to %s, want an ERROR\n", end_name(o.end));
        tu_failures++;
    }
    msess_source_destroy(&src);
}

/* ---- application byte streams */

typedef struct memio {
    uint8_t *data;
    int64_t size;        /* visible size (a cut stream is shorter) */
    int64_t pos;
    int64_t fail_from;   /* reads in [fail_from, fail_to) fail with MSESS_EIO */
    int64_t fail_to;
    int closes;
} memio;

static int mem_read(void *ud, uint8_t *buf, int size)
{
    memio *m = ud;
    if (m->pos >= m->fail_from && m->pos < m->fail_to)
        return MSESS_EIO;
    int64_t avail = m->size - m->pos;
    if (m->pos < m->fail_from && m->fail_from < m->size)
        avail = m->fail_from - m->pos; /* stop short of the bad region */
    if (avail <= 0)
        return 0;
    int n = (int)(avail < size ? avail : size);
    memcpy(buf, m->data + m->pos, (size_t)n);
    m->pos += n;
    return n;
}

static int64_t mem_seek(void *ud, int64_t off, int whence)
{
    memio *m = ud;
    int64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? m->pos : m->size;
    if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)
        return MSESS_EINVAL;
    int64_t p = base + off;
    if (p < 0 || p > m->size)
        return MSESS_EINVAL;
    m->pos = p;
    return p;
}

static int64_t mem_size(void *ud)
{
    return ((memio *)ud)->size;
}

static void mem_close(void *ud)
{
    ((memio *)ud)->closes++;
}

static int err_read(void *ud, uint8_t *buf, int size)
{
    (void)buf;
    (void)size;
    ((memio *)ud)->pos++;
    return MSESS_EIO;
}

static bool mem_load(memio *m, const char *name)
{
    memset(m, 0, sizeof(*m));
    FILE *f = fopen(tu_media(name), "rb");
    if (!f)
        return false;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    m->data = malloc(len > 0 ? (size_t)len : 1);
    bool ok = m->data && len > 0 && fread(m->data, 1, (size_t)len, f) == (size_t)len;
    fclose(f);
    m->size = len;
    m->fail_from = m->fail_to = INT64_MAX;
    if (!ok)
        fprintf(stderr, "cannot load %s\n", name);
    return ok;
}

static msess_io mem_io(memio *m, bool seekable)
{
    return (msess_io){ .userdata = m, .read = mem_read, .seek = seekable ? mem_seek : NULL,
                       .size = seekable ? mem_size : NULL, .close = mem_close };
}

static void io_errors(void)
{
    fprintf(stderr, "-- msess_io: read errors, empty stream\n");
    memio m = { .fail_from = INT64_MAX, .fail_to = INT64_MAX };
    msess_io io = { .userdata = &m, .read = err_read, .close = mem_close };
    msess_source *src = NULL;
    int ret = msess_source_open_io(&src, &io, NULL);
    CHECK(ret < 0);
    CHECK(ret != MSESS_EINVAL);
    CHECK(src == NULL);
    CHECK(m.pos > 0);          /* it did try to read */
    CHECK_EQ(m.closes, 0);     /* close is not called on failure */
    fprintf(stderr, "   failing reads: %s\n", msess_error_name(ret));

    /* an empty stream */
    memio e = { .data = NULL, .size = 0, .fail_from = INT64_MAX, .fail_to = INT64_MAX };
    io = mem_io(&e, true);
    ret = msess_source_open_io(&src, &io, NULL);
    CHECK(ret < 0);
    CHECK(src == NULL);
    CHECK_EQ(e.closes, 0);

    /* garbage served through msess_io */
    memio g;
    if (mem_load(&g, "garbage.mp4")) {
        io = mem_io(&g, true);
        CHECK_ERR(msess_source_open_io(&src, &io, NULL), MSESS_EINVALIDDATA);
        CHECK(src == NULL);
        CHECK_EQ(g.closes, 0);
    }
    free(g.data);
}

static void io_memory_plays(void)
{
    fprintf(stderr, "-- msess_io: av.mp4 from memory\n");
    memio m;
    if (!mem_load(&m, "av.mp4")) {
        tu_failures++;
        return;
    }
    msess_io io = mem_io(&m, true);
    msess_source *src = NULL;
    CHECK_ERR(msess_source_open_io(&src, &io, NULL), 0);
    if (src) {
        CHECK(msess_source_seekable(src));
        CHECK(!msess_source_is_network(src));
        CHECK_EQ(msess_source_duration(src), 4 * SEC);
        outcome o = play(src, EV_TIMEOUT);
        CHECK_EQ(o.end, MSESS_EVENT_ENDED);
        CHECK_EQ(o.video, 100);
        CHECK_EQ(o.first_number, 0);
        CHECK(o.in_order);
        CHECK(o.audio > 150);
        CHECK(o.caps & MSESS_CAP_SEEK);
        CHECK_EQ(m.closes, 0);
        msess_source_destroy(&src);
        CHECK_EQ(m.closes, 1);
    }
    free(m.data);

    /* not seekable: mkv streams fine, without the seek capability */
    fprintf(stderr, "-- msess_io: av2.mkv, not seekable\n");
    if (!mem_load(&m, "av2.mkv")) {
        tu_failures++;
        return;
    }
    io = mem_io(&m, false);
    CHECK_ERR(msess_source_open_io(&src, &io, NULL), 0);
    if (src) {
        CHECK(!msess_source_seekable(src));
        outcome o = play(src, EV_TIMEOUT);
        CHECK_EQ(o.end, MSESS_EVENT_ENDED);
        CHECK_EQ(o.video, 50);
        CHECK(o.in_order);
        CHECK(!(o.caps & MSESS_CAP_SEEK));
        CHECK(o.caps & MSESS_CAP_START);
        msess_source_destroy(&src);
        CHECK_EQ(m.closes, 1);
    }
    free(m.data);
}

static void io_cut_streams(void)
{
    /* av2.mkv cut in the middle: the header is intact, the clusters stop */
    fprintf(stderr, "-- msess_io: av2.mkv cut in the middle\n");
    memio m;
    if (!mem_load(&m, "av2.mkv")) {
        tu_failures++;
        return;
    }
    m.size /= 2;
    msess_io io = mem_io(&m, true);
    msess_source *src = NULL;
    int ret = msess_source_open_io(&src, &io, NULL);
    CHECK_ERR(ret, 0);
    if (src) {
        outcome o = play(src, EV_TIMEOUT);
        fprintf(stderr, "   %s after %zu video frames %s\n", end_name(o.end), o.video, o.message);
        CHECK(o.end == MSESS_EVENT_ENDED || o.end == MSESS_EVENT_ERROR);
        CHECK(o.video > 0 && o.video < 50);
        CHECK(o.in_order);
        CHECK_EQ(o.first_number, 0);
        msess_source_destroy(&src);
    }
    free(m.data);

    /* av.mp4 (moov at the end) whose reads fail in the second half of the
     * media data: a read error while playing */
    fprintf(stderr, "-- msess_io: av.mp4 failing in the middle of mdat\n");
    if (!mem_load(&m, "av.mp4")) {
        tu_failures++;
        return;
    }
    m.fail_from = m.size / 2;
    m.fail_to = m.size - 4334; /* the moov box (4334 bytes) reads fine */
    io = mem_io(&m, true);
    ret = msess_source_open_io(&src, &io, NULL);
    if (ret < 0) {
        fprintf(stderr, "   open failed: %s\n", msess_error_name(ret));
        CHECK(src == NULL);
    } else {
        outcome o = play(src, EV_TIMEOUT);
        fprintf(stderr, "   %s (%s) after %zu video frames %s\n", end_name(o.end),
                msess_error_name(o.status), o.video, o.message);
        CHECK(o.end == MSESS_EVENT_ENDED || o.end == MSESS_EVENT_ERROR);
        if (o.end == MSESS_EVENT_ERROR)
            CHECK(o.status < 0);
        CHECK(o.video < 100);
        CHECK(o.in_order);
        msess_source_destroy(&src);
    }
    free(m.data);
}

/* ---- shared media */

static void shared_media(void)
{
    const char *vp9 = tu_shared_media("vp9-invalid-bitstream.webm");
    struct stat st;
    if (!vp9 || stat(vp9, &st)) {
        fprintf(stderr, "-- shared media absent: skipped\n");
        return;
    }
    fprintf(stderr, "-- vp9-invalid-bitstream.webm\n");
    msess_source *src = NULL;
    CHECK_ERR(msess_source_open(&src, vp9, NULL), 0);
    if (src) {
        outcome o = play(src, EV_TIMEOUT);
        fprintf(stderr, "   %s (%s) %s\n", end_name(o.end), msess_error_name(o.status), o.message);
        CHECK_EQ(o.end, MSESS_EVENT_ERROR);
        CHECK_ERR(o.status, MSESS_EINVALIDDATA);
        CHECK(strstr(o.message, "decode") != NULL);
        msess_source_destroy(&src);
    }

    const char *mp3 = tu_shared_media("mp3-100kB-garbage-prefix.mp3");
    if (mp3 && !stat(mp3, &st)) {
        fprintf(stderr, "-- mp3-100kB-garbage-prefix.mp3\n");
        int ret = msess_source_open(&src, mp3, NULL);
        CHECK_ERR(ret, 0);
        if (src) {
            outcome o = play(src, EV_TIMEOUT);
            fprintf(stderr, "   %s (%s) after %zu audio frames %s\n", end_name(o.end),
                    msess_error_name(o.status), o.audio, o.message);
            CHECK(o.end == MSESS_EVENT_ENDED || o.end == MSESS_EVENT_ERROR);
            msess_source_destroy(&src);
        }
    }
}

/* ---- NULL and invalid arguments, each group in a child process */

static void run_isolated(const char *name, void (*fn)(void))
{
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        tu_failures++;
        return;
    }
    if (pid == 0) {
        tu_failures = 0;
        fn();
        fflush(stderr);
        _exit(tu_failures ? 1 : 0);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) {
        tu_failures++;
        return;
    }
    if (WIFSIGNALED(status)) {
        fprintf(stderr, "  %s: crashed (signal %d)\n", name, WTERMSIG(status));
        tu_failures++;
    } else if (WEXITSTATUS(status)) {
        fprintf(stderr, "  %s: failed checks (above)\n", name);
        tu_failures++;
    }
}

static void frame_cb(void *ud, const msess_frame_info *info)
{
    (void)ud;
    (void)info;
}

static void source_null_args(void)
{
    msess_source *src = NULL;
    msess_stream_info info;
    const char *k = NULL, *v = NULL;
    CHECK_ERR(msess_source_open(NULL, tu_media("av.mp4"), NULL), MSESS_EINVAL);
    CHECK_ERR(msess_source_open(&src, NULL, NULL), MSESS_EINVAL);
    CHECK(src == NULL);
    memio m = { .fail_from = INT64_MAX, .fail_to = INT64_MAX };
    msess_io io = mem_io(&m, true);
    CHECK_ERR(msess_source_open_io(NULL, &io, NULL), MSESS_EINVAL);
    CHECK_ERR(msess_source_open_io(&src, NULL, NULL), MSESS_EINVAL);
    io.read = NULL;
    CHECK_ERR(msess_source_open_io(&src, &io, NULL), MSESS_EINVAL);
    CHECK(src == NULL);
    CHECK_EQ(m.closes, 0);
    msess_source_destroy(NULL);
    msess_source_destroy(&src);
    CHECK_EQ(msess_source_stream_count(NULL), 0);
    CHECK_ERR(msess_source_stream_info(NULL, 0, &info), MSESS_EINVAL);
    CHECK_ERR(msess_source_select_stream(NULL, 0, true), MSESS_EINVAL);
    CHECK(!msess_source_stream_selected(NULL, 0));
    CHECK_ERR(msess_source_find_stream(NULL, MSESS_MEDIA_VIDEO), MSESS_EINVAL);
    CHECK_EQ(msess_source_duration(NULL), MSESS_TIME_NONE);
    CHECK(!msess_source_seekable(NULL));
    CHECK(!msess_source_is_network(NULL));
    CHECK(msess_source_format_name(NULL) == NULL);
    CHECK(msess_source_metadata(NULL, "title") == NULL);
    CHECK_ERR(msess_source_metadata_at(NULL, 0, &k, &v), MSESS_EINVAL);

    /* a real source with NULL out-parameters and bad indexes */
    src = tu_open("av.mp4");
    CHECK_ERR(msess_source_stream_info(src, 0, NULL), MSESS_EINVAL);
    CHECK_ERR(msess_source_stream_info(src, 99, &info), MSESS_ENOENT);
    CHECK_ERR(msess_source_select_stream(src, 99, true), MSESS_ENOENT);
    CHECK(!msess_source_stream_selected(src, 99));
    CHECK(msess_source_metadata(src, NULL) == NULL);
    int ret = msess_source_metadata_at(src, 0, NULL, NULL);
    CHECK(ret == 0 || ret == MSESS_ENOENT);
    CHECK_ERR(msess_source_metadata_at(src, 100000, &k, &v), MSESS_ENOENT);
    CHECK(msess_source_find_stream(src, MSESS_MEDIA_SUBTITLE) < 0);
    msess_source_destroy(&src);
    CHECK(src == NULL);
}

static void sink_null_args(void)
{
    msess_sink_stats st;
    msess_video_frame f;
    memset(&f, 0, sizeof(f));
    float buf[64];
    msess_sink_destroy(NULL);
    msess_sink *none = NULL;
    msess_sink_destroy(&none);
    CHECK(msess_sink_ref(NULL) == NULL);
    CHECK_EQ(msess_sink_kind(NULL), MSESS_MEDIA_UNKNOWN);
    CHECK(msess_sink_name(NULL) == NULL);
    msess_sink_get_stats(NULL, &st);
    msess_sink_reset_stats(NULL);
    msess_sink_set_frame_callback(NULL, frame_cb, NULL);

    CHECK_ERR(msess_null_sink_create(NULL, NULL), MSESS_EINVAL);
    CHECK_ERR(msess_app_video_sink_create(NULL, NULL), MSESS_EINVAL);
    CHECK_ERR(msess_app_audio_sink_create(NULL, NULL), MSESS_EINVAL);
    CHECK_ERR(msess_app_video_acquire(NULL, 0, &f), MSESS_EINVAL);
    msess_app_video_release(NULL, NULL);
    msess_app_video_release(NULL, &f);
    CHECK_ERR(msess_app_audio_read(NULL, buf, 8), MSESS_EINVAL);

    msess_sink *nv = NULL, *av = NULL, *aa = NULL;
    CHECK_ERR(msess_null_sink_create(&nv, NULL), 0);
    CHECK_ERR(msess_app_video_sink_create(&av, NULL), 0);
    CHECK_ERR(msess_app_audio_sink_create(&aa, NULL), 0);
    CHECK(msess_sink_name(nv) != NULL);
    msess_sink_get_stats(nv, NULL);
    CHECK_ERR(msess_app_video_acquire(av, 0, NULL), MSESS_EINVAL);
    /* a sink of another kind */
    CHECK_ERR(msess_app_video_acquire(nv, 0, &f), MSESS_EINVAL);
    CHECK_ERR(msess_app_video_acquire(aa, 0, &f), MSESS_EINVAL);
    msess_app_video_release(av, NULL);
    CHECK_ERR(msess_app_audio_read(aa, NULL, 8), MSESS_EINVAL);
    CHECK_ERR(msess_app_audio_read(aa, buf, -1), MSESS_EINVAL);
    CHECK_ERR(msess_app_audio_read(nv, buf, 8), MSESS_EINVAL);
    CHECK_ERR(msess_app_audio_read(av, buf, 8), MSESS_EINVAL);
    /* not playing: nothing to read or show */
    CHECK_ERR(msess_app_audio_read(aa, buf, 8), 0);
    CHECK_ERR(msess_app_video_acquire(av, 0, &f), MSESS_EAGAIN);
    msess_sink_get_stats(aa, &st);
    CHECK_EQ(st.frames_received, 0);
    CHECK_EQ(st.first_pts, MSESS_TIME_NONE);
    msess_sink_destroy(&nv);
    msess_sink_destroy(&av);
    msess_sink_destroy(&aa);
    CHECK(nv == NULL && av == NULL && aa == NULL);
}

/* (sink.h does not promise *out = NULL on failure, unlike source.h: start
 * from NULL and check nothing was created) */
static void sink_bad_settings(void)
{
    msess_sink *s;

    msess_null_sink_settings ns;
    msess_null_sink_default_settings(&ns);
    ns.kind = MSESS_MEDIA_SUBTITLE;
    s = NULL;
    CHECK_ERR(msess_null_sink_create(&s, &ns), MSESS_EINVAL);
    CHECK(s == NULL);

    msess_app_video_settings vs;
    const enum msess_pixel_format other[] = { MSESS_PIX_OTHER, MSESS_PIX_NONE };
    const int queues[] = { 0, 33, -1 };
    for (int i = 0; i < 3; i++) {
        msess_app_video_default_settings(&vs);
        vs.queue_frames = queues[i];
        s = NULL;
        CHECK_ERR(msess_app_video_sink_create(&s, &vs), MSESS_EINVAL);
        CHECK(s == NULL);
    }
    msess_app_video_default_settings(&vs);
    vs.formats = other;
    s = NULL;
    CHECK_ERR(msess_app_video_sink_create(&s, &vs), MSESS_EINVAL);
    CHECK(s == NULL);

    msess_app_audio_settings as;
    for (int i = 0; i < 6; i++) {
        msess_app_audio_default_settings(&as);
        switch (i) {
        case 0: as.sample_rate = 0; break;
        case 1: as.channels = 0; break;
        case 2: as.format = MSESS_SAMPLE_FLTP; break; /* planar: packed only */
        case 3: as.format = MSESS_SAMPLE_NONE; break;
        case 4: as.queue_ms = 0; break;
        case 5: as.sample_rate = -48000; break;
        }
        s = NULL;
        int ret = msess_app_audio_sink_create(&s, &as);
        if (ret != MSESS_EINVAL) {
            fprintf(stderr, "  app audio settings case %d: %s\n", i, msess_error_name(ret));
            tu_failures++;
        }
        if (ret == 0)
            msess_sink_destroy(&s);
        else
            CHECK(s == NULL);
    }
}

int main(void)
{
    open_errors();
    truncated_file();
    io_errors();
    io_memory_plays();
    io_cut_streams();
    shared_media();
    fprintf(stderr, "-- NULL and invalid arguments\n");
    run_isolated("source functions", source_null_args);
    run_isolated("sink functions", sink_null_args);
    run_isolated("sink settings", sink_bad_settings);
    return tu_result();
}

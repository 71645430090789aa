/* Shared test helpers. */
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>

#include "testutil.h"

int tu_failures;

int tu_result(void)
{
    if (tu_failures)
        fprintf(stderr, "%d check(s) failed\n", tu_failures);
    return tu_failures ? 1 : 0;
}

const char *tu_media(const char *name)
{
    static char buf[4][1024];
    static int i;
    const char *dir = getenv("MSESS_TEST_MEDIA");
    char *b = buf[i++ % 4];
    snprintf(b, sizeof(buf[0]), "%s/%s", dir ? dir : ".", name);
    return b;
}

const char *tu_shared_media(const char *name)
{
    static char buf[4][1024];
    static int i;
    const char *dir = getenv("MSESS_SHARED_MEDIA");
    struct stat st;
    if (!dir || stat(dir, &st) || !S_ISDIR(st.st_mode))
        return NULL;
    char *b = buf[i++ % 4];
    snprintf(b, sizeof(buf[0]), "%s/%s", dir, name);
    return b;
}

msess_source *tu_open(const char *name)
{
    msess_source *src = NULL;
    int ret = msess_source_open(&src, tu_media(name), NULL);
    if (ret < 0) {
        fprintf(stderr, "cannot open %s: %s\n", tu_media(name), msess_strerror(ret));
        exit(1);
    }
    return src;
}

int tu_next_event(msess_session *s, msess_event *ev, int timeout_ms)
{
    int ret = msess_session_get_event(s, ev, timeout_ms);
    return ret < 0 ? -1 : (int)ev->type;
}

static void describe(char *buf, size_t n, enum msess_event_type type, int status)
{
    if (type == MSESS_EVENT_TOPOLOGY_STATUS)
        snprintf(buf, n, "%s(%d)", msess_event_type_name(type), status);
    else
        snprintf(buf, n, "%s(%s)", msess_event_type_name(type), msess_error_name(status));
}

int tu_expect(msess_session *s, const tu_ev *evs, int n, int timeout_ms)
{
    int bad = 0;
    for (int i = 0; i < n; i++) {
        msess_event ev;
        char want[96], got[96];
        describe(want, sizeof(want), evs[i].type, evs[i].status);
        if (tu_next_event(s, &ev, timeout_ms) < 0) {
            fprintf(stderr, "  event %d: want %s, got nothing\n", i, want);
            tu_failures++;
            return -1;
        }
        int st = ev.type == MSESS_EVENT_TOPOLOGY_STATUS ? (int)ev.topology_status : ev.status;
        describe(got, sizeof(got), ev.type, st);
        if (ev.type != evs[i].type || st != evs[i].status) {
            fprintf(stderr, "  event %d: want %s, got %s %s\n", i, want, got, ev.message);
            tu_failures++;
            bad = -1;
        }
        msess_event_clear(&ev);
    }
    return bad;
}

int tu_wait_for(msess_session *s, enum msess_event_type type, int *status, int timeout_ms)
{
    for (;;) {
        msess_event ev;
        if (tu_next_event(s, &ev, timeout_ms) < 0)
            return -1;
        bool match = ev.type == type;
        if (match && status)
            *status = ev.status;
        msess_event_clear(&ev);
        if (match)
            return 0;
    }
}

/* ---- Integration-test helpers. */
#include <time.h>

#include "framecode.h"

void tu_recorder_init(tu_recorder *r)
{
    memset(r, 0, sizeof(*r));
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->cond, NULL);
}

void tu_recorder_free(tu_recorder *r)
{
    free(r->frames);
    r->frames = NULL;
    r->count = r->cap = 0;
    pthread_cond_destroy(&r->cond);
    pthread_mutex_destroy(&r->lock);
}

static void tu_recorder_cb(void *userdata, const msess_frame_info *info)
{
    tu_recorder *r = userdata;
    tu_frame f = { .pts = info->pts, .duration = info->duration, .number = -1,
                   .dropped = info->dropped, .samples = info->samples,
                   .width = info->width, .height = info->height,
                   .ff_format = info->ff_format };
    if (info->kind == MSESS_MEDIA_VIDEO && info->data[0] && info->linesize[0] > 0) {
        uint32_t n;
        if (framecode_read(info->data[0], info->linesize[0], info->width, info->height, &n) == 0)
            f.number = (int)n;
    }
    pthread_mutex_lock(&r->lock);
    f.marker = r->marker;
    if (r->count == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 256;
        tu_frame *nf = realloc(r->frames, cap * sizeof(*nf));
        if (!nf) {
            pthread_mutex_unlock(&r->lock);
            fprintf(stderr, "tu_recorder: out of memory\n");
            abort();
        }
        r->frames = nf;
        r->cap = cap;
    }
    r->frames[r->count++] = f;
    if (!f.dropped)
        r->samples += (uint64_t)(f.samples > 0 ? f.samples : 0);
    pthread_cond_broadcast(&r->cond);
    pthread_mutex_unlock(&r->lock);
}

void tu_recorder_attach(tu_recorder *r, msess_sink *sink)
{
    msess_sink_set_frame_callback(sink, tu_recorder_cb, r);
}

void tu_recorder_mark(tu_recorder *r, unsigned marker)
{
    pthread_mutex_lock(&r->lock);
    r->marker = marker;
    pthread_mutex_unlock(&r->lock);
}

size_t tu_recorder_count(tu_recorder *r)
{
    pthread_mutex_lock(&r->lock);
    size_t n = r->count;
    pthread_mutex_unlock(&r->lock);
    return n;
}

tu_frame *tu_recorder_copy(tu_recorder *r, size_t *n)
{
    pthread_mutex_lock(&r->lock);
    tu_frame *f = malloc((r->count ? r->count : 1) * sizeof(*f));
    if (f && r->count)
        memcpy(f, r->frames, r->count * sizeof(*f));
    *n = f ? r->count : 0;
    pthread_mutex_unlock(&r->lock);
    return f;
}

static void tu_deadline(struct timespec *ts, int timeout_ms)
{
    clock_gettime(CLOCK_REALTIME, ts);
    ts->tv_sec += timeout_ms / 1000;
    ts->tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

bool tu_recorder_wait(tu_recorder *r, size_t n, int timeout_ms)
{
    struct timespec ts;
    tu_deadline(&ts, timeout_ms);
    pthread_mutex_lock(&r->lock);
    while (r->count < n)
        if (pthread_cond_timedwait(&r->cond, &r->lock, &ts))
            break;
    bool ok = r->count >= n;
    pthread_mutex_unlock(&r->lock);
    return ok;
}

bool tu_recorder_wait_pts(tu_recorder *r, msess_time pts, int timeout_ms)
{
    struct timespec ts;
    tu_deadline(&ts, timeout_ms);
    pthread_mutex_lock(&r->lock);
    for (;;) {
        bool ok = false;
        for (size_t i = r->count; i-- > 0 && !ok;)
            ok = r->frames[i].pts >= pts;
        if (ok || pthread_cond_timedwait(&r->cond, &r->lock, &ts)) {
            if (!ok)
                for (size_t i = 0; i < r->count && !ok; i++)
                    ok = r->frames[i].pts >= pts;
            pthread_mutex_unlock(&r->lock);
            return ok;
        }
    }
}

msess_time tu_fake_clock_now(void *userdata)
{
    tu_fake_clock *c = userdata;
    return atomic_load(&c->now);
}

msess_time_source tu_fake_clock_source(tu_fake_clock *c)
{
    return (msess_time_source){ tu_fake_clock_now, c };
}

void tu_fake_clock_set(tu_fake_clock *c, msess_time t)
{
    atomic_store(&c->now, t);
}

void tu_fake_clock_advance(tu_fake_clock *c, msess_time dt)
{
    atomic_fetch_add(&c->now, dt);
}

void tu_run_open(tu_run *r, const tu_run_opts *o)
{
    memset(r, 0, sizeof(*r));
    r->src = tu_open(o->clip);
    tu_recorder_init(&r->vrec);
    tu_recorder_init(&r->arec);
    if (o->video || o->audio) {
        r->video = o->video;
        r->audio = o->audio;
    } else {
        msess_null_sink_settings ns;
        msess_null_sink_default_settings(&ns);
        ns.clocked = o->clocked;
        ns.kind = MSESS_MEDIA_VIDEO;
        CHECK_ERR(msess_null_sink_create(&r->video, &ns), 0);
        ns.kind = MSESS_MEDIA_AUDIO;
        CHECK_ERR(msess_null_sink_create(&r->audio, &ns), 0);
        tu_recorder_attach(&r->vrec, r->video);
        tu_recorder_attach(&r->arec, r->audio);
    }
    CHECK_ERR(msess_topology_create_simple(&r->topo, r->src, r->video, r->audio), 0);
    msess_session_settings set;
    msess_session_default_settings(&set);
    if (o->app_clock) {
        set.clock_source = MSESS_CLOCK_SOURCE_APP;
        set.clock_fn = tu_fake_clock_source(&r->clock);
    }
    set.global_time = o->global_time;
    set.drop_late_frames = !o->keep_late_frames;
    CHECK_ERR(msess_session_create(&r->s, &set), 0);
    if (!o->defer_set)
        tu_run_set_topology(r);
}

void tu_run_set_topology(tu_run *r)
{
    CHECK_ERR(msess_session_set_topology(r->s, 0, r->topo), 0);
    TU_EXPECT(r->s, { MSESS_EVENT_TOPOLOGY_SET, 0 }, { MSESS_EVENT_NOTIFY_PRESENTATION_TIME, 0 },
              { MSESS_EVENT_CAPABILITIES_CHANGED, 0 },
              { MSESS_EVENT_TOPOLOGY_STATUS, MSESS_TOPOSTATUS_READY });
}

void tu_run_start(tu_run *r, msess_time pos)
{
    CHECK_ERR(msess_session_start(r->s, pos), 0);
    TU_EXPECT(r->s, { MSESS_EVENT_TOPOLOGY_STATUS, MSESS_TOPOSTATUS_STARTED_SOURCE },
              { MSESS_EVENT_CAPABILITIES_CHANGED, 0 }, { MSESS_EVENT_STARTED, 0 });
}

void tu_run_close(tu_run *r)
{
    msess_session_destroy(&r->s);
    msess_topology_destroy(&r->topo);
    msess_sink_destroy(&r->video);
    msess_sink_destroy(&r->audio);
    msess_source_destroy(&r->src);
    tu_recorder_free(&r->vrec);
    tu_recorder_free(&r->arec);
}

void tu_log_add(tu_event_log *log, const msess_event *ev)
{
    if (log->n >= TU_LOG_MAX)
        return;
    tu_logged_event *l = &log->ev[log->n++];
    l->type = ev->type;
    l->status = ev->status;
    l->topology_status = ev->topology_status;
    l->topology_id = ev->topology ? msess_topology_id(ev->topology) : 0;
    l->time = ev->time;
    l->offset = ev->offset;
    l->rate = ev->rate;
    l->caps = ev->caps;
    snprintf(l->message, sizeof(l->message), "%s", ev->message);
}

int tu_log_until(msess_session *s, tu_event_log *log, enum msess_event_type until,
                 int timeout_ms)
{
    for (;;) {
        msess_event ev;
        if (tu_next_event(s, &ev, timeout_ms) < 0)
            return -1;
        tu_log_add(log, &ev);
        bool match = ev.type == until;
        msess_event_clear(&ev);
        if (match)
            return log->n - 1;
    }
}

void tu_log_drain(msess_session *s, tu_event_log *log, int quiet_ms)
{
    msess_event ev;
    while (tu_next_event(s, &ev, quiet_ms) >= 0) {
        tu_log_add(log, &ev);
        msess_event_clear(&ev);
    }
}

int tu_log_find(const tu_event_log *log, int from, enum msess_event_type type,
                enum msess_topology_status tstatus)
{
    for (int i = from < 0 ? 0 : from; i < log->n; i++)
        if (log->ev[i].type == type &&
            (type != MSESS_EVENT_TOPOLOGY_STATUS || !tstatus ||
             log->ev[i].topology_status == tstatus))
            return i;
    return -1;
}

int tu_log_count(const tu_event_log *log, enum msess_event_type type)
{
    int n = 0;
    for (int i = 0; i < log->n; i++)
        n += log->ev[i].type == type;
    return n;
}

void tu_log_print(const tu_event_log *log, const char *title)
{
    fprintf(stderr, "%s (%d events):\n", title, log->n);
    for (int i = 0; i < log->n; i++) {
        const tu_logged_event *e = &log->ev[i];
        char st[96];
        describe(st, sizeof(st), e->type,
                 e->type == MSESS_EVENT_TOPOLOGY_STATUS ? (int)e->topology_status : e->status);
        fprintf(stderr, "  %2d %s topo %llu %s\n", i, st, (unsigned long long)e->topology_id,
                e->message);
    }
}

int tu_expect_event(msess_session *s, enum msess_event_type type, int status,
                    msess_event *out, int timeout_ms)
{
    msess_event ev;
    char want[96], got[96];
    describe(want, sizeof(want), type, status);
    if (tu_next_event(s, &ev, timeout_ms) < 0) {
        fprintf(stderr, "  want %s, got nothing\n", want);
        tu_failures++;
        return -1;
    }
    int st = ev.type == MSESS_EVENT_TOPOLOGY_STATUS ? (int)ev.topology_status : ev.status;
    int bad = 0;
    if (ev.type != type || st != status) {
        describe(got, sizeof(got), ev.type, st);
        fprintf(stderr, "  want %s, got %s %s\n", want, got, ev.message);
        tu_failures++;
        bad = -1;
    }
    if (out)
        *out = ev;
    else
        msess_event_clear(&ev);
    return bad;
}

void tu_sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) && ts.tv_nsec + ts.tv_sec)
        ;
}

int64_t tu_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

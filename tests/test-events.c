/* Events: order, waiting and time-outs of the session's queue, delivery to a
 * callback, the internal queue's shutdown and reference handling, and the
 * names of events and errors. */
#include <stdatomic.h>
#include <string.h>

#include "core/events.h"
#include "core/topology.h"
#include "os/thread.h"
#include "testutil.h"

#define MS MSESS_TIME_PER_MS

static int topo_refs(msess_topology *t)
{
    return atomic_load(&t->refs);
}

static msess_session *new_session(void)
{
    msess_session *s = NULL;
    int ret = msess_session_create(&s, NULL);
    if (ret < 0 || !s) {
        fprintf(stderr, "cannot create a session: %s\n", msess_strerror(ret));
        exit(1);
    }
    return s;
}

/* Failing commands still report, in the order they were made. */
static void test_order(void)
{
    msess_session *s = new_session();
    CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
    CHECK_ERR(msess_session_pause(s), 0);
    CHECK_ERR(msess_session_stop(s), 0);
    CHECK_ERR(msess_session_clear_topologies(s), 0);
    TU_EXPECT(s, { MSESS_EVENT_STARTED, MSESS_ESTATE }, { MSESS_EVENT_PAUSED, MSESS_ESTATE },
              { MSESS_EVENT_STOPPED, MSESS_ESTATE }, { MSESS_EVENT_TOPOLOGIES_CLEARED, 0 });

    /* A failed event says what happened. */
    msess_event ev;
    CHECK_ERR(msess_session_pause(s), 0);
    CHECK_ERR(msess_session_get_event(s, &ev, 10000), 0);
    CHECK_EQ(ev.type, MSESS_EVENT_PAUSED);
    CHECK_ERR(ev.status, MSESS_ESTATE);
    CHECK(ev.message[0] != '\0');
    CHECK(ev.topology == NULL);
    msess_event_clear(&ev);

    /* Many commands at once (more than any initial queue size): all come,
     * in order, none lost. */
    enum { N = 200 };
    for (int i = 0; i < N; i++)
        CHECK_ERR(i % 2 ? msess_session_stop(s) : msess_session_pause(s), 0);
    int bad = 0;
    for (int i = 0; i < N; i++) {
        if (msess_session_get_event(s, &ev, 10000) < 0) {
            fprintf(stderr, "event %d of %d missing\n", i, N);
            bad++;
            break;
        }
        enum msess_event_type want = i % 2 ? MSESS_EVENT_STOPPED : MSESS_EVENT_PAUSED;
        if (ev.type != want || ev.status != MSESS_ESTATE)
            bad++;
        msess_event_clear(&ev);
    }
    CHECK_EQ(bad, 0);
    CHECK_ERR(msess_session_get_event(s, &ev, 0), MSESS_EAGAIN);
    msess_session_destroy(&s);
    CHECK(s == NULL);
}

/* Time-outs: 0 returns at once, > 0 waits that long, NULL args. */
static void test_timeouts(void)
{
    msess_session *s = new_session();
    msess_event ev;
    memset(&ev, 0x5a, sizeof(ev));

    msess_time t0 = msess_system_time(NULL);
    CHECK_ERR(msess_session_get_event(s, &ev, 0), MSESS_EAGAIN);
    msess_time waited = msess_system_time(NULL) - t0;
    /* "at once": generous bound, a non-blocking call must not wait 100 ms */
    CHECK(waited < 2000 * MS);

    t0 = msess_system_time(NULL);
    CHECK_ERR(msess_session_get_event(s, &ev, 100), MSESS_EAGAIN);
    waited = msess_system_time(NULL) - t0;
    if (waited < 90 * MS) {
        fprintf(stderr, "get_event(100 ms) returned after %lld ms\n",
                (long long)(waited / MS));
        tu_failures++;
    }

    /* An event already there is returned by a timed and a non-blocking get. */
    CHECK_ERR(msess_session_pause(s), 0);
    CHECK_ERR(msess_session_get_event(s, &ev, 10000), 0);
    CHECK_EQ(ev.type, MSESS_EVENT_PAUSED);
    msess_event_clear(&ev);
    CHECK_ERR(msess_session_stop(s), 0);
    /* wait for it to be queued, then take it without waiting */
    for (int i = 0; i < 1000; i++) {
        int ret = msess_session_get_event(s, &ev, 0);
        if (ret == 0)
            break;
        CHECK_ERR(ret, MSESS_EAGAIN);
        msess__sleep(5 * MS);
    }
    CHECK_EQ(ev.type, MSESS_EVENT_STOPPED);
    msess_event_clear(&ev);

    CHECK_ERR(msess_session_get_event(NULL, &ev, 0), MSESS_EINVAL);
    CHECK_ERR(msess_session_get_event(s, NULL, 0), MSESS_EINVAL);
    msess_session_destroy(&s);
}

/* A blocking get in another thread is woken by an event. */
typedef struct getter {
    msess_session *s;
    msess__event_queue *q;
    atomic_int started;
    int ret;
    msess_event ev;
} getter;

static void *getter_main(void *arg)
{
    getter *g = arg;
    atomic_store(&g->started, 1);
    if (g->s)
        g->ret = msess_session_get_event(g->s, &g->ev, -1);
    else
        g->ret = msess__events_get(g->q, &g->ev, -1);
    atomic_store(&g->started, 2);
    return NULL;
}

static void test_blocking_get(void)
{
    msess_session *s = new_session();
    getter g = { .s = s, .ret = 1 };
    msess__thread th;
    CHECK_ERR(msess__thread_create(&th, getter_main, &g, "test-getter"), 0);
    while (atomic_load(&g.started) == 0)
        msess__sleep(1 * MS);
    msess__sleep(50 * MS); /* very likely blocked by now; correct either way */
    CHECK_ERR(msess_session_stop(s), 0);
    msess__thread_join(th);
    CHECK_ERR(g.ret, 0);
    CHECK_EQ(g.ev.type, MSESS_EVENT_STOPPED);
    CHECK_ERR(g.ev.status, MSESS_ESTATE);
    msess_event_clear(&g.ev);
    msess_session_destroy(&s);
}

/* ---- event callback */

enum { MAX_CB = 64 };

typedef struct cb_log {
    msess__mutex lock;
    msess__cond cond;
    int n;
    enum msess_event_type type[MAX_CB];
    int status[MAX_CB];
    bool on_caller_thread[MAX_CB];
    pthread_t main_thread;
    msess_session *s;
    int get_in_cb;      /* get_event called from the callback */
    bool close_on_stop; /* call back into the session from the callback */
} cb_log;

static void record_cb(void *userdata, const msess_event *ev)
{
    cb_log *l = userdata;
    msess_event tmp;
    int get = msess_session_get_event(l->s, &tmp, 0);
    if (l->close_on_stop && ev->type == MSESS_EVENT_STOPPED)
        msess_session_close(l->s);
    msess__mutex_lock(&l->lock);
    l->get_in_cb = get;
    if (l->n < MAX_CB) {
        l->type[l->n] = ev->type;
        l->status[l->n] = ev->status;
        l->on_caller_thread[l->n] = pthread_equal(pthread_self(), l->main_thread);
    }
    l->n++;
    msess__cond_broadcast(&l->cond);
    msess__mutex_unlock(&l->lock);
}

static bool wait_count(cb_log *l, int n)
{
    int64_t deadline = msess_system_time(NULL) + 10 * MSESS_TIME_PER_SECOND;
    msess__mutex_lock(&l->lock);
    while (l->n < n)
        if (!msess__cond_wait_until(&l->cond, &l->lock, deadline))
            break;
    bool ok = l->n >= n;
    msess__mutex_unlock(&l->lock);
    return ok;
}

static void test_callback(void)
{
    cb_log l = { .main_thread = pthread_self() };
    msess__mutex_init(&l.lock);
    msess__cond_init(&l.cond);
    msess_session_settings set;
    msess_session_default_settings(&set);
    CHECK(set.event_fn == NULL);
    set.event_fn = record_cb;
    set.event_userdata = &l;
    msess_session *s = NULL;
    /* the callback reads l.s: set it before any command is posted */
    CHECK_ERR(msess_session_create(&s, &set), 0);
    if (!s)
        return;
    msess__mutex_lock(&l.lock);
    l.s = s;
    msess__mutex_unlock(&l.lock);

    msess_event ev;
    CHECK_ERR(msess_session_get_event(s, &ev, 0), MSESS_EBUSY);
    CHECK_ERR(msess_session_get_event(s, &ev, 100), MSESS_EBUSY);
    CHECK_ERR(msess_session_get_event(s, &ev, -1), MSESS_EBUSY);

    CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
    CHECK_ERR(msess_session_pause(s), 0);
    CHECK_ERR(msess_session_stop(s), 0);
    CHECK_ERR(msess_session_clear_topologies(s), 0);
    CHECK(wait_count(&l, 4));
    msess__mutex_lock(&l.lock);
    CHECK_EQ(l.n, 4);
    CHECK_EQ(l.type[0], MSESS_EVENT_STARTED);
    CHECK_EQ(l.type[1], MSESS_EVENT_PAUSED);
    CHECK_EQ(l.type[2], MSESS_EVENT_STOPPED);
    CHECK_EQ(l.type[3], MSESS_EVENT_TOPOLOGIES_CLEARED);
    CHECK_ERR(l.status[0], MSESS_ESTATE);
    CHECK_ERR(l.status[1], MSESS_ESTATE);
    CHECK_ERR(l.status[2], MSESS_ESTATE);
    CHECK_ERR(l.status[3], 0);
    for (int i = 0; i < 4; i++)
        CHECK(!l.on_caller_thread[i]);
    CHECK_ERR(l.get_in_cb, MSESS_EBUSY);
    /* The callback may call session functions: close from STOPPED. */
    l.close_on_stop = true;
    msess__mutex_unlock(&l.lock);

    CHECK_ERR(msess_session_stop(s), 0);
    CHECK(wait_count(&l, 6));
    msess__mutex_lock(&l.lock);
    CHECK_EQ(l.n, 6);
    CHECK_EQ(l.type[4], MSESS_EVENT_STOPPED);
    CHECK_EQ(l.type[5], MSESS_EVENT_CLOSED);
    CHECK_ERR(l.status[5], 0);
    l.close_on_stop = false;
    msess__mutex_unlock(&l.lock);

    /* Many events through the callback: in order, none lost. */
    enum { N = 40 };
    for (int i = 0; i < N; i++)
        CHECK_ERR(i % 2 ? msess_session_pause(s) : msess_session_start(s, MSESS_TIME_NONE), 0);
    CHECK(wait_count(&l, 6 + N));
    msess__mutex_lock(&l.lock);
    CHECK_EQ(l.n, 6 + N);
    int bad = 0;
    for (int i = 0; i < N && 6 + i < MAX_CB; i++)
        bad += l.type[6 + i] != (i % 2 ? MSESS_EVENT_PAUSED : MSESS_EVENT_STARTED) ||
               l.status[6 + i] != MSESS_ESTATE;
    CHECK_EQ(bad, 0);
    msess__mutex_unlock(&l.lock);

    msess_session_destroy(&s);
    msess__cond_destroy(&l.cond);
    msess__mutex_destroy(&l.lock);
}

/* ---- the internal queue */

static void test_queue_shutdown(void)
{
    msess__event_queue q;
    CHECK_ERR(msess__events_init(&q, NULL, NULL), 0);
    msess_event ev = { 0 };
    CHECK_ERR(msess__events_get(&q, &ev, 0), MSESS_EAGAIN);

    getter g = { .q = &q, .ret = 1 };
    msess__thread th;
    CHECK_ERR(msess__thread_create(&th, getter_main, &g, "test-getter"), 0);
    while (atomic_load(&g.started) == 0)
        msess__sleep(1 * MS);
    msess__sleep(50 * MS);
    CHECK_EQ(atomic_load(&g.started), 1); /* still blocked: no event, no time-out */
    msess__events_shutdown(&q);
    msess__thread_join(th);
    CHECK_ERR(g.ret, MSESS_ESHUTDOWN);

    /* After shutdown: every get fails at once, posts are dropped (and their
     * references released). */
    CHECK_ERR(msess__events_get(&q, &ev, 0), MSESS_ESHUTDOWN);
    CHECK_ERR(msess__events_get(&q, &ev, -1), MSESS_ESHUTDOWN);
    msess_topology *t = NULL;
    CHECK_ERR(msess_topology_create(&t), 0);
    ev = (msess_event){ .type = MSESS_EVENT_PAUSED, .topology = msess_topology_ref(t) };
    CHECK_EQ(topo_refs(t), 2);
    msess__events_post(&q, &ev);
    CHECK_EQ(topo_refs(t), 1);
    CHECK(ev.topology == NULL);
    CHECK_ERR(msess__events_get(&q, &ev, 0), MSESS_ESHUTDOWN);
    msess__events_uninit(&q);
    msess_topology_destroy(&t);
}

static void test_queue_refs(void)
{
    msess_topology *t = NULL;
    CHECK_ERR(msess_topology_create(&t), 0);
    if (!t)
        return;
    CHECK_EQ(topo_refs(t), 1);

    /* msess_event_clear releases the event's reference and zeroes it. */
    msess_event ev = { .type = MSESS_EVENT_TOPOLOGY_SET, .status = -3,
                       .topology = msess_topology_ref(t) };
    CHECK_EQ(topo_refs(t), 2);
    msess_event_clear(&ev);
    CHECK_EQ(topo_refs(t), 1);
    CHECK(ev.topology == NULL);
    CHECK_EQ(ev.type, 0);
    CHECK_EQ(ev.status, 0);
    msess_event_clear(&ev); /* twice is harmless */
    msess_event_clear(NULL);
    CHECK_EQ(topo_refs(t), 1);

    /* Posting hands the reference over; get hands it to the caller. */
    msess__event_queue q;
    CHECK_ERR(msess__events_init(&q, NULL, NULL), 0);
    enum { N = 100 };
    for (int i = 0; i < N; i++) {
        ev = (msess_event){ .type = MSESS_EVENT_STARTED, .status = -i,
                            .topology = msess_topology_ref(t) };
        msess__events_post(&q, &ev);
        CHECK(ev.topology == NULL); /* the queue took it */
    }
    CHECK_EQ(topo_refs(t), 1 + N);
    for (int i = 0; i < N / 2; i++) {
        CHECK_ERR(msess__events_get(&q, &ev, 0), 0);
        CHECK_EQ(ev.status, -i); /* in order across the ring's growth */
        CHECK(ev.topology == t);
        msess_event_clear(&ev);
    }
    CHECK_EQ(topo_refs(t), 1 + N / 2);
    /* Events left in the queue are released with it. */
    msess__events_uninit(&q);
    CHECK_EQ(topo_refs(t), 1);

    msess_topology_destroy(&t);
}

typedef struct ref_seen {
    int refs_during;
    int calls;
} ref_seen;

static void ref_cb(void *userdata, const msess_event *ev)
{
    ref_seen *r = userdata;
    r->refs_during = ev->topology ? topo_refs(ev->topology) : -1;
    r->calls++;
}

/* A queue with a callback: the callback sees the event (and its reference),
 * the queue releases it after, and get is refused. */
static void test_queue_callback(void)
{
    msess_topology *t = NULL;
    CHECK_ERR(msess_topology_create(&t), 0);
    if (!t)
        return;
    ref_seen r = { 0 };
    msess__event_queue q;
    CHECK_ERR(msess__events_init(&q, ref_cb, &r), 0);
    msess_event ev = { .type = MSESS_EVENT_ENDED, .topology = msess_topology_ref(t) };
    msess__events_post(&q, &ev);
    CHECK_EQ(r.calls, 1);
    CHECK_EQ(r.refs_during, 2);
    CHECK_EQ(topo_refs(t), 1);
    CHECK(ev.topology == NULL);
    CHECK_ERR(msess__events_get(&q, &ev, 0), MSESS_EBUSY);
    msess__events_uninit(&q);
    msess_topology_destroy(&t);
}

/* Events carry a topology reference; a session releases those of the
 * events nobody read when destroyed. A custom loader returns a topology the
 * test owns, so the count is observable. */
typedef struct fixed_loader {
    msess_topology *full;
    int calls;
} fixed_loader;

static int fixed_resolve(void *userdata, const msess_topology *partial, msess_topology **full)
{
    fixed_loader *fl = userdata;
    (void)partial;
    fl->calls++;
    *full = msess_topology_ref(fl->full);
    return 0;
}

static void test_unread_events_released(void)
{
    msess_source *src = tu_open("av.mp4");
    msess_sink *sink = NULL;
    CHECK_ERR(msess_null_sink_create(&sink, NULL), 0);
    msess_topology *partial = NULL, *full = NULL;
    CHECK_ERR(msess_topology_create_simple(&partial, src, sink, NULL), 0);
    CHECK_ERR(msess_topology_resolve(partial, &full), 0);
    if (!partial || !full)
        return;
    fixed_loader fl = { .full = full };
    msess_loader loader = { &fl, fixed_resolve };
    msess_session_settings set;
    msess_session_default_settings(&set);
    set.loader = &loader;
    msess_session *s = NULL;
    CHECK_ERR(msess_session_create(&s, &set), 0);
    if (!s)
        return;
    CHECK_ERR(msess_session_set_topology(s, 0, partial), 0);
    /* The TOPOLOGY_SET event's topology is the loader's. */
    msess_event ev;
    CHECK_EQ(tu_next_event(s, &ev, 10000), MSESS_EVENT_TOPOLOGY_SET);
    CHECK_ERR(ev.status, 0);
    CHECK(ev.topology == full);
    msess_event_clear(&ev);
    /* Wait for the rest (READY), then leave events unread: set it again. */
    CHECK_EQ(tu_wait_for(s, MSESS_EVENT_TOPOLOGY_STATUS, NULL, 10000), 0);
    CHECK_ERR(msess_session_set_topology(s, 0, partial), 0);
    CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
    CHECK_ERR(msess_session_stop(s), 0);
    CHECK_EQ(tu_wait_for(s, MSESS_EVENT_STOPPED, NULL, 10000), 0);
    /* more, unread */
    CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
    CHECK_ERR(msess_session_pause(s), 0);
    msess__sleep(100 * MS);
    CHECK_EQ(fl.calls, 2);
    CHECK(topo_refs(full) > 1);
    msess_session_destroy(&s);
    /* Every reference the session and its events held is gone. */
    CHECK_EQ(topo_refs(full), 1);
    CHECK_EQ(topo_refs(partial), 1);
    msess_topology_destroy(&full);
    msess_topology_destroy(&partial);
    msess_sink_destroy(&sink);
    msess_source_destroy(&src);
}

/* ---- names */

static void test_event_names(void)
{
    static const enum msess_event_type all[] = {
        MSESS_EVENT_ERROR, MSESS_EVENT_WARNING, MSESS_EVENT_TOPOLOGY_SET,
        MSESS_EVENT_TOPOLOGIES_CLEARED, MSESS_EVENT_STARTED, MSESS_EVENT_PAUSED,
        MSESS_EVENT_STOPPED, MSESS_EVENT_CLOSED, MSESS_EVENT_ENDED,
        MSESS_EVENT_RATE_CHANGED, MSESS_EVENT_CAPABILITIES_CHANGED,
        MSESS_EVENT_TOPOLOGY_STATUS, MSESS_EVENT_NOTIFY_PRESENTATION_TIME,
        MSESS_EVENT_NEW_PRESENTATION, MSESS_EVENT_END_OF_PRESENTATION,
    };
    enum { N = sizeof(all) / sizeof(all[0]) };
    const char *names[N];
    for (int i = 0; i < N; i++) {
        names[i] = msess_event_type_name(all[i]);
        CHECK(names[i] != NULL);
        if (!names[i])
            return;
        CHECK(names[i][0] != '\0');
        if (!strcmp(names[i], "unknown")) {
            fprintf(stderr, "event type %d has no name\n", (int)all[i]);
            tu_failures++;
        }
        for (int j = 0; j < i; j++)
            if (!strcmp(names[i], names[j])) {
                fprintf(stderr, "event types %d and %d share the name %s\n", (int)all[i],
                        (int)all[j], names[i]);
                tu_failures++;
            }
    }
    /* Values are MF's MediaEventType. */
    CHECK_EQ(MSESS_EVENT_ERROR, 1);
    CHECK_EQ(MSESS_EVENT_TOPOLOGY_SET, 101);
    CHECK_EQ(MSESS_EVENT_STARTED, 103);
    CHECK_EQ(MSESS_EVENT_CLOSED, 106);
    CHECK_EQ(MSESS_EVENT_CAPABILITIES_CHANGED, 110);
    CHECK_EQ(MSESS_EVENT_END_OF_PRESENTATION, 211);
    /* Something that is not an event still has a printable name. */
    const char *u = msess_event_type_name((enum msess_event_type)9999);
    CHECK(u != NULL && u[0] != '\0');
    u = msess_event_type_name((enum msess_event_type)0);
    CHECK(u != NULL && u[0] != '\0');
}

static void test_error_names(void)
{
    static const struct {
        int value;
        const char *name, *msg;
    } all[] = {
#define ERR_ROW(name, value, msg) { value, "MSESS_" #name, msg },
        MSESS_ERRNO_MAP(ERR_ROW)
#undef ERR_ROW
    };
    enum { N = sizeof(all) / sizeof(all[0]) };
    CHECK(N >= 26);
    for (int i = 0; i < N; i++) {
        const char *m = msess_strerror(all[i].value);
        const char *n = msess_error_name(all[i].value);
        CHECK(m != NULL && n != NULL);
        if (!m || !n)
            return;
        CHECK(all[i].value < 0);
        CHECK(m[0] != '\0');
        CHECK(n[0] != '\0');
        if (strcmp(m, all[i].msg)) {
            fprintf(stderr, "msess_strerror(%d) = \"%s\", want \"%s\"\n", all[i].value, m,
                    all[i].msg);
            tu_failures++;
        }
        if (strcmp(n, all[i].name)) {
            fprintf(stderr, "msess_error_name(%d) = \"%s\", want \"%s\"\n", all[i].value, n,
                    all[i].name);
            tu_failures++;
        }
        for (int j = 0; j < i; j++) {
            CHECK(all[i].value != all[j].value);
            if (!strcmp(m, msess_strerror(all[j].value)) ||
                !strcmp(n, msess_error_name(all[j].value))) {
                fprintf(stderr, "errors %d and %d share a message or name\n", all[i].value,
                        all[j].value);
                tu_failures++;
            }
        }
    }
    /* Success and unknown codes: never NULL, and distinct from real errors. */
    const char *ok = msess_strerror(0), *okn = msess_error_name(0);
    CHECK(ok != NULL && ok[0] != '\0');
    CHECK(okn != NULL && okn[0] != '\0');
    const char *unk = msess_strerror(-1000), *unkn = msess_error_name(-1000);
    CHECK(unk != NULL && unk[0] != '\0');
    CHECK(unkn != NULL && unkn[0] != '\0');
    for (int i = 0; i < N && ok && okn; i++) {
        CHECK(strcmp(ok, msess_strerror(all[i].value)) != 0);
        CHECK(strcmp(okn, msess_error_name(all[i].value)) != 0);
    }
    CHECK(msess_strerror(12345) != NULL);
    CHECK(msess_error_name(12345) != NULL);
}

int main(void)
{
    test_event_names();
    test_error_names();
    test_order();
    test_timeouts();
    test_blocking_get();
    test_callback();
    test_queue_shutdown();
    test_queue_refs();
    test_queue_callback();
    test_unread_events_released();
    return tu_result();
}

/* Shared test helpers: assertions, media paths, event expectations. */
#ifndef MSESS_TESTUTIL_H
#define MSESS_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>

#include <msess/msess.h>

#define SKIP_CODE 77

extern int tu_failures;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (!(cond)) {                                                           \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            tu_failures++;                                                       \
        }                                                                        \
    } while (0)

/* Compare two ints (error codes, counts) and print both on failure. */
#define CHECK_EQ(a, b)                                                           \
    do {                                                                         \
        long long va_ = (long long)(a), vb_ = (long long)(b);                    \
        if (va_ != vb_) {                                                        \
            fprintf(stderr, "%s:%d: %s == %s failed: %lld != %lld\n", __FILE__,   \
                    __LINE__, #a, #b, va_, vb_);                                 \
            tu_failures++;                                                       \
        }                                                                        \
    } while (0)

/* Error-code compare with names. */
#define CHECK_ERR(a, b)                                                          \
    do {                                                                         \
        int ea_ = (a), eb_ = (b);                                                \
        if (ea_ != eb_) {                                                        \
            fprintf(stderr, "%s:%d: %s: got %s, want %s\n", __FILE__, __LINE__,  \
                    #a, msess_error_name(ea_), msess_error_name(eb_));           \
            tu_failures++;                                                       \
        }                                                                        \
    } while (0)

/* Path of a generated clip (in $MSESS_TEST_MEDIA); static buffer. */
const char *tu_media(const char *name);
/* Path of a shared clip, or NULL when ../shared/media is absent. */
const char *tu_shared_media(const char *name);

/* Exit status for main: 0, or 1 after failed checks. */
int tu_result(void);

/* Open a generated clip (select_all false); aborts the test on failure. */
msess_source *tu_open(const char *name);

/* Wait up to timeout_ms for the next event; returns its type, or -1 on
 * time-out (the event, when got, is in *ev, to be msess_event_clear'ed). */
int tu_next_event(msess_session *s, msess_event *ev, int timeout_ms);

/* Expect the next events to be exactly these, in order (type, status;
 * for TOPOLOGY_STATUS events the status field is compared with the
 * topology status instead). Prints what came instead. Returns 0 if all
 * matched. */
typedef struct tu_ev {
    enum msess_event_type type;
    int status; /* msess error, or topology status for TOPOLOGY_STATUS */
} tu_ev;
int tu_expect(msess_session *s, const tu_ev *evs, int n, int timeout_ms);
#define TU_EXPECT(s, ...)                                                        \
    tu_expect((s), (const tu_ev[]){ __VA_ARGS__ },                               \
              (int)(sizeof((const tu_ev[]){ __VA_ARGS__ }) / sizeof(tu_ev)), 10000)

/* Skip events until one of this type arrives (returns 0) or time-out (-1).
 * The matching event's status is put in *status when not NULL. */
int tu_wait_for(msess_session *s, enum msess_event_type type, int *status, int timeout_ms);

#endif

/* ---- Integration-test helpers: frame recorder, fake clock, event log. */
#ifndef MSESS_TESTUTIL_INTEGRATION_H
#define MSESS_TESTUTIL_INTEGRATION_H
#include <stdatomic.h>
#include <pthread.h>

/* One frame seen by a sink's frame callback. */
typedef struct tu_frame {
    msess_time pts, duration;
    int number;            /* video: bar code read from the luma plane, -1 if unreadable */
    bool dropped;
    int samples;           /* audio: samples per channel */
    int width, height, ff_format;
    unsigned marker;       /* the recorder's marker when the frame came */
} tu_frame;

/* Records every frame a sink presents or drops (thread-safe). */
typedef struct tu_recorder {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    tu_frame *frames;
    size_t count, cap;
    uint64_t samples;      /* audio samples of presented frames */
    unsigned marker;
} tu_recorder;

void tu_recorder_init(tu_recorder *r);
void tu_recorder_free(tu_recorder *r);
/* Set r as sink's frame callback. */
void tu_recorder_attach(tu_recorder *r, msess_sink *sink);
/* Frames recorded from now on carry this marker. */
void tu_recorder_mark(tu_recorder *r, unsigned marker);
size_t tu_recorder_count(tu_recorder *r);
/* Snapshot of the frames so far (free() it); *n gets the count. */
tu_frame *tu_recorder_copy(tu_recorder *r, size_t *n);
/* Wait until at least n frames were recorded; false on time-out. */
bool tu_recorder_wait(tu_recorder *r, size_t n, int timeout_ms);
/* Wait until a frame (presented or dropped) with pts >= pts was recorded. */
bool tu_recorder_wait_pts(tu_recorder *r, msess_time pts, int timeout_ms);

/* A time source the test drives by hand (MSESS_CLOCK_SOURCE_APP). */
typedef struct tu_fake_clock {
    _Atomic int64_t now;
} tu_fake_clock;
msess_time tu_fake_clock_now(void *userdata);
msess_time_source tu_fake_clock_source(tu_fake_clock *c);
void tu_fake_clock_set(tu_fake_clock *c, msess_time t);
void tu_fake_clock_advance(tu_fake_clock *c, msess_time dt);

/* A run of one generated clip: a session playing a simple topology into
 * two null sinks whose frames are recorded, or into the test's own sinks. */
typedef struct tu_run {
    msess_session *s;
    msess_source *src;
    msess_sink *video, *audio;
    msess_topology *topo;
    tu_recorder vrec, arec;  /* what the null sinks presented or dropped */
    tu_fake_clock clock;     /* the session's time source with app_clock */
} tu_run;

typedef struct tu_run_opts {
    const char *clip;            /* generated clip to play */
    msess_sink *video, *audio;   /* the test's own sinks, destroyed by tu_run_close;
                                  * both NULL: null sinks with recorders */
    bool clocked;                /* null sinks present on the clock */
    bool app_clock;              /* session on r->clock (MSESS_CLOCK_SOURCE_APP) */
    bool global_time;            /* session setting global_time */
    bool keep_late_frames;       /* session setting drop_late_frames false */
    bool defer_set;              /* the test sets the topology itself */
} tu_run_opts;

/* Open the clip, make the sinks, the topology and the session, then (unless
 * defer_set) tu_run_set_topology. */
void tu_run_open(tu_run *r, const tu_run_opts *o);
/* Set r->topo and expect TOPOLOGY_SET, NOTIFY_PRESENTATION_TIME,
 * CAPABILITIES_CHANGED, TOPOLOGY_STATUS(READY). */
void tu_run_set_topology(tu_run *r);
/* start(pos) and expect TOPOLOGY_STATUS(STARTED_SOURCE),
 * CAPABILITIES_CHANGED, STARTED. */
void tu_run_start(tu_run *r, msess_time pos);
/* Destroy the session, then the rest; free the recorders. */
void tu_run_close(tu_run *r);

/* Events received, in order. */
typedef struct tu_logged_event {
    enum msess_event_type type;
    int status;
    enum msess_topology_status topology_status;
    uint64_t topology_id;   /* 0 when the event had no topology */
    msess_time time, offset;
    double rate;
    uint32_t caps;
    char message[256];
} tu_logged_event;

#define TU_LOG_MAX 512
typedef struct tu_event_log {
    tu_logged_event ev[TU_LOG_MAX];
    int n;
} tu_event_log;

/* Receive events into log until one of type `until` arrives (returns its
 * index in the log) or nothing comes for timeout_ms (-1). */
int tu_log_until(msess_session *s, tu_event_log *log, enum msess_event_type until,
                 int timeout_ms);
/* Receive whatever arrives within quiet_ms of the last event. */
void tu_log_drain(msess_session *s, tu_event_log *log, int quiet_ms);
/* Index of the first event at or after `from` with this type (and, for
 * TOPOLOGY_STATUS, this topology status unless tstatus is 0), or -1. */
int tu_log_find(const tu_event_log *log, int from, enum msess_event_type type,
                enum msess_topology_status tstatus);
int tu_log_count(const tu_event_log *log, enum msess_event_type type);
void tu_log_print(const tu_event_log *log, const char *title);
void tu_log_add(tu_event_log *log, const msess_event *ev);

/* Expect the next event to be of this type and status (topology status for
 * TOPOLOGY_STATUS); counts a failure otherwise. The event is put in *out
 * (clear it) when out is not NULL. Returns 0 when it matched. */
int tu_expect_event(msess_session *s, enum msess_event_type type, int status,
                    msess_event *out, int timeout_ms);

void tu_sleep_ms(int ms);
/* Monotonic milliseconds. */
int64_t tu_now_ms(void);

#endif /* MSESS_TESTUTIL_INTEGRATION_H */

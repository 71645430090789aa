/* Sinks from the inside: the backend table every output implements, the
 * port a sink pulls frames from, and the presenter loop shared by sinks
 * that present on a thread of their own against the clock. */
#ifndef MSESS_CORE_SINK_H
#define MSESS_CORE_SINK_H

#include <stdatomic.h>

#include "core/fifo.h"
#include "msess/clock.h"
#include "msess/sink.h"
#include "os/thread.h"

typedef struct msess__port msess__port;
typedef struct AVFrame AVFrame;

typedef struct msess__sink_ops {
    const char *name;
    size_t priv_size;
    /* The type the sink wants given what upstream produces; *want == *in
     * (same kind, format, rate, layout) means no converter. */
    int (*negotiate)(msess_sink *s, const msess_media_type *in, msess_media_type *want);
    /* Begin pulling from s->port (spawn a presenter, open a device). */
    int (*start)(msess_sink *s);
    /* Stop pulling; no frame is touched after it returns. */
    void (*stop)(msess_sink *s);
    /* Present one frame (presenter sinks). Called without locks. */
    void (*render)(msess_sink *s, const AVFrame *f);
    /* Presenter sinks: called on the presenter thread before the first and
     * after the last frame (create and destroy windows there); a failing
     * init leaves the sink consuming at the clock's pace without showing. */
    int (*thread_init)(msess_sink *s);
    void (*thread_exit)(msess_sink *s);
    /* Presenter sinks: called at least every 10 ms (pump window events). */
    void (*idle)(msess_sink *s);
    /* Presenter sinks, optional: the first frame is queued but the clock
     * has not started; get ready to show it fast (size and map the window,
     * warm the converter), without showing it. */
    void (*preload)(msess_sink *s, const AVFrame *f);
    /* A time source the clock can run on (audio outputs), or false. */
    bool (*time_source)(msess_sink *s, msess_time_source *out);
    /* Time-source sinks: presentation time of the next sample they will
     * play, so a resume starts the clock where the audio really is (what
     * was in flight at the pause has been heard). */
    bool (*resume_position)(msess_sink *s, msess_time *pts);
    void (*destroy)(msess_sink *s);
} msess__sink_ops;

/* Told by a port: its stream's last frame was presented (on the sink's
 * thread), or its first frame arrived (on the producer's). */
typedef struct msess__port_owner {
    void (*eos_rendered)(void *userdata, msess__port *port);
    void (*ready)(void *userdata);
    /* The sink met a problem it works around (becomes a WARNING event). */
    void (*warning)(void *userdata, int err, const char *msg);
    void *userdata;
} msess__port_owner;

struct msess__port {
    msess__mutex lock;
    msess__cond cond;
    msess__fifo q;            /* AVFrame*, pts and duration in ticks */
    msess_sink *sink;
    msess__port_owner owner;
    msess__port *next;        /* the next topology's port for the same sink */
    enum msess_media_kind kind;
    bool eos_rendered;
    bool presenting;          /* a frame taken from the queue is being shown */
    bool posted;              /* the head frame was shown as a poster */
    bool preloaded;           /* ops->preload saw this port's first frame */
    bool quit;
    uint64_t consumed;        /* frames taken since the last flush */
    msess_time last_end;      /* end of the last frame taken */
};

int msess__port_create(msess__port **out, msess_sink *sink, unsigned depth,
                       const msess__port_owner *owner);
void msess__port_destroy(msess__port **p);
/* Producer side: push a frame (or an EOS marker with f NULL), waiting for
 * room. Consumes f. */
int msess__port_push(msess__port *p, AVFrame *f, uint32_t gen, bool eos);
void msess__port_flush(msess__port *p, uint32_t gen);
bool msess__port_ready(msess__port *p);
/* Wake the consumer (clock changed). */
void msess__port_kick(msess__port *p);
/* Consumer side, lock held: the EOS marker was reached and everything
 * before it presented. Unlocks around the owner callback. */
void msess__port_eos_reached_locked(msess__port *p);

struct msess_sink {
    const msess__sink_ops *ops;
    atomic_int refs;
    enum msess_media_kind kind;
    msess__mutex lock;          /* stats, callback */
    msess__mutex io_lock;       /* held by application-driven sinks while they
                                 * touch their port; detach waits on it */
    msess_sink_stats stats;
    _Atomic uint64_t underruns; /* audio outputs count here, lock-free */
    msess_frame_fn frame_fn;
    void *frame_userdata;
    unsigned frame_fn_busy;     /* calls of frame_fn running (lock) */
    msess__thread frame_fn_thread; /* the thread of the one running */
    msess__cond frame_fn_done;  /* frame_fn_busy went to 0 */
    float *sync_ms;             /* pts - clock at presentation, per frame (lock) */
    size_t nb_sync, cap_sync;
    /* Set by the session while attached; the presenter may move port on to
     * port->next at a topology boundary. */
    msess__port *_Atomic port;
    msess_clock *clock;
    bool clocked;
    bool poster;                /* show the first frame while the clock is halted */
    bool render_off;            /* presenter thread_init failed */
    int64_t render_lead;        /* presenter: typical render time; frames start that early */
    msess_time lead;            /* frames are due this long before their pts */
    atomic_bool thread_ready;   /* false while a presenter's thread_init runs:
                                 * its ports are not ready (preroll waits) */
    unsigned queue_depth;       /* frames in the port; 0: the session's default */
    bool drop_late;
    atomic_bool quit;
    bool has_thread;
    msess__thread thread;
    void *priv;
};

int msess__sink_create(msess_sink **out, const msess__sink_ops *ops,
                       enum msess_media_kind kind);
int msess__sink_negotiate(msess_sink *s, const msess_media_type *in, msess_media_type *want);
int msess__sink_attach(msess_sink *s, msess__port *port, msess_clock *clock,
                       bool drop_late);
void msess__sink_detach(msess_sink *s);
bool msess__sink_time_source(msess_sink *s, msess_time_source *out);
/* Whether two raw types are the same for conversion purposes. */
bool msess__media_type_same(const msess_media_type *a, const msess_media_type *b);

/* Record, for a presented video frame, pts minus the clock's time now. */
void msess__sink_record_sync(msess_sink *s, msess_time pts);

/* Record a presented (or dropped) frame and call the frame callback. */
void msess__sink_account(msess_sink *s, const AVFrame *f, bool dropped);

/* Presenter thread start/stop for sinks whose ops->render presents. */
int msess__presenter_start(msess_sink *s);
void msess__presenter_stop(msess_sink *s);

#endif

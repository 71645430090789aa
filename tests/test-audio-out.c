/* Device test: what the PortAudio audio output really played. The default
 * PulseAudio sink's monitor is recorded with parec while a 2 s 1 kHz tone
 * plays through msess_audio_output (PortAudio -> ALSA pulse plugin ->
 * PulseAudio), and the recording is analysed here: tone segments, their
 * lengths, pitch, continuity and level. Scenarios: plain play, a pause in
 * the middle, rate 2 (pitch kept), volume 0.5.
 *
 * Skipped (77) when no PulseAudio server answers, parec is missing or msess
 * was built without PortAudio. MSESS_AUDIO_OUT_KEEP=DIR keeps what each
 * scenario recorded (raw s16le, 48 kHz, stereo) for a closer look. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

extern char **environ;

#define CLIP "tone-1k.wav"      /* PCM: exact length; its channel layout is unspecified */
#define CLIP_AAC "tone-1k.m4a"  /* AAC, stereo layout */
#define TONE_HZ 1000.0
#define CLIP_S 2.0
#define REC_RATE 48000
#define MS_SAMPLES (REC_RATE / 1000)
#define EV_TIMEOUT 15000

/* The output's latency. The default (0: PortAudio's "low latency", about
 * 9 ms through ALSA's pulse plugin) underruns within seconds on a loaded
 * machine, and ALSA's recovery then inserts silence and drops samples:
 * that would test the machine's load, not msess. 100 ms is what a media
 * player would ask for. */
#define LATENCY_MS 100

/* Analysis. A sample belongs to the tone when its magnitude is at least
 * ACTIVE_FRAC of the take's peak; a segment ends where no such sample comes
 * for SPLIT_MS (a 1 kHz sine has one every few samples, so any dropout
 * longer than that splits the segment). The 5 ms fades at pause and resume
 * stay above the threshold for all but ~0.5 ms of each fade. */
#define ACTIVE_FRAC 0.10
#define SPLIT_MS 2
#define EDGE_MS 10       /* segment edges (fades, atempo's start) left out of the inner checks */
#define WINDOW_MS 5      /* envelope window */
#define MIN_ENVELOPE 0.5 /* of the segment's steady level, in every inner window */
#define PERIOD_TOL 0.15  /* a period off the median by more than this is a splice */
#define MAX_SEGS 16

/* ---- processes */

/* Is an executable of this name in PATH? */
static bool in_path(const char *name)
{
    char buf[4096];
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/bin:/bin";
    while (*path) {
        size_t len = strcspn(path, ":");
        if (len && len + strlen(name) + 2 <= sizeof(buf)) {
            snprintf(buf, sizeof(buf), "%.*s/%s", (int)len, path, name);
            if (access(buf, X_OK) == 0)
                return true;
        }
        path += len;
        if (*path == ':')
            path++;
    }
    return false;
}

/* Spawn argv (searched in PATH) with stdin from /dev/null, stdout to out_fd
 * and stderr to err_fd (-1: /dev/null). */
static pid_t spawn(char *const argv[], int out_fd, int err_fd)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    if (out_fd >= 0)
        posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
    else
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    if (err_fd >= 0)
        posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
    else
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    return err ? -1 : pid;
}

/* Wait up to timeout_ms for pid, then kill it. Returns its exit status, or
 * -1 when it had to be killed or died of a signal. */
static int wait_exit(pid_t pid, int timeout_ms)
{
    int64_t end = tu_now_ms() + timeout_ms;
    int st;
    for (;;) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR)
            return -1;
        if (tu_now_ms() >= end) {
            kill(pid, SIGKILL);
            waitpid(pid, &st, 0);
            return -1;
        }
        tu_sleep_ms(10);
    }
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Does a PulseAudio server answer `pactl info`? Asked with autospawn off
 * (unless the user has a client config of their own), so that asking does
 * not start a server. */
static bool pulse_answers(void)
{
    if (!in_path("pactl"))
        return false;
    char conf[] = "/tmp/msess-audio-out-conf-XXXXXX";
    bool own_conf = !getenv("PULSE_CLIENTCONFIG");
    if (own_conf) {
        int fd = mkstemp(conf);
        if (fd < 0)
            return false;
        static const char text[] = "autospawn = no\n";
        bool ok = write(fd, text, sizeof(text) - 1) == (ssize_t)(sizeof(text) - 1);
        close(fd);
        if (!ok) {
            unlink(conf);
            return false;
        }
        setenv("PULSE_CLIENTCONFIG", conf, 1);
    }
    char *argv[] = { "pactl", "info", NULL };
    pid_t pid = spawn(argv, -1, -1);
    int st = pid > 0 ? wait_exit(pid, 5000) : -1;
    if (own_conf) {
        unsetenv("PULSE_CLIENTCONFIG");
        unlink(conf);
    }
    return st == 0;
}

static void file_text(const char *path, char *buf, size_t size)
{
    buf[0] = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = 0;
    fclose(f);
}

static off_t file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? st.st_size : -1;
}

/* ---- recording the monitor
 *
 * One parec runs for the whole test (PulseAudio's null sink takes up to 2 s
 * to deliver the first block to a new recorder); each scenario analyses the
 * part recorded between its start and its end. */

typedef struct recorder {
    pid_t pid;
    char path[64], log[64];
} recorder;

/* What one scenario recorded: the left channel, -1..1. */
typedef struct take {
    float *x;
    size_t n;
} take;

/* Frames recorded so far (parec writes whole frames, but the size may be
 * caught between two writes). */
static size_t rec_frames(const recorder *r)
{
    off_t size = file_size(r->path);
    return size > 0 ? (size_t)size / 4 : 0;
}

static void rec_stop(recorder *r)
{
    if (r->pid > 0) {
        kill(r->pid, SIGINT);
        wait_exit(r->pid, 3000);
        r->pid = 0;
    }
    if (r->path[0])
        unlink(r->path);
    if (r->log[0])
        unlink(r->log);
    r->path[0] = r->log[0] = 0;
}

/* Start parec on the default monitor; returns 0 once data flows. */
static int rec_start(recorder *r)
{
    memset(r, 0, sizeof(*r));
    snprintf(r->path, sizeof(r->path), "/tmp/msess-audio-out-XXXXXX");
    snprintf(r->log, sizeof(r->log), "/tmp/msess-audio-out-log-XXXXXX");
    int fd = mkstemp(r->path);
    if (fd < 0)
        r->path[0] = 0;
    int lfd = mkstemp(r->log);
    if (lfd < 0)
        r->log[0] = 0;
    if (fd < 0 || lfd < 0) {
        fprintf(stderr, "cannot create the recording's temporary files: %s\n", strerror(errno));
        if (fd >= 0)
            close(fd);
        if (lfd >= 0)
            close(lfd);
        rec_stop(r);
        return -1;
    }
    char *argv[] = { "parec", "-d", "@DEFAULT_MONITOR@", "--raw", "--format=s16le",
                     "--rate=48000", "--channels=2", "--latency-msec=20", NULL };
    r->pid = spawn(argv, fd, lfd);
    close(fd);
    close(lfd);
    if (r->pid <= 0) {
        fprintf(stderr, "cannot start parec\n");
        rec_stop(r);
        return -1;
    }
    int64_t end = tu_now_ms() + 5000;
    while (rec_frames(r) == 0 && tu_now_ms() < end)
        tu_sleep_ms(10);
    if (rec_frames(r) == 0) {
        char text[512];
        file_text(r->log, text, sizeof(text));
        fprintf(stderr, "parec recorded nothing within 5 s; it said: %s\n", text);
        rec_stop(r);
        return -1;
    }
    return 0;
}

/* MSESS_AUDIO_OUT_KEEP=DIR: copy frames [from, to) to DIR/<what>.raw. */
static void keep_take(const recorder *r, size_t from, size_t to, const char *what)
{
    const char *dir = getenv("MSESS_AUDIO_OUT_KEEP");
    if (!dir || !*dir)
        return;
    char dst[1024];
    int n = snprintf(dst, sizeof(dst), "%s/", dir);
    for (const char *c = what; *c && n < (int)sizeof(dst) - 8; c++)
        dst[n++] = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ? *c
                 : *c >= 'A' && *c <= 'Z' ? (char)(*c - 'A' + 'a') : '-';
    snprintf(dst + n, sizeof(dst) - (size_t)n, ".raw");
    FILE *in = fopen(r->path, "rb"), *out = fopen(dst, "wb");
    if (in && out && fseeko(in, (off_t)from * 4, SEEK_SET) == 0) {
        char buf[4096];
        for (size_t left = (to - from) * 4; left;) {
            size_t k = fread(buf, 1, left < sizeof(buf) ? left : sizeof(buf), in);
            if (!k)
                break;
            fwrite(buf, 1, k, out);
            left -= k;
        }
        fprintf(stderr, "  recording kept in %s\n", dst);
    }
    if (in)
        fclose(in);
    if (out)
        fclose(out);
}

/* Load frames [from, to) of the recording. */
static int rec_take(const recorder *r, size_t from, size_t to, take *t)
{
    memset(t, 0, sizeof(*t));
    if (to <= from)
        return -1;
    FILE *f = fopen(r->path, "rb");
    int16_t *raw = malloc((to - from) * 4);
    t->x = malloc((to - from) * sizeof(float));
    if (f && raw && t->x && fseeko(f, (off_t)from * 4, SEEK_SET) == 0) {
        t->n = fread(raw, 4, to - from, f);
        for (size_t i = 0; i < t->n; i++)
            t->x[i] = raw[2 * i] / 32768.0f;
    }
    free(raw);
    if (f)
        fclose(f);
    return t->n ? 0 : -1;
}

static void take_free(take *t)
{
    free(t->x);
    t->x = NULL;
    t->n = 0;
}

/* ---- analysis */

typedef struct segment {
    size_t start, end;     /* samples [start, end) of the take */
    double len_s;
    double freq;           /* from rising zero crossings inside the edges; 0 if too short */
    int irregular;         /* periods off the median by more than PERIOD_TOL */
    double worst_dev;      /* largest period deviation from the median, ms */
    double level;          /* median RMS of the inner 5 ms windows */
    double min_env;        /* lowest inner window RMS / level */
    size_t min_env_at;     /* sample where it was */
} segment;

typedef struct analysis {
    double peak;
    segment seg[MAX_SEGS];
    int nseg;              /* may exceed MAX_SEGS: then only the first are filled */
} analysis;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Sorts v. */
static double median(double *v, size_t n)
{
    if (!n)
        return 0;
    qsort(v, n, sizeof(*v), cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* Pitch from rising zero crossings (linearly interpolated), and the periods
 * that are off: a cut or a repeat of a fraction of a period. */
static void measure_pitch(const float *x, size_t a, size_t b, segment *s)
{
    size_t cap = (b - a) / 8 + 2, nc = 0;
    double *t = malloc(cap * sizeof(double));
    double *per = malloc(cap * sizeof(double));
    double *sorted = malloc(cap * sizeof(double));
    for (size_t i = a; t && i + 1 < b && nc < cap; i++)
        if (x[i] < 0 && x[i + 1] >= 0)
            t[nc++] = (double)i + x[i] / (x[i] - x[i + 1]);
    if (t && per && sorted && nc >= 3) {
        s->freq = (double)(nc - 1) * REC_RATE / (t[nc - 1] - t[0]);
        for (size_t k = 1; k < nc; k++)
            per[k - 1] = sorted[k - 1] = t[k] - t[k - 1];
        double med = median(sorted, nc - 1), worst = 0;
        for (size_t k = 0; k + 1 < nc; k++) {
            double d = fabs(per[k] - med);
            s->irregular += d > PERIOD_TOL * med;
            worst = d > worst ? d : worst;
        }
        s->worst_dev = worst * 1000.0 / REC_RATE;
    }
    free(t);
    free(per);
    free(sorted);
}

/* RMS of 5 ms windows: the steady level and the lowest dip. */
static void measure_envelope(const float *x, size_t a, size_t b, segment *s)
{
    size_t w = WINDOW_MS * MS_SAMPLES, nw = (b - a) / w;
    double *rms = malloc(nw * sizeof(double)), *sorted = malloc(nw * sizeof(double));
    if (rms && sorted && nw) {
        for (size_t k = 0; k < nw; k++) {
            double acc = 0;
            for (size_t i = a + k * w; i < a + (k + 1) * w; i++)
                acc += (double)x[i] * x[i];
            rms[k] = sorted[k] = sqrt(acc / (double)w);
        }
        s->level = median(sorted, nw);
        s->min_env = 1e9;
        for (size_t k = 0; k < nw; k++) {
            double e = s->level > 0 ? rms[k] / s->level : 0;
            if (e < s->min_env)
                s->min_env = e, s->min_env_at = a + k * w;
        }
    }
    free(rms);
    free(sorted);
}

static void measure_segment(const float *x, segment *s)
{
    s->len_s = (double)(s->end - s->start) / REC_RATE;
    size_t edge = EDGE_MS * MS_SAMPLES;
    if (s->end - s->start <= 2 * edge + WINDOW_MS * MS_SAMPLES)
        return; /* a blip: freq and level stay 0, which the checks report */
    measure_pitch(x, s->start + edge, s->end - edge, s);
    measure_envelope(x, s->start + edge, s->end - edge, s);
}

static void analyse(const take *t, analysis *an)
{
    memset(an, 0, sizeof(*an));
    for (size_t i = 0; i < t->n; i++)
        if (fabsf(t->x[i]) > an->peak)
            an->peak = fabsf(t->x[i]);
    if (an->peak < 0.01) /* -40 dBFS: nothing played */
        return;
    float thr = (float)(ACTIVE_FRAC * an->peak);
    size_t split = SPLIT_MS * MS_SAMPLES, last = 0;
    bool in = false;
    for (size_t i = 0; i < t->n; i++) {
        if (fabsf(t->x[i]) < thr)
            continue;
        if (!in || i - last > split) {
            if (in && an->nseg <= MAX_SEGS)
                an->seg[an->nseg - 1].end = last + 1;
            if (an->nseg < MAX_SEGS)
                an->seg[an->nseg].start = i;
            an->nseg++;
            in = true;
        }
        last = i;
    }
    if (in && an->nseg <= MAX_SEGS)
        an->seg[an->nseg - 1].end = last + 1;
    for (int k = 0; k < an->nseg && k < MAX_SEGS; k++)
        measure_segment(t->x, &an->seg[k]);
}

static void print_analysis(const char *what, const take *t, const analysis *an)
{
    double total = 0;
    for (int k = 0; k < an->nseg && k < MAX_SEGS; k++)
        total += an->seg[k].len_s;
    fprintf(stderr, "  %s: recorded %.3f s, peak %.3f, %d tone segment(s) lasting %.4f s "
                    "in all\n", what, (double)t->n / REC_RATE, an->peak, an->nseg, total);
    for (int k = 0; k < an->nseg && k < MAX_SEGS; k++) {
        const segment *s = &an->seg[k];
        fprintf(stderr, "    segment %d: %.4f .. %.4f s, length %.4f s, %.2f Hz, level %.4f "
                        "RMS, lowest 5 ms window at %.2f of it (%.3f s), %d irregular "
                        "period(s) (largest deviation %.3f ms)\n",
                k, (double)s->start / REC_RATE, (double)s->end / REC_RATE, s->len_s, s->freq,
                s->level, s->min_env, (double)s->min_env_at / REC_RATE, s->irregular,
                s->worst_dev);
    }
}

/* ---- checks */

static void check_near(const char *what, const char *fmt, double got, double want, double tol)
{
    if (fabs(got - want) <= tol)
        return;
    fprintf(stderr, "  FAIL %s: ", what);
    fprintf(stderr, fmt, got);
    fprintf(stderr, " (want %g +- %g)\n", want, tol);
    tu_failures++;
}

static void check_segments(const char *what, const analysis *an, int want)
{
    if (an->nseg != want) {
        fprintf(stderr, "  FAIL %s: %d tone segment(s), want %d (a dropout splits the tone)\n",
                what, an->nseg, want);
        tu_failures++;
    }
}

/* Inside each segment: no dropout, no splice, the right pitch; and the
 * segment is whole in the take (the recording covers it). */
static void check_continuity(const char *what, const take *t, const analysis *an,
                             double freq_tol)
{
    for (int k = 0; k < an->nseg && k < MAX_SEGS; k++) {
        const segment *s = &an->seg[k];
        if (s->start < MS_SAMPLES || s->end + 20 * MS_SAMPLES > t->n) {
            fprintf(stderr, "  FAIL %s: segment %d touches the %s of the take\n", what, k,
                    s->start < MS_SAMPLES ? "start (sound before the start call)"
                                          : "end (sound still playing 300 ms after ENDED)");
            tu_failures++;
        }
        if (s->min_env < MIN_ENVELOPE) {
            fprintf(stderr, "  FAIL %s: segment %d drops to %.2f of its level at %.3f s "
                            "(a gap; want >= %.2f)\n",
                    what, k, s->min_env, (double)s->min_env_at / REC_RATE, MIN_ENVELOPE);
            tu_failures++;
        }
        if (s->irregular) {
            fprintf(stderr, "  FAIL %s: segment %d has %d period(s) off by more than %.0f %% "
                            "(up to %.3f ms): samples cut or repeated\n",
                    what, k, s->irregular, PERIOD_TOL * 100, s->worst_dev);
            tu_failures++;
        }
        char name[128];
        snprintf(name, sizeof(name), "%s: segment %d pitch", what, k);
        check_near(name, "%.2f Hz", s->freq, TONE_HZ, freq_tol);
    }
}

/* ---- playing */

typedef struct play_opts {
    const char *what;
    const char *clip;    /* NULL: CLIP */
    double rate;         /* 1: left alone */
    float volume;        /* set with msess_audio_output_set_volume before the start */
    bool pause;          /* pause at PAUSE_AT for PAUSE_MS */
} play_opts;

#define PAUSE_AT (7 * MSESS_TIME_PER_SECOND / 10)
#define PAUSE_MS 1000
#define TAIL_MS 300      /* recorded after ENDED: what is still in the server's buffers */

typedef struct play_result {
    take take;
    analysis an;
    double pause_events_s;  /* PAUSED event to the resume's STARTED event */
    double pause_calls_s;   /* pause call to resume call */
    double paused_at_s;     /* position when pause was called */
    bool ok;                /* played and recorded a tone: analysis valid */
} play_result;

static void play(recorder *rec, const play_opts *o, play_result *res)
{
    memset(res, 0, sizeof(*res));
    fprintf(stderr, "-- %s\n", o->what);
    msess_audio_output_settings as;
    msess_audio_output_default_settings(&as);
    as.latency_ms = LATENCY_MS;
    msess_sink *sink = NULL;
    CHECK_ERR(msess_audio_output_create(&sink, &as), 0);
    if (!sink)
        return;
    CHECK_ERR(msess_audio_output_set_volume(sink, o->volume), 0);
    tu_run r;
    tu_run_open(&r, &(tu_run_opts){ .clip = o->clip ? o->clip : CLIP, .audio = sink });
    if (o->rate != 1.0) {
        int st = -1;
        CHECK_ERR(msess_session_set_rate(r.s, o->rate), 0);
        if (tu_wait_for(r.s, MSESS_EVENT_RATE_CHANGED, &st, EV_TIMEOUT) < 0 || st != 0) {
            fprintf(stderr, "  FAIL %s: no RATE_CHANGED (status %s)\n", o->what,
                    msess_error_name(st));
            tu_failures++;
        }
    }
    size_t from = rec_frames(rec);
    tu_run_start(&r, MSESS_TIME_NONE);
    if (o->pause) {
        msess_time pos = 0;
        int64_t give_up = tu_now_ms() + 5000;
        while (msess_session_get_position(r.s, &pos) == 0 && pos < PAUSE_AT &&
               tu_now_ms() < give_up)
            tu_sleep_ms(2);
        int64_t call = tu_now_ms();
        res->paused_at_s = (double)pos / MSESS_TIME_PER_SECOND;
        CHECK_ERR(msess_session_pause(r.s), 0);
        TU_EXPECT(r.s, { MSESS_EVENT_CAPABILITIES_CHANGED, 0 }, { MSESS_EVENT_PAUSED, 0 });
        int64_t paused = tu_now_ms();
        if (paused - call < PAUSE_MS)
            tu_sleep_ms(PAUSE_MS - (int)(paused - call));
        int64_t resume_call = tu_now_ms();
        CHECK_ERR(msess_session_start(r.s, MSESS_TIME_NONE), 0);
        TU_EXPECT(r.s, { MSESS_EVENT_CAPABILITIES_CHANGED, 0 }, { MSESS_EVENT_STARTED, 0 });
        int64_t started = tu_now_ms();
        res->pause_calls_s = (double)(resume_call - call) / 1000.0;
        res->pause_events_s = (double)(started - paused) / 1000.0;
        fprintf(stderr, "  paused at position %.3f s; pause call -> resume call %.3f s, "
                        "PAUSED -> STARTED events %.3f s\n",
                res->paused_at_s, res->pause_calls_s, res->pause_events_s);
    }
    int bad = tu_expect(r.s,
                        (const tu_ev[]){ { MSESS_EVENT_END_OF_PRESENTATION, 0 },
                                         { MSESS_EVENT_TOPOLOGY_STATUS, MSESS_TOPOSTATUS_ENDED },
                                         { MSESS_EVENT_CAPABILITIES_CHANGED, 0 },
                                         { MSESS_EVENT_ENDED, 0 } },
                        4, EV_TIMEOUT);
    tu_sleep_ms(TAIL_MS);
    size_t to = rec_frames(rec);
    msess_sink_stats st;
    msess_sink_get_stats(sink, &st);
    fprintf(stderr, "  output: %llu samples rendered at %d Hz, %llu underrun(s)\n",
            (unsigned long long)st.samples_rendered, st.sample_rate,
            (unsigned long long)st.underruns);
    tu_run_close(&r);
    if (bad)
        return;
    keep_take(rec, from, to, o->what);
    if (rec_take(rec, from, to, &res->take) < 0) {
        fprintf(stderr, "  FAIL %s: nothing recorded (parec stopped?)\n", o->what);
        tu_failures++;
        return;
    }
    analyse(&res->take, &res->an);
    print_analysis(o->what, &res->take, &res->an);
    if (res->an.nseg == 0) {
        fprintf(stderr, "  FAIL %s: no tone in the recording (peak %.4f): does ALSA's default "
                        "device go to this PulseAudio server?\n",
                o->what, res->an.peak);
        tu_failures++;
        return;
    }
    res->ok = true;
}

/* 1: the tone, whole, once. */
static void plain(recorder *rec, play_result *res)
{
    play(rec, &(play_opts){ .what = "plain", .rate = 1.0, .volume = 1.0f }, res);
    if (!res->ok)
        return;
    check_segments("plain", &res->an, 1);
    check_near("plain: tone length", "%.4f s", res->an.seg[0].len_s, CLIP_S, 0.030);
    check_continuity("plain", &res->take, &res->an, 5.0);
}

/* 2: a pause loses and repeats nothing; the silence is as long as the pause. */
static void paused(recorder *rec)
{
    play_result res;
    play(rec, &(play_opts){ .what = "pause", .rate = 1.0, .volume = 1.0f, .pause = true }, &res);
    if (res.ok) {
        const analysis *an = &res.an;
        check_segments("pause", an, 2);
        if (an->nseg == 2) {
            double total = an->seg[0].len_s + an->seg[1].len_s;
            double gap = (double)(an->seg[1].start - an->seg[0].end) / REC_RATE;
            fprintf(stderr, "  pause: segments %.4f + %.4f = %.4f s, silence %.4f s, "
                            "pause %.4f s (events), %.4f s (calls)\n",
                    an->seg[0].len_s, an->seg[1].len_s, total, gap, res.pause_events_s,
                    res.pause_calls_s);
            check_near("pause: total tone length", "%.4f s", total, CLIP_S, 0.040);
            check_near("pause: silence vs PAUSED -> STARTED", "%.4f s", gap,
                       res.pause_events_s, 0.060);
            /* The sound stops when what the device holds has played: after
             * the position at the pause call, by up to the latency. */
            double lo = res.paused_at_s - 0.030, hi = res.paused_at_s + LATENCY_MS / 1000.0 + 0.100;
            if (!(an->seg[0].len_s >= lo && an->seg[0].len_s <= hi)) {
                fprintf(stderr, "  FAIL pause: first segment %.4f s, want %.3f .. %.3f "
                                "(position at the pause call + device latency)\n",
                        an->seg[0].len_s, lo, hi);
                tu_failures++;
            }
        }
        check_continuity("pause", &res.take, an, 5.0);
    }
    take_free(&res.take);
}

/* 3: twice as fast, same pitch. */
static void rate2(recorder *rec, const char *what, const char *clip)
{
    play_result res;
    play(rec, &(play_opts){ .what = what, .clip = clip, .rate = 2.0, .volume = 1.0f }, &res);
    if (res.ok) {
        char name[128];
        check_segments(what, &res.an, 1);
        snprintf(name, sizeof(name), "%s: tone length", what);
        check_near(name, "%.4f s", res.an.seg[0].len_s, CLIP_S / 2, 0.040);
        check_continuity(what, &res.take, &res.an, 10.0);
    }
    take_free(&res.take);
}

/* 4: volume 0.5 halves the amplitude. */
static void volume(recorder *rec, const play_result *full)
{
    play_result res;
    play(rec, &(play_opts){ .what = "volume 0.5", .rate = 1.0, .volume = 0.5f }, &res);
    if (res.ok && full->ok) {
        check_segments("volume 0.5", &res.an, 1);
        double ratio = full->an.seg[0].level > 0 ? res.an.seg[0].level / full->an.seg[0].level : 0;
        fprintf(stderr, "  volume 0.5: level %.4f vs %.4f at volume 1: ratio %.3f\n",
                res.an.seg[0].level, full->an.seg[0].level, ratio);
        check_near("volume 0.5: level ratio to volume 1", "%.3f", ratio, 0.5, 0.05);
        check_near("volume 0.5: tone length", "%.4f s", res.an.seg[0].len_s, CLIP_S, 0.030);
        check_continuity("volume 0.5", &res.take, &res.an, 5.0);
    }
    take_free(&res.take);
}

/* The first output initialises PortAudio, whose ALSA device scan prints
 * pages of noise: keep that aside unless the creation fails. */
static int first_output(msess_sink **out)
{
    char noise[] = "/tmp/msess-audio-out-init-XXXXXX";
    int fd = mkstemp(noise), saved = dup(2);
    if (fd >= 0 && saved >= 0)
        dup2(fd, 2);
    int ret = msess_audio_output_create(out, NULL);
    if (fd >= 0 && saved >= 0)
        dup2(saved, 2);
    if (saved >= 0)
        close(saved);
    if (fd >= 0) {
        close(fd);
        if (ret < 0 && ret != MSESS_ENOSYS) {
            char text[4096];
            file_text(noise, text, sizeof(text));
            fputs(text, stderr);
        }
        unlink(noise);
    }
    return ret;
}

int main(void)
{
    if (!in_path("parec")) {
        fprintf(stderr, "skip: parec not found\n");
        return SKIP_CODE;
    }
    if (!pulse_answers()) {
        fprintf(stderr, "skip: no PulseAudio server answers `pactl info`\n");
        return SKIP_CODE;
    }
    /* Recording first: it keeps PulseAudio's null sink on a short latency
     * (idle, it renders in 2 s blocks, and each ALSA device PortAudio
     * probes at initialisation would wait for one). */
    int64_t t0 = tu_now_ms();
    recorder rec;
    bool recording = rec_start(&rec) == 0;
    /* kept until the end, so that PortAudio is initialised once */
    msess_sink *keep = NULL;
    int ret = first_output(&keep);
    if (ret == MSESS_ENOSYS) {
        rec_stop(&rec);
        fprintf(stderr, "skip: msess was built without PortAudio\n");
        return SKIP_CODE;
    }
    if (!recording) {
        msess_sink_destroy(&keep);
        fprintf(stderr, "FAIL: cannot record the default sink's monitor\n");
        return 1;
    }
    if (ret < 0) {
        rec_stop(&rec);
        fprintf(stderr, "FAIL: a PulseAudio server answers but the default audio output "
                        "cannot be created: %s\n", msess_strerror(ret));
        return 1;
    }
    play_result full;
    plain(&rec, &full);
    paused(&rec);
    rate2(&rec, "rate 2 (AAC, stereo)", CLIP_AAC);
    rate2(&rec, "rate 2 (PCM, unspecified channel layout)", CLIP);
    volume(&rec, &full);
    take_free(&full.take);
    rec_stop(&rec);
    msess_sink_destroy(&keep);
    fprintf(stderr, "-- done in %.1f s\n", (double)(tu_now_ms() - t0) / 1000.0);
    return tu_result();
}

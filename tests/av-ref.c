/* msess-av-ref: the reference for A/V sync measurements (test-av-sync.py).
 *
 * Plays N beeps one second apart into PulseAudio's default sink and turns a
 * borderless window white for 50 ms exactly when PulseAudio says each beep
 * starts to be heard; the window is grey otherwise. The beeps and flashes
 * are those of `msess-gen-media --flash-beep` (1 kHz sine at half scale from
 * phase 0, 50 ms; white 255 over grey 75, the RGB of the clip's limited-range
 * luma 235 and 80), so a capture of the window and the sink's monitor sees
 * the same pattern from this program and from a player, and the capture's
 * own offset between its audio and video timestamps can be measured here
 * and subtracted from the player's (tests/av-measure.c).
 *
 * How "heard" is known: the stream is written continuously (silence between
 * beeps) so stream time and sample count agree, and pa_stream_get_time()
 * gives the time of the sample being played now, that is the sink's read
 * index less the sink's own latency. About 150 ms before each beep a fresh
 * timing update is requested (the interpolator alone favours smoothness
 * over accuracy), then the beep's first sample is placed on the monotonic
 * clock as now + (its stream time - stream time now), and the flash is drawn
 * so that the window update has finished at that instant (the time a window
 * update takes is measured on grey frames before the first beep).
 *
 * Assumptions, each checked or reported where it can be:
 * - PulseAudio's timing (read index, sink latency) is right: "heard" means
 *   what PulseAudio reports, the same notion a player's PulseAudio or ALSA
 *   client gets. A null sink's clock is the system clock.
 * - The stream does not underrun (underruns are counted and reported; the
 *   flash is placed from the timing of the moment, so one would shift the
 *   audio but not break the pairing).
 * - A window update is visible once SDL_UpdateWindowSurface() has returned
 *   (X11: the image is put and the server synced); on a compositing desktop
 *   the compositor adds a frame of its own, to the player as well.
 * - The process is woken on time: lateness of every flash against its
 *   target is reported (present_error_ms), so a loaded machine shows.
 *
 * Output: one JSON object on stdout (per beep: targets and errors, both as
 * CLOCK_MONOTONIC and CLOCK_REALTIME seconds, the latter being the clock of
 * ffmpeg's x11grab and pulse capture timestamps). Exit 0, 1 on failure. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>
#include <pulse/pulseaudio.h>

#include "toolmsg.h"

#define PROG "msess-av-ref"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#define BEEP_MS 50          /* as gen-media's FLASH_MS */
#define AMPLITUDE 0.5       /* as gen-media */
#define WHITE 255
#define GREY 75             /* BT.601 limited-range luma 80 shown as RGB */
#define MAX_BEEPS 64
#define UPDATE_AHEAD_US 150000 /* fresh timing this long before a beep */

typedef struct options {
    int beeps;
    int width, height, x, y;
    int rate;
    double tone;
    int lead_ms;            /* silence before the first beep */
    int latency_ms;         /* the stream's target buffer */
    double flash_shift_ms;  /* deliberate error, to see a measurement catch it */
} options;

typedef struct beep_result {
    double target_mono, target_real;    /* when PulseAudio says it is heard */
    double shown_mono, shown_real;      /* when the white frame was up */
    double latency_ms;                  /* stream latency reported then */
    bool underflow;                     /* the stream ran dry around it */
} beep_result;

typedef struct ref {
    options opt;
    pa_threaded_mainloop *ml;
    pa_context *ctx;
    pa_stream *st;
    int64_t frames_written;  /* mainloop thread, lock held */
    int64_t first_onset;     /* frame index of the first beep */
    int underflows;          /* lock held */
    bool update_done;        /* lock held */
    SDL_Window *win;
} ref;

#define fail(...) tool_msg(PROG, __VA_ARGS__)

static double now_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void sleep_until_mono(double t)
{
    struct timespec ts = { (time_t)t, (long)((t - floor(t)) * 1e9) };
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
        ;
}

static void usage(FILE *f)
{
    fputs("usage: " PROG " [options]\n"
          "Beeps into PulseAudio's default sink and flashes a window exactly when\n"
          "each beep is heard, as PulseAudio reports it. JSON report on stdout.\n"
          "  --beeps N            beeps, one second apart (default 4)\n"
          "  --geometry WxH+X+Y   window (default 320x240+0+0), borderless\n"
          "  --tone HZ            beep frequency (default 1000)\n"
          "  --rate HZ            sample rate (default 48000)\n"
          "  --lead MS            silence before the first beep (default 700)\n"
          "  --latency MS         stream buffer target (default 200: time to spare\n"
          "                       on a loaded machine; it does not change the timing)\n"
          "  --flash-shift MS     flash this much later than heard (default 0;\n"
          "                       for checking that a measurement catches it)\n",
          f);
}

static bool parse_num(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (!s[0] || *end || errno || !(v >= lo && v <= hi))
        return false;
    *out = v;
    return true;
}

static int parse_args(int argc, char **argv, options *o)
{
    *o = (options){ .beeps = 4, .width = 320, .height = 240, .rate = 48000,
                    .tone = 1000, .lead_ms = 700, .latency_ms = 200 };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        double d = 0;
        char tail;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            exit(0);
        }
        if (!v) {
            fail("unknown option or missing value: %s", a);
            return -1;
        }
        i++;
        bool ok = true;
        if (!strcmp(a, "--beeps"))
            ok = parse_num(v, 1, MAX_BEEPS, &d), o->beeps = (int)d;
        else if (!strcmp(a, "--geometry"))
            ok = sscanf(v, "%dx%d+%d+%d%c", &o->width, &o->height, &o->x, &o->y, &tail) == 4 &&
                 o->width > 0 && o->height > 0;
        else if (!strcmp(a, "--tone"))
            ok = parse_num(v, 20, 20000, &o->tone);
        else if (!strcmp(a, "--rate"))
            ok = parse_num(v, 8000, 192000, &d), o->rate = (int)d;
        else if (!strcmp(a, "--lead"))
            ok = parse_num(v, 200, 10000, &d), o->lead_ms = (int)d;
        else if (!strcmp(a, "--latency"))
            ok = parse_num(v, 5, 2000, &d), o->latency_ms = (int)d;
        else if (!strcmp(a, "--flash-shift"))
            ok = parse_num(v, -500, 500, &o->flash_shift_ms);
        else
            ok = false;
        if (!ok) {
            fail("bad option %s %s (see --help)", a, v);
            return -1;
        }
    }
    return 0;
}

/* ---- audio: PulseAudio's threaded mainloop; callbacks run with its lock */

static float sample_at(const ref *r, int64_t n)
{
    int64_t from = n - r->first_onset;
    if (from < 0 || from / r->opt.rate >= r->opt.beeps)
        return 0.0f;
    int64_t pos = from % r->opt.rate;
    if (pos * 1000 >= (int64_t)BEEP_MS * r->opt.rate)
        return 0.0f;
    return (float)(AMPLITUDE * sin(2.0 * M_PI * r->opt.tone * (double)pos / r->opt.rate));
}

static void on_write(pa_stream *s, size_t nbytes, void *ud)
{
    ref *r = ud;
    while (nbytes > 0) {
        void *data = NULL;
        size_t n = nbytes;
        if (pa_stream_begin_write(s, &data, &n) < 0 || !data || n == 0)
            return;
        float *f = data;
        size_t frames = n / (2 * sizeof(float));
        for (size_t i = 0; i < frames; i++)
            f[2 * i] = f[2 * i + 1] = sample_at(r, r->frames_written + (int64_t)i);
        n = frames * 2 * sizeof(float);
        if (pa_stream_write(s, data, n, NULL, 0, PA_SEEK_RELATIVE) < 0)
            return;
        r->frames_written += (int64_t)frames;
        nbytes = nbytes > n ? nbytes - n : 0;
        if (frames == 0)
            return;
    }
}

static void on_underflow(pa_stream *s, void *ud)
{
    (void)s;
    ((ref *)ud)->underflows++;
}

static void on_state(void *ud)
{
    ref *r = ud;
    pa_threaded_mainloop_signal(r->ml, 0);
}

static void on_stream_state(pa_stream *s, void *ud)
{
    (void)s;
    on_state(ud);
}

static void on_context_state(pa_context *c, void *ud)
{
    (void)c;
    on_state(ud);
}

static void on_update(pa_stream *s, int success, void *ud)
{
    (void)s, (void)success;
    ref *r = ud;
    r->update_done = true;
    pa_threaded_mainloop_signal(r->ml, 0);
}

static int audio_open(ref *r)
{
    if (!(r->ml = pa_threaded_mainloop_new()))
        return -1;
    if (!(r->ctx = pa_context_new(pa_threaded_mainloop_get_api(r->ml), PROG)))
        return -1;
    pa_context_set_state_callback(r->ctx, on_context_state, r);
    if (pa_context_connect(r->ctx, NULL, PA_CONTEXT_NOAUTOSPAWN, NULL) < 0) {
        fail("cannot connect to PulseAudio: %s", pa_strerror(pa_context_errno(r->ctx)));
        return -1;
    }
    pa_threaded_mainloop_lock(r->ml);
    if (pa_threaded_mainloop_start(r->ml) < 0) {
        pa_threaded_mainloop_unlock(r->ml);
        return -1;
    }
    pa_context_state_t cs;
    while ((cs = pa_context_get_state(r->ctx)) != PA_CONTEXT_READY) {
        if (!PA_CONTEXT_IS_GOOD(cs)) {
            fail("cannot connect to PulseAudio: %s", pa_strerror(pa_context_errno(r->ctx)));
            pa_threaded_mainloop_unlock(r->ml);
            return -1;
        }
        pa_threaded_mainloop_wait(r->ml);
    }
    pa_sample_spec ss = { .format = PA_SAMPLE_FLOAT32NE, .rate = (uint32_t)r->opt.rate, .channels = 2 };
    r->st = pa_stream_new(r->ctx, "av-sync reference beeps", &ss, NULL);
    if (!r->st) {
        pa_threaded_mainloop_unlock(r->ml);
        return -1;
    }
    pa_stream_set_state_callback(r->st, on_stream_state, r);
    pa_stream_set_write_callback(r->st, on_write, r);
    pa_stream_set_underflow_callback(r->st, on_underflow, r);
    pa_buffer_attr attr = {
        .maxlength = (uint32_t)-1,
        .tlength = (uint32_t)pa_usec_to_bytes((pa_usec_t)r->opt.latency_ms * 1000, &ss),
        .prebuf = (uint32_t)-1,
        .minreq = (uint32_t)-1,
        .fragsize = (uint32_t)-1,
    };
    /* NOT_MONOTONIC: a fresh timing update is taken as it is, not clamped
     * to the interpolator's earlier guesses. */
    pa_stream_flags_t flags = PA_STREAM_INTERPOLATE_TIMING | PA_STREAM_AUTO_TIMING_UPDATE |
                              PA_STREAM_ADJUST_LATENCY | PA_STREAM_NOT_MONOTONIC;
    int ret = pa_stream_connect_playback(r->st, NULL, &attr, flags, NULL, NULL);
    pa_stream_state_t st;
    while (ret == 0 && (st = pa_stream_get_state(r->st)) != PA_STREAM_READY) {
        if (!PA_STREAM_IS_GOOD(st))
            ret = -1;
        else
            pa_threaded_mainloop_wait(r->ml);
    }
    if (ret < 0)
        fail("cannot play into the default sink: %s", pa_strerror(pa_context_errno(r->ctx)));
    pa_threaded_mainloop_unlock(r->ml);
    return ret;
}

static void audio_close(ref *r)
{
    if (r->ml)
        pa_threaded_mainloop_stop(r->ml);
    if (r->st) {
        pa_stream_disconnect(r->st);
        pa_stream_unref(r->st);
    }
    if (r->ctx) {
        pa_context_disconnect(r->ctx);
        pa_context_unref(r->ctx);
    }
    if (r->ml)
        pa_threaded_mainloop_free(r->ml);
}

/* Wait for a fresh timing update from the server. */
static void refresh_timing(ref *r)
{
    pa_threaded_mainloop_lock(r->ml);
    r->update_done = false;
    pa_operation *op = pa_stream_update_timing_info(r->st, on_update, r);
    if (op) {
        while (!r->update_done && pa_operation_get_state(op) == PA_OPERATION_RUNNING)
            pa_threaded_mainloop_wait(r->ml);
        pa_operation_unref(op);
    }
    pa_threaded_mainloop_unlock(r->ml);
}

/* Playback time of the sample heard now (us of stream time), with the
 * monotonic time it was read at; false while PulseAudio has no timing. */
static bool stream_time(ref *r, double *usec, double *mono, double *latency_ms)
{
    pa_usec_t t = 0, lat = 0;
    int neg = 0;
    pa_threaded_mainloop_lock(r->ml);
    /* The interpolator runs on before the sink has started the stream
     * (a null sink may have rendered up to its 2 s maximum latency ahead):
     * only a stream that plays has a time. */
    const pa_timing_info *ti = pa_stream_get_timing_info(r->st);
    int ret = ti && ti->playing && !ti->read_index_corrupt ? pa_stream_get_time(r->st, &t) : -1;
    double m = now_s(CLOCK_MONOTONIC);
    if (ret == 0 && latency_ms)
        *latency_ms = pa_stream_get_latency(r->st, &lat, &neg) == 0
                    ? (neg ? -1.0 : 1.0) * (double)lat / 1000.0 : -1.0;
    pa_threaded_mainloop_unlock(r->ml);
    *usec = (double)t;
    *mono = m;
    return ret == 0;
}

/* ---- video: one borderless window, drawn through its surface */

static void pump(void)
{
    SDL_Event e;
    while (SDL_PollEvent(&e))
        ;
}

static void paint(ref *r, int level)
{
    SDL_Surface *s = SDL_GetWindowSurface(r->win);
    if (!s)
        return;
    SDL_FillRect(s, NULL, SDL_MapRGB(s->format, (Uint8)level, (Uint8)level, (Uint8)level));
    SDL_UpdateWindowSurface(r->win);
}

/* Sleep until monotonic time t, keeping the window's events pumped. */
static void wait_pumping(double t)
{
    for (;;) {
        pump();
        double left = t - now_s(CLOCK_MONOTONIC);
        if (left <= 0)
            return;
        sleep_until_mono(now_s(CLOCK_MONOTONIC) + (left > 0.01 ? 0.01 : left));
    }
}

static int video_open(ref *r)
{
    /* As the SDL video output does without GPU: the window's own X11 image,
     * no OpenGL in between. */
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) < 0) {
        fail("no display: %s", SDL_GetError());
        return -1;
    }
    r->win = SDL_CreateWindow("msess av-sync reference", r->opt.x, r->opt.y, r->opt.width,
                              r->opt.height, SDL_WINDOW_BORDERLESS | SDL_WINDOW_SHOWN);
    if (!r->win) {
        fail("cannot open a window: %s", SDL_GetError());
        return -1;
    }
    return 0;
}

/* Median time a grey window update takes (seconds). */
static double measure_paint(ref *r)
{
    double d[15];
    int n = (int)(sizeof(d) / sizeof(d[0]));
    for (int i = 0; i < n; i++) {
        pump();
        double t0 = now_s(CLOCK_MONOTONIC);
        paint(r, GREY);
        d[i] = now_s(CLOCK_MONOTONIC) - t0;
        sleep_until_mono(now_s(CLOCK_MONOTONIC) + 0.01);
    }
    for (int i = 1; i < n; i++) /* insertion sort */
        for (int j = i; j > 0 && d[j] < d[j - 1]; j--) {
            double t = d[j];
            d[j] = d[j - 1];
            d[j - 1] = t;
        }
    return d[n / 2];
}

/* ---- the run */

static int underflows(ref *r)
{
    pa_threaded_mainloop_lock(r->ml);
    int n = r->underflows;
    pa_threaded_mainloop_unlock(r->ml);
    return n;
}

static int run(ref *r, beep_result *res, double *paint_s)
{
    const options *o = &r->opt;
    paint(r, GREY);
    wait_pumping(now_s(CLOCK_MONOTONIC) + 0.2); /* let the window map */
    *paint_s = measure_paint(r);
    r->first_onset = (int64_t)o->lead_ms * o->rate / 1000;
    if (audio_open(r) < 0)
        return -1;
    double give_up = now_s(CLOCK_MONOTONIC) + o->lead_ms / 1000.0 + o->beeps + 10.0;
    for (int k = 0; k < o->beeps; k++) {
        int64_t onset = r->first_onset + (int64_t)k * o->rate;
        double onset_us = (double)onset * 1e6 / o->rate;
        double usec = 0, mono = 0, lat = 0, target = 0;
        bool refreshed = false;
        for (;;) { /* until the beep is close: then place it on the clock */
            pump();
            if (now_s(CLOCK_MONOTONIC) > give_up) {
                fail("PulseAudio gives no playback time (is the sink running?)");
                return -1;
            }
            if (!stream_time(r, &usec, &mono, &lat)) {
                sleep_until_mono(now_s(CLOCK_MONOTONIC) + 0.005);
                continue;
            }
            double left = onset_us - usec;
            if (left <= UPDATE_AHEAD_US && !refreshed) {
                refresh_timing(r);
                refreshed = true;
                continue;
            }
            if (left <= UPDATE_AHEAD_US) {
                target = mono + left * 1e-6;
                break;
            }
            sleep_until_mono(mono + fmin(0.02, (left - UPDATE_AHEAD_US) * 1e-6));
        }
        int dry = underflows(r);
        double real_minus_mono = now_s(CLOCK_REALTIME) - now_s(CLOCK_MONOTONIC);
        double show_at = target + o->flash_shift_ms / 1000.0;
        wait_pumping(show_at - *paint_s - 0.002);
        sleep_until_mono(show_at - *paint_s);
        paint(r, WHITE);
        double shown = now_s(CLOCK_MONOTONIC);
        res[k] = (beep_result){
            .target_mono = target,
            .target_real = target + real_minus_mono,
            .shown_mono = shown,
            .shown_real = shown + real_minus_mono,
            .latency_ms = lat,
        };
        wait_pumping(show_at + BEEP_MS / 1000.0 - *paint_s);
        paint(r, GREY);
        /* A later underrun delays the beep after its flash was placed. */
        res[k].underflow = underflows(r) != dry;
    }
    /* Let the last beep play out before the stream goes. */
    wait_pumping(res[o->beeps - 1].target_mono + 0.3);
    return 0;
}

int main(int argc, char **argv)
{
    ref r = { 0 };
    if (parse_args(argc, argv, &r.opt) < 0) {
        usage(stderr);
        return 1;
    }
    beep_result res[MAX_BEEPS];
    double paint_s = 0;
    int ret = video_open(&r);
    if (ret == 0)
        ret = run(&r, res, &paint_s);
    int underflows = 0;
    if (r.ml) {
        pa_threaded_mainloop_lock(r.ml);
        underflows = r.underflows;
        pa_threaded_mainloop_unlock(r.ml);
    }
    audio_close(&r);
    if (r.win)
        SDL_DestroyWindow(r.win);
    SDL_Quit();
    if (ret < 0)
        return 1;

    /* Report. Errors are shown minus target: > 0 means late. */
    double worst = 0;
    printf("{\"beeps\":[");
    for (int k = 0; k < r.opt.beeps; k++) {
        double err = (res[k].shown_mono - res[k].target_mono) * 1000.0 - r.opt.flash_shift_ms;
        worst = fmax(worst, fabs(err));
        printf("%s{\"heard_real\":%.6f,\"heard_mono\":%.6f,\"shown_real\":%.6f,"
               "\"present_error_ms\":%.3f,\"stream_latency_ms\":%.3f,\"underflow\":%s}",
               k ? "," : "", res[k].target_real, res[k].target_mono, res[k].shown_real, err,
               res[k].latency_ms, res[k].underflow ? "true" : "false");
    }
    printf("],\"paint_ms\":%.3f,\"max_present_error_ms\":%.3f,\"flash_shift_ms\":%.3f,"
           "\"underflows\":%d}\n",
           paint_s * 1000.0, worst, r.opt.flash_shift_ms, underflows);
    return 0;
}

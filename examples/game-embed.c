/* msess-game-embed: a clip playing inside a game.
 *
 * The game loop runs at its own frame rate and owns time: its clock (game
 * time, which pauses, slows and speeds with the game) is the session's time
 * source (MSESS_CLOCK_SOURCE_APP). Each tick the game asks the application
 * video sink for the frame due at the clock's time, uploads its planes into
 * a texture drawn on a moving, rotating quad under a HUD, and pulls the
 * tick's worth of audio from the application audio sink into its own mixer.
 * The clip loops gaplessly through the engine (msess_topology_set_loop).
 *
 * --headless runs the same loop without SDL, as fast as the decoder allows;
 * --check then reads each frame's bar code (tests/framecode.h), pauses the
 * game in the middle, and verifies what the game received (check_* below).
 *
 * Keys (windowed): space pauses the game, +/- change its speed, q or escape
 * quits. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SDL_MAIN_HANDLED
#include <SDL.h>

#include <msess/msess.h>

#include "framecode.h"

#define PROG "msess-game-embed"
#define SEC MSESS_TIME_PER_SECOND
#define MS MSESS_TIME_PER_MS

#define AUDIO_RATE 48000
#define AUDIO_CHANNELS 2
#define AAC_FRAME 1024           /* audio the decoder hands out at once */

#define WIN_W 960
#define WIN_H 540
#define QUAD_H 216.0f            /* the quad's height on screen, in pixels */

#define HEADLESS_FRAMES 300
#define PAUSE_TICKS 30           /* --check: ticks the game stays paused */
#define PAUSE_SLEEP_MS 3         /* real time each paused tick lasts */
#define WAIT_LIMIT_MS 10000      /* headless: longest wait for the decoder */
#define BRIEF_WAIT_MS 5
/* Timestamps are rounded (to 100 ns, or to 1 ms by Matroska), so a frame's
 * pts + duration may miss the next frame's pts by that much. */
#define TS_SLACK MS
#define MAX_REPORTS 10
#define PI 3.14159265358979323846

#ifdef __GNUC__
#  define PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#  define PRINTF_LIKE(fmt, args)
#endif

typedef struct options {
    const char *file;
    bool headless, loop, check;
    int frames;                  /* ticks to run; 0: until the player quits */
    double fps, speed;
} options;

/* Game time in 100 ns ticks. Only the game loop moves it; the session reads
 * it from its own threads through the time source. */
typedef struct game_clock {
    _Atomic int64_t now;
} game_clock;

static msess_time game_clock_now(void *userdata)
{
    return atomic_load(&((game_clock *)userdata)->now);
}

/* The clip: source, the two application sinks, the session. */
typedef struct media {
    msess_source *src;
    msess_sink *video, *audio;   /* audio NULL when the clip has none */
    msess_topology *topo;
    msess_session *session;
    msess_clock *clock;          /* the session's */
    msess_time pass;             /* length of one pass, for the HUD; 0 if unknown */
    msess_time video_start;      /* first frame's time; MSESS_TIME_NONE if unknown */
    msess_time frame_duration;   /* nominal */
    double video_fps;
    int frames_per_pass;         /* 0 if unknown */
} media;

/* The picture on screen. Its planes went into the texture and the msess
 * frame was released at once; only its times and bar code are kept. */
typedef struct shown_frame {
    bool valid;
    msess_time pts, duration;
    int number;                  /* bar code (--check), else -1 */
    float aspect;                /* display aspect ratio */
} shown_frame;

/* What --check verifies, gathered tick by tick. */
typedef struct checker {
    int failures;
    int max_advance;             /* frames one tick may move on */
    uint64_t new_frames;
    int wraps;                   /* loop boundaries seen in the bar codes */
    /* the pause in the middle */
    uint64_t pause_at;           /* first tick allowed to pause; 0: no pause test */
    int pause_left;              /* paused ticks still to run */
    bool pause_done, pause_ok;
    msess_time pause_clock;
    uint64_t pause_frames, pause_pulled, pause_rendered;
    uint64_t frames_in_pause;
} checker;

/* SDL side of the windowed game. */
typedef struct view {
    SDL_Window *win;
    SDL_Renderer *ren;
    SDL_Texture *tex;
    int tex_w, tex_h;
    Uint32 tex_format;
    SDL_AudioDeviceID audio;
    uint64_t audio_dropped;      /* mixer output dropped to bound the latency */
    Uint32 audio_queued_max;     /* bytes */
    double fps;                  /* measured ticks per second */
    uint64_t fps_ticks, fps_since;
} view;

typedef struct game {
    options opt;
    media m;
    game_clock clock;
    double seconds;              /* game time (the clock holds it in ticks) */
    double step;                 /* game seconds per unpaused tick */
    uint64_t tick;
    bool paused, quit, ended, video_ended;
    shown_frame shown;
    /* the mixer */
    float *mix;
    size_t mix_cap;              /* sample frames */
    uint64_t audio_due;          /* sample frames game time has reached */
    uint64_t audio_pulled;       /* sample frames pulled from msess */
    bool audio_eof;
    float level;                 /* peak of the last tick's mix */
    int blip_left;               /* the game's own sound: a bounce blip */
    double blip_phase;
    /* the quad */
    float x, y, vx, vy;
    checker chk;
    view *view;
} game;

/* ------------------------------------------------------------ options */

static void usage(FILE *f)
{
    fprintf(f,
        "usage: " PROG " [options] [FILE]\n"
        "  --headless   no window and no sound device; runs the ticks as fast\n"
        "               as the decoder allows (default %d ticks)\n"
        "  --frames N   ticks to run (windowed default: until quit)\n"
        "  --fps F      game ticks per second (default 60)\n"
        "  --speed S    game speed: game seconds per real second (default 1)\n"
        "  --loop       loop the clip for ever, gaplessly\n"
        "  --check      with --headless: verify the frames, the audio and a\n"
        "               pause from the clip's bar codes; exit 1 on failure\n"
        "FILE defaults to %s\n"
        "keys: space pause, +/- speed, q/escape quit\n",
        HEADLESS_FRAMES,
#ifdef GAME_EMBED_DEFAULT_FILE
        GAME_EMBED_DEFAULT_FILE
#else
        "nothing (FILE is required)"
#endif
    );
}

static bool parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    return s[0] && !*end && !errno && isfinite(*out);
}

static bool parse_int(const char *s, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    *out = (int)v;
    return s[0] && !*end && !errno && v == *out;
}

static int parse_args(int argc, char **argv, options *o)
{
    *o = (options){ .fps = 60, .speed = 1, .frames = -1 };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        bool ok = true;
        if (!strcmp(a, "--headless")) o->headless = true;
        else if (!strcmp(a, "--loop")) o->loop = true;
        else if (!strcmp(a, "--check")) o->check = true;
        else if (!strcmp(a, "-h") || !strcmp(a, "--help")) { usage(stdout); exit(0); }
        else if (!strcmp(a, "--frames")) ok = v && parse_int(v, &o->frames) && o->frames >= 0, i++;
        else if (!strcmp(a, "--fps")) ok = v && parse_double(v, &o->fps) && o->fps >= 1 && o->fps <= 1000, i++;
        else if (!strcmp(a, "--speed")) ok = v && parse_double(v, &o->speed) && o->speed > 0 && o->speed <= 16, i++;
        else if (a[0] == '-' && a[1]) {
            fprintf(stderr, PROG ": unknown option '%s'\n", a);
            return -1;
        } else if (!o->file) o->file = a;
        else {
            fprintf(stderr, PROG ": more than one FILE given\n");
            return -1;
        }
        if (!ok) {
            fprintf(stderr, PROG ": bad or missing value for %s\n", a);
            return -1;
        }
    }
    if (o->check && !o->headless) {
        fprintf(stderr, PROG ": --check needs --headless\n");
        return -1;
    }
    if (o->frames < 0)
        o->frames = o->headless ? HEADLESS_FRAMES : 0;
    if (o->headless && !o->frames) {
        fprintf(stderr, PROG ": --headless needs --frames N > 0\n");
        return -1;
    }
#ifdef GAME_EMBED_DEFAULT_FILE
    if (!o->file)
        o->file = GAME_EMBED_DEFAULT_FILE;
#endif
    if (!o->file) {
        fprintf(stderr, PROG ": no FILE given\n");
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ media */

static double secs(msess_time t)
{
    return (double)t / SEC;
}

/* Wait for STARTED; any failure on the way ends the wait. */
static int wait_started(msess_session *s)
{
    for (;;) {
        msess_event ev;
        int ret = msess_session_get_event(s, &ev, WAIT_LIMIT_MS);
        if (ret < 0)
            return ret;
        enum msess_event_type type = ev.type;
        int status = type == MSESS_EVENT_ERROR && ev.status >= 0 ? MSESS_EIO : ev.status;
        if (type == MSESS_EVENT_WARNING)
            status = 0;
        if (status < 0)
            fprintf(stderr, PROG ": %s: %s\n", msess_event_type_name(type),
                    ev.message[0] ? ev.message : msess_strerror(status));
        msess_event_clear(&ev);
        if (status < 0)
            return status;
        if (type == MSESS_EVENT_STARTED)
            return 0;
    }
}

/* Stream facts the loop and the checks need. */
static void media_describe(media *m)
{
    m->video_start = MSESS_TIME_NONE;
    m->frame_duration = 40 * MS;
    m->video_fps = 25;
    msess_time dur = msess_source_duration(m->src);
    m->pass = dur != MSESS_TIME_NONE && dur > 0 ? dur : 0;
    msess_stream_info si;
    int vi = msess_source_find_stream(m->src, MSESS_MEDIA_VIDEO);
    if (vi < 0 || msess_source_stream_info(m->src, (unsigned)vi, &si) < 0)
        return;
    msess_rational fr = si.type.frame_rate;
    if (fr.num > 0 && fr.den > 0) {
        m->video_fps = (double)fr.num / fr.den;
        m->frame_duration = (msess_time)llround(SEC / m->video_fps);
    }
    m->video_start = si.start_time;
    msess_time vdur = si.duration;
    if (vdur == MSESS_TIME_NONE && dur != MSESS_TIME_NONE)
        vdur = dur - (si.start_time != MSESS_TIME_NONE ? si.start_time : 0);
    if (vdur != MSESS_TIME_NONE && vdur > 0)
        m->frames_per_pass = (int)llround(secs(vdur) * m->video_fps);
}

static int media_open(media *m, const options *o, game_clock *clock)
{
    static const enum msess_pixel_format formats[] = { MSESS_PIX_YUV420P, MSESS_PIX_NV12,
                                                       MSESS_PIX_NONE };
    msess_logger log = { msess_log_stderr, PROG, MSESS_LOG_WARN };
    msess_source_settings ss;
    msess_source_default_settings(&ss);
    ss.log = log;
    int ret = msess_source_open(&m->src, o->file, &ss);
    if (ret < 0) {
        fprintf(stderr, PROG ": cannot open '%s': %s\n", o->file, msess_strerror(ret));
        return ret;
    }
    if (msess_source_find_stream(m->src, MSESS_MEDIA_VIDEO) < 0) {
        fprintf(stderr, PROG ": '%s' has no video\n", o->file);
        return MSESS_ENOENT;
    }
    media_describe(m);

    msess_app_video_settings vs;
    msess_app_video_default_settings(&vs);
    vs.formats = formats; /* what SDL textures take as planes, without a copy */
    msess_app_audio_settings as;
    msess_app_audio_default_settings(&as);
    as.sample_rate = AUDIO_RATE;
    as.channels = AUDIO_CHANNELS;
    as.format = MSESS_SAMPLE_FLT;
    bool has_audio = msess_source_find_stream(m->src, MSESS_MEDIA_AUDIO) >= 0;
    if ((ret = msess_app_video_sink_create(&m->video, &vs)) < 0 ||
        (has_audio && (ret = msess_app_audio_sink_create(&m->audio, &as)) < 0) ||
        (ret = msess_topology_create_simple(&m->topo, m->src, m->video, m->audio)) < 0 ||
        (o->loop && (ret = msess_topology_set_loop(m->topo, -1)) < 0)) {
        fprintf(stderr, PROG ": cannot build the topology: %s\n", msess_strerror(ret));
        return ret;
    }

    msess_session_settings set;
    msess_session_default_settings(&set);
    set.log = log;
    set.clock_source = MSESS_CLOCK_SOURCE_APP;
    set.clock_fn = (msess_time_source){ game_clock_now, clock };
    if ((ret = msess_session_create(&m->session, &set)) < 0 ||
        (ret = msess_session_set_topology(m->session, 0, m->topo)) < 0 ||
        (ret = msess_session_start(m->session, MSESS_TIME_NONE)) < 0) {
        fprintf(stderr, PROG ": cannot start the session: %s\n", msess_strerror(ret));
        return ret;
    }
    m->clock = msess_session_get_clock(m->session);
    /* Game time stands still until the clip is ready (a loading screen), so
     * the presentation clock starts at game time 0 and stays equal to it. */
    if ((ret = wait_started(m->session)) < 0) {
        fprintf(stderr, PROG ": the clip did not start: %s\n", msess_strerror(ret));
        return ret;
    }
    return 0;
}

/* Events of the running session: ENDED, and failures. */
static int media_poll(media *m, bool *ended)
{
    msess_event ev;
    int err = 0;
    while (msess_session_get_event(m->session, &ev, 0) == 0) {
        if (ev.type == MSESS_EVENT_ENDED)
            *ended = true;
        if (ev.type == MSESS_EVENT_WARNING) {
            fprintf(stderr, PROG ": warning: %s\n", ev.message);
        } else if (ev.status < 0 || ev.type == MSESS_EVENT_ERROR) {
            fprintf(stderr, PROG ": %s: %s\n", msess_event_type_name(ev.type),
                    ev.message[0] ? ev.message : msess_strerror(ev.status));
            err = ev.status < 0 ? ev.status : MSESS_EIO;
        }
        msess_event_clear(&ev);
    }
    return err;
}

static void media_close(media *m)
{
    msess_session_destroy(&m->session);
    msess_topology_destroy(&m->topo);
    msess_sink_destroy(&m->video);
    msess_sink_destroy(&m->audio);
    msess_source_destroy(&m->src);
}

/* ------------------------------------------------------------ checks */

static void fail(game *g, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void fail(game *g, const char *fmt, ...)
{
    if (g->chk.failures++ >= MAX_REPORTS)
        return;
    fprintf(stderr, PROG ": check failed at tick %llu (game time %.4f s): ",
            (unsigned long long)g->tick, g->seconds);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static bool last_of_pass(const game *g, const shown_frame *s)
{
    return g->m.frames_per_pass > 0 && s->number == g->m.frames_per_pass - 1;
}

/* Until when the shown frame may stay on screen: its end, and at a loop
 * boundary up to a frame more (a pass lasts as long as its longest stream,
 * so the next pass may start a little after the last frame's end). Without
 * a bar code, any frame may be a pass's last. */
static msess_time shown_until(const game *g)
{
    const shown_frame *s = &g->shown;
    if (!s->valid)
        return (g->m.video_start != MSESS_TIME_NONE ? g->m.video_start : g->m.frame_duration) +
               TS_SLACK;
    msess_time end = s->pts + s->duration + TS_SLACK;
    return s->number < 0 || last_of_pass(g, s) ? end + s->duration : end;
}

/* A newly acquired frame at clock time t: its time, and its bar code
 * against the frame acquired before. */
static void check_frame(game *g, msess_time t, const msess_video_frame *f, int number)
{
    checker *c = &g->chk;
    const shown_frame *prev = &g->shown;
    c->new_frames++;
    if (c->pause_left)
        c->frames_in_pause++;
    if (number < 0)
        fail(g, "frame at %.4f s: unreadable bar code", secs(f->pts));
    if (f->pts > t)
        fail(g, "frame %d of %.4f s acquired at clock time %.4f s", number, secs(f->pts),
             secs(t));
    if (!prev->valid) {
        if (number + 1 > c->max_advance)
            fail(g, "the first frame is %d", number);
        return;
    }
    if (f->pts <= prev->pts)
        fail(g, "frame at %.4f s after one at %.4f s", secs(f->pts), secs(prev->pts));
    if (number < 0 || prev->number < 0)
        return;
    int advance = number - prev->number;
    if (advance <= 0) { /* back to the start: a loop boundary */
        c->wraps++;
        if (!g->opt.loop)
            fail(g, "frame %d after %d without --loop", number, prev->number);
        int per_pass = g->m.frames_per_pass > 0 ? g->m.frames_per_pass : prev->number + 1;
        advance = number + per_pass - prev->number;
    }
    if (advance < 1 || advance > c->max_advance)
        fail(g, "frame %d after frame %d: %d skipped (a tick may move %d)", number,
             prev->number, advance - 1, c->max_advance);
}

/* Every tick: the clock is game time, and the picture on screen is the one
 * due at t (held at most one frame longer at a loop boundary). */
static void check_tick(game *g, msess_time t)
{
    msess_time game_t = atomic_load(&g->clock.now);
    if (!g->ended && llabs((long long)(t - game_t)) > 1) /* stopped at the end */
        fail(g, "clock time %.7f s, game time %.7f s", secs(t), secs(game_t));
    if (g->video_ended)
        return;
    const shown_frame *s = &g->shown;
    if (t >= shown_until(g))
        fail(g, "at %.4f s still showing %s: a frame is missing", secs(t),
             s->valid ? "an older frame" : "nothing");
    if (s->valid && s->pts > t)
        fail(g, "showing frame %d of %.4f s at %.4f s", s->number, secs(s->pts), secs(t));
}

static void pause_begin(game *g, msess_time t)
{
    checker *c = &g->chk;
    msess_sink_stats st;
    c->pause_left = PAUSE_TICKS;
    c->pause_clock = t;
    c->pause_pulled = g->audio_pulled;
    msess_sink_get_stats(g->m.video, &st);
    c->pause_frames = st.frames_presented;
    c->pause_rendered = 0;
    if (g->m.audio) {
        msess_sink_get_stats(g->m.audio, &st);
        c->pause_rendered = st.samples_rendered;
    }
    g->paused = true;
}

/* After the last paused tick: the clock stood still with the game, no
 * frame came (none was due), and the game pulled no audio. */
static void pause_end(game *g, msess_time t)
{
    checker *c = &g->chk;
    msess_sink_stats st;
    int failures = c->failures;
    g->paused = false;
    c->pause_done = true;
    if (t != c->pause_clock)
        fail(g, "the clock moved from %.7f s to %.7f s while the game was paused",
             secs(c->pause_clock), secs(t));
    msess_sink_get_stats(g->m.video, &st);
    if (c->frames_in_pause || st.frames_presented != c->pause_frames)
        fail(g, "%llu new video frames while paused",
             (unsigned long long)(st.frames_presented - c->pause_frames));
    uint64_t rendered = c->pause_rendered;
    if (g->m.audio) {
        msess_sink_get_stats(g->m.audio, &st);
        rendered = st.samples_rendered;
    }
    if (g->audio_pulled != c->pause_pulled || rendered != c->pause_rendered)
        fail(g, "audio pulled while paused: %llu sample frames (%llu rendered)",
             (unsigned long long)(g->audio_pulled - c->pause_pulled),
             (unsigned long long)(rendered - c->pause_rendered));
    c->pause_ok = c->failures == failures;
}

/* At exit: counts against game time. Returns the summary's verdict. */
static bool check_summary(game *g)
{
    checker *c = &g->chk;
    const media *m = &g->m;
    msess_sink_stats vs;
    msess_sink_get_stats(m->video, &vs);
    double gt = g->seconds;
    /* Frames due by game time: every frame of a pass starts within its
     * video span, and each loop boundary may add up to a frame of gap. */
    double expect = gt * m->video_fps;
    if (!g->opt.loop && m->frames_per_pass > 0 && expect > m->frames_per_pass)
        expect = m->frames_per_pass;
    double slack = 2 + c->wraps;
    uint64_t taken = c->new_frames + vs.frames_dropped; /* frames the sink handed on */
    if (fabs((double)taken - expect) > slack)
        fail(g, "%llu frames for %.4f s of game time, want %.1f +- %.0f",
             (unsigned long long)taken, gt, expect, slack);
    if (c->max_advance == 1 && vs.frames_dropped)
        fail(g, "%llu frames dropped although the game ticks faster than the video",
             (unsigned long long)vs.frames_dropped);
    if (vs.frames_presented != c->new_frames)
        fail(g, "the sink presented %llu frames, the game got %llu",
             (unsigned long long)vs.frames_presented, (unsigned long long)c->new_frames);
    if (g->opt.loop && g->m.frames_per_pass > 0 && taken &&
        (uint64_t)c->wraps != (taken - 1) / (uint64_t)g->m.frames_per_pass)
        fail(g, "%d loop boundaries in %llu frames", c->wraps, (unsigned long long)taken);
    /* the game pulled exactly what game time played (headless waits for
     * the decoder), so only the rounding of a sample remains */
    double want_audio = gt * AUDIO_RATE;
    if (m->audio && !g->audio_eof && fabs((double)g->audio_pulled - want_audio) > AAC_FRAME)
        fail(g, "%llu audio sample frames for %.4f s, want %.0f +- %d",
             (unsigned long long)g->audio_pulled, gt, want_audio, AAC_FRAME);
    if (c->pause_at && !c->pause_done)
        fail(g, "the pause test did not run");
    printf("game-embed: %llu ticks at %g fps, game time %.3f s; video: %llu frames "
           "(want %.1f +- %.0f), %d loop wraps, %llu dropped; audio: %llu sample frames "
           "(want %.0f)%s; pause: %s; %s\n",
           (unsigned long long)g->tick, g->opt.fps, gt, (unsigned long long)taken,
           expect, slack, c->wraps, (unsigned long long)vs.frames_dropped,
           (unsigned long long)g->audio_pulled, m->audio ? want_audio : 0.0,
           g->audio_eof ? " (ended)" : "",
           !c->pause_at ? "not tested (too few ticks)"
           : !c->pause_done ? "did not run"
           : c->pause_ok ? "clock frozen, no frame, no audio" : "FAILED",
           c->failures ? "FAILED" : "OK");
    return !c->failures;
}

/* ------------------------------------------------------------ audio */

/* Pull up to `frames` sample frames. Headless, wait for the decoder:
 * a short read only means it has not caught up yet. */
static size_t audio_pull(game *g, float *buf, size_t frames)
{
    size_t got = 0;
    uint64_t start = SDL_GetTicks64();
    while (got < frames && !g->audio_eof) {
        size_t want = frames - got < 65536 ? frames - got : 65536;
        int ret = msess_app_audio_read(g->m.audio, buf + got * AUDIO_CHANNELS, (int)want);
        if (ret == MSESS_EOF) {
            g->audio_eof = true;
            break;
        }
        if (ret < 0) {
            fprintf(stderr, PROG ": audio: %s\n", msess_strerror(ret));
            g->audio_eof = true;
            break;
        }
        got += (size_t)ret;
        if ((size_t)ret == want)
            continue;
        if (!g->opt.headless)
            break; /* the mixer never waits: silence now, the rest next tick */
        if (SDL_GetTicks64() - start > WAIT_LIMIT_MS) {
            fail(g, "audio: the decoder gave nothing for %d ms", WAIT_LIMIT_MS);
            break;
        }
        SDL_Delay(1);
    }
    return got;
}

/* The game's own sound: a short quiet blip each time the quad bounces. */
static void mix_game_sound(game *g, float *buf, size_t frames)
{
    const int len = AUDIO_RATE / 12;
    for (size_t i = 0; i < frames && g->blip_left > 0; i++, g->blip_left--) {
        float v = 0.08f * (float)g->blip_left / (float)len * (float)sin(g->blip_phase);
        g->blip_phase += 2 * PI * 660 / AUDIO_RATE;
        for (int ch = 0; ch < AUDIO_CHANNELS; ch++)
            buf[i * AUDIO_CHANNELS + (size_t)ch] += v;
    }
}

/* The game's mixer, once per tick: pull the clip's audio for the game time
 * that passed (nothing while paused: the session does not know the game
 * paused, its queue would go on giving), add the game's sounds, and play
 * the mix. */
static void audio_tick(game *g)
{
    msess_time now = atomic_load(&g->clock.now);
    uint64_t due = (uint64_t)(now / SEC * AUDIO_RATE + now % SEC * AUDIO_RATE / SEC);
    size_t tick_len = (size_t)(due - g->audio_due);
    g->audio_due = due;
    if (g->paused || !tick_len)
        return;
    /* what an earlier short read left behind is pulled now */
    size_t need = g->m.audio && due > g->audio_pulled ? (size_t)(due - g->audio_pulled) : 0;
    size_t len = need > tick_len ? need : tick_len;
    if (len > g->mix_cap) {
        float *p = realloc(g->mix, len * AUDIO_CHANNELS * sizeof(float));
        if (!p)
            return;
        g->mix = p;
        g->mix_cap = len;
    }
    size_t got = need ? audio_pull(g, g->mix, need) : 0;
    g->audio_pulled += got;
    if (got < tick_len)
        memset(g->mix + got * AUDIO_CHANNELS, 0, (tick_len - got) * AUDIO_CHANNELS * sizeof(float));
    len = got > tick_len ? got : tick_len;
    mix_game_sound(g, g->mix, len);
    float peak = 0;
    for (size_t i = 0; i < len * AUDIO_CHANNELS; i++)
        peak = fmaxf(peak, fabsf(g->mix[i]));
    g->level = peak;
    view *v = g->view;
    if (v && v->audio) {
        /* The game's clock is not the sound card's (and runs at another
         * speed with --speed): bound the latency by dropping a tick's mix
         * when too much is queued. */
        Uint32 bytes = (Uint32)(len * AUDIO_CHANNELS * sizeof(float));
        Uint32 limit = AUDIO_RATE / 4 * AUDIO_CHANNELS * sizeof(float);
        Uint32 queued = SDL_GetQueuedAudioSize(v->audio);
        v->audio_queued_max = queued > v->audio_queued_max ? queued : v->audio_queued_max;
        if (queued + bytes > limit)
            v->audio_dropped += len;
        else
            SDL_QueueAudio(v->audio, g->mix, bytes);
    }
}

/* ------------------------------------------------------------ video */

static void view_upload(view *v, const msess_video_frame *f);

/* acquire(t). Headless, the game must not outrun the decoder or it would
 * skip frames it should show, but the sink's MSESS_EAGAIN does not say
 * whether the frame is not due yet or not decoded yet: wait while one is
 * surely due, and only briefly where a loop boundary may leave a gap. */
static int acquire(game *g, msess_time t, msess_video_frame *f)
{
    int ret = msess_app_video_acquire(g->m.video, t, f);
    if (ret != MSESS_EAGAIN || !g->opt.headless)
        return ret;
    if (g->shown.valid && t < g->shown.pts + g->shown.duration)
        return ret; /* the frame shown lasts until after t */
    bool sure = t >= shown_until(g);
    uint64_t start = SDL_GetTicks64(), limit = sure ? WAIT_LIMIT_MS : BRIEF_WAIT_MS;
    while (ret == MSESS_EAGAIN && SDL_GetTicks64() - start < limit) {
        SDL_Delay(1);
        ret = msess_app_video_acquire(g->m.video, t, f);
    }
    if (ret == MSESS_EAGAIN && sure)
        fail(g, "no frame from the decoder for %d ms", WAIT_LIMIT_MS);
    return ret;
}

/* Ask the sink for the frame due at clock time t and put it on screen.
 * When the game fell behind the decoder (or, headless, ran ahead of it),
 * acquire hands out the newest frame that was decoded, and newer ones on
 * the next calls: ask again until the frame is the one due at t, and
 * upload only that one. */
static void video_tick(game *g, msess_time t)
{
    msess_video_frame f, last;
    bool have = false;
    while (!g->video_ended) {
        int ret = acquire(g, t, &f);
        if (ret == MSESS_EOF)
            g->video_ended = true;
        if (ret < 0) /* MSESS_EAGAIN: the picture on screen is still the right one */
            break;
        if (have)
            msess_app_video_release(g->m.video, &last); /* superseded within the tick */
        int number = -1;
        if (g->opt.check) {
            uint32_t n;
            if (!framecode_read(f.data[0], f.linesize[0], f.width, f.height, &n))
                number = (int)n;
            check_frame(g, t, &f, number);
        }
        float sar = f.sample_aspect.num > 0 && f.sample_aspect.den > 0
                        ? (float)f.sample_aspect.num / (float)f.sample_aspect.den : 1.0f;
        g->shown = (shown_frame){ .valid = true, .pts = f.pts, .duration = f.duration,
                                  .number = number,
                                  .aspect = f.height > 0 ? sar * (float)f.width / (float)f.height : 1 };
        last = f;
        have = true;
        if (t < f.pts + f.duration)
            break;
    }
    if (!have)
        return;
    if (g->view)
        view_upload(g->view, &last);
    msess_app_video_release(g->m.video, &last);
}

/* ------------------------------------------------------------ the game */

/* The quad bounces around the screen; its corners may touch the edges in
 * any rotation. */
static void move_quad(game *g, double dt)
{
    float aspect = g->shown.valid ? g->shown.aspect : 4.0f / 3.0f;
    float w = QUAD_H * aspect, h = QUAD_H;
    float r = sqrtf(w * w + h * h) / 2 + 8; /* and the frame around it */
    bool bounced = false;
    g->x += g->vx * (float)dt;
    g->y += g->vy * (float)dt;
    if ((g->x < r && g->vx < 0) || (g->x > WIN_W - r && g->vx > 0))
        g->vx = -g->vx, bounced = true;
    if ((g->y < r && g->vy < 0) || (g->y > WIN_H - r && g->vy > 0))
        g->vy = -g->vy, bounced = true;
    if (bounced) {
        g->blip_left = AUDIO_RATE / 12;
        g->blip_phase = 0;
    }
}

/* One tick: advance game time (unless paused), mix the tick's audio, show
 * the frame due now. */
static void game_tick(game *g)
{
    if (!g->paused) {
        g->seconds += g->step;
        atomic_store(&g->clock.now, (msess_time)llround(g->seconds * SEC));
        move_quad(g, g->step);
    }
    msess_time t = 0;
    msess_clock_get_time(g->m.clock, &t);
    audio_tick(g);
    video_tick(g, t);
    if (g->opt.check)
        check_tick(g, t);
    if (media_poll(&g->m, &g->ended) < 0) {
        if (g->opt.check)
            fail(g, "the session failed");
        g->quit = true;
    }
}

/* The pause in the middle of a --check run. It starts on a tick where the
 * frame shown is the one due, so a frame arriving during it would be one
 * the frozen clock never reached. */
static void check_pause(game *g)
{
    checker *c = &g->chk;
    msess_time t = atomic_load(&g->clock.now);
    if (c->pause_at && !c->pause_done && !c->pause_left && g->tick >= c->pause_at &&
        g->shown.valid && t < g->shown.pts + g->shown.duration)
        pause_begin(g, t);
}

static int run_headless(game *g)
{
    checker *c = &g->chk;
    /* pause half-way through the run, or through the clip if it ends first */
    uint64_t half = (uint64_t)g->opt.frames / 2;
    if (!g->opt.loop && g->m.frames_per_pass > 0) {
        double clip_ticks = g->m.frames_per_pass / g->m.video_fps / g->step;
        if (clip_ticks / 2 < (double)half)
            half = (uint64_t)(clip_ticks / 2);
    }
    if (g->opt.check && half >= 10 && (uint64_t)g->opt.frames >= half + PAUSE_TICKS + 10)
        c->pause_at = half;
    while (g->tick < (uint64_t)g->opt.frames && !g->quit) {
        if (g->opt.check)
            check_pause(g);
        game_tick(g);
        g->tick++;
        if (c->pause_left) {
            /* real time passes, game time does not */
            SDL_Delay(PAUSE_SLEEP_MS);
            if (!--c->pause_left) {
                msess_time t = 0;
                msess_clock_get_time(g->m.clock, &t);
                pause_end(g, t);
            }
        }
    }
    if (g->opt.check)
        return check_summary(g) ? 0 : 1;
    msess_sink_stats vs;
    msess_sink_get_stats(g->m.video, &vs);
    printf("game-embed: %llu ticks, game time %.3f s; video: %llu frames, %llu dropped; "
           "audio: %llu sample frames\n",
           (unsigned long long)g->tick, g->seconds, (unsigned long long)vs.frames_presented,
           (unsigned long long)vs.frames_dropped, (unsigned long long)g->audio_pulled);
    return g->quit ? 1 : 0;
}

/* ------------------------------------------------------------ windowed */

static void view_upload(view *v, const msess_video_frame *f)
{
    Uint32 fmt = f->format == MSESS_PIX_NV12 ? SDL_PIXELFORMAT_NV12 : SDL_PIXELFORMAT_IYUV;
    if (!v->tex || v->tex_w != f->width || v->tex_h != f->height || v->tex_format != fmt) {
        if (v->tex)
            SDL_DestroyTexture(v->tex);
        v->tex = SDL_CreateTexture(v->ren, fmt, SDL_TEXTUREACCESS_STREAMING, f->width, f->height);
        if (!v->tex) {
            fprintf(stderr, PROG ": texture: %s\n", SDL_GetError());
            return;
        }
        v->tex_w = f->width;
        v->tex_h = f->height;
        v->tex_format = fmt;
    }
    /* the planes go straight from the decoder's frame into the texture */
    if (fmt == SDL_PIXELFORMAT_NV12)
        SDL_UpdateNVTexture(v->tex, NULL, f->data[0], f->linesize[0], f->data[1], f->linesize[1]);
    else
        SDL_UpdateYUVTexture(v->tex, NULL, f->data[0], f->linesize[0], f->data[1],
                             f->linesize[1], f->data[2], f->linesize[2]);
}

static void fill(SDL_Renderer *r, int x, int y, int w, int h, Uint8 cr, Uint8 cg, Uint8 cb,
                 Uint8 ca)
{
    SDL_SetRenderDrawColor(r, cr, cg, cb, ca);
    SDL_RenderFillRect(r, &(SDL_Rect){ x, y, w, h });
}

/* A HUD bar: a coloured key, a frame and the filled fraction. */
static void bar(SDL_Renderer *r, int y, float frac, SDL_Color c)
{
    frac = frac < 0 ? 0 : frac > 1 ? 1 : frac;
    fill(r, 24, y, 12, 12, c.r, c.g, c.b, 255);
    fill(r, 44, y, 292, 12, 40, 40, 48, 255);
    fill(r, 44, y, (int)(292 * frac), 12, c.r, c.g, c.b, 255);
}

static void draw_background(SDL_Renderer *r, double t)
{
    for (int i = 0; i < WIN_H / 20; i++)
        fill(r, 0, i * 20, WIN_W, 20, (Uint8)(18 + i), (Uint8)(24 + i), (Uint8)(48 + 2 * i), 255);
    /* a floor grid scrolling with game time */
    SDL_SetRenderDrawColor(r, 70, 90, 150, 255);
    int off = (int)fmod(t * 40, 48);
    for (int x = -48 + off; x < WIN_W; x += 48)
        SDL_RenderDrawLine(r, x, 0, x, WIN_H);
    for (int y = -48 + off / 2; y < WIN_H; y += 48)
        SDL_RenderDrawLine(r, 0, y, WIN_W, y);
}

/* The video on a quad rotated by `angle` around (cx, cy); with tex NULL,
 * a flat quad (the shadow, or the placeholder before the first frame). */
static void draw_quad(SDL_Renderer *r, SDL_Texture *tex, float cx, float cy, float w, float h,
                      float angle, SDL_Color c)
{
    static const int idx[6] = { 0, 1, 2, 2, 3, 0 };
    static const float corner[4][2] = { { -1, -1 }, { 1, -1 }, { 1, 1 }, { -1, 1 } };
    float cs = cosf(angle), sn = sinf(angle);
    SDL_Vertex v[4];
    for (int i = 0; i < 4; i++) {
        float px = corner[i][0] * w / 2, py = corner[i][1] * h / 2;
        v[i] = (SDL_Vertex){ .position = { cx + px * cs - py * sn, cy + px * sn + py * cs },
                             .color = c,
                             .tex_coord = { (corner[i][0] + 1) / 2, (corner[i][1] + 1) / 2 } };
    }
    SDL_RenderGeometry(r, tex, v, 4, idx, 6);
}

static void view_draw(view *v, const game *g)
{
    SDL_Renderer *r = v->ren;
    draw_background(r, g->seconds);
    float aspect = g->shown.valid ? g->shown.aspect : 4.0f / 3.0f;
    float w = QUAD_H * aspect, h = QUAD_H;
    float angle = (float)(g->seconds * 0.5);
    draw_quad(r, NULL, g->x + 12, g->y + 14, w, h, angle, (SDL_Color){ 0, 0, 0, 110 });
    draw_quad(r, NULL, g->x, g->y, w + 12, h + 12, angle, (SDL_Color){ 230, 200, 90, 255 });
    draw_quad(r, v->tex, g->x, g->y, w, h, angle,
              v->tex ? (SDL_Color){ 255, 255, 255, 255 } : (SDL_Color){ 90, 90, 90, 255 });

    /* HUD: clip position within the pass, tick rate, audio level, speed */
    fill(r, 12, WIN_H - 84, 336, 72, 0, 0, 0, 150);
    msess_time t = 0;
    msess_clock_get_time(g->m.clock, &t);
    float pos = g->m.pass ? (float)(t % g->m.pass) / (float)g->m.pass : 0;
    bar(r, WIN_H - 74, pos, (SDL_Color){ 240, 240, 240, 255 });
    SDL_Color fps_c = v->fps >= 0.9 * g->opt.fps ? (SDL_Color){ 80, 220, 110, 255 }
                                                   : (SDL_Color){ 230, 70, 60, 255 };
    bar(r, WIN_H - 54, (float)(v->fps / g->opt.fps), fps_c);
    bar(r, WIN_H - 34, g->paused ? 0 : g->level, (SDL_Color){ 250, 160, 40, 255 });
    fill(r, WIN_W - 172, 16, 156, 12, 0, 0, 0, 150);
    fill(r, WIN_W - 168, 19, (int)(148 * g->opt.speed / 4), 6, 120, 180, 250, 255);
    fill(r, WIN_W - 168 + 148 / 4, 16, 2, 12, 255, 255, 255, 255); /* speed 1 */
    if (g->ended)
        fill(r, WIN_W - 44, 40, 28, 28, 230, 70, 60, 255);
    if (g->paused) {
        fill(r, 0, 0, WIN_W, WIN_H, 0, 0, 0, 110);
        fill(r, WIN_W / 2 - 34, WIN_H / 2 - 40, 24, 80, 255, 255, 255, 230);
        fill(r, WIN_W / 2 + 10, WIN_H / 2 - 40, 24, 80, 255, 255, 255, 230);
    }
    SDL_RenderPresent(r);
}

static int view_open(view *v)
{
    SDL_SetMainReady();
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) < 0) {
        fprintf(stderr, PROG ": SDL: %s\n", SDL_GetError());
        return -1;
    }
    v->win = SDL_CreateWindow("msess game-embed", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                              WIN_W, WIN_H, 0);
    v->ren = v->win ? SDL_CreateRenderer(v->win, -1, 0) : NULL;
    if (!v->ren) {
        fprintf(stderr, PROG ": window: %s\n", SDL_GetError());
        return -1;
    }
    SDL_SetRenderDrawBlendMode(v->ren, SDL_BLENDMODE_BLEND);
    SDL_AudioSpec want = { .freq = AUDIO_RATE, .format = AUDIO_F32SYS,
                           .channels = AUDIO_CHANNELS, .samples = 1024 };
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) < 0 ||
        !(v->audio = SDL_OpenAudioDevice(NULL, 0, &want, NULL, 0))) {
        fprintf(stderr, PROG ": no sound (%s): the game mixes in silence\n", SDL_GetError());
    } else {
        /* A lead of silence so the ticks' jitter does not run the device
         * dry. Sound servers may take a second to start pulling: wait until
         * the device plays (the game is loading anyway), or the game's
         * first ticks would pile up in the queue as latency. */
        static const float lead[AUDIO_RATE / 25 * AUDIO_CHANNELS];
        SDL_PauseAudioDevice(v->audio, 0);
        uint64_t queued = 0, start = SDL_GetTicks64();
        while (queued - SDL_GetQueuedAudioSize(v->audio) < 3 * sizeof(lead) &&
               SDL_GetTicks64() - start < 3000) {
            if (SDL_GetQueuedAudioSize(v->audio) < sizeof(lead)) {
                SDL_QueueAudio(v->audio, lead, sizeof(lead));
                queued += sizeof(lead);
            }
            SDL_Delay(5);
        }
    }
    SDL_RendererInfo ri;
    if (!SDL_GetRendererInfo(v->ren, &ri))
        fprintf(stderr, PROG ": SDL renderer %s, sound %s\n", ri.name,
                v->audio ? SDL_GetCurrentAudioDriver() : "none");
    return 0;
}

static void view_close(view *v)
{
    if (v->audio)
        SDL_CloseAudioDevice(v->audio);
    if (v->tex)
        SDL_DestroyTexture(v->tex);
    if (v->ren)
        SDL_DestroyRenderer(v->ren);
    if (v->win)
        SDL_DestroyWindow(v->win);
    SDL_Quit();
}

static void handle_events(game *g)
{
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
        if (e.type == SDL_QUIT) {
            g->quit = true;
        } else if (e.type == SDL_KEYDOWN && !e.key.repeat) {
            switch (e.key.keysym.sym) {
            case SDLK_SPACE:
                g->paused = !g->paused;
                break;
            case SDLK_q:
            case SDLK_ESCAPE:
                g->quit = true;
                break;
            case SDLK_PLUS:
            case SDLK_EQUALS:
            case SDLK_KP_PLUS:
                g->opt.speed = fmin(4, g->opt.speed * 1.25);
                break;
            case SDLK_MINUS:
            case SDLK_KP_MINUS:
                g->opt.speed = fmax(0.25, g->opt.speed / 1.25);
                break;
            default:
                break;
            }
            g->step = g->opt.speed / g->opt.fps;
        }
    }
}

static int run_windowed(game *g)
{
    view *v = g->view;
    const uint64_t freq = SDL_GetPerformanceFrequency();
    const uint64_t period = (uint64_t)((double)freq / g->opt.fps);
    uint64_t next = SDL_GetPerformanceCounter() + period;
    v->fps_since = SDL_GetPerformanceCounter();
    while (!g->quit) {
        handle_events(g);
        game_tick(g);
        view_draw(v, g);
        g->tick++;
        if (g->opt.frames && g->tick >= (uint64_t)g->opt.frames)
            break;
        /* the game's own frame rate, whatever the display's */
        uint64_t now = SDL_GetPerformanceCounter();
        if (now < next)
            SDL_Delay((Uint32)((next - now) * 1000 / freq));
        next += period;
        now = SDL_GetPerformanceCounter();
        if (now > next + 5 * period)
            next = now + period; /* fell far behind: do not race to catch up */
        v->fps_ticks++;
        if (now - v->fps_since >= freq / 2) {
            v->fps = (double)v->fps_ticks * (double)freq / (double)(now - v->fps_since);
            v->fps_ticks = 0;
            v->fps_since = now;
        }
    }
    msess_sink_stats vs;
    msess_sink_get_stats(g->m.video, &vs);
    printf("game-embed: %llu ticks, game time %.3f s; video: %llu frames, %llu dropped; "
           "audio: %llu sample frames pulled, %llu dropped to bound the latency, "
           "at most %.0f ms queued\n",
           (unsigned long long)g->tick, g->seconds, (unsigned long long)vs.frames_presented,
           (unsigned long long)vs.frames_dropped, (unsigned long long)g->audio_pulled,
           (unsigned long long)v->audio_dropped,
           v->audio_queued_max * 1000.0 / (AUDIO_RATE * AUDIO_CHANNELS * sizeof(float)));
    return 0;
}

int main(int argc, char **argv)
{
    static game g; /* large and zeroed */
    if (parse_args(argc, argv, &g.opt) < 0) {
        usage(stderr);
        return 2;
    }
    g.step = g.opt.speed / g.opt.fps;
    g.x = WIN_W / 2.0f;
    g.y = WIN_H / 2.0f;
    g.vx = 170;
    g.vy = 95;
    view v = { 0 };
    int ret = 1;
    if (!g.opt.headless) {
        g.view = &v;
        if (view_open(&v) < 0)
            goto end;
    }
    if (media_open(&g.m, &g.opt, &g.clock) < 0)
        goto end;
    /* how far one tick may move the video on: one frame when the game
     * ticks faster than the video, more when it is slower */
    double per_tick = g.step * g.m.video_fps;
    g.chk.max_advance = per_tick <= 1 ? 1 : (int)ceil(per_tick - 1e-9);
    ret = g.opt.headless ? run_headless(&g) : run_windowed(&g);
end:
    media_close(&g.m);
    if (g.view)
        view_close(g.view);
    free(g.mix);
    return ret;
}

/* Device test: what the SDL2 video output really put on the screen.
 *
 * av.mp4 (320x240, 25 fps, 4 s, GOP 12 with B-frames) carries its frame
 * number as a bar code in every frame (framecode.h). The output draws into
 * a borderless window at a known place on the X display; the test grabs
 * that part of the screen with ImageMagick's import (or xwd + convert),
 * reads the bar code back from the grab and compares it with the frame the
 * session's position calls for. The clock is the system clock and there is
 * no audio branch, so no sound server is needed.
 *
 * 1. Poster frames: start(pos) followed at once by pause shows exactly the
 *    frame whose interval holds pos (non-keyframes, backwards, forwards,
 *    the last frame).
 * 2. Pauses while playing, at random moments: the frame shown is the one
 *    of the frozen position (see pauses() for the one frame allowed).
 * 3. The end: the last frame stays on screen after END_OF_PRESENTATION.
 * 4. Scaling and letterboxing: other window sizes show the picture as
 *    large as fits, centred, with black bars, and it still reads.
 *
 * Skips (77) without a display, without the grabbing tools, or when msess
 * was built without SDL2. Environment: MSESS_TEST_SEED fixes the pause
 * moments, MSESS_TEST_PAUSES sets their number (default 4),
 * MSESS_TEST_STRICT=1 allows no frame behind, MSESS_TEST_SHOTS=dir keeps
 * every grab there as a PPM file. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "framecode.h"
#include "testutil.h"

#define SEC MSESS_TIME_PER_SECOND
#define MS MSESS_TIME_PER_MS
#define FRAME (40 * MS)
#define CLIP_W 320
#define CLIP_H 240
#define LAST_FRAME 99
#define EV_TIMEOUT 20000
#define SETTLE_MS 100        /* after PAUSED, before the first grab */
#define READABLE_MS 2000     /* how long a new window may take to show a picture */

/* Frame of av.mp4 whose interval [n*40ms, (n+1)*40ms) holds t. */
static int frame_at(msess_time t)
{
    return (int)(t / FRAME);
}

static double secs(msess_time t)
{
    return (double)t / SEC;
}

/* ---- screen grabs */

typedef struct image {
    int w, h;
    uint8_t *rgb; /* w*h*3 bytes */
} image;

static void image_free(image *im)
{
    free(im->rgb);
    im->rgb = NULL;
    im->w = im->h = 0;
}

static bool inside(const image *im, int x, int y)
{
    return x >= 0 && y >= 0 && x < im->w && y < im->h;
}

static const uint8_t *pixel(const image *im, int x, int y)
{
    return im->rgb + ((size_t)y * (size_t)im->w + (size_t)x) * 3;
}

/* Full-range luma of a pixel (BT.601 weights). */
static int luma_of(const uint8_t *p)
{
    return (299 * p[0] + 587 * p[1] + 114 * p[2] + 500) / 1000;
}

/* Luma of a pixel of the grab, -1 outside it. */
static int luma_at(const image *im, int x, int y)
{
    return inside(im, x, y) ? luma_of(pixel(im, x, y)) : -1;
}

static bool have_program(const char *name)
{
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", name);
    return system(cmd) == 0;
}

/* printf format of the grab command: width, height, x, y. */
static const char *grab_format;

static bool pick_grabber(void)
{
    if (have_program("import"))
        grab_format = "import -silent -window root -crop %dx%d+%d+%d +repage -depth 8 ppm:- "
                      "2>/dev/null";
    else if (have_program("xwd") && have_program("convert"))
        grab_format = "xwd -root -silent 2>/dev/null | convert xwd:- -crop %dx%d+%d+%d "
                      "+repage -depth 8 ppm:- 2>/dev/null";
    return grab_format != NULL;
}

/* Next header field of a PPM: a token after blanks and # comments. */
static bool ppm_token(FILE *f, char *buf, size_t n)
{
    int c;
    for (;;) {
        c = fgetc(f);
        if (c == '#') {
            while (c != EOF && c != '\n')
                c = fgetc(f);
        } else if (c == EOF || !isspace(c)) {
            break;
        }
    }
    size_t k = 0;
    while (c != EOF && !isspace(c) && k + 1 < n) {
        buf[k++] = (char)c;
        c = fgetc(f);
    }
    buf[k] = 0;
    return k > 0; /* the one blank after the last field is consumed */
}

/* Binary PPM (P6), 8 or 16 bits per sample, reduced to 8. */
static bool read_ppm(FILE *f, image *im)
{
    char tok[4][32];
    for (int i = 0; i < 4; i++)
        if (!ppm_token(f, tok[i], sizeof(tok[i])))
            return false;
    int w = atoi(tok[1]), h = atoi(tok[2]), maxval = atoi(tok[3]);
    if (strcmp(tok[0], "P6") || w <= 0 || h <= 0 || maxval <= 0 || maxval > 65535)
        return false;
    size_t bps = maxval > 255 ? 2 : 1, n = (size_t)w * (size_t)h * 3;
    uint8_t *raw = malloc(n * bps), *rgb = malloc(n);
    if (!raw || !rgb || fread(raw, bps, n, f) != n) {
        free(raw);
        free(rgb);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned v = bps == 2 ? (unsigned)raw[2 * i] << 8 | raw[2 * i + 1] : raw[i];
        rgb[i] = (uint8_t)((v * 255u + (unsigned)maxval / 2) / (unsigned)maxval);
    }
    free(raw);
    *im = (image){ .w = w, .h = h, .rgb = rgb };
    return true;
}

static void save_shot(const image *im, const char *name)
{
    const char *dir = getenv("MSESS_TEST_SHOTS");
    if (!dir || !*dir)
        return;
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s.ppm", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return;
    fprintf(f, "P6\n%d %d\n255\n", im->w, im->h);
    fwrite(im->rgb, 3, (size_t)im->w * (size_t)im->h, f);
    fclose(f);
}

/* Grab w x h pixels of the screen at (x, y). */
static bool grab(int x, int y, int w, int h, image *im, const char *name)
{
    char cmd[512];
    snprintf(cmd, sizeof(cmd), grab_format, w, h, x, y);
    FILE *p = popen(cmd, "r");
    if (!p)
        return false;
    bool ok = read_ppm(p, im);
    int status = pclose(p);
    if (ok && (status != 0 || im->w != w || im->h != h)) {
        image_free(im);
        ok = false;
    }
    if (ok && name)
        save_shot(im, name);
    return ok;
}

/* The clip's background (grey 80 in video range, about 75 on screen). */
static bool is_background(const image *im, int x, int y)
{
    if (!inside(im, x, y))
        return false;
    int l = luma_of(pixel(im, x, y));
    return l >= 55 && l <= 95;
}

/* Bar code of the picture in the rectangle (x, y, w, h) of a grab, or -1.
 * An all-black band is a valid code (0), so a black screen would read as
 * frame 0: the picture's bottom corners must show the clip's grey too. */
static int read_frame(const image *im, int x, int y, int w, int h)
{
    if (!is_background(im, x + 1, y + h - 2) || !is_background(im, x + w - 2, y + h - 2))
        return -1;
    uint8_t *plane = malloc((size_t)w * (size_t)h);
    if (!plane)
        return -1;
    for (int r = 0; r < h; r++)
        for (int c = 0; c < w; c++)
            plane[(size_t)r * (size_t)w + (size_t)c] = (uint8_t)luma_of(pixel(im, x + c, y + r));
    uint32_t n = 0;
    int ret = framecode_read(plane, w, w, h, &n);
    free(plane);
    return ret == 0 ? (int)n : -1;
}

/* ---- a session playing av.mp4's video into an SDL window */

/* The windows' title, unique to this process so xwininfo finds ours. */
static char window_title[64];

/* The window as the X server sees it, for failure messages: its map state
 * ("IsViewable", "IsUnMapped"), or "gone". */
static const char *window_state(char *buf, size_t n)
{
    if (!have_program("xwininfo"))
        return "unknown (no xwininfo)";
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "xwininfo -name '%s' 2>/dev/null", window_title);
    FILE *p = popen(cmd, "r");
    if (!p)
        return "unknown";
    snprintf(buf, n, "gone (no window titled \"%s\")", window_title);
    char line[256];
    while (fgets(line, sizeof(line), p)) {
        const char *m = strstr(line, "Map State:");
        if (m) {
            m += strlen("Map State:");
            snprintf(buf, n, "%s", m + strspn(m, " \t"));
            buf[strcspn(buf, "\n")] = 0;
        }
    }
    pclose(p);
    return buf;
}

typedef struct vo_run {
    int x, y, w, h;            /* the window on the screen */
    msess_session *s;
    msess_source *src;
    msess_sink *out;
    msess_topology *topo;
    tu_recorder rec;           /* frames the output presented or dropped */
} vo_run;

/* Make the output; MSESS_ENOSYS and MSESS_EDEVICE are returned (skips). */
static int vo_create(vo_run *r, int x, int y, int w, int h)
{
    memset(r, 0, sizeof(*r));
    r->x = x;
    r->y = y;
    r->w = w;
    r->h = h;
    msess_video_output_settings vs;
    msess_video_output_default_settings(&vs);
    vs.title = window_title;
    vs.x = x;
    vs.y = y;
    vs.width = w;
    vs.height = h;
    vs.borderless = true;
    return msess_video_output_create(&r->out, &vs);
}

/* Wait for an event of this type; ERROR and WARNING events on the way are
 * printed (ERROR fails). Returns its status, or 1 on time-out. */
static int wait_event(vo_run *r, enum msess_event_type type, int timeout_ms)
{
    int64_t end = tu_now_ms() + timeout_ms;
    for (;;) {
        int left = (int)(end - tu_now_ms());
        msess_event ev;
        if (left <= 0 || msess_session_get_event(r->s, &ev, left) < 0) {
            fprintf(stderr, "  no %s event within %d ms\n", msess_event_type_name(type),
                    timeout_ms);
            tu_failures++;
            return 1;
        }
        enum msess_event_type got = ev.type;
        int status = ev.status;
        if (got == MSESS_EVENT_ERROR || got == MSESS_EVENT_WARNING) {
            fprintf(stderr, "  %s: %s (%s)\n", msess_event_type_name(got),
                    msess_error_name(status), ev.message);
            if (got == MSESS_EVENT_ERROR)
                tu_failures++;
        }
        msess_event_clear(&ev);
        if (got == type) {
            if (status != 0) {
                fprintf(stderr, "  %s failed: %s\n", msess_event_type_name(type),
                        msess_error_name(status));
                tu_failures++;
            }
            return status;
        }
    }
}

/* av.mp4's video alone into the output, on the system clock; READY. */
static void vo_open(vo_run *r)
{
    r->src = tu_open("av.mp4");
    tu_recorder_init(&r->rec);
    tu_recorder_attach(&r->rec, r->out);
    CHECK_ERR(msess_topology_create_simple(&r->topo, r->src, r->out, NULL), 0);
    msess_session_settings set;
    msess_session_default_settings(&set);
    set.clock_source = MSESS_CLOCK_SOURCE_SYSTEM;
    CHECK_ERR(msess_session_create(&r->s, &set), 0);
    CHECK_ERR(msess_session_set_topology(r->s, 0, r->topo), 0);
    TU_EXPECT(r->s, { MSESS_EVENT_TOPOLOGY_SET, 0 }, { MSESS_EVENT_NOTIFY_PRESENTATION_TIME, 0 },
              { MSESS_EVENT_CAPABILITIES_CHANGED, 0 },
              { MSESS_EVENT_TOPOLOGY_STATUS, MSESS_TOPOSTATUS_READY });
}

static void vo_close(vo_run *r)
{
    msess_session_destroy(&r->s);
    msess_topology_destroy(&r->topo);
    msess_sink_destroy(&r->out);
    msess_source_destroy(&r->src);
    tu_recorder_free(&r->rec);
}

static msess_time position(vo_run *r)
{
    msess_time pos = -1;
    CHECK_ERR(msess_session_get_position(r->s, &pos), 0);
    return pos;
}

/* start(pos) and pause straight after: a paused session at pos, the
 * output showing its poster. Returns the paused position. */
static msess_time start_paused(vo_run *r, msess_time pos)
{
    CHECK_ERR(msess_session_start(r->s, pos), 0);
    CHECK_ERR(msess_session_pause(r->s), 0);
    wait_event(r, MSESS_EVENT_STARTED, EV_TIMEOUT);
    wait_event(r, MSESS_EVENT_PAUSED, EV_TIMEOUT);
    return position(r);
}

/* Grab the window (after SETTLE_MS, then until its picture reads, at most
 * READABLE_MS) and return the frame it shows in the rectangle (px, py, pw,
 * ph) of the window, or -1. The grab is left in *im (free it). */
static int shown_in(vo_run *r, int px, int py, int pw, int ph, image *im, const char *name)
{
    tu_sleep_ms(SETTLE_MS);
    int64_t end = tu_now_ms() + READABLE_MS;
    for (;;) {
        if (!grab(r->x, r->y, r->w, r->h, im, name)) {
            fprintf(stderr, "  cannot grab the screen (%s)\n", grab_format);
            tu_failures++;
            return -1;
        }
        int n = read_frame(im, px, py, pw, ph);
        if (n >= 0 || tu_now_ms() >= end)
            return n;
        image_free(im);
        tu_sleep_ms(50);
    }
}

static int shown(vo_run *r, const char *name)
{
    image im;
    int n = shown_in(r, 0, 0, r->w, r->h, &im, name);
    image_free(&im);
    return n;
}

/* Number of the last frame the output presented (not dropped), or -1. */
static int last_presented(vo_run *r)
{
    size_t n;
    tu_frame *f = tu_recorder_copy(&r->rec, &n);
    int last = -1;
    for (size_t i = n; i-- > 0;)
        if (!f[i].dropped) {
            last = f[i].number;
            break;
        }
    free(f);
    return last;
}

static void expect_shown(int seen, int want, const char *what)
{
    if (seen != want) {
        char state[128];
        if (seen < 0)
            fprintf(stderr, "  %s: want frame %d on screen, saw no picture (window: %s)\n",
                    what, want, window_state(state, sizeof(state)));
        else
            fprintf(stderr, "  %s: want frame %d on screen, saw frame %d\n", what, want, seen);
        tu_failures++;
    }
}

/* ---- 1. poster frames */

static void posters(vo_run *r)
{
    static const struct {
        msess_time pos;
        int frame;
        const char *what;
    } seeks[] = {
        { 2 * SEC, 50, "start(2.00) + pause (frame 50, not a keyframe)" },
        { 52 * SEC / 100, 13, "paused seek back to 0.52" },
        { 3 * SEC, 75, "paused seek forward to 3.00" },
        { 131 * SEC / 100, 32, "paused seek to 1.31 (inside frame 32)" },
        { 396 * SEC / 100, LAST_FRAME, "paused seek to 3.96 (the last frame)" },
    };
    fprintf(stderr, "-- 1. poster frames (window %dx%d at %d,%d)\n", r->w, r->h, r->x, r->y);
    for (size_t i = 0; i < sizeof(seeks) / sizeof(seeks[0]); i++) {
        msess_time pos = start_paused(r, seeks[i].pos);
        char name[32];
        snprintf(name, sizeof(name), "poster-%d", seeks[i].frame);
        int seen = shown(r, name);
        fprintf(stderr, "  %-48s position %.4f s: shows %d\n", seeks[i].what, secs(pos), seen);
        /* The pause follows the start at once: the clock may not leave the
         * frame's interval before it stops. */
        if (frame_at(pos) != seeks[i].frame) {
            fprintf(stderr, "  %s: paused at %.4f s, outside frame %d\n", seeks[i].what,
                    secs(pos), seeks[i].frame);
            tu_failures++;
        }
        expect_shown(seen, seeks[i].frame, seeks[i].what);
        if (i == 0) {
            /* paused: nothing changes later */
            tu_sleep_ms(300);
            int again = shown(r, "poster-again");
            fprintf(stderr, "  %-48s 0.4 s later: shows %d\n", "", again);
            expect_shown(again, seeks[i].frame, "still paused");
        }
    }
}

/* ---- 2. pauses while playing */

/* The output presents a frame when its presenter wakes for it, a little
 * after the clock reached it; a pause that lands in between freezes the
 * clock in frame n while the screen still shows n - 1, and it stays so:
 * the presenter shows nothing on a halted clock once it has presented
 * since the last seek (lib/core/sink.c, wait_due). That one frame is
 * allowed (unless MSESS_TEST_STRICT is set) only when the output's own
 * record says it never presented frame n and the pause came within its
 * lateness: the largest it measured so far, at least LATE_FLOOR_MS.
 * Likewise frame n + 1 when the pause came that close before it: the
 * output starts drawing a frame early by what drawing takes, so that it is
 * visible at its time (lib/core/sink.c, render_lead). */
#define LATE_FLOOR_MS 10.0

static void pauses(vo_run *r, unsigned seed, int count, bool strict)
{
    fprintf(stderr, "-- 2. %d pauses while playing (seed %u)\n", count, seed);
    srand(seed);
    CHECK_ERR(msess_session_start(r->s, 0), 0);
    wait_event(r, MSESS_EVENT_STARTED, EV_TIMEOUT);
    msess_time played = 0;
    int behind = 0;
    for (int i = 0; i < count; i++) {
        int ms = 150 + rand() % 300;
        /* a long run (MSESS_TEST_PAUSES) starts again before the end */
        if (played + (ms + 100) * MS > 39 * SEC / 10) {
            CHECK_ERR(msess_session_start(r->s, 0), 0);
            wait_event(r, MSESS_EVENT_STARTED, EV_TIMEOUT);
        }
        tu_sleep_ms(ms);
        CHECK_ERR(msess_session_pause(r->s), 0);
        wait_event(r, MSESS_EVENT_PAUSED, EV_TIMEOUT);
        msess_time pos = position(r);
        played = pos;
        int want = frame_at(pos);
        double into_ms = (double)(pos - (msess_time)want * FRAME) / MS;
        char name[32];
        snprintf(name, sizeof(name), "pause-%d", i);
        int seen = shown(r, name);
        int sink = last_presented(r);
        msess_sync_stats st;
        msess_sink_get_sync_stats(r->out, &st);
        double late_ms = st.max_ms > LATE_FLOOR_MS ? st.max_ms : LATE_FLOOR_MS;
        double before_next_ms = FRAME / (double)MS - into_ms;
        bool excused = !strict && ((seen == want - 1 && sink == want - 1 && into_ms <= late_ms) ||
                                   (seen == want + 1 && sink == want + 1 &&
                                    before_next_ms <= late_ms));
        fprintf(stderr,
                "  pause %d at %.7f s (%.2f ms into frame %d): shows %d; output's last "
                "presented frame %d%s\n",
                i, secs(pos), into_ms, want, seen, sink,
                !excused ? "" : seen < want ? " (not presented yet when the clock stopped)"
                                            : " (drawn ahead by the output's drawing time)");
        if (excused) {
            behind++;
        } else {
            char what[64];
            snprintf(what, sizeof(what), "pause %d at %.4f s", i, secs(pos));
            expect_shown(seen, want, what);
        }
        CHECK_ERR(msess_session_start(r->s, MSESS_TIME_NONE), 0);
        wait_event(r, MSESS_EVENT_STARTED, EV_TIMEOUT);
    }
    msess_sync_stats st;
    msess_sink_get_sync_stats(r->out, &st);
    fprintf(stderr,
            "  %d of %d pauses showed a neighbour of the position's frame; the output's lateness "
            "(%llu frames): median %.2f ms, p99 %.2f ms, max %.2f ms\n",
            behind, count, (unsigned long long)st.count, st.median_ms, st.p99_ms, st.max_ms);
}

/* ---- 3. the end */

static void end_of_clip(vo_run *r)
{
    fprintf(stderr, "-- 3. play to the end from 3.20 s\n");
    CHECK_ERR(msess_session_start(r->s, 32 * SEC / 10), 0);
    wait_event(r, MSESS_EVENT_STARTED, EV_TIMEOUT);
    wait_event(r, MSESS_EVENT_END_OF_PRESENTATION, EV_TIMEOUT);
    /* at once (the grab itself takes a while) ... */
    image im;
    int at_end = -1;
    if (grab(r->x, r->y, r->w, r->h, &im, "end")) {
        at_end = read_frame(&im, 0, 0, r->w, r->h);
        image_free(&im);
    }
    wait_event(r, MSESS_EVENT_ENDED, EV_TIMEOUT);
    /* ... and once the session has settled in its ended state */
    int after = shown(r, "ended");
    int sink = last_presented(r);
    fprintf(stderr,
            "  END_OF_PRESENTATION: shows %d; after ENDED: shows %d; output's last presented "
            "frame %d\n",
            at_end, after, sink);
    CHECK_EQ(sink, LAST_FRAME);
    expect_shown(at_end, LAST_FRAME, "at END_OF_PRESENTATION");
    expect_shown(after, LAST_FRAME, "after ENDED");
}

/* ---- 4. scaling and letterboxing */

/* The picture's place in a w x h window: as large as fits with 4:3. */
static void fit(int w, int h, int *px, int *py, int *pw, int *ph)
{
    if (w * CLIP_H > h * CLIP_W) {
        *ph = h;
        *pw = (h * CLIP_W + CLIP_H / 2) / CLIP_H;
    } else {
        *pw = w;
        *ph = (w * CLIP_H + CLIP_W / 2) / CLIP_W;
    }
    *px = (w - *pw) / 2;
    *py = (h - *ph) / 2;
}

/* Pixels of the rectangle (clipped to the grab) that are not black (any
 * channel above 4). */
static long not_black(const image *im, int x0, int y0, int x1, int y1)
{
    long n = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            if (!inside(im, x, y))
                continue;
            const uint8_t *p = pixel(im, x, y);
            n += p[0] > 4 || p[1] > 4 || p[2] > 4;
        }
    return n;
}

static void window_size(int x, int y, int w, int h, msess_time pos)
{
    int want = frame_at(pos);
    int px, py, pw, ph;
    fit(w, h, &px, &py, &pw, &ph);
    fprintf(stderr, "-- 4. window %dx%d at %d,%d: picture expected at %dx%d+%d+%d\n", w, h, x, y,
            pw, ph, px, py);
    vo_run r;
    CHECK_ERR(vo_create(&r, x, y, w, h), 0);
    if (!r.out)
        return;
    vo_open(&r);
    start_paused(&r, pos);
    char name[32];
    snprintf(name, sizeof(name), "window-%dx%d", w, h);
    image im;
    int seen = shown_in(&r, px, py, pw, ph, &im, name);
    fprintf(stderr, "  shows %d\n", seen);
    expect_shown(seen, want, name);
    if (im.rgb) {
        /* the bars (left/right or top/bottom) are black */
        long bars = not_black(&im, 0, 0, w, py) + not_black(&im, 0, py + ph, w, h) +
                    not_black(&im, 0, py, px, py + ph) + not_black(&im, px + pw, py, w, py + ph);
        long area = (long)w * h - (long)pw * ph;
        fprintf(stderr, "  bars: %ld pixels, %ld not black\n", area, bars);
        CHECK_EQ(bars, 0);
        /* the picture reaches exactly its expected edges: its bottom corners
         * are background grey, the pixels beside them (pillarbox) or below
         * them (letterbox) black */
        int l = px, rgt = px + pw - 1, b = py + ph - 1;
        bool grey_in = is_background(&im, l, b) && is_background(&im, rgt, b);
        bool black_out = true;
        if (px > 0)
            black_out = black_out && !not_black(&im, l - 1, b, l, b + 1) &&
                        !not_black(&im, rgt + 1, b, rgt + 2, b + 1);
        if (py > 0)
            black_out = black_out && !not_black(&im, l, b + 1, l + 1, b + 2) &&
                        !not_black(&im, rgt, b + 1, rgt + 1, b + 2);
        if (!grey_in || !black_out) {
            fprintf(stderr,
                    "  picture edges: want grey (luma 55-95) at its bottom corners (%d,%d) and "
                    "(%d,%d), black beside or below them; luma there %d and %d\n",
                    l, b, rgt, b, luma_at(&im, l, b), luma_at(&im, rgt, b));
            tu_failures++;
        }
        image_free(&im);
    }
    vo_close(&r);
}

/* The first output, retried a little: an X server without -noreset (as
 * tools/dev.sh starts Xvfb) resets when its last client leaves, and a
 * connection made meanwhile is refused; the previous test may just have
 * left. */
static int first_output(vo_run *r)
{
    int ret = 0;
    for (int i = 0; i < 5; i++) {
        if ((ret = vo_create(r, 0, 0, CLIP_W, CLIP_H)) != MSESS_EDEVICE)
            break;
        tu_sleep_ms(200);
    }
    return ret;
}

int main(void)
{
    const char *display = getenv("DISPLAY");
    if (!display || !*display) {
        fprintf(stderr, "skip: DISPLAY is not set\n");
        return SKIP_CODE;
    }
    if (!pick_grabber()) {
        fprintf(stderr, "skip: neither ImageMagick's import nor xwd + convert found\n");
        return SKIP_CODE;
    }
    int64_t t0 = tu_now_ms();
    snprintf(window_title, sizeof(window_title), "msess test-video-out %ld", (long)getpid());
    vo_run r;
    int ret = first_output(&r);
    if (ret == MSESS_ENOSYS || ret == MSESS_EDEVICE) {
        fprintf(stderr, "skip: no video output (%s: %s)\n", msess_error_name(ret),
                ret == MSESS_ENOSYS ? "msess built without SDL2" : "display does not answer");
        return SKIP_CODE;
    }
    CHECK_ERR(ret, 0);
    if (ret < 0)
        return tu_result();
    /* This reference keeps SDL's video, and so a connection to the X
     * server, up till the end: the later windows need no new connection,
     * and the server does not reset between them. */
    msess_sink *keep = msess_sink_ref(r.out);
    image probe;
    if (!grab(0, 0, 1, 1, &probe, NULL)) {
        fprintf(stderr, "skip: cannot grab the screen of %s (%s)\n", display, grab_format);
        msess_sink_destroy(&r.out);
        msess_sink_destroy(&keep);
        return SKIP_CODE;
    }
    image_free(&probe);

    const char *env = getenv("MSESS_TEST_SEED");
    unsigned seed = env ? (unsigned)strtoul(env, NULL, 10) : (unsigned)time(NULL);
    env = getenv("MSESS_TEST_PAUSES");
    int count = env ? atoi(env) : 4;
    env = getenv("MSESS_TEST_STRICT");
    bool strict = env && *env && strcmp(env, "0");

    vo_open(&r);
    posters(&r);
    pauses(&r, seed, count, strict);
    end_of_clip(&r);
    vo_close(&r);

    /* scaled 2x; pillarbox; letterbox; pillarbox and scaled by 1.875 */
    window_size(0, 0, 640, 480, 244 * SEC / 100);
    window_size(0, 0, 640, 240, 102 * SEC / 100);
    window_size(0, 0, 320, 480, 175 * SEC / 100);
    window_size(0, 0, 800, 450, 333 * SEC / 100);

    msess_sink_destroy(&keep);
    fprintf(stderr, "total %.1f s\n", (double)(tu_now_ms() - t0) / 1000);
    return tu_result();
}

/* Device test: the SDL2 video output's layout, video size, snapshots and
 * window switching (what the Media Foundation shim's IMFVideoDisplayControl
 * is built on).
 *
 * av.mp4 (320x240, frame number as a bar code) is shown paused at frame 25
 * in a borderless own window at (0, 0), then:
 *  1. video size: MSESS_EAGAIN before a stream, 320x240 1:1 once connected;
 *  2. snapshots: EAGAIN before the first frame; the window's size with the
 *     frame shown (its bar code, its pts);
 *  3. layout: a destination rectangle with a red border, letterboxed, then
 *     stretched, then a source crop: in the snapshot and on the screen;
 *  4. set_window to a native X window: the paused frame appears there;
 *     full screen is refused there; back to the own window;
 *  5. after the session is gone the snapshot still gives the last frame.
 * Twice: drawing into the window's surface (no GPU) and through an SDL
 * renderer. Skips (77) without a display, ImageMagick's import, or SDL2
 * (the native window part without libX11). */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "screengrab.h"
#include "testutil.h"
#include "xwin.h"

#define SEC MSESS_TIME_PER_SECOND
#define FRAME (40 * MSESS_TIME_PER_MS)
#define SETTLE_MS 300

static bool is_red(const uint8_t *bgra)
{
    return bgra[2] > 200 && bgra[1] < 50 && bgra[0] < 50;
}

static bool is_red_rgb(const uint8_t *rgb)
{
    return rgb[0] > 200 && rgb[1] < 50 && rgb[2] < 50;
}

static void check_layout_api(msess_sink *v)
{
    msess_video_layout def, got, bad;
    msess_video_output_default_layout(&def);
    CHECK(def.src_left == 0.0f && def.src_top == 0.0f && def.src_right == 1.0f &&
          def.src_bottom == 1.0f && def.dst_w == 0 && def.dst_h == 0 && !def.stretch &&
          def.border_color == 0);
    CHECK_ERR(msess_video_output_get_layout(v, &got), 0);
    CHECK(!memcmp(&got, &def, sizeof(got)));
    bad = def;
    bad.src_right = 1.5f;
    CHECK_ERR(msess_video_output_set_layout(v, &bad), MSESS_EINVAL);
    bad = def;
    bad.src_left = 0.6f;
    bad.src_right = 0.4f;
    CHECK_ERR(msess_video_output_set_layout(v, &bad), MSESS_EINVAL);
    bad = def;
    bad.dst_w = -1;
    CHECK_ERR(msess_video_output_set_layout(v, &bad), MSESS_EINVAL);
    bad = def;
    bad.border_color = 0x1000000;
    CHECK_ERR(msess_video_output_set_layout(v, &bad), MSESS_EINVAL);
    CHECK_ERR(msess_video_output_set_layout(NULL, &def), MSESS_EINVAL);
    msess_sink *null = NULL;
    CHECK_ERR(msess_null_sink_create(&null, NULL), 0);
    CHECK_ERR(msess_video_output_set_layout(null, &def), MSESS_EINVAL);
    msess_sink_destroy(&null);
}

/* A snapshot, checked for size and frame number (bar code in the picture
 * rectangle px, py, pw, ph). */
static void check_snapshot(msess_sink *v, int w, int h, int px, int py, int pw, int ph, int frame,
                           msess_video_snapshot *keep)
{
    msess_video_snapshot s;
    CHECK_ERR(msess_video_output_snapshot(v, &s), 0);
    if (!s.data)
        return;
    CHECK_EQ(s.width, w);
    CHECK_EQ(s.height, h);
    CHECK_EQ(s.stride, w * 4);
    CHECK_EQ(s.pts, frame * FRAME);
    if (s.width == w && s.height == h) {
        int num = screengrab_number(s.data, s.stride, 4, px, py, pw, ph);
        if (num != frame)
            fprintf(stderr, "  snapshot %dx%d shows frame %d, want %d\n", w, h, num, frame);
        CHECK_EQ(num, frame);
        CHECK_EQ(s.data[3], 255);
    }
    if (keep)
        *keep = s;
    else
        msess_video_snapshot_free(&s);
}

/* The screen at (x, y, w, h) shows the frame in its picture rectangle. */
static void check_screen(int x, int y, int w, int h, int px, int py, int pw, int ph, int frame,
                         const char *what)
{
    uint8_t *rgb = screengrab(x, y, w, h);
    CHECK(rgb != NULL);
    if (!rgb)
        return;
    int num = screengrab_number(rgb, w * 3, 3, px, py, pw, ph);
    if (num != frame)
        fprintf(stderr, "  screen (%s) shows frame %d, want %d\n", what, num, frame);
    CHECK_EQ(num, frame);
    free(rgb);
}

static void layouts(msess_sink *v)
{
    fprintf(stderr, "-- layouts\n");
    /* whole window (320x240, the video's size) */
    check_snapshot(v, 320, 240, 0, 0, 320, 240, 25, NULL);
    check_screen(0, 0, 320, 240, 0, 0, 320, 240, 25, "whole window");

    /* a 200x100 rectangle at (20, 10), red around: 4:3 gives 133x100 */
    msess_video_layout l;
    msess_video_output_default_layout(&l);
    l.dst_x = 20;
    l.dst_y = 10;
    l.dst_w = 200;
    l.dst_h = 100;
    l.border_color = 0xff0000;
    CHECK_ERR(msess_video_output_set_layout(v, &l), 0);
    msess_video_layout got;
    CHECK_ERR(msess_video_output_get_layout(v, &got), 0);
    CHECK(!memcmp(&got, &l, sizeof(l)));
    tu_sleep_ms(SETTLE_MS);
    msess_video_snapshot s;
    check_snapshot(v, 200, 100, 34, 0, 132, 100, 25, &s);
    if (s.data) {
        CHECK(is_red(s.data));                         /* left bar */
        CHECK(!is_red(s.data + (50 * 200 + 100) * 4)); /* picture */
        msess_video_snapshot_free(&s);
    }
    uint8_t *rgb = screengrab(0, 0, 320, 240);
    CHECK(rgb != NULL);
    if (rgb) {
        CHECK(is_red_rgb(rgb + (5 * 320 + 5) * 3));        /* outside the rectangle */
        CHECK(is_red_rgb(rgb + (60 * 320 + 30) * 3));      /* its left bar */
        CHECK(!is_red_rgb(rgb + (60 * 320 + 120) * 3));    /* the picture */
        int num = screengrab_number(rgb, 320 * 3, 3, 54, 10, 132, 100);
        CHECK_EQ(num, 25);
        free(rgb);
    }

    /* stretched: no bars */
    l.stretch = true;
    CHECK_ERR(msess_video_output_set_layout(v, &l), 0);
    tu_sleep_ms(SETTLE_MS);
    check_snapshot(v, 200, 100, 0, 0, 200, 100, 25, &s);
    if (s.data) {
        CHECK(!is_red(s.data));
        msess_video_snapshot_free(&s);
    }
    check_screen(0, 0, 320, 240, 20, 10, 200, 100, 25, "stretched");

    /* the left half of the picture, aspect kept: 160x240 -> 67x100 */
    l.stretch = false;
    l.src_right = 0.5f;
    CHECK_ERR(msess_video_output_set_layout(v, &l), 0);
    tu_sleep_ms(SETTLE_MS);
    CHECK_ERR(msess_video_output_snapshot(v, &s), 0);
    if (s.data) {
        CHECK(is_red(s.data + (50 * 200 + 10) * 4));
        CHECK(!is_red(s.data + (50 * 200 + 100) * 4));
        CHECK(is_red(s.data + (50 * 200 + 190) * 4));
        msess_video_snapshot_free(&s);
    }
    rgb = screengrab(0, 0, 320, 240);
    if (rgb) {
        CHECK(is_red_rgb(rgb + (60 * 320 + 40) * 3));
        CHECK(!is_red_rgb(rgb + (60 * 320 + 120) * 3));
        CHECK(is_red_rgb(rgb + (60 * 320 + 200) * 3));
        free(rgb);
    }
    msess_video_output_default_layout(&l);
    CHECK_ERR(msess_video_output_set_layout(v, &l), 0);
    CHECK_ERR(msess_video_output_repaint(v), 0);
    tu_sleep_ms(SETTLE_MS);
}

static void native_window(msess_sink *v)
{
    fprintf(stderr, "-- native window\n");
    xwin xw;
    if (!xwin_open(&xw, 400, 0, 320, 240)) {
        fprintf(stderr, "  (no libX11: not checked)\n");
        return;
    }
    CHECK_ERR(msess_video_output_set_window(v, (void *)(uintptr_t)xw.id), 0);
    CHECK_ERR(msess_video_output_set_fullscreen(v, true), MSESS_EUNSUPPORTED);
    tu_sleep_ms(SETTLE_MS + 200);
    check_screen(400, 0, 320, 240, 0, 0, 320, 240, 25, "native window");
    check_snapshot(v, 320, 240, 0, 0, 320, 240, 25, NULL);
    CHECK_ERR(msess_video_output_set_window(v, NULL), 0);
    tu_sleep_ms(SETTLE_MS + 200);
    check_screen(0, 0, 320, 240, 0, 0, 320, 240, 25, "own window again");
    xwin_close(&xw);
}

/* One pass with the output drawing through `renderer` (NULL: its default,
 * the window's surface without a GPU). Returns false to skip. */
static bool run(const char *renderer)
{
    fprintf(stderr, "== renderer %s\n", renderer ? renderer : "(default)");
    msess_video_output_settings vs;
    msess_video_output_default_settings(&vs);
    vs.x = vs.y = 0;
    vs.borderless = true;
    vs.renderer = renderer;
    msess_sink *v = NULL;
    int ret = msess_video_output_create(&v, &vs);
    if (ret == MSESS_ENOSYS || ret == MSESS_EDEVICE) {
        fprintf(stderr, "skip: no video output (%s)\n", msess_error_name(ret));
        return false;
    }
    CHECK_ERR(ret, 0);
    if (!v)
        return true;
    check_layout_api(v);
    int w = 0, h = 0;
    msess_rational sar = { 0, 0 };
    msess_video_snapshot snap;
    CHECK_ERR(msess_video_output_get_video_size(v, &w, &h, &sar), MSESS_EAGAIN);
    CHECK_ERR(msess_video_output_snapshot(v, &snap), MSESS_EAGAIN);
    CHECK(snap.data == NULL);

    tu_run r;
    tu_run_open(&r, &(tu_run_opts){ .clip = "av.mp4", .video = msess_sink_ref(v) });
    CHECK_ERR(msess_video_output_get_video_size(v, &w, &h, &sar), 0);
    CHECK(w == 320 && h == 240 && sar.num == sar.den);
    /* frame 25, paused */
    CHECK_ERR(msess_session_start(r.s, 25 * FRAME), 0);
    CHECK_EQ(tu_wait_for(r.s, MSESS_EVENT_STARTED, NULL, 20000), 0);
    CHECK_ERR(msess_session_pause(r.s), 0);
    CHECK_EQ(tu_wait_for(r.s, MSESS_EVENT_PAUSED, NULL, 20000), 0);
    tu_sleep_ms(SETTLE_MS);
    msess_time t = 0;
    CHECK_ERR(msess_session_get_position(r.s, &t), 0);
    if (t / FRAME == 25) {
        layouts(v);
        native_window(v);
    } else {
        fprintf(stderr, "  paused at %.3f s, not in frame 25\n", (double)t / SEC);
        tu_failures++;
    }
    tu_run_close(&r); /* the output's thread leaves; the frame stays */
    fprintf(stderr, "-- after the session\n");
    check_snapshot(v, 320, 240, 0, 0, 320, 240, 25, NULL);
    msess_sink_destroy(&v);
    return true;
}

int main(void)
{
    if (!getenv("DISPLAY") || !screengrab_available()) {
        fprintf(stderr, "skip: no DISPLAY or no ImageMagick import\n");
        return SKIP_CODE;
    }
    if (!run(NULL))
        return SKIP_CODE;
    run("software"); /* SDL's renderer: the textured drawing path */
    return tu_result();
}

/* The video renderer in a media session, through IMFVideoDisplayControl
 * (MR_VIDEO_RENDER_SERVICE), playing av.mp4 (320x240, frame numbers as bar
 * codes) paused on one frame:
 *
 * 1. its own window (MFCreateVideoRendererActivate(NULL)): native and
 *    ideal size 320x240 (4:3) once the topology is set; GetCurrentImage a
 *    bottom-up 32-bit DIB of the frame shown with its time stamp; a
 *    destination rectangle with a blue border colour gives an image of that
 *    size, letterboxed, and without PreservePicture a stretched one; full
 *    screen on and off;
 * 2. an X window of the test's (the HWND argument): the frame appears in
 *    it on the screen; SetFullscreen there is E_NOTIMPL; SetVideoWindow to
 *    a second X window moves the picture there;
 * 3. after the session's Shutdown the display control says MF_E_SHUTDOWN.
 * msess_mf_live_objects() returns to its start value. Skips (77) without a
 * display, ImageMagick's import or libX11. */
#include "rend-util.h"
#include "../screengrab.h"
#include "../xwin.h"

#define FRAME_TICKS 400000LL
#define SETTLE_MS 400

static IMFVideoDisplayControl *display_of(IMFMediaSession *s);

/* A session showing av.mp4 paused through this activate, started at
 * `*frame`. The clock runs from Start to Pause, on a slow machine past the
 * next frames' times: *frame becomes the frame shown (GetCurrentImage's
 * time stamp), which must lie between the start and the paused clock. */
static IMFMediaSession *show_frame(IMFActivate *a, IMFMediaSource **src, int *frame)
{
    *src = rend_open("av.mp4");
    IMFTopology *topo = rend_topology(*src, (IUnknown *)a, NULL);
    IMFMediaSession *s = rend_session(topo);
    IMFTopology_Release(topo);
    int start = *frame;
    rend_start(s, start * FRAME_TICKS);
    CHECK_HR(IMFMediaSession_Pause(s), S_OK);
    WAIT_OK(s, MESessionPaused, 15000);
    test_sleep_ms(SETTLE_MS);
    IMFClock *clock = NULL;
    MFTIME now = -1, sys = 0;
    CHECK_HR(IMFMediaSession_GetClock(s, &clock), S_OK);
    if (clock) {
        CHECK_HR(IMFClock_GetCorrelatedTime(clock, 0, &now, &sys), S_OK);
        IMFClock_Release(clock);
    }
    BITMAPINFOHEADER bih = { .biSize = sizeof(bih) };
    BYTE *dib = NULL;
    DWORD size = 0;
    LONGLONG ts = -1;
    IMFVideoDisplayControl *dc = display_of(s);
    if (dc) {
        CHECK_HR(IMFVideoDisplayControl_GetCurrentImage(dc, &bih, &dib, &size, &ts), S_OK);
        CoTaskMemFree(dib);
        IMFVideoDisplayControl_Release(dc);
    }
    *frame = (int)(ts / FRAME_TICKS);
    if (*frame != start)
        fprintf(stderr, "  paused on frame %d (started at %d, clock at %.3f s)\n", *frame, start,
                now / 1e7);
    CHECK(ts >= start * FRAME_TICKS && ts <= now);
    return s;
}

static IMFVideoDisplayControl *display_of(IMFMediaSession *s)
{
    IMFVideoDisplayControl *dc = NULL;
    CHECK_HR(MFGetService((IUnknown *)s, &MR_VIDEO_RENDER_SERVICE, &IID_IMFVideoDisplayControl,
                          (void **)&dc), S_OK);
    return dc;
}

/* GetCurrentImage: w x h, bottom-up BGRX, the frame's bar code in the
 * picture rectangle (px, py, pw, ph, top-down coordinates). */
static void check_image(IMFVideoDisplayControl *dc, int w, int h, int px, int py, int pw, int ph,
                        int frame, BYTE **keep)
{
    BITMAPINFOHEADER bih = { .biSize = sizeof(bih) };
    BYTE *dib = NULL;
    DWORD size = 0;
    LONGLONG ts = -1;
    CHECK_HR(IMFVideoDisplayControl_GetCurrentImage(dc, &bih, &dib, &size, &ts), S_OK);
    if (!dib)
        return;
    CHECK(bih.biWidth == w && bih.biHeight == h && bih.biBitCount == 32 && bih.biPlanes == 1 &&
          bih.biCompression == BI_RGB && bih.biSizeImage == (DWORD)(w * h * 4));
    CHECK(size == (DWORD)(w * h * 4));
    CHECK(ts == frame * FRAME_TICKS);
    if (bih.biWidth == w && bih.biHeight == h) {
        /* rows bottom up: turn them for the reader */
        BYTE *top_down = malloc((size_t)w * h * 4);
        REQUIRE(top_down);
        for (int y = 0; y < h; y++)
            memcpy(top_down + (size_t)y * w * 4, dib + (size_t)(h - 1 - y) * w * 4, (size_t)w * 4);
        int num = screengrab_number(top_down, w * 4, 4, px, py, pw, ph);
        if (num != frame)
            fprintf(stderr, "  image %dx%d shows frame %d, want %d\n", w, h, num, frame);
        CHECK(num == frame);
        memcpy(dib, top_down, (size_t)w * h * 4);
        free(top_down);
    }
    if (keep)
        *keep = dib; /* top down now */
    else
        CoTaskMemFree(dib);
}

static bool is_blue(const BYTE *bgrx)
{
    return bgrx[0] > 200 && bgrx[1] < 50 && bgrx[2] < 50;
}

static void own_window(void)
{
    fprintf(stderr, "-- own window\n");
    LONG live = msess_mf_live_objects();
    IMFActivate *a = NULL;
    CHECK_HR(MFCreateVideoRendererActivate(NULL, &a), S_OK);
    IMFMediaSource *src;
    int f = 25;
    IMFMediaSession *s = show_frame(a, &src, &f);
    IMFVideoDisplayControl *dc = display_of(s);
    REQUIRE(dc);
    SIZE size = { 0, 0 }, ar = { 0, 0 }, min, max;
    CHECK_HR(IMFVideoDisplayControl_GetNativeVideoSize(dc, &size, &ar), S_OK);
    CHECK(size.cx == 320 && size.cy == 240 && ar.cx == 4 && ar.cy == 3);
    CHECK_HR(IMFVideoDisplayControl_GetIdealVideoSize(dc, &min, &max), S_OK);
    CHECK(min.cx == 320 && max.cy == 240);
    HWND w = (HWND)(uintptr_t)1;
    CHECK_HR(IMFVideoDisplayControl_GetVideoWindow(dc, &w), S_OK);
    CHECK(w == NULL);
    check_image(dc, 320, 240, 0, 0, 320, 240, f, NULL);

    /* a 200x100 destination, blue border: 4:3 in it is 133x100 */
    RECT dst = { 10, 10, 210, 110 };
    CHECK_HR(IMFVideoDisplayControl_SetVideoPosition(dc, NULL, &dst), S_OK);
    CHECK_HR(IMFVideoDisplayControl_SetBorderColor(dc, 0x00ff0000), S_OK); /* RGB(0, 0, 255) */
    test_sleep_ms(SETTLE_MS);
    BYTE *img = NULL;
    check_image(dc, 200, 100, 34, 0, 132, 100, f, &img);
    if (img) {
        CHECK(is_blue(img + (50 * 200 + 5) * 4));
        CHECK(!is_blue(img + (50 * 200 + 100) * 4));
        CoTaskMemFree(img);
    }
    /* stretched */
    CHECK_HR(IMFVideoDisplayControl_SetAspectRatioMode(dc, MFVideoARMode_None), S_OK);
    test_sleep_ms(SETTLE_MS);
    img = NULL;
    check_image(dc, 200, 100, 0, 0, 200, 100, f, &img);
    if (img) {
        CHECK(!is_blue(img + (50 * 200 + 5) * 4));
        CoTaskMemFree(img);
    }
    /* full screen, and back */
    BOOL fs = FALSE;
    CHECK_HR(IMFVideoDisplayControl_SetFullscreen(dc, TRUE), S_OK);
    CHECK_HR(IMFVideoDisplayControl_GetFullscreen(dc, &fs), S_OK);
    CHECK(fs);
    test_sleep_ms(SETTLE_MS);
    CHECK_HR(IMFVideoDisplayControl_SetFullscreen(dc, FALSE), S_OK);
    CHECK_HR(IMFVideoDisplayControl_RepaintVideo(dc), S_OK);

    rend_close(s, src);
    /* the session shut the renderer down */
    CHECK_HR(IMFVideoDisplayControl_GetFullscreen(dc, &fs), MF_E_SHUTDOWN);
    CHECK_HR(IMFVideoDisplayControl_GetNativeVideoSize(dc, &size, &ar), MF_E_SHUTDOWN);
    IMFVideoDisplayControl_Release(dc);
    IMFMediaSession_Release(s);
    IMFMediaSource_Release(src);
    IMFActivate_Release(a);
    CHECK(msess_mf_live_objects() == live);
}

/* The screen at (x, y) shows the frame in a 320x240 window. */
static void check_screen(int x, int y, int frame, const char *what)
{
    uint8_t *rgb = screengrab(x, y, 320, 240);
    CHECK(rgb != NULL);
    if (!rgb)
        return;
    int num = screengrab_number(rgb, 320 * 3, 3, 0, 0, 320, 240);
    if (num != frame)
        fprintf(stderr, "  screen (%s) shows frame %d, want %d\n", what, num, frame);
    CHECK(num == frame);
    free(rgb);
}

static void native_windows(void)
{
    fprintf(stderr, "-- application windows\n");
    xwin x1, x2;
    if (!xwin_open(&x1, 0, 0, 320, 240))
        return;
    if (!xwin_open(&x2, 400, 0, 320, 240)) {
        xwin_close(&x1);
        return;
    }
    LONG live = msess_mf_live_objects();
    HWND h1 = (HWND)(uintptr_t)x1.id, h2 = (HWND)(uintptr_t)x2.id;
    IMFActivate *a = NULL;
    CHECK_HR(MFCreateVideoRendererActivate(h1, &a), S_OK);
    IMFMediaSource *src;
    int f = 40;
    IMFMediaSession *s = show_frame(a, &src, &f);
    IMFVideoDisplayControl *dc = display_of(s);
    REQUIRE(dc);
    check_screen(0, 0, f, "HWND of the activate");
    HWND w = NULL;
    CHECK_HR(IMFVideoDisplayControl_GetVideoWindow(dc, &w), S_OK);
    CHECK(w == h1);
    CHECK_HR(IMFVideoDisplayControl_SetFullscreen(dc, TRUE), E_NOTIMPL);
    CHECK_HR(IMFVideoDisplayControl_SetVideoWindow(dc, h2), S_OK);
    CHECK_HR(IMFVideoDisplayControl_GetVideoWindow(dc, &w), S_OK);
    CHECK(w == h2);
    test_sleep_ms(SETTLE_MS);
    check_screen(400, 0, f, "SetVideoWindow");
    check_image(dc, 320, 240, 0, 0, 320, 240, f, NULL);
    rend_close(s, src);
    IMFVideoDisplayControl_Release(dc);
    IMFMediaSession_Release(s);
    IMFMediaSource_Release(src);
    IMFActivate_Release(a);
    CHECK(msess_mf_live_objects() == live);
    xwin_close(&x2);
    xwin_close(&x1);
}

int main(void)
{
    if (!getenv("DISPLAY") || !screengrab_available()) {
        fprintf(stderr, "skip: no DISPLAY or no ImageMagick import\n");
        return SKIP_CODE;
    }
    xwin probe;
    if (!xwin_open(&probe, 0, 0, 1, 1)) {
        fprintf(stderr, "skip: no X display through libX11\n");
        return SKIP_CODE;
    }
    xwin_close(&probe);
    REQUIRE(SUCCEEDED(MFStartup(MF_VERSION, MFSTARTUP_FULL)));
    LONG live = msess_mf_live_objects();
    own_window();
    native_windows();
    CHECK(msess_mf_live_objects() == live);
    MFShutdown();
    return rend_result();
}

/* Video output on SDL2: a presenter sink (core/sink.c schedules, drops late
 * frames and shows posters) that draws each frame letterboxed into its own
 * window, an application's SDL window, or a native window handle.
 *
 * Threads. Window, renderer and texture belong to the presenter thread:
 * made in thread_init and destroyed in thread_exit, at every attach. With
 * its own or a native window, that thread also drains SDL's event queue
 * (SDL has one per process), so an application that handles SDL events
 * itself should pass its window instead (sdl_window): the output then only
 * makes a renderer for it and never touches the event queue, and the
 * application must not draw into that window meanwhile. An application's
 * renderer (sdl_renderer) is refused with MSESS_EINVAL: SDL renderers are
 * not thread-safe and this output draws on its own thread; games that draw
 * video in their own render loop use the application video sink
 * (msess_app_video_sink_create).
 *
 * Formats. The decoder's planes go straight into a streaming texture for
 * the formats SDL takes (the upload is the one copy); for any other format
 * negotiate asks for YUV420P, so the loader puts a converter upstream.
 *
 * Renderer. settings.renderer names an SDL render driver; by default the
 * GPU's. Without a GPU (an OpenGL that draws on the CPU, such as Mesa's
 * llvmpipe, costs more than anything else) an own or native window is
 * drawn without a renderer: swscale's SIMD converts (and scales) each frame
 * straight into the window's surface, which SDL hands to the display (on
 * X11 a shared-memory image), the path of ximagesink and mpv's x11 output.
 * Turned or flipped pictures go through SDL's software renderer drawing
 * into that same surface.
 *
 * Process-wide SDL state this output touches: the video subsystem's
 * reference count, SDL's YUV conversion mode (set per frame from the
 * frame's colour space, as ffplay does), and two hints at the lowest
 * priority (no signal handlers; no framebuffer acceleration without GPU). */
#include <math.h>
#include <string.h>
#include <stdatomic.h>
#ifdef __linux__
#include <unistd.h>
#endif

#include <SDL.h>
#include <libavutil/frame.h>
#include <libavutil/macros.h>
#include <libavutil/mem.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>

#include "core/sink.h"
#include "core/util.h"
#include "ff/ff.h"

#define HAVE_NV_UPLOAD SDL_VERSION_ATLEAST(2, 0, 16)
#define HAVE_SCALE_MODE SDL_VERSION_ATLEAST(2, 0, 12)

#if SDL_BYTEORDER == SDL_LIL_ENDIAN
#define BYTES_XBGR SDL_PIXELFORMAT_XBGR8888 /* R G B X in memory */
#define BYTES_XRGB SDL_PIXELFORMAT_XRGB8888 /* B G R X */
#define BYTES_RGBX SDL_PIXELFORMAT_RGBX8888 /* X B G R */
#define BYTES_BGRX SDL_PIXELFORMAT_BGRX8888 /* X R G B */
#else
#define BYTES_XBGR SDL_PIXELFORMAT_RGBX8888
#define BYTES_XRGB SDL_PIXELFORMAT_BGRX8888
#define BYTES_RGBX SDL_PIXELFORMAT_XBGR8888
#define BYTES_BGRX SDL_PIXELFORMAT_XRGB8888
#endif

/* FFmpeg format -> SDL texture format with the same memory layout. */
static const struct {
    enum AVPixelFormat av;
    Uint32 sdl;
} tex_formats[] = {
    { AV_PIX_FMT_YUV420P, SDL_PIXELFORMAT_IYUV },
    { AV_PIX_FMT_YUVJ420P, SDL_PIXELFORMAT_IYUV },
#if HAVE_NV_UPLOAD
    { AV_PIX_FMT_NV12, SDL_PIXELFORMAT_NV12 },
    { AV_PIX_FMT_NV21, SDL_PIXELFORMAT_NV21 },
#endif
    { AV_PIX_FMT_YUYV422, SDL_PIXELFORMAT_YUY2 },
    { AV_PIX_FMT_UYVY422, SDL_PIXELFORMAT_UYVY },
    { AV_PIX_FMT_YVYU422, SDL_PIXELFORMAT_YVYU },
    { AV_PIX_FMT_RGBA, SDL_PIXELFORMAT_RGBA32 },
    { AV_PIX_FMT_BGRA, SDL_PIXELFORMAT_BGRA32 },
    { AV_PIX_FMT_ARGB, SDL_PIXELFORMAT_ARGB32 },
    { AV_PIX_FMT_ABGR, SDL_PIXELFORMAT_ABGR32 },
    { AV_PIX_FMT_RGB0, BYTES_XBGR },
    { AV_PIX_FMT_BGR0, BYTES_XRGB },
    { AV_PIX_FMT_0RGB, BYTES_BGRX },
    { AV_PIX_FMT_0BGR, BYTES_RGBX },
    { AV_PIX_FMT_RGB24, SDL_PIXELFORMAT_RGB24 },
    { AV_PIX_FMT_BGR24, SDL_PIXELFORMAT_BGR24 },
    { AV_PIX_FMT_RGB565, SDL_PIXELFORMAT_RGB565 }, /* native-endian in both */
    { AV_PIX_FMT_BGR565, SDL_PIXELFORMAT_BGR565 },
};

static Uint32 sdl_format(int av)
{
    for (size_t i = 0; i < MSESS__ARRAY_LEN(tex_formats); i++)
        if ((int)tex_formats[i].av == av)
            return tex_formats[i].sdl;
    return SDL_PIXELFORMAT_UNKNOWN;
}

typedef struct sdl_out {
    /* Fixed at create. */
    char *title;
    int x, y, width, height;
    bool borderless;
    SDL_Window *app_window;
    void *native_window;
    int driver;                   /* render driver index; -1: SDL's choice */
    bool sdl_up;                  /* holds a reference on SDL's video subsystem */

    /* Any thread. */
    msess__mutex lock;            /* event callback, and the fields down to the next comment */
    msess_video_output_event_fn event_fn;
    void *event_userdata;
    msess_video_layout want_layout;
    void *want_window;            /* native window asked for by set_window */
    int vid_w, vid_h;             /* video size: shown, else negotiated (vid_known) */
    msess_rational vid_sar;
    bool vid_known, vid_shown;
    bool running;                 /* the presenter thread is up (between init and exit) */
    msess__cond snap_cond;        /* a snapshot request was served */
    uint64_t snap_asked, snap_served;
    AVFrame *snap_frame;          /* reference handed over by the presenter */
    int snap_out_w, snap_out_h;   /* output size with it */
    AVFrame *parked;              /* the last frame shown when the presenter left */
    int parked_w, parked_h;
    /* Requests the presenter applies in idle (flags set after the fields). */
    atomic_bool want_fullscreen;
    atomic_bool fullscreen_dirty; /* a request the presenter has not applied */
    atomic_bool layout_dirty;
    atomic_bool window_dirty;
    atomic_bool repaint;
    atomic_bool snap_pending;

    /* Presenter thread only. */
    msess_video_layout lay;       /* the layout in use */
    int pub_w, pub_h;             /* video size last published */
    AVRational pub_sar;
    AVFrame *crop;                /* cropped view of a frame (software mode, snapshots) */
    SDL_Window *win;
    SDL_Renderer *ren;
    SDL_Texture *tex;
    Uint32 tex_format;
    int tex_w, tex_h;
    int max_tex_w, max_tex_h;     /* 0: no limit */
    bool shown;                   /* own window sized to the video and shown */
    bool have_frame;              /* a frame to redraw on expose/resize: in tex, or
                                   * in last (software mode) */
    bool redraw;
    bool warned;                  /* about a frame that cannot be shown */
    /* How the last frame is shown. */
    int pic_w, pic_h;             /* display size before rotation (SAR applied) */
    double angle;                 /* clockwise degrees */
    SDL_RendererFlip flip;        /* before the rotation */
    bool bottom_up;               /* texture holds the rows bottom up: flip too */
    /* The stream's orientation: a display matrix holds for the following
     * frames of the same port (an H.264 orientation SEI persists). */
    msess__port *orient_port;
    double orient_angle;
    SDL_RendererFlip orient_flip;
    int out_w, out_h;             /* renderer output size at the last draw */
    /* Software mode (no GPU): frames go into the window's own surface. */
    bool soft;
    SDL_Surface *surf;            /* the window's, as of the last draw */
    int surf_w, surf_h;
    SDL_Rect soft_dst;            /* where the last picture went; bars around it */
    AVFrame *last;                /* the frame shown (a reference), for redraws and snapshots */
    struct SwsContext *sws;
    uint8_t *pad;                 /* conversions of widths swscale cannot write in place */
    size_t pad_size;
} sdl_out;

static const msess__sink_ops sdl_ops;

/* The settings carry no logger, so failures go to SDL's log (stderr by
 * default; applications redirect it with SDL_LogSetOutputFunction). */
#define log_err(...) SDL_LogError(SDL_LOG_CATEGORY_APPLICATION, "msess video output: " __VA_ARGS__)
#define log_warn(...) SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION, "msess video output: " __VA_ARGS__)

/* SDL_InitSubSystem/QuitSubSystem are reference counted but not thread-safe. */
static SDL_SpinLock sdl_init_lock;

/* SDL falls back to drivers that show nothing when no display answers;
 * use them only when asked for by name. */
static bool real_display(void)
{
    const char *drv = SDL_GetCurrentVideoDriver();
    const char *asked = SDL_GetHint(SDL_HINT_VIDEODRIVER); /* or the environment's */
    if (!drv)
        return false;
    if (SDL_strcasecmp(drv, "offscreen") && SDL_strcasecmp(drv, "dummy"))
        return true;
    return asked && !SDL_strcasecmp(asked, drv);
}

static int sdl_video_up(void)
{
    SDL_AtomicLock(&sdl_init_lock);
    /* A library must not take over the application's SIGINT/SIGTERM (SDL
     * turns them into SDL_QUIT); an application's own setting wins. */
    if (!SDL_WasInit(SDL_INIT_EVENTS))
        SDL_SetHintWithPriority(SDL_HINT_NO_SIGNAL_HANDLERS, "1", SDL_HINT_DEFAULT);
    int ret = SDL_InitSubSystem(SDL_INIT_VIDEO);
    if (ret < 0) {
        log_err("no display: %s", SDL_GetError());
    } else if (SDL_GetNumVideoDisplays() < 1 || !real_display()) {
        log_err("no display (SDL video driver \"%s\"; set SDL_VIDEODRIVER to use it anyway)",
                SDL_GetCurrentVideoDriver());
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        ret = -1;
    }
    SDL_AtomicUnlock(&sdl_init_lock);
    return ret < 0 ? MSESS_EDEVICE : 0;
}

static void sdl_video_down(void)
{
    SDL_AtomicLock(&sdl_init_lock);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    SDL_AtomicUnlock(&sdl_init_lock);
}

/* ---- negotiation (any thread: depends on the input only) */

static int negotiate(msess_sink *s, const msess_media_type *in, msess_media_type *want)
{
    sdl_out *o = s->priv;
    if (in->width > 0 && in->height > 0) {
        /* the video size until a frame shows the real one */
        msess__mutex_lock(&o->lock);
        if (!o->vid_shown) {
            o->vid_w = in->width;
            o->vid_h = in->height;
            o->vid_sar = in->sample_aspect;
            o->vid_known = true;
        }
        msess__mutex_unlock(&o->lock);
    }
    if (sdl_format(in->ff_format) != SDL_PIXELFORMAT_UNKNOWN)
        return 0;
    want->ff_format = AV_PIX_FMT_YUV420P;
    want->pixel_format = MSESS_PIX_YUV420P;
    return 0;
}

/* ---- events */

static void emit(sdl_out *o, int key, bool quit)
{
    msess__mutex_lock(&o->lock);
    msess_video_output_event_fn fn = o->event_fn;
    void *ud = o->event_userdata;
    msess__mutex_unlock(&o->lock);
    if (fn)
        fn(ud, &(msess_video_output_event){ .key = key, .quit = quit });
}

/* Does the output drain SDL's event queue? Not in the application's window. */
static bool pumps_events(const sdl_out *o)
{
    return !o->app_window;
}

static void handle_events(sdl_out *o)
{
    Uint32 id = SDL_GetWindowID(o->win);
    bool closed = false; /* closing the last window also sends SDL_QUIT: report once */
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
        switch (e.type) {
        case SDL_QUIT:
            if (!closed)
                emit(o, 0, true);
            closed = true;
            break;
        case SDL_WINDOWEVENT:
            if (e.window.windowID != id)
                break;
            if (e.window.event == SDL_WINDOWEVENT_CLOSE && !closed) {
                emit(o, 0, true);
                closed = true;
            } else if (e.window.event == SDL_WINDOWEVENT_EXPOSED ||
                       e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
                o->redraw = true;
            }
            break;
        case SDL_KEYDOWN:
            if (!e.key.windowID || e.key.windowID == id)
                emit(o, e.key.keysym.sym, false);
            break;
        default:
            break;
        }
    }
}

/* ---- drawing (presenter thread) */

/* A display matrix as a clockwise angle after an optional vertical flip
 * (SDL_RenderCopyEx's order: flip, then rotate). */
static void orientation(const AVFrameSideData *sd, double *angle, SDL_RendererFlip *flip)
{
    *angle = 0;
    *flip = SDL_FLIP_NONE;
    if (sd->size < 9 * sizeof(int32_t))
        return;
    int32_t m[9];
    memcpy(m, sd->data, sizeof(m));
    /* The matrix maps (x, y) to (m0 x + m3 y, m1 x + m4 y), y down. A
     * negative determinant is a reflection: M = R(angle) * vflip, and in
     * both cases the angle is that of the first column. */
    double a = m[0], b = m[1], c = m[3], d = m[4];
    if (a == 0 && b == 0)
        return;
    double deg = atan2(b, a) * 180.0 / M_PI;
    double right = round(deg / 90.0) * 90.0;
    if (fabs(deg - right) < 1.0)
        deg = right;
    *angle = fmod(deg + 360.0, 360.0);
    if (a * d - b * c < 0)
        *flip = SDL_FLIP_VERTICAL;
}

static bool quarter_turn(double angle)
{
    return fabs(angle - 90.0) < 1.0 || fabs(angle - 270.0) < 1.0;
}

/* The layout's destination rectangle in an output of this size. */
static SDL_Rect dest_rect(const msess_video_layout *lay, int out_w, int out_h)
{
    if (lay->dst_w > 0 && lay->dst_h > 0)
        return (SDL_Rect){ lay->dst_x, lay->dst_y, lay->dst_w, lay->dst_h };
    return (SDL_Rect){ 0, 0, out_w, out_h };
}

static bool whole_picture(const msess_video_layout *lay)
{
    return lay->src_left == 0.0f && lay->src_top == 0.0f && lay->src_right == 1.0f &&
           lay->src_bottom == 1.0f;
}

/* The rectangle for RenderCopyEx: the shown part of the picture as large as
 * fits in r with its display aspect (or filling it, stretched), centred;
 * before rotation. */
static SDL_Rect place_in(const msess_video_layout *lay, double pic_w, double pic_h, bool turned,
                         SDL_Rect r)
{
    double cw = pic_w * (double)(lay->src_right - lay->src_left);
    double ch = pic_h * (double)(lay->src_bottom - lay->src_top);
    double pw = turned ? ch : cw, ph = turned ? cw : ch;
    int bw = r.w, bh = r.h;
    if (!lay->stretch && pw > 0 && ph > 0) {
        if ((double)r.w * ph > (double)r.h * pw)
            bw = (int)lrint(r.h * pw / ph);
        else
            bh = (int)lrint(r.w * ph / pw);
    }
    bw = MSESS__MAX(bw, 1);
    bh = MSESS__MAX(bh, 1);
    int rw = turned ? bh : bw, rh = turned ? bw : bh;
    return (SDL_Rect){ r.x + (r.w - rw) / 2, r.y + (r.h - rh) / 2, rw, rh };
}

static SDL_Rect layout(const sdl_out *o, int out_w, int out_h)
{
    return place_in(&o->lay, o->pic_w, o->pic_h, quarter_turn(o->angle),
                    dest_rect(&o->lay, out_w, out_h));
}

/* The layout's source rectangle in pixels of a w x h picture; rows counted
 * from the bottom when the picture lies bottom up. */
static SDL_Rect src_pixels(const msess_video_layout *lay, int w, int h, bool bottom_up)
{
    int x0 = (int)lrint(lay->src_left * w), x1 = (int)lrint(lay->src_right * w);
    int y0 = (int)lrint(lay->src_top * h), y1 = (int)lrint(lay->src_bottom * h);
    SDL_Rect r = { x0, y0, MSESS__MAX(x1 - x0, 1), MSESS__MAX(y1 - y0, 1) };
    if (bottom_up)
        r.y = h - r.y - r.h;
    return r;
}

static void set_draw_color(SDL_Renderer *ren, uint32_t rgb)
{
    SDL_SetRenderDrawColor(ren, (Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, 255);
}

static void draw(sdl_out *o, bool picture)
{
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(o->ren, &w, &h);
    set_draw_color(o->ren, o->lay.border_color);
    SDL_RenderClear(o->ren);
    if (picture && w > 0 && h > 0) {
        SDL_Rect dst = layout(o, w, h);
        SDL_Rect src = src_pixels(&o->lay, o->tex_w, o->tex_h, o->bottom_up);
        const SDL_Rect *srcp = whole_picture(&o->lay) ? NULL : &src;
        SDL_RendererFlip flip = o->flip ^ (o->bottom_up ? SDL_FLIP_VERTICAL : SDL_FLIP_NONE);
        if (o->angle == 0 && flip == SDL_FLIP_NONE)
            SDL_RenderCopy(o->ren, o->tex, srcp, &dst);
        else
            SDL_RenderCopyEx(o->ren, o->tex, srcp, &dst, o->angle, NULL, flip);
    }
    SDL_RenderPresent(o->ren);
    o->out_w = w;
    o->out_h = h;
    o->redraw = false;
}

static int ensure_texture(sdl_out *o, Uint32 format, int w, int h)
{
    if (o->tex && o->tex_format == format && o->tex_w == w && o->tex_h == h)
        return 0;
    if (o->tex)
        SDL_DestroyTexture(o->tex);
    o->tex = NULL;
    if ((o->max_tex_w && w > o->max_tex_w) || (o->max_tex_h && h > o->max_tex_h)) {
        if (!o->warned)
            log_warn("%dx%d is larger than the renderer's textures (%dx%d)", w, h,
                     o->max_tex_w, o->max_tex_h);
        o->warned = true;
        return MSESS_EUNSUPPORTED;
    }
    o->tex = SDL_CreateTexture(o->ren, format, SDL_TEXTUREACCESS_STREAMING, w, h);
    if (!o->tex) {
        if (!o->warned)
            log_warn("cannot create a %dx%d %s texture: %s", w, h,
                     SDL_GetPixelFormatName(format), SDL_GetError());
        o->warned = true;
        return MSESS_EDEVICE;
    }
    /* Video has no meaningful alpha over the window's black. */
    SDL_SetTextureBlendMode(o->tex, SDL_BLENDMODE_NONE);
#if HAVE_SCALE_MODE
    SDL_SetTextureScaleMode(o->tex, SDL_ScaleModeLinear); /* about free, even in software */
#endif
    o->tex_format = format;
    o->tex_w = w;
    o->tex_h = h;
    return 0;
}

/* SDL's YUV matrix is process-wide and read at upload (software) or draw
 * (GPU) time; set it per frame like ffplay does. */
static void set_yuv_mode(const AVFrame *f)
{
    SDL_YUV_CONVERSION_MODE mode = SDL_YUV_CONVERSION_AUTOMATIC;
    if (f->color_range == AVCOL_RANGE_JPEG || f->format == AV_PIX_FMT_YUVJ420P)
        mode = SDL_YUV_CONVERSION_JPEG;
    else if (f->colorspace == AVCOL_SPC_BT709)
        mode = SDL_YUV_CONVERSION_BT709;
    else if (f->colorspace == AVCOL_SPC_BT470BG || f->colorspace == AVCOL_SPC_SMPTE170M ||
             f->colorspace == AVCOL_SPC_SMPTE240M)
        mode = SDL_YUV_CONVERSION_BT601;
    if (SDL_GetYUVConversionMode() != mode)
        SDL_SetYUVConversionMode(mode);
}

/* Upload the planes; bottom-up frames (negative linesizes) go up as they
 * lie in memory and are flipped at draw time. */
static int upload(sdl_out *o, const AVFrame *f, bool *bottom_up)
{
    const uint8_t *d[4];
    int ls[4];
    const AVPixFmtDescriptor *desc = av_pix_fmt_desc_get(f->format);
    *bottom_up = f->linesize[0] < 0;
    for (int i = 0; i < 4; i++) {
        d[i] = f->data[i];
        ls[i] = f->linesize[i];
        if (d[i] && ls[i] < 0) {
            int rows = (i == 1 || i == 2) ? AV_CEIL_RSHIFT(f->height, desc->log2_chroma_h)
                                          : f->height;
            d[i] += (ptrdiff_t)ls[i] * (rows - 1);
            ls[i] = -ls[i];
        }
    }
    switch (o->tex_format) {
    case SDL_PIXELFORMAT_IYUV:
        set_yuv_mode(f);
        return SDL_UpdateYUVTexture(o->tex, NULL, d[0], ls[0], d[1], ls[1], d[2], ls[2]);
#if HAVE_NV_UPLOAD
    case SDL_PIXELFORMAT_NV12:
    case SDL_PIXELFORMAT_NV21:
        set_yuv_mode(f);
        return SDL_UpdateNVTexture(o->tex, NULL, d[0], ls[0], d[1], ls[1]);
#endif
    case SDL_PIXELFORMAT_YUY2:
    case SDL_PIXELFORMAT_UYVY:
    case SDL_PIXELFORMAT_YVYU:
        set_yuv_mode(f);
        return SDL_UpdateTexture(o->tex, NULL, d[0], ls[0]);
    default:
        return SDL_UpdateTexture(o->tex, NULL, d[0], ls[0]);
    }
}

/* First frame in an own window: size it to the video's display size
 * (unless the settings gave one), within the screen, and show it. */
static void show_window(sdl_out *o)
{
    o->shown = true;
    if (o->app_window || o->native_window)
        return;
    int w = o->width, h = o->height;
    if (!w || !h) {
        bool turned = quarter_turn(o->angle);
        w = turned ? o->pic_h : o->pic_w;
        h = turned ? o->pic_w : o->pic_h;
        SDL_Rect usable;
        int disp = SDL_GetWindowDisplayIndex(o->win);
        if (SDL_GetDisplayUsableBounds(disp < 0 ? 0 : disp, &usable) == 0 &&
            usable.w > 0 && usable.h > 0 && (w > usable.w || h > usable.h)) {
            double k = fmin((double)usable.w / w, (double)usable.h / h);
            w = MSESS__MAX((int)(w * k), 1);
            h = MSESS__MAX((int)(h * k), 1);
        }
        SDL_SetWindowSize(o->win, w, h);
    }
    if (o->x == -1 && o->y == -1)
        SDL_SetWindowPosition(o->win, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED);
    SDL_ShowWindow(o->win);
}

/* How a frame is shown: display size (sample aspect applied), rotation
 * and flips. */
static void geometry(sdl_out *o, const AVFrame *f, msess__port *port, bool bottom_up)
{
    AVRational sar = f->sample_aspect_ratio;
    if (sar.num <= 0 || sar.den <= 0)
        sar = (AVRational){ 1, 1 };
    o->pic_w = MSESS__MAX((int)lrint((double)f->width * sar.num / sar.den), 1);
    o->pic_h = f->height;
    if (port != o->orient_port) { /* another stream: no orientation until told */
        o->orient_port = port;
        o->orient_angle = 0;
        o->orient_flip = SDL_FLIP_NONE;
    }
    const AVFrameSideData *sd = av_frame_get_side_data(f, AV_FRAME_DATA_DISPLAYMATRIX);
    if (sd)
        orientation(sd, &o->orient_angle, &o->orient_flip);
    o->angle = o->orient_angle;
    o->flip = o->orient_flip;
    o->bottom_up = bottom_up;
    /* The size for msess_video_output_get_video_size: locked on a change only. */
    if (f->width != o->pub_w || f->height != o->pub_h || sar.num != o->pub_sar.num ||
        sar.den != o->pub_sar.den) {
        o->pub_w = f->width;
        o->pub_h = f->height;
        o->pub_sar = sar;
        msess__mutex_lock(&o->lock);
        o->vid_w = f->width;
        o->vid_h = f->height;
        o->vid_sar = (msess_rational){ sar.num, sar.den };
        o->vid_known = o->vid_shown = true;
        msess__mutex_unlock(&o->lock);
    }
}

/* ---- software mode */

/* swscale's name for a window surface's format (SDL's packed formats and
 * FFmpeg's RGB32 family are both native-endian words). */
static enum AVPixelFormat surface_format(const SDL_Surface *surf)
{
    switch (surf->format->format) {
    case SDL_PIXELFORMAT_XRGB8888:
    case SDL_PIXELFORMAT_ARGB8888: return AV_PIX_FMT_RGB32;
    case SDL_PIXELFORMAT_XBGR8888:
    case SDL_PIXELFORMAT_ABGR8888: return AV_PIX_FMT_BGR32;
    case SDL_PIXELFORMAT_RGB565: return AV_PIX_FMT_RGB565;
    default: return AV_PIX_FMT_NONE;
    }
}

/* The window's surface as it is now: a resize replaces it, and with it the
 * software renderer drawing into the old one. */
static SDL_Surface *soft_surface(sdl_out *o)
{
    SDL_Surface *surf = SDL_GetWindowSurface(o->win);
    if (surf && surf == o->surf && surf->w == o->surf_w && surf->h == o->surf_h)
        return surf;
    if (o->tex)
        SDL_DestroyTexture(o->tex);
    if (o->ren)
        SDL_DestroyRenderer(o->ren);
    o->tex = NULL;
    o->ren = NULL;
    o->surf = surf;
    o->surf_w = surf ? surf->w : 0;
    o->surf_h = surf ? surf->h : 0;
    o->soft_dst = (SDL_Rect){ 0 };
    if (!surf && !o->warned) {
        log_warn("no window surface: %s", SDL_GetError());
        o->warned = true;
    }
    return surf;
}

static int sws_colorspace(const AVFrame *f)
{
    switch (f->colorspace) {
    case AVCOL_SPC_BT709: return SWS_CS_ITU709;
    case AVCOL_SPC_FCC: return SWS_CS_FCC;
    case AVCOL_SPC_SMPTE240M: return SWS_CS_SMPTE240M;
    case AVCOL_SPC_BT2020_NCL:
    case AVCOL_SPC_BT2020_CL: return SWS_CS_BT2020;
    case AVCOL_SPC_BT470BG:
    case AVCOL_SPC_SMPTE170M: return SWS_CS_ITU601;
    default: return f->height >= 720 ? SWS_CS_ITU709 : SWS_CS_ITU601; /* as SDL's automatic */
    }
}

/* A scaler from the frame to w x h of format out, with the frame's YUV
 * matrix and range. */
static struct SwsContext *get_scaler(struct SwsContext *sws, const AVFrame *f, int w, int h,
                                     enum AVPixelFormat out)
{
    /* Same size: swscale's unscaled SIMD converter; else bilinear. */
    sws = sws_getCachedContext(sws, f->width, f->height, f->format, w, h, out, SWS_BILINEAR,
                               NULL, NULL, NULL);
    if (!sws)
        return NULL;
    const AVPixFmtDescriptor *desc = av_pix_fmt_desc_get(f->format);
    bool yuv = desc && !(desc->flags & AV_PIX_FMT_FLAG_RGB) && desc->nb_components >= 3;
    if (yuv) {
        bool full = f->color_range == AVCOL_RANGE_JPEG || f->format == AV_PIX_FMT_YUVJ420P ||
                    f->format == AV_PIX_FMT_YUVJ422P || f->format == AV_PIX_FMT_YUVJ444P;
        const int *coef = sws_getCoefficients(sws_colorspace(f));
        int *cur, *tab, cur_full, dst_full, bri, con, sat;
        /* setting them rebuilds swscale's tables: only on a change */
        if (sws_getColorspaceDetails(sws, &cur, &cur_full, &tab, &dst_full, &bri, &con,
                                     &sat) < 0 || cur != coef || cur_full != full)
            sws_setColorspaceDetails(sws, coef, full, sws_getCoefficients(SWS_CS_DEFAULT), 1,
                                     0, 1 << 16, 1 << 16);
    }
    return sws;
}

/* The layout's part of the frame: the frame itself when it shows all of
 * it, else a cropped reference (o->crop, valid until the next call). */
static const AVFrame *shown_part(sdl_out *o, const AVFrame *f)
{
    if (whole_picture(&o->lay))
        return f;
    if (!o->crop && !(o->crop = av_frame_alloc()))
        return NULL;
    av_frame_unref(o->crop);
    if (av_frame_ref(o->crop, f) < 0)
        return NULL;
    SDL_Rect r = src_pixels(&o->lay, f->width, f->height, false);
    o->crop->crop_left = (size_t)r.x;
    o->crop->crop_top = (size_t)r.y;
    o->crop->crop_right = (size_t)(f->width - r.x - r.w);
    o->crop->crop_bottom = (size_t)(f->height - r.y - r.h);
    if (av_frame_apply_cropping(o->crop, AV_FRAME_CROP_UNALIGNED) < 0)
        return NULL;
    return o->crop;
}

/* Convert (and scale) the frame into the surface at dst: one pass, no
 * intermediate picture. */
static bool convert_into(sdl_out *o, SDL_Surface *surf, const AVFrame *f, SDL_Rect dst)
{
    enum AVPixelFormat out = surface_format(surf);
    if (out == AV_PIX_FMT_NONE || dst.w <= 0 || dst.h <= 0 || !(f = shown_part(o, f)))
        return false;
    if (!(o->sws = get_scaler(o->sws, f, dst.w, dst.h, out)))
        return false;
    int bpp = surf->format->BytesPerPixel;
    uint8_t *pix = (uint8_t *)surf->pixels + (ptrdiff_t)dst.y * surf->pitch + dst.x * bpp;
    /* swscale writes rows in whole steps of up to 16 pixels: a width off
     * that step would spill into the bars or past the surface's end, so
     * such pictures go through a padded buffer (one more copy). */
    bool direct = dst.w % 16 == 0;
    int row = dst.w * bpp, stride = FFALIGN(row, 64);
    if (!direct && (!o->pad || o->pad_size < (size_t)stride * dst.h)) {
        av_freep(&o->pad);
        o->pad_size = 0;
        if (!(o->pad = av_malloc((size_t)stride * dst.h)))
            return false;
        o->pad_size = (size_t)stride * dst.h;
    }
    uint8_t *const dst_data[4] = { direct ? pix : o->pad };
    const int dst_ls[4] = { direct ? surf->pitch : stride };
    if (SDL_MUSTLOCK(surf) && SDL_LockSurface(surf) < 0)
        return false;
    sws_scale(o->sws, (const uint8_t *const *)f->data, f->linesize, 0, f->height, dst_data, dst_ls);
    for (int y = 0; !direct && y < dst.h; y++)
        memcpy(pix + (ptrdiff_t)y * surf->pitch, o->pad + (ptrdiff_t)y * stride, (size_t)row);
    if (SDL_MUSTLOCK(surf))
        SDL_UnlockSurface(surf);
    return true;
}

static void draw_soft(sdl_out *o)
{
    SDL_Surface *surf = soft_surface(o);
    if (!surf)
        return;
    const AVFrame *f = o->have_frame ? o->last : NULL;
    uint32_t bc = o->lay.border_color;
    Uint32 border = SDL_MapRGB(surf->format, (Uint8)(bc >> 16), (Uint8)(bc >> 8), (Uint8)bc);
    if (!f) {
        SDL_FillRect(surf, NULL, border);
        SDL_UpdateWindowSurface(o->win);
        o->soft_dst = (SDL_Rect){ 0 };
        o->redraw = false;
        return;
    }
    SDL_Rect dst = layout(o, surf->w, surf->h);
    bool bars = !f || dst.x != o->soft_dst.x || dst.y != o->soft_dst.y ||
                dst.w != o->soft_dst.w || dst.h != o->soft_dst.h;
    /* swscale writes inside the surface only: a picture reaching past it
     * goes through the renderer below, which clips. */
    bool inside = dst.x >= 0 && dst.y >= 0 && dst.x + dst.w <= surf->w &&
                  dst.y + dst.h <= surf->h;
    if (f && inside && o->angle == 0 && o->flip == SDL_FLIP_NONE) {
        if (bars)
            SDL_FillRect(surf, NULL, border);
        if (convert_into(o, surf, f, dst)) {
            o->soft_dst = dst;
            /* Bars unchanged: only the picture goes to the display. */
            if (bars)
                SDL_UpdateWindowSurface(o->win);
            else
                SDL_UpdateWindowSurfaceRects(o->win, &dst, 1);
            o->out_w = surf->w;
            o->out_h = surf->h;
            o->redraw = false;
            return;
        }
    }
    /* Turned, flipped, or a surface swscale does not write: SDL's software
     * renderer draws into the surface. */
    o->soft_dst = (SDL_Rect){ 0 };
    if (!o->ren && !(o->ren = SDL_CreateSoftwareRenderer(surf))) {
        if (!o->warned)
            log_warn("cannot draw into the window: %s", SDL_GetError());
        o->warned = true;
        return;
    }
    bool ok = false;
    if (f) {
        Uint32 format = sdl_format(f->format);
        ok = format != SDL_PIXELFORMAT_UNKNOWN &&
             ensure_texture(o, format, f->width, f->height) >= 0 &&
             upload(o, f, &o->bottom_up) >= 0;
    }
    draw(o, ok);
    SDL_UpdateWindowSurface(o->win);
}

static void render_soft(msess_sink *s, const AVFrame *f)
{
    sdl_out *o = s->priv;
    av_frame_unref(o->last);
    if (av_frame_ref(o->last, f) < 0) {
        o->have_frame = false;
        return;
    }
    geometry(o, f, atomic_load(&s->port), false);
    o->have_frame = true;
    if (!o->shown)
        show_window(o);
    draw_soft(o);
}

/* Before the start: map the window, black, at the video's size, and warm
 * what the first frame needs (the surface, its first trip to the display,
 * the converter), so that the start shows it at once. */
static void preload(msess_sink *s, const AVFrame *f)
{
    sdl_out *o = s->priv;
    if (o->shown || f->width <= 0 || f->height <= 0 || (!o->ren && !o->soft))
        return;
    geometry(o, f, atomic_load(&s->port), false);
    show_window(o);
    if (!o->soft) {
        draw(o, o->have_frame);
        return;
    }
    SDL_Surface *surf = soft_surface(o);
    if (!surf)
        return;
    SDL_Rect dst = layout(o, surf->w, surf->h);
    if (o->angle == 0 && o->flip == SDL_FLIP_NONE && dst.x >= 0 && dst.y >= 0 &&
        dst.x + dst.w <= surf->w && dst.y + dst.h <= surf->h)
        convert_into(o, surf, f, dst);
    o->have_frame = false;
    draw_soft(o); /* black */
}

static void render(msess_sink *s, const AVFrame *f)
{
    sdl_out *o = s->priv;
    if (f->width <= 0 || f->height <= 0)
        return;
    if (o->soft) {
        render_soft(s, f);
        return;
    }
    if (!o->ren)
        return;
    Uint32 format = sdl_format(f->format);
    if (format == SDL_PIXELFORMAT_UNKNOWN) { /* negotiate keeps these out */
        if (!o->warned)
            log_warn("cannot show pixel format %s", av_get_pix_fmt_name(f->format));
        o->warned = true;
        return;
    }
    bool bottom_up;
    o->have_frame = false; /* until the texture holds this one */
    if (ensure_texture(o, format, f->width, f->height) < 0)
        return;
    if (upload(o, f, &bottom_up) < 0) {
        if (!o->warned)
            log_warn("texture upload failed: %s", SDL_GetError());
        o->warned = true;
        return;
    }
    geometry(o, f, atomic_load(&s->port), bottom_up);
    o->have_frame = true;
    /* A reference, no copy: what snapshots are made of. */
    av_frame_unref(o->last);
    if (av_frame_ref(o->last, f) < 0)
        av_frame_unref(o->last);
    if (!o->shown)
        show_window(o);
    draw(o, o->have_frame);
}

/* ---- presenter hooks */

static void release_window(sdl_out *o)
{
    if (o->tex)
        SDL_DestroyTexture(o->tex);
    if (o->ren)
        SDL_DestroyRenderer(o->ren);
    /* SDL destroys only what it created: a native window's wrapper goes,
     * the native window stays. The application's SDL window stays. */
    if (o->win && !o->app_window)
        SDL_DestroyWindow(o->win);
    o->tex = NULL;
    o->ren = NULL;
    o->win = NULL;
    o->have_frame = false;
    o->surf = NULL; /* the window's */
    av_frame_free(&o->last);
    av_frame_free(&o->crop);
    sws_freeContext(o->sws);
    o->sws = NULL;
    av_freep(&o->pad);
    o->pad_size = 0;
}

#if defined(_WIN32) && !defined(_WIN64)
#define GL_APICALL_ __stdcall
#else
#define GL_APICALL_
#endif
#define GL_RENDERER_ 0x1F01

/* Is this an OpenGL renderer drawing on the CPU (Mesa's llvmpipe on a
 * machine without GPU)? SDL counts it as accelerated, but it costs more
 * CPU than SDL's software renderer (1.4x to 1.8x for 1080p30 on Xvfb). */
static bool gl_on_cpu(SDL_Renderer *r)
{
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(r, &info) < 0 || SDL_strncmp(info.name, "opengl", 6))
        return false;
    typedef const unsigned char *(GL_APICALL_ *gl_get_string)(unsigned int);
    gl_get_string get = (gl_get_string)(uintptr_t)SDL_GL_GetProcAddress("glGetString");
    const char *name = get ? (const char *)get(GL_RENDERER_) : NULL;
    static const char *const cpu[] = { "llvmpipe", "softpipe", "SwiftShader",
                                       "Software Rasterizer", "GDI Generic" };
    for (size_t i = 0; name && i < MSESS__ARRAY_LEN(cpu); i++)
        if (SDL_strstr(name, cpu[i]))
            return true;
    return false;
}

/* No GPU for X11 or Wayland to draw with: no DRM device node (Mesa, and
 * the open drivers) and no NVIDIA one. Then any OpenGL is a CPU renderer,
 * and trying one (Mesa loads LLVM and compiles shaders) costs hundreds of
 * milliseconds and tens of megabytes for nothing. */
static bool surely_no_gpu(void)
{
#ifdef __linux__
    const char *drv = SDL_GetCurrentVideoDriver();
    if (!drv || (SDL_strcmp(drv, "x11") && SDL_strcmp(drv, "wayland")))
        return false;
    return access("/dev/dri", F_OK) != 0 && access("/dev/nvidiactl", F_OK) != 0;
#else
    return false;
#endif
}

/* The named driver, else the GPU's renderer, else SDL's software one. */
static SDL_Renderer *create_renderer(sdl_out *o)
{
    if (o->driver >= 0)
        return SDL_CreateRenderer(o->win, o->driver, 0);
    SDL_Renderer *r = surely_no_gpu() ? NULL : SDL_CreateRenderer(o->win, -1, SDL_RENDERER_ACCELERATED);
    if (r && !gl_on_cpu(r))
        return r;
    if (r)
        SDL_DestroyRenderer(r);
    /* Without a GPU, SDL would still present window surfaces through
     * OpenGL textures; the plain X11/GDI framebuffer halves the CPU
     * (measured at 1080p30 on Xvfb). Lowest priority: the application's or
     * the environment's setting wins. */
    SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0", SDL_HINT_DEFAULT);
    if (!o->app_window) {
        o->soft = true; /* no renderer: the window's surface */
        return NULL;
    }
    if ((r = SDL_CreateRenderer(o->win, -1, SDL_RENDERER_SOFTWARE)))
        return r;
    return SDL_CreateRenderer(o->win, -1, SDL_RENDERER_ACCELERATED);
}

/* Open the window (own, native or the application's) and what draws into it. */
static int open_window(sdl_out *o)
{
    o->shown = o->have_frame = o->redraw = o->warned = false;
    o->orient_port = NULL;
    if (o->app_window) {
        o->win = o->app_window;
    } else if (o->native_window) {
        o->win = SDL_CreateWindowFrom(o->native_window);
    } else {
        atomic_store(&o->fullscreen_dirty, false);
        Uint32 flags = SDL_WINDOW_HIDDEN | SDL_WINDOW_RESIZABLE;
        if (o->borderless)
            flags |= SDL_WINDOW_BORDERLESS;
        if (atomic_load(&o->want_fullscreen))
            flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        int x = o->x == -1 ? (int)SDL_WINDOWPOS_CENTERED : o->x;
        int y = o->y == -1 ? (int)SDL_WINDOWPOS_CENTERED : o->y;
        o->win = SDL_CreateWindow(o->title, x, y, o->width ? o->width : 640,
                                  o->height ? o->height : 360, flags);
    }
    if (!o->win) {
        log_err("cannot open a window: %s", SDL_GetError());
        return MSESS_EDEVICE;
    }
    /* Keys, not text: SDL starts text input by default, and the X input
     * method then swallows some key presses (space among them). */
    if (pumps_events(o))
        SDL_StopTextInput();
    o->soft = false;
    o->ren = create_renderer(o);
    if (!(o->last = av_frame_alloc())) {
        release_window(o);
        return MSESS_ENOMEM;
    }
    if (!o->ren && !o->soft) {
        log_err("cannot create a renderer: %s", SDL_GetError());
        release_window(o);
        return MSESS_EDEVICE;
    }
    SDL_RendererInfo info;
    if (o->ren && SDL_GetRendererInfo(o->ren, &info) == 0) {
        o->max_tex_w = info.max_texture_width;
        o->max_tex_h = info.max_texture_height;
    }
    return 0;
}

static int thread_init(msess_sink *s)
{
    sdl_out *o = s->priv;
    /* Requests made while no presenter ran apply now. */
    msess__mutex_lock(&o->lock);
    o->running = true;
    o->vid_shown = false;
    o->pub_w = o->pub_h = 0; /* the first frame publishes its size */
    o->lay = o->want_layout;
    atomic_store(&o->layout_dirty, false);
    if (atomic_exchange(&o->window_dirty, false))
        o->native_window = o->want_window;
    msess__mutex_unlock(&o->lock);
    return open_window(o);
}

static void thread_exit(msess_sink *s)
{
    sdl_out *o = s->priv;
    /* The frame shown stays for snapshots while no presenter runs. */
    msess__mutex_lock(&o->lock);
    o->running = false;
    if (o->last && o->last->buf[0]) {
        av_frame_free(&o->parked);
        o->parked = o->last;
        o->last = NULL;
        o->parked_w = o->out_w;
        o->parked_h = o->out_h;
    }
    msess__cond_broadcast(&o->snap_cond); /* a waiting snapshot takes the parked frame */
    msess__mutex_unlock(&o->lock);
    release_window(o);
    /* What the closed window left in the queue (its close, SDL_QUIT) must
     * not reach the next session's callback. */
    if (pumps_events(o)) {
        SDL_PumpEvents();
        SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);
    }
#if SDL_VERSION_ATLEAST(2, 0, 16)
    SDL_TLSCleanup(); /* SDL keeps per-thread data (its error) for threads it did not start */
#endif
}

static void apply_fullscreen(sdl_out *o)
{
    if (!atomic_exchange(&o->fullscreen_dirty, false))
        return;
    bool fs = atomic_load(&o->want_fullscreen);
    if (SDL_SetWindowFullscreen(o->win, fs ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) < 0)
        log_warn("cannot %s full screen: %s", fs ? "enter" : "leave", SDL_GetError());
    o->redraw = true;
}

/* Hand a reference to the frame shown to a waiting snapshot. */
static void serve_snapshot(sdl_out *o)
{
    if (!atomic_exchange(&o->snap_pending, false))
        return;
    msess__mutex_lock(&o->lock);
    av_frame_free(&o->snap_frame);
    if (o->last && o->last->buf[0]) {
        o->snap_frame = av_frame_clone(o->last);
        o->snap_out_w = o->out_w;
        o->snap_out_h = o->out_h;
    } else if (o->parked) { /* nothing shown since the last attach */
        o->snap_frame = av_frame_clone(o->parked);
        o->snap_out_w = o->parked_w;
        o->snap_out_h = o->parked_h;
    }
    o->snap_served = o->snap_asked;
    msess__cond_broadcast(&o->snap_cond);
    msess__mutex_unlock(&o->lock);
}

static void apply_layout(sdl_out *o)
{
    if (!atomic_exchange(&o->layout_dirty, false))
        return;
    msess__mutex_lock(&o->lock);
    o->lay = o->want_layout;
    msess__mutex_unlock(&o->lock);
    o->redraw = true;
    o->soft_dst = (SDL_Rect){ 0 }; /* repaint the bars too: their colour may have changed */
}

static void render(msess_sink *s, const AVFrame *f);

/* Move to the window set_window asked for, showing the frame shown. */
static void switch_window(msess_sink *s)
{
    sdl_out *o = s->priv;
    if (!atomic_exchange(&o->window_dirty, false))
        return;
    msess__mutex_lock(&o->lock);
    void *w = o->want_window;
    bool same = w == o->native_window && o->win;
    if (!same)
        o->native_window = w; /* written under the lock: set_fullscreen reads it */
    msess__mutex_unlock(&o->lock);
    if (same)
        return;
    AVFrame *keep = o->shown && o->last && o->last->buf[0] ? av_frame_clone(o->last) : NULL;
    release_window(o);
    if (pumps_events(o))
        SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT); /* the old window's */
    if (open_window(o) == 0 && keep)
        render(s, keep);
    av_frame_free(&keep);
}

static void idle(msess_sink *s)
{
    sdl_out *o = s->priv;
    serve_snapshot(o);
    switch_window(s);
    if (!o->ren && !o->soft)
        return;
    if (pumps_events(o))
        handle_events(o);
    if (!o->app_window && !o->native_window)
        apply_fullscreen(o);
    apply_layout(o);
    if (atomic_exchange(&o->repaint, false))
        o->redraw = true;
    /* Not every resize comes as an event (the application's window). */
    int w = 0, h = 0;
    if (o->soft)
        SDL_GetWindowSize(o->win, &w, &h);
    else
        SDL_GetRendererOutputSize(o->ren, &w, &h);
    if (o->shown && (o->redraw || w != o->out_w || h != o->out_h)) {
        if (o->soft)
            draw_soft(o);
        else
            draw(o, o->have_frame);
    }
}

static void destroy(msess_sink *s)
{
    sdl_out *o = s->priv;
    if (o->sdl_up)
        sdl_video_down();
    av_frame_free(&o->parked);
    av_frame_free(&o->snap_frame);
    msess__free(o->title);
    msess__cond_destroy(&o->snap_cond);
    msess__mutex_destroy(&o->lock);
}

static const msess__sink_ops sdl_ops = {
    .name = "sdl-video",
    .priv_size = sizeof(sdl_out),
    .negotiate = negotiate,
    .start = msess__presenter_start,
    .stop = msess__presenter_stop,
    .render = render,
    .thread_init = thread_init,
    .thread_exit = thread_exit,
    .idle = idle,
    .preload = preload,
    .destroy = destroy,
};

/* ---- public API */

void msess_video_output_default_settings(msess_video_output_settings *s)
{
    *s = (msess_video_output_settings){ .title = "msess", .x = -1, .y = -1 };
}

#define MAX_WINDOW_SIZE 16384

static int check_settings(const msess_video_output_settings *s)
{
    if (s->width < 0 || s->height < 0 || s->width > MAX_WINDOW_SIZE ||
        s->height > MAX_WINDOW_SIZE || (!s->width != !s->height))
        return MSESS_EINVAL;
    if (s->sdl_renderer) /* see the top of this file */
        return MSESS_EINVAL;
    if (s->sdl_window && s->native_window)
        return MSESS_EINVAL;
    if ((s->sdl_window || s->native_window) && s->fullscreen)
        return MSESS_EINVAL;
    return 0;
}

/* Index of a render driver by name, or -1 (listing the known ones). */
static int find_driver(const char *name)
{
    int n = SDL_GetNumRenderDrivers();
    for (int i = 0; i < n; i++) {
        SDL_RendererInfo info;
        if (SDL_GetRenderDriverInfo(i, &info) == 0 && !SDL_strcasecmp(info.name, name))
            return i;
    }
    char list[256] = "";
    for (int i = 0; i < n; i++) {
        SDL_RendererInfo info;
        if (SDL_GetRenderDriverInfo(i, &info) == 0) {
            SDL_strlcat(list, i ? ", " : "", sizeof(list));
            SDL_strlcat(list, info.name, sizeof(list));
        }
    }
    log_err("no SDL render driver \"%s\" (have: %s)", name, list);
    return -1;
}

int msess_video_output_create(msess_sink **out, const msess_video_output_settings *s)
{
    if (!out)
        return MSESS_EINVAL;
    *out = NULL;
    msess_video_output_settings def;
    if (!s) {
        msess_video_output_default_settings(&def);
        s = &def;
    }
    int ret = check_settings(s);
    if (ret < 0)
        return ret;
    msess_sink *sink;
    if ((ret = msess__sink_create(&sink, &sdl_ops, MSESS_MEDIA_VIDEO)) < 0)
        return ret;
    sdl_out *o = sink->priv;
    msess__mutex_init(&o->lock);
    msess__cond_init(&o->snap_cond);
    msess_video_output_default_layout(&o->want_layout);
    o->lay = o->want_layout;
    o->x = s->x;
    o->y = s->y;
    o->width = s->width;
    o->height = s->height;
    o->borderless = s->borderless;
    o->app_window = s->sdl_window;
    o->native_window = s->native_window;
    o->driver = -1;
    atomic_init(&o->want_fullscreen, s->fullscreen);
    atomic_init(&o->fullscreen_dirty, false);
    if (!(o->title = msess__strdup(s->title ? s->title : "msess"))) {
        msess_sink_destroy(&sink);
        return MSESS_ENOMEM;
    }
    if ((ret = sdl_video_up()) < 0) {
        msess_sink_destroy(&sink);
        return ret;
    }
    o->sdl_up = true;
    if (s->renderer && (o->driver = find_driver(s->renderer)) < 0) {
        msess_sink_destroy(&sink);
        return MSESS_EDEVICE;
    }
    sink->clocked = true;
    sink->poster = true;
    *out = sink;
    return 0;
}

int msess_video_output_set_fullscreen(msess_sink *sink, bool fullscreen)
{
    if (!sink || sink->ops != &sdl_ops)
        return MSESS_EINVAL;
    sdl_out *o = sink->priv;
    msess__mutex_lock(&o->lock);
    bool native = atomic_load(&o->window_dirty) ? o->want_window != NULL : o->native_window != NULL;
    msess__mutex_unlock(&o->lock);
    if (o->app_window || native)
        return MSESS_EUNSUPPORTED; /* the application's window */
    atomic_store(&o->want_fullscreen, fullscreen);
    atomic_store(&o->fullscreen_dirty, true);
    return 0;
}

void msess_video_output_set_event_callback(msess_sink *sink, msess_video_output_event_fn fn,
                                           void *userdata)
{
    if (!sink || sink->ops != &sdl_ops)
        return;
    sdl_out *o = sink->priv;
    msess__mutex_lock(&o->lock);
    o->event_fn = fn;
    o->event_userdata = userdata;
    msess__mutex_unlock(&o->lock);
}

static sdl_out *out_of(const msess_sink *sink)
{
    return sink && sink->ops == &sdl_ops ? sink->priv : NULL;
}

void msess_video_output_default_layout(msess_video_layout *l)
{
    *l = (msess_video_layout){ .src_left = 0.0f, .src_top = 0.0f, .src_right = 1.0f,
                               .src_bottom = 1.0f };
}

static bool layout_valid(const msess_video_layout *l)
{
    /* written so that NaNs fail */
    return l->src_left >= 0.0f && l->src_left < l->src_right && l->src_right <= 1.0f &&
           l->src_top >= 0.0f && l->src_top < l->src_bottom && l->src_bottom <= 1.0f &&
           l->dst_w >= 0 && l->dst_h >= 0 && l->dst_w <= MAX_WINDOW_SIZE &&
           l->dst_h <= MAX_WINDOW_SIZE && l->border_color <= 0xffffff;
}

int msess_video_output_set_layout(msess_sink *sink, const msess_video_layout *l)
{
    sdl_out *o = out_of(sink);
    if (!o || !l || !layout_valid(l))
        return MSESS_EINVAL;
    msess__mutex_lock(&o->lock);
    o->want_layout = *l;
    atomic_store(&o->layout_dirty, true);
    msess__mutex_unlock(&o->lock);
    return 0;
}

int msess_video_output_get_layout(const msess_sink *sink, msess_video_layout *l)
{
    sdl_out *o = out_of(sink);
    if (!o || !l)
        return MSESS_EINVAL;
    msess__mutex_lock(&o->lock);
    *l = o->want_layout;
    msess__mutex_unlock(&o->lock);
    return 0;
}

int msess_video_output_get_video_size(const msess_sink *sink, int *width, int *height,
                                      msess_rational *sar)
{
    sdl_out *o = out_of(sink);
    if (!o)
        return MSESS_EINVAL;
    msess__mutex_lock(&o->lock);
    bool known = o->vid_known;
    int w = o->vid_w, h = o->vid_h;
    msess_rational r = o->vid_sar;
    msess__mutex_unlock(&o->lock);
    if (!known)
        return MSESS_EAGAIN;
    if (r.num <= 0 || r.den <= 0)
        r = (msess_rational){ 1, 1 };
    if (width)
        *width = w;
    if (height)
        *height = h;
    if (sar)
        *sar = r;
    return 0;
}

int msess_video_output_repaint(msess_sink *sink)
{
    sdl_out *o = out_of(sink);
    if (!o)
        return MSESS_EINVAL;
    atomic_store(&o->repaint, true);
    return 0;
}

int msess_video_output_set_window(msess_sink *sink, void *native_window)
{
    sdl_out *o = out_of(sink);
    if (!o || o->app_window)
        return MSESS_EINVAL;
    msess__mutex_lock(&o->lock);
    o->want_window = native_window;
    atomic_store(&o->window_dirty, true);
    msess__mutex_unlock(&o->lock);
    return 0;
}

/* ---- snapshots (the caller's thread) */

static void fill_bgra(uint8_t *p, size_t pixels, uint32_t rgb)
{
    const uint8_t px[4] = { (uint8_t)rgb, (uint8_t)(rgb >> 8), (uint8_t)(rgb >> 16), 255 };
    for (size_t i = 0; i < pixels; i++)
        memcpy(p + i * 4, px, 4);
}

/* f scaled (cropped as the layout says) to pic.w x pic.h, copied into the
 * w x h image at pic's place, clipped. */
static int paint_picture(const AVFrame *f, const msess_video_layout *lay, SDL_Rect pic,
                         uint8_t *img, int w, int h)
{
    AVFrame *part = av_frame_clone(f);
    if (!part)
        return MSESS_ENOMEM;
    SDL_Rect c = src_pixels(lay, f->width, f->height, false);
    part->crop_left = (size_t)c.x;
    part->crop_top = (size_t)c.y;
    part->crop_right = (size_t)(f->width - c.x - c.w);
    part->crop_bottom = (size_t)(f->height - c.y - c.h);
    int ret = MSESS_ENOMEM;
    int stride = FFALIGN(pic.w * 4, 64);
    uint8_t *tmp = NULL;
    struct SwsContext *sws = NULL;
    if (av_frame_apply_cropping(part, AV_FRAME_CROP_UNALIGNED) < 0 ||
        !(sws = get_scaler(NULL, part, pic.w, pic.h, AV_PIX_FMT_BGRA)) ||
        !(tmp = av_malloc((size_t)stride * pic.h + 64)))
        goto done;
    uint8_t *const dst[4] = { tmp };
    const int dst_ls[4] = { stride };
    sws_scale(sws, (const uint8_t *const *)part->data, part->linesize, 0, part->height, dst,
              dst_ls);
    int x0 = MSESS__MAX(pic.x, 0), x1 = MSESS__MIN(pic.x + pic.w, w);
    for (int y = MSESS__MAX(pic.y, 0); y < MSESS__MIN(pic.y + pic.h, h) && x0 < x1; y++) {
        uint8_t *row = img + ((size_t)y * w + x0) * 4;
        memcpy(row, tmp + (size_t)(y - pic.y) * stride + (size_t)(x0 - pic.x) * 4,
               (size_t)(x1 - x0) * 4);
        for (int x = 0; x < x1 - x0; x++)
            row[x * 4 + 3] = 255;
    }
    ret = 0;
done:
    sws_freeContext(sws);
    av_free(tmp);
    av_frame_free(&part);
    return ret;
}

static int compose(const AVFrame *f, int out_w, int out_h, const msess_video_layout *lay,
                   msess_video_snapshot *out)
{
    AVRational sar = f->sample_aspect_ratio;
    if (sar.num <= 0 || sar.den <= 0)
        sar = (AVRational){ 1, 1 };
    double pic_w = (double)f->width * sar.num / sar.den;
    if (out_w <= 0 || out_h <= 0) { /* never drawn: the picture's display size */
        out_w = (int)lrint(pic_w);
        out_h = f->height;
    }
    SDL_Rect dst = dest_rect(lay, out_w, out_h);
    if (dst.w <= 0 || dst.h <= 0 || f->width <= 0 || f->height <= 0)
        return MSESS_EAGAIN;
    size_t size = (size_t)dst.w * dst.h * 4;
    uint8_t *img = msess__malloc(size);
    if (!img)
        return MSESS_ENOMEM;
    fill_bgra(img, (size_t)dst.w * dst.h, lay->border_color);
    SDL_Rect pic = place_in(lay, pic_w, f->height, false, (SDL_Rect){ 0, 0, dst.w, dst.h });
    int ret = paint_picture(f, lay, pic, img, dst.w, dst.h);
    if (ret < 0) {
        msess__free(img);
        return ret;
    }
    *out = (msess_video_snapshot){ .data = img, .width = dst.w, .height = dst.h,
                                   .stride = dst.w * 4, .pts = f->pts };
    return 0;
}

#define SNAPSHOT_WAIT (200 * MSESS_TIME_PER_MS)

/* A reference to the frame shown, and the output's size then. */
static AVFrame *shown_frame(msess_sink *sink, int *out_w, int *out_h)
{
    sdl_out *o = sink->priv;
    AVFrame *f = NULL;
    msess__mutex_lock(&o->lock);
    if (o->running) {
        uint64_t asked = ++o->snap_asked;
        atomic_store(&o->snap_pending, true);
        int64_t deadline = msess__now() + SNAPSHOT_WAIT;
        while (o->running && o->snap_served < asked)
            if (!msess__cond_wait_until(&o->snap_cond, &o->lock, deadline))
                break;
        if (o->snap_served >= asked && o->snap_frame) {
            f = av_frame_clone(o->snap_frame);
            *out_w = o->snap_out_w;
            *out_h = o->snap_out_h;
        }
    }
    if (!f && !o->running && o->parked) {
        f = av_frame_clone(o->parked);
        *out_w = o->parked_w;
        *out_h = o->parked_h;
    }
    msess__mutex_unlock(&o->lock);
    return f;
}

int msess_video_output_snapshot(msess_sink *sink, msess_video_snapshot *out)
{
    sdl_out *o = out_of(sink);
    if (!o || !out)
        return MSESS_EINVAL;
    *out = (msess_video_snapshot){ .pts = MSESS_TIME_NONE };
    if (sink->has_thread && pthread_equal(pthread_self(), sink->thread))
        return MSESS_EINVAL; /* the presenter would wait for itself */
    int out_w = 0, out_h = 0;
    AVFrame *f = shown_frame(sink, &out_w, &out_h);
    if (!f)
        return MSESS_EAGAIN;
    msess_video_layout lay;
    msess__mutex_lock(&o->lock);
    lay = o->want_layout;
    msess__mutex_unlock(&o->lock);
    int ret = compose(f, out_w, out_h, &lay, out);
    av_frame_free(&f);
    return ret;
}

void msess_video_snapshot_free(msess_video_snapshot *snap)
{
    if (!snap)
        return;
    msess__free(snap->data);
    snap->data = NULL;
}

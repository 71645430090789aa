/* xwin.h - a plain X11 window for tests that hand a native window to a
 * video output. libX11 is loaded at run time (dlopen), so tests build
 * without its headers; without it (or without a display) xwin_open fails
 * and the test skips. Header-only, C11. */
#ifndef MSESS_TESTS_XWIN_H
#define MSESS_TESTS_XWIN_H

#include <dlfcn.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct xwin {
    void *lib;
    void *dpy;             /* Display * */
    unsigned long id;      /* Window */
    int (*destroy)(void *dpy, unsigned long w);
    int (*close)(void *dpy);
    int (*sync)(void *dpy, int discard);
} xwin;

/* A mapped w x h window at (x, y) on $DISPLAY, black. */
static inline bool xwin_open(xwin *xw, int x, int y, int w, int h)
{
    *xw = (xwin){ 0 };
    xw->lib = dlopen("libX11.so.6", RTLD_NOW | RTLD_LOCAL);
    if (!xw->lib)
        return false;
    void *(*open_display)(const char *) = (void *(*)(const char *))dlsym(xw->lib, "XOpenDisplay");
    unsigned long (*root)(void *) = (unsigned long (*)(void *))dlsym(xw->lib, "XDefaultRootWindow");
    unsigned long (*create)(void *, unsigned long, int, int, unsigned, unsigned, unsigned,
                            unsigned long, unsigned long) =
        (unsigned long (*)(void *, unsigned long, int, int, unsigned, unsigned, unsigned,
                           unsigned long, unsigned long))dlsym(xw->lib, "XCreateSimpleWindow");
    int (*map)(void *, unsigned long) = (int (*)(void *, unsigned long))dlsym(xw->lib, "XMapWindow");
    xw->destroy = (int (*)(void *, unsigned long))dlsym(xw->lib, "XDestroyWindow");
    xw->close = (int (*)(void *))dlsym(xw->lib, "XCloseDisplay");
    xw->sync = (int (*)(void *, int))dlsym(xw->lib, "XSync");
    if (!open_display || !root || !create || !map || !xw->destroy || !xw->close || !xw->sync ||
        !(xw->dpy = open_display(NULL))) {
        dlclose(xw->lib);
        *xw = (xwin){ 0 };
        return false;
    }
    xw->id = create(xw->dpy, root(xw->dpy), x, y, (unsigned)w, (unsigned)h, 0, 0, 0);
    map(xw->dpy, xw->id);
    xw->sync(xw->dpy, 0);
    return xw->id != 0;
}

static inline void xwin_close(xwin *xw)
{
    if (!xw->lib)
        return;
    if (xw->dpy) {
        if (xw->id)
            xw->destroy(xw->dpy, xw->id);
        xw->sync(xw->dpy, 0);
        xw->close(xw->dpy);
    }
    dlclose(xw->lib);
    *xw = (xwin){ 0 };
}

#endif

/* screengrab.h - grab part of the X screen as RGB with ImageMagick's import
 * (what a video output really drew). Header-only, C11; uses POSIX popen:
 * define _POSIX_C_SOURCE 200809L before any include. */
#ifndef MSESS_TESTS_SCREENGRAB_H
#define MSESS_TESTS_SCREENGRAB_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "framecode.h"

static inline bool screengrab_available(void)
{
    return system("command -v import >/dev/null 2>&1") == 0;
}

/* Next number of a PPM header, after blanks and comments; -1 on error. */
static inline int screengrab_ppm_int_(FILE *f)
{
    int c, v = 0, digits = 0;
    while ((c = fgetc(f)) != EOF) {
        if (c == '#')
            while (c != EOF && c != '\n')
                c = fgetc(f);
        else if (c > ' ')
            break;
    }
    for (; c >= '0' && c <= '9'; c = fgetc(f), digits++)
        v = v * 10 + (c - '0');
    return digits ? v : -1;
}

/* w x h pixels at (x, y) of the root window, 3 bytes each (free() them);
 * NULL on failure. */
static inline uint8_t *screengrab(int x, int y, int w, int h)
{
    char cmd[256];
    snprintf(cmd, sizeof(cmd),
             "import -silent -window root -crop %dx%d+%d+%d +repage -depth 8 ppm:- 2>/dev/null",
             w, h, x, y);
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    uint8_t *rgb = NULL;
    if (fgetc(p) == 'P' && fgetc(p) == '6' && screengrab_ppm_int_(p) == w &&
        screengrab_ppm_int_(p) == h && screengrab_ppm_int_(p) == 255) {
        size_t n = (size_t)w * (size_t)h * 3;
        rgb = malloc(n);
        if (rgb && fread(rgb, 1, n, p) != n) {
            free(rgb);
            rgb = NULL;
        }
    }
    pclose(p);
    return rgb;
}

/* Frame number from the bar code of the rectangle (x, y, w, h) of a picture
 * with `bpp` bytes per pixel and `stride` bytes per row, read from its
 * first byte (a grey picture: any channel); -1 when unreadable. */
static inline int screengrab_number(const uint8_t *pix, int stride, int bpp, int x, int y, int w,
                                    int h)
{
    uint8_t *luma = malloc((size_t)w * (size_t)h);
    uint32_t n;
    if (!luma)
        return -1;
    for (int r = 0; r < h; r++)
        for (int c = 0; c < w; c++)
            luma[(size_t)r * w + c] = pix[(size_t)(y + r) * stride + (size_t)(x + c) * bpp];
    int ret = framecode_read(luma, w, w, h, &n);
    free(luma);
    return ret ? -1 : (int)n;
}

#endif

/* framecode.h - stamp a frame number into an 8-bit luma plane and read it
 * back. Header-only (static inline), C11, no dependencies.
 *
 * Layout of a stamped picture of W x H luma samples:
 *
 *   - Band: rows [0, H/6). Split into FRAMECODE_BITS (24) cells of equal
 *     width across the full picture width; cell k covers columns
 *     [k*W/24, (k+1)*W/24). Cell k holds bit (23 - k) of the number (MSB
 *     first): FRAMECODE_WHITE (235) for 1, FRAMECODE_BLACK (16) for 0.
 *   - The number in decimal as large 7-segment digits centred in the area
 *     below the band, for humans looking at screenshots.
 *   - Background elsewhere: FRAMECODE_GREY (80), or any other level with
 *     framecode_draw_bg() (e.g. white for A/V sync "flash" frames).
 *
 * Because every position is proportional to the picture size, a stamped
 * picture that was scaled (to any size, even with another aspect ratio) and
 * lossily compressed still reads back: framecode_read() averages the middle
 * of each cell (the centre half in both directions, away from the edges that
 * scaling and compression blur) and thresholds at 128. Each cell is checked
 * as four quadrants which must all agree and all be clearly away from the
 * threshold (margin 52: <= 76 is 0, >= 180 is 1); otherwise the band is
 * reported invalid. A plain grey (80) band or a misaligned band reads as
 * invalid; note that an all-black band is a valid code for 0.
 *
 * Video ranges: limited-range luma (16..235) as drawn here, or full range
 * (0..255) after conversion to a JPEG-range format, both read fine.
 */
#ifndef MSESS_TESTS_FRAMECODE_H
#define MSESS_TESTS_FRAMECODE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define FRAMECODE_BITS      24
#define FRAMECODE_MAX       ((uint32_t)0xFFFFFFu)
#define FRAMECODE_WHITE     235
#define FRAMECODE_BLACK     16
#define FRAMECODE_GREY      80
/* A cell quadrant reads as 0 when its average is <= 128 - MARGIN and as 1
 * when it is >= 128 + MARGIN; anything in between makes the band invalid. */
#define FRAMECODE_THRESHOLD 128
#define FRAMECODE_MARGIN    52

/* Height of the bar code band for a picture height. */
static inline int framecode_band_height(int height)
{
    return height / 6;
}

/* Fill the rectangle [x0, x1) x [y0, y1), clipped to the plane. */
static inline void framecode_fill_(uint8_t *y, int linesize, int width,
                                   int height, int x0, int y0, int x1, int y1,
                                   uint8_t value)
{
    if (x0 < 0)
        x0 = 0;
    if (y0 < 0)
        y0 = 0;
    if (x1 > width)
        x1 = width;
    if (y1 > height)
        y1 = height;
    if (x1 <= x0 || y1 <= y0)
        return;
    for (int r = y0; r < y1; r++)
        memset(y + (ptrdiff_t)r * linesize + x0, value, (size_t)(x1 - x0));
}

/* Segment masks of the digits 0-9; bit 0..6 = segments a..g:
 *    aaa
 *   f   b
 *    ggg
 *   e   c
 *    ddd                                                                 */
static inline unsigned framecode_segments_(unsigned digit)
{
    static const unsigned char masks[10] = {
        0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F,
    };
    return digit < 10 ? masks[digit] : 0;
}

/* One 7-segment digit with its top-left corner at (x, y0), dw x dh. */
static inline void framecode_digit_(uint8_t *y, int linesize, int width,
                                    int height, int x, int y0, int dw, int dh,
                                    unsigned digit, uint8_t value)
{
    unsigned m = framecode_segments_(digit);
    int t = dw / 4 > 0 ? dw / 4 : 1;   /* stroke thickness */
    int mid = y0 + dh / 2;

    if (m & 0x01) /* a */
        framecode_fill_(y, linesize, width, height, x, y0, x + dw, y0 + t, value);
    if (m & 0x02) /* b */
        framecode_fill_(y, linesize, width, height, x + dw - t, y0, x + dw,
                        mid + (t + 1) / 2, value);
    if (m & 0x04) /* c */
        framecode_fill_(y, linesize, width, height, x + dw - t, mid - t / 2,
                        x + dw, y0 + dh, value);
    if (m & 0x08) /* d */
        framecode_fill_(y, linesize, width, height, x, y0 + dh - t, x + dw,
                        y0 + dh, value);
    if (m & 0x10) /* e */
        framecode_fill_(y, linesize, width, height, x, mid - t / 2, x + t,
                        y0 + dh, value);
    if (m & 0x20) /* f */
        framecode_fill_(y, linesize, width, height, x, y0, x + t,
                        mid + (t + 1) / 2, value);
    if (m & 0x40) /* g */
        framecode_fill_(y, linesize, width, height, x, mid - t / 2, x + dw,
                        mid + (t + 1) / 2, value);
}

/* Draw the whole picture with the given background level. The digits are
 * white on dark backgrounds and black on light ones. Only the low 24 bits of
 * number are coded in the band; the digits show the same 24-bit value. */
static inline void framecode_draw_bg(uint8_t *y, int linesize, int width,
                                     int height, uint32_t number,
                                     uint8_t background)
{
    if (!y || width <= 0 || height <= 0)
        return;
    number &= FRAMECODE_MAX;

    framecode_fill_(y, linesize, width, height, 0, 0, width, height, background);

    /* (a) bar code band */
    int band = framecode_band_height(height);
    for (int k = 0; k < FRAMECODE_BITS; k++) {
        int x0 = (int)((int64_t)k * width / FRAMECODE_BITS);
        int x1 = (int)((int64_t)(k + 1) * width / FRAMECODE_BITS);
        unsigned bit = (number >> (FRAMECODE_BITS - 1 - k)) & 1u;
        framecode_fill_(y, linesize, width, height, x0, 0, x1, band,
                        bit ? FRAMECODE_WHITE : FRAMECODE_BLACK);
    }

    /* (b) decimal digits centred below the band */
    char text[12];
    int n = 0;
    {
        char rev[12];
        uint32_t v = number;
        do {
            rev[n++] = (char)('0' + v % 10);
            v /= 10;
        } while (v && n < (int)sizeof(rev));
        for (int i = 0; i < n; i++)
            text[i] = rev[n - 1 - i];
    }
    int area_top = band;
    int area_h = height - band;
    /* digit height at most 60% of the area, width = height/2, gap = width/2,
     * total width at most 90% of the picture */
    int dw = area_h * 6 / 10 / 2;
    int max_dw = (int)((int64_t)width * 9 / 10 * 2 / (3 * n - 1));
    if (dw > max_dw)
        dw = max_dw;
    if (dw < 3)
        return;
    int dh = 2 * dw;
    int gap = dw / 2;
    int total = n * dw + (n - 1) * gap;
    int x = (width - total) / 2;
    int top = area_top + (area_h - dh) / 2;
    uint8_t ink = background > FRAMECODE_THRESHOLD ? FRAMECODE_BLACK
                                                   : FRAMECODE_WHITE;
    for (int i = 0; i < n; i++) {
        framecode_digit_(y, linesize, width, height, x, top, dw, dh,
                         (unsigned)(text[i] - '0'), ink);
        x += dw + gap;
    }
}

/* Draw the picture on the default mid-grey background. */
static inline void framecode_draw(uint8_t *y, int linesize, int width,
                                  int height, uint32_t number)
{
    framecode_draw_bg(y, linesize, width, height, number, FRAMECODE_GREY);
}

/* Average of the rectangle [x0, x1) x [y0, y1) (non-empty, inside). */
static inline int framecode_avg_(const uint8_t *y, int linesize, int x0,
                                 int y0, int x1, int y1)
{
    uint64_t sum = 0;
    for (int r = y0; r < y1; r++) {
        const uint8_t *p = y + (ptrdiff_t)r * linesize;
        for (int c = x0; c < x1; c++)
            sum += p[c];
    }
    uint64_t count = (uint64_t)(x1 - x0) * (uint64_t)(y1 - y0);
    return (int)((sum + count / 2) / count);
}

/* Classify one average: 0, 1, or -1 when too close to the threshold. */
static inline int framecode_bit_(int avg)
{
    if (avg <= FRAMECODE_THRESHOLD - FRAMECODE_MARGIN)
        return 0;
    if (avg >= FRAMECODE_THRESHOLD + FRAMECODE_MARGIN)
        return 1;
    return -1;
}

/* Read the bar code of a picture stamped by framecode_draw(), possibly
 * scaled and compressed. Returns 0 and sets *number on success, -1 when the
 * picture is too small or the band does not look like a valid code. */
static inline int framecode_read(const uint8_t *y, int linesize, int width,
                                 int height, uint32_t *number)
{
    if (!y || width < FRAMECODE_BITS)
        return -1;
    int band = framecode_band_height(height);
    if (band < 2)
        return -1;

    /* vertical sample range: centre half of the band, split in two */
    int sy0 = band / 4;
    int sy1 = band - band / 4;
    if (sy1 <= sy0)
        sy1 = sy0 + 1;
    int my = (sy0 + sy1) / 2;
    int ty0 = sy0, ty1 = my, by0 = my, by1 = sy1;
    if (my == sy0) { /* one row: both halves use it */
        ty1 = sy1;
        by0 = sy0;
    }

    uint32_t v = 0;
    for (int k = 0; k < FRAMECODE_BITS; k++) {
        int x0 = (int)((int64_t)k * width / FRAMECODE_BITS);
        int x1 = (int)((int64_t)(k + 1) * width / FRAMECODE_BITS);
        int cw = x1 - x0;
        int sx0 = x0 + cw / 4;
        int sx1 = x1 - cw / 4;
        if (sx1 <= sx0)
            sx1 = sx0 + 1;
        int mx = (sx0 + sx1) / 2;
        int lx0 = sx0, lx1 = mx, rx0 = mx, rx1 = sx1;
        if (mx == sx0) {
            lx1 = sx1;
            rx0 = sx0;
        }
        int q[4] = {
            framecode_avg_(y, linesize, lx0, ty0, lx1, ty1),
            framecode_avg_(y, linesize, rx0, ty0, rx1, ty1),
            framecode_avg_(y, linesize, lx0, by0, lx1, by1),
            framecode_avg_(y, linesize, rx0, by0, rx1, by1),
        };
        int bit = framecode_bit_(q[0]);
        if (bit < 0)
            return -1;
        for (int i = 1; i < 4; i++)
            if (framecode_bit_(q[i]) != bit)
                return -1;
        v = (v << 1) | (uint32_t)bit;
    }
    if (number)
        *number = v;
    return 0;
}

#endif /* MSESS_TESTS_FRAMECODE_H */

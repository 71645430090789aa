/* msess version macros. meson reads the three numbers below for the
 * library's version, so they are the single source of truth. */
#ifndef MSESS_VERSION_H
#define MSESS_VERSION_H

#define MSESS_VERSION_MAJOR 0
#define MSESS_VERSION_MINOR 1
#define MSESS_VERSION_PATCH 0

#define MSESS_VERSION_INT(a, b, c) (((a) << 16) | ((b) << 8) | (c))
#define MSESS_VERSION \
    MSESS_VERSION_INT(MSESS_VERSION_MAJOR, MSESS_VERSION_MINOR, MSESS_VERSION_PATCH)

#endif

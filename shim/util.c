/* HRESULTs for msess errors, wide strings (UTF-16 on Windows, UTF-32 where
 * wchar_t is 32-bit) to and from UTF-8, and the shim's logger. */
#include <stdlib.h>
#include <string.h>

#include "shim.h"

#ifndef ERROR_FILE_NOT_FOUND
#define ERROR_FILE_NOT_FOUND 2L
#endif
#ifndef ERROR_TIMEOUT
#define ERROR_TIMEOUT 1460L
#endif
#ifndef ERROR_NOT_SUPPORTED
#define ERROR_NOT_SUPPORTED 50L
#endif

HRESULT shim_hr(int err)
{
    switch (err) {
    case MSESS_OK:                 return S_OK;
    case MSESS_EINVAL:             return E_INVALIDARG;
    case MSESS_ENOMEM:             return E_OUTOFMEMORY;
    case MSESS_ESTATE:             return MF_E_INVALIDREQUEST;
    case MSESS_ESHUTDOWN:          return MF_E_SHUTDOWN;
    case MSESS_ETIMEDOUT:          return HRESULT_FROM_WIN32(ERROR_TIMEOUT);
    case MSESS_EAGAIN:             return MF_E_NO_EVENTS_AVAILABLE;
    case MSESS_EOF:                return MF_E_END_OF_STREAM;
    case MSESS_ENOENT:             return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    case MSESS_EIO:                return MF_E_NET_READ;
    case MSESS_EUNSUPPORTED:       return MF_E_UNSUPPORTED_BYTESTREAM_TYPE;
    case MSESS_EINVALIDDATA:       return MF_E_INVALID_FILE_FORMAT;
    case MSESS_ECODEC:             return MF_E_TOPO_CODEC_NOT_FOUND;
    case MSESS_ETOPO_NO_SOURCE:    return MF_E_TOPO_MISSING_SOURCE;
    case MSESS_ETOPO_NO_STREAM:    return MF_E_TOPO_MISSING_STREAM_DESCRIPTOR;
    case MSESS_ETOPO_NOT_SELECTED: return MF_E_TOPO_STREAM_DESCRIPTOR_NOT_SELECTED;
    case MSESS_ETOPO_INVALID:      return MF_E_TOPO_UNSUPPORTED;
    case MSESS_ETOPO_UNSUPPORTED:  return MF_E_TOPO_UNSUPPORTED;
    case MSESS_ERATE:              return MF_E_UNSUPPORTED_RATE;
    case MSESS_ERATE_TRANSITION:   return MF_E_UNSUPPORTED_RATE_TRANSITION;
    case MSESS_EPOSITION:          return MF_E_INVALID_POSITION;
    case MSESS_ENOSYS:             return HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED);
    case MSESS_EDEVICE:            return MF_E_STREAMSINK_REMOVED;
    case MSESS_EBUSY:              return MF_E_MULTIPLE_SUBSCRIBERS;
    case MSESS_ENOTIMESOURCE:      return MF_E_CLOCK_NO_TIME_SOURCE;
    case MSESS_ECLOCKSTATE:        return MF_E_CLOCK_STATE_ALREADY_SET;
    default:                       return E_FAIL;
    }
}

size_t shim_wcslen(LPCWSTR s)
{
    size_t n = 0;
    if (s)
        while (s[n])
            n++;
    return n;
}

/* Next code point of a wide string; surrogate pairs joined when WCHAR is
 * 16-bit. Unpaired surrogates become U+FFFD. */
static uint32_t next_wide(LPCWSTR *p)
{
    uint32_t c = (uint32_t)**p;
    (*p)++;
    if (sizeof(WCHAR) == 2) {
        c &= 0xffff;
        if (c >= 0xd800 && c < 0xdc00) {
            uint32_t lo = (uint32_t)**p & 0xffff;
            if (lo >= 0xdc00 && lo < 0xe000) {
                (*p)++;
                return 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
            }
            return 0xfffd;
        }
        if (c >= 0xdc00 && c < 0xe000)
            return 0xfffd;
    }
    return c > 0x10ffff ? 0xfffd : c;
}

char *shim_wcs_to_utf8(LPCWSTR s)
{
    if (!s)
        return NULL;
    char *out = malloc(shim_wcslen(s) * 4 + 1);
    if (!out)
        return NULL;
    unsigned char *o = (unsigned char *)out;
    while (*s) {
        uint32_t c = next_wide(&s);
        if (c < 0x80) {
            *o++ = (unsigned char)c;
        } else if (c < 0x800) {
            *o++ = (unsigned char)(0xc0 | (c >> 6));
            *o++ = (unsigned char)(0x80 | (c & 0x3f));
        } else if (c < 0x10000) {
            *o++ = (unsigned char)(0xe0 | (c >> 12));
            *o++ = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
            *o++ = (unsigned char)(0x80 | (c & 0x3f));
        } else {
            *o++ = (unsigned char)(0xf0 | (c >> 18));
            *o++ = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
            *o++ = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
            *o++ = (unsigned char)(0x80 | (c & 0x3f));
        }
    }
    *o = 0;
    return out;
}

/* Next code point of a UTF-8 string; invalid bytes become U+FFFD. */
static uint32_t next_utf8(const unsigned char **p)
{
    const unsigned char *s = *p;
    uint32_t c = *s++;
    int more = c >= 0xf8 ? 0 : c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
    if (c >= 0x80 && !more) {
        *p = s;
        return 0xfffd;
    }
    if (more)
        c &= 0x3f >> more;
    for (int i = 0; i < more; i++) {
        if ((*s & 0xc0) != 0x80) {
            *p = s;
            return 0xfffd;
        }
        c = (c << 6) | (*s++ & 0x3f);
    }
    *p = s;
    return c > 0x10ffff ? 0xfffd : c;
}

LPWSTR shim_utf8_to_wcs(const char *s)
{
    if (!s)
        return NULL;
    /* at most one wide unit per byte, and two (a surrogate pair) per 4-byte
     * sequence: never more units than bytes */
    LPWSTR out = CoTaskMemAlloc((strlen(s) + 1) * sizeof(WCHAR));
    if (!out)
        return NULL;
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    while (*p) {
        uint32_t c = next_utf8(&p);
        if (sizeof(WCHAR) == 2 && c >= 0x10000) {
            c -= 0x10000;
            out[n++] = (WCHAR)(0xd800 + (c >> 10));
            out[n++] = (WCHAR)(0xdc00 + (c & 0x3ff));
        } else {
            out[n++] = (WCHAR)c;
        }
    }
    out[n] = 0;
    return out;
}

msess_logger shim_logger(void)
{
    static const struct { const char *name; enum msess_log_level level; } levels[] = {
        { "error", MSESS_LOG_ERROR }, { "warn", MSESS_LOG_WARN },
        { "info", MSESS_LOG_INFO },   { "debug", MSESS_LOG_DEBUG },
        { "trace", MSESS_LOG_TRACE },
    };
    msess_logger log = { .fn = NULL, .userdata = NULL, .level = MSESS_LOG_WARN };
    const char *env = getenv("MSESS_MF_LOG");
    for (size_t i = 0; env && i < sizeof(levels) / sizeof(levels[0]); i++) {
        if (!strcmp(env, levels[i].name)) {
            log.fn = msess_log_stderr;
            log.level = levels[i].level;
        }
    }
    return log;
}

/* What libmsess-mf exports beyond Media Foundation's own API. */
#ifndef MSESS_MF_H
#define MSESS_MF_H

#include <windows.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#  ifdef MSESS_MF_BUILDING
#    define MSESS_MF_API __declspec(dllexport)
#  else
#    define MSESS_MF_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__)
#  define MSESS_MF_API __attribute__((visibility("default")))
#else
#  define MSESS_MF_API
#endif

/* Number of the shim's COM objects alive now (sessions, topologies, events,
 * attribute stores, ...): tests check that it returns to its earlier value
 * once every object was released. */
MSESS_MF_API LONG WINAPI msess_mf_live_objects(void);

#ifdef __cplusplus
}
#endif

#endif

/* msess's Windows-compatible headers for Media Foundation clients.
 *
 * shim/include (installed as <includedir>/msess-mf, found with
 * `pkg-config --cflags msess-mf`) holds windows.h, unknwn.h, objbase.h,
 * initguid.h, propidl.h, propsys.h, propvarutil.h, mfobjects.h, mfapi.h,
 * mfidl.h, mferror.h and evr.h: the declarations a Media Foundation playback
 * client needs, with the Windows SDK's names, values, GUIDs, argument lists
 * and interface slot orders, so that such clients compile unchanged on
 * other systems and run over libmsess-mf (Media Foundation's client API
 * implemented with msess). They were written for msess; they are not the
 * SDK's headers and declare only the part of the SDK MF playback needs.
 * msess-mf-base.h is their common base (not an SDK header).
 *
 * Types have their Windows sizes (LONG, DWORD and ULONG are 32-bit, BOOL is
 * int, HRESULT is LONG). WCHAR is wchar_t, so L"..." literals work: it is
 * 32-bit (UTF-32) on Linux and other Unix systems and 16-bit (UTF-16) on
 * Windows; code must not assume either size.
 *
 * COM interfaces are C++ abstract structs in slot order, or in C (and with
 * CINTERFACE) structs with an lpVtbl; define COBJMACROS for the C macros
 * (IMFMediaSession_Start(p, ...)). __uuidof(IFoo), __uuidof(*p) and
 * IID_PPV_ARGS(&p) work with g++ and clang++. GUIDs are declared extern
 * and exported by libmsess-mf (as mfuuid.lib and uuid.lib do on Windows);
 * a file that includes <initguid.h> first defines them itself.
 *
 * min and max are macros in C only (NOMINMAX removes them): in C++ they
 * would break the standard library on these systems. */
#ifndef MSESS_MF_WINDOWS_H
#define MSESS_MF_WINDOWS_H

#include <msess-mf-base.h>

#ifndef WIN32_LEAN_AND_MEAN
#include <objbase.h>
#endif

#endif

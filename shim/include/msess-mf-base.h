/* Base of msess's Windows-compatible headers (see windows.h): the Windows
 * integer and string types with their Windows sizes, HRESULT and its macros,
 * calling conventions and export markers, GUIDs, the COM declaration macros,
 * and the few inline helpers (Interlocked*) MF clients use. Not an SDK
 * header: include <windows.h> instead. */
#ifndef MSESS_MF_BASE_H
#define MSESS_MF_BASE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

/* ------------------------------------------------------------ conventions */

#ifdef __cplusplus
#define EXTERN_C extern "C"
#define EXTERN_C_START extern "C" {
#define EXTERN_C_END }
#else
#define EXTERN_C extern
#define EXTERN_C_START
#define EXTERN_C_END
#endif

/* __stdcall exists only on 32-bit x86 Windows; everywhere else COM uses the
 * platform's C calling convention. */
#if defined(_WIN32) && !defined(_WIN64) && defined(__i386__)
#define MSESS_MF_STDCALL __stdcall
#else
#define MSESS_MF_STDCALL
#endif
#define WINAPI MSESS_MF_STDCALL
#define WINAPIV
#define APIENTRY WINAPI
#define CALLBACK MSESS_MF_STDCALL
#define STDMETHODCALLTYPE MSESS_MF_STDCALL
#define STDMETHODVCALLTYPE
#define STDAPICALLTYPE MSESS_MF_STDCALL
#define STDAPIVCALLTYPE

/* Functions the shim library exports. It is built with hidden visibility,
 * so its declarations must make them visible. */
#if defined(_WIN32)
#define DECLSPEC_IMPORT __declspec(dllimport)
#elif defined(__GNUC__)
#define DECLSPEC_IMPORT __attribute__((visibility("default")))
#else
#define DECLSPEC_IMPORT
#endif
#define DECLSPEC_NOVTABLE
#define DECLSPEC_NOTHROW
#if defined(_WIN32)
#define DECLSPEC_SELECTANY __declspec(selectany)
#elif defined(__GNUC__)
#define DECLSPEC_SELECTANY __attribute__((weak))
#else
#define DECLSPEC_SELECTANY
#endif
/* GUID objects are exported by the shim (as mfuuid.lib and uuid.lib
 * provide them on Windows). */
#if !defined(_WIN32) && defined(__GNUC__)
#define MSESS_MF_GUID_EXPORT __attribute__((visibility("default")))
#else
#define MSESS_MF_GUID_EXPORT
#endif
#ifndef FORCEINLINE
#define FORCEINLINE static inline
#endif

#define STDAPI EXTERN_C DECLSPEC_IMPORT HRESULT STDAPICALLTYPE
#define STDAPI_(type) EXTERN_C DECLSPEC_IMPORT type STDAPICALLTYPE
#define STDMETHODIMP HRESULT STDMETHODCALLTYPE
#define STDMETHODIMP_(type) type STDMETHODCALLTYPE
#define WINOLEAPI STDAPI
#define WINOLEAPI_(type) STDAPI_(type)
#define WINBASEAPI DECLSPEC_IMPORT

#define interface struct
#ifdef CONST_VTABLE
#define CONST_VTBL const
#else
#define CONST_VTBL
#endif
#define BEGIN_INTERFACE
#define END_INTERFACE

#if defined(__cplusplus) && !defined(CINTERFACE)
#define STDMETHOD(method) virtual HRESULT STDMETHODCALLTYPE method
#define STDMETHOD_(type, method) virtual type STDMETHODCALLTYPE method
#define PURE = 0
#define THIS_
#define THIS void
#define DECLARE_INTERFACE(iface) interface DECLSPEC_NOVTABLE iface
#define DECLARE_INTERFACE_(iface, base) interface DECLSPEC_NOVTABLE iface : public base
#else
#define STDMETHOD(method) HRESULT(STDMETHODCALLTYPE *method)
#define STDMETHOD_(type, method) type(STDMETHODCALLTYPE *method)
#define PURE
#define THIS_ INTERFACE *This,
#define THIS INTERFACE *This
#define DECLARE_INTERFACE(iface)            \
    typedef interface iface {               \
        const struct iface##Vtbl *lpVtbl;   \
    } iface;                                \
    typedef const struct iface##Vtbl iface##Vtbl; \
    const struct iface##Vtbl
#define DECLARE_INTERFACE_(iface, base) DECLARE_INTERFACE(iface)
#endif

#define UNREFERENCED_PARAMETER(p) (void)(p)

/* Marks the anonymous structs and unions of Windows types (standard C11,
 * an extension in C++) so that -Wpedantic accepts them. */
#if defined(__GNUC__)
#define MSESS_MF_ANONYMOUS __extension__
#else
#define MSESS_MF_ANONYMOUS
#endif

/* ------------------------------------------------------------------ types
 * Windows is LLP64: LONG and DWORD are 32-bit even where `long` is 64-bit,
 * so they are spelled with int here. WCHAR is the platform's wchar_t so
 * that L"..." literals work: 32-bit UTF-32 on Linux, 16-bit UTF-16 on
 * Windows. Code must not assume sizeof(WCHAR) == 2. */

#define VOID void
typedef char CHAR;
typedef unsigned char UCHAR;
typedef unsigned char BYTE;
typedef unsigned char BOOLEAN;
typedef short SHORT;
typedef unsigned short USHORT;
typedef unsigned short WORD;
typedef int INT;
typedef unsigned int UINT;
typedef int LONG;
typedef unsigned int ULONG;
typedef unsigned int DWORD;
typedef int BOOL;
typedef long long LONGLONG;
typedef unsigned long long ULONGLONG;
typedef unsigned long long DWORDLONG;
typedef unsigned long long QWORD;
typedef signed char INT8;
typedef unsigned char UINT8;
typedef short INT16;
typedef unsigned short UINT16;
typedef int INT32;
typedef unsigned int UINT32;
typedef long long INT64;
typedef unsigned long long UINT64;
typedef int LONG32;
typedef unsigned int ULONG32;
typedef unsigned int DWORD32;
typedef long long LONG64;
typedef unsigned long long ULONG64;
typedef unsigned long long DWORD64;
typedef float FLOAT;
typedef double DOUBLE;
typedef intptr_t INT_PTR;
typedef uintptr_t UINT_PTR;
typedef intptr_t LONG_PTR;
typedef uintptr_t ULONG_PTR;
typedef uintptr_t DWORD_PTR;
typedef ULONG_PTR SIZE_T;
typedef LONG_PTR SSIZE_T;
typedef LONG HRESULT;
typedef LONG SCODE;

typedef wchar_t WCHAR;
typedef WCHAR *LPWSTR, *PWSTR, *NWPSTR;
typedef const WCHAR *LPCWSTR, *PCWSTR;
typedef CHAR *LPSTR, *PSTR;
typedef const CHAR *LPCSTR, *PCSTR;
typedef WCHAR OLECHAR;
typedef OLECHAR *LPOLESTR;
typedef const OLECHAR *LPCOLESTR;
typedef OLECHAR *BSTR;

typedef void *LPVOID, *PVOID;
typedef const void *LPCVOID, *PCVOID;
typedef BYTE *PBYTE, *LPBYTE;
typedef WORD *PWORD, *LPWORD;
typedef DWORD *PDWORD, *LPDWORD;
typedef LONG *PLONG, *LPLONG;
typedef ULONG *PULONG;
typedef INT *PINT, *LPINT;
typedef UINT *PUINT;
typedef BOOL *PBOOL, *LPBOOL;
typedef FLOAT *PFLOAT;
typedef LONGLONG *PLONGLONG;
typedef ULONGLONG *PULONGLONG;
typedef UINT32 *PUINT32;
typedef UINT64 *PUINT64;
typedef HRESULT *PHRESULT;

typedef void *HANDLE;
typedef HANDLE *PHANDLE, *LPHANDLE;
#define MSESS_MF_HANDLE(name) typedef struct name##__ *name
MSESS_MF_HANDLE(HWND);
MSESS_MF_HANDLE(HINSTANCE);
MSESS_MF_HANDLE(HDC);
MSESS_MF_HANDLE(HMONITOR);
MSESS_MF_HANDLE(HICON);
MSESS_MF_HANDLE(HKEY);
MSESS_MF_HANDLE(HBITMAP);
MSESS_MF_HANDLE(HBRUSH);
MSESS_MF_HANDLE(HMENU);
#undef MSESS_MF_HANDLE
typedef HINSTANCE HMODULE;
typedef HICON HCURSOR;
typedef DWORD COLORREF;
typedef DWORD *LPCOLORREF;
typedef UINT_PTR WPARAM;
typedef LONG_PTR LPARAM;
typedef LONG_PTR LRESULT;

#ifndef FALSE
#define FALSE 0
#endif
#ifndef TRUE
#define TRUE 1
#endif
#ifndef NULL
#ifdef __cplusplus
#define NULL 0
#else
#define NULL ((void *)0)
#endif
#endif
#define INFINITE 0xFFFFFFFF
#define MAXDWORD 0xffffffff
#define MAXLONG 0x7fffffff
#define MAXLONGLONG 0x7fffffffffffffffLL
#define MAXULONGLONG 0xffffffffffffffffULL

typedef struct tagRECT {
    LONG left;
    LONG top;
    LONG right;
    LONG bottom;
} RECT, *PRECT, *NPRECT, *LPRECT;
typedef const RECT *LPCRECT;

typedef struct tagPOINT {
    LONG x;
    LONG y;
} POINT, *PPOINT, *NPPOINT, *LPPOINT;

typedef struct tagSIZE {
    LONG cx;
    LONG cy;
} SIZE, *PSIZE, *LPSIZE;

typedef union _LARGE_INTEGER {
    MSESS_MF_ANONYMOUS struct {
        DWORD LowPart;
        LONG HighPart;
    };
    struct {
        DWORD LowPart;
        LONG HighPart;
    } u;
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
    MSESS_MF_ANONYMOUS struct {
        DWORD LowPart;
        DWORD HighPart;
    };
    struct {
        DWORD LowPart;
        DWORD HighPart;
    } u;
    ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

typedef struct _FILETIME {
    DWORD dwLowDateTime;
    DWORD dwHighDateTime;
} FILETIME, *PFILETIME, *LPFILETIME;

typedef struct _OVERLAPPED {
    ULONG_PTR Internal;
    ULONG_PTR InternalHigh;
    MSESS_MF_ANONYMOUS union {
        MSESS_MF_ANONYMOUS struct {
            DWORD Offset;
            DWORD OffsetHigh;
        };
        PVOID Pointer;
    };
    HANDLE hEvent;
} OVERLAPPED, *LPOVERLAPPED;

typedef struct tagBITMAPINFOHEADER {
    DWORD biSize;
    LONG biWidth;
    LONG biHeight;
    WORD biPlanes;
    WORD biBitCount;
    DWORD biCompression;
    DWORD biSizeImage;
    LONG biXPelsPerMeter;
    LONG biYPelsPerMeter;
    DWORD biClrUsed;
    DWORD biClrImportant;
} BITMAPINFOHEADER, *LPBITMAPINFOHEADER, *PBITMAPINFOHEADER;
#define BI_RGB 0
#define BI_RLE8 1
#define BI_RLE4 2
#define BI_BITFIELDS 3
#define BI_JPEG 4
#define BI_PNG 5

/* ----------------------------------------------------------------- macros */

#define MAKEWORD(lo, hi) ((WORD)(((BYTE)((DWORD_PTR)(lo) & 0xff)) | \
                                 ((WORD)((BYTE)((DWORD_PTR)(hi) & 0xff))) << 8))
#define MAKELONG(lo, hi) ((LONG)(((WORD)((DWORD_PTR)(lo) & 0xffff)) | \
                                 ((DWORD)((WORD)((DWORD_PTR)(hi) & 0xffff))) << 16))
#define LOWORD(l) ((WORD)((DWORD_PTR)(l) & 0xffff))
#define HIWORD(l) ((WORD)((DWORD_PTR)(l) >> 16))
#define LOBYTE(w) ((BYTE)((DWORD_PTR)(w) & 0xff))
#define HIBYTE(w) ((BYTE)((DWORD_PTR)(w) >> 8))
#define RGB(r, g, b) ((COLORREF)(((BYTE)(r) | ((WORD)((BYTE)(g)) << 8)) | \
                                 (((DWORD)(BYTE)(b)) << 16)))
#define GetRValue(rgb) (LOBYTE(rgb))
#define GetGValue(rgb) (LOBYTE(((WORD)(rgb)) >> 8))
#define GetBValue(rgb) (LOBYTE((rgb) >> 16))
#define MAKEFOURCC(a, b, c, d) ((DWORD)(BYTE)(a) | ((DWORD)(BYTE)(b) << 8) | \
                                ((DWORD)(BYTE)(c) << 16) | ((DWORD)(BYTE)(d) << 24))
#define ARRAYSIZE(a) (sizeof(a) / sizeof((a)[0]))
#define _countof(a) (sizeof(a) / sizeof((a)[0]))

#define ZeroMemory(dst, len) memset((dst), 0, (len))
#define FillMemory(dst, len, fill) memset((dst), (fill), (len))
#define CopyMemory(dst, src, len) memcpy((dst), (src), (len))
#define MoveMemory(dst, src, len) memmove((dst), (src), (len))
#define SecureZeroMemory(dst, len) memset((dst), 0, (len))

/* windef.h's min and max, in C only: as macros they would break the C++
 * standard library on these systems (std::min, numeric_limits::max). */
#if !defined(NOMINMAX) && !defined(__cplusplus)
#ifndef min
#define min(a, b) (((a) < (b)) ? (a) : (b))
#endif
#ifndef max
#define max(a, b) (((a) > (b)) ? (a) : (b))
#endif
#endif

/* --------------------------------------------------------------- HRESULTs */

#define _HRESULT_TYPEDEF_(hr) ((HRESULT)(hr))
#define SUCCEEDED(hr) (((HRESULT)(hr)) >= 0)
#define FAILED(hr) (((HRESULT)(hr)) < 0)
#define IS_ERROR(hr) ((unsigned long)(hr) >> 31 == 1)
#define HRESULT_CODE(hr) ((hr) & 0xFFFF)
#define HRESULT_FACILITY(hr) (((hr) >> 16) & 0x1fff)
#define HRESULT_SEVERITY(hr) (((hr) >> 31) & 0x1)
#define SCODE_CODE(sc) ((sc) & 0xFFFF)
#define SEVERITY_SUCCESS 0
#define SEVERITY_ERROR 1
#define MAKE_HRESULT(sev, fac, code) \
    ((HRESULT)(((unsigned int)(sev) << 31) | ((unsigned int)(fac) << 16) | ((unsigned int)(code))))
#define MAKE_SCODE(sev, fac, code) MAKE_HRESULT(sev, fac, code)
#define FACILITY_NULL 0
#define FACILITY_RPC 1
#define FACILITY_DISPATCH 2
#define FACILITY_STORAGE 3
#define FACILITY_ITF 4
#define FACILITY_WIN32 7
#define FACILITY_WINDOWS 8
#define HRESULT_FROM_WIN32(x) \
    ((HRESULT)(x) <= 0 ? ((HRESULT)(x)) \
                       : ((HRESULT)(((x) & 0x0000FFFF) | (FACILITY_WIN32 << 16) | 0x80000000)))

#define S_OK ((HRESULT)0)
#define S_FALSE ((HRESULT)1)
#define NOERROR 0
#define E_UNEXPECTED _HRESULT_TYPEDEF_(0x8000FFFF)
#define E_NOTIMPL _HRESULT_TYPEDEF_(0x80004001)
#define E_OUTOFMEMORY _HRESULT_TYPEDEF_(0x8007000E)
#define E_INVALIDARG _HRESULT_TYPEDEF_(0x80070057)
#define E_NOINTERFACE _HRESULT_TYPEDEF_(0x80004002)
#define E_POINTER _HRESULT_TYPEDEF_(0x80004003)
#define E_HANDLE _HRESULT_TYPEDEF_(0x80070006)
#define E_ABORT _HRESULT_TYPEDEF_(0x80004004)
#define E_FAIL _HRESULT_TYPEDEF_(0x80004005)
#define E_ACCESSDENIED _HRESULT_TYPEDEF_(0x80070005)
#define E_PENDING _HRESULT_TYPEDEF_(0x8000000A)
#define E_BOUNDS _HRESULT_TYPEDEF_(0x8000000B)
#define E_NOT_SET HRESULT_FROM_WIN32(ERROR_NOT_FOUND)
#define E_NOT_SUFFICIENT_BUFFER HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER)
#define CO_E_NOTINITIALIZED _HRESULT_TYPEDEF_(0x800401F0)
#define CO_E_ALREADYINITIALIZED _HRESULT_TYPEDEF_(0x800401F1)
#define CLASS_E_NOAGGREGATION _HRESULT_TYPEDEF_(0x80040110)
#define CLASS_E_CLASSNOTAVAILABLE _HRESULT_TYPEDEF_(0x80040111)
#define REGDB_E_CLASSNOTREG _HRESULT_TYPEDEF_(0x80040154)
#define RPC_E_CHANGED_MODE _HRESULT_TYPEDEF_(0x80010106)
#define DISP_E_BADVARTYPE _HRESULT_TYPEDEF_(0x80020008)
#define DISP_E_OVERFLOW _HRESULT_TYPEDEF_(0x8002000A)
#define DISP_E_TYPEMISMATCH _HRESULT_TYPEDEF_(0x80020005)
#define TYPE_E_TYPEMISMATCH _HRESULT_TYPEDEF_(0x80028CA0)
#define STG_E_INVALIDPARAMETER _HRESULT_TYPEDEF_(0x80030057)

/* Win32 error codes MF clients meet inside HRESULT_FROM_WIN32. */
#define ERROR_SUCCESS 0
#define NO_ERROR 0
#define ERROR_INVALID_FUNCTION 1
#define ERROR_FILE_NOT_FOUND 2
#define ERROR_PATH_NOT_FOUND 3
#define ERROR_TOO_MANY_OPEN_FILES 4
#define ERROR_ACCESS_DENIED 5
#define ERROR_INVALID_HANDLE 6
#define ERROR_NOT_ENOUGH_MEMORY 8
#define ERROR_BAD_FORMAT 11
#define ERROR_INVALID_ACCESS 12
#define ERROR_INVALID_DATA 13
#define ERROR_OUTOFMEMORY 14
#define ERROR_NOT_READY 21
#define ERROR_BAD_COMMAND 22
#define ERROR_CRC 23
#define ERROR_BAD_LENGTH 24
#define ERROR_SEEK 25
#define ERROR_WRITE_FAULT 29
#define ERROR_READ_FAULT 30
#define ERROR_GEN_FAILURE 31
#define ERROR_SHARING_VIOLATION 32
#define ERROR_LOCK_VIOLATION 33
#define ERROR_HANDLE_EOF 38
#define ERROR_NOT_SUPPORTED 50
#define ERROR_BAD_NETPATH 53
#define ERROR_DEV_NOT_EXIST 55
#define ERROR_UNEXP_NET_ERR 59
#define ERROR_NETNAME_DELETED 64
#define ERROR_NETWORK_ACCESS_DENIED 65
#define ERROR_BAD_NET_NAME 67
#define ERROR_FILE_EXISTS 80
#define ERROR_INVALID_PARAMETER 87
#define ERROR_BROKEN_PIPE 109
#define ERROR_OPEN_FAILED 110
#define ERROR_DISK_FULL 112
#define ERROR_CALL_NOT_IMPLEMENTED 120
#define ERROR_SEM_TIMEOUT 121
#define ERROR_INSUFFICIENT_BUFFER 122
#define ERROR_INVALID_NAME 123
#define ERROR_MOD_NOT_FOUND 126
#define ERROR_PROC_NOT_FOUND 127
#define ERROR_DIR_NOT_EMPTY 145
#define ERROR_BAD_PATHNAME 161
#define ERROR_BUSY 170
#define ERROR_ALREADY_EXISTS 183
#define ERROR_BAD_EXE_FORMAT 193
#define ERROR_FILENAME_EXCED_RANGE 206
#define ERROR_PIPE_BUSY 231
#define ERROR_NO_DATA 232
#define ERROR_MORE_DATA 234
#define WAIT_TIMEOUT 258
#define ERROR_NO_MORE_ITEMS 259
#define ERROR_DIRECTORY 267
#define ERROR_INVALID_ADDRESS 487
#define ERROR_ARITHMETIC_OVERFLOW 534
#define ERROR_OPERATION_ABORTED 995
#define ERROR_IO_INCOMPLETE 996
#define ERROR_IO_PENDING 997
#define ERROR_NOACCESS 998
#define ERROR_INVALID_FLAGS 1004
#define ERROR_NOT_FOUND 1168
#define ERROR_CANCELLED 1223
#define ERROR_CONNECTION_REFUSED 1225
#define ERROR_NETWORK_UNREACHABLE 1231
#define ERROR_HOST_UNREACHABLE 1232
#define ERROR_CONNECTION_ABORTED 1236
#define ERROR_NO_SYSTEM_RESOURCES 1450
#define ERROR_TIMEOUT 1460
#define ERROR_DEVICE_REMOVED 1617
#define ERROR_UNSUPPORTED_TYPE 1630
#define ERROR_UNRECOGNIZED_MEDIA 1785
#define ERROR_DEVICE_NOT_AVAILABLE 4319
#define ERROR_INVALID_STATE 5023
#define ERROR_INTERNET_TIMEOUT 12002
#define ERROR_INTERNET_INVALID_URL 12005
#define ERROR_INTERNET_NAME_NOT_RESOLVED 12007
#define ERROR_INTERNET_CANNOT_CONNECT 12029

/* ----------------------------------------------------------------- atomics
 * winnt.h's interlocked operations (full barriers), for reference counts. */
#if defined(__GNUC__) || defined(__clang__)
static inline LONG InterlockedIncrement(LONG volatile *p)
{
    return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedDecrement(LONG volatile *p)
{
    return __atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedExchange(LONG volatile *p, LONG value)
{
    return __atomic_exchange_n(p, value, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedExchangeAdd(LONG volatile *p, LONG value)
{
    return __atomic_fetch_add(p, value, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedCompareExchange(LONG volatile *p, LONG exchange, LONG comparand)
{
    __atomic_compare_exchange_n(p, &comparand, exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return comparand;
}
static inline LONGLONG InterlockedIncrement64(LONGLONG volatile *p)
{
    return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST);
}
static inline LONGLONG InterlockedDecrement64(LONGLONG volatile *p)
{
    return __atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST);
}
static inline LONGLONG InterlockedCompareExchange64(LONGLONG volatile *p, LONGLONG exchange,
                                                    LONGLONG comparand)
{
    __atomic_compare_exchange_n(p, &comparand, exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return comparand;
}
static inline PVOID InterlockedExchangePointer(PVOID volatile *p, PVOID value)
{
    return __atomic_exchange_n(p, value, __ATOMIC_SEQ_CST);
}
static inline PVOID InterlockedCompareExchangePointer(PVOID volatile *p, PVOID exchange,
                                                      PVOID comparand)
{
    __atomic_compare_exchange_n(p, &comparand, exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return comparand;
}
#endif

/* ------------------------------------------------------------------ GUIDs */

typedef struct _GUID {
    UINT32 Data1;
    UINT16 Data2;
    UINT16 Data3;
    UINT8 Data4[8];
} GUID;
typedef GUID IID;
typedef GUID CLSID;
typedef GUID FMTID;
typedef GUID *LPGUID;
typedef IID *LPIID;
typedef CLSID *LPCLSID;
typedef FMTID *LPFMTID;
typedef const GUID *LPCGUID;
#ifdef __cplusplus
#define REFGUID const GUID &
#define REFIID const IID &
#define REFCLSID const CLSID &
#define REFFMTID const FMTID &
#else
#define REFGUID const GUID *
#define REFIID const IID *
#define REFCLSID const CLSID *
#define REFFMTID const FMTID *
#endif

#ifdef __cplusplus
extern "C++" {
static inline int InlineIsEqualGUID(REFGUID a, REFGUID b)
{
    return memcmp(&a, &b, sizeof(GUID)) == 0;
}
static inline int IsEqualGUID(REFGUID a, REFGUID b)
{
    return memcmp(&a, &b, sizeof(GUID)) == 0;
}
static inline bool operator==(REFGUID a, REFGUID b)
{
    return IsEqualGUID(a, b) != 0;
}
static inline bool operator!=(REFGUID a, REFGUID b)
{
    return !(a == b);
}
}
#else
#define InlineIsEqualGUID(a, b) (memcmp((a), (b), sizeof(GUID)) == 0)
#define IsEqualGUID(a, b) (memcmp((a), (b), sizeof(GUID)) == 0)
#endif
#define IsEqualIID(a, b) IsEqualGUID(a, b)
#define IsEqualCLSID(a, b) IsEqualGUID(a, b)
#define InlineIsEqualIID(a, b) InlineIsEqualGUID(a, b)

/* __uuidof for compilers that lack it: a template specialised for every
 * interface by MSESS_MF_UUIDOF. Where the compiler has __declspec(uuid)
 * (MSVC, clang -fms-extensions) its own __uuidof serves. */
#if defined(__cplusplus) && defined(_MSC_VER)
#define MSESS_MF_NATIVE_UUIDOF 1
#elif defined(__cplusplus) && defined(__clang__) && defined(_NATIVE_WCHAR_T_DEFINED)
/* clang -fms-extensions (which alone defines _NATIVE_WCHAR_T_DEFINED here;
 * -fdeclspec parses __declspec(uuid) but ignores it). */
#define MSESS_MF_NATIVE_UUIDOF 1
#endif

#ifdef __cplusplus
#ifdef MSESS_MF_NATIVE_UUIDOF
#define DECLSPEC_UUID(x) __declspec(uuid(x))
#define MSESS_MF_INTERFACE(name, iid) struct __declspec(uuid(iid)) name
#define MSESS_MF_UUIDOF(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)
#else
#define DECLSPEC_UUID(x)
#define MSESS_MF_INTERFACE(name, iid) struct name
extern "C++" {
template <typename T> struct msess_mf_uuid;
template <typename T> struct msess_mf_uuid<const T> : msess_mf_uuid<T> {};
template <typename T> struct msess_mf_uuid<volatile T> : msess_mf_uuid<T> {};
template <typename T> struct msess_mf_uuid<const volatile T> : msess_mf_uuid<T> {};
template <typename T> struct msess_mf_uuid<T *> : msess_mf_uuid<T> {};
template <typename T> struct msess_mf_uuid<T &> : msess_mf_uuid<T> {};
}
#define MSESS_MF_UUIDOF(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)          \
    extern "C++" {                                                                \
    template <> struct msess_mf_uuid<name> {                                      \
        static const GUID &iid()                                                  \
        {                                                                         \
            static const GUID value = {l, w1, w2, {b1, b2, b3, b4, b5, b6, b7, b8}}; \
            return value;                                                         \
        }                                                                         \
    };                                                                            \
    }
#ifndef __uuidof
#define __uuidof(x) (::msess_mf_uuid<__typeof__(x)>::iid())
#endif
#endif
#define MIDL_INTERFACE(x) struct DECLSPEC_UUID(x) DECLSPEC_NOVTABLE
#else
#define DECLSPEC_UUID(x)
#define MIDL_INTERFACE(x) struct
#endif

#endif /* MSESS_MF_BASE_H */

/* DEFINE_GUID declares `extern const GUID name` unless INITGUID is defined
 * (by <initguid.h>), in which case it defines it. Outside the include guard
 * so that <initguid.h> can switch it. Definitions are weak, like the SDK's
 * selectany ones, so several files may include <initguid.h>. */
#undef DEFINE_GUID
#if defined(INITGUID) && defined(__cplusplus)
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
    extern "C" MSESS_MF_GUID_EXPORT DECLSPEC_SELECTANY const GUID name = \
        {l, w1, w2, {b1, b2, b3, b4, b5, b6, b7, b8}}
#elif defined(INITGUID)
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
    MSESS_MF_GUID_EXPORT DECLSPEC_SELECTANY const GUID name =         \
        {l, w1, w2, {b1, b2, b3, b4, b5, b6, b7, b8}}
#else
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
    EXTERN_C MSESS_MF_GUID_EXPORT const GUID name
#endif
#ifndef DEFINE_OLEGUID
#define DEFINE_OLEGUID(name, l, w1, w2) \
    DEFINE_GUID(name, l, w1, w2, 0xc0, 0, 0, 0, 0, 0, 0, 0x46)
#endif

/* The small part of COM that Media Foundation clients use without a COM
 * runtime: PROPVARIANT (PropVariantClear, PropVariantCopy and the
 * propvarutil conversions), the task allocator (CoTaskMem*) and
 * CoInitialize(Ex)/CoUninitialize, which only count per thread as Windows
 * does (S_OK the first time on a thread, S_FALSE after, RPC_E_CHANGED_MODE
 * for the other apartment model): nothing on these systems needs an
 * apartment.
 *
 * On Windows, ole32 and propsys provide all of this; the file is empty there
 * so that the shim does not redefine system functions. */
#include <stdlib.h>
#include <string.h>

#include "shim.h"

#ifndef _WIN32

#ifndef ERROR_ARITHMETIC_OVERFLOW
#define ERROR_ARITHMETIC_OVERFLOW 534L
#endif

/* ------------------------------------------------------------ task memory */

LPVOID WINAPI CoTaskMemAlloc(SIZE_T cb)
{
    /* Windows returns a valid, freeable block for 0 bytes. */
    return malloc(cb ? cb : 1);
}

LPVOID WINAPI CoTaskMemRealloc(LPVOID pv, SIZE_T cb)
{
    if (pv && !cb) {
        free(pv);
        return NULL;
    }
    return realloc(pv, cb ? cb : 1);
}

void WINAPI CoTaskMemFree(LPVOID pv)
{
    free(pv);
}

/* ------------------------------------------------------------ apartments */

/* Per thread: how many successful CoInitialize(Ex) calls are not yet matched
 * by CoUninitialize, and the apartment model of the first. */
static _Thread_local unsigned com_inits;
static _Thread_local bool com_sta;

HRESULT WINAPI CoInitializeEx(LPVOID reserved, DWORD coinit)
{
    if (reserved)
        return E_INVALIDARG;
    bool sta = (coinit & COINIT_APARTMENTTHREADED) != 0;
    if (com_inits && sta != com_sta)
        return RPC_E_CHANGED_MODE;
    com_sta = sta;
    return com_inits++ ? S_FALSE : S_OK;
}

HRESULT WINAPI CoInitialize(LPVOID reserved)
{
    return CoInitializeEx(reserved, COINIT_APARTMENTTHREADED);
}

void WINAPI CoUninitialize(void)
{
    if (com_inits)
        com_inits--;
}

/* ------------------------------------------------------------ PROPVARIANT */

/* Bytes per element of a VT_VECTOR of fixed-size elements; 0 for element
 * types that own memory (strings, variants) or that are not supported. */
static size_t vector_elem_size(VARTYPE elem)
{
    switch (elem) {
    case VT_I1: case VT_UI1:
        return 1;
    case VT_I2: case VT_UI2: case VT_BOOL:
        return 2;
    case VT_I4: case VT_UI4: case VT_R4: case VT_ERROR:
        return 4;
    case VT_I8: case VT_UI8: case VT_R8: case VT_CY: case VT_DATE: case VT_FILETIME:
        return 8;
    case VT_CLSID:
        return sizeof(CLSID);
    default:
        return 0;
    }
}

/* Whether a scalar type holds its value inline (nothing to free or copy). */
static bool is_inline_type(VARTYPE vt)
{
    switch (vt) {
    case VT_EMPTY: case VT_NULL: case VT_I1: case VT_UI1: case VT_I2: case VT_UI2:
    case VT_BOOL: case VT_I4: case VT_UI4: case VT_R4: case VT_ERROR: case VT_INT:
    case VT_UINT: case VT_I8: case VT_UI8: case VT_R8: case VT_CY: case VT_DATE:
    case VT_FILETIME:
        return true;
    default:
        return false;
    }
}

static HRESULT clear_vector(PROPVARIANT *pv)
{
    VARTYPE elem = pv->vt & ~VT_VECTOR;
    ULONG i;
    switch (elem) {
    case VT_LPSTR:
        for (i = 0; i < pv->calpstr.cElems; i++)
            CoTaskMemFree(pv->calpstr.pElems[i]);
        break;
    case VT_LPWSTR:
        for (i = 0; i < pv->calpwstr.cElems; i++)
            CoTaskMemFree(pv->calpwstr.pElems[i]);
        break;
    case VT_VARIANT:
        for (i = 0; i < pv->capropvar.cElems; i++)
            PropVariantClear(&pv->capropvar.pElems[i]);
        break;
    default:
        if (!vector_elem_size(elem))
            return DISP_E_BADVARTYPE;
    }
    /* Every counted array has the layout { ULONG cElems; T *pElems; }. */
    CoTaskMemFree(pv->caub.pElems);
    return S_OK;
}

HRESULT WINAPI PropVariantClear(PROPVARIANT *pv)
{
    if (!pv)
        return S_OK;
    if (!is_inline_type(pv->vt) && !(pv->vt & VT_BYREF)) {
        switch (pv->vt) {
        case VT_LPSTR:
            CoTaskMemFree(pv->pszVal);
            break;
        case VT_LPWSTR:
            CoTaskMemFree(pv->pwszVal);
            break;
        case VT_CLSID:
            CoTaskMemFree(pv->puuid);
            break;
        case VT_BLOB: case VT_BLOB_OBJECT:
            CoTaskMemFree(pv->blob.pBlobData);
            break;
        case VT_UNKNOWN: case VT_DISPATCH: case VT_STREAM: case VT_STREAMED_OBJECT:
        case VT_STORAGE: case VT_STORED_OBJECT:
            /* All of them are interface pointers in the same union slot. */
            if (pv->punkVal)
                IUnknown_Release(pv->punkVal);
            break;
        default:
            if (!(pv->vt & VT_VECTOR))
                return DISP_E_BADVARTYPE;
            HRESULT hr = clear_vector(pv);
            if (FAILED(hr))
                return hr;
        }
    }
    memset(pv, 0, sizeof(*pv));
    pv->vt = VT_EMPTY;
    return S_OK;
}

HRESULT WINAPI FreePropVariantArray(ULONG count, PROPVARIANT *values)
{
    if (!values)
        return E_INVALIDARG;
    for (ULONG i = 0; i < count; i++)
        PropVariantClear(&values[i]);
    return S_OK;
}

static void *dup_bytes(const void *src, size_t size)
{
    void *p = CoTaskMemAlloc(size);
    if (p && size)
        memcpy(p, src, size);
    return p;
}

static LPSTR dup_str(LPCSTR s)
{
    return s ? dup_bytes(s, strlen(s) + 1) : NULL;
}

static LPWSTR dup_wstr(LPCWSTR s)
{
    return s ? dup_bytes(s, (shim_wcslen(s) + 1) * sizeof(WCHAR)) : NULL;
}

/* dst already holds src's bit pattern; replace the owned parts with copies.
 * On failure dst owns whatever was copied so far (cleared by the caller). */
static HRESULT copy_vector(PROPVARIANT *dst, const PROPVARIANT *src)
{
    VARTYPE elem = src->vt & ~VT_VECTOR;
    ULONG n = src->caub.cElems, i;
    size_t size;
    switch (elem) {
    case VT_LPSTR: case VT_LPWSTR:
        size = sizeof(void *);
        break;
    case VT_VARIANT:
        size = sizeof(PROPVARIANT);
        break;
    default:
        if (!(size = vector_elem_size(elem)))
            return DISP_E_BADVARTYPE;
    }
    dst->caub.cElems = 0;
    dst->caub.pElems = NULL;
    void *elems = CoTaskMemAlloc(n * size);
    if (!elems)
        return E_OUTOFMEMORY;
    memset(elems, 0, n * size);
    dst->caub.pElems = elems;
    HRESULT hr = S_OK;
    switch (elem) {
    case VT_LPSTR:
        for (i = 0; i < n && SUCCEEDED(hr); i++)
            if (src->calpstr.pElems[i] &&
                !(dst->calpstr.pElems[i] = dup_str(src->calpstr.pElems[i])))
                hr = E_OUTOFMEMORY;
        break;
    case VT_LPWSTR:
        for (i = 0; i < n && SUCCEEDED(hr); i++)
            if (src->calpwstr.pElems[i] &&
                !(dst->calpwstr.pElems[i] = dup_wstr(src->calpwstr.pElems[i])))
                hr = E_OUTOFMEMORY;
        break;
    case VT_VARIANT:
        for (i = 0; i < n && SUCCEEDED(hr); i++)
            hr = PropVariantCopy(&dst->capropvar.pElems[i], &src->capropvar.pElems[i]);
        break;
    default:
        memcpy(elems, src->caub.pElems, n * size);
    }
    dst->caub.cElems = n;
    return hr;
}

HRESULT WINAPI PropVariantCopy(PROPVARIANT *dst, const PROPVARIANT *src)
{
    if (!dst || !src)
        return E_INVALIDARG;
    PROPVARIANT tmp = *src;
    HRESULT hr = S_OK;
    if (!is_inline_type(src->vt) && !(src->vt & VT_BYREF)) {
        switch (src->vt) {
        case VT_LPSTR:
            if (src->pszVal && !(tmp.pszVal = dup_str(src->pszVal)))
                hr = E_OUTOFMEMORY;
            break;
        case VT_LPWSTR:
            if (src->pwszVal && !(tmp.pwszVal = dup_wstr(src->pwszVal)))
                hr = E_OUTOFMEMORY;
            break;
        case VT_CLSID:
            if (src->puuid && !(tmp.puuid = dup_bytes(src->puuid, sizeof(CLSID))))
                hr = E_OUTOFMEMORY;
            break;
        case VT_BLOB: case VT_BLOB_OBJECT:
            tmp.blob.pBlobData = NULL;
            if (src->blob.cbSize &&
                !(tmp.blob.pBlobData = dup_bytes(src->blob.pBlobData, src->blob.cbSize)))
                hr = E_OUTOFMEMORY;
            break;
        case VT_UNKNOWN: case VT_DISPATCH: case VT_STREAM: case VT_STREAMED_OBJECT:
        case VT_STORAGE: case VT_STORED_OBJECT:
            if (tmp.punkVal)
                IUnknown_AddRef(tmp.punkVal);
            break;
        default:
            if (!(src->vt & VT_VECTOR)) {
                hr = DISP_E_BADVARTYPE;
                break;
            }
            hr = copy_vector(&tmp, src);
            /* copy_vector refuses a type before taking any memory. */
            if (FAILED(hr) && hr != DISP_E_BADVARTYPE)
                PropVariantClear(&tmp);
        }
    }
    if (FAILED(hr)) {
        memset(dst, 0, sizeof(*dst));
        return hr;
    }
    *dst = tmp;
    return S_OK;
}

/* ------------------------------------------------------------ propvarutil */

HRESULT WINAPI InitPropVariantFromBuffer(const VOID *pv, UINT cb, PROPVARIANT *ppropvar)
{
    if (!ppropvar)
        return E_INVALIDARG;
    memset(ppropvar, 0, sizeof(*ppropvar));
    void *data = dup_bytes(pv, cb);
    if (!data)
        return E_OUTOFMEMORY;
    ppropvar->vt = VT_VECTOR | VT_UI1;
    ppropvar->caub.cElems = cb;
    ppropvar->caub.pElems = data;
    return S_OK;
}

HRESULT WINAPI InitPropVariantFromCLSID(REFCLSID clsid, PROPVARIANT *ppropvar)
{
    if (!ppropvar || !clsid)
        return E_INVALIDARG;
    memset(ppropvar, 0, sizeof(*ppropvar));
    if (!(ppropvar->puuid = dup_bytes(clsid, sizeof(*clsid))))
        return E_OUTOFMEMORY;
    ppropvar->vt = VT_CLSID;
    return S_OK;
}

/* "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}" as a wide string. */
static void guid_to_wide(const GUID *g, WCHAR out[39])
{
    static const char hex[] = "0123456789ABCDEF";
    unsigned char b[16];
    b[0] = (unsigned char)(g->Data1 >> 24);
    b[1] = (unsigned char)(g->Data1 >> 16);
    b[2] = (unsigned char)(g->Data1 >> 8);
    b[3] = (unsigned char)g->Data1;
    b[4] = (unsigned char)(g->Data2 >> 8);
    b[5] = (unsigned char)g->Data2;
    b[6] = (unsigned char)(g->Data3 >> 8);
    b[7] = (unsigned char)g->Data3;
    memcpy(b + 8, g->Data4, 8);
    size_t o = 0;
    out[o++] = L'{';
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[o++] = L'-';
        out[o++] = (WCHAR)hex[b[i] >> 4];
        out[o++] = (WCHAR)hex[b[i] & 15];
    }
    out[o++] = L'}';
    out[o] = 0;
}

static int hex_value(WCHAR c)
{
    if (c >= L'0' && c <= L'9')
        return c - L'0';
    if (c >= L'a' && c <= L'f')
        return c - L'a' + 10;
    if (c >= L'A' && c <= L'F')
        return c - L'A' + 10;
    return -1;
}

static bool wide_to_guid(LPCWSTR s, GUID *g)
{
    unsigned char b[16];
    int n = 0;
    if (!s || shim_wcslen(s) != 38 || s[0] != L'{' || s[37] != L'}')
        return false;
    for (int i = 1; i < 37; i++) {
        if (i == 9 || i == 14 || i == 19 || i == 24) {
            if (s[i] != L'-')
                return false;
            continue;
        }
        int hi = hex_value(s[i]), lo = hex_value(s[i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        b[n++] = (unsigned char)(hi << 4 | lo);
        i++;
    }
    g->Data1 = (DWORD)b[0] << 24 | (DWORD)b[1] << 16 | (DWORD)b[2] << 8 | b[3];
    g->Data2 = (WORD)(b[4] << 8 | b[5]);
    g->Data3 = (WORD)(b[6] << 8 | b[7]);
    memcpy(g->Data4, b + 8, 8);
    return true;
}

HRESULT WINAPI PropVariantToGUID(const PROPVARIANT *ppropvar, GUID *guid)
{
    if (!ppropvar || !guid)
        return E_INVALIDARG;
    switch (ppropvar->vt) {
    case VT_CLSID:
        if (!ppropvar->puuid)
            return E_INVALIDARG;
        *guid = *ppropvar->puuid;
        return S_OK;
    case VT_LPWSTR:
        return wide_to_guid(ppropvar->pwszVal, guid) ? S_OK : E_INVALIDARG;
    case VT_VECTOR | VT_UI1:
        if (ppropvar->caub.cElems != sizeof(GUID))
            return E_INVALIDARG;
        memcpy(guid, ppropvar->caub.pElems, sizeof(GUID));
        return S_OK;
    default:
        return E_INVALIDARG;
    }
}

/* A numeric PROPVARIANT as a signed (or, for VT_UI8, unsigned) 64-bit value.
 * Windows converts VT_EMPTY to 0. */
static HRESULT to_integer(const PROPVARIANT *pv, LONGLONG *s, ULONGLONG *u, bool *is_unsigned)
{
    *is_unsigned = false;
    switch (pv->vt) {
    case VT_EMPTY: *s = 0; return S_OK;
    case VT_I1: *s = pv->cVal; return S_OK;
    case VT_UI1: *s = pv->bVal; return S_OK;
    case VT_I2: *s = pv->iVal; return S_OK;
    case VT_UI2: *s = pv->uiVal; return S_OK;
    case VT_BOOL: *s = pv->boolVal ? 1 : 0; return S_OK;
    case VT_I4: case VT_INT: *s = pv->lVal; return S_OK;
    case VT_UI4: case VT_UINT: *s = pv->ulVal; return S_OK;
    case VT_I8: *s = pv->hVal.QuadPart; return S_OK;
    case VT_UI8:
        *u = pv->uhVal.QuadPart;
        *is_unsigned = true;
        return S_OK;
    case VT_R4: case VT_R8: {
        double d = pv->vt == VT_R4 ? pv->fltVal : pv->dblVal;
        if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
            return HRESULT_FROM_WIN32(ERROR_ARITHMETIC_OVERFLOW);
        *s = (LONGLONG)(d < 0 ? d - 0.5 : d + 0.5);
        return S_OK;
    }
    default:
        return E_INVALIDARG;
    }
}

/* Converts to an integer in [lo, hi] (unsigned targets pass lo = 0). */
static HRESULT to_ranged(const PROPVARIANT *pv, LONGLONG lo, ULONGLONG hi, ULONGLONG *out,
                         LONGLONG *sout)
{
    LONGLONG s = 0;
    ULONGLONG u = 0;
    bool is_unsigned;
    if (!pv)
        return E_INVALIDARG;
    HRESULT hr = to_integer(pv, &s, &u, &is_unsigned);
    if (FAILED(hr))
        return hr;
    if (is_unsigned) {
        if (u > hi)
            return HRESULT_FROM_WIN32(ERROR_ARITHMETIC_OVERFLOW);
        *out = u;
        *sout = (LONGLONG)u;
        return S_OK;
    }
    if (s < lo || (s >= 0 && (ULONGLONG)s > hi))
        return HRESULT_FROM_WIN32(ERROR_ARITHMETIC_OVERFLOW);
    *out = (ULONGLONG)s;
    *sout = s;
    return S_OK;
}

#define PV_TO_INT(name, type, lo, hi)                                   \
    HRESULT WINAPI name(REFPROPVARIANT pv, type *ret)                   \
    {                                                                   \
        ULONGLONG u;                                                    \
        LONGLONG s;                                                     \
        if (!ret)                                                       \
            return E_INVALIDARG;                                        \
        *ret = 0;                                                       \
        HRESULT hr = to_ranged(pv, (lo), (hi), &u, &s);                 \
        if (SUCCEEDED(hr))                                              \
            *ret = (type)((lo) < 0 ? (ULONGLONG)s : u);                 \
        return hr;                                                      \
    }

PV_TO_INT(PropVariantToInt32, LONG, -2147483647LL - 1, 2147483647ULL)
PV_TO_INT(PropVariantToUInt32, ULONG, 0, 4294967295ULL)
PV_TO_INT(PropVariantToInt64, LONGLONG, INT64_MIN, (ULONGLONG)INT64_MAX)
PV_TO_INT(PropVariantToUInt64, ULONGLONG, 0, UINT64_MAX)

HRESULT WINAPI PropVariantToDouble(REFPROPVARIANT pv, double *ret)
{
    if (!pv || !ret)
        return E_INVALIDARG;
    *ret = 0;
    switch (pv->vt) {
    case VT_R4: *ret = pv->fltVal; return S_OK;
    case VT_R8: *ret = pv->dblVal; return S_OK;
    case VT_UI8: *ret = (double)pv->uhVal.QuadPart; return S_OK;
    default: {
        LONGLONG s;
        ULONGLONG u;
        bool is_unsigned;
        HRESULT hr = to_integer(pv, &s, &u, &is_unsigned);
        if (SUCCEEDED(hr))
            *ret = (double)s;
        return hr;
    }
    }
}

HRESULT WINAPI PropVariantToBoolean(REFPROPVARIANT pv, BOOL *ret)
{
    LONGLONG s;
    ULONGLONG u;
    bool is_unsigned;
    if (!pv || !ret)
        return E_INVALIDARG;
    *ret = FALSE;
    if (pv->vt == VT_R4 || pv->vt == VT_R8) {
        *ret = (pv->vt == VT_R4 ? pv->fltVal : pv->dblVal) != 0;
        return S_OK;
    }
    HRESULT hr = to_integer(pv, &s, &u, &is_unsigned);
    if (SUCCEEDED(hr))
        *ret = is_unsigned ? u != 0 : s != 0;
    return hr;
}

/* The string form of a string or GUID value, or NULL (borrowed if *owned is
 * false, else CoTaskMem-allocated). */
static LPWSTR string_form(const PROPVARIANT *pv, bool *owned, HRESULT *hr)
{
    *owned = false;
    *hr = S_OK;
    switch (pv->vt) {
    case VT_LPWSTR:
        return pv->pwszVal;
    case VT_LPSTR: {
        LPWSTR w = pv->pszVal ? shim_utf8_to_wcs(pv->pszVal) : NULL;
        if (pv->pszVal && !w)
            *hr = E_OUTOFMEMORY;
        *owned = w != NULL;
        return w;
    }
    case VT_CLSID: {
        WCHAR text[39];
        if (!pv->puuid)
            return NULL;
        guid_to_wide(pv->puuid, text);
        LPWSTR w = dup_wstr(text);
        if (!w)
            *hr = E_OUTOFMEMORY;
        *owned = w != NULL;
        return w;
    }
    case VT_EMPTY:
        return NULL;
    default:
        *hr = E_INVALIDARG;
        return NULL;
    }
}

HRESULT WINAPI PropVariantToStringAlloc(REFPROPVARIANT pv, WCHAR **ret)
{
    bool owned;
    HRESULT hr;
    if (!pv || !ret)
        return E_INVALIDARG;
    *ret = NULL;
    LPWSTR s = string_form(pv, &owned, &hr);
    if (FAILED(hr))
        return hr;
    if (owned) {
        *ret = s;
        return S_OK;
    }
    *ret = dup_wstr(s ? s : L"");
    return *ret ? S_OK : E_OUTOFMEMORY;
}

#endif /* !_WIN32 */

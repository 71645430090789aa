/* PROPVARIANT helpers (msess's Windows-compatible headers; see windows.h):
 * the SDK's inline InitPropVariantFrom* functions, and the conversion
 * functions libmsess-mf implements. */
#ifndef MSESS_MF_PROPVARUTIL_H
#define MSESS_MF_PROPVARUTIL_H

#include <msess-mf-base.h>
#include <objbase.h>
#include <propidl.h>

#define PSSTDAPI STDAPI

PSSTDAPI InitPropVariantFromBuffer(const VOID *pv, UINT cb, PROPVARIANT *ppropvar);
PSSTDAPI InitPropVariantFromCLSID(REFCLSID clsid, PROPVARIANT *ppropvar);
PSSTDAPI PropVariantToBoolean(REFPROPVARIANT propvarIn, BOOL *pfRet);
PSSTDAPI PropVariantToInt32(REFPROPVARIANT propvarIn, LONG *plRet);
PSSTDAPI PropVariantToUInt32(REFPROPVARIANT propvarIn, ULONG *pulRet);
PSSTDAPI PropVariantToInt64(REFPROPVARIANT propvarIn, LONGLONG *pllRet);
PSSTDAPI PropVariantToUInt64(REFPROPVARIANT propvarIn, ULONGLONG *pullRet);
PSSTDAPI PropVariantToDouble(REFPROPVARIANT propvarIn, DOUBLE *pdblRet);
PSSTDAPI PropVariantToGUID(REFPROPVARIANT propvarIn, GUID *pguid);
PSSTDAPI PropVariantToStringAlloc(REFPROPVARIANT propvarIn, PWSTR *ppszOut);

static inline HRESULT InitPropVariantFromBoolean(BOOL fVal, PROPVARIANT *ppropvar)
{
    PropVariantInit(ppropvar);
    ppropvar->vt = VT_BOOL;
    ppropvar->boolVal = fVal ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

static inline HRESULT InitPropVariantFromInt16(SHORT nVal, PROPVARIANT *ppropvar)
{
    PropVariantInit(ppropvar);
    ppropvar->vt = VT_I2;
    ppropvar->iVal = nVal;
    return S_OK;
}

static inline HRESULT InitPropVariantFromUInt16(USHORT uiVal, PROPVARIANT *ppropvar)
{
    PropVariantInit(ppropvar);
    ppropvar->vt = VT_UI2;
    ppropvar->uiVal = uiVal;
    return S_OK;
}

static inline HRESULT InitPropVariantFromInt32(LONG lVal, PROPVARIANT *ppropvar)
{
    PropVariantInit(ppropvar);
    ppropvar->vt = VT_I4;
    ppropvar->lVal = lVal;
    return S_OK;
}

static inline HRESULT InitPropVariantFromUInt32(ULONG ulVal, PROPVARIANT *ppropvar)
{
    PropVariantInit(ppropvar);
    ppropvar->vt = VT_UI4;
    ppropvar->ulVal = ulVal;
    return S_OK;
}

static inline HRESULT InitPropVariantFromInt64(LONGLONG llVal, PROPVARIANT *ppropvar)
{
    PropVariantInit(ppropvar);
    ppropvar->vt = VT_I8;
    ppropvar->hVal.QuadPart = llVal;
    return S_OK;
}

static inline HRESULT InitPropVariantFromUInt64(ULONGLONG ullVal, PROPVARIANT *ppropvar)
{
    PropVariantInit(ppropvar);
    ppropvar->vt = VT_UI8;
    ppropvar->uhVal.QuadPart = ullVal;
    return S_OK;
}

static inline HRESULT InitPropVariantFromDouble(DOUBLE dblVal, PROPVARIANT *ppropvar)
{
    PropVariantInit(ppropvar);
    ppropvar->vt = VT_R8;
    ppropvar->dblVal = dblVal;
    return S_OK;
}

static inline HRESULT InitPropVariantFromString(PCWSTR psz, PROPVARIANT *ppropvar)
{
    size_t size;
    PropVariantInit(ppropvar);
    if (!psz)
        return E_INVALIDARG;
    size = (wcslen(psz) + 1) * sizeof(WCHAR);
    ppropvar->pwszVal = (LPWSTR)CoTaskMemAlloc(size);
    if (!ppropvar->pwszVal)
        return E_OUTOFMEMORY;
    memcpy(ppropvar->pwszVal, psz, size);
    ppropvar->vt = VT_LPWSTR;
    return S_OK;
}

static inline HRESULT InitPropVariantFromGUIDAsBuffer(REFGUID guid, PROPVARIANT *ppropvar)
{
#ifdef __cplusplus
    return InitPropVariantFromBuffer(&guid, sizeof(GUID), ppropvar);
#else
    return InitPropVariantFromBuffer(guid, sizeof(GUID), ppropvar);
#endif
}

static inline BOOL IsPropVariantVector(REFPROPVARIANT propvar)
{
#ifdef __cplusplus
    return (propvar.vt & (VT_ARRAY | VT_VECTOR)) != 0;
#else
    return (propvar->vt & (VT_ARRAY | VT_VECTOR)) != 0;
#endif
}

#endif

/* PROPVARIANT, its VARTYPE tags and counted arrays, PropVariantInit/Clear/
 * Copy, PROPERTYKEY (msess's Windows-compatible headers; see windows.h).
 * PROPVARIANT is 16 bytes on 32-bit systems and 24 on 64-bit ones, as on
 * Windows. */
#ifndef MSESS_MF_PROPIDL_H
#define MSESS_MF_PROPIDL_H

#include <msess-mf-base.h>
#include <unknwn.h>

typedef interface IDispatch IDispatch;
typedef interface IStream IStream;
typedef interface IStorage IStorage;

typedef unsigned short VARTYPE;
typedef short VARIANT_BOOL;
typedef double DATE;
#define VARIANT_TRUE ((VARIANT_BOOL)-1)
#define VARIANT_FALSE ((VARIANT_BOOL)0)

/* VARTYPE tags (wtypes.h's VARENUM). */
enum VARENUM {
    VT_EMPTY = 0,
    VT_NULL = 1,
    VT_I2 = 2,
    VT_I4 = 3,
    VT_R4 = 4,
    VT_R8 = 5,
    VT_CY = 6,
    VT_DATE = 7,
    VT_BSTR = 8,
    VT_DISPATCH = 9,
    VT_ERROR = 10,
    VT_BOOL = 11,
    VT_VARIANT = 12,
    VT_UNKNOWN = 13,
    VT_DECIMAL = 14,
    VT_I1 = 16,
    VT_UI1 = 17,
    VT_UI2 = 18,
    VT_UI4 = 19,
    VT_I8 = 20,
    VT_UI8 = 21,
    VT_INT = 22,
    VT_UINT = 23,
    VT_VOID = 24,
    VT_HRESULT = 25,
    VT_PTR = 26,
    VT_SAFEARRAY = 27,
    VT_CARRAY = 28,
    VT_USERDEFINED = 29,
    VT_LPSTR = 30,
    VT_LPWSTR = 31,
    VT_RECORD = 36,
    VT_INT_PTR = 37,
    VT_UINT_PTR = 38,
    VT_FILETIME = 64,
    VT_BLOB = 65,
    VT_STREAM = 66,
    VT_STORAGE = 67,
    VT_STREAMED_OBJECT = 68,
    VT_STORED_OBJECT = 69,
    VT_BLOB_OBJECT = 70,
    VT_CF = 71,
    VT_CLSID = 72,
    VT_VERSIONED_STREAM = 73,
    VT_BSTR_BLOB = 0xfff,
    VT_VECTOR = 0x1000,
    VT_ARRAY = 0x2000,
    VT_BYREF = 0x4000,
    VT_RESERVED = 0x8000,
    VT_ILLEGAL = 0xffff,
    VT_ILLEGALMASKED = 0xfff,
    VT_TYPEMASK = 0xfff
};

typedef union tagCY {
    MSESS_MF_ANONYMOUS struct {
        ULONG Lo;
        LONG Hi;
    };
    LONGLONG int64;
} CY;

typedef struct tagDEC {
    USHORT wReserved;
    BYTE scale;
    BYTE sign;
    ULONG Hi32;
    ULONGLONG Lo64;
} DECIMAL;

typedef struct tagBLOB {
    ULONG cbSize;
    BYTE *pBlobData;
} BLOB, *LPBLOB;

typedef struct tagBSTRBLOB {
    ULONG cbSize;
    BYTE *pData;
} BSTRBLOB;

typedef struct tagCLIPDATA {
    ULONG cbSize;
    LONG ulClipFmt;
    BYTE *pClipData;
} CLIPDATA;

typedef struct tagPROPVARIANT PROPVARIANT;

/* Counted arrays of the VT_VECTOR types. */
#define MSESS_MF_CA(name, type) \
    typedef struct tag##name {  \
        ULONG cElems;           \
        type *pElems;           \
    } name
MSESS_MF_CA(CAC, CHAR);
MSESS_MF_CA(CAUB, UCHAR);
MSESS_MF_CA(CAI, SHORT);
MSESS_MF_CA(CAUI, USHORT);
MSESS_MF_CA(CAL, LONG);
MSESS_MF_CA(CAUL, ULONG);
MSESS_MF_CA(CAH, LARGE_INTEGER);
MSESS_MF_CA(CAUH, ULARGE_INTEGER);
MSESS_MF_CA(CAFLT, FLOAT);
MSESS_MF_CA(CADBL, DOUBLE);
MSESS_MF_CA(CABOOL, VARIANT_BOOL);
MSESS_MF_CA(CASCODE, SCODE);
MSESS_MF_CA(CACY, CY);
MSESS_MF_CA(CADATE, DATE);
MSESS_MF_CA(CAFILETIME, FILETIME);
MSESS_MF_CA(CACLSID, CLSID);
MSESS_MF_CA(CACLIPDATA, CLIPDATA);
MSESS_MF_CA(CABSTR, BSTR);
MSESS_MF_CA(CABSTRBLOB, BSTRBLOB);
MSESS_MF_CA(CALPSTR, LPSTR);
MSESS_MF_CA(CALPWSTR, LPWSTR);
MSESS_MF_CA(CAPROPVARIANT, PROPVARIANT);
#undef MSESS_MF_CA

struct tagPROPVARIANT {
    MSESS_MF_ANONYMOUS union {
        MSESS_MF_ANONYMOUS struct {
            VARTYPE vt;
            WORD wReserved1;
            WORD wReserved2;
            WORD wReserved3;
            MSESS_MF_ANONYMOUS union {
                CHAR cVal;
                UCHAR bVal;
                SHORT iVal;
                USHORT uiVal;
                LONG lVal;
                ULONG ulVal;
                INT intVal;
                UINT uintVal;
                LARGE_INTEGER hVal;
                ULARGE_INTEGER uhVal;
                FLOAT fltVal;
                DOUBLE dblVal;
                VARIANT_BOOL boolVal;
                SCODE scode;
                CY cyVal;
                DATE date;
                FILETIME filetime;
                CLSID *puuid;
                CLIPDATA *pclipdata;
                BSTR bstrVal;
                BSTRBLOB bstrblobVal;
                BLOB blob;
                IUnknown *punkVal;
                IDispatch *pdispVal;
                IStream *pStream;
                IStorage *pStorage;
                LPSTR pszVal;
                LPWSTR pwszVal;
                CAC cac;
                CAUB caub;
                CAI cai;
                CAUI caui;
                CAL cal;
                CAUL caul;
                CAH cah;
                CAUH cauh;
                CAFLT caflt;
                CADBL cadbl;
                CABOOL cabool;
                CASCODE cascode;
                CACY cacy;
                CADATE cadate;
                CAFILETIME cafiletime;
                CACLSID cauuid;
                CACLIPDATA caclipdata;
                CABSTR cabstr;
                CABSTRBLOB cabstrblob;
                CALPSTR calpstr;
                CALPWSTR calpwstr;
                CAPROPVARIANT capropvar;
                CHAR *pcVal;
                UCHAR *pbVal;
                SHORT *piVal;
                USHORT *puiVal;
                LONG *plVal;
                ULONG *pulVal;
                INT *pintVal;
                UINT *puintVal;
                FLOAT *pfltVal;
                DOUBLE *pdblVal;
                VARIANT_BOOL *pboolVal;
                DECIMAL *pdecVal;
                SCODE *pscode;
                CY *pcyVal;
                DATE *pdate;
                BSTR *pbstrVal;
                IUnknown **ppunkVal;
                IDispatch **ppdispVal;
                PROPVARIANT *pvarVal;
            };
        };
        DECIMAL decVal;
    };
};
typedef PROPVARIANT *LPPROPVARIANT;

#ifdef __cplusplus
#define REFPROPVARIANT const PROPVARIANT &
#else
#define REFPROPVARIANT const PROPVARIANT *
#endif

typedef struct _tagpropertykey {
    GUID fmtid;
    DWORD pid;
} PROPERTYKEY;
#ifdef __cplusplus
#define REFPROPERTYKEY const PROPERTYKEY &
#else
#define REFPROPERTYKEY const PROPERTYKEY *
#endif

#define PropVariantInit(pvar) memset((pvar), 0, sizeof(PROPVARIANT))

/* Implemented by libmsess-mf. */
WINOLEAPI PropVariantClear(PROPVARIANT *pvar);
WINOLEAPI PropVariantCopy(PROPVARIANT *pvarDest, const PROPVARIANT *pvarSrc);
WINOLEAPI FreePropVariantArray(ULONG cVariants, PROPVARIANT *rgvars);

#endif

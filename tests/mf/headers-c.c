/* Our Windows headers from C, as MF client code uses them: COBJMACROS
 * (IMFAttributes_SetUINT32 ...), calls through lpVtbl, the GUID objects
 * libmsess-mf exports (no <initguid.h> here: they must come from the
 * library, as mfuuid.lib provides them on Windows), HRESULT macros, the
 * Windows integer types, PROPVARIANT, Interlocked*. Built against
 * libmsess-mf and run; the IIDs are compared with the SDK's values. */
#ifndef COBJMACROS
#define COBJMACROS
#endif
#include <windows.h>
#include <mfapi.h>
#include <mferror.h>
#include <mfidl.h>
#include <propvarutil.h>

#include <msess-mf.h>

#include <stdio.h>
#include <string.h>

/* Windows is LLP64 whatever the platform's long is. */
_Static_assert(sizeof(LONG) == 4, "LONG is 32-bit");
_Static_assert(sizeof(ULONG) == 4, "ULONG is 32-bit");
_Static_assert(sizeof(DWORD) == 4, "DWORD is 32-bit");
_Static_assert(sizeof(HRESULT) == 4, "HRESULT is 32-bit");
_Static_assert(sizeof(BOOL) == 4, "BOOL is 32-bit");
_Static_assert(sizeof(WORD) == 2, "WORD is 16-bit");
_Static_assert(sizeof(UINT64) == 8, "UINT64 is 64-bit");
_Static_assert(sizeof(MFTIME) == 8, "MFTIME is 64-bit");
_Static_assert(sizeof(GUID) == 16, "GUID is 16 bytes");
_Static_assert(sizeof(PROPVARIANT) == 8 + 2 * sizeof(void *), "PROPVARIANT size");
_Static_assert(offsetof(IMFAttributesVtbl, SetUINT32) == 21 * sizeof(void *),
               "IMFAttributes::SetUINT32 is slot 21");
_Static_assert(offsetof(IMFMediaSessionVtbl, Start) == 9 * sizeof(void *),
               "IMFMediaSession::Start is slot 9");
_Static_assert(sizeof(IMFMediaSessionVtbl) == 17 * sizeof(void *), "17 slots");

static int failures;

#define CHECK(cond)                                                        \
    do {                                                                   \
        if (!(cond)) {                                                     \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                    \
        }                                                                  \
    } while (0)

#define CHECK_HR(expr, want)                                               \
    do {                                                                   \
        HRESULT hr_ = (expr);                                              \
        if (hr_ != (want)) {                                               \
            fprintf(stderr, "%s:%d: %s = 0x%08x, want 0x%08x\n", __FILE__, __LINE__, #expr, \
                    (unsigned)hr_, (unsigned)(want));                      \
            failures++;                                                    \
        }                                                                  \
    } while (0)

/* The SDK's value of a GUID (from mf-reference.md), compared byte for byte. */
static void check_guid(const char *name, const GUID *got, UINT32 d1, UINT16 d2, UINT16 d3,
                       const BYTE d4[8])
{
    GUID want = { d1, d2, d3, { d4[0], d4[1], d4[2], d4[3], d4[4], d4[5], d4[6], d4[7] } };
    if (!IsEqualGUID(got, &want)) {
        fprintf(stderr, "%s: {%08x-%04x-%04x-...} differs from the SDK's {%08x-%04x-%04x-...}\n",
                name, (unsigned)got->Data1, got->Data2, got->Data3, (unsigned)d1, d2, d3);
        failures++;
    }
}

static void check_guids(void)
{
    static const BYTE unknown[8] = { 0xc0, 0, 0, 0, 0, 0, 0, 0x46 };
    static const BYTE attributes[8] = { 0xa1, 0x3c, 0x4a, 0xda, 0xbf, 0xc2, 0x47, 0xe3 };
    static const BYTE session[8] = { 0x82, 0x14, 0xba, 0x2e, 0x3e, 0x6c, 0x11, 0x27 };
    static const BYTE topology[8] = { 0x82, 0x3f, 0xba, 0xcf, 0xd5, 0x5d, 0xc4, 0x33 };
    static const BYTE duration[8] = { 0x85, 0x98, 0x0d, 0x5d, 0x96, 0xfc, 0xd8, 0x8a };
    static const BYTE null[8] = { 0 };
    check_guid("IID_IUnknown", &IID_IUnknown, 0, 0, 0, unknown);
    check_guid("IID_IMFAttributes", &IID_IMFAttributes, 0x2cd2d921, 0xc447, 0x44a7, attributes);
    check_guid("IID_IMFMediaSession", &IID_IMFMediaSession, 0x90377834, 0x21d0, 0x4dee, session);
    check_guid("IID_IMFTopology", &IID_IMFTopology, 0x83cf873a, 0xf6da, 0x4bc8, topology);
    check_guid("MF_PD_DURATION", &MF_PD_DURATION, 0x6c990d33, 0xbb8e, 0x477a, duration);
    check_guid("GUID_NULL", &GUID_NULL, 0, 0, 0, null);
    CHECK(IsEqualIID(&IID_IMFAttributes, &IID_IMFAttributes));
    CHECK(!IsEqualGUID(&IID_IMFTopology, &IID_IMFTopologyNode));
}

static void check_macros(void)
{
    CHECK(SUCCEEDED(S_OK) && SUCCEEDED(S_FALSE) && FAILED(E_FAIL));
    CHECK(FAILED(MF_E_SHUTDOWN) && MF_E_SHUTDOWN < 0);
    CHECK((DWORD)MF_E_SHUTDOWN == 0xC00D3E85u);
    CHECK((DWORD)E_POINTER == 0x80004003u);
    CHECK(HRESULT_FROM_WIN32(ERROR_NOT_FOUND) == (HRESULT)0x80070490u);
    CHECK(MF_VERSION == 0x00020070);
    CHECK(MFSESSION_SETTOPOLOGY_IMMEDIATE == 1 && MF_EVENT_FLAG_NO_WAIT == 1);
    CHECK(MESessionStarted == 103 && MEEndOfPresentation == 211);
    CHECK(MF_TOPOSTATUS_READY == 100 && MFCLOCK_STATE_PAUSED == 3);

    LONG volatile n = 41;
    CHECK(InterlockedIncrement(&n) == 42 && n == 42);
    CHECK(InterlockedDecrement(&n) == 41 && n == 41);
}

/* COBJMACROS and lpVtbl on an attribute store made by libmsess-mf. */
static void check_attributes(void)
{
    static const GUID key = { 0x1234abcd, 0x1, 0x2, { 3, 4, 5, 6, 7, 8, 9, 10 } };
    LONG live = msess_mf_live_objects();
    IMFAttributes *attrs = NULL;
    CHECK_HR(MFCreateAttributes(&attrs, 4), S_OK);
    if (!attrs)
        return;
    CHECK(msess_mf_live_objects() == live + 1);

    CHECK_HR(IMFAttributes_SetUINT32(attrs, &key, 1234), S_OK);
    UINT32 v = 0;
    CHECK_HR(IMFAttributes_GetUINT32(attrs, &key, &v), S_OK);
    CHECK(v == 1234);
    /* the same through the vtable by hand */
    CHECK_HR(attrs->lpVtbl->SetUINT64(attrs, &MF_PD_DURATION, 40000000), S_OK);
    UINT64 d = 0;
    CHECK_HR(attrs->lpVtbl->GetUINT64(attrs, &MF_PD_DURATION, &d), S_OK);
    CHECK(d == 40000000);
    UINT32 count = 0;
    CHECK_HR(IMFAttributes_GetCount(attrs, &count), S_OK);
    CHECK(count == 2);
    CHECK_HR(IMFAttributes_GetUINT32(attrs, &GUID_NULL, &v), MF_E_ATTRIBUTENOTFOUND);

    PROPVARIANT pv;
    PropVariantInit(&pv);
    CHECK_HR(IMFAttributes_GetItem(attrs, &key, &pv), S_OK);
    CHECK(pv.vt == VT_UI4 && pv.ulVal == 1234);
    CHECK_HR(PropVariantClear(&pv), S_OK);
    CHECK(pv.vt == VT_EMPTY);

    IUnknown *unk = NULL;
    CHECK_HR(IMFAttributes_QueryInterface(attrs, &IID_IUnknown, (void **)&unk), S_OK);
    CHECK(unk != NULL);
    IMFMediaSession *session = NULL;
    CHECK_HR(IMFAttributes_QueryInterface(attrs, &IID_IMFMediaSession, (void **)&session),
             E_NOINTERFACE);
    CHECK(session == NULL);
    if (unk) {
        CHECK(IUnknown_AddRef(unk) == 3);
        CHECK(IUnknown_Release(unk) == 2);
        CHECK(IUnknown_Release(unk) == 1);
    }
    CHECK(IMFAttributes_Release(attrs) == 0);
    CHECK(msess_mf_live_objects() == live);
}

int main(void)
{
    check_guids();
    check_macros();
    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL), S_OK);
    check_attributes();
    CHECK_HR(MFShutdown(), S_OK);
    if (failures) {
        fprintf(stderr, "%d checks failed\n", failures);
        return 1;
    }
    printf("headers-c: all checks passed\n");
    return 0;
}

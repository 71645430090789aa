/* PROPVARIANT (PropVariantClear/Copy, deep copies, interface references),
 * the task allocator, CoInitializeEx's per-thread counting, the propvarutil
 * conversions, and IMFMediaEvent (MFCreateMediaEvent). */
#include "evq-util.h"

static const GUID test_guid = { 0x01234567, 0x89ab, 0xcdef,
                                { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef } };

static LPWSTR dup_wide(const WCHAR *s)
{
    size_t size = (wcslen(s) + 1) * sizeof(WCHAR);
    LPWSTR p = CoTaskMemAlloc(size);
    memcpy(p, s, size);
    return p;
}

static void test_task_memory(void)
{
    void *p = CoTaskMemAlloc(0);
    CHECK(p != NULL); /* a valid block, as on Windows */
    CoTaskMemFree(p);
    p = CoTaskMemAlloc(16);
    CHECK(p != NULL);
    memset(p, 0xab, 16);
    p = CoTaskMemRealloc(p, 4096);
    CHECK(p != NULL && ((unsigned char *)p)[15] == 0xab);
    CHECK(CoTaskMemRealloc(p, 0) == NULL); /* frees */
    p = CoTaskMemRealloc(NULL, 8);
    CHECK(p != NULL);
    CoTaskMemFree(p);
    CoTaskMemFree(NULL);
}

static void *other_thread_init(void *arg)
{
    HRESULT *hr = arg;
    hr[0] = CoInitializeEx(NULL, COINIT_MULTITHREADED);
    hr[1] = CoInitializeEx(NULL, COINIT_MULTITHREADED);
    CoUninitialize();
    CoUninitialize();
    return NULL;
}

static void test_com_init(void)
{
    CHECK_HR(CoInitializeEx((void *)1, COINIT_MULTITHREADED), E_INVALIDARG);
    CHECK_HR(CoInitializeEx(NULL, COINIT_APARTMENTTHREADED), S_OK);
    CHECK_HR(CoInitializeEx(NULL, COINIT_APARTMENTTHREADED), S_FALSE);
    CHECK_HR(CoInitialize(NULL), S_FALSE);
    CHECK_HR(CoInitializeEx(NULL, COINIT_MULTITHREADED), RPC_E_CHANGED_MODE);
    /* Per thread: another thread starts from zero. */
    HRESULT hr[2] = { E_FAIL, E_FAIL };
    pthread_t t;
    pthread_create(&t, NULL, other_thread_init, hr);
    pthread_join(t, NULL);
    CHECK_HR(hr[0], S_OK);
    CHECK_HR(hr[1], S_FALSE);
    CoUninitialize();
    CoUninitialize();
    CoUninitialize();
    /* All matched: the next call is a first one again, any model. */
    CHECK_HR(CoInitializeEx(NULL, COINIT_MULTITHREADED), S_OK);
    CoUninitialize();
    CoUninitialize(); /* unmatched: harmless */
    CHECK_HR(CoInitializeEx(NULL, COINIT_MULTITHREADED), S_OK);
    CoUninitialize();
}

static void test_clear_copy(void)
{
    PROPVARIANT a, b;
    evq_unknown unk;
    evq_unknown_init(&unk);

    /* Strings: deep copies, freed by Clear. */
    PropVariantInit(&a);
    a.vt = VT_LPWSTR;
    a.pwszVal = dup_wide(L"hello");
    CHECK_HR(PropVariantCopy(&b, &a), S_OK);
    CHECK(b.vt == VT_LPWSTR && b.pwszVal != a.pwszVal && !wcscmp(b.pwszVal, L"hello"));
    CHECK_HR(PropVariantClear(&a), S_OK);
    CHECK(a.vt == VT_EMPTY && a.pwszVal == NULL);
    CHECK(!wcscmp(b.pwszVal, L"hello"));
    CHECK_HR(PropVariantClear(&b), S_OK);

    /* Interfaces: a reference per copy. */
    a.vt = VT_UNKNOWN;
    a.punkVal = &unk.iface;
    IUnknown_AddRef(&unk.iface);
    CHECK_HR(PropVariantCopy(&b, &a), S_OK);
    CHECK(b.punkVal == &unk.iface && evq_refs(&unk.refs) == 3);
    CHECK_HR(PropVariantClear(&b), S_OK);
    CHECK(evq_refs(&unk.refs) == 2);
    CHECK_HR(PropVariantClear(&a), S_OK);
    CHECK(evq_refs(&unk.refs) == 1);
    a.vt = VT_UNKNOWN;
    a.punkVal = NULL;
    CHECK_HR(PropVariantCopy(&b, &a), S_OK);
    CHECK(b.vt == VT_UNKNOWN && b.punkVal == NULL);
    CHECK_HR(PropVariantClear(&b), S_OK);

    /* CLSID, blob, byte vector, string vector, variant vector. */
    CHECK_HR(InitPropVariantFromCLSID(&test_guid, &a), S_OK);
    CHECK(a.vt == VT_CLSID && IsEqualGUID(a.puuid, &test_guid));
    CHECK_HR(PropVariantCopy(&b, &a), S_OK);
    CHECK(b.puuid != a.puuid && IsEqualGUID(b.puuid, &test_guid));
    PropVariantClear(&a);
    PropVariantClear(&b);

    static const BYTE bytes[5] = { 1, 2, 3, 4, 5 };
    PropVariantInit(&a);
    a.vt = VT_BLOB;
    a.blob.cbSize = 5;
    a.blob.pBlobData = CoTaskMemAlloc(5);
    memcpy(a.blob.pBlobData, bytes, 5);
    CHECK_HR(PropVariantCopy(&b, &a), S_OK);
    CHECK(b.blob.cbSize == 5 && b.blob.pBlobData != a.blob.pBlobData &&
          !memcmp(b.blob.pBlobData, bytes, 5));
    PropVariantClear(&a);
    PropVariantClear(&b);

    CHECK_HR(InitPropVariantFromBuffer(bytes, 5, &a), S_OK);
    CHECK(a.vt == (VT_VECTOR | VT_UI1) && a.caub.cElems == 5 && !memcmp(a.caub.pElems, bytes, 5));
    CHECK_HR(PropVariantCopy(&b, &a), S_OK);
    CHECK(b.caub.pElems != a.caub.pElems && !memcmp(b.caub.pElems, bytes, 5));
    PropVariantClear(&a);
    PropVariantClear(&b);

    PropVariantInit(&a);
    a.vt = VT_VECTOR | VT_LPWSTR;
    a.calpwstr.cElems = 2;
    a.calpwstr.pElems = CoTaskMemAlloc(2 * sizeof(LPWSTR));
    a.calpwstr.pElems[0] = dup_wide(L"one");
    a.calpwstr.pElems[1] = dup_wide(L"two");
    CHECK_HR(PropVariantCopy(&b, &a), S_OK);
    CHECK(b.calpwstr.cElems == 2 && b.calpwstr.pElems[1] != a.calpwstr.pElems[1] &&
          !wcscmp(b.calpwstr.pElems[1], L"two"));
    PropVariantClear(&a);
    PropVariantClear(&b);

    PropVariantInit(&a);
    a.vt = VT_VECTOR | VT_VARIANT;
    a.capropvar.cElems = 2;
    a.capropvar.pElems = CoTaskMemAlloc(2 * sizeof(PROPVARIANT));
    PropVariantInit(&a.capropvar.pElems[0]);
    a.capropvar.pElems[0].vt = VT_UNKNOWN;
    a.capropvar.pElems[0].punkVal = &unk.iface;
    IUnknown_AddRef(&unk.iface);
    InitPropVariantFromUInt32(7, &a.capropvar.pElems[1]);
    CHECK_HR(PropVariantCopy(&b, &a), S_OK);
    CHECK(evq_refs(&unk.refs) == 3);
    CHECK(b.capropvar.pElems[1].vt == VT_UI4 && b.capropvar.pElems[1].ulVal == 7);
    PropVariantClear(&a);
    PropVariantClear(&b);
    CHECK(evq_refs(&unk.refs) == 1);

    /* Inline values copy as they are; unknown types are refused. */
    InitPropVariantFromInt64(-5, &a);
    CHECK_HR(PropVariantCopy(&b, &a), S_OK);
    CHECK(b.vt == VT_I8 && b.hVal.QuadPart == -5);
    PropVariantInit(&a);
    a.vt = 0x7ff;
    CHECK_HR(PropVariantCopy(&b, &a), DISP_E_BADVARTYPE);
    CHECK(b.vt == VT_EMPTY);
    CHECK_HR(PropVariantClear(&a), DISP_E_BADVARTYPE);
    CHECK_HR(PropVariantClear(NULL), S_OK);

    /* FreePropVariantArray clears each. */
    PROPVARIANT arr[2];
    InitPropVariantFromString(L"x", &arr[0]);
    PropVariantInit(&arr[1]);
    arr[1].vt = VT_UNKNOWN;
    arr[1].punkVal = &unk.iface;
    IUnknown_AddRef(&unk.iface);
    CHECK_HR(FreePropVariantArray(2, arr), S_OK);
    CHECK(arr[0].vt == VT_EMPTY && arr[1].vt == VT_EMPTY && evq_refs(&unk.refs) == 1);
}

static void test_conversions(void)
{
    PROPVARIANT v;
    LONG l;
    ULONG ul;
    LONGLONG ll;
    ULONGLONG ull;
    double d;
    BOOL b;
    GUID g;
    WCHAR *s;

    InitPropVariantFromUInt32(42, &v);
    CHECK_HR(PropVariantToInt32(&v, &l), S_OK);
    CHECK(l == 42);
    InitPropVariantFromUInt64(0x100000000ULL, &v);
    CHECK_HR(PropVariantToUInt32(&v, &ul), HRESULT_FROM_WIN32(534)); /* overflow */
    CHECK_HR(PropVariantToUInt64(&v, &ull), S_OK);
    CHECK(ull == 0x100000000ULL);
    InitPropVariantFromInt32(-1, &v);
    CHECK_HR(PropVariantToUInt32(&v, &ul), HRESULT_FROM_WIN32(534));
    CHECK_HR(PropVariantToInt64(&v, &ll), S_OK);
    CHECK(ll == -1);
    CHECK_HR(PropVariantToDouble(&v, &d), S_OK);
    CHECK(d == -1.0);
    CHECK_HR(PropVariantToBoolean(&v, &b), S_OK);
    CHECK(b == TRUE);
    InitPropVariantFromDouble(2.5, &v);
    CHECK_HR(PropVariantToDouble(&v, &d), S_OK);
    CHECK(d == 2.5);

    CHECK_HR(InitPropVariantFromCLSID(&test_guid, &v), S_OK);
    CHECK_HR(PropVariantToGUID(&v, &g), S_OK);
    CHECK(IsEqualGUID(&g, &test_guid));
    CHECK_HR(PropVariantToStringAlloc(&v, &s), S_OK);
    CHECK(s && !wcscmp(s, L"{01234567-89AB-CDEF-0123-456789ABCDEF}"));
    PropVariantClear(&v);
    /* and back from the string form */
    v.vt = VT_LPWSTR;
    v.pwszVal = s;
    memset(&g, 0, sizeof(g));
    CHECK_HR(PropVariantToGUID(&v, &g), S_OK);
    CHECK(IsEqualGUID(&g, &test_guid));
    PropVariantClear(&v);
    CHECK_HR(InitPropVariantFromGUIDAsBuffer(&test_guid, &v), S_OK);
    memset(&g, 0, sizeof(g));
    CHECK_HR(PropVariantToGUID(&v, &g), S_OK);
    CHECK(IsEqualGUID(&g, &test_guid));
    PropVariantClear(&v);
    InitPropVariantFromUInt32(1, &v);
    CHECK_HR(PropVariantToGUID(&v, &g), E_INVALIDARG);
}

static void test_media_event(void)
{
    IMFMediaEvent *event;
    IMFAttributes *attrs;
    PROPVARIANT value, got;
    MediaEventType type;
    HRESULT status;
    GUID ext;
    UINT32 u32 = 0;
    evq_unknown unk;
    evq_unknown_init(&unk);
    LONG live = msess_mf_live_objects();

    CHECK_HR(MFCreateMediaEvent(MEError, &GUID_NULL, E_FAIL, NULL, NULL), E_POINTER);

    /* The value is copied at creation and on each GetValue. */
    InitPropVariantFromString(L"value", &value);
    CHECK_HR(MFCreateMediaEvent(MESessionTopologySet, &test_guid, MF_E_SHUTDOWN, &value, &event),
             S_OK);
    PropVariantClear(&value);
    CHECK_HR(IMFMediaEvent_GetType(event, &type), S_OK);
    CHECK(type == MESessionTopologySet);
    CHECK_HR(IMFMediaEvent_GetExtendedType(event, &ext), S_OK);
    CHECK(IsEqualGUID(&ext, &test_guid));
    CHECK_HR(IMFMediaEvent_GetStatus(event, &status), S_OK);
    CHECK(status == MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaEvent_GetValue(event, &got), S_OK);
    CHECK(got.vt == VT_LPWSTR && !wcscmp(got.pwszVal, L"value"));
    got.pwszVal[0] = L'X';
    PropVariantClear(&got);
    CHECK_HR(IMFMediaEvent_GetValue(event, &got), S_OK);
    CHECK(got.vt == VT_LPWSTR && !wcscmp(got.pwszVal, L"value"));
    PropVariantClear(&got);
    CHECK_HR(IMFMediaEvent_GetValue(event, NULL), E_POINTER);
    CHECK_HR(IMFMediaEvent_GetType(event, NULL), E_POINTER);

    /* It is an attribute store. */
    CHECK_HR(IMFMediaEvent_SetUINT32(event, &test_guid, 77), S_OK);
    CHECK_HR(IMFMediaEvent_QueryInterface(event, &IID_IMFAttributes, (void **)&attrs), S_OK);
    CHECK_HR(IMFAttributes_GetUINT32(attrs, &test_guid, &u32), S_OK);
    CHECK(u32 == 77);
    IMFAttributes_Release(attrs);
    CHECK(IMFMediaEvent_Release(event) == 0);

    /* NULL value: VT_EMPTY; interface values are referenced while it lives. */
    CHECK_HR(MFCreateMediaEvent(MEUnknown, &GUID_NULL, S_OK, NULL, &event), S_OK);
    CHECK_HR(IMFMediaEvent_GetValue(event, &got), S_OK);
    CHECK(got.vt == VT_EMPTY);
    IMFMediaEvent_Release(event);
    PropVariantInit(&value);
    value.vt = VT_UNKNOWN;
    value.punkVal = &unk.iface;
    CHECK_HR(MFCreateMediaEvent(MEUnknown, &GUID_NULL, S_OK, &value, &event), S_OK);
    CHECK(evq_refs(&unk.refs) == 2);
    IMFMediaEvent_Release(event);
    CHECK(evq_refs(&unk.refs) == 1);
    CHECK(msess_mf_live_objects() == live);
}

int main(void)
{
    test_task_memory();
    test_com_init();
    test_clear_copy();
    test_conversions();
    test_media_event();
    CHECK(msess_mf_live_objects() == 0);
    return evq_result("evq-propvar");
}

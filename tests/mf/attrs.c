/* IMFAttributes from MFCreateAttributes: every method, every value type,
 * the HRESULTs Windows gives for missing items, wrong types and short
 * buffers, Compare's match types, and no object left alive. */
#include "check.h"
#include <stdio.h>
#include <string.h>

#include <windows.h>
#include <mfapi.h>
#include <mfidl.h>
#include <mferror.h>
#include <msess-mf.h>

/* Keys: any GUIDs will do; these are made up for the test. */
static const GUID K_U32 = { 0x11111111, 0, 0, { 0, 0, 0, 0, 0, 0, 0, 1 } };
static const GUID K_U64 = { 0x11111111, 0, 0, { 0, 0, 0, 0, 0, 0, 0, 2 } };
static const GUID K_DBL = { 0x11111111, 0, 0, { 0, 0, 0, 0, 0, 0, 0, 3 } };
static const GUID K_GUID = { 0x11111111, 0, 0, { 0, 0, 0, 0, 0, 0, 0, 4 } };
static const GUID K_STR = { 0x11111111, 0, 0, { 0, 0, 0, 0, 0, 0, 0, 5 } };
static const GUID K_BLOB = { 0x11111111, 0, 0, { 0, 0, 0, 0, 0, 0, 0, 6 } };
static const GUID K_UNK = { 0x11111111, 0, 0, { 0, 0, 0, 0, 0, 0, 0, 7 } };
static const GUID K_NONE = { 0x11111111, 0, 0, { 0, 0, 0, 0, 0, 0, 0, 8 } };

#define E_BUFFER HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER)

static void test_values(IMFAttributes *a, IMFAttributes *inner)
{
    static const UINT8 blob[5] = { 1, 2, 3, 4, 5 };
    CHECK_HR(IMFAttributes_SetUINT32(a, &K_U32, 0xfeedbeef), S_OK);
    CHECK_HR(IMFAttributes_SetUINT64(a, &K_U64, 0x123456789abcdef0ull), S_OK);
    CHECK_HR(IMFAttributes_SetDouble(a, &K_DBL, 2.5), S_OK);
    CHECK_HR(IMFAttributes_SetGUID(a, &K_GUID, &MFMediaType_Video), S_OK);
    CHECK_HR(IMFAttributes_SetString(a, &K_STR, L"h\u00e9llo"), S_OK);
    CHECK_HR(IMFAttributes_SetBlob(a, &K_BLOB, blob, sizeof(blob)), S_OK);
    CHECK_HR(IMFAttributes_SetUnknown(a, &K_UNK, (IUnknown *)inner), S_OK);

    UINT32 n = 0;
    CHECK_HR(IMFAttributes_GetCount(a, &n), S_OK);
    CHECK(n == 7);

    UINT32 u32 = 0;
    UINT64 u64 = 0;
    double d = 0;
    GUID g = GUID_NULL;
    CHECK_HR(IMFAttributes_GetUINT32(a, &K_U32, &u32), S_OK);
    CHECK(u32 == 0xfeedbeef);
    CHECK_HR(IMFAttributes_GetUINT64(a, &K_U64, &u64), S_OK);
    CHECK(u64 == 0x123456789abcdef0ull);
    CHECK_HR(IMFAttributes_GetDouble(a, &K_DBL, &d), S_OK);
    CHECK(d == 2.5);
    CHECK_HR(IMFAttributes_GetGUID(a, &K_GUID, &g), S_OK);
    CHECK(IsEqualGUID(&g, &MFMediaType_Video));

    /* wrong type, missing item */
    CHECK_HR(IMFAttributes_GetUINT64(a, &K_U32, &u64), MF_E_INVALIDTYPE);
    CHECK_HR(IMFAttributes_GetUINT32(a, &K_NONE, &u32), MF_E_ATTRIBUTENOTFOUND);
    CHECK_HR(IMFAttributes_GetItem(a, &K_NONE, NULL), MF_E_ATTRIBUTENOTFOUND);
    CHECK_HR(IMFAttributes_GetItem(a, &K_U32, NULL), S_OK);

    MF_ATTRIBUTE_TYPE type = 0;
    CHECK_HR(IMFAttributes_GetItemType(a, &K_STR, &type), S_OK);
    CHECK(type == MF_ATTRIBUTE_STRING);
    CHECK_HR(IMFAttributes_GetItemType(a, &K_BLOB, &type), S_OK);
    CHECK(type == MF_ATTRIBUTE_BLOB);
    CHECK_HR(IMFAttributes_GetItemType(a, &K_UNK, &type), S_OK);
    CHECK(type == MF_ATTRIBUTE_IUNKNOWN);

    /* strings: length without the terminator, buffers too small */
    UINT32 len = 0;
    WCHAR buf[16];
    CHECK_HR(IMFAttributes_GetStringLength(a, &K_STR, &len), S_OK);
    CHECK(len == 5);
    CHECK_HR(IMFAttributes_GetString(a, &K_STR, buf, 5, &len), E_BUFFER);
    CHECK_HR(IMFAttributes_GetString(a, &K_STR, buf, 6, &len), S_OK);
    CHECK(len == 5 && buf[1] == 0xe9 && buf[5] == 0);
    LPWSTR s = NULL;
    CHECK_HR(IMFAttributes_GetAllocatedString(a, &K_STR, &s, &len), S_OK);
    CHECK(s && len == 5 && s[0] == 'h' && s[4] == 'o' && s[5] == 0);
    CoTaskMemFree(s);
    CHECK_HR(IMFAttributes_GetStringLength(a, &K_BLOB, &len), MF_E_INVALIDTYPE);
    CHECK_HR(IMFAttributes_GetString(a, &K_U32, buf, 16, &len), MF_E_INVALIDTYPE);
    CHECK_HR(IMFAttributes_GetString(a, &K_NONE, buf, 16, &len), MF_E_ATTRIBUTENOTFOUND);

    /* blobs */
    UINT8 b[8] = { 0 };
    CHECK_HR(IMFAttributes_GetBlobSize(a, &K_BLOB, &len), S_OK);
    CHECK(len == 5);
    CHECK_HR(IMFAttributes_GetBlob(a, &K_BLOB, b, 4, &len), E_BUFFER);
    CHECK_HR(IMFAttributes_GetBlob(a, &K_BLOB, b, sizeof(b), &len), S_OK);
    CHECK(len == 5 && !memcmp(b, blob, 5));
    UINT8 *pb = NULL;
    CHECK_HR(IMFAttributes_GetAllocatedBlob(a, &K_BLOB, &pb, &len), S_OK);
    CHECK(pb && len == 5 && !memcmp(pb, blob, 5));
    CoTaskMemFree(pb);
    CHECK_HR(IMFAttributes_GetBlobSize(a, &K_STR, &len), MF_E_INVALIDTYPE);
    CHECK_HR(IMFAttributes_GetBlobSize(a, &K_NONE, &len), MF_E_ATTRIBUTENOTFOUND);
    CHECK_HR(IMFAttributes_GetBlob(a, &K_STR, b, sizeof(b), &len), MF_E_INVALIDTYPE);
    CHECK_HR(IMFAttributes_GetBlob(a, &K_NONE, b, sizeof(b), &len), MF_E_ATTRIBUTENOTFOUND);

    /* unknowns: QueryInterface on the stored object */
    IMFAttributes *got = NULL;
    CHECK_HR(IMFAttributes_GetUnknown(a, &K_UNK, &IID_IMFAttributes, (void **)&got), S_OK);
    CHECK(got == inner);
    if (got)
        IMFAttributes_Release(got);
    IMFMediaSession *none = NULL;
    CHECK_HR(IMFAttributes_GetUnknown(a, &K_UNK, &IID_IMFMediaSession, (void **)&none),
             E_NOINTERFACE);
    CHECK_HR(IMFAttributes_GetUnknown(a, &K_U32, &IID_IUnknown, (void **)&none),
             MF_E_INVALIDTYPE);

    /* items by index keep insertion order */
    GUID key;
    PROPVARIANT v;
    PropVariantInit(&v);
    CHECK_HR(IMFAttributes_GetItemByIndex(a, 2, &key, &v), S_OK);
    CHECK(IsEqualGUID(&key, &K_DBL) && v.vt == VT_R8 && v.dblVal == 2.5);
    PropVariantClear(&v);
    CHECK_HR(IMFAttributes_GetItemByIndex(a, 7, &key, &v), E_INVALIDARG);

    /* SetItem refuses types IMFAttributes does not hold */
    PROPVARIANT bad;
    PropVariantInit(&bad);
    bad.vt = VT_I4;
    bad.lVal = 3;
    CHECK_HR(IMFAttributes_SetItem(a, &K_NONE, &bad), MF_E_INVALIDTYPE);

    /* replacing keeps the count; CompareItem */
    CHECK_HR(IMFAttributes_SetUINT32(a, &K_U32, 7), S_OK);
    CHECK_HR(IMFAttributes_GetCount(a, &n), S_OK);
    CHECK(n == 7);
    PROPVARIANT seven;
    PropVariantInit(&seven);
    seven.vt = VT_UI4;
    seven.ulVal = 7;
    BOOL same = FALSE;
    CHECK_HR(IMFAttributes_CompareItem(a, &K_U32, &seven, &same), S_OK);
    CHECK(same);
    seven.ulVal = 8;
    CHECK_HR(IMFAttributes_CompareItem(a, &K_U32, &seven, &same), S_OK);
    CHECK(!same);
    CHECK_HR(IMFAttributes_CompareItem(a, &K_NONE, &seven, &same), S_OK);
    CHECK(!same);
}

static void test_compare_copy(IMFAttributes *a)
{
    IMFAttributes *b = NULL;
    CHECK_HR(MFCreateAttributes(&b, 4), S_OK);
    if (!b)
        return;
    CHECK_HR(IMFAttributes_CopyAllItems(a, b), S_OK);
    BOOL same = FALSE;
    CHECK_HR(IMFAttributes_Compare(a, b, MF_ATTRIBUTES_MATCH_ALL_ITEMS, &same), S_OK);
    CHECK(same);

    /* b gains an item: ours are all in theirs, not the other way round */
    CHECK_HR(IMFAttributes_SetUINT32(b, &K_NONE, 1), S_OK);
    CHECK_HR(IMFAttributes_Compare(a, b, MF_ATTRIBUTES_MATCH_OUR_ITEMS, &same), S_OK);
    CHECK(same);
    CHECK_HR(IMFAttributes_Compare(a, b, MF_ATTRIBUTES_MATCH_THEIR_ITEMS, &same), S_OK);
    CHECK(!same);
    CHECK_HR(IMFAttributes_Compare(a, b, MF_ATTRIBUTES_MATCH_ALL_ITEMS, &same), S_OK);
    CHECK(!same);
    CHECK_HR(IMFAttributes_Compare(a, b, MF_ATTRIBUTES_MATCH_SMALLER, &same), S_OK);
    CHECK(same);
    /* a value differs: the intersection no longer matches */
    CHECK_HR(IMFAttributes_SetDouble(b, &K_DBL, 3.0), S_OK);
    CHECK_HR(IMFAttributes_Compare(a, b, MF_ATTRIBUTES_MATCH_INTERSECTION, &same), S_OK);
    CHECK(!same);
    CHECK_HR(IMFAttributes_DeleteItem(b, &K_DBL), S_OK);
    CHECK_HR(IMFAttributes_Compare(a, b, MF_ATTRIBUTES_MATCH_INTERSECTION, &same), S_OK);
    CHECK(same);
    CHECK_HR(IMFAttributes_Compare(a, b, MF_ATTRIBUTES_MATCH_OUR_ITEMS, &same), S_OK);
    CHECK(!same);
    CHECK_HR(IMFAttributes_Compare(a, b, (MF_ATTRIBUTES_MATCH_TYPE)9, &same), E_INVALIDARG);

    CHECK_HR(IMFAttributes_LockStore(b), S_OK);
    CHECK_HR(IMFAttributes_UnlockStore(b), S_OK);
    CHECK_HR(IMFAttributes_DeleteAllItems(b), S_OK);
    UINT32 n = 1;
    CHECK_HR(IMFAttributes_GetCount(b, &n), S_OK);
    CHECK(n == 0);
    IMFAttributes_Release(b);
}

int main(void)
{
    LONG live = msess_mf_live_objects();
    IMFAttributes *a = NULL, *inner = NULL;
    CHECK_HR(MFCreateAttributes(NULL, 0), E_POINTER);
    CHECK_HR(MFCreateAttributes(&a, 0), S_OK);
    CHECK_HR(MFCreateAttributes(&inner, 0), S_OK);
    if (!a || !inner)
        return 1;
    CHECK(msess_mf_live_objects() == live + 2);

    IMFMediaSession *not_session = NULL;
    CHECK_HR(IMFAttributes_QueryInterface(a, &IID_IMFMediaSession, (void **)&not_session),
             E_NOINTERFACE);
    CHECK(not_session == NULL);

    test_values(a, inner);
    test_compare_copy(a);

    /* the stored unknown holds a reference until the item goes */
    CHECK(IMFAttributes_AddRef(inner) == 3);
    IMFAttributes_Release(inner);
    CHECK_HR(IMFAttributes_DeleteItem(a, &K_UNK), S_OK);
    CHECK(IMFAttributes_AddRef(inner) == 2);
    IMFAttributes_Release(inner);

    CHECK(IMFAttributes_Release(inner) == 0);
    CHECK(IMFAttributes_Release(a) == 0);
    CHECK(msess_mf_live_objects() == live);
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    return failures != 0;
}

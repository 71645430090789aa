/* The attribute store behind every IMFAttributes (events, topologies, nodes,
 * media types, descriptors, activates) and the plain attribute object of
 * MFCreateAttributes. Items keep their insertion order, as Windows'
 * GetItemByIndex does; a store holds a few dozen items at most, so lookups
 * are linear. */
#include <stdlib.h>
#include <string.h>

#include "shim.h"

#ifndef ERROR_INSUFFICIENT_BUFFER
#define ERROR_INSUFFICIENT_BUFFER 122L
#endif
#define SHIM_E_BUFFER HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER)

#define BLOB_VT (VT_VECTOR | VT_UI1)

HRESULT shim_attrs_init(shim_attrs *a)
{
    pthread_mutexattr_t ma;
    memset(a, 0, sizeof(*a));
    if (pthread_mutexattr_init(&ma))
        return E_OUTOFMEMORY;
    pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_RECURSIVE);
    int err = pthread_mutex_init(&a->lock, &ma);
    pthread_mutexattr_destroy(&ma);
    a->ready = !err;
    return err ? E_OUTOFMEMORY : S_OK;
}

void *shim_attrs_obj_new(size_t size, const shim_class *cls, const void *vtbl,
                         size_t attrs_offset)
{
    shim_obj *o = shim_obj_new(size, cls, vtbl);
    if (o && FAILED(shim_attrs_init((shim_attrs *)(void *)((char *)o + attrs_offset)))) {
        shim_obj_release(o); /* the class's destroy frees a store not initialised */
        o = NULL;
    }
    return o;
}

static void clear_items(shim_attrs *a)
{
    for (UINT32 i = 0; i < a->count; i++)
        PropVariantClear(&a->items[i].value);
    a->count = 0;
}

void shim_attrs_free(shim_attrs *a)
{
    if (!a->ready)
        return;
    a->ready = false;
    clear_items(a);
    free(a->items);
    a->items = NULL;
    a->cap = 0;
    pthread_mutex_destroy(&a->lock);
}

static shim_attr *find(shim_attrs *a, REFGUID key)
{
    for (UINT32 i = 0; i < a->count; i++)
        if (IsEqualGUID(&a->items[i].key, key))
            return &a->items[i];
    return NULL;
}

/* Lock held: the item of this key and type (vt 0: any), or NULL and *hr
 * MF_E_ATTRIBUTENOTFOUND or MF_E_INVALIDTYPE. */
static shim_attr *find_typed(shim_attrs *a, REFGUID key, VARTYPE vt, HRESULT *hr)
{
    shim_attr *it = find(a, key);
    *hr = !it ? MF_E_ATTRIBUTENOTFOUND : vt && it->value.vt != vt ? MF_E_INVALIDTYPE : S_OK;
    return SUCCEEDED(*hr) ? it : NULL;
}

static bool valid_type(VARTYPE vt)
{
    switch (vt) {
    case VT_UI4: case VT_UI8: case VT_R8: case VT_CLSID:
    case VT_LPWSTR: case BLOB_VT: case VT_UNKNOWN:
        return true;
    default:
        return false;
    }
}

/* Store a copy of value under key, replacing an item of the same key. */
static HRESULT set_value(shim_attrs *a, REFGUID key, const PROPVARIANT *value)
{
    if (!key)
        return E_POINTER;
    if (!valid_type(value->vt))
        return MF_E_INVALIDTYPE;
    PROPVARIANT copy;
    PropVariantInit(&copy);
    HRESULT hr = PropVariantCopy(&copy, value);
    if (FAILED(hr))
        return hr;
    pthread_mutex_lock(&a->lock);
    shim_attr *it = find(a, key);
    if (it) {
        PROPVARIANT old = it->value;
        it->value = copy;
        pthread_mutex_unlock(&a->lock);
        PropVariantClear(&old);
        return S_OK;
    }
    if (a->count == a->cap) {
        UINT32 cap = a->cap ? a->cap * 2 : 8;
        shim_attr *items = realloc(a->items, cap * sizeof(*items));
        if (!items) {
            pthread_mutex_unlock(&a->lock);
            PropVariantClear(&copy);
            return E_OUTOFMEMORY;
        }
        a->items = items;
        a->cap = cap;
    }
    a->items[a->count].key = *key;
    a->items[a->count].value = copy;
    a->count++;
    pthread_mutex_unlock(&a->lock);
    return S_OK;
}

/* Copy the item's value into *out (which may be NULL to test presence) if
 * it has type vt (0: any type). */
static HRESULT get_value(shim_attrs *a, REFGUID key, VARTYPE vt, PROPVARIANT *out)
{
    if (!key)
        return E_POINTER;
    HRESULT hr;
    pthread_mutex_lock(&a->lock);
    shim_attr *it = find_typed(a, key, vt, &hr);
    if (it && out)
        hr = PropVariantCopy(out, &it->value);
    pthread_mutex_unlock(&a->lock);
    return hr;
}

static bool values_equal(const PROPVARIANT *x, const PROPVARIANT *y)
{
    if (x->vt != y->vt)
        return false;
    switch (x->vt) {
    case VT_UI4: return x->ulVal == y->ulVal;
    case VT_UI8: return x->uhVal.QuadPart == y->uhVal.QuadPart;
    case VT_R8: return x->dblVal == y->dblVal;
    case VT_CLSID: return IsEqualGUID(x->puuid, y->puuid);
    case VT_LPWSTR: {
        size_t n = shim_wcslen(x->pwszVal);
        return n == shim_wcslen(y->pwszVal) &&
               !memcmp(x->pwszVal, y->pwszVal, n * sizeof(WCHAR));
    }
    case BLOB_VT:
        return x->caub.cElems == y->caub.cElems &&
               (!x->caub.cElems || !memcmp(x->caub.pElems, y->caub.pElems, x->caub.cElems));
    case VT_UNKNOWN: return x->punkVal == y->punkVal;
    default: return false;
    }
}

HRESULT shim_attrs_GetItem(shim_attrs *a, REFGUID key, PROPVARIANT *value)
{
    if (value)
        PropVariantInit(value);
    return get_value(a, key, 0, value);
}

HRESULT shim_attrs_GetItemType(shim_attrs *a, REFGUID key, MF_ATTRIBUTE_TYPE *type)
{
    if (!key || !type)
        return E_POINTER;
    HRESULT hr = S_OK;
    pthread_mutex_lock(&a->lock);
    shim_attr *it = find(a, key);
    if (it)
        *type = (MF_ATTRIBUTE_TYPE)it->value.vt;
    else
        hr = MF_E_ATTRIBUTENOTFOUND;
    pthread_mutex_unlock(&a->lock);
    return hr;
}

HRESULT shim_attrs_CompareItem(shim_attrs *a, REFGUID key, REFPROPVARIANT value,
                               BOOL *result)
{
    if (!key || !value || !result)
        return E_POINTER;
    pthread_mutex_lock(&a->lock);
    shim_attr *it = find(a, key);
    *result = it && values_equal(&it->value, value);
    pthread_mutex_unlock(&a->lock);
    return S_OK;
}

/* Whether every item of `ours` is in `theirs` with an equal value (only items
 * present in both when intersect is set). */
static HRESULT items_in(shim_attrs *ours, IMFAttributes *theirs, bool intersect,
                        BOOL *result)
{
    HRESULT hr = S_OK;
    *result = TRUE;
    pthread_mutex_lock(&ours->lock);
    for (UINT32 i = 0; i < ours->count && *result; i++) {
        PROPVARIANT v;
        PropVariantInit(&v);
        hr = IMFAttributes_GetItem(theirs, &ours->items[i].key, &v);
        if (hr == MF_E_ATTRIBUTENOTFOUND) {
            hr = S_OK;
            if (!intersect)
                *result = FALSE;
            continue;
        }
        if (FAILED(hr))
            break;
        *result = values_equal(&ours->items[i].value, &v);
        PropVariantClear(&v);
    }
    pthread_mutex_unlock(&ours->lock);
    return hr;
}

/* The other store's items compared against ours, through its interface. */
static HRESULT theirs_in(shim_attrs *ours, IMFAttributes *theirs, BOOL *result)
{
    UINT32 n = 0;
    HRESULT hr = IMFAttributes_GetCount(theirs, &n);
    *result = TRUE;
    for (UINT32 i = 0; SUCCEEDED(hr) && i < n && *result; i++) {
        GUID key;
        PROPVARIANT v;
        PropVariantInit(&v);
        hr = IMFAttributes_GetItemByIndex(theirs, i, &key, &v);
        if (FAILED(hr))
            break;
        BOOL same = FALSE;
        hr = shim_attrs_CompareItem(ours, &key, &v, &same);
        *result = same;
        PropVariantClear(&v);
    }
    return hr;
}

HRESULT shim_attrs_Compare(shim_attrs *a, IMFAttributes *theirs,
                           MF_ATTRIBUTES_MATCH_TYPE type, BOOL *result)
{
    if (!theirs || !result)
        return E_POINTER;
    *result = FALSE;
    UINT32 n_theirs = 0;
    HRESULT hr = IMFAttributes_GetCount(theirs, &n_theirs);
    if (FAILED(hr))
        return hr;
    pthread_mutex_lock(&a->lock);
    switch (type) {
    case MF_ATTRIBUTES_MATCH_OUR_ITEMS:
        hr = items_in(a, theirs, false, result);
        break;
    case MF_ATTRIBUTES_MATCH_THEIR_ITEMS:
        hr = theirs_in(a, theirs, result);
        break;
    case MF_ATTRIBUTES_MATCH_ALL_ITEMS:
        if (a->count == n_theirs)
            hr = items_in(a, theirs, false, result);
        break;
    case MF_ATTRIBUTES_MATCH_INTERSECTION:
        hr = items_in(a, theirs, true, result);
        break;
    case MF_ATTRIBUTES_MATCH_SMALLER:
        hr = a->count <= n_theirs ? items_in(a, theirs, false, result)
                                  : theirs_in(a, theirs, result);
        break;
    default:
        hr = E_INVALIDARG;
    }
    pthread_mutex_unlock(&a->lock);
    return hr;
}

#define GET_SCALAR(vt_, field, value)                         \
    PROPVARIANT v;                                            \
    if (!(value))                                             \
        return E_POINTER;                                     \
    PropVariantInit(&v);                                      \
    HRESULT hr = get_value(a, key, (vt_), &v);                \
    if (SUCCEEDED(hr))                                        \
        *(value) = v.field;                                   \
    return hr

HRESULT shim_attrs_GetUINT32(shim_attrs *a, REFGUID key, UINT32 *value)
{
    GET_SCALAR(VT_UI4, ulVal, value);
}

HRESULT shim_attrs_GetUINT64(shim_attrs *a, REFGUID key, UINT64 *value)
{
    GET_SCALAR(VT_UI8, uhVal.QuadPart, value);
}

HRESULT shim_attrs_GetDouble(shim_attrs *a, REFGUID key, double *value)
{
    GET_SCALAR(VT_R8, dblVal, value);
}

HRESULT shim_attrs_GetGUID(shim_attrs *a, REFGUID key, GUID *value)
{
    if (!value)
        return E_POINTER;
    PROPVARIANT v;
    PropVariantInit(&v);
    HRESULT hr = get_value(a, key, VT_CLSID, &v);
    if (SUCCEEDED(hr)) {
        *value = *v.puuid;
        PropVariantClear(&v);
    }
    return hr;
}

HRESULT shim_attrs_GetStringLength(shim_attrs *a, REFGUID key, UINT32 *length)
{
    if (!key || !length)
        return E_POINTER;
    HRESULT hr;
    pthread_mutex_lock(&a->lock);
    shim_attr *it = find_typed(a, key, VT_LPWSTR, &hr);
    if (it)
        *length = (UINT32)shim_wcslen(it->value.pwszVal);
    pthread_mutex_unlock(&a->lock);
    return hr;
}

HRESULT shim_attrs_GetString(shim_attrs *a, REFGUID key, LPWSTR value, UINT32 size,
                             UINT32 *length)
{
    if (!key || !value)
        return E_POINTER;
    HRESULT hr;
    pthread_mutex_lock(&a->lock);
    shim_attr *it = find_typed(a, key, VT_LPWSTR, &hr);
    if (it) {
        UINT32 n = (UINT32)shim_wcslen(it->value.pwszVal);
        if (n >= size) {
            hr = SHIM_E_BUFFER;
        } else {
            memcpy(value, it->value.pwszVal, (n + 1) * sizeof(WCHAR));
            if (length)
                *length = n;
        }
    }
    pthread_mutex_unlock(&a->lock);
    return hr;
}

HRESULT shim_attrs_GetAllocatedString(shim_attrs *a, REFGUID key, LPWSTR *value,
                                      UINT32 *length)
{
    if (!value || !length)
        return E_POINTER;
    *value = NULL;
    *length = 0;
    PROPVARIANT v;
    PropVariantInit(&v);
    HRESULT hr = get_value(a, key, VT_LPWSTR, &v);
    if (SUCCEEDED(hr)) {
        /* the copy was made with CoTaskMemAlloc: it is the caller's now */
        *value = v.pwszVal;
        *length = (UINT32)shim_wcslen(v.pwszVal);
    }
    return hr;
}

HRESULT shim_attrs_GetBlobSize(shim_attrs *a, REFGUID key, UINT32 *size)
{
    if (!key || !size)
        return E_POINTER;
    HRESULT hr;
    pthread_mutex_lock(&a->lock);
    shim_attr *it = find_typed(a, key, BLOB_VT, &hr);
    if (it)
        *size = it->value.caub.cElems;
    pthread_mutex_unlock(&a->lock);
    return hr;
}

HRESULT shim_attrs_GetBlob(shim_attrs *a, REFGUID key, UINT8 *buf, UINT32 bufsize,
                           UINT32 *blobsize)
{
    if (!key || !buf)
        return E_POINTER;
    HRESULT hr;
    pthread_mutex_lock(&a->lock);
    shim_attr *it = find_typed(a, key, BLOB_VT, &hr);
    if (it && it->value.caub.cElems > bufsize) {
        hr = SHIM_E_BUFFER;
    } else if (it) {
        if (it->value.caub.cElems)
            memcpy(buf, it->value.caub.pElems, it->value.caub.cElems);
        if (blobsize)
            *blobsize = it->value.caub.cElems;
    }
    pthread_mutex_unlock(&a->lock);
    return hr;
}

HRESULT shim_attrs_GetAllocatedBlob(shim_attrs *a, REFGUID key, UINT8 **buf,
                                    UINT32 *size)
{
    if (!buf || !size)
        return E_POINTER;
    *buf = NULL;
    *size = 0;
    PROPVARIANT v;
    PropVariantInit(&v);
    HRESULT hr = get_value(a, key, BLOB_VT, &v);
    if (SUCCEEDED(hr)) {
        *buf = v.caub.pElems; /* CoTaskMemAlloc'd by the copy */
        *size = v.caub.cElems;
    }
    return hr;
}

HRESULT shim_attrs_GetUnknown(shim_attrs *a, REFGUID key, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    PROPVARIANT v;
    PropVariantInit(&v);
    HRESULT hr = get_value(a, key, VT_UNKNOWN, &v);
    if (FAILED(hr))
        return hr;
    hr = v.punkVal ? IUnknown_QueryInterface(v.punkVal, riid, out) : E_NOINTERFACE;
    PropVariantClear(&v);
    return hr;
}

HRESULT shim_attrs_SetItem(shim_attrs *a, REFGUID key, REFPROPVARIANT value)
{
    if (!value)
        return E_POINTER;
    return set_value(a, key, value);
}

HRESULT shim_attrs_DeleteItem(shim_attrs *a, REFGUID key)
{
    if (!key)
        return E_POINTER;
    PROPVARIANT old;
    PropVariantInit(&old);
    pthread_mutex_lock(&a->lock);
    shim_attr *it = find(a, key);
    if (it) {
        old = it->value;
        size_t i = (size_t)(it - a->items);
        memmove(it, it + 1, (a->count - i - 1) * sizeof(*it));
        a->count--;
    }
    pthread_mutex_unlock(&a->lock);
    PropVariantClear(&old);
    return S_OK;
}

HRESULT shim_attrs_DeleteAllItems(shim_attrs *a)
{
    pthread_mutex_lock(&a->lock);
    clear_items(a);
    pthread_mutex_unlock(&a->lock);
    return S_OK;
}

HRESULT shim_attrs_SetUINT32(shim_attrs *a, REFGUID key, UINT32 value)
{
    PROPVARIANT v = { .vt = VT_UI4 };
    v.ulVal = value;
    return set_value(a, key, &v);
}

HRESULT shim_attrs_SetUINT64(shim_attrs *a, REFGUID key, UINT64 value)
{
    PROPVARIANT v = { .vt = VT_UI8 };
    v.uhVal.QuadPart = value;
    return set_value(a, key, &v);
}

HRESULT shim_attrs_SetDouble(shim_attrs *a, REFGUID key, double value)
{
    PROPVARIANT v = { .vt = VT_R8 };
    v.dblVal = value;
    return set_value(a, key, &v);
}

HRESULT shim_attrs_SetGUID(shim_attrs *a, REFGUID key, REFGUID value)
{
    if (!value)
        return E_POINTER;
    PROPVARIANT v = { .vt = VT_CLSID };
    v.puuid = (CLSID *)value;
    return set_value(a, key, &v);
}

HRESULT shim_attrs_SetString(shim_attrs *a, REFGUID key, LPCWSTR value)
{
    if (!value)
        return E_POINTER;
    PROPVARIANT v = { .vt = VT_LPWSTR };
    v.pwszVal = (LPWSTR)value;
    return set_value(a, key, &v);
}

HRESULT shim_attrs_SetBlob(shim_attrs *a, REFGUID key, const UINT8 *buf, UINT32 size)
{
    if (!buf && size)
        return E_POINTER;
    PROPVARIANT v = { .vt = BLOB_VT };
    v.caub.cElems = size;
    v.caub.pElems = (UCHAR *)buf;
    return set_value(a, key, &v);
}

HRESULT shim_attrs_SetUnknown(shim_attrs *a, REFGUID key, IUnknown *unk)
{
    PROPVARIANT v = { .vt = VT_UNKNOWN };
    v.punkVal = unk;
    return set_value(a, key, &v);
}

HRESULT shim_attrs_LockStore(shim_attrs *a)
{
    pthread_mutex_lock(&a->lock);
    return S_OK;
}

HRESULT shim_attrs_UnlockStore(shim_attrs *a)
{
    pthread_mutex_unlock(&a->lock);
    return S_OK;
}

HRESULT shim_attrs_GetCount(shim_attrs *a, UINT32 *count)
{
    if (!count)
        return E_POINTER;
    pthread_mutex_lock(&a->lock);
    *count = a->count;
    pthread_mutex_unlock(&a->lock);
    return S_OK;
}

HRESULT shim_attrs_GetItemByIndex(shim_attrs *a, UINT32 index, GUID *key,
                                  PROPVARIANT *value)
{
    if (!key)
        return E_POINTER;
    if (value)
        PropVariantInit(value);
    HRESULT hr = S_OK;
    pthread_mutex_lock(&a->lock);
    if (index >= a->count) {
        hr = E_INVALIDARG;
    } else {
        *key = a->items[index].key;
        if (value)
            hr = PropVariantCopy(value, &a->items[index].value);
    }
    pthread_mutex_unlock(&a->lock);
    return hr;
}

HRESULT shim_attrs_CopyAllItems(shim_attrs *a, IMFAttributes *dest)
{
    if (!dest)
        return E_POINTER;
    pthread_mutex_lock(&a->lock);
    HRESULT hr = IMFAttributes_DeleteAllItems(dest);
    for (UINT32 i = 0; SUCCEEDED(hr) && i < a->count; i++)
        hr = IMFAttributes_SetItem(dest, &a->items[i].key, &a->items[i].value);
    pthread_mutex_unlock(&a->lock);
    return hr;
}

HRESULT shim_attrs_copy_from(shim_attrs *a, shim_attrs *src)
{
    if (a == src)
        return S_OK;
    pthread_mutex_lock(&src->lock);
    HRESULT hr = S_OK;
    for (UINT32 i = 0; SUCCEEDED(hr) && i < src->count; i++)
        hr = set_value(a, &src->items[i].key, &src->items[i].value);
    pthread_mutex_unlock(&src->lock);
    return hr;
}

/* ------------------------------------------------ MFCreateAttributes */

typedef struct attributes {
    shim_obj base;
    shim_attrs attrs;
} attributes;

static void attributes_destroy(void *obj)
{
    shim_attrs_free(&((attributes *)obj)->attrs);
}

static const shim_iface attributes_ifaces[] = {
    { &IID_IMFAttributes, 0 },
    { NULL, 0 },
};

static const shim_class attributes_class = {
    .name = "attributes",
    .ifaces = attributes_ifaces,
    .destroy = attributes_destroy,
};

SHIM_IUNKNOWN(attributes_, IMFAttributes, attributes, base)
SHIM_ATTRIBUTES(attributes_, IMFAttributes, attributes)

static const IMFAttributesVtbl attributes_vtbl = {
    SHIM_IUNKNOWN_VTBL(attributes_),
    SHIM_ATTRIBUTES_VTBL(attributes_),
};

HRESULT WINAPI MFCreateAttributes(IMFAttributes **out, UINT32 size)
{
    (void)size; /* a hint only */
    if (!out)
        return E_POINTER;
    *out = NULL;
    attributes *o = shim_attrs_obj_new(sizeof(*o), &attributes_class, &attributes_vtbl, offsetof(attributes, attrs));
    if (!o)
        return E_OUTOFMEMORY;
    *out = (IMFAttributes *)o;
    return S_OK;
}

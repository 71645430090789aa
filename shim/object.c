/* The COM object header every shim object starts with: reference counting,
 * QueryInterface from the class's interface table, and the count of live
 * objects that the tests use to find leaks. */
#include <stdlib.h>
#include <string.h>

#include "shim.h"
#include <msess-mf.h>

static volatile LONG live_objects;

/* QueryInterface for this IID answers with the shim object itself, without a
 * new reference: how shim_obj_cast recognises its own objects among foreign
 * ones. {5d1c8e0a-3f7b-4a52-9c6e-7b1f0d2e4a91} is ours, private. */
static const GUID IID_shim_self = {
    0x5d1c8e0a, 0x3f7b, 0x4a52, { 0x9c, 0x6e, 0x7b, 0x1f, 0x0d, 0x2e, 0x4a, 0x91 }
};

void *shim_obj_new(size_t size, const shim_class *cls, const void *vtbl)
{
    shim_obj *o = calloc(1, size);
    if (!o)
        return NULL;
    o->lpVtbl = vtbl;
    o->cls = cls;
    o->refs = 1;
    __atomic_add_fetch(&live_objects, 1, __ATOMIC_RELAXED);
    return o;
}

HRESULT shim_obj_query(shim_obj *o, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!riid)
        return E_INVALIDARG;
    if (IsEqualGUID(riid, &IID_shim_self)) {
        *out = o;
        return S_OK;
    }
    size_t offset = 0;
    bool found = IsEqualGUID(riid, &IID_IUnknown);
    for (const shim_iface *i = o->cls->ifaces; !found && i && i->iid; i++) {
        if (IsEqualGUID(riid, i->iid)) {
            offset = i->offset;
            found = true;
        }
    }
    if (!found)
        return E_NOINTERFACE;
    shim_obj_addref(o);
    *out = (char *)o + offset;
    return S_OK;
}

ULONG shim_obj_addref(shim_obj *o)
{
    return (ULONG)__atomic_add_fetch(&o->refs, 1, __ATOMIC_RELAXED);
}

ULONG shim_obj_release(shim_obj *o)
{
    LONG left = __atomic_sub_fetch(&o->refs, 1, __ATOMIC_ACQ_REL);
    if (left == 0) {
        if (o->cls->destroy)
            o->cls->destroy(o);
        free(o);
        __atomic_sub_fetch(&live_objects, 1, __ATOMIC_RELAXED);
    }
    return (ULONG)left;
}

void *shim_obj_cast(IUnknown *unk, const shim_class *cls)
{
    void *self = NULL;
    if (!unk || FAILED(IUnknown_QueryInterface(unk, &IID_shim_self, &self)) || !self)
        return NULL;
    return ((shim_obj *)self)->cls == cls ? self : NULL;
}

LONG shim_live_objects(void)
{
    return __atomic_load_n(&live_objects, __ATOMIC_RELAXED);
}

MSESS_MF_API LONG WINAPI msess_mf_live_objects(void)
{
    return shim_live_objects();
}

/* IMFMediaEvent: an attribute store plus the event's type, extended type,
 * status and value, fixed at creation (MFCreateMediaEvent). */
#include <string.h>

#include "shim.h"

typedef struct media_event {
    shim_obj base;
    shim_attrs attrs;
    MediaEventType type;
    GUID ext_type;
    HRESULT status;
    PROPVARIANT value;
} media_event;

static media_event *event_from(IMFMediaEvent *iface)
{
    return SHIM_FROM(media_event, base, iface);
}

SHIM_IUNKNOWN(ev_, IMFMediaEvent, media_event, base)
SHIM_ATTRIBUTES(ev_, IMFMediaEvent, media_event)

static HRESULT STDMETHODCALLTYPE ev_GetType(IMFMediaEvent *iface, MediaEventType *type)
{
    if (!type)
        return E_POINTER;
    *type = event_from(iface)->type;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE ev_GetExtendedType(IMFMediaEvent *iface, GUID *ext_type)
{
    if (!ext_type)
        return E_POINTER;
    *ext_type = event_from(iface)->ext_type;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE ev_GetStatus(IMFMediaEvent *iface, HRESULT *status)
{
    if (!status)
        return E_POINTER;
    *status = event_from(iface)->status;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE ev_GetValue(IMFMediaEvent *iface, PROPVARIANT *value)
{
    if (!value)
        return E_POINTER;
    return PropVariantCopy(value, &event_from(iface)->value);
}

static const IMFMediaEventVtbl media_event_vtbl = {
    SHIM_IUNKNOWN_VTBL(ev_),
    SHIM_ATTRIBUTES_VTBL(ev_),
    .GetType = ev_GetType,
    .GetExtendedType = ev_GetExtendedType,
    .GetStatus = ev_GetStatus,
    .GetValue = ev_GetValue,
};

static void media_event_destroy(void *obj)
{
    media_event *ev = obj;
    PropVariantClear(&ev->value);
    shim_attrs_free(&ev->attrs);
}

static const shim_iface media_event_ifaces[] = {
    { &IID_IMFMediaEvent, 0 },
    { &IID_IMFAttributes, 0 },
    { NULL, 0 },
};

static const shim_class media_event_class = {
    .name = "IMFMediaEvent",
    .ifaces = media_event_ifaces,
    .destroy = media_event_destroy,
};

HRESULT WINAPI MFCreateMediaEvent(MediaEventType type, REFGUID ext_type, HRESULT status,
                                  const PROPVARIANT *value, IMFMediaEvent **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    media_event *ev = shim_obj_new(sizeof(*ev), &media_event_class, &media_event_vtbl);
    if (!ev)
        return E_OUTOFMEMORY;
    /* destroy copes with a value or store not set up (zeroed). */
    HRESULT hr = shim_attrs_init(&ev->attrs);
    if (SUCCEEDED(hr) && value)
        hr = PropVariantCopy(&ev->value, value);
    if (FAILED(hr)) {
        shim_obj_release(&ev->base);
        return hr;
    }
    ev->type = type;
    ev->ext_type = ext_type ? *ext_type : GUID_NULL;
    ev->status = status;
    *out = (IMFMediaEvent *)ev;
    return S_OK;
}

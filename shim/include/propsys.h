/* IPropertyStore (msess's Windows-compatible headers; see windows.h):
 * IMFSourceResolver takes one. */
#ifndef MSESS_MF_PROPSYS_H
#define MSESS_MF_PROPSYS_H

#include <msess-mf-base.h>
#include <unknwn.h>
#include <propidl.h>

/* @generated forward */
typedef interface IPropertyStore IPropertyStore;
/* @end generated */

/* @generated group propsys */
/* IPropertyStore {886d8eeb-8cf2-4446-8d02-cdba1dbdcf99} */
DEFINE_GUID(IID_IPropertyStore, 0x886d8eeb, 0x8cf2, 0x4446, 0x8d, 0x02, 0xcd, 0xba, 0x1d, 0xbd, 0xcf, 0x99);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IPropertyStore, "886d8eeb-8cf2-4446-8d02-cdba1dbdcf99") : public IUnknown {
    virtual HRESULT STDMETHODCALLTYPE GetCount(DWORD *cProps) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetAt(DWORD iProp, PROPERTYKEY *pkey) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetValue(REFPROPERTYKEY key, PROPVARIANT *pv) = 0;
    virtual HRESULT STDMETHODCALLTYPE SetValue(REFPROPERTYKEY key, REFPROPVARIANT propvar) = 0;
    virtual HRESULT STDMETHODCALLTYPE Commit() = 0;
};
MSESS_MF_UUIDOF(IPropertyStore, 0x886d8eeb, 0x8cf2, 0x4446, 0x8d, 0x02, 0xcd, 0xba, 0x1d, 0xbd, 0xcf, 0x99)
#else
typedef struct IPropertyStoreVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IPropertyStore *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IPropertyStore *This);
    ULONG (STDMETHODCALLTYPE *Release)(IPropertyStore *This);
    HRESULT (STDMETHODCALLTYPE *GetCount)(IPropertyStore *This, DWORD *cProps);
    HRESULT (STDMETHODCALLTYPE *GetAt)(IPropertyStore *This, DWORD iProp, PROPERTYKEY *pkey);
    HRESULT (STDMETHODCALLTYPE *GetValue)(IPropertyStore *This, REFPROPERTYKEY key, PROPVARIANT *pv);
    HRESULT (STDMETHODCALLTYPE *SetValue)(IPropertyStore *This, REFPROPERTYKEY key, REFPROPVARIANT propvar);
    HRESULT (STDMETHODCALLTYPE *Commit)(IPropertyStore *This);
    END_INTERFACE
} IPropertyStoreVtbl;
interface IPropertyStore {
    CONST_VTBL IPropertyStoreVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IPropertyStore_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IPropertyStore_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IPropertyStore_Release(This) (This)->lpVtbl->Release(This)
#define IPropertyStore_GetCount(This,cProps) (This)->lpVtbl->GetCount(This,cProps)
#define IPropertyStore_GetAt(This,iProp,pkey) (This)->lpVtbl->GetAt(This,iProp,pkey)
#define IPropertyStore_GetValue(This,key,pv) (This)->lpVtbl->GetValue(This,key,pv)
#define IPropertyStore_SetValue(This,key,propvar) (This)->lpVtbl->SetValue(This,key,propvar)
#define IPropertyStore_Commit(This) (This)->lpVtbl->Commit(This)
#endif
#endif
/* @end generated */

#endif

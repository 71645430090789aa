/* The video renderer's display control (msess's Windows-compatible headers;
 * see windows.h). */
#ifndef MSESS_MF_EVR_H
#define MSESS_MF_EVR_H

#include <msess-mf-base.h>
#include <mfidl.h>

/* @generated forward */
typedef interface IMFVideoDisplayControl IMFVideoDisplayControl;
/* @end generated */

typedef enum MFVideoAspectRatioMode {
    MFVideoARMode_None = 0x0,
    MFVideoARMode_PreservePicture = 0x1,
    MFVideoARMode_PreservePixel = 0x2,
    MFVideoARMode_NonLinearStretch = 0x4,
    MFVideoARMode_Mask = 0x7
} MFVideoAspectRatioMode;

typedef enum MFVideoRenderPrefs {
    MFVideoRenderPrefs_DoNotRenderBorder = 0x1,
    MFVideoRenderPrefs_DoNotClipToDevice = 0x2,
    MFVideoRenderPrefs_AllowOutputThrottling = 0x4,
    MFVideoRenderPrefs_ForceOutputThrottling = 0x8,
    MFVideoRenderPrefs_ForceBatching = 0x10,
    MFVideoRenderPrefs_AllowBatching = 0x20,
    MFVideoRenderPrefs_ForceScaling = 0x40,
    MFVideoRenderPrefs_AllowScaling = 0x80,
    MFVideoRenderPrefs_DoNotRepaintOnStop = 0x100,
    MFVideoRenderPrefs_Mask = 0x1ff
} MFVideoRenderPrefs;

/* A rectangle in [0, 1] coordinates: {0, 0, 1, 1} is the whole frame. */
#ifndef _MFVideoNormalizedRect_
#define _MFVideoNormalizedRect_
typedef struct MFVideoNormalizedRect {
    float left;
    float top;
    float right;
    float bottom;
} MFVideoNormalizedRect;
#endif

/* @generated group evr */
/* IMFVideoDisplayControl {a490b1e4-ab84-4d31-a1b2-181e03b1077a} */
DEFINE_GUID(IID_IMFVideoDisplayControl, 0xa490b1e4, 0xab84, 0x4d31, 0xa1, 0xb2, 0x18, 0x1e, 0x03, 0xb1, 0x07, 0x7a);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFVideoDisplayControl, "a490b1e4-ab84-4d31-a1b2-181e03b1077a") : public IUnknown {
    virtual HRESULT STDMETHODCALLTYPE GetNativeVideoSize(SIZE *pszVideo, SIZE *pszARVideo) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetIdealVideoSize(SIZE *pszMin, SIZE *pszMax) = 0;
    virtual HRESULT STDMETHODCALLTYPE SetVideoPosition(const MFVideoNormalizedRect *pnrcSource, const LPRECT prcDest) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetVideoPosition(MFVideoNormalizedRect *pnrcSource, LPRECT prcDest) = 0;
    virtual HRESULT STDMETHODCALLTYPE SetAspectRatioMode(DWORD dwAspectRatioMode) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetAspectRatioMode(DWORD *pdwAspectRatioMode) = 0;
    virtual HRESULT STDMETHODCALLTYPE SetVideoWindow(HWND hwndVideo) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetVideoWindow(HWND *phwndVideo) = 0;
    virtual HRESULT STDMETHODCALLTYPE RepaintVideo() = 0;
    virtual HRESULT STDMETHODCALLTYPE GetCurrentImage(BITMAPINFOHEADER *pBih, BYTE **pDib, DWORD *pcbDib, LONGLONG *pTimeStamp) = 0;
    virtual HRESULT STDMETHODCALLTYPE SetBorderColor(COLORREF Clr) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetBorderColor(COLORREF *pClr) = 0;
    virtual HRESULT STDMETHODCALLTYPE SetRenderingPrefs(DWORD dwRenderFlags) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetRenderingPrefs(DWORD *pdwRenderFlags) = 0;
    virtual HRESULT STDMETHODCALLTYPE SetFullscreen(BOOL fFullscreen) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetFullscreen(BOOL *pfFullscreen) = 0;
};
MSESS_MF_UUIDOF(IMFVideoDisplayControl, 0xa490b1e4, 0xab84, 0x4d31, 0xa1, 0xb2, 0x18, 0x1e, 0x03, 0xb1, 0x07, 0x7a)
#else
typedef struct IMFVideoDisplayControlVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFVideoDisplayControl *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFVideoDisplayControl *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFVideoDisplayControl *This);
    HRESULT (STDMETHODCALLTYPE *GetNativeVideoSize)(IMFVideoDisplayControl *This, SIZE *pszVideo, SIZE *pszARVideo);
    HRESULT (STDMETHODCALLTYPE *GetIdealVideoSize)(IMFVideoDisplayControl *This, SIZE *pszMin, SIZE *pszMax);
    HRESULT (STDMETHODCALLTYPE *SetVideoPosition)(IMFVideoDisplayControl *This, const MFVideoNormalizedRect *pnrcSource, const LPRECT prcDest);
    HRESULT (STDMETHODCALLTYPE *GetVideoPosition)(IMFVideoDisplayControl *This, MFVideoNormalizedRect *pnrcSource, LPRECT prcDest);
    HRESULT (STDMETHODCALLTYPE *SetAspectRatioMode)(IMFVideoDisplayControl *This, DWORD dwAspectRatioMode);
    HRESULT (STDMETHODCALLTYPE *GetAspectRatioMode)(IMFVideoDisplayControl *This, DWORD *pdwAspectRatioMode);
    HRESULT (STDMETHODCALLTYPE *SetVideoWindow)(IMFVideoDisplayControl *This, HWND hwndVideo);
    HRESULT (STDMETHODCALLTYPE *GetVideoWindow)(IMFVideoDisplayControl *This, HWND *phwndVideo);
    HRESULT (STDMETHODCALLTYPE *RepaintVideo)(IMFVideoDisplayControl *This);
    HRESULT (STDMETHODCALLTYPE *GetCurrentImage)(IMFVideoDisplayControl *This, BITMAPINFOHEADER *pBih, BYTE **pDib, DWORD *pcbDib, LONGLONG *pTimeStamp);
    HRESULT (STDMETHODCALLTYPE *SetBorderColor)(IMFVideoDisplayControl *This, COLORREF Clr);
    HRESULT (STDMETHODCALLTYPE *GetBorderColor)(IMFVideoDisplayControl *This, COLORREF *pClr);
    HRESULT (STDMETHODCALLTYPE *SetRenderingPrefs)(IMFVideoDisplayControl *This, DWORD dwRenderFlags);
    HRESULT (STDMETHODCALLTYPE *GetRenderingPrefs)(IMFVideoDisplayControl *This, DWORD *pdwRenderFlags);
    HRESULT (STDMETHODCALLTYPE *SetFullscreen)(IMFVideoDisplayControl *This, BOOL fFullscreen);
    HRESULT (STDMETHODCALLTYPE *GetFullscreen)(IMFVideoDisplayControl *This, BOOL *pfFullscreen);
    END_INTERFACE
} IMFVideoDisplayControlVtbl;
interface IMFVideoDisplayControl {
    CONST_VTBL IMFVideoDisplayControlVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFVideoDisplayControl_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFVideoDisplayControl_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFVideoDisplayControl_Release(This) (This)->lpVtbl->Release(This)
#define IMFVideoDisplayControl_GetNativeVideoSize(This,pszVideo,pszARVideo) (This)->lpVtbl->GetNativeVideoSize(This,pszVideo,pszARVideo)
#define IMFVideoDisplayControl_GetIdealVideoSize(This,pszMin,pszMax) (This)->lpVtbl->GetIdealVideoSize(This,pszMin,pszMax)
#define IMFVideoDisplayControl_SetVideoPosition(This,pnrcSource,prcDest) (This)->lpVtbl->SetVideoPosition(This,pnrcSource,prcDest)
#define IMFVideoDisplayControl_GetVideoPosition(This,pnrcSource,prcDest) (This)->lpVtbl->GetVideoPosition(This,pnrcSource,prcDest)
#define IMFVideoDisplayControl_SetAspectRatioMode(This,dwAspectRatioMode) (This)->lpVtbl->SetAspectRatioMode(This,dwAspectRatioMode)
#define IMFVideoDisplayControl_GetAspectRatioMode(This,pdwAspectRatioMode) (This)->lpVtbl->GetAspectRatioMode(This,pdwAspectRatioMode)
#define IMFVideoDisplayControl_SetVideoWindow(This,hwndVideo) (This)->lpVtbl->SetVideoWindow(This,hwndVideo)
#define IMFVideoDisplayControl_GetVideoWindow(This,phwndVideo) (This)->lpVtbl->GetVideoWindow(This,phwndVideo)
#define IMFVideoDisplayControl_RepaintVideo(This) (This)->lpVtbl->RepaintVideo(This)
#define IMFVideoDisplayControl_GetCurrentImage(This,pBih,pDib,pcbDib,pTimeStamp) (This)->lpVtbl->GetCurrentImage(This,pBih,pDib,pcbDib,pTimeStamp)
#define IMFVideoDisplayControl_SetBorderColor(This,Clr) (This)->lpVtbl->SetBorderColor(This,Clr)
#define IMFVideoDisplayControl_GetBorderColor(This,pClr) (This)->lpVtbl->GetBorderColor(This,pClr)
#define IMFVideoDisplayControl_SetRenderingPrefs(This,dwRenderFlags) (This)->lpVtbl->SetRenderingPrefs(This,dwRenderFlags)
#define IMFVideoDisplayControl_GetRenderingPrefs(This,pdwRenderFlags) (This)->lpVtbl->GetRenderingPrefs(This,pdwRenderFlags)
#define IMFVideoDisplayControl_SetFullscreen(This,fFullscreen) (This)->lpVtbl->SetFullscreen(This,fFullscreen)
#define IMFVideoDisplayControl_GetFullscreen(This,pfFullscreen) (This)->lpVtbl->GetFullscreen(This,pfFullscreen)
#endif
#endif

DEFINE_GUID(MR_VIDEO_RENDER_SERVICE, 0x1092a86c, 0xab1a, 0x459a, 0xa3, 0x36, 0x83, 0x1f, 0xbc, 0x4d, 0x11, 0xff);
DEFINE_GUID(MR_VIDEO_MIXER_SERVICE, 0x073cd2fc, 0x6cf4, 0x40b7, 0x88, 0x59, 0xe8, 0x95, 0x52, 0xc8, 0x41, 0xf8);
DEFINE_GUID(MR_VIDEO_ACCELERATION_SERVICE, 0xefef5175, 0x5c7d, 0x4ce2, 0xbb, 0xbd, 0x34, 0xff, 0x8b, 0xca, 0x65, 0x54);
/* @end generated */

#endif

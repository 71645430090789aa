/* Media Foundation's pipeline interfaces: the media session, topologies,
 * clocks, media sources and sinks, the source resolver, rate control,
 * volume, the sample grabber callback; their enums, attribute and service
 * GUIDs, and the functions that create them (msess's Windows-compatible
 * headers; see windows.h). */
#ifndef MSESS_MF_MFIDL_H
#define MSESS_MF_MFIDL_H

#include <msess-mf-base.h>
#include <mfobjects.h>

/* @generated forward */
typedef interface IMFTopologyNode IMFTopologyNode;
typedef interface IMFTopology IMFTopology;
typedef interface IMFGetService IMFGetService;
typedef interface IMFClock IMFClock;
typedef interface IMFMediaSession IMFMediaSession;
typedef interface IMFMediaTypeHandler IMFMediaTypeHandler;
typedef interface IMFStreamDescriptor IMFStreamDescriptor;
typedef interface IMFPresentationDescriptor IMFPresentationDescriptor;
typedef interface IMFMediaSource IMFMediaSource;
typedef interface IMFMediaStream IMFMediaStream;
typedef interface IMFClockStateSink IMFClockStateSink;
typedef interface IMFPresentationTimeSource IMFPresentationTimeSource;
typedef interface IMFPresentationClock IMFPresentationClock;
typedef interface IMFStreamSink IMFStreamSink;
typedef interface IMFMediaSink IMFMediaSink;
typedef interface IMFSampleGrabberSinkCallback IMFSampleGrabberSinkCallback;
typedef interface IMFSampleGrabberSinkCallback2 IMFSampleGrabberSinkCallback2;
typedef interface IMFSourceResolver IMFSourceResolver;
typedef interface IMFRateControl IMFRateControl;
typedef interface IMFRateSupport IMFRateSupport;
typedef interface IMFSimpleAudioVolume IMFSimpleAudioVolume;
typedef interface IMFAudioStreamVolume IMFAudioStreamVolume;
typedef interface IMFTopoLoader IMFTopoLoader;
typedef interface IMFShutdown IMFShutdown;
typedef interface IMFTimer IMFTimer;
/* @end generated */

/* ------------------------------------------------------------- topologies */

typedef UINT64 TOPOID;

typedef enum MF_TOPOLOGY_TYPE {
    MF_TOPOLOGY_OUTPUT_NODE = 0,
    MF_TOPOLOGY_SOURCESTREAM_NODE = 1,
    MF_TOPOLOGY_TRANSFORM_NODE = 2,
    MF_TOPOLOGY_TEE_NODE = 3,
    MF_TOPOLOGY_MAX = 0xffffffff
} MF_TOPOLOGY_TYPE;

typedef enum _MF_CONNECT_METHOD {
    MF_CONNECT_DIRECT = 0x00000000,
    MF_CONNECT_ALLOW_CONVERTER = 0x00000001,
    MF_CONNECT_ALLOW_DECODER = 0x00000003,
    MF_CONNECT_RESOLVE_INDEPENDENT_OUTPUTTYPES = 0x00000004,
    MF_CONNECT_AS_OPTIONAL = 0x00010000,
    MF_CONNECT_AS_OPTIONAL_BRANCH = 0x00020000
} MF_CONNECT_METHOD;

typedef enum _MF_TOPOLOGY_RESOLUTION_STATUS_FLAGS {
    MF_TOPOLOGY_RESOLUTION_SUCCEEDED = 0x00000000,
    MF_OPTIONAL_NODE_REJECTED_MEDIA_TYPE = 0x00000001,
    MF_OPTIONAL_NODE_REJECTED_PROTECTED_PROCESS = 0x00000002
} MF_TOPOLOGY_RESOLUTION_STATUS_FLAGS;

typedef enum _MF_TOPONODE_FLUSH_MODE {
    MF_TOPONODE_FLUSH_ALWAYS = 0,
    MF_TOPONODE_FLUSH_SEEK = 1,
    MF_TOPONODE_FLUSH_NEVER = 2
} MF_TOPONODE_FLUSH_MODE;

typedef enum _MF_TOPONODE_DRAIN_MODE {
    MF_TOPONODE_DRAIN_DEFAULT = 0,
    MF_TOPONODE_DRAIN_ALWAYS = 1,
    MF_TOPONODE_DRAIN_NEVER = 2
} MF_TOPONODE_DRAIN_MODE;

/* ---------------------------------------------------------------- session */

typedef enum MFSESSION_SETTOPOLOGY_FLAGS {
    MFSESSION_SETTOPOLOGY_IMMEDIATE = 0x1,
    MFSESSION_SETTOPOLOGY_NORESOLUTION = 0x2,
    MFSESSION_SETTOPOLOGY_CLEAR_CURRENT = 0x4
} MFSESSION_SETTOPOLOGY_FLAGS;

typedef enum MFSESSION_GETFULLTOPOLOGY_FLAGS {
    MFSESSION_GETFULLTOPOLOGY_CURRENT = 0x1
} MFSESSION_GETFULLTOPOLOGY_FLAGS;

typedef enum MFPMPSESSION_CREATION_FLAGS {
    MFPMPSESSION_UNPROTECTED_PROCESS = 0x1,
    MFPMPSESSION_IN_PROCESS = 0x2
} MFPMPSESSION_CREATION_FLAGS;

/* A start position of "where it is now" for IMFPresentationClock::Start. */
#define PRESENTATION_CURRENT_POSITION 0x7fffffffffffffff

/* ------------------------------------------------------------------ clocks */

typedef enum _MF_CLOCK_STATE {
    MFCLOCK_STATE_INVALID = 0,
    MFCLOCK_STATE_RUNNING = 1,
    MFCLOCK_STATE_STOPPED = 2,
    MFCLOCK_STATE_PAUSED = 3
} MF_CLOCK_STATE, MFCLOCK_STATE;

typedef enum _MFCLOCK_CHARACTERISTICS_FLAGS {
    MFCLOCK_CHARACTERISTICS_FLAG_FREQUENCY_10MHZ = 0x2,
    MFCLOCK_CHARACTERISTICS_FLAG_ALWAYS_RUNNING = 0x4,
    MFCLOCK_CHARACTERISTICS_FLAG_IS_SYSTEM_CLOCK = 0x8
} MFCLOCK_CHARACTERISTICS_FLAGS;

typedef enum _MFCLOCK_RELATIONAL_FLAGS {
    MFCLOCK_RELATIONAL_FLAG_JITTER_NEVER_AHEAD = 0x1
} MFCLOCK_RELATIONAL_FLAGS;
typedef struct _MFCLOCK_PROPERTIES {
    UINT64 qwCorrelationRate;
    GUID guidClockId;
    DWORD dwClockFlags;
    UINT64 qwClockFrequency;
    DWORD dwClockTolerance;
    DWORD dwClockJitter;
} MFCLOCK_PROPERTIES;

#define MFCLOCK_FREQUENCY_HNS 10000000
#define MFCLOCK_TOLERANCE_UNKNOWN 50000
#define MFCLOCK_JITTER_ISR 1000
#define MFCLOCK_JITTER_DPC 4000
#define MFCLOCK_JITTER_PASSIVE 10000

typedef enum _MFRATE_DIRECTION {
    MFRATE_FORWARD = 0,
    MFRATE_REVERSE = 1
} MFRATE_DIRECTION;

typedef enum MFTIMER_FLAGS {
    MFTIMER_RELATIVE = 0x1
} MFTIMER_FLAGS;

/* ------------------------------------------------------- sources and sinks */

typedef enum MF_OBJECT_TYPE {
    MF_OBJECT_MEDIASOURCE = 0,
    MF_OBJECT_BYTESTREAM = 1,
    MF_OBJECT_INVALID = 2
} MF_OBJECT_TYPE;

/* IMFSourceResolver's flags. */
enum {
    MF_RESOLUTION_MEDIASOURCE = 0x1,
    MF_RESOLUTION_BYTESTREAM = 0x2,
    MF_RESOLUTION_CONTENT_DOES_NOT_HAVE_TO_MATCH_EXTENSION_OR_MIME_TYPE = 0x10,
    MF_RESOLUTION_KEEP_BYTE_STREAM_ALIVE_ON_FAIL = 0x20,
    MF_RESOLUTION_DISABLE_LOCAL_PLUGINS = 0x40,
    MF_RESOLUTION_PLUGIN_CONTROL_POLICY_APPROVED_ONLY = 0x80,
    MF_RESOLUTION_PLUGIN_CONTROL_POLICY_WEB_ONLY = 0x100,
    MF_RESOLUTION_PLUGIN_CONTROL_POLICY_WEB_ONLY_EDGEMODE = 0x200,
    MF_RESOLUTION_ENABLE_STORE_PLUGINS = 0x400,
    MF_RESOLUTION_READ = 0x10000,
    MF_RESOLUTION_WRITE = 0x20000
};

typedef enum _MFMEDIASOURCE_CHARACTERISTICS {
    MFMEDIASOURCE_IS_LIVE = 0x1,
    MFMEDIASOURCE_CAN_SEEK = 0x2,
    MFMEDIASOURCE_CAN_PAUSE = 0x4,
    MFMEDIASOURCE_HAS_SLOW_SEEK = 0x8,
    MFMEDIASOURCE_HAS_MULTIPLE_PRESENTATIONS = 0x10,
    MFMEDIASOURCE_CAN_SKIPFORWARD = 0x20,
    MFMEDIASOURCE_CAN_SKIPBACKWARD = 0x40
} MFMEDIASOURCE_CHARACTERISTICS;

/* IMFMediaSink::GetCharacteristics. */
#define MEDIASINK_FIXED_STREAMS 0x00000001
#define MEDIASINK_CANNOT_MATCH_CLOCK 0x00000002
#define MEDIASINK_RATELESS 0x00000004
#define MEDIASINK_CLOCK_REQUIRED 0x00000008
#define MEDIASINK_CAN_PREROLL 0x00000010
#define MEDIASINK_REQUIRE_REFERENCE_MEDIATYPE 0x00000020

typedef enum MFSTREAMSINK_MARKER_TYPE {
    MFSTREAMSINK_MARKER_DEFAULT = 0,
    MFSTREAMSINK_MARKER_ENDOFSEGMENT = 1,
    MFSTREAMSINK_MARKER_TICK = 2,
    MFSTREAMSINK_MARKER_EVENT = 3
} MFSTREAMSINK_MARKER_TYPE;

typedef enum _MFSHUTDOWN_STATUS {
    MFSHUTDOWN_INITIATED = 0,
    MFSHUTDOWN_COMPLETED = 1
} MFSHUTDOWN_STATUS;

/* ------------------------------------------------------------ interfaces */

/* @generated group mfidl-topology mfidl-session mfidl-source mfidl-clock mfidl-sink mfidl-misc */
/* IMFTopologyNode {83cf873a-f6da-4bc8-823f-bacfd55dc430} */
DEFINE_GUID(IID_IMFTopologyNode, 0x83cf873a, 0xf6da, 0x4bc8, 0x82, 0x3f, 0xba, 0xcf, 0xd5, 0x5d, 0xc4, 0x30);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFTopologyNode, "83cf873a-f6da-4bc8-823f-bacfd55dc430") : public IMFAttributes {
    virtual HRESULT STDMETHODCALLTYPE SetObject(IUnknown *pObject) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetObject(IUnknown **ppObject) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetNodeType(MF_TOPOLOGY_TYPE *pType) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetTopoNodeID(TOPOID *pID) = 0;
    virtual HRESULT STDMETHODCALLTYPE SetTopoNodeID(TOPOID ullTopoID) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetInputCount(DWORD *pcInputs) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetOutputCount(DWORD *pcOutputs) = 0;
    virtual HRESULT STDMETHODCALLTYPE ConnectOutput(DWORD dwOutputIndex, IMFTopologyNode *pDownstreamNode, DWORD dwInputIndexOnDownstreamNode) = 0;
    virtual HRESULT STDMETHODCALLTYPE DisconnectOutput(DWORD dwOutputIndex) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetInput(DWORD dwInputIndex, IMFTopologyNode **ppUpstreamNode, DWORD *pdwOutputIndexOnUpstreamNode) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetOutput(DWORD dwOutputIndex, IMFTopologyNode **ppDownstreamNode, DWORD *pdwInputIndexOnDownstreamNode) = 0;
    virtual HRESULT STDMETHODCALLTYPE SetOutputPrefType(DWORD dwOutputIndex, IMFMediaType *pType) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetOutputPrefType(DWORD dwOutputIndex, IMFMediaType **ppType) = 0;
    virtual HRESULT STDMETHODCALLTYPE SetInputPrefType(DWORD dwInputIndex, IMFMediaType *pType) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetInputPrefType(DWORD dwInputIndex, IMFMediaType **ppType) = 0;
    virtual HRESULT STDMETHODCALLTYPE CloneFrom(IMFTopologyNode *pNode) = 0;
};
MSESS_MF_UUIDOF(IMFTopologyNode, 0x83cf873a, 0xf6da, 0x4bc8, 0x82, 0x3f, 0xba, 0xcf, 0xd5, 0x5d, 0xc4, 0x30)
#else
typedef struct IMFTopologyNodeVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFTopologyNode *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFTopologyNode *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFTopologyNode *This);
    HRESULT (STDMETHODCALLTYPE *GetItem)(IMFTopologyNode *This, REFGUID guidKey, PROPVARIANT *pValue);
    HRESULT (STDMETHODCALLTYPE *GetItemType)(IMFTopologyNode *This, REFGUID guidKey, MF_ATTRIBUTE_TYPE *pType);
    HRESULT (STDMETHODCALLTYPE *CompareItem)(IMFTopologyNode *This, REFGUID guidKey, REFPROPVARIANT Value, BOOL *pbResult);
    HRESULT (STDMETHODCALLTYPE *Compare)(IMFTopologyNode *This, IMFAttributes *pTheirs, MF_ATTRIBUTES_MATCH_TYPE MatchType, BOOL *pbResult);
    HRESULT (STDMETHODCALLTYPE *GetUINT32)(IMFTopologyNode *This, REFGUID guidKey, UINT32 *punValue);
    HRESULT (STDMETHODCALLTYPE *GetUINT64)(IMFTopologyNode *This, REFGUID guidKey, UINT64 *punValue);
    HRESULT (STDMETHODCALLTYPE *GetDouble)(IMFTopologyNode *This, REFGUID guidKey, double *pfValue);
    HRESULT (STDMETHODCALLTYPE *GetGUID)(IMFTopologyNode *This, REFGUID guidKey, GUID *pguidValue);
    HRESULT (STDMETHODCALLTYPE *GetStringLength)(IMFTopologyNode *This, REFGUID guidKey, UINT32 *pcchLength);
    HRESULT (STDMETHODCALLTYPE *GetString)(IMFTopologyNode *This, REFGUID guidKey, LPWSTR pwszValue, UINT32 cchBufSize, UINT32 *pcchLength);
    HRESULT (STDMETHODCALLTYPE *GetAllocatedString)(IMFTopologyNode *This, REFGUID guidKey, LPWSTR *ppwszValue, UINT32 *pcchLength);
    HRESULT (STDMETHODCALLTYPE *GetBlobSize)(IMFTopologyNode *This, REFGUID guidKey, UINT32 *pcbBlobSize);
    HRESULT (STDMETHODCALLTYPE *GetBlob)(IMFTopologyNode *This, REFGUID guidKey, UINT8 *pBuf, UINT32 cbBufSize, UINT32 *pcbBlobSize);
    HRESULT (STDMETHODCALLTYPE *GetAllocatedBlob)(IMFTopologyNode *This, REFGUID guidKey, UINT8 **ppBuf, UINT32 *pcbSize);
    HRESULT (STDMETHODCALLTYPE *GetUnknown)(IMFTopologyNode *This, REFGUID guidKey, REFIID riid, LPVOID *ppv);
    HRESULT (STDMETHODCALLTYPE *SetItem)(IMFTopologyNode *This, REFGUID guidKey, REFPROPVARIANT Value);
    HRESULT (STDMETHODCALLTYPE *DeleteItem)(IMFTopologyNode *This, REFGUID guidKey);
    HRESULT (STDMETHODCALLTYPE *DeleteAllItems)(IMFTopologyNode *This);
    HRESULT (STDMETHODCALLTYPE *SetUINT32)(IMFTopologyNode *This, REFGUID guidKey, UINT32 unValue);
    HRESULT (STDMETHODCALLTYPE *SetUINT64)(IMFTopologyNode *This, REFGUID guidKey, UINT64 unValue);
    HRESULT (STDMETHODCALLTYPE *SetDouble)(IMFTopologyNode *This, REFGUID guidKey, double fValue);
    HRESULT (STDMETHODCALLTYPE *SetGUID)(IMFTopologyNode *This, REFGUID guidKey, REFGUID guidValue);
    HRESULT (STDMETHODCALLTYPE *SetString)(IMFTopologyNode *This, REFGUID guidKey, LPCWSTR wszValue);
    HRESULT (STDMETHODCALLTYPE *SetBlob)(IMFTopologyNode *This, REFGUID guidKey, const UINT8 *pBuf, UINT32 cbBufSize);
    HRESULT (STDMETHODCALLTYPE *SetUnknown)(IMFTopologyNode *This, REFGUID guidKey, IUnknown *pUnknown);
    HRESULT (STDMETHODCALLTYPE *LockStore)(IMFTopologyNode *This);
    HRESULT (STDMETHODCALLTYPE *UnlockStore)(IMFTopologyNode *This);
    HRESULT (STDMETHODCALLTYPE *GetCount)(IMFTopologyNode *This, UINT32 *pcItems);
    HRESULT (STDMETHODCALLTYPE *GetItemByIndex)(IMFTopologyNode *This, UINT32 unIndex, GUID *pguidKey, PROPVARIANT *pValue);
    HRESULT (STDMETHODCALLTYPE *CopyAllItems)(IMFTopologyNode *This, IMFAttributes *pDest);
    HRESULT (STDMETHODCALLTYPE *SetObject)(IMFTopologyNode *This, IUnknown *pObject);
    HRESULT (STDMETHODCALLTYPE *GetObject)(IMFTopologyNode *This, IUnknown **ppObject);
    HRESULT (STDMETHODCALLTYPE *GetNodeType)(IMFTopologyNode *This, MF_TOPOLOGY_TYPE *pType);
    HRESULT (STDMETHODCALLTYPE *GetTopoNodeID)(IMFTopologyNode *This, TOPOID *pID);
    HRESULT (STDMETHODCALLTYPE *SetTopoNodeID)(IMFTopologyNode *This, TOPOID ullTopoID);
    HRESULT (STDMETHODCALLTYPE *GetInputCount)(IMFTopologyNode *This, DWORD *pcInputs);
    HRESULT (STDMETHODCALLTYPE *GetOutputCount)(IMFTopologyNode *This, DWORD *pcOutputs);
    HRESULT (STDMETHODCALLTYPE *ConnectOutput)(IMFTopologyNode *This, DWORD dwOutputIndex, IMFTopologyNode *pDownstreamNode, DWORD dwInputIndexOnDownstreamNode);
    HRESULT (STDMETHODCALLTYPE *DisconnectOutput)(IMFTopologyNode *This, DWORD dwOutputIndex);
    HRESULT (STDMETHODCALLTYPE *GetInput)(IMFTopologyNode *This, DWORD dwInputIndex, IMFTopologyNode **ppUpstreamNode, DWORD *pdwOutputIndexOnUpstreamNode);
    HRESULT (STDMETHODCALLTYPE *GetOutput)(IMFTopologyNode *This, DWORD dwOutputIndex, IMFTopologyNode **ppDownstreamNode, DWORD *pdwInputIndexOnDownstreamNode);
    HRESULT (STDMETHODCALLTYPE *SetOutputPrefType)(IMFTopologyNode *This, DWORD dwOutputIndex, IMFMediaType *pType);
    HRESULT (STDMETHODCALLTYPE *GetOutputPrefType)(IMFTopologyNode *This, DWORD dwOutputIndex, IMFMediaType **ppType);
    HRESULT (STDMETHODCALLTYPE *SetInputPrefType)(IMFTopologyNode *This, DWORD dwInputIndex, IMFMediaType *pType);
    HRESULT (STDMETHODCALLTYPE *GetInputPrefType)(IMFTopologyNode *This, DWORD dwInputIndex, IMFMediaType **ppType);
    HRESULT (STDMETHODCALLTYPE *CloneFrom)(IMFTopologyNode *This, IMFTopologyNode *pNode);
    END_INTERFACE
} IMFTopologyNodeVtbl;
interface IMFTopologyNode {
    CONST_VTBL IMFTopologyNodeVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFTopologyNode_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFTopologyNode_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFTopologyNode_Release(This) (This)->lpVtbl->Release(This)
#define IMFTopologyNode_GetItem(This,guidKey,pValue) (This)->lpVtbl->GetItem(This,guidKey,pValue)
#define IMFTopologyNode_GetItemType(This,guidKey,pType) (This)->lpVtbl->GetItemType(This,guidKey,pType)
#define IMFTopologyNode_CompareItem(This,guidKey,Value,pbResult) (This)->lpVtbl->CompareItem(This,guidKey,Value,pbResult)
#define IMFTopologyNode_Compare(This,pTheirs,MatchType,pbResult) (This)->lpVtbl->Compare(This,pTheirs,MatchType,pbResult)
#define IMFTopologyNode_GetUINT32(This,guidKey,punValue) (This)->lpVtbl->GetUINT32(This,guidKey,punValue)
#define IMFTopologyNode_GetUINT64(This,guidKey,punValue) (This)->lpVtbl->GetUINT64(This,guidKey,punValue)
#define IMFTopologyNode_GetDouble(This,guidKey,pfValue) (This)->lpVtbl->GetDouble(This,guidKey,pfValue)
#define IMFTopologyNode_GetGUID(This,guidKey,pguidValue) (This)->lpVtbl->GetGUID(This,guidKey,pguidValue)
#define IMFTopologyNode_GetStringLength(This,guidKey,pcchLength) (This)->lpVtbl->GetStringLength(This,guidKey,pcchLength)
#define IMFTopologyNode_GetString(This,guidKey,pwszValue,cchBufSize,pcchLength) (This)->lpVtbl->GetString(This,guidKey,pwszValue,cchBufSize,pcchLength)
#define IMFTopologyNode_GetAllocatedString(This,guidKey,ppwszValue,pcchLength) (This)->lpVtbl->GetAllocatedString(This,guidKey,ppwszValue,pcchLength)
#define IMFTopologyNode_GetBlobSize(This,guidKey,pcbBlobSize) (This)->lpVtbl->GetBlobSize(This,guidKey,pcbBlobSize)
#define IMFTopologyNode_GetBlob(This,guidKey,pBuf,cbBufSize,pcbBlobSize) (This)->lpVtbl->GetBlob(This,guidKey,pBuf,cbBufSize,pcbBlobSize)
#define IMFTopologyNode_GetAllocatedBlob(This,guidKey,ppBuf,pcbSize) (This)->lpVtbl->GetAllocatedBlob(This,guidKey,ppBuf,pcbSize)
#define IMFTopologyNode_GetUnknown(This,guidKey,riid,ppv) (This)->lpVtbl->GetUnknown(This,guidKey,riid,ppv)
#define IMFTopologyNode_SetItem(This,guidKey,Value) (This)->lpVtbl->SetItem(This,guidKey,Value)
#define IMFTopologyNode_DeleteItem(This,guidKey) (This)->lpVtbl->DeleteItem(This,guidKey)
#define IMFTopologyNode_DeleteAllItems(This) (This)->lpVtbl->DeleteAllItems(This)
#define IMFTopologyNode_SetUINT32(This,guidKey,unValue) (This)->lpVtbl->SetUINT32(This,guidKey,unValue)
#define IMFTopologyNode_SetUINT64(This,guidKey,unValue) (This)->lpVtbl->SetUINT64(This,guidKey,unValue)
#define IMFTopologyNode_SetDouble(This,guidKey,fValue) (This)->lpVtbl->SetDouble(This,guidKey,fValue)
#define IMFTopologyNode_SetGUID(This,guidKey,guidValue) (This)->lpVtbl->SetGUID(This,guidKey,guidValue)
#define IMFTopologyNode_SetString(This,guidKey,wszValue) (This)->lpVtbl->SetString(This,guidKey,wszValue)
#define IMFTopologyNode_SetBlob(This,guidKey,pBuf,cbBufSize) (This)->lpVtbl->SetBlob(This,guidKey,pBuf,cbBufSize)
#define IMFTopologyNode_SetUnknown(This,guidKey,pUnknown) (This)->lpVtbl->SetUnknown(This,guidKey,pUnknown)
#define IMFTopologyNode_LockStore(This) (This)->lpVtbl->LockStore(This)
#define IMFTopologyNode_UnlockStore(This) (This)->lpVtbl->UnlockStore(This)
#define IMFTopologyNode_GetCount(This,pcItems) (This)->lpVtbl->GetCount(This,pcItems)
#define IMFTopologyNode_GetItemByIndex(This,unIndex,pguidKey,pValue) (This)->lpVtbl->GetItemByIndex(This,unIndex,pguidKey,pValue)
#define IMFTopologyNode_CopyAllItems(This,pDest) (This)->lpVtbl->CopyAllItems(This,pDest)
#define IMFTopologyNode_SetObject(This,pObject) (This)->lpVtbl->SetObject(This,pObject)
#define IMFTopologyNode_GetObject(This,ppObject) (This)->lpVtbl->GetObject(This,ppObject)
#define IMFTopologyNode_GetNodeType(This,pType) (This)->lpVtbl->GetNodeType(This,pType)
#define IMFTopologyNode_GetTopoNodeID(This,pID) (This)->lpVtbl->GetTopoNodeID(This,pID)
#define IMFTopologyNode_SetTopoNodeID(This,ullTopoID) (This)->lpVtbl->SetTopoNodeID(This,ullTopoID)
#define IMFTopologyNode_GetInputCount(This,pcInputs) (This)->lpVtbl->GetInputCount(This,pcInputs)
#define IMFTopologyNode_GetOutputCount(This,pcOutputs) (This)->lpVtbl->GetOutputCount(This,pcOutputs)
#define IMFTopologyNode_ConnectOutput(This,dwOutputIndex,pDownstreamNode,dwInputIndexOnDownstreamNode) (This)->lpVtbl->ConnectOutput(This,dwOutputIndex,pDownstreamNode,dwInputIndexOnDownstreamNode)
#define IMFTopologyNode_DisconnectOutput(This,dwOutputIndex) (This)->lpVtbl->DisconnectOutput(This,dwOutputIndex)
#define IMFTopologyNode_GetInput(This,dwInputIndex,ppUpstreamNode,pdwOutputIndexOnUpstreamNode) (This)->lpVtbl->GetInput(This,dwInputIndex,ppUpstreamNode,pdwOutputIndexOnUpstreamNode)
#define IMFTopologyNode_GetOutput(This,dwOutputIndex,ppDownstreamNode,pdwInputIndexOnDownstreamNode) (This)->lpVtbl->GetOutput(This,dwOutputIndex,ppDownstreamNode,pdwInputIndexOnDownstreamNode)
#define IMFTopologyNode_SetOutputPrefType(This,dwOutputIndex,pType) (This)->lpVtbl->SetOutputPrefType(This,dwOutputIndex,pType)
#define IMFTopologyNode_GetOutputPrefType(This,dwOutputIndex,ppType) (This)->lpVtbl->GetOutputPrefType(This,dwOutputIndex,ppType)
#define IMFTopologyNode_SetInputPrefType(This,dwInputIndex,pType) (This)->lpVtbl->SetInputPrefType(This,dwInputIndex,pType)
#define IMFTopologyNode_GetInputPrefType(This,dwInputIndex,ppType) (This)->lpVtbl->GetInputPrefType(This,dwInputIndex,ppType)
#define IMFTopologyNode_CloneFrom(This,pNode) (This)->lpVtbl->CloneFrom(This,pNode)
#endif
#endif

/* IMFTopology {83cf873a-f6da-4bc8-823f-bacfd55dc433} */
DEFINE_GUID(IID_IMFTopology, 0x83cf873a, 0xf6da, 0x4bc8, 0x82, 0x3f, 0xba, 0xcf, 0xd5, 0x5d, 0xc4, 0x33);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFTopology, "83cf873a-f6da-4bc8-823f-bacfd55dc433") : public IMFAttributes {
    virtual HRESULT STDMETHODCALLTYPE GetTopologyID(TOPOID *pID) = 0;
    virtual HRESULT STDMETHODCALLTYPE AddNode(IMFTopologyNode *pNode) = 0;
    virtual HRESULT STDMETHODCALLTYPE RemoveNode(IMFTopologyNode *pNode) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetNodeCount(WORD *pwNodes) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetNode(WORD wIndex, IMFTopologyNode **ppNode) = 0;
    virtual HRESULT STDMETHODCALLTYPE Clear() = 0;
    virtual HRESULT STDMETHODCALLTYPE CloneFrom(IMFTopology *pTopology) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetNodeByID(TOPOID qwTopoNodeID, IMFTopologyNode **ppNode) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetSourceNodeCollection(IMFCollection **ppCollection) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetOutputNodeCollection(IMFCollection **ppCollection) = 0;
};
MSESS_MF_UUIDOF(IMFTopology, 0x83cf873a, 0xf6da, 0x4bc8, 0x82, 0x3f, 0xba, 0xcf, 0xd5, 0x5d, 0xc4, 0x33)
#else
typedef struct IMFTopologyVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFTopology *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFTopology *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFTopology *This);
    HRESULT (STDMETHODCALLTYPE *GetItem)(IMFTopology *This, REFGUID guidKey, PROPVARIANT *pValue);
    HRESULT (STDMETHODCALLTYPE *GetItemType)(IMFTopology *This, REFGUID guidKey, MF_ATTRIBUTE_TYPE *pType);
    HRESULT (STDMETHODCALLTYPE *CompareItem)(IMFTopology *This, REFGUID guidKey, REFPROPVARIANT Value, BOOL *pbResult);
    HRESULT (STDMETHODCALLTYPE *Compare)(IMFTopology *This, IMFAttributes *pTheirs, MF_ATTRIBUTES_MATCH_TYPE MatchType, BOOL *pbResult);
    HRESULT (STDMETHODCALLTYPE *GetUINT32)(IMFTopology *This, REFGUID guidKey, UINT32 *punValue);
    HRESULT (STDMETHODCALLTYPE *GetUINT64)(IMFTopology *This, REFGUID guidKey, UINT64 *punValue);
    HRESULT (STDMETHODCALLTYPE *GetDouble)(IMFTopology *This, REFGUID guidKey, double *pfValue);
    HRESULT (STDMETHODCALLTYPE *GetGUID)(IMFTopology *This, REFGUID guidKey, GUID *pguidValue);
    HRESULT (STDMETHODCALLTYPE *GetStringLength)(IMFTopology *This, REFGUID guidKey, UINT32 *pcchLength);
    HRESULT (STDMETHODCALLTYPE *GetString)(IMFTopology *This, REFGUID guidKey, LPWSTR pwszValue, UINT32 cchBufSize, UINT32 *pcchLength);
    HRESULT (STDMETHODCALLTYPE *GetAllocatedString)(IMFTopology *This, REFGUID guidKey, LPWSTR *ppwszValue, UINT32 *pcchLength);
    HRESULT (STDMETHODCALLTYPE *GetBlobSize)(IMFTopology *This, REFGUID guidKey, UINT32 *pcbBlobSize);
    HRESULT (STDMETHODCALLTYPE *GetBlob)(IMFTopology *This, REFGUID guidKey, UINT8 *pBuf, UINT32 cbBufSize, UINT32 *pcbBlobSize);
    HRESULT (STDMETHODCALLTYPE *GetAllocatedBlob)(IMFTopology *This, REFGUID guidKey, UINT8 **ppBuf, UINT32 *pcbSize);
    HRESULT (STDMETHODCALLTYPE *GetUnknown)(IMFTopology *This, REFGUID guidKey, REFIID riid, LPVOID *ppv);
    HRESULT (STDMETHODCALLTYPE *SetItem)(IMFTopology *This, REFGUID guidKey, REFPROPVARIANT Value);
    HRESULT (STDMETHODCALLTYPE *DeleteItem)(IMFTopology *This, REFGUID guidKey);
    HRESULT (STDMETHODCALLTYPE *DeleteAllItems)(IMFTopology *This);
    HRESULT (STDMETHODCALLTYPE *SetUINT32)(IMFTopology *This, REFGUID guidKey, UINT32 unValue);
    HRESULT (STDMETHODCALLTYPE *SetUINT64)(IMFTopology *This, REFGUID guidKey, UINT64 unValue);
    HRESULT (STDMETHODCALLTYPE *SetDouble)(IMFTopology *This, REFGUID guidKey, double fValue);
    HRESULT (STDMETHODCALLTYPE *SetGUID)(IMFTopology *This, REFGUID guidKey, REFGUID guidValue);
    HRESULT (STDMETHODCALLTYPE *SetString)(IMFTopology *This, REFGUID guidKey, LPCWSTR wszValue);
    HRESULT (STDMETHODCALLTYPE *SetBlob)(IMFTopology *This, REFGUID guidKey, const UINT8 *pBuf, UINT32 cbBufSize);
    HRESULT (STDMETHODCALLTYPE *SetUnknown)(IMFTopology *This, REFGUID guidKey, IUnknown *pUnknown);
    HRESULT (STDMETHODCALLTYPE *LockStore)(IMFTopology *This);
    HRESULT (STDMETHODCALLTYPE *UnlockStore)(IMFTopology *This);
    HRESULT (STDMETHODCALLTYPE *GetCount)(IMFTopology *This, UINT32 *pcItems);
    HRESULT (STDMETHODCALLTYPE *GetItemByIndex)(IMFTopology *This, UINT32 unIndex, GUID *pguidKey, PROPVARIANT *pValue);
    HRESULT (STDMETHODCALLTYPE *CopyAllItems)(IMFTopology *This, IMFAttributes *pDest);
    HRESULT (STDMETHODCALLTYPE *GetTopologyID)(IMFTopology *This, TOPOID *pID);
    HRESULT (STDMETHODCALLTYPE *AddNode)(IMFTopology *This, IMFTopologyNode *pNode);
    HRESULT (STDMETHODCALLTYPE *RemoveNode)(IMFTopology *This, IMFTopologyNode *pNode);
    HRESULT (STDMETHODCALLTYPE *GetNodeCount)(IMFTopology *This, WORD *pwNodes);
    HRESULT (STDMETHODCALLTYPE *GetNode)(IMFTopology *This, WORD wIndex, IMFTopologyNode **ppNode);
    HRESULT (STDMETHODCALLTYPE *Clear)(IMFTopology *This);
    HRESULT (STDMETHODCALLTYPE *CloneFrom)(IMFTopology *This, IMFTopology *pTopology);
    HRESULT (STDMETHODCALLTYPE *GetNodeByID)(IMFTopology *This, TOPOID qwTopoNodeID, IMFTopologyNode **ppNode);
    HRESULT (STDMETHODCALLTYPE *GetSourceNodeCollection)(IMFTopology *This, IMFCollection **ppCollection);
    HRESULT (STDMETHODCALLTYPE *GetOutputNodeCollection)(IMFTopology *This, IMFCollection **ppCollection);
    END_INTERFACE
} IMFTopologyVtbl;
interface IMFTopology {
    CONST_VTBL IMFTopologyVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFTopology_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFTopology_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFTopology_Release(This) (This)->lpVtbl->Release(This)
#define IMFTopology_GetItem(This,guidKey,pValue) (This)->lpVtbl->GetItem(This,guidKey,pValue)
#define IMFTopology_GetItemType(This,guidKey,pType) (This)->lpVtbl->GetItemType(This,guidKey,pType)
#define IMFTopology_CompareItem(This,guidKey,Value,pbResult) (This)->lpVtbl->CompareItem(This,guidKey,Value,pbResult)
#define IMFTopology_Compare(This,pTheirs,MatchType,pbResult) (This)->lpVtbl->Compare(This,pTheirs,MatchType,pbResult)
#define IMFTopology_GetUINT32(This,guidKey,punValue) (This)->lpVtbl->GetUINT32(This,guidKey,punValue)
#define IMFTopology_GetUINT64(This,guidKey,punValue) (This)->lpVtbl->GetUINT64(This,guidKey,punValue)
#define IMFTopology_GetDouble(This,guidKey,pfValue) (This)->lpVtbl->GetDouble(This,guidKey,pfValue)
#define IMFTopology_GetGUID(This,guidKey,pguidValue) (This)->lpVtbl->GetGUID(This,guidKey,pguidValue)
#define IMFTopology_GetStringLength(This,guidKey,pcchLength) (This)->lpVtbl->GetStringLength(This,guidKey,pcchLength)
#define IMFTopology_GetString(This,guidKey,pwszValue,cchBufSize,pcchLength) (This)->lpVtbl->GetString(This,guidKey,pwszValue,cchBufSize,pcchLength)
#define IMFTopology_GetAllocatedString(This,guidKey,ppwszValue,pcchLength) (This)->lpVtbl->GetAllocatedString(This,guidKey,ppwszValue,pcchLength)
#define IMFTopology_GetBlobSize(This,guidKey,pcbBlobSize) (This)->lpVtbl->GetBlobSize(This,guidKey,pcbBlobSize)
#define IMFTopology_GetBlob(This,guidKey,pBuf,cbBufSize,pcbBlobSize) (This)->lpVtbl->GetBlob(This,guidKey,pBuf,cbBufSize,pcbBlobSize)
#define IMFTopology_GetAllocatedBlob(This,guidKey,ppBuf,pcbSize) (This)->lpVtbl->GetAllocatedBlob(This,guidKey,ppBuf,pcbSize)
#define IMFTopology_GetUnknown(This,guidKey,riid,ppv) (This)->lpVtbl->GetUnknown(This,guidKey,riid,ppv)
#define IMFTopology_SetItem(This,guidKey,Value) (This)->lpVtbl->SetItem(This,guidKey,Value)
#define IMFTopology_DeleteItem(This,guidKey) (This)->lpVtbl->DeleteItem(This,guidKey)
#define IMFTopology_DeleteAllItems(This) (This)->lpVtbl->DeleteAllItems(This)
#define IMFTopology_SetUINT32(This,guidKey,unValue) (This)->lpVtbl->SetUINT32(This,guidKey,unValue)
#define IMFTopology_SetUINT64(This,guidKey,unValue) (This)->lpVtbl->SetUINT64(This,guidKey,unValue)
#define IMFTopology_SetDouble(This,guidKey,fValue) (This)->lpVtbl->SetDouble(This,guidKey,fValue)
#define IMFTopology_SetGUID(This,guidKey,guidValue) (This)->lpVtbl->SetGUID(This,guidKey,guidValue)
#define IMFTopology_SetString(This,guidKey,wszValue) (This)->lpVtbl->SetString(This,guidKey,wszValue)
#define IMFTopology_SetBlob(This,guidKey,pBuf,cbBufSize) (This)->lpVtbl->SetBlob(This,guidKey,pBuf,cbBufSize)
#define IMFTopology_SetUnknown(This,guidKey,pUnknown) (This)->lpVtbl->SetUnknown(This,guidKey,pUnknown)
#define IMFTopology_LockStore(This) (This)->lpVtbl->LockStore(This)
#define IMFTopology_UnlockStore(This) (This)->lpVtbl->UnlockStore(This)
#define IMFTopology_GetCount(This,pcItems) (This)->lpVtbl->GetCount(This,pcItems)
#define IMFTopology_GetItemByIndex(This,unIndex,pguidKey,pValue) (This)->lpVtbl->GetItemByIndex(This,unIndex,pguidKey,pValue)
#define IMFTopology_CopyAllItems(This,pDest) (This)->lpVtbl->CopyAllItems(This,pDest)
#define IMFTopology_GetTopologyID(This,pID) (This)->lpVtbl->GetTopologyID(This,pID)
#define IMFTopology_AddNode(This,pNode) (This)->lpVtbl->AddNode(This,pNode)
#define IMFTopology_RemoveNode(This,pNode) (This)->lpVtbl->RemoveNode(This,pNode)
#define IMFTopology_GetNodeCount(This,pwNodes) (This)->lpVtbl->GetNodeCount(This,pwNodes)
#define IMFTopology_GetNode(This,wIndex,ppNode) (This)->lpVtbl->GetNode(This,wIndex,ppNode)
#define IMFTopology_Clear(This) (This)->lpVtbl->Clear(This)
#define IMFTopology_CloneFrom(This,pTopology) (This)->lpVtbl->CloneFrom(This,pTopology)
#define IMFTopology_GetNodeByID(This,qwTopoNodeID,ppNode) (This)->lpVtbl->GetNodeByID(This,qwTopoNodeID,ppNode)
#define IMFTopology_GetSourceNodeCollection(This,ppCollection) (This)->lpVtbl->GetSourceNodeCollection(This,ppCollection)
#define IMFTopology_GetOutputNodeCollection(This,ppCollection) (This)->lpVtbl->GetOutputNodeCollection(This,ppCollection)
#endif
#endif

/* IMFGetService {fa993888-4383-415a-a930-dd472a8cf6f7} */
DEFINE_GUID(IID_IMFGetService, 0xfa993888, 0x4383, 0x415a, 0xa9, 0x30, 0xdd, 0x47, 0x2a, 0x8c, 0xf6, 0xf7);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFGetService, "fa993888-4383-415a-a930-dd472a8cf6f7") : public IUnknown {
    virtual HRESULT STDMETHODCALLTYPE GetService(REFGUID guidService, REFIID riid, LPVOID *ppvObject) = 0;
};
MSESS_MF_UUIDOF(IMFGetService, 0xfa993888, 0x4383, 0x415a, 0xa9, 0x30, 0xdd, 0x47, 0x2a, 0x8c, 0xf6, 0xf7)
#else
typedef struct IMFGetServiceVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFGetService *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFGetService *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFGetService *This);
    HRESULT (STDMETHODCALLTYPE *GetService)(IMFGetService *This, REFGUID guidService, REFIID riid, LPVOID *ppvObject);
    END_INTERFACE
} IMFGetServiceVtbl;
interface IMFGetService {
    CONST_VTBL IMFGetServiceVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFGetService_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFGetService_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFGetService_Release(This) (This)->lpVtbl->Release(This)
#define IMFGetService_GetService(This,guidService,riid,ppvObject) (This)->lpVtbl->GetService(This,guidService,riid,ppvObject)
#endif
#endif

/* IMFClock {2eb1e945-18b8-4139-9b1a-d5d584818530} */
DEFINE_GUID(IID_IMFClock, 0x2eb1e945, 0x18b8, 0x4139, 0x9b, 0x1a, 0xd5, 0xd5, 0x84, 0x81, 0x85, 0x30);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFClock, "2eb1e945-18b8-4139-9b1a-d5d584818530") : public IUnknown {
    virtual HRESULT STDMETHODCALLTYPE GetClockCharacteristics(DWORD *pdwCharacteristics) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetCorrelatedTime(DWORD dwReserved, LONGLONG *pllClockTime, MFTIME *phnsSystemTime) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetContinuityKey(DWORD *pdwContinuityKey) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetState(DWORD dwReserved, MFCLOCK_STATE *peClockState) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetProperties(MFCLOCK_PROPERTIES *pClockProperties) = 0;
};
MSESS_MF_UUIDOF(IMFClock, 0x2eb1e945, 0x18b8, 0x4139, 0x9b, 0x1a, 0xd5, 0xd5, 0x84, 0x81, 0x85, 0x30)
#else
typedef struct IMFClockVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFClock *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFClock *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFClock *This);
    HRESULT (STDMETHODCALLTYPE *GetClockCharacteristics)(IMFClock *This, DWORD *pdwCharacteristics);
    HRESULT (STDMETHODCALLTYPE *GetCorrelatedTime)(IMFClock *This, DWORD dwReserved, LONGLONG *pllClockTime, MFTIME *phnsSystemTime);
    HRESULT (STDMETHODCALLTYPE *GetContinuityKey)(IMFClock *This, DWORD *pdwContinuityKey);
    HRESULT (STDMETHODCALLTYPE *GetState)(IMFClock *This, DWORD dwReserved, MFCLOCK_STATE *peClockState);
    HRESULT (STDMETHODCALLTYPE *GetProperties)(IMFClock *This, MFCLOCK_PROPERTIES *pClockProperties);
    END_INTERFACE
} IMFClockVtbl;
interface IMFClock {
    CONST_VTBL IMFClockVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFClock_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFClock_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFClock_Release(This) (This)->lpVtbl->Release(This)
#define IMFClock_GetClockCharacteristics(This,pdwCharacteristics) (This)->lpVtbl->GetClockCharacteristics(This,pdwCharacteristics)
#define IMFClock_GetCorrelatedTime(This,dwReserved,pllClockTime,phnsSystemTime) (This)->lpVtbl->GetCorrelatedTime(This,dwReserved,pllClockTime,phnsSystemTime)
#define IMFClock_GetContinuityKey(This,pdwContinuityKey) (This)->lpVtbl->GetContinuityKey(This,pdwContinuityKey)
#define IMFClock_GetState(This,dwReserved,peClockState) (This)->lpVtbl->GetState(This,dwReserved,peClockState)
#define IMFClock_GetProperties(This,pClockProperties) (This)->lpVtbl->GetProperties(This,pClockProperties)
#endif
#endif

/* IMFMediaSession {90377834-21d0-4dee-8214-ba2e3e6c1127} */
DEFINE_GUID(IID_IMFMediaSession, 0x90377834, 0x21d0, 0x4dee, 0x82, 0x14, 0xba, 0x2e, 0x3e, 0x6c, 0x11, 0x27);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFMediaSession, "90377834-21d0-4dee-8214-ba2e3e6c1127") : public IMFMediaEventGenerator {
    virtual HRESULT STDMETHODCALLTYPE SetTopology(DWORD dwSetTopologyFlags, IMFTopology *pTopology) = 0;
    virtual HRESULT STDMETHODCALLTYPE ClearTopologies() = 0;
    virtual HRESULT STDMETHODCALLTYPE Start(const GUID *pguidTimeFormat, const PROPVARIANT *pvarStartPosition) = 0;
    virtual HRESULT STDMETHODCALLTYPE Pause() = 0;
    virtual HRESULT STDMETHODCALLTYPE Stop() = 0;
    virtual HRESULT STDMETHODCALLTYPE Close() = 0;
    virtual HRESULT STDMETHODCALLTYPE Shutdown() = 0;
    virtual HRESULT STDMETHODCALLTYPE GetClock(IMFClock **ppClock) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetSessionCapabilities(DWORD *pdwCaps) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetFullTopology(DWORD dwGetFullTopologyFlags, TOPOID TopoId, IMFTopology **ppFullTopology) = 0;
};
MSESS_MF_UUIDOF(IMFMediaSession, 0x90377834, 0x21d0, 0x4dee, 0x82, 0x14, 0xba, 0x2e, 0x3e, 0x6c, 0x11, 0x27)
#else
typedef struct IMFMediaSessionVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFMediaSession *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFMediaSession *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFMediaSession *This);
    HRESULT (STDMETHODCALLTYPE *GetEvent)(IMFMediaSession *This, DWORD dwFlags, IMFMediaEvent **ppEvent);
    HRESULT (STDMETHODCALLTYPE *BeginGetEvent)(IMFMediaSession *This, IMFAsyncCallback *pCallback, IUnknown *punkState);
    HRESULT (STDMETHODCALLTYPE *EndGetEvent)(IMFMediaSession *This, IMFAsyncResult *pResult, IMFMediaEvent **ppEvent);
    HRESULT (STDMETHODCALLTYPE *QueueEvent)(IMFMediaSession *This, MediaEventType met, REFGUID guidExtendedType, HRESULT hrStatus, const PROPVARIANT *pvValue);
    HRESULT (STDMETHODCALLTYPE *SetTopology)(IMFMediaSession *This, DWORD dwSetTopologyFlags, IMFTopology *pTopology);
    HRESULT (STDMETHODCALLTYPE *ClearTopologies)(IMFMediaSession *This);
    HRESULT (STDMETHODCALLTYPE *Start)(IMFMediaSession *This, const GUID *pguidTimeFormat, const PROPVARIANT *pvarStartPosition);
    HRESULT (STDMETHODCALLTYPE *Pause)(IMFMediaSession *This);
    HRESULT (STDMETHODCALLTYPE *Stop)(IMFMediaSession *This);
    HRESULT (STDMETHODCALLTYPE *Close)(IMFMediaSession *This);
    HRESULT (STDMETHODCALLTYPE *Shutdown)(IMFMediaSession *This);
    HRESULT (STDMETHODCALLTYPE *GetClock)(IMFMediaSession *This, IMFClock **ppClock);
    HRESULT (STDMETHODCALLTYPE *GetSessionCapabilities)(IMFMediaSession *This, DWORD *pdwCaps);
    HRESULT (STDMETHODCALLTYPE *GetFullTopology)(IMFMediaSession *This, DWORD dwGetFullTopologyFlags, TOPOID TopoId, IMFTopology **ppFullTopology);
    END_INTERFACE
} IMFMediaSessionVtbl;
interface IMFMediaSession {
    CONST_VTBL IMFMediaSessionVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFMediaSession_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFMediaSession_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFMediaSession_Release(This) (This)->lpVtbl->Release(This)
#define IMFMediaSession_GetEvent(This,dwFlags,ppEvent) (This)->lpVtbl->GetEvent(This,dwFlags,ppEvent)
#define IMFMediaSession_BeginGetEvent(This,pCallback,punkState) (This)->lpVtbl->BeginGetEvent(This,pCallback,punkState)
#define IMFMediaSession_EndGetEvent(This,pResult,ppEvent) (This)->lpVtbl->EndGetEvent(This,pResult,ppEvent)
#define IMFMediaSession_QueueEvent(This,met,guidExtendedType,hrStatus,pvValue) (This)->lpVtbl->QueueEvent(This,met,guidExtendedType,hrStatus,pvValue)
#define IMFMediaSession_SetTopology(This,dwSetTopologyFlags,pTopology) (This)->lpVtbl->SetTopology(This,dwSetTopologyFlags,pTopology)
#define IMFMediaSession_ClearTopologies(This) (This)->lpVtbl->ClearTopologies(This)
#define IMFMediaSession_Start(This,pguidTimeFormat,pvarStartPosition) (This)->lpVtbl->Start(This,pguidTimeFormat,pvarStartPosition)
#define IMFMediaSession_Pause(This) (This)->lpVtbl->Pause(This)
#define IMFMediaSession_Stop(This) (This)->lpVtbl->Stop(This)
#define IMFMediaSession_Close(This) (This)->lpVtbl->Close(This)
#define IMFMediaSession_Shutdown(This) (This)->lpVtbl->Shutdown(This)
#define IMFMediaSession_GetClock(This,ppClock) (This)->lpVtbl->GetClock(This,ppClock)
#define IMFMediaSession_GetSessionCapabilities(This,pdwCaps) (This)->lpVtbl->GetSessionCapabilities(This,pdwCaps)
#define IMFMediaSession_GetFullTopology(This,dwGetFullTopologyFlags,TopoId,ppFullTopology) (This)->lpVtbl->GetFullTopology(This,dwGetFullTopologyFlags,TopoId,ppFullTopology)
#endif
#endif

/* IMFMediaTypeHandler {e93dcf6c-4b07-4e1e-8123-aa16ed6eadf5} */
DEFINE_GUID(IID_IMFMediaTypeHandler, 0xe93dcf6c, 0x4b07, 0x4e1e, 0x81, 0x23, 0xaa, 0x16, 0xed, 0x6e, 0xad, 0xf5);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFMediaTypeHandler, "e93dcf6c-4b07-4e1e-8123-aa16ed6eadf5") : public IUnknown {
    virtual HRESULT STDMETHODCALLTYPE IsMediaTypeSupported(IMFMediaType *pMediaType, IMFMediaType **ppMediaType) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetMediaTypeCount(DWORD *pdwTypeCount) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetMediaTypeByIndex(DWORD dwIndex, IMFMediaType **ppType) = 0;
    virtual HRESULT STDMETHODCALLTYPE SetCurrentMediaType(IMFMediaType *pMediaType) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetCurrentMediaType(IMFMediaType **ppMediaType) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetMajorType(GUID *pguidMajorType) = 0;
};
MSESS_MF_UUIDOF(IMFMediaTypeHandler, 0xe93dcf6c, 0x4b07, 0x4e1e, 0x81, 0x23, 0xaa, 0x16, 0xed, 0x6e, 0xad, 0xf5)
#else
typedef struct IMFMediaTypeHandlerVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFMediaTypeHandler *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFMediaTypeHandler *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFMediaTypeHandler *This);
    HRESULT (STDMETHODCALLTYPE *IsMediaTypeSupported)(IMFMediaTypeHandler *This, IMFMediaType *pMediaType, IMFMediaType **ppMediaType);
    HRESULT (STDMETHODCALLTYPE *GetMediaTypeCount)(IMFMediaTypeHandler *This, DWORD *pdwTypeCount);
    HRESULT (STDMETHODCALLTYPE *GetMediaTypeByIndex)(IMFMediaTypeHandler *This, DWORD dwIndex, IMFMediaType **ppType);
    HRESULT (STDMETHODCALLTYPE *SetCurrentMediaType)(IMFMediaTypeHandler *This, IMFMediaType *pMediaType);
    HRESULT (STDMETHODCALLTYPE *GetCurrentMediaType)(IMFMediaTypeHandler *This, IMFMediaType **ppMediaType);
    HRESULT (STDMETHODCALLTYPE *GetMajorType)(IMFMediaTypeHandler *This, GUID *pguidMajorType);
    END_INTERFACE
} IMFMediaTypeHandlerVtbl;
interface IMFMediaTypeHandler {
    CONST_VTBL IMFMediaTypeHandlerVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFMediaTypeHandler_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFMediaTypeHandler_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFMediaTypeHandler_Release(This) (This)->lpVtbl->Release(This)
#define IMFMediaTypeHandler_IsMediaTypeSupported(This,pMediaType,ppMediaType) (This)->lpVtbl->IsMediaTypeSupported(This,pMediaType,ppMediaType)
#define IMFMediaTypeHandler_GetMediaTypeCount(This,pdwTypeCount) (This)->lpVtbl->GetMediaTypeCount(This,pdwTypeCount)
#define IMFMediaTypeHandler_GetMediaTypeByIndex(This,dwIndex,ppType) (This)->lpVtbl->GetMediaTypeByIndex(This,dwIndex,ppType)
#define IMFMediaTypeHandler_SetCurrentMediaType(This,pMediaType) (This)->lpVtbl->SetCurrentMediaType(This,pMediaType)
#define IMFMediaTypeHandler_GetCurrentMediaType(This,ppMediaType) (This)->lpVtbl->GetCurrentMediaType(This,ppMediaType)
#define IMFMediaTypeHandler_GetMajorType(This,pguidMajorType) (This)->lpVtbl->GetMajorType(This,pguidMajorType)
#endif
#endif

/* IMFStreamDescriptor {56c03d9c-9dbb-45f5-ab4b-d80f47c05938} */
DEFINE_GUID(IID_IMFStreamDescriptor, 0x56c03d9c, 0x9dbb, 0x45f5, 0xab, 0x4b, 0xd8, 0x0f, 0x47, 0xc0, 0x59, 0x38);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFStreamDescriptor, "56c03d9c-9dbb-45f5-ab4b-d80f47c05938") : public IMFAttributes {
    virtual HRESULT STDMETHODCALLTYPE GetStreamIdentifier(DWORD *pdwStreamIdentifier) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetMediaTypeHandler(IMFMediaTypeHandler **ppMediaTypeHandler) = 0;
};
MSESS_MF_UUIDOF(IMFStreamDescriptor, 0x56c03d9c, 0x9dbb, 0x45f5, 0xab, 0x4b, 0xd8, 0x0f, 0x47, 0xc0, 0x59, 0x38)
#else
typedef struct IMFStreamDescriptorVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFStreamDescriptor *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFStreamDescriptor *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFStreamDescriptor *This);
    HRESULT (STDMETHODCALLTYPE *GetItem)(IMFStreamDescriptor *This, REFGUID guidKey, PROPVARIANT *pValue);
    HRESULT (STDMETHODCALLTYPE *GetItemType)(IMFStreamDescriptor *This, REFGUID guidKey, MF_ATTRIBUTE_TYPE *pType);
    HRESULT (STDMETHODCALLTYPE *CompareItem)(IMFStreamDescriptor *This, REFGUID guidKey, REFPROPVARIANT Value, BOOL *pbResult);
    HRESULT (STDMETHODCALLTYPE *Compare)(IMFStreamDescriptor *This, IMFAttributes *pTheirs, MF_ATTRIBUTES_MATCH_TYPE MatchType, BOOL *pbResult);
    HRESULT (STDMETHODCALLTYPE *GetUINT32)(IMFStreamDescriptor *This, REFGUID guidKey, UINT32 *punValue);
    HRESULT (STDMETHODCALLTYPE *GetUINT64)(IMFStreamDescriptor *This, REFGUID guidKey, UINT64 *punValue);
    HRESULT (STDMETHODCALLTYPE *GetDouble)(IMFStreamDescriptor *This, REFGUID guidKey, double *pfValue);
    HRESULT (STDMETHODCALLTYPE *GetGUID)(IMFStreamDescriptor *This, REFGUID guidKey, GUID *pguidValue);
    HRESULT (STDMETHODCALLTYPE *GetStringLength)(IMFStreamDescriptor *This, REFGUID guidKey, UINT32 *pcchLength);
    HRESULT (STDMETHODCALLTYPE *GetString)(IMFStreamDescriptor *This, REFGUID guidKey, LPWSTR pwszValue, UINT32 cchBufSize, UINT32 *pcchLength);
    HRESULT (STDMETHODCALLTYPE *GetAllocatedString)(IMFStreamDescriptor *This, REFGUID guidKey, LPWSTR *ppwszValue, UINT32 *pcchLength);
    HRESULT (STDMETHODCALLTYPE *GetBlobSize)(IMFStreamDescriptor *This, REFGUID guidKey, UINT32 *pcbBlobSize);
    HRESULT (STDMETHODCALLTYPE *GetBlob)(IMFStreamDescriptor *This, REFGUID guidKey, UINT8 *pBuf, UINT32 cbBufSize, UINT32 *pcbBlobSize);
    HRESULT (STDMETHODCALLTYPE *GetAllocatedBlob)(IMFStreamDescriptor *This, REFGUID guidKey, UINT8 **ppBuf, UINT32 *pcbSize);
    HRESULT (STDMETHODCALLTYPE *GetUnknown)(IMFStreamDescriptor *This, REFGUID guidKey, REFIID riid, LPVOID *ppv);
    HRESULT (STDMETHODCALLTYPE *SetItem)(IMFStreamDescriptor *This, REFGUID guidKey, REFPROPVARIANT Value);
    HRESULT (STDMETHODCALLTYPE *DeleteItem)(IMFStreamDescriptor *This, REFGUID guidKey);
    HRESULT (STDMETHODCALLTYPE *DeleteAllItems)(IMFStreamDescriptor *This);
    HRESULT (STDMETHODCALLTYPE *SetUINT32)(IMFStreamDescriptor *This, REFGUID guidKey, UINT32 unValue);
    HRESULT (STDMETHODCALLTYPE *SetUINT64)(IMFStreamDescriptor *This, REFGUID guidKey, UINT64 unValue);
    HRESULT (STDMETHODCALLTYPE *SetDouble)(IMFStreamDescriptor *This, REFGUID guidKey, double fValue);
    HRESULT (STDMETHODCALLTYPE *SetGUID)(IMFStreamDescriptor *This, REFGUID guidKey, REFGUID guidValue);
    HRESULT (STDMETHODCALLTYPE *SetString)(IMFStreamDescriptor *This, REFGUID guidKey, LPCWSTR wszValue);
    HRESULT (STDMETHODCALLTYPE *SetBlob)(IMFStreamDescriptor *This, REFGUID guidKey, const UINT8 *pBuf, UINT32 cbBufSize);
    HRESULT (STDMETHODCALLTYPE *SetUnknown)(IMFStreamDescriptor *This, REFGUID guidKey, IUnknown *pUnknown);
    HRESULT (STDMETHODCALLTYPE *LockStore)(IMFStreamDescriptor *This);
    HRESULT (STDMETHODCALLTYPE *UnlockStore)(IMFStreamDescriptor *This);
    HRESULT (STDMETHODCALLTYPE *GetCount)(IMFStreamDescriptor *This, UINT32 *pcItems);
    HRESULT (STDMETHODCALLTYPE *GetItemByIndex)(IMFStreamDescriptor *This, UINT32 unIndex, GUID *pguidKey, PROPVARIANT *pValue);
    HRESULT (STDMETHODCALLTYPE *CopyAllItems)(IMFStreamDescriptor *This, IMFAttributes *pDest);
    HRESULT (STDMETHODCALLTYPE *GetStreamIdentifier)(IMFStreamDescriptor *This, DWORD *pdwStreamIdentifier);
    HRESULT (STDMETHODCALLTYPE *GetMediaTypeHandler)(IMFStreamDescriptor *This, IMFMediaTypeHandler **ppMediaTypeHandler);
    END_INTERFACE
} IMFStreamDescriptorVtbl;
interface IMFStreamDescriptor {
    CONST_VTBL IMFStreamDescriptorVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFStreamDescriptor_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFStreamDescriptor_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFStreamDescriptor_Release(This) (This)->lpVtbl->Release(This)
#define IMFStreamDescriptor_GetItem(This,guidKey,pValue) (This)->lpVtbl->GetItem(This,guidKey,pValue)
#define IMFStreamDescriptor_GetItemType(This,guidKey,pType) (This)->lpVtbl->GetItemType(This,guidKey,pType)
#define IMFStreamDescriptor_CompareItem(This,guidKey,Value,pbResult) (This)->lpVtbl->CompareItem(This,guidKey,Value,pbResult)
#define IMFStreamDescriptor_Compare(This,pTheirs,MatchType,pbResult) (This)->lpVtbl->Compare(This,pTheirs,MatchType,pbResult)
#define IMFStreamDescriptor_GetUINT32(This,guidKey,punValue) (This)->lpVtbl->GetUINT32(This,guidKey,punValue)
#define IMFStreamDescriptor_GetUINT64(This,guidKey,punValue) (This)->lpVtbl->GetUINT64(This,guidKey,punValue)
#define IMFStreamDescriptor_GetDouble(This,guidKey,pfValue) (This)->lpVtbl->GetDouble(This,guidKey,pfValue)
#define IMFStreamDescriptor_GetGUID(This,guidKey,pguidValue) (This)->lpVtbl->GetGUID(This,guidKey,pguidValue)
#define IMFStreamDescriptor_GetStringLength(This,guidKey,pcchLength) (This)->lpVtbl->GetStringLength(This,guidKey,pcchLength)
#define IMFStreamDescriptor_GetString(This,guidKey,pwszValue,cchBufSize,pcchLength) (This)->lpVtbl->GetString(This,guidKey,pwszValue,cchBufSize,pcchLength)
#define IMFStreamDescriptor_GetAllocatedString(This,guidKey,ppwszValue,pcchLength) (This)->lpVtbl->GetAllocatedString(This,guidKey,ppwszValue,pcchLength)
#define IMFStreamDescriptor_GetBlobSize(This,guidKey,pcbBlobSize) (This)->lpVtbl->GetBlobSize(This,guidKey,pcbBlobSize)
#define IMFStreamDescriptor_GetBlob(This,guidKey,pBuf,cbBufSize,pcbBlobSize) (This)->lpVtbl->GetBlob(This,guidKey,pBuf,cbBufSize,pcbBlobSize)
#define IMFStreamDescriptor_GetAllocatedBlob(This,guidKey,ppBuf,pcbSize) (This)->lpVtbl->GetAllocatedBlob(This,guidKey,ppBuf,pcbSize)
#define IMFStreamDescriptor_GetUnknown(This,guidKey,riid,ppv) (This)->lpVtbl->GetUnknown(This,guidKey,riid,ppv)
#define IMFStreamDescriptor_SetItem(This,guidKey,Value) (This)->lpVtbl->SetItem(This,guidKey,Value)
#define IMFStreamDescriptor_DeleteItem(This,guidKey) (This)->lpVtbl->DeleteItem(This,guidKey)
#define IMFStreamDescriptor_DeleteAllItems(This) (This)->lpVtbl->DeleteAllItems(This)
#define IMFStreamDescriptor_SetUINT32(This,guidKey,unValue) (This)->lpVtbl->SetUINT32(This,guidKey,unValue)
#define IMFStreamDescriptor_SetUINT64(This,guidKey,unValue) (This)->lpVtbl->SetUINT64(This,guidKey,unValue)
#define IMFStreamDescriptor_SetDouble(This,guidKey,fValue) (This)->lpVtbl->SetDouble(This,guidKey,fValue)
#define IMFStreamDescriptor_SetGUID(This,guidKey,guidValue) (This)->lpVtbl->SetGUID(This,guidKey,guidValue)
#define IMFStreamDescriptor_SetString(This,guidKey,wszValue) (This)->lpVtbl->SetString(This,guidKey,wszValue)
#define IMFStreamDescriptor_SetBlob(This,guidKey,pBuf,cbBufSize) (This)->lpVtbl->SetBlob(This,guidKey,pBuf,cbBufSize)
#define IMFStreamDescriptor_SetUnknown(This,guidKey,pUnknown) (This)->lpVtbl->SetUnknown(This,guidKey,pUnknown)
#define IMFStreamDescriptor_LockStore(This) (This)->lpVtbl->LockStore(This)
#define IMFStreamDescriptor_UnlockStore(This) (This)->lpVtbl->UnlockStore(This)
#define IMFStreamDescriptor_GetCount(This,pcItems) (This)->lpVtbl->GetCount(This,pcItems)
#define IMFStreamDescriptor_GetItemByIndex(This,unIndex,pguidKey,pValue) (This)->lpVtbl->GetItemByIndex(This,unIndex,pguidKey,pValue)
#define IMFStreamDescriptor_CopyAllItems(This,pDest) (This)->lpVtbl->CopyAllItems(This,pDest)
#define IMFStreamDescriptor_GetStreamIdentifier(This,pdwStreamIdentifier) (This)->lpVtbl->GetStreamIdentifier(This,pdwStreamIdentifier)
#define IMFStreamDescriptor_GetMediaTypeHandler(This,ppMediaTypeHandler) (This)->lpVtbl->GetMediaTypeHandler(This,ppMediaTypeHandler)
#endif
#endif

/* IMFPresentationDescriptor {03cb2711-24d7-4db6-a17f-f3a7a479a536} */
DEFINE_GUID(IID_IMFPresentationDescriptor, 0x03cb2711, 0x24d7, 0x4db6, 0xa1, 0x7f, 0xf3, 0xa7, 0xa4, 0x79, 0xa5, 0x36);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFPresentationDescriptor, "03cb2711-24d7-4db6-a17f-f3a7a479a536") : public IMFAttributes {
    virtual HRESULT STDMETHODCALLTYPE GetStreamDescriptorCount(DWORD *pdwDescriptorCount) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetStreamDescriptorByIndex(DWORD dwIndex, BOOL *pfSelected, IMFStreamDescriptor **ppDescriptor) = 0;
    virtual HRESULT STDMETHODCALLTYPE SelectStream(DWORD dwDescriptorIndex) = 0;
    virtual HRESULT STDMETHODCALLTYPE DeselectStream(DWORD dwDescriptorIndex) = 0;
    virtual HRESULT STDMETHODCALLTYPE Clone(IMFPresentationDescriptor **ppPresentationDescriptor) = 0;
};
MSESS_MF_UUIDOF(IMFPresentationDescriptor, 0x03cb2711, 0x24d7, 0x4db6, 0xa1, 0x7f, 0xf3, 0xa7, 0xa4, 0x79, 0xa5, 0x36)
#else
typedef struct IMFPresentationDescriptorVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFPresentationDescriptor *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFPresentationDescriptor *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFPresentationDescriptor *This);
    HRESULT (STDMETHODCALLTYPE *GetItem)(IMFPresentationDescriptor *This, REFGUID guidKey, PROPVARIANT *pValue);
    HRESULT (STDMETHODCALLTYPE *GetItemType)(IMFPresentationDescriptor *This, REFGUID guidKey, MF_ATTRIBUTE_TYPE *pType);
    HRESULT (STDMETHODCALLTYPE *CompareItem)(IMFPresentationDescriptor *This, REFGUID guidKey, REFPROPVARIANT Value, BOOL *pbResult);
    HRESULT (STDMETHODCALLTYPE *Compare)(IMFPresentationDescriptor *This, IMFAttributes *pTheirs, MF_ATTRIBUTES_MATCH_TYPE MatchType, BOOL *pbResult);
    HRESULT (STDMETHODCALLTYPE *GetUINT32)(IMFPresentationDescriptor *This, REFGUID guidKey, UINT32 *punValue);
    HRESULT (STDMETHODCALLTYPE *GetUINT64)(IMFPresentationDescriptor *This, REFGUID guidKey, UINT64 *punValue);
    HRESULT (STDMETHODCALLTYPE *GetDouble)(IMFPresentationDescriptor *This, REFGUID guidKey, double *pfValue);
    HRESULT (STDMETHODCALLTYPE *GetGUID)(IMFPresentationDescriptor *This, REFGUID guidKey, GUID *pguidValue);
    HRESULT (STDMETHODCALLTYPE *GetStringLength)(IMFPresentationDescriptor *This, REFGUID guidKey, UINT32 *pcchLength);
    HRESULT (STDMETHODCALLTYPE *GetString)(IMFPresentationDescriptor *This, REFGUID guidKey, LPWSTR pwszValue, UINT32 cchBufSize, UINT32 *pcchLength);
    HRESULT (STDMETHODCALLTYPE *GetAllocatedString)(IMFPresentationDescriptor *This, REFGUID guidKey, LPWSTR *ppwszValue, UINT32 *pcchLength);
    HRESULT (STDMETHODCALLTYPE *GetBlobSize)(IMFPresentationDescriptor *This, REFGUID guidKey, UINT32 *pcbBlobSize);
    HRESULT (STDMETHODCALLTYPE *GetBlob)(IMFPresentationDescriptor *This, REFGUID guidKey, UINT8 *pBuf, UINT32 cbBufSize, UINT32 *pcbBlobSize);
    HRESULT (STDMETHODCALLTYPE *GetAllocatedBlob)(IMFPresentationDescriptor *This, REFGUID guidKey, UINT8 **ppBuf, UINT32 *pcbSize);
    HRESULT (STDMETHODCALLTYPE *GetUnknown)(IMFPresentationDescriptor *This, REFGUID guidKey, REFIID riid, LPVOID *ppv);
    HRESULT (STDMETHODCALLTYPE *SetItem)(IMFPresentationDescriptor *This, REFGUID guidKey, REFPROPVARIANT Value);
    HRESULT (STDMETHODCALLTYPE *DeleteItem)(IMFPresentationDescriptor *This, REFGUID guidKey);
    HRESULT (STDMETHODCALLTYPE *DeleteAllItems)(IMFPresentationDescriptor *This);
    HRESULT (STDMETHODCALLTYPE *SetUINT32)(IMFPresentationDescriptor *This, REFGUID guidKey, UINT32 unValue);
    HRESULT (STDMETHODCALLTYPE *SetUINT64)(IMFPresentationDescriptor *This, REFGUID guidKey, UINT64 unValue);
    HRESULT (STDMETHODCALLTYPE *SetDouble)(IMFPresentationDescriptor *This, REFGUID guidKey, double fValue);
    HRESULT (STDMETHODCALLTYPE *SetGUID)(IMFPresentationDescriptor *This, REFGUID guidKey, REFGUID guidValue);
    HRESULT (STDMETHODCALLTYPE *SetString)(IMFPresentationDescriptor *This, REFGUID guidKey, LPCWSTR wszValue);
    HRESULT (STDMETHODCALLTYPE *SetBlob)(IMFPresentationDescriptor *This, REFGUID guidKey, const UINT8 *pBuf, UINT32 cbBufSize);
    HRESULT (STDMETHODCALLTYPE *SetUnknown)(IMFPresentationDescriptor *This, REFGUID guidKey, IUnknown *pUnknown);
    HRESULT (STDMETHODCALLTYPE *LockStore)(IMFPresentationDescriptor *This);
    HRESULT (STDMETHODCALLTYPE *UnlockStore)(IMFPresentationDescriptor *This);
    HRESULT (STDMETHODCALLTYPE *GetCount)(IMFPresentationDescriptor *This, UINT32 *pcItems);
    HRESULT (STDMETHODCALLTYPE *GetItemByIndex)(IMFPresentationDescriptor *This, UINT32 unIndex, GUID *pguidKey, PROPVARIANT *pValue);
    HRESULT (STDMETHODCALLTYPE *CopyAllItems)(IMFPresentationDescriptor *This, IMFAttributes *pDest);
    HRESULT (STDMETHODCALLTYPE *GetStreamDescriptorCount)(IMFPresentationDescriptor *This, DWORD *pdwDescriptorCount);
    HRESULT (STDMETHODCALLTYPE *GetStreamDescriptorByIndex)(IMFPresentationDescriptor *This, DWORD dwIndex, BOOL *pfSelected, IMFStreamDescriptor **ppDescriptor);
    HRESULT (STDMETHODCALLTYPE *SelectStream)(IMFPresentationDescriptor *This, DWORD dwDescriptorIndex);
    HRESULT (STDMETHODCALLTYPE *DeselectStream)(IMFPresentationDescriptor *This, DWORD dwDescriptorIndex);
    HRESULT (STDMETHODCALLTYPE *Clone)(IMFPresentationDescriptor *This, IMFPresentationDescriptor **ppPresentationDescriptor);
    END_INTERFACE
} IMFPresentationDescriptorVtbl;
interface IMFPresentationDescriptor {
    CONST_VTBL IMFPresentationDescriptorVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFPresentationDescriptor_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFPresentationDescriptor_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFPresentationDescriptor_Release(This) (This)->lpVtbl->Release(This)
#define IMFPresentationDescriptor_GetItem(This,guidKey,pValue) (This)->lpVtbl->GetItem(This,guidKey,pValue)
#define IMFPresentationDescriptor_GetItemType(This,guidKey,pType) (This)->lpVtbl->GetItemType(This,guidKey,pType)
#define IMFPresentationDescriptor_CompareItem(This,guidKey,Value,pbResult) (This)->lpVtbl->CompareItem(This,guidKey,Value,pbResult)
#define IMFPresentationDescriptor_Compare(This,pTheirs,MatchType,pbResult) (This)->lpVtbl->Compare(This,pTheirs,MatchType,pbResult)
#define IMFPresentationDescriptor_GetUINT32(This,guidKey,punValue) (This)->lpVtbl->GetUINT32(This,guidKey,punValue)
#define IMFPresentationDescriptor_GetUINT64(This,guidKey,punValue) (This)->lpVtbl->GetUINT64(This,guidKey,punValue)
#define IMFPresentationDescriptor_GetDouble(This,guidKey,pfValue) (This)->lpVtbl->GetDouble(This,guidKey,pfValue)
#define IMFPresentationDescriptor_GetGUID(This,guidKey,pguidValue) (This)->lpVtbl->GetGUID(This,guidKey,pguidValue)
#define IMFPresentationDescriptor_GetStringLength(This,guidKey,pcchLength) (This)->lpVtbl->GetStringLength(This,guidKey,pcchLength)
#define IMFPresentationDescriptor_GetString(This,guidKey,pwszValue,cchBufSize,pcchLength) (This)->lpVtbl->GetString(This,guidKey,pwszValue,cchBufSize,pcchLength)
#define IMFPresentationDescriptor_GetAllocatedString(This,guidKey,ppwszValue,pcchLength) (This)->lpVtbl->GetAllocatedString(This,guidKey,ppwszValue,pcchLength)
#define IMFPresentationDescriptor_GetBlobSize(This,guidKey,pcbBlobSize) (This)->lpVtbl->GetBlobSize(This,guidKey,pcbBlobSize)
#define IMFPresentationDescriptor_GetBlob(This,guidKey,pBuf,cbBufSize,pcbBlobSize) (This)->lpVtbl->GetBlob(This,guidKey,pBuf,cbBufSize,pcbBlobSize)
#define IMFPresentationDescriptor_GetAllocatedBlob(This,guidKey,ppBuf,pcbSize) (This)->lpVtbl->GetAllocatedBlob(This,guidKey,ppBuf,pcbSize)
#define IMFPresentationDescriptor_GetUnknown(This,guidKey,riid,ppv) (This)->lpVtbl->GetUnknown(This,guidKey,riid,ppv)
#define IMFPresentationDescriptor_SetItem(This,guidKey,Value) (This)->lpVtbl->SetItem(This,guidKey,Value)
#define IMFPresentationDescriptor_DeleteItem(This,guidKey) (This)->lpVtbl->DeleteItem(This,guidKey)
#define IMFPresentationDescriptor_DeleteAllItems(This) (This)->lpVtbl->DeleteAllItems(This)
#define IMFPresentationDescriptor_SetUINT32(This,guidKey,unValue) (This)->lpVtbl->SetUINT32(This,guidKey,unValue)
#define IMFPresentationDescriptor_SetUINT64(This,guidKey,unValue) (This)->lpVtbl->SetUINT64(This,guidKey,unValue)
#define IMFPresentationDescriptor_SetDouble(This,guidKey,fValue) (This)->lpVtbl->SetDouble(This,guidKey,fValue)
#define IMFPresentationDescriptor_SetGUID(This,guidKey,guidValue) (This)->lpVtbl->SetGUID(This,guidKey,guidValue)
#define IMFPresentationDescriptor_SetString(This,guidKey,wszValue) (This)->lpVtbl->SetString(This,guidKey,wszValue)
#define IMFPresentationDescriptor_SetBlob(This,guidKey,pBuf,cbBufSize) (This)->lpVtbl->SetBlob(This,guidKey,pBuf,cbBufSize)
#define IMFPresentationDescriptor_SetUnknown(This,guidKey,pUnknown) (This)->lpVtbl->SetUnknown(This,guidKey,pUnknown)
#define IMFPresentationDescriptor_LockStore(This) (This)->lpVtbl->LockStore(This)
#define IMFPresentationDescriptor_UnlockStore(This) (This)->lpVtbl->UnlockStore(This)
#define IMFPresentationDescriptor_GetCount(This,pcItems) (This)->lpVtbl->GetCount(This,pcItems)
#define IMFPresentationDescriptor_GetItemByIndex(This,unIndex,pguidKey,pValue) (This)->lpVtbl->GetItemByIndex(This,unIndex,pguidKey,pValue)
#define IMFPresentationDescriptor_CopyAllItems(This,pDest) (This)->lpVtbl->CopyAllItems(This,pDest)
#define IMFPresentationDescriptor_GetStreamDescriptorCount(This,pdwDescriptorCount) (This)->lpVtbl->GetStreamDescriptorCount(This,pdwDescriptorCount)
#define IMFPresentationDescriptor_GetStreamDescriptorByIndex(This,dwIndex,pfSelected,ppDescriptor) (This)->lpVtbl->GetStreamDescriptorByIndex(This,dwIndex,pfSelected,ppDescriptor)
#define IMFPresentationDescriptor_SelectStream(This,dwDescriptorIndex) (This)->lpVtbl->SelectStream(This,dwDescriptorIndex)
#define IMFPresentationDescriptor_DeselectStream(This,dwDescriptorIndex) (This)->lpVtbl->DeselectStream(This,dwDescriptorIndex)
#define IMFPresentationDescriptor_Clone(This,ppPresentationDescriptor) (This)->lpVtbl->Clone(This,ppPresentationDescriptor)
#endif
#endif

/* IMFMediaSource {279a808d-aec7-40c8-9c6b-a6b492c78a66} */
DEFINE_GUID(IID_IMFMediaSource, 0x279a808d, 0xaec7, 0x40c8, 0x9c, 0x6b, 0xa6, 0xb4, 0x92, 0xc7, 0x8a, 0x66);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFMediaSource, "279a808d-aec7-40c8-9c6b-a6b492c78a66") : public IMFMediaEventGenerator {
    virtual HRESULT STDMETHODCALLTYPE GetCharacteristics(DWORD *pdwCharacteristics) = 0;
    virtual HRESULT STDMETHODCALLTYPE CreatePresentationDescriptor(IMFPresentationDescriptor **ppPresentationDescriptor) = 0;
    virtual HRESULT STDMETHODCALLTYPE Start(IMFPresentationDescriptor *pPresentationDescriptor, const GUID *pguidTimeFormat, const PROPVARIANT *pvarStartPosition) = 0;
    virtual HRESULT STDMETHODCALLTYPE Stop() = 0;
    virtual HRESULT STDMETHODCALLTYPE Pause() = 0;
    virtual HRESULT STDMETHODCALLTYPE Shutdown() = 0;
};
MSESS_MF_UUIDOF(IMFMediaSource, 0x279a808d, 0xaec7, 0x40c8, 0x9c, 0x6b, 0xa6, 0xb4, 0x92, 0xc7, 0x8a, 0x66)
#else
typedef struct IMFMediaSourceVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFMediaSource *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFMediaSource *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFMediaSource *This);
    HRESULT (STDMETHODCALLTYPE *GetEvent)(IMFMediaSource *This, DWORD dwFlags, IMFMediaEvent **ppEvent);
    HRESULT (STDMETHODCALLTYPE *BeginGetEvent)(IMFMediaSource *This, IMFAsyncCallback *pCallback, IUnknown *punkState);
    HRESULT (STDMETHODCALLTYPE *EndGetEvent)(IMFMediaSource *This, IMFAsyncResult *pResult, IMFMediaEvent **ppEvent);
    HRESULT (STDMETHODCALLTYPE *QueueEvent)(IMFMediaSource *This, MediaEventType met, REFGUID guidExtendedType, HRESULT hrStatus, const PROPVARIANT *pvValue);
    HRESULT (STDMETHODCALLTYPE *GetCharacteristics)(IMFMediaSource *This, DWORD *pdwCharacteristics);
    HRESULT (STDMETHODCALLTYPE *CreatePresentationDescriptor)(IMFMediaSource *This, IMFPresentationDescriptor **ppPresentationDescriptor);
    HRESULT (STDMETHODCALLTYPE *Start)(IMFMediaSource *This, IMFPresentationDescriptor *pPresentationDescriptor, const GUID *pguidTimeFormat, const PROPVARIANT *pvarStartPosition);
    HRESULT (STDMETHODCALLTYPE *Stop)(IMFMediaSource *This);
    HRESULT (STDMETHODCALLTYPE *Pause)(IMFMediaSource *This);
    HRESULT (STDMETHODCALLTYPE *Shutdown)(IMFMediaSource *This);
    END_INTERFACE
} IMFMediaSourceVtbl;
interface IMFMediaSource {
    CONST_VTBL IMFMediaSourceVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFMediaSource_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFMediaSource_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFMediaSource_Release(This) (This)->lpVtbl->Release(This)
#define IMFMediaSource_GetEvent(This,dwFlags,ppEvent) (This)->lpVtbl->GetEvent(This,dwFlags,ppEvent)
#define IMFMediaSource_BeginGetEvent(This,pCallback,punkState) (This)->lpVtbl->BeginGetEvent(This,pCallback,punkState)
#define IMFMediaSource_EndGetEvent(This,pResult,ppEvent) (This)->lpVtbl->EndGetEvent(This,pResult,ppEvent)
#define IMFMediaSource_QueueEvent(This,met,guidExtendedType,hrStatus,pvValue) (This)->lpVtbl->QueueEvent(This,met,guidExtendedType,hrStatus,pvValue)
#define IMFMediaSource_GetCharacteristics(This,pdwCharacteristics) (This)->lpVtbl->GetCharacteristics(This,pdwCharacteristics)
#define IMFMediaSource_CreatePresentationDescriptor(This,ppPresentationDescriptor) (This)->lpVtbl->CreatePresentationDescriptor(This,ppPresentationDescriptor)
#define IMFMediaSource_Start(This,pPresentationDescriptor,pguidTimeFormat,pvarStartPosition) (This)->lpVtbl->Start(This,pPresentationDescriptor,pguidTimeFormat,pvarStartPosition)
#define IMFMediaSource_Stop(This) (This)->lpVtbl->Stop(This)
#define IMFMediaSource_Pause(This) (This)->lpVtbl->Pause(This)
#define IMFMediaSource_Shutdown(This) (This)->lpVtbl->Shutdown(This)
#endif
#endif

/* IMFMediaStream {d182108f-4ec6-443f-aa42-a71106ec825f} */
DEFINE_GUID(IID_IMFMediaStream, 0xd182108f, 0x4ec6, 0x443f, 0xaa, 0x42, 0xa7, 0x11, 0x06, 0xec, 0x82, 0x5f);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFMediaStream, "d182108f-4ec6-443f-aa42-a71106ec825f") : public IMFMediaEventGenerator {
    virtual HRESULT STDMETHODCALLTYPE GetMediaSource(IMFMediaSource **ppMediaSource) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetStreamDescriptor(IMFStreamDescriptor **ppStreamDescriptor) = 0;
    virtual HRESULT STDMETHODCALLTYPE RequestSample(IUnknown *pToken) = 0;
};
MSESS_MF_UUIDOF(IMFMediaStream, 0xd182108f, 0x4ec6, 0x443f, 0xaa, 0x42, 0xa7, 0x11, 0x06, 0xec, 0x82, 0x5f)
#else
typedef struct IMFMediaStreamVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFMediaStream *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFMediaStream *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFMediaStream *This);
    HRESULT (STDMETHODCALLTYPE *GetEvent)(IMFMediaStream *This, DWORD dwFlags, IMFMediaEvent **ppEvent);
    HRESULT (STDMETHODCALLTYPE *BeginGetEvent)(IMFMediaStream *This, IMFAsyncCallback *pCallback, IUnknown *punkState);
    HRESULT (STDMETHODCALLTYPE *EndGetEvent)(IMFMediaStream *This, IMFAsyncResult *pResult, IMFMediaEvent **ppEvent);
    HRESULT (STDMETHODCALLTYPE *QueueEvent)(IMFMediaStream *This, MediaEventType met, REFGUID guidExtendedType, HRESULT hrStatus, const PROPVARIANT *pvValue);
    HRESULT (STDMETHODCALLTYPE *GetMediaSource)(IMFMediaStream *This, IMFMediaSource **ppMediaSource);
    HRESULT (STDMETHODCALLTYPE *GetStreamDescriptor)(IMFMediaStream *This, IMFStreamDescriptor **ppStreamDescriptor);
    HRESULT (STDMETHODCALLTYPE *RequestSample)(IMFMediaStream *This, IUnknown *pToken);
    END_INTERFACE
} IMFMediaStreamVtbl;
interface IMFMediaStream {
    CONST_VTBL IMFMediaStreamVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFMediaStream_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFMediaStream_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFMediaStream_Release(This) (This)->lpVtbl->Release(This)
#define IMFMediaStream_GetEvent(This,dwFlags,ppEvent) (This)->lpVtbl->GetEvent(This,dwFlags,ppEvent)
#define IMFMediaStream_BeginGetEvent(This,pCallback,punkState) (This)->lpVtbl->BeginGetEvent(This,pCallback,punkState)
#define IMFMediaStream_EndGetEvent(This,pResult,ppEvent) (This)->lpVtbl->EndGetEvent(This,pResult,ppEvent)
#define IMFMediaStream_QueueEvent(This,met,guidExtendedType,hrStatus,pvValue) (This)->lpVtbl->QueueEvent(This,met,guidExtendedType,hrStatus,pvValue)
#define IMFMediaStream_GetMediaSource(This,ppMediaSource) (This)->lpVtbl->GetMediaSource(This,ppMediaSource)
#define IMFMediaStream_GetStreamDescriptor(This,ppStreamDescriptor) (This)->lpVtbl->GetStreamDescriptor(This,ppStreamDescriptor)
#define IMFMediaStream_RequestSample(This,pToken) (This)->lpVtbl->RequestSample(This,pToken)
#endif
#endif

/* IMFClockStateSink {f6696e82-74f7-4f3d-a178-8a5e09c3659f} */
DEFINE_GUID(IID_IMFClockStateSink, 0xf6696e82, 0x74f7, 0x4f3d, 0xa1, 0x78, 0x8a, 0x5e, 0x09, 0xc3, 0x65, 0x9f);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFClockStateSink, "f6696e82-74f7-4f3d-a178-8a5e09c3659f") : public IUnknown {
    virtual HRESULT STDMETHODCALLTYPE OnClockStart(MFTIME hnsSystemTime, LONGLONG llClockStartOffset) = 0;
    virtual HRESULT STDMETHODCALLTYPE OnClockStop(MFTIME hnsSystemTime) = 0;
    virtual HRESULT STDMETHODCALLTYPE OnClockPause(MFTIME hnsSystemTime) = 0;
    virtual HRESULT STDMETHODCALLTYPE OnClockRestart(MFTIME hnsSystemTime) = 0;
    virtual HRESULT STDMETHODCALLTYPE OnClockSetRate(MFTIME hnsSystemTime, float flRate) = 0;
};
MSESS_MF_UUIDOF(IMFClockStateSink, 0xf6696e82, 0x74f7, 0x4f3d, 0xa1, 0x78, 0x8a, 0x5e, 0x09, 0xc3, 0x65, 0x9f)
#else
typedef struct IMFClockStateSinkVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFClockStateSink *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFClockStateSink *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFClockStateSink *This);
    HRESULT (STDMETHODCALLTYPE *OnClockStart)(IMFClockStateSink *This, MFTIME hnsSystemTime, LONGLONG llClockStartOffset);
    HRESULT (STDMETHODCALLTYPE *OnClockStop)(IMFClockStateSink *This, MFTIME hnsSystemTime);
    HRESULT (STDMETHODCALLTYPE *OnClockPause)(IMFClockStateSink *This, MFTIME hnsSystemTime);
    HRESULT (STDMETHODCALLTYPE *OnClockRestart)(IMFClockStateSink *This, MFTIME hnsSystemTime);
    HRESULT (STDMETHODCALLTYPE *OnClockSetRate)(IMFClockStateSink *This, MFTIME hnsSystemTime, float flRate);
    END_INTERFACE
} IMFClockStateSinkVtbl;
interface IMFClockStateSink {
    CONST_VTBL IMFClockStateSinkVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFClockStateSink_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFClockStateSink_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFClockStateSink_Release(This) (This)->lpVtbl->Release(This)
#define IMFClockStateSink_OnClockStart(This,hnsSystemTime,llClockStartOffset) (This)->lpVtbl->OnClockStart(This,hnsSystemTime,llClockStartOffset)
#define IMFClockStateSink_OnClockStop(This,hnsSystemTime) (This)->lpVtbl->OnClockStop(This,hnsSystemTime)
#define IMFClockStateSink_OnClockPause(This,hnsSystemTime) (This)->lpVtbl->OnClockPause(This,hnsSystemTime)
#define IMFClockStateSink_OnClockRestart(This,hnsSystemTime) (This)->lpVtbl->OnClockRestart(This,hnsSystemTime)
#define IMFClockStateSink_OnClockSetRate(This,hnsSystemTime,flRate) (This)->lpVtbl->OnClockSetRate(This,hnsSystemTime,flRate)
#endif
#endif

/* IMFPresentationTimeSource {7ff12cce-f76f-41c2-863b-1666c8e5e139} */
DEFINE_GUID(IID_IMFPresentationTimeSource, 0x7ff12cce, 0xf76f, 0x41c2, 0x86, 0x3b, 0x16, 0x66, 0xc8, 0xe5, 0xe1, 0x39);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFPresentationTimeSource, "7ff12cce-f76f-41c2-863b-1666c8e5e139") : public IMFClock {
    virtual HRESULT STDMETHODCALLTYPE GetUnderlyingClock(IMFClock **ppClock) = 0;
};
MSESS_MF_UUIDOF(IMFPresentationTimeSource, 0x7ff12cce, 0xf76f, 0x41c2, 0x86, 0x3b, 0x16, 0x66, 0xc8, 0xe5, 0xe1, 0x39)
#else
typedef struct IMFPresentationTimeSourceVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFPresentationTimeSource *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFPresentationTimeSource *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFPresentationTimeSource *This);
    HRESULT (STDMETHODCALLTYPE *GetClockCharacteristics)(IMFPresentationTimeSource *This, DWORD *pdwCharacteristics);
    HRESULT (STDMETHODCALLTYPE *GetCorrelatedTime)(IMFPresentationTimeSource *This, DWORD dwReserved, LONGLONG *pllClockTime, MFTIME *phnsSystemTime);
    HRESULT (STDMETHODCALLTYPE *GetContinuityKey)(IMFPresentationTimeSource *This, DWORD *pdwContinuityKey);
    HRESULT (STDMETHODCALLTYPE *GetState)(IMFPresentationTimeSource *This, DWORD dwReserved, MFCLOCK_STATE *peClockState);
    HRESULT (STDMETHODCALLTYPE *GetProperties)(IMFPresentationTimeSource *This, MFCLOCK_PROPERTIES *pClockProperties);
    HRESULT (STDMETHODCALLTYPE *GetUnderlyingClock)(IMFPresentationTimeSource *This, IMFClock **ppClock);
    END_INTERFACE
} IMFPresentationTimeSourceVtbl;
interface IMFPresentationTimeSource {
    CONST_VTBL IMFPresentationTimeSourceVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFPresentationTimeSource_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFPresentationTimeSource_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFPresentationTimeSource_Release(This) (This)->lpVtbl->Release(This)
#define IMFPresentationTimeSource_GetClockCharacteristics(This,pdwCharacteristics) (This)->lpVtbl->GetClockCharacteristics(This,pdwCharacteristics)
#define IMFPresentationTimeSource_GetCorrelatedTime(This,dwReserved,pllClockTime,phnsSystemTime) (This)->lpVtbl->GetCorrelatedTime(This,dwReserved,pllClockTime,phnsSystemTime)
#define IMFPresentationTimeSource_GetContinuityKey(This,pdwContinuityKey) (This)->lpVtbl->GetContinuityKey(This,pdwContinuityKey)
#define IMFPresentationTimeSource_GetState(This,dwReserved,peClockState) (This)->lpVtbl->GetState(This,dwReserved,peClockState)
#define IMFPresentationTimeSource_GetProperties(This,pClockProperties) (This)->lpVtbl->GetProperties(This,pClockProperties)
#define IMFPresentationTimeSource_GetUnderlyingClock(This,ppClock) (This)->lpVtbl->GetUnderlyingClock(This,ppClock)
#endif
#endif

/* IMFPresentationClock {868ce85c-8ea9-4f55-ab82-b009a910a805} */
DEFINE_GUID(IID_IMFPresentationClock, 0x868ce85c, 0x8ea9, 0x4f55, 0xab, 0x82, 0xb0, 0x09, 0xa9, 0x10, 0xa8, 0x05);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFPresentationClock, "868ce85c-8ea9-4f55-ab82-b009a910a805") : public IMFClock {
    virtual HRESULT STDMETHODCALLTYPE SetTimeSource(IMFPresentationTimeSource *pTimeSource) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetTimeSource(IMFPresentationTimeSource **ppTimeSource) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetTime(MFTIME *phnsClockTime) = 0;
    virtual HRESULT STDMETHODCALLTYPE AddClockStateSink(IMFClockStateSink *pStateSink) = 0;
    virtual HRESULT STDMETHODCALLTYPE RemoveClockStateSink(IMFClockStateSink *pStateSink) = 0;
    virtual HRESULT STDMETHODCALLTYPE Start(LONGLONG llClockStartOffset) = 0;
    virtual HRESULT STDMETHODCALLTYPE Stop() = 0;
    virtual HRESULT STDMETHODCALLTYPE Pause() = 0;
};
MSESS_MF_UUIDOF(IMFPresentationClock, 0x868ce85c, 0x8ea9, 0x4f55, 0xab, 0x82, 0xb0, 0x09, 0xa9, 0x10, 0xa8, 0x05)
#else
typedef struct IMFPresentationClockVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFPresentationClock *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFPresentationClock *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFPresentationClock *This);
    HRESULT (STDMETHODCALLTYPE *GetClockCharacteristics)(IMFPresentationClock *This, DWORD *pdwCharacteristics);
    HRESULT (STDMETHODCALLTYPE *GetCorrelatedTime)(IMFPresentationClock *This, DWORD dwReserved, LONGLONG *pllClockTime, MFTIME *phnsSystemTime);
    HRESULT (STDMETHODCALLTYPE *GetContinuityKey)(IMFPresentationClock *This, DWORD *pdwContinuityKey);
    HRESULT (STDMETHODCALLTYPE *GetState)(IMFPresentationClock *This, DWORD dwReserved, MFCLOCK_STATE *peClockState);
    HRESULT (STDMETHODCALLTYPE *GetProperties)(IMFPresentationClock *This, MFCLOCK_PROPERTIES *pClockProperties);
    HRESULT (STDMETHODCALLTYPE *SetTimeSource)(IMFPresentationClock *This, IMFPresentationTimeSource *pTimeSource);
    HRESULT (STDMETHODCALLTYPE *GetTimeSource)(IMFPresentationClock *This, IMFPresentationTimeSource **ppTimeSource);
    HRESULT (STDMETHODCALLTYPE *GetTime)(IMFPresentationClock *This, MFTIME *phnsClockTime);
    HRESULT (STDMETHODCALLTYPE *AddClockStateSink)(IMFPresentationClock *This, IMFClockStateSink *pStateSink);
    HRESULT (STDMETHODCALLTYPE *RemoveClockStateSink)(IMFPresentationClock *This, IMFClockStateSink *pStateSink);
    HRESULT (STDMETHODCALLTYPE *Start)(IMFPresentationClock *This, LONGLONG llClockStartOffset);
    HRESULT (STDMETHODCALLTYPE *Stop)(IMFPresentationClock *This);
    HRESULT (STDMETHODCALLTYPE *Pause)(IMFPresentationClock *This);
    END_INTERFACE
} IMFPresentationClockVtbl;
interface IMFPresentationClock {
    CONST_VTBL IMFPresentationClockVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFPresentationClock_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFPresentationClock_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFPresentationClock_Release(This) (This)->lpVtbl->Release(This)
#define IMFPresentationClock_GetClockCharacteristics(This,pdwCharacteristics) (This)->lpVtbl->GetClockCharacteristics(This,pdwCharacteristics)
#define IMFPresentationClock_GetCorrelatedTime(This,dwReserved,pllClockTime,phnsSystemTime) (This)->lpVtbl->GetCorrelatedTime(This,dwReserved,pllClockTime,phnsSystemTime)
#define IMFPresentationClock_GetContinuityKey(This,pdwContinuityKey) (This)->lpVtbl->GetContinuityKey(This,pdwContinuityKey)
#define IMFPresentationClock_GetState(This,dwReserved,peClockState) (This)->lpVtbl->GetState(This,dwReserved,peClockState)
#define IMFPresentationClock_GetProperties(This,pClockProperties) (This)->lpVtbl->GetProperties(This,pClockProperties)
#define IMFPresentationClock_SetTimeSource(This,pTimeSource) (This)->lpVtbl->SetTimeSource(This,pTimeSource)
#define IMFPresentationClock_GetTimeSource(This,ppTimeSource) (This)->lpVtbl->GetTimeSource(This,ppTimeSource)
#define IMFPresentationClock_GetTime(This,phnsClockTime) (This)->lpVtbl->GetTime(This,phnsClockTime)
#define IMFPresentationClock_AddClockStateSink(This,pStateSink) (This)->lpVtbl->AddClockStateSink(This,pStateSink)
#define IMFPresentationClock_RemoveClockStateSink(This,pStateSink) (This)->lpVtbl->RemoveClockStateSink(This,pStateSink)
#define IMFPresentationClock_Start(This,llClockStartOffset) (This)->lpVtbl->Start(This,llClockStartOffset)
#define IMFPresentationClock_Stop(This) (This)->lpVtbl->Stop(This)
#define IMFPresentationClock_Pause(This) (This)->lpVtbl->Pause(This)
#endif
#endif

/* IMFStreamSink {0a97b3cf-8e7c-4a3d-8f8c-0c843dc247fb} */
DEFINE_GUID(IID_IMFStreamSink, 0x0a97b3cf, 0x8e7c, 0x4a3d, 0x8f, 0x8c, 0x0c, 0x84, 0x3d, 0xc2, 0x47, 0xfb);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFStreamSink, "0a97b3cf-8e7c-4a3d-8f8c-0c843dc247fb") : public IMFMediaEventGenerator {
    virtual HRESULT STDMETHODCALLTYPE GetMediaSink(IMFMediaSink **ppMediaSink) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetIdentifier(DWORD *pdwIdentifier) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetMediaTypeHandler(IMFMediaTypeHandler **ppHandler) = 0;
    virtual HRESULT STDMETHODCALLTYPE ProcessSample(IMFSample *pSample) = 0;
    virtual HRESULT STDMETHODCALLTYPE PlaceMarker(MFSTREAMSINK_MARKER_TYPE eMarkerType, const PROPVARIANT *pvarMarkerValue, const PROPVARIANT *pvarContextValue) = 0;
    virtual HRESULT STDMETHODCALLTYPE Flush() = 0;
};
MSESS_MF_UUIDOF(IMFStreamSink, 0x0a97b3cf, 0x8e7c, 0x4a3d, 0x8f, 0x8c, 0x0c, 0x84, 0x3d, 0xc2, 0x47, 0xfb)
#else
typedef struct IMFStreamSinkVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFStreamSink *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFStreamSink *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFStreamSink *This);
    HRESULT (STDMETHODCALLTYPE *GetEvent)(IMFStreamSink *This, DWORD dwFlags, IMFMediaEvent **ppEvent);
    HRESULT (STDMETHODCALLTYPE *BeginGetEvent)(IMFStreamSink *This, IMFAsyncCallback *pCallback, IUnknown *punkState);
    HRESULT (STDMETHODCALLTYPE *EndGetEvent)(IMFStreamSink *This, IMFAsyncResult *pResult, IMFMediaEvent **ppEvent);
    HRESULT (STDMETHODCALLTYPE *QueueEvent)(IMFStreamSink *This, MediaEventType met, REFGUID guidExtendedType, HRESULT hrStatus, const PROPVARIANT *pvValue);
    HRESULT (STDMETHODCALLTYPE *GetMediaSink)(IMFStreamSink *This, IMFMediaSink **ppMediaSink);
    HRESULT (STDMETHODCALLTYPE *GetIdentifier)(IMFStreamSink *This, DWORD *pdwIdentifier);
    HRESULT (STDMETHODCALLTYPE *GetMediaTypeHandler)(IMFStreamSink *This, IMFMediaTypeHandler **ppHandler);
    HRESULT (STDMETHODCALLTYPE *ProcessSample)(IMFStreamSink *This, IMFSample *pSample);
    HRESULT (STDMETHODCALLTYPE *PlaceMarker)(IMFStreamSink *This, MFSTREAMSINK_MARKER_TYPE eMarkerType, const PROPVARIANT *pvarMarkerValue, const PROPVARIANT *pvarContextValue);
    HRESULT (STDMETHODCALLTYPE *Flush)(IMFStreamSink *This);
    END_INTERFACE
} IMFStreamSinkVtbl;
interface IMFStreamSink {
    CONST_VTBL IMFStreamSinkVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFStreamSink_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFStreamSink_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFStreamSink_Release(This) (This)->lpVtbl->Release(This)
#define IMFStreamSink_GetEvent(This,dwFlags,ppEvent) (This)->lpVtbl->GetEvent(This,dwFlags,ppEvent)
#define IMFStreamSink_BeginGetEvent(This,pCallback,punkState) (This)->lpVtbl->BeginGetEvent(This,pCallback,punkState)
#define IMFStreamSink_EndGetEvent(This,pResult,ppEvent) (This)->lpVtbl->EndGetEvent(This,pResult,ppEvent)
#define IMFStreamSink_QueueEvent(This,met,guidExtendedType,hrStatus,pvValue) (This)->lpVtbl->QueueEvent(This,met,guidExtendedType,hrStatus,pvValue)
#define IMFStreamSink_GetMediaSink(This,ppMediaSink) (This)->lpVtbl->GetMediaSink(This,ppMediaSink)
#define IMFStreamSink_GetIdentifier(This,pdwIdentifier) (This)->lpVtbl->GetIdentifier(This,pdwIdentifier)
#define IMFStreamSink_GetMediaTypeHandler(This,ppHandler) (This)->lpVtbl->GetMediaTypeHandler(This,ppHandler)
#define IMFStreamSink_ProcessSample(This,pSample) (This)->lpVtbl->ProcessSample(This,pSample)
#define IMFStreamSink_PlaceMarker(This,eMarkerType,pvarMarkerValue,pvarContextValue) (This)->lpVtbl->PlaceMarker(This,eMarkerType,pvarMarkerValue,pvarContextValue)
#define IMFStreamSink_Flush(This) (This)->lpVtbl->Flush(This)
#endif
#endif

/* IMFMediaSink {6ef2a660-47c0-4666-b13d-cbb717f2fa2c} */
DEFINE_GUID(IID_IMFMediaSink, 0x6ef2a660, 0x47c0, 0x4666, 0xb1, 0x3d, 0xcb, 0xb7, 0x17, 0xf2, 0xfa, 0x2c);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFMediaSink, "6ef2a660-47c0-4666-b13d-cbb717f2fa2c") : public IUnknown {
    virtual HRESULT STDMETHODCALLTYPE GetCharacteristics(DWORD *pdwCharacteristics) = 0;
    virtual HRESULT STDMETHODCALLTYPE AddStreamSink(DWORD dwStreamSinkIdentifier, IMFMediaType *pMediaType, IMFStreamSink **ppStreamSink) = 0;
    virtual HRESULT STDMETHODCALLTYPE RemoveStreamSink(DWORD dwStreamSinkIdentifier) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetStreamSinkCount(DWORD *pcStreamSinkCount) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetStreamSinkByIndex(DWORD dwIndex, IMFStreamSink **ppStreamSink) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetStreamSinkById(DWORD dwStreamSinkIdentifier, IMFStreamSink **ppStreamSink) = 0;
    virtual HRESULT STDMETHODCALLTYPE SetPresentationClock(IMFPresentationClock *pPresentationClock) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetPresentationClock(IMFPresentationClock **ppPresentationClock) = 0;
    virtual HRESULT STDMETHODCALLTYPE Shutdown() = 0;
};
MSESS_MF_UUIDOF(IMFMediaSink, 0x6ef2a660, 0x47c0, 0x4666, 0xb1, 0x3d, 0xcb, 0xb7, 0x17, 0xf2, 0xfa, 0x2c)
#else
typedef struct IMFMediaSinkVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFMediaSink *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFMediaSink *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFMediaSink *This);
    HRESULT (STDMETHODCALLTYPE *GetCharacteristics)(IMFMediaSink *This, DWORD *pdwCharacteristics);
    HRESULT (STDMETHODCALLTYPE *AddStreamSink)(IMFMediaSink *This, DWORD dwStreamSinkIdentifier, IMFMediaType *pMediaType, IMFStreamSink **ppStreamSink);
    HRESULT (STDMETHODCALLTYPE *RemoveStreamSink)(IMFMediaSink *This, DWORD dwStreamSinkIdentifier);
    HRESULT (STDMETHODCALLTYPE *GetStreamSinkCount)(IMFMediaSink *This, DWORD *pcStreamSinkCount);
    HRESULT (STDMETHODCALLTYPE *GetStreamSinkByIndex)(IMFMediaSink *This, DWORD dwIndex, IMFStreamSink **ppStreamSink);
    HRESULT (STDMETHODCALLTYPE *GetStreamSinkById)(IMFMediaSink *This, DWORD dwStreamSinkIdentifier, IMFStreamSink **ppStreamSink);
    HRESULT (STDMETHODCALLTYPE *SetPresentationClock)(IMFMediaSink *This, IMFPresentationClock *pPresentationClock);
    HRESULT (STDMETHODCALLTYPE *GetPresentationClock)(IMFMediaSink *This, IMFPresentationClock **ppPresentationClock);
    HRESULT (STDMETHODCALLTYPE *Shutdown)(IMFMediaSink *This);
    END_INTERFACE
} IMFMediaSinkVtbl;
interface IMFMediaSink {
    CONST_VTBL IMFMediaSinkVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFMediaSink_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFMediaSink_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFMediaSink_Release(This) (This)->lpVtbl->Release(This)
#define IMFMediaSink_GetCharacteristics(This,pdwCharacteristics) (This)->lpVtbl->GetCharacteristics(This,pdwCharacteristics)
#define IMFMediaSink_AddStreamSink(This,dwStreamSinkIdentifier,pMediaType,ppStreamSink) (This)->lpVtbl->AddStreamSink(This,dwStreamSinkIdentifier,pMediaType,ppStreamSink)
#define IMFMediaSink_RemoveStreamSink(This,dwStreamSinkIdentifier) (This)->lpVtbl->RemoveStreamSink(This,dwStreamSinkIdentifier)
#define IMFMediaSink_GetStreamSinkCount(This,pcStreamSinkCount) (This)->lpVtbl->GetStreamSinkCount(This,pcStreamSinkCount)
#define IMFMediaSink_GetStreamSinkByIndex(This,dwIndex,ppStreamSink) (This)->lpVtbl->GetStreamSinkByIndex(This,dwIndex,ppStreamSink)
#define IMFMediaSink_GetStreamSinkById(This,dwStreamSinkIdentifier,ppStreamSink) (This)->lpVtbl->GetStreamSinkById(This,dwStreamSinkIdentifier,ppStreamSink)
#define IMFMediaSink_SetPresentationClock(This,pPresentationClock) (This)->lpVtbl->SetPresentationClock(This,pPresentationClock)
#define IMFMediaSink_GetPresentationClock(This,ppPresentationClock) (This)->lpVtbl->GetPresentationClock(This,ppPresentationClock)
#define IMFMediaSink_Shutdown(This) (This)->lpVtbl->Shutdown(This)
#endif
#endif

/* IMFSampleGrabberSinkCallback {8c7b80bf-ee42-4b59-b1df-55668e1bdca8} */
DEFINE_GUID(IID_IMFSampleGrabberSinkCallback, 0x8c7b80bf, 0xee42, 0x4b59, 0xb1, 0xdf, 0x55, 0x66, 0x8e, 0x1b, 0xdc, 0xa8);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFSampleGrabberSinkCallback, "8c7b80bf-ee42-4b59-b1df-55668e1bdca8") : public IMFClockStateSink {
    virtual HRESULT STDMETHODCALLTYPE OnSetPresentationClock(IMFPresentationClock *pPresentationClock) = 0;
    virtual HRESULT STDMETHODCALLTYPE OnProcessSample(REFGUID guidMajorMediaType, DWORD dwSampleFlags, LONGLONG llSampleTime, LONGLONG llSampleDuration, const BYTE *pSampleBuffer, DWORD dwSampleSize) = 0;
    virtual HRESULT STDMETHODCALLTYPE OnShutdown() = 0;
};
MSESS_MF_UUIDOF(IMFSampleGrabberSinkCallback, 0x8c7b80bf, 0xee42, 0x4b59, 0xb1, 0xdf, 0x55, 0x66, 0x8e, 0x1b, 0xdc, 0xa8)
#else
typedef struct IMFSampleGrabberSinkCallbackVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFSampleGrabberSinkCallback *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFSampleGrabberSinkCallback *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFSampleGrabberSinkCallback *This);
    HRESULT (STDMETHODCALLTYPE *OnClockStart)(IMFSampleGrabberSinkCallback *This, MFTIME hnsSystemTime, LONGLONG llClockStartOffset);
    HRESULT (STDMETHODCALLTYPE *OnClockStop)(IMFSampleGrabberSinkCallback *This, MFTIME hnsSystemTime);
    HRESULT (STDMETHODCALLTYPE *OnClockPause)(IMFSampleGrabberSinkCallback *This, MFTIME hnsSystemTime);
    HRESULT (STDMETHODCALLTYPE *OnClockRestart)(IMFSampleGrabberSinkCallback *This, MFTIME hnsSystemTime);
    HRESULT (STDMETHODCALLTYPE *OnClockSetRate)(IMFSampleGrabberSinkCallback *This, MFTIME hnsSystemTime, float flRate);
    HRESULT (STDMETHODCALLTYPE *OnSetPresentationClock)(IMFSampleGrabberSinkCallback *This, IMFPresentationClock *pPresentationClock);
    HRESULT (STDMETHODCALLTYPE *OnProcessSample)(IMFSampleGrabberSinkCallback *This, REFGUID guidMajorMediaType, DWORD dwSampleFlags, LONGLONG llSampleTime, LONGLONG llSampleDuration, const BYTE *pSampleBuffer, DWORD dwSampleSize);
    HRESULT (STDMETHODCALLTYPE *OnShutdown)(IMFSampleGrabberSinkCallback *This);
    END_INTERFACE
} IMFSampleGrabberSinkCallbackVtbl;
interface IMFSampleGrabberSinkCallback {
    CONST_VTBL IMFSampleGrabberSinkCallbackVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFSampleGrabberSinkCallback_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFSampleGrabberSinkCallback_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFSampleGrabberSinkCallback_Release(This) (This)->lpVtbl->Release(This)
#define IMFSampleGrabberSinkCallback_OnClockStart(This,hnsSystemTime,llClockStartOffset) (This)->lpVtbl->OnClockStart(This,hnsSystemTime,llClockStartOffset)
#define IMFSampleGrabberSinkCallback_OnClockStop(This,hnsSystemTime) (This)->lpVtbl->OnClockStop(This,hnsSystemTime)
#define IMFSampleGrabberSinkCallback_OnClockPause(This,hnsSystemTime) (This)->lpVtbl->OnClockPause(This,hnsSystemTime)
#define IMFSampleGrabberSinkCallback_OnClockRestart(This,hnsSystemTime) (This)->lpVtbl->OnClockRestart(This,hnsSystemTime)
#define IMFSampleGrabberSinkCallback_OnClockSetRate(This,hnsSystemTime,flRate) (This)->lpVtbl->OnClockSetRate(This,hnsSystemTime,flRate)
#define IMFSampleGrabberSinkCallback_OnSetPresentationClock(This,pPresentationClock) (This)->lpVtbl->OnSetPresentationClock(This,pPresentationClock)
#define IMFSampleGrabberSinkCallback_OnProcessSample(This,guidMajorMediaType,dwSampleFlags,llSampleTime,llSampleDuration,pSampleBuffer,dwSampleSize) (This)->lpVtbl->OnProcessSample(This,guidMajorMediaType,dwSampleFlags,llSampleTime,llSampleDuration,pSampleBuffer,dwSampleSize)
#define IMFSampleGrabberSinkCallback_OnShutdown(This) (This)->lpVtbl->OnShutdown(This)
#endif
#endif

/* IMFSampleGrabberSinkCallback2 {ca86aa50-c46e-429e-ab27-16d6ac6844cb} */
DEFINE_GUID(IID_IMFSampleGrabberSinkCallback2, 0xca86aa50, 0xc46e, 0x429e, 0xab, 0x27, 0x16, 0xd6, 0xac, 0x68, 0x44, 0xcb);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFSampleGrabberSinkCallback2, "ca86aa50-c46e-429e-ab27-16d6ac6844cb") : public IMFSampleGrabberSinkCallback {
    virtual HRESULT STDMETHODCALLTYPE OnProcessSampleEx(REFGUID guidMajorMediaType, DWORD dwSampleFlags, LONGLONG llSampleTime, LONGLONG llSampleDuration, const BYTE *pSampleBuffer, DWORD dwSampleSize, IMFAttributes *pAttributes) = 0;
};
MSESS_MF_UUIDOF(IMFSampleGrabberSinkCallback2, 0xca86aa50, 0xc46e, 0x429e, 0xab, 0x27, 0x16, 0xd6, 0xac, 0x68, 0x44, 0xcb)
#else
typedef struct IMFSampleGrabberSinkCallback2Vtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFSampleGrabberSinkCallback2 *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFSampleGrabberSinkCallback2 *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFSampleGrabberSinkCallback2 *This);
    HRESULT (STDMETHODCALLTYPE *OnClockStart)(IMFSampleGrabberSinkCallback2 *This, MFTIME hnsSystemTime, LONGLONG llClockStartOffset);
    HRESULT (STDMETHODCALLTYPE *OnClockStop)(IMFSampleGrabberSinkCallback2 *This, MFTIME hnsSystemTime);
    HRESULT (STDMETHODCALLTYPE *OnClockPause)(IMFSampleGrabberSinkCallback2 *This, MFTIME hnsSystemTime);
    HRESULT (STDMETHODCALLTYPE *OnClockRestart)(IMFSampleGrabberSinkCallback2 *This, MFTIME hnsSystemTime);
    HRESULT (STDMETHODCALLTYPE *OnClockSetRate)(IMFSampleGrabberSinkCallback2 *This, MFTIME hnsSystemTime, float flRate);
    HRESULT (STDMETHODCALLTYPE *OnSetPresentationClock)(IMFSampleGrabberSinkCallback2 *This, IMFPresentationClock *pPresentationClock);
    HRESULT (STDMETHODCALLTYPE *OnProcessSample)(IMFSampleGrabberSinkCallback2 *This, REFGUID guidMajorMediaType, DWORD dwSampleFlags, LONGLONG llSampleTime, LONGLONG llSampleDuration, const BYTE *pSampleBuffer, DWORD dwSampleSize);
    HRESULT (STDMETHODCALLTYPE *OnShutdown)(IMFSampleGrabberSinkCallback2 *This);
    HRESULT (STDMETHODCALLTYPE *OnProcessSampleEx)(IMFSampleGrabberSinkCallback2 *This, REFGUID guidMajorMediaType, DWORD dwSampleFlags, LONGLONG llSampleTime, LONGLONG llSampleDuration, const BYTE *pSampleBuffer, DWORD dwSampleSize, IMFAttributes *pAttributes);
    END_INTERFACE
} IMFSampleGrabberSinkCallback2Vtbl;
interface IMFSampleGrabberSinkCallback2 {
    CONST_VTBL IMFSampleGrabberSinkCallback2Vtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFSampleGrabberSinkCallback2_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFSampleGrabberSinkCallback2_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFSampleGrabberSinkCallback2_Release(This) (This)->lpVtbl->Release(This)
#define IMFSampleGrabberSinkCallback2_OnClockStart(This,hnsSystemTime,llClockStartOffset) (This)->lpVtbl->OnClockStart(This,hnsSystemTime,llClockStartOffset)
#define IMFSampleGrabberSinkCallback2_OnClockStop(This,hnsSystemTime) (This)->lpVtbl->OnClockStop(This,hnsSystemTime)
#define IMFSampleGrabberSinkCallback2_OnClockPause(This,hnsSystemTime) (This)->lpVtbl->OnClockPause(This,hnsSystemTime)
#define IMFSampleGrabberSinkCallback2_OnClockRestart(This,hnsSystemTime) (This)->lpVtbl->OnClockRestart(This,hnsSystemTime)
#define IMFSampleGrabberSinkCallback2_OnClockSetRate(This,hnsSystemTime,flRate) (This)->lpVtbl->OnClockSetRate(This,hnsSystemTime,flRate)
#define IMFSampleGrabberSinkCallback2_OnSetPresentationClock(This,pPresentationClock) (This)->lpVtbl->OnSetPresentationClock(This,pPresentationClock)
#define IMFSampleGrabberSinkCallback2_OnProcessSample(This,guidMajorMediaType,dwSampleFlags,llSampleTime,llSampleDuration,pSampleBuffer,dwSampleSize) (This)->lpVtbl->OnProcessSample(This,guidMajorMediaType,dwSampleFlags,llSampleTime,llSampleDuration,pSampleBuffer,dwSampleSize)
#define IMFSampleGrabberSinkCallback2_OnShutdown(This) (This)->lpVtbl->OnShutdown(This)
#define IMFSampleGrabberSinkCallback2_OnProcessSampleEx(This,guidMajorMediaType,dwSampleFlags,llSampleTime,llSampleDuration,pSampleBuffer,dwSampleSize,pAttributes) (This)->lpVtbl->OnProcessSampleEx(This,guidMajorMediaType,dwSampleFlags,llSampleTime,llSampleDuration,pSampleBuffer,dwSampleSize,pAttributes)
#endif
#endif

/* IMFSourceResolver {fbe5a32d-a497-4b61-bb85-97b1a848a6e3} */
DEFINE_GUID(IID_IMFSourceResolver, 0xfbe5a32d, 0xa497, 0x4b61, 0xbb, 0x85, 0x97, 0xb1, 0xa8, 0x48, 0xa6, 0xe3);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFSourceResolver, "fbe5a32d-a497-4b61-bb85-97b1a848a6e3") : public IUnknown {
    virtual HRESULT STDMETHODCALLTYPE CreateObjectFromURL(LPCWSTR pwszURL, DWORD dwFlags, IPropertyStore *pProps, MF_OBJECT_TYPE *pObjectType, IUnknown **ppObject) = 0;
    virtual HRESULT STDMETHODCALLTYPE CreateObjectFromByteStream(IMFByteStream *pByteStream, LPCWSTR pwszURL, DWORD dwFlags, IPropertyStore *pProps, MF_OBJECT_TYPE *pObjectType, IUnknown **ppObject) = 0;
    virtual HRESULT STDMETHODCALLTYPE BeginCreateObjectFromURL(LPCWSTR pwszURL, DWORD dwFlags, IPropertyStore *pProps, IUnknown **ppIUnknownCancelCookie, IMFAsyncCallback *pCallback, IUnknown *punkState) = 0;
    virtual HRESULT STDMETHODCALLTYPE EndCreateObjectFromURL(IMFAsyncResult *pResult, MF_OBJECT_TYPE *pObjectType, IUnknown **ppObject) = 0;
    virtual HRESULT STDMETHODCALLTYPE BeginCreateObjectFromByteStream(IMFByteStream *pByteStream, LPCWSTR pwszURL, DWORD dwFlags, IPropertyStore *pProps, IUnknown **ppIUnknownCancelCookie, IMFAsyncCallback *pCallback, IUnknown *punkState) = 0;
    virtual HRESULT STDMETHODCALLTYPE EndCreateObjectFromByteStream(IMFAsyncResult *pResult, MF_OBJECT_TYPE *pObjectType, IUnknown **ppObject) = 0;
    virtual HRESULT STDMETHODCALLTYPE CancelObjectCreation(IUnknown *pIUnknownCancelCookie) = 0;
};
MSESS_MF_UUIDOF(IMFSourceResolver, 0xfbe5a32d, 0xa497, 0x4b61, 0xbb, 0x85, 0x97, 0xb1, 0xa8, 0x48, 0xa6, 0xe3)
#else
typedef struct IMFSourceResolverVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFSourceResolver *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFSourceResolver *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFSourceResolver *This);
    HRESULT (STDMETHODCALLTYPE *CreateObjectFromURL)(IMFSourceResolver *This, LPCWSTR pwszURL, DWORD dwFlags, IPropertyStore *pProps, MF_OBJECT_TYPE *pObjectType, IUnknown **ppObject);
    HRESULT (STDMETHODCALLTYPE *CreateObjectFromByteStream)(IMFSourceResolver *This, IMFByteStream *pByteStream, LPCWSTR pwszURL, DWORD dwFlags, IPropertyStore *pProps, MF_OBJECT_TYPE *pObjectType, IUnknown **ppObject);
    HRESULT (STDMETHODCALLTYPE *BeginCreateObjectFromURL)(IMFSourceResolver *This, LPCWSTR pwszURL, DWORD dwFlags, IPropertyStore *pProps, IUnknown **ppIUnknownCancelCookie, IMFAsyncCallback *pCallback, IUnknown *punkState);
    HRESULT (STDMETHODCALLTYPE *EndCreateObjectFromURL)(IMFSourceResolver *This, IMFAsyncResult *pResult, MF_OBJECT_TYPE *pObjectType, IUnknown **ppObject);
    HRESULT (STDMETHODCALLTYPE *BeginCreateObjectFromByteStream)(IMFSourceResolver *This, IMFByteStream *pByteStream, LPCWSTR pwszURL, DWORD dwFlags, IPropertyStore *pProps, IUnknown **ppIUnknownCancelCookie, IMFAsyncCallback *pCallback, IUnknown *punkState);
    HRESULT (STDMETHODCALLTYPE *EndCreateObjectFromByteStream)(IMFSourceResolver *This, IMFAsyncResult *pResult, MF_OBJECT_TYPE *pObjectType, IUnknown **ppObject);
    HRESULT (STDMETHODCALLTYPE *CancelObjectCreation)(IMFSourceResolver *This, IUnknown *pIUnknownCancelCookie);
    END_INTERFACE
} IMFSourceResolverVtbl;
interface IMFSourceResolver {
    CONST_VTBL IMFSourceResolverVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFSourceResolver_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFSourceResolver_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFSourceResolver_Release(This) (This)->lpVtbl->Release(This)
#define IMFSourceResolver_CreateObjectFromURL(This,pwszURL,dwFlags,pProps,pObjectType,ppObject) (This)->lpVtbl->CreateObjectFromURL(This,pwszURL,dwFlags,pProps,pObjectType,ppObject)
#define IMFSourceResolver_CreateObjectFromByteStream(This,pByteStream,pwszURL,dwFlags,pProps,pObjectType,ppObject) (This)->lpVtbl->CreateObjectFromByteStream(This,pByteStream,pwszURL,dwFlags,pProps,pObjectType,ppObject)
#define IMFSourceResolver_BeginCreateObjectFromURL(This,pwszURL,dwFlags,pProps,ppIUnknownCancelCookie,pCallback,punkState) (This)->lpVtbl->BeginCreateObjectFromURL(This,pwszURL,dwFlags,pProps,ppIUnknownCancelCookie,pCallback,punkState)
#define IMFSourceResolver_EndCreateObjectFromURL(This,pResult,pObjectType,ppObject) (This)->lpVtbl->EndCreateObjectFromURL(This,pResult,pObjectType,ppObject)
#define IMFSourceResolver_BeginCreateObjectFromByteStream(This,pByteStream,pwszURL,dwFlags,pProps,ppIUnknownCancelCookie,pCallback,punkState) (This)->lpVtbl->BeginCreateObjectFromByteStream(This,pByteStream,pwszURL,dwFlags,pProps,ppIUnknownCancelCookie,pCallback,punkState)
#define IMFSourceResolver_EndCreateObjectFromByteStream(This,pResult,pObjectType,ppObject) (This)->lpVtbl->EndCreateObjectFromByteStream(This,pResult,pObjectType,ppObject)
#define IMFSourceResolver_CancelObjectCreation(This,pIUnknownCancelCookie) (This)->lpVtbl->CancelObjectCreation(This,pIUnknownCancelCookie)
#endif
#endif

/* IMFRateControl {88ddcd21-03c3-4275-91ed-55ee3929328f} */
DEFINE_GUID(IID_IMFRateControl, 0x88ddcd21, 0x03c3, 0x4275, 0x91, 0xed, 0x55, 0xee, 0x39, 0x29, 0x32, 0x8f);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFRateControl, "88ddcd21-03c3-4275-91ed-55ee3929328f") : public IUnknown {
    virtual HRESULT STDMETHODCALLTYPE SetRate(BOOL fThin, float flRate) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetRate(BOOL *pfThin, float *pflRate) = 0;
};
MSESS_MF_UUIDOF(IMFRateControl, 0x88ddcd21, 0x03c3, 0x4275, 0x91, 0xed, 0x55, 0xee, 0x39, 0x29, 0x32, 0x8f)
#else
typedef struct IMFRateControlVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFRateControl *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFRateControl *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFRateControl *This);
    HRESULT (STDMETHODCALLTYPE *SetRate)(IMFRateControl *This, BOOL fThin, float flRate);
    HRESULT (STDMETHODCALLTYPE *GetRate)(IMFRateControl *This, BOOL *pfThin, float *pflRate);
    END_INTERFACE
} IMFRateControlVtbl;
interface IMFRateControl {
    CONST_VTBL IMFRateControlVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFRateControl_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFRateControl_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFRateControl_Release(This) (This)->lpVtbl->Release(This)
#define IMFRateControl_SetRate(This,fThin,flRate) (This)->lpVtbl->SetRate(This,fThin,flRate)
#define IMFRateControl_GetRate(This,pfThin,pflRate) (This)->lpVtbl->GetRate(This,pfThin,pflRate)
#endif
#endif

/* IMFRateSupport {0a9ccdbc-d797-4563-9667-94ec5d79292d} */
DEFINE_GUID(IID_IMFRateSupport, 0x0a9ccdbc, 0xd797, 0x4563, 0x96, 0x67, 0x94, 0xec, 0x5d, 0x79, 0x29, 0x2d);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFRateSupport, "0a9ccdbc-d797-4563-9667-94ec5d79292d") : public IUnknown {
    virtual HRESULT STDMETHODCALLTYPE GetSlowestRate(MFRATE_DIRECTION eDirection, BOOL fThin, float *pflRate) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetFastestRate(MFRATE_DIRECTION eDirection, BOOL fThin, float *pflRate) = 0;
    virtual HRESULT STDMETHODCALLTYPE IsRateSupported(BOOL fThin, float flRate, float *pflNearestSupportedRate) = 0;
};
MSESS_MF_UUIDOF(IMFRateSupport, 0x0a9ccdbc, 0xd797, 0x4563, 0x96, 0x67, 0x94, 0xec, 0x5d, 0x79, 0x29, 0x2d)
#else
typedef struct IMFRateSupportVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFRateSupport *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFRateSupport *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFRateSupport *This);
    HRESULT (STDMETHODCALLTYPE *GetSlowestRate)(IMFRateSupport *This, MFRATE_DIRECTION eDirection, BOOL fThin, float *pflRate);
    HRESULT (STDMETHODCALLTYPE *GetFastestRate)(IMFRateSupport *This, MFRATE_DIRECTION eDirection, BOOL fThin, float *pflRate);
    HRESULT (STDMETHODCALLTYPE *IsRateSupported)(IMFRateSupport *This, BOOL fThin, float flRate, float *pflNearestSupportedRate);
    END_INTERFACE
} IMFRateSupportVtbl;
interface IMFRateSupport {
    CONST_VTBL IMFRateSupportVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFRateSupport_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFRateSupport_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFRateSupport_Release(This) (This)->lpVtbl->Release(This)
#define IMFRateSupport_GetSlowestRate(This,eDirection,fThin,pflRate) (This)->lpVtbl->GetSlowestRate(This,eDirection,fThin,pflRate)
#define IMFRateSupport_GetFastestRate(This,eDirection,fThin,pflRate) (This)->lpVtbl->GetFastestRate(This,eDirection,fThin,pflRate)
#define IMFRateSupport_IsRateSupported(This,fThin,flRate,pflNearestSupportedRate) (This)->lpVtbl->IsRateSupported(This,fThin,flRate,pflNearestSupportedRate)
#endif
#endif

/* IMFSimpleAudioVolume {089edf13-cf71-4338-8d13-9e569dbdc319} */
DEFINE_GUID(IID_IMFSimpleAudioVolume, 0x089edf13, 0xcf71, 0x4338, 0x8d, 0x13, 0x9e, 0x56, 0x9d, 0xbd, 0xc3, 0x19);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFSimpleAudioVolume, "089edf13-cf71-4338-8d13-9e569dbdc319") : public IUnknown {
    virtual HRESULT STDMETHODCALLTYPE SetMasterVolume(float fLevel) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetMasterVolume(float *pfLevel) = 0;
    virtual HRESULT STDMETHODCALLTYPE SetMute(const BOOL bMute) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetMute(BOOL *pbMute) = 0;
};
MSESS_MF_UUIDOF(IMFSimpleAudioVolume, 0x089edf13, 0xcf71, 0x4338, 0x8d, 0x13, 0x9e, 0x56, 0x9d, 0xbd, 0xc3, 0x19)
#else
typedef struct IMFSimpleAudioVolumeVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFSimpleAudioVolume *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFSimpleAudioVolume *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFSimpleAudioVolume *This);
    HRESULT (STDMETHODCALLTYPE *SetMasterVolume)(IMFSimpleAudioVolume *This, float fLevel);
    HRESULT (STDMETHODCALLTYPE *GetMasterVolume)(IMFSimpleAudioVolume *This, float *pfLevel);
    HRESULT (STDMETHODCALLTYPE *SetMute)(IMFSimpleAudioVolume *This, const BOOL bMute);
    HRESULT (STDMETHODCALLTYPE *GetMute)(IMFSimpleAudioVolume *This, BOOL *pbMute);
    END_INTERFACE
} IMFSimpleAudioVolumeVtbl;
interface IMFSimpleAudioVolume {
    CONST_VTBL IMFSimpleAudioVolumeVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFSimpleAudioVolume_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFSimpleAudioVolume_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFSimpleAudioVolume_Release(This) (This)->lpVtbl->Release(This)
#define IMFSimpleAudioVolume_SetMasterVolume(This,fLevel) (This)->lpVtbl->SetMasterVolume(This,fLevel)
#define IMFSimpleAudioVolume_GetMasterVolume(This,pfLevel) (This)->lpVtbl->GetMasterVolume(This,pfLevel)
#define IMFSimpleAudioVolume_SetMute(This,bMute) (This)->lpVtbl->SetMute(This,bMute)
#define IMFSimpleAudioVolume_GetMute(This,pbMute) (This)->lpVtbl->GetMute(This,pbMute)
#endif
#endif

/* IMFAudioStreamVolume {76b1bbdb-4ec8-4f36-b106-70a9316df593} */
DEFINE_GUID(IID_IMFAudioStreamVolume, 0x76b1bbdb, 0x4ec8, 0x4f36, 0xb1, 0x06, 0x70, 0xa9, 0x31, 0x6d, 0xf5, 0x93);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFAudioStreamVolume, "76b1bbdb-4ec8-4f36-b106-70a9316df593") : public IUnknown {
    virtual HRESULT STDMETHODCALLTYPE GetChannelCount(UINT32 *pdwCount) = 0;
    virtual HRESULT STDMETHODCALLTYPE SetChannelVolume(UINT32 dwIndex, const float fLevel) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetChannelVolume(UINT32 dwIndex, float *pfLevel) = 0;
    virtual HRESULT STDMETHODCALLTYPE SetAllVolumes(UINT32 dwCount, const float *pfVolumes) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetAllVolumes(UINT32 dwCount, float *pfVolumes) = 0;
};
MSESS_MF_UUIDOF(IMFAudioStreamVolume, 0x76b1bbdb, 0x4ec8, 0x4f36, 0xb1, 0x06, 0x70, 0xa9, 0x31, 0x6d, 0xf5, 0x93)
#else
typedef struct IMFAudioStreamVolumeVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFAudioStreamVolume *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFAudioStreamVolume *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFAudioStreamVolume *This);
    HRESULT (STDMETHODCALLTYPE *GetChannelCount)(IMFAudioStreamVolume *This, UINT32 *pdwCount);
    HRESULT (STDMETHODCALLTYPE *SetChannelVolume)(IMFAudioStreamVolume *This, UINT32 dwIndex, const float fLevel);
    HRESULT (STDMETHODCALLTYPE *GetChannelVolume)(IMFAudioStreamVolume *This, UINT32 dwIndex, float *pfLevel);
    HRESULT (STDMETHODCALLTYPE *SetAllVolumes)(IMFAudioStreamVolume *This, UINT32 dwCount, const float *pfVolumes);
    HRESULT (STDMETHODCALLTYPE *GetAllVolumes)(IMFAudioStreamVolume *This, UINT32 dwCount, float *pfVolumes);
    END_INTERFACE
} IMFAudioStreamVolumeVtbl;
interface IMFAudioStreamVolume {
    CONST_VTBL IMFAudioStreamVolumeVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFAudioStreamVolume_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFAudioStreamVolume_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFAudioStreamVolume_Release(This) (This)->lpVtbl->Release(This)
#define IMFAudioStreamVolume_GetChannelCount(This,pdwCount) (This)->lpVtbl->GetChannelCount(This,pdwCount)
#define IMFAudioStreamVolume_SetChannelVolume(This,dwIndex,fLevel) (This)->lpVtbl->SetChannelVolume(This,dwIndex,fLevel)
#define IMFAudioStreamVolume_GetChannelVolume(This,dwIndex,pfLevel) (This)->lpVtbl->GetChannelVolume(This,dwIndex,pfLevel)
#define IMFAudioStreamVolume_SetAllVolumes(This,dwCount,pfVolumes) (This)->lpVtbl->SetAllVolumes(This,dwCount,pfVolumes)
#define IMFAudioStreamVolume_GetAllVolumes(This,dwCount,pfVolumes) (This)->lpVtbl->GetAllVolumes(This,dwCount,pfVolumes)
#endif
#endif

/* IMFTopoLoader {de9a6157-f660-4643-b56a-df9f7998c7cd} */
DEFINE_GUID(IID_IMFTopoLoader, 0xde9a6157, 0xf660, 0x4643, 0xb5, 0x6a, 0xdf, 0x9f, 0x79, 0x98, 0xc7, 0xcd);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFTopoLoader, "de9a6157-f660-4643-b56a-df9f7998c7cd") : public IUnknown {
    virtual HRESULT STDMETHODCALLTYPE Load(IMFTopology *pInputTopo, IMFTopology **ppOutputTopo, IMFTopology *pCurrentTopo) = 0;
};
MSESS_MF_UUIDOF(IMFTopoLoader, 0xde9a6157, 0xf660, 0x4643, 0xb5, 0x6a, 0xdf, 0x9f, 0x79, 0x98, 0xc7, 0xcd)
#else
typedef struct IMFTopoLoaderVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFTopoLoader *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFTopoLoader *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFTopoLoader *This);
    HRESULT (STDMETHODCALLTYPE *Load)(IMFTopoLoader *This, IMFTopology *pInputTopo, IMFTopology **ppOutputTopo, IMFTopology *pCurrentTopo);
    END_INTERFACE
} IMFTopoLoaderVtbl;
interface IMFTopoLoader {
    CONST_VTBL IMFTopoLoaderVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFTopoLoader_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFTopoLoader_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFTopoLoader_Release(This) (This)->lpVtbl->Release(This)
#define IMFTopoLoader_Load(This,pInputTopo,ppOutputTopo,pCurrentTopo) (This)->lpVtbl->Load(This,pInputTopo,ppOutputTopo,pCurrentTopo)
#endif
#endif

/* IMFShutdown {97ec2ea4-0e42-4937-97ac-9d6d328824e1} */
DEFINE_GUID(IID_IMFShutdown, 0x97ec2ea4, 0x0e42, 0x4937, 0x97, 0xac, 0x9d, 0x6d, 0x32, 0x88, 0x24, 0xe1);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFShutdown, "97ec2ea4-0e42-4937-97ac-9d6d328824e1") : public IUnknown {
    virtual HRESULT STDMETHODCALLTYPE Shutdown() = 0;
    virtual HRESULT STDMETHODCALLTYPE GetShutdownStatus(MFSHUTDOWN_STATUS *pStatus) = 0;
};
MSESS_MF_UUIDOF(IMFShutdown, 0x97ec2ea4, 0x0e42, 0x4937, 0x97, 0xac, 0x9d, 0x6d, 0x32, 0x88, 0x24, 0xe1)
#else
typedef struct IMFShutdownVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFShutdown *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFShutdown *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFShutdown *This);
    HRESULT (STDMETHODCALLTYPE *Shutdown)(IMFShutdown *This);
    HRESULT (STDMETHODCALLTYPE *GetShutdownStatus)(IMFShutdown *This, MFSHUTDOWN_STATUS *pStatus);
    END_INTERFACE
} IMFShutdownVtbl;
interface IMFShutdown {
    CONST_VTBL IMFShutdownVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFShutdown_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFShutdown_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFShutdown_Release(This) (This)->lpVtbl->Release(This)
#define IMFShutdown_Shutdown(This) (This)->lpVtbl->Shutdown(This)
#define IMFShutdown_GetShutdownStatus(This,pStatus) (This)->lpVtbl->GetShutdownStatus(This,pStatus)
#endif
#endif

/* IMFTimer {e56e4cbd-8f70-49d8-a0f8-edb3d6ab9bf2} */
DEFINE_GUID(IID_IMFTimer, 0xe56e4cbd, 0x8f70, 0x49d8, 0xa0, 0xf8, 0xed, 0xb3, 0xd6, 0xab, 0x9b, 0xf2);
#if defined(__cplusplus) && !defined(CINTERFACE)
MSESS_MF_INTERFACE(IMFTimer, "e56e4cbd-8f70-49d8-a0f8-edb3d6ab9bf2") : public IUnknown {
    virtual HRESULT STDMETHODCALLTYPE SetTimer(DWORD dwFlags, LONGLONG llClockTime, IMFAsyncCallback *pCallback, IUnknown *punkState, IUnknown **ppunkKey) = 0;
    virtual HRESULT STDMETHODCALLTYPE CancelTimer(IUnknown *punkKey) = 0;
};
MSESS_MF_UUIDOF(IMFTimer, 0xe56e4cbd, 0x8f70, 0x49d8, 0xa0, 0xf8, 0xed, 0xb3, 0xd6, 0xab, 0x9b, 0xf2)
#else
typedef struct IMFTimerVtbl {
    BEGIN_INTERFACE
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IMFTimer *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IMFTimer *This);
    ULONG (STDMETHODCALLTYPE *Release)(IMFTimer *This);
    HRESULT (STDMETHODCALLTYPE *SetTimer)(IMFTimer *This, DWORD dwFlags, LONGLONG llClockTime, IMFAsyncCallback *pCallback, IUnknown *punkState, IUnknown **ppunkKey);
    HRESULT (STDMETHODCALLTYPE *CancelTimer)(IMFTimer *This, IUnknown *punkKey);
    END_INTERFACE
} IMFTimerVtbl;
interface IMFTimer {
    CONST_VTBL IMFTimerVtbl *lpVtbl;
};
#ifdef COBJMACROS
#define IMFTimer_QueryInterface(This,riid,ppvObject) (This)->lpVtbl->QueryInterface(This,riid,ppvObject)
#define IMFTimer_AddRef(This) (This)->lpVtbl->AddRef(This)
#define IMFTimer_Release(This) (This)->lpVtbl->Release(This)
#define IMFTimer_SetTimer(This,dwFlags,llClockTime,pCallback,punkState,ppunkKey) (This)->lpVtbl->SetTimer(This,dwFlags,llClockTime,pCallback,punkState,ppunkKey)
#define IMFTimer_CancelTimer(This,punkKey) (This)->lpVtbl->CancelTimer(This,punkKey)
#endif
#endif
/* @end generated */

/* --------------------------------------------------------------- GUIDs */

/* @generated group mfidl-guids */
DEFINE_GUID(MF_SESSION_TOPOLOADER, 0x1e83d482, 0x1f1c, 0x4571, 0x84, 0x05, 0x88, 0xf4, 0xb2, 0x18, 0x1f, 0x71);
DEFINE_GUID(MF_SESSION_GLOBAL_TIME, 0x1e83d482, 0x1f1c, 0x4571, 0x84, 0x05, 0x88, 0xf4, 0xb2, 0x18, 0x1f, 0x72);
DEFINE_GUID(MF_SESSION_QUALITY_MANAGER, 0x1e83d482, 0x1f1c, 0x4571, 0x84, 0x05, 0x88, 0xf4, 0xb2, 0x18, 0x1f, 0x73);
DEFINE_GUID(MF_SESSION_CONTENT_PROTECTION_MANAGER, 0x1e83d482, 0x1f1c, 0x4571, 0x84, 0x05, 0x88, 0xf4, 0xb2, 0x18, 0x1f, 0x74);
DEFINE_GUID(MF_SESSION_SERVER_CONTEXT, 0xafe5b291, 0x50fa, 0x46e8, 0xb9, 0xbe, 0x0c, 0x0c, 0x3c, 0xe4, 0xb3, 0xa5);
DEFINE_GUID(MF_SESSION_REMOTE_SOURCE_MODE, 0xf4033ef4, 0x9bb3, 0x4378, 0x94, 0x1f, 0x85, 0xa0, 0x85, 0x6b, 0xc2, 0x44);
DEFINE_GUID(MF_SESSION_APPROX_EVENT_OCCURRENCE_TIME, 0x190e852f, 0x6238, 0x42d1, 0xb5, 0xaf, 0x69, 0xea, 0x33, 0x8e, 0xf8, 0x50);
DEFINE_GUID(MF_PMP_SERVER_CONTEXT, 0x2f00c910, 0xd2cf, 0x4278, 0x8b, 0x6a, 0xd0, 0x77, 0xfa, 0xc3, 0xa2, 0x5f);
DEFINE_GUID(MF_TOPONODE_SOURCE, 0x835c58ec, 0xe075, 0x4bc7, 0xbc, 0xba, 0x4d, 0xe0, 0x00, 0xdf, 0x9a, 0xe6);
DEFINE_GUID(MF_TOPONODE_PRESENTATION_DESCRIPTOR, 0x835c58ed, 0xe075, 0x4bc7, 0xbc, 0xba, 0x4d, 0xe0, 0x00, 0xdf, 0x9a, 0xe6);
DEFINE_GUID(MF_TOPONODE_STREAM_DESCRIPTOR, 0x835c58ee, 0xe075, 0x4bc7, 0xbc, 0xba, 0x4d, 0xe0, 0x00, 0xdf, 0x9a, 0xe6);
DEFINE_GUID(MF_TOPONODE_MEDIASTART, 0x835c58ea, 0xe075, 0x4bc7, 0xbc, 0xba, 0x4d, 0xe0, 0x00, 0xdf, 0x9a, 0xe6);
DEFINE_GUID(MF_TOPONODE_MEDIASTOP, 0x835c58eb, 0xe075, 0x4bc7, 0xbc, 0xba, 0x4d, 0xe0, 0x00, 0xdf, 0x9a, 0xe6);
DEFINE_GUID(MF_TOPONODE_SEQUENCE_ELEMENTID, 0x835c58ef, 0xe075, 0x4bc7, 0xbc, 0xba, 0x4d, 0xe0, 0x00, 0xdf, 0x9a, 0xe6);
DEFINE_GUID(MF_TOPONODE_STREAMID, 0x14932f9b, 0x9087, 0x4bb4, 0x84, 0x12, 0x51, 0x67, 0x14, 0x5c, 0xbe, 0x04);
DEFINE_GUID(MF_TOPONODE_NOSHUTDOWN_ON_REMOVE, 0x14932f9c, 0x9087, 0x4bb4, 0x84, 0x12, 0x51, 0x67, 0x14, 0x5c, 0xbe, 0x04);
DEFINE_GUID(MF_TOPONODE_RATELESS, 0x14932f9d, 0x9087, 0x4bb4, 0x84, 0x12, 0x51, 0x67, 0x14, 0x5c, 0xbe, 0x04);
DEFINE_GUID(MF_TOPONODE_DISABLE_PREROLL, 0x14932f9e, 0x9087, 0x4bb4, 0x84, 0x12, 0x51, 0x67, 0x14, 0x5c, 0xbe, 0x04);
DEFINE_GUID(MF_TOPONODE_PRIMARYOUTPUT, 0x6304ef99, 0x16b2, 0x4ebe, 0x9d, 0x67, 0xe4, 0xc5, 0x39, 0xb3, 0xa2, 0x59);
DEFINE_GUID(MF_TOPONODE_TRANSFORM_OBJECTID, 0x88dcc0c9, 0x293e, 0x4e8b, 0x9a, 0xeb, 0x0a, 0xd6, 0x4c, 0xc0, 0x16, 0xb0);
DEFINE_GUID(MF_TOPONODE_CONNECT_METHOD, 0x494bbcf1, 0xb031, 0x4e38, 0x97, 0xc4, 0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);
DEFINE_GUID(MF_TOPONODE_DECODER, 0x494bbd02, 0xb031, 0x4e38, 0x97, 0xc4, 0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);
DEFINE_GUID(MF_TOPONODE_DECRYPTOR, 0x494bbcfa, 0xb031, 0x4e38, 0x97, 0xc4, 0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);
DEFINE_GUID(MF_TOPONODE_DISCARDABLE, 0x494bbcfb, 0xb031, 0x4e38, 0x97, 0xc4, 0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);
DEFINE_GUID(MF_TOPONODE_DRAIN, 0x494bbce9, 0xb031, 0x4e38, 0x97, 0xc4, 0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);
DEFINE_GUID(MF_TOPONODE_D3DAWARE, 0x494bbced, 0xb031, 0x4e38, 0x97, 0xc4, 0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);
DEFINE_GUID(MF_TOPONODE_ERRORCODE, 0x494bbcee, 0xb031, 0x4e38, 0x97, 0xc4, 0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);
DEFINE_GUID(MF_TOPONODE_ERROR_MAJORTYPE, 0x494bbcfd, 0xb031, 0x4e38, 0x97, 0xc4, 0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);
DEFINE_GUID(MF_TOPONODE_ERROR_SUBTYPE, 0x494bbcfe, 0xb031, 0x4e38, 0x97, 0xc4, 0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);
DEFINE_GUID(MF_TOPONODE_LOCKED, 0x494bbcf7, 0xb031, 0x4e38, 0x97, 0xc4, 0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);
DEFINE_GUID(MF_TOPONODE_MARKIN_HERE, 0x494bbd00, 0xb031, 0x4e38, 0x97, 0xc4, 0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);
DEFINE_GUID(MF_TOPONODE_MARKOUT_HERE, 0x494bbd01, 0xb031, 0x4e38, 0x97, 0xc4, 0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);
DEFINE_GUID(MF_TOPONODE_WORKQUEUE_ID, 0x494bbcf8, 0xb031, 0x4e38, 0x97, 0xc4, 0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);
DEFINE_GUID(MF_TOPOLOGY_RESOLUTION_STATUS, 0x494bbcde, 0xb031, 0x4e38, 0x97, 0xc4, 0xd5, 0x42, 0x2d, 0xd6, 0x18, 0xdc);
DEFINE_GUID(MF_PD_PMPHOST_CONTEXT, 0x6c990d31, 0xbb8e, 0x477a, 0x85, 0x98, 0x0d, 0x5d, 0x96, 0xfc, 0xd8, 0x8a);
DEFINE_GUID(MF_PD_APP_CONTEXT, 0x6c990d32, 0xbb8e, 0x477a, 0x85, 0x98, 0x0d, 0x5d, 0x96, 0xfc, 0xd8, 0x8a);
DEFINE_GUID(MF_PD_DURATION, 0x6c990d33, 0xbb8e, 0x477a, 0x85, 0x98, 0x0d, 0x5d, 0x96, 0xfc, 0xd8, 0x8a);
DEFINE_GUID(MF_PD_TOTAL_FILE_SIZE, 0x6c990d34, 0xbb8e, 0x477a, 0x85, 0x98, 0x0d, 0x5d, 0x96, 0xfc, 0xd8, 0x8a);
DEFINE_GUID(MF_PD_AUDIO_ENCODING_BITRATE, 0x6c990d35, 0xbb8e, 0x477a, 0x85, 0x98, 0x0d, 0x5d, 0x96, 0xfc, 0xd8, 0x8a);
DEFINE_GUID(MF_PD_VIDEO_ENCODING_BITRATE, 0x6c990d36, 0xbb8e, 0x477a, 0x85, 0x98, 0x0d, 0x5d, 0x96, 0xfc, 0xd8, 0x8a);
DEFINE_GUID(MF_PD_MIME_TYPE, 0x6c990d37, 0xbb8e, 0x477a, 0x85, 0x98, 0x0d, 0x5d, 0x96, 0xfc, 0xd8, 0x8a);
DEFINE_GUID(MF_PD_LAST_MODIFIED_TIME, 0x6c990d38, 0xbb8e, 0x477a, 0x85, 0x98, 0x0d, 0x5d, 0x96, 0xfc, 0xd8, 0x8a);
DEFINE_GUID(MF_PD_PLAYBACK_ELEMENT_ID, 0x6c990d39, 0xbb8e, 0x477a, 0x85, 0x98, 0x0d, 0x5d, 0x96, 0xfc, 0xd8, 0x8a);
DEFINE_GUID(MF_PD_PREFERRED_LANGUAGE, 0x6c990d3a, 0xbb8e, 0x477a, 0x85, 0x98, 0x0d, 0x5d, 0x96, 0xfc, 0xd8, 0x8a);
DEFINE_GUID(MF_PD_PLAYBACK_BOUNDARY_TIME, 0x6c990d3b, 0xbb8e, 0x477a, 0x85, 0x98, 0x0d, 0x5d, 0x96, 0xfc, 0xd8, 0x8a);
DEFINE_GUID(MF_PD_AUDIO_ISVARIABLEBITRATE, 0x33026ee0, 0xe387, 0x4582, 0xae, 0x0a, 0x34, 0xa2, 0xad, 0x3b, 0xaa, 0x18);
DEFINE_GUID(MF_SD_LANGUAGE, 0x00af2180, 0xbdc2, 0x423c, 0xab, 0xca, 0xf5, 0x03, 0x59, 0x3b, 0xc1, 0x21);
DEFINE_GUID(MF_SD_PROTECTED, 0x00af2181, 0xbdc2, 0x423c, 0xab, 0xca, 0xf5, 0x03, 0x59, 0x3b, 0xc1, 0x21);
DEFINE_GUID(MF_SD_STREAM_NAME, 0x4f1b099d, 0xd314, 0x41e5, 0xa7, 0x81, 0x7f, 0xef, 0xaa, 0x4c, 0x50, 0x1f);
DEFINE_GUID(MF_SD_MUTUALLY_EXCLUSIVE, 0x023ef79c, 0x388d, 0x487f, 0xac, 0x17, 0x69, 0x6c, 0xd6, 0xe3, 0xc6, 0xf5);
DEFINE_GUID(MF_RATE_CONTROL_SERVICE, 0x866fa297, 0xb802, 0x4bf8, 0x9d, 0xc9, 0x5e, 0x3b, 0x6a, 0x9f, 0x53, 0xc9);
DEFINE_GUID(MR_POLICY_VOLUME_SERVICE, 0x1abaa2ac, 0x9d3b, 0x47c6, 0xab, 0x48, 0xc5, 0x95, 0x06, 0xde, 0x78, 0x4d);
DEFINE_GUID(MR_STREAM_VOLUME_SERVICE, 0xf8b5fa2f, 0x32ef, 0x46f5, 0xb1, 0x72, 0x13, 0x21, 0x21, 0x2f, 0xb2, 0xc4);
DEFINE_GUID(MR_AUDIO_POLICY_SERVICE, 0x911fd737, 0x6775, 0x4ab0, 0xa6, 0x14, 0x29, 0x78, 0x62, 0xfd, 0xac, 0x88);
DEFINE_GUID(MF_AUDIO_RENDERER_ATTRIBUTE_ENDPOINT_ID, 0xb10aaec3, 0xef71, 0x4cc3, 0xb8, 0x73, 0x05, 0xa9, 0xa0, 0x8b, 0x9f, 0x8e);
DEFINE_GUID(MF_AUDIO_RENDERER_ATTRIBUTE_ENDPOINT_ROLE, 0x6ba644ff, 0x27c5, 0x4d02, 0x98, 0x87, 0xc2, 0x86, 0x19, 0xfd, 0xb9, 0x1b);
DEFINE_GUID(MF_AUDIO_RENDERER_ATTRIBUTE_SESSION_ID, 0xede4b5e3, 0xf805, 0x4d6c, 0x99, 0xb3, 0xdb, 0x01, 0xbf, 0x95, 0xdf, 0xab);
DEFINE_GUID(MF_AUDIO_RENDERER_ATTRIBUTE_STREAM_CATEGORY, 0xa9770471, 0x92ec, 0x4df4, 0x94, 0xfe, 0x81, 0xc3, 0x6f, 0x0c, 0x3a, 0x7a);
DEFINE_GUID(MF_ACTIVATE_CUSTOM_VIDEO_MIXER_CLSID, 0xba491360, 0xbe50, 0x451e, 0x95, 0xab, 0x6d, 0x4a, 0xcc, 0xc7, 0xda, 0xd8);
DEFINE_GUID(MF_ACTIVATE_CUSTOM_VIDEO_MIXER_ACTIVATE, 0xba491361, 0xbe50, 0x451e, 0x95, 0xab, 0x6d, 0x4a, 0xcc, 0xc7, 0xda, 0xd8);
DEFINE_GUID(MF_ACTIVATE_CUSTOM_VIDEO_MIXER_FLAGS, 0xba491362, 0xbe50, 0x451e, 0x95, 0xab, 0x6d, 0x4a, 0xcc, 0xc7, 0xda, 0xd8);
DEFINE_GUID(MF_ACTIVATE_CUSTOM_VIDEO_PRESENTER_CLSID, 0xba491364, 0xbe50, 0x451e, 0x95, 0xab, 0x6d, 0x4a, 0xcc, 0xc7, 0xda, 0xd8);
DEFINE_GUID(MF_ACTIVATE_CUSTOM_VIDEO_PRESENTER_ACTIVATE, 0xba491365, 0xbe50, 0x451e, 0x95, 0xab, 0x6d, 0x4a, 0xcc, 0xc7, 0xda, 0xd8);
DEFINE_GUID(MF_ACTIVATE_CUSTOM_VIDEO_PRESENTER_FLAGS, 0xba491366, 0xbe50, 0x451e, 0x95, 0xab, 0x6d, 0x4a, 0xcc, 0xc7, 0xda, 0xd8);
DEFINE_GUID(MF_SAMPLEGRABBERSINK_SAMPLE_TIME_OFFSET, 0x62e3d776, 0x8100, 0x4e03, 0xa6, 0xe8, 0xbd, 0x38, 0x57, 0xac, 0x9c, 0x47);
DEFINE_GUID(MF_SAMPLEGRABBERSINK_IGNORE_CLOCK, 0x0efda2c0, 0x2b69, 0x4e2e, 0xab, 0x8d, 0x46, 0xdc, 0xbf, 0xf7, 0xd2, 0x5d);
/* @end generated */

/* ------------------------------------------------------------ functions */

STDAPI MFCreateMediaSession(IMFAttributes *pConfiguration, IMFMediaSession **ppMediaSession);
STDAPI MFCreatePMPMediaSession(DWORD dwCreationFlags, IMFAttributes *pConfiguration,
                               IMFMediaSession **ppMediaSession,
                               IMFActivate **ppEnablerActivate);
STDAPI MFCreateTopology(IMFTopology **ppTopo);
STDAPI MFCreateTopologyNode(MF_TOPOLOGY_TYPE NodeType, IMFTopologyNode **ppNode);
STDAPI MFGetTopoNodeCurrentType(IMFTopologyNode *pNode, DWORD dwStreamIndex, BOOL fOutput,
                                IMFMediaType **ppType);
STDAPI MFCreateSourceResolver(IMFSourceResolver **ppISourceResolver);
STDAPI MFCreatePresentationDescriptor(DWORD cStreamDescriptors,
                                      IMFStreamDescriptor **apStreamDescriptors,
                                      IMFPresentationDescriptor **ppPresentationDescriptor);
STDAPI MFCreateStreamDescriptor(DWORD dwStreamIdentifier, DWORD cMediaTypes,
                                IMFMediaType **apMediaTypes, IMFStreamDescriptor **ppDescriptor);
STDAPI MFCreateAudioRendererActivate(IMFActivate **ppActivate);
STDAPI MFCreateVideoRendererActivate(HWND hwndVideo, IMFActivate **ppActivate);
STDAPI MFCreateSampleGrabberSinkActivate(IMFMediaType *pIMFMediaType,
                                         IMFSampleGrabberSinkCallback *pIMFSampleGrabberSinkCallback,
                                         IMFActivate **ppIActivate);
STDAPI MFCreatePresentationClock(IMFPresentationClock **ppPresentationClock);
STDAPI MFCreateSystemTimeSource(IMFPresentationTimeSource **ppSystemTimeSource);
STDAPI MFGetService(IUnknown *punkObject, REFGUID guidService, REFIID riid, LPVOID *ppvObject);

#endif

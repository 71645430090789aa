/* Media Foundation platform functions (startup, attributes, media types,
 * events, work items), media type GUIDs and attribute GUIDs, and the
 * attribute helpers (msess's Windows-compatible headers; see windows.h). */
#ifndef MSESS_MF_MFAPI_H
#define MSESS_MF_MFAPI_H

#include <msess-mf-base.h>
#include <mfobjects.h>

/* ---------------------------------------------------------------- startup */

#define MF_SDK_VERSION 0x0002
#define MF_API_VERSION 0x0070
#define MF_VERSION (MF_SDK_VERSION << 16 | MF_API_VERSION)

#define MFSTARTUP_NOSOCKET 0x1
#define MFSTARTUP_LITE (MFSTARTUP_NOSOCKET)
#define MFSTARTUP_FULL 0

#ifdef __cplusplus
STDAPI MFStartup(ULONG Version, DWORD dwFlags = MFSTARTUP_FULL);
#else
STDAPI MFStartup(ULONG Version, DWORD dwFlags);
#endif
STDAPI MFShutdown(void);
STDAPI MFLockPlatform(void);
STDAPI MFUnlockPlatform(void);

/* ---------------------------------------------------- objects and events */

STDAPI MFCreateAttributes(IMFAttributes **ppMFAttributes, UINT32 cInitialSize);
STDAPI MFCreateMediaType(IMFMediaType **ppMFType);
STDAPI MFCreateCollection(IMFCollection **ppIMFCollection);
STDAPI MFCreateMediaEvent(MediaEventType met, REFGUID guidExtendedType, HRESULT hrStatus,
                          const PROPVARIANT *pvValue, IMFMediaEvent **ppEvent);
STDAPI MFCreateEventQueue(IMFMediaEventQueue **ppMediaEventQueue);
STDAPI MFCreateSample(IMFSample **ppIMFSample);
STDAPI MFCreateMemoryBuffer(DWORD cbMaxLength, IMFMediaBuffer **ppBuffer);

/* ------------------------------------------------ asynchronous execution */

/* The documented layout of the results MFCreateAsyncResult makes. */
#if defined(__cplusplus) && !defined(CINTERFACE)
typedef struct tagMFASYNCRESULT : public IMFAsyncResult {
    OVERLAPPED overlapped;
    IMFAsyncCallback *pCallback;
    HRESULT hrStatusResult;
    DWORD dwBytesTransferred;
    HANDLE hEvent;
} MFASYNCRESULT;
#else
typedef struct tagMFASYNCRESULT {
    IMFAsyncResult AsyncResult;
    OVERLAPPED overlapped;
    IMFAsyncCallback *pCallback;
    HRESULT hrStatusResult;
    DWORD dwBytesTransferred;
    HANDLE hEvent;
} MFASYNCRESULT;
#endif

STDAPI MFCreateAsyncResult(IUnknown *punkObject, IMFAsyncCallback *pCallback,
                           IUnknown *punkState, IMFAsyncResult **ppAsyncResult);
STDAPI MFInvokeCallback(IMFAsyncResult *pAsyncResult);
STDAPI MFPutWorkItem(DWORD dwQueue, IMFAsyncCallback *pCallback, IUnknown *pState);
STDAPI MFPutWorkItemEx(DWORD dwQueue, IMFAsyncResult *pResult);

/* The system time in 100-ns units. */
STDAPI_(MFTIME) MFGetSystemTime(void);

/* Buffer alignments (MFCreateAlignedMemoryBuffer). */
#define MF_1_BYTE_ALIGNMENT 0x00000000
#define MF_2_BYTE_ALIGNMENT 0x00000001
#define MF_4_BYTE_ALIGNMENT 0x00000003
#define MF_8_BYTE_ALIGNMENT 0x00000007
#define MF_16_BYTE_ALIGNMENT 0x0000000F
#define MF_32_BYTE_ALIGNMENT 0x0000001F
#define MF_64_BYTE_ALIGNMENT 0x0000003F
#define MF_128_BYTE_ALIGNMENT 0x0000007F
#define MF_256_BYTE_ALIGNMENT 0x000000FF
#define MF_512_BYTE_ALIGNMENT 0x000001FF

/* ------------------------------------------------------- session events */

/* IMFMediaSession::GetSessionCapabilities, MF_EVENT_SESSIONCAPS. */
#define MFSESSIONCAP_START 0x00000001
#define MFSESSIONCAP_SEEK 0x00000002
#define MFSESSIONCAP_PAUSE 0x00000004
#define MFSESSIONCAP_RATE_FORWARD 0x00000010
#define MFSESSIONCAP_RATE_REVERSE 0x00000020
#define MFSESSIONCAP_DOES_NOT_USE_NETWORK 0x00000040

/* MF_EVENT_TOPOLOGY_STATUS of MESessionTopologyStatus. */
typedef enum MF_TOPOSTATUS {
    MF_TOPOSTATUS_INVALID = 0,
    MF_TOPOSTATUS_READY = 100,
    MF_TOPOSTATUS_STARTED_SOURCE = 200,
    MF_TOPOSTATUS_DYNAMIC_CHANGED = 210,
    MF_TOPOSTATUS_SINK_SWITCHED = 300,
    MF_TOPOSTATUS_ENDED = 400
} MF_TOPOSTATUS;

/* ------------------------------------------------------ attribute helpers
 * Inline in the SDK (C++ there; here in C too, where they take an
 * IMFAttributes pointer: cast other interfaces). */

static inline UINT32 HI32(UINT64 unPacked)
{
    return (UINT32)(unPacked >> 32);
}

static inline UINT32 LO32(UINT64 unPacked)
{
    return (UINT32)unPacked;
}

static inline UINT64 Pack2UINT32AsUINT64(UINT32 unHigh, UINT32 unLow)
{
    return ((UINT64)unHigh << 32) | unLow;
}

static inline void Unpack2UINT32AsUINT64(UINT64 unPacked, UINT32 *punHigh, UINT32 *punLow)
{
    *punHigh = HI32(unPacked);
    *punLow = LO32(unPacked);
}

static inline UINT64 PackSize(UINT32 unWidth, UINT32 unHeight)
{
    return Pack2UINT32AsUINT64(unWidth, unHeight);
}

static inline void UnpackSize(UINT64 unPacked, UINT32 *punWidth, UINT32 *punHeight)
{
    Unpack2UINT32AsUINT64(unPacked, punWidth, punHeight);
}

static inline UINT64 PackRatio(INT32 nNumerator, UINT32 unDenominator)
{
    return Pack2UINT32AsUINT64((UINT32)nNumerator, unDenominator);
}

static inline void UnpackRatio(UINT64 unPacked, INT32 *pnNumerator, UINT32 *punDenominator)
{
    UINT32 numerator;
    Unpack2UINT32AsUINT64(unPacked, &numerator, punDenominator);
    *pnNumerator = (INT32)numerator;
}

#if defined(__cplusplus) && !defined(CINTERFACE)
#define MSESS_MF_ATTR_CALL(attr, method, ...) (attr)->method(__VA_ARGS__)
#else
#define MSESS_MF_ATTR_CALL(attr, method, ...) (attr)->lpVtbl->method((attr), __VA_ARGS__)
#endif

static inline UINT32 MFGetAttributeUINT32(IMFAttributes *pAttributes, REFGUID guidKey,
                                          UINT32 unDefault)
{
    UINT32 value;
    if (FAILED(MSESS_MF_ATTR_CALL(pAttributes, GetUINT32, guidKey, &value)))
        value = unDefault;
    return value;
}

static inline UINT64 MFGetAttributeUINT64(IMFAttributes *pAttributes, REFGUID guidKey,
                                          UINT64 unDefault)
{
    UINT64 value;
    if (FAILED(MSESS_MF_ATTR_CALL(pAttributes, GetUINT64, guidKey, &value)))
        value = unDefault;
    return value;
}

static inline double MFGetAttributeDouble(IMFAttributes *pAttributes, REFGUID guidKey,
                                          double fDefault)
{
    double value;
    if (FAILED(MSESS_MF_ATTR_CALL(pAttributes, GetDouble, guidKey, &value)))
        value = fDefault;
    return value;
}

static inline HRESULT MFGetAttribute2UINT32asUINT64(IMFAttributes *pAttributes, REFGUID guidKey,
                                                    UINT32 *punHigh32, UINT32 *punLow32)
{
    UINT64 packed;
    HRESULT hr = MSESS_MF_ATTR_CALL(pAttributes, GetUINT64, guidKey, &packed);
    if (SUCCEEDED(hr))
        Unpack2UINT32AsUINT64(packed, punHigh32, punLow32);
    return hr;
}

static inline HRESULT MFSetAttribute2UINT32asUINT64(IMFAttributes *pAttributes, REFGUID guidKey,
                                                    UINT32 unHigh32, UINT32 unLow32)
{
    return MSESS_MF_ATTR_CALL(pAttributes, SetUINT64, guidKey,
                              Pack2UINT32AsUINT64(unHigh32, unLow32));
}

static inline HRESULT MFGetAttributeRatio(IMFAttributes *pAttributes, REFGUID guidKey,
                                          UINT32 *punNumerator, UINT32 *punDenominator)
{
    return MFGetAttribute2UINT32asUINT64(pAttributes, guidKey, punNumerator, punDenominator);
}

static inline HRESULT MFGetAttributeSize(IMFAttributes *pAttributes, REFGUID guidKey,
                                         UINT32 *punWidth, UINT32 *punHeight)
{
    return MFGetAttribute2UINT32asUINT64(pAttributes, guidKey, punWidth, punHeight);
}

static inline HRESULT MFSetAttributeRatio(IMFAttributes *pAttributes, REFGUID guidKey,
                                          UINT32 unNumerator, UINT32 unDenominator)
{
    return MFSetAttribute2UINT32asUINT64(pAttributes, guidKey, unNumerator, unDenominator);
}

static inline HRESULT MFSetAttributeSize(IMFAttributes *pAttributes, REFGUID guidKey,
                                         UINT32 unWidth, UINT32 unHeight)
{
    return MFSetAttribute2UINT32asUINT64(pAttributes, guidKey, unWidth, unHeight);
}

static inline HRESULT MFGetAttributeString(IMFAttributes *pAttributes, REFGUID guidKey,
                                           PWSTR *ppsz)
{
    UINT32 length;
    return MSESS_MF_ATTR_CALL(pAttributes, GetAllocatedString, guidKey, ppsz, &length);
}

/* --------------------------------------------------------------- GUIDs */

/* Subtypes whose GUID is a FOURCC or WAVE_FORMAT tag in the base GUID
 * {xxxxxxxx-0000-0010-8000-00aa00389b71}. FCC turns a multi-character
 * constant such as 'H264' into its FOURCC. */
#define FCC(ch4) ((((DWORD)(ch4) & 0xFF) << 24) | (((DWORD)(ch4) & 0xFF00) << 8) | \
                  (((DWORD)(ch4) & 0xFF0000) >> 8) | (((DWORD)(ch4) & 0xFF000000) >> 24))
#define DEFINE_MEDIATYPE_GUID(name, format) \
    DEFINE_GUID(name, format, 0x0000, 0x0010, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71)

/* Uncompressed RGB formats use their D3DFORMAT numbers. */
#define D3DFMT_R8G8B8 20
#define D3DFMT_A8R8G8B8 21
#define D3DFMT_X8R8G8B8 22
#define D3DFMT_R5G6B5 23
#define D3DFMT_X1R5G5B5 24
#define D3DFMT_P8 41
#define D3DFMT_L8 50
#define D3DFMT_L16 81

/* @generated group mfapi-video mfapi-audio mfapi-guids mfapi-events */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_Base, 0x00000000);
DEFINE_MEDIATYPE_GUID(MFVideoFormat_RGB32, D3DFMT_X8R8G8B8);
DEFINE_MEDIATYPE_GUID(MFVideoFormat_ARGB32, D3DFMT_A8R8G8B8);
DEFINE_MEDIATYPE_GUID(MFVideoFormat_RGB24, D3DFMT_R8G8B8);
DEFINE_MEDIATYPE_GUID(MFVideoFormat_RGB555, D3DFMT_X1R5G5B5);
DEFINE_MEDIATYPE_GUID(MFVideoFormat_RGB565, D3DFMT_R5G6B5);
DEFINE_MEDIATYPE_GUID(MFVideoFormat_RGB8, D3DFMT_P8);
DEFINE_MEDIATYPE_GUID(MFVideoFormat_L8, D3DFMT_L8);
DEFINE_MEDIATYPE_GUID(MFVideoFormat_L16, D3DFMT_L16);
DEFINE_MEDIATYPE_GUID(MFVideoFormat_AI44, 0x34344941); /* FCC('AI44') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_AYUV, 0x56555941); /* FCC('AYUV') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_YUY2, 0x32595559); /* FCC('YUY2') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_YVYU, 0x55595659); /* FCC('YVYU') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_UYVY, 0x59565955); /* FCC('UYVY') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_NV11, 0x3131564e); /* FCC('NV11') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_NV12, 0x3231564e); /* FCC('NV12') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_NV21, 0x3132564e); /* FCC('NV21') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_YV12, 0x32315659); /* FCC('YV12') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_I420, 0x30323449); /* FCC('I420') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_IYUV, 0x56555949); /* FCC('IYUV') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_Y210, 0x30313259); /* FCC('Y210') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_Y216, 0x36313259); /* FCC('Y216') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_Y410, 0x30313459); /* FCC('Y410') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_Y416, 0x36313459); /* FCC('Y416') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_P210, 0x30313250); /* FCC('P210') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_P216, 0x36313250); /* FCC('P216') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_P010, 0x30313050); /* FCC('P010') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_P016, 0x36313050); /* FCC('P016') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_v210, 0x30313276); /* FCC('v210') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_v410, 0x30313476); /* FCC('v410') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_MP43, 0x3334504d); /* FCC('MP43') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_MP4S, 0x5334504d); /* FCC('MP4S') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_M4S2, 0x3253344d); /* FCC('M4S2') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_MP4V, 0x5634504d); /* FCC('MP4V') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_WMV1, 0x31564d57); /* FCC('WMV1') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_WMV2, 0x32564d57); /* FCC('WMV2') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_WMV3, 0x33564d57); /* FCC('WMV3') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_WVC1, 0x31435657); /* FCC('WVC1') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_MSS1, 0x3153534d); /* FCC('MSS1') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_MSS2, 0x3253534d); /* FCC('MSS2') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_MPG1, 0x3147504d); /* FCC('MPG1') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_DVSL, 0x6c737664); /* FCC('dvsl') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_DVSD, 0x64737664); /* FCC('dvsd') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_DVHD, 0x64687664); /* FCC('dvhd') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_DV25, 0x35327664); /* FCC('dv25') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_DV50, 0x30357664); /* FCC('dv50') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_DVH1, 0x31687664); /* FCC('dvh1') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_H263, 0x33363248); /* FCC('H263') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_H264, 0x34363248); /* FCC('H264') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_H265, 0x35363248); /* FCC('H265') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_HEVC, 0x43564548); /* FCC('HEVC') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_HEVC_ES, 0x53564548); /* FCC('HEVS') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_MJPG, 0x47504a4d); /* FCC('MJPG') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_VP80, 0x30385056); /* FCC('VP80') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_VP90, 0x30395056); /* FCC('VP90') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_AV1, 0x31305641); /* FCC('AV01') */
DEFINE_MEDIATYPE_GUID(MFVideoFormat_Theora, 0x6f656874); /* FCC('theo') */
DEFINE_GUID(MFVideoFormat_H264_ES, 0x3f40f4f0, 0x5622, 0x4ff8, 0xb6, 0xd8, 0xa1, 0x7a, 0x58, 0x4b, 0xee, 0x5e);
DEFINE_GUID(MFVideoFormat_MPEG2, 0xe06d8026, 0xdb46, 0x11cf, 0xb4, 0xd1, 0x00, 0x80, 0x5f, 0x6c, 0xbb, 0xea);

DEFINE_MEDIATYPE_GUID(MFAudioFormat_Base, 0x00000000);
DEFINE_MEDIATYPE_GUID(MFAudioFormat_PCM, WAVE_FORMAT_PCM);
DEFINE_MEDIATYPE_GUID(MFAudioFormat_Float, WAVE_FORMAT_IEEE_FLOAT);
DEFINE_MEDIATYPE_GUID(MFAudioFormat_DTS, WAVE_FORMAT_DTS);
DEFINE_MEDIATYPE_GUID(MFAudioFormat_Dolby_AC3_SPDIF, WAVE_FORMAT_DOLBY_AC3_SPDIF);
DEFINE_MEDIATYPE_GUID(MFAudioFormat_DRM, WAVE_FORMAT_DRM);
DEFINE_MEDIATYPE_GUID(MFAudioFormat_WMAudioV8, WAVE_FORMAT_WMAUDIO2);
DEFINE_MEDIATYPE_GUID(MFAudioFormat_WMAudioV9, WAVE_FORMAT_WMAUDIO3);
DEFINE_MEDIATYPE_GUID(MFAudioFormat_WMAudio_Lossless, WAVE_FORMAT_WMAUDIO_LOSSLESS);
DEFINE_MEDIATYPE_GUID(MFAudioFormat_WMASPDIF, WAVE_FORMAT_WMASPDIF);
DEFINE_MEDIATYPE_GUID(MFAudioFormat_MSP1, WAVE_FORMAT_WMAVOICE9);
DEFINE_MEDIATYPE_GUID(MFAudioFormat_MP3, WAVE_FORMAT_MPEGLAYER3);
DEFINE_MEDIATYPE_GUID(MFAudioFormat_MPEG, WAVE_FORMAT_MPEG);
DEFINE_MEDIATYPE_GUID(MFAudioFormat_AAC, WAVE_FORMAT_MPEG_HEAAC);
DEFINE_MEDIATYPE_GUID(MFAudioFormat_ADTS, WAVE_FORMAT_MPEG_ADTS_AAC);
DEFINE_MEDIATYPE_GUID(MFAudioFormat_AMR_NB, WAVE_FORMAT_AMR_NB);
DEFINE_MEDIATYPE_GUID(MFAudioFormat_AMR_WB, WAVE_FORMAT_AMR_WB);
DEFINE_MEDIATYPE_GUID(MFAudioFormat_AMR_WP, WAVE_FORMAT_AMR_WP);
DEFINE_MEDIATYPE_GUID(MFAudioFormat_FLAC, WAVE_FORMAT_FLAC);
DEFINE_MEDIATYPE_GUID(MFAudioFormat_ALAC, WAVE_FORMAT_ALAC);
DEFINE_MEDIATYPE_GUID(MFAudioFormat_Opus, WAVE_FORMAT_OPUS);
DEFINE_GUID(MFAudioFormat_Dolby_AC3, 0xe06d802c, 0xdb46, 0x11cf, 0xb4, 0xd1, 0x00, 0x80, 0x5f, 0x6c, 0xbb, 0xea);
DEFINE_GUID(MFAudioFormat_Dolby_DDPlus, 0xa7fb87af, 0x2d02, 0x42fb, 0xa4, 0xd4, 0x05, 0xcd, 0x93, 0x84, 0x3b, 0xdd);

DEFINE_GUID(MF_MT_MAJOR_TYPE, 0x48eba18e, 0xf8c9, 0x4687, 0xbf, 0x11, 0x0a, 0x74, 0xc9, 0xf9, 0x6a, 0x8f);
DEFINE_GUID(MF_MT_SUBTYPE, 0xf7e34c9a, 0x42e8, 0x4714, 0xb7, 0x4b, 0xcb, 0x29, 0xd7, 0x2c, 0x35, 0xe5);
DEFINE_GUID(MF_MT_ALL_SAMPLES_INDEPENDENT, 0xc9173739, 0x5e56, 0x461c, 0xb7, 0x13, 0x46, 0xfb, 0x99, 0x5c, 0xb9, 0x5f);
DEFINE_GUID(MF_MT_FIXED_SIZE_SAMPLES, 0xb8ebefaf, 0xb718, 0x4e04, 0xb0, 0xa9, 0x11, 0x67, 0x75, 0xe3, 0x32, 0x1b);
DEFINE_GUID(MF_MT_COMPRESSED, 0x3afd0cee, 0x18f2, 0x4ba5, 0xa1, 0x10, 0x8b, 0xea, 0x50, 0x2e, 0x1f, 0x92);
DEFINE_GUID(MF_MT_SAMPLE_SIZE, 0xdad3ab78, 0x1990, 0x408b, 0xbc, 0xe2, 0xeb, 0xa6, 0x73, 0xda, 0xcc, 0x10);
DEFINE_GUID(MF_MT_WRAPPED_TYPE, 0x4d3f7b23, 0xd02f, 0x4e6c, 0x9b, 0xee, 0xe4, 0xbf, 0x2c, 0x6c, 0x69, 0x5d);
DEFINE_GUID(MF_MT_USER_DATA, 0xb6bc765f, 0x4c3b, 0x40a4, 0xbd, 0x51, 0x25, 0x35, 0xb6, 0x6f, 0xe0, 0x9d);
DEFINE_GUID(MF_MT_AM_FORMAT_TYPE, 0x73d1072d, 0x1870, 0x4174, 0xa0, 0x63, 0x29, 0xff, 0x4f, 0xf6, 0xc1, 0x1e);
DEFINE_GUID(MF_MT_ARBITRARY_HEADER, 0x9e6bd6f5, 0x0109, 0x4f95, 0x84, 0xac, 0x93, 0x09, 0x15, 0x3a, 0x19, 0xfc);
DEFINE_GUID(MF_MT_ARBITRARY_FORMAT, 0x5a75b249, 0x0d7d, 0x49a1, 0xa1, 0xc3, 0xe0, 0xd8, 0x7f, 0x0c, 0xad, 0xe5);
DEFINE_GUID(MF_MT_ORIGINAL_4CC, 0xd7be3fe0, 0x2bc7, 0x492d, 0xb8, 0x43, 0x61, 0xa1, 0x91, 0x9b, 0x70, 0xc3);
DEFINE_GUID(MF_MT_ORIGINAL_WAVE_FORMAT_TAG, 0x8cbbc843, 0x9fd9, 0x49c2, 0x88, 0x2f, 0xa7, 0x25, 0x86, 0xc4, 0x08, 0xad);
DEFINE_GUID(MF_MT_AUDIO_NUM_CHANNELS, 0x37e48bf5, 0x645e, 0x4c5b, 0x89, 0xde, 0xad, 0xa9, 0xe2, 0x9b, 0x69, 0x6a);
DEFINE_GUID(MF_MT_AUDIO_SAMPLES_PER_SECOND, 0x5faeeae7, 0x0290, 0x4c31, 0x9e, 0x8a, 0xc5, 0x34, 0xf6, 0x8d, 0x9d, 0xba);
DEFINE_GUID(MF_MT_AUDIO_FLOAT_SAMPLES_PER_SECOND, 0xfb3b724a, 0xcfb5, 0x4319, 0xae, 0xfe, 0x6e, 0x42, 0xb2, 0x40, 0x61, 0x32);
DEFINE_GUID(MF_MT_AUDIO_AVG_BYTES_PER_SECOND, 0x1aab75c8, 0xcfef, 0x451c, 0xab, 0x95, 0xac, 0x03, 0x4b, 0x8e, 0x17, 0x31);
DEFINE_GUID(MF_MT_AUDIO_BLOCK_ALIGNMENT, 0x322de230, 0x9eeb, 0x43bd, 0xab, 0x7a, 0xff, 0x41, 0x22, 0x51, 0x54, 0x1d);
DEFINE_GUID(MF_MT_AUDIO_BITS_PER_SAMPLE, 0xf2deb57f, 0x40fa, 0x4764, 0xaa, 0x33, 0xed, 0x4f, 0x2d, 0x1f, 0xf6, 0x69);
DEFINE_GUID(MF_MT_AUDIO_VALID_BITS_PER_SAMPLE, 0xd9bf8d6a, 0x9530, 0x4b7c, 0x9d, 0xdf, 0xff, 0x6f, 0xd5, 0x8b, 0xbd, 0x06);
DEFINE_GUID(MF_MT_AUDIO_SAMPLES_PER_BLOCK, 0xaab15aac, 0xe13a, 0x4995, 0x92, 0x22, 0x50, 0x1e, 0xa1, 0x5c, 0x68, 0x77);
DEFINE_GUID(MF_MT_AUDIO_CHANNEL_MASK, 0x55fb5765, 0x644a, 0x4caf, 0x84, 0x79, 0x93, 0x89, 0x83, 0xbb, 0x15, 0x88);
DEFINE_GUID(MF_MT_AUDIO_PREFER_WAVEFORMATEX, 0xa901aaba, 0xe037, 0x458a, 0xbd, 0xf6, 0x54, 0x5b, 0xe2, 0x07, 0x40, 0x42);
DEFINE_GUID(MF_MT_AAC_PAYLOAD_TYPE, 0xbfbabe79, 0x7434, 0x4d1c, 0x94, 0xf0, 0x72, 0xa3, 0xb9, 0xe1, 0x71, 0x88);
DEFINE_GUID(MF_MT_AAC_AUDIO_PROFILE_LEVEL_INDICATION, 0x7632f0e6, 0x9538, 0x4d61, 0xac, 0xda, 0xea, 0x29, 0xc8, 0xc1, 0x44, 0x56);
DEFINE_GUID(MF_MT_FRAME_SIZE, 0x1652c33d, 0xd6b2, 0x4012, 0xb8, 0x34, 0x72, 0x03, 0x08, 0x49, 0xa3, 0x7d);
DEFINE_GUID(MF_MT_FRAME_RATE, 0xc459a2e8, 0x3d2c, 0x4e44, 0xb1, 0x32, 0xfe, 0xe5, 0x15, 0x6c, 0x7b, 0xb0);
DEFINE_GUID(MF_MT_FRAME_RATE_RANGE_MAX, 0xe3371d41, 0xb4cf, 0x4a05, 0xbd, 0x4e, 0x20, 0xb8, 0x8b, 0xb2, 0xc4, 0xd6);
DEFINE_GUID(MF_MT_FRAME_RATE_RANGE_MIN, 0xd2e7558c, 0xdc1f, 0x403f, 0x9a, 0x72, 0xd2, 0x8b, 0xb1, 0xeb, 0x3b, 0x5e);
DEFINE_GUID(MF_MT_PIXEL_ASPECT_RATIO, 0xc6376a1e, 0x8d0a, 0x4027, 0xbe, 0x45, 0x6d, 0x9a, 0x0a, 0xd3, 0x9b, 0xb6);
DEFINE_GUID(MF_MT_DRM_FLAGS, 0x8772f323, 0x355a, 0x4cc7, 0xbb, 0x78, 0x6d, 0x61, 0xa0, 0x48, 0xae, 0x82);
DEFINE_GUID(MF_MT_PAD_CONTROL_FLAGS, 0x4d0e73e5, 0x80ea, 0x4354, 0xa9, 0xd0, 0x11, 0x76, 0xce, 0xb0, 0x28, 0xea);
DEFINE_GUID(MF_MT_SOURCE_CONTENT_HINT, 0x68aca3cc, 0x22d0, 0x44e6, 0x85, 0xf8, 0x28, 0x16, 0x71, 0x97, 0xfa, 0x38);
DEFINE_GUID(MF_MT_VIDEO_CHROMA_SITING, 0x65df2370, 0xc773, 0x4c33, 0xaa, 0x64, 0x84, 0x3e, 0x06, 0x8e, 0xfb, 0x0c);
DEFINE_GUID(MF_MT_INTERLACE_MODE, 0xe2724bb8, 0xe676, 0x4806, 0xb4, 0xb2, 0xa8, 0xd6, 0xef, 0xb4, 0x4c, 0xcd);
DEFINE_GUID(MF_MT_TRANSFER_FUNCTION, 0x5fb0fce9, 0xbe5c, 0x4935, 0xa8, 0x11, 0xec, 0x83, 0x8f, 0x8e, 0xed, 0x93);
DEFINE_GUID(MF_MT_VIDEO_PRIMARIES, 0xdbfbe4d7, 0x0740, 0x4ee0, 0x81, 0x92, 0x85, 0x0a, 0xb0, 0xe2, 0x19, 0x35);
DEFINE_GUID(MF_MT_YUV_MATRIX, 0x3e23d450, 0x2c75, 0x4d25, 0xa0, 0x0e, 0xb9, 0x16, 0x70, 0xd1, 0x23, 0x27);
DEFINE_GUID(MF_MT_VIDEO_LIGHTING, 0x53a0529c, 0x890b, 0x4216, 0x8b, 0xf9, 0x59, 0x93, 0x67, 0xad, 0x6d, 0x20);
DEFINE_GUID(MF_MT_VIDEO_NOMINAL_RANGE, 0xc21b8ee5, 0xb956, 0x4071, 0x8d, 0xaf, 0x32, 0x5e, 0xdf, 0x5c, 0xab, 0x11);
DEFINE_GUID(MF_MT_GEOMETRIC_APERTURE, 0x66758743, 0x7e5f, 0x400d, 0x98, 0x0a, 0xaa, 0x85, 0x96, 0xc8, 0x56, 0x96);
DEFINE_GUID(MF_MT_MINIMUM_DISPLAY_APERTURE, 0xd7388766, 0x18fe, 0x48c6, 0xa1, 0x77, 0xee, 0x89, 0x48, 0x67, 0xc8, 0xc4);
DEFINE_GUID(MF_MT_PAN_SCAN_APERTURE, 0x79614dde, 0x9187, 0x48fb, 0xb8, 0xc7, 0x4d, 0x52, 0x68, 0x9d, 0xe6, 0x49);
DEFINE_GUID(MF_MT_PAN_SCAN_ENABLED, 0x4b7f6bc3, 0x8b13, 0x40b2, 0xa9, 0x93, 0xab, 0xf6, 0x30, 0xb8, 0x20, 0x4e);
DEFINE_GUID(MF_MT_AVG_BITRATE, 0x20332624, 0xfb0d, 0x4d9e, 0xbd, 0x0d, 0xcb, 0xf6, 0x78, 0x6c, 0x10, 0x2e);
DEFINE_GUID(MF_MT_AVG_BIT_ERROR_RATE, 0x799cabd6, 0x3508, 0x4db4, 0xa3, 0xc7, 0x56, 0x9c, 0xd5, 0x33, 0xde, 0xb1);
DEFINE_GUID(MF_MT_MAX_KEYFRAME_SPACING, 0xc16eb52b, 0x73a1, 0x476f, 0x8d, 0x62, 0x83, 0x9d, 0x6a, 0x02, 0x06, 0x52);
DEFINE_GUID(MF_MT_DEFAULT_STRIDE, 0x644b4e48, 0x1e02, 0x4516, 0xb0, 0xeb, 0xc0, 0x1c, 0xa9, 0xd4, 0x9a, 0xc6);
DEFINE_GUID(MF_MT_PALETTE, 0x6d283f42, 0x9846, 0x4410, 0xaf, 0xd9, 0x65, 0x4d, 0x50, 0x3b, 0x1a, 0x54);
DEFINE_GUID(MF_MT_VIDEO_ROTATION, 0xc380465d, 0x2271, 0x428c, 0x9b, 0x83, 0xec, 0xea, 0x3b, 0x4a, 0x85, 0xc1);
DEFINE_GUID(MF_MT_MPEG_START_TIME_CODE, 0x91f67885, 0x4333, 0x4280, 0x97, 0xcd, 0xbd, 0x5a, 0x6c, 0x03, 0xa0, 0x6e);
DEFINE_GUID(MF_MT_MPEG2_PROFILE, 0xad76a80b, 0x2d5c, 0x4e0b, 0xb3, 0x75, 0x64, 0xe5, 0x20, 0x13, 0x70, 0x36);
DEFINE_GUID(MF_MT_MPEG2_LEVEL, 0x96f66574, 0x11c5, 0x4015, 0x86, 0x66, 0xbf, 0xf5, 0x16, 0x43, 0x6d, 0xa7);
DEFINE_GUID(MF_MT_MPEG2_FLAGS, 0x31e3991d, 0xf701, 0x4b2f, 0xb4, 0x26, 0x8a, 0xe3, 0xbd, 0xa9, 0xe0, 0x4b);
DEFINE_GUID(MF_MT_MPEG_SEQUENCE_HEADER, 0x3c036de7, 0x3ad0, 0x4c9e, 0x92, 0x16, 0xee, 0x6d, 0x6a, 0xc2, 0x1c, 0xb3);
DEFINE_GUID(MF_MT_MPEG4_SAMPLE_DESCRIPTION, 0x261e9d83, 0x9529, 0x4b8f, 0xa1, 0x11, 0x8b, 0x9c, 0x95, 0x0a, 0x81, 0xa9);
DEFINE_GUID(MF_MT_MPEG4_CURRENT_SAMPLE_ENTRY, 0x9aa7e155, 0xb64a, 0x4c1d, 0xa5, 0x00, 0x45, 0x5d, 0x60, 0x0b, 0x65, 0x60);
DEFINE_GUID(MFSampleExtension_CleanPoint, 0x9cdf01d8, 0xa0f0, 0x43ba, 0xb0, 0x77, 0xea, 0xa0, 0x6c, 0xbd, 0x72, 0x8a);
DEFINE_GUID(MFSampleExtension_Discontinuity, 0x9cdf01d9, 0xa0f0, 0x43ba, 0xb0, 0x77, 0xea, 0xa0, 0x6c, 0xbd, 0x72, 0x8a);
DEFINE_GUID(MFSampleExtension_Token, 0x8294da66, 0xf328, 0x4805, 0xb5, 0x51, 0x00, 0xde, 0xb4, 0xc5, 0x7a, 0x61);
DEFINE_GUID(MFSampleExtension_Interlaced, 0xb1d5830a, 0xdeb8, 0x40e3, 0x90, 0xfa, 0x38, 0x99, 0x43, 0x71, 0x64, 0x61);
DEFINE_GUID(MFSampleExtension_BottomFieldFirst, 0x941ce0a3, 0x6ae3, 0x4dda, 0x9a, 0x08, 0xa6, 0x42, 0x98, 0x34, 0x06, 0x17);
DEFINE_GUID(MFSampleExtension_RepeatFirstField, 0x304d257c, 0x7493, 0x4fbd, 0xb1, 0x49, 0x92, 0x28, 0xde, 0x8d, 0x9a, 0x99);
DEFINE_GUID(MFSampleExtension_SingleField, 0x9d85f816, 0x658b, 0x455a, 0xbd, 0xe0, 0x9f, 0xa7, 0xe1, 0x5a, 0xb8, 0xf9);
DEFINE_GUID(MFSampleExtension_DerivedFromTopField, 0x6852465a, 0xae1c, 0x4553, 0x8e, 0x9b, 0xc3, 0x42, 0x0f, 0xcb, 0x16, 0x37);
DEFINE_GUID(MF_LOW_LATENCY, 0x9c27891a, 0xed7a, 0x40e1, 0x88, 0xe8, 0xb2, 0x27, 0x27, 0xa0, 0x24, 0xee);
DEFINE_GUID(MFMediaType_Default, 0x81a412e6, 0x8103, 0x4b06, 0x85, 0x7f, 0x18, 0x62, 0x78, 0x10, 0x24, 0xac);
DEFINE_GUID(MFMediaType_Audio, 0x73647561, 0x0000, 0x0010, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71);
DEFINE_GUID(MFMediaType_Video, 0x73646976, 0x0000, 0x0010, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71);
DEFINE_GUID(MFMediaType_Protected, 0x7b4b6fe6, 0x9d04, 0x4494, 0xbe, 0x14, 0x7e, 0x0b, 0xd0, 0x76, 0xc8, 0xe4);
DEFINE_GUID(MFMediaType_SAMI, 0xe69669a0, 0x3dcd, 0x40cb, 0x9e, 0x2e, 0x37, 0x08, 0x38, 0x7c, 0x06, 0x16);
DEFINE_GUID(MFMediaType_Script, 0x72178c22, 0xe45b, 0x11d5, 0xbc, 0x2a, 0x00, 0xb0, 0xd0, 0xf3, 0xf4, 0xab);
DEFINE_GUID(MFMediaType_Image, 0x72178c23, 0xe45b, 0x11d5, 0xbc, 0x2a, 0x00, 0xb0, 0xd0, 0xf3, 0xf4, 0xab);
DEFINE_GUID(MFMediaType_HTML, 0x72178c24, 0xe45b, 0x11d5, 0xbc, 0x2a, 0x00, 0xb0, 0xd0, 0xf3, 0xf4, 0xab);
DEFINE_GUID(MFMediaType_Binary, 0x72178c25, 0xe45b, 0x11d5, 0xbc, 0x2a, 0x00, 0xb0, 0xd0, 0xf3, 0xf4, 0xab);
DEFINE_GUID(MFMediaType_FileTransfer, 0x72178c26, 0xe45b, 0x11d5, 0xbc, 0x2a, 0x00, 0xb0, 0xd0, 0xf3, 0xf4, 0xab);
DEFINE_GUID(MFMediaType_Stream, 0xe436eb83, 0x524f, 0x11ce, 0x9f, 0x53, 0x00, 0x20, 0xaf, 0x0b, 0xa7, 0x70);

DEFINE_GUID(MF_EVENT_SESSIONCAPS, 0x7e5ebcd0, 0x11b8, 0x4abe, 0xaf, 0xad, 0x10, 0xf6, 0x59, 0x9a, 0x7f, 0x42);
DEFINE_GUID(MF_EVENT_SESSIONCAPS_DELTA, 0x7e5ebcd1, 0x11b8, 0x4abe, 0xaf, 0xad, 0x10, 0xf6, 0x59, 0x9a, 0x7f, 0x42);
DEFINE_GUID(MF_EVENT_TOPOLOGY_STATUS, 0x30c5018d, 0x9a53, 0x454b, 0xad, 0x9e, 0x6d, 0x5f, 0x8f, 0xa7, 0xc4, 0x3b);
DEFINE_GUID(MF_EVENT_START_PRESENTATION_TIME, 0x5ad914d0, 0x9b45, 0x4a8d, 0xa2, 0xc0, 0x81, 0xd1, 0xe5, 0x0b, 0xfb, 0x07);
DEFINE_GUID(MF_EVENT_PRESENTATION_TIME_OFFSET, 0x5ad914d1, 0x9b45, 0x4a8d, 0xa2, 0xc0, 0x81, 0xd1, 0xe5, 0x0b, 0xfb, 0x07);
DEFINE_GUID(MF_EVENT_START_PRESENTATION_TIME_AT_OUTPUT, 0x5ad914d2, 0x9b45, 0x4a8d, 0xa2, 0xc0, 0x81, 0xd1, 0xe5, 0x0b, 0xfb, 0x07);
DEFINE_GUID(MF_EVENT_SOURCE_FAKE_START, 0xa8cc55a7, 0x6b31, 0x419f, 0x84, 0x5d, 0xff, 0xb3, 0x51, 0xa2, 0x43, 0x4b);
DEFINE_GUID(MF_EVENT_SOURCE_PROJECTSTART, 0xa8cc55a8, 0x6b31, 0x419f, 0x84, 0x5d, 0xff, 0xb3, 0x51, 0xa2, 0x43, 0x4b);
DEFINE_GUID(MF_EVENT_SOURCE_ACTUAL_START, 0xa8cc55a9, 0x6b31, 0x419f, 0x84, 0x5d, 0xff, 0xb3, 0x51, 0xa2, 0x43, 0x4b);
DEFINE_GUID(MF_EVENT_SOURCE_TOPOLOGY_CANCELED, 0xdb62f650, 0x9a5e, 0x4704, 0xac, 0xf3, 0x56, 0x3b, 0xc6, 0xa7, 0x33, 0x64);
DEFINE_GUID(MF_EVENT_SOURCE_CHARACTERISTICS, 0x47db8490, 0x8b22, 0x4f52, 0xaf, 0xda, 0x9c, 0xe1, 0xb2, 0xd3, 0xcf, 0xa8);
DEFINE_GUID(MF_EVENT_SOURCE_CHARACTERISTICS_OLD, 0x47db8491, 0x8b22, 0x4f52, 0xaf, 0xda, 0x9c, 0xe1, 0xb2, 0xd3, 0xcf, 0xa8);
DEFINE_GUID(MF_EVENT_DO_THINNING, 0x321ea6fb, 0xdad9, 0x46e4, 0xb3, 0x1d, 0xd2, 0xea, 0xe7, 0x09, 0x0e, 0x30);
DEFINE_GUID(MF_EVENT_SCRUBSAMPLE_TIME, 0x9ac712b3, 0xdcb8, 0x44d5, 0x8d, 0x0c, 0x37, 0x45, 0x5a, 0x27, 0x82, 0xe3);
DEFINE_GUID(MF_EVENT_OUTPUT_NODE, 0x830f1a8b, 0xc060, 0x46dd, 0xa8, 0x01, 0x1c, 0x95, 0xde, 0xc9, 0xb1, 0x07);
DEFINE_GUID(MR_BUFFER_SERVICE, 0xa562248c, 0x9ac6, 0x4ffc, 0x9f, 0xba, 0x3a, 0xf8, 0xf8, 0xad, 0x1a, 0x4d);
/* @end generated */
#define MFVideoFormat_MPG2 MFVideoFormat_MPEG2

/* MF_MT_INTERLACE_MODE and other video attribute values are in
 * mfobjects.h (MFVideoInterlaceMode, MFNominalRange). */

#endif

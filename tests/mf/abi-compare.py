#!/usr/bin/env python3
"""Our Windows headers (shim/include) against mingw-w64's: the binary facts.

Everything is derived from OUR headers: the script preprocesses them, lists
the COM interfaces (their C vtable structs, methods in slot order), the GUIDs
they declare, enum constants and integer #defines, typedefs, structs and
their fields, and the functions. It writes probe files that turn each fact
into a number, compiles them to assembly twice -- the native compiler with
shim/include, x86_64-w64-mingw32-gcc with mingw-w64's own headers -- reads
the numbers back from the assembly and compares:

  C probe    vtable slot count, each method's slot (offsetof / sizeof(void*)),
             sizeof(IFoo), offsetof(IFoo, lpVtbl), COBJMACROS macro present,
             GUID bytes (defined in the probe through <initguid.h>),
             constant values, sizeof and field offsets of structs, sizeof
             and signedness of typedefs, which functions are declared
  C++ probe  each method's slot in the abstract struct (Itanium pointer to
             member), each method's and each function's signature (arity,
             size and kind of the return and of each parameter),
             IFoo abstract, derived from IUnknown, sizeof(IFoo)

A fact that differs fails unless ALLOWED gives the reason. A name we
declare that mingw-w64 lacks fails unless SDK_ONLY lists it with its value
in the Windows SDK, which ours must then have. Names the Media Foundation
reference (/work/shared/mf-reference.md) lists must be declared by our
headers (REQUIRED_*), and values it gives are checked too (EXPECTED_*).
Finally a native C++ program checks __uuidof(IFoo) == IID_IFoo at run time.

Usage: abi-compare.py [--root DIR] [--cc CMD] [--cxx CMD]
                      [--mingw-cc CMD] [--mingw-cxx CMD] [--our-include DIR]
                      [--keep DIR] [-v]
  --our-include DIR  compare a copy of our headers (how the test was shown to
                     fail: swapped methods, a changed GUID digit or HRESULT,
                     LONG as long, a lost IID, a C++ parameter type)
  --keep DIR         keep the probes and their assembly there
Self-test of the machinery (mingw-w64 against itself: no difference but the
names outside the files read):
  abi-compare.py --our-include /usr/share/mingw-w64/include \
    --cc "x86_64-w64-mingw32-gcc $D" --cxx "x86_64-w64-mingw32-g++ $D" \
    --our-files 'mf(idl|api|objects|error)\.h|evr\.h'
  with D='-DWINVER=0x0A00 -D_WIN32_WINNT=0x0A00 -DNTDDI_VERSION=0x0A00000B
          -include intsafe.h'
Exit status: 0 equal, 1 a difference, 77 skipped (no mingw-w64 compiler or
headers). Python 3 standard library only.
"""
import argparse
import concurrent.futures
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# The headers MF client code includes; the probes include them all, in this
# order, after <initguid.h> (first, so that every DEFINE_GUID defines).
HEADERS = ['windows.h', 'unknwn.h', 'objbase.h', 'propidl.h', 'propvarutil.h',
           'mfobjects.h', 'mfapi.h', 'mfidl.h', 'mferror.h', 'evr.h']
# Ours only: not part of the Windows API.
NOT_WINDOWS = {'msess-mf.h'}

# ------------------------------------------------------------------ reference
# Interfaces mf-reference.md section 1 lists, and those the shim implements or
# takes (issue 4).
REQUIRED_INTERFACES = [
    'IUnknown', 'IMFAttributes', 'IMFMediaEventGenerator', 'IMFMediaEvent',
    'IMFMediaSession', 'IMFTopology', 'IMFTopologyNode', 'IMFClock',
    'IMFPresentationClock', 'IMFPresentationTimeSource', 'IMFClockStateSink',
    'IMFAsyncCallback', 'IMFAsyncResult', 'IMFMediaSource',
    'IMFPresentationDescriptor', 'IMFStreamDescriptor', 'IMFMediaTypeHandler',
    'IMFSourceResolver', 'IMFActivate', 'IMFGetService', 'IMFRateControl',
    'IMFRateSupport', 'IMFSimpleAudioVolume', 'IMFSampleGrabberSinkCallback',
    'IMFMediaSink', 'IMFStreamSink', 'IMFTopoLoader', 'IMFShutdown',
    'IMFVideoDisplayControl', 'IMFCollection',
    # implemented by the shim (shim/shim.h, shim/meson.build)
    'IMFMediaType', 'IMFMediaEventQueue',
]
# Slot counts the reference states (inherited slots included).
EXPECTED_SLOTS = {
    'IUnknown': 3, 'IMFAttributes': 33, 'IMFMediaEventGenerator': 7,
    'IMFMediaEvent': 37, 'IMFMediaSession': 17, 'IMFTopology': 43,
    'IMFTopologyNode': 49, 'IMFClock': 8, 'IMFPresentationClock': 16,
    'IMFAsyncCallback': 5, 'IMFAsyncResult': 8, 'IMFMediaSource': 13,
    'IMFPresentationDescriptor': 38, 'IMFStreamDescriptor': 35,
    'IMFMediaTypeHandler': 9, 'IMFSourceResolver': 10, 'IMFActivate': 36,
    'IMFGetService': 4, 'IMFRateControl': 5, 'IMFRateSupport': 6,
    'IMFSimpleAudioVolume': 7, 'IMFSampleGrabberSinkCallback': 11,
}
# GUIDs the reference gives (sections 1 and 2), as registry strings.
EXPECTED_GUIDS = {
    'GUID_NULL': '00000000-0000-0000-0000-000000000000',
    'IID_IUnknown': '00000000-0000-0000-c000-000000000046',
    'IID_IMFAttributes': '2cd2d921-c447-44a7-a13c-4adabfc247e3',
    'IID_IMFMediaEventGenerator': '2cd0bd52-bcd5-4b89-b62c-eadc0c031e7d',
    'IID_IMFMediaEvent': 'df598932-f10c-4e39-bba2-c308f101daa3',
    'IID_IMFMediaSession': '90377834-21d0-4dee-8214-ba2e3e6c1127',
    'IID_IMFTopology': '83cf873a-f6da-4bc8-823f-bacfd55dc433',
    'IID_IMFTopologyNode': '83cf873a-f6da-4bc8-823f-bacfd55dc430',
    'IID_IMFClock': '2eb1e945-18b8-4139-9b1a-d5d584818530',
    'IID_IMFPresentationClock': '868ce85c-8ea9-4f55-ab82-b009a910a805',
    'IID_IMFPresentationTimeSource': '7ff12cce-f76f-41c2-863b-1666c8e5e139',
    'IID_IMFClockStateSink': 'f6696e82-74f7-4f3d-a178-8a5e09c3659f',
    'IID_IMFAsyncCallback': 'a27003cf-2354-4f2a-8d6a-ab7cff15437e',
    'IID_IMFAsyncResult': 'ac6b7889-0740-4d51-8619-905994a55cc6',
    'IID_IMFMediaSource': '279a808d-aec7-40c8-9c6b-a6b492c78a66',
    'IID_IMFPresentationDescriptor': '03cb2711-24d7-4db6-a17f-f3a7a479a536',
    'IID_IMFStreamDescriptor': '56c03d9c-9dbb-45f5-ab4b-d80f47c05938',
    'IID_IMFMediaTypeHandler': 'e93dcf6c-4b07-4e1e-8123-aa16ed6eadf5',
    'IID_IMFSourceResolver': 'fbe5a32d-a497-4b61-bb85-97b1a848a6e3',
    'IID_IMFActivate': '7fee9e9a-4a89-47a6-899c-b6a53a70fb67',
    'IID_IMFGetService': 'fa993888-4383-415a-a930-dd472a8cf6f7',
    'IID_IMFRateControl': '88ddcd21-03c3-4275-91ed-55ee3929328f',
    'IID_IMFRateSupport': '0a9ccdbc-d797-4563-9667-94ec5d79292d',
    'IID_IMFSimpleAudioVolume': '089edf13-cf71-4338-8d13-9e569dbdc319',
    'IID_IMFSampleGrabberSinkCallback': '8c7b80bf-ee42-4b59-b1df-55668e1bdca8',
    'IID_IMFMediaSink': '6ef2a660-47c0-4666-b13d-cbb717f2fa2c',
    'IID_IMFStreamSink': '0a97b3cf-8e7c-4a3d-8f8c-0c843dc247fb',
    'IID_IMFTopoLoader': 'de9a6157-f660-4643-b56a-df9f7998c7cd',
    'IID_IMFShutdown': '97ec2ea4-0e42-4937-97ac-9d6d328824e1',
    'IID_IMFVideoDisplayControl': 'a490b1e4-ab84-4d31-a1b2-181e03b1077a',
    'IID_IMFCollection': '5bc8a76b-869a-46a3-9b03-fa218a66aebe',
    'MF_SESSION_TOPOLOADER': '1e83d482-1f1c-4571-8405-88f4b2181f71',
    'MF_SESSION_GLOBAL_TIME': '1e83d482-1f1c-4571-8405-88f4b2181f72',
    'MF_SESSION_QUALITY_MANAGER': '1e83d482-1f1c-4571-8405-88f4b2181f73',
    'MF_SESSION_APPROX_EVENT_OCCURRENCE_TIME': '190e852f-6238-42d1-b5af-69ea338ef850',
    'MF_LOW_LATENCY': '9c27891a-ed7a-40e1-88e8-b22727a024ee',
    'MF_TOPONODE_SOURCE': '835c58ec-e075-4bc7-bcba-4de000df9ae6',
    'MF_TOPONODE_PRESENTATION_DESCRIPTOR': '835c58ed-e075-4bc7-bcba-4de000df9ae6',
    'MF_TOPONODE_STREAM_DESCRIPTOR': '835c58ee-e075-4bc7-bcba-4de000df9ae6',
    'MF_TOPONODE_MEDIASTART': '835c58ea-e075-4bc7-bcba-4de000df9ae6',
    'MF_TOPONODE_STREAMID': '14932f9b-9087-4bb4-8412-5167145cbe04',
    'MF_TOPONODE_NOSHUTDOWN_ON_REMOVE': '14932f9c-9087-4bb4-8412-5167145cbe04',
    'MF_TOPONODE_DISABLE_PREROLL': '14932f9e-9087-4bb4-8412-5167145cbe04',
    'MF_TOPONODE_CONNECT_METHOD': '494bbcf1-b031-4e38-97c4-d5422dd618dc',
    'MF_TOPONODE_DECODER': '494bbd02-b031-4e38-97c4-d5422dd618dc',
    'MF_TOPONODE_TRANSFORM_OBJECTID': '88dcc0c9-293e-4e8b-9aeb-0ad64cc016b0',
    'MF_PD_DURATION': '6c990d33-bb8e-477a-8598-0d5d96fcd88a',
    'MF_RATE_CONTROL_SERVICE': '866fa297-b802-4bf8-9dc9-5e3b6a9f53c9',
    'MR_POLICY_VOLUME_SERVICE': '1abaa2ac-9d3b-47c6-ab48-c59506de784d',
    'MR_STREAM_VOLUME_SERVICE': 'f8b5fa2f-32ef-46f5-b172-1321212fb2c4',
    'MR_VIDEO_RENDER_SERVICE': '1092a86c-ab1a-459a-a336-831fbc4d11ff',
    'MF_EVENT_TOPOLOGY_STATUS': '30c5018d-9a53-454b-ad9e-6d5f8fa7c43b',
    'MF_EVENT_SESSIONCAPS': '7e5ebcd0-11b8-4abe-afad-10f6599a7f42',
    'MF_EVENT_SESSIONCAPS_DELTA': '7e5ebcd1-11b8-4abe-afad-10f6599a7f42',
    'MF_EVENT_START_PRESENTATION_TIME': '5ad914d0-9b45-4a8d-a2c0-81d1e50bfb07',
    'MF_EVENT_PRESENTATION_TIME_OFFSET': '5ad914d1-9b45-4a8d-a2c0-81d1e50bfb07',
    'MF_EVENT_START_PRESENTATION_TIME_AT_OUTPUT': '5ad914d2-9b45-4a8d-a2c0-81d1e50bfb07',
    'MF_SAMPLEGRABBERSINK_IGNORE_CLOCK': '0efda2c0-2b69-4e2e-ab8d-46dcbff7d25d',
}
REQUIRED_GUIDS = sorted(EXPECTED_GUIDS) + [
    'MF_MT_MAJOR_TYPE', 'MF_MT_SUBTYPE', 'MFMediaType_Audio', 'MFMediaType_Video',
    'MFVideoFormat_RGB32', 'MFAudioFormat_PCM', 'MFAudioFormat_Float',
]
# Constants of section 2 with their values (HRESULTs as signed 32-bit).
def _hr(v):
    return v - (1 << 32) if v & 0x80000000 else v


EXPECTED_CONSTANTS = {
    'MFSESSION_SETTOPOLOGY_IMMEDIATE': 1, 'MFSESSION_SETTOPOLOGY_NORESOLUTION': 2,
    'MFSESSION_SETTOPOLOGY_CLEAR_CURRENT': 4, 'MFSESSION_GETFULLTOPOLOGY_CURRENT': 1,
    'MF_TOPOLOGY_OUTPUT_NODE': 0, 'MF_TOPOLOGY_SOURCESTREAM_NODE': 1,
    'MF_TOPOLOGY_TRANSFORM_NODE': 2, 'MF_TOPOLOGY_TEE_NODE': 3,
    'MFCLOCK_STATE_INVALID': 0, 'MFCLOCK_STATE_RUNNING': 1,
    'MFCLOCK_STATE_STOPPED': 2, 'MFCLOCK_STATE_PAUSED': 3,
    'MF_EVENT_FLAG_NO_WAIT': 1,
    'MFSESSIONCAP_START': 0x1, 'MFSESSIONCAP_SEEK': 0x2, 'MFSESSIONCAP_PAUSE': 0x4,
    'MFSESSIONCAP_RATE_FORWARD': 0x10, 'MFSESSIONCAP_RATE_REVERSE': 0x20,
    'MFSESSIONCAP_DOES_NOT_USE_NETWORK': 0x40,
    'MF_TOPOSTATUS_INVALID': 0, 'MF_TOPOSTATUS_READY': 100,
    'MF_TOPOSTATUS_STARTED_SOURCE': 200, 'MF_TOPOSTATUS_DYNAMIC_CHANGED': 210,
    'MF_TOPOSTATUS_SINK_SWITCHED': 300, 'MF_TOPOSTATUS_ENDED': 400,
    'MF_CONNECT_DIRECT': 0, 'MF_CONNECT_ALLOW_CONVERTER': 1,
    'MF_CONNECT_ALLOW_DECODER': 3, 'MF_CONNECT_RESOLVE_INDEPENDENT_OUTPUTTYPES': 4,
    'MF_CONNECT_AS_OPTIONAL': 0x10000, 'MF_CONNECT_AS_OPTIONAL_BRANCH': 0x20000,
    'MEUnknown': 0, 'MEError': 1, 'MEExtendedType': 2, 'MENonFatalError': 3,
    'MESessionTopologySet': 101, 'MESessionTopologiesCleared': 102,
    'MESessionStarted': 103, 'MESessionPaused': 104, 'MESessionStopped': 105,
    'MESessionClosed': 106, 'MESessionEnded': 107, 'MESessionRateChanged': 108,
    'MESessionScrubSampleComplete': 109, 'MESessionCapabilitiesChanged': 110,
    'MESessionTopologyStatus': 111, 'MESessionNotifyPresentationTime': 112,
    'MENewPresentation': 113, 'MESourceStarted': 201, 'MEStreamStarted': 202,
    'MESourceSeeked': 203, 'MEStreamSeeked': 204, 'MENewStream': 205,
    'MEUpdatedStream': 206, 'MESourceStopped': 207, 'MEStreamStopped': 208,
    'MESourcePaused': 209, 'MEStreamPaused': 210, 'MEEndOfPresentation': 211,
    'MEEndOfStream': 212, 'MEMediaSample': 213, 'MESourceRateChanged': 217,
    'MEStreamSinkStarted': 301, 'MEStreamSinkStopped': 302,
    'MEStreamSinkPaused': 303, 'MEStreamSinkRequestSample': 305,
    'MEStreamSinkMarker': 306, 'MEStreamSinkPrerolled': 307,
    'S_OK': 0, 'E_POINTER': _hr(0x80004003), 'E_INVALIDARG': _hr(0x80070057),
    'E_FAIL': _hr(0x80004005), 'E_NOINTERFACE': _hr(0x80004002),
    'E_NOTIMPL': _hr(0x80004001), 'E_OUTOFMEMORY': _hr(0x8007000E),
    'MF_E_INVALIDREQUEST': _hr(0xC00D36B2), 'MF_E_SHUTDOWN': _hr(0xC00D3E85),
    'MF_E_NO_EVENTS_AVAILABLE': _hr(0xC00D3E80),
    'MF_E_MULTIPLE_SUBSCRIBERS': _hr(0xC00D36DA),
    'MF_E_MULTIPLE_BEGIN': _hr(0xC00D36D9), 'MF_S_MULTIPLE_BEGIN': 0x000D36D8,
    'MF_E_INVALID_POSITION': _hr(0xC00D36E5),
    'MF_E_TOPO_MISSING_SOURCE': _hr(0xC00D521A),
    'MF_E_TOPO_MISSING_PRESENTATION_DESCRIPTOR': _hr(0xC00D5217),
    'MF_E_TOPO_MISSING_STREAM_DESCRIPTOR': _hr(0xC00D5218),
    'MF_E_TOPO_STREAM_DESCRIPTOR_NOT_SELECTED': _hr(0xC00D5219),
    'MF_E_TOPO_UNSUPPORTED': _hr(0xC00D5214),
    'MF_E_TOPO_CODEC_NOT_FOUND': _hr(0xC00D5212),
    'MF_E_TOPO_SINK_ACTIVATES_UNSUPPORTED': _hr(0xC00D521B),
    'MF_E_CLOCK_NO_TIME_SOURCE': _hr(0xC00D9C41),
    'MF_E_CLOCK_STATE_ALREADY_SET': _hr(0xC00D9C42),
    'MF_E_UNSUPPORTED_RATE': _hr(0xC00D36D0),
    'MF_E_THINNING_UNSUPPORTED': _hr(0xC00D36D1),
    'MF_E_REVERSE_UNSUPPORTED': _hr(0xC00D36D2),
    'MF_E_UNSUPPORTED_RATE_TRANSITION': _hr(0xC00D36D3),
    'MF_E_ATTRIBUTENOTFOUND': _hr(0xC00D36E6),
    'MF_E_UNSUPPORTED_SCHEME': _hr(0xC00D36C3),
    'MF_E_UNSUPPORTED_BYTESTREAM_TYPE': _hr(0xC00D36C4),
    'MF_E_NOT_INITIALIZED': _hr(0xC00D36B6),
}
# Structs whose size the issue names; each must be declared.
REQUIRED_STRUCTS = ['PROPVARIANT', 'MFCLOCK_PROPERTIES', 'MFVideoNormalizedRect',
                    'RECT', 'BITMAPINFOHEADER', 'GUID']
# Fields of PROPVARIANT that clients use (its unions are anonymous, so the
# field parser below sees them too; listed to be sure they are compared).
EXTRA_FIELDS = {'PROPVARIANT': ['vt', 'ulVal', 'uhVal', 'hVal', 'fltVal', 'dblVal',
                                'boolVal', 'puuid', 'pwszVal', 'punkVal', 'blob',
                                'caub', 'lVal', 'intVal', 'uintVal']}

# Names we declare that mingw-w64 10 (Debian 12) lacks although the Windows
# SDK has them: each with its SDK value (checked against ours instead) and
# where it is from. Values: a GUID string, an integer, or for an interface
# (parent interface, slot count). Sources: Microsoft's documentation pages
# of each name, cross-checked with MIDL-generated copies of the SDK's
# mfidl.h and with Wine's mfidl.idl. Keep it short: prefer names mingw has.
_MFIDL = 'Windows SDK mfidl.h; absent from mingw-w64 10'
SDK_ONLY = {
    'MF_SESSION_TOPOLOADER': ('1e83d482-1f1c-4571-8405-88f4b2181f71', _MFIDL),
    'MF_SESSION_GLOBAL_TIME': ('1e83d482-1f1c-4571-8405-88f4b2181f72', _MFIDL),
    'MF_SESSION_QUALITY_MANAGER': ('1e83d482-1f1c-4571-8405-88f4b2181f73', _MFIDL),
    'MF_SESSION_CONTENT_PROTECTION_MANAGER': ('1e83d482-1f1c-4571-8405-88f4b2181f74', _MFIDL),
    'MF_SESSION_SERVER_CONTEXT': ('afe5b291-50fa-46e8-b9be-0c0c3ce4b3a5', _MFIDL),
    'MF_SESSION_REMOTE_SOURCE_MODE': ('f4033ef4-9bb3-4378-941f-85a0856bc244', _MFIDL),
    'MF_SESSION_APPROX_EVENT_OCCURRENCE_TIME': ('190e852f-6238-42d1-b5af-69ea338ef850', _MFIDL),
    'MF_PMP_SERVER_CONTEXT': ('2f00c910-d2cf-4278-8b6a-d077fac3a25f', _MFIDL),
    'MF_PD_PMPHOST_CONTEXT': ('6c990d31-bb8e-477a-8598-0d5d96fcd88a', _MFIDL),
    'MF_PD_APP_CONTEXT': ('6c990d32-bb8e-477a-8598-0d5d96fcd88a', _MFIDL),
    'MF_PD_TOTAL_FILE_SIZE': ('6c990d34-bb8e-477a-8598-0d5d96fcd88a', _MFIDL),
    'MF_PD_AUDIO_ENCODING_BITRATE': ('6c990d35-bb8e-477a-8598-0d5d96fcd88a', _MFIDL),
    'MF_PD_VIDEO_ENCODING_BITRATE': ('6c990d36-bb8e-477a-8598-0d5d96fcd88a', _MFIDL),
    'MF_PD_MIME_TYPE': ('6c990d37-bb8e-477a-8598-0d5d96fcd88a', _MFIDL),
    'MF_PD_LAST_MODIFIED_TIME': ('6c990d38-bb8e-477a-8598-0d5d96fcd88a', _MFIDL),
    'MF_PD_PLAYBACK_ELEMENT_ID': ('6c990d39-bb8e-477a-8598-0d5d96fcd88a', _MFIDL),
    'MF_PD_PREFERRED_LANGUAGE': ('6c990d3a-bb8e-477a-8598-0d5d96fcd88a', _MFIDL),
    'MF_PD_PLAYBACK_BOUNDARY_TIME': ('6c990d3b-bb8e-477a-8598-0d5d96fcd88a', _MFIDL),
    'MF_PD_AUDIO_ISVARIABLEBITRATE': ('33026ee0-e387-4582-ae0a-34a2ad3baa18', _MFIDL),
    'MF_SAMPLEGRABBERSINK_SAMPLE_TIME_OFFSET': ('62e3d776-8100-4e03-a6e8-bd3857ac9c47', _MFIDL),
    'IMFSampleGrabberSinkCallback2': (('IMFSampleGrabberSinkCallback', 12), _MFIDL),
    'IID_IMFSampleGrabberSinkCallback2': ('ca86aa50-c46e-429e-ab27-16d6ac6844cb', _MFIDL),
    'MF_RESOLUTION_DISABLE_LOCAL_PLUGINS': (0x40, _MFIDL),
    'MF_RESOLUTION_PLUGIN_CONTROL_POLICY_APPROVED_ONLY': (0x80, _MFIDL),
    'MF_RESOLUTION_PLUGIN_CONTROL_POLICY_WEB_ONLY': (0x100, _MFIDL),
    'MF_RESOLUTION_PLUGIN_CONTROL_POLICY_WEB_ONLY_EDGEMODE': (0x200, _MFIDL),
    'MF_RESOLUTION_ENABLE_STORE_PLUGINS': (0x400, _MFIDL),
    'MFCLOCK_FREQUENCY_HNS': (10000000, _MFIDL),
    'MFCLOCK_TOLERANCE_UNKNOWN': (50000, _MFIDL),
    'MFCLOCK_JITTER_ISR': (1000, _MFIDL),
    'MFCLOCK_JITTER_DPC': (4000, _MFIDL),
    'MFCLOCK_JITTER_PASSIVE': (10000, _MFIDL),
    'PRESENTATION_CURRENT_POSITION': (0x7fffffffffffffff, _MFIDL),
    'E_BOUNDS': (_hr(0x8000000B), 'Windows SDK winerror.h; absent from mingw-w64 10'),
    'E_NOT_SET': (_hr(0x80070490), 'Windows SDK winerror.h: HRESULT_FROM_WIN32(ERROR_NOT_FOUND); '
                  'absent from mingw-w64 10'),
}

# Facts that may differ from mingw-w64 on purpose, with the reason. Keys: the
# key of one fact as printed, or a name (then every fact of that name).
ALLOWED = {
    'sizeof(WCHAR)': 'WCHAR is wchar_t: 32-bit on Linux, 16-bit on Windows (brief)',
    'signed(WCHAR)': 'wchar_t is signed on Linux, unsigned on Windows',
    'sizeof(OLECHAR)': 'OLECHAR is WCHAR',
    'signed(OLECHAR)': 'OLECHAR is WCHAR',
    'function PropVariantToGUID: signature':
        'mingw-w64 takes const PROPVARIANT *, the SDK (and we) REFPROPVARIANT, '
        'a reference in C++; same ABI',
}

# mingw-w64's headers declare some of what our headers (like the SDK's) give
# in other files, or only for newer Windows versions: the mingw probes
# include these too and ask for the newest Windows.
MINGW_EXTRA_HEADERS = ['cguid.h', 'intsafe.h', 'd3d9types.h', 'wininet.h']
MINGW_DEFINES = ['-DWINVER=0x0A00', '-D_WIN32_WINNT=0x0A00', '-DNTDDI_VERSION=0x0A00000B']


# ------------------------------------------------------------------- running
def run(cmd, cwd=None):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    return p.returncode, p.stdout, p.stderr


class Compiler:
    """A compiler command and the include options that select its headers."""

    def __init__(self, name, cmd, std, incs, defines=(), extra_headers=()):
        self.name, self.cmd, self.std = name, cmd, std
        self.extra_headers = list(extra_headers)
        self.flags = [std, '-w', '-O0', '-fno-asynchronous-unwind-tables',
                      '-fmax-errors=0'] + ['-I' + i for i in incs] + list(defines)

    def asm(self, src, out):
        return run(self.cmd + self.flags + ['-S', '-o', out, src])

    def preprocess(self, src, extra=()):
        return run(self.cmd + self.flags + list(extra) + ['-E', src])


# ---------------------------------------------------------- reading C source
def skip_balanced(s, i):
    """Index after the bracket group that starts at s[i] ('(', '[' or '{')."""
    pairs = {'(': ')', '[': ']', '{': '}'}
    stack = []
    n = len(s)
    while i < n:
        c = s[i]
        if c in '"\'':
            i = skip_quoted(s, i)
            continue
        if c in pairs:
            stack.append(pairs[c])
        elif c in ')]}':
            if stack and stack[-1] == c:
                stack.pop()
            if not stack:
                return i + 1
        i += 1
    return n


def skip_quoted(s, i):
    q = s[i]
    i += 1
    while i < len(s) and s[i] != q:
        i += 2 if s[i] == '\\' else 1
    return i + 1


def strip_attributes(s):
    """s without __attribute__((...)), __declspec(...), __extension__, asm labels."""
    out = []
    i = 0
    pat = re.compile(r'\b(__attribute__|__attribute|__declspec|__asm__|__asm)\s*\(')
    while True:
        m = pat.search(s, i)
        if not m:
            out.append(s[i:])
            break
        out.append(s[i:m.start()])
        i = skip_balanced(s, m.end() - 1)
    s = ''.join(out)
    s = re.sub(r'\b(__extension__|__inline__|__inline|inline|__restrict__|__restrict|restrict)\b',
               ' ', s)
    return re.sub(r'\s+', ' ', s).strip()


def split_top(s, sep):
    """Split s at `sep` outside brackets and quotes."""
    parts, start, i, depth = [], 0, 0, 0
    while i < len(s):
        c = s[i]
        if c in '"\'':
            i = skip_quoted(s, i)
            continue
        if c in '([{':
            depth += 1
        elif c in ')]}':
            depth -= 1
        elif c == sep and depth == 0:
            parts.append(s[start:i])
            start = i + 1
        i += 1
    parts.append(s[start:])
    return parts


def statements(code):
    """Top-level declarations of preprocessed C code; a function definition
    ends at its closing brace."""
    out, start, i, n = [], 0, 0, len(code)
    while i < n:
        c = code[i]
        if c in '"\'':
            i = skip_quoted(code, i)
            continue
        if c == ';':
            out.append(code[start:i])
            start = i + 1
        elif c in '([{':
            j = skip_balanced(code, i)
            if c == '{' and strip_attributes(code[start:i]).endswith(')'):
                out.append(code[start:j])
                start = j
            i = j
            continue
        i += 1
    out.append(code[start:])
    return [re.sub(r'\s+', ' ', s).strip() for s in out if s.strip()]


LINEMARK = re.compile(r'^# (\d+) "((?:[^"\\]|\\.)*)"')


def read_preprocessed(text, ours):
    """(code, macros) of the lines that come from files `ours(path)` accepts.
    `text` is `cc -E -dD` output; macros maps object-like macro names to
    their replacement text (function-like macros map to None)."""
    code, macros = [], {}
    mine = False
    for line in text.split('\n'):
        m = LINEMARK.match(line)
        if m:
            mine = ours(m.group(2))
            continue
        if not mine:
            continue
        if line.startswith('#'):
            d = re.match(r'#\s*define\s+(\w+)(\()?\s*(.*)$', line)
            if d:
                macros[d.group(1)] = None if d.group(2) else d.group(3)
            u = re.match(r'#\s*undef\s+(\w+)', line)
            if u:
                macros.pop(u.group(1), None)
            continue
        code.append(line)
    return '\n'.join(code), macros


def last_ident(s):
    ids = re.findall(r'[A-Za-z_]\w*', s)
    return ids[-1] if ids else None


def declarator_names(s):
    """Names of plain (non-pointer, non-function) declarators in `s`, the text
    after a type, e.g. 'FOO, *PFOO, BAR[4]' -> ['FOO', 'BAR']."""
    names = []
    for d in split_top(s, ','):
        d = d.strip()
        if not d or '*' in d or '(' in d:
            continue
        d = re.sub(r'\[.*?\]', '', d).split(':')[0]
        n = last_ident(d)
        if n:
            names.append(n)
    return names


KEYWORDS = {'const', 'volatile', 'struct', 'union', 'enum', 'unsigned', 'signed',
            'int', 'long', 'short', 'char', 'void', 'float', 'double', 'extern',
            'static', 'typedef', '_Bool', '__int64', 'register'}


def struct_fields(body, prefix=''):
    """Field designators (for offsetof) of a struct/union body."""
    out = []
    for f in split_top(body, ';'):
        f = strip_attributes(f)
        if not f:
            continue
        m = re.match(r'^(?:(?:const|volatile)\s+)*(?:struct|union)\s*\w*\s*\{', f)
        if m:
            end = skip_balanced(f, m.end() - 1)
            inner = f[m.end():end - 1]
            rest = f[end:]
            names = declarator_names(rest)
            if not rest.strip():
                out += struct_fields(inner, prefix)            # anonymous member
            for n in names:
                out.append(prefix + n)
                if '[' not in rest:
                    out += struct_fields(inner, prefix + n + '.')
            continue
        fp = re.search(r'\(\s*\*\s*(\w+)\s*\)\s*\(', f)
        if fp:
            out.append(prefix + fp.group(1))
            continue
        parts = split_top(f, ',')
        first = parts[0]
        if ':' in first:
            continue                                           # bit-field
        n = last_ident(re.sub(r'\[.*?\]', '', first))
        if n and n not in KEYWORDS:
            out.append(prefix + n)
        for d in parts[1:]:
            if ':' in d:
                continue
            n = last_ident(re.sub(r'\[.*?\]', '', d))
            if n:
                out.append(prefix + n)
    return out


GUID_TYPES = r'(?:GUID|IID|CLSID|FMTID|UUID|struct\s+_GUID)'


class Decls:
    """What our headers declare."""

    def __init__(self):
        self.interfaces = {}    # name -> [methods] in slot order
        self.vtbl_extra = {}    # name -> [non-method fields of the vtable]
        self.guids = []
        self.enums = []         # enumerator names
        self.typedefs = []      # typedef names (non-pointer)
        self.structs = {}       # typedef name -> [field designators]
        self.functions = []
        self.macros = {}        # object-like macro -> replacement

    def parse(self, code):
        for st in statements(code):
            self.statement(st)
        for lst in (self.guids, self.enums, self.typedefs, self.functions):
            lst[:] = list(dict.fromkeys(lst))

    def statement(self, st):
        for m in re.finditer(r'\benum\s*\w*\s*\{', st):
            end = skip_balanced(st, m.end() - 1)
            for item in split_top(st[m.end():end - 1], ','):
                n = re.match(r'\s*([A-Za-z_]\w*)', item)
                if n:
                    self.enums.append(n.group(1))
        plain = strip_attributes(st)
        vt = re.search(r'\bstruct\s+(\w+)Vtbl\s*\{', plain)
        if vt:
            self.vtable(vt.group(1), plain, vt.end() - 1)
            return
        if plain.startswith('typedef '):
            self.typedef(plain[len('typedef '):])
            return
        rec = re.match(r'^(?:struct|union)\s+(\w+)\s*\{', plain)
        if rec:                      # struct X { ... }: interface structs, tags
            return
        g = re.match(r'^(?:(?:extern|static|const|volatile)\s+)*' + GUID_TYPES +
                     r'\s+(?:const\s+)?([A-Za-z_]\w*)\s*(?:=.*)?$', plain, re.S)
        if g:
            self.guids.append(g.group(1))
            return
        f = re.match(r'^[\w\s\*]*?\b([A-Za-z_]\w*)\s*\(', plain)
        if f and f.group(1) not in KEYWORDS:
            self.functions.append(f.group(1))

    def vtable(self, name, s, brace):
        end = skip_balanced(s, brace)
        methods, extra = [], []
        for f in split_top(s[brace + 1:end - 1], ';'):
            f = f.strip()
            if not f:
                continue
            m = re.search(r'\*\s*(\w+)\s*\)\s*\(', f)
            if m:
                methods.append(m.group(1))
            else:
                extra.append(f)
        self.interfaces[name] = methods
        if extra:
            self.vtbl_extra[name] = extra

    def typedef(self, s):
        m = re.match(r'^(?:(?:const|volatile)\s+)*(struct|union|enum)\s*(\w*)\s*\{', s)
        if m:
            end = skip_balanced(s, m.end() - 1)
            names = declarator_names(s[end:])
            self.typedefs += names
            if m.group(1) != 'enum':
                fields = struct_fields(s[m.end():end - 1])
                for n in names:
                    if not n.endswith('Vtbl'):
                        self.structs[n] = fields
            return
        if re.search(r'\(\s*\*', s) or re.search(r'\w\s*\(', s):
            return                                             # function types
        parts = split_top(s, ',')
        n = last_ident(re.sub(r'\[.*?\]', '', parts[0]))
        if n and '*' not in parts[0].split(n)[-1] and n not in KEYWORDS:
            # `typedef const IID *REFIID` names a pointer: skip those
            head = parts[0][:parts[0].rfind(n)]
            if not head.rstrip().endswith('*'):
                self.typedefs.append(n)
        self.typedefs += declarator_names(','.join(parts[1:]))


# ------------------------------------------------------------------ probes
class Probe:
    """A C or C++ file whose entries each give one number (a `long long`
    object) or one labelled object (GUIDs, pointers to members), each in a
    declaration of its own so that the compiler recovers from the ones that
    do not compile. Those are dropped one round at a time; the rest are read
    from the assembly."""

    def __init__(self, cxx):
        self.cxx = cxx
        self.values = []     # (key, label, lines) -> one long long each
        self.objects = []    # (key, label, lines) -> a labelled object
        self.headers = []    # included after <initguid.h>
        self.pre = []        # lines before the includes
        self.post = []       # lines after them

    def _decl(self, label):
        return '%sconst long long %s =' % ('extern ' if self.cxx else '', label)

    def value(self, key, expr):
        label = 'probe_v_%d' % len(self.values)
        self.values.append((key, label, ['%s (long long)(%s);' % (self._decl(label), expr)]))

    def value_ifdef(self, key, macro, yes, no):
        """#ifdef macro: yes, else no (expressions)."""
        label = 'probe_v_%d' % len(self.values)
        self.values.append((key, label, [self._decl(label), '#ifdef %s' % macro,
                                         '  (long long)(%s)' % yes, '#else',
                                         '  (long long)(%s)' % no, '#endif', ';']))

    def obj(self, key, label, lines):
        self.objects.append((key, label, lines))

    def render(self, skip, extra_headers=()):
        prelude = self.pre + include_lines(self.headers, extra_headers) + self.post
        out = '\n'.join(prelude).split('\n')
        spans = {}
        for key, label, lines in self.values + self.objects:
            if key not in skip:
                start = len(out) + 1
                out.extend(lines)
                spans[key] = (start, len(out))
        return '\n'.join(out) + '\n', spans

    def build(self, comp, workdir, stem, verbose=False, skip=()):
        """-> (values {key: int}, objects {key: bytes}, failed {key}).
        Entries in `skip` are left out from the start (and count as failed)."""
        src = os.path.join(workdir, stem + ('.cpp' if self.cxx else '.c'))
        asm = os.path.join(workdir, stem + '.s')
        failed = set(skip)
        for _ in range(20):
            text, spans = self.render(failed, comp.extra_headers)
            with open(src, 'w') as f:
                f.write(text)
            rc, _, err = comp.asm(src, asm)
            if rc == 0:
                break
            base = re.escape(os.path.basename(src))
            lines = {int(x) for x in re.findall(r'(?:^|/)' + base + r':(\d+):', err, re.M)}
            bad = {k for k, (a, b) in spans.items() if any(a <= n <= b for n in lines)}
            if not bad:
                raise RuntimeError('%s: %s does not compile outside the entries:\n%s'
                                   % (comp.name, src, err[:4000]))
            if verbose:
                print('  %s: %d entries do not compile: %s' %
                      (comp.name, len(bad), ', '.join(sorted(bad)[:400])))
            failed |= bad
        else:
            raise RuntimeError('%s: %s: too many rounds' % (comp.name, src))
        data = read_asm(asm)
        vals, objs = {}, {}
        for key, label, _ in self.values:
            if key not in failed:
                raw = data.get(label)
                if raw is None or len(raw) < 8:
                    raise RuntimeError('%s: %s (%s) not found in %s' % (comp.name, label, key, asm))
                vals[key] = int.from_bytes(raw[:8], 'little', signed=True)
        for key, label, _ in self.objects:
            if key not in failed and label in data:
                objs[key] = data[label]
        return vals, objs, failed


DATA_SIZES = {'.byte': 1, '.value': 2, '.short': 2, '.word': 2, '.hword': 2,
              '.2byte': 2, '.long': 4, '.int': 4, '.4byte': 4, '.quad': 8,
              '.8byte': 8}


def unescape_asm(s):
    out = bytearray()
    i = 0
    while i < len(s):
        c = s[i]
        if c != '\\':
            out += c.encode('latin-1')
            i += 1
            continue
        i += 1
        c = s[i]
        if c in '01234567':
            j = i
            while j < len(s) and j < i + 3 and s[j] in '01234567':
                j += 1
            out.append(int(s[i:j], 8) & 0xff)
            i = j
        elif c == 'x':
            j = i + 1
            while j < len(s) and s[j] in '0123456789abcdefABCDEF':
                j += 1
            out.append(int(s[i + 1:j], 16) & 0xff)
            i = j
        else:
            out += {'n': b'\n', 't': b'\t', 'r': b'\r', 'b': b'\b', 'f': b'\f',
                    '\\': b'\\', '"': b'"'}.get(c, c.encode('latin-1'))
            i += 1
    return bytes(out)


def read_asm(path):
    """label -> bytes of the data directives that follow it (symbol
    references read as zeros). GNU as syntax, as gcc and clang write it."""
    data, cur = {}, None
    with open(path, errors='replace') as f:
        for line in f:
            line = line.strip()
            m = re.match(r'^([A-Za-z_.$][\w.$@]*):', line)
            if m:
                cur = bytearray()
                data[m.group(1)] = cur
                line = line[m.end():].strip()
                if not line:
                    continue
            if cur is None or not line.startswith('.'):
                continue
            parts = line.split(None, 1)
            d, arg = parts[0], parts[1] if len(parts) > 1 else ''
            if d in DATA_SIZES:
                for v in arg.split(','):
                    v = v.strip()
                    try:
                        n = int(v, 0)
                    except ValueError:
                        n = 0
                    cur += (n & ((1 << (8 * DATA_SIZES[d])) - 1)).to_bytes(
                        DATA_SIZES[d], 'little')
            elif d in ('.zero', '.skip', '.space'):
                cur += bytes(int(arg.split(',')[0], 0))
            elif d in ('.ascii', '.asciz', '.string'):
                for s in re.findall(r'"((?:[^"\\]|\\.)*)"', arg):
                    cur += unescape_asm(s)
                    if d != '.ascii':
                        cur.append(0)
            elif d in ('.section', '.text', '.data', '.bss', '.globl', '.ident'):
                if d != '.globl':
                    cur = None
    return {k: bytes(v) for k, v in data.items()}


def guid_str(b):
    if len(b) < 16:
        return None
    d1 = int.from_bytes(b[0:4], 'little')
    d2 = int.from_bytes(b[4:6], 'little')
    d3 = int.from_bytes(b[6:8], 'little')
    return '%08x-%04x-%04x-%s-%s' % (d1, d2, d3, b[8:10].hex(), b[10:16].hex())


# ------------------------------------------------------------- the probes
def include_lines(headers, extra=()):
    """<initguid.h> first so that every DEFINE_GUID defines its GUID."""
    return ['#include <initguid.h>'] + ['#include <%s>' % h for h in headers[:1]] + \
           ['#include <%s>' % h for h in extra] + \
           ['#include <%s>' % h for h in headers[1:]] + ['#include <stddef.h>']


CPP_HELPERS = r'''
#include <type_traits>
/* One number per type: sizeof * 1000 + kind bits (void: 0). */
template<class T, bool V = std::is_void<T>::value> struct probe_kind {
  static constexpr long long v = 1 + (long long)sizeof(T) * 1000
    + (std::is_pointer<T>::value ? 2 : 0) + (std::is_integral<T>::value ? 4 : 0)
    + (std::is_signed<T>::value ? 8 : 0) + (std::is_floating_point<T>::value ? 16 : 0)
    + (std::is_enum<T>::value ? 32 : 0) + (std::is_class<T>::value ? 64 : 0)
    + (std::is_lvalue_reference<T>::value ? 128 : 0)
    + (std::is_const<typename std::remove_reference<T>::type>::value ? 256 : 0);
};
template<class T> struct probe_kind<T, true> { static constexpr long long v = 0; };
struct probe_sig { long long v[24]; };
template<class R, class... A> constexpr probe_sig probe_fsig(R (*)(A...)) {
  return probe_sig{{ (long long)sizeof...(A), probe_kind<R>::v, probe_kind<A>::v... }};
}
template<class C, class R, class... A> constexpr probe_sig probe_msig(R (C::*)(A...)) {
  return probe_sig{{ (long long)sizeof...(A), probe_kind<R>::v, probe_kind<A>::v... }};
}
'''


def c_probe(decls, headers):
    p = Probe(cxx=False)
    p.headers = headers
    p.pre = ['#define COBJMACROS']
    p.post = ['#define PROBE_SLOT(T, m) (offsetof(T, m) / sizeof(void *))']
    for i, (iface, methods) in enumerate(sorted(decls.interfaces.items())):
        vt = iface + 'Vtbl'
        p.value('%s: slots' % iface, 'sizeof(%s) / sizeof(void *)' % vt)
        p.value('%s: sizeof' % iface, 'sizeof(%s)' % iface)
        p.value('%s: offsetof lpVtbl' % iface, 'offsetof(%s, lpVtbl)' % iface)
        for m in methods:
            p.value('%s::%s: slot' % (iface, m), 'PROBE_SLOT(%s, %s)' % (vt, m))
            p.value_ifdef('%s::%s: COBJMACROS %s_%s' % (iface, m, iface, m),
                          '%s_%s' % (iface, m), 1, 0)
    for n in decls.enums:
        p.value('const %s' % n, n)
    for n in sorted(decls.macros):
        p.value('const %s' % n, n)
    for t in decls.typedefs:
        p.value('sizeof(%s)' % t, 'sizeof(%s)' % t)
        p.value('signed(%s)' % t, '(%s)-1 < (%s)0' % (t, t))
    for s, fields in sorted(decls.structs.items()):
        for fld in list(dict.fromkeys(fields + EXTRA_FIELDS.get(s, []))):
            p.value('offsetof(%s, %s)' % (s, fld), 'offsetof(%s, %s)' % (s, fld))
    for fn in decls.functions:
        p.value_ifdef('declared %s' % fn, fn, 1, 'sizeof(&%s) > 0' % fn)
    for i, g in enumerate(decls.guids):
        p.obj('guid %s' % g, g, ['const void *const probe_ref_%d = &%s;' % (i, g)])
    return p


def cxx_probe(decls, headers):
    p = Probe(cxx=True)
    p.headers = headers
    p.post = [CPP_HELPERS]
    for i, (iface, methods) in enumerate(sorted(decls.interfaces.items())):
        p.value('%s: C++ sizeof' % iface, 'sizeof(%s)' % iface)
        p.value('%s: C++ abstract' % iface, 'std::is_abstract<%s>::value' % iface)
        p.value('%s: C++ derives from IUnknown' % iface,
                'std::is_base_of<IUnknown, %s>::value' % iface)
        for j, m in enumerate(methods):
            label = 'probe_pm_%d_%d' % (i, j)
            if m == 'QueryInterface':
                ref = ('static_cast<HRESULT (STDMETHODCALLTYPE %s::*)(REFIID, void **)>'
                       '(&%s::QueryInterface)' % (iface, iface))
            else:
                ref = '&%s::%s' % (iface, m)
            p.obj('%s::%s: C++ slot' % (iface, m), label,
                  ['auto %s = %s;' % (label, ref)])
            p.obj('%s::%s: signature' % (iface, m), label + '_sig',
                  ['probe_sig %s_sig = probe_msig(%s);' % (label, ref)])
    for i, fn in enumerate(decls.functions):
        label = 'probe_fn_%d' % i
        p.obj('function %s: signature' % fn, label,
              ['probe_sig %s = probe_fsig(&%s);' % (label, fn)])
    return p


def sig_text(b):
    v = [int.from_bytes(b[i:i + 8], 'little', signed=True) for i in range(0, len(b), 8)]
    if not v:
        return '?'
    n = v[0]
    kinds = v[1:n + 2]

    def k(x):
        if x == 0:
            return 'void'
        x -= 1
        size, bits = x // 1000, x % 1000
        names = [nm for bit, nm in ((2, 'ptr'), (4, 'int'), (8, 'signed'), (16, 'float'),
                                    (32, 'enum'), (64, 'struct'), (128, 'ref'),
                                    (256, 'const')) if bits & bit]
        return '%s%d' % ('/'.join(names) + ':' if names else '', size)
    return '%s(%s)' % (k(kinds[0]), ', '.join(k(x) for x in kinds[1:]))


# --------------------------------------------------------------- comparison
class Report:
    def __init__(self):
        self.problems = []
        self.notes = []

    def fail(self, msg):
        self.problems.append(msg)

    def note(self, msg):
        self.notes.append(msg)


def allowed(key):
    """The reason a fact (by key or by the name in it) may differ, or None."""
    if key in ALLOWED:
        return ALLOWED[key]
    for word in re.findall(r'[A-Za-z_]\w*', key):
        if word in ALLOWED:
            return ALLOWED[word]
    return None


def key_name(key):
    """The declared name a fact is about: 'IFoo::Bar: slot' -> 'IFoo',
    'const X' -> 'X', 'sizeof(T)' -> 'T', 'guid G' -> 'G'."""
    m = re.match(r'^(?:const|declared|guid|function) (\w+)', key) or \
        re.match(r'^(?:sizeof|signed|offsetof)\((\w+)', key) or re.match(r'^(\w+)', key)
    return m.group(1)


# Facts whose failure on OUR side only means "not that kind of thing": a
# typedef that is incomplete or not arithmetic, a bit-field, a macro that is
# not an integer constant.
QUIET_OURS = ('sizeof(', 'signed(', 'offsetof(', 'const ')


class Sides:
    """One probe's results on both sides."""

    def __init__(self, probe, ours, theirs):
        self.probe = probe
        (self.ov, self.oo, self.of), (self.mv, self.mo, self.mf) = ours, theirs


def sdk_only(rep, name, what, ours_value, fmt):
    """A name mingw-w64 lacks: fine if SDK_ONLY lists it and ours has the
    SDK's value."""
    if name not in SDK_ONLY:
        rep.fail('%s %s: we declare it, mingw-w64 does not (not in SDK_ONLY)' % (what, name))
        return False
    value, why = SDK_ONLY[name]
    if ours_value is not None and ours_value != value:
        rep.fail('%s %s: ours %s, the SDK %s (mingw-w64 lacks it)' %
                 (what, name, fmt(ours_value), fmt(value)))
        return False
    rep.note('%s %s: checked against the SDK value only (%s)' % (what, name, why))
    return True


def compare_c(rep, c, cxx, missing_ifaces):
    """The C probe's numbers; returns how many facts were compared."""
    n = 0
    for key, _, _ in c.probe.values:
        name = key_name(key)
        if name in missing_ifaces:
            continue
        if key in c.of:
            if not key.startswith(QUIET_OURS):
                rep.fail('%s: does not compile with OUR headers' % key)
            continue
        if key in c.mf:
            if key.startswith('declared '):
                if cxx is not None and ('function %s: signature' % name) not in cxx.mf:
                    rep.note('%s: mingw-w64 declares it for C++ only (ours in C too)' % name)
                    n += 1
                    continue
                if not allowed(key):
                    sdk_only(rep, name, 'function', None, str)
                continue
            why = allowed(key)
            if why:
                rep.note('%s: not in mingw-w64 (allowed: %s)' % (key, why))
            elif key.startswith('const '):
                if sdk_only(rep, name, 'constant', c.ov[key], hex_or_int):
                    n += 1
            elif key.startswith(('sizeof(', 'signed(', 'offsetof(')) and name in SDK_ONLY:
                continue
            else:
                rep.fail('%s: we declare it, mingw-w64 does not' % key)
            continue
        n += 1
        a, b = c.ov[key], c.mv[key]
        if a == b:
            continue
        if 'COBJMACROS' in key and a == 1:
            rep.note('%s: ours has it, mingw-w64 does not' % key)
            continue
        why = allowed(key)
        if why:
            rep.note('%s: ours %s, mingw-w64 %s (allowed: %s)' % (key, a, b, why))
        else:
            rep.fail('%s: ours %s, mingw-w64 %s' % (key, hex_or_int(a), hex_or_int(b)))
    return n


def hex_or_int(v):
    if isinstance(v, int) and (v < -9 or v > 9):
        return '%d (0x%x)' % (v, v & 0xffffffffffffffff if v < 0 else v)
    return str(v)


def compare_guids(rep, c):
    n = 0
    for key, label, _ in c.probe.objects:
        name = label
        if key in c.of:
            rep.fail('%s: does not compile with OUR headers' % key)
            continue
        ours = guid_str(c.oo.get(key, b''))
        if ours is None:
            rep.fail('%s: not defined by our headers under <initguid.h>' % key)
            continue
        ref = EXPECTED_GUIDS.get(name)
        if ref is not None and ours != ref:
            rep.fail('%s: ours {%s}, mf-reference.md {%s}' % (key, ours, ref))
        if key in c.mf:
            if sdk_only(rep, name, 'GUID', ours, lambda g: '{%s}' % g):
                n += 1
            continue
        theirs = guid_str(c.mo.get(key, b''))
        if theirs is None:
            # declared by mingw-w64 without a value (libuuid.a has it)
            if ref is not None:
                rep.note('%s: mingw-w64 declares it without a value; checked against '
                         'mf-reference.md' % key)
                n += 1
            elif name in SDK_ONLY:
                if sdk_only(rep, name, 'GUID', ours, lambda g: '{%s}' % g):
                    n += 1
            else:
                rep.fail('%s: mingw-w64 declares it without a value and no reference '
                         'value is known (add it to EXPECTED_GUIDS)' % key)
            continue
        n += 1
        if ours != theirs:
            rep.fail('%s: ours {%s}, mingw-w64 {%s}' % (key, ours, theirs))
    return n


def compare_cxx(rep, c, cx, missing_ifaces):
    n = compare_c(rep, Sides(cx.probe, (cx.ov, {}, cx.of), (cx.mv, {}, cx.mf)), None,
                  missing_ifaces)
    for key, label, _ in cx.probe.objects:
        name = key_name(key)
        if name in missing_ifaces:
            continue
        if key in cx.of:
            rep.fail('%s: does not compile with OUR headers (C++)' % key)
            continue
        if key in cx.mf:
            why = allowed(key)
            if why:
                rep.note('%s: not in mingw-w64 (allowed: %s)' % (key, why))
            elif key.startswith('function ') and ('declared ' + name) not in c.mf:
                rep.note('%s: mingw-w64 has it in C++ only as a macro, intrinsic or '
                         'overload' % key)
            elif key.startswith('function ') and name in SDK_ONLY:
                pass
            elif key.startswith('function '):
                pass                    # reported by the C comparison
            else:
                rep.fail('%s: we declare it, mingw-w64 does not (C++)' % key)
            continue
        a, b = cx.oo.get(key), cx.mo.get(key)
        if a is None or b is None:
            rep.fail('%s: %s not found in the assembly' %
                     (key, 'ours' if a is None else 'mingw-w64\'s'))
            continue
        n += 1
        if key.endswith('C++ slot'):
            sa = (int.from_bytes(a[:8], 'little') - 1) // 8
            sb = (int.from_bytes(b[:8], 'little') - 1) // 8
            c_slot = c.ov.get(key.replace('C++ slot', 'slot'))
            if sa != sb:
                rep.fail('%s: ours %d, mingw-w64 %d' % (key, sa, sb))
            if c_slot is not None and c_slot != sa:
                rep.fail('%s: %d, but slot %d in our C vtable' % (key, sa, c_slot))
        elif a != b:
            why = allowed(key)
            if why:
                rep.note('%s: ours %s, mingw-w64 %s (allowed: %s)' %
                         (key, sig_text(a), sig_text(b), why))
            else:
                rep.fail('%s: ours %s, mingw-w64 %s' % (key, sig_text(a), sig_text(b)))
    return n


def check_reference(rep, decls, c):
    for iface in REQUIRED_INTERFACES:
        if iface not in decls.interfaces:
            rep.fail('interface %s (mf-reference.md) missing from our headers' % iface)
        elif 'IID_' + iface not in decls.guids:
            rep.fail('IID_%s missing from our headers' % iface)
    for iface, n in EXPECTED_SLOTS.items():
        got = c.ov.get('%s: slots' % iface)
        if got is not None and got != n:
            rep.fail('%s: %d slots, mf-reference.md says %d' % (iface, got, n))
    for g in REQUIRED_GUIDS:
        if g not in decls.guids:
            rep.fail('GUID %s (mf-reference.md) missing from our headers' % g)
    for name, v in EXPECTED_CONSTANTS.items():
        got = c.ov.get('const ' + name)
        if got is None:
            rep.fail('constant %s (mf-reference.md) missing from our headers' % name)
        elif got != v:
            rep.fail('constant %s: ours %s, mf-reference.md says %s' %
                     (name, hex_or_int(got), hex_or_int(v)))
    for st in REQUIRED_STRUCTS:
        if c.ov.get('sizeof(%s)' % st) is None:
            rep.fail('struct %s missing from our headers' % st)


def check_missing_interfaces(rep, decls, missing_ifaces):
    """Interfaces mingw-w64 lacks: SDK_ONLY gives the parent and slot count;
    the parent's methods must come first, in its order."""
    for iface in sorted(missing_ifaces):
        if iface not in SDK_ONLY:
            rep.fail('interface %s: we declare it, mingw-w64 does not (not in SDK_ONLY)' % iface)
            continue
        (parent, slots), why = SDK_ONLY[iface]
        methods = decls.interfaces[iface]
        base = decls.interfaces.get(parent, [])
        if len(methods) != slots:
            rep.fail('interface %s: %d slots, the SDK %d' % (iface, len(methods), slots))
        elif not base or methods[:len(base)] != base:
            rep.fail('interface %s: does not start with the methods of %s' % (iface, parent))
        else:
            rep.note('interface %s: not in mingw-w64; %d slots, %s first (%s)' %
                     (iface, slots, parent, why))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--root', default=ROOT)
    ap.add_argument('--cc', default=os.environ.get('CC', 'cc'))
    ap.add_argument('--cxx', default=os.environ.get('CXX', 'g++'))
    ap.add_argument('--mingw-cc', default='x86_64-w64-mingw32-gcc')
    ap.add_argument('--mingw-cxx', default='x86_64-w64-mingw32-g++')
    ap.add_argument('--our-include', help='our headers (default ROOT/shim/include)')
    ap.add_argument('--keep', help='write the probes into this directory and keep them')
    ap.add_argument('--our-files', default='.*',
                    help='regex: which files of --our-include are read (self-test)')
    ap.add_argument('-v', '--verbose', action='store_true')
    args = ap.parse_args()

    our_inc = os.path.realpath(args.our_include or os.path.join(args.root, 'shim', 'include'))
    cc, cxx = shlex.split(args.cc), shlex.split(args.cxx)
    mcc, mcxx = shlex.split(args.mingw_cc), shlex.split(args.mingw_cxx)
    for tool in (mcc, mcxx):
        if not shutil.which(tool[0]):
            print('SKIP: %s not found (Debian: gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64)'
                  % tool[0])
            return 77
    if not shutil.which(cxx[0]):
        cxx = None

    work = args.keep or tempfile.mkdtemp(prefix='msess-abi-')
    os.makedirs(work, exist_ok=True)
    try:
        return compare(args, work, our_inc, cc, cxx, mcc, mcxx)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def compare(args, work, our_inc, cc, cxx, mcc, mcxx):
    rep = Report()
    present = [h for h in HEADERS if os.path.exists(os.path.join(our_inc, h))]
    for h in HEADERS + ['initguid.h']:
        if not os.path.exists(os.path.join(our_inc, h)):
            rep.fail('header <%s> missing from %s' % (h, our_inc))
    if rep.problems:
        print_report(rep, None)
        return 1

    inc_public = os.path.join(args.root, 'include')
    ours_c = Compiler('ours (C)', cc, '-std=c11', [our_inc, inc_public])
    mingw_c = Compiler('mingw-w64 (C)', mcc, '-std=c11', [], MINGW_DEFINES,
                       MINGW_EXTRA_HEADERS)
    ours_cxx = Compiler('ours (C++)', cxx, '-std=c++11', [our_inc, inc_public]) if cxx else None
    mingw_cxx = Compiler('mingw-w64 (C++)', mcxx, '-std=c++11', [], MINGW_DEFINES,
                         MINGW_EXTRA_HEADERS)

    # mingw-w64's headers must be there
    t = os.path.join(work, 'mingw-check.c')
    with open(t, 'w') as f:
        f.write('\n'.join(include_lines(HEADERS, MINGW_EXTRA_HEADERS)) + '\n')
    rc, _, err = mingw_c.asm(t, t + '.s')
    if rc:
        print('SKIP: mingw-w64 headers unusable (Debian: mingw-w64-x86-64-dev):\n' + err[:2000])
        return 77

    # What our headers declare
    src = os.path.join(work, 'decls.c')
    with open(src, 'w') as f:
        f.write('\n'.join(['#include <%s>' % h for h in present]) + '\n')
    rc, text, err = ours_c.preprocess(src, ['-dD'])
    if rc:
        rep.fail('our headers do not preprocess:\n' + err[:3000])
        print_report(rep, None)
        return 1

    def is_ours(path):
        p = os.path.realpath(path)
        return (os.path.dirname(p) == our_inc and os.path.basename(p) not in NOT_WINDOWS
                and re.fullmatch(args.our_files, os.path.basename(p)) is not None)

    code, macros = read_preprocessed(text, is_ours)
    decls = Decls()
    decls.parse(code)
    decls.macros = {k: v for k, v in macros.items()
                    if v is not None and v.strip() and not re.search(r'_H_*$', k)}
    for iface, extra in sorted(decls.vtbl_extra.items()):
        rep.fail('%sVtbl: fields that are not methods: %s' % (iface, '; '.join(extra)))

    # The four builds: ours first (fast), then mingw-w64's C probe without
    # what did not compile with ours (macros that are not constants), which
    # saves it rounds; the C++ probes meanwhile.
    cprobe = c_probe(decls, present)
    xprobe = cxx_probe(decls, present) if ours_cxx else None
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        try:
            fx = [pool.submit(xprobe.build, comp, work, stem, args.verbose)
                  for comp, stem in ((ours_cxx, 'probe-ours-cxx'),
                                     (mingw_cxx, 'probe-mingw-cxx'))] if xprobe else []
            ours = cprobe.build(ours_c, work, 'probe-ours', args.verbose)
            theirs = cprobe.build(mingw_c, work, 'probe-mingw', args.verbose, skip=ours[2])
            results = [ours, theirs] + [f.result() for f in fx]
        except RuntimeError as e:
            rep.fail(str(e))
            print_report(rep, None)
            return 1
    c = Sides(cprobe, results[0], results[1])
    cx = Sides(xprobe, results[2], results[3]) if xprobe else None
    if cx is None:
        rep.note('no native C++ compiler: C++ layout not compared')

    missing_ifaces = {i for i in decls.interfaces
                      if '%s: slots' % i not in c.of and '%s: slots' % i in c.mf}
    n_values = compare_c(rep, c, cx, missing_ifaces)
    n_guids = compare_guids(rep, c)
    n_cxx = compare_cxx(rep, c, cx, missing_ifaces) if cx else 0
    check_missing_interfaces(rep, decls, missing_ifaces)
    check_reference(rep, decls, c)
    n_uuid = check_uuidof(rep, ours_cxx, work, decls, present) if ours_cxx else 0

    consts = [n for n in decls.enums + sorted(decls.macros) if 'const ' + n not in c.of]
    methods = sum(len(m) for m in decls.interfaces.values())
    summary = ('%d interfaces, %d methods, %d GUIDs, %d constants compared '
               '(%d C facts, %d C++ facts, %d __uuidof at run time; %d typedefs, '
               '%d structs, %d functions; %d interfaces only in the SDK)' %
               (len(decls.interfaces), methods, n_guids, len(consts), n_values, n_cxx,
                n_uuid, len(decls.typedefs), len(decls.structs), len(decls.functions),
                len(missing_ifaces)))
    print_report(rep, summary, args.verbose)
    return 1 if rep.problems else 0


def check_uuidof(rep, comp, work, decls, headers):
    """Build and run a native C++ program comparing __uuidof(IFoo) with
    IID_IFoo for every interface that has both."""
    names = [i for i in sorted(decls.interfaces) if 'IID_' + i in decls.guids]
    src = os.path.join(work, 'uuidof.cpp')
    lines = include_lines(headers) + ['#include <stdio.h>', '#include <string.h>',
                                      'int main(void)', '{', '    int bad = 0;']
    for n in names:
        lines.append('    if (memcmp(&__uuidof(%s), &IID_%s, sizeof(GUID)) != 0) '
                     '{ printf("__uuidof(%s) != IID_%s\\n"); bad++; }' % (n, n, n, n))
    lines += ['    return bad ? 1 : 0;', '}']
    with open(src, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    exe = os.path.join(work, 'uuidof')
    rc, out, err = run(comp.cmd + comp.flags + [src, '-o', exe])
    if rc:
        rep.fail('__uuidof program does not build with our headers:\n' + err[:3000])
        return 0
    if not os.path.exists(exe):       # cross compiler (self-test): cannot run
        rep.note('__uuidof program built, not run (cross compiler)')
        return 0
    rc, out, err = run([exe])
    for line in out.splitlines():
        rep.fail(line)
    if rc and not out:
        rep.fail('__uuidof program failed (%d): %s' % (rc, err[:500]))
    return len(names)


def print_report(rep, summary, verbose=False):
    """Mismatches always; of the notes, the names checked against the SDK
    only and the allowed differences (the rest with -v)."""
    shown = [n for n in rep.notes if verbose or 'allowed' in n or 'SDK value only' in n
             or 'not in mingw-w64' in n or 'mf-reference.md' in n]
    for n in shown:
        print('note: ' + n)
    if len(rep.notes) > len(shown):
        print('(%d more notes, such as names mingw-w64 declares for C++ only: run with -v)'
              % (len(rep.notes) - len(shown)))
    for p in rep.problems:
        print('MISMATCH: ' + p)
    if summary:
        print(summary)
    print('%d mismatches' % len(rep.problems))


if __name__ == '__main__':
    sys.exit(main())

/* The output activates and the media sinks they make, outside a session, as
 * Windows answers (Wine's conformance tests dlls/mf/tests/mf.c
 * test_sample_grabber, test_sar, test_evr record Windows' results):
 *
 * sample grabber: argument checks; the activate holds the type; no
 * attributes; sink characteristics (FIXED_STREAMS, RATELESS with
 * IGNORE_CLOCK); one stream of id 0; stream lookups and fixed streams;
 * interfaces; events; the type handler; the presentation clock (set, get,
 * registered as its state sink, let go at Shutdown); ShutdownObject leaves
 * the sink alone but refuses a new activation; DetachObject E_NOTIMPL;
 * Shutdown: OnShutdown once, MF_E_SHUTDOWN after, the stream removed.
 *
 * video renderer: MF_ACTIVATE_VIDEO_WINDOW; activation without a display;
 * characteristics; the display control's defaults, argument checks and
 * round trips (no display needed); ShutdownObject shuts the sink down and
 * activating again gives the same sink.
 *
 * audio renderer: characteristics, IMFSimpleAudioVolume round trips (when
 * a sound device is there; else activation fails with
 * MF_E_NO_AUDIO_PLAYBACK_DEVICE, as on Windows).
 *
 * msess_mf_live_objects() returns to its start value. */
#include "rend-util.h"

/* MF_ACTIVATE_VIDEO_WINDOW (the SDK's mfidl.h), by value. */
static const GUID video_window_attr = {
    0x9a2dbbdd, 0xf57e, 0x4162, { 0x82, 0xb9, 0x68, 0x31, 0x37, 0x76, 0x82, 0xd3 }
};

static bool has_interface(void *obj, REFIID iid)
{
    IUnknown *unk = NULL;
    HRESULT hr = IUnknown_QueryInterface((IUnknown *)obj, iid, (void **)&unk);
    if (SUCCEEDED(hr))
        IUnknown_Release(unk);
    return SUCCEEDED(hr);
}

static void grabber_sink(rend_grabber *g, IMFMediaType *type)
{
    IMFActivate *a = NULL;
    IMFMediaSink *sink = NULL, *sink2 = NULL;
    IMFStreamSink *stream = NULL, *stream2 = NULL;
    DWORD flags = 0, count = 9, id = 9;
    CHECK_HR(MFCreateSampleGrabberSinkActivate(type, &g->iface, &a), S_OK);
    REQUIRE(a);
    UINT32 n = 9;
    CHECK_HR(IMFActivate_GetCount(a, &n), S_OK);
    CHECK(n == 0);
    CHECK_HR(IMFActivate_ActivateObject(a, &IID_IMFMediaSink, (void **)&sink), S_OK);
    REQUIRE(sink);
    CHECK_HR(IMFActivate_ActivateObject(a, &IID_IMFMediaSink, (void **)&sink2), S_OK);
    CHECK(sink2 == sink);
    if (sink2)
        IMFMediaSink_Release(sink2);
    CHECK_HR(IMFMediaSink_GetCharacteristics(sink, &flags), S_OK);
    CHECK(flags & MEDIASINK_FIXED_STREAMS);
    CHECK(!(flags & MEDIASINK_RATELESS));
    CHECK(has_interface(sink, &IID_IMFClockStateSink));
    CHECK(has_interface(sink, &IID_IMFMediaEventGenerator));
    CHECK(has_interface(sink, &IID_IMFGetService));
    CHECK(has_interface(sink, &IID_IMFRateSupport));
    CHECK(!has_interface(sink, &IID_IMFPresentationTimeSource));
    CHECK_HR(IMFMediaSink_GetStreamSinkCount(sink, &count), S_OK);
    CHECK(count == 1);
    CHECK_HR(IMFMediaSink_GetStreamSinkByIndex(sink, 1, &stream2), MF_E_INVALIDINDEX);
    CHECK_HR(IMFMediaSink_GetStreamSinkById(sink, 1, &stream2), MF_E_INVALIDSTREAMNUMBER);
    CHECK_HR(IMFMediaSink_AddStreamSink(sink, 1, NULL, &stream2), MF_E_STREAMSINKS_FIXED);
    CHECK_HR(IMFMediaSink_RemoveStreamSink(sink, 0), MF_E_STREAMSINKS_FIXED);
    CHECK_HR(IMFMediaSink_GetStreamSinkByIndex(sink, 0, &stream), S_OK);
    REQUIRE(stream);
    CHECK(has_interface(stream, &IID_IMFMediaEventGenerator));
    CHECK_HR(IMFStreamSink_GetIdentifier(stream, &id), S_OK);
    CHECK(id == 0);
    CHECK_HR(IMFStreamSink_GetMediaSink(stream, &sink2), S_OK);
    CHECK(sink2 == sink);
    if (sink2)
        IMFMediaSink_Release(sink2);

    /* events: none */
    IMFMediaEventGenerator *eg = NULL;
    IMFMediaEvent *ev = NULL;
    CHECK_HR(IMFMediaSink_QueryInterface(sink, &IID_IMFMediaEventGenerator, (void **)&eg), S_OK);
    CHECK_HR(IMFMediaEventGenerator_GetEvent(eg, MF_EVENT_FLAG_NO_WAIT, &ev),
             MF_E_NO_EVENTS_AVAILABLE);
    CHECK_HR(IMFStreamSink_GetEvent(stream, MF_EVENT_FLAG_NO_WAIT, &ev), MF_E_NO_EVENTS_AVAILABLE);

    /* the type handler */
    IMFMediaTypeHandler *h = NULL, *h2 = NULL;
    CHECK_HR(IMFStreamSink_GetMediaTypeHandler(stream, &h), S_OK);
    CHECK_HR(IMFStreamSink_QueryInterface(stream, &IID_IMFMediaTypeHandler, (void **)&h2), S_OK);
    CHECK(h && h == h2);
    if (h2)
        IMFMediaTypeHandler_Release(h2);
    GUID major = GUID_NULL;
    IMFMediaType *cur = NULL;
    CHECK_HR(IMFMediaTypeHandler_GetMediaTypeCount(h, &count), S_OK);
    CHECK(count == 0);
    CHECK_HR(IMFMediaTypeHandler_GetMediaTypeCount(h, NULL), E_POINTER);
    CHECK_HR(IMFMediaTypeHandler_GetMediaTypeByIndex(h, 0, &cur), MF_E_NO_MORE_TYPES);
    CHECK_HR(IMFMediaTypeHandler_GetMajorType(h, &major), S_OK);
    CHECK(IsEqualGUID(&major, &MFMediaType_Audio));
    CHECK_HR(IMFMediaTypeHandler_GetCurrentMediaType(h, &cur), S_OK);
    CHECK(cur == type);
    if (cur)
        IMFMediaType_Release(cur);
    IMFMediaType *other = rend_type(&MFMediaType_Audio, &MFAudioFormat_Float, 0, 0);
    IMFMediaType *empty = NULL;
    REQUIRE(SUCCEEDED(MFCreateMediaType(&empty)));
    CHECK_HR(IMFMediaTypeHandler_SetCurrentMediaType(h, empty), MF_E_INVALIDMEDIATYPE);
    CHECK_HR(IMFMediaTypeHandler_SetCurrentMediaType(h, other), MF_E_INVALIDMEDIATYPE);
    CHECK_HR(IMFMediaTypeHandler_IsMediaTypeSupported(h, other, NULL), MF_E_INVALIDMEDIATYPE);
    CHECK_HR(IMFMediaTypeHandler_IsMediaTypeSupported(h, NULL, NULL), E_POINTER);
    IMFMediaType *pcm = rend_type(&MFMediaType_Audio, &MFAudioFormat_PCM, 0, 0);
    IMFMediaType_SetUINT32(pcm, &MF_MT_AUDIO_SAMPLES_PER_SECOND, 44100);
    IMFMediaType *closest = (IMFMediaType *)(uintptr_t)0x1234;
    CHECK_HR(IMFMediaTypeHandler_IsMediaTypeSupported(h, pcm, &closest), S_OK);
    CHECK(closest == (IMFMediaType *)(uintptr_t)0x1234); /* left alone */
    CHECK_HR(IMFMediaTypeHandler_SetCurrentMediaType(h, pcm), S_OK);
    CHECK_HR(IMFMediaTypeHandler_GetCurrentMediaType(h, &cur), S_OK);
    CHECK(cur == pcm);
    if (cur)
        IMFMediaType_Release(cur);

    /* the clock: the sink keeps it and is its state sink until Shutdown */
    IMFPresentationClock *clock = NULL, *clock2 = NULL;
    IMFPresentationTimeSource *ts = NULL;
    CHECK_HR(IMFMediaSink_GetPresentationClock(sink, NULL), E_POINTER);
    CHECK_HR(IMFMediaSink_GetPresentationClock(sink, &clock2), MF_E_NO_CLOCK);
    CHECK_HR(IMFMediaSink_SetPresentationClock(sink, NULL), S_OK);
    REQUIRE(SUCCEEDED(MFCreatePresentationClock(&clock)));
    REQUIRE(SUCCEEDED(MFCreateSystemTimeSource(&ts)));
    CHECK_HR(IMFPresentationClock_SetTimeSource(clock, ts), S_OK);
    IMFPresentationTimeSource_Release(ts);
    ULONG before = rend_refs(clock);
    CHECK_HR(IMFMediaSink_SetPresentationClock(sink, clock), S_OK);
    CHECK(rend_refs(clock) == before + 1);
    CHECK(rend_grabber_count(g, RC_CLOCK_SET) == 1 && g->clock_seen == clock);
    CHECK_HR(IMFMediaSink_GetPresentationClock(sink, &clock2), S_OK);
    CHECK(clock2 == clock);
    if (clock2)
        IMFPresentationClock_Release(clock2);
    CHECK_HR(IMFPresentationClock_Start(clock, 0), S_OK);
    CHECK_HR(IMFPresentationClock_Pause(clock), S_OK);
    CHECK_HR(IMFPresentationClock_Stop(clock), S_OK);
    test_sleep_ms(50);
    char story[32];
    rend_grabber_story(g, story, sizeof(story));
    CHECK(!strcmp(story, "CSPT"));
    if (strcmp(story, "CSPT"))
        fprintf(stderr, "  clock calls: %s, want CSPT\n", story);

    /* ShutdownObject: the sink stays up; no activating again */
    CHECK_HR(IMFActivate_ShutdownObject(a), S_OK);
    CHECK_HR(IMFMediaSink_GetCharacteristics(sink, &flags), S_OK);
    CHECK_HR(IMFActivate_ActivateObject(a, &IID_IMFMediaSink, (void **)&sink2), MF_E_SHUTDOWN);
    CHECK_HR(IMFActivate_DetachObject(a), E_NOTIMPL);
    CHECK_HR(IMFActivate_GetCount(a, &n), S_OK);

    /* Shutdown */
    CHECK_HR(IMFMediaSink_Shutdown(sink), S_OK);
    CHECK(rend_refs(clock) == before);
    CHECK(rend_grabber_count(g, RC_SHUTDOWN) == 1);
    CHECK_HR(IMFMediaSink_Shutdown(sink), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaSink_GetCharacteristics(sink, &flags), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaSink_AddStreamSink(sink, 1, NULL, &stream2), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaSink_GetStreamSinkCount(sink, &count), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaSink_GetStreamSinkByIndex(sink, 0, &stream2), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaSink_SetPresentationClock(sink, clock), MF_E_SHUTDOWN);
    CHECK_HR(IMFMediaEventGenerator_GetEvent(eg, MF_EVENT_FLAG_NO_WAIT, &ev), MF_E_SHUTDOWN);
    CHECK_HR(IMFStreamSink_GetEvent(stream, MF_EVENT_FLAG_NO_WAIT, &ev), MF_E_STREAMSINK_REMOVED);
    CHECK_HR(IMFStreamSink_GetMediaSink(stream, &sink2), MF_E_STREAMSINK_REMOVED);
    id = 7;
    CHECK_HR(IMFStreamSink_GetIdentifier(stream, &id), MF_E_STREAMSINK_REMOVED);
    CHECK(id == 7);
    CHECK_HR(IMFMediaTypeHandler_IsMediaTypeSupported(h, NULL, NULL), MF_E_STREAMSINK_REMOVED);
    CHECK_HR(IMFMediaTypeHandler_SetCurrentMediaType(h, NULL), MF_E_STREAMSINK_REMOVED);
    CHECK_HR(IMFMediaTypeHandler_GetMediaTypeCount(h, &count), S_OK);
    CHECK_HR(IMFMediaTypeHandler_GetCurrentMediaType(h, NULL), E_POINTER);
    CHECK_HR(IMFMediaTypeHandler_GetCurrentMediaType(h, &cur), MF_E_STREAMSINK_REMOVED);
    CHECK_HR(IMFMediaTypeHandler_GetMajorType(h, &major), MF_E_STREAMSINK_REMOVED);
    CHECK_HR(IMFStreamSink_GetMediaTypeHandler(stream, &h2), MF_E_STREAMSINK_REMOVED);
    CHECK(rend_refs(g) == 1); /* let go of at ShutdownObject and Shutdown */

    IMFMediaTypeHandler_Release(h);
    IMFMediaEventGenerator_Release(eg);
    IMFStreamSink_Release(stream);
    IMFMediaSink_Release(sink);
    IMFActivate_Release(a);
    IMFPresentationClock_Release(clock);
    IMFMediaType_Release(other);
    IMFMediaType_Release(empty);
    IMFMediaType_Release(pcm);
}

static void grabber_activates(void)
{
    fprintf(stderr, "-- sample grabber\n");
    LONG live = msess_mf_live_objects();
    rend_grabber *g = rend_grabber_new(&MFMediaType_Audio);
    IMFMediaType *type = rend_type(&MFMediaType_Audio, &MFAudioFormat_PCM, 0, 0);
    IMFActivate *a = NULL;
    CHECK_HR(MFCreateSampleGrabberSinkActivate(NULL, NULL, &a), E_POINTER);
    CHECK_HR(MFCreateSampleGrabberSinkActivate(NULL, &g->iface, &a), E_POINTER);
    CHECK_HR(MFCreateSampleGrabberSinkActivate(type, &g->iface, NULL), E_POINTER);
    CHECK(rend_refs(type) == 1);
    CHECK_HR(MFCreateSampleGrabberSinkActivate(type, &g->iface, &a), S_OK);
    CHECK(rend_refs(type) == 2);
    IMFActivate_Release(a);
    CHECK(rend_refs(type) == 1 && rend_refs(g) == 1);

    grabber_sink(g, type);

    /* IGNORE_CLOCK: rateless */
    IMFMediaSink *sink = NULL;
    DWORD flags = 0;
    CHECK_HR(MFCreateSampleGrabberSinkActivate(type, &g->iface, &a), S_OK);
    CHECK_HR(IMFActivate_SetUINT32(a, &MF_SAMPLEGRABBERSINK_IGNORE_CLOCK, 1), S_OK);
    CHECK_HR(IMFActivate_ActivateObject(a, &IID_IMFMediaSink, (void **)&sink), S_OK);
    CHECK_HR(IMFMediaSink_GetCharacteristics(sink, &flags), S_OK);
    CHECK(flags & MEDIASINK_RATELESS);
    CHECK_HR(IMFActivate_ShutdownObject(a), S_OK);
    CHECK_HR(IMFMediaSink_Shutdown(sink), S_OK);
    IMFMediaSink_Release(sink);
    IMFActivate_Release(a);

    IMFMediaType_Release(type);
    CHECK(rend_refs(g) == 1);
    rend_grabber_free(g);
    CHECK(msess_mf_live_objects() == live);
}

/* ---- video renderer */

static void display_defaults(IMFVideoDisplayControl *dc, HWND window)
{
    HWND w = (HWND)(uintptr_t)1;
    DWORD mode = 0, prefs = 7;
    COLORREF color = 5;
    BOOL fs = TRUE;
    MFVideoNormalizedRect src;
    RECT dst = { 1, 2, 3, 4 };
    SIZE size = { 9, 9 }, ar = { 9, 9 };
    CHECK_HR(IMFVideoDisplayControl_GetVideoWindow(dc, &w), S_OK);
    CHECK(w == window);
    CHECK_HR(IMFVideoDisplayControl_GetVideoWindow(dc, NULL), E_POINTER);
    CHECK_HR(IMFVideoDisplayControl_GetRenderingPrefs(dc, &prefs), S_OK);
    CHECK(prefs == 0);
    CHECK_HR(IMFVideoDisplayControl_GetAspectRatioMode(dc, &mode), S_OK);
    CHECK(mode == (MFVideoARMode_PreservePicture | MFVideoARMode_PreservePixel));
    CHECK_HR(IMFVideoDisplayControl_GetAspectRatioMode(dc, NULL), E_POINTER);
    CHECK_HR(IMFVideoDisplayControl_GetBorderColor(dc, &color), S_OK);
    CHECK(color == 0);
    CHECK_HR(IMFVideoDisplayControl_GetFullscreen(dc, &fs), S_OK);
    CHECK(!fs);
    CHECK_HR(IMFVideoDisplayControl_GetVideoPosition(dc, &src, &dst), S_OK);
    CHECK(src.left == 0.0f && src.top == 0.0f && src.right == 1.0f && src.bottom == 1.0f);
    CHECK(dst.left == 0 && dst.top == 0 && dst.right == 0 && dst.bottom == 0);
    CHECK_HR(IMFVideoDisplayControl_GetVideoPosition(dc, NULL, &dst), E_POINTER);
    CHECK_HR(IMFVideoDisplayControl_GetVideoPosition(dc, &src, NULL), E_POINTER);
    CHECK_HR(IMFVideoDisplayControl_GetNativeVideoSize(dc, NULL, NULL), E_POINTER);
    CHECK_HR(IMFVideoDisplayControl_GetNativeVideoSize(dc, &size, &ar), S_OK);
    CHECK(size.cx == 0 && size.cy == 0 && ar.cx == 0 && ar.cy == 0);
    /* nothing shown yet */
    BITMAPINFOHEADER bih = { .biSize = sizeof(bih) };
    BYTE *dib = NULL;
    DWORD dib_size = 0;
    LONGLONG ts = 0;
    CHECK_HR(IMFVideoDisplayControl_GetCurrentImage(dc, &bih, &dib, &dib_size, &ts),
             MF_E_INVALIDREQUEST);
    bih.biSize = 12;
    CHECK_HR(IMFVideoDisplayControl_GetCurrentImage(dc, &bih, &dib, &dib_size, &ts), E_INVALIDARG);
    CHECK_HR(IMFVideoDisplayControl_GetCurrentImage(dc, NULL, &dib, &dib_size, &ts), E_POINTER);
}

static void display_round_trips(IMFVideoDisplayControl *dc)
{
    MFVideoNormalizedRect src = { 0.1f, 0.2f, 0.8f, 0.9f }, got;
    RECT dst = { 1, 2, 999, 1000 }, got_dst;
    CHECK_HR(IMFVideoDisplayControl_SetVideoPosition(dc, NULL, NULL), E_POINTER);
    CHECK_HR(IMFVideoDisplayControl_SetVideoPosition(dc, &src, NULL), S_OK);
    CHECK_HR(IMFVideoDisplayControl_SetVideoPosition(dc, NULL, &dst), S_OK);
    CHECK_HR(IMFVideoDisplayControl_GetVideoPosition(dc, &got, &got_dst), S_OK);
    CHECK(got.left == 0.1f && got.top == 0.2f && got.right == 0.8f && got.bottom == 0.9f);
    CHECK(got_dst.left == 1 && got_dst.top == 2 && got_dst.right == 999 && got_dst.bottom == 1000);
    MFVideoNormalizedRect bad[] = { { 0.0f, 0.0f, 2.0f, 1.0f }, { -0.1f, 0.0f, 0.9f, 1.0f },
                                    { 0.5f, 0.0f, 0.4f, 1.0f }, { 0.0f, 0.5f, 0.4f, 0.1f } };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        CHECK_HR(IMFVideoDisplayControl_SetVideoPosition(dc, &bad[i], NULL), E_INVALIDARG);
    RECT flipped = { 100, 1, 50, 1000 }, flipped2 = { 1, 100, 100, 50 };
    CHECK_HR(IMFVideoDisplayControl_SetVideoPosition(dc, NULL, &flipped), E_INVALIDARG);
    CHECK_HR(IMFVideoDisplayControl_SetVideoPosition(dc, NULL, &flipped2), E_INVALIDARG);
    CHECK_HR(IMFVideoDisplayControl_GetVideoPosition(dc, &got, &got_dst), S_OK);
    CHECK(got.left == 0.1f && got_dst.right == 999); /* unchanged by the refusals */

    DWORD mode = 0;
    CHECK_HR(IMFVideoDisplayControl_SetAspectRatioMode(dc, 0x100), E_INVALIDARG);
    CHECK_HR(IMFVideoDisplayControl_SetAspectRatioMode(dc, MFVideoARMode_Mask), S_OK);
    CHECK_HR(IMFVideoDisplayControl_GetAspectRatioMode(dc, &mode), S_OK);
    CHECK(mode == MFVideoARMode_Mask);
    CHECK_HR(IMFVideoDisplayControl_SetAspectRatioMode(dc, MFVideoARMode_None), S_OK);
    CHECK_HR(IMFVideoDisplayControl_GetAspectRatioMode(dc, &mode), S_OK);
    CHECK(mode == MFVideoARMode_None);

    COLORREF color = 0;
    CHECK_HR(IMFVideoDisplayControl_SetBorderColor(dc, 0x00123456), S_OK);
    CHECK_HR(IMFVideoDisplayControl_GetBorderColor(dc, &color), S_OK);
    CHECK(color == 0x00123456);
    DWORD prefs = 0;
    CHECK_HR(IMFVideoDisplayControl_SetRenderingPrefs(dc, 0x200), E_INVALIDARG);
    CHECK_HR(IMFVideoDisplayControl_SetRenderingPrefs(dc, MFVideoRenderPrefs_DoNotRenderBorder), S_OK);
    CHECK_HR(IMFVideoDisplayControl_GetRenderingPrefs(dc, &prefs), S_OK);
    CHECK(prefs == MFVideoRenderPrefs_DoNotRenderBorder);
    CHECK_HR(IMFVideoDisplayControl_RepaintVideo(dc), S_OK);
    SIZE min = { 9, 9 }, max = { 9, 9 };
    CHECK_HR(IMFVideoDisplayControl_GetIdealVideoSize(dc, NULL, NULL), E_POINTER);
    CHECK_HR(IMFVideoDisplayControl_GetIdealVideoSize(dc, &min, &max), S_OK);
}

static void video_renderer(void)
{
    fprintf(stderr, "-- video renderer\n");
    LONG live = msess_mf_live_objects();
    IMFActivate *a = NULL;
    CHECK_HR(MFCreateVideoRendererActivate(NULL, NULL), E_POINTER);
    HWND window = (HWND)(uintptr_t)0x4400012; /* a window id; nothing draws until a topology */
    CHECK_HR(MFCreateVideoRendererActivate(window, &a), S_OK);
    UINT64 value = 0;
    CHECK_HR(IMFActivate_GetUINT64(a, &video_window_attr, &value), S_OK);
    CHECK(value == 0x4400012);
    IMFActivate_Release(a);

    CHECK_HR(MFCreateVideoRendererActivate(NULL, &a), S_OK);
    UINT32 n = 0;
    CHECK_HR(IMFActivate_GetCount(a, &n), S_OK);
    CHECK(n == 1);
    value = 5;
    CHECK_HR(IMFActivate_GetUINT64(a, &video_window_attr, &value), S_OK);
    CHECK(value == 0);
    IMFMediaSink *sink = NULL, *sink2 = NULL;
    CHECK_HR(IMFActivate_ActivateObject(a, &IID_IMFMediaSink, (void **)&sink), S_OK);
    REQUIRE(sink);
    DWORD flags = 0;
    CHECK_HR(IMFMediaSink_GetCharacteristics(sink, &flags), S_OK);
    CHECK(flags == (MEDIASINK_CAN_PREROLL | MEDIASINK_CLOCK_REQUIRED));
    IMFStreamSink *stream = NULL;
    IMFMediaTypeHandler *h = NULL;
    IMFMediaType *t = NULL;
    GUID major;
    CHECK_HR(IMFMediaSink_GetStreamSinkById(sink, 0, &stream), S_OK);
    if (stream) {
        CHECK_HR(IMFStreamSink_GetMediaTypeHandler(stream, &h), S_OK);
        CHECK_HR(IMFMediaTypeHandler_GetMajorType(h, &major), S_OK);
        CHECK(IsEqualGUID(&major, &MFMediaType_Video));
        CHECK_HR(IMFMediaTypeHandler_GetCurrentMediaType(h, &t), MF_E_TRANSFORM_TYPE_NOT_SET);
        CHECK_HR(IMFMediaTypeHandler_GetMediaTypeByIndex(h, 0, NULL), MF_E_NO_MORE_TYPES);
        IMFMediaType *rgb = rend_type(&MFMediaType_Video, &MFVideoFormat_RGB32, 640, 480);
        IMFMediaType *closest = (IMFMediaType *)(uintptr_t)1;
        CHECK_HR(IMFMediaTypeHandler_IsMediaTypeSupported(h, rgb, &closest), S_OK);
        CHECK(closest == NULL);
        IMFMediaType_Release(rgb);
        IMFMediaTypeHandler_Release(h);
        IMFStreamSink_Release(stream);
    }

    IMFVideoDisplayControl *dc = NULL;
    IUnknown *unk = NULL;
    CHECK_HR(MFGetService((IUnknown *)sink, &MR_VIDEO_RENDER_SERVICE, &IID_IMFVideoDisplayControl,
                          (void **)&dc), S_OK);
    CHECK_HR(MFGetService((IUnknown *)sink, &MR_POLICY_VOLUME_SERVICE, &IID_IMFSimpleAudioVolume,
                          (void **)&unk), MF_E_UNSUPPORTED_SERVICE);
    CHECK_HR(MFGetService((IUnknown *)sink, &MF_RATE_CONTROL_SERVICE, &IID_IMFRateSupport,
                          (void **)&unk), S_OK);
    if (unk)
        IUnknown_Release(unk);
    if (dc) {
        display_defaults(dc, NULL);
        display_round_trips(dc);
    }

    /* ShutdownObject shuts the sink down; activating again gives it back */
    CHECK_HR(IMFActivate_ShutdownObject(a), S_OK);
    CHECK_HR(IMFMediaSink_GetCharacteristics(sink, &flags), MF_E_SHUTDOWN);
    CHECK_HR(IMFActivate_ActivateObject(a, &IID_IMFMediaSink, (void **)&sink2), S_OK);
    CHECK(sink2 == sink);
    if (sink2)
        IMFMediaSink_Release(sink2);
    CHECK_HR(IMFActivate_DetachObject(a), E_NOTIMPL);
    CHECK_HR(IMFActivate_ShutdownObject(a), S_OK);
    if (dc) {
        BOOL fs;
        CHECK_HR(IMFVideoDisplayControl_GetFullscreen(dc, &fs), MF_E_SHUTDOWN);
        CHECK_HR(IMFVideoDisplayControl_RepaintVideo(dc), MF_E_SHUTDOWN);
        IMFVideoDisplayControl_Release(dc);
    }
    CHECK_HR(MFGetService((IUnknown *)sink, &MR_VIDEO_RENDER_SERVICE, &IID_IMFVideoDisplayControl,
                          (void **)&dc), MF_E_SHUTDOWN);
    IMFActivate_Release(a);
    CHECK(rend_refs(sink) == 1);
    IMFMediaSink_Release(sink);
    CHECK(msess_mf_live_objects() == live);
}

/* ---- audio renderer */

static void audio_renderer(void)
{
    fprintf(stderr, "-- audio renderer\n");
    LONG live = msess_mf_live_objects();
    IMFActivate *a = NULL;
    CHECK_HR(MFCreateAudioRendererActivate(NULL), E_POINTER);
    CHECK_HR(MFCreateAudioRendererActivate(&a), S_OK);
    REQUIRE(a);
    IMFMediaSink *sink = NULL, *sink2 = NULL;
    HRESULT hr = IMFActivate_ActivateObject(a, &IID_IMFMediaSink, (void **)&sink);
    if (hr == MF_E_NO_AUDIO_PLAYBACK_DEVICE) {
        fprintf(stderr, "  no audio device: activation refused as on Windows\n");
        IMFActivate_Release(a);
        CHECK(msess_mf_live_objects() == live);
        return;
    }
    CHECK_HR(hr, S_OK);
    REQUIRE(sink);
    DWORD flags = 0;
    CHECK_HR(IMFMediaSink_GetCharacteristics(sink, &flags), S_OK);
    CHECK(flags == (MEDIASINK_FIXED_STREAMS | MEDIASINK_CAN_PREROLL));
    IMFSimpleAudioVolume *vol = NULL;
    IUnknown *unk = NULL;
    CHECK_HR(MFGetService((IUnknown *)sink, &MR_POLICY_VOLUME_SERVICE, &IID_IMFSimpleAudioVolume,
                          (void **)&vol), S_OK);
    CHECK_HR(MFGetService((IUnknown *)sink, &MR_VIDEO_RENDER_SERVICE, &IID_IMFVideoDisplayControl,
                          (void **)&unk), MF_E_UNSUPPORTED_SERVICE);
    if (vol) {
        float level = 0.0f;
        BOOL mute = TRUE;
        CHECK_HR(IMFSimpleAudioVolume_GetMasterVolume(vol, &level), S_OK);
        CHECK(level == 1.0f);
        CHECK_HR(IMFSimpleAudioVolume_GetMute(vol, &mute), S_OK);
        CHECK(!mute);
        CHECK_HR(IMFSimpleAudioVolume_SetMasterVolume(vol, 0.25f), S_OK);
        CHECK_HR(IMFSimpleAudioVolume_GetMasterVolume(vol, &level), S_OK);
        CHECK(level == 0.25f);
        CHECK_HR(IMFSimpleAudioVolume_SetMasterVolume(vol, 1.5f), E_INVALIDARG);
        CHECK_HR(IMFSimpleAudioVolume_SetMasterVolume(vol, -0.5f), E_INVALIDARG);
        CHECK_HR(IMFSimpleAudioVolume_GetMasterVolume(vol, NULL), E_POINTER);
        CHECK_HR(IMFSimpleAudioVolume_SetMute(vol, TRUE), S_OK);
        CHECK_HR(IMFSimpleAudioVolume_GetMute(vol, &mute), S_OK);
        CHECK(mute);
        CHECK_HR(IMFSimpleAudioVolume_GetMute(vol, NULL), E_POINTER);
    }
    CHECK_HR(IMFActivate_ShutdownObject(a), S_OK);
    CHECK_HR(IMFMediaSink_GetCharacteristics(sink, &flags), MF_E_SHUTDOWN);
    if (vol) {
        float level;
        CHECK_HR(IMFSimpleAudioVolume_GetMasterVolume(vol, &level), MF_E_SHUTDOWN);
        IMFSimpleAudioVolume_Release(vol);
    }
    CHECK_HR(IMFActivate_ActivateObject(a, &IID_IMFMediaSink, (void **)&sink2), S_OK);
    CHECK(sink2 == sink);
    if (sink2)
        IMFMediaSink_Release(sink2);
    CHECK_HR(IMFActivate_DetachObject(a), E_NOTIMPL);
    IMFActivate_Release(a);
    IMFMediaSink_Release(sink);
    CHECK(msess_mf_live_objects() == live);
}

int main(void)
{
    REQUIRE(SUCCEEDED(MFStartup(MF_VERSION, MFSTARTUP_FULL)));
    LONG live = msess_mf_live_objects();
    grabber_activates();
    video_renderer();
    audio_renderer();
    CHECK(msess_mf_live_objects() == live);
    MFShutdown();
    return rend_result();
}

/* The audio renderer in a media session playing av.mp4's audio (and its
 * video into a sample grabber): the session reaches the renderer's
 * IMFSimpleAudioVolume through MR_POLICY_VOLUME_SERVICE (round trips of
 * volume and mute while playing), the presentation runs to its end on the
 * audio clock, and the session's Shutdown shuts the renderer down. An
 * unknown MF_AUDIO_RENDERER_ATTRIBUTE_ENDPOINT_ID is refused with
 * MF_E_NO_AUDIO_PLAYBACK_DEVICE. msess_mf_live_objects() returns to its
 * start value. Skips (77) without a sound device. */
#include "rend-util.h"

int main(void)
{
    REQUIRE(SUCCEEDED(MFStartup(MF_VERSION, MFSTARTUP_FULL)));
    LONG live = msess_mf_live_objects();

    IMFActivate *sar = NULL;
    IMFMediaSink *sink = NULL;
    CHECK_HR(MFCreateAudioRendererActivate(&sar), S_OK);
    REQUIRE(sar);
    HRESULT hr = IMFActivate_ActivateObject(sar, &IID_IMFMediaSink, (void **)&sink);
    if (hr == MF_E_NO_AUDIO_PLAYBACK_DEVICE) {
        fprintf(stderr, "skip: no sound device\n");
        IMFActivate_Release(sar);
        MFShutdown();
        return SKIP_CODE;
    }
    CHECK_HR(hr, S_OK);
    if (sink)
        IMFMediaSink_Release(sink);

    /* an endpoint no device is named like */
    IMFActivate *bad = NULL;
    CHECK_HR(MFCreateAudioRendererActivate(&bad), S_OK);
    CHECK_HR(IMFActivate_SetString(bad, &MF_AUDIO_RENDERER_ATTRIBUTE_ENDPOINT_ID,
                                   L"{0.0.0.00000000}.{no-such-endpoint}"), S_OK);
    CHECK_HR(IMFActivate_ActivateObject(bad, &IID_IMFMediaSink, (void **)&sink),
             MF_E_NO_AUDIO_PLAYBACK_DEVICE);
    IMFActivate_Release(bad);

    rend_grabber *g = rend_grabber_new(&MFMediaType_Video);
    IMFMediaType *vt = rend_type(&MFMediaType_Video, &MFVideoFormat_RGB32, 0, 0);
    IMFActivate *grab = NULL;
    CHECK_HR(MFCreateSampleGrabberSinkActivate(vt, &g->iface, &grab), S_OK);
    IMFMediaSource *src = rend_open("av.mp4");
    IMFTopology *topo = rend_topology(src, (IUnknown *)grab, (IUnknown *)sar);
    IMFMediaSession *s = rend_session(topo);

    IMFSimpleAudioVolume *vol = NULL;
    CHECK_HR(MFGetService((IUnknown *)s, &MR_POLICY_VOLUME_SERVICE, &IID_IMFSimpleAudioVolume,
                          (void **)&vol), S_OK);
    int64_t t0 = rend_now_ms();
    rend_start(s, -1);
    if (vol) {
        float level = 0.0f;
        BOOL mute = TRUE;
        CHECK_HR(IMFSimpleAudioVolume_GetMasterVolume(vol, &level), S_OK);
        CHECK(level == 1.0f);
        CHECK_HR(IMFSimpleAudioVolume_SetMasterVolume(vol, 0.5f), S_OK);
        CHECK_HR(IMFSimpleAudioVolume_GetMasterVolume(vol, &level), S_OK);
        CHECK(level == 0.5f);
        CHECK_HR(IMFSimpleAudioVolume_GetMute(vol, &mute), S_OK);
        CHECK(!mute);
        CHECK_HR(IMFSimpleAudioVolume_SetMute(vol, TRUE), S_OK);
        CHECK_HR(IMFSimpleAudioVolume_GetMute(vol, &mute), S_OK);
        CHECK(mute);
        CHECK_HR(IMFSimpleAudioVolume_SetMute(vol, FALSE), S_OK);
    }
    HRESULT st = E_FAIL;
    IMFMediaEvent *ev = rend_wait(s, MESessionEnded, &st, 30000);
    CHECK(ev != NULL);
    if (ev) {
        CHECK_HR(st, S_OK);
        IMFMediaEvent_Release(ev);
    }
    int64_t ms = rend_now_ms() - t0;
    int samples = rend_grabber_samples(g);
    fprintf(stderr, "  played in %lld ms, %d video samples\n", (long long)ms, samples);
    CHECK(ms > 3000 && ms < 15000);
    CHECK(samples > 90);
    rend_close(s, src);
    if (vol) {
        float level;
        CHECK_HR(IMFSimpleAudioVolume_GetMasterVolume(vol, &level), MF_E_SHUTDOWN);
        IMFSimpleAudioVolume_Release(vol);
    }
    IMFMediaSession_Release(s);
    IMFTopology_Release(topo);
    IMFMediaSource_Release(src);
    IMFActivate_Release(grab);
    IMFActivate_Release(sar);
    IMFMediaType_Release(vt);
    CHECK(rend_refs(g) == 1);
    rend_grabber_free(g);
    CHECK(msess_mf_live_objects() == live);
    MFShutdown();
    return rend_result();
}

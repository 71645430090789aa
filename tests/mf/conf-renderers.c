/* Conformance with the real outputs (suite 'devices'): the services a
 * session gives for its renderers (reference section 3, "Services"):
 * MR_VIDEO_RENDER_SERVICE -> IMFVideoDisplayControl of the video renderer,
 * MR_POLICY_VOLUME_SERVICE -> IMFSimpleAudioVolume of the audio renderer;
 * then av2.mkv played to its end through them. Skips (77) without an X
 * display or a PulseAudio server. */
#include "mfconf.h"

#ifndef _WIN32
#include <sys/stat.h>
#endif

static bool have_devices(void)
{
#ifdef _WIN32
    return true;
#else
    const char *display = getenv("DISPLAY");
    if (!display || !*display)
        return false;
    const char *server = getenv("PULSE_SERVER");
    if (server && *server)
        return true;
    const char *runtime = getenv("XDG_RUNTIME_DIR");
    char path[512];
    struct stat st;
    snprintf(path, sizeof(path), "%s/pulse/native", runtime ? runtime : "/nonexistent");
    return stat(path, &st) == 0;
#endif
}

static HRESULT renderer_topology(IMFMediaSource *src, IMFPresentationDescriptor *pd,
                                 IMFTopology **out)
{
    DWORD count = 0;
    HRESULT hr = MFCreateTopology(out);
    if (SUCCEEDED(hr))
        hr = IMFPresentationDescriptor_GetStreamDescriptorCount(pd, &count);
    for (DWORD i = 0; SUCCEEDED(hr) && i < count; i++) {
        BOOL selected;
        IMFStreamDescriptor *sd = NULL;
        IMFActivate *act = NULL;
        IMFTopologyNode *in = NULL, *outn = NULL;
        GUID major = GUID_NULL;
        hr = IMFPresentationDescriptor_GetStreamDescriptorByIndex(pd, i, &selected, &sd);
        if (SUCCEEDED(hr))
            hr = conf_stream_major(sd, &major);
        if (SUCCEEDED(hr) && IsEqualGUID(&major, &MFMediaType_Audio))
            hr = MFCreateAudioRendererActivate(&act);
        else if (SUCCEEDED(hr) && IsEqualGUID(&major, &MFMediaType_Video))
            hr = MFCreateVideoRendererActivate(NULL, &act);
        if (SUCCEEDED(hr) && act && selected) {
            hr = conf_add_source_node(*out, src, pd, sd, 0, &in);
            if (SUCCEEDED(hr))
                hr = conf_add_output_node(*out, (IUnknown *)act, true, &outn);
            if (SUCCEEDED(hr))
                hr = IMFTopologyNode_ConnectOutput(in, 0, outn, 0);
        }
        if (sd)
            IMFStreamDescriptor_Release(sd);
        if (act)
            IMFActivate_Release(act);
        if (in)
            IMFTopologyNode_Release(in);
        if (outn)
            IMFTopologyNode_Release(outn);
    }
    return hr;
}

static void renderer_services(void)
{
    conf_play p;
    memset(&p, 0, sizeof(p));
    if (!CHECK_HR(conf_open("av2.mkv", &p.source, &p.pd), S_OK, "open av2.mkv") ||
        !CHECK_HR(renderer_topology(p.source, p.pd, &p.topology), S_OK, "renderer topology") ||
        !CHECK_HR(MFCreateMediaSession(NULL, &p.session), S_OK, "MFCreateMediaSession") ||
        !conf_play_ready(&p, __LINE__))
        goto out;

    IMFVideoDisplayControl *display = NULL;
    HRESULT hr = MFGetService((IUnknown *)p.session, &MR_VIDEO_RENDER_SERVICE,
                              &IID_IMFVideoDisplayControl, (void **)&display);
    CHECK_HR(hr, S_OK, "MFGetService(MR_VIDEO_RENDER_SERVICE, IMFVideoDisplayControl)");
    if (display) {
        SIZE size = { 0, 0 }, ar = { 0, 0 };
        hr = IMFVideoDisplayControl_GetNativeVideoSize(display, &size, &ar);
        CHECK_HR(hr, S_OK, "IMFVideoDisplayControl::GetNativeVideoSize");
        CHECK(size.cx == 320 && size.cy == 240, "native video size %ldx%ld, expected 320x240",
              (long)size.cx, (long)size.cy);
        IMFVideoDisplayControl_Release(display);
    }

    IMFSimpleAudioVolume *volume = NULL;
    hr = MFGetService((IUnknown *)p.session, &MR_POLICY_VOLUME_SERVICE, &IID_IMFSimpleAudioVolume,
                      (void **)&volume);
    CHECK_HR(hr, S_OK, "MFGetService(MR_POLICY_VOLUME_SERVICE, IMFSimpleAudioVolume)");
    if (volume) {
        float level = -1;
        BOOL mute = TRUE;
        CHECK_HR(IMFSimpleAudioVolume_SetMasterVolume(volume, 0.5f), S_OK, "SetMasterVolume(0.5)");
        CHECK_HR(IMFSimpleAudioVolume_GetMasterVolume(volume, &level), S_OK, "GetMasterVolume");
        CHECK(level == 0.5f, "GetMasterVolume: %g, expected 0.5", (double)level);
        CHECK_HR(IMFSimpleAudioVolume_SetMute(volume, TRUE), S_OK, "SetMute(TRUE)");
        CHECK_HR(IMFSimpleAudioVolume_GetMute(volume, &mute), S_OK, "GetMute");
        CHECK(mute == TRUE, "GetMute after SetMute(TRUE): %d", (int)mute);
        CHECK_HR(IMFSimpleAudioVolume_SetMute(volume, FALSE), S_OK, "SetMute(FALSE)");
        IMFSimpleAudioVolume_Release(volume);
    }

    long long started = conf_now_ms();
    if (!conf_play_start(&p, __LINE__))
        goto out;
    conf_events got = { 0 };
    EXPECT_SEQ(p.session, &got, "end of media through the renderers", EV(MEEndOfPresentation, S_OK),
               EVT(MF_TOPOSTATUS_ENDED), EV(MESessionCapabilitiesChanged, S_OK),
               EV(MESessionEnded, S_OK));
    conf_events_clear(&got);
    long long took = conf_now_ms() - started;
    CHECK(took >= 1900 && took <= 3500, "the 2 s clip played in %lld ms", took);
out:
    conf_play_close(&p);
}

int main(void)
{
    if (!have_devices()) {
        printf("no X display or PulseAudio server: skipped\n");
        return 77;
    }
    conf_init();
    CONF_CASE(renderer_services);
    return conf_done();
}

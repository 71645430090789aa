/* Audio output when msess is built without PortAudio: every entry point
 * fails with MSESS_ENOSYS, so programs link and can fall back. */
#include "core/sink.h"

void msess_audio_output_default_settings(msess_audio_output_settings *s)
{
    *s = (msess_audio_output_settings){ .volume = 1.0f };
}

int msess_audio_output_create(msess_sink **out, const msess_audio_output_settings *s)
{
    (void)s;
    if (out)
        *out = NULL;
    return MSESS_ENOSYS;
}

int msess_audio_output_set_volume(msess_sink *sink, float volume)
{
    (void)sink, (void)volume;
    return MSESS_ENOSYS;
}

float msess_audio_output_get_volume(const msess_sink *sink)
{
    (void)sink;
    return 0.0f;
}

int msess_audio_output_set_mute(msess_sink *sink, bool muted)
{
    (void)sink, (void)muted;
    return MSESS_ENOSYS;
}

bool msess_audio_output_get_mute(const msess_sink *sink)
{
    (void)sink;
    return false;
}

const char *msess_audio_output_device_name(int i)
{
    (void)i;
    return NULL;
}

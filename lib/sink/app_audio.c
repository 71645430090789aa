/* Application audio sink: the application pulls converted audio into its own
 * mixer. As a time source it reports what the application consumed, so the
 * clock (and with it the video) follows the game's audio. */
#include <string.h>

#include <libavutil/frame.h>
#include <libavutil/samplefmt.h>

#include "core/clock.h"
#include "core/sink.h"
#include "core/util.h"
#include "ff/ff.h"
#include "os/thread.h"

typedef struct app_audio {
    msess_app_audio_settings set;
    int bytes_per_frame;
    AVFrame *cur;            /* frame being read, and how far */
    int cur_off;
    uint32_t cur_gen;        /* flush generation cur came from */
    msess__mutex time_lock;
    uint64_t consumed;       /* sample frames handed to the application */
    bool ended;              /* past the last sample: time runs on the system clock */
    int64_t ended_at;        /* msess__now() when it ended */
} app_audio;

static int negotiate(msess_sink *s, const msess_media_type *in, msess_media_type *want)
{
    app_audio *aa = s->priv;
    (void)in;
    want->sample_rate = aa->set.sample_rate;
    want->channels = aa->set.channels;
    want->sample_format = aa->set.format;
    want->ff_format = msess__ff_to_sample(aa->set.format);
    return 0;
}

static msess_time consumed_ticks(const app_audio *aa)
{
    return msess__rescale((int64_t)aa->consumed, MSESS_TIME_PER_SECOND, aa->set.sample_rate);
}

static msess_time audio_now(void *userdata)
{
    app_audio *aa = userdata;
    msess__mutex_lock(&aa->time_lock);
    msess_time t = consumed_ticks(aa);
    if (aa->ended)
        t += msess__now() - aa->ended_at;
    msess__mutex_unlock(&aa->time_lock);
    return t;
}

static bool time_source(msess_sink *s, msess_time_source *out)
{
    *out = (msess_time_source){ audio_now, s->priv };
    return true;
}

static void set_ended(app_audio *aa, bool ended)
{
    msess__mutex_lock(&aa->time_lock);
    if (ended != aa->ended) {
        if (ended) {
            aa->ended_at = msess__now();
        } else {
            /* fold the system-clock stretch into consumed time */
            aa->consumed += (uint64_t)msess__rescale(msess__now() - aa->ended_at,
                                                     aa->set.sample_rate, MSESS_TIME_PER_SECOND);
        }
        aa->ended = ended;
    }
    msess__mutex_unlock(&aa->time_lock);
}

static int start(msess_sink *s)
{
    set_ended(s->priv, false);
    return 0;
}

static void stop(msess_sink *s)
{
    app_audio *aa = s->priv;
    msess__mutex_lock(&s->io_lock);
    av_frame_free(&aa->cur);
    aa->cur_off = 0;
    msess__mutex_unlock(&s->io_lock);
}

static void destroy(msess_sink *s)
{
    app_audio *aa = s->priv;
    av_frame_free(&aa->cur);
    msess__mutex_destroy(&aa->time_lock);
}

static const msess__sink_ops app_audio_ops = {
    .name = "app-audio",
    .priv_size = sizeof(app_audio),
    .negotiate = negotiate,
    .start = start,
    .stop = stop,
    .time_source = time_source,
    .destroy = destroy,
};

void msess_app_audio_default_settings(msess_app_audio_settings *s)
{
    *s = (msess_app_audio_settings){ .sample_rate = 48000, .channels = 2,
                                     .format = MSESS_SAMPLE_FLT, .queue_ms = 200 };
}

int msess_app_audio_sink_create(msess_sink **out, const msess_app_audio_settings *s)
{
    msess_app_audio_settings def;
    if (!s) {
        msess_app_audio_default_settings(&def);
        s = &def;
    }
    enum AVSampleFormat f = msess__ff_to_sample(s->format);
    if (s->sample_rate < 1000 || s->sample_rate > 768000 || s->channels < 1 ||
        s->channels > 16 || f == AV_SAMPLE_FMT_NONE || av_sample_fmt_is_planar(f) ||
        s->queue_ms < 10 || s->queue_ms > 10000)
        return MSESS_EINVAL;
    int ret = msess__sink_create(out, &app_audio_ops, MSESS_MEDIA_AUDIO);
    if (ret < 0)
        return ret;
    app_audio *aa = (*out)->priv;
    aa->set = *s;
    aa->bytes_per_frame = av_get_bytes_per_sample(f) * s->channels;
    msess__mutex_init(&aa->time_lock);
    /* Decoders hand out about 20 ms per frame (1024 samples at 48 kHz). */
    (*out)->queue_depth = (unsigned)MSESS__MAX(2, s->queue_ms / 20);
    (*out)->clocked = false;
    return 0;
}

static int read_locked(msess_sink *s, void *buf, int frames);

int msess_app_audio_read(msess_sink *s, void *buf, int frames)
{
    if (!s || s->ops != &app_audio_ops || (!buf && frames) || frames < 0)
        return MSESS_EINVAL;
    msess__mutex_lock(&s->io_lock);
    int ret = read_locked(s, buf, frames);
    msess__mutex_unlock(&s->io_lock);
    return ret;
}

static bool is_ended(app_audio *aa)
{
    msess__mutex_lock(&aa->time_lock);
    bool ended = aa->ended;
    msess__mutex_unlock(&aa->time_lock);
    return ended;
}

static int read_locked(msess_sink *s, void *buf, int frames)
{
    app_audio *aa = s->priv;
    if (is_ended(aa)) /* stays so after the session ends and detaches */
        return MSESS_EOF;
    msess__port *p = atomic_load(&s->port);
    if (!p || !s->clock || msess_clock_get_state(s->clock) != MSESS_CLOCK_RUNNING)
        return 0;
    uint8_t *dst = buf;
    int done = 0;
    bool eof = false;
    msess__mutex_lock(&p->lock);
    if (aa->cur && aa->cur_gen != p->q.gen) /* a seek flushed the port */
        av_frame_free(&aa->cur);
    while (done < frames) {
        if (!aa->cur) {
            msess__item *it = msess__fifo_peek(&p->q, 0);
            if (!it)
                break;
            if (it->flags & MSESS__ITEM_EOS) {
                msess__port_eos_reached_locked(p);
                msess__port *next = p->next;
                if (!next) {
                    eof = true;
                    break;
                }
                atomic_store(&s->port, next); /* under the old lock */
                msess__mutex_unlock(&p->lock);
                p = next;
                msess__mutex_lock(&p->lock);
                continue;
            }
            msess__item item;
            msess__fifo_pop(&p->q, &item);
            p->consumed++;
            p->last_end = item.pts + item.duration;
            aa->cur = item.ptr;
            aa->cur_off = 0;
            aa->cur_gen = item.gen;
        }
        int n = MSESS__MIN(frames - done, aa->cur->nb_samples - aa->cur_off);
        memcpy(dst + (size_t)done * aa->bytes_per_frame,
               aa->cur->data[0] + (size_t)aa->cur_off * aa->bytes_per_frame,
               (size_t)n * aa->bytes_per_frame);
        done += n;
        aa->cur_off += n;
        if (aa->cur_off == aa->cur->nb_samples) {
            msess__mutex_unlock(&p->lock);
            msess__sink_account(s, aa->cur, false);
            av_frame_free(&aa->cur);
            msess__mutex_lock(&p->lock);
        }
    }
    msess__mutex_unlock(&p->lock);
    msess__mutex_lock(&aa->time_lock);
    aa->consumed += (uint64_t)done;
    msess__mutex_unlock(&aa->time_lock);
    if (eof) {
        set_ended(aa, true);
        if (!done)
            return MSESS_EOF;
    }
    return done;
}

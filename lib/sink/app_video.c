/* Application video sink: the application pulls the frame due at its time. */
#include <libavutil/frame.h>

#include "core/sink.h"
#include "core/util.h"
#include "ff/ff.h"

typedef struct app_video {
    enum msess_pixel_format formats[16];
    int nb_formats;
    bool ended;          /* the last frame was taken (io_lock) */
} app_video;

/* Frames dropped in one acquire: at most the queue's depth. */
#define MAX_SKIP 32

static int negotiate(msess_sink *s, const msess_media_type *in, msess_media_type *want)
{
    app_video *av = s->priv;
    if (!av->nb_formats)
        return 0;
    for (int i = 0; i < av->nb_formats; i++)
        if (av->formats[i] == in->pixel_format && in->pixel_format != MSESS_PIX_OTHER)
            return 0;
    want->pixel_format = av->formats[0];
    want->ff_format = msess__ff_to_pix(av->formats[0]);
    return 0;
}

static int start(msess_sink *s)
{
    app_video *av = s->priv;
    msess__mutex_lock(&s->io_lock);
    av->ended = false;
    msess__mutex_unlock(&s->io_lock);
    return 0;
}

static const msess__sink_ops app_video_ops = {
    .name = "app-video",
    .priv_size = sizeof(app_video),
    .negotiate = negotiate,
    .start = start,
};

void msess_app_video_default_settings(msess_app_video_settings *s)
{
    *s = (msess_app_video_settings){ .formats = NULL, .queue_frames = 3 };
}

int msess_app_video_sink_create(msess_sink **out, const msess_app_video_settings *s)
{
    msess_app_video_settings def;
    if (!s) {
        msess_app_video_default_settings(&def);
        s = &def;
    }
    if (s->queue_frames < 1 || s->queue_frames > 32)
        return MSESS_EINVAL;
    int n = 0;
    for (; s->formats && s->formats[n] != MSESS_PIX_NONE; n++)
        if (n >= 16 || s->formats[n] < MSESS_PIX_YUV420P || s->formats[n] >= MSESS_PIX_OTHER)
            return MSESS_EINVAL;
    int ret = msess__sink_create(out, &app_video_ops, MSESS_MEDIA_VIDEO);
    if (ret < 0)
        return ret;
    app_video *av = (*out)->priv;
    for (int i = 0; i < n; i++)
        av->formats[i] = s->formats[i];
    av->nb_formats = n;
    (*out)->queue_depth = (unsigned)s->queue_frames;
    (*out)->clocked = true;
    return 0;
}

/* Walk over end-of-stream markers (moving on to the next topology's port).
 * Lock of *pp held; returns the head item or NULL. */
static msess__item *head(msess_sink *s, msess__port **pp, msess_time t, bool *eof)
{
    msess__port *p = *pp;
    *eof = false;
    for (;;) {
        msess__item *it = msess__fifo_peek(&p->q, 0);
        if (!it || !(it->flags & MSESS__ITEM_EOS))
            return it;
        if (!p->eos_rendered) {
            if (t != MSESS_TIME_NONE && p->last_end != MSESS_TIME_NONE && t < p->last_end)
                return NULL;
            msess__port_eos_reached_locked(p);
        }
        if (!p->next) {
            *eof = true;
            return NULL;
        }
        msess__port *next = p->next;
        atomic_store(&s->port, next); /* under the old lock: see presenter */
        msess__mutex_unlock(&p->lock);
        *pp = p = next;
        msess__mutex_lock(&p->lock);
    }
}

static int acquire_locked(msess_sink *s, msess_time t, msess_video_frame *out);

int msess_app_video_acquire(msess_sink *s, msess_time t, msess_video_frame *out)
{
    if (!s || !out || s->ops != &app_video_ops)
        return MSESS_EINVAL;
    msess__mutex_lock(&s->io_lock);
    int ret = acquire_locked(s, t, out);
    msess__mutex_unlock(&s->io_lock);
    return ret;
}

static int acquire_locked(msess_sink *s, msess_time t, msess_video_frame *out)
{
    app_video *av = s->priv;
    msess__port *p = atomic_load(&s->port);
    if (!p)
        return av->ended ? MSESS_EOF : MSESS_EAGAIN;
    msess__mutex_lock(&p->lock);
    bool eof;
    msess__item *it = head(s, &p, t, &eof);
    if (!it || (t != MSESS_TIME_NONE && it->pts > t)) {
        msess__mutex_unlock(&p->lock);
        av->ended |= eof;
        return eof ? MSESS_EOF : MSESS_EAGAIN;
    }
    /* Take the newest frame that is due; the ones before it are late.
     * All under one lock, so the decoder cannot slip frames in between. */
    AVFrame *late[MAX_SKIP];
    int nb_late = 0;
    msess__item item, *nx;
    msess__fifo_pop(&p->q, &item);
    p->consumed++;
    while (t != MSESS_TIME_NONE && nb_late < MAX_SKIP && (nx = msess__fifo_peek(&p->q, 0)) &&
           !(nx->flags & MSESS__ITEM_EOS) && nx->pts <= t) {
        late[nb_late++] = item.ptr;
        msess__fifo_pop(&p->q, &item);
        p->consumed++;
    }
    p->last_end = item.pts + item.duration;
    msess__mutex_unlock(&p->lock);
    for (int i = 0; i < nb_late; i++) {
        msess__sink_account(s, late[i], true);
        av_frame_free(&late[i]);
    }

    AVFrame *f = item.ptr;
    msess__sink_account(s, f, false);
    *out = (msess_video_frame){ .width = f->width, .height = f->height,
                                .format = msess__ff_pix(f->format), .ff_format = f->format,
                                .sample_aspect = { f->sample_aspect_ratio.num,
                                                   f->sample_aspect_ratio.den ? f->sample_aspect_ratio.den : 1 },
                                .pts = f->pts, .duration = MSESS__FDUR(f), .priv_ = f };
    for (int i = 0; i < 4; i++) {
        out->data[i] = f->data[i];
        out->linesize[i] = f->linesize[i];
    }
    return 0;
}

void msess_app_video_release(msess_sink *s, msess_video_frame *fr)
{
    (void)s;
    if (!fr || !fr->priv_)
        return;
    AVFrame *f = fr->priv_;
    av_frame_free(&f);
    fr->priv_ = NULL;
}

/* msess-play: command-line player on the msess API. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <msess/msess.h>

typedef struct options {
    const char *url;
    bool headless, fast, list, json;
    bool no_audio, no_video, no_border, fullscreen;
    double start, rate, volume;
    int loop, threads;
    int width, height, x, y; /* --geometry */
    const char *audio_device;
    enum msess_log_level log_level;
} options;

/* SDL keycodes, as the video output reports them. */
enum {
    KEY_RIGHT = 0x4000004F,
    KEY_LEFT = 0x40000050,
    KEY_DOWN = 0x40000051,
    KEY_UP = 0x40000052,
    KEY_ESCAPE = 27,
    KEY_QUIT = -1, /* window closed */
};

#define SEEK_STEP (5 * MSESS_TIME_PER_SECOND)
#define NB_KEYS 64

/* What the player measures while it plays. Keys come from the video
 * output's thread, frames from the presenter's: a single-producer ring
 * and atomics carry them to the main loop. */
typedef struct player {
    _Atomic int keys[NB_KEYS];
    _Atomic unsigned key_w, key_r;
    _Atomic int64_t start_call;      /* msess_system_time of the start call */
    _Atomic int64_t first_frame;     /* ... of the first frame shown */
    _Atomic int64_t seek_call;       /* pending seek: when asked, 0 if none */
    _Atomic int64_t seek_target;
    double seeks_ms[64];
    _Atomic unsigned nb_seeks;
} player;

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

static void usage(FILE *f)
{
    fprintf(f,
        "usage: msess-play [options] FILE|URL\n"
        "  --headless        null outputs presenting in real time\n"
        "  --fast            null outputs, no clock: as fast as it decodes\n"
        "  --start SECONDS   start position\n"
        "  --rate R          playback rate (0.0625 .. 16)\n"
        "  --loop N          play N more times, gaplessly (-1: forever)\n"
        "  --threads N       decoder threads (0: one per core)\n"
        "  --no-audio        do not play the audio\n"
        "  --no-video        do not show the video\n"
        "  --geometry WxH+X+Y  window size and position\n"
        "  --no-border       window without decorations\n"
        "  --fullscreen      start in full screen\n"
        "  --audio-device NAME  part of the audio device's name\n"
        "  --volume V        0 .. 100 (default 100)\n"
        "  --list            print the streams and exit\n"
        "  --json            print a JSON report on stdout at exit\n"
        "  -v, --verbose     more log output (repeat for more)\n"
        "  -h, --help        this text\n"
        "keys (in the window): space pause, left/right seek -/+5 s, up/down volume,\n"
        "      [ ] rate, f full screen, q quit\n");
}

static bool parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    return s[0] && !*end && !errno;
}

static bool parse_int(const char *s, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    *out = (int)v;
    return s[0] && !*end && !errno && v == *out;
}

/* WxH, optionally +X+Y */
static bool parse_geometry(const char *v, options *o)
{
    int w, h, x = -1, y = -1;
    char tail;
    int n = sscanf(v, "%dx%d+%d+%d%c", &w, &h, &x, &y, &tail);
    if ((n != 2 && n != 4) || w <= 0 || h <= 0 || w > 16384 || h > 16384)
        return false;
    o->width = w, o->height = h, o->x = x, o->y = y;
    return true;
}

static int parse_args(int argc, char **argv, options *o)
{
    *o = (options){ .rate = 1.0, .volume = 100, .x = -1, .y = -1, .log_level = MSESS_LOG_NONE };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        bool ok = true;
        if (!strcmp(a, "--headless")) o->headless = true;
        else if (!strcmp(a, "--fast")) o->fast = true;
        else if (!strcmp(a, "--list")) o->list = true;
        else if (!strcmp(a, "--json")) o->json = true;
        else if (!strcmp(a, "--no-audio")) o->no_audio = true;
        else if (!strcmp(a, "--no-video")) o->no_video = true;
        else if (!strcmp(a, "--no-border")) o->no_border = true;
        else if (!strcmp(a, "--fullscreen")) o->fullscreen = true;
        else if (!strcmp(a, "--geometry")) ok = v && parse_geometry(v, o), i++;
        else if (!strcmp(a, "--audio-device")) ok = v != NULL, o->audio_device = v, i++;
        else if (!strcmp(a, "--volume")) ok = v && parse_double(v, &o->volume) && o->volume >= 0 && o->volume <= 100, i++;
        else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) o->log_level++;
        else if (!strcmp(a, "-h") || !strcmp(a, "--help")) { usage(stdout); exit(0); }
        else if (!strcmp(a, "--start")) ok = v && parse_double(v, &o->start) && o->start >= 0, i++;
        else if (!strcmp(a, "--rate")) ok = v && parse_double(v, &o->rate) && o->rate > 0, i++;
        else if (!strcmp(a, "--loop")) ok = v && parse_int(v, &o->loop) && o->loop >= -1, i++;
        else if (!strcmp(a, "--threads")) ok = v && parse_int(v, &o->threads) && o->threads >= 0, i++;
        else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "msess-play: unknown option '%s'\n", a);
            return -1;
        } else if (!o->url) o->url = a;
        else {
            fprintf(stderr, "msess-play: more than one input given\n");
            return -1;
        }
        if (!ok) {
            fprintf(stderr, "msess-play: bad or missing value for %s\n", a);
            return -1;
        }
    }
    if (!o->url && !o->list) {
        fprintf(stderr, "msess-play: no input given\n");
        return -1;
    }
    if (!o->url) {
        fprintf(stderr, "msess-play: --list needs an input\n");
        return -1;
    }
    return 0;
}

static double secs(msess_time t)
{
    return t == MSESS_TIME_NONE ? -1.0 : (double)t / MSESS_TIME_PER_SECOND;
}

static void list_streams(const msess_source *src)
{
    double dur = secs(msess_source_duration(src));
    printf("format: %s, duration: %.3f s, seekable: %s\n", msess_source_format_name(src),
           dur, msess_source_seekable(src) ? "yes" : "no");
    const char *k, *v;
    for (unsigned i = 0; !msess_source_metadata_at(src, i, &k, &v); i++)
        printf("  %s: %s\n", k, v);
    for (unsigned i = 0; i < msess_source_stream_count(src); i++) {
        msess_stream_info si;
        if (msess_source_stream_info(src, i, &si))
            continue;
        printf("stream %u: %s %s", i, msess_media_kind_name(si.type.kind), si.type.codec);
        if (si.type.kind == MSESS_MEDIA_VIDEO)
            printf(" %dx%d %.3f fps", si.type.width, si.type.height,
                   si.type.frame_rate.den ? (double)si.type.frame_rate.num / si.type.frame_rate.den : 0);
        else if (si.type.kind == MSESS_MEDIA_AUDIO)
            printf(" %d Hz %d ch", si.type.sample_rate, si.type.channels);
        if (si.duration != MSESS_TIME_NONE)
            printf(" %.3f s", secs(si.duration));
        if (si.language)
            printf(" [%s]", si.language);
        if (si.attached_picture)
            printf(" (attached picture)");
        if (si.rotation)
            printf(" rotated %d", si.rotation);
        printf("%s\n", msess_source_stream_selected(src, i) ? " (selected)" : "");
    }
}

/* Event log kept for the JSON report. */
typedef struct report {
    char events[8192];
    size_t len;
    bool error;
    char message[300];
} report;

static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static void note_event(report *r, const msess_event *ev)
{
    const char *name = msess_event_type_name(ev->type);
    char item[96];
    if (ev->type == MSESS_EVENT_TOPOLOGY_STATUS) {
        const char *st = ev->topology_status == MSESS_TOPOSTATUS_READY ? "ready"
                       : ev->topology_status == MSESS_TOPOSTATUS_STARTED_SOURCE ? "started-source"
                       : ev->topology_status == MSESS_TOPOSTATUS_SINK_SWITCHED ? "sink-switched"
                       : ev->topology_status == MSESS_TOPOSTATUS_ENDED ? "ended" : "invalid";
        snprintf(item, sizeof(item), "%s\"%s:%s\"", r->len ? "," : "", name, st);
    } else if (ev->status < 0) {
        snprintf(item, sizeof(item), "%s\"%s:%s\"", r->len ? "," : "", name,
                 msess_error_name(ev->status));
    } else {
        snprintf(item, sizeof(item), "%s\"%s\"", r->len ? "," : "", name);
    }
    size_t n = strlen(item);
    if (r->len + n < sizeof(r->events)) {
        memcpy(r->events + r->len, item, n + 1);
        r->len += n;
    }
    if (ev->type == MSESS_EVENT_WARNING)
        return;
    if ((ev->status < 0 || ev->type == MSESS_EVENT_ERROR) && !r->error) {
        r->error = true;
        snprintf(r->message, sizeof(r->message), "%s", ev->message[0] ? ev->message
                                                                     : msess_strerror(ev->status));
    }
}

/* Wait for an event of `type` (or any failure); returns 0 when it came. */
static int wait_for(msess_session *s, report *r, enum msess_event_type type,
                    enum msess_topology_status want_status)
{
    for (;;) {
        msess_event ev;
        int ret = msess_session_get_event(s, &ev, 200);
        if (ret == MSESS_EAGAIN) {
            if (interrupted)
                return MSESS_ESHUTDOWN;
            continue;
        }
        if (ret < 0)
            return ret;
        note_event(r, &ev);
        bool match = ev.type == type &&
                     (type != MSESS_EVENT_TOPOLOGY_STATUS || ev.topology_status == want_status);
        int status = ev.type == MSESS_EVENT_WARNING ? 0
                   : ev.status < 0 ? ev.status : (ev.type == MSESS_EVENT_ERROR ? -1 : 0);
        if (ev.type == MSESS_EVENT_WARNING)
            fprintf(stderr, "msess-play: warning: %s\n", ev.message);
        msess_event_clear(&ev);
        if (status < 0)
            return status;
        if (match)
            return 0;
    }
}

static void stream_json(FILE *f, const char *kind, const msess_sink *sink, bool *first)
{
    if (!sink)
        return;
    msess_sink_stats st;
    msess_sink_get_stats(sink, &st);
    fprintf(f, "%s{\"type\":\"%s\"", *first ? "" : ",", kind);
    if (!strcmp(kind, "video"))
        fprintf(f, ",\"frames_decoded\":%llu,\"frames_presented\":%llu,\"frames_dropped\":%llu",
                (unsigned long long)st.frames_received, (unsigned long long)st.frames_presented,
                (unsigned long long)st.frames_dropped);
    else
        fprintf(f, ",\"frames\":%llu,\"samples_rendered\":%llu,\"sample_rate\":%d",
                (unsigned long long)st.frames_presented, (unsigned long long)st.samples_rendered,
                st.sample_rate);
    fprintf(f, ",\"first_pts\":%.6f,\"last_pts\":%.6f,\"end_time\":%.6f}",
            secs(st.first_pts), secs(st.last_pts), secs(st.end_time));
    *first = false;
}

static void on_key(void *ud, const msess_video_output_event *ev)
{
    player *pl = ud;
    unsigned w = atomic_load(&pl->key_w);
    if (w - atomic_load(&pl->key_r) >= NB_KEYS)
        return; /* the main loop is far behind: drop the key */
    atomic_store(&pl->keys[w % NB_KEYS], ev->quit ? KEY_QUIT : ev->key);
    atomic_store(&pl->key_w, w + 1);
}

static bool next_key(player *pl, int *key)
{
    unsigned r = atomic_load(&pl->key_r);
    if (r == atomic_load(&pl->key_w))
        return false;
    *key = atomic_load(&pl->keys[r % NB_KEYS]);
    atomic_store(&pl->key_r, r + 1);
    return true;
}

/* On the presenter's thread: first frame after the start, and after seeks. */
static void on_frame(void *ud, const msess_frame_info *fi)
{
    player *pl = ud;
    if (fi->dropped)
        return;
    int64_t now = msess_system_time(NULL);
    int64_t zero = 0;
    atomic_compare_exchange_strong(&pl->first_frame, &zero, now);
    /* a seek ends when the frame at its target shows (frames of the old
     * position, before or after it, do not count) */
    int64_t call = atomic_load(&pl->seek_call);
    msess_time target = atomic_load(&pl->seek_target);
    bool at_target = fi->pts <= target &&
                     (fi->pts + fi->duration > target || target - fi->pts < MSESS_TIME_PER_SECOND / 10);
    if (call && at_target && atomic_compare_exchange_strong(&pl->seek_call, &call, 0)) {
        unsigned n = atomic_load(&pl->nb_seeks);
        if (n < 64) {
            pl->seeks_ms[n] = (double)(now - call) / MSESS_TIME_PER_MS;
            atomic_store(&pl->nb_seeks, n + 1);
        }
    }
}

static void seek_to(msess_session *s, player *pl, msess_time pos)
{
    msess_time dur = msess_session_get_duration(s);
    if (pos < 0)
        pos = 0;
    if (dur != MSESS_TIME_NONE && pos > dur)
        pos = dur;
    atomic_store(&pl->seek_target, pos);
    atomic_store(&pl->seek_call, msess_system_time(NULL));
    msess_session_start(s, pos);
}

/* Act on a key; false to quit. */
static bool handle_key(msess_session *s, player *pl, int key, bool *paused,
                       msess_sink *asink, msess_sink *vsink, bool *fullscreen)
{
    msess_time pos = 0;
    double rate = 1.0;
    switch (key) {
    case 'q':
    case KEY_ESCAPE:
    case KEY_QUIT:
        return false;
    case ' ':
        if (*paused)
            msess_session_start(s, MSESS_TIME_NONE);
        else
            msess_session_pause(s);
        *paused = !*paused;
        break;
    case KEY_LEFT:
    case KEY_RIGHT:
        msess_session_get_position(s, &pos);
        seek_to(s, pl, pos + (key == KEY_LEFT ? -SEEK_STEP : SEEK_STEP));
        *paused = false; /* a start at a position plays, paused or not */
        break;
    case KEY_UP:
    case KEY_DOWN: {
        float v = msess_audio_output_get_volume(asink) + (key == KEY_UP ? 0.1f : -0.1f);
        msess_audio_output_set_volume(asink, v < 0 ? 0 : v > 1 ? 1 : v);
        break;
    }
    case '[':
    case ']':
        msess_session_get_rate(s, &rate);
        rate *= key == ']' ? 1.25 : 0.8;
        if (msess_session_is_rate_supported(s, rate, &rate) == 0 || rate > 0)
            msess_session_set_rate(s, rate);
        break;
    case 'f':
        *fullscreen = !*fullscreen;
        msess_video_output_set_fullscreen(vsink, *fullscreen);
        break;
    default:
        break;
    }
    return true;
}

static void status_line(msess_session *s, msess_sink *asink, msess_sink *vsink)
{
    msess_time pos = 0, dur = msess_session_get_duration(s);
    double rate = 1.0;
    msess_session_get_position(s, &pos);
    msess_session_get_rate(s, &rate);
    msess_sink_stats st = { 0 };
    msess_sync_stats sy = { 0 };
    if (vsink) {
        msess_sink_get_stats(vsink, &st);
        msess_sink_get_sync_stats(vsink, &sy);
    }
    float vol = asink ? msess_audio_output_get_volume(asink) : 0;
    fprintf(stderr, "\r%8.2f / %.2f s  A-V %+6.1f ms  dropped %llu  %.2fx  vol %3.0f%%  ",
            secs(pos), secs(dur), sy.mean_ms, (unsigned long long)st.frames_dropped, rate,
            vol * 100.0);
    fflush(stderr);
}

/* Until the end, an error, q or a signal: events, keys and the status line. */
static void play(msess_session *s, report *rep, player *pl, const options *o,
                 msess_sink *asink, msess_sink *vsink)
{
    bool paused = false, fullscreen = o->fullscreen;
    bool tty = isatty(2) && !o->fast && !o->headless;
    int64_t next_status = 0;
    for (;;) {
        msess_event ev;
        int ret = msess_session_get_event(s, &ev, 50);
        if (ret == 0) {
            note_event(rep, &ev);
            enum msess_event_type type = ev.type;
            int status = ev.status;
            if (type == MSESS_EVENT_WARNING)
                fprintf(stderr, "%smsess-play: warning: %s\n", tty ? "\n" : "", ev.message);
            msess_event_clear(&ev);
            if (type == MSESS_EVENT_ENDED || type == MSESS_EVENT_ERROR ||
                (status < 0 && type != MSESS_EVENT_WARNING))
                break;
        } else if (ret != MSESS_EAGAIN) {
            break;
        }
        if (interrupted)
            break;
        int key;
        bool quit = false;
        while (!quit && next_key(pl, &key))
            quit = !handle_key(s, pl, key, &paused, asink, vsink, &fullscreen);
        if (quit)
            break;
        int64_t now = msess_system_time(NULL);
        if (tty && now >= next_status) {
            status_line(s, asink, vsink);
            next_status = now + 250 * MSESS_TIME_PER_MS;
        }
    }
    if (tty)
        fputc('\n', stderr);
}

static void player_json(FILE *f, const player *pl, const msess_sink *vsink,
                        const msess_sink *asink)
{
    msess_sync_stats sy = { 0 };
    if (vsink)
        msess_sink_get_sync_stats(vsink, &sy);
    fprintf(f, ",\"av_sync\":{\"frames\":%llu,\"median_ms\":%.3f,\"p99_ms\":%.3f,"
               "\"max_ms\":%.3f,\"mean_ms\":%.3f}",
            (unsigned long long)sy.count, sy.median_ms, sy.p99_ms, sy.max_ms, sy.mean_ms);
    int64_t a = atomic_load(&pl->start_call), b = atomic_load(&pl->first_frame);
    fprintf(f, ",\"startup_ms\":%.3f", a && b ? (double)(b - a) / MSESS_TIME_PER_MS : -1.0);
    fprintf(f, ",\"seeks_ms\":[");
    for (unsigned i = 0; i < atomic_load(&pl->nb_seeks); i++)
        fprintf(f, "%s%.3f", i ? "," : "", pl->seeks_ms[i]);
    fprintf(f, "]");
    if (asink && !strcmp(msess_sink_name(asink), "portaudio")) /* an audio output */
        fprintf(f, ",\"volume\":%d", (int)lrintf(msess_audio_output_get_volume(asink) * 100));
}

int main(int argc, char **argv)
{
    options o;
    if (parse_args(argc, argv, &o) < 0) {
        usage(stderr);
        return 2;
    }
    msess_logger log = { msess_log_stderr, "msess-play", o.log_level };
    report rep = { 0 };
    msess_source_settings ss;
    msess_source_default_settings(&ss);
    ss.log = log;
    msess_source *src = NULL;
    int ret = msess_source_open(&src, o.url, &ss);
    if (ret < 0) {
        fprintf(stderr, "msess-play: cannot open '%s': %s\n", o.url, msess_strerror(ret));
        if (o.json) {
            printf("{\"events\":[],\"streams\":[],\"duration\":-1,\"result\":\"error\",\"error\":");
            char msg[512];
            snprintf(msg, sizeof(msg), "cannot open '%s': %s", o.url, msess_strerror(ret));
            json_string(stdout, msg);
            printf("}\n");
        }
        return 1;
    }
    if (o.list) {
        list_streams(src);
        msess_source_destroy(&src);
        return 0;
    }
    msess_null_sink_settings ns;
    msess_null_sink_default_settings(&ns);
    ns.clocked = !o.fast;
    msess_sink *vsink = NULL, *asink = NULL;
    bool has_video = !o.no_video && msess_source_find_stream(src, MSESS_MEDIA_VIDEO) >= 0;
    bool has_audio = !o.no_audio && msess_source_find_stream(src, MSESS_MEDIA_AUDIO) >= 0;
    bool real = !o.headless && !o.fast;
    if (real && has_audio) {
        msess_audio_output_settings as;
        msess_audio_output_default_settings(&as);
        as.device = o.audio_device;
        as.volume = (float)(o.volume / 100.0);
        int r = msess_audio_output_create(&asink, &as);
        if (r < 0) {
            fprintf(stderr, "msess-play: no audio output (%s): playing without sound\n",
                    msess_strerror(r));
            note_event(&rep, &(msess_event){ .type = MSESS_EVENT_WARNING, .status = r });
        }
    }
    if (real && has_video) {
        msess_video_output_settings vs;
        msess_video_output_default_settings(&vs);
        vs.title = o.url;
        vs.width = o.width, vs.height = o.height, vs.x = o.x, vs.y = o.y;
        vs.borderless = o.no_border;
        vs.fullscreen = o.fullscreen;
        int r = msess_video_output_create(&vsink, &vs);
        if (r < 0) {
            fprintf(stderr, "msess-play: no video output (%s): playing without picture\n",
                    msess_strerror(r));
            note_event(&rep, &(msess_event){ .type = MSESS_EVENT_WARNING, .status = r });
        }
    }
    ns.kind = MSESS_MEDIA_VIDEO;
    if (has_video && !vsink)
        msess_null_sink_create(&vsink, &ns);
    ns.kind = MSESS_MEDIA_AUDIO;
    if (has_audio && !asink)
        msess_null_sink_create(&asink, &ns);

    static player pl;
    msess_topology *topo = NULL;
    msess_session *sess = NULL;
    ret = msess_topology_create_simple(&topo, src, vsink, asink);
    if (ret < 0) {
        snprintf(rep.message, sizeof(rep.message), "no playable audio or video stream in '%s'", o.url);
        rep.error = true;
        goto done;
    }
    msess_topology_set_loop(topo, o.loop);

    msess_session_settings set;
    msess_session_default_settings(&set);
    set.log = log;
    set.decoder_threads = o.threads;
    if ((ret = msess_session_create(&sess, &set)) < 0) {
        snprintf(rep.message, sizeof(rep.message), "cannot create the session: %s", msess_strerror(ret));
        rep.error = true;
        goto done;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);

    msess_session_set_topology(sess, 0, topo);
    if (wait_for(sess, &rep, MSESS_EVENT_TOPOLOGY_STATUS, MSESS_TOPOSTATUS_READY) < 0)
        goto close;
    if (o.rate != 1.0) {
        msess_session_set_rate(sess, o.rate);
        if (wait_for(sess, &rep, MSESS_EVENT_RATE_CHANGED, 0) < 0)
            goto close;
    }
    if (vsink) {
        msess_sink_set_frame_callback(vsink, on_frame, &pl);
        msess_video_output_set_event_callback(vsink, on_key, &pl);
    }
    atomic_store(&pl.start_call, msess_system_time(NULL));
    msess_session_start(sess, o.start > 0 ? (msess_time)(o.start * MSESS_TIME_PER_SECOND + 0.5) : MSESS_TIME_NONE);
    if (wait_for(sess, &rep, MSESS_EVENT_STARTED, 0) < 0)
        goto close;
    play(sess, &rep, &pl, &o, asink, vsink);
close:
    msess_session_close(sess);
    interrupted = 0;
    wait_for(sess, &rep, MSESS_EVENT_CLOSED, 0);
done:;
    msess_time duration = msess_source_duration(src);
    msess_session_destroy(&sess);
    if (rep.error)
        fprintf(stderr, "msess-play: error: %s\n", rep.message);
    if (o.json) {
        printf("{\"events\":[%s],\"streams\":[", rep.events);
        bool first = true;
        stream_json(stdout, "video", vsink, &first);
        stream_json(stdout, "audio", asink, &first);
        printf("],\"duration\":%.6f", secs(duration));
        player_json(stdout, &pl, vsink, asink);
        printf(",\"result\":\"%s\"", rep.error ? "error" : "ended");
        if (rep.error) {
            printf(",\"error\":");
            json_string(stdout, rep.message);
        }
        printf("}\n");
    }
    msess_topology_destroy(&topo);
    msess_sink_destroy(&vsink);
    msess_sink_destroy(&asink);
    msess_source_destroy(&src);
    return rep.error ? 1 : 0;
}

/* The smallest complete msess program: play a file through null outputs
 * at real-time pace and print every event. Shown in the README. */
#include <stdio.h>

#include <msess/msess.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE|URL\n", argv[0]);
        return 2;
    }
    msess_source *src = NULL;
    int ret = msess_source_open(&src, argv[1], NULL);
    if (ret < 0) {
        fprintf(stderr, "%s: %s\n", argv[1], msess_strerror(ret));
        return 1;
    }
    msess_sink *video = NULL, *audio = NULL;
    msess_null_sink_create(&video, &(msess_null_sink_settings){ MSESS_MEDIA_VIDEO, true });
    msess_null_sink_create(&audio, &(msess_null_sink_settings){ MSESS_MEDIA_AUDIO, true });

    msess_topology *topo = NULL;
    msess_session *session = NULL;
    if ((ret = msess_topology_create_simple(&topo, src, video, audio)) < 0 ||
        (ret = msess_session_create(&session, NULL)) < 0 ||
        (ret = msess_session_set_topology(session, 0, topo)) < 0 ||
        (ret = msess_session_start(session, MSESS_TIME_NONE)) < 0)
        goto end;

    /* Every call above returned at once; their outcomes arrive as events. */
    msess_event ev;
    while ((ret = msess_session_get_event(session, &ev, -1)) == 0) {
        printf("%-26s %s\n", msess_event_type_name(ev.type),
               ev.status < 0 ? ev.message : "ok");
        enum msess_event_type type = ev.type;
        int status = ev.status;
        msess_event_clear(&ev);
        if (type == MSESS_EVENT_ENDED || type == MSESS_EVENT_ERROR || status < 0) {
            ret = type == MSESS_EVENT_ENDED ? 0 : (status < 0 ? status : MSESS_EIO);
            break;
        }
    }
end:
    if (ret < 0)
        fprintf(stderr, "error: %s\n", msess_strerror(ret));
    msess_session_destroy(&session);
    msess_topology_destroy(&topo);
    msess_sink_destroy(&video);
    msess_sink_destroy(&audio);
    msess_source_destroy(&src);
    return ret < 0;
}

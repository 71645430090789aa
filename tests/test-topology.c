/* Topologies: construction, connection rules, validation, resolution by the
 * default loader, create_simple, loop counts, and custom loaders in a
 * session. */
#include <stdatomic.h>
#include <string.h>

#include "core/topology.h"
#include "os/thread.h"
#include "testutil.h"

static msess_source *g_src;   /* av.mp4: h264 320x240 + aac 48 kHz stereo */
static int g_vstream, g_astream;

static msess_sink *null_sink(enum msess_media_kind kind)
{
    msess_null_sink_settings ns;
    msess_null_sink_default_settings(&ns);
    ns.kind = kind;
    msess_sink *sk = NULL;
    CHECK_ERR(msess_null_sink_create(&sk, &ns), 0);
    if (!sk)
        exit(1);
    return sk;
}

static msess_topology *new_topo(void)
{
    msess_topology *t = NULL;
    CHECK_ERR(msess_topology_create(&t), 0);
    if (!t)
        exit(1);
    return t;
}

/* source stream -> output, both returned */
static void add_branch(msess_topology *t, msess_source *src, int stream, msess_sink *sink,
                       msess_node **sn, msess_node **on)
{
    msess_node *a = NULL, *b = NULL;
    CHECK_ERR(msess_topology_add_source_stream(t, src, (unsigned)stream, &a), 0);
    CHECK_ERR(msess_topology_add_output(t, sink, &b), 0);
    CHECK_ERR(msess_node_connect(a, 0, b, 0), 0);
    if (sn)
        *sn = a;
    if (on)
        *on = b;
}

static unsigned count_nodes(const msess_topology *t, enum msess_node_type type, int kind)
{
    unsigned n = 0;
    for (unsigned i = 0; i < msess_topology_node_count(t); i++) {
        msess_node *nd = msess_topology_node(t, i);
        if (msess_node_get_type(nd) == type &&
            (kind < 0 || (int)msess_node_transform_kind(nd) == kind))
            n++;
    }
    return n;
}

static int session_events_pending(msess_session *s)
{
    msess_event ev;
    int ret = msess_session_get_event(s, &ev, 0);
    if (ret == 0) {
        fprintf(stderr, "unexpected event %s(%s)\n", msess_event_type_name(ev.type),
                msess_error_name(ev.status));
        msess_event_clear(&ev);
    }
    return ret == 0;
}

/* ---- construction and validation */

static void test_ids_and_inspection(void)
{
    msess_topology *t1 = new_topo(), *t2 = new_topo();
    CHECK(msess_topology_id(t1) != 0);
    CHECK(msess_topology_id(t2) != 0);
    CHECK(msess_topology_id(t1) != msess_topology_id(t2));
    CHECK_EQ(msess_topology_id(NULL), 0);
    CHECK_EQ(msess_topology_node_count(t1), 0);

    msess_sink *vs = null_sink(MSESS_MEDIA_VIDEO);
    msess_node *sn, *on, *tr, *tee, *dec;
    CHECK_ERR(msess_topology_add_source_stream(t1, g_src, (unsigned)g_vstream, &sn), 0);
    CHECK_ERR(msess_topology_add_output(t1, vs, &on), 0);
    CHECK_ERR(msess_topology_add_transform(t1, MSESS_TRANSFORM_CONVERTER, &tr), 0);
    CHECK_ERR(msess_topology_add_transform(t1, MSESS_TRANSFORM_DECODER, &dec), 0);
    CHECK_ERR(msess_topology_add_tee(t1, &tee), 0);
    CHECK_ERR(msess_topology_add_tee(t1, NULL), 0); /* out may be NULL */
    CHECK_EQ(msess_topology_node_count(t1), 6);
    CHECK_ERR(msess_topology_add_transform(t1, (enum msess_transform_kind)7, NULL), MSESS_EINVAL);
    CHECK_ERR(msess_topology_add_transform(t1, (enum msess_transform_kind)0, NULL), MSESS_EINVAL);
    CHECK_EQ(msess_topology_node_count(t1), 6);
    CHECK_ERR(msess_topology_add_source_stream(NULL, g_src, 0, NULL), MSESS_EINVAL);
    CHECK_ERR(msess_topology_add_output(NULL, vs, NULL), MSESS_EINVAL);
    CHECK_ERR(msess_topology_add_tee(NULL, NULL), MSESS_EINVAL);
    CHECK_ERR(msess_topology_add_transform(NULL, MSESS_TRANSFORM_DECODER, NULL), MSESS_EINVAL);
    CHECK_ERR(msess_topology_create(NULL), MSESS_EINVAL);

    /* Types, pins, defaults. */
    CHECK_EQ(msess_node_get_type(sn), MSESS_NODE_SOURCE_STREAM);
    CHECK_EQ(msess_node_get_type(on), MSESS_NODE_OUTPUT);
    CHECK_EQ(msess_node_get_type(tr), MSESS_NODE_TRANSFORM);
    CHECK_EQ(msess_node_get_type(tee), MSESS_NODE_TEE);
    CHECK_EQ(msess_node_transform_kind(tr), MSESS_TRANSFORM_CONVERTER);
    CHECK_EQ(msess_node_transform_kind(dec), MSESS_TRANSFORM_DECODER);
    CHECK_EQ(msess_node_input_count(sn), 0);
    CHECK_EQ(msess_node_output_count(sn), 1);
    CHECK_EQ(msess_node_input_count(on), 1);
    CHECK_EQ(msess_node_output_count(on), 0);
    CHECK_EQ(msess_node_input_count(tr), 1);
    CHECK_EQ(msess_node_output_count(tr), 1);
    CHECK_EQ(msess_node_input_count(tee), 1);
    CHECK_EQ(msess_node_get_connect_method(on), MSESS_CONNECT_ALLOW_DECODER);
    msess_node_set_connect_method(on, MSESS_CONNECT_DIRECT);
    CHECK_EQ(msess_node_get_connect_method(on), MSESS_CONNECT_DIRECT);
    msess_node_set_connect_method(on, MSESS_CONNECT_ALLOW_DECODER);
    unsigned stream = 999;
    CHECK(msess_node_source(sn, &stream) == g_src);
    CHECK_EQ(stream, g_vstream);
    CHECK(msess_node_source(on, NULL) == NULL);
    CHECK(msess_node_sink(on) == vs);
    CHECK(msess_node_sink(sn) == NULL);
    CHECK(msess_node_input(on, 0, NULL) == NULL);
    CHECK(msess_node_output(sn, 0, NULL) == NULL);

    /* Node ids: non-zero, unique across topologies, found by id. */
    msess_node *extra;
    CHECK_ERR(msess_topology_add_tee(t2, &extra), 0);
    for (unsigned i = 0; i < msess_topology_node_count(t1); i++) {
        msess_node *a = msess_topology_node(t1, i);
        CHECK(msess_node_id(a) != 0);
        CHECK(msess_topology_find_node(t1, msess_node_id(a)) == a);
        CHECK(msess_node_id(a) != msess_node_id(extra));
        for (unsigned j = 0; j < i; j++)
            CHECK(msess_node_id(a) != msess_node_id(msess_topology_node(t1, j)));
    }
    CHECK(msess_topology_find_node(t1, msess_node_id(extra)) == NULL);
    CHECK(msess_topology_node(t1, 6) == NULL);

    /* Partial nodes have no media type. */
    msess_media_type mt;
    CHECK_ERR(msess_node_output_type(sn, &mt), MSESS_ENOENT);
    CHECK_ERR(msess_node_output_type(tr, &mt), MSESS_ENOENT);
    CHECK_ERR(msess_node_output_type(tee, &mt), MSESS_ENOENT);
    CHECK_ERR(msess_node_output_type(sn, NULL), MSESS_EINVAL);

    /* References: the topology lives until the last one goes. */
    msess_topology *r = msess_topology_ref(t1);
    CHECK(r == t1);
    msess_topology_destroy(&r);
    CHECK(r == NULL);
    CHECK_EQ(msess_topology_node_count(t1), 6); /* still alive */
    CHECK(msess_topology_ref(NULL) == NULL);
    msess_topology_destroy(NULL);
    msess_topology_destroy(&r);

    msess_topology_destroy(&t1);
    msess_topology_destroy(&t2);
    msess_sink_destroy(&vs);
}

static void test_connect_rules(void)
{
    msess_topology *t = new_topo(), *other = new_topo();
    msess_sink *vs = null_sink(MSESS_MEDIA_VIDEO);
    msess_node *s1, *s2, *o1, *o2, *tr, *tee, *foreign;
    CHECK_ERR(msess_topology_add_source_stream(t, g_src, (unsigned)g_vstream, &s1), 0);
    CHECK_ERR(msess_topology_add_source_stream(t, g_src, (unsigned)g_vstream, &s2), 0);
    CHECK_ERR(msess_topology_add_output(t, vs, &o1), 0);
    CHECK_ERR(msess_topology_add_output(t, vs, &o2), 0);
    CHECK_ERR(msess_topology_add_transform(t, MSESS_TRANSFORM_CONVERTER, &tr), 0);
    CHECK_ERR(msess_topology_add_tee(t, &tee), 0);
    CHECK_ERR(msess_topology_add_tee(other, &foreign), 0);

    /* Illegal connections. */
    CHECK_ERR(msess_node_connect(o1, 0, tr, 0), MSESS_EINVAL);    /* from an output */
    CHECK_ERR(msess_node_connect(tr, 0, s1, 0), MSESS_EINVAL);    /* into a source */
    CHECK_ERR(msess_node_connect(s2, 0, s1, 0), MSESS_EINVAL);    /* source into source */
    CHECK_ERR(msess_node_connect(s1, 1, o1, 0), MSESS_EINVAL);    /* no output pin 1 */
    CHECK_ERR(msess_node_connect(tr, 1, o1, 0), MSESS_EINVAL);
    CHECK_ERR(msess_node_connect(s1, 0, o1, 1), MSESS_EINVAL);    /* no input pin 1 */
    CHECK_ERR(msess_node_connect(tee, 1000, o1, 0), MSESS_EINVAL); /* tee pin out of range */
    CHECK_ERR(msess_node_connect(tr, 0, tr, 0), MSESS_EINVAL);    /* to itself */
    CHECK_ERR(msess_node_connect(s1, 0, foreign, 0), MSESS_EINVAL); /* other topology */
    CHECK_ERR(msess_node_connect(NULL, 0, o1, 0), MSESS_EINVAL);
    CHECK_ERR(msess_node_connect(s1, 0, NULL, 0), MSESS_EINVAL);
    CHECK_ERR(msess_node_disconnect(NULL, 0), MSESS_EINVAL);
    CHECK_ERR(msess_node_disconnect(s1, 1), MSESS_EINVAL);
    CHECK_ERR(msess_node_disconnect(o1, 0), MSESS_EINVAL);        /* outputs have no output */
    /* None of that connected anything. */
    for (unsigned i = 0; i < msess_topology_node_count(t); i++) {
        msess_node *n = msess_topology_node(t, i);
        CHECK(msess_node_input(n, 0, NULL) == NULL);
        CHECK(msess_node_output(n, 0, NULL) == NULL);
    }
    CHECK_EQ(msess_node_output_count(tee), 1);

    /* Connect; peers and pins are seen from both ends. */
    unsigned pin = 99;
    CHECK_ERR(msess_node_connect(s1, 0, o1, 0), 0);
    CHECK(msess_node_output(s1, 0, &pin) == o1);
    CHECK_EQ(pin, 0);
    CHECK(msess_node_input(o1, 0, &pin) == s1);
    CHECK_EQ(pin, 0);
    /* Disconnecting an unconnected pin is fine. */
    CHECK_ERR(msess_node_disconnect(tr, 0), 0);

    /* Reconnecting s1's output moves it: o1 loses its input. */
    CHECK_ERR(msess_node_connect(s1, 0, o2, 0), 0);
    CHECK(msess_node_output(s1, 0, NULL) == o2);
    CHECK(msess_node_input(o2, 0, NULL) == s1);
    CHECK(msess_node_input(o1, 0, NULL) == NULL);
    /* Connecting into an already fed input moves it: s1 loses its output. */
    CHECK_ERR(msess_node_connect(s2, 0, o2, 0), 0);
    CHECK(msess_node_input(o2, 0, NULL) == s2);
    CHECK(msess_node_output(s1, 0, NULL) == NULL);

    /* Tees grow outputs as they are connected. */
    CHECK_ERR(msess_node_connect(s1, 0, tee, 0), 0);
    CHECK_ERR(msess_node_connect(tee, 0, tr, 0), 0);
    CHECK_ERR(msess_node_connect(tee, 2, o1, 0), 0);
    CHECK_EQ(msess_node_output_count(tee), 3);
    CHECK(msess_node_output(tee, 0, NULL) == tr);
    CHECK(msess_node_output(tee, 1, NULL) == NULL);
    CHECK(msess_node_output(tee, 2, &pin) == o1);
    CHECK(msess_node_input(o1, 0, &pin) == tee);
    CHECK_EQ(pin, 2);
    CHECK(msess_node_output(tee, 3, NULL) == NULL);

    /* Disconnect clears both ends. */
    CHECK_ERR(msess_node_disconnect(tee, 2), 0);
    CHECK(msess_node_output(tee, 2, NULL) == NULL);
    CHECK(msess_node_input(o1, 0, NULL) == NULL);

    /* remove_node disconnects its neighbours. */
    CHECK_ERR(msess_node_connect(tr, 0, o1, 0), 0);
    unsigned before = msess_topology_node_count(t);
    uint64_t tr_id = msess_node_id(tr);
    CHECK_ERR(msess_topology_remove_node(t, tr), 0);
    CHECK_EQ(msess_topology_node_count(t), before - 1);
    CHECK(msess_topology_find_node(t, tr_id) == NULL);
    CHECK(msess_node_output(tee, 0, NULL) == NULL);
    CHECK(msess_node_input(o1, 0, NULL) == NULL);
    CHECK(msess_node_input(tee, 0, NULL) == s1); /* untouched */
    CHECK_ERR(msess_topology_remove_node(t, foreign), MSESS_EINVAL);
    CHECK_ERR(msess_topology_remove_node(NULL, s1), MSESS_EINVAL);
    CHECK_ERR(msess_topology_remove_node(t, NULL), MSESS_EINVAL);
    /* Removing an output drops its sink reference with it (checked by
     * valgrind/ASan), and its feeder's output is free again. */
    CHECK_ERR(msess_topology_remove_node(t, o2), 0);
    CHECK(msess_node_output(s2, 0, NULL) == NULL);

    msess_topology_destroy(&t);
    msess_topology_destroy(&other);
    msess_sink_destroy(&vs);
}

static void test_validate(void)
{
    msess_sink *vs = null_sink(MSESS_MEDIA_VIDEO);
    msess_session *s = NULL;
    CHECK_ERR(msess_session_create(&s, NULL), 0);
    msess_node *sn, *on, *tr, *tr2, *tee;
    msess_topology *t;

    CHECK_ERR(msess_topology_validate(NULL), MSESS_EINVAL);

    /* Empty. */
    t = new_topo();
    CHECK_ERR(msess_topology_validate(t), MSESS_ETOPO_INVALID);
    CHECK_ERR(msess_session_set_topology(s, 0, t), MSESS_ETOPO_INVALID);
    msess_topology_destroy(&t);

    /* A valid one, for reference. */
    t = new_topo();
    add_branch(t, g_src, g_vstream, vs, &sn, &on);
    CHECK_ERR(msess_topology_validate(t), 0);
    msess_topology_destroy(&t);

    /* Source node without a source. */
    t = new_topo();
    add_branch(t, NULL, 0, vs, NULL, NULL);
    CHECK_ERR(msess_topology_validate(t), MSESS_ETOPO_NO_SOURCE);
    CHECK_ERR(msess_session_set_topology(s, 0, t), MSESS_ETOPO_NO_SOURCE);
    msess_topology_destroy(&t);

    /* Stream index past the count. */
    t = new_topo();
    add_branch(t, g_src, (int)msess_source_stream_count(g_src), vs, NULL, NULL);
    CHECK_ERR(msess_topology_validate(t), MSESS_ETOPO_NO_STREAM);
    CHECK_ERR(msess_session_set_topology(s, 0, t), MSESS_ETOPO_NO_STREAM);
    msess_topology_destroy(&t);

    /* Deselected stream. */
    t = new_topo();
    add_branch(t, g_src, g_vstream, vs, NULL, NULL);
    CHECK_ERR(msess_source_select_stream(g_src, (unsigned)g_vstream, false), 0);
    CHECK(!msess_source_stream_selected(g_src, (unsigned)g_vstream));
    CHECK_ERR(msess_topology_validate(t), MSESS_ETOPO_NOT_SELECTED);
    CHECK_ERR(msess_session_set_topology(s, 0, t), MSESS_ETOPO_NOT_SELECTED);
    msess_topology *full = NULL;
    CHECK_ERR(msess_topology_resolve(t, &full), MSESS_ETOPO_NOT_SELECTED);
    CHECK(full == NULL);
    CHECK_ERR(msess_source_select_stream(g_src, (unsigned)g_vstream, true), 0);
    CHECK_ERR(msess_topology_validate(t), 0);
    msess_topology_destroy(&t);

    /* An output with no input. */
    t = new_topo();
    add_branch(t, g_src, g_vstream, vs, NULL, NULL);
    CHECK_ERR(msess_topology_add_output(t, vs, NULL), 0);
    CHECK_ERR(msess_topology_validate(t), MSESS_ETOPO_INVALID);
    CHECK_ERR(msess_session_set_topology(s, 0, t), MSESS_ETOPO_INVALID);
    msess_topology_destroy(&t);

    /* A source whose output goes nowhere. */
    t = new_topo();
    add_branch(t, g_src, g_vstream, vs, NULL, NULL);
    CHECK_ERR(msess_topology_add_source_stream(t, g_src, (unsigned)g_astream, NULL), 0);
    CHECK_ERR(msess_topology_validate(t), MSESS_ETOPO_INVALID);
    CHECK_ERR(msess_session_set_topology(s, 0, t), MSESS_ETOPO_INVALID);
    msess_topology_destroy(&t);

    /* Sources only / outputs only. */
    t = new_topo();
    CHECK_ERR(msess_topology_add_source_stream(t, g_src, (unsigned)g_vstream, NULL), 0);
    CHECK_ERR(msess_topology_validate(t), MSESS_ETOPO_INVALID);
    msess_topology_destroy(&t);
    t = new_topo();
    CHECK_ERR(msess_topology_add_output(t, vs, NULL), 0);
    CHECK_ERR(msess_topology_validate(t), MSESS_ETOPO_INVALID);
    msess_topology_destroy(&t);

    /* A branch ending in a transform (no output). */
    t = new_topo();
    add_branch(t, g_src, g_vstream, vs, NULL, NULL);
    CHECK_ERR(msess_topology_add_source_stream(t, g_src, (unsigned)g_astream, &sn), 0);
    CHECK_ERR(msess_topology_add_transform(t, MSESS_TRANSFORM_DECODER, &tr), 0);
    CHECK_ERR(msess_node_connect(sn, 0, tr, 0), 0);
    CHECK_ERR(msess_topology_validate(t), MSESS_ETOPO_INVALID);
    msess_topology_destroy(&t);

    /* A tee with no outputs. */
    t = new_topo();
    add_branch(t, g_src, g_vstream, vs, NULL, NULL);
    CHECK_ERR(msess_topology_add_source_stream(t, g_src, (unsigned)g_vstream, &sn), 0);
    CHECK_ERR(msess_topology_add_tee(t, &tee), 0);
    CHECK_ERR(msess_node_connect(sn, 0, tee, 0), 0);
    CHECK_ERR(msess_topology_validate(t), MSESS_ETOPO_INVALID);
    msess_topology_destroy(&t);

    /* A loop of transforms not fed by any source. */
    t = new_topo();
    add_branch(t, g_src, g_vstream, vs, NULL, NULL);
    CHECK_ERR(msess_topology_add_transform(t, MSESS_TRANSFORM_CONVERTER, &tr), 0);
    CHECK_ERR(msess_topology_add_transform(t, MSESS_TRANSFORM_CONVERTER, &tr2), 0);
    CHECK_ERR(msess_node_connect(tr, 0, tr2, 0), 0);
    CHECK_ERR(msess_node_connect(tr2, 0, tr, 0), 0);
    CHECK_ERR(msess_topology_validate(t), MSESS_ETOPO_INVALID);
    CHECK_ERR(msess_session_set_topology(s, 0, t), MSESS_ETOPO_INVALID);
    msess_topology_destroy(&t);

    /* Output without a sink. */
    t = new_topo();
    add_branch(t, g_src, g_vstream, NULL, NULL, NULL);
    CHECK_ERR(msess_topology_validate(t), MSESS_ETOPO_INVALID);
    msess_topology_destroy(&t);

    /* Argument errors of set_topology. */
    t = new_topo();
    add_branch(t, g_src, g_vstream, vs, NULL, NULL);
    CHECK_ERR(msess_session_set_topology(s, 0, NULL), MSESS_EINVAL);
    CHECK_ERR(msess_session_set_topology(s, 8, t), MSESS_EINVAL);
    CHECK_ERR(msess_session_set_topology(NULL, 0, t), MSESS_EINVAL);
    msess_topology_destroy(&t);

    /* None of the refused topologies produced an event. */
    msess__sleep(50 * MSESS_TIME_PER_MS);
    CHECK(!session_events_pending(s));
    CHECK_ERR(msess_session_pause(s), 0); /* marker: the next event is its own */
    TU_EXPECT(s, { MSESS_EVENT_PAUSED, MSESS_ESTATE });
    msess_session_destroy(&s);
    msess_sink_destroy(&vs);
}

/* ---- resolution */

static msess_node *input_of(msess_node *n)
{
    return n ? msess_node_input(n, 0, NULL) : NULL;
}

static void test_resolve_null_sinks(void)
{
    msess_sink *vs = null_sink(MSESS_MEDIA_VIDEO), *as = null_sink(MSESS_MEDIA_AUDIO);
    msess_topology *p = new_topo(), *full = NULL;
    msess_node *vsn, *von, *asn, *aon;
    add_branch(p, g_src, g_vstream, vs, &vsn, &von);
    add_branch(p, g_src, g_astream, as, &asn, &aon);
    msess_topology_set_loop(p, 2);

    CHECK_ERR(msess_topology_resolve(NULL, &full), MSESS_EINVAL);
    CHECK_ERR(msess_topology_resolve(p, NULL), MSESS_EINVAL);
    CHECK_ERR(msess_topology_resolve(p, &full), 0);
    if (!full)
        return;
    CHECK(full != p);
    CHECK(msess_topology_id(full) != msess_topology_id(p));
    CHECK_EQ(msess_topology_get_loop(full), 2);
    CHECK_EQ(msess_topology_node_count(full), 6);
    CHECK_EQ(count_nodes(full, MSESS_NODE_TRANSFORM, MSESS_TRANSFORM_DECODER), 2);
    CHECK_EQ(count_nodes(full, MSESS_NODE_TRANSFORM, MSESS_TRANSFORM_CONVERTER), 0);
    CHECK_ERR(msess_topology_validate(full), 0);

    /* The partial is unchanged. */
    CHECK_EQ(msess_topology_node_count(p), 4);
    CHECK(msess_node_output(vsn, 0, NULL) == von);
    CHECK(msess_node_output(asn, 0, NULL) == aon);
    msess_media_type mt;
    CHECK_ERR(msess_node_output_type(vsn, &mt), MSESS_ENOENT);
    CHECK_ERR(msess_node_output_type(asn, &mt), MSESS_ENOENT);

    /* Copies keep their ids; source -> decoder -> output. */
    struct {
        msess_node *sn, *on;
        enum msess_media_kind kind;
    } br[2] = { { vsn, von, MSESS_MEDIA_VIDEO }, { asn, aon, MSESS_MEDIA_AUDIO } };
    for (int b = 0; b < 2; b++) {
        msess_node *fs = msess_topology_find_node(full, msess_node_id(br[b].sn));
        msess_node *fo = msess_topology_find_node(full, msess_node_id(br[b].on));
        CHECK(fs && fo);
        if (!fs || !fo)
            continue;
        CHECK(fs != br[b].sn && fo != br[b].on);
        CHECK_EQ(msess_node_get_type(fs), MSESS_NODE_SOURCE_STREAM);
        CHECK_EQ(msess_node_get_type(fo), MSESS_NODE_OUTPUT);
        CHECK(msess_node_sink(fo) == msess_node_sink(br[b].on));
        unsigned st = 99;
        CHECK(msess_node_source(fs, &st) == g_src);
        CHECK_EQ(st, b ? g_astream : g_vstream);
        msess_node *dec = input_of(fo);
        CHECK(dec != NULL);
        if (!dec)
            continue;
        CHECK_EQ(msess_node_get_type(dec), MSESS_NODE_TRANSFORM);
        CHECK_EQ(msess_node_transform_kind(dec), MSESS_TRANSFORM_DECODER);
        CHECK(input_of(dec) == fs);
        CHECK(msess_node_output(fs, 0, NULL) == dec);
        /* The inserted node is new: not one of the partial's ids. */
        CHECK(msess_topology_find_node(p, msess_node_id(dec)) == NULL);

        /* The source's type is compressed, the decoder's raw. */
        CHECK_ERR(msess_node_output_type(fs, &mt), 0);
        CHECK(mt.compressed);
        CHECK_EQ(mt.kind, br[b].kind);
        CHECK(mt.codec && !strcmp(mt.codec, b ? "aac" : "h264"));
        CHECK_ERR(msess_node_output_type(dec, &mt), 0);
        CHECK(!mt.compressed);
        CHECK_EQ(mt.kind, br[b].kind);
        if (br[b].kind == MSESS_MEDIA_VIDEO) {
            CHECK_EQ(mt.pixel_format, MSESS_PIX_YUV420P);
            CHECK_EQ(mt.width, 320);
            CHECK_EQ(mt.height, 240);
        } else {
            CHECK_EQ(mt.sample_rate, 48000);
            CHECK_EQ(mt.channels, 2);
            CHECK(mt.sample_format != MSESS_SAMPLE_NONE);
        }
    }
    msess_topology_destroy(&full);
    msess_topology_destroy(&p);
    msess_sink_destroy(&vs);
    msess_sink_destroy(&as);
}

/* Tags: default 0, kept by the resolved copies, 0 on inserted nodes. */
static void test_tags(void)
{
    msess_sink *vs = null_sink(MSESS_MEDIA_VIDEO);
    msess_topology *p = new_topo(), *full = NULL;
    msess_node *sn, *on;
    add_branch(p, g_src, g_vstream, vs, &sn, &on);
    CHECK(msess_node_tag(sn) == 0);
    CHECK(msess_node_tag(NULL) == 0);
    msess_node_set_tag(NULL, 5); /* ignored */
    msess_node_set_tag(sn, UINT64_C(0x123456789abcdef0));
    msess_node_set_tag(on, 7);
    CHECK(msess_node_tag(sn) == UINT64_C(0x123456789abcdef0));
    CHECK(msess_node_tag(on) == 7);
    CHECK_ERR(msess_topology_resolve(p, &full), 0);
    if (full) {
        CHECK_EQ(msess_topology_node_count(full), 3);
        unsigned inserted = 0;
        for (unsigned i = 0; i < msess_topology_node_count(full); i++) {
            msess_node *n = msess_topology_node(full, i);
            if (msess_node_id(n) == msess_node_id(sn))
                CHECK(msess_node_tag(n) == UINT64_C(0x123456789abcdef0));
            else if (msess_node_id(n) == msess_node_id(on))
                CHECK(msess_node_tag(n) == 7);
            else {
                CHECK(msess_node_tag(n) == 0);
                inserted++;
            }
        }
        CHECK_EQ(inserted, 1);
    }
    msess_topology_destroy(&full);
    msess_topology_destroy(&p);
    msess_sink_destroy(&vs);
}

static void test_resolve_app_sinks(void)
{
    /* Video: an RGBA-only sink gets decoder + converter to RGBA. */
    static const enum msess_pixel_format rgba[] = { MSESS_PIX_RGBA, MSESS_PIX_NONE };
    static const enum msess_pixel_format yuv[] = { MSESS_PIX_YUV420P, MSESS_PIX_NONE };
    msess_app_video_settings vset;
    msess_app_video_default_settings(&vset);
    vset.formats = rgba;
    msess_sink *rgba_sink = NULL, *yuv_sink = NULL, *aud = NULL;
    CHECK_ERR(msess_app_video_sink_create(&rgba_sink, &vset), 0);
    vset.formats = yuv;
    CHECK_ERR(msess_app_video_sink_create(&yuv_sink, &vset), 0);
    msess_app_audio_settings aset;
    msess_app_audio_default_settings(&aset);
    CHECK_EQ(aset.sample_rate, 48000);
    CHECK_EQ(aset.channels, 2);
    CHECK_EQ(aset.format, MSESS_SAMPLE_FLT);
    CHECK_ERR(msess_app_audio_sink_create(&aud, &aset), 0);
    if (!rgba_sink || !yuv_sink || !aud)
        return;

    msess_topology *p = new_topo(), *full = NULL;
    msess_node *von, *aon;
    add_branch(p, g_src, g_vstream, rgba_sink, NULL, &von);
    add_branch(p, g_src, g_astream, aud, NULL, &aon);
    CHECK_ERR(msess_topology_resolve(p, &full), 0);
    if (full) {
        CHECK_EQ(msess_topology_node_count(full), 8);
        CHECK_EQ(count_nodes(full, MSESS_NODE_TRANSFORM, MSESS_TRANSFORM_DECODER), 2);
        CHECK_EQ(count_nodes(full, MSESS_NODE_TRANSFORM, MSESS_TRANSFORM_CONVERTER), 2);
        msess_media_type mt;
        /* video: source -> decoder -> converter(RGBA) -> output */
        msess_node *fo = msess_topology_find_node(full, msess_node_id(von));
        msess_node *conv = input_of(fo), *dec = input_of(conv), *sn = input_of(dec);
        CHECK(conv && msess_node_transform_kind(conv) == MSESS_TRANSFORM_CONVERTER);
        CHECK(dec && msess_node_transform_kind(dec) == MSESS_TRANSFORM_DECODER);
        CHECK(sn && msess_node_get_type(sn) == MSESS_NODE_SOURCE_STREAM);
        if (conv && dec) {
            CHECK_ERR(msess_node_output_type(conv, &mt), 0);
            CHECK(!mt.compressed);
            CHECK_EQ(mt.kind, MSESS_MEDIA_VIDEO);
            CHECK_EQ(mt.pixel_format, MSESS_PIX_RGBA);
            CHECK_EQ(mt.width, 320);
            CHECK_EQ(mt.height, 240);
            CHECK_ERR(msess_node_output_type(dec, &mt), 0);
            CHECK_EQ(mt.pixel_format, MSESS_PIX_YUV420P);
        }
        /* audio: source -> decoder -> converter(FLT packed 48k stereo) -> output */
        fo = msess_topology_find_node(full, msess_node_id(aon));
        conv = input_of(fo);
        dec = input_of(conv);
        sn = input_of(dec);
        CHECK(conv && msess_node_transform_kind(conv) == MSESS_TRANSFORM_CONVERTER);
        CHECK(dec && msess_node_transform_kind(dec) == MSESS_TRANSFORM_DECODER);
        CHECK(sn && msess_node_get_type(sn) == MSESS_NODE_SOURCE_STREAM);
        if (conv) {
            CHECK_ERR(msess_node_output_type(conv, &mt), 0);
            CHECK(!mt.compressed);
            CHECK_EQ(mt.kind, MSESS_MEDIA_AUDIO);
            CHECK_EQ(mt.sample_format, MSESS_SAMPLE_FLT);
            CHECK_EQ(mt.sample_rate, 48000);
            CHECK_EQ(mt.channels, 2);
        }
    }
    msess_topology_destroy(&full);
    msess_topology_destroy(&p);

    /* A sink that takes the decoder's format gets no converter. */
    p = new_topo();
    add_branch(p, g_src, g_vstream, yuv_sink, NULL, &von);
    CHECK_ERR(msess_topology_resolve(p, &full), 0);
    if (full) {
        CHECK_EQ(msess_topology_node_count(full), 3);
        CHECK_EQ(count_nodes(full, MSESS_NODE_TRANSFORM, MSESS_TRANSFORM_CONVERTER), 0);
        msess_node *dec = input_of(msess_topology_find_node(full, msess_node_id(von)));
        CHECK(dec && msess_node_transform_kind(dec) == MSESS_TRANSFORM_DECODER);
    }
    msess_topology_destroy(&full);
    msess_topology_destroy(&p);

    /* An audio sink with another rate and channel count: converter to it. */
    msess_sink *aud2 = NULL;
    aset.sample_rate = 22050;
    aset.channels = 1;
    aset.format = MSESS_SAMPLE_S16;
    CHECK_ERR(msess_app_audio_sink_create(&aud2, &aset), 0);
    p = new_topo();
    add_branch(p, g_src, g_astream, aud2, NULL, &aon);
    CHECK_ERR(msess_topology_resolve(p, &full), 0);
    if (full) {
        msess_node *conv = input_of(msess_topology_find_node(full, msess_node_id(aon)));
        msess_media_type mt;
        CHECK(conv && msess_node_transform_kind(conv) == MSESS_TRANSFORM_CONVERTER);
        if (conv) {
            CHECK_ERR(msess_node_output_type(conv, &mt), 0);
            CHECK_EQ(mt.sample_format, MSESS_SAMPLE_S16);
            CHECK_EQ(mt.sample_rate, 22050);
            CHECK_EQ(mt.channels, 1);
        }
    }
    msess_topology_destroy(&full);
    msess_topology_destroy(&p);

    msess_sink_destroy(&aud2);
    msess_sink_destroy(&rgba_sink);
    msess_sink_destroy(&yuv_sink);
    msess_sink_destroy(&aud);
}

static void test_resolve_connect_methods(void)
{
    msess_sink *vs = null_sink(MSESS_MEDIA_VIDEO), *as = null_sink(MSESS_MEDIA_AUDIO);
    static const enum msess_connect_method forbid[] = { MSESS_CONNECT_DIRECT,
                                                        MSESS_CONNECT_ALLOW_CONVERTER };
    for (int i = 0; i < 2; i++) {
        /* Compressed data into an output that may not get a decoder. */
        msess_topology *p = new_topo(), *full = NULL;
        msess_node *on;
        add_branch(p, g_src, g_vstream, vs, NULL, &on);
        msess_node_set_connect_method(on, forbid[i]);
        CHECK_ERR(msess_topology_resolve(p, &full), MSESS_ETOPO_UNSUPPORTED);
        CHECK(full == NULL);
        msess_topology_destroy(&p);

        /* Same into a converter node. */
        p = new_topo();
        msess_node *sn, *tr;
        add_branch(p, g_src, g_astream, as, &sn, &on);
        CHECK_ERR(msess_topology_add_transform(p, MSESS_TRANSFORM_CONVERTER, &tr), 0);
        CHECK_ERR(msess_node_connect(sn, 0, tr, 0), 0);
        CHECK_ERR(msess_node_connect(tr, 0, on, 0), 0);
        msess_node_set_connect_method(tr, forbid[i]);
        CHECK_ERR(msess_topology_resolve(p, &full), MSESS_ETOPO_UNSUPPORTED);
        CHECK(full == NULL);
        msess_topology_destroy(&p);
    }

    /* Kinds differ: the audio stream into a video sink. */
    msess_topology *p = new_topo(), *full = NULL;
    add_branch(p, g_src, g_astream, vs, NULL, NULL);
    CHECK_ERR(msess_topology_resolve(p, &full), MSESS_ETOPO_UNSUPPORTED);
    CHECK(full == NULL);
    msess_topology_destroy(&p);

    /* DIRECT after an explicit decoder is fine for a sink taking any format. */
    p = new_topo();
    msess_node *sn, *on, *dec;
    add_branch(p, g_src, g_vstream, vs, &sn, &on);
    CHECK_ERR(msess_topology_add_transform(p, MSESS_TRANSFORM_DECODER, &dec), 0);
    CHECK_ERR(msess_node_connect(sn, 0, dec, 0), 0);
    CHECK_ERR(msess_node_connect(dec, 0, on, 0), 0);
    msess_node_set_connect_method(on, MSESS_CONNECT_DIRECT);
    CHECK_ERR(msess_topology_resolve(p, &full), 0);
    if (full)
        CHECK_EQ(msess_topology_node_count(full), 3);
    msess_topology_destroy(&full);
    msess_topology_destroy(&p);

    /* ...but DIRECT refuses the converter an RGBA sink would need. */
    static const enum msess_pixel_format rgba[] = { MSESS_PIX_RGBA, MSESS_PIX_NONE };
    msess_app_video_settings vset;
    msess_app_video_default_settings(&vset);
    vset.formats = rgba;
    msess_sink *rs = NULL;
    CHECK_ERR(msess_app_video_sink_create(&rs, &vset), 0);
    p = new_topo();
    add_branch(p, g_src, g_vstream, rs, &sn, &on);
    CHECK_ERR(msess_topology_add_transform(p, MSESS_TRANSFORM_DECODER, &dec), 0);
    CHECK_ERR(msess_node_connect(sn, 0, dec, 0), 0);
    CHECK_ERR(msess_node_connect(dec, 0, on, 0), 0);
    msess_node_set_connect_method(on, MSESS_CONNECT_DIRECT);
    CHECK_ERR(msess_topology_resolve(p, &full), MSESS_ETOPO_UNSUPPORTED);
    CHECK(full == NULL);
    /* ALLOW_CONVERTER allows it. */
    msess_node_set_connect_method(on, MSESS_CONNECT_ALLOW_CONVERTER);
    CHECK_ERR(msess_topology_resolve(p, &full), 0);
    if (full) {
        CHECK_EQ(count_nodes(full, MSESS_NODE_TRANSFORM, MSESS_TRANSFORM_DECODER), 1);
        CHECK_EQ(count_nodes(full, MSESS_NODE_TRANSFORM, MSESS_TRANSFORM_CONVERTER), 1);
    }
    msess_topology_destroy(&full);
    msess_topology_destroy(&p);

    msess_sink_destroy(&rs);
    msess_sink_destroy(&vs);
    msess_sink_destroy(&as);
}

static void test_resolve_tee_and_explicit(void)
{
    msess_sink *v1 = null_sink(MSESS_MEDIA_VIDEO), *v2 = null_sink(MSESS_MEDIA_VIDEO);
    msess_topology *p = new_topo(), *full = NULL;
    msess_node *sn, *tee, *o1, *o2;
    CHECK_ERR(msess_topology_add_source_stream(p, g_src, (unsigned)g_vstream, &sn), 0);
    CHECK_ERR(msess_topology_add_tee(p, &tee), 0);
    CHECK_ERR(msess_topology_add_output(p, v1, &o1), 0);
    CHECK_ERR(msess_topology_add_output(p, v2, &o2), 0);
    CHECK_ERR(msess_node_connect(sn, 0, tee, 0), 0);
    CHECK_ERR(msess_node_connect(tee, 0, o1, 0), 0);
    CHECK_ERR(msess_node_connect(tee, 1, o2, 0), 0);
    CHECK_ERR(msess_topology_validate(p), 0);
    CHECK_ERR(msess_topology_resolve(p, &full), 0);
    if (full) {
        /* One decoder, before the tee; the branches go straight to the outputs. */
        CHECK_EQ(msess_topology_node_count(full), 5);
        CHECK_EQ(count_nodes(full, MSESS_NODE_TRANSFORM, MSESS_TRANSFORM_DECODER), 1);
        CHECK_EQ(count_nodes(full, MSESS_NODE_TRANSFORM, MSESS_TRANSFORM_CONVERTER), 0);
        msess_node *ft = msess_topology_find_node(full, msess_node_id(tee));
        msess_node *dec = input_of(ft);
        CHECK(dec && msess_node_transform_kind(dec) == MSESS_TRANSFORM_DECODER);
        CHECK(dec && input_of(dec) == msess_topology_find_node(full, msess_node_id(sn)));
        CHECK(ft && msess_node_output(ft, 0, NULL) ==
                        msess_topology_find_node(full, msess_node_id(o1)));
        CHECK(ft && msess_node_output(ft, 1, NULL) ==
                        msess_topology_find_node(full, msess_node_id(o2)));
        msess_media_type mt;
        CHECK(ft && msess_node_output_type(ft, &mt) == 0 && !mt.compressed);
    }
    msess_topology_destroy(&full);
    msess_topology_destroy(&p);

    /* Tee to a null sink and an RGBA sink: one decoder, one converter on
     * the RGBA branch only. */
    static const enum msess_pixel_format rgba[] = { MSESS_PIX_RGBA, MSESS_PIX_NONE };
    msess_app_video_settings vset;
    msess_app_video_default_settings(&vset);
    vset.formats = rgba;
    msess_sink *rs = NULL;
    CHECK_ERR(msess_app_video_sink_create(&rs, &vset), 0);
    p = new_topo();
    CHECK_ERR(msess_topology_add_source_stream(p, g_src, (unsigned)g_vstream, &sn), 0);
    CHECK_ERR(msess_topology_add_tee(p, &tee), 0);
    CHECK_ERR(msess_topology_add_output(p, v1, &o1), 0);
    CHECK_ERR(msess_topology_add_output(p, rs, &o2), 0);
    CHECK_ERR(msess_node_connect(sn, 0, tee, 0), 0);
    CHECK_ERR(msess_node_connect(tee, 0, o1, 0), 0);
    CHECK_ERR(msess_node_connect(tee, 1, o2, 0), 0);
    CHECK_ERR(msess_topology_resolve(p, &full), 0);
    if (full) {
        CHECK_EQ(count_nodes(full, MSESS_NODE_TRANSFORM, MSESS_TRANSFORM_DECODER), 1);
        CHECK_EQ(count_nodes(full, MSESS_NODE_TRANSFORM, MSESS_TRANSFORM_CONVERTER), 1);
        msess_node *fo1 = msess_topology_find_node(full, msess_node_id(o1));
        msess_node *fo2 = msess_topology_find_node(full, msess_node_id(o2));
        msess_node *ft = msess_topology_find_node(full, msess_node_id(tee));
        CHECK(input_of(fo1) == ft);
        msess_node *conv = input_of(fo2);
        CHECK(conv && msess_node_transform_kind(conv) == MSESS_TRANSFORM_CONVERTER);
        CHECK(conv && input_of(conv) == ft);
    }
    msess_topology_destroy(&full);
    msess_topology_destroy(&p);

    /* An explicit decoder in the partial is kept, with its id; no second one. */
    p = new_topo();
    msess_node *dec;
    CHECK_ERR(msess_topology_add_source_stream(p, g_src, (unsigned)g_vstream, &sn), 0);
    CHECK_ERR(msess_topology_add_transform(p, MSESS_TRANSFORM_DECODER, &dec), 0);
    CHECK_ERR(msess_topology_add_output(p, v1, &o1), 0);
    CHECK_ERR(msess_node_connect(sn, 0, dec, 0), 0);
    CHECK_ERR(msess_node_connect(dec, 0, o1, 0), 0);
    CHECK_ERR(msess_topology_resolve(p, &full), 0);
    if (full) {
        CHECK_EQ(msess_topology_node_count(full), 3);
        CHECK_EQ(count_nodes(full, MSESS_NODE_TRANSFORM, MSESS_TRANSFORM_DECODER), 1);
        msess_node *fd = msess_topology_find_node(full, msess_node_id(dec));
        CHECK(fd && msess_node_transform_kind(fd) == MSESS_TRANSFORM_DECODER);
        CHECK(fd && input_of(msess_topology_find_node(full, msess_node_id(o1))) == fd);
        msess_media_type mt;
        CHECK(fd && msess_node_output_type(fd, &mt) == 0);
        if (fd) {
            CHECK(!mt.compressed);
            CHECK_EQ(mt.width, 320);
        }
    }
    msess_topology_destroy(&full);
    msess_topology_destroy(&p);

    /* An explicit converter before an RGBA sink: a decoder goes in front of
     * it and it converts to RGBA; no second converter. */
    p = new_topo();
    msess_node *conv;
    CHECK_ERR(msess_topology_add_source_stream(p, g_src, (unsigned)g_vstream, &sn), 0);
    CHECK_ERR(msess_topology_add_transform(p, MSESS_TRANSFORM_CONVERTER, &conv), 0);
    CHECK_ERR(msess_topology_add_output(p, rs, &o1), 0);
    CHECK_ERR(msess_node_connect(sn, 0, conv, 0), 0);
    CHECK_ERR(msess_node_connect(conv, 0, o1, 0), 0);
    CHECK_ERR(msess_topology_resolve(p, &full), 0);
    if (full) {
        CHECK_EQ(msess_topology_node_count(full), 4);
        CHECK_EQ(count_nodes(full, MSESS_NODE_TRANSFORM, MSESS_TRANSFORM_DECODER), 1);
        CHECK_EQ(count_nodes(full, MSESS_NODE_TRANSFORM, MSESS_TRANSFORM_CONVERTER), 1);
        msess_node *fc = msess_topology_find_node(full, msess_node_id(conv));
        msess_media_type mt;
        CHECK(fc && msess_node_output_type(fc, &mt) == 0 && mt.pixel_format == MSESS_PIX_RGBA);
        msess_node *fd = input_of(fc);
        CHECK(fd && msess_node_transform_kind(fd) == MSESS_TRANSFORM_DECODER);
    }
    msess_topology_destroy(&full);
    msess_topology_destroy(&p);

    msess_sink_destroy(&rs);
    msess_sink_destroy(&v1);
    msess_sink_destroy(&v2);
}

static void test_create_simple(void)
{
    msess_sink *vs = null_sink(MSESS_MEDIA_VIDEO), *as = null_sink(MSESS_MEDIA_AUDIO);
    msess_topology *t = NULL;
    CHECK_ERR(msess_topology_create_simple(&t, g_src, vs, as), 0);
    if (t) {
        CHECK_EQ(msess_topology_node_count(t), 4);
        CHECK_EQ(count_nodes(t, MSESS_NODE_SOURCE_STREAM, -1), 2);
        CHECK_EQ(count_nodes(t, MSESS_NODE_OUTPUT, -1), 2);
        CHECK_ERR(msess_topology_validate(t), 0);
        bool saw_v = false, saw_a = false;
        for (unsigned i = 0; i < msess_topology_node_count(t); i++) {
            msess_node *n = msess_topology_node(t, i);
            if (msess_node_get_type(n) != MSESS_NODE_OUTPUT)
                continue;
            unsigned st;
            msess_node *up = input_of(n);
            CHECK(up && msess_node_source(up, &st) == g_src);
            if (!up)
                continue;
            if (msess_node_sink(n) == vs) {
                CHECK_EQ(st, g_vstream);
                saw_v = true;
            } else if (msess_node_sink(n) == as) {
                CHECK_EQ(st, g_astream);
                saw_a = true;
            }
        }
        CHECK(saw_v && saw_a);
    }
    msess_topology_destroy(&t);

    /* Only the kinds with a sink. */
    CHECK_ERR(msess_topology_create_simple(&t, g_src, vs, NULL), 0);
    if (t) {
        CHECK_EQ(msess_topology_node_count(t), 2);
        CHECK_EQ(count_nodes(t, MSESS_NODE_OUTPUT, -1), 1);
    }
    msess_topology_destroy(&t);
    CHECK_ERR(msess_topology_create_simple(&t, g_src, NULL, as), 0);
    if (t)
        CHECK_EQ(msess_topology_node_count(t), 2);
    msess_topology_destroy(&t);

    /* Deselected streams are left out. */
    CHECK_ERR(msess_source_select_stream(g_src, (unsigned)g_astream, false), 0);
    CHECK_ERR(msess_topology_create_simple(&t, g_src, vs, as), 0);
    if (t)
        CHECK_EQ(msess_topology_node_count(t), 2);
    msess_topology_destroy(&t);
    CHECK_ERR(msess_source_select_stream(g_src, (unsigned)g_astream, true), 0);

    /* Nothing to play. */
    t = (msess_topology *)1;
    CHECK_ERR(msess_topology_create_simple(&t, g_src, NULL, NULL), MSESS_ENOENT);
    CHECK(t == NULL);
    CHECK_ERR(msess_topology_create_simple(NULL, g_src, vs, as), MSESS_EINVAL);
    CHECK_ERR(msess_topology_create_simple(&t, NULL, vs, as), MSESS_EINVAL);

    /* One video stream and one audio stream even with every stream selected:
     * a single sink plays one stream. av.mp4 has one of each, so use a source
     * with select_all and check the counts still hold. */
    msess_source_settings ss;
    msess_source_default_settings(&ss);
    ss.select_all = true;
    msess_source *all = NULL;
    CHECK_ERR(msess_source_open(&all, tu_media("av.mp4"), &ss), 0);
    if (all) {
        CHECK_ERR(msess_topology_create_simple(&t, all, vs, as), 0);
        if (t) {
            CHECK_EQ(count_nodes(t, MSESS_NODE_OUTPUT, -1), 2);
            CHECK_EQ(count_nodes(t, MSESS_NODE_SOURCE_STREAM, -1), 2);
        }
        msess_topology_destroy(&t);
        msess_source_destroy(&all);
    }
    msess_sink_destroy(&vs);
    msess_sink_destroy(&as);
}

static void test_loop(void)
{
    msess_topology *t = new_topo();
    CHECK_EQ(msess_topology_get_loop(t), 0);
    CHECK_ERR(msess_topology_set_loop(t, 3), 0);
    CHECK_EQ(msess_topology_get_loop(t), 3);
    CHECK_ERR(msess_topology_set_loop(t, -1), 0);
    CHECK_EQ(msess_topology_get_loop(t), -1);
    CHECK_ERR(msess_topology_set_loop(t, -2), MSESS_EINVAL);
    CHECK_EQ(msess_topology_get_loop(t), -1);
    CHECK_ERR(msess_topology_set_loop(t, 0), 0);
    CHECK_EQ(msess_topology_get_loop(t), 0);
    CHECK_ERR(msess_topology_set_loop(NULL, 1), MSESS_EINVAL);
    msess_topology_destroy(&t);
}

/* ---- custom loaders in a session */

typedef struct loader_state {
    atomic_int calls;
    int ret;                 /* returned instead of resolving, when < 0 */
    bool return_null;        /* succeed without a topology */
    uint64_t partial_id;     /* what it was given */
    uint64_t full_id;        /* what it returned */
    pthread_t thread;
} loader_state;

static int my_resolve(void *userdata, const msess_topology *partial, msess_topology **full)
{
    loader_state *ls = userdata;
    atomic_fetch_add(&ls->calls, 1);
    ls->thread = pthread_self();
    ls->partial_id = msess_topology_id(partial);
    if (ls->ret < 0)
        return ls->ret;
    if (ls->return_null) {
        *full = NULL;
        return 0;
    }
    int ret = msess_topology_resolve(partial, full);
    if (ret >= 0) {
        /* Mark it as ours: an extra, harmless loop count. */
        msess_topology_set_loop(*full, 5);
        ls->full_id = msess_topology_id(*full);
    }
    return ret;
}

static void test_custom_loader(void)
{
    msess_sink *vs = null_sink(MSESS_MEDIA_VIDEO), *as = null_sink(MSESS_MEDIA_AUDIO);
    msess_topology *p = NULL;
    CHECK_ERR(msess_topology_create_simple(&p, g_src, vs, as), 0);
    if (!p)
        return;
    loader_state ls = { .ret = 0 };
    msess_loader loader = { &ls, my_resolve };
    msess_session_settings set;
    msess_session_default_settings(&set);
    set.loader = &loader;
    msess_session *s = NULL;
    CHECK_ERR(msess_session_create(&s, &set), 0);
    if (!s)
        return;
    /* settings.loader is copied: the struct may go away. */
    loader.resolve = NULL;
    loader.userdata = NULL;

    msess_topology *got = NULL;
    CHECK_ERR(msess_session_get_full_topology(s, 0, &got), MSESS_ESTATE);
    CHECK(got == NULL);

    CHECK_ERR(msess_session_set_topology(s, 0, p), 0);
    msess_event ev;
    CHECK_EQ(tu_next_event(s, &ev, 10000), MSESS_EVENT_TOPOLOGY_SET);
    CHECK_ERR(ev.status, 0);
    CHECK_EQ(atomic_load(&ls.calls), 1);
    CHECK(!pthread_equal(ls.thread, pthread_self()));
    CHECK_EQ(ls.partial_id, msess_topology_id(p));
    CHECK(ev.topology != NULL);
    CHECK_EQ(msess_topology_id(ev.topology), ls.full_id);
    CHECK_EQ(msess_topology_get_loop(ev.topology), 5);
    msess_event_clear(&ev);
    TU_EXPECT(s, { MSESS_EVENT_NOTIFY_PRESENTATION_TIME, 0 },
              { MSESS_EVENT_CAPABILITIES_CHANGED, 0 },
              { MSESS_EVENT_TOPOLOGY_STATUS, MSESS_TOPOSTATUS_READY });

    CHECK_ERR(msess_session_get_full_topology(s, 0, &got), 0);
    CHECK_EQ(msess_topology_id(got), ls.full_id);
    CHECK_EQ(count_nodes(got, MSESS_NODE_TRANSFORM, MSESS_TRANSFORM_DECODER), 2);
    msess_topology_destroy(&got);
    CHECK_ERR(msess_session_get_full_topology(s, ls.full_id, &got), 0);
    CHECK_EQ(msess_topology_id(got), ls.full_id);
    msess_topology_destroy(&got);
    /* The partial is not a full topology the session holds. */
    CHECK_ERR(msess_session_get_full_topology(s, msess_topology_id(p), &got), MSESS_ESTATE);
    CHECK(got == NULL);

    /* NORESOLUTION: the loader is skipped, the topology used as given. */
    msess_topology *full = NULL;
    CHECK_ERR(msess_topology_resolve(p, &full), 0);
    uint64_t full_id = msess_topology_id(full);
    CHECK_ERR(msess_session_set_topology(s, MSESS_TOPOLOGY_NORESOLUTION, full), 0);
    CHECK_EQ(tu_next_event(s, &ev, 10000), MSESS_EVENT_TOPOLOGY_SET);
    CHECK_ERR(ev.status, 0);
    CHECK(ev.topology == full);
    msess_event_clear(&ev);
    CHECK_EQ(tu_wait_for(s, MSESS_EVENT_TOPOLOGY_STATUS, NULL, 10000), 0);
    CHECK_EQ(atomic_load(&ls.calls), 1);
    CHECK_ERR(msess_session_get_full_topology(s, 0, &got), 0);
    CHECK(got == full);
    msess_topology_destroy(&got);
    msess_topology_destroy(&full);

    /* A failing loader: TOPOLOGY_SET with its error, current one kept. */
    ls.ret = MSESS_ECODEC;
    CHECK_ERR(msess_session_set_topology(s, 0, p), 0);
    TU_EXPECT(s, { MSESS_EVENT_TOPOLOGY_SET, MSESS_ECODEC });
    CHECK_EQ(atomic_load(&ls.calls), 2);
    CHECK_ERR(msess_session_get_full_topology(s, 0, &got), 0);
    CHECK(got != NULL && msess_topology_id(got) == full_id);
    msess_topology_destroy(&got);

    /* A loader that succeeds without a topology is a failure too. */
    ls.ret = 0;
    ls.return_null = true;
    CHECK_ERR(msess_session_set_topology(s, 0, p), 0);
    int st = 0;
    CHECK_EQ(tu_wait_for(s, MSESS_EVENT_TOPOLOGY_SET, &st, 10000), 0);
    CHECK(st < 0);
    CHECK_EQ(atomic_load(&ls.calls), 3);
    /* No further event came from the failures. */
    CHECK_ERR(msess_session_pause(s), 0);
    TU_EXPECT(s, { MSESS_EVENT_PAUSED, MSESS_ESTATE });
    msess_session_destroy(&s);

    /* In a fresh session a failed load leaves it empty. */
    ls = (loader_state){ .ret = MSESS_ETOPO_UNSUPPORTED };
    loader = (msess_loader){ &ls, my_resolve };
    CHECK_ERR(msess_session_create(&s, &set), 0);
    if (s) {
        CHECK_ERR(msess_session_set_topology(s, 0, p), 0);
        TU_EXPECT(s, { MSESS_EVENT_TOPOLOGY_SET, MSESS_ETOPO_UNSUPPORTED });
        CHECK_ERR(msess_session_get_full_topology(s, 0, &got), MSESS_ESTATE);
        uint32_t caps = 99;
        CHECK_ERR(msess_session_get_capabilities(s, &caps), 0);
        CHECK_EQ(caps, 0);
        CHECK_ERR(msess_session_start(s, MSESS_TIME_NONE), 0);
        TU_EXPECT(s, { MSESS_EVENT_STARTED, MSESS_ESTATE });
        msess_session_destroy(&s);
    }

    /* A loader with no resolve function is refused at create. */
    msess_loader empty = { NULL, NULL };
    set.loader = &empty;
    s = (msess_session *)1;
    CHECK_ERR(msess_session_create(&s, &set), MSESS_EINVAL);
    CHECK(s == NULL);

    msess_topology_destroy(&p);
    msess_sink_destroy(&vs);
    msess_sink_destroy(&as);
}

/* The loader runs on the control thread: the thread events go out on. */
typedef struct thread_seen {
    msess__mutex lock;
    msess__cond cond;
    pthread_t event_thread;
    bool got_set;
    int set_status;
} thread_seen;

static void seen_cb(void *userdata, const msess_event *ev)
{
    thread_seen *ts = userdata;
    if (ev->type != MSESS_EVENT_TOPOLOGY_SET)
        return;
    msess__mutex_lock(&ts->lock);
    ts->event_thread = pthread_self();
    ts->set_status = ev->status;
    ts->got_set = true;
    msess__cond_broadcast(&ts->cond);
    msess__mutex_unlock(&ts->lock);
}

static void test_loader_thread(void)
{
    msess_sink *vs = null_sink(MSESS_MEDIA_VIDEO);
    msess_topology *p = NULL;
    CHECK_ERR(msess_topology_create_simple(&p, g_src, vs, NULL), 0);
    if (!p)
        return;
    loader_state ls = { .ret = 0 };
    msess_loader loader = { &ls, my_resolve };
    thread_seen ts = { .got_set = false };
    msess__mutex_init(&ts.lock);
    msess__cond_init(&ts.cond);
    msess_session_settings set;
    msess_session_default_settings(&set);
    set.loader = &loader;
    set.event_fn = seen_cb;
    set.event_userdata = &ts;
    msess_session *s = NULL;
    CHECK_ERR(msess_session_create(&s, &set), 0);
    if (s) {
        CHECK_ERR(msess_session_set_topology(s, 0, p), 0);
        int64_t deadline = msess_system_time(NULL) + 10 * MSESS_TIME_PER_SECOND;
        msess__mutex_lock(&ts.lock);
        while (!ts.got_set && msess__cond_wait_until(&ts.cond, &ts.lock, deadline))
            ;
        CHECK(ts.got_set);
        CHECK_ERR(ts.set_status, 0);
        CHECK_EQ(atomic_load(&ls.calls), 1);
        if (ts.got_set)
            CHECK(pthread_equal(ts.event_thread, ls.thread));
        CHECK(!pthread_equal(ls.thread, pthread_self()));
        msess__mutex_unlock(&ts.lock);
        msess_session_destroy(&s);
    }
    msess__cond_destroy(&ts.cond);
    msess__mutex_destroy(&ts.lock);
    msess_topology_destroy(&p);
    msess_sink_destroy(&vs);
}

int main(void)
{
    g_src = tu_open("av.mp4");
    g_vstream = msess_source_find_stream(g_src, MSESS_MEDIA_VIDEO);
    g_astream = msess_source_find_stream(g_src, MSESS_MEDIA_AUDIO);
    if (g_vstream < 0 || g_astream < 0) {
        fprintf(stderr, "av.mp4 lacks a video or an audio stream\n");
        return 1;
    }
    CHECK_EQ(msess_source_stream_count(g_src), 2);

    test_ids_and_inspection();
    test_connect_rules();
    test_validate();
    test_loop();
    test_resolve_null_sinks();
    test_tags();
    test_resolve_app_sinks();
    test_resolve_connect_methods();
    test_resolve_tee_and_explicit();
    test_create_simple();
    test_custom_loader();
    test_loader_thread();

    msess_source_destroy(&g_src);
    return tu_result();
}

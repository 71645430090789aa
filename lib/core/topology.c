/* Topologies: nodes, connections, validation. Resolution is in resolve.c. */
#include <string.h>

#include "core/sink.h"
#include "core/topology.h"
#include "core/util.h"

static atomic_uint_fast64_t next_id = 1;

static uint64_t new_id(void)
{
    return atomic_fetch_add(&next_id, 1);
}

int msess_topology_create(msess_topology **out)
{
    if (!out)
        return MSESS_EINVAL;
    msess_topology *t = msess__calloc(1, sizeof(*t));
    if (!t) {
        *out = NULL;
        return MSESS_ENOMEM;
    }
    atomic_init(&t->refs, 1);
    t->id = new_id();
    *out = t;
    return 0;
}

msess_topology *msess_topology_ref(msess_topology *t)
{
    if (t)
        atomic_fetch_add(&t->refs, 1);
    return t;
}

static void node_free(msess_node *n)
{
    msess_sink_destroy(&n->sink);
    msess__free(n);
}

void msess_topology_destroy(msess_topology **pt)
{
    if (!pt || !*pt)
        return;
    msess_topology *t = *pt;
    *pt = NULL;
    if (atomic_fetch_sub(&t->refs, 1) != 1)
        return;
    for (unsigned i = 0; i < t->count; i++)
        node_free(t->nodes[i]);
    msess__free(t->nodes);
    msess__free(t);
}

uint64_t msess_topology_id(const msess_topology *t)
{
    return t ? t->id : 0;
}

int msess_topology_set_loop(msess_topology *t, int count)
{
    if (!t || count < -1)
        return MSESS_EINVAL;
    t->loop = count;
    return 0;
}

int msess_topology_get_loop(const msess_topology *t)
{
    return t ? t->loop : 0;
}

static int add_node(msess_topology *t, enum msess_node_type type, uint64_t id,
                    msess_node **out)
{
    if (out)
        *out = NULL;
    if (t->count == t->cap) {
        unsigned cap = t->cap ? t->cap * 2 : 8;
        msess_node **nodes = msess__realloc(t->nodes, cap * sizeof(*nodes));
        if (!nodes)
            return MSESS_ENOMEM;
        t->nodes = nodes;
        t->cap = cap;
    }
    msess_node *n = msess__calloc(1, sizeof(*n));
    if (!n)
        return MSESS_ENOMEM;
    n->topo = t;
    n->type = type;
    n->id = id ? id : new_id();
    n->method = MSESS_CONNECT_ALLOW_DECODER;
    n->nb_outputs = type == MSESS_NODE_OUTPUT ? 0 : 1;
    t->nodes[t->count++] = n;
    if (out)
        *out = n;
    return 0;
}

int msess_topology_add_source_stream(msess_topology *t, msess_source *src,
                                     unsigned stream, msess_node **out)
{
    if (!t)
        return MSESS_EINVAL;
    msess_node *n;
    int ret = add_node(t, MSESS_NODE_SOURCE_STREAM, 0, &n);
    if (ret < 0)
        return ret;
    n->source = src;
    n->stream = stream;
    if (out)
        *out = n;
    return 0;
}

int msess_topology_add_output(msess_topology *t, msess_sink *sink, msess_node **out)
{
    if (!t)
        return MSESS_EINVAL;
    msess_node *n;
    int ret = add_node(t, MSESS_NODE_OUTPUT, 0, &n);
    if (ret < 0)
        return ret;
    n->sink = msess_sink_ref(sink);
    if (out)
        *out = n;
    return 0;
}

int msess_topology_add_transform(msess_topology *t, enum msess_transform_kind kind,
                                 msess_node **out)
{
    if (!t || (kind != MSESS_TRANSFORM_DECODER && kind != MSESS_TRANSFORM_CONVERTER))
        return MSESS_EINVAL;
    msess_node *n;
    int ret = add_node(t, MSESS_NODE_TRANSFORM, 0, &n);
    if (ret < 0)
        return ret;
    n->transform = kind;
    if (out)
        *out = n;
    return 0;
}

int msess_topology_add_tee(msess_topology *t, msess_node **out)
{
    return t ? add_node(t, MSESS_NODE_TEE, 0, out) : MSESS_EINVAL;
}

int msess__topology_add_clone(msess_topology *t, const msess_node *src, msess_node **out)
{
    msess_node *n;
    int ret = add_node(t, src->type, src->id, &n);
    if (ret < 0)
        return ret;
    n->tag = src->tag;
    n->transform = src->transform;
    n->method = src->method;
    n->source = src->source;
    n->stream = src->stream;
    n->sink = msess_sink_ref(src->sink);
    n->has_type = src->has_type;
    n->type_out = src->type_out;
    *out = n;
    return 0;
}

int msess_node_disconnect(msess_node *up, unsigned out)
{
    if (!up || out >= up->nb_outputs)
        return MSESS_EINVAL;
    msess__pin *p = &up->outputs[out];
    if (p->peer) {
        p->peer->input = (msess__pin){ 0 };
        *p = (msess__pin){ 0 };
    }
    return 0;
}

int msess_node_connect(msess_node *up, unsigned out, msess_node *down, unsigned in)
{
    if (!up || !down || up == down || up->topo != down->topo || in != 0 ||
        down->type == MSESS_NODE_SOURCE_STREAM || up->type == MSESS_NODE_OUTPUT)
        return MSESS_EINVAL;
    if (up->type == MSESS_NODE_TEE) {
        if (out >= MSESS__TEE_MAX_OUTPUTS)
            return MSESS_EINVAL;
        if (out >= up->nb_outputs)
            up->nb_outputs = out + 1;
    } else if (out != 0) {
        return MSESS_EINVAL;
    }
    msess_node_disconnect(up, out);
    if (down->input.peer)
        msess_node_disconnect(down->input.peer, down->input.peer_pin);
    up->outputs[out] = (msess__pin){ down, in };
    down->input = (msess__pin){ up, out };
    return 0;
}

int msess_topology_remove_node(msess_topology *t, msess_node *n)
{
    if (!t || !n || n->topo != t)
        return MSESS_EINVAL;
    if (n->input.peer)
        msess_node_disconnect(n->input.peer, n->input.peer_pin);
    for (unsigned i = 0; i < n->nb_outputs; i++)
        msess_node_disconnect(n, i);
    for (unsigned i = 0; i < t->count; i++) {
        if (t->nodes[i] == n) {
            memmove(&t->nodes[i], &t->nodes[i + 1], (t->count - i - 1) * sizeof(*t->nodes));
            t->count--;
            break;
        }
    }
    node_free(n);
    return 0;
}

void msess_node_set_connect_method(msess_node *n, enum msess_connect_method m)
{
    if (n)
        n->method = m;
}

void msess_node_set_tag(msess_node *n, uint64_t tag)
{
    if (n)
        n->tag = tag;
}

uint64_t msess_node_tag(const msess_node *n)
{
    return n ? n->tag : 0;
}

unsigned msess_topology_node_count(const msess_topology *t)
{
    return t ? t->count : 0;
}

msess_node *msess_topology_node(const msess_topology *t, unsigned i)
{
    return t && i < t->count ? t->nodes[i] : NULL;
}

msess_node *msess_topology_find_node(const msess_topology *t, uint64_t id)
{
    for (unsigned i = 0; t && i < t->count; i++)
        if (t->nodes[i]->id == id)
            return t->nodes[i];
    return NULL;
}

enum msess_node_type msess_node_get_type(const msess_node *n)
{
    return n->type;
}

uint64_t msess_node_id(const msess_node *n)
{
    return n ? n->id : 0;
}

unsigned msess_node_input_count(const msess_node *n)
{
    return n && n->type != MSESS_NODE_SOURCE_STREAM ? 1 : 0;
}

unsigned msess_node_output_count(const msess_node *n)
{
    return n ? n->nb_outputs : 0;
}

msess_node *msess_node_input(const msess_node *n, unsigned in, unsigned *pin)
{
    if (!n || in != 0 || !n->input.peer)
        return NULL;
    if (pin)
        *pin = n->input.peer_pin;
    return n->input.peer;
}

msess_node *msess_node_output(const msess_node *n, unsigned out, unsigned *pin)
{
    if (!n || out >= n->nb_outputs || !n->outputs[out].peer)
        return NULL;
    if (pin)
        *pin = n->outputs[out].peer_pin;
    return n->outputs[out].peer;
}

enum msess_connect_method msess_node_get_connect_method(const msess_node *n)
{
    return n ? n->method : MSESS_CONNECT_ALLOW_DECODER;
}

enum msess_transform_kind msess_node_transform_kind(const msess_node *n)
{
    return n ? n->transform : 0;
}

msess_source *msess_node_source(const msess_node *n, unsigned *stream)
{
    if (!n)
        return NULL;
    if (stream)
        *stream = n->stream;
    return n->source;
}

msess_sink *msess_node_sink(const msess_node *n)
{
    return n ? n->sink : NULL;
}

int msess_node_output_type(const msess_node *n, msess_media_type *out)
{
    if (!n || !out)
        return MSESS_EINVAL;
    if (!n->has_type)
        return MSESS_ENOENT;
    *out = n->type_out;
    return 0;
}

/* A node's upstream chain must reach a source within count steps. */
static bool reaches_source(const msess_topology *t, const msess_node *n)
{
    for (unsigned steps = 0; n && steps <= t->count; steps++) {
        if (n->type == MSESS_NODE_SOURCE_STREAM)
            return true;
        n = n->input.peer;
    }
    return false;
}

int msess_topology_validate(const msess_topology *t)
{
    if (!t)
        return MSESS_EINVAL;
    unsigned sources = 0, outputs = 0;
    for (unsigned i = 0; i < t->count; i++) {
        const msess_node *n = t->nodes[i];
        switch (n->type) {
        case MSESS_NODE_SOURCE_STREAM:
            sources++;
            if (!n->source)
                return MSESS_ETOPO_NO_SOURCE;
            if (n->stream >= msess_source_stream_count(n->source))
                return MSESS_ETOPO_NO_STREAM;
            if (!msess_source_stream_selected(n->source, n->stream))
                return MSESS_ETOPO_NOT_SELECTED;
            break;
        case MSESS_NODE_OUTPUT:
            outputs++;
            if (!n->sink)
                return MSESS_ETOPO_INVALID;
            break;
        default:
            break;
        }
    }
    if (!sources || !outputs)
        return MSESS_ETOPO_INVALID;
    for (unsigned i = 0; i < t->count; i++) {
        const msess_node *n = t->nodes[i];
        if (n->type != MSESS_NODE_SOURCE_STREAM && !reaches_source(t, n))
            return MSESS_ETOPO_INVALID;
        if (n->type != MSESS_NODE_OUTPUT) {
            bool any = false;
            for (unsigned o = 0; o < n->nb_outputs; o++)
                any |= n->outputs[o].peer != NULL;
            if (!any)
                return MSESS_ETOPO_INVALID;
        }
    }
    return 0;
}

int msess_topology_create_simple(msess_topology **out, msess_source *src,
                                 msess_sink *video, msess_sink *audio)
{
    if (!out || !src)
        return MSESS_EINVAL;
    int ret = msess_topology_create(out);
    if (ret < 0)
        return ret;
    msess_topology *t = *out;
    bool used = false;
    for (unsigned i = 0; i < msess_source_stream_count(src); i++) {
        msess_stream_info info;
        if (!msess_source_stream_selected(src, i) || msess_source_stream_info(src, i, &info))
            continue;
        msess_sink *sink = info.type.kind == MSESS_MEDIA_VIDEO ? video
                         : info.type.kind == MSESS_MEDIA_AUDIO ? audio : NULL;
        if (!sink || msess_sink_kind(sink) != info.type.kind)
            continue;
        msess_node *sn, *on;
        if ((ret = msess_topology_add_source_stream(t, src, i, &sn)) < 0 ||
            (ret = msess_topology_add_output(t, sink, &on)) < 0 ||
            (ret = msess_node_connect(sn, 0, on, 0)) < 0) {
            msess_topology_destroy(out);
            return ret;
        }
        used = true;
        /* one stream per sink: a sink plays one stream at a time */
        if (sink == video)
            video = NULL;
        else
            audio = NULL;
    }
    if (!used) {
        msess_topology_destroy(out);
        return MSESS_ENOENT;
    }
    return 0;
}

/* The default topology loader: copies a partial topology and completes each
 * branch with decoders and converters by media-type negotiation. */
#include "core/sink.h"
#include "core/topology.h"
#include "core/util.h"
#include "ff/ff.h"

typedef struct resolver {
    msess_topology *full;
    msess_source *src;   /* of the branch being resolved */
    unsigned stream;
} resolver;

/* Put a new transform between up's output pin and its peer. */
static int insert(resolver *r, msess_node *up, unsigned pin,
                  enum msess_transform_kind kind, const msess_media_type *type_out,
                  msess_node **out)
{
    msess_node *down = up->outputs[pin].peer, *n;
    int ret = msess_topology_add_transform(r->full, kind, &n);
    if (ret < 0)
        return ret;
    n->has_type = true;
    n->type_out = *type_out;
    if ((ret = msess_node_connect(up, pin, n, 0)) < 0 ||
        (ret = msess_node_connect(n, 0, down, 0)) < 0)
        return ret;
    *out = n;
    return 0;
}

static int decode_first(resolver *r, msess_node **up, unsigned *pin,
                        msess_media_type *type, enum msess_connect_method method)
{
    if (!type->compressed)
        return 0;
    if (method != MSESS_CONNECT_ALLOW_DECODER)
        return MSESS_ETOPO_UNSUPPORTED;
    msess_media_type raw;
    int ret = msess__ff_decoded_type(r->src, r->stream, &raw);
    if (ret < 0)
        return ret;
    msess_node *dec;
    if ((ret = insert(r, *up, *pin, MSESS_TRANSFORM_DECODER, &raw, &dec)) < 0)
        return ret;
    *up = dec;
    *pin = 0;
    *type = raw;
    return 0;
}

static int resolve_edge(resolver *r, msess_node *up, unsigned pin, msess_media_type type,
                        unsigned depth);

static int resolve_outputs(resolver *r, msess_node *n, const msess_media_type *type,
                           unsigned depth)
{
    n->has_type = true;
    n->type_out = *type;
    for (unsigned o = 0; o < n->nb_outputs; o++) {
        if (!n->outputs[o].peer)
            continue;
        int ret = resolve_edge(r, n, o, *type, depth + 1);
        if (ret < 0)
            return ret;
    }
    return 0;
}

static int resolve_edge(resolver *r, msess_node *up, unsigned pin, msess_media_type type,
                        unsigned depth)
{
    msess_node *down = up->outputs[pin].peer;
    if (depth > r->full->count + 8)
        return MSESS_ETOPO_INVALID;
    int ret;
    switch (down->type) {
    case MSESS_NODE_OUTPUT: {
        if ((ret = decode_first(r, &up, &pin, &type, down->method)) < 0)
            return ret;
        msess_media_type want;
        if ((ret = msess__sink_negotiate(down->sink, &type, &want)) < 0)
            return ret;
        if (msess__media_type_same(&type, &want))
            return 0;
        if (down->method == MSESS_CONNECT_DIRECT)
            return MSESS_ETOPO_UNSUPPORTED;
        msess_node *conv;
        return insert(r, up, pin, MSESS_TRANSFORM_CONVERTER, &want, &conv);
    }
    case MSESS_NODE_TEE:
        /* Decode once, before the tee, rather than once per branch. */
        if ((ret = decode_first(r, &up, &pin, &type, down->method)) < 0)
            return ret;
        return resolve_outputs(r, down, &type, depth);
    case MSESS_NODE_TRANSFORM:
        if (down->transform == MSESS_TRANSFORM_DECODER) {
            if (!type.compressed)
                return MSESS_ETOPO_UNSUPPORTED;
            msess_media_type raw;
            if ((ret = msess__ff_decoded_type(r->src, r->stream, &raw)) < 0)
                return ret;
            return resolve_outputs(r, down, &raw, depth);
        }
        if ((ret = decode_first(r, &up, &pin, &type, down->method)) < 0)
            return ret;
        /* A converter takes the type its output wants. */
        msess_node *next = down->outputs[0].peer;
        msess_media_type want = type;
        if (next && next->type == MSESS_NODE_OUTPUT &&
            (ret = msess__sink_negotiate(next->sink, &type, &want)) < 0)
            return ret;
        return resolve_outputs(r, down, &want, depth);
    default:
        return MSESS_ETOPO_INVALID;
    }
}

int msess_topology_resolve(const msess_topology *partial, msess_topology **out)
{
    if (!partial || !out)
        return MSESS_EINVAL;
    *out = NULL;
    int ret = msess_topology_validate(partial);
    if (ret < 0)
        return ret;
    msess_topology *full;
    if ((ret = msess_topology_create(&full)) < 0)
        return ret;
    full->loop = partial->loop;
    for (unsigned i = 0; i < partial->count && ret >= 0; i++) {
        msess_node *n;
        ret = msess__topology_add_clone(full, partial->nodes[i], &n);
    }
    /* Same connections, between the copies (same index). */
    for (unsigned i = 0; i < partial->count && ret >= 0; i++) {
        const msess_node *n = partial->nodes[i];
        for (unsigned o = 0; o < n->nb_outputs && ret >= 0; o++) {
            const msess__pin *p = &n->outputs[o];
            if (!p->peer)
                continue;
            unsigned j = 0;
            while (partial->nodes[j] != p->peer)
                j++;
            ret = msess_node_connect(full->nodes[i], o, full->nodes[j], p->peer_pin);
        }
    }
    unsigned count = full->count; /* inserted nodes are resolved as they go */
    for (unsigned i = 0; i < count && ret >= 0; i++) {
        msess_node *n = full->nodes[i];
        if (n->type != MSESS_NODE_SOURCE_STREAM)
            continue;
        resolver r = { full, n->source, n->stream };
        msess_stream_info info;
        if ((ret = msess_source_stream_info(n->source, n->stream, &info)) < 0)
            break;
        ret = resolve_outputs(&r, n, &info.type, 0);
    }
    if (ret < 0) {
        msess_topology_destroy(&full);
        return ret;
    }
    *out = full;
    return 0;
}

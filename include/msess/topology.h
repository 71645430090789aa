/* Topologies: graphs of source-stream, transform, tee and output nodes,
 * and the loader that resolves a partial topology into a playable one. */
#ifndef MSESS_TOPOLOGY_H
#define MSESS_TOPOLOGY_H

#include "common.h"
#include "sink.h"
#include "source.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Thread-safety: unsafe while being built; once handed to a session it must
 * not be modified (inspection is safe). Reference counted: a session keeps
 * a reference to each topology it was given and to each it resolved. */
typedef struct msess_topology msess_topology;
/* Nodes belong to their topology and live as long as it does. */
typedef struct msess_node msess_node;

/* Values are Media Foundation's MF_TOPOLOGY_TYPE. */
enum msess_node_type {
    MSESS_NODE_OUTPUT = 0,
    MSESS_NODE_SOURCE_STREAM = 1,
    MSESS_NODE_TRANSFORM = 2,
    MSESS_NODE_TEE = 3,
};

enum msess_transform_kind {
    MSESS_TRANSFORM_DECODER = 1,
    MSESS_TRANSFORM_CONVERTER = 2, /* pixel format / sample format, rate, layout */
};

/* Values are Media Foundation's MF_CONNECT_METHOD. */
enum msess_connect_method {
    MSESS_CONNECT_DIRECT = 0,
    MSESS_CONNECT_ALLOW_CONVERTER = 1,
    MSESS_CONNECT_ALLOW_DECODER = 3, /* default */
};

MSESS_API int msess_topology_create(msess_topology **out);
MSESS_API msess_topology *msess_topology_ref(msess_topology *t);
/* Drop the caller's reference and set *t to NULL. */
MSESS_API void msess_topology_destroy(msess_topology **t);
/* Unique among topologies of this process; never 0. */
MSESS_API uint64_t msess_topology_id(const msess_topology *t);

/* Play the topology `count` extra times after the first, gaplessly;
 * -1 loops forever. Default 0. */
MSESS_API int msess_topology_set_loop(msess_topology *t, int count);
MSESS_API int msess_topology_get_loop(const msess_topology *t);

/* Node constructors. The node belongs to t; *out may be NULL. A source node
 * does not own the source (the application does; it must outlive t); an
 * output node takes its own reference to the sink. */
MSESS_API int msess_topology_add_source_stream(msess_topology *t, msess_source *src,
                                               unsigned stream, msess_node **out);
MSESS_API int msess_topology_add_output(msess_topology *t, msess_sink *sink,
                                        msess_node **out);
MSESS_API int msess_topology_add_transform(msess_topology *t,
                                           enum msess_transform_kind kind,
                                           msess_node **out);
MSESS_API int msess_topology_add_tee(msess_topology *t, msess_node **out);
/* Remove a node and its connections. */
MSESS_API int msess_topology_remove_node(msess_topology *t, msess_node *node);

/* Connect output `out` of `up` to input `in` of `down`. A node output or
 * input already connected is reconnected. Tee nodes grow outputs as they
 * are connected; other nodes have one input (none for sources) and one
 * output (none for outputs). */
MSESS_API int msess_node_connect(msess_node *up, unsigned out, msess_node *down,
                                 unsigned in);
MSESS_API int msess_node_disconnect(msess_node *up, unsigned out);
MSESS_API void msess_node_set_connect_method(msess_node *node,
                                             enum msess_connect_method m);
/* An application value kept with the node (default 0). The resolved
 * topology's copy of the node has the same tag; nodes the loader inserts
 * have 0. The Media Foundation shim keeps the MF node's TOPOID there. */
MSESS_API void msess_node_set_tag(msess_node *node, uint64_t tag);
MSESS_API uint64_t msess_node_tag(const msess_node *node);

/* ---- inspection */
MSESS_API unsigned msess_topology_node_count(const msess_topology *t);
MSESS_API msess_node *msess_topology_node(const msess_topology *t, unsigned i);
MSESS_API msess_node *msess_topology_find_node(const msess_topology *t, uint64_t id);
MSESS_API enum msess_node_type msess_node_get_type(const msess_node *node);
/* Unique within the process; a resolved topology's nodes copied from the
 * partial one keep their ids. */
MSESS_API uint64_t msess_node_id(const msess_node *node);
MSESS_API unsigned msess_node_input_count(const msess_node *node);
MSESS_API unsigned msess_node_output_count(const msess_node *node);
/* Peer of an input/output, or NULL (index of the peer's pin in *pin). */
MSESS_API msess_node *msess_node_input(const msess_node *node, unsigned in,
                                       unsigned *pin);
MSESS_API msess_node *msess_node_output(const msess_node *node, unsigned out,
                                        unsigned *pin);
MSESS_API enum msess_connect_method msess_node_get_connect_method(const msess_node *n);
MSESS_API enum msess_transform_kind msess_node_transform_kind(const msess_node *node);
MSESS_API msess_source *msess_node_source(const msess_node *node, unsigned *stream);
MSESS_API msess_sink *msess_node_sink(const msess_node *node);
/* Media type on the node's output (resolved topologies), or MSESS_ENOENT. */
MSESS_API int msess_node_output_type(const msess_node *node, msess_media_type *out);

/* Check the structure: every source node has a source and an existing,
 * selected stream (MSESS_ETOPO_NO_SOURCE, _NO_STREAM, _NOT_SELECTED), every
 * branch ends in an output and nodes have their inputs connected
 * (MSESS_ETOPO_INVALID). */
MSESS_API int msess_topology_validate(const msess_topology *t);

/* ---- loader: turns a partial topology into a full one. */
typedef struct msess_loader {
    void *userdata;
    /* Build *full from partial (which it must not modify). Called on the
     * session's control thread. May call msess_topology_resolve. */
    int (*resolve)(void *userdata, const msess_topology *partial,
                   msess_topology **full);
} msess_loader;

/* The default loader. For each connection from a source stream (through
 * tees) to an output, following the downstream node's connect method:
 * connect directly when the output accepts the type; else insert a
 * converter; else a decoder, then a converter if needed. Errors:
 * MSESS_ECODEC when no decoder exists, MSESS_ETOPO_UNSUPPORTED when the
 * connect method forbids what is needed or kinds differ. On success *full
 * is a new topology (caller owns it). */
MSESS_API int msess_topology_resolve(const msess_topology *partial,
                                     msess_topology **full);

/* A topology playing one source: every selected stream to the sink of its
 * kind (NULL sinks are skipped). Helper for players. */
MSESS_API int msess_topology_create_simple(msess_topology **out, msess_source *src,
                                           msess_sink *video, msess_sink *audio);

#ifdef __cplusplus
}
#endif

#endif

/* Internal layout of topologies and nodes. */
#ifndef MSESS_CORE_TOPOLOGY_H
#define MSESS_CORE_TOPOLOGY_H

#include <stdatomic.h>

#include "msess/topology.h"

#define MSESS__TEE_MAX_OUTPUTS 16

typedef struct msess__pin {
    msess_node *peer;
    unsigned peer_pin;
} msess__pin;

struct msess_node {
    msess_topology *topo;
    enum msess_node_type type;
    uint64_t id;
    uint64_t tag;           /* msess_node_set_tag; copied by resolution */
    enum msess_transform_kind transform;
    enum msess_connect_method method;
    msess_source *source;
    unsigned stream;
    msess_sink *sink;
    msess__pin input;
    msess__pin outputs[MSESS__TEE_MAX_OUTPUTS];
    unsigned nb_outputs;    /* pins that exist: 1 (0 for outputs), tees grow */
    bool has_type;
    msess_media_type type_out;
};

struct msess_topology {
    atomic_int refs;
    uint64_t id;
    msess_node **nodes;
    unsigned count, cap;
    int loop;
};

/* Node with the same id, kind, object and method (unconnected). */
int msess__topology_add_clone(msess_topology *t, const msess_node *n, msess_node **out);

#endif

/* IMFTopology, IMFTopologyNode and IMFCollection with Windows' semantics
 * (process-unique ids, pins that grow on demand, connections that hold a
 * reference on both nodes, Windows' error codes), and the two conversions
 * the session uses: an IMFTopology to an msess topology (with SetTopology's
 * checks), and a resolved msess topology back to an IMFTopology that keeps
 * the partial topology's id, node ids, attributes and objects.
 *
 * The Windows facts come from Microsoft's documentation and from what Wine's
 * conformance tests (dlls/mf/tests, dlls/mfplat/tests) assert on Windows. */
#include <stdlib.h>
#include <string.h>
#ifndef _WIN32
#include <unistd.h>
#endif

#include "shim.h"

/* One lock for every node's pins, object, preferred types and id, and for
 * every topology's node list: a connection touches two nodes, and a single
 * lock cannot be taken in two orders. It is never held while another
 * object is called (a Release may call back into us): references are
 * dropped after unlocking (see `drops`). Attribute stores lock themselves. */
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

static void lock(void)
{
    pthread_mutex_lock(&g_lock);
}

static void unlock(void)
{
    pthread_mutex_unlock(&g_lock);
}

/* References to release once g_lock is no longer held. */
typedef struct drops {
    IUnknown *v[4];
    int n;
} drops;

static void drop_later(drops *d, void *unk)
{
    if (unk && d->n < (int)(sizeof(d->v) / sizeof(d->v[0])))
        d->v[d->n++] = unk;
}

static void drops_release(drops *d)
{
    for (int i = 0; i < d->n; i++)
        IUnknown_Release(d->v[i]);
    d->n = 0;
}

/* Topology ids count from 1 in each process, as Windows' do; node ids are
 * the process id in the high 32 bits and a counter in the low ones. */
static uint64_t next_topology_id;
static uint32_t next_node_serial;

static TOPOID new_topology_id(void)
{
    return __atomic_add_fetch(&next_topology_id, 1, __ATOMIC_RELAXED);
}

static TOPOID new_node_id(void)
{
#ifdef _WIN32
    uint64_t pid = GetCurrentProcessId();
#else
    uint64_t pid = (uint32_t)getpid();
#endif
    return (pid << 32) | __atomic_add_fetch(&next_node_serial, 1, __ATOMIC_RELAXED);
}

/* ======================================================== IMFCollection */

typedef struct collection {
    shim_obj base;
    pthread_mutex_t lock;
    IUnknown **items; /* references; NULL entries are allowed */
    DWORD count, cap;
} collection;

static void collection_destroy(void *obj)
{
    collection *c = obj;
    for (DWORD i = 0; i < c->count; i++)
        if (c->items[i])
            IUnknown_Release(c->items[i]);
    free(c->items);
    pthread_mutex_destroy(&c->lock);
}

static const shim_iface collection_ifaces[] = {
    { &IID_IMFCollection, 0 },
    { NULL, 0 },
};
static const shim_class collection_class = { "IMFCollection", collection_ifaces,
                                             collection_destroy };

SHIM_IUNKNOWN(coll_, IMFCollection, collection, base)

static collection *coll_from(IMFCollection *iface)
{
    return SHIM_FROM(collection, base, iface);
}

static HRESULT STDMETHODCALLTYPE coll_GetElementCount(IMFCollection *This, DWORD *count)
{
    collection *c = coll_from(This);
    if (!count)
        return E_POINTER;
    pthread_mutex_lock(&c->lock);
    *count = c->count;
    pthread_mutex_unlock(&c->lock);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE coll_GetElement(IMFCollection *This, DWORD index,
                                                 IUnknown **element)
{
    collection *c = coll_from(This);
    if (!element)
        return E_POINTER;
    HRESULT hr = S_OK;
    pthread_mutex_lock(&c->lock);
    if (index >= c->count) {
        hr = E_INVALIDARG; /* *element untouched, as on Windows */
    } else {
        *element = c->items[index];
        if (*element)
            IUnknown_AddRef(*element);
        else
            hr = E_UNEXPECTED; /* a NULL element */
    }
    pthread_mutex_unlock(&c->lock);
    return hr;
}

/* Make room for `count` items (lock held). */
static HRESULT coll_reserve(collection *c, DWORD count)
{
    if (count <= c->cap)
        return S_OK;
    size_t cap = c->cap ? (size_t)c->cap * 2 : 8;
    if (cap < count)
        cap = count;
    if (cap > 0xffffffffu || cap > SIZE_MAX / sizeof(*c->items))
        return E_OUTOFMEMORY;
    IUnknown **items = realloc(c->items, cap * sizeof(*items));
    if (!items)
        return E_OUTOFMEMORY;
    c->items = items;
    c->cap = (DWORD)cap;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE coll_AddElement(IMFCollection *This, IUnknown *element)
{
    collection *c = coll_from(This);
    pthread_mutex_lock(&c->lock);
    HRESULT hr = c->count == 0xffffffffu ? E_OUTOFMEMORY : coll_reserve(c, c->count + 1);
    if (SUCCEEDED(hr)) {
        c->items[c->count++] = element;
        if (element)
            IUnknown_AddRef(element);
    }
    pthread_mutex_unlock(&c->lock);
    return hr;
}

static HRESULT STDMETHODCALLTYPE coll_RemoveElement(IMFCollection *This, DWORD index,
                                                    IUnknown **element)
{
    collection *c = coll_from(This);
    if (!element)
        return E_POINTER;
    HRESULT hr = S_OK;
    pthread_mutex_lock(&c->lock);
    if (index >= c->count) {
        hr = E_INVALIDARG;
    } else {
        *element = c->items[index]; /* the collection's reference goes to the caller */
        memmove(&c->items[index], &c->items[index + 1],
                (c->count - index - 1) * sizeof(*c->items));
        c->count--;
    }
    pthread_mutex_unlock(&c->lock);
    return hr;
}

/* Past the end, the gap is filled with NULL elements (Windows does so). */
static HRESULT STDMETHODCALLTYPE coll_InsertElementAt(IMFCollection *This, DWORD index,
                                                      IUnknown *element)
{
    collection *c = coll_from(This);
    pthread_mutex_lock(&c->lock);
    DWORD need = index < c->count ? c->count + 1 : index + 1;
    HRESULT hr = (index == 0xffffffffu || c->count == 0xffffffffu) ? E_OUTOFMEMORY
                                                                    : coll_reserve(c, need);
    if (SUCCEEDED(hr)) {
        if (index < c->count) {
            memmove(&c->items[index + 1], &c->items[index],
                    (c->count - index) * sizeof(*c->items));
        } else {
            for (DWORD i = c->count; i < index; i++)
                c->items[i] = NULL;
        }
        c->items[index] = element;
        if (element)
            IUnknown_AddRef(element);
        c->count = need;
    }
    pthread_mutex_unlock(&c->lock);
    return hr;
}

static HRESULT STDMETHODCALLTYPE coll_RemoveAllElements(IMFCollection *This)
{
    collection *c = coll_from(This);
    pthread_mutex_lock(&c->lock);
    IUnknown **items = c->items;
    DWORD count = c->count;
    c->items = NULL;
    c->count = c->cap = 0;
    pthread_mutex_unlock(&c->lock);
    /* Released unlocked: an element may be the collection itself. */
    for (DWORD i = 0; i < count; i++)
        if (items[i])
            IUnknown_Release(items[i]);
    free(items);
    return S_OK;
}

static const IMFCollectionVtbl coll_vtbl = {
    SHIM_IUNKNOWN_VTBL(coll_),
    .GetElementCount = coll_GetElementCount,
    .GetElement = coll_GetElement,
    .AddElement = coll_AddElement,
    .RemoveElement = coll_RemoveElement,
    .InsertElementAt = coll_InsertElementAt,
    .RemoveAllElements = coll_RemoveAllElements,
};

static HRESULT collection_create(IMFCollection **out)
{
    collection *c = shim_obj_new(sizeof(*c), &collection_class, &coll_vtbl);
    if (!c)
        return E_OUTOFMEMORY;
    pthread_mutex_init(&c->lock, NULL);
    *out = (IMFCollection *)&c->base;
    return S_OK;
}

#if defined(__MINGW32__) && !defined(__cplusplus)
/* mingw-w64's mfapi.h declares it for C++ only. */
HRESULT WINAPI MFCreateCollection(IMFCollection **out);
#endif

HRESULT WINAPI MFCreateCollection(IMFCollection **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    return collection_create(out);
}

/* ====================================================== IMFTopologyNode */

typedef struct topo_node topo_node;

/* An input or output of a node. A connection is recorded on both sides and
 * holds a reference on each node, as on Windows. */
typedef struct pin {
    topo_node *peer;
    DWORD peer_pin;
    IMFMediaType *pref; /* preferred type (a reference) or NULL */
    /* Resolved topologies: the type msess connected here (a reference),
     * for MFGetTopoNodeCurrentType; NULL elsewhere. */
    IMFMediaType *cur;
} pin;

typedef struct pins {
    pin *v;
    DWORD count, cap;
} pins;

struct topo_node {
    shim_obj base;
    shim_attrs attrs;
    MF_TOPOLOGY_TYPE type;
    TOPOID id;
    IUnknown *object;
    pins in, out;
    /* A tee's input type set while it has no input: it becomes input 0's
     * preferred type when the first input is connected (Windows does so). */
    IMFMediaType *tee_in_type;
    /* Decoder or converter node the loader inserted (0 for others): lets
     * a resolved topology given back to SetTopology be converted again. */
    enum msess_transform_kind inserted;
};

static void pins_free(pins *p)
{
    for (DWORD i = 0; i < p->count; i++) {
        if (p->v[i].pref)
            IMFMediaType_Release(p->v[i].pref);
        if (p->v[i].cur)
            IMFMediaType_Release(p->v[i].cur);
    }
    free(p->v);
}

static void node_destroy(void *obj)
{
    topo_node *n = obj;
    /* Connections hold references, so a node being destroyed has none. */
    if (n->object)
        IUnknown_Release(n->object);
    if (n->tee_in_type)
        IMFMediaType_Release(n->tee_in_type);
    pins_free(&n->in);
    pins_free(&n->out);
    shim_attrs_free(&n->attrs);
}

static const shim_iface node_ifaces[] = {
    { &IID_IMFTopologyNode, 0 },
    { &IID_IMFAttributes, 0 },
    { NULL, 0 },
};
static const shim_class node_class = { "IMFTopologyNode", node_ifaces, node_destroy };

SHIM_IUNKNOWN(node_, IMFTopologyNode, topo_node, base)
SHIM_ATTRIBUTES(node_, IMFTopologyNode, topo_node)

static topo_node *node_from(IMFTopologyNode *iface)
{
    return SHIM_FROM(topo_node, base, iface);
}

static IMFTopologyNode *node_iface(topo_node *n)
{
    return (IMFTopologyNode *)&n->base;
}

/* Our node behind an interface pointer, or NULL for a foreign one. */
static topo_node *node_cast(IMFTopologyNode *iface)
{
    return shim_obj_cast((IUnknown *)iface, &node_class);
}

/* Grow p so that pin `index` exists (new pins are unconnected, untyped). */
static HRESULT pins_reserve(pins *p, DWORD index)
{
    if (index < p->count)
        return S_OK;
    if (index == 0xffffffffu)
        return E_INVALIDARG;
    if (index >= p->cap) {
        size_t cap = p->cap ? (size_t)p->cap * 2 : 4;
        if (cap <= index)
            cap = (size_t)index + 1;
        if (cap > 0xffffffffu || cap > SIZE_MAX / sizeof(pin))
            return E_OUTOFMEMORY;
        pin *v = realloc(p->v, cap * sizeof(*v));
        if (!v)
            return E_OUTOFMEMORY;
        p->v = v;
        p->cap = (DWORD)cap;
    }
    memset(&p->v[p->count], 0, (index + 1 - p->count) * sizeof(pin));
    p->count = index + 1;
    return S_OK;
}

/* Break the connection of up's output `index`, if any (g_lock held). */
static void unlink_output(topo_node *up, DWORD index, drops *d)
{
    pin *o = &up->out.v[index];
    topo_node *down = o->peer;
    if (!down)
        return;
    if (o->peer_pin < down->in.count && down->in.v[o->peer_pin].peer == up) {
        down->in.v[o->peer_pin].peer = NULL;
        down->in.v[o->peer_pin].peer_pin = 0;
    }
    o->peer = NULL;
    o->peer_pin = 0;
    drop_later(d, &down->base); /* up's output held down */
    drop_later(d, &up->base);   /* down's input held up */
}

/* Break every connection of n, one at a time (the caller holds a reference
 * on n, so it outlives the releases). */
static void node_disconnect_all(topo_node *n)
{
    for (;;) {
        drops d = { .n = 0 };
        lock();
        for (DWORD i = 0; i < n->out.count && !d.n; i++)
            unlink_output(n, i, &d);
        for (DWORD i = 0; i < n->in.count && !d.n; i++) {
            pin *p = &n->in.v[i];
            if (p->peer && p->peer_pin < p->peer->out.count)
                unlink_output(p->peer, p->peer_pin, &d);
        }
        unlock();
        if (!d.n)
            return;
        drops_release(&d);
    }
}

static HRESULT STDMETHODCALLTYPE node_SetObject(IMFTopologyNode *This, IUnknown *object)
{
    topo_node *n = node_from(This);
    if (object)
        IUnknown_AddRef(object);
    lock();
    IUnknown *old = n->object;
    n->object = object;
    unlock();
    if (old)
        IUnknown_Release(old);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE node_GetObject(IMFTopologyNode *This, IUnknown **object)
{
    topo_node *n = node_from(This);
    if (!object)
        return E_POINTER;
    lock();
    *object = n->object;
    if (*object)
        IUnknown_AddRef(*object);
    unlock();
    return *object ? S_OK : E_FAIL;
}

static HRESULT STDMETHODCALLTYPE node_GetNodeType(IMFTopologyNode *This, MF_TOPOLOGY_TYPE *type)
{
    if (!type)
        return E_POINTER;
    *type = node_from(This)->type;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE node_GetTopoNodeID(IMFTopologyNode *This, TOPOID *id)
{
    topo_node *n = node_from(This);
    if (!id)
        return E_POINTER;
    lock();
    *id = n->id;
    unlock();
    return S_OK;
}

/* Windows accepts any id, even one another node of the same topology has. */
static HRESULT STDMETHODCALLTYPE node_SetTopoNodeID(IMFTopologyNode *This, TOPOID id)
{
    topo_node *n = node_from(This);
    lock();
    n->id = id;
    unlock();
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE node_GetInputCount(IMFTopologyNode *This, DWORD *count)
{
    topo_node *n = node_from(This);
    if (!count)
        return E_POINTER;
    lock();
    *count = n->in.count;
    unlock();
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE node_GetOutputCount(IMFTopologyNode *This, DWORD *count)
{
    topo_node *n = node_from(This);
    if (!count)
        return E_POINTER;
    lock();
    *count = n->out.count;
    unlock();
    return S_OK;
}

/* Connect output `out` of up to input `in` of down. Pins grow as needed on
 * every kind of node (Windows lets a source node have a second output); a
 * pin already connected is first disconnected. */
static HRESULT connect_output(topo_node *up, DWORD out, topo_node *down, DWORD in)
{
    if (up == down)
        return E_INVALIDARG; /* documented: a node cannot connect to itself */
    if (up->type == MF_TOPOLOGY_OUTPUT_NODE || down->type == MF_TOPOLOGY_SOURCESTREAM_NODE)
        return E_FAIL; /* documented for output nodes */
    drops d = { .n = 0 };
    lock();
    DWORD had_inputs = down->in.count;
    HRESULT hr = pins_reserve(&up->out, out);
    if (SUCCEEDED(hr))
        hr = pins_reserve(&down->in, in);
    if (SUCCEEDED(hr)) {
        if (!had_inputs && down->tee_in_type) {
            down->in.v[0].pref = down->tee_in_type;
            down->tee_in_type = NULL;
        }
        unlink_output(up, out, &d);
        pin *ip = &down->in.v[in];
        if (ip->peer && ip->peer_pin < ip->peer->out.count)
            unlink_output(ip->peer, ip->peer_pin, &d);
        up->out.v[out].peer = down;
        up->out.v[out].peer_pin = in;
        ip->peer = up;
        ip->peer_pin = out;
        shim_obj_addref(&down->base);
        shim_obj_addref(&up->base);
    }
    unlock();
    drops_release(&d);
    return hr;
}

static HRESULT STDMETHODCALLTYPE node_ConnectOutput(IMFTopologyNode *This, DWORD out,
                                                    IMFTopologyNode *peer, DWORD in)
{
    if (!peer)
        return E_POINTER;
    topo_node *down = node_cast(peer);
    if (!down)
        return E_UNEXPECTED; /* nodes of other implementations cannot be linked */
    return connect_output(node_from(This), out, down, in);
}

static HRESULT STDMETHODCALLTYPE node_DisconnectOutput(IMFTopologyNode *This, DWORD out)
{
    topo_node *n = node_from(This);
    drops d = { .n = 0 };
    HRESULT hr = S_OK;
    lock();
    if (out >= n->out.count)
        hr = E_INVALIDARG;
    else if (!n->out.v[out].peer)
        hr = MF_E_NOT_FOUND;
    else
        unlink_output(n, out, &d);
    unlock();
    drops_release(&d);
    return hr;
}

/* The peer of pin `index` of p (g_lock held). */
static HRESULT pin_peer(pins *p, DWORD index, IMFTopologyNode **node, DWORD *peer_pin)
{
    if (index >= p->count)
        return E_INVALIDARG;
    if (!p->v[index].peer)
        return MF_E_NOT_FOUND;
    *node = node_iface(p->v[index].peer);
    IMFTopologyNode_AddRef(*node);
    *peer_pin = p->v[index].peer_pin;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE node_GetInput(IMFTopologyNode *This, DWORD in,
                                               IMFTopologyNode **node, DWORD *out)
{
    topo_node *n = node_from(This);
    if (!node || !out)
        return E_POINTER;
    lock();
    HRESULT hr = pin_peer(&n->in, in, node, out);
    unlock();
    return hr;
}

static HRESULT STDMETHODCALLTYPE node_GetOutput(IMFTopologyNode *This, DWORD out,
                                                IMFTopologyNode **node, DWORD *in)
{
    topo_node *n = node_from(This);
    if (!node || !in)
        return E_POINTER;
    lock();
    HRESULT hr = pin_peer(&n->out, out, node, in);
    unlock();
    return hr;
}

/* Replace a preferred type (g_lock held); the old one is released later. */
static void set_pref(IMFMediaType **slot, IMFMediaType *type, drops *d)
{
    drop_later(d, *slot);
    *slot = type;
    if (type)
        IMFMediaType_AddRef(type);
}

static HRESULT get_pref(IMFMediaType *type, IMFMediaType **out)
{
    *out = type;
    if (!type)
        return E_FAIL;
    IMFMediaType_AddRef(type);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE node_SetOutputPrefType(IMFTopologyNode *This, DWORD index,
                                                        IMFMediaType *type)
{
    topo_node *n = node_from(This);
    if (n->type == MF_TOPOLOGY_OUTPUT_NODE)
        return E_NOTIMPL;
    drops d = { .n = 0 };
    lock();
    HRESULT hr = pins_reserve(&n->out, index);
    if (SUCCEEDED(hr))
        set_pref(&n->out.v[index].pref, type, &d);
    unlock();
    drops_release(&d);
    return hr;
}

static HRESULT STDMETHODCALLTYPE node_GetOutputPrefType(IMFTopologyNode *This, DWORD index,
                                                        IMFMediaType **type)
{
    topo_node *n = node_from(This);
    if (!type)
        return E_POINTER;
    lock();
    HRESULT hr = index < n->out.count ? get_pref(n->out.v[index].pref, type) : E_INVALIDARG;
    unlock();
    return hr;
}

/* Tees have one input type (index 0 only: MF_E_INVALIDTYPE otherwise);
 * source nodes have none (E_NOTIMPL); others grow their inputs. */
static HRESULT STDMETHODCALLTYPE node_SetInputPrefType(IMFTopologyNode *This, DWORD index,
                                                       IMFMediaType *type)
{
    topo_node *n = node_from(This);
    if (n->type == MF_TOPOLOGY_SOURCESTREAM_NODE)
        return E_NOTIMPL;
    if (n->type == MF_TOPOLOGY_TEE_NODE && index)
        return MF_E_INVALIDTYPE;
    drops d = { .n = 0 };
    HRESULT hr = S_OK;
    lock();
    if (n->type == MF_TOPOLOGY_TEE_NODE && !n->in.count)
        set_pref(&n->tee_in_type, type, &d);
    else if (SUCCEEDED(hr = pins_reserve(&n->in, index)))
        set_pref(&n->in.v[index].pref, type, &d);
    unlock();
    drops_release(&d);
    return hr;
}

static HRESULT STDMETHODCALLTYPE node_GetInputPrefType(IMFTopologyNode *This, DWORD index,
                                                       IMFMediaType **type)
{
    topo_node *n = node_from(This);
    if (!type)
        return E_POINTER;
    HRESULT hr = E_INVALIDARG;
    lock();
    if (index < n->in.count)
        hr = get_pref(n->in.v[index].pref, type);
    else if (n->type == MF_TOPOLOGY_TEE_NODE && !index && n->tee_in_type)
        hr = get_pref(n->tee_in_type, type);
    unlock();
    return hr;
}

/* Copy attributes, object, id and preferred types of another node of the
 * same type (MF_E_INVALIDREQUEST otherwise); connections are not copied,
 * and pins this node has beyond the source's are kept. */
static HRESULT STDMETHODCALLTYPE node_CloneFrom(IMFTopologyNode *This, IMFTopologyNode *src)
{
    topo_node *n = node_from(This);
    if (!src)
        return E_POINTER;
    if (src == This)
        return S_OK;
    MF_TOPOLOGY_TYPE type;
    TOPOID id;
    HRESULT hr = IMFTopologyNode_GetNodeType(src, &type);
    if (FAILED(hr))
        return hr;
    if (type != n->type)
        return MF_E_INVALIDREQUEST;
    if (FAILED(hr = IMFTopologyNode_GetTopoNodeID(src, &id)))
        return hr;
    shim_attrs_DeleteAllItems(&n->attrs);
    if (FAILED(hr = IMFTopologyNode_CopyAllItems(src, (IMFAttributes *)This)))
        return hr;
    IUnknown *object = NULL;
    IMFTopologyNode_GetObject(src, &object);
    node_SetObject(This, object);
    if (object)
        IUnknown_Release(object);
    node_SetTopoNodeID(This, id);
    topo_node *theirs = node_cast(src);
    if (theirs)
        n->inserted = theirs->inserted;

    DWORD count = 0;
    IMFMediaType *mt;
    if (SUCCEEDED(IMFTopologyNode_GetInputCount(src, &count)))
        for (DWORD i = 0; i < count; i++)
            if (SUCCEEDED(IMFTopologyNode_GetInputPrefType(src, i, &mt))) {
                node_SetInputPrefType(This, i, mt);
                IMFMediaType_Release(mt);
            }
    if (SUCCEEDED(IMFTopologyNode_GetOutputCount(src, &count)))
        for (DWORD i = 0; i < count; i++)
            if (SUCCEEDED(IMFTopologyNode_GetOutputPrefType(src, i, &mt))) {
                node_SetOutputPrefType(This, i, mt);
                IMFMediaType_Release(mt);
            }
    return S_OK;
}

static const IMFTopologyNodeVtbl node_vtbl = {
    SHIM_IUNKNOWN_VTBL(node_),
    SHIM_ATTRIBUTES_VTBL(node_),
    .SetObject = node_SetObject,
    .GetObject = node_GetObject,
    .GetNodeType = node_GetNodeType,
    .GetTopoNodeID = node_GetTopoNodeID,
    .SetTopoNodeID = node_SetTopoNodeID,
    .GetInputCount = node_GetInputCount,
    .GetOutputCount = node_GetOutputCount,
    .ConnectOutput = node_ConnectOutput,
    .DisconnectOutput = node_DisconnectOutput,
    .GetInput = node_GetInput,
    .GetOutput = node_GetOutput,
    .SetOutputPrefType = node_SetOutputPrefType,
    .GetOutputPrefType = node_GetOutputPrefType,
    .SetInputPrefType = node_SetInputPrefType,
    .GetInputPrefType = node_GetInputPrefType,
    .CloneFrom = node_CloneFrom,
};

static HRESULT node_create(MF_TOPOLOGY_TYPE type, topo_node **out)
{
    topo_node *n = shim_attrs_obj_new(sizeof(*n), &node_class, &node_vtbl, offsetof(topo_node, attrs));
    if (!n)
        return E_OUTOFMEMORY;
    n->type = type;
    n->id = new_node_id();
    *out = n;
    return S_OK;
}

/* A new node has no inputs and no outputs, whatever its type: pins appear
 * as they are connected or given a preferred type. */
HRESULT WINAPI MFCreateTopologyNode(MF_TOPOLOGY_TYPE type, IMFTopologyNode **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    if (type != MF_TOPOLOGY_OUTPUT_NODE && type != MF_TOPOLOGY_SOURCESTREAM_NODE &&
        type != MF_TOPOLOGY_TRANSFORM_NODE && type != MF_TOPOLOGY_TEE_NODE)
        return E_INVALIDARG;
    topo_node *n;
    HRESULT hr = node_create(type, &n);
    if (SUCCEEDED(hr))
        *out = node_iface(n);
    return hr;
}

/* ========================================================== IMFTopology */

typedef struct topology {
    shim_obj base;
    shim_attrs attrs;
    TOPOID id;
    topo_node **nodes; /* references */
    size_t count, cap;
} topology;

/* Take the node list out and drop it: every node loses its connections
 * (which also breaks the cycles connections make) and the reference the
 * topology held. */
static void topology_clear(topology *t)
{
    lock();
    topo_node **nodes = t->nodes;
    size_t count = t->count;
    t->nodes = NULL;
    t->count = t->cap = 0;
    unlock();
    for (size_t i = 0; i < count; i++) {
        node_disconnect_all(nodes[i]);
        shim_obj_release(&nodes[i]->base);
    }
    free(nodes);
}

static void topology_destroy(void *obj)
{
    topology *t = obj;
    topology_clear(t);
    shim_attrs_free(&t->attrs);
}

static const shim_iface topology_ifaces[] = {
    { &IID_IMFTopology, 0 },
    { &IID_IMFAttributes, 0 },
    { NULL, 0 },
};
static const shim_class topology_class = { "IMFTopology", topology_ifaces, topology_destroy };

SHIM_IUNKNOWN(topo_, IMFTopology, topology, base)
SHIM_ATTRIBUTES(topo_, IMFTopology, topology)

static topology *topo_from(IMFTopology *iface)
{
    return SHIM_FROM(topology, base, iface);
}

static HRESULT STDMETHODCALLTYPE topo_GetTopologyID(IMFTopology *This, TOPOID *id)
{
    if (!id)
        return E_POINTER;
    *id = topo_from(This)->id;
    return S_OK;
}

/* Index of the first node with this id, or -1 (g_lock held). */
static ptrdiff_t find_id(const topology *t, TOPOID id)
{
    for (size_t i = 0; i < t->count; i++)
        if (t->nodes[i]->id == id)
            return (ptrdiff_t)i;
    return -1;
}

/* A node whose id is already there (the same node added twice included)
 * is refused with E_INVALIDARG, as on Windows. */
static HRESULT topology_add(topology *t, topo_node *n)
{
    HRESULT hr = S_OK;
    lock();
    if (find_id(t, n->id) >= 0 || t->count >= 0xffff) {
        hr = E_INVALIDARG; /* GetNodeCount counts in a WORD */
    } else if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 8;
        topo_node **nodes = realloc(t->nodes, cap * sizeof(*nodes));
        if (nodes) {
            t->nodes = nodes;
            t->cap = cap;
        } else {
            hr = E_OUTOFMEMORY;
        }
    }
    if (SUCCEEDED(hr)) {
        t->nodes[t->count++] = n;
        shim_obj_addref(&n->base);
    }
    unlock();
    return hr;
}

static HRESULT STDMETHODCALLTYPE topo_AddNode(IMFTopology *This, IMFTopologyNode *node)
{
    if (!node)
        return E_POINTER;
    topo_node *n = node_cast(node);
    if (!n)
        return E_INVALIDARG;
    return topology_add(topo_from(This), n);
}

/* The node itself must be in the topology (a node with the same id is not
 * enough: E_INVALIDARG). Its connections are broken. */
static HRESULT STDMETHODCALLTYPE topo_RemoveNode(IMFTopology *This, IMFTopologyNode *node)
{
    topology *t = topo_from(This);
    if (!node)
        return E_POINTER;
    topo_node *found = NULL;
    lock();
    for (size_t i = 0; i < t->count; i++) {
        if (node_iface(t->nodes[i]) == node) {
            found = t->nodes[i];
            memmove(&t->nodes[i], &t->nodes[i + 1], (t->count - i - 1) * sizeof(*t->nodes));
            t->count--;
            break;
        }
    }
    unlock();
    if (!found)
        return E_INVALIDARG;
    node_disconnect_all(found);
    shim_obj_release(&found->base);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE topo_GetNodeCount(IMFTopology *This, WORD *count)
{
    topology *t = topo_from(This);
    if (!count)
        return E_POINTER;
    lock();
    *count = (WORD)t->count;
    unlock();
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE topo_GetNode(IMFTopology *This, WORD index,
                                              IMFTopologyNode **node)
{
    topology *t = topo_from(This);
    if (!node)
        return E_POINTER;
    HRESULT hr = MF_E_INVALIDINDEX;
    lock();
    if (index < t->count) {
        *node = node_iface(t->nodes[index]);
        IMFTopologyNode_AddRef(*node);
        hr = S_OK;
    }
    unlock();
    return hr;
}

static HRESULT STDMETHODCALLTYPE topo_Clear(IMFTopology *This)
{
    topology_clear(topo_from(This));
    return S_OK;
}

/* Connect the copies the way src's nodes are connected, finding the peers
 * by id among our nodes. */
static void clone_connections(topology *t, IMFTopology *src, WORD count)
{
    for (WORD i = 0; i < count; i++) {
        IMFTopologyNode *sn;
        if (FAILED(IMFTopology_GetNode(src, i, &sn)))
            continue;
        TOPOID id;
        DWORD outs = 0;
        IMFTopologyNode_GetTopoNodeID(sn, &id);
        IMFTopologyNode_GetOutputCount(sn, &outs);
        for (DWORD o = 0; o < outs; o++) {
            IMFTopologyNode *peer;
            DWORD in;
            TOPOID peer_id;
            if (FAILED(IMFTopologyNode_GetOutput(sn, o, &peer, &in)))
                continue;
            IMFTopologyNode_GetTopoNodeID(peer, &peer_id);
            IMFTopologyNode_Release(peer);
            lock();
            ptrdiff_t a = find_id(t, id), b = find_id(t, peer_id);
            topo_node *up = a >= 0 ? t->nodes[a] : NULL, *down = b >= 0 ? t->nodes[b] : NULL;
            if (up && down) {
                shim_obj_addref(&up->base);
                shim_obj_addref(&down->base);
            }
            unlock();
            if (up && down) {
                connect_output(up, o, down, in);
                shim_obj_release(&up->base);
                shim_obj_release(&down->base);
            }
        }
        IMFTopologyNode_Release(sn);
    }
}

/* Replace everything with copies of src's nodes (same ids, attributes,
 * objects, preferred types), its connections, attributes and id. */
static HRESULT STDMETHODCALLTYPE topo_CloneFrom(IMFTopology *This, IMFTopology *src)
{
    topology *t = topo_from(This);
    if (!src)
        return E_POINTER;
    if (src == This)
        return S_OK;
    topology_clear(t);
    WORD count = 0;
    HRESULT hr = IMFTopology_GetNodeCount(src, &count);
    for (WORD i = 0; i < count && SUCCEEDED(hr); i++) {
        IMFTopologyNode *sn;
        MF_TOPOLOGY_TYPE type;
        topo_node *n = NULL;
        if (FAILED(hr = IMFTopology_GetNode(src, i, &sn)))
            break;
        if (SUCCEEDED(hr = IMFTopologyNode_GetNodeType(sn, &type)) &&
            SUCCEEDED(hr = node_create(type, &n)) &&
            SUCCEEDED(hr = node_CloneFrom(node_iface(n), sn)))
            hr = topology_add(t, n);
        if (n)
            shim_obj_release(&n->base);
        IMFTopologyNode_Release(sn);
    }
    if (SUCCEEDED(hr))
        clone_connections(t, src, count);
    if (SUCCEEDED(hr)) {
        shim_attrs_DeleteAllItems(&t->attrs);
        hr = IMFTopology_CopyAllItems(src, (IMFAttributes *)This);
    }
    if (SUCCEEDED(hr))
        hr = IMFTopology_GetTopologyID(src, &t->id);
    return hr;
}

static HRESULT STDMETHODCALLTYPE topo_GetNodeByID(IMFTopology *This, TOPOID id,
                                                  IMFTopologyNode **node)
{
    topology *t = topo_from(This);
    if (!node)
        return E_POINTER;
    *node = NULL;
    lock();
    ptrdiff_t i = find_id(t, id);
    if (i >= 0) {
        *node = node_iface(t->nodes[i]);
        IMFTopologyNode_AddRef(*node);
    }
    unlock();
    return *node ? S_OK : MF_E_NOT_FOUND;
}

/* A new collection of the nodes of one type, in topology order. */
static HRESULT nodes_of_type(topology *t, MF_TOPOLOGY_TYPE type, IMFCollection **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    IMFCollection *c;
    HRESULT hr = collection_create(&c);
    if (FAILED(hr))
        return hr;
    lock();
    for (size_t i = 0; i < t->count && SUCCEEDED(hr); i++)
        if (t->nodes[i]->type == type)
            hr = coll_AddElement(c, (IUnknown *)node_iface(t->nodes[i]));
    unlock();
    if (FAILED(hr)) {
        IMFCollection_Release(c);
        return hr;
    }
    *out = c;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE topo_GetSourceNodeCollection(IMFTopology *This,
                                                              IMFCollection **out)
{
    return nodes_of_type(topo_from(This), MF_TOPOLOGY_SOURCESTREAM_NODE, out);
}

static HRESULT STDMETHODCALLTYPE topo_GetOutputNodeCollection(IMFTopology *This,
                                                              IMFCollection **out)
{
    return nodes_of_type(topo_from(This), MF_TOPOLOGY_OUTPUT_NODE, out);
}

static const IMFTopologyVtbl topo_vtbl = {
    SHIM_IUNKNOWN_VTBL(topo_),
    SHIM_ATTRIBUTES_VTBL(topo_),
    .GetTopologyID = topo_GetTopologyID,
    .AddNode = topo_AddNode,
    .RemoveNode = topo_RemoveNode,
    .GetNodeCount = topo_GetNodeCount,
    .GetNode = topo_GetNode,
    .Clear = topo_Clear,
    .CloneFrom = topo_CloneFrom,
    .GetNodeByID = topo_GetNodeByID,
    .GetSourceNodeCollection = topo_GetSourceNodeCollection,
    .GetOutputNodeCollection = topo_GetOutputNodeCollection,
};

static HRESULT topology_create(TOPOID id, topology **out)
{
    topology *t = shim_attrs_obj_new(sizeof(*t), &topology_class, &topo_vtbl, offsetof(topology, attrs));
    if (!t)
        return E_OUTOFMEMORY;
    t->id = id;
    *out = t;
    return S_OK;
}

HRESULT WINAPI MFCreateTopology(IMFTopology **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    topology *t;
    HRESULT hr = topology_create(new_topology_id(), &t);
    if (SUCCEEDED(hr))
        *out = (IMFTopology *)&t->base;
    return hr;
}

/* ============================================ IMFTopology -> msess topology */

/* Is sd one of pd's streams, and selected? (Windows compares the objects.) */
static HRESULT check_selected(IMFPresentationDescriptor *pd, IMFStreamDescriptor *sd)
{
    DWORD count = 0;
    if (FAILED(IMFPresentationDescriptor_GetStreamDescriptorCount(pd, &count)))
        return MF_E_TOPO_STREAM_DESCRIPTOR_NOT_SELECTED;
    for (DWORD i = 0; i < count; i++) {
        BOOL selected = FALSE;
        IMFStreamDescriptor *x;
        if (FAILED(IMFPresentationDescriptor_GetStreamDescriptorByIndex(pd, i, &selected, &x)))
            break;
        IMFStreamDescriptor_Release(x);
        if (x == sd)
            return selected ? S_OK : MF_E_TOPO_STREAM_DESCRIPTOR_NOT_SELECTED;
    }
    return MF_E_TOPO_STREAM_DESCRIPTOR_NOT_SELECTED;
}

/* The three attributes of a source node, checked in Windows' order. On
 * success the caller owns the three references. */
static HRESULT source_node_parts(IMFTopologyNode *n, IMFMediaSource **src,
                                 IMFPresentationDescriptor **pd, IMFStreamDescriptor **sd)
{
    *src = NULL;
    *pd = NULL;
    *sd = NULL;
    HRESULT hr = S_OK;
    if (FAILED(IMFTopologyNode_GetUnknown(n, &MF_TOPONODE_SOURCE, &IID_IMFMediaSource,
                                          (void **)src)))
        hr = MF_E_TOPO_MISSING_SOURCE;
    else if (FAILED(IMFTopologyNode_GetUnknown(n, &MF_TOPONODE_PRESENTATION_DESCRIPTOR,
                                               &IID_IMFPresentationDescriptor, (void **)pd)))
        hr = MF_E_TOPO_MISSING_PRESENTATION_DESCRIPTOR;
    else if (FAILED(IMFTopologyNode_GetUnknown(n, &MF_TOPONODE_STREAM_DESCRIPTOR,
                                               &IID_IMFStreamDescriptor, (void **)sd)))
        hr = MF_E_TOPO_MISSING_STREAM_DESCRIPTOR;
    else
        hr = check_selected(*pd, *sd);
    if (FAILED(hr)) {
        SHIM_RELEASE(*src);
        SHIM_RELEASE(*pd);
        SHIM_RELEASE(*sd);
    }
    return hr;
}

HRESULT shim_topology_check(IMFTopology *topo)
{
    if (!topo)
        return E_POINTER;
    WORD count = 0;
    if (FAILED(IMFTopology_GetNodeCount(topo, &count)) || !count)
        return E_INVALIDARG;
    HRESULT hr = S_OK;
    for (WORD i = 0; i < count && SUCCEEDED(hr); i++) {
        IMFTopologyNode *n;
        MF_TOPOLOGY_TYPE type;
        if (FAILED(hr = IMFTopology_GetNode(topo, i, &n)))
            break;
        if (SUCCEEDED(hr = IMFTopologyNode_GetNodeType(n, &type)) &&
            type == MF_TOPOLOGY_SOURCESTREAM_NODE) {
            IMFMediaSource *src;
            IMFPresentationDescriptor *pd;
            IMFStreamDescriptor *sd;
            if (SUCCEEDED(hr = source_node_parts(n, &src, &pd, &sd))) {
                IMFMediaSource_Release(src);
                IMFPresentationDescriptor_Release(pd);
                IMFStreamDescriptor_Release(sd);
            }
        }
        IMFTopologyNode_Release(n);
    }
    return hr;
}

static HRESULT add_source_node(msess_topology *t, IMFTopologyNode *n, msess_node **out)
{
    IMFMediaSource *src;
    IMFPresentationDescriptor *pd;
    IMFStreamDescriptor *sd;
    HRESULT hr = source_node_parts(n, &src, &pd, &sd);
    if (FAILED(hr))
        return hr;
    msess_source *ms = shim_media_source_get((IUnknown *)src);
    DWORD stream = 0;
    if (!ms) {
        hr = MF_E_TOPO_UNSUPPORTED; /* a media source of another implementation */
    } else if (FAILED(hr = IMFStreamDescriptor_GetStreamIdentifier(sd, &stream))) {
        /* hr says why */
    } else if (stream >= msess_source_stream_count(ms)) {
        hr = MF_E_TOPO_UNSUPPORTED; /* a descriptor of another source */
    } else if (SUCCEEDED(hr = shim_media_source_select((IUnknown *)src, pd))) {
        /* The source demuxes the streams pd selects (which is what a
         * source started with pd delivers on Windows). */
        hr = shim_hr(msess_topology_add_source_stream(t, ms, stream, out));
    }
    IMFMediaSource_Release(src);
    IMFPresentationDescriptor_Release(pd);
    IMFStreamDescriptor_Release(sd);
    return hr;
}

static HRESULT add_output_node(msess_topology *t, IMFTopologyNode *n, msess_node **out)
{
    IUnknown *object;
    if (FAILED(IMFTopologyNode_GetObject(n, &object)))
        return MF_E_TOPO_UNSUPPORTED; /* an output node needs its sink */
    msess_sink *sink = NULL;
    HRESULT hr = shim_output_sink(object, &sink);
    IUnknown_Release(object);
    if (SUCCEEDED(hr)) {
        hr = shim_hr(msess_topology_add_output(t, sink, out));
        msess_sink_destroy(&sink);
    }
    return hr;
}

/* The msess node for MF node n, of the same type, with its id as tag. */
static HRESULT add_msess_node(msess_topology *t, IMFTopologyNode *n, msess_node **out)
{
    MF_TOPOLOGY_TYPE type;
    HRESULT hr = IMFTopologyNode_GetNodeType(n, &type);
    if (FAILED(hr))
        return hr;
    topo_node *ours = node_cast(n);
    switch (type) {
    case MF_TOPOLOGY_SOURCESTREAM_NODE:
        hr = add_source_node(t, n, out);
        break;
    case MF_TOPOLOGY_OUTPUT_NODE:
        hr = add_output_node(t, n, out);
        break;
    case MF_TOPOLOGY_TEE_NODE:
        hr = shim_hr(msess_topology_add_tee(t, out));
        break;
    case MF_TOPOLOGY_TRANSFORM_NODE:
        /* msess runs its own decoders and converters; an application's
         * IMFTransform cannot be part of its pipeline. Nodes the loader
         * inserted (a full topology given back) are msess's own. */
        if (ours && ours->inserted)
            hr = shim_hr(msess_topology_add_transform(t, ours->inserted, out));
        else
            hr = MF_E_TOPO_UNSUPPORTED;
        break;
    default:
        hr = MF_E_TOPO_UNSUPPORTED;
        break;
    }
    if (FAILED(hr))
        return hr;
    TOPOID id = 0;
    UINT32 method;
    IMFTopologyNode_GetTopoNodeID(n, &id);
    msess_node_set_tag(*out, id);
    if (SUCCEEDED(IMFTopologyNode_GetUINT32(n, &MF_TOPONODE_CONNECT_METHOD, &method))) {
        /* The low bits: MF_CONNECT_DIRECT 0, _ALLOW_CONVERTER 1,
         * _ALLOW_DECODER 3; flags such as AS_OPTIONAL are ignored. */
        switch (method & 3) {
        case 0: msess_node_set_connect_method(*out, MSESS_CONNECT_DIRECT); break;
        case 1: msess_node_set_connect_method(*out, MSESS_CONNECT_ALLOW_CONVERTER); break;
        default: msess_node_set_connect_method(*out, MSESS_CONNECT_ALLOW_DECODER); break;
        }
    }
    return S_OK;
}

/* Is this an FFmpeg PCM codec ("pcm_s16le", ...)? To Windows PCM is not
 * compressed: a WAV stream reaches a sink directly or through a resampler.
 * msess unpacks it with a "decoder", a detail the MF side hides. */
static bool is_pcm(const msess_media_type *t)
{
    return t->compressed && t->codec && !strncmp(t->codec, "pcm_", 4);
}

/* The source stream type at the head of n's branch, if n has one. */
static bool branch_type(const msess_node *n, msess_media_type *out)
{
    for (int steps = 0; n && steps < 64; steps++) {
        unsigned stream;
        msess_source *src;
        msess_stream_info info;
        if (msess_node_get_type(n) == MSESS_NODE_SOURCE_STREAM) {
            if (!(src = msess_node_source(n, &stream)) ||
                msess_source_stream_info(src, stream, &info) < 0)
                return false;
            *out = info.type;
            return true;
        }
        n = msess_node_input(n, 0, NULL);
    }
    return false;
}

/* Windows connects PCM to a sink of the same format under MF_CONNECT_DIRECT
 * and to one of another PCM format under MF_CONNECT_ALLOW_CONVERTER; msess
 * needs its decoder in both cases, so such branches get msess's
 * ALLOW_DECODER. (Under DIRECT, a format Windows would refuse is then
 * converted.) */
static void pcm_connect_methods(msess_node **ms, WORD count)
{
    for (WORD i = 0; i < count; i++) {
        msess_media_type t;
        if (msess_node_get_connect_method(ms[i]) != MSESS_CONNECT_ALLOW_DECODER &&
            branch_type(ms[i], &t) && is_pcm(&t))
            msess_node_set_connect_method(ms[i], MSESS_CONNECT_ALLOW_DECODER);
    }
}

/* Repeat MF's connections between the msess nodes (ms[i] is mf[i]'s).
 * Connections to nodes outside the topology are left out. */
static HRESULT connect_msess(IMFTopologyNode **mf, msess_node **ms, WORD count)
{
    for (WORD i = 0; i < count; i++) {
        DWORD outs = 0;
        IMFTopologyNode_GetOutputCount(mf[i], &outs);
        for (DWORD o = 0; o < outs; o++) {
            IMFTopologyNode *peer;
            DWORD in;
            if (FAILED(IMFTopologyNode_GetOutput(mf[i], o, &peer, &in)))
                continue;
            WORD j = 0;
            while (j < count && mf[j] != peer)
                j++;
            IMFTopologyNode_Release(peer);
            /* Pins msess does not have (a second output of a source, an
             * input other than 0) cannot be played. */
            if (j < count && msess_node_connect(ms[i], o, ms[j], in) < 0)
                return MF_E_TOPO_UNSUPPORTED;
        }
    }
    return S_OK;
}

HRESULT shim_topology_to_msess(IMFTopology *topo, msess_topology **out)
{
    if (!topo || !out)
        return E_POINTER;
    *out = NULL;
    HRESULT hr = shim_topology_check(topo);
    if (FAILED(hr))
        return hr;
    WORD count = 0;
    IMFTopology_GetNodeCount(topo, &count);
    IMFTopologyNode **mf = calloc(count, sizeof(*mf));
    msess_node **ms = calloc(count, sizeof(*ms));
    msess_topology *t = NULL;
    if (!mf || !ms)
        hr = E_OUTOFMEMORY;
    else
        hr = shim_hr(msess_topology_create(&t));
    WORD got = 0;
    for (; got < count && SUCCEEDED(hr); got++) {
        if (FAILED(hr = IMFTopology_GetNode(topo, got, &mf[got])))
            break;
        hr = add_msess_node(t, mf[got], &ms[got]);
    }
    if (SUCCEEDED(hr))
        hr = connect_msess(mf, ms, count);
    if (SUCCEEDED(hr))
        pcm_connect_methods(ms, count);
    for (WORD i = 0; mf && i < count; i++)
        SHIM_RELEASE(mf[i]);
    free(mf);
    free(ms);
    if (FAILED(hr)) {
        msess_topology_destroy(&t);
        return hr;
    }
    *out = t;
    return S_OK;
}

/* ======================================= resolved msess topology -> IMFTopology */

/* The class ids Windows' loader records (MF_TOPONODE_TRANSFORM_OBJECTID) for
 * the transforms that do the same jobs, so that applications looking for
 * "the H.264 decoder" find it. Values from wmcodecdsp.h. */
static const GUID shim_clsid_h264_decoder = /* CLSID_CMSH264DecoderMFT */
    { 0x62ce7e72, 0x4c71, 0x4d20, { 0xb1, 0x5d, 0x45, 0x28, 0x31, 0xa8, 0x7d, 0x9d } };
static const GUID shim_clsid_aac_decoder = /* CLSID_CMSAACDecMFT */
    { 0x32d186a7, 0x218f, 0x4c75, { 0x88, 0x76, 0xdd, 0x77, 0x27, 0x3a, 0x89, 0x99 } };
static const GUID shim_clsid_mp3_decoder = /* CLSID_CMP3DecMediaObject */
    { 0xbbeea841, 0x0a63, 0x4f52, { 0xa7, 0xab, 0xa9, 0xb3, 0xa8, 0x4e, 0xd3, 0x8a } };
static const GUID shim_clsid_resampler = /* CLSID_CResamplerMediaObject */
    { 0xf447b69e, 0x1884, 0x4a7e, { 0x80, 0x55, 0x34, 0x6f, 0x74, 0xd6, 0xed, 0xb3 } };
static const GUID shim_clsid_color_convert = /* CLSID_CColorConvertDMO */
    { 0x98230571, 0x0087, 0x4204, { 0xb0, 0x20, 0x32, 0x82, 0x53, 0x8e, 0x57, 0xd3 } };

/* The class id for an inserted transform, or NULL when none fits. */
static const GUID *transform_class(const msess_node *n)
{
    msess_media_type mt;
    if (msess_node_transform_kind(n) == MSESS_TRANSFORM_CONVERTER) {
        if (msess_node_output_type(n, &mt) < 0)
            return NULL;
        return mt.kind == MSESS_MEDIA_AUDIO ? &shim_clsid_resampler
             : mt.kind == MSESS_MEDIA_VIDEO ? &shim_clsid_color_convert : NULL;
    }
    const msess_node *up = msess_node_input(n, 0, NULL);
    if (!up || msess_node_output_type(up, &mt) < 0 || !mt.codec)
        return NULL;
    if (!strcmp(mt.codec, "h264"))
        return &shim_clsid_h264_decoder;
    if (!strcmp(mt.codec, "aac"))
        return &shim_clsid_aac_decoder;
    if (!strcmp(mt.codec, "mp3") || !strcmp(mt.codec, "mp3float"))
        return &shim_clsid_mp3_decoder;
    return NULL;
}

/* A node for a transform the loader inserted: it has no object (msess runs
 * it); decoders carry MF_TOPONODE_DECODER = 1 as on Windows. */
static HRESULT inserted_node(const msess_node *mn, topo_node **out)
{
    HRESULT hr = node_create(MF_TOPOLOGY_TRANSFORM_NODE, out);
    if (FAILED(hr))
        return hr;
    topo_node *n = *out;
    n->inserted = msess_node_transform_kind(mn);
    if (n->inserted == MSESS_TRANSFORM_DECODER)
        hr = shim_attrs_SetUINT32(&n->attrs, &MF_TOPONODE_DECODER, 1);
    const GUID *clsid = transform_class(mn);
    if (SUCCEEDED(hr) && clsid)
        hr = shim_attrs_SetGUID(&n->attrs, &MF_TOPONODE_TRANSFORM_OBJECTID, clsid);
    return hr;
}

/* Windows' full topologies hold stream sinks in their output nodes, not
 * activates (its loader refuses activates): the session activates them
 * first. The same here, for activates whose media sink has the stream the
 * node names (MF_TOPONODE_STREAMID); others keep their object. */
static void bind_stream_sink(topo_node *n)
{
    lock();
    IUnknown *object = n->object;
    if (object)
        IUnknown_AddRef(object);
    unlock();
    if (!object)
        return;
    IMFActivate *act = NULL;
    IMFMediaSink *sink = NULL;
    IMFStreamSink *stream = NULL;
    UINT32 id = 0;
    shim_attrs_GetUINT32(&n->attrs, &MF_TOPONODE_STREAMID, &id);
    if (SUCCEEDED(IUnknown_QueryInterface(object, &IID_IMFActivate, (void **)&act)) &&
        SUCCEEDED(IMFActivate_ActivateObject(act, &IID_IMFMediaSink, (void **)&sink)) &&
        SUCCEEDED(IMFMediaSink_GetStreamSinkById(sink, id, &stream)))
        node_SetObject(node_iface(n), (IUnknown *)stream);
    SHIM_RELEASE(stream);
    SHIM_RELEASE(sink);
    SHIM_RELEASE(act);
    IUnknown_Release(object);
}

/* The full topology's node for msess node mn: a copy of the partial's node
 * of the same id when there is one, else a new node of mn's type. */
static HRESULT full_node(const msess_node *mn, IMFTopology *partial, topo_node **out)
{
    *out = NULL;
    MF_TOPOLOGY_TYPE type = (MF_TOPOLOGY_TYPE)msess_node_get_type(mn);
    uint64_t tag = msess_node_tag(mn);
    IMFTopologyNode *pn = NULL;
    if (tag && partial)
        IMFTopology_GetNodeByID(partial, tag, &pn);
    HRESULT hr;
    if (!pn && type == MF_TOPOLOGY_TRANSFORM_NODE && msess_node_transform_kind(mn))
        hr = inserted_node(mn, out);
    else
        hr = node_create(type, out);
    if (SUCCEEDED(hr) && pn && FAILED(node_CloneFrom(node_iface(*out), pn)))
        pn = NULL; /* of another type: keep the new node */
    if (SUCCEEDED(hr) && !pn && tag)
        (*out)->id = tag;
    SHIM_RELEASE(pn);
    UINT32 u32;
    UINT64 u64;
    if (SUCCEEDED(hr) && type == MF_TOPOLOGY_OUTPUT_NODE &&
        FAILED(shim_attrs_GetUINT32(&(*out)->attrs, &MF_TOPONODE_STREAMID, &u32)))
        hr = shim_attrs_SetUINT32(&(*out)->attrs, &MF_TOPONODE_STREAMID, 0);
    if (SUCCEEDED(hr) && type == MF_TOPOLOGY_SOURCESTREAM_NODE &&
        FAILED(shim_attrs_GetUINT64(&(*out)->attrs, &MF_TOPONODE_MEDIASTART, &u64)))
        hr = shim_attrs_SetUINT64(&(*out)->attrs, &MF_TOPONODE_MEDIASTART, 0);
    if (SUCCEEDED(hr) && type == MF_TOPOLOGY_OUTPUT_NODE)
        bind_stream_sink(*out);
    if (FAILED(hr) && *out) {
        shim_obj_release(&(*out)->base);
        *out = NULL;
    }
    return hr;
}

/* msess's decoder of a PCM stream: not shown in the full topology (Windows
 * has no decoder there); its neighbours are connected to each other. */
static bool hidden(const msess_node *n)
{
    msess_media_type t;
    const msess_node *up;
    return msess_node_get_type(n) == MSESS_NODE_TRANSFORM &&
           msess_node_transform_kind(n) == MSESS_TRANSFORM_DECODER &&
           (up = msess_node_input(n, 0, NULL)) && msess_node_output_type(up, &t) == 0 &&
           is_pcm(&t);
}

/* Connections as in the msess graph (nodes[i] is the msess topology's
 * node i; NULL for hidden nodes, which are passed through). */
static HRESULT full_connections(msess_topology *full, topo_node **nodes, unsigned count)
{
    for (unsigned i = 0; i < count; i++) {
        const msess_node *mn = msess_topology_node(full, i);
        for (unsigned o = 0; nodes[i] && o < msess_node_output_count(mn); o++) {
            unsigned in = 0;
            msess_node *peer = msess_node_output(mn, o, &in);
            for (int steps = 0; peer && hidden(peer) && steps < 64; steps++)
                peer = msess_node_output(peer, 0, &in);
            if (!peer)
                continue;
            unsigned j = 0;
            while (j < count && msess_topology_node(full, j) != peer)
                j++;
            HRESULT hr = j < count && nodes[j] ? connect_output(nodes[i], o, nodes[j], in)
                                               : E_UNEXPECTED;
            if (FAILED(hr))
                return hr;
        }
    }
    return S_OK;
}

/* MF has no planar audio: Windows' decoders give the interleaved form of
 * what msess's give planar (AAC: float), so that is the type shown. */
static void packed_audio(msess_media_type *mt)
{
    if (mt->kind != MSESS_MEDIA_AUDIO || mt->compressed)
        return;
    switch (mt->sample_format) {
    case MSESS_SAMPLE_U8P: mt->sample_format = MSESS_SAMPLE_U8; break;
    case MSESS_SAMPLE_S16P: mt->sample_format = MSESS_SAMPLE_S16; break;
    case MSESS_SAMPLE_S32P: mt->sample_format = MSESS_SAMPLE_S32; break;
    case MSESS_SAMPLE_FLTP: mt->sample_format = MSESS_SAMPLE_FLT; break;
    case MSESS_SAMPLE_DBLP: mt->sample_format = MSESS_SAMPLE_DBL; break;
    default: break;
    }
}

/* Set a pin's current type from msess node mn's output type (left unset
 * when msess has none or MF has no type for it). */
static void record_pin(pins *p, DWORD index, const msess_node *mn)
{
    msess_media_type mt;
    IMFMediaType *type = NULL;
    if (!mn || msess_node_output_type(mn, &mt) < 0)
        return;
    packed_audio(&mt);
    if (FAILED(shim_media_type_from_msess(&mt, &type)))
        return;
    lock();
    if (index < p->count && !p->v[index].cur) {
        p->v[index].cur = type;
        type = NULL;
    }
    unlock();
    SHIM_RELEASE(type);
}

/* The types msess connected on node n's pins (mn: its msess node): every
 * output has mn's output type, every input its msess peer's. A hidden PCM
 * decoder upstream gives its (decoded) type, which is what the node gets. */
static void record_types(const msess_node *mn, topo_node *n)
{
    for (DWORD o = 0; o < n->out.count; o++)
        record_pin(&n->out, o, mn);
    for (DWORD i = 0; i < n->in.count && i < msess_node_input_count(mn); i++)
        record_pin(&n->in, i, msess_node_input(mn, i, NULL));
}

HRESULT shim_topology_from_msess(msess_topology *full, IMFTopology *partial,
                                 IMFTopology **out)
{
    if (!full || !out)
        return E_POINTER;
    *out = NULL;
    /* Windows' resolved topology has the partial one's id. */
    TOPOID id = 0;
    if (!partial || FAILED(IMFTopology_GetTopologyID(partial, &id)))
        id = new_topology_id();
    topology *t;
    HRESULT hr = topology_create(id, &t);
    if (FAILED(hr))
        return hr;
    if (partial)
        hr = IMFTopology_CopyAllItems(partial, (IMFAttributes *)&t->base);
    if (SUCCEEDED(hr))
        hr = shim_attrs_SetUINT32(&t->attrs, &MF_TOPOLOGY_RESOLUTION_STATUS,
                                  MF_TOPOLOGY_RESOLUTION_SUCCEEDED);
    unsigned count = msess_topology_node_count(full);
    topo_node **nodes = calloc(count ? count : 1, sizeof(*nodes));
    if (!nodes && SUCCEEDED(hr))
        hr = E_OUTOFMEMORY;
    for (unsigned i = 0; i < count && SUCCEEDED(hr); i++) {
        const msess_node *mn = msess_topology_node(full, i);
        if (hidden(mn))
            continue;
        if (SUCCEEDED(hr = full_node(mn, partial, &nodes[i])))
            hr = topology_add(t, nodes[i]);
    }
    if (SUCCEEDED(hr))
        hr = full_connections(full, nodes, count);
    for (unsigned i = 0; SUCCEEDED(hr) && i < count; i++)
        if (nodes[i])
            record_types(msess_topology_node(full, i), nodes[i]);
    for (unsigned i = 0; nodes && i < count; i++)
        if (nodes[i])
            shim_obj_release(&nodes[i]->base);
    free(nodes);
    if (FAILED(hr)) {
        shim_obj_release(&t->base);
        return hr;
    }
    *out = (IMFTopology *)&t->base;
    return S_OK;
}

/* ===================================================== current node types */

/* The current type of a pin: what msess connected there for the nodes of
 * our resolved topologies (Windows' loader sets the same type on the node's
 * object); S_FALSE when the node is foreign or the pin has none. */
static HRESULT recorded_type(IMFTopologyNode *node, DWORD stream, BOOL output,
                             IMFMediaType **type)
{
    topo_node *n = node_cast(node);
    if (!n)
        return S_FALSE;
    lock();
    pins *p = output ? &n->out : &n->in;
    *type = stream < p->count ? p->v[stream].cur : NULL;
    if (*type)
        IMFMediaType_AddRef(*type);
    unlock();
    return *type ? S_OK : S_FALSE;
}

static HRESULT handler_current(IMFMediaTypeHandler *h, HRESULT hr, IMFMediaType **type)
{
    if (SUCCEEDED(hr)) {
        hr = IMFMediaTypeHandler_GetCurrentMediaType(h, type);
        IMFMediaTypeHandler_Release(h);
    }
    return hr;
}

/* Output nodes: the current type of the stream sink the node holds. */
static HRESULT sink_current(IMFTopologyNode *node, IMFMediaType **type)
{
    IUnknown *object = NULL;
    IMFStreamSink *stream = NULL;
    IMFMediaTypeHandler *h = NULL;
    HRESULT hr = IMFTopologyNode_GetObject(node, &object);
    if (SUCCEEDED(hr))
        hr = IUnknown_QueryInterface(object, &IID_IMFStreamSink, (void **)&stream);
    if (SUCCEEDED(hr))
        hr = handler_current(h, IMFStreamSink_GetMediaTypeHandler(stream, &h), type);
    SHIM_RELEASE(stream);
    SHIM_RELEASE(object);
    return hr;
}

/* Source nodes: the current type of the node's stream descriptor. */
static HRESULT source_current(IMFTopologyNode *node, IMFMediaType **type)
{
    IMFStreamDescriptor *sd = NULL;
    IMFMediaTypeHandler *h = NULL;
    HRESULT hr = IMFTopologyNode_GetUnknown(node, &MF_TOPONODE_STREAM_DESCRIPTOR,
                                            &IID_IMFStreamDescriptor, (void **)&sd);
    if (SUCCEEDED(hr))
        hr = handler_current(h, IMFStreamDescriptor_GetMediaTypeHandler(sd, &h), type);
    SHIM_RELEASE(sd);
    return hr;
}

/* Tee nodes: the input's preferred type, else the primary output's. */
static HRESULT tee_current(IMFTopologyNode *node, IMFMediaType **type)
{
    UINT32 primary = 0;
    if (SUCCEEDED(IMFTopologyNode_GetInputPrefType(node, 0, type)))
        return S_OK;
    if (FAILED(IMFTopologyNode_GetUINT32(node, &MF_TOPONODE_PRIMARYOUTPUT, &primary)))
        primary = 0;
    return IMFTopologyNode_GetOutputPrefType(node, primary, type);
}

/* As on Windows: output nodes take input 0 only and source nodes output 0
 * only (MF_E_INVALIDSTREAMNUMBER otherwise; its documentation has the two
 * the wrong way round), transforms any pin, tees ignore output. The nodes
 * of our resolved topologies answer with the types msess connected; other
 * nodes as Windows finds them (their object's current type). The shim has
 * no IMFTransform: a transform node without a recorded type gives E_FAIL
 * without an object (GetObject's error), E_NOTIMPL with one. */
HRESULT WINAPI MFGetTopoNodeCurrentType(IMFTopologyNode *node, DWORD stream, BOOL output,
                                        IMFMediaType **type)
{
    if (!node || !type)
        return E_POINTER;
    *type = NULL;
    MF_TOPOLOGY_TYPE kind;
    HRESULT hr = IMFTopologyNode_GetNodeType(node, &kind);
    if (FAILED(hr))
        return hr;
    if ((kind == MF_TOPOLOGY_OUTPUT_NODE && (output || stream)) ||
        (kind == MF_TOPOLOGY_SOURCESTREAM_NODE && (!output || stream)))
        return MF_E_INVALIDSTREAMNUMBER;
    if (kind == MF_TOPOLOGY_TEE_NODE) { /* one type for all its pins: its input's */
        stream = 0;
        output = FALSE;
    }
    if (recorded_type(node, stream, output, type) == S_OK)
        return S_OK;
    IUnknown *object = NULL;
    switch (kind) {
    case MF_TOPOLOGY_OUTPUT_NODE:
        return sink_current(node, type);
    case MF_TOPOLOGY_SOURCESTREAM_NODE:
        return source_current(node, type);
    case MF_TOPOLOGY_TEE_NODE:
        return tee_current(node, type);
    case MF_TOPOLOGY_TRANSFORM_NODE:
        hr = IMFTopologyNode_GetObject(node, &object);
        SHIM_RELEASE(object);
        return FAILED(hr) ? hr : E_NOTIMPL;
    default:
        return MF_E_UNEXPECTED;
    }
}

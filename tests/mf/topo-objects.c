/* IMFTopology, IMFTopologyNode and IMFCollection as Windows has them: ids,
 * pin counts by node type, preferred types, connections and the references
 * they hold, AddNode/RemoveNode/GetNode errors, CloneFrom, collections.
 * The expected values are those Wine's conformance tests assert on Windows
 * (dlls/mf/tests, dlls/mfplat/tests). No media and no other shim part is
 * needed: preferred types are a stand-in IMFMediaType that counts its
 * references. */
#ifndef COBJMACROS
#define COBJMACROS
#endif
#include "check.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifndef _WIN32
#include <unistd.h>
#endif

#include <windows.h>
#include <mfapi.h>
#include <mferror.h>
#include <mfidl.h>
#include <msess-mf.h>

#if defined(__MINGW32__) && !defined(__cplusplus)
/* mingw-w64's mfapi.h declares it for C++ only. */
HRESULT WINAPI MFCreateCollection(IMFCollection **out);
#endif

/* Reference count of a COM object (AddRef then Release). */
static ULONG refs(void *obj)
{
    IUnknown *u = obj;
    IUnknown_AddRef(u);
    return IUnknown_Release(u);
}

/* ---- a stand-in media type: only IUnknown is ever called on it */

typedef struct fake_type {
    IMFMediaType iface;
    LONG refs;
} fake_type;

static HRESULT STDMETHODCALLTYPE fake_QueryInterface(IMFMediaType *This, REFIID riid,
                                                     void **out)
{
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IMFMediaType) ||
        IsEqualGUID(riid, &IID_IMFAttributes)) {
        *out = This;
        IMFMediaType_AddRef(This);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE fake_AddRef(IMFMediaType *This)
{
    return (ULONG)++((fake_type *)This)->refs;
}

static ULONG STDMETHODCALLTYPE fake_Release(IMFMediaType *This)
{
    return (ULONG)--((fake_type *)This)->refs;
}

/* Not const: some headers declare lpVtbl without const. */
static IMFMediaTypeVtbl fake_vtbl = {
    .QueryInterface = fake_QueryInterface,
    .AddRef = fake_AddRef,
    .Release = fake_Release,
};

static fake_type type1 = { { &fake_vtbl }, 1 }, type2 = { { &fake_vtbl }, 1 };
#define TYPE1 (&type1.iface)
#define TYPE2 (&type2.iface)

/* A plain object for SetObject, counting its references the same way. */
static fake_type object1 = { { &fake_vtbl }, 1 };
#define OBJECT1 ((IUnknown *)&object1.iface)

static IMFTopologyNode *new_node(MF_TOPOLOGY_TYPE type)
{
    IMFTopologyNode *n = NULL;
    CHECK_HR(MFCreateTopologyNode(type, &n), S_OK);
    if (!n)
        exit(1);
    return n;
}

static IMFTopology *new_topology(void)
{
    IMFTopology *t = NULL;
    CHECK_HR(MFCreateTopology(&t), S_OK);
    if (!t)
        exit(1);
    return t;
}

static TOPOID node_id(IMFTopologyNode *n)
{
    TOPOID id = 0;
    CHECK_HR(IMFTopologyNode_GetTopoNodeID(n, &id), S_OK);
    return id;
}

static DWORD inputs(IMFTopologyNode *n)
{
    DWORD c = 12345;
    CHECK_HR(IMFTopologyNode_GetInputCount(n, &c), S_OK);
    return c;
}

static DWORD outputs(IMFTopologyNode *n)
{
    DWORD c = 12345;
    CHECK_HR(IMFTopologyNode_GetOutputCount(n, &c), S_OK);
    return c;
}

static WORD node_count(IMFTopology *t)
{
    WORD c = 12345;
    CHECK_HR(IMFTopology_GetNodeCount(t, &c), S_OK);
    return c;
}

/* ---------------------------------------------------------------- tests */

static void test_ids(void)
{
    IMFTopology *t1 = NULL;
    CHECK_HR(MFCreateTopology(NULL), E_POINTER);
    t1 = new_topology();
    IMFTopology *t2 = new_topology();
    TOPOID a = 0, b = 0;
    CHECK_HR(IMFTopology_GetTopologyID(t1, NULL), E_POINTER);
    CHECK_HR(IMFTopology_GetTopologyID(t1, &a), S_OK);
    CHECK_HR(IMFTopology_GetTopologyID(t2, &b), S_OK);
    /* A process-wide counter from 1, as on Windows. */
    CHECK(a != 0);
    CHECK(b == a + 1);
    CHECK(refs(t1) == 1);
    CHECK(IMFTopology_Release(t1) == 0);
    CHECK(IMFTopology_Release(t2) == 0);

    /* Node ids: process id in the high half, unique. */
    IMFTopologyNode *n1 = new_node(MF_TOPOLOGY_OUTPUT_NODE);
    IMFTopologyNode *n2 = new_node(MF_TOPOLOGY_OUTPUT_NODE);
    TOPOID i1 = node_id(n1), i2 = node_id(n2);
#ifdef _WIN32
    CHECK((i1 >> 32) == (TOPOID)GetCurrentProcessId());
#else
    CHECK((i1 >> 32) == (TOPOID)getpid());
#endif
    CHECK((i1 & 0xffffffffu) != 0);
    CHECK(i1 != i2);
    CHECK_HR(IMFTopologyNode_GetTopoNodeID(n1, NULL), E_POINTER);
    CHECK_HR(IMFTopologyNode_SetTopoNodeID(n2, 42), S_OK);
    CHECK(node_id(n2) == 42);
    IMFTopologyNode_Release(n1);
    IMFTopologyNode_Release(n2);
}

static void test_node_types(void)
{
    IMFTopologyNode *n = (IMFTopologyNode *)(void *)1;
    CHECK_HR(MFCreateTopologyNode(MF_TOPOLOGY_OUTPUT_NODE, NULL), E_POINTER);
    CHECK_HR(MFCreateTopologyNode((MF_TOPOLOGY_TYPE)4, &n), E_INVALIDARG);
    CHECK(n == NULL);
    for (int type = MF_TOPOLOGY_OUTPUT_NODE; type <= MF_TOPOLOGY_TEE_NODE; type++) {
        n = new_node((MF_TOPOLOGY_TYPE)type);
        MF_TOPOLOGY_TYPE got = (MF_TOPOLOGY_TYPE)99;
        UINT32 count = 99;
        CHECK_HR(IMFTopologyNode_GetNodeType(n, &got), S_OK);
        CHECK(got == (MF_TOPOLOGY_TYPE)type);
        CHECK_HR(IMFTopologyNode_GetNodeType(n, NULL), E_POINTER);
        /* No attributes and no pins at first, whatever the type. */
        CHECK_HR(IMFTopologyNode_GetCount(n, &count), S_OK);
        CHECK(count == 0);
        CHECK(inputs(n) == 0);
        CHECK(outputs(n) == 0);
        CHECK_HR(IMFTopologyNode_GetInputCount(n, NULL), E_POINTER);
        CHECK_HR(IMFTopologyNode_GetOutputCount(n, NULL), E_POINTER);
        /* IMFAttributes is the same object. */
        IMFAttributes *attrs = NULL;
        CHECK_HR(IMFTopologyNode_QueryInterface(n, &IID_IMFAttributes, (void **)&attrs), S_OK);
        CHECK((void *)attrs == (void *)n);
        if (attrs)
            IMFAttributes_Release(attrs);
        CHECK(IMFTopologyNode_Release(n) == 0);
    }
}

static void test_object(void)
{
    IMFTopologyNode *n = new_node(MF_TOPOLOGY_OUTPUT_NODE);
    IUnknown *obj = (IUnknown *)(void *)1;
    CHECK_HR(IMFTopologyNode_SetObject(n, NULL), S_OK);
    CHECK_HR(IMFTopologyNode_GetObject(n, NULL), E_POINTER);
    CHECK_HR(IMFTopologyNode_GetObject(n, &obj), E_FAIL);
    CHECK(obj == NULL);
    CHECK_HR(IMFTopologyNode_SetObject(n, OBJECT1), S_OK);
    CHECK(object1.refs == 2);
    CHECK_HR(IMFTopologyNode_GetObject(n, &obj), S_OK);
    CHECK(obj == OBJECT1);
    CHECK(object1.refs == 3);
    if (obj)
        IUnknown_Release(obj);
    /* Setting an object adds no attribute. */
    UINT32 count = 99;
    CHECK_HR(IMFTopologyNode_GetCount(n, &count), S_OK);
    CHECK(count == 0);
    CHECK_HR(IMFTopologyNode_SetObject(n, NULL), S_OK);
    CHECK(object1.refs == 1);
    CHECK_HR(IMFTopologyNode_SetObject(n, OBJECT1), S_OK);
    IMFTopologyNode_Release(n);
    CHECK(object1.refs == 1); /* released with the node */
}

static void test_pref_types(void)
{
    IMFMediaType *mt = (IMFMediaType *)(void *)1;

    /* Output node: inputs grow, outputs are not for it. */
    IMFTopologyNode *n = new_node(MF_TOPOLOGY_OUTPUT_NODE);
    CHECK_HR(IMFTopologyNode_GetInputPrefType(n, 0, &mt), E_INVALIDARG);
    CHECK_HR(IMFTopologyNode_GetInputPrefType(n, 0, NULL), E_POINTER);
    CHECK_HR(IMFTopologyNode_SetInputPrefType(n, 0, TYPE1), S_OK);
    CHECK(type1.refs == 2);
    CHECK_HR(IMFTopologyNode_GetInputPrefType(n, 0, &mt), S_OK);
    CHECK(mt == TYPE1);
    if (mt == TYPE1)
        IMFMediaType_Release(mt);
    CHECK_HR(IMFTopologyNode_SetInputPrefType(n, 0, NULL), S_OK);
    CHECK(type1.refs == 1);
    mt = (IMFMediaType *)(void *)1;
    CHECK_HR(IMFTopologyNode_GetInputPrefType(n, 0, &mt), E_FAIL);
    CHECK(mt == NULL);
    CHECK_HR(IMFTopologyNode_SetInputPrefType(n, 1, TYPE1), S_OK);
    CHECK(inputs(n) == 2);
    CHECK(outputs(n) == 0);
    CHECK_HR(IMFTopologyNode_SetOutputPrefType(n, 0, TYPE1), E_NOTIMPL);
    CHECK_HR(IMFTopologyNode_GetOutputPrefType(n, 0, &mt), E_INVALIDARG);
    IMFTopologyNode_Release(n);
    CHECK(type1.refs == 1);

    /* Source node: no inputs, outputs grow. */
    n = new_node(MF_TOPOLOGY_SOURCESTREAM_NODE);
    CHECK_HR(IMFTopologyNode_SetInputPrefType(n, 0, TYPE1), E_NOTIMPL);
    CHECK_HR(IMFTopologyNode_SetOutputPrefType(n, 2, TYPE1), S_OK);
    CHECK_HR(IMFTopologyNode_GetOutputPrefType(n, 0, &mt), E_FAIL);
    CHECK_HR(IMFTopologyNode_GetOutputPrefType(n, 0, NULL), E_POINTER);
    CHECK(outputs(n) == 3);
    CHECK(inputs(n) == 0);
    IMFTopologyNode_Release(n);

    /* Tee: one input type, kept aside while it has no input. */
    n = new_node(MF_TOPOLOGY_TEE_NODE);
    CHECK_HR(IMFTopologyNode_SetInputPrefType(n, 0, TYPE1), S_OK);
    CHECK_HR(IMFTopologyNode_GetInputPrefType(n, 0, &mt), S_OK);
    CHECK(mt == TYPE1);
    if (mt == TYPE1)
        IMFMediaType_Release(mt);
    CHECK(inputs(n) == 0);
    CHECK_HR(IMFTopologyNode_GetOutputPrefType(n, 0, &mt), E_INVALIDARG);
    CHECK_HR(IMFTopologyNode_SetInputPrefType(n, 1, TYPE1), MF_E_INVALIDTYPE);
    CHECK_HR(IMFTopologyNode_SetInputPrefType(n, 3, TYPE1), MF_E_INVALIDTYPE);
    CHECK_HR(IMFTopologyNode_SetOutputPrefType(n, 4, TYPE1), S_OK);
    CHECK_HR(IMFTopologyNode_GetOutputPrefType(n, 0, &mt), E_FAIL);
    /* An output type does not change the input type. */
    CHECK_HR(IMFTopologyNode_SetOutputPrefType(n, 4, TYPE2), S_OK);
    CHECK_HR(IMFTopologyNode_GetInputPrefType(n, 0, &mt), S_OK);
    CHECK(mt == TYPE1);
    if (mt == TYPE1)
        IMFMediaType_Release(mt);
    CHECK(inputs(n) == 0);
    CHECK(outputs(n) == 5);
    IMFTopologyNode_Release(n);
    CHECK(type1.refs == 1);
    CHECK(type2.refs == 1);

    /* Transform: both grow, independently. */
    n = new_node(MF_TOPOLOGY_TRANSFORM_NODE);
    CHECK_HR(IMFTopologyNode_SetInputPrefType(n, 3, TYPE1), S_OK);
    CHECK(inputs(n) == 4);
    CHECK_HR(IMFTopologyNode_SetOutputPrefType(n, 4, TYPE1), S_OK);
    CHECK(inputs(n) == 4);
    CHECK(outputs(n) == 5);
    IMFTopologyNode_Release(n);
    CHECK(type1.refs == 1);
}

static void test_add_remove(void)
{
    IMFTopology *t = new_topology();
    IMFTopologyNode *n = new_node(MF_TOPOLOGY_OUTPUT_NODE);
    IMFTopologyNode *n2 = new_node(MF_TOPOLOGY_TEE_NODE), *got = NULL;
    TOPOID id = node_id(n);

    CHECK_HR(IMFTopologyNode_SetTopoNodeID(n2, id), S_OK);
    CHECK_HR(IMFTopology_GetNodeCount(t, NULL), E_POINTER);
    CHECK_HR(IMFTopology_AddNode(t, NULL), E_POINTER);
    CHECK(node_count(t) == 0);
    CHECK_HR(IMFTopology_AddNode(t, n), S_OK);
    CHECK(refs(n) == 2);
    CHECK(node_count(t) == 1);
    /* Same id, other node; then the same node again. */
    CHECK_HR(IMFTopology_AddNode(t, n2), E_INVALIDARG);
    CHECK_HR(IMFTopology_AddNode(t, n), E_INVALIDARG);
    CHECK(node_count(t) == 1);
    CHECK(IMFTopologyNode_Release(n2) == 0);

    CHECK_HR(IMFTopology_GetNodeByID(t, id, &got), S_OK);
    CHECK(got == n);
    if (got)
        IMFTopologyNode_Release(got);
    /* The id of a node already added may change; lookups follow it. */
    CHECK_HR(IMFTopologyNode_SetTopoNodeID(n, ++id), S_OK);
    CHECK_HR(IMFTopology_GetNodeByID(t, id, &got), S_OK);
    CHECK(got == n);
    if (got)
        IMFTopologyNode_Release(got);
    got = (IMFTopologyNode *)(void *)1;
    CHECK_HR(IMFTopology_GetNodeByID(t, id + 1, &got), MF_E_NOT_FOUND);
    CHECK(got == NULL);
    CHECK_HR(IMFTopology_GetNodeByID(t, id, NULL), E_POINTER);

    CHECK_HR(IMFTopology_GetNode(t, 0, &got), S_OK);
    CHECK(got == n);
    if (got)
        IMFTopologyNode_Release(got);
    CHECK_HR(IMFTopology_GetNode(t, 1, NULL), E_POINTER);
    CHECK_HR(IMFTopology_GetNode(t, 1, &got), MF_E_INVALIDINDEX);
    CHECK_HR(IMFTopology_GetNode(t, (WORD)-2, &got), MF_E_INVALIDINDEX);

    n2 = new_node(MF_TOPOLOGY_TEE_NODE);
    CHECK_HR(IMFTopology_AddNode(t, n2), S_OK);
    CHECK(IMFTopologyNode_Release(n2) == 1); /* the topology keeps it */
    CHECK(node_count(t) == 2);

    /* RemoveNode wants the node itself, not one with the same id. */
    IMFTopologyNode *other = new_node(MF_TOPOLOGY_TEE_NODE);
    CHECK_HR(IMFTopologyNode_SetTopoNodeID(other, id), S_OK);
    CHECK_HR(IMFTopology_RemoveNode(t, other), E_INVALIDARG);
    CHECK(IMFTopologyNode_Release(other) == 0);
    CHECK_HR(IMFTopology_RemoveNode(t, NULL), E_POINTER);
    CHECK_HR(IMFTopology_RemoveNode(t, n), S_OK);
    CHECK(refs(n) == 1);
    CHECK(node_count(t) == 1);
    CHECK_HR(IMFTopology_RemoveNode(t, n), E_INVALIDARG);

    CHECK_HR(IMFTopology_Clear(t), S_OK);
    CHECK(node_count(t) == 0);
    CHECK_HR(IMFTopology_Clear(t), S_OK);

    /* A node may be in two topologies. */
    IMFTopology *t2 = new_topology();
    CHECK_HR(IMFTopology_AddNode(t, n), S_OK);
    CHECK_HR(IMFTopology_AddNode(t2, n), S_OK);
    CHECK(refs(n) == 3);
    CHECK(node_count(t) == 1 && node_count(t2) == 1);
    CHECK(IMFTopology_Release(t2) == 0);
    CHECK(IMFTopology_Release(t) == 0);
    CHECK(IMFTopologyNode_Release(n) == 0);
}

static DWORD collection_count(IMFCollection *c)
{
    DWORD n = 12345;
    CHECK_HR(IMFCollection_GetElementCount(c, &n), S_OK);
    return n;
}

static void test_node_collections(void)
{
    IMFTopology *t = new_topology();
    IMFCollection *c1 = NULL, *c2 = NULL;
    CHECK_HR(IMFTopology_GetSourceNodeCollection(t, NULL), E_POINTER);
    CHECK_HR(IMFTopology_GetOutputNodeCollection(t, NULL), E_POINTER);
    CHECK_HR(IMFTopology_GetSourceNodeCollection(t, &c1), S_OK);
    CHECK_HR(IMFTopology_GetSourceNodeCollection(t, &c2), S_OK);
    CHECK(c1 && c2 && c1 != c2); /* a new collection each time */
    if (c1 && c2) {
        CHECK(collection_count(c1) == 0);
        CHECK(IMFCollection_Release(c1) == 0);
        CHECK(IMFCollection_Release(c2) == 0);
    }

    static const MF_TOPOLOGY_TYPE types[] = {
        MF_TOPOLOGY_SOURCESTREAM_NODE, MF_TOPOLOGY_TEE_NODE, MF_TOPOLOGY_TRANSFORM_NODE,
        MF_TOPOLOGY_OUTPUT_NODE, MF_TOPOLOGY_SOURCESTREAM_NODE,
    };
    IMFTopologyNode *nodes[5];
    for (int i = 0; i < 5; i++) {
        nodes[i] = new_node(types[i]);
        CHECK_HR(IMFTopology_AddNode(t, nodes[i]), S_OK);
    }
    c1 = c2 = NULL;
    CHECK_HR(IMFTopology_GetSourceNodeCollection(t, &c1), S_OK);
    CHECK_HR(IMFTopology_GetOutputNodeCollection(t, &c2), S_OK);
    if (c1 && c2) {
        IUnknown *e = NULL;
        CHECK(collection_count(c1) == 2);
        CHECK(collection_count(c2) == 1);
        CHECK_HR(IMFCollection_GetElement(c1, 1, &e), S_OK);
        CHECK(e == (IUnknown *)nodes[4]); /* in topology order */
        if (e)
            IUnknown_Release(e);
        CHECK_HR(IMFCollection_GetElement(c2, 0, &e), S_OK);
        CHECK(e == (IUnknown *)nodes[3]);
        if (e)
            IUnknown_Release(e);
        CHECK(refs(nodes[3]) == 3); /* app, topology, collection */
        CHECK(IMFCollection_Release(c1) == 0);
        CHECK(IMFCollection_Release(c2) == 0);
    }
    CHECK(IMFTopology_Release(t) == 0);
    for (int i = 0; i < 5; i++)
        CHECK(IMFTopologyNode_Release(nodes[i]) == 0);
}

static void test_connections(void)
{
    IMFTopologyNode *src = new_node(MF_TOPOLOGY_SOURCESTREAM_NODE);
    IMFTopologyNode *out = new_node(MF_TOPOLOGY_OUTPUT_NODE), *got = NULL;
    DWORD pin = 99;

    /* A connection holds a reference on both nodes. */
    CHECK_HR(IMFTopologyNode_ConnectOutput(src, 0, out, 1), S_OK);
    CHECK(refs(src) == 2 && refs(out) == 2);
    CHECK(outputs(src) == 1);
    CHECK(inputs(out) == 2);
    CHECK_HR(IMFTopologyNode_GetOutput(src, 0, &got, &pin), S_OK);
    CHECK(got == out && pin == 1);
    if (got)
        IMFTopologyNode_Release(got);
    CHECK_HR(IMFTopologyNode_GetInput(out, 1, &got, &pin), S_OK);
    CHECK(got == src && pin == 0);
    if (got)
        IMFTopologyNode_Release(got);
    CHECK_HR(IMFTopologyNode_GetInput(out, 0, &got, &pin), MF_E_NOT_FOUND);
    CHECK_HR(IMFTopologyNode_GetInput(out, 2, &got, &pin), E_INVALIDARG);
    CHECK_HR(IMFTopologyNode_GetOutput(src, 1, &got, &pin), E_INVALIDARG);
    CHECK_HR(IMFTopologyNode_GetOutput(src, 0, NULL, &pin), E_POINTER);
    CHECK_HR(IMFTopologyNode_GetInput(out, 1, &got, NULL), E_POINTER);

    /* Wrong directions and missing peers. */
    CHECK_HR(IMFTopologyNode_ConnectOutput(out, 0, src, 0), E_FAIL);
    IMFTopologyNode *tee = new_node(MF_TOPOLOGY_TEE_NODE);
    CHECK_HR(IMFTopologyNode_ConnectOutput(tee, 0, src, 0), E_FAIL);
    CHECK_HR(IMFTopologyNode_ConnectOutput(src, 0, NULL, 0), E_POINTER);
    CHECK_HR(IMFTopologyNode_ConnectOutput(tee, 0, tee, 1), E_INVALIDARG); /* itself */
    CHECK(outputs(tee) == 0 && inputs(tee) == 0);

    CHECK_HR(IMFTopologyNode_DisconnectOutput(src, 1), E_INVALIDARG);
    CHECK_HR(IMFTopologyNode_DisconnectOutput(src, 0), S_OK);
    CHECK(refs(src) == 1 && refs(out) == 1);
    CHECK_HR(IMFTopologyNode_DisconnectOutput(src, 0), MF_E_NOT_FOUND);
    CHECK_HR(IMFTopologyNode_GetInput(out, 1, &got, &pin), MF_E_NOT_FOUND);
    CHECK(outputs(src) == 1 && inputs(out) == 2); /* pins stay */

    /* Inside a topology: Clear breaks the connections. */
    IMFTopology *t = new_topology();
    CHECK_HR(IMFTopology_AddNode(t, src), S_OK);
    CHECK_HR(IMFTopology_AddNode(t, out), S_OK);
    CHECK_HR(IMFTopologyNode_ConnectOutput(src, 0, out, 1), S_OK);
    CHECK(refs(src) == 3 && refs(out) == 3);
    CHECK_HR(IMFTopology_Clear(t), S_OK);
    CHECK(refs(src) == 1 && refs(out) == 1);

    /* So does RemoveNode, for the removed node. */
    CHECK_HR(IMFTopology_AddNode(t, src), S_OK);
    CHECK_HR(IMFTopology_AddNode(t, out), S_OK);
    CHECK_HR(IMFTopologyNode_ConnectOutput(src, 0, out, 1), S_OK);
    CHECK_HR(IMFTopology_RemoveNode(t, src), S_OK);
    CHECK(refs(src) == 1 && refs(out) == 2);
    CHECK_HR(IMFTopologyNode_GetOutput(src, 0, &got, &pin), MF_E_NOT_FOUND);

    /* A topology released with connected nodes leaves no cycle behind. */
    CHECK_HR(IMFTopology_AddNode(t, src), S_OK);
    CHECK_HR(IMFTopologyNode_ConnectOutput(src, 0, out, 0), S_OK);
    CHECK(IMFTopology_Release(t) == 0);
    CHECK(refs(src) == 1 && refs(out) == 1);

    /* Tee: pins grow on both sides; a pin connected again is moved. */
    CHECK_HR(IMFTopologyNode_SetInputPrefType(tee, 0, TYPE1), S_OK);
    CHECK_HR(IMFTopologyNode_ConnectOutput(src, 0, tee, 0), S_OK);
    CHECK(inputs(tee) == 1);
    IMFMediaType *mt = NULL;
    CHECK_HR(IMFTopologyNode_GetInputPrefType(tee, 0, &mt), S_OK);
    CHECK(mt == TYPE1); /* the tee's type became input 0's */
    if (mt)
        IMFMediaType_Release(mt);
    CHECK_HR(IMFTopologyNode_ConnectOutput(src, 0, tee, 1), S_OK);
    CHECK(inputs(tee) == 2);
    CHECK_HR(IMFTopologyNode_GetInput(tee, 0, &got, &pin), MF_E_NOT_FOUND);
    CHECK_HR(IMFTopologyNode_SetInputPrefType(tee, 1, TYPE1), MF_E_INVALIDTYPE);
    CHECK_HR(IMFTopologyNode_ConnectOutput(src, 1, tee, 1), S_OK);
    CHECK(outputs(src) == 2);
    CHECK(refs(src) == 2 && refs(tee) == 2); /* one connection: src(1) -> tee(1) */
    CHECK_HR(IMFTopologyNode_GetOutput(src, 0, &got, &pin), MF_E_NOT_FOUND);
    CHECK_HR(IMFTopologyNode_GetInput(tee, 1, &got, &pin), S_OK);
    CHECK(got == src && pin == 1);
    if (got)
        IMFTopologyNode_Release(got);
    /* Fan out, then reconnect an input that is taken: the old link goes. */
    CHECK_HR(IMFTopologyNode_ConnectOutput(tee, 3, out, 0), S_OK);
    CHECK(outputs(tee) == 4);
    IMFTopologyNode *tee2 = new_node(MF_TOPOLOGY_TEE_NODE);
    CHECK_HR(IMFTopologyNode_ConnectOutput(tee2, 0, out, 0), S_OK);
    CHECK_HR(IMFTopologyNode_GetOutput(tee, 3, &got, &pin), MF_E_NOT_FOUND);
    CHECK(refs(tee) == 2 && refs(out) == 2 && refs(tee2) == 2);
    CHECK_HR(IMFTopologyNode_DisconnectOutput(src, 1), S_OK);
    CHECK_HR(IMFTopologyNode_DisconnectOutput(tee2, 0), S_OK);

    CHECK(IMFTopologyNode_Release(src) == 0);
    CHECK(IMFTopologyNode_Release(tee) == 0);
    CHECK(IMFTopologyNode_Release(tee2) == 0);
    CHECK(IMFTopologyNode_Release(out) == 0);
    CHECK(type1.refs == 1);
}

static void test_node_clone(void)
{
    static const GUID key = { 0x1a2b3c4d, 1, 2, { 3, 4, 5, 6, 7, 8, 9, 10 } };
    static const GUID key2 = { 0x1a2b3c4e, 1, 2, { 3, 4, 5, 6, 7, 8, 9, 10 } };
    IMFTopologyNode *src = new_node(MF_TOPOLOGY_SOURCESTREAM_NODE);
    IMFTopologyNode *out = new_node(MF_TOPOLOGY_OUTPUT_NODE);
    IMFTopologyNode *dst = new_node(MF_TOPOLOGY_SOURCESTREAM_NODE);

    CHECK_HR(IMFTopologyNode_CloneFrom(src, out), MF_E_INVALIDREQUEST);
    CHECK_HR(IMFTopologyNode_CloneFrom(src, NULL), E_POINTER);

    CHECK_HR(IMFTopologyNode_SetUINT32(src, &key, 7), S_OK);
    CHECK_HR(IMFTopologyNode_SetUINT32(dst, &key2, 8), S_OK);
    CHECK_HR(IMFTopologyNode_SetObject(src, OBJECT1), S_OK);
    CHECK_HR(IMFTopologyNode_SetOutputPrefType(src, 0, TYPE1), S_OK);
    CHECK_HR(IMFTopologyNode_SetOutputPrefType(dst, 2, TYPE2), S_OK);
    CHECK_HR(IMFTopologyNode_ConnectOutput(src, 0, out, 0), S_OK);

    CHECK_HR(IMFTopologyNode_CloneFrom(dst, src), S_OK);
    CHECK(node_id(dst) == node_id(src));
    UINT32 v = 0, count = 0;
    CHECK_HR(IMFTopologyNode_GetUINT32(dst, &key, &v), S_OK);
    CHECK(v == 7);
    CHECK_HR(IMFTopologyNode_GetUINT32(dst, &key2, &v), MF_E_ATTRIBUTENOTFOUND);
    CHECK_HR(IMFTopologyNode_GetCount(dst, &count), S_OK);
    CHECK(count == 1);
    IUnknown *obj = NULL;
    CHECK_HR(IMFTopologyNode_GetObject(dst, &obj), S_OK);
    CHECK(obj == OBJECT1);
    if (obj)
        IUnknown_Release(obj);
    IMFMediaType *mt = NULL;
    CHECK_HR(IMFTopologyNode_GetOutputPrefType(dst, 0, &mt), S_OK);
    CHECK(mt == TYPE1);
    if (mt)
        IMFMediaType_Release(mt);
    /* Pins beyond the source's are kept, connections are not copied. */
    CHECK(outputs(dst) == 3);
    CHECK_HR(IMFTopologyNode_GetOutputPrefType(dst, 2, &mt), S_OK);
    CHECK(mt == TYPE2);
    if (mt)
        IMFMediaType_Release(mt);
    IMFTopologyNode *got = NULL;
    DWORD pin;
    CHECK_HR(IMFTopologyNode_GetOutput(dst, 0, &got, &pin), MF_E_NOT_FOUND);
    CHECK(refs(out) == 2);

    CHECK_HR(IMFTopologyNode_DisconnectOutput(src, 0), S_OK);
    CHECK(IMFTopologyNode_Release(src) == 0);
    CHECK(IMFTopologyNode_Release(dst) == 0);
    CHECK(IMFTopologyNode_Release(out) == 0);
    CHECK(object1.refs == 1 && type1.refs == 1 && type2.refs == 1);
}

static void test_topology_clone(void)
{
    static const GUID key = { 0x2a2b3c4d, 1, 2, { 3, 4, 5, 6, 7, 8, 9, 10 } };
    IMFTopology *t = new_topology(), *c = new_topology();
    IMFTopologyNode *src = new_node(MF_TOPOLOGY_SOURCESTREAM_NODE);
    IMFTopologyNode *tee = new_node(MF_TOPOLOGY_TEE_NODE);
    IMFTopologyNode *o1 = new_node(MF_TOPOLOGY_OUTPUT_NODE);
    IMFTopologyNode *o2 = new_node(MF_TOPOLOGY_OUTPUT_NODE);
    IMFTopologyNode *stale = new_node(MF_TOPOLOGY_TEE_NODE);
    IMFTopologyNode *all[] = { src, tee, o1, o2 };
    for (int i = 0; i < 4; i++)
        CHECK_HR(IMFTopology_AddNode(t, all[i]), S_OK);
    CHECK_HR(IMFTopologyNode_ConnectOutput(src, 0, tee, 0), S_OK);
    CHECK_HR(IMFTopologyNode_ConnectOutput(tee, 0, o1, 0), S_OK);
    CHECK_HR(IMFTopologyNode_ConnectOutput(tee, 1, o2, 0), S_OK);
    CHECK_HR(IMFTopology_SetUINT32(t, &key, 5), S_OK);
    CHECK_HR(IMFTopologyNode_SetObject(o1, OBJECT1), S_OK);
    CHECK_HR(IMFTopology_AddNode(c, stale), S_OK);

    CHECK_HR(IMFTopology_CloneFrom(c, NULL), E_POINTER);
    CHECK_HR(IMFTopology_CloneFrom(c, t), S_OK);
    TOPOID a = 0, b = 1;
    IMFTopology_GetTopologyID(t, &a);
    IMFTopology_GetTopologyID(c, &b);
    CHECK(a == b);
    UINT32 v = 0;
    CHECK_HR(IMFTopology_GetUINT32(c, &key, &v), S_OK);
    CHECK(v == 5);
    CHECK(node_count(c) == 4);
    CHECK(refs(stale) == 1); /* the old nodes were cleared */
    for (int i = 0; i < 4; i++) {
        IMFTopologyNode *n = NULL;
        CHECK_HR(IMFTopology_GetNodeByID(c, node_id(all[i]), &n), S_OK);
        if (!n)
            continue;
        CHECK(n != all[i]); /* copies, same ids */
        IMFTopologyNode_Release(n);
    }
    /* The copies are connected as the originals. */
    IMFTopologyNode *ctee = NULL, *co2 = NULL, *peer = NULL;
    DWORD pin = 99;
    IMFTopology_GetNodeByID(c, node_id(tee), &ctee);
    IMFTopology_GetNodeByID(c, node_id(o2), &co2);
    if (ctee && co2) {
        CHECK(outputs(ctee) == 2);
        CHECK_HR(IMFTopologyNode_GetOutput(ctee, 1, &peer, &pin), S_OK);
        CHECK(peer == co2 && pin == 0);
        if (peer)
            IMFTopologyNode_Release(peer);
        CHECK_HR(IMFTopologyNode_GetInput(ctee, 0, &peer, &pin), S_OK);
        if (peer) {
            CHECK(node_id(peer) == node_id(src) && peer != src);
            IMFTopologyNode_Release(peer);
        }
    }
    if (ctee)
        IMFTopologyNode_Release(ctee);
    if (co2)
        IMFTopologyNode_Release(co2);
    CHECK(object1.refs == 3); /* o1 and its copy */

    CHECK(IMFTopology_Release(c) == 0);
    CHECK(IMFTopology_Release(t) == 0);
    for (int i = 0; i < 4; i++)
        CHECK(IMFTopologyNode_Release(all[i]) == 0);
    CHECK(IMFTopologyNode_Release(stale) == 0);
    CHECK(object1.refs == 1);
}

static void test_collection(void)
{
    IMFCollection *c = NULL;
    IUnknown *e;
    CHECK_HR(MFCreateCollection(NULL), E_POINTER);
    CHECK_HR(MFCreateCollection(&c), S_OK);
    if (!c)
        return;
    CHECK_HR(IMFCollection_GetElementCount(c, NULL), E_POINTER);
    CHECK(collection_count(c) == 0);
    CHECK_HR(IMFCollection_GetElement(c, 0, NULL), E_POINTER);
    e = (IUnknown *)(void *)1;
    CHECK_HR(IMFCollection_GetElement(c, 0, &e), E_INVALIDARG);
    CHECK(e == (IUnknown *)(void *)1);
    CHECK_HR(IMFCollection_RemoveElement(c, 0, NULL), E_POINTER);
    CHECK_HR(IMFCollection_RemoveElement(c, 0, &e), E_INVALIDARG);
    CHECK(e == (IUnknown *)(void *)1);
    CHECK_HR(IMFCollection_RemoveAllElements(c), S_OK);

    CHECK_HR(IMFCollection_AddElement(c, OBJECT1), S_OK);
    CHECK(object1.refs == 2);
    CHECK_HR(IMFCollection_AddElement(c, NULL), S_OK);
    CHECK(collection_count(c) == 2);
    /* Past the end: the gap is filled with empty elements. */
    CHECK_HR(IMFCollection_InsertElementAt(c, 10, OBJECT1), S_OK);
    CHECK(collection_count(c) == 11);
    CHECK_HR(IMFCollection_GetElement(c, 0, &e), S_OK);
    CHECK(e == OBJECT1);
    if (e == OBJECT1)
        IUnknown_Release(e);
    CHECK_HR(IMFCollection_GetElement(c, 1, &e), E_UNEXPECTED);
    CHECK(e == NULL);
    CHECK_HR(IMFCollection_GetElement(c, 5, &e), E_UNEXPECTED);
    CHECK_HR(IMFCollection_GetElement(c, 10, &e), S_OK);
    CHECK(e == OBJECT1);
    if (e == OBJECT1)
        IUnknown_Release(e);
    CHECK_HR(IMFCollection_InsertElementAt(c, 0, NULL), S_OK);
    CHECK_HR(IMFCollection_GetElement(c, 0, &e), E_UNEXPECTED);
    CHECK_HR(IMFCollection_GetElement(c, 1, &e), S_OK);
    CHECK(e == OBJECT1);
    if (e == OBJECT1)
        IUnknown_Release(e);
    /* RemoveElement hands the collection's reference over. */
    CHECK_HR(IMFCollection_RemoveElement(c, 1, &e), S_OK);
    CHECK(e == OBJECT1);
    CHECK(collection_count(c) == 11);
    CHECK(object1.refs == 3);
    if (e == OBJECT1)
        IUnknown_Release(e);
    CHECK_HR(IMFCollection_RemoveAllElements(c), S_OK);
    CHECK(collection_count(c) == 0);
    CHECK(object1.refs == 1);
    CHECK_HR(IMFCollection_InsertElementAt(c, 0, (IUnknown *)TYPE1), S_OK);
    CHECK(type1.refs == 2);
    /* A collection may hold itself; emptying it breaks the cycle. */
    CHECK_HR(IMFCollection_AddElement(c, (IUnknown *)c), S_OK);
    CHECK(refs(c) == 2);
    CHECK_HR(IMFCollection_RemoveAllElements(c), S_OK);
    CHECK(refs(c) == 1);
    CHECK(type1.refs == 1);
    CHECK_HR(IMFCollection_AddElement(c, OBJECT1), S_OK);
    CHECK(IMFCollection_Release(c) == 0);
    CHECK(object1.refs == 1); /* released with the collection */
}

/* Threads connecting, reconnecting and disconnecting the same nodes, and
 * a topology being cleared and refilled meanwhile: no crash, no deadlock,
 * and every reference is given back. */
#include <pthread.h>

static IMFTopologyNode *shared_tee, *shared_outs[4];
static IMFTopology *shared_topology;

static void *stress(void *arg)
{
    int k = (int)(size_t)arg;
    for (int i = 0; i < 2000; i++) {
        IMFTopologyNode *got = NULL;
        DWORD pin;
        IMFTopologyNode_ConnectOutput(shared_tee, (DWORD)(i % 3), shared_outs[(k + i) % 4], 0);
        if (SUCCEEDED(IMFTopologyNode_GetOutput(shared_tee, (DWORD)(i % 3), &got, &pin)))
            IMFTopologyNode_Release(got);
        if (SUCCEEDED(IMFTopologyNode_GetInput(shared_outs[k], 0, &got, &pin)))
            IMFTopologyNode_Release(got);
        IMFTopologyNode_DisconnectOutput(shared_tee, (DWORD)((i + k) % 3));
        if (k == 0 && i % 50 == 0) {
            IMFTopology_Clear(shared_topology);
            IMFTopology_AddNode(shared_topology, shared_tee);
            for (int j = 0; j < 4; j++)
                IMFTopology_AddNode(shared_topology, shared_outs[j]);
        }
    }
    return NULL;
}

static void test_threads(void)
{
    shared_topology = new_topology();
    shared_tee = new_node(MF_TOPOLOGY_TEE_NODE);
    for (int j = 0; j < 4; j++)
        shared_outs[j] = new_node(MF_TOPOLOGY_OUTPUT_NODE);
    pthread_t th[4];
    for (int k = 0; k < 4; k++)
        CHECK(pthread_create(&th[k], NULL, stress, (void *)(size_t)k) == 0);
    for (int k = 0; k < 4; k++)
        pthread_join(th[k], NULL);
    CHECK(IMFTopology_Release(shared_topology) == 0); /* breaks what is left */
    CHECK(IMFTopologyNode_Release(shared_tee) == 0);
    for (int j = 0; j < 4; j++)
        CHECK(IMFTopologyNode_Release(shared_outs[j]) == 0);
}

int main(void)
{
    LONG live = msess_mf_live_objects();
    test_ids();
    test_node_types();
    test_object();
    test_pref_types();
    test_add_remove();
    test_node_collections();
    test_connections();
    test_node_clone();
    test_topology_clone();
    test_collection();
    test_threads();
    LONG now = msess_mf_live_objects();
    if (now != live) {
        fprintf(stderr, "live objects: %ld at start, %ld at end\n", (long)live, (long)now);
        failures++;
    }
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}

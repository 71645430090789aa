// Our Windows headers from C++, as MF client code uses them: interfaces as
// abstract structs (calls through virtual methods), __uuidof on a type and on
// an expression, IID_PPV_ARGS with QueryInterface, the QueryInterface(Q **)
// template, REFGUID as a reference, GUID ==, a client class implementing
// IMFAsyncCallback called through the C vtable layout (as libmsess-mf, a C
// library, calls it), InterlockedIncrement. Built against libmsess-mf and
// run, with g++ (meson) and with clang++ (headers-alone.py) when present.
#include <windows.h>
#include <mfapi.h>
#include <mferror.h>
#include <mfidl.h>
#include <propvarutil.h>

#include <msess-mf.h>

#include <cstdio>
#include <cstring>
#include <type_traits>

static_assert(sizeof(LONG) == 4 && sizeof(DWORD) == 4 && sizeof(HRESULT) == 4, "LLP64");
static_assert(std::is_abstract<IMFMediaSession>::value, "interfaces are abstract");
static_assert(std::is_base_of<IMFMediaEventGenerator, IMFMediaSession>::value,
              "IMFMediaSession derives from IMFMediaEventGenerator");
static_assert(std::is_base_of<IMFAttributes, IMFTopology>::value,
              "IMFTopology derives from IMFAttributes");
static_assert(sizeof(IMFMediaSession) == sizeof(void *), "one vtable pointer");

static int failures;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (!(cond)) {                                                           \
            std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                          \
        }                                                                        \
    } while (0)

#define CHECK_HR(expr, want)                                                     \
    do {                                                                         \
        HRESULT hr_ = (expr);                                                    \
        if (hr_ != (want)) {                                                     \
            std::fprintf(stderr, "%s:%d: %s = 0x%08x, want 0x%08x\n", __FILE__, __LINE__, \
                         #expr, (unsigned)hr_, (unsigned)(want));                 \
            failures++;                                                          \
        }                                                                        \
    } while (0)

// The SDK's values (mf-reference.md).
static const GUID sdk_IMFMediaSession = {
    0x90377834, 0x21d0, 0x4dee, { 0x82, 0x14, 0xba, 0x2e, 0x3e, 0x6c, 0x11, 0x27 }
};
static const GUID sdk_IMFAttributes = {
    0x2cd2d921, 0xc447, 0x44a7, { 0xa1, 0x3c, 0x4a, 0xda, 0xbf, 0xc2, 0x47, 0xe3 }
};
static const GUID sdk_IMFAsyncCallback = {
    0xa27003cf, 0x2354, 0x4f2a, { 0x8d, 0x6a, 0xab, 0x7c, 0xff, 0x15, 0x43, 0x7e }
};
static const GUID sdk_IUnknown = {
    0x00000000, 0x0000, 0x0000, { 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46 }
};

static void check_uuidof()
{
    CHECK(std::memcmp(&__uuidof(IMFMediaSession), &sdk_IMFMediaSession, sizeof(GUID)) == 0);
    CHECK(__uuidof(IMFMediaSession) == IID_IMFMediaSession);
    CHECK(__uuidof(IMFAttributes) == sdk_IMFAttributes);
    CHECK(__uuidof(IUnknown) == sdk_IUnknown);
    CHECK(__uuidof(IMFAsyncCallback) == sdk_IMFAsyncCallback);
    CHECK(__uuidof(IMFTopology) != __uuidof(IMFTopologyNode));
    IMFMediaSession *session = nullptr;
    CHECK(__uuidof(session) == sdk_IMFMediaSession); // pointer: its interface
    CHECK(__uuidof(*session) == sdk_IMFMediaSession);
    CHECK(IsEqualGUID(IID_IMFAttributes, sdk_IMFAttributes));
    CHECK(IsEqualIID(__uuidof(IMFAttributes), IID_IMFAttributes));
}

// A client's callback object, reference counted with InterlockedIncrement.
struct Callback : public IMFAsyncCallback {
    LONG refs = 1;
    int invoked = 0;
    IMFAsyncResult *last = nullptr;

    virtual ~Callback() {}
    HRESULT STDMETHODCALLTYPE QueryInterface(REFIID riid, void **out) override
    {
        if (!out)
            return E_POINTER;
        if (riid == __uuidof(IUnknown) || riid == __uuidof(IMFAsyncCallback)) {
            *out = static_cast<IMFAsyncCallback *>(this);
            AddRef();
            return S_OK;
        }
        *out = nullptr;
        return E_NOINTERFACE;
    }
    ULONG STDMETHODCALLTYPE AddRef() override { return InterlockedIncrement(&refs); }
    ULONG STDMETHODCALLTYPE Release() override
    {
        LONG n = InterlockedDecrement(&refs);
        if (n == 0)
            delete this;
        return n;
    }
    HRESULT STDMETHODCALLTYPE GetParameters(DWORD *flags, DWORD *queue) override
    {
        *flags = 0;
        *queue = 0;
        return E_NOTIMPL;
    }
    HRESULT STDMETHODCALLTYPE Invoke(IMFAsyncResult *result) override
    {
        invoked++;
        last = result;
        return S_OK;
    }
};

// What a C caller does: slot n of the vtable with the object first.
typedef HRESULT(STDMETHODCALLTYPE *invoke_fn)(IMFAsyncCallback *, IMFAsyncResult *);
typedef ULONG(STDMETHODCALLTYPE *addref_fn)(IMFAsyncCallback *);

static void check_callback_layout()
{
    Callback *cb = new Callback;
    IMFAsyncCallback *iface = cb;
    void **vtbl = *reinterpret_cast<void ***>(iface);
    // IUnknown 0-2, GetParameters 3, Invoke 4: as IMFAsyncCallbackVtbl in C
    addref_fn addref = reinterpret_cast<addref_fn>(vtbl[1]);
    invoke_fn invoke = reinterpret_cast<invoke_fn>(vtbl[4]);
    CHECK(addref(iface) == 2);
    IMFAsyncResult *fake = reinterpret_cast<IMFAsyncResult *>(&cb->refs);
    CHECK(invoke(iface, fake) == S_OK);
    CHECK(cb->invoked == 1 && cb->last == fake);

    IUnknown *unk = nullptr;
    CHECK_HR(iface->QueryInterface(IID_PPV_ARGS(&unk)), S_OK);
    CHECK(unk == iface);
    IMFAsyncCallback *again = nullptr;
    CHECK_HR(unk->QueryInterface(&again), S_OK); // the SDK's template overload
    CHECK(again == iface);
    IMFMediaSession *session = nullptr;
    CHECK_HR(unk->QueryInterface(IID_PPV_ARGS(&session)), E_NOINTERFACE);
    CHECK(again->Release() == 3);
    CHECK(unk->Release() == 2);
    CHECK(iface->Release() == 1);
    CHECK(iface->Release() == 0);
}

static void check_attributes()
{
    // {1234abcd-0001-0002-0304-05060708090a}
    static const GUID key = { 0x1234abcd, 0x1, 0x2, { 3, 4, 5, 6, 7, 8, 9, 10 } };
    LONG live = msess_mf_live_objects();
    IMFAttributes *attrs = nullptr;
    CHECK_HR(MFCreateAttributes(&attrs, 2), S_OK);
    if (!attrs)
        return;
    CHECK_HR(attrs->SetUINT32(key, 77), S_OK);
    UINT32 v = 0;
    CHECK_HR(attrs->GetUINT32(key, &v), S_OK);
    CHECK(v == 77);
    CHECK_HR(attrs->SetGUID(MF_MT_MAJOR_TYPE, MFMediaType_Video), S_OK);
    GUID major = GUID_NULL;
    CHECK_HR(attrs->GetGUID(MF_MT_MAJOR_TYPE, &major), S_OK);
    CHECK(major == MFMediaType_Video);
    CHECK(MFGetAttributeUINT32(attrs, key, 0) == 77);
    CHECK(MFGetAttributeUINT32(attrs, GUID_NULL, 5) == 5);

    IUnknown *unk = nullptr;
    CHECK_HR(attrs->QueryInterface(IID_PPV_ARGS(&unk)), S_OK);
    IMFAttributes *back = nullptr;
    CHECK_HR(unk->QueryInterface(IID_PPV_ARGS(&back)), S_OK);
    CHECK(back == attrs);
    CHECK(__uuidof(*back) == sdk_IMFAttributes);
    IMFMediaSession *session = nullptr;
    CHECK_HR(attrs->QueryInterface(IID_PPV_ARGS(&session)), E_NOINTERFACE);
    CHECK(session == nullptr);
    if (back)
        back->Release();
    if (unk)
        unk->Release();
    CHECK(attrs->Release() == 0);
    CHECK(msess_mf_live_objects() == live);
}

int main()
{
    check_uuidof();
    check_callback_layout();
    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL), S_OK);
    check_attributes();
    CHECK_HR(MFShutdown(), S_OK);
    if (failures) {
        std::fprintf(stderr, "%d checks failed\n", failures);
        return 1;
    }
    std::printf("headers-cpp: all checks passed\n");
    return 0;
}

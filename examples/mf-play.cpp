// mf-play (C++): plays a media file with Media Foundation's Media Session,
// structured as Microsoft's tutorial "How to Play Media Files with Media
// Foundation": a CPlayer class that implements IMFAsyncCallback to receive
// the session's events, opens the file through the source resolver, builds
// a playback topology to the audio and video renderers, starts on
// TopologyStatus READY and closes the session at the end. Like mf-play.c it
// prints every event and exits 0 when the file played to its end.
//
// The same source builds against the Windows SDK (link mfplat mf mfuuid)
// and, elsewhere, against msess-mf:
//     c++ mf-play.cpp $(pkg-config --cflags --libs msess-mf)
//
// Usage: mf-play-cpp [--timeout SECONDS] FILE
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif
#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <cwchar>
#include <new>

#include <pthread.h>

#include <windows.h>
#include <initguid.h>
#include <mfapi.h>
#include <mferror.h>
#include <mfidl.h>
#include <evr.h>

template <class T> static void SafeRelease(T **pp)
{
    if (*pp) {
        (*pp)->Release();
        *pp = nullptr;
    }
}

static HRESULT Report(HRESULT hr, const char *what)
{
    if (FAILED(hr))
        std::fprintf(stderr, "mf-play-cpp: %s failed: 0x%08X\n", what, (unsigned)hr);
    return hr;
}

static const char *EventName(MediaEventType t)
{
    switch (t) {
#define N(x) case x: return #x;
        N(MEUnknown) N(MEError) N(MEExtendedType) N(MENonFatalError)
        N(MESessionUnknown) N(MESessionTopologySet) N(MESessionTopologiesCleared)
        N(MESessionStarted) N(MESessionPaused) N(MESessionStopped) N(MESessionClosed)
        N(MESessionEnded) N(MESessionRateChanged) N(MESessionScrubSampleComplete)
        N(MESessionCapabilitiesChanged) N(MESessionTopologyStatus)
        N(MESessionNotifyPresentationTime) N(MENewPresentation) N(MEEndOfPresentation)
#undef N
    default: return "MEOther";
    }
}

static const char *TopologyStatusName(UINT32 s)
{
    switch (s) {
    case MF_TOPOSTATUS_READY: return "READY";
    case MF_TOPOSTATUS_STARTED_SOURCE: return "STARTED_SOURCE";
    case MF_TOPOSTATUS_DYNAMIC_CHANGED: return "DYNAMIC_CHANGED";
    case MF_TOPOSTATUS_SINK_SWITCHED: return "SINK_SWITCHED";
    case MF_TOPOSTATUS_ENDED: return "ENDED";
    default: return "INVALID";
    }
}

// The object of a VT_UNKNOWN event value, as interface Q.
template <class Q> static HRESULT GetEventObject(IMFMediaEvent *pEvent, Q **ppObject)
{
    *ppObject = nullptr;
    PROPVARIANT var;
    PropVariantInit(&var);
    HRESULT hr = pEvent->GetValue(&var);
    if (SUCCEEDED(hr)) {
        if (var.vt == VT_UNKNOWN && var.punkVal)
            hr = var.punkVal->QueryInterface(IID_PPV_ARGS(ppObject));
        else
            hr = MF_E_INVALIDTYPE;
        PropVariantClear(&var);
    }
    return hr;
}

enum PlayerState { Closed = 0, Ready, OpenPending, Started, Paused, Stopped, Closing };

class CPlayer : public IMFAsyncCallback
{
public:
    static HRESULT CreateInstance(CPlayer **ppPlayer)
    {
        CPlayer *p = new (std::nothrow) CPlayer();
        if (!p)
            return E_OUTOFMEMORY;
        *ppPlayer = p;
        return S_OK;
    }

    // IUnknown
    STDMETHODIMP QueryInterface(REFIID riid, void **ppv) override
    {
        if (!ppv)
            return E_POINTER;
        if (riid == __uuidof(IUnknown) || riid == __uuidof(IMFAsyncCallback)) {
            *ppv = static_cast<IMFAsyncCallback *>(this);
            AddRef();
            return S_OK;
        }
        *ppv = nullptr;
        return E_NOINTERFACE;
    }
    STDMETHODIMP_(ULONG) AddRef() override
    {
        return (ULONG)InterlockedIncrement(&m_nRefCount);
    }
    STDMETHODIMP_(ULONG) Release() override
    {
        ULONG uCount = (ULONG)InterlockedDecrement(&m_nRefCount);
        if (uCount == 0)
            delete this;
        return uCount;
    }

    // IMFAsyncCallback
    STDMETHODIMP GetParameters(DWORD *, DWORD *) override
    {
        return E_NOTIMPL; // optional
    }
    STDMETHODIMP Invoke(IMFAsyncResult *pResult) override;

    HRESULT OpenURL(const WCHAR *sURL);
    HRESULT Shutdown();
    // Handle events on the main thread until the session closed or the
    // deadline passed.
    bool Run(const struct timespec &deadline, double timeout);
    bool Ended() const { return m_bEnded && !m_bFailed; }

protected:
    CPlayer()
    {
        pthread_mutex_init(&m_lock, nullptr);
        pthread_cond_init(&m_cond, nullptr);
    }
    virtual ~CPlayer()
    {
        while (m_nEvents) {
            m_events[m_head]->Release();
            m_head = (m_head + 1) % kQueueSize;
            m_nEvents--;
        }
        pthread_mutex_destroy(&m_lock);
        pthread_cond_destroy(&m_cond);
    }

    HRESULT CreateSession();
    HRESULT CloseSession();
    HRESULT StartPlayback();
    HRESULT CreateMediaSource(const WCHAR *sURL, IMFMediaSource **ppSource);
    HRESULT CreatePlaybackTopology(IMFPresentationDescriptor *pPD, IMFTopology **ppTopology);
    HRESULT AddBranchToPartialTopology(IMFTopology *pTopology, IMFPresentationDescriptor *pPD,
                                       DWORD iStream);
    HRESULT CreateMediaSinkActivate(IMFStreamDescriptor *pSD, IMFActivate **ppActivate);
    HRESULT QueueTopology(IMFPresentationDescriptor *pPD);

    bool HandleEvent(IMFMediaEvent *pEvent);
    HRESULT OnTopologyStatus(IMFMediaEvent *pEvent);
    HRESULT OnPresentationEnded(IMFMediaEvent *pEvent);
    HRESULT OnNewPresentation(IMFMediaEvent *pEvent);

    void PostEvent(IMFMediaEvent *pEvent, HRESULT hr);
    IMFMediaEvent *NextEvent(const struct timespec &deadline);
    IMFMediaSession *SessionRef();

    static const unsigned kQueueSize = 256;

    volatile LONG m_nRefCount = 1;
    IMFMediaSession *m_pSession = nullptr;
    IMFMediaSource *m_pSource = nullptr;
    IMFVideoDisplayControl *m_pVideoDisplay = nullptr;
    IMFSimpleAudioVolume *m_pVolume = nullptr;
    PlayerState m_state = Closed;
    bool m_bHasVideo = false, m_bHasAudio = false, m_bEnded = false, m_bFailed = false;

    // Events from the callback's worker thread to the main thread (the
    // tutorial posts them to its window).
    pthread_mutex_t m_lock;
    pthread_cond_t m_cond;
    IMFMediaEvent *m_events[kQueueSize] = {};
    unsigned m_head = 0, m_nEvents = 0;
    HRESULT m_hrCallback = S_OK;
};

IMFMediaSession *CPlayer::SessionRef()
{
    pthread_mutex_lock(&m_lock);
    IMFMediaSession *s = m_pSession;
    if (s)
        s->AddRef();
    pthread_mutex_unlock(&m_lock);
    return s;
}

// On a worker thread: end this request, ask for the next event (unless the
// session closed), and pass this one to the main thread.
HRESULT CPlayer::Invoke(IMFAsyncResult *pResult)
{
    IMFMediaSession *pSession = SessionRef();
    if (!pSession)
        return S_OK;
    IMFMediaEvent *pEvent = nullptr;
    MediaEventType meType = MEUnknown;
    HRESULT hr = pSession->EndGetEvent(pResult, &pEvent);
    if (SUCCEEDED(hr))
        hr = pEvent->GetType(&meType);
    if (SUCCEEDED(hr) && meType != MESessionClosed)
        hr = pSession->BeginGetEvent(this, nullptr);
    if (FAILED(hr) && hr != MF_E_SHUTDOWN)
        Report(hr, "receiving the session's events");
    PostEvent(pEvent, hr);
    pSession->Release();
    return S_OK;
}

void CPlayer::PostEvent(IMFMediaEvent *pEvent, HRESULT hr)
{
    pthread_mutex_lock(&m_lock);
    if (pEvent && m_nEvents < kQueueSize) {
        m_events[(m_head + m_nEvents++) % kQueueSize] = pEvent;
    } else {
        SafeRelease(&pEvent);
        if (SUCCEEDED(hr))
            hr = E_OUTOFMEMORY;
    }
    if (FAILED(hr) && SUCCEEDED(m_hrCallback))
        m_hrCallback = hr;
    pthread_cond_signal(&m_cond);
    pthread_mutex_unlock(&m_lock);
}

IMFMediaEvent *CPlayer::NextEvent(const struct timespec &deadline)
{
    IMFMediaEvent *pEvent = nullptr;
    pthread_mutex_lock(&m_lock);
    while (!m_nEvents && SUCCEEDED(m_hrCallback))
        if (pthread_cond_timedwait(&m_cond, &m_lock, &deadline) == ETIMEDOUT)
            break;
    if (m_nEvents) {
        pEvent = m_events[m_head];
        m_head = (m_head + 1) % kQueueSize;
        m_nEvents--;
    }
    pthread_mutex_unlock(&m_lock);
    return pEvent;
}

HRESULT CPlayer::CreateSession()
{
    HRESULT hr = Report(MFCreateMediaSession(nullptr, &m_pSession), "MFCreateMediaSession");
    if (SUCCEEDED(hr))
        hr = Report(m_pSession->BeginGetEvent(this, nullptr), "BeginGetEvent");
    if (SUCCEEDED(hr))
        m_state = Ready;
    return hr;
}

HRESULT CPlayer::OpenURL(const WCHAR *sURL)
{
    IMFPresentationDescriptor *pSourcePD = nullptr;
    HRESULT hr = CreateSession();
    if (SUCCEEDED(hr))
        hr = Report(CreateMediaSource(sURL, &m_pSource), "opening the file");
    if (SUCCEEDED(hr))
        hr = Report(m_pSource->CreatePresentationDescriptor(&pSourcePD),
                    "CreatePresentationDescriptor");
    if (SUCCEEDED(hr))
        hr = QueueTopology(pSourcePD);
    if (SUCCEEDED(hr))
        m_state = OpenPending;
    SafeRelease(&pSourcePD);
    return hr;
}

HRESULT CPlayer::QueueTopology(IMFPresentationDescriptor *pPD)
{
    IMFTopology *pTopology = nullptr;
    HRESULT hr = Report(CreatePlaybackTopology(pPD, &pTopology), "building the topology");
    if (SUCCEEDED(hr))
        hr = Report(m_pSession->SetTopology(0, pTopology), "SetTopology");
    SafeRelease(&pTopology);
    return hr;
}

HRESULT CPlayer::CreateMediaSource(const WCHAR *sURL, IMFMediaSource **ppSource)
{
    MF_OBJECT_TYPE ObjectType = MF_OBJECT_INVALID;
    IMFSourceResolver *pSourceResolver = nullptr;
    IUnknown *pSource = nullptr;
    HRESULT hr = MFCreateSourceResolver(&pSourceResolver);
    if (SUCCEEDED(hr))
        hr = pSourceResolver->CreateObjectFromURL(sURL, MF_RESOLUTION_MEDIASOURCE, nullptr,
                                                  &ObjectType, &pSource);
    if (SUCCEEDED(hr))
        hr = pSource->QueryInterface(IID_PPV_ARGS(ppSource));
    SafeRelease(&pSourceResolver);
    SafeRelease(&pSource);
    return hr;
}

HRESULT CPlayer::CreatePlaybackTopology(IMFPresentationDescriptor *pPD, IMFTopology **ppTopology)
{
    IMFTopology *pTopology = nullptr;
    DWORD cSourceStreams = 0;
    HRESULT hr = MFCreateTopology(&pTopology);
    if (SUCCEEDED(hr))
        hr = pPD->GetStreamDescriptorCount(&cSourceStreams);
    for (DWORD i = 0; SUCCEEDED(hr) && i < cSourceStreams; i++)
        hr = AddBranchToPartialTopology(pTopology, pPD, i);
    if (SUCCEEDED(hr)) {
        *ppTopology = pTopology;
        (*ppTopology)->AddRef();
    }
    SafeRelease(&pTopology);
    return hr;
}

// The renderer for a stream: S_FALSE for one that is neither audio nor video.
HRESULT CPlayer::CreateMediaSinkActivate(IMFStreamDescriptor *pSourceSD, IMFActivate **ppActivate)
{
    IMFMediaTypeHandler *pHandler = nullptr;
    GUID guidMajorType = GUID_NULL;
    *ppActivate = nullptr;
    HRESULT hr = pSourceSD->GetMediaTypeHandler(&pHandler);
    if (SUCCEEDED(hr))
        hr = pHandler->GetMajorType(&guidMajorType);
    if (SUCCEEDED(hr)) {
        if (guidMajorType == MFMediaType_Audio) {
            hr = MFCreateAudioRendererActivate(ppActivate);
            m_bHasAudio = true;
        } else if (guidMajorType == MFMediaType_Video) {
            hr = MFCreateVideoRendererActivate(nullptr, ppActivate); // its own window
            m_bHasVideo = true;
        } else {
            hr = S_FALSE;
        }
    }
    SafeRelease(&pHandler);
    return hr;
}

static HRESULT AddSourceNode(IMFTopology *pTopology, IMFMediaSource *pSource,
                             IMFPresentationDescriptor *pPD, IMFStreamDescriptor *pSD,
                             IMFTopologyNode **ppNode)
{
    IMFTopologyNode *pNode = nullptr;
    HRESULT hr = MFCreateTopologyNode(MF_TOPOLOGY_SOURCESTREAM_NODE, &pNode);
    if (SUCCEEDED(hr))
        hr = pNode->SetUnknown(MF_TOPONODE_SOURCE, pSource);
    if (SUCCEEDED(hr))
        hr = pNode->SetUnknown(MF_TOPONODE_PRESENTATION_DESCRIPTOR, pPD);
    if (SUCCEEDED(hr))
        hr = pNode->SetUnknown(MF_TOPONODE_STREAM_DESCRIPTOR, pSD);
    if (SUCCEEDED(hr))
        hr = pTopology->AddNode(pNode);
    if (SUCCEEDED(hr)) {
        *ppNode = pNode;
        (*ppNode)->AddRef();
    }
    SafeRelease(&pNode);
    return hr;
}

static HRESULT AddOutputNode(IMFTopology *pTopology, IMFActivate *pActivate, DWORD dwId,
                             IMFTopologyNode **ppNode)
{
    IMFTopologyNode *pNode = nullptr;
    HRESULT hr = MFCreateTopologyNode(MF_TOPOLOGY_OUTPUT_NODE, &pNode);
    if (SUCCEEDED(hr))
        hr = pNode->SetObject(pActivate);
    if (SUCCEEDED(hr))
        hr = pNode->SetUINT32(MF_TOPONODE_STREAMID, dwId);
    if (SUCCEEDED(hr))
        hr = pNode->SetUINT32(MF_TOPONODE_NOSHUTDOWN_ON_REMOVE, FALSE);
    if (SUCCEEDED(hr))
        hr = pTopology->AddNode(pNode);
    if (SUCCEEDED(hr)) {
        *ppNode = pNode;
        (*ppNode)->AddRef();
    }
    SafeRelease(&pNode);
    return hr;
}

HRESULT CPlayer::AddBranchToPartialTopology(IMFTopology *pTopology, IMFPresentationDescriptor *pPD,
                                            DWORD iStream)
{
    IMFStreamDescriptor *pSD = nullptr;
    IMFActivate *pSinkActivate = nullptr;
    IMFTopologyNode *pSourceNode = nullptr, *pOutputNode = nullptr;
    BOOL fSelected = FALSE;
    HRESULT hr = pPD->GetStreamDescriptorByIndex(iStream, &fSelected, &pSD);
    if (SUCCEEDED(hr) && fSelected) {
        hr = CreateMediaSinkActivate(pSD, &pSinkActivate);
        if (hr == S_FALSE) {
            hr = pPD->DeselectStream(iStream); // neither audio nor video
        } else {
            if (SUCCEEDED(hr))
                hr = AddSourceNode(pTopology, m_pSource, pPD, pSD, &pSourceNode);
            if (SUCCEEDED(hr))
                hr = AddOutputNode(pTopology, pSinkActivate, 0, &pOutputNode);
            if (SUCCEEDED(hr))
                hr = pSourceNode->ConnectOutput(0, pOutputNode, 0);
        }
    }
    SafeRelease(&pSD);
    SafeRelease(&pSinkActivate);
    SafeRelease(&pSourceNode);
    SafeRelease(&pOutputNode);
    return hr;
}

HRESULT CPlayer::StartPlayback()
{
    PROPVARIANT varStart;
    PropVariantInit(&varStart);
    HRESULT hr = Report(m_pSession->Start(&GUID_NULL, &varStart), "Start");
    if (SUCCEEDED(hr))
        m_state = Started;
    PropVariantClear(&varStart);
    return hr;
}

HRESULT CPlayer::CloseSession()
{
    if (m_state == Closing || m_state == Closed || !m_pSession)
        return S_OK;
    SafeRelease(&m_pVideoDisplay);
    SafeRelease(&m_pVolume);
    HRESULT hr = Report(m_pSession->Close(), "Close");
    if (SUCCEEDED(hr))
        m_state = Closing;
    return hr;
}

// The topology is ready: get the renderers' services, then start.
HRESULT CPlayer::OnTopologyStatus(IMFMediaEvent *pEvent)
{
    UINT32 status = MF_TOPOSTATUS_INVALID;
    HRESULT hr = pEvent->GetUINT32(MF_EVENT_TOPOLOGY_STATUS, &status);
    if (FAILED(hr) || status != MF_TOPOSTATUS_READY || m_state != OpenPending)
        return S_OK;
    SafeRelease(&m_pVideoDisplay);
    SafeRelease(&m_pVolume);
    if (m_bHasVideo) {
        hr = Report(MFGetService(m_pSession, MR_VIDEO_RENDER_SERVICE, IID_PPV_ARGS(&m_pVideoDisplay)),
                    "MFGetService(MR_VIDEO_RENDER_SERVICE)");
        if (FAILED(hr))
            return hr;
        SIZE size = { 0, 0 }, ar = { 0, 0 };
        hr = Report(m_pVideoDisplay->GetNativeVideoSize(&size, &ar), "GetNativeVideoSize");
        if (FAILED(hr))
            return hr;
        std::printf("video %ldx%ld\n", (long)size.cx, (long)size.cy);
    }
    if (m_bHasAudio) {
        hr = Report(MFGetService(m_pSession, MR_POLICY_VOLUME_SERVICE, IID_PPV_ARGS(&m_pVolume)),
                    "MFGetService(MR_POLICY_VOLUME_SERVICE)");
        if (FAILED(hr))
            return hr;
        float level = 0;
        hr = Report(m_pVolume->GetMasterVolume(&level), "GetMasterVolume");
        if (FAILED(hr))
            return hr;
        std::printf("volume %.2f\n", (double)level);
    }
    return StartPlayback();
}

// The session stops by itself at the end: where did the clock stop?
HRESULT CPlayer::OnPresentationEnded(IMFMediaEvent *)
{
    m_state = Stopped;
    IMFClock *pClock = nullptr;
    IMFPresentationClock *pPresentationClock = nullptr;
    HRESULT hr = m_pSession->GetClock(&pClock);
    if (SUCCEEDED(hr))
        hr = pClock->QueryInterface(IID_PPV_ARGS(&pPresentationClock));
    MFTIME time = 0;
    if (SUCCEEDED(hr))
        hr = pPresentationClock->GetTime(&time);
    if (SUCCEEDED(hr))
        std::printf("position %.2f s\n", time / 1e7);
    SafeRelease(&pPresentationClock);
    SafeRelease(&pClock);
    return Report(hr, "reading the presentation clock");
}

HRESULT CPlayer::OnNewPresentation(IMFMediaEvent *pEvent)
{
    IMFPresentationDescriptor *pPD = nullptr;
    HRESULT hr = GetEventObject(pEvent, &pPD);
    if (SUCCEEDED(hr))
        hr = QueueTopology(pPD);
    if (SUCCEEDED(hr))
        m_state = OpenPending;
    SafeRelease(&pPD);
    return Report(hr, "playing the new presentation");
}

// False once the session closed.
bool CPlayer::HandleEvent(IMFMediaEvent *pEvent)
{
    MediaEventType meType = MEUnknown;
    HRESULT hrStatus = S_OK, hr = S_OK;
    pEvent->GetType(&meType);
    pEvent->GetStatus(&hrStatus);
    std::printf("%-32s hr=0x%08X", EventName(meType), (unsigned)hrStatus);
    UINT32 v = 0, d = 0;
    if (meType == MESessionTopologyStatus && SUCCEEDED(pEvent->GetUINT32(MF_EVENT_TOPOLOGY_STATUS, &v)))
        std::printf(" %s", TopologyStatusName(v));
    if (meType == MESessionCapabilitiesChanged &&
        SUCCEEDED(pEvent->GetUINT32(MF_EVENT_SESSIONCAPS, &v)) &&
        SUCCEEDED(pEvent->GetUINT32(MF_EVENT_SESSIONCAPS_DELTA, &d)))
        std::printf(" caps=0x%02X delta=0x%02X", (unsigned)v, (unsigned)d);
    if (!std::strcmp(EventName(meType), "MEOther"))
        std::printf(" type=%u", (unsigned)meType);
    std::printf("\n");
    std::fflush(stdout);

    if (FAILED(hrStatus) || meType == MEError) {
        std::fprintf(stderr, "mf-play-cpp: %s with status 0x%08X\n", EventName(meType),
                     (unsigned)hrStatus);
        m_bFailed = true;
        if (meType == MESessionClosed)
            return false;
        CloseSession();
        return true;
    }
    switch (meType) {
    case MESessionTopologyStatus:
        hr = OnTopologyStatus(pEvent);
        break;
    case MEEndOfPresentation:
        hr = OnPresentationEnded(pEvent);
        break;
    case MESessionEnded:
        m_bEnded = true;
        hr = CloseSession();
        break;
    case MENewPresentation:
        hr = OnNewPresentation(pEvent);
        break;
    case MESessionClosed:
        m_state = Closed;
        return false;
    default:
        break;
    }
    if (FAILED(hr)) {
        m_bFailed = true;
        CloseSession();
    }
    return true;
}

bool CPlayer::Run(const struct timespec &deadline, double timeout)
{
    bool running = m_state != Closed;
    while (running) {
        IMFMediaEvent *pEvent = NextEvent(deadline);
        if (!pEvent) {
            pthread_mutex_lock(&m_lock);
            HRESULT hr = m_hrCallback;
            pthread_mutex_unlock(&m_lock);
            if (FAILED(hr))
                std::fprintf(stderr, "mf-play-cpp: the event callback failed: 0x%08X\n",
                             (unsigned)hr);
            else
                std::fprintf(stderr, "mf-play-cpp: no %s within %g s\n",
                             m_state == Closing ? "MESessionClosed" : "end of playback", timeout);
            m_bFailed = true;
            return false;
        }
        running = HandleEvent(pEvent);
        pEvent->Release();
    }
    return true;
}

// The application owns the source: shut it down, then the session.
HRESULT CPlayer::Shutdown()
{
    SafeRelease(&m_pVideoDisplay);
    SafeRelease(&m_pVolume);
    if (m_pSource) {
        m_pSource->Shutdown();
        SafeRelease(&m_pSource);
    }
    HRESULT hr = S_OK;
    if (m_pSession) {
        hr = m_pSession->Shutdown();
        pthread_mutex_lock(&m_lock);
        IMFMediaSession *pSession = m_pSession;
        m_pSession = nullptr;
        pthread_mutex_unlock(&m_lock);
        pSession->Release();
    }
    m_state = Closed;
    return hr;
}

static WCHAR *ToWide(const char *s)
{
    size_t n = std::mbstowcs(nullptr, s, 0);
    if (n == (size_t)-1)
        return nullptr;
    WCHAR *w = new (std::nothrow) WCHAR[n + 1];
    if (w)
        std::mbstowcs(w, s, n + 1);
    return w;
}

int main(int argc, char **argv)
{
    std::setlocale(LC_ALL, "");
    double timeout = 60;
    const char *path = nullptr;
    for (int i = 1; i < argc; i++) {
        if (!std::strcmp(argv[i], "--timeout") && i + 1 < argc) {
            timeout = std::atof(argv[++i]);
        } else if (argv[i][0] == '-' && argv[i][1]) {
            path = nullptr;
            break;
        } else {
            path = argv[i];
        }
    }
    if (!path || timeout <= 0) {
        std::fprintf(stderr, "usage: mf-play-cpp [--timeout SECONDS] FILE\n");
        return 2;
    }
    WCHAR *url = ToWide(path);
    if (!url) {
        std::fprintf(stderr, "mf-play-cpp: cannot convert %s to a wide string\n", path);
        return 1;
    }
    if (FAILED(Report(MFStartup(MF_VERSION, MFSTARTUP_FULL), "MFStartup"))) {
        delete[] url;
        return 1;
    }
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += (time_t)timeout;

    CPlayer *player = nullptr;
    bool ok = false;
    if (SUCCEEDED(Report(CPlayer::CreateInstance(&player), "creating the player"))) {
        if (SUCCEEDED(player->OpenURL(url)))
            player->Run(deadline, timeout);
        player->Shutdown();
        ok = player->Ended();
        player->Release();
    }
    Report(MFShutdown(), "MFShutdown");
    delete[] url;
    std::printf("%s\n", ok ? "played to the end" : "failed");
    return ok ? 0 : 1;
}

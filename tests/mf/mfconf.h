/* Shared by the conformance tests (tests/mf/conf-*.c): checks that print
 * what came instead of what was expected, a collector of session events
 * compared as whole sequences (types, statuses, topology statuses), a
 * sample grabber callback written in C that counts what reaches it, a
 * partial topology builder over the test clips, and the leak check on
 * msess_mf_live_objects(). Everything is static inline: each test is one
 * translation unit, and unused helpers cost nothing.
 *
 * Compiles against msess-mf's headers and, for the syntax check, against
 * the real Windows headers (x86_64-w64-mingw32-gcc -fsyntax-only). */
#ifndef MFCONF_H
#define MFCONF_H

/* nanosleep, clock_gettime under -std=c11 (include this header first). */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#ifndef COBJMACROS
#define COBJMACROS
#endif
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include <pthread.h>

#include <windows.h>
#include <initguid.h>
#include <mfapi.h>
#include <mferror.h>
#include <mfidl.h>
#include <evr.h>

#if defined(__has_include)
#if __has_include(<msess-mf.h>)
#include <msess-mf.h>
#define MFCONF_HAVE_MSESS_MF 1
#endif
#endif
#ifndef MFCONF_HAVE_MSESS_MF
/* Built against the Windows SDK (syntax check): the shim's one extra export. */
LONG WINAPI msess_mf_live_objects(void);
#endif

#ifdef __MINGW32__
/* In the Windows SDK's mfidl.h, missing from mingw-w64's. */
DEFINE_GUID(MF_SESSION_GLOBAL_TIME, 0x1e83d482, 0x1f1c, 0x4571, 0x84, 0x05, 0x88, 0xf4, 0xb2,
            0x18, 0x1f, 0x72);
DEFINE_GUID(MF_SESSION_APPROX_EVENT_OCCURRENCE_TIME, 0x190e852f, 0x6238, 0x42d1, 0xb5, 0xaf,
            0x69, 0xea, 0x33, 0x8e, 0xf8, 0x50);
#ifndef PRESENTATION_CURRENT_POSITION
#define PRESENTATION_CURRENT_POSITION 0x7fffffffffffffffLL
#endif
#endif

/* ------------------------------------------------------------------ checks */

static int conf_failures, conf_checks;
static const char *conf_case = "";

/* How long any one expected event may take (playback steps included). */
#define CONF_TIMEOUT_MS 15000

static inline void conf_sleep_ms(int ms)
{
#ifdef _WIN32
    Sleep((DWORD)ms);
#else
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
#endif
}

static inline long long conf_now_ms(void)
{
#ifdef _WIN32
    return (long long)GetTickCount64();
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
#endif
}

static inline bool conf_check(bool ok, int line, const char *fmt, ...)
{
    conf_checks++;
    if (ok)
        return true;
    conf_failures++;
    va_list ap;
    va_start(ap, fmt);
    printf("FAIL %s:%d: ", conf_case, line);
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    fflush(stdout);
    return false;
}
#define CHECK(cond, ...) conf_check((cond), __LINE__, __VA_ARGS__)

static inline const char *conf_hr_name(HRESULT hr)
{
    static const struct { HRESULT hr; const char *name; } names[] = {
#define N(x) { x, #x }
        N(S_OK), N(S_FALSE), N(E_POINTER), N(E_INVALIDARG), N(E_FAIL), N(E_NOINTERFACE),
        N(E_NOTIMPL), N(E_OUTOFMEMORY), N(E_UNEXPECTED), N(MF_E_INVALIDREQUEST),
        N(MF_E_SHUTDOWN), N(MF_E_NO_EVENTS_AVAILABLE), N(MF_E_MULTIPLE_SUBSCRIBERS),
        N(MF_E_MULTIPLE_BEGIN), N(MF_S_MULTIPLE_BEGIN), N(MF_E_INVALID_POSITION),
        N(MF_E_TOPO_MISSING_SOURCE), N(MF_E_TOPO_MISSING_PRESENTATION_DESCRIPTOR),
        N(MF_E_TOPO_MISSING_STREAM_DESCRIPTOR), N(MF_E_TOPO_STREAM_DESCRIPTOR_NOT_SELECTED),
        N(MF_E_TOPO_UNSUPPORTED), N(MF_E_TOPO_CODEC_NOT_FOUND),
        N(MF_E_TOPO_SINK_ACTIVATES_UNSUPPORTED), N(MF_E_CLOCK_NO_TIME_SOURCE),
        N(MF_E_CLOCK_STATE_ALREADY_SET), N(MF_E_UNSUPPORTED_RATE),
        N(MF_E_THINNING_UNSUPPORTED), N(MF_E_REVERSE_UNSUPPORTED),
        N(MF_E_UNSUPPORTED_RATE_TRANSITION), N(MF_E_ATTRIBUTENOTFOUND),
        N(MF_E_UNSUPPORTED_SERVICE), N(MF_E_NOT_INITIALIZED), N(MF_E_UNSUPPORTED_SCHEME),
        N(MF_E_UNSUPPORTED_BYTESTREAM_TYPE), N(MF_E_NOT_FOUND), N(MF_E_INVALIDMEDIATYPE),
        N(MF_E_INVALIDINDEX),
#undef N
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (names[i].hr == hr)
            return names[i].name;
    static char buf[8][16];
    static int next;
    char *b = buf[next++ % 8];
    snprintf(b, 16, "0x%08X", (unsigned)hr);
    return b;
}

static inline bool conf_check_hr(HRESULT got, HRESULT want, int line, const char *what)
{
    return conf_check(got == want, line, "%s: expected %s, got %s", what, conf_hr_name(want),
                      conf_hr_name(got));
}
#define CHECK_HR(got, want, what) conf_check_hr((got), (want), __LINE__, (what))

static inline const char *conf_event_name(MediaEventType t)
{
    switch (t) {
#define N(x) case x: return #x;
        N(MEUnknown) N(MEError) N(MEExtendedType) N(MENonFatalError)
        N(MESessionUnknown) N(MESessionTopologySet) N(MESessionTopologiesCleared)
        N(MESessionStarted) N(MESessionPaused) N(MESessionStopped) N(MESessionClosed)
        N(MESessionEnded) N(MESessionRateChanged) N(MESessionScrubSampleComplete)
        N(MESessionCapabilitiesChanged) N(MESessionTopologyStatus)
        N(MESessionNotifyPresentationTime) N(MENewPresentation)
        N(MESourceStarted) N(MEStreamStarted) N(MESourceSeeked) N(MEStreamSeeked)
        N(MENewStream) N(MEUpdatedStream) N(MESourceStopped) N(MEStreamStopped)
        N(MESourcePaused) N(MEStreamPaused) N(MEEndOfPresentation) N(MEEndOfStream)
        N(MEMediaSample) N(MESourceRateChanged)
#undef N
    default: {
        static char buf[4][24];
        static int next;
        char *b = buf[next++ % 4];
        snprintf(b, 24, "event %u", (unsigned)t);
        return b;
    }
    }
}

static inline const char *conf_topo_status_name(UINT32 s)
{
    switch (s) {
    case MF_TOPOSTATUS_INVALID: return "INVALID";
    case MF_TOPOSTATUS_READY: return "READY";
    case MF_TOPOSTATUS_STARTED_SOURCE: return "STARTED_SOURCE";
    case MF_TOPOSTATUS_DYNAMIC_CHANGED: return "DYNAMIC_CHANGED";
    case MF_TOPOSTATUS_SINK_SWITCHED: return "SINK_SWITCHED";
    case MF_TOPOSTATUS_ENDED: return "ENDED";
    default: return "?";
    }
}

/* ------------------------------------------------------------------ events */

/* One expected event. topo: the MF_EVENT_TOPOLOGY_STATUS a
 * MESessionTopologyStatus must carry (0: not a topology status event). */
typedef struct conf_want {
    MediaEventType type;
    HRESULT status;
    UINT32 topo;
    bool optional; /* where the reference leaves it open: may be there or not */
} conf_want;
#define EV(type, status) { (type), (status), 0, false }
#define EVT(topo_status) { MESessionTopologyStatus, S_OK, (topo_status), false }
#define EVT_OPT(topo_status) { MESessionTopologyStatus, S_OK, (topo_status), true }

#define CONF_MAX_EVENTS 64

/* Events as they came, kept (with a reference) for attribute checks. */
typedef struct conf_events {
    int n;
    IMFMediaEvent *ev[CONF_MAX_EVENTS];
    MediaEventType type[CONF_MAX_EVENTS];
    HRESULT status[CONF_MAX_EVENTS];
    UINT32 topo[CONF_MAX_EVENTS];
} conf_events;

static inline void conf_events_clear(conf_events *e)
{
    for (int i = 0; i < e->n; i++)
        if (e->ev[i])
            IMFMediaEvent_Release(e->ev[i]);
    memset(e, 0, sizeof(*e));
}

static inline void conf_events_add(conf_events *e, IMFMediaEvent *ev)
{
    if (e->n >= CONF_MAX_EVENTS) {
        IMFMediaEvent_Release(ev);
        return;
    }
    int i = e->n++;
    e->ev[i] = ev;
    e->type[i] = MEUnknown;
    e->status[i] = E_UNEXPECTED;
    e->topo[i] = 0;
    IMFMediaEvent_GetType(ev, &e->type[i]);
    IMFMediaEvent_GetStatus(ev, &e->status[i]);
    if (e->type[i] == MESessionTopologyStatus &&
        FAILED(IMFMediaEvent_GetUINT32(ev, &MF_EVENT_TOPOLOGY_STATUS, &e->topo[i])))
        e->topo[i] = 0xffffffffu;
}

/* The next event of the session (polled, so that a stuck session fails the
 * test instead of hanging it), or NULL after timeout_ms. */
static inline IMFMediaEvent *conf_next_event(IMFMediaSession *s, int timeout_ms)
{
    long long end = conf_now_ms() + timeout_ms;
    for (;;) {
        IMFMediaEvent *ev = NULL;
        HRESULT hr = IMFMediaSession_GetEvent(s, MF_EVENT_FLAG_NO_WAIT, &ev);
        if (hr == S_OK && ev)
            return ev;
        if (hr != MF_E_NO_EVENTS_AVAILABLE) {
            printf("  (GetEvent(NO_WAIT) returned %s)\n", conf_hr_name(hr));
            return NULL;
        }
        if (conf_now_ms() >= end)
            return NULL;
        conf_sleep_ms(2);
    }
}

static inline void conf_print_event(const conf_events *e, int i)
{
    printf("%s(%s", conf_event_name(e->type[i]), conf_hr_name(e->status[i]));
    if (e->type[i] == MESessionTopologyStatus)
        printf(", %s", conf_topo_status_name(e->topo[i]));
    printf(")");
}

static inline void conf_print_want(const conf_want *w)
{
    printf("%s%s(%s", w->optional ? "[" : "", conf_event_name(w->type), conf_hr_name(w->status));
    if (w->type == MESessionTopologyStatus)
        printf(", %s", conf_topo_status_name(w->topo));
    printf(")%s", w->optional ? "]" : "");
}

static inline bool conf_is_terminal(const conf_events *e, int i, const conf_want *last)
{
    return e->type[i] == last->type && (last->type != MESessionTopologyStatus || e->topo[i] == last->topo);
}

static inline bool conf_same(const conf_events *got, int i, const conf_want *w)
{
    return got->type[i] == w->type && got->status[i] == w->status &&
           (w->type != MESessionTopologyStatus || got->topo[i] == w->topo);
}

/* got[g..] against want[w..], optional entries matched or skipped. */
static inline bool conf_match(const conf_events *got, int g, const conf_want *want, int n, int w)
{
    if (w == n)
        return g == got->n;
    if (want[w].optional && conf_match(got, g, want, n, w + 1))
        return true;
    return g < got->n && conf_same(got, g, &want[w]) && conf_match(got, g + 1, want, n, w + 1);
}

/* Collect events until the last wanted one (by type, and topology status)
 * arrives, then compare the whole sequence: types, statuses, topology
 * statuses, and nothing else in between. got keeps them (clear it). */
static inline bool conf_expect_seq(IMFMediaSession *s, conf_events *got, const conf_want *want,
                                   int n, int line, const char *what)
{
    conf_events_clear(got);
    const conf_want *last = &want[n - 1];
    bool terminal = false;
    while (!terminal && got->n < n + 8) {
        IMFMediaEvent *ev = conf_next_event(s, CONF_TIMEOUT_MS);
        if (!ev)
            break;
        conf_events_add(got, ev);
        terminal = conf_is_terminal(got, got->n - 1, last);
    }
    bool same = conf_match(got, 0, want, n, 0);
    conf_checks++;
    if (same)
        return true;
    conf_failures++;
    printf("FAIL %s:%d: %s\n  expected:", conf_case, line, what);
    for (int i = 0; i < n; i++) {
        printf(i ? ", " : " ");
        conf_print_want(&want[i]);
    }
    printf("\n  got:     ");
    for (int i = 0; i < got->n; i++) {
        printf(i ? ", " : " ");
        conf_print_event(got, i);
    }
    if (!terminal)
        printf("%s(then nothing for %d ms)", got->n ? ", " : " ", CONF_TIMEOUT_MS);
    printf("\n");
    fflush(stdout);
    return false;
}
#define EXPECT_SEQ(s, got, what, ...)                                                      \
    conf_expect_seq((s), (got), (const conf_want[]){ __VA_ARGS__ },                        \
                    (int)(sizeof((const conf_want[]){ __VA_ARGS__ }) / sizeof(conf_want)), \
                    __LINE__, (what))

/* No event for ms milliseconds. */
static inline bool conf_expect_quiet(IMFMediaSession *s, int ms, int line, const char *what)
{
    IMFMediaEvent *ev = conf_next_event(s, ms);
    if (!ev)
        return conf_check(true, line, "");
    conf_events e = { 0 };
    conf_events_add(&e, ev);
    conf_check(false, line, "%s: expected no event, got %s(%s)", what,
               conf_event_name(e.type[0]), conf_hr_name(e.status[0]));
    conf_events_clear(&e);
    return false;
}
#define EXPECT_QUIET(s, ms, what) conf_expect_quiet((s), (ms), __LINE__, (what))

/* Index of the first event of this type (and topology status) in got, or -1. */
static inline int conf_find(const conf_events *got, MediaEventType type, UINT32 topo)
{
    for (int i = 0; i < got->n; i++)
        if (got->type[i] == type && (type != MESessionTopologyStatus || got->topo[i] == topo))
            return i;
    return -1;
}

static inline IMFMediaEvent *conf_event_of(const conf_events *got, MediaEventType type, UINT32 topo)
{
    int i = conf_find(got, type, topo);
    return i < 0 ? NULL : got->ev[i];
}

/* The session's capabilities as the tests follow them: every
 * MESessionCapabilitiesChanged must carry SESSIONCAPS and DELTA, DELTA
 * must be the bits that changed since the previous caps. */
static inline void conf_follow_caps(const conf_events *got, DWORD *caps, int line)
{
    for (int i = 0; i < got->n; i++) {
        if (got->type[i] != MESessionCapabilitiesChanged)
            continue;
        UINT32 c = 0, d = 0;
        HRESULT hc = IMFMediaEvent_GetUINT32(got->ev[i], &MF_EVENT_SESSIONCAPS, &c);
        HRESULT hd = IMFMediaEvent_GetUINT32(got->ev[i], &MF_EVENT_SESSIONCAPS_DELTA, &d);
        conf_check_hr(hc, S_OK, line, "CapabilitiesChanged has MF_EVENT_SESSIONCAPS");
        conf_check_hr(hd, S_OK, line, "CapabilitiesChanged has MF_EVENT_SESSIONCAPS_DELTA");
        conf_check(d == (c ^ *caps), line,
                   "CapabilitiesChanged: DELTA 0x%x, expected 0x%x (caps 0x%x -> 0x%x)",
                   (unsigned)d, (unsigned)(c ^ *caps), (unsigned)*caps, (unsigned)c);
        *caps = c;
    }
}

/* The caps and delta of the first CapabilitiesChanged in got. */
static inline bool conf_check_caps_event(const conf_events *got, DWORD caps, DWORD delta, int line)
{
    IMFMediaEvent *ev = conf_event_of(got, MESessionCapabilitiesChanged, 0);
    if (!ev)
        return conf_check(false, line, "no MESessionCapabilitiesChanged");
    UINT32 c = 0xdeadbeef, d = 0xdeadbeef;
    IMFMediaEvent_GetUINT32(ev, &MF_EVENT_SESSIONCAPS, &c);
    IMFMediaEvent_GetUINT32(ev, &MF_EVENT_SESSIONCAPS_DELTA, &d);
    bool ok = conf_check(c == caps, line, "MF_EVENT_SESSIONCAPS 0x%x, expected 0x%x",
                         (unsigned)c, (unsigned)caps);
    return conf_check(d == delta, line, "MF_EVENT_SESSIONCAPS_DELTA 0x%x, expected 0x%x",
                      (unsigned)d, (unsigned)delta) && ok;
}
#define CHECK_CAPS_EVENT(got, caps, delta) conf_check_caps_event((got), (caps), (delta), __LINE__)

static inline bool conf_check_session_caps(IMFMediaSession *s, DWORD want, int line)
{
    DWORD caps = 0xdeadbeef;
    HRESULT hr = IMFMediaSession_GetSessionCapabilities(s, &caps);
    conf_check_hr(hr, S_OK, line, "GetSessionCapabilities");
    return conf_check(caps == want, line, "GetSessionCapabilities: 0x%x, expected 0x%x",
                      (unsigned)caps, (unsigned)want);
}
#define CHECK_SESSION_CAPS(s, want) conf_check_session_caps((s), (want), __LINE__)

static inline bool conf_has_attr(IMFMediaEvent *ev, REFGUID key, MF_ATTRIBUTE_TYPE type)
{
    MF_ATTRIBUTE_TYPE t;
    return ev && SUCCEEDED(IMFMediaEvent_GetItemType(ev, key, &t)) && t == type;
}

/* The topology an event's value carries (VT_UNKNOWN), or NULL. New reference. */
static inline IMFTopology *conf_event_topology(IMFMediaEvent *ev)
{
    PROPVARIANT v;
    PropVariantInit(&v);
    IMFTopology *t = NULL;
    if (ev && SUCCEEDED(IMFMediaEvent_GetValue(ev, &v)) && v.vt == VT_UNKNOWN && v.punkVal)
        IUnknown_QueryInterface(v.punkVal, &IID_IMFTopology, (void **)&t);
    PropVariantClear(&v);
    return t;
}

static inline TOPOID conf_topology_id(IMFTopology *t)
{
    TOPOID id = 0;
    if (t)
        IMFTopology_GetTopologyID(t, &id);
    return id;
}

/* The caps a session has once a topology of local, seekable files is
 * READY: START, SEEK, DOES_NOT_USE_NETWORK, RATE_FORWARD, and RATE_REVERSE
 * when the session's own rate support says it can play backwards. */
static inline DWORD conf_ready_caps(IMFMediaSession *s)
{
    DWORD caps = MFSESSIONCAP_START | MFSESSIONCAP_SEEK | MFSESSIONCAP_DOES_NOT_USE_NETWORK |
                 MFSESSIONCAP_RATE_FORWARD;
    IMFRateSupport *rs = NULL;
    if (SUCCEEDED(MFGetService((IUnknown *)s, &MF_RATE_CONTROL_SERVICE, &IID_IMFRateSupport,
                               (void **)&rs))) {
        float r = 0;
        if (SUCCEEDED(IMFRateSupport_GetFastestRate(rs, MFRATE_REVERSE, TRUE, &r)) && r != 0)
            caps |= MFSESSIONCAP_RATE_REVERSE;
        IMFRateSupport_Release(rs);
    }
    return caps;
}

/* --------------------------------------------------------- session control */

static inline HRESULT conf_start(IMFMediaSession *s, LONGLONG pos /* < 0: VT_EMPTY */)
{
    PROPVARIANT v;
    PropVariantInit(&v);
    if (pos >= 0) {
        v.vt = VT_I8;
        v.hVal.QuadPart = pos;
    }
    return IMFMediaSession_Start(s, &GUID_NULL, &v);
}

/* The session's clock as an IMFPresentationClock (new reference) or NULL. */
static inline IMFPresentationClock *conf_session_clock(IMFMediaSession *s)
{
    IMFClock *clock = NULL;
    IMFPresentationClock *pc = NULL;
    if (SUCCEEDED(IMFMediaSession_GetClock(s, &clock)) && clock) {
        IMFClock_QueryInterface(clock, &IID_IMFPresentationClock, (void **)&pc);
        IMFClock_Release(clock);
    }
    return pc;
}

/* Presentation time of the session's clock, -1 when it has none. */
static inline MFTIME conf_clock_time(IMFMediaSession *s)
{
    IMFPresentationClock *pc = conf_session_clock(s);
    MFTIME t = -1;
    if (pc) {
        if (FAILED(IMFPresentationClock_GetTime(pc, &t)))
            t = -1;
        IMFPresentationClock_Release(pc);
    }
    return t;
}

static inline MFCLOCK_STATE conf_clock_state(IMFMediaSession *s)
{
    IMFPresentationClock *pc = conf_session_clock(s);
    MFCLOCK_STATE st = MFCLOCK_STATE_INVALID;
    if (pc) {
        IMFPresentationClock_GetState(pc, 0, &st);
        IMFPresentationClock_Release(pc);
    }
    return st;
}

#define CONF_MS(x) ((MFTIME)(x) * 10000)

/* The clock's time is within [lo, hi] (100 ns units). */
static inline bool conf_check_time(IMFMediaSession *s, MFTIME lo, MFTIME hi, int line,
                                   const char *what)
{
    MFTIME t = conf_clock_time(s);
    return conf_check(t >= lo && t <= hi, line, "%s: clock at %.3f s, expected %.3f to %.3f s",
                      what, t / 1e7, lo / 1e7, hi / 1e7);
}
#define CHECK_TIME(s, lo_ms, hi_ms, what) \
    conf_check_time((s), CONF_MS(lo_ms), CONF_MS(hi_ms), __LINE__, (what))

/* --------------------------------------------------------- sample grabber */

#define CONF_MAX_TIMES 1024

/* IMFSampleGrabberSinkCallback in C: counts samples and clock calls. */
typedef struct conf_grabber {
    IMFSampleGrabberSinkCallback iface;
    volatile LONG refs;
    GUID major;
    pthread_mutex_t lock;
    LONG samples;
    LONGLONG times[CONF_MAX_TIMES];
    DWORD last_size;
    LONG clock_start, clock_stop, clock_pause, clock_restart, clock_rate;
    LONG set_clock, shutdown, wrong_major;
} conf_grabber;

static inline conf_grabber *conf_grabber_from(IMFSampleGrabberSinkCallback *iface)
{
    return (conf_grabber *)(void *)iface;
}

static HRESULT STDMETHODCALLTYPE conf_grabber_QueryInterface(IMFSampleGrabberSinkCallback *iface,
                                                             REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IMFClockStateSink) ||
        IsEqualIID(riid, &IID_IMFSampleGrabberSinkCallback)) {
        *out = iface;
        IMFSampleGrabberSinkCallback_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE conf_grabber_AddRef(IMFSampleGrabberSinkCallback *iface)
{
    return (ULONG)InterlockedIncrement(&conf_grabber_from(iface)->refs);
}

static ULONG STDMETHODCALLTYPE conf_grabber_Release(IMFSampleGrabberSinkCallback *iface)
{
    conf_grabber *g = conf_grabber_from(iface);
    LONG refs = InterlockedDecrement(&g->refs);
    if (!refs) {
        pthread_mutex_destroy(&g->lock);
        free(g);
    }
    return (ULONG)refs;
}

#define CONF_COUNT(field)                                  \
    do {                                                   \
        conf_grabber *g_ = conf_grabber_from(iface);       \
        pthread_mutex_lock(&g_->lock);                     \
        g_->field++;                                       \
        pthread_mutex_unlock(&g_->lock);                   \
    } while (0)

static HRESULT STDMETHODCALLTYPE conf_grabber_OnClockStart(IMFSampleGrabberSinkCallback *iface,
                                                           MFTIME systime, LONGLONG offset)
{
    (void)systime;
    (void)offset;
    CONF_COUNT(clock_start);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE conf_grabber_OnClockStop(IMFSampleGrabberSinkCallback *iface,
                                                          MFTIME systime)
{
    (void)systime;
    CONF_COUNT(clock_stop);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE conf_grabber_OnClockPause(IMFSampleGrabberSinkCallback *iface,
                                                           MFTIME systime)
{
    (void)systime;
    CONF_COUNT(clock_pause);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE conf_grabber_OnClockRestart(IMFSampleGrabberSinkCallback *iface,
                                                             MFTIME systime)
{
    (void)systime;
    CONF_COUNT(clock_restart);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE conf_grabber_OnClockSetRate(IMFSampleGrabberSinkCallback *iface,
                                                             MFTIME systime, float rate)
{
    (void)systime;
    (void)rate;
    CONF_COUNT(clock_rate);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE conf_grabber_OnSetPresentationClock(
    IMFSampleGrabberSinkCallback *iface, IMFPresentationClock *clock)
{
    (void)clock;
    CONF_COUNT(set_clock);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE conf_grabber_OnProcessSample(
    IMFSampleGrabberSinkCallback *iface, REFGUID major, DWORD flags, LONGLONG time,
    LONGLONG duration, const BYTE *buf, DWORD size)
{
    (void)flags;
    (void)duration;
    (void)buf;
    conf_grabber *g = conf_grabber_from(iface);
    pthread_mutex_lock(&g->lock);
    if (!IsEqualGUID(major, &g->major))
        g->wrong_major++;
    if (g->samples < CONF_MAX_TIMES)
        g->times[g->samples] = time;
    g->samples++;
    g->last_size = size;
    pthread_mutex_unlock(&g->lock);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE conf_grabber_OnShutdown(IMFSampleGrabberSinkCallback *iface)
{
    CONF_COUNT(shutdown);
    return S_OK;
}

/* Not const: lpVtbl is const only with CONST_VTABLE. */
static IMFSampleGrabberSinkCallbackVtbl conf_grabber_vtbl = {
    .QueryInterface = conf_grabber_QueryInterface,
    .AddRef = conf_grabber_AddRef,
    .Release = conf_grabber_Release,
    .OnClockStart = conf_grabber_OnClockStart,
    .OnClockStop = conf_grabber_OnClockStop,
    .OnClockPause = conf_grabber_OnClockPause,
    .OnClockRestart = conf_grabber_OnClockRestart,
    .OnClockSetRate = conf_grabber_OnClockSetRate,
    .OnSetPresentationClock = conf_grabber_OnSetPresentationClock,
    .OnProcessSample = conf_grabber_OnProcessSample,
    .OnShutdown = conf_grabber_OnShutdown,
};

/* A callback for samples of this major type (one reference: Release it). */
static inline conf_grabber *conf_grabber_new(REFGUID major)
{
    conf_grabber *g = calloc(1, sizeof(*g));
    if (!g) {
        printf("out of memory\n");
        exit(1);
    }
    g->iface.lpVtbl = &conf_grabber_vtbl;
    g->refs = 1;
    g->major = *major;
    pthread_mutex_init(&g->lock, NULL);
    return g;
}

static inline void conf_grabber_release(conf_grabber **g)
{
    if (*g)
        IMFSampleGrabberSinkCallback_Release(&(*g)->iface);
    *g = NULL;
}

static inline LONG conf_grabber_get(conf_grabber *g, const LONG *field)
{
    pthread_mutex_lock(&g->lock);
    LONG v = *field;
    pthread_mutex_unlock(&g->lock);
    return v;
}
#define GRABBED(g, field) conf_grabber_get((g), &(g)->field)

/* A sample grabber sink activate: video as RGB32, audio as PCM. */
static inline HRESULT conf_grabber_activate(conf_grabber *g, BOOL ignore_clock, IMFActivate **out)
{
    IMFMediaType *type = NULL;
    HRESULT hr = MFCreateMediaType(&type);
    if (SUCCEEDED(hr))
        hr = IMFMediaType_SetGUID(type, &MF_MT_MAJOR_TYPE, &g->major);
    if (SUCCEEDED(hr))
        hr = IMFMediaType_SetGUID(type, &MF_MT_SUBTYPE,
                                  IsEqualGUID(&g->major, &MFMediaType_Video) ? &MFVideoFormat_RGB32
                                                                             : &MFAudioFormat_PCM);
    if (SUCCEEDED(hr))
        hr = MFCreateSampleGrabberSinkActivate(type, &g->iface, out);
    if (SUCCEEDED(hr))
        hr = IMFActivate_SetUINT32(*out, &MF_SAMPLEGRABBERSINK_IGNORE_CLOCK, ignore_clock);
    if (type)
        IMFMediaType_Release(type);
    return hr;
}

/* ----------------------------------------------------------- media, topology */

/* Path of a test clip (MSESS_TEST_MEDIA), as a wide string; exits 77
 * (skipped) when the tests' media folder is unknown. free() it. */
static inline WCHAR *conf_media_url(const char *name)
{
    const char *dir = getenv("MSESS_TEST_MEDIA");
    if (!dir || !*dir) {
        printf("MSESS_TEST_MEDIA is not set: skipped\n");
        exit(77);
    }
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = malloc(len);
    snprintf(path, len, "%s/%s", dir, name);
    size_t n = mbstowcs(NULL, path, 0);
    WCHAR *w = n == (size_t)-1 ? NULL : calloc(n + 1, sizeof(WCHAR));
    if (w)
        mbstowcs(w, path, n + 1);
    free(path);
    return w;
}

/* Resolve a test clip into a media source and its presentation descriptor. */
static inline HRESULT conf_open(const char *name, IMFMediaSource **src,
                                IMFPresentationDescriptor **pd)
{
    *src = NULL;
    if (pd)
        *pd = NULL;
    WCHAR *url = conf_media_url(name);
    IMFSourceResolver *resolver = NULL;
    IUnknown *obj = NULL;
    MF_OBJECT_TYPE type = MF_OBJECT_INVALID;
    HRESULT hr = url ? MFCreateSourceResolver(&resolver) : E_OUTOFMEMORY;
    if (SUCCEEDED(hr))
        hr = IMFSourceResolver_CreateObjectFromURL(resolver, url, MF_RESOLUTION_MEDIASOURCE, NULL,
                                                   &type, &obj);
    if (SUCCEEDED(hr))
        hr = IUnknown_QueryInterface(obj, &IID_IMFMediaSource, (void **)src);
    if (SUCCEEDED(hr) && pd)
        hr = IMFMediaSource_CreatePresentationDescriptor(*src, pd);
    if (obj)
        IUnknown_Release(obj);
    if (resolver)
        IMFSourceResolver_Release(resolver);
    free(url);
    if (FAILED(hr))
        printf("  cannot open %s: %s\n", name, conf_hr_name(hr));
    return hr;
}

/* What conf_add_source_node leaves out (to test SetTopology's checks). */
enum {
    CONF_NO_SOURCE = 1,
    CONF_NO_PD = 2,
    CONF_NO_SD = 4,
};

static inline HRESULT conf_add_source_node(IMFTopology *topo, IMFMediaSource *src,
                                           IMFPresentationDescriptor *pd, IMFStreamDescriptor *sd,
                                           unsigned omit, IMFTopologyNode **out)
{
    IMFTopologyNode *node = NULL;
    HRESULT hr = MFCreateTopologyNode(MF_TOPOLOGY_SOURCESTREAM_NODE, &node);
    if (SUCCEEDED(hr) && !(omit & CONF_NO_SOURCE))
        hr = IMFTopologyNode_SetUnknown(node, &MF_TOPONODE_SOURCE, (IUnknown *)src);
    if (SUCCEEDED(hr) && !(omit & CONF_NO_PD))
        hr = IMFTopologyNode_SetUnknown(node, &MF_TOPONODE_PRESENTATION_DESCRIPTOR, (IUnknown *)pd);
    if (SUCCEEDED(hr) && !(omit & CONF_NO_SD))
        hr = IMFTopologyNode_SetUnknown(node, &MF_TOPONODE_STREAM_DESCRIPTOR, (IUnknown *)sd);
    if (SUCCEEDED(hr))
        hr = IMFTopology_AddNode(topo, node);
    if (SUCCEEDED(hr) && out) {
        *out = node;
        return hr;
    }
    if (node)
        IMFTopologyNode_Release(node);
    return hr;
}

static inline HRESULT conf_add_output_node(IMFTopology *topo, IUnknown *object, bool set_stream_id,
                                           IMFTopologyNode **out)
{
    IMFTopologyNode *node = NULL;
    HRESULT hr = MFCreateTopologyNode(MF_TOPOLOGY_OUTPUT_NODE, &node);
    if (SUCCEEDED(hr))
        hr = IMFTopologyNode_SetObject(node, object);
    if (SUCCEEDED(hr) && set_stream_id)
        hr = IMFTopologyNode_SetUINT32(node, &MF_TOPONODE_STREAMID, 0);
    if (SUCCEEDED(hr))
        hr = IMFTopologyNode_SetUINT32(node, &MF_TOPONODE_NOSHUTDOWN_ON_REMOVE, FALSE);
    if (SUCCEEDED(hr))
        hr = IMFTopology_AddNode(topo, node);
    if (SUCCEEDED(hr) && out) {
        *out = node;
        return hr;
    }
    if (node)
        IMFTopologyNode_Release(node);
    return hr;
}

static inline HRESULT conf_stream_major(IMFStreamDescriptor *sd, GUID *major)
{
    IMFMediaTypeHandler *h = NULL;
    HRESULT hr = IMFStreamDescriptor_GetMediaTypeHandler(sd, &h);
    if (SUCCEEDED(hr))
        hr = IMFMediaTypeHandler_GetMajorType(h, major);
    if (h)
        IMFMediaTypeHandler_Release(h);
    return hr;
}

/* A partial topology: each selected stream of a major type with a grabber
 * (video, audio: either may be NULL) goes to that grabber's activate; the
 * other streams are deselected. */
static inline HRESULT conf_build_topology(IMFMediaSource *src, IMFPresentationDescriptor *pd,
                                          conf_grabber *video, conf_grabber *audio,
                                          BOOL ignore_clock, IMFTopology **out)
{
    IMFTopology *topo = NULL;
    DWORD count = 0;
    HRESULT hr = MFCreateTopology(&topo);
    if (SUCCEEDED(hr))
        hr = IMFPresentationDescriptor_GetStreamDescriptorCount(pd, &count);
    for (DWORD i = 0; SUCCEEDED(hr) && i < count; i++) {
        BOOL selected = FALSE;
        IMFStreamDescriptor *sd = NULL;
        GUID major = GUID_NULL;
        hr = IMFPresentationDescriptor_GetStreamDescriptorByIndex(pd, i, &selected, &sd);
        if (SUCCEEDED(hr))
            hr = conf_stream_major(sd, &major);
        conf_grabber *g = IsEqualGUID(&major, &MFMediaType_Video)   ? video
                          : IsEqualGUID(&major, &MFMediaType_Audio) ? audio
                                                                    : NULL;
        if (SUCCEEDED(hr) && !g)
            hr = IMFPresentationDescriptor_DeselectStream(pd, i);
        else if (SUCCEEDED(hr) && selected) {
            IMFActivate *act = NULL;
            IMFTopologyNode *in = NULL, *outn = NULL;
            hr = conf_grabber_activate(g, ignore_clock, &act);
            if (SUCCEEDED(hr))
                hr = conf_add_source_node(topo, src, pd, sd, 0, &in);
            if (SUCCEEDED(hr))
                hr = conf_add_output_node(topo, (IUnknown *)act, true, &outn);
            if (SUCCEEDED(hr))
                hr = IMFTopologyNode_ConnectOutput(in, 0, outn, 0);
            if (act)
                IMFActivate_Release(act);
            if (in)
                IMFTopologyNode_Release(in);
            if (outn)
                IMFTopologyNode_Release(outn);
        }
        if (sd)
            IMFStreamDescriptor_Release(sd);
    }
    if (FAILED(hr)) {
        printf("  cannot build the topology: %s\n", conf_hr_name(hr));
        if (topo)
            IMFTopology_Release(topo);
        topo = NULL;
    }
    *out = topo;
    return hr;
}

/* A session with this clip's topology set and READY: the common start of
 * most cases. ev gets the SetTopology events. */
typedef struct conf_play {
    IMFMediaSession *session;
    IMFMediaSource *source;
    IMFPresentationDescriptor *pd;
    IMFTopology *topology;
    conf_grabber *video, *audio;
    DWORD caps;  /* followed through CapabilitiesChanged */
    bool closed; /* MESessionClosed seen: conf_play_close does not Close again */
} conf_play;

static inline bool conf_play_open(conf_play *p, const char *clip, bool video, bool audio,
                                  BOOL ignore_clock, IMFAttributes *config, int line)
{
    memset(p, 0, sizeof(*p));
    if (video)
        p->video = conf_grabber_new(&MFMediaType_Video);
    if (audio)
        p->audio = conf_grabber_new(&MFMediaType_Audio);
    HRESULT hr = conf_open(clip, &p->source, &p->pd);
    if (!conf_check_hr(hr, S_OK, line, "open the clip"))
        return false;
    hr = conf_build_topology(p->source, p->pd, p->video, p->audio, ignore_clock, &p->topology);
    if (!conf_check_hr(hr, S_OK, line, "build the topology"))
        return false;
    hr = MFCreateMediaSession(config, &p->session);
    return conf_check_hr(hr, S_OK, line, "MFCreateMediaSession");
}

/* SetTopology and the sequence of reference section 3.1. */
static inline bool conf_play_ready(conf_play *p, int line)
{
    HRESULT hr = IMFMediaSession_SetTopology(p->session, 0, p->topology);
    if (!conf_check_hr(hr, S_OK, line, "SetTopology"))
        return false;
    conf_events got = { 0 };
    bool ok = conf_expect_seq(p->session, &got,
                              (const conf_want[]){ EV(MESessionTopologySet, S_OK),
                                                   EV(MESessionNotifyPresentationTime, S_OK),
                                                   EV(MESessionCapabilitiesChanged, S_OK),
                                                   EVT(MF_TOPOSTATUS_READY) },
                              4, line, "SetTopology events");
    conf_follow_caps(&got, &p->caps, line);
    conf_events_clear(&got);
    return ok;
}

/* Start(VT_EMPTY) from stopped: section 3.2. */
static inline bool conf_play_start(conf_play *p, int line)
{
    HRESULT hr = conf_start(p->session, -1);
    if (!conf_check_hr(hr, S_OK, line, "Start"))
        return false;
    conf_events got = { 0 };
    bool ok = conf_expect_seq(p->session, &got,
                              (const conf_want[]){ EVT(MF_TOPOSTATUS_STARTED_SOURCE),
                                                   EV(MESessionCapabilitiesChanged, S_OK),
                                                   EV(MESessionStarted, S_OK) },
                              3, line, "Start events");
    conf_follow_caps(&got, &p->caps, line);
    conf_events_clear(&got);
    return ok;
}

/* Close (waiting for MESessionClosed, whatever came before), Shutdown, and
 * release everything, the media source shut down by us as its owner. */
static inline void conf_play_close(conf_play *p)
{
    if (p->session) {
        if (!p->closed && SUCCEEDED(IMFMediaSession_Close(p->session))) {
            long long end = conf_now_ms() + CONF_TIMEOUT_MS;
            for (;;) {
                IMFMediaEvent *ev = conf_next_event(p->session, (int)(end - conf_now_ms()));
                if (!ev) {
                    printf("  (no MESessionClosed while cleaning up)\n");
                    break;
                }
                MediaEventType t = MEUnknown;
                IMFMediaEvent_GetType(ev, &t);
                IMFMediaEvent_Release(ev);
                if (t == MESessionClosed)
                    break;
            }
        }
        IMFMediaSession_Shutdown(p->session);
        IMFMediaSession_Release(p->session);
    }
    if (p->source) {
        IMFMediaSource_Shutdown(p->source);
        IMFMediaSource_Release(p->source);
    }
    if (p->pd)
        IMFPresentationDescriptor_Release(p->pd);
    if (p->topology)
        IMFTopology_Release(p->topology);
    conf_grabber_release(&p->video);
    conf_grabber_release(&p->audio);
    memset(p, 0, sizeof(*p));
}

/* ------------------------------------------------------------- test cases */

static LONG conf_live_at_start;

/* Objects still alive once every reference was dropped: poll a little, the
 * shim's worker thread may hold the last references for a moment. */
static inline void conf_check_leaks(LONG before, int line)
{
    LONG now = msess_mf_live_objects();
    for (int i = 0; i < 300 && now != before; i++) {
        conf_sleep_ms(10);
        now = msess_mf_live_objects();
    }
    conf_check(now == before, line, "msess_mf_live_objects(): %ld, %ld before (leak)",
               (long)now, (long)before);
}

/* Run one case: its name on the output, its leaks checked after it. */
#define CONF_CASE(fn)                                       \
    do {                                                    \
        conf_case = #fn;                                    \
        int f_ = conf_failures;                             \
        LONG live_ = msess_mf_live_objects();               \
        fn();                                               \
        conf_check_leaks(live_, __LINE__);                  \
        printf("%s %s\n", conf_failures == f_ ? "ok  " : "FAILED", #fn); \
        fflush(stdout);                                     \
    } while (0)

static inline void conf_init(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    HRESULT hr = MFStartup(MF_VERSION, MFSTARTUP_FULL);
    if (FAILED(hr)) {
        printf("MFStartup: %s\n", conf_hr_name(hr));
        exit(1);
    }
    conf_live_at_start = msess_mf_live_objects();
}

static inline int conf_done(void)
{
    conf_case = "end";
    conf_check_leaks(conf_live_at_start, __LINE__);
    HRESULT hr = MFShutdown();
    CHECK_HR(hr, S_OK, "MFShutdown");
    printf("%d checks, %d failed\n", conf_checks, conf_failures);
    return conf_failures ? 1 : 0;
}

#endif

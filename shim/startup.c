/* The Media Foundation platform's lifetime: MFStartup, MFShutdown,
 * MFLockPlatform, MFUnlockPlatform, and the system clock (MFGetSystemTime).
 *
 * As on Windows (Wine's conformance tests show it), MFStartup, MFShutdown,
 * MFLockPlatform and MFUnlockPlatform share one lock count, and the
 * platform is started while it is above 0: MFStartup and MFLockPlatform add
 * one, MFShutdown and MFUnlockPlatform take one away (MFShutdown with the
 * count at 0 does nothing and succeeds; so unlocking the lock MFStartup took
 * shuts the platform down, and locking it again brings it back). When
 * MFShutdown takes the count to 0 it stops and joins the worker threads
 * (async.c); MFLockPlatform keeps them alive past an MFShutdown, which is
 * what Windows documents the lock is for. (Windows' async results also hold
 * a lock while they live; ours do not, see async.c.)
 *
 * Before MFStartup: the creation functions (MFCreateEventQueue,
 * MFCreateMediaEvent, MFCreateAsyncResult, MFCreatePresentationClock,
 * MFCreateSystemTimeSource, MFCreateAttributes, ...) work, as on Windows.
 * The work queue functions (MFPutWorkItem, MFPutWorkItemEx,
 * MFInvokeCallback) fail with MF_E_SHUTDOWN, as Windows documents. The
 * shim's own deliveries (event callbacks, clock notifications) run in any
 * case. */
#include "shim.h"

/* MF_VERSION of the Vista SDK (MF_SDK_VERSION 1) and of every later one
 * (2); Windows accepts both. */
#define MF_VERSION_VISTA ((1UL << 16) | MF_API_VERSION)
#define MF_VERSION_WIN7 ((2UL << 16) | MF_API_VERSION)

static pthread_mutex_t platform_mutex = PTHREAD_MUTEX_INITIALIZER;
static LONG platform_locks; /* under platform_mutex */

bool shim_platform_started(void)
{
    pthread_mutex_lock(&platform_mutex);
    bool started = platform_locks > 0;
    pthread_mutex_unlock(&platform_mutex);
    return started;
}

HRESULT WINAPI MFStartup(ULONG version, DWORD flags)
{
    (void)flags; /* MFSTARTUP_NOSOCKET: the shim opens no sockets of its own */
    if (version != MF_VERSION_VISTA && version != MF_VERSION_WIN7)
        return MF_E_BAD_STARTUP_VERSION;
    return MFLockPlatform();
}

HRESULT WINAPI MFShutdown(void)
{
    pthread_mutex_lock(&platform_mutex);
    bool stop = false;
    if (platform_locks > 0)
        stop = --platform_locks == 0;
    pthread_mutex_unlock(&platform_mutex);
    /* Outside the mutex: callbacks finishing meanwhile may release results,
     * which unlock the platform. */
    if (stop)
        shim_work_stop();
    return S_OK;
}

HRESULT WINAPI MFLockPlatform(void)
{
    pthread_mutex_lock(&platform_mutex);
    platform_locks++;
    pthread_mutex_unlock(&platform_mutex);
    return S_OK;
}

HRESULT WINAPI MFUnlockPlatform(void)
{
    pthread_mutex_lock(&platform_mutex);
    /* Never below 0: one unmatched unlock must not make the next MFStartup
     * leave the platform stopped. */
    if (platform_locks > 0)
        platform_locks--;
    pthread_mutex_unlock(&platform_mutex);
    return S_OK;
}

MFTIME WINAPI MFGetSystemTime(void)
{
    return msess_system_time(NULL);
}

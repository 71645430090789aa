/* valgrind 3.19 rejects RDTSCP, which libhwy's constructor runs to measure
 * its timer; libhwy comes in through libavcodec -> libjxl. This stands in
 * for the one function that executes it. Preloaded by the valgrind test
 * setup only; never linked into msess. */
#include <stdint.h>

uint64_t _ZN3hwy8platform15TimerResolutionEv(void);
uint64_t _ZN3hwy8platform15TimerResolutionEv(void)
{
    return 1;
}

/* A queue of packets or frames between threads. The mutex and condition
 * variable may be shared by several queues (a source's packet queues share
 * its lock, so the demuxer waits on all of them at once). Every item carries
 * the flush generation it belongs to; a queue drops items of another
 * generation at push, so a flush never races a producer. */
#ifndef MSESS_CORE_FIFO_H
#define MSESS_CORE_FIFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msess/common.h"
#include "os/thread.h"

enum {
    MSESS__ITEM_EOS = 1 << 0, /* end of stream marker; ptr is NULL */
};

typedef struct msess__item {
    void *ptr;          /* AVPacket* or AVFrame*, owned by the queue */
    uint32_t gen;
    unsigned flags;
    size_t bytes;
    msess_time pts;     /* MSESS_TIME_NONE if unknown */
    msess_time duration;
} msess__item;

typedef struct msess__fifo {
    msess__mutex *lock;
    msess__cond *cond;
    msess__item *items;
    unsigned cap, head, count;
    unsigned max_count;        /* push waits while count >= max_count; 0: never */
    size_t bytes;
    uint32_t gen;
    bool aborted;
    unsigned kicks;            /* bumped by msess__fifo_kick to wake waiters */
    void (*free_ptr)(void *ptr);
} msess__fifo;

int msess__fifo_init(msess__fifo *f, msess__mutex *lock, msess__cond *cond,
                     unsigned max_count, void (*free_ptr)(void *));
void msess__fifo_uninit(msess__fifo *f);

/* All functions below expect f->lock held. */

/* Push, waiting for room when wait is set. The item is consumed in every
 * case: dropped (returning 0) when its generation is stale. Returns
 * MSESS_ESHUTDOWN when aborted, MSESS_ENOMEM when growing failed. */
int msess__fifo_push(msess__fifo *f, msess__item *it, bool wait);
/* Item i from the head, or NULL. */
msess__item *msess__fifo_peek(msess__fifo *f, unsigned i);
/* Remove the head into *it (ownership passes to the caller). */
bool msess__fifo_pop(msess__fifo *f, msess__item *it);
/* Free every item and move to generation gen. */
void msess__fifo_flush(msess__fifo *f, uint32_t gen);
void msess__fifo_abort(msess__fifo *f);
void msess__fifo_kick(msess__fifo *f);
static inline bool msess__fifo_full(const msess__fifo *f)
{
    return f->max_count && f->count >= f->max_count;
}
void msess__item_free(msess__fifo *f, msess__item *it);

#endif

/* Generation-tagged queue; see fifo.h. */
#include <string.h>

#include "core/fifo.h"
#include "core/util.h"

int msess__fifo_init(msess__fifo *f, msess__mutex *lock, msess__cond *cond,
                     unsigned max_count, void (*free_ptr)(void *))
{
    memset(f, 0, sizeof(*f));
    f->lock = lock;
    f->cond = cond;
    f->max_count = max_count;
    f->free_ptr = free_ptr;
    f->cap = max_count ? max_count : 64;
    f->items = msess__calloc(f->cap, sizeof(*f->items));
    return f->items ? 0 : MSESS_ENOMEM;
}

void msess__item_free(msess__fifo *f, msess__item *it)
{
    if (it->ptr && f->free_ptr)
        f->free_ptr(it->ptr);
    it->ptr = NULL;
}

void msess__fifo_uninit(msess__fifo *f)
{
    if (!f->items)
        return;
    msess__fifo_flush(f, f->gen);
    msess__free(f->items);
    f->items = NULL;
}

static int grow(msess__fifo *f)
{
    unsigned cap = f->cap * 2;
    msess__item *items = msess__malloc(cap * sizeof(*items));
    if (!items)
        return MSESS_ENOMEM;
    for (unsigned i = 0; i < f->count; i++)
        items[i] = f->items[(f->head + i) % f->cap];
    msess__free(f->items);
    f->items = items;
    f->cap = cap;
    f->head = 0;
    return 0;
}

int msess__fifo_push(msess__fifo *f, msess__item *it, bool wait)
{
    while (wait && msess__fifo_full(f) && !f->aborted && it->gen == f->gen)
        msess__cond_wait(f->cond, f->lock);
    if (f->aborted) {
        msess__item_free(f, it);
        return MSESS_ESHUTDOWN;
    }
    if (it->gen != f->gen) {
        msess__item_free(f, it);
        return 0;
    }
    if (f->count == f->cap) {
        int ret = grow(f);
        if (ret < 0) {
            msess__item_free(f, it);
            return ret;
        }
    }
    f->items[(f->head + f->count) % f->cap] = *it;
    f->count++;
    f->bytes += it->bytes;
    it->ptr = NULL;
    msess__cond_broadcast(f->cond);
    return 0;
}

msess__item *msess__fifo_peek(msess__fifo *f, unsigned i)
{
    return i < f->count ? &f->items[(f->head + i) % f->cap] : NULL;
}

bool msess__fifo_pop(msess__fifo *f, msess__item *it)
{
    if (!f->count)
        return false;
    *it = f->items[f->head];
    f->head = (f->head + 1) % f->cap;
    f->count--;
    f->bytes -= it->bytes;
    msess__cond_broadcast(f->cond);
    return true;
}

void msess__fifo_flush(msess__fifo *f, uint32_t gen)
{
    msess__item it;
    while (msess__fifo_pop(f, &it))
        msess__item_free(f, &it);
    f->gen = gen;
    msess__cond_broadcast(f->cond);
}

void msess__fifo_abort(msess__fifo *f)
{
    f->aborted = true;
    msess__cond_broadcast(f->cond);
}

void msess__fifo_kick(msess__fifo *f)
{
    f->kicks++;
    msess__cond_broadcast(f->cond);
}

// SPDX-License-Identifier: MIT
/* policy_list.c — fifo, lru and lru-walk: one recency list, three rules for what
 * moves a frame to its young end.  The victim is the frame at the old end.
 *   fifo      a load
 *   lru       a load, and every access (TLB hits too: exact LRU, which only a
 *             simulator can see)
 *   lru-walk  a load, and every access that needed a page walk (what a real OS sees)
 * A doubly linked list over frame numbers makes each step O(1). */
#include <stdlib.h>

#include "harness/os/policy.h"

enum { ON_LOAD, ON_ACCESS, ON_WALK };
#define NIL UINT32_MAX

typedef struct list_policy {
    int rule;
    uint32_t head, tail;    /* oldest, youngest */
    uint32_t *prev, *next;  /* NIL-terminated; a frame not yet loaded is in no list */
    uint8_t *linked;
} list_policy;

static void *create(uint32_t frames, int rule)
{
    list_policy *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->rule = rule;
    l->head = l->tail = NIL;
    l->prev = malloc(frames * sizeof *l->prev);
    l->next = malloc(frames * sizeof *l->next);
    l->linked = calloc(frames, 1);
    if (!l->prev || !l->next || !l->linked) {
        free(l->prev);
        free(l->next);
        free(l->linked);
        free(l);
        return NULL;
    }
    return l;
}
static void *create_fifo(uint32_t f) { return create(f, ON_LOAD); }
static void *create_lru(uint32_t f) { return create(f, ON_ACCESS); }
static void *create_lru_walk(uint32_t f) { return create(f, ON_WALK); }

static void destroy(void *p)
{
    list_policy *l = p;
    free(l->prev);
    free(l->next);
    free(l->linked);
    free(l);
}

static void to_young_end(list_policy *l, uint32_t f)
{
    if (l->linked[f]) {
        if (l->tail == f)
            return;
        if (l->prev[f] != NIL)
            l->next[l->prev[f]] = l->next[f];
        else
            l->head = l->next[f];
        l->prev[l->next[f]] = l->prev[f];
    }
    l->linked[f] = 1;
    l->prev[f] = l->tail;
    l->next[f] = NIL;
    if (l->tail != NIL)
        l->next[l->tail] = f;
    else
        l->head = f;
    l->tail = f;
}

static void loaded(void *p, uint32_t frame) { to_young_end(p, frame); }

static void accessed(void *p, uint32_t frame, int walked, uint64_t next_use)
{
    list_policy *l = p;
    (void)next_use;
    if (l->rule == ON_ACCESS || (l->rule == ON_WALK && walked))
        to_young_end(l, frame);
}

static uint32_t victim(void *p, const policy_host *h)
{
    (void)h;
    return ((list_policy *)p)->head;
}

const frame_policy_ops policy_fifo = {
    .name = "fifo", .summary = "evicts the page loaded longest ago",
    .create = create_fifo, .destroy = destroy, .loaded = loaded, .victim = victim,
};
const frame_policy_ops policy_lru = {
    .name = "lru", .summary = "evicts the page accessed longest ago (TLB hits count)", .tlb_policy = TLB_LRU,
    .create = create_lru, .destroy = destroy, .loaded = loaded, .accessed = accessed, .victim = victim,
};
const frame_policy_ops policy_lru_walk = {
    .name = "lru-walk", .summary = "evicts the page whose last page walk is oldest", .tlb_policy = TLB_LRU,
    .create = create_lru_walk, .destroy = destroy, .loaded = loaded, .accessed = accessed,
    .victim = victim,
};

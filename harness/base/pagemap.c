// SPDX-License-Identifier: MIT
/* pagemap.c — (id, vpn) → value, open addressing. */
#include "harness/base/pagemap.h"

#include <stdlib.h>

/* Both halves of the key mixed into one word (a 64-bit finalizer), then the table's
 * low bits: neighbouring pages of one process spread over the table. */
static size_t slot_of(uint32_t id, uint64_t vpn, size_t nslot)
{
    uint64_t k = vpn ^ ((uint64_t)id * 0x9e3779b97f4a7c15ULL);
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return (size_t)k & (nslot - 1);
}

static pagemap_slot *find(const pagemap *m, uint32_t id, uint64_t vpn)
{
    for (size_t i = slot_of(id, vpn, m->nslot);; i = (i + 1) & (m->nslot - 1)) {
        pagemap_slot *s = &m->slot[i];
        if (!s->full || (s->id == id && s->vpn == vpn))
            return s;
    }
}

uint64_t *pagemap_get(const pagemap *m, uint32_t id, uint64_t vpn)
{
    if (!m->nslot)
        return NULL;
    pagemap_slot *s = find(m, id, vpn);
    return s->full ? &s->value : NULL;
}

static int grow(pagemap *m)
{
    pagemap old = *m;
    m->nslot = old.nslot ? old.nslot * 2 : 64;
    m->slot = calloc(m->nslot, sizeof *m->slot);
    if (!m->slot) {
        *m = old;
        return -1;
    }
    for (size_t i = 0; i < old.nslot; i++)
        if (old.slot[i].full)
            *find(m, old.slot[i].id, old.slot[i].vpn) = old.slot[i];
    free(old.slot);
    return 0;
}

uint64_t *pagemap_put(pagemap *m, uint32_t id, uint64_t vpn, int *made)
{
    if ((m->used + 1) * 2 > m->nslot && grow(m) != 0)
        return NULL;
    pagemap_slot *s = find(m, id, vpn);
    *made = !s->full;
    if (*made) {
        *s = (pagemap_slot){.vpn = vpn, .id = id, .full = 1, .value = 0};
        m->used++;
    }
    return &s->value;
}

void pagemap_free(pagemap *m)
{
    free(m->slot);
    *m = (pagemap){0};
}

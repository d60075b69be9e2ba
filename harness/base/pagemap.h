// SPDX-License-Identifier: MIT
/* pagemap.h — a small hash map from a page of a process, (id, vpn), to a 64-bit
 * value: swap's page copies (store.c) and OPT's last use of each page (future.c).
 * Open addressing, linear probing, at most half full; it only grows, as both users
 * only add.  The key is both numbers whole: a 32-bit id and a 64-bit VPN. */
#ifndef VMMU_PAGEMAP_H
#define VMMU_PAGEMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct pagemap_slot {
    uint64_t vpn;
    uint32_t id;
    uint32_t full;   /* 0: a free slot */
    uint64_t value;
} pagemap_slot;

typedef struct pagemap {
    pagemap_slot *slot;  /* a power of two of them, or NULL while empty */
    size_t nslot, used;
} pagemap;

/* The value of (id, vpn), or NULL if it has none.  Valid until the next put. */
uint64_t *pagemap_get(const pagemap *m, uint32_t id, uint64_t vpn);

/* The value of (id, vpn), made (as 0) if it has none, with *made set to 1 then and 0
 * otherwise; NULL if memory runs out (the map is unchanged).  Valid until the next put. */
uint64_t *pagemap_put(pagemap *m, uint32_t id, uint64_t vpn, int *made);

void pagemap_free(pagemap *m);

#endif

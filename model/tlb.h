// SPDX-License-Identifier: MIT
/* tlb.h — a set-associative TLB keyed by (ASID, VPN), docs/contract.md "The TLB".
 *
 * SETS × WAYS entries; the set is VPN mod SETS.  Replacement follows the contract's
 * age ranks, kept here as event stamps: the valid way with the oldest stamp is the
 * one of rank WAYS-1.  `fifo` stamps on fills only, `lru` on fills and hits.  The RTL
 * keeps ranks instead; the two are equivalent, and vmsim checks that they are.
 */
#ifndef VMMU_TLB_H
#define VMMU_TLB_H

#include <stddef.h>
#include <stdint.h>

#include "model/types.h"

typedef enum tlb_policy { TLB_FIFO = 0, TLB_LRU = 1 } tlb_policy;

/* Invariant: within a set, no two valid entries share (asid, vpn); key[i] is
 * tlb_key(e[i].asid, e[i].vpn) when e[i] is valid, else 0. */
typedef struct tlb_entry {
    uint64_t vpn;
    uint64_t ppn;
    uint64_t stamp; /* when this way last had an event (fill, or hit under lru) */
    uint16_t asid;
    uint8_t valid;
    uint8_t perm;   /* the PTE's R, W, X, U bits, in their PTE positions */
    uint8_t dirty;  /* the PTE's D bit when filled */
    uint8_t serves; /* bit k: an access of kind k is answered by this entry alone
                     * (tlb_entry_serves), kept so a hit tests one bit */
} tlb_entry;

/* A hint: a copy of what a hit needs from one valid entry, found by a hash of its
 * key without searching the set.  Invariant: a hint whose key is not 0 mirrors
 * entry `index` exactly (the same key, ppn and serves bits), so the fast path may
 * answer from it alone.  Every change to an entry's key, ppn or serves bits clears or
 * rewrites its hint (tlb.c); a hint lost to a colliding key only costs a search. */
typedef struct tlb_hint {
    uint64_t key;    /* tlb_key of the entry mirrored, or 0: none */
    uint64_t ppn;
    uint32_t index;  /* the entry: set * ways + way */
    uint8_t serves;
    uint8_t pad[11]; /* 32 bytes: one shift indexes the table */
} tlb_hint;

typedef struct tlb {
    unsigned sets, ways;
    uint64_t set_mask;  /* sets - 1 */
    tlb_policy policy;
    uint64_t now;       /* event counter behind the stamps */
    tlb_entry *e;       /* sets * ways entries, set-major */
    uint64_t *key;      /* per entry: tlb_key(asid, vpn) when valid, else 0; kept apart
                         * so a lookup scans a few contiguous cache lines */
    tlb_hint *hint;     /* by a hash of the key: entries last filled or found */
    unsigned hint_shift; /* 64 - log2(number of hints) */
} tlb;

/* What a lookup found. */
typedef enum tlb_outcome {
    TLB_MISS = 0,     /* no matching entry */
    TLB_HIT = 1,      /* a matching entry allows the access */
    TLB_DENIED = 2,   /* a matching entry forbids the access: an access fault */
    TLB_CLEAN = 3     /* a matching entry allows a write but is not dirty: walk, then refill that way */
} tlb_outcome;

/* Returns 1 if `sets` (a power of two, 1..1024) and `ways` (1..64) are a geometry
 * this TLB accepts, else 0. */
int tlb_geometry_ok(unsigned sets, unsigned ways);

/* Sets up an empty TLB.  Returns 0, or -1 if the geometry is not accepted or memory
 * runs out (nothing to free then).  tlb_free() releases it. */
int tlb_init(tlb *t, unsigned sets, unsigned ways, tlb_policy policy);

/* The policies by name, the one list -t, make's TLB_POLICY and --help take: the name
 * of policy i ("fifo", "lru"), NULL past the last; a name's policy, or -1. */
const char *tlb_policy_name(size_t i);
int tlb_policy_parse(const char *name);
void tlb_free(tlb *t);

/* Looks up (asid, vpn) for an access of `kind`.  On TLB_HIT and TLB_DENIED it counts
 * as a use (lru), and *ppn is set on TLB_HIT.  *way is the matching way (or -1). */
tlb_outcome tlb_lookup(tlb *t, uint16_t asid, uint64_t vpn, access_kind kind,
                       uint64_t *ppn, int *way);

/* Enters a translation.  `way` is the matching way a TLB_CLEAN lookup returned, or -1
 * for a new entry (lowest invalid way, else the policy's victim). */
void tlb_fill(tlb *t, int way, uint16_t asid, uint64_t vpn, uint64_t ppn, uint8_t perm,
              uint8_t dirty);

void tlb_invalidate(tlb *t, inval_mode mode, uint16_t asid, uint64_t vpn);

/* 1 if the invariants hold (so it can sit inside assert()). */
int tlb_sane(const tlb *t);

/* VPNs are at most 36 bits, so ASID and VPN pack into one word; +1 keeps 0 free. */
static inline uint64_t tlb_key(uint16_t asid, uint64_t vpn) { return ((uint64_t)asid << 48 | vpn) + 1; }

/* 1 if `kind` is allowed by permission bits `perm` (user mode), else 0. */
static inline int perm_allows(uint8_t perm, access_kind kind)
{
    static const uint8_t need[3] = {PTE_R, PTE_W, PTE_X};
    return (perm & PTE_U) && (perm & need[kind]);
}

/* 1 if matching entry `e` answers an access of `kind` by itself: its permissions
 * allow it, and a write finds it dirty (a write through a clean entry walks, so the
 * walker can set D). */
static inline int tlb_entry_serves(const tlb_entry *e, access_kind kind)
{
    return perm_allows(e->perm, kind) && (kind != ACCESS_WRITE || e->dirty);
}

/* tlb_entry_serves() for each kind, as the entry's `serves` bits. */
static inline uint8_t tlb_serves_of(const tlb_entry *e)
{
    return (uint8_t)(tlb_entry_serves(e, ACCESS_READ) << ACCESS_READ |
                     tlb_entry_serves(e, ACCESS_WRITE) << ACCESS_WRITE |
                     tlb_entry_serves(e, ACCESS_EXEC) << ACCESS_EXEC);
}

static inline tlb_hint *tlb_hint_of(const tlb *t, uint64_t key)
{
    return &t->hint[key * 0x9E3779B97F4A7C15u >> t->hint_shift];
}

/* The common case of tlb_lookup(), inline: if the hint for (asid, vpn) mirrors an
 * entry that serves the access, does what tlb_lookup() does for a TLB_HIT and returns
 * 1.  Otherwise returns 0 having changed nothing, and tlb_lookup() decides.  One
 * load, the hint's, gives all the answer needs: no load waits for another. */
static inline int tlb_hit_fast(tlb *t, uint16_t asid, uint64_t vpn, access_kind kind,
                               uint64_t *ppn)
{
    uint64_t key = tlb_key(asid, vpn);
    const tlb_hint *h = tlb_hint_of(t, key);
    if (h->key != key || !(h->serves >> kind & 1))
        return 0;
    if (t->policy == TLB_LRU)
        t->e[h->index].stamp = t->now++;
    *ppn = h->ppn;
    return 1;
}

#endif

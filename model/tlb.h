// SPDX-License-Identifier: MIT
/* tlb.h — a set-associative TLB keyed by (ASID, VPN), docs/contract.md "The TLB".
 *
 * SETS × WAYS entries; the set is VPN mod SETS.  Entries carry their page size (the
 * level of their leaf) and a global bit.  Replacement (docs/contract.md, "Replacement"):
 * `fifo` and `lru` follow the contract's age ranks, kept here as event stamps: the
 * valid way with the oldest stamp is the one of rank WAYS-1.  `fifo` stamps on fills
 * only, `lru` on fills and hits.  The RTL keeps ranks instead; the two are
 * equivalent, and vmsim checks that they are.  `plru` keeps the contract's tree of
 * WAYS-1 bits per set (tree[set], bit n = node n) and `random` one LFSR per TLB; both
 * are kept exactly as the RTL keeps them.
 */
#ifndef VMMU_TLB_H
#define VMMU_TLB_H

#include <stddef.h>
#include <stdint.h>

#include "model/types.h"

/* The numbers are the RTL's ctl_tlb_policy_i. */
typedef enum tlb_policy { TLB_FIFO = 0, TLB_LRU = 1, TLB_PLRU = 2, TLB_RANDOM = 3 } tlb_policy;

/* `random`'s LFSR (docs/contract.md): 16-bit Fibonacci, x^16 + x^14 + x^13 + x^11 + 1,
 * TLB_LFSR_SEED after reset; it steps once per fill that takes the victim. */
#define TLB_LFSR_SEED 0xACE1u
static inline uint16_t tlb_lfsr_next(uint16_t s)
{
    unsigned in = (s ^ s >> 2 ^ s >> 3 ^ s >> 5) & 1u; /* taps 16, 14, 13, 11 */
    return (uint16_t)(s >> 1 | in << 15);
}

/* One translation.  It maps a page of 2^(page bits + level * level bits) bytes: a
 * 4 KiB page at level 0, a superpage above.  It sits in set (vpn >> level * level
 * bits) mod SETS, the set of its page's own number, and matches a request of (asid,
 * vpn) there when valid, of that ASID or global, and when vpn agrees with `vpn` above
 * the low level * level_bits bits (docs/contract.md "The TLB"; `vpn` is that of the
 * request that filled it).  Invariant: key[i] is tlb_key(e[i].asid, e[i].vpn) for a
 * valid plain entry (level 0, not global), TLB_KEY_SPECIAL for a valid superpage or
 * global one, else 0.  Two valid entries answer one request only after software's
 * error (a global mapping and another one of the same page, without an SFENCE.VMA
 * between); the lookup's order then settles which answers, and a refill may leave
 * two plain entries of one key, of which the lower way answers. */
typedef struct tlb_entry {
    uint64_t vpn;
    uint64_t ppn;   /* the leaf's PPN (a superpage's low fields are 0) */
    uint64_t stamp; /* when this way last had an event (fill, or hit under lru) */
    uint16_t asid;
    uint8_t valid;
    uint8_t perm;   /* the PTE's R, W, X, U bits, in their PTE positions */
    uint8_t dirty;  /* the PTE's D bit when filled */
    uint8_t level;  /* 0: a page; i > 0: a superpage of level i */
    uint8_t global; /* G on the leaf or on a pointer above it: every ASID's */
    uint8_t serves; /* bit k: a U-mode access of kind k is answered by this entry alone
                     * (tlb_serves_of), kept so a hit tests one bit */
} tlb_entry;

/* A hint: a copy of what a hit needs from one valid plain entry, found by a hash of
 * its key without searching the set.  Invariant: a hint whose key is not 0 mirrors
 * entry `index` exactly (the same key, ppn and serves bits), and that entry is the one
 * a lookup of the key finds; so the fast path may answer from it alone.  Every change
 * to an entry's key, ppn or serves bits clears or rewrites its hint, and a fill of a
 * superpage or global entry (which might answer for keys whose hints name another
 * entry) clears them all (tlb.c); a hint lost to a colliding key only costs a search. */
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
    uint8_t hit_event;  /* lru, plru: a hit is an event (one test on the hit path) */
    unsigned level_bits; /* VPN bits per page-table level: a superpage's reach */
    uint64_t now;       /* event counter behind the stamps */
    uint64_t *tree;     /* plru: per set, bit n is node n of the contract's tree */
    uint16_t lfsr;      /* random: the LFSR, never 0 */
    tlb_entry *e;       /* sets * ways entries, set-major */
    uint64_t *key;      /* per entry: see tlb_entry; kept apart so a lookup scans a few
                         * contiguous cache lines */
    tlb_hint *hint;     /* by a hash of the key: entries last filled or found */
    unsigned hint_shift; /* 64 - log2(number of hints) */
    unsigned special;   /* valid superpage or global entries: while 0, keys alone decide */
    unsigned top_level; /* the highest level ever filled: the levels a lookup probes */
    /* What a lookup checks an entry against (tlb_set_ctl): mstatus.SUM and .MXR, and the
     * first PPN beyond physical memory (UINT64_MAX: unbounded), above which an entry
     * never serves alone (its requests go to the caller's check of the address). */
    uint8_t sum, mxr;
    uint64_t limit_ppn;
} tlb;

/* TLB_KEY_SPECIAL: the key of a valid superpage or global entry, never a lookup's. */
#define TLB_KEY_SPECIAL UINT64_MAX

/* What a lookup found. */
typedef enum tlb_outcome {
    TLB_MISS = 0,     /* no matching entry */
    TLB_HIT = 1,      /* a matching entry allows the access */
    TLB_DENIED = 2,   /* a matching entry forbids the access: a page fault */
    TLB_CLEAN = 3     /* a matching entry allows a store but is not dirty: walk, then refill that way */
} tlb_outcome;

/* Returns 1 if `sets` (a power of two, 1..1024) and `ways` (1..64) are a geometry
 * this TLB accepts, else 0. */
int tlb_geometry_ok(unsigned sets, unsigned ways);

/* Returns 1 if `policy` is defined for `ways` ways: plru needs a power of two. */
int tlb_policy_ok(tlb_policy policy, unsigned ways);

/* Sets up an empty TLB for page tables of `level_bits` VPN bits a level, with SUM and
 * MXR 0 and no bound on physical memory.  Returns 0, or -1 if the geometry is not
 * accepted (tlb_geometry_ok, tlb_policy_ok) or memory runs out (nothing to free
 * then).  tlb_free() releases it. */
int tlb_init(tlb *t, unsigned sets, unsigned ways, tlb_policy policy, unsigned level_bits);

/* The policies by name, the one list -t, make's TLB_POLICY and --help take: the name
 * of policy i ("fifo", "lru", "plru", "random"), NULL past the last; a name's
 * policy, or -1. */
const char *tlb_policy_name(size_t i);
int tlb_policy_parse(const char *name);
void tlb_free(tlb *t);

/* What lookups check from now on: SUM, MXR, and `limit_ppn`, the first PPN wholly or
 * partly outside physical memory (UINT64_MAX: none). */
void tlb_set_ctl(tlb *t, int sum, int mxr, uint64_t limit_ppn);

/* Looks up (asid, vpn) for an access of `kind` in privilege `priv`.  Level by level
 * from 0 up, the entries of that level in that level's set: the first that matches
 * answers, of a set's the lowest-numbered way.  On TLB_HIT and TLB_DENIED it counts as
 * a use (lru, plru), and on TLB_HIT *ppn is the page's PPN (a superpage's with vpn's low
 * fields).  *way is the matching way within its set (or -1). */
tlb_outcome tlb_lookup(tlb *t, uint16_t asid, uint64_t vpn, access_kind kind, priv_mode priv,
                       uint64_t *ppn, int *way);

/* Enters a translation of `level` (0: a page) for vpn, global or of `asid`, into the
 * level's set: into the way of an entry of that level that matches it already (the
 * refill after a store through a clean entry), else the lowest invalid way, else the
 * policy's victim.  `clean` is the way a TLB_CLEAN lookup returned, or -1 after a
 * TLB_MISS (when nothing matches: no search); it only spares the search. */
/* The entry that answers for (asid, vpn) (tlb_lookup()'s, with no event), or NULL:
 * a second-level TLB's refill of the first copies it. */
const tlb_entry *tlb_match(const tlb *t, uint16_t asid, uint64_t vpn);
void tlb_fill(tlb *t, int clean, uint16_t asid, uint64_t vpn, uint64_t ppn, uint8_t perm, uint8_t dirty,
              unsigned level, int global);

/* Invalidation (inval_mode): `vpn` names the page of INVAL_PAGE and INVAL_PAGE_ALL,
 * whatever entry's range holds it; `asid` that of INVAL_PAGE and INVAL_ASID, whose
 * global entries stay. */
void tlb_invalidate(tlb *t, inval_mode mode, uint16_t asid, uint64_t vpn);

/* 1 if the invariants hold (so it can sit inside assert()). */
int tlb_sane(const tlb *t);

/* plru: an event on way `way` of the set whose tree is *bits: every node on its path
 * points away from it (docs/contract.md). */
static inline void tlb_plru_touch(uint64_t *bits, unsigned ways, unsigned way)
{
    uint64_t b = *bits;
    for (unsigned n = ways - 1 + way; n; n = (n - 1) / 2) {
        unsigned up = (n - 1) / 2;
        uint64_t m = (uint64_t)1 << up;
        b = n & 1 ? b | m : b & ~m; /* n odd: the lower child, so point to the upper */
    }
    *bits = b;
}

/* plru's victim: from the root, follow each node to the half it points to. */
static inline unsigned tlb_plru_victim(uint64_t bits, unsigned ways)
{
    unsigned n = 0;
    while (n < ways - 1)
        n = 2 * n + 1 + (unsigned)(bits >> n & 1);
    return n - (ways - 1);
}

/* VPNs are at most 36 bits, so ASID and VPN pack into one word; +1 keeps 0 free. */
static inline uint64_t tlb_key(uint16_t asid, uint64_t vpn) { return ((uint64_t)asid << 48 | vpn) + 1; }

/* 1 if a leaf of permission bits `perm` (R, W, X, U) allows an access of `kind` in
 * privilege `priv` under SUM and MXR (priv. spec, "Virtual Address Translation
 * Process", steps 6 and 8): U-mode needs U = 1; S-mode may load and store to a U = 1
 * page only with SUM = 1 and never fetches from one; then a load needs R, or X with
 * MXR = 1, a store W, a fetch X. */
static inline int perm_allows(uint8_t perm, access_kind kind, priv_mode priv, int sum, int mxr)
{
    if (priv == PRIV_U ? !(perm & PTE_U) : (perm & PTE_U) && (kind == ACCESS_EXEC || !sum))
        return 0;
    switch (kind) {
    case ACCESS_READ: return (perm & PTE_R) || (mxr && (perm & PTE_X));
    case ACCESS_WRITE: return (perm & PTE_W) != 0;
    default: return (perm & PTE_X) != 0;
    }
}

/* The entry's `serves` bits: bit k set when matching entry `e` answers a U-mode
 * access of kind k by itself — its permissions allow it (perm_allows(): U; a load R,
 * or X under MXR; a store W; a fetch X), a store finds it dirty (a store through a
 * clean entry walks, so the walker can set D), and all of its pages lie below the
 * limit (else the caller checks the address). */
static inline uint8_t tlb_serves_of(const tlb *t, const tlb_entry *e)
{
    uint64_t last = e->ppn | ((((uint64_t)1 << (e->level * t->level_bits)) - 1));
    if (!(e->perm & PTE_U) || last >= t->limit_ppn)
        return 0;
    unsigned r = (e->perm & PTE_R) || (t->mxr && (e->perm & PTE_X));
    unsigned w = (e->perm & PTE_W) && e->dirty;
    unsigned x = (e->perm & PTE_X) != 0;
    return (uint8_t)(r << ACCESS_READ | w << ACCESS_WRITE | x << ACCESS_EXEC);
}

static inline tlb_hint *tlb_hint_of(const tlb *t, uint64_t key)
{
    return &t->hint[key * 0x9E3779B97F4A7C15u >> t->hint_shift];
}

/* The common case of tlb_lookup(), inline, for a U-mode request: if the hint for
 * (asid, vpn) mirrors an entry that serves the access, does what tlb_lookup() does for
 * a TLB_HIT and returns 1.  Otherwise returns 0 having changed nothing, and
 * tlb_lookup() decides.  One load, the hint's, gives all the answer needs: no load
 * waits for another. */
static inline int tlb_hit_fast(tlb *t, uint16_t asid, uint64_t vpn, access_kind kind,
                               uint64_t *ppn)
{
    uint64_t key = tlb_key(asid, vpn);
    const tlb_hint *h = tlb_hint_of(t, key);
    if (h->key != key || !(h->serves >> kind & 1))
        return 0;
    if (t->hit_event) {
        if (t->policy == TLB_LRU)
            t->e[h->index].stamp = t->now++;
        else
            tlb_plru_touch(&t->tree[h->index / t->ways], t->ways, h->index % t->ways);
    }
    *ppn = h->ppn;
    return 1;
}

#endif

// SPDX-License-Identifier: MIT
/* rude_plan.h -- what tests/rtl/rtl_rude.c draws once per case: the environment's
 * habits (how often it offers, invalidates, resets, moves satp and the controls; its
 * memory latencies and bound) and its page tables, built in tests/rtl/rude_mem.h's
 * memory.
 *
 * Tables sit at random page-aligned addresses across the whole physical range;
 * ASIDs include 0, the field's top value and top bit; VPNs come from a few random
 * prefixes (sharing tables), in one set, one bit apart, and anywhere; PTEs carry every
 * bit pattern the contract gives a meaning (reserved bits, A/D/U on pointers, G,
 * superpages aligned and not), ignored bits included.  Some cases "fill up": usable
 * pages, invalidations of pages only, so every way of a large set gets used. */
#ifndef VMMU_RUDE_PLAN_H
#define VMMU_RUDE_PLAN_H

#include <stdint.h>
#include <string.h>

#include "model/preset.h"
#include "model/tlb.h"
#include "model/types.h"
#include "rtl_capi.h"
#include "rude_mem.h"

enum { MAX_ASIDS = 6, MAX_VPNS = 160, MAX_LEAVES = 1024 };

static inline uint64_t plan_mask(unsigned bits) { return bits >= 64 ? ~0ull : (1ull << bits) - 1; }

/* Everything drawn once per case: the environment's habits and its page tables. */
typedef struct {
    int lru;            /* the draw of issue 16 and before: fifo or lru */
    tlb_policy policy;  /* what the case runs (run_case: lru, or plru or random) */
    tlb_policy ipolicy; /* the ITLB's, if the build has one (run_case) */
    unsigned lat_fixed; /* every operation's latency, or 0: drawn per operation */
    unsigned lat_max;   /* drawn from 1..lat_max */
    unsigned p_long;    /* per mille of operations that wait 10..30 cycles */
    unsigned p_valid, p_inval, p_reset, p_root, p_mutate; /* per mille a cycle */
    unsigned p_pool;    /* per mille of requests and invalidations of the pools' keys */
    unsigned p_good;    /* per mille of leaves that allow reads (and maybe more) */
    unsigned mode_w[4]; /* weights of the invalidation modes */
    /* issue 16's inputs: per mille of requests in S-mode, of LOOKUPs under Bare, of
     * addresses not canonical, of cycles with SUM, MXR, Svade set; the memory bound
     * LOOKUPs see (0: unbounded), and how often another (per mille a cycle) */
    unsigned p_priv_s, p_bare, p_noncanon, p_sum, p_mxr, p_ad_fault, p_pmem;
    uint64_t pmem;
    unsigned n_asid, n_vpn, n_leaf;
    uint16_t asid[MAX_ASIDS];
    uint64_t root[MAX_ASIDS]; /* the root of asid[i]'s tables */
    uint64_t vpn[MAX_VPNS];
    uint64_t leaf[MAX_LEAVES]; /* addresses of leaf PTEs built, to change later */
} plan;

/* A page-aligned physical address whose table lies inside the PA range (the
 * contract's condition; only osc's 1 KiB table, four pages, could cross its top). */
static inline uint64_t table_addr(const preset *p, rng *g)
{
    uint64_t pages = (1ull << p->ppn_bits) - ((preset_node_bytes(p) - 1) >> p->page_bits);
    return (rnd(g) % pages) << p->page_bits;
}

/* Bits a PTE may carry that the walk ignores: RSW; and now and then (1 in 16) one
 * of the reserved bits 63-54 of a 64-bit PTE, a page fault. */
static inline uint64_t ignored_bits(const preset *p, rng *g)
{
    uint64_t v = rnd(g) & (3ull << 8);
    if (p->pte_bytes == 8 && chance(g, 60))
        v |= 1ull << (54 + below(g, 10));
    return v;
}

/* A leaf PTE of any pattern the contract gives a meaning: mostly valid, every R/W/X
 * combination (W without R is reserved: a page fault; none: a pointer, a page fault at
 * level 0), U mostly set, A, D, G either way, a PPN of any width; a leaf at level
 * `level` > 0 (a superpage) mostly aligned. */
static inline uint64_t random_leaf(const preset *p, rng *g, unsigned p_good, unsigned level)
{
    static const uint8_t rwx[] = {PTE_R, PTE_R | PTE_W, PTE_R | PTE_X, PTE_R | PTE_W | PTE_X,
                                  PTE_X, PTE_W,         PTE_W | PTE_X, 0};
    uint64_t ppn = rnd(g) & plan_mask(p->ppn_bits);
    if (level && chance(g, 800))
        ppn &= ~plan_mask(level * p->level_bits);
    uint64_t pte = ppn << PTE_PPN_SHIFT;
    pte |= rnd(g) & (PTE_A | PTE_D);
    pte |= chance(g, 150) ? PTE_G : 0;
    pte |= ignored_bits(p, g);
    if (chance(g, p_good)) /* one most accesses may use: hits need some */
        return pte | PTE_V | PTE_U | PTE_R | (rnd(g) & (PTE_W | PTE_X));
    pte |= rwx[below(g, sizeof rwx)];
    pte |= chance(g, 900) ? PTE_V : 0;
    pte |= chance(g, 800) ? PTE_U : 0;
    return pte;
}

/* A pointer: G now and then (its subtree global), and rarely U, A or D (reserved on
 * a pointer: a page fault). */
static inline uint64_t pointer_to(const preset *p, rng *g, uint64_t table)
{
    uint64_t pte = (table >> p->page_bits) << PTE_PPN_SHIFT | PTE_V | ignored_bits(p, g);
    pte |= chance(g, 100) ? PTE_G : 0;
    if (chance(g, 40))
        pte |= rnd(g) & (PTE_U | PTE_A | PTE_D);
    return pte;
}

/* A memory bound: anywhere in the physical range, page aligned or not, so that some
 * tables and pages lie beyond it. */
static inline uint64_t plan_pmem(const preset *p, rng *g)
{
    uint64_t b = rnd(g) & plan_mask(p->pa_bits);
    return b ? b : 1;
}

/* The whole VA of a page: for Sv39/Sv48 its top VA bit copied above, so canonical. */
static inline uint64_t plan_va(const preset *p, uint64_t vpn, uint64_t off)
{
    uint64_t va = vpn << p->page_bits | off;
    if (p->pte_bytes == 8 && (va >> (p->va_bits - 1) & 1))
        va |= ~0ull << p->va_bits;
    return va;
}

static inline int is_pointer(uint64_t pte)
{
    return (pte & PTE_V) && !(pte & (PTE_R | PTE_W | PTE_X));
}

/* The path of vpn from root: pointers to new tables mostly, and now and then a leaf
 * above level 0 (a superpage, mostly aligned), an invalid PTE, or nothing written
 * (random words); a leaf at level 0. */
static inline void build_path(plan *pl, pmem *m, const preset *p, rng *g, uint64_t root,
                              uint64_t vpn)
{
    uint64_t a = root;
    for (int i = (int)p->levels - 1; i >= 0; i--) {
        uint64_t pa = a + (uint64_t)preset_vpn_slice(p, vpn, (unsigned)i) * p->pte_bytes;
        if (i == 0) {
            if (!pmem_has(m, pa) || chance(g, 300)) {
                pmem_write(m, pa, random_leaf(p, g, pl->p_good, 0));
                if (pl->n_leaf < MAX_LEAVES)
                    pl->leaf[pl->n_leaf++] = pa;
            }
            return;
        }
        if (pmem_has(m, pa)) {
            uint64_t pte = pmem_read(m, pa);
            if (!is_pointer(pte))
                return;
            a = ((pte >> PTE_PPN_SHIFT) & plan_mask(p->ppn_bits)) << p->page_bits;
            continue;
        }
        unsigned r = below(g, 100);
        if (r < 90) {
            a = table_addr(p, g);
            pmem_write(m, pa, pointer_to(p, g, a));
            continue;
        }
        if (r < 96) {
            pmem_write(m, pa, random_leaf(p, g, pl->p_good, (unsigned)i));
            if (pl->n_leaf < MAX_LEAVES)
                pl->leaf[pl->n_leaf++] = pa;
        } else if (r < 98) {
            pmem_write(m, pa, rnd(g) & ~(uint64_t)PTE_V);
        }
        return;
    }
}

static const unsigned per_mille_choices[] = {0, 20, 100, 300, 600, 950};

static inline void plan_case(plan *pl, pmem *m, const preset *p, const rtl_geometry *geo, rng *g)
{
    uint64_t vpn_mask = plan_mask(p->va_bits - p->page_bits);
    unsigned entries = geo->sets * geo->ways;
    memset(pl, 0, sizeof *pl);
    pl->lru = (int)below(g, 2);
    pl->lat_fixed = chance(g, 400) ? 1 + below(g, 4) : 0;
    pl->lat_max = 2 + below(g, 7);
    pl->p_long = chance(g, 200) ? 20 : 0;
    pl->p_valid = (unsigned[]){50, 300, 600, 950}[below(g, 4)];
    pl->p_inval = per_mille_choices[below(g, 5)];
    pl->p_reset = chance(g, 300) ? 1 + below(g, 5) : 0;
    pl->p_root = (unsigned[]){0, 200, 1000}[below(g, 3)];
    pl->p_mutate = (unsigned[]){0, 20, 200}[below(g, 3)];
    pl->p_pool = (unsigned[]){800, 950, 1000}[below(g, 3)];
    for (unsigned i = 0; i < 4; i++)
        pl->mode_w[i] = chance(g, 200) ? 0 : 1 + below(g, 10);
    pl->mode_w[below(g, 4)] += 1; /* at least one mode */
    if (chance(g, 250))           /* pages only: the TLB fills up, and every way gets invalidated */
        pl->mode_w[0] = 1, pl->mode_w[1] = pl->mode_w[2] = pl->mode_w[3] = 0;

    /* issue 16's inputs */
    pl->p_priv_s = (unsigned[]){0, 100, 500}[below(g, 3)];
    pl->p_bare = (unsigned[]){0, 0, 30, 150}[below(g, 4)];
    pl->p_noncanon = p->pte_bytes == 8 ? (unsigned[]){0, 30, 150}[below(g, 3)] : 0;
    pl->p_sum = (unsigned[]){0, 500, 1000}[below(g, 3)];
    pl->p_mxr = (unsigned[]){0, 500, 1000}[below(g, 3)];
    pl->p_ad_fault = (unsigned[]){0, 0, 500, 1000}[below(g, 4)];
    pl->p_pmem = (unsigned[]){0, 0, 5, 100}[below(g, 4)];
    pl->pmem = chance(g, 700) ? 0 : plan_pmem(p, g);

    /* ASIDs: the extremes and random ones, cut to the preset's ASID field; some share
     * a root. */
    uint16_t top = (uint16_t)plan_mask(p->asid_bits);
    const uint16_t asids[] = {0, top, (uint16_t)(top / 2 + 1), 1, (uint16_t)(top / 2), (uint16_t)(0x5555 & top),
                              (uint16_t)(0xaaaa & top)};
    pl->n_asid = 1 + below(g, MAX_ASIDS);
    unsigned n_root = 1 + below(g, pl->n_asid);
    uint64_t roots[MAX_ASIDS];
    for (unsigned i = 0; i < n_root; i++)
        roots[i] = table_addr(p, g);
    for (unsigned i = 0; i < pl->n_asid; i++) {
        pl->asid[i] = chance(g, 500) ? asids[below(g, sizeof asids / sizeof asids[0])]
                                     : (uint16_t)(rnd(g) & top);
        pl->root[i] = roots[i % n_root];
    }

    /* VPNs: from up to 3 random prefixes, near each other (sharing tables), in one set,
     * one bit apart, and anywhere; more than the TLB holds, so victims are needed. */
    uint64_t prefix[3];
    unsigned n_prefix = 1 + below(g, 3);
    for (unsigned i = 0; i < n_prefix; i++)
        prefix[i] = rnd(g) & vpn_mask;
    /* Half the cases fit the TLB (hits), half do not (victims). */
    unsigned most = 2 * entries + 8 < MAX_VPNS ? 2 * entries + 8 : MAX_VPNS;
    pl->n_vpn = 1 + below(g, chance(g, 500) ? (entries < most ? entries : most) : most);
    pl->p_good = 700;
    if (chance(g, 150)) {
        /* Filling up: many usable pages, few invalidations and of pages only, no reset:
         * every way of a large set holds an entry, and then loses it to an INVAL_PAGE. */
        pl->n_vpn = most;
        pl->p_good = 950;
        pl->p_pool = 1000;
        pl->p_valid = 950;
        pl->p_reset = 0;
        pl->p_inval = 10 + below(g, 60);
        pl->mode_w[0] = 1, pl->mode_w[1] = pl->mode_w[2] = pl->mode_w[3] = 0;
        /* and nothing that answers without a fill */
        pl->p_bare = pl->p_noncanon = pl->p_pmem = 0;
        pl->pmem = 0;
    }
    for (unsigned i = 0; i < pl->n_vpn; i++) {
        uint64_t base = prefix[below(g, n_prefix)], v;
        switch (below(g, 10)) {
        case 0:
        case 1:
        case 2:
        case 3: v = base ^ (rnd(g) & plan_mask(p->level_bits)); break;
        case 4:
        case 5: v = base + (uint64_t)below(g, 2 * geo->ways + 2) * geo->sets; break;
        case 6: v = chance(g, 500) ? 0 : vpn_mask; break;
        case 7:
        case 8: v = base ^ 1ull << below(g, p->va_bits - p->page_bits); break;
        default: v = rnd(g);
        }
        pl->vpn[i] = v & vpn_mask;
    }
    for (unsigned a = 0; a < n_root; a++)
        for (unsigned i = 0; i < pl->n_vpn; i++)
            if (chance(g, 900))
                build_path(pl, m, p, g, roots[a], pl->vpn[i]);
}

/* Between accesses, the memory changes: a leaf rewritten (as an OS would, or a
 * rogue one that does not tell the TLB). */
static inline void plan_mutate(plan *pl, pmem *m, const preset *p, rng *g)
{
    if (!pl->n_leaf)
        return;
    uint64_t pa = pl->leaf[below(g, pl->n_leaf)];
    uint64_t pte = pmem_read(m, pa);
    switch (below(g, 3)) {
    case 0: pte = random_leaf(p, g, pl->p_good, 0); break;
    case 1: pte &= ~(uint64_t)(PTE_A | PTE_D); break;
    default: pte ^= 1ull << below(g, 8 * p->pte_bytes);
    }
    pmem_write(m, pa, pte);
}

#endif

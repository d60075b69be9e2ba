// SPDX-License-Identifier: MIT
/* mmu.c — one translation request: satp's mode, the address's form, the TLB, then the
 * walk on a miss, with its latency. */
#include "model/mmu.h"

#include <stdlib.h>

#include "model/pwc.h"
#include "model/timing.h"
#include "model/walk.h"

struct model_mmu {
    const preset *p;
    unsigned page_bits;    /* p->page_bits, one load nearer the hot path */
    uint64_t offset_mask;  /* page size - 1 */
    uint64_t vpn_mask;     /* the VPN's bits (a canonical address's upper copies dropped) */
    uint64_t canon_bias;   /* preset_canonical() as an add: 2^(VA-1) for Sv39/Sv48, else 0 */
    unsigned va_bits;      /* p->va_bits: canonical when (vaddr + canon_bias) >> va_bits is 0 */
    tlb tlb;               /* every access's, or with an ITLB the DTLB: loads and stores */
    tlb itlb;              /* fetches' when split (itlb.e != NULL) */
    tlb *fetch_tlb;        /* &itlb when split, else &tlb: the TLB a fetch looks up */
    mem_port mem;
    int bare;              /* satp.MODE is Bare (or not the preset's) */
    uint16_t asid;         /* satp.ASID */
    uint64_t root;         /* satp.PPN * page size: the top table */
    mmu_ctl ctl;
    unsigned mem_latency;  /* cycles from a memory request to its answer */
    pwc pwc;               /* the page-walk cache (pwc.n 0: none); last, off the hit path */
    tlb l2;                /* the second-level TLB, shared (l2.e NULL: none) */
};

model_mmu *model_mmu_new(const preset *p, unsigned sets, unsigned ways, tlb_policy policy,
                         unsigned mem_latency, mem_port mem)
{
    if (mem_latency < 1)
        return NULL;
    model_mmu *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    if (tlb_init(&m->tlb, sets, ways, policy, p->level_bits) != 0) {
        free(m);
        return NULL;
    }
    m->fetch_tlb = &m->tlb;
    m->p = p;
    m->page_bits = p->page_bits;
    m->offset_mask = preset_page_size(p) - 1;
    m->vpn_mask = ((uint64_t)1 << preset_vpn_bits(p)) - 1;
    m->canon_bias = preset_vaddr_bits(p) > p->va_bits ? (uint64_t)1 << (p->va_bits - 1) : 0;
    m->va_bits = p->va_bits;
    m->mem = mem;
    m->mem_latency = mem_latency;
    m->bare = 1;
    return m;
}

void model_mmu_free(model_mmu *m)
{
    if (!m)
        return;
    tlb_free(&m->tlb);
    if (m->fetch_tlb == &m->itlb)
        tlb_free(&m->itlb);
    if (m->l2.e)
        tlb_free(&m->l2);
    free(m);
}

int model_mmu_split(model_mmu *m, unsigned sets, unsigned ways, tlb_policy policy)
{
    if (m->fetch_tlb != &m->tlb || tlb_init(&m->itlb, sets, ways, policy, m->p->level_bits) != 0)
        return -1;
    tlb_set_ctl(&m->itlb, m->ctl.sum, m->ctl.mxr, m->tlb.limit_ppn);
    m->fetch_tlb = &m->itlb;
    return 0;
}

int model_mmu_pwc(model_mmu *m, unsigned entries) { return pwc_init(&m->pwc, entries); }

int model_mmu_l2(model_mmu *m, unsigned sets, unsigned ways, tlb_policy policy)
{
    if (m->l2.e || tlb_init(&m->l2, sets, ways, policy, m->p->level_bits) != 0)
        return -1;
    tlb_set_ctl(&m->l2, m->ctl.sum, m->ctl.mxr, m->tlb.limit_ppn);
    return 0;
}

/* The TLB an access of `kind` looks up and fills. */
static inline tlb *tlb_for(model_mmu *m, access_kind kind)
{
    return kind == ACCESS_EXEC ? m->fetch_tlb : &m->tlb;
}

void model_mmu_set_satp(model_mmu *m, uint64_t satp)
{
    const preset *p = m->p;
    m->bare = preset_satp_mode_of(p, satp) != p->satp_mode;
    m->asid = preset_satp_asid_of(p, satp);
    m->root = preset_satp_ppn_of(p, satp) << p->page_bits;
}

void model_mmu_set_ctl(model_mmu *m, const mmu_ctl *c)
{
    m->ctl = *c;
    m->ctl.sum = !!c->sum;
    m->ctl.mxr = !!c->mxr;
    m->ctl.ad_fault = !!c->ad_fault;
    uint64_t limit = c->pmem ? c->pmem >> m->page_bits : UINT64_MAX;
    tlb_set_ctl(&m->tlb, c->sum, c->mxr, limit);
    if (m->fetch_tlb != &m->tlb)
        tlb_set_ctl(m->fetch_tlb, c->sum, c->mxr, limit);
    if (m->l2.e)
        tlb_set_ctl(&m->l2, c->sum, c->mxr, limit);
}

/* 1 if physical address `pa` is outside memory (the controls' bound). */
static int outside(const model_mmu *m, uint64_t pa) { return m->ctl.pmem && pa >= m->ctl.pmem; }

/* Everything but the common hit: Bare, a non-canonical address, the full lookup, then
 * a walk after a miss (or a store through a clean entry), and the refill.  Kept out of
 * line, with few arguments, so the hit path stays a small leaf that ends in a tail
 * call here. */
/* flatten: the TLB's lookup and fill, called here for the L1 and for the L2, are
 * inlined all the same (each called once, as before the L2, LTO inlined them; called
 * twice, it did not, and vmref -q took 2 % more instructions an access). */
#if defined(__GNUC__)
__attribute__((flatten))
#endif
VMMU_NOINLINE static void translate_slow(model_mmu *m, uint64_t vaddr, access_kind kind, priv_mode priv,
                                         mmu_result *r)
{
    const preset *p = m->p;
    *r = (mmu_result){.cycles = timing_hit()};
    /* Bare: no translation and no protection but physical memory's end; an address
     * wider than the physical ones is outside it too. */
    if (m->bare) {
        if (outside(m, vaddr) || (vaddr >> (p->pa_bits - 1) >> 1) != 0)
            r->fault = FAULT_ACCESS;
        else
            r->paddr = vaddr;
        return;
    }
    /* A non-canonical address is a page fault before any lookup (Sv39, Sv48). */
    if (((vaddr + m->canon_bias) >> m->va_bits) != 0) {
        r->fault = FAULT_PAGE;
        return;
    }
    uint64_t vpn = (vaddr >> p->page_bits) & m->vpn_mask;
    uint64_t offset = vaddr & m->offset_mask;
    uint64_t ppn = 0;
    int way;
    tlb *t = tlb_for(m, kind);

    tlb_outcome o = tlb_lookup(t, m->asid, vpn, kind, priv, &ppn, &way);
    if (o == TLB_DENIED) {
        r->hit = 1;
        r->fault = FAULT_PAGE;
        return;
    }
    if (o == TLB_HIT) {
        uint64_t pa = ppn << p->page_bits | offset;
        r->hit = 1;
        if (outside(m, pa))
            r->fault = FAULT_ACCESS;
        else
            r->paddr = pa;
        return;
    }

    /* The second-level TLB (docs/contract.md, "Second-level TLB"): after an L1 miss (or
     * a store through a clean L1 entry), its hit, allowed or not, refills the L1 that
     * missed and answers in timing_l2_hit() cycles; its miss (or clean store) walks. */
    tlb_outcome o2 = TLB_MISS;
    int way2 = -1;
    if (m->l2.e) {
        o2 = tlb_lookup(&m->l2, m->asid, vpn, kind, priv, &ppn, &way2);
        if (o2 == TLB_HIT || o2 == TLB_DENIED) {
            const tlb_entry *e = tlb_match(&m->l2, m->asid, vpn);
            tlb_fill(t, o == TLB_CLEAN ? way : -1, m->asid, vpn, e->ppn, e->perm, e->dirty, e->level, e->global);
            r->hit = 1; /* the 2 cycles say it is the L2's (os.c counts them) */
            r->cycles = timing_l2_hit();
            if (o2 == TLB_DENIED) {
                r->fault = FAULT_PAGE;
            } else {
                uint64_t pa = ppn << p->page_bits | offset;
                if (outside(m, pa))
                    r->fault = FAULT_ACCESS;
                else
                    r->paddr = pa;
            }
            return;
        }
    }

    walk_result w;
    walk_req q = {.root = m->root, .va = vaddr, .kind = kind, .priv = priv, .ctl = m->ctl,
                  .pwc = m->pwc.n ? &m->pwc : NULL};
    walk(p, &m->mem, &q, &w);
    r->hit = 0;
    r->fault = w.fault;
    r->pte_reads = w.reads;
    r->pte_writes = w.writes;
    r->pwc_hits = w.pwc_hits;
    r->cycles = timing_walk(w.reads, w.writes, w.pwc_hits, m->mem_latency);
    if (w.fault != FAULT_NONE)
        return;
    /* A miss fills a new way; a clean store refills the way it matched. */
    uint64_t leaf = w.ppn & ~(((uint64_t)1 << (w.level * p->level_bits)) - 1);
    uint8_t perm = (uint8_t)(w.pte & (PTE_R | PTE_W | PTE_X | PTE_U));
    tlb_fill(t, o == TLB_CLEAN ? way : -1, m->asid, vpn, leaf, perm, (w.pte & PTE_D) != 0, w.level, w.global);
    if (m->l2.e) /* non-inclusive: the walk fills both levels */
        tlb_fill(&m->l2, o2 == TLB_CLEAN ? way2 : -1, m->asid, vpn, leaf, perm, (w.pte & PTE_D) != 0, w.level, w.global);
    r->paddr = w.pa;
}

void model_mmu_translate(model_mmu *m, uint64_t vaddr, access_kind kind, priv_mode priv, mmu_result *r)
{
    unsigned page_bits = m->page_bits;
    uint64_t ppn;
    /* The fast path holds only what a U-mode request of a canonical address under the
     * current satp may find: Bare and non-canonical requests go the slow way. */
    if (priv == PRIV_U && (((vaddr + m->canon_bias) >> m->va_bits) | (uint64_t)m->bare) == 0 &&
        tlb_hit_fast(tlb_for(m, kind), m->asid, (vaddr >> page_bits) & m->vpn_mask, kind, &ppn)) {
        r->hit = 1;
        r->fault = FAULT_NONE;
        r->pte_reads = r->pte_writes = r->pwc_hits = 0;
        r->cycles = timing_hit();
        r->paddr = ppn << page_bits | (vaddr & m->offset_mask);
        return;
    }
    translate_slow(m, vaddr, kind, priv, r);
}

/* model_mmu_translate_hits() with the VPN's mask a constant where it can be (an
 * address of a preset without an upper half has no bits above the VPN to drop), and
 * the TLB a constant without an ITLB (`split` 0). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline size_t hits(model_mmu *m, const uint64_t *vaddr, const uint8_t *kind, size_t n, uint64_t *paddr,
                          uint64_t vpn_mask, int split)
{
    unsigned page_bits = m->page_bits;
    uint16_t asid = m->asid;
    size_t i;
    for (i = 0; i < n; i++) {
        uint64_t ppn;
        tlb *t = split ? tlb_for(m, (access_kind)kind[i]) : &m->tlb;
        if (!tlb_hit_fast(t, asid, (vaddr[i] >> page_bits) & vpn_mask, (access_kind)kind[i], &ppn))
            break;
        paddr[i] = ppn << page_bits | (vaddr[i] & m->offset_mask);
    }
    return i;
}

size_t model_mmu_translate_hits(model_mmu *m, const uint64_t *vaddr, const uint8_t *kind, size_t n,
                                uint64_t *paddr)
{
    if (m->bare)
        return 0;
    if (m->fetch_tlb != &m->tlb)
        return hits(m, vaddr, kind, n, paddr, m->canon_bias ? m->vpn_mask : UINT64_MAX, 1);
    return m->canon_bias ? hits(m, vaddr, kind, n, paddr, m->vpn_mask, 0) : hits(m, vaddr, kind, n, paddr, UINT64_MAX, 0);
}

void model_mmu_invalidate(model_mmu *m, inval_mode mode, uint16_t asid, uint64_t vaddr)
{
    int page = mode == INVAL_PAGE || mode == INVAL_PAGE_ALL;
    pwc_invalidate(&m->pwc, mode);
    if (page && ((vaddr + m->canon_bias) >> m->va_bits) != 0)
        return;
    uint64_t vpn = (vaddr >> m->page_bits) & m->vpn_mask;
    tlb_invalidate(&m->tlb, mode, asid, vpn);
    if (m->fetch_tlb != &m->tlb)
        tlb_invalidate(m->fetch_tlb, mode, asid, vpn);
    if (m->l2.e)
        tlb_invalidate(&m->l2, mode, asid, vpn);
}

int model_mmu_sane(const model_mmu *m)
{
    return tlb_sane(&m->tlb) && tlb_sane(m->fetch_tlb) && pwc_sane(&m->pwc) && (!m->l2.e || tlb_sane(&m->l2));
}

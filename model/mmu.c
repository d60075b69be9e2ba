// SPDX-License-Identifier: MIT
/* mmu.c — one translation request: TLB, then the walk on a miss, with its latency. */
#include "model/mmu.h"

#include <stdlib.h>

#include "model/timing.h"
#include "model/walk.h"

struct model_mmu {
    const preset *p;
    unsigned page_bits;    /* p->page_bits, one load nearer the hot path */
    uint64_t offset_mask;  /* page size - 1 */
    tlb tlb;
    mem_port mem;
    uint64_t root;         /* physical address of the top table */
    unsigned mem_latency;  /* cycles from a memory request to its answer */
};

model_mmu *model_mmu_new(const preset *p, unsigned sets, unsigned ways, tlb_policy policy,
                         unsigned mem_latency, mem_port mem)
{
    if (mem_latency < 1)
        return NULL;
    model_mmu *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    if (tlb_init(&m->tlb, sets, ways, policy) != 0) {
        free(m);
        return NULL;
    }
    m->p = p;
    m->page_bits = p->page_bits;
    m->offset_mask = preset_page_size(p) - 1;
    m->mem = mem;
    m->mem_latency = mem_latency;
    return m;
}

void model_mmu_free(model_mmu *m)
{
    if (!m)
        return;
    tlb_free(&m->tlb);
    free(m);
}

void model_mmu_set_root(model_mmu *m, uint64_t root) { m->root = root; }

/* Everything but the common hit: the full lookup, then a walk after a miss (or a
 * write through a clean entry), and the refill.  Kept out of line, with few
 * arguments, so the hit path stays a small leaf that ends in a tail call here. */
VMMU_NOINLINE static void translate_slow(model_mmu *m, uint16_t asid, uint64_t vaddr, access_kind kind,
                           mmu_result *r)
{
    const preset *p = m->p;
    uint64_t vpn = vaddr >> p->page_bits;
    uint64_t offset = vaddr & (preset_page_size(p) - 1);
    uint64_t ppn = 0;
    int way;

    tlb_outcome o = tlb_lookup(&m->tlb, asid, vpn, kind, &ppn, &way);
    r->pte_reads = r->pte_writes = 0;
    if (o == TLB_HIT || o == TLB_DENIED) {
        r->hit = 1;
        r->fault = o == TLB_HIT ? FAULT_NONE : FAULT_ACCESS;
        r->cycles = timing_hit();
        r->paddr = o == TLB_HIT ? ppn << p->page_bits | offset : 0;
        return;
    }

    walk_result w;
    walk(p, &m->mem, m->root, vpn, kind, &w);
    r->hit = 0;
    r->fault = w.fault;
    r->pte_reads = w.reads;
    r->pte_writes = w.writes;
    r->cycles = timing_walk(w.reads, w.writes, m->mem_latency);
    r->paddr = 0;
    if (w.fault != FAULT_NONE)
        return;
    ppn = (w.pte >> PTE_PPN_SHIFT) & (((uint64_t)1 << p->ppn_bits) - 1);
    /* A miss fills a new way; a clean write refills the way it matched. */
    tlb_fill(&m->tlb, o == TLB_CLEAN ? way : -1, asid, vpn, ppn,
             (uint8_t)(w.pte & (PTE_R | PTE_W | PTE_X | PTE_U)), (w.pte & PTE_D) != 0);
    r->paddr = ppn << p->page_bits | offset;
}

void model_mmu_translate(model_mmu *m, uint16_t asid, uint64_t vaddr, access_kind kind,
                         mmu_result *r)
{
    unsigned page_bits = m->page_bits;
    uint64_t ppn;
    if (tlb_hit_fast(&m->tlb, asid, vaddr >> page_bits, kind, &ppn)) {
        r->hit = 1;
        r->fault = FAULT_NONE;
        r->pte_reads = r->pte_writes = 0;
        r->cycles = timing_hit();
        r->paddr = ppn << page_bits | (vaddr & m->offset_mask);
        return;
    }
    translate_slow(m, asid, vaddr, kind, r);
}

size_t model_mmu_translate_hits(model_mmu *m, uint16_t asid, const uint64_t *vaddr,
                                const uint8_t *kind, size_t n, uint64_t *paddr)
{
    unsigned page_bits = m->page_bits;
    size_t i;
    for (i = 0; i < n; i++) {
        uint64_t ppn;
        if (!tlb_hit_fast(&m->tlb, asid, vaddr[i] >> page_bits, (access_kind)kind[i], &ppn))
            break;
        paddr[i] = ppn << page_bits | (vaddr[i] & m->offset_mask);
    }
    return i;
}

void model_mmu_invalidate(model_mmu *m, inval_mode mode, uint16_t asid, uint64_t vpn)
{
    tlb_invalidate(&m->tlb, mode, asid, vpn);
}

int model_mmu_sane(const model_mmu *m) { return tlb_sane(&m->tlb); }

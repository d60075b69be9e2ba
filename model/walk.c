// SPDX-License-Identifier: MIT
/* walk.c — the page-table walk.  "Step N" is step N of the RISC-V privileged spec's
 * "Virtual Address Translation Process" (src/priv/supervisor.adoc, anchor
 * sv32algorithm; docs/contract.md "The walk" lists them), which Sv39 and Sv48 reuse
 * with LEVELS 3 and 4 and PTESIZE 8.  vmmu has no PMP or PMA: the one check of
 * physical memory is its end (`ctl.pmem`), whose violation is the spec's access fault. */
#include "model/walk.h"

#include "model/tlb.h"


void walk(const preset *p, const mem_port *mem, const walk_req *q, walk_result *r)
{
    const uint64_t ppn_mask = ((uint64_t)1 << p->ppn_bits) - 1;
    const uint64_t vpn = q->va >> p->page_bits;
    /* Bits reserved in every PTE: N, PBMT and bits 60-54 of a 64-bit one (Svnapot and
     * Svpbmt are not implemented: Sv39 PTE format). */
    const uint64_t reserved = p->pte_bytes == 8 ? PTE_HI_RESERVED : 0;
    /* Physical memory is [0, end): ctl.pmem, or everything when that is 0. */
    const uint64_t end = q->ctl.pmem ? q->ctl.pmem : UINT64_MAX;
    *r = (walk_result){.fault = FAULT_PAGE, .global = q->global};
    /* step 1: a = satp.ppn * PAGESIZE, i = LEVELS - 1 (satp is active: the caller
     * handles Bare). */
    uint64_t a = q->root;
    for (int i = q->resume ? (int)q->level : (int)p->levels - 1;; i--) {
        /* step 2: pte at a + va.vpn[i] * PTESIZE; reading it outside physical memory
         * violates a PMA: an access fault (the read was made, and counts). */
        uint64_t pte_pa = a + (uint64_t)preset_vpn_slice(p, vpn, (unsigned)i) * p->pte_bytes;
        uint64_t pte;
        /* The page-walk cache, above level 0 only and inside memory only (docs/contract.md,
         * "Page-walk cache"): a hit is a valid pointer, read before, not read again. */
        int cached = i > 0 && q->pwc && pte_pa < end && pwc_lookup(q->pwc, pte_pa, &pte);
        if (cached) {
            r->pwc_hits++;
        } else {
            pte = mem->read(mem->ctx, pte_pa, p->pte_bytes);
            r->reads++;
        }
        if (pte_pa >= end) {
            r->fault = FAULT_ACCESS;
            return;
        }
        int leaf = (pte & (PTE_R | PTE_X)) != 0;
        /* step 3: V = 0, W = 1 with R = 0, or a reserved bit: the high bits above, and
         * D, A, U of a pointer ("For non-leaf PTEs, the D, A, and U bits are reserved"). */
        if (!(pte & PTE_V) || (!(pte & PTE_R) && (pte & PTE_W)) || (pte & reserved) ||
            (!leaf && (pte & (PTE_D | PTE_A | PTE_U))))
            return;
        /* G on any PTE of the path makes the mapping global ("For non-leaf PTEs, the
         * global setting implies that all mappings in the subsequent levels of the
         * page table are global"). */
        r->global |= (pte & PTE_G) != 0;
        /* step 4: a pointer: down one level; below level 0 there is none. */
        if (!leaf) {
            if (i == 0)
                return;
            if (q->pwc && !cached)
                pwc_fill(q->pwc, pte_pa, pte);
            a = ((pte >> PTE_PPN_SHIFT) & ppn_mask) << p->page_bits;
            continue;
        }
        /* step 5: a leaf at level i > 0 is a superpage; its PPN's fields below level
         * i must be 0, or it is misaligned. */
        uint64_t ppn = (pte >> PTE_PPN_SHIFT) & ppn_mask;
        uint64_t low = ((uint64_t)1 << (i * p->level_bits)) - 1;
        if (ppn & low)
            return;
        /* steps 6 and 8: U against the privilege, SUM and MXR; then R, W, X.  (Step 7,
         * the shadow-stack rules, needs Zicfiss, which vmmu has not.) */
        if (!perm_allows((uint8_t)(pte & (PTE_R | PTE_W | PTE_X | PTE_U)), q->kind, q->priv, q->ctl.sum,
                         q->ctl.mxr))
            return;
        /* step 9: A = 0, or a store with D = 0.  Svade: a page fault, before anything
         * else of the access. */
        uint64_t want = pte | PTE_A | (q->kind == ACCESS_WRITE ? PTE_D : 0);
        if (want != pte && q->ctl.ad_fault)
            return;
        /* step 10's address, now: the translation stands, and the access itself must
         * reach physical memory, which is checked before step 9 writes anything (an
         * access fault, nothing written, nothing filled). */
        ppn |= vpn & low;
        uint64_t pa = ppn << p->page_bits | (q->va & (preset_page_size(p) - 1));
        if (pa >= end) {
            r->fault = FAULT_ACCESS;
            return;
        }
        /* step 9, Svadu: write the PTE back with A (and D on a store) set, nothing else
         * changed.  The spec's compare-and-store is a plain store here: nothing else
         * writes memory during a walk (docs/contract.md), and the store's PMA check is
         * step 2's (the same address). */
        if (want != pte) {
            mem->write(mem->ctx, pte_pa, want, p->pte_bytes);
            r->writes = 1;
        }
        /* step 10: pa.ppn = pte.ppn[LEVELS-1:i] with va.vpn[i-1:0] below (above). */
        r->fault = FAULT_NONE;
        r->level = (uint8_t)i;
        r->pte = want;
        r->ppn = ppn;
        r->pa = pa;
        return;
    }
}

// SPDX-License-Identifier: MIT
/* walk.c — the page-table walk.  Step numbers are those of docs/contract.md. */
#include "model/walk.h"

#include "model/tlb.h"

void walk(const preset *p, const mem_port *mem, uint64_t root, uint64_t vpn,
          access_kind kind, walk_result *r)
{
    uint64_t ppn_mask = ((uint64_t)1 << p->ppn_bits) - 1;
    uint64_t a = root; /* step 1 */
    r->reads = r->writes = 0;
    r->pte = 0;
    for (int i = (int)p->levels - 1;; i--) {
        /* step 2 */
        uint64_t pte_pa = a + (uint64_t)preset_vpn_slice(p, vpn, (unsigned)i) * p->pte_bytes;
        uint64_t pte = mem->read(mem->ctx, pte_pa, p->pte_bytes);
        r->reads++;
        /* step 3: invalid, or the reserved W-without-R encoding */
        if (!(pte & PTE_V) || (!(pte & PTE_R) && (pte & PTE_W))) {
            r->fault = FAULT_PAGE;
            return;
        }
        /* step 4: a pointer to the next level */
        if (!(pte & (PTE_R | PTE_X))) {
            if (i == 0) {
                r->fault = FAULT_PAGE;
                return;
            }
            a = ((pte >> PTE_PPN_SHIFT) & ppn_mask) << p->page_bits;
            continue;
        }
        /* step 5: superpages are not supported */
        /* step 6: permissions */
        if (i > 0 || !perm_allows((uint8_t)(pte & (PTE_R | PTE_W | PTE_X | PTE_U)), kind)) {
            r->fault = FAULT_ACCESS;
            return;
        }
        /* step 7: A, and D on a write */
        uint64_t want = pte | PTE_A | (kind == ACCESS_WRITE ? PTE_D : 0);
        if (want != pte) {
            mem->write(mem->ctx, pte_pa, want, p->pte_bytes);
            r->writes = 1;
        }
        r->pte = want;
        r->fault = FAULT_NONE; /* step 8 */
        return;
    }
}

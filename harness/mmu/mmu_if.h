// SPDX-License-Identifier: MIT
/* mmu_if.h — the one small interface between the OS and an MMU.
 *
 * The OS is written once against this table; the C model (mmu_model.c) and the
 * Verilated RTL (mmu_rtl.c) are its two implementations.  An MMU reaches physical
 * memory only through the mem_port it was created with.
 */
#ifndef VMMU_MMU_IF_H
#define VMMU_MMU_IF_H

#include <stddef.h>
#include <stdint.h>

#include "model/preset.h"
#include "model/types.h"

/* An MMU's methods.  One OS drives one MMU from one thread, in program order; a call
 * returns only when the hardware it stands for has finished (a request answered, an
 * invalidation done), so the OS never has two requests in flight.  Both
 * implementations must answer every request as docs/contract.md says, cycle for cycle:
 * vmsim compares them on every access. */
typedef struct mmu_ops {
    /* For messages: "the RTL MMU translated ..." (the OS names the MMU it doubts). */
    const char *name;

    /* One translation request, as the hardware takes it: a TLB lookup, on a miss a
     * walk through the mem_port (PTE reads, the A/D write-back, then the fill).  Must
     * fill every field of *r (contract "The walk", "Timing"): r->paddr only matters
     * when r->fault is FAULT_NONE.
     * May assume: `vaddr` fits the preset's VA (the OS masked or refused it); `kind`
     * is an access_kind; set_root() came first; any PTE the OS changed since a TLB
     * entry was filled from it has been invalidated (the OS changes a valid PTE only
     * when it evicts its page or clears its A bit, and invalidates both times; it
     * writes a new PTE only where the last walk found none, which no TLB holds).
     * Called by the OS once per access (the first attempt), and once more after it
     * has serviced a page fault (the retry, which must not page-fault again). */
    void (*translate)(void *impl, uint16_t asid, uint64_t vaddr, access_kind kind, mmu_result *r);

    /* May be NULL (the RTL: every request is a cycle-accurate handshake of its own).
     * The common case in bulk: translates requests (vaddr[i], kind[i]) in order while
     * each is a TLB hit that allows the access, writing paddr[i], and returns how many
     * (0..n), having changed nothing for the request it stopped at (which the OS then
     * gives to translate()).  Each answered request must be exactly what translate()
     * would answer: hit, no fault, no PTE traffic, `*hit_cycles` cycles.
     * May assume what translate() may.  Called by os_run() (os_bulk.c) with runs of
     * up to 64 accesses of the running process. */
    size_t (*translate_hits)(void *impl, uint16_t asid, const uint64_t *vaddr, const uint8_t *kind,
                             size_t n, uint64_t *paddr, uint32_t *hit_cycles);

    /* Clears TLB entries (contract "The TLB", last paragraph): INVAL_PAGE the entry
     * of (asid, vpn), INVAL_ASID every entry of `asid`, INVAL_ALL every entry; the
     * arguments a mode does not use are 0.  Afterwards no translate() may answer from
     * a cleared entry.  Called by the OS when it evicts a page, when CLOCK clears a
     * page's A bit (so the next access walks and sets it again), and at every process
     * switch under --no-asid (INVAL_ALL). */
    void (*invalidate)(void *impl, inval_mode mode, uint16_t asid, uint64_t vpn);

    /* The physical address of the top page table, for the walks that follow (the
     * root register: RISC-V's satp).  Changes no TLB entry: ASIDs keep processes
     * apart.  Called by the OS at each process switch, before that process's first
     * translate(); `root_pa` is aligned to a table node and to a page. */
    void (*set_root)(void *impl, uint64_t root_pa);

    /* Frees everything the MMU holds (not the memory behind its mem_port, which is
     * its system's).  Called once, by mmu_destroy(). */
    void (*destroy)(void *impl);
} mmu_ops;

typedef struct mmu {
    const mmu_ops *ops;
    void *impl;
} mmu;

/* The hardware and run-time choices every MMU is built from. */
typedef struct mmu_config {
    const preset *preset;
    unsigned sets, ways;   /* TLB geometry */
    int tlb_lru;           /* TLB policy: 1 lru, 0 fifo */
    unsigned mem_latency;  /* cycles, >= 1 */
} mmu_config;

/* The C model.  Returns 0, or -1 (geometry not accepted, or out of memory). */
int mmu_model_new(mmu *out, const mmu_config *c, mem_port mem);

static inline void mmu_destroy(mmu *m)
{
    if (m->ops)
        m->ops->destroy(m->impl);
    m->ops = NULL;
}

#endif

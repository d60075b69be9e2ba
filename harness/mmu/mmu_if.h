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

/* What the OS tells the waveform about itself (the RTL shows it; the model ignores it). */
typedef enum os_event {
    OS_EV_NONE = 0,
    OS_EV_FAULT = 1,      /* a page fault serviced: `frame` got the page */
    OS_EV_EVICT = 2,      /* `frame`'s page evicted */
    OS_EV_INVAL = 3,      /* the OS invalidated a TLB entry */
    OS_EV_SWITCH = 4      /* a process switch */
} os_event;

typedef struct mmu_ops {
    const char *name;
    void (*translate)(void *impl, uint16_t asid, uint64_t vaddr, access_kind kind, mmu_result *r);
    /* May be NULL.  The common case in bulk: translates requests (vaddr[i], kind[i])
     * in order while each is a TLB hit that allows the access, writing paddr[i], and
     * returns how many, having changed nothing for the request it stopped at (which
     * the OS then gives to translate()).  Each answered request must be exactly what
     * translate() would answer: hit, no fault, no PTE traffic, `*hit_cycles` cycles. */
    size_t (*translate_hits)(void *impl, uint16_t asid, const uint64_t *vaddr, const uint8_t *kind,
                             size_t n, uint64_t *paddr, uint32_t *hit_cycles);
    void (*invalidate)(void *impl, inval_mode mode, uint16_t asid, uint64_t vpn);
    void (*set_root)(void *impl, uint64_t root_pa);
    void (*annotate)(void *impl, os_event ev, uint32_t frame, uint64_t access); /* may be NULL */
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

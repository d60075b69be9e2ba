// SPDX-License-Identifier: MIT
/* mmu_rtl.h — the Verilated RTL behind the MMU interface.
 *
 * It steps the clock, answers the walker's memory port from its system's physical
 * memory after the configured latency, and measures each request's latency at the
 * port (acceptance to response), never from a formula.  It meets the Verilated model
 * only through rtl/sim/rtl_capi.h.
 */
#ifndef VMMU_MMU_RTL_H
#define VMMU_MMU_RTL_H

#include <stddef.h>
#include <stdint.h>

#include "harness/mmu/mmu_if.h"

typedef struct rtl_options {
    const char *waves;   /* FST path, or NULL */
} rtl_options;

typedef struct mmu_rtl mmu_rtl;

/* Builds the RTL MMU: *out is its MMU interface, for the OS; the handle returned is
 * the same MMU for its driver (the clock, the waveform), valid until mmu_destroy(out)
 * frees both.  Returns NULL, with a reason in err, when this binary's RTL was built
 * for another preset or TLB geometry than `c` asks for. */
mmu_rtl *mmu_rtl_new(mmu *out, const mmu_config *c, mem_port mem, const rtl_options *ro,
                     char *err, size_t errlen);

/* The waveform's annotation inputs (sim_top.sv's os_* signals): what the program
 * driving the RTL is doing, shown beside the MMU's own signals.  Nothing in the RTL
 * reads them.  The values are sim_top.sv's os_event_e. */
typedef enum rtl_os_event {
    RTL_OS_PAGE_FAULT = 1,  /* a page fault serviced */
    RTL_OS_EVICT = 2,       /* a victim evicted */
    RTL_OS_TLB_INVAL = 3,   /* a TLB invalidation by the OS */
    RTL_OS_SWITCH = 4       /* a process switch */
} rtl_os_event;

/* From the next cycle on, os_access shows `access` (the number of the access under
 * way, cut to 32 bits). */
void mmu_rtl_show_access(mmu_rtl *r, uint64_t access);

/* The next cycle's os_event shows `ev`, for that cycle only; os_frame shows `frame`
 * from then until the next event, so the last frame stays in view. */
void mmu_rtl_show_event(mmu_rtl *r, rtl_os_event ev, uint32_t frame);

/* Clock cycles simulated so far (the waveform's time is 10 ns a cycle). */
uint64_t mmu_rtl_cycles(const mmu_rtl *r);

/* Turns waveform dumping on or off (a window of accesses). */
void mmu_rtl_waves(mmu_rtl *r, int on);

#endif

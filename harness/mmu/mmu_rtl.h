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

/* A deliberate defect, so that the lock-step checker must object (--inject-fault). */
typedef enum rtl_inject {
    INJECT_NONE = 0,
    INJECT_PADDR,    /* every answered physical address has its low bit flipped */
    INJECT_HIT,      /* every hit flag is inverted */
    INJECT_LATENCY,  /* every latency is one cycle longer */
    INJECT_FILL      /* every TLB fill is lost (invalidated as soon as it is made) */
} rtl_inject;

typedef struct rtl_options {
    const char *waves;   /* FST path, or NULL */
    rtl_inject inject;
} rtl_options;

/* Builds the RTL MMU.  Fails (-1, reason in err) when this binary's RTL was built for
 * another preset or TLB geometry than `c` asks for. */
int mmu_rtl_new(mmu *out, const mmu_config *c, mem_port mem, const rtl_options *ro,
                char *err, size_t errlen);

/* Clock cycles simulated so far (the waveform's time is 10 ns a cycle). */
uint64_t mmu_rtl_cycles(const void *impl);

/* Turns waveform dumping on or off (a window of accesses). */
void mmu_rtl_waves(void *impl, int on);

/* Parses an --inject-fault kind; -1 if unknown. */
int rtl_inject_parse(const char *name);

#endif

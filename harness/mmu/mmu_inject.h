// SPDX-License-Identifier: MIT
/* mmu_inject.h — a deliberately broken MMU, so that the lock-step checker must object
 * (--inject-fault).
 *
 * It wraps any MMU (the RTL in vmsim, the model in tests/unit/unit_system.c) and spoils
 * its answers in one way, using nothing but the interface: translate() and
 * invalidate().  So the checker is shown to catch each defect whichever
 * implementation is under test, and the implementations carry no test code.
 */
#ifndef VMMU_MMU_INJECT_H
#define VMMU_MMU_INJECT_H

#include "harness/mmu/mmu_if.h"

/* The kinds by name, the one list --inject-fault, make's INJECT and --help take: the
 * name of kind i ("paddr", "hit", "latency", "fill"), NULL past the last; a name's
 * kind, or -1. */
const char *mmu_inject_name(size_t i);
int mmu_inject_parse(const char *name);

/* Makes *m the MMU it was with defect `kind` (mmu_inject_parse()'s answer): *m then
 * owns the MMU it wraps, and mmu_destroy(m) frees both.  `c` is the configuration *m
 * was built from.  Returns 0, or -1 (out of memory), leaving *m as it was. */
int mmu_inject_wrap(mmu *m, const mmu_config *c, int kind);

#endif

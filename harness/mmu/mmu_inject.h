// SPDX-License-Identifier: MIT
/* mmu_inject.h — a deliberately broken MMU, so that the lock-step checker must object
 * (--inject-fault).
 *
 * It wraps any MMU (the RTL in vmsim, the model in tests/unit/unit_system.c) and spoils
 * one thing it does, using nothing but the interface: its answers (around
 * translate() and invalidate()) or its walker's memory writes (in the memory port it
 * is built over).  So the checker is shown to catch each defect whichever
 * implementation is under test, and the implementations carry no test code.
 */
#ifndef VMMU_MMU_INJECT_H
#define VMMU_MMU_INJECT_H

#include "harness/mmu/mmu_if.h"

/* The kinds by name, the one list --inject-fault, make's INJECT and --help take: the
 * name of kind i ("paddr", "hit", "latency", "fill", "pte-addr", "pte-value",
 * "cycle"), NULL
 * past the last; a name's kind, or -1. */
const char *mmu_inject_name(size_t i);
int mmu_inject_parse(const char *name);

/* Builds into *out the MMU that build(out, c, port, arg) makes, with defect `kind`
 * (mmu_inject_parse()'s answer): `port` is `mem`, or for a defect of the memory
 * writes a port over `mem` that spoils them.  *out then owns what it wraps, and
 * mmu_destroy(out) frees both.  Returns 0, or -1 (out of memory, or build() failed:
 * then nothing is left to free). */
int mmu_inject_build(mmu *out, const mmu_config *c, mem_port mem, int kind, mmu_builder build, void *arg);

#endif

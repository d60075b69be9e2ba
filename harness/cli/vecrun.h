// SPDX-License-Identifier: MIT
/* vecrun.h — `vmref --vectors FILE`: MMU test vectors (harness/trace/vectors.h) run on
 * an MMU alone, with no OS: its memory is what the vectors write, its satp and
 * controls what they set, and each request's answer one line on stdout
 * (issue 16, item 6):
 *
 *   <n> <R|W|X> 0x<va> -> 0x<pa> hit=<0|1> cycles=<c>[ wrote=0x<pte-pa>:0x<new-pte>]...
 *   <n> <R|W|X> 0x<va> -> <fault> hit=<0|1> cycles=<c>[ wrote=...]
 */
#ifndef VMMU_VECRUN_H
#define VMMU_VECRUN_H

#include <stdio.h>

#include "harness/cli/options.h"
#include "harness/mmu/mmu_if.h"

/* Reads o->vectors for o->preset (nothing runs if a line is malformed) and runs them on
 * the MMU `build` makes (with `arg`) from the options' TLB and latency, writing the
 * answers to `out`.  Returns the exit status: 0, or 1 with one line in err (a
 * malformed line, `file:line: what is wrong`; an unreadable file; no memory; an
 * MMU that cannot be built; a failed write). */
int vecrun(const options *o, mmu_builder build, void *arg, FILE *out, char *err, size_t errlen);

#endif

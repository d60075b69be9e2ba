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

/* `vmsim --vectors`: a reference MMU (the model) run in lock step with the one under
 * test (the RTL), each over its own memory.  Each builder puts a logging port
 * (mmu_log_port()) in front of its MMU's memory, into `log` (the reference's) and
 * `dut_log` (the tested one's); vecrun adds each answer to the logs after the
 * walker's operations, and compares, request by request, every field of the two
 * answers and the two logs (each memory operation: read or write, address, value). */
typedef struct vec_ref {
    mmu_builder build;
    void *arg;
    mmu_log *log;
    mmu_log *dut_log;
} vec_ref;

/* Exit status of a lock-step run whose MMUs differed (vmsim's, for a trace too). */
enum { VECRUN_MISMATCH = 3 };

/* Reads o->vectors for o->preset (nothing runs if a line is malformed) and runs them on
 * the MMU `build` makes (with `arg`) from the options' TLB and latency, writing the
 * answers to `out`; with `ref`, also on the reference, in lock step (above).  Returns
 * the exit status: 0; VECRUN_MISMATCH after the report of the first difference on
 * stderr (the request's line is not printed); or 1 with one line in err (a malformed
 * line, `file:line: what is wrong`; an unreadable file; no memory; an MMU that cannot
 * be built; a failed write).  With `ref`, err also holds the verdict after 0 and
 * VECRUN_MISMATCH ("N requests compared, M mismatches"); else it is empty after 0. */
int vecrun(const options *o, mmu_builder build, void *arg, const vec_ref *ref, FILE *out, char *err,
           size_t errlen);

#endif

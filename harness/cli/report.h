// SPDX-License-Identifier: MIT
/* report.h — what a run prints: the per-access lines and the textbook's statistics on
 * stdout (so they can be compared with diff), everything more on stderr and in the
 * --stats JSON file. */
#ifndef VMMU_REPORT_H
#define VMMU_REPORT_H

#include <stdio.h>

#include "harness/cli/options.h"
#include "harness/os/os.h"
#include "harness/cli/out.h"

/* One line for one access, in the textbook's format when it was translated.  A
 * `tagged` line (a trace that names processes and access kinds: ext, lackey) starts
 * with them: "pid 3 W Virtual address: ...". */
void report_access(out_buf *o, const access_rec *r, const access_out *a, const preset *p, int tagged);

/* The textbook's statistics block. */
void report_stats(out_buf *o, const os_stats *s);

/* The rest, for people: walks, write-backs, faults by kind, cycles, processes. */
void report_extra(FILE *f, const char *who, const os *o);

/* With a page-walk cache (--pwc-entries) only: its hits and the PTE reads a walk. */
void report_pwc(FILE *f, const options *opt, const os *o);

/* With a second-level TLB (--l2-ways) only: its hits against the L1 misses it saw. */
void report_l2(FILE *f, const options *opt, const os *o);

/* The --stats JSON into f: what produced it (program, version, commit, the command
 * and every option), then the statistics, named as the text on stderr names them.
 * `extra` (may be NULL) is spliced in as more members. */
void report_json(FILE *f, const options *opt, const os *o, int partial, const char *extra);

#endif

// SPDX-License-Identifier: MIT
/* run.h — what vmref and vmsim share around the access loop: the outputs opened
 * before it, the warm-up and length limits, the fatal-error rule for addresses, and
 * the closing report. */
#ifndef VMMU_RUN_H
#define VMMU_RUN_H

#include "harness/cli/options.h"
#include "harness/os/os.h"
#include "harness/cli/out.h"
#include "harness/cli/outfile.h"
#include "harness/os/store.h"
#include "harness/trace/trace.h"

#define ERR_BYTES 512

/* Warnings about inputs that are legal but probably not what the user meant: an
 * empty backing store, or one that is not a whole number of pages (a failed
 * download reads as zeros, which looks like an answer). */
void run_check_inputs(const options *o, const store *st);

/* The trace (or the run) ended inside the warm-up, after `seen` of o->skip accesses:
 * nothing is counted, and a warning says so. */
void run_short_warmup(const options *o, os *sys, uint64_t seen);

/* Prints the textbook statistics to `out`, the rest to stderr, and the JSON into
 * `stats` (opened before the run; committed by the caller).  A `partial` run
 * (interrupted) prints its statistics on stderr instead, headed so that nobody takes
 * them for a whole run, and marks the JSON partial.  `extra_json` (may be NULL) is
 * spliced into the JSON.  Returns 0, or 1 if the statistics could not be written. */
int run_finish(const options *o, out_buf *out, const os *sys, int partial, FILE *stats,
               const char *extra_json);

#endif

// SPDX-License-Identifier: MIT
/* refrun.h — vmsim's reference system (the model's) run ahead in a thread of its own.
 *
 * The check runs a second, independent system on the same trace and compares its
 * answer to every access with the RTL's (vmsim.c, cosim.c).  The two systems share
 * nothing, so on a machine with a second core the reference can run beside the RTL
 * instead of between its accesses: it reads the trace itself (a second reader of the
 * same file) and leaves each access's answer and MMU log in a ring that the RTL's
 * side takes in order.  The comparison, the report and every output are exactly those
 * of the run in line; only the wall-clock time changes: less where the second CPU is a
 * core of its own, more where it is not (docs/bench.md), so it is asked for, never
 * chosen by vmsim.
 */
#ifndef VMMU_REFRUN_H
#define VMMU_REFRUN_H

#include <stddef.h>
#include <stdint.h>

#include "harness/cli/options.h"
#include "harness/cli/system.h"
#include "harness/mmu/mmu_if.h"
#include "harness/os/os.h"

typedef struct refrun refrun;

/* Whether the reference runs in a thread, as o->check_thread asks: 1 yes, 0 no, or -1
 * with err set when it cannot (a trace that is not a regular file: a pipe or standard
 * input can be read only once). */
int refrun_wanted(const options *o, char *err, size_t errlen);

/* Starts the reference on o->trace, in a thread, for at most `end` accesses: the thread
 * builds its system itself, with `ctor` (whose argument is the thread's mmu_log, for
 * the MMU's memory port, as vmsim's model_ctor takes it), so that all it writes at
 * every access (its OS, MMU, memory, log) is allocated by it, in its own memory, far
 * from the cache lines the RTL's side writes.  Returns the run, or NULL with err set
 * (nothing started). */
refrun *refrun_start(const options *o, mmu_ctor ctor, uint64_t end, char *err, size_t errlen);

/* The reference's answer to the next access of the trace, and its MMU's log of it,
 * valid until the next call: 0, or -1 with err set (the reference could not go on:
 * its system's reason, or it ended before the RTL's side). */
int refrun_next(refrun *r, const access_out **want, const mmu_log **log, char *err, size_t errlen);

/* Stops the thread (whatever it was doing), waits for it, and frees the run. */
void refrun_stop(refrun *r);

#endif

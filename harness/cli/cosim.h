// SPDX-License-Identifier: MIT
/* cosim.h — the lock-step check: one access's answers from two systems compared field
 * by field, and the report of the first difference.
 *
 * vmsim runs the RTL's system against the model's; tests/unit/unit_system.c runs a model
 * behind mmu_inject.h against a plain one, so the check is shown to catch each
 * injected defect whichever implementation is under test.
 */
#ifndef VMMU_COSIM_H
#define VMMU_COSIM_H

#include <stdint.h>
#include <stdio.h>

#include "harness/base/access.h"
#include "harness/cli/options.h"
#include "harness/mmu/mmu_if.h"
#include "harness/os/os.h"

/* 1 if the system under test answered otherwise than the reference: outcome, TLB hit,
 * page fault, latency, the cycle its answer appeared in and, for an access that reached memory, physical address and
 * value (the ASID and the frames are the OS's, not compared); or if the MMUs' logs of
 * the access differ (each memory operation of the walker — read or write, address,
 * value — and each answer with every field, the physical address of a fault included,
 * in order: mmu_if.h's per-access log; not compared where a log is NULL); or if it
 * could not go on at all (`got_failed`: os_access() returned -1, and *got holds
 * nothing it answered). */
int cosim_differ(const access_out *want, const access_out *got, int got_failed, const mmu_log *want_log,
                 const mmu_log *got_log);

/* 1 if two MMUs' logs of one access differ: in length, or in any operation (kind,
 * address, value; an answer's every field). */
int cosim_logs_differ(const mmu_log *want, const mmu_log *got);

/* A difference, as the report shows it. */
typedef struct cosim_mismatch {
    const access_rec *rec;        /* the access, with its trace line */
    uint64_t n;                   /* its number in the run, warm-up included */
    uint64_t cycle;               /* its first clock cycle in the system under test */
    const char *who;              /* the MMU under test, as its ops name it ("RTL") */
    const access_out *want, *got; /* the reference's answer, and the one under test */
    const char *got_err;          /* why the system under test could not go on, or NULL */
    const mmu_log *want_log, *got_log; /* what each MMU did in the access, or NULL */
} cosim_mismatch;

/* Writes the report to f: the access, both answers field by field with the fields that
 * differ marked, the two logs step by step (each a memory operation or an answer) with
 * the steps that differ marked, and the commands that re-run the check and dump the waveform around
 * the access. */
void cosim_report(FILE *f, const options *o, const cosim_mismatch *m);

/* A difference on one request of MMU test vectors (vecrun.c: `vmsim --vectors`), as
 * the report shows it. */
typedef struct cosim_request {
    uint64_t n;                   /* the request's number, from 1 */
    uint64_t line;                /* its line in o->vectors */
    uint64_t vaddr;
    access_kind kind;
    priv_mode priv;
    const char *who;              /* the MMU under test, as its ops name it ("RTL") */
    const mmu_result *want, *got; /* the reference's answer, and the one under test */
    const mmu_log *want_log, *got_log; /* each walker's memory operations, then its answer */
} cosim_request;

/* Writes the report of a difference on one request to f: the request, both answers
 * field by field with the fields that differ marked, the two logs step by step, and
 * the command that re-runs the check. */
void cosim_report_request(FILE *f, const options *o, const cosim_request *m);

#endif

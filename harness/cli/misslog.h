// SPDX-License-Identifier: MIT
/* misslog.h — the TLB-miss index (vmsim --misses, docs/waves.md): one CSV row per TLB
 * miss, with the access, its trace line, its time in the waveform and what the walk
 * did, so `make waves MISS=K` can zoom on miss K.
 *
 * Misses are numbered over the whole run, warm-up included, and rows are written
 * only for the accesses of the waveform's window: miss K of a windowed dump is miss K
 * of a full one. */
#ifndef VMMU_MISSLOG_H
#define VMMU_MISSLOG_H

#include <stdint.h>

#include "harness/base/access.h"
#include "harness/cli/outfile.h"
#include "harness/os/os.h"

typedef struct misslog {
    outfile file;          /* the index, written beside its place until closed */
    uint64_t from, to;     /* the accesses whose misses get a row (1-based, inclusive) */
    unsigned page_bits;    /* for the VPN column */
    int itlb;              /* the MMU has an ITLB: the tlb column names itlb or dtlb */
    uint64_t misses;       /* TLB misses so far */
} misslog;

/* Opens the index at `path` (NULL: none is written, misses are still counted) and
 * writes its header; `itlb`: the MMU has an instruction TLB.  Returns 0, or -1 with
 * `PATH: why` in err. */
int misslog_open(misslog *m, const char *path, uint64_t from, uint64_t to, unsigned page_bits, int itlb,
                 char *err, size_t errlen);

/* Access number n (record r, whose first clock cycle was `cycle`) ended as *a: a TLB
 * miss is counted and, inside the window, written.  An address fault is no miss:
 * nothing was translated. */
void misslog_row(misslog *m, uint64_t n, const access_rec *r, uint64_t cycle, const access_out *a);

/* Renames the index into place (`keep`), or removes it, leaving whatever was at its
 * path as it was.  Returns 0, or -1 with `PATH: why` in err. */
int misslog_close(misslog *m, int keep, char *err, size_t errlen);

#endif

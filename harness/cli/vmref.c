// SPDX-License-Identifier: MIT
/* vmref.c — the OS driving the C reference MMU: one system, no Verilator needed. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/trace/future.h"
#include "harness/base/interrupt.h"
#include "harness/cli/progress.h"
#include "harness/cli/report.h"
#include "harness/cli/run.h"
#include "harness/cli/system.h"
#include "harness/cli/vecrun.h"

static int model_ctor(mmu *out, const mmu_config *c, mem_port mem, void *arg)
{
    (void)arg;
    return mmu_model_new(out, c, mem);
}

/* Records read at a time: the reader's loop then keeps its place in registers, the
 * OS hands runs of TLB hits to the model in bulk, and a signal is noticed within a
 * batch. */
#define TRACE_BATCH 256

/* The warm-up (--skip): the first o->skip accesses through the OS, neither printed
 * nor counted.  It may read past the warm-up's end: those records are left in
 * r[*from..*n) for the counted run.  Returns as trace_read (after the warm-up:
 * the number of records in r, possibly 0 at the trace's end), with *seen the
 * accesses done.  Out of the counted loop, which stays as it is without --skip. */
VMMU_NOINLINE static int warm_up(const options *o, trace_reader *t, vm_system *sys, access_rec *r,
                                 size_t *from, size_t *n, uint64_t *seen, char *err, size_t errlen)
{
    int got = 0;
    *from = *n = 0;
    while (!interrupt_signal() && *seen < o->skip && (got = trace_read(t, r, TRACE_BATCH, err, errlen)) > 0) {
        size_t w = o->skip - *seen < (uint64_t)got ? (size_t)(o->skip - *seen) : (size_t)got;
        for (size_t i = 0; i < w;) {
            size_t done;
            int how = os_run(sys->os, &r[i], w - i, NULL, &done, err, errlen);
            if (how < 0)
                return -1;
            i += done;
        }
        *seen += w;
        *from = w;
        *n = (size_t)got;
    }
    if (got < 0)
        return -1;
    if (*seen < o->skip)
        run_short_warmup(o, sys->os, *seen);
    else
        os_stats_reset(sys->os);
    return 0;
}

/* Every access of the trace (the first o->skip of them uncounted and unprinted, at
 * most o->max after them): 0 at its end (or on a signal), -1 with err set.  Not
 * inlined into main(): GCC compiles main() as code that runs once, for size, and
 * would turn this loop's divisions by constants into division instructions. */
VMMU_NOINLINE static int run_accesses(const options *o, trace_reader *t, vm_system *sys, out_buf *out,
                        progress *pr, char *err, size_t errlen)
{
    access_rec r[TRACE_BATCH];
    access_out a[TRACE_BATCH];
    access_out *want = o->quiet ? NULL : a; /* -q prints nothing: the OS need not tell */
    size_t from = 0, n = 0;
    uint64_t seen = 0;
    if (o->skip && warm_up(o, t, sys, r, &from, &n, &seen, err, errlen) < 0)
        return -1;
    uint64_t end = o->max > UINT64_MAX - o->skip ? UINT64_MAX : o->skip + o->max;
    int got = 0;
    while (seen < end && !interrupt_signal()) {
        if (from == n) {
            if ((got = trace_read(t, r, TRACE_BATCH, err, errlen)) <= 0)
                break;
            from = 0;
            n = (size_t)got;
        }
        size_t to = end - seen < n - from ? from + (size_t)(end - seen) : n;
        int tagged = t->format != TRACE_TEXT;
        for (size_t i = from; i < to;) {
            size_t done;
            int how = os_run(sys->os, &r[i], to - i, want ? &a[i] : NULL, &done, err, errlen);
            for (size_t k = 0; want && k < done; k++)
                report_access(out, &r[i + k], &a[i + k], o->preset, tagged);
            if (how < 0)
                return -1;
            i += done;
        }
        seen += to - from;
        from = to;
        progress_tick(pr, seen);
    }
    return got < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
    options o;
    int rc = options_parse(&o, PROG_VMREF, argc, argv);
    if (rc)
        return rc > 0 ? 0 : 2;

    char err[ERR_BYTES];
    if (o.vectors) {
        rc = vecrun(&o, model_ctor, NULL, NULL, stdout, err, sizeof err);
        if (rc)
            fprintf(stderr, "vmref: %s\n", err);
        return rc;
    }
    uint64_t *future = NULL, *future_huge = NULL;
    trace_reader t;
    vm_system sys;
    outfile stats;
    out_buf *out = malloc(sizeof *out);
    if (!out) {
        fprintf(stderr, "vmref: out of memory\n");
        return 1;
    }
    out_init(out, 1);
    if (outfile_open(&stats, o.stats, 1, err, sizeof err) != 0) {
        fprintf(stderr, "vmref: --stats %s\n", err);
        free(out);
        return 1;
    }
    if (o.policy->needs_future) {
        future = future_build(o.trace, o.format, o.preset, err, sizeof err);
        /* Standard input that is a file (`-f - < trace`) is read again from its start. */
        if (future && strcmp(o.trace, "-") == 0)
            lseek(0, 0, SEEK_SET);
        /* --thp: a megapage's next use is the next access to its range (os_future_huge). */
        preset huge = *o.preset;
        huge.page_bits += huge.level_bits;
        if (future && o.thp && !(future_huge = future_build(o.trace, o.format, &huge, err, sizeof err)))
            free(future), future = NULL;
        if (future_huge && strcmp(o.trace, "-") == 0)
            lseek(0, 0, SEEK_SET);
    }
    if ((o.policy->needs_future && !future) ||
        trace_open(&t, o.trace, o.format, o.preset->page_bits, err, sizeof err) != 0) {
        fprintf(stderr, "vmref: %s\n", err);
        outfile_abort(&stats);
        free(future), free(future_huge);
        free(out);
        return 1;
    }
    trace_limit(&t, o.preset);
    if (system_init(&sys, &o, model_ctor, NULL, future, err, sizeof err) != 0) {
        fprintf(stderr, "vmref: %s\n", err);
        outfile_abort(&stats);
        trace_close(&t);
        free(future), free(future_huge);
        free(out);
        return 1;
    }
    run_check_inputs(&o, &sys.st);
    os_future_huge(sys.os, future_huge);

    rc = 0;
    progress pr;
    progress_start(&pr, "vmref", o.progress, t.fd, 1u << 18);
    interrupt_install();
    int got = run_accesses(&o, &t, &sys, out, &pr, err, sizeof err);
    progress_end(&pr);
    if (got < 0) {
        out_flush(out);
        fprintf(stderr, "vmref: %s\n", err);
        rc = 1;
    } else if (interrupt_signal()) {
        run_finish(&o, out, sys.os, 1, stats.f, NULL);
        rc = 128 + interrupt_signal();
    } else {
        rc = run_finish(&o, out, sys.os, 0, stats.f, NULL);
    }
    if (rc == 1 && got < 0)
        outfile_abort(&stats);
    else if (outfile_commit(&stats, err, sizeof err) != 0) {
        fprintf(stderr, "vmref: --stats %s\n", err);
        rc = 1;
    }
    system_free(&sys);
    trace_close(&t);
    free(future);
    free(future_huge);
    free(out);
    return rc;
}

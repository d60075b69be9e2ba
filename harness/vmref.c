/* vmref.c — the OS driving the C reference MMU: one system, no Verilator needed. */
#include <stdio.h>
#include <stdlib.h>

#include "harness/future.h"
#include "harness/interrupt.h"
#include "harness/report.h"
#include "harness/run.h"
#include "harness/system.h"

static int model_ctor(mmu *out, const mmu_config *c, mem_port mem, void *arg)
{
    (void)arg;
    return mmu_model_new(out, c, mem);
}

/* Records read at a time: the reader's loop then keeps its place in registers, the
 * OS hands runs of TLB hits to the model in bulk, and a signal is noticed within a
 * batch. */
#define TRACE_BATCH 256

/* Every access of the trace: 0 at its end (or on a signal), -1 with err set.  Not
 * inlined into main(): GCC compiles main() as code that runs once, for size, and
 * would turn this loop's divisions by constants into division instructions. */
VMMU_NOINLINE static int run_accesses(const options *o, trace_reader *t, vm_system *sys, out_buf *out,
                        char *err, size_t errlen)
{
    trace_rec r[TRACE_BATCH];
    access_out a[TRACE_BATCH];
    access_out *want = o->quiet ? NULL : a; /* -q prints nothing: the OS need not tell */
    int got = 0;
    while (!interrupt_signal() && (got = trace_read(t, r, TRACE_BATCH, err, errlen)) > 0) {
        for (size_t i = 0; i < (size_t)got;) {
            size_t done;
            int how = os_run(sys->os, &r[i], (size_t)got - i, want ? &a[i] : NULL, &done, err, errlen);
            /* An address beyond 32 bits is bad input for osc: its line is not printed. */
            int bad = how < 0 || (how == OUT_RANGE && run_bad_address(o, &r[i + done - 1], err, errlen));
            size_t shown = how >= 0 && bad ? done - 1 : done;
            for (size_t k = 0; want && k < shown; k++)
                report_access(out, &r[i + k], &a[i + k], o->preset);
            if (bad)
                return -1;
            i += done;
        }
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
    uint64_t *future = NULL;
    trace_reader t;
    vm_system sys;
    out_buf *out = malloc(sizeof *out);
    if (!out) {
        fprintf(stderr, "vmref: out of memory\n");
        return 1;
    }
    out_init(out, 1);
    if ((o.policy->needs_future && !(future = future_build(&o, err, sizeof err))) ||
        trace_open(&t, o.trace, o.format, o.preset->page_bits, err, sizeof err) != 0) {
        fprintf(stderr, "vmref: %s\n", err);
        free(future);
        free(out);
        return 1;
    }
    if (system_init(&sys, &o, model_ctor, NULL, future, err, sizeof err) != 0) {
        fprintf(stderr, "vmref: %s\n", err);
        trace_close(&t);
        free(future);
        free(out);
        return 1;
    }

    rc = 0;
    interrupt_install();
    int got = run_accesses(&o, &t, &sys, out, err, sizeof err);
    if (got < 0) {
        out_flush(out);
        fprintf(stderr, "vmref: %s\n", err);
        rc = 1;
    } else if (interrupt_signal()) {
        run_finish(&o, out, sys.os, 1, NULL);
        rc = 128 + interrupt_signal();
    } else {
        rc = run_finish(&o, out, sys.os, 0, NULL);
    }
    system_free(&sys);
    trace_close(&t);
    free(future);
    free(out);
    return rc;
}

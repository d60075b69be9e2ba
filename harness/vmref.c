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

    trace_rec r;
    access_out a;
    int got = 0;
    rc = 0;
    interrupt_install();
    while (!interrupt_signal() && (got = trace_next(&t, &r, err, sizeof err)) == 1) {
        if (os_access(sys.os, &r, &a, err, sizeof err) != 0 ||
            (a.outcome == OUT_RANGE && run_bad_address(&o, &r, &a, err, sizeof err))) {
            got = -1;
            break;
        }
        if (!o.quiet)
            report_access(out, &r, &a, o.preset);
    }
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

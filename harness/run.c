/* run.c — the parts of a run vmref and vmsim share. */
#include "harness/run.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "harness/report.h"

int run_bad_address(const options *o, const trace_rec *r, char *err, size_t n)
{
    if (strcmp(o->preset->name, "osc") != 0)
        return 0;
    snprintf(err, n, "%s:%llu: address %llu does not fit in 32 bits (the osc preset reads 32-bit"
             " addresses and keeps their low 16 bits)", o->trace, (unsigned long long)r->line,
             (unsigned long long)r->addr);
    return 1;
}

int run_finish(const options *o, out_buf *out, const os *os, int partial, const char *extra_json)
{
    int rc = 0;
    if (partial) {
        out_flush(out);
        fprintf(stderr, "%s: interrupted: PARTIAL statistics, after %llu accesses:\n", o->name,
                (unsigned long long)os_stats_of(os)->accesses);
        out_init(out, 2);
    }
    report_stats(out, os_stats_of(os));
    if (out_flush(out) != 0) {
        fprintf(stderr, "%s: writing the output failed: %s\n", o->name, strerror(errno));
        rc = 1;
    }
    options_echo(o, stderr);
    report_extra(stderr, o->name, os);
    if (o->stats && report_json(o->stats, os, partial, extra_json) != 0) {
        fprintf(stderr, "%s: --stats %s: %s\n", o->name, o->stats, strerror(errno));
        rc = 1;
    }
    return rc;
}

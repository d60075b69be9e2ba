// SPDX-License-Identifier: MIT
/* run.c — the parts of a run vmref and vmsim share. */
#include "harness/cli/run.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "harness/cli/report.h"

void run_check_inputs(const options *o, const store *st)
{
    if (st->file_bytes == 0)
        fprintf(stderr, "%s: warning: the backing store %s is empty, so every page reads as zeros;"
                " is it the right file?\n", o->name, o->backing);
    else if (st->file_bytes % st->page_bytes)
        fprintf(stderr, "%s: warning: the backing store %s has %llu bytes, not a whole number of"
                " %llu-byte pages; the rest of its last page and every page past it read as zeros."
                " Is the file complete?\n", o->name, o->backing, (unsigned long long)st->file_bytes,
                (unsigned long long)st->page_bytes);
}

void run_short_warmup(const options *o, os *sys, uint64_t seen)
{
    os_stats_reset(sys);
    fprintf(stderr, "%s: warning: the trace ended inside the warm-up (--skip %llu) after %llu accesses:"
            " nothing was counted\n", o->name, (unsigned long long)o->skip, (unsigned long long)seen);
}

int run_finish(const options *o, out_buf *out, const os *sys, int partial, FILE *stats,
               const char *extra_json)
{
    int rc = 0;
    const os_stats *s = os_stats_of(sys);
    if (partial) {
        out_flush(out);
        fprintf(stderr, "%s: interrupted: PARTIAL statistics, after %llu accesses:\n", o->name,
                (unsigned long long)s->accesses);
        out_init(out, 2);
    }
    report_stats(out, s);
    if (out_flush(out) != 0) {
        fprintf(stderr, "%s: writing the output failed: %s\n", o->name, strerror(errno));
        rc = 1;
    }
    char cmd[16384];
    options_command(o, CMD_SELF, cmd, sizeof cmd);
    fprintf(stderr, "%s: command: %s\n", o->name, cmd);
    options_echo(o, stderr);
    report_extra(stderr, o->name, sys);
    report_pwc(stderr, o, sys);
    report_l2(stderr, o, sys);
    /* A real program's map taken at the wrong moment shows as segmentation faults
     * that are not the program's: they would skew every figure silently. */
    if (s->segv_faults * 1000 > s->accesses)
        fprintf(stderr, "%s: warning: %.1f %% of the accesses were segmentation faults (outside the"
                " process's map); if the map should cover the trace, see docs/real-programs.md\n",
                o->name, 100.0 * (double)s->segv_faults / (double)s->accesses);
    if (stats)
        report_json(stats, o, sys, partial, extra_json);
    return rc;
}

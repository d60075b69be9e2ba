// SPDX-License-Identifier: MIT
/* cosim.c — comparing two systems' answers, and the mismatch report. */
#include "harness/cli/cosim.h"

int cosim_differ(const access_out *want, const access_out *got, int got_failed)
{
    if (got_failed || got->outcome != want->outcome || got->hit != want->hit ||
        got->page_fault != want->page_fault || got->cycles != want->cycles)
        return 1;
    return want->outcome == ACC_OK && (got->paddr != want->paddr || got->value != want->value);
}

static const char *outcome_name[] = {"translated", "protection fault", "segmentation fault",
                                     "address fault"};

/* One field of the table: its two values, marked when they differ. */
static void row(FILE *f, const char *name, const char *want, const char *got, int differs)
{
    fprintf(f, "  %-10s %-20s %-20s%s\n", name, want, got, differs ? "  <-- differs" : "");
}

static void row_u64(FILE *f, const char *name, const char *fmt, uint64_t want, uint64_t got, int marked)
{
    char x[32], y[32];
    snprintf(x, sizeof x, fmt, (unsigned long long)want);
    snprintf(y, sizeof y, fmt, (unsigned long long)got);
    row(f, name, x, y, marked && want != got);
}

/* The commands that re-run this check, and that dump the waveform around access n. */
static void rerun_commands(FILE *f, const options *o, uint64_t n)
{
    char cmd[16384];
    options_command(o, CMD_RECHECK, cmd, sizeof cmd);
    fprintf(f, "  re-run this check:\n    %s\n", cmd);
    options_command(o, CMD_MAKE, cmd, sizeof cmd);
    fprintf(f, "  re-run with a waveform around it:\n    %s WAVES=1 WAVES_FROM=%llu WAVES_TO=%llu\n", cmd,
            (unsigned long long)(n > 5 ? n - 5 : 1), (unsigned long long)n);
}

void cosim_report(FILE *f, const options *o, const cosim_mismatch *m)
{
    const access_out *want = m->want, *got = m->got;
    fprintf(f, "%s: MISMATCH at access %llu (%s:%llu), %s cycle %llu (t = %llu ns)\n", o->name,
            (unsigned long long)m->n, o->trace, (unsigned long long)m->rec->line, m->who,
            (unsigned long long)m->cycle, (unsigned long long)m->cycle * 10);
    char actual[32];
    snprintf(actual, sizeof actual, "%s (actual)", m->who);
    fprintf(f, "  %-10s %-20s %-20s\n", "field", "model (expected)", actual);
    row_u64(f, "vaddr", "0x%llx", want->vaddr, got->vaddr, 0);
    row(f, "outcome", outcome_name[want->outcome], outcome_name[got->outcome], got->outcome != want->outcome);
    row_u64(f, "paddr", "0x%llx", want->paddr, got->paddr, 1);
    char x[8], y[8];
    snprintf(x, sizeof x, "%d", want->value);
    snprintf(y, sizeof y, "%d", got->value);
    row(f, "value", x, y, got->value != want->value);
    row_u64(f, "tlb hit", "%llu", want->hit, got->hit, 1);
    row_u64(f, "page fault", "%llu", want->page_fault, got->page_fault, 1);
    row_u64(f, "cycles", "%llu", want->cycles, got->cycles, 1);
    if (m->got_err)
        fprintf(f, "  the %s system could not go on: %s\n", m->who, m->got_err);
    rerun_commands(f, o, m->n);
}

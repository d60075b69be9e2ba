// SPDX-License-Identifier: MIT
/* cosim.c — comparing two systems' answers, and the mismatch report. */
#include "harness/cli/cosim.h"

static int same_op(const mmu_op *a, const mmu_op *b)
{
    return a->addr == b->addr && a->data == b->data && a->what == b->what && a->at == b->at;
}

int cosim_logs_differ(const mmu_log *want, const mmu_log *got)
{
    if (!want || !got)
        return 0;
    if (want->n != got->n)
        return 1;
    unsigned n = want->n < MMU_LOG_OPS ? want->n : MMU_LOG_OPS;
    for (unsigned i = 0; i < n; i++)
        if (!same_op(&want->op[i], &got->op[i]))
            return 1;
    return 0;
}

int cosim_differ(const access_out *want, const access_out *got, int got_failed, const mmu_log *want_log,
                 const mmu_log *got_log)
{
    if (got_failed || got->outcome != want->outcome || got->hit != want->hit ||
        got->page_fault != want->page_fault || got->cycles != want->cycles || got->at != want->at)
        return 1;
    if (want->outcome == ACC_OK && (got->paddr != want->paddr || got->value != want->value))
        return 1;
    return cosim_logs_differ(want_log, got_log);
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

/* One step of a log, as text: "read 0x4048: 0x1c01", "write 0x4048: 0x1cc1",
 * "answer 0x1c34: walk, 6 cycles, at 17", "answer 0x0: hit, access fault, 1 cycle, at 9". */
static void op_text(char *buf, size_t n, const mmu_op *op)
{
    static const char *fault_name[] = {"", ", page fault", ", access fault"};
    unsigned fault = mmu_op_fault(op);
    switch (mmu_op_kind_of(op)) {
    case MMU_OP_READ:
    case MMU_OP_WRITE:
        snprintf(buf, n, "%s 0x%llx: 0x%llx", mmu_op_kind_of(op) == MMU_OP_READ ? "read" : "write",
                 (unsigned long long)op->addr, (unsigned long long)op->data);
        break;
    default:
        snprintf(buf, n, "answer 0x%llx: %s%s, %llu cycle%s, at %llu", (unsigned long long)op->addr,
                 mmu_op_hit(op) ? "hit" : "walk", fault < 3 ? fault_name[fault] : ", fault ?",
                 (unsigned long long)op->data, op->data == 1 ? "" : "s", (unsigned long long)op->at);
        break;
    }
}

/* The log of one side as the report shows it: a plain TLB hit's answer, which the OS
 * does not log (os_log), is put back from the access's own answer. */
static const mmu_log *shown(const mmu_log *log, const access_out *a, int failed, mmu_log *tmp)
{
    if (log->n != 0 || failed || a->outcome != ACC_OK || !a->hit || a->page_fault)
        return log;
    mmu_log_clear(tmp);
    mmu_log_add(tmp, MMU_OP_ANSWER, a->paddr, a->cycles, 1, FAULT_NONE);
    tmp->op[0].at = a->at;
    return tmp;
}

/* The two logs side by side, a step a row, the rows that differ marked; a step one
 * side does not have is "-". */
static void log_table(FILE *f, const char *what, const char *who, const mmu_log *want, const mmu_log *got)
{
    fprintf(f, "  what each MMU did in this %s, in order (memory operations and answers):\n", what);
    fprintf(f, "  %-10s %-46s %s (actual)\n", "", "model (expected)", who);
    unsigned n = want->n > got->n ? want->n : got->n;
    for (unsigned i = 0; i < n && i < MMU_LOG_OPS; i++) {
        char step[16], x[80] = "-", y[80] = "-";
        if (i < want->n)
            op_text(x, sizeof x, &want->op[i]);
        if (i < got->n)
            op_text(y, sizeof y, &got->op[i]);
        snprintf(step, sizeof step, "step %u", i + 1);
        int differs = i >= want->n || i >= got->n || !same_op(&want->op[i], &got->op[i]);
        if (differs)
            fprintf(f, "  %-10s %-46s %-46s  <-- differs\n", step, x, y);
        else
            fprintf(f, "  %-10s %-46s %s\n", step, x, y);
    }
    if (n > MMU_LOG_OPS)
        fprintf(f, "  %-10s %u and %u steps in all; only the first %u are kept\n", "", want->n, got->n,
                (unsigned)MMU_LOG_OPS);
}

static void log_rows(FILE *f, const cosim_mismatch *m)
{
    mmu_log want_tmp, got_tmp;
    log_table(f, "access", m->who, shown(m->want_log, m->want, 0, &want_tmp),
              shown(m->got_log, m->got, m->got_err != NULL, &got_tmp));
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
    row_u64(f, "answer at", "cycle %llu", want->at, got->at, 1);
    if (m->want_log && m->got_log)
        log_rows(f, m);
    if (m->got_err)
        fprintf(f, "  the %s system could not go on: %s\n", m->who, m->got_err);
    rerun_commands(f, o, m->n);
}

void cosim_report_request(FILE *f, const options *o, const cosim_request *m)
{
    static const char kind[3] = {'R', 'W', 'X'};
    const mmu_result *want = m->want, *got = m->got;
    fprintf(f, "%s: MISMATCH at request %llu (%s:%llu: %c 0x%llx, %s-mode), %s\n", o->name,
            (unsigned long long)m->n, o->vectors, (unsigned long long)m->line, kind[m->kind % 3],
            (unsigned long long)m->vaddr, m->priv == PRIV_S ? "S" : "U", m->who);
    char actual[32];
    snprintf(actual, sizeof actual, "%s (actual)", m->who);
    fprintf(f, "  %-10s %-20s %-20s\n", "field", "model (expected)", actual);
    row(f, "answer", fault_name(m->kind, (fault_kind)want->fault), fault_name(m->kind, (fault_kind)got->fault),
        want->fault != got->fault);
    row_u64(f, "paddr", "0x%llx", want->paddr, got->paddr, 1);
    row_u64(f, "tlb hit", "%llu", want->hit, got->hit, 1);
    row_u64(f, "cycles", "%llu", want->cycles, got->cycles, 1);
    row_u64(f, "answer at", "cycle %llu", want->at, got->at, 1);
    row_u64(f, "PTE reads", "%llu", want->pte_reads, got->pte_reads, 1);
    row_u64(f, "A/D writes", "%llu", want->pte_writes, got->pte_writes, 1);
    log_table(f, "request", m->who, m->want_log, m->got_log);
    char cmd[16384];
    options_command(o, CMD_RECHECK, cmd, sizeof cmd);
    fprintf(f, "  re-run this check:\n    %s\n", cmd);
}

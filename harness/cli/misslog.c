// SPDX-License-Identifier: MIT
/* misslog.c — the TLB-miss index. */
#include "harness/cli/misslog.h"

int misslog_open(misslog *m, const char *path, uint64_t from, uint64_t to, unsigned page_bits, int itlb,
                 char *err, size_t errlen)
{
    *m = (misslog){.from = from, .to = to, .page_bits = page_bits, .itlb = itlb};
    if (outfile_open(&m->file, path, 1, err, errlen) != 0)
        return -1;
    if (m->file.f)
        fputs("miss,access,line,time_ns,vaddr,vpn,asid,walk_cycles,page_fault,victim_frame,kind,tlb\n", m->file.f);
    return 0;
}

void misslog_row(misslog *m, uint64_t n, const access_rec *r, uint64_t cycle, const access_out *a)
{
    if (a->hit || a->outcome == ACC_RANGE)
        return;
    m->misses++;
    if (!m->file.f || n < m->from || n > m->to)
        return;
    fprintf(m->file.f, "%llu,%llu,%llu,%llu,0x%llx,0x%llx,%u,%u,%s,", (unsigned long long)m->misses,
            (unsigned long long)n, (unsigned long long)r->line, (unsigned long long)cycle * 10,
            (unsigned long long)a->vaddr, (unsigned long long)(a->vaddr >> m->page_bits), a->asid, a->cycles,
            a->page_fault ? "yes" : "no");
    if (a->victim != UINT32_MAX)
        fprintf(m->file.f, "%u", a->victim);
    /* which TLB missed: a fetch's is the ITLB when there is one */
    int fetch = r->kind == ACCESS_EXEC;
    fprintf(m->file.f, ",%c,%s\n", "RWX"[r->kind < 3 ? r->kind : 0], !m->itlb ? "tlb" : fetch ? "itlb" : "dtlb");
}

int misslog_close(misslog *m, int keep, char *err, size_t errlen)
{
    if (keep)
        return outfile_commit(&m->file, err, errlen);
    outfile_abort(&m->file);
    return 0;
}

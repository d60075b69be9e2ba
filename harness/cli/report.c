// SPDX-License-Identifier: MIT
/* report.c — the run's output. */
#include "harness/cli/report.h"

#include <errno.h>

#include "harness/base/quote.h"
#include "harness/cli/out_fmt.h"

static const char *kind_name[] = {"read", "write", "execute"};

void report_access(out_buf *o, const access_rec *r, const access_out *a, const preset *pre, int tagged)
{
    if (tagged) {
        OUT_LIT(o, "pid ");
        out_u64(o, r->pid);
        /* An S-mode access says so after its kind (a U-mode one, the default, as
         * before): `pid 3 R S Virtual address: ...`. */
        char k[5] = {' ', "RWX"[r->kind], ' ', 'S', ' '};
        out_str(o, k, r->priv == PRIV_S ? 5 : 3);
    }
    if (a->outcome == ACC_OK) {
        /* The hot path: one bounds check, then straight into the buffer. */
        out_room(o, 128);
        char *p = o->buf + o->n;
        memcpy(p, "Virtual address: ", 17);
        if (trace_text_is_decimal(r)) {
            memcpy(p + 17, r->text, 8);
            p += 17 + r->text_len;
        } else {
            p = out_fmt_u64(p + 17, r->addr);
        }
        memcpy(p, " Physical address: ", 19);
        p = out_fmt_u64(p + 19, a->paddr);
        memcpy(p, " Value: ", 8);
        p += 8;
        p = out_fmt_i8_nl(o, p, a->value);
        o->n = (size_t)(p - o->buf);
        return;
    }
    OUT_LIT(o, "Virtual address: ");
    out_u64(o, r->addr);
    switch (a->outcome) {
    case ACC_PROTECTION:
        OUT_LIT(o, " Protection fault: ");
        out_str(o, kind_name[r->kind], strlen(kind_name[r->kind]));
        OUT_LIT(o, " not permitted\n");
        return;
    case ACC_SEGV:
        OUT_LIT(o, " Segmentation fault\n");
        return;
    default:
        OUT_LIT(o, " Address fault: does not fit the ");
        out_str(o, pre->name, strlen(pre->name));
        OUT_LIT(o, " preset\n");
        return;
    }
}

/* The textbook prints rates with three decimals. */
static void rate(out_buf *o, uint64_t num, uint64_t den)
{
    char t[32];
    int n = snprintf(t, sizeof t, "%.3f", den ? (double)num / (double)den : 0.0);
    out_str(o, t, (size_t)n);
}

void report_stats(out_buf *o, const os_stats *s)
{
    OUT_LIT(o, "Number of Translated Addresses = ");
    out_u64(o, s->accesses);
    OUT_LIT(o, "\nPage Faults = ");
    out_u64(o, s->page_faults);
    OUT_LIT(o, "\nPage Fault Rate = ");
    rate(o, s->page_faults, s->accesses);
    OUT_LIT(o, "\nTLB Hits = ");
    out_u64(o, s->tlb_hits);
    OUT_LIT(o, "\nTLB Hit Rate = ");
    rate(o, s->tlb_hits, s->accesses);
    OUT_LIT(o, "\n");
}

void report_extra(FILE *f, const char *who, const os *o)
{
    const os_stats *s = os_stats_of(o);
    fprintf(f,
            "%s: walks %llu (PTE reads %llu, A/D writes %llu), evictions %llu, write-backs %llu,"
            " protection faults %llu, segmentation faults %llu, address faults %llu,"
            " translation cycles %llu\n",
            who, (unsigned long long)s->walks, (unsigned long long)s->pte_reads,
            (unsigned long long)s->pte_writes, (unsigned long long)s->evictions,
            (unsigned long long)s->writebacks, (unsigned long long)s->protection_faults,
            (unsigned long long)s->segv_faults, (unsigned long long)s->range_faults,
            (unsigned long long)s->cycles);
    fprintf(f, "%s: walks by PTEs read: 1: %llu, 2: %llu, 3: %llu, 4: %llu; process switches %llu\n", who,
            (unsigned long long)s->walks_by_depth[1], (unsigned long long)s->walks_by_depth[2],
            (unsigned long long)s->walks_by_depth[3], (unsigned long long)s->walks_by_depth[4],
            (unsigned long long)s->switches);
    /* Only a split TLB has it (--itlb-ways): every other run's lines stay as they were. */
    if (os_itlb(o)) {
        uint64_t ih = s->itlb_hits, im = s->itlb_misses;
        uint64_t dh = s->tlb_hits - ih, dm = s->tlb_misses - im;
        fprintf(f, "%s: ITLB hits %llu of %llu fetches (%.3f), DTLB hits %llu of %llu loads and stores (%.3f)\n",
                who, (unsigned long long)ih, (unsigned long long)(ih + im), ih + im ? (double)ih / (double)(ih + im) : 0.0,
                (unsigned long long)dh, (unsigned long long)(dh + dm), dh + dm ? (double)dh / (double)(dh + dm) : 0.0);
    }
    /* Only --thp has them: every other run's lines stay as they were. */
    if (os_huge_bytes(o))
        fprintf(f, "%s: by page size (--thp, %llu MiB megapages): page faults 4 KiB %llu, huge %llu;"
                " walks 4 KiB %llu, huge %llu; TLB hits 4 KiB %llu, huge %llu; huge evictions %llu\n", who,
                (unsigned long long)(os_huge_bytes(o) >> 20), (unsigned long long)s->faults_by_size[0],
                (unsigned long long)s->faults_by_size[1], (unsigned long long)s->walks_by_size[0],
                (unsigned long long)s->walks_by_size[1], (unsigned long long)s->hits_by_size[0],
                (unsigned long long)s->hits_by_size[1], (unsigned long long)s->huge_evictions);
    /* Only Svade (--ad fault) has them; the line stays away from every other run's. */
    if (s->ad_faults)
        fprintf(f, "%s: A/D faults %llu (page faults on present pages for want of A or D, which the OS set)\n",
                who, (unsigned long long)s->ad_faults);
    for (size_t i = 0; os_nprocs(o) > 1 && i < os_nprocs(o); i++) {
        const proc_stats *p = os_proc(o, i);
        fprintf(f, "%s: process %u (ASID %u): %llu accesses, %llu page faults (%.3f), %llu TLB hits (%.3f),"
                " %llu protection faults, %llu segmentation faults, %llu write-backs\n",
                who, p->pid, p->asid, (unsigned long long)p->accesses, (unsigned long long)p->page_faults,
                p->accesses ? (double)p->page_faults / (double)p->accesses : 0.0,
                (unsigned long long)p->tlb_hits,
                p->accesses ? (double)p->tlb_hits / (double)p->accesses : 0.0,
                (unsigned long long)p->protection_faults, (unsigned long long)p->segv_faults,
                (unsigned long long)p->writebacks);
    }
}

void report_pwc(FILE *f, const options *opt, const os *o)
{
    const os_stats *s = os_stats_of(o);
    if (!opt->pwc_entries)
        return;
    fprintf(f, "%s: page-walk cache of %u: %llu pointer PTEs from it, %llu PTEs read from memory: %.3f a walk of the %.3f it needed\n",
            opt->name, opt->pwc_entries, (unsigned long long)s->pwc_hits, (unsigned long long)s->pte_reads,
            s->walks ? (double)s->pte_reads / (double)s->walks : 0.0,
            s->walks ? (double)(s->pte_reads + s->pwc_hits) / (double)s->walks : 0.0);
}

void report_l2(FILE *f, const options *opt, const os *o)
{
    const os_stats *s = os_stats_of(o);
    if (!opt->l2_ways)
        return;
    fprintf(f, "%s: L2 TLB %ux%u: %llu hits of the %llu first-level misses it was asked (%.2f %%)\n",
            opt->name, opt->l2_sets, opt->l2_ways, (unsigned long long)s->l2_hits,
            (unsigned long long)(s->l2_hits + s->tlb_misses),
            s->l2_hits + s->tlb_misses ? 100.0 * (double)s->l2_hits / (double)(s->l2_hits + s->tlb_misses) : 0.0);
}

#ifndef VMMU_COMMIT
#define VMMU_COMMIT "unknown"
#endif

void report_json(FILE *f, const options *opt, const os *o, int partial, const char *extra)
{
    const os_stats *s = os_stats_of(o);
    char cmd[16384];
    options_command(opt, CMD_SELF, cmd, sizeof cmd);
    fprintf(f, "{\n  \"program\": \"%s\",\n  \"version\": \"%s\",\n  \"commit\": \"%s\",\n"
            "  \"command\": ", opt->name, VMMU_VERSION, VMMU_COMMIT);
    quote_json(f, cmd);
    fprintf(f, ",\n  \"config\": {\n");
    options_json(opt, f, "    ");
    fprintf(f,
            "  },\n  \"partial\": %s,\n  \"skipped\": %llu,\n  \"accesses\": %llu,\n  \"page_faults\": %llu,\n"
            "  \"tlb_hits\": %llu,\n  \"tlb_misses\": %llu,\n  \"walks\": %llu,\n"
            "  \"walks_by_depth\": [%llu, %llu, %llu, %llu],\n"
            "  \"pte_reads\": %llu,\n  \"ad_writes\": %llu,\n  \"evictions\": %llu,\n"
            "  \"write_backs\": %llu,\n  \"protection_faults\": %llu,\n  \"segmentation_faults\": %llu,\n"
            "  \"address_faults\": %llu,\n  \"ad_faults\": %llu,\n  \"process_switches\": %llu,\n"
            "  \"translation_cycles\": %llu,\n",
            partial ? "true" : "false", (unsigned long long)opt->skip, (unsigned long long)s->accesses,
            (unsigned long long)s->page_faults, (unsigned long long)s->tlb_hits,
            (unsigned long long)s->tlb_misses, (unsigned long long)s->walks,
            (unsigned long long)s->walks_by_depth[1], (unsigned long long)s->walks_by_depth[2],
            (unsigned long long)s->walks_by_depth[3], (unsigned long long)s->walks_by_depth[4],
            (unsigned long long)s->pte_reads, (unsigned long long)s->pte_writes,
            (unsigned long long)s->evictions, (unsigned long long)s->writebacks,
            (unsigned long long)s->protection_faults, (unsigned long long)s->segv_faults,
            (unsigned long long)s->range_faults, (unsigned long long)s->ad_faults,
            (unsigned long long)s->switches, (unsigned long long)s->cycles);
    if (os_itlb(o))
        fprintf(f, "  \"itlb_hits\": %llu,\n  \"itlb_misses\": %llu,\n  \"dtlb_hits\": %llu,\n  \"dtlb_misses\": %llu,\n",
                (unsigned long long)s->itlb_hits, (unsigned long long)s->itlb_misses,
                (unsigned long long)(s->tlb_hits - s->itlb_hits), (unsigned long long)(s->tlb_misses - s->itlb_misses));
    if (os_huge_bytes(o))
        fprintf(f, "  \"huge_page_bytes\": %llu,\n  \"page_faults_4k\": %llu,\n  \"page_faults_huge\": %llu,\n"
                "  \"walks_4k\": %llu,\n  \"walks_huge\": %llu,\n  \"tlb_hits_4k\": %llu,\n  \"tlb_hits_huge\": %llu,\n"
                "  \"huge_evictions\": %llu,\n", (unsigned long long)os_huge_bytes(o),
                (unsigned long long)s->faults_by_size[0], (unsigned long long)s->faults_by_size[1],
                (unsigned long long)s->walks_by_size[0], (unsigned long long)s->walks_by_size[1],
                (unsigned long long)s->hits_by_size[0], (unsigned long long)s->hits_by_size[1],
                (unsigned long long)s->huge_evictions);
    if (opt->pwc_entries)
        fprintf(f, "  \"pwc_hits\": %llu,\n", (unsigned long long)s->pwc_hits);
    if (opt->l2_ways)
        fprintf(f, "  \"l2_hits\": %llu,\n", (unsigned long long)s->l2_hits);
    fputs("  \"processes\": [", f);
    for (size_t i = 0; i < os_nprocs(o); i++) {
        const proc_stats *p = os_proc(o, i);
        fprintf(f, "%s\n    {\"pid\": %u, \"asid\": %u, \"accesses\": %llu, \"page_faults\": %llu, "
                "\"tlb_hits\": %llu, \"protection_faults\": %llu, \"segmentation_faults\": %llu, "
                "\"write_backs\": %llu}",
                i ? "," : "", p->pid, p->asid, (unsigned long long)p->accesses,
                (unsigned long long)p->page_faults, (unsigned long long)p->tlb_hits,
                (unsigned long long)p->protection_faults, (unsigned long long)p->segv_faults,
                (unsigned long long)p->writebacks);
    }
    fprintf(f, "\n  ]%s%s\n}\n", extra ? ",\n" : "", extra ? extra : "");
}

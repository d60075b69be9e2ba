// SPDX-License-Identifier: MIT
/* vecrun.c — MMU test vectors on one MMU (vecrun.h). */
#include "harness/cli/vecrun.h"

#include <stdlib.h>
#include <string.h>

#include "harness/base/pagemap.h"
#include "harness/cli/cosim.h"
#include "harness/trace/vectors.h"

/* The vectors' physical memory: sparse, bytes in 8-byte words by address / 8 (a
 * pagemap, id 0), zero until written.  What the walker writes is also noted, for the
 * request's `wrote=` fields. */
enum { MAX_WROTE = 8 };
typedef struct vec_mem {
    pagemap words;
    int oom;
    unsigned nwrote;
    uint64_t wrote_pa[MAX_WROTE], wrote_value[MAX_WROTE];
} vec_mem;

static uint8_t mem_byte(const vec_mem *m, uint64_t pa)
{
    const uint64_t *w = pagemap_get(&m->words, 0, pa >> 3);
    return w ? (uint8_t)(*w >> (8 * (pa & 7))) : 0;
}

static void mem_set_byte(vec_mem *m, uint64_t pa, uint8_t b)
{
    int made;
    uint64_t *w = pagemap_put(&m->words, 0, pa >> 3, &made);
    if (!w) {
        m->oom = 1;
        return;
    }
    unsigned sh = 8 * (unsigned)(pa & 7);
    *w = (*w & ~((uint64_t)0xff << sh)) | (uint64_t)b << sh;
}

static uint64_t mem_read(void *ctx, uint64_t pa, unsigned bytes)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < bytes; i++)
        v |= (uint64_t)mem_byte(ctx, pa + i) << (8 * i);
    return v;
}

static void mem_store(vec_mem *m, uint64_t pa, uint64_t value, unsigned bytes)
{
    for (unsigned i = 0; i < bytes; i++)
        mem_set_byte(m, pa + i, (uint8_t)(value >> (8 * i)));
}

/* The walker's writes: performed and noted. */
static void mem_write(void *ctx, uint64_t pa, uint64_t value, unsigned bytes)
{
    vec_mem *m = ctx;
    mem_store(m, pa, value, bytes);
    if (m->nwrote < MAX_WROTE) {
        m->wrote_pa[m->nwrote] = pa;
        m->wrote_value[m->nwrote] = value;
    }
    m->nwrote++;
}

/* The SFENCE.VMA of rs1, rs2 ('-' is x0: flag bits 0 and 1 clear). */
static void sfence(mmu *u, const vec_cmd *c)
{
    static const inval_mode mode[4] = {INVAL_ALL, INVAL_PAGE_ALL, INVAL_ASID, INVAL_PAGE};
    u->ops->invalidate(u->impl, mode[c->flag & 3], (uint16_t)(c->flag & 2 ? c->b : 0), c->flag & 1 ? c->a : 0);
}

/* One request's line. */
static void print(FILE *out, uint64_t n, const vec_cmd *c, const mmu_result *r, const vec_mem *m)
{
    static const char kind[3] = {'R', 'W', 'X'};
    fprintf(out, "%llu %c 0x%llx -> ", (unsigned long long)n, kind[c->flag], (unsigned long long)c->a);
    if (r->fault == FAULT_NONE)
        fprintf(out, "0x%llx", (unsigned long long)r->paddr);
    else
        fputs(fault_name((access_kind)c->flag, (fault_kind)r->fault), out);
    fprintf(out, " hit=%u cycles=%u", r->hit, r->cycles);
    for (unsigned i = 0; i < m->nwrote && i < MAX_WROTE; i++)
        fprintf(out, " wrote=0x%llx:0x%llx", (unsigned long long)m->wrote_pa[i], (unsigned long long)m->wrote_value[i]);
    fputc('\n', out);
}

/* One MMU and the memory it alone walks: each side of a lock-step run has its own, so
 * each walker's writes land in its own memory, and each is compared, not shared. */
typedef struct vec_side {
    vec_mem *m;
    mmu u;
    mmu_log *log;   /* where its builder logs its walker's operations, or NULL */
} vec_side;

static int side_build(vec_side *s, const options *o, mmu_builder build, void *arg, char *err, size_t errlen)
{
    const preset *p = o->preset;
    mmu_config mc = options_mmu_config(o, p);
    s->m = calloc(1, sizeof *s->m);
    err[0] = 0;
    if (!s->m || build(&s->u, &mc, (mem_port){s->m, mem_read, mem_write}, arg) != 0) {
        if (!err[0])
            snprintf(err, errlen, "cannot build the MMU (%s, TLB %ux%u, ITLB %ux%u)", p->name, o->tlb_sets, o->tlb_ways,
                     o->itlb_sets, o->itlb_ways);
        return -1;
    }
    /* The reset state: satp 0 (Bare), U-mode, every control 0. */
    mmu_ctl ctl = {0};
    s->u.ops->set_satp(s->u.impl, 0);
    s->u.ops->set_ctl(s->u.impl, &ctl);
    return 0;
}

static void side_free(vec_side *s)
{
    mmu_destroy(&s->u);
    if (s->m)
        pagemap_free(&s->m->words);
    free(s->m);
}

/* Applies command c (not a request) to one side. */
static void side_apply(vec_side *s, const preset *p, const vec_cmd *c, mmu_ctl *ctl)
{
    switch ((vec_op)c->op) {
    case VEC_MEM: mem_store(s->m, c->a, c->b, p->pte_bytes); break;
    case VEC_SATP: s->u.ops->set_satp(s->u.impl, preset_satp(p, c->flag ? p->satp_mode : 0, c->a, c->b)); break;
    case VEC_SFENCE: sfence(&s->u, c); break;
    case VEC_PRIV:
    case VEC_REQ: break;
    case VEC_SUM:
    case VEC_MXR:
    case VEC_AD:
    case VEC_PMEM: s->u.ops->set_ctl(s->u.impl, ctl); break;
    }
}

/* One request on one side: its answer, logged after its walker's operations. */
static void side_request(vec_side *s, const vec_cmd *c, priv_mode priv, mmu_result *r)
{
    s->m->nwrote = 0;
    if (s->log)
        mmu_log_clear(s->log);
    s->u.ops->translate(s->u.impl, c->a, (access_kind)c->flag, priv, r);
    if (s->log)
        mmu_log_answer(s->log, r);
}

/* 1 if two answers differ in any field (the logs hold the rest). */
static int answers_differ(const mmu_result *a, const mmu_result *b)
{
    return a->paddr != b->paddr || a->cycles != b->cycles || a->at != b->at || a->hit != b->hit ||
           a->fault != b->fault || a->pte_reads != b->pte_reads || a->pte_writes != b->pte_writes;
}

int vecrun(const options *o, mmu_builder build, void *arg, const vec_ref *ref, FILE *out, char *err, size_t errlen)
{
    const preset *p = o->preset;
    vec_list v;
    if (vectors_load(&v, o->vectors, p, err, errlen) != 0)
        return 1;
    vec_side dut = {.log = ref ? ref->dut_log : NULL}, model = {.log = ref ? ref->log : NULL};
    if (side_build(&dut, o, build, arg, err, errlen) != 0 ||
        (ref && side_build(&model, o, ref->build, ref->arg, err, errlen) != 0)) {
        side_free(&dut);
        side_free(&model);
        vectors_free(&v);
        return 1;
    }
    mmu_ctl ctl = {0};
    priv_mode priv = PRIV_U;
    uint64_t n = 0;
    int rc = 0;
    for (size_t i = 0; i < v.n && !dut.m->oom && !(ref && model.m->oom) && rc == 0; i++) {
        const vec_cmd *c = &v.c[i];
        switch ((vec_op)c->op) {
        case VEC_PRIV: priv = (priv_mode)c->flag; break;
        case VEC_SUM: ctl.sum = c->flag; break;
        case VEC_MXR: ctl.mxr = c->flag; break;
        case VEC_AD: ctl.ad_fault = c->flag; break;
        case VEC_PMEM: ctl.pmem = c->a; break;
        default: break;
        }
        if (c->op != VEC_REQ) {
            side_apply(&dut, p, c, &ctl);
            if (ref)
                side_apply(&model, p, c, &ctl);
            continue;
        }
        mmu_result r, want;
        n++;
        side_request(&dut, c, priv, &r);
        if (ref) {
            side_request(&model, c, priv, &want);
            if (answers_differ(&want, &r) || cosim_logs_differ(ref->log, ref->dut_log)) {
                cosim_report_request(stderr, o, &(cosim_request){.n = n, .line = c->line, .vaddr = c->a,
                                                                  .kind = (access_kind)c->flag, .priv = priv,
                                                                  .who = dut.u.ops->name, .want = &want,
                                                                  .got = &r, .want_log = ref->log,
                                                                  .got_log = ref->dut_log});
                rc = VECRUN_MISMATCH;
                break;
            }
        }
        print(out, n, c, &r, dut.m);
    }
    if (rc == 0 && (dut.m->oom || (ref && model.m->oom))) {
        snprintf(err, errlen, "%s: out of memory for the vectors' memory", o->vectors);
        rc = 1;
    } else if (fflush(out) != 0 || ferror(out)) {
        snprintf(err, errlen, "cannot write the answers");
        rc = rc ? rc : 1;
    }
    if (rc == VECRUN_MISMATCH)
        snprintf(err, errlen, "%llu request%s compared, 1 mismatch", (unsigned long long)n, n == 1 ? "" : "s");
    else if (rc == 0 && ref)
        snprintf(err, errlen, "%llu request%s compared, 0 mismatches", (unsigned long long)n, n == 1 ? "" : "s");
    else if (rc == 0)
        err[0] = 0;
    side_free(&dut);
    side_free(&model);
    vectors_free(&v);
    return rc;
}

// SPDX-License-Identifier: MIT
/* mmu_model.c — the C reference model behind the MMU interface, with the contract's
 * clock: the cycle each answer appears in (model/timing.h), predicted, never measured,
 * so that vmsim holds the RTL's port to it. */
#include <stdlib.h>

#include "harness/mmu/mmu_if.h"
#include "model/mmu.h"
#include "model/timing.h"

typedef struct clocked {
    model_mmu *m;
    uint64_t now; /* the cycle the next request would be offered in */
} clocked;

static void translate(void *impl, uint64_t vaddr, access_kind kind, priv_mode priv, mmu_result *r)
{
    clocked *c = impl;
    model_mmu_translate(c->m, vaddr, kind, priv, r);
    r->at = c->now + r->cycles;
    c->now = r->at + timing_idle_after(r->cycles);
}

static size_t translate_hits(void *impl, const uint64_t *vaddr, const uint8_t *kind, size_t n,
                             uint64_t *paddr, uint32_t *hit_cycles, uint64_t *first_at)
{
    clocked *c = impl;
    /* hits one a clock: each answered in the cycle the next is offered in */
    *hit_cycles = timing_hit();
    *first_at = c->now + timing_hit();
    size_t k = model_mmu_translate_hits(c->m, vaddr, kind, n, paddr);
    c->now += (uint64_t)k * timing_hit();
    return k;
}

static void invalidate(void *impl, inval_mode mode, uint16_t asid, uint64_t vaddr)
{
    clocked *c = impl;
    model_mmu_invalidate(c->m, mode, asid, vaddr);
    c->now += timing_inval();
}

static void set_satp(void *impl, uint64_t satp) { model_mmu_set_satp(((clocked *)impl)->m, satp); }
static void set_ctl(void *impl, const mmu_ctl *ctl) { model_mmu_set_ctl(((clocked *)impl)->m, ctl); }

static void destroy(void *impl)
{
    clocked *c = impl;
    model_mmu_free(c->m);
    free(c);
}

static const mmu_ops model_ops = {
    .name = "model", .translate = translate, .translate_hits = translate_hits,
    .invalidate = invalidate, .set_satp = set_satp, .set_ctl = set_ctl, .destroy = destroy,
};

int mmu_model_new(mmu *out, const mmu_config *c, mem_port mem)
{
    clocked *k = malloc(sizeof *k);
    if (!k)
        return -1;
    k->now = 0;
    k->m = model_mmu_new(c->preset, c->sets, c->ways, c->policy, c->mem_latency, mem);
    if (k->m && ((c->itlb_ways && model_mmu_split(k->m, c->itlb_sets, c->itlb_ways, c->itlb_policy) != 0) ||
                 model_mmu_pwc(k->m, c->pwc_entries) != 0 ||
                 (c->l2_ways && model_mmu_l2(k->m, c->l2_sets, c->l2_ways, c->l2_policy) != 0))) {
        model_mmu_free(k->m);
        k->m = NULL;
    }
    if (!k->m) {
        free(k);
        return -1;
    }
    out->ops = &model_ops;
    out->impl = k;
    return 0;
}

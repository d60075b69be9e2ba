// SPDX-License-Identifier: MIT
/* mmu_model.c — the C reference model behind the MMU interface. */
#include "harness/mmu/mmu_if.h"
#include "model/mmu.h"
#include "model/timing.h"

static void translate(void *impl, uint64_t vaddr, access_kind kind, priv_mode priv, mmu_result *r)
{
    model_mmu_translate(impl, vaddr, kind, priv, r);
}

static size_t translate_hits(void *impl, const uint64_t *vaddr, const uint8_t *kind, size_t n,
                             uint64_t *paddr, uint32_t *hit_cycles)
{
    *hit_cycles = timing_hit();
    return model_mmu_translate_hits(impl, vaddr, kind, n, paddr);
}

static void invalidate(void *impl, inval_mode mode, uint16_t asid, uint64_t vaddr)
{
    model_mmu_invalidate(impl, mode, asid, vaddr);
}

static void set_satp(void *impl, uint64_t satp) { model_mmu_set_satp(impl, satp); }
static void set_ctl(void *impl, const mmu_ctl *c) { model_mmu_set_ctl(impl, c); }
static void destroy(void *impl) { model_mmu_free(impl); }

static const mmu_ops model_ops = {
    .name = "model", .translate = translate, .translate_hits = translate_hits,
    .invalidate = invalidate, .set_satp = set_satp, .set_ctl = set_ctl, .destroy = destroy,
};

int mmu_model_new(mmu *out, const mmu_config *c, mem_port mem)
{
    model_mmu *m = model_mmu_new(c->preset, c->sets, c->ways, c->policy,
                                 c->mem_latency, mem);
    if (!m)
        return -1;
    out->ops = &model_ops;
    out->impl = m;
    return 0;
}

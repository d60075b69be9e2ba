// SPDX-License-Identifier: MIT
/* mmu_log.c — the per-access log of mmu_if.h: a recording memory port, and a
 * recording wrapper around translate(). */
#include "harness/mmu/mmu_if.h"

static uint64_t port_read(void *ctx, uint64_t pa, unsigned bytes)
{
    mmu_log *log = ctx;
    uint64_t v = log->mem.read(log->mem.ctx, pa, bytes);
    mmu_log_add(log, MMU_OP_READ, pa, v, 0, 0);
    return v;
}

static void port_write(void *ctx, uint64_t pa, uint64_t value, unsigned bytes)
{
    mmu_log *log = ctx;
    mmu_log_add(log, MMU_OP_WRITE, pa, value, 0, 0);
    log->mem.write(log->mem.ctx, pa, value, bytes);
}

mem_port mmu_log_port(mmu_log *log, mem_port mem)
{
    log->mem = mem;
    return (mem_port){log, port_read, port_write};
}

static void translate(void *impl, uint16_t asid, uint64_t vaddr, access_kind kind, mmu_result *r)
{
    mmu_log *log = impl;
    log->inner.ops->translate(log->inner.impl, asid, vaddr, kind, r);
    mmu_log_add(log, MMU_OP_ANSWER, r->paddr, r->cycles, r->hit, r->fault);
}

static void invalidate(void *impl, inval_mode mode, uint16_t asid, uint64_t vpn)
{
    mmu_log *log = impl;
    log->inner.ops->invalidate(log->inner.impl, mode, asid, vpn);
}

static void set_root(void *impl, uint64_t root_pa)
{
    mmu_log *log = impl;
    log->inner.ops->set_root(log->inner.impl, root_pa);
}

/* The log itself is its owner's: only the MMU it wraps is freed. */
static void destroy(void *impl)
{
    mmu_log *log = impl;
    mmu_destroy(&log->inner);
}

void mmu_log_wrap(mmu_log *log, mmu *m)
{
    log->inner = *m;
    log->ops = (mmu_ops){.name = m->ops->name, .translate = translate, .invalidate = invalidate,
                         .set_root = set_root, .destroy = destroy};
    m->ops = &log->ops;
    m->impl = log;
}

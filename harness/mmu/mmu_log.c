// SPDX-License-Identifier: MIT
/* mmu_log.c — the per-access log of mmu_if.h: its recording memory port. */
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

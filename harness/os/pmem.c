// SPDX-License-Identifier: MIT
/* pmem.c — simulated physical memory: user frames, then the kernel region. */
#include "harness/os/pmem.h"

#include <stdlib.h>
#include <string.h>

int pmem_init(pmem *m, uint64_t base, uint64_t frames, unsigned page_bits, unsigned pa_bits)
{
    memset(m, 0, sizeof *m);
    uint64_t space = pa_bits >= 64 ? UINT64_MAX : (uint64_t)1 << pa_bits;
    m->user_bytes = frames << page_bits;
    if (base > space || m->user_bytes > space - base)
        return -1;
    /* calloc leaves untouched frames to the kernel's zero pages: cheap when large. */
    m->user = calloc(m->user_bytes, 1);
    if (!m->user)
        return -1;
    m->user_base = base;
    m->kern_base = base + m->user_bytes;
    m->kern_limit = space - m->kern_base;
    return 0;
}

void pmem_free(pmem *m)
{
    free(m->user);
    free(m->kern);
    memset(m, 0, sizeof *m);
}

uint64_t pmem_alloc(pmem *m, uint64_t bytes, uint64_t align)
{
    uint64_t start = (m->kern_base + m->kern_used + align - 1) & ~(align - 1);
    uint64_t end = start - m->kern_base + bytes;
    if (end > m->kern_limit)
        return UINT64_MAX;
    if (end > m->kern_alloc) {
        uint64_t cap = m->kern_alloc ? m->kern_alloc : 64 * 1024;
        while (cap < end)
            cap *= 2;
        uint8_t *k = realloc(m->kern, cap);
        if (!k)
            return UINT64_MAX;
        memset(k + m->kern_alloc, 0, cap - m->kern_alloc);
        m->kern = k;
        m->kern_alloc = cap;
    }
    m->kern_used = end;
    return start;
}

/* Where `bytes` bytes at `pa` live, or NULL if not all of them are memory. */
static uint8_t *locate(const pmem *m, uint64_t pa, unsigned bytes)
{
    uint64_t u = pa - m->user_base;
    if (u < m->user_bytes)
        return bytes <= m->user_bytes - u ? m->user + u : NULL;
    uint64_t k = pa - m->kern_base;
    return k < m->kern_used && bytes <= m->kern_used - k ? m->kern + k : NULL;
}

uint64_t pmem_read(const pmem *m, uint64_t pa, unsigned bytes)
{
    const uint8_t *b = locate(m, pa, bytes);
    uint64_t v = 0;
    if (b)
        for (unsigned i = 0; i < bytes; i++)
            v |= (uint64_t)b[i] << (8 * i);
    return v;
}

void pmem_write(pmem *m, uint64_t pa, uint64_t value, unsigned bytes)
{
    uint8_t *b = locate(m, pa, bytes);
    if (b)
        for (unsigned i = 0; i < bytes; i++)
            b[i] = (uint8_t)(value >> (8 * i));
}

static uint64_t port_read(void *ctx, uint64_t pa, unsigned bytes) { return pmem_read(ctx, pa, bytes); }
static void port_write(void *ctx, uint64_t pa, uint64_t value, unsigned bytes)
{
    pmem_write(ctx, pa, value, bytes);
}

mem_port pmem_port(pmem *m) { return (mem_port){m, port_read, port_write}; }

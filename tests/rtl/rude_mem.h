// SPDX-License-Identifier: MIT
/* rude_mem.h -- the random numbers and the physical memory of tests/rtl/rtl_rude.c.
 *
 * The memory spans the whole physical address range (up to 2^56 bytes) sparsely: a
 * word written is kept in a hash table, and a word never written reads as a fixed
 * pseudo-random value of its address (a different one per case).  So page tables can
 * sit anywhere, PPNs can use their top bits, and a walk that leaves the tables the
 * test built reads PTEs of every bit pattern, the same ones each time, as a memory
 * would.  Words are PTE-sized and addressed by their byte address. */
#ifndef VMMU_RUDE_MEM_H
#define VMMU_RUDE_MEM_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* splitmix64: small, and every seed gives a good stream. */
typedef struct {
    uint64_t s;
} rng;

static inline uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static inline uint64_t rnd(rng *r) { return mix64(r->s += 0x9e3779b97f4a7c15ull); }

/* 0..n-1 (n >= 1). */
static inline unsigned below(rng *r, unsigned n) { return (unsigned)(rnd(r) % n); }

/* 1 with probability per_mille / 1000. */
static inline int chance(rng *r, unsigned per_mille) { return below(r, 1000) < per_mille; }

typedef struct {
    uint64_t *addr; /* slots of the open-addressed table */
    uint64_t *val;
    uint8_t *used;
    size_t cap, n; /* cap: a power of two */
    uint64_t salt; /* picks this case's unwritten contents */
    uint64_t mask; /* PTE bits */
} pmem;

/* An empty table of `cap` slots. */
static inline void pmem_alloc(pmem *m, size_t cap)
{
    m->cap = cap;
    m->n = 0;
    m->addr = calloc(cap, sizeof *m->addr);
    m->val = calloc(cap, sizeof *m->val);
    m->used = calloc(cap, 1);
    if (!m->addr || !m->val || !m->used) {
        fprintf(stderr, "rtl_rude: out of memory\n");
        exit(2);
    }
}

static inline void pmem_init(pmem *m, uint64_t salt, uint64_t mask)
{
    pmem_alloc(m, 1024);
    m->salt = salt;
    m->mask = mask;
}

static inline void pmem_free(pmem *m)
{
    free(m->addr);
    free(m->val);
    free(m->used);
}

/* The slot of `a`, or the empty slot where it would go. */
static inline size_t pmem_slot(const pmem *m, uint64_t a)
{
    size_t i = (size_t)mix64(a) & (m->cap - 1);
    while (m->used[i] && m->addr[i] != a)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static inline int pmem_has(const pmem *m, uint64_t a) { return m->used[pmem_slot(m, a)]; }

static inline uint64_t pmem_read(const pmem *m, uint64_t a)
{
    size_t i = pmem_slot(m, a);
    return m->used[i] ? m->val[i] : mix64(a ^ m->salt) & m->mask;
}

static inline void pmem_write(pmem *m, uint64_t a, uint64_t v)
{
    if (2 * (m->n + 1) > m->cap) { /* keep the table at most half full */
        pmem old = *m;
        pmem_alloc(m, 2 * old.cap);
        for (size_t i = 0; i < old.cap; i++)
            if (old.used[i])
                pmem_write(m, old.addr[i], old.val[i]);
        pmem_free(&old);
    }
    size_t i = pmem_slot(m, a);
    if (!m->used[i]) {
        m->used[i] = 1;
        m->addr[i] = a;
        m->n++;
    }
    m->val[i] = v & m->mask;
}

#endif

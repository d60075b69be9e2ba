// SPDX-License-Identifier: MIT
/* pmem.h — one system's simulated physical memory.
 *
 * User frames 0..N-1 sit at physical address base + frame * page: base 0 by default,
 * as in the textbook (--pa-base moves them, and with them everything, up the physical
 * address space, so that high PPN bits are used).  Page-table nodes live in a kernel
 * region just above the frames, allocated by the OS and never evicted, so they do
 * not disturb the textbook's frame numbers.  Only the frames and the kernel region
 * are held, wherever they sit: a high base costs no memory.  Memory reads as zeros
 * until written; an address outside both regions reads as zero and ignores writes (a
 * walker that strays sees an invalid PTE, and co-simulation catches it).
 */
#ifndef VMMU_PMEM_H
#define VMMU_PMEM_H

#include <stddef.h>
#include <stdint.h>

#include "model/types.h"

typedef struct pmem {
    uint8_t *user;         /* frames * page bytes */
    uint64_t user_base;    /* physical address of user[0], frame 0 */
    uint64_t user_bytes;
    uint8_t *kern;         /* the kernel region, grown on demand */
    uint64_t kern_base;    /* = user_base + user_bytes: physical address of kern[0] */
    uint64_t kern_used;    /* bytes handed out */
    uint64_t kern_alloc;   /* bytes allocated behind kern */
    uint64_t kern_limit;   /* the most the region may hold (the PA space above the frames) */
} pmem;

/* Sets up `frames` frames of 2^page_bits bytes from physical address `base` (page
 * aligned) under a `pa_bits`-bit physical address space, with the kernel region above
 * them up to the top of that space.  Returns 0, or -1 if the memory cannot be
 * allocated or the frames do not fit below the top. */
int pmem_init(pmem *m, uint64_t base, uint64_t frames, unsigned page_bits, unsigned pa_bits);
void pmem_free(pmem *m);

/* Allocates `bytes` of zeroed kernel memory aligned to `align` (a power of two).
 * Returns its physical address, or UINT64_MAX when the region is exhausted. */
uint64_t pmem_alloc(pmem *m, uint64_t bytes, uint64_t align);

/* Little-endian reads and writes of 1..8 bytes at physical address `pa`. */
uint64_t pmem_read(const pmem *m, uint64_t pa, unsigned bytes);
void pmem_write(pmem *m, uint64_t pa, uint64_t value, unsigned bytes);

/* The byte at a user physical address (no range check: the caller translated it). */
static inline uint8_t *pmem_user(pmem *m, uint64_t pa) { return m->user + (pa - m->user_base); }

/* The physical address of frame f. */
static inline uint64_t pmem_frame(const pmem *m, uint64_t f, unsigned page_bits)
{
    return m->user_base + (f << page_bits);
}

/* 1 if `pa` is in a user frame. */
static inline int pmem_is_user(const pmem *m, uint64_t pa) { return pa - m->user_base < m->user_bytes; }

/* A mem_port that reads and writes this memory, for a walker. */
mem_port pmem_port(pmem *m);

#endif

// SPDX-License-Identifier: MIT
/* pwc.h — the page-walk cache (docs/contract.md, "Page-walk cache"): a fully
 * associative cache of pointer PTEs, keyed by the PTE's physical address as Rocket's
 * PTE cache is.  A cache of memory: no ASID, no satp, no level in the key (a walk
 * looks it up at levels above 0 only, where any valid pointer means the same thing).
 * `plru` replacement over the entries, the tree of docs/contract.md "Replacement".
 * Fixed arrays: no allocation, so an MMU without one pays nothing but its size. */
#ifndef VMMU_PWC_H
#define VMMU_PWC_H

#include <stdint.h>

#include "model/types.h"

#define PWC_MAX 64

typedef struct pwc {
    unsigned n;            /* entries: 0 (none) or a power of two up to PWC_MAX */
    uint64_t tree;         /* plru: node k at bit k */
    uint64_t key[PWC_MAX]; /* the PTE's physical address + 1; 0: invalid */
    uint64_t pte[PWC_MAX]; /* the pointer PTE as memory held it */
} pwc;

/* 1 if `n` entries is a geometry a PWC may have (0 included: none). */
int pwc_entries_ok(unsigned n);

/* Empties `c` and sets its size; -1 if the size is not accepted. */
int pwc_init(pwc *c, unsigned n);

/* 1 and *pte if the PTE at physical address `pa` is held (an event on its entry). */
int pwc_lookup(pwc *c, uint64_t pa, uint64_t *pte);

/* Keeps the pointer PTE read at `pa` (not held: the walk looked it up first): in the
 * lowest invalid entry, else the plru victim; an event on that entry. */
void pwc_fill(pwc *c, uint64_t pa, uint64_t pte);

/* SFENCE.VMA: rs1 = x0 (INVAL_ASID, INVAL_ALL) empties it, ASID or not (the key has
 * none); rs1 = VA orders leaf PTEs only and leaves it.  The tree is untouched. */
void pwc_invalidate(pwc *c, inval_mode mode);

/* 1 if no two valid entries hold one key. */
int pwc_sane(const pwc *c);

#endif

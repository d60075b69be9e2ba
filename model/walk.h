// SPDX-License-Identifier: MIT
/* walk.h — the page-table walk of docs/contract.md "The walk": the RISC-V privileged
 * spec's "Virtual Address Translation Process", step by step. */
#ifndef VMMU_WALK_H
#define VMMU_WALK_H

#include <stdint.h>

#include "model/preset.h"
#include "model/pwc.h"
#include "model/types.h"

/* One walk's question: the root table, the page, the access, and the controls it is
 * judged under. */
typedef struct walk_req {
    uint64_t root;      /* physical address of the top table: satp.PPN * page size */
    uint64_t va;        /* the virtual address (canonical: the caller checked) */
    access_kind kind;
    priv_mode priv;
    mmu_ctl ctl;        /* SUM, MXR, the A/D scheme, the end of physical memory */
    pwc *pwc;           /* the page-walk cache, looked up and filled; NULL: none */
    /* resume 1: the walk starts at level `level` with `root` that level's table and
     * `global` the G of the pointers above (a reference stepping a walk level by
     * level, tests/rtl/rude_ref.h); 0: at the top, from satp's root. */
    uint8_t resume, level, global;
} walk_req;

typedef struct walk_result {
    uint8_t fault;   /* a fault_kind */
    uint8_t reads;   /* PTEs read, the one that failed included */
    uint8_t writes;  /* 1 if A/D were written back */
    uint8_t pwc_hits;/* pointer PTEs the page-walk cache gave (not read, not in reads) */
    uint8_t level;   /* the leaf's level: 0 a page, i > 0 a superpage (when no fault) */
    uint8_t global;  /* G on the leaf or on a pointer above it */
    uint64_t pte;    /* the leaf PTE as it stands after the walk (when no fault) */
    uint64_t ppn;    /* the translated page's PPN (when no fault): a superpage's low
                      * fields from the VPN */
    uint64_t pa;     /* the translated address (when no fault) */
} walk_result;

/* Walks the table for `q` through `mem`; in Svadu mode sets A (and D on a store) in
 * the leaf, in memory.  Never fails otherwise: every outcome is in *r. */
void walk(const preset *p, const mem_port *mem, const walk_req *q, walk_result *r);

#endif

// SPDX-License-Identifier: MIT
/* walk.h — the page-table walk of docs/contract.md "The walk" (RISC-V priv. 4.3.2). */
#ifndef VMMU_WALK_H
#define VMMU_WALK_H

#include <stdint.h>

#include "model/preset.h"
#include "model/types.h"

typedef struct walk_result {
    uint8_t fault;   /* a fault_kind */
    uint8_t reads;   /* PTEs read */
    uint8_t writes;  /* 1 if A/D were written back */
    uint64_t pte;    /* the leaf PTE as it stands after the walk (when no fault) */
} walk_result;

/* Walks the table rooted at physical address `root` for `vpn` and an access of
 * `kind`, through `mem`; sets A (and D on a write) in the leaf, in memory.  Never
 * fails otherwise: every outcome is in *r. */
void walk(const preset *p, const mem_port *mem, uint64_t root, uint64_t vpn,
          access_kind kind, walk_result *r);

#endif

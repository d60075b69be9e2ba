// SPDX-License-Identifier: MIT
/* mmu.h — the reference MMU: a TLB (or an ITLB and a DTLB), a walker and the timing
 * formula, joined.
 *
 * A library with no I/O and no global state: each model_mmu is self-contained, so
 * any number can live in one process.  Physical memory belongs to the caller and is
 * reached only through the mem_port given at creation.
 */
#ifndef VMMU_MODEL_MMU_H
#define VMMU_MODEL_MMU_H

#include <stddef.h>
#include <stdint.h>

#include "model/preset.h"
#include "model/tlb.h"
#include "model/types.h"

typedef struct model_mmu model_mmu;

/* Creates an MMU of preset `p` with a sets × ways TLB.  `mem_latency` >= 1.  It starts
 * with satp 0 (Bare: no translation) and all controls 0 (SUM, MXR off; Svadu;
 * unbounded memory).  Returns NULL if the geometry or latency is not accepted, or
 * memory runs out. */
model_mmu *model_mmu_new(const preset *p, unsigned sets, unsigned ways, tlb_policy policy,
                         unsigned mem_latency, mem_port mem);
void model_mmu_free(model_mmu *m);

/* Gives the MMU an instruction TLB of sets × ways entries and its own policy, before
 * its first request: fetches look it up and fill it, loads and stores the TLB of
 * model_mmu_new() (the DTLB); an invalidation reaches both (docs/contract.md, "Split
 * TLBs").  Returns 0, or -1 if the geometry is not accepted, the MMU has one already,
 * or memory runs out (the MMU then stays as it was). */
int model_mmu_split(model_mmu *m, unsigned sets, unsigned ways, tlb_policy policy);

/* Gives the MMU a page-walk cache of `entries` pointer PTEs (0: none, the default; a
 * power of two up to 64), empty, before its first request (docs/contract.md,
 * "Page-walk cache").  Returns 0, or -1 if the size is not accepted. */
int model_mmu_pwc(model_mmu *m, unsigned entries);

/* Gives the MMU a second-level TLB of sets × ways entries and its own policy, shared
 * by the TLB and the ITLB, empty, before its first request (docs/contract.md,
 * "Second-level TLB").  Returns 0, or -1 if the geometry is not accepted, the MMU has
 * one already, or memory runs out. */
int model_mmu_l2(model_mmu *m, unsigned sets, unsigned ways, tlb_policy policy);

/* The satp the requests that follow run under (docs/contract.md "satp":
 * preset_satp()'s layout): MODE (0 Bare, or the preset's), ASID, the root's PPN.
 * Changes no TLB entry.  A MODE that is neither is taken as Bare. */
void model_mmu_set_satp(model_mmu *m, uint64_t satp);

/* The run-time controls for the requests that follow. */
void model_mmu_set_ctl(model_mmu *m, const mmu_ctl *c);

/* Translates one request: `vaddr` fits preset_vaddr_bits() (the caller checks; a
 * non-canonical one is a page fault).  Always fills *r (docs/contract.md "The walk",
 * "Timing"). */
void model_mmu_translate(model_mmu *m, uint64_t vaddr, access_kind kind, priv_mode priv,
                         mmu_result *r);

/* The common case in bulk: translates U-mode requests (vaddr[i], kind[i]), each
 * canonical, in order while the TLB's fast path answers each as a hit that allows it,
 * writing paddr[i]; returns how many (0..n), having changed nothing for the one it
 * stopped at.  Each answered request is exactly what model_mmu_translate() answers for
 * it: a hit of timing_hit() cycles, no fault, no walk.  (A stop does not mean a miss:
 * the caller asks model_mmu_translate() about that request.) */
size_t model_mmu_translate_hits(model_mmu *m, const uint64_t *vaddr, const uint8_t *kind, size_t n,
                                uint64_t *paddr);

/* SFENCE.VMA: the entries `mode` names (inval_mode) for `asid` and the page holding
 * `vaddr`.  A page mode with a non-canonical `vaddr` does nothing (priv. spec: "If the
 * value held in rs1 is not a valid virtual address, then the SFENCE.VMA instruction
 * has no effect"). */
void model_mmu_invalidate(model_mmu *m, inval_mode mode, uint16_t asid, uint64_t vaddr);

/* 1 if the model's invariants hold. */
int model_mmu_sane(const model_mmu *m);

#endif

// SPDX-License-Identifier: MIT
/* types.h — the vocabulary the model, the RTL adapter and the OS share.
 *
 * These are the words of docs/contract.md: access kinds, fault kinds, PTE bits, the
 * answer to one translation request, and the port through which a walker reaches
 * physical memory.  Nothing here holds state.
 */
#ifndef VMMU_TYPES_H
#define VMMU_TYPES_H

#include <stdint.h>

typedef enum access_kind {
    ACCESS_READ = 0,
    ACCESS_WRITE = 1,
    ACCESS_EXEC = 2
} access_kind;

/* What one translation request ended in.  A page fault is for the OS to service;
 * an access fault (a permission the PTE does not grant) is only reported. */
typedef enum fault_kind {
    FAULT_NONE = 0,
    FAULT_PAGE = 1,
    FAULT_ACCESS = 2
} fault_kind;

/* PTE flag bits, RISC-V layout; the PPN starts at bit 10. */
enum {
    PTE_V = 1u << 0,
    PTE_R = 1u << 1,
    PTE_W = 1u << 2,
    PTE_X = 1u << 3,
    PTE_U = 1u << 4,
    PTE_G = 1u << 5,
    PTE_A = 1u << 6,
    PTE_D = 1u << 7,
    PTE_PPN_SHIFT = 10
};

/* Which entries an invalidation clears. */
typedef enum inval_mode {
    INVAL_PAGE = 0, /* one (ASID, VPN) */
    INVAL_ASID = 1, /* every entry of one ASID */
    INVAL_ALL = 2
} inval_mode;

/* The answer to one translation request (one attempt, not one access). */
typedef struct mmu_result {
    uint64_t paddr;    /* physical address; meaningful only when fault == FAULT_NONE */
    uint32_t cycles;   /* latency of this request, docs/contract.md "Timing" */
    uint8_t hit;       /* 1: answered by the TLB without a walk */
    uint8_t fault;     /* a fault_kind */
    uint8_t pte_reads; /* PTEs the walk read (0 on a hit) */
    uint8_t pte_writes;/* 1 if the walk wrote A/D back */
} mmu_result;

/* How a walker reaches physical memory: PTE-sized reads and writes at byte
 * addresses.  The owner of the memory supplies it; `ctx` is passed back as is. */
typedef struct mem_port {
    void *ctx;
    uint64_t (*read)(void *ctx, uint64_t pa, unsigned bytes);
    void (*write)(void *ctx, uint64_t pa, uint64_t value, unsigned bytes);
} mem_port;

/* Keeps a function out of its caller: the common path around the call then needs
 * fewer registers, and a hot loop stays out of main(), which GCC compiles for size. */
#if defined(__GNUC__)
#define VMMU_NOINLINE __attribute__((noinline))
#else
#define VMMU_NOINLINE
#endif

/* Inlines every direct call in a function: vmsim's loop calls the OS twice (the RTL's
 * system and the model's), which GCC would otherwise keep as calls. */
#if defined(__GNUC__)
#define VMMU_FLATTEN __attribute__((flatten))
#else
#define VMMU_FLATTEN
#endif

#endif

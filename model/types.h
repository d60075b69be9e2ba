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

/* The privilege mode of a request (RISC-V's U and S; M-mode does not translate). */
typedef enum priv_mode {
    PRIV_U = 0,
    PRIV_S = 1
} priv_mode;

/* What one translation request ended in, as the spec's two classes of exception
 * (docs/contract.md "The walk"): a page fault (the page tables forbid or lack the
 * translation: the OS's business) or an access fault (physical memory: a PTE read, or
 * the translated address, outside it).  Either is raised as the fault of the
 * request's access kind: fault_cause() and fault_name() say which. */
typedef enum fault_kind {
    FAULT_NONE = 0,
    FAULT_PAGE = 1,
    FAULT_ACCESS = 2
} fault_kind;

/* The RISC-V exception code (mcause/scause) of fault `f` on an access of `kind`: the
 * instruction, load and store access faults are 1, 5, 7; their page faults 12, 13,
 * 15.  0 for FAULT_NONE (not an exception). */
static inline unsigned fault_cause(access_kind kind, fault_kind f)
{
    static const unsigned code[3][3] = {{0, 13, 5}, {0, 15, 7}, {0, 12, 1}};
    return kind <= ACCESS_EXEC && f <= FAULT_ACCESS ? code[kind][f] : 0;
}

/* "load-page-fault", "store-access-fault", ... (the names `vmref --vectors` prints), or
 * "none". */
static inline const char *fault_name(access_kind kind, fault_kind f)
{
    static const char *const name[3][3] = {
        {"none", "load-page-fault", "load-access-fault"},
        {"none", "store-page-fault", "store-access-fault"},
        {"none", "fetch-page-fault", "fetch-access-fault"}};
    return kind <= ACCESS_EXEC && f <= FAULT_ACCESS ? name[kind][f] : "none";
}

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

/* The top ten bits of a 64-bit PTE (Sv39, Sv48): 63 N (Svnapot), 62-61 PBMT (Svpbmt),
 * 60-54 reserved.  vmmu implements neither extension, so all ten are reserved and a PTE
 * with any of them set is a page fault (priv. spec, Sv39 PTE).  A 32-bit PTE has none. */
#define PTE_HI_RESERVED ((uint64_t)0x3ff << 54)

/* The run-time controls of an MMU, held stable between requests (docs/contract.md,
 * "Inputs"): mstatus.SUM and .MXR, the A/D scheme, and where physical memory ends. */
typedef struct mmu_ctl {
    uint8_t sum;       /* S-mode may load and store to U=1 pages */
    uint8_t mxr;       /* loads may read X=1 pages whose R is 0 */
    uint8_t ad_fault;  /* 1: Svade (A=0, or D=0 on a store, is a page fault); 0: Svadu
                        * (the walker sets them in memory) */
    uint64_t pmem;     /* physical memory is [0, pmem); 0: unbounded */
} mmu_ctl;

/* Which entries an invalidation clears: the four cases of SFENCE.VMA rs1, rs2 (priv.
 * spec, "Supervisor Memory-Management Fence Instruction"). */
typedef enum inval_mode {
    INVAL_PAGE = 0,      /* rs1 = VA, rs2 = ASID: the non-global entries of that ASID
                          * whose page holds VA */
    INVAL_ASID = 1,      /* rs1 = x0, rs2 = ASID: every non-global entry of the ASID */
    INVAL_ALL = 2,       /* rs1 = x0, rs2 = x0: every entry */
    INVAL_PAGE_ALL = 3   /* rs1 = VA, rs2 = x0: every entry whose page holds VA, global
                          * ones and every ASID's */
} inval_mode;

/* The answer to one translation request (one attempt, not one access). */
typedef struct mmu_result {
    uint64_t paddr;    /* physical address; meaningful only when fault == FAULT_NONE */
    uint32_t cycles;   /* latency of this request, docs/contract.md "Timing" */
    uint8_t hit;       /* 1: answered by the TLB without a walk */
    uint8_t fault;     /* a fault_kind, of the request's access kind (fault_name()) */
    uint8_t pte_reads; /* PTEs the walk read (0 on a hit) */
    uint8_t pte_writes;/* 1 if the walk wrote A/D back */
    uint8_t pwc_hits;  /* pointer PTEs the page-walk cache gave instead of memory */
    uint64_t at;       /* the clock cycle the answer appeared in, counted from 0 at reset
                        * (docs/contract.md "Timing": the MMU's clock, set by the MMU
                        * behind harness/mmu/mmu_if.h; the model's core leaves it 0) */
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

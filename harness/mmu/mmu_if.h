// SPDX-License-Identifier: MIT
/* mmu_if.h — the one small interface between the OS and an MMU.
 *
 * The OS is written once against this table; the C model (mmu_model.c) and the
 * Verilated RTL (mmu_rtl.c) are its two implementations.  An MMU reaches physical
 * memory only through the mem_port it was created with.
 */
#ifndef VMMU_MMU_IF_H
#define VMMU_MMU_IF_H

#include <stddef.h>
#include <stdint.h>

#include "model/preset.h"
#include "model/tlb.h"
#include "model/types.h"

/* An MMU's methods.  One OS drives one MMU from one thread, in program order; a call
 * returns only when the hardware it stands for has answered (a request) or finished
 * (an invalidation), so the OS never has two requests in flight.  Both
 * implementations must answer every request as docs/contract.md says, cycle for cycle:
 * vmsim compares them on every access, the cycle each answer appears in included.
 *
 * The OS plays the core: its next call happens in the cycle the last answer appeared
 * in, if the MMU is ready there (an answer in LOOKUP: a hit, Bare, non-canonical), so
 * a stream of hits is one a clock; else in the next cycle (after a walk's answer, or
 * an invalidation).  set_satp() and set_ctl() take no cycle: they change what the
 * next request is accepted with. */
typedef struct mmu_ops {
    /* For messages: "the RTL MMU translated ..." (the OS names the MMU it doubts). */
    const char *name;

    /* One translation request, as the hardware takes it: the virtual address, the
     * access kind, the privilege (U or S) it runs in; the ASID and root are satp's.
     * A TLB lookup, on a miss a walk through the mem_port (PTE reads, the A/D
     * write-back, then the fill).  Must fill every field of *r (contract "The walk",
     * "Timing"), as the hardware answered it, r->at the cycle of the answer: r->paddr is 0 on a fault (contract,
     * "Details both sides keep"), and an implementation passes it on unmasked, so
     * that a checker sees it.
     * May assume: `vaddr` fits preset_vaddr_bits() (the OS masked or refused it; a
     * non-canonical one is the MMU's page fault); `kind` is an access_kind, `priv` a
     * priv_mode; any PTE changed since a TLB entry was filled from it has been
     * invalidated (the OS changes a valid PTE only when it evicts its page, clears its
     * A bit, or sets A or D after a Svade fault, and invalidates the first two times;
     * it writes a new PTE only where the last walk found none, which no TLB holds; a
     * set A or D only widens what an entry, filled without them, may do).
     * Called by the OS once per access (the first attempt), and again after each page
     * fault it has serviced (a page brought in, or A/D set): at most three times. */
    void (*translate)(void *impl, uint64_t vaddr, access_kind kind, priv_mode priv, mmu_result *r);

    /* May be NULL (the RTL: every request is a cycle-accurate handshake of its own).
     * The common case in bulk: translates U-mode requests (vaddr[i], kind[i]) in order
     * while each is a TLB hit that allows the access, writing paddr[i], and returns
     * how many (0..n), having changed nothing for the request it stopped at (which the
     * OS then gives to translate()).  Each answered request must be exactly what
     * translate() would answer: hit, no fault, no PTE traffic, `*hit_cycles` cycles,
     * the first in cycle `*first_at` and each next one a cycle later (one a clock).
     * May assume what translate() may, and that every vaddr is canonical (the OS
     * refuses the others before any MMU sees them).  Called by os_run() (os_bulk.c)
     * with runs of up to 64 accesses of the running process. */
    size_t (*translate_hits)(void *impl, const uint64_t *vaddr, const uint8_t *kind, size_t n,
                             uint64_t *paddr, uint32_t *hit_cycles, uint64_t *first_at);

    /* SFENCE.VMA (contract "The TLB", "Invalidation"): clears the TLB entries `mode`
     * names: INVAL_PAGE the non-global entries of `asid` whose page holds `vaddr`,
     * INVAL_ASID every non-global entry of `asid`, INVAL_ALL every entry, INVAL_PAGE_ALL
     * every entry whose page holds `vaddr`; the arguments a mode does not use are 0.
     * Afterwards no translate() may answer from a cleared entry.  Takes one cycle
     * (timing_inval()), after the last answer.  Called by the OS when
     * it evicts a page, when CLOCK clears a page's A bit (so the next access walks and
     * sets it again), and at every process switch under --no-asid (INVAL_ALL). */
    void (*invalidate)(void *impl, inval_mode mode, uint16_t asid, uint64_t vaddr);

    /* The satp register (contract "satp", preset_satp()): MODE (Bare or the preset's),
     * ASID, the root table's PPN, for the requests that follow.  Changes no TLB entry:
     * ASIDs keep processes apart.  Called by the OS at each process switch, before that
     * process's first translate(). */
    void (*set_satp)(void *impl, uint64_t satp);

    /* The run-time controls (mmu_ctl: SUM, MXR, the A/D scheme, the end of physical
     * memory) for the requests that follow.  Before the first call all are 0. */
    void (*set_ctl)(void *impl, const mmu_ctl *c);

    /* Frees everything the MMU holds (not the memory behind its mem_port, which is
     * its system's).  Called once, by mmu_destroy(). */
    void (*destroy)(void *impl);
} mmu_ops;

typedef struct mmu {
    const mmu_ops *ops;
    void *impl;
} mmu;

/* The hardware choices every MMU is built from (the run-time ones come through
 * set_ctl()). */
typedef struct mmu_config {
    const preset *preset;
    unsigned sets, ways;   /* TLB geometry: with an ITLB, the DTLB's */
    tlb_policy policy;     /* TLB replacement */
    unsigned itlb_sets, itlb_ways; /* an instruction TLB for fetches; itlb_ways 0: none */
    tlb_policy itlb_policy;
    unsigned pwc_entries;  /* page-walk cache entries; 0: none */
    unsigned l2_sets, l2_ways; /* a second-level TLB; l2_ways 0: none */
    tlb_policy l2_policy;
    unsigned mem_latency;  /* cycles, >= 1 */
} mmu_config;

/* The C model.  Returns 0, or -1 (geometry not accepted, or out of memory). */
int mmu_model_new(mmu *out, const mmu_config *c, mem_port mem);

/* How a program builds an MMU over a memory port: mmu_model_new's shape, with an
 * argument of the caller's.  Returns 0, or -1. */
typedef int (*mmu_builder)(mmu *out, const mmu_config *c, mem_port mem, void *arg);

/* ---- the per-access log: what an MMU showed the world, for a lock-step checker ------

   Everything an MMU does that its environment can see goes through two doors: the
   memory port (each operation of its walker) and translate()'s answer.  A log records
   both, in the order they happened, so that two MMUs fed the same requests can be
   compared operation by operation (harness/cli/cosim.c), not only by their answers:
   a wrong PTE address, a wrong value written back, a field the contract fixes on a
   fault.  It records at the doors, not inside either implementation, so the model and
   the RTL are logged by the same code, and a defect of an implementation cannot hide
   in its own logging: the memory operations where they reach memory, through
   mmu_log_port(); the answers where the OS receives them (os_log(), harness/os/os.h,
   which leaves out a plain TLB hit's: that answer is the access's own, compared as
   such).

   Use: build the MMU over mmu_log_port(log, mem), have its OS log the answers in the
   same log, mmu_log_clear() before each access, read log->op[] after it.  `log` must
   outlive the MMU.  An invalidation is not logged: it is the OS's input, not the
   MMU's output. */

typedef enum mmu_op_kind {
    MMU_OP_READ = 0,   /* the walker read `data` at physical address `addr` */
    MMU_OP_WRITE = 1,  /* the walker wrote `data` at `addr` */
    MMU_OP_ANSWER = 2  /* translate() answered: `addr` the physical address as answered
                        * (0 on a fault), `data` the cycles, the hit and the fault in
                        * `what`, the cycle it appeared in in `at` */
} mmu_op_kind;

typedef struct mmu_op {
    uint64_t addr;
    uint64_t data;
    /* kind | hit << 8 | fault << 16 (hit: MMU_OP_ANSWER only, else 0; fault: a
     * fault_kind, MMU_OP_ANSWER only, else 0), one word: an operation is logged for
     * every access, and two compare as four words.  Read with the functions below. */
    uint64_t what;
    uint64_t at;   /* MMU_OP_ANSWER: the cycle the answer appeared in (mmu_result.at); else 0 */
} mmu_op;

static inline mmu_op_kind mmu_op_kind_of(const mmu_op *op) { return (mmu_op_kind)(op->what & 0xff); }
static inline unsigned mmu_op_hit(const mmu_op *op) { return (unsigned)(op->what >> 8 & 0xff); }
static inline unsigned mmu_op_fault(const mmu_op *op) { return (unsigned)(op->what >> 16 & 0xff); }

/* Enough for any access: three attempts (a page fault serviced, an A/D page fault
 * under Svade, the last retry), each of at most 4 PTE reads, one write and one
 * answer, is 18. */
enum { MMU_LOG_OPS = 24 };

typedef struct mmu_log {
    unsigned n;              /* operations since mmu_log_clear(), all counted */
    mmu_op op[MMU_LOG_OPS];  /* the first MMU_LOG_OPS of them */
    mem_port mem;            /* the port mmu_log_port() records in front of */
} mmu_log;

/* A port that records each operation through it in `log`, then performs it on `mem`.
 * The PTE size of a read or write is not recorded: it is the preset's. */
mem_port mmu_log_port(mmu_log *log, mem_port mem);

static inline void mmu_log_clear(mmu_log *log) { log->n = 0; }

/* Appends an operation (the first MMU_LOG_OPS are kept; n counts all). */
static inline void mmu_log_add(mmu_log *log, mmu_op_kind kind, uint64_t addr, uint64_t data, uint8_t hit,
                               uint8_t fault)
{
    if (log->n < MMU_LOG_OPS)
        log->op[log->n] = (mmu_op){addr, data, (uint64_t)kind | (uint64_t)hit << 8 | (uint64_t)fault << 16, 0};
    log->n++;
}

/* Appends translate()'s answer *r, every field as answered. */
static inline void mmu_log_answer(mmu_log *log, const mmu_result *r)
{
    mmu_log_add(log, MMU_OP_ANSWER, r->paddr, r->cycles, r->hit, r->fault);
    if (log->n <= MMU_LOG_OPS)
        log->op[log->n - 1].at = r->at;
}

static inline void mmu_destroy(mmu *m)
{
    if (m->ops)
        m->ops->destroy(m->impl);
    m->ops = NULL;
}

#endif

// SPDX-License-Identifier: MIT
/* os.h — the operating system every system runs: processes, page tables, page-fault
 * service, frame replacement and the statistics.
 *
 * The OS owns nothing it is given: the physical memory, the page store and the MMU
 * belong to the system (system.c).  It touches the MMU only through mmu_if.h.
 */
#ifndef VMMU_OS_H
#define VMMU_OS_H

#include <stddef.h>
#include <stdint.h>

#include "harness/base/access.h"
#include "harness/mmu/mmu_if.h"
#include "harness/os/maps.h"
#include "harness/os/pmem.h"
#include "harness/os/policy.h"
#include "harness/os/store.h"

/* A process's memory map, from --maps PID=FILE. */
typedef struct maps_binding {
    uint32_t pid;
    maps map;
} maps_binding;

/* What the OS can tell an observer about itself (os_observe).  `frame` is given with
 * the events that concern one. */
typedef enum os_event {
    OS_EV_ACCESS = 0,     /* access number `access` begins (no event of its own) */
    OS_EV_FAULT = 1,      /* a page fault serviced: `frame` got the page */
    OS_EV_EVICT = 2,      /* `frame`'s page evicted */
    OS_EV_INVAL = 3,      /* the OS invalidated the TLB entry of `frame`'s page */
    OS_EV_SWITCH = 4      /* a process switch */
} os_event;

/* Someone who watches the OS: vmsim, which shows the OS's events in the RTL's
 * waveform.  `access` is the number of the access under way, counted from 1 over the
 * whole run (warm-up included). */
typedef struct os_observer {
    void (*event)(void *ctx, os_event ev, uint32_t frame, uint64_t access); /* NULL: nobody */
    void *ctx;
} os_observer;

typedef struct os_config {
    const preset *preset;
    uint32_t frames;
    const frame_policy_ops *policy;
    int no_asid;   /* flush the TLB on every process switch instead of tagging by ASID */
    /* Process k (0, 1, ... in order of first appearance) has ASID asid_base + k *
     * asid_step, modulo 65536 (--asid-base, --asid-step); with no_asid every process
     * runs under asid_base.  A process whose ASID would repeat one is refused.  The
     * textbook's default, base 0 and step 1 (a step of 0 is taken as 1), gives
     * process k ASID k. */
    uint16_t asid_base, asid_step;
    /* Set the bits of every PTE the OS writes that a walker must ignore (contract, "PTE":
     * RSW, bits 8-9) to a pattern drawn from the PTE's address (--pte-noise). */
    int pte_noise;
    /* The MMU's run-time controls (--sum, --mxr, --ad, --pmem), set once for the run.
     * SUM decides what the OS does with a page fault of an S-mode load or store (the
     * trace's privilege column): with SUM it is served as a user access's is, without
     * it, and for every S-mode fetch, it is a protection fault (os.c,
     * kernel_forbidden).  MXR makes the OS, as the MMU, take a load of an
     * executable page as allowed.  Under Svade (ad_fault) the OS maps a page with A
     * set, and D when the access that brought it in stores, as Linux does, and sets
     * them itself when the MMU page-faults on a present page for want of them (os.c,
     * fault_cause_of). */
    mmu_ctl ctl;
    const maps_binding *maps;  /* processes with a map; every other one may touch anything */
    size_t nmaps;
    int itlb;      /* the MMU has an instruction TLB: count fetches' hits apart (os_stats) */
    /* Transparent huge pages (--thp; a preset of two levels or more): a page fault in
     * an aligned megapage range (one level-1 leaf: 2 MiB for Sv39/Sv48, 4 MiB for Sv32)
     * that is anonymous in the process's map (any range without a map) and not yet
     * split into 4 KiB pages maps a megapage, when an aligned run of free frames holds
     * it; else a 4 KiB page, as Linux does.  os_thp.c says the rest. */
    int thp;
    int l2;        /* the MMU has a second-level TLB: count its hits (os_stats.l2_hits) */
} os_config;

/* How an access ended. */
typedef enum access_outcome {
    ACC_OK = 0,
    ACC_PROTECTION = 1,   /* the page's permissions forbid it (a page fault on a present
                           * page, which the region does not allow) */
    ACC_SEGV = 2,         /* the address is in no region of the process */
    ACC_RANGE = 3         /* the address does not fit the preset's virtual addresses */
} access_outcome;

typedef struct access_out {
    uint64_t vaddr;       /* the address translated (the osc preset keeps the low 16 bits) */
    uint64_t paddr;
    uint32_t cycles;      /* the sum of the attempts' latencies */
    uint64_t at;          /* the clock cycle its last answer appeared in (the MMU's
                           * mmu_result.at; 0 for an address fault: no MMU saw it) */
    uint8_t outcome;      /* an access_outcome */
    uint8_t hit;          /* the first attempt hit the TLB */
    uint8_t page_fault;   /* a page fault was serviced */
    uint8_t walk_reads;   /* PTEs read by the first attempt's walk */
    uint16_t asid;        /* the ASID the access ran under */
    int8_t value;         /* the byte at paddr after the access */
    uint32_t frame;       /* on a page fault: the frame loaded (a megapage's first) */
    uint32_t victim;      /* on a page fault: the frame evicted (a megapage's first), or UINT32_MAX */
} access_out;

typedef struct os_stats {
    uint64_t accesses;        /* translated addresses, faults included */
    uint64_t page_faults;     /* serviced */
    uint64_t tlb_hits;        /* first attempts only */
    uint64_t tlb_misses;
    uint64_t itlb_hits, itlb_misses; /* of those, fetches' (os_config.itlb only): the ITLB's */
    uint64_t walks;           /* every walk, retries included */
    uint64_t walks_by_depth[5]; /* walks that read 1..4 PTEs */
    uint64_t pte_reads, pte_writes;
    uint64_t pwc_hits;        /* pointer PTEs a page-walk cache gave (not in pte_reads) */
    uint64_t l2_hits;         /* first attempts a second-level TLB answered (in tlb_hits too) */
    uint64_t evictions, writebacks; /* pages evicted (a megapage is one), pages written back
                                     * (a dirty megapage is all of its 4 KiB pages) */
    uint64_t cycles;
    uint64_t protection_faults, segv_faults, range_faults;
    uint64_t ad_faults;       /* Svade page faults the OS served by setting A or D */
    uint64_t switches;
    /* With --thp only (os_config.thp), by page size: [0] 4 KiB pages, [1] megapages.
     * Page faults serviced, by the size mapped; walks that translated, by the size of
     * the page they found (a walk that ends in a page fault found none: in neither);
     * first attempts' TLB hits, by the size of the page hit.  Megapages evicted. */
    uint64_t faults_by_size[2], walks_by_size[2], hits_by_size[2];
    uint64_t huge_evictions;
} os_stats;

/* What one process did. */
typedef struct proc_stats {
    uint32_t pid;
    uint16_t asid;
    uint64_t accesses, page_faults, tlb_hits, protection_faults, segv_faults, writebacks;
} proc_stats;

typedef struct os os;

/* Creates the OS of a system.  `future`, needed by a policy that needs_future, gives
 * for each access number the number of the next access to the same page (UINT64_MAX:
 * none); it must outlive the OS.  Returns NULL with a reason in err. */
os *os_new(const os_config *c, pmem *mem, store *st, mmu m, const uint64_t *future,
           char *err, size_t errlen);
void os_free(os *o);

/* Performs one access, in the privilege its record names (U or S).  Returns how it
 * ended (an access_outcome, >= 0), with the details in *out unless `out` is NULL; or
 * -1 if the simulation cannot go on
 * (the reason is in err: the kernel region is full, or the MMU answered what cannot
 * be: an access fault, which the OS, keeping every table and frame inside physical
 * memory, never causes, or a page fault it finds no reason for). */
int os_access(os *o, const access_rec *r, access_out *out, char *err, size_t errlen);

/* Performs accesses r[0..n-1] in order, as os_access() would one by one, stopping
 * after the first that does not end ACC_OK.  Sets *done to how many were performed
 * (the one it stopped at included, unless the simulation cannot go on) and returns
 * the last one's outcome: ACC_OK when all n were.  out, unless NULL, has n places.
 * Runs of TLB hits go to the MMU in bulk when it offers that (translate_hits):
 * os_bulk.c, whose first comment says how it is held to os_access(). */
int os_run(os *o, const access_rec *r, size_t n, access_out *out, size_t *done, char *err,
           size_t errlen);

/* Sets who hears of the OS's events from now on.  The contract:
 *  - os_access() tells OS_EV_ACCESS with the access's number before the access's
 *    first MMU request, so an observer that shows MMU cycles (the RTL's waveform)
 *    knows the number from the access's first cycle;
 *  - a process switch, a fault serviced, an eviction and an invalidation are told as
 *    they happen, after the MMU call they concern (an eviction before the
 *    invalidation of its page), with the number of the access they happen in;
 *  - os_run() hands runs of TLB hits to an MMU that offers translate_hits() whether
 *    or not anyone watches: such an MMU shows no cycles between them, and nothing but
 *    hits happens in such a run.  A run is told once, after it, as OS_EV_ACCESS with
 *    its last access's number, so the observer's number is never behind.  (The RTL
 *    offers no translate_hits(), so vmsim's observer hears of every access.)
 * The observer must not call the OS. */
void os_observe(os *o, os_observer ob);

/* From now on, appends each answer of the MMU to `log` (NULL: none) as the OS receives
 * it (mmu_log_answer(), harness/mmu/mmu_if.h's per-access log): the first attempt of
 * an access and the retry after a page fault, every field as answered.  But not a
 * plain TLB hit's (a hit that allows the access: hit, no fault), the common case:
 * that answer is the access's answer itself, all of it (its physical address, its
 * cycles, its hit) in the access_out, where a checker compares it; logging it too
 * would double the check's cost for nothing.  With a log, os_run() hands no runs to
 * translate_hits(), so that no answer but such hits escapes it.  The log's owner
 * clears it. */
void os_log(os *o, mmu_log *log);

/* With --thp, for a policy that needs_future: `future_huge` gives for each access
 * number the number of the next access to the same megapage range (os_new's `future`
 * at the megapage's size), which is a megapage's next use; 4 KiB pages keep `future`'s.
 * Without it such a policy sees a megapage's next use as that of the page accessed.
 * It must outlive the OS. */
void os_future_huge(os *o, const uint64_t *future_huge);

const os_stats *os_stats_of(const os *o);

/* 1 if the OS counts an instruction TLB's hits apart (os_config.itlb). */
int os_itlb(const os *o);

/* The bytes of a megapage with --thp (os_config.thp), else 0. */
uint64_t os_huge_bytes(const os *o);

/* Starts the statistics again from zero (the process and frame state stay): the
 * end of a warm-up (--skip).  The look-ahead of OPT keeps its place. */
void os_stats_reset(os *o);

/* The processes seen so far, in order of first appearance. */
size_t os_nprocs(const os *o);
const proc_stats *os_proc(const os *o, size_t i);

#endif

// SPDX-License-Identifier: MIT
/* os_internal.h — the OS's state, and the steps its two access paths share: os.c (the
 * textbook path, one access at a time) and os_bulk.c (runs of TLB hits at once); and
 * what os.c and os_thp.c (huge pages, --thp) offer each other.  Nothing else includes
 * it; everyone else sees os.h. */
#ifndef VMMU_OS_INTERNAL_H
#define VMMU_OS_INTERNAL_H

#include <stdio.h>

#include "harness/os/os.h"

typedef struct process {
    uint64_t root;        /* physical address of its top table */
    const maps *map;      /* NULL: every address is readable, writable, executable */
    proc_stats s;         /* .pid and .asid name it */
} process;

/* What a frame holds (frame_info.size).  Without --thp every frame is FRAME_PAGE. */
enum { FRAME_PAGE = 0, FRAME_HUGE = 1, FRAME_TAIL = 2 };

/* Invariant: frame f < used holds page `vpn` of process `proc`, whose leaf PTE is at
 * `pte_pa` and points at f.  With --thp, a frame in use is FRAME_PAGE as that, or the
 * first frame of a megapage (FRAME_HUGE: `vpn` its first page, `pte_pa` its level-1
 * leaf), or one of the megapage's other frames (FRAME_TAIL: nothing else is kept). */
typedef struct frame_info {
    uint64_t vpn;
    uint64_t pte_pa;
    uint32_t proc;        /* index into os.procs */
    uint8_t size;         /* FRAME_PAGE, FRAME_HUGE or FRAME_TAIL */
} frame_info;

typedef struct thp thp;   /* os_thp.c's: the free frames and aligned runs (--thp) */

struct os {
    os_config c;
    pmem *mem;
    store *st;
    mmu mmu;
    const uint64_t *future;
    uint64_t skipped;     /* accesses run before os_stats_reset(): not in s */
    void *policy;
    frame_info *frame;
    uint32_t used;        /* frames 0..used-1 hold pages; the lowest free is `used` */
    process *procs;
    uint32_t nprocs, cap_procs;
    uint32_t cur;         /* index of the running process, UINT32_MAX before the first */
    process *run;         /* &procs[cur], or NULL before the first: the hot path's view */
    uint64_t run_pid;     /* its pid, or UINT64_MAX (no pid) before the first */
    uint16_t run_asid;    /* the ASID the running process's accesses carry */
    unsigned page_bits;
    uint64_t addr_max;    /* addr + addr_bias larger: not a virtual address of the preset */
    uint64_t addr_bias;
    uint64_t va_mask;     /* what of an address is the virtual address */
    os_observer observe;  /* who hears of the OS's events (os_observe) */
    mmu_log *log;         /* where the MMU's answers are logged (os_log), or NULL */
    void (*accessed)(void *, uint32_t, int, uint64_t); /* the policy's, or NULL */
    void *accessed_ctx;   /* what `accessed` is called with: the policy, or (--thp) the OS */
    uint8_t more_counts;  /* count_attempt() has more to count: an ITLB's hits, page sizes */
    thp *thp;             /* --thp's state, or NULL */
    const uint64_t *future_huge; /* os_future_huge()'s, or NULL */
    uint64_t touch_n;     /* the access the policy hears of (os_thp_accessed() reads it) */
    os_stats s;
};

/* Tells the observer, if any, of an event of the access under way (os_observe). */
static inline void tell(const os *o, os_event ev, uint32_t frame)
{
    if (o->observe.event)
        o->observe.event(o->observe.ctx, ev, frame, o->skipped + o->s.accesses);
}

/* Writes into *a the answer to an access at `va` under `asid`: `cycles` in all, `hit`
 * and the PTEs read by its first attempt, and where it reached memory, `paddr` and
 * the byte there (byte_at(); 0 and 0 when it did not).  Nothing loaded, nothing
 * evicted: the fault path adds those.  Every access_out is made here, whole and in
 * place (a hit's answer is stored once, not built aside and copied). */
static inline void answer(access_out *a, uint64_t va, uint16_t asid, uint32_t cycles, uint64_t at, uint8_t hit,
                          uint8_t walk_reads, uint64_t paddr, int8_t value)
{
    *a = (access_out){.vaddr = va, .paddr = paddr, .cycles = cycles, .at = at, .hit = hit,
                      .walk_reads = walk_reads, .asid = asid, .value = value, .victim = UINT32_MAX};
}

/* The byte at a user physical address, as the access left it (touch() checked it). */
static inline int8_t byte_at(os *o, uint64_t paddr) { return (int8_t)*pmem_user(o->mem, paddr); }

/* Access number n reaches physical memory at `paddr`: the byte is written if the
 * access stores one, and the frame policy hears of the access.  Returns 0, or -1 if
 * the MMU answered an address outside the user frames.  The byte is read only by a
 * caller that reports it: a quiet run's accesses end without waiting for it. */
static inline int touch(os *o, const access_rec *rec, uint64_t va, uint64_t paddr, int walked,
                        uint64_t n, char *err, size_t errlen)
{
    if (!pmem_is_user(o->mem, paddr)) {
        snprintf(err, errlen, "the %s MMU translated 0x%llx to 0x%llx, outside the %u user frames",
                 o->mmu.ops->name, (unsigned long long)va, (unsigned long long)paddr, o->c.frames);
        return -1;
    }
    uint8_t *b = pmem_user(o->mem, paddr);
    if (rec->kind == ACCESS_WRITE && rec->has_value)
        *b = rec->value;
    if (o->accessed) {
        o->touch_n = n;
        o->accessed(o->accessed_ctx, (uint32_t)((paddr - o->mem->user_base) >> o->page_bits), walked,
                    o->future ? o->future[n] : 0);
    }
    return 0;
}

/* ---- what os.c offers os_thp.c ---------------------------------------------------- */

/* The physical address of the PTE at `level` (0: the 4 KiB leaf, 1: a megapage's) for
 * `vpn` in the table at `root`, making the pointer tables above it; UINT64_MAX when the
 * kernel region is full. */
uint64_t os_table_slot(os *o, uint64_t root, uint64_t vpn, unsigned level);

/* Loads 2^(level * level_bits) pages from `vpn` (vpn aligned to them) of the running
 * process into frames f, f+1, ..., from the backing file if `file` (else zeros, swap
 * first either way), and maps them with one leaf PTE at `slot`: a page (level 0) or a
 * megapage (level 1), permissions `perm`, A/D bits `ad`.  The policy hears of the load
 * (at f), the observer of the fault. */
void os_map(os *o, uint64_t slot, uint32_t f, uint64_t vpn, unsigned level, uint8_t perm, uint8_t ad, int file);

/* The frame policy's victim, evicted (os_thp_evict() for a megapage).  Returns its
 * frame, or -1 (swap out of memory). */
int64_t os_replace(os *o, char *err, size_t errlen);

/* SFENCE.VMA of the page (or megapage) `vpn` of process `proc`, told as `frame`'s. */
void os_invalidate(os *o, uint32_t proc, uint64_t vpn, uint32_t frame);

/* ---- os_thp.c: huge pages (--thp) --------------------------------------------------- */

/* Sets up --thp's state (o->thp).  Returns 0, or -1 when out of memory. */
int os_thp_new(os *o);
void os_thp_free(os *o);

/* The page fault of the running process at `va` (in region `g`, or NULL), with
 * service_fault()'s arguments: a megapage or a 4 KiB page, as os_thp.c decides.
 * Returns the frame loaded (a megapage's first) or -1; *victim as service_fault's. */
int64_t os_thp_fault(os *o, uint64_t va, const region *g, uint8_t perm, uint8_t ad, int file,
                     uint32_t *victim, char *err, size_t errlen);

/* Evicts the megapage whose first frame is `head`.  Returns 0, or -1 (swap out of
 * memory). */
int os_thp_evict(os *o, uint32_t head, char *err, size_t errlen);

/* Counts one in by_size[0] (a 4 KiB page) or by_size[1] (a megapage): the size of the
 * page the running process's `va` is in, known from `paddr` when the MMU translated it
 * (`translated`), else from the OS's tables (a hit that faults). */
void os_thp_count(os *o, uint64_t va, uint64_t paddr, int translated, uint64_t by_size[2]);

/* The policy's accessed(), called with the OS: told at the unit's frame (os_thp_unit). */
void os_thp_accessed(void *os_, uint32_t frame, int walked, uint64_t next_use);

/* The frame of a policy's unit that holds frame f: a megapage's first frame, or f. */
uint32_t os_thp_unit(const os *o, uint32_t f);

#endif

// SPDX-License-Identifier: MIT
/* os.c — the OS, read top to bottom as one access goes through it:
 *
 *   os_access()      the running process, one translation request and, when the TLB
 *                    answered it plainly, the byte;
 *   access_rest()    everything else: the walk's accounting, a segmentation fault, a
 *                    page fault serviced and the request retried (page_fault()), an
 *                    access fault reported;
 *   service_fault()  a page brought into a frame: a free one, or the frame policy's
 *                    victim, evicted first (evict());
 *
 * then what those rest on: the policy's view of the A bit, invalidations, process
 * switches and page tables, and the OS's life (os_new, statistics).  The OS's state
 * and the steps it shares with the bulk path are in os_internal.h; the bulk path
 * itself, which does what os_access() does for a run of TLB hits at once, in
 * os_bulk.c. */
#include "harness/os/os_internal.h"
#include "model/timing.h"

#include <stdlib.h>
#include <string.h>

/* The steps, in the order this file tells them. */
static int access_rest(os *o, const access_rec *rec, uint64_t va, uint64_t n, mmu_result *r,
                       access_out *out, char *err, size_t errlen);
static int reply(access_out *out, const access_out *a);
static int kernel_forbidden(const os *o, const access_rec *rec);
static int page_fault(os *o, const access_rec *rec, uint64_t va, const region *g, mmu_result *r,
                      access_out *a, char *err, size_t errlen);
static int fault_cause_of(os *o, const access_rec *rec, uint64_t va, const region *g, uint64_t *slot);
static int64_t service_fault(os *o, uint64_t vpn, uint8_t perm, uint8_t ad, int file, uint32_t *victim,
                             char *err, size_t errlen);
static int evict(os *o, uint32_t f, char *err, size_t errlen);
static int test_and_clear_referenced(void *os_, uint32_t f);
static int switch_to(os *o, uint32_t pid, char *err, size_t errlen);
static uint64_t leaf_find(const os *o, uint64_t root, uint64_t vpn);
static uint64_t noise(const os *o, uint64_t pa);
static void count_attempt(os *o, process *pr, access_kind kind, uint64_t va, const mmu_result *r);
static void count_more(os *o, access_kind kind, uint64_t va, const mmu_result *r);
static void count_walk(os *o, uint64_t va, const mmu_result *r);
static void tell_next_use(os *o, uint64_t va, uint64_t n);

/* The physical address a PTE points at (its PPN's page). */
static uint64_t pte_pa(const preset *p, uint64_t pte)
{
    return (pte >> PTE_PPN_SHIFT & (((uint64_t)1 << p->ppn_bits) - 1)) << p->page_bits;
}

/* ---- one access ------------------------------------------------------------------- */

int os_access(os *o, const access_rec *rec, access_out *out, char *err, size_t errlen)
{
    uint64_t n = o->s.accesses++;
    tell(o, OS_EV_ACCESS, 0); /* before the first MMU request: a waveform shows it from its first cycle */
    uint64_t va = rec->addr & o->va_mask;
    if (rec->addr + o->addr_bias > o->addr_max) {
        o->s.range_faults++;
        if (out) {
            answer(out, rec->addr, 0, 0, 0, 0, 0, 0, 0);
            out->outcome = ACC_RANGE;
        }
        return ACC_RANGE;
    }
    if (rec->pid != o->run_pid && switch_to(o, rec->pid, err, errlen) != 0)
        return -1;
    process *pr = o->run;
    pr->s.accesses++;

    mmu_result r;
    o->mmu.ops->translate(o->mmu.impl, va, (access_kind)rec->kind, (priv_mode)rec->priv, &r);
    o->s.cycles += r.cycles;
    if (!r.hit || r.fault != FAULT_NONE)
        return access_rest(o, rec, va, n, &r, out, err, errlen);
    /* The common case, a TLB hit that allows the access, stays here. */
    count_attempt(o, pr, (access_kind)rec->kind, va, &r);
    if (touch(o, rec, va, r.paddr, 0, n, err, errlen) != 0)
        return -1;
    if (out)
        answer(out, va, o->run_asid, r.cycles, r.at, 1, 0, r.paddr, byte_at(o, r.paddr));
    return ACC_OK;
}

/* Every access the TLB did not simply answer: a walk, a page fault, an access
 * fault.  `r` is the first attempt's answer, already counted in cycles.  Returns
 * like os_access().  Kept out of os_access(), so the common case needs few
 * registers. */
VMMU_NOINLINE static int access_rest(os *o, const access_rec *rec, uint64_t va, uint64_t n,
                                     mmu_result *r, access_out *out, char *err, size_t errlen)
{
    process *pr = o->run;
    access_out a;
    if (o->log) /* not a plain hit: logged (os_log) */
        mmu_log_answer(o->log, r);
    answer(&a, va, o->run_asid, r->cycles, r->at, r->hit, r->pte_reads, 0, 0);
    count_attempt(o, pr, (access_kind)rec->kind, va, r);
    if (r->fault == FAULT_PAGE) {
        /* A process with a map may touch only its regions, with their permissions. */
        const region *g = pr->map ? maps_find(pr->map, va) : NULL;
        int how = kernel_forbidden(o, rec) ? ACC_PROTECTION : ACC_OK;
        if (how == ACC_OK && pr->map && !g) {
            o->s.segv_faults++;
            pr->s.segv_faults++;
            a.outcome = ACC_SEGV;
            return reply(out, &a);
        }
        if (how == ACC_OK)
            how = page_fault(o, rec, va, g, r, &a, err, errlen);
        if (how < 0)
            return -1;
        if (how == ACC_PROTECTION) {
            o->s.protection_faults++;
            pr->s.protection_faults++;
            a.outcome = ACC_PROTECTION;
            if (o->future)
                tell_next_use(o, va, n);
            return reply(out, &a);
        }
    }
    if (r->fault != FAULT_NONE) {
        /* Physical memory holds every table and frame the OS made: only an MMU that
         * misreads the tables or the bound reports reaching outside it. */
        snprintf(err, errlen, "the %s MMU raised a %s on 0x%llx: the OS keeps every page table and frame"
                 " inside physical memory", o->mmu.ops->name, fault_name((access_kind)rec->kind, (fault_kind)r->fault),
                 (unsigned long long)va);
        return -1;
    }
    if (touch(o, rec, va, r->paddr, !a.hit, n, err, errlen) != 0)
        return -1;
    a.paddr = r->paddr;
    a.value = byte_at(o, r->paddr);
    return reply(out, &a);
}

/* Hands the answer to the caller who asked for it; returns how the access ended. */
static int reply(access_out *out, const access_out *a)
{
    if (out)
        *out = *a;
    return a->outcome;
}

/* 1 if the access is the kernel's (S-mode) and may not touch a user page at all,
 * whatever the page: a fetch (S-mode never executes a U = 1 page, SUM or not), or a
 * load or store with SUM = 0.  Every page the OS maps is a user page (U = 1: it maps
 * no kernel memory into a process's table), so such an access always page-faults, and
 * the OS reports it as a protection fault before it looks at the map or the tables,
 * as Linux's do_page_fault() stops a kernel access to a user address without
 * SR_SUM before it looks for a VMA.  (With SUM = 1 a kernel load or store is served
 * as the user's is: copy_from_user() faults the page in.) */
static int kernel_forbidden(const os *o, const access_rec *rec)
{
    return rec->priv == PRIV_S && (rec->kind == ACCESS_EXEC || !o->c.ctl.sum);
}

/* The permission bits of which one allows an access of `kind`: R for a load (or X
 * with MXR, which makes executable pages readable), W for a store, X for a fetch. */
static uint8_t allowed_by(const os *o, access_kind kind)
{
    static const uint8_t need[3] = {PTE_R, PTE_W, PTE_X};
    return (uint8_t)(need[kind] | (kind == ACCESS_READ && o->c.ctl.mxr ? PTE_X : 0));
}

/* Why the MMU page-faulted on the access at `va` (in region `g`, or NULL without a
 * map), judged as Linux's fault handler judges it, from the OS's own tables: the page
 * is not present (WHY_ABSENT: bring it in), or present and the region does not allow
 * the access (WHY_PROTECTION: report it), or present and allowed but its PTE lacks A,
 * or D for a store (WHY_AD, Svade: set them); anything else (WHY_NONE) is no reason
 * the OS knows.  *slot is the leaf PTE's address (UINT64_MAX: no table on the way). */
enum { WHY_ABSENT, WHY_AD, WHY_PROTECTION, WHY_NONE };
static int fault_cause_of(os *o, const access_rec *rec, uint64_t va, const region *g, uint64_t *slot)
{
    const preset *p = o->c.preset;
    *slot = leaf_find(o, o->run->root, va >> o->page_bits);
    uint64_t pte = *slot == UINT64_MAX ? 0 : pmem_read(o->mem, *slot, p->pte_bytes);
    if (!(pte & PTE_V))
        return WHY_ABSENT;
    uint8_t perm = g ? g->perm : PTE_R | PTE_W | PTE_X;
    if (!(perm & allowed_by(o, (access_kind)rec->kind)))
        return WHY_PROTECTION;
    if (!(pte & PTE_A) || (rec->kind == ACCESS_WRITE && !(pte & PTE_D)))
        return WHY_AD;
    return WHY_NONE;
}

/* Serves the page fault of the access at `va` (in region `g` of its process's map, or
 * NULL without a map) and retries it, as often as it faults for a reason the OS can
 * remove: *r becomes the last retry's answer, and *a gets the frame loaded, the victim
 * and the retries' cycles.  Returns ACC_OK (*r answers the access: translated, or an
 * access fault), ACC_PROTECTION (the page is present and its region forbids the
 * access: the last page fault stands), or -1 with err set. */
static int page_fault(os *o, const access_rec *rec, uint64_t va, const region *g, mmu_result *r,
                      access_out *a, char *err, size_t errlen)
{
    /* At most three attempts: a page brought in, then (Svade) A or D set, then the
     * access; a fault after that, or one the OS sees no reason for, is the MMU's. */
    for (int tries = 0; r->fault == FAULT_PAGE; tries++) {
        uint64_t slot;
        int why = fault_cause_of(o, rec, va, g, &slot);
        if (why == WHY_PROTECTION)
            return ACC_PROTECTION;
        if (why == WHY_NONE || tries == 2) {
            snprintf(err, errlen, "the %s MMU page-faulted again on 0x%llx after the fault was serviced",
                     o->mmu.ops->name, (unsigned long long)va);
            return -1;
        }
        if (why == WHY_ABSENT) {
            uint8_t perm = g ? g->perm : PTE_R | PTE_W | PTE_X;
            /* Under Svade the page is mapped accessed, and dirty when a store brings it
             * in, as Linux maps it; but only when its region allows the access (a walk
             * sets neither for an access it refuses, and CLOCK must see the same). */
            uint8_t ad = o->c.ctl.ad_fault && (perm & allowed_by(o, (access_kind)rec->kind))
                             ? (uint8_t)(PTE_A | (rec->kind == ACCESS_WRITE ? PTE_D : 0))
                             : 0;
            int file = g ? g->file : 1;
            int64_t f = o->thp ? os_thp_fault(o, va, g, perm, ad, file, &a->victim, err, errlen)
                               : service_fault(o, va >> o->page_bits, perm, ad, file, &a->victim, err, errlen);
            if (f < 0)
                return -1;
            o->s.page_faults++;
            o->run->s.page_faults++;
            a->page_fault = 1;
            a->frame = (uint32_t)f;
        } else {
            /* Svade: the page is present and the access allowed; the hardware left A
             * (or D) to the OS.  No TLB entry holds the page without A, and one without
             * D only sends stores to the walker again: nothing to invalidate. */
            unsigned pb = o->c.preset->pte_bytes;
            uint64_t pte = pmem_read(o->mem, slot, pb);
            pmem_write(o->mem, slot, pte | PTE_A | (rec->kind == ACCESS_WRITE ? PTE_D : 0), pb);
            o->s.ad_faults++;
        }
        o->mmu.ops->translate(o->mmu.impl, va, (access_kind)rec->kind, (priv_mode)rec->priv, r);
        if (o->log)
            mmu_log_answer(o->log, r);
        o->s.cycles += r->cycles;
        a->cycles += r->cycles;
        a->at = r->at;
        if (!r->hit)
            count_walk(o, va, r);
    }
    return ACC_OK;
}

/* ---- page-fault service and replacement ------------------------------------------- */

/* Brings page `vpn` of the running process into a frame and maps it with
 * permissions `perm` and the A/D bits `ad`, from the backing file if `file`, else
 * zeros.  Returns the
 * frame, or -1 (kernel region full, or swap out of memory); *victim is the frame
 * evicted, or UINT32_MAX. */
static int64_t service_fault(os *o, uint64_t vpn, uint8_t perm, uint8_t ad, int file, uint32_t *victim,
                             char *err, size_t errlen)
{
    uint64_t slot = os_table_slot(o, o->run->root, vpn, 0);
    if (slot == UINT64_MAX) {
        snprintf(err, errlen, "the kernel region is full: no room for page tables");
        return -1;
    }
    uint32_t f;
    *victim = UINT32_MAX;
    if (o->used < o->c.frames) {
        f = o->used++;
    } else {
        int64_t v = os_replace(o, err, errlen);
        if (v < 0)
            return -1;
        f = *victim = (uint32_t)v;
    }
    os_map(o, slot, f, vpn, 0, perm, ad, file);
    return f;
}

void os_map(os *o, uint64_t slot, uint32_t f, uint64_t vpn, unsigned level, uint8_t perm, uint8_t ad, int file)
{
    const preset *p = o->c.preset;
    uint32_t proc = o->cur;
    uint64_t frame_pa = pmem_frame(o->mem, f, p->page_bits);
    uint32_t pages = (uint32_t)1 << (level * p->level_bits);
    for (uint32_t i = 0; i < pages; i++)
        store_page_in(o->st, proc, vpn + i, file, pmem_user(o->mem, frame_pa + ((uint64_t)i << p->page_bits)));
    uint64_t pte = (frame_pa >> p->page_bits) << PTE_PPN_SHIFT | PTE_V | perm | PTE_U | ad | noise(o, slot);
    pmem_write(o->mem, slot, pte, p->pte_bytes);
    o->frame[f] = (frame_info){vpn, slot, proc, level ? FRAME_HUGE : FRAME_PAGE};
    for (uint32_t i = 1; i < pages; i++)
        o->frame[f + i] = (frame_info){.size = FRAME_TAIL};
    o->c.policy->loaded(o->policy, f);
    tell(o, OS_EV_FAULT, f);
}

/* The policy's victim, evicted.  Under --thp a policy sees a megapage as one unit, at
 * its first frame (os_thp.c): it is never told of the others, and CLOCK's hand passes
 * them as referenced (test_and_clear_referenced), so the victim is a 4 KiB page's frame
 * or a megapage's first. */
int64_t os_replace(os *o, char *err, size_t errlen)
{
    policy_host h = {o, test_and_clear_referenced};
    uint32_t f = o->c.policy->victim(o->policy, &h);
    if (evict(o, f, err, errlen) != 0)
        return -1;
    return f;
}

/* Evicts the page in frame f: to swap if it is dirty, then unmapped and out of the
 * TLB.  Returns 0, or -1 (swap out of memory). */
static int evict(os *o, uint32_t f, char *err, size_t errlen)
{
    const preset *p = o->c.preset;
    const frame_info *v = &o->frame[f];
    if (v->size == FRAME_HUGE)
        return os_thp_evict(o, f, err, errlen);
    uint64_t pte = pmem_read(o->mem, v->pte_pa, p->pte_bytes);
    if (pte & PTE_D) {
        if (store_write_back(o->st, v->proc, v->vpn, pmem_user(o->mem, pmem_frame(o->mem, f, p->page_bits))) != 0) {
            snprintf(err, errlen, "out of memory for swap");
            return -1;
        }
        o->s.writebacks++;
        o->procs[v->proc].s.writebacks++;
    }
    pmem_write(o->mem, v->pte_pa, 0, p->pte_bytes);
    tell(o, OS_EV_EVICT, f);
    os_invalidate(o, v->proc, v->vpn, f);
    o->s.evictions++;
    return 0;
}

/* What a policy (CLOCK) may ask while it chooses (policy.h): frame f's A bit, cleared
 * as it is read, and the page's TLB entry invalidated so that the next access walks
 * and sets it again.  A megapage's A bit is its first frame's: its other frames answer
 * "referenced" and change nothing, so the hand passes them (--thp). */
static int test_and_clear_referenced(void *os_, uint32_t f)
{
    os *o = os_;
    const frame_info *fi = &o->frame[f];
    if (fi->size == FRAME_TAIL)
        return 1;
    unsigned pb = o->c.preset->pte_bytes;
    uint64_t pte = pmem_read(o->mem, fi->pte_pa, pb);
    if (!(pte & PTE_A))
        return 0;
    pmem_write(o->mem, fi->pte_pa, pte & ~(uint64_t)PTE_A, pb);
    os_invalidate(o, fi->proc, fi->vpn, f);
    return 1;
}

static uint16_t asid_of(const os *o, uint32_t proc)
{
    return o->c.no_asid ? o->c.asid_base : o->procs[proc].s.asid;
}

/* INVAL_PAGE with an address inside the page: for a megapage its first page's, which
 * clears the megapage's entry (docs/contract.md, "Invalidation": "a superpage's entry
 * goes when any page inside it is named"). */
void os_invalidate(os *o, uint32_t proc, uint64_t vpn, uint32_t frame)
{
    o->mmu.ops->invalidate(o->mmu.impl, INVAL_PAGE, asid_of(o, proc), vpn << o->page_bits);
    tell(o, OS_EV_INVAL, frame);
}

/* ---- processes and their page tables ---------------------------------------------- */

/* With --pte-noise, the bits a walker must ignore in a PTE at `pa` (os_config), from
 * a hash of `pa`: every pattern over the run, the same on both systems of vmsim.
 * Only RSW: the spec gives every other bit a meaning (G, A, D, U) or reserves it (a
 * page fault: bits 54-63, and A, D, U of a pointer). */
static uint64_t noise(const os *o, uint64_t pa)
{
    if (!o->c.pte_noise)
        return 0;
    uint64_t h = (pa + 1) * 0x9E3779B97F4A7C15u;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9u;
    h ^= h >> 32;
    return h & (uint64_t)3 << 8;
}

static uint64_t node_align(const preset *p)
{
    uint64_t n = preset_node_bytes(p), pg = preset_page_size(p);
    return n > pg ? n : pg;
}

/* How many processes have distinct ASIDs base + k * step (mod 2^bits): 2^bits over
 * the largest power of two dividing the step (1 when that is 2^bits or more). */
static uint32_t asid_period(uint16_t step, unsigned bits)
{
    uint32_t s = step ? step : 1, low = s & -s, space = (uint32_t)1 << bits;
    return low >= space ? 1 : space / low;
}

/* Makes process `pid` the running one: its root and ASID.  Returns -1 when its
 * top table cannot be allocated or ASIDs run out. */
static int switch_to(os *o, uint32_t pid, char *err, size_t errlen)
{
    if (o->run && o->run->s.pid == pid)
        return 0;
    uint32_t i = 0;
    while (i < o->nprocs && o->procs[i].s.pid != pid)
        i++;
    if (i == o->nprocs) {
        unsigned bits = o->c.preset->asid_bits;
        uint32_t period = asid_period(o->c.asid_step, bits);
        if (o->nprocs == period) {
            if (period == (uint32_t)1 << bits)
                snprintf(err, errlen, "more than %u processes: %s's ASIDs are %u bits", period,
                         o->c.preset->name, bits);
            else
                snprintf(err, errlen, "more than %u processes: with --asid-step %u, process %u would have"
                         " the ASID of process 0", period, o->c.asid_step, period);
            return -1;
        }
        if (o->nprocs == o->cap_procs) {
            uint32_t cap = o->cap_procs ? o->cap_procs * 2 : 8;
            process *p = realloc(o->procs, cap * sizeof *p);
            if (!p) {
                snprintf(err, errlen, "out of memory for processes");
                return -1;
            }
            o->procs = p;
            o->cap_procs = cap;
        }
        uint64_t root = pmem_alloc(o->mem, preset_node_bytes(o->c.preset), node_align(o->c.preset));
        if (root == UINT64_MAX) {
            snprintf(err, errlen, "the kernel region is full: no room for process %u's page table", pid);
            return -1;
        }
        /* ASIDs in order of first appearance (os_config): by default process 0 of a
         * textbook trace has ASID 0. */
        process *np = &o->procs[o->nprocs++];
        uint16_t asid = (uint16_t)((o->c.asid_base + i * (uint32_t)(o->c.asid_step ? o->c.asid_step : 1)) &
                                   (((uint32_t)1 << bits) - 1));
        *np = (process){.root = root, .s = {.pid = pid, .asid = asid}};
        for (size_t k = 0; k < o->c.nmaps; k++)
            if (o->c.maps[k].pid == pid)
                np->map = &o->c.maps[k].map;
    }
    if (o->cur != UINT32_MAX)
        o->s.switches++;
    o->cur = i;
    o->run = &o->procs[i]; /* after any realloc above */
    o->run_pid = pid;
    o->run_asid = asid_of(o, i);
    const preset *p = o->c.preset;
    o->mmu.ops->set_satp(o->mmu.impl, preset_satp(p, p->satp_mode, o->run_asid, o->procs[i].root >> p->page_bits));
    if (o->c.no_asid)
        o->mmu.ops->invalidate(o->mmu.impl, INVAL_ALL, 0, 0);
    tell(o, OS_EV_SWITCH, 0);
    return 0;
}

uint64_t os_table_slot(os *o, uint64_t root, uint64_t vpn, unsigned level)
{
    const preset *p = o->c.preset;
    uint64_t a = root;
    for (unsigned i = p->levels - 1; i > level; i--) {
        uint64_t pa = a + (uint64_t)preset_vpn_slice(p, vpn, i) * p->pte_bytes;
        uint64_t pte = pmem_read(o->mem, pa, p->pte_bytes);
        if (!(pte & PTE_V)) {
            uint64_t node = pmem_alloc(o->mem, preset_node_bytes(p), node_align(p));
            if (node == UINT64_MAX)
                return UINT64_MAX;
            pte = (node >> p->page_bits) << PTE_PPN_SHIFT | PTE_V | noise(o, pa);
            pmem_write(o->mem, pa, pte, p->pte_bytes);
        }
        a = pte_pa(p, pte);
    }
    return a + (uint64_t)preset_vpn_slice(p, vpn, level) * p->pte_bytes;
}

/* The physical address of the leaf PTE for `vpn` if the tables on the way exist, else
 * UINT64_MAX; makes nothing.  A leaf above level 0 (a megapage, --thp) is the leaf. */
static uint64_t leaf_find(const os *o, uint64_t root, uint64_t vpn)
{
    const preset *p = o->c.preset;
    uint64_t a = root;
    for (unsigned i = p->levels - 1; i > 0; i--) {
        uint64_t slot = a + (uint64_t)preset_vpn_slice(p, vpn, i) * p->pte_bytes;
        uint64_t pte = pmem_read(o->mem, slot, p->pte_bytes);
        if (!(pte & PTE_V))
            return UINT64_MAX;
        if (pte & (PTE_R | PTE_X))
            return slot;
        a = pte_pa(p, pte);
    }
    return a + (uint64_t)preset_vpn_slice(p, vpn, 0) * p->pte_bytes;
}

/* Access n to `va` ended as a protection fault: no touch() tells the policy of it.
 * A policy that keeps each frame's next use from the trace (OPT) must still learn that
 * the page's next use is now the one after n, or it keeps n, a use in the past, and
 * never evicts that page again.  (Whether it was present already or this access's
 * fault brought it in.) */
static void tell_next_use(os *o, uint64_t va, uint64_t n)
{
    const preset *p = o->c.preset;
    if (!o->accessed)
        return;
    uint64_t slot = leaf_find(o, o->run->root, va >> o->page_bits);
    uint64_t pte = slot == UINT64_MAX ? 0 : pmem_read(o->mem, slot, p->pte_bytes);
    if (!(pte & PTE_V))
        return;
    uint64_t pa = pte_pa(p, pte);
    o->touch_n = n;
    if (pmem_is_user(o->mem, pa))
        o->accessed(o->accessed_ctx, (uint32_t)((pa - o->mem->user_base) >> o->page_bits), 1, o->future[n]);
}

/* ---- accounting ------------------------------------------------------------------- */

/* Accounts an access's first translation attempt: a TLB hit, or a miss and its walk.
 * (os_bulk.c's count_hits() accounts a run of plain hits at once.) */
static void count_attempt(os *o, process *pr, access_kind kind, uint64_t va, const mmu_result *r)
{
    if (o->more_counts)
        count_more(o, kind, va, r);
    if (r->hit) {
        o->s.tlb_hits++;
        pr->s.tlb_hits++;
    } else {
        o->s.tlb_misses++;
        count_walk(o, va, r);
    }
}

/* What only some runs count (o->more_counts), out of the common path: an instruction
 * TLB's hits and misses apart (os_config.itlb), hits by page size (--thp). */
VMMU_NOINLINE static void count_more(os *o, access_kind kind, uint64_t va, const mmu_result *r)
{
    /* A hit not answered in LOOKUP's one cycle is the second-level TLB's. */
    if (o->c.l2 && r->hit && r->cycles != timing_hit())
        o->s.l2_hits++;
    if (o->c.itlb && kind == ACCESS_EXEC)
        *(r->hit ? &o->s.itlb_hits : &o->s.itlb_misses) += 1;
    if (o->thp && r->hit)
        os_thp_count(o, va, r->paddr, r->fault == FAULT_NONE, o->s.hits_by_size);
}

/* Accounts one translation attempt that walked. */
static void count_walk(os *o, uint64_t va, const mmu_result *r)
{
    if (o->thp && r->fault == FAULT_NONE)
        os_thp_count(o, va, r->paddr, 1, o->s.walks_by_size);
    o->s.walks++;
    o->s.walks_by_depth[r->pte_reads < 5 ? r->pte_reads : 4]++;
    o->s.pte_reads += r->pte_reads;
    o->s.pte_writes += r->pte_writes;
    o->s.pwc_hits += r->pwc_hits;
}

/* ---- the OS's life ---------------------------------------------------------------- */

os *os_new(const os_config *c, pmem *mem, store *st, mmu m, const uint64_t *future,
           char *err, size_t errlen)
{
    os *o = calloc(1, sizeof *o);
    if (!o) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    o->c = *c;
    o->mem = mem;
    o->st = st;
    o->mmu = m;
    o->future = future;
    o->cur = UINT32_MAX;
    o->run_pid = UINT64_MAX;
    o->page_bits = c->preset->page_bits;
    /* preset_trace_va() as three numbers for the hot path: the textbook's addresses are
     * cut to the VA (the reader refused wider ones), RISC-V's must be canonical
     * (preset_canonical(): addr + bias <= max). */
    const preset *p = c->preset;
    int cut = p->trace_bits < 64;
    o->addr_max = cut ? UINT64_MAX : preset_va_max(p);
    o->addr_bias = !cut && preset_vaddr_bits(p) > p->va_bits ? (uint64_t)1 << (p->va_bits - 1) : 0;
    o->va_mask = cut ? preset_va_max(p) : UINT64_MAX;
    o->accessed = c->policy->accessed;
    o->mmu.ops->set_ctl(o->mmu.impl, &c->ctl);
    o->frame = calloc(c->frames, sizeof *o->frame);
    o->policy = c->policy->create(c->frames);
    o->accessed_ctx = o->policy;
    o->more_counts = c->itlb || c->thp || c->l2;
    if (!o->frame || !o->policy || (c->thp && os_thp_new(o) != 0)) {
        snprintf(err, errlen, "out of memory for %u frames", c->frames);
        os_free(o);
        return NULL;
    }
    return o;
}

void os_free(os *o)
{
    if (!o)
        return;
    if (o->policy)
        o->c.policy->destroy(o->policy);
    os_thp_free(o);
    free(o->frame);
    free(o->procs);
    free(o);
}

void os_observe(os *o, os_observer ob) { o->observe = ob; }

void os_log(os *o, mmu_log *log) { o->log = log; }

void os_future_huge(os *o, const uint64_t *future_huge) { o->future_huge = future_huge; }

int os_itlb(const os *o) { return o->c.itlb; }

uint64_t os_huge_bytes(const os *o)
{
    const preset *p = o->c.preset;
    return o->thp ? (uint64_t)1 << (p->page_bits + p->level_bits) : 0;
}

const os_stats *os_stats_of(const os *o) { return &o->s; }

void os_stats_reset(os *o)
{
    /* The look-ahead is indexed by the access number, which starts again at 0: move
     * it along.  Its entries stay absolute access numbers, compared only with each
     * other. */
    if (o->future)
        o->future += o->s.accesses;
    if (o->future_huge)
        o->future_huge += o->s.accesses;
    o->skipped += o->s.accesses;
    memset(&o->s, 0, sizeof o->s);
    for (uint32_t i = 0; i < o->nprocs; i++)
        o->procs[i].s = (proc_stats){.pid = o->procs[i].s.pid, .asid = o->procs[i].s.asid};
}

size_t os_nprocs(const os *o) { return o->nprocs; }
const proc_stats *os_proc(const os *o, size_t i) { return &o->procs[i].s; }

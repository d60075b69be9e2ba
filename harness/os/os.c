// SPDX-License-Identifier: MIT
/* os.c — page-fault service, process switches and frame replacement. */
#include "harness/os/os.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct process {
    uint64_t root;        /* physical address of its top table */
    const maps *map;      /* NULL: every address is readable, writable, executable */
    proc_stats s;         /* .pid and .asid name it */
} process;

/* Invariant: frame f < used holds page `vpn` of process `proc`, whose leaf PTE is at
 * `pte_pa` and points at f. */
typedef struct frame_info {
    uint64_t vpn;
    uint64_t pte_pa;
    uint32_t proc;        /* index into os.procs */
} frame_info;

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
    uint64_t page_bytes;
    uint64_t addr_max;    /* a larger address is beyond the virtual address space */
    uint64_t va_mask;     /* what of an address is the virtual address */
    os_observer observe;  /* who hears of the OS's events (os_observe) */
    void (*accessed)(void *, uint32_t, int, uint64_t); /* the policy's, or NULL */
    os_stats s;
};

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
    o->page_bytes = preset_page_size(c->preset);
    /* preset_trace_va() as two numbers for the hot path: the textbook's addresses are
     * cut to the VA (the reader refused wider ones), RISC-V's are checked against it. */
    int cut = c->preset->trace_bits < 64;
    o->addr_max = cut ? UINT64_MAX : preset_va_max(c->preset);
    o->va_mask = cut ? preset_va_max(c->preset) : UINT64_MAX;
    o->accessed = c->policy->accessed;
    o->frame = calloc(c->frames, sizeof *o->frame);
    o->policy = c->policy->create(c->frames);
    if (!o->frame || !o->policy) {
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
    free(o->frame);
    free(o->procs);
    free(o);
}

void os_observe(os *o, os_observer ob) { o->observe = ob; }

/* Tells the observer of an event of the access under way. */
static void tell(const os *o, os_event ev, uint32_t frame)
{
    if (o->observe.event)
        o->observe.event(o->observe.ctx, ev, frame, o->skipped + o->s.accesses);
}

const os_stats *os_stats_of(const os *o) { return &o->s; }

void os_stats_reset(os *o)
{
    /* The look-ahead is indexed by the access number, which starts again at 0: move
     * it along.  Its entries stay absolute access numbers, compared only with each
     * other. */
    if (o->future)
        o->future += o->s.accesses;
    o->skipped += o->s.accesses;
    memset(&o->s, 0, sizeof o->s);
    for (uint32_t i = 0; i < o->nprocs; i++)
        o->procs[i].s = (proc_stats){.pid = o->procs[i].s.pid, .asid = o->procs[i].s.asid};
}
size_t os_nprocs(const os *o) { return o->nprocs; }
const proc_stats *os_proc(const os *o, size_t i) { return &o->procs[i].s; }

static uint64_t node_align(const preset *p)
{
    uint64_t n = preset_node_bytes(p), pg = preset_page_size(p);
    return n > pg ? n : pg;
}

static uint16_t asid_of(const os *o, uint32_t proc) { return o->c.no_asid ? 0 : o->procs[proc].s.asid; }

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
        if (o->nprocs == 65536) {
            snprintf(err, errlen, "more than 65536 processes: ASIDs are 16 bits");
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
        /* ASIDs in order of first appearance: process 0 of a textbook trace has ASID 0. */
        process *np = &o->procs[o->nprocs++];
        *np = (process){.root = root, .s = {.pid = pid, .asid = (uint16_t)i}};
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
    o->mmu.ops->set_root(o->mmu.impl, o->procs[i].root);
    if (o->c.no_asid)
        o->mmu.ops->invalidate(o->mmu.impl, INVAL_ALL, 0, 0);
    tell(o, OS_EV_SWITCH, 0);
    return 0;
}

/* The physical address of the leaf PTE for `vpn`, making the tables on the way;
 * UINT64_MAX when the kernel region is full. */
static uint64_t leaf_slot(os *o, uint64_t root, uint64_t vpn)
{
    const preset *p = o->c.preset;
    uint64_t a = root;
    for (unsigned i = p->levels - 1; i > 0; i--) {
        uint64_t pa = a + (uint64_t)preset_vpn_slice(p, vpn, i) * p->pte_bytes;
        uint64_t pte = pmem_read(o->mem, pa, p->pte_bytes);
        if (!(pte & PTE_V)) {
            uint64_t node = pmem_alloc(o->mem, preset_node_bytes(p), node_align(p));
            if (node == UINT64_MAX)
                return UINT64_MAX;
            pte = (node >> p->page_bits) << PTE_PPN_SHIFT | PTE_V;
            pmem_write(o->mem, pa, pte, p->pte_bytes);
        }
        a = (pte >> PTE_PPN_SHIFT & (((uint64_t)1 << p->ppn_bits) - 1)) << p->page_bits;
    }
    return a + (uint64_t)preset_vpn_slice(p, vpn, 0) * p->pte_bytes;
}

static void invalidate_page(os *o, uint32_t proc, uint64_t vpn, uint32_t frame)
{
    o->mmu.ops->invalidate(o->mmu.impl, INVAL_PAGE, asid_of(o, proc), vpn);
    tell(o, OS_EV_INVAL, frame);
}

static int test_and_clear_referenced(void *os_, uint32_t f)
{
    os *o = os_;
    const frame_info *fi = &o->frame[f];
    unsigned pb = o->c.preset->pte_bytes;
    uint64_t pte = pmem_read(o->mem, fi->pte_pa, pb);
    if (!(pte & PTE_A))
        return 0;
    pmem_write(o->mem, fi->pte_pa, pte & ~(uint64_t)PTE_A, pb);
    invalidate_page(o, fi->proc, fi->vpn, f);
    return 1;
}

/* Brings page `vpn` of the running process into a frame and maps it with
 * permissions `perm`, from the backing file if `file`, else zeros.  Returns the
 * frame, or -1 (kernel region full, or swap out of memory); *victim is the frame
 * evicted, or UINT32_MAX. */
static int64_t service_fault(os *o, uint64_t vpn, uint8_t perm, int file, uint32_t *victim,
                             char *err, size_t errlen)
{
    const preset *p = o->c.preset;
    uint32_t proc = o->cur;
    uint64_t slot = leaf_slot(o, o->procs[proc].root, vpn);
    if (slot == UINT64_MAX) {
        snprintf(err, errlen, "the kernel region is full: no room for page tables");
        return -1;
    }
    uint32_t f;
    *victim = UINT32_MAX;
    if (o->used < o->c.frames) {
        f = o->used++;
    } else {
        policy_host h = {o, test_and_clear_referenced};
        f = o->c.policy->victim(o->policy, &h);
        frame_info *v = &o->frame[f];
        uint64_t pte = pmem_read(o->mem, v->pte_pa, p->pte_bytes);
        if (pte & PTE_D) {
            if (store_write_back(o->st, v->proc, v->vpn, pmem_user(o->mem, (uint64_t)f << p->page_bits)) != 0) {
                snprintf(err, errlen, "out of memory for swap");
                return -1;
            }
            o->s.writebacks++;
            o->procs[v->proc].s.writebacks++;
        }
        pmem_write(o->mem, v->pte_pa, 0, p->pte_bytes);
        tell(o, OS_EV_EVICT, f);
        invalidate_page(o, v->proc, v->vpn, f);
        o->s.evictions++;
        *victim = f;
    }
    store_page_in(o->st, proc, vpn, file, pmem_user(o->mem, (uint64_t)f << p->page_bits));
    uint64_t pte = (uint64_t)f << PTE_PPN_SHIFT | PTE_V | perm | PTE_U;
    pmem_write(o->mem, slot, pte, p->pte_bytes);
    o->frame[f] = (frame_info){vpn, slot, proc};
    o->c.policy->loaded(o->policy, f);
    tell(o, OS_EV_FAULT, f);
    return f;
}

/* Accounts one translation attempt that walked. */
static void count_walk(os *o, const mmu_result *r)
{
    o->s.walks++;
    o->s.walks_by_depth[r->pte_reads < 5 ? r->pte_reads : 4]++;
    o->s.pte_reads += r->pte_reads;
    o->s.pte_writes += r->pte_writes;
}

/* An access that ended without reaching memory: a fault only reported. */
static int fault_out(const access_rec *rec, uint64_t va, uint16_t asid, access_outcome how,
                     access_out *out)
{
    if (out)
        *out = (access_out){.vaddr = how == OUT_RANGE ? rec->addr : va, .asid = asid,
                            .outcome = (uint8_t)how, .victim = UINT32_MAX};
    return how;
}

/* The access reaches physical memory at `paddr`: the byte is written if the access
 * stores one, and the frame policy hears of the access.  Returns 0, or -1 if the MMU
 * answered an address outside the user frames.  The byte is read only by a caller
 * that reports it: a quiet run's accesses end without waiting for it. */
static inline int touch(os *o, const access_rec *rec, uint64_t va, uint64_t paddr, int walked,
                        uint64_t n, char *err, size_t errlen)
{
    if (paddr >= o->mem->user_bytes) {
        snprintf(err, errlen, "the %s MMU translated 0x%llx to 0x%llx, outside the %u user frames",
                 o->mmu.ops->name, (unsigned long long)va, (unsigned long long)paddr, o->c.frames);
        return -1;
    }
    uint8_t *b = pmem_user(o->mem, paddr);
    if (rec->kind == ACCESS_WRITE && rec->has_value)
        *b = rec->value;
    if (o->accessed)
        o->accessed(o->policy, (uint32_t)(paddr >> o->page_bits), walked, o->future ? o->future[n] : 0);
    return 0;
}

/* Every access the TLB did not simply answer: a walk, a page fault, an access
 * fault.  `r` is the first attempt's answer, already counted in cycles.  Returns
 * like os_access(). */
VMMU_NOINLINE static int access_rest(os *o, const access_rec *rec, uint64_t va, uint64_t n,
                                     mmu_result *r, access_out *out, char *err, size_t errlen)
{
    const preset *p = o->c.preset;
    process *pr = o->run;
    uint16_t asid = o->run_asid;
    access_kind kind = (access_kind)rec->kind;
    access_out a = {.vaddr = va, .cycles = r->cycles, .hit = r->hit, .walk_reads = r->pte_reads,
                    .asid = asid, .victim = UINT32_MAX};
    if (r->hit) {
        o->s.tlb_hits++, pr->s.tlb_hits++;
    } else {
        o->s.tlb_misses++;
        count_walk(o, r);
    }
    if (r->fault == FAULT_PAGE) {
        uint8_t perm = PTE_R | PTE_W | PTE_X;
        int file = 1;
        if (pr->map) {
            const region *g = maps_find(pr->map, va);
            if (!g) {
                o->s.segv_faults++;
                pr->s.segv_faults++;
                a.outcome = OUT_SEGV;
                goto done;
            }
            perm = g->perm;
            file = g->file;
        }
        int64_t f = service_fault(o, va >> p->page_bits, perm, file, &a.victim, err, errlen);
        if (f < 0)
            return -1;
        o->s.page_faults++;
        pr->s.page_faults++;
        a.page_fault = 1;
        a.frame = (uint32_t)f;
        o->mmu.ops->translate(o->mmu.impl, asid, va, kind, r);
        o->s.cycles += r->cycles;
        a.cycles += r->cycles;
        if (!r->hit)
            count_walk(o, r);
        if (r->fault == FAULT_PAGE) {
            snprintf(err, errlen, "the %s MMU page-faulted again on 0x%llx after the fault was serviced",
                     o->mmu.ops->name, (unsigned long long)va);
            return -1;
        }
    }
    if (r->fault == FAULT_ACCESS) {
        o->s.protection_faults++;
        pr->s.protection_faults++;
        a.outcome = OUT_PROTECTION;
        goto done;
    }
    if (touch(o, rec, va, r->paddr, !a.hit, n, err, errlen) != 0)
        return -1;
    a.paddr = r->paddr;
    a.value = (int8_t)*pmem_user(o->mem, r->paddr);
done:
    if (out)
        *out = a;
    return a.outcome;
}

int os_access(os *o, const access_rec *rec, access_out *out, char *err, size_t errlen)
{
    uint64_t n = o->s.accesses++;
    tell(o, OS_EV_ACCESS, 0); /* before the first MMU request: a waveform shows it from its first cycle */
    uint64_t va = rec->addr & o->va_mask;
    if (rec->addr > o->addr_max) {
        o->s.range_faults++;
        return fault_out(rec, va, 0, OUT_RANGE, out);
    }
    if (rec->pid != o->run_pid && switch_to(o, rec->pid, err, errlen) != 0)
        return -1;
    uint16_t asid = o->run_asid;
    process *pr = o->run;
    pr->s.accesses++;

    mmu_result r;
    o->mmu.ops->translate(o->mmu.impl, asid, va, (access_kind)rec->kind, &r);
    o->s.cycles += r.cycles;
    if (!r.hit || r.fault != FAULT_NONE)
        return access_rest(o, rec, va, n, &r, out, err, errlen);
    /* The common case, a TLB hit that allows the access, stays here. */
    o->s.tlb_hits++, pr->s.tlb_hits++;
    if (touch(o, rec, va, r.paddr, 0, n, err, errlen) != 0)
        return -1;
    if (out)
        *out = (access_out){.vaddr = va, .paddr = r.paddr, .cycles = r.cycles, .hit = 1, .asid = asid,
                            .value = (int8_t)*pmem_user(o->mem, r.paddr), .victim = UINT32_MAX};
    return OUT_OK;
}

/* The longest run of accesses os_run() hands to translate_hits() at once. */
#define HIT_RUN 64

/* Accounts k plain TLB hits of the running process, of `cycles` each. */
static void count_hits(os *o, size_t k, uint32_t cycles)
{
    o->s.accesses += k;
    o->run->s.accesses += k;
    o->s.tlb_hits += k;
    o->run->s.tlb_hits += k;
    o->s.cycles += (uint64_t)k * cycles;
}

/* Of accesses r[0..n-1], whose addresses and kinds are va[] and kind[], performs the
 * leading ones that are plain TLB hits in bulk (the MMU's translate_hits()).  Returns
 * how many (0: the first is not such an access), or -1 (err set) with *ok the number
 * performed before the one that failed. */
static long run_hits(os *o, const access_rec *r, const uint64_t *va, const uint8_t *kind, size_t n,
                     access_out *out, size_t *ok, char *err, size_t errlen)
{
    uint64_t pa[HIT_RUN];
    uint32_t cycles = 0;
    size_t k = o->mmu.ops->translate_hits(o->mmu.impl, o->run_asid, va, kind, n, pa, &cycles);
    uint64_t n0 = o->s.accesses;
    /* Read once: a store through user memory might alias them, as far as the compiler
     * knows, and it would read them again for every access. */
    uint64_t user_bytes = o->mem->user_bytes;
    int policy_hears = o->accessed != NULL;
    for (size_t i = 0; i < k; i++) {
        /* touch() has nothing to do for a read in the user frames that no policy hears. */
        int busy = pa[i] >= user_bytes || kind[i] == ACCESS_WRITE || policy_hears;
        if (busy && touch(o, &r[i], va[i], pa[i], 0, n0 + i, err, errlen) != 0) {
            count_hits(o, i + 1, cycles); /* as os_access() would have, up to the failure */
            *ok = i;
            return -1;
        }
        if (out)
            out[i] = (access_out){.vaddr = va[i], .paddr = pa[i], .cycles = cycles, .hit = 1,
                                  .asid = o->run_asid, .value = (int8_t)*pmem_user(o->mem, pa[i]),
                                  .victim = UINT32_MAX};
    }
    count_hits(o, k, cycles);
    if (k)
        tell(o, OS_EV_ACCESS, 0); /* the run's last: the observer's number is never behind */
    return (long)k;
}

int os_run(os *o, const access_rec *r, size_t n, access_out *out, size_t *done, char *err,
           size_t errlen)
{
    /* An observer does not turn bulk off (os_observe): an MMU that answers hits in
     * bulk shows no cycles between them. */
    int bulk = o->mmu.ops->translate_hits != NULL;
    /* va[] and kind[] hold accesses r[b..end): the running process's, in range.  They
     * stay valid while os_access() serves one of them: it switches no process. */
    uint64_t va[HIT_RUN];
    uint8_t kind[HIT_RUN];
    size_t i = 0, b = 0, end = 0;
    while (i < n) {
        if (bulk && i >= end) {
            size_t m = n - i < HIT_RUN ? n - i : HIT_RUN;
            uint64_t addr_max = o->addr_max, va_mask = o->va_mask, pid = o->run_pid;
            for (b = end = i; end - b < m && r[end].addr <= addr_max && r[end].pid == pid; end++) {
                va[end - b] = r[end].addr & va_mask;
                kind[end - b] = r[end].kind;
            }
        }
        if (bulk && i < end) {
            size_t ok;
            long k = run_hits(o, r + i, va + (i - b), kind + (i - b), end - i, out ? out + i : NULL, &ok,
                              err, errlen);
            if (k < 0) {
                *done = i + ok;
                return -1;
            }
            i += (size_t)k;
            if (i == end)
                continue;
        }
        int how = os_access(o, &r[i], out ? &out[i] : NULL, err, errlen);
        if (how < 0) {
            *done = i;
            return -1;
        }
        i++;
        if (how != OUT_OK) {
            *done = i;
            return how;
        }
    }
    *done = n;
    return OUT_OK;
}

// SPDX-License-Identifier: MIT
/* os_thp.c — transparent huge pages (--thp): which faults get a megapage, where it
 * goes, how it leaves.  Without --thp nothing here runs (os.c's service_fault() takes
 * frames in order, as the textbook does).
 *
 * A megapage is one leaf PTE at level 1: 2^level_bits pages (Sv39, Sv48: 512 pages,
 * 2 MiB; Sv32: 1024 pages, 4 MiB) in as many frames, an aligned run of them (the
 * spec's rule: the leaf's PPN has its level-0 field zero, so the run's first frame's
 * physical address is a multiple of the megapage's size; with --pa-base the runs sit
 * where that holds).  A page fault at `va` maps one when, as in Linux's
 * do_huge_pmd_anonymous_page() with the default defrag setting (no reclaim, no
 * compaction for a huge page):
 *   - the megapage range holding `va` lies inside one anonymous region of the
 *     process's map (file == 0: heap, stack, anonymous); without a map every range
 *     counts;
 *   - its level-1 PTE is empty: a range once split into 4 KiB pages (a level-0 table
 *     under it) stays so, as a PMD that points to a PTE table does;
 *   - an aligned run of free frames holds it, or frees up when the frame policy's
 *     victim is evicted (a megapage's run: memory is full only when no frame is free,
 *     and only then is anything evicted).
 * Otherwise the fault maps a 4 KiB page into the lowest free frame, or into the
 * victim's frame when none is free.
 *
 * The megapage's pages are loaded from the backing store one by one, as 4 KiB pages
 * would be (swap first, then the file for a file-backed page, else zeros).  It is
 * evicted as a unit: its PTE has one D bit for all of it, so the OS cannot tell which
 * 4 KiB pages were written, and a dirty megapage writes all of them back (each its own
 * swap copy, so that a later fault, megapage or not, finds each page); a clean one
 * writes none.  write-backs count 4 KiB pages, evictions count the megapage once.
 *
 * The frame policies see a megapage as one unit at its first frame: they are told of
 * its load and of every access to it there (os_thp_unit()), never of its other
 * frames, and CLOCK's hand passes those as referenced (os.c,
 * test_and_clear_referenced()).  So fifo, lru and lru-walk never list them, OPT never
 * picks them (it keeps 0, "used now", for a frame it was never told of, and picks the
 * largest next use), and every policy's victim is a 4 KiB page or a whole megapage.
 * docs/thp.md says the same for a reader. */
#include <stdlib.h>
#include <string.h>

#include "harness/os/os_internal.h"

struct thp {
    uint32_t run;         /* frames in a megapage */
    uint32_t first;       /* the first frame of the first aligned run */
    uint32_t nruns;       /* whole aligned runs inside the frames */
    uint32_t nfree;       /* free frames */
    uint32_t low;         /* no free frame below it */
    uint32_t *run_free;   /* per run: its free frames */
    uint8_t *taken;       /* per frame: 1 in use */
};

int os_thp_new(os *o)
{
    const preset *p = o->c.preset;
    thp *t = calloc(1, sizeof *t);
    if (!t)
        return -1;
    o->thp = t;
    t->run = (uint32_t)1 << p->level_bits;
    uint64_t base_pfn = o->mem->user_base >> p->page_bits;
    t->first = (uint32_t)((t->run - (base_pfn & (t->run - 1))) & (t->run - 1));
    t->nruns = o->c.frames > t->first ? (o->c.frames - t->first) / t->run : 0;
    t->nfree = o->c.frames;
    t->run_free = malloc((t->nruns ? t->nruns : 1) * sizeof *t->run_free);
    t->taken = calloc(o->c.frames, 1);
    if (!t->run_free || !t->taken)
        return -1;
    for (uint32_t r = 0; r < t->nruns; r++)
        t->run_free[r] = t->run;
    /* The policy hears of a megapage at its first frame only. */
    if (o->accessed) {
        o->accessed = os_thp_accessed;
        o->accessed_ctx = o;
    }
    return 0;
}

void os_thp_free(os *o)
{
    if (!o->thp)
        return;
    free(o->thp->run_free);
    free(o->thp->taken);
    free(o->thp);
    o->thp = NULL;
}

/* The aligned run frame f is in, or UINT32_MAX when none holds it whole. */
static uint32_t run_of(const thp *t, uint32_t f)
{
    if (f < t->first)
        return UINT32_MAX;
    uint32_t r = (f - t->first) / t->run;
    return r < t->nruns ? r : UINT32_MAX;
}

static void take(thp *t, uint32_t f, uint32_t n)
{
    for (uint32_t i = f; i < f + n; i++) {
        uint32_t r = run_of(t, i);
        t->taken[i] = 1;
        t->nfree--;
        if (r != UINT32_MAX)
            t->run_free[r]--;
    }
}

static void give_back(thp *t, uint32_t f, uint32_t n)
{
    for (uint32_t i = f; i < f + n; i++) {
        uint32_t r = run_of(t, i);
        t->taken[i] = 0;
        t->nfree++;
        if (r != UINT32_MAX)
            t->run_free[r]++;
    }
    if (f < t->low)
        t->low = f;
}

/* The first frame of the lowest free aligned run, or UINT32_MAX. */
static uint32_t free_run(const thp *t)
{
    for (uint32_t r = 0; r < t->nruns; r++)
        if (t->run_free[r] == t->run)
            return t->first + r * t->run;
    return UINT32_MAX;
}

/* The lowest free frame (there is one). */
static uint32_t free_frame(thp *t)
{
    while (t->taken[t->low])
        t->low++;
    return t->low;
}

/* 1 if the megapage range from `base` (a VPN) may be a megapage: inside one anonymous
 * region of `g`'s map (the region of the faulting address), or any range without a
 * map. */
static int anonymous_range(const os *o, const region *g, uint64_t base)
{
    if (!o->run->map)
        return 1;
    uint64_t start = base << o->page_bits, bytes = os_huge_bytes(o);
    return g && !g->file && g->start <= start && start + bytes <= g->end;
}

int64_t os_thp_fault(os *o, uint64_t va, const region *g, uint8_t perm, uint8_t ad, int file,
                     uint32_t *victim, char *err, size_t errlen)
{
    thp *t = o->thp;
    const preset *p = o->c.preset;
    uint64_t vpn = va >> o->page_bits, base = vpn & ~(uint64_t)(t->run - 1);
    *victim = UINT32_MAX;
    /* The level-1 PTE: empty, or a megapage cannot go there.  The tables above it are
     * the ones a 4 KiB page would need too. */
    uint64_t slot1 = os_table_slot(o, o->run->root, vpn, 1);
    if (slot1 == UINT64_MAX) {
        snprintf(err, errlen, "the kernel region is full: no room for page tables");
        return -1;
    }
    int huge = anonymous_range(o, g, base) && !(pmem_read(o->mem, slot1, p->pte_bytes) & PTE_V);
    uint32_t f = huge ? free_run(t) : UINT32_MAX;
    if (f == UINT32_MAX && t->nfree == 0) {
        int64_t v = os_replace(o, err, errlen);
        if (v < 0)
            return -1;
        *victim = (uint32_t)v;
        if (huge)
            f = free_run(t); /* the victim was a megapage: its run is free */
    }
    if (f != UINT32_MAX) {
        take(t, f, t->run);
        os_map(o, slot1, f, base, 1, perm, ad, file);
        o->s.faults_by_size[1]++;
        return f;
    }
    uint64_t slot = os_table_slot(o, o->run->root, vpn, 0);
    if (slot == UINT64_MAX) {
        snprintf(err, errlen, "the kernel region is full: no room for page tables");
        return -1;
    }
    /* A 4 KiB victim's frame stays taken for the page that replaces it; a megapage
     * victim gave its run back, and the page takes its first frame, the lowest. */
    f = *victim != UINT32_MAX && t->taken[*victim] ? *victim : free_frame(t);
    if (!t->taken[f])
        take(t, f, 1);
    os_map(o, slot, f, vpn, 0, perm, ad, file);
    o->s.faults_by_size[0]++;
    return f;
}

int os_thp_evict(os *o, uint32_t head, char *err, size_t errlen)
{
    const preset *p = o->c.preset;
    thp *t = o->thp;
    frame_info v = o->frame[head];
    uint64_t pte = pmem_read(o->mem, v.pte_pa, p->pte_bytes);
    if (pte & PTE_D) {
        for (uint32_t i = 0; i < t->run; i++) {
            const uint8_t *src = pmem_user(o->mem, pmem_frame(o->mem, head + i, p->page_bits));
            if (store_write_back(o->st, v.proc, v.vpn + i, src) != 0) {
                snprintf(err, errlen, "out of memory for swap");
                return -1;
            }
        }
        o->s.writebacks += t->run;
        o->procs[v.proc].s.writebacks += t->run;
    }
    pmem_write(o->mem, v.pte_pa, 0, p->pte_bytes);
    tell(o, OS_EV_EVICT, head);
    os_invalidate(o, v.proc, v.vpn, head);
    o->s.evictions++;
    o->s.huge_evictions++;
    memset(&o->frame[head], 0, t->run * sizeof *o->frame);
    give_back(t, head, t->run);
    return 0;
}

uint32_t os_thp_unit(const os *o, uint32_t f)
{
    const thp *t = o->thp;
    return o->frame[f].size == FRAME_TAIL ? t->first + (f - t->first) / t->run * t->run : f;
}

void os_thp_accessed(void *os_, uint32_t frame, int walked, uint64_t next_use)
{
    os *o = os_;
    uint32_t u = os_thp_unit(o, frame);
    if (o->future_huge && o->frame[u].size == FRAME_HUGE)
        next_use = o->future_huge[o->touch_n];
    o->c.policy->accessed(o->policy, u, walked, next_use);
}

void os_thp_count(os *o, uint64_t va, uint64_t paddr, int translated, uint64_t by_size[2])
{
    int huge = 0;
    if (translated && pmem_is_user(o->mem, paddr)) {
        huge = o->frame[(paddr - o->mem->user_base) >> o->page_bits].size != FRAME_PAGE;
    } else if (!translated) {
        /* A hit that faulted (its page is present, as the TLB held it, so no table is
         * made here): the OS's own tables say which size it is. */
        const preset *p = o->c.preset;
        uint64_t slot1 = os_table_slot(o, o->run->root, va >> o->page_bits, 1);
        uint64_t pte = slot1 == UINT64_MAX ? 0 : pmem_read(o->mem, slot1, p->pte_bytes);
        huge = (pte & PTE_V) && (pte & (PTE_R | PTE_X));
    }
    by_size[huge]++;
}

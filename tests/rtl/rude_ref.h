// SPDX-License-Identifier: MIT
/* rude_ref.h -- what the MMU's ports must show in each cycle, by docs/contract.md:
 * the reference tests/rtl/rtl_rude.c holds the RTL to, cycle by cycle.
 *
 * The decisions are the model's (model/): the TLB's lookup, fill, victim and
 * invalidation are model/tlb.c's, the walk and its A/D write are model/walk.c's.  A
 * build with an instruction TLB has two: a fetch's lookup and fill are the ITLB's,
 * every other access's the DTLB's, and an invalidation reaches both.  What
 * this file adds is only the contract's clock ("The RTL's ports and cycle-level
 * protocol" and "What a driver may do in any cycle"), which model_mmu_translate()
 * folds into one call:
 *
 *   IDLE      ready.  An invalidation of this cycle is applied at its edge, before a
 *             request accepted at the same edge, whose lookup therefore sees it.  The
 *             request takes satp, SUM, MXR, the A/D scheme and the memory bound as
 *             this cycle has them, and keeps them to its answer.
 *   LOOKUP    with the request's controls: Bare answers pa = va (an access fault outside memory), a
 *             non-canonical address a page fault, both with hit = 0 and no TLB.  Else
 *             the lookup, on the TLB as it is in this cycle: a hit (allowed, a page
 *             fault, or an access fault beyond the bound) answers here: latency 1.  A
 *             cycle that answers here is ready, as IDLE is: a request offered in it is
 *             accepted at its edge (the next LOOKUP follows), after this cycle's
 *             invalidation, which therefore comes after the answer (a hit is still
 *             answered, and ranked) and before the new request's lookup.  A
 *             miss or a store through a clean entry walks (not ready): the model's walk, made now,
 *             on memory as it is now, with this cycle's controls, gives the list of
 *             memory operations the RTL must issue and the answer it must give.  This
 *             cycle's invalidation is applied after the lookup and drops its fill.
 *   ISSUE     the next operation of the list: mem_req, mem_we, mem_addr (mem_wdata
 *             of a write).  The operation is then outstanding: WAIT.
 *   WAIT      until mem_rvalid_i; then ISSUE the next, or ANSWER.  Each operation
 *             may have its own latency L >= 1, so a walk answers
 *             2 + sum(1 + L) cycles after its acceptance.
 *   ANSWER    FILL or FAULT: rsp_valid with the walk's answer.  The TLB is filled at
 *             this edge unless an invalidation came from LOOKUP to this cycle,
 *             inclusive.
 *
 * With a page-walk cache (docs/contract.md, "Page-walk cache") a walk is stepped level
 * by level instead, as the RTL's READ_PTE takes it: STEP looks the cache up (above level
 * 0, inside memory) on the cache as it is in that cycle -- a hit goes down a level in
 * that one cycle, with no operation; a miss issues the read -- and WAIT_STEP, when the
 * PTE arrives, lets model/walk.c judge the walk from that level (walk_req.resume): a
 * valid pointer goes down a level (and is kept in the cache unless an invalidation came
 * from LOOKUP to this cycle, inclusive); anything else ends the walk as walk() says.
 * An invalidation applies to the cache at its edge, so a walk after an rs1 = x0 fence
 * reads what it would have taken from the cache.
 *
 * Memory stays unchanged while a walk is under way (the driver only changes it
 * between accesses), except by the walk's own write: so a walk made at LOOKUP reads
 * what the RTL's reads will read, and its write is checked, not applied, here.  The
 * driver answers a read at or beyond the request's memory bound with mem_err_i, as
 * the memory of the model's walk does (r->ctl.pmem). */
#ifndef VMMU_RUDE_REF_H
#define VMMU_RUDE_REF_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/preset.h"
#include "model/pwc.h"
#include "model/tlb.h"
#include "model/walk.h"
#include "rtl_capi.h"
#include "rude_mem.h"

typedef enum { S_IDLE, S_LOOKUP, S_ISSUE, S_WAIT, S_ANSWER, S_STEP, S_WAIT_STEP } ref_state;

/* What one cycle was, for coverage and for messages. */
typedef enum {
    PH_IDLE,       /* IDLE, nothing accepted */
    PH_ACCEPT,     /* IDLE, a request accepted at its edge */
    PH_HIT,        /* LOOKUP, answered from the TLB */
    PH_MISS,       /* LOOKUP, a walk starts */
    PH_READ,       /* a PTE read issued */
    PH_WAIT_READ,  /* waiting for it */
    PH_WRITE,      /* the A/D write issued */
    PH_WAIT_WRITE, /* waiting for its acknowledge */
    PH_FILL,       /* a walk answers with a translation */
    PH_FAULT,      /* a walk answers with a fault */
    PH_N
} phase;

static const char *const phase_name[PH_N] = {"idle",      "accept", "hit",        "miss", "read",
                                             "wait-read", "write",  "wait-write", "fill", "fault"};

typedef struct {
    uint8_t we;
    uint64_t addr, wdata;
} memop;

typedef struct {
    const preset *p;
    unsigned sets, ways;
    tlb_policy policy;
    unsigned isets, iways; /* the ITLB's geometry; iways 0: none, t serves fetches too */
    tlb_policy ipolicy;
    uint64_t va_mask, vpn_mask, pa_mask, ppn_mask;
    tlb t;             /* the DTLB, or the only TLB */
    tlb it;            /* the ITLB, when iways > 0 */
    ref_state st;
    /* the access under way */
    uint64_t satp;     /* ctl_satp_i as it was accepted */
    uint16_t asid;     /* its ASID */
    mmu_ctl ctl;       /* SUM, MXR, the A/D scheme and the memory bound as accepted
                        * (ctl.pmem: the driver's mem_err_i) */
    uint64_t vaddr;    /* the whole VA */
    access_kind kind;
    priv_mode priv;
    uint64_t accepted; /* cycle of its accepting edge */
    uint64_t last_hit; /* the cycle of the last hit answered + 1, 0: none */
    int last_hit_itlb; /* ... from the ITLB */
    int way;           /* the way a write to a clean entry matched, else -1 */
    int drop;          /* an invalidation came since LOOKUP: no fill */
    unsigned inval_in; /* bit per phase (1 << phase) with an invalidation since LOOKUP */
    walk_result w;
    memop op[8];      /* the walk's memory operations, in order */
    unsigned nops, k; /* how many; the one issued or awaited */
    pwc pwc;          /* the page-walk cache (pwc.n 0: none) */
    unsigned pwc_n;   /* its size, for a reset */
    unsigned lvl;     /* STEP: the walk's level, its table, G so far, and its reads and */
    uint64_t table;   /* cache hits until now */
    uint8_t gl, reads, hits;
} rude_ref;

/* What the cycle did, beside its outputs. */
typedef struct {
    phase ph;
    int answered;     /* an answer was given */
    unsigned latency; /* its latency (answer cycle - accepting cycle) */
    int filled, dropped;
    int fill_way; /* the way a fill went to */
    int fill_itlb; /* ... of the ITLB */
    int victim;   /* ... chosen as the victim of a full set */
    /* effects that need a rude driver, for coverage */
    int accept_inval; /* the accepting cycle's invalidation removed the request's key */
    int hit_inval;    /* a hit answered while its entry is invalidated at the same edge */
    int drop_only;    /* a fill dropped by invalidations in this one phase only, else -1 */
    int page_way;     /* the way whose entry an INVAL_PAGE cleared, else -1 */
    /* issue 16's answers, for coverage */
    int bare, noncanonical; /* LOOKUP answered without the TLB */
    int hit_level;    /* a hit's entry level, else -1 */
    int fill_level;   /* a fill's level, else -1 */
    int fill_global;  /* ... of a global mapping */
    int hit_global;   /* a hit on a global entry another ASID filled */
    int pte_err;      /* the walk ended on a read answered with mem_err_i */
    int inval_global; /* an invalidation cleared a global entry */
    /* issue 17's: a request accepted in the cycle that answers the one before */
    int accepted;     /* a request was accepted at this edge (IDLE or LOOKUP) */
    int hit_accept;   /* ... in a hit's cycle */
    int direct_accept; /* ... in a Bare or non-canonical answer's cycle */
    int hit_after_hit; /* a hit answered in the cycle after a hit */
    int hit_accept_inval; /* a hit's cycle with a request accepted and an invalidation */
    int hit_itlb;        /* a hit answered from the ITLB */
    int hit_itlb_before; /* with hit_after_hit: the hit before was the ITLB's */
    int pwc_hit;         /* the page-walk cache gave a pointer */
    int pwc_fill_dropped; /* a pointer arrived, not kept: an invalidation since LOOKUP */
} ref_event;

static inline uint64_t ref_mask(unsigned bits) { return bits >= 64 ? ~0ull : (1ull << bits) - 1; }

static inline void ref_tlb_new(rude_ref *r)
{
    if (tlb_init(&r->t, r->sets, r->ways, r->policy, r->p->level_bits) != 0 ||
        (r->iways && tlb_init(&r->it, r->isets, r->iways, r->ipolicy, r->p->level_bits) != 0)) {
        fprintf(stderr, "rtl_rude: the model refuses a %ux%u TLB (ITLB %ux%u)\n", r->sets, r->ways, r->isets,
                r->iways);
        exit(2);
    }
}

static inline void ref_tlb_free(rude_ref *r)
{
    tlb_free(&r->t);
    if (r->iways)
        tlb_free(&r->it);
}

/* The TLB an access of `kind` looks up and fills. */
static inline tlb *ref_tlb(rude_ref *r, access_kind kind)
{
    return r->iways && kind == ACCESS_EXEC ? &r->it : &r->t;
}

static inline const tlb *ref_tlb_c(const rude_ref *r, access_kind kind)
{
    return r->iways && kind == ACCESS_EXEC ? &r->it : &r->t;
}

/* isets x iways (iways 0: none) with ipolicy is the ITLB of a build that has one. */
static inline void ref_init(rude_ref *r, const preset *p, unsigned sets, unsigned ways,
                            tlb_policy policy, unsigned isets, unsigned iways, tlb_policy ipolicy,
                            unsigned pwc_entries)
{
    r->pwc_n = pwc_entries;
    if (pwc_init(&r->pwc, pwc_entries) != 0) {
        fprintf(stderr, "rtl_rude: the model refuses a page-walk cache of %u\n", pwc_entries);
        exit(2);
    }
    r->p = p;
    r->sets = sets;
    r->ways = ways;
    r->policy = policy;
    r->isets = isets;
    r->iways = iways;
    r->ipolicy = ipolicy;
    r->va_mask = ref_mask(preset_vaddr_bits(p)); /* a request's whole VA */
    r->vpn_mask = ref_mask(p->va_bits - p->page_bits);
    r->pa_mask = ref_mask(p->pa_bits);
    r->ppn_mask = ref_mask(p->ppn_bits);
    r->st = S_IDLE;
    r->last_hit = 0;
    r->last_hit_itlb = 0;
    ref_tlb_new(r);
}

static inline void ref_free(rude_ref *r) { ref_tlb_free(r); }

/* rst_ni low at an edge: IDLE, empty TLBs. */
static inline void ref_reset(rude_ref *r)
{
    ref_tlb_free(r);
    ref_tlb_new(r);
    pwc_init(&r->pwc, r->pwc_n);
    r->st = S_IDLE;
}

/* The walk's port: reads come from memory, operations are recorded in order, and the
 * write is not applied (the RTL's own write will be, when it makes it). */
typedef struct {
    rude_ref *r;
    const pmem *mem;
} ref_port;

static inline uint64_t ref_port_read(void *ctx, uint64_t pa, unsigned bytes)
{
    ref_port *c = ctx;
    (void)bytes;
    if (c->r->nops < 8)
        c->r->op[c->r->nops++] = (memop){0, pa, 0};
    return pmem_read(c->mem, pa);
}

static inline void ref_port_write(void *ctx, uint64_t pa, uint64_t value, unsigned bytes)
{
    ref_port *c = ctx;
    (void)bytes;
    if (c->r->nops < 8)
        c->r->op[c->r->nops++] = (memop){1, pa, value};
}

/* The entry of the TLB of `kind` that answers (asid, vpn) by the contract's lookup
 * order (levels from 0, each in its own set, the lowest way), as an index set * ways +
 * way, or -1. */
static inline int ref_entry_of(const rude_ref *r, access_kind kind, uint16_t asid, uint64_t vpn)
{
    const tlb *t = ref_tlb_c(r, kind);
    for (unsigned l = 0; l < r->p->levels; l++) {
        size_t base = (size_t)((vpn >> (l * r->p->level_bits)) & t->set_mask) * t->ways;
        for (unsigned w = 0; w < t->ways; w++) {
            const tlb_entry *e = &t->e[base + w];
            if (e->valid && e->level == l && (e->global || e->asid == asid) &&
                ((e->vpn ^ vpn) >> (l * r->p->level_bits)) == 0)
                return (int)(base + w);
        }
    }
    return -1;
}

static inline int ref_way_of(const rude_ref *r, access_kind kind, uint16_t asid, uint64_t vpn)
{
    int e = ref_entry_of(r, kind, asid, vpn);
    return e < 0 ? -1 : e % (int)ref_tlb_c(r, kind)->ways;
}

/* This cycle's invalidation, if any, applied to the reference TLB (as
 * model_mmu_invalidate(): rs1 non-canonical names no page). */
static inline void ref_invalidate(rude_ref *r, const rtl_in *in, ref_event *ev)
{
    if (!in->inval)
        return;
    unsigned mode = in->inval_mode & 3;
    uint64_t va = in->inval_vaddr & r->va_mask;
    uint64_t vpn = (va >> r->p->page_bits) & r->vpn_mask;
    pwc_invalidate(&r->pwc, (inval_mode)mode);
    if ((mode == INVAL_PAGE || mode == INVAL_PAGE_ALL) && !preset_canonical(r->p, va))
        return;
    for (int k = 0; k < 1 + (r->iways != 0); k++) {
        tlb *t = k ? &r->it : &r->t;
        size_t n = (size_t)t->sets * t->ways;
        uint8_t before[64 * 1024 / 8]; /* the valid bits before (1024 x 64 at most) */
        memset(before, 0, (n + 7) / 8);
        for (size_t i = 0; i < n; i++)
            before[i / 8] |= (uint8_t)(t->e[i].valid << i % 8);
        tlb_invalidate(t, (inval_mode)mode, in->inval_asid, vpn);
        for (size_t i = 0; i < n; i++)
            if ((before[i / 8] >> i % 8 & 1) && !t->e[i].valid) {
                /* the way coverage counts the DTLB's (the ways the driver aims at) */
                if (mode == INVAL_PAGE && ev->page_way < 0 && !k)
                    ev->page_way = (int)(i % t->ways);
                ev->inval_global |= t->e[i].global;
            }
    }
}

/* 1 if the cycle LOOKUP is in answers there (ready): Bare, non-canonical, or an entry
 * that does not send a store to the walker for D.  No side effect (tlb_lookup ranks). */
static inline int ref_lookup_answers(const rude_ref *r)
{
    const preset *p = r->p;
    if (preset_satp_mode_of(p, r->satp) != p->satp_mode || !preset_canonical(p, r->vaddr))
        return 1;
    int e = ref_entry_of(r, r->kind, r->asid, (r->vaddr >> p->page_bits) & r->vpn_mask);
    if (e < 0)
        return 0;
    const tlb_entry *x = &ref_tlb_c(r, r->kind)->e[e];
    return !perm_allows(x->perm, r->kind, r->priv, r->ctl.sum, r->ctl.mxr) || r->kind != ACCESS_WRITE || x->dirty;
}

/* 1 if a request offered in this cycle is accepted at its edge: IDLE, or a LOOKUP that
 * answers. */
static inline int ref_ready(const rude_ref *r)
{
    return r->st == S_IDLE || (r->st == S_LOOKUP && ref_lookup_answers(r));
}

/* The request offered this cycle (the caller knows the cycle is ready) is taken, with
 * the controls as this edge has them: after this cycle's invalidation, which the caller
 * has applied.  `held`: its key matched before that invalidation. */
static inline void ref_accept(rude_ref *r, const rtl_in *in, uint64_t cycle, int held, ref_event *ev)
{
    const preset *p = r->p;
    r->vaddr = in->req_vaddr & r->va_mask;
    r->kind = (access_kind)(in->req_kind & 3);
    r->priv = (priv_mode)(in->req_priv & 1);
    r->satp = in->satp & ref_mask(preset_satp_bits(p));
    r->asid = preset_satp_asid_of(p, r->satp);
    r->ctl = (mmu_ctl){.sum = in->sum & 1, .mxr = in->mxr & 1, .ad_fault = in->ad_fault & 1, .pmem = in->pmem};
    r->accepted = cycle;
    r->st = S_LOOKUP;
    ev->accepted = 1;
    ev->accept_inval = held && ref_way_of(r, r->kind, r->asid, ((r->vaddr >> p->page_bits) & r->vpn_mask)) < 0;
}

/* 1 if the request offered this cycle (if any) has a matching entry now: before this
 * cycle's invalidation, for the coverage of one that removes it. */
static inline int ref_offer_held(const rude_ref *r, const rtl_in *in)
{
    if (!in->req_valid)
        return 0;
    uint64_t key = ((in->req_vaddr & r->va_mask) >> r->p->page_bits) & r->vpn_mask;
    return ref_way_of(r, (access_kind)(in->req_kind & 3), preset_satp_asid_of(r->p, in->satp), key) >= 0;
}

/* The end of a LOOKUP that answered: this cycle's invalidation (after the answer),
 * then a request offered now is accepted, else IDLE. */
static inline void ref_answered(rude_ref *r, const rtl_in *in, uint64_t cycle, rtl_out *x, ref_event *ev)
{
    int held = ref_offer_held(r, in);
    x->req_ready = 1;
    ref_invalidate(r, in, ev);
    r->st = S_IDLE;
    if (in->req_valid)
        ref_accept(r, in, cycle, held, ev);
}

/* 1 if the set a fill of `level` for vpn goes to, in the TLB of the access under way,
 * has no invalid way. */
static inline int ref_set_full(const rude_ref *r, uint64_t vpn, unsigned level)
{
    const tlb *t = ref_tlb_c(r, r->kind);
    const tlb_entry *s = &t->e[((vpn >> (level * r->p->level_bits)) & t->set_mask) * t->ways];
    for (unsigned w = 0; w < t->ways; w++)
        if (!s[w].valid)
            return 0;
    return 1;
}

/* One cycle: given its inputs (and memory, for a walk starting in it), the outputs the
 * RTL must show in it (*x; fields the contract leaves free are 0), and the state for
 * the next.  The caller never drives mem_rvalid_i without an outstanding operation,
 * nor req_kind_i = 3 with req_valid_i in IDLE, nor calls this in a reset cycle. */
static inline void ref_cycle(rude_ref *r, const pmem *mem, const rtl_in *in, uint64_t cycle,
                             rtl_out *x, ref_event *ev)
{
    const preset *p = r->p;
    uint64_t vpn = (r->vaddr >> p->page_bits) & r->vpn_mask;
    uint64_t off = r->vaddr & ref_mask(p->page_bits);
    *x = (rtl_out){0};
    *ev = (ref_event){.fill_way = -1, .drop_only = -1, .page_way = -1, .hit_level = -1, .fill_level = -1};
    switch (r->st) {
    case S_IDLE: {
        int held = ref_offer_held(r, in);
        x->req_ready = 1;
        ref_invalidate(r, in, ev); /* first: a request accepted now looks up after it */
        ev->ph = PH_IDLE;
        if (in->req_valid) {
            ev->ph = PH_ACCEPT;
            ref_accept(r, in, cycle, held, ev);
        }
        return;
    }
    case S_LOOKUP: {
        uint64_t satp = r->satp;
        mmu_ctl ctl = r->ctl;
        /* step 0: Bare (the driver presents no MODE but 0 and the preset's), then a
         * non-canonical address: answered here, no TLB */
        int bare = preset_satp_mode_of(p, satp) != p->satp_mode;
        if (bare || !preset_canonical(p, r->vaddr)) {
            ev->ph = PH_HIT;
            ev->answered = 1;
            ev->latency = (unsigned)(cycle - r->accepted);
            ev->bare = bare;
            ev->noncanonical = !bare;
            x->rsp_valid = 1;
            if (!bare)
                x->rsp_fault = FAULT_PAGE;
            else if ((ctl.pmem && r->vaddr >= ctl.pmem) || (r->vaddr >> (p->pa_bits - 1) >> 1))
                x->rsp_fault = FAULT_ACCESS;
            else
                x->rsp_paddr = r->vaddr;
            ref_answered(r, in, cycle, x, ev);
            ev->direct_accept = ev->accepted;
            return;
        }
        uint64_t ppn = 0;
        int way;
        tlb *t = ref_tlb(r, r->kind);
        tlb_set_ctl(t, ctl.sum, ctl.mxr, ctl.pmem ? ctl.pmem >> p->page_bits : UINT64_MAX);
        int entry = ref_entry_of(r, r->kind, r->asid, vpn);
        tlb_outcome o = tlb_lookup(t, r->asid, vpn, r->kind, r->priv, &ppn, &way);
        if (o == TLB_HIT || o == TLB_DENIED) {
            uint64_t pa = ppn << p->page_bits | off;
            ev->ph = PH_HIT;
            ev->answered = 1;
            ev->latency = (unsigned)(cycle - r->accepted);
            ev->hit_level = t->e[entry].level;
            ev->hit_global = t->e[entry].global && t->e[entry].asid != r->asid;
            x->rsp_valid = 1;
            x->rsp_hit = 1;
            x->rsp_fault = o == TLB_DENIED ? FAULT_PAGE : ctl.pmem && pa >= ctl.pmem ? FAULT_ACCESS : FAULT_NONE;
            x->rsp_paddr = x->rsp_fault == FAULT_NONE ? pa : 0;
            ev->hit_after_hit = r->last_hit == cycle;
            ev->hit_itlb = t == &r->it;
            ev->hit_itlb_before = r->last_hit_itlb;
            r->last_hit = cycle + 1;
            r->last_hit_itlb = ev->hit_itlb;
            uint16_t asid = r->asid; /* the hit's: ref_answered() may take the next request */
            access_kind kind = r->kind;
            ref_answered(r, in, cycle, x, ev);
            ev->hit_inval = ref_entry_of(r, kind, asid, vpn) != entry;
            ev->hit_accept = ev->accepted;
            ev->hit_accept_inval = ev->accepted && in->inval;
            return;
        }
        ev->ph = PH_MISS;
        r->way = o == TLB_CLEAN ? way : -1;
        r->nops = r->k = 0;
        if (r->pwc.n) { /* stepped, level by level (above) */
            r->lvl = p->levels - 1;
            r->table = preset_satp_ppn_of(p, satp) << p->page_bits;
            r->gl = r->reads = r->hits = 0;
            r->drop = in->inval;
            r->inval_in = in->inval ? 1u << PH_MISS : 0;
            ref_invalidate(r, in, ev);
            r->st = S_STEP;
            return;
        }
        ref_port port = {r, mem};
        mem_port mp = {&port, ref_port_read, ref_port_write};
        walk_req q = {.root = preset_satp_ppn_of(p, satp) << p->page_bits, .va = r->vaddr, .kind = r->kind,
                      .priv = r->priv, .ctl = ctl};
        walk(p, &mp, &q, &r->w);
        r->drop = in->inval;
        r->inval_in = in->inval ? 1u << PH_MISS : 0;
        ref_invalidate(r, in, ev);
        r->st = S_ISSUE;
        return;
    }
    case S_ISSUE: {
        const memop *op = &r->op[r->k];
        ev->ph = op->we ? PH_WRITE : PH_READ;
        x->mem_req = 1;
        x->mem_we = op->we;
        x->mem_addr = op->addr;
        x->mem_wdata = op->we ? op->wdata : 0;
        r->drop |= in->inval;
        r->inval_in |= in->inval ? 1u << ev->ph : 0;
        ref_invalidate(r, in, ev);
        r->st = S_WAIT;
        return;
    }
    case S_WAIT:
        ev->ph = r->op[r->k].we ? PH_WAIT_WRITE : PH_WAIT_READ;
        if (in->mem_rvalid)
            r->st = ++r->k < r->nops ? S_ISSUE : S_ANSWER;
        r->drop |= in->inval;
        r->inval_in |= in->inval ? 1u << ev->ph : 0;
        ref_invalidate(r, in, ev);
        return;
    case S_STEP: { /* READ_PTE: the cache, or the read */
        uint64_t pa = r->table + (uint64_t)preset_vpn_slice(p, vpn, r->lvl) * p->pte_bytes, pte;
        ev->ph = PH_READ;
        if (r->lvl > 0 && (!r->ctl.pmem || pa < r->ctl.pmem) && pwc_lookup(&r->pwc, pa, &pte)) {
            ev->pwc_hit = 1;
            r->hits++;
            r->gl |= (pte & PTE_G) != 0;
            r->table = ((pte >> PTE_PPN_SHIFT) & r->ppn_mask) << p->page_bits;
            r->lvl--;
        } else {
            x->mem_req = 1;
            x->mem_addr = pa;
            r->k = r->nops;
            r->op[r->nops++] = (memop){0, pa, 0};
            r->st = S_WAIT_STEP;
        }
        r->drop |= in->inval;
        r->inval_in |= in->inval ? 1u << ev->ph : 0;
        ref_invalidate(r, in, ev);
        return;
    }
    case S_WAIT_STEP:
        ev->ph = PH_WAIT_READ;
        if (in->mem_rvalid) {
            /* walk() from this level: the read again (recorded in its place), then either
             * the next level's (a valid pointer) or the walk's end. */
            uint64_t pa = r->op[r->k].addr;
            walk_result w;
            ref_port port = {r, mem};
            mem_port mp = {&port, ref_port_read, ref_port_write};
            walk_req q = {.root = r->table, .va = r->vaddr, .kind = r->kind, .priv = r->priv, .ctl = r->ctl,
                          .resume = 1, .level = (uint8_t)r->lvl, .global = r->gl};
            r->nops = r->k;
            walk(p, &mp, &q, &w);
            r->reads++;
            if (w.reads > 1) { /* a valid pointer: down a level, in the cache unless dropped */
                uint64_t pte = pmem_read(mem, pa);
                if (r->drop || in->inval)
                    ev->pwc_fill_dropped = 1;
                else
                    pwc_fill(&r->pwc, pa, pte);
                r->gl |= (pte & PTE_G) != 0;
                r->table = ((pte >> PTE_PPN_SHIFT) & r->ppn_mask) << p->page_bits;
                r->lvl--;
                r->nops = r->k + 1;
                r->st = S_STEP;
            } else { /* the walk ends here: the A/D write, if any, then the answer */
                r->w = w;
                r->w.reads = r->reads;
                r->w.pwc_hits = r->hits;
                r->st = ++r->k < r->nops ? S_ISSUE : S_ANSWER;
            }
        }
        r->drop |= in->inval;
        r->inval_in |= in->inval ? 1u << ev->ph : 0;
        ref_invalidate(r, in, ev);
        return;
    case S_ANSWER: {
        ev->ph = r->w.fault == FAULT_NONE ? PH_FILL : PH_FAULT;
        ev->answered = 1;
        ev->latency = (unsigned)(cycle - r->accepted);
        ev->pte_err = r->w.fault == FAULT_ACCESS && r->w.reads &&
                      r->ctl.pmem && r->op[r->w.reads - 1].addr >= r->ctl.pmem;
        x->rsp_valid = 1;
        x->rsp_fault = r->w.fault;
        uint64_t ppn = r->w.ppn & ~((1ull << (r->w.level * p->level_bits)) - 1);
        if (r->w.fault == FAULT_NONE) {
            x->rsp_paddr = r->w.pa;
            if (r->drop || in->inval) {
                ev->dropped = 1;
                unsigned in_ph = r->inval_in | (in->inval ? 1u << PH_FILL : 0);
                for (int ph = 0; ph < PH_N; ph++)
                    if (in_ph == 1u << ph)
                        ev->drop_only = ph;
            } else {
                /* as model/mmu.c fills after its walk */
                ev->victim = r->way < 0 && ref_set_full(r, vpn, r->w.level);
                tlb *t = ref_tlb(r, r->kind);
                ev->fill_itlb = t == &r->it;
                tlb_fill(t, r->way, r->asid, vpn, ppn,
                         (uint8_t)(r->w.pte & (PTE_R | PTE_W | PTE_X | PTE_U)),
                         (r->w.pte & PTE_D) != 0, r->w.level, r->w.global);
                ev->filled = 1;
                ev->fill_level = r->w.level;
                ev->fill_global = r->w.global;
                /* the way just filled: its stamp is the last event's */
                size_t base = ((vpn >> (r->w.level * p->level_bits)) & t->set_mask) * t->ways;
                for (unsigned w = 0; w < t->ways; w++)
                    if (t->e[base + w].stamp == t->now - 1)
                        ev->fill_way = (int)w;
            }
        }
        ref_invalidate(r, in, ev);
        r->st = S_IDLE;
        return;
    }
    }
}

#endif

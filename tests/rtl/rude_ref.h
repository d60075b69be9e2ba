// SPDX-License-Identifier: MIT
/* rude_ref.h -- what the MMU's ports must show in each cycle, by docs/contract.md:
 * the reference tests/rtl/rtl_rude.c holds the RTL to, cycle by cycle.
 *
 * The decisions are the model's (model/): the TLB's lookup, fill, victim and
 * invalidation are model/tlb.c's, the walk and its A/D write are model/walk.c's.  What
 * this file adds is only the contract's clock ("The RTL's ports and cycle-level
 * protocol" and "What a driver may do in any cycle"), which model_mmu_translate()
 * folds into one call:
 *
 *   IDLE      ready.  An invalidation of this cycle is applied at its edge, before a
 *             request accepted at the same edge, whose lookup therefore sees it.
 *   LOOKUP    the lookup, on the TLB as it is in this cycle.  A hit (allowed or an
 *             access fault) answers here: latency 1.  A miss or a write to a clean
 *             entry walks: the model's walk, made now, on memory as it is now, with
 *             ctl_root_i of this cycle, gives the list of memory operations the RTL
 *             must issue and the answer it must give.  This cycle's invalidation is
 *             applied after the lookup (a hit is still answered, and ranked) and, on
 *             a walk, drops its fill.
 *   ISSUE     the next operation of the list: mem_req, mem_we, mem_addr (mem_wdata
 *             of a write).  The operation is then outstanding: WAIT.
 *   WAIT      until mem_rvalid_i; then ISSUE the next, or ANSWER.  Each operation
 *             may have its own latency L >= 1, so a walk answers
 *             2 + sum(1 + L) cycles after its acceptance.
 *   ANSWER    FILL or FAULT: rsp_valid with the walk's answer.  The TLB is filled at
 *             this edge unless an invalidation came from LOOKUP to this cycle,
 *             inclusive.
 *
 * Memory stays unchanged while a walk is under way (the driver only changes it
 * between accesses), except by the walk's own write: so a walk made at LOOKUP reads
 * what the RTL's reads will read, and its write is checked, not applied, here. */
#ifndef VMMU_RUDE_REF_H
#define VMMU_RUDE_REF_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "model/preset.h"
#include "model/tlb.h"
#include "model/walk.h"
#include "rtl_capi.h"
#include "rude_mem.h"

typedef enum { S_IDLE, S_LOOKUP, S_ISSUE, S_WAIT, S_ANSWER } ref_state;

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
    uint64_t va_mask, vpn_mask, pa_mask, ppn_mask;
    tlb t;
    ref_state st;
    /* the access under way */
    uint16_t asid;
    uint64_t vaddr;
    access_kind kind;
    uint64_t accepted; /* cycle of its accepting edge */
    int way;           /* the way a write to a clean entry matched, else -1 */
    int drop;          /* an invalidation came since LOOKUP: no fill */
    unsigned inval_in; /* bit per phase (1 << phase) with an invalidation since LOOKUP */
    walk_result w;
    memop op[8];      /* the walk's memory operations, in order */
    unsigned nops, k; /* how many; the one issued or awaited */
} rude_ref;

/* What the cycle did, beside its outputs. */
typedef struct {
    phase ph;
    int answered;     /* an answer was given */
    unsigned latency; /* its latency (answer cycle - accepting cycle) */
    int filled, dropped;
    int fill_way; /* the way a fill went to */
    int victim;   /* ... chosen as the victim of a full set */
    /* effects that need a rude driver, for coverage */
    int accept_inval; /* the accepting cycle's invalidation removed the request's key */
    int hit_inval;    /* a hit answered while its entry is invalidated at the same edge */
    int drop_only;    /* a fill dropped by invalidations in this one phase only, else -1 */
    int page_way;     /* the way whose entry an INVAL_PAGE cleared, else -1 */
} ref_event;

static inline uint64_t ref_mask(unsigned bits) { return bits >= 64 ? ~0ull : (1ull << bits) - 1; }

static inline void ref_tlb_new(rude_ref *r)
{
    if (tlb_init(&r->t, r->sets, r->ways, r->policy, r->p->level_bits) != 0) {
        fprintf(stderr, "rtl_rude: the model refuses a %ux%u TLB\n", r->sets, r->ways);
        exit(2);
    }
}

static inline void ref_init(rude_ref *r, const preset *p, unsigned sets, unsigned ways,
                            tlb_policy policy)
{
    r->p = p;
    r->sets = sets;
    r->ways = ways;
    r->policy = policy;
    r->va_mask = ref_mask(p->va_bits);
    r->vpn_mask = ref_mask(p->va_bits - p->page_bits);
    r->pa_mask = ref_mask(p->pa_bits);
    r->ppn_mask = ref_mask(p->ppn_bits);
    r->st = S_IDLE;
    ref_tlb_new(r);
}

static inline void ref_free(rude_ref *r) { tlb_free(&r->t); }

/* rst_ni low at an edge: IDLE, an empty TLB. */
static inline void ref_reset(rude_ref *r)
{
    tlb_free(&r->t);
    ref_tlb_new(r);
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

/* The way of r->t holding (asid, vpn), or -1. */
static inline int ref_way_of(const rude_ref *r, uint16_t asid, uint64_t vpn)
{
    const tlb_entry *s = &r->t.e[(vpn & r->t.set_mask) * r->ways];
    for (unsigned w = 0; w < r->ways; w++)
        if (s[w].valid && s[w].asid == asid && s[w].vpn == vpn)
            return (int)w;
    return -1;
}

/* This cycle's invalidation, if any, applied to the reference TLB. */
static inline void ref_invalidate(rude_ref *r, const rtl_in *in, ref_event *ev)
{
    if (!in->inval)
        return;
    unsigned mode = in->inval_mode & 3;
    uint64_t vpn = in->inval_vpn & r->vpn_mask;
    if (mode == INVAL_PAGE)
        ev->page_way = ref_way_of(r, in->inval_asid, vpn);
    /* contract: mode 3 is SFENCE.VMA rs1 = VA, rs2 = x0: the page in every ASID */
    tlb_invalidate(&r->t, (inval_mode)mode, in->inval_asid, vpn);
}

static inline int ref_set_full(const rude_ref *r, uint64_t vpn)
{
    const tlb_entry *s = &r->t.e[(vpn & r->t.set_mask) * r->ways];
    for (unsigned w = 0; w < r->ways; w++)
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
    *ev = (ref_event){.fill_way = -1, .drop_only = -1, .page_way = -1};
    switch (r->st) {
    case S_IDLE:
        x->req_ready = 1;
        if (in->req_valid) {
            uint64_t key = (in->req_vaddr & r->va_mask) >> p->page_bits;
            int held = ref_way_of(r, in->req_asid, key) >= 0;
            ref_invalidate(r, in, ev); /* first: the request looks up after it */
            ev->accept_inval = held && ref_way_of(r, in->req_asid, key) < 0;
        } else {
            ref_invalidate(r, in, ev);
        }
        ev->ph = PH_IDLE;
        if (in->req_valid) {
            ev->ph = PH_ACCEPT;
            r->asid = in->req_asid;
            r->vaddr = in->req_vaddr & r->va_mask;
            r->kind = (access_kind)(in->req_kind & 3);
            r->accepted = cycle;
            r->st = S_LOOKUP;
        }
        return;
    case S_LOOKUP: {
        uint64_t ppn = 0;
        int way;
        tlb_outcome o = tlb_lookup(&r->t, r->asid, vpn, r->kind, PRIV_U, &ppn, &way);
        if (o == TLB_HIT || o == TLB_DENIED) {
            ev->ph = PH_HIT;
            ev->answered = 1;
            ev->latency = (unsigned)(cycle - r->accepted);
            x->rsp_valid = 1;
            x->rsp_hit = 1;
            x->rsp_fault = o == TLB_HIT ? FAULT_NONE : FAULT_PAGE;
            x->rsp_paddr = o == TLB_HIT ? ppn << p->page_bits | off : 0;
            ref_invalidate(r, in, ev);
            ev->hit_inval = ref_way_of(r, r->asid, vpn) < 0;
            r->st = S_IDLE;
            return;
        }
        ev->ph = PH_MISS;
        r->way = o == TLB_CLEAN ? way : -1;
        r->nops = r->k = 0;
        ref_port port = {r, mem};
        mem_port mp = {&port, ref_port_read, ref_port_write};
        /* U-mode, SUM = MXR = 0, Svadu, unbounded memory: the controls this driver's RTL
         * does not take yet (docs/contract.md's issue-16 inputs). */
        walk_req q = {.root = in->root & r->pa_mask, .va = vpn << p->page_bits, .kind = r->kind, .priv = PRIV_U};
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
    case S_ANSWER: {
        ev->ph = r->w.fault == FAULT_NONE ? PH_FILL : PH_FAULT;
        ev->answered = 1;
        ev->latency = (unsigned)(cycle - r->accepted);
        x->rsp_valid = 1;
        x->rsp_fault = r->w.fault;
        uint64_t ppn = r->w.ppn & ~((1ull << (r->w.level * p->level_bits)) - 1);
        if (r->w.fault == FAULT_NONE) {
            x->rsp_paddr = r->w.ppn << p->page_bits | off;
            if (r->drop || in->inval) {
                ev->dropped = 1;
                unsigned in_ph = r->inval_in | (in->inval ? 1u << PH_FILL : 0);
                for (int ph = 0; ph < PH_N; ph++)
                    if (in_ph == 1u << ph)
                        ev->drop_only = ph;
            } else {
                /* as model/mmu.c fills after its walk */
                ev->victim = r->way < 0 && ref_set_full(r, vpn);
                tlb_fill(&r->t, r->way, r->asid, vpn, ppn,
                         (uint8_t)(r->w.pte & (PTE_R | PTE_W | PTE_X | PTE_U)),
                         (r->w.pte & PTE_D) != 0, r->w.level, r->w.global);
                ev->filled = 1;
                ev->fill_way = ref_way_of(r, r->asid, vpn);
            }
        }
        ref_invalidate(r, in, ev);
        r->st = S_IDLE;
        return;
    }
    }
}

#endif

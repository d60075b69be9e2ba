// SPDX-License-Identifier: MIT
/* rtl_rude.c -- a driver as rude as the port contract allows, checked cycle by cycle.
 *
 * The OS-driven co-simulation drives the MMU politely: requests held stable,
 * invalidations only between accesses, one memory latency, no reset after the first.
 * This test drives every input of the RTL's C API (rtl/sim/rtl_capi.h) in every cycle
 * with whatever docs/contract.md allows there ("What a driver may do in any cycle"):
 *
 *   - request fields that change in every cycle, valid or not, before and after
 *     acceptance; valid raised and dropped while the MMU is busy (a walk's answering
 *     cycle included); requests offered in the cycle a hit or a Bare or non-canonical
 *     request answers, where they are accepted (a stream of hits, one a clock), with
 *     an invalidation in that cycle or not; kind 3 where it is not accepted;
 *   - invalidations of every mode (the four SFENCE.VMA cases) in any cycle, in a row,
 *     with fields of ASIDs and pages the TLB holds (superpages and global entries
 *     too), or not, and VAs that are not canonical;
 *   - memory answers after a latency drawn per operation, read data and mem_err_i of
 *     garbage whenever they are not a read's answer, mem_err_i on a read at or beyond
 *     the memory bound the walk's request was accepted with;
 *   - ctl_satp_i (MODE, ASID, root), ctl_sum_i, ctl_mxr_i, ctl_ad_fault_i and
 *     ctl_pmem_i changing in every cycle, the accepting one included (a request
 *     samples them as it is accepted: LOOKUP and the walk must not read them again),
 *     satp Bare now and then, and requests in U- and S-mode, canonical or not;
 *   - resets in any cycle, mid-walk included, with garbage on every other input;
 *   - page tables anywhere in the physical address range, PPNs and ASIDs up to their
 *     top bits, every PTE bit pattern (reserved bits, superpages aligned and not, G on
 *     leaves and pointers; tests/rtl/rude_mem.h's memory reads random words wherever
 *     the test wrote none), changed between accesses; each case draws its habits and
 *     tables first (tests/rtl/rude_plan.h).
 *
 * Each cycle's outputs are compared with tests/rtl/rude_ref.h, the model's TLB and
 * walk stepped by the contract's clock: ready, every answer (paddr, hit, fault, and
 * its cycle, so its latency), every memory operation (address, read or write, data
 * written), and that nothing is answered or issued that was not due.  The first
 * difference stops the case with its seed, cycle, the last cycles' ports and a
 * one-line command that replays it.
 *
 * Usage: rtl_rude [--seed S] [--cases N] [--case K] [--cycles C] [--cover] [--trace]
 *   --case K   runs case K of seed S only (what a failure's repro line says)
 *   --cover    also fails if a corner was never reached (an invalidation of each mode
 *              in each phase, a reset in each phase, ...): the run was too short
 *   --trace    prints every cycle's ports on stderr
 * Prints "PASS ..."/"FAIL ..." lines; exits 1 on a failure, 2 on bad usage. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/preset.h"
#include "model/timing.h"
#include "rtl_capi.h"
#include "rude_mem.h"
#include "rude_plan.h"
#include "rude_ref.h"

enum { HISTORY = 12, MAX_LAT = 9 };

/* One cycle's ports, kept for a failure's report. */
typedef struct {
    uint64_t cycle;
    rtl_in in;
    rtl_out out;
    phase ph;
} past;

/* Counts over the whole run: what was reached. */
typedef struct {
    uint64_t cycles, cases, accepted, hits, walks, faults[3], fills, dropped, victims;
    uint64_t writes, offered_busy, resets;
    uint64_t inval[PH_N][4];   /* invalidations by phase and mode */
    uint64_t reset_in[PH_N];   /* resets by phase */
    uint64_t busy_offer[PH_N]; /* requests offered while busy, by phase */
    uint64_t lat[MAX_LAT + 1]; /* memory latencies, MAX_LAT = longer */
    uint64_t fill_way[64], victim_way[64];
    uint64_t policy[4], victim_pol[4]; /* cases, and victims taken, by TLB policy */
    /* effects only a rude driver has */
    uint64_t accept_inval, hit_inval, drop_only[PH_N], root_moved, reset_full, after_reset;
    uint64_t page_way[64]; /* INVAL_PAGEs that cleared an entry, by its way */
    /* issue 16's answers */
    uint64_t bare, noncanonical, pte_err, hit_global, fill_global, inval_global;
    /* issue 17's split TLBs: ITLB hits, victims, and a hit of each TLB right after the other's */
    uint64_t itlb_hits, itlb_victims, cross_hits;
    uint64_t pwc_hits, pwc_fill_dropped; /* a page-walk cache's hits, its fills dropped */
    uint64_t hit_level[4], fill_level[4];
    uint64_t hit_fault[3]; /* TLB hits by fault */
    /* issue 17's: requests accepted in the cycle that answers */
    uint64_t hit_accept, direct_accept, hit_after_hit, hit_accept_inval;
} tally;

typedef struct {
    const char *argv0;
    const char *cfg; /* e.g. "osc-1x3" */
    const preset *p;
    rtl_geometry g;
    uint64_t seed, cycles;
    int trace;
} run;

/* Where the run is, for a failure's message (an RTL assertion exits from inside
 * rtl_cycle(), so this must outlive the call: atexit() reads it). */
static struct {
    const run *r;
    uint64_t kase, cycle;
    int active;
} where;

static uint64_t pte_mask(const preset *p) { return ref_mask(8 * p->pte_bytes); }

static void repro(const run *r, uint64_t kase)
{
    printf("repro: make -s CONFIG=%s TLB_SETS=%u TLB_WAYS=%u ITLB_SETS=%u ITLB_WAYS=%u PWC_ENTRIES=%u "
           "build/tests/%s/rtl_rude && build/tests/%s/rtl_rude --seed %" PRIu64 " --case %" PRIu64
           " --cycles %" PRIu64 "\n",
           r->p->name, r->g.sets, r->g.ways, r->g.itlb_sets, r->g.itlb_ways, r->g.pwc_entries, r->cfg, r->cfg,
           r->seed, kase, r->cycles);
}

static void on_exit_report(void)
{
    if (!where.active)
        return;
    printf("FAIL rude %s: seed %" PRIu64 " case %" PRIu64 " cycle %" PRIu64
           ": the RTL stopped on an assertion (its message is on stderr)\n",
           where.r->cfg, where.r->seed, where.kase, where.cycle);
    repro(where.r, where.kase);
    fflush(stdout);
}

/* ---- the driver ------------------------------------------------------------------ */
typedef struct {
    int pending;         /* a memory operation is outstanding */
    uint64_t due;        /* the cycle whose edge samples its mem_rvalid_i */
    uint64_t rdata;      /* its answer (garbage for a write's acknowledge) */
    uint8_t rerr;        /* ... with mem_err_i (a read beyond the bound) */
    unsigned reset_left; /* reset cycles still to come */
    uint64_t satp;       /* ctl_satp_i, changed at will */
    uint64_t pmem;       /* ctl_pmem_i, likewise */
    unsigned cur;        /* the pool ASID an accepted satp mostly names (a process) */
    /* for coverage */
    uint64_t accept_satp; /* ctl_satp_i as the access under way was accepted */
    int root_moved;       /* ... and it changed since */
    int just_reset;       /* the cycle before was a reset */
} driver;

static unsigned draw_mode(const plan *pl, rng *g)
{
    unsigned total = 0;
    for (unsigned i = 0; i < 4; i++)
        total += pl->mode_w[i];
    unsigned x = below(g, total);
    for (unsigned i = 0; i < 4; i++) {
        if (x < pl->mode_w[i])
            return i;
        x -= pl->mode_w[i];
    }
    return 2;
}

static unsigned draw_latency(const plan *pl, rng *g)
{
    if (pl->p_long && chance(g, pl->p_long))
        return 10 + below(g, 21);
    return pl->lat_fixed ? pl->lat_fixed : 1 + below(g, pl->lat_max);
}

/* satp for pool ASID a (its root), translating, or Bare. */
static uint64_t satp_of(const preset *p, const plan *pl, unsigned a, int bare)
{
    return preset_satp(p, bare ? 0 : p->satp_mode, pl->asid[a], pl->root[a] >> p->page_bits);
}

/* This cycle's inputs: everything random but what the contract fixes here. */
static void draw_inputs(const run *r, const plan *pl, const rude_ref *ref, driver *d, rng *g,
                        uint64_t cycle, rtl_in *in)
{
    const preset *p = r->p;
    int ready = ref_ready(ref); /* a request offered now is accepted */
    uint64_t page = ref_mask(p->page_bits);
    memset(in, 0, sizeof *in);
    in->tlb_policy = (uint8_t)pl->policy; /* held stable (contract) */
    in->itlb_policy = (uint8_t)pl->ipolicy;
    /* Garbage first: what this cycle does not use. */
    in->req_valid = 0;
    in->req_vaddr = rnd(g);
    in->req_kind = (uint8_t)below(g, 4);
    in->req_priv = (uint8_t)below(g, 2);
    in->inval_mode = (uint8_t)below(g, 4);
    in->inval_asid = (uint16_t)rnd(g);
    in->inval_vaddr = rnd(g);
    in->mem_rdata = rnd(g);
    in->mem_err = (uint8_t)below(g, 2);
    in->sum = chance(g, pl->p_sum);
    in->mxr = chance(g, pl->p_mxr);
    in->ad_fault = chance(g, pl->p_ad_fault);

    if (d->reset_left == 0 && pl->p_reset && chance(g, pl->p_reset))
        d->reset_left = 1 + below(g, 3);
    if (d->reset_left) {
        /* A reset cycle: every other input is ignored, so anything goes. */
        d->reset_left--;
        in->rst = 1;
        in->req_valid = (uint8_t)below(g, 2);
        in->inval = (uint8_t)below(g, 2);
        in->mem_rvalid = (uint8_t)below(g, 2);
        in->satp = rnd(g);
        in->pmem = rnd(g);
        return;
    }

    if (chance(g, pl->p_valid)) {
        in->req_valid = 1;
        if (chance(g, pl->p_pool)) {
            in->req_vaddr = plan_va(p, pl->vpn[below(g, pl->n_vpn)], rnd(g) & page);
            in->req_priv = chance(g, pl->p_priv_s);
            if (pl->p_noncanon && chance(g, pl->p_noncanon))
                in->req_vaddr ^= 1ull << (p->va_bits + below(g, 64 - p->va_bits));
        }
        /* Kind 3 only where nothing is accepted (contract: an assertion otherwise). */
        if (ready || chance(g, 700))
            in->req_kind = (uint8_t)below(g, 3);
        /* A request accepted now and then comes from another process. */
        if (ready && chance(g, 100))
            d->cur = below(g, pl->n_asid);
    }
    if (pl->p_inval && chance(g, pl->p_inval)) {
        in->inval = 1;
        in->inval_mode = (uint8_t)draw_mode(pl, g);
        if (chance(g, pl->p_pool)) {
            in->inval_asid = pl->asid[below(g, pl->n_asid)];
            in->inval_vaddr = plan_va(p, pl->vpn[below(g, pl->n_vpn)], rnd(g) & page);
        }
        unsigned aim = below(g, 1000);
        if (aim < 300) { /* aimed: the page being accepted, or the one under way */
            int accepting = ready && in->req_valid;
            /* in a hit's cycle, half the time the hit's page, half the next request's */
            if (accepting && ref->st == S_LOOKUP && chance(g, 500))
                accepting = 0;
            in->inval_asid = accepting || ref->st == S_IDLE ? pl->asid[d->cur] : ref->asid;
            in->inval_vaddr = accepting ? in->req_vaddr : ref->vaddr;
        } else if (aim < 500) { /* aimed: one page the TLB holds, in whichever way */
            unsigned n = ref->sets * ref->ways, first = below(g, n);
            for (unsigned k = 0; k < n; k++) {
                const tlb_entry *e = &ref->t.e[(first + k) % n];
                if (e->valid) {
                    /* a global entry goes only for every ASID */
                    in->inval_mode = !e->global && chance(g, 800) ? INVAL_PAGE : INVAL_PAGE_ALL;
                    in->inval_asid = e->asid;
                    in->inval_vaddr = plan_va(p, e->vpn, rnd(g) & page);
                    break;
                }
            }
        }
    }
    if (d->pending && d->due == cycle) {
        in->mem_rvalid = 1;
        in->mem_rdata = d->rdata;
        in->mem_err = d->rerr;
    }
    /* satp and the bound: sampled with a request; as one is accepted mostly the running
     * process's own satp and the case's bound; elsewhere anything, LOOKUP included. */
    if (ready && in->req_valid) {
        int bare = pl->p_bare && chance(g, pl->p_bare);
        unsigned a = chance(g, 900) ? d->cur : below(g, pl->n_asid);
        d->satp = satp_of(p, pl, a, bare);
        if (chance(g, 30)) /* a root anywhere */
            d->satp = preset_satp(p, bare ? 0 : p->satp_mode, pl->asid[a], table_addr(p, g) >> p->page_bits);
        d->pmem = pl->p_pmem && chance(g, 100) ? plan_pmem(p, g) : pl->pmem;
    } else if (pl->p_root && chance(g, pl->p_root)) {
        d->satp = chance(g, 700) ? satp_of(p, pl, below(g, pl->n_asid), 0) : rnd(g);
        d->pmem = pl->p_pmem && chance(g, pl->p_pmem) ? plan_pmem(p, g) : rnd(g);
    }
    in->satp = d->satp;
    in->pmem = d->pmem;
}

static void show(FILE *f, const past *h)
{
    const rtl_in *i = &h->in;
    const rtl_out *o = &h->out;
    fprintf(f, "  cycle %6" PRIu64 " %-10s in:", h->cycle, phase_name[h->ph]);
    if (i->rst)
        fprintf(f, " RESET");
    if (i->req_valid)
        fprintf(f, " req(va %#" PRIx64 " kind %u priv %u)", i->req_vaddr, i->req_kind, i->req_priv);
    if (i->inval)
        fprintf(f, " inval(mode %u asid %#x va %#" PRIx64 ")", i->inval_mode, i->inval_asid,
                i->inval_vaddr);
    if (i->mem_rvalid)
        fprintf(f, " rvalid(%#" PRIx64 "%s)", i->mem_rdata, i->mem_err ? ", err" : "");
    fprintf(f, " satp %#" PRIx64 " sum %u mxr %u adf %u pmem %#" PRIx64 " | out: ready %u", i->satp, i->sum,
            i->mxr, i->ad_fault, i->pmem, o->req_ready);
    if (o->rsp_valid)
        fprintf(f, " rsp(paddr %#" PRIx64 " hit %u fault %u)", o->rsp_paddr, o->rsp_hit,
                o->rsp_fault);
    if (o->mem_req)
        fprintf(f, " mem(%s %#" PRIx64 " wdata %#" PRIx64 ")", o->mem_we ? "write" : "read",
                o->mem_addr, o->mem_wdata);
    fputc('\n', f);
}

/* The first difference between what the RTL shows and what is due, or NULL. */
static const char *differs(const rtl_out *o, const rtl_out *x, char *buf, size_t n)
{
#define DIFF(field, cond)                                                               \
    if (cond) {                                                                         \
        snprintf(buf, n, "%s %#" PRIx64 ", want %#" PRIx64, #field, (uint64_t)o->field, \
                 (uint64_t)x->field);                                                   \
        return buf;                                                                     \
    }
    DIFF(req_ready, o->req_ready != x->req_ready);
    DIFF(rsp_valid, o->rsp_valid != x->rsp_valid);
    DIFF(rsp_hit, x->rsp_valid && o->rsp_hit != x->rsp_hit);
    DIFF(rsp_fault, x->rsp_valid && o->rsp_fault != x->rsp_fault);
    DIFF(rsp_paddr, x->rsp_valid && o->rsp_paddr != x->rsp_paddr);
    DIFF(mem_req, o->mem_req != x->mem_req);
    DIFF(mem_we, x->mem_req && o->mem_we != x->mem_we);
    DIFF(mem_addr, x->mem_req && o->mem_addr != x->mem_addr);
    DIFF(mem_wdata, x->mem_req && x->mem_we && o->mem_wdata != x->mem_wdata);
#undef DIFF
    return NULL;
}

/* Runs one case; returns 0, or 1 after printing its failure. */
static int run_case(const run *r, uint64_t kase, tally *t)
{
    rng g = {mix64(r->seed * 0x9e3779b97f4a7c15ull + kase)};
    plan pl;
    pmem m;
    pmem_init(&m, rnd(&g), pte_mask(r->p));
    plan_case(&pl, &m, r->p, &r->g, &g);
    rude_ref ref;
    /* Issue 17's policies from a generator of their own, so the draws above (and the
     * cases that catch the mutants) stay as they were: half the cases plru or random
     * (plru only on a power-of-two way count, the contract's condition). */
    rng gp = {mix64(r->seed * 0x9e3779b97f4a7c15ull + kase) ^ 0x706c7275u};
    pl.policy = pl.lru ? TLB_LRU : TLB_FIFO;
    if (chance(&gp, 500))
        pl.policy = chance(&gp, 500) && tlb_policy_ok(TLB_PLRU, r->g.ways) ? TLB_PLRU : TLB_RANDOM;
    t->policy[pl.policy]++;
    /* The ITLB's policy, of a build that has one: drawn apart (a generator of its own). */
    rng gi = {mix64(r->seed * 0x9e3779b97f4a7c15ull + kase) ^ 0x69746c62u};
    pl.ipolicy = (tlb_policy)below(&gi, 4);
    if (pl.ipolicy == TLB_PLRU && !tlb_policy_ok(TLB_PLRU, r->g.itlb_ways))
        pl.ipolicy = TLB_LRU;
    ref_init(&ref, r->p, r->g.sets, r->g.ways, pl.policy, r->g.itlb_sets, r->g.itlb_ways, pl.ipolicy,
             r->g.pwc_entries);
    rtl_model *model = rtl_new();
    if (!model) {
        fprintf(stderr, "rtl_rude: cannot build the RTL\n");
        exit(2);
    }
    driver d = {.satp = satp_of(r->p, &pl, 0, 0), .pmem = pl.pmem};
    past hist[HISTORY];
    int failed = 0;
    where.kase = kase;
    where.active = 1;
    t->cases++;
    for (uint64_t c = 0; c < r->cycles && !failed; c++) {
        rtl_in in;
        rtl_out out, want;
        ref_event ev;
        where.cycle = c;
        draw_inputs(r, &pl, &ref, &d, &g, c, &in);
        rtl_cycle(model, &in, &out);
        past *h = &hist[c % HISTORY];
        *h = (past){c, in, out, PH_IDLE};
        t->cycles++;
        if (in.rst) {
            /* Outputs of a reset cycle mean nothing; an outstanding operation is
             * abandoned (contract). */
            t->resets++;
            for (size_t e = 0; e < (size_t)ref.sets * ref.ways; e++) /* the DTLB's */
                if (ref.t.e[e].valid) {
                    t->reset_full++;
                    break;
                }
            d.just_reset = 1;
            t->reset_in[ref.st == S_IDLE     ? PH_IDLE
                        : ref.st == S_LOOKUP ? PH_MISS
                        : ref.st == S_ANSWER ? PH_FILL
                        : ref.st == S_STEP   ? PH_READ
                        : ref.op[ref.k].we   ? PH_WRITE
                                             : PH_READ]++;
            ref_reset(&ref);
            d.pending = 0;
            if (r->trace)
                show(stderr, h);
            continue;
        }
        if (ref_ready(&ref) && in.req_valid)
            d.accept_satp = in.satp, d.root_moved = 0;
        else if (ref.st != S_IDLE && in.satp != d.accept_satp && !d.root_moved)
            d.root_moved = 1, t->root_moved++;
        ref_cycle(&ref, &m, &in, c, &want, &ev);
        h->ph = ev.ph;
        t->after_reset += d.just_reset && ev.ph == PH_ACCEPT;
        t->hit_accept += ev.hit_accept;
        t->direct_accept += ev.direct_accept;
        t->hit_after_hit += ev.hit_after_hit;
        t->hit_accept_inval += ev.hit_accept_inval;
        d.just_reset = 0;
        t->accept_inval += ev.accept_inval;
        t->hit_inval += ev.hit_inval;
        if (ev.drop_only >= 0)
            t->drop_only[ev.drop_only]++;
        if (ev.page_way >= 0 && ev.page_way < 64)
            t->page_way[ev.page_way]++;
        t->bare += ev.bare;
        t->noncanonical += ev.noncanonical;
        t->pte_err += ev.pte_err;
        t->hit_global += ev.hit_global;
        t->fill_global += ev.filled && ev.fill_global;
        t->inval_global += ev.inval_global;
        if (ev.hit_level >= 0) {
            t->hit_level[ev.hit_level & 3]++;
            t->hit_fault[want.rsp_fault & 3]++;
        }
        if (ev.fill_level >= 0)
            t->fill_level[ev.fill_level & 3]++;
        if (r->trace)
            show(stderr, h);
        if (in.inval)
            t->inval[ev.ph][in.inval_mode & 3]++;
        if (in.req_valid && !want.req_ready)
            t->busy_offer[ev.ph]++, t->offered_busy++;
        t->accepted += ev.accepted;
        t->hits += ev.ph == PH_HIT;
        t->itlb_hits += ev.hit_itlb;
        t->pwc_hits += ev.pwc_hit;
        t->pwc_fill_dropped += ev.pwc_fill_dropped;
        t->cross_hits += ev.hit_after_hit && ev.hit_itlb != ev.hit_itlb_before;
        t->walks += ev.ph == PH_MISS;
        if (ev.answered)
            t->faults[want.rsp_fault & 3]++;
        t->fills += ev.filled;
        t->dropped += ev.dropped;
        if (ev.fill_way >= 0 && ev.fill_way < 64) {
            t->fill_way[ev.fill_way]++;
            if (ev.victim)
                t->victim_way[ev.fill_way]++, t->victims++, t->victim_pol[ev.fill_itlb ? pl.ipolicy : pl.policy]++,
                    t->itlb_victims += ev.fill_itlb;
        }

        char why[160];
        const char *diff = differs(&out, &want, why, sizeof why);
        /* The reference against the model's own latency formula (one latency for
         * every operation): a check of this file, not of the RTL. */
        char self[160];
        if (!diff && ev.answered && !pl.p_long && pl.lat_fixed) {
            unsigned want_lat = ev.ph == PH_HIT
                                    ? timing_hit()
                                    : timing_walk(ref.w.reads, ref.w.writes, ref.w.pwc_hits, pl.lat_fixed);
            if (ev.latency != want_lat) {
                snprintf(self, sizeof self,
                         "the reference answers after %u cycles, model/timing.h says %u",
                         ev.latency, want_lat);
                diff = self;
            }
        }
        if (diff) {
            printf("FAIL rude %s: seed %" PRIu64 " case %" PRIu64 " cycle %" PRIu64 " (%s): %s\n",
                   r->cfg, r->seed, kase, c, phase_name[ev.ph], diff);
            repro(r, kase);
            fprintf(stderr, "rtl_rude: %s seed %" PRIu64 " case %" PRIu64 ": the last cycles:\n",
                    r->cfg, r->seed, kase);
            for (uint64_t k = c + 1 > HISTORY ? c + 1 - HISTORY : 0; k <= c; k++)
                show(stderr, &hist[k % HISTORY]);
            fprintf(stderr,
                    "  (access: va %#" PRIx64 " kind %u priv %u accepted at cycle %" PRIu64
                    "; its asid %#x)\n",
                    ref.vaddr, ref.kind, ref.priv, ref.accepted, ref.asid);
            failed = 1;
            break;
        }

        /* The memory side: serve what the RTL issued (it is what was due). */
        if (in.mem_rvalid)
            d.pending = 0;
        if (out.mem_req) {
            if (out.mem_we) {
                pmem_write(&m, out.mem_addr, out.mem_wdata); /* lands at this edge */
                d.rdata = rnd(&g);
                t->writes++;
                d.rerr = (uint8_t)below(&g, 2); /* mem_err_i with a write's ack: not read */
            } else {
                d.rdata = pmem_read(&m, out.mem_addr);
                d.rerr = ref.ctl.pmem && out.mem_addr >= ref.ctl.pmem;
            }
            unsigned l = draw_latency(&pl, &g);
            t->lat[l < MAX_LAT ? l : MAX_LAT]++;
            d.pending = 1;
            d.due = c + l;
        }
        if (ref.st == S_IDLE && pl.p_mutate && chance(&g, pl.p_mutate))
            plan_mutate(&pl, &m, r->p, &g);
    }
    where.active = 0;
    rtl_free(model);
    ref_free(&ref);
    pmem_free(&m);
    return failed;
}

/* ---- coverage ------------------------------------------------------------------------ */
/* Corners a long enough run must reach; returns how many it missed, after a line each. */
static unsigned cover_check(const run *r, const tally *t, int print)
{
    unsigned missed = 0;
    char buf[1024];
    size_t n = 0;
#define MISS(...)                                                        \
    do {                                                                 \
        missed++;                                                        \
        if (print && n < sizeof buf - 64) {                              \
            n += (size_t)snprintf(buf + n, sizeof buf - n, __VA_ARGS__); \
            n = n < sizeof buf ? n : sizeof buf - 1;                     \
        }                                                                \
    } while (0)
    for (unsigned ph = 0; ph < PH_N; ph++)
        for (unsigned mode = 0; mode < 4; mode++)
            if (!t->inval[ph][mode])
                MISS(" inval mode %u in %s;", mode, phase_name[ph]);
    static const phase reset_phases[] = {PH_IDLE, PH_MISS, PH_READ, PH_WRITE, PH_FILL};
    for (unsigned i = 0; i < sizeof reset_phases / sizeof reset_phases[0]; i++)
        if (!t->reset_in[reset_phases[i]])
            MISS(" reset in %s;", phase_name[reset_phases[i]]);
    /* every phase that is not ready (a hit's is: its offers are accepted) */
    for (unsigned ph = PH_MISS; ph < PH_N; ph++)
        if (!t->busy_offer[ph])
            MISS(" request offered in %s;", phase_name[ph]);
    /* a hit every cycle: requests accepted in the cycle that answers */
    const struct {
        uint64_t n;
        const char *what;
    } piped[] = {{t->hit_accept, "a request accepted in a hit's cycle"},
                 {t->direct_accept, "a request accepted in a Bare or non-canonical answer's cycle"},
                 {t->hit_after_hit, "two hits on consecutive cycles"},
                 {t->hit_accept_inval, "an invalidation in a hit's cycle with a request accepted"}};
    for (unsigned i = 0; i < sizeof piped / sizeof piped[0]; i++)
        if (!piped[i].n)
            MISS(" %s;", piped[i].what);
    for (unsigned l = 1; l <= MAX_LAT; l++)
        if (!t->lat[l])
            MISS(" memory latency %u%s;", l, l == MAX_LAT ? "+" : "");
    for (unsigned w = 0; w < r->g.ways && w < 64; w++) {
        if (!t->fill_way[w])
            MISS(" fill into way %u;", w);
        if (!t->victim_way[w])
            MISS(" victim in way %u;", w);
        if (!t->page_way[w])
            MISS(" INVAL_PAGE of an entry in way %u;", w);
    }
    for (unsigned k = 0; k < 4; k++)
        if (tlb_policy_ok((tlb_policy)k, r->g.ways) && !t->victim_pol[k])
            MISS(" a victim under %s;", tlb_policy_name(k));
    for (unsigned f = 0; f < 3; f++)
        if (!t->faults[f])
            MISS(" answer with fault %u;", f);
    static const phase drop_phases[] = {PH_MISS,  PH_READ,       PH_WAIT_READ,
                                        PH_WRITE, PH_WAIT_WRITE, PH_FILL};
    for (unsigned i = 0; i < sizeof drop_phases / sizeof drop_phases[0]; i++)
        if (!t->drop_only[drop_phases[i]])
            MISS(" a fill dropped by invalidations in %s only;", phase_name[drop_phases[i]]);
    if (!t->accept_inval)
        MISS(" an invalidation in the accepting cycle of the request's key;");
    if (!t->hit_inval)
        MISS(" a hit whose entry is invalidated as it answers;");
    if (!t->root_moved)
        MISS(" ctl_satp_i changed during a walk;");
    if (!t->bare)
        MISS(" a Bare request;");
    if (r->p->pte_bytes == 8 && !t->noncanonical)
        MISS(" a non-canonical request;");
    if (!t->pte_err)
        MISS(" a PTE read answered with mem_err;");
    for (unsigned f = 0; f < 3; f++)
        if (!t->hit_fault[f])
            MISS(" a TLB hit with fault %u;", f);
    for (unsigned l = 0; l < r->p->levels; l++) {
        if (!t->fill_level[l])
            MISS(" a fill of level %u;", l);
        if (!t->hit_level[l])
            MISS(" a hit of level %u;", l);
    }
    if (!t->fill_global)
        MISS(" a global fill;");
    if (!t->hit_global)
        MISS(" a global entry hit under another ASID;");
    if (!t->inval_global)
        MISS(" an invalidation clearing a global entry;");
    if (!t->reset_full)
        MISS(" a reset with valid TLB entries;");
    if (!t->after_reset)
        MISS(" a request accepted in the first cycle after a reset;");
    if (r->g.itlb_ways && !t->itlb_hits)
        MISS(" an ITLB hit;");
    if (r->g.itlb_ways && !t->itlb_victims)
        MISS(" an ITLB victim;");
    if (r->g.itlb_ways && !t->cross_hits)
        MISS(" an ITLB hit and a DTLB hit on consecutive cycles;");
    if (r->g.pwc_entries && r->p->levels > 1 && !t->pwc_hits)
        MISS(" a page-walk cache hit;");
    if (r->g.pwc_entries && r->p->levels > 1 && !t->pwc_fill_dropped)
        MISS(" a page-walk cache fill dropped by an invalidation;");
#undef MISS
    if (print && missed)
        printf("FAIL rude %s: coverage: %u corners never reached:%s\n", r->cfg, missed, buf);
    return missed;
}

static int parse_u64(const char *opt, const char *s, uint64_t *v)
{
    char *end;
    if (!s || !*s || *s == '-') {
        fprintf(stderr, "rtl_rude: %s needs a number\n", opt);
        return -1;
    }
    *v = strtoull(s, &end, 0);
    if (*end) {
        fprintf(stderr, "rtl_rude: %s %s: not a number\n", opt, s);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    run r = {.argv0 = argv[0], .seed = 1, .cycles = 3000};
    uint64_t cases = 100, only = 0;
    int have_only = 0, cover = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        uint64_t v;
        if (!strcmp(a, "--cover")) {
            cover = 1;
        } else if (!strcmp(a, "--trace")) {
            r.trace = 1;
        } else if (!strcmp(a, "--seed") || !strcmp(a, "--cases") || !strcmp(a, "--case") ||
                   !strcmp(a, "--cycles")) {
            if (parse_u64(a, i + 1 < argc ? argv[i + 1] : NULL, &v) != 0)
                return 2;
            i++;
            if (!strcmp(a, "--seed"))
                r.seed = v;
            else if (!strcmp(a, "--cases"))
                cases = v;
            else if (!strcmp(a, "--case"))
                only = v, have_only = 1;
            else
                r.cycles = v;
        } else {
            fprintf(stderr,
                    "rtl_rude: %s: unknown option (usage: rtl_rude [--seed S] [--cases N] "
                    "[--case K] [--cycles C] [--cover] [--trace])\n",
                    a);
            return 2;
        }
    }

    /* The preset this build was made with. */
    rtl_model *probe = rtl_new();
    if (!probe) {
        fprintf(stderr, "rtl_rude: cannot build the RTL\n");
        return 2;
    }
    rtl_geometry_get(probe, &r.g);
    rtl_free(probe);
    for (size_t i = 0; preset_at(i); i++) {
        const preset *p = preset_at(i);
        if (p->va_bits == r.g.va_bits && p->page_bits == r.g.page_bits && p->levels == r.g.levels &&
            p->pte_bytes == r.g.pte_bytes && p->pa_bits == r.g.pa_bits && p->asid_bits == r.g.asid_bits &&
            p->satp_mode == r.g.satp_mode)
            r.p = p;
    }
    if (!r.p) {
        fprintf(stderr, "rtl_rude: no preset of model/presets.def has this build's geometry\n");
        return 2;
    }
    char cfg[64];
    if (r.g.itlb_ways)
        snprintf(cfg, sizeof cfg, "%s-%ux%u-i%ux%u", r.p->name, r.g.sets, r.g.ways, r.g.itlb_sets, r.g.itlb_ways);
    else
        snprintf(cfg, sizeof cfg, "%s-%ux%u", r.p->name, r.g.sets, r.g.ways);
    if (r.g.pwc_entries)
        snprintf(cfg + strlen(cfg), sizeof cfg - strlen(cfg), "-p%u", r.g.pwc_entries);
    r.cfg = cfg;
    where.r = &r;
    atexit(on_exit_report);

    tally t;
    memset(&t, 0, sizeof t);
    uint64_t first = have_only ? only : 0, last = have_only ? only + 1 : cases;
    for (uint64_t k = first; k < last; k++)
        if (run_case(&r, k, &t))
            return 1;
    printf("PASS rude %s: seed %" PRIu64 ", %" PRIu64 " cases, %" PRIu64 " cycles: %" PRIu64
           " requests accepted (%" PRIu64 " hits, %" PRIu64 " walks; faults: %" PRIu64
           " page, %" PRIu64 " access), %" PRIu64 " requests offered while busy, %" PRIu64
           " fills (%" PRIu64 " into a full set), %" PRIu64 " dropped by an invalidation, %" PRIu64
           " A/D writes, %" PRIu64 " resets\n",
           cfg, r.seed, t.cases, t.cycles, t.accepted, t.hits, t.walks, t.faults[1], t.faults[2],
           t.offered_busy, t.fills, t.victims, t.dropped, t.writes, t.resets);
    uint64_t inv = 0;
    for (unsigned ph = 0; ph < PH_N; ph++)
        for (unsigned mode = 0; mode < 4; mode++)
            inv += t.inval[ph][mode];
    if (cover) {
        if (cover_check(&r, &t, 1))
            return 1;
        printf("PASS rude %s: coverage: %" PRIu64
               " invalidations, every mode in every phase; a reset "
               "in each state; a request offered in every busy phase; requests accepted in the cycle of "
               "a hit (%" PRIu64 "), of a direct answer (%" PRIu64 "), hits on consecutive cycles (%" PRIu64
               "), a hit's cycle with an invalidation and a request accepted (%" PRIu64 "); memory latencies 1..%u+; "
               "a fill into, a victim in, and a page invalidated in every way; every fault kind; "
               "fills dropped by an "
               "invalidation in each walk phase alone; an invalidation of the key in the accepting "
               "cycle (%" PRIu64 "), of a hit's entry as it answers (%" PRIu64 "); satp moved "
               "during a walk; resets of a full TLB, and a request right after; Bare (%" PRIu64
               ") and non-canonical (%" PRIu64 ") requests, PTE reads with mem_err (%" PRIu64
               "), TLB hits of every fault, fills and hits of every level, global fills (%" PRIu64
               "), hits under another ASID (%" PRIu64 ") and invalidations (%" PRIu64 ")\n",
               cfg, inv, t.hit_accept, t.direct_accept, t.hit_after_hit, t.hit_accept_inval, MAX_LAT,
               t.accept_inval, t.hit_inval, t.bare, t.noncanonical, t.pte_err,
               t.fill_global, t.hit_global, t.inval_global);
    }
    return 0;
}

// SPDX-License-Identifier: MIT
/* mmu_rtl.c — the OS's MMU interface over the Verilated RTL's C API. */
#include "harness/mmu/mmu_rtl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/timing.h"
#include "rtl/sim/rtl_capi.h"

struct mmu_rtl {
    rtl_model *m;
    mem_port mem;
    const preset *p;
    unsigned latency;
    uint64_t limit;      /* cycles after which a request not accepted, or not answered, is
                          * taken as hung: far beyond the longest walk */
    rtl_in in;           /* inputs held between cycles (satp, the controls, policy); its
                          * hold is 1 once they are driven, 0 again when one changes */
    int pending;         /* a memory answer is due */
    uint64_t due;        /* the cycle whose rising edge samples it */
    uint64_t rdata;
    uint8_t rerr;        /* ... with mem_err_i: a read outside physical memory */
    uint64_t now;        /* rtl_cycles(m), kept here: only begin()/end() move the clock,
                          * and a call into the C++ side per cycle costs */
    /* The cycle `now` is settled and answered a request in LOOKUP, so the MMU is ready
     * in it: its edge waits for the OS's next step (a request offered in this very
     * cycle, or an invalidation), as a core offers its next request in the cycle of a
     * hit.  A walk's answer (FILL, FAULT) is never left open: ready is 0 there. */
    int open;
    int waves_off;       /* the dump window closes after the open cycle's edge */
};

/* The first half of clock cycle `now`: the memory answer due in it, its outputs into
 * *o, and the walker's memory operation of this cycle served. */
static void begin(mmu_rtl *r, rtl_out *o)
{
    uint64_t now = r->now;
    r->in.mem_rvalid = r->pending && r->due == now;
    r->in.mem_rdata = r->in.mem_rvalid ? r->rdata : 0;
    r->in.mem_err = r->in.mem_rvalid && r->rerr;
    rtl_settle(r->m, &r->in, o);
    if (r->in.mem_rvalid)
        r->pending = 0;
    if (o->mem_req) {
        /* A write lands at the edge that samples it; a read answers with memory as it
         * is now, and with an error at or beyond the end of physical memory (the read
         * is made all the same: the model's walk makes it too, and both are logged).
         * Either is acknowledged `latency` edges later. */
        unsigned bytes = r->p->pte_bytes;
        r->rerr = 0;
        if (o->mem_we) {
            r->mem.write(r->mem.ctx, o->mem_addr, o->mem_wdata, bytes);
            r->rdata = 0;
        } else {
            r->rdata = r->mem.read(r->mem.ctx, o->mem_addr, bytes);
            r->rerr = r->in.pmem && o->mem_addr >= r->in.pmem;
        }
        r->pending = 1;
        r->due = now + r->latency;
    }
}

/* The second half: the rising edge; `changed` if the inputs changed since begin(). */
static void end(mmu_rtl *r, int changed)
{
    rtl_edge(r->m, changed ? &r->in : NULL);
    r->in.hold = 1; /* rtl_edge() drove r->in, or rtl_settle() did */
    r->now++;
    r->in.os_event = 0;
    if (r->waves_off) {
        r->waves_off = 0;
        rtl_waves_enable(r->m, 0);
    }
}

static void translate(void *impl, uint64_t vaddr, access_kind kind, priv_mode priv, mmu_result *res)
{
    mmu_rtl *r = impl;
    rtl_out o;
    uint64_t accepted = 0, limit = r->limit;
    memset(res, 0, sizeof *res);
    r->in.req_valid = 1;
    r->in.req_vaddr = vaddr;
    r->in.req_kind = (uint8_t)kind;
    r->in.req_priv = (uint8_t)priv;
    /* Offered until accepted: in the open cycle of the last answer, else in the next
     * cycle that is ready (IDLE). */
    for (uint64_t n = 0;; n++) {
        int open = r->open;
        if (open)
            o.req_ready = 1; /* the open cycle showed it */
        else
            begin(r, &o);
        r->open = 0;
        if (o.req_ready) {
            accepted = r->now;
            end(r, open);
            r->in.req_valid = 0;
            break;
        }
        end(r, 0);
        if (n > limit)
            goto hung;
    }
    for (uint64_t n = 0; n <= limit; n++) {
        begin(r, &o);
        if (o.mem_req) {
            if (o.mem_we)
                res->pte_writes++;
            else
                res->pte_reads++;
        }
        if (o.rsp_valid) {
            res->at = r->now;
            res->cycles = (uint32_t)(r->now - accepted);
            res->hit = o.rsp_hit;
            res->fault = o.rsp_fault;
            res->paddr = o.rsp_paddr; /* as answered: the contract's 0 on a fault is checked */
            /* The page-walk cache's hits are the walk's cycles beyond its operations'. */
            if (res->pte_reads && res->cycles > timing_walk(res->pte_reads, res->pte_writes, 0, r->latency))
                res->pwc_hits = (uint8_t)(res->cycles - timing_walk(res->pte_reads, res->pte_writes, 0, r->latency));
            if (o.req_ready)
                r->open = 1; /* answered in LOOKUP: the next step may come in this cycle */
            else
                end(r, 0);
            return;
        }
        end(r, 0);
    }
hung:
    /* A hung walker: answer something the checker will reject, never hang. */
    res->cycles = UINT32_MAX;
    res->fault = FAULT_ACCESS;
    res->at = r->now;
    r->in.req_valid = 0;
}

static void invalidate(void *impl, inval_mode mode, uint16_t asid, uint64_t vaddr)
{
    mmu_rtl *r = impl;
    rtl_out o;
    int open = r->open;
    r->open = 0;
    r->in.inval = 1;
    r->in.inval_mode = (uint8_t)mode;
    r->in.inval_asid = asid;
    r->in.inval_vaddr = vaddr;
    r->in.hold = 0;
    if (!open)
        begin(r, &o);
    end(r, open);
    r->in.inval = 0;
    r->in.hold = 0;
}

static void set_satp(void *impl, uint64_t satp)
{
    mmu_rtl *r = impl;
    r->in.satp = satp;
    r->in.hold = 0;
}

static void set_ctl(void *impl, const mmu_ctl *c)
{
    mmu_rtl *r = impl;
    r->in.sum = c->sum;
    r->in.mxr = c->mxr;
    r->in.ad_fault = c->ad_fault;
    r->in.pmem = c->pmem;
    r->in.hold = 0;
}

void mmu_rtl_show_access(mmu_rtl *r, uint64_t access) { r->in.os_access = (uint32_t)access; }

void mmu_rtl_show_event(mmu_rtl *r, rtl_os_event ev, uint32_t frame)
{
    r->in.os_event = (uint8_t)ev; /* end() clears it after one cycle */
    r->in.os_frame = frame;
}

static void destroy(void *impl)
{
    mmu_rtl *r = impl;
    if (r->open) /* the last answer's cycle, into the waveform too */
        end(r, 0);
    rtl_free(r->m);
    free(r);
}

/* No translate_hits: every request is a cycle-accurate handshake of its own. */
static const mmu_ops rtl_ops = {
    .name = "RTL", .translate = translate, .invalidate = invalidate, .set_satp = set_satp,
    .set_ctl = set_ctl, .destroy = destroy,
};

uint64_t mmu_rtl_cycles(const mmu_rtl *r) { return r->now; }
void mmu_rtl_waves(mmu_rtl *r, int on)
{
    /* A window that ends on an answer in LOOKUP keeps that cycle: it is dumped at its
     * edge, which the next step makes (with the next request offered in it). */
    r->waves_off = !on && r->open;
    if (!r->waves_off)
        rtl_waves_enable(r->m, on);
}

mmu_rtl *mmu_rtl_new(mmu *out, const mmu_config *c, mem_port mem, const rtl_options *ro,
                     char *err, size_t errlen)
{
    mmu_rtl *r = calloc(1, sizeof *r);
    if (!r || !(r->m = rtl_new())) {
        snprintf(err, errlen, "cannot build the Verilated MMU");
        free(r);
        return NULL;
    }
    rtl_geometry g;
    rtl_geometry_get(r->m, &g);
    const preset *p = c->preset;
    if (g.va_bits != p->va_bits || g.page_bits != p->page_bits || g.levels != p->levels ||
        g.level_bits != p->level_bits || g.pte_bytes != p->pte_bytes || g.pa_bits != p->pa_bits ||
        g.asid_bits != p->asid_bits || g.satp_mode != p->satp_mode || g.sets != c->sets || g.ways != c->ways ||
        g.itlb_ways != c->itlb_ways || (c->itlb_ways && g.itlb_sets != c->itlb_sets) ||
        g.pwc_entries != c->pwc_entries || g.l2_ways != c->l2_ways || (c->l2_ways && g.l2_sets != c->l2_sets)) {
        char built[128], asked[128], knobs[128] = "", name[64] = "";
        if (g.itlb_ways)
            snprintf(built, sizeof built, "%ux%u DTLB and %ux%u ITLB", g.sets, g.ways, g.itlb_sets, g.itlb_ways);
        else
            snprintf(built, sizeof built, "%ux%u TLB", g.sets, g.ways);
        if (c->itlb_ways) {
            snprintf(asked, sizeof asked, "%ux%u DTLB and %ux%u ITLB", c->sets, c->ways, c->itlb_sets, c->itlb_ways);
            snprintf(knobs, sizeof knobs, " ITLB_SETS=%u ITLB_WAYS=%u", c->itlb_sets, c->itlb_ways);
            snprintf(name, sizeof name, "-i%ux%u", c->itlb_sets, c->itlb_ways);
        } else {
            snprintf(asked, sizeof asked, "%ux%u TLB", c->sets, c->ways);
        }
        size_t b = strlen(built), a = strlen(asked), k = strlen(knobs), nm = strlen(name);
        if (g.l2_ways || c->l2_ways) {
            if (g.l2_ways)
                snprintf(built + b, sizeof built - b, ", L2 TLB %ux%u", g.l2_sets, g.l2_ways);
            else
                snprintf(built + b, sizeof built - b, ", no L2 TLB");
            if (c->l2_ways)
                snprintf(asked + a, sizeof asked - a, ", L2 TLB %ux%u", c->l2_sets, c->l2_ways);
            else
                snprintf(asked + a, sizeof asked - a, ", no L2 TLB");
        }
        if (c->l2_ways) {
            snprintf(knobs + k, sizeof knobs - k, " L2_SETS=%u L2_WAYS=%u", c->l2_sets, c->l2_ways);
            snprintf(name + nm, sizeof name - nm, "-L%ux%u", c->l2_sets, c->l2_ways);
        }
        b = strlen(built), a = strlen(asked), k = strlen(knobs), nm = strlen(name);
        if (g.pwc_entries || c->pwc_entries) {
            snprintf(built + b, sizeof built - b, ", page-walk cache %u", g.pwc_entries);
            snprintf(asked + a, sizeof asked - a, ", page-walk cache %u", c->pwc_entries);
        }
        if (c->pwc_entries) {
            snprintf(knobs + k, sizeof knobs - k, " PWC_ENTRIES=%u", c->pwc_entries);
            snprintf(name + nm, sizeof name - nm, "-p%u", c->pwc_entries);
        }
        snprintf(err, errlen, "this vmsim's RTL was built for a %u-level, %u-bit VA, %s; "
                 "the run asks for %s with a %s: use `make sim CONFIG=%s TLB_SETS=%u TLB_WAYS=%u%s`, "
                 "which builds build/%s-%ux%u%s/vmsim", g.levels, g.va_bits, built, p->name, asked,
                 p->name, c->sets, c->ways, knobs, p->name, c->sets, c->ways, name);
        rtl_free(r->m);
        free(r);
        return NULL;
    }
    if (ro->waves && rtl_waves_open(r->m, ro->waves) != 0) {
        snprintf(err, errlen, "--waves %s: cannot write the waveform", ro->waves);
        rtl_free(r->m);
        free(r);
        return NULL;
    }
    r->mem = mem;
    r->p = p;
    r->latency = c->mem_latency;
    r->limit = 64 + 2 * (uint64_t)(p->levels + 1) * (1 + r->latency);
    r->in.tlb_policy = (uint8_t)c->policy;
    r->in.itlb_policy = (uint8_t)c->itlb_policy;
    r->in.l2_policy = (uint8_t)c->l2_policy;
    out->ops = &rtl_ops;
    out->impl = r;
    return r;
}

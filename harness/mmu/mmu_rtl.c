// SPDX-License-Identifier: MIT
/* mmu_rtl.c — the OS's MMU interface over the Verilated RTL's C API. */
#include "harness/mmu/mmu_rtl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rtl/sim/rtl_capi.h"

struct mmu_rtl {
    rtl_model *m;
    mem_port mem;
    const preset *p;
    unsigned latency;
    rtl_in in;           /* inputs held between cycles (satp, the controls, policy) */
    int pending;         /* a memory answer is due */
    uint64_t due;        /* the cycle whose rising edge samples it */
    uint64_t rdata;
    uint8_t rerr;        /* ... with mem_err_i: a read outside physical memory */
    uint64_t now;        /* rtl_cycles(m), kept here: step() is the only caller of
                          * rtl_cycle(), and a call into the C++ side per cycle costs */
};

/* One clock cycle; serves the walker's memory port.  Fills *o with the outputs
 * sampled and returns the cycle's number. */
static uint64_t step(mmu_rtl *r, rtl_out *o)
{
    uint64_t now = r->now++;
    r->in.mem_rvalid = r->pending && r->due == now;
    r->in.mem_rdata = r->in.mem_rvalid ? r->rdata : 0;
    r->in.mem_err = r->in.mem_rvalid && r->rerr;
    rtl_cycle(r->m, &r->in, o);
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
    r->in.os_event = 0;
    return now;
}

static void translate(void *impl, uint64_t vaddr, access_kind kind, priv_mode priv, mmu_result *res)
{
    mmu_rtl *r = impl;
    rtl_out o;
    uint64_t accepted = 0, limit = 64 + 2 * (uint64_t)(r->p->levels + 1) * (1 + r->latency);
    int waiting = 1;
    memset(res, 0, sizeof *res);
    r->in.req_valid = 1;
    r->in.req_vaddr = vaddr;
    r->in.req_kind = (uint8_t)kind;
    r->in.req_priv = (uint8_t)priv;
    for (uint64_t n = 0;; n++) {
        int offered = r->in.req_valid;
        uint64_t now = step(r, &o);
        if (offered && o.req_ready) {
            accepted = now;
            waiting = 0;
            r->in.req_valid = 0;
        } else if (!waiting && o.mem_req) {
            if (o.mem_we)
                res->pte_writes++;
            else
                res->pte_reads++;
        }
        if (!waiting && o.rsp_valid) {
            res->cycles = (uint32_t)(now - accepted);
            res->hit = o.rsp_hit;
            res->fault = o.rsp_fault;
            res->paddr = o.rsp_paddr; /* as answered: the contract's 0 on a fault is checked */
            return;
        }
        if (n > limit) {
            /* A hung walker: answer something the checker will reject, never hang. */
            res->cycles = UINT32_MAX;
            res->fault = FAULT_ACCESS;
            r->in.req_valid = 0;
            return;
        }
    }
}

static void invalidate(void *impl, inval_mode mode, uint16_t asid, uint64_t vaddr)
{
    mmu_rtl *r = impl;
    rtl_out o;
    r->in.inval = 1;
    r->in.inval_mode = (uint8_t)mode;
    r->in.inval_asid = asid;
    r->in.inval_vaddr = vaddr;
    step(r, &o);
    r->in.inval = 0;
}

static void set_satp(void *impl, uint64_t satp)
{
    mmu_rtl *r = impl;
    r->in.satp = satp;
}

static void set_ctl(void *impl, const mmu_ctl *c)
{
    mmu_rtl *r = impl;
    r->in.sum = c->sum;
    r->in.mxr = c->mxr;
    r->in.ad_fault = c->ad_fault;
    r->in.pmem = c->pmem;
}

void mmu_rtl_show_access(mmu_rtl *r, uint64_t access) { r->in.os_access = (uint32_t)access; }

void mmu_rtl_show_event(mmu_rtl *r, rtl_os_event ev, uint32_t frame)
{
    r->in.os_event = (uint8_t)ev; /* step() clears it after one cycle */
    r->in.os_frame = frame;
}

static void destroy(void *impl)
{
    mmu_rtl *r = impl;
    rtl_free(r->m);
    free(r);
}

/* No translate_hits: every request is a cycle-accurate handshake of its own. */
static const mmu_ops rtl_ops = {
    .name = "RTL", .translate = translate, .invalidate = invalidate, .set_satp = set_satp,
    .set_ctl = set_ctl, .destroy = destroy,
};

uint64_t mmu_rtl_cycles(const mmu_rtl *r) { return r->now; }
void mmu_rtl_waves(mmu_rtl *r, int on) { rtl_waves_enable(r->m, on); }

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
        g.asid_bits != p->asid_bits || g.satp_mode != p->satp_mode || g.sets != c->sets || g.ways != c->ways) {
        snprintf(err, errlen, "this vmsim's RTL was built for a %u-level, %u-bit VA, %ux%u TLB; "
                 "the run asks for %s with a %ux%u TLB: use `make sim CONFIG=%s TLB_SETS=%u TLB_WAYS=%u`, "
                 "which builds build/%s-%ux%u/vmsim", g.levels, g.va_bits, g.sets, g.ways, p->name,
                 c->sets, c->ways, p->name, c->sets, c->ways, p->name, c->sets, c->ways);
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
    r->in.tlb_policy = (uint8_t)c->policy;
    out->ops = &rtl_ops;
    out->impl = r;
    return r;
}

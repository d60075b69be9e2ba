// SPDX-License-Identifier: MIT
/* rtl_fakesys.h -- a system for directed RTL tests: one Verilated MMU driven through
 * the C API (rtl/sim/rtl_capi.h), a fake physical memory, and page tables built by
 * hand.  Shared by tests/rtl/rtl_smoke.c (the contract's cases) and tests/rtl/rtl_gaps.c
 * (what an OS-driven co-simulation cannot reach); each keeps its own checks.
 *
 * It adapts to the build's geometry (any preset, any SETS x WAYS).  User frames sit
 * below TABLE_BASE, page tables from it up; the memory answers after `lat` cycles,
 * as the harness does (docs/contract.md, "The RTL's ports"). */
#ifndef VMMU_RTL_FAKESYS_H
#define VMMU_RTL_FAKESYS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rtl_capi.h"

enum { PTE_V = 1, PTE_R = 2, PTE_W = 4, PTE_X = 8, PTE_U = 16, PTE_G = 32, PTE_A = 64, PTE_D = 128 };
enum { K_READ = 0, K_WRITE = 1, K_EXEC = 2 };
enum { F_NONE = 0, F_PAGE = 1, F_ACCESS = 2, F_HUNG = -1 };
enum { INV_PAGE = 0, INV_ASID = 1, INV_ALL = 2, INV_PAGE_ALL = 3 };

#define MEM_SIZE (4u << 20)   /* fake physical memory */
#define TABLE_BASE (1u << 20) /* page tables from here; user frames below */

/* One system: the RTL plus its memory and page-table allocator. */
typedef struct {
    rtl_model *m;
    rtl_geometry g;
    uint8_t *mem;
    uint64_t next_table; /* next free table address */
    uint64_t root;
    unsigned lat; /* memory latency L */
    int lru;      /* TLB policy */
    unsigned priv; /* the requests' privilege: 0 U-mode (the default), 1 S-mode */
    rtl_in in;    /* inputs of the next cycle (persistent controls: satp, SUM, ...) */
} sys_t;

/* What one translation did. */
typedef struct {
    uint64_t paddr;
    int hit, fault;   /* fault is F_HUNG when no answer came */
    unsigned latency; /* answer edge - accepting edge */
    unsigned reads, writes;
    uint64_t last_write_addr, last_write_data;
} result_t;

static inline uint64_t mem_rd(const sys_t *s, uint64_t a)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < s->g.pte_bytes; i++)
        v |= (uint64_t)s->mem[a + i] << (8 * i);
    return v;
}

static inline void mem_wr(sys_t *s, uint64_t a, uint64_t v)
{
    for (unsigned i = 0; i < s->g.pte_bytes; i++)
        s->mem[a + i] = (uint8_t)(v >> (8 * i));
}

static inline uint64_t table_alloc(sys_t *s)
{
    uint64_t bytes = (uint64_t)s->g.pte_bytes << s->g.level_bits;
    uint64_t page = 1ull << s->g.page_bits;
    uint64_t a = s->next_table;
    s->next_table += (bytes + page - 1) / page * page;
    if (s->next_table > MEM_SIZE) {
        fprintf(stderr, "rtl test: out of table memory\n");
        exit(2);
    }
    return a;
}

static inline unsigned vpn_slice(const sys_t *s, uint64_t vpn, unsigned level)
{
    return (unsigned)((vpn >> (level * s->g.level_bits)) & ((1u << s->g.level_bits) - 1));
}

/* The address of the PTE of vpn at `level`, making the pointer tables above it. */
static inline uint64_t pte_at(sys_t *s, uint64_t vpn, unsigned level)
{
    uint64_t a = s->root;
    for (unsigned i = s->g.levels - 1; i > level; i--) {
        uint64_t pa = a + (uint64_t)vpn_slice(s, vpn, i) * s->g.pte_bytes;
        uint64_t pte = mem_rd(s, pa);
        if (!(pte & PTE_V)) {
            pte = ((table_alloc(s) >> s->g.page_bits) << 10) | PTE_V;
            mem_wr(s, pa, pte);
        }
        a = (pte >> 10) << s->g.page_bits;
    }
    return a + (uint64_t)vpn_slice(s, vpn, level) * s->g.pte_bytes;
}

static inline uint64_t leaf_addr(sys_t *s, uint64_t vpn) { return pte_at(s, vpn, 0); }

static inline void map(sys_t *s, uint64_t vpn, uint64_t frame, unsigned flags)
{
    mem_wr(s, leaf_addr(s, vpn), (frame << 10) | flags);
}

static inline void sys_init(sys_t *s, unsigned lat, int lru)
{
    memset(s, 0, sizeof *s);
    s->m = rtl_new();
    s->mem = calloc(MEM_SIZE, 1);
    if (!s->m || !s->mem) {
        fprintf(stderr, "rtl test: cannot build the RTL or its memory\n");
        exit(2);
    }
    rtl_geometry_get(s->m, &s->g);
    s->next_table = TABLE_BASE;
    s->root = table_alloc(s);
    s->lat = lat;
    s->lru = lru;
    s->in.tlb_policy = (uint8_t)lru; /* 0 fifo, 1 lru */
}

/* satp translating through this system's root table with `asid` (docs/contract.md,
 * "satp"): MODE, 1 bit for a 4-byte PTE, 4 for an 8-byte one; ASID; PPN. */
static inline uint64_t sys_satp(const sys_t *s, uint16_t asid)
{
    unsigned ppn_bits = s->g.pa_bits - s->g.page_bits;
    return (uint64_t)s->g.satp_mode << (s->g.asid_bits + ppn_bits) | (uint64_t)asid << ppn_bits |
           s->root >> s->g.page_bits;
}

/* The whole VA of a VPN and offset: for Sv39/Sv48 the bits above the VA's top copy it,
 * so that the address is canonical. */
static inline uint64_t va_of(const sys_t *s, uint64_t vpn, uint64_t off)
{
    uint64_t va = (vpn << s->g.page_bits) | off;
    if (s->g.pte_bytes == 8 && (va >> (s->g.va_bits - 1) & 1))
        va |= ~0ull << s->g.va_bits;
    return va;
}

static inline void sys_free(sys_t *s)
{
    rtl_free(s->m);
    free(s->mem);
}

/* One cycle with s->in; the one-cycle fields are cleared afterwards. */
static inline void cycle(sys_t *s, rtl_out *o)
{
    rtl_cycle(s->m, &s->in, o);
    s->in.req_valid = 0;
    s->in.mem_rvalid = 0;
    s->in.mem_err = 0;
    s->in.inval = 0;
    s->in.os_event = 0;
}

static inline void set_inval(sys_t *s, unsigned mode, uint16_t asid, uint64_t vpn)
{
    s->in.inval = 1;
    s->in.inval_mode = (uint8_t)mode;
    s->in.inval_asid = asid;
    s->in.inval_vaddr = va_of(s, vpn, 0);
    s->in.os_event = 3;
}

/* Invalidation in one idle cycle, as the harness does between accesses. */
static inline void inval(sys_t *s, unsigned mode, uint16_t asid, uint64_t vpn)
{
    rtl_out o;
    set_inval(s, mode, asid, vpn);
    cycle(s, &o);
}

/* Translates one access of s->priv under satp with `asid`.  inval_at > 0 drives an
 * invalidation (mode, iasid, ivpn) in the cycle inval_at cycles after the accepting
 * one, to test one during a walk.  No answer within 10000 cycles (a hung walker) gives
 * fault F_HUNG.  A read at or beyond s->in.pmem (when not 0) answers with mem_err. */
static inline result_t translate_inval(sys_t *s, uint16_t asid, uint64_t va, unsigned kind,
                                       unsigned inval_at, unsigned mode, uint16_t iasid,
                                       uint64_t ivpn)
{
    result_t r;
    rtl_out o;
    memset(&r, 0, sizeof r);
    uint64_t accept = 0;
    int accepted = 0;
    long answer_at = -1; /* cycle in which mem_rvalid must be driven */
    uint8_t err = 0;     /* ... and whether it carries mem_err */
    s->in.satp = sys_satp(s, asid);
    for (unsigned n = 0; n < 10000; n++) {
        uint64_t c = rtl_cycles(s->m);
        if (!accepted) {
            s->in.req_valid = 1;
            s->in.req_vaddr = va;
            s->in.req_kind = (uint8_t)kind;
            s->in.req_priv = (uint8_t)s->priv;
        }
        if (answer_at >= 0 && (uint64_t)answer_at == c) {
            s->in.mem_rvalid = 1;
            s->in.mem_err = err;
            answer_at = -1;
        }
        if (accepted && inval_at && c - accept == inval_at)
            set_inval(s, mode, iasid, ivpn);
        /* mem_rdata follows the read address of the pending op; set after seeing it. */
        cycle(s, &o);
        if (!accepted) {
            if (o.req_ready) {
                accepted = 1;
                accept = c;
            }
            continue;
        }
        if (o.mem_req) {
            err = 0;
            if (o.mem_we) {
                mem_wr(s, o.mem_addr, o.mem_wdata);
                r.writes++;
                r.last_write_addr = o.mem_addr;
                r.last_write_data = o.mem_wdata;
            } else {
                err = s->in.pmem && o.mem_addr >= s->in.pmem;
                s->in.mem_rdata = err || o.mem_addr >= MEM_SIZE ? 0 : mem_rd(s, o.mem_addr);
                r.reads++;
            }
            answer_at = (long)(c + s->lat);
        }
        if (o.rsp_valid) {
            r.paddr = o.rsp_paddr;
            r.hit = o.rsp_hit;
            r.fault = o.rsp_fault;
            r.latency = (unsigned)(c - accept);
            return r;
        }
    }
    r.fault = F_HUNG;
    return r;
}

/* docs/contract.md's walk latency for this system's memory latency. */
static inline unsigned walk_lat(const sys_t *s, unsigned reads, unsigned writes)
{
    return 2 + (reads + writes) * (1 + s->lat);
}

#endif

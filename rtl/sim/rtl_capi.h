// SPDX-License-Identifier: MIT
/* rtl_capi.h -- a plain-C API over the Verilated vmmu RTL (rtl/sim/sim_top.sv).
 *
 * One rtl_model is one Verilated MMU with its own VerilatedContext: several can
 * live in one process. The caller plays everything around the MMU: it drives the
 * inputs of each clock cycle and answers the walker's memory port itself.
 *
 * Cycle protocol (docs/contract.md, "The RTL's ports"): rtl_cycle() applies *in,
 * lets the logic settle with the clock low, copies the outputs into *out -- the
 * values the coming rising edge samples -- and then makes that rising edge. So the
 * outputs a call returns belong to the same cycle as the inputs it was given: a
 * request is accepted by the call whose in->req_valid = 1 and out->req_ready = 1,
 * and its answer is the out->rsp_valid = 1 of a later call (1 call later on a hit).
 *
 * Every input is driven anew by every call, so a caller can change any of them in any
 * cycle (tests/rtl/rtl_rude.c does, as far as docs/contract.md allows), reset
 * included: in->rst holds rst_ni low for that cycle's edge. The one exception is
 * asked for: in->hold = 1 leaves the controls (satp through inval_vaddr below) as the
 * call before drove them, so a caller that changes them seldom (harness/mmu/mmu_rtl.c)
 * does not store them twice a cycle; it must clear hold in the call after it changes
 * any of them. A zeroed rtl_in drives everything.
 *
 * Wide values are masked to the port's width (e.g. req_vaddr to the request's VA
 * bits: 64 for sv39/sv48, the VA bits otherwise); the osc rule "keep the low 16
 * bits" is therefore applied here too, but a harness that must report an address
 * that does not fit has to check before calling.
 *
 * Waveforms (FST) are off until rtl_waves_open(); rtl_waves_enable() then opens
 * and closes a window. Time is in ns, one cycle is 10 ns: the settle of the cycle
 * numbered c (= rtl_cycles() before the call) is dumped at 10*c ns and its rising
 * edge at 10*c + 5 ns.
 *
 * A failed RTL assertion (built with --assert) prints the assertion's message and
 * "rtl: assertion failed ..." on stderr, closes the waveform so it can be read, and
 * exits the process with status 1 (EXIT_FAILURE): an assertion is a bug in the RTL
 * or in the caller's protocol, and the cycle must not continue.
 */
#ifndef VMMU_RTL_CAPI_H
#define VMMU_RTL_CAPI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rtl_model rtl_model;

/* Inputs of one cycle. Fields keep their value only for that call. */
typedef struct {
    uint8_t req_valid;  /* a request is offered */
    uint64_t req_vaddr; /* the whole VA, masked to VADDR bits (64 for sv39/sv48, else VA bits) */
    uint8_t req_kind;   /* 0 load, 1 store, 2 fetch */
    uint8_t req_priv;   /* 0 U-mode, 1 S-mode */
    uint8_t mem_rvalid; /* answer to a memory operation (read data or write ack) */
    uint64_t mem_rdata; /* the PTE, masked to PTE bits */
    uint8_t mem_err;    /* with a read's mem_rvalid: no memory there (an access fault) */
    uint64_t satp;      /* MODE, ASID, PPN (docs/contract.md, "satp"), masked to its bits */
    uint8_t sum;        /* mstatus.SUM */
    uint8_t mxr;        /* mstatus.MXR */
    uint8_t ad_fault;   /* 1 Svade, 0 Svadu */
    uint64_t pmem;      /* physical memory's size in bytes; 0 unbounded */
    uint8_t tlb_policy; /* 0 fifo, 1 lru, 2 plru, 3 random; hold it stable */
    uint8_t itlb_policy; /* the ITLB's, alike; read only by a build with an ITLB */
    uint8_t l2_policy;  /* the L2 TLB's, alike; read only by a build with one */
    uint8_t inval;      /* invalidate at this cycle's edge */
    uint8_t inval_mode; /* SFENCE.VMA: 0 VA and ASID, 1 ASID, 2 all, 3 VA */
    uint16_t inval_asid;
    uint64_t inval_vaddr; /* rs1: a whole VA, masked to VADDR bits */
    uint8_t os_event;   /* annotations for waveforms only: 0 none, 1 page fault */
    uint32_t os_frame;  /*   serviced, 2 victim evicted, 3 TLB invalidate by OS, */
    uint32_t os_access; /*   4 process switch; frame chosen; access number */
    uint8_t rst;        /* 1: synchronous reset (rst_ni = 0) at this cycle's edge; the
                         * outputs of such a cycle mean nothing (docs/contract.md) */
    uint8_t hold;       /* 1: satp .. inval_vaddr not driven: as the call before left them */
} rtl_in;

/* Outputs of the same cycle, as the rising edge that ends it sees them. */
typedef struct {
    uint8_t req_ready;  /* a request offered this cycle is accepted */
    uint8_t rsp_valid;  /* the answer to the accepted request */
    uint64_t rsp_paddr; /* valid with rsp_valid when rsp_fault = 0 */
    uint8_t rsp_hit;    /* 1 answered from the TLB, 0 walked */
    uint8_t rsp_fault;  /* 0 none, 1 page fault, 2 access fault */
    uint8_t mem_req;    /* the walker issues a memory operation this cycle */
    uint8_t mem_we;     /* ... a write of mem_wdata (else a read) */
    uint64_t mem_addr;  /* byte address of the PTE */
    uint64_t mem_wdata;
} rtl_out;

/* The Verilog parameters this build was made with. */
typedef struct {
    unsigned va_bits, page_bits, levels, level_bits, pte_bytes, pa_bits, asid_bits, satp_mode, sets, ways;
    unsigned itlb_sets, itlb_ways; /* itlb_ways 0: no ITLB, sets x ways serves fetches too */
    unsigned pwc_entries;          /* the page-walk cache's; 0: none */
    unsigned l2_sets, l2_ways;     /* the second-level TLB's; l2_ways 0: none */
} rtl_geometry;

/* Builds the model and holds reset for 2 cycles. Returns NULL on failure (out of
 * memory). The caller owns the model and frees it with rtl_free(). */
rtl_model *rtl_new(void);

/* Fills *g with the parameters this build was made with. */
void rtl_geometry_get(const rtl_model *m, rtl_geometry *g);

/* One clock cycle: drive *in, settle with the clock low, sample the outputs into
 * *out, make the rising edge; dump waves if a window is open. Exits the process
 * on a failed assertion (see above). */
void rtl_cycle(rtl_model *m, const rtl_in *in, rtl_out *out);

/* The same cycle in two halves, for a caller that decides this cycle's inputs from
 * its outputs (harness/mmu/mmu_rtl.c: the next request, offered in the cycle that
 * answers a hit): rtl_settle() drives *in, settles with the clock low and fills *out;
 * rtl_edge() then drives *in again if it is not NULL (its outputs unread: a caller
 * relies on outputs that do not depend on what it changes, as req_ready and the
 * response of LOOKUP do not depend on the request ports) and makes the rising edge.
 * rtl_cycle(m, in, out) is rtl_settle(m, in, out) then rtl_edge(m, NULL). Between the
 * two halves no other call may come, and *in of rtl_settle() stays as it was unless it
 * is passed to rtl_edge(): rtl_settle() may leave the driving of it to rtl_edge(). */
void rtl_settle(rtl_model *m, const rtl_in *in, rtl_out *out);
void rtl_edge(rtl_model *m, const rtl_in *in);

/* Cycles since rtl_new() (its 2 reset cycles are not counted; in->rst cycles are). */
uint64_t rtl_cycles(const rtl_model *m);

/* Opens an FST file for waves (dumping starts disabled). Returns 0, or -1 with
 * errno set if the file cannot be created or waves are already open. */
int rtl_waves_open(rtl_model *m, const char *fst_path);

/* Opens (on != 0) or closes the dump window. No effect before rtl_waves_open(). */
void rtl_waves_enable(rtl_model *m, int on);

/* Runs final blocks, closes the waveform and frees the model. NULL is a no-op. */
void rtl_free(rtl_model *m);

#ifdef __cplusplus
}
#endif

#endif /* VMMU_RTL_CAPI_H */

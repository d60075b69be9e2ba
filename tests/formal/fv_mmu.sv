// SPDX-License-Identifier: MIT
// fv_mmu.sv -- the formal testbench of the whole MMU (rtl/mmu.sv: walker and TLB) for
// `make formal` (tests/formal/formal.py, docs/formal.md).
//
// Every input is free (sby makes a top-level input an arbitrary value in every
// cycle) except what the port contract (docs/contract.md) promises:
//   - reset in the first cycle, then none;
//   - ctl_tlb_policy_i held stable (one free value: fifo, lru, plru or random);
//   - req_kind_i != 3 and mem_rvalid_i only for an operation the walker issued: the
//     two VMMU_ASSUMEs of rtl/ptw.sv;
//   - the memory answers each operation after 1 to LMAX cycles (mem_fire_i picks
//     when, free), with free data and error bit: these properties hold whatever
//     memory holds.
// So the request (address, kind, privilege), invalidations (any mode, any cycle, any
// VA), satp, SUM, MXR, the A/D scheme, the memory bound and the memory's data and
// latency are chosen by the solver, cycle by cycle.
//
// Proven here, besides every VMMU_ASSERT of rtl/ptw.sv and rtl/tlb.sv (which this
// flow turns into proof obligations):
//   f_latency_exact  an answer comes 1 cycle after acceptance on a hit (and for Bare
//                    or a non-canonical address), and
//                    2 + sum over the walk's operations of (1 + L_i) after it on a
//                    walk (docs/contract.md, "Timing"; L_i the latency of operation i)
//   f_latency_bound  ... so never later than BOUND = 2 + (LEVELS + 1) * (1 + LMAX)
//                    cycles: at most LEVELS reads and one write
//   f_reads, f_writes  at most LEVELS reads and one write per walk, the write last
//   f_one_op         no memory operation while one is outstanding
//   f_idle_no_mem    no memory operation while the walker is ready (req_ready_o)
//   f_open_is_busy   req_ready_o is 1 exactly when no request is open, or when the
//                    open one is answered in this cycle without a walk (LOOKUP: a
//                    hit, Bare, non-canonical): a hit every cycle, one walk at a time
//   c_hit_hit        two TLB hits answered on consecutive cycles, and
//   c_hit_inval_accept  a hit whose cycle accepts a request and invalidates
//   f_fault_paddr    rsp_paddr_o is 0 on a fault, and the fault is one of the two kinds

`timescale 1ns/1ps

module fv_mmu #(
  parameter int unsigned VA_BITS    = 16,
  parameter int unsigned PAGE_BITS  = 8,
  parameter int unsigned LEVELS     = 1,
  parameter int unsigned LEVEL_BITS = 8,
  parameter int unsigned PTE_BYTES  = 4,
  parameter int unsigned PA_BITS    = 30,
  parameter int unsigned ASID_BITS  = 16,
  parameter int unsigned SATP_MODE  = 1,
  parameter int unsigned SETS       = 1,
  parameter int unsigned WAYS       = 4,
  parameter int unsigned ITLB_SETS  = 1,
  parameter int unsigned ITLB_WAYS  = 0,   // 0: no ITLB (mmu.sv); else a split TLB
  parameter int unsigned PWC_ENTRIES = 0,  // 0: no page-walk cache (mmu.sv)
  parameter int unsigned L2_SETS    = 1,
  parameter int unsigned L2_WAYS    = 0,   // 0: no second-level TLB (mmu.sv)
  parameter int unsigned LMAX       = 2,   // the memory's latency bound, cycles
  localparam int unsigned PTE_BITS  = 8 * PTE_BYTES,
  localparam int unsigned VADDR_BITS = (PTE_BYTES == 8) ? 64 : VA_BITS,
  localparam int unsigned SATP_BITS = ((PTE_BYTES == 8) ? 4 : 1) + ASID_BITS + PA_BITS - PAGE_BITS
) (
  input logic                  clk_i,
  input logic                  rst_ni,
  input logic                  req_valid_i,
  input logic [VADDR_BITS-1:0] req_vaddr_i,
  input logic [1:0]            req_kind_i,
  input logic                  req_priv_i,
  input logic                  mem_fire_i,    // the memory answers in this cycle (if due)
  input logic [PTE_BITS-1:0]   mem_rdata_i,
  input logic                  mem_err_i,
  input logic [SATP_BITS-1:0]  ctl_satp_i,
  input logic                  ctl_sum_i,
  input logic                  ctl_mxr_i,
  input logic                  ctl_ad_fault_i,
  input logic [63:0]           ctl_pmem_i,
  input logic                  ctl_inval_i,
  input logic [1:0]            ctl_inval_mode_i,
  input logic [ASID_BITS-1:0]  ctl_inval_asid_i,
  input logic [VADDR_BITS-1:0] ctl_inval_vaddr_i
);
  localparam int unsigned BOUND = 2 + (LEVELS + 1) * (1 + LMAX);
  localparam int unsigned CW    = 8;  // counter width: BOUND < 256

  (* anyconst *) logic [1:0] pol;  // ctl_tlb_policy_i: held stable, any of the four
  (* anyconst *) logic [1:0] ipol; // ctl_itlb_policy_i: the same, on its own
  (* anyconst *) logic [1:0] l2pol; // ctl_l2_policy_i: the same, on its own

  logic                 req_ready_o, rsp_valid_o, rsp_hit_o;
  logic [PA_BITS-1:0]   rsp_paddr_o;
  logic [1:0]           rsp_fault_o;
  logic                 mem_req_o, mem_we_o, mem_rvalid_i;
  logic [PA_BITS-1:0]   mem_addr_o;
  logic [PTE_BITS-1:0]  mem_wdata_o;

  mmu #(
    .VA_BITS(VA_BITS), .PAGE_BITS(PAGE_BITS), .LEVELS(LEVELS), .LEVEL_BITS(LEVEL_BITS),
    .PTE_BYTES(PTE_BYTES), .PA_BITS(PA_BITS), .ASID_BITS(ASID_BITS), .SATP_MODE(SATP_MODE),
    .SETS(SETS), .WAYS(WAYS), .ITLB_SETS(ITLB_SETS), .ITLB_WAYS(ITLB_WAYS), .PWC_ENTRIES(PWC_ENTRIES),
    .L2_SETS(L2_SETS), .L2_WAYS(L2_WAYS)
  ) dut (
    .clk_i, .rst_ni, .req_valid_i, .req_ready_o, .req_vaddr_i, .req_kind_i, .req_priv_i,
    .rsp_valid_o, .rsp_paddr_o, .rsp_hit_o, .rsp_fault_o,
    .mem_req_o, .mem_we_o, .mem_addr_o, .mem_wdata_o, .mem_rvalid_i, .mem_rdata_i, .mem_err_i,
    .ctl_satp_i, .ctl_sum_i, .ctl_mxr_i, .ctl_ad_fault_i, .ctl_pmem_i,
    .ctl_tlb_policy_i(pol), .ctl_itlb_policy_i(ipol), .ctl_l2_policy_i(l2pol), .ctl_inval_i, .ctl_inval_mode_i, .ctl_inval_asid_i, .ctl_inval_vaddr_i
  );

  // ---- reset: the first cycle only -------------------------------------------------
  logic first = 1'b1;
  always @(posedge clk_i) first <= 1'b0;
  always @(*) assume (rst_ni == !first);

  // ---- the memory: answers an operation after 1..LMAX cycles ---------------------------
  logic          pending;   // an operation was issued and is not yet answered
  logic [CW-1:0] waited;    // cycles since it was issued (its L when answered)
  assign mem_rvalid_i = pending && (mem_fire_i || waited == CW'(LMAX));

  // ---- the access under way, as the ports show it ------------------------------------
  logic          open;      // accepted, not yet answered
  logic [CW-1:0] lat;       // cycles since the accepting edge
  logic [CW-1:0] ops;       // memory operations issued for it
  logic [CW-1:0] reads, writes;
  logic [CW-1:0] waits;     // the sum of their latencies L_i
  logic [CW-1:0] gaps;      // walk cycles with no operation: page-walk cache hits
  logic          gap;       // this cycle is one
  logic          accept;
  logic          hit_q;     // the cycle before answered a TLB hit
  assign accept = req_valid_i && req_ready_o;
  assign gap    = open && lat >= CW'(2) && !pending && !mem_req_o && !rsp_valid_o;

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      pending <= 1'b0;
      waited  <= '0;
      open    <= 1'b0;
      lat     <= '0;
      ops     <= '0;
      reads   <= '0;
      writes  <= '0;
      waits   <= '0;
      gaps    <= '0;
      hit_q   <= 1'b0;
    end else begin
      hit_q <= rsp_valid_o && rsp_hit_o;
      if (mem_req_o)         begin pending <= 1'b1; waited <= CW'(1); end
      else if (mem_rvalid_i) begin pending <= 1'b0; waited <= '0; end
      else if (pending)      waited <= waited + 1'b1;

      if (accept) begin
        open <= 1'b1; lat <= CW'(1); ops <= '0; reads <= '0; writes <= '0; waits <= '0; gaps <= '0;
      end else begin
        if (rsp_valid_o) open <= 1'b0;
        if (open) lat <= lat + 1'b1;
        if (mem_req_o) begin
          ops <= ops + 1'b1;
          if (mem_we_o) writes <= writes + 1'b1; else reads <= reads + 1'b1;
        end
        if (mem_rvalid_i) waits <= waits + waited;
        if (gap) gaps <= gaps + 1'b1;
      end
    end
  end

  // ---- properties ---------------------------------------------------------------------
  always @(posedge clk_i) begin
    if (rst_ni) begin
      // (An L2 TLB hit answers after LOOKUP, in FILL, which accepts nothing.)
      f_open_is_busy:  assert (req_ready_o == (!open || (rsp_valid_o && ops == 0 && lat == 1)));
      f_idle_no_mem:   assert (!(mem_req_o && req_ready_o));
      f_one_op:        assert (!(mem_req_o && pending));
      f_mem_waits:     assert (!pending || (waited >= 1 && waited <= CW'(LMAX)));
      f_we_with_req:   assert (!mem_we_o || mem_req_o);
      f_latency_bound: assert (!open || (lat >= 1 && lat <= CW'(BOUND)));
      f_reads:         assert (reads <= CW'(LEVELS));
      // A walk cycle with no operation is a page-walk cache hit: none without a cache,
      // at most one a level above 0, and never more PTEs than levels.
      f_gaps:          assert (gaps <= CW'(PWC_ENTRIES == 0 ? 0 : LEVELS - 1) && reads + gaps <= CW'(LEVELS));
      f_writes:        assert (writes <= 1 && !(writes == 1 && mem_req_o));
      f_rsp_when_open: assert (!rsp_valid_o || open);
      if (rsp_valid_o) begin
        // A hit, a Bare or a non-canonical request answers in LOOKUP; an L2 TLB hit the
        // cycle after, with no operation; a walk after its operations.
        f_latency_exact: assert (ops == 0 && gaps == 0 && (lat == 1 || (L2_WAYS != 0 && rsp_hit_o && lat == 2))
                                 || (ops != 0 && !rsp_hit_o && lat == 2 + ops + waits + gaps));
        f_fault_paddr:   assert ((rsp_fault_o == 2'd0 || rsp_paddr_o == '0) && rsp_fault_o != 2'd3);
      end
      // The bound is reached: a walk of LEVELS reads and a write, each waiting LMAX.
      c_latency_bound: cover (rsp_valid_o && lat == CW'(BOUND));
      c_lru:           cover (pol == 2'd1 && rsp_valid_o && rsp_hit_o);
      c_plru:          cover (pol == 2'd2 && rsp_valid_o && rsp_hit_o);
      c_random:        cover (pol == 2'd3 && rsp_valid_o && rsp_hit_o);
      // A hit every cycle: two hits back to back, and a hit's cycle that accepts the
      // next request and invalidates (after the hit, before the next lookup).
      c_hit_hit:       cover (hit_q && rsp_valid_o && rsp_hit_o);
      c_hit_inval_accept: cover (rsp_valid_o && rsp_hit_o && accept && ctl_inval_i);
    end
  end
  // A walk that took a pointer from the page-walk cache (a cycle with no memory
  // operation) and translated: in the builds with one only (the cover job
  // mmu_sv32_1x2_p2_cover), where it can be reached.
  // The second-level TLB (the cover job mmu_sv32_1x2_L2x2_cover): an L2 hit (2 cycles,
  // no operation), and its refill seen at the port: a later access to the same page
  // answered in 1 cycle with no walk between (the L1 missed it before the L2 hit, and
  // only a walk or the L2's refill fills an L1).
  if (L2_WAYS != 0) begin : g_l2_cover
    logic [VADDR_BITS-PAGE_BITS-1:0] acc_vpn, l2_vpn;
    logic                            l2_seen;
    always @(posedge clk_i) begin
      if (!rst_ni) begin
        l2_seen <= 1'b0;
      end else begin
        if (accept) acc_vpn <= req_vaddr_i[VADDR_BITS-1:PAGE_BITS];
        if (rsp_valid_o && rsp_hit_o && lat == 2) begin l2_seen <= 1'b1; l2_vpn <= acc_vpn; end
        else if (rsp_valid_o && ops != 0)           l2_seen <= 1'b0;
        c_l2_hit:    cover (rsp_valid_o && rsp_hit_o && lat == 2 && rsp_fault_o == 2'd0);
        c_l2_refill: cover (rsp_valid_o && rsp_hit_o && lat == 1 && l2_seen && acc_vpn == l2_vpn);
      end
    end
  end
  if (PWC_ENTRIES != 0) begin : g_pwc_cover
    always @(posedge clk_i) begin
      if (rst_ni)
        c_pwc_walk: cover (rsp_valid_o && gaps != 0 && rsp_fault_o == 2'd0);
    end
  end
endmodule

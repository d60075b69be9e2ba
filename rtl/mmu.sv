// SPDX-License-Identifier: MIT
// mmu.sv -- the vmmu MMU: a set-associative TLB (tlb.sv), or with ITLB_WAYS > 0 an
// instruction TLB beside it for fetches (docs/contract.md, "Split TLBs"), and a
// hardware page-table walker (ptw.sv) serving both, with the ports and cycle-level
// protocol of docs/contract.md.
// This is the synthesis top; sim_top.sv wraps it for Verilator.
//
// Virtual address, for the default osc preset (VA 16, page 256 B, 1 level x 8):
//
//   | 15 ........ 8 | 7 ........ 0 |        generally:  | vpn[L-1] ... vpn[0] | offset |
//   |  vpn[0]       |  offset      |                     LEVELS x LEVEL_BITS   PAGE_BITS
//
// A request carries VADDR_BITS: 64 for the presets with 8-byte PTEs (Sv39, Sv48:
// RV64, the bits above VA_BITS a canonical address's sign copies), VA_BITS otherwise.
//
// Physical address: PPN << PAGE_BITS | offset, PA_BITS = PPN bits + PAGE_BITS, the PPN
// being the PTE's bits from 10 up (22 of a 32-bit PTE, 44 of a 64-bit PTE): 34 bits
// for Sv32, 56 for Sv39 and Sv48. A leaf at level i > 0 maps a superpage, whose
// address takes the VPN's low i*LEVEL_BITS bits in place of the PPN's.
//
// satp (ctl_satp_i) = {MODE, ASID, PPN}, MODE 1 bit for a 4-byte PTE and 4 for an
// 8-byte one: the spec's RV32 and RV64 layouts. MODE = SATP_MODE translates; any
// other value is Bare (pa = va).
//
// States (in ptw.sv): IDLE, LOOKUP, READ_PTE, WAIT_RVALID, WRITE_PTE, WAIT_WACK,
// FILL, FAULT. A hit (and a Bare or non-canonical request) answers 1 cycle after the
// accepting edge, a walk 2 + (R + W) * (1 + L) cycles after. A LOOKUP that answers
// takes the next request at its edge (a stream of hits is one a clock); a miss holds
// new requests off until its walk has answered.
//
// Presets: model/presets.def is the table (docs/contract.md shows it); mk/rtl.mk
// passes each configuration's row as the parameters below.

`timescale 1ns/1ps

`include "rtl/mmu_widths.svh"

module mmu #(
  // ---- the preset: address geometry (defaults: osc) -------------------------
  parameter int unsigned VA_BITS     = 16,
  parameter int unsigned PAGE_BITS   = 8,
  parameter int unsigned LEVELS      = 1,   // 1..4
  parameter int unsigned LEVEL_BITS  = 8,   // LEVELS * LEVEL_BITS = VA_BITS - PAGE_BITS
  parameter int unsigned PTE_BYTES   = 4,   // 4 or 8
  parameter int unsigned PA_BITS     = 30,  // (PTE_BYTES == 4 ? 22 : 44) + PAGE_BITS
  parameter int unsigned ASID_BITS   = 16,  // satp.ASID: 9 for Sv32, 16 for Sv39/Sv48
  parameter int unsigned SATP_MODE   = 1,   // satp.MODE that translates (Sv32 1, Sv39 8, Sv48 9)
  // ---- the TLB geometry (default: 16-entry fully associative) ---------------
  parameter int unsigned SETS        = 1,   // power of two, 1..1024
  parameter int unsigned WAYS        = 16,  // 1..64
  // ---- an instruction TLB (default: none, the one TLB above serves fetches too) --
  parameter int unsigned ITLB_SETS   = 1,   // power of two, 1..1024
  parameter int unsigned ITLB_WAYS   = 0,   // 0: no ITLB; else 1..64, and SETS x WAYS is the DTLB
  // ---- a page-walk cache of pointer PTEs (ptw.sv, pwc.sv; default: none) ----------
  parameter int unsigned PWC_ENTRIES = 0,   // 0: none; else a power of two, 1..64
  // ---- a second-level TLB shared by both (default: none; docs/contract.md) ---------
  parameter int unsigned L2_SETS     = 1,   // power of two, 1..1024
  parameter int unsigned L2_WAYS     = 0,   // 0: none; else 1..64
  // ---- derived: localparams, so no instance can set them out of step ----------
  localparam int unsigned PTE_BITS   = 8 * PTE_BYTES,
  localparam int unsigned VADDR_BITS = (PTE_BYTES == 8) ? 64 : VA_BITS,
  localparam int unsigned VPN_BITS   = VA_BITS - PAGE_BITS,
  localparam int unsigned PPN_BITS   = PA_BITS - PAGE_BITS,
  localparam int unsigned SATP_BITS  = ((PTE_BYTES == 8) ? 4 : 1) + ASID_BITS + PPN_BITS,
  localparam int unsigned LVL_BITS   = (LEVELS > 1) ? $clog2(LEVELS) : 1,
  // ---- fixed by the contract (rtl/mmu_widths.svh); not settable ---------------
  localparam int unsigned KIND_BITS  = `VMMU_KIND_BITS,
  localparam int unsigned FAULT_BITS = `VMMU_FAULT_BITS,
  localparam int unsigned INVAL_BITS = `VMMU_INVAL_BITS
) (
  input  logic                  clk_i,
  input  logic                  rst_ni,            // synchronous, active low

  // ---- request: from the CPU; accepted at an edge where valid and ready are 1 --
  input  logic                  req_valid_i,
  output logic                  req_ready_o,       // IDLE, and a LOOKUP that answers: a hit a clock
  input  logic [VADDR_BITS-1:0] req_vaddr_i,       // the whole VA
  input  logic [KIND_BITS-1:0]  req_kind_i,        // 0 load, 1 store, 2 fetch
  input  logic                  req_priv_i,        // 0 U-mode, 1 S-mode

  // ---- response: to the CPU; one cycle, 1 (hit) or 2+(R+W)(1+L) cycles after --
  output logic                  rsp_valid_o,
  output logic [PA_BITS-1:0]    rsp_paddr_o,       // when rsp_fault_o = 0 (else 0)
  output logic                  rsp_hit_o,         // 1: from the TLB, 0: walked, Bare, non-canonical
  output logic [FAULT_BITS-1:0] rsp_fault_o,       // 0 none, 1 page, 2 access

  // ---- memory: the walker's port to physical memory ------------------------------
  output logic                  mem_req_o,         // one cycle per operation
  output logic                  mem_we_o,
  output logic [PA_BITS-1:0]    mem_addr_o,        // byte address of the PTE
  output logic [PTE_BITS-1:0]   mem_wdata_o,
  input  logic                  mem_rvalid_i,      // L cycles after mem_req_o
  input  logic [PTE_BITS-1:0]   mem_rdata_i,
  input  logic                  mem_err_i,         // with a read's mem_rvalid_i: no memory there

  // ---- control: from the OS; the first five sampled with each request ----------------
  input  logic [SATP_BITS-1:0]  ctl_satp_i,        // {MODE, ASID, PPN}
  input  logic                  ctl_sum_i,         // mstatus.SUM
  input  logic                  ctl_mxr_i,         // mstatus.MXR
  input  logic                  ctl_ad_fault_i,    // 1 Svade (A/D missing: page fault), 0 Svadu
  input  logic [63:0]           ctl_pmem_i,        // physical memory's size in bytes; 0 unbounded
  input  logic [1:0]            ctl_tlb_policy_i,  // 0 fifo, 1 lru, 2 plru, 3 random; held stable
  input  logic [1:0]            ctl_itlb_policy_i, // the ITLB's, the same encoding; unused without one
  input  logic [1:0]            ctl_l2_policy_i,   // the L2 TLB's, the same encoding; unused without one
  input  logic                  ctl_inval_i,       // one cycle, applied at its edge
  input  logic [INVAL_BITS-1:0] ctl_inval_mode_i,  // SFENCE.VMA: 0 VA+ASID, 1 ASID, 2 all, 3 VA
  input  logic [ASID_BITS-1:0]  ctl_inval_asid_i,
  input  logic [VADDR_BITS-1:0] ctl_inval_vaddr_i
);

`ifndef SYNTHESIS
  // Elaboration checks: a geometry the contract does not define is refused here
  // rather than simulated wrongly.
  if (LEVELS < 1 || LEVELS > 4)
    $error("mmu: LEVELS must be 1..4, is %0d", LEVELS);
  if (LEVELS * LEVEL_BITS != VPN_BITS)
    $error("mmu: LEVELS * LEVEL_BITS (%0d) != VA_BITS - PAGE_BITS (%0d)",
           LEVELS * LEVEL_BITS, VPN_BITS);
  if (PTE_BYTES != 4 && PTE_BYTES != 8)
    $error("mmu: PTE_BYTES must be 4 or 8, is %0d", PTE_BYTES);
  if (PPN_BITS != PTE_BITS - 10 - (PTE_BYTES == 8 ? 10 : 0))
    $error("mmu: PA_BITS - PAGE_BITS (%0d) must be the PTE's PPN width", PPN_BITS);
  if (SATP_MODE < 1 || SATP_MODE >= (PTE_BYTES == 8 ? 16 : 2))
    $error("mmu: SATP_MODE %0d does not fit satp.MODE, or is Bare", SATP_MODE);
  if (SETS < 1 || SETS > 1024 || (SETS & (SETS - 1)) != 0)
    $error("mmu: SETS must be a power of two in 1..1024, is %0d", SETS);
  if (WAYS < 1 || WAYS > 64)
    $error("mmu: WAYS must be 1..64, is %0d", WAYS);
  if (ITLB_SETS < 1 || ITLB_SETS > 1024 || (ITLB_SETS & (ITLB_SETS - 1)) != 0)
    $error("mmu: ITLB_SETS must be a power of two in 1..1024, is %0d", ITLB_SETS);
  if (ITLB_WAYS > 64)
    $error("mmu: ITLB_WAYS must be 0 (no ITLB) or 1..64, is %0d", ITLB_WAYS);
  if (L2_SETS < 1 || L2_SETS > 1024 || (L2_SETS & (L2_SETS - 1)) != 0)
    $error("mmu: L2_SETS must be a power of two in 1..1024, is %0d", L2_SETS);
  if (L2_WAYS > 64)
    $error("mmu: L2_WAYS must be 0 (no L2 TLB) or 1..64, is %0d", L2_WAYS);
  if (PWC_ENTRIES > 64 || (PWC_ENTRIES & (PWC_ENTRIES - 1)) != 0)
    $error("mmu: PWC_ENTRIES must be 0 (none) or a power of two up to 64, is %0d", PWC_ENTRIES);
`endif

  // ---- walker <-> TLB ---------------------------------------------------------------
  localparam int unsigned PERM_BITS = `VMMU_PERM_BITS;  // what the TLB keeps of a PTE
  // tlb_cmp_*: the VPN of the request being accepted, which the TLB compares at that
  // edge (tlb.sv, "Timing"); tlb_vpn: the registered VPN of the access.
  logic                 tlb_cmp_en;
  logic [VPN_BITS-1:0]  tlb_cmp_vpn;
  logic [ASID_BITS-1:0] tlb_cmp_asid;
  logic                 tlb_lu_en;
  logic [VPN_BITS-1:0]  tlb_vpn;
  logic                 tlb_exec;
  logic                 tlb_match;
  logic [LVL_BITS-1:0]  tlb_level;
  logic [PPN_BITS-1:0]  tlb_ppn;
  logic [PERM_BITS-1:0] tlb_perm;
  logic                 tlb_touch;
  logic                 tlb_fill_sel;
  logic                 tlb_fill;
  logic [ASID_BITS-1:0] tlb_fill_asid;
  logic [LVL_BITS-1:0]  tlb_fill_level;
  logic                 tlb_fill_global;
  logic [PPN_BITS-1:0]  tlb_fill_ppn;
  logic [PERM_BITS-1:0] tlb_fill_perm;
  logic                 l2_match;
  logic [LVL_BITS-1:0]  l2_level;
  logic                 l2_global;
  logic [PERM_BITS-1:0] l2_perm;
  logic [PPN_BITS-1:0]  l2_ppn;
  logic                 l2_lu_en;
  logic                 l2_touch;
  logic                 l2_fill_sel;
  logic                 l2_fill;

  ptw #(
    .VADDR_BITS (VADDR_BITS),
    .VA_BITS    (VA_BITS),
    .PAGE_BITS  (PAGE_BITS),
    .LEVELS     (LEVELS),
    .LEVEL_BITS (LEVEL_BITS),
    .PTE_BITS   (PTE_BITS),
    .PA_BITS    (PA_BITS),
    .ASID_BITS  (ASID_BITS),
    .SATP_MODE  (SATP_MODE),
    .PWC_ENTRIES(PWC_ENTRIES),
    .HAS_L2     (L2_WAYS > 0)
  ) u_ptw (
    .clk_i,
    .rst_ni,
    .req_valid_i,
    .req_ready_o,
    .req_vaddr_i,
    .req_kind_i,
    .req_priv_i,
    .rsp_valid_o,
    .rsp_paddr_o,
    .rsp_hit_o,
    .rsp_fault_o,
    .mem_req_o,
    .mem_we_o,
    .mem_addr_o,
    .mem_wdata_o,
    .mem_rvalid_i,
    .mem_rdata_i,
    .mem_err_i,
    .ctl_satp_i,
    .ctl_sum_i,
    .ctl_mxr_i,
    .ctl_ad_fault_i,
    .ctl_pmem_i,
    .ctl_inval_i,
    .ctl_inval_mode_i,
    .tlb_cmp_en_o      (tlb_cmp_en),
    .tlb_cmp_vpn_o     (tlb_cmp_vpn),
    .tlb_cmp_asid_o    (tlb_cmp_asid),
    .tlb_lu_en_o       (tlb_lu_en),
    .tlb_vpn_o         (tlb_vpn),
    .tlb_exec_o        (tlb_exec),
    .tlb_match_i       (tlb_match),
    .tlb_level_i       (tlb_level),
    .tlb_ppn_i         (tlb_ppn),
    .tlb_perm_i        (tlb_perm),
    .tlb_touch_o       (tlb_touch),
    .tlb_fill_sel_o    (tlb_fill_sel),
    .tlb_fill_o        (tlb_fill),
    .tlb_fill_asid_o   (tlb_fill_asid),
    .tlb_fill_level_o  (tlb_fill_level),
    .tlb_fill_global_o (tlb_fill_global),
    .tlb_fill_ppn_o    (tlb_fill_ppn),
    .tlb_fill_perm_o   (tlb_fill_perm),
    .l2_match_i        (l2_match),
    .l2_level_i        (l2_level),
    .l2_global_i       (l2_global),
    .l2_perm_i         (l2_perm),
    .l2_ppn_i          (l2_ppn),
    .l2_lu_en_o        (l2_lu_en),
    .l2_touch_o        (l2_touch),
    .l2_fill_sel_o     (l2_fill_sel),
    .l2_fill_o         (l2_fill)
  );

  // ---- the TLBs ------------------------------------------------------------------
  // One TLB (ITLB_WAYS = 0) serves every access. With an ITLB, fetches use it and
  // loads and stores u_tlb, the DTLB, each with its own policy; there is one request
  // port and one walker, so at most one of them misses at a time, and a walk fills
  // the TLB of the access that missed. Both compare every accepted request (the
  // compare only registers which ways match), so each TLB's registered compare is of
  // the VPN the walker holds, as tlb.sv asks; only the TLB of the access's kind is
  // looked up, ranks an event, or fills. An invalidation reaches both.
  logic                 d_mine;   // the access under way is u_tlb's
  logic                 d_match;
  logic [LVL_BITS-1:0]  d_level;
  logic [PPN_BITS-1:0]  d_ppn;
  logic [PERM_BITS-1:0] d_perm;
  assign d_mine = (ITLB_WAYS == 0) || !tlb_exec;
  // An L1 answers in LOOKUP from its registers: its G and registered read are the L2's
  // business only.
  logic                 d_global;
  logic [PPN_BITS-1:0]  d_rd_ppn;
  logic                 unused_d;
  assign unused_d = d_global ^ ^d_rd_ppn;

  tlb #(
    .SETS       (SETS),
    .WAYS       (WAYS),
    .VADDR_BITS (VADDR_BITS),
    .VA_BITS    (VA_BITS),
    .PAGE_BITS  (PAGE_BITS),
    .LEVELS     (LEVELS),
    .LEVEL_BITS (LEVEL_BITS),
    .ASID_BITS  (ASID_BITS),
    .PPN_BITS   (PPN_BITS)
  ) u_tlb (
    .clk_i,
    .rst_ni,
    .cmp_en_i         (tlb_cmp_en),
    .cmp_vpn_i        (tlb_cmp_vpn),
    .cmp_asid_i       (tlb_cmp_asid),
    .lu_en_i          (tlb_lu_en && d_mine),
    .lu_vpn_i         (tlb_vpn),
    .lu_match_o       (d_match),
    .lu_level_o       (d_level),
    .lu_ppn_o         (d_ppn),
    .lu_perm_o        (d_perm),
    .lu_global_o      (d_global),
    .rd_ppn_o         (d_rd_ppn),
    .upd_touch_i      (tlb_touch && d_mine),
    .fill_sel_i       (tlb_fill_sel && d_mine),
    .upd_fill_i       (tlb_fill && d_mine),
    .upd_asid_i       (tlb_fill_asid),
    .upd_level_i      (tlb_fill_level),
    .upd_global_i     (tlb_fill_global),
    .upd_ppn_i        (tlb_fill_ppn),
    .upd_perm_i       (tlb_fill_perm),
    .ctl_policy_i     (ctl_tlb_policy_i),
    .ctl_inval_i,
    .ctl_inval_mode_i,
    .ctl_inval_asid_i,
    .ctl_inval_vaddr_i
  );

  if (ITLB_WAYS == 0) begin : g_one
    assign tlb_match = d_match;
    assign tlb_level = d_level;
    assign tlb_ppn   = d_ppn;
    assign tlb_perm  = d_perm;
    // Without an ITLB its policy is read by nothing.
    logic unused_itlb_policy;
    assign unused_itlb_policy = ^ctl_itlb_policy_i;
  end else begin : g_itlb
    logic                 i_match;
    logic [LVL_BITS-1:0]  i_level;
    logic [PPN_BITS-1:0]  i_ppn;
    logic [PERM_BITS-1:0] i_perm;
    logic                 i_global;
    logic [PPN_BITS-1:0]  i_rd_ppn;
    logic                 unused_i;
    assign unused_i = i_global ^ ^i_rd_ppn;

    tlb #(
      .SETS       (ITLB_SETS),
      .WAYS       (ITLB_WAYS),
      .VADDR_BITS (VADDR_BITS),
      .VA_BITS    (VA_BITS),
      .PAGE_BITS  (PAGE_BITS),
      .LEVELS     (LEVELS),
      .LEVEL_BITS (LEVEL_BITS),
      .ASID_BITS  (ASID_BITS),
      .PPN_BITS   (PPN_BITS)
    ) u_itlb (
      .clk_i,
      .rst_ni,
      .cmp_en_i         (tlb_cmp_en),
      .cmp_vpn_i        (tlb_cmp_vpn),
      .cmp_asid_i       (tlb_cmp_asid),
      .lu_en_i          (tlb_lu_en && tlb_exec),
      .lu_vpn_i         (tlb_vpn),
      .lu_match_o       (i_match),
      .lu_level_o       (i_level),
      .lu_ppn_o         (i_ppn),
      .lu_perm_o        (i_perm),
      .lu_global_o      (i_global),
      .rd_ppn_o         (i_rd_ppn),
      .upd_touch_i      (tlb_touch && tlb_exec),
      .fill_sel_i       (tlb_fill_sel && tlb_exec),
      .upd_fill_i       (tlb_fill && tlb_exec),
      .upd_asid_i       (tlb_fill_asid),
      .upd_level_i      (tlb_fill_level),
      .upd_global_i     (tlb_fill_global),
      .upd_ppn_i        (tlb_fill_ppn),
      .upd_perm_i       (tlb_fill_perm),
      .ctl_policy_i     (ctl_itlb_policy_i),
      .ctl_inval_i,
      .ctl_inval_mode_i,
      .ctl_inval_asid_i,
      .ctl_inval_vaddr_i
    );

    // The verdict of the access's TLB.
    assign tlb_match = tlb_exec ? i_match : d_match;
    assign tlb_level = tlb_exec ? i_level : d_level;
    assign tlb_ppn   = tlb_exec ? i_ppn   : d_ppn;
    assign tlb_perm  = tlb_exec ? i_perm  : d_perm;
  end

  // ---- the second-level TLB (docs/contract.md, "Second-level TLB") -------------------
  // Shared by both L1s, non-inclusive: a walk fills the L1 that missed and the L2; an
  // L2 hit refills the L1 that missed. It compares in LOOKUP, after the L1 missed
  // (LATE_CMP: the walker's l2_lu_en), where the L1s compare at the accepting edge: the
  // same verdict (tlb.sv, "Timing"), but no compare of every hit's VPN, which a
  // simulation would pay on every access; its PPNs are a block RAM read at the edge
  // ending LOOKUP (PPN_RAM), at the address of that verdict, which the walker's FILL
  // answers from, a cycle later: an L2 hit takes 2 cycles. (Its cmp_* ports feed only
  // the formal checks' record of the request.)
  if (L2_WAYS > 0) begin : g_l2
    logic [PPN_BITS-1:0] l2_lu_ppn;
    logic                unused_l2;
    assign unused_l2 = ^l2_lu_ppn;
    // (Ports and parameters as u_tlb's: the lookup and compare of the access, the
    // walk's fill data, the invalidation; its own policy, touch and fill strobes.)
    tlb #(
      .SETS(L2_SETS), .WAYS(L2_WAYS), .VADDR_BITS(VADDR_BITS), .VA_BITS(VA_BITS),
      .PAGE_BITS(PAGE_BITS), .LEVELS(LEVELS), .LEVEL_BITS(LEVEL_BITS), .ASID_BITS(ASID_BITS),
      .PPN_BITS(PPN_BITS), .PPN_RAM(1'b1), .LATE_CMP(1'b1)
    ) u_l2 (
      .clk_i, .rst_ni,
      .cmp_en_i(tlb_cmp_en), .cmp_vpn_i(tlb_cmp_vpn), .cmp_asid_i(tlb_cmp_asid),
      .lu_en_i(l2_lu_en), .lu_vpn_i(tlb_vpn),
      .lu_match_o(l2_match), .lu_level_o(l2_level), .lu_ppn_o(l2_lu_ppn), .lu_perm_o(l2_perm),
      .lu_global_o(l2_global), .rd_ppn_o(l2_ppn),
      .upd_touch_i(l2_touch), .fill_sel_i(l2_fill_sel), .upd_fill_i(l2_fill),
      .upd_asid_i(tlb_fill_asid), .upd_level_i(tlb_fill_level), .upd_global_i(tlb_fill_global),
      .upd_ppn_i(tlb_fill_ppn), .upd_perm_i(tlb_fill_perm),
      .ctl_policy_i(ctl_l2_policy_i),
      .ctl_inval_i, .ctl_inval_mode_i, .ctl_inval_asid_i, .ctl_inval_vaddr_i
    );
  end else begin : g_no_l2
    assign l2_match  = 1'b0;
    assign l2_level  = '0;
    assign l2_global = 1'b0;
    assign l2_perm   = '0;
    assign l2_ppn    = '0;
    logic unused_l2;
    assign unused_l2 = ^ctl_l2_policy_i ^ l2_touch ^ l2_fill_sel ^ l2_fill ^ l2_lu_en;
  end

endmodule

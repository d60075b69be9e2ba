// SPDX-License-Identifier: MIT
// mmu_fmax.sv -- a synthesis-only harness around mmu.sv for a timing estimate.
//
// The MMU has hundreds of ports, more than any iCE40 package has pins, so
// nextpnr could not place it as a top. Here every input comes from one long shift
// register fed by one pin and every output is registered and folded into one XOR
// pin: all of the MMU's logic stays observable (nothing is optimised away) and
// every MMU path still starts and ends at a flip-flop, as it would in a system.
// LUT/FF figures are taken from mmu alone (synth/ice40.sh); this wrapper only
// serves nextpnr's Fmax. POLICY 0..3 ties ctl_tlb_policy_i to that TLB policy (fifo,
// lru, plru, random), so the figures are that policy's own; 4 (the default) takes it
// from the stream like every other input: all four policies built.

`timescale 1ns/1ps

`include "rtl/mmu_widths.svh"

module mmu_fmax #(
  parameter int unsigned VA_BITS    = 16,
  parameter int unsigned PAGE_BITS  = 8,
  parameter int unsigned LEVELS     = 1,
  parameter int unsigned LEVEL_BITS = 8,
  parameter int unsigned PTE_BYTES  = 4,
  parameter int unsigned PA_BITS    = 30,
  parameter int unsigned ASID_BITS  = 16,
  parameter int unsigned SATP_MODE  = 1,
  parameter int unsigned SETS       = 1,
  parameter int unsigned WAYS       = 16,
  parameter int unsigned ITLB_SETS  = 1,
  parameter int unsigned ITLB_WAYS  = 0,   // 0: no ITLB (mmu.sv)
  parameter int unsigned PWC_ENTRIES = 0,  // 0: no page-walk cache (mmu.sv)
  parameter int unsigned L2_SETS    = 1,
  parameter int unsigned L2_WAYS    = 0,   // 0: no second-level TLB (mmu.sv)
  parameter int unsigned POLICY     = 4
) (
  input  logic clk_i,
  input  logic rst_ni,
  input  logic din_i,   // serial stream of every MMU input
  output logic dout_o   // XOR of every registered MMU output
);

  // mmu's widths, derived or fixed (rtl/mmu_widths.svh) as mmu.sv does.
  localparam int unsigned PTE_BITS   = 8 * PTE_BYTES;
  localparam int unsigned VADDR_BITS = (PTE_BYTES == 8) ? 64 : VA_BITS;
  localparam int unsigned SATP_BITS  = ((PTE_BYTES == 8) ? 4 : 1) + ASID_BITS + PA_BITS - PAGE_BITS;
  localparam int unsigned KIND_BITS  = `VMMU_KIND_BITS;
  localparam int unsigned FAULT_BITS = `VMMU_FAULT_BITS;
  localparam int unsigned INVAL_BITS = `VMMU_INVAL_BITS;
  localparam int unsigned IN_BITS    = 1 + VADDR_BITS + KIND_BITS + 1                   // request
                                     + 1 + PTE_BITS + 1                                 // memory
                                     + SATP_BITS + 3 + 64                               // satp, SUM, MXR, A/D, pmem
                                     + 2 + 1 + INVAL_BITS + ASID_BITS + VADDR_BITS;     // policy, invalidation
  localparam int unsigned OUT_BITS   = 1 + 1 + PA_BITS + 1 + FAULT_BITS      // ready, response
                                     + 1 + 1 + PA_BITS + PTE_BITS;           // memory

  logic [IN_BITS-1:0]  in_q;
  logic [OUT_BITS-1:0] out_q, out_d;
  logic                dout_q;

  logic                  req_valid, req_priv, mem_rvalid, mem_err, sum, mxr, ad_fault, inval;
  logic [1:0]            policy_in, policy;
  logic [VADDR_BITS-1:0] req_vaddr, inval_vaddr;
  logic [KIND_BITS-1:0]  req_kind;
  logic [PTE_BITS-1:0]   mem_rdata;
  logic [SATP_BITS-1:0]  satp;
  logic [63:0]           pmem;
  logic [INVAL_BITS-1:0] inval_mode;
  logic [ASID_BITS-1:0]  inval_asid;
  assign {req_valid, req_vaddr, req_kind, req_priv, mem_rvalid, mem_rdata, mem_err,
          satp, sum, mxr, ad_fault, pmem, policy_in, inval, inval_mode, inval_asid, inval_vaddr} = in_q;
  assign policy = (POLICY < 4) ? 2'(POLICY) : policy_in;

  logic                  req_ready, rsp_valid, rsp_hit, mem_req, mem_we;
  logic [PA_BITS-1:0]    rsp_paddr, mem_addr;
  logic [FAULT_BITS-1:0] rsp_fault;
  logic [PTE_BITS-1:0]   mem_wdata;
  assign out_d = {req_ready, rsp_valid, rsp_paddr, rsp_hit, rsp_fault,
                  mem_req, mem_we, mem_addr, mem_wdata};

  mmu #(
    .VA_BITS (VA_BITS), .PAGE_BITS (PAGE_BITS), .LEVELS (LEVELS), .LEVEL_BITS (LEVEL_BITS),
    .PTE_BYTES (PTE_BYTES), .PA_BITS (PA_BITS), .ASID_BITS (ASID_BITS), .SATP_MODE (SATP_MODE),
    .SETS (SETS), .WAYS (WAYS), .ITLB_SETS (ITLB_SETS), .ITLB_WAYS (ITLB_WAYS),
    .PWC_ENTRIES (PWC_ENTRIES), .L2_SETS (L2_SETS), .L2_WAYS (L2_WAYS)
  ) u_mmu (
    .clk_i,
    .rst_ni,
    .req_valid_i       (req_valid),
    .req_ready_o       (req_ready),
    .req_vaddr_i       (req_vaddr),
    .req_kind_i        (req_kind),
    .req_priv_i        (req_priv),
    .rsp_valid_o       (rsp_valid),
    .rsp_paddr_o       (rsp_paddr),
    .rsp_hit_o         (rsp_hit),
    .rsp_fault_o       (rsp_fault),
    .mem_req_o         (mem_req),
    .mem_we_o          (mem_we),
    .mem_addr_o        (mem_addr),
    .mem_wdata_o       (mem_wdata),
    .mem_rvalid_i      (mem_rvalid),
    .mem_rdata_i       (mem_rdata),
    .mem_err_i         (mem_err),
    .ctl_satp_i        (satp),
    .ctl_sum_i         (sum),
    .ctl_mxr_i         (mxr),
    .ctl_ad_fault_i    (ad_fault),
    .ctl_pmem_i        (pmem),
    .ctl_tlb_policy_i  (policy),
    .ctl_itlb_policy_i (policy),  // the ITLB's, if any: the same policy
    .ctl_l2_policy_i   (policy),  // the L2 TLB's, if any: the same policy
    .ctl_inval_i       (inval),
    .ctl_inval_mode_i  (inval_mode),
    .ctl_inval_asid_i  (inval_asid),
    .ctl_inval_vaddr_i (inval_vaddr)
  );

  always_ff @(posedge clk_i) begin : regs
    in_q   <= {in_q[IN_BITS-2:0], din_i};
    out_q  <= out_d;
    dout_q <= ^out_q;
  end
  assign dout_o = dout_q;

endmodule

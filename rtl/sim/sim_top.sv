// SPDX-License-Identifier: MIT
// sim_top.sv -- the Verilated top: mmu.sv plus OS annotation inputs. Simulation
// only; synthesis uses mmu as its top.
//
// The annotations carry nothing into the MMU. They exist so a waveform shows what
// the harness's OS did next to what the hardware did: which event (page fault
// serviced, victim evicted, TLB invalidated by the OS, process switch), which frame
// it chose, and which access of the trace is under way. They are renamed onto
// named signals (an enum for the event, so GTKWave prints its name) and otherwise
// unused; so are satp's ASID and root table (satp_asid, satp_root), decoded from
// ctl_satp_i for the same reader.
//
// The MMU's ports, parameters, states and VA layout are described in mmu.sv.

`timescale 1ns/1ps

`include "rtl/mmu_widths.svh"

module sim_top #(
  parameter int unsigned VA_BITS        = 16,
  parameter int unsigned PAGE_BITS      = 8,
  parameter int unsigned LEVELS         = 1,
  parameter int unsigned LEVEL_BITS     = 8,
  parameter int unsigned PTE_BYTES      = 4,
  parameter int unsigned PA_BITS        = 30,
  parameter int unsigned ASID_BITS      = 16,
  parameter int unsigned SATP_MODE      = 1,
  parameter int unsigned SETS           = 1,
  parameter int unsigned WAYS           = 16,
  parameter int unsigned ITLB_SETS      = 1,
  parameter int unsigned ITLB_WAYS      = 0,   // 0: no ITLB (mmu.sv)
  parameter int unsigned PWC_ENTRIES    = 0,   // 0: no page-walk cache (mmu.sv)
  parameter int unsigned L2_SETS        = 1,
  parameter int unsigned L2_WAYS        = 0,   // 0: no second-level TLB (mmu.sv)
  // ---- derived: localparams, so -G cannot set them out of step ---------------
  localparam int unsigned PTE_BITS      = 8 * PTE_BYTES,
  localparam int unsigned VADDR_BITS    = (PTE_BYTES == 8) ? 64 : VA_BITS,
  localparam int unsigned SATP_BITS     = ((PTE_BYTES == 8) ? 4 : 1) + ASID_BITS + PA_BITS - PAGE_BITS,
  // ---- fixed by the contract (rtl/mmu_widths.svh); not settable ---------------
  localparam int unsigned KIND_BITS     = `VMMU_KIND_BITS,
  localparam int unsigned FAULT_BITS    = `VMMU_FAULT_BITS,
  localparam int unsigned INVAL_BITS    = `VMMU_INVAL_BITS,
  // ---- the OS annotations: an os_event_e; rtl_capi.h's uint32_t frame, access --
  localparam int unsigned OS_EVENT_BITS = 3,
  localparam int unsigned OS_WORD_BITS  = 32
) (
  input  logic                     clk_i,
  input  logic                     rst_ni,

  // ---- request / response ---------------------------------------------------
  input  logic                     req_valid_i,
  output logic                     req_ready_o,
  input  logic [VADDR_BITS-1:0]    req_vaddr_i,
  input  logic [KIND_BITS-1:0]     req_kind_i,
  input  logic                     req_priv_i,
  output logic                     rsp_valid_o,
  output logic [PA_BITS-1:0]       rsp_paddr_o,
  output logic                     rsp_hit_o,
  output logic [FAULT_BITS-1:0]    rsp_fault_o,

  // ---- memory -------------------------------------------------------------------
  output logic                     mem_req_o,
  output logic                     mem_we_o,
  output logic [PA_BITS-1:0]       mem_addr_o,
  output logic [PTE_BITS-1:0]      mem_wdata_o,
  input  logic                     mem_rvalid_i,
  input  logic [PTE_BITS-1:0]      mem_rdata_i,
  input  logic                     mem_err_i,

  // ---- control --------------------------------------------------------------------
  input  logic [SATP_BITS-1:0]     ctl_satp_i,
  input  logic                     ctl_sum_i,
  input  logic                     ctl_mxr_i,
  input  logic                     ctl_ad_fault_i,
  input  logic [63:0]              ctl_pmem_i,
  input  logic [1:0]               ctl_tlb_policy_i,
  input  logic [1:0]               ctl_itlb_policy_i,
  input  logic [1:0]               ctl_l2_policy_i,
  input  logic                     ctl_inval_i,
  input  logic [INVAL_BITS-1:0]    ctl_inval_mode_i,
  input  logic [ASID_BITS-1:0]     ctl_inval_asid_i,
  input  logic [VADDR_BITS-1:0]    ctl_inval_vaddr_i,

  // ---- OS annotations: for waveforms only --------------------------------------
  // Read by nothing: they exist to be seen in the FST.
  /* verilator lint_off UNUSEDSIGNAL */
  input  logic [OS_EVENT_BITS-1:0] os_event_i,        // os_event_e
  input  logic [OS_WORD_BITS-1:0]  os_frame_i,        // frame the OS chose
  input  logic [OS_WORD_BITS-1:0]  os_access_i        // number of the access under way
  /* verilator lint_on UNUSEDSIGNAL */
);

  typedef enum logic [OS_EVENT_BITS-1:0] {
    OS_NONE       = 3'd0,
    OS_PAGE_FAULT = 3'd1,  // a page fault serviced
    OS_EVICT      = 3'd2,  // a victim evicted
    OS_TLB_INVAL  = 3'd3,  // a TLB invalidation by the OS
    OS_SWITCH     = 3'd4   // a process switch
  } os_event_e;

  // Named copies for the waveform; nothing reads them either.
  /* verilator lint_off UNUSEDSIGNAL */
  os_event_e               os_event;
  logic [OS_WORD_BITS-1:0] os_frame;
  logic [OS_WORD_BITS-1:0] os_access;
  /* verilator lint_on UNUSEDSIGNAL */
  assign os_event  = os_event_e'(os_event_i);
  assign os_frame  = os_frame_i;
  assign os_access = os_access_i;

  // satp's ASID and root table as the MMU reads them in LOOKUP, decoded for the
  // waveform (ctl_satp_i is {MODE, ASID, PPN}); nothing reads them either.
  /* verilator lint_off UNUSEDSIGNAL */
  logic [ASID_BITS-1:0] satp_asid;
  logic [PA_BITS-1:0]   satp_root;
  /* verilator lint_on UNUSEDSIGNAL */
  assign satp_asid = ctl_satp_i[PA_BITS-PAGE_BITS +: ASID_BITS];
  assign satp_root = {ctl_satp_i[PA_BITS-PAGE_BITS-1:0], {PAGE_BITS{1'b0}}};

  mmu #(
    .VA_BITS    (VA_BITS),
    .PAGE_BITS  (PAGE_BITS),
    .LEVELS     (LEVELS),
    .LEVEL_BITS (LEVEL_BITS),
    .PTE_BYTES  (PTE_BYTES),
    .PA_BITS    (PA_BITS),
    .ASID_BITS  (ASID_BITS),
    .SATP_MODE  (SATP_MODE),
    .SETS       (SETS),
    .WAYS       (WAYS),
    .ITLB_SETS  (ITLB_SETS),
    .ITLB_WAYS  (ITLB_WAYS),
    .PWC_ENTRIES(PWC_ENTRIES),
    .L2_SETS    (L2_SETS),
    .L2_WAYS    (L2_WAYS)
  ) u_mmu (
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
    .ctl_tlb_policy_i,
    .ctl_itlb_policy_i,
    .ctl_l2_policy_i,
    .ctl_inval_i,
    .ctl_inval_mode_i,
    .ctl_inval_asid_i,
    .ctl_inval_vaddr_i
  );

endmodule

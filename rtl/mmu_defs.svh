// SPDX-License-Identifier: MIT
// mmu_defs.svh -- the constants every vmmu RTL file shares.
//
// Included inside each module body (`include "rtl/mmu_defs.svh"), not a package:
// Yosys 0.23 cannot `import` a package into a module, and Verilator 5.006 needs a
// package parsed before its users, which `verilator rtl/*.sv` cannot promise
// (mmu.sv sorts before mmu_pkg.sv). An include gives both tools one source.
// The path is relative to the repository root, where every build and lint runs.
//
// What lives here is fixed by docs/contract.md and never varies per build: access
// kinds, fault codes, PTE bit positions, invalidation modes and the walker's state
// encoding; the widths of those codes are in rtl/mmu_widths.svh, where a port list
// can see them. What varies per build (address widths, levels, TLB geometry) is a
// module parameter of mmu/sim_top; the widths derived from it are localparams.
// (No `timescale here: a directive may not sit inside a module; each .sv has one.)

`include "rtl/mmu_widths.svh"

// Each module uses only some of these names; an unused one is not a defect.
/* verilator lint_off UNUSEDPARAM */

// ---- access kinds (req_kind_i) ----------------------------------------------
localparam logic [`VMMU_KIND_BITS-1:0] KIND_READ  = 2'd0;
localparam logic [`VMMU_KIND_BITS-1:0] KIND_WRITE = 2'd1;
localparam logic [`VMMU_KIND_BITS-1:0] KIND_EXEC  = 2'd2;
// 2'd3 is not a kind: it is refused by an assertion and, if it gets through, is
// answered in LOOKUP with an access fault (docs/contract.md), never looked up.

// ---- privilege (req_priv_i) -----------------------------------------------------
localparam logic PRIV_U = 1'b0;
localparam logic PRIV_S = 1'b1;

// ---- fault codes (rsp_fault_o) -------------------------------------------------
localparam logic [`VMMU_FAULT_BITS-1:0] FAULT_NONE   = 2'd0;
localparam logic [`VMMU_FAULT_BITS-1:0] FAULT_PAGE   = 2'd1;  // the tables forbid or lack it: the OS's
localparam logic [`VMMU_FAULT_BITS-1:0] FAULT_ACCESS = 2'd2;  // physical memory: outside it

// ---- invalidation modes (ctl_inval_mode_i): the four cases of SFENCE.VMA rs1, rs2 --
localparam logic [`VMMU_INVAL_BITS-1:0] INVAL_PAGE     = 2'd0;  // VA, ASID: its non-global entries of that page
localparam logic [`VMMU_INVAL_BITS-1:0] INVAL_ASID     = 2'd1;  // x0, ASID: its non-global entries
localparam logic [`VMMU_INVAL_BITS-1:0] INVAL_ALL      = 2'd2;  // x0, x0: everything
localparam logic [`VMMU_INVAL_BITS-1:0] INVAL_PAGE_ALL = 2'd3;  // VA, x0: every entry of that page, global too

// ---- PTE bit positions (RISC-V layout) ------------------------------------------
localparam int unsigned PTE_V = 0;
localparam int unsigned PTE_R = 1;
localparam int unsigned PTE_W = 2;
localparam int unsigned PTE_X = 3;
localparam int unsigned PTE_U = 4;
localparam int unsigned PTE_G = 5;  // global: on a leaf or on any pointer above it
localparam int unsigned PTE_A = 6;
localparam int unsigned PTE_D = 7;
localparam int unsigned PTE_PPN_LSB = 10;  // bits 8-9 (RSW) are ignored
localparam int unsigned PTE_RSV_LSB = 54;  // 63 N, 62-61 PBMT, 60-54: reserved (64-bit PTE only)

// ---- what a TLB entry keeps of a PTE: the bits a lookup decides with ----------
localparam int unsigned PERM_R = 0;
localparam int unsigned PERM_W = 1;
localparam int unsigned PERM_X = 2;
localparam int unsigned PERM_U = 3;
localparam int unsigned PERM_D = 4;  // PERM_BITS (the width): rtl/mmu_widths.svh

// ---- walker states (ptw.sv), named for what they do or wait on ---------------
// The encoding is fixed so a waveform viewer's filter or a C-side decoder can rely
// on it; FST also carries the names themselves.
typedef enum logic [2:0] {
  ST_IDLE        = 3'd0,  // req_ready_o = 1
  ST_LOOKUP      = 3'd1,  // Bare, non-canonical, or the TLB's verdict; a hit answers here
  ST_READ_PTE    = 3'd2,  // one-cycle memory read request
  ST_WAIT_RVALID = 3'd3,  // waiting for the PTE; steps 2-10 run when it comes
  ST_WRITE_PTE   = 3'd4,  // one-cycle memory write of the PTE with A (and D)
  ST_WAIT_WACK   = 3'd5,  // waiting for the write acknowledge
  ST_FILL        = 3'd6,  // answer; the TLB is written at the edge ending it
  ST_FAULT       = 3'd7   // answer with the fault
} walk_state_e;

/* verilator lint_on UNUSEDPARAM */

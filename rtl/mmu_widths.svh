// SPDX-License-Identifier: MIT
// mmu_widths.svh -- the port widths docs/contract.md fixes, as macros at file scope.
//
// A module's port list comes before its body, where rtl/mmu_defs.svh is included
// (that file says why it is an include and not a package), so a port can only name
// a width defined before the module starts: hence macros, included at the top of
// each .sv. Each module turns the ones it uses into localparams of its parameter
// port list (KIND_BITS, ...): its ports and its body then read one name, and no
// instance can set it. The codes of each field are in mmu_defs.svh.
// The guard makes a second include (every .sv has one, and Verilator and Yosys read
// them as one compilation unit) a no-op.

`ifndef VMMU_WIDTHS_SVH
`define VMMU_WIDTHS_SVH

`define VMMU_KIND_BITS  2  // access kind (req_kind_i): read, write, execute
`define VMMU_FAULT_BITS 2  // fault code (rsp_fault_o): none, page, access
`define VMMU_INVAL_BITS 2  // invalidation mode (ctl_inval_mode_i): the four SFENCE.VMA cases
`define VMMU_PERM_BITS  5  // what a TLB entry keeps of a PTE: {D, U, X, W, R}

`endif

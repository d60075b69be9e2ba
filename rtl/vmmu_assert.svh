// SPDX-License-Identifier: MIT
// vmmu_assert.svh -- assertions, assumptions and cover points written once, read by
// both Verilator (simulation: `make sim`, `make test`, `make coverage`) and Yosys
// (`read_verilog -formal -sv`: `make formal`, docs/formal.md), in the spirit of
// lowRISC ibex's prim_assert.sv.
//
// Each macro is one labelled immediate statement, used inside the clocked `checks`
// blocks of rtl/ptw.sv and rtl/tlb.sv: it sees the values the clock edge samples.
//
//   `VMMU_ASSERT(name, expr, msg)  the design guarantees expr
//   `VMMU_ASSUME(name, expr, msg)  the environment (the ports' contract) promises expr
//   `VMMU_COVER(name, expr)        a corner case a test, or a cover trace, must reach
//   `VMMU_COVER_EACH(name, expr)   the same, inside a generate loop (one per instance)
//
// msg is $error's argument list in parentheses, e.g. ("tlb: set %0d", lu_set).
//
// In Verilator an assertion or assumption that fails prints msg and stops the run
// (rtl/sim/rtl_capi.cpp); an assumption is checked exactly like an assertion, since
// in simulation the environment is the harness, and it can be wrong too. Simulation
// writes each as an if with $error in a block named for it: Verilator prints the
// same line for it ("Assertion failed in ...checks.name: msg") and stops the same
// way, but tests no run-time switch first, where before each `assert` it tests
// assertOn() (never turned off here: 2 % of vmsim's instructions). `make coverage`
// keeps `assert`, whose failure branch is not a line point to reach. A cover
// point counts its hits under --coverage-user and costs nothing otherwise (what only
// it needs is computed under `ifdef VMMU_COVERS, below).
//
// In Yosys (-formal defines FORMAL) an assertion is proven, an assumption constrains
// the free inputs, a cover asks the solver for a trace. Yosys takes no action block
// (`else $error`), so msg is dropped; the label names the property in sby's report.
// Yosys cannot give a labelled statement a per-instance name inside a generate loop
// (every instance gets the same label: YosysHQ/yosys#6183), so VMMU_COVER_EACH is
// unlabelled there and sby reports each instance by its source line.

`ifndef VMMU_ASSERT_SVH
`define VMMU_ASSERT_SVH

// VMMU_COVERS: the builds that count or trace cover points, `make formal` (FORMAL) and
// `make coverage` (mk/coverage.mk defines VMMU_COVERAGE). What the RTL computes only
// for a cover point sits under `ifdef VMMU_COVERS: other simulations (Verilator keeps
// every variable for the waveform) then spend nothing on it.
`ifdef FORMAL
`define VMMU_COVERS
`endif
`ifdef VMMU_COVERAGE
`define VMMU_COVERS
`endif

`ifdef FORMAL
`define VMMU_ASSERT(name, expr, msg) name: assert (expr);
`define VMMU_ASSUME(name, expr, msg) name: assume (expr);
`define VMMU_COVER(name, expr) name: cover (expr);
`define VMMU_COVER_EACH(name, expr) cover (expr);
`elsif VMMU_COVERAGE
`define VMMU_ASSERT(name, expr, msg) name: assert (expr) else $error msg;
`define VMMU_ASSUME(name, expr, msg) name: assume (expr) else $error msg;
`define VMMU_COVER(name, expr) name: cover (expr);
`define VMMU_COVER_EACH(name, expr) name: cover (expr);
`else
`define VMMU_ASSERT(name, expr, msg) begin : name if (!(expr)) $error msg; end
`define VMMU_ASSUME(name, expr, msg) begin : name if (!(expr)) $error msg; end
`define VMMU_COVER(name, expr) name: cover (expr);
`define VMMU_COVER_EACH(name, expr) name: cover (expr);
`endif

`endif

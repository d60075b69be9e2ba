// SPDX-License-Identifier: MIT
// pwc.sv -- the page-walk cache (docs/contract.md, "Page-walk cache"): ENTRIES pointer
// PTEs, fully associative, keyed by the PTE's physical address (Rocket's PTE cache):
// a cache of memory, so no ASID, satp or level in the key. ptw.sv looks it up in
// READ_PTE above level 0, and fills it when a valid pointer arrives above level 0.
//
//   valid_q  per entry                 key_q  the PTE's address >> log2(PTE bytes)
//   ppn_q    the pointer's PPN         g_q    its G bit
//   tree_q   plru: ENTRIES-1 bits, the contract's tree (docs/contract.md, "Replacement")
//
// Events on the tree: a hit the walk takes (touch_i) and a fill; a fill goes to the
// lowest invalid entry, else the tree's victim. An SFENCE.VMA with rs1 = x0 (modes 1
// and 2) clears every valid bit at its edge (the key has no ASID); rs1 = VA orders leaf
// PTEs only and leaves the cache. Invalidation never touches the tree.

`timescale 1ns/1ps

`include "rtl/mmu_widths.svh"
`include "rtl/vmmu_assert.svh"

module pwc #(
  parameter int unsigned ENTRIES  = 8,   // a power of two, 1..64
  parameter int unsigned KEY_BITS = 53,  // PA_BITS - log2(PTE bytes)
  parameter int unsigned PPN_BITS = 44,
  localparam int unsigned IDX_BITS  = (ENTRIES > 1) ? $clog2(ENTRIES) : 1,
  localparam int unsigned DEPTH     = $clog2(ENTRIES),        // 0 for one entry
  localparam int unsigned TREE_BITS = (ENTRIES > 1) ? ENTRIES - 1 : 1
) (
  input  logic                  clk_i,
  input  logic                  rst_ni,
  input  logic [KEY_BITS-1:0]   lu_key_i,      // the PTE the walk is about to read
  output logic                  lu_hit_o,
  output logic [PPN_BITS-1:0]   lu_ppn_o,
  output logic                  lu_global_o,
  input  logic                  touch_i,       // the walk takes the hit at this edge
  input  logic                  fill_i,        // keep the pointer read at lu_key_i
  input  logic [PPN_BITS-1:0]   fill_ppn_i,
  input  logic                  fill_global_i,
  input  logic                  ctl_inval_i,
  input  logic [`VMMU_INVAL_BITS-1:0] ctl_inval_mode_i
);

  `include "rtl/mmu_defs.svh"

  logic [ENTRIES-1:0]  valid_q;
  logic [KEY_BITS-1:0] key_q [ENTRIES];
  logic [PPN_BITS-1:0] ppn_q [ENTRIES];
  logic [ENTRIES-1:0]  g_q;
  logic [TREE_BITS-1:0] tree_q;

  // ---- lookup: at most one entry holds a key (a_one_per_key), so an OR picks it ----
  logic [ENTRIES-1:0]  match;
  logic [IDX_BITS-1:0] hit_idx;
  always_comb begin : lookup
    lu_ppn_o    = '0;
    lu_global_o = 1'b0;
    hit_idx     = '0;
    for (int unsigned e = 0; e < ENTRIES; e++) begin
      match[e] = valid_q[e] && key_q[e] == lu_key_i;
      if (match[e]) begin
        lu_ppn_o    = lu_ppn_o | ppn_q[e];
        lu_global_o = lu_global_o | g_q[e];
        hit_idx     = hit_idx | IDX_BITS'(e);
      end
    end
    lu_hit_o = |match;
  end

  // ---- the plru tree of one set: node n's children 2n+1 (lower half), 2n+2 -------
  // A touch walks from the root down the entry's path, pointing each node away from
  // it; the victim follows the nodes from the root.
  function automatic logic [TREE_BITS-1:0] touched(input logic [TREE_BITS-1:0] tree,
                                                   input logic [IDX_BITS-1:0] idx);
    int unsigned node;
    touched = tree;
    node    = 0;
    for (int d = DEPTH - 1; d >= 0; d--) begin
      touched[node] = !idx[d];
      node = 2 * node + 1 + 32'(idx[d]);
    end
  endfunction

  function automatic logic [IDX_BITS-1:0] victim_of(input logic [TREE_BITS-1:0] tree);
    int unsigned node;
    victim_of = '0;
    node      = 0;
    for (int d = DEPTH - 1; d >= 0; d--) begin
      victim_of[d] = tree[node];
      node = 2 * node + 1 + 32'(tree[node]);
    end
  endfunction

  // The entry a fill takes: the lowest invalid one, else the victim.
  logic [IDX_BITS-1:0] fill_idx;
  always_comb begin : fill_entry
    fill_idx = victim_of(tree_q);
    for (int e = ENTRIES - 1; e >= 0; e--)
      if (!valid_q[e]) fill_idx = IDX_BITS'(e);
  end

  always_ff @(posedge clk_i) begin : update
    if (!rst_ni) begin
      valid_q <= '0;
      tree_q  <= '0;
    end else begin
      if (touch_i)     tree_q <= touched(tree_q, hit_idx);
      if (fill_i) begin
        valid_q[fill_idx] <= 1'b1;
        key_q[fill_idx]   <= lu_key_i;
        ppn_q[fill_idx]   <= fill_ppn_i;
        g_q[fill_idx]     <= fill_global_i;
        tree_q            <= touched(tree_q, fill_idx);
      end
      if (ctl_inval_i && (ctl_inval_mode_i == INVAL_ASID || ctl_inval_mode_i == INVAL_ALL))
        valid_q <= '0;
    end
  end

`ifndef SYNTHESIS
  // ---- checks (simulation and formal; rtl/vmmu_assert.svh) -----------------------------
  always_ff @(posedge clk_i) begin : checks
    if (rst_ni) begin
      // ptw.sv drops a fill at an invalidation's edge (docs/contract.md), and fills only
      // after a lookup that missed: so one key is never held twice.
      `VMMU_ASSERT(a_fill_not_inval, !(fill_i && ctl_inval_i),
        ("pwc: a fill at the edge of an invalidation"))
      `VMMU_ASSERT(a_fill_after_miss, !(fill_i && lu_hit_o),
        ("pwc: a fill of a key it holds"))
      `VMMU_ASSERT(a_touch_hit, !touch_i || lu_hit_o, ("pwc: a touch without a hit"))
      `VMMU_ASSERT(a_one_per_key, $countones(match) <= 1,
        ("pwc: %0d entries hold one key", $countones(match)))
      `VMMU_COVER(c_pwc_hit,        touch_i)
      `VMMU_COVER(c_pwc_fill,       fill_i)
      `VMMU_COVER(c_pwc_fill_full,  fill_i && &valid_q)
      `VMMU_COVER(c_pwc_flush,      ctl_inval_i && |valid_q
                                    && (ctl_inval_mode_i == INVAL_ASID || ctl_inval_mode_i == INVAL_ALL))
      `VMMU_COVER(c_pwc_kept,       ctl_inval_i && |valid_q
                                    && (ctl_inval_mode_i == INVAL_PAGE || ctl_inval_mode_i == INVAL_PAGE_ALL))
    end
  end
`ifdef FORMAL
  // Proven, not simulated (a pair loop a cycle would cost vmsim): no two valid
  // entries hold one key, whatever is looked up.
  always_ff @(posedge clk_i) begin : fv_checks
    if (rst_ni)
      for (int a = 0; a < ENTRIES; a++)
        for (int b = a + 1; b < ENTRIES; b++)
          assert (!(valid_q[a] && valid_q[b] && key_q[a] == key_q[b]));  // a_keys_distinct (no label: one a pair)
  end
`endif
`endif

endmodule

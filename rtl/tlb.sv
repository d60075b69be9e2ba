// SPDX-License-Identifier: MIT
// tlb.sv -- set-associative TLB with age-rank replacement (docs/contract.md, "The TLB").
//
//   key (ASID, VPN) ---> set = VPN mod SETS = VPN[IDX_BITS-1:0]
//
//   VPN:  | ........ upper bits ........ | set index (log2 SETS bits) |
//                                            selects the set (none if SETS = 1)
//         |<----- the whole VPN, with the ASID, is compared in each way ----->|
//
//   entry = { valid, key = {ASID, VPN}, PPN, perm = {D, U, X, W, R} }   per (set, way)
//   order = per set, WAYS slots: slot r holds the way whose age rank is r
//           (slot 0 = most recent event, slot WAYS-1 = the victim)
//
// The entry keeps the full VPN, not only the bits above the set index: for osc
// (8 VPN bits) SETS may exceed 2^VPN_BITS, where a tag would have no bits, and one
// comparator width for every geometry keeps the lookup simple to read.
//
// Timing. The ways are compared at the edge that accepts a request (cmp_*_i: the
// key straight from the request port) and the verdict is registered, so in LOOKUP
// the hit is a register ANDed with the set's valid bits. Between that edge and the
// answer no way can change its key (fills happen only at the end of FILL, and the
// walker accepts nothing meanwhile), and the AND with the live valid bits applies
// any invalidation since, so lu_match_o in every cycle of the access is what a
// fresh compare would give. The walker (ptw.sv) then holds the key on lu_*_i until
// the answer, so the hit's rank event and the fill address the same set. Only
// invalidation addresses other sets.
//
// Simulation speed shapes the code (the RTL is the inner loop of every
// co-simulation, and Verilator re-evaluates all combinational logic after every
// edge, and whatever depends on an input at every eval): the compare, the rank
// update, fills and invalidations are computed inside the clocked block under the
// condition that needs them, so a cycle that uses none of them costs almost
// nothing; the ranks are kept as an ordered list per set, so the victim is read
// from its slot instead of being searched for; what stays combinational depends
// on registers only, except the few single gates that take a port.

`timescale 1ns/1ps

`include "rtl/mmu_widths.svh"
`include "rtl/vmmu_assert.svh"

module tlb #(
  parameter int unsigned SETS        = 1,   // power of two, 1..1024
  parameter int unsigned WAYS        = 16,  // 1..64
  parameter int unsigned VPN_BITS    = 8,
  parameter int unsigned ASID_BITS   = 16,
  parameter int unsigned PPN_BITS    = 22,
  // ---- fixed by the contract (rtl/mmu_widths.svh); not settable ---------------
  localparam int unsigned PERM_BITS  = `VMMU_PERM_BITS,  // {D,U,X,W,R}
  localparam int unsigned INVAL_BITS = `VMMU_INVAL_BITS
) (
  input  logic                  clk_i,
  input  logic                  rst_ni,       // synchronous, active low

  // ---- compare: the request being accepted at this cycle's closing edge -------
  input  logic                  cmp_en_i,     // a request is accepted at this edge
  input  logic [ASID_BITS-1:0]  cmp_asid_i,   // its key, from the request port
  input  logic [VPN_BITS-1:0]   cmp_vpn_i,

  // ---- lookup: from the walker, the key of the access under way ------------
  input  logic [ASID_BITS-1:0]  lu_asid_i,
  input  logic [VPN_BITS-1:0]   lu_vpn_i,
  output logic                  lu_match_o,   // a valid way holds (ASID, VPN); same cycle
  output logic [PPN_BITS-1:0]   lu_ppn_o,     // of the matching way (valid with lu_match_o)
  output logic [PERM_BITS-1:0]  lu_perm_o,    // {D,U,X,W,R} of the matching way

  // ---- update: from the walker, applied at this cycle's closing edge ---------
  input  logic                  upd_touch_i,  // a hit used the matching way (rank event if lru)
  input  logic                  upd_fill_i,   // write the key with fill data
  input  logic [PPN_BITS-1:0]   upd_ppn_i,
  input  logic [PERM_BITS-1:0]  upd_perm_i,

  // ---- control: from the OS, applied at this cycle's closing edge ------------
  input  logic                  ctl_lru_i,    // 0 fifo (fills rank), 1 lru (fills and hits rank)
  input  logic                  ctl_inval_i,
  input  logic [INVAL_BITS-1:0] ctl_inval_mode_i,
  input  logic [ASID_BITS-1:0]  ctl_inval_asid_i,
  input  logic [VPN_BITS-1:0]   ctl_inval_vpn_i
);

  `include "rtl/mmu_defs.svh"

  // log2 of a count that may be 1: keep every vector at least one bit wide.
  localparam int unsigned IDX_BITS  = (SETS > 1) ? $clog2(SETS) : 1;
  localparam int unsigned WAY_BITS  = (WAYS > 1) ? $clog2(WAYS) : 1;
  localparam int unsigned RANK_BITS = WAY_BITS;
  localparam int unsigned ENTRIES   = SETS * WAYS;
  localparam int unsigned ENT_BITS  = (ENTRIES > 1) ? $clog2(ENTRIES) : 1;
  localparam int unsigned KEY_BITS  = ASID_BITS + VPN_BITS;  // {ASID, VPN}
  localparam logic [RANK_BITS-1:0] RANK_OLDEST = RANK_BITS'(WAYS - 1);

  // ---- storage ----------------------------------------------------------------
  // Entry fields are arrays indexed set*WAYS + way, written one entry per cycle
  // (one write port each). Valid bits and age orders are flat vectors, a row (one
  // set) at s*WAYS resp. s*WAYS*WAY_BITS: invalidation and reset rewrite many sets
  // at once, which Verilator cannot schedule as non-blocking writes to an unpacked
  // array inside a loop it does not unroll (SETS up to 1024), and Yosys 0.23
  // neither parses `logic [A][B]` nor indexes packed arrays of typedefs reliably,
  // so rows are sliced by hand with +:.
  localparam int unsigned ROW_ORDER_BITS = WAYS * WAY_BITS;  // age order of one set

  logic [SETS*WAYS-1:0]           valid_q;
  logic [SETS*ROW_ORDER_BITS-1:0] order_q;
  // The key (ASID, VPN) is one field so a way compares in one operation.
  logic [KEY_BITS-1:0]            key_q  [ENTRIES];
  logic [PPN_BITS-1:0]            ppn_q  [ENTRIES];
  logic [PERM_BITS-1:0]           perm_q [ENTRIES];
  // The compare made at the accepting edge (see "Timing" above).
  logic [WAYS-1:0]                lu_hits_q;  // valid ways of the set that held the key
  logic [WAY_BITS-1:0]            lu_way_q;   // the (one) such way

  // At reset way w of every set has rank w, i.e. slot r holds way r: one row,
  // repeated for every set. (A loop over all SETS*WAYS slots in a constant function
  // would do the same, but Verilator's constant evaluator takes minutes on it at
  // 1024 x 64.)
  // Elaboration only (it computes a localparam): nothing calls it at run time, so
  // its lines are outside coverage (docs/coverage.md).
  /* verilator coverage_off */
  function automatic logic [ROW_ORDER_BITS-1:0] row_order_reset();
    logic [ROW_ORDER_BITS-1:0] r;
    for (int unsigned w = 0; w < WAYS; w++) r[w*WAY_BITS +: WAY_BITS] = WAY_BITS'(w);
    row_order_reset = r;
  endfunction
  /* verilator coverage_on */
  localparam logic [ROW_ORDER_BITS-1:0] ROW_ORDER_RESET = row_order_reset();

  // Up to 1024 x 64 x 6 bits: wider than the replication size Verilator's
  // WIDTHCONCAT lint expects, and meant to be.
  /* verilator lint_off WIDTHCONCAT */
  localparam logic [SETS*ROW_ORDER_BITS-1:0] ORDER_RESET = {SETS{ROW_ORDER_RESET}};
  localparam logic [SETS*WAYS-1:0]           NONE_VALID  = {SETS{ {WAYS{1'b0}} }};
  /* verilator lint_on WIDTHCONCAT */

  // ---- set index ----------------------------------------------------------------
  // VPN mod SETS, zero-extended when SETS > 2^VPN_BITS (osc with many sets).
  function automatic logic [IDX_BITS-1:0] set_of(input logic [VPN_BITS-1:0] vpn);
    // Only the low IDX_BITS are the index; the rest is the zero-extension headroom.
    /* verilator lint_off UNUSEDSIGNAL */
    logic [IDX_BITS+VPN_BITS-1:0] wide;
    /* verilator lint_on UNUSEDSIGNAL */
    wide = {{IDX_BITS{1'b0}}, vpn};
    set_of = (SETS > 1) ? wide[IDX_BITS-1:0] : '0;
  endfunction

  function automatic logic [ENT_BITS-1:0] entry_of(input logic [IDX_BITS-1:0] set,
                                                   input logic [WAY_BITS-1:0] way);
    entry_of = ENT_BITS'(set) * ENT_BITS'(WAYS) + ENT_BITS'(way);
  endfunction

  // Row offsets of a set in the flat valid and order vectors.
  function automatic logic [31:0] valid_row_at(input logic [IDX_BITS-1:0] set);
    valid_row_at = 32'(set) * WAYS;
  endfunction
  function automatic logic [31:0] order_row_at(input logic [IDX_BITS-1:0] set);
    order_row_at = 32'(set) * ROW_ORDER_BITS;
  endfunction

  // Index of the set bit of a one-hot vector (0 for none). Bit b of the index is
  // the OR of the ways whose number has bit b set: one AND with a constant mask
  // per index bit, where a priority loop would test every way.
  /* verilator coverage_off */  // elaboration only, as row_order_reset()
  function automatic logic [WAYS*WAY_BITS-1:0] way_bit_masks();
    logic [WAYS*WAY_BITS-1:0] m;
    for (int unsigned b = 0; b < WAY_BITS; b++)
      for (int unsigned w = 0; w < WAYS; w++) m[b*WAYS + w] = ((w >> b) & 1) != 0;
    way_bit_masks = m;
  endfunction
  /* verilator coverage_on */
  localparam logic [WAYS*WAY_BITS-1:0] WAY_BIT_MASKS = way_bit_masks();

  function automatic logic [WAY_BITS-1:0] way_of(input logic [WAYS-1:0] onehot);
    for (int unsigned b = 0; b < WAY_BITS; b++)
      way_of[b] = |(onehot & WAY_BIT_MASKS[b*WAYS +: WAYS]);
  endfunction

  // An event on `way` (docs/contract.md: it takes rank 0, and every way whose rank
  // was below its old rank ages by one) on an age order: the slots above the way's
  // old slot move up by one and the way goes to slot 0.
  function automatic logic [ROW_ORDER_BITS-1:0] promote(input logic [ROW_ORDER_BITS-1:0] row,
                                                        input logic [WAY_BITS-1:0] way);
    logic passed;  // the way's old slot is below the current one
    promote = row;
    promote[0 +: WAY_BITS] = way;
    passed = (row[0 +: WAY_BITS] == way);
    for (int unsigned r = 1; r < WAYS; r++) begin
      if (!passed) promote[r*WAY_BITS +: WAY_BITS] = row[(r-1)*WAY_BITS +: WAY_BITS];
      passed = passed || (row[r*WAY_BITS +: WAY_BITS] == way);
    end
  endfunction

  logic [IDX_BITS-1:0] lu_set;
  logic [IDX_BITS-1:0] inval_set;
  logic [KEY_BITS-1:0] lu_key;
  logic [KEY_BITS-1:0] inval_key;
  assign lu_key    = {lu_asid_i, lu_vpn_i};
  assign inval_key = {ctl_inval_asid_i, ctl_inval_vpn_i};
  assign lu_set    = set_of(lu_vpn_i);
  assign inval_set = set_of(ctl_inval_vpn_i);

  // ---- lookup -------------------------------------------------------------------
  // The compare itself is in the clocked block below (cmp_en_i); here only its
  // registered verdict meets the live valid bits.
  logic [WAYS-1:0]     lu_valid;     // valid bits of lu_set
  logic [WAYS-1:0]     lu_hit_ways;  // one bit per way of lu_set that holds the key
  logic [WAY_BITS-1:0] lu_way;

  assign lu_valid    = valid_q[valid_row_at(lu_set) +: WAYS];
  assign lu_hit_ways = lu_hits_q & lu_valid;
  assign lu_way      = lu_way_q;
  assign lu_match_o  = |lu_hit_ways;
  assign lu_ppn_o    = ppn_q[entry_of(lu_set, lu_way)];
  assign lu_perm_o   = perm_q[entry_of(lu_set, lu_way)];

  // ---- replacement ------------------------------------------------------------------
  // Age order of one set, e.g. WAYS = 4, after fills of ways 0,1,2,3 (fifo):
  //
  //     slot (= rank):  0  1  2  3          event on way 1 (in slot 2):
  //     way:            3  2  1  0   --->   way:   1  3  2  0
  //                              ^ victim          ways 3,2 (ranks below 2) age by
  //                                                one, way 1 takes rank 0, way 0
  //                                                keeps rank 3.
  //
  // The order stays a permutation of the ways, so slot WAYS-1 holds exactly one
  // way: the victim, used only when every way of the set is valid. A fill goes
  // to the way that already holds the key (a write to a clean entry: the contract
  // fills "that same way"), else to the lowest invalid way, else to the victim.
  // Between LOOKUP and FILL the set can change only by invalidation, and the walker
  // drops the fill after any invalidation, so the way matching at FILL time is the
  // way that matched at LOOKUP.
  logic [ROW_ORDER_BITS-1:0]      order_row;   // age order of lu_set
  logic [WAYS-1:0]                free_ways;   // one-hot: the lowest invalid way of lu_set
  logic                           free_found;
  logic [WAY_BITS-1:0]            free_way;
  logic [WAY_BITS-1:0]            victim_way;  // the way of rank WAYS-1
  logic [WAY_BITS-1:0]            fill_way;
  logic                           event_en;
  logic [WAY_BITS-1:0]            event_way;

  // Which way a fill would take depends on registered state only; the rank event
  // depends on this cycle's fill/touch. Two blocks, so the simulator re-evaluates
  // only the small second one when an input changes.
  always_comb begin : replacement_victim
    order_row  = order_q[order_row_at(lu_set) +: ROW_ORDER_BITS];
    // ~v & (v + 1) keeps the lowest zero bit of v: the lowest invalid way.
    free_ways  = ~lu_valid & (lu_valid + 1'b1);
    free_found = !(&lu_valid);
    free_way   = way_of(free_ways);
    victim_way = order_row[32'(RANK_OLDEST)*WAY_BITS +: WAY_BITS];
    if (lu_match_o)      fill_way = lu_way;
    else if (free_found) fill_way = free_way;
    else                 fill_way = victim_way;
  end

  always_comb begin : replacement_event
    // A fill is an event under both policies; a hit only under lru.
    event_en   = upd_fill_i || (upd_touch_i && ctl_lru_i);
    event_way  = upd_fill_i ? fill_way : lu_way;
  end

  // ---- registers ----------------------------------------------------------------------
  logic [ENT_BITS-1:0] fill_entry;
  assign fill_entry = entry_of(lu_set, fill_way);

  always_ff @(posedge clk_i) begin : regs
    logic [WAYS-1:0]      cmp_hits;   // valid ways of the request's set holding its key
    logic [IDX_BITS-1:0]  cmp_set;
    logic [SETS*WAYS-1:0] valid_d;    // valid bits after this edge's fill/invalidation
    logic [WAYS-1:0]      fill_row;
    logic [WAYS-1:0]      inval_row;
    if (!rst_ni) begin
      valid_q   <= NONE_VALID;
      order_q   <= ORDER_RESET;
      lu_hits_q <= '0;
      lu_way_q  <= '0;
    end else begin
      // The lookup's compare, one cycle early: see "Timing" above. An invalid way
      // may still hold the key (invalidation clears only the valid bit, and a refill
      // can put the key into another way), so the valid bit is part of the compare.
      if (cmp_en_i) begin
        cmp_set = set_of(cmp_vpn_i);
        for (int unsigned w = 0; w < WAYS; w++)
          cmp_hits[w] = valid_q[valid_row_at(cmp_set) + w]
                     && key_q[entry_of(cmp_set, WAY_BITS'(w))] == {cmp_asid_i, cmp_vpn_i};
        lu_hits_q <= cmp_hits;
        lu_way_q  <= way_of(cmp_hits);
      end

      if (event_en) order_q[order_row_at(lu_set) +: ROW_ORDER_BITS] <= promote(order_row, event_way);

      // Valid bits: rows are edited through a temporary, one run-time part-select
      // per statement.
      if (upd_fill_i || ctl_inval_i) begin
        valid_d = valid_q;
        if (upd_fill_i) begin
          fill_row           = lu_valid;
          fill_row[fill_way] = 1'b1;
          valid_d[valid_row_at(lu_set) +: WAYS] = fill_row;
        end
        // Invalidation comes after the fill so it wins on the same bit; the walker
        // never fills in an invalidation's cycle, so this order is only a backstop.
        // The age order is left alone (contract: invalidation clears valid bits only).
        if (ctl_inval_i) begin
          case (ctl_inval_mode_i)
            INVAL_PAGE: begin
              // Starts from valid_d, not valid_q, to keep a fill of the same set.
              inval_row = valid_d[valid_row_at(inval_set) +: WAYS];
              for (int unsigned w = 0; w < WAYS; w++)
                if (key_q[entry_of(inval_set, WAY_BITS'(w))] == inval_key) inval_row[w] = 1'b0;
              valid_d[valid_row_at(inval_set) +: WAYS] = inval_row;
            end
            INVAL_ASID: begin
              for (int unsigned s = 0; s < SETS; s++) begin
                inval_row = valid_d[s*WAYS +: WAYS];
                for (int unsigned w = 0; w < WAYS; w++)
                  if (key_q[entry_of(IDX_BITS'(s), WAY_BITS'(w))][VPN_BITS +: ASID_BITS]
                      == ctl_inval_asid_i)
                    inval_row[w] = 1'b0;
                valid_d[s*WAYS +: WAYS] = inval_row;
              end
            end
            default: valid_d = NONE_VALID;  // INVAL_ALL (and the unused code 3)
          endcase
        end
        valid_q <= valid_d;
      end
    end
    // Entry data needs no reset: a way is read only while its valid bit is set.
    if (upd_fill_i) begin
      key_q[fill_entry]  <= lu_key;
      ppn_q[fill_entry]  <= upd_ppn_i;
      perm_q[fill_entry] <= upd_perm_i;
    end
  end

`ifndef SYNTHESIS
  // ---- checks (simulation and formal) -----------------------------------------------
  // Immediate assertions at the clock edge (rtl/vmmu_assert.svh): they see the values
  // the edge samples, as concurrent ones would, without Verilator copying every
  // checked signal at every eval for them. Each check looks only at the set being
  // changed, in the cycle it changes, so the cost stays small at 1024 x 64; the
  // whole-TLB invariants below are for `make formal` only (docs/formal.md).
  always_ff @(posedge clk_i) begin : checks
    logic            dup_in_set;   // two valid ways of lu_set hold the same key
    logic [WAYS-1:0] seen;         // ways present in the age order after an event
    logic [ROW_ORDER_BITS-1:0] promoted;
    logic [WAYS-1:0] victim_slots; // slots holding the victim way
    logic            drops;        // this invalidation clears a valid way (cover points)
    if (rst_ni) begin
      `VMMU_ASSERT(a_one_hit, $onehot0(lu_hit_ways),
        ("tlb: more than one way of set %0d holds asid %0h vpn %0h", lu_set, lu_asid_i, lu_vpn_i))
      if (upd_fill_i) begin
        dup_in_set = 1'b0;
        for (int unsigned a = 0; a < WAYS; a++)
          for (int unsigned b = a + 1; b < WAYS; b++)
            if (lu_valid[a] && lu_valid[b]
                && key_q[entry_of(lu_set, WAY_BITS'(a))] == key_q[entry_of(lu_set, WAY_BITS'(b))])
              dup_in_set = 1'b1;
        `VMMU_ASSERT(a_no_dup, !dup_in_set,
          ("tlb: two valid ways of set %0d hold the same (asid, vpn)", lu_set))
        for (int unsigned r = 0; r < WAYS; r++)
          victim_slots[r] = (order_row[r*WAY_BITS +: WAY_BITS] == victim_way);
        `VMMU_ASSERT(a_victim_onehot, $onehot(victim_slots),
          ("tlb: victim of set %0d is not one-hot", lu_set))
      end
      if (event_en) begin
        seen     = '0;
        promoted = promote(order_row, event_way);
        for (int unsigned r = 0; r < WAYS; r++) seen[promoted[r*WAY_BITS +: WAY_BITS]] = 1'b1;
        `VMMU_ASSERT(a_rank_perm, &seen,
          ("tlb: ranks of set %0d are not a permutation", lu_set))
      end
      `VMMU_ASSERT(a_fill_xor_inval, !(upd_fill_i && ctl_inval_i),
        ("tlb: fill in the cycle of an invalidation"))

      // ---- cover points (docs/formal.md, make coverage) ----------------------------
      // Where a fill goes (docs/contract.md, "The TLB") ...
      `VMMU_COVER(c_fill_same_way, upd_fill_i && lu_match_o)
      `VMMU_COVER(c_fill_free_way, upd_fill_i && !lu_match_o && free_found)
      `VMMU_COVER(c_fill_victim,   upd_fill_i && !lu_match_o && !free_found)
      // ... which hits rank ...
      `VMMU_COVER(c_hit_lru,       upd_touch_i && ctl_lru_i)
      `VMMU_COVER(c_hit_fifo,      upd_touch_i && !ctl_lru_i)
      // ... and every invalidation mode, also one that clears a valid entry.
      `VMMU_COVER(c_inval_page,    ctl_inval_i && ctl_inval_mode_i == INVAL_PAGE)
      `VMMU_COVER(c_inval_asid,    ctl_inval_i && ctl_inval_mode_i == INVAL_ASID)
      `VMMU_COVER(c_inval_all,     ctl_inval_i && ctl_inval_mode_i == INVAL_ALL)
      `VMMU_COVER(c_inval_mode3,   ctl_inval_i && ctl_inval_mode_i == 2'd3)
      drops = 1'b0;
      if (ctl_inval_i)  // the search only in an invalidation's cycle: a few in a run
        for (int unsigned e = 0; e < ENTRIES; e++)
          if (valid_q[e] && (ctl_inval_mode_i == INVAL_PAGE ? key_q[e] == inval_key
                             : key_q[e][VPN_BITS +: ASID_BITS] == ctl_inval_asid_i))
            drops = 1'b1;
      `VMMU_COVER(c_inval_page_drops, ctl_inval_i && ctl_inval_mode_i == INVAL_PAGE && drops)
      `VMMU_COVER(c_inval_asid_drops, ctl_inval_i && ctl_inval_mode_i == INVAL_ASID && drops)
    end
  end

  // A fill into each way, and the victim in each way (one cover point per way).
  for (genvar w = 0; w < WAYS; w++) begin : g_cover_way
    always_ff @(posedge clk_i) begin
      if (rst_ni) begin
        `VMMU_COVER_EACH(c_fill_way, upd_fill_i && fill_way == WAY_BITS'(w))
        `VMMU_COVER_EACH(c_victim_way,
                         upd_fill_i && !lu_match_o && !free_found && victim_way == WAY_BITS'(w))
      end
    end
  end

`ifdef FORMAL
  // ---- whole-TLB invariants (make formal only) ----------------------------------------
  // Every set, every cycle: too costly to simulate at 1024 x 64, and what makes the
  // checks above provable by induction (each is kept by every edge, so a proof
  // needs no history). They rest on one promise of the walker (ptw.sv), checked by
  // proving them on the whole mmu: the lookup key (lu_*_i) changes only at an edge
  // that compares (cmp_en_i), and at most one fill follows each compare.
  logic fv_fresh_q;   // a compare since the last fill: lu_hits_q is the set's truth
  logic fv_inval_q;   // the edge before applied an invalidation ...
  logic [INVAL_BITS-1:0] fv_mode_q;    // ... of this mode
  logic [KEY_BITS-1:0]   fv_key_q;     // ... and this key (page) or ASID (its high bits)
  logic fv_fill_q;    // the edge before filled ...
  logic [ENT_BITS-1:0]   fv_entry_q;   // ... this entry
  logic [KEY_BITS-1:0]   fv_fkey_q;    // ... with this key
  logic [PPN_BITS-1:0]   fv_ppn_q;     // ... and data
  logic [PERM_BITS-1:0]  fv_perm_q;
  logic fv_event_q;   // the edge before was a rank event ...
  logic [IDX_BITS-1:0]   fv_eset_q;    // ... in this set
  logic [WAY_BITS-1:0]   fv_eway_q;    // ... on this way
  logic [ROW_ORDER_BITS-1:0] fv_erow_q;  // ... whose age order was this

  // The rank (slot) of a way in an age order row.
  function automatic logic [WAY_BITS-1:0] fv_rank(input logic [ROW_ORDER_BITS-1:0] row,
                                                  input logic [WAY_BITS-1:0] way);
    fv_rank = '0;
    for (int unsigned r = 0; r < WAYS; r++)
      if (row[r*WAY_BITS +: WAY_BITS] == way) fv_rank = WAY_BITS'(r);
  endfunction

  always_ff @(posedge clk_i) begin : fv_checks
    logic dup, perm_ok, hits_ok, stale, fill_ok, rank_ok, misplaced, held;
    logic [ROW_ORDER_BITS-1:0] row;
    logic [WAYS-1:0] present;
    logic [WAY_BITS-1:0] old_rank, new_rank, ev_rank;
    if (!rst_ni) begin
      fv_fresh_q <= 1'b0;
      fv_inval_q <= 1'b0;
      fv_fill_q  <= 1'b0;
      fv_event_q <= 1'b0;
    end else begin
      if (cmp_en_i)        fv_fresh_q <= 1'b1;
      else if (upd_fill_i) fv_fresh_q <= 1'b0;
      fv_inval_q <= ctl_inval_i;
      fv_mode_q  <= ctl_inval_mode_i;
      fv_key_q   <= inval_key;
      fv_fill_q  <= upd_fill_i;
      fv_entry_q <= fill_entry;
      fv_fkey_q  <= lu_key;
      fv_ppn_q   <= upd_ppn_i;
      fv_perm_q  <= upd_perm_i;
      fv_event_q <= event_en;
      fv_eset_q  <= lu_set;
      fv_eway_q  <= event_way;
      fv_erow_q  <= order_row;

      dup = 1'b0;
      perm_ok = 1'b1;
      misplaced = 1'b0;
      for (int unsigned s = 0; s < SETS; s++) begin
        for (int unsigned w = 0; w < WAYS; w++)
          if (valid_q[s*WAYS + w] && 32'(set_of(key_q[s*WAYS + w][VPN_BITS-1:0])) != s)
            misplaced = 1'b1;
        for (int unsigned a = 0; a < WAYS; a++)
          for (int unsigned b = a + 1; b < WAYS; b++)
            if (valid_q[s*WAYS + a] && valid_q[s*WAYS + b]
                && key_q[s*WAYS + a] == key_q[s*WAYS + b])
              dup = 1'b1;
        row = order_q[s*ROW_ORDER_BITS +: ROW_ORDER_BITS];
        present = '0;
        for (int unsigned r = 0; r < WAYS; r++) begin
          if (32'(row[r*WAY_BITS +: WAY_BITS]) >= WAYS) perm_ok = 1'b0;
          else present[row[r*WAY_BITS +: WAY_BITS]] = 1'b1;
        end
        if (!(&present)) perm_ok = 1'b0;
      end
      // No two valid ways of any set hold the same (ASID, VPN).
      `VMMU_ASSERT(f_no_dup_any_set, !dup, ("tlb: duplicate key"))
      // Every valid entry sits in the set its VPN names.
      `VMMU_ASSERT(f_key_in_its_set, !misplaced, ("tlb: entry in the wrong set"))
      // Every set's age order is a permutation of its ways.
      `VMMU_ASSERT(f_ranks_permutation, perm_ok, ("tlb: ranks not a permutation"))

      // The registered compare names at most one way, and lu_way_q is that way.
      `VMMU_ASSERT(f_hits_onehot, $onehot0(lu_hits_q), ("tlb: two ways compared equal"))
      `VMMU_ASSERT(f_way_of_hits, lu_way_q == way_of(lu_hits_q), ("tlb: lu_way_q"))
      // Until the fill, the compare is what a fresh one would give for every valid way.
      hits_ok = 1'b1;
      for (int unsigned w = 0; w < WAYS; w++)
        if (lu_valid[w] && lu_hits_q[w] != (key_q[entry_of(lu_set, WAY_BITS'(w))] == lu_key))
          hits_ok = 1'b0;
      `VMMU_ASSERT(f_hits_current, !fv_fresh_q || hits_ok, ("tlb: stale compare"))
      `VMMU_ASSERT(f_fill_after_cmp, !upd_fill_i || fv_fresh_q, ("tlb: fill without a compare"))
      // So the lookup says exactly what the set holds now: a match when, and only when,
      // a valid way holds the key (an invalidation since the compare counts), and the
      // way it names is valid (so it is that one: f_hits_current, f_hits_onehot).
      held = 1'b0;
      for (int unsigned w = 0; w < WAYS; w++)
        if (lu_valid[w] && key_q[entry_of(lu_set, WAY_BITS'(w))] == lu_key) held = 1'b1;
      `VMMU_ASSERT(f_lookup_exact, !fv_fresh_q || lu_match_o == held,
        ("tlb: lookup disagrees with the set"))
      `VMMU_ASSERT(f_match_valid, !lu_match_o || lu_valid[lu_way], ("tlb: match names an invalid way"))

      // An invalidation leaves no valid entry it covers (docs/contract.md, "Invalidation").
      stale = 1'b0;
      for (int unsigned e = 0; e < ENTRIES; e++)
        if (valid_q[e] && (fv_mode_q == INVAL_PAGE ? key_q[e] == fv_key_q
                           : fv_mode_q == INVAL_ASID ? key_q[e][VPN_BITS +: ASID_BITS]
                                                       == fv_key_q[VPN_BITS +: ASID_BITS]
                           : 1'b1))
          stale = 1'b1;
      `VMMU_ASSERT(f_inval_clears, !fv_inval_q || !stale, ("tlb: invalidated entry still valid"))
      // A fill leaves its entry valid with the key and the data it was given.
      fill_ok = valid_q[fv_entry_q] && key_q[fv_entry_q] == fv_fkey_q
             && ppn_q[fv_entry_q] == fv_ppn_q && perm_q[fv_entry_q] == fv_perm_q;
      `VMMU_ASSERT(f_fill_writes, !fv_fill_q || fill_ok, ("tlb: fill lost"))

      // A rank event follows the contract's rule: the way takes rank 0, the ways ranked
      // below its old rank age by one, the others keep theirs.
      rank_ok = 1'b1;
      ev_rank = fv_rank(fv_erow_q, fv_eway_q);
      row = order_q[32'(fv_eset_q)*ROW_ORDER_BITS +: ROW_ORDER_BITS];
      for (int unsigned w = 0; w < WAYS; w++) begin
        old_rank = fv_rank(fv_erow_q, WAY_BITS'(w));
        new_rank = fv_rank(row, WAY_BITS'(w));
        if (WAY_BITS'(w) == fv_eway_q ? new_rank != '0
            : old_rank < ev_rank ? new_rank != old_rank + 1'b1 : new_rank != old_rank)
          rank_ok = 1'b0;
      end
      `VMMU_ASSERT(f_rank_rule, !fv_event_q || rank_ok, ("tlb: rank update"))
    end
  end
`endif
`endif

endmodule

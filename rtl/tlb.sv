// tlb.sv -- set-associative TLB with age-rank replacement (docs/contract.md, "The TLB").
//
//   key (ASID, VPN) ---> set = VPN mod SETS = VPN[IDX_BITS-1:0]
//
//   VPN:  | ........ upper bits ........ | set index (log2 SETS bits) |
//                                            selects the set (none if SETS = 1)
//         |<----- the whole VPN, with the ASID, is compared in each way ----->|
//
//   entry = { valid, key = {ASID, VPN}, PPN, perm = {D, U, X, W, R} }   per (set, way)
//   rank  = age rank 0..WAYS-1 per (set, way): 0 = most recent event
//
// The entry keeps the full VPN, not only the bits above the set index: for osc
// (8 VPN bits) SETS may exceed 2^VPN_BITS, where a tag would have no bits, and one
// comparator width for every geometry keeps the lookup simple to read.
//
// The walker (ptw.sv) holds the key of the access under way on lu_*_i for the
// whole access, from LOOKUP to the answer, so the lookup, the hit's rank event
// and the fill all address one set: the set of lu_vpn_i. Only invalidation
// addresses other sets.
//
// No state machine here: lookup is combinational; fills, rank events and
// invalidations happen at the clock edge that ends the cycle they are asked in.

`timescale 1ns/1ps

module tlb #(
  parameter int unsigned SETS      = 1,   // power of two, 1..1024
  parameter int unsigned WAYS      = 16,  // 1..64
  parameter int unsigned VPN_BITS  = 8,
  parameter int unsigned ASID_BITS = 16,
  parameter int unsigned PPN_BITS  = 22
) (
  input  logic                 clk_i,
  input  logic                 rst_ni,       // synchronous, active low

  // ---- lookup: from the walker, the key of the access under way ------------
  input  logic [ASID_BITS-1:0] lu_asid_i,
  input  logic [VPN_BITS-1:0]  lu_vpn_i,
  output logic                 lu_match_o,   // a valid way holds (ASID, VPN); same cycle
  output logic [PPN_BITS-1:0]  lu_ppn_o,     // of the matching way (valid with lu_match_o)
  output logic [4:0]           lu_perm_o,    // {D,U,X,W,R} of the matching way

  // ---- update: from the walker, applied at this cycle's closing edge ---------
  input  logic                 upd_touch_i,  // a hit used the matching way (rank event if lru)
  input  logic                 upd_fill_i,   // write the key with fill data
  input  logic [PPN_BITS-1:0]  upd_ppn_i,
  input  logic [4:0]           upd_perm_i,

  // ---- control: from the OS, applied at this cycle's closing edge ------------
  input  logic                 ctl_lru_i,    // 0 fifo (fills rank), 1 lru (fills and hits rank)
  input  logic                 ctl_inval_i,
  input  logic [1:0]           ctl_inval_mode_i,
  input  logic [ASID_BITS-1:0] ctl_inval_asid_i,
  input  logic [VPN_BITS-1:0]  ctl_inval_vpn_i
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
  // (one write port each). Valid bits and ranks are flat vectors with an x_d copy,
  // a row (one set) at s*WAYS resp. s*WAYS*RANK_BITS: invalidation and reset
  // rewrite many sets at once, which Verilator cannot schedule as non-blocking
  // writes to an unpacked array inside a loop it does not unroll (SETS up to
  // 1024), and Yosys 0.23 neither parses `logic [A][B]` nor indexes packed
  // arrays of typedefs reliably, so rows are sliced by hand with +:.
  localparam int unsigned ROW_RANK_BITS = WAYS * RANK_BITS;  // ranks of one set

  logic [SETS*WAYS-1:0]          valid_q, valid_d;
  logic [SETS*ROW_RANK_BITS-1:0] rank_q,  rank_d;
  // The key (ASID, VPN) is one field so a way compares in one operation.
  logic [KEY_BITS-1:0]           key_q  [ENTRIES];
  logic [PPN_BITS-1:0]           ppn_q  [ENTRIES];
  logic [PERM_BITS-1:0]          perm_q [ENTRIES];

  // At reset way w of every set has rank w: one row, repeated for every set.
  // (A loop over all SETS*WAYS ranks in a constant function would do the same,
  // but Verilator's constant evaluator takes minutes on it at 1024 x 64.)
  function automatic logic [ROW_RANK_BITS-1:0] row_rank_reset();
    logic [ROW_RANK_BITS-1:0] r;
    for (int unsigned w = 0; w < WAYS; w++) r[w*RANK_BITS +: RANK_BITS] = RANK_BITS'(w);
    row_rank_reset = r;
  endfunction
  localparam logic [ROW_RANK_BITS-1:0] ROW_RANK_RESET = row_rank_reset();

  // Up to 1024 x 64 x 6 bits: wider than the replication size Verilator's
  // WIDTHCONCAT lint expects, and meant to be.
  /* verilator lint_off WIDTHCONCAT */
  localparam logic [SETS*ROW_RANK_BITS-1:0] RANK_RESET = {SETS{ROW_RANK_RESET}};
  localparam logic [SETS*WAYS-1:0]          NONE_VALID = {SETS{ {WAYS{1'b0}} }};
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

  logic [IDX_BITS-1:0] lu_set;
  logic [IDX_BITS-1:0] inval_set;
  logic [KEY_BITS-1:0] lu_key;
  logic [KEY_BITS-1:0] inval_key;
  assign lu_key    = {lu_asid_i, lu_vpn_i};
  assign inval_key = {ctl_inval_asid_i, ctl_inval_vpn_i};
  assign lu_set    = set_of(lu_vpn_i);
  assign inval_set = set_of(ctl_inval_vpn_i);

  // ---- lookup -------------------------------------------------------------------
  logic [WAYS-1:0]     lu_hit_ways;  // one bit per way of lu_set that holds the key
  logic [WAY_BITS-1:0] lu_way;

  // Row offsets of a set in the flat valid and rank vectors.
  function automatic logic [31:0] valid_row_at(input logic [IDX_BITS-1:0] set);
    valid_row_at = 32'(set) * WAYS;
  endfunction
  function automatic logic [31:0] rank_row_at(input logic [IDX_BITS-1:0] set);
    rank_row_at = 32'(set) * ROW_RANK_BITS;
  endfunction

  logic [WAYS-1:0] lu_valid;  // valid bits of lu_set
  assign lu_valid = valid_q[valid_row_at(lu_set) +: WAYS];

  always_comb begin : lookup
    lu_hit_ways = '0;
    lu_way      = '0;
    for (int unsigned w = 0; w < WAYS; w++) begin
      lu_hit_ways[w] = lu_valid[w]
                    && key_q[entry_of(lu_set, WAY_BITS'(w))] == lu_key;
      if (lu_hit_ways[w]) lu_way = WAY_BITS'(w);
    end
    lu_match_o = |lu_hit_ways;
    lu_ppn_o   = ppn_q[entry_of(lu_set, lu_way)];
    lu_perm_o  = perm_q[entry_of(lu_set, lu_way)];
  end

  // ---- replacement ------------------------------------------------------------------
  // Age ranks of one set, e.g. WAYS = 4, after fills of ways 0,1,2,3 (fifo):
  //
  //     way:    0  1  2  3            event on way 1 (rank 2):
  //     rank:   3  2  1  0    --->    rank:   3  0  2  1
  //             ^ victim                   ranks below 2 (ways 2,3) age by one,
  //                                        way 1 becomes 0, way 0 keeps 3.
  //
  // The ranks stay a permutation of 0..WAYS-1, so exactly one way has rank
  // WAYS-1: the victim, used only when every way of the set is valid. A fill goes
  // to the way that already holds the key (a write to a clean entry: the contract
  // fills "that same way"), else to the lowest invalid way, else to the victim.
  // Between LOOKUP and FILL the set can change only by invalidation, and the walker
  // drops the fill after any invalidation, so the way matching at FILL time is the
  // way that matched at LOOKUP.
  logic [ROW_RANK_BITS-1:0]       rank_row;    // ranks of lu_set, way w at w*RANK_BITS
  logic [ROW_RANK_BITS-1:0]       rank_row_d;  // after this cycle's event
  logic                           free_found;
  logic [WAY_BITS-1:0]            free_way;    // lowest invalid way of lu_set
  logic [WAYS-1:0]                victim_ways; // one-hot: rank == WAYS-1
  logic [WAY_BITS-1:0]            victim_way;
  logic [WAY_BITS-1:0]            fill_way;
  logic                           event_en;
  logic [WAY_BITS-1:0]            event_way;
  logic [RANK_BITS-1:0]           event_rank;  // the event way's rank before the event

  // Which way a fill would take depends on registered state only; the rank event
  // depends on this cycle's fill/touch. Two blocks, so the simulator re-evaluates
  // only the small second one when an input changes.
  always_comb begin : replacement_victim
    rank_row    = rank_q[rank_row_at(lu_set) +: ROW_RANK_BITS];
    free_found  = 1'b0;
    free_way    = '0;
    victim_ways = '0;
    victim_way  = '0;
    // Downward, so the last assignment is the lowest invalid way.
    for (int w = WAYS - 1; w >= 0; w = w - 1) begin
      if (!lu_valid[w]) begin
        free_found = 1'b1;
        free_way   = WAY_BITS'(w);
      end
    end
    for (int unsigned w = 0; w < WAYS; w++) begin
      victim_ways[w] = (rank_row[w*RANK_BITS +: RANK_BITS] == RANK_OLDEST);
      if (victim_ways[w]) victim_way = WAY_BITS'(w);
    end
    if (lu_match_o)      fill_way = lu_way;
    else if (free_found) fill_way = free_way;
    else                 fill_way = victim_way;
  end

  always_comb begin : replacement_event
    // A fill is an event under both policies; a hit only under lru.
    event_en   = upd_fill_i || (upd_touch_i && ctl_lru_i);
    event_way  = upd_fill_i ? fill_way : lu_way;
    event_rank = rank_row[32'(event_way)*RANK_BITS +: RANK_BITS];
    rank_row_d = rank_row;
    if (event_en) begin
      for (int unsigned w = 0; w < WAYS; w++) begin
        if (WAY_BITS'(w) == event_way)
          rank_row_d[w*RANK_BITS +: RANK_BITS] = '0;
        else if (rank_row[w*RANK_BITS +: RANK_BITS] < event_rank)
          rank_row_d[w*RANK_BITS +: RANK_BITS] = rank_row[w*RANK_BITS +: RANK_BITS] + 1'b1;
      end
    end
  end

  // ---- update: valid bits and ranks --------------------------------------------------
  // Rows are edited through a temporary: one run-time part-select per statement.
  logic [WAYS-1:0] fill_row;
  logic [WAYS-1:0] inval_row;

  always_comb begin : update
    valid_d   = valid_q;
    rank_d    = rank_q;
    fill_row  = lu_valid;
    inval_row = '0;
    if (event_en) rank_d[rank_row_at(lu_set) +: ROW_RANK_BITS] = rank_row_d;
    if (upd_fill_i) begin
      fill_row[fill_way] = 1'b1;
      valid_d[valid_row_at(lu_set) +: WAYS] = fill_row;
    end
    // Invalidation comes after the fill so it wins on the same bit; the walker
    // never fills in an invalidation's cycle, so this order is only a backstop.
    // Ranks are left alone (contract: invalidation clears valid bits only).
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
  end

  // ---- registers ----------------------------------------------------------------------
  logic [ENT_BITS-1:0] fill_entry;
  assign fill_entry = entry_of(lu_set, fill_way);

  always_ff @(posedge clk_i) begin : regs
    if (!rst_ni) begin
      valid_q <= NONE_VALID;
      rank_q  <= RANK_RESET;
    end else begin
      valid_q <= valid_d;
      rank_q  <= rank_d;
    end
    // Entry data needs no reset: a way is read only while its valid bit is set.
    if (upd_fill_i) begin
      key_q[fill_entry]  <= lu_key;
      ppn_q[fill_entry]  <= upd_ppn_i;
      perm_q[fill_entry] <= upd_perm_i;
    end
  end

`ifndef SYNTHESIS
  // ---- checks (simulation only) ---------------------------------------------------
  // Each check looks only at the set being changed, in the cycle it changes, so
  // the cost stays small at 1024 x 64.
  logic dup_in_set;   // two valid ways of lu_set hold the same key (checked on fills)
  logic rank_is_perm; // rank_row_d is a permutation (checked on rank events)

  always_comb begin : checks
    logic [WAYS-1:0] seen;
    dup_in_set   = 1'b0;
    rank_is_perm = 1'b1;
    seen         = '0;
    if (upd_fill_i) begin
      for (int unsigned a = 0; a < WAYS; a++)
        for (int unsigned b = a + 1; b < WAYS; b++)
          if (lu_valid[a] && lu_valid[b]
              && key_q[entry_of(lu_set, WAY_BITS'(a))] == key_q[entry_of(lu_set, WAY_BITS'(b))])
            dup_in_set = 1'b1;
    end
    if (event_en) begin
      for (int unsigned w = 0; w < WAYS; w++) seen[rank_row_d[w*RANK_BITS +: RANK_BITS]] = 1'b1;
      rank_is_perm = &seen;
    end
  end

  a_one_hit: assert property (@(posedge clk_i) disable iff (!rst_ni)
    $onehot0(lu_hit_ways))
    else $error("tlb: more than one way of set %0d holds asid %0h vpn %0h",
                lu_set, lu_asid_i, lu_vpn_i);
  a_no_dup: assert property (@(posedge clk_i) disable iff (!rst_ni)
    !dup_in_set)
    else $error("tlb: two valid ways of set %0d hold the same (asid, vpn)", lu_set);
  a_rank_perm: assert property (@(posedge clk_i) disable iff (!rst_ni)
    !event_en || rank_is_perm)
    else $error("tlb: ranks of set %0d are not a permutation", lu_set);
  a_victim_onehot: assert property (@(posedge clk_i) disable iff (!rst_ni)
    !upd_fill_i || $onehot(victim_ways))
    else $error("tlb: victim of set %0d is not one-hot", lu_set);
  a_fill_xor_inval: assert property (@(posedge clk_i) disable iff (!rst_ni)
    !(upd_fill_i && ctl_inval_i))
    else $error("tlb: fill in the cycle of an invalidation");
`endif

endmodule

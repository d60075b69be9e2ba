// SPDX-License-Identifier: MIT
// tlb.sv -- set-associative TLB with page sizes, global entries and four replacement
// policies: age ranks (fifo, lru), a pseudo-LRU tree per set (plru), an LFSR (random)
// (docs/contract.md, "The TLB").
//
// An entry of level l maps a page of 2^(PAGE_BITS + l*LEVEL_BITS) bytes (0: a page;
// l > 0: a superpage) and sits in set (VPN >> l*LEVEL_BITS) mod SETS: the number of
// its own (super)page, so the pages of a superpage share one entry in one set.
//
//   VPN:  | vpn[LEVELS-1] | ... | vpn[1] | vpn[0] |
//         |<-- level 1's set index (low bits) -->|     (none if SETS = 1)
//                         |<- level 0's index -->|
//   an entry of level l matches when valid, its ASID is satp's or it is global, and
//   the VPN agrees with its VPN above the low l*LEVEL_BITS bits.
//
//   entry = { valid, key = {G, ASID, level, VPN}, PPN, perm = {D, U, X, W, R} }   per (set, way)
//           (key_of: a global entry's ASID 0, a superpage's low VPN bits 0)
//   order = per set, WAYS slots: slot r holds the way whose age rank is r
//           (slot 0 = most recent event, slot WAYS-1 = the victim)   fifo, lru
//   tree  = per set, WAYS-1 bits: node n of the PLRU tree                plru
//   lfsr  = one per TLB, 16 bits                                         random
//
// A lookup probes, for each level l, the ways of level l's set whose entry is of
// level l; the lowest level with a match answers, with its lowest matching way. (Two
// entries match one request only after software's error -- a global mapping and
// another one of the same page with no SFENCE.VMA between, or a page changed into a
// superpage -- and this order, the contract's, settles it.)
//
// The entry keeps the full VPN, not only the bits above the set index: for osc
// (8 VPN bits) SETS may exceed 2^VPN_BITS, where a tag would have no bits, and one
// comparator width for every geometry keeps the lookup simple to read.
//
// Timing. The compare is made at the edge that accepts a request (cmp_*_i: the VPN
// straight from the request port, and the request's ASID, satp's as the accepting
// edge samples it) and registered: which probed ways matched, and the first match
// (its level and way; LOOKUP reads that way's PPN and permissions, which no edge
// between can change). In LOOKUP the verdict is that first match,
// unless an invalidation at the accepting edge itself (applied before the request's
// lookup, docs/contract.md) cleared a matching way: then the registered matches ANDed
// with the live valid bits are searched again. Between the accepting edge and the
// answer no way can change its VPN, level, ASID, G or data (fills happen only at the
// end of FILL, and the walker accepts nothing meanwhile), and invalidations from
// LOOKUP on act after the lookup, so the verdict in LOOKUP is what a fresh compare
// would give. The walker (ptw.sv) holds the VPN on lu_vpn_i until the answer.
// With LATE_CMP (the second-level TLB) the same compare is made in LOOKUP instead,
// combinationally and only under lu_en_i: on the live valid bits, so with no search
// again, and the same verdict, by the argument above. A simulation then compares
// only after an L1 miss, where the compare at every accepting edge cost Verilator
// a LEVELS x WAYS key compare on every access (sv39-1x16-L16x4-p8 on ls's lackey
// trace: 678.9 M instructions with it, 630.1 M without, callgrind).
//
// A hit every cycle. The walker accepts the next request at the edge that ends a
// LOOKUP answering a hit (or a direct answer): at that one edge the hit's rank event
// (upd_touch_i, on the registered lu_set/lu_way of the request answered) and the next
// request's compare (cmp_en_i) both happen. They touch disjoint state: the compare
// reads keys and valid bits, the event writes the age order only, so the compare sees
// the TLB as the contract orders it (the hit's event first, then the next lookup)
// whichever runs first; the age order is read only by a fill, cycles later. An
// invalidation at that edge clears valid bits after the compare read them: the next
// LOOKUP searches again (above), so it comes, as the contract says, after the hit and
// before the next lookup. A fill never shares an edge with a compare: FILL accepts
// nothing (one walk at a time).
//
// Why the compare registers no PPN or permissions (issue 16's did): the walker's
// ready in LOOKUP depends on the entry's permissions (a store through a clean entry
// walks), and so the compare's enable does; a read of perm_q under that enable, in
// the same memory as LOOKUP's read of it, is a loop to Yosys's formal backend, which
// takes a memory's read ports as one cell (and turns an enabled read into an address
// mux). LOOKUP reads both from the registered way instead.

// Simulation speed shapes the code (the RTL is the inner loop of every
// co-simulation, and Verilator re-evaluates combinational logic after every edge,
// and whatever depends on an input at every eval): the VPN compare, the rank update,
// and invalidations are computed inside the clocked block under the condition that
// needs them; the lookup's verdict and where a fill goes are combinational (so a
// waveform shows them) but computed only in the one state that wants them
// (lu_en_i, fill_sel_i); the ranks are kept as an ordered list per set, so the
// victim is read from its slot instead of being searched for.

`timescale 1ns/1ps

`include "rtl/mmu_widths.svh"
`include "rtl/vmmu_assert.svh"

module tlb #(
  parameter int unsigned SETS        = 1,   // power of two, 1..1024
  parameter int unsigned WAYS        = 16,  // 1..64
  parameter int unsigned VADDR_BITS  = 16,  // a request's whole VA (64 for Sv39/Sv48)
  parameter int unsigned VA_BITS     = 16,  // the preset's translated VA bits
  parameter int unsigned PAGE_BITS   = 8,
  parameter int unsigned LEVELS      = 1,   // 1..4
  parameter int unsigned LEVEL_BITS  = 8,
  parameter int unsigned ASID_BITS   = 16,
  parameter int unsigned PPN_BITS    = 22,
  // 1: the PPNs are a memory read through one registered port (block RAM): the PPN of
  // LOOKUP's answer comes on rd_ppn_o the cycle after, and lu_ppn_o is 0. The
  // second-level TLB's (mmu.sv); an L1 answers in LOOKUP itself, so reads them at once.
  parameter bit          PPN_RAM     = 1'b0,
  // 1: the compare is made in LOOKUP, combinationally and only when lu_en_i asks, with
  // upd_asid_i as the request's ASID, instead of at the accepting edge (cmp_*_i then
  // serve the formal checks only). For a TLB looked up only after another one missed
  // (the second-level TLB, mmu.sv): it answers the same, a compare at every accepted
  // request would be work thrown away (see "Timing").
  parameter bit          LATE_CMP    = 1'b0,
  // ---- derived: localparams, so no instance can set them out of step ----------
  localparam int unsigned VPN_BITS   = VA_BITS - PAGE_BITS,
  localparam int unsigned LVL_BITS   = (LEVELS > 1) ? $clog2(LEVELS) : 1,
  // ---- fixed by the contract (rtl/mmu_widths.svh); not settable ---------------
  localparam int unsigned PERM_BITS  = `VMMU_PERM_BITS,  // {D,U,X,W,R}
  localparam int unsigned INVAL_BITS = `VMMU_INVAL_BITS
) (
  input  logic                  clk_i,
  input  logic                  rst_ni,       // synchronous, active low

  // ---- compare: the request being accepted at this cycle's closing edge -------
  input  logic                  cmp_en_i,     // a request is accepted at this edge
  input  logic [VPN_BITS-1:0]   cmp_vpn_i,    // its VPN, from the request port
  input  logic [ASID_BITS-1:0]  cmp_asid_i,   // its ASID (satp's, as this edge samples it)

  // ---- lookup: in LOOKUP, the verdict for the access under way ---------------
  input  logic                  lu_en_i,      // LOOKUP: compute the verdict
  input  logic [VPN_BITS-1:0]   lu_vpn_i,     // the access's VPN, held to its answer
  output logic                  lu_match_o,   // an entry matches; same cycle
  output logic [LVL_BITS-1:0]   lu_level_o,   // of the entry that answers
  output logic [PPN_BITS-1:0]   lu_ppn_o,     // its PPN (a superpage's low fields 0)
  output logic [PERM_BITS-1:0]  lu_perm_o,    // its {D,U,X,W,R}
  output logic                  lu_global_o,  // its G (PPN_RAM only; else 0)
  output logic [PPN_BITS-1:0]   rd_ppn_o,     // PPN_RAM: lu_ppn_o's value, one cycle later

  // ---- update: from the walker, applied at this cycle's closing edge ---------
  input  logic                  upd_touch_i,  // a hit used the answering way (rank event if lru)
  input  logic                  fill_sel_i,   // FILL: compute where a fill goes
  input  logic                  upd_fill_i,   // write an entry for lu_vpn_i with these:
  input  logic [ASID_BITS-1:0]  upd_asid_i,   //   the request's ASID (satp's when accepted)
  input  logic [LVL_BITS-1:0]   upd_level_i,  //   the leaf's level
  input  logic                  upd_global_i, //   G on the leaf or a pointer above it
  input  logic [PPN_BITS-1:0]   upd_ppn_i,
  input  logic [PERM_BITS-1:0]  upd_perm_i,

  // ---- control: from the OS, applied at this cycle's closing edge ------------
  input  logic [1:0]            ctl_policy_i, // 0 fifo, 1 lru, 2 plru, 3 random; held stable
  input  logic                  ctl_inval_i,
  input  logic [INVAL_BITS-1:0] ctl_inval_mode_i,
  input  logic [ASID_BITS-1:0]  ctl_inval_asid_i,
  input  logic [VADDR_BITS-1:0] ctl_inval_vaddr_i
);

  `include "rtl/mmu_defs.svh"

  // log2 of a count that may be 1: keep every vector at least one bit wide.
  localparam int unsigned IDX_BITS  = (SETS > 1) ? $clog2(SETS) : 1;
  localparam int unsigned WAY_BITS  = (WAYS > 1) ? $clog2(WAYS) : 1;
  localparam int unsigned RANK_BITS = WAY_BITS;
  localparam int unsigned ENTRIES   = SETS * WAYS;
  localparam int unsigned ENT_BITS  = (ENTRIES > 1) ? $clog2(ENTRIES) : 1;
  localparam int unsigned PROBES    = LEVELS * WAYS;  // ways a lookup compares
  localparam int unsigned KEY_BITS  = 1 + ASID_BITS + LVL_BITS + VPN_BITS;
  localparam logic [RANK_BITS-1:0] RANK_OLDEST = RANK_BITS'(WAYS - 1);
  // Replacement policies (ctl_policy_i; model/tlb.h's tlb_policy).
  localparam logic [1:0] POL_FIFO = 2'd0, POL_LRU = 2'd1, POL_PLRU = 2'd2, POL_RANDOM = 2'd3;
  // plru is defined for a power-of-two WAYS only (a_plru_ways refuses it otherwise):
  // then the tree has WAYS-1 nodes and TREE_DEPTH levels; else it has none (one
  // unused bit keeps the vectors legal).
  localparam bit          WAYS_POW2  = (WAYS & (WAYS - 1)) == 0;
  localparam int unsigned TREE_DEPTH = (WAYS_POW2 && WAYS > 1) ? $clog2(WAYS) : 0;
  localparam int unsigned TREE_BITS  = (TREE_DEPTH > 0) ? WAYS - 1 : 1;
  localparam int          TREE_LEVELS = TREE_DEPTH;  // signed, for the loops
  // random: x^16 + x^14 + x^13 + x^11 + 1, Fibonacci, shifting right (the contract).
  localparam logic [15:0] LFSR_SEED  = 16'hACE1;

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
  logic [SETS*ROW_ORDER_BITS-1:0] order_q;    // fifo, lru: the age order of each set
  logic [SETS*TREE_BITS-1:0]      tree_q;     // plru: the tree of each set, node n at bit n
  logic [15:0]                    lfsr_q;     // random: never 0
  // The policy as the last edge saw it: ctl_policy_i is held stable from reset on, so
  // this is ctl_policy_i from the reset edge on. Read through a register, the
  // combinational replacement block depends on no input port, which Verilator would
  // otherwise re-evaluate after every change of the inputs (about 15 % of vmsim's
  // instructions per cycle, measured with callgrind).
  logic [1:0]                     policy_q;
  // The key {G, ASID, level, VPN} (key_of below): the ASID 0 in a global entry, the
  // VPN's low level*LEVEL_BITS bits 0 in a superpage's. So a probe is two equality
  // compares, one with the request's ASID and one with a global key, whatever the
  // entry's level or G: the cheapest compare to simulate, and close to the
  // hardware's (an XOR per bit and a NOR tree, the ASID's half shared).
  logic [KEY_BITS-1:0]            key_q   [ENTRIES];
  logic [PPN_BITS-1:0]            ppn_q   [ENTRIES];
  logic [PERM_BITS-1:0]           perm_q  [ENTRIES];
`ifdef VMMU_COVERS
  logic [ASID_BITS-1:0]           fill_asid_q [ENTRIES];  // the ASID a global entry was filled under
`endif
  // The compare made at the accepting edge (see "Timing" above): bit l*WAYS + w says
  // way w of level l's set held a valid entry of level l for this page, global or of
  // the request's ASID; and the first such entry, what a lookup answers with.
  logic [PROBES-1:0]              lu_hits_q;
  logic [LVL_BITS-1:0]            lu_level_q;
  logic [WAY_BITS-1:0]            lu_way_q;
`ifdef VMMU_COVERS
  logic                           hit_g_q;    // ... which is global, of another ASID
`endif

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
  localparam logic [SETS*TREE_BITS-1:0]      TREE_RESET  = '0;  // every node: its lower half
  /* verilator lint_on WIDTHCONCAT */

  // ---- sets and pages -------------------------------------------------------------
  // The set of a level-`lvl` entry for `vpn`: (vpn >> lvl*LEVEL_BITS) mod SETS,
  // zero-extended when SETS exceeds what is left of the VPN (osc with many sets).
  function automatic logic [IDX_BITS-1:0] set_at(input logic [VPN_BITS-1:0] vpn,
                                                 input logic [LVL_BITS-1:0] lvl);
    // Only the low IDX_BITS are the index; the rest is the zero-extension headroom.
    /* verilator lint_off UNUSEDSIGNAL */
    logic [IDX_BITS+VPN_BITS-1:0] wide;
    /* verilator lint_on UNUSEDSIGNAL */
    wide = {{IDX_BITS{1'b0}}, vpn} >> (32'(lvl) * LEVEL_BITS);
    set_at = (SETS > 1) ? wide[IDX_BITS-1:0] : '0;
  endfunction

  // The fields of a key (each function reads one field; the rest of its argument is
  // not its business).
  /* verilator lint_off UNUSEDSIGNAL */
  function automatic logic [VPN_BITS-1:0] k_vpn(input logic [KEY_BITS-1:0] k);
    k_vpn = k[VPN_BITS-1:0];
  endfunction
  function automatic logic [LVL_BITS-1:0] k_lvl(input logic [KEY_BITS-1:0] k);
    k_lvl = k[VPN_BITS +: LVL_BITS];
  endfunction
  function automatic logic [ASID_BITS-1:0] k_asid(input logic [KEY_BITS-1:0] k);
    k_asid = k[VPN_BITS + LVL_BITS +: ASID_BITS];
  endfunction
  function automatic logic k_g(input logic [KEY_BITS-1:0] k);
    k_g = k[KEY_BITS-1];
  endfunction
  /* verilator lint_on UNUSEDSIGNAL */

  // The key of an entry of level lvl for vpn, G = g, filled under ASID asid: the
  // number of its (super)page (the VPN with its low lvl*LEVEL_BITS bits cleared), and
  // no ASID when global. A probe of level l for a request compares an entry's key
  // with key_of(0, ASID, l, VPN) and key_of(1, 0, l, VPN): equal to one of them
  // exactly when the entry is of level l, holds the request's page, and is global
  // or of its ASID.
  function automatic logic [KEY_BITS-1:0] key_of(input logic g, input logic [ASID_BITS-1:0] asid,
                                                 input logic [LVL_BITS-1:0] lvl,
                                                 input logic [VPN_BITS-1:0] vpn);
    key_of = {g, g ? '0 : asid, lvl, vpn & ({VPN_BITS{1'b1}} << (32'(lvl) * LEVEL_BITS))};
  endfunction

  // 1 if VPNs a and b lie in one page of level lvl: they agree above its low
  // lvl*LEVEL_BITS bits.
  function automatic logic same_page(input logic [VPN_BITS-1:0] a, input logic [VPN_BITS-1:0] b,
                                     input logic [LVL_BITS-1:0] lvl);
    same_page = ((a ^ b) >> (32'(lvl) * LEVEL_BITS)) == '0;
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
  function automatic logic [31:0] tree_row_at(input logic [IDX_BITS-1:0] set);
    tree_row_at = 32'(set) * TREE_BITS;
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

  // The lowest set bit of v, alone (v & -v).
  function automatic logic [WAYS-1:0] lowest(input logic [WAYS-1:0] v);
    lowest = v & (~v + 1'b1);
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

  // plru (docs/contract.md, "Replacement"). Node n's children are 2n+1 (the lower
  // half of its ways) and 2n+2 (the upper half); way w is leaf WAYS-1+w. A node holds 1
  // when the victim lies in its upper half. An event on `way` makes every node on its
  // path point away from it: node 2^d - 1 + k, at depth d, is on the path when
  // way >> (TREE_DEPTH - d) is k, and takes the inverse of way's bit TREE_DEPTH-1-d
  // (1: the way is in its lower half, so the node points up). Written node by node,
  // each with its own constant test, as the hardware is (a write at a computed index
  // would synthesize to a shifter per level).
  function automatic logic [TREE_BITS-1:0] plru_touch(input logic [TREE_BITS-1:0] tree,
                                                      input logic [WAY_BITS-1:0] way);
    plru_touch = tree;
    // (d signed: with no tree, TREE_DEPTH = 0, an unsigned d < 0 is a lint warning)
    for (int d = 0; d < TREE_LEVELS; d++)
      for (int k = 0; k < (1 << d); k++)
        if ((32'(way) >> (TREE_DEPTH - d)) == 32'(k))
          plru_touch[(1 << d) - 1 + k] = !way[TREE_DEPTH - 1 - d];
  endfunction

  // The victim: from the root, each node's bit is the next bit of the way, from the top.
  function automatic logic [WAY_BITS-1:0] plru_victim(input logic [TREE_BITS-1:0] tree);
    plru_victim = '0;
    for (int d = 0; d < TREE_LEVELS; d++)
      plru_victim[TREE_DEPTH - 1 - d] = tree[(32'd1 << d) - 1 + (32'(plru_victim) >> (TREE_DEPTH - d))];
  endfunction

  // random's way: the LFSR mod WAYS (its low bits when WAYS is a power of two).
  function automatic logic [WAY_BITS-1:0] lfsr_way(input logic [15:0] lfsr);
    lfsr_way = WAY_BITS'(lfsr % 16'(WAYS));
  endfunction

  // ---- lookup (docs/contract.md, "The TLB", Lookup) ----------------------------------
  // The valid bits of the probed ways, bit l*WAYS + w as above.
  function automatic logic [PROBES-1:0] probed_valid(input logic [VPN_BITS-1:0] vpn);
    for (int unsigned l = 0; l < LEVELS; l++)
      probed_valid[l*WAYS +: WAYS] = valid_q[valid_row_at(set_at(vpn, LVL_BITS'(l))) +: WAYS];
  endfunction

  // The lowest level with a match in `hits`: the one that answers.
  function automatic logic [LVL_BITS-1:0] first_level(input logic [PROBES-1:0] hits);
    first_level = '0;
    // From the top level down, so the lowest level with a match is the one kept.
    for (int unsigned k = 0; k < LEVELS; k++)
      if (|hits[(LEVELS-1-k)*WAYS +: WAYS]) first_level = LVL_BITS'(LEVELS - 1 - k);
  endfunction

  // The verdict: the first match of the compare, unless an invalidation since has
  // cleared a matching way (then the matches still valid, searched again). Registers
  // only, and computed in LOOKUP only.
  logic [PROBES-1:0]   lu_hits;      // bit l*WAYS + w: way w of level l's set matches
  logic                lu_again;     // an invalidation cleared a match: search again
  logic [LVL_BITS-1:0] lu_level;     // the lowest level with a match
  logic [WAYS-1:0]     lu_lvl_hits;  // the ways of that level that match
  logic [IDX_BITS-1:0] lu_set;       // its set
  logic [WAY_BITS-1:0] lu_way;       // its lowest matching way
  logic [ENT_BITS-1:0] lu_entry;

`ifdef VMMU_COVERS
  logic                lu_hit_g;     // it is global, of another ASID (a cover point)
`endif

  always_comb begin : lookup
    logic [PROBES-1:0]   g_hits;     // LATE_CMP: the probes matching as global entries
    logic [IDX_BITS-1:0] s;
    logic [ENT_BITS-1:0] e;
`ifdef VMMU_COVERS
    logic [PROBES-1:0]   cmp_g;      // a global entry of another ASID, per probe
`endif
    g_hits      = '0;
    s           = '0;
    e           = '0;
    lu_hits     = '0;
    lu_again    = 1'b0;
    lu_level    = '0;
    lu_lvl_hits = '0;
    lu_way      = '0;
    lu_set      = '0;
    lu_entry    = '0;
    lu_ppn_o    = '0;
    lu_perm_o   = '0;
    lu_global_o = 1'b0;
`ifdef VMMU_COVERS
    lu_hit_g    = 1'b0;
    cmp_g       = '0;
`endif
    if (lu_en_i && LATE_CMP) begin
      // The compare now (LATE_CMP), on the live valid bits: an invalidation at the
      // accepting edge is in them already, one at LOOKUP's closing edge acts after,
      // and no fill comes between (see "Timing"): the verdict the accepting edge's
      // compare, searched again, gives. The global probes say the answer's G by
      // position (a read of key_q at an address its own read chose would be a loop
      // to Yosys's formal backend, as in the header).
      for (int unsigned l = 0; l < LEVELS; l++) begin
        s = set_at(lu_vpn_i, LVL_BITS'(l));
        for (int unsigned w = 0; w < WAYS; w++) begin
          e = entry_of(s, WAY_BITS'(w));
          g_hits  = g_hits  | (PROBES'(key_q[e] == key_of(1'b1, '0, LVL_BITS'(l), lu_vpn_i)) << (l*WAYS + w));
          lu_hits = lu_hits | (PROBES'(key_q[e] == key_of(1'b0, upd_asid_i, LVL_BITS'(l), lu_vpn_i)) << (l*WAYS + w));
`ifdef VMMU_COVERS
          cmp_g[l*WAYS + w] = k_g(key_q[e]) && fill_asid_q[e] != upd_asid_i;
`endif
        end
      end
      lu_hits     = (lu_hits | g_hits) & probed_valid(lu_vpn_i);
      lu_level    = first_level(lu_hits);
      lu_lvl_hits = lu_hits[32'(lu_level)*WAYS +: WAYS];
      lu_way      = way_of(lowest(lu_lvl_hits));
      lu_global_o = g_hits[32'(lu_level)*WAYS + 32'(lu_way)];
`ifdef VMMU_COVERS
      lu_hit_g    = |lu_hits && cmp_g[32'(lu_level)*WAYS + 32'(lu_way)];
`endif
    end else if (lu_en_i) begin
      lu_hits   = lu_hits_q & probed_valid(lu_vpn_i);
      lu_again  = lu_hits != lu_hits_q;
      lu_level  = lu_level_q;
      lu_way    = lu_way_q;
      if (lu_again) begin
        lu_level    = first_level(lu_hits);
        lu_lvl_hits = lu_hits[32'(lu_level)*WAYS +: WAYS];
        lu_way      = way_of(lowest(lu_lvl_hits));
      end
      // (G is wanted by the L2's refill of an L1 only: an L1 does not compute it.)
      if (PPN_RAM) lu_global_o = k_g(key_q[entry_of(set_at(lu_vpn_i, lu_level), lu_way)]);
`ifdef VMMU_COVERS
      lu_hit_g    = hit_g_q && !lu_again;
`endif
    end
    if (lu_en_i) begin
      lu_set    = set_at(lu_vpn_i, lu_level);
      lu_entry  = entry_of(lu_set, lu_way);
      if (!PPN_RAM) lu_ppn_o = ppn_q[lu_entry];
      lu_perm_o   = perm_q[lu_entry];
    end
  end

  assign lu_match_o = |lu_hits;
  assign lu_level_o = lu_level;

  // ---- replacement ------------------------------------------------------------------
  // The victim: fifo and lru, the way of rank WAYS-1 in the age order; plru, the way
  // the set's tree points to; random, the LFSR mod WAYS (the LFSR steps at each edge
  // that fills the victim). Age order of one set, e.g. WAYS = 4, after fills of ways
  // 0,1,2,3 (fifo):
  //
  //     slot (= rank):  0  1  2  3          event on way 1 (in slot 2):
  //     way:            3  2  1  0   --->   way:   1  3  2  0
  //                              ^ victim          ways 3,2 (ranks below 2) age by
  //                                                one, way 1 takes rank 0, way 0
  //                                                keeps rank 3.
  //
  // The order stays a permutation of the ways, so slot WAYS-1 holds exactly one
  // way: the victim, used only when every way of the set is valid. A fill of level
  // l goes, in level l's set, to the way whose entry of level l still matches the
  // request (a store through a clean entry: the contract refills "that same way"),
  // else to the lowest invalid way, else to the victim.
  logic [IDX_BITS-1:0]       fill_set;    // level upd_level_i's set for lu_vpn_i
  logic [WAYS-1:0]           fill_valid;  // its valid bits
  logic [ROW_ORDER_BITS-1:0] fill_order;  // its age order
  logic [WAYS-1:0]           same_ways;   // its ways whose entry of that level matches
  logic                      same_found;
  logic [WAYS-1:0]           free_ways;   // one-hot: its lowest invalid way
  logic                      free_found;
  logic [TREE_BITS-1:0]      fill_tree;   // its PLRU tree
  logic [WAY_BITS-1:0]       victim_way;  // the policy's victim in it
  logic [WAY_BITS-1:0]       fill_way;
  logic [ENT_BITS-1:0]       fill_entry;

  // Computed in FILL only (fill_sel_i): at any other time these are 0.
  always_comb begin : replacement
    fill_set   = '0;
    fill_valid = '0;
    fill_order = '0;
    same_ways  = '0;
    same_found = 1'b0;
    free_ways  = '0;
    free_found = 1'b0;
    fill_tree  = '0;
    victim_way = '0;
    fill_way   = '0;
    if (fill_sel_i) begin
      fill_set   = set_at(lu_vpn_i, upd_level_i);
      fill_valid = valid_q[valid_row_at(fill_set) +: WAYS];
      fill_order = order_q[order_row_at(fill_set) +: ROW_ORDER_BITS];
      for (int unsigned w = 0; w < WAYS; w++)
        same_ways[w] = fill_valid[w]
                    && (key_q[entry_of(fill_set, WAY_BITS'(w))] == key_of(1'b0, upd_asid_i, upd_level_i, lu_vpn_i)
                        || key_q[entry_of(fill_set, WAY_BITS'(w))] == key_of(1'b1, '0, upd_level_i, lu_vpn_i));
      same_found = |same_ways;
      // ~v & (v + 1) keeps the lowest zero bit of v: the lowest invalid way.
      free_ways  = ~fill_valid & (fill_valid + 1'b1);
      free_found = !(&fill_valid);
      fill_tree  = tree_q[tree_row_at(fill_set) +: TREE_BITS];
      unique case (policy_q)
        POL_PLRU:   victim_way = plru_victim(fill_tree);
        POL_RANDOM: victim_way = lfsr_way(lfsr_q);
        default:    victim_way = fill_order[32'(RANK_OLDEST)*WAY_BITS +: WAY_BITS];
      endcase
      if (same_found)      fill_way = way_of(lowest(same_ways));
      else if (free_found) fill_way = way_of(free_ways);
      else                 fill_way = victim_way;
    end
    fill_entry = entry_of(fill_set, fill_way);
  end

  // The fill asked for is made unless an invalidation comes at the same edge (it
  // drops the fill: docs/contract.md). The clocked block decides that at the edge:
  // it reads a port, and nothing combinational needs it.

  // ---- invalidation (docs/contract.md, "Invalidation": SFENCE.VMA's four cases) -------
  logic [VPN_BITS-1:0] inval_vpn;
  logic                inval_canonical;  // rs1 names a page; a non-canonical VA names none
  assign inval_vpn = ctl_inval_vaddr_i[VA_BITS-1:PAGE_BITS];
  // rs1's offset within its page names nothing more.
  /* verilator lint_off UNUSEDSIGNAL */
  logic [PAGE_BITS-1:0] inval_offset;
  /* verilator lint_on UNUSEDSIGNAL */
  assign inval_offset = ctl_inval_vaddr_i[PAGE_BITS-1:0];
  if (VADDR_BITS > VA_BITS) begin : g_inval_canon
    logic [VADDR_BITS-VA_BITS:0] top;  // bits VADDR-1 .. VA-1
    assign top = ctl_inval_vaddr_i[VADDR_BITS-1:VA_BITS-1];
    assign inval_canonical = (top == '0) || (&top);
  end else begin : g_inval_all_canon
    assign inval_canonical = 1'b1;
  end

  // ---- registers ----------------------------------------------------------------------
  always_ff @(posedge clk_i) begin : regs
    logic [PROBES-1:0]    cmp_hits;   // the compare, per level and way
    logic [LVL_BITS-1:0]  cmp_level;  // its first match
    logic [WAY_BITS-1:0]  cmp_way;
`ifdef VMMU_COVERS
    logic [PROBES-1:0]    cmp_g;      // a global entry of another ASID, per level and way
`endif
    logic [IDX_BITS-1:0]  s;
    logic [ENT_BITS-1:0]  e;
    logic [SETS*WAYS-1:0] valid_d;    // valid bits after this edge's fill/invalidation
    logic [WAYS-1:0]      row;
    logic                 fill;       // the fill is made at this edge
    fill = upd_fill_i && !ctl_inval_i;
    if (!rst_ni) begin
      valid_q    <= NONE_VALID;
      order_q    <= ORDER_RESET;
      tree_q     <= TREE_RESET;
      lfsr_q     <= LFSR_SEED;
      lu_hits_q  <= '0;
    end else begin
      // The lookup's VPN compare, one cycle early: see "Timing" above. An invalid
      // way may still hold a VPN (invalidation clears only the valid bit), so the
      // valid bit is part of the compare.
      if (cmp_en_i && !LATE_CMP) begin
        // The key matches ORed in way by way, the valid bits ANDed once: a bit written
        // into a vector costs Verilator a read-modify-write, an OR a shift and an OR.
        cmp_hits = '0;
        for (int unsigned l = 0; l < LEVELS; l++) begin
          s = set_at(cmp_vpn_i, LVL_BITS'(l));
          for (int unsigned w = 0; w < WAYS; w++) begin
            e = entry_of(s, WAY_BITS'(w));
            cmp_hits = cmp_hits
                     | (PROBES'(key_q[e] == key_of(1'b0, cmp_asid_i, LVL_BITS'(l), cmp_vpn_i)
                                || key_q[e] == key_of(1'b1, '0, LVL_BITS'(l), cmp_vpn_i)) << (l*WAYS + w));
`ifdef VMMU_COVERS
            cmp_g[l*WAYS + w]    = k_g(key_q[e]) && fill_asid_q[e] != cmp_asid_i;
`endif
          end
        end
        cmp_hits = cmp_hits & probed_valid(cmp_vpn_i);
        cmp_level  = first_level(cmp_hits);
        cmp_way    = way_of(lowest(cmp_hits[32'(cmp_level)*WAYS +: WAYS]));
        lu_hits_q  <= cmp_hits;
        lu_level_q <= cmp_level;
        lu_way_q   <= cmp_way;
`ifdef VMMU_COVERS
        // (Picked by position: a memory read at e, which depends on what the compare
        // read, is a loop to Yosys's formal backend.)
        hit_g_q    <= |cmp_hits && cmp_g[32'(cmp_level)*WAYS + 32'(cmp_way)];
`endif
      end

      // Replacement events (a hit is in LOOKUP and a fill in FILL: never both at one
      // edge; the policy is tested only under one of them, so a cycle with neither
      // costs the simulation what it did with one policy). A fill: a rank event under
      // fifo and lru, a tree event under plru, and under random the LFSR steps if it
      // took the victim. A hit: a rank event under lru, a tree event under plru.
      if (fill) begin
        if (!ctl_policy_i[1])
          order_q[order_row_at(fill_set) +: ROW_ORDER_BITS]
            <= promote(order_q[order_row_at(fill_set) +: ROW_ORDER_BITS], fill_way);
        else if (ctl_policy_i == POL_PLRU)
          tree_q[tree_row_at(fill_set) +: TREE_BITS]
            <= plru_touch(tree_q[tree_row_at(fill_set) +: TREE_BITS], fill_way);
        else if (!same_found && !free_found)
          lfsr_q <= {lfsr_q[0] ^ lfsr_q[2] ^ lfsr_q[3] ^ lfsr_q[5], lfsr_q[15:1]};
      end else if (upd_touch_i) begin
        if (ctl_policy_i == POL_LRU)
          order_q[order_row_at(lu_set) +: ROW_ORDER_BITS]
            <= promote(order_q[order_row_at(lu_set) +: ROW_ORDER_BITS], lu_way);
        else if (ctl_policy_i == POL_PLRU)
          tree_q[tree_row_at(lu_set) +: TREE_BITS]
            <= plru_touch(tree_q[tree_row_at(lu_set) +: TREE_BITS], lu_way);
      end

      // Valid bits: rows are edited through a temporary, one run-time part-select
      // per statement.
      if (fill || ctl_inval_i) begin
        valid_d = valid_q;
        if (fill) begin
          row           = fill_valid;
          row[fill_way] = 1'b1;
          valid_d[valid_row_at(fill_set) +: WAYS] = row;
        end
        // The age order is left alone (contract: invalidation clears valid bits only).
        if (ctl_inval_i) begin
          unique case (ctl_inval_mode_i)
            INVAL_PAGE, INVAL_PAGE_ALL: begin
              // "Whose page holds VA": an entry of level l in level l's set for VA.
              // rs1 non-canonical: no page, nothing cleared (the spec: no effect).
              if (inval_canonical)
                for (int unsigned l = 0; l < LEVELS; l++) begin
                  s   = set_at(inval_vpn, LVL_BITS'(l));
                  row = valid_d[valid_row_at(s) +: WAYS];
                  for (int unsigned w = 0; w < WAYS; w++) begin
                    e = entry_of(s, WAY_BITS'(w));
                    if (k_lvl(key_q[e]) == LVL_BITS'(l) && same_page(k_vpn(key_q[e]), inval_vpn, LVL_BITS'(l))
                        && (ctl_inval_mode_i == INVAL_PAGE_ALL
                            || (!k_g(key_q[e]) && k_asid(key_q[e]) == ctl_inval_asid_i)))
                      row[w] = 1'b0;
                  end
                  valid_d[valid_row_at(s) +: WAYS] = row;
                end
            end
            INVAL_ASID: begin
              for (int unsigned st = 0; st < SETS; st++) begin
                row = valid_d[st*WAYS +: WAYS];
                for (int unsigned w = 0; w < WAYS; w++)
                  if (!k_g(key_q[st*WAYS + w]) && k_asid(key_q[st*WAYS + w]) == ctl_inval_asid_i)
                    row[w] = 1'b0;
                valid_d[st*WAYS +: WAYS] = row;
              end
            end
            default: valid_d = NONE_VALID;  // INVAL_ALL
          endcase
        end
        valid_q <= valid_d;
      end
    end
    policy_q <= ctl_policy_i;
    // Entry data needs no reset: a way is read only while its valid bit is set.
    if (fill) begin
      key_q[fill_entry]  <= key_of(upd_global_i, upd_asid_i, upd_level_i, lu_vpn_i);
`ifdef VMMU_COVERS
      fill_asid_q[fill_entry] <= upd_asid_i;
`endif
      ppn_q[fill_entry]  <= upd_ppn_i;
      perm_q[fill_entry] <= upd_perm_i;
    end
  end

  // The PPN array's registered read (PPN_RAM): the address is LOOKUP's answering
  // entry, the data comes the cycle after, as a block RAM gives it (iCE40's
  // SB_RAM40_4K, a Xilinx RAMB). A fill writes it through the one write port above;
  // a fill and a lookup never share an edge (FILL accepts nothing).
  if (PPN_RAM) begin : g_ppn_ram
    logic [PPN_BITS-1:0] rd_ppn_q;
    always_ff @(posedge clk_i) begin
      if (lu_en_i) rd_ppn_q <= ppn_q[lu_entry];
    end
    assign rd_ppn_o = rd_ppn_q;
`ifdef FORMAL
    // The read gives the PPN of the entry LOOKUP's compare named, as the array holds it
    // the cycle after (no fill can come between: FILL is later). (One key in two ways
    // of a set is no invariant here, as in an L1: after software's error -- a global
    // and an ASID's entry of one page -- a clean store's refill of the lower way makes
    // two; the lookup's order settles which answers.)
    logic                fv_rd_q;
    logic [ENT_BITS-1:0] fv_rd_entry_q;
    always_ff @(posedge clk_i) begin : fv_ram
      fv_rd_q       <= rst_ni && lu_en_i;
      fv_rd_entry_q <= lu_entry;
      if (rst_ni)
        `VMMU_ASSERT(f_ram_read, !fv_rd_q || rd_ppn_q == ppn_q[fv_rd_entry_q], ("tlb: PPN read is not the entry's"))
    end
`endif
  end else begin : g_ppn_regs
    assign rd_ppn_o = '0;
  end

`ifndef SYNTHESIS
  // ---- checks (simulation and formal) -----------------------------------------------
  // Immediate assertions at the clock edge (rtl/vmmu_assert.svh): they see the values
  // the edge samples, as concurrent ones would, without Verilator copying every
  // checked signal at every eval for them. Each check looks only at the sets being
  // changed or probed, in the cycle it happens, so the cost stays small at 1024 x 64;
  // the whole-TLB invariants below are for `make formal` only (docs/formal.md).
  logic            glob_inval_q;  // the edge before applied a one-ASID invalidation ...
  logic [SETS*WAYS-1:0] glob_kept_q;  // ... and these valid global ways must survive it
  logic                plru_ev_q;     // the edge before was a plru tree event ...
  logic [IDX_BITS-1:0] plru_set_q;    // ... in this set
  logic [WAY_BITS-1:0] plru_way_q;    // ... on this way

  // 1 if (level, way) is the first match of `hits` in the lookup's order: it matches,
  // and no probe before it (bit l*WAYS + w grows with the order) does.
  function automatic logic first_ok(input logic [PROBES-1:0] hits, input logic [LVL_BITS-1:0] level,
                                    input logic [WAY_BITS-1:0] way);
    logic [PROBES-1:0] earlier;
    earlier  = (PROBES'(1) << (32'(level) * WAYS + 32'(way))) - 1'b1;
    first_ok = hits[32'(level) * WAYS + 32'(way)] && (hits & earlier) == '0;
  endfunction

  always_ff @(posedge clk_i) begin : checks
    // The fill and the rank event of this edge, as the clocked block makes them
    // (variables here, not signals: they read a port, and a simulation would
    // otherwise compute them at every change of it).
    logic                chk_fill;
    logic [IDX_BITS-1:0] chk_eset;
    logic [WAY_BITS-1:0] chk_eway;
    logic [WAYS-1:0] seen;         // ways present in the age order after an event
    logic [ROW_ORDER_BITS-1:0] promoted;
    logic [WAYS-1:0] victim_slots; // slots holding the victim way
    logic [SETS*WAYS-1:0] glob_valid;
`ifdef VMMU_COVERS
    logic            drops_g, drops_n, spares_g;  // this invalidation's effect (cover points)
    logic [IDX_BITS-1:0] s;
    logic [ENT_BITS-1:0] e;
    logic            page;
`endif
    chk_fill = upd_fill_i && !ctl_inval_i;
    if (!rst_ni) begin
      glob_inval_q <= 1'b0;
      plru_ev_q    <= 1'b0;
    end else begin
      // After a tree event on a way, the set's victim is another way: the event pointed
      // every node of its path away from it. (Conditions, not operands: the work is
      // done only then.)
      if (plru_ev_q) begin
        `VMMU_ASSERT(a_plru_not_last, WAYS < 2
                     || plru_victim(tree_q[tree_row_at(plru_set_q) +: TREE_BITS]) != plru_way_q,
          ("tlb: plru's victim in set %0d is way %0d, just used", plru_set_q, plru_way_q))
        plru_ev_q <= 1'b0;
      end
      if (chk_fill || upd_touch_i) begin  // an event (checked at events only, for speed)
        // plru is the tree of a power-of-two WAYS (docs/contract.md).
        `VMMU_ASSERT(a_plru_ways, ctl_policy_i != POL_PLRU || WAYS_POW2,
          ("tlb: plru needs a power-of-two number of ways, not %0d", WAYS))
        if (ctl_policy_i == POL_PLRU) begin
          plru_ev_q  <= 1'b1;
          plru_set_q <= chk_fill ? fill_set : lu_set;
          plru_way_q <= chk_fill ? fill_way : lu_way;
        end
      end
      if (lu_en_i && lu_match_o) begin
        // The contract's lookup order: the answering entry matches, and no probe before
        // it (a lower level, or a lower way of its level) does.
        `VMMU_ASSERT(a_hit_first, first_ok(lu_hits, lu_level, lu_way),
          ("tlb: vpn %0h answered by level %0d way %0d, not the first match", lu_vpn_i, lu_level, lu_way))
`ifdef VMMU_COVERS
        // Two entries match one request only after software's error (the header) ...
        `VMMU_COVER(c_multi_hit, !$onehot(lu_hits))
        // ... a global entry another ASID filled answers ...
        `VMMU_COVER(c_hit_global_other_asid, lu_hit_g)
        // ... and an invalidation in the accepting cycle cleared a match.
        `VMMU_COVER(c_hit_searched_again, lu_again)
`endif
      end
      if (chk_fill) begin
        for (int unsigned r = 0; r < WAYS; r++)
          victim_slots[r] = (fill_order[r*WAY_BITS +: WAY_BITS] == victim_way);
        `VMMU_ASSERT(a_victim_onehot, $onehot(victim_slots),
          ("tlb: victim of set %0d is not one-hot", fill_set))
        `VMMU_ASSERT(a_fill_level, 32'(upd_level_i) < LEVELS,
          ("tlb: fill of level %0d, beyond the top level", upd_level_i))
      end
      if ((chk_fill && !ctl_policy_i[1]) || (upd_touch_i && ctl_policy_i == POL_LRU)) begin  // a rank event
        chk_eset = chk_fill ? fill_set : lu_set;
        chk_eway = chk_fill ? fill_way : lu_way;
        seen     = '0;
        promoted = promote(order_q[order_row_at(chk_eset) +: ROW_ORDER_BITS], chk_eway);
        for (int unsigned r = 0; r < WAYS; r++) seen[promoted[r*WAY_BITS +: WAY_BITS]] = 1'b1;
        `VMMU_ASSERT(a_rank_perm, &seen,
          ("tlb: ranks of set %0d are not a permutation", chk_eset))
      end

      // A one-ASID fence (modes 0 and 1) never drops a global entry: checked one edge
      // later, on the valid bits it left.
      `VMMU_ASSERT(a_global_kept, !glob_inval_q || !(|(glob_kept_q & ~valid_q)),
        ("tlb: a one-ASID invalidation dropped a global entry"))
      glob_inval_q <= 1'b0;
`ifdef VMMU_COVERS
      drops_g  = 1'b0;
      drops_n  = 1'b0;
      spares_g = 1'b0;
`endif
      if (ctl_inval_i) begin  // the search only in an invalidation's cycle: a few in a run
        for (int unsigned i = 0; i < ENTRIES; i++) glob_valid[i] = valid_q[i] && k_g(key_q[i]);
        glob_inval_q <= ctl_inval_mode_i == INVAL_PAGE || ctl_inval_mode_i == INVAL_ASID;
        glob_kept_q  <= glob_valid;
`ifdef VMMU_COVERS
        // For the cover points: does it clear a global entry, a non-global one, or
        // spare a global one of the named page or ASID?
        for (int unsigned l = 0; l < LEVELS; l++) begin
          s = set_at(inval_vpn, LVL_BITS'(l));
          for (int unsigned w = 0; w < WAYS; w++) begin
            e = entry_of(s, WAY_BITS'(w));
            page = valid_q[valid_row_at(s) + w] && k_lvl(key_q[e]) == LVL_BITS'(l)
                && same_page(k_vpn(key_q[e]), inval_vpn, LVL_BITS'(l)) && inval_canonical;
            if (ctl_inval_mode_i == INVAL_PAGE_ALL && page) begin
              drops_g = drops_g || k_g(key_q[e]);
              drops_n = drops_n || !k_g(key_q[e]);
            end
            if (ctl_inval_mode_i == INVAL_PAGE && page) begin
              drops_n  = drops_n || (!k_g(key_q[e]) && k_asid(key_q[e]) == ctl_inval_asid_i);
              spares_g = spares_g || k_g(key_q[e]);
            end
          end
        end
        for (int unsigned i = 0; i < ENTRIES; i++) begin
          if (ctl_inval_mode_i == INVAL_ASID && valid_q[i]) begin
            drops_n  = drops_n || (!k_g(key_q[i]) && k_asid(key_q[i]) == ctl_inval_asid_i);
            spares_g = spares_g || k_g(key_q[i]);
          end
          if (ctl_inval_mode_i == INVAL_ALL && valid_q[i]) begin
            drops_g = drops_g || k_g(key_q[i]);
            drops_n = drops_n || !k_g(key_q[i]);
          end
        end
`endif
      end

      // ---- cover points (docs/formal.md, make coverage) ----------------------------
      // Where a fill goes (docs/contract.md, "The TLB") ...
      `VMMU_COVER(c_fill_same_way, chk_fill && same_found)
      `VMMU_COVER(c_fill_free_way, chk_fill && !same_found && free_found)
      `VMMU_COVER(c_fill_victim,   chk_fill && !same_found && !free_found)
      `VMMU_COVER(c_fill_global,   chk_fill && upd_global_i)
      // ... which hits rank ...
      `VMMU_COVER(c_hit_lru,       upd_touch_i && ctl_policy_i == POL_LRU)
      `VMMU_COVER(c_hit_fifo,      upd_touch_i && ctl_policy_i == POL_FIFO)
      `VMMU_COVER(c_hit_plru,      upd_touch_i && ctl_policy_i == POL_PLRU)
      // ... and every invalidation mode, each clearing a non-global entry, the two
      // that may clear a global one doing so, and the two one-ASID ones sparing one.
      `VMMU_COVER(c_inval_page,     ctl_inval_i && ctl_inval_mode_i == INVAL_PAGE)
      `VMMU_COVER(c_inval_asid,     ctl_inval_i && ctl_inval_mode_i == INVAL_ASID)
      `VMMU_COVER(c_inval_all,      ctl_inval_i && ctl_inval_mode_i == INVAL_ALL)
      `VMMU_COVER(c_inval_page_all, ctl_inval_i && ctl_inval_mode_i == INVAL_PAGE_ALL)
`ifdef VMMU_COVERS
      `VMMU_COVER(c_inval_page_drops,          ctl_inval_i && ctl_inval_mode_i == INVAL_PAGE && drops_n)
      `VMMU_COVER(c_inval_page_spares_global,  ctl_inval_i && ctl_inval_mode_i == INVAL_PAGE && spares_g)
      `VMMU_COVER(c_inval_asid_drops,          ctl_inval_i && ctl_inval_mode_i == INVAL_ASID && drops_n)
      `VMMU_COVER(c_inval_asid_spares_global,  ctl_inval_i && ctl_inval_mode_i == INVAL_ASID && spares_g)
      `VMMU_COVER(c_inval_all_drops,           ctl_inval_i && ctl_inval_mode_i == INVAL_ALL && drops_n)
      `VMMU_COVER(c_inval_all_drops_global,    ctl_inval_i && ctl_inval_mode_i == INVAL_ALL && drops_g)
      `VMMU_COVER(c_inval_page_all_drops,      ctl_inval_i && ctl_inval_mode_i == INVAL_PAGE_ALL && drops_n)
      `VMMU_COVER(c_inval_page_all_drops_global,
                  ctl_inval_i && ctl_inval_mode_i == INVAL_PAGE_ALL && drops_g)
`endif
    end
  end

  // The LFSR never reaches 0, the one state it would stay in: checked every cycle, so
  // it is proven by induction from one edge to the next. (A block of its own: as the
  // first statement of `checks`, Verilator 5.006's coverage build stops with an
  // internal error, "Missing AstCoverInc under assertion", at a cover point below.)
  always_ff @(posedge clk_i) begin : lfsr_check
    if (rst_ni) `VMMU_ASSERT(a_lfsr_nonzero, lfsr_q != '0, ("tlb: the LFSR is 0"))
  end

  // A fence naming a non-canonical VA (Sv39, Sv48 only: the others have no such VA).
  if (VADDR_BITS > VA_BITS) begin : g_cover_canonical
    always_ff @(posedge clk_i) begin
      if (rst_ni) `VMMU_COVER(c_inval_page_noncanonical,
                              ctl_inval_i && ctl_inval_mode_i == INVAL_PAGE && !inval_canonical)
    end
  end

  // A fill into each way, and the victim in each way (one cover point per way).
  for (genvar w = 0; w < WAYS; w++) begin : g_cover_way
    always_ff @(posedge clk_i) begin
      if (rst_ni) begin
        `VMMU_COVER_EACH(c_fill_way, upd_fill_i && !ctl_inval_i && fill_way == WAY_BITS'(w))
        `VMMU_COVER_EACH(c_victim_way, upd_fill_i && !ctl_inval_i && !same_found && !free_found
                                       && victim_way == WAY_BITS'(w))
`ifndef FORMAL
        // The LFSR's draw of each way (it takes 6 draws from the seed to reach way 3 of
        // 4: deeper than a cover trace, so for simulation's coverage only).
        `VMMU_COVER_EACH(c_victim_random_way, upd_fill_i && !ctl_inval_i && !same_found && !free_found
                                              && ctl_policy_i == POL_RANDOM && victim_way == WAY_BITS'(w))
`endif
      end
    end
  end

  // plru's victim in each way (a power-of-two WAYS: plru's only geometries).
  if (WAYS_POW2) begin : g_cover_plru
    for (genvar w = 0; w < WAYS; w++) begin : g_way
      always_ff @(posedge clk_i) begin
        if (rst_ni)
          `VMMU_COVER_EACH(c_victim_plru_way, upd_fill_i && !ctl_inval_i && !same_found && !free_found
                                              && ctl_policy_i == POL_PLRU && victim_way == WAY_BITS'(w))
      end
    end
  end

  // An entry of each level filled, and a hit on one (one cover point per level: the
  // superpages of every size).
  for (genvar l = 0; l < LEVELS; l++) begin : g_cover_level
    always_ff @(posedge clk_i) begin
      if (rst_ni) begin
        `VMMU_COVER_EACH(c_fill_level, upd_fill_i && !ctl_inval_i && upd_level_i == LVL_BITS'(l))
        `VMMU_COVER_EACH(c_hit_level, upd_touch_i && lu_level == LVL_BITS'(l))
      end
    end
  end

`ifdef FORMAL
  // ---- whole-TLB invariants (make formal only) ----------------------------------------
  // Every set, every cycle: too costly to simulate at 1024 x 64, and what makes the
  // checks above provable by induction (each is kept by every edge, so a proof
  // needs no history). They rest on one promise of the walker (ptw.sv), checked by
  // proving them on the whole mmu: the lookup VPN (lu_vpn_i) changes only at an edge
  // that compares (cmp_en_i), and at most one fill follows each compare.
  logic fv_fresh_q;   // a compare since the last fill: lu_hits_q is the sets' truth
  logic [ASID_BITS-1:0]  fv_asid_q;    // the ASID of that compare
  logic fv_inval_q;   // the edge before applied an invalidation ...
  logic [INVAL_BITS-1:0] fv_mode_q;    // ... of this mode
  logic [ASID_BITS-1:0]  fv_iasid_q;   // ... of this ASID
  logic [VPN_BITS-1:0]   fv_ivpn_q;    // ... and page
  logic                  fv_icanon_q;  // ... named by a canonical VA
  logic fv_fill_q;    // the edge before filled ...
  logic [ENT_BITS-1:0]   fv_entry_q;   // ... this entry
  logic [VPN_BITS-1:0]   fv_fvpn_q;    // ... with this VPN
  logic [ASID_BITS-1:0]  fv_fasid_q;   // ... ASID, level, G and data
  logic [LVL_BITS-1:0]   fv_flvl_q;
  logic                  fv_fglob_q;
  logic [PPN_BITS-1:0]   fv_ppn_q;
  logic [PERM_BITS-1:0]  fv_perm_q;
  logic fv_drop_q;    // the edge before dropped a fill (an invalidation came with it) ...
  logic [SETS*WAYS-1:0]  fv_pvalid_q;  // ... when the valid bits were these
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
    logic                chk_fill, chk_event;  // as in checks above
    logic [IDX_BITS-1:0] chk_eset;
    logic [WAY_BITS-1:0] chk_eway;
    logic perm_ok, vhits_ok, stale, fill_ok, rank_ok, misplaced, held, covered;
    logic [ROW_ORDER_BITS-1:0] row;
    logic [WAYS-1:0] present;
    logic [WAY_BITS-1:0] old_rank, new_rank, ev_rank;
    logic [IDX_BITS-1:0] s;
    chk_fill  = upd_fill_i && !ctl_inval_i;
    chk_event = (chk_fill && !ctl_policy_i[1]) || (upd_touch_i && ctl_policy_i == POL_LRU);
    chk_eset  = chk_fill ? fill_set : lu_set;
    chk_eway  = chk_fill ? fill_way : lu_way;
    if (!rst_ni) begin
      fv_fresh_q <= 1'b0;
      fv_inval_q <= 1'b0;
      fv_fill_q  <= 1'b0;
      fv_drop_q  <= 1'b0;
      fv_event_q <= 1'b0;
    end else begin
      if (cmp_en_i)        fv_fresh_q <= 1'b1;
      else if (chk_fill)   fv_fresh_q <= 1'b0;
      if (cmp_en_i)        fv_asid_q  <= cmp_asid_i;
      fv_inval_q  <= ctl_inval_i;
      fv_mode_q   <= ctl_inval_mode_i;
      fv_iasid_q  <= ctl_inval_asid_i;
      fv_ivpn_q   <= inval_vpn;
      fv_icanon_q <= inval_canonical;
      fv_fill_q   <= chk_fill;
      fv_entry_q  <= fill_entry;
      fv_fvpn_q   <= lu_vpn_i;
      fv_fasid_q  <= upd_asid_i;
      fv_flvl_q   <= upd_level_i;
      fv_fglob_q  <= upd_global_i;
      fv_ppn_q    <= upd_ppn_i;
      fv_perm_q   <= upd_perm_i;
      fv_drop_q   <= upd_fill_i && ctl_inval_i;
      fv_pvalid_q <= valid_q;
      fv_event_q  <= chk_event;
      fv_eset_q   <= chk_eset;
      fv_eway_q   <= chk_eway;
      fv_erow_q   <= order_q[order_row_at(chk_eset) +: ROW_ORDER_BITS];

      perm_ok = 1'b1;
      misplaced = 1'b0;
      for (int unsigned st = 0; st < SETS; st++) begin
        for (int unsigned w = 0; w < WAYS; w++)
          if (valid_q[st*WAYS + w] && (32'(k_lvl(key_q[st*WAYS + w])) >= LEVELS
              || 32'(set_at(k_vpn(key_q[st*WAYS + w]), k_lvl(key_q[st*WAYS + w]))) != st
              || key_q[st*WAYS + w] != key_of(k_g(key_q[st*WAYS + w]), k_asid(key_q[st*WAYS + w]),
                                              k_lvl(key_q[st*WAYS + w]), k_vpn(key_q[st*WAYS + w]))))
            misplaced = 1'b1;
        row = order_q[st*ROW_ORDER_BITS +: ROW_ORDER_BITS];
        present = '0;
        for (int unsigned r = 0; r < WAYS; r++) begin
          if (32'(row[r*WAY_BITS +: WAY_BITS]) >= WAYS) perm_ok = 1'b0;
          else present[row[r*WAY_BITS +: WAY_BITS]] = 1'b1;
        end
        if (!(&present)) perm_ok = 1'b0;
      end
      // Every valid entry is of a level the walk has, and sits in that level's set
      // for its VPN; its key has the shape key_of gives (no ASID if global, a
      // superpage's low VPN bits 0), which the probes' equality compares rely on.
      `VMMU_ASSERT(f_entry_in_its_set, !misplaced, ("tlb: entry in the wrong set"))
      // Every set's age order is a permutation of its ways.
      `VMMU_ASSERT(f_ranks_permutation, perm_ok, ("tlb: ranks not a permutation"))

      // Until the fill, the compare is what a fresh one would give for every valid way
      // of every level's set, and the first match registered is the first of those.
      vhits_ok = 1'b1;
      for (int unsigned l = 0; l < LEVELS; l++) begin
        s = set_at(lu_vpn_i, LVL_BITS'(l));
        for (int unsigned w = 0; w < WAYS; w++)
          if (valid_q[valid_row_at(s) + w]
              && lu_hits_q[l*WAYS + w] != (k_lvl(key_q[entry_of(s, WAY_BITS'(w))]) == LVL_BITS'(l)
                    && same_page(k_vpn(key_q[entry_of(s, WAY_BITS'(w))]), lu_vpn_i, LVL_BITS'(l))
                    && (k_g(key_q[entry_of(s, WAY_BITS'(w))]) || k_asid(key_q[entry_of(s, WAY_BITS'(w))]) == fv_asid_q)))
            vhits_ok = 1'b0;
      end
      `VMMU_ASSERT(f_vhits_current, LATE_CMP || !fv_fresh_q || vhits_ok, ("tlb: stale compare"))
      `VMMU_ASSERT(f_first_current, LATE_CMP || !fv_fresh_q || lu_hits_q == '0
                   || first_ok(lu_hits_q, lu_level_q, lu_way_q),
        ("tlb: stale first match"))
      `VMMU_ASSERT(f_fill_after_cmp, !upd_fill_i || fv_fresh_q, ("tlb: fill without a compare"))
      // So the lookup says exactly what the TLB holds now: a match when, and only
      // when, some valid entry anywhere matches (global or of the request's ASID, the
      // page at its level), and the entry it names is valid.
      held = 1'b0;
      for (int unsigned i = 0; i < ENTRIES; i++)
        if (valid_q[i] && (k_g(key_q[i]) || k_asid(key_q[i]) == fv_asid_q) && same_page(k_vpn(key_q[i]), lu_vpn_i, k_lvl(key_q[i])))
          held = 1'b1;
      `VMMU_ASSERT(f_lookup_exact, !(lu_en_i && fv_fresh_q) || lu_match_o == held,
        ("tlb: lookup disagrees with the entries"))
      `VMMU_ASSERT(f_match_valid, !(lu_en_i && lu_match_o) || valid_q[lu_entry],
        ("tlb: match names an invalid way"))

      // An invalidation leaves no valid entry it covers (docs/contract.md,
      // "Invalidation"), wherever that entry sits.
      stale = 1'b0;
      for (int unsigned i = 0; i < ENTRIES; i++) begin
        unique case (fv_mode_q)
          INVAL_PAGE:     covered = fv_icanon_q && same_page(k_vpn(key_q[i]), fv_ivpn_q, k_lvl(key_q[i]))
                                    && !k_g(key_q[i]) && k_asid(key_q[i]) == fv_iasid_q;
          INVAL_ASID:     covered = !k_g(key_q[i]) && k_asid(key_q[i]) == fv_iasid_q;
          INVAL_PAGE_ALL: covered = fv_icanon_q && same_page(k_vpn(key_q[i]), fv_ivpn_q, k_lvl(key_q[i]));
          default:        covered = 1'b1;
        endcase
        if (valid_q[i] && covered) stale = 1'b1;
      end
      `VMMU_ASSERT(f_inval_clears, !fv_inval_q || !stale, ("tlb: invalidated entry still valid"))
      // A fill leaves its entry valid with the key and the data it was given.
      fill_ok = valid_q[fv_entry_q] && key_q[fv_entry_q] == key_of(fv_fglob_q, fv_fasid_q, fv_flvl_q, fv_fvpn_q)
             && ppn_q[fv_entry_q] == fv_ppn_q && perm_q[fv_entry_q] == fv_perm_q;
      `VMMU_ASSERT(f_fill_writes, !fv_fill_q || fill_ok, ("tlb: fill lost"))
      // A fill asked for at an invalidation's edge is dropped (docs/contract.md): that
      // edge makes no entry valid.
      `VMMU_ASSERT(f_drop_no_new_valid, !fv_drop_q || (valid_q & ~fv_pvalid_q) == '0,
        ("tlb: a fill made at an invalidation's edge"))

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

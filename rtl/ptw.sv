// SPDX-License-Identifier: MIT
// ptw.sv -- the MMU's control: request register, satp's mode, the canonical check,
// the TLB lookup decision and the hardware page-table walker (docs/contract.md,
// "The walk" and "The RTL's ports").
//
// Virtual address (LEVELS slices of LEVEL_BITS, the walk starts at the top one;
// for Sv39/Sv48 the request carries all 64 bits, the ones above VA_BITS copies of
// bit VA_BITS-1 when canonical):
//
//   | sign copies | vpn[LEVELS-1] | ... | vpn[1] | vpn[0] |    page offset    |
//   VADDR_BITS-1  VA_BITS-1                                PAGE_BITS-1        0
//
// PTE (RISC-V): bit 0 V, 1 R, 2 W, 3 X, 4 U, 5 G, 6 A, 7 D, 8-9 RSW, PPN from bit 10
// (22 bits of a 32-bit PTE, 44 of a 64-bit one, whose bits 63-54 are reserved).
//
// States (one walk at a time; a cycle ends at a rising edge):
//
//   IDLE --accept--> LOOKUP --Bare, non-canonical, or a TLB hit--> IDLE   (answer in LOOKUP)
//                    |  ^  |
//                    |  `--' the same answer, and a request accepted at its edge
//                    | miss, or a store through a clean entry
//                    v
//                   READ_PTE -> WAIT_RVALID --pointer--> READ_PTE   (next level)
//   LOOKUP --L1 miss, L2 hit (HAS_L2)--> FILL: the L2's answer, the L1's refill
//                   READ_PTE --page-walk cache hit--> READ_PTE      (next level, no read)
//                                   |--A/D to set (Svadu)--> WRITE_PTE -> WAIT_WACK -> FILL
//                                   |--leaf ok--------------------------------------> FILL
//                                   `--fault----------------------------------------> FAULT
//   FILL, FAULT: answer, then IDLE.
//
// req_ready_o is 1 in IDLE and in a LOOKUP that answers: a stream of hits (or direct
// answers) is one translation a clock, each answered 1 cycle after its acceptance. A
// LOOKUP that misses, and the walk, accept nothing: one walk at a time, and a walk's
// fill (at the edge ending FILL) never meets a compare, which reads the TLB at the
// accepting edge. Whether LOOKUP answers is a function of registers (the TLB compares
// at the accepting edge and registers its verdict), so ready has no path from the
// request ports.
//
// Latency from the accepting edge to the answer's edge: 1 on a hit (and for Bare or
// a non-canonical address), 2 + (R + W) * (1 + L) + H on a walk (R reads, W = 1 if A/D
// was written, L the memory latency, H the pointers the page-walk cache gave), because
// LOOKUP and FILL/FAULT take one cycle each, every memory operation one request cycle
// plus L waiting cycles, and a hit of the page-walk cache its READ_PTE cycle alone.
//
// The second-level TLB (HAS_L2: mmu.sv's u_l2, a tlb.sv whose PPNs are a block RAM;
// docs/contract.md, "Second-level TLB"): its verdict comes in LOOKUP after the L1's
// (the L1 compares at the accepting edge, the L2 in LOOKUP when l2_lu_en_o asks);
// after an L1 miss, an L2 hit goes to FILL,
// keeping the entry's level, G and permissions, where the L2's PPN arrives from its
// registered read: FILL answers as a hit does (rsp_hit_o = 1; 2 cycles in all) and
// refills the L1 (l2_q). A walk's FILL fills the L1 and the L2.
//
// The page-walk cache (PWC_ENTRIES > 0, rtl/pwc.sv; docs/contract.md, "Page-walk
// cache"): in READ_PTE above level 0, a PTE address inside memory that the cache holds
// goes to the next level at once, with no memory operation; a valid pointer read above
// level 0 is kept, at the edge it arrives, unless an invalidation came since LOOKUP
// (the TLB fill's rule) or comes at that edge.
//
// satp, SUM, MXR, the A/D scheme and the memory bound are sampled with the request, at
// the edge that accepts it (docs/contract.md), and the request uses those values to
// its end whatever the ports do meanwhile. So LOOKUP's answer is a function of
// registers alone: no combinational path from a control port to the response (a
// simulation then evaluates LOOKUP once per edge, not at every change of an input).
//
// Invalidation during an access: the TLB applies it at once; if the access is past
// IDLE its fill is dropped (the answer is still given), so a walk never refills a
// translation invalidated while it ran. One at the edge ending a LOOKUP that answers
// comes after that answer (a hit is still answered, and ranked) and before the lookup
// of a request accepted at the same edge, exactly as one at an accepting IDLE edge. Any invalidation mode counts, not only one
// covering this key: the harness only invalidates between accesses, and this is the
// rule the C model implements too.
//
// One clocked process holds the state machine and every register it updates; only
// the outputs (functions of the registers, and of the TLB's registered verdict) are
// combinational. The RTL is the inner loop of every co-simulation, and Verilator
// re-evaluates a combinational next-state block at every eval because it reads input
// ports; a clocked one runs once per edge, and only the branch of the current state.

`timescale 1ns/1ps

`include "rtl/mmu_widths.svh"
`include "rtl/vmmu_assert.svh"

module ptw #(
  parameter int unsigned VADDR_BITS  = 16,  // a request's whole VA (64 for Sv39/Sv48)
  parameter int unsigned VA_BITS     = 16,  // the preset's translated VA bits
  parameter int unsigned PAGE_BITS   = 8,
  parameter int unsigned LEVELS      = 1,   // 1..4
  parameter int unsigned LEVEL_BITS  = 8,
  parameter int unsigned PTE_BITS    = 32,  // 32 or 64
  parameter int unsigned PA_BITS     = 30,
  parameter int unsigned ASID_BITS   = 16,
  parameter int unsigned SATP_MODE   = 1,   // satp.MODE that turns this preset's translation on
  parameter int unsigned PWC_ENTRIES = 0,   // the page-walk cache: 0 none, else a power of two <= 64
  parameter bit          HAS_L2      = 1'b0, // a second-level TLB (mmu.sv's L2_WAYS > 0)
  // ---- derived: localparams, so no instance can set them out of step ----------
  localparam int unsigned VPN_BITS   = VA_BITS - PAGE_BITS,
  localparam int unsigned PPN_BITS   = PA_BITS - PAGE_BITS,
  localparam int unsigned MODE_BITS  = (PTE_BITS == 64) ? 4 : 1,  // satp.MODE: RV64's 4, RV32's 1
  localparam int unsigned SATP_BITS  = MODE_BITS + ASID_BITS + PPN_BITS,
  localparam int unsigned LVL_BITS   = (LEVELS > 1) ? $clog2(LEVELS) : 1,
  // ---- fixed by the contract (rtl/mmu_widths.svh); not settable ---------------
  localparam int unsigned KIND_BITS  = `VMMU_KIND_BITS,
  localparam int unsigned FAULT_BITS = `VMMU_FAULT_BITS,
  localparam int unsigned PERM_BITS  = `VMMU_PERM_BITS
) (
  input  logic                  clk_i,
  input  logic                  rst_ni,          // synchronous, active low

  // ---- request: from the CPU (harness) ----------------------------------------
  input  logic                  req_valid_i,
  output logic                  req_ready_o,     // IDLE, or LOOKUP answering; accepted at an edge where both are 1
  input  logic [VADDR_BITS-1:0] req_vaddr_i,
  input  logic [KIND_BITS-1:0]  req_kind_i,      // KIND_READ / KIND_WRITE / KIND_EXEC
  input  logic                  req_priv_i,      // PRIV_U / PRIV_S

  // ---- response: to the CPU, one cycle (LOOKUP, FILL or FAULT) ----------------
  output logic                  rsp_valid_o,
  output logic [PA_BITS-1:0]    rsp_paddr_o,     // 0 when rsp_fault_o != FAULT_NONE
  output logic                  rsp_hit_o,
  output logic [FAULT_BITS-1:0] rsp_fault_o,

  // ---- memory: to physical memory (harness), one cycle per operation -------------
  output logic                  mem_req_o,       // READ_PTE or WRITE_PTE
  output logic                  mem_we_o,
  output logic [PA_BITS-1:0]    mem_addr_o,
  output logic [PTE_BITS-1:0]   mem_wdata_o,
  input  logic                  mem_rvalid_i,    // read data or write acknowledge
  input  logic [PTE_BITS-1:0]   mem_rdata_i,
  input  logic                  mem_err_i,       // with a read's mem_rvalid_i: no memory there

  // ---- control: from the OS, sampled with a request (at its accepting edge) ----------
  input  logic [SATP_BITS-1:0]  ctl_satp_i,      // {MODE, ASID, PPN}
  input  logic                  ctl_sum_i,       // mstatus.SUM
  input  logic                  ctl_mxr_i,       // mstatus.MXR
  input  logic                  ctl_ad_fault_i,  // 1 Svade, 0 Svadu
  input  logic [63:0]           ctl_pmem_i,      // physical memory's size in bytes; 0 unbounded
  input  logic                  ctl_inval_i,     // the TLB applies it; here it drops a fill
  input  logic [`VMMU_INVAL_BITS-1:0] ctl_inval_mode_i,  // for the page-walk cache

  // ---- TLB: the accepted request's VPN, the lookup, its answer, and updates -----------
  output logic                  tlb_cmp_en_o,    // a request is accepted at this edge
  output logic [VPN_BITS-1:0]   tlb_cmp_vpn_o,   // its VPN, from the request port
  output logic [ASID_BITS-1:0]  tlb_cmp_asid_o,  // its ASID, satp's from the control port
  output logic                  tlb_lu_en_o,     // LOOKUP: the TLB's verdict is wanted
  output logic [VPN_BITS-1:0]   tlb_vpn_o,       // the registered VPN, held for the access
  output logic                  tlb_exec_o,      // the access is a fetch (mmu.sv: the ITLB's, if any)
  input  logic                  tlb_match_i,
  input  logic [LVL_BITS-1:0]   tlb_level_i,
  input  logic [PPN_BITS-1:0]   tlb_ppn_i,
  input  logic [PERM_BITS-1:0]  tlb_perm_i,      // {D,U,X,W,R}
  output logic                  tlb_touch_o,     // a hit (allowed or not) in LOOKUP
  output logic                  tlb_fill_sel_o,  // FILL: the TLB picks the way
  output logic                  tlb_fill_o,      // at the edge ending FILL
  output logic [ASID_BITS-1:0]  tlb_fill_asid_o,
  output logic [LVL_BITS-1:0]   tlb_fill_level_o,
  output logic                  tlb_fill_global_o,
  output logic [PPN_BITS-1:0]   tlb_fill_ppn_o,
  output logic [PERM_BITS-1:0]  tlb_fill_perm_o,

  // ---- the second-level TLB (HAS_L2; docs/contract.md, "Second-level TLB") ----------
  // Its verdict in LOOKUP, from its compare at the accepting edge (as the L1's); its
  // PPN the cycle after, from its data array's registered read.
  input  logic                  l2_match_i,
  input  logic [LVL_BITS-1:0]   l2_level_i,
  input  logic                  l2_global_i,
  input  logic [PERM_BITS-1:0]  l2_perm_i,
  input  logic [PPN_BITS-1:0]   l2_ppn_i,
  output logic                  l2_lu_en_o,      // LOOKUP and the L1 missed: the L2's verdict is wanted
  output logic                  l2_touch_o,      // LOOKUP: the L1 missed, the L2 answers
  output logic                  l2_fill_sel_o,   // a walk's FILL: the L2 picks the way
  output logic                  l2_fill_o        // at the edge ending a walk's FILL
);

  `include "rtl/mmu_defs.svh"

  localparam int unsigned PTE_SHIFT = (PTE_BITS == 64) ? 3 : 2;  // log2(PTE bytes)
  localparam logic [LVL_BITS-1:0] TOP_LEVEL = LVL_BITS'(LEVELS - 1);

  // The PTE bits reserved in every PTE (spec step 3): 63-54 of a 64-bit one (N: no
  // Svnapot; PBMT: no Svpbmt; 60-54), none of a 32-bit one.
  /* verilator coverage_off */  // elaboration only: it computes a localparam
  function automatic logic [PTE_BITS-1:0] reserved_mask();
    logic [PTE_BITS-1:0] m;
    m = '0;
    for (int unsigned b = PTE_RSV_LSB; b < PTE_BITS; b++) m[b] = 1'b1;
    reserved_mask = m;
  endfunction
  /* verilator coverage_on */
  localparam logic [PTE_BITS-1:0] PTE_RESERVED = reserved_mask();

  // ---- registers ----------------------------------------------------------------
  walk_state_e           state_q;
  logic [VA_BITS-1:0]    vaddr_q;   // the VA's translated bits (step 0 judged the rest)
  logic [KIND_BITS-1:0]  kind_q;
  logic                  priv_q;
  // What LOOKUP needs of the request alone, decided as it is accepted: a direct answer
  // (step 0: Bare, non-canonical, or kind 3), its fault and address.
  logic                  direct_q;
  logic [FAULT_BITS-1:0] direct_fault_q;
  logic [PA_BITS-1:0]    direct_paddr_q;
  // The controls sampled with the request.
  logic [ASID_BITS-1:0]  satp_asid;    // satp's ASID and PPN (its MODE: direct_q below)
  logic [PPN_BITS-1:0]   satp_ppn;
  logic                  sum_q, mxr_q, ad_fault_q;
  logic [63:0]           pmem_q;
  // The walk.
  logic [LVL_BITS-1:0]   level_q;   // i of the walk
  logic [PA_BITS-1:0]    table_q;   // a of the walk: base of the current table
  logic [PTE_BITS-1:0]   pte_q;     // last PTE read, with A/D once set
  logic                  global_q;  // G on a PTE of this walk so far
  logic [PA_BITS-1:0]    pa_q;      // step 10's address, once the leaf passed
  logic [FAULT_BITS-1:0] fault_q;
  logic                  drop_q;    // an invalidation came: do not fill
  logic                  l2_q;      // this FILL answers an L2 hit (and refills the L1)
  logic                  l2_pf_q;   // ... whose entry refuses the access: a page fault

  // ---- address slices -----------------------------------------------------------
  logic [VPN_BITS-1:0]   vpn;
  logic [PAGE_BITS-1:0]  offset;
  logic [LEVEL_BITS-1:0] vpn_slice [LEVELS];  // vpn[i] of the walk

  assign vpn    = vaddr_q[VA_BITS-1:PAGE_BITS];
  assign offset = vaddr_q[PAGE_BITS-1:0];

  for (genvar i = 0; i < LEVELS; i++) begin : g_slice
    assign vpn_slice[i] = vpn[i*LEVEL_BITS +: LEVEL_BITS];
  end

  // docs/contract.md, "Presets": an Sv39 (Sv48) address is canonical when its bits
  // 63-39 (63-48) all equal bit 38 (47); narrower requests always are.
  function automatic logic is_canonical(input logic [VADDR_BITS-1:0] va);
    logic [VADDR_BITS-1:0] top;  // the VA's top bit and every bit above it
    top = va >> (VA_BITS - 1);
    is_canonical = (VADDR_BITS == VA_BITS) || top == '0 || top == ({VADDR_BITS{1'b1}} >> (VA_BITS - 1));
  endfunction

  // Step 2's address: a + vpn[i] * PTE_bytes. An add, not an OR: an osc table
  // (256 entries x 4 bytes) spans four 256-byte pages.
  logic [PA_BITS-1:0] pte_addr;
  assign pte_addr = table_q + (PA_BITS'(vpn_slice[level_q]) << PTE_SHIFT);

  // ---- the page-walk cache (rtl/pwc.sv) ------------------------------------------------
  // pwc_hit: READ_PTE takes the pointer from the cache; pwc_fill: the pointer arriving
  // now is kept. Without one both are 0, and nothing here exists.
  logic                pwc_hit;
  logic                pwc_fill;
  logic [PPN_BITS-1:0] pwc_ppn;
  logic                pwc_global;
  if (PWC_ENTRIES > 0) begin : g_pwc
    logic lu_hit;
    pwc #(
      .ENTRIES  (PWC_ENTRIES),
      .KEY_BITS (PA_BITS - PTE_SHIFT),
      .PPN_BITS (PPN_BITS)
    ) u_pwc (
      .clk_i,
      .rst_ni,
      .lu_key_i      (pte_addr[PA_BITS-1:PTE_SHIFT]),
      .lu_hit_o      (lu_hit),
      .lu_ppn_o      (pwc_ppn),
      .lu_global_o   (pwc_global),
      .touch_i       (pwc_hit),
      .fill_i        (pwc_fill),
      .fill_ppn_i    (mem_rdata_i[PTE_PPN_LSB +: PPN_BITS]),
      .fill_global_i (mem_rdata_i[PTE_G]),
      .ctl_inval_i,
      .ctl_inval_mode_i
    );
    // Above level 0 only (a pointer there is a page fault, whatever the cache holds),
    // and inside memory only (the bound may have come down since the fill). A fill of a
    // key held (read outside memory, which a memory keeping the contract answers with
    // mem_err_i) is not made: one entry a key, whatever the memory does.
    assign pwc_hit  = (state_q == ST_READ_PTE) && level_q != '0 && lu_hit && !outside(pte_addr, pmem_q);
    assign pwc_fill = (state_q == ST_WAIT_RVALID) && mem_rvalid_i && !mem_err_i && level_q != '0
                      && mem_rdata_i[PTE_V] && !mem_rdata_i[PTE_R] && !mem_rdata_i[PTE_W]
                      && !mem_rdata_i[PTE_X] && !mem_rdata_i[PTE_U] && !mem_rdata_i[PTE_A]
                      && !mem_rdata_i[PTE_D] && !(|(mem_rdata_i & PTE_RESERVED))
                      && !drop_q && !ctl_inval_i && !lu_hit;
  end else begin : g_no_pwc
    assign pwc_hit    = 1'b0;
    assign pwc_fill   = 1'b0;
    assign pwc_ppn    = '0;
    assign pwc_global = 1'b0;
    logic unused_pwc;
    assign unused_pwc = ^ctl_inval_mode_i ^ pwc_fill ^ ^pwc_ppn ^ pwc_global;
  end

  // The low l*LEVEL_BITS bits of a PPN: what a superpage of level l takes from the
  // VPN (step 10), and what must be 0 in its leaf (step 5).
  function automatic logic [PPN_BITS-1:0] low_mask(input logic [LVL_BITS-1:0] lvl);
    low_mask = ~({PPN_BITS{1'b1}} << (32'(lvl) * LEVEL_BITS));
  endfunction

  // The physical address of a (super)page: (PPN | vpn[l*B-1:0]) << page_bits | offset.
  function automatic logic [PA_BITS-1:0] page_pa(input logic [PPN_BITS-1:0] ppn,
                                                 input logic [LVL_BITS-1:0] lvl);
    page_pa = {ppn | (PPN_BITS'(vpn) & low_mask(lvl)), offset};
  endfunction

  // 1 if physical address pa lies outside physical memory [0, pmem); pmem 0: unbounded.
  // Not inlined in a simulation (no_inline_task; see allowed() below).
  function automatic logic outside(input logic [PA_BITS-1:0] pa, input logic [63:0] pmem);
    /* verilator no_inline_task */
    outside = (pmem != '0) && (64'(pa) >= pmem);
  endfunction

  // ---- PTE fields (of the PTE just read) ---------------------------------------
  logic                rd_v, rd_r, rd_w, rd_x, rd_u, rd_g, rd_a, rd_d, rd_rsv;
  logic [PPN_BITS-1:0] rd_ppn;
  assign rd_v   = mem_rdata_i[PTE_V];
  assign rd_r   = mem_rdata_i[PTE_R];
  assign rd_w   = mem_rdata_i[PTE_W];
  assign rd_x   = mem_rdata_i[PTE_X];
  assign rd_u   = mem_rdata_i[PTE_U];
  assign rd_g   = mem_rdata_i[PTE_G];
  assign rd_a   = mem_rdata_i[PTE_A];
  assign rd_d   = mem_rdata_i[PTE_D];
  assign rd_rsv = |(mem_rdata_i & PTE_RESERVED);
  assign rd_ppn = mem_rdata_i[PTE_PPN_LSB +: PPN_BITS];

  // Steps 6 and 8, shared by the TLB hit path and the walk. Step 6: U-mode needs
  // U = 1; S-mode may load and store to a U = 1 page only with SUM = 1, and never
  // fetches from one. Step 8: a load needs R, or X when MXR = 1; a store W; a fetch X.
  function automatic logic allowed(input logic [KIND_BITS-1:0] kind, input logic priv,
                                   input logic sum, input logic mxr, input logic r,
                                   input logic w, input logic x, input logic u);
    // A C++ function of its own in the Verilated model (it reads only its arguments):
    // inlined into LOOKUP's combinational block, every argument and local became a
    // member of the model, stored and loaded again each cycle (about 50 instructions
    // a cycle of vmsim's 1300); called, they stay in registers.
    /* verilator no_inline_task */
    logic priv_ok;
    priv_ok = (priv == PRIV_U) ? u : (!u || (sum && kind != KIND_EXEC));
    case (kind)
      KIND_READ:  allowed = priv_ok && (r || (mxr && x));
      KIND_WRITE: allowed = priv_ok && w;
      KIND_EXEC:  allowed = priv_ok && x;
      // Kind 3 is refused at acceptance (a_kind_known) and answered in LOOKUP:
      // unreachable.
      /* verilator coverage_off */
      default:    allowed = 1'b0;
      /* verilator coverage_on */
    endcase
  endfunction

  // ---- LOOKUP (docs/contract.md, "The walk" step 0, and "The TLB") ---------------

  // Step 0, for a request accepted with the controls given: {direct, fault, paddr}.
  // Kind 3 (refused by an assertion): an access fault; Bare (satp.MODE not this
  // preset's: another MODE is not legal, taken as Bare): pa = va, an access fault
  // beyond the PA bits or the bound; non-canonical: a page fault, before any lookup.
  function automatic logic [1 + FAULT_BITS + PA_BITS - 1:0] step0(
      input logic [VADDR_BITS-1:0] va, input logic [KIND_BITS-1:0] kind,
      input logic [MODE_BITS-1:0] mode, input logic [63:0] pmem);
    logic                  bare;
    logic [FAULT_BITS-1:0] fault;
    logic [PA_BITS-1:0]    paddr;
    bare  = mode != MODE_BITS'(SATP_MODE);
    fault = FAULT_NONE;
    paddr = '0;
    // Kind 3 is refused at acceptance (a_kind_known): its arm is outside coverage.
    /* verilator coverage_off */
    if (kind == 2'd3)                                                        fault = FAULT_ACCESS;
    /* verilator coverage_on */
    else if (!bare && !is_canonical(va))                                     fault = FAULT_PAGE;
    else if (bare && ((64'(va) >> PA_BITS) != '0 || outside(PA_BITS'(va), pmem))) fault = FAULT_ACCESS;
    else if (bare)                                                           paddr = PA_BITS'(va);
    step0 = {kind == 2'd3 || bare || !is_canonical(va), fault, paddr};
  endfunction

  // LOOKUP's verdict: direct (Bare, non-canonical, or kind 3: answered without the
  // TLB, step 0); hit (answered from the TLB: allowed, a page fault by steps 6 and 8,
  // an access fault beyond the bound); neither: a miss, or a store through a clean
  // entry (step 9 must set D, or fault): walk. With the answer's fault and address.
  // Registers only, and computed in LOOKUP only.
  logic                  lookup_direct;
  logic                  lookup_hit;
  logic                  lookup_miss;
  logic [FAULT_BITS-1:0] lookup_fault;
  logic [PA_BITS-1:0]    lookup_paddr;
  logic                  lookup_l2;    // a miss the L2 answers: allowed or not (not a clean store)
  logic                  lookup_l2_ok; // ... and its entry allows the access

  always_comb begin : lookup
    logic               ok;
    logic [PA_BITS-1:0] pa;
    ok            = 1'b0;
    pa            = '0;
    lookup_direct = 1'b0;
    lookup_hit    = 1'b0;
    lookup_miss   = 1'b0;
    lookup_fault  = FAULT_NONE;
    lookup_paddr  = '0;
    if (state_q == ST_LOOKUP) begin
      lookup_direct = direct_q;
      lookup_fault  = direct_fault_q;
      lookup_paddr  = direct_paddr_q;
      if (!direct_q) begin
        ok          = allowed(kind_q, priv_q, sum_q, mxr_q, tlb_perm_i[PERM_R], tlb_perm_i[PERM_W],
                              tlb_perm_i[PERM_X], tlb_perm_i[PERM_U]);
        lookup_hit  = tlb_match_i && (!ok || !(kind_q == KIND_WRITE && !tlb_perm_i[PERM_D]));
        lookup_miss = !lookup_hit;
        if (lookup_hit) begin
          // The entry refuses it (steps 6, 8): a page fault; beyond the bound: an
          // access fault.
          pa = page_pa(tlb_ppn_i, tlb_level_i);
          if (!ok)                      lookup_fault = FAULT_PAGE;
          else if (outside(pa, pmem_q)) lookup_fault = FAULT_ACCESS;
          else                          lookup_paddr = pa;
        end
      end
    end
  end

  // The L2's verdict, after an L1 miss (or a clean store): the L1's rule on its entry.
  // The L2 computes it only then (l2_lu_en_o): a block of its own, so that the L1's
  // verdict, the L2's enable and the L2's verdict are no loop.
  assign l2_lu_en_o = HAS_L2 && lookup_miss;
  always_comb begin : lookup2
    lookup_l2    = 1'b0;
    lookup_l2_ok = 1'b0;
    if (HAS_L2 && lookup_miss) begin
      lookup_l2_ok = allowed(kind_q, priv_q, sum_q, mxr_q, l2_perm_i[PERM_R], l2_perm_i[PERM_W],
                             l2_perm_i[PERM_X], l2_perm_i[PERM_U]);
      lookup_l2    = l2_match_i && (!lookup_l2_ok || !(kind_q == KIND_WRITE && !l2_perm_i[PERM_D]));
    end
  end



  // ---- the walk (RISC-V privileged spec, "Virtual Address Translation Process") ----
  // The steps as docs/contract.md numbers them; each check below names its step.
  // Datapath registers need no reset: each is written before it is read. What a leaf
  // is checked against is computed in the clocked block, in the cycle a PTE arrives
  // only: it reads the memory port, which changes at every eval of a simulation.
  always_ff @(posedge clk_i) begin : walk_fsm
    logic               walk_misaligned;  // step 5
    logic               walk_allowed;     // steps 6 and 8
    logic               walk_ad;          // step 9: A or (for a store) D to set
    logic [PA_BITS-1:0] walk_pa;          // step 10
    if (!rst_ni) begin
      state_q <= ST_IDLE;
      fault_q <= FAULT_NONE;
      drop_q  <= 1'b0;
      l2_q    <= 1'b0;
    end else begin
      // Any invalidation while an access is under way cancels its fill (one in IDLE
      // too, but the edge that accepts the next request clears drop_q: the TLB has
      // applied that one before the request's lookup).
      if (ctl_inval_i) drop_q <= 1'b1;

      unique case (state_q)
        ST_IDLE: ;  // a request accepted here: below

        ST_LOOKUP: begin
          if (lookup_direct || lookup_hit) begin
            state_q <= ST_IDLE;  // answered this cycle (a request accepted here: below)
          end
          if (lookup_miss && lookup_l2) begin
            // The L2 answers: its PPN arrives in FILL, which answers and refills the
            // L1 with the entry (the fill's level, G and permissions, kept here).
            state_q  <= ST_FILL;
            l2_q     <= 1'b1;
            l2_pf_q  <= !lookup_l2_ok;
            level_q  <= l2_level_i;
            global_q <= l2_global_i;
            pte_q    <= '0;
            pte_q[PTE_R] <= l2_perm_i[PERM_R];
            pte_q[PTE_W] <= l2_perm_i[PERM_W];
            pte_q[PTE_X] <= l2_perm_i[PERM_X];
            pte_q[PTE_U] <= l2_perm_i[PERM_U];
            pte_q[PTE_D] <= l2_perm_i[PERM_D];
          end else if (lookup_miss) begin
            // Step 1: a = satp.PPN * page size, i = LEVELS-1. A store through a clean
            // entry walks too: step 9 must set D in memory (or, Svade, fault).
            state_q    <= ST_READ_PTE;
            l2_q       <= 1'b0;
            level_q    <= TOP_LEVEL;
            table_q    <= {satp_ppn, {PAGE_BITS{1'b0}}};
            global_q   <= 1'b0;
          end
        end

        ST_READ_PTE: begin
          if (pwc_hit) begin                      // steps 2-4 from the page-walk cache
            level_q  <= level_q - 1'b1;
            table_q  <= {pwc_ppn, {PAGE_BITS{1'b0}}};
            global_q <= global_q || pwc_global;
          end else begin
            state_q <= ST_WAIT_RVALID;            // step 2: the read goes out this cycle
          end
        end

        ST_WAIT_RVALID: begin
          if (mem_rvalid_i) begin
            walk_misaligned = (level_q != '0) && ((rd_ppn & low_mask(level_q)) != '0);
            walk_allowed    = allowed(kind_q, priv_q, sum_q, mxr_q, rd_r, rd_w, rd_x, rd_u);
            walk_ad         = !rd_a || (kind_q == KIND_WRITE && !rd_d);
            walk_pa         = page_pa(rd_ppn, level_q);
            pte_q    <= mem_rdata_i;
            // G on the leaf or on any pointer above it makes the mapping global.
            global_q <= global_q || rd_g;
            if (mem_err_i) begin                                   // step 2: no memory
              state_q <= ST_FAULT;
              fault_q <= FAULT_ACCESS;
            end else if (!rd_v || (!rd_r && rd_w) || rd_rsv
                         || (!rd_r && !rd_x && (rd_d || rd_a || rd_u))) begin  // step 3
              state_q <= ST_FAULT;
              fault_q <= FAULT_PAGE;
            end else if (!rd_r && !rd_x) begin                     // step 4: a pointer
              if (level_q == '0) begin
                state_q <= ST_FAULT;
                fault_q <= FAULT_PAGE;
              end else begin
                state_q <= ST_READ_PTE;
                level_q <= level_q - 1'b1;
                table_q <= {rd_ppn, {PAGE_BITS{1'b0}}};
              end
            end else if (walk_misaligned) begin                    // step 5
              state_q <= ST_FAULT;
              fault_q <= FAULT_PAGE;
            end else if (!walk_allowed) begin                      // steps 6 and 8
              state_q <= ST_FAULT;
              fault_q <= FAULT_PAGE;
            end else if (walk_ad && ad_fault_q) begin              // step 9, Svade
              state_q <= ST_FAULT;
              fault_q <= FAULT_PAGE;
            end else if (outside(walk_pa, pmem_q)) begin           // step 10's bound
              state_q <= ST_FAULT;
              fault_q <= FAULT_ACCESS;
            end else begin
              pa_q <= walk_pa;                                     // step 10
              if (walk_ad) begin                                   // step 9, Svadu
                state_q      <= ST_WRITE_PTE;
                pte_q[PTE_A] <= 1'b1;
                if (kind_q == KIND_WRITE) pte_q[PTE_D] <= 1'b1;
              end else begin
                state_q <= ST_FILL;
              end
            end
          end
        end

        ST_WRITE_PTE: state_q <= ST_WAIT_WACK;  // step 9: the write goes out this cycle

        ST_WAIT_WACK: if (mem_rvalid_i) state_q <= ST_FILL;

        ST_FILL:  state_q <= ST_IDLE;

        ST_FAULT: state_q <= ST_IDLE;

        // All 8 codes of walk_state_e are named: a synthesis safety net only.
        /* verilator coverage_off */
        default:  state_q <= ST_IDLE;
        /* verilator coverage_on */
      endcase

      // A request accepted at this edge: in IDLE, or in a LOOKUP that answers (a hit,
      // Bare, non-canonical: the next request's LOOKUP follows at once, so a stream of
      // hits is one translation a clock). Last, so it overrides LOOKUP's return to IDLE.
      // Step 0 is judged here, with the controls as this edge samples them; drop_q is
      // cleared after the line above set it: an invalidation at the accepting edge
      // comes before the request's lookup, and its fill is kept.
      if (req_valid_i && req_ready_o) begin
        state_q     <= ST_LOOKUP;
        vaddr_q     <= req_vaddr_i[VA_BITS-1:0];
        kind_q      <= req_kind_i;
        priv_q      <= req_priv_i;
        {direct_q, direct_fault_q, direct_paddr_q}
                    <= step0(req_vaddr_i, req_kind_i, ctl_satp_i[SATP_BITS-1 -: MODE_BITS], ctl_pmem_i);
        satp_asid   <= ctl_satp_i[PPN_BITS +: ASID_BITS];
        satp_ppn    <= ctl_satp_i[PPN_BITS-1:0];
        sum_q       <= ctl_sum_i;
        mxr_q       <= ctl_mxr_i;
        ad_fault_q  <= ctl_ad_fault_i;
        pmem_q      <= ctl_pmem_i;
        drop_q      <= 1'b0;
      end
    end
  end

  // ---- outputs --------------------------------------------------------------------
  // The TLB compares the VPN of a request at the edge that accepts it.
  assign tlb_cmp_en_o   = req_valid_i && req_ready_o;
  assign tlb_cmp_vpn_o  = req_vaddr_i[VA_BITS-1:PAGE_BITS];
  assign tlb_cmp_asid_o = ctl_satp_i[PPN_BITS +: ASID_BITS];

  // The fill asked for; an invalidation in the FILL cycle itself, applied at the same
  // edge, drops it too: the TLB does not make it (tlb.sv), so that no output here
  // reads a port combinationally.
  assign tlb_fill_o = (state_q == ST_FILL) && !drop_q;
  // The L2 is filled by a walk only (an L2 hit refills the L1 alone), by the same rule.
  assign l2_fill_o     = HAS_L2 && (state_q == ST_FILL) && !l2_q && !drop_q;
  assign l2_fill_sel_o = HAS_L2 && (state_q == ST_FILL) && !l2_q;

  // What the TLB is asked, from registers only, in a block of its own: a block that
  // both drove the TLB's lookup and read its verdict would be a combinational loop
  // when Verilator does not split blocks (make coverage's -fno-split), and Verilator
  // 5.006 breaks such a loop at an arbitrary signal instead of settling it: the
  // coverage builds then answered a superpage hit with the level of the evaluation
  // before (a physical address without the VPN's low bits).
  always_comb begin : to_tlb
    tlb_lu_en_o       = (state_q == ST_LOOKUP);
    tlb_vpn_o         = vpn;
    tlb_exec_o        = (kind_q == KIND_EXEC);
    tlb_fill_sel_o    = (state_q == ST_FILL);
    tlb_fill_asid_o   = satp_asid;
    tlb_fill_level_o  = level_q;
    tlb_fill_global_o = global_q;
    tlb_fill_ppn_o    = (HAS_L2 && l2_q) ? l2_ppn_i : pte_q[PTE_PPN_LSB +: PPN_BITS];
    tlb_fill_perm_o   = '0;
    tlb_fill_perm_o[PERM_R] = pte_q[PTE_R];
    tlb_fill_perm_o[PERM_W] = pte_q[PTE_W];
    tlb_fill_perm_o[PERM_X] = pte_q[PTE_X];
    tlb_fill_perm_o[PERM_U] = pte_q[PTE_U];
    tlb_fill_perm_o[PERM_D] = pte_q[PTE_D];
  end

  always_comb begin : outputs
    // IDLE, or a LOOKUP that answers: a function of registers (the TLB's registered
    // compare), never of the request ports.
    req_ready_o       = (state_q == ST_IDLE) || lookup_hit || lookup_direct;
    rsp_valid_o       = 1'b0;
    rsp_paddr_o       = '0;
    rsp_hit_o         = 1'b0;
    rsp_fault_o       = FAULT_NONE;
    mem_req_o         = 1'b0;
    mem_we_o          = 1'b0;
    mem_addr_o        = pte_addr;
    mem_wdata_o       = pte_q;
    tlb_touch_o       = 1'b0;
    l2_touch_o        = 1'b0;

    unique case (state_q)
      ST_LOOKUP: begin
        tlb_touch_o = lookup_hit;
        l2_touch_o  = lookup_l2;
        rsp_valid_o = lookup_hit || lookup_direct;
        rsp_hit_o   = lookup_hit;
        rsp_fault_o = lookup_fault;
        rsp_paddr_o = lookup_paddr;
      end
      ST_READ_PTE:  mem_req_o = !pwc_hit;
      ST_WRITE_PTE: begin
        mem_req_o = 1'b1;
        mem_we_o  = 1'b1;
      end
      ST_FILL: begin
        rsp_valid_o = 1'b1;
        if (HAS_L2 && l2_q) begin  // an L2 hit: the entry's answer, by the L1 hit's rule
          rsp_hit_o   = 1'b1;
          if (l2_pf_q)                                      rsp_fault_o = FAULT_PAGE;
          else if (outside(page_pa(l2_ppn_i, level_q), pmem_q)) rsp_fault_o = FAULT_ACCESS;
          else                                              rsp_paddr_o = page_pa(l2_ppn_i, level_q);
        end else begin
          rsp_paddr_o = pa_q;
        end
      end
      ST_FAULT: begin
        rsp_valid_o = 1'b1;
        rsp_fault_o = fault_q;
      end
      default: ;
    endcase
  end

`ifndef SYNTHESIS
  // ---- checks (simulation and formal) ---------------------------------------------------
  // Immediate assertions at the clock edge (rtl/vmmu_assert.svh): they see the values
  // the edge samples, as concurrent ones would, without Verilator copying every
  // checked signal at every eval for them. A property of the state the edge moves to
  // is checked one edge later, from a note of the cycle before. The same lines are
  // proven by `make formal` (docs/formal.md), and the cover points are counted by
  // `make coverage`.
  logic open_q;      // 1 from an accepted request until its answer
  logic rsp_q;       // the cycle before answered
  logic lookup_q;    // the cycle before was a LOOKUP that answered
  logic accept_q;    // the edge before accepted a request
  logic hit_q;       // the cycle before answered a hit
  walk_state_e prev_q;  // the state of the cycle before (transition cover points)
  // For the cover points only (variables of the clocked block below, so a simulation
  // computes them at an edge, not at every eval of the memory port they read; and only
  // in the builds that count cover points, VMMU_COVERS):
  //   pte_in       a PTE arrives this cycle (WAIT_RVALID and mem_rvalid_i, no error)
  //   pte_pointer  ... and it is a valid pointer (V = 1, R = W = X = 0)
  //   pte_leaf     ... or a valid leaf (R or X, and not R = 0 with W = 1)
  //   leaf_ok3     ... a leaf that passes steps 3 and 5
  //   walk_*       the walk's steps 5, 6 and 8, 9 and 10 on it, as walk_fsm has them
  always_ff @(posedge clk_i) begin : checks
    logic walking;   // a state that only a TLB miss may lead to
`ifdef VMMU_COVERS
    logic pte_in, pte_pointer, pte_leaf, leaf_ok3;
    logic walk_misaligned, walk_allowed, walk_ad;
    logic [PA_BITS-1:0] walk_pa;
`endif
    if (!rst_ni) begin
      open_q   <= 1'b0;
      rsp_q    <= 1'b0;
      lookup_q <= 1'b0;
      accept_q <= 1'b0;
      hit_q    <= 1'b0;
      prev_q   <= ST_IDLE;
    end else begin
      if (req_valid_i && req_ready_o) open_q <= 1'b1;
      else if (rsp_valid_o)           open_q <= 1'b0;
      rsp_q    <= rsp_valid_o;
      lookup_q <= lookup_hit || lookup_direct;
      accept_q <= req_valid_i && req_ready_o;
`ifdef VMMU_COVERS
      hit_q    <= lookup_hit;
`endif
      prev_q   <= state_q;
      walking  = (state_q == ST_READ_PTE) || (state_q == ST_WAIT_RVALID)
              || (state_q == ST_WRITE_PTE) || (state_q == ST_WAIT_WACK)
              || (state_q == ST_FILL) || (state_q == ST_FAULT);

      // ---- the environment's side of the port contract --------------------------------
      `VMMU_ASSUME(a_kind_known, !(req_valid_i && req_ready_o) || req_kind_i != 2'd3,
        ("ptw: request with access kind 3 (not R/W/X)"))
      // The harness answers only operations the walker issued.
      `VMMU_ASSUME(a_rvalid_expected,
        !mem_rvalid_i || state_q == ST_WAIT_RVALID || state_q == ST_WAIT_WACK,
        ("ptw: mem_rvalid_i with no memory operation outstanding"))

      // ---- the walker's side ----------------------------------------------------------
      // Every accepted request gets exactly one response: none without an open
      // request, no acceptance while one is open unless it is answered in that very
      // cycle (a LOOKUP that answers, and only such a one: never a walk's FILL or
      // FAULT) ...
      `VMMU_ASSERT(a_rsp_has_req, !rsp_valid_o || open_q,
        ("ptw: response without an accepted request"))
      `VMMU_ASSERT(a_no_overlap, !(req_valid_i && req_ready_o) || !open_q
                                 || (rsp_valid_o && state_q == ST_LOOKUP),
        ("ptw: request accepted while another is open"))
      // ... and a response closes its request: back in IDLE, or in the LOOKUP of the
      // request accepted at the answering edge (a_ready_when, a_accept_to_lookup below).
      `VMMU_ASSERT(a_rsp_closes, !rsp_q || state_q == (accept_q ? ST_LOOKUP : ST_IDLE),
        ("ptw: response without returning to IDLE"))
      // The walker is idle when no miss is pending: with no open request it is in
      // IDLE, and it only walks after a LOOKUP that missed (or from its own states).
      `VMMU_ASSERT(a_idle_when_none, open_q || state_q == ST_IDLE,
        ("ptw: not idle with no open request"))
      `VMMU_ASSERT(a_walk_after_miss, !lookup_q || state_q == ST_IDLE || state_q == ST_LOOKUP,
        ("ptw: walk started after LOOKUP answered"))
      `VMMU_ASSERT(a_walk_from_lookup, !walking || open_q,
        ("ptw: walking without an open request"))

      // ---- cover points (docs/formal.md, make coverage) ------------------------------
      // Every state ...
      `VMMU_COVER(c_state_idle,      state_q == ST_IDLE)
      `VMMU_COVER(c_state_lookup,    state_q == ST_LOOKUP)
      `VMMU_COVER(c_state_read_pte,  state_q == ST_READ_PTE)
      `VMMU_COVER(c_state_wait_rvalid, state_q == ST_WAIT_RVALID)
      `VMMU_COVER(c_state_write_pte, state_q == ST_WRITE_PTE)
      `VMMU_COVER(c_state_wait_wack, state_q == ST_WAIT_WACK)
      `VMMU_COVER(c_state_fill,      state_q == ST_FILL)
      `VMMU_COVER(c_state_fault,     state_q == ST_FAULT)
      // ... every transition (seen the cycle after it) ...
      `VMMU_COVER(c_idle_to_idle,         prev_q == ST_IDLE        && state_q == ST_IDLE)
      `VMMU_COVER(c_idle_to_lookup,       prev_q == ST_IDLE        && state_q == ST_LOOKUP)
      `VMMU_COVER(c_lookup_to_idle,       prev_q == ST_LOOKUP      && state_q == ST_IDLE)
      `VMMU_COVER(c_lookup_to_lookup,     prev_q == ST_LOOKUP      && state_q == ST_LOOKUP)
      `VMMU_COVER(c_lookup_to_read_pte,   prev_q == ST_LOOKUP      && state_q == ST_READ_PTE)
      `VMMU_COVER(c_read_pte_to_wait_rvalid, prev_q == ST_READ_PTE && state_q == ST_WAIT_RVALID)
      `VMMU_COVER(c_wait_rvalid_to_wait_rvalid,
                  prev_q == ST_WAIT_RVALID && state_q == ST_WAIT_RVALID)
      `VMMU_COVER(c_wait_rvalid_to_read_pte,  prev_q == ST_WAIT_RVALID && state_q == ST_READ_PTE)
      `VMMU_COVER(c_wait_rvalid_to_write_pte, prev_q == ST_WAIT_RVALID && state_q == ST_WRITE_PTE)
      `VMMU_COVER(c_wait_rvalid_to_fill,  prev_q == ST_WAIT_RVALID && state_q == ST_FILL)
      `VMMU_COVER(c_wait_rvalid_to_fault, prev_q == ST_WAIT_RVALID && state_q == ST_FAULT)
      `VMMU_COVER(c_write_pte_to_wait_wack, prev_q == ST_WRITE_PTE && state_q == ST_WAIT_WACK)
      `VMMU_COVER(c_wait_wack_to_wait_wack, prev_q == ST_WAIT_WACK && state_q == ST_WAIT_WACK)
      `VMMU_COVER(c_wait_wack_to_fill,    prev_q == ST_WAIT_WACK   && state_q == ST_FILL)
      `VMMU_COVER(c_fill_to_idle,         prev_q == ST_FILL        && state_q == ST_IDLE)
      `VMMU_COVER(c_fault_to_idle,        prev_q == ST_FAULT       && state_q == ST_IDLE)
      // ... an invalidation in every state of an access ...
      `VMMU_COVER(c_inval_in_idle,        ctl_inval_i && state_q == ST_IDLE)
      `VMMU_COVER(c_inval_in_lookup,      ctl_inval_i && state_q == ST_LOOKUP)
      `VMMU_COVER(c_inval_in_read_pte,    ctl_inval_i && state_q == ST_READ_PTE)
      `VMMU_COVER(c_inval_in_wait_rvalid, ctl_inval_i && state_q == ST_WAIT_RVALID)
      `VMMU_COVER(c_inval_in_write_pte,   ctl_inval_i && state_q == ST_WRITE_PTE)
      `VMMU_COVER(c_inval_in_wait_wack,   ctl_inval_i && state_q == ST_WAIT_WACK)
      `VMMU_COVER(c_inval_in_fill,        ctl_inval_i && state_q == ST_FILL)
      `VMMU_COVER(c_inval_in_fault,       ctl_inval_i && state_q == ST_FAULT)
      `VMMU_COVER(c_fill_dropped,         state_q == ST_FILL && (!tlb_fill_o || ctl_inval_i))
      // ... LOOKUP's answers without the TLB (step 0) ...
      `VMMU_COVER(c_bare,                 lookup_direct && lookup_fault == FAULT_NONE)
      `VMMU_COVER(c_bare_access_fault,    lookup_direct && lookup_fault == FAULT_ACCESS)
      // ... the TLB's verdicts ...
      `VMMU_COVER(c_hit,                  rsp_valid_o && rsp_hit_o && rsp_fault_o == FAULT_NONE)
      `VMMU_COVER(c_hit_page_fault,       rsp_valid_o && rsp_hit_o && rsp_fault_o == FAULT_PAGE)
      `VMMU_COVER(c_hit_access_fault,     rsp_valid_o && rsp_hit_o && rsp_fault_o == FAULT_ACCESS)
      `VMMU_COVER(c_hit_superpage,        lookup_hit && tlb_level_i != '0)
      `VMMU_COVER(c_hit_s_sum,            lookup_hit && priv_q == PRIV_S && tlb_perm_i[PERM_U]
                                          && lookup_fault != FAULT_PAGE)
      `VMMU_COVER(c_hit_mxr,              lookup_hit && kind_q == KIND_READ && !tlb_perm_i[PERM_R]
                                          && lookup_fault != FAULT_PAGE)
      `VMMU_COVER(c_miss_clean_write,     lookup_miss && tlb_match_i)
      // ... and a request accepted in the cycle that answers the one before: after a
      // hit, after a direct answer, two hits on consecutive cycles, and a hit whose
      // cycle also brings an invalidation (after the hit, before the new lookup).
      `VMMU_COVER(c_hit_then_accept,      lookup_hit && req_valid_i)
      `VMMU_COVER(c_direct_then_accept,   lookup_direct && req_valid_i)
      `VMMU_COVER(c_hit_after_hit,        lookup_hit && hit_q)
      `VMMU_COVER(c_inval_with_hit_accept, lookup_hit && req_valid_i && ctl_inval_i)
`ifdef VMMU_COVERS
      walk_misaligned = (level_q != '0) && ((rd_ppn & low_mask(level_q)) != '0);
      walk_allowed    = allowed(kind_q, priv_q, sum_q, mxr_q, rd_r, rd_w, rd_x, rd_u);
      walk_ad         = !rd_a || (kind_q == KIND_WRITE && !rd_d);
      walk_pa         = page_pa(rd_ppn, level_q);
      pte_in          = (state_q == ST_WAIT_RVALID) && mem_rvalid_i && !mem_err_i;
      pte_pointer     = rd_v && !rd_r && !rd_w && !rd_x;
      pte_leaf        = rd_v && (rd_r || rd_x) && !(!rd_r && rd_w);
      leaf_ok3        = pte_in && pte_leaf && !rd_rsv && !walk_misaligned;
      // ... every way a walk ends (docs/contract.md, "The walk", steps 2-10) ...
      `VMMU_COVER(c_af_pte_read,          state_q == ST_WAIT_RVALID && mem_rvalid_i && mem_err_i)
      `VMMU_COVER(c_pf_invalid,           pte_in && !rd_v)
      `VMMU_COVER(c_pf_w_without_r,       pte_in && rd_v && !rd_r && rd_w)
      `VMMU_COVER(c_pf_pointer_adu,       pte_in && pte_pointer && !rd_rsv && (rd_a || rd_d || rd_u))
      `VMMU_COVER(c_pf_pointer_at_leaf,   pte_in && pte_pointer && !rd_rsv && !(rd_a || rd_d || rd_u)
                                          && level_q == '0)
      `VMMU_COVER(c_pointer,              pte_in && pte_pointer && level_q != '0)
      `VMMU_COVER(c_pointer_global,       pte_in && pte_pointer && level_q != '0 && rd_g)
      `VMMU_COVER(c_pf_misaligned,        pte_in && pte_leaf && !rd_rsv && walk_misaligned)
      `VMMU_COVER(c_superpage,            leaf_ok3 && level_q != '0)
      `VMMU_COVER(c_pf_u_mode,            leaf_ok3 && priv_q == PRIV_U && !rd_u)
      `VMMU_COVER(c_pf_s_mode_no_sum,     leaf_ok3 && priv_q == PRIV_S && rd_u && !sum_q
                                          && kind_q != KIND_EXEC)
      `VMMU_COVER(c_s_mode_sum,           leaf_ok3 && priv_q == PRIV_S && rd_u && sum_q
                                          && kind_q != KIND_EXEC && walk_allowed)
      `VMMU_COVER(c_pf_s_mode_fetch_u,    leaf_ok3 && priv_q == PRIV_S && rd_u && kind_q == KIND_EXEC)
      `VMMU_COVER(c_mxr_load,             leaf_ok3 && kind_q == KIND_READ && !rd_r && mxr_q
                                          && walk_allowed)
      `VMMU_COVER(c_pf_permission,        leaf_ok3 && !walk_allowed)
      `VMMU_COVER(c_pf_svade_a,           leaf_ok3 && walk_allowed && ad_fault_q && !rd_a)
      `VMMU_COVER(c_pf_svade_d,           leaf_ok3 && walk_allowed && ad_fault_q && rd_a
                                          && kind_q == KIND_WRITE && !rd_d)
      `VMMU_COVER(c_af_final_pa,          leaf_ok3 && walk_allowed && !(walk_ad && ad_fault_q)
                                          && outside(walk_pa, pmem_q))
      `VMMU_COVER(c_write_a,              state_q == ST_WRITE_PTE && kind_q != KIND_WRITE)
      `VMMU_COVER(c_write_ad,             state_q == ST_WRITE_PTE && kind_q == KIND_WRITE)
      `VMMU_COVER(c_walk_answer,          rsp_valid_o && !rsp_hit_o && state_q == ST_FILL)
      `VMMU_COVER(c_walk_page_fault,      rsp_valid_o && state_q == ST_FAULT && rsp_fault_o == FAULT_PAGE)
      `VMMU_COVER(c_walk_access_fault,    rsp_valid_o && state_q == ST_FAULT
                                          && rsp_fault_o == FAULT_ACCESS)
`endif
    end
  end

  // Cover points of what only some presets have: upper address bits to be canonical
  // (Sv39, Sv48) and reserved PTE bits (64-bit PTEs).
  if (VADDR_BITS > VA_BITS) begin : g_cover_canonical
    always_ff @(posedge clk_i) begin
      if (rst_ni) `VMMU_COVER(c_noncanonical, lookup_direct && lookup_fault == FAULT_PAGE)
    end
  end
  if (PTE_BITS == 64) begin : g_cover_reserved
    always_ff @(posedge clk_i) begin
      if (rst_ni) `VMMU_COVER(c_pf_reserved_bits, state_q == ST_WAIT_RVALID && mem_rvalid_i && !mem_err_i
                                                  && rd_v && !(!rd_r && rd_w) && rd_rsv)
    end
  end

`ifdef FORMAL
  // ---- the walker's contract, proven (make formal only) --------------------------------
  // Proven by make formal for every preset but sv48 (docs/formal.md), and so not
  // simulated: each check is some ten instructions a cycle in Verilator, and these
  // would cost vmsim about 9 % (measured in their `assert` form).
  logic fv_inval_q;  // an invalidation came since this access's LOOKUP began

  always_ff @(posedge clk_i) begin : fv_checks
    if (!rst_ni) begin
      fv_inval_q <= 1'b0;
    end else begin
      // docs/contract.md: an invalidation from the LOOKUP cycle to the FILL cycle
      // inclusive drops the access's fill (open_q is 1 in exactly those cycles).
      if (req_valid_i && req_ready_o)  fv_inval_q <= 1'b0;
      else if (ctl_inval_i && open_q)  fv_inval_q <= 1'b1;

      // A fault's answer carries no address (docs/contract.md, "Details").
      `VMMU_ASSERT(a_fault_no_pa, !rsp_valid_o || rsp_fault_o == FAULT_NONE || rsp_paddr_o == '0,
        ("ptw: fault answered with physical address %0h", rsp_paddr_o))
      // Bare and non-canonical requests never reach the TLB or memory.
      `VMMU_ASSERT(a_direct_no_tlb, !lookup_direct || (!tlb_touch_o && !lookup_miss),
        ("ptw: a Bare or non-canonical request used the TLB"))
      // Ready exactly in IDLE and in a LOOKUP that answers (a hit every cycle, one walk
      // at a time), and a request accepted goes to LOOKUP.
      `VMMU_ASSERT(a_ready_when, req_ready_o == (state_q == ST_IDLE
                                                 || (state_q == ST_LOOKUP && rsp_valid_o)),
        ("ptw: req_ready_o %0d in state %0d", req_ready_o, state_q))
      `VMMU_ASSERT(a_accept_to_lookup, !accept_q || state_q == ST_LOOKUP,
        ("ptw: accepted request not in LOOKUP"))
      // With an open request the walker is busy (a_idle_when_none's converse).
      `VMMU_ASSERT(a_busy_when_open, !open_q || state_q != ST_IDLE,
        ("ptw: idle with a request open"))
      // No memory operation outside READ_PTE and WRITE_PTE (so none in IDLE), and a
      // write only in WRITE_PTE.
      `VMMU_ASSERT(a_mem_only_walking,
        !mem_req_o || state_q == ST_READ_PTE || state_q == ST_WRITE_PTE,
        ("ptw: memory operation in state %0d", state_q))
      `VMMU_ASSERT(a_mem_we_only_write, !mem_we_o || (mem_req_o && state_q == ST_WRITE_PTE),
        ("ptw: memory write outside WRITE_PTE"))
      // docs/contract.md: a walk never refills a translation invalidated during it (one
      // in FILL itself the TLB applies: it drops the fill at that edge) ...
      `VMMU_ASSERT(a_no_fill_after_inval, !tlb_fill_o || !fv_inval_q,
        ("ptw: TLB fill after an invalidation during the same walk"))
      // The page-walk cache's fills follow the same rule (docs/contract.md, "Page-walk
      // cache"): none after an invalidation during the walk, none at its edge.
      `VMMU_ASSERT(a_pwc_no_fill_after_inval, !pwc_fill || (!fv_inval_q && !ctl_inval_i),
        ("ptw: page-walk cache fill after an invalidation during the same walk"))
      // ... and a walk that ends in FILL with no invalidation does fill.
      `VMMU_ASSERT(a_fill_unless_inval,
        !(state_q == ST_FILL && !fv_inval_q) || tlb_fill_o,
        ("ptw: FILL without a TLB fill and no invalidation to drop it"))
      // Only the transitions of the diagram at the top of this file.
      `VMMU_ASSERT(a_transition,
        prev_q == state_q && (state_q == ST_IDLE || state_q == ST_WAIT_RVALID
                              || state_q == ST_WAIT_WACK)
        || prev_q == ST_IDLE        && state_q == ST_LOOKUP
        || prev_q == ST_LOOKUP      && (state_q == ST_IDLE || state_q == ST_LOOKUP
                                        || state_q == ST_READ_PTE)
        || prev_q == ST_LOOKUP      && state_q == ST_FILL && HAS_L2
        || prev_q == ST_READ_PTE    && state_q == ST_WAIT_RVALID
        || prev_q == ST_READ_PTE    && state_q == ST_READ_PTE && PWC_ENTRIES > 0
        || prev_q == ST_WAIT_RVALID && (state_q == ST_READ_PTE || state_q == ST_WRITE_PTE
                                        || state_q == ST_FILL || state_q == ST_FAULT)
        || prev_q == ST_WRITE_PTE   && state_q == ST_WAIT_WACK
        || prev_q == ST_WAIT_WACK   && state_q == ST_FILL
        || (prev_q == ST_FILL || prev_q == ST_FAULT) && state_q == ST_IDLE,
        ("ptw: transition %0d -> %0d is not in the diagram", prev_q, state_q))
    end
  end
`endif
`endif

endmodule

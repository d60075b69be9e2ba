// SPDX-License-Identifier: MIT
// fv_walk.sv -- the walker (rtl/ptw.sv) against the contract's walk, for every request
// and every memory of a small preset (`make formal`, docs/formal.md).
//
// The memory is MEM_WORDS PTE words, each any value at the start (the solver picks
// them all), read at word (address / PTE bytes) mod MEM_WORDS: any contents of a
// memory of that shape, including tables that alias one another. Only the walker
// writes it (its A/D write-back). It answers a read at or beyond the access's memory
// bound with mem_err_i, as docs/contract.md's harness does. The TLB's answers are free
// inputs too: whatever a TLB could say in LOOKUP (an entry of a level the preset has,
// a superpage's PPN aligned). Requests (address, kind, privilege), satp, SUM, MXR, the
// A/D scheme, the memory bound, invalidations, the memory's latency (1 to LMAX cycles
// per operation) and the data and error bit on the memory port outside a read's
// answer are free in every cycle.
//
// spec_walk below is docs/contract.md's "The walk", steps 0-10, written from the text
// (not from ptw.sv), with satp, SUM, MXR, the A/D scheme and the bound as the edge that
// accepted the request sampled them (docs/contract.md: they may change at will after
// it): in the access's LOOKUP cycle it decides Bare and canonical, and walks the memory
// as it is then. What the walker does after a miss must be exactly that walk:
//   f_ops       its n-th memory operation is the walk's n-th: each read at the
//               walk's address, then the A/D write (address and value) if step 9
//               needs one under Svadu, and nothing else
//   f_answer    its answer: rsp_fault_o the walk's fault, rsp_paddr_o its address
//               (0 on a fault), rsp_hit_o 0, after all of the walk's operations
//   f_fill      the TLB is asked to fill exactly when the walk succeeds and no
//               invalidation came from LOOKUP to the cycle before FILL (one in FILL
//               itself the TLB applies, dropping the fill at that edge: tlb.sv), with
//               the walk's ASID (satp's as accepted), level, G, PPN and {D,U,X,W,R}
//               (D as written back)
// and in LOOKUP, against the contract's step 0 and the TLB's answer ("The TLB", lookup):
//   f_direct    Bare: pa = va in one cycle (an access fault beyond the PA bits or the
//               bound), a non-canonical address: a page fault in one cycle; both with
//               rsp_hit_o = 0, no memory operation, no TLB event
//   f_lookup    a hit exactly when a matching entry refuses the access (a page fault),
//               or allows it and is dirty or the access is not a store (an access fault
//               when its address lies beyond the bound); its address is the entry's
//               PPN with the VPN's low fields of its level, and the request's offset
//   f_touch     the TLB's rank event (tlb_touch_o) exactly on such a hit
//   f_cmp, f_key the TLB compares the request's VPN and satp's ASID at the edge that
//               accepts it, and is asked about that VPN all access long
//   f_latency   1 cycle on a hit, 2 + sum (1 + L_i) on a walk (docs/contract.md, Timing)
//   f_open_is_busy  ready exactly when no request is open or LOOKUP answers (a hit
//               every cycle: the next request is accepted at the answering edge), so
//               never during a walk

`timescale 1ns/1ps

module fv_walk #(
  parameter int unsigned VA_BITS    = 32,   // sv32
  parameter int unsigned PAGE_BITS  = 12,
  parameter int unsigned LEVELS     = 2,
  parameter int unsigned LEVEL_BITS = 10,
  parameter int unsigned PTE_BITS   = 32,
  parameter int unsigned PA_BITS    = 34,
  parameter int unsigned ASID_BITS  = 9,
  parameter int unsigned SATP_MODE  = 1,
  parameter int unsigned MEM_AW     = 3,    // MEM_WORDS = 2^MEM_AW words of memory
  parameter int unsigned LMAX       = 2,    // the memory's latency bound, cycles
  localparam int unsigned VADDR_BITS = (PTE_BITS == 64) ? 64 : VA_BITS,
  localparam int unsigned VPN_BITS  = VA_BITS - PAGE_BITS,
  localparam int unsigned PPN_BITS  = PA_BITS - PAGE_BITS,
  localparam int unsigned MODE_BITS = (PTE_BITS == 64) ? 4 : 1,
  localparam int unsigned SATP_BITS = MODE_BITS + ASID_BITS + PPN_BITS,
  localparam int unsigned LVL_BITS  = (LEVELS > 1) ? $clog2(LEVELS) : 1
) (
  input logic                  clk_i,
  input logic                  rst_ni,
  input logic                  req_valid_i,
  input logic [VADDR_BITS-1:0] req_vaddr_i,
  input logic [1:0]            req_kind_i,
  input logic                  req_priv_i,
  input logic [SATP_BITS-1:0]  ctl_satp_i,
  input logic                  ctl_sum_i,
  input logic                  ctl_mxr_i,
  input logic                  ctl_ad_fault_i,
  input logic [63:0]           ctl_pmem_i,
  input logic                  ctl_inval_i,
  input logic                  tlb_match_i,
  input logic [LVL_BITS-1:0]   tlb_level_i,
  input logic [PPN_BITS-1:0]   tlb_ppn_i,
  input logic [4:0]            tlb_perm_i,      // {D,U,X,W,R}
  input logic                  mem_fire_i,      // the memory answers now (if due)
  input logic [PTE_BITS-1:0]   mem_junk_i,      // mem_rdata_i outside a read's answer
  input logic                  mem_err_junk_i   // mem_err_i likewise
);
  localparam int unsigned CW        = 8;
  localparam int unsigned PTE_SHIFT = (PTE_BITS == 64) ? 3 : 2;
  localparam int unsigned BOUND     = 2 + (LEVELS + 1) * (1 + LMAX);
  localparam int unsigned OPS       = LEVELS + 1;
  // PTE bits and codes, as docs/contract.md numbers them.
  localparam int unsigned V = 0, R = 1, W = 2, X = 3, U = 4, G = 5, A = 6, D = 7, PPN_LSB = 10;
  localparam logic [1:0] READ = 2'd0, WRITE = 2'd1, EXEC = 2'd2;
  localparam logic [1:0] NONE = 2'd0, PAGE_FAULT = 2'd1, ACCESS_FAULT = 2'd2;

  // ---- the walker ------------------------------------------------------------------------
  logic                 req_ready_o, rsp_valid_o, rsp_hit_o;
  logic [PA_BITS-1:0]   rsp_paddr_o;
  logic [1:0]           rsp_fault_o;
  logic                 mem_req_o, mem_we_o, mem_rvalid_i, mem_err_i;
  logic [PA_BITS-1:0]   mem_addr_o;
  logic [PTE_BITS-1:0]  mem_wdata_o, mem_rdata_i;
  logic                 tlb_cmp_en_o, tlb_lu_en_o, tlb_touch_o, tlb_fill_sel_o, tlb_fill_o;
  logic                 tlb_fill_global_o;
  logic [ASID_BITS-1:0] tlb_cmp_asid_o, tlb_fill_asid_o;
  logic [VPN_BITS-1:0]  tlb_cmp_vpn_o, tlb_vpn_o;
  logic [LVL_BITS-1:0]  tlb_fill_level_o;
  logic [PPN_BITS-1:0]  tlb_fill_ppn_o;
  logic [4:0]           tlb_fill_perm_o;

  ptw #(
    .VADDR_BITS(VADDR_BITS), .VA_BITS(VA_BITS), .PAGE_BITS(PAGE_BITS), .LEVELS(LEVELS),
    .LEVEL_BITS(LEVEL_BITS), .PTE_BITS(PTE_BITS), .PA_BITS(PA_BITS), .ASID_BITS(ASID_BITS),
    .SATP_MODE(SATP_MODE)
  ) dut (
    .clk_i, .rst_ni, .req_valid_i, .req_ready_o, .req_vaddr_i, .req_kind_i, .req_priv_i,
    .rsp_valid_o, .rsp_paddr_o, .rsp_hit_o, .rsp_fault_o,
    .mem_req_o, .mem_we_o, .mem_addr_o, .mem_wdata_o, .mem_rvalid_i, .mem_rdata_i, .mem_err_i,
    .ctl_satp_i, .ctl_sum_i, .ctl_mxr_i, .ctl_ad_fault_i, .ctl_pmem_i, .ctl_inval_i,
    .tlb_cmp_en_o, .tlb_cmp_vpn_o, .tlb_cmp_asid_o, .tlb_lu_en_o, .tlb_vpn_o,
    .tlb_match_i, .tlb_level_i, .tlb_ppn_i, .tlb_perm_i, .tlb_touch_o,
    .tlb_fill_sel_o, .tlb_fill_o, .tlb_fill_asid_o, .tlb_fill_level_o, .tlb_fill_global_o,
    .tlb_fill_ppn_o, .tlb_fill_perm_o
  );

  // ---- reset: the first cycle only -------------------------------------------------------
  logic first = 1'b1;
  always @(posedge clk_i) first <= 1'b0;
  always @(*) assume (rst_ni == !first);

  // satp's ASID as the ports have it in this cycle; satp's fields as the access under
  // way was accepted with (acc_satp below).
  logic [ASID_BITS-1:0] satp_asid;
  logic [MODE_BITS-1:0] acc_mode;
  logic [ASID_BITS-1:0] acc_asid;
  logic [PPN_BITS-1:0]  acc_ppn;
  logic [SATP_BITS-1:0] acc_satp;
  assign satp_asid = ctl_satp_i[PPN_BITS +: ASID_BITS];
  assign {acc_mode, acc_asid, acc_ppn} = acc_satp;

  // The low l*LEVEL_BITS bits of a PPN (a level-l superpage's own part of the address).
  function automatic logic [PPN_BITS-1:0] low(input int unsigned l);
    low = PPN_BITS'((64'd1 << (l * LEVEL_BITS)) - 1);
  endfunction

  // What a TLB may answer: an entry of a level the walk has, whose PPN leaves its
  // level's low fields to the VPN (the fill of a walk that passed step 5).
  always @(*) if (tlb_match_i) assume (32'(tlb_level_i) < LEVELS
                                       && (tlb_ppn_i & low(32'(tlb_level_i))) == '0);

  // ---- the memory ----------------------------------------------------------------------------
  // No reset and no initial value: the solver chooses the whole contents.
  // Registers, not a memory cell: the walk reads it at an address it read there.
  (* mem2reg *) logic [PTE_BITS-1:0] mem [2**MEM_AW];
  function automatic logic [MEM_AW-1:0] word(input logic [PA_BITS-1:0] addr);
    word = addr[PTE_SHIFT +: MEM_AW];
  endfunction

  logic                pending;   // an operation issued and not yet answered
  logic [CW-1:0]       waited;    // cycles since it was issued
  logic [PA_BITS-1:0]  op_addr;   // its address
  logic                op_we;     // ... and whether it is a write
  logic [63:0]         acc_pmem;  // the memory bound the access was accepted with
  assign mem_rvalid_i = pending && (mem_fire_i || waited == CW'(LMAX));
  assign mem_rdata_i  = mem_rvalid_i && !op_we ? mem[word(op_addr)] : mem_junk_i;
  // No memory at or beyond the bound: a read there answers with an error.
  assign mem_err_i    = mem_rvalid_i && !op_we ? acc_pmem != '0 && 64'(op_addr) >= acc_pmem
                                               : mem_err_junk_i;

  always @(posedge clk_i) begin
    // A write takes effect at the edge that issues it (docs/contract.md).
    if (rst_ni && mem_req_o && mem_we_o) mem[word(mem_addr_o)] <= mem_wdata_o;
    if (!rst_ni) begin
      pending <= 1'b0;
      waited  <= '0;
    end else if (mem_req_o) begin
      pending <= 1'b1;
      waited  <= CW'(1);
      op_addr <= mem_addr_o;
      op_we   <= mem_we_o;
    end else if (mem_rvalid_i) begin
      pending <= 1'b0;
      waited  <= '0;
    end else if (pending) begin
      waited  <= waited + 1'b1;
    end
  end

  // ---- the contract's rules -------------------------------------------------------------------
  // Steps 6 and 8, from the text: U-mode needs U; S-mode may load and store to a U page
  // only with SUM and never fetches from one; a load needs R, or X with MXR; a store W;
  // a fetch X.
  function automatic logic spec_allows(input logic [1:0] kind, input logic s_mode, input logic sum,
                                       input logic mxr, input logic r, input logic w,
                                       input logic x, input logic u);
    logic by_priv, by_rwx;
    if (!s_mode)        by_priv = u;
    else if (!u)        by_priv = 1'b1;
    else                by_priv = sum && kind != EXEC;
    case (kind)
      READ:    by_rwx = r || (mxr && x);
      WRITE:   by_rwx = w;
      EXEC:    by_rwx = x;
      default: by_rwx = 1'b0;
    endcase
    spec_allows = by_priv && by_rwx;
  endfunction

  // ---- the contract's walk ------------------------------------------------------------------
  // Of the request in acc_*, over mem and the controls it was accepted with.
  logic [VADDR_BITS-1:0] acc_vaddr;
  logic [1:0]            acc_kind;
  logic                  acc_priv;
  logic                  acc_sum, acc_mxr, acc_ad_fault;

  logic                 sw_direct;             // step 0: Bare or non-canonical
  logic [1:0]           sw_fault;              // NONE, PAGE_FAULT, ACCESS_FAULT
  logic [CW-1:0]        sw_reads;              // PTEs read (step 2)
  logic [PA_BITS-1:0]   sw_addr [OPS];         // the address of each operation
  logic                 sw_write;              // step 9 writes the PTE back
  logic [PTE_BITS-1:0]  sw_wdata;              // ... this value
  logic [PA_BITS-1:0]   sw_paddr;              // step 10's answer
  logic [PPN_BITS-1:0]  sw_ppn;                // the leaf's PPN, level, G and {D,U,X,W,R}
  logic [LVL_BITS-1:0]  sw_level;
  logic                 sw_global;
  logic [4:0]           sw_perm;

  always @(*) begin : spec_walk
    logic [PA_BITS-1:0]  a;
    int                  i;
    logic                done, glob, need;
    logic [PTE_BITS-1:0] pte, leaf;
    logic [VPN_BITS-1:0] vpn;
    logic [PPN_BITS-1:0] ppn;
    logic [PA_BITS-1:0]  pa;
    logic [63:0]         va64;
    vpn       = acc_vaddr[VA_BITS-1:PAGE_BITS];
    va64      = 64'(acc_vaddr);
    sw_direct = 1'b0;
    sw_fault  = NONE;
    sw_reads  = '0;
    sw_write  = 1'b0;
    sw_wdata  = '0;
    sw_paddr  = '0;
    sw_ppn    = '0;
    sw_level  = '0;
    sw_global = 1'b0;
    sw_perm   = '0;
    for (int unsigned k = 0; k < OPS; k++) sw_addr[k] = '0;
    // Step 0: Bare (satp.MODE not the preset's) answers pa = va, an access fault beyond
    // the PA bits or the bound; a non-canonical address (bits above the VA's top
    // unlike it) is a page fault.
    if (acc_mode != MODE_BITS'(SATP_MODE)) begin
      sw_direct = 1'b1;
      if ((va64 >> PA_BITS) != 0 || (acc_pmem != 0 && va64 >= acc_pmem)) sw_fault = ACCESS_FAULT;
      else sw_paddr = PA_BITS'(acc_vaddr);
    end else if (VADDR_BITS > VA_BITS && (va64 >> (VA_BITS - 1)) != 0
                 && (va64 >> (VA_BITS - 1)) != (64'hffff_ffff_ffff_ffff >> (VA_BITS - 1))) begin
      sw_direct = 1'b1;
      sw_fault  = PAGE_FAULT;
    end
    a    = PA_BITS'(acc_ppn) << PAGE_BITS;                      // step 1
    i    = LEVELS - 1;
    done = sw_direct;
    glob = 1'b0;
    for (int unsigned step = 0; step < LEVELS; step++) begin
      if (!done) begin
        // Step 2: pte at a + vpn[i] * PTE bytes; beyond the bound: an access fault.
        sw_addr[step] = a + ((PA_BITS'(vpn) >> (i * LEVEL_BITS)) & PA_BITS'((1 << LEVEL_BITS) - 1))
                            * PA_BITS'(PTE_BITS / 8);
        pte      = mem[word(sw_addr[step])];
        sw_reads = CW'(step + 1);
        if (acc_pmem != 0 && 64'(sw_addr[step]) >= acc_pmem) begin
          sw_fault = ACCESS_FAULT;
          done     = 1'b1;
        // Step 3: V = 0, W without R, bits 63-54 of a 64-bit PTE, D, A or U on a pointer.
        end else if (!pte[V] || (!pte[R] && pte[W])
                     || (PTE_BITS == 64 && (64'(pte) >> 54) != 0)
                     || (!pte[R] && !pte[X] && (pte[D] || pte[A] || pte[U]))) begin
          sw_fault = PAGE_FAULT;
          done     = 1'b1;
        end else begin
          glob = glob || pte[G];
          if (!pte[R] && !pte[X]) begin                            // step 4
            if (i == 0) begin
              sw_fault = PAGE_FAULT;
              done     = 1'b1;
            end else begin
              i = i - 1;
              a = PA_BITS'(pte[PPN_LSB +: PPN_BITS]) << PAGE_BITS;
            end
          end else begin
            done = 1'b1;
            ppn  = pte[PPN_LSB +: PPN_BITS];
            need = !pte[A] || (acc_kind == WRITE && !pte[D]);
            pa   = {ppn | (PPN_BITS'(vpn) & low(i)), acc_vaddr[PAGE_BITS-1:0]};
            if ((ppn & low(i)) != 0) sw_fault = PAGE_FAULT;         // step 5
            else if (!spec_allows(acc_kind, acc_priv, acc_sum, acc_mxr,
                                  pte[R], pte[W], pte[X], pte[U]))
              sw_fault = PAGE_FAULT;                                // steps 6, 8
            else if (need && acc_ad_fault) sw_fault = PAGE_FAULT;   // step 9, Svade
            else if (acc_pmem != 0 && 64'(pa) >= acc_pmem)
              sw_fault = ACCESS_FAULT;                              // step 10's bound
            else begin
              leaf = pte;
              if (need) begin                                       // step 9, Svadu
                leaf[A] = 1'b1;
                if (acc_kind == WRITE) leaf[D] = 1'b1;
                sw_write = 1'b1;
                sw_wdata = leaf;
                sw_addr[step + 1] = sw_addr[step];
              end
              sw_ppn    = ppn;                                      // step 10
              sw_level  = LVL_BITS'(i);
              sw_global = glob;
              sw_perm   = {leaf[D], leaf[U], leaf[X], leaf[W], leaf[R]};
              sw_paddr  = pa;
            end
          end
        end
      end
    end
  end

  // ---- the access under way --------------------------------------------------------------------
  logic          accept, open, lookup;
  logic [CW-1:0] lat, ops, waits;
  logic          inval_seen;   // an invalidation since LOOKUP began (this cycle excluded)
  // The walk as it was in LOOKUP, held for the rest of the access.
  logic [1:0]           ex_fault;
  logic [CW-1:0]        ex_reads;
  logic [PA_BITS-1:0]   ex_addr [OPS];
  logic                 ex_write;
  logic [PTE_BITS-1:0]  ex_wdata;
  logic [PA_BITS-1:0]   ex_paddr;
  logic [PPN_BITS-1:0]  ex_ppn;
  logic [LVL_BITS-1:0]  ex_level;
  logic                 ex_global;
  logic [4:0]           ex_perm;
  logic [ASID_BITS-1:0] ex_asid;
  assign accept = req_valid_i && req_ready_o;

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      open   <= 1'b0;
      lookup <= 1'b0;
    end else begin
      lookup <= accept;
      if (accept) begin
        open       <= 1'b1;
        lat        <= CW'(1);
        ops        <= '0;
        waits      <= '0;
        inval_seen <= 1'b0;
        acc_vaddr  <= req_vaddr_i;
        acc_kind   <= req_kind_i;
        acc_priv   <= req_priv_i;
        acc_satp   <= ctl_satp_i;
        acc_sum    <= ctl_sum_i;
        acc_mxr    <= ctl_mxr_i;
        acc_ad_fault <= ctl_ad_fault_i;
        acc_pmem   <= ctl_pmem_i;
      end else if (open) begin
        if (rsp_valid_o) open <= 1'b0;
        lat <= lat + 1'b1;
        if (mem_req_o)    ops   <= ops + 1'b1;
        if (mem_rvalid_i) waits <= waits + waited;
        if (ctl_inval_i)  inval_seen <= 1'b1;
      end
      if (lookup) begin
        ex_fault  <= sw_fault;
        ex_reads  <= sw_reads;
        for (int unsigned k = 0; k < OPS; k++) ex_addr[k] <= sw_addr[k];
        ex_write  <= sw_write;
        ex_wdata  <= sw_wdata;
        ex_paddr  <= sw_paddr;
        ex_ppn    <= sw_ppn;
        ex_level  <= sw_level;
        ex_global <= sw_global;
        ex_perm   <= sw_perm;
        ex_asid   <= acc_asid;
      end
    end
  end

  // The contract's lookup verdict, from the TLB's answer in LOOKUP.
  logic               tlb_allows, tlb_hit;
  logic [PA_BITS-1:0] tlb_pa;
  always @(*) begin
    tlb_allows = spec_allows(acc_kind, acc_priv, acc_sum, acc_mxr, tlb_perm_i[0], tlb_perm_i[1],
                             tlb_perm_i[2], tlb_perm_i[3]);
    tlb_hit    = tlb_match_i && (!tlb_allows || !(acc_kind == WRITE && !tlb_perm_i[4]));
    tlb_pa     = {tlb_ppn_i | (PPN_BITS'(acc_vaddr[VA_BITS-1:PAGE_BITS]) & low(32'(tlb_level_i))),
                  acc_vaddr[PAGE_BITS-1:0]};
  end
  logic [1:0] tlb_fault;
  assign tlb_fault = !tlb_allows ? PAGE_FAULT
                   : (acc_pmem != 0 && 64'(tlb_pa) >= acc_pmem) ? ACCESS_FAULT : NONE;

  // ---- properties ------------------------------------------------------------------------------
  logic [CW-1:0] n_ops;   // the operations the walk needs
  assign n_ops = ex_reads + CW'(ex_write);

  always @(posedge clk_i) begin
    if (rst_ni) begin
      // Bookkeeping the proof rests on: the access and the memory as the ports show them.
      f_open_is_busy: assert (req_ready_o == (!open || (lookup && rsp_valid_o)));
      f_mem_waits:    assert (!pending || (waited >= 1 && waited <= CW'(LMAX)));
      f_one_op:       assert (!(mem_req_o && pending));
      f_latency:      assert (!open || (lat >= 1 && lat <= CW'(BOUND)));

      f_key:          assert ((!open || tlb_vpn_o == acc_vaddr[VA_BITS-1:PAGE_BITS])
                              && tlb_lu_en_o == lookup);
      f_cmp:          assert (tlb_cmp_en_o == accept
                              && (!accept || (tlb_cmp_vpn_o == req_vaddr_i[VA_BITS-1:PAGE_BITS]
                                              && tlb_cmp_asid_o == satp_asid)));
      if (lookup) begin
        if (sw_direct)
          f_direct:   assert (rsp_valid_o && !rsp_hit_o && !mem_req_o && !tlb_fill_o && !tlb_touch_o
                              && rsp_fault_o == sw_fault && rsp_paddr_o == sw_paddr);
        else
          f_lookup:   assert (rsp_valid_o == tlb_hit && !mem_req_o && !tlb_fill_o
                              && (!tlb_hit || (rsp_hit_o && rsp_fault_o == tlb_fault
                                  && rsp_paddr_o == (tlb_fault == NONE ? tlb_pa : '0))));
        f_touch:      assert (tlb_touch_o == (tlb_hit && !sw_direct));
      end else begin
        f_touch_only_lookup: assert (!tlb_touch_o);
      end
      if (open && !lookup) begin
        if (mem_req_o)
          f_ops:      assert (ops < n_ops
                              && mem_we_o == (ops == ex_reads)
                              && mem_addr_o == ex_addr[ops[1:0]]
                              && (!mem_we_o || mem_wdata_o == ex_wdata));
        if (rsp_valid_o)
          f_answer:   assert (!rsp_hit_o && !pending && ops == n_ops
                              && rsp_fault_o == ex_fault
                              && rsp_paddr_o == (ex_fault == NONE ? ex_paddr : '0)
                              && lat == 2 + ops + waits);
        f_fill:       assert (tlb_fill_o == (rsp_valid_o && ex_fault == NONE && !inval_seen)
                              && (!tlb_fill_o || (tlb_fill_ppn_o == ex_ppn && tlb_fill_perm_o == ex_perm
                                                  && tlb_fill_asid_o == ex_asid
                                                  && tlb_fill_level_o == ex_level
                                                  && tlb_fill_global_o == ex_global)));
      end
      f_fill_only_walk: assert (open && !lookup || !tlb_fill_o);
      f_rsp_when_open:  assert (!rsp_valid_o || open);

      // The walk's outcomes are all reachable (a proof over an empty set proves nothing).
      c_walk_ok:     cover (open && !lookup && rsp_valid_o && ex_fault == NONE && ex_reads == CW'(LEVELS));
      c_walk_super:  cover (open && !lookup && rsp_valid_o && ex_fault == NONE && ex_level != '0);
      c_walk_global: cover (tlb_fill_o && tlb_fill_global_o);
      c_walk_write:  cover (open && !lookup && rsp_valid_o && ex_write && acc_kind == WRITE);
      c_walk_page:   cover (open && !lookup && rsp_valid_o && ex_fault == PAGE_FAULT && ex_reads == CW'(LEVELS));
      c_walk_access: cover (open && !lookup && rsp_valid_o && ex_fault == ACCESS_FAULT && ex_reads == 1);
      c_walk_s_sum:  cover (open && !lookup && rsp_valid_o && ex_fault == NONE && acc_priv && ex_perm[3]);
      c_direct_bare: cover (lookup && sw_direct && sw_fault == NONE);
      c_walk_filled: cover (tlb_fill_o && !ctl_inval_i);
      c_hit_accept:  cover (lookup && rsp_valid_o && rsp_hit_o && accept);
      c_direct_accept: cover (lookup && sw_direct && accept);
    end
  end
endmodule

// SPDX-License-Identifier: MIT
// fv_walk.sv -- the walker (rtl/ptw.sv) against the contract's walk, for every request
// and every memory of a small preset (`make formal`, docs/formal.md).
//
// The memory is MEM_WORDS PTE words, each any value at the start (the solver picks
// them all), read at word (address / PTE bytes) mod MEM_WORDS: any contents of a
// memory of that shape, including tables that alias one another. Only the walker
// writes it (its A/D write-back). The TLB's answers are free inputs too: whatever a
// TLB could say in LOOKUP. Requests, the root, invalidations, the memory's latency
// (1 to LMAX cycles per operation) and the data on mem_rdata_i outside mem_rvalid_i
// are free in every cycle.
//
// spec_walk below is docs/contract.md's "The walk", steps 1-8, written from the
// text (not from ptw.sv): in the access's LOOKUP cycle it walks the memory as it is
// then, with the root as it is then. What the walker does after a miss must be
// exactly that walk:
//   f_ops       its n-th memory operation is the walk's n-th: each read at the
//               walk's address, then the A/D write (address and value) if step 7
//               needs one, and nothing else
//   f_answer    its answer: rsp_fault_o the walk's fault, rsp_paddr_o its address
//               (0 on a fault), rsp_hit_o 0, after all of the walk's operations
//   f_fill      the TLB is filled exactly when the walk succeeds and no invalidation
//               came from LOOKUP to FILL, with the walk's PPN and {D,U,X,W,R}
//               (D as written back), under the request's key
// and in LOOKUP, against the TLB's answer (docs/contract.md, "The TLB", lookup):
//   f_lookup    a hit exactly when a matching entry allows the access and is dirty
//               or the access is not a write, or denies it (then an access fault);
//               its address is the entry's PPN and the request's offset
//   f_touch     the TLB's rank event (tlb_touch_o) exactly on such a hit
//   f_key       the TLB is asked about the accepted request's key, all access long
//   f_latency   1 cycle on a hit, 2 + sum (1 + L_i) on a walk (docs/contract.md, Timing)

`timescale 1ns/1ps

module fv_walk #(
  parameter int unsigned VA_BITS    = 32,   // sv32
  parameter int unsigned PAGE_BITS  = 12,
  parameter int unsigned LEVELS     = 2,
  parameter int unsigned LEVEL_BITS = 10,
  parameter int unsigned PTE_BITS   = 32,
  parameter int unsigned PA_BITS    = 34,
  parameter int unsigned ASID_BITS  = 16,
  parameter int unsigned MEM_AW     = 3,    // MEM_WORDS = 2^MEM_AW words of memory
  parameter int unsigned LMAX       = 2,    // the memory's latency bound, cycles
  localparam int unsigned VPN_BITS  = VA_BITS - PAGE_BITS,
  localparam int unsigned PPN_BITS  = PA_BITS - PAGE_BITS
) (
  input logic                  clk_i,
  input logic                  rst_ni,
  input logic                  req_valid_i,
  input logic [ASID_BITS-1:0]  req_asid_i,
  input logic [VA_BITS-1:0]    req_vaddr_i,
  input logic [1:0]            req_kind_i,
  input logic [PA_BITS-1:0]    ctl_root_i,
  input logic                  ctl_inval_i,
  input logic                  tlb_match_i,
  input logic [PPN_BITS-1:0]   tlb_ppn_i,
  input logic [4:0]            tlb_perm_i,      // {D,U,X,W,R}
  input logic                  mem_fire_i,      // the memory answers now (if due)
  input logic [PTE_BITS-1:0]   mem_junk_i       // mem_rdata_i outside mem_rvalid_i
);
  localparam int unsigned CW        = 8;
  localparam int unsigned PTE_SHIFT = (PTE_BITS == 64) ? 3 : 2;
  localparam int unsigned BOUND     = 2 + (LEVELS + 1) * (1 + LMAX);
  localparam int unsigned OPS       = LEVELS + 1;
  // PTE bits and codes, as docs/contract.md numbers them.
  localparam int unsigned V = 0, R = 1, W = 2, X = 3, U = 4, A = 6, D = 7, PPN_LSB = 10;
  localparam logic [1:0] READ = 2'd0, WRITE = 2'd1, EXEC = 2'd2;
  localparam logic [1:0] NONE = 2'd0, PAGE_FAULT = 2'd1, ACCESS_FAULT = 2'd2;

  // ---- the walker ------------------------------------------------------------------------
  logic                 req_ready_o, rsp_valid_o, rsp_hit_o;
  logic [PA_BITS-1:0]   rsp_paddr_o;
  logic [1:0]           rsp_fault_o;
  logic                 mem_req_o, mem_we_o, mem_rvalid_i;
  logic [PA_BITS-1:0]   mem_addr_o;
  logic [PTE_BITS-1:0]  mem_wdata_o, mem_rdata_i;
  logic                 tlb_cmp_en_o, tlb_touch_o, tlb_fill_o;
  logic [ASID_BITS-1:0] tlb_cmp_asid_o, tlb_asid_o;
  logic [VPN_BITS-1:0]  tlb_cmp_vpn_o, tlb_vpn_o;
  logic [PPN_BITS-1:0]  tlb_fill_ppn_o;
  logic [4:0]           tlb_fill_perm_o;

  ptw #(
    .VA_BITS(VA_BITS), .PAGE_BITS(PAGE_BITS), .LEVELS(LEVELS), .LEVEL_BITS(LEVEL_BITS),
    .PTE_BITS(PTE_BITS), .PA_BITS(PA_BITS), .ASID_BITS(ASID_BITS)
  ) dut (
    .clk_i, .rst_ni, .req_valid_i, .req_ready_o, .req_asid_i, .req_vaddr_i, .req_kind_i,
    .rsp_valid_o, .rsp_paddr_o, .rsp_hit_o, .rsp_fault_o,
    .mem_req_o, .mem_we_o, .mem_addr_o, .mem_wdata_o, .mem_rvalid_i, .mem_rdata_i,
    .ctl_root_i, .ctl_inval_i,
    .tlb_cmp_en_o, .tlb_cmp_asid_o, .tlb_cmp_vpn_o, .tlb_asid_o, .tlb_vpn_o,
    .tlb_match_i, .tlb_ppn_i, .tlb_perm_i, .tlb_touch_o,
    .tlb_fill_o, .tlb_fill_ppn_o, .tlb_fill_perm_o
  );

  // ---- reset: the first cycle only -------------------------------------------------------
  logic first = 1'b1;
  always @(posedge clk_i) first <= 1'b0;
  always @(*) assume (rst_ni == !first);

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
  assign mem_rvalid_i = pending && (mem_fire_i || waited == CW'(LMAX));
  assign mem_rdata_i  = mem_rvalid_i ? mem[word(op_addr)] : mem_junk_i;

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
    end else if (mem_rvalid_i) begin
      pending <= 1'b0;
      waited  <= '0;
    end else if (pending) begin
      waited  <= waited + 1'b1;
    end
  end

  // ---- the contract's walk ------------------------------------------------------------------
  // Of the request in acc_*, over mem and ctl_root_i as they are in this cycle.
  logic [ASID_BITS-1:0] acc_asid;
  logic [VA_BITS-1:0]   acc_vaddr;
  logic [1:0]           acc_kind;

  logic [1:0]           sw_fault;              // NONE, PAGE_FAULT, ACCESS_FAULT
  logic [CW-1:0]        sw_reads;              // PTEs read (steps 2)
  logic [PA_BITS-1:0]   sw_addr [OPS];         // the address of each operation
  logic                 sw_write;              // step 7 writes the PTE back
  logic [PTE_BITS-1:0]  sw_wdata;              // ... this value
  logic [PA_BITS-1:0]   sw_paddr;              // step 8's answer
  logic [PPN_BITS-1:0]  sw_ppn;                // the leaf's PPN and {D,U,X,W,R}
  logic [4:0]           sw_perm;

  always @(*) begin : spec_walk
    logic [PA_BITS-1:0]  a;
    int                  i;
    logic                done;
    logic [PTE_BITS-1:0] pte, leaf;
    logic [VPN_BITS-1:0] vpn;
    logic                needs;
    vpn      = acc_vaddr[VA_BITS-1:PAGE_BITS];
    a        = ctl_root_i;                                      // step 1
    i        = LEVELS - 1;
    done     = 1'b0;
    sw_fault = NONE;
    sw_reads = '0;
    sw_write = 1'b0;
    sw_wdata = '0;
    sw_paddr = '0;
    sw_ppn   = '0;
    sw_perm  = '0;
    for (int unsigned k = 0; k < OPS; k++) sw_addr[k] = '0;
    for (int unsigned step = 0; step < LEVELS; step++) begin
      if (!done) begin
        // Step 2: pte at a + vpn[i] * PTE bytes.
        sw_addr[step] = a + ((PA_BITS'(vpn) >> (i * LEVEL_BITS)) & PA_BITS'((1 << LEVEL_BITS) - 1))
                            * PA_BITS'(PTE_BITS / 8);
        pte      = mem[word(sw_addr[step])];
        sw_reads = CW'(step + 1);
        if (!pte[V] || (!pte[R] && pte[W])) begin                // step 3
          sw_fault = PAGE_FAULT;
          done     = 1'b1;
        end else if (!pte[R] && !pte[X]) begin                   // step 4
          if (i == 0) begin
            sw_fault = PAGE_FAULT;
            done     = 1'b1;
          end else begin
            i = i - 1;
            a = PA_BITS'(pte[PPN_LSB +: PPN_BITS]) << PAGE_BITS;
          end
        end else begin
          done = 1'b1;
          if (i > 0) sw_fault = ACCESS_FAULT;                    // step 5
          else begin
            case (acc_kind)                                      // step 6
              READ:    needs = pte[R];
              WRITE:   needs = pte[W];
              EXEC:    needs = pte[X];
              default: needs = 1'b0;
            endcase
            if (!(needs && pte[U])) sw_fault = ACCESS_FAULT;
            else begin
              leaf = pte;
              if (!pte[A] || (acc_kind == WRITE && !pte[D])) begin  // step 7
                leaf[A] = 1'b1;
                if (acc_kind == WRITE) leaf[D] = 1'b1;
                sw_write = 1'b1;
                sw_wdata = leaf;
                sw_addr[step + 1] = sw_addr[step];
              end
              sw_ppn   = leaf[PPN_LSB +: PPN_BITS];                   // step 8
              sw_perm  = {leaf[D], leaf[U], leaf[X], leaf[W], leaf[R]};
              sw_paddr = {sw_ppn, acc_vaddr[PAGE_BITS-1:0]};
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
  logic [4:0]           ex_perm;
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
        acc_asid   <= req_asid_i;
        acc_vaddr  <= req_vaddr_i;
        acc_kind   <= req_kind_i;
      end else if (open) begin
        if (rsp_valid_o) open <= 1'b0;
        lat <= lat + 1'b1;
        if (mem_req_o)    ops   <= ops + 1'b1;
        if (mem_rvalid_i) waits <= waits + waited;
        if (ctl_inval_i)  inval_seen <= 1'b1;
      end
      if (lookup) begin
        ex_fault <= sw_fault;
        ex_reads <= sw_reads;
        for (int unsigned k = 0; k < OPS; k++) ex_addr[k] <= sw_addr[k];
        ex_write <= sw_write;
        ex_wdata <= sw_wdata;
        ex_paddr <= sw_paddr;
        ex_ppn   <= sw_ppn;
        ex_perm  <= sw_perm;
      end
    end
  end

  // The contract's lookup verdict, from the TLB's answer in LOOKUP.
  logic tlb_allows, tlb_hit;
  always @(*) begin
    case (acc_kind)
      READ:    tlb_allows = tlb_perm_i[3] && tlb_perm_i[0];
      WRITE:   tlb_allows = tlb_perm_i[3] && tlb_perm_i[1];
      EXEC:    tlb_allows = tlb_perm_i[3] && tlb_perm_i[2];
      default: tlb_allows = 1'b0;
    endcase
    tlb_hit = tlb_match_i && (!tlb_allows || !(acc_kind == WRITE && !tlb_perm_i[4]));
  end

  // ---- properties ------------------------------------------------------------------------------
  logic [CW-1:0] n_ops;   // the operations the walk needs
  assign n_ops = ex_reads + CW'(ex_write);

  always @(posedge clk_i) begin
    if (rst_ni) begin
      // Bookkeeping the proof rests on: the access and the memory as the ports show them.
      f_open_is_busy: assert (open == !req_ready_o);
      f_mem_waits:    assert (!pending || (waited >= 1 && waited <= CW'(LMAX)));
      f_one_op:       assert (!(mem_req_o && pending));
      f_latency:      assert (!open || (lat >= 1 && lat <= CW'(BOUND)));

      f_key:          assert (!open || (tlb_asid_o == acc_asid
                                        && tlb_vpn_o == acc_vaddr[VA_BITS-1:PAGE_BITS]));
      f_cmp:          assert (tlb_cmp_en_o == accept && (!accept
                              || (tlb_cmp_asid_o == req_asid_i
                                  && tlb_cmp_vpn_o == req_vaddr_i[VA_BITS-1:PAGE_BITS])));
      if (lookup) begin
        f_lookup:     assert (rsp_valid_o == tlb_hit && !mem_req_o && !tlb_fill_o
                              && (!tlb_hit || (rsp_hit_o
                                  && rsp_fault_o == (tlb_allows ? NONE : ACCESS_FAULT)
                                  && rsp_paddr_o == (tlb_allows ? {tlb_ppn_i,
                                                     acc_vaddr[PAGE_BITS-1:0]} : '0))));
        f_touch:      assert (tlb_touch_o == tlb_hit);
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
        f_fill:       assert (tlb_fill_o == (rsp_valid_o && ex_fault == NONE
                                             && !inval_seen && !ctl_inval_i)
                              && (!tlb_fill_o || (tlb_fill_ppn_o == ex_ppn
                                                  && tlb_fill_perm_o == ex_perm)));
      end
      f_fill_only_walk: assert (open && !lookup || !tlb_fill_o);
      f_rsp_when_open:  assert (!rsp_valid_o || open);

      // The walk's outcomes are all reachable (a proof over an empty set proves nothing).
      c_walk_ok:     cover (open && !lookup && rsp_valid_o && ex_fault == NONE && ex_reads == 2);
      c_walk_write:  cover (open && !lookup && rsp_valid_o && ex_write && acc_kind == WRITE);
      c_walk_page:   cover (open && !lookup && rsp_valid_o && ex_fault == PAGE_FAULT && ex_reads == 2);
      c_walk_super:  cover (open && !lookup && rsp_valid_o && ex_fault == ACCESS_FAULT && ex_reads == 1);
      c_walk_filled: cover (tlb_fill_o);
    end
  end
endmodule

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""make mutants: does make test's co-simulation catch small deliberate RTL bugs?

Each mutant below is one small edit of rtl/*.sv. For each, a copy of the project is
made under build/mutants/<name>/ (the files git knows, tracked or new, with their
times), the edit is applied there (it must change the text exactly as written: a
mutant whose text no longer matches is an error, not a pass), the vmsim of each
configuration the mutant lists is built inside the copy, and make test's
co-simulation checks are run against it, in this order, per configuration:

  textbook     tests/cosim/t_cosim.sh: ../shared/osc through vmsim (osc-1x16 only):
               stdout = correct.txt and 0 mismatches; then vmsim = vmref for
               -n 128 fifo/lru/lru-walk and -n 64 clock
  cosim        tests/cosim/t_cosim.sh: tests/cosim/cosim_random.py --config CFG --cases 60
               --seed 1 (the very cases make test runs)
and last, over every configuration built for the mutant:
  beyond       tests/cli/t_beyond.sh itself, run in the copy: writes surviving eviction,
               process isolation, faults under memory maps, a real program's lackey
               trace (in vmsim wherever the copy has the build t_beyond uses for a
               preset: osc-1x16, sv32-4x4, sv39-1x16, sv48-1x16)
  vectors      tests/cosim/t_vectors_rtl.sh: MMU test vectors on vmsim --vectors, the RTL
               and the model in lock step request by request (runs worked out by hand
               for osc, sv32 and sv39; tests/vectors/*.vec on the builds of their preset)
  gaps         tests/rtl/t_mutant_gaps.sh: directed RTL checks for what an OS-driven
               co-simulation cannot reach (U = 0, superpages, reserved PTEs,
               INVAL_ASID, invalidation during a walk)
  rude         tests/rtl/t_rude.sh: a driver as rude as the port contract allows,
               checked cycle by cycle against the model (every input changed in every
               cycle it may be, invalidations in every phase, resets mid-walk)

The copies' checks compare with the parent's build/vmref (and use its tracegen): the
model is not mutated, only rtl/ is (apply_mutant refuses anything else).

A mutant is CAUGHT when a check reports a mismatch (vmsim exit 3), an RTL assertion
(exit 1, "assertion failed"), a hang, a crash of the Verilated model, a difference
(vmsim against correct.txt or vmref) or a FAIL line of a test. A check that exits
non-zero without any of these (a missing file, vmref failing, a Python traceback)
is a harness ERROR, never a catch: the row says so with the tail of its stderr, and
the exit status is 1. By default a mutant stops at its first catch; --all runs every
check (the docs list every catcher).

A baseline copy with no edit runs every check on every configuration first: if it
fails, the checks themselves are broken and nothing else means anything (exit 1).
Exit status: 0 if every mutant is caught, 1 otherwise (or on a build error).
tests/cosim/t_mutants_selfcheck.sh (make test) runs the baseline and one mutant.

Verilator runs with -Wno-fatal in the copies: a mutant may leave a signal unused,
which -Wall would flag; the "lint" column says whether it did (the project's own
build would have refused it before any test ran).

    python3 tools/mutants.py [--only a,b] [--all] [--jobs 2] [--write docs/mutants.md]
                             [--dir build/mutants] [--vmref build/vmref] [--configs] [--list]
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))

# ---- the mutants ------------------------------------------------------------------
# edits: (old, new) pairs applied in order, each old text must occur exactly once
# (or ("re", pattern, repl, count): a regular expression that must match count times).
# configs: the builds to test it on (from make test's COSIM_CONFIGS), most telling first.
MUTANTS = [
    dict(name="victim_newest", file="rtl/tlb.sv",
         breaks="victim is the way of rank 0 (most recent) instead of WAYS-1",
         edits=[("victim_way = fill_order[32'(RANK_OLDEST)*WAY_BITS +: WAY_BITS];",
                 "victim_way = fill_order[0 +: WAY_BITS];")],
         configs=["osc-1x16", "osc-4x4"]),
    dict(name="victim_off_by_one", file="rtl/tlb.sv",
         breaks="victim is the way of rank WAYS-2 (second oldest)",
         edits=[("RANK_OLDEST = RANK_BITS'(WAYS - 1);", "RANK_OLDEST = RANK_BITS'(WAYS - 2);")],
         configs=["osc-1x16", "osc-4x4"]),
    dict(name="inval_page_ignores_asid", file="rtl/tlb.sv",
         breaks="INVAL_PAGE drops the page in every ASID (compares the page only)",
         edits=[("|| (!k_g(key_q[e]) && k_asid(key_q[e]) == ctl_inval_asid_i)))",
                 "|| (!k_g(key_q[e]))))")],
         configs=["osc-1x16", "sv32-4x4"]),
    dict(name="inval_page_skips_last_way", file="rtl/tlb.sv",
         breaks="INVAL_PAGE never clears way WAYS-1: a stale entry survives",
         edits=[("for (int unsigned w = 0; w < WAYS; w++) begin\n"
                 "                    e = entry_of(s, WAY_BITS'(w));\n"
                 "                    if (k_lvl(key_q[e]) == LVL_BITS'(l) && same_page(k_vpn(key_q[e]), inval_vpn",
                 "for (int unsigned w = 0; w < WAYS - 1; w++) begin\n"
                 "                    e = entry_of(s, WAY_BITS'(w));\n"
                 "                    if (k_lvl(key_q[e]) == LVL_BITS'(l) && same_page(k_vpn(key_q[e]), inval_vpn")],
         configs=["osc-1x16", "osc-4x4"]),
    dict(name="inval_asid_inverted", file="rtl/tlb.sv",
         breaks="INVAL_ASID clears every other ASID and keeps the named one",
         edits=[("k_asid(key_q[st*WAYS + w]) == ctl_inval_asid_i)", "k_asid(key_q[st*WAYS + w]) != ctl_inval_asid_i)")],
         configs=["osc-4x4", "osc-1x16"]),
    dict(name="inval_all_noop", file="rtl/tlb.sv",
         breaks="INVAL_ALL (the --no-asid flush on a process switch) does nothing",
         edits=[("default: valid_d = NONE_VALID;  // INVAL_ALL", "default: ;  // INVAL_ALL")],
         configs=["osc-1x16", "osc-4x4"]),
    dict(name="asid_ignored", file="rtl/tlb.sv",
         breaks="lookup compares the VPN only: another process's entry hits",
         edits=[("key_q[e] == key_of(1'b0, cmp_asid_i, LVL_BITS'(l), cmp_vpn_i)",
                 "key_q[e] == key_of(1'b0, k_asid(key_q[e]), LVL_BITS'(l), cmp_vpn_i)")],
         configs=["osc-1x16", "osc-4x4"]),
    dict(name="set_index_shifted", file="rtl/tlb.sv",
         breaks="set index is VPN >> (l*bits + 1) (off by one bit) instead of (VPN >> l*bits) mod SETS",
         edits=[("wide = {{IDX_BITS{1'b0}}, vpn} >> (32'(lvl) * LEVEL_BITS);",
                 "wide = {{IDX_BITS{1'b0}}, vpn} >> (32'(lvl) * LEVEL_BITS + 1);")],
         configs=["osc-4x4", "osc-16x1", "sv32-4x4"]),
    dict(name="lru_is_fifo", file="rtl/tlb.sv",
         breaks="hits never rank: LRU behaves as FIFO (fills only)",
         edits=[("        if (ctl_policy_i == POL_LRU)\n",
                 "        if (ctl_policy_i == POL_LRU && 1'b0)\n")],
         configs=["osc-1x16", "osc-4x4"]),
    dict(name="fifo_is_lru", file="rtl/tlb.sv",
         breaks="hits rank under FIFO too: FIFO behaves as LRU",
         edits=[("        if (ctl_policy_i == POL_LRU)\n",
                 "        if (!ctl_policy_i[1])\n")],
         configs=["osc-1x16", "osc-4x4"]),
    dict(name="fill_ignores_match", file="rtl/tlb.sv",
         breaks="a write to a clean entry refills a free/victim way, not its own",
         edits=[("if (same_found)      fill_way = way_of(lowest(same_ways));",
                 "if (1'b0)      fill_way = way_of(lowest(same_ways));")],
         configs=["osc-1x16", "osc-4x4"]),
    dict(name="walk_one_level_short", file="rtl/ptw.sv",
         breaks="the walk starts at level LEVELS-2 (one level short)",
         edits=[("level_q    <= TOP_LEVEL;", "level_q    <= TOP_LEVEL - 1'b1;")],
         configs=["sv39-1x16", "sv32-4x4"]),
    dict(name="superpage_accepted", file="rtl/ptw.sv",
         breaks="a misaligned superpage (a leaf above level 0 whose low PPN fields are not 0) is accepted: step 5 off",
         edits=[("end else if (walk_misaligned) begin", "end else if (1'b0) begin")],
         configs=["sv39-1x16", "sv32-4x4"]),
    dict(name="d_never_set", file="rtl/ptw.sv",
         breaks="a write's walk never sets D in the PTE (nor in the TLB)",
         edits=[("if (kind_q == KIND_WRITE) pte_q[PTE_D] <= 1'b1;",
                 "if (kind_q == KIND_WRITE) pte_q[PTE_D] <= 1'b0;")],
         configs=["osc-1x16", "sv39-1x16"]),
    dict(name="a_never_set", file="rtl/ptw.sv",
         breaks="the A/D write-back leaves A as it was (0)",
         edits=[("pte_q[PTE_A] <= 1'b1;", "pte_q[PTE_A] <= rd_a;")],
         configs=["osc-1x16", "sv39-1x16"]),
    dict(name="clean_write_hits", file="rtl/ptw.sv",
         breaks="a write hits a clean TLB entry (no walk, D never reaches memory)",
         edits=[("lookup_hit  = tlb_match_i && (!ok || !(kind_q == KIND_WRITE && !tlb_perm_i[PERM_D]));",
                 "lookup_hit  = tlb_match_i;")],
         configs=["osc-1x16", "sv39-1x16"]),
    dict(name="perm_ignores_u", file="rtl/ptw.sv",
         breaks="U-mode needs no U (a supervisor page is usable by a user access)",
         edits=[("priv_ok = (priv == PRIV_U) ? u :", "priv_ok = (priv == PRIV_U) ? 1'b1 :")],
         configs=["osc-1x16", "sv39-1x16"]),
    dict(name="perm_ignores_w", file="rtl/ptw.sv",
         breaks="a store needs no W (a read-only page is writable)",
         edits=[("KIND_WRITE: allowed = priv_ok && w;", "KIND_WRITE: allowed = priv_ok;")],
         configs=["osc-1x16", "sv39-1x16"]),
    dict(name="faulting_hit_not_ranked", file="rtl/ptw.sv",
         breaks="a TLB hit that faults (page or access) is not an LRU event",
         edits=[("tlb_touch_o = lookup_hit;", "tlb_touch_o = lookup_hit && lookup_fault == FAULT_NONE;")],
         configs=["osc-1x16", "osc-4x4", "sv39-1x16"]),
    dict(name="page_fault_as_access", file="rtl/ptw.sv",
         breaks="an invalid PTE (V = 0) is reported as an access fault, not a page fault",
         edits=[("begin  // step 3\n              state_q <= ST_FAULT;\n              fault_q <= FAULT_PAGE;",
                 "begin  // step 3\n              state_q <= ST_FAULT;\n              fault_q <= FAULT_ACCESS;")],
         configs=["osc-1x16"]),
    dict(name="access_fault_as_page", file="rtl/ptw.sv",
         breaks="a walk's final address beyond physical memory is reported as a page fault, not an access fault",
         edits=[("// step 10's bound\n              state_q <= ST_FAULT;\n              fault_q <= FAULT_ACCESS;",
                 "// step 10's bound\n              state_q <= ST_FAULT;\n              fault_q <= FAULT_PAGE;")],
         configs=["osc-1x16", "sv39-1x16"]),
    dict(name="extra_wait_rvalid", file="rtl/ptw.sv",
         breaks="WAIT_RVALID takes one cycle more (PTE data registered once more)",
         edits=[("  // ---- PTE fields (of the PTE just read)",
                 "  logic                rv_late_q;  // MUTANT: rvalid, data and error, a cycle late\n"
                 "  logic [PTE_BITS-1:0] rd_late_q;\n"
                 "  logic                err_late_q;\n"
                 "  always_ff @(posedge clk_i) begin\n"
                 "    rv_late_q <= rst_ni && mem_rvalid_i && state_q == ST_WAIT_RVALID;\n"
                 "    rd_late_q <= mem_rdata_i;\n"
                 "    err_late_q <= mem_err_i;\n"
                 "  end\n"
                 "  // ---- PTE fields (of the PTE just read)"),
                ("re", r"= mem_rdata_i\[", "= rd_late_q[", 9),
                ("assign rd_rsv = |(mem_rdata_i & PTE_RESERVED);", "assign rd_rsv = |(rd_late_q & PTE_RESERVED);"),
                ("pte_q    <= mem_rdata_i;", "pte_q    <= rd_late_q;"),
                ("if (mem_err_i) begin", "if (err_late_q) begin"),
                ("if (mem_rvalid_i) begin\n            walk_misaligned", "if (rv_late_q) begin\n            walk_misaligned")],
         configs=["osc-1x16"]),
    dict(name="wack_not_awaited", file="rtl/ptw.sv",
         breaks="WAIT_WACK goes on without the write acknowledge (latency L ignored)",
         edits=[("ST_WAIT_WACK: if (mem_rvalid_i) state_q <= ST_FILL;", "ST_WAIT_WACK: state_q <= ST_FILL;")],
         configs=["osc-1x16", "sv39-1x16"]),
    dict(name="exec_only_is_pointer", file="rtl/ptw.sv",
         breaks="an execute-only leaf (R = W = 0, X = 1) is taken for a pointer",
         edits=[("end else if (!rd_r && !rd_x) begin", "end else if (!rd_r) begin")],
         configs=["osc-1x16", "sv39-1x16"]),
    dict(name="pte_addr_or", file="rtl/ptw.sv",
         breaks="the PTE address ORs the index into the table base instead of adding it",
         edits=[("assign pte_addr = table_q + (PA_BITS'(vpn_slice[level_q]) << PTE_SHIFT);",
                 "assign pte_addr = table_q | (PA_BITS'(vpn_slice[level_q]) << PTE_SHIFT);")],
         configs=["osc-1x16", "sv39-1x16"]),
    dict(name="inval_in_walk_kept", file="rtl/ptw.sv",
         breaks="an invalidation during a walk does not drop the walk's fill",
         edits=[("if (ctl_inval_i) drop_q <= 1'b1;", "if (1'b0) drop_q <= 1'b1;")],
         configs=["osc-1x16", "osc-4x4"]),
    # ---- cycle-level races and environments the OS-driven harness never makes: a driver
    # that holds nothing, invalidates in any cycle, varies each memory latency, changes
    # the root outside LOOKUP, resets mid-walk (docs/contract.md, "What a driver may do
    # in any cycle"); caught by tests/rtl/t_rude.sh.
    dict(name="req_relatched_in_lookup", file="rtl/ptw.sv",
         breaks="the walk takes the address from the request port again in LOOKUP, a cycle after acceptance",
         edits=[("            level_q    <= TOP_LEVEL;\n",
                 "            level_q    <= TOP_LEVEL;\n            vaddr_q    <= req_vaddr_i;\n")],
         configs=["osc-1x16", "sv39-1x16"]),
    dict(name="tlb_cmp_on_valid", file="rtl/ptw.sv",
         breaks="the TLB compares whatever key is offered (req_valid_i alone), also while busy: "
                "a request offered during a walk moves the walk's matched way",
         edits=[("assign tlb_cmp_en_o   = req_valid_i && req_ready_o;", "assign tlb_cmp_en_o   = req_valid_i;")],
         # Since issue 16 the TLB registers the compare's whole verdict and LOOKUP, the
         # cycle after the compare, is its only reader: a compare while busy changes no
         # port (an equivalent mutant). The proof that holds the compare's registers to
         # the access under way (f_vhits_current, f_first_current) still sees it.
         configs=["osc-1x16", "osc-4x4"], formal="mmu_osc_1x4"),
    dict(name="inval_at_accept_ignored", file="rtl/tlb.sv",
         breaks="the lookup uses the compare of the accepting edge without the valid bits after it: "
                "an invalidation in the accepting cycle is missed (a stale hit)",
         edits=[("lu_hits   = lu_hits_q & probed_valid(lu_vpn_i);", "lu_hits   = lu_hits_q;")],
         configs=["osc-1x16", "osc-4x4"]),
    dict(name="inval_in_write_kept", file="rtl/ptw.sv",
         breaks="an invalidation while the A/D write is issued or acknowledged does not drop the fill",
         edits=[("if (ctl_inval_i) drop_q <= 1'b1;",
                 "if (ctl_inval_i && state_q inside {ST_IDLE, ST_LOOKUP, ST_READ_PTE, ST_WAIT_RVALID}) drop_q <= 1'b1;")],
         configs=["osc-1x16", "sv39-1x16"]),
    dict(name="root_read_at_issue", file="rtl/ptw.sv",
         breaks="the top-level PTE address takes ctl_satp_i's PPN when the read is issued, not as it was in LOOKUP",
         edits=[("assign pte_addr = table_q + (PA_BITS'(vpn_slice[level_q]) << PTE_SHIFT);",
                 "assign pte_addr = (level_q == TOP_LEVEL ? {ctl_satp_i[PPN_BITS-1:0], {PAGE_BITS{1'b0}}} : table_q)"
                 " + (PA_BITS'(vpn_slice[level_q]) << PTE_SHIFT);")],
         configs=["osc-1x16", "sv39-1x16"]),
    dict(name="tlb_valid_not_reset", file="rtl/tlb.sv",
         breaks="reset does not clear the TLB's valid bits: entries survive a reset after the first",
         edits=[("      valid_q    <= NONE_VALID;\n", "")],
         configs=["osc-1x16", "osc-4x4"]),
    dict(name="victim_rank_pow2", file="rtl/tlb.sv",
         breaks="the victim is the way in rank slot 2^clog2(WAYS)-1: WAYS-1 only when WAYS is a "
                "power of two, else a slot past the row (Verilator warns, but only on such a build)",
         edits=[("RANK_OLDEST = RANK_BITS'(WAYS - 1);", "RANK_OLDEST = RANK_BITS'((1 << $clog2(WAYS)) - 1);")],
         configs=["osc-1x16", "osc-16x1", "osc-1x3"]),
    # ---- issue 15: side effects nobody compared, bits nobody toggled ----------------
    # Each survived make test before the check compared the walker's memory operations
    # and every field of each answer (harness/mmu/mmu_if.h's per-access log), and before
    # the random co-simulation placed memory and ASIDs high (--pa-base, --asid-base,
    # --asid-step): the OS used ASIDs 0..4 and physical addresses far below the top.
    dict(name="fault_paddr_not_zero", file="rtl/ptw.sv",
         breaks="a walk's fault answers the leaf's physical address instead of 0",
         edits=[("        rsp_fault_o = fault_q;\n",
                 "        rsp_fault_o = fault_q;\n        rsp_paddr_o = page_pa(pte_q[PTE_PPN_LSB +: PPN_BITS], level_q);\n")],
         configs=["osc-1x16", "sv39-1x16"]),
    dict(name="ad_write_drops_d", file="rtl/ptw.sv",
         breaks="the A/D write-back stores D = 0 (the TLB still gets D = 1)",
         edits=[("    mem_wdata_o       = pte_q;",
                 "    mem_wdata_o       = pte_q & ~(PTE_BITS'(1) << PTE_D);")],
         configs=["osc-1x16", "sv39-1x16"]),
    dict(name="ad_write_drops_rsw", file="rtl/ptw.sv",
         breaks="the A/D write-back is rebuilt from the fields the walker uses: RSW (bits 8-9) stored as 0",
         edits=[("    mem_wdata_o       = pte_q;",
                 "    mem_wdata_o       = {pte_q[PTE_BITS-1:PTE_PPN_LSB], 2'b00, pte_q[7:0]};")],
         configs=["osc-1x16", "sv39-1x16"]),
    dict(name="ad_write_high_word_dropped", file="rtl/ptw.sv",
         breaks="the A/D write-back of a 64-bit PTE stores its low 32 bits only (PPN bits 22+ lost)",
         edits=[("    mem_wdata_o       = pte_q;",
                 "    mem_wdata_o       = PTE_BITS'(pte_q[31:0]);")],
         configs=["sv39-1x16", "sv48-1x16"]),
    dict(name="ad_write_addr_top_bit", file="rtl/ptw.sv",
         breaks="the A/D write's address drops the top physical address bit",
         edits=[("    mem_addr_o        = pte_addr;",
                 "    mem_addr_o        = (state_q == ST_WRITE_PTE) ? pte_addr & ~(PA_BITS'(1) << (PA_BITS - 1))"
                 " : pte_addr;")],
         configs=["osc-1x16", "sv39-1x16"]),
    dict(name="fill_ppn_top_bit", file="rtl/ptw.sv",
         breaks="the TLB fill drops the PPN's top bit (the walk's own answer is right)",
         edits=[("    tlb_fill_ppn_o    = (HAS_L2 && l2_q) ? l2_ppn_i : pte_q[PTE_PPN_LSB +: PPN_BITS];",
                 "    tlb_fill_ppn_o    = (HAS_L2 && l2_q) ? l2_ppn_i : pte_q[PTE_PPN_LSB +: PPN_BITS]"
                 " & ~(PPN_BITS'(1) << (PPN_BITS - 1));")],
         configs=["osc-1x16", "sv39-1x16"]),
    dict(name="asid_reg_top_bit", file="rtl/ptw.sv",
         breaks="satp's ASID is registered for the walk without its top bit (fills carry the wrong key)",
         edits=[("        satp_asid   <= ctl_satp_i[PPN_BITS +: ASID_BITS];",
                 "        satp_asid   <= ctl_satp_i[PPN_BITS +: ASID_BITS] & ~(ASID_BITS'(1) << (ASID_BITS - 1));")],
         configs=["osc-1x16", "osc-4x4"]),
    dict(name="asid_top_bit_ignored", file="rtl/tlb.sv",
         breaks="the lookup ignores the ASID's top bit: a process 0x8000 ASIDs away hits",
         edits=[("(PROBES'(key_q[e] == key_of(1'b0, cmp_asid_i, LVL_BITS'(l), cmp_vpn_i)",
                 "(PROBES'((key_q[e] | (KEY_BITS'(1) << (VPN_BITS + LVL_BITS + ASID_BITS - 1))) == (key_of(1'b0, cmp_asid_i, LVL_BITS'(l), cmp_vpn_i) | (KEY_BITS'(1) << (VPN_BITS + LVL_BITS + ASID_BITS - 1)))")],
         configs=["osc-1x16", "osc-4x4"]),
    dict(name="inval_page_asid_top_bit", file="rtl/tlb.sv",
         breaks="INVAL_PAGE ignores the ASID's top bit: it also drops a process 0x8000 ASIDs away",
         edits=[("|| (!k_g(key_q[e]) && k_asid(key_q[e]) == ctl_inval_asid_i)))",
                 "|| (!k_g(key_q[e]) && (k_asid(key_q[e]) | (ASID_BITS'(1) << (ASID_BITS - 1)))\n"
                 "                                == (ctl_inval_asid_i | (ASID_BITS'(1) << (ASID_BITS - 1))))))")],
         configs=["osc-1x16", "osc-4x4"]),
    # Issue 17's replacement policies (docs/contract.md, "Replacement").
    dict(name="plru_bit_flipped", file="rtl/tlb.sv",
         breaks="a PLRU event points each node of its path toward the way, not away from it",
         edits=[("plru_touch[(1 << d) - 1 + k] = !way[TREE_DEPTH - 1 - d];",
                 "plru_touch[(1 << d) - 1 + k] = way[TREE_DEPTH - 1 - d];")],
         configs=["osc-1x16", "osc-4x4"], formal="mmu_osc_1x4"),
    dict(name="lfsr_tap_wrong", file="rtl/tlb.sv",
         breaks="the LFSR's tap x^11 (bit 5) taken as bit 4: another sequence than the model's",
         edits=[("lfsr_q <= {lfsr_q[0] ^ lfsr_q[2] ^ lfsr_q[3] ^ lfsr_q[5], lfsr_q[15:1]};",
                 "lfsr_q <= {lfsr_q[0] ^ lfsr_q[2] ^ lfsr_q[3] ^ lfsr_q[4], lfsr_q[15:1]};")],
         configs=["osc-1x16", "osc-4x4"]),
    dict(name="lfsr_steps_every_fill", file="rtl/tlb.sv",
         breaks="the LFSR steps on every fill under random, not only on those that take the victim",
         edits=[("        else if (!same_found && !free_found)\n",
                 "        else if (1'b1)\n")],
         configs=["osc-1x16", "osc-4x4"]),
]

CHECK_TIMEOUT = 300  # seconds; a hang counts as caught (make test would not finish)


class Env:
    def __init__(self, args):
        self.args = args
        self.vmref = os.path.join(ROOT, args.vmref)
        self.tracegen = os.path.join(ROOT, "build/tracegen")
        self.backing = os.path.join(ROOT, "build/traces/backing.bin")
        self.osc = os.path.abspath(os.environ.get("OSC", os.path.join(ROOT, "../shared/osc")))
        self.have_osc = all(os.access(os.path.join(self.osc, f), os.R_OK)
                            for f in ("addresses.txt", "BACKING_STORE.bin", "correct.txt"))
        self.dir = os.path.abspath(os.path.join(ROOT, args.dir))
        # The tests in a copy use the parent's vmref and tracegen: the model is not
        # mutated (every mutant edits rtl/ only), and a caller's VMREF (make test's
        # ASan build, say) or COSIM_* must not change what a copy checks.
        self.child_env = {k: v for k, v in os.environ.items()
                          if k not in ("COSIM_CONFIGS", "COSIM_CASES", "COSIM_SEED")}
        self.child_env.update(VMREF=self.vmref, TRACEGEN=self.tracegen, OSC=self.osc)


def sh(cmd, cwd, timeout=CHECK_TIMEOUT, **kw):
    """Runs cmd; returns (rc, stdout, stderr); rc None on a timeout."""
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                           errors="replace", **kw)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        return None, out, "timeout"


class HarnessError(Exception):
    """A check could not run (a missing file, a crash of the harness, a failure of
    the unmutated vmref): the check says nothing about the RTL, so it is no catch."""


def tail(text, n=6, width=600):
    """The last n non-empty lines of text, on one line (a report's cell)."""
    lines = [l.strip() for l in text.strip().splitlines() if l.strip()][-n:]
    return (" / ".join(lines) or "(empty)")[-width:]


def vmsim_failed(rc, err):
    """What kind of catch a failing vmsim run is; a HarnessError if it is none:
    only a mismatch (exit 3), an RTL assertion, a hang or a crash of the Verilated
    model is the RTL's doing.  Exit 1 or 2 with neither is vmsim refusing to run."""
    if rc is None:
        return "hang (timeout)"
    if "assertion failed" in err:
        return "RTL assertion"
    if rc == 3 or "MISMATCH" in err:
        return "mismatch"
    if rc < 0:
        return f"crash (signal {-rc})"
    raise HarnessError(f"vmsim exit {rc} without a mismatch or an assertion; stderr ends: {tail(err)}")


def test_failed(rc, out, err):
    """A tests/t_*.sh run in the copy: the first FAIL line is the catch.  Exit
    non-zero without a FAIL line (or no #counts line at all) is a HarnessError."""
    if rc is None:
        return "hang (timeout)"
    fails = [l[5:] for l in out.splitlines() if l.startswith("FAIL ")]
    if not fails:
        if rc == 0 and re.search(r"^#counts \d+ 0 \d+$", out, re.M):
            return ""
        raise HarnessError(f"exit {rc} without a FAIL line; stderr ends: {tail(err or out)}")
    kind = "RTL assertion" if "assertion failed" in out + err else \
        "mismatch" if "MISMATCH" in out + err else f"wrong result (exit {rc})"
    return f"{kind}: {fails[0]}"


# ---- the copy ---------------------------------------------------------------------
def make_copy(dest):
    if os.path.exists(dest):
        shutil.rmtree(dest)
    os.makedirs(dest)
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    files = [f for f in files if f and os.path.isfile(os.path.join(ROOT, os.fsdecode(f)))]
    tar = subprocess.Popen(["tar", "-c", "--null", "-T", "-", "-f", "-"], cwd=ROOT,
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    untar = subprocess.Popen(["tar", "-x", "-f", "-", "-C", dest], stdin=tar.stdout)
    tar.stdout.close()
    tar.stdin.write(b"\0".join(files) + b"\0")
    tar.stdin.close()
    if tar.wait() or untar.wait():
        raise RuntimeError("copying the project failed")
    # The C objects, with their times: make rebuilds only what is out of date.
    if os.path.isdir(os.path.join(ROOT, "build/obj")):
        shutil.copytree(os.path.join(ROOT, "build/obj"), os.path.join(dest, "build/obj"))


def apply_mutant(dest, m):
    # The RTL alone is mutated: the model (vmref, and vmsim's lock-step reference)
    # and the harness are what the RTL is checked against.
    if not m["file"].startswith("rtl/"):
        raise RuntimeError(f"{m['name']}: mutates {m['file']}, not the RTL (rtl/)")
    path = os.path.join(dest, m["file"])
    with open(path) as f:
        text = orig = f.read()
    for e in m["edits"]:
        if e[0] == "re":
            _, pat, repl, count = e
            text, n = re.subn(pat, repl, text)
            if n != count:
                raise RuntimeError(f"{m['name']}: /{pat}/ matched {n} times in {m['file']}, want {count}")
        else:
            old, new = e
            n = text.count(old)
            if n != 1:
                raise RuntimeError(f"{m['name']}: the text to mutate occurs {n} times in {m['file']}"
                                   f" (want 1): {old.splitlines()[0]!r}")
            text = text.replace(old, new)
    if text == orig:
        raise RuntimeError(f"{m['name']}: the edit changed nothing")
    with open(path, "w") as f:
        f.write(text)


def build(dest, cfg, log):
    """Builds build/<cfg>/vmsim in the copy. Seeds it with the parent's Verilator
    output of the same configuration: the runtime objects (verilated*.o, ~20 s of
    g++) are then reused, only the model itself is re-verilated and recompiled."""
    preset, geom, *rest = cfg.split("-")  # CONFIG-SxW[-iSxW][-pN]: the Makefile's names
    itlb = [x for x in rest if x.startswith("i")]
    pwc = next((x[1:] for x in rest if x.startswith("p")), "0")
    l2 = next((x[1:].split("x") for x in rest if x.startswith("L")), ("1", "0"))  # -LSxW
    sets, ways = geom.split("x")
    isets, iways = itlb[0][1:].split("x") if itlb else ("1", "0")
    src = os.path.join(ROOT, "build", cfg, "verilated")
    vdir = os.path.join(dest, "build", cfg, "verilated")
    if os.path.isdir(src) and not os.path.exists(vdir):
        shutil.copytree(src, vdir)
    mk = ["make", "--no-print-directory", f"CONFIG={preset}", f"TLB_SETS={sets}",
          f"TLB_WAYS={ways}", f"ITLB_SETS={isets}", f"ITLB_WAYS={iways}", f"PWC_ENTRIES={pwc}",
          f"L2_SETS={l2[0]}", f"L2_WAYS={l2[1]}",
          "VERILATOR=verilator -Wno-fatal"]
    rc, out, err = sh(mk + [f"build/{cfg}/verilated/Vsim_top.mk"], dest, timeout=900)
    log.write(out + err)
    if rc != 0:
        return False, False
    lint = "%Warning" in out + err
    now = time.time()
    for o in ("verilated.o", "verilated_fst_c.o", "verilated_threads.o"):
        p = os.path.join(vdir, o)
        if os.path.exists(p):
            os.utime(p, (now, now))
    rc, out, err = sh(mk + [f"build/{cfg}/vmsim"], dest, timeout=900)
    log.write(out + err)
    return rc == 0, lint


# ---- the checks (each mirrors a part of make test) ------------------------------------
def check_textbook(env, dest, cfg):
    """tests/cosim/t_cosim.sh: the textbook through make sim's command, then four policies."""
    if cfg != "osc-1x16" or not env.have_osc:
        return None
    vmsim = os.path.join(dest, "build", cfg, "vmsim")
    trace = os.path.join(env.osc, "addresses.txt")
    rc, out, err = sh([vmsim, "-f", trace, "-n", "256", "-p", "fifo", "--tlb-sets", "1", "--tlb-ways",
                       "16", "--config", "osc", "--mem-latency", "1"], dest)
    with open(os.path.join(env.osc, "correct.txt")) as f:
        want = f.read()
    if rc != 0:
        return vmsim_failed(rc, err)
    if out != want:
        return "wrong result: stdout differs from correct.txt"
    if "vmsim: 1000 accesses compared, 0 mismatches" not in err:
        raise HarnessError(f"vmsim exit 0 without its '0 mismatches' line; stderr ends: {tail(err)}")
    for pol in ("-n 128 -p fifo", "-n 128 -p lru", "-n 128 -p lru-walk", "-n 64 -p clock"):
        rc, ref, rerr = sh([env.vmref, "-q", "-f", trace, *pol.split()], dest)
        if rc != 0:
            raise HarnessError(f"vmref {pol}: exit {rc}; stderr ends: {tail(rerr)}")
        rc, out, err = sh([vmsim, "-q", "-f", trace, *pol.split()], dest)
        if rc != 0:
            return f"{vmsim_failed(rc, err)} ({pol})"
        if out != ref:
            return f"wrong result ({pol}): vmsim prints otherwise than vmref"
        if " 0 mismatches" not in err:
            raise HarnessError(f"vmsim {pol}: exit 0 without its '0 mismatches' line; stderr ends: {tail(err)}")
    return ""


FAIL_COSIM = re.compile(r"^FAIL cosim \S+ case (\d+) \(seed \d+\): exit (-?\d+)(?:; (.*))?$")


def check_cosim(env, dest, cfg):
    """tests/cosim/t_cosim.sh: tests/cosim/cosim_random.py on the cases make test runs, with the
    copy's (mutated) vmsim and the parent's vmref (the model, which no mutant edits)."""
    rc, out, err = sh([sys.executable, "tests/cosim/cosim_random.py", "--config", cfg,
                       "--cases", str(env.args.cases), "--seed", str(env.args.seed),
                       "--jobs", "1", "--tracegen", env.tracegen, "--backing", env.backing,
                       "--vmref", env.vmref], dest, env=env.child_env)
    if rc is None:
        return "hang (timeout)"
    ok = re.search(r"^cosim: (\d+) cases with 0 mismatches, (\d+) failing$", out, re.M)
    if rc == 0 and ok and ok.group(1) == str(env.args.cases) and ok.group(2) == "0":
        return ""
    # Each failing case: its FAIL line, then vmsim's stderr (indented).
    cases, harness = [], []
    for block in re.split(r"\n(?=FAIL )", out):
        m = FAIL_COSIM.match(block.split("\n", 1)[0])
        if not m:
            continue
        case, vrc, why = m.group(1), int(m.group(2)), m.group(3) or ""
        if vrc == 0 and why.startswith("vmref and vmsim "):
            kind = "vmsim differs from vmref"
        else:
            try:
                kind = vmsim_failed(vrc, block) if vrc != 0 else None
            except HarnessError:
                kind = None
        if kind and not why.startswith("vmref exit"):
            cases.append((case, kind))
        else:
            harness.append(f"case {case}: exit {vrc}{'; ' + why if why else ''}: {tail(block, 3)}")
    if not cases:
        raise HarnessError(f"cosim_random.py exit {rc} without a case failing by a mismatch, an assertion"
                           f" or a difference; " + (harness[0] if harness else f"stderr ends: {tail(err or out)}"))
    extra = f"; {len(harness)} more failed without a catch" if harness else ""
    return f"{cases[0][1]} ({len(cases)} of {env.args.cases} cases fail, first case {cases[0][0]}{extra})"


def check_beyond(env, dest):
    """tests/cli/t_beyond.sh, run in the copy against whatever vmsim builds it has."""
    rc, out, err = sh(["make", "-s", "--no-print-directory", "default-inputs"], dest, timeout=900)
    if rc != 0:
        raise HarnessError(f"make default-inputs in the copy failed: {tail(err)}")
    rc, out, err = sh(["bash", "tests/cli/t_beyond.sh"], dest, env=env.child_env)
    return test_failed(rc, out, err)


def check_rude(env, dest, cfgs):
    """tests/rtl/t_rude.sh on the configurations built for this mutant (and no other)."""
    if not os.path.exists(os.path.join(dest, "tests/rtl/t_rude.sh")):
        return None
    rc, out, err = sh(["bash", "tests/rtl/t_rude.sh"], dest,
                      env={**env.child_env, "COSIM_CONFIGS": " ".join(cfgs), "RUDE_EXTRA_CONFIGS": ""})
    if re.search(r"^FAIL rude \S+: build:", out, re.M):
        raise HarnessError("tests/rtl/rtl_rude.c did not build: " + tail(out, 2))
    return test_failed(rc, out, err)


def check_vectors(env, dest, cfgs):
    """tests/cosim/t_vectors_rtl.sh in the copy, on the configurations built for this
    mutant: MMU test vectors through vmsim --vectors (its own, worked out by hand, for
    osc, sv32 and sv39; tests/vectors/*.vec when the tree has them), the RTL in lock step
    with the model request by request; and tests/cosim/t_vectors_pwc.sh, the page-walk
    cache's, on build/sv39-1x16-p8 when this mutant has it."""
    if not os.path.exists(os.path.join(dest, "tests/cosim/t_vectors_rtl.sh")):
        return None
    rc, out, err = sh(["bash", "tests/cosim/t_vectors_rtl.sh"], dest,
                      env={**env.child_env, "COSIM_CONFIGS": " ".join(cfgs)})
    caught = test_failed(rc, out, err)
    # The second-level TLB's vectors, on the build they run on (and only there).
    if not caught and "sv39-1x4-L16x4-p4" in cfgs and os.path.exists(os.path.join(dest, "tests/cosim/t_vectors_l2.sh")):
        rc, out, err = sh(["bash", "tests/cosim/t_vectors_l2.sh"], dest, env=env.child_env)
        caught = test_failed(rc, out, err)
    if caught or "sv39-1x16-p8" not in cfgs or not os.path.exists(os.path.join(dest, "tests/cosim/t_vectors_pwc.sh")):
        return caught
    rc, out, err = sh(["bash", "tests/cosim/t_vectors_pwc.sh"], dest, env=env.child_env)
    return test_failed(rc, out, err)


def check_gaps(env, dest, cfgs):
    """tests/rtl/t_mutant_gaps.sh on the configurations built for this mutant."""
    if not os.path.exists(os.path.join(dest, "tests/rtl/t_mutant_gaps.sh")):
        return None
    rc, out, err = sh(["bash", "tests/rtl/t_mutant_gaps.sh"], dest,
                      env={**env.child_env, "COSIM_CONFIGS": " ".join(cfgs)})
    if re.search(r"^FAIL gaps \S+: build:", out, re.M):
        raise HarnessError("tests/rtl/rtl_gaps.c did not build: " + tail(out, 2))
    return test_failed(rc, out, err)


PER_CONFIG = [("textbook", check_textbook), ("cosim", check_cosim)]


def run_one(env, m):
    """Copies, mutates, builds and checks one mutant; returns its row."""
    t0 = time.time()
    name = m["name"]
    dest = os.path.join(env.dir, name)
    row = dict(name=name, file=m.get("file", ""), breaks=m["breaks"], configs=m["configs"],
               caught=[], lint=False, error="", seconds=0.0)
    stop = not env.args.all and name != "baseline"
    try:
        make_copy(dest)
        if m.get("edits"):
            apply_mutant(dest, m)
        built = []

        def check(cname, fn):
            """Runs one check; True when the mutant stops here (caught, in the default mode)."""
            try:
                r = fn()
            except HarnessError as e:
                raise HarnessError(f"the harness failed in {cname} (not a catch): {e}") from None
            if r:
                row["caught"].append((cname, r))
            return bool(r) and stop

        with open(os.path.join(dest, "build", "mutant-build.log"), "w") as log:
            for cfg in m["configs"]:
                ok, lint = build(dest, cfg, log)
                row["lint"] |= lint
                if not ok:
                    row["error"] = (f"build of {cfg} failed (see "
                                    f"{os.path.relpath(dest, ROOT)}/build/mutant-build.log)")
                    return row
                built.append(cfg)
                for cname, fn in PER_CONFIG:
                    if check(f"{cname} {cfg}", lambda: fn(env, dest, cfg)):
                        return row
        for cname, fn in (("beyond", lambda: check_beyond(env, dest)),
                          ("vectors " + " ".join(built), lambda: check_vectors(env, dest, built)),
                          ("gaps " + " ".join(built), lambda: check_gaps(env, dest, built)),
                          ("rude " + " ".join(built), lambda: check_rude(env, dest, built))):
            if check(cname, fn):
                return row
    except Exception as e:  # a mutant that does not apply is an error in this list
        row["error"] = str(e)
    finally:
        row["seconds"] = time.time() - t0
    return row


# ---- report ------------------------------------------------------------------------------
def table(rows, full):
    out = ["| mutant | file | what it breaks | caught by (first check) | how | lint | time |",
           "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        if r["error"]:
            by, what = "**ERROR**", r["error"]
        elif r["caught"]:
            by, what = r["caught"][0]
            if full and len(r["caught"]) > 1:
                by += " (also: " + ", ".join(c[0] for c in r["caught"][1:]) + ")"
        else:
            by, what = "**NOT CAUGHT**", "configs " + ", ".join(r["configs"])
        file = os.path.basename(r["file"])
        lint = "warns" if r["lint"] else "clean"
        what = what.replace("|", "\\|")
        out.append(f"| {r['name']} | {file} | {r['breaks']} | {by} | {what} | {lint} | {r['seconds']:.0f} s |")
    return "\n".join(out)


DOC_HEAD = """# Mutation check: does the co-simulation catch real RTL bugs?

`make mutants` applies each of the small deliberate bugs below to a copy of the project
(`build/mutants/<name>/`), builds the mutated RTL's `vmsim` for the configurations the
mutant lists, and runs `make test`'s co-simulation checks against it: the textbook
(`tests/cosim/t_cosim.sh`), `tests/cosim/cosim_random.py` on the same 60 cases per configuration
that `make test` runs, the write-survives-eviction and memory-map checks of
`tests/cli/t_beyond.sh`, and the directed RTL checks of `tests/rtl/t_mutant_gaps.sh`. Only the
RTL is mutated: the checks compare with the project's own `build/vmref`. A mutant is
caught by a reported mismatch (vmsim exit 3), an RTL assertion, a hang, or a wrong
result (output that differs from `correct.txt` or from vmref, a test's FAIL line). A
check that exits non-zero without any of these (a missing file, a traceback, vmref
failing) is a harness ERROR, shown with the end of its stderr, and never a catch. An
unmutated baseline copy passes every check first; `make test` runs that baseline and
one mutant (`tests/cosim/t_mutants_selfcheck.sh`), so a broken harness fails CI. The mutants
are data in `tools/mutants.py` (`MUTANTS`): the exact text each one replaces, and where.

    make mutants                  # every mutant, stop at the first catch, then the table
    make mutants MUTANTS=a,b      # some of them
    make mutants ALL=1            # every check on every mutant (lists every catcher)
    make mutants WRITE=1          # ALL=1, and rewrite this page

"lint" says whether Verilator's `-Wall` warns about the mutated RTL (the project's own
build would then refuse it; the copies build with `-Wno-fatal` so the tests decide).
"""

DOC_TAIL = """
## Gaps found, and how they were closed

The first run left six mutants uncaught by every co-simulation check: `perm_ignores_u`,
`superpage_accepted`, `exec_only_is_pointer`, `pte_addr_or`, `inval_asid_inverted` and
`inval_in_walk_kept`. Each is a part of the RTL the harness's OS never exercises, so the
model and the RTL are never asked to differ there: the OS sets U in every leaf, never
builds a superpage leaf, an execute-only leaf or a reserved (R = 0, W = 1) PTE, aligns
every table to its size (where an OR of the index equals the add the contract needs for
a merely page-aligned root), never invalidates one ASID (only one page, or everything
under `--no-asid`), and invalidates only between accesses.

`tests/rtl/t_mutant_gaps.sh` (part of `make test`) closes them: a directed test through the
RTL's C API (`rtl/sim/rtl_capi.h`) with page tables built by hand, run on every built
cosim configuration, checking the contract's answer (docs/contract.md) for a U = 0 leaf
(access fault on read, write and execute), a reserved PTE (page fault), a leaf above
level 0 (access fault), an execute-only leaf, a root at an odd page (osc: the table
crosses a page), INVAL_ASID over entries spread across every set and way, and an
invalidation of each mode during a walk (answered, fill dropped, refilled next time).

Three more were caught by only a few of the 60 random cases of one configuration
(`faulting_hit_not_ranked` 1 case, `inval_page_skips_last_way` 2, `inval_page_ignores_asid`
3): a change to `tests/cosim/cosim_random.py`'s draw could lose them silently. The same
test pins them down directly: an LRU hit that access-faults is an event, INVAL_PAGE of
one ASID keeps the same VPN of another, and INVAL_PAGE clears a page in any way of a
full set.

Mutants considered and left out because no test can tell them apart from the original
(equivalent mutants): a fill into the *highest* invalid way instead of the lowest (way
numbers are invisible outside the TLB: the ranks follow the pages, so every hit and
victim is the same), and the U check dropped from the *hit* path only (an entry with
U = 0 is never filled, since its walk faults).

## Side effects nobody compared, bits nobody toggled (issue 15)

The nine mutants from `fault_paddr_not_zero` to `inval_page_asid_top_bit` were written
against two blind spots. Eight of them survived `make test` before: the check compared
each access's answer but not what the walker wrote to memory, nor the physical address
of a fault (the RTL's adapter masked it to 0 before anyone looked), and the OS used
ASIDs 0 to 4, physical addresses far below the top and PTEs with the ignored bits
clear, so a dropped top bit of an ASID, a PPN or a PTE write address, or a dropped RSW
bit, changed nothing. (`ad_write_drops_d` was caught, by
writes lost on eviction, but only where a case read the page back.) They are caught now
by the co-simulation itself: the check compares, for every access, each memory
operation of the walker (read or write, address, value) and every field of every
answer, in order (the per-access log of `harness/mmu/mmu_if.h`), and
`tests/cosim/cosim_random.py` places memory at the top of the PA space (`--pa-base`),
starts ASIDs anywhere and spaces them so that two processes differ in one high bit
alone (`--asid-base`, `--asid-step`), lets several processes share one working set,
and sets the PTE bits a walker ignores (`--pte-noise`).

## Races nobody provoked, an environment the harness never made (issue 15)

The seven mutants from `req_relatched_in_lookup` to `victim_rank_pow2`, and the six
from `fill_in_inval_cycle` to `hit_ignores_inval`, break what happens in one cycle of a
walk (an invalidation in the accepting, LOOKUP, WRITE_PTE or FILL cycle) or under a
driver ruder than the OS (a request that changes after acceptance, a root changed
mid-walk, a reset with entries valid, a way count that is not a power of two). Two
checks catch them beside the
co-simulation: the rude driver (`tests/rtl/t_rude.sh`: every port the contract lets
change, changed in every cycle, each cycle's outputs checked against the model stepped
by the contract) and the proofs (`make formal`, docs/formal.md), which hold for every
input sequence: `writeback_clears_rsw` and `hit_ignores_inval` are caught by a proof
first.

## A second round, written after the checks

"Fix the classes, not the examples": the six mutants from `d_set_on_exec` to
`free_way_borrow` were written after the checks above were in place, one or two per
class, on lines no earlier mutant touches (a side effect in memory: D set on a fetch,
the write-back's top bit; a field: D filled from A; a race: an invalidation in the
READ_PTE cycle; the environment: a request offered while busy; and the free-way
arithmetic). Each was caught at its first run, with no test added for it.
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="comma-separated mutant names")
    ap.add_argument("--all", action="store_true", help="run every check, not just up to the first catch")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--cases", type=int, default=int(os.environ.get("COSIM_CASES", 60)))
    ap.add_argument("--seed", type=int, default=int(os.environ.get("COSIM_SEED", 1)))
    ap.add_argument("--no-baseline", action="store_true", help="skip the unmutated copy")
    ap.add_argument("--dir", default="build/mutants",
                    help="where the copies are made (relative to the project; default build/mutants)")
    ap.add_argument("--vmref", default="build/vmref",
                    help="the model alone the checks compare with (default build/vmref)")
    ap.add_argument("--write", help="write the markdown page here (implies --all)")
    ap.add_argument("--list", action="store_true", help="list the mutants and exit")
    ap.add_argument("--configs", action="store_true",
                    help="print the configurations the mutants are built in and exit")
    ap.add_argument("--check-edits", action="store_true",
                    help="apply each mutant's edits to a copy of its file (no build, seconds) and exit:"
                         " 1, naming them, if any no longer matches the RTL")
    args = ap.parse_args()
    if args.write:
        args.all = True
    if args.check_edits:
        stale = 0
        with tempfile.TemporaryDirectory() as tmp:
            for m in MUTANTS:
                os.makedirs(os.path.join(tmp, m["name"], os.path.dirname(m["file"])), exist_ok=True)
                shutil.copy(os.path.join(ROOT, m["file"]), os.path.join(tmp, m["name"], m["file"]))
                try:
                    apply_mutant(os.path.join(tmp, m["name"]), m)
                except RuntimeError as e:
                    print(f"mutants: {e}", file=sys.stderr)
                    stale += 1
        print(f"mutants: {len(MUTANTS) - stale} of {len(MUTANTS)} mutants' edits apply to the RTL")
        return 1 if stale else 0
    if args.list:
        for m in MUTANTS:
            print(f"{m['name']:26} {m['file']:12} {','.join(m['configs']):28} {m['breaks']}")
        return 0
    todo = MUTANTS
    if args.only:
        names = args.only.split(",")
        unknown = set(names) - {m["name"] for m in MUTANTS}
        if unknown:
            print(f"mutants: no such mutant: {', '.join(sorted(unknown))}", file=sys.stderr)
            return 1
        todo = [m for m in MUTANTS if m["name"] in names]
    cfgs = []
    for m in todo:
        cfgs += [c for c in m["configs"] if c not in cfgs]
    if args.configs:  # what make mutants builds in the parent first: the selected ones' only
        print(" ".join(cfgs))
        return 0
    env = Env(args)
    for p in (env.vmref, env.tracegen, env.backing):
        if not os.path.exists(p):
            print(f"mutants: {p} is missing (make all tracegen)", file=sys.stderr)
            return 1
    jobs = list(todo)
    if not args.no_baseline:
        jobs.insert(0, dict(name="baseline", file="", breaks="(no edit: every check must pass)",
                            configs=cfgs))
    if not env.have_osc:
        print(f"mutants: {env.osc} is missing: the textbook check is skipped", file=sys.stderr)
    print(f"mutants: {len(todo)} mutants{' and the baseline' if not args.no_baseline else ''},"
          f" {args.jobs} at a time, in {os.path.relpath(env.dir, ROOT)}/", file=sys.stderr, flush=True)
    t0 = time.time()
    rows = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futs = [pool.submit(run_one, env, m) for m in jobs]
        for f in concurrent.futures.as_completed(futs):
            r = f.result()
            state = "ERROR: " + r["error"] if r["error"] else \
                ("caught by " + r["caught"][0][0] if r["caught"] else "NOT CAUGHT")
            if r["name"] == "baseline":
                state = "ERROR: " + r["error"] if r["error"] else \
                    ("FAILS " + "; ".join(f"{a}: {b}" for a, b in r["caught"]) if r["caught"] else "passes every check")
            print(f"mutants: {r['name']:26} {r['seconds']:5.0f} s  {state}", file=sys.stderr, flush=True)
            rows.append(r)
    order = {m["name"]: i for i, m in enumerate(jobs)}
    rows.sort(key=lambda r: order[r["name"]])
    base = rows[0] if rows and rows[0]["name"] == "baseline" else None
    mrows = [r for r in rows if r["name"] != "baseline"]
    print(table(mrows, args.all), flush=True)
    caught = sum(1 for r in mrows if r["caught"] and not r["error"])
    missed = [r["name"] for r in mrows if not r["caught"] and not r["error"]]
    errors = [r["name"] for r in mrows if r["error"]]
    bad_base = base and (base["error"] or base["caught"])
    summary = f"mutants: {caught} of {len(mrows)} caught in {time.time() - t0:.0f} s"
    if missed:
        summary += "; NOT CAUGHT: " + ", ".join(missed)
    if errors:
        summary += "; ERRORS: " + ", ".join(errors)
    if bad_base:
        summary += "; the BASELINE FAILS, so none of this means anything: " + \
            (base["error"] or "; ".join(f"{a}: {b}" for a, b in base["caught"]))
    print(summary)
    if args.write and not bad_base:
        with open(os.path.join(ROOT, args.write), "w") as f:
            f.write(DOC_HEAD + "\n" + table(mrows, True) + "\n\n" + summary.replace("mutants: ", "Result: ", 1)
                    + f" ({args.jobs} at a time on {os.cpu_count()} cores; the baseline passed every check).\n" + DOC_TAIL)
        print(f"mutants: wrote {args.write}", file=sys.stderr)
    return 0 if not missed and not errors and not bad_base else 1


# ---- mutants a proof catches (issue 15, item 4; docs/formal.md) ------------------------
# Bugs of the classes an OS-driven co-simulation does not reach: an invalidation inside
# a walk, bits of a PPN, an ASID or a PTE that the OS leaves 0. `formal` names the job
# of tests/formal/formal.py whose proof fails on the mutant; check_formal runs it after
# the co-simulation checks of the mutant's first configuration (by default only if
# those did not catch it), against the copy's rtl/ with the project's tools.
MUTANTS += [
    dict(name="fill_in_inval_cycle", file="rtl/tlb.sv",
         breaks="an invalidation in the FILL cycle itself does not drop the fill",
         edits=[("    fill = upd_fill_i && !ctl_inval_i;\n    if (!rst_ni) begin",
                 "    fill = upd_fill_i;\n    if (!rst_ni) begin")],
         configs=["osc-1x16"], formal="mmu_osc_1x4"),
    dict(name="inval_in_lookup_kept", file="rtl/ptw.sv",
         breaks="an invalidation in the LOOKUP cycle does not drop the walk's fill",
         edits=[("if (ctl_inval_i) drop_q <= 1'b1;",
                 "if (ctl_inval_i && (state_q == ST_IDLE || state_q > ST_LOOKUP)) drop_q <= 1'b1;")],
         configs=["osc-1x16"], formal="walk_sv32"),
    dict(name="next_table_drops_ppn_msb", file="rtl/ptw.sv",
         breaks="a pointer's PPN loses its top bit (a next-level table above PA/2 is read low)",
         edits=[("table_q <= {rd_ppn, {PAGE_BITS{1'b0}}};",
                 "table_q <= {1'b0, rd_ppn[PPN_BITS-2:0], {PAGE_BITS{1'b0}}};")],
         configs=["sv32-4x4"], formal="walk_sv32"),
    dict(name="writeback_clears_rsw", file="rtl/ptw.sv",
         breaks="the A/D write-back clears the PTE's RSW bits (8-9)",
         edits=[("mem_wdata_o       = pte_q;",
                 "mem_wdata_o       = pte_q & ~(PTE_BITS'(3) << 8);")],
         configs=["osc-1x16"], formal="walk_sv32"),
    dict(name="asid_msb_ignored", file="rtl/tlb.sv",
         breaks="the TLB compares the request's ASID without its top bit (ASID 0x8001 hits ASID 1's entry)",
         edits=[("key_of(1'b0, cmp_asid_i, LVL_BITS'(l), cmp_vpn_i)",
                 "key_of(1'b0, cmp_asid_i & ~(ASID_BITS'(1) << (ASID_BITS - 1)), LVL_BITS'(l), cmp_vpn_i)")],
         configs=["osc-4x4"], formal="mmu_osc_1x4"),
    dict(name="hit_ignores_inval", file="rtl/tlb.sv",
         breaks="the lookup ignores an invalidation made since the compare (at the accepting edge or in LOOKUP)",
         edits=[("lu_hits   = lu_hits_q & probed_valid(lu_vpn_i);", "lu_hits   = lu_hits_q;")],
         configs=["osc-1x16"], formal="mmu_osc_1x4"),
]


# ---- a second round of the four classes (issue 15 item 5: "fix the classes, not the
# examples"), written after the checks, against lines no earlier mutant touches ----------
MUTANTS += [
    dict(name="d_set_on_exec", file="rtl/ptw.sv",
         breaks="the A/D write-back sets D on an instruction fetch too (a side effect in memory)",
         edits=[("if (kind_q == KIND_WRITE) pte_q[PTE_D] <= 1'b1;",
                 "if (kind_q != KIND_READ) pte_q[PTE_D] <= 1'b1;")],
         configs=["osc-1x16", "sv39-1x16"]),
    dict(name="fill_d_from_a", file="rtl/ptw.sv",
         breaks="the fill takes the entry's D from the PTE's A bit (a write after a read hits without setting D)",
         edits=[("tlb_fill_perm_o[PERM_D] = pte_q[PTE_D];", "tlb_fill_perm_o[PERM_D] = pte_q[PTE_A];")],
         configs=["osc-1x16", "sv39-1x16"]),
    dict(name="wdata_top_bit_cleared", file="rtl/ptw.sv",
         breaks="the A/D write-back clears the PTE's top PPN bit (bit 53 of a 64-bit PTE: set only for a "
                "page in the top half of physical memory; bit 63, a reserved bit, never reaches the write)",
         edits=[("mem_wdata_o       = pte_q;",
                 "mem_wdata_o       = pte_q & ~(PTE_BITS'(1) << (PTE_PPN_LSB + PPN_BITS - 1));")],
         configs=["sv39-1x16", "sv48-1x16"]),
    dict(name="inval_in_read_kept", file="rtl/ptw.sv",
         breaks="an invalidation in the cycle a PTE read goes out does not drop the walk's fill",
         edits=[("if (ctl_inval_i) drop_q <= 1'b1;",
                 "if (ctl_inval_i && state_q != ST_READ_PTE) drop_q <= 1'b1;")],
         configs=["osc-1x16", "sv39-1x16"]),
    dict(name="cmp_while_busy", file="rtl/ptw.sv",
         breaks="the TLB compares every offered request, also while busy (a request offered during a walk overwrites the lookup)",
         edits=[("assign tlb_cmp_en_o   = req_valid_i && req_ready_o;", "assign tlb_cmp_en_o   = req_valid_i;")],
         configs=["osc-1x16", "osc-4x4"], formal="mmu_osc_1x4"),  # equivalent since issue 16: tlb_cmp_on_valid
    dict(name="free_way_borrow", file="rtl/tlb.sv",
         breaks="the lowest invalid way is computed with a borrow instead of a carry (~v & (v - 1))",
         edits=[("free_ways  = ~fill_valid & (fill_valid + 1'b1);", "free_ways  = ~fill_valid & (fill_valid - 1'b1);")],
         configs=["osc-4x4", "osc-1x16"]),
] + [
    # issue 17: a hit every cycle, one walk at a time: the ready line, two ways wrong
    dict(name=name, file="rtl/ptw.sv", breaks=breaks, configs=["osc-1x16"], formal="mmu_osc_1x4",
         edits=[("req_ready_o       = (state_q == ST_IDLE) || lookup_hit || lookup_direct;",
                 "req_ready_o       = (state_q == ST_IDLE)" + rest + ";")])
    for name, rest, breaks in (
        ("accept_under_miss", " || state_q == ST_LOOKUP",
         "a LOOKUP that misses is ready too: a request accepted under a miss overwrites the one to walk"),
        ("hit_not_pipelined", "",
         "ready only in IDLE again: every hit costs two cycles (answers a cycle late after a hit)"))
]

# ---- issue 17: split instruction and data TLBs (rtl/mmu.sv) ------------------------------
MUTANTS += [
    dict(name="fetch_in_dtlb", file="rtl/mmu.sv",
         breaks="an instruction fetch is looked up in (and fills) the DTLB, as with one TLB",
         edits=[("assign d_mine = (ITLB_WAYS == 0) || !tlb_exec;", "assign d_mine = 1'b1;"),
                ("re", r"tlb_exec \? i_(\w+)\s*: d_", r"d_", 4)],
         configs=["osc-1x8-i1x4", "sv39-4x4-i1x8"]),
    dict(name="itlb_not_invalidated", file="rtl/mmu.sv",
         breaks="an SFENCE.VMA does not reach the ITLB: a fetch is served from an entry the OS dropped",
         edits=[("      .ctl_policy_i     (ctl_itlb_policy_i),\n      .ctl_inval_i,",
                 "      .ctl_policy_i     (ctl_itlb_policy_i),\n      .ctl_inval_i      (1'b0),")],
         configs=["osc-1x8-i1x4", "sv39-4x4-i1x8"]),
]

# ---- issue 16: the spec's rules (docs/contract.md, "The walk", "The TLB") --------------
# Each breaks one rule the RISC-V-exact RTL added; the MMU test vectors
# (tests/cosim/t_vectors_rtl.sh), the rude driver and the directed gaps catch them, and
# the OS-driven co-simulation those rules reach (superpages, privilege and the controls
# it never moves are not among them).
MUTANTS += [
    dict(name="superpage_tag_4k", file="rtl/tlb.sv",
         breaks="a superpage entry's VPN is compared at 4 KiB granularity: only the page that filled it hits",
         edits=[("key_of = {g, g ? '0 : asid, lvl, vpn & ({VPN_BITS{1'b1}} << (32'(lvl) * LEVEL_BITS))};",
                 "key_of = {g, g ? '0 : asid, lvl, vpn};")],
         configs=["sv39-1x16", "sv32-4x4"]),
    dict(name="global_ignored_page_fence", file="rtl/tlb.sv",
         breaks="a one-page fence of one ASID (mode 0) ignores G: it drops the page's global entries too",
         edits=[("|| (!k_g(key_q[e]) && k_asid(key_q[e]) == ctl_inval_asid_i)))",
                 "|| (k_g(key_q[e]) || k_asid(key_q[e]) == ctl_inval_asid_i)))")],
         configs=["sv39-1x16", "osc-1x16"]),
    dict(name="sum_ignored", file="rtl/ptw.sv",
         breaks="S-mode loads and stores to U = 1 pages without SUM (step 6's SUM ignored)",
         edits=[("(!u || (sum && kind != KIND_EXEC))", "(!u || kind != KIND_EXEC)")],
         configs=["sv39-1x16", "osc-1x16"]),
    dict(name="mxr_ignored", file="rtl/ptw.sv",
         breaks="a load from an execute-only page faults under MXR too (step 8's MXR ignored)",
         edits=[("KIND_READ:  allowed = priv_ok && (r || (mxr && x));", "KIND_READ:  allowed = priv_ok && r;")],
         configs=["sv39-1x16", "osc-1x16"]),
    dict(name="canonical_off_by_one", file="rtl/ptw.sv",
         breaks="the canonical check takes bits 63..VA-2 (one bit too many): a canonical address with "
                "bit VA-2 unlike bit VA-1 is a page fault",
         edits=[("    top = va >> (VA_BITS - 1);\n"
                 "    is_canonical = (VADDR_BITS == VA_BITS) || top == '0 || top == ({VADDR_BITS{1'b1}} >> (VA_BITS - 1));",
                 "    top = va >> (VA_BITS - 2);\n"
                 "    is_canonical = (VADDR_BITS == VA_BITS) || top == '0 || top == ({VADDR_BITS{1'b1}} >> (VA_BITS - 2));")],
         configs=["sv39-1x16", "sv48-1x16"]),
    dict(name="superpage_pa_no_vpn", file="rtl/ptw.sv",
         breaks="a superpage's address takes the leaf's PPN alone, without the VPN's low fields (step 10)",
         edits=[("page_pa = {ppn | (PPN_BITS'(vpn) & low_mask(lvl)), offset};", "page_pa = {ppn, offset};")],
         configs=["sv39-1x16", "sv32-4x4"]),
    dict(name="svade_ignored", file="rtl/ptw.sv",
         breaks="under Svade a missing A or D is set by the walker instead of a page fault (step 9)",
         edits=[("end else if (walk_ad && ad_fault_q) begin", "end else if (1'b0) begin")],
         configs=["sv39-1x16", "osc-1x16"]),
    dict(name="reserved_bits_ignored", file="rtl/ptw.sv",
         breaks="bits 63-54 of a 64-bit PTE are ignored (N, PBMT and the reserved bits: step 3)",
         edits=[("end else if (!rd_v || (!rd_r && rd_w) || rd_rsv\n",
                 "end else if (!rd_v || (!rd_r && rd_w)\n")],
         configs=["sv39-1x16", "sv48-1x16"]),
    dict(name="hit_pmem_unchecked", file="rtl/ptw.sv",
         breaks="a TLB hit's address is not checked against the memory bound (no access fault on a hit)",
         edits=[("else if (outside(pa, pmem_q)) lookup_fault = FAULT_ACCESS;",
                 "else if (1'b0) lookup_fault = FAULT_ACCESS;")],
         configs=["sv39-1x16", "osc-1x16"]),
    dict(name="bare_translates", file="rtl/ptw.sv",
         breaks="satp.MODE is not looked at: Bare translates like the preset's mode",
         edits=[("bare  = mode != MODE_BITS'(SATP_MODE);", "bare  = 1'b0;")],
         configs=["sv39-1x16", "osc-1x16"]),
]

# ---- issue 18: the page-walk cache (rtl/pwc.sv, rtl/ptw.sv; docs/contract.md) ---------------
# (name, file, what it breaks, text, its replacement), each tried on both cache builds.
PWC_MUTANTS = (
    ("pwc_not_flushed", "rtl/pwc.sv",
     "an SFENCE.VMA with rs1 = x0 leaves the page-walk cache: a pointer PTE changed and fenced is served stale",
     "      if (ctl_inval_i && (ctl_inval_mode_i == INVAL_ASID || ctl_inval_mode_i == INVAL_ALL))\n"
     "        valid_q <= '0;\n", ""),
    ("pwc_level_skipped", "rtl/ptw.sv",
     "a page-walk cache hit goes down two levels instead of one (a level skipped one too many)",
     "level_q  <= level_q - 1'b1;\n            table_q  <= {pwc_ppn",
     "level_q  <= level_q - 2'd2;\n            table_q  <= {pwc_ppn"),
    ("pwc_hit_at_leaf_level", "rtl/ptw.sv",
     "the page-walk cache is looked up at level 0 too: a PTE cached as a pointer is taken where the walk "
     "wants a leaf", "(state_q == ST_READ_PTE) && level_q != '0 && lu_hit", "(state_q == ST_READ_PTE) && lu_hit"),
    ("pwc_victim_wrong", "rtl/pwc.sv",
     "the page-walk cache's plru victim is the entry the tree points away from (the most recent)",
     "victim_of[d] = tree[node];\n      node = 2 * node + 1 + 32'(tree[node]);",
     "victim_of[d] = !tree[node];\n      node = 2 * node + 1 + 32'(!tree[node]);"),
    ("pwc_fill_kept_after_inval", "rtl/ptw.sv",
     "a pointer read after an invalidation during its walk is still kept in the page-walk cache",
     "&& !drop_q && !ctl_inval_i && !lu_hit;", "&& !ctl_inval_i && !lu_hit;"),
)
MUTANTS += [dict(name=n, file=f, breaks=why, edits=[(old, new)], configs=["sv39-1x16-p8", "sv48-1x8-i2x4-p4"])
            for n, f, why, old, new in PWC_MUTANTS]

# ---- issue 18: the second-level TLB (rtl/tlb.sv with PPN_RAM, rtl/ptw.sv) -----------------
# (name, file, what it breaks, text, its replacement): one row a mutant, each tried on both L2 builds.
L2_MUTANTS = (
    ("l2_hit_no_refill", "rtl/ptw.sv", "an L2 hit does not refill the L1 that missed (the next access to the page misses again)", "assign tlb_fill_o = (state_q == ST_FILL) && !drop_q;", "assign tlb_fill_o = (state_q == ST_FILL) && !drop_q && !l2_q;"),
    ("l2_huge_tag_4k", "rtl/tlb.sv", "the L2 compares a superpage's tag at 4 KiB granularity: only the page that filled it hits", "(PROBES'(key_q[e] == key_of(1'b0, upd_asid_i, LVL_BITS'(l), lu_vpn_i))", "(PROBES'(key_q[e] == {1'b0, upd_asid_i, LVL_BITS'(l), lu_vpn_i})"),
    ("l2_not_fenced", "rtl/tlb.sv", "SFENCE.VMA leaves the L2's entries valid (the L1s still drop theirs)", "        if (ctl_inval_i) begin\n          unique case (ctl_inval_mode_i)", "        if (ctl_inval_i && !PPN_RAM) begin\n          unique case (ctl_inval_mode_i)"),
    ("l2_hit_no_event", "rtl/ptw.sv", "an L2 hit is no replacement event (lru, plru: its way ages as if unused)", "l2_touch_o  = lookup_l2;", "l2_touch_o  = 1'b0;"),
)
MUTANTS += [dict(name=n, file=f, breaks=why, edits=[(old, new)], configs=["sv39-1x4-L16x4-p4", "sv32-1x2-i1x2-L2x2"])
            for n, f, why, old, new in L2_MUTANTS]

def check_formal(env, dest, cfg):
    """tests/formal/formal.py --only JOB on the copy's rtl/: a property FAILED (with its
    counterexample) is the catch; all proven is none; anything else is the harness's."""
    m = next((m for m in MUTANTS if m["name"] == os.path.basename(dest)), None)
    if not m or not m.get("formal") or cfg != m["configs"][0]:
        return None
    rc, out, err = sh([sys.executable, os.path.join(ROOT, "tests/formal/formal.py"), "--only", m["formal"],
                       "--rtl", dest, "--out", os.path.join(dest, "build", "formal")], ROOT, timeout=1800)
    failed = [l.split()[1] for l in out.splitlines() if "FAILED: counterexample" in l]
    if rc == 1 and failed:
        return f"proof failed ({m['formal']}): {', '.join(failed[:4])}"
    if rc == 0:
        return ""
    raise HarnessError(f"formal.py exit {rc} without a failed property; stderr ends: {tail(err or out)}")


PER_CONFIG.append(("formal", check_formal))


if __name__ == "__main__":
    sys.exit(main())

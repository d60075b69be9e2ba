#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The second-level TLB (docs/contract.md, "Second-level TLB") on hand-written Sv39
# vectors (docs/vectors.md's format), each answer worked out below from the contract,
# not by the model: a 1x4 TLB (fifo), an L2 of 16x4 (fifo) and a page-walk cache of 4,
# on vmref and on build/sv39-1x4-L16x4-p4 in lock step with the model.  It shows that a
# megapage held by the L2 serves every 4 KiB page inside it once the L1 has evicted it;
# that an L2 hit refills the L1 (the next access is a 1-cycle L1 hit), also when the
# entry refuses the access (a page fault answered by the L2, then by the L1); that
# SFENCE.VMA of one page inside the megapage drops it from both levels; and that a
# pointer PTE changed and fenced (rs1 = x0) is re-read, with neither level nor the
# page-walk cache serving the old table.
source "$(dirname "$0")/../lib.sh"
need_bin "vmref built" "$VMREF" || { summary; exit; }

CFG=sv39-1x4-L16x4-p4
# Memory latency 1: a read costs 2 cycles, a page-walk cache hit 1, so a walk is
# 2 + 2R + H (no A/D write: every leaf has A, and D where it is written); an L1 hit 1
# cycle, an L2 hit 2 (LOOKUP, then the data array's read: timing_l2_hit).
# Root PPN 0x100 (0x100000); root PTE 0 points to the level-1 table 0x101000.  There,
# PTE 1 (0x101008) is a megapage leaf: VA 0x200000-0x3fffff -> PA 0x400000-0x5fffff
# (PPN 0x400, RW, U, A, D); PTE 0 (0x101000) points to 0x102000 ("old": page k -> PPN
# 0x200+k), and is later rewritten to point to 0x103000 ("new": page k -> PPN
# 0x300+k; page 5 read-only: V R U A).
cat >"$TMP/l2.vec" <<'EOF'
mem 0x100000 0x40401
mem 0x101000 0x40801
mem 0x101008 0x1000d7
mem 0x102008 0x804d7
mem 0x102010 0x808d7
mem 0x102018 0x80cd7
mem 0x102020 0x810d7
mem 0x103008 0xc04d7
mem 0x103010 0xc08d7
mem 0x103028 0xc1453
mem 0x103030 0xc18d7
mem 0x103038 0xc1cd7
mem 0x103040 0xc20d7
mem 0x103048 0xc24d7
satp sv39 1 0x100
R 0x200000
R 0x201000
R 0x1000
R 0x2000
R 0x3000
R 0x4000
R 0x202000
R 0x203000
R 0x1000
W 0x3ff000
sfence 0x250000 1
R 0x200000
mem 0x101000 0x40c01
sfence - 1
R 0x1000
R 0x2000
R 0x5000
R 0x6000
R 0x7000
R 0x8000
R 0x9000
W 0x5000
W 0x5000
EOF
# The answers, one request a row: the VA's kind and VA, the answer, the hit bit and
# the cycles.  L1 ways are named w0..w3, fifo: the victim is the way filled longest ago.
#  #1  walk: root PTE (read, kept by the cache), 0x101008 a megapage leaf: R=2, 6.
#      L1 w0 and L2 set (0x200 >> 9) mod 16 = 1 get the megapage.
#  #2  another 4 KiB page of the megapage: an L1 hit, PA 0x400000 | 0x1000.
#  #3  page 1: root from the cache (H=1), 0x101000 read (a pointer, kept), the leaf
#      read: 2 + 4 + 1 = 7.  L1 w1, L2 set 1 (its second way).
#  #4-#6 pages 2, 3, 4: both pointers from the cache, the leaf read: 2 + 2 + 2 = 6.
#      #4 fills w2, #5 w3, #6 evicts w0, the megapage (filled first).  The L2 keeps it.
#  #7  0x202000, a page of the megapage no request named: the L1 misses, the L2's
#      megapage hits: 2 cycles, hit=1, PA 0x402000.  The refill evicts w1 (page 1).
#  #8  0x203000: the refilled megapage answers in the L1: 1 cycle.
#  #9  page 1: the L1 lost it at #7, the L2's level-0 entry (set 1) hits: 2 cycles.
#      Refill into w2 (page 2, now the oldest).
#  #10 a store to the megapage's last page (D = 1): an L1 hit, PA 0x400000 | 0x1ff000.
#  sfence 0x250000 1 (rs1 = a VA inside the megapage, ASID 1): the megapage's entry
#      goes from both levels (the L2's too); rs1 = VA leaves the page-walk cache.
#  #11 the megapage again: both levels miss: a walk, root PTE from the cache, the leaf
#      read: 2 + 2 + 1 = 5, hit=0 (an L1 kept: 1 cycle; an L2 kept: 2).
#  0x101000 now points to the new table; sfence - 1 (rs1 = x0, ASID 1): every non-global
#      entry of ASID 1 from both levels, and the whole page-walk cache.
#  #12 page 1: every PTE from memory (root, the new pointer, the new leaf): R=3, 8,
#      PA 0x301000 (an L2 kept: 2 cycles and the old 0x201000; the cache kept: 7 and
#      the old table).
#  #13 page 2: both pointers from the cache: 6, the new table's PPN 0x302.
#  #14 page 5 (read-only): 6; L1 w2 (after #12 w0, #13 w1).
#  #15-#18 pages 6-9: 6 each; #15 fills w3, #16 evicts w0, #17 w1, #18 w2 (page 5).
#  #19 a store to page 5: the L1 misses, the L2 holds page 5 and refuses a store (W =
#      0): an L2 hit with a page fault, 2 cycles, hit=1; its refill evicts w3.
#  #20 the same store: the refilled entry refuses it in the L1: 1 cycle, hit=1.
answers='
R 0x200000  0x400000          0  6
R 0x201000  0x401000          1  1
R 0x1000    0x201000          0  7
R 0x2000    0x202000          0  6
R 0x3000    0x203000          0  6
R 0x4000    0x204000          0  6
R 0x202000  0x402000          1  2
R 0x203000  0x403000          1  1
R 0x1000    0x201000          1  2
W 0x3ff000  0x5ff000          1  1
R 0x200000  0x400000          0  5
R 0x1000    0x301000          0  8
R 0x2000    0x302000          0  6
R 0x5000    0x305000          0  6
R 0x6000    0x306000          0  6
R 0x7000    0x307000          0  6
R 0x8000    0x308000          0  6
R 0x9000    0x309000          0  6
W 0x5000    store-page-fault  1  2
W 0x5000    store-page-fault  1  1'
awk 'NF { printf "%d %s %s -> %s hit=%d cycles=%d\n", ++n, $1, $2, $3, $4, $5 }' <<<"$answers" >"$TMP/l2.want"

# run NAME CMD...: CMD --vectors prints the answers (vmsim: and finds 0 mismatches).
run() {
    local name=$1
    shift
    "$@" --vectors "$TMP/l2.vec" >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    expect_eq "$name: exit 0" 0 "$rc"
    expect_same_file "$name: the answers worked out by hand" "$TMP/l2.want" "$TMP/out"
    if [[ $1 == *vmsim ]]; then
        expect_eq "$name: the RTL in lock step with the model" "vmsim: 20 requests compared, 0 mismatches" "$(tail -1 "$TMP/err")"
    fi
}
# shellcheck disable=SC2046 # the options are words
run "vmref $CFG" "$VMREF" $(cfg_opts $CFG)
if [ -x "build/$CFG/vmsim" ]; then
    # shellcheck disable=SC2046
    run "vmsim $CFG" "build/$CFG/vmsim" $(cfg_opts $CFG)
    # The geometry is the build's: vmsim refuses another, naming the knobs and the build.
    # shellcheck disable=SC2046
    "build/$CFG/vmsim" $(cfg_opts $CFG | sed 's/--l2-sets 16/--l2-sets 8/') --vectors "$TMP/l2.vec" >/dev/null 2>"$TMP/err"
    expect_eq "vmsim $CFG --l2-sets 8: refused, naming the knobs and the build" "1 1 1" \
        "$(($? != 0)) $(grep -c 'L2_SETS=8 L2_WAYS=4 PWC_ENTRIES=4' "$TMP/err") $(grep -c 'build/sv39-1x4-L8x4-p4/vmsim' "$TMP/err")"
else
    skip "vmsim $CFG" "build/$CFG/vmsim is not built (make cosim-builds)"
fi

# Bad geometry or a lone --l2-sets: one line, exit 2.
for bad in "--l2-ways 65" "--l2-ways 4 --l2-sets 3" "--l2-sets 4" "--l2-ways 3 --l2-policy plru"; do
    # shellcheck disable=SC2086
    out=$("$VMREF" $bad 2>&1)
    expect_eq "vmref $bad: one line, exit 2" "2 1" "$? $(wc -l <<<"$out")"
done
summary

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The page-walk cache (docs/contract.md, "Page-walk cache") on hand-written Sv39 vectors
# (docs/vectors.md's format), each answer worked out below from the contract, not by
# the model: without a cache and with one of 8 entries, on vmref, on build/sv39-1x16
# (none) and on build/sv39-1x16-p8 (8) in lock step with the model.  It shows that a
# second walk through the same upper levels reads one PTE, that a pointer PTE changed
# in memory is served stale until an SFENCE.VMA with rs1 = x0 (any ASID) and re-read
# after it, that an rs1 = VA fence leaves the cache (it orders leaf PTEs only), and that
# a pointer's G, given by the cache, still makes the mapping global.
source "$(dirname "$0")/../lib.sh"
need_bin "vmref built" "$VMREF" || { summary; exit; }

# Memory latency 1: a read costs 2 cycles, a cache hit 1; a walk 2 + 2R + H (no A/D
# write: every leaf has A and D).  Root PPN 0x100; root PTE 0 (0x100000) points to the
# level-1 table 0x101000, whose PTE 0 points to 0x102000 ("old": page k -> PPN 0x200+k)
# and is then rewritten to point to 0x103000 ("new": page k -> PPN 0x300+k).  Root PTE 1
# (0x100008) is a pointer with G to 0x104000, whose PTE 0 points to 0x105000 (pages of
# VA 0x40000000 -> PPN 0x400, 0x40001000 -> 0x401).
cat >"$TMP/pwc.vec" <<'EOF'
mem 0x100000 0x40401
mem 0x101000 0x40801
mem 0x102008 0x804d7
mem 0x102010 0x808d7
mem 0x102018 0x80cd7
mem 0x102020 0x810d7
mem 0x102028 0x814d7
mem 0x102030 0x818d7
mem 0x103018 0xc0cd7
mem 0x103020 0xc10d7
mem 0x103028 0xc14d7
mem 0x103030 0xc18d7
mem 0x103008 0xc04d7
mem 0x100010 0x40001
satp sv39 1 0x100
R 0x1000
R 0x2000
mem 0x101000 0x40c01
R 0x3000
sfence 0x4000 -
R 0x4000
sfence 0x5000 1
R 0x5000
sfence - 5
R 0x6000
R 0x1008
mem 0x100008 0x41021
mem 0x104000 0x41401
mem 0x105000 0x1000d7
mem 0x105008 0x1004d7
R 0x40000000
R 0x40001000
satp sv39 2 0x100
R 0x40001008
sfence - -
R 0x40001010
R 0x1000
R 0x80000000
EOF
# The answers, one request a row: the VA, the answer (a PA or a fault), the TLB's hit,
# and the cycles without a cache and with 8 entries; want_of expands a column into
# docs/vectors.md's output lines.
#
# Without a cache every walk reads 3 PTEs (8 cycles), and reads the level-1 PTE as
# memory has it: from #3 on, the new table.  With 8 entries: #1 reads 3 and keeps the
# two pointers (0x100000, 0x101000); #2 takes both from the cache and reads the leaf:
# 2 + 2 + 2 = 6.  #3: memory now points to the new table, but no fence came: the
# cache's old pointer serves (6, PPN 0x203).  The rs1 = VA fences (mode 3 of page 4,
# mode 0 of page 5) order leaf PTEs only: the cache stays and #4, #5 still take the old
# table (6).  sfence - 5 (rs1 = x0, an ASID nothing used): the key has no ASID, so the
# whole cache goes; #6 re-reads the root and the level-1 PTEs from memory (8) and
# reaches the new table (PPN 0x306).  #7: the TLB entry of page 1, ASID 1, was not
# named by ASID 5's fence: a hit.  #8 reads 3 (root PTE 1 is a new address); #9 takes
# both pointers from the cache, the root's with G: 6, and the entry it fills is global,
# so #10 under ASID 2 hits it.  sfence - - drops the TLB and the cache; #11 is a miss
# reading 3 again: had the cache kept the G pointer, 6.  #12 reads 3 (root PTE 0 went
# with the fence) and keeps the root and level-1 pointers.  #13: root PTE 2 (0x100010)
# points back to the root table, used as level 1: read (2), then 0x100000 as a level-1
# PTE, from the cache (1), to the table 0x101000 as level 0, whose PTE 0x101000 is a
# pointer: the cache holds it, but a level-0 PTE is always read (2), and a pointer
# there is a page fault: 2 + 2 + 1 + 2 = 7.
answers='
0x1000      0x201000        0  8  8
0x2000      0x202000        0  8  6
0x3000      0x303000:203000 0  8  6
0x4000      0x304000:204000 0  8  6
0x5000      0x305000:205000 0  8  6
0x6000      0x306000        0  8  8
0x1008      0x201008        1  1  1
0x40000000  0x400000        0  8  8
0x40001000  0x401000        0  8  6
0x40001008  0x401008        1  1  1
0x40001010  0x401010        0  8  8
0x1000      0x301000        0  8  8
0x80000000  load-page-fault 0  8  7'
# want_of COLUMN: the lines for 4 (no cache) or 5 (8 entries); "new:old" answers are
# the new table's without a cache, the old one's (0x + old) with it.
want_of() {
    awk -v c="$1" 'NF { n++; a = $2; if (a ~ /:/) { split(a, p, ":"); a = c == 4 ? p[1] : "0x" p[2] }
        printf "%d R %s -> %s hit=%d cycles=%d\n", n, $1, a, $3, $c }' <<<"$answers"
}
want_of 4 >"$TMP/none.want"
want_of 5 >"$TMP/pwc.want"

# run NAME WANT CMD...: CMD --vectors prints WANT (vmsim: and finds 0 mismatches).
run() {
    local name=$1 want=$2
    shift 2
    "$@" --config sv39 --vectors "$TMP/pwc.vec" >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    expect_eq "$name: exit 0" 0 "$rc"
    expect_same_file "$name: the answers worked out by hand" "$TMP/$want.want" "$TMP/out"
    if [[ $1 == *vmsim ]]; then
        expect_eq "$name: the RTL in lock step with the model" "vmsim: 13 requests compared, 0 mismatches" "$(tail -1 "$TMP/err")"
    fi
}
run "vmref, no page-walk cache" none "$VMREF"
run "vmref --pwc-entries 8" pwc "$VMREF" --pwc-entries 8
for cfg in sv39-1x16 sv39-1x16-p8; do
    if [ ! -x "build/$cfg/vmsim" ]; then
        skip "vmsim $cfg" "build/$cfg/vmsim is not built (make cosim-builds)"
        continue
    fi
    want=none
    [[ $cfg == *-p* ]] && want=pwc
    # shellcheck disable=SC2046 # the options are words
    run "vmsim $cfg" $want "build/$cfg/vmsim" $(cfg_opts "$cfg" | sed 's/--config sv39 //')
done

# The size is the build's: vmsim refuses another, with the command that builds it.
if [ -x build/sv39-1x16-p8/vmsim ]; then
    build/sv39-1x16-p8/vmsim --config sv39 --pwc-entries 4 --vectors "$TMP/pwc.vec" >/dev/null 2>"$TMP/err"
    rc=$?
    if [ $rc -ne 0 ] && grep -q 'make sim CONFIG=sv39 TLB_SETS=1 TLB_WAYS=16 PWC_ENTRIES=4' "$TMP/err" &&
        grep -q 'build/sv39-1x16-p4/vmsim' "$TMP/err"; then
        pass "vmsim sv39-1x16-p8 --pwc-entries 4: refused, naming the build"
    else
        fail "vmsim sv39-1x16-p8 --pwc-entries 4: refused, naming the build" "exit $rc: $(cat "$TMP/err")"
    fi
fi
# A size the cache cannot have is one line, exit 2.
out=$("$VMREF" --pwc-entries 6 2>&1)
expect_eq "--pwc-entries 6: one line, exit 2" "2 1" "$? $(wc -l <<<"$out")"
summary

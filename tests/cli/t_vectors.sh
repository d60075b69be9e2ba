#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cli/t_vectors.sh -- vmref --vectors FILE: MMU test vectors on the model alone
# (the format issue 16 fixes, item 6).
#  1. Every malformed line is refused before anything runs: exit 1, nothing on stdout,
#     one line `vmref: FILE:LINE: what is wrong` naming the right line; one test each.
#  2. A small osc run and its stdin form, with answers worked out by hand below (the
#     textbook's one-level table, 256-byte pages, 4-byte PTEs).
#  3. Every tests/vectors/PRESET-*.vec that exists beside its .expected (hand-written
#     from the spec by another hand than the model's) prints exactly that, on the TLB
#     vmref has by default and on a 4x4 one.
#  4. Options that mean nothing without an OS are refused with --vectors.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

need_bin vmref "$VMREF" || summary

# bad NAME PRESET LINE WHY TEXT: TEXT as a vectors file for PRESET is refused at LINE
# with WHY, and nothing runs.
bad() {
    local name=$1 preset=$2 line=$3 why=$4
    printf '%s\n' "$5" >"$TMP/$name.vec"
    "$VMREF" --config "$preset" --vectors "$TMP/$name.vec" >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    expect_eq "malformed_$name: exit status 1" 1 "$rc"
    expect_eq "malformed_$name: the line and why" "vmref: $TMP/$name.vec:$line: $why" "$(cat "$TMP/err")"
    expect_eq "malformed_$name: nothing run (stdout empty)" "" "$(cat "$TMP/out")"
}

# A valid request first: a malformed line later still stops everything.
ok=$'satp sv32 0 0x100\nR 0x1000'
bad unknown sv32 3 "unknown directive 'load': expected mem, satp, priv, sum, mxr, ad, pmem, sfence, R, W or X" \
    "$ok"$'\nload 0x1000'
bad lower_case_kind sv32 1 "unknown directive 'r': expected mem, satp, priv, sum, mxr, ad, pmem, sfence, R, W or X" \
    'r 0x1000'
bad mem_one_arg sv32 3 "'mem' takes 2 arguments (mem PA VALUE), not 1" "$ok"$'\nmem 0x1000'
bad mem_not_number sv32 1 "PA '0xZZ' is not a number (decimal, or hex after 0x, at most 64 bits)" 'mem 0xZZ 1'
bad mem_value_wide sv32 1 "VALUE 0x100000000 is wider than sv32's 4-byte PTE (at most 0xffffffff)" \
    'mem 0x1000 0x100000000'
bad mem_pa_beyond sv32 1 "PA 0x400000000 is beyond sv32's 34-bit physical addresses (at most 0x3fffffffc)" \
    'mem 0x400000000 1'
bad satp_other_mode sv32 1 "satp MODE 'sv39': expected bare or sv32 (the preset's; --config chooses it)" 'satp sv39 0 0'
bad satp_asid_wide sv32 1 "ASID 512 is wider than sv32's 9-bit ASIDs (at most 0x1ff)" 'satp sv32 512 0'
bad satp_asid_wide_sv39 sv39 1 "ASID 0x10000 is wider than sv39's 16-bit ASIDs (at most 0xffff)" \
    'satp sv39 0x10000 0'
bad satp_ppn_wide sv32 1 "PPN 0x400000 is wider than sv32's 22-bit PPNs (at most 0x3fffff)" 'satp sv32 0 0x400000'
bad satp_bare_fields sv32 1 "satp bare needs ASID 0 and PPN 0 (the spec leaves other values unspecified)" \
    'satp bare 1 0'
bad satp_missing sv39 1 "'satp' takes 3 arguments (satp MODE ASID PPN), not 2" 'satp sv39 0'
bad priv_m sv32 1 "'priv M': expected U or S" 'priv M'
bad sum_2 sv32 1 "'sum 2': expected 0 or 1" 'sum 2'
bad mxr_word sv32 1 "'mxr yes': expected 0 or 1" 'mxr yes'
bad ad_soft sv32 1 "'ad soft': expected hardware or fault" 'ad soft'
bad pmem_negative sv32 1 "BYTES '-1' is not a number (decimal, or hex after 0x, at most 64 bits)" 'pmem -1'
bad sfence_one_arg sv32 1 "'sfence' takes 2 arguments (sfence VA|- ASID|-), not 1" 'sfence -'
bad sfence_asid_wide sv32 1 "ASID 0x200 is wider than sv32's 9-bit ASIDs (at most 0x1ff)" 'sfence - 0x200'
bad sfence_va_wide sv32 1 "VA 0x100000000 is wider than sv32's 32-bit virtual addresses (at most 0xffffffff)" \
    'sfence 0x100000000 -'
bad va_wide_sv32 sv32 3 "VA 0x100000000 is wider than sv32's 32-bit virtual addresses (at most 0xffffffff)" \
    "$ok"$'\nR 0x100000000'
bad va_wide_osc osc 1 "VA 0x10000 is wider than osc's 16-bit virtual addresses (at most 0xffff)" 'W 0x10000'
bad va_64_bits sv39 1 "VA '0x10000000000000000' is not a number (decimal, or hex after 0x, at most 64 bits)" \
    'R 0x10000000000000000'
bad va_hex_empty sv39 1 "VA '0x' is not a number (decimal, or hex after 0x, at most 64 bits)" 'X 0x'
bad request_no_va sv32 1 "'R' takes 1 argument (R VA), not 0" 'R'
bad request_two_vas sv32 2 "'X' takes 1 argument (X VA), not 2" $'# two addresses\nX 0x1000 0x2000'
bad trailing_word sv32 1 "'priv' takes 1 argument (priv U|S), not 2" 'priv U S'

# An unreadable file and a directory: one line each, exit 1.
"$VMREF" --config sv32 --vectors "$TMP/none.vec" >"$TMP/out" 2>"$TMP/err"
expect_eq "missing_file: exit 1, one line" "1 vmref: $TMP/none.vec: cannot open the vectors: No such file or directory" \
    "$? $(cat "$TMP/err")"
"$VMREF" --config sv32 --vectors "$TMP" >"$TMP/out" 2>"$TMP/err"
expect_eq "directory: exit 1, one line" "1 vmref: $TMP: is a directory, not a vectors file" "$? $(cat "$TMP/err")"

# ---- 2. osc by hand -------------------------------------------------------------------
# osc: 16-bit VA, 256-byte pages, one level of 256 4-byte PTEs; satp osc ASID PPN puts
# the table at PPN * 256.  Root PPN 4: the table at 0x400.
# VA 0x1234: VPN 0x12, offset 0x34; PTE at 0x400 + 0x12 * 4 = 0x448.  PTE: PPN 0x55,
# D A U R V = 0xd3: 0x55 << 10 | 0xd3 = 0x154d3.  PA 0x55 << 8 | 0x34 = 0x5534.
#   #1 R 0x1234: one read, A and D set already: 2 + 1 * 2 = 4 cycles.
#   #2 R 0x12ff: the same page, a hit: 1 cycle, PA 0x55ff.
#   #3 W 0x1235: the entry has no W: a denied hit, store-page-fault, 1 cycle.
# VA 0x1300: VPN 0x13, PTE at 0x44c: PPN 0x56, U W R V = 0x17: 0x15817, A = D = 0.
#   #4 W 0x1300: one read and the A/D write (0x15817 | 0x40 | 0x80 = 0x158d7):
#      2 + 2 * 2 = 6 cycles, PA 0x5600.
#   sfence - -: every entry gone.
#   #5 X 0x1234: a walk (1 read) to a leaf without X: fetch-page-fault, 4 cycles.
#   #6 R 0x7700: VPN 0x77's PTE (0x5dc) never written: V = 0: load-page-fault, 4 cycles.
#   satp bare 0 0; #7 R 0xbeef: Bare: PA = VA, 1 cycle, no TLB.
cat >"$TMP/osc.vec" <<'EOF'
satp osc 0 4     # the table at 0x400
mem 0x448 0x154d3
mem 1100 88087   # 0x44c 0x15817, in decimal
R 0x1234
R 0x12ff
W 0x1235
W 0x1300
sfence - -
X 0x1234
R 0x7700
satp bare 0 0
R 0xbeef
EOF
cat >"$TMP/osc.want" <<'EOF'
1 R 0x1234 -> 0x5534 hit=0 cycles=4
2 R 0x12ff -> 0x55ff hit=1 cycles=1
3 W 0x1235 -> store-page-fault hit=1 cycles=1
4 W 0x1300 -> 0x5600 hit=0 cycles=6 wrote=0x44c:0x158d7
5 X 0x1234 -> fetch-page-fault hit=0 cycles=4
6 R 0x7700 -> load-page-fault hit=0 cycles=4
7 R 0xbeef -> 0xbeef hit=0 cycles=1
EOF
"$VMREF" --vectors "$TMP/osc.vec" >"$TMP/out" 2>"$TMP/err"
expect_eq "osc_by_hand: exit 0, nothing on stderr" "0 " "$? $(cat "$TMP/err")"
expect_same_file osc_by_hand "$TMP/osc.want" "$TMP/out"
"$VMREF" --vectors - <"$TMP/osc.vec" >"$TMP/out" 2>"$TMP/err"
expect_same_file osc_by_hand_from_stdin "$TMP/osc.want" "$TMP/out"
# The memory latency is the timing formula's L: a walk of one read and one write at
# L = 3 is 2 + 2 * (1 + 3) = 10 cycles.
"$VMREF" --mem-latency 3 --vectors "$TMP/osc.vec" >"$TMP/out" 2>&1
expect_eq "osc_latency_3: request 4's cycles" "cycles=10" "$(sed -n 4p "$TMP/out" | grep -o 'cycles=[0-9]*')"

# ---- 3. the hand-written vectors of tests/vectors ----------------------------------------
n=0
for vec in tests/vectors/*.vec; do
    [ -e "$vec" ] || continue
    base=${vec%.vec} name=$(basename "$base") preset=${name%%-*}
    if [ ! -e "$base.expected" ]; then
        fail "vectors_$name" "$vec has no $base.expected"
        continue
    fi
    n=$((n + 1))
    for geo in "1 16" "4 4"; do
        set -- $geo
        "$VMREF" --config "$preset" --tlb-sets "$1" --tlb-ways "$2" --vectors "$vec" >"$TMP/out" 2>"$TMP/err"
        rc=$?
        if [ $rc -ne 0 ]; then
            fail "vectors_${name}_${1}x$2" "exit $rc: $(cat "$TMP/err")"
        else
            expect_same_file "vectors_${name}_${1}x$2" "$base.expected" "$TMP/out"
        fi
    done
done
# Their grammar, without any MMU (tests/vectors/check_format.py), and that the check
# objects to a broken file: an .expected line whose cycles no rule can give.
if [ $n -gt 0 ]; then
    if out=$(python3 tests/vectors/check_format.py 2>&1); then
        pass "vectors_format: $out"
    else
        fail vectors_format "$out"
    fi
    mkdir -p "$TMP/badvec"
    cp tests/vectors/sv39-basic.vec "$TMP/badvec/"
    sed '1s/cycles=[0-9]*/cycles=7/' tests/vectors/sv39-basic.expected >"$TMP/badvec/sv39-basic.expected"
    if python3 tests/vectors/check_format.py "$TMP/badvec/sv39-basic.vec" >"$TMP/out" 2>&1; then
        fail vectors_format_objects "a walk of 7 cycles passed: $(cat "$TMP/out")"
    else
        pass vectors_format_objects
    fi
fi
[ $n -gt 0 ] || skip vectors_files "no tests/vectors/*.vec in this tree (hand-written vectors, issue 16 item 7)"

# ---- 4. options without an OS --------------------------------------------------------
"$VMREF" --vectors "$TMP/osc.vec" -f "$TMP/osc.vec" >"$TMP/out" 2>"$TMP/err"
expect_eq "vectors_with_a_trace: refused (exit 2), one line" \
    "2 vmref: --trace: has no meaning with --vectors: the vectors run the MMU alone, with no OS and no trace, and set its controls themselves (see vmref --help)" \
    "$? $(cat "$TMP/err")"
for opt in "-n 4" "--ad fault" "--pmem 4096" "--sum" "--mxr" "-p lru" "-q"; do
    "$VMREF" --vectors "$TMP/osc.vec" $opt >"$TMP/out" 2>"$TMP/err"
    rc=$?
    expect_true "vectors_with_${opt%% *}: refused (exit 2), one line" "exit $rc: $(cat "$TMP/err")" \
        test $rc -eq 2 -a "$(wc -l <"$TMP/err")" -eq 1
done

summary

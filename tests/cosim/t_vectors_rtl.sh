#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cosim/t_vectors_rtl.sh -- vmsim --vectors FILE: MMU test vectors on the RTL, each
# request checked in lock step against the model (its answer, every field, and its
# walker's every memory operation).
#  1. An osc run whose answers are worked out by hand (tests/cli/t_vectors.sh shows the
#     same on vmref): vmsim prints them, and says 0 mismatches.
#  2. The check can fail: each --inject-fault kind spoils the RTL's side, and the
#     first request it touches is a reported mismatch (exit 3, the request's file:line,
#     the two logs, the command that re-runs it); --no-check runs the RTL alone.
#  3. Every tests/vectors/PRESET-*.vec beside its .expected (hand-written from the spec,
#     not by the model) prints exactly that on every built co-simulation geometry of
#     its preset (COSIM_CONFIGS), with 0 mismatches; skipped, saying so, when the tree
#     has no tests/vectors/ yet.
source "$(dirname "$0")/../lib.sh"

VMSIM=$ROOT/build/vmsim
need_bin "vmsim built" "$VMSIM" || summary

# ---- 1. osc by hand --------------------------------------------------------------------
# osc: 16-bit VA, 256-byte pages, one level of 256 4-byte PTEs; root PPN 4: the table at
# 0x400.  VA 0x1234: PTE at 0x448 = PPN 0x55, D A U R V: PA 0x5534, one read (4 cycles);
# then a hit; a store through the entry without W: a denied hit.  VA 0x1300: PTE at 0x44c
# = PPN 0x56, U W R V, A = D = 0: a store reads it and writes 0x158d7 (6 cycles).  After
# sfence - -, a fetch walks to the leaf without X: a page fault after one read; VPN
# 0x77's PTE is 0 (V = 0): a page fault; Bare: PA = VA in one cycle.  Under Svade the
# store to 0x1300's sister page 0x1400 (PTE 0x450 = PPN 0x57, U W R V) faults after its
# read with nothing written; with pmem 0x5700 the same page, now with A and D, is an
# access fault after its read (PA 0x5700 is at the bound).
cat >"$TMP/osc.vec" <<'EOF'
satp osc 0 4
mem 0x448 0x154d3
mem 0x44c 0x15817
mem 0x450 0x15c17
R 0x1234
R 0x12ff
W 0x1235
W 0x1300
sfence - -
X 0x1234
R 0x7700
ad fault
W 0x1400
mem 0x450 0x15cd7
pmem 0x5700
W 0x1400
satp bare 0 0
R 0x56ff
R 0x5700
EOF
cat >"$TMP/osc.want" <<'EOF'
1 R 0x1234 -> 0x5534 hit=0 cycles=4
2 R 0x12ff -> 0x55ff hit=1 cycles=1
3 W 0x1235 -> store-page-fault hit=1 cycles=1
4 W 0x1300 -> 0x5600 hit=0 cycles=6 wrote=0x44c:0x158d7
5 X 0x1234 -> fetch-page-fault hit=0 cycles=4
6 R 0x7700 -> load-page-fault hit=0 cycles=4
7 W 0x1400 -> store-page-fault hit=0 cycles=4
8 W 0x1400 -> store-access-fault hit=0 cycles=4
9 R 0x56ff -> 0x56ff hit=0 cycles=1
10 R 0x5700 -> load-access-fault hit=0 cycles=1
EOF
"$VMSIM" --vectors "$TMP/osc.vec" >"$TMP/out" 2>"$TMP/err"
expect_eq "osc_by_hand: exit 0, the verdict on stderr" "0 vmsim: 10 requests compared, 0 mismatches" \
    "$? $(cat "$TMP/err")"
expect_same_file osc_by_hand "$TMP/osc.want" "$TMP/out"
# The memory latency: request 4's read and write at L = 3 are 2 + 2 * (1 + 3) cycles.
"$VMSIM" --mem-latency 3 --vectors "$TMP/osc.vec" >"$TMP/out" 2>&1
expect_eq "osc_latency_3: request 4's cycles" "cycles=10" "$(sed -n 4p "$TMP/out" | grep -o 'cycles=[0-9]*')"

# ---- 2. the check can fail -------------------------------------------------------------
for kind in $("$VMSIM" --list inject-fault); do
    "$VMSIM" --vectors "$TMP/osc.vec" --inject-fault "$kind" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    if [ $rc -eq 3 ] && grep -q "^vmsim: MISMATCH at request [0-9]* ($TMP/osc.vec:[0-9]*: [RWX] 0x" "$TMP/err" &&
        grep -q '<-- differs' "$TMP/err" && grep -q "vmsim .*--inject-fault $kind --vectors $TMP/osc.vec\$" "$TMP/err" &&
        tail -1 "$TMP/err" | grep -q '^vmsim: [0-9]* requests\? compared, 1 mismatch$'; then
        pass "inject_$kind: a mismatch, reported with its line, exit 3"
    else
        fail "inject_$kind: a mismatch, reported with its line, exit 3" "exit $rc: $(head -3 "$TMP/err" | tr '\n' '|')"
    fi
done
"$VMSIM" --vectors "$TMP/osc.vec" --inject-fault hit --no-check >"$TMP/out" 2>"$TMP/err"
expect_eq "no_check: the RTL alone, nothing compared" "0 " "$? $(cat "$TMP/err")"

# ---- 3. the hand-written vectors of tests/vectors -----------------------------------------
n=0
for vec in tests/vectors/*.vec; do
    [ -e "$vec" ] || continue
    base=${vec%.vec} name=$(basename "$base") preset=${name%%-*}
    if [ ! -e "$base.expected" ]; then
        fail "rtl_vectors_$name" "$vec has no $base.expected"
        continue
    fi
    n=$((n + 1))
    built=0
    for cfg in ${COSIM_CONFIGS:-sv32-4x4 sv39-1x16 sv48-1x16}; do
        [ "${cfg%%-*}" = "$preset" ] || continue
        bin=build/$cfg/vmsim
        if [ ! -x "$bin" ]; then
            fail "rtl_vectors_${name}_$cfg" "$bin is not built (make cosim-builds)"
            continue
        fi
        built=1
        geo=${cfg#*-}
        "$bin" --config "$preset" --tlb-sets "${geo%x*}" --tlb-ways "${geo#*x}" --vectors "$vec" >"$TMP/out" 2>"$TMP/err"
        rc=$?
        if [ $rc -ne 0 ] || ! grep -q '^vmsim: [0-9]* requests compared, 0 mismatches$' "$TMP/err"; then
            fail "rtl_vectors_${name}_$cfg" "exit $rc: $(head -4 "$TMP/err" | tr '\n' '|')"
        else
            expect_same_file "rtl_vectors_${name}_$cfg" "$base.expected" "$TMP/out"
        fi
    done
    [ $built = 1 ] || skip "rtl_vectors_$name" "no co-simulation build of $preset in COSIM_CONFIGS"
done
[ $n -gt 0 ] || skip rtl_vectors_files "no tests/vectors/*.vec in this tree yet (hand-written vectors, issue 16 item 7)"

summary

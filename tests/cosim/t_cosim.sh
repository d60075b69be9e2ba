#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The RTL against the model: the textbook through `make sim`, every injected fault
# caught, random run-time configurations on several built TLB geometries.
source "$(dirname "$0")/../lib.sh"

VMSIM=$ROOT/build/vmsim
need_bin "vmsim built" "$VMSIM" || { summary; exit; }

# -- the textbook, through the README's own command ------------------------------
if need_osc; then
    make -s --no-print-directory sim TRACE="$OSC/addresses.txt" >"$TMP/sim.out" 2>"$TMP/sim.err"
    rc=$?
    expect_eq "make sim textbook: exit 0" 0 "$rc"
    expect_same_file "make sim textbook: stdout byte-identical to correct.txt" "$OSC/correct.txt" "$TMP/sim.out"
    if grep -q '^vmsim: 1000 accesses compared, 0 mismatches$' "$TMP/sim.err"; then
        pass "make sim textbook: 1000 accesses compared, 0 mismatches"
    else
        fail "make sim textbook: 1000 accesses compared, 0 mismatches" "stderr: $(tail -3 "$TMP/sim.err" | tr '\n' '|')"
    fi
    for pol in "-n 128 -p fifo" "-n 128 -p lru" "-n 128 -p lru-walk" "-n 64 -p clock"; do
        "$VMREF" -q -f "$OSC/addresses.txt" $pol >"$TMP/ref.out" 2>/dev/null
        "$VMSIM" -q -f "$OSC/addresses.txt" $pol >"$TMP/rtl.out" 2>"$TMP/rtl.err"
        rc=$?
        if [ $rc -eq 0 ] && cmp -s "$TMP/ref.out" "$TMP/rtl.out" && grep -q ' 0 mismatches' "$TMP/rtl.err"; then
            pass "textbook $pol: vmsim = vmref, 0 mismatches"
        else
            fail "textbook $pol: vmsim = vmref, 0 mismatches" "exit $rc; $(tail -2 "$TMP/rtl.err" | tr '\n' '|')"
        fi
    done
else
    skip "make sim textbook" "../shared/osc is missing"
fi

# -- the checker can fail: every injected fault is a reported mismatch ------------
trace=$TMP/loc.txt
"$TRACEGEN" --mode locality --seed 3 --count 2000 --ws 24 -o "$trace"
kinds=$("$VMSIM" --list inject-fault | tr '\n' ' ')
expect_eq "--inject-fault: the kinds, answers and memory writes" "paddr hit latency fill pte-addr pte-value cycle " "$kinds"
for kind in $kinds; do
    "$VMSIM" -q -f "$trace" -n 16 --inject-fault "$kind" >"$TMP/inj.out" 2>"$TMP/inj.err"
    rc=$?
    if [ $rc -eq 3 ] && grep -q '^vmsim: MISMATCH at access [0-9]' "$TMP/inj.err" &&
        grep -q 'make sim .*WAVES=1 WAVES_FROM=[0-9]* WAVES_TO=[0-9]*' "$TMP/inj.err" &&
        ! grep -q 'Page Faults' "$TMP/inj.out"; then
        pass "--inject-fault $kind: mismatch reported, exit 3, no statistics"
    else
        fail "--inject-fault $kind: mismatch reported, exit 3, no statistics" "exit $rc: $(head -3 "$TMP/inj.err" | tr '\n' '|')"
    fi
done
# Without the check, the same defect goes unnoticed: it is the check that catches it.
"$VMSIM" -q --no-check -f "$trace" -n 16 --inject-fault hit >/dev/null 2>"$TMP/nc.err"
expect_eq "--no-check: runs the RTL system alone" 0 "$?"

# -- a build of one geometry refuses another, with the command that builds it -------
"$VMSIM" -q -f "$trace" --tlb-sets 4 --tlb-ways 4 >/dev/null 2>"$TMP/geo.err"
rc=$?
if [ $rc -ne 0 ] && [ "$(wc -l <"$TMP/geo.err")" -eq 1 ] && grep -q 'make sim CONFIG=osc TLB_SETS=4 TLB_WAYS=4' "$TMP/geo.err"; then
    pass "geometry mismatch: one line naming the make command"
else
    fail "geometry mismatch: one line naming the make command" "exit $rc: $(cat "$TMP/geo.err")"
fi

# -- random co-simulation over the built geometries -------------------------------
configs=${COSIM_CONFIGS:-osc-1x16}
cases=${COSIM_CASES:-60}
for cfg in $configs; do
    if [ ! -x "build/$cfg/vmsim" ]; then
        fail "cosim $cfg" "build/$cfg/vmsim is not built (make cosim-builds)"
        continue
    fi
    python3 tests/cosim/cosim_random.py --config "$cfg" --cases "$cases" --seed "${COSIM_SEED:-1}" >"$TMP/cr.out" 2>&1
    rc=$?
    ok=$(sed -n 's/^cosim: \([0-9]*\) cases with 0 mismatches, \([0-9]*\) failing$/\1 \2/p' "$TMP/cr.out")
    if [ $rc -eq 0 ] && [ "${ok#* }" = 0 ] && [ "${ok% *}" = "$cases" ]; then
        pass "cosim $cfg: $cases random run-time configurations, 0 mismatches"
    else
        fail "cosim $cfg" "$(grep -A8 '^FAIL' "$TMP/cr.out" | head -12 | tr '\n' '|')"
    fi
    # The cases must reach the corners, or their passing says little.
    reached=$(grep '^cosim reached:' "$TMP/cr.out")
    zero=$(echo "$reached" | tr ',' '\n' | awk '$NF == 0 {print $(NF-1)}' | tr '\n' ' ')
    if [ -n "$reached" ] && [ -z "$zero" ]; then
        pass "cosim $cfg: reached every corner (${reached#cosim reached: })"
    else
        fail "cosim $cfg: reached every corner" "never reached: ${zero:-?}"
    fi
done

summary

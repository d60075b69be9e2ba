#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A driver as rude as the port contract allows (tests/rtl/rtl_rude.c): every input of
# the RTL changed in every cycle the contract does not fix it -- request fields
# (privilege included) before and after acceptance, valid raised and dropped while busy,
# invalidations of every SFENCE.VMA mode in every phase of a walk, per-operation memory
# latencies and mem_err, satp (Bare too), SUM, MXR, the A/D scheme and the memory
# bound, resets mid-walk -- on page tables spread over the whole physical range with
# PTEs of every bit pattern (superpages, global, reserved bits); each cycle's outputs
# checked against the model's TLB and walk stepped by docs/contract.md's clock
# (tests/rtl/rude_ref.h).  The OS-driven co-simulation
# does none of this (tools/mutants.py ends with RTL bugs only this test catches).
#
# Runs on every built configuration of COSIM_CONFIGS (default: make test's; unbuilt
# ones are skipped) and on RUDE_EXTRA_CONFIGS (default: osc-1x3 sv39-2x5, TLBs whose
# way count is not a power of two, which nothing else builds: this test builds them).
# RUDE_SEED, RUDE_CASES and RUDE_CYCLES (per case) size the run; a failure prints the
# seed, the cycle and the command that replays it.
source "$(dirname "$0")/../lib.sh"

configs=${COSIM_CONFIGS:-osc-1x16 osc-16x1 osc-4x4 osc-1x64 sv32-4x4 sv39-1x16 sv48-1x16}
extra=${RUDE_EXTRA_CONFIGS-osc-1x3 sv39-2x5}
seed=${RUDE_SEED:-1} cases=${RUDE_CASES:-500} cycles=${RUDE_CYCLES:-3000}
# build CFG: makes build/tests/CFG/rtl_rude (an extra configuration's RTL first).
build() {
    # shellcheck disable=SC2046 # the variables are words
    make -s --no-print-directory $(cfg_make "$1") \
        "build/tests/$1/rtl_rude" >"$TMP/cc.err" 2>&1 && return 0
    fail "rude $1: build" "$(tail -c 400 "$TMP/cc.err" | tr '\n' '|')"
    return 1
}

ran=0
for cfg in $configs $extra; do
    if [[ $cfg == *-L* ]]; then
        skip "rude $cfg" "an L2 TLB build: the rude reference (rude_ref.h) has no L2 yet (its checks: tests/cosim/t_vectors_l2.sh, cosim_random.py, make formal's mmu_osc_1x2_L1x2)"
        continue
    fi
    if [[ " $extra " != *" $cfg "* ]] && [ ! -r "build/$cfg/librtl.a" ]; then
        skip "rude $cfg" "build/$cfg/librtl.a is not built (make cosim-builds)"
        continue
    fi
    build "$cfg" || continue
    bin=build/tests/$cfg/rtl_rude
    ran=$((ran + 1))
    # --cover: the run must also reach every corner it exists for (else it proves little).
    "$bin" --seed "$seed" --cases "$cases" --cycles "$cycles" --cover >"$TMP/out" 2>"$TMP/err"
    rc=$?
    while IFS= read -r line; do
        case $line in
        PASS\ *) pass "${line#PASS }" ;;
        FAIL\ *) line=${line#FAIL }; fail "${line%%: *}" "${line#*: } | $(grep -m1 '^repro: ' "$TMP/out")" ;;
        esac
    done <"$TMP/out"
    if [ $rc -ne 0 ] && ! grep -q '^FAIL ' "$TMP/out"; then
        fail "rude $cfg: runs to the end" "exit $rc: $(tail -3 "$TMP/err" | tr '\n' '|')"
    fi
    # The ports of the last cycles before a failure, for the log.
    [ $rc -ne 0 ] && sed 's/^/# /' "$TMP/err" | tail -16
done
[ $ran -gt 0 ] || skip "rude" "no configuration of '$configs $extra' is built"

# Bad usage is one line and exit 2.
if [ -x build/tests/osc-1x3/rtl_rude ]; then
    out=$(build/tests/osc-1x3/rtl_rude --cases x 2>&1)
    expect_eq "rude: a bad number is one line, exit 2" "2:rtl_rude: --cases x: not a number" "$?:$out"
fi
summary

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Random page tables through --vectors (tests/cosim/vectors_random.py): superpages,
# reserved encodings, U/S, SUM, MXR, both A/D modes, physical-memory bounds, every
# SFENCE.VMA form, ASID changes and Bare, stale entries after a PTE is rewritten.
# On the model, every case runs and every kind of answer appears (the generator
# reaches each rule); on each built sv* RTL configuration, vmsim --vectors prints what
# vmref prints, with 0 mismatches in its lock-step check.
source "$(dirname "$0")/../lib.sh"
need_bin "vmref built" "$VMREF" || { summary; exit; }

CASES=${VECTORS_CASES:-20}
for c in sv32 sv39 sv48; do
    if out=$(python3 "$ROOT/tests/cosim/vectors_random.py" --config $c --cases "$CASES" --seed 1 --vmref "$VMREF" 2>&1); then
        pass "vectors_random $c, model: $(tail -1 <<<"$out")"
    else
        fail "vectors_random $c, model" "$(grep -E '^FAIL' <<<"$out" | head -3)"
    fi
done
# The reach check can fail: two requests cannot show every kind of answer.
out=$(python3 "$ROOT/tests/cosim/vectors_random.py" --config sv39 --cases 1 --requests 2 --vmref "$VMREF" 2>&1)
if [ $? -ne 0 ] && grep -q '^FAIL reach: no ' <<<"$out"; then
    pass "vectors_random: a run too short to reach every rule fails, naming what it missed"
else
    fail "vectors_random: reach check" "a 2-request run passed: $out"
fi

ran=0
for cfg in ${COSIM_CONFIGS:-}; do
    preset=${cfg%%-*}
    [ "$preset" = osc ] && continue
    vmsim=$ROOT/build/$cfg/vmsim
    [ -x "$vmsim" ] || continue
    if ! "$vmsim" --help 2>&1 | grep -q -- '--vectors'; then
        skip "vectors_random $cfg, RTL" "this vmsim has no --vectors (the RTL side of issue 16)"
        continue
    fi
    ran=1
    if out=$(python3 "$ROOT/tests/cosim/vectors_random.py" --config "$preset" --cases "$CASES" --seed 2 \
        --vmref "$VMREF" --vmsim "$vmsim" --tlb "${cfg#*-}" 2>&1); then
        pass "vectors_random $cfg, RTL in lock step: $(tail -1 <<<"$out")"
    else
        fail "vectors_random $cfg, RTL in lock step" "$(grep -E '^FAIL|replay' <<<"$out" | head -4)"
    fi
done
[ $ran = 1 ] || skip "vectors_random, RTL" "no sv* vmsim built with --vectors in COSIM_CONFIGS (${COSIM_CONFIGS:-unset})"
summary

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make formal's proofs (tests/formal/formal.py, docs/formal.md): every property
# proven, every cover point reached.  In CI (CI=true, .ci/run) or with FORMAL_FULL=1,
# every job of make formal (~4 minutes on 2 cores); otherwise the fast subset
# (formal.py --fast, ~1.5 minutes: the walker against the contract's walk on sv32, its
# cover points, the MMU's invariants and timing on osc 1x4), so a developer's make
# test stays short.  And the proofs can fail: the walk's proof on a copy of the RTL
# with one of tools/mutants.py's mutants, which the co-simulation does not catch,
# must say FAILED with a counterexample trace.
source "$(dirname "$0")/../lib.sh"
# A user's make, not the one make test runs this from (make -s test would pass -s).
unset MAKEFLAGS MFLAGS MAKELEVEL

# The tools: a venv of PyPI packages (mk/formal.mk); made once, then reused.
if ! make -s --no-print-directory formal-tools >"$TMP/tools.log" 2>&1; then
    fail "formal: make formal-tools" "$(tail -3 "$TMP/tools.log" | tr '\n' '|')"
    summary
fi

# Every line a property: "JOB PROPERTY verdict"; the last line the summary.
if [ "${CI:-}" = true ] || [ "${FORMAL_FULL:-}" = 1 ]; then
    set_name="every job"
    python3 tests/formal/formal.py --out "$TMP/run" >"$TMP/run.out" 2>"$TMP/run.err"
else
    set_name="--fast"
    python3 tests/formal/formal.py --fast --out "$TMP/run" >"$TMP/run.out" 2>"$TMP/run.err"
fi
rc=$?
sed '$d' "$TMP/run.out" >"$TMP/props"
good=$(grep -cE '^\S+ +\S+ +(proven \(k-induction|reached at step)' "$TMP/props")
total=$(wc -l <"$TMP/props")
bad=$(grep -vE '^\S+ +\S+ +(proven \(k-induction|reached at step)' "$TMP/props" | head -3 | tr '\n' '|')
if [ "$rc" -eq 0 ] && [ "$total" -gt 0 ] && [ "$good" -eq "$total" ]; then
    pass "formal ($set_name): $(tail -1 "$TMP/run.out")"
else
    fail "formal ($set_name)" "exit $rc, $good of $total proven or reached: ${bad:-$(tail -3 "$TMP/run.err" | tr '\n' '|')}"
fi
# The strongest property is there, and proven: not an empty run that passes.
for p in f_ops f_answer f_fill f_lookup; do
    expect_true "formal: walk_sv32 $p proven" "$(grep -E "^walk_sv32 +$p " "$TMP/props")" \
        grep -qE "^walk_sv32 +$p +proven" "$TMP/props"
done

# A mutant the proof must refute: the A/D write-back clears the PTE's RSW bits, which
# every PTE of the OS leaves 0.
python3 tests/formal/formal.py --only walk_sv32 --mutant writeback_clears_rsw --out "$TMP/mut" \
    >"$TMP/mut.out" 2>"$TMP/mut.err"
rc=$?
line=$(grep -E '^walk_sv32 +f_ops +FAILED: counterexample ' "$TMP/mut.out")
trace=$(printf '%s\n' "$line" | sed -n 's/.*FAILED: counterexample \(\S*\.vcd\).*/\1/p')
if [ "$rc" -eq 1 ] && [ -n "$line" ] && [ -s "$trace" ]; then
    pass "formal: the walk proof fails on mutant writeback_clears_rsw (f_ops, trace $(basename "$trace"))"
else
    fail "formal: the walk proof on mutant writeback_clears_rsw" \
        "exit $rc, want 1 and f_ops FAILED with a trace: $(grep -v proven "$TMP/mut.out" | head -3 | tr '\n' '|')"
fi
summary

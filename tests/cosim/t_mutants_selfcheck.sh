#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make mutants must keep working: its unmutated baseline passes every check, and a
# mutant is caught by a real mismatch, not by a check that could not run.
#
# make mutants is too slow for make test, and it rotted unseen once: the baseline
# failed on a missing build/vmref in the copy, so every "catch" was a Python
# traceback (newcomer review D1). This runs tools/mutants.py on its baseline and on
# its cheapest mutant (extra_wait_rvalid: one configuration, osc-1x16, and caught by
# the first check), in copies under $TMP, reusing the parent's osc-1x16 build. Then
# once more with a vmref that fails on purpose: the baseline must then be a harness
# ERROR showing vmref's message, never a catch (the mutant may still be caught by a
# check that does not need vmref: vmsim's own lock-step check).
source "$(dirname "$0")/../lib.sh"

# Every mutant's edit still applies to the RTL: an RTL change that moves a mutant's
# text makes that mutant an ERROR in make mutants, which make test never runs whole
# (asid_top_bit_ignored went so, unseen, when the compare was rewritten for speed).
out=$(python3 tools/mutants.py --check-edits 2>&1)
expect_eq "mutants: every mutant's edit applies to the RTL" 0 "$?" "$out"

MUTANT=extra_wait_rvalid
if [ ! -d build/osc-1x16/verilated ] || [ ! -x build/osc-1x16/vmsim ]; then
    skip "mutants self-check" "build/osc-1x16 is not built (make cosim-builds)"
    summary
    exit
fi

python3 tools/mutants.py --only "$MUTANT" --jobs 2 --dir "$TMP/m" >"$TMP/out" 2>"$TMP/err"
rc=$?
expect_eq "mutants $MUTANT: exit 0" 0 "$rc"
if grep -q '^mutants: baseline  *[0-9]* s  passes every check$' "$TMP/err"; then
    pass "mutants: the unmutated baseline passes every check"
else
    fail "mutants: the unmutated baseline passes every check" "$(grep -E '^mutants: (baseline|.*BASELINE)' "$TMP/err" "$TMP/out" | head -3 | cut -c1-600 | tr '\n' '|')"
fi
# The table's row: | name | file | breaks | caught by | how | lint | time |
row=$(grep "^| $MUTANT |" "$TMP/out")
by=$(printf '%s\n' "$row" | awk -F' [|] ' '{print $4}')
how=$(printf '%s\n' "$row" | awk -F' [|] ' '{print $5}')
case $by:$how in
textbook\ osc-1x16:mismatch* | cosim\ osc-1x16:mismatch* | cosim\ osc-1x16:RTL\ assertion*)
    pass "mutants $MUTANT: caught by a real mismatch ($by: $how)" ;;
*) fail "mutants $MUTANT: caught by a real mismatch" "row: ${row:-none}; $(tail -2 "$TMP/err" | cut -c1-400 | tr '\n' '|')" ;;
esac
expect_true "mutants: the summary says 1 of 1 caught" "$(tail -1 "$TMP/out")" \
    grep -q "^mutants: 1 of 1 caught in [0-9]* s$" "$TMP/out"

# A check that cannot run is no catch: vmref fails on purpose.
cat >"$TMP/broken-vmref" <<'EOF'
#!/bin/sh
echo "vmref: broken on purpose by t_mutants_selfcheck" >&2
exit 1
EOF
chmod +x "$TMP/broken-vmref"
python3 tools/mutants.py --only "$MUTANT" --jobs 2 --dir "$TMP/b" --vmref "$TMP/broken-vmref" \
    >"$TMP/bout" 2>"$TMP/berr"
rc=$?
expect_eq "broken vmref: exit 1" 1 "$rc"
if grep -q '^mutants: baseline .*ERROR: the harness failed in .*(not a catch).*broken on purpose' "$TMP/berr"; then
    pass "broken vmref: the baseline is a harness ERROR showing vmref's stderr"
else
    fail "broken vmref: the baseline is a harness ERROR showing vmref's stderr" "$(grep '^mutants: baseline' "$TMP/berr" | cut -c1-400)"
fi
expect_true "broken vmref: the summary says the baseline fails" "$(tail -1 "$TMP/bout" | cut -c1-400)" \
    grep -q "^mutants: .*; the BASELINE FAILS, so none of this means anything: the harness failed in " "$TMP/bout"
summary

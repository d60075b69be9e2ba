#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cli/t_build_opts.sh -- a build's name (osc-1x8-i1x4, sv39-1x4-L16x4-p4: the
# Makefile's CFG) has one parser, make build-opts (mk/bench.mk: cfg_vars through the
# opt_ knobs), which tests/lib.sh's cfg_opts, tests/cosim/cosim_random.py and make bench
# all use.
#   hand      four names against options written out by hand, through each of the three
#             users (the ITLB of one set: its --itlb-sets 1 is read beside its ways)
#   roundtrip every name of the Makefile's COSIM_CONFIGS, and three more, named back
#             from its options (CONFIG-SETSxWAYS[-iSxW][-LSxW][-pN])
#   bad       a name that is none: no options, and cosim_random.py stops with one line
source "$(dirname "$0")/../lib.sh"

# cosim_opts NAME: cosim_random.py's options of a build (its build_opts).
cosim_opts() {
    python3 -c 'import sys; sys.path.insert(0, "tests/cosim"); import cosim_random as c
print(" ".join(c.build_opts(sys.argv[1])))' "$1"
}

declare -A want=(
    [osc-16x1]="--config osc --tlb-sets 16 --tlb-ways 1"
    [osc-1x8-i1x4]="--config osc --tlb-sets 1 --tlb-ways 8 --itlb-sets 1 --itlb-ways 4"
    [sv39-1x4-L16x4-p4]="--config sv39 --tlb-sets 1 --tlb-ways 4 --l2-sets 16 --l2-ways 4 --pwc-entries 4"
    [sv32-1x2-i1x2-L2x2]="--config sv32 --tlb-sets 1 --tlb-ways 2 --itlb-sets 1 --itlb-ways 2 --l2-sets 2 --l2-ways 2"
)
for n in osc-16x1 osc-1x8-i1x4 sv39-1x4-L16x4-p4 sv32-1x2-i1x2-L2x2; do
    expect_eq "build-opts-hand $n: make build-opts" "${want[$n]}" \
        "$(make -s --no-print-directory build-opts CFG="$n" 2>&1)"
    expect_eq "build-opts-hand $n: cfg_opts" "${want[$n]}" "$(cfg_opts "$n" 2>&1)"
    expect_eq "build-opts-hand $n: cosim_random.py" "${want[$n]}" "$(cosim_opts "$n" 2>&1)"
done

# roundtrip: the name again from the options alone.
echo 'cosim-configs: ; @echo $(COSIM_CONFIGS)' >"$TMP/list.mk"
names=$(make -s --no-print-directory -f Makefile -f "$TMP/list.mk" cosim-configs)
bad=""
for n in $names osc-16x1 sv48-1x16 sv39-1x16-L16x4-p8; do
    declare -A o=()
    read -ra w <<<"$(cfg_opts "$n")"
    for ((k = 0; k + 1 < ${#w[@]}; k += 2)); do o[${w[k]}]=${w[k + 1]}; done
    back="${o[--config]:-}-${o[--tlb-sets]:-}x${o[--tlb-ways]:-}"
    [ -n "${o[--itlb-ways]:-}" ] && back+="-i${o[--itlb-sets]:-}x${o[--itlb-ways]}"
    [ -n "${o[--l2-ways]:-}" ] && back+="-L${o[--l2-sets]:-}x${o[--l2-ways]}"
    [ -n "${o[--pwc-entries]:-}" ] && back+="-p${o[--pwc-entries]}"
    [ "$back" = "$n" ] && [ $((${#w[@]} % 2)) = 0 ] || bad+=" $n -> '${w[*]}'"
    unset o
done
if [ -n "$names" ] && [ -z "$bad" ]; then
    pass "build-opts-roundtrip: $(wc -w <<<"$names") names of COSIM_CONFIGS and 3 more"
else
    fail build-opts-roundtrip "COSIM_CONFIGS '$names'; named back otherwise:$bad"
fi

# bad: not a name.
expect_eq build-opts-bad-make "" "$(make -s --no-print-directory build-opts CFG=sv39-4x 2>&1)" "make build-opts CFG=sv39-4x"
rc=0
python3 tests/cosim/cosim_random.py --config sv39-4x --cases 1 >"$TMP/out" 2>"$TMP/err" || rc=$?
if [ $rc -ne 0 ] && [ "$(grep -c . "$TMP/err")" = 1 ] && grep -q -- "--config sv39-4x: not a build's name" "$TMP/err" &&
    [ ! -s "$TMP/out" ]; then
    pass build-opts-bad-cosim
else
    fail build-opts-bad-cosim "exit $rc, stderr '$(head -c 300 "$TMP/err")'"
fi
summary

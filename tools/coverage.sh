#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tools/coverage.sh -- make coverage's run (mk/coverage.mk builds first; docs/coverage.md):
# the co-simulation tests on the coverage builds of COV_CONFIGS, each model run
# saving its counters in build/cov/dat/<config>/; then tools/coverage.py counts,
# lists the gaps and checks the gate; verilator_coverage merges the counters into
# build/cov/merged.dat; genhtml draws build/cov/html/ (lines, branch arms, cover points)
# and build/cov/html/toggle/ (every signal bit).
#
# Environment (make coverage sets it): COV_CONFIGS, COV_SUITES (textbook random rtl),
# COV_CASES, COV_BASELINE, COV_DIR, COV_WRITE=1 (write the baseline instead of
# checking it), COSIM_SEED (default 1, as make test), OSC (default ../shared/osc).
# Exit: 0, or 1 when a test failed or the gate did.
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1

configs=${COV_CONFIGS:?}
suites=${COV_SUITES:-textbook random rtl}
cases=${COV_CASES:-60}
dir=${COV_DIR:-build/cov}
baseline=${COV_BASELINE:-}
osc=${OSC:-../shared/osc}
failed=0
has() { [[ " $suites " == *" $1 "* ]]; }
say() { echo "coverage: $*" >&2; }
bad() {
    say "FAILED: $*"
    failed=1
}

rm -rf "$dir/dat" "$dir/html" "$dir/report"
mkdir -p "$dir/dat" "$dir/report"
start=$SECONDS

one_config() { # CFG: its three suites; a failure is noted in report/CFG.failed
    local cfg=$1 vmsim t0 root t pol
    export VMMU_COVERAGE_DIR=$ROOT/$dir/dat/$cfg
    mkdir -p "$VMMU_COVERAGE_DIR"
    vmsim=$dir/$cfg/vmsim
    t0=$SECONDS

    # The textbook, as tests/cosim/t_cosim.sh runs it: the default build only.
    if has textbook && [ "$cfg" = osc-1x16 ]; then
        if [ -r "$osc/addresses.txt" ] && [ -r "$osc/BACKING_STORE.bin" ]; then
            for pol in "-n 256 -p fifo" "-n 128 -p fifo" "-n 128 -p lru" "-n 128 -p lru-walk" "-n 64 -p clock"; do
                # shellcheck disable=SC2086 # the policy is several words
                "$vmsim" -q -f "$osc/addresses.txt" -b "$osc/BACKING_STORE.bin" $pol >/dev/null 2>"$dir/report/tb.err" &&
                    grep -q ' 0 mismatches' "$dir/report/tb.err" ||
                    bad "$cfg textbook $pol: $(tail -2 "$dir/report/tb.err" | tr '\n' '|')"
            done
        else
            say "$osc is missing: the textbook runs are left out"
        fi
    fi

    # The random co-simulation, as make test runs it (same cases, same seed).
    # cosim_random.py runs build/<config>/vmsim from its working folder: one where that
    # path is the coverage build.
    if has random; then
        root=$dir/root
        mkdir -p "$root/build"
        ln -sfn "$ROOT/$dir/$cfg" "$root/build/$cfg"
        (cd "$root" && python3 "$ROOT/tests/cosim/cosim_random.py" --config "$cfg" --cases "$cases" \
            --seed "${COSIM_SEED:-1}" --tracegen "$ROOT/build/tracegen" --vmref "$ROOT/build/vmref" \
            --backing "$ROOT/build/traces/backing.bin") >"$dir/report/random-$cfg.out" 2>&1
        grep -q "^cosim: $cases cases with 0 mismatches, 0 failing$" "$dir/report/random-$cfg.out" ||
            bad "$cfg random: $(grep -m3 -A3 '^FAIL' "$dir/report/random-$cfg.out" | tr '\n' '|') (see $dir/report/random-$cfg.out)"
    fi

    # The RTL's C-API tests.
    if has rtl; then
        for t in "$dir/$cfg"/tests/*; do
            [ -x "$t" ] || continue
            # their latencies are worked out without a page-walk cache (-pN builds), and
            # theirs and the rude reference's without an L2 TLB (-LSxW): make test skips
            # them there too (tests/rtl/t_rtl_smoke.sh, t_mutant_gaps.sh, t_rude.sh)
            [[ $cfg == *-p* && ${t##*/} =~ ^rtl_(smoke|gaps)$ ]] && continue
            [[ $cfg =~ -L[0-9] && ${t##*/} =~ ^rtl_(smoke|gaps|rude)$ ]] && continue
            "$t" >"$dir/report/rtl-$cfg-${t##*/}.out" 2>&1 ||
                bad "$cfg ${t##*/}: exit $?: $(grep -m3 FAIL "$dir/report/rtl-$cfg-${t##*/}.out" | tr '\n' '|')"
        done
    fi
    say "$cfg: $(find "$VMMU_COVERAGE_DIR" -name '*.dat' | wc -l) model runs in $((SECONDS - t0)) s"
    [ $failed -eq 0 ] || touch "$dir/report/$cfg.failed"
}

# The configurations run side by side, one a core: each writes only its own dat/ and
# report files (the random suite's build/ link is the configuration's own).
lanes=$(nproc 2>/dev/null || echo 1)
for cfg in $configs; do
    while [ "$(jobs -pr | wc -l)" -ge "$lanes" ]; do
        wait -n
    done
    one_config "$cfg" &
done
wait
for cfg in $configs; do
    [ ! -e "$dir/report/$cfg.failed" ] || failed=1
done

# Counting and the gate; the counts of a failed test are still drawn, but it fails.
args=("$dir/dat" "$dir/report")
if [ "${COV_WRITE:-}" = 1 ]; then
    args+=(--write-baseline "${baseline:?COV_BASELINE names the file WRITE=1 writes}")
elif [ -n "$baseline" ]; then
    args+=(--baseline "$baseline")
fi
python3 tools/coverage.py "${args[@]}" >&2
gate=$?
[ $gate -le 1 ] || exit 1

# One merged coverage file, for verilator_coverage --annotate and other tools: each
# configuration's runs first (one command line each), then those.
merged=()
for cfg in $configs; do
    runs=("$dir/dat/$cfg"/*.dat)
    [ -e "${runs[0]}" ] || continue
    verilator_coverage --write "$dir/report/merged-$cfg.dat" "${runs[@]}" || bad "verilator_coverage --write ($cfg)"
    merged+=("$dir/report/merged-$cfg.dat")
done
[ ${#merged[@]} -eq 0 ] || verilator_coverage --write "$dir/merged.dat" "${merged[@]}" || bad "verilator_coverage --write"

# The HTML: lines, branch arms and cover points of the RTL sources; then every signal
# bit, from the listings coverage.py wrote.  Each page's foot gives the figures and
# links the other report and the list of gaps (genhtml fills in @basedir@).
epilog() { # FILE OTHER-REPORT OTHER-NAME
    {
        echo '<br><table width="100%" border=0 cellspacing=0 cellpadding=0><tr><td class="versionInfo"><pre>'
        echo 'vmmu RTL coverage: make coverage (docs/coverage.md). "Functions" are the RTL'"'"'s named cover points.'
        sed 's/&/\&amp;/g; s/</\&lt;/g' "$dir/report/summary.txt"
        echo "</pre>Not reached, by name: <a href=\"@basedir@gaps.txt\">gaps.txt</a> &middot; <a href=\"@basedir@$2\">$3</a>"
        echo '</td></tr></table><br></body></html>'
    } >"$1"
}
epilog "$dir/report/foot-lines.html" toggle/index.html "the toggle report"
epilog "$dir/report/foot-toggle.html" ../index.html "the line and cover-point report"
html=$dir/html
draw() { # EPILOG TITLE OUT INFO [genhtml options]
    genhtml --quiet --legend --html-epilog "$1" --title "$2" --output-directory "$3" "${@:4}" \
        2>"$dir/report/genhtml.err" || bad "genhtml: $(tail -3 "$dir/report/genhtml.err" | tr '\n' '|')"
    cp "$dir/report/gaps.txt" "$3/gaps.txt"
}
draw "$dir/report/foot-lines.html" "vmmu RTL: lines, branch arms, cover points" "$html" \
    "$dir/report/lines.info" --branch-coverage --function-coverage
draw "$dir/report/foot-toggle.html" "vmmu RTL: toggles (a line is a bit; hit: it rose and fell in one run)" \
    "$html/toggle" "$dir/report/toggle.info" --no-function-coverage --prefix "$ROOT/$dir/report"

say "$(echo $configs | wc -w) configuration(s), suites: $suites; $((SECONDS - start)) s"
say "report: $html/index.html (toggles: $html/toggle/index.html; not reached, by name: $html/gaps.txt)"
[ $failed -eq 0 ] && [ $gate -eq 0 ]

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/fuzz/run.sh SECONDS TARGET... -- runs each libFuzzer target (build/fuzz/TARGET,
# made by `make fuzz-build`) for SECONDS seconds and prints a summary table.  Called
# by `make fuzz`.
#
# Each run reads tests/fuzz/corpus/TARGET/ and tests/fuzz/regress/TARGET/ (kept as
# they are) and collects the inputs that reach new code in build/fuzz/work/TARGET/
# (kept between runs, so fuzzing resumes where it stopped).  A crash, a hang (10 s),
# a leak, an out-of-memory or a UB report stops that target and leaves the input in
# build/fuzz/artifacts/TARGET/; the log is build/fuzz/logs/TARGET.log.  Exit status
# 1 if any target found something.
#
#   FUZZ_BIN_DIR   where the binaries are (default build/fuzz)
#   FUZZ_ARGS      more libFuzzer flags, e.g. "-jobs=2 -workers=2"
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT" || exit 1

secs=${1:?usage: tests/fuzz/run.sh SECONDS TARGET...}
shift
bindir=${FUZZ_BIN_DIR:-build/fuzz}

# The longest input each target tries: a line is short; a trace, a maps file (whose
# reader splits lines at 4095 bytes) and a command line a little longer.
max_len() {
    case $1 in
    trace_text | trace_ext | trace_lackey) echo 512 ;;
    trace_reader | maps) echo 8192 ;;
    *) echo 2048 ;;
    esac
}

found=0
rows=()
for t in "$@"; do
    bin=$bindir/$t
    if [ ! -x "$bin" ]; then
        echo "fuzz: $bin is not built (make fuzz-build)" >&2
        rows+=("$t|-|-|-|-|-|not built")
        found=1
        continue
    fi
    work=build/fuzz/work/$t
    art=build/fuzz/artifacts/$t
    log=build/fuzz/logs/$t.log
    mkdir -p "$work" "$art" "$(dirname "$log")"
    seeds=()
    for d in tests/fuzz/corpus/$t tests/fuzz/regress/$t; do
        [ -d "$d" ] && seeds+=("$d")
    done
    dict=()
    [ -r "tests/fuzz/dict/$t.dict" ] && dict=(-dict="tests/fuzz/dict/$t.dict")
    before=$(find "$art" -type f | wc -l)
    echo "fuzz: $t for ${secs}s (log $log)" >&2
    # shellcheck disable=SC2086
    "$bin" "$work" "${seeds[@]}" "${dict[@]}" -max_total_time="$secs" -timeout=10 \
        -rss_limit_mb=2048 -max_len="$(max_len "$t")" -use_value_profile=1 \
        -artifact_prefix="$art/" -print_final_stats=1 ${FUZZ_ARGS:-} >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    new=$(sed -n 's/^stat::new_units_added: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1 | awk '{print $2 "|" $4}')
    [ -n "$cov" ] || cov="-|-"
    corp=$(find "$work" -type f | wc -l)
    after=$(find "$art" -type f | wc -l)
    if [ "$rc" -eq 0 ] && [ "$after" -eq "$before" ]; then
        result=ok
    else
        found=1
        what=$(grep -m1 -oE 'ERROR: [A-Za-z]+Sanitizer: [a-z-]+|runtime error: .*|fuzz check failed.*|ERROR: libFuzzer: [a-z-]+' "$log" | head -c 100)
        result="FOUND (${what:-exit $rc}): $(grep -o "Test unit written to .*" "$log" | tail -1 | sed 's/Test unit written to //')"
    fi
    rows+=("$t|${runs:--}|${rate:--}|$cov|$corp|${new:--}|$result")
done

printf '\n%-14s %12s %8s %6s %7s %7s %5s  %s\n' target runs "exec/s" cov ft corpus new result
for r in "${rows[@]}"; do
    IFS='|' read -r t runs rate cov ft corp new result <<<"$r"
    printf '%-14s %12s %8s %6s %7s %7s %5s  %s\n' "$t" "$runs" "$rate" "$cov" "$ft" "$corp" "$new" "$result"
done
if [ "$found" -ne 0 ]; then
    echo "fuzz: something was found: keep each input under tests/fuzz/regress/TARGET/ and fix the bug (tests/fuzz/README.md)"
    exit 1
fi
echo "fuzz: ${#rows[@]} targets, ${secs}s each, nothing found"

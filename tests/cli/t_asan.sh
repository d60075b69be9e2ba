#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cli/t_asan.sh -- a handful of vmref runs under the ASan/UBSan build
# (build/asan/vmref, made when missing or stale): no sanitizer report, and the same
# stdout and exit status as the plain build/vmref.  ASAN_VMREF overrides the binary.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

PLAIN=$ROOT/build/vmref
ASAN=$(abs_path "${ASAN_VMREF:-build/asan/vmref}")
need_bin vmref "$PLAIN" || summary
if [ "$ASAN" = "$ROOT/build/asan/vmref" ]; then
    # make is a no-op when it is up to date; a stale binary would give false diffs.
    make -s build/asan/vmref >"$TMP/make.out" 2>&1 || {
        fail asan_build "make build/asan/vmref: $(tail -c 600 "$TMP/make.out" | tr '\n' '|')"
        summary
    }
fi
need_bin asan_vmref "$ASAN" || summary

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

# same NAME ARGS...: the two builds agree, and the sanitizers say nothing.
same() {
    local name=$1
    shift
    "$PLAIN" "$@" >"$TMP/plain.out" 2>"$TMP/plain.err"
    local rc_p=$?
    "$ASAN" "$@" >"$TMP/asan.out" 2>"$TMP/asan.err"
    local rc_a=$?
    local report
    report=$(grep -m1 -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$TMP/asan.err")
    if [ -n "$report" ]; then
        fail "$name" "sanitizer: $report"
    elif [ "$rc_p" -ne "$rc_a" ]; then
        fail "$name" "exit status $rc_a under ASan, $rc_p plain: $(head -c 300 "$TMP/asan.err")"
    elif ! cmp -s "$TMP/plain.out" "$TMP/asan.out"; then
        fail "$name" "stdout differs from build/vmref: $(diff "$TMP/plain.out" "$TMP/asan.out" | head -4 | tr '\n' '|')"
    else
        pass "$name"
    fi
}

if need_osc; then
    same asan_textbook -f "$OSC/addresses.txt" -b "$OSC/BACKING_STORE.bin"
    same asan_textbook_n128_lru_walk -q -f "$OSC/addresses.txt" -b "$OSC/BACKING_STORE.bin" -n 128 -p lru-walk
else
    skip asan_textbook "textbook inputs not found in $OSC"
    skip asan_textbook_n128_lru_walk "textbook inputs not found in $OSC"
fi

BS=$TMP/backing.bin
"$TRACEGEN" --backing "$BS" --size 65536 --seed 4 &&
    "$TRACEGEN" --mode locality --seed 4 --count 1000 -o "$TMP/loc.txt" &&
    "$TRACEGEN" --mode multi --procs 3 --writes 0.3 --seed 4 --count 1000 -o "$TMP/multi.txt" ||
    fail asan_tracegen "tracegen failed"

for pol in fifo lru lru-walk clock opt; do
    same "asan_generated_n8_$pol" -f "$TMP/loc.txt" -b "$BS" -n 8 -p "$pol"
done
same asan_multi_writes_n8_clock -f "$TMP/multi.txt" -b "$BS" -n 8 -p clock --tlb-sets 4 --tlb-ways 2
same asan_stats_file -q -f "$TMP/loc.txt" -b "$BS" -n 32 -p opt --stats "$TMP/stats.json"

printf '16916\n62493\n12abc\n30198\n' >"$TMP/malformed.txt"
same asan_bad_line -f "$TMP/malformed.txt" -b "$BS"
same asan_bad_option -f "$TMP/loc.txt" -b "$BS" --tlb-ways 65
same asan_missing_trace -f "$TMP/nope.txt" -b "$BS"

summary

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cli/t_textbook.sh -- vmref on the textbook's inputs (../shared/osc): the exact
# output of correct.txt, the course reports' tables, and every Value checked
# against BACKING_STORE.bin independently.  Skipped when the folder is missing.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

NAMES="textbook_correct_txt textbook_values textbook_table_256_fifo textbook_table_256_lru
textbook_table_128_fifo textbook_table_128_lru textbook_table_128_lru-walk
textbook_values_128_fifo textbook_values_128_lru textbook_values_128_lru-walk
textbook_values_128_clock textbook_values_128_opt"

if ! need_osc; then
    for n in $NAMES; do
        skip "$n" "textbook inputs not found in $OSC (addresses.txt, BACKING_STORE.bin, correct.txt)"
    done
    summary
fi
need_bin vmref "$VMREF" || summary

A=$OSC/addresses.txt
B=$OSC/BACKING_STORE.bin

# 1. stdout byte-identical to correct.txt (stderr has a config echo; not compared).
"$VMREF" -f "$A" -b "$B" >"$TMP/out" 2>"$TMP/err"
rc=$?
if [ "$rc" -ne 0 ]; then
    fail textbook_correct_txt "exit status $rc: $(head -c 300 "$TMP/err")"
else
    expect_same_file textbook_correct_txt "$OSC/correct.txt" "$TMP/out"
fi

# 2. Every Value is the backing store's byte at (page, offset) of the virtual address.
if msg=$(check_values "$B" "$A" "$TMP/out"); then
    pass textbook_values
else
    fail textbook_values "$msg"
fi

# 2b. The same with replacement active (128 frames), for each frame policy.
pairs=()
for pol in fifo lru lru-walk clock opt; do
    if "$VMREF" -f "$A" -b "$B" -n 128 -p "$pol" >"$TMP/out128-$pol" 2>"$TMP/err"; then
        pairs+=("$A" "$TMP/out128-$pol")
    else
        echo "exit status non-zero: $(head -c 300 "$TMP/err")" >"$TMP/out128-$pol.err"
    fi
done
msgs=$(check_values "$B" "${pairs[@]}")
for pol in fifo lru lru-walk clock opt; do
    m=$(grep -F "$TMP/out128-$pol:" <<<"$msgs"; cat "$TMP/out128-$pol.err" 2>/dev/null)
    if [ -z "$m" ]; then pass "textbook_values_128_$pol"; else fail "textbook_values_128_$pol" "$m"; fi
done

# 3. The course reports' tables (16-entry fully associative TLB, the default).
table() { # FRAMES POLICY FAULTS HITS
    local n="textbook_table_$1_$2"
    "$VMREF" -q -f "$A" -b "$B" -n "$1" -p "$2" >"$TMP/t" 2>"$TMP/e"
    local rc=$? f h
    f=$(stat_of "$TMP/t" 'Page Faults')
    h=$(stat_of "$TMP/t" 'TLB Hits')
    if [ "$rc" -ne 0 ]; then
        fail "$n" "exit status $rc: $(head -c 300 "$TMP/e")"
    else
        expect_eq "$n" "faults $3, hits $4" "faults $f, hits $h" "-n $1 -p $2"
    fi
}
table 256 fifo 244 54
table 256 lru 244 55
table 128 fifo 538 54
table 128 lru 539 55
table 128 lru-walk 537 55

summary

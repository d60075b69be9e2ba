#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Warm-up and length (--skip N, --max M, as ChampSim's --warmup-instructions and
# --simulation-instructions) and progress (--progress), issue 13 items 10 and 12.
# Oracles: the full run's own lines and counts (skipping changes what is counted and
# printed, never what is simulated), additivity of the counts, and stdout unchanged
# by progress.
source "$(dirname "$0")/../lib.sh"

trace=$TMP/t.txt
"$TRACEGEN" --mode locality --count 20000 --seed 7 -o "$trace"
run() { "$@" >"$TMP/out" 2>"$TMP/err"; }
acc_lines() { grep -c '^Virtual address' "$1"; }

for who in vmref vmsim; do
    bin=$VMREF
    if [ $who = vmsim ]; then
        [ -x build/vmsim ] || { skip "$who --skip/--max" "build/vmsim is not built"; continue; }
        bin=$ROOT/build/vmsim
    fi
    base=(-f "$trace" -n 40 -p lru)
    run "$bin" "${base[@]}"; cp "$TMP/out" "$TMP/full"
    run "$bin" "${base[@]}" --max 1500; cp "$TMP/out" "$TMP/head"
    run "$bin" "${base[@]}" --skip 1500; cp "$TMP/out" "$TMP/tail"
    run "$bin" "${base[@]}" --skip 1500 --max 700; cp "$TMP/out" "$TMP/mid"
    expect_eq "$who --max 1500: 1500 accesses counted" 1500 "$(stat_of "$TMP/head" 'Number of Translated Addresses')"
    expect_eq "$who --max 1500: its lines are the full run's first 1500" \
        "$(grep '^Virtual' "$TMP/full" | head -1500 | md5sum)" "$(grep '^Virtual' "$TMP/head" | md5sum)"
    expect_eq "$who --skip 1500: 18500 counted" 18500 "$(stat_of "$TMP/tail" 'Number of Translated Addresses')"
    expect_eq "$who --skip 1500: its lines are the full run's from 1501" \
        "$(grep '^Virtual' "$TMP/full" | tail -n +1501 | md5sum)" "$(grep '^Virtual' "$TMP/tail" | md5sum)"
    expect_eq "$who --skip 1500 --max 700: the full run's lines 1501..2200" \
        "$(grep '^Virtual' "$TMP/full" | sed -n 1501,2200p | md5sum)" "$(grep '^Virtual' "$TMP/mid" | md5sum)"
    for s in 'Page Faults' 'TLB Hits'; do
        expect_eq "$who: $s of --max 1500 plus --skip 1500 = the full run's" \
            "$(stat_of "$TMP/full" "$s")" $(( $(stat_of "$TMP/head" "$s") + $(stat_of "$TMP/tail" "$s") ))
    done
    # The warm-up is simulated: the counted part starts with a warm TLB and memory,
    # so it faults less than the same accesses from cold.
    tail -n +1501 "$trace" >"$TMP/cold.txt"
    run "$bin" -f "$TMP/cold.txt" -b "$ROOT/build/traces/backing.bin" -n 40 -p lru; cp "$TMP/out" "$TMP/cold"
    expect_true "$who --skip: the warm-up is simulated (fewer faults than from cold)" \
        "warm $(stat_of "$TMP/tail" 'Page Faults'), cold $(stat_of "$TMP/cold" 'Page Faults')" \
        [ "$(stat_of "$TMP/tail" 'Page Faults')" -lt "$(stat_of "$TMP/cold" 'Page Faults')" ]
    run "$bin" "${base[@]}" --skip 30000
    expect_eq "$who --skip past the end: 0 counted" 0 "$(stat_of "$TMP/out" 'Number of Translated Addresses')"
    expect_eq "$who --skip past the end: says so" 1 "$(grep -c 'ended inside the warm-up' "$TMP/err")"
    run "$bin" "${base[@]}" --max 0
    expect_eq "$who --max 0: refused (exit 2)" 2 "$?"
    expect_eq "$who --max 0: one line" 1 "$(wc -l <"$TMP/err")"
done

# OPT's look-ahead is indexed by access number: after a warm-up it must still see the
# future of the counted part (additivity holds only if it does).
run "$VMREF" -f "$trace" -n 40 -p opt; cp "$TMP/out" "$TMP/ofull"
run "$VMREF" -f "$trace" -n 40 -p opt --max 1500; cp "$TMP/out" "$TMP/ohead"
run "$VMREF" -f "$trace" -n 40 -p opt --skip 1500; cp "$TMP/out" "$TMP/otail"
expect_eq "opt: faults of --max plus --skip = the full run's" "$(stat_of "$TMP/ofull" 'Page Faults')" \
    $(( $(stat_of "$TMP/ohead" 'Page Faults') + $(stat_of "$TMP/otail" 'Page Faults') ))

# -- progress --------------------------------------------------------------------------
"$TRACEGEN" --mode locality --count 4000000 --seed 9 -o "$TMP/big.txt"
"$VMREF" -f "$TMP/big.txt" -q >"$TMP/p0" 2>"$TMP/e0"
"$VMREF" -f "$TMP/big.txt" -q --progress >"$TMP/p1" 2>"$TMP/e1"
expect_same_file "--progress: stdout unchanged" "$TMP/p0" "$TMP/p1"
expect_eq "without --progress and no terminal: no progress lines" 0 "$(grep -c 'M accesses in' "$TMP/e0")"
# A log gets a line every few seconds; a short run may end before the first one, so
# the line's form is checked on a terminal below, where it comes twice a second.
if command -v script >/dev/null; then
    # vmsim when built, else vmref. Uniform addresses over 64 frames miss the TLB and
    # fault on most accesses: vmsim takes about a microsecond each (seconds of run),
    # where a hit every cycle runs the locality trace at 10 M a second.
    prog=vmref bin=$VMREF
    [ -x build/vmsim ] && prog=vmsim bin=$ROOT/build/vmsim
    "$TRACEGEN" --mode uniform --count 3000000 --seed 9 -o "$TMP/uniform.txt"
    script -qec "'$bin' -f '$TMP/uniform.txt' -q -n 64 -p lru" /dev/null >"$TMP/tty" 2>&1
    if grep -aq $'\r'"$prog"': [0-9.]* M accesses in [0-9]* s, [0-9.]* M/s, [0-9]* % of the trace' "$TMP/tty"; then
        pass "on a terminal: a progress line, redrawn in place, with the share of the file"
    else
        # A fast machine may finish inside the first half second: then nothing is due.
        if grep -aq 'Number of Translated Addresses = 3000000' "$TMP/tty" && ! grep -aq 'M accesses in' "$TMP/tty"; then
            skip "on a terminal: a progress line" "the run ended before the first line was due"
        else
            fail "on a terminal: a progress line" "$(tr '\r' '|' <"$TMP/tty" | head -c 300)"
        fi
    fi
    # The last progress line is erased (carriage return, erase to end of line) before
    # the statistics are written over it.
    cleared=$(python3 -c 'import sys; t = open(sys.argv[1], "rb").read(); i = t.rfind(b"M/s"); j = t.find(b"Number of Translated", i)
print("yes" if i < 0 or b"\r\x1b[K" in t[i:j] else "no")' "$TMP/tty")
    expect_eq "on a terminal: the line is cleared before the statistics" yes "$cleared"
else
    skip "progress on a terminal" "script(1) is missing"
fi
summary

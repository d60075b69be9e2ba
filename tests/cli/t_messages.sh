#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What a run tells its user is true and readable (issue 13: D2, D6, D11, D15, D17,
# D18, D19, D22): OPT refuses a pipe instead of an empty "success"; a broken backing
# store and a map that misses the trace are warned about; vmsim's help offers only
# what vmsim runs; bytes from a bad file are escaped; the JSON names its counts as
# the text does and records what produced it; `vmref < file` says what it reads;
# lines of traces with processes show the process and the access kind.
source "$(dirname "$0")/../lib.sh"

trace=$TMP/t.txt
"$TRACEGEN" --mode locality --count 3000 --seed 2 -o "$trace"

# -- D2: OPT on a pipe --------------------------------------------------------------
cat "$trace" | "$VMREF" -f - -p opt >"$TMP/o" 2>"$TMP/e"
rc=$?
if [ $rc -eq 2 ] && [ ! -s "$TMP/o" ] && [ "$(wc -l <"$TMP/e")" -eq 1 ] && grep -q 'opt.*file, not a pipe' "$TMP/e"; then
    pass "opt on a pipe: refused in one line, exit 2, no statistics"
else
    fail "opt on a pipe: refused in one line" "exit $rc, stdout $(head -c 80 "$TMP/o"), stderr $(head -c 200 "$TMP/e")"
fi
"$VMREF" -f "$trace" -p opt >"$TMP/file.out" 2>/dev/null
"$VMREF" -f - -p opt -b "$ROOT/build/traces/backing.bin" <"$trace" >"$TMP/stdin.out" 2>/dev/null
expect_same_file "opt on standard input that is a file: the whole run" "$TMP/file.out" "$TMP/stdin.out"
expect_eq "opt on a file: every access counted" 3000 "$(stat_of "$TMP/file.out" 'Number of Translated Addresses')"

# -- D11: a backing store that is empty or not whole pages --------------------------------
: >"$TMP/empty.bin"
head -c 1000 "$ROOT/build/traces/backing.bin" >"$TMP/short.bin"
"$VMREF" -q -f "$trace" -b "$TMP/empty.bin" >/dev/null 2>"$TMP/e"
expect_eq "empty backing store: warned" 1 "$(grep -c 'warning: the backing store .* is empty' "$TMP/e")"
"$VMREF" -q -f "$trace" -b "$TMP/short.bin" >/dev/null 2>"$TMP/e"
expect_eq "1000-byte backing store: warned (not whole pages)" 1 "$(grep -c 'has 1000 bytes, not a whole number of 256-byte pages' "$TMP/e")"
"$VMREF" -q -f "$trace" >/dev/null 2>"$TMP/e"
expect_eq "a whole backing store: no warning" 0 "$(grep -c warning "$TMP/e")"

# -- D6: segmentation faults above 0.1 % are warned about --------------------------------
printf '0 R 100\n0 R 200\n0 R 70000\n' >"$TMP/segv.txt"
printf '00000000-00001000 r--p 00000000 00:00 0 /x\n' >"$TMP/small.maps"
"$VMREF" -f "$TMP/segv.txt" --config sv39 --maps 0="$TMP/small.maps" >/dev/null 2>"$TMP/e"
expect_eq "1 segmentation fault in 3 accesses: warned" 1 "$(grep -c 'warning: 33.3 % of the accesses were segmentation faults' "$TMP/e")"
printf '00000000-00100000 r--p 00000000 00:00 0 /x\n' >"$TMP/big.maps"
"$VMREF" -f "$TMP/segv.txt" --config sv39 --maps 0="$TMP/big.maps" >/dev/null 2>"$TMP/e"
expect_eq "no segmentation fault: no warning" 0 "$(grep -c warning "$TMP/e")"

# -- D15: vmsim --help offers what vmsim runs ---------------------------------------------
if [ -x build/vmsim ]; then
    p=$("$ROOT/build/vmsim" --help | grep -- '--policy')
    case $p in
    *"frame policy: fifo, lru, lru-walk, clock;"*) pass "vmsim --help: -p lists the policies vmsim runs" ;;
    *) fail "vmsim --help: -p lists the policies vmsim runs" "$p" ;;
    esac
    "$ROOT/build/vmsim" -p opt -f "$trace" >/dev/null 2>"$TMP/e"
    expect_eq "vmsim -p opt: exit 2" 2 "$?"
    expect_eq "vmsim -p opt: says why and what to choose" 1 "$(grep -c 'only vmref runs it; choose fifo, lru, lru-walk, clock' "$TMP/e")"
fi
expect_eq "vmref --help: -p lists opt" 1 "$("$VMREF" --help | grep -c 'frame policy: fifo, lru, lru-walk, clock, opt;')"

# -- D17: bytes of a bad file are escaped ---------------------------------------------
printf '12\n\0\n' >"$TMP/nul.txt"
"$VMREF" -f "$TMP/nul.txt" >/dev/null 2>"$TMP/e"
expect_eq "a NUL byte: shown as \\x00" "vmref: $TMP/nul.txt:2: expected one address (decimal or 0x hex), got '\\x00'" "$(cat "$TMP/e")"
head -c 2000 "$VMREF" >"$TMP/bin.txt"
"$VMREF" -f "$TMP/bin.txt" >/dev/null 2>"$TMP/e"
expect_eq "a binary file: exit 1" 1 "$?"
if LC_ALL=C grep -q '[^[:print:]]' "$TMP/e" || [ "$(wc -l <"$TMP/e")" -ne 1 ]; then
    fail "a binary file: one printable line" "$(od -c "$TMP/e" | head -3 | tr '\n' '|')"
else
    pass "a binary file: one printable line ($(head -c 60 "$TMP/e")...)"
fi
printf '1 R 0x10\n2 Q 5\n' >"$TMP/ext-bad.txt"
"$VMREF" -f "$TMP/ext-bad.txt" >/dev/null 2>"$TMP/e"
expect_eq "ext: a bad kind quoted" "vmref: $TMP/ext-bad.txt:2: expected R, W or X, got '2 Q 5'" "$(cat "$TMP/e")"

# -- D18: the JSON names each count as the text does, and records its configuration --------
"$VMREF" -f "$trace" -n 20 -p clock -t lru --tlb-sets 2 --tlb-ways 4 --mem-latency 2 --skip 10 --max 2000 \
    -q --stats "$TMP/s.json" >/dev/null 2>"$TMP/e"
res=$(python3 tests/cli/messages_stats_names.py "$TMP/e" "$TMP/s.json" "$trace")
expect_eq "--stats: counts named as on stderr, and the configuration recorded" ok "$res"
if git -C "$ROOT" rev-parse --short HEAD >/dev/null 2>&1; then
    expect_eq "--stats: the commit that built it" "$(git -C "$ROOT" rev-parse --short HEAD)" \
        "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["commit"])' "$TMP/s.json")"
else
    skip "--stats: the commit that built it" "not a git checkout"
fi

# -- D19: vmref < file without -f says what it reads ------------------------------------
"$VMREF" -q <"$trace" >/dev/null 2>"$TMP/e"
expect_eq "vmref < file: a note that stdin is read only with -f -" 1 "$(grep -c 'standard input is read only with -f -' "$TMP/e")"

# -- D22: lines of traces with processes show the process and the kind -------------------
printf '3 W 4096 7\n4 R 8192\nR 4096\n' >"$TMP/ext.txt"
"$VMREF" -f "$TMP/ext.txt" -b "$ROOT/build/traces/backing.bin" >"$TMP/o" 2>/dev/null
expect_eq "ext trace: pid and kind before each line" \
    "pid 3 W Virtual address: 4096 Physical address: 0 Value: 7|pid 4 R Virtual address: 8192 Physical address: 256 Value: $(od -An -t d1 -j 8192 -N 1 "$ROOT/build/traces/backing.bin" | tr -d ' ')|pid 0 R Virtual address: 4096 Physical address: 512 Value: $(od -An -t d1 -j 4096 -N 1 "$ROOT/build/traces/backing.bin" | tr -d ' ')" \
    "$(grep '^pid' "$TMP/o" | tr '\n' '|' | sed 's/|$//')"
"$VMREF" -f "$trace" 2>/dev/null | head -1 >"$TMP/o"
expect_eq "textbook trace: the textbook's line, untagged" 0 "$(grep -c '^pid' "$TMP/o")"
summary

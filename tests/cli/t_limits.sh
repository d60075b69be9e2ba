#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Limits: backing stores shorter than a page (the rest is demand-zero), frame counts
# that cannot be had, and memory that stays flat however long the trace.
source "$(dirname "$0")/../lib.sh"

# -- a backing store shorter than one page: its bytes, then zeros --------------------
python3 -c 'import sys; open(sys.argv[1], "wb").write(bytes(range(1, 101)))' "$TMP/short.bin"
printf '50\n99\n100\n200\n300\n' >"$TMP/t.txt"
"$VMREF" -f "$TMP/t.txt" -b "$TMP/short.bin" >"$TMP/o" 2>"$TMP/e"
expect_eq "100-byte backing store: exit 0" 0 "$?"
expect_eq "100-byte backing store: its bytes, then demand-zero" "51 100 0 0 0" \
    "$(sed -n 's/.*Value: //p' "$TMP/o" | tr '\n' ' ' | sed 's/ $//')"
: >"$TMP/empty.bin"
"$VMREF" -f "$TMP/t.txt" -b "$TMP/empty.bin" >"$TMP/o" 2>"$TMP/e"
expect_eq "empty backing store: every page demand-zero" "0 0 0 0 0" \
    "$(sed -n 's/.*Value: //p' "$TMP/o" | tr '\n' ' ' | sed 's/ $//')"

# -- frame counts that cannot be had: one line, no statistics ------------------------
for n in 4128769 9999999999 18446744073709551616; do
    "$VMREF" -f "$TMP/t.txt" -n "$n" >"$TMP/o" 2>"$TMP/e"
    rc=$?
    if [ $rc -eq 2 ] && [ "$(wc -l <"$TMP/e")" -eq 1 ] && grep -q -- "-n $n" "$TMP/e" && [ ! -s "$TMP/o" ]; then
        pass "-n $n: one line naming the option, exit 2, no output"
    else
        fail "-n $n: one line naming the option, exit 2, no output" "exit $rc: $(head -2 "$TMP/e" | tr '\n' '|')"
    fi
done
"$VMREF" -q -f "$TMP/t.txt" -n 4128768 >"$TMP/o" 2>"$TMP/e"
expect_eq "-n 4128768 (the most osc holds): runs" 0 "$?"

# -- memory is flat in trace length (streamed from a pipe, nothing on disk) ----------
command -v /usr/bin/time >/dev/null 2>&1 || bash tools/deps.sh time >/dev/null 2>&1
if [ -x /usr/bin/time ]; then
    # Peak RSS of one run varies by a couple of hundred KiB from run to run (address
    # layout, the kernel's accounting), so each length takes the least of three runs
    # and "flat" means at most 512 KiB more for ten times the accesses: anything
    # kept per access (one byte would be 9 MB here) is far beyond that.
    rss() {
        local best="" k v
        for k in 1 2 3; do
            "$TRACEGEN" --mode locality --count "$1" --seed 9 -o - |
                /usr/bin/time -f %M -o "$TMP/rss" "$VMREF" -q -f - >/dev/null 2>&1
            v=$(tail -1 "$TMP/rss")
            if [ -z "$best" ] || [ "$v" -lt "$best" ]; then best=$v; fi
        done
        echo "$best"
    }
    small=$(rss 1000000)
    large=$(rss 10000000)
    if [ -n "$small" ] && [ -n "$large" ] && [ "$large" -le $((small + 512)) ]; then
        pass "peak RSS flat in trace length: 1 M accesses ${small} KiB, 10 M ${large} KiB"
    else
        fail "peak RSS flat in trace length" "1 M: ${small:-?} KiB, 10 M: ${large:-?} KiB (least of 3 runs each)"
    fi
else
    skip "peak RSS flat in trace length" "/usr/bin/time is not installed"
fi
summary

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# vmsim's check with the model's system in a thread of its own (harness/cli/refrun.c,
# --check-thread yes) is the check made in line
# (--check-thread no, the default): the same per-access output, statistics, verdict and mismatch
# report, on every kind of run: the textbook, processes with stores, fetches and
# S-mode accesses on a split build, a warm-up and a cut (--skip, --max), and each
# injected defect.  The oracle is the in-line run, the check as it was before the
# thread, which shares no code with the ring.  And the thread really runs.
source "$(dirname "$0")/../lib.sh"

VMSIM=$ROOT/build/vmsim
need_bin "vmsim built" "$VMSIM" || { summary; exit; }
need_bin "tracegen built" "$TRACEGEN" || { summary; exit; }
SPLIT=$ROOT/build/sv39-4x4-i1x8/vmsim

# same NAME VMSIM ARGS...: the run with the thread and the run in line give the same
# stdout, the same stderr but for the command they echo and the speed, the same
# statistics but for the command and the time, and the same exit status.
same() {
    local name=$1 bin=$2
    shift 2
    "$bin" "$@" --check-thread yes --stats "$TMP/t.json" >"$TMP/t.out" 2>"$TMP/t.err"
    local rt=$?
    "$bin" "$@" --check-thread no --stats "$TMP/i.json" >"$TMP/i.out" 2>"$TMP/i.err"
    local ri=$?
    # What may differ: the command echoed (with --check-thread no), the speed, and the
    # re-run commands of a mismatch report (which repeat the command).
    local filt='/command: |simulated cycles .* M cycles\/s|^    .*vmsim -f |^    make sim /d'
    sed -E "$filt" "$TMP/t.err" >"$TMP/t.err2"
    sed -E "$filt" "$TMP/i.err" >"$TMP/i.err2"
    for j in t i; do
        [ -f "$TMP/$j.json" ] && grep -v -E '"(command|seconds|stats|check_thread)":' "$TMP/$j.json" >"$TMP/$j.json2" || : >"$TMP/$j.json2"
    done
    if [ "$rt" = "$ri" ] && cmp -s "$TMP/t.out" "$TMP/i.out" && cmp -s "$TMP/t.err2" "$TMP/i.err2" &&
        cmp -s "$TMP/t.json2" "$TMP/i.json2"; then
        pass "$name: the threaded check is the in-line one (exit $rt)"
    else
        fail "$name: the threaded check is the in-line one" \
            "exit $rt vs $ri; $(diff "$TMP/t.err2" "$TMP/i.err2" | head -3 | tr '\n' '|') $(diff "$TMP/t.out" "$TMP/i.out" | head -2 | tr '\n' '|')"
    fi
    rm -f "$TMP/t.json" "$TMP/i.json"
}

if need_osc; then
    same "textbook" "$VMSIM" -f "$OSC/addresses.txt" -b "$OSC/BACKING_STORE.bin"
else
    skip "textbook" "no $OSC (the textbook's inputs)"
fi

"$TRACEGEN" --mode locality --seed 5 --count 30000 --ws 40 --drift 0.01 -o "$TMP/loc.txt"
same "locality, 30000 accesses, 64 frames (evictions)" "$VMSIM" -f "$TMP/loc.txt" -n 64 -q
for p in lru clock; do
    same "locality, -p $p -n 48, --skip 7000 --max 9000" "$VMSIM" -f "$TMP/loc.txt" -p "$p" -n 48 --skip 7000 --max 9000
done
same "locality, a warm-up longer than the trace" "$VMSIM" -f "$TMP/loc.txt" --skip 40000 -q
for k in $("$VMSIM" --list inject-fault); do
    same "--inject-fault $k (a mismatch, its report)" "$VMSIM" -f "$TMP/loc.txt" -q --inject-fault "$k"
done

if [ -x "$SPLIT" ]; then
    "$TRACEGEN" --mode multi --seed 9 --count 20000 --va-bits 32 --page-bits 12 --writes 0.3 \
        --fetches 0.3 --smode 0.05 -o "$TMP/multi.txt"
    # shellcheck disable=SC2046
    same "sv39 split I/D, processes, stores, fetches, S-mode (--sum)" "$SPLIT" $(cfg_opts sv39-4x4-i1x8) \
        -f "$TMP/multi.txt" -n 96 --sum -q
else
    skip "sv39 split I/D" "$SPLIT is not built (make test builds it)"
fi

# A trace on standard input can be read once only: the default checks it in line; yes
# is refused in one line, nothing printed.
"$VMSIM" -q -f - <"$TMP/loc.txt" >"$TMP/stdin.out" 2>"$TMP/stdin.err"
expect_eq "-f - (standard input): checked, 0 mismatches" \
    "vmsim: 30000 accesses compared, 0 mismatches" "$(grep 'accesses compared' "$TMP/stdin.err")"
"$VMSIM" -q -f - --check-thread yes <"$TMP/loc.txt" >"$TMP/yes.out" 2>"$TMP/yes.err"
rc=$?
expect_true "-f - --check-thread yes: refused in one line, nothing on stdout" \
    "exit $rc: $(head -c 300 "$TMP/yes.err" | tr '\n' '|')" \
    test "$rc" -ne 0 -a ! -s "$TMP/yes.out" -a "$(grep -c 'check-thread yes: the trace must be a file' "$TMP/yes.err")" -eq 1
"$VMSIM" -q -f "$TMP/loc.txt" --check-thread auto >/dev/null 2>"$TMP/maybe.err"
rc=$?
expect_true "--check-thread auto: refused in one line, exit 2" "exit $rc: $(head -c 300 "$TMP/maybe.err" | tr '\n' '|')" \
    test "$rc" -eq 2 -a "$(wc -l <"$TMP/maybe.err")" -eq 1

# The thread exists while a long run goes on: one more than the run in line has (the
# Verilated model's runtime keeps one of its own), and the default has none.
threads_of() {
    "$VMSIM" -q -f "$TMP/long.txt" "$@" >/dev/null 2>&1 &
    local pid=$! most=0 t
    while kill -0 "$pid" 2>/dev/null; do
        t=$(sed -n 's/^Threads:[[:space:]]*//p' "/proc/$pid/status" 2>/dev/null)
        [ -n "$t" ] && [ "$t" -gt "$most" ] && most=$t
        sleep 0.002
    done
    wait "$pid"
    echo "$most"
}
"$TRACEGEN" --mode locality --seed 6 --count 600000 -o "$TMP/long.txt"
inline=$(threads_of --check-thread no)
expect_eq "--check-thread yes: the model's system runs in a thread of its own" "$((inline + 1))" \
    "$(threads_of --check-thread yes)"
expect_eq "the default: the model's system runs in line" "$inline" "$(threads_of)"

# --check-thread no means nothing with --vectors (no trace, no OS): refused in one line.
printf 'satp bare\nR 0x1000\n' >"$TMP/v.vec"
"$VMSIM" --vectors "$TMP/v.vec" --check-thread no >/dev/null 2>"$TMP/vec.err"
rc=$?
expect_true "--vectors with --check-thread no: refused in one line, exit 2" \
    "exit $rc: $(head -c 200 "$TMP/vec.err" | tr '\n' '|')" \
    test "$rc" -ne 0 -a "$(wc -l <"$TMP/vec.err")" -eq 1

summary

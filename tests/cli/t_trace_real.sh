#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cli/t_trace_real.sh -- `make trace` traces the program a wrapper starts, not the
# wrapper, and its map holds the memory the program unmapped before exit.
#
# (a) a shell script that execs /bin/ls, and one that runs it as a child: the trace kept
#     is ls's, its map names ls, and vmref finds no segmentation fault in it;
# (b) tests/cli/mapchurn.c maps 256 pages, writes each, unmaps them and exits: none of those
#     writes is a segmentation fault with the map make trace wrote, all of them are with
#     the map at exit (the map make trace used to write).
#   (c) mapunion on hand-written snapshots gives the union worked out by hand;
#   (d) a static program (no preload): the trace, no map, and a line saying so.
. "$(dirname "$0")/../lib.sh"

# -- (c) the merge, without valgrind -------------------------------------------------------
if make -s --no-print-directory build/mapunion >"$TMP/mk.log" 2>&1; then
    cat >"$TMP/hand.snap" <<'SNAP'
#snap start
1000-3000 r--p 00000000 fe:00 5    /lib/a
5000-6000 rw-p 00000000 00:00 0    [heap]
8000-9000 r-xp 00002000 fe:00 6    /lib/b
#snap mmap
2000-4000 rw-p 00000000 00:00 0
5000-7000 rw-p 00000000 00:00 0    [heap]
8000-9000 r--p 00002000 fe:00 6    /lib/b
#snap exit
1000-2000 r--p 00000000 fe:00 5    /lib/a
SNAP
    # 2000-3000 was /lib/a r-- then anonymous rw-: rw-, named by the later snapshot, and
    # one region with 3000-4000; the heap grew; /lib/b keeps the x it lost.
    cat >"$TMP/want.maps" <<'MAPS'
1000-2000 r--p 00000000 fe:00 5    /lib/a
2000-4000 rw-p 00000000 00:00 0
5000-7000 rw-p 00000000 00:00 0    [heap]
8000-9000 r-xp 00002000 fe:00 6    /lib/b
MAPS
    build/mapunion "$TMP/hand.snap" >"$TMP/got.maps" 2>"$TMP/mu.err"
    expect_same_file "mapunion: the union of three snapshots" "$TMP/want.maps" "$TMP/got.maps"
    build/mapunion --last "$TMP/hand.snap" >"$TMP/last.maps" 2>>"$TMP/mu.err"
    expect_eq "mapunion --last: the last snapshot" "1000-2000 r--p 00000000 fe:00 5    /lib/a" "$(cat "$TMP/last.maps")"
    printf '#snap start\n1000-2000 r--p 0 00:00 0\nnot a region\n' >"$TMP/bad.snap"
    build/mapunion "$TMP/bad.snap" >/dev/null 2>"$TMP/bad.err"
    expect_eq "mapunion: a bad line is one clear error" "1 mapunion: $TMP/bad.snap:3: not a /proc/PID/maps line" \
        "$? $(cat "$TMP/bad.err")"
else
    fail "make build/mapunion" "$(tail -2 "$TMP/mk.log" | tr '\n' '|')"
fi

if ! bash tools/deps.sh trace zstd >"$TMP/deps.log" 2>&1 || ! command -v valgrind >/dev/null ||
    ! command -v zstd >/dev/null; then
    skip "make trace" "valgrind or zstd is missing and could not be installed: $(tail -1 "$TMP/deps.log")"
    summary
fi
need_bin "vmref" "$VMREF" || summary

out=build/traces
names=()
# trace NAME PROG [VAR=VALUE...]: make trace of PROG into build/traces/NAME.*; stderr in $TMP/NAME.err.
trace() {
    local name=$1 prog=$2
    shift 2
    names+=("$name")
    make -s --no-print-directory trace PROG="$prog" TRACE_NAME_REAL="$name" "$@" \
        >"$TMP/$name.out" 2>"$TMP/$name.err"
}
cleanup_traces() {
    local n
    for n in "${names[@]}"; do rm -f "$out/$n.lackey.zst" "$out/$n.lackey" "$out/$n.maps" "$out/$n.snap"; done
}
trap 'cleanup_traces; _t_cleanup' EXIT

# vmref_on NAME MAPS [ARGS...]: vmref on NAME's trace through zstd, stderr kept in $TMP/NAME.vm.
vmref_on() {
    local name=$1 maps=$2
    shift 2
    zstd -dc "$out/$name.lackey.zst" | "$VMREF" -f - --config sv48 --maps 0="$maps" -n 1024 "$@" 2>"$TMP/$name.vm"
}
segfaults() { sed -n 's/.*segmentation faults \([0-9]*\).*/\1/p' "$1" | head -1; }

# -- (a) through a wrapper --------------------------------------------------------------
printf '#!/bin/sh\nexec /bin/ls -d / "$@"\n' >"$TMP/exec-ls"
printf '#!/bin/sh\n/bin/ls -d / >/dev/null\nexit 0\n' >"$TMP/fork-ls"
chmod +x "$TMP/exec-ls" "$TMP/fork-ls"
for w in exec fork; do
    n=t_trace_real-$w
    what="make trace of a script that ${w}s /bin/ls"
    if ! trace "$n" "$TMP/$w-ls" PROGRESS=1; then
        fail "$what" "make failed: $(tail -2 "$TMP/$n.err" | tr '\n' '|')"
        continue
    fi
    expect_true "$what: keeps the trace of ls" "$(grep '^trace: pid' "$TMP/$n.err")" \
        grep -q '^trace: pid [0-9]*: /bin/ls -d /' "$TMP/$n.err"
    expect_true "$what: its map names ls" "no /bin/ls or /usr/bin/ls line in $out/$n.maps" \
        grep -Eq ' /(usr/)?bin/ls$' "$out/$n.maps"
    expect_true "$what: writes .zst, no plain text" "$(ls "$out/$n".* | tr '\n' ' ')" \
        test -s "$out/$n.lackey.zst" -a ! -e "$out/$n.lackey"
    expect_true "$what: PROGRESS=1 shows progress on a non-terminal" "$(head -3 "$TMP/$n.err" | tr '\n' '|')" \
        grep -q '^trace: compressing [0-9]* MB' "$TMP/$n.err"
    # The command make trace printed, run as printed.
    cmd=$(sed -n 's/^run it: //p' "$TMP/$n.err")
    eval "$cmd" >"$TMP/$n.stats" 2>"$TMP/$n.vm"
    acc=$(stat_of "$TMP/$n.stats" 'Number of Translated Addresses')
    expect_true "$what: the printed command runs it ($acc accesses)" "'$cmd': $(tail -1 "$TMP/$n.vm")" \
        test "${acc:-0}" -gt 100000
    expect_eq "$what: segmentation faults" 0 "$(segfaults "$TMP/$n.vm")"
done

# -- (b) memory unmapped before exit ---------------------------------------------------------
n=t_trace_real-churn
what="make trace of a program that unmaps what it wrote"
if ! make -s --no-print-directory build/tests/mapchurn >"$TMP/churn.log" 2>&1; then
    fail "$what" "make build/tests/mapchurn: $(tail -3 "$TMP/churn.log" | tr '\n' '|')"
elif ! trace "$n" "$ROOT/build/tests/mapchurn"; then
    fail "$what" "make failed: $(tail -2 "$TMP/$n.err" | tr '\n' '|')"
elif [ ! -s "$out/$n.lackey.zst" ] || [ ! -s "$out/$n.snap" ]; then
    fail "$what" "no $out/$n.lackey.zst or $out/$n.snap: $(ls "$out/$n".* | tr '\n' ' ')"
else
    read -r lo hi < <(sed -n 's/^region \([0-9]*\) \([0-9]*\)$/\1 \2/p' "$TMP/$n.err")
    expect_true "$what: no progress lines unless asked" "$(grep -m1 'so far\|compressing' "$TMP/$n.err")" \
        eval '! grep -q "so far\|compressing" "$TMP/$n.err"'
    # The writes to the region, counted from the trace itself; and the segmentation
    # faults vmref reports in it with each map.
    # (A lackey trace's lines start with the process and the kind: take the address
    # after "Virtual address:".)
    in_region() { grep "$1" | sed 's/.*Virtual address: \([0-9]*\).*/\1/' |
        awk -v lo="$lo" -v hi="$hi" '$1 >= lo && $1 < hi' | wc -l; }
    # lackey's hex addresses, zero-padded to 16 digits, compare as strings (any awk).
    writes=$(zstd -dc "$out/$n.lackey.zst" | awk -v lo="$(printf %016x "$lo")" -v hi="$(printf %016x "$hi")" '
        $1 == "S" { a = sprintf("%16s", substr($2, 1, index($2, ",") - 1)); gsub(/ /, "0", a)
                    if (a >= lo && a < hi) n++ }
        END { print n + 0 }')
    build/mapunion --last "$out/$n.snap" >"$TMP/exit.maps"
    at_exit=$(vmref_on "$n" "$TMP/exit.maps" | in_region 'Segmentation fault')
    union=$(vmref_on "$n" "$out/$n.maps" | in_region 'Segmentation fault')
    total=$(segfaults "$TMP/$n.vm")
    acc=$(vmref_on "$n" "$out/$n.maps" -q | sed -n 's/^Number of Translated Addresses = //p')
    expect_true "$what: the trace writes each of the 256 pages ($writes writes)" "lo=$lo hi=$hi" \
        test "${writes:-0}" -ge 256
    expect_true "$what: with the map at exit they are segmentation faults ($at_exit)" "$at_exit < $writes" \
        test "${at_exit:-0}" -ge "${writes:-1}"
    expect_eq "$what: with make trace's map, segmentation faults in the region" 0 "$union"
    expect_true "$what: segmentation faults overall under 0.1 % ($total of $acc)" "too many" \
        test $((${total:-1} * 1000)) -lt "${acc:-0}"
fi

# -- (d) a static program: no preload, so no map, and the user is told ------------------------
n=t_trace_real-static
what="make trace of a static program"
if ! make -s --no-print-directory build/tests/mapchurn-static >"$TMP/static.log" 2>&1; then
    skip "$what" "cc -static fails here: $(tail -1 "$TMP/static.log")"
elif ! trace "$n" "$ROOT/build/tests/mapchurn-static"; then
    fail "$what" "make failed: $(tail -2 "$TMP/$n.err" | tr '\n' '|')"
else
    expect_true "$what: the trace is written" "no $out/$n.lackey.zst" test -s "$out/$n.lackey.zst"
    expect_true "$what: no map (valgrind's launcher's would not fit)" "$(ls "$out/$n".* | tr '\n' ' ')" \
        test ! -e "$out/$n.maps"
    expect_true "$what: says there is no map" "$(grep '^map:' "$TMP/$n.err")" grep -q '^map: *NONE' "$TMP/$n.err"
    cmd=$(sed -n 's/^run it: //p' "$TMP/$n.err")
    eval "$cmd" >"$TMP/$n.stats" 2>"$TMP/$n.vm"
    acc=$(stat_of "$TMP/$n.stats" 'Number of Translated Addresses')
    expect_true "$what: the printed command runs it ($acc accesses)" "'$cmd': $(tail -1 "$TMP/$n.vm")" \
        test "${acc:-0}" -gt 1000
fi
summary

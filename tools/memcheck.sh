#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tools/memcheck.sh BINARY... -- runs each binary (build/vmref, build/vmsim) under
# valgrind memcheck on a set of short runs; `make memcheck` calls it.
#
# The verdict of one run: valgrind's own exit status 99 (--error-exitcode) when it saw
# a memory error or a leak of any kind (--errors-for-leak-kinds=all: still reachable
# blocks count too, so the Verilator runtime must free everything as well), else the
# program's, which must be the one the run expects (0, or 1 for a bad input file, 2
# for a bad command line).  One line per run, then "memcheck: N runs, M failed";
# exit status 1 if any failed.  Logs: build/memcheck/NAME.log.
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1

OUT=build/memcheck
rm -rf "$OUT"
mkdir -p "$OUT/in"
IN=$OUT/in
VG=(valgrind --tool=memcheck --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all
    --track-origins=yes --error-exitcode=99)

# The inputs: a multi-process trace with writes, two processes' maps (the third has
# none), a small lackey trace, a malformed trace.
build/tracegen --mode multi --procs 3 --writes 0.3 --seed 7 --count 300 -o "$IN/multi.txt" || exit 1
printf '0000-8000 r-xp 00000000 08:01 1 /bin/prog\n8000-c000 rw-p 00000000 00:00 0 [heap]\n' >"$IN/p0.maps"
printf '# process 1\n0000-4000 r--p 0 0 0 /lib/x.so\r\n4000-10000 rw-p 0 0 0\n' >"$IN/p1.maps"
printf '==1== lackey\nI  00001000,4\n L 00002ffe,4\n S 00003000,8\n M 00004ffc,8\n' >"$IN/small.lackey"
printf '00000000-00005000 r-xp 0 0 0 /bin/prog\n' >"$IN/lackey.maps"
printf '16916\n62493\n12abc\n30198\n' >"$IN/malformed.txt"

runs=0
failed=0
# run NAME WANT_STATUS BINARY ARGS...
run() {
    local name=$1 want=$2 bin=$3
    shift 3
    local log=$OUT/$name.log
    runs=$((runs + 1))
    "${VG[@]}" --log-file="$log" "$bin" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"
    local rc=$?
    local errs lost
    errs=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$log" | tail -1)
    lost=$(awk '/definitely lost:|indirectly lost:|possibly lost:|still reachable:/ {
               gsub(",", "", $4); n += $4 } END { print n + 0 }' "$log")
    if [ "$rc" -eq 99 ] || [ "${errs:-x}" != 0 ] || [ "$lost" != 0 ]; then
        failed=$((failed + 1))
        printf 'FAIL %-28s %s errors, %s bytes not freed (%s)\n' "$name" "${errs:-?}" "$lost" "$log"
        grep -m3 -E '== (Invalid|Conditional|Use of|Syscall|Mismatched|[0-9,]+ bytes in)' "$log" | sed 's/^/     /'
    elif [ "$rc" -ne "$want" ]; then
        failed=$((failed + 1))
        printf 'FAIL %-28s exit status %s, expected %s: %s\n' "$name" "$rc" "$want" \
            "$(head -c 200 "$OUT/$name.err" | tr '\n' '|')"
    else
        printf 'ok   %-28s 0 errors, 0 bytes not freed, exit %s\n' "$name" "$rc"
    fi
}

for bin in "$@"; do
    p=$(basename "$bin")
    if [ ! -x "$bin" ]; then
        printf 'FAIL %-28s %s is not built\n' "$p" "$bin"
        runs=$((runs + 1))
        failed=$((failed + 1))
        continue
    fi
    run "${p}_default" 0 "$bin"
    run "${p}_multi_maps_clock" 0 "$bin" -f "$IN/multi.txt" -n 8 -p clock \
        --maps 0="$IN/p0.maps" --maps 1="$IN/p1.maps" --stats "$OUT/${p}_stats.json"
    run "${p}_multi_lru_noasid" 0 "$bin" -q -f "$IN/multi.txt" -n 5 -p lru --no-asid
    run "${p}_lackey_maps" 0 "$bin" -f "$IN/small.lackey" -n 2 -p lru-walk --maps 0="$IN/lackey.maps"
    run "${p}_bad_trace_line" 1 "$bin" -f "$IN/malformed.txt"
    run "${p}_missing_maps" 1 "$bin" -f "$IN/multi.txt" --maps 0="$IN/nope.maps"
    run "${p}_bad_option" 2 "$bin" --tlb-ways 65
    case $p in
    vmref)
        run vmref_sv39_opt_geometry 0 "$bin" -q --config sv39 -f "$IN/multi.txt" -n 4 -p opt \
            --tlb-sets 4 --tlb-ways 2 --mem-latency 3
        ;;
    vmsim)
        run vmsim_waves 0 "$bin" -q -f "$IN/multi.txt" -n 8 --waves "$OUT/w.fst" \
            --waves-from 10 --waves-to 60
        ;;
    esac
done
echo "memcheck: $runs runs, $failed failed"
[ "$failed" -eq 0 ]

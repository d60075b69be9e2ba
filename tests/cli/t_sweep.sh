#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cli/t_sweep.sh -- the sweep (tools/sweep.sh) and what its numbers must show.
#
# Runs a small sweep (vmref only, ~170 configurations of 12..2000-access traces, a
# few seconds) and checks:
#   rows        the CSV has one row per configuration, ids 1..N in order
#   single      a few rows, chosen at random, equal a single vmref run of the same
#               configuration (accesses, faults, hits, walks, cycles from its --stats)
#   opt         OPT's faults <= every other policy's, at each trace and frame count
#   stack       faults non-increasing in frames for lru and opt (stack algorithms)
#   belady      FIFO on 1 2 3 4 1 2 5 1 2 3 4 5: 9 faults at 3 frames, 10 at 4
#   tlb         TLB hits non-decreasing in entries, fully associative LRU TLB, every
#               page resident
#   progress    with PROGRESS=1, "sweep: D/N runs" lines on stderr, D rising to N, none
#               in the CSV; without it (stderr a file), none at all
#   summary     tools/sweep.sh summary's tables: FIFO on Belady's string reads
#               12 12 9 10* 5 5 5, and every cell equals the CSV's faults or hit rate
#   maps        grid --maps: a trace of pages 0..9 twice, a map of pages 0..4: the row
#               with the map has 5 faults (the mapped pages), without it 10, and
#               the maps column holds the map
#   tlb-policy  grid --tlb-policy takes every name vmref --list tlb-policy prints, and
#               "all" is exactly that list (a job each); another name, and plru on a 3-way TLB
#               asked for by --tlb, are refused with one line and a non-zero status;
#               an --entries grid leaves plru's 3-way TLB out, saying so in one line;
#               the summary's table by TLB policy has a row per policy, each cell the
#               CSV's hit rate
# SWEEP_TEST_SEED=N picks the same random rows again.

. "$(dirname "$0")/../lib.sh"

need_bin sweep-vmref "$VMREF" || summary
need_bin sweep-tracegen "$TRACEGEN" || summary
if ! command -v python3 >/dev/null; then
    skip sweep "python3 is missing"
    summary
fi

# The traces: locality (the project's default generator mode), a loop that is larger
# than most frame counts (LRU's worst case), and Belady's string (pages x 256).
"$TRACEGEN" --mode locality --seed 5 --count 1000 -o "$TMP/loc.txt" &&
    "$TRACEGEN" --mode loop --pages 12 --stride 128 --count 2000 -o "$TMP/loop.txt" &&
    "$TRACEGEN" --mode locality --seed 3 --count 1500 --ws 24 -o "$TMP/pol.txt" ||
    { fail sweep-traces "tracegen failed"; summary; }
for p in 1 2 3 4 1 2 5 1 2 3 4 5; do echo $((p * 256)); done >"$TMP/belady.txt"

jobs=$TMP/jobs.txt
{
    bash tools/sweep.sh grid --traces "$TMP/loc.txt $TMP/loop.txt" \
        --frames "1 2 3 4 5 6 8 10 12 16 24" &&
        bash tools/sweep.sh grid --traces "$TMP/belady.txt" --frames "1 2 3 4 5 6 7" &&
        bash tools/sweep.sh grid --traces "$TMP/loc.txt $TMP/loop.txt" --policies fifo \
            --tlb-policy lru --frames pages --entries "1 2 4 8 16 32 64" --assoc "1 2 fa" &&
        bash tools/sweep.sh grid --traces "$TMP/pol.txt" --policies fifo \
            --tlb-policy all --frames pages --entries "1 2 4 8 16 32 64" --assoc "fa 4"
} >"$jobs" 2>"$TMP/grid.err" || { fail sweep-grid "$(tail -1 "$TMP/grid.err")"; summary; }
njobs=$(grep -c . "$jobs")
if [ "$njobs" -lt 100 ]; then
    fail sweep-grid "only $njobs configurations (want at least 100)"
fi

# The TLB policies: vmref's list (tests/cli/t_lists.sh pins it to the documented one).
tpols=$("$VMREF" --list tlb-policy | tr '\n' ' ')
# refused NAME CMD...: CMD fails, says one line on stderr (naming WANT) and nothing on stdout.
refused() {
    local name=$1 want=$2 rc=0
    shift 2
    "$@" >"$TMP/ref.out" 2>"$TMP/ref.err" || rc=$?
    if [ "$rc" -ne 0 ] && [ "$(grep -c . "$TMP/ref.err")" -eq 1 ] && [ ! -s "$TMP/ref.out" ] &&
        grep -q -- "$want" "$TMP/ref.err"; then
        pass "$name"
    else
        fail "$name" "status $rc, stdout $(wc -l <"$TMP/ref.out") lines, stderr: $(head -3 "$TMP/ref.err" | tr '\n' '|') (want one line with '$want')"
    fi
}
refused sweep-tlb-policy-plru-3ways "plru.*3" \
    bash tools/sweep.sh grid --traces "$TMP/loc.txt" --policies fifo --frames 8 --tlb 1x3 --tlb-policy plru
refused sweep-tlb-policy-unknown "choose ${tpols% }" \
    bash tools/sweep.sh grid --traces "$TMP/loc.txt" --policies fifo --frames 8 --tlb-policy no-such
got=$(bash tools/sweep.sh grid --traces "$TMP/loc.txt" --policies fifo --frames 8 --tlb 1x4 \
    --tlb-policy all 2>"$TMP/all.err" | cut -d, -f5 | tr '\n' ' ')
each=$(bash tools/sweep.sh grid --traces "$TMP/loc.txt" --policies fifo --frames 8 --tlb 1x4 \
    --tlb-policy "$tpols" 2>"$TMP/each.err" | cut -d, -f5 | tr '\n' ' ')
expect_eq sweep-tlb-policy-all "$tpols/$tpols" "$got/$each" \
    "the TLB policies of --tlb-policy all / of each name vmref lists (vmref --list tlb-policy: $tpols)"
got=$(bash tools/sweep.sh grid --traces "$TMP/loc.txt" --policies fifo --frames 8 --entries "3 4" \
    --assoc fa --tlb-policy "fifo plru" 2>"$TMP/skip.err" | cut -d, -f3-5 | tr '\n' ' ')
if [ "$got" = "1,3,fifo 1,4,fifo 1,4,plru " ] && [ "$(grep -c . "$TMP/skip.err")" -eq 1 ] &&
    grep -q '1x3.*plru' "$TMP/skip.err"; then
    pass sweep-tlb-policy-skip
else
    fail sweep-tlb-policy-skip "jobs '$got' (want 1,3,fifo 1,4,fifo 1,4,plru), stderr: $(tr '\n' '|' <"$TMP/skip.err")"
fi

# Maps: pages 0..9 of osc (256-byte pages) twice; the map covers pages 0..4.
for i in 1 2; do for p in 0 1 2 3 4 5 6 7 8 9; do echo $((p * 256 + 17)); done; done >"$TMP/m.txt"
echo '00000000-00000500 rw-p 00000000 00:00 0 [heap]' >"$TMP/m.maps"
mjobs=$TMP/mjobs.txt
{
    bash tools/sweep.sh grid --traces "$TMP/m.txt" --policies fifo --frames 16 \
        --maps "0=$TMP/m.maps" &&
        bash tools/sweep.sh grid --traces "$TMP/m.txt" --policies fifo --frames 16
} >"$mjobs" 2>"$TMP/mgrid.err" || fail sweep-maps "grid --maps failed: $(tail -1 "$TMP/mgrid.err")"
cat "$mjobs" >>"$jobs"
njobs=$((njobs + 2))
# Options: the same trace, 12 frames (the maps check's have 16), without and with
# --skip 4 (a variant each).
ojobs=$TMP/ojobs.txt
bash tools/sweep.sh grid --traces "$TMP/m.txt" --policies fifo --frames 12 --options ";--skip 4" \
    >"$ojobs" 2>"$TMP/ogrid.err" || fail sweep-options "grid --options failed: $(tail -1 "$TMP/ogrid.err")"
cat "$ojobs" >>"$jobs"
njobs=$((njobs + 2))
# ... and what it refuses, in one line each: an option vmref does not take (vmref's
# own line), a comma (the job line's separator).
for bad in "--no-such-option" "--skip 4,5"; do
    bash tools/sweep.sh grid --traces "$TMP/m.txt" --policies fifo --frames 16 --options "$bad" \
        >/dev/null 2>"$TMP/obad.err"
    rc=$?
    expect_true "sweep-options-refused: --options '$bad'" "exit $rc: $(tr '\n' '|' <"$TMP/obad.err")" \
        test "$rc" -eq 2 -a "$(grep -c . "$TMP/obad.err")" -eq 1
done

csv=$TMP/sweep.csv
t0=$SECONDS
if ! PROGRESS=1 bash tools/sweep.sh run -o "$csv" "$jobs" 2>"$TMP/run.err"; then
    fail sweep-run "tools/sweep.sh run failed: $(tail -2 "$TMP/run.err" | tr '\n' ' ')"
fi
echo "# sweep: $njobs configurations in $((SECONDS - t0)) s"
[ -r "$csv" ] || { fail sweep-run "no CSV"; summary; }

# Progress: PROGRESS=1 with stderr a file: lines "sweep: D/N runs ...", D rising to N.
prog=$(sed -n 's/^sweep: \([0-9]*\)\/\([0-9]*\) runs.*/\1 \2/p' "$TMP/run.err")
if [ -z "$prog" ]; then
    fail sweep-progress "no 'sweep: D/N runs' line with PROGRESS=1: $(head -3 "$TMP/run.err" | tr '\n' '|')"
elif ! awk -v n="$njobs" '$2 != n || $1 <= last { bad = 1 } { last = $1 }
        END { exit bad || last != n }' <<<"$prog"; then
    fail sweep-progress "counts not rising to $njobs/$njobs: $(tr '\n' ' ' <<<"$prog")"
elif grep -q 'runs' "$csv"; then
    fail sweep-progress "progress text in the CSV"
else
    pass sweep-progress
fi
# Without PROGRESS and with stderr a file: quiet; the CSV on stdout is only rows.
if env -u PROGRESS bash tools/sweep.sh run -j 1 "$mjobs" >"$TMP/m.csv" 2>"$TMP/m.err" &&
    ! grep -q ' runs' "$TMP/m.err" && [ "$(grep -c . "$TMP/m.csv")" -eq 3 ] &&
    head -1 "$TMP/m.csv" | grep -q '^id,'; then
    pass sweep-progress-quiet
else
    fail sweep-progress-quiet "$(tr '\n' '|' <"$TMP/m.err") / $(head -3 "$TMP/m.csv" | tr '\n' '|')"
fi

# Maps: with the map, 5 faults (pages 0..4; pages 5..9 are segmentation faults and
# never loaded); without it, 10.
got=$(awk -F, -v t="$TMP/m.txt" 'NR > 1 && $11 == t && $8 == 16 { print ($18 != "" ? "maps" : "none") "=" $13 }' "$csv" |
    sort | tr '\n' ' ')
expect_eq sweep-maps "maps=5 none=10 " "$got" "faults of the trace of pages 0..9 with a map of pages 0..4, and without"
got=$(awk -F, -v t="$TMP/m.txt" 'NR > 1 && $11 == t && $18 != "" { print $18 }' "$csv")
expect_eq sweep-maps-column "0=$TMP/m.maps" "$got" "the maps column"

# Options: without them, pages 0..9 twice are 20 accesses and 10 faults (the second
# pass hits); --skip 4 leaves out the first 4 accesses, pages 0..3, and their faults:
# 16 and 6.  On osc, one
# level, a walk reads one PTE: pte_reads = walks on every row.
got=$(awk -F, -v t="$TMP/m.txt" 'NR > 1 && $11 == t && $8 == 12 { print "[" $20 "]=" $12 "/" $13 }' "$csv" |
    sort | tr '\n' ' ')
expect_eq sweep-options "[--skip 4]=16/6 []=20/10 " "$got" "accesses/faults by the options column"
got=$(awk -F, 'NR > 1 && $3 == "osc" && $19 != $15 { n++ } END { print n + 0 }' "$csv")
expect_eq sweep-pte-reads "0" "$got" "osc rows whose pte_reads is not their walks"

# Summary: the tables, checked against the CSV by tests/cli/sweep_checks.py below.
bash tools/sweep.sh summary "$csv" >"$TMP/summary.txt" 2>"$TMP/summary.err" ||
    fail sweep-summary "tools/sweep.sh summary failed: $(tail -1 "$TMP/summary.err")"

seed=${SWEEP_TEST_SEED:-$RANDOM}
echo "# sweep: random rows chosen with SWEEP_TEST_SEED=$seed"

# The checks (tests/cli/sweep_checks.py): each prints "name<TAB>" and nothing else when
# it holds, or "name<TAB>why" when it does not.
python3 tests/cli/sweep_checks.py "$csv" "$jobs" "$VMREF" "$seed" "$TMP/belady.txt" "$TMP/summary.txt" "$tpols" >"$TMP/checks.txt" 2>"$TMP/checks.err"
rc=$?
while IFS= read -r line; do
    name=${line%%$'\t'*}
    why=${line#*$'\t'}
    if [ "$name" = "$line" ]; then
        fail sweep-checks "stray output: $line"
    elif [ -z "$why" ]; then
        pass "$name"
    else
        fail "$name" "$why"
    fi
done <"$TMP/checks.txt"
if [ "$rc" -ne 0 ] || [ "$(grep -c . "$TMP/checks.txt")" -ne 8 ]; then
    fail sweep-checks "the checker stopped (status $rc): $(tail -1 "$TMP/checks.err")"
fi

summary

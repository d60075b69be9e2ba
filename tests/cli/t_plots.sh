#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cli/t_plots.sh -- make plots (mk/plots.mk, tools/plots.sh, tools/plotdata.py,
# tools/plots.gp) on a real program's shape of trace: a sparse sv48 address space
# (code near 4 MiB, a heap at 0x5555_5000_0000, a stack near 0x7ffd_f000_0000), lackey
# M lines and accesses across a page boundary.  The trace is made here, so what it
# touches is known here.
#
#   count     the scatter numbers accesses as vmref counts them (its --stats)
#   rank      the sparse trace's scatter is drawn by page rank, in address order, and
#             its tics name the regions' start addresses; a dense trace keeps the page
#   axes      gnuplot's own settings (save set) of each panel: log x and y for the
#             sparse fault rates, linear for the default trace's; the TLB key outside
#             the graph; log y in every row of the walk histogram
#   walks     labels placed apart: upright where bars are 2 cycles apart, every bar
#             keeping its count; level on the default trace's spacing
#   badline   a bad trace line stops the plots with FILE:LINE
#   progress  PROGRESS=1 shows progress on stderr, PROGRESS unset (no terminal) does not
#   names     make plots names every file after the trace and the configuration (plot
#             (f), which spans presets, after the trace and the TLB); a
#             second trace leaves the first's files alone; .gz is dropped from the name
#   reuse     a second make plots with the same arguments reuses the sweep's CSV; new
#             arguments or a newer trace run the sweep again
#   tlbpol    plot (e)'s table: a column per TLB policy vmref lists, percentages in
#             [0, 100]; lru fully associative with entries >= the trace's pages is
#             exactly the compulsory-miss bound 1 - pages / accesses (counted here);
#             its axes (log x); a sweep without the TLB-policy grid skips (e) saying so
#   small     --small yes: palette PNGs, plot (e) under 60 KB (docs/img's copies)

. "$(dirname "$0")/../lib.sh"

need_bin plots-vmref "$VMREF" || summary
need_bin plots-tracegen "$TRACEGEN" || summary
for tool in python3 gnuplot; do
    if ! command -v $tool >/dev/null; then
        skip plots "$tool is missing (bash tools/deps.sh plots)"
        summary
    fi
done

# The sparse trace, and what it touches by construction: pages.txt holds the page of
# every access in order (an M line two, a line across a boundary one per page).
python3 tests/cli/plots_trace.py "$TMP/sparse.lackey" "$TMP/pages.txt" || { fail plots-trace "could not write the trace"; summary; }
# The project's default trace (mk/traces.mk): the plots that read well today.
"$TRACEGEN" --mode locality --seed 1 --count 1000 --va-bits 16 --page-bits 8 --ws 48 --drift 0.01 \
    --cold 0.02 -o "$TMP/dense.txt" ||
    { fail plots-trace "tracegen failed"; summary; }

# vmref's count of the sparse trace is the oracle for the scatter's.
"$VMREF" -q -f "$TMP/sparse.lackey" --config sv48 -n 4096 --stats "$TMP/sparse.json" >/dev/null 2>&1 ||
    { fail plots-vmref "vmref failed on the sparse trace"; summary; }
want_n=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["accesses"])' "$TMP/sparse.json")
expect_eq plots-count-oracle "$(grep -c . "$TMP/pages.txt")" "$want_n" "vmref's accesses against the trace's construction"

# A small sweep of each trace (the CSV plots.sh draws (a) and (b) from).
for t in sparse:sv48:"$TMP/sparse.lackey" dense:osc:"$TMP/dense.txt"; do
    IFS=: read -r tag cfg path <<<"$t"
    pb=$([ "$cfg" = osc ] && echo 256 || echo 4096)
    for p in 1 2 3 4 1 2 5 1 2 3 4 5; do echo $((p * pb)); done >"$TMP/anomaly-$tag.txt"
    {
        bash tools/sweep.sh grid --config "$cfg" --traces "$path" --policies "fifo opt" \
            --frames "1 2 4 8 16 32 90" &&
            bash tools/sweep.sh grid --config "$cfg" --traces "$TMP/anomaly-$tag.txt" \
                --policies fifo --frames "1 2 3 4 5 6 7" &&
            bash tools/sweep.sh grid --config "$cfg" --traces "$path" --policies fifo --tlb-policy lru \
                --frames pages --entries "1 4 16 64" --assoc "1 fa" &&
            # Plot (e)'s grid for the dense trace only: the sparse one shows its absence.
            if [ "$tag" = dense ]; then
                bash tools/sweep.sh grid --config "$cfg" --traces "$path" --policies fifo --tlb-policy all \
                    --frames pages --entries "1 4 16 64" --assoc "fa 4"
            fi
    } >"$TMP/grid-$tag.txt" 2>"$TMP/grid.err" &&
        awk '!seen[$0]++' "$TMP/grid-$tag.txt" >"$TMP/jobs-$tag.txt" && # rows two grids share: once
        bash tools/sweep.sh run -o "$TMP/sweep-$tag.csv" "$TMP/jobs-$tag.txt" 2>"$TMP/run-$tag.err" ||
        { fail plots-sweep "the $tag sweep failed: $(cat "$TMP/run-$tag.err" "$TMP/grid.err" | tail -n 1)"; summary; }
done

# A stand-in for vmsim in plot (d): writes the miss list ls's trace gave under sv48
# with 162 frames (walks 2 + 4*(1+L); A/D one memory operation more; page faults on
# four bars, two cycles apart at L = 1), so plot (d) is drawn without a Verilated build.
cat >"$TMP/fake-vmsim" <<'SH'
#!/usr/bin/env bash
lat="" out=""
while [ $# -gt 0 ]; do
    case $1 in --mem-latency) lat=$2; shift ;; --misses) out=$2; shift ;; esac
    shift
done
case $lat in
1) bars="10:37024:no 12:49:no 16:1:yes 18:1:yes 20:4:yes 22:670:yes" ;;
4) bars="22:37024:no 27:49:no 34:1:yes 39:1:yes 44:4:yes 49:670:yes" ;;
10) bars="46:37024:no 57:49:no 70:1:yes 81:1:yes 92:4:yes 103:670:yes" ;;
*) echo "fake-vmsim: no list for latency $lat" >&2; exit 1 ;;
esac
{
    echo miss,access,line,time_ns,vaddr,vpn,asid,walk_cycles,page_fault,victim_frame
    k=0
    for b in $bars; do
        IFS=: read -r cy n pf <<<"$b"
        for ((i = 0; i < n; i++)); do
            k=$((k + 1))
            echo "$k,$k,$k,0,0x1000,0x1,0,$cy,$pf,"
        done
    done
} >"$out"
SH
chmod +x "$TMP/fake-vmsim"

# results WHAT FILE NAME...: each NAME passes when FILE has "NAME<TAB>" alone on a
# line, fails with the text after the tab, or fails when FILE (a python check's
# output) has no line for it (the check died: its last line says why).
results() {
    local what=$1 file=$2 name line
    shift 2
    for name in "$@"; do
        line=$(grep -m1 "^$name"$'\t' "$file")
        if [ -z "$line" ]; then
            fail "$name" "$what: no verdict: $(tail -1 "$file")"
        elif [ -z "${line#*$'\t'}" ]; then
            pass "$name"
        else
            fail "$name" "${line#*$'\t'}"
        fi
    done
}

# plots TAG CONFIG TRACE [MORE OPTIONS]: tools/plots.sh into $TMP/out-TAG, with settings.
plots() {
    local tag=$1 cfg=$2 path=$3
    shift 3
    bash tools/plots.sh --csv "$TMP/sweep-$tag.csv" --trace "$path" --anomaly "$TMP/anomaly-$tag.txt" \
        --config "$cfg" --vmsim "$TMP/fake-vmsim" --walk-frames 20 --settings yes -o "$TMP/out-$tag" "$@"
}

if plots sparse sv48 "$TMP/sparse.lackey" >"$TMP/sparse.out" 2>"$TMP/sparse.err"; then
    pass plots-sparse-run
else
    fail plots-sparse-run "tools/plots.sh failed: $(tail -2 "$TMP/sparse.err" | tr '\n' ' ')"
fi
if plots dense osc "$TMP/dense.txt" >"$TMP/dense.out" 2>"$TMP/dense.err"; then
    pass plots-dense-run
else
    fail plots-dense-run "tools/plots.sh failed: $(tail -2 "$TMP/dense.err" | tr '\n' ' ')"
fi
S=$TMP/out-sparse/sparse-sv48-1x16
D=$TMP/out-dense/dense-osc-1x16

# count + rank: the scatter's table against the trace's construction.
python3 tests/cli/plots_scatter.py "$S-scatter.dat" "$TMP/pages.txt" "$want_n" "$D-scatter.dat" "$TMP/dense.txt" \
    >"$TMP/scatter.txt" 2>&1
results plots-scatter "$TMP/scatter.txt" plots-scatter-count plots-scatter-rank plots-scatter-dense

# The rank axis's tics: the start of each region the trace touches, as an address.
tics=$(grep -h '^set ytics' "$S-scatter.gp" 2>/dev/null)
miss=""
for a in 0x400000 0x555550000000 0x7ffdf0000000; do
    case $tics in *"\"$a\""*) ;; *) miss+=" $a" ;; esac
done
expect_eq plots-scatter-tics "" "$miss" "region starts missing from the y tics ($tics)"

# axes: what gnuplot says it drew with.
has() { grep -q -E "$2" "$1" 2>/dev/null; }
# (save set writes "unset logscale", then one "set logscale AXIS BASE" per log axis.)
expect_true plots-axes-faults-log "the sparse fault rates are not on log x and y ($S-faults-1.gp)" \
    eval 'has "$S-faults-1.gp" "^set logscale x" && has "$S-faults-1.gp" "^set logscale y"'
expect_true plots-axes-faults-linear "the default-like fault rates left linear axes ($D-faults-1.gp)" \
    eval '[ -s "$D-faults-1.gp" ] && ! has "$D-faults-1.gp" "^set logscale"'
expect_true plots-axes-tlb-key "the TLB key is not outside the graph ($S-tlb.gp)" \
    has "$S-tlb.gp" '^set key .*outside'
for i in 1 2 3; do
    expect_true plots-axes-walks-$i "row $i of the walk histogram is not on log y" \
        has "$S-walks-$i.gp" '^set logscale y'
done

# tlbpol: plot (e)'s table, against vmref's list of TLB policies and, on a read-only
# trace of fewer pages than the largest fully associative TLB, the compulsory-miss bound.
tpols=$("$VMREF" --list tlb-policy | tr '\n' ' ')
"$TRACEGEN" --mode locality --seed 3 --count 1500 --ws 24 -o "$TMP/few.txt" &&
    bash tools/sweep.sh grid --traces "$TMP/few.txt" --policies fifo --tlb-policy all --frames pages \
        --entries "1 4 16 32 64" --assoc "fa 4" >"$TMP/jobs-few.txt" &&
    bash tools/sweep.sh run -o "$TMP/sweep-few.csv" "$TMP/jobs-few.txt" 2>"$TMP/run-few.err" &&
    python3 tools/plotdata.py tlbpol "$TMP/sweep-few.csv" "$TMP/few.txt" "$TMP/few-tlbpol.dat" >/dev/null ||
    fail plots-tlbpol-few "the few-pages sweep or its table failed: $(tail -1 "$TMP/run-few.err")"
python3 tests/cli/plots_tlbpol.py "$D-tlbpol.dat" "$TMP/few-tlbpol.dat" "$TMP/few.txt" "$tpols" \
    >"$TMP/tlbpol.txt" 2>&1
results plots-tlbpol "$TMP/tlbpol.txt" plots-tlbpol-table plots-tlbpol-compulsory
expect_true plots-tlbpol-axes "plot (e) not drawn with log x in both panels ($D-tlbpol-1.gp, -2.gp)" \
    eval '[ -s "$D-tlbpol.png" ] && has "$D-tlbpol-1.gp" "^set logscale x 2" && has "$D-tlbpol-2.gp" "^set logscale x 2"'
if [ ! -e "$S-tlbpol.png" ] && grep -q 'no TLB-policy rows.*tlbpol.png skipped' "$TMP/sparse.err" &&
    [ -s "$S-tlb.png" ]; then
    pass plots-tlbpol-skip
else
    fail plots-tlbpol-skip "a sweep without the TLB-policy grid: want no $S-tlbpol.png and a line saying so: $(grep tlbpol "$TMP/sparse.err")"
fi

# small: --small yes draws palette PNGs (colour type 3, byte 25 of the file) under 60 KB,
# the size docs/img keeps.
plots dense osc "$TMP/dense.txt" --small yes --latencies "" --name small >/dev/null 2>"$TMP/small.err"
sp=$TMP/out-dense/small-tlbpol.png
if [ -s "$sp" ] && [ "$(od -An -tu1 -j25 -N1 "$sp" | tr -d ' ')" = 3 ] && [ "$(stat -c %s "$sp")" -lt 61440 ]; then
    pass plots-small
else
    fail plots-small "--small yes: $sp is not a palette PNG under 60 KB ($(stat -c %s "$sp" 2>&1)): $(tail -1 "$TMP/small.err")"
fi

# walks: the L = 1 row has bars 2 cycles apart: upright labels, every count kept.
python3 tests/cli/plots_walks.py "$S-walks.dat" "$D-walks.dat" >"$TMP/walks.txt" 2>&1
results plots-walks "$TMP/walks.txt" plots-walks-labels
rots_s=$(python3 tools/plotdata.py walks "$TMP/w.dat" 4 1="$S-misses-L1.csv" 4="$S-misses-L4.csv" \
    10="$S-misses-L10.csv" 2>&1 | sed -n "s/.*rots='\([0-9 ]*\)'.*/\1/p")
expect_eq plots-walks-upright "90 0 0" "$rots_s" "label angle per row (L = 1 has bars 2 cycles apart)"
# The default trace's bars (osc, 1 level: 4/6/10, 7/12/19, 13/24/37 cycles) are far apart.
for lb in 1:4:6:10 4:7:12:19 10:13:24:37; do
    IFS=: read -r l w ad f <<<"$lb"
    printf 'miss,access,line,time_ns,vaddr,vpn,asid,walk_cycles,page_fault,victim_frame\n1,1,1,0,0,0,0,%d,no,\n2,2,2,0,0,0,0,%d,no,\n3,3,3,0,0,0,0,%d,yes,\n' \
        "$w" "$ad" "$f" >"$TMP/default-L$l.csv"
done
rots_d=$(python3 tools/plotdata.py walks "$TMP/w.dat" 1 1="$TMP/default-L1.csv" 4="$TMP/default-L4.csv" \
    10="$TMP/default-L10.csv" 2>&1 | sed -n "s/.*rots='\([0-9 ]*\)'.*/\1/p")
kinds=$(grep -v '^#' "$TMP/w.dat" | awk 'NF {print $1 ":" $4}' | tr '\n' ' ')
expect_eq plots-walks-kinds "4:walk 6:walk+A/D 10:fault+retry 7:walk 12:walk+A/D 19:fault+retry 13:walk 24:walk+A/D 37:fault+retry " \
    "$kinds" "the default trace's bars and their kinds"
expect_eq plots-walks-level "0 0 0" "$rots_d" "label angle per row on the default trace's bars"

# badline: one clear line naming the file and line, and no PNG claimed.
cp "$TMP/sparse.lackey" "$TMP/bad.lackey"
sed -i '5s/.*/ L zz12,4/' "$TMP/bad.lackey"
sed "s#$TMP/sparse.lackey#$TMP/bad.lackey#" "$TMP/sweep-sparse.csv" >"$TMP/sweep-bad.csv"
cp "$TMP/anomaly-sparse.txt" "$TMP/anomaly-bad.txt"
sed -i "s#$TMP/anomaly-sparse.txt#$TMP/anomaly-bad.txt#" "$TMP/sweep-bad.csv"
if plots bad sv48 "$TMP/bad.lackey" >/dev/null 2>"$TMP/bad.err"; then
    fail plots-badline "tools/plots.sh drew a trace with a bad line 5"
elif grep -q "bad.lackey:5: " "$TMP/bad.err"; then
    pass plots-badline
else
    fail plots-badline "no 'bad.lackey:5:' in: $(tr '\n' ' ' <"$TMP/bad.err")"
fi

# progress: asked for, it is on stderr; not asked for (stderr is no terminal), silent.
# 70 000 lines: past the first progress report of the trace read.
python3 -c 'import sys
with open(sys.argv[1], "w") as f:
    for i in range(70000):
        f.write(f" L {0x400000 + (i % 64) * 4096 + 8:08x},4\n")' "$TMP/long.lackey"
sed "s#$TMP/sparse.lackey#$TMP/long.lackey#" "$TMP/sweep-sparse.csv" >"$TMP/sweep-long.csv"
cp "$TMP/anomaly-sparse.txt" "$TMP/anomaly-long.txt"
sed -i "s#$TMP/anomaly-sparse.txt#$TMP/anomaly-long.txt#" "$TMP/sweep-long.csv"
PROGRESS=1 plots long sv48 "$TMP/long.lackey" >"$TMP/long.out" 2>"$TMP/long.err"
if grep -q 'plots: scatter: reading the trace: [0-9]* accesses' "$TMP/long.err" &&
    grep -q 'plots: walks: vmsim with memory latency 4 (2 of 3)' "$TMP/long.err" &&
    ! grep -q 'accesses' "$TMP/long.out"; then
    pass plots-progress
else
    fail plots-progress "PROGRESS=1: no progress of the trace read and each vmsim run on stderr: $(head -c 300 "$TMP/long.err")"
fi
(unset PROGRESS; plots long sv48 "$TMP/long.lackey" >/dev/null 2>"$TMP/long2.err")
if grep -q -E 'reading the trace|vmsim with memory latency' "$TMP/long2.err"; then
    fail plots-progress-quiet "progress on stderr that is no terminal, not asked for"
else
    pass plots-progress-quiet
fi

# names (tools/plots.sh): a .gz trace is named without .gz and its extension.
gzip -c "$TMP/sparse.lackey" >"$TMP/gz.lackey.gz"
sed "s#$TMP/sparse.lackey#$TMP/gz.lackey.gz#" "$TMP/sweep-sparse.csv" >"$TMP/sweep-gz.csv"
cp "$TMP/anomaly-sparse.txt" "$TMP/anomaly-gz.txt"
sed -i "s#$TMP/anomaly-sparse.txt#$TMP/anomaly-gz.txt#" "$TMP/sweep-gz.csv"
plots gz sv48 "$TMP/gz.lackey.gz" --latencies "" >/dev/null 2>"$TMP/gz.err"
if [ -s "$TMP/out-gz/gz-sv48-1x16-scatter.png" ] &&
    [ "$(grep -vc '^#' "$TMP/out-gz/gz-sv48-1x16-scatter.dat")" = "$want_n" ]; then
    pass plots-names-gz
else
    fail plots-names-gz "no gz-sv48-1x16-scatter.png with $want_n points: $(ls "$TMP/out-gz" 2>&1 | tr '\n' ' ') $(tail -1 "$TMP/gz.err")"
fi

# names: without TRACE the project's own trace is "default" (it is called addresses.txt,
# as the textbook's is).  make -n: nothing is drawn.
mkdir -p "$TMP/sub" && cp "$TMP/dense.txt" "$TMP/sub/addresses.txt"
n_def=$(make -n --no-print-directory plots PLOTS_DIR="$TMP/n" SWEEP_DIR="$TMP/nsw" 2>/dev/null |
    grep -o -- '--name [^ ]*' | head -1)
n_osc=$(make -n --no-print-directory plots PLOTS_DIR="$TMP/n" SWEEP_DIR="$TMP/nsw" \
    TRACE="$TMP/sub/addresses.txt" 2>/dev/null | grep -o -- '--name [^ ]*' | head -1)
expect_eq plots-names-default "--name default-osc-1x16 --name addresses-osc-1x16" "$n_def $n_osc" \
    "names without TRACE and with TRACE=.../addresses.txt"

# names + reuse (make plots): two traces side by side; the sweep kept and reused.
# Small grids, no walk plot (WALK_LATENCIES empty), everything under $TMP.
cp "$TMP/dense.txt" "$TMP/one.txt"
"$TRACEGEN" --mode loop --pages 12 --count 800 -o "$TMP/two.txt"
mk() {
    make --no-print-directory plots PLOTS_DIR="$TMP/mp" SWEEP_DIR="$TMP/msw" WALK_LATENCIES= \
        SWEEP_POLICIES="fifo lru" SWEEP_ENTRIES="1 4 16" SWEEP_ASSOC="1 fa" SWEEP_FRAMES="1 4 16" \
        MISS_PWC="0 8" "$@" >>"$TMP/make.out" 2>&1
}
mtime() { stat -c %y "$1" 2>/dev/null || echo missing; }
if mk TRACE="$TMP/one.txt"; then
    pass plots-make-run
else
    fail plots-make-run "make plots failed: $(tail -3 "$TMP/make.out" | tr '\n' ' ')"
fi
# (f), the miss cost, spans presets: named after the trace and the TLB only.
want="one-1x16-misscost.png one-osc-1x16-faults.png one-osc-1x16-scatter.png one-osc-1x16-tlb.png one-osc-1x16-tlbpol.png"
expect_eq plots-names "$want" "$(cd "$TMP/mp" 2>/dev/null && echo one-*.png)" "PNGs of TRACE=one.txt"
png1=$(mtime "$TMP/mp/one-osc-1x16-faults.png")
csv1=$(mtime "$TMP/mp/one-osc-1x16-sweep.csv")
sw1=$(mtime "$TMP/msw/sweep.csv")
sleep 1
mk TRACE="$TMP/two.txt" CONFIG=sv39 || fail plots-make-run "make plots TRACE=two.txt CONFIG=sv39 failed"
expect_eq plots-names-second "two-sv39-1x16-faults.png $png1" \
    "$(cd "$TMP/mp" 2>/dev/null && echo two-*faults.png) $(mtime "$TMP/mp/one-osc-1x16-faults.png")" \
    "a second trace's plots, and the first's faults.png mtime"
sw2=$(mtime "$TMP/msw/sweep.csv")
mk TRACE="$TMP/one.txt" || fail plots-make-run "make plots (again) failed"
expect_eq plots-reuse "$csv1 $sw2" "$(mtime "$TMP/mp/one-osc-1x16-sweep.csv") $(mtime "$TMP/msw/sweep.csv")" \
    "the kept CSV and make sweep's CSV after the same arguments again (mtimes)"
[ "$sw1" != "$sw2" ] || fail plots-reuse "the second trace did not run the sweep"
mk TRACE="$TMP/one.txt" SWEEP_FRAMES="1 2 4 8" || fail plots-make-run "make plots SWEEP_FRAMES failed"
csv3=$(mtime "$TMP/mp/one-osc-1x16-sweep.csv")
lru=$(awk -F, '$11 ~ /one.txt$/ && $9 == "lru" {print $8}' "$TMP/mp/one-osc-1x16-sweep.csv" | tr '\n' ' ')
if [ "$csv3" != "$csv1" ] && [ "$lru" = "1 2 4 8 " ]; then
    pass plots-reuse-args
else
    fail plots-reuse-args "SWEEP_FRAMES=\"1 2 4 8\" and the kept CSV has lru at frames '$lru' ($csv1 -> $csv3)"
fi
sleep 1
touch "$TMP/one.txt"
mk TRACE="$TMP/one.txt" SWEEP_FRAMES="1 2 4 8" || fail plots-make-run "make plots after touch failed"
[ "$(mtime "$TMP/mp/one-osc-1x16-sweep.csv")" != "$csv3" ] && pass plots-reuse-newer ||
    fail plots-reuse-newer "the trace is newer than the CSV, and the sweep was not run again"

summary

#!/usr/bin/env bash
# tools/plots.sh -- vmmu's four plots, as PNGs (docs/plots.md).  make plots calls it
# after make sweep; run from the repository root.
#
#   tools/plots.sh --csv SWEEP.csv --trace T --anomaly A [options]
#
#   --csv FILE          the sweep's CSV (tools/sweep.sh run)              [build/sweep/sweep.csv]
#   --trace T           the trace of plots (a), (b), (c)                 [build/traces/addresses.txt]
#   --anomaly A         Belady's string, as addresses (panel 2 of (a))     [build/sweep/anomaly-osc.txt]
#   --config P          preset                                            [osc]
#   --tlb SxW           TLB geometry of plot (a)                          [1x16]
#   --vmsim BIN         vmsim for plot (d); "" skips (d)                  [build/osc-1x16/vmsim]
#   --walk-trace T      the trace of plot (d)                             [--trace]
#   --walk-frames N     frames for (d), or auto (half the trace's pages)  [auto]
#   --latencies "L..."  memory latencies of (d), one series each          [1 4 10]
#   --backing B         backing store when none sits beside a trace       [build/traces/backing.bin]
#   -o DIR              where the PNGs go                                 [build/plots]
#
# Writes DIR/faults.png (a), DIR/tlb.png (b), DIR/scatter.png (c), DIR/walks.png (d),
# and the tables each was drawn from (DIR/*.dat; DIR/misses-L*.csv for (d)).

set -euo pipefail

csv=build/sweep/sweep.csv trace=build/traces/addresses.txt anomaly=build/sweep/anomaly-osc.txt
config=osc tlb=1x16 vmsim=build/osc-1x16/vmsim walk_trace="" walk_frames=auto lats="1 4 10"
backing=build/traces/backing.bin dir=build/plots
while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || { echo "plots: $1 needs a value" >&2; exit 2; }
    case $1 in
    --csv) csv=$2 ;;
    --trace) trace=$2 ;;
    --anomaly) anomaly=$2 ;;
    --config) config=$2 ;;
    --tlb) tlb=$2 ;;
    --vmsim) vmsim=$2 ;;
    --walk-trace) walk_trace=$2 ;;
    --walk-frames) walk_frames=$2 ;;
    --latencies) lats=$2 ;;
    --backing) backing=$2 ;;
    -o) dir=$2 ;;
    *) echo "plots: unknown option '$1'" >&2; exit 2 ;;
    esac
    shift 2
done
walk_trace=${walk_trace:-$trace}
here=$(dirname "$0")
command -v gnuplot >/dev/null || { echo "plots: gnuplot is missing (bash mk/deps.sh plots)" >&2; exit 1; }
mkdir -p "$dir"

case $config in
osc) pb=8 vb=16 levels=1 ;;
sv32) pb=12 vb=32 levels=2 ;;
sv39) pb=12 vb=39 levels=3 ;;
sv48) pb=12 vb=48 levels=4 ;;
*) echo "plots: unknown preset '$config'" >&2; exit 2 ;;
esac
geo="$config ($vb-bit VA, $((1 << pb))-byte pages)"
sets=${tlb%x*} ways=${tlb#*x}

# gp WHICH VAR=VALUE...: one gnuplot run; values are strings (numbers convert in use).
gp() {
    local which=$1 e="" kv out_png=""
    shift
    for kv in "$@"; do
        [ "${kv%%=*}" != out ] || out_png=${kv#*=}
        local v=${kv#*=}
        # A gnuplot double-quoted string: \n (as the titles write it) is a line break.
        v=${v//\"/\\\"}
        e+="${kv%%=*}=\"$v\"; "
    done
    gnuplot -e "which='$which'; $e" "$here/plots.gp"
    echo "plots: $out_png" >&2
}

# (a) fault rate against frames, every policy; Belady's string beside it.
titles="" accesses="" fmax=""
eval "$(python3 "$here/plotdata.py" faults "$csv" "$trace" "$sets" "$ways" "$dir/faults.dat")"
ft=$titles fa=$accesses fm=$fmax
eval "$(python3 "$here/plotdata.py" faults "$csv" "$anomaly" "$sets" "$ways" "$dir/anomaly.dat" \
    clock,lru-walk,lru,opt,fifo)"
gp faults out="$dir/faults.png" dat="$dir/faults.dat" titles="$ft" fmax="$fm" \
    adat="$dir/anomaly.dat" atitles="$titles" \
    ttl="Page-fault rate: $trace ($fa accesses)\n$geo, TLB ${sets}×${ways} (its policy as -p implies), vmref" \
    attl="Belady's anomaly string 1 2 3 4 1 2 5 1 2 3 4 5 (page × $((1 << pb)))"

# (b) TLB hit rate against entries, one line per associativity.
frames="" emin="" emax=""
eval "$(python3 "$here/plotdata.py" tlb "$csv" "$trace" "$dir/tlb.dat")"
gp tlb out="$dir/tlb.png" dat="$dir/tlb.dat" titles="$titles" emin="$emin" emax="$emax" \
    ttl="TLB hit rate: $trace ($accesses accesses)\n$geo, LRU TLB, $frames frames (every page resident), vmref"

# (c) the address scatter.
pages="" every=""
eval "$(python3 "$here/plotdata.py" scatter "$trace" "$pb" "$vb" "$dir/scatter.dat")"
thin=""
[ "$every" -gt 1 ] && thin=", every ${every}th access drawn"
gp scatter out="$dir/scatter.png" dat="$dir/scatter.dat" titles="$titles" \
    ttl="Pages touched over time: $trace\n$accesses accesses, $pages distinct pages, $geo$thin" \
    accesses="$accesses" ymax="$([ $((vb - pb)) -le 16 ] && echo $((1 << (vb - pb))))"

# (d) walk latency from vmsim's miss list, one run per memory latency.
if [ -z "$vmsim" ]; then
    echo "plots: no vmsim: walks.png skipped" >&2
    exit 0
fi
wb=$backing
[ -r "$(dirname "$walk_trace")/BACKING_STORE.bin" ] && wb=$(dirname "$walk_trace")/BACKING_STORE.bin
if [ "$walk_frames" = auto ]; then
    p=$(bash "$here/sweep.sh" pages "$walk_trace" "$pb" "$vb")
    walk_frames=$((p / 2 > 0 ? p / 2 : 1))
fi
specs=()
for l in $lats; do
    m=$dir/misses-L$l.csv
    # Every access checked against the model, as always: a histogram of wrong numbers
    # would be worse than none.
    "$vmsim" -q -f "$walk_trace" -b "$wb" -n "$walk_frames" -p fifo --tlb-sets "$sets" \
        --tlb-ways "$ways" --config "$config" --mem-latency "$l" --misses "$m" >/dev/null 2>"$dir/vmsim-L$l.log" ||
        { echo "plots: $vmsim failed (see $dir/vmsim-L$l.log)" >&2; exit 1; }
    specs+=("$l=$m")
done
cmax="" misses=""
eval "$(python3 "$here/plotdata.py" walks "$dir/walks.dat" "$levels" "${specs[@]}")"
wt=$(echo $lats | sed 's/ /, /g')
gp walks out="$dir/walks.png" dat="$dir/walks.dat" titles="$titles" cmax="$cmax" \
    ttl="Walk latency, vmsim (the RTL, checked against the model): $walk_trace, $misses TLB misses\n$geo, TLB ${sets}×${ways} fifo, $walk_frames frames fifo, memory latency L = $wt cycles"

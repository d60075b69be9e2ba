#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tools/plots.sh -- vmmu's six plots, as PNGs (docs/plots.md).  make plots calls it
# after make sweep; run from the repository root.
#
#   tools/plots.sh --csv SWEEP.csv --trace T --anomaly A [options]
#
#   --csv FILE          the sweep's CSV (tools/sweep.sh run)              [build/sweep/sweep.csv]
#   --trace T           the trace of plots (a), (b), (c)                 [build/traces/addresses.txt]
#   --anomaly A         Belady's string, as addresses (panel 2 of (a))     [build/sweep/anomaly-osc.txt]
#   --config P          preset                                            [osc]
#   --tlb SxW           TLB geometry of plots (a) and (d)                 [1x16]
#   --vmsim BIN         vmsim for plot (d); "" skips (d)                  [build/osc-1x16/vmsim]
#   --walk-trace T      the trace of plot (d)                             [--trace]
#   --walk-frames N     frames for (d), or auto (half the trace's pages)  [auto]
#   --latencies "L..."  memory latencies of (d), one row each; "" skips (d) [1 4 10]
#   --backing B         backing store when none sits beside a trace       [build/traces/backing.bin]
#   --maps PID=FILE     a process's memory map, as vmref's --maps (repeatable): the
#                       scatter names what is mapped at each region, vmsim takes it
#   --name NAME         what every file's name starts with   [the trace's name-preset-SxW]
#   --settings yes      also write gnuplot's own settings of each panel   [no]
#   --small yes         palette PNGs (gnuplot's png terminal, no anti-aliasing), about a
#                       fifth of the bytes: the copies docs/img keeps   [no]
#   --miss-csv FILE     make sweep-miss's CSV: plot (f), the miss cost; "" skips (f) [""]
#   --miss-name NAME    what (f)'s files' names start with   [the trace's name-SxW]
#   --only misscost     draw plot (f) only (make plots-miss: no --csv needed)
#   -o DIR              where the PNGs go                                 [build/plots]
#
# Writes DIR/NAME-faults.png (a), DIR/NAME-tlb.png (b), DIR/NAME-scatter.png (c),
# DIR/NAME-walks.png (d), DIR/NAME-tlbpol.png (e: when the CSV has make sweep's
# TLB-policy grid), DIR/MISSNAME-misscost.png (f: with --miss-csv), and the tables each was drawn from (DIR/NAME-*.dat;
# DIR/NAME-misses-L*.csv for (d)).  The trace's name is its file name without a
# .gz/.xz/.zst ending and without its last extension (ls.lackey.zst -> ls), so the
# plots of one trace and preset never overwrite another's.  With --settings yes,
# DIR/NAME-PANEL.gp holds gnuplot's "save set" of each panel (the axes it drew).
# Progress (the trace read for (c), each vmsim run of (d)) goes to stderr when it is a
# terminal or PROGRESS=1 (PROGRESS=0: never).

set -euo pipefail

csv=build/sweep/sweep.csv trace=build/traces/addresses.txt anomaly=build/sweep/anomaly-osc.txt
config=osc tlb=1x16 vmsim=build/osc-1x16/vmsim walk_trace="" walk_frames=auto lats="1 4 10"
backing=build/traces/backing.bin dir=build/plots name="" settings=no small=no miss_csv="" miss_name="" only=""
maps=()
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
    --maps) maps+=("$2") ;;
    --name) name=$2 ;;
    --settings) settings=$2 ;;
    --small) small=$2 ;;
    --miss-csv) miss_csv=$2 ;;
    --miss-name) miss_name=$2 ;;
    --only) only=$2 ;;
    -o) dir=$2 ;;
    *) echo "plots: unknown option '$1'" >&2; exit 2 ;;
    esac
    shift 2
done
walk_trace=${walk_trace:-$trace}
here=$(dirname "$0")
command -v gnuplot >/dev/null || { echo "plots: gnuplot is missing (bash tools/deps.sh plots)" >&2; exit 1; }
case $tlb in
[1-9]*x[1-9]*) ;;
*) echo "plots: --tlb '$tlb': want SETSxWAYS, e.g. 1x16" >&2; exit 2 ;;
esac
case $settings in
yes | no) ;;
*) echo "plots: --settings '$settings': want yes or no" >&2; exit 2 ;;
esac
case $small in
yes | no) ;;
*) echo "plots: --small '$small': want yes or no" >&2; exit 2 ;;
esac
case $only in
"" | misscost) ;;
*) echo "plots: --only '$only': want misscost" >&2; exit 2 ;;
esac
[ "$only" = misscost ] && [ -z "$miss_csv" ] && { echo "plots: --only misscost needs --miss-csv" >&2; exit 2; }
[ -n "$only" ] || [ -r "$csv" ] || { echo "plots: $csv: cannot read (run make sweep first)" >&2; exit 1; }
[ -r "$trace" ] || { echo "plots: $trace: cannot read" >&2; exit 1; }
[ -z "$miss_csv" ] || [ -r "$miss_csv" ] || { echo "plots: $miss_csv: cannot read (run make sweep-miss first)" >&2; exit 1; }

# The geometry from model/presets.def, the one table of presets.
row=$(sed -n "s/^PRESET($config, *\([^)]*\)).*/\1/p" "$here/../model/presets.def" | tr -d ' ')
[ -n "$row" ] || { echo "plots: unknown preset '$config'" >&2; exit 2; }
IFS=, read -r vb pb levels _ <<<"$row"
geo="$config ($vb-bit VA, $((1 << pb))-byte pages)"
sets=${tlb%x*} ways=${tlb#*x}

if [ -z "$name" ]; then
    name=$(basename "$trace")
    name=${name%.gz} name=${name%.xz} name=${name%.zst}
    [ "${name%.*}" = "" ] || name=${name%.*}
    name=$name-$config-$tlb
fi
case $name in
*/* | "") echo "plots: --name '$name': want a file name (no /)" >&2; exit 2 ;;
esac
# (f) spans presets: its name is the trace's and the L1 TLB's only.
[ -n "$miss_name" ] || miss_name=${name%-"$config-$tlb"}-$tlb
case $miss_name in
*/*) echo "plots: --miss-name '$miss_name': want a file name (no /)" >&2; exit 2 ;;
esac
mkdir -p "$dir"
p=$dir/$name-
sset=""
[ "$settings" = no ] || sset=$dir/$name

# PROGRESS: 1 always, 0 never, unset when stderr is a terminal (plotdata.py reads it too).
if [ -z "${PROGRESS:-}" ]; then
    if [ -t 2 ]; then PROGRESS=1; else PROGRESS=0; fi
fi
export PROGRESS

# pd ARGS...: plotdata.py ARGS, whose shell assignments are made here (a failure,
# which it has already explained on stderr, stops the script).
pd() {
    local out
    out=$(python3 "$here/plotdata.py" "$@") || exit 1
    eval "$out"
}

# gp WHICH VAR=VALUE...: one gnuplot run; values are strings (numbers convert in use).
gp() {
    local which=$1 e="" kv out_png=""
    shift
    for kv in "$@" settings="$sset" small="$small"; do
        [ "${kv%%=*}" != out ] || out_png=${kv#*=}
        local v=${kv#*=}
        # A gnuplot double-quoted string: \n (as the titles write it) is a line break.
        v=${v//\"/\\\"}
        e+="${kv%%=*}=\"$v\"; "
    done
    gnuplot -e "which='$which'; $e" "$here/plots.gp"
    echo "plots: $out_png" >&2
}

# (f) the miss cost: translation cycles per access, walks per 1000 accesses, PTE
# reads per walk against the page-walk cache's size (and the L2 TLB's), --thp off
# and on, each preset of make sweep-miss (docs/miss-cost.md).
if [ -n "$miss_csv" ]; then
    scfgs="" thps="" panels="" pwcs="" l2s="" pwc_at="" l2_at="" frames="" latency="" mtlb="" accesses=""
    wmin="" wmax=""
    mp=$dir/$miss_name-
    pd misscost "$miss_csv" "$trace" "${mp}misscost.dat"
    msset=""
    [ "$settings" = no ] || msset=$dir/$miss_name
    l2note=", no L2 TLB in this sweep"
    [ "$panels" = 1 ] || l2note=""
    sset=$msset gp misscost out="${mp}misscost.png" dat="${mp}misscost.dat" titles="$titles" \
        scfgs="$scfgs" thps="$thps" panels="$panels" pwcs="$pwcs" l2s="$l2s" pwc_at="$pwc_at" l2_at="$l2_at" \
        wmin="$wmin" wmax="$wmax" ttl="The cost of a TLB miss and what removes it: $trace ($accesses accesses)\nL1 TLB $mtlb (one for fetches and data), memory latency $latency cycles, vmref$l2note\n$frames frames, -p fifo: nothing is ever evicted, with or without --thp"
fi
[ "$only" != misscost ] || exit 0

# (a) fault rate against frames, every policy; Belady's string beside it.
titles="" accesses="" fmax="" ylog=""
pd faults "$csv" "$trace" "$sets" "$ways" "${p}faults.dat"
ft=$titles fa=$accesses fm=$fmax fl=$ylog
pd faults "$csv" "$anomaly" "$sets" "$ways" "${p}anomaly.dat" \
    clock,lru-walk,lru,opt,fifo
gp faults out="${p}faults.png" dat="${p}faults.dat" titles="$ft" fmax="$fm" ylog="$fl" \
    adat="${p}anomaly.dat" atitles="$titles" \
    ttl="Page-fault rate: $trace ($fa accesses)\n$geo, TLB ${sets}×${ways} (its policy as -p implies), vmref" \
    attl="Belady's anomaly string 1 2 3 4 1 2 5 1 2 3 4 5 (page × $((1 << pb)))"

# (b) TLB hit rate against entries, one line per associativity.
frames="" emin="" emax=""
pd tlb "$csv" "$trace" "${p}tlb.dat"
gp tlb out="${p}tlb.png" dat="${p}tlb.dat" titles="$titles" emin="$emin" emax="$emax" \
    ttl="TLB hit rate: $trace ($accesses accesses)\n$geo, LRU TLB, $frames frames (every page resident), vmref"

# (e) TLB hit rate against entries, one line per TLB policy, a panel per associativity.
skip="" policies="" hmin="" same=""
pd tlbpol "$csv" "$trace" "${p}tlbpol.dat"
if [ -n "$skip" ]; then
    echo "plots: $skip: tlbpol.png skipped" >&2
else
    gp tlbpol out="${p}tlbpol.png" dat="${p}tlbpol.dat" titles="$titles" emin="$emin" emax="$emax" \
        policies="$policies" hmin="$hmin" same="$same" \
        ttl="TLB hit rate by replacement policy: $trace ($accesses accesses)\n$geo, $frames frames (every page resident: only the TLB decides), -p fifo, vmref"
fi

# (c) the address scatter.  Its accesses are vmref's (the sweep's count): a lackey
# M line is two, a line crossing pages one per page; the title says so when the
# trace has fewer lines than that.
pages="" every="" lines="" ymode="" yticks="" y2ticks="" breaks=""
pd scatter "$trace" "$pb" "$vb" "${p}scatter.dat" "${maps[@]}"
thin="" counted="" axis=""
[ "$every" -gt 1 ] && thin=", every ${every}th access drawn"
[ "$lines" = "$accesses" ] || counted="\n(as vmref counts them, from $lines trace lines: an M line is a read and a write, a line across pages one access per page)"
[ "$ymode" = page ] || axis=", pages by rank"
gp scatter out="${p}scatter.png" dat="${p}scatter.dat" titles="$titles" \
    ttl="Pages touched over time: $trace\n$accesses accesses, $pages distinct pages$axis, $geo$thin$counted" \
    accesses="$accesses" pages="$pages" ymode="$ymode" yticks="$yticks" y2ticks="$y2ticks" \
    breaks="$breaks" \
    ymax="$([ $((vb - pb)) -le 16 ] && echo $((1 << (vb - pb))))"

# (d) walk latency from vmsim's miss list, one run per memory latency.
if [ -z "$vmsim" ] || [ -z "${lats// /}" ]; then
    echo "plots: no vmsim or no latencies: walks.png skipped" >&2
    exit 0
fi
wb=$backing
[ -r "$(dirname "$walk_trace")/BACKING_STORE.bin" ] && wb=$(dirname "$walk_trace")/BACKING_STORE.bin
if [ "$walk_frames" = auto ]; then
    # The scatter has just counted the trace's pages, as vmref does.
    [ "$walk_trace" = "$trace" ] || pd pages "$walk_trace" "$pb" "$vb"
    walk_frames=$((pages / 2 > 0 ? pages / 2 : 1))
fi
specs=()
set -- $lats
for l in "$@"; do
    m=${p}misses-L$l.csv
    [ "$PROGRESS" = 0 ] || echo "plots: walks: vmsim with memory latency $l ($((${#specs[@]} + 1)) of $#)..." >&2
    # Every access checked against the model, as always: a histogram of wrong numbers
    # would be worse than none.
    "$vmsim" -q -f "$walk_trace" -b "$wb" -n "$walk_frames" -p fifo --tlb-sets "$sets" \
        --tlb-ways "$ways" --config "$config" --mem-latency "$l" "${maps[@]/#/--maps=}" \
        --misses "$m" >/dev/null 2>"${p}vmsim-L$l.log" ||
        { echo "plots: $vmsim failed (see ${p}vmsim-L$l.log)" >&2; exit 1; }
    specs+=("$l=$m")
done
cmax="" ymax="" rots="" kinds="" misses=""
pd walks "${p}walks.dat" "$levels" "${specs[@]}"
gp walks out="${p}walks.png" dat="${p}walks.dat" titles="$titles" cmax="$cmax" ymax="$ymax" \
    rots="$rots" kinds="$kinds" \
    ttl="Walk latency, vmsim (the RTL, checked against the model): $walk_trace, memory latency L = ${lats// /, } cycles\n$geo, TLB ${sets}×${ways} fifo, $walk_frames frames fifo"

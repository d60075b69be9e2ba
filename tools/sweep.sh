#!/usr/bin/env bash
# tools/sweep.sh -- parameter sweeps: a grid of configurations x traces, run in
# parallel, one CSV row per run.  See docs/sweep.md.
#
#   tools/sweep.sh grid [GRID OPTIONS]          print job lines (the cartesian product)
#   tools/sweep.sh run [-j N] [-o OUT.csv] [--sshlogin LOGINS] JOBS
#                                               run every job line of JOBS, write the CSV
#   tools/sweep.sh one ID,JOB                   run one job, print its CSV row
#   tools/sweep.sh pages TRACE [PAGE_BITS [VA_BITS]]   distinct pages a trace touches
#
# A job line is the configuration, comma-separated, in the CSV's column order:
#   sim,config,tlb_sets,tlb_ways,tlb_policy,frames,policy,mem_latency,trace
# sim is vmref or vmsim (vmsim runs build/<config>-<sets>x<ways>/vmsim, built first
# when missing).  Paths must not contain commas or white space.
#
# The CSV's columns (one header line, then one row per job, in job order):
#   id,sim,config,tlb_sets,tlb_ways,tlb_entries,tlb_policy,frames,policy,mem_latency,
#   trace,accesses,faults,hits,walks,cycles,seconds
# faults/hits/walks/cycles are the --stats JSON's page_faults/tlb_hits/walks/translation_cycles;
# seconds is the wall time of that one run (process start to exit).
#
# Environment: VMREF (default build/vmref), VMSIM_DIR (default build), both
# relative to the working directory, which must be the repository root (make's).

set -euo pipefail

VMREF=${VMREF:-build/vmref}
VMSIM_DIR=${VMSIM_DIR:-build}
HEADER=id,sim,config,tlb_sets,tlb_ways,tlb_entries,tlb_policy,frames,policy,mem_latency,trace,accesses,faults,hits,walks,cycles,seconds

die() {
    echo "sweep: $*" >&2
    exit 2
}

usage() {
    sed -n '2,/^$/s/^# \{0,1\}//p' "$0"
    cat <<'EOF'
Grid options (each list is space-separated; every combination is one job):
  --sim S            vmref or vmsim [vmref]
  --config P         preset: osc sv32 sv39 sv48 [osc]
  --traces "T..."    trace files [build/traces/addresses.txt]
  --policies "P..."  frame policies [fifo lru lru-walk clock opt]; opt is dropped for vmsim
  --frames "N..."    frame counts, or "auto" (1.. the trace's distinct pages, ~24 values,
                     per trace) or "pages" (exactly the distinct pages: nothing is evicted)
  --tlb "SxW..."     TLB geometries [1x16]
  --entries "E..."   with --assoc: TLB sizes (replaces --tlb)
  --assoc "A..."     ways per set for each of --entries; "fa" is fully associative (1 set)
                     [1 2 4 8 fa]; geometries outside 1..1024 sets, 1..64 ways are skipped
  --tlb-policy "T.." fifo, lru, or auto (what -p implies: lru for lru and lru-walk) [auto]
  --latency "L..."   memory latencies in cycles [1]
Run options:
  -j N               parallel jobs [all cores]
  -o FILE            the CSV [stdout]
  --sshlogin L       GNU parallel's --sshlogin (e.g. ":,alice@host2"): spread the jobs
                     over machines that have this repository, built, at the same path
EOF
}

# page_geometry PRESET -> "PAGE_BITS VA_BITS"
page_geometry() {
    case $1 in
    osc) echo "8 16" ;;
    sv32) echo "12 32" ;;
    sv39) echo "12 39" ;;
    sv48) echo "12 48" ;;
    *) die "unknown preset '$1'" ;;
    esac
}

# pages TRACE PAGE_BITS VA_BITS: distinct pages of (pid, page), whatever the format
# (text: one address; ext: "pid K addr [value]"; lackey: " L addr,size").
cmd_pages() {
    [ -r "$1" ] || die "$1: cannot read"
    python3 - "$1" "${2:-8}" "${3:-16}" <<'PY'
import sys
path, pb, vb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
mask = (1 << vb) - 1 if vb == 16 else (1 << 64) - 1   # osc keeps the low 16 bits
seen = set()
for raw in open(path, encoding="ascii", errors="replace"):
    line = raw.split("#", 1)[0].strip()
    if not line or line.startswith("="):
        continue
    f = line.replace(",", " ").split()
    try:
        if len(f) == 1:
            pid, a = 0, int(f[0], 0)
        elif f[0] in ("I", "L", "S", "M"):
            pid, a = 0, int(f[1], 16)
        else:
            pid, a = int(f[0]), int(f[2], 0)
    except (ValueError, IndexError):
        continue
    seen.add((pid, (a & mask) >> pb))
print(len(seen))
PY
}

# auto_frames P: about 24 frame counts from 1 to P+2 (every count when P is small),
# so the fault-rate curves reach the cold-miss floor.
auto_frames() {
    python3 - "$1" <<'PY'
import sys
p = int(sys.argv[1])
top = p + 2
if top <= 26:
    xs = range(1, top + 1)
else:
    xs = {1, 2, 3, 4, p, top}
    r = (top / 4) ** (1 / 20)
    v = 4.0
    while v < top:
        xs.add(int(round(v)))
        v *= r
    xs = sorted(x for x in xs if x <= top)
print(" ".join(map(str, xs)))
PY
}

cmd_grid() {
    local sim=vmref config=osc traces=build/traces/addresses.txt
    local policies="fifo lru lru-walk clock opt" frames=auto tlb=1x16 entries="" assoc="1 2 4 8 fa"
    local tpols=auto lats=1
    while [ $# -gt 0 ]; do
        [ $# -ge 2 ] || die "grid: $1 needs a value"
        case $1 in
        --sim) sim=$2 ;;
        --config) config=$2 ;;
        --traces) traces=$2 ;;
        --policies) policies=$2 ;;
        --frames) frames=$2 ;;
        --tlb) tlb=$2 ;;
        --entries) entries=$2 ;;
        --assoc) assoc=$2 ;;
        --tlb-policy) tpols=$2 ;;
        --latency) lats=$2 ;;
        *) die "grid: unknown option '$1'" ;;
        esac
        shift 2
    done
    case $sim in vmref | vmsim) ;; *) die "grid: --sim is vmref or vmsim" ;; esac
    local geo
    geo=$(page_geometry "$config")
    # The TLB geometries: either the explicit list, or sizes x associativities.
    local geoms=() e a
    if [ -n "$entries" ]; then
        for e in $entries; do
            for a in $assoc; do
                local s w
                if [ "$a" = fa ]; then s=1 w=$e; else w=$a s=$((e / a)); fi
                [ "$s" -ge 1 ] && [ "$s" -le 1024 ] && [ "$w" -ge 1 ] && [ "$w" -le 64 ] &&
                    [ $((s * w)) -eq "$e" ] && [ $((s & (s - 1))) -eq 0 ] || continue
                # E-way with E entries is the fully associative one: list it once.
                [[ " ${geoms[*]} " == *" ${s}x${w} "* ]] || geoms+=("${s}x${w}")
            done
        done
    else
        for e in $tlb; do geoms+=("$e"); done
    fi
    local t f p g tp l flist pages
    for t in $traces; do
        case $t in *,* | *' '*) die "grid: trace path '$t' has a comma or a space" ;; esac
        case $frames in
        auto | pages)
            # shellcheck disable=SC2086
            pages=$(cmd_pages "$t" $geo)
            if [ "$frames" = pages ]; then flist=$pages; else flist=$(auto_frames "$pages"); fi
            ;;
        *) flist=$frames ;;
        esac
        for g in "${geoms[@]}"; do
            for tp in $tpols; do
                for p in $policies; do
                    if [ "$sim" = vmsim ] && [ "$p" = opt ]; then
                        continue # OPT reads the future: the model only (docs/policies.md)
                    fi
                    local tpol=$tp
                    if [ "$tp" = auto ]; then
                        case $p in lru | lru-walk) tpol=lru ;; *) tpol=fifo ;; esac
                    fi
                    for f in $flist; do
                        for l in $lats; do
                            echo "$sim,$config,${g%x*},${g#*x},$tpol,$f,$p,$l,$t"
                        done
                    done
                done
            done
        done
    done
}

# one ID,JOB...: run each job, print its row.  Everything else goes to stderr.
# Several jobs per call (parallel -n) spare a bash start-up per job, which is most of
# the cost of a 1000-access run.
cmd_one() {
    local job rc=0
    for job in "$@"; do
        one_job "$job" || rc=1
    done
    return $rc
}

one_job() {
    local id sim config sets ways tpol frames pol lat trace
    IFS=, read -r id sim config sets ways tpol frames pol lat trace <<<"$1"
    [ -n "$trace" ] || die "one: a job is id,sim,config,tlb_sets,tlb_ways,tlb_policy,frames,policy,mem_latency,trace: '$1'"
    local bin=$VMREF
    [ "$sim" = vmsim ] && bin=$VMSIM_DIR/$config-${sets}x${ways}/vmsim
    local tmp=${TMPDIR:-/tmp}/vmmu-sweep.$$.$id
    local t0=${EPOCHREALTIME/./} rc=0
    "$bin" -q -f "$trace" -n "$frames" -p "$pol" -t "$tpol" --tlb-sets "$sets" --tlb-ways "$ways" \
        --config "$config" --mem-latency "$lat" --stats "$tmp" >/dev/null 2>"$tmp.err" || rc=$?
    local t1=${EPOCHREALTIME/./}
    if [ "$rc" -ne 0 ]; then
        local why
        why=$(tail -1 "$tmp.err")
        echo "sweep: job $id ($1) failed, status $rc: $why" >&2
        rm -f "$tmp" "$tmp.err"
        return 1
    fi
    # The stats JSON has one "key": value a line; read the top-level numbers in bash
    # (a sed or python per job would cost more than the run).
    local -A st=()
    local k v line
    while IFS= read -r line; do
        [[ $line =~ ^\ \ \"([a-z_]+)\":\ ([0-9]+) ]] || continue
        k=${BASH_REMATCH[1]} v=${BASH_REMATCH[2]}
        st[$k]=$v
    done <"$tmp"
    rm -f "$tmp" "$tmp.err"
    if [ -z "${st[accesses]:-}" ] || [ -z "${st[translation_cycles]:-}" ]; then
        echo "sweep: job $id ($1): no statistics" >&2
        return 1
    fi
    local us=$((t1 - t0))
    printf '%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d.%06d\n' "$id" "$sim" "$config" \
        "$sets" "$ways" $((sets * ways)) "$tpol" "$frames" "$pol" "$lat" "$trace" \
        "${st[accesses]}" "${st[page_faults]}" "${st[tlb_hits]}" \
        "${st[walks]}" "${st[translation_cycles]}" $((us / 1000000)) $((us % 1000000))
}

cmd_run() {
    local jobs_n out="" ssh="" jobs
    jobs_n=$(nproc 2>/dev/null || echo 1)
    while [ $# -gt 1 ]; do
        case $1 in
        -j) jobs_n=$2 ;;
        -o) out=$2 ;;
        --sshlogin) ssh=$2 ;;
        *) die "run: unknown option '$1'" ;;
        esac
        shift 2
    done
    [ $# -eq 1 ] || die "run: give one jobs file"
    jobs=$1
    [ -r "$jobs" ] || die "run: $jobs: cannot read"
    # vmsim jobs need their configuration's Verilated build: make each one first,
    # one at a time (builds are big and share build/obj).
    local c
    for c in $(awk -F, '$1 == "vmsim" { print $2 "-" $3 "x" $4 }' "$jobs" | sort -u); do
        [ -x "$VMSIM_DIR/$c/vmsim" ] || make --no-print-directory COSIM_CONFIGS="$c" cosim-builds >&2
    done
    [ -x "$VMREF" ] || ! grep -q '^vmref,' "$jobs" || die "run: $VMREF is not built (make build/vmref)"
    local n tmp rc=0
    n=$(grep -c . "$jobs" || true)
    tmp=$(mktemp "${TMPDIR:-/tmp}/vmmu-sweep-rows.XXXXXX")
    # Jobs per call: enough to amortise a bash start-up, few enough that every
    # core still gets several calls to balance.
    local batch=$((n / (jobs_n * 4)))
    [ "$batch" -ge 1 ] || batch=1
    [ "$batch" -le 16 ] || batch=16
    local self
    self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
    # Number the jobs (the id column), then run them.  parallel -k keeps job order;
    # without parallel, xargs -P runs them and the rows are sorted by id afterwards.
    if command -v parallel >/dev/null 2>&1; then
        local ssh_args=()
        if [ -n "$ssh" ]; then
            # Remote machines run the same relative command in the same directory,
            # so they need this repository, built, at this path (docs/sweep.md).
            ssh_args=(--sshlogin "$ssh" --workdir "$PWD")
            self=tools/sweep.sh
        fi
        grep . "$jobs" | awk '{ print NR "," $0 }' |
            parallel --will-cite -k -j "$jobs_n" -n "$batch" "${ssh_args[@]}" --halt never \
                bash "$self" one {} >"$tmp" || rc=$?
    else
        [ -z "$ssh" ] || die "run: --sshlogin needs GNU parallel (bash mk/deps.sh sweep)"
        grep . "$jobs" | awk '{ print NR "," $0 }' |
            xargs -d '\n' -P "$jobs_n" -n "$batch" bash "$self" one >"$tmp" || rc=$?
    fi
    {
        echo "$HEADER"
        sort -t, -k1,1n "$tmp"
    } >"$tmp.csv"
    rm -f "$tmp"
    local got
    got=$(($(wc -l <"$tmp.csv") - 1))
    if [ -n "$out" ]; then
        mkdir -p "$(dirname "$out")"
        mv "$tmp.csv" "$out"
        echo "sweep: $got rows of $n jobs in $out" >&2
    else
        cat "$tmp.csv"
        rm -f "$tmp.csv"
    fi
    if [ "$rc" -ne 0 ] || [ "$got" -ne "$n" ]; then
        echo "sweep: $((n - got)) of $n jobs failed" >&2
        return 1
    fi
}

case ${1:-} in
grid) shift; cmd_grid "$@" ;;
run) shift; cmd_run "$@" ;;
one) shift; cmd_one "$@" ;;
pages)
    shift
    [ $# -ge 1 ] || die "pages TRACE [PAGE_BITS [VA_BITS]]"
    cmd_pages "$@"
    ;;
-h | --help | help) usage ;;
*) usage >&2; exit 2 ;;
esac

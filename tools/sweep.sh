#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tools/sweep.sh -- parameter sweeps: a grid of configurations x traces, run in
# parallel, one CSV row per run.  See docs/sweep.md.
#
#   tools/sweep.sh grid [GRID OPTIONS]          print job lines (the cartesian product)
#   tools/sweep.sh run [-j N] [-o OUT.csv] [--sshlogin LOGINS] [--progress|--no-progress] JOBS
#                                               run every job line of JOBS, write the CSV
#   tools/sweep.sh summary CSV                  tables of the CSV: faults by policy x frames,
#                                               TLB hit rate by ways x entries
#   tools/sweep.sh one ID,JOB                   run one job, print its CSV row
#   tools/sweep.sh pages TRACE [PAGE_BITS [VA_BITS]]   distinct pages a trace touches
#   tools/sweep.sh variants [--pwc "N..."] [--thp "off on"] [--l2 "SxW..."]
#                                               the miss-cost remedies' variants (every
#                                               combination), as one --options list
#
# A job line is the configuration, comma-separated, in the CSV's column order:
#   sim,config,tlb_sets,tlb_ways,tlb_policy,frames,policy,mem_latency,trace[,maps[,options]]
# sim is vmref or vmsim (vmsim runs build/<config>-<sets>x<ways>/vmsim, built first
# when missing).  maps, when there, is a space-separated list of PID=FILE, each
# passed as --maps; options, more of the program's options, as words (--thp,
# --pwc-entries 8).  Paths must not contain commas or white space.
#
# The CSV's columns (one header line, then one row per job, in job order):
#   id,sim,config,tlb_sets,tlb_ways,tlb_entries,tlb_policy,frames,policy,mem_latency,
#   trace,accesses,faults,hits,walks,cycles,seconds,maps,pte_reads,options
# faults/hits/walks/cycles/pte_reads are the --stats JSON's page_faults/tlb_hits/walks/
# translation_cycles/pte_reads; seconds is the wall time of that one run (process start
# to exit); maps and options are the job's (empty without).
#
# Progress (runs done of all, elapsed time, time left) goes to stderr when it is a
# terminal, or when asked: --progress or PROGRESS=1 (--no-progress, PROGRESS=0: never).
#
# Environment: VMREF (default build/vmref), VMSIM_DIR (default build), both
# relative to the working directory, which must be the repository root (make's);
# PROGRESS; GNU parallel's own (PARALLEL_SSH: the ssh command for --sshlogin).

set -euo pipefail

VMREF=${VMREF:-build/vmref}
VMSIM_DIR=${VMSIM_DIR:-build}
HEADER=id,sim,config,tlb_sets,tlb_ways,tlb_entries,tlb_policy,frames,policy,mem_latency,trace,accesses,faults,hits,walks,cycles,seconds,maps,pte_reads,options

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
                     or "roomy" (nothing is evicted with --thp either: a megapage's frames
                     for each megapage range touched plus the pages, rounded up to
                     megapages; docs/miss-cost.md)
  --tlb "SxW..."     TLB geometries [1x16]
  --entries "E..."   with --assoc: TLB sizes (replaces --tlb)
  --assoc "A..."     ways per set for each of --entries; "fa" is fully associative (1 set)
                     [1 2 4 8 fa]; geometries outside 1..1024 sets, 1..64 ways are skipped
  --tlb-policy "T.." TLB policies: any of vmref --list tlb-policy, "all" (every one of
                     them), or auto (what -p implies: lru for lru and lru-walk) [auto].
                     A geometry vmref refuses under a policy (plru: ways not a power
                     of two) stops the grid when --tlb names it, and is left out of an
                     --entries grid with a line on stderr saying so
  --latency "L..."   memory latencies in cycles [1]
  --maps "PID=F..."  memory maps (/proc/PID/maps format) for every job of this grid
  --options "O;O.."  variants: more options of the program, one set of them per
                     variant, the variants separated by ";" (";--skip 100" is a run
                     without and one with); each is checked on vmref first [""].
                     The word --no-maps in a variant is not passed on: that variant
                     runs without this grid's --maps (variants' --thp all)
Variants options (tools/sweep.sh variants; each list is space-separated; the output
is every combination, ";"-separated, for grid's --options; docs/miss-cost.md):
  --pwc "N..."       page-walk-cache entries, 0 (none) or vmref's --pwc-entries [0]
  --thp "T..."       off, on (--thp: huge pages where the map has anonymous
                     memory, Linux's rule) or all (--thp --no-maps: the run has no
                     map, so every range may be huge) [off]
  --l2 "SxW..."      a second-level TLB of S sets x W ways (--l2-sets S --l2-ways W);
                     0x0 is none [0x0]
Run options:
  -j N               parallel jobs [all cores]
  -o FILE            the CSV [stdout]
  --sshlogin L       GNU parallel's --sshlogin (e.g. ":,alice@host2"): spread the jobs
                     over machines that have this repository, built, at the same path
                     (PARALLEL_SSH="ssh -F conf" picks the ssh command)
  --progress, --no-progress   runs done, elapsed, time left on stderr [when a terminal]
EOF
}

# page_geometry PRESET -> "PAGE_BITS VA_BITS", from model/presets.def (the one table).
page_geometry() {
    local row va pb
    row=$(sed -n "s/^PRESET($1, *\([^)]*\)).*/\1/p" "$(dirname "$0")/../model/presets.def" | tr -d ' ')
    [ -n "$row" ] || die "unknown preset '$1'"
    IFS=, read -r va pb _ <<<"$row"
    echo "$pb $va"
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

# roomy_frames TRACE PRESET: frames enough that nothing is ever evicted, with or
# without --thp, whatever the map: a megapage's frames (512; sv32 1024) for each
# megapage range the trace touches, plus its distinct pages rounded up to whole
# megapages (4 KiB pages take the lowest free frames, so they fill that many aligned
# runs at most).  vmref counts both, as it runs the trace: its page faults without
# --thp (each distinct page once), and its huge ones with --thp and no map (every
# range touched gets one), both on ROOMY_PROBE frames with no eviction.  osc (one
# level, no megapages): the distinct pages.
ROOMY_PROBE=262144
roomy_frames() {
    local t=$1 config=$2 v pages huge hb
    [ -r "$t" ] || die "$t: cannot read"
    if [ "$config" = osc ]; then
        # shellcheck disable=SC2046
        cmd_pages "$t" $(page_geometry osc)
        return
    fi
    [ -x "$VMREF" ] || die "grid: --frames roomy: $VMREF counts the pages, and it is not built (make build/vmref)"
    hb=9
    [ "$config" != sv32 ] || hb=10
    local tmp=${TMPDIR:-/tmp}/vmmu-roomy.$$ opt k line
    local -A st=()
    for opt in "" --thp; do
        # shellcheck disable=SC2086
        "$VMREF" -q -f "$t" --config "$config" -n $ROOMY_PROBE $opt --stats "$tmp" >/dev/null 2>"$tmp.err" ||
            die "grid: --frames roomy: $VMREF on $t failed: $(tail -1 "$tmp.err")"
        st=()
        while IFS= read -r line; do
            [[ $line =~ ^\ \ \"([a-z_0-9]+)\":\ ([0-9]+) ]] && st[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
        done <"$tmp"
        [ "${st[evictions]:-1}" = 0 ] ||
            die "grid: --frames roomy: $t evicts pages under $config${opt:+ $opt} even on $ROOMY_PROBE frames"
        if [ -z "$opt" ]; then pages=${st[page_faults]}; else huge=${st[page_faults_huge]}; fi
    done
    rm -f "$tmp" "$tmp.err"
    echo $(((1 << hb) * (huge + (pages + (1 << hb) - 1) / (1 << hb))))
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

# tlb_policies: the TLB policies vmref has, one a line: the program is their one
# list (model/tlb.c's names, printed by vmref --list tlb-policy).
tlb_policies() {
    [ -x "$VMREF" ] || die "grid: --tlb-policy: the TLB policies are vmref's (--list tlb-policy), and $VMREF is not built (make build/vmref)"
    "$VMREF" --list tlb-policy || die "grid: $VMREF --list tlb-policy failed"
}

# tlb_refusal CONFIG POLICY SETS WAYS: sets WHY to "" when vmref runs that TLB, else
# to the line it refuses it with.  vmref decides (plru wants a power-of-two number of
# ways), so the sweep holds no second copy of its rules; a run on an empty trace
# takes a few milliseconds, and each answer is kept.
declare -A REFUSED=()
WHY=""
tlb_refusal() {
    local key="$1 $2 $3 $4"
    if [ -z "${REFUSED[$key]+x}" ]; then
        [ -x "$VMREF" ] || die "grid: $VMREF is not built (make build/vmref): it says which TLB each policy runs"
        REFUSED[$key]=$("$VMREF" -q -f /dev/null --config "$1" -t "$2" --tlb-sets "$3" \
            --tlb-ways "$4" 2>&1 >/dev/null | tail -1) && REFUSED[$key]=""
    fi
    WHY=${REFUSED[$key]}
}

# no_maps_off OPTIONS: the options without the word --no-maps (grid's mark of a
# variant run without the map).
no_maps_off() {
    local w out=""
    for w in $1; do
        [ "$w" = --no-maps ] || out+="${out:+ }$w"
    done
    printf '%s' "$out"
}

cmd_grid() {
    local sim=vmref config=osc traces=build/traces/addresses.txt
    local policies="fifo lru lru-walk clock opt" frames=auto tlb=1x16 entries="" assoc="1 2 4 8 fa"
    local tpols=auto lats=1 maps="" options=""
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
        --maps) maps=$2 ;;
        --options) options=$2 ;;
        *) die "grid: unknown option '$1'" ;;
        esac
        shift 2
    done
    case $sim in vmref | vmsim) ;; *) die "grid: --sim is vmref or vmsim" ;; esac
    # The TLB policies: each name checked against vmref's list; "all" is that list.
    local known="" tp tlist=""
    for tp in $tpols; do
        [ "$tp" != auto ] || { tlist+=" auto"; continue; }
        [ -n "$known" ] || known=$(tlb_policies | tr '\n' ' ')
        if [ "$tp" = all ]; then
            tlist+=" $known"
        elif [[ " $known" == *" $tp "* ]]; then
            tlist+=" $tp"
        else
            die "grid: --tlb-policy '$tp': not a TLB policy of vmref; choose ${known% } (or all, auto)"
        fi
    done
    [ -n "$tlist" ] || die "grid: --tlb-policy: no policy given"
    tpols=$tlist
    local geo m mfield=""
    geo=$(page_geometry "$config")
    for m in $maps; do
        case $m in
        *,*) die "grid: --maps '$m' has a comma" ;;
        [0-9]*=?*) [ -r "${m#*=}" ] || die "grid: --maps $m: cannot read ${m#*=}" ;;
        *) die "grid: --maps '$m' is not PID=FILE" ;;
        esac
        mfield+="${mfield:+ }$m"
    done
    # The variants: each set of options as vmref takes it on an empty trace (one line
    # of vmref's when it does not), then one field of the job line.
    local variants=() o why
    IFS=';' read -r -a variants <<<"$options;"
    [ ${#variants[@]} -gt 0 ] || variants=("")
    for o in "${variants[@]}"; do
        case $o in *,*) die "grid: --options '$o' has a comma" ;; esac
        o=$(no_maps_off "$o")
        [ -n "$o" ] || continue
        [ -x "$VMREF" ] || die "grid: --options: $VMREF is not built (make build/vmref): it checks them"
        # shellcheck disable=SC2086 # the options are words
        why=$("$VMREF" -q -f /dev/null --config "$config" $o 2>&1 >/dev/null | tail -1) ||
            die "grid: --options '$o': ${why#vmref: }"
    done
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
    local t f p g l flist pages skipped=""
    for t in $traces; do
        case $t in *,* | *' '*) die "grid: trace path '$t' has a comma or a space" ;; esac
        case $frames in
        auto | pages)
            # shellcheck disable=SC2086
            pages=$(cmd_pages "$t" $geo)
            if [ "$frames" = pages ]; then flist=$pages; else flist=$(auto_frames "$pages"); fi
            ;;
        roomy) flist=$(roomy_frames "$t" "$config") ;;
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
                    tlb_refusal "$config" "$tpol" "${g%x*}" "${g#*x}"
                    if [ -n "$WHY" ]; then
                        # A geometry asked for by name is refused; one of a size x ways
                        # grid is left out, said once, so no row looks like it ran.
                        [ -n "$entries" ] || die "grid: TLB ${g} with --tlb-policy $tpol: ${WHY#vmref: }"
                        [[ " $skipped " == *" $tpol:$g "* ]] ||
                            echo "sweep: grid: TLB $g left out under $tpol: ${WHY#vmref: }" >&2
                        skipped+=" $tpol:$g"
                        continue
                    fi
                    for f in $flist; do
                        for l in $lats; do
                            for o in "${variants[@]}"; do
                                # maps, then options: a field each, the empty ones at
                                # the end left out
                                local tail=",$mfield,$o"
                                [ "$(no_maps_off "$o")" = "$o" ] || tail=",,$(no_maps_off "$o")"
                                tail=${tail%,}
                                tail=${tail%,}
                                echo "$sim,$config,${g%x*},${g#*x},$tpol,$f,$p,$l,$t$tail"
                            done
                        done
                    done
                done
            done
        done
    done
}

# variants --pwc "N..." --thp "off on" --l2 "SxW...": every combination of the
# miss-cost remedies (docs/miss-cost.md) as grid's --options, ";"-separated, in the
# order pwc, then thp, then l2 (the last varies fastest).  thp all is --thp run
# without the map (--no-maps, which grid takes off).  A remedy at "none" (pwc 0,
# thp off, l2 0x0) adds no option, so the all-off variant is the empty one and runs
# on any vmref; vmref itself judges the values (grid tries every variant on it).
cmd_variants() {
    # Each remedy's list, "none" when not given or empty (that remedy absent).
    local -A list=([pwc]=0 [thp]=off [l2]=0x0)
    local v
    for ((; $# > 0; )); do
        [[ $1 =~ ^--(pwc|thp|l2)$ ]] || die "variants: unknown option '$1'"
        (($# >= 2)) || die "variants: $1 needs a value"
        [ -z "${2// /}" ] || list[${1#--}]=$2
        shift 2
    done
    local pwc=${list[pwc]} thp=${list[thp]} l2=${list[l2]}
    local ps=() ts=() ls=()
    for v in $pwc; do
        [[ $v =~ ^(0|[1-9][0-9]*)$ ]] || die "variants: --pwc '$v': want a number of page-walk-cache entries (0: none)"
        [[ " ${ps[*]} " != *" $v "* ]] || die "variants: --pwc '$v': given twice"
        ps+=("$v")
    done
    for v in $thp; do
        [[ $v =~ ^(on|off|all)$ ]] || die "variants: --thp '$v': want off, on or all"
        [[ " ${ts[*]} " != *" $v "* ]] || die "variants: --thp '$v': given twice"
        ts+=("$v")
    done
    for v in $l2; do
        [[ $v =~ ^(0|[1-9][0-9]*)x(0|[1-9][0-9]*)$ ]] ||
            die "variants: --l2 '$v': want SETSxWAYS of the L2 TLB, e.g. 64x4 (0x0: none)"
        if [ "$v" != 0x0 ] && { [ "${v%x*}" = 0 ] || [ "${v#*x}" = 0 ]; }; then
            die "variants: --l2 '$v': 0 sets or 0 ways is no L2 TLB: write 0x0"
        fi
        [[ " ${ls[*]} " != *" $v "* ]] || die "variants: --l2 '$v': given twice"
        ls+=("$v")
    done
    local vs=() p t l o
    for p in "${ps[@]}"; do
        for t in "${ts[@]}"; do
            for l in "${ls[@]}"; do
                o=""
                [ "$p" = 0 ] || o+=" --pwc-entries $p"
                [ "$t" = off ] || o+=" --thp"
                [ "$t" != all ] || o+=" --no-maps"
                [ "$l" = 0x0 ] || o+=" --l2-sets ${l%x*} --l2-ways ${l#*x}"
                vs+=("${o# }")
            done
        done
    done
    # Joined by ";": grid reads "" as the one empty variant, ";--thp" as two.
    local IFS=';'
    printf '%s\n' "${vs[*]}"
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
    local id sim config sets ways tpol frames pol lat trace maps opts m
    IFS=, read -r id sim config sets ways tpol frames pol lat trace maps opts <<<"$1"
    [ -n "$trace" ] || die "one: a job is id,sim,config,tlb_sets,tlb_ways,tlb_policy,frames,policy,mem_latency,trace: '$1'"
    local bin=$VMREF
    [ "$sim" = vmsim ] && bin=$VMSIM_DIR/$config-${sets}x${ways}/vmsim
    local margs=()
    for m in $maps; do margs+=(--maps "$m"); done
    for m in $opts; do margs+=("$m"); done
    local tmp=${TMPDIR:-/tmp}/vmmu-sweep.$$.$id
    local t0=${EPOCHREALTIME/./} rc=0
    "$bin" -q -f "$trace" -n "$frames" -p "$pol" -t "$tpol" --tlb-sets "$sets" --tlb-ways "$ways" \
        --config "$config" --mem-latency "$lat" "${margs[@]}" --stats "$tmp" >/dev/null 2>"$tmp.err" || rc=$?
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
    printf '%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d.%06d,%s,%s,%s\n' "$id" "$sim" "$config" \
        "$sets" "$ways" $((sets * ways)) "$tpol" "$frames" "$pol" "$lat" "$trace" \
        "${st[accesses]}" "${st[page_faults]}" "${st[tlb_hits]}" \
        "${st[walks]}" "${st[translation_cycles]}" $((us / 1000000)) $((us % 1000000)) "$maps" \
        "${st[pte_reads]:-0}" "$opts"
}

# progress_rows N: copies the rows on stdin to stdout, and tells stderr how many of
# N are done, the time so far and the time left: one line rewritten in place on a
# terminal (at most 5 times a second), else a line at each tenth.
progress_rows() {
    local n=$1 done=0 line tty=0 t0=${EPOCHREALTIME/./} now last=0 tenth=0 el left
    [ -t 2 ] && tty=1
    while IFS= read -r line; do
        printf '%s\n' "$line"
        done=$((done + 1))
        now=${EPOCHREALTIME/./}
        if [ "$tty" -eq 1 ]; then
            [ $((now - last)) -ge 200000 ] || [ "$done" -eq "$n" ] || continue
        else
            [ $((done * 10 / n)) -gt "$tenth" ] || continue
            tenth=$((done * 10 / n))
        fi
        last=$now
        el=$(((now - t0) / 100000))
        left=$((el * (n - done) / done))
        line=$(printf 'sweep: %d/%d runs (%d %%), %d.%d s, about %d.%d s left' \
            "$done" "$n" $((done * 100 / n)) $((el / 10)) $((el % 10)) $((left / 10)) $((left % 10)))
        if [ "$tty" -eq 1 ]; then printf '\r%s\033[K' "$line" >&2; else echo "$line" >&2; fi
    done
    el=$(((${EPOCHREALTIME/./} - t0) / 100000))
    if [ "$tty" -eq 1 ]; then
        printf '\rsweep: %d/%d runs in %d.%d s\033[K\n' "$done" "$n" $((el / 10)) $((el % 10)) >&2
    elif [ "$tenth" -lt 10 ]; then
        echo "sweep: $done/$n runs in $((el / 10)).$((el % 10)) s" >&2
    fi
}

cmd_run() {
    local jobs_n out="" ssh="" jobs progress=${PROGRESS:-}
    jobs_n=$(nproc 2>/dev/null || echo 1)
    while [ $# -gt 1 ]; do
        case $1 in
        -j) jobs_n=$2; shift ;;
        -o) out=$2; shift ;;
        --sshlogin) ssh=$2; shift ;;
        --progress) progress=1 ;;
        --no-progress) progress=0 ;;
        *) die "run: unknown option '$1'" ;;
        esac
        shift
    done
    [ $# -eq 1 ] || die "run: give one jobs file"
    jobs=$1
    [ -r "$jobs" ] || die "run: $jobs: cannot read"
    [[ $jobs_n =~ ^[1-9][0-9]*$ ]] || die "run: -j $jobs_n: want a number of jobs, 1 or more"
    case $progress in
    1 | 0) ;;
    "") progress=0; [ -t 2 ] && progress=1 ;;
    *) die "run: PROGRESS=$progress: want 1 or 0" ;;
    esac
    # vmsim jobs need their configuration's Verilated build: make each one first,
    # one at a time (builds are big and share build/obj).
    local c
    for c in $(awk -F, '$1 == "vmsim" { print $2 "-" $3 "x" $4 }' "$jobs" | sort -u); do
        [ -x "$VMSIM_DIR/$c/vmsim" ] || make --no-print-directory COSIM_CONFIGS="$c" cosim-builds >&2
    done
    [ -x "$VMREF" ] || ! grep -q '^vmref,' "$jobs" || die "run: $VMREF is not built (make build/vmref)"
    local n tmp rc=0 t0=$SECONDS
    n=$(grep -c . "$jobs" || true)
    [ "$n" -gt 0 ] || die "run: $jobs: no jobs (one configuration a line; tools/sweep.sh grid writes them)"
    tmp=$(mktemp "${TMPDIR:-/tmp}/vmmu-sweep-rows.XXXXXX")
    # Jobs per call: enough to amortise a bash start-up, few enough that every
    # core still gets several calls to balance.
    local batch=$((n / (jobs_n * 4)))
    [ "$batch" -ge 1 ] || batch=1
    [ "$batch" -le 16 ] || batch=16
    local self
    self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
    # Where the rows go as they come: straight to a file, or through the counter.
    local sink=(cat)
    [ "$progress" -eq 0 ] || sink=(progress_rows "$n")
    # Number the jobs (the id column), then run them, in any order (GNU parallel or,
    # without it, xargs -P); the rows are sorted by id afterwards.
    if command -v parallel >/dev/null 2>&1; then
        local ssh_args=()
        if [ -n "$ssh" ]; then
            # Remote machines run the same relative command in the same directory,
            # so they need this repository, built, at this path (docs/sweep.md).
            ssh_args=(--sshlogin "$ssh" --workdir "$PWD")
            self=tools/sweep.sh
        fi
        grep . "$jobs" | awk '{ print NR "," $0 }' |
            parallel --will-cite -j "$jobs_n" -n "$batch" "${ssh_args[@]}" --halt never \
                bash "$self" one {} | "${sink[@]}" >"$tmp" || rc=$?
    else
        [ -z "$ssh" ] || die "run: --sshlogin needs GNU parallel (bash tools/deps.sh sweep)"
        grep . "$jobs" | awk '{ print NR "," $0 }' |
            xargs -d '\n' -P "$jobs_n" -n "$batch" bash "$self" one | "${sink[@]}" >"$tmp" || rc=$?
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
        echo "sweep: $got rows of $n jobs in $out ($((SECONDS - t0)) s)" >&2
    else
        cat "$tmp.csv"
        rm -f "$tmp.csv"
    fi
    if [ "$rc" -ne 0 ] || [ "$got" -ne "$n" ]; then
        echo "sweep: $((n - got)) of $n jobs failed" >&2
        return 1
    fi
}

# summary CSV: the CSV as tables a person reads (stdout).
#   page faults   one table per trace x TLB geometry x latency: a row per policy (a
#                 series of 2+ frame counts), a column per frame count (at most 10,
#                 spread over the range); "*" marks more faults than at the series'
#                 previous frame count (Belady's anomaly)
#   TLB hit rate  one table per trace x frames x policy x latency over 2+ TLB
#                 geometries: a row per associativity, a column per TLB size (left
#                 out when the tables by TLB policy show all of it)
#   by TLB policy one table per trace x frames x policy x latency x associativity
#                 run under 2+ TLB policies at 2+ sizes each: a row per TLB policy, a
#                 column per size
# then the run count and times.  Rows in neither kind are only counted.
cmd_summary() {
    [ $# -eq 1 ] || die "summary CSV"
    [ -r "$1" ] || die "summary: $1: cannot read"
    local tpols=""
    [ ! -x "$VMREF" ] || tpols=$("$VMREF" --list tlb-policy | tr '\n' ' ')
    python3 - "$1" "$tpols" <<'PY'
import csv, sys
from collections import defaultdict

path = sys.argv[1]
try:
    rows = list(csv.DictReader(open(path, newline="")))
    for r in rows:
        for k in ("tlb_sets", "tlb_ways", "tlb_entries", "frames", "accesses", "faults", "hits"):
            r[k] = int(r[k])
        r["seconds"] = float(r["seconds"])
        r.setdefault("maps", "")
        r["maps"] = r["maps"] or ""
        r["options"] = r.get("options") or ""
        # What sets a run apart beside its columns: a map, and options.
        r["extra"] = (r["maps"], r["options"])
except (KeyError, ValueError, TypeError) as e:
    sys.exit(f"sweep: summary: {path}: not a sweep CSV ({type(e).__name__}: {e})")
if not rows:
    print(f"sweep: {path}: no rows")
    sys.exit(0)

def table(title, corner, cols, series):
    """series: [(label, {col: text})]"""
    print(title)
    w0 = max(len(corner), *(len(l) for l, _ in series))
    cw = [max(len(str(c)), *(len(v.get(c, "")) for _, v in series)) for c in cols]
    print("  " + corner.ljust(w0) + "".join(f"  {str(c):>{w}}" for c, w in zip(cols, cw)))
    for label, v in series:
        print("  " + label.ljust(w0) + "".join(f"  {v.get(c, '-'):>{w}}" for c, w in zip(cols, cw)))
    if any(c not in v for _, v in series for c in cols):
        print("  - : no run with that combination")
    print()

def spread(xs, k=10):
    xs = sorted(xs)
    if len(xs) <= k:
        return xs
    return sorted({xs[round(i * (len(xs) - 1) / (k - 1))] for i in range(k)})

def where(r):
    s = f"{r['trace']} ({r['accesses']} accesses), {r['sim']} {r['config']}"
    if r["maps"]:
        s += f", maps {r['maps']}"
    if r["options"]:
        s += f", options {r['options']}"
    return s

implied = lambda p: "lru" if p in ("lru", "lru-walk") else "fifo"
covered = set()

# Page faults by policy x frames.
groups = defaultdict(lambda: defaultdict(dict))
for r in rows:
    g = (r["sim"], r["config"], r["trace"], r["extra"], r["tlb_sets"], r["tlb_ways"], r["mem_latency"])
    groups[g][(r["policy"], r["tlb_policy"])][r["frames"]] = r
for g, by in groups.items():
    series = {k: v for k, v in by.items() if len(v) >= 2}
    if not series:
        continue
    cols = spread({f for v in series.values() for f in v})
    first = next(iter(next(iter(series.values())).values()))
    out = []
    for (pol, tp), v in series.items():
        cells, prev = {}, None
        for f in sorted(v):
            r = v[f]
            covered.add(r["id"])
            mark = "*" if prev is not None and r["faults"] > prev else ""
            prev = r["faults"]
            if f in cols:
                cells[f] = f"{r['faults']}{mark}"
        out.append((pol if tp == implied(pol) else f"{pol} (TLB {tp})", cells))
    table(f"page faults: {where(first)}, TLB {g[4]}x{g[5]}, latency {g[6]}",
          "policy \\ frames", cols, out)
    if any("*" in c for _, v in out for c in v.values()):
        print("  * more faults than with fewer frames (Belady's anomaly)\n")

# TLB hit rate by TLB policy x entries, one table per associativity that ran under
# two or more TLB policies (plot e's grid): the policies side by side.
# The rows in vmref's order of TLB policies (its --list, passed in), whatever order
# the grids ran them in; a name it does not list after.
tpol_order = sys.argv[2].split()
tpol_order += [p for p in dict.fromkeys(r["tlb_policy"] for r in rows) if p not in tpol_order]
kind = lambda r: "fully assoc." if r["tlb_sets"] == 1 else f"{r['tlb_ways']}-way"
by_policy, in_policy_table = [], set()
groups = defaultdict(lambda: defaultdict(dict))
for r in rows:
    g = (r["sim"], r["config"], r["trace"], r["extra"], r["frames"], r["policy"], r["mem_latency"], kind(r))
    groups[g][r["tlb_policy"]][r["tlb_entries"]] = r
for g, by in groups.items():
    # Series of 2+ sizes only: a policy grid's single row at this frame count (its
    # TLB_SETS x TLB_WAYS) is not a TLB-policy series.
    by = {tp: v for tp, v in by.items() if len(v) >= 2}
    if len(by) < 2:
        continue
    cols = sorted({e for v in by.values() for e in v})
    out = []
    for tp, v in sorted(by.items(), key=lambda kv: tpol_order.index(kv[0])):
        for r in v.values():
            in_policy_table.add(r["id"])
        out.append((tp, {e: f"{100 * r['hits'] / r['accesses']:.1f}" if r["accesses"] else "-"
                         for e, r in v.items()}))
    first = next(iter(next(iter(by.values())).values()))
    by_policy.append((f"TLB hit rate % by TLB policy: {where(first)}, {g[4]} frames, -p {g[5]}, {g[7]}, latency {g[6]}",
                      "TLB policy \\ entries", cols, out))

# TLB hit rate by associativity x entries.
groups = defaultdict(dict)
for r in rows:
    g = (r["sim"], r["config"], r["trace"], r["extra"], r["frames"], r["policy"], r["tlb_policy"], r["mem_latency"])
    groups[g][(r["tlb_sets"], r["tlb_ways"])] = r
for g, by in groups.items():
    # Left out when the tables by TLB policy (below) show every one of its cells.
    if len(by) < 2 or all(r["id"] in in_policy_table for r in by.values()):
        continue
    cols = sorted({s * w for s, w in by})
    assoc = defaultdict(dict)
    for (s, w), r in by.items():
        covered.add(r["id"])
        a = "fully assoc." if s == 1 else f"{w}-way"
        assoc[a][s * w] = f"{100 * r['hits'] / r['accesses']:.1f}" if r["accesses"] else "-"
    order = sorted(assoc, key=lambda a: (a == "fully assoc.", int(a.split("-")[0]) if a[0].isdigit() else 0))
    first = next(iter(by.values()))
    table(f"TLB hit rate %: {where(first)}, {g[4]} frames, -p {g[5]}, TLB {g[6]}, latency {g[7]}",
          "ways \\ entries", cols, [(a, assoc[a]) for a in order])

for t in by_policy:
    table(*t)
covered |= in_policy_table

# Variants (--options) of one configuration, 2+ of them (make sweep-miss's grid): a
# row per variant, the miss cost in columns (docs/miss-cost.md defines them).
groups = defaultdict(dict)
for r in rows:
    if r["id"] in covered:
        continue
    g = (r["sim"], r["config"], r["trace"], r["maps"], r["frames"], r["policy"],
         r["tlb_sets"], r["tlb_ways"], r["tlb_policy"], r["mem_latency"])
    groups[g][r["options"]] = r
for g, by in groups.items():
    if len(by) < 2:
        continue
    cols = ["hit %", "walks/1k", "PTE reads/walk", "cycles/access"]
    out = []
    for o, r in by.items():
        covered.add(r["id"])
        n, w, pr = r["accesses"], int(r["walks"]), int(r.get("pte_reads") or 0)
        out.append((o or "(none)", {
            "hit %": f"{100 * r['hits'] / n:.2f}" if n else "-",
            "walks/1k": f"{1000 * w / n:.2f}" if n else "-",
            "PTE reads/walk": f"{pr / w:.3f}" if w else "-",
            "cycles/access": f"{int(r['cycles']) / n:.4f}" if n else "-"}))
    first = next(iter(by.values()))
    where_ = f"{first['trace']} ({first['accesses']} accesses), {first['sim']} {first['config']}"
    if first["maps"]:
        where_ += f", maps {first['maps']}"
    table(f"miss cost by options: {where_}, {g[4]} frames, -p {g[5]}, TLB {g[6]}x{g[7]} {g[8]}, latency {g[9]}",
          "options", cols, out)

secs = sum(r["seconds"] for r in rows)
slow = max(rows, key=lambda r: r["seconds"])
rest = len(rows) - len(covered)
print(f"{len(rows)} runs{f' ({rest} in no table above)' if rest else ''}, "
      f"{sum(r['accesses'] for r in rows)} accesses, {secs:.1f} s of run time "
      f"(slowest: id {slow['id']}, {slow['seconds']:.2f} s); all rows in {path}")
PY
}

case ${1:-} in
grid) shift; cmd_grid "$@" ;;
run) shift; cmd_run "$@" ;;
one) shift; cmd_one "$@" ;;
variants) shift; cmd_variants "$@" ;;
summary) shift; cmd_summary "$@" ;;
pages)
    shift
    [ $# -ge 1 ] || die "pages TRACE [PAGE_BITS [VA_BITS]]"
    cmd_pages "$@"
    ;;
-h | --help | help) usage ;;
*) usage >&2; exit 2 ;;
esac

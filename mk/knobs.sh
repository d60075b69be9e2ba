#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# mk/knobs.sh WHO NAME=VALUE... -- checks make's knobs before anything is built, so a
# bad value costs a second, not a Verilator run: one line per bad knob on stderr
# ("make sim: TLB_SETS=5: must be a power of two from 1 to 1024"), exit 2.
#
#   WHO   sim | ref (make sim, make ref) | rtl (a Verilated build of any target)
#   PRESETS="osc sv32 ..."  the presets mk/rtl.mk knows (CONFIG is one of them)
#
# The ranges are vmref's and vmsim's own (harness/cli/options.c): the binaries check
# again, this only answers sooner.  tests/cli/t_build.sh holds the two to each other.
set -u
who=$1
shift
bad=0
say() {
    local what=$who
    case $who in sim | ref) what="make $who" ;; rtl) what="Verilator build" ;; esac
    printf '%s: %s\n' "$what" "$*" >&2
    bad=1
}
whole() { [[ $1 =~ ^[0-9]+$ ]]; }
# in_range VALUE LO HI (small bounds: the value is compared as a number)
in_range() { whole "$1" && [ ${#1} -le 9 ] && [ "$((10#$1))" -ge "$2" ] && [ "$((10#$1))" -le "$3" ]; }
# count VALUE LO: a whole number, LO (0 or 1) or more, of any length
count() { whole "$1" && { [ "$2" -eq 0 ] || [[ $1 =~ [1-9] ]]; }; }
# unreadable PATH: what keeps PATH from being read as a file, or nothing (a pipe such
# as <(cat trace) is fine).
unreadable() {
    if [ ! -e "$1" ]; then echo "no such file"
    elif [ -d "$1" ]; then echo "is a directory"
    elif [ ! -r "$1" ]; then echo "not readable"
    fi
}

presets=""
for kv in "$@"; do
    [ "${kv%%=*}" = PRESETS ] && presets=${kv#*=}
done

for kv in "$@"; do
    k=${kv%%=*}
    v=${kv#*=}
    case $k in
    PRESETS) ;;
    CONFIG)
        [[ " $presets " == *" $v "* ]] && [ -n "$v" ] ||
            say "CONFIG=$v: not a preset; choose ${presets// /, }" ;;
    TLB_SETS)
        if ! in_range "$v" 1 1024 || [ $(( 10#$v & (10#$v - 1) )) -ne 0 ]; then
            say "TLB_SETS=$v: must be a power of two from 1 to 1024"
        fi ;;
    TLB_WAYS) in_range "$v" 1 64 || say "TLB_WAYS=$v: must be a whole number from 1 to 64" ;;
    FRAMES) count "$v" 1 || say "FRAMES=$v: must be a whole number of frames, 1 or more (default 256)" ;;
    MEM_LATENCY) in_range "$v" 1 1000 || say "MEM_LATENCY=$v: must be a whole number of cycles from 1 to 1000" ;;
    POLICY)
        ok="fifo lru lru-walk clock"
        [ "$who" = ref ] && ok="$ok opt"
        if [[ " $ok " != *" $v "* ]] || [ -z "$v" ]; then
            if [ "$v" = opt ]; then
                say "POLICY=opt: needs the whole trace in advance, so only make ref (vmref) runs it"
            else
                say "POLICY=$v: unknown frame policy; choose ${ok// /, }"
            fi
        fi ;;
    TLB_POLICY) [[ $v =~ ^(|fifo|lru)$ ]] || say "TLB_POLICY=$v: unknown TLB policy; choose fifo or lru" ;;
    FORMAT) [[ $v =~ ^(|auto|text|ext|lackey)$ ]] || say "FORMAT=$v: unknown trace format; choose auto, text, ext or lackey" ;;
    INJECT) [[ $v =~ ^(|paddr|hit|latency|fill)$ ]] || say "INJECT=$v: unknown kind; choose paddr, hit, latency or fill" ;;
    TRACE | BACKING)
        if [ -n "$v" ] && { [ "$k" = BACKING ] || [ "$v" != - ]; }; then
            why=$(unreadable "$v")
            [ -z "$why" ] || say "$k=$v: $why"
        fi ;;
    MAPS)
        for m in $v; do
            if ! [[ $m =~ ^[0-9]+=. ]]; then
                say "MAPS=$v: '$m' is not PID=FILE (e.g. MAPS=\"0=prog.maps 1=other.maps\")"
            else
                why=$(unreadable "${m#*=}")
                [ -z "$why" ] || say "MAPS=$v: ${m#*=}: $why"
            fi
        done ;;
    STATS)
        if [ -n "$v" ]; then
            d=$(dirname -- "$v")
            if [ -d "$v" ]; then
                say "STATS=$v: is a directory; name the JSON file to write"
            elif [ ! -d "$d" ] || [ ! -w "$d" ]; then
                say "STATS=$v: cannot write there: no writable directory $d"
            fi
        fi ;;
    SKIP | MAX | WAVES_FROM | WAVES_TO)
        if [ -n "$v" ]; then
            lo=1
            [ "$k" = SKIP ] && lo=0
            count "$v" "$lo" || say "$k=$v: must be a whole number of accesses, $lo or more"
        fi ;;
    # Switches: $(if ...) in the Makefile takes any text as on, so Q=0 would mean
    # quiet; only 1 (or nothing) is accepted.
    Q | NO_ASID | PROGRESS | WAVES | NO_CHECK)
        [[ $v =~ ^(|1)$ ]] || say "$k=$v: a switch: give $k=1, or leave it out" ;;
    *) echo "mk/knobs.sh: unknown knob $k" >&2; exit 2 ;;
    esac
done
[ "$bad" -eq 0 ] || exit 2

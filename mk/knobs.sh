#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# mk/knobs.sh WHO NAME=VALUE... -- checks make's knobs before anything is built, so a
# bad value costs a second, not a Verilator run: one line per bad knob on stderr
# ("make sim: TLB_SETS=5: must be a power of two from 1 to 1024"), exit 2.
#
#   WHO   sim | ref (make sim, make ref) | rtl (a Verilated build of any target)
#   PRESETS="osc sv32 ..."  the presets mk/rtl.mk knows (CONFIG is one of them)
#   VMREF=build/vmref       where the other name lists come from: `vmref --list OPTION`
#                           prints the names its registries hold (frame and TLB policies,
#                           trace formats, fault kinds); without it those are not checked
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

presets="" vmref=""
for kv in "$@"; do
    [ "${kv%%=*}" = PRESETS ] && presets=${kv#*=}
    [ "${kv%%=*}" = VMREF ] && vmref=${kv#*=}
done
# one_of KNOB VALUE OPTION WHAT [EXCEPT]: VALUE (may be empty: the default) is one of
# the names `vmref --list OPTION` prints but EXCEPT, else one line naming them.
one_of() {
    [ -n "$2" ] && [ -x "$vmref" ] || return 0
    local ok
    ok=$("$vmref" --list "$3" | grep -vxF "${5:-}" | tr '\n' ' ')
    [[ " $ok " == *" $2 "* ]] || { ok=${ok% }; say "$1=$2: unknown $4; choose ${ok// /, }"; }
}

for kv in "$@"; do
    k=${kv%%=*}
    v=${kv#*=}
    case $k in
    PRESETS | VMREF) ;;
    CONFIG)
        [[ " $presets " == *" $v "* ]] && [ -n "$v" ] ||
            say "CONFIG=$v: not a preset; choose ${presets// /, }" ;;
    TLB_SETS)
        if ! in_range "$v" 1 1024 || [ $(( 10#$v & (10#$v - 1) )) -ne 0 ]; then
            say "TLB_SETS=$v: must be a power of two from 1 to 1024"
        fi ;;
    TLB_WAYS) in_range "$v" 1 64 || say "TLB_WAYS=$v: must be a whole number from 1 to 64" ;;
    ITLB_SETS)
        if ! in_range "$v" 1 1024 || [ $(( 10#$v & (10#$v - 1) )) -ne 0 ]; then
            say "ITLB_SETS=$v: must be a power of two from 1 to 1024"
        fi ;;
    ITLB_WAYS) in_range "$v" 0 64 || say "ITLB_WAYS=$v: must be a whole number from 0 (no instruction TLB) to 64" ;;
    L2_SETS)
        if ! in_range "$v" 1 1024 || [ $(( 10#$v & (10#$v - 1) )) -ne 0 ]; then
            say "L2_SETS=$v: must be a power of two from 1 to 1024"
        fi ;;
    L2_WAYS) in_range "$v" 0 64 || say "L2_WAYS=$v: must be a whole number from 0 (no second-level TLB) to 64" ;;
    PWC_ENTRIES) [[ " 0 1 2 4 8 16 32 64 " == *" $v "* ]] || say "PWC_ENTRIES=$v: must be 0 (no page-walk cache) or a power of two from 1 to 64" ;;
    FRAMES) count "$v" 1 || say "FRAMES=$v: must be a whole number of frames, 1 or more (default 256)" ;;
    MEM_LATENCY) in_range "$v" 1 1000 || say "MEM_LATENCY=$v: must be a whole number of cycles from 1 to 1000" ;;
    POLICY)
        # opt reads the whole trace ahead (a pipe cannot be), so vmsim refuses it too.
        if [ "$v" = opt ] && [ "$who" = sim ]; then
            say "POLICY=opt: needs the whole trace in advance, so only make ref (vmref) runs it"
        else
            one_of POLICY "$v" policy "frame policy" "$([ "$who" = sim ] && echo opt)"
        fi ;;
    TLB_POLICY) one_of TLB_POLICY "$v" tlb-policy "TLB policy" ;;
    ITLB_POLICY) one_of ITLB_POLICY "$v" tlb-policy "TLB policy" ;;
    L2_POLICY) one_of L2_POLICY "$v" tlb-policy "TLB policy" ;;
    FORMAT) one_of FORMAT "$v" format "trace format" ;;
    INJECT) one_of INJECT "$v" inject-fault "kind" ;;
    CHECK_THREAD) one_of CHECK_THREAD "$v" check-thread "choice" ;;
    AD) one_of AD "$v" ad "A/D scheme" ;;
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
    ASID_BASE) [ -z "$v" ] || in_range "$v" 0 65535 || say "$k=$v: must be an ASID, a whole number from 0 to 65535" ;;
    ASID_STEP) [ -z "$v" ] || in_range "$v" 1 65535 || say "$k=$v: must be a whole number from 1 to 65535" ;;
    PA_BASE) [[ $v =~ ^(|[0-9]+|0[xX][0-9a-fA-F]+)$ ]] || say "$k=$v: must be a physical address, decimal or 0x hex" ;;
    PMEM) [[ $v =~ ^(|[0-9]+|0[xX][0-9a-fA-F]+)$ ]] || say "$k=$v: must be a size in bytes, decimal or 0x hex" ;;
    # Switches: $(if ...) in the Makefile takes any text as on, so Q=0 would mean
    # quiet; only 1 (or nothing) is accepted.
    Q | NO_ASID | PTE_NOISE | SUM | MXR | THP | PROGRESS | WAVES | NO_CHECK)
        [[ $v =~ ^(|1)$ ]] || say "$k=$v: a switch: give $k=1, or leave it out" ;;
    *) echo "mk/knobs.sh: unknown knob $k" >&2; exit 2 ;;
    esac
done
[ "$bad" -eq 0 ] || exit 2

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# synth/run.sh -- `make synth`'s driver: synth/ice40.sh for each configuration, then
# the table of results.  Run from the repository root.
#
#   synth/run.sh --check CONFIG...      only check the configurations (one line per bad one)
#   synth/run.sh -o OUTDIR CONFIG...    synthesize each into OUTDIR/<preset>-<sets>x<ways>/
#
# A CONFIG is PRESET:SETS:WAYS[:iISETSxIWAYS][:POLICY] (osc:1:16, sv39:1:4:plru,
# osc:1:8:i1x4:lru) or PRESET-SETSxWAYS[-iISETSxIWAYS][-POLICY] (osc-1x16, osc-1x8-i1x4:
# the name of its Verilated build; iISETSxIWAYS: an instruction TLB beside the TLB, then
# the DTLB, docs/contract.md "Split TLBs"): a preset of
# model/presets.def (its parameters are read from there), SETS a power of two
# 1..1024, WAYS 1..64 -- what the RTL accepts -- and a TLB policy (fifo, lru, plru:
# a power-of-two WAYS, random) tied to a constant so the figures are its own; without
# one the policy is a run-time input, every policy built.
# The table goes to stdout; the stages and their times, and any failure, to stderr.
# Stops at the first configuration whose synthesis fails (synth/ice40.sh names the
# log that holds the cause).
set -euo pipefail

die() {
    echo "synth: $*" >&2
    exit 2
}

# The presets, from model/presets.def, the one table the model and the Verilator
# builds also use: name -> "VA PAGE LEVELS LEVEL_BITS PTE_BYTES PA ASID MODE" (ice40.sh's
# order).
declare -A preset=()
while read -r n va pg lv lb pte _ppn pa _trace asid mode; do
    preset[$n]="$va $pg $lv $lb $pte $pa $asid $mode"
done < <(sed -n 's/^PRESET(\([^)]*\)).*/\1/p' model/presets.def | tr ',' ' ')
[ ${#preset[@]} -gt 0 ] || die "no PRESET rows in model/presets.def (run from the repository root)"

# The TLB policies by their number on ctl_tlb_policy_i (model/tlb.h's tlb_policy).
declare -A policy_num=([fifo]=0 [lru]=1 [plru]=2 [random]=3)

# side CONFIG WHAT SETS WAYS POLICY: 0 if a TLB beside the first (an ITLB, an L2 TLB;
# WAYS 0: none) has a geometry, and the policy a way count, it takes; else one line.
side() {
    if [ "$4" -gt 64 ] || { [ "$4" -gt 0 ] && { [ "$3" -lt 1 ] || [ "$3" -gt 1024 ] || [ $(($3 & ($3 - 1))) -ne 0 ]; }; }; then
        echo "synth: SYNTH_CONFIGS: '$1': an $2 of ${3}x$4; it takes a power of two of sets, 1..1024, and 1..64 ways" >&2
        return 1
    fi
    if [ "$5" = plru ] && [ "$4" -gt 0 ] && [ $(($4 & ($4 - 1))) -ne 0 ]; then
        echo "synth: SYNTH_CONFIGS: '$1': plru needs a power-of-two number of $2 ways, not $4" >&2
        return 1
    fi
}

# parse CONFIG -> "preset sets ways isets iways pwc l2sets l2ways [policy]" on stdout
# (iways 0: no ITLB; pwc 0: no page-walk cache; l2ways 0: no L2 TLB), or one line on
# stderr and status 1.
parse() {
    local c=$1 p s w t is=1 iw=0 pwc=0 ls=1 lw=0
    if [[ $c =~ ^([a-z0-9]+):([0-9]+):([0-9]+)(:i([0-9]+)x([0-9]+))?(:L([0-9]+)x([0-9]+))?(:p([0-9]+))?(:([a-z]+))?$ ]] ||
        [[ $c =~ ^([a-z0-9]+)-([0-9]+)x([0-9]+)(-i([0-9]+)x([0-9]+))?(-L([0-9]+)x([0-9]+))?(-p([0-9]+))?(-([a-z]+))?$ ]]; then
        p=${BASH_REMATCH[1]} s=$((10#${BASH_REMATCH[2]})) w=$((10#${BASH_REMATCH[3]})) t=${BASH_REMATCH[13]}
        [ -z "${BASH_REMATCH[4]}" ] || is=$((10#${BASH_REMATCH[5]})) iw=$((10#${BASH_REMATCH[6]}))
        [ -z "${BASH_REMATCH[7]}" ] || ls=$((10#${BASH_REMATCH[8]})) lw=$((10#${BASH_REMATCH[9]}))
        [ -z "${BASH_REMATCH[10]}" ] || pwc=$((10#${BASH_REMATCH[11]}))
    else
        echo "synth: SYNTH_CONFIGS: '$c' is not PRESET:SETS:WAYS[:iSETSxWAYS][:LSETSxWAYS][:pENTRIES][:POLICY] (e.g. osc:1:16, sv39:1:4:plru, osc:1:8:i1x4, sv39:1:4:L64x4:p8) or PRESET-SETSxWAYS[-iSETSxWAYS][-LSETSxWAYS][-pENTRIES][-POLICY] (osc-1x16, osc-1x8-i1x4, sv39-1x4-L64x4-p8)" >&2
        return 1
    fi
    side "$c" "L2 TLB" "$ls" "$lw" "$t" || return 1
    if [ "$pwc" -gt 64 ] || [ $((pwc & (pwc - 1))) -ne 0 ]; then
        echo "synth: SYNTH_CONFIGS: '$c': a page-walk cache of $pwc entries; it takes a power of two up to 64" >&2
        return 1
    fi
    side "$c" ITLB "$is" "$iw" "$t" || return 1
    if [ -n "$t" ] && [ -z "${policy_num[$t]:-}" ]; then
        echo "synth: SYNTH_CONFIGS: '$c': '$t' is not a TLB policy (fifo lru plru random)" >&2
        return 1
    fi
    if [ "$t" = plru ] && [ $((w & (w - 1))) -ne 0 ]; then
        echo "synth: SYNTH_CONFIGS: '$c': plru needs a power-of-two number of ways, not $w" >&2
        return 1
    fi
    if [ -z "${preset[$p]:-}" ]; then
        echo "synth: SYNTH_CONFIGS: '$c': '$p' is not a preset ($(printf '%s\n' "${!preset[@]}" | sort | xargs))" >&2
        return 1
    fi
    if [ "$s" -lt 1 ] || [ "$s" -gt 1024 ] || [ $((s & (s - 1))) -ne 0 ]; then
        echo "synth: SYNTH_CONFIGS: '$c': $s sets; the TLB takes a power of two, 1..1024" >&2
        return 1
    fi
    if [ "$w" -lt 1 ] || [ "$w" -gt 64 ]; then
        echo "synth: SYNTH_CONFIGS: '$c': $w ways; the TLB takes 1..64" >&2
        return 1
    fi
    echo "$p $s $w $is $iw $pwc $ls $lw $t"
}

check=0 outdir=""
while [ $# -gt 0 ]; do
    case $1 in
    --check) check=1; shift ;;
    -o) [ $# -ge 2 ] || die "-o needs a directory"; outdir=$2; shift 2 ;;
    -*) die "unknown option '$1'" ;;
    *) break ;;
    esac
done
[ $# -gt 0 ] || die "no configuration (SYNTH_CONFIGS is empty; e.g. SYNTH_CONFIGS=\"osc:1:16 sv39:1:4\")"
bad=0
for c in "$@"; do parse "$c" >/dev/null || bad=1; done
[ "$bad" -eq 0 ] || exit 2
[ "$check" -eq 0 ] || exit 0
[ -n "$outdir" ] || die "give -o OUTDIR"

n=$# i=0 names=()
echo "==== synth: yosys synth_ice40 + nextpnr-ice40 --hx8k (ct256), $n configuration$([ "$n" -eq 1 ] || echo s)" >&2
for c in "$@"; do
    i=$((i + 1))
    read -r p s w is iw pwc ls lw t < <(parse "$c")
    name=$p-${s}x$w$([ "$iw" -eq 0 ] || echo "-i${is}x$iw")$([ "$lw" -eq 0 ] || echo "-L${ls}x$lw")$([ "$pwc" -eq 0 ] || echo "-p$pwc")${t:+-$t}
    [[ " ${names[*]} " == *" $name "* ]] && continue  # the same one twice
    names+=("$name")
    echo "==== synth: $name ($i of $n)" >&2
    # shellcheck disable=SC2086  # the preset is eight numbers
    ITLB_SETS=$is ITLB_WAYS=$iw PWC_ENTRIES=$pwc L2_SETS=$ls L2_WAYS=$lw sh synth/ice40.sh "$name" ${preset[$p]} "$s" "$w" "$outdir/$name" ${t:+"${policy_num[$t]}"} >/dev/null ||
        { echo "synth: stopped at $name" >&2; exit 1; }
done

echo "==== synth: results (no latches in any configuration)"
printf '%-16s %7s %7s %7s %6s %10s\n' config LUT4 FF CARRY BRAM 'Fmax MHz'
for name in "${names[@]}"; do
    read -r nm l f ca b fm <"$outdir/$name/result.txt"
    printf '%-16s %7s %7s %7s %6s %10s\n' "$nm" "$l" "$f" "$ca" "$b" "$fm"
done

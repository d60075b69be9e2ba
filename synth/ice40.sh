#!/bin/sh
# SPDX-License-Identifier: MIT
# synth/ice40.sh -- synthesize rtl/mmu.sv for iCE40 with Yosys and estimate Fmax
# with nextpnr-ice40 (device: iCE40-HX8K, package ct256).
#
#   synth/ice40.sh NAME VA PAGE LEVELS LEVEL_BITS PTE_BYTES PA ASID SATP_MODE SETS WAYS OUTDIR [POLICY]
#
# ITLB_SETS and ITLB_WAYS in the environment (default 1 and 0: none) give the MMU an
# instruction TLB (mmu.sv); PWC_ENTRIES (default 0: none) a page-walk cache; L2_SETS
# and L2_WAYS (default 1 and 0: none) a second-level TLB.
# POLICY (0 fifo, 1 lru, 2 plru, 3 random) ties ctl_tlb_policy_i (and an ITLB's
# ctl_itlb_policy_i) to that constant, in
# mmu alone and in the Fmax wrapper, so the logic of the other policies is optimised
# away and the figures are that policy's own; without it the policy stays a run-time
# input (every policy built, as the Verilated builds have it).
# (synth/run.sh passes the preset from model/presets.def, so the numbers live in
# one place.) Run from the repository root: the RTL includes rtl/mmu_widths.svh and
# rtl/mmu_defs.svh by those paths.  SYNTH_SEED (default 1) is nextpnr's placement seed.
#
# Steps:
#   1. mmu alone: read, set the parameters, proc; fail if any latch was inferred
#      ($dlatch and kin exist only before techmap: iCE40 has no latch cell, and
#      synth_ice40 would silently build one from a LUT loop); synth_ice40; stat.
#   2. synth/mmu_fmax.sv around mmu (the MMU has more ports than the device has
#      pins) -> nextpnr-ice40 for the maximum clock frequency.
# Each tool's whole output, its errors included (even "yosys: not found"), goes to
# one log: OUTDIR/mmu.log, fmax.log, nextpnr.log.  A failure names that log and
# shows its last lines, so the message always points at a file that holds the cause.
# Each stage is announced on stderr as it starts, with its time when it ends.
# Writes OUTDIR/result.txt, one line:  NAME LUT4 FF CARRY BRAM FMAX_MHZ
# Exit status: non-zero if Yosys fails on the MMU or a latch is found; a failed
# place and route leaves FMAX as "-" and says why.
set -eu

if [ $# -ne 12 ] && [ $# -ne 13 ]; then
  echo "usage: $0 NAME VA PAGE LEVELS LEVEL_BITS PTE_BYTES PA ASID SATP_MODE SETS WAYS OUTDIR [POLICY]" >&2
  exit 2
fi
name=$1 va=$2 page=$3 levels=$4 lbits=$5 pteb=$6 pa=$7 asid=$8 mode=$9
sets=${10} ways=${11} out=${12} policy=${13:-}
seed=${SYNTH_SEED:-1}
mkdir -p "$out"
# Nothing of an earlier run may pass for this one's.
rm -f "$out/mmu.log" "$out/mmu.stat" "$out/fmax.log" "$out/mmu_fmax.json" \
  "$out/nextpnr.log" "$out/result.txt" "$out/yosys.stderr"

# Every module of the MMU: rtl/*.sv (the Verilated top sits apart, in rtl/sim/), so a
# new one is read without a list here to keep in step (this one went stale once).
RTL=$(echo rtl/*.sv)
params="-set VA_BITS $va -set PAGE_BITS $page -set LEVELS $levels -set LEVEL_BITS $lbits"
params="$params -set PTE_BYTES $pteb -set PA_BITS $pa -set ASID_BITS $asid -set SATP_MODE $mode"
params="$params -set SETS $sets -set WAYS $ways -set ITLB_SETS ${ITLB_SETS:-1} -set ITLB_WAYS ${ITLB_WAYS:-0}"
params="$params -set PWC_ENTRIES ${PWC_ENTRIES:-0} -set L2_SETS ${L2_SETS:-1} -set L2_WAYS ${L2_WAYS:-0}"
# The policy tied: the port made an internal wire driven by the constant.
tie=
fmax_policy=4
if [ -n "$policy" ]; then
  tie="delete -port mmu/ctl_tlb_policy_i; cd mmu; connect -set ctl_tlb_policy_i 2'd$policy; cd .."
  tie="$tie; delete -port mmu/ctl_itlb_policy_i; cd mmu; connect -set ctl_itlb_policy_i 2'd$policy; cd .."
  tie="$tie; delete -port mmu/ctl_l2_policy_i; cd mmu; connect -set ctl_l2_policy_i 2'd$policy; cd .."
  fmax_policy=$policy
fi
latches='t:$dlatch t:$adlatch t:$dlatchsr t:$_DLATCH_*_ t:$_DLATCHSR_*_ t:$sr'

now() { date +%s%N; }
# stage WHAT: the start of the stage's line; done_in T0 ends it with the time.  On a
# terminal a ticker counts the seconds meanwhile (a stage can take a minute).
tick=
trap '[ -z "$tick" ] || kill "$tick" 2>/dev/null' EXIT
stage() {
  what=$1
  printf '==== synth: %s: %s ... ' "$name" "$what" >&2
  if [ -t 2 ]; then
    ( i=0; while sleep 1; do i=$((i + 1)); printf '\r==== synth: %s: %s ... %d s' "$name" "$what" $i >&2; done ) &
    tick=$!
  fi
}
untick() {
  if [ -n "$tick" ]; then
    kill "$tick" 2>/dev/null; wait "$tick" 2>/dev/null || true; tick=
    printf '\r\033[K==== synth: %s: %s ... ' "$name" "$what" >&2
  fi
}
done_in() {
  untick
  awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s\n", (b - a) / 1e9 }' >&2
}
# why LOG STATUS TOOL: the failure's message, naming the log and showing its end.
why() {
  untick
  echo "failed (status $2)" >&2
  if [ "$2" -eq 127 ]; then
    echo "synth: $name: $3 is not installed (bash tools/deps.sh synth installs it)" >&2
  fi
  echo "synth: $name: the cause is in $1, which ends:" >&2
  tail -n 12 "$1" | sed 's/^/  | /' >&2
}

# ---- 1. mmu alone: resources and the latch check -----------------------------
stage "yosys synth_ice40 of mmu (resources, latch check)"
t0=$(now)
rc=0
yosys -p "
  read_verilog -sv $RTL
  chparam $params mmu
  hierarchy -check -top mmu
  $tie
  proc
  select -assert-none $latches
  synth_ice40 -top mmu
  tee -o $out/mmu.stat stat
" >"$out/mmu.log" 2>&1 || rc=$?
if [ "$rc" -ne 0 ]; then
  why "$out/mmu.log" "$rc" yosys
  if grep -q 'Assertion failed: selection is not empty' "$out/mmu.log"; then
    # proc's own line per latch names the signal and the process's source line.
    sed -n "s/^Latch inferred for signal \`\([^']*\)' from process \`[^\$]*\\\$proc\\\$\([^\$]*\)\\\$.*/\1 (the process at \2)/p" \
      "$out/mmu.log" | while read -r l; do
        printf "synth: %s: a latch: %s; iCE40 has no latch cell\n" "$name" "$l" >&2
      done
  fi
  exit 1
fi
done_in "$t0"

cell() {  # sum of the counts of cells whose name matches $1 in mmu.stat
  awk -v pat="$1" '$1 ~ pat { n += $2 } END { print n + 0 }' "$out/mmu.stat"
}
luts=$(cell '^SB_LUT4$')
ffs=$(cell '^SB_DFF')
carry=$(cell '^SB_CARRY$')
bram=$(cell '^SB_RAM40_4K')

# ---- 2. Fmax through the pin-light wrapper ---------------------------------------
fmax=-
stage "yosys synth_ice40 of the Fmax wrapper"
t0=$(now)
rc=0
yosys -p "
  read_verilog -sv $RTL synth/mmu_fmax.sv
  chparam $params -set POLICY $fmax_policy mmu_fmax
  hierarchy -check -top mmu_fmax
  synth_ice40 -top mmu_fmax -json $out/mmu_fmax.json
" >"$out/fmax.log" 2>&1 || rc=$?
if [ "$rc" -ne 0 ]; then
  why "$out/fmax.log" "$rc" yosys
  echo "synth: $name: no Fmax" >&2
else
  done_in "$t0"
  stage "nextpnr-ice40 place and route (seed $seed)"
  t0=$(now)
  rc=0
  nextpnr-ice40 --hx8k --package ct256 --json "$out/mmu_fmax.json" \
    --pcf-allow-unconstrained --timing-allow-fail --freq 50 --seed "$seed" \
    >"$out/nextpnr.log" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    why "$out/nextpnr.log" "$rc" nextpnr-ice40
    echo "synth: $name: no Fmax" >&2
  else
    done_in "$t0"
    # The last report is after routing.
    fmax=$(sed -n "s/.*Max frequency for clock .*: \([0-9.]*\) MHz.*/\1/p" "$out/nextpnr.log" |
           tail -1)
    if [ -z "$fmax" ]; then
      fmax=-
      echo "synth: $name: no 'Max frequency' line in $out/nextpnr.log" >&2
    fi
  fi
fi

echo "$name $luts $ffs $carry $bram $fmax" > "$out/result.txt"
cat "$out/result.txt"

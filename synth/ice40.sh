#!/bin/sh
# synth/ice40.sh -- synthesize rtl/mmu.sv for iCE40 with Yosys and estimate Fmax
# with nextpnr-ice40 (device: iCE40-HX8K, package ct256).
#
#   synth/ice40.sh NAME VA PAGE LEVELS LEVEL_BITS PTE_BYTES PA SETS WAYS OUTDIR
#
# (mk/synth.mk passes the preset from mk/rtl.mk's table, so the numbers live in
# one place.) Run from the repository root: the RTL includes rtl/mmu_defs.svh by
# that path.
#
# Steps:
#   1. mmu alone: read, set the parameters, proc; fail if any latch was inferred
#      ($dlatch and kin exist only before techmap: iCE40 has no latch cell, and
#      synth_ice40 would silently build one from a LUT loop); synth_ice40; stat.
#   2. synth/mmu_fmax.sv around mmu (the MMU has more ports than the device has
#      pins) -> nextpnr-ice40 for the maximum clock frequency.
# Writes OUTDIR/{mmu.log,fmax.log,nextpnr.log,result.txt}; result.txt is one line:
#   NAME LUT4 FF CARRY BRAM FMAX_MHZ
# Exit status: non-zero if Yosys fails or a latch is found; a failed place and
# route only leaves FMAX as "-".
set -eu

if [ $# -ne 10 ]; then
  echo "usage: $0 NAME VA PAGE LEVELS LEVEL_BITS PTE_BYTES PA SETS WAYS OUTDIR" >&2
  exit 2
fi
name=$1 va=$2 page=$3 levels=$4 lbits=$5 pteb=$6 pa=$7 sets=$8 ways=$9
out=${10}
mkdir -p "$out"

RTL="rtl/tlb.sv rtl/ptw.sv rtl/mmu.sv"
params="-set VA_BITS $va -set PAGE_BITS $page -set LEVELS $levels -set LEVEL_BITS $lbits"
params="$params -set PTE_BYTES $pteb -set PA_BITS $pa -set SETS $sets -set WAYS $ways"
latches='t:$dlatch t:$adlatch t:$dlatchsr t:$_DLATCH_*_ t:$_DLATCHSR_*_ t:$sr'

# ---- 1. mmu alone: resources and the latch check -----------------------------
yosys -q -l "$out/mmu.log" -p "
  read_verilog -sv $RTL
  chparam $params mmu
  hierarchy -check -top mmu
  proc
  select -assert-none $latches
  synth_ice40 -top mmu
  tee -o $out/mmu.stat stat
" >/dev/null 2>>"$out/yosys.stderr"

cell() {  # sum of the counts of cells whose name matches $1 in mmu.stat
  awk -v pat="$1" '$1 ~ pat { n += $2 } END { print n + 0 }' "$out/mmu.stat"
}
luts=$(cell '^SB_LUT4$')
ffs=$(cell '^SB_DFF')
carry=$(cell '^SB_CARRY$')
bram=$(cell '^SB_RAM40_4K')

# ---- 2. Fmax through the pin-light wrapper ---------------------------------------
fmax=-
if yosys -q -l "$out/fmax.log" -p "
  read_verilog -sv $RTL synth/mmu_fmax.sv
  chparam $params mmu_fmax
  hierarchy -check -top mmu_fmax
  synth_ice40 -top mmu_fmax -json $out/mmu_fmax.json
" >/dev/null 2>&1 &&
   nextpnr-ice40 --hx8k --package ct256 --json "$out/mmu_fmax.json" \
     --pcf-allow-unconstrained --timing-allow-fail --freq 50 --seed 1 -q -l "$out/nextpnr.log" \
     >/dev/null 2>&1; then
  # The last report is after routing.
  fmax=$(sed -n "s/.*Max frequency for clock .*: \([0-9.]*\) MHz.*/\1/p" "$out/nextpnr.log" |
         tail -1)
  [ -n "$fmax" ] || fmax=-
fi

echo "$name $luts $ffs $carry $bram $fmax" > "$out/result.txt"
cat "$out/result.txt"

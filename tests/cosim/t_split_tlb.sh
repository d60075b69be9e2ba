#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Split instruction and data TLBs (docs/contract.md, "Split TLBs"): fetches look up the
# ITLB, loads and stores the DTLB, each with its own policy, and an invalidation reaches
# both. Every count below is worked out by hand from the contract, and checked on
# vmref (the model alone) and on vmsim osc-1x8-i1x4 (the RTL, checked against the
# model access by access).
source "$(dirname "$0")/../lib.sh"

VMSIM=$ROOT/build/osc-1x8-i1x4/vmsim
SPLIT="--tlb-ways 8 --itlb-ways 4"
need_bin "vmref built" "$VMREF" || { summary; exit; }
make -s --no-print-directory build/traces/backing.bin >/dev/null 2>&1
backing=build/traces/backing.bin
have_sim=1
[ -x "$VMSIM" ] || { have_sim=0; skip "split TLB on the RTL" "$VMSIM is not built (make cosim-builds)"; }

# json FILE KEY...: the values of the keys in a --stats file, space-separated
json() { python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(*(s.get(k) for k in sys.argv[2:]))' "$@"; }

# run PROG NAME OPTIONS...: PROG (vmref or vmsim) -q with --stats $TMP/NAME.json; its
# exit status and stderr in $TMP/NAME.rc, $TMP/NAME.err
run() {
    local prog=$1 name=$2
    shift 2
    "$prog" -q -b "$backing" --stats "$TMP/$name.json" "$@" >/dev/null 2>"$TMP/$name.err"
    echo $? >"$TMP/$name.rc"
}

# ---- 1. routing: a fetch and a load to two pages, alternating ----------------------------
# One 1-entry TLB: each access evicts the other's page, 0 hits in 20. An ITLB and a DTLB
# of one entry each: each keeps its page, 9 hits of 10 on each side.
for i in $(seq 10); do
    echo "0 X 0x0100"
    echo "0 R 0x0234"
done >"$TMP/alt.txt"
run "$VMREF" one -f "$TMP/alt.txt" --tlb-ways 1
expect_eq "one 1-entry TLB: fetch and load evict each other" "0 0" "$(cat "$TMP/one.rc") $(json "$TMP/one.json" tlb_hits)"
run "$VMREF" split1 -f "$TMP/alt.txt" --tlb-ways 1 --itlb-ways 1
expect_eq "ITLB 1x1 + DTLB 1x1: 9 hits each" "0 18 9 1 9 1" \
    "$(cat "$TMP/split1.rc") $(json "$TMP/split1.json" tlb_hits itlb_hits itlb_misses dtlb_hits dtlb_misses)"
expect_true "the per-TLB line on stderr" "$(tail -2 "$TMP/split1.err")" \
    grep -qx 'vmref: ITLB hits 9 of 10 fetches (0.900), DTLB hits 9 of 10 loads and stores (0.900)' "$TMP/split1.err"
expect_eq "without an ITLB, no per-TLB counts in --stats" "None None" "$(json "$TMP/one.json" itlb_hits dtlb_hits)"
if [ $have_sim = 1 ]; then
    # shellcheck disable=SC2086 # the geometry options are words
    run "$VMSIM" sim1 -f "$TMP/alt.txt" $SPLIT
    expect_eq "RTL ITLB 1x4 + DTLB 1x8: 18 hits, 0 mismatches" "0 18 9 0" \
        "$(cat "$TMP/sim1.rc") $(json "$TMP/sim1.json" tlb_hits itlb_hits mismatches)"
fi

# ---- 2. each TLB its own policy ---------------------------------------------------------
# Fetches to pages 16..19 (filling the 4-way ITLB), 16 (a hit), 20 (a miss: fifo evicts
# 16, filled first; lru evicts 17, used least recently), 16: fifo misses, lru hits.
# Loads to pages 32..39 (the 8-way DTLB), 32, 40, 32: the same. So fifo gives 1 hit, lru 2,
# on each side, whatever the other side does.
{
    for p in 16 17 18 19 16 20 16; do printf '0 X 0x%x\n' $((p * 256 + 5)); done
    for p in 32 33 34 35 36 37 38 39 32 40 32; do printf '0 R 0x%x\n' $((p * 256 + 9)); done
} >"$TMP/pol.txt"
for pair in "fifo lru 2 1" "lru fifo 1 2" "lru lru 2 2" "fifo fifo 1 1"; do
    read -r dpol ipol iwant dwant <<<"$pair"
    # shellcheck disable=SC2086
    run "$VMREF" pol -f "$TMP/pol.txt" $SPLIT -t "$dpol" --itlb-policy "$ipol"
    expect_eq "DTLB $dpol, ITLB $ipol: ITLB and DTLB hits by hand (vmref)" "0 $iwant $dwant" \
        "$(cat "$TMP/pol.rc") $(json "$TMP/pol.json" itlb_hits dtlb_hits)"
    if [ $have_sim = 1 ]; then
        # shellcheck disable=SC2086
        run "$VMSIM" spol -f "$TMP/pol.txt" $SPLIT -t "$dpol" --itlb-policy "$ipol"
        expect_eq "DTLB $dpol, ITLB $ipol: the RTL's, 0 mismatches" "0 $iwant $dwant 0" \
            "$(cat "$TMP/spol.rc") $(json "$TMP/spol.json" itlb_hits dtlb_hits mismatches)"
    fi
done
# Without --itlb-policy the ITLB takes the TLB's: lru on both, 2 and 2.
# shellcheck disable=SC2086
run "$VMREF" dflt -f "$TMP/pol.txt" $SPLIT -t lru
expect_eq "the ITLB's policy defaults to -t's" "2 2" "$(json "$TMP/dflt.json" itlb_hits dtlb_hits)"

# ---- 3. an eviction's invalidation reaches the ITLB ----------------------------------------
# Two frames, fifo: fetch page 1 (fault: frame 0), load page 2 (fault: frame 1), fetch
# page 3 (fault: evicts page 1 from frame 0, and drops its ITLB entry), fetch page 1
# (fault: evicts page 2, frame 1). The last fetch is at 0x1xx: an ITLB that kept page 1's
# entry would answer frame 0, 0x0xx.
printf '0 X 0x0110\n0 R 0x0220\n0 X 0x0330\n0 X 0x0140\n' >"$TMP/ev.txt"
"$VMREF" -f "$TMP/ev.txt" -b "$backing" -n 2 --tlb-ways 8 --itlb-ways 4 >"$TMP/ev.out" 2>"$TMP/ev.err"
expect_eq "page 1 fetched again after its eviction: frame 1, 4 page faults" \
    "Virtual address: 320 Physical address: 320 4" \
    "$(sed -n 4p "$TMP/ev.out" | cut -d' ' -f4-9) $(stat_of "$TMP/ev.out" 'Page Faults')"
if [ $have_sim = 1 ]; then
    "$VMSIM" -f "$TMP/ev.txt" -b "$backing" -n 2 --tlb-ways 8 --itlb-ways 4 >"$TMP/evs.out" 2>"$TMP/evs.err"
    expect_same_file "the RTL answers the same, line for line" "$TMP/ev.out" "$TMP/evs.out"
fi

# ---- 4. what is refused, one line each -------------------------------------------------------
# refused NAME WANT_TEXT PROG ARGS...: exit 2, one line on stderr containing WANT_TEXT
refused() {
    local name=$1 want=$2
    shift 2
    "$@" -f "$TMP/alt.txt" -b "$backing" -q >"$TMP/r.out" 2>"$TMP/r.err"
    local rc=$? lines
    lines=$(wc -l <"$TMP/r.err")
    if [ $rc -ne 0 ] && [ "$lines" -eq 1 ] && grep -qF -- "$want" "$TMP/r.err" && [ ! -s "$TMP/r.out" ]; then
        pass "refused: $name"
    else
        fail "refused: $name" "exit $rc, $lines lines: $(head -3 "$TMP/r.err" | tr '\n' '|')"
    fi
}
refused "--itlb-policy without an ITLB" "give --itlb-ways too" "$VMREF" --itlb-policy lru
refused "--itlb-sets without an ITLB" "give --itlb-ways too" "$VMREF" --itlb-sets 2
refused "--itlb-ways 65" "from 0 (no instruction TLB) to 64" "$VMREF" --itlb-ways 65
refused "--itlb-sets 3" "power of two" "$VMREF" --itlb-ways 2 --itlb-sets 3
refused "plru on a 3-way ITLB" "power-of-two number of instruction TLB ways" "$VMREF" --itlb-ways 3 --itlb-policy plru
refused "plru from -t on a 3-way ITLB" "power-of-two number of instruction TLB ways" "$VMREF" --itlb-ways 3 -t plru
if [ -x build/osc-1x16/vmsim ]; then
    refused "an ITLB asked of a build without one" \
        "make sim CONFIG=osc TLB_SETS=1 TLB_WAYS=16 ITLB_SETS=1 ITLB_WAYS=4" build/osc-1x16/vmsim --itlb-ways 4
fi
if [ $have_sim = 1 ]; then
    refused "one TLB asked of a split build" "make sim CONFIG=osc TLB_SETS=1 TLB_WAYS=8\`" "$VMSIM" --tlb-ways 8
fi
# (make adds its own "Error 2" line after the knob's)
out=$(make -s --no-print-directory sim ITLB_WAYS=65 2>&1 >/dev/null)
expect_eq "make sim ITLB_WAYS=65: one line, before any build" \
    "make sim: ITLB_WAYS=65: must be a whole number from 0 (no instruction TLB) to 64" "$(head -1 <<<"$out")"
out=$(make -s --no-print-directory sim ITLB_WAYS=4 ITLB_SETS=6 2>&1 >/dev/null)
expect_eq "make sim ITLB_SETS=6: one line" "make sim: ITLB_SETS=6: must be a power of two from 1 to 1024" \
    "$(head -1 <<<"$out")"

# ---- 5. make sim names and runs the split build -------------------------------------------
if [ $have_sim = 1 ]; then
    out=$(make -s --no-print-directory sim TRACE="$TMP/alt.txt" BACKING="$backing" TLB_WAYS=8 ITLB_WAYS=4 \
        ITLB_POLICY=lru Q=1 2>&1 >/dev/null)
    expect_true "make sim ITLB_WAYS=4: build/osc-1x8-i1x4/vmsim, its ITLB counted, 0 mismatches" "$out" \
        grep -q 'vmsim: ITLB hits 9 of 10 fetches' <<<"$out"
    expect_true "... and it echoes the ITLB and its policy" "$out" \
        grep -q 'DTLB 1x8 fifo (fetches: ITLB 1x4 lru)' <<<"$out"
fi
summary

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The four TLB policies (docs/contract.md, "Replacement") through vmsim on osc-1x16,
# the RTL checked against the model access by access: the textbook under each with 0
# mismatches, and a trace on which each policy's TLB hits are known by hand:
#
#   pages 0..15 (16 misses: the ways 0..15 in order), 0 (a hit), 16 (a miss: the
#   victim), 1..7, 0.
#   fifo: 16 evicts page 0 (filled first); 1..7 hit, 0 misses:             1 + 7     = 8
#   lru:  16 evicts page 1 (0 was used since); 1 evicts 2, ... 7 evicts 8
#         (every one a miss); 0 hits:                                      1 + 0 + 1 = 2
#   plru: the hit on way 0 points the root to ways 8..15, whose nodes point
#         to their lowest way (8..15 were filled in order): 16 evicts page 8;
#         1..7 and 0 hit:                                                  1 + 7 + 1 = 9
#   random: the LFSR's values mod 16 are 1, 0, 8 (0xACE1, 0x5670, 0xAB38): 16 evicts
#         way 1 (page 1); 1 misses and evicts way 0 (page 0); 2..7 hit; 0 misses:
#                                                                          1 + 6     = 7
# Every page is resident after its first fault (256 frames), so only the TLB decides.
source "$(dirname "$0")/../lib.sh"

VMSIM=$ROOT/build/osc-1x16/vmsim
need_bin "vmsim osc-1x16 built" "$VMSIM" || { summary; exit; }

trace=$TMP/policies.txt
{
    for p in $(seq 0 15) 0 16 $(seq 1 7) 0; do echo $((p * 256 + 7)); done
} >"$trace"
make -s --no-print-directory build/traces/backing.bin >/dev/null 2>&1
backing=build/traces/backing.bin

declare -A want=([fifo]=8 [lru]=2 [plru]=9 [random]=7)
for pol in fifo lru plru random; do
    "$VMSIM" -q -f "$trace" -b "$backing" -t "$pol" --stats "$TMP/$pol.json" >/dev/null 2>"$TMP/$pol.err"
    rc=$?
    got=$(python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print(s['tlb_hits'], s['mismatches'])" \
        "$TMP/$pol.json" 2>/dev/null)
    expect_eq "policies trace -t $pol: TLB hits by hand, 0 mismatches" "0:${want[$pol]} 0" "$rc:$got"
    "$VMREF" -q -f "$trace" -b "$backing" -t "$pol" --stats "$TMP/$pol.ref.json" >/dev/null 2>&1
    got=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['tlb_hits'])" "$TMP/$pol.ref.json" 2>/dev/null)
    expect_eq "policies trace -t $pol: vmref's model agrees" "${want[$pol]}" "$got"
done

if need_osc; then
    for pol in fifo lru plru random; do
        "$VMSIM" -q -f "$OSC/addresses.txt" -b "$OSC/BACKING_STORE.bin" -t "$pol" >"$TMP/out" 2>"$TMP/err"
        rc=$?
        if [ $rc -eq 0 ] && grep -q '^vmsim: 1000 accesses compared, 0 mismatches$' "$TMP/err"; then
            pass "textbook -t $pol: 1000 accesses compared, 0 mismatches"
        else
            fail "textbook -t $pol: 1000 accesses compared, 0 mismatches" "exit $rc; $(tail -2 "$TMP/err" | tr '\n' '|')"
        fi
    done
else
    skip "textbook under each TLB policy" "../shared/osc is missing"
fi
summary

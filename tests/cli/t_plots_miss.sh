#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cli/t_plots_miss.sh -- plot (f), the miss cost (make plots-miss: mk/plots.mk,
# mk/sweep.mk's sweep-miss, tools/sweep.sh variants and --frames roomy, tools/plotdata.py
# misscost, tools/plots.gp), on a trace made here whose walks are counted by hand.
#
# The trace (text: every line a read), sv39, under a map of two regions:
#   /bin/fake  0x10000-0x13000 r--p, file-backed: its 3 pages read once, first;
#   anonymous  0x200000-0x400000 rw-p, one aligned 2 MiB range: its 512 pages read in
#              order, twice.
# 1027 accesses; a 1x16 plru TLB, memory latency 10: a walk of R reads, W A/D writes
# and H page-walk-cache hits costs 2 + 11 (R + W) + H cycles, a hit 1 (docs/contract.md).
#
#   variants   tools/sweep.sh variants prints every combination, in its order; refuses
#              a malformed list with one line naming the value, non-zero exit
#   oracle     the plot's table (the .dat) against the hand counts below, for the page-
#              walk cache 0 and 8 and --thp off, on (with the map: the anonymous range
#              only) and all (without the map: every range)
#   bound      PTE reads per walk never above the levels (sv39 3, sv48 4), and on this
#              trace a bigger page-walk cache never reads more
#   roomy      --frames roomy leaves room for the megapage (2048 frames; the 515
#              distinct pages would not hold an aligned 512-frame run above the file's)
#   l2absent   no L2 TLB in the list: one panel (the page-walk cache's)
#   png        the PNG is drawn, one panel wide
#   l2panel    with L2 TLB variants in the CSV (made here: vmref has no L2 TLB yet) a
#              second panel, the L2 TLB's, at page-walk cache 0

. "$(dirname "$0")/../lib.sh"

need_bin plots-miss-vmref "$VMREF" || summary
for tool in python3 gnuplot; do
    if ! command -v $tool >/dev/null; then
        skip plots-miss "$tool is missing (bash tools/deps.sh plots)"
        summary
    fi
done

# variants: the list, every combination (pwc, then thp, then l2 varying fastest).
got=$(bash tools/sweep.sh variants --pwc "0 4" --thp "off all" --l2 "0x0 16x4" 2>&1)
want=";--l2-sets 16 --l2-ways 4;--thp --no-maps;--thp --no-maps --l2-sets 16 --l2-ways 4"
want+=";--pwc-entries 4;--pwc-entries 4 --l2-sets 16 --l2-ways 4;--pwc-entries 4 --thp --no-maps"
want+=";--pwc-entries 4 --thp --no-maps --l2-sets 16 --l2-ways 4"
expect_eq plots-miss-variants "$want" "$got" "variants of pwc 0 4, thp off all, l2 0x0 16x4"
expect_eq plots-miss-variants-none "" "$(bash tools/sweep.sh variants --pwc "" --thp "" --l2 "" 2>&1)" \
    "no remedy: the one empty variant"
bad=0
for case in "--pwc|4 x|'x'" "--pwc|-2|'-2'" "--pwc|4 4|given twice" "--thp|yes|'yes'" \
    "--l2|16x|'16x'" "--l2|16*4|'16*4'" "--l2|0x4|'0x4'" "--l2|4x4x2|'4x4x2'"; do
    IFS='|' read -r opt val word <<<"$case"
    rc=0
    bash tools/sweep.sh variants "$opt" "$val" >"$TMP/v.out" 2>"$TMP/v.err" || rc=$?
    if [ "$rc" -eq 0 ] || [ "$(grep -c . "$TMP/v.err")" -ne 1 ] || ! grep -qF -- "$word" "$TMP/v.err" ||
        [ -s "$TMP/v.out" ]; then
        fail plots-miss-variants-refused "$opt '$val': exit $rc, stderr '$(cat "$TMP/v.err")', want one line naming $word"
        bad=1
    fi
done
[ "$bad" = 1 ] || pass plots-miss-variants-refused

# The trace, its map, a backing store beside it (the file's pages load from it).
d=$TMP/in
mkdir -p "$d"
{
    for a in 0x10000 0x11000 0x12000; do echo $a; done
    for _ in 1 2; do
        for ((k = 0; k < 512; k++)); do printf '0x%x\n' $((0x200000 + k * 4096)); done
    done
} >"$d/t.txt"
head -c 65536 /dev/zero >"$d/BACKING_STORE.bin"
printf '%s\n' "00010000-00013000 r--p 00000000 fe:00 1234 /bin/fake" \
    "00200000-00400000 rw-p 00000000 00:00 0" >"$d/t.maps"

if make --no-print-directory plots-miss TRACE="$d/t.txt" MAPS="0=$d/t.maps" PLOTS_DIR="$TMP/p" \
    SWEEP_DIR="$TMP/sw" MISS_PWC="0 8" MISS_THP="off on all" MISS_L2= SWEEP_J=2 >"$TMP/make.out" 2>&1; then
    pass plots-miss-make
else
    fail plots-miss-make "make plots-miss failed: $(tail -3 "$TMP/make.out" | tr '\n' ' ')"
    summary
fi

# The hand counts, sv39 (walks, PTE reads, cycles; a fault's walk and its retry are
# two walks).  --thp off, no cache: file page 1: fault R=1 (13), retry R=3 W=1 (46);
# pages 2, 3: fault R=3 (35), retry R=3 W=1 (46); the anonymous range's first page:
# fault R=2 (its level-1 entry is empty; 24), retry 46; its 511 others 35 + 46; the
# second pass 512 walks R=3 (35).  Walks 6 + 1024 + 512 = 1542, reads 16 + 4607 = 4623,
# cycles 59 + 162 + 70 + 511*81 + 512*35 = 59602.
# Cache of 8 (3 pointers ever: none evicted): file page 1 as before; pages 2, 3 H=2
# R=1 (15, retry 26); the range's first page: fault H=1 R=1 (14), retry H=1 R=2 W=1
# (36); the rest H=2 R=1 (15, retry 26; second pass 15).  Reads 8 + 1537 = 1545,
# cycles 59 + 82 + 50 + 511*41 + 512*15 = 28822.
# --thp with the map (a megapage for the anonymous range only): the file's 6 walks as
# above, then fault R=2 (24) and retry R=2 W=1 (35), then 1023 hits.  Walks 8, reads
# 16 + 4 = 20, cycles 221 + 59 + 1023 = 1303; cached: reads 8 + 2 = 10, cycles
# 59 + 82 + 14 + 25 + 1023 = 1203.
# --thp without the map (every range): two megapages, 2 walks each.  Walks 4; reads
# 1 + 2, then 2 + 2 = 7, cycles 13 + 35 + 2 + 24 + 35 + 1023 = 1132; cached: the second
# range's walks H=1 R=1: reads 1 + 2 + 1 + 1 = 5, cycles 48 + 2 + 14 + 25 + 1023 = 1112.
n=1027
want=$(
    cat <<'EOF'
sv39, 4 KiB pages|0|1542|4623|59602
sv39, 4 KiB pages|8|1542|1545|28822
sv39, --thp, anonymous|0|8|20|1303
sv39, --thp, anonymous|8|8|10|1203
sv39, --thp, every range|0|4|7|1132
sv39, --thp, every range|8|4|5|1112
EOF
)
# The table make drew from, and its block names and panel count (plotdata's line).
titles="" panels=""
eval "$(python3 tools/plotdata.py misscost "$TMP/p/t-1x16-miss.csv" "$d/t.txt" "$TMP/again.dat")"
expect_same_file plots-miss-dat "$TMP/p/t-1x16-misscost.dat" "$TMP/again.dat"
python3 tests/cli/plots_miss.py "$TMP/p/t-1x16-misscost.dat" "$titles" "$n" "$want" \
    >"$TMP/check.out" 2>&1
for name in plots-miss-oracle plots-miss-bound; do
    line=$(grep -m1 "^$name"$'\t' "$TMP/check.out")
    if [ -z "$line" ]; then
        fail "$name" "plots_miss.py: no verdict: $(tail -1 "$TMP/check.out")"
    elif [ -z "${line#*$'\t'}" ]; then
        pass "$name"
    else
        fail "$name" "${line#*$'\t'}"
    fi
done

# roomy: the frames every row ran with.
frames=$(awk -F, 'NR > 1 { print $8 }' "$TMP/p/t-1x16-miss.csv" | sort -u | tr '\n' ' ')
expect_eq plots-miss-roomy "2048 " "$frames" "frames of every run: 512 x (2 ranges + 515 pages in 512s, rounded up)"

# l2absent + png: one panel; the title says there is no L2 TLB.
expect_eq plots-miss-l2absent 1 "$panels" "panels with no L2 TLB in MISS_L2"
w=$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print(struct.unpack(">I", d[16:20])[0])' \
    "$TMP/p/t-1x16-misscost.png" 2>/dev/null)
expect_eq plots-miss-png 1100 "$w" "the PNG's width (one panel)"

# l2panel: the L2 TLB's axis, from a sweep with MISS_L2 (the page-walk cache off).
# Hand counts, sv39, --thp off: an L2 miss costs nothing, so 16x4 is the row without
# one: 1542 walks, 59602 cycles.  16x4 keeps 4 of the range's 512 pages a set, the
# last 4 of each set's 32, and the second pass wants each set's first ones: no L2 hit.
# 1024x4 holds all 512 (consecutive pages, one set each): the second pass is 512 L2
# hits of 2 cycles instead of 512 walks of 35, so walks 1542 - 512 = 1030, PTE reads
# 4623 - 3 * 512 = 3087, cycles 59602 - 512 * 35 + 512 * 2 = 42706: 41.5833 cycles an
# access, 1002.921 walks per 1000.
if make --no-print-directory plots-miss TRACE="$d/t.txt" MAPS="0=$d/t.maps" PLOTS_DIR="$TMP/p2" \
    SWEEP_DIR="$TMP/sw2" MISS_PWC="0" MISS_THP="off" MISS_L2="0x0 16x4 1024x4" SWEEP_J=2 \
    >"$TMP/make2.out" 2>&1; then
    titles="" panels="" l2s=""
    eval "$(python3 tools/plotdata.py misscost "$TMP/p2/t-1x16-miss.csv" "$d/t.txt" "$TMP/l2.dat")"
    # Two series a panel (sv39 and sv48, 4 KiB pages): block 3 is the L2 panel's sv39.
    got=$(awk 'BEGIN { RS = "\n\n\n" } NR == 3' "$TMP/l2.dat" | awk '!/^#/ && NF { print $2, $3, $4 }' | tr '\n' ' ')
    expect_eq plots-miss-l2panel \
        "2|none 16x4 1024x4|none 58.0351 1501.461 16x4 58.0351 1501.461 1024x4 41.5833 1002.921 " \
        "$panels|$l2s|$got" "panels, the L2 axis, and the L2 panel's cycles/access and walks/1k of sv39 4 KiB pages"
    reads=$(awk -F, '$3 == "sv39" && $20 ~ /--l2-sets 1024/ { print $19 }' "$TMP/p2/t-1x16-miss.csv")
    expect_eq plots-miss-l2reads 3087 "$reads" "PTE reads with the 1024x4 L2 TLB"
    w=$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print(struct.unpack(">I", d[16:20])[0])' \
        "$TMP/p2/t-1x16-misscost.png" 2>/dev/null)
    expect_eq plots-miss-l2png 1700 "$w" "the PNG's width (two panels)"
else
    fail plots-miss-l2panel "make plots-miss with MISS_L2 failed: $(tail -3 "$TMP/make2.out" | tr '\n' ' ')"
fi

summary

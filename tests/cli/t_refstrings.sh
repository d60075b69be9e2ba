#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cli/t_refstrings.sh -- the textbooks' published reference strings, as traces of
# page numbers x 256 (the osc preset's page size), and their published fault counts.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
need_bin vmref "$VMREF" || summary

# Any backing store will do: only fault counts are checked.
"$TRACEGEN" --backing "$TMP/bs.bin" --size 65536 --seed 7 2>/dev/null ||
    head -c 65536 /dev/zero >"$TMP/bs.bin"

# refstring NAME "PAGES" FRAMES POLICY FAULTS
refstring() {
    local name=$1 pages=$2 frames=$3 pol=$4 want=$5 p
    : >"$TMP/$name.txt"
    for p in $pages; do
        echo $((p * 256)) >>"$TMP/$name.txt"
    done
    "$VMREF" -q -f "$TMP/$name.txt" -b "$TMP/bs.bin" -n "$frames" -p "$pol" >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    if [ "$rc" -ne 0 ]; then
        fail "$name" "exit status $rc: $(head -c 300 "$TMP/err")"
        return
    fi
    expect_eq "$name" "$want" "$(stat_of "$TMP/out" 'Page Faults')" "page faults with -n $frames -p $pol"
}

SGG="7 0 1 2 0 3 0 4 2 3 0 3 2 1 2 0 1 7 0 1"
refstring refstring_sgg_fifo_n3 "$SGG" 3 fifo 15
refstring refstring_sgg_lru_n3 "$SGG" 3 lru 12
refstring refstring_sgg_opt_n3 "$SGG" 3 opt 9

BELADY="1 2 3 4 1 2 5 1 2 3 4 5"
refstring refstring_belady_fifo_n3 "$BELADY" 3 fifo 9
refstring refstring_belady_fifo_n4 "$BELADY" 4 fifo 10

summary

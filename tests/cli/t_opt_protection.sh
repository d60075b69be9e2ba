#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# OPT (Belady) where an access ends as a protection fault: no access touches the page,
# yet OPT must learn the page's next use from it. Before the fix a page whose last
# access was refused kept that access as its "next use" (a use in the past: the
# soonest), so OPT never evicted it again, and on ls's trace under its memory map OPT
# took three times LRU's faults. Counted by hand, osc (256-byte pages), 2 frames, a
# map with page 1 read-only and pages 2..9 read-write; every expected count is Belady's.
source "$(dirname "$0")/../lib.sh"

need_bin "vmref built" "$VMREF" || { summary; exit; }
make -s --no-print-directory build/traces/backing.bin >/dev/null 2>&1
printf '0100-0200 r--p 00000000 08:01 1 /bin/x\n0200-0a00 rw-p 00000000 00:00 0 [heap]\n' >"$TMP/m.maps"

# faults POLICY TRACE: the page faults of the trace (ext lines) under POLICY
faults() {
    printf "$2" >"$TMP/t.txt"
    "$VMREF" -q -f "$TMP/t.txt" -b build/traces/backing.bin -n 2 -p "$1" --maps "0=$TMP/m.maps" 2>/dev/null |
        sed -n 's/^Page Faults = //p'
}

# A store to page 1, absent: the fault brings it in, then the region refuses it. Loads
# of pages 2 and 3: page 1 is never used again, so OPT evicts it; page 2 then hits.
# Faults: pages 1, 2, 3 = 3 (a stale OPT evicts page 2 instead and faults on it: 4).
expect_eq "opt: a page brought in by a refused store is evicted first (never used again)" 3 \
    "$(faults opt '0 W 0x0110 5\n0 R 0x0220\n0 R 0x0330\n0 R 0x0240\n')"
# The same with page 1 present first (a load), then the refused store: 3 again.
expect_eq "opt: a present page's refused store is its last use" 3 \
    "$(faults opt '0 R 0x0110\n0 W 0x0120 5\n0 R 0x0220\n0 R 0x0330\n0 R 0x0240\n')"
# LRU on the second: the refused store is no use (no A bit set): page 1 is the least
# recently used when page 3 comes, so LRU evicts it too: 3.
expect_eq "lru: the same trace, 3" 3 \
    "$(faults lru '0 R 0x0110\n0 W 0x0120 5\n0 R 0x0220\n0 R 0x0330\n0 R 0x0240\n')"
summary

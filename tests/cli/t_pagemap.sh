#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cli/t_pagemap.sh -- a page of a process is keyed by (pid, VPN) whole, in OPT's
# look-ahead (harness/trace/future.c) and in swap (harness/os/store.c), both through
# harness/base/pagemap.c.  The property: renaming a process changes nothing but its
# name.  The same trace with pid 1 renamed to 65536 or 4294967295 (a key packed as
# pid << 48 | vpn folds 65536 onto pid 0) gives, under every frame policy, the same
# per-access lines (values read back from swap included) and the same statistics.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

need_bin vmref "$VMREF" || { summary; exit; }
BS=$ROOT/build/traces/backing.bin

# Two processes over 12 pages each, writing values and reading them back after
# eviction (4 frames): every policy evicts dirty pages to swap and pages them in again.
python3 - "$TMP" <<'PY'
import random, sys
r = random.Random(5)
lines = []
for i in range(600):
    who, page = r.choice([0, 1]), r.randrange(12)
    if r.random() < 0.3:
        lines.append((who, "W", page * 256 + 7, r.randrange(256)))
    else:
        lines.append((who, "R", page * 256 + 7, None))
for name, pid in (("a", 1), ("b", 65536), ("c", 4294967295)):
    with open(f"{sys.argv[1]}/{name}.txt", "w") as f:
        for who, k, addr, v in lines:
            f.write(f"{who * pid} {k} {addr}" + (f" {v}" if v is not None else "") + "\n")
PY

for policy in fifo lru clock opt; do
    "$VMREF" -f "$TMP/a.txt" -b "$BS" -n 4 -p "$policy" >"$TMP/a.out" 2>/dev/null
    for name in b c; do
        pid=$([ $name = b ] && echo 65536 || echo 4294967295)
        "$VMREF" -f "$TMP/$name.txt" -b "$BS" -n 4 -p "$policy" 2>/dev/null | sed "s/^pid $pid /pid 1 /" >"$TMP/$name.out"
        expect_same_file "$policy: pid 1 renamed $pid changes nothing" "$TMP/a.out" "$TMP/$name.out"
    done
done
expect_true "the trace reads values back from swap" "no write-back in the run" \
    bash -c "'$VMREF' -f '$TMP/a.txt' -b '$BS' -n 4 -q 2>&1 >/dev/null | grep -q 'write-backs [1-9]'"

summary

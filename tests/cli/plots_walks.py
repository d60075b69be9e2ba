#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""plots_walks.py SPARSE_WALKS_DAT DENSE_WALKS_DAT: the walk histogram's table has one
row per latency, and its L = 1 row (bars 2 cycles apart) keeps every bar's count.
Prints "plots-walks-labels<TAB>" and why it fails, if it does.  tests/cli/t_plots.sh.
"""
import sys
def blocks(path):
    out, cur = [], []
    for l in open(path):
        if l.startswith("#"):
            continue
        if not l.strip():
            if cur:
                out.append(cur)
            cur = []
            continue
        cur.append(l.split())
    if cur:
        out.append(cur)
    return out
s = blocks(sys.argv[1])
why = ""
if len(s) != 3:
    why = f"{len(s)} rows, want 3 (one per latency)"
elif any(r[5] != r[1] for r in s[0]):
    why = f"L = 1 row drops a count: {[(r[0], r[5]) for r in s[0]]}"
print("plots-walks-labels\t" + why)

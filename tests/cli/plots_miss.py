#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""plots_miss.py DAT TITLES ACCESSES WANT: plot (f)'s table (tools/plotdata.py misscost,
tests/cli/t_plots_miss.sh).  Prints "name<TAB>" when a check holds, "name<TAB>why" when not:
  plots-miss-oracle  each WANT line "SERIES|PWC|WALKS|PTE_READS|CYCLES" (counted by hand)
                     is the row of block SERIES (TITLES: the blocks' names, quoted words)
                     at page-walk-cache size PWC: walks/1k = 1000 WALKS / ACCESSES,
                     PTE reads/walk = PTE_READS / WALKS, cycles/access = CYCLES / ACCESSES
  plots-miss-bound   every row's PTE reads per walk is at most the preset's levels
                     (sv32 2, sv39 3, sv48 4) and at least 1 (the leaf), and a bigger
                     page-walk cache never reads more (so on this trace: no eviction)
"""
import shlex
import sys

dat, titles, n, want = sys.argv[1], shlex.split(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
blocks = [[l.split() for l in b.splitlines() if l.strip() and not l.startswith("#")]
          for b in open(dat).read().split("\n\n\n") if b.strip()]
why = ""
if len(blocks) != len(titles):
    why = f"{dat}: {len(blocks)} blocks, {len(titles)} names"
rows = dict(zip(titles, blocks))
for line in want.split("\n"):
    if why or not line.strip():
        continue
    series, pwc, walks, reads, cycles = line.split("|")
    walks, reads, cycles = int(walks), int(reads), int(cycles)
    got = [r for r in rows.get(series, []) if r[1] == pwc]
    if not got:
        why = f"no row for '{series}' at page-walk cache {pwc} (blocks: {titles})"
        break
    _, _, c, w, p, _ = got[0]
    exp = (cycles / n, 1000 * walks / n, reads / walks)
    for name, g, e in zip(("cycles/access", "walks/1k", "PTE reads/walk"), (c, w, p), exp):
        if abs(float(g) - e) > 0.0006:
            why = f"'{series}' cache {pwc}: {name} {g}, hand count {e:.4f}"
            break
print(f"plots-miss-oracle\t{why}")

why = ""
levels = {"sv32": 2, "sv39": 3, "sv48": 4}
for t, b in zip(titles, blocks):
    lv = levels[t.split(",")[0]]
    prev = None
    for r in sorted(b, key=lambda r: int(r[1])):
        p = float(r[4])
        if not 1 <= p <= lv:
            why = f"'{t}' cache {r[1]}: {p} PTE reads per walk, outside 1..{lv}"
        elif prev is not None and p > prev + 1e-9:
            why = f"'{t}': {p} PTE reads per walk at cache {r[1]}, more than {prev} with fewer entries"
        prev = p
        if why:
            break
    if why:
        break
print(f"plots-miss-bound\t{why}")

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""plots_trace.py TRACE PAGES: writes a sparse sv48 lackey trace (code near 4 MiB, a heap
at 0x5555_5000_0000, a stack near 0x7ffd_f000_0000; M lines, accesses across a page
boundary; seeded, so always the same) to TRACE, and to PAGES the page of every access
in order (an M line two, a line across a boundary one per page).  tests/cli/t_plots.sh.
"""
import random, sys
out, pages_out = sys.argv[1], sys.argv[2]
rnd = random.Random(7)
regions = [(0x400000, 24), (0x555550000000, 40), (0x7ffdf0000000, 6)]
lines, pages = ["==4242== Lackey, a made-up header line"], []
for i in range(12000):
    base, n = regions[rnd.choice([0, 0, 0, 1, 1, 2])]
    page = base // 4096 + rnd.randrange(n)
    op = rnd.choice(["I ", " L", " S", " M"])
    if i % 200 == 7:                    # 8 bytes, 2 before the page's end: two pages
        addr, size = page * 4096 + 4094, 8
        touched = [page, page + 1]
    else:
        addr, size = page * 4096 + rnd.randrange(0, 4000), 4
        touched = [page]
    lines.append(f"{op} {addr:08x},{size}")
    pages += touched * (2 if op == " M" else 1)
open(out, "w").write("\n".join(lines) + "\n")
open(pages_out, "w").write("\n".join(map(str, pages)) + "\n")

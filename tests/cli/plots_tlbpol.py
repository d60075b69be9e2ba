#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""plots_tlbpol.py DENSE_TLBPOL_DAT FEW_TLBPOL_DAT FEW_TRACE "POLICIES": plot (e)'s table
(tools/plotdata.py tlbpol, tests/cli/t_plots.sh).  Prints "name<TAB>" when a check
holds, "name<TAB>why" when it does not:
  plots-tlbpol-table       one block per associativity, each headed "# entries" and
                           one column per TLB policy of vmref's list, in its order;
                           every value a percentage in [0, 100] (or "-": not run)
  plots-tlbpol-compulsory  FEW_TRACE (text: one address a line, all reads, osc's
                           256-byte pages, 16-bit addresses) under a fully associative
                           lru TLB of at least as many entries as the trace has
                           distinct pages, every page resident: it misses only on
                           each page's first access, so its hit rate is exactly
                           100 * (1 - pages / accesses), counted here from the trace
"""
import sys

def blocks(path):
    """gnuplot's index blocks (two blank lines apart), each a list of split lines."""
    return [[l.split() for l in b.splitlines() if l.strip()]
            for b in open(path).read().split("\n\n\n") if b.strip()]

dense, few, trace, pols = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split()
why = ""
bs = blocks(dense)
if len(bs) != 2:
    why = f"{dense}: {len(bs)} blocks, want 2 (fully associative, 4-way)"
for b in bs:
    if why:
        break
    if b[0] != ["#", "entries"] + pols:
        why = f"{dense}: header {' '.join(b[0])}, want '# entries {' '.join(pols)}'"
        break
    es = [int(r[0]) for r in b[1:]]
    if len(es) < 2 or es != sorted(set(es)):
        why = f"{dense}: entries {es}: want 2 or more, rising"
    for r in b[1:]:
        if len(r) != 1 + len(pols):
            why = f"{dense}: row {r}: want entries and {len(pols)} values"
        elif any(v != "-" and not 0 <= float(v) <= 100 for v in r[1:]):
            why = f"{dense}: row {r}: a value outside [0, 100]"
        if why:
            break
print("plots-tlbpol-table\t" + why)

why = ""
addrs = [int(l) for l in open(trace) if l.strip()]
pages = len({(a & 0xFFFF) >> 8 for a in addrs})
want = f"{100 * (1 - pages / len(addrs)):.4f}"
fa = blocks(few)[0]          # the first block is the fully associative one
lru = 1 + pols.index("lru")
rows = [r for r in fa[1:] if int(r[0]) >= pages]
if not rows:
    why = f"{few}: no fully associative size of {pages} entries or more"
for r in rows:
    if r[lru] != want:
        why = (f"{few}: lru, {r[0]} entries: {r[lru]} %, want {want} % "
               f"(1 - {pages} pages / {len(addrs)} accesses)")
        break
print("plots-tlbpol-compulsory\t" + why)

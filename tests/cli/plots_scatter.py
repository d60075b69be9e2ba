#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""plots_scatter.py SPARSE_DAT PAGES_TXT N DENSE_DAT DENSE_TRACE: the scatter's table
against the trace's construction.  count: points numbered 1..N (vmref's count);
rank: a sparse trace's y is its page's rank in address order; dense: the dense osc
trace's y is the page number itself.  Prints "NAME<TAB>" and why it fails, if it
does, for each.  tests/cli/t_plots.sh.
"""
import sys
dat, pages_txt, want_n, ddat, dense = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
def rows(path):
    return [l.split() for l in open(path) if l.strip() and not l.startswith("#")]
pages = [int(l) for l in open(pages_txt)]
r = rows(dat)
xs = [int(x[0]) for x in r]
why = ""
if xs != list(range(1, len(pages) + 1)) or len(xs) != want_n:
    why = f"{len(xs)} points numbered {xs[:1]}..{xs[-1:]}, want 1..{want_n} (vmref's count)"
print("plots-scatter-count\t" + why)
order = sorted(set(pages))
want = [order.index(p) for p in pages]
got = [int(x[1]) for x in r]
why = "" if got == want else \
    f"y is not the rank in address order: first {got[:4]}, want {want[:4]} (pages {[hex(p) for p in pages[:4]]})"
print("plots-scatter-rank\t" + why)
# The dense osc trace keeps the page number itself (its 256 pages are the whole space).
dp = [(int(l, 0) & 0xFFFF) >> 8 for l in open(dense) if l.strip()]
dg = [int(x[1]) for x in rows(ddat)]
print("plots-scatter-dense\t" + ("" if dg == dp else f"y {dg[:4]}, want pages {dp[:4]}"))

#!/usr/bin/env python3
"""tools/plotdata.py -- turns the sweep's CSV, a trace, or vmsim's miss lists into
the small whitespace tables gnuplot draws (tools/plots.gp).  Stdlib only.

  plotdata.py faults  SWEEP.csv TRACE SETS WAYS OUT.dat   fault rate vs frames, per policy
  plotdata.py tlb     SWEEP.csv TRACE OUT.dat             TLB hit rate vs entries, per associativity
  plotdata.py scatter TRACE PAGE_BITS VA_BITS OUT.dat     page number vs access number
  plotdata.py walks   OUT.dat LEVELS LAT=MISSES.csv...    walk-latency histogram, per latency

Each writes OUT.dat as gnuplot "index" blocks (two blank lines between blocks) and
prints, on stdout, one line of shell assignments the caller evals: the block titles
(titles='"a" "b c" ...', which gnuplot's word() splits), and what the titles of the plot need (accesses, pages...).
"""

import csv
import shlex
import sys
from collections import OrderedDict, defaultdict

POLICIES = ["fifo", "lru", "lru-walk", "clock", "opt"]


def say(**kv):
    print(" ".join(f"{k}={shlex.quote(str(v))}" for k, v in kv.items()))


def qwords(ts):
    return " ".join(f'"{t}"' for t in ts)


def read_rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def write_blocks(out, blocks):
    """blocks: list of (title, [row tuples]); rows become space-separated lines."""
    with open(out, "w") as f:
        for i, (_, rows) in enumerate(blocks):
            if i:
                f.write("\n\n")
            for r in rows:
                f.write(" ".join(str(x) for x in r) + "\n")


def cmd_faults(csv_path, trace, sets, ways, out, order=None):
    # The policy grid: this trace, this TLB geometry, the TLB policy -p implies
    # (so the TLB-entries grid's rows, which all use an lru TLB with -p fifo, stay out).
    implied = {"lru": "lru", "lru-walk": "lru"}
    by = defaultdict(dict)
    accesses = 0
    lat = None
    for r in read_rows(csv_path):
        if r["trace"] != trace or r["tlb_sets"] != sets or r["tlb_ways"] != ways:
            continue
        if r["tlb_policy"] != implied.get(r["policy"], "fifo"):
            continue
        if lat is None:
            lat = r["mem_latency"]
        if r["mem_latency"] != lat:
            continue
        n = int(r["accesses"])
        accesses = n
        by[r["policy"]][int(r["frames"])] = (int(r["faults"]), n)
    blocks = []
    # ORDER (comma-separated) is the drawing order: on Belady's string several
    # policies coincide, and the one drawn last is the one on top.
    names = order.split(",") if order else POLICIES
    for p in names + sorted(set(by) - set(names)):
        if p not in by:
            continue
        rows = [(fr, f"{f / n:.6f}", f) for fr, (f, n) in sorted(by[p].items())]
        blocks.append((p, rows))
    if not blocks:
        sys.exit(f"plotdata: no rows for {trace} with TLB {sets}x{ways} in {csv_path}")
    write_blocks(out, blocks)
    frames = sorted({fr for p in by for fr in by[p]})
    say(titles=qwords(t for t, _ in blocks), accesses=accesses, fmax=frames[-1])


def cmd_tlb(csv_path, trace, out):
    # The TLB grid: -p fifo with an lru TLB and one frame count, the largest the grid
    # used for this trace (every page resident, so only the TLB decides).
    rows = [r for r in read_rows(csv_path)
            if r["trace"] == trace and r["tlb_policy"] == "lru" and r["policy"] == "fifo"]
    if not rows:
        sys.exit(f"plotdata: no TLB-grid rows (policy fifo, TLB lru) for {trace} in {csv_path}")
    frames = max(int(r["frames"]) for r in rows)
    lat = rows[0]["mem_latency"]
    rows = [r for r in rows if int(r["frames"]) == frames and r["mem_latency"] == lat]
    series = OrderedDict()
    ways_set = sorted({int(r["tlb_ways"]) for r in rows if int(r["tlb_sets"]) > 1})
    for w in ways_set:
        name = "direct-mapped (1-way)" if w == 1 else f"{w}-way"
        pts = sorted((int(r["tlb_entries"]), int(r["hits"]) / int(r["accesses"]))
                     for r in rows if int(r["tlb_ways"]) == w)
        series[name] = pts
    fa = sorted((int(r["tlb_entries"]), int(r["hits"]) / int(r["accesses"]))
                for r in rows if int(r["tlb_sets"]) == 1)
    if fa:
        series["fully associative"] = fa
    blocks = [(k, [(e, f"{100 * h:.4f}") for e, h in v]) for k, v in series.items()]
    write_blocks(out, blocks)
    ents = sorted({int(r["tlb_entries"]) for r in rows})
    say(titles=qwords(series), accesses=rows[0]["accesses"], frames=frames,
        emin=ents[0], emax=ents[-1])


def parse_addr(line):
    """(pid, address) of one trace line in any of the three formats, or None."""
    line = line.split("#", 1)[0].strip()
    if not line or line.startswith("="):
        return None
    f = line.replace(",", " ").split()
    try:
        if len(f) == 1:
            return 0, int(f[0], 0)
        if f[0] in ("I", "L", "S", "M"):
            return 0, int(f[1], 16)
        return int(f[0]), int(f[2], 0)
    except (ValueError, IndexError):
        return None


def cmd_scatter(trace, page_bits, va_bits, out, max_points=120000):
    page_bits, va_bits = int(page_bits), int(va_bits)
    mask = (1 << va_bits) - 1 if va_bits == 16 else (1 << 64) - 1
    # First pass counts accesses so a long trace is thinned evenly (every k-th access):
    # a PNG cannot show more points than it has pixels anyway.
    n = 0
    with open(trace, encoding="ascii", errors="replace") as f:
        for line in f:
            if parse_addr(line):
                n += 1
    k = max(1, -(-n // max_points))
    per_pid = defaultdict(list)
    pages = set()
    i = 0
    with open(trace, encoding="ascii", errors="replace") as f:
        for line in f:
            pa = parse_addr(line)
            if not pa:
                continue
            i += 1
            pid, a = pa
            pg = (a & mask) >> page_bits
            pages.add((pid, pg))
            if (i - 1) % k == 0:
                per_pid[pid].append((i, pg))
    pids = sorted(per_pid)
    write_blocks(out, [(f"pid {p}", per_pid[p]) for p in pids])
    say(titles=qwords(f"process {p}" for p in pids), accesses=n, pages=len(pages), every=k)


def cmd_walks(out, levels, *specs):
    """Each spec is L=MISSES.csv.  The contract's timing (docs/contract.md) names each
    bar: a walk that reads LEVELS PTEs takes 2 + LEVELS*(1+L) cycles, one more memory
    operation (1+L) when it writes A/D back; a page fault is its walk plus the retry's."""
    levels = int(levels)
    blocks = []
    for spec in specs:
        lat, path = spec.split("=", 1)
        lat_n = int(lat)
        count = defaultdict(lambda: [0, 0])  # cycles -> [misses, of which page faults]
        for r in read_rows(path):
            c = count[int(r["walk_cycles"])]
            c[0] += 1
            c[1] += r["page_fault"] == "yes"
        rows = []
        for cy, (n, f) in sorted(count.items()):
            if f * 2 > n:
                kind = "fault+retry"
            elif cy == 2 + levels * (1 + lat_n):
                kind = "walk"
            elif cy == 2 + (levels + 1) * (1 + lat_n):
                kind = "walk+A/D"
            else:
                kind = "other"
            rows.append((cy, n, f, kind))
        blocks.append((f"L = {lat}", rows))
    write_blocks(out, blocks)
    allc = [r[0] for _, rows in blocks for r in rows]
    say(titles=qwords(t for t, _ in blocks), cmax=max(allc) if allc else 1,
        misses=sum(r[1] for _, rows in blocks[:1] for r in rows))


def main(argv):
    cmds = {"faults": cmd_faults, "tlb": cmd_tlb, "scatter": cmd_scatter, "walks": cmd_walks}
    if len(argv) < 2 or argv[1] not in cmds:
        sys.exit(__doc__)
    cmds[argv[1]](*argv[2:])


if __name__ == "__main__":
    main(sys.argv)

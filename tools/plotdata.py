#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""tools/plotdata.py -- turns the sweep's CSV, a trace, or vmsim's miss lists into
the small whitespace tables gnuplot draws (tools/plots.gp).  Stdlib only.

  plotdata.py faults  SWEEP.csv TRACE SETS WAYS OUT.dat   fault rate vs frames, per policy
  plotdata.py tlb     SWEEP.csv TRACE OUT.dat             TLB hit rate vs entries, per associativity
  plotdata.py tlbpol  SWEEP.csv TRACE OUT.dat             TLB hit rate vs entries, per TLB policy
  plotdata.py misscost MISS.csv TRACE OUT.dat             miss cost vs page-walk cache, L2 TLB; --thp
  plotdata.py scatter TRACE PAGE_BITS VA_BITS OUT.dat [PID=MAPS...]  page (or its rank) vs access
  plotdata.py walks   OUT.dat LEVELS LAT=MISSES.csv...    walk-latency histogram, per latency
  plotdata.py pages   TRACE PAGE_BITS VA_BITS             distinct pages, as vmref reads them

A trace is read as vmref reads it: text, ext or lackey by its first line, gzip, xz or
zstd by its magic number; accesses are numbered as vmref counts them.  PROGRESS=1 (or
a terminal on stderr) shows the progress of reading a trace.

Each writes OUT.dat as gnuplot "index" blocks (two blank lines between blocks) and
prints, on stdout, one line of shell assignments the caller evals: the block titles
(titles='"a" "b c" ...', which gnuplot's word() splits), and what the titles of the plot need (accesses, pages...).
"""

import csv
import gzip
import lzma
import os
import shlex
import subprocess
import sys
import time
from array import array
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
    # The frame counts every policy ran: the TLB-policy grid's fifo row under a fifo
    # TLB of this geometry, every page resident, is also a fifo row here, at a frame
    # count the others lack when SWEEP_FRAMES leaves it out (one stray point).
    if len(by) > 1:
        common = set.intersection(*(set(v) for v in by.values()))
        for p in by:
            by[p] = {fr: v for fr, v in by[p].items() if fr in common}
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
    # A real program's fault rate falls a hundredfold and more, to its compulsory
    # faults (a few per 10 000 accesses), within the first few frames: on a linear
    # axis every curve then lies on 0.  Above a 50-fold range the axis is logarithmic
    # (every rate is above 0: each page's first access faults).
    rates = [f / n for p in by for f, n in by[p].values() if n]
    ylog = int(bool(rates) and min(rates) > 0 and max(rates) / min(rates) > 50)
    say(titles=qwords(t for t, _ in blocks), accesses=accesses, fmax=frames[-1], ylog=ylog)


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


def vmref_list(option):
    """vmref --list OPTION's names ($VMREF, default build/vmref, as tools/sweep.sh), or
    [] when there is no vmref to ask."""
    try:
        p = subprocess.run([os.environ.get("VMREF", "build/vmref"), "--list", option],
                           capture_output=True, text=True)
    except OSError:
        return []
    return p.stdout.split() if p.returncode == 0 else []


def cmd_tlbpol(csv_path, trace, out):
    # The TLB-policy grid: -p fifo, one frame count (every page resident), several TLB
    # policies over several sizes.  Of the frame counts -p fifo ran (the policy grid's
    # too, under a fifo TLB), the one with the most such rows is that grid's.
    rows = [r for r in read_rows(csv_path) if r["trace"] == trace and r["policy"] == "fifo"]
    groups = defaultdict(list)
    for r in rows:
        groups[(int(r["frames"]), r["mem_latency"])].append(r)
    kind = lambda r: "fully associative" if r["tlb_sets"] == "1" else f"{r['tlb_ways']}-way"
    best = None
    # A series is a TLB policy at 2+ sizes of one associativity; a panel needs 2+ series.
    def series(rs):
        by = defaultdict(lambda: defaultdict(set))
        for r in rs:
            by[kind(r)][r["tlb_policy"]].add(r["tlb_entries"])
        return {k: {p: es for p, es in v.items() if len(es) >= 2} for k, v in by.items()}
    for key, rs in groups.items():
        n = sum(sum(map(len, v.values())) for v in series(rs).values() if len(v) >= 2)
        if n and (best is None or (n, key[0]) > best[0]):
            best = ((n, key[0]), key)
    if best is None:
        # A sweep without the grid (SWEEP_POLICY_ASSOC empty, an older CSV): no plot,
        # said by the caller; the other plots go on.
        say(skip=f"no TLB-policy rows (-p fifo, two or more TLB policies over two or more "
                 f"sizes) for {trace} in {csv_path}")
        return
    frames, lat = best[1]
    ser = series(groups[best[1]])
    rows = [r for r in groups[best[1]] if len(ser[kind(r)]) >= 2 and r["tlb_policy"] in ser[kind(r)]]
    # One column per policy, in vmref's order (its --list: the one list), whatever
    # order the grids ran them in; names it does not list (an older vmref) after.
    known = vmref_list("tlb-policy")
    pols = sorted(dict.fromkeys(r["tlb_policy"] for r in rows),
                  key=lambda p: known.index(p) if p in known else len(known))
    panels = defaultdict(dict)   # kind -> entries -> policy -> hit %
    for r in rows:
        panels[kind(r)].setdefault(int(r["tlb_entries"]), {})[r["tlb_policy"]] = \
            100 * int(r["hits"]) / int(r["accesses"])
    names = list(panels)
    names.sort(key=lambda k: (k != "fully associative", int(k.split("-")[0]) if k[0].isdigit() else 0))
    blocks = []
    for k in names:
        body = [("#", "entries", *pols)]
        for e in sorted(panels[k]):
            body.append((e, *(f"{panels[k][e][p]:.4f}" if p in panels[k][e] else "-" for p in pols)))
        blocks.append((k, body))
    write_blocks(out, blocks)
    ents = sorted({e for k in names for e in panels[k]})
    # Where the policies meet, their marks lie on each other: the sizes at which every
    # policy's hit rate is the same (one way has no choice to make; a TLB that holds
    # every page misses only on first touches), per panel, for its title ("-": none).
    same = []
    for k in names:
        eq = [str(e) for e in sorted(panels[k]) if len(panels[k][e]) == len(pols)
              and len({round(v, 4) for v in panels[k][e].values()}) == 1]
        same.append(",".join(eq) or "-")
    # Each panel's lowest hit rate (its y axis starts below it).
    hmin = [f"{min(v for d in panels[k].values() for v in d.values()):.4f}" for k in names]
    say(titles=qwords(names), policies=" ".join(pols), accesses=rows[0]["accesses"], frames=frames,
        emin=ents[0], emax=ents[-1], hmin=" ".join(hmin), same=" ".join(same))

def miss_variant(opts, where):
    """(pwc entries, thp, (l2 sets, l2 ways)) of a variant's options (tools/sweep.sh
    variants writes them); anything else stops the plot, naming the row."""
    w = opts.split()
    pwc, thp, l2s, l2w, i = 0, False, 0, 0, 0
    try:
        while i < len(w):
            if w[i] == "--thp":
                thp, i = True, i + 1
                continue
            k, v = w[i], int(w[i + 1])
            if k == "--pwc-entries":
                pwc = v
            elif k == "--l2-sets":
                l2s = v
            elif k == "--l2-ways":
                l2w = v
            else:
                raise ValueError(k)
            i += 2
    except (ValueError, IndexError):
        sys.exit(f"plots: {where}: options '{opts}': not a miss-cost variant "
                 f"(--pwc-entries N, --thp, --l2-sets S --l2-ways W: tools/sweep.sh variants)")
    return pwc, thp, (l2s, l2w)


def cmd_misscost(csv_path, trace, out):
    # make sweep-miss's rows of this trace: one per preset x variant.  Per row, from
    # vmref's --stats: cycles/access = translation_cycles / accesses; walks/1k =
    # 1000 * walks / accesses; PTE reads/walk = pte_reads / walks (docs/miss-cost.md).
    cells = {}   # (config, thp) -> (pwc, l2) -> (cycles/access, walks/1k, PTE reads/walk, hit %)
    accesses, frames, lat, tlb = {}, set(), set(), set()
    for r in read_rows(csv_path):
        if r["trace"] != trace:
            continue
        pwc, thp, l2 = miss_variant(r.get("options") or "", f"{csv_path}: id {r['id']}")
        n, w = int(r["accesses"]), int(r["walks"])
        if not n:
            continue
        # --thp with the map: huge pages in anonymous regions only (Linux's rule);
        # without it (variants' thp all, or no map at all): in every range.
        kind = ("on" if r.get("maps") else "all") if thp else "off"
        cells.setdefault((r["config"], kind), {})[(pwc, l2)] = (
            int(r["cycles"]) / n, 1000 * w / n, int(r.get("pte_reads") or 0) / w if w else 0.0,
            100 * int(r["hits"]) / n)
        accesses[r["config"]] = n
        frames.add(r["frames"])
        lat.add(r["mem_latency"])
        tlb.add(f"{r['tlb_sets']}x{r['tlb_ways']} {r['tlb_policy']}")
    if not cells:
        sys.exit(f"plots: {csv_path}: no miss-cost rows for {trace} (make sweep-miss)")
    pwcs = sorted({p for c in cells.values() for p, _ in c})
    l2s = sorted({l for c in cells.values() for _, l in c}, key=lambda l: l[0] * l[1])
    # Each panel varies one remedy, the other held at its first value: none, when
    # the list has it (the page-walk cache's panel without an L2 TLB, the L2 TLB's
    # without a page-walk cache).  --thp off and on are the series of both.
    kinds = ["off", "on", "all"]
    series = sorted(cells, key=lambda k: (k[0], kinds.index(k[1])))
    label = {"off": "4 KiB pages", "on": "--thp, anonymous", "all": "--thp, every range"}
    name = lambda k: f"{k[0]}, {label[k[1]]}"
    # Walks to 3 decimals, or to 3 digits below 0.1 (huge pages everywhere: 0.000124),
    # which a log axis draws and 0.000 it would not.
    wf = lambda w: f"{w:.3f}" if w >= 0.1 else f"{w:.3g}"
    fmt = lambda v: (f"{v[0]:.4f}", wf(v[1]), f"{v[2]:.4f}", f"{v[3]:.3f}") if v else ("-",) * 4
    head = ("#", "x", "variant", "cycles/access", "walks/1k", "pte_reads/walk", "hit%")
    blocks = []
    for k in series:
        blocks.append((name(k), [head] + [(i, p, *fmt(cells[k].get((p, l2s[0]))))
                                          for i, p in enumerate(pwcs)]))
    l2name = lambda l: "none" if l == (0, 0) else f"{l[0]}x{l[1]}"
    if len(l2s) >= 2:
        for k in series:
            blocks.append((name(k), [head] + [(i, l2name(l), *fmt(cells[k].get((pwcs[0], l))))
                                              for i, l in enumerate(l2s)]))
    write_blocks(out, blocks)
    walks = [v[1] for c in cells.values() for v in c.values() if v[1] > 0]
    say(wmin=f"{min(walks, default=1):.6g}", wmax=f"{max(walks, default=1):.6g}",
        titles=qwords(name(k) for k in series), scfgs=" ".join(k[0] for k in series),
        thps=" ".join(k[1] for k in series), panels=2 if len(l2s) >= 2 else 1,
        pwcs=" ".join(map(str, pwcs)), l2s=" ".join(map(l2name, l2s)),
        pwc_at=l2name(l2s[0]), l2_at=pwcs[0],
        accesses=" ".join(sorted({str(n) for n in accesses.values()})),
        frames=" ".join(sorted(frames)), latency=" ".join(sorted(lat)), mtlb="; ".join(sorted(tlb)))


class Progress:
    """Progress of a long pass on stderr, when asked (PROGRESS=1) or when stderr is a
    terminal (PROGRESS unset); one line, rewritten in place, at most twice a second."""

    def __init__(self, what, total=None):
        want = os.environ.get("PROGRESS", "")
        self.on = want == "1" or (want == "" and sys.stderr.isatty())
        self.what, self.total, self.last, self.shown = what, total, 0.0, False

    def __call__(self, done, count):
        if not self.on:
            return
        now = time.monotonic()
        if now - self.last < 0.5:
            return
        self.last = now
        pct = f" ({100 * done // self.total} %)" if self.total else ""
        sys.stderr.write(f"\rplots: {self.what}: {count} accesses{pct}   ")
        sys.stderr.flush()
        self.shown = True

    def end(self):
        if self.shown:
            sys.stderr.write("\n")


# What vmref reads as compressed, by magic number (harness/trace/trace.c does the same).
MAGIC = [(b"\x1f\x8b", "gzip"), (b"\xfd7zXZ\x00", "xz"), (b"\x28\xb5\x2f\xfd", "zstd")]


def open_trace(path):
    """(binary line stream, function giving the file bytes consumed or None)."""
    try:
        raw = open(path, "rb")
    except OSError as e:
        sys.exit(f"plotdata: {path}: {e.strerror}")
    head = raw.peek(6)[:6]
    kind = next((k for m, k in MAGIC if head.startswith(m)), None)
    if kind == "gzip":
        return gzip.GzipFile(fileobj=raw), raw.tell
    if kind == "xz":
        return lzma.LZMAFile(raw), raw.tell
    if kind == "zstd":
        raw.close()
        try:
            p = subprocess.Popen(["zstd", "-dcq", "--", path], stdout=subprocess.PIPE)
        except OSError:
            sys.exit(f"plotdata: {path}: a zstd file, and the zstd program is missing")
        return p.stdout, None
    return raw, raw.tell


def detect(s):
    """The trace's format from its first significant line, as harness/trace/trace.c decides."""
    if s[:2] in (b"==", b"I ") or (len(s) >= 3 and s[0:1] == b" " and s[1:2] in (b"L", b"S", b"M")
                                   and s[2:3] == b" "):
        return "lackey"
    if any(len(t) == 1 and t in b"RWXrwx" for t in s.split()):
        return "ext"
    return "text"


def number(t, base=0):
    if base == 0:
        base = 16 if t[:2] in (b"0x", b"0X") else 10
        if base == 16:
            t = t[2:]
    if not t or not t.isalnum():
        raise ValueError
    return int(t, base)


def trace_pages(path, page_bits, va_bits, what="reading the trace", counts=None):
    """Yields (pid, page) for every access of TRACE, counted as vmref counts them: a
    lackey M line is two accesses (read, then write), a lackey access that crosses a
    page boundary one access per page it covers; other lines one access each.  So the
    access numbers are vmref's (its --stats "accesses", the sweep's column).  At the
    end, COUNTS["lines"] is the number of trace lines that held accesses."""
    f, pos = open_trace(path)
    size = os.path.getsize(path) if pos else None
    prog = Progress(what, size)
    # osc keeps the low 16 bits of an address (the textbook's rule); larger presets
    # take the address as it is (harness/os/os.c fit_rule).
    mask = (1 << va_bits) - 1 if va_bits == 16 else (1 << 64) - 1
    fmt = None
    n = lines = 0
    for lineno, raw in enumerate(f, 1):
        s = raw.split(b"#", 1)[0].rstrip(b"\r\n")
        if not s.strip():
            continue
        if fmt is None:
            fmt = detect(s)
        try:
            if fmt == "lackey":
                if s[:2] == b"==":
                    continue
                t = s.split()
                op = t[0]
                addr_s, size_s = t[1].split(b",")
                if op not in (b"I", b"L", b"S", b"M") or len(t) != 2:
                    raise ValueError
                a, sz = number(addr_s, 16), number(size_s, 10)
                if not 1 <= sz <= 4096:
                    raise ValueError
                # An access at the top of the address space stops there (as vmref's).
                first, last = a >> page_bits, min(a + sz - 1, (1 << 64) - 1) >> page_bits
                reps = 2 if op == b"M" else 1
                for _ in range(reps):
                    yield 0, (a & mask) >> page_bits
                    for pg in range(first + 1, last + 1):
                        yield 0, ((pg << page_bits) & mask) >> page_bits
                n += reps * (last - first + 1)
            elif fmt == "ext":
                # [pid] R|W|X addr [value] [U|S]: a pid is a number, a kind one letter.
                t = s.split()
                if len(t[0]) == 1 and t[0] in b"RWXrwx":
                    pid, a = 0, number(t[1])
                else:
                    pid, a = number(t[0], 10), number(t[2])
                yield pid, (a & mask) >> page_bits
                n += 1
            else:
                yield 0, (number(s.strip()) & mask) >> page_bits
                n += 1
        except (ValueError, IndexError):
            prog.end()
            sys.exit(f"plotdata: {path}:{lineno}: not a {fmt} trace line: "
                     f"{s[:40].decode('ascii', 'replace')!r}")
        lines += 1
        if not lines & 0xFFFF:
            prog(pos() if pos else 0, n)
    prog.end()
    if counts is not None:
        counts["lines"] = lines


def read_maps(specs):
    """PID=FILE specs (vmref's --maps) -> {pid: [(start, end, name)]}; the name is the
    mapped file's base name, [heap]/[stack]/..., or "anonymous"."""
    maps = defaultdict(list)
    for spec in specs:
        pid, _, path = spec.partition("=")
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                for lineno, line in enumerate(f, 1):
                    t = line.split(None, 5)
                    if not t or t[0].startswith("#"):
                        continue
                    try:
                        a, b = (int(x, 16) for x in t[0].split("-"))
                    except ValueError:
                        sys.exit(f"plotdata: {path}:{lineno}: expected 'START-END PERMS ...'")
                    name = t[5].strip() if len(t) > 5 else ""
                    maps[int(pid)].append((a, b, os.path.basename(name) if name else "anonymous"))
        except OSError as e:
            sys.exit(f"plotdata: {path}: {e.strerror}")
    return maps


def region_ticks(pages, page_bits, maps=None, max_labels=12):
    """pages: the distinct (pid, page) in address order, each drawn at its rank.
    Returns (breaks, ticks, names): the ranks where a region starts (at most
    MAX_LABELS-1, none closer than 1/(1.5*MAX_LABELS) of the axis to another, so their
    labels never overlap: first where the process changes, then, with MAPS, where the
    mapped file changes, then at the largest gaps of the address space), (label, rank)
    for each and for rank 0: the address where the region starts; and, with MAPS,
    (name, rank): what is mapped there."""
    n = len(pages)

    def name(r):
        pid, pg = pages[r]
        a = pg << page_bits
        hit = [nm for s, e, nm in maps.get(pid, []) if s <= a < e]
        return hit[0] if hit else "unmapped"

    names = [name(r) for r in range(n)] if maps else None
    cands = []
    for r in range(1, n):
        (p0, a), (p1, b) = pages[r - 1], pages[r]
        other = bool(names) and names[r] != names[r - 1]
        if p0 != p1 or other or b - a > 1:
            cands.append((p0 != p1, other, b - a if p0 == p1 else 0, r))
    cands.sort(reverse=True)
    sep = max(1, n / (max_labels * 1.5))
    chosen = [0]
    for *_, r in cands:
        if len(chosen) >= max_labels:
            break
        if all(abs(r - c) >= sep for c in chosen):
            chosen.append(r)
    chosen.sort()
    multi = len({p for p, _ in pages}) > 1

    def label(r):
        pid, pg = pages[r]
        return (f"{pid}: " if multi else "") + hex(pg << page_bits)

    def short(s):
        return s if len(s) <= 24 else s[:23] + "…"

    # A name is given where it changes (libc's five regions: once, at the first).
    shown = [(short(names[r]) if i == 0 or names[r] != names[chosen[i - 1]] else "", r)
             for i, r in enumerate(chosen)] if names else []
    return chosen[1:], [(label(r), r) for r in chosen], shown


def cmd_scatter(trace, page_bits, va_bits, out, *maps, max_points=120000):
    """Page against access number.  A sparse address space (a real program's: code
    near 0, libraries, a stack near the top of 47 bits) drawn on a linear page axis is
    a few flat lines, hundreds of pages on each pixel row; so when a linear axis would
    merge more than half of the distinct pages into rows shared with others, the y
    axis is the page's rank among the distinct pages in address order, the gaps closed
    and marked (ymode=rank).  MAPS (PID=FILE, as vmref's --maps) name what is mapped
    where each region starts."""
    page_bits, va_bits = int(page_bits), int(va_bits)
    pids = array("q")
    pgs = array("q")  # pages < 2^52: page_bits >= 8, osc masked to 16 bits
    counts = {}
    for pid, pg in trace_pages(trace, page_bits, va_bits, "scatter: reading the trace", counts):
        pids.append(pid)
        pgs.append(pg)
    n = len(pgs)
    distinct = sorted(set(zip(pids, pgs)))
    if not distinct:
        sys.exit(f"plotdata: {trace}: no accesses")
    # The linear axis runs from page 0 (to the space's end when it is small: osc's
    # 256 pages); about 700 pixel rows tall.  Where it would draw more than half of the
    # distinct pages on rows other pages already use, it is the rank axis instead.
    top = (1 << (va_bits - page_bits)) if va_bits - page_bits <= 16 else max(p for _, p in distinct) + 1
    rows = {p * 700 // top for _, p in distinct}
    sparse = len(rows) < min(len({p for _, p in distinct}), 700) / 2
    rank = {k: i for i, k in enumerate(distinct)} if sparse else None
    # A PNG cannot show more points than it has pixels: a long trace is thinned evenly.
    k = max(1, -(-n // max_points))
    per_pid = defaultdict(list)
    for i in range(0, n, k):
        key = (pids[i], pgs[i])
        per_pid[key[0]].append((i + 1, rank[key] if sparse else key[1], hex(key[1])))
    ps = sorted(per_pid)
    ycol = "rank of the page among the distinct pages" if sparse else "page number"
    with open(out, "w") as f:
        f.write(f"# access number, {ycol}, page number\n")
        for bi, p in enumerate(ps):
            if bi:
                f.write("\n\n")
            for r in per_pid[p]:
                f.write(f"{r[0]} {r[1]} {r[2]}\n")
    kv = dict(titles=qwords(f"process {p}" for p in ps), accesses=n,
              lines=counts["lines"], pages=len(distinct), every=k,
              ymode="rank" if sparse else "page")
    if sparse:
        breaks, ticks, names = region_ticks(distinct, page_bits, read_maps(maps))
        kv["breaks"] = " ".join(str(r) for r in breaks)
        kv["yticks"] = ", ".join(f'"{t}" {r}' for t, r in ticks)
        kv["y2ticks"] = ", ".join(f'"{t}" {r}' for t, r in names)
    say(**kv)


KINDS = ["walk", "walk+A/D", "fault+retry", "other"]


def place_labels(bars, ppc, char_px=6.5, line_px=13):
    """bars: [(cycles, label)] of one row; PPC: pixels per cycle on the x axis.
    Returns (rotation, kept labels): horizontal when no two neighbours' labels touch,
    else turned 90 degrees (one line of text wide); if even those would touch, the
    bigger counts keep theirs (the log axis still gives every bar's height)."""
    xs = sorted(bars)

    def fits(width):
        return all((b[0] - a[0]) * ppc >= (width(a) + width(b)) / 2 + 3 for a, b in zip(xs, xs[1:]))

    if fits(lambda b: len(b[1]) * char_px):
        return 0, {x for x, _ in xs}
    kept = []
    for x, lab in sorted(xs, key=lambda b: -int(b[1])):
        if all(abs(x - k) * ppc >= line_px + 2 for k in kept):
            kept.append(x)
    return 90, set(kept)


def cmd_walks(out, levels, *specs, plot_px=1220):
    """Each spec is L=MISSES.csv: one block (one row of the plot) per latency.  The
    contract's timing (docs/contract.md) names each bar: a walk that reads LEVELS PTEs
    takes 2 + LEVELS*(1+L) cycles, one more memory operation (1+L) when it writes A/D
    back; a page fault is its walk plus the retry's (on a multi-level preset the
    faulting walk may stop at any level, so faults spread over several bars)."""
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
            rows.append([cy, n, f, kind, KINDS.index(kind) + 1])
        blocks.append((lat_n, rows))
    allc = [r[0] for _, rows in blocks for r in rows]
    cmax = max(allc) if allc else 1
    ppc = plot_px / (cmax + 2)
    rots, rtitles = [], []
    for lat_n, rows in blocks:
        rot, kept = place_labels([(r[0], str(r[1])) for r in rows], ppc)
        rots.append(str(rot))
        for r in rows:
            r.append(str(r[1]) if r[0] in kept else "_")
        parts = []
        for kind in KINDS:
            cs = [r[0] for r in rows if r[3] == kind]
            if cs:
                span = f"{cs[0]}" if len(cs) == 1 else f"{cs[0]}-{cs[-1]}"
                parts.append(f"{kind} {span}")
        n = sum(r[1] for r in rows)
        rtitles.append(f"L = {lat_n}: {n} TLB misses; cycles: {', '.join(parts)}")
    with open(out, "w") as f:
        f.write("# cycles, misses, of which page faults, kind, kind index (1..4), label\n")
        for i, (_, rows) in enumerate(blocks):
            if i:
                f.write("\n\n")
            for r in rows:
                f.write(" ".join(str(x) for x in r) + "\n")
    ymax = max([r[1] for _, rows in blocks for r in rows] or [1])
    say(titles=qwords(rtitles), cmax=cmax, ymax=ymax, rots=" ".join(rots),
        kinds=qwords(k for k in KINDS if any(r[3] == k for _, rows in blocks for r in rows)),
        misses=sum(r[1] for _, rows in blocks[:1] for r in rows))


def cmd_pages(trace, page_bits, va_bits):
    """Distinct (pid, page) of TRACE, as vmref reads it."""
    pages = set(trace_pages(trace, int(page_bits), int(va_bits), "counting pages"))
    say(pages=len(pages))


def main(argv):
    cmds = {"faults": cmd_faults, "tlb": cmd_tlb, "tlbpol": cmd_tlbpol, "scatter": cmd_scatter, "walks": cmd_walks,
            "pages": cmd_pages, "misscost": cmd_misscost}
    if len(argv) < 2 or argv[1] not in cmds:
        sys.exit(__doc__)
    cmds[argv[1]](*argv[2:])


if __name__ == "__main__":
    main(sys.argv)

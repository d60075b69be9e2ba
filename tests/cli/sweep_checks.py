#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""sweep_checks.py CSV JOBS VMREF SEED BELADY SUMMARY TLB_POLICIES: the checks of
tests/cli/t_sweep.sh on a sweep's CSV (rows, single, opt, stack, belady, summary, the
summary's table by TLB policy: see its header), random rows
drawn with SEED.  Each prints "name<TAB>" and nothing else when it holds, or
"name<TAB>why" when it does not.
"""
import csv, json, os, random, re, subprocess, sys, tempfile
from collections import defaultdict

csv_path, jobs_path, vmref, seed, belady, summary, tpols = sys.argv[1:8]
rows = list(csv.DictReader(open(csv_path, newline="")))
jobs = [l.strip() for l in open(jobs_path) if l.strip()]
CONF = ["sim", "config", "tlb_sets", "tlb_ways", "tlb_policy", "frames", "policy",
        "mem_latency", "trace"]
# The job line: maps and options after the trace, an empty one at the end left out.
jobline = lambda r: ",".join([r[c] for c in CONF] + [r.get("maps", ""), r.get("options", "")]).rstrip(",")

def report(name, why=""):
    print(f"{name}\t{why}")

# rows: exactly one row per job, in job order, with the job's configuration.
why = ""
if len(rows) != len(jobs):
    why = f"{len(rows)} rows for {len(jobs)} configurations"
else:
    for i, (r, j) in enumerate(zip(rows, jobs), 1):
        if r["id"] != str(i) or jobline(r) != j:
            why = f"row {i} is {jobline(r)!r}, job {i} is {j!r}"
            break
report("sweep-rows", why)

# single: a few random rows against single runs (python reads vmref's JSON itself).
rng = random.Random(int(seed))
why = ""
for r in rng.sample(rows, min(6, len(rows))) + [r for r in rows if r.get("maps") or r.get("options")]:
    with tempfile.NamedTemporaryFile(suffix=".json") as st:
        cmd = [vmref, "-q", "-f", r["trace"], "-n", r["frames"], "-p", r["policy"],
               "-t", r["tlb_policy"], "--tlb-sets", r["tlb_sets"], "--tlb-ways", r["tlb_ways"],
               "--config", r["config"], "--mem-latency", r["mem_latency"], "--stats", st.name]
        for m in r.get("maps", "").split():
            cmd[-2:-2] = ["--maps", m]
        cmd[-2:-2] = r.get("options", "").split()
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            why = f"row {r['id']}: {' '.join(cmd)} failed: {p.stderr.strip()[-200:]}"
            break
        s = json.load(open(st.name))
    want = {"accesses": s["accesses"], "faults": s["page_faults"], "hits": s["tlb_hits"],
            "walks": s["walks"], "cycles": s["translation_cycles"], "pte_reads": s["pte_reads"]}
    got = {k: int(r[k]) for k in want}
    if got != want:
        why = f"row {r['id']} ({','.join(r[c] for c in CONF)}): CSV {got}, single run {want}"
        break
report("sweep-single-runs", why)

# The policy grid: rows with the TLB geometry 1x16 (the TLB grid uses others, and an
# lru TLB under -p fifo, which the policy grid never does).
grid = defaultdict(dict)  # (trace, policy) -> frames -> faults
for r in rows:
    if (r["tlb_sets"], r["tlb_ways"]) != ("1", "16") or r["trace"].endswith(("/m.txt", "/pol.txt")):
        continue  # the TLB grids', or the maps check's (one frame count, no opt)
    implied = "lru" if r["policy"] in ("lru", "lru-walk") else "fifo"
    if r["tlb_policy"] != implied:
        continue
    grid[(r["trace"], r["policy"])][int(r["frames"])] = int(r["faults"])

why = ""
checked = 0
for (trace, pol), by in sorted(grid.items()):
    if pol == "opt":
        continue
    opt = grid.get((trace, "opt"), {})
    for fr, f in sorted(by.items()):
        if fr not in opt:
            why = f"{trace}: no opt row at {fr} frames"
        elif opt[fr] > f:
            why = f"{trace}, {fr} frames: opt {opt[fr]} faults > {pol} {f}"
        checked += 1
        if why:
            break
    if why:
        break
if not why and checked < 100:
    why = f"only {checked} comparisons"
report("sweep-opt-lowest", why)

why = ""
for (trace, pol), by in sorted(grid.items()):
    if pol not in ("lru", "opt"):
        continue
    fs = sorted(by.items())
    for (f1, a), (f2, b) in zip(fs, fs[1:]):
        if b > a:
            why = f"{trace} {pol}: {a} faults at {f1} frames, {b} at {f2}"
            break
    if why:
        break
if not why and sum(1 for t, p in grid if p in ("lru", "opt")) < 6:
    why = "too few lru/opt series"
report("sweep-stack-non-increasing", why)

fifo = grid.get((belady, "fifo"), {})
got = (fifo.get(3), fifo.get(4))
report("sweep-belady-fifo", "" if got == (9, 10) else
       f"FIFO on Belady's string: {got[0]} faults at 3 frames, {got[1]} at 4 (want 9, 10)")

# The TLB grid: fully associative (1 set) LRU TLB, -p fifo, frames >= pages (the grid
# used exactly the trace's distinct pages: "pages").
tlb = defaultdict(dict)
for r in rows:
    if r["tlb_policy"] == "lru" and r["policy"] == "fifo" and r["tlb_sets"] == "1":
        tlb[r["trace"]][int(r["tlb_entries"])] = (int(r["hits"]), int(r["frames"]),
                                                 int(r["faults"]))
why = ""
for trace, by in sorted(tlb.items()):
    es = sorted(by.items())
    if len(es) < 5:
        why = f"{trace}: only {len(es)} TLB sizes"
        break
    # frames >= distinct pages: every fault is a cold one, the same count at every size.
    if len({f for _, (_, _, f) in es}) != 1:
        why = f"{trace}: page faults vary with TLB size, so pages were evicted"
        break
    for (e1, (h1, _, _)), (e2, (h2, _, _)) in zip(es, es[1:]):
        if h2 < h1:
            why = f"{trace}: {h1} hits with {e1} entries, {h2} with {e2}"
            break
    if why:
        break
if not why and len(tlb) < 2:
    why = f"TLB grid rows for {len(tlb)} traces, want 2"
report("sweep-tlb-non-decreasing", why)

# The summary's tables: each cell against the CSV (faults, or 100 * hits / accesses).
why, cells, bel = "", 0, None
lines = open(summary).read().split("\n")
i = 0
while i < len(lines) and not why:
    m = re.match(r"^(page faults|TLB hit rate %): (\S+) \((\d+) accesses\), (\S+) (\S+)(?:, maps (\S+))?"
                 r"(?:, options ([^,]+))?, (.*)$", lines[i])
    if not m:
        i += 1
        continue
    kind, trace, _, sim, config, maps, opts, rest = m.groups()
    extra = lambda r: r.get("maps", "") == (maps or "") and r.get("options", "") == (opts or "")
    cols = lines[i + 1].split()[3:]
    i += 2
    while i < len(lines) and lines[i].startswith("  ") and not lines[i].startswith(("  *", "  - :")):
        f = lines[i].split()
        label, vals = " ".join(f[:-len(cols)]), f[-len(cols):]
        for c, v in zip(cols, vals):
            if v == "-":
                continue
            cells += 1
            if kind == "page faults":
                tlb, lat = re.match(r"TLB (\d+x\d+), latency (\d+)", rest).groups()
                pol = label.split()[0]
                want = [r["faults"] for r in rows if r["trace"] == trace and r["policy"] == pol
                        and r["frames"] == c and f"{r['tlb_sets']}x{r['tlb_ways']}" == tlb
                        and r["mem_latency"] == lat and extra(r)
                        and (("(TLB" in label) == (r["tlb_policy"] != ("lru" if pol in ("lru", "lru-walk") else "fifo")))]
                got = v.rstrip("*")
                if trace == belady and label == "fifo":
                    bel = (bel or []) + [v]
            else:
                fr, pol, tp = re.match(r"(\d+) frames, -p (\S+), TLB (\S+),", rest).groups()
                want = [f"{100 * int(r['hits']) / int(r['accesses']):.1f}" for r in rows
                        if r["trace"] == trace and r["frames"] == fr and r["policy"] == pol and extra(r)
                        and r["tlb_policy"] == tp and int(r["tlb_sets"]) * int(r["tlb_ways"]) == int(c)
                        and ((r["tlb_sets"] == "1") if label == "fully assoc." else
                             (r["tlb_sets"] != "1" and label == f"{r['tlb_ways']}-way"))]
                got = v
            if want != [got]:
                why = f"{kind} table of {trace}, row {label!r}, column {c}: {got}, CSV has {want}"
                break
        i += 1
if not why and cells < 100:
    why = f"only {cells} cells in the summary's tables"
if not why and bel != "12 12 9 10* 5 5 5".split():
    why = f"FIFO on Belady's string reads {bel}, want 12 12 9 10* 5 5 5"
report("sweep-summary", why)

# The tables by TLB policy: one per trace x associativity run under several TLB
# policies (the grid over pol.txt: fully associative and 4-way); a row per policy of
# vmref's list, in its order, each cell 100 * hits / accesses of the one CSV row.
why, cells, tables = "", 0, 0
i = 0
while i < len(lines) and not why:
    m = re.match(r"^TLB hit rate % by TLB policy: (\S+) \((\d+) accesses\), (\S+) (\S+), "
                 r"(\d+) frames, -p (\S+), (fully assoc\.|\d+-way), latency (\d+)$", lines[i])
    if not m:
        i += 1
        continue
    trace, _, sim, config, fr, pol, kind, lat = m.groups()
    tables += 1
    cols = lines[i + 1].split()[4:]
    i += 2
    labels = []
    while i < len(lines) and lines[i].startswith("  ") and not lines[i].startswith("  - :"):
        f = lines[i].split()
        labels.append(f[0])
        for c, v in zip(cols, f[1:]):
            if v == "-":
                continue
            cells += 1
            want = [f"{100 * int(r['hits']) / int(r['accesses']):.1f}" for r in rows
                    if r["trace"] == trace and r["frames"] == fr and r["policy"] == pol
                    and r["tlb_policy"] == f[0] and r["mem_latency"] == lat
                    and int(r["tlb_entries"]) == int(c)
                    and ((r["tlb_sets"] == "1") if kind == "fully assoc." else
                         (r["tlb_sets"] != "1" and kind == f"{r['tlb_ways']}-way"))]
            if want != [v]:
                why = f"table by TLB policy of {trace}, {kind}, row {f[0]}, column {c}: {v}, CSV has {want}"
                break
        i += 1
    if not why and labels != tpols.split():
        why = f"table by TLB policy of {trace}, {kind}: rows {labels}, want vmref's {tpols.split()}"
if not why and (tables != 2 or cells < 40):
    why = f"{tables} tables by TLB policy ({cells} cells), want 2 (pol.txt: fully associative, 4-way)"
report("sweep-summary-tlb-policy", why)

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cli/t_sweep.sh -- the sweep (tools/sweep.sh) and what its numbers must show.
#
# Runs a small sweep (vmref only, ~170 configurations of 12..2000-access traces, a
# few seconds) and checks:
#   rows        the CSV has one row per configuration, ids 1..N in order
#   single      a few rows, chosen at random, equal a single vmref run of the same
#               configuration (accesses, faults, hits, walks, cycles from its --stats)
#   opt         OPT's faults <= every other policy's, at each trace and frame count
#   stack       faults non-increasing in frames for lru and opt (stack algorithms)
#   belady      FIFO on 1 2 3 4 1 2 5 1 2 3 4 5: 9 faults at 3 frames, 10 at 4
#   tlb         TLB hits non-decreasing in entries, fully associative LRU TLB, every
#               page resident
#   progress    with PROGRESS=1, "sweep: D/N runs" lines on stderr, D rising to N, none
#               in the CSV; without it (stderr a file), none at all
#   summary     tools/sweep.sh summary's tables: FIFO on Belady's string reads
#               12 12 9 10* 5 5 5, and every cell equals the CSV's faults or hit rate
#   maps        grid --maps: a trace of pages 0..9 twice, a map of pages 0..4: the row
#               with the map has 5 faults (the mapped pages), without it 10, and
#               the maps column holds the map
# SWEEP_TEST_SEED=N picks the same random rows again.

. "$(dirname "$0")/../lib.sh"

need_bin sweep-vmref "$VMREF" || summary
need_bin sweep-tracegen "$TRACEGEN" || summary
if ! command -v python3 >/dev/null; then
    skip sweep "python3 is missing"
    summary
fi

# The traces: locality (the project's default generator mode), a loop that is larger
# than most frame counts (LRU's worst case), and Belady's string (pages x 256).
"$TRACEGEN" --mode locality --seed 5 --count 1000 -o "$TMP/loc.txt" &&
    "$TRACEGEN" --mode loop --pages 12 --stride 128 --count 2000 -o "$TMP/loop.txt" ||
    { fail sweep-traces "tracegen failed"; summary; }
for p in 1 2 3 4 1 2 5 1 2 3 4 5; do echo $((p * 256)); done >"$TMP/belady.txt"

jobs=$TMP/jobs.txt
{
    bash tools/sweep.sh grid --traces "$TMP/loc.txt $TMP/loop.txt" \
        --frames "1 2 3 4 5 6 8 10 12 16 24" &&
        bash tools/sweep.sh grid --traces "$TMP/belady.txt" --frames "1 2 3 4 5 6 7" &&
        bash tools/sweep.sh grid --traces "$TMP/loc.txt $TMP/loop.txt" --policies fifo \
            --tlb-policy lru --frames pages --entries "1 2 4 8 16 32 64" --assoc "1 2 fa"
} >"$jobs" 2>"$TMP/grid.err" || { fail sweep-grid "$(tail -1 "$TMP/grid.err")"; summary; }
njobs=$(grep -c . "$jobs")
if [ "$njobs" -lt 100 ]; then
    fail sweep-grid "only $njobs configurations (want at least 100)"
fi

# Maps: pages 0..9 of osc (256-byte pages) twice; the map covers pages 0..4.
for i in 1 2; do for p in 0 1 2 3 4 5 6 7 8 9; do echo $((p * 256 + 17)); done; done >"$TMP/m.txt"
echo '00000000-00000500 rw-p 00000000 00:00 0 [heap]' >"$TMP/m.maps"
mjobs=$TMP/mjobs.txt
{
    bash tools/sweep.sh grid --traces "$TMP/m.txt" --policies fifo --frames 16 \
        --maps "0=$TMP/m.maps" &&
        bash tools/sweep.sh grid --traces "$TMP/m.txt" --policies fifo --frames 16
} >"$mjobs" 2>"$TMP/mgrid.err" || fail sweep-maps "grid --maps failed: $(tail -1 "$TMP/mgrid.err")"
cat "$mjobs" >>"$jobs"
njobs=$((njobs + 2))

csv=$TMP/sweep.csv
t0=$SECONDS
if ! PROGRESS=1 bash tools/sweep.sh run -o "$csv" "$jobs" 2>"$TMP/run.err"; then
    fail sweep-run "tools/sweep.sh run failed: $(tail -2 "$TMP/run.err" | tr '\n' ' ')"
fi
echo "# sweep: $njobs configurations in $((SECONDS - t0)) s"
[ -r "$csv" ] || { fail sweep-run "no CSV"; summary; }

# Progress: PROGRESS=1 with stderr a file: lines "sweep: D/N runs ...", D rising to N.
prog=$(sed -n 's/^sweep: \([0-9]*\)\/\([0-9]*\) runs.*/\1 \2/p' "$TMP/run.err")
if [ -z "$prog" ]; then
    fail sweep-progress "no 'sweep: D/N runs' line with PROGRESS=1: $(head -3 "$TMP/run.err" | tr '\n' '|')"
elif ! awk -v n="$njobs" '$2 != n || $1 <= last { bad = 1 } { last = $1 }
        END { exit bad || last != n }' <<<"$prog"; then
    fail sweep-progress "counts not rising to $njobs/$njobs: $(tr '\n' ' ' <<<"$prog")"
elif grep -q 'runs' "$csv"; then
    fail sweep-progress "progress text in the CSV"
else
    pass sweep-progress
fi
# Without PROGRESS and with stderr a file: quiet; the CSV on stdout is only rows.
if env -u PROGRESS bash tools/sweep.sh run -j 1 "$mjobs" >"$TMP/m.csv" 2>"$TMP/m.err" &&
    ! grep -q ' runs' "$TMP/m.err" && [ "$(grep -c . "$TMP/m.csv")" -eq 3 ] &&
    head -1 "$TMP/m.csv" | grep -q '^id,'; then
    pass sweep-progress-quiet
else
    fail sweep-progress-quiet "$(tr '\n' '|' <"$TMP/m.err") / $(head -3 "$TMP/m.csv" | tr '\n' '|')"
fi

# Maps: with the map, 5 faults (pages 0..4; pages 5..9 are segmentation faults and
# never loaded); without it, 10.
got=$(awk -F, -v t="$TMP/m.txt" 'NR > 1 && $11 == t { print ($18 != "" ? "maps" : "none") "=" $13 }' "$csv" |
    sort | tr '\n' ' ')
expect_eq sweep-maps "maps=5 none=10 " "$got" "faults of the trace of pages 0..9 with a map of pages 0..4, and without"
got=$(awk -F, -v t="$TMP/m.txt" 'NR > 1 && $11 == t && $18 != "" { print $18 }' "$csv")
expect_eq sweep-maps-column "0=$TMP/m.maps" "$got" "the maps column"

# Summary: the tables, checked against the CSV by the python below.
bash tools/sweep.sh summary "$csv" >"$TMP/summary.txt" 2>"$TMP/summary.err" ||
    fail sweep-summary "tools/sweep.sh summary failed: $(tail -1 "$TMP/summary.err")"

seed=${SWEEP_TEST_SEED:-$RANDOM}
echo "# sweep: random rows chosen with SWEEP_TEST_SEED=$seed"

# The checks, in python: each prints "name<TAB>" and nothing else when it holds, or
# "name<TAB>why" when it does not.
python3 - "$csv" "$jobs" "$VMREF" "$seed" "$TMP/belady.txt" "$TMP/summary.txt" >"$TMP/checks.txt" 2>"$TMP/checks.err" <<'PY'
import csv, json, os, random, re, subprocess, sys, tempfile
from collections import defaultdict

csv_path, jobs_path, vmref, seed, belady, summary = sys.argv[1:7]
rows = list(csv.DictReader(open(csv_path, newline="")))
jobs = [l.strip() for l in open(jobs_path) if l.strip()]
CONF = ["sim", "config", "tlb_sets", "tlb_ways", "tlb_policy", "frames", "policy",
        "mem_latency", "trace"]
jobline = lambda r: ",".join([r[c] for c in CONF] + ([r["maps"]] if r.get("maps") else []))

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
for r in rng.sample(rows, min(6, len(rows))) + [r for r in rows if r.get("maps")]:
    with tempfile.NamedTemporaryFile(suffix=".json") as st:
        cmd = [vmref, "-q", "-f", r["trace"], "-n", r["frames"], "-p", r["policy"],
               "-t", r["tlb_policy"], "--tlb-sets", r["tlb_sets"], "--tlb-ways", r["tlb_ways"],
               "--config", r["config"], "--mem-latency", r["mem_latency"], "--stats", st.name]
        for m in r.get("maps", "").split():
            cmd[-2:-2] = ["--maps", m]
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            why = f"row {r['id']}: {' '.join(cmd)} failed: {p.stderr.strip()[-200:]}"
            break
        s = json.load(open(st.name))
    want = {"accesses": s["accesses"], "faults": s["page_faults"], "hits": s["tlb_hits"],
            "walks": s["walks"], "cycles": s["translation_cycles"]}
    got = {k: int(r[k]) for k in want}
    if got != want:
        why = f"row {r['id']} ({','.join(r[c] for c in CONF)}): CSV {got}, single run {want}"
        break
report("sweep-single-runs", why)

# The policy grid: rows with the TLB geometry 1x16 (the TLB grid uses others, and an
# lru TLB under -p fifo, which the policy grid never does).
grid = defaultdict(dict)  # (trace, policy) -> frames -> faults
for r in rows:
    if (r["tlb_sets"], r["tlb_ways"]) != ("1", "16") or r["trace"].endswith("/m.txt"):
        continue  # the TLB grid's, or the maps check's (one frame count, no opt)
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
    m = re.match(r"^(page faults|TLB hit rate %): (\S+) \((\d+) accesses\), (\S+) (\S+)(?:, maps (\S+))?, (.*)$", lines[i])
    if not m:
        i += 1
        continue
    kind, trace, _, sim, config, maps, rest = m.groups()
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
                        and r["mem_latency"] == lat and r.get("maps", "") == (maps or "")
                        and (("(TLB" in label) == (r["tlb_policy"] != ("lru" if pol in ("lru", "lru-walk") else "fifo")))]
                got = v.rstrip("*")
                if trace == belady and label == "fifo":
                    bel = (bel or []) + [v]
            else:
                fr, pol, tp = re.match(r"(\d+) frames, -p (\S+), TLB (\S+),", rest).groups()
                want = [f"{100 * int(r['hits']) / int(r['accesses']):.1f}" for r in rows
                        if r["trace"] == trace and r["frames"] == fr and r["policy"] == pol
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
PY
rc=$?
while IFS= read -r line; do
    name=${line%%$'\t'*}
    why=${line#*$'\t'}
    if [ "$name" = "$line" ]; then
        fail sweep-checks "stray output: $line"
    elif [ -z "$why" ]; then
        pass "$name"
    else
        fail "$name" "$why"
    fi
done <"$TMP/checks.txt"
if [ "$rc" -ne 0 ] || [ "$(grep -c . "$TMP/checks.txt")" -ne 7 ]; then
    fail sweep-checks "the checker stopped (status $rc): $(tail -1 "$TMP/checks.err")"
fi

summary

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""messages_stats_names.py STDERR STATS_JSON TRACE: vmref's --stats JSON names each
count of its stderr count lines as the text does (snake_case), with the same value,
and records the run's configuration (tests/cli/t_messages.sh's run: -n 20 -p clock
-t lru, a 2x4 TLB, latency 2, --skip 10 --max 2000 -q).  Prints "ok" or what differs.
"""
import json, re, sys
err, js, trace = open(sys.argv[1]).read(), json.load(open(sys.argv[2])), sys.argv[3]
bad = []
# Every "name N" of the two count lines on stderr: name in snake_case is a JSON key
# with the same value.
lines = [l for l in err.splitlines() if l.startswith("vmref: walks")]
pairs = re.findall(r"([A-Za-z/ -]+?) (\d+)(?=[,);]|$| \()", ";".join(l.split(": ", 1)[1] for l in lines))
for name, val in pairs:
    name = name.strip(" (").lower()
    if name.startswith("walks by ptes read") or re.fullmatch(r"\d", name) or name == "":
        continue
    key = re.sub(r"[^a-z]+", "_", name.replace("a/d", "ad")).strip("_")
    if key not in js:
        bad.append(f"no JSON key {key!r} for the text's {name!r}")
    elif js[key] != int(val):
        bad.append(f"{key}: JSON {js[key]}, text {val}")
if len(pairs) < 10:
    bad.append(f"only {len(pairs)} counts found on stderr")
c = js.get("config", {})
want = {"trace": trace, "frames": 20, "policy": "clock", "tlb_policy": "lru", "tlb_sets": 2, "tlb_ways": 4,
        "config": "osc", "mem_latency": 2, "skip": 10, "max": 2000, "quiet": True}
for k, v in want.items():
    if c.get(k) != v:
        bad.append(f"config.{k} = {c.get(k)!r}, want {v!r}")
for k in ("program", "version", "commit", "command"):
    if not js.get(k):
        bad.append(f"no {k}")
if js.get("accesses") != 2000 or js.get("skipped") != 10:
    bad.append(f"accesses {js.get('accesses')}, skipped {js.get('skipped')}")
print("; ".join(bad) or "ok")

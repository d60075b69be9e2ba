#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""waves_dump.py VCD CSV: for every row of the miss index CSV, the request in the dump
VCD at its time_ns (the access's first cycle) is that row's access: req_valid_i = 1
and req_vaddr_i, satp_asid (satp's ASID) as the row says; and the time lies in the dump's range.
Prints "rows first_ps last_ps" or, on the first bad row, "BAD what" and exits 1.
tests/cli/t_waves.sh.
"""
import csv, sys
vcd, index = sys.argv[1], sys.argv[2]
want = {"TOP.sim_top.req_valid_i": "valid", "TOP.sim_top.req_vaddr_i": "vaddr",
        "TOP.sim_top.satp_asid": "asid"}
ids, scope, unit = {}, [], None
f = open(vcd)
for line in f:
    t = line.split()
    if not t:
        continue
    if t[0] == "$timescale":
        unit = " ".join(x for x in t[1:] if x != "$end") or next(f).strip()
    elif t[0] == "$scope":
        scope.append(t[2])
    elif t[0] == "$upscope":
        scope.pop()
    elif t[0] == "$var":
        n = ".".join(scope + [t[4]])
        if n in want:
            ids[t[3]] = want[n]
    elif t[0] == "$enddefinitions":
        break
if unit != "1ps" or len(ids) != 3:
    print(f"BAD timescale {unit!r}, request signals found: {sorted(ids.values())}")
    sys.exit(1)
rows = list(csv.DictReader(open(index)))
at = {int(r["time_ns"]) * 1000: r for r in rows}
cur, now, first, seen = {}, None, None, 0
def check(ps):
    global seen
    r = at.get(ps)
    if r is None:
        return
    seen += 1
    ok = (cur.get("valid") == 1 and cur.get("vaddr") == int(r["vaddr"], 16)
          and cur.get("asid") == int(r["asid"]))
    if not ok:
        print(f"BAD miss {r['miss']} (access {r['access']}) at {r['time_ns']} ns: dump has {cur}")
        sys.exit(1)
for line in f:
    line = line.strip()
    if not line:
        continue
    if line[0] == "#":
        if now is not None:
            check(now)
        now = int(line[1:])
        first = now if first is None else first
    elif line[0] in "bB":
        v, i = line[1:].split()
        if i in ids:
            cur[ids[i]] = int(v, 2) if set(v) <= set("01") else v
    elif line[0] in "01xz" and line[1:] in ids:
        cur[ids[line[1:]]] = int(line[0]) if line[0] in "01" else line[0]
if now is not None:
    check(now)
if seen != len(rows):
    miss = [r["miss"] for r in rows if int(r["time_ns"]) * 1000 not in range(first or 0, now + 1)]
    print(f"BAD {len(rows) - seen} of {len(rows)} misses have no time step in the dump "
          f"({first}..{now} ps){'; outside it: misses ' + ','.join(miss[:5]) if miss else ''}")
    sys.exit(1)
print(len(rows), first, now)

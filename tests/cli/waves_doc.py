#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""waves_doc.py DOC VALUES MISSES_CSV: every value docs/waves.md's cycle-by-cycle reading
states is what the fresh render shows (tests/cli/t_waves_doc.sh says how a step's
claims are read).  Prints "STEPS CLAIMS", then "BAD what" for each value that
differs.
"""
import csv, re, sys
doc, values, index = sys.argv[1:4]
text = open(doc, encoding="utf-8").read()
try:
    sec = text[text.index("## Reading a TLB miss"):]
    sec = sec[:sec.index("\nA miss without a page fault")]
except ValueError:
    print("BAD docs/waves.md has no 'Reading a TLB miss' section ending before 'A miss without a page fault'")
    sys.exit(1)

sig = {}   # leaf name -> [(t, value)]
head = ""
for line in open(values):
    if line.startswith("#"):
        head += line
        continue
    name, *changes = line.split()
    leaf = re.sub(r"\[[\d:]+\]$", "", name.rsplit(".", 1)[-1])
    sig[leaf] = [(int(t), v) for t, v in (c.split("=", 1) for c in changes)]
row = next(r for r in csv.DictReader(open(index)) if r["miss"] == "3")

def at(leaf, t):
    v = None
    for tt, vv in sig[leaf]:
        if tt <= t:
            v = vv
    return v

m = re.search(r"view (\d+)\.\.(\d+) ns", head)
lo, hi = int(m.group(1)), int(m.group(2))
bad, n = [], 0
if f"the view {lo}..{hi} ns" not in sec:
    bad.append(f"the doc does not give the view's span, {lo}..{hi} ns")
clk = sig.get("clk_i", [])
if not clk or any((v == "1") != (t % 10 == 5) for t, v in clk):
    bad.append("clk_i does not rise at 5 ns past each multiple of 10")

# A step: a line "N. …" and the indented lines after it.
steps, cur = [], None
for line in sec.splitlines():
    if re.match(r"\d+\. ", line):
        cur = [line]
        steps.append(cur)
    elif cur is not None and line.startswith(" ") and line.strip():
        cur.append(line)
    else:
        cur = None
for s in steps:
    s = " ".join(" ".join(s).split())
    num = s.split(".", 1)[0]
    m = re.match(r"\d+\. \*\*[^*]*?(\d+)(?:–(\d+))? ns", s)
    if not m:
        bad.append(f"step {num}: no '**…, T ns' or '**…, T1–T2 ns' at its start")
        continue
    a = int(m.group(1))
    b = int(m.group(2)) if m.group(2) else a + 5
    span = range(a, b, 5)
    claims = []
    for c in re.finditer(r"(?=`(\w+)` = (`[^`]+`|\w+)(?: at (\d+) ns)?)", s):
        name, val, t = c.group(1), c.group(2).strip("`"), c.group(3)
        claims.append([name, val, t])
    # a chain, `a` = `b` = v: a's value is b's
    for i, (name, val, t) in enumerate(claims):
        if val in sig and i + 1 < len(claims) and claims[i + 1][0] == val:
            claims[i][1], claims[i][2] = claims[i + 1][1], claims[i + 1][2]
    for name, val, t in claims:
        if name in row:
            n += 1
            if row[name] != val:
                bad.append(f"step {num}: {name} = {val}, but the index says {row[name]}")
        elif name in sig:
            n += 1
            times = [int(t)] if t else list(span)
            got = [at(name, tt) for tt in times]
            if val not in got:
                bad.append(f"step {num}: {name} = {val} {'at ' + t if t else f'in {a}..{b}'} ns, "
                           f"but the render shows {'/'.join(sorted(set(map(str, got))))}")
        elif re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)+", name):
            # a signal's name (not a value in a chain, `000101D4` = root …) that the
            # view does not show: the reader cannot see what the step says
            n += 1
            bad.append(f"step {num}: {name} = {val}, but the view has no {name} row")
    for st in sorted(set(re.findall(r"`(ST_\w+)`", s))):
        n += 1
        if st not in [at("state_q", tt) for tt in span]:
            bad.append(f"step {num}: {st} in {a}..{b} ns, but state_q is "
                       f"{'/'.join(sorted(set(at('state_q', tt) for tt in span)))}")
print(f"{len(steps)} {n}")
for x in bad:
    print("BAD " + x)

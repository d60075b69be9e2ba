#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""waves_stream.py VALUES TRACE PAGE_BITS: the hit stream before a miss, as the view shows it.

TRACE is a text trace (one decimal VA a line). Its oracle: the second access of the
trace to a page never touched before is a TLB miss (a cold page), and every access
just before it that repeats its predecessor's page is a TLB hit (that page was
translated the access before). docs/contract.md's "Timing": hits are one a clock, so
the view make waves renders of that miss (VALUES, tools/waves_view.py's .values) must
show, for those N hits, N consecutive cycles of
  - req_vaddr_i: each hit's VA, one a clock, then the miss's VA;
  - vaddr_q (the accepted VA): the same, each 5 ns later (the accepting edge);
  - tlb_cmp_en: 1 throughout (a request accepted at every edge);
  - rsp_valid_o, rsp_hit_o, lookup_hit: 1 throughout;
  - rsp_paddr_o: one answer a clock, its page offset the hit's;
then the miss: lookup_miss = 1 and state_q leaving ST_LOOKUP for ST_READ_PTE.
Prints "HITS CYCLES" (the hits the trace implies, the cycles checked), then "BAD what"
for each thing the view does not show.
"""
import sys

values, trace, page_bits = sys.argv[1], sys.argv[2], int(sys.argv[3])
vas = [int(line) for line in open(trace) if line.strip()]
pages = [va >> page_bits for va in vas]
seen = set()
miss = None
for i, p in enumerate(pages):
    if p not in seen and i > 0:
        miss = i
        break
    seen.add(p)
if miss is None:
    print("0 0\nBAD the trace touches only one page: no cold miss after a stream")
    sys.exit(0)
first = miss
while first - 1 > 0 and pages[first - 1] == pages[first - 2]:
    first -= 1
hits = vas[first:miss]          # the accesses repeating the previous one's page

sig = {}
for line in open(values):
    if line.startswith("#"):
        continue
    name, *changes = line.split()
    leaf = name.rsplit(".", 1)[-1].split("[", 1)[0]
    sig[leaf] = [(int(t), v) for t, v in (c.split("=", 1) for c in changes)]
bad = []


def at(leaf, t):
    v = None
    for tt, vv in sig.get(leaf, []):
        if tt <= t:
            v = vv
    return v


for leaf in ("req_vaddr_i", "vaddr_q", "tlb_cmp_en", "rsp_valid_o", "rsp_hit_o",
             "rsp_paddr_o", "lookup_hit", "lookup_miss", "state_q"):
    if leaf not in sig:
        bad.append(f"the view has no {leaf} row")
if bad:
    print(f"{len(hits)} 0")
    for b in bad:
        print("BAD " + b)
    sys.exit(0)

# The miss's request: the time req_vaddr_i shows its VA.
want = f"{vas[miss]:04X}"
t_miss = next((t for t, v in sig["req_vaddr_i"] if int(v, 16) == vas[miss]), None)
if t_miss is None:
    print(f"{len(hits)} 0\nBAD req_vaddr_i never shows the miss's VA {want}")
    sys.exit(0)
n = len(hits)
cycles = 0
for k, va in enumerate(hits):
    t_req = t_miss - (n - k) * 10     # offered a clock apart, the last just before the miss
    t_ans = t_req + 10                # accepted at the edge ending that cycle, answered in the next
    cycles += 1
    got = at("req_vaddr_i", t_req)
    if got is None or int(got, 16) != va:
        bad.append(f"hit {k + 1} of {n}: req_vaddr_i at {t_req} ns is {got}, the trace's VA is {va:04X}")
    if at("tlb_cmp_en", t_req + 2) != "1":
        bad.append(f"hit {k + 1} of {n}: tlb_cmp_en at {t_req} ns is {at('tlb_cmp_en', t_req + 2)}, not accepted")
    for leaf, want_v in (("vaddr_q", None), ("rsp_valid_o", "1"), ("rsp_hit_o", "1"), ("lookup_hit", "1")):
        got = at(leaf, t_ans)
        if leaf == "vaddr_q":
            if got is None or int(got, 16) != va:
                bad.append(f"hit {k + 1} of {n}: vaddr_q at {t_ans} ns is {got}, want {va:04X}")
        elif got != want_v:
            bad.append(f"hit {k + 1} of {n}: {leaf} at {t_ans} ns is {got}, want {want_v}")
    pa = at("rsp_paddr_o", t_ans)
    off = va & ((1 << page_bits) - 1)
    if pa is None or int(pa, 16) & ((1 << page_bits) - 1) != off:
        bad.append(f"hit {k + 1} of {n}: rsp_paddr_o at {t_ans} ns is {pa}, its offset should be {off:02X}")
# The miss: looked up at the edge after its request, no hit, and the walk starts.
t_look = t_miss + 10
if at("lookup_miss", t_look) != "1":
    bad.append(f"the miss: lookup_miss at {t_look} ns is {at('lookup_miss', t_look)}, want 1")
if at("state_q", t_look + 10) != "ST_READ_PTE":
    bad.append(f"the miss: state_q at {t_look + 10} ns is {at('state_q', t_look + 10)}, want ST_READ_PTE")
print(f"{n} {cycles}")
for b in bad:
    print("BAD " + b)

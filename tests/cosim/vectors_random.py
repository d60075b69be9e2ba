#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Random MMU test vectors (docs/vectors.md's format): page tables drawn at random and
requests against them, run on the model (vmref --vectors) and, given a vmsim, on the RTL
and the model in lock step (vmsim --vectors), whose printed answers must equal vmref's.

The hand-written vectors of tests/vectors check each rule once, against the spec's
text; these check the RTL against the model where no one would write a vector: every
rule mixed with every other, in any order, on any TLB geometry. Each case draws
  - a tree of page tables anywhere in the preset's physical address space, with
    leaves at every level (superpages, some misaligned), every permission (and the
    reserved W-without-R), U, G on leaves and pointers, A and D set or clear, RSW
    noise, and now and then a reserved encoding (bits 63-54, A/D/U on a pointer);
  - requests (loads, stores, fetches) at mapped pages with any offset, at pages
    beside them, at unmapped and (Sv39, Sv48) non-canonical addresses;
  - between them: privilege, SUM, MXR, the A/D mode, a physical-memory bound, each of
    the four SFENCE.VMA forms, a new ASID or Bare in satp, a PTE rewritten (a stale
    TLB entry is the model's and the RTL's alike: both keep it until a fence).

    tests/cosim/vectors_random.py --config sv39 --cases 20 --seed 1 [--vmsim build/sv39-1x16/vmsim]
    tests/cosim/vectors_random.py --config sv39 --seed 7 --only-case 3 --print   # the case's file

Without --vmsim it checks the generator: vmref runs every case (exit 0), and over all the
cases every kind of answer appears (each fault of each access kind, hits, denied hits,
A/D writes); a count of each is printed. Exit 1 on a failure, with the replay command.
"""
import argparse
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PRESETS_DEF = os.path.join(HERE, "..", "..", "model", "presets.def")

# PTE bits (docs/contract.md "PTE", the spec's layout).
V, R, W, X, U, G, A, D = (1 << b for b in range(8))
RSW_SHIFT, PPN_SHIFT = 8, 10
HIGH_RESERVED = [63, 62, 61, 60, 57, 54]   # N, PBMT, reserved: each alone faults

# The answers whose every kind must appear over a run (the generator reaches each rule).
OUTCOMES = ["ok", "hit", "denied-hit", "wrote"] + [f"{k}-{c}-fault" for k in ("load", "store", "fetch")
                                                    for c in ("page", "access")]


def presets():
    """name -> dict of the geometry, from model/presets.def (the one table of presets)."""
    out = {}
    for m in re.finditer(r"^PRESET\((\w+),([^)]*)\)", open(PRESETS_DEF).read(), re.M):
        va, page, levels, bits, pte, ppn, pa, _trace, asid, _mode = (int(x) for x in m.group(2).split(","))
        out[m.group(1)] = dict(va=va, page=page, levels=levels, bits=bits, pte=pte, ppn=ppn, pa=pa, asid=asid)
    return out


class Case:
    """One random vector file for preset `p`, drawn from `rng`."""

    def __init__(self, name, p, rng):
        self.name, self.p, self.rng = name, p, rng
        self.lines = []
        self.mem = {}            # PTE address -> value
        self.tables = set()      # PPNs used by tables
        self.leaves = []         # (va of the page, level, pte address)
        self.mode = name
        self.asid = rng.randrange(1 << p["asid"])
        self.root = self.new_table()
        self.pmem_left = 0

    # ---- memory ----------------------------------------------------------------------
    def new_ppn(self):
        """A page anywhere in the PA space: mostly high, so no PPN bit stays 0."""
        while True:
            top = self.rng.random() < 0.5
            ppn = (1 << self.p["ppn"]) - 1 - self.rng.randrange(1 << 12) if top else \
                self.rng.randrange(1 << self.p["ppn"])
            if ppn not in self.tables:
                return ppn

    def new_table(self):
        ppn = self.new_ppn()
        self.tables.add(ppn)
        return ppn

    def pte_addr(self, table, vpn, level):
        index = (vpn >> (level * self.p["bits"])) & ((1 << self.p["bits"]) - 1)
        return (table << self.p["page"]) + index * self.p["pte"]

    def write(self, pa, value):
        self.mem[pa] = value
        self.lines.append(f"mem {pa:#x} {value:#x}")

    def noise(self):
        return self.rng.randrange(4) << RSW_SHIFT

    def reserved(self, pte, pointer):
        """Now and then, one reserved encoding that must fault."""
        r = self.rng.random()
        if r < 0.03 and self.p["pte"] == 8:
            return pte | (1 << self.rng.choice(HIGH_RESERVED))
        if r < 0.06 and pointer:
            return pte | self.rng.choice([A, D, U])
        return pte

    # ---- the page tables -------------------------------------------------------------
    def canonical(self, vpn):
        va = vpn << self.p["page"]
        if self.p["pte"] == 8 and va >> (self.p["va"] - 1) & 1:   # sign-extend Sv39/Sv48
            va |= ((1 << 64) - 1) ^ ((1 << self.p["va"]) - 1)
        return va

    def map_one(self):
        """A leaf at a random level for a random VPN; False if the path is taken."""
        p, rng = self.p, self.rng
        level = rng.choice([0, 0, 0] + list(range(1, p["levels"])))
        vpn = rng.randrange(1 << (p["va"] - p["page"]))
        vpn &= ~((1 << (level * p["bits"])) - 1)
        table = self.root
        for lv in range(p["levels"] - 1, level, -1):
            pa = self.pte_addr(table, vpn, lv)
            pte = self.mem.get(pa)
            if pte is None:
                nxt = self.new_table()
                pte = V | (G if rng.random() < 0.05 else 0) | self.noise() | nxt << PPN_SHIFT
                self.write(pa, self.reserved(pte, True))
                table = nxt
            elif pte & (R | X) or not pte & V:
                return False   # a leaf or a hole is there
            else:
                table = (pte >> PPN_SHIFT) & ((1 << p["ppn"]) - 1)
        pa = self.pte_addr(table, vpn, level)
        if pa in self.mem:
            return False
        perm = rng.choice([R, R | W, X, R | X, R | W | X, R | W | X, R | W, W])  # W alone is reserved
        bits = V if rng.random() > 0.03 else 0
        bits |= perm | (U if rng.random() < 0.7 else 0) | (G if rng.random() < 0.1 else 0)
        bits |= (A if rng.random() < 0.6 else 0) | (D if rng.random() < 0.4 else 0)
        ppn = self.new_ppn() & ~((1 << (level * p["bits"])) - 1)
        if level and rng.random() < 0.15:
            ppn |= 1 << rng.randrange(level * p["bits"])          # misaligned superpage
        pte = self.reserved(bits | self.noise() | ppn << PPN_SHIFT, False)
        self.write(pa, pte)
        self.leaves.append((self.canonical(vpn), level, pa))
        return True

    # ---- requests and controls -------------------------------------------------------
    def address(self):
        p, rng = self.p, self.rng
        r = rng.random()
        if r < 0.75 and self.leaves:
            va, level, pa = rng.choice(self.leaves)
            self.allowed = [k for k, bit in (("R", R), ("W", W), ("X", X)) if self.mem[pa] & bit]
            return va + rng.randrange(1 << (p["page"] + level * p["bits"]))
        if r < 0.85 and self.leaves:   # the page beside a mapped one
            va, _, _ = rng.choice(self.leaves)
            return self.canonical(((va >> p["page"]) ^ 1) & ((1 << (p["va"] - p["page"])) - 1)) + \
                rng.randrange(1 << p["page"])
        if r < 0.93 or p["pte"] == 4:
            return self.canonical(rng.randrange(1 << (p["va"] - p["page"]))) + rng.randrange(1 << p["page"])
        # non-canonical: a bit above the VA differs from the VA's top bit
        va = rng.randrange(1 << p["va"])
        return va | 1 << rng.randrange(p["va"], 64) if not va >> (p["va"] - 1) & 1 else \
            (va | ((1 << 64) - 1) ^ ((1 << p["va"]) - 1)) ^ 1 << rng.randrange(p["va"], 64)

    def satp(self, mode=None):
        self.lines.append(f"satp {mode or self.mode} {self.asid:#x} {self.root:#x}" if (mode or self.mode) != "bare"
                          else "satp bare 0 0")

    def control(self):
        p, rng = self.p, self.rng
        c = rng.randrange(10)
        if c == 0:
            self.lines.append(f"priv {rng.choice('UUS')}")
        elif c == 1:
            self.lines.append(f"sum {rng.randrange(2)}")
        elif c == 2:
            self.lines.append(f"mxr {rng.randrange(2)}")
        elif c == 3:
            self.lines.append(f"ad {rng.choice(['hardware', 'fault'])}")
        elif c == 4 and rng.random() < 0.5:   # a bound for a few requests: just above or below a page
            _, _, pa = rng.choice(self.leaves) if self.leaves else (0, 0, self.root << p["page"])
            bound = max(p["pte"], (pa & ~(p["pte"] - 1)) + rng.choice([-1, 0, 1, 2]) * p["pte"])
            self.lines.append(f"pmem {bound:#x}")
            self.pmem_left = rng.randrange(1, 8)
        elif c in (5, 6) and self.leaves:
            va, _, _ = rng.choice(self.leaves)
            va += rng.randrange(1 << p["page"])
            which = rng.randrange(4)
            a = f"{va:#x}" if which & 1 else "-"
            s = rng.choice([f"{self.asid:#x}", f"{rng.randrange(1 << p['asid']):#x}"]) if which & 2 else "-"
            self.lines.append(f"sfence {a} {s}")
        elif c == 7:   # another address space over the same tables, or Bare for a while
            if rng.random() < 0.2:
                self.satp("bare")
                self.mode_bare = True
                return
            self.asid = rng.randrange(1 << p["asid"])
            self.satp()
        elif c == 8 and self.leaves:   # a leaf rewritten: flip its A, D or a permission
            _, _, pa = rng.choice(self.leaves)
            self.write(pa, self.mem[pa] ^ rng.choice([A, D, U, R, W, X, G]))
        elif c == 9:
            self.map_one()

    def draw(self, requests):
        for _ in range(self.rng.randrange(3, 12)):
            self.map_one()
        self.satp()
        for _ in range(requests):
            if self.rng.random() < 0.2:
                self.control()
                if getattr(self, "mode_bare", False) and self.rng.random() < 0.5:
                    self.mode_bare = False
                    self.satp()
            self.allowed = None
            va = self.address()
            # Mostly an access the leaf allows, so that walks end in fills and hits too.
            kind = self.rng.choice(self.allowed) if self.allowed and self.rng.random() < 0.7 else \
                self.rng.choice("RWX")
            self.lines.append(f"{kind} {va:#x}")
            if self.pmem_left:
                self.pmem_left -= 1
                if not self.pmem_left:
                    self.lines.append("pmem 0")
        return "\n".join(self.lines) + "\n"


def outcomes(out):
    """Counts of the kinds of answer in vmref's output."""
    n = dict.fromkeys(OUTCOMES, 0)
    for line in out.splitlines():
        f = line.split()
        res = f[4]
        if res.startswith("0x"):
            n["ok"] += 1
        else:
            n[res] += 1
        if "hit=1" in f:
            n["hit" if res.startswith("0x") else "denied-hit"] += 1
        if "wrote=" in line:
            n["wrote"] += 1
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", required=True, help="sv32, sv39 or sv48 (a vmsim build's preset)")
    ap.add_argument("--cases", type=int, default=20)
    ap.add_argument("--requests", type=int, default=150, help="requests per case")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only-case", type=int, help="run (or --print) this case alone")
    ap.add_argument("--print", action="store_true", help="print the case's vector file and exit")
    ap.add_argument("--vmref", default="build/vmref")
    ap.add_argument("--vmsim", help="also run vmsim --vectors and compare (the RTL in lock step)")
    ap.add_argument("--tlb", default="1x16",
                    help="SETSxWAYS, then -iSETSxWAYS with an instruction TLB, then -pN with a page-walk cache: "
                         "the vmsim build's (default 1x16)")
    ap.add_argument("--no-reach", action="store_true",
                    help="do not require every kind of answer (make soak: the lock step is its check)")
    args = ap.parse_args()
    ps = presets()
    if args.config not in ps or ps[args.config]["levels"] < 2:
        print(f"vectors_random: --config {args.config}: expected sv32, sv39 or sv48", file=sys.stderr)
        return 2
    geom, *rest = args.tlb.split("-")
    itlb = [x for x in rest if x.startswith("i")]
    sets, ways = geom.split("x")
    itlb_opts = ["--itlb-sets", itlb[0][1:].split("x")[0], "--itlb-ways", itlb[0][1:].split("x")[1]] if itlb else []
    itlb_opts += [o for x in rest if x.startswith("p") for o in ("--pwc-entries", x[1:])]
    itlb_opts += [o for x in rest if x.startswith("L") for o in ("--l2-sets", x[1:].split("x")[0], "--l2-ways", x[1:].split("x")[1])]
    cases = [args.only_case] if args.only_case is not None else range(args.cases)
    total = dict.fromkeys(OUTCOMES, 0)
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for k in cases:
            text = Case(args.config, ps[args.config], random.Random(f"{args.seed}:{k}")).draw(args.requests)
            if args.print:
                sys.stdout.write(text)
                return 0
            path = os.path.join(tmp, f"case{k}.vec")
            with open(path, "w") as f:
                f.write(text)
            common = ["--config", args.config, "--tlb-sets", sets, "--tlb-ways", ways, *itlb_opts, "--vectors", path]
            replay = (f"tests/cosim/vectors_random.py --config {args.config} --seed {args.seed} --only-case {k}"
                      + (f" --vmsim {args.vmsim} --tlb {args.tlb}" if args.vmsim else ""))
            ref = subprocess.run([args.vmref] + common, capture_output=True, text=True)
            if ref.returncode != 0:
                print(f"FAIL case {k}: vmref exit {ref.returncode}: {ref.stderr.strip()[-300:]}\n  replay: {replay}")
                failed += 1
                continue
            for key, v in outcomes(ref.stdout).items():
                total[key] += v
            if args.vmsim:
                sim = subprocess.run([args.vmsim] + common, capture_output=True, text=True)
                if sim.returncode != 0 or sim.stdout != ref.stdout:
                    why = f"exit {sim.returncode}" if sim.returncode else "prints otherwise than vmref"
                    print(f"FAIL case {k}: vmsim {why}: {sim.stderr.strip()[-300:]}\n  replay: {replay}")
                    failed += 1
    print("vectors_random: " + ", ".join(f"{k} {v}" for k, v in total.items()))
    missing = [k for k, v in total.items() if v == 0]
    if missing and args.only_case is None and not args.no_reach:
        print(f"FAIL reach: no {', '.join(missing)} in {args.cases} cases (the generator misses a rule)")
        failed += 1
    print(f"vectors_random: {len(cases)} cases on {args.config}"
          + (f" (vmsim {args.tlb} in lock step)" if args.vmsim else " (vmref only)") + f", {failed} failing")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

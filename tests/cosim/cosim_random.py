#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Random co-simulation: many run-time configurations of vmsim, each checked access
by access against the C model (vmsim's own lock-step check), and vmsim's printed
lines and counts against vmref's (whose OS hands runs of TLB hits to the model in
bulk, where vmsim's goes access by access).

Each case draws a trace (tracegen mode and parameters), frames, frame and TLB
policies and a memory latency from one seeded generator; a failing case prints its
seed and the exact commands, so it replays alone:

    tests/cosim/cosim_random.py --config osc-4x4 --seed S --only-case K

The cases reach the whole width of every field the OS can set, so that a bit the
RTL drops or ignores is a bit some case depends on:
  - ASIDs: half the cases (three quarters of the multi-process ones) start them
    anywhere in the preset's ASID field (--asid-base: up to 65535, sv32's 511) and
    space them 2^j apart (--asid-step), so
    that process 0 and process 2^i differ in bit j + i alone, j mostly as high as
    the processes leave room for (an ASID bit ignored in a compare makes two
    processes collide); most multi-process cases deal one working set out to
    all the processes, so that they use the same pages, as forked processes do;
  - physical addresses: half the cases place memory high (--pa-base), most of them
    at the very top of the preset's PA space, so the top PPN bits are 1 in every
    frame, every page table and every PTE;
  - PTEs: half the cases set the bits a walker must ignore (--pte-noise: RSW) in
    every PTE the OS writes;
  - virtual addresses: the trace spans 20 bits up to the whole VA, and half the
    cases that span fewer move it up by a random multiple of its span (the memory
    maps with it), so the top VA bits are set; on Sv39 and Sv48 most cases without
    maps then sign-extend every address, so that those with the top bit set are
    canonical upper-half addresses (translated), not address faults;
  - the counts add up what was reached: cases with an ASID whose top bit is set
    (0x8000; sv32 0x100), and with physical addresses in the top half of the PA space.
Invalidations in every cycle of a walk are beyond this OS: it invalidates between
accesses only (an access is one synchronous translate()), so the cycle-level races
are the port-level driver's to provoke, not these cases'.
"""
import argparse
import concurrent.futures
import shutil
import json
import os
import random
import re
import subprocess
import sys
import tempfile

POLICIES = ["fifo", "lru", "lru-walk", "clock"]   # opt is model-only

# name -> (VA bits, page bits, ...), from model/presets.def, the one table of presets.
PRESETS = {m.group(1): tuple(int(x) for x in m.group(2).split(","))
           for m in re.finditer(r"^PRESET\((\w+),([^)]*)\)", open(os.path.join(
               os.path.dirname(os.path.abspath(__file__)), "..", "..", "model", "presets.def")).read(), re.M)}


def reach(rng, preset, frames, procs):
    """The options that move ASIDs and physical memory up their whole width (see the
    top of this file): a list of vmsim/vmref options, maybe empty."""
    pb, pa, asid_bits = PRESETS[preset][1], PRESETS[preset][6], PRESETS[preset][8]
    run = []
    if rng.random() < (0.75 if procs > 1 else 0.5):
        # 2^j apart from a base whose bits j.. are clear for every process: process 0
        # and process 2^i differ in bit j + i alone.  j is mostly as high as the
        # processes leave room for, so the top bits are among them.
        span = max(1, (procs - 1).bit_length())
        jmax = asid_bits - span
        j = rng.choice([jmax, jmax, rng.randrange(jmax + 1)])
        base = rng.randrange(1 << asid_bits) & ~(((1 << span) - 1) << j)
        run += ["--asid-base", str(base), "--asid-step", str(1 << j)]
    if rng.random() < 0.5:
        run.append("--pte-noise")
    if rng.random() < 0.5:
        # Room above the frames for the page tables of up to 2000 pages of sv48.
        need = (frames << pb) + ((16 if pa <= 30 else 64) << 20)
        top = 1 << pa
        base = top - need if rng.random() < 0.7 else rng.randrange(top - need + 1)
        run += ["--pa-base", hex(base >> pb << pb)]
    return run


def rewrite(path, fn):
    """Rewrites each access line of a tracegen trace (text or ext) through fn, which
    takes [pid, kind, address, value...] (pid 0 and R for a text line) and returns
    it changed; other lines are kept.  The result is in ext format."""
    with open(path) as f:
        lines = f.read().splitlines()
    out = []
    for line in lines:
        w = line.split()
        if not w or w[0].startswith("#"):
            out.append(line)
            continue
        w = ["0", "R", hex(int(w[0]))] if len(w) == 1 else w
        out.append(" ".join(fn(w)))
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def deal_out(path, procs, burst, seed):
    """Deals a one-process trace out to `procs` processes in bursts of mean `burst`
    (as multi's scheduler does), so that they share its pages, as forked processes
    do: the same VPNs under different ASIDs."""
    rng = random.Random(seed)
    state = {"pid": rng.randrange(procs), "left": 0}

    def deal(w):
        if state["left"] == 0:
            state["pid"] = (state["pid"] + 1 + rng.randrange(procs - 1)) % procs
            state["left"] = 1 + rng.randrange(2 * burst - 1)
        state["left"] -= 1
        return [str(state["pid"])] + w[1:]
    rewrite(path, deal)


def move_up(path, off):
    """Adds `off` to every address of a trace."""
    rewrite(path, lambda w: w[:2] + [hex(int(w[2], 16) + off)] + w[3:])


def canonical(path, va):
    """Sign-extends every address of a trace from bit va-1: the addresses with that bit
    set move to the upper half, where Sv39 and Sv48 translate them (the others are
    not canonical: address faults the OS reports without asking the MMU)."""
    top = (1 << 64) - (1 << va)
    rewrite(path, lambda w: w[:2] + [hex(int(w[2], 16) | (top if int(w[2], 16) >> (va - 1) & 1 else 0))] + w[3:])


def draw(rng, preset, tmp):
    """One case's trace, maps and run-time options, from rng alone; and what is done to
    the trace after tracegen wrote it: a list of (text, function of the path)."""
    va, pb = PRESETS[preset][:2]
    bits = va if preset == "osc" else min(va, rng.choice([20, 24, 32, va]))
    off = rng.randrange(1 << (va - bits)) << bits if bits < va and rng.random() < 0.5 else 0
    mode = rng.choice(["locality", "locality", "loop", "uniform", "stride", "multi", "multi", "multi", "list"])
    procs = rng.choice([2, 2, 3, 5]) if mode == "multi" else 1
    # Most multi-process cases share one working set (see deal_out).
    shared = mode == "multi" and rng.random() < 0.7
    gen = ["--mode", "locality" if shared else mode, "--seed", str(rng.randrange(1 << 30)),
           "--count", str(rng.choice([100, 300, 1000, 2000])),
           "--va-bits", str(bits), "--page-bits", str(pb)]
    after = []
    if mode in ("locality", "multi"):
        gen += ["--ws", str(rng.choice([4, 16, 40])), "--drift", str(rng.choice([0.001, 0.01, 0.05]))]
    if mode in ("loop", "stride"):
        gen += ["--pages", str(rng.choice([8, 20, 64])), "--stride", str(rng.choice([64, 256, 4096]))]
    if mode == "multi":
        burst = rng.choice([5, 50])
        if shared:
            seed = rng.randrange(1 << 30)
            after.append((f"dealt out to {procs} processes in bursts of {burst} (seed {seed})",
                          lambda path: deal_out(path, procs, burst, seed)))
        else:
            gen += ["--procs", str(procs), "--burst", str(burst)]
    if mode != "list" and rng.random() < 0.5:
        gen += ["--writes", str(rng.choice([0.1, 0.3, 0.7]))]
    if off:
        after.append((f"every address moved up by {hex(off)}", lambda path: move_up(path, off)))
    # Several processes: fewer frames than their pages, so that evictions (and the
    # invalidations of one process's page) happen while the others run.
    frames = rng.choice([2, 3, 5, 8, 16, 32] if procs > 1 else [1, 2, 3, 5, 8, 16, 32, 64, 128, 256])
    run = ["-n", str(frames),
           "-p", rng.choice(POLICIES),
           "-t", rng.choice(["fifo", "lru"]),
           "--mem-latency", str(rng.choice([1, 1, 2, 3, 7]))]
    if mode == "multi" and rng.random() < 0.3:
        run.append("--no-asid")
    run += reach(rng, preset, frames, procs)
    # Memory maps for some processes: eight slices of the address range, each with
    # its own permissions, anonymous or file-backed, or left out (a hole).
    if rng.random() < 0.4:
        pids = range(5) if mode == "multi" else [0]
        for pid in pids:
            if rng.random() < 0.3:
                continue
            path = os.path.join(tmp, f"p{pid}.maps")
            step = (1 << bits) // 8
            with open(path, "w") as f:
                for k in range(8):
                    perm = rng.choice(["r--p", "rw-p", "r-xp", "rwxp", "-w-p", None])
                    if perm:
                        name = rng.choice(["/bin/prog", "[heap]", ""])
                        f.write(f"{off + k * step:x}-{off + (k + 1) * step:x} {perm} 00000000 00:00 0 {name}\n")
            run += ["--maps", f"{pid}={path}"]
    # Sv39 and Sv48: addresses with the VA's top bit set are not canonical; most cases
    # without maps (whose regions stay in the lower half) sign-extend them, so the
    # top VPN bits still reach the MMU, from the upper half.
    if PRESETS[preset][4] == 8 and "--maps" not in run and rng.random() < 0.7:
        after.append((f"every address sign-extended from bit {va - 1}", lambda path: canonical(path, va)))
    return gen, run, after


def build_opts(cfg):
    """A build's vmsim options as a list, from its name (osc-1x8-i1x4, sv39-1x4-L16x4-p4)
    through the Makefile's one parser of names (make build-opts); exits on a bad name."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    p = subprocess.run(["make", "-s", "--no-print-directory", "-C", root, "build-opts", f"CFG={cfg}"],
                       capture_output=True, text=True)
    words = p.stdout.split()
    # A name make cannot read leaves a geometry empty: no number after --tlb-ways.
    if p.returncode != 0 or not re.search(r"--tlb-ways \d+( |$)", p.stdout.strip()):
        sys.exit(f"cosim_random.py: --config {cfg}: not a build's name (CONFIG-SETSxWAYS[-iSxW][-LSxW][-pN]): "
                 f"make build-opts printed {repr(p.stdout.strip()) if p.stdout.strip() else 'nothing'} {p.stderr.strip()}".rstrip())
    return words


def run_case(args, tmp, cfg, case):
    """Runs one case in a folder of its own; returns (ok, report, stats)."""
    # The build's own options (make build-opts, asked once a name in main): its preset,
    # its TLB's geometry, and an ITLB's, an L2 TLB's and a page-walk cache's if it has one.
    build = args.builds[cfg]
    opt = dict(zip(build[::2], build[1::2]))
    preset, ways, iways, l2ways = opt["--config"], opt["--tlb-ways"], opt.get("--itlb-ways", "0"), opt.get("--l2-ways")
    vmsim = os.path.join("build", cfg, "vmsim")
    seed = args.seed * 1000003 + case
    work = os.path.join(tmp, f"{cfg}-{case}")
    os.makedirs(work)
    gen, run, after = draw(random.Random(seed), preset, work)
    # Issue 16's run-time controls, from a generator of their own, so that the draws
    # above (and the cases that catch the mutants) stay as they were: Svade in a third
    # of the cases, S-mode accesses in a quarter (most with SUM), MXR in a quarter.
    spec = random.Random(f"{seed}:spec")
    if spec.random() < 1 / 3:
        run += ["--ad", "fault"]
    if spec.random() < 0.25:
        gen += ["--smode", str(spec.choice([0.05, 0.2, 0.5]))]
        if spec.random() < 0.7:
            run.append("--sum")
    if spec.random() < 0.25:
        run.append("--mxr")
    # Issue 17's TLB policies, from a generator of their own too: half the cases
    # replace the fifo or lru drawn above by plru or random (plru only where the way
    # count is a power of two, the contract's condition).
    tlbpol = random.Random(f"{seed}:tlb-policy")
    if tlbpol.random() < 0.5:
        pow2 = int(ways) & (int(ways) - 1) == 0
        run[run.index("-t") + 1] = "plru" if pow2 and tlbpol.random() < 0.5 else "random"
    # Issue 17's split TLBs: fetches in a third of the cases (every case of a build
    # with an ITLB: the ITLB would see none otherwise), and there the ITLB's own
    # policy, drawn apart from the DTLB's. A generator of its own again.
    split = random.Random(f"{seed}:split")
    if iways != "0" or split.random() < 1 / 3:
        gen += ["--fetches", str(split.choice([0.1, 0.3, 0.6]))]
    itlb_opts = []
    if iways != "0":
        ipow2 = int(iways) & (int(iways) - 1) == 0
        itlb_opts = ["--itlb-policy", split.choice(["fifo", "lru", "random"] + (["plru"] if ipow2 else []))]
    # Issue 18's second-level TLB: its geometry is the build's, its policy drawn by a
    # generator of its own.
    if l2ways:
        l2pow2 = int(l2ways) & (int(l2ways) - 1) == 0
        itlb_opts += ["--l2-policy",
                      random.Random(f"{seed}:l2").choice(["fifo", "lru", "random"] + (["plru"] if l2pow2 else []))]
    # Issue 18's huge pages (--thp) in a quarter of the cases of a preset with
    # superpages, with 512 to 2048 more frames so that megapages fit (a generator of its own).
    thp = random.Random(f"{seed}:thp")
    if PRESETS[preset][2] > 1 and thp.random() < 0.25:
        run[run.index("-n") + 1] = str(int(run[run.index("-n") + 1]) + thp.choice([512, 1024, 2048]))
        run.append("--thp")
    trace = os.path.join(work, "t.txt")
    subprocess.run([args.tracegen, *gen, "-o", trace], check=True)
    for _, fn in after:
        fn(trace)
    stats, ref_stats = os.path.join(work, "s.json"), os.path.join(work, "r.json")
    opts = ["-f", trace, "-b", args.backing, *build, *itlb_opts, *run]
    cmd = [vmsim, *opts]
    p = subprocess.run(cmd + ["--stats", stats], capture_output=True, text=True)
    why = ""
    if p.returncode == 0 and " 0 mismatches" in p.stderr:
        # vmsim's model answers access by access, in lock-step with the RTL; vmref
        # hands runs of TLB hits to the model in bulk (os_run).  Both must print the
        # same lines and count the same.
        q = subprocess.run([args.vmref, *opts, "--stats", ref_stats], capture_output=True, text=True)
        with open(stats) as f:
            d = json.load(f)
        r = json.load(open(ref_stats)) if q.returncode == 0 else {}
        # What produced each run is recorded too: the same options but the program
        # and its output file.
        differ = [k for k in r if k in d and k not in ("program", "version", "commit", "command", "config") and r[k] != d[k]]
        rc, dc = r.get("config", {}), d.get("config", {})
        differ += [f"config.{k}" for k in rc if k != "stats" and k in dc and rc[k] != dc[k]]
        if q.returncode != 0:
            why = f"vmref exit {q.returncode}: {q.stderr.strip()[-300:]}"
        elif q.stdout != p.stdout:
            a, b = q.stdout.splitlines(), p.stdout.splitlines()
            i = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
            why = (f"vmref and vmsim print differently from line {i + 1}: "
                   f"vmref '{a[i] if i < len(a) else '(end)'}', vmsim '{b[i] if i < len(b) else '(end)'}'")
        elif differ:
            why = "vmref and vmsim count differently: " + ", ".join(
                f"{k} {r.get(k, rc.get(k[7:]))} vs {d.get(k, dc.get(k[7:]))}" for k in differ)
        else:
            shutil.rmtree(work)
            # How far up the fields went (the docstring's last reach).
            pa_bits = PRESETS[preset][6]
            top_asid = 1 << (PRESETS[preset][8] - 1)
            d["high_asids"] = int(any(pr["asid"] >= top_asid for pr in d.get("processes", [])))
            pas = [int(x) for x in re.findall(r"Physical address: (\d+)", p.stdout)]
            d["high_pas"] = int(bool(pas) and max(pas) >> (pa_bits - 1) == 1)
            return True, "", d
    report = "\n".join([
        f"FAIL cosim {cfg} case {case} (seed {seed}): exit {p.returncode}" + (f"; {why}" if why else ""),
        "  trace: " + " ".join([args.tracegen, *gen, "-o", "t.txt"]) +
        "".join(f", then {what}" for what, _ in after),
        "  run:   " + " ".join(cmd).replace(work + "/", ""),
        f"  replay: tests/cosim/cosim_random.py --config {cfg} --seed {args.seed} --only-case {case}",
        "  " + "\n  ".join(p.stderr.strip().splitlines()[-14:])])
    return False, report, None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", action="append", required=True,
                    help="a built configuration, e.g. osc-1x16 (build/<config>/vmsim); repeatable")
    ap.add_argument("--cases", type=int, default=100, help="cases per configuration")
    ap.add_argument("--total", type=int, help="N cases in all, spread over the configurations (the soak)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only-case", type=int, help="run just this case number (to replay a failure)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="cases run at once")
    ap.add_argument("--tracegen", default="build/tracegen")
    ap.add_argument("--vmref", default="build/vmref", help="the model alone, compared with vmsim")
    ap.add_argument("--backing", default="build/traces/backing.bin")
    args = ap.parse_args()

    args.builds = {cfg: build_opts(cfg) for cfg in args.config}
    jobs = []
    for i, cfg in enumerate(args.config):
        if args.only_case is not None:
            cases = [args.only_case]
        elif args.total is not None:
            cases = range(args.total // len(args.config) + (i < args.total % len(args.config)))
        else:
            cases = range(args.cases)
        jobs += [(cfg, case) for case in cases]

    passed = failed = 0
    # What the cases reached, summed: a random test that never evicts a dirty page
    # or takes a protection fault proves nothing about them.
    cover = dict.fromkeys(["accesses", "page_faults", "evictions", "write_backs",
                           "protection_faults", "segmentation_faults", "process_switches", "walks",
                           "high_asids", "high_pas"], 0)
    if any("--pwc-entries" in b for b in args.builds.values()):
        cover["pwc_hits"] = 0  # a page-walk cache's build: its hits, too
    if any("--l2-ways" in b for b in args.builds.values()):
        cover["l2_hits"] = 0  # a second-level TLB's build: its hits
    with tempfile.TemporaryDirectory() as tmp, \
            concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for ok, report, d in pool.map(lambda j: run_case(args, tmp, *j), jobs):
            if ok:
                passed += 1
                for k in cover:
                    cover[k] += d.get(k, 0)
            else:
                failed += 1
                print(report, flush=True)
    print("cosim reached: " + ", ".join(f"{k} {v}" for k, v in cover.items()))
    print(f"cosim: {passed} cases with 0 mismatches, {failed} failing")
    print(f"#counts {passed} {failed} 0")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

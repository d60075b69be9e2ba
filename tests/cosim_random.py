#!/usr/bin/env python3
"""Random co-simulation: many run-time configurations of vmsim, each checked access
by access against the C model (vmsim's own lock-step check).

Each case draws a trace (tracegen mode and parameters), frames, frame and TLB
policies and a memory latency from one seeded generator; a failing case prints its
seed and the exact commands, so it replays alone:

    tests/cosim_random.py --config osc-4x4 --seed S --only-case K
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile

POLICIES = ["fifo", "lru", "lru-walk", "clock"]   # opt is model-only


def draw(rng, preset):
    """One case's trace and run-time options, from rng alone."""
    va, pb = {"osc": (16, 8), "sv32": (32, 12), "sv39": (39, 12), "sv48": (48, 12)}[preset]
    mode = rng.choice(["locality", "locality", "loop", "uniform", "stride"])
    gen = ["--mode", mode, "--seed", str(rng.randrange(1 << 30)),
           "--count", str(rng.choice([100, 300, 1000, 2000])),
           "--va-bits", str(va if preset == "osc" else min(va, rng.choice([20, 24, 32, va]))),
           "--page-bits", str(pb)]
    if mode == "locality":
        gen += ["--ws", str(rng.choice([4, 16, 40])), "--drift", str(rng.choice([0.001, 0.01, 0.05]))]
    if mode in ("loop", "stride"):
        gen += ["--pages", str(rng.choice([8, 20, 64])), "--stride", str(rng.choice([64, 256, 4096]))]
    run = ["-n", str(rng.choice([1, 2, 3, 5, 8, 16, 32, 64, 128, 256])),
           "-p", rng.choice(POLICIES),
           "-t", rng.choice(["fifo", "lru"]),
           "--mem-latency", str(rng.choice([1, 1, 2, 3, 7]))]
    return gen, run


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", action="append", required=True,
                    help="a built configuration, e.g. osc-1x16 (build/<config>/vmsim); repeatable")
    ap.add_argument("--cases", type=int, default=100, help="cases per configuration")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only-case", type=int, help="run just this case number (to replay a failure)")
    ap.add_argument("--tracegen", default="build/tracegen")
    ap.add_argument("--backing", default="build/traces/backing.bin")
    args = ap.parse_args()

    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for cfg in args.config:
            preset, geom = cfg.split("-")
            sets, ways = geom.split("x")
            vmsim = os.path.join("build", cfg, "vmsim")
            cases = [args.only_case] if args.only_case is not None else range(args.cases)
            for case in cases:
                seed = args.seed * 1000003 + case
                gen, run = draw(random.Random(seed), preset)
                trace = os.path.join(tmp, "t.txt")
                subprocess.run([args.tracegen, *gen, "-o", trace], check=True)
                cmd = [vmsim, "-q", "-f", trace, "-b", args.backing, "--config", preset,
                       "--tlb-sets", sets, "--tlb-ways", ways, *run]
                p = subprocess.run(cmd, capture_output=True, text=True)
                ok = p.returncode == 0 and " 0 mismatches" in p.stderr
                if ok:
                    passed += 1
                    continue
                failed += 1
                print(f"FAIL cosim {cfg} case {case} (seed {seed}): exit {p.returncode}")
                print("  trace: " + " ".join([args.tracegen, *gen, "-o", "t.txt"]))
                print("  run:   " + " ".join(cmd).replace(trace, "t.txt"))
                print(f"  replay: tests/cosim_random.py --config {cfg} --seed {args.seed} --only-case {case}")
                print("  " + "\n  ".join(p.stderr.strip().splitlines()[-14:]))
    print(f"cosim: {passed} cases with 0 mismatches, {failed} failing")
    print(f"#counts {passed} {failed} 0")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

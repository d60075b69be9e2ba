#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""readme_run.py CLONE: README.md's commands, run in CLONE (a fresh clone) as a new user
would, in the README's order, then every target make help lists that the README did
not run, then make clean.  What is read and how it is compared: tests/cli/t_readme.sh's
header.  Prints one "PASS|FAIL|SKIP name<TAB>why" line per check.
"""
import os, re, subprocess, sys, time

clone = sys.argv[1]
osc = os.path.join(clone, "..", "shared", "osc")
have_osc = os.path.isfile(os.path.join(osc, "addresses.txt"))
# A new user's environment: none of make test's variables (VMREF, COSIM_CONFIGS, a
# parent make's MAKEFLAGS, ...) and no display.
env = {k: v for k, v in os.environ.items()
       if k in ("PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "TERM", "TMPDIR", "SHELL")}
env["MAKEFLAGS"] = f"-j{os.cpu_count() or 1}"
TIMEOUT = 600

# Quick arguments for long targets (appended to the command: the last one wins).
FAST = {
    "soak": "N=2 COSIM_CONFIGS=osc-1x16",
    "fuzz": "FUZZ_SECONDS=2 FUZZ_TARGETS=maps",
    "synth": "SYNTH_CONFIGS=osc:1:2",
    "memcheck": "MEMCHECK_BINS=build/vmref",
    "waves": "MISS=3 HEADLESS=1",
}
SKIP = {
    "test": "this test is part of make test: it would run itself",
    "bench": "times runs of millions of accesses for minutes, and only reports (never fails)",
    "mutants": "builds and checks a copy of the project per mutant (minutes)",
    "coverage": "builds a coverage model of each of COSIM_CONFIGS (minutes): CI (.ci/run) runs it after make test; tests/cli/t_coverage.sh checks its gate on one configuration",
    "formal": "proves every job for minutes; tests/formal/t_formal.sh runs its fast subset",
}
# Build step lines a README transcript may leave out (they depend on what is built).
STEP = re.compile(r"^(==== |cc |ld |gen |c\+\+ |ar )")
# Placeholders anywhere, and (outside quotes) optional parts, alternatives, KNOB=K.
PLACEHOLDER = re.compile(r"…|\.\.\.|path/to")
PLACEHOLDER_UNQUOTED = re.compile(r"\[|\||=[A-Z](\s|$)")

def out(kind, name, why=""):
    name = name.replace("\n", " ")
    print(f"{kind} {name}\t{why}", flush=True)

def run(cmd):
    t = time.time()
    try:
        p = subprocess.run(["bash", "-c", cmd], cwd=clone, env=env, stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, errors="replace", timeout=TIMEOUT)
        return p.returncode, p.stdout, p.stderr, time.time() - t
    except subprocess.TimeoutExpired as e:
        return 124, "", f"timed out after {TIMEOUT} s", time.time() - t

def tail(s, n=3):
    return " | ".join(s.strip().splitlines()[-n:])

def unquoted(cmd):
    return re.sub(r"\"[^\"]*\"|'[^']*'", "_", cmd)

def target_of(cmd):
    for w in unquoted(cmd).split()[1:]:
        if "=" not in w and not w.startswith("-"):
            return w
    return "all"

def knobs_of(cmd):
    return re.findall(r"\b([A-Z][A-Z0-9_]*)=", unquoted(cmd))

# ---- README: blocks, transcripts and mentions, in order ----------------------------
text = open(os.path.join(clone, "README.md"), encoding="utf-8").read()
lines = text.splitlines()
# ("cmd", command) | ("transcript", command, expected lines, its place in the block)
steps = []
i = 0

def block_steps(block):
    if any(l.startswith("$ ") for l in block):
        cur, n = None, 0
        for l in block:
            if l.startswith("$ "):
                if cur: steps.append(cur)
                cur = ("transcript", l[2:].strip(), [], n)
                n += 1
            elif cur is not None and l.strip():
                cur[2].append(l)
        if cur: steps.append(cur)
        return
    joined, acc = [], ""
    for l in block:
        acc += l.rstrip("\\").rstrip() + " " if l.rstrip().endswith("\\") else l
        if not l.rstrip().endswith("\\"):
            joined.append(acc); acc = ""
    for l in joined:
        l = re.sub(r"\s+#.*$", "", l).strip()
        if re.match(r"make(\s|$)", l):
            steps.append(("cmd", re.sub(r"\s+", " ", l)))

while i < len(lines):
    l = lines[i]
    if l.startswith("```"):
        j = i + 1
        block = []
        while j < len(lines) and not lines[j].startswith("```"):
            block.append(lines[j]); j += 1
        block_steps(block); i = j + 1; continue
    if l.startswith("    ") and (i == 0 or not lines[i - 1].strip() or lines[i - 1].startswith("    ")) \
            and not re.match(r"\s*([-*]|\d+\.) ", lines[i - 1] if i else ""):
        block = []
        while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
            block.append(lines[i][4:]); i += 1
        while block and not block[-1].strip(): block.pop()
        block_steps(block); continue
    for span in re.findall(r"`([^`]+)`", l):
        # A command, not a quote of what make says ("make sim: TLB_SETS=5: ...").
        if re.match(r"make(\s|$)", span) and not re.match(r"make \S+:", span):
            steps.append(("cmd", span.strip()))
    i += 1

# ---- make help: its targets and knobs ----------------------------------------------
rc, help_out, help_err, _ = run("make help")
if rc != 0:
    out("FAIL", "make help", f"exit {rc}: {tail(help_err)}")
    sys.exit(0)
out("PASS", "make help", "exit 0")
help_targets = []
for l in help_out.splitlines():
    m = re.match(r"  (make(?: [^ ].*?)?)(?:\s{2,}|$)", l)
    if m:
        help_targets.append(m.group(1).strip())
help_knobs = set(re.findall(r"\b([A-Z][A-Z0-9_]*)=", help_out))
help_names = {target_of(t) for t in help_targets}

ran, deferred = set(), []

def known(cmd):
    """Whether make help lists the command's target and every KNOB= it sets (make
    itself takes any variable without a word, so a misspelt knob would pass)."""
    t = target_of(cmd)
    unknown = [k for k in knobs_of(cmd) if k not in help_knobs]
    if t not in help_names:
        out("FAIL", cmd, f"make help does not list the target '{t}'")
    elif unknown:
        out("FAIL", cmd, f"make help does not list the knob(s) {', '.join(unknown)}")
    else:
        return True
    return False

def check_synopsis(cmd):
    if known(cmd):
        out("PASS", cmd, "a synopsis: its target and knobs are in make help")

def run_make(cmd, why="", listed=False):
    t = target_of(cmd)
    if not known(cmd):
        return
    if t == "clean":
        deferred.append(cmd); return
    if t in SKIP:
        if t not in ran:
            out("SKIP", cmd, SKIP[t]); ran.add(t)
        return
    # Quick arguments the command does not already give.
    words = unquoted(cmd).split()
    extra = [a for a in FAST.get(t, "").split() if a not in words]
    full = " ".join([cmd] + extra)
    # A README command that opens a window is not turned into another one.
    if t == "waves" and not re.search(r"\bHEADLESS=1\b", full if listed else cmd):
        out("SKIP", cmd, "opens GTKWave's window (the HEADLESS=1 form is run instead)"); return
    if "../shared/osc" in cmd and not have_osc:
        out("SKIP", cmd, "../shared/osc is missing"); return
    rc, so, se, dt = run(full)
    ran.add(t)
    label = cmd + (f" (run as: {full})" if full != cmd else "") + why
    if rc == 0:
        out("PASS", label, f"exit 0 in {dt:.0f} s")
    else:
        out("FAIL", label, f"exit {rc} after {dt:.0f} s: {tail(se) or tail(so)}")

def mask(s):
    return re.sub(r"\d+\.\d+", "#", s.rstrip())

def transcript(cmd, expected, skipped):
    """Runs one "$ command"; returns True if it was skipped (so are the rest of its
    block, which may need what it makes)."""
    if skipped:
        out("SKIP", "$ " + cmd, "an earlier command of this transcript was skipped"); return True
    if "../shared/osc" in cmd and not have_osc:
        out("SKIP", "$ " + cmd, "../shared/osc is missing"); return True
    if cmd.startswith("make"):
        if not known(cmd):
            return False
        ran.add(target_of(cmd))
    rc, so, se, dt = run(cmd)
    if rc != 0:
        out("FAIL", "$ " + cmd, f"exit {rc}: {tail(se) or tail(so)}"); return False
    streams = [[mask(x) for x in so.splitlines()], [mask(x) for x in se.splitlines()]]
    pos = [0, 0]
    for e in expected:
        if e.strip() in ("…", "..."):
            continue            # "lines left out": any number, which order allows anyway
        pat = re.escape(mask(e)).replace("…", ".*")
        found = False
        for s in (0, 1):
            for k in range(pos[s], len(streams[s])):
                if re.fullmatch(pat, streams[s][k]):
                    pos[s] = k + 1; found = True; break
            if found: break
        if not found and not STEP.match(e):
            out("FAIL", "$ " + cmd, f"the README shows '{e.strip()}', the command does not print it"
                f" (in that order); it printed: {tail(se + so, 4)}")
            return False
    out("PASS", "$ " + cmd, f"exit 0, prints the README's {len(expected)} line(s)")
    return False

block_skipped = False
for st in steps:
    if st[0] == "transcript":
        block_skipped = transcript(st[1], st[2], block_skipped and st[3] > 0)
    elif PLACEHOLDER.search(st[1]) or PLACEHOLDER_UNQUOTED.search(unquoted(st[1])):
        check_synopsis(st[1])
    else:
        run_make(st[1])

# ---- every target make help lists, once --------------------------------------------
for h in help_targets:
    t = target_of(h)
    if t in ran or t == "help":
        continue
    if t == "clean":
        deferred.append("make clean"); continue
    base = "make" if t == "all" else f"make {t}"
    run_make(base, " (listed by make help)", listed=True)

# ---- last, make clean: build/ goes ---------------------------------------------------
rc, so, se, dt = run("make clean")
if rc == 0 and not os.path.exists(os.path.join(clone, "build")):
    out("PASS", "make clean", "exit 0, build/ is gone")
else:
    out("FAIL", "make clean", f"exit {rc}, build/ {'still there' if os.path.exists(os.path.join(clone, 'build')) else 'gone'}")

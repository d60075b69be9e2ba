#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""tools/waves_view.py -- the GTKWave view of one TLB miss (tools/waves.sh calls it).

    waves_view.py --dump D.fst --miss K --out DIR [--template waves/mmu.gtkw]
                  [--csv D.fst.misses.csv] [--png FILE [--values FILE]]

Reads the miss index beside the dump (its row whose `miss` column is K), the dump's
signal names and time unit (fst2vcd's header), and the template save file, and
writes into DIR:

  <dump>-miss<K>.gtkw   the template with every signal renamed to the width this dump
                        has (a name the dump lacks is dropped), filters made absolute,
                        and the window sized to the view;
  <dump>-miss<K>.tcl    the GTKWave script that zooms on the miss and puts the marker
                        on its first cycle;
  <dump>-miss<K>.shot.tcl  with --png: the timer script that saves the screen to FILE,
                        writes the values the view shows to the --values file (by
                        default FILE with .values for .png), and quits.

The values file is what the picture shows, read back from GTKWave itself (the same
names, radixes and filters): one line per signal, its value at the view's start and
each change after it, "time_ns=value", sampled in the middle of every half cycle (the
dump changes only at multiples of 5 ns). A test compares it with a fresh render's, so
a committed PNG cannot silently drift from the RTL (docs/waves.md).

Prints shell assignments for tools/waves.sh: gtkw=, tcl=, shot=, width=, height=,
and a one-line description of the miss (what=). Exit 1 with a message naming the
problem (no such miss, no index, fst2vcd missing, ...).
"""

import argparse
import csv
import os
import re
import shlex
import subprocess
import sys

CYCLE_NS = 10          # docs/contract.md: a 10 ns clock
PX_PER_CYCLE = 104     # room for the longest state name, ST_WAIT_RVALID, in one cycle
ROW_PX = 23            # GTKWave 3.3's row height with its default font
CHROME_PX = 150        # title, tool bar, time ruler
CHAR_PX = 8            # signal pane: a character of "name=value"
MAX_WIDTH = 2600
LEAD_CYCLES = 8        # hits shown before the miss: the stream the miss interrupts


def die(msg):
    print(f"waves: {msg}", file=sys.stderr)
    sys.exit(1)


def dump_header(dump):
    """(names, unit_per_ns, first_ns): GTKWave's names of the dump's signals, the
    dump's time units per ns, from the VCD header fst2vcd writes first, and the
    dump's first time in ns."""
    try:
        p = subprocess.Popen(["fst2vcd", dump], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True, errors="replace")
    except FileNotFoundError:
        die("fst2vcd is not installed (it comes with GTKWave: bash tools/deps.sh waves)")
    names, scope, timescale, in_ts = set(), [], None, False
    for line in p.stdout:
        tok = line.split()
        if not tok:
            continue
        if in_ts:
            if tok[0] == "$end":
                in_ts = False
            else:
                timescale = " ".join(tok)
            continue
        if tok[0] == "$timescale":
            rest = [t for t in tok[1:] if t != "$end"]
            if rest:
                timescale = " ".join(rest)
            in_ts = tok[-1] != "$end"
        elif tok[0] == "$scope":
            scope.append(tok[2])
        elif tok[0] == "$upscope":
            scope.pop()
        elif tok[0] == "$var":
            # $var TYPE WIDTH ID NAME [RANGE] $end; GTKWave shows [n:n] as [n]
            name, rng = tok[4], tok[5] if tok[5] != "$end" else ""
            m = re.fullmatch(r"\[(\d+):(\d+)\]", rng)
            if m and m.group(1) == m.group(2):
                rng = f"[{m.group(1)}]"
            names.add(".".join(scope + [name]) + rng)
        elif tok[0] == "$enddefinitions":
            break
    # The dump's first time (a windowed dump starts at its window): no view before it.
    first = 0
    for line in p.stdout:
        if line.startswith("#"):
            first = int(line[1:].split()[0])
            break
    p.stdout.close()
    p.kill()
    p.wait()
    if not names:
        die(f"{dump}: fst2vcd read no signals (not an FST dump?)")
    m = re.fullmatch(r"(\d+)\s*(s|ms|us|ns|ps|fs)", (timescale or "1ps").strip())
    if not m:
        die(f"{dump}: timescale {timescale!r} not understood")
    per_s = {"s": 1, "ms": 1e3, "us": 1e6, "ns": 1e9, "ps": 1e12, "fs": 1e15}[m.group(2)]
    unit_per_ns = per_s / 1e9 / int(m.group(1))
    return names, unit_per_ns, first / unit_per_ns


def base_of(name):
    """The signal's name without its trailing [msb:lsb] or [bit]."""
    return re.sub(r"\[\d+(?::\d+)?\]$", "", name)


def width_of(name):
    m = re.search(r"\[(\d+)(?::(\d+))?\]$", name)
    if not m:
        return 1
    return abs(int(m.group(1)) - int(m.group(2) or m.group(1))) + 1


def find_miss(csv_path, k):
    try:
        with open(csv_path, newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        die(f"no miss index {csv_path} ({e.strerror}); make sim ... WAVES=1 writes it")
    if not rows:
        die(f"{csv_path}: no TLB misses in this dump")
    for i, r in enumerate(rows):
        if int(r["miss"]) == k:
            return (r, rows[i + 1] if i + 1 < len(rows) else None,
                    rows[i - 1] if i > 0 else None)
    die(f"miss {k} is not in {csv_path}: it lists misses {rows[0]['miss']}..{rows[-1]['miss']}"
        " (a windowed dump holds only the misses of its window)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dump", required=True)
    ap.add_argument("--miss", required=True, type=int)
    ap.add_argument("--out", required=True)
    ap.add_argument("--csv")
    ap.add_argument("--template", default=os.path.join(os.path.dirname(__file__), "..", "waves", "mmu.gtkw"))
    ap.add_argument("--png")
    ap.add_argument("--values")
    a = ap.parse_args()
    if a.values and not a.png:
        die("--values needs --png (the values are read in the run that renders)")

    csv_path = a.csv or a.dump + ".misses.csv"
    row, nxt, prev = find_miss(csv_path, a.miss)
    names, unit_per_ns, first_ns = dump_header(a.dump)
    by_base = {}
    for n in names:
        by_base.setdefault(base_of(n), n)

    # ---- the window: the hits before the miss, then its access (all its attempts) ----
    t_ns = int(row["time_ns"])
    walk = int(row["walk_cycles"])
    attempts = 2 if row["page_fault"].strip().lower() in ("yes", "1", "true") else 1
    # An attempt is the request's IDLE cycle plus its latency; the OS may spend a
    # cycle invalidating the TLB between attempts. The next access, when it is the
    # next miss, bounds the access exactly.
    end_ns = t_ns + (walk + attempts + 1) * CYCLE_NS
    if nxt and int(nxt["access"]) == int(row["access"]) + 1:
        end_ns = int(nxt["time_ns"])
    # Before it, the hits since the previous miss (up to LEAD_CYCLES of them): a hit
    # takes one clock (docs/contract.md, "Timing"), so the stream the miss stops is
    # on screen. Then one cycle more: the previous access's answer.
    hits = int(row["access"]) - (int(prev["access"]) if prev else 1) - (1 if prev else 0)
    lead = min(LEAD_CYCLES, max(0, hits))
    first_ns = int(first_ns) // CYCLE_NS * CYCLE_NS
    lo_ns = max(0, min(t_ns, max(first_ns, t_ns - (lead + 1) * CYCLE_NS)))
    hi_ns = end_ns + CYCLE_NS
    cycles = (hi_ns - lo_ns) // CYCLE_NS

    # ---- the save file: the template, renamed to this dump ---------------------------
    tdir = os.path.dirname(os.path.abspath(a.template))
    try:
        template = open(a.template).read().splitlines()
    except OSError as e:
        die(f"{a.template}: {e.strerror}")
    out, shown, widest, signals = [], 0, 0, []
    for line in template:
        if line.startswith(("[savefile]", "[size]", "[pos]", "[signals_width]", "[timestart]", "*")):
            continue  # absolute filter paths need no [savefile]; the rest is set below
        m = re.match(r"\^(\d+) (.*)$", line)
        if m:  # a filter file: absolute, beside the template
            out.append(f"^{m.group(1)} {os.path.join(tdir, os.path.basename(m.group(2).strip()))}")
            continue
        if line.startswith("-"):
            out.append(line)   # a comment, a group's begin or its end: one row each
            shown += 1
            # GTKWave aligns every label to the longest, a group's name ("Name {")
            # included: the values of the signals must still fit beside it.
            widest = max(widest, len(line) + 2 + 14)
            continue
        if not line or line[0] in "[@-^!?>#:+*(":
            out.append(line)
            continue
        real = by_base.get(base_of(line))
        if real is None:
            continue  # this dump has no such signal (another geometry, an older RTL)
        out.append(real)
        signals.append(real)
        shown += 1
        leaf = real.rsplit(".", 1)[-1]
        bits = width_of(real)
        widest = max(widest, len(leaf) + 1 + max(14, (bits + 3) // 4))
    if shown == 0:
        die(f"{a.dump}: none of the signals of {a.template} is in this dump")

    sig_px = min(520, widest * CHAR_PX + 30)
    width = min(MAX_WIDTH, sig_px + 40 + cycles * PX_PER_CYCLE)
    height = CHROME_PX + shown * ROW_PX
    if not a.png:  # on a real display: a window that fits a screen; the zoom still fits the miss
        width, height = min(width, 1800), min(height, 1050)
    stem = os.path.splitext(os.path.basename(a.dump))[0] + f"-miss{a.miss}"
    os.makedirs(a.out, exist_ok=True)
    gtkw = os.path.join(a.out, stem + ".gtkw")
    what = (f"miss {a.miss}: access {row['access']} (trace line {row['line']}), "
            f"vaddr {row['vaddr']} vpn {row['vpn']} asid {row['asid']}, "
            f"{walk} walk cycles, page fault {row['page_fault']}, "
            f"at {t_ns} ns; view {lo_ns}..{hi_ns} ns")
    head = [
        f"[*] {stem}.gtkw -- written by tools/waves_view.py from {os.path.relpath(a.template)}",
        f"[*] {what}",
        f"[size] {width} {height}",
        "[pos] 0 0",
        f"[signals_width] {sig_px}",
        f"[timestart] {int(lo_ns * unit_per_ns)}",
    ]
    with open(gtkw, "w") as f:
        f.write("\n".join(head + out) + "\n")

    # ---- the scripts: zoom and marker; with --png, the screenshot ----------------------
    tcl = os.path.join(a.out, stem + ".tcl")
    with open(tcl, "w") as f:
        f.write(f"# {what}\n"
                f"gtkwave::setZoomRangeTimes {int(lo_ns * unit_per_ns)} {int(hi_ns * unit_per_ns)}\n"
                f"gtkwave::setMarker {int(t_ns * unit_per_ns)}\n")
    shot = ""
    if a.png:
        shot = os.path.join(a.out, stem + ".shot.tcl")
        png = os.path.abspath(a.png)
        values = os.path.abspath(a.values or os.path.splitext(a.png)[0] + ".values")
        half = CYCLE_NS // 2
        samples = " ".join(f"{ns} {int((ns + half / 2) * unit_per_ns)}"
                           for ns in range(lo_ns, hi_ns, half))
        header = [f"# {line}" for line in (
            f"the values tools/waves.sh's view shows: {what}",
            f"marker {t_ns} ns; each signal: its value from each time (ns) on, as GTKWave shows it",
        )]
        with open(shot, "w") as f:
            # Run by GTKWave's timer (-R) once the window has been drawn: save the
            # screen (the window fills it), then read the values at each half cycle
            # (moving the marker, so after the screenshot), then quit.
            f.write("if {![info exists ::vmmu_ticks]} { set ::vmmu_ticks 0 }\n"
                    "incr ::vmmu_ticks\n"
                    "if {$::vmmu_ticks == 4} {\n"
                    f"    exec import -window root {{{png}}}\n"
                    f"    set sigs {{{' '.join(signals)}}}\n"
                    "    foreach s $sigs { set ::vmmu_line($s) $s; set ::vmmu_prev($s) {} }\n"
                    f"    foreach {{ns t}} {{{samples}}} {{\n"
                    "        gtkwave::setMarker $t\n"
                    "        foreach s $sigs {\n"
                    "            set v [gtkwave::getTraceValueAtMarkerFromName $s]\n"
                    "            if {$v ne $::vmmu_prev($s)} {\n"
                    "                append ::vmmu_line($s) \" $ns=$v\"\n"
                    "                set ::vmmu_prev($s) $v\n"
                    "            }\n"
                    "        }\n"
                    "    }\n"
                    f"    set f [open {{{values}.tmp}} w]\n"
                    + "".join(f"    puts $f {{{h}}}\n" for h in header) +
                    "    foreach s $sigs { puts $f $::vmmu_line($s) }\n"
                    "    close $f\n"
                    f"    file rename -force {{{values}.tmp}} {{{values}}}\n"
                    "    gtkwave::/File/Quit\n"
                    "}\n")
    for k, v in (("gtkw", gtkw), ("tcl", tcl), ("shot", shot), ("width", width),
                 ("height", height), ("what", what)):
        print(f"{k}={shlex.quote(str(v))}")


if __name__ == "__main__":
    main()

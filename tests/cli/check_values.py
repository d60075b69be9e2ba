#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""check_values.py BACKING TRACE OUT [TRACE OUT]...: for each pair, checks that the
per-access lines of vmref's stdout OUT are one per address of the text TRACE, in
order, that each "Virtual address" is the trace's address, and that each "Value" is
the signed byte of BACKING at (page, offset) of the virtual address (osc: 256-byte
pages, the low 16 bits kept; zero past the end of the file).  Computed here,
independently of vmref's physical address.  One python for many pairs (python's
start-up is the slow part).  Prints "OUT: what is wrong" per bad pair and fails,
or prints nothing and succeeds.  PAGE_BITS and VA_BITS override 8 and 16.
tests/lib.sh's check_values runs it (tests/cli/t_textbook.sh, t_properties.sh).
"""
import os, re, sys
page_bits = int(os.environ.get("PAGE_BITS", "8"))
va_bits = int(os.environ.get("VA_BITS", "16"))
backing, pairs = sys.argv[1], sys.argv[2:]
bs = open(backing, "rb").read()
page = 1 << page_bits
pat = re.compile(r"^Virtual address: (\d+) Physical address: (\d+) Value: (-?\d+)$")
traces = {}
bad = 0

def check(trace, out):
    if trace not in traces:
        addrs = []
        for raw in open(trace, encoding="ascii", newline=""):
            line = raw.split("#", 1)[0].strip()
            if line:
                addrs.append(int(line, 0))
        traces[trace] = addrs
    addrs = traces[trace]
    got = [l.rstrip("\r\n") for l in open(out, encoding="ascii") if l.startswith("Virtual address:")]
    if len(got) != len(addrs):
        return f"{len(got)} access lines for {len(addrs)} trace addresses"
    for i, (a, l) in enumerate(zip(addrs, got), 1):
        m = pat.match(l)
        if not m:
            return f"access {i}: malformed line {l!r}"
        va, value = int(m.group(1)), int(m.group(3))
        if va != a:
            return f"access {i}: virtual address {va}, trace has {a}"
        v = a & ((1 << va_bits) - 1)
        pos = (v >> page_bits) * page + (v & (page - 1))
        b = bs[pos] if pos < len(bs) else 0
        want = b - 256 if b > 127 else b
        if value != want:
            return f"access {i}: address {a}: Value {value}, backing store byte is {want}"
    return None

for trace, out in zip(pairs[0::2], pairs[1::2]):
    try:
        msg = check(trace, out)
    except Exception as e:  # a missing file, a bad trace line: a failure, not a crash
        msg = f"{type(e).__name__}: {e}"
    if msg:
        print(f"{out}: {msg}")
        bad = 1
sys.exit(bad)

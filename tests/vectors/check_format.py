#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check the MMU test vectors' files against the formats of issue 16, with no MMU.

    python3 tests/vectors/check_format.py [FILE.vec ...]     (default: every .vec here)

Each FILE.vec must parse by the vector grammar (docs/vectors.md "The input"), for the
preset its name starts with (sv32-*, sv39-*, sv48-*), and FILE.expected beside it must
hold exactly one line per request in the output grammar, numbered from 1, naming the
request's kind and address. The lines are also checked for what they cannot be under
the rules the expected outputs assume (memory latency 1): a hit takes 1 cycle and
writes nothing; a walk takes 2 + 2k cycles with 1 <= k <= levels + 1; a fault's kind
is the access's. This is the first half of the future test; the second half runs
`vmref --vectors FILE` and `vmsim --vectors FILE` and compares with FILE.expected.
A problem is one line `file:line: what is wrong`; the exit status is 1 if any.
"""
import os
import re
import sys

# preset: VA bits checked as the request's number width, PTE bytes, PPN bits, PA bits,
# ASID bits, levels, canonical VA bits (0: a 32-bit VA, no sign extension).
PRESETS = {
    "sv32": dict(va_bits=32, pte=4, ppn_bits=22, pa_bits=34, asid_bits=9, levels=2, canon=0),
    "sv39": dict(va_bits=64, pte=8, ppn_bits=44, pa_bits=56, asid_bits=16, levels=3, canon=39),
    "sv48": dict(va_bits=64, pte=8, ppn_bits=44, pa_bits=56, asid_bits=16, levels=4, canon=48),
}
FAULTS = {"R": "load", "W": "store", "X": "fetch"}
NUM = re.compile(r"^(0x[0-9a-fA-F]+|[0-9]+)$")
HEX = r"0x(?:0|[1-9a-f][0-9a-f]*)"
LINE = re.compile(
    r"^(?P<n>[1-9][0-9]*) (?P<kind>[RWX]) (?P<va>%s) -> "
    r"(?P<res>%s|(?:load|store|fetch)-(?:page|access)-fault) "
    r"hit=(?P<hit>[01]) cycles=(?P<cycles>[1-9][0-9]*)"
    r"(?P<wrote>(?: wrote=%s:%s)*)$" % (HEX, HEX, HEX, HEX))


class Problems:
    def __init__(self):
        self.count = 0

    def __call__(self, path, line, what):
        self.count += 1
        print("%s:%d: %s" % (path, line, what))


def number(tok):
    return int(tok, 16) if tok.lower().startswith("0x") else int(tok)


def canonical(va, bits):
    top = va >> (bits - 1)
    return top == 0 or top == (1 << (65 - bits)) - 1


def parse_vec(path, p, report):
    """The requests of a .vec file as (kind, va), or None if the file is malformed."""
    requests = []
    mode = None
    bad = report.count
    with open(path, encoding="utf-8") as f:
        for ln, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if "#" in line:
                # The issue allows a comment after a directive; these files keep
                # comments on their own lines so any reader of the grammar agrees.
                report(path, ln, "a comment after a directive (tests/vectors keeps comments on their own lines)")
                line = line.split("#", 1)[0].strip()
            tok = line.split()
            op, args = tok[0], tok[1:]
            arity = {"mem": 2, "satp": 3, "priv": 1, "sum": 1, "mxr": 1, "ad": 1,
                     "pmem": 1, "sfence": 2, "R": 1, "W": 1, "X": 1}
            if op not in arity:
                report(path, ln, "unknown directive '%s'" % op)
                continue
            if len(args) != arity[op]:
                report(path, ln, "'%s' takes %d argument(s), not %d" % (op, arity[op], len(args)))
                continue

            def num(tok, what, limit_bits):
                if not NUM.match(tok):
                    report(path, ln, "%s '%s' is not a decimal or 0x hex number" % (what, tok))
                    return None
                v = number(tok)
                if v >= 1 << limit_bits:
                    report(path, ln, "%s %s does not fit in %d bits" % (what, tok, limit_bits))
                    return None
                return v

            if op == "mem":
                pa = num(args[0], "mem address", p["pa_bits"])
                num(args[1], "mem value", 8 * p["pte"])
                if pa is not None and pa % p["pte"]:
                    report(path, ln, "mem address %s is not a multiple of the PTE size %d" % (args[0], p["pte"]))
            elif op == "satp":
                if args[0] not in ("bare", p["name"]):
                    report(path, ln, "satp mode '%s': bare or %s" % (args[0], p["name"]))
                    continue
                asid = num(args[1], "ASID", p["asid_bits"])
                ppn = num(args[2], "PPN", p["ppn_bits"])
                if args[0] == "bare" and (asid or ppn):
                    report(path, ln, "satp bare with a non-zero ASID or PPN (the spec leaves it unspecified)")
                mode = args[0]
            elif op in ("priv",):
                if args[0] not in ("U", "S"):
                    report(path, ln, "priv '%s': U or S" % args[0])
            elif op in ("sum", "mxr"):
                if args[0] not in ("0", "1"):
                    report(path, ln, "%s '%s': 0 or 1" % (op, args[0]))
            elif op == "ad":
                if args[0] not in ("hardware", "fault"):
                    report(path, ln, "ad '%s': hardware or fault" % args[0])
            elif op == "pmem":
                v = num(args[0], "pmem", 64)
                if v is not None and v % p["pte"]:
                    # A PTE across the bound is left untested (docs/vectors.md).
                    report(path, ln, "pmem %s is not a multiple of the PTE size %d" % (args[0], p["pte"]))
            elif op == "sfence":
                if args[0] != "-":
                    va = num(args[0], "sfence VA", p["va_bits"])
                    if va is not None and p["canon"] and not canonical(va, p["canon"]):
                        # The spec lets an implementation ignore such a fence or not.
                        report(path, ln, "sfence of a non-canonical VA (its effect is the implementation's)")
                if args[1] != "-":
                    num(args[1], "sfence ASID", p["asid_bits"])
            else:
                va = num(args[0], "VA", p["va_bits"])
                if mode is None:
                    report(path, ln, "a request before any satp")
                elif va is not None and mode == "bare" and va >= 1 << 32:
                    report(path, ln, "a Bare-mode VA of 2^32 or more (kept below 2^32 here)")
                if va is not None:
                    requests.append((op, va))
    return None if report.count > bad else requests


def check_expected(path, requests, p, report):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text and not text.endswith("\n"):
        report(path, text.count("\n") + 1, "the last line has no newline")
    lines = text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")
    if len(lines) != len(requests):
        report(path, min(len(lines), len(requests)) + 1,
               "%d lines for %d requests" % (len(lines), len(requests)))
    walk = {2 + 2 * k for k in range(1, p["levels"] + 2)}
    for i, (line, (kind, va)) in enumerate(zip(lines, requests), 1):
        m = LINE.match(line)
        if not m:
            report(path, i, "not in the output grammar: '%s'" % line)
            continue
        if int(m["n"]) != i:
            report(path, i, "request number %s, expected %d" % (m["n"], i))
        if m["kind"] != kind or int(m["va"], 16) != va:
            report(path, i, "names %s %s, the request is %s 0x%x" % (m["kind"], m["va"], kind, va))
        res, hit, cycles = m["res"], m["hit"] == "1", int(m["cycles"])
        wrote = re.findall(r"wrote=(0x[0-9a-f]+):(0x[0-9a-f]+)", m["wrote"])
        if not res.startswith("0x") and not res.startswith(FAULTS[kind] + "-"):
            report(path, i, "%s on a %s request" % (res, kind))
        if res.startswith("0x") and int(res, 16) >= 1 << p["pa_bits"]:
            report(path, i, "PA %s is wider than %d bits" % (res, p["pa_bits"]))
        if hit and (cycles != 1 or wrote):
            report(path, i, "a hit takes 1 cycle and writes nothing")
        if not hit and cycles != 1 and cycles not in walk:
            report(path, i, "a walk of %d cycles: not 2 + 2k, 1 <= k <= %d" % (cycles, p["levels"] + 1))
        if wrote and (not res.startswith("0x") or len(wrote) != 1 or cycles < 6):
            report(path, i, "a write-back only on a translated walk, one, after a read")
        for pa, val in wrote:
            if int(pa, 16) % p["pte"] or int(val, 16) >= 1 << (8 * p["pte"]):
                report(path, i, "wrote=%s:%s is not a PTE-sized write at a PTE address" % (pa, val))


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    rel = os.path.relpath(here)
    files = argv or sorted(os.path.join(rel, f) for f in os.listdir(here) if f.endswith(".vec"))
    report = Problems()
    if not argv:
        for f in sorted(os.listdir(here)):
            if f.endswith(".expected") and not os.path.exists(os.path.join(here, f[:-9] + ".vec")):
                report(os.path.join(rel, f), 1, "no .vec beside it")
    total = 0
    for vec in files:
        preset = os.path.basename(vec).split("-", 1)[0]
        if preset not in PRESETS or not vec.endswith(".vec"):
            report(vec, 1, "the name is not <preset>-<topic>.vec with a preset of %s" % ", ".join(PRESETS))
            continue
        p = dict(PRESETS[preset], name=preset)
        requests = parse_vec(vec, p, report)
        exp = vec[:-4] + ".expected"
        if not os.path.exists(exp):
            report(vec, 1, "no %s beside it" % os.path.basename(exp))
            continue
        if requests is not None:
            check_expected(exp, requests, p, report)
            total += len(requests)
    if report.count:
        return 1
    print("%d vector files, %d requests: formats ok" % (len(files), total))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

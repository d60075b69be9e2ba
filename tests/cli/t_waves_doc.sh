#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The waveform docs against today's RTL (docs/waves.md, README's "Looking at a TLB miss"):
#  - the README's recipe, make sim TRACE=<textbook> WAVES=1 then make waves MISS=3
#    HEADLESS=1, renders the dump make sim just wrote (not the project's own trace),
#    and both commands say where they wrote;
#  - docs/img/tlb-miss.png is today's picture, by value: the values its render showed
#    (docs/img/tlb-miss.values, written beside it by the same make waves) equal a
#    fresh render's, signal for signal, change for change;
#  - every value docs/waves.md's cycle-by-cycle reading states is what the fresh render
#    shows at the time the step gives, and every signal a step names a value of is a
#    row of the view.
# The oracle is GTKWave reading the FST that today's RTL writes, not the doc's author.
source "$(dirname "$0")/../lib.sh"

DOC=${DOC:-$ROOT/docs/waves.md}
VALUES=${VALUES:-$ROOT/docs/img/tlb-miss.values}

need_bin "vmsim built" "$ROOT/build/vmsim" || { summary; exit; }
if ! need_osc; then
    skip "waves docs" "../shared/osc (the textbook's inputs) is missing"
    summary
    exit
fi
for tool in gtkwave xvfb-run import convert fst2vcd; do
    command -v $tool >/dev/null || bash tools/deps.sh waves >"$TMP/deps.log" 2>&1
done
for tool in gtkwave xvfb-run import convert fst2vcd; do
    if ! command -v $tool >/dev/null; then
        skip "waves docs" "$tool missing and not installable (bash tools/deps.sh waves: $(tail -1 "$TMP/deps.log" 2>/dev/null))"
        summary
        exit
    fi
done

# -- the README's recipe, into a folder of our own (WAVES_DIR: where make waves looks
#    for the record make sim leaves beside its dump), so the user's waves/ is untouched.
w=$TMP/w
mkdir -p "$w"
dump=$w/addresses-osc-1x16.fst
make -s --no-print-directory sim TRACE="$OSC/addresses.txt" WAVES=1 WAVES_FILE="$dump" \
    >"$TMP/sim.out" 2>"$TMP/sim.err"
expect_eq "make sim TRACE=<textbook> WAVES=1: exit 0" 0 "$?"
expect_true "make sim WAVES=1: says where the dump and its miss index go" \
    "stderr: $(grep -v '^vmsim:' "$TMP/sim.err" | tail -2 | tr '\n' '|')" \
    grep -qF "waves to $dump and its miss index to $dump.misses.csv" "$TMP/sim.err"
expect_eq "make sim WAVES=1: records its dump in the dump's folder (last)" "$dump" \
    "$(sed -n 1p "$w/last" 2>/dev/null)"

# Then make waves with no variable naming a dump: the one just written.
make -s --no-print-directory waves MISS=3 HEADLESS=1 WAVES_DIR="$w" >"$TMP/waves.out" 2>"$TMP/waves.err"
rc=$?
png=$w/addresses-osc-1x16-miss3.png
fresh=$w/addresses-osc-1x16-miss3.values
expect_eq "make waves MISS=3 HEADLESS=1 after it: exit 0" 0 "$rc" "$(tail -2 "$TMP/waves.err" | tr '\n' '|')"
expect_eq "make waves: the PNG's path on stdout, beside the dump make sim wrote" "$png" "$(cat "$TMP/waves.out")"
expect_true "make waves: names the dump it opened" \
    "stderr: $(head -3 "$TMP/waves.err" | tr '\n' '|')" grep -qF "waves: dump $dump " "$TMP/waves.err"
expect_true "make waves: says it wrote the PNG and its values" \
    "stderr: $(tail -1 "$TMP/waves.err")" grep -qF "wrote $png (" "$TMP/waves.err"
if [ -s "$png" ] && [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
    pass "make waves: the PNG is a PNG ($(stat -c %s "$png") bytes)"
else
    fail "make waves: the PNG is a PNG" "no PNG at $png"
fi
expect_true "make waves: miss 3 is the textbook's 0x75f6 (the miss docs/waves.md reads)" \
    "values header: $(head -1 "$fresh" 2>/dev/null)" grep -q "^# .*miss 3: access 3 .*vaddr 0x75f6 " "$fresh"

# A recorded dump that is gone is written again by the command that wrote it.
if [ -s "$fresh" ]; then
    cp "$fresh" "$TMP/first.values"
    rm -f "$dump" "$fresh"
    make -s --no-print-directory waves MISS=3 HEADLESS=1 WAVES_DIR="$w" >/dev/null 2>"$TMP/again.err"
    rc=$?
    if [ $rc -eq 0 ] && [ -s "$dump" ] && cmp -s "$TMP/first.values" "$fresh"; then
        pass "make waves: re-writes a recorded dump that is gone, by its vmsim command (same values)"
    else
        fail "make waves: re-writes a recorded dump that is gone" "exit $rc: $(grep -v '^vmsim' "$TMP/again.err" | tail -2 | tr '\n' '|')"
    fi
fi

# -- the committed picture, by value ------------------------------------------------------
if [ -s "$fresh" ] && cmp -s "$VALUES" "$fresh"; then
    pass "docs/img/tlb-miss.values = a fresh render's ($(grep -vc '^#' "$fresh") signals): the picture is today's"
else
    fail "docs/img/tlb-miss.values = a fresh render's" \
        "re-render (docs/waves.md, end of 'Reading a TLB miss'); differences (committed < > fresh): $(diff "$VALUES" "$fresh" 2>&1 | grep '^[<>]' | head -4 | cut -c1-160 | tr '\n' '|')"
fi
# The picture beside it is the one those values were read from: same size as a fresh
# render (pixels may differ with fonts; the values are the check).
read -r cw ch < <(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print(*struct.unpack(">II", d[16:24]))' "${VALUES%.values}.png" 2>/dev/null)
read -r fw fh < <(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print(*struct.unpack(">II", d[16:24]))' "$png" 2>/dev/null)
expect_eq "docs/img/tlb-miss.png: the size of a fresh render" "${fw:-?}x${fh:-?}" "${cw:-?}x${ch:-?}"

# -- docs/waves.md's reading, against the fresh render -------------------------------------
# Each numbered step of "Reading a TLB miss" opens with its time, "**…, T1–T2 ns" or
# "**…, T ns" (the span [T1, T2), or [T, T+5)). In a step, "`sig` = value" (value in
# backticks or a bare word, or another "`sig2` = value" chained) must be the signal's
# value at some half cycle of the span, or at "at N ns" when that follows; "`ST_X`"
# must be the walker's state in the span; "`col` = value" for a column of the miss
# index is that column of miss 3.
[ -s "$fresh" ] || echo "0 0
BAD no fresh values to check them against ($fresh)" >"$TMP/doc.txt"
[ -s "$fresh" ] && python3 tests/cli/waves_doc.py "$DOC" "$fresh" "$dump.misses.csv" >"$TMP/doc.txt" 2>&1
read -r nsteps nclaims <"$TMP/doc.txt"
if [ "${nsteps:-0}" -ge 10 ] && [ "${nclaims:-0}" -ge 40 ] && ! grep -q '^BAD' "$TMP/doc.txt"; then
    pass "docs/waves.md: each of the $nclaims values its $nsteps steps state is the fresh render's"
else
    fail "docs/waves.md: the values its steps state are the fresh render's" \
        "${nsteps:-0} steps, ${nclaims:-0} values checked (want >= 10, >= 40); $(grep '^BAD' "$TMP/doc.txt" | head -5 | cut -c5- | tr '\n' '|')"
fi

summary

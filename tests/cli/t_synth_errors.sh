#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cli/t_synth_errors.sh -- make synth's failures point at the cause, its
# configurations are a knob, and it says what it is doing (issue 13: D4, items 7, 10).
#
#   config      a bad SYNTH_CONFIGS entry: one line naming it, before any tool runs
#   no-yosys    yosys hidden from PATH (a PATH of symlinks to every tool but yosys),
#               installing disabled (VMMU_NO_INSTALL=1):
#                 make synth fails saying yosys is missing, and every file it names
#                 exists (it used to name a mmu.log that was never written);
#                 the synthesis script itself names a log that exists and holds
#                 the shell's "yosys: not found"
#   latch       a copy of the RTL with a latch: make synth fails, names a log that
#               exists and holds Yosys's assertion, shows that line, and names the
#               latch's signal and source line (the ones the test wrote)
#   small       make synth SYNTH_CONFIGS=osc-1x2 in a copy: one row, osc-1x2, and a
#               line per stage (yosys, nextpnr) with its time  (~10 s)
# The last two need Yosys and nextpnr-ice40 (installed through tools/deps.sh when
# missing; skipped when that fails).

. "$(dirname "$0")/../lib.sh"

MAKE_BIN=$(command -v make)

# A copy of what make synth reads, so the tests neither edit the RTL nor write
# build/synth of the repository.
copy_repo() {
    mkdir -p "$1/model" && cp -r Makefile mk rtl synth tools "$1"/ && cp model/presets.def "$1"/model/
}

# names_exist FILE: every build/... or /... path that FILE's text names exists
# (prints the first one that does not).
names_missing() {
    grep -o '[A-Za-z0-9_./-]*/[A-Za-z0-9_.-]*\.\(log\|stderr\|txt\|stat\)' "$1" | sort -u |
        while read -r f; do [ -e "$f" ] || { echo "$f"; break; }; done
}

# ---- config: bad entries, each named, nothing run --------------------------------
out=$TMP/config.out
"$MAKE_BIN" --no-print-directory synth SYNTH_CONFIGS="osc:3:16 foo:1:2 sv39-4x4" >"$out" 2>&1
rc=$?
if [ "$rc" -ne 0 ] && grep -q "'osc:3:16'.*power of two" "$out" &&
    grep -q "'foo:1:2'.*not a preset" "$out" && ! grep -q "sv39-4x4'" "$out" &&
    ! grep -q 'yosys synth_ice40 of' "$out"; then
    pass synth-config-check
else
    fail synth-config-check "status $rc: $(head -3 "$out" | tr '\n' '|')"
fi

# A TLB policy per configuration (issue 17): a bad name and plru on 3 ways, each named.
"$MAKE_BIN" --no-print-directory synth SYNTH_CONFIGS="osc:1:3:plru osc-1x4-mru sv39:1:4:random" >"$out" 2>&1
rc=$?
if [ "$rc" -ne 0 ] && grep -q "'osc:1:3:plru'.*power-of-two" "$out" &&
    grep -q "'osc-1x4-mru'.*not a TLB policy" "$out" && ! grep -q "sv39:1:4:random'" "$out" &&
    ! grep -q 'yosys synth_ice40 of' "$out"; then
    pass synth-config-policy-check
else
    fail synth-config-policy-check "status $rc: $(head -3 "$out" | tr '\n' '|')"
fi

# An ITLB per configuration (issue 17): too many ways, sets not a power of two, plru on
# 3 ITLB ways, each named; a good split one passes the check.
"$MAKE_BIN" --no-print-directory synth SYNTH_CONFIGS="osc-1x8-i1x65 osc:1:8:i3x4 osc-1x8-i1x3-plru osc:1:8:i1x4:lru" >"$out" 2>&1
rc=$?
if [ "$rc" -ne 0 ] && grep -q "'osc-1x8-i1x65'.*ITLB of 1x65" "$out" && grep -q "'osc:1:8:i3x4'.*ITLB of 3x4" "$out" &&
    grep -q "'osc-1x8-i1x3-plru'.*ITLB ways" "$out" && ! grep -q "osc:1:8:i1x4:lru'" "$out" &&
    ! grep -q 'yosys synth_ice40 of' "$out"; then
    pass synth-config-itlb-check
else
    fail synth-config-itlb-check "status $rc: $(head -4 "$out" | tr '\n' '|')"
fi

# A page-walk cache per configuration (issue 18): 6 entries (not a power of two) and 128
# (above 64) named; a good one, in both spellings, passes the check.
"$MAKE_BIN" --no-print-directory synth SYNTH_CONFIGS="sv39-1x4-p6 sv39:1:4:p128 sv39:1:4:p8 sv39-1x4-i1x4-p8-plru" >"$out" 2>&1
rc=$?
if [ "$rc" -ne 0 ] && grep -q "'sv39-1x4-p6'.*page-walk cache of 6 entries" "$out" &&
    grep -q "'sv39:1:4:p128'.*page-walk cache of 128 entries" "$out" && [ "$(grep -c 'synth: SYNTH_CONFIGS' "$out")" -eq 2 ] &&
    ! grep -q 'yosys synth_ice40 of' "$out"; then
    pass synth-config-pwc-check
else
    fail synth-config-pwc-check "status $rc: $(head -4 "$out" | tr '\n' '|')"
fi

# ---- no-yosys: a PATH without yosys ----------------------------------------------
fake=$TMP/bin
mkdir -p "$fake"
IFS=: read -r -a dirs <<<"$PATH"
for d in "${dirs[@]}"; do
    [ -d "$d" ] || continue
    for f in "$d"/*; do
        b=${f##*/}
        [ "$b" = yosys ] && continue
        [ -x "$f" ] && [ ! -d "$f" ] && [ ! -e "$fake/$b" ] && [ ! -L "$fake/$b" ] && ln -s "$f" "$fake/$b"
    done
done
if PATH=$fake command -v yosys >/dev/null; then
    fail synth-no-yosys "yosys is still on the PATH built without it"
else
    out=$TMP/noyosys.out
    (PATH=$fake VMMU_NO_INSTALL=1 "$MAKE_BIN" --no-print-directory synth SYNTH_CONFIGS=osc:1:2 \
        SYNTH_DIR="$TMP/synth" >"$out" 2>&1)
    rc=$?
    missing=$(names_missing "$out")
    if [ "$rc" -ne 0 ] && grep -q 'yosys' "$out" && [ -z "$missing" ]; then
        pass synth-no-yosys-make
    else
        fail synth-no-yosys-make "status $rc, names missing file '${missing}': $(tr '\n' '|' <"$out")"
    fi

    # The script make runs once the tools are there, run without them.
    out=$TMP/noyosys2.out
    (PATH=$fake bash synth/run.sh -o "$TMP/synth" osc:1:2 >"$out" 2>&1)
    rc=$?
    log=$(sed -n 's/.*the cause is in \([^ ,]*\),.*/\1/p' "$out" | head -1)
    if [ "$rc" -eq 0 ]; then
        fail synth-no-yosys-log "synth/run.sh succeeded without yosys"
    elif [ -z "$log" ]; then
        fail synth-no-yosys-log "no log named: $(tr '\n' '|' <"$out")"
    elif [ ! -f "$log" ]; then
        fail synth-no-yosys-log "names $log, which does not exist"
    elif ! grep -q 'yosys.*not found' "$log"; then
        fail synth-no-yosys-log "$log does not say yosys was not found: $(head -2 "$log")"
    elif ! grep -q 'yosys.*not found' "$out"; then
        fail synth-no-yosys-log "the message does not show the log's end"
    else
        pass synth-no-yosys-log
    fi
fi

# ---- the tools, for the rest ------------------------------------------------------
if ! command -v yosys >/dev/null || ! command -v nextpnr-ice40 >/dev/null; then
    bash tools/deps.sh synth >"$TMP/deps.log" 2>&1
fi
if ! command -v yosys >/dev/null || ! command -v nextpnr-ice40 >/dev/null; then
    why="yosys or nextpnr-ice40 missing and not installable ($(tail -1 "$TMP/deps.log"))"
    skip synth-latch-log "$why"
    skip synth-small-run "$why"
    summary
fi

# ---- latch: a deliberate latch in a copy ----------------------------------------------
repo=$TMP/latch
copy_repo "$repo"
# Before mmu's endmodule: an incomplete combinational assignment, a latch.
awk '/^endmodule/ && !done { print "  logic t_latch_q;"; print "  always @* if (req_valid_i) t_latch_q = ctl_tlb_policy_i[0];"; done = 1 } { print }' \
    rtl/mmu.sv >"$repo/rtl/mmu.sv"
lline=$(grep -n 't_latch_q = ' "$repo/rtl/mmu.sv" | cut -d: -f1)
out=$TMP/latch.out
(cd "$repo" && "$MAKE_BIN" --no-print-directory synth SYNTH_CONFIGS=osc:1:2 >"$out" 2>&1)
rc=$?
log=$(sed -n 's/.*the cause is in \([^ ,]*\),.*/\1/p' "$out" | head -1)
assert='Assertion failed: selection is not empty'
if [ "$rc" -eq 0 ]; then
    fail synth-latch-log "make synth passed an RTL with a latch"
elif [ -z "$log" ] || [ ! -f "$repo/$log" ]; then
    fail synth-latch-log "names no existing log ('$log'): $(tail -3 "$out" | tr '\n' '|')"
elif ! grep -q "$assert" "$repo/$log"; then
    fail synth-latch-log "$log does not hold Yosys's latch assertion"
elif ! grep -q "$assert" "$out"; then
    fail synth-latch-log "the message does not show the assertion: $(tail -3 "$out" | tr '\n' '|')"
elif ! grep -qF "a latch: \mmu.\t_latch_q (the process at rtl/mmu.sv:$lline)" "$out"; then
    fail synth-latch-log "the message does not name the latch \\mmu.\\t_latch_q at rtl/mmu.sv:$lline: $(tail -3 "$out" | tr '\n' '|')"
else
    pass synth-latch-log
fi

# ---- small: one configuration of the user's choice, with progress ---------------------
repo=$TMP/small
copy_repo "$repo"
t0=$SECONDS
(cd "$repo" && "$MAKE_BIN" --no-print-directory synth SYNTH_CONFIGS=osc-1x2 \
    >"$TMP/small.out" 2>"$TMP/small.err")
rc=$?
echo "# synth osc-1x2: $((SECONDS - t0)) s"
rows=$(grep -c '^osc-' "$TMP/small.out")
row=$(grep '^osc-1x2 ' "$TMP/small.out")
if [ "$rc" -ne 0 ]; then
    fail synth-small-run "status $rc: $(tail -3 "$TMP/small.err" | tr '\n' '|')"
elif [ "$rows" -ne 1 ] || ! [[ $row =~ ^osc-1x2\ +[1-9][0-9]*\ +[1-9][0-9]*\ +[0-9]+\ +[0-9]+\ +[0-9]+\.[0-9]+$ ]]; then
    fail synth-small-run "want one row 'osc-1x2 LUT FF CARRY BRAM FMAX', got: $(tr '\n' '|' <"$TMP/small.out")"
else
    pass synth-small-run
fi
if grep -q '^==== synth: osc-1x2: yosys .* [0-9.]* s$' "$TMP/small.err" &&
    grep -q '^==== synth: osc-1x2: nextpnr-ice40 .* [0-9.]* s$' "$TMP/small.err"; then
    pass synth-progress
else
    fail synth-progress "no timed yosys and nextpnr stage lines on stderr: $(tr '\n' '|' <"$TMP/small.err")"
fi

summary

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make coverage's gate can fail (docs/coverage.md).  In a copy of the project, the
# walker (rtl/ptw.sv) gets a line nothing can reach (an if on FILL and req_ready_o,
# which is 1 in IDLE only) and a cover point nothing can reach (the same condition);
# make coverage, on one configuration and the RTL's C-API tests only (one coverage
# build, seconds of simulation), then:
#   - with WRITE=1 writes a baseline that holds both, among what these few tests miss;
#   - with that baseline less the dead line and the cover point: exits non-zero and
#     names exactly those two;
#   - less the cover point only: exits non-zero and names the cover point alone;
#   - with the whole baseline: passes, and its report is there (index.html, the toggle
#     report, gaps.txt naming both).
# The full run on today's RTL is make coverage itself (a few minutes; it joins CI at 100 %).
source "$(dirname "$0")/../lib.sh"

if ! command -v verilator >/dev/null; then
    skip "coverage gate" "verilator is not installed (make coverage installs it)"
    summary
fi

copy=$TMP/tree
mkdir -p "$copy"
git ls-files -z | xargs -0 cp --parents -t "$copy" 2>"$TMP/cp.err" ||
    { fail "coverage gate: copy of the project" "$(head -3 "$TMP/cp.err")"; summary; }

# The unreachable line and cover point, before the walker's endmodule.
DEAD="if (state_q == ST_FILL && req_ready_o) cov_dead_q <= 1'b1;"
python3 - "$copy/rtl/ptw.sv" "$DEAD" <<'EOF'
import sys
path, dead = sys.argv[1:]
s = open(path).read()
i = s.rindex("endmodule")
s = s[:i] + f"""  // t_coverage.sh: req_ready_o is 1 in IDLE only, so neither is ever reached.
  /* verilator lint_off UNUSEDSIGNAL */
  logic cov_dead_q;
  /* verilator lint_on UNUSEDSIGNAL */
  always_ff @(posedge clk_i) begin : cov_dead
    {dead}
  end
  c_never_fill_ready: cover property (@(posedge clk_i) state_q == ST_FILL && req_ready_o);
  c_fill_seen: cover property (@(posedge clk_i) state_q == ST_FILL);

""" + s[i:]
open(path, "w").write(s)
EOF

cov() { # LOG [make arguments]: make coverage on the copy, osc-1x16, C-API tests only
    local log=$1
    shift
    make -C "$copy" -s --no-print-directory coverage COV_CONFIGS=osc-1x16 COV_SUITES=rtl "$@" >"$log" 2>&1
}

t0=$SECONDS
cov "$TMP/write.log" COV_BASELINE="$TMP/all.txt" WRITE=1
rc=$?
expect_eq "coverage gate: WRITE=1 writes a baseline, exit 0" 0 "$rc" "$(tail -3 "$TMP/write.log" | tr '\n' '|')"
line_entry="line rtl/ptw.sv [if] $DEAD (sim_top.u_mmu.u_ptw)"
cover_entry="cover sim_top.u_mmu.u_ptw.c_never_fill_ready"
expect_true "coverage gate: the baseline lists the dead line and the unreachable cover point" \
    "$(grep -c 'ptw' "$TMP/all.txt" 2>/dev/null) ptw entries; no '$line_entry' or '$cover_entry'" \
    bash -c 'grep -qxF "$1" "$3" && grep -qxF "$2" "$3"' _ "$line_entry" "$cover_entry" "$TMP/all.txt"
expect_true "coverage gate: the reachable cover point is not in the baseline" "it is" \
    bash -c '! grep -q c_fill_seen "$1"' _ "$TMP/all.txt"

# Less both: the gate fails, naming those two and nothing else.
grep -vxF -e "$line_entry" -e "$cover_entry" "$TMP/all.txt" >"$TMP/less2.txt"
cov "$TMP/less2.log" COV_BASELINE="$TMP/less2.txt"
rc=$?
named=$(sed -n 's/^  rtl\/ptw.sv:[0-9]*: //p' "$TMP/less2.log")
expect_eq "coverage gate: a dead line and a cover point unreached: exit non-zero" 1 "$((rc != 0))"
both() { sort | tr '\n' '|' | sed 's/|$//'; }
expect_eq "coverage gate: ... and it names exactly them" "$(printf '%s\n' "$line_entry" "$cover_entry" | both)" \
    "$(printf '%s\n' "$named" | both)"
grep -q '^coverage: GATE FAILED: 2 line(s) or cover point(s)' "$TMP/less2.log" ||
    fail "coverage gate: says how many" "$(grep -m1 GATE "$TMP/less2.log")"

# Less the cover point only: fails on it alone.
grep -vxF -e "$cover_entry" "$TMP/all.txt" >"$TMP/less1.txt"
cov "$TMP/less1.log" COV_BASELINE="$TMP/less1.txt"
rc=$?
expect_eq "coverage gate: an unreachable cover point alone: exit non-zero" 1 "$((rc != 0))"
expect_eq "coverage gate: ... naming it" "$cover_entry" "$(sed -n 's/^  rtl\/ptw.sv:[0-9]*: //p' "$TMP/less1.log")"

# The whole baseline: passes; the report is drawn.
cov "$TMP/all.log" COV_BASELINE="$TMP/all.txt"
rc=$?
expect_eq "coverage gate: everything unreached is in the baseline: exit 0" 0 "$rc" "$(grep -m3 -e GATE -e FAILED "$TMP/all.log" | tr '\n' '|')"
html=$copy/build/cov/html
expect_true "coverage report: make coverage prints its path" "$(tail -2 "$TMP/all.log" | tr '\n' '|')" \
    grep -q '^coverage: report: build/cov/html/index.html' "$TMP/all.log"
expect_true "coverage report: the line report, the toggle report, the gaps" "missing in $html" \
    test -s "$html/index.html" -a -s "$html/rtl/ptw.sv.gcov.html" -a -s "$html/toggle/index.html" -a -s "$html/gaps.txt"
expect_true "coverage report: gaps.txt names the dead line and the cover point" "$(head -20 "$html/gaps.txt" | tr '\n' '|')" \
    bash -c 'grep -qF "$1" "$3" && grep -qF "$2" "$3"' _ "$line_entry" "$cover_entry" "$html/gaps.txt"
# The cover points are genhtml's "functions" of ptw.sv: the unreached one listed by name.
expect_true "coverage report: the cover points are listed by name in ptw.sv's function view" "not in $html/rtl/ptw.sv.func.html" \
    bash -c 'grep -q "c_never_fill_ready" "$1" && grep -q "c_fill_seen" "$1"' _ "$html/rtl/ptw.sv.func.html"
echo "# t_coverage: $((SECONDS - t0)) s" >&2
summary

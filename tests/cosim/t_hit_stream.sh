#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A hit every cycle (issue 17): on a trace of N accesses to one page, after the first
# miss vmsim's simulated cycles grow by exactly 1 per access, and the model predicts
# the cycle of every answer (vmsim's lock-step compares it: 0 mismatches; a defect
# that moves an answer by one cycle, --inject-fault cycle, is a mismatch).
#
# The oracle is docs/contract.md's rule, worked by hand, not the model: a request
# offered in cycle c is answered in c + latency; after an answer in LOOKUP (a hit) the
# next request is offered in that same cycle, after a walk's answer in the next one.
# The first access to the page (osc, memory latency L) page-faults in a walk of one
# read, 2 + (1 + L) cycles, then the OS maps the page and retries: a walk of one read
# and the A write, 2 + 2 * (1 + L) cycles; one IDLE cycle follows each walk.  So the
# first access ends at cycle F = (3 + L) + 1 + (4 + 2L) + 1 = 9 + 3L, and every later
# access is a hit answered one cycle after the one before: N accesses, F + (N - 1).
source "$(dirname "$0")/../lib.sh"

VMSIM=$ROOT/build/vmsim
need_bin "vmsim built" "$VMSIM" || { summary; exit; }

# cycles_of N L [ARGS...]: "simulated translation compared mismatches" of N loads of
# one address at memory latency L.
cycles_of() {
    local n=$1 lat=$2
    shift 2
    yes 4660 | head -n "$n" >"$TMP/t.txt"
    "$VMSIM" -q -f "$TMP/t.txt" --mem-latency "$lat" --stats "$TMP/s.json" "$@" >/dev/null 2>"$TMP/err" || {
        echo "exit $?: $(tail -2 "$TMP/err" | tr '\n' '|')"
        return
    }
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
print(d["simulated_cycles"], d["translation_cycles"], d["compared"], d["mismatches"])' "$TMP/s.json"
}

for lat in 1 3; do
    first=$((9 + 3 * lat))
    walks=$(((3 + lat) + (4 + 2 * lat)))
    for n in 1 2 3 1000; do
        expect_eq "hit stream, L=$lat, $n accesses: simulated cycles = $first + ($n - 1), every answer's cycle checked" \
            "$((first + n - 1)) $((walks + n - 1)) $n 0" "$(cycles_of "$n" "$lat")" \
            "simulated translation compared mismatches"
    done
done

# The same stream through a TLB policy that ranks hits (lru): a hit's rank event and
# the next request's compare share an edge; nothing changes in the cycles.
expect_eq "hit stream under lru: 1000 accesses, one a clock after the first" \
    "1011 1009 1000 0" "$(cycles_of 1000 1 --tlb-policy lru)" "simulated translation compared mismatches"

# The check objects to an answer one cycle late (its latency right): the first answer.
yes 4660 | head -n 50 >"$TMP/t.txt"
"$VMSIM" -q -f "$TMP/t.txt" --inject-fault cycle >/dev/null 2>"$TMP/inj.err"
rc=$?
if [ $rc -eq 3 ] && grep -q '^vmsim: MISMATCH at access 1 ' "$TMP/inj.err" &&
    grep -q '^  answer at .*<-- differs' "$TMP/inj.err" && ! grep -q '^  cycles .*<-- differs' "$TMP/inj.err"; then
    pass "--inject-fault cycle: an answer one cycle late is a mismatch at access 1 (answer at, not cycles)"
else
    fail "--inject-fault cycle: an answer one cycle late is a mismatch at access 1 (answer at, not cycles)" \
        "exit $rc: $(head -12 "$TMP/inj.err" | tr '\n' '|')"
fi
summary

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# plru is defined for a power-of-two way count only (docs/contract.md, "Replacement"):
# the RTL refuses it otherwise with its assertion a_plru_ways (rtl_smoke --plru-demo:
# one fill under plru), on osc-1x3, a build only this test and t_rude.sh make; the
# default build (16 ways) runs the same fill without complaint.
source "$(dirname "$0")/../lib.sh"

# run CFG WANT_RC WANT_TEXT
run() {
    local cfg=$1 want_rc=$2 want=$3 preset=${1%%-*} geom=${1#*-}
    if ! make -s --no-print-directory CONFIG="$preset" TLB_SETS="${geom%x*}" TLB_WAYS="${geom#*x}" \
        "build/tests/$cfg/rtl_smoke" >"$TMP/build.log" 2>&1; then
        fail "plru on $cfg: builds" "$(tail -3 "$TMP/build.log" | tr '\n' '|')"
        return
    fi
    "build/tests/$cfg/rtl_smoke" --plru-demo >"$TMP/out" 2>&1
    local rc=$?
    if [ $rc -eq "$want_rc" ] && grep -q "$want" "$TMP/out"; then
        pass "plru on $cfg: exit $want_rc, '$want'"
    else
        fail "plru on $cfg: exit $want_rc, '$want'" "exit $rc: $(tail -3 "$TMP/out" | tr '\n' '|')"
    fi
}

run osc-1x3 1 "plru needs a power-of-two number of ways, not 3"
run osc-1x16 0 "plru ran on 16 ways"
summary

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The RTL's own directed test (tests/rtl/rtl_smoke.c over the C API, a hand-built page
# table): latencies, A/D write-back, faults, invalidation, fifo/lru victims — on every
# configuration the co-simulation builds (make links it: build/tests/CFG/rtl_smoke).
source "$(dirname "$0")/../lib.sh"

for cfg in ${COSIM_CONFIGS:-osc-1x16}; do
    if [[ $cfg == *-p* || $cfg == *-L* ]]; then  # its latencies are worked out without either
        skip "rtl_smoke $cfg" "a page-walk cache or L2 TLB build (their checks: tests/cosim/t_vectors_pwc.sh, t_vectors_l2.sh, tests/rtl/t_rude.sh)"
        continue
    fi
    if [ ! -f "build/$cfg/librtl.a" ]; then
        skip "rtl_smoke $cfg" "build/$cfg is not built (make cosim-builds)"
        continue
    fi
    bin=build/tests/$cfg/rtl_smoke
    # shellcheck disable=SC2046 # the variables are words
    make -s --no-print-directory $(cfg_make "$cfg") \
        "$bin" >"$TMP/build.log" 2>&1 || { fail "rtl_smoke $cfg: builds" "$(tail -3 "$TMP/build.log" | tr '\n' '|')"; continue; }
    "$bin" >"$TMP/out" 2>&1
    rc=$?
    last=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$TMP/out" | tail -1)
    if [ $rc -eq 0 ] && [ -n "$last" ] && [ "${last#*passed, }" = "0 failed" ]; then
        pass "rtl_smoke $cfg: $last"
    else
        fail "rtl_smoke $cfg" "exit $rc: $(grep -m3 FAIL "$TMP/out" | tr '\n' '|') $last"
    fi
done
summary

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The RTL's own directed test (tests/rtl/rtl_smoke.c over the C API, a hand-built page
# table): latencies, A/D write-back, faults, invalidation, fifo/lru victims — on every
# configuration the co-simulation builds (make links it: build/tests/CFG/rtl_smoke).
source "$(dirname "$0")/../lib.sh"

for cfg in ${COSIM_CONFIGS:-osc-1x16}; do
    # Its latencies are worked out without an L2 TLB or a page-walk cache. Each skip names
    # what does run on such a build (t_rude.sh skips L2 builds as well: rude_ref.h has no L2).
    if [[ $cfg == *-L* ]]; then
        skip "rtl_smoke $cfg" "an L2 TLB build (what checks it: tests/cosim/t_cosim.sh on every L2 build, t_vectors_rtl.sh and t_vectors_random.sh on the sv* ones, t_vectors_l2.sh on sv39-1x4-L16x4-p4; make formal's mmu_osc_1x2_L1x2 and mmu_osc_1x1_L1x2_cover)"
        continue
    fi
    if [[ $cfg == *-p* ]]; then
        skip "rtl_smoke $cfg" "a page-walk cache build (what checks it: tests/cosim/t_vectors_pwc.sh, tests/rtl/t_rude.sh)"
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

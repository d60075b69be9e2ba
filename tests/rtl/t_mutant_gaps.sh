#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What an OS-driven co-simulation cannot reach, checked on the RTL directly.
#
# The harness's OS always sets U in a leaf, never builds a superpage leaf, a reserved
# (R = 0, W = 1) PTE, one with bits 63-54 set or a pointer with A, D or U, never
# invalidates one ASID, and only invalidates between accesses: the model and the RTL
# are never asked to differ there, so an RTL bug there passes every OS-driven
# co-simulation (make mutants found the first of these: perm_ignores_u,
# superpage_accepted, exec_only_is_pointer, pte_addr_or, inval_asid_inverted,
# inval_in_walk_kept; docs/mutants.md; the MMU test vectors and the rude driver reach
# them too). It also pins down what the random co-simulation reaches in only a few of
# its cases (an LRU hit that faults, INVAL_PAGE of one ASID or of the last way), so no
# change of its draw loses them.
# tests/rtl/rtl_gaps.c drives each built cosim configuration's RTL through its C API
# (rtl/sim/rtl_capi.h) with page tables built by hand and checks the contract's
# answer (docs/contract.md): hit, fault, physical address, latency, memory writes.
# COSIM_CONFIGS picks the builds (default: make test's); unbuilt ones are skipped.
source "$(dirname "$0")/../lib.sh"

# The checks are tests/rtl/rtl_gaps.c, on the shared fake system tests/rtl/rtl_fakesys.h.
configs=${COSIM_CONFIGS:-osc-1x16 osc-16x1 osc-4x4 osc-1x64 sv32-4x4 sv39-1x16 sv48-1x16}
ran=0
for cfg in $configs; do
    lib=build/$cfg/librtl.a
    # The latencies worked out there are those without a page-walk cache, whose hits
    # shorten walks (its own checks: tests/cosim/t_vectors_pwc.sh, tests/rtl/t_rude.sh).
    if [[ $cfg == *-p* || $cfg == *-L* ]]; then
        skip "gaps $cfg" "a page-walk cache or L2 TLB build: the directed latencies are those without one"
        continue
    fi
    if [ ! -r "$lib" ]; then
        skip "gaps $cfg" "$lib is not built (make cosim-builds)"
        continue
    fi
    bin=build/tests/$cfg/rtl_gaps
    # shellcheck disable=SC2046 # the variables are words
    if ! make -s --no-print-directory $(cfg_make "$cfg") \
        "$bin" >"$TMP/cc.err" 2>&1; then
        fail "gaps $cfg: build" "$(head -c 400 "$TMP/cc.err" | tr '\n' '|')"
        continue
    fi
    ran=$((ran + 1))
    "$bin" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    while IFS= read -r line; do
        case $line in
        PASS\ *) pass "gaps $cfg: ${line#PASS }" ;;
        FAIL\ *) line=${line#FAIL }; fail "gaps $cfg: ${line%%: *}" "${line#*: }" ;;
        esac
    done <"$TMP/out"
    # An RTL assertion or a crash stops the program: that is a failure too.
    if [ $rc -ne 0 ] && ! grep -q '^FAIL ' "$TMP/out"; then
        fail "gaps $cfg: runs to the end" "exit $rc: $(tail -3 "$TMP/err" | tr '\n' '|')"
    fi
done
[ $ran -gt 0 ] || skip "gaps" "no configuration of '$configs' is built"
summary

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/unit/t_unit.sh -- every tests/unit/*.c, built by make (mk/tests.mk: the
# project's flags, linked with the model and harness objects) twice, plain
# (build/tests/NAME) and with ASan/UBSan (build/tests/NAME-asan), and run.  Each C
# test prints "PASS name" / "FAIL name: why" lines and "N passed, M failed"; they
# are relayed here as "<file>[<build>] name".
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

shopt -s nullglob
units=(tests/unit/*.c)
if [ "${#units[@]}" -eq 0 ]; then
    skip unit_tests "no tests/unit/*.c"
fi

for src in "${units[@]}"; do
    u=$(basename "$src" .c)
    for build in plain asan; do
        bin=build/tests/$u
        [ "$build" = asan ] && bin=build/tests/$u-asan
        if ! make -s --no-print-directory "$bin" >"$TMP/cc.err" 2>&1; then
            fail "$u[$build]_build" "$(head -c 600 "$TMP/cc.err" | tr '\n' '|')"
            continue
        fi
        pass "$u[$build]_build"
        ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} "$bin" >"$TMP/out" 2>"$TMP/err"
        rc=$?
        np=0 nf=0
        while IFS= read -r line; do
            case $line in
            "PASS "*) pass "$u[$build] ${line#PASS }"; np=$((np + 1)) ;;
            "FAIL "*)
                rest=${line#FAIL }
                fail "$u[$build] ${rest%%: *}" "${rest#*: }"
                nf=$((nf + 1))
                ;;
            esac
        done <"$TMP/out"
        last=$(tail -1 "$TMP/out")
        if grep -Eq 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$TMP/err"; then
            fail "$u[$build]_sanitizers" "$(grep -m1 -E 'ERROR: |runtime error:' "$TMP/err")"
        elif [ "$last" != "$np passed, $nf failed" ]; then
            fail "$u[$build]_summary" "last line '$last', counted $np passed, $nf failed (status $rc): $(head -c 300 "$TMP/err")"
        elif { [ "$nf" -eq 0 ] && [ "$rc" -ne 0 ]; } || { [ "$nf" -gt 0 ] && [ "$rc" -eq 0 ]; }; then
            fail "$u[$build]_status" "exit status $rc with $nf failures"
        fi
    done
done

summary

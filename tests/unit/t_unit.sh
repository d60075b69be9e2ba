#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/unit/t_unit.sh -- builds every tests/unit_*.c against the model library (model/*.c)
# and the harness files its "unit-sources:" line names, into build/tests/, twice:
# normally and with ASan/UBSan, and runs both.  Each C test prints "PASS name" /
# "FAIL name: why" lines and "N passed, M failed"; they are relayed here as
# "<file>[<build>] name".  CC overrides gcc.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

CC=${CC:-gcc}
BASE_FLAGS=(-std=c11 -Wall -Wextra -Wshadow -Werror -g -I.)
SAN_FLAGS=(-O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
mkdir -p build/tests

shopt -s nullglob
units=(tests/unit/unit_*.c)
if [ "${#units[@]}" -eq 0 ]; then
    skip unit_tests "no tests/unit/unit_*.c"
fi

for src in "${units[@]}"; do
    u=$(basename "$src" .c)
    for build in plain asan; do
        bin=build/tests/$u
        flags=("${BASE_FLAGS[@]}" -O2)
        if [ "$build" = asan ]; then
            bin=build/tests/$u-asan
            flags=("${BASE_FLAGS[@]}" "${SAN_FLAGS[@]}")
        fi
        # A test names the harness files it needs on a line "unit-sources: a.c b.c".
        extra=$(sed -n 's/^ \* unit-sources: //p' "$src" | head -1)
        # shellcheck disable=SC2086 # the list is words on purpose
        if ! "$CC" "${flags[@]}" -o "$bin" "$src" model/*.c $extra 2>"$TMP/cc.err"; then
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

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/fuzz/t_fuzz_corpus.sh -- replays every fuzz seed (tests/fuzz/corpus/TARGET/) and
# every regression input (tests/fuzz/regress/TARGET/: each a crash, hang, leak or UB
# report the fuzzers once found) through its target, built without libFuzzer by gcc
# with ASan + UBSan (make fuzz-standalone: build/fuzz-sa/TARGET, main in
# tests/fuzz/standalone.c).  Each must run with no sanitizer report, no failed
# check, and exit status 0.  One test per target's corpus, one per regression input.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

TARGETS="trace_text trace_ext trace_lackey trace_reader maps options"

if ! make -s fuzz-standalone >"$TMP/make.out" 2>&1; then
    fail fuzz_standalone_build "make fuzz-standalone: $(tail -c 600 "$TMP/make.out" | tr '\n' '|')"
    summary
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# replay TARGET FILE...: 0 if the target ran them all cleanly; else the reason on stdout.
replay() {
    local t=$1
    shift
    "$ROOT/build/fuzz-sa/$t" "$@" >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    local report
    report=$(grep -m1 -E 'ERROR: (Address|Leak)Sanitizer[^ ]*|runtime error:|fuzz check failed' "$TMP/err")
    if [ -n "$report" ]; then
        local where
        where=$(grep -m1 '^SUMMARY: ' "$TMP/err")
        printf '%s%s\n' "$report" "${where:+ | $where}"
        return 1
    fi
    if [ "$rc" -ne 0 ]; then
        printf 'exit status %s: %s\n' "$rc" "$(head -c 300 "$TMP/err" | tr '\n' '|')"
        return 1
    fi
    return 0
}

shopt -s nullglob
for t in $TARGETS; do
    if [ ! -x "build/fuzz-sa/$t" ]; then
        fail "fuzz_corpus_$t" "build/fuzz-sa/$t was not built"
        continue
    fi
    seeds=(tests/fuzz/corpus/"$t"/*)
    if [ ${#seeds[@]} -eq 0 ]; then
        fail "fuzz_corpus_$t" "no seed inputs in tests/fuzz/corpus/$t"
    elif why=$(replay "$t" "${seeds[@]}"); then
        pass "fuzz_corpus_$t"
    else
        # Name the input that fails.
        for f in "${seeds[@]}"; do
            why=$(replay "$t" "$f") || fail "fuzz_corpus_$t/$(basename "$f")" "$why"
        done
    fi
    for f in tests/fuzz/regress/"$t"/*; do
        name="fuzz_regress_$t/$(basename "$f")"
        if why=$(replay "$t" "$f"); then
            pass "$name"
        else
            fail "$name" "$why"
        fi
    done
done

summary

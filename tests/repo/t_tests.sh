#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# No test is forgotten: every tests/**/t_*.sh is one tests/run.sh runs, make test
# runs tests/run.sh on all of them, and every tests/**/*.c is built by make (make
# test builds test-programs first).  (A test once sat in tests/ for months, run by
# nothing: its name did not match the runner's pattern.)  The files are found here,
# by find, not taken from the runner or the makefiles.
source "$(dirname "$0")/../lib.sh"
# A user's make, not the one make test runs this from (make -s test would pass -s).
unset MAKEFLAGS MFLAGS MAKELEVEL

found=$(find tests -name 't_*.sh' -type f | sort)
listed=$(bash tests/run.sh --list | sort)
expect_true "tests/run.sh runs some tests" "its list is empty" test -n "$listed"
missed=$(comm -23 <(printf '%s\n' "$found") <(printf '%s\n' "$listed") | tr '\n' ' ')
expect_eq "every tests/**/t_*.sh is run by tests/run.sh" "" "$missed" "not run"
extra=$(comm -13 <(printf '%s\n' "$found") <(printf '%s\n' "$listed") | tr '\n' ' ')
expect_eq "tests/run.sh runs only files that exist" "" "$extra" "listed but not found"

# make test's last step is the runner on every group (no group or file named): the
# last line of its recipe, as make's database holds it.
last=$(make -pnq help 2>/dev/null | awk '/^test:/ {f = 1; next} f && /^\t/ {r = $0} f && /^$/ {exit} END {print r}')
expect_true "make test runs tests/run.sh on every test" "its last command: '$last'" \
    eval '[[ $last =~ (^|[[:space:]])bash\ tests/run\.sh$ ]]'

# A C file is built by make if, pretending it changed (make -W), `make -n
# test-programs` would run a command naming it.  Built first, so that the dry run
# shows only what the file changes (and runs no sub-make of an unbuilt RTL).
if ! make -s test-programs >"$TMP/make.out" 2>&1; then
    fail "make test-programs" "$(tail -c 600 "$TMP/make.out" | tr '\n' '|')"
    summary
fi
unbuilt=""
for c in $(find tests -name '*.c' -type f | sort); do
    make -n -W "$c" test-programs 2>/dev/null | grep -qF -- "$c" || unbuilt="$unbuilt $c"
done
expect_eq "every tests/**/*.c is built by make test-programs" "" "$unbuilt" "not built"

summary

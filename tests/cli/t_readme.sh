#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A new user's path, scripted: a fresh clone of the committed HEAD, then every make
# command of README.md in the README's order, then every target `make help` lists
# that the README did not run, then `make clean`.  The commands are read from the
# README at test time, so a README that names a knob or target make does not know,
# shows output the tool does not print, or gives a command that fails, fails here.
#
# What is read from README.md:
#   - code blocks (indented 4 spaces, or fenced): a line "$ command" is run and the
#     lines under it, up to the next "$", must appear in its output in order (lines
#     may be left out, or shown as "…"; build step lines shown need not appear, as
#     they depend on what was built before; "…" inside a line matches anything;
#     figures with a decimal point, such as times and rates, are not compared);
#     other lines starting with "make" are run and must exit 0;
#   - `make ...` in backquotes anywhere (tables, prose): run like the above.
# A command with placeholders (…, [optional], A|B, path/to, KNOB=K) is a synopsis:
# its target and each KNOB= in it must be ones `make help` lists; the target is then
# run once with the quick arguments.  Long commands get quick arguments (FAST in
# tests/cli/readme_run.py, the reader, appended: the last assignment wins); a few are
# skipped (its SKIP), saying why.
# The clone builds everything it needs itself (make -j with the machine's cores).
# ../shared/osc is reachable from the clone as in the workplace (a symlink), so the
# README's paths work as written; without it those commands are skipped.
source "$(dirname "$0")/../lib.sh"

if ! git -C "$ROOT" rev-parse HEAD >/dev/null 2>&1; then
    skip "readme" "not a git repository: no committed HEAD to clone"
    summary
fi
W=$TMP/w
mkdir -p "$W/shared"
git clone -q --no-checkout "$ROOT" "$W/vmmu" && git -C "$W/vmmu" checkout -q "$(git -C "$ROOT" rev-parse HEAD)" || {
    fail "readme: fresh clone" "git clone of $ROOT failed"
    summary
}
need_osc && ln -s "$OSC" "$W/shared/osc"

python3 tests/cli/readme_run.py "$W/vmmu" >"$TMP/results.txt"
while IFS= read -r line; do
    name=${line#* }
    why=${name#*$'\t'}
    name="readme: ${name%%$'\t'*}"
    case $line in
    "PASS "*) pass "$name${why:+ ($why)}" ;;
    "FAIL "*) fail "$name" "$why" ;;
    "SKIP "*) skip "$name" "$why" ;;
    *) echo "$line" ;;
    esac
done <"$TMP/results.txt"
[ -s "$TMP/results.txt" ] || fail "readme" "the README reader printed nothing"
summary

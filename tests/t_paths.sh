#!/usr/bin/env bash
# No committed file names a path of a development machine (the brief's rule): a doc or
# a comment that cites /work/... or /root/... points nowhere on anyone else's machine.
source "$(dirname "$0")/lib.sh"

if ! git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
    skip "no machine paths" "not a git checkout: which files are committed is unknown"
    summary
fi
# Absolute paths under the folders this project's machines use; build/fuzz/work/ and
# the like are relative paths and do not match (a slash or a start of line before).
hits=$(git -C "$ROOT" grep -nIE '(^|[[:space:]"'"'"'(=`])/(work|root|home)/' -- . ':!tests/t_paths.sh' | head -5)
expect_eq "no committed file names a path of a development machine" "" "$hits"
summary

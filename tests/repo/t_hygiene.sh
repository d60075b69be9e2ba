#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Committed files: none names a path of a development machine (the brief's rule: a doc
# or a comment that cites an absolute path under a machine's work, root or home folder
# points nowhere on anyone else's machine), and every source file says its license (an SPDX line, LICENSE's MIT), so a
# teacher can reuse one file alone.
source "$(dirname "$0")/../lib.sh"

if ! git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
    skip "no machine paths" "not a git checkout: which files are committed is unknown"
    summary
fi
# Absolute paths under the folders this project's machines use; build/fuzz/work/ and
# the like are relative paths and do not match (a slash or a start of line before).
hits=$(git -C "$ROOT" grep -nIE '(^|[[:space:]"'"'"'(=`])/(work|root|home)/' -- . ':!tests/repo/t_hygiene.sh' | head -5)
expect_eq "no committed file names a path of a development machine" "" "$hits"

# Source files: C, C++, SystemVerilog, Python, shell, make and gnuplot.
missing=$(git -C "$ROOT" ls-files | grep -E '\.(c|h|cpp|sv|svh|py|sh|mk|gp|def)$|(^|/)Makefile$|^\.ci/run$' |
    grep -v '^tests/fuzz/corpus/' | while read -r f; do
        head -3 "$ROOT/$f" | grep -q 'SPDX-License-Identifier: MIT' || echo "$f"
    done | head -5)
expect_eq "every source file has an SPDX-License-Identifier line in its first lines" "" "$missing"
expect_true "LICENSE is the MIT license" "LICENSE missing or not MIT" grep -q '^MIT License$' "$ROOT/LICENSE"
summary

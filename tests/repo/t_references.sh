#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/repo/t_references.sh -- every project file a committed file names exists: a path
# under one of the project's folders (harness/os/os.c, docs/contract.md,
# tests/lib.sh, ...) written in a comment, a doc or a script.  A file moved or
# renamed without its references is caught here.  Templates (policy_NAME.c,
# <preset>-...) and generated files (under build/, waves/*.fst) are not paths.
# The checker is run on the tree, then on a copy with one stale reference added.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# stale ROOT: "file: path" for each named project file that is not there.
stale() {
    local root=$1
    (cd "$root" && { git ls-files -co --exclude-standard 2>/dev/null || find . -type f | sed 's|^\./||'; } |
        grep -v '^docs/img/\|^tests/fuzz/\(regress\|corpus\)/' |
        while IFS= read -r f; do
            [ -f "$f" ] || continue
            grep -IoP '(?<![\w./-])(harness|model|rtl|tests|tools|mk|docs|traces|synth|waves)/[\w./-]*\w\.(c|h|sv|svh|sh|py|md|mk|cpp|def|gtkw|gp|filter)\b' "$f" 2>/dev/null |
                sort -u | while IFS= read -r ref; do
                    case $ref in *NAME* | *'<'*) continue ;; esac
                    [ -e "$ref" ] || echo "$f: $ref"
                done
        done)
}

expect_eq "every project file named exists" "" "$(stale "$ROOT")"

# A copy of the files (not a git tree: the checker then lists them with find).
copy=$TMP/tree
mkdir -p "$copy"
git ls-files -co --exclude-standard | tar cf - -T - | tar xf - -C "$copy"
gone=harness/os/gone_$$.c
echo "/* see $gone */" >>"$copy/harness/os/os.c"
expect_eq "the checker reports a stale reference" "harness/os/os.c: $gone" "$(stale "$copy")"

summary

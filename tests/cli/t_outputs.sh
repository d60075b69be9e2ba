#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Outputs never destroy inputs (issue 13, item 4): an output (--stats, --misses,
# --waves) that names an input (the trace, the backing store, a maps file, the file
# on standard input) or another output is refused before the run, with one line and
# exit 2, the files untouched; an output path that cannot be written fails at once,
# before any access runs; and outputs are written beside their place and renamed in,
# so a failed run leaves the old file whole and no temporary file behind.
source "$(dirname "$0")/../lib.sh"

trace=$TMP/t.txt
"$TRACEGEN" --mode locality --count 2000 --seed 3 -o "$trace"
backing=$ROOT/build/traces/backing.bin
printf '00000000-00010000 r--p 00000000 00:00 0 /x\n' >"$TMP/p.maps"
sums() { md5sum "$trace" "$TMP/p.maps" "$backing"; }
before=$(sums)

# refused BIN NAME ARGS...: exit 2, one line on stderr naming "an output never
# overwrites an input" (or "its own file"), nothing on stdout, the inputs unchanged.
refused() {
    local bin=$1 name=$2
    shift 2
    "$bin" "$@" >"$TMP/o" 2>"$TMP/e" <"${STDIN:-/dev/null}"
    local rc=$?
    if [ $rc -eq 2 ] && [ "$(wc -l <"$TMP/e")" -eq 1 ] && [ ! -s "$TMP/o" ] &&
        grep -Eq 'an output never overwrites an input|its own file' "$TMP/e"; then
        pass "$name: refused in one line, exit 2"
    else
        fail "$name: refused in one line, exit 2" "exit $rc: $(head -c 300 "$TMP/e")"
    fi
    expect_eq "$name: inputs unchanged" "$before" "$(sums)"
}

refused "$VMREF" "vmref --stats = the trace" -f "$trace" -q --stats "$trace"
refused "$VMREF" "vmref --stats = the backing store" -f "$trace" -b "$backing" -q --stats "$backing"
refused "$VMREF" "vmref --stats = a maps file" -f "$trace" -q --maps 0="$TMP/p.maps" --stats "$TMP/p.maps"
# The same file by another name: the check compares files, not spellings.
ln -s "$trace" "$TMP/alias.txt"
refused "$VMREF" "vmref --stats = the trace by a symlink" -f "$trace" -q --stats "$TMP/alias.txt"
refused "$VMREF" "vmref --stats = the trace by a relative path" -f "$trace" -q --stats "$(realpath --relative-to=. "$trace")"
STDIN=$trace refused "$VMREF" "vmref --stats = the file on standard input" -f - -q --stats "$trace"
if [ -x build/vmsim ]; then
    VMSIM=$ROOT/build/vmsim
    refused "$VMSIM" "vmsim --waves = the trace" -f "$trace" -q --waves "$trace"
    refused "$VMSIM" "vmsim --misses = the backing store" -f "$trace" -b "$backing" -q --misses "$backing"
    refused "$VMSIM" "vmsim --stats and --misses the same file" -f "$trace" -q --stats "$TMP/x" --misses "$TMP/x"
    # --waves F writes F.misses.csv too: that is an output as well.
    cp "$trace" "$TMP/w.fst.misses.csv"
    before_w=$(md5sum "$TMP/w.fst.misses.csv")
    refused "$VMSIM" "vmsim --waves whose miss index is the trace" -f "$TMP/w.fst.misses.csv" -q --waves "$TMP/w.fst"
    expect_eq "vmsim --waves whose miss index is the trace: the trace unchanged" "$before_w" "$(md5sum "$TMP/w.fst.misses.csv")"
else
    skip "vmsim outputs" "build/vmsim is not built"
fi

# -- a path that cannot be written fails before the run --------------------------------
"$TRACEGEN" --mode locality --count 3000000 --seed 5 -o "$TMP/big.txt"
"$VMREF" -f "$TMP/big.txt" --stats "$TMP/no/such/dir/s.json" >"$TMP/o" 2>"$TMP/e"
rc=$?
if [ $rc -ne 0 ] && [ ! -s "$TMP/o" ] && [ "$(wc -l <"$TMP/e")" -eq 1 ] && grep -q 'no/such/dir/s.json' "$TMP/e"; then
    pass "--stats in a missing folder: one line, nothing run (no statistics), exit $rc"
else
    fail "--stats in a missing folder: one line, nothing run" "exit $rc, $(wc -c <"$TMP/o") bytes of output, $(head -c 200 "$TMP/e")"
fi

# -- a failed run leaves the old file whole and no temporary file -------------------------
printf '{"good": true}\n' >"$TMP/keep.json"
printf '1\n2\nthree\n' >"$TMP/bad.txt"
"$VMREF" -f "$TMP/bad.txt" -q --stats "$TMP/keep.json" >/dev/null 2>"$TMP/e"
expect_eq "a bad trace line: exit 1" 1 "$?"
expect_eq "a bad trace line: the old --stats file is untouched" '{"good": true}' "$(cat "$TMP/keep.json")"
expect_eq "a bad trace line: no temporary file left" "" "$(ls -A "$TMP" | grep '^\.' )"
"$VMREF" -f "$trace" -q --stats "$TMP/keep.json" >/dev/null 2>&1
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["accesses"] == 2000 else 1)' "$TMP/keep.json"; then
    pass "a good run replaces the --stats file"
else
    fail "a good run replaces the --stats file" "$(head -c 200 "$TMP/keep.json")"
fi
expect_eq "a good run: no temporary file left" "" "$(ls -A "$TMP" | grep '^\.' )"
# An output keeps the usual permissions (the temporary file is made 0600).
expect_eq "--stats file mode follows the umask" "$(umask 022; touch "$TMP/ref"; stat -c %a "$TMP/ref")" \
    "$(umask 022; "$VMREF" -f "$trace" -q --stats "$TMP/mode.json" >/dev/null 2>&1; stat -c %a "$TMP/mode.json")"
if [ -x build/vmsim ]; then
    printf 'old\n' >"$TMP/m.csv"
    "$ROOT/build/vmsim" -f "$TMP/bad.txt" -q --misses "$TMP/m.csv" --waves "$TMP/w2.fst" >/dev/null 2>&1
    expect_eq "vmsim, a bad trace line: the old miss index is untouched" old "$(cat "$TMP/m.csv")"
    expect_eq "vmsim, a bad trace line: no waveform, no temporary file" "" "$(ls -A "$TMP" | grep -E '^\.|w2\.fst')"
fi
summary

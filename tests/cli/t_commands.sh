#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every command line vmref and vmsim print re-runs what they ran (issue 13, item 5).
# They are written from the one option table, so each is checked by running it:
#  - the "command:" line of a finished run gives the same output and configuration;
#  - a mismatch's "re-run this check" command reproduces the mismatch, and its
#    "make sim ... WAVES=1" command reproduces it too and dumps the waveform,
#    both with a maps file and an extended trace (the options they once dropped);
#  - every option whose --help names a make variable reaches the binary through
#    `make sim` and `make ref` (the Makefile is the other half of the table).
source "$(dirname "$0")/../lib.sh"

# A multi-process extended trace and a map that makes process 1's writes faults.
cat >"$TMP/ext.txt" <<'T'
1 W 4096 7
2 R 8192
1 R 4096
2 X 12288
1 W 20000 -3
1 R 20000
T
printf '00000000-00004000 r-xp 00000000 00:00 0 /x\n00004000-00008000 rw-p 00000000 00:00 0 [heap]\n' >"$TMP/one.maps"
backing=$ROOT/build/traces/backing.bin

# line_after FILE HEADING: the line after the first line that is HEADING.
line_after() { awk -v h="$2" 'found { sub(/^ +/, ""); print; exit } index($0, h) { found = 1 }' "$1"; }

# -- the command of a finished run ------------------------------------------------------
opts=(-f "$TMP/ext.txt" -b "$backing" -n 3 -p lru -t fifo --mem-latency 3 --format ext --no-asid
      --maps "1=$TMP/one.maps" --skip 1 --max 4 --stats "$TMP/a.json")
"$VMREF" "${opts[@]}" >"$TMP/a.out" 2>"$TMP/a.err"
cmd=$(sed -n 's/^vmref: command: //p' "$TMP/a.err")
if [ -n "$cmd" ]; then
    eval "${cmd/a.json/b.json}" >"$TMP/b.out" 2>"$TMP/b.err"
    expect_same_file "vmref's command line: the same output" "$TMP/a.out" "$TMP/b.out"
    same=$(python3 - "$TMP/a.json" "$TMP/b.json" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
a["config"].pop("stats"); b["config"].pop("stats")
print("same" if a["config"] == b["config"] and a["accesses"] == b["accesses"] else f"{a['config']} vs {b['config']}")
PY
)
    expect_eq "vmref's command line: the same configuration (every option kept)" same "$same"
else
    fail "vmref prints its command" "no 'vmref: command:' line: $(head -c 300 "$TMP/a.err")"
fi

# -- a mismatch's re-run commands --------------------------------------------------------
if [ ! -x build/vmsim ]; then
    skip "mismatch re-run commands" "build/vmsim is not built"
    summary
fi
"$ROOT/build/vmsim" -f "$TMP/ext.txt" -b "$backing" --format ext --maps "1=$TMP/one.maps" -n 2 \
    --inject-fault paddr -q >"$TMP/m.out" 2>"$TMP/m.err"
expect_eq "an injected fault: exit 3 (mismatch)" 3 "$?"
where=$(grep -o '^vmsim: MISMATCH at access [0-9]* ([^)]*)' "$TMP/m.err")
recheck=$(line_after "$TMP/m.err" "re-run this check:")
remake=$(line_after "$TMP/m.err" "re-run with a waveform around it:")
for want in "--maps 1=$TMP/one.maps" "--format ext" "--inject-fault paddr" "-n 2"; do
    case " $recheck " in
    *" $want "*) pass "re-run command keeps $want" ;;
    *) fail "re-run command keeps $want" "$recheck" ;;
    esac
done
(cd "$TMP" && eval "$recheck") >"$TMP/r.out" 2>"$TMP/r.err"
expect_eq "the re-run command (run elsewhere): exit 3" 3 "$?"
expect_eq "the re-run command: the same mismatch" "$where" "$(grep -o '^vmsim: MISMATCH at access [0-9]* ([^)]*)' "$TMP/r.err")"

case "$remake" in
make\ sim\ *WAVES=1*) pass "the waveform command is a make sim line" ;;
*) fail "the waveform command is a make sim line" "$remake" ;;
esac
before=$(ls waves/ 2>/dev/null)
eval "$remake" >"$TMP/w.out" 2>"$TMP/w.err"
rc=$?
expect_true "the make sim command: fails (exit $rc)" "exit 0" [ $rc -ne 0 ]
expect_eq "the make sim command: the same mismatch" "$where" "$(grep -o '^vmsim: MISMATCH at access [0-9]* ([^)]*)' "$TMP/w.err")"
new=$(comm -13 <(echo "$before") <(ls waves/ 2>/dev/null) | grep 'fst$')
expect_true "the make sim command: dumps a waveform" "no new waves/*.fst: $(tail -3 "$TMP/w.err")" [ -n "$new" ]
for f in $new; do rm -f "waves/$f" "waves/$f.misses.csv"; done

# -- every make variable of --help reaches the binary -------------------------------------
# make -n still runs the sub-make that builds vmsim: the ITLB's and the page-walk
# cache's knobs below need their builds (make test has made them; alone, this does).
unset MAKEFLAGS MFLAGS MAKELEVEL
for b in osc-1x8-i1x4 sv39-1x16-p8; do
    [ -x "build/$b/vmsim" ] || make -s --no-print-directory "cosim-build-$b" >"$TMP/build-$b.log" 2>&1 ||
        fail "make cosim-build-$b (for the knobs below)" "$(tail -3 "$TMP/build-$b.log" | tr '\n' '|')"
done
# value_for VAR: a value of the right kind, and the option text it must give.
for prog in sim ref; do
    bin=$([ $prog = sim ] && echo "$ROOT/build/vmsim" || echo "$VMREF")
    # Each option's entry, its wrapped lines joined: "long ARG VAR" or "long VAR".
    "$bin" --help | python3 tests/cli/commands_help_vars.py >"$TMP/vars"
    [ -s "$TMP/vars" ] || fail "make $prog: --help names make variables" "none found"
    while read -r long arg var; do
        [ -z "$var" ] && { var=$arg; arg=""; }
        case $long in
        trace) val=$TMP/ext.txt ;; backing) val=$backing ;; maps) val=1=$TMP/one.maps ;;
        stats) val=$TMP/s.json ;; policy|tlb-policy) val=lru ;; config) val=osc ;;
        format) val=ext ;; inject-fault) val=hit ;; tlb-sets) val=1 ;; tlb-ways) val=16 ;;
        itlb-policy) val=lru ;; itlb-sets) val=1 ;; itlb-ways) val=4 ;; pwc-entries) val=8 ;;
        *) val=7 ;;
        esac
        [ -z "$arg" ] && val=1
        # the ITLB's knobs with an ITLB, in a build make test has (osc-1x8-i1x4)
        extra=()
        [[ $long == itlb-* ]] && extra=(TLB_WAYS=8 ITLB_WAYS=4)
        [[ $long == pwc-entries ]] && extra=(CONFIG=sv39) # sv39-1x16-p8, make test's too
        line=$(make -n --no-print-directory $prog "${extra[@]}" "$var=$val" 2>/dev/null | grep -E "(^|/)vm(sim|ref) " | tail -1)
        want="--$long"
        [ -n "$arg" ] && want="--$long $val"
        # Short options print as -x VALUE: accept either spelling.
        short=$("$bin" --help | sed -n "s/^ *-\(.\), --$long .*/\1/p")
        if [[ " $line " == *" $want "* ]] || { [ -n "$short" ] && [[ " $line " == *" -$short${arg:+ $val} "* ]]; }; then
            pass "make $prog $var=$val passes --$long"
        else
            fail "make $prog $var=$val passes --$long" "the command is: ${line:-none}"
        fi
    done <"$TMP/vars"
done
summary

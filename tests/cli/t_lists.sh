#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cli/t_lists.sh -- every name list comes from its registry (issue 14): for each
# option that takes one of a list, `--list OPTION` prints the names, and then every
# listed name is accepted, a name not listed is refused with exactly the listed names,
# --help shows the same names, and make's knob check (mk/knobs.sh) says the same.
# The registries are the oracle for each other's users; the known lists below pin
# what the documentation (README, docs/contract.md) promises.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

need_bin vmref "$VMREF" || { summary; exit; }
VMSIM=$(abs_path "${VMSIM:-build/vmsim}")
BS=$ROOT/build/traces/backing.bin
printf '1\n2\n' >"$TMP/t.txt"
printf '0 R 1\n' >"$TMP/ext.txt"
printf ' L 00000001,1\n' >"$TMP/lackey.txt"

expect_eq "--list names the options that take a list" "policy tlb-policy itlb-policy l2-policy config format ad check-thread inject-fault" \
    "$("$VMREF" --list nope 2>&1 | sed -n 's/.*choose \(.*\) (see.*/\1/p' | tr -d ,)"
# What the README and the contract document.
declare -A want=([policy]="fifo lru lru-walk clock opt" [tlb-policy]="fifo lru plru random" [itlb-policy]="fifo lru plru random" [l2-policy]="fifo lru plru random" [config]="osc sv32 sv39 sv48"
    [format]="auto text ext lackey" [ad]="hardware fault" [check-thread]="no yes" [inject-fault]="paddr hit latency fill pte-addr pte-value cycle")
# what an option needs beside it: an ITLB, for its policy
declare -A pre=([itlb-policy]="--itlb-ways 4" [l2-policy]="--l2-ways 4")
declare -A flag=([policy]=-p [tlb-policy]=-t [itlb-policy]=--itlb-policy [l2-policy]=--l2-policy [config]=--config [format]=--format [ad]=--ad [check-thread]=--check-thread [inject-fault]=--inject-fault)
for opt in policy tlb-policy itlb-policy l2-policy config format ad check-thread inject-fault; do
    got=$("$VMREF" --list "$opt" | tr '\n' ' ')
    expect_eq "vmref --list $opt" "${want[$opt]}" "${got% }"
    prog=$VMREF
    [ "$opt" = inject-fault ] || [ "$opt" = check-thread ] && prog=$VMSIM
    [ -x "$prog" ] || { skip "$opt: accepted names" "no $prog"; continue; }
    names=$("$prog" --list "$opt" | tr '\n' ' ')
    names=${names% }
    for n in $names; do
        trace=$TMP/t.txt
        [ -r "$TMP/$n.txt" ] && trace=$TMP/$n.txt # a format reads its own kind of trace
        # shellcheck disable=SC2086 # pre's options are words
        "$prog" -f "$trace" -b "$BS" -q ${pre[$opt]:-} "${flag[$opt]}" "$n" >/dev/null 2>"$TMP/err"
        rc=$?
        # A run that starts is what is checked: an injected fault makes a mismatch (3).
        [ "$opt" = inject-fault ] && want_rc=3 || want_rc=0
        expect_eq "$(basename "$prog") ${flag[$opt]} $n: accepted" "$want_rc" "$rc" "$(head -c 200 "$TMP/err")"
    done
    "$prog" -f "$TMP/t.txt" -b "$BS" "${flag[$opt]}" no-such-name >/dev/null 2>"$TMP/err"
    rc=$?
    expect_eq "$(basename "$prog") ${flag[$opt]} no-such-name: refused (2), naming the list" "2 ${names// /, }" \
        "$rc $(sed -n 's/.*; choose \(.*\) (see.*/\1/p' "$TMP/err")"
    expect_true "$(basename "$prog") --help names the list of ${flag[$opt]}" "not in --help" \
        bash -c "'$prog' --help | tr -s ' \n' ' ' | grep -qF '${names// /, }'"
done
if [ -x "$VMSIM" ]; then
    expect_eq "vmsim --list policy: the policies vmsim runs (opt reads ahead: vmref only)" \
        "fifo lru lru-walk clock" "$("$VMSIM" --list policy | tr '\n' ' ' | sed 's/ $//')"
fi

# make's knob check says what the binaries say.
for kv in "POLICY policy" "TLB_POLICY tlb-policy" "FORMAT format" "AD ad" "CHECK_THREAD check-thread" "INJECT inject-fault"; do
    set -- $kv
    bash mk/knobs.sh sim VMREF="$VMREF" "$1=no-such-name" 2>"$TMP/err"
    names=$("$VMREF" --list "$2" | grep -vx opt | tr '\n' ' ')
    [ "$1" = POLICY ] || names=$("$VMREF" --list "$2" | tr '\n' ' ')
    names=${names% }
    expect_eq "make sim $1=no-such-name: the names of vmref --list $2" "${names// /, }" \
        "$(sed -n 's/.*; choose \(.*\)$/\1/p' "$TMP/err")"
done

summary

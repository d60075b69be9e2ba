#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cli/t_privilege.sh -- the extended format's privilege column (U or S) and the
# OS's --sum and --mxr, on vmref.
#
# The oracle is the spec's rule (priv. spec, "Virtual Address Translation Process",
# steps 6 and 8; docs/contract.md) and the OS's (docs/contract.md, after the walk):
# every page the OS maps is a user page, so an S-mode load or store is a protection
# fault without SUM and is served as the user's with it; an S-mode fetch is always a
# protection fault; MXR makes an execute-only region readable.  The expected lines
# below were worked out by hand from those rules, over a backing store whose page k
# holds the byte k (so a Value names the page that was read), with frames handed out
# from 0 (frame f at physical address f * 4096).  And the column changes no old trace:
# an explicit U (or u) on every line prints what no column prints.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
need_bin vmref "$VMREF" || summary

BS=$TMP/pages.bin
python3 -c 'import sys; sys.stdout.buffer.write(b"".join(bytes([k]) * 4096 for k in range(256)))' >"$BS"

# run NAME WANT_LINES WANT_FAULTS WANT_PROTECTION ARGS...: vmref ARGS prints exactly
# WANT_LINES (the per-access lines, '|' between them), "Page Faults = WANT_FAULTS", and
# counts WANT_PROTECTION protection faults.
run() {
    local name=$1 lines=$2 faults=$3 prot=$4
    shift 4
    "$VMREF" -b "$BS" "$@" >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    if [ $rc -ne 0 ]; then
        fail "$name" "exit $rc: $(head -c 300 "$TMP/err" | tr '\n' '|')"
        return
    fi
    expect_eq "$name: the accesses" "$lines" "$(grep '^pid' "$TMP/out" | tr '\n' '|' | sed 's/|$//')"
    expect_eq "$name: page faults" "$faults" "$(stat_of "$TMP/out" 'Page Faults')"
    expect_eq "$name: protection faults" "$prot" \
        "$(sed -n 's/.*protection faults \([0-9]*\),.*/\1/p' "$TMP/err")"
}

# -- 1. S-mode against U pages, SUM off and on (no map: every page R, W, X, U) --------
cat >"$TMP/a.txt" <<'EOF'
0 R 0x1000
0 R 0x1004 S
0 W 0x1008 9 S
0 X 0x1000 S
0 R 0x5000 S
0 r 0x6000 s
0 R 0x5000
EOF
# Line 1 brings page 1 into frame 0.  SUM = 0: lines 2-6 are the kernel touching user
# pages, protection faults, page 5 and 6 not brought in; line 7 brings page 5 into
# frame 1.
A0="pid 0 R Virtual address: 4096 Physical address: 0 Value: 1|\
pid 0 R S Virtual address: 4100 Protection fault: read not permitted|\
pid 0 W S Virtual address: 4104 Protection fault: write not permitted|\
pid 0 X S Virtual address: 4096 Protection fault: execute not permitted|\
pid 0 R S Virtual address: 20480 Protection fault: read not permitted|\
pid 0 R S Virtual address: 24576 Protection fault: read not permitted|\
pid 0 R Virtual address: 20480 Physical address: 4096 Value: 5"
# SUM = 1: the loads and the store go through (the store writes 9 at frame 0's byte
# 8), the kernel's load of page 5 brings it into frame 1 (copy_from_user's demand
# paging), of page 6 into frame 2; the fetch is still refused.
A1="pid 0 R Virtual address: 4096 Physical address: 0 Value: 1|\
pid 0 R S Virtual address: 4100 Physical address: 4 Value: 1|\
pid 0 W S Virtual address: 4104 Physical address: 8 Value: 9|\
pid 0 X S Virtual address: 4096 Protection fault: execute not permitted|\
pid 0 R S Virtual address: 20480 Physical address: 4096 Value: 5|\
pid 0 R S Virtual address: 24576 Physical address: 8192 Value: 6|\
pid 0 R Virtual address: 20480 Physical address: 4096 Value: 5"
# Under Svade (--ad fault) the same lines: the kernel's store of line 3 finds D clear
# and the OS sets it, as it would for the user's.
for cfg in sv32 sv39; do
    for ad in hardware fault; do
        run "$cfg AD=$ad S-mode on user pages, SUM=0" "$A0" 2 5 -f "$TMP/a.txt" --config $cfg --ad $ad
        run "$cfg AD=$ad S-mode on user pages, SUM=1" "$A1" 3 1 -f "$TMP/a.txt" --config $cfg --ad $ad --sum
        [ $ad = fault ] && expect_eq "$cfg AD=fault SUM=1: the kernel's store is the one A/D fault" 1 \
            "$(sed -n 's/.*A\/D faults \([0-9]*\) .*/\1/p' "$TMP/err")"
    done
    # MXR changes nothing here: every page is readable.
    run "$cfg S-mode on user pages, SUM=1 MXR=1" "$A1" 3 1 -f "$TMP/a.txt" --config $cfg --sum --mxr
done

# -- 2. MXR on an execute-only region, and S-mode under a map --------------------------
printf '00010000-00012000 --xp 00000000 00:00 0 /bin/x\n00020000-00021000 r--p 00000000 00:00 0 /bin/x\n' \
    >"$TMP/b.maps"
cat >"$TMP/b.txt" <<'EOF'
0 X 0x10000
0 R 0x10004
0 R 0x11000
0 W 0x11000
0 R 0x11008 S
0 X 0x20000
0 R 0x20000
0 R 0x40000 S
EOF
# Line 1 brings page 0x10 into frame 0 (execute-only).  Without MXR a load of it is a
# protection fault (line 2 hits the TLB, line 3 first brings page 0x11 into frame 1:
# the OS brings in any absent page of a region, then judges the retry); a store never
# goes (line 4).  Line 6 fetches from a read-only page: brought into frame 2, refused;
# line 7 reads it.  Line 8 is outside every region: without SUM the kernel's access to
# a user address is a protection fault before the map is looked at; with SUM it is the
# user's segmentation fault.
b_lines() { # MXR SUM
    local l2="pid 0 R Virtual address: 65540 Protection fault: read not permitted"
    local l3="pid 0 R Virtual address: 69632 Protection fault: read not permitted"
    local l5="pid 0 R S Virtual address: 69640 Protection fault: read not permitted"
    local l8="pid 0 R S Virtual address: 262144 Protection fault: read not permitted"
    if [ "$1" = 1 ]; then
        l2="pid 0 R Virtual address: 65540 Physical address: 4 Value: 16"
        l3="pid 0 R Virtual address: 69632 Physical address: 4096 Value: 17"
        [ "$2" = 1 ] && l5="pid 0 R S Virtual address: 69640 Physical address: 4104 Value: 17"
    fi
    [ "$2" = 1 ] && l8="pid 0 R S Virtual address: 262144 Segmentation fault"
    printf '%s|' "pid 0 X Virtual address: 65536 Physical address: 0 Value: 16" "$l2" "$l3" \
        "pid 0 W Virtual address: 69632 Protection fault: write not permitted" "$l5" \
        "pid 0 X Virtual address: 131072 Protection fault: execute not permitted" \
        "pid 0 R Virtual address: 131072 Physical address: 8192 Value: 32" "$l8" | sed 's/|$//'
}
# Under Svade the same: the OS maps a page accessed when its region allows the access
# that brought it in, MXR's loads of execute-only pages included, and sets A itself
# otherwise (an A/D fault, not a protection fault).
for cfg in sv32 sv48; do
    for ad in hardware fault; do
        set -- -f "$TMP/b.txt" --config $cfg --maps "0=$TMP/b.maps" --ad $ad
        run "$cfg maps, AD=$ad, MXR=0 SUM=0" "$(b_lines 0 0)" 3 6 "$@"
        run "$cfg maps, AD=$ad, MXR=0 SUM=1" "$(b_lines 0 1)" 3 5 "$@" --sum
        run "$cfg maps, AD=$ad, MXR=1 SUM=0" "$(b_lines 1 0)" 3 4 "$@" --mxr
        run "$cfg maps, AD=$ad, MXR=1 SUM=1" "$(b_lines 1 1)" 3 2 "$@" --mxr --sum
    done
done

# -- 3. the column on a generated trace -------------------------------------------------
"$TRACEGEN" --mode multi --procs 3 --writes 0.3 --seed 21 --count 20000 -o "$TMP/m.txt"
"$VMREF" -f "$TMP/m.txt" -b "$BS" --config sv39 -n 40 -p clock >"$TMP/m.out" 2>"$TMP/m.err"
# An explicit U, upper or lower case, is no column: the same output, the same counts.
awk 'NR % 2 { print $0 " U"; next } { print $0 "\tu" }' "$TMP/m.txt" >"$TMP/mu.txt"
"$VMREF" -f "$TMP/mu.txt" -b "$BS" --config sv39 -n 40 -p clock >"$TMP/mu.out" 2>"$TMP/mu.err"
expect_same_file "an explicit U on every line: the same stdout" "$TMP/m.out" "$TMP/mu.out"
expect_eq "an explicit U on every line: the same counts" "$(grep -E 'walks|faults' "$TMP/m.err")" \
    "$(grep -E 'walks|faults' "$TMP/mu.err")"
# Every access in S-mode with SUM: the kernel's loads and stores of user pages are the
# user's (U = 1 pages allow them under SUM), so each line is the user's with its S.
sed 's/$/ S/' "$TMP/m.txt" >"$TMP/ms.txt"
"$VMREF" -f "$TMP/ms.txt" -b "$BS" --config sv39 -n 40 -p clock --sum >"$TMP/ms.out" 2>"$TMP/ms.err"
sed 's/^\(pid [0-9]* [RW]\) S /\1 /' "$TMP/ms.out" >"$TMP/ms.as-u"
expect_same_file "every line S with SUM: the user's output, each line marked S" "$TMP/m.out" "$TMP/ms.as-u"
expect_eq "every line S with SUM: S marked on every access line" "$(grep -c '^pid' "$TMP/m.out")" \
    "$(grep -c '^pid [0-9]* [RW] S ' "$TMP/ms.out")"
# Without SUM, every access is a protection fault and nothing is paged in.
"$VMREF" -f "$TMP/ms.txt" -b "$BS" --config sv39 -n 40 -p clock >"$TMP/ms0.out" 2>"$TMP/ms0.err"
expect_eq "every line S without SUM: no page fault" 0 "$(stat_of "$TMP/ms0.out" 'Page Faults')"
expect_eq "every line S without SUM: every access a protection fault" 20000 \
    "$(grep -c '^pid [0-9]* [RW] S Virtual address: [0-9]* Protection fault: \(read\|write\) not permitted$' "$TMP/ms0.out")"

summary

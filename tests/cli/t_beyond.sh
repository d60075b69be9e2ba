#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Beyond the textbook: every preset, processes, writes, swap, memory maps, real
# programs.  Each property is checked in vmref and, where a build exists, in vmsim.
source "$(dirname "$0")/../lib.sh"

backing=$ROOT/build/traces/backing.bin
backing_before=$(md5sum "$backing")
sim_of() { # the vmsim of a preset, if built (the cosim configurations)
    case $1 in
    osc) echo "$ROOT/build/osc-1x16/vmsim" ;;
    sv32) echo "$ROOT/build/sv32-4x4/vmsim --tlb-sets 4 --tlb-ways 4" ;;
    sv39) echo "$ROOT/build/sv39-1x16/vmsim" ;;
    sv48) echo "$ROOT/build/sv48-1x16/vmsim" ;;
    esac
}
byte_at() { # the backing store's byte at ADDR, as a signed char ("0" past its end)
    python3 -c 'import sys
d = open(sys.argv[1], "rb").read(); a = int(sys.argv[2], 0)
b = d[a] if a < len(d) else 0
print(b - 256 if b > 127 else b)' "$backing" "$1"
}

# -- a write survives eviction and re-fault; another process does not see it -------
for preset in osc sv32 sv39 sv48; do
    page=$([ $preset = osc ] && echo 256 || echo 4096)
    a=$((3 * page + 17))
    {
        echo "0 W $a 77"                        # dirty the page
        for k in 5 6 7 8; do echo "0 R $((k * page))"; done   # evict it (-n 2)
        echo "0 R $a"                           # fault it back in: from swap
        echo "1 R $a"                           # another process, same address
    } >"$TMP/w.txt"
    want_other=$(byte_at "$a")
    for bin in "$VMREF" $( [ -x "$(sim_of $preset | cut -d' ' -f1)" ] && echo SIM ); do
        cmd=$bin
        [ "$bin" = SIM ] && cmd=$(sim_of $preset)
        who=$([ "$bin" = SIM ] && echo vmsim || echo vmref)
        $cmd -f "$TMP/w.txt" -b "$backing" --config $preset -n 2 --stats "$TMP/s.json" >"$TMP/w.out" 2>"$TMP/w.err"
        got=$(sed -n '6p' "$TMP/w.out" | sed 's/.*Value: //')
        other=$(sed -n '7p' "$TMP/w.out" | sed 's/.*Value: //')
        wb=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["write_backs"])' "$TMP/s.json" 2>/dev/null)
        if [ "$got" = 77 ] && [ "${wb:-0}" -ge 1 ]; then
            pass "$who $preset: a written byte survives eviction (write-back) and re-fault"
        else
            fail "$who $preset: a written byte survives eviction and re-fault" "read back '$got', write-backs '$wb'"
        fi
        expect_eq "$who $preset: process 1 sees the backing store, not process 0's write" "$want_other" "$other"
    done
done
expect_eq "the backing store file is never written (after the write-backs above)" "$backing_before" "$(md5sum "$backing")"

# -- segmentation and protection faults land on the expected lines -----------------
cat >"$TMP/p.maps" <<'MAPS'
00400000-00402000 r-xp 00000000 08:01 1182899   /usr/bin/prog
00601000-00603000 rw-p 00000000 00:00 0         [heap]
7ffff000-80000000 rw-p 00000000 00:00 0         [stack]
MAPS
cat >"$TMP/m.txt" <<'TRACE'
# line 1 is this comment
0 X 0x400010
0 W 0x400020 5
0 R 0x500000
0 W 0x601000 65
0 R 0x601000
0 X 0x601008
0 W 0x7ffffff0 9
0 R 0x0
TRACE
for preset in sv39 sv48; do
    for bin in "$VMREF" SIM; do
        cmd=$bin who=vmref
        if [ "$bin" = SIM ]; then
            cmd=$(sim_of $preset) who=vmsim
            [ -x "${cmd%% *}" ] || continue
        fi
        $cmd -f "$TMP/m.txt" -b "$backing" --config $preset --maps 0="$TMP/p.maps" >"$TMP/m.out" 2>/dev/null
        got=$(awk '/Protection fault/ {printf "P%d ", NR + 1} /Segmentation fault/ {printf "S%d ", NR + 1}' "$TMP/m.out")
        expect_eq "$who $preset: faults on the expected trace lines" "P3 S4 P7 S9 " "$got"
        expect_eq "$who $preset: heap write then read" "65" "$(sed -n 5p "$TMP/m.out" | sed 's/.*Value: //')"
    done
done
"$VMREF" -f "$TMP/m.txt" --config sv39 --maps 0=/nonexistent.maps >"$TMP/o" 2>"$TMP/e"
rc=$?
expect_true "a missing maps file: one line, exit 1, no statistics" "exit $rc: $(cat "$TMP/e")" \
    test "$rc" -eq 1 -a "$(wc -l <"$TMP/e")" -eq 1 -a ! -s "$TMP/o"
printf '00400000-00300000 r-xp 0 0 0\n' >"$TMP/bad.maps"
"$VMREF" -f "$TMP/m.txt" --config sv39 --maps 0="$TMP/bad.maps" >/dev/null 2>"$TMP/e"
expect_true "a bad maps line: file:line: error" "$(cat "$TMP/e")" grep -q "bad.maps:1: " "$TMP/e"

# -- walk lengths: a cold miss reads one PTE per level ------------------------------
for pl in "sv32 2" "sv39 3" "sv48 4"; do
    set -- $pl
    echo "0x12345678" >"$TMP/one.txt"
    "$VMREF" -f "$TMP/one.txt" --config "$1" --stats "$TMP/s.json" >/dev/null 2>&1
    # The first walk page-faults at the top level (1 read); the retry after the fault
    # walks every level.
    depth=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["walks_by_depth"])' "$TMP/s.json")
    want=$(python3 -c "d=[0,0,0,0]; d[0]+=1; d[$2-1]+=1; print(d)")
    expect_eq "$1: a cold miss walks 1 PTE (fault), then $2 (the retry)" "$want" "$depth"
done

# -- ASIDs against flushing on every switch -----------------------------------------
"$TRACEGEN" --mode multi --procs 3 --burst 40 --count 20000 --seed 4 --va-bits 32 --page-bits 12 -o "$TMP/multi.txt"
h_asid=$("$VMREF" -q -f "$TMP/multi.txt" --config sv32 2>/dev/null | sed -n 's/^TLB Hits = //p')
h_flush=$("$VMREF" -q -f "$TMP/multi.txt" --config sv32 --no-asid 2>/dev/null | sed -n 's/^TLB Hits = //p')
expect_true "ASIDs keep more TLB hits than --no-asid ($h_asid > $h_flush)" "$h_asid vs $h_flush" test "${h_asid:-0}" -gt "${h_flush:-0}"

# -- a real program's lackey trace under sv48, in vmref and vmsim -------------------
if command -v valgrind >/dev/null 2>&1; then
    make -s --no-print-directory trace PROG="/bin/true" TEXT=1 >/dev/null 2>&1
    t=build/traces/true.lackey
    if [ -s "$t" ]; then
        "$VMREF" -q -f "$t" --config sv48 --maps 0=build/traces/true.maps -n 256 >"$TMP/l.out" 2>"$TMP/l.err"
        expect_eq "lackey trace of /bin/true under sv48: vmref runs" 0 "$?"
        sim=$(sim_of sv48)
        if [ -x "$sim" ]; then
            $sim -q -f "$t" --config sv48 --maps 0=build/traces/true.maps -n 256 >"$TMP/s.out" 2>"$TMP/s.err"
            rc=$?
            expect_true "lackey trace of /bin/true under sv48: vmsim 0 mismatches" "exit $rc: $(tail -2 "$TMP/s.err" | tr '\n' '|')" grep -q ' 0 mismatches' "$TMP/s.err"
            expect_same_file "lackey trace: vmsim prints what vmref prints" "$TMP/l.out" "$TMP/s.out"
        fi
    else
        fail "make trace PROG=/bin/true" "no trace was written"
    fi
else
    skip "lackey trace of a real program" "valgrind is not installed"
fi
summary

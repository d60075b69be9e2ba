#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The whole width of the fields the OS sets: physical memory placed anywhere up to the
# top of the PA space (--pa-base), ASIDs started and spread anywhere (--asid-base,
# --asid-step), the PTE bits a walker ignores set (--pte-noise), each held to an
# oracle that does not come from the code: the textbook's correct.txt (moved up by
# the base), and the plain run's own answers.  Then
# the RTL against the model with both high, and the checker catching the walker's
# spoiled memory writes, which answers alone do not show.
source "$(dirname "$0")/../lib.sh"

VMSIM=$ROOT/build/vmsim
need_bin "vmref built" "$VMREF" || { summary; exit; }

# -- --pa-base: every physical address moves up by the base, nothing else changes ------
# osc has 30-bit physical addresses: the 256 frames and 16 MiB of tables at the top.
top_osc=$(( (1 << 30) - (256 << 8) - (16 << 20) ))
if need_osc; then
    "$VMREF" -f "$OSC/addresses.txt" --pa-base "$(printf '0x%x' $top_osc)" >"$TMP/high.out" 2>"$TMP/high.err"
    expect_eq "textbook at the top of the PA space: exit 0" 0 "$?" "$(tail -1 "$TMP/high.err")"
    # The oracle: correct.txt with every physical address plus the base.
    awk -v b=$top_osc '/^Virtual address:/ { $6 = $6 + b } { print }' "$OSC/correct.txt" >"$TMP/want.txt"
    expect_same_file "textbook at --pa-base 0x$(printf %x $top_osc): correct.txt with every physical address moved up by it" \
        "$TMP/want.txt" "$TMP/high.out"
else
    skip "textbook at the top of the PA space" "../shared/osc is missing"
fi

# sv39: 56-bit physical addresses; the memory is held where it sits, not allocated
# from 0 (2^56 bytes would not be), and the tables' PPNs use every bit.
trace=$TMP/multi.txt
"$TRACEGEN" --mode multi --procs 3 --writes 0.3 --seed 7 --count 3000 --va-bits 39 --page-bits 12 -o "$trace"
base39=$(( (1 << 56) - (64 << 12) - (64 << 20) ))
"$VMREF" -f "$trace" --config sv39 -n 64 >"$TMP/low39.out" 2>/dev/null
"$VMREF" -f "$trace" --config sv39 -n 64 --pa-base "$base39" --stats "$TMP/s39.json" >"$TMP/high39.out" 2>"$TMP/high39.err"
expect_eq "sv39 at the top of its 56-bit PA space: exit 0" 0 "$?" "$(tail -1 "$TMP/high39.err")"
# (Python: awk's numbers are doubles, 53 bits.)
moved=$(python3 - "$base39" "$TMP/low39.out" "$TMP/high39.out" <<'PY'
import re, sys
pa = lambda f: [int(x) for x in re.findall(r"Physical address: (\d+)", open(f).read())]
low, high, b = pa(sys.argv[2]), pa(sys.argv[3]), int(sys.argv[1])
print(sum(h != l + b for l, h in zip(low, high)) + abs(len(low) - len(high)) if low else "none")
PY
)
expect_eq "sv39 at the top: every physical address is the low run's plus the base" 0 "$moved"
expect_eq "sv39 at the top: the same values, faults and hits" \
    "$(sed 's/Physical address: [0-9]*//' "$TMP/low39.out")" "$(sed 's/Physical address: [0-9]*//' "$TMP/high39.out")"
expect_true "--stats records pa_base" "no \"pa_base\": $base39 in the record" \
    grep -q "\"pa_base\": $base39," "$TMP/s39.json"

# -- --pte-noise: the bits a walker ignores, set; nothing answers otherwise ---------------
if need_osc; then
    "$VMREF" -f "$OSC/addresses.txt" --pte-noise >"$TMP/noise.out" 2>/dev/null
    expect_same_file "textbook with --pte-noise: correct.txt" "$OSC/correct.txt" "$TMP/noise.out"
fi
"$VMREF" -f "$trace" --config sv39 -n 64 --pte-noise >"$TMP/noise39.out" 2>/dev/null
expect_same_file "sv39 with --pte-noise: the plain run's output" "$TMP/low39.out" "$TMP/noise39.out"

# -- --asid-base/--asid-step: ASIDs in order of first appearance, base + k * step --------
"$VMREF" -q -f "$trace" --config sv39 -n 64 --asid-base 65535 --asid-step 32767 --stats "$TMP/a.json" \
    >"$TMP/a.out" 2>"$TMP/a.err"
expect_eq "--asid-base 65535 --asid-step 32767: exit 0" 0 "$?" "$(tail -1 "$TMP/a.err")"
asids=$(python3 -c 'import json, sys; print(" ".join(str(p["asid"]) for p in json.load(open(sys.argv[1]))["processes"]))' "$TMP/a.json")
expect_eq "ASIDs of processes 0, 1, 2: 65535, 65535 + 32767, 65535 + 2 * 32767 (mod 65536)" "65535 32766 65533" "$asids"
"$VMREF" -q -f "$trace" --config sv39 -n 64 >"$TMP/a0.out" 2>/dev/null
expect_same_file "ASIDs elsewhere: the same statistics" "$TMP/a0.out" "$TMP/a.out"
"$VMREF" -q -f "$trace" --config sv39 -n 64 --asid-step 32768 >/dev/null 2>"$TMP/rep.err"
rc=$?
if [ $rc -eq 1 ] && grep -q 'more than 2 processes: with --asid-step 32768, process 2 would have the ASID of process 0' "$TMP/rep.err"; then
    pass "--asid-step 32768 with a third process: refused, saying why (exit 1)"
else
    fail "--asid-step 32768 with a third process: refused, saying why (exit 1)" "exit $rc: $(cat "$TMP/rep.err")"
fi

# -- bad values: one line naming the option, exit 2 ---------------------------------------
bad() {
    "$VMREF" -q -f "$trace" --config sv39 "$@" >/dev/null 2>"$TMP/bad.err"
    local rc=$?
    if [ $rc -eq 2 ] && [ "$(wc -l <"$TMP/bad.err")" -eq 1 ] && grep -q -- "^vmref: $1 " "$TMP/bad.err"; then
        pass "vmref $*: refused in one line (exit 2)"
    else
        fail "vmref $*: refused in one line (exit 2)" "exit $rc: $(cat "$TMP/bad.err")"
    fi
}
bad --pa-base 0x123              # not page aligned
bad --pa-base 0x100000000000000  # 2^56: no room below the top
bad --pa-base "$(( (1 << 56) - (16 << 20) ))"  # the tables' 16 MiB, but not the frames
bad --pa-base 12k
bad --pa-base -4096
bad --pa-base 0x
bad --asid-base 65536
bad --asid-base -1
bad --asid-step 0
bad --asid-step 65536

# -- the RTL against the model, both high --------------------------------------------------
if [ -x "$VMSIM" ]; then
    t16=$TMP/multi16.txt
    "$TRACEGEN" --mode multi --procs 2 --ws 24 --writes 0.3 --seed 11 --count 3000 -o "$t16"
    high=(-f "$t16" -n 16 --pa-base "$(printf '0x%x' $(( (1 << 30) - (16 << 8) - (16 << 20) )))"
          --asid-base 32767 --asid-step 32768 --pte-noise)
    "$VMSIM" "${high[@]}" >"$TMP/sim.out" 2>"$TMP/sim.err"
    rc=$?
    "$VMREF" "${high[@]}" >"$TMP/ref.out" 2>/dev/null
    if [ $rc -eq 0 ] && grep -q ' 0 mismatches$' "$TMP/sim.err" && cmp -s "$TMP/sim.out" "$TMP/ref.out"; then
        pass "vmsim with memory at the top, ASIDs 0x7fff and 0xffff, PTE noise: 0 mismatches, vmref's output"
    else
        fail "vmsim with memory at the top, ASIDs 0x7fff and 0xffff, PTE noise: 0 mismatches, vmref's output" \
            "exit $rc: $(tail -3 "$TMP/sim.err" | tr '\n' '|')"
    fi
    # The walker's A/D write spoiled (its address, its D bit): caught at the first
    # write, by the log of memory operations; the report shows both sequences.
    for kind in pte-addr pte-value; do
        "$VMSIM" -q "${high[@]}" --inject-fault "$kind" >/dev/null 2>"$TMP/inj.err"
        rc=$?
        if [ $rc -eq 3 ] && grep -q '^vmsim: MISMATCH at access 1 ' "$TMP/inj.err" &&
            grep -q '^  step [0-9]*  *write 0x[0-9a-f]*: 0x[0-9a-f]*  *write 0x[0-9a-f]*: 0x[0-9a-f]*  *<-- differs$' "$TMP/inj.err"; then
            pass "vmsim --inject-fault $kind: caught at the first A/D write, the two writes shown"
        else
            fail "vmsim --inject-fault $kind: caught at the first A/D write, the two writes shown" \
                "exit $rc: $(head -20 "$TMP/inj.err" | tr '\n' '|')"
        fi
    done
else
    skip "vmsim with memory and ASIDs high" "build/vmsim is not built"
fi

summary

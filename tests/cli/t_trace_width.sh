#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cli/t_trace_width.sh -- how a trace names addresses is the preset's rule
# (model/presets.def, the last column; docs/contract.md "Presets"), enforced by the
# trace reader: osc reads 32-bit numbers and keeps their low 16 bits, so 2^32 - 1 is
# page 255 offset 255 and 2^32 is bad input, one `file:line:` line, exit 1, no
# statistics, in every format, in both programs, in the warm-up and in OPT's look-ahead.
# The RISC-V presets take an address whole: one beyond the VA is an address fault,
# counted, and the run goes on.  The oracle is the contract's text.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

need_bin vmref "$VMREF" || { summary; exit; }
VMSIM=$(abs_path "${VMSIM:-build/vmsim}")
BS=$ROOT/build/traces/backing.bin

# refused NAME FILE LINE PROG ARGS...: PROG fails with exit 1, one stderr line naming
# FILE:LINE and the rule, and nothing on stdout after the accesses before LINE.
refused() {
    local name=$1 file=$2 line=$3 prog=$4
    shift 4
    "$prog" -f "$file" -b "$BS" "$@" >"$TMP/out" 2>"$TMP/err"
    local rc=$? want="$file:$line: address 4294967296 does not fit in 32 bits (the osc preset reads 32-bit addresses and keeps their low 16 bits)"
    expect_eq "$name: exit status" 1 "$rc"
    expect_eq "$name: one line naming file:line and the rule" "$(basename "$prog"): $want" "$(cat "$TMP/err")"
    expect_true "$name: no statistics on stdout" "stdout has statistics: $(tail -2 "$TMP/out")" \
        bash -c "! grep -q 'Page Faults\|TLB Hits' '$TMP/out'"
}

printf '1\n4294967295\n4294967296\n2\n' >"$TMP/text.txt"
printf '0 R 0x1\n0 R 0xffffffff\n0 W 0x100000000\n' >"$TMP/ext.txt"
printf 'I  00000001,1\n L ffffffff,1\n S 100000000,1\n' >"$TMP/lackey.txt"

refused text_vmref "$TMP/text.txt" 3 "$VMREF"
refused ext_vmref "$TMP/ext.txt" 3 "$VMREF"
refused lackey_vmref "$TMP/lackey.txt" 3 "$VMREF"
refused text_warmup "$TMP/text.txt" 3 "$VMREF" --skip 3
refused text_opt_lookahead "$TMP/text.txt" 3 "$VMREF" -p opt
if [ -x "$VMSIM" ]; then
    refused text_vmsim "$TMP/text.txt" 3 "$VMSIM"
    refused lackey_vmsim "$TMP/lackey.txt" 3 "$VMSIM"
else
    skip vmsim "no $VMSIM (make sim builds it)"
fi

# The accesses before the bad line ran and were printed: 2^32 - 1 is printed as the
# trace wrote it and translated by its low 16 bits (page 255 in frame 1: 256 + 255).
"$VMREF" -f "$TMP/text.txt" -b "$BS" >"$TMP/out" 2>/dev/null
expect_eq "text: the two lines before the bad one are printed, translated by 16 bits" \
    "Virtual address: 1 Physical address: 1|Virtual address: 4294967295 Physical address: 511" \
    "$(grep -o 'Virtual address: [0-9]* Physical address: [0-9]*' "$TMP/out" | paste -sd'|')"

# sv39 takes the address whole: 2^39 is beyond its VA, an address fault, and the run goes on.
printf '4096\n549755813888\n8192\n' >"$TMP/sv39.txt"
"$VMREF" -f "$TMP/sv39.txt" -b "$BS" --config sv39 --stats "$TMP/sv39.json" >"$TMP/out" 2>"$TMP/err"
expect_eq "sv39: 2^39 is not bad input (exit 0)" 0 "$?"
expect_eq "sv39: one address fault, three accesses" "1 3" \
    "$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d['address_faults'], d['accesses'])" "$TMP/sv39.json" 2>&1)"

summary

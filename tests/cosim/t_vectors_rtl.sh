#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cosim/t_vectors_rtl.sh -- vmsim --vectors FILE: MMU test vectors on the RTL, each
# request checked in lock step against the model (its answer, every field, and its
# walker's every memory operation).
#  1. Runs whose answers are worked out by hand below from docs/contract.md (osc, sv39,
#     sv32), on the first build of their preset in COSIM_CONFIGS: vmsim prints them,
#     and says 0 mismatches.
#  2. The check can fail: each --inject-fault kind spoils the RTL's side, and the
#     first request it touches is a reported mismatch (exit 3, the request's file:line,
#     the two logs, the command that re-runs it); --no-check runs the RTL alone.
#  3. Every tests/vectors/PRESET-*.vec beside its .expected (hand-written from the spec,
#     not by the model) prints exactly that on every built co-simulation geometry of
#     its preset (COSIM_CONFIGS), with 0 mismatches; skipped, saying so, when the tree
#     has no tests/vectors/ yet.
source "$(dirname "$0")/../lib.sh"

configs=${COSIM_CONFIGS:-osc-1x16 sv32-4x4 sv39-1x16 sv48-1x16}
# build_of PRESET: the vmsim of its first build in COSIM_CONFIGS, and its options.
build_of() {
    local cfg geo
    for cfg in $configs; do
        # one TLB's: the answers below are worked out for one (a split build's fetches
        # miss where a load filled), and no page-walk cache (its walks are shorter)
        [ "${cfg%%-*}" = "$1" ] && [[ $cfg != *-i* && $cfg != *-p* ]] && [ -x "build/$cfg/vmsim" ] || continue
        echo "build/$cfg/vmsim $(cfg_opts "$cfg")"
        return 0
    done
    return 1
}
# by_hand NAME PRESET N: $TMP/NAME.vec through vmsim prints $TMP/NAME.want, N requests.
by_hand() {
    local cmd
    if ! cmd=$(build_of "$2"); then
        skip "${1}_by_hand" "no build of $2 in COSIM_CONFIGS ($configs)"
        return 1
    fi
    $cmd --vectors "$TMP/$1.vec" >"$TMP/out" 2>"$TMP/err"
    expect_eq "${1}_by_hand: exit 0, the verdict on stderr" "0 vmsim: $3 requests compared, 0 mismatches" \
        "$? $(cat "$TMP/err")"
    expect_same_file "${1}_by_hand" "$TMP/$1.want" "$TMP/out"
}

# ---- 1. by hand ------------------------------------------------------------------------
# osc: 16-bit VA, 256-byte pages, one level of 256 4-byte PTEs; root PPN 4: the table at
# 0x400.  VA 0x1234: PTE at 0x448 = PPN 0x55, D A U R V: PA 0x5534, one read (4 cycles);
# then a hit; a store through the entry without W: a denied hit.  VA 0x1300: PTE at 0x44c
# = PPN 0x56, U W R V, A = D = 0: a store reads it and writes 0x158d7 (6 cycles).  After
# sfence - -, a fetch walks to the leaf without X: a page fault after one read; VPN
# 0x77's PTE is 0 (V = 0): a page fault; Bare: PA = VA in one cycle.  Under Svade the
# store to 0x1300's sister page 0x1400 (PTE 0x450 = PPN 0x57, U W R V) faults after its
# read with nothing written; with pmem 0x5700 the same page, now with A and D, is an
# access fault after its read (PA 0x5700 is at the bound).
cat >"$TMP/osc.vec" <<'EOF'
satp osc 0 4
mem 0x448 0x154d3
mem 0x44c 0x15817
mem 0x450 0x15c17
R 0x1234
R 0x12ff
W 0x1235
W 0x1300
sfence - -
X 0x1234
R 0x7700
ad fault
W 0x1400
mem 0x450 0x15cd7
pmem 0x5700
W 0x1400
satp bare 0 0
R 0x56ff
R 0x5700
EOF
cat >"$TMP/osc.want" <<'EOF'
1 R 0x1234 -> 0x5534 hit=0 cycles=4
2 R 0x12ff -> 0x55ff hit=1 cycles=1
3 W 0x1235 -> store-page-fault hit=1 cycles=1
4 W 0x1300 -> 0x5600 hit=0 cycles=6 wrote=0x44c:0x158d7
5 X 0x1234 -> fetch-page-fault hit=0 cycles=4
6 R 0x7700 -> load-page-fault hit=0 cycles=4
7 W 0x1400 -> store-page-fault hit=0 cycles=4
8 W 0x1400 -> store-access-fault hit=0 cycles=4
9 R 0x56ff -> 0x56ff hit=0 cycles=1
10 R 0x5700 -> load-access-fault hit=0 cycles=1
EOF
if by_hand osc osc 10; then
    # The memory latency: request 4's read and write at L = 3 are 2 + 2 * (1 + 3) cycles.
    $(build_of osc) --mem-latency 3 --vectors "$TMP/osc.vec" >"$TMP/out" 2>&1
    expect_eq "osc_latency_3: request 4's cycles" "cycles=10" "$(sed -n 4p "$TMP/out" | grep -o 'cycles=[0-9]*')"
fi

# sv39: 4 KiB pages, 3 levels of 512 8-byte PTEs, PTE = PPN << 10 | flags.  satp ASID 5,
# root PPN 0x100 (0x100000): entry 0 points to 0x101000 (0x40401), whose entry 0 points
# to 0x102000 (0x40801).  At 0x101000: entry 1 a megapage (VA 0x200000..0x3fffff), PPN
# 0x400 (aligned: low 9 bits 0), D A U X W R V = 0xdf; entry 2 a misaligned one, PPN
# 0x401.  At 0x102000, by VPN: 1 PPN 0x500 D A U W R V (0xd7); 2 PPN 0x501 execute-only
# D A U X V (0xd9); 3 PPN 0x502 a supervisor page D A W R V (0xc7); 4 PPN 0x503 global
# (0xf7); 5 PPN 0x504 D A U R V with reserved bit 60; 6 (later) PPN 0x505 U W R V, A = D = 0.
# A walk to a page reads 3 PTEs (2 + 3 * 2 = 8 cycles), to a megapage 2 (6 cycles).
#   1-2    a page walked, then hit.     3-4  the megapage: PA = (0x400 | vpn[8:0]) << 12
#   5      misaligned megapage: page fault after 2 reads
#   6-8    X-only: a load faults; with MXR it translates (filled); without MXR the entry
#          refuses it (a hit with a page fault)
#   9      U-mode on the supervisor page: page fault.  10  S-mode: translates
#   11-13  S-mode on page 1 (U = 1): refused without SUM, allowed with it; a fetch from
#          a U page in S-mode never (the X-only entry: a denied hit)
#   14     U-mode fetch of the X-only page: a hit.  15  bit 60 set: page fault
#   16-22  the global page: filled under ASID 5, a hit under ASID 6; sfence 0x4000 6
#          (mode 0) and sfence - 6 (mode 1) keep it, mode 1 drops ASID 6's page 1;
#          sfence 0x4fff - (mode 3) drops it
#   23-24  back to ASID 5: the megapage hits; sfence of a VA inside it (mode 3) drops it
#   25     bit 38 set, 63-39 clear: not canonical, a page fault in 1 cycle
#   26     canonical upper half: root entry 0x100 (0x100800) is 0: a fault after 1 read
#   27     pmem 0x500000: page 1's entry hits at PA 0x500ff0, beyond: a hit, access fault
#   28     pmem 0x101000: the second PTE read (0x101000) is beyond: access fault, 2 reads
#   29-30  page 6 without A: Svade faults after 3 reads, nothing written; Svadu stores
#          A and D (0x141417 | 0xc0) and translates: 2 + 4 * 2 = 10 cycles
cat >"$TMP/sv39.vec" <<'EOF'
mem 0x100000 0x40401
mem 0x101000 0x40801
mem 0x101008 0x1000df
mem 0x101010 0x1004df
mem 0x102008 0x1400d7
mem 0x102010 0x1404d9
mem 0x102018 0x1408c7
mem 0x102020 0x140cf7
mem 0x102028 0x10000000001410d3
satp sv39 5 0x100
R 0x1234
R 0x1ff8
R 0x2abcde
W 0x3ff000
R 0x400000
R 0x2000
mxr 1
R 0x2010
mxr 0
R 0x2010
R 0x3000
priv S
R 0x3008
R 0x1000
sum 1
R 0x1000
X 0x2000
priv U
sum 0
X 0x2000
R 0x5000
R 0x4000
satp sv39 6 0x100
R 0x4004
R 0x1000
sfence 0x4000 6
R 0x4008
sfence - 6
R 0x4010
R 0x1000
sfence 0x4fff -
R 0x4000
satp sv39 5 0x100
R 0x200000
sfence 0x3abcde -
R 0x200000
R 0x4000000000
R 0xffffffc000001000
pmem 0x500000
R 0x1ff0
pmem 0x101000
R 0x6000
pmem 0
ad fault
mem 0x102030 0x141417
R 0x6000
ad hardware
W 0x6000
EOF
cat >"$TMP/sv39.want" <<'EOF'
1 R 0x1234 -> 0x500234 hit=0 cycles=8
2 R 0x1ff8 -> 0x500ff8 hit=1 cycles=1
3 R 0x2abcde -> 0x4abcde hit=0 cycles=6
4 W 0x3ff000 -> 0x5ff000 hit=1 cycles=1
5 R 0x400000 -> load-page-fault hit=0 cycles=6
6 R 0x2000 -> load-page-fault hit=0 cycles=8
7 R 0x2010 -> 0x501010 hit=0 cycles=8
8 R 0x2010 -> load-page-fault hit=1 cycles=1
9 R 0x3000 -> load-page-fault hit=0 cycles=8
10 R 0x3008 -> 0x502008 hit=0 cycles=8
11 R 0x1000 -> load-page-fault hit=1 cycles=1
12 R 0x1000 -> 0x500000 hit=1 cycles=1
13 X 0x2000 -> fetch-page-fault hit=1 cycles=1
14 X 0x2000 -> 0x501000 hit=1 cycles=1
15 R 0x5000 -> load-page-fault hit=0 cycles=8
16 R 0x4000 -> 0x503000 hit=0 cycles=8
17 R 0x4004 -> 0x503004 hit=1 cycles=1
18 R 0x1000 -> 0x500000 hit=0 cycles=8
19 R 0x4008 -> 0x503008 hit=1 cycles=1
20 R 0x4010 -> 0x503010 hit=1 cycles=1
21 R 0x1000 -> 0x500000 hit=0 cycles=8
22 R 0x4000 -> 0x503000 hit=0 cycles=8
23 R 0x200000 -> 0x400000 hit=1 cycles=1
24 R 0x200000 -> 0x400000 hit=0 cycles=6
25 R 0x4000000000 -> load-page-fault hit=0 cycles=1
26 R 0xffffffc000001000 -> load-page-fault hit=0 cycles=4
27 R 0x1ff0 -> load-access-fault hit=1 cycles=1
28 R 0x6000 -> load-access-fault hit=0 cycles=6
29 R 0x6000 -> load-page-fault hit=0 cycles=8
30 W 0x6000 -> 0x505000 hit=0 cycles=10 wrote=0x102030:0x1414d7
EOF
by_hand sv39 sv39 30

# sv32: 4 KiB pages, 2 levels of 1024 4-byte PTEs, 34-bit PAs.  satp ASID 0x1ff (the
# 9-bit field's top), root 0x100000.  Root entry 1 (0x100004): a 4 MiB megapage, PPN
# 0x300000 (low 10 bits 0), D A U W R V: 0xc00000d7; root entry 0 points to 0x101000,
# whose entry 1 (0x101004) is PPN 0x3fffff, the top one: 0xfffffcd7.
#   1  megapage, one read: (0x300000 | 0x12) << 12 | 0x345, 4 cycles.  2  a hit inside it
#   3  the page at the top of the 34-bit PA space, two reads.  4  sfence of a VA in the
#   megapage for ASID 0x1ff drops it.  5  ASID 0x100 does not hit ASID 0x1ff's entry
cat >"$TMP/sv32.vec" <<'EOF'
mem 0x100004 0xc00000d7
mem 0x100000 0x40401
mem 0x101004 0xfffffcd7
satp sv32 0x1ff 0x100
R 0x412345
W 0x7ffffc
R 0x1abc
sfence 0x600000 0x1ff
R 0x400000
satp sv32 0x100 0x100
R 0x400010
EOF
cat >"$TMP/sv32.want" <<'EOF'
1 R 0x412345 -> 0x300012345 hit=0 cycles=4
2 W 0x7ffffc -> 0x3003ffffc hit=1 cycles=1
3 R 0x1abc -> 0x3fffffabc hit=0 cycles=6
4 R 0x400000 -> 0x300000000 hit=0 cycles=4
5 R 0x400010 -> 0x300000010 hit=0 cycles=4
EOF
by_hand sv32 sv32 5

# ---- 2. the check can fail -------------------------------------------------------------
inj=""
for name in osc sv39 sv32; do
    if cmd=$(build_of $name); then
        inj=$name
        break
    fi
done
if [ -n "$inj" ]; then
    cmd=$(build_of $inj)
    for kind in $($cmd --list inject-fault); do
        $cmd --vectors "$TMP/$inj.vec" --inject-fault "$kind" >"$TMP/out" 2>"$TMP/err"
        rc=$?
        if [ $rc -eq 3 ] && grep -q "^vmsim: MISMATCH at request [0-9]* ($TMP/$inj.vec:[0-9]*: [RWX] 0x" "$TMP/err" &&
            grep -q '<-- differs' "$TMP/err" && grep -q "vmsim .*--inject-fault $kind --vectors $TMP/$inj.vec\$" "$TMP/err" &&
            tail -1 "$TMP/err" | grep -q '^vmsim: [0-9]* requests\? compared, 1 mismatch$'; then
            pass "inject_$kind: a mismatch, reported with its line, exit 3"
        else
            fail "inject_$kind: a mismatch, reported with its line, exit 3" "exit $rc: $(head -3 "$TMP/err" | tr '\n' '|')"
        fi
    done
    $cmd --vectors "$TMP/$inj.vec" --inject-fault hit --no-check >"$TMP/out" 2>"$TMP/err"
    expect_eq "no_check: the RTL alone, nothing compared" "0 " "$? $(cat "$TMP/err")"
else
    skip inject "no build of osc, sv39 or sv32 in COSIM_CONFIGS ($configs)"
fi

# ---- 3. the hand-written vectors of tests/vectors -----------------------------------------
n=0
for vec in tests/vectors/*.vec; do
    [ -e "$vec" ] || continue
    base=${vec%.vec} name=$(basename "$base") preset=${name%%-*}
    if [ ! -e "$base.expected" ]; then
        fail "rtl_vectors_$name" "$vec has no $base.expected"
        continue
    fi
    n=$((n + 1))
    built=0
    for cfg in $configs; do
        [ "${cfg%%-*}" = "$preset" ] || continue
        bin=build/$cfg/vmsim
        if [ ! -x "$bin" ]; then
            fail "rtl_vectors_${name}_$cfg" "$bin is not built (make cosim-builds)"
            continue
        fi
        built=1
        # shellcheck disable=SC2046 # the options are words
        "$bin" $(cfg_opts "$cfg") --vectors "$vec" >"$TMP/out" 2>"$TMP/err"
        rc=$?
        if [ $rc -ne 0 ] || ! grep -q '^vmsim: [0-9]* requests compared, 0 mismatches$' "$TMP/err"; then
            fail "rtl_vectors_${name}_$cfg" "exit $rc: $(head -4 "$TMP/err" | tr '\n' '|')"
        elif [[ $cfg == *-p* ]] && [[ $cfg != *-i* ]]; then
            # With a page-walk cache every answer, hit and write is one TLB's alone; a
            # walk only takes fewer cycles (docs/contract.md, "Page-walk cache").
            if ! diff <(sed 's/ cycles=[0-9]*//' "$base.expected") <(sed 's/ cycles=[0-9]*//' "$TMP/out") >"$TMP/d"; then
                fail "rtl_vectors_${name}_$cfg" "an answer other than the one without it: $(head -4 "$TMP/d" | tr '\n' '|')"
            else
                pass "rtl_vectors_${name}_$cfg: RTL = model in lock step; every answer the same but cycles"
            fi
        elif [[ $cfg == *-i* ]]; then
            # The expected files are one TLB's. With an ITLB the RTL is held to the model
            # request by request, and every answer must be one TLB's answer: the same
            # address or fault; only whether it hit, and so its cycles, may differ (a
            # fetch misses where a load filled, and the other way round).
            if ! diff <(sed 's/ hit=.*//' "$base.expected") <(sed 's/ hit=.*//' "$TMP/out") >"$TMP/d"; then
                fail "rtl_vectors_${name}_$cfg" "an answer other than one TLB's: $(head -4 "$TMP/d" | tr '\n' '|')"
            else
                pass "rtl_vectors_${name}_$cfg: RTL = model in lock step; every answer one TLB's but hit and cycles"
            fi
        else
            expect_same_file "rtl_vectors_${name}_$cfg" "$base.expected" "$TMP/out"
        fi
    done
    [ $built = 1 ] || skip "rtl_vectors_$name" "no co-simulation build of $preset in COSIM_CONFIGS"
done
[ $n -gt 0 ] || skip rtl_vectors_files "no tests/vectors/*.vec in this tree yet (hand-written vectors, issue 16 item 7)"

summary

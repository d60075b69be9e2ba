#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The build as a user meets it: make sim's and make ref's knobs checked before anything
# is built, make ref as make sim's twin, a failed Verilator run never taken as built
# (in a copy of the project with a lint warning added), the build's output (one short
# line a step; nothing on a warm run), and make help listing every target and knob.
source "$(dirname "$0")/../lib.sh"
# A user's make, not the one make test runs this from (make -s test would pass -s).
unset MAKEFLAGS MFLAGS MAKELEVEL

mk() { make -s --no-print-directory "$@"; }
# A Verilator that only leaves a mark: the knob checks must stop before it.
FAKEVER=$TMP/fake-verilator
printf '#!/bin/sh\ntouch "%s/verilator-ran"\nexit 1\n' "$TMP" >"$FAKEVER"
chmod +x "$FAKEVER"

# -- 1. bad knobs: one line naming the knob, non-zero exit, Verilator never runs ----
# bad_knob WHO KNOB=VALUE [OPTION VALUE]: make WHO refuses it; with OPTION, vmref's own
# parser must refuse the same value (the make check must not accept more or less).
bad_knob() {
    local who=$1 kv=$2 opt=${3:-} name=${2%%=*}
    rm -f "$TMP/verilator-ran"
    mk "$who" "$kv" VERILATOR="$FAKEVER" >"$TMP/k.out" 2>"$TMP/k.err"
    local rc=$? lines
    lines=$(wc -l <"$TMP/k.err")
    if [ $rc -ne 0 ] && [ "$lines" -le 2 ] && grep -q "^make $who: $name=" "$TMP/k.err" &&
        [ ! -e "$TMP/verilator-ran" ] && [ ! -s "$TMP/k.out" ]; then
        pass "make $who $kv: refused in one line before building"
    else
        fail "make $who $kv: refused in one line before building" \
            "exit $rc, verilator $([ -e "$TMP/verilator-ran" ] && echo ran || echo 'did not run'), stderr: $(head -c 300 "$TMP/k.err" | tr '\n' '|')"
    fi
    if [ -n "$opt" ]; then
        "$VMREF" -q -f build/traces/addresses.txt "$opt" "${kv#*=}" >/dev/null 2>&1
        expect_eq "vmref $opt '${kv#*=}' is refused too (exit 2)" 2 "$?"
    fi
}
bad_knob sim CONFIG=sv64 --config
bad_knob sim TLB_SETS=5 --tlb-sets
bad_knob sim TLB_SETS=0 --tlb-sets
bad_knob sim TLB_SETS=2048 --tlb-sets
bad_knob sim TLB_WAYS=0 --tlb-ways
bad_knob sim TLB_WAYS=65 --tlb-ways
bad_knob sim ITLB_WAYS=65 --itlb-ways
bad_knob sim ITLB_SETS=3 --itlb-sets
bad_knob sim ITLB_POLICY=mru --itlb-policy
bad_knob sim PWC_ENTRIES=3 --pwc-entries
bad_knob sim L2_WAYS=65 --l2-ways
bad_knob sim L2_SETS=3 --l2-sets
bad_knob sim FRAMES= -n
bad_knob sim FRAMES=12k -n
bad_knob sim FRAMES=0 -n
bad_knob sim MEM_LATENCY=0 --mem-latency
bad_knob sim MEM_LATENCY=1001 --mem-latency
bad_knob sim POLICY=mru -p
bad_knob sim POLICY=opt
bad_knob sim TLB_POLICY=mru -t
bad_knob sim FORMAT=binary --format
bad_knob sim INJECT=everything
bad_knob sim TRACE=/nonexistent/addresses.txt
bad_knob sim MAPS=prog.maps --maps
bad_knob sim STATS=/nonexistent/dir/s.json
bad_knob sim Q=0
bad_knob sim MAX=ten
bad_knob sim SKIP=-1
bad_knob sim PROGRESS=yes
bad_knob sim SUM=0
bad_knob sim MXR=on
bad_knob ref TLB_WAYS=0
bad_knob ref FRAMES=
bad_knob ref CONFIG=sv64

# Good values at the edges pass both the check and vmref (make ref needs no Verilator).
mk ref TRACE=build/traces/addresses.txt CONFIG=sv48 TLB_SETS=1024 TLB_WAYS=64 MEM_LATENCY=1000 \
    POLICY=opt Q=1 >"$TMP/edge.out" 2>"$TMP/edge.err"
expect_eq "make ref at the knobs' upper edges runs (exit 0)" 0 "$?" "$(tail -1 "$TMP/edge.err")"
mk ref TRACE=build/traces/addresses.txt TLB_SETS=1 TLB_WAYS=1 MEM_LATENCY=1 FRAMES=1 Q=1 \
    >"$TMP/edge.out" 2>"$TMP/edge.err"
expect_eq "make ref at the knobs' lower edges runs (exit 0)" 0 "$?" "$(tail -1 "$TMP/edge.err")"

# -- 2. make ref is make sim's twin --------------------------------------------------
if need_osc; then
    mk ref TRACE="$OSC/addresses.txt" >"$TMP/ref.out" 2>"$TMP/ref.err"
    expect_eq "make ref TRACE=textbook: exit 0" 0 "$?"
    expect_same_file "make ref TRACE=textbook > out: stdout is exactly correct.txt" "$OSC/correct.txt" "$TMP/ref.out"
    # Stdin through make: the trace is read from make's standard input.
    mk ref TRACE=- BACKING="$OSC/BACKING_STORE.bin" <"$OSC/addresses.txt" >"$TMP/stdin.out" 2>"$TMP/stdin.err"
    expect_same_file "make ref TRACE=- < textbook: stdout is correct.txt" "$OSC/correct.txt" "$TMP/stdin.out"
else
    skip "make ref TRACE=textbook" "../shared/osc is missing"
fi

# Every knob make ref takes reaches vmref: set each to a non-default value and find
# its option in the command make echoes on stderr.
printf '0000-8000 r-xp 00000000 08:01 1 /bin/prog\n' >"$TMP/p0.maps"
"$TRACEGEN" --mode multi --procs 2 --writes 0.3 --seed 5 --count 400 -o "$TMP/multi.txt" 2>/dev/null
knobs=$(make --no-print-directory --eval='print-knobs: ; @echo $(RUN_KNOBS)' print-knobs)
declare -A val=(
    [TRACE]="$TMP/multi.txt" [BACKING]=build/traces/backing.bin [FRAMES]=33 [POLICY]=clock
    [TLB_POLICY]=lru [TLB_SETS]=4 [TLB_WAYS]=2 [ITLB_POLICY]=lru [ITLB_SETS]=2 [ITLB_WAYS]=4 [L2_POLICY]=lru [L2_SETS]=2 [L2_WAYS]=4 [PWC_ENTRIES]=8 [CONFIG]=sv39 [MEM_LATENCY]=7 [NO_ASID]=1
    [MAPS]="0=$TMP/p0.maps" [FORMAT]=ext [SKIP]=3 [MAX]=50 [Q]=1 [STATS]="$TMP/s.json" [PROGRESS]=1
    [ASID_BASE]=65534 [ASID_STEP]=2 [PA_BASE]=0x10000 [PTE_NOISE]=1 [AD]=fault [PMEM]=0x1000000 [SUM]=1 [MXR]=1 [THP]=1)
declare -A want=(
    [TRACE]="-f $TMP/multi.txt" [BACKING]="-b build/traces/backing.bin" [FRAMES]="-n 33"
    [POLICY]="-p clock" [TLB_POLICY]="-t lru" [TLB_SETS]="--tlb-sets 4" [TLB_WAYS]="--tlb-ways 2"
    [ITLB_POLICY]="--itlb-policy lru" [ITLB_SETS]="--itlb-sets 2" [ITLB_WAYS]="--itlb-ways 4" [L2_POLICY]="--l2-policy lru" [L2_SETS]="--l2-sets 2" [L2_WAYS]="--l2-ways 4" [PWC_ENTRIES]="--pwc-entries 8"
    [CONFIG]="--config sv39" [MEM_LATENCY]="--mem-latency 7" [NO_ASID]="--no-asid"
    [MAPS]="--maps 0=$TMP/p0.maps" [FORMAT]="--format ext" [SKIP]="--skip 3" [MAX]="--max 50"
    [Q]="-q" [STATS]="--stats $TMP/s.json" [PROGRESS]="--progress"
    [ASID_BASE]="--asid-base 65534" [ASID_STEP]="--asid-step 2" [PA_BASE]="--pa-base 0x10000"
    [PTE_NOISE]="--pte-noise" [AD]="--ad fault" [PMEM]="--pmem 0x1000000" [SUM]="--sum" [MXR]="--mxr" [THP]="--thp")
for k in $knobs; do
    if [ -z "${want[$k]:-}" ]; then
        fail "make ref $k=...: reaches vmref" "t_build.sh does not know knob $k: add it to val and want"
        continue
    fi
    mk ref "$k=${val[$k]}" Q=1 >/dev/null 2>"$TMP/one.err"
    if grep -q -- "^build/vmref .*${want[$k]}\( \|$\)" "$TMP/one.err"; then
        pass "make ref $k=${val[$k]}: vmref gets ${want[$k]}"
    else
        fail "make ref $k=${val[$k]}: vmref gets ${want[$k]}" "$(head -1 "$TMP/one.err")"
    fi
done

# The run-length knobs do what the options say (once vmref has them).
if "$VMREF" --help 2>/dev/null | grep -q -- '--max'; then
    mk ref MAX=100 Q=1 >"$TMP/max.out" 2>"$TMP/max.err"
    expect_eq "make ref MAX=100: 100 accesses counted" 100 "$(stat_of "$TMP/max.out" 'Number of Translated Addresses')" \
        "$(tail -1 "$TMP/max.err")"
else
    skip "make ref MAX=100" "vmref has no --max yet"
fi

# make sim and make ref with the same knobs print the same (default RTL build).
same_knobs=(TRACE="$TMP/multi.txt" FRAMES=9 POLICY=lru TLB_POLICY=fifo MEM_LATENCY=3 NO_ASID=1
    MAPS="0=$TMP/p0.maps" FORMAT=ext)
mk ref "${same_knobs[@]}" >"$TMP/twin-ref.out" 2>"$TMP/twin-ref.err"
rc_ref=$?
mk sim "${same_knobs[@]}" >"$TMP/twin-sim.out" 2>"$TMP/twin-sim.err"
rc_sim=$?
if [ $rc_ref -eq 0 ] && [ $rc_sim -eq 0 ] && cmp -s "$TMP/twin-ref.out" "$TMP/twin-sim.out" &&
    [ "$(grep -m1 '^build/' "$TMP/twin-ref.err" | cut -d' ' -f2-)" = "$(grep -m1 '^build/' "$TMP/twin-sim.err" | cut -d' ' -f2-)" ]; then
    pass "make sim and make ref: same knobs, same command-line options, same stdout"
else
    fail "make sim and make ref: same knobs, same command-line options, same stdout" \
        "exit $rc_ref/$rc_sim: $(grep -m1 '^build/' "$TMP/twin-ref.err") | $(grep -m1 '^build/' "$TMP/twin-sim.err")"
fi

# -- 3. make help: every target and knob -----------------------------------------------
make --no-print-directory help >"$TMP/help.txt" 2>&1
expect_eq "make help: exit 0" 0 "$?"
# Targets a user is not meant to call (make's plumbing, the tests' own).
internal=" sim-build ref-build cosim-builds rtl-lib rtl-smoke test-programs tracegen default-inputs test-tracegen fuzz-build fuzz-standalone FORCE plots-force formal-tools cov-programs "
missing=""
for t in $(make -pnq help 2>/dev/null | sed -n 's/^\.PHONY: //p'); do
    case $t in cosim-build-*) continue ;; esac
    [[ $internal == *" $t "* ]] && continue
    if [ "$t" = all ]; then grep -q '^  make  ' "$TMP/help.txt" || missing="$missing all"; continue; fi
    grep -q "^  make $t\( \|$\)" "$TMP/help.txt" || missing="$missing $t"
done
expect_eq "make help lists every phony target (but plumbing)" "" "$missing"
missing=""
for k in $(make --no-print-directory --eval='print-knobs: ; @echo $(SIM_KNOBS) V' print-knobs); do
    grep -q "^  $k=" "$TMP/help.txt" || missing="$missing $k"
done
expect_eq "make help lists every knob of make sim and make ref" "" "$missing"
dups=$(grep '^  make' "$TMP/help.txt" | awk '{print $2}' | sort | uniq -d | tr '\n' ' ')
expect_eq "make help names each target once" "" "$dups"

# -- 4. in a copy: a rejected RTL is never built; the build's output ------------------
if ! git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
    skip "the build in a copy" "not a git repository: which files are the project's is unknown"
    summary
fi
COPY=$TMP/copy
mkdir -p "$COPY"
# The files git knows (tracked or new), with their times, and this tree's C objects,
# so only the RTL is built here.
git ls-files -z --cached --others --exclude-standard | tar -C "$ROOT" --null -T - -cf - |
    tar -C "$COPY" -xf -
mkdir -p "$COPY/build"
cp -a build/obj build/tracegen build/traces "$COPY/build/" 2>/dev/null
cmk() { make -C "$COPY" -s --no-print-directory "$@"; }

# A lint warning (-Wall: a signal never read) in the MMU's top.
last=$(grep -n '^endmodule' "$COPY/rtl/mmu.sv" | tail -1 | cut -d: -f1)
awk -v n="$last" 'NR == n { print "  logic t_build_probe; assign t_build_probe = 1'"'"'b1;" } { print }' \
    "$COPY/rtl/mmu.sv" >"$TMP/mmu.sv" && cat "$TMP/mmu.sv" >"$COPY/rtl/mmu.sv"
for run in 1 2; do
    cmk sim >"$TMP/lint$run.out" 2>"$TMP/lint$run.err"
    rc=$?
    if [ $rc -ne 0 ] && grep -q '%Warning-UNUSEDSIGNAL' "$TMP/lint$run.err" &&
        ! grep -q 'mismatches' "$TMP/lint$run.err" && [ ! -e "$COPY/build/osc-1x16/verilated/Vsim_top.mk" ]; then
        pass "RTL with a lint warning: make sim run $run fails on the warning, nothing kept"
    else
        fail "RTL with a lint warning: make sim run $run fails on the warning, nothing kept" \
            "exit $rc: $(grep -m2 -E 'Warning|mismatches|Error' "$TMP/lint$run.err" | tr '\n' '|')"
    fi
done
cp rtl/mmu.sv "$COPY/rtl/mmu.sv"

for run in 1 2; do
    cmk sim TLB_SETS=5 >"$TMP/sets$run.out" 2>"$TMP/sets$run.err"
    rc=$?
    if [ $rc -ne 0 ] && [ "$(wc -l <"$TMP/sets$run.err")" -le 2 ] && grep -q 'TLB_SETS=5: must be a power of two' "$TMP/sets$run.err" &&
        [ ! -e "$COPY/build/osc-5x16/verilated/Vsim_top.mk" ] && [ ! -e "$COPY/build/osc-5x16/vmsim" ]; then
        pass "make sim TLB_SETS=5, run $run: one line, nothing built"
    else
        fail "make sim TLB_SETS=5, run $run: one line, nothing built" "exit $rc: $(head -c 300 "$TMP/sets$run.err" | tr '\n' '|')"
    fi
    # The same for a build asked for by name (cosim-builds, mutants and the tests do).
    cmk build/osc-5x16/vmsim CONFIG=osc TLB_SETS=5 TLB_WAYS=16 >/dev/null 2>"$TMP/setsb$run.err"
    rc=$?
    if [ $rc -ne 0 ] && grep -q 'TLB_SETS=5: must be a power of two' "$TMP/setsb$run.err" &&
        [ ! -e "$COPY/build/osc-5x16/vmsim" ]; then
        pass "make build/osc-5x16/vmsim, run $run: refused, nothing built"
    else
        fail "make build/osc-5x16/vmsim, run $run: refused, nothing built" "exit $rc: $(head -c 300 "$TMP/setsb$run.err" | tr '\n' '|')"
    fi
done

# The good RTL, cold (and without -s): a short line a step, nothing else; then
# build/vmsim and build/vmref are there.
make -C "$COPY" --no-print-directory sim Q=1 >"$TMP/cold.out" 2>"$TMP/cold.err"
rc=$?
expect_eq "make sim (cold build of the good RTL): exit 0" 0 "$rc" "$(tail -2 "$TMP/cold.err" | tr '\n' '|')"
other=$(grep -v -E '^(cc|ld|gen) [^ ]+( \(asan\))?$|^==== rtl: |^build/osc-1x16/vmsim |^vmsim: ' "$TMP/cold.err" | head -3 | tr '\n' '|')
expect_eq "make sim (cold): stderr is step lines and vmsim's own, nothing else" "" "$other"
expect_true "make sim (cold): the Verilator stages say one line each" \
    "$(grep -c '^==== rtl: ' "$TMP/cold.err") stage lines" \
    test "$(grep -c '^==== rtl: ' "$TMP/cold.err")" -eq 3
expect_true "make sim: leaves build/vmsim and build/vmref" "missing: $(cd "$COPY" && ls build/vmsim build/vmref 2>&1 | grep -v '^build' | tr '\n' ' ')" \
    test -x "$COPY/build/vmsim" -a -x "$COPY/build/vmref"
make -C "$COPY" --no-print-directory sim Q=1 >"$TMP/warm.out" 2>"$TMP/warm.err"
other=$(grep -v -E '^build/osc-1x16/vmsim |^vmsim: ' "$TMP/warm.err" | head -3 | tr '\n' '|')
expect_eq "make sim (warm): no build lines, no make chatter" "" "$other"
expect_same_file "make sim (warm): the same statistics" "$TMP/cold.out" "$TMP/warm.out"

# V=1 shows the commands instead of the step lines.
touch "$COPY/model/preset.c"
make -C "$COPY" --no-print-directory V=1 build/vmref >"$TMP/v1.out" 2>&1
if grep -q -- '-c -o build/obj/model/preset.o model/preset.c' "$TMP/v1.out" && ! grep -q '^cc model/preset.c$' "$TMP/v1.out"; then
    pass "V=1: the full compiler command, not the step line"
else
    fail "V=1: the full compiler command, not the step line" "$(head -3 "$TMP/v1.out" | tr '\n' '|')"
fi

summary

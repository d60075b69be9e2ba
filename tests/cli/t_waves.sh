#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Waveforms (docs/waves.md): make sim WAVES=1 on the textbook writes an FST holding the
# signals waves/mmu.gtkw shows and a miss index with one row per TLB miss; a windowed
# dump is smaller and holds exactly the misses of its window; GTKWave shows the
# enumerations by name; make waves MISS=3 HEADLESS=1 renders a PNG; the view of a miss
# after a run of hits shows them one a clock, its stream rows first (tests/cli/waves_stream.py).
source "$(dirname "$0")/../lib.sh"

GTKW=${GTKW:-$ROOT/waves/mmu.gtkw}      # the save file under test
FROM=${FROM:-100} TO=${TO:-200}        # the window of the windowed dump

need_bin "vmsim built" "$ROOT/build/vmsim" || { summary; exit; }
if ! need_osc; then
    skip "waves" "../shared/osc (the textbook's inputs) is missing"
    summary
    exit
fi

# fst2vcd (GTKWave's) reads the dumps back; install it if it is missing.
if ! command -v fst2vcd >/dev/null; then
    bash tools/deps.sh waves >"$TMP/deps.log" 2>&1
fi
have_fst2vcd=1
command -v fst2vcd >/dev/null || have_fst2vcd=""

# dump_check VCD CSV: for every row of the miss index, the request in the dump at its
# time_ns (the access's first cycle) is that row's access: req_valid_i = 1 and
# req_vaddr_i, satp_asid (satp's ASID) as the row says; and the time lies in the dump's range.
# Prints "rows first_ps last_ps" or, on the first bad row, "BAD what" and fails.
dump_check() {
    python3 tests/cli/waves_dump.py "$1" "$2"
}

# -- the full dump --------------------------------------------------------------------
full=$TMP/full.fst
make -s --no-print-directory sim TRACE="$OSC/addresses.txt" WAVES=1 WAVES_FILE="$full" \
    >"$TMP/full.out" 2>"$TMP/full.err"
rc=$?
expect_eq "make sim WAVES=1: exit 0" 0 "$rc"
expect_same_file "make sim WAVES=1: stdout still byte-identical to correct.txt" "$OSC/correct.txt" "$TMP/full.out"
expect_true "make sim WAVES=1: writes the FST and its miss index" \
    "no non-empty $full and $full.misses.csv" test -s "$full" -a -s "$full.misses.csv"

header=$(head -1 "$full.misses.csv" 2>/dev/null | tr -d '\r')
expect_eq "miss index: header" "miss,access,line,time_ns,vaddr,vpn,asid,walk_cycles,page_fault,victim_frame,kind,tlb" "$header"
rows=$(($(wc -l <"$full.misses.csv" 2>/dev/null || echo 1) - 1))
hits=$(stat_of "$TMP/full.out" 'TLB Hits')
expect_eq "miss index: one row per TLB miss (1000 - 54 hits)" 946 "$rows"
expect_eq "miss index: rows = accesses - TLB Hits of the same run" "$((1000 - ${hits:-0}))" "$rows"
expect_eq "miss index: misses numbered 1..N in order" "$(seq 1 "$rows" | tr '\n' ' ')" \
    "$(tail -n +2 "$full.misses.csv" | cut -d, -f1 | tr '\n' ' ')"

if [ -n "$have_fst2vcd" ]; then
    fst2vcd "$full" >"$TMP/full.vcd" 2>/dev/null
    # Every signal the save file shows is in the dump, under the same name and width.
    sed -n '/\$enddefinitions/q; p' "$TMP/full.vcd" | awk '
        $1 == "$scope" { s[++d] = $3 } $1 == "$upscope" { d-- }
        $1 == "$var" { n = s[1]; for (i = 2; i <= d; i++) n = n "." s[i]; r = ($6 == "$end") ? "" : $6
                       if (r ~ /^\[[0-9]+:[0-9]+\]$/) { split(substr(r, 2, length(r) - 2), b, ":"); if (b[1] == b[2]) r = "[" b[1] "]" }
                       print n "." $5 r }' | sort -u >"$TMP/names"
    # (the ITLB's rows only in a split build's dump: checked on one below)
    grep '^TOP\.' "$GTKW" | grep -v '\.g_itlb\.' | sort -u >"$TMP/shown"
    missing=$(comm -23 "$TMP/shown" "$TMP/names" | tr '\n' ' ')
    if [ -s "$TMP/shown" ] && [ -z "$missing" ]; then
        pass "FST holds every signal of waves/mmu.gtkw ($(wc -l <"$TMP/shown") signals)"
    else
        fail "FST holds every signal of waves/mmu.gtkw" "not in the dump: ${missing:-the save file names no signal}"
    fi
    out=$(dump_check "$TMP/full.vcd" "$full.misses.csv")
    if [ $? -eq 0 ]; then
        pass "full dump: each of the $rows misses is its access's request at its time_ns"
        full_range=${out#* }
    else
        fail "full dump: each miss is its access's request at its time_ns" "$out"
        full_range=""
    fi
else
    skip "FST contents (full dump)" "fst2vcd is not installed and could not be (bash tools/deps.sh waves: $(tail -1 "$TMP/deps.log" 2>/dev/null))"
fi

# -- the windowed dump -------------------------------------------------------------------
win=$TMP/win.fst
make -s --no-print-directory sim TRACE="$OSC/addresses.txt" WAVES=1 WAVES_FROM=$FROM WAVES_TO=$TO \
    WAVES_FILE="$win" >/dev/null 2>"$TMP/win.err"
expect_eq "make sim WAVES_FROM=$FROM WAVES_TO=$TO: exit 0" 0 "$?"
full_bytes=$(stat -c %s "$full" 2>/dev/null || echo 0)
win_bytes=$(stat -c %s "$win" 2>/dev/null || echo 0)
if [ "$win_bytes" -gt 0 ] && [ "$win_bytes" -lt "$full_bytes" ]; then
    pass "windowed dump is smaller than the full one ($win_bytes < $full_bytes bytes)"
else
    fail "windowed dump is smaller than the full one" "$win_bytes bytes, full $full_bytes"
fi
# Its index: the full run's misses with access numbers in the window, row for row
# (the miss number aside), then the numbers too: miss K is the same miss in both.
awk -F, -v a=$FROM -v b=$TO 'NR > 1 && $2 >= a && $2 <= b' "$full.misses.csv" >"$TMP/want.csv"
tail -n +2 "$win.misses.csv" >"$TMP/got.csv" 2>/dev/null
expect_true "windowed index: exactly the full run's misses of accesses $FROM..$TO ($(wc -l <"$TMP/want.csv") rows)" \
    "rows differ: $(diff <(cut -d, -f2- "$TMP/want.csv") <(cut -d, -f2- "$TMP/got.csv") | head -3 | tr '\n' '|')" \
    cmp -s <(cut -d, -f2- "$TMP/want.csv") <(cut -d, -f2- "$TMP/got.csv")
want_n=$(cut -d, -f1 "$TMP/want.csv" | tr '\n' ' ')
got_n=$(cut -d, -f1 "$TMP/got.csv" | tr '\n' ' ')
if [ -n "$want_n" ] && [ "$want_n" = "$got_n" ]; then
    pass "windowed index: misses keep the full run's numbers (${want_n%% *}..)"
else
    fail "windowed index: misses keep the full run's numbers" \
        "the full run numbers them $(echo $want_n | cut -d' ' -f1-4) ..., the window $(echo $got_n | cut -d' ' -f1-4) ..."
fi
if [ -n "$have_fst2vcd" ]; then
    fst2vcd "$win" >"$TMP/win.vcd" 2>/dev/null
    out=$(dump_check "$TMP/win.vcd" "$win.misses.csv")
    if [ $? -eq 0 ]; then
        read -r n first last <<<"$out"
        pass "windowed dump: its $n misses are in it, at their times ($first..$last ps)"
        read -r ffirst flast <<<"$full_range"
        if [ -n "$ffirst" ] && [ "$first" -gt "$ffirst" ] && [ "$last" -lt "$flast" ]; then
            pass "windowed dump: its time range lies strictly inside the full dump's"
        else
            fail "windowed dump: its time range lies strictly inside the full dump's" \
                "window $first..$last ps, full ${ffirst:-?}..${flast:-?} ps"
        fi
    else
        fail "windowed dump: its misses are in it, at their times" "$out"
    fi
else
    skip "FST contents (windowed dump)" "fst2vcd is not installed"
fi

# -- GTKWave: names, and the PNG of make waves -------------------------------------------
if ! command -v gtkwave >/dev/null || ! command -v xvfb-run >/dev/null || ! command -v import >/dev/null; then
    bash tools/deps.sh waves >"$TMP/deps2.log" 2>&1
fi
if command -v gtkwave >/dev/null && command -v xvfb-run >/dev/null && command -v import >/dev/null; then
    # Miss 3 of the textbook is a page fault: LOOKUP, READ_PTE, WAIT_RVALID, FAULT (the
    # OS services it), then the retry. GTKWave, opened on the save file from another
    # directory, must show the values by name (FST enums and the filter files).
    IFS=, read -r _ _ _ t3 va3 _ _ _ pf3 _ < <(awk -F, '$1 == 3' "$full.misses.csv")
    if [ "${pf3:-}" = yes ]; then
        cat >"$TMP/q.tcl" <<EOF
set f [open {$TMP/q.txt} w]
foreach {ns sig} {
    $((t3 + 10)) TOP.sim_top.u_mmu.u_ptw.state_q[2:0]
    $((t3 + 20)) TOP.sim_top.u_mmu.u_ptw.state_q[2:0]
    $((t3 + 30)) TOP.sim_top.u_mmu.u_ptw.state_q[2:0]
    $((t3 + 40)) TOP.sim_top.rsp_fault_o[1:0]
    $((t3 + 55)) TOP.sim_top.os_event[2:0]
    $t3 TOP.sim_top.req_kind_i[1:0]
    $t3 TOP.sim_top.req_vaddr_i[15:0]
} {
    gtkwave::setMarker [expr {\$ns * 1000}]
    puts \$f "\$ns [gtkwave::getTraceValueAtMarkerFromName \$sig]"
}
close \$f
gtkwave::/File/Quit
EOF
        (cd "$TMP" && timeout 60 xvfb-run -a -n $((100 + RANDOM % 800)) gtkwave -S "$TMP/q.tcl" "$full" "$GTKW" >"$TMP/q.log" 2>&1)
        got=$(cut -d' ' -f2 "$TMP/q.txt" 2>/dev/null | tr '\n' ' ')
        want="ST_LOOKUP ST_READ_PTE ST_WAIT_RVALID PAGE_FAULT OS_PAGE_FAULT READ $(printf '%04X' "$va3") "
        expect_eq "GTKWave + mmu.gtkw: states, fault, OS event and kind shown by name (miss 3)" "$want" "$got"
    else
        fail "GTKWave + mmu.gtkw: names (miss 3)" "miss 3 of the textbook should be a page fault, index says '${pf3:-no row}'"
    fi

    rm -f "$TMP/full-miss3.png"
    make -s --no-print-directory waves MISS=3 HEADLESS=1 TRACE="$OSC/addresses.txt" WAVES_FILE="$full" \
        >"$TMP/waves.out" 2>"$TMP/waves.err"
    rc=$?
    if [ $rc -eq 0 ] && [ -s "$TMP/full-miss3.png" ] &&
        [ "$(head -c 8 "$TMP/full-miss3.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
        pass "make waves MISS=3 HEADLESS=1: writes a PNG ($(stat -c %s "$TMP/full-miss3.png") bytes)"
    else
        fail "make waves MISS=3 HEADLESS=1: writes a PNG" "exit $rc: $(tail -3 "$TMP/waves.err" | tr '\n' '|')"
    fi
    # A hit a clock (docs/contract.md, "Timing"): on a trace of one page read nine
    # times then a new page, the view of that second miss shows the eight hits before
    # it streaming, one request accepted and one answer a clock, then the miss's walk.
    # The oracle is the trace: accesses repeating the previous one's page are hits.
    printf '%s\n' 4624 4641 4658 4675 4692 4709 4726 4743 4760 13398 4777 13495 >"$TMP/stream.txt"
    make -s --no-print-directory sim TRACE="$TMP/stream.txt" WAVES=1 WAVES_FILE="$TMP/stream.fst" \
        >/dev/null 2>"$TMP/stream-sim.err" &&
    make -s --no-print-directory waves MISS=2 HEADLESS=1 TRACE="$TMP/stream.txt" WAVES_FILE="$TMP/stream.fst" \
        >/dev/null 2>"$TMP/stream.err"
    rc=$?
    python3 tests/cli/waves_stream.py "$TMP/stream-miss2.values" "$TMP/stream.txt" 8 >"$TMP/stream.chk" 2>&1
    read -r nhits ncyc <"$TMP/stream.chk"
    if [ $rc -eq 0 ] && [ "${nhits:-0}" = 8 ] && [ "${ncyc:-0}" = 8 ] && ! grep -q '^BAD' "$TMP/stream.chk"; then
        pass "make waves on a miss after 8 hits: the view shows them one a clock (request, accepted VA, answer, hit, paddr offset), then the walk"
    else
        fail "make waves on a miss after 8 hits: the view shows them one a clock" \
            "exit $rc, ${nhits:-?} hits, ${ncyc:-?} cycles checked; $(grep -h '^BAD\|rror' "$TMP/stream.chk" "$TMP/stream.err" | head -4 | cut -c1-150 | tr '\n' '|')"
    fi
    # The stream reads first: the request handshake, the accepted access, the answer,
    # the walker's state, in that order at the top of the view.
    want="clk_i os_access req_valid_i req_ready_o tlb_cmp_en req_vaddr_i req_kind_i satp_asid vaddr_q kind_q rsp_valid_o rsp_hit_o rsp_paddr_o rsp_fault_o state_q lookup_hit lookup_miss"
    got=$(grep -v '^#' "$TMP/stream-miss2.values" 2>/dev/null | head -17 | awk '{ n = $1; sub(/.*\./, "", n); sub(/\[.*/, "", n); print n }' | tr '\n' ' ')
    expect_eq "waves/mmu.gtkw: the stream's rows first, in reading order" "$want" "${got% }"
    # The split I/D TLB's rows have their place, marked, before the (D)TLB's.
    expect_true "waves/mmu.gtkw: the which-TLB group (split I/D), before the TLB lookup group" \
        "groups: $(grep '^-' "$GTKW" | sort -u | tr '\n' '|')" \
        awk '/^-Which TLB/ { i = NR } /^-TLB lookup/ && !t { t = NR } END { exit !(i && t && i < t) }' "$GTKW"

    make -s --no-print-directory waves MISS=$((rows + 1)) HEADLESS=1 TRACE="$OSC/addresses.txt" \
        WAVES_FILE="$full" >/dev/null 2>"$TMP/waves2.err"
    rc=$?
    if [ $rc -ne 0 ] && grep -q "miss $((rows + 1)) is not in" "$TMP/waves2.err"; then
        pass "make waves MISS=$((rows + 1)): refused, naming the misses the index has"
    else
        fail "make waves MISS=$((rows + 1)): refused" "exit $rc: $(tail -2 "$TMP/waves2.err" | tr '\n' '|')"
    fi
else
    skip "GTKWave views and make waves HEADLESS=1" \
        "gtkwave, xvfb-run or import missing and not installable (bash tools/deps.sh waves: $(tail -1 "$TMP/deps2.log" 2>/dev/null))"
fi


# -- which TLB missed: a split build (osc-1x8-i1x4, make test's co-simulation build) --
# A fetch and a load to two pages, alternating: miss 1 is the fetch's (the ITLB's),
# miss 2 the load's (the DTLB's), every later access a hit. The index names the TLB, the
# dump holds the view's ITLB rows, and the view of miss 1 shows the ITLB filled.
if [ -x build/osc-1x8-i1x4/vmsim ] && [ -n "$have_fst2vcd" ]; then
    for i in 1 2 3 4; do printf '0 X 0x0100\n0 R 0x0234\n'; done >"$TMP/split.txt"
    make -s --no-print-directory sim TRACE="$TMP/split.txt" TLB_WAYS=8 ITLB_WAYS=4 WAVES=1 \
        WAVES_FILE="$TMP/split.fst" >/dev/null 2>"$TMP/split-sim.err"
    expect_eq "split build: the miss index names the TLB that missed" "1,X,itlb 2,R,dtlb" \
        "$(tail -n +2 "$TMP/split.fst.misses.csv" 2>/dev/null | awk -F, '{ printf "%s%s,%s,%s", (NR > 1 ? " " : ""), $1, $11, $12 }')"
    fst2vcd "$TMP/split.fst" 2>/dev/null | sed -n '/\$enddefinitions/q; p' | awk '
        $1 == "$scope" { s[++d] = $3 } $1 == "$upscope" { d-- }
        $1 == "$var" { n = s[1]; for (i = 2; i <= d; i++) n = n "." s[i]; r = ($6 == "$end") ? "" : $6
                       if (r ~ /^\[[0-9]+:[0-9]+\]$/) { split(substr(r, 2, length(r) - 2), b, ":"); if (b[1] == b[2]) r = "[" b[1] "]" }
                       print n "." $5 r }' | sort -u >"$TMP/split-names"
    # by name: this build's TLBs are narrower than the view's default widths
    missing=$(grep '^TOP\.' "$GTKW" | sed 's/\[.*//' | sort -u | comm -23 - <(sed 's/\[.*//' "$TMP/split-names" | sort -u) | tr '\n' ' ')
    expect_eq "split build: its FST holds every signal of waves/mmu.gtkw, the ITLB's too" "" "$missing"
    make -s --no-print-directory waves MISS=1 HEADLESS=1 TRACE="$TMP/split.txt" TLB_WAYS=8 ITLB_WAYS=4 \
        WAVES_FILE="$TMP/split.fst" >/dev/null 2>"$TMP/split-waves.err"
    v=$TMP/split-miss1.values
    # the ITLB's fill goes high once in the view, while the access is a fetch (tlb_exec)
    expect_true "split build: the view of miss 1 shows the fetch's walk fill the ITLB" \
        "$(grep -E 'tlb_exec|upd_fill_i|d_mine' "$v" 2>/dev/null | cut -c1-160 | tr '\n' '|') $(tail -2 "$TMP/split-waves.err" | tr '\n' '|')" \
        bash -c 'grep -q "u_itlb.upd_fill_i .*=1" "$1" && grep -q "u_mmu.tlb_exec .*=1" "$1"' _ "$v"
else
    skip "which TLB missed (split build)" "build/osc-1x8-i1x4/vmsim is not built (make cosim-builds), or no fst2vcd"
fi


# -- a waveform's run and a plain one clock the same logic ------------------------------
# Without a waveform, rtl/sim/rtl_capi.cpp clocks the RTL through the nba region alone
# (EDGE_DIRECT); with one, through Verilator's whole eval (settle and edge). A run of
# three processes with stores, evictions and write-backs answers every access, and
# counts everything, the same either way, and both agree with the model.
if [ -x "$ROOT/build/tracegen" ]; then
    "$ROOT/build/tracegen" --mode multi --procs 3 --writes 0.3 --seed 5 --count 3000 -o "$TMP/edge.txt"
    "$ROOT/build/vmsim" -f "$TMP/edge.txt" -b "$OSC/BACKING_STORE.bin" -n 8 --stats "$TMP/edge-plain.json" \
        >"$TMP/edge-plain.out" 2>"$TMP/edge-plain.err"
    rc_plain=$?
    "$ROOT/build/vmsim" -f "$TMP/edge.txt" -b "$OSC/BACKING_STORE.bin" -n 8 --stats "$TMP/edge-waves.json" \
        --waves "$TMP/edge.fst" >"$TMP/edge-waves.out" 2>"$TMP/edge-waves.err"
    rc_waves=$?
    expect_eq "direct edge and whole eval: both runs exit 0 (0 mismatches)" "0 0" "$rc_plain $rc_waves"
    expect_same_file "direct edge and whole eval: the same answers, access by access" \
        "$TMP/edge-plain.out" "$TMP/edge-waves.out"
    # (every count, and the simulated cycles; the command and options differ by --waves)
    for k in plain waves; do
        python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
for k in ("command", "config"):
    d.pop(k, None)
print(json.dumps(d, indent=1, sort_keys=True))' "$TMP/edge-$k.json" >"$TMP/edge-$k.stats" 2>&1
    done
    expect_same_file "direct edge and whole eval: the same statistics (--stats, its command and options aside)" \
        "$TMP/edge-plain.stats" "$TMP/edge-waves.stats"
    evictions=$(sed -n 's/^ *"evictions": \([0-9]*\).*/\1/p' "$TMP/edge-plain.json" | head -1)
    expect_true "direct edge and whole eval: the run evicts (so it compares more than hits)" \
        "evictions: ${evictions:-none}" test "${evictions:-0}" -gt 0
else
    skip "direct edge and whole eval" "build/tracegen is not built"
fi

summary

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cli/t_thp.sh -- huge pages from the OS (--thp, harness/os/os_thp.c, docs/thp.md).
# Small traces whose every line and count is worked out by hand here, from the rules of
# docs/thp.md, not from the code: where a megapage goes (an aligned run of 512 free
# frames: with --pa-base 0, frames 0-511 hold physical 0-2 MiB, so a megapage in run k
# translates va to k * 2 MiB + (va mod 2 MiB)), when a fault gets 4 KiB pages instead
# (a file-backed range, a range across a region's edge, no whole aligned run free),
# eviction of a megapage as a unit under fifo, lru, clock and opt, and its data through
# swap.  The values read are the backing store's bytes, computed here from the pattern
# this test writes.  vmsim (the RTL) runs the same traces on an sv39 and an sv48 build
# when they are built: 0 mismatches, the same lines and counts as vmref.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

need_bin vmref "$VMREF" || { summary; exit; }
cd "$TMP" || exit 1

# The backing store: 16 MiB whose byte at x is a hash of x, so that a value read
# names the page and offset it came from.
python3 - <<'PY'
with open("back.bin", "wb") as f:
    f.write(bytes(((x * 2654435761) >> 13) & 0xff for x in range(16 << 20)))
PY

# expect NAME TRACE OUT: OUT must be the lines `want.py` writes for TRACE's accesses,
# given as "kind va pa value" (value: a number, or B for the backing store's byte at va).
want() {
    python3 - "$1" <<'PY'
import sys
data = open("back.bin", "rb").read()
for line in open(sys.argv[1]):
    k, va, pa, v = line.split()
    va, pa = int(va, 0), int(pa, 0)
    v = data[va] if v == "B" else int(v, 0)
    v = v - 256 if v > 127 else v
    print(f"pid 0 {k} Virtual address: {va} Physical address: {pa} Value: {v}")
PY
}

# The trace of an expectation file: "kind va [value]" for each line.
trace_of() {
    awk '{ printf "0 %s %s%s\n", $1, $2, ($1 == "W" ? " " $4 : "") }' "$1"
}

# stats FILE KEY...: the values of KEYs in a --stats JSON, blank-separated.
stats() {
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(str(d.get(k)) for k in sys.argv[2:]))' "$@"
}
KEYS="page_faults tlb_hits walks evictions write_backs page_faults_4k page_faults_huge walks_4k walks_huge tlb_hits_4k tlb_hits_huge huge_evictions"

# run NAME EXPECT COUNTS OPTIONS...: vmref on EXPECT's trace prints EXPECT's lines, and
# its --stats has COUNTS for $KEYS.
run() {
    local name=$1 exp=$2 counts=$3
    shift 3
    trace_of "$exp" >"$name.txt"
    want "$exp" >"$name.want"
    "$VMREF" -f "$name.txt" -b back.bin --stats "$name.json" "$@" >"$name.out" 2>"$name.err"
    local rc=$?
    if [ $rc -ne 0 ]; then
        fail "$name: vmref runs" "exit $rc: $(head -2 "$name.err" | tr '\n' '|')"
        return
    fi
    sed '/^Number of Translated/,$d' "$name.out" >"$name.lines"
    expect_same_file "$name: every address, physical address and value as worked out by hand" "$name.want" "$name.lines"
    expect_eq "$name: counts ($KEYS)" "$counts" "$(stats "$name.json" $KEYS)"
}

# -- (a) one 2 MiB range, enough frames: one fault maps it whole ---------------------
# -n 512: frames 0-511, one aligned run.  Eight reads of six pages of the range
# 0x200000-0x3fffff: the first faults (a walk that stops at the empty level-2 PTE, the
# megapage mapped, a walk that finds it at level 1), and the TLB's one superpage entry
# answers the seven others.  pa = va - 0x200000 (run 0), values the backing store's.
cat >a.exp <<'EOF'
R 0x200005 0x5 B
R 0x201005 0x1005 B
R 0x202abc 0x2abc B
R 0x264fff 0x64fff B
R 0x3ff000 0x1ff000 B
R 0x203010 0x3010 B
R 0x200005 0x5 B
R 0x3ff000 0x1ff000 B
EOF
run a a.exp "1 7 2 0 0 0 1 0 1 0 7 0" --config sv39 -n 512 --thp
if grep -q '^vmref: by page size (--thp, 2 MiB megapages): page faults 4 KiB 0, huge 1; walks 4 KiB 0, huge 1; TLB hits 4 KiB 0, huge 7; huge evictions 0$' a.err; then
    pass "a: the stderr line by page size"
else
    fail "a: the stderr line by page size" "$(grep 'by page size' a.err)"
fi
# Sv32: a megapage is 4 MiB, 1024 frames; the trace's range 0-0x3fffff maps to frames
# 0-1023 (pa = va).  With one frame fewer there is no run: six 4 KiB faults.
sed 's/^\(. \(0x[0-9a-f]*\)\) 0x[0-9a-f]*/\1 \2/' a.exp >a32.exp
run a32 a32.exp "1 7 2 0 0 0 1 0 1 0 7 0" --config sv32 -n 1024 --thp
if grep -q 'by page size (--thp, 4 MiB megapages)' a32.err; then pass "a32: 4 MiB megapages said"; else fail "a32: 4 MiB megapages said" "$(grep 'by page size' a32.err)"; fi
"$VMREF" -f a.txt -b back.bin --config sv32 -n 1023 --thp --stats a32n.json >/dev/null 2>&1
expect_eq "a32: -n 1023, no whole run: 6 faults of 4 KiB" "6 6 0" "$(stats a32n.json page_faults page_faults_4k page_faults_huge)"
# The same trace without --thp: six 4 KiB faults, frames 0-5 in order of first use.
cat >a4.exp <<'EOF'
R 0x200005 0x5 B
R 0x201005 0x1005 B
R 0x202abc 0x2abc B
R 0x264fff 0x3fff B
R 0x3ff000 0x4000 B
R 0x203010 0x5010 B
R 0x200005 0x5 B
R 0x3ff000 0x4000 B
EOF
trace_of a4.exp >a4.txt
want a4.exp >a4.want
"$VMREF" -f a4.txt -b back.bin --config sv39 -n 512 --stats a4.json >a4.out 2>a4.err
sed '/^Number of Translated/,$d' a4.out >a4.lines
expect_same_file "a: without --thp, 4 KiB pages as before" a4.want a4.lines
expect_eq "a: without --thp, no line and no key by page size" "0 None" \
    "$(grep -c 'by page size' a4.err) $(stats a4.json page_faults_huge)"

# -- (b) maps: only a whole anonymous range gets a megapage -------------------------
# A [heap] region over 0x200000-0x3fffff (a megapage), a [heap] region 0x600000-0x6fffff
# that ends inside its 2 MiB range and a file-backed one over 0x400000-0x5fffff (4 KiB
# pages each, though runs 1 and 2 are free when the first faults).  -n 1536: the
# megapage takes run 0, the 4 KiB pages frames 512, 513, ... in order.  Anonymous pages
# read zeros, file-backed the store's bytes.
cat >b.maps <<'EOF'
00200000-00400000 rw-p 00000000 00:00 0 [heap]
00400000-00600000 rw-p 00000000 08:01 7 /bin/prog
00600000-00700000 rw-p 00000000 00:00 0 [heap]
EOF
cat >b.exp <<'EOF'
R 0x300007 0x100007 0
R 0x600001 0x200001 0
R 0x6ff002 0x201002 0
R 0x400007 0x202007 B
R 0x5ff123 0x203123 B
R 0x200008 0x8 0
EOF
run b b.exp "5 1 10 0 0 4 1 4 1 0 1 0" --config sv39 -n 1536 --thp --maps 0=b.maps

# -- (c) no whole aligned run free: 4 KiB pages -----------------------------------
# -n 511: no whole run.  The trace of (a): six 4 KiB faults, as without --thp.
run c1 a4.exp "6 2 12 0 0 6 0 6 0 2 0 0" --config sv39 -n 511 --thp
# --pa-base 0x1000 -n 1000: frame f is at physical (f + 1) pages, so the only aligned
# run would be frames 511-1022, beyond the 1000 frames: 4 KiB pages at pa + 0x1000.
while read -r k va pa v; do printf '%s %s 0x%x %s\n' "$k" "$va" $((pa + 4096)) "$v"; done <a4.exp >c2.exp
run c2 c2.exp "6 2 12 0 0 6 0 6 0 2 0 0" --config sv39 -n 1000 --pa-base 0x1000 --thp
# Fragmented: a file-backed page takes frame 0 first, so run 0 is not whole; the next
# anonymous range takes run 1 (frames 512-1023, physical 2 MiB up), and a third one,
# with no whole run left, 4 KiB pages from frame 1.
cat >c3.maps <<'EOF'
00200000-00400000 rw-p 00000000 00:00 0 [heap]
00400000-00600000 r--p 00000000 08:01 7 /bin/prog
00800000-00a00000 rw-p 00000000 00:00 0
EOF
cat >c3.exp <<'EOF'
R 0x400010 0x10 B
R 0x2abcde 0x2abcde 0
R 0x800123 0x1123 0
R 0x3fffff 0x3fffff 0
EOF
run c3 c3.exp "3 1 6 0 0 2 1 2 1 0 1 0" --config sv39 -n 1024 --thp --maps 0=c3.maps
# A range split into 4 KiB pages stays so, as a PMD that points to a PTE table does.
# --pa-base 0x1fe000 -n 515: frames 0 and 1 lie below the first aligned run (frames
# 2-513, physical 0x200000-0x3fffff), frame 514 above it.  A takes the run; A2 finds no
# run free and takes frames 0, 1, 514 as 4 KiB pages; its fourth page evicts A (fifo),
# which frees the run, but A2's level-1 PTE points to its table now: a 4 KiB page again,
# in the run's first frame.
cat >c4.exp <<'EOF'
R 0x200000 0x200000 B
R 0x800000 0x1fe000 B
R 0x801000 0x1ff000 B
R 0x802000 0x400000 B
R 0x803000 0x200000 B
R 0x800000 0x1fe000 B
EOF
run c4 c4.exp "5 1 10 1 0 4 1 4 1 1 0 1" --config sv39 -n 515 --pa-base 0x1fe000 --thp

# -- (d, e) a megapage evicted as a unit, its data through swap, every policy -------
# -n 1024: two runs.  R1 = 0x200000.. (written at two pages: dirty), R2 = 0x400000..,
# R3 = 0x600000..; each faults in as a megapage.  Access 4 (R3) finds no frame free:
# every policy's victim is R1 (fifo: loaded first; lru: used longest ago; clock: the
# hand clears R1's and R2's A bits, passing their other frames, and comes back to R1;
# opt: R1's next use, access 6, is after R2's, access 5), evicted whole: 512 pages
# written back, run 0 freed, and R3 takes it.  Access 6 (R1 again) finds none free:
# fifo's victim is R2 (loaded before R3), lru's R3 (used before R2), clock's R2 (its A
# bit, set again by access 5's walk, cleared on the first pass; R3's cleared after),
# opt's R3 (neither used again: the lower frame); R1 comes back as a megapage in the
# freed run, with both written bytes, and the page never written with the store's.
# Hits: accesses 2, 5, 7 and 8 hit, but under clock access 5 walks (clearing R2's A
# bit dropped its TLB entry).  The SFENCE on each eviction drops the superpage: access
# 6 must walk, not hit R1's old entry.
d_exp() { # $1: R1's run when it comes back (0 or 1)
    local b=$(($1 * 0x200000))
    printf '%s\n' "W 0x200010 0x10 0x11" "W 0x3ffabc 0x1ffabc 0x22" "R 0x400020 0x200020 B" \
        "R 0x600030 0x30 B" "R 0x400021 0x200021 B" \
        "R 0x200010 $(printf 0x%x $((b + 0x10))) 0x11" "R 0x201005 $(printf 0x%x $((b + 0x1005))) B" \
        "R 0x3ffabc $(printf 0x%x $((b + 0x1ffabc))) 0x22"
}
d_exp 1 >d1.exp
d_exp 0 >d0.exp
# page_faults tlb_hits walks evictions write_backs, 4k/huge faults, walks, hits, huge evictions
run d-fifo d1.exp "4 4 8 2 512 0 4 0 4 0 4 2" --config sv39 -n 1024 --thp -p fifo
run d-lru d0.exp "4 4 8 2 512 0 4 0 4 0 4 2" --config sv39 -n 1024 --thp -p lru
run d-clock d1.exp "4 3 9 2 512 0 4 0 5 0 3 2" --config sv39 -n 1024 --thp -p clock
run d-opt d0.exp "4 4 8 2 512 0 4 0 4 0 4 2" --config sv39 -n 1024 --thp -p opt
# OPT foresees a megapage by its whole range: access 3 must evict R2, whose next use
# (access 5) is after R1's (access 4, another page of R1), though the page access 1
# read in R1 is never read again.  Access 5 then evicts R1 (neither R1 nor R3 is used
# again: the lower frame) and R2 comes back in run 0.
cat >d2.exp <<'EOF'
R 0x200000 0x0 B
R 0x400000 0x200000 B
R 0x600000 0x200000 B
R 0x201000 0x1000 B
R 0x400000 0x0 B
EOF
run d-opt-range d2.exp "4 1 8 2 0 0 4 0 4 0 1 2" --config sv39 -n 1024 --thp -p opt

# -- (f) a preset without superpages refuses --thp ----------------------------------
printf '0 R 0x10\n' >f.txt
"$VMREF" -f f.txt -b back.bin --thp --stats f.json >f.out 2>f.err
rc=$?
if [ $rc -eq 2 ] && [ "$(wc -l <f.err)" -eq 1 ] && grep -q '^vmref: --thp: .*osc.*one level' f.err && [ ! -e f.json ] && [ ! -s f.out ]; then
    pass "f: --thp with osc: one line naming the option and why, exit 2, no output written"
else
    fail "f: --thp with osc: one line naming the option and why, exit 2, no output written" "exit $rc: $(head -2 f.err | tr '\n' '|')"
fi

# -- (g) the RTL: vmsim on sv39 and sv48 builds, access by access ---------------------
for cfg in sv39-1x16 sv48-1x16; do
    sim=$ROOT/build/$cfg/vmsim
    if [ ! -x "$sim" ]; then
        skip "g: vmsim $cfg --thp" "build/$cfg/vmsim is not built (make cosim-builds)"
        continue
    fi
    p=${cfg%%-*}
    for c in "a -n 512" "b -n 1536 --maps 0=b.maps" "c3 -n 1024 --maps 0=c3.maps" "c4 -n 515 --pa-base 0x1fe000" "d-fifo -n 1024 -p fifo" \
        "d-lru -n 1024 -p lru" "d-clock -n 1024 -p clock"; do
        name=${c%% *}
        "$sim" -f "$name.txt" -b back.bin --config "$p" --thp ${c#* } --stats "$name-$p.sim.json" >"$name-$p.sim.out" 2>"$name-$p.sim.err"
        rc=$?
        "$VMREF" -f "$name.txt" -b back.bin --config "$p" --thp ${c#* } --stats "$name-$p.ref.json" >"$name-$p.ref.out" 2>/dev/null
        differ=$(python3 - "$name-$p.ref.json" "$name-$p.sim.json" 2>&1 <<'PY'
import json, sys
r, d = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
print(" ".join(k for k in r if k in d and k not in ("program", "version", "commit", "command", "config") and r[k] != d[k]))
PY
)
        if [ $rc -eq 0 ] && grep -q ' 0 mismatches' "$name-$p.sim.err" && cmp -s "$name-$p.ref.out" "$name-$p.sim.out" &&
            [ -z "$differ" ] && grep -q '"page_faults_huge": [1-9]' "$name-$p.sim.json"; then
            pass "g: vmsim $cfg --thp $name: 0 mismatches, vmref's lines and counts"
        else
            fail "g: vmsim $cfg --thp $name" "exit $rc, counts differ: '$differ'; $(tail -2 "$name-$p.sim.err" | tr '\n' '|')"
        fi
    done
done
# sv48 maps the trace of (a) with a megapage too: the same lines as sv39.
if [ -s a-sv48.ref.out ]; then
    expect_same_file "g: sv48 --thp: the lines of sv39's run" a.out a-sv48.ref.out
fi

summary

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cli/t_compressed.sh -- gzip, xz and zstd traces read directly (harness/trace/trace_source.c).
#
# The oracle is the plain trace: compressed by the gzip, xz and zstd commands, each
# trace must give vmref (and build/vmsim, when built) exactly the stdout its plain
# text gives, read from a file and from standard input, with -p opt too (vmref reads
# that trace twice), and the textbook's correct.txt for the textbook's trace.  The
# format is the magic number's, not the name's: text named .gz reads as text, gzip
# named .txt as gzip.  Concatenated streams read as their concatenation, as the
# tools' own -d does.  A truncated and a corrupted file each end the run with one
# line `FILE: truncated|corrupt <format> data ...`, exit 1 and no statistics.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
need_bin vmref "$VMREF" || summary
VMSIM=$(abs_path "${VMSIM:-build/vmsim}")

# The commands, as make test installs them (tools/deps.sh zip); a missing one skips its format.
fmts=()
for z in gzip xz zstd; do
    if command -v "$z" >/dev/null; then
        fmts+=("$z")
    else
        skip "$z" "the $z command is missing (bash tools/deps.sh zip)"
    fi
done
[ ${#fmts[@]} -gt 0 ] || summary
ext() { case $1 in gzip) echo gz ;; xz) echo xz ;; zstd) echo zst ;; esac; }
squeeze() { "$1" -q -c <"$2"; } # squeeze CMD FILE: FILE compressed on stdout

BS=$TMP/backing.bin
"$TRACEGEN" --backing "$BS" --size 65536 --seed 5 2>/dev/null || head -c 65536 /dev/urandom >"$BS"

# The traces: the textbook's (with its backing store), and generated ones bigger than
# the reader's 1 MiB block and the source's 128 KiB input buffer: the textbook format,
# and the extended one (processes, writes: the reader's general path).
names=() traces=() backs=()
if need_osc; then
    names+=(textbook) traces+=("$OSC/addresses.txt") backs+=("$OSC/BACKING_STORE.bin")
else
    skip textbook "textbook inputs not found in $OSC"
fi
"$TRACEGEN" --mode locality --seed 11 --count 300000 -o "$TMP/gen.txt"
"$TRACEGEN" --mode multi --procs 3 --writes 0.3 --seed 12 --count 60000 -o "$TMP/multi.txt"
names+=(generated multi) traces+=("$TMP/gen.txt" "$TMP/multi.txt") backs+=("$BS" "$BS")

have_vmsim=0
if [ -x "$VMSIM" ]; then
    have_vmsim=1
else
    skip vmsim "build/vmsim is not built (make build/vmsim): only vmref tested"
fi

# same NAME WANT_OUT CMD...: CMD must exit 0 with stdout byte-identical to WANT_OUT
# (and, for vmsim, report 0 mismatches).
same() {
    local name=$1 want=$2
    shift 2
    "$@" >"$TMP/got" 2>"$TMP/got.err"
    local rc=$?
    if [ $rc -ne 0 ]; then
        fail "$name" "exit $rc: $(grep -v ': trace ' "$TMP/got.err" | head -c 300 | tr '\n' '|')"
    elif grep -q 'mismatches' "$TMP/got.err" && ! grep -q ' 0 mismatches$' "$TMP/got.err"; then
        fail "$name" "$(grep mismatches "$TMP/got.err")"
    else
        expect_same_file "$name" "$want" "$TMP/got"
    fi
}
# same_stdin NAME WANT_OUT FILE CMD...: as same, with FILE on standard input, a pipe
# (not `cat | same`: a pipeline's subshell would lose the counts).
same_stdin() {
    local name=$1 want=$2 file=$3
    shift 3
    same "$name" "$want" "$@" < <(cat "$file")
}

for i in "${!names[@]}"; do
    n=${names[$i]} t=${traces[$i]} b=${backs[$i]}
    "$VMREF" -f "$t" -b "$b" >"$TMP/$n.want" 2>/dev/null
    "$VMREF" -f "$t" -b "$b" -n 32 -p opt >"$TMP/$n.opt.want" 2>/dev/null
    [ $have_vmsim = 1 ] && "$VMSIM" -f "$t" -b "$b" -n 32 -p lru >"$TMP/$n.sim.want" 2>/dev/null
    if [ "$n" = textbook ]; then
        expect_same_file "textbook plain = correct.txt" "$OSC/correct.txt" "$TMP/$n.want"
    fi
    for z in "${fmts[@]}"; do
        f=$TMP/$n.$(ext "$z")
        squeeze "$z" "$t" >"$f"
        if [ "$n" != textbook ]; then
            # A compressed trace is smaller than its text: else it is not what was made.
            expect_true "$n $z: is compressed" "$(stat -c %s "$f") bytes for $(stat -c %s "$t")" \
                [ "$(stat -c %s "$f")" -lt "$(($(stat -c %s "$t") / 2))" ]
        fi
        same "$n $z: vmref file" "$TMP/$n.want" "$VMREF" -f "$f" -b "$b"
        same_stdin "$n $z: vmref stdin" "$TMP/$n.want" "$f" "$VMREF" -f - -b "$b"
        same "$n $z: vmref -p opt" "$TMP/$n.opt.want" "$VMREF" -f "$f" -b "$b" -n 32 -p opt
        if [ $have_vmsim = 1 ]; then
            same "$n $z: vmsim file" "$TMP/$n.sim.want" "$VMSIM" -f "$f" -b "$b" -n 32 -p lru
            same_stdin "$n $z: vmsim stdin" "$TMP/$n.sim.want" "$f" "$VMSIM" -f - -b "$b" -n 32 -p lru
        fi
    done
done

# The extended format's privilege column (S-mode accesses: tracegen --smode) reads the
# same compressed: the kernel's accesses, with SUM, are as many and print the same.
"$TRACEGEN" --mode multi --procs 3 --writes 0.3 --smode 0.2 --seed 13 --count 60000 -o "$TMP/priv.txt"
"$VMREF" -f "$TMP/priv.txt" -b "$BS" --config sv39 --sum >"$TMP/priv.want" 2>/dev/null
expect_eq "priv: the plain trace's S-mode accesses all run" "$(grep -c ' S$' "$TMP/priv.txt")" \
    "$(grep -c '^pid [0-9]* [RW] S Virtual address: [0-9]* Physical' "$TMP/priv.want")"
for z in "${fmts[@]}"; do
    f=$TMP/priv.$(ext "$z")
    squeeze "$z" "$TMP/priv.txt" >"$f"
    same "priv $z: vmref file" "$TMP/priv.want" "$VMREF" -f "$f" -b "$BS" --config sv39 --sum
    same_stdin "priv $z: vmref stdin" "$TMP/priv.want" "$f" "$VMREF" -f - -b "$BS" --config sv39 --sum
done

# The magic number decides, not the name.
T=$TMP/gen.txt
cp "$T" "$TMP/plain.gz"
same "text named .gz reads as text" "$TMP/generated.want" "$VMREF" -f "$TMP/plain.gz" -b "$BS"
for z in "${fmts[@]}"; do
    squeeze "$z" "$T" >"$TMP/$z-named.txt"
    same "$z named .txt reads as $z" "$TMP/generated.want" "$VMREF" -f "$TMP/$z-named.txt" -b "$BS"
done

# Several streams one after the other read as their texts one after the other.
head -n 100000 "$T" >"$TMP/part1.txt"
tail -n +100001 "$T" >"$TMP/part2.txt"
for z in "${fmts[@]}"; do
    { squeeze "$z" "$TMP/part1.txt"; squeeze "$z" "$TMP/part2.txt"; } >"$TMP/cat.$(ext "$z")"
    same "$z: two streams concatenated" "$TMP/generated.want" "$VMREF" -f "$TMP/cat.$(ext "$z")" -b "$BS"
done

# An empty trace, compressed: no accesses, as the empty text gives.
: >"$TMP/empty.txt"
"$VMREF" -f "$TMP/empty.txt" -b "$BS" >"$TMP/empty.want" 2>/dev/null
for z in "${fmts[@]}"; do
    squeeze "$z" "$TMP/empty.txt" >"$TMP/empty.$(ext "$z")"
    same "$z: empty trace" "$TMP/empty.want" "$VMREF" -f "$TMP/empty.$(ext "$z")" -b "$BS"
done

# bad NAME REGEX CMD...: CMD must exit 1 with exactly one line on stderr besides the
# configuration echo, matching REGEX, and no statistics on stdout.
bad() {
    local name=$1 want=$2
    shift 2
    "$@" >"$TMP/bad.out" 2>"$TMP/bad.err"
    local rc=$?
    local errs
    errs=$(grep -Ev '^vm(ref|sim): trace .*, memory latency [0-9]+$' "$TMP/bad.err")
    if [ $rc -ne 1 ]; then
        fail "$name" "exit $rc, expected 1: $(head -c 300 <<<"$errs" | tr '\n' '|')"
    elif grep -q 'Page Faults' "$TMP/bad.out"; then
        fail "$name" "statistics on stdout after an error"
    elif [ "$(grep -c . <<<"$errs")" -ne 1 ]; then
        fail "$name" "$(grep -c . <<<"$errs") error lines, expected 1: $(head -c 300 <<<"$errs" | tr '\n' '|')"
    elif ! grep -Eq -- "$want" <<<"$errs"; then
        fail "$name" "'$errs' does not match /$want/"
    else
        pass "$name"
    fi
}
for z in "${fmts[@]}"; do
    f=$TMP/multi.$(ext "$z") size=$(stat -c %s "$TMP/multi.$(ext "$z")")
    # Cut short in the middle, and just before the end (the last checksum missing).
    head -c $((size / 2)) "$f" >"$TMP/half.$(ext "$z")"
    head -c $((size - 3)) "$f" >"$TMP/short.$(ext "$z")"
    bad "$z: cut in half" "^vmref: $TMP/half.$(ext "$z"): truncated $z data" \
        "$VMREF" -q -f "$TMP/half.$(ext "$z")" -b "$BS"
    bad "$z: last bytes missing" "^vmref: $TMP/short.$(ext "$z"): truncated $z data" \
        "$VMREF" -q -f "$TMP/short.$(ext "$z")" -b "$BS"
    bad "$z: cut in half, on stdin" "^vmref: -: truncated $z data" \
        sh -c '"$1" -q -f - -b "$2" <"$3"' sh "$VMREF" "$BS" "$TMP/half.$(ext "$z")"
    # Eight bytes overwritten in the middle: the decoder's checks, or its checksum.
    cp "$f" "$TMP/bad.$(ext "$z")"
    printf '\x55\xaa\x55\xaa\x55\xaa\x55\xaa' |
        dd of="$TMP/bad.$(ext "$z")" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
    bad "$z: corrupted" "^vmref: $TMP/bad.$(ext "$z"): corrupt $z data" \
        "$VMREF" -f "$TMP/bad.$(ext "$z")" -b "$BS"
    # The accesses before the corruption are printed, and what is printed does not
    # depend on how the bytes arrive: a file's large reads, or a pipe written 7 and
    # 1000 bytes at a time.
    cp "$TMP/bad.out" "$TMP/bad.file.out"
    for bs in 7 1000; do
        "$VMREF" -f - -b "$BS" >"$TMP/bad.pipe.out" 2>/dev/null < <(dd if="$TMP/bad.$(ext "$z")" bs=$bs 2>/dev/null)
        if [ "$(grep -c 'Virtual address' "$TMP/bad.file.out")" -lt 1000 ]; then
            fail "$z: corrupted, on a pipe in $bs-byte writes: the same accesses first" \
                "$(grep -c 'Virtual address' "$TMP/bad.file.out") accesses before the corruption half-way through"
        else
            expect_same_file "$z: corrupted, on a pipe in $bs-byte writes: the same accesses first" \
                "$TMP/bad.file.out" "$TMP/bad.pipe.out"
        fi
    done
    if [ $have_vmsim = 1 ]; then
        bad "$z: corrupted, vmsim" "^vmsim: $TMP/bad.$(ext "$z"): corrupt $z data" \
            "$VMSIM" -q -f "$TMP/bad.$(ext "$z")" -b "$BS"
    fi
done

# A zstd frame asking for a 2 GiB window (--long=31 on a stream of unknown size) is
# refused as zstd -d refuses it by default, saying why rather than "corrupt".
if command -v zstd >/dev/null; then
    head -n 1000 "$T" | zstd --long=31 -q -c >"$TMP/long.zst"
    bad "zstd --long=31: refused, saying why" "^vmref: $TMP/long.zst: zstd data with a window over 128 MiB" \
        "$VMREF" -q -f "$TMP/long.zst" -b "$BS"
fi

# A bad line inside a good compressed file is still `file:line: what is wrong`.
z=${fmts[0]}
{ head -n 5 "$T"; echo 12abc; } | squeeze "$z" /dev/stdin >"$TMP/badline.$(ext "$z")"
bad "$z: a bad line keeps file:line" "^vmref: $TMP/badline.$(ext "$z"):6: " \
    "$VMREF" -q -f "$TMP/badline.$(ext "$z")" -b "$BS"

# Damage that decodes into a line that parses but is out of range (found by the OS,
# not the reader): the damage is named, not the line it produced.
{ printf '1\n2\n99999999999\n' | gzip -c; printf 'not a gzip member'; } >"$TMP/blame.gz"
bad "gzip: damage after an out-of-range address is named (vmref)" "^vmref: $TMP/blame.gz: corrupt gzip data" \
    "$VMREF" -q -f "$TMP/blame.gz" -b "$BS"
if [ -x build/vmsim ]; then
    bad "gzip: damage after an out-of-range address is named (vmsim)" "^vmsim: $TMP/blame.gz: corrupt gzip data" \
        "$ROOT/build/vmsim" -q -f "$TMP/blame.gz" -b "$BS"
fi
printf '1\n2\n99999999999\n' | gzip -c >"$TMP/range.gz"
bad "gzip: an out-of-range address without damage keeps file:line" "^vmref: $TMP/range.gz:3: address 99999999999 does not fit" \
    "$VMREF" -q -f "$TMP/range.gz" -b "$BS"

# build/traceread (the reader alone, which make bench times) counts what vmref reads.
if [ -x build/traceread ]; then
    printf '1\n2\n# c\n3\n' | gzip -c >"$TMP/three.gz"
    expect_eq "traceread: the accesses of a .gz trace" 3 "$(build/traceread "$TMP/three.gz" | cut -d' ' -f1)"
else
    skip "traceread" "build/traceread is not built (make test builds it)"
fi

summary

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tools/trace.sh NAME PROG [ARGS...] — records a Valgrind lackey trace of a real program,
# build/traces/NAME.lackey.zst, and the memory map it ran in, build/traces/NAME.maps.
# Used by `make trace PROG="ls -l /"`; needs build/mapsnap.so and build/mapunion.
#
# The program is followed through wrappers (a shell script, env, a pyenv shim): valgrind
# traces every process (--trace-children=yes), one log per pid, and the one kept is the
# largest — the process that did the most work, which for a wrapper is the program it
# started.  Its map is the union of its maps over its life (mapsnap.c, mapunion.c).
#
# Environment: PROGRESS=1 shows progress on stderr even when it is not a terminal
# (PROGRESS=0: never); TEXT=1 also keeps the plain text trace, build/traces/NAME.lackey.
set -euo pipefail
name=$1
shift
[ $# -gt 0 ] || { echo "tools/trace.sh: no program given (make trace PROG=\"ls -l /\")" >&2; exit 2; }
command -v "$1" >/dev/null 2>&1 || { echo "tools/trace.sh: $1: no such program" >&2; exit 2; }
command -v zstd >/dev/null 2>&1 || { echo "tools/trace.sh: zstd is missing (bash tools/deps.sh zstd)" >&2; exit 2; }
out=build/traces/$name
work=$out.tmp.d
mkdir -p build/traces
rm -rf "$work"
mkdir "$work"
ticker=
cleanup() {
    [ -z "$ticker" ] || kill "$ticker" 2>/dev/null || true
    rm -rf "$work" "$out.lackey.zst.tmp" "$out.maps.tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

case ${PROGRESS:-} in
1) progress=1 ;;
0) progress=0 ;;
*) if [ -t 2 ]; then progress=1; else progress=0; fi ;;
esac

# The lackey text written so far, every few seconds: on a terminal one line rewritten,
# otherwise a line each time.
tick() {
    local start=$SECONDS every=5 bytes n f
    [ -t 2 ] && every=1
    while sleep "$every"; do
        bytes=0 n=0
        for f in "$work"/*.lackey; do
            [ -e "$f" ] || continue
            bytes=$((bytes + $(stat -c %s "$f" 2>/dev/null || echo 0)))
            n=$((n + 1))
        done
        local msg
        msg=$(printf 'trace: %d MB of lackey text so far, %d process(es), %d s' \
            $((bytes / 1000000)) "$n" $((SECONDS - start)))
        if [ -t 2 ]; then printf '\r%s\033[K' "$msg" >&2; else printf '%s\n' "$msg" >&2; fi
    done
}
if [ "$progress" = 1 ]; then
    tick &
    ticker=$!
fi

# The program's stdout is dropped so the trace stays apart from it; each process's
# lackey output goes to its own log (a pid's log starts over when it execs, as does
# its map, so both describe the pid's last program).
rc=0
VMMU_MAPS_DIR=$PWD/$work LD_PRELOAD=$PWD/build/mapsnap.so${LD_PRELOAD:+:$LD_PRELOAD} \
    valgrind --tool=lackey --trace-mem=yes --trace-children=yes \
    --log-file="$PWD/$work/%p.lackey" "$@" >/dev/null || rc=$?
if [ -n "$ticker" ]; then
    kill "$ticker" 2>/dev/null || true
    wait "$ticker" 2>/dev/null || true
    ticker=
    [ -t 2 ] && printf '\r\033[K' >&2
fi
[ "$rc" -eq 0 ] || echo "tools/trace.sh: warning: the program exited with status $rc; its trace is kept" >&2

# The kept process: the largest log.  The others are listed so a wrong pick shows.
best= best_size=-1
for f in "$work"/*.lackey; do
    [ -e "$f" ] || continue
    s=$(stat -c %s "$f")
    if [ "$s" -gt "$best_size" ]; then best=$f best_size=$s; fi
done
[ -n "$best" ] || { echo "tools/trace.sh: valgrind wrote no trace (see above)" >&2; exit 1; }
command_of() { sed -n 's/^==[0-9]*== Command: //p' "$1" | head -1; }
pid=$(basename "$best" .lackey)
cmd=$(command_of "$best")
# The other processes (the wrappers, what they ran), largest first, three of them.
mapfile -t others < <(ls -S "$work"/*.lackey | grep -Fvx "$best" || true)
for f in "${others[@]:0:3}"; do
    echo "trace: not kept: pid $(basename "$f" .lackey) $(command_of "$f") ($(stat -c %s "$f") bytes)" >&2
done
[ "${#others[@]}" -le 3 ] || echo "trace: not kept: $((${#others[@]} - 3)) smaller processes" >&2

snap=$work/$pid.snap
rm -f "$out.maps" "$out.snap" # an older run's: they would be taken for this run's
maps_opt=
if [ -s "$snap" ]; then
    build/mapunion "$snap" >"$out.maps.tmp"
    mv "$out.maps.tmp" "$out.maps"
    mv "$snap" "$out.snap"
    snaps=$(grep -c '^#snap' "$out.snap" || true)
    maps_opt=" --maps 0=$out.maps"
fi

lines=$(grep -vc '^==' "$best" || true)
# zstd shows its own progress on a terminal; elsewhere one line says what is going on.
if [ "$progress" = 1 ] && [ -t 2 ]; then
    zstd -f -T1 "$best" -o "$out.lackey.zst.tmp"
else
    [ "$progress" = 0 ] || echo "trace: compressing $((best_size / 1000000)) MB of lackey text" >&2
    zstd -q -f -T1 "$best" -o "$out.lackey.zst.tmp"
fi
mv "$out.lackey.zst.tmp" "$out.lackey.zst"
text=
if [ "${TEXT:-0}" = 1 ]; then
    mv "$best" "$out.lackey"
    text=", text: $out.lackey"
else
    rm -f "$out.lackey" # an older run's text: it would be taken for this one
fi

echo "trace: pid $pid: $cmd ($lines lackey lines)" >&2
echo "trace: $out.lackey.zst ($(stat -c %s "$out.lackey.zst") bytes; $best_size as text)$text" >&2
if [ -n "$maps_opt" ]; then
    echo "map:   $out.maps ($(wc -l <"$out.maps") regions: the union of $snaps snapshots over the process's life; $out.snap holds them)" >&2
else
    echo "map:   NONE: mapsnap.so was not loaded into pid $pid (a static or setuid program?); without --maps every address is valid" >&2
fi

# The command to run it: vmref reads .zst itself once it can, else through zstd -dc.
probe=$work/probe.zst
printf '==1== probe\nI  00001000,4\n' | zstd -q -c >"$probe"
if [ -x build/vmref ] && build/vmref -q -f "$probe" --config sv48 -n 4 >/dev/null 2>&1; then
    echo "run it: build/vmref -f $out.lackey.zst --config sv48$maps_opt -n 1024 -q" >&2
else
    echo "run it: zstd -dc $out.lackey.zst | build/vmref -f - --config sv48$maps_opt -n 1024 -q" >&2
fi

#!/usr/bin/env bash
# tools/trace.sh NAME PROG [ARGS...] — records a Valgrind lackey trace of a real
# program, build/traces/NAME.lackey, and the memory map it ran in, NAME.maps.
# Used by `make trace PROG="ls -l /"`.
set -euo pipefail
name=$1
shift
[ $# -gt 0 ] || { echo "tools/trace.sh: no program given (make trace PROG=\"ls -l /\")" >&2; exit 2; }
command -v "$1" >/dev/null 2>&1 || { echo "tools/trace.sh: $1: no such program" >&2; exit 2; }
out=build/traces/$name
mkdir -p build/traces
# The trace goes to its own file so the program's stdout and stderr stay apart.
VMMU_MAPS_OUT=$PWD/$out.maps LD_PRELOAD=$PWD/build/mapsnap.so \
    valgrind --tool=lackey --trace-mem=yes --log-file="$out.lackey.tmp" "$@" >/dev/null
mv "$out.lackey.tmp" "$out.lackey"
lines=$(grep -vc '^==' "$out.lackey" || true)
echo "trace: $out.lackey ($lines lackey lines), map: $out.maps ($(wc -l <"$out.maps") regions)" >&2
echo "run it: build/vmref -f $out.lackey --config sv48 --maps 0=$out.maps -n 1024 -q" >&2

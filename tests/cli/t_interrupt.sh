#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SIGINT and SIGTERM mid-run: partial statistics on stderr and in --stats (marked
# partial), none on stdout, exit 130 / 143, and the input files unchanged.
source "$(dirname "$0")/../lib.sh"

trace=$TMP/big.txt
backing=$ROOT/build/traces/backing.bin
"$TRACEGEN" --mode locality --count 20000000 --seed 11 -o "$trace"
before=$(md5sum "$trace" "$backing")

interrupt() { # NAME SIGNAL WANT_EXIT BINARY [ARGS]
    local name=$1 sig=$2 want=$3 bin=$4
    shift 4
    "$bin" -f "$trace" -b "$backing" --stats "$TMP/s.json" "$@" >"$TMP/out" 2>"$TMP/err" &
    local pid=$!
    # Wait until it is really running (its output has started), then signal it.
    for _ in $(seq 100); do [ -s "$TMP/out" ] && break; sleep 0.05; done
    kill -"$sig" "$pid"
    wait "$pid"
    local rc=$?
    expect_eq "$name: exit status" "$want" "$rc"
    if grep -q 'interrupted: PARTIAL statistics' "$TMP/err" && grep -q '^Page Faults = ' "$TMP/err"; then
        pass "$name: partial statistics on stderr"
    else
        fail "$name: partial statistics on stderr" "$(head -3 "$TMP/err" | tr '\n' '|')"
    fi
    if grep -q 'Page Faults' "$TMP/out"; then
        fail "$name: no statistics on stdout" "stdout has a statistics block"
    else
        pass "$name: no statistics on stdout"
    fi
    if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["partial"] is True and 0 < d["accesses"] < 20000000 else 1)' "$TMP/s.json"; then
        pass "$name: --stats marked partial"
    else
        fail "$name: --stats marked partial" "$(head -c 200 "$TMP/s.json" 2>/dev/null)"
    fi
    expect_eq "$name: inputs unchanged" "$before" "$(md5sum "$trace" "$backing")"
}

interrupt "vmref SIGINT" INT 130 "$VMREF"
interrupt "vmref SIGTERM" TERM 143 "$VMREF"
if [ -x build/vmsim ]; then
    interrupt "vmsim SIGINT" INT 130 "$ROOT/build/vmsim"
else
    skip "vmsim SIGINT" "build/vmsim is not built"
fi
summary

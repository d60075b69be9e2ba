#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cli/t_properties.sh -- properties vmref must have on the project's own generated
# traces (tracegen: several modes and seeds, with tracegen's backing store):
# values come from the backing store, faults <= accesses, every policy agrees when
# nothing is evicted, OPT is never beaten, LRU TLBs have the inclusion property,
# --stats agrees with stdout, and set-associative geometries run.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
need_bin vmref "$VMREF" || summary
need_bin tracegen "$TRACEGEN" || summary

POLICIES="fifo lru lru-walk clock opt"
BS=$TMP/backing.bin
if ! "$TRACEGEN" --backing "$BS" --size 65536 --seed 11 2>"$TMP/err"; then
    fail tracegen_backing "$(head -c 300 "$TMP/err")"
    summary
fi

TRACES=""
for spec in locality:1 locality:5 uniform:2 uniform:9 loop:3 loop:4; do
    mode=${spec%:*} seed=${spec#*:}
    tr=$TMP/$mode-$seed.txt
    if "$TRACEGEN" --mode "$mode" --seed "$seed" --count 1000 --va-bits 16 --page-bits 8 \
        --format text -o "$tr" 2>"$TMP/err"; then
        TRACES="$TRACES $mode-$seed"
    else
        fail "tracegen_$mode-$seed" "$(head -c 300 "$TMP/err")"
    fi
done

# vm OUT ARGS...: runs vmref on the backing store; 0 if it exited 0.  On failure the
# message is in $VMERR.
VMERR=""
vm() {
    local out=$1
    shift
    if "$VMREF" -b "$BS" "$@" >"$out" 2>"$TMP/vmerr"; then
        return 0
    fi
    VMERR="vmref $* exited $?: $(head -c 300 "$TMP/vmerr")"
    return 1
}

# 1. Values from the backing store (python, once for every run: its start-up is
# slow); accesses counted; faults <= accesses.  Runs with and without replacement.
pairs=()
for t in $TRACES; do
    for n in 8 32 256; do
        for pol in $POLICIES; do
            out=$TMP/out-$t-$n-$pol
            if vm "$out" -f "$TMP/$t.txt" -n "$n" -p "$pol"; then
                pairs+=("$TMP/$t.txt" "$out")
            else
                echo "$VMERR" >"$out.err"
            fi
        done
    done
done
VALUE_MSGS=$(check_values "$BS" "${pairs[@]}")

for t in $TRACES; do
    tr=$TMP/$t.txt
    n_acc=$(grep -c . "$tr")
    distinct=$(awk '{ print int($1 / 256) % 256 }' "$tr" | sort -u | wc -l)

    for n in 8 32 256; do
        name="values_${t}_n$n"
        bad=""
        for pol in $POLICIES; do
            out=$TMP/out-$t-$n-$pol
            if [ -e "$out.err" ]; then
                bad=$(cat "$out.err")
                break
            fi
            msg=$(grep -F "$out:" <<<"$VALUE_MSGS")
            if [ -n "$msg" ]; then
                bad="-p $pol: ${msg#"$out: "}"
                break
            fi
            a=$(stat_of "$out" 'Number of Translated Addresses')
            f=$(stat_of "$out" 'Page Faults')
            if [ "$a" != "$n_acc" ]; then
                bad="-p $pol: $a translated addresses, trace has $n_acc"
                break
            fi
            if ! [ "$f" -le "$a" ] 2>/dev/null; then
                bad="-p $pol: page faults '$f' > accesses '$a'"
                break
            fi
        done
        if [ -z "$bad" ]; then pass "$name"; else fail "$name" "$bad"; fi
    done

    # 2. Frames >= distinct pages: every policy faults once per distinct page.
    got=""
    for pol in $POLICIES; do
        got="$got $pol=$(stat_of "$TMP/out-$t-256-$pol" 'Page Faults')"
    done
    want=""
    for pol in $POLICIES; do want="$want $pol=$distinct"; done
    expect_eq "all_policies_agree_${t}_n256" "$want" "$got" "page faults"

    # 3. OPT never has more faults than the others.
    for n in 8 16 32 64; do
        name="opt_best_${t}_n$n"
        bad=""
        for pol in opt fifo lru lru-walk clock; do
            if [ "$n" -eq 8 ] || [ "$n" -eq 32 ]; then
                eval "f_$(tr - _ <<<"$pol")=\$(stat_of \"\$TMP/out-\$t-\$n-\$pol\" 'Page Faults')"
            elif vm "$TMP/o" -q -f "$tr" -n "$n" -p "$pol"; then
                eval "f_$(tr - _ <<<"$pol")=\$(stat_of \"\$TMP/o\" 'Page Faults')"
            else
                bad="$VMERR"
                break
            fi
        done
        if [ -z "$bad" ]; then
            for pol in fifo lru lru_walk clock; do
                eval "fp=\$f_$pol"
                if ! [ "$f_opt" -le "$fp" ] 2>/dev/null; then
                    bad="opt $f_opt faults > $pol $fp"
                    break
                fi
            done
        fi
        if [ -z "$bad" ]; then pass "$name"; else fail "$name" "$bad"; fi
    done

    # 4. LRU TLB inclusion: fully associative, more ways never fewer hits.
    for pargs in "-p lru" "-p fifo -t lru"; do
        name="tlb_inclusion_${t}_$(tr -d ' -' <<<"$pargs")"
        bad="" prev=-1 seq=""
        for w in 1 2 4 8 16 32 64; do
            # shellcheck disable=SC2086
            if ! vm "$TMP/o" -q -f "$tr" -n 256 $pargs --tlb-sets 1 --tlb-ways "$w"; then
                bad="$VMERR"
                break
            fi
            h=$(stat_of "$TMP/o" 'TLB Hits')
            seq="$seq $w:$h"
            if ! [ "$h" -ge "$prev" ] 2>/dev/null; then
                bad="hits by ways not non-decreasing:$seq"
                break
            fi
            prev=$h
        done
        if [ -z "$bad" ]; then pass "$name"; else fail "$name" "$bad"; fi
    done

    # 5. --stats JSON (checked after the loop, in one python).
    if vm "$TMP/json-$t.out" -q -f "$tr" -n 32 -p lru --stats "$TMP/json-$t.json"; then
        echo "$(stat_of "$TMP/json-$t.out" 'Number of Translated Addresses') $(stat_of "$TMP/json-$t.out" 'Page Faults') $(stat_of "$TMP/json-$t.out" 'TLB Hits')" >"$TMP/json-$t.want"
    else
        echo "$VMERR" >"$TMP/json-$t.err"
    fi

    # 6. Set-associative geometries run; with frames >= pages, same faults as 1x16.
    name="tlb_geometries_$t"
    bad=""
    ref=$(stat_of "$TMP/out-$t-256-fifo" 'Page Faults')
    for g in "4 4" "16 1" "2 8" "8 2" "1024 64"; do
        read -r s w <<<"$g"
        if ! vm "$TMP/o" -q -f "$tr" -n 256 --tlb-sets "$s" --tlb-ways "$w"; then
            bad="$VMERR"
            break
        fi
        f=$(stat_of "$TMP/o" 'Page Faults')
        if [ "$f" != "$ref" ]; then
            bad="${s}x$w: $f page faults, 1x16 has $ref"
            break
        fi
    done
    if [ -z "$bad" ]; then pass "$name"; else fail "$name" "$bad"; fi
done

# 5. (continued) each --stats file parses as JSON and agrees with stdout.
JSON_GOT=$(cd "$TMP" && python3 "$ROOT"/tests/cli/properties_stats_json.py $TRACES)
for t in $TRACES; do
    name="stats_json_$t"
    if [ -e "$TMP/json-$t.err" ]; then
        fail "$name" "$(cat "$TMP/json-$t.err")"
        continue
    fi
    got=$(sed -n "s/^$t //p" <<<"$JSON_GOT")
    expect_eq "$name" "$(cat "$TMP/json-$t.want")" "$got" "--stats accesses page_faults tlb_hits vs stdout"
done

summary

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cli/t_badinput.sh -- bad command lines and bad input files: one error line on
# stderr ("file:line: what is wrong", or the option and why), a non-zero exit, no
# statistics on stdout, the inputs untouched.  And the input that must be accepted:
# empty traces, blank lines, comments, CRLF, 0x hex, --help, --version.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
need_bin vmref "$VMREF" || summary

BS=$TMP/backing.bin
if ! "$TRACEGEN" --backing "$BS" --size 65536 --seed 5 2>/dev/null; then
    head -c 65536 /dev/urandom >"$BS"
fi
GOOD=$TMP/good.txt
printf '%s\n' 16916 62493 30198 53683 40185 28781 24462 48399 64815 18295 >"$GOOD"

# The one line vmref always writes to stderr first: its configuration.  It is not
# an error message, so it is left out of the count.
CONFIG_ECHO='^vmref: trace .*, backing .*, memory latency [0-9]+$'

sums() { cksum "$@" 2>&1; }

# bad NAME STDERR_REGEX ARGS...: vmref ARGS must fail with exactly one error line on
# stderr matching STDERR_REGEX (grep -E), print no statistics, and leave $GOOD, $BS
# and every file named in ARGS unchanged.
bad() {
    local name=$1 want=$2
    shift 2
    local files=("$GOOD" "$BS") a
    for a in "$@"; do
        [ -f "$a" ] && files+=("$a")
    done
    local before after rc errs nerr
    before=$(sums "${files[@]}")
    "$VMREF" "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    after=$(sums "${files[@]}")
    errs=$(grep -Ev "$CONFIG_ECHO" "$TMP/err")
    nerr=$(grep -c . <<<"$errs")
    if [ "$rc" -eq 0 ]; then
        fail "$name" "vmref $* exited 0"
    elif [ "$rc" -ge 126 ]; then
        fail "$name" "vmref $* exited $rc (a crash?): $(head -c 300 "$TMP/err")"
    elif grep -q 'Page Faults' "$TMP/out"; then
        fail "$name" "statistics on stdout after an error"
    elif [ "$nerr" -ne 1 ]; then
        fail "$name" "$nerr error lines on stderr, expected 1: $(head -c 300 <<<"$errs" | tr '\n' '|')"
    elif ! grep -Eq -- "$want" <<<"$errs"; then
        fail "$name" "stderr '$errs' does not match /$want/"
    elif [ "$before" != "$after" ]; then
        fail "$name" "an input file changed"
    else
        pass "$name"
    fi
}

# A malformed line in the middle, after a comment and a blank line (physical lines
# are counted): line 6.
printf '16916\n# a comment\n\n62493\n30198\n12abc\n53683\n' >"$TMP/malformed.txt"
bad malformed_line "^(vmref: )?$TMP/malformed.txt:6: " -f "$TMP/malformed.txt" -b "$BS"

bad missing_trace "$TMP/nope.txt" -f "$TMP/nope.txt" -b "$BS"

cp "$GOOD" "$TMP/unreadable.txt"
chmod 000 "$TMP/unreadable.txt"
if [ "$(id -u)" -eq 0 ]; then
    skip unreadable_trace "running as root: chmod 000 does not stop root reading"
else
    bad unreadable_trace "$TMP/unreadable.txt" -f "$TMP/unreadable.txt" -b "$BS"
fi
chmod 644 "$TMP/unreadable.txt"

bad missing_backing "$TMP/nope.bin" -f "$GOOD" -b "$TMP/nope.bin"
mkdir "$TMP/dir"
bad directory_trace "$TMP/dir" -f "$TMP/dir" -b "$BS"
bad directory_backing "$TMP/dir" -f "$GOOD" -b "$TMP/dir"

bad frames_zero '-n 0|frames' -f "$GOOD" -b "$BS" -n 0
bad frames_huge '-n 99999999999|frames' -f "$GOOD" -b "$BS" -n 99999999999
bad frames_abc '-n abc' -f "$GOOD" -b "$BS" -n abc
bad policy_nope '-p nope' -f "$GOOD" -b "$BS" -p nope
bad tlb_policy_nope '-t nope' -f "$GOOD" -b "$BS" -t nope
bad tlb_policy_plru_3_ways '-t plru.*power-of-two' -f "$GOOD" -b "$BS" -t plru --tlb-ways 3
bad tlb_sets_3 '--tlb-sets 3' -f "$GOOD" -b "$BS" --tlb-sets 3
bad tlb_ways_0 '--tlb-ways 0' -f "$GOOD" -b "$BS" --tlb-ways 0
bad tlb_ways_65 '--tlb-ways 65' -f "$GOOD" -b "$BS" --tlb-ways 65
bad config_nope '--config nope' -f "$GOOD" -b "$BS" --config nope
bad unknown_option '--no-such-option' -f "$GOOD" -b "$BS" --no-such-option
bad asid_base_big '--asid-base 65536' -f "$GOOD" -b "$BS" --asid-base 65536
bad asid_base_hex_big '--asid-base 0x10000' -f "$GOOD" -b "$BS" --asid-base 0x10000
bad asid_base_neg '--asid-base -1' -f "$GOOD" -b "$BS" --asid-base -1
bad asid_step_0 '--asid-step 0' -f "$GOOD" -b "$BS" --asid-step 0
bad asid_step_x '--asid-step 0x' -f "$GOOD" -b "$BS" --asid-step 0x
bad pa_base_word '--pa-base high' -f "$GOOD" -b "$BS" --pa-base high
bad pa_base_unaligned '--pa-base' -f "$GOOD" -b "$BS" --pa-base 0x10001
# sv32's satp has a 9-bit ASID (issue 16).
bad asid_base_sv32 "--asid-base 512: sv32's ASIDs are 9 bits: at most 511" -f "$GOOD" -b "$BS" --config sv32 --asid-base 512
bad ad_nope '--ad soft: unknown A/D scheme; choose hardware, fault' -f "$GOOD" -b "$BS" --ad soft
bad pmem_word '--pmem lots' -f "$GOOD" -b "$BS" --pmem lots
# 256 frames of 256 bytes end at 0x10000: memory must reach beyond, for the tables.
bad pmem_below_frames '--pmem 0x10000: the 256 frames from 0x0 end at 0x10000' -f "$GOOD" -b "$BS" --pmem 0x10000

# osc reads 32-bit addresses: 2^32 does not fit (line 3).
printf '16916\n62493\n4294967296\n30198\n' >"$TMP/toobig.txt"
bad address_too_big "^(vmref: )?$TMP/toobig.txt:3: " -f "$TMP/toobig.txt" -b "$BS"

# The extended format's privilege column: U or S, last, once; a read or fetch takes
# nothing else after its address.  Line 3 of each.
ext_bad() { # NAME LINE WHY
    printf '0 R 0x1000\n# a comment\n%s\n0 R 0x2000\n' "$2" >"$TMP/$1.txt"
    bad "$1" "^(vmref: )?$TMP/$1.txt:3: $3" -f "$TMP/$1.txt" -b "$BS" --config sv32
}
ext_bad ext_priv_not_u_or_s '0 R 0x1000 K' "only a write \(W\) takes a value; after the address of R only the privilege U or S may follow"
ext_bad ext_priv_word '0 X 0x1000 super' "only a write \(W\) takes a value; after the address of X only the privilege U or S"
ext_bad ext_priv_twice '0 R 0x1000 S S' "the privilege \(U or S\) is given twice"
ext_bad ext_priv_twice_write '0 W 0x1000 U S' "the privilege \(U or S\) is given twice"
ext_bad ext_priv_before_value '0 W 0x1000 S 7' "the privilege \(U or S\) is the last column, after the value, got '0 W 0x1000 S 7'"
ext_bad ext_priv_then_more '0 W 0x1000 7 S 8' "expected '\[pid\] R\|W\|X addr \[value\] \[U\|S\]'"
ext_bad ext_value_then_junk '0 W 0x1000 7 K' "expected '\[pid\] R\|W\|X addr \[value\] \[U\|S\]'"
ext_bad ext_priv_alone '0 R S' "expected an address after R"
ext_bad ext_priv_first 'S 0 R 0x1000' "'S' is neither a pid nor R, W or X"
# A privilege belongs to the extended format only: a textbook line with one is bad.
printf '16916\n62493 S\n' >"$TMP/text_priv.txt"
bad text_priv "^(vmref: )?$TMP/text_priv.txt:2: " -f "$TMP/text_priv.txt" -b "$BS" --format text

# --- accepted input ---------------------------------------------------------------

# run_ok NAME OUT ARGS...: vmref ARGS exits 0; stdout in OUT.  Returns its success.
run_ok() {
    local name=$1 out=$2
    shift 2
    "$VMREF" "$@" >"$out" 2>"$TMP/err"
    local rc=$?
    if [ "$rc" -ne 0 ]; then
        fail "$name" "vmref $* exited $rc: $(head -c 300 "$TMP/err")"
        return 1
    fi
}

# The largest 32-bit address is accepted (and masked to 16 bits).
printf '16916\n4294967295\n' >"$TMP/max32.txt"
if run_ok address_max32 "$TMP/out" -f "$TMP/max32.txt" -b "$BS"; then
    expect_eq address_max32 2 "$(stat_of "$TMP/out" 'Number of Translated Addresses')" "translated addresses"
fi

: >"$TMP/empty.txt"
if run_ok empty_trace "$TMP/out" -f "$TMP/empty.txt" -b "$BS"; then
    printf '%s\n' 'Number of Translated Addresses = 0' 'Page Faults = 0' 'Page Fault Rate = 0.000' \
        'TLB Hits = 0' 'TLB Hit Rate = 0.000' >"$TMP/want"
    expect_same_file empty_trace "$TMP/want" "$TMP/out"
fi

run_ok clean_trace "$TMP/clean.out" -f "$GOOD" -b "$BS"
# An ASID in hex is the same ASID: the configuration line says so, the output is the same.
if run_ok asid_hex "$TMP/asid.out" -f "$GOOD" -b "$BS" --asid-base 0xfffe --asid-step 0x1; then
    if cmp -s "$TMP/asid.out" "$TMP/clean.out" && "$VMREF" -f "$GOOD" -b "$BS" --asid-base 0xfffe 2>&1 >/dev/null |
        grep -q -- '--asid-base 65534'; then
        pass asid_hex_same
    else
        fail asid_hex_same "--asid-base 0xfffe: output differs, or its command line does not echo it as 65534"
    fi
fi

# Blank lines, whole-line and trailing comments, CRLF: the same output.
{
    printf '# a trace with comments\n\n'
    n=0
    while read -r a; do
        n=$((n + 1))
        case $((n % 3)) in
        0) printf '%s   # trailing comment\n' "$a" ;;
        1) printf '%s\n\n' "$a" ;;
        2) printf '   # indented comment\n%s\n' "$a" ;;
        esac
    done <"$GOOD"
    printf '# the end\n'
} >"$TMP/commented.txt"
if run_ok comments_and_blank_lines "$TMP/out" -f "$TMP/commented.txt" -b "$BS"; then
    expect_same_file comments_and_blank_lines "$TMP/clean.out" "$TMP/out"
fi

sed 's/$/\r/' "$GOOD" >"$TMP/crlf.txt"
if run_ok crlf_endings "$TMP/out" -f "$TMP/crlf.txt" -b "$BS"; then
    expect_same_file crlf_endings "$TMP/clean.out" "$TMP/out"
fi

sed 's/$/\r/' "$TMP/commented.txt" >"$TMP/crlf-commented.txt"
if run_ok crlf_comments "$TMP/out" -f "$TMP/crlf-commented.txt" -b "$BS"; then
    expect_same_file crlf_comments "$TMP/clean.out" "$TMP/out"
fi

while read -r a; do printf '0x%x\n' "$a"; done <"$GOOD" >"$TMP/hex.txt"
if run_ok hex_addresses "$TMP/out" -f "$TMP/hex.txt" -b "$BS"; then
    expect_same_file hex_addresses "$TMP/clean.out" "$TMP/out"
fi

for opt in --help --version; do
    name="option_${opt#--}"
    if run_ok "$name" "$TMP/out" "$opt"; then
        expect_true "$name" "$opt printed nothing on stdout" test -s "$TMP/out"
    fi
done

summary

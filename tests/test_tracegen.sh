#!/usr/bin/env bash
# tests/test_tracegen.sh -- properties of build/tracegen that could be wrong.
#
# Usage: tests/test_tracegen.sh   (TRACEGEN=path overrides build/tracegen)
# Prints one line per failure and, last, "N passed, M failed"; exits
# non-zero if anything failed.

set -u
T=${TRACEGEN:-build/tracegen}
pass=0
fail=0

if [ ! -x "$T" ]; then
    echo "tracegen not built: $T (run make $T)"
    echo "0 passed, 1 failed"
    exit 1
fi
T=$(cd "$(dirname "$T")" && pwd)/$(basename "$T")
W=$(mktemp -d "${TMPDIR:-/tmp}/test_tracegen.XXXXXX")
trap 'rm -rf "$W"' EXIT
cd "$W" || exit 1

# check NAME COMMAND...: counts one test; COMMAND's status decides.
check() {
    local name=$1
    shift
    if "$@"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $name"
    fi
}

lines() { wc -l <"$1" | tr -d ' '; }

# The regex of an extended-format line: a value on writes only, a byte.
EXT_RE='^[0-9]+ ([RX] 0x[0-9a-f]+|W 0x[0-9a-f]+ ([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5]))$'

# all_ext FILE: every line is an extended-format line.
all_ext() { ! grep -Evq "$EXT_RE" "$1"; }
# all_dec FILE: every line is a decimal number without leading zeros.
all_dec() { ! grep -Evq '^(0|[1-9][0-9]*)$' "$1"; }

# addrs_fit FILE BITS: every address (text or ext) is < 2^BITS.  awk's
# doubles are exact to 2^53; 64-bit addresses only need <= 16 hex digits.
addrs_fit() {
    awk -v bits="$2" '
        function hexval(h,   i, v) {
            v = 0
            for (i = 3; i <= length(h); i++)
                v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
            return v
        }
        BEGIN { lim = 2 ^ bits; bad = 0 }
        {
            a = (NF == 1) ? $1 : $3
            if (a ~ /^0x/) {
                if (bits >= 53) { if (length(a) > 18) bad = 1; next }
                v = hexval(a)
            } else v = a + 0
            if (v >= lim) bad = 1
        }
        END { exit bad }' "$1"
}

# distinct_pages FILE PAGEBITS: distinct pages of a text trace.
distinct_pages() {
    awk -v p="$2" '{ seen[int($1 / 2 ^ p)] = 1 } END { n = 0; for (k in seen) n++; print n }' "$1"
}

MODES="uniform locality loop stride list multi"

# ---- determinism -----------------------------------------------------------
for m in $MODES; do
    "$T" --mode "$m" --count 5000 --seed 7 -o a.txt
    "$T" --mode "$m" --count 5000 --seed 7 -o b.txt
    "$T" --mode "$m" --count 5000 --seed 8 -o c.txt
    check "$m: same seed gives identical bytes" cmp -s a.txt b.txt
    check "$m: different seed gives different bytes" bash -c '! cmp -s a.txt c.txt'
done
"$T" --count 3000 --writes 0.4 --seed 3 -o a.txt
"$T" --count 3000 --writes 0.4 --seed 3 >b.txt
check "stdout and -o give identical bytes" cmp -s a.txt b.txt
"$T" --count 3000 --seed 3 --format ext -o c.txt
check "--writes does not change the addresses" \
    bash -c 'diff <(cut -d" " -f3 a.txt) <(cut -d" " -f3 c.txt) >/dev/null'

# ---- counts ----------------------------------------------------------------
for m in $MODES; do
    for n in 0 1 4321; do
        "$T" --mode "$m" --count $n -o a.txt
        check "$m: --count $n gives $n lines" [ "$(lines a.txt)" = $n ]
    done
done
"$T" -o a.txt
check "default count is 1000" [ "$(lines a.txt)" = 1000 ]
"$T" --mode list --nodes 50 --walks 3 -o a.txt
check "list without --count: 2N + W*N lines" [ "$(lines a.txt)" = 250 ]

# ---- formats and address ranges -------------------------------------------
for m in uniform locality loop stride; do
    "$T" --mode "$m" --count 10000 -o a.txt
    check "$m: text format is decimal" all_dec a.txt
    check "$m: text addresses < 2^16" addrs_fit a.txt 16
done
for g in "12 4" "16 8" "20 12" "32 12" "39 12" "48 12" "64 12" "64 1" "2 1"; do
    set -- $g
    for m in $MODES; do
        extra=""
        [ "$m" = list ] && [ "$1" -lt 8 ] && continue # no room for a heap
        [ "$m" = list ] && [ "$1" -lt 16 ] && extra="--nodes 8 --node-size 8"
        [ "$m" = loop ] && [ "$1" -lt 16 ] && extra="--pages 1"
        [ "$m" = locality ] || [ "$m" = multi ] && [ "$1" -lt 12 ] && extra="--ws 1"
        if ! "$T" --mode "$m" --count 3000 --va-bits $1 --page-bits $2 --writes 0 \
            --format ext $extra --drift 0.05 --cold 0.05 -o a.txt; then
            check "$m: va-bits $1 page-bits $2 runs" false
            continue
        fi
        check "$m: ext lines match the regex (va $1, page $2)" all_ext a.txt
        check "$m: addresses < 2^$1 (page $2)" addrs_fit a.txt $1
    done
done
"$T" --count 2000 --writes 0.5 -o a.txt
check "--writes > 0 selects the extended format" all_ext a.txt
"$T" --mode multi --procs 2 --count 100 -o a.txt
check "multi selects the extended format" all_ext a.txt

# ---- write fraction --------------------------------------------------------
for f in 0 0.05 0.3 0.9 1; do
    "$T" --mode uniform --count 100000 --writes $f --format ext -o a.txt
    w=$(grep -c ' W ' a.txt)
    check "--writes $f gives ~$f writes over 100k (got $w)" \
        awk -v w="$w" -v f="$f" 'BEGIN { d = w / 100000 - f; exit !(d < 0.01 && d > -0.01) }'
done
"$T" --mode uniform --count 100000 --format ext -o a.txt
check "--writes 0 gives only reads" bash -c '! grep -q " W " a.txt'

# ---- locality --------------------------------------------------------------
"$T" --mode uniform --count 10000 -o u.txt
"$T" --mode locality --count 10000 -o l.txt
du=$(distinct_pages u.txt 8)
dl=$(distinct_pages l.txt 8)
check "locality touches far fewer pages than uniform ($dl vs $du)" [ $((dl * 4)) -lt "$du" ]
"$T" --mode locality --count 10000 --va-bits 32 --page-bits 12 --drift 0 --cold 0 -o l.txt
check "locality without drift or cold stays in --ws pages" [ "$(distinct_pages l.txt 12)" -le 16 ]
"$T" --mode locality --count 10000 --va-bits 16 --page-bits 8 --ws 256 --drift 1 -o l.txt
check "a working set of every page, drifting, still runs" [ "$(lines l.txt)" = 10000 ]

# ---- loop, stride ----------------------------------------------------------
"$T" --mode loop --pages 4 --stride 64 --count 64 -o a.txt
check "loop repeats with period pages*page/stride" \
    bash -c 'diff <(head -16 a.txt) <(sed -n 17,32p a.txt) >/dev/null'
check "loop covers pages*page/stride distinct addresses" [ "$(sort -u a.txt | wc -l)" = 16 ]
"$T" --mode stride --stride 1000 --count 200 -o a.txt
check "stride steps by --stride, wrapping at 2^va-bits" \
    awk 'NR > 1 && ($1 - prev + 65536) % 65536 != 1000 { bad = 1 } { prev = $1 } END { exit bad }' a.txt

# ---- list ------------------------------------------------------------------
"$T" --mode list --nodes 100 --walks 3 -o a.txt
check "list: 2N writes, then walks of reads" \
    bash -c '[ "$(head -200 a.txt | grep -c " W ")" = 200 ] && [ "$(tail -n +201 a.txt | grep -c " R ")" = 300 ]'
check "list: each walk reads N distinct nodes" [ "$(sed -n 201,300p a.txt | sort -u | wc -l)" = 100 ]
check "list: every walk is the same" \
    bash -c 'diff <(sed -n 201,300p a.txt) <(sed -n 301,400p a.txt) >/dev/null'
check "list: the walk reads the nodes the links wrote" \
    bash -c 'diff <(sed -n 101,200p a.txt | cut -d" " -f3) <(sed -n 201,300p a.txt | cut -d" " -f3) >/dev/null'
check "list: the walk order is not the allocation order" \
    bash -c '! diff <(sed -n 201,300p a.txt | cut -d" " -f3) <(sed -n 201,300p a.txt | cut -d" " -f3 | sort) >/dev/null'
"$T" --mode list --nodes 10 --walks 1 --count 100 -o a.txt
check "list: --count walks on past --walks" [ "$(grep -c ' R ' a.txt)" = 80 ]

# ---- multi -----------------------------------------------------------------
"$T" --mode multi --procs 5 --burst 20 --count 10000 -o a.txt
check "multi: pids are 0..K-1, all present" [ "$(cut -d' ' -f1 a.txt | sort -u | tr '\n' ' ')" = "0 1 2 3 4 " ]
sw=$(awk 'NR > 1 && $1 != prev { n++ } { prev = $1 } END { print n + 0 }' a.txt)
check "multi: ~count/burst switches (got $sw)" [ "$sw" -gt 350 -a "$sw" -lt 650 ]

# ---- backing store ---------------------------------------------------------
for n in 65536 0 1 4097 1048583; do
    "$T" --backing bs.bin --size $n
    check "--backing --size $n writes exactly $n bytes" [ "$(wc -c <bs.bin | tr -d ' ')" = $n ]
done
"$T" --backing a.bin
"$T" --backing b.bin --seed 1 --size 65536
"$T" --backing c.bin --seed 2
check "--backing default size is 65536" [ "$(wc -c <a.bin | tr -d ' ')" = 65536 ]
check "--backing: same seed gives identical bytes" cmp -s a.bin b.bin
check "--backing: different seed gives different bytes" bash -c '! cmp -s a.bin c.bin'
check "--backing bytes look random (all 256 values present)" \
    [ "$(od -An -v -tu1 a.bin | tr -s ' ' '\n' | sed '/^$/d' | sort -u | wc -l)" = 256 ]

# ---- bad options: one line on stderr, exit 2, no output file --------------
bad_option() {
    rm -rf out && mkdir out
    echo old >out/keep.txt
    "$T" "$@" -o out/new.txt >out.stdout 2>out.stderr
    local rc=$?
    "$T" "$@" -o out/keep.txt >/dev/null 2>&1
    [ $rc = 2 ] && [ "$(lines out.stderr)" = 1 ] && grep -q '^tracegen: ' out.stderr &&
        [ ! -s out.stdout ] && [ "$(ls out)" = keep.txt ] && [ "$(cat out/keep.txt)" = old ]
}
while read -r args; do
    # shellcheck disable=SC2086
    check "bad option $args: one line, exit 2, no file" bad_option $args
done <<'EOF'
--count -1
--count abc
--count 1e3
--count
--mode nope
--va-bits 70
--va-bits 1
--page-bits 16
--writes 2
--writes -0.1
--writes nan
--drift 1.5
--seed 18446744073709551616
--format xml
--format text --writes 0.5
--mode multi --format text
--mode list --writes 0.1
--mode list --nodes 100000
--ws 257
--ws 0
--mode loop --pages 257
--stride 0
--procs 2
--node-size 4
--bogus
--help=1
stray
EOF
"$T" --count -1 -o x.txt 2>err.txt
check "error line names option, value and why" \
    grep -qx 'tracegen: --count -1: not a non-negative integer' err.txt

# ---- output file handling --------------------------------------------------
rm -rf out && mkdir out
"$T" --count 100 -o out/t.txt
check "-o leaves only the final file" [ "$(ls -A out)" = t.txt ]
check "-o file gets the umask's mode" \
    bash -c '[ "$(stat -c %a out/t.txt)" = "$(printf %o $((0666 & ~$(umask))))" ]'
"$T" --count 100 -o /dev/null
check "-o /dev/null works and leaves /dev/null a device" [ -c /dev/null ]
if [ -w /dev/full ]; then
    "$T" --count 100000 -o /dev/full 2>err.txt
    rc=$?
    check "a failed write exits 1 with one line" \
        bash -c '[ '$rc' = 1 ] && [ "$(wc -l <err.txt)" = 1 ] && grep -q "^tracegen: /dev/full: " err.txt'
fi
for sig in INT TERM; do
    rm -rf out && mkdir out
    "$T" --count 100000000000 -o out/big.txt &
    pid=$!
    sleep 0.3
    kill -$sig $pid
    wait $pid 2>/dev/null
    check "SIG$sig mid-run leaves no file at all" [ -z "$(ls -A out)" ]
done
rm -rf out && mkdir out
echo old >out/big.txt
"$T" --count 100000000000 -o out/big.txt &
pid=$!
sleep 0.3
kill -KILL $pid
wait $pid 2>/dev/null
check "SIGKILL mid-run leaves the old file under the final name" [ "$(cat out/big.txt)" = old ]

# ---- help and version ------------------------------------------------------
"$T" --help >help.txt
check "--help exits 0" [ $? = 0 ]
for o in mode seed count va-bits page-bits writes format output ws drift cold pages \
    stride nodes node-size walks procs burst backing size help version; do
    check "--help lists --$o" grep -q -- "--$o" help.txt
done
check "--help shows defaults" [ "$(grep -c 'default' help.txt)" -ge 15 ]
check "--version prints one line and exits 0" bash -c '[ "$("'"$T"'" --version | wc -l)" = 1 ]'

# ---- flat memory -----------------------------------------------------------
if [ ! -x /usr/bin/time ] && command -v apt-get >/dev/null; then
    apt-get install -y time >/dev/null 2>&1
fi
if [ -x /usr/bin/time ]; then
    for m in locality multi list; do
        r6=$(/usr/bin/time -f %M "$T" --mode $m --writes 0 --count 1000000 -o /dev/null 2>&1)
        r7=$(/usr/bin/time -f %M "$T" --mode $m --writes 0 --count 10000000 -o /dev/null 2>&1)
        check "$m: max RSS flat from 10^6 to 10^7 accesses ($r6 KiB, $r7 KiB)" \
            awk -v a="$r6" -v b="$r7" 'BEGIN { exit !(b <= a * 1.10 && a <= b * 1.10) }'
    done
else
    check "/usr/bin/time is available for the memory test" false
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

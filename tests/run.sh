#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/run.sh -- runs the tests of every group (tests/GROUP/t_*.sh), group by group,
# and sums their results.
#
#   bash tests/run.sh                 every test (make test; from anywhere)
#   bash tests/run.sh unit rtl        the groups named (or t_*.sh files, by path)
#   bash tests/run.sh --list          the files it would run, one a line, and nothing else
#   VMREF=build/asan/vmref bash tests/run.sh     the tests of vmref against that build
#
# The groups, by what they test: unit (model/ and harness/ in C), rtl (the RTL through
# its C API alone), cosim (the RTL against the model), cli (vmref, vmsim, tracegen and
# the make targets, as a user runs them), fuzz (the fuzzers' corpora), repo (the
# committed files themselves).  tests/repo/t_tests.sh checks that this finds them all.
#
# Two files run beside the others, started first, when the machine has more than one
# core: formal/t_formal (minutes of proofs) and cli/t_coverage (a Verilated build of
# its own copy of the tree).  Each touches only its own temporary directory and
# build/formal-venv, and the others run one process at a time, so the second core is
# theirs; CI's time drops by about their length.  Their output comes last, marked
# "beside"; RUN_BESIDE=0 runs them in their place instead.  Each file's line "== NAME"
# ends with its seconds, and the last lines name the slowest files.
#
# Each t_*.sh prints PASS/FAIL/SKIP lines and, last, "#counts P F S" (tests/lib.sh).
# A file that dies without that line, or exits non-zero while reporting no failure,
# counts as one failure.  The last line is "N passed, M failed" (", K skipped" when
# K > 0); the exit status is 1 if anything failed.

set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1

list=0
if [ "${1:-}" = --list ]; then
    list=1
    shift
fi

# The files: every group's t_*.sh, or those of the groups and files named.
shopt -s nullglob
files=()
if [ $# -eq 0 ]; then
    files=(tests/*/t_*.sh)
fi
for a in "$@"; do
    if [ -f "$a" ]; then
        files+=("$a")
    elif [ -d "tests/$a" ]; then
        files+=("tests/$a"/t_*.sh)
    else
        echo "run.sh: $a: neither a test file nor a group (tests/$a)" >&2
        exit 2
    fi
done
if [ $list -eq 1 ]; then
    printf '%s\n' "${files[@]}"
    exit 0
fi

# A clean clone: build what the tests need, once, quietly.
if [ ! -x build/vmref ] || [ ! -x build/tracegen ] || [ ! -r build/traces/addresses.txt ] ||
    [ ! -r build/traces/backing.bin ]; then
    make -s build/vmref default-inputs tracegen >&2 || echo "run.sh: make failed" >&2
fi

# VMREF=build/asan/vmref (or another make target) is built on first use.
if [ -n "${VMREF:-}" ] && [ ! -x "$VMREF" ] && [ ! -x "$ROOT/$VMREF" ]; then
    make -s "${VMREF#"$ROOT"/}" >&2 || echo "run.sh: make $VMREF failed" >&2
fi

total_p=0
total_f=0
total_s=0
times=()

# run_one FILE OUT: runs the test, its output and then its exit status into OUT.
run_one() {
    local t0=$SECONDS
    bash "$1" >"$2" 2>&1
    echo "#rc $? $((SECONDS - t0))" >>"$2"
}

# report NAME OUT [NOTE]: prints a finished file's lines and adds its counts.
report() {
    local name=$1 out=$2 note=${3:-} rc secs counts p f s
    read -r rc secs <<<"$(sed -n 's/^#rc \([0-9]*\) \([0-9]*\)$/\1 \2/p' "$out" | tail -1)"
    echo "== $name ($secs s$note)"
    times+=("$secs $name")
    counts=$(sed -n 's/^#counts \([0-9]*\) \([0-9]*\) \([0-9]*\)$/\1 \2 \3/p' "$out" | tail -1)
    grep -v -e '^#counts ' -e '^#rc ' "$out"
    if [ -z "$counts" ]; then
        echo "FAIL $name: ended (status $rc) without its #counts line"
        total_f=$((total_f + 1))
        return
    fi
    read -r p f s <<<"$counts"
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "FAIL $name: exit status $rc with no failure reported"
        f=1
    fi
    total_p=$((total_p + p))
    total_f=$((total_f + f))
    total_s=$((total_s + s))
}

OUTS=$(mktemp -d "${TMPDIR:-/tmp}/vmmu-run.XXXXXX") || exit 1
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$OUTS"' EXIT
trap 'exit 130' INT TERM
BESIDE=" formal/t_formal cli/t_coverage "
beside=()
if [ "${RUN_BESIDE:-1}" != 0 ] && [ "$(nproc 2>/dev/null || echo 1)" -gt 1 ]; then
    for t in "${files[@]}"; do
        name=${t#tests/}
        name=${name%.sh}
        case $BESIDE in *" $name "*)
            beside+=("$t")
            run_one "$t" "$OUTS/${name//\//_}" &
            ;;
        esac
    done
fi

for t in "${files[@]}"; do
    name=${t#tests/}
    name=${name%.sh}
    case " ${beside[*]} " in *" $t "*) continue ;; esac
    run_one "$t" "$OUTS/${name//\//_}"
    report "$name" "$OUTS/${name//\//_}"
done
wait
for t in "${beside[@]}"; do
    name=${t#tests/}
    name=${name%.sh}
    report "$name" "$OUTS/${name//\//_}" ", beside the others"
done

if [ ${#times[@]} -gt 3 ]; then
    echo "slowest: $(printf '%s\n' "${times[@]}" | sort -rn | head -5 |
        awk '{printf "%s%s %d s", (NR > 1 ? ", " : ""), $2, $1}')"
fi
line="$total_p passed, $total_f failed"
if [ "$total_s" -gt 0 ]; then
    line="$line, $total_s skipped"
fi
echo "$line"
[ "$total_f" -eq 0 ]

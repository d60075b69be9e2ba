# SPDX-License-Identifier: MIT
# tests/lib.sh -- a tiny test library, sourced by every tests/GROUP/t_*.sh.
#
#   pass NAME                     one passing test
#   fail NAME WHY                 one failing test
#   skip NAME WHY                 one skipped test (a missing input, root, ...)
#   expect_eq NAME WANT GOT [WHAT]        pass if the two strings are equal
#   expect_true NAME WHY CMD...   pass if CMD succeeds
#   expect_same_file NAME WANT_FILE GOT_FILE   pass if byte-identical (shows a diff excerpt)
#   stat_of FILE 'Page Faults'    the number after "Page Faults = " in FILE
#   need_osc                      0 if the textbook's inputs are there
#   summary                       the per-file summary; exits 1 if anything failed
#
# Output, one line per test: "PASS name", "FAIL name: why", "SKIP name: why".
# The last line is the machine-readable count the runner parses:
#   "#counts <passed> <failed> <skipped>"
#
# On sourcing: the working directory becomes the repository root; VMREF and
# TRACEGEN (defaults build/vmref, build/tracegen) become absolute paths; OSC is
# the textbook's folder (../shared/osc from the root; OSC=dir overrides); TMP is a fresh temporary
# directory removed on exit.  Needs bash with set -u.

set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1

# abs_path P: P made absolute against the repository root (P need not exist).
abs_path() {
    case $1 in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s\n' "$ROOT/$1" ;;
    esac
}

VMREF=$(abs_path "${VMREF:-build/vmref}")
TRACEGEN=$(abs_path "${TRACEGEN:-build/tracegen}")
OSC=$(abs_path "${OSC:-../shared/osc}")
export VMREF TRACEGEN

_T_PASS=0
_T_FAIL=0
_T_SKIP=0
_T_FILE=$(basename "$0" .sh)

TMP=$(mktemp -d "${TMPDIR:-/tmp}/vmmu-$_T_FILE.XXXXXX") || exit 1
_t_cleanup() {
    # Restore permissions a test may have removed, so rm can clean up.
    chmod -R u+rwx "$TMP" 2>/dev/null
    rm -rf "$TMP"
}
trap _t_cleanup EXIT

pass() {
    _T_PASS=$((_T_PASS + 1))
    printf 'PASS %s\n' "$1"
}

fail() {
    _T_FAIL=$((_T_FAIL + 1))
    printf 'FAIL %s: %s\n' "$1" "${2:-failed}"
}

skip() {
    _T_SKIP=$((_T_SKIP + 1))
    printf 'SKIP %s: %s\n' "$1" "${2:-skipped}"
}

# expect_eq NAME WANT GOT [WHAT]
expect_eq() {
    if [ "$2" == "$3" ]; then
        pass "$1"
    else
        fail "$1" "${4:+$4: }expected '$2', got '$3'"
    fi
}

# expect_true NAME WHY CMD...: WHY is the failure message.
expect_true() {
    local name=$1 why=$2
    shift 2
    if "$@"; then
        pass "$name"
    else
        fail "$name" "$why"
    fi
}

# expect_same_file NAME WANT_FILE GOT_FILE
expect_same_file() {
    if cmp -s "$2" "$3"; then
        pass "$1"
    else
        local d
        d=$(diff "$2" "$3" 2>&1 | head -4 | tr '\n' '|')
        fail "$1" "$3 differs from $2: $d"
    fi
}

# stat_of FILE LABEL: the value of the statistics line "LABEL = N", or "" if none.
stat_of() {
    sed -n "s/^$2 = //p" "$1" | tr -d '\r' | tail -1
}

# need_osc: 0 if the textbook's three files are readable.
need_osc() {
    [ -r "$OSC/addresses.txt" ] && [ -r "$OSC/BACKING_STORE.bin" ] && [ -r "$OSC/correct.txt" ]
}

# need_bin NAME PATH: 0 if PATH is executable, else a failure (the suite cannot run).
need_bin() {
    if [ -x "$2" ]; then
        return 0
    fi
    fail "$1" "$2 is not built (run make)"
    return 1
}

summary() {
    printf '# %s: %d passed, %d failed, %d skipped\n' "$_T_FILE" "$_T_PASS" "$_T_FAIL" "$_T_SKIP"
    printf '#counts %d %d %d\n' "$_T_PASS" "$_T_FAIL" "$_T_SKIP"
    [ "$_T_FAIL" -eq 0 ]
    exit $?
}

# check_values BACKING TRACE OUT [TRACE OUT]...: for each pair, checks that the
# per-access lines of vmref's stdout OUT are one per address of the text TRACE, in
# order, that each "Virtual address" is the trace's address, and that each "Value" is
# the signed byte of BACKING at (page, offset) of the virtual address (osc: 256-byte
# pages, the low 16 bits kept; zero past the end of the file).  Computed here,
# independently of vmref's physical address.  One python for many pairs (python's
# start-up is the slow part).  Prints "OUT: what is wrong" per bad pair and fails,
# or prints nothing and succeeds.  PAGE_BITS and VA_BITS override 8 and 16.
check_values() {
    python3 - "$@" <<'PY'
import os, re, sys
page_bits = int(os.environ.get("PAGE_BITS", "8"))
va_bits = int(os.environ.get("VA_BITS", "16"))
backing, pairs = sys.argv[1], sys.argv[2:]
bs = open(backing, "rb").read()
page = 1 << page_bits
pat = re.compile(r"^Virtual address: (\d+) Physical address: (\d+) Value: (-?\d+)$")
traces = {}
bad = 0

def check(trace, out):
    if trace not in traces:
        addrs = []
        for raw in open(trace, encoding="ascii", newline=""):
            line = raw.split("#", 1)[0].strip()
            if line:
                addrs.append(int(line, 0))
        traces[trace] = addrs
    addrs = traces[trace]
    got = [l.rstrip("\r\n") for l in open(out, encoding="ascii") if l.startswith("Virtual address:")]
    if len(got) != len(addrs):
        return f"{len(got)} access lines for {len(addrs)} trace addresses"
    for i, (a, l) in enumerate(zip(addrs, got), 1):
        m = pat.match(l)
        if not m:
            return f"access {i}: malformed line {l!r}"
        va, value = int(m.group(1)), int(m.group(3))
        if va != a:
            return f"access {i}: virtual address {va}, trace has {a}"
        v = a & ((1 << va_bits) - 1)
        pos = (v >> page_bits) * page + (v & (page - 1))
        b = bs[pos] if pos < len(bs) else 0
        want = b - 256 if b > 127 else b
        if value != want:
            return f"access {i}: address {a}: Value {value}, backing store byte is {want}"
    return None

for trace, out in zip(pairs[0::2], pairs[1::2]):
    try:
        msg = check(trace, out)
    except Exception as e:  # a missing file, a bad trace line: a failure, not a crash
        msg = f"{type(e).__name__}: {e}"
    if msg:
        print(f"{out}: {msg}")
        bad = 1
sys.exit(bad)
PY
}

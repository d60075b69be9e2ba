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
#   cfg_make CFG, cfg_opts CFG    a build's name (osc-4x4, osc-1x8-i1x4, sv39-1x4-L16x4-p4: the Makefile's CFG)
#                                 as make's variables, or as vmref's and vmsim's options
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

# cfg_make NAME, cfg_opts NAME: a build's make variables (make build-vars) and its
# vmsim options (make build-opts), both from the Makefile's one parser of build names
# (cfg_vars, then the opt_ knobs, as make sim and make bench turn them); asked once a
# name per test file.
cfg_ask() { # cfg_ask TARGET NAME
    local f=$TMP/cfg-ask/$1-$2
    if [ ! -s "$f" ]; then
        mkdir -p "$TMP/cfg-ask" &&
            make -s --no-print-directory -C "$ROOT" "$1" CFG="$2" >"$f.new" && mv "$f.new" "$f" || return 1
    fi
    cat "$f"
}
cfg_make() { cfg_ask build-vars "$1"; }
cfg_opts() { cfg_ask build-opts "$1"; }

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

# check_values BACKING TRACE OUT [TRACE OUT]...: each Value that vmref printed in OUT
# is BACKING's byte at the address of TRACE's line (tests/cli/check_values.py: how,
# and what it prints); fails if one is not.
check_values() {
    python3 "$ROOT/tests/cli/check_values.py" "$@"
}

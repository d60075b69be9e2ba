#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tools/deps.sh GROUP... — installs the Debian packages a make target needs, if any are
# missing, saying what it installs; sudo when not root.  Needs only bash and apt, so
# .ci/run calls it on a fresh machine before make itself is installed.  Groups:
#   c        gcc make                       sim   verilator g++ zlib
#            zlib liblzma libzstd (-dev: the trace reader's decompressors)
#   python   python3 (the co-simulation driver, mutants, plots data)
#   zip      gzip xz zstd (the commands: tests and make bench compress traces)
#   zstd     zstd (the command)             time  GNU time (/usr/bin/time)
#   synth    yosys nextpnr-ice40            waves gtkwave xvfb
#   plots    gnuplot                        sweep parallel
#   fuzz     clang                          trace valgrind
#   sshd     openssh-server (tests/cli/t_sweep_ssh.sh's throwaway sshd on 127.0.0.1)
#   formal   python3 python3-venv (make formal's venv of PyPI tools, mk/formal.mk)
#   coverage lcov (genhtml: make coverage's HTML report)
#   zstd     zstd (the command)
# VMMU_NO_INSTALL=1: report what is missing and fail instead of installing.
set -euo pipefail
need=()
have() { command -v "$1" >/dev/null 2>&1; }
pkg_have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
for g in "$@"; do
  case "$g" in
    c)     have gcc || need+=(gcc); have make || need+=(make)
           for p in zlib1g-dev liblzma-dev libzstd-dev; do pkg_have $p || need+=($p); done ;;
    python) have python3 || need+=(python3) ;;
    zip)   have gzip || need+=(gzip); have xz || need+=(xz-utils); have zstd || need+=(zstd) ;;
    sim)   have verilator || need+=(verilator); have g++ || need+=(g++)
           pkg_have zlib1g-dev || need+=(zlib1g-dev) ;;
    synth) have yosys || need+=(yosys); have nextpnr-ice40 || need+=(nextpnr-ice40)
           have icepack || need+=(fpga-icestorm) ;;
    waves) have gtkwave || need+=(gtkwave); have Xvfb || need+=(xvfb)
           have xdotool || need+=(xdotool); have import || need+=(imagemagick) ;;
    plots) have gnuplot || need+=(gnuplot-nox) ;;
    sweep) have parallel || need+=(parallel) ;;
    fuzz)  have clang || need+=(clang); pkg_have libclang-rt-14-dev || need+=(libclang-rt-14-dev) ;;
    trace) have valgrind || need+=(valgrind) ;;
    sshd)  [ -x /usr/sbin/sshd ] || need+=(openssh-server) ;;
    zstd)  have zstd || need+=(zstd) ;;
    time)  [ -x /usr/bin/time ] || need+=(time) ;;
    formal) have python3 || need+=(python3); pkg_have python3-venv || need+=(python3-venv) ;;
    coverage) have genhtml || need+=(lcov) ;;
    *) echo "tools/deps.sh: unknown group '$g'" >&2; exit 2 ;;
  esac
done
[ ${#need[@]} -eq 0 ] && exit 0
[ "${VMMU_NO_INSTALL:-0}" = 0 ] || { echo "vmmu: missing packages: ${need[*]} (not installed: VMMU_NO_INSTALL is set; bash tools/deps.sh $* installs them)" >&2; exit 1; }
echo "vmmu: installing missing packages: ${need[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
stamp=/tmp/.vmmu-apt-updated
if [ ! -e "$stamp" ]; then $sudo apt-get update -qq && touch "$stamp"; fi
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >&2

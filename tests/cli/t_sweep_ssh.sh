#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/cli/t_sweep_ssh.sh -- a sweep over two "machines" for real (issue 13, item 14):
# this one (":") and an ssh login to a throwaway sshd on 127.0.0.1.
#
#   ssh-login    the test's sshd accepts the test's key (nothing else: its own config,
#                host key, client key and known_hosts, all in the test's temp dir)
#   ssh-sweep    tools/sweep.sh run --sshlogin ":,<login>" succeeds within 120 s
#   ssh-remote   GNU parallel's job log shows jobs run through the login, all exit 0
#   ssh-same-csv the CSV equals a local run's, row for row (all but "seconds")
#   ssh-untouched  ~/.ssh and /etc/ssh are as they were
#
# The sshd listens on 127.0.0.1 only, at a free high port, lets in only this user from
# 127.0.0.1 with the test's key, and is killed by its PID on exit.  openssh-server and
# GNU parallel come from tools/deps.sh (groups sshd, sweep) when missing; the test skips
# when they cannot be installed.  Root may log in only because the test's sshd_config
# says so (PermitRootLogin prohibit-password: by key).  The "remote" runs in this
# repository's directory (GNU parallel's --workdir), as a real remote machine with a
# checkout at the same path would.

. "$(dirname "$0")/../lib.sh"

need_bin sweep-ssh-vmref "$VMREF" || summary
need_bin sweep-ssh-tracegen "$TRACEGEN" || summary

if ! command -v parallel >/dev/null || [ ! -x /usr/sbin/sshd ]; then
    bash tools/deps.sh sweep sshd >"$TMP/deps.log" 2>&1
fi
if ! command -v parallel >/dev/null || [ ! -x /usr/sbin/sshd ] || ! command -v ssh-keygen >/dev/null; then
    skip sweep-ssh "GNU parallel, sshd or ssh-keygen missing and not installable (tools/deps.sh: $(tail -1 "$TMP/deps.log" 2>/dev/null))"
    summary
fi

user=$(id -un)
d=$TMP/ssh
mkdir -p "$d" && chmod 700 "$d"

# What must not change.
untouched() {
    for f in "$HOME/.ssh" /etc/ssh; do
        [ -e "$f" ] && find "$f" -printf '%p %s %T@ %m\n' 2>/dev/null | sort
    done | md5sum
}
before=$(untouched)

# sshd (as root) wants its privilege-separation directory; make it only if missing,
# and remove it again.
made_run_sshd=
sshd_pid=
run_pid=
cleanup() {
    [ -z "$run_pid" ] || kill "$run_pid" 2>/dev/null
    if [ -n "$sshd_pid" ]; then
        kill "$sshd_pid" 2>/dev/null
        wait "$sshd_pid" 2>/dev/null
    fi
    [ -z "$made_run_sshd" ] || rmdir /run/sshd 2>/dev/null
    _t_cleanup
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
if [ "$(id -u)" -eq 0 ] && [ ! -d /run/sshd ]; then
    mkdir -m 755 /run/sshd && made_run_sshd=1
fi

ssh-keygen -q -t ed25519 -N '' -C vmmu-test-host -f "$d/host_key" &&
    ssh-keygen -q -t ed25519 -N '' -C vmmu-test-client -f "$d/id" ||
    { fail sweep-ssh-keys "ssh-keygen failed"; summary; }
cp "$d/id.pub" "$d/authorized_keys"

# A free port above 1024 on 127.0.0.1 (the kernel's choice of an ephemeral one).
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$d/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $d/host_key
PidFile $d/sshd.pid
AuthorizedKeysFile $d/authorized_keys
AllowUsers $user@127.0.0.1
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
PermitTunnel no
MaxStartups 64:30:128
LogLevel VERBOSE
EOF
login=vmmu-sweep-test
cat >"$d/ssh_config" <<EOF
Host $login
  HostName 127.0.0.1
  Port $port
  User $user
  IdentityFile $d/id
  IdentitiesOnly yes
  UserKnownHostsFile $d/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  UpdateHostKeys no
  CheckHostIP no
  BatchMode yes
  ConnectTimeout 5
  ServerAliveInterval 5
  ServerAliveCountMax 3
  ControlMaster no
  ControlPath none
  LogLevel ERROR
EOF
echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$d/host_key.pub")" >"$d/known_hosts"

if ! /usr/sbin/sshd -t -f "$d/sshd_config" 2>"$d/sshd-t.log"; then
    fail sweep-ssh-login "sshd -t rejects the test's config: $(tail -1 "$d/sshd-t.log")"
    summary
fi
/usr/sbin/sshd -D -e -f "$d/sshd_config" 2>"$d/sshd.log" &
sshd_pid=$!

# Up when a login runs a command (10 s at most).
ssh_cmd=(ssh -F "$d/ssh_config")
up=
for _ in $(seq 50); do
    if [ "$(timeout 10 "${ssh_cmd[@]}" "$login" echo ok 2>"$d/ssh.err")" = ok ]; then
        up=1
        break
    fi
    kill -0 "$sshd_pid" 2>/dev/null || break
    sleep 0.2
done
if [ -z "$up" ]; then
    fail sweep-ssh-login "no login to the test's sshd on 127.0.0.1:$port: $(tail -1 "$d/ssh.err") / $(tail -2 "$d/sshd.log" | tr '\n' '|')"
    summary
fi
pass sweep-ssh-login

# The jobs: five policies x eight frame counts of a 1000-access trace.
"$TRACEGEN" --mode locality --seed 11 --count 1000 -o "$TMP/loc.txt" ||
    { fail sweep-ssh-trace "tracegen failed"; summary; }
jobs=$TMP/jobs.txt
bash tools/sweep.sh grid --traces "$TMP/loc.txt" --frames "2 4 8 12 16 24 32 48" >"$jobs" ||
    { fail sweep-ssh-grid "grid failed"; summary; }
njobs=$(grep -c . "$jobs")

t0=$SECONDS
# In the background, so that a signal to this test is handled (sshd killed) at once.
PARALLEL_SSH="${ssh_cmd[*]}" PARALLEL="--joblog $d/joblog" \
    timeout 120 bash tools/sweep.sh run -j 2 --sshlogin ":,$login" -o "$TMP/ssh.csv" "$jobs" \
    2>"$TMP/ssh-run.err" &
run_pid=$!
wait "$run_pid"
rc=$?
run_pid=
if [ "$rc" -eq 0 ]; then
    pass sweep-ssh-sweep
else
    fail sweep-ssh-sweep "status $rc after $((SECONDS - t0)) s: $(tail -3 "$TMP/ssh-run.err" | tr '\n' '|')"
fi
echo "# sweep over ':' and $login: $njobs configurations in $((SECONDS - t0)) s"

# The job log: Seq Host Starttime JobRuntime Send Receive Exitval Signal Command.
remote=$(awk -F'\t' -v h="$login" 'NR > 1 && $2 == h { n++ } END { print n + 0 }' "$d/joblog" 2>/dev/null)
local_=$(awk -F'\t' 'NR > 1 && $2 == ":" { n++ } END { print n + 0 }' "$d/joblog" 2>/dev/null)
bad=$(awk -F'\t' 'NR > 1 && ($7 != 0 || $8 != 0) { n++ } END { print n + 0 }' "$d/joblog" 2>/dev/null)
if [ "${remote:-0}" -ge 1 ] && [ "${bad:-1}" -eq 0 ]; then
    pass sweep-ssh-remote
else
    fail sweep-ssh-remote "job log: ${remote:-?} calls through $login, ${local_:-?} local, ${bad:-?} failed$(
        awk -F'\t' 'NR > 1 && ($7 != 0 || $8 != 0) { printf ", e.g. on %s exit %s", $2, $7; exit }' "$d/joblog" 2>/dev/null)"
fi
echo "# job log: $remote calls through $login, $local_ on ':'"

# The same jobs here alone; the rows must be the same but for the run times.
env -u PARALLEL bash tools/sweep.sh run -j 2 -o "$TMP/local.csv" "$jobs" 2>"$TMP/local.err" ||
    fail sweep-ssh-local "the local run failed: $(tail -1 "$TMP/local.err")"
col=$(head -1 "$TMP/local.csv" | tr ',' '\n' | grep -nx seconds | cut -d: -f1)
strip() { awk -F, -v OFS=, -v c="$col" '{ $c = ""; print }' "$1"; }
if [ -z "$col" ]; then
    fail sweep-ssh-same-csv "no seconds column in $(head -1 "$TMP/local.csv")"
elif [ "$(grep -c . "$TMP/local.csv")" -ne $((njobs + 1)) ]; then
    fail sweep-ssh-same-csv "the local CSV has $(($(grep -c . "$TMP/local.csv") - 1)) rows for $njobs jobs"
elif [ ! -r "$TMP/ssh.csv" ]; then
    fail sweep-ssh-same-csv "no CSV from the ssh sweep"
elif ! diff <(strip "$TMP/local.csv") <(strip "$TMP/ssh.csv") >"$TMP/diff.txt"; then
    fail sweep-ssh-same-csv "rows differ: $(head -4 "$TMP/diff.txt" | tr '\n' '|')"
else
    pass sweep-ssh-same-csv
fi

expect_eq sweep-ssh-untouched "$before" "$(untouched)" "~/.ssh and /etc/ssh"

summary

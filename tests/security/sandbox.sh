#!/usr/bin/env bash
# The seccomp sandbox (server/sandbox.c): every session child runs under
# one more seccomp filter than the listening parent, which has none of
# its own; a whole session still works under it (ftplib_all.py: LIST,
# NLST, MLSD, RETR compared byte for byte, STOR, APPE, REST, HASH, ABOR
# idle and mid-transfer, in PASV and in PORT mode) and every session ends
# with status 0, never killed.  Rounds: the server as started (as root:
# chrooted children as the ftp account), the server started as the ftp
# account (when root), --inetd (the one process is the session), and
# --no-sandbox and "sandbox = no", whose children have no filter of ours.
# Then, under an outer filter (x86_64): seccomp missing (EINVAL) gives one
# warning and unfiltered sessions; refused (EACCES) stops the start;
# refused in a session child only ends that session with 421.
# What the filter denies is checked call by call in tests/unit/test_sandbox.c.
#
# Filters are counted relative to this shell's own: a test run inside a
# container may already be under one (Seccomp: 2 everywhere).
. "$(dirname "$0")/../lib.sh"

grep -q '^Seccomp:' /proc/self/status || skip "no Seccomp line in /proc/PID/status"

# seccomp_of PID: "MODE FILTERS" of a process (FILTERS "-" before Linux 5.9).
seccomp_of() {
	awk '/^Seccomp:/ { m = $2 } /^Seccomp_filters:/ { f = $2 }
	    END { print m, (f == "" ? "-" : f) }' "/proc/$1/status"
}
read -r base_mode base_n <<<"$(seccomp_of $$)"
sandboxed="2 $([ "$base_n" = - ] && echo - || echo $((base_n + 1)))"
unfiltered="$base_mode $base_n"
note "this shell: Seccomp $base_mode, filters $base_n"

REAL=$FORKFTPD
rounds=0

# fresh_root NAME: ROOT=$T/NAME, the sample tree plus a 32 MiB abort.bin
# (an ABOR always arrives mid-transfer); SRC a pristine copy.
fresh_root() {
	ROOT=$T/$1 SRC=$T/$1.src
	make_root "$ROOT"
	sample_files "$ROOT"
	head -c 33554432 /dev/zero >"$ROOT/abort.bin"
	[ "$(id -u)" != 0 ] || chown "$(ftp_account):" "$ROOT/abort.bin"
	chmod 644 "$ROOT/abort.bin"
	cp -a "$ROOT" "$SRC"
}

# check_round NAME WANT OPTIONS...: start the server, hold a logged-in
# session, compare both processes' seccomp state, then a full ftplib
# session; stop the server and read its log.
check_round() {
	local name=$1 want=$2 pid got
	shift 2
	fresh_root "$name"
	start_forkftpd --anonymous --anonymous-write --grace 1 "$@" "$ROOT"
	assert_eq "$unfiltered" "$(seccomp_of "$FTPD_PID")" "$name: the listening parent"
	hold_sessions "$FTPD_PORT" 1 "$name" anonymous x@
	assert_match '230' "$(cat "$T/hold.$name.out")" "$name: login"
	pid=$(session_pids | head -1)
	[ -n "$pid" ] || fail "$name: no session child"
	got=$(seccomp_of "$pid")
	assert_eq "$want" "$got" "$name: the session child (Seccomp, Seccomp_filters)"
	release_sessions "$name"
	assert_match '^200' "$(cat "$T/hold.$name.done")" "$name: NOOP after the check"
	IOP_TIMEOUT=90 t_py ftplib_all.py "$FTPD_PORT" "$ROOT" "$SRC" >"$T/$name.ftplib" 2>&1 ||
		fail "$name: ftplib_all.py: $(cat "$T/$name.ftplib")"
	kill -TERM "$FTPD_PID"
	wait_until 10 sh -c "! kill -0 $FTPD_PID" || fail "$name: server did not stop"
	! grep -E 'killed by signal|fatal' "$FTPD_LOG" ||
		fail "$name: a session died: $(cat "$FTPD_LOG")"
	grep -q 'ended, status 0' "$FTPD_LOG" ||
		fail "$name: no session ended cleanly: $(cat "$FTPD_LOG")"
	rounds=$((rounds + 1))
	note "$name: parent $unfiltered, session $got, full ftplib session ok"
}

check_round started "$sandboxed"
if [ "$(id -u)" = 0 ]; then
	unpriv_forkftpd
	check_round unprivileged "$sandboxed"
	FORKFTPD=$REAL
fi
check_round no-sandbox "$unfiltered" --no-sandbox
printf 'sandbox = no\n' >"$T/off.conf"
check_round conf-off "$unfiltered" -c "$T/off.conf"

# --inetd: no parent; the one process reads its own status once it greets.
make_root "$T/inetd"
out=$("$PY" - "$FORKFTPD" "$T/inetd" 2>&1 <<'PYEOF'
import socket, subprocess, sys
a, b = socket.socketpair()
p = subprocess.Popen([sys.argv[1], '--inetd', sys.argv[2]], stdin=b,
                     stderr=subprocess.DEVNULL)
b.close()
a.settimeout(10)
f = a.makefile('rb')
print(f.readline().decode().rstrip())
a.sendall(b'NOOP\r\n')
f.readline()	# the session loop has started: the filter is in place
m = n = '-'
for line in open('/proc/%d/status' % p.pid):
    if line.startswith('Seccomp:'):
        m = line.split()[1]
    elif line.startswith('Seccomp_filters:'):
        n = line.split()[1]
print(m, n)
a.sendall(b'QUIT\r\n')
print(f.readline().decode().rstrip())
print('exit', p.wait(timeout=10))
PYEOF
)
assert_match '^220' "$(sed -n 1p <<<"$out")" "inetd: greeting"
assert_eq "$sandboxed" "$(sed -n 2p <<<"$out")" "inetd: the session process"
assert_match '^221' "$(sed -n 3p <<<"$out")" "inetd: QUIT"
assert_eq "exit 0" "$(sed -n 4p <<<"$out")" "inetd: exit status"
rounds=$((rounds + 1))

# Where seccomp is missing or refused (tests/tools/seccomp_wrap.py, x86_64):
# "off" makes prctl(PR_SET_SECCOMP) fail with EINVAL for every call (a
# kernel without seccomp filters), "refuse" with EACCES for every call,
# "child" with EACCES only when a program is passed (the parent's probe,
# with NULL, still passes).
# outer MODE: FORKFTPD (the real one) under that outer filter.
outer() { FORKFTPD=$(sec_seccomp_wrap "$1" "$REAL"); }
if [ "$(uname -m)" = x86_64 ]; then
	outer_n=$([ "$base_n" = - ] && echo - || echo $((base_n + 1)))
	make_root "$T/outer"
	echo hello >"$T/outer/f.txt"
	make_root "$T/outer"
	# No seccomp filters: one warning at start, sessions served unfiltered.
	outer off
	start_forkftpd --grace 1 "$T/outer"
	out=$(printf 'USER anonymous\nPASS x@\nSIZE f.txt\nQUIT\n' | ftp_chat "$FTPD_PORT")
	assert_match '^213 6' "$out" "without seccomp: a session"
	assert_eq 1 "$(grep -c 'no seccomp filters here' "$FTPD_LOG")" "without seccomp: warnings"
	hold_sessions "$FTPD_PORT" 1 outer anonymous x@
	pid=$(session_pids | head -1)
	[ -n "$pid" ] || fail "without seccomp: no session child"
	assert_eq "2 $outer_n" "$(seccomp_of "$pid")" "without seccomp: the outer filter only"
	release_sessions outer
	# Refused for another reason: no start at all, rather than sessions
	# that silently lack the filter.
	outer refuse
	timeout 20 "$FORKFTPD" -l 127.0.0.1:0 "$T/outer" >"$T/refuse.log" 2>&1 &&
		fail "seccomp refused (EACCES): forkftpd started: $(cat "$T/refuse.log")"
	assert_match 'seccomp.*--no-sandbox' "$(cat "$T/refuse.log")" "seccomp refused: the message"
	# Refused in a child only: that session ends with 421 (fail closed),
	# the server goes on.
	outer child
	start_forkftpd --grace 1 "$T/outer"
	# (the client sends nothing: unread input would turn the close into
	# a reset that can swallow the 421)
	assert_match '^421' "$(first_reply "$FTPD_PORT")" \
	    "seccomp refused in the child: the first reply"
	wait_until 10 grep -q 'seccomp sandbox: Permission denied' "$FTPD_LOG" ||
		fail "seccomp refused in the child: not logged: $(cat "$FTPD_LOG")"
	kill -0 "$FTPD_PID" || fail "seccomp refused in the child: the parent died"
	FORKFTPD=$REAL
	rounds=$((rounds + 3))
else
	note "not x86_64: the missing and refused seccomp rounds are skipped"
fi

sec_tried "$rounds servers: seccomp state of parent and session, full ftplib sessions (PASV and PORT) under the filter"
exit 0

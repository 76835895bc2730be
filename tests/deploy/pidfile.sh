#!/bin/bash
# --pidfile holds the parent's pid; a second forkftpd with the same
# pidfile refuses to start; the file is removed on SIGTERM.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
start_forkftpd --pidfile "$T/ftpd.pid" "$T/root"
wait_until 5 test -s "$T/ftpd.pid" || fail "pidfile not written"
assert_eq "$FTPD_PID" "$(cat "$T/ftpd.pid")" "pid in the pidfile"

timeout 10 "$FORKFTPD" -l 127.0.0.1:0 --pidfile "$T/ftpd.pid" "$T/root" >"$T/out" 2>&1
rc=$?
[ "$rc" != 0 ] && [ "$rc" != 124 ] || fail "second start: exit status $rc: $(cat "$T/out")"
grep -q "already running as pid $FTPD_PID" "$T/out" || fail "second start said: $(cat "$T/out")"
assert_eq "$FTPD_PID" "$(cat "$T/ftpd.pid")" "pidfile after the refused start"
assert_match '^220' "$(first_reply "$FTPD_PORT")" "first server still serving"

# A start that fails after creating its pid file (the port is taken)
# leaves no pid file behind.
timeout 10 "$FORKFTPD" -l "127.0.0.1:$FTPD_PORT" --pidfile "$T/other.pid" "$T/root" >"$T/out" 2>&1
rc=$?
assert_eq 1 "$rc" "exit status when the port is taken ($(cat "$T/out"))"
grep -q 'Address already in use' "$T/out" || fail "bind failure message: $(cat "$T/out")"
[ ! -e "$T/other.pid" ] || fail "pid file left by a failed start"

kill -TERM "$FTPD_PID"
wait_until 10 sh -c "! kill -0 $FTPD_PID" || fail "did not exit on SIGTERM"
[ ! -e "$T/ftpd.pid" ] || fail "pidfile left after exit"

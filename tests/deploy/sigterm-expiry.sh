#!/bin/bash
# SIGTERM with an idle session that does not leave: after --grace the
# session is ended and the parent exits; no process is left behind.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
start_forkftpd --grace 1 "$T/root"
hold_sessions "$FTPD_PORT" 2 a
wait_until 5 test "$(count_sessions)" = 2 || fail "expected 2 children"
kids=$(session_pids | tr '\n' ' ')
start=$SECONDS
kill -TERM "$FTPD_PID"
wait_until 10 sh -c "! kill -0 $FTPD_PID" || fail "parent still running 10 s after SIGTERM with --grace 1"
[ $((SECONDS - start)) -le 6 ] || fail "took $((SECONDS - start)) s to exit with --grace 1"
for k in $kids; do
	wait_until 5 sh -c "! kill -0 $k" || fail "session $k survived the parent"
done
grep -q exiting "$FTPD_LOG" || fail "no exit message: $(cat "$FTPD_LOG")"

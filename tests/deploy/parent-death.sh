#!/bin/bash
# Sessions die with the parent: SIGKILL the listener and every child
# goes too (PR_SET_PDEATHSIG, set after the privilege drop).
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
start_forkftpd "$T/root"
hold_sessions "$FTPD_PORT" 3 a anonymous x@
wait_until 5 test "$(count_sessions)" = 3 || fail "expected 3 children"
kids=$(session_pids)
disown "$FTPD_PID"	# no "Killed" notice from bash
kill -KILL "$FTPD_PID"
for k in $kids; do
	wait_until 5 sh -c "! kill -0 $k 2>/dev/null || grep -q '^State:.*Z' /proc/$k/status" ||
		fail "session $k survived its parent"
done

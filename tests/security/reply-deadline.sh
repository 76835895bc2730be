#!/usr/bin/env bash
# Replies are written under the session's deadlines: a client that
# pipelines commands and never reads (small receive buffer, so the
# server's writes cannot complete) loses its session at the login or
# idle deadline, before login, after login and during a transfer, and
# does not keep a --max-clients slot from others.  The data connection
# too: a download nobody reads ends at the data deadline even while the
# client keeps the control connection busy with STAT (statpoll).
. "$(dirname "$0")/../lib.sh"

ROOT=$T/root
sec_fixture "$ROOT"
head -c 20000000 /dev/urandom >"$ROOT/huge.bin"
chmod 644 "$ROOT/huge.bin"
DEADLINE=3
start_forkftpd --anonymous --max-clients 2 --login-timeout $DEADLINE \
	--idle-timeout $DEADLINE --data-timeout $DEADLINE "$ROOT"

cut=0
for mode in prelogin postlogin transfer statpoll; do
	mkfifo "$T/in.$mode"
	"$PY" "$SEC_TOOLS/sec_noread.py" "$FTPD_PORT" $mode 2 \
	    <"$T/in.$mode" >"$T/out.$mode" 2>&1 &
	pid=$!
	exec 3>"$T/in.$mode"	# held open: the clients stay until it closes
	t_defer "kill $pid"
	wait_until 30 grep -q ready "$T/out.$mode" ||
		fail "$mode: clients not set up: $(cat "$T/out.$mode")"
	# Deadline plus a margin for a loaded machine.
	wait_until $((DEADLINE + 4)) sec_no_children ||
		fail "$mode: $(sec_nchildren "$FTPD_PID") sessions still held $((DEADLINE + 4)) s after they stopped reading"
	sec_assert_served "$mode: with --max-clients 2, after the non-reading clients"
	# Cut by the write deadline, not by another limit.  Before login a
	# slow start (a loaded machine) may let the login deadline pass while
	# the server still reads: that cut is as good.
	cut=$((cut + 2))
	pat='does not read its replies'
	[ $mode != prelogin ] || pat="$pat|timeout, closing"
	[ $mode != statpoll ] || pat="$pat|data timeout, closing"
	assert_eq $cut "$(grep -Ec "$pat" "$FTPD_LOG")" \
	    "$mode: sessions cut for not reading, in total"
	exec 3>&-
	wait "$pid" 2>/dev/null
	note "$mode: sessions ended at the deadline"
done
exit 0

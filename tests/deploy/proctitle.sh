#!/bin/bash
# setproctitle: ps shows the parent as the listener and a session as
# "forkftpd: USER@ADDR: ..." once logged in.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
start_forkftpd "$T/root"
wait_until 5 grep -q 'forkftpd: listener' /proc/"$FTPD_PID"/cmdline ||
	fail "parent title: $(tr '\0' ' ' </proc/"$FTPD_PID"/cmdline)"
hold_sessions "$FTPD_PORT" 1 a anonymous x@
pid=$(session_pids | head -1)
[ -n "$pid" ] || fail "no session child"
wait_until 5 grep -q 'forkftpd: anonymous@127\.0\.0\.1: ' /proc/"$pid"/cmdline ||
	fail "session title: $(tr '\0' ' ' </proc/"$pid"/cmdline)"
release_sessions a

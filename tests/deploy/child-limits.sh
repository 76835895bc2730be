#!/bin/bash
# Whatever the user: a session child has no_new_privs, cannot fork
# (RLIMIT_NPROC 0) and cannot dump core (it holds the users' hashes).
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
start_forkftpd "$T/root"
hold_sessions "$FTPD_PORT" 1 a anonymous x@
pid=$(session_pids | head -1)
[ -n "$pid" ] || fail "no session child"
assert_eq "NoNewPrivs:	1" "$(grep '^NoNewPrivs:' /proc/"$pid"/status)" "child no_new_privs"
assert_match '^Max processes +0 +0 ' "$(grep '^Max processes' /proc/"$pid"/limits)" "child RLIMIT_NPROC"
assert_match '^Max core file size +0 +0 ' "$(grep '^Max core file size' /proc/"$pid"/limits)" "child RLIMIT_CORE"
release_sessions a
assert_match '^200' "$(head -1 "$T/hold.a.done")" "session works with these limits"

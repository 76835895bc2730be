#!/bin/bash
# Wording: the users file is named by its path ("users file PATH"), at
# start and on SIGHUP; one running session is "1 session" when stopping;
# the listener's process title has no stray '.' (libbsd marks a title
# shorter than argv[0] with one).
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
h=$(hash_password pw); [ -n "$h" ] || fail "--hash-password gave nothing"
printf 'alice:%s:/:r\n' "$h" >"$T/users"
chmod 600 "$T/users"
start_forkftpd -u "$T/users" --grace 5 "$T/root"
assert_match "serving $T/root to the users of users file $T/users\$" \
	"$(grep 'serving' "$FTPD_LOG")" "start-up line"
title=$(tr '\0' ' ' </proc/"$FTPD_PID"/cmdline)
assert_match '^forkftpd: listener *$' "$title" "listener title"
kill -HUP "$FTPD_PID"
wait_until 5 grep -q reloaded "$FTPD_LOG" || fail "no reload: $(cat "$FTPD_LOG")"
assert_match "reloaded configuration and users file $T/users\$" \
	"$(grep reloaded "$FTPD_LOG")" "reload line"
hold_sessions "$FTPD_PORT" 1 a alice pw
kill -TERM "$FTPD_PID"
wait_until 5 grep -q 'stopping' "$FTPD_LOG" || fail "no stopping line: $(cat "$FTPD_LOG")"
assert_match 'stopping: no new connections; 1 session gets 5 s to finish' \
	"$(grep stopping "$FTPD_LOG")" "one session"
release_sessions a

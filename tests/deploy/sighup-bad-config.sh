#!/bin/bash
# SIGHUP with a broken config file: the error is logged and the running
# configuration is kept; fixing the file and SIGHUP again applies it.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
printf 'max_clients = 5\n' >"$T/a.conf"
start_forkftpd -c "$T/a.conf" "$T/root"
printf 'max_clients = many\n' >"$T/a.conf"
kill -HUP "$FTPD_PID"
wait_until 5 grep -q 'keeping the running configuration' "$FTPD_LOG" ||
	fail "no reload error: $(cat "$FTPD_LOG")"
assert_match '^220' "$(first_reply "$FTPD_PORT")" "still serving after a bad reload"
printf 'max_clients = 1\n' >"$T/a.conf"
kill -HUP "$FTPD_PID"
wait_until 5 grep -q 'reloaded' "$FTPD_LOG" || fail "no reload: $(cat "$FTPD_LOG")"
hold_sessions "$FTPD_PORT" 1 a
assert_match '^421' "$(first_reply "$FTPD_PORT")" "max_clients = 1 after the reload"
release_sessions a

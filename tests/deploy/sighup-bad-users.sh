#!/bin/bash
# SIGHUP with a malformed users file: the error (file:line) is logged and
# the users already loaded keep logging in.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
mkdir -p "$T/root/alice"
make_root "$T/root"
h=$(hash_password 'alice-pw') ; [ -n "$h" ] || fail "--hash-password gave nothing"
printf 'alice:%s:/alice:r\n' "$h" >"$T/users"
start_forkftpd -u "$T/users" --fail-delay-ms 10 "$T/root"
printf 'bob:plaintext:/bob:rw\n' >>"$T/users"
kill -HUP "$FTPD_PID"
wait_until 5 grep -q 'keeping the running configuration' "$FTPD_LOG" ||
	fail "no reload error: $(cat "$FTPD_LOG")"
grep -q "$T/users:2: " "$FTPD_LOG" || fail "error without file:line: $(cat "$FTPD_LOG")"
out=$(printf 'USER alice\nPASS alice-pw\nQUIT\n' | ftp_chat "$FTPD_PORT")
assert_match '^230' "$out" "alice after a failed reload"

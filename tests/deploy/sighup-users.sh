#!/bin/bash
# SIGHUP re-reads the users file: a newly added user can log in, and a
# session opened before the reload survives it.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
mkdir -p "$T/root/alice" "$T/root/bob"
make_root "$T/root"
ha=$(hash_password 'alice-pw') hb=$(hash_password 'bob-pw')
[ -n "$ha" ] && [ -n "$hb" ] || fail "--hash-password gave nothing"
printf 'alice:%s:/alice:r\n' "$ha" >"$T/users"
start_forkftpd -u "$T/users" --fail-delay-ms 10 "$T/root"
hold_sessions "$FTPD_PORT" 1 a alice alice-pw
assert_match '230' "$(head -1 "$T/hold.a.out")" "alice logs in"
out=$(printf 'USER bob\nPASS bob-pw\n' | ftp_chat "$FTPD_PORT")
assert_match '530' "$out" "bob before the reload"

printf 'bob:%s:/bob:rw\n' "$hb" >>"$T/users"
kill -HUP "$FTPD_PID"
wait_until 5 grep -q reloaded "$FTPD_LOG" || fail "no reload message: $(cat "$FTPD_LOG")"
out=$(printf 'USER bob\nPASS bob-pw\n' | ftp_chat "$FTPD_PORT")
assert_match '230' "$out" "bob after the reload"
kill -0 "$FTPD_PID" || fail "the server died on SIGHUP"
release_sessions a
assert_match '^200' "$(head -1 "$T/hold.a.done")" "alice's session after the reload"

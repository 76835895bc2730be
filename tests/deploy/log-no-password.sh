#!/bin/bash
# Passwords never reach a log: not a failed one, not a good one, not an
# anonymous one; logins and failures are logged without them.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
mkdir -p "$T/root/alice" "$T/root/pub"
make_root "$T/root"
h=$(hash_password 'Good-Secret-123') ; [ -n "$h" ] || fail "--hash-password gave nothing"
printf 'alice:%s:/alice:rw\n' "$h" >"$T/users"
start_forkftpd -u "$T/users" --anonymous --anonymous-root pub --fail-delay-ms 10 --xferlog "$T/xfer.log" "$T/root"
out=$(printf 'USER alice\nPASS Wrong-Secret-456\nUSER alice\nPASS Good-Secret-123\nQUIT\n' |
	ftp_chat "$FTPD_PORT")
assert_match '530' "$out" "wrong password"
assert_match '230' "$out" "right password"
out=$(printf 'USER anonymous\nPASS Anon-Secret-789@\nQUIT\n' | ftp_chat "$FTPD_PORT")
assert_match '230' "$out" "anonymous login"
sleep 0.3
for s in Wrong-Secret-456 Good-Secret-123 Anon-Secret-789; do
	! grep -rqa -- "$s" "$FTPD_LOG" "$T/xfer.log" 2>/dev/null || fail "password $s in the log"
done
grep -qi 'alice' "$FTPD_LOG" || fail "logins not logged: $(cat "$FTPD_LOG")"

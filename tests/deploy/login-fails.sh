#!/bin/bash
# --max-login-fails: each failed PASS is answered 530 after a delay, the
# last allowed one too (a 421 reads as "try later" to clients); then the
# connection is closed.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
mkdir -p "$T/root/alice"
make_root "$T/root"
h=$(hash_password 'right-pw') ; [ -n "$h" ] || fail "--hash-password gave nothing"
printf 'alice:%s:/alice:r\n' "$h" >"$T/users"
start_forkftpd -u "$T/users" --max-login-fails 2 --fail-delay-ms 300 "$T/root"
start=$(date +%s.%N)
out=$(printf 'USER alice\nPASS wrong1\nUSER alice\nPASS wrong2\nNOOP\n' |
	ftp_chat "$FTPD_PORT")
end=$(date +%s.%N)
assert_match '530' "$(sed -n 3p <<<"$out")" "first failure"
assert_match '^530' "$(sed -n 5p <<<"$out")" "second failure with --max-login-fails 2"
assert_eq '(closed)' "$(sed -n 6p <<<"$out")" "connection after the last failure"
grep -q '^230' <<<"$out" && fail "logged in after the limit: $out"
"$PY" -c "import sys; sys.exit(0 if $end - $start >= 0.5 else 1)" ||
	fail "failed logins were not delayed ($start .. $end)"
out=$(printf 'USER alice\nPASS right-pw\nQUIT\n' | ftp_chat "$FTPD_PORT")
assert_match '^230' "$out" "a new connection logs in"

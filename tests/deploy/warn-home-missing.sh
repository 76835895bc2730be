#!/bin/bash
# At start forkftpd warns about a user whose home is missing or is not a
# directory, and about a users file that others may read (it holds the
# password hashes); a users file of mode 600 and good homes: no warning.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
mkdir -p "$T/root/alice"
: >"$T/root/afile"
make_root "$T/root"
h=$(hash_password pw); [ -n "$h" ] || fail "--hash-password gave nothing"
printf 'alice:%s:/alice:r\nbob:%s:/gone:r\ncarol:%s:/afile:r\n' "$h" "$h" "$h" >"$T/users"
chmod 644 "$T/users"
start_forkftpd -u "$T/users" "$T/root"
wait_until 5 grep -q 'user carol' "$FTPD_LOG" || fail "no warning about carol: $(cat "$FTPD_LOG")"
assert_match 'user bob: home /gone under .*: No such file or directory; logins will fail' \
	"$(grep 'user bob' "$FTPD_LOG")" "missing home"
assert_match 'user carol: home /afile under .*: Not a directory; logins will fail' \
	"$(grep 'user carol' "$FTPD_LOG")" "home that is a file"
assert_match "users file $T/users is readable by others" "$(cat "$FTPD_LOG")" "mode 644"
grep -q 'user alice' "$FTPD_LOG" && fail "a warning about alice: $(cat "$FTPD_LOG")"
kill -TERM "$FTPD_PID"
chmod 600 "$T/users"
start_forkftpd -u "$T/users" "$T/root"
grep -q 'readable by others' "$FTPD_LOG" && fail "mode 600 warned: $(cat "$FTPD_LOG")"
exit 0

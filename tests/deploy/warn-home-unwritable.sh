#!/bin/bash
# At start and on SIGHUP forkftpd warns about a user with write permission
# ("rw") whose home the session account cannot write; a read-only user
# with the same home, and a writer with a writable home, get no warning.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
mkdir -p "$T/root/alice" "$T/root/shared" "$T/root/late"
make_root "$T/root"
# shared and late: not writable by the account sessions run as.
if [ "$(id -u)" = 0 ]; then
	chown root: "$T/root/shared" "$T/root/late"
	chmod 755 "$T/root/shared" "$T/root/late"
else
	chmod 555 "$T/root/shared" "$T/root/late"
fi
h=$(hash_password pw); [ -n "$h" ] || fail "--hash-password gave nothing"
printf 'alice:%s:/alice:rw\nbob:%s:/shared:rw\nreader:%s:/shared:r\n' "$h" "$h" "$h" >"$T/users"
chmod 600 "$T/users"
start_forkftpd -u "$T/users" "$T/root"
wait_until 5 grep -q 'user bob may write' "$FTPD_LOG" ||
	fail "no warning about bob's home: $(cat "$FTPD_LOG")"
assert_match 'user bob may write, but .* cannot write the home /shared under ' \
	"$(grep 'user bob' "$FTPD_LOG")" "start-up warning"
grep -q 'user alice\|user reader' "$FTPD_LOG" &&
	fail "a warning about alice or reader: $(cat "$FTPD_LOG")"
printf 'carol:%s:/late:rw\n' "$h" >>"$T/users"
kill -HUP "$FTPD_PID"
wait_until 5 grep -q 'user carol may write' "$FTPD_LOG" ||
	fail "no warning about carol's home after SIGHUP: $(cat "$FTPD_LOG")"
[ "$(grep -c 'user bob may write' "$FTPD_LOG")" = 2 ] ||
	fail "bob's warning not repeated on SIGHUP: $(cat "$FTPD_LOG")"

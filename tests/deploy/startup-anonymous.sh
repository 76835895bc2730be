#!/bin/bash
# Without a users file, anonymous read-only is the default and the
# start-up message says so; the first stderr line is the listening URL.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
start_forkftpd "$T/root"
assert_match '^forkftpd: listening on ftp://127\.0\.0\.1:[0-9]+/$' "$(head -1 "$FTPD_LOG")" \
    "first stderr line"
grep -q 'anonymous read-only' "$FTPD_LOG" || fail "start-up message: $(cat "$FTPD_LOG")"
out=$(printf 'USER anonymous\nPASS x@y\nMKD newdir\nQUIT\n' | ftp_chat "$FTPD_PORT")
assert_match '^230' "$out" "anonymous login"
assert_match '^550' "$out" "MKD by anonymous read-only"
[ ! -e "$T/root/newdir" ] || fail "anonymous read-only created a directory"

#!/bin/bash
# --xferlog: an upload is logged as direction i, with the bytes received
# and the access mode of the user; the log reopens on SIGHUP (rotation).
. "$(dirname "$0")/../lib.sh"
command -v curl >/dev/null || skip "no curl"
make_root "$T/root"
start_forkftpd --anonymous-write --xferlog "$T/xfer.log" "$T/root"
head -c 12345 /dev/urandom >"$T/up.bin"
curl -s -T "$T/up.bin" "ftp://anonymous:x@127.0.0.1:$FTPD_PORT/up%20load.bin" || fail "upload failed"
assert_same_file "$T/up.bin" "$T/root/up load.bin"
wait_until 5 test -s "$T/xfer.log" || fail "no xferlog line"
re=' [0-9]+ 127\.0\.0\.1 12345 /up_load\.bin b _ i a [^ ]+ ftp 0 \* c$'
assert_match "$re" "$(tail -1 "$T/xfer.log")" "xferlog line of an upload"

mv "$T/xfer.log" "$T/xfer.log.1"
kill -HUP "$FTPD_PID"
wait_until 5 grep -q reloaded "$FTPD_LOG" || fail "no reload"
curl -s -o /dev/null "ftp://anonymous:x@127.0.0.1:$FTPD_PORT/up%20load.bin" || fail "download failed"
wait_until 5 test -s "$T/xfer.log" || fail "xferlog not reopened after SIGHUP"
assert_match ' 12345 /up_load\.bin b _ o a ' "$(cat "$T/xfer.log")" "line in the new xferlog"
assert_eq 1 "$(wc -l <"$T/xfer.log.1")" "lines in the rotated xferlog"

#!/bin/bash
# SIGTERM: the listener closes at once (new clients refused) but a running
# download finishes intact within --grace; then the parent exits.
. "$(dirname "$0")/../lib.sh"
command -v curl >/dev/null || skip "no curl"
make_root "$T/root"
head -c 3000000 /dev/urandom >"$T/root/big.bin"
make_root "$T/root"
start_forkftpd --grace 20 "$T/root"
# About 3 s at 1 MB/s: long enough to signal in the middle.
curl -s --limit-rate 1000K -o "$T/big.out" "ftp://anonymous:x@127.0.0.1:$FTPD_PORT/big.bin" &
cpid=$!
t_defer "kill $cpid"
wait_until 10 test -s "$T/big.out" || fail "download did not start"
kill -TERM "$FTPD_PID"
wait_until 5 grep -q stopping "$FTPD_LOG" || fail "no stopping message: $(cat "$FTPD_LOG")"
assert_match '^\(error' "$(first_reply "$FTPD_PORT")" "new connection while draining"
kill -0 "$FTPD_PID" 2>/dev/null || fail "parent exited before the transfer ended"
wait "$cpid"; rc=$?
assert_eq 0 "$rc" "curl exit status"
assert_same_file "$T/root/big.bin" "$T/big.out"
wait_until 5 sh -c "! kill -0 $FTPD_PID" || fail "parent still running after the last session"

#!/bin/bash
# --xferlog FILE: a completed download writes one line in the wu-ftpd
# xferlog format that log analysers read.
. "$(dirname "$0")/../lib.sh"
command -v curl >/dev/null || skip "no curl"
make_root "$T/root"
sample_files "$T/root"
start_forkftpd --xferlog "$T/xfer.log" "$T/root"
curl -s -o "$T/hello.out" "ftp://anonymous:x@127.0.0.1:$FTPD_PORT/hello.txt" || fail "curl failed"
assert_same_file "$T/root/hello.txt" "$T/hello.out"
wait_until 5 test -s "$T/xfer.log" || fail "no xferlog line"
line=$(tail -1 "$T/xfer.log")
re='^[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} [0-9]{4} [0-9]+ 127\.0\.0\.1 13 /hello\.txt b _ o a [^ ]+ ftp 0 \* c$'
assert_match "$re" "$line" "xferlog line"
assert_eq 1 "$(wc -l <"$T/xfer.log")" "xferlog lines for one download"

#!/bin/bash
# --syslog: the listening URL is still the first stderr line (scripts
# read it), and per-session lines no longer go to stderr.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
start_forkftpd --syslog "$T/root"
assert_match '^forkftpd: listening on ftp://127\.0\.0\.1:[0-9]+/$' "$(head -1 "$FTPD_LOG")" "first stderr line"
out=$(printf 'USER anonymous\nPASS x@\nQUIT\n' | ftp_chat "$FTPD_PORT")
assert_match '^230' "$out" "login with --syslog"
sleep 0.2
grep -q 'connection from\|login' "$FTPD_LOG" && fail "session lines on stderr with --syslog: $(cat "$FTPD_LOG")"
assert_eq 1 "$(wc -l <"$FTPD_LOG")" "stderr lines with --syslog"

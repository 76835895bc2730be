#!/bin/bash
# -l [::1]:0 listens on IPv6 and prints ftp://[::1]:PORT/; with two -l,
# one line per listener and both serve.
. "$(dirname "$0")/../lib.sh"
"$PY" -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1",0))' 2>/dev/null ||
	skip "no IPv6 loopback"
make_root "$T/root"
start_forkftpd -l '[::1]:0' "$T/root"
assert_match '^forkftpd: listening on ftp://127\.0\.0\.1:[0-9]+/$' "$(sed -n 1p "$FTPD_LOG")" "first listener"
assert_match '^forkftpd: listening on ftp://\[::1\]:[0-9]+/$' "$(sed -n 2p "$FTPD_LOG")" "second listener"
p6=$(sed -n 2p "$FTPD_LOG" | sed -E 's|.*:([0-9]+)/$|\1|')
out=$(printf 'QUIT\n' | ftp_chat -H ::1 "$p6")
assert_match '^220' "$out" "greeting over IPv6"
assert_match '^220' "$(first_reply "$FTPD_PORT")" "greeting over IPv4"

#!/bin/bash
# RFC 2577: PORT/EPRT to another host or to a port below 1024 is refused
# (no FTP bounce), and the session goes on.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
start_forkftpd "$T/root"
out=$(printf '%s\n' 'USER anonymous' 'PASS x@' 'PORT 127,0,0,2,40,0' 'PORT 127,0,0,1,0,25' \
	'EPRT |1|127.0.0.2|10240|' 'EPRT |1|127.0.0.1|25|' 'PORT 10,1,2,3,40,0' 'NOOP' |
	ftp_chat "$FTPD_PORT")
assert_match '^230' "$(sed -n 3p <<<"$out")" "login"
for i in 4 5 6 7 8; do
	assert_match '^5[0-9][0-9]' "$(sed -n ${i}p <<<"$out")" "reply $i (bounce attempt)"
done
assert_match '^200' "$(sed -n 9p <<<"$out")" "NOOP after the refusals"
out=$(printf '%s\n' 'USER anonymous' 'PASS x@' 'PORT 127,0,0,1,40,0' | ftp_chat "$FTPD_PORT")
assert_match '^200' "$(sed -n 4p <<<"$out")" "PORT to the client's own address and a high port"

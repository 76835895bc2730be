#!/bin/bash
# --pasv-ports LO-HI: every passive port announced lies in the range, and
# --pasv-address is the address announced in 227.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
start_forkftpd --pasv-ports 50100-50109 --pasv-address 127.0.0.1 "$T/root"
out=$(printf '%s\n' 'USER anonymous' 'PASS x@' PASV PASV PASV EPSV EPSV | ftp_chat "$FTPD_PORT")
n=0
while read -r p1 p2; do
	port=$((p1 * 256 + p2))
	[ "$port" -ge 50100 ] && [ "$port" -le 50109 ] || fail "PASV port $port outside 50100-50109"
	n=$((n + 1))
done < <(sed -nE 's/^227 .*\(127,0,0,1,([0-9]+),([0-9]+)\).*/\1 \2/p' <<<"$out")
assert_eq 3 "$n" "227 replies with 127,0,0,1 ($out)"
for port in $(sed -nE 's/^229 .*\(\|\|\|([0-9]+)\|\).*/\1/p' <<<"$out"); do
	[ "$port" -ge 50100 ] && [ "$port" -le 50109 ] || fail "EPSV port $port outside 50100-50109"
	n=$((n + 1))
done
assert_eq 5 "$n" "227 and 229 replies ($out)"

#!/usr/bin/env bash
# --active: data connections the server opens to us (EPRT, PORT as the
# fallback), for listing, download and upload, against pyftpdlib,
# forkftpd, and vsftpd and pure-ftpd (when root).
. "$(dirname "$0")/../lib.sh"

W=$T/w
mkdir -p "$W"
head -c 500000 /dev/urandom >"$W/up.bin"
n=0
for peer in pyftpdlib forkftpd vsftpd pureftpd; do
	case $peer in
	vsftpd|pureftpd) [ "$(id -u)" = 0 ] || continue ;;
	forkftpd) [ -x "$FORKFTPD" ] || continue ;;
	esac
	D=$T/srv$n/pub
	n=$((n + 1))
	make_root "$D"
	sample_files "$D"
	start_peer "$peer" "$D"
	cd "$W" || fail "cd"
	fftp -v --active -e "ls; get big.bin; put up.bin" "$PEER_URL" \
	    >"$T/out" 2>"$T/log" || fail "active on $peer: $(tail -5 "$T/log")"
	grep -qxF hello.txt "$T/out" || fail "active ls on $peer: $(cat "$T/out")"
	assert_same_file "$D/big.bin" "$W/big.bin"
	assert_same_file "$W/up.bin" "$D/up.bin"
	grep -Eq '^-> (EPRT|PORT) ' "$T/log" || fail "no EPRT/PORT to $peer"
	grep -Eq '^-> (EPSV|PASV)' "$T/log" && fail "passive used in active mode"
	rm -f "$W/big.bin"
done

#!/usr/bin/env bash
# EPSV refused: the client falls back to PASV, and connects to the
# control connection's address, not the (foreign) one in the 227 reply;
# later transfers go straight to PASV.
. "$(dirname "$0")/../lib.sh"

mkdir -p "$T/root" "$T/w"
head -c 200000 /dev/urandom >"$T/root/data.bin"
printf 'small\n' >"$T/root/small.txt"
cd "$T/w" || fail "cd"
start_fake noepsv
fftp -v -e 'get data.bin; get small.txt' "$FAKE_URL" 2>"$T/log" ||
	fail "PASV fallback: $(tail -6 "$T/log")"
assert_same_file "$T/root/data.bin" data.bin
assert_same_file "$T/root/small.txt" small.txt
assert_eq 1 "$(grep -c '^-> EPSV' "$T/log")" "EPSV attempts"
assert_eq 2 "$(grep -c '^-> PASV' "$T/log")" "PASV uses"
grep -q 'data connection to 10' "$T/log" && fail "connected to the 227 address"
exit 0

#!/usr/bin/env bash
# IPv6: ftp://[::1]:PORT/ URLs, EPSV data connections to ::1.
. "$(dirname "$0")/../lib.sh"

"$PY" -c 'import socket; socket.socket(socket.AF_INET6).bind(("::1", 0))' 2>/dev/null ||
	skip "no IPv6 loopback"
D=$T/srv/pub
make_root "$D"
sample_files "$D"
PEER_PORT=$("$PY" -c 'import socket
s = socket.socket(socket.AF_INET6); s.bind(("::1", 0)); print(s.getsockname()[1])')
"$PY" -m pyftpdlib -i ::1 -p "$PEER_PORT" -w -d "$D" >"$T/py.log" 2>&1 &
t_defer "kill -TERM $!"
wait_until 10 "$PY" -c "import socket,sys
s = socket.create_connection(('::1', $PEER_PORT), timeout=2)
sys.exit(s.recv(3) != b'220')" || fail "pyftpdlib on ::1 did not start"
cd "$T" || fail "cd"
head -c 123456 /dev/urandom >"$T/up6.bin"
fftp -v -e 'get big.bin; put up6.bin; ls' "ftp://[::1]:$PEER_PORT/" >"$T/out" 2>"$T/log" ||
	fail "IPv6 session: $(tail -5 "$T/log")"
assert_same_file "$D/big.bin" "$T/big.bin"
assert_same_file "$T/up6.bin" "$D/up6.bin"
grep -q '^-> EPSV' "$T/log" || fail "no EPSV on IPv6"
grep -q '^-> PASV' "$T/log" && fail "PASV used on IPv6"
grep -qxF 'up6.bin' "$T/out" || fail "ls after put: $(cat "$T/out")"
rm -f "$T/big.bin"
fftp -v --active -e 'get big.bin' "ftp://[::1]:$PEER_PORT/" 2>"$T/log" ||
	fail "IPv6 active: $(tail -5 "$T/log")"
assert_same_file "$D/big.bin" "$T/big.bin"
grep -q '^-> EPRT |2|::1|' "$T/log" || fail "no EPRT |2| on IPv6: $(grep '^->' "$T/log")"

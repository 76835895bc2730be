#!/usr/bin/env bash
# proxy_from is re-read on SIGHUP (README "Rolling configuration change"):
# with proxy_from naming another address, a PROXY line from 127.0.0.1 is
# a bad command and the session is 127.0.0.1's; after the file names
# 127.0.0.1 and SIGHUP, the same line makes the session the header's
# client, while the session opened before the reload keeps going.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
printf 'hello\n' >"$ROOT/hello.txt"
CONF=$T/forkftpd.conf
printf 'proxy_from = 192.0.2.0/24\n' >"$CONF"
start_forkftpd -c "$CONF" "$ROOT"

cat >"$T/probe.py" <<'EOF'
import socket, sys
port, mode = int(sys.argv[1]), sys.argv[2]
s = socket.create_connection(('127.0.0.1', port), timeout=10)
f = s.makefile('rb')
line = b'PROXY TCP4 198.51.100.7 127.0.0.1 4000 21\r\n'
if mode == 'header':
    s.sendall(line)
    print(f.readline()[:3].decode())
    s.sendall(b'USER anonymous\r\nPASS x@\r\nSTAT\r\nQUIT\r\n')
    text = f.read().decode()
    print('real' if '198.51.100.7' in text else 'not-real')
elif mode == 'line':
    print(f.readline()[:3].decode())
    s.sendall(line)
    print(f.readline()[:3].decode())
else:  # hold: a session across the reload, QUIT when stdin closes
    print(f.readline()[:3].decode(), flush=True)
    sys.stdin.read()
    s.sendall(b'NOOP\r\n')
    print(f.readline()[:3].decode())
EOF
out=$("$PY" "$T/probe.py" "$FTPD_PORT" line)
assert_eq "220
500" "$out" "PROXY line from 127.0.0.1 while proxy_from is 192.0.2.0/24"

mkfifo "$T/hold.in"
"$PY" "$T/probe.py" "$FTPD_PORT" hold <"$T/hold.in" >"$T/hold.out" 2>&1 &
hold=$!
t_defer "kill $hold 2>/dev/null"
exec 7>"$T/hold.in"
wait_until 10 grep -q 220 "$T/hold.out" || fail "held session: $(cat "$T/hold.out")"

printf 'proxy_from = 127.0.0.1\n' >"$CONF"
kill -HUP "$FTPD_PID"
wait_until 10 grep -q 'reloaded configuration' "$FTPD_LOG" ||
	fail "no reload: $(tail -5 "$FTPD_LOG")"
out=$("$PY" "$T/probe.py" "$FTPD_PORT" header)
assert_eq "220
real" "$out" "PROXY header from 127.0.0.1 after the reload"
exec 7>&-
wait "$hold" || fail "held session: $(cat "$T/hold.out")"
assert_eq "220
200" "$(cat "$T/hold.out")" "the session opened before the reload"
assert_match 'connection from 198\.51\.100\.7 port 4000 via 127\.0\.0\.1' \
	"$(cat "$FTPD_LOG")" "log after the reload"
exit 0

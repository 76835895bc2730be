#!/bin/bash
# --idle-timeout: a logged-in client that sends nothing gets 421 and is
# closed, well before the login deadline.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
start_forkftpd --login-timeout 30 --idle-timeout 2 "$T/root"
out=$("$PY" - "$FTPD_PORT" <<'PYEOF'
import socket, sys, time
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=10)
f = s.makefile('rb')
print(f.readline().decode().rstrip())
s.sendall(b'USER anonymous\r\n'); print(f.readline().decode().rstrip())
s.sendall(b'PASS x@\r\n'); print(f.readline().decode().rstrip())
t = time.time()
rest = f.read().decode('latin-1').replace('\r', '')
print(rest, end='')
print('closed after %.1f' % (time.time() - t))
PYEOF
)
assert_match '^230' "$out" "login"
assert_match '^421' "$out" "reply at the idle deadline"
assert_match '^(1\.[89]|[2-5]\.)' "$(sed -n 's/^closed after //p' <<<"$out")" "seconds until closed with --idle-timeout 2"

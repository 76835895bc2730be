#!/bin/bash
# --accept-timeout: after PASV, a RETR whose data connection never comes
# is answered 421 within the deadline and the session is closed, like
# every other deadline (issue 4).
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
echo hi >"$T/root/f.txt"
make_root "$T/root"
start_forkftpd --accept-timeout 1 "$T/root"
out=$("$PY" - "$FTPD_PORT" <<'PYEOF'
import socket, sys, time
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=15)
f = s.makefile('rb')
def cmd(c):
    if c:
        s.sendall(c.encode() + b'\r\n')
    r = f.readline().decode().rstrip()
    if r.startswith('1'):
        print(r)
        r = f.readline().decode().rstrip()
    print(r)
cmd(None); cmd('USER anonymous'); cmd('PASS x@'); cmd('PASV')
t = time.time()
cmd('RETR f.txt')
print('after %.1f' % (time.time() - t))
s.settimeout(5)
print('closed' if f.read(1) == b'' else 'still open')
PYEOF
)
assert_match '^421' "$out" "reply when no data connection comes"
assert_match '^after (0\.[89]|[1-4]\.)' "$(grep '^after' <<<"$out")" "seconds with --accept-timeout 1"
assert_eq closed "$(tail -1 <<<"$out")" "the session after the accept timeout"

#!/usr/bin/env bash
# On an IPv6 control connection: PASV is refused (425, use EPSV), EPSV 1
# is 522, EPSV and EPSV 2 work, EPRT |2| to the client's own address
# carries an active RETR, EPRT to another address is refused, and the
# STAT status names the IPv6 peer.
. "$(dirname "$0")/../lib.sh"
"$PY" -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1",0))' 2>/dev/null ||
	skip "no IPv6 loopback"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
FTPD_LOG=$T/forkftpd6.log
"$FORKFTPD" -l '[::1]:0' --anonymous "$ROOT" 2>"$FTPD_LOG" &
pid=$!
t_defer "stop_pid $pid"
wait_until 10 grep -q 'listening on ftp://' "$FTPD_LOG" || fail "no start: $(cat "$FTPD_LOG")"
port=$(grep -m1 -o 'ftp://\[::1\]:[0-9]*' "$FTPD_LOG" | sed 's/.*://')
PYTHONPATH=$TOP/tests/server "$PY" - "$port" <<'EOF' || fail "IPv6 session"
import socket
from session_ftp import *
f = Ftp(port(), host='::1')
f.login()
f.cmd('TYPE I', 200)
f.cmd('PASV', 425)
f.cmd('EPSV 1', 522)
r = f.cmd('EPSV 2', 229)
p = int(r.text.split('(')[1].split('|')[3])
d = socket.create_connection(('::1', p), timeout=10)
f.cmd('RETR hello.txt', 150)
eq(b'hello, world\n', d.recv(100), 'EPSV data')
d.close()
check(f.reply(), 226, 'RETR over EPSV')
l = socket.socket(socket.AF_INET6)
l.bind(('::1', 0))
l.listen(1)
f.cmd('EPRT |2|::1|%d|' % l.getsockname()[1], 200)
f.cmd('RETR hello.txt', 150)
c, _ = l.accept()
eq(b'hello, world\n', c.recv(100), 'EPRT data')
c.close()
check(f.reply(), 226, 'RETR over EPRT')
f.cmd('EPRT |2|2001:db8::1|5000|', 500)
f.cmd('EPRT |1|127.0.0.1|5000|', 500)
f.cmd('PORT 127,0,0,1,200,1', 500)
r = f.cmd('STAT', 211)
if b'::1' not in b'\n'.join(r.lines):
    raise AssertionError('STAT lacks the peer: %r' % r)
EOF
exit 0

#!/usr/bin/env bash
# TYPE A converts line endings both ways (LF -> CRLF down, CRLF -> LF up,
# an existing CRLF and a lone CR kept), also when a CRLF straddles two
# network reads; TYPE I is byte-exact; REST in TYPE A is refused.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
start_forkftpd --anonymous-write "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" "$ROOT" <<'EOF' || fail "TYPE A"
import os, sys, socket, time
from session_ftp import *
root = sys.argv[2]
f = Ftp(port())
f.login()
f.cmd('TYPE A', 200)
data, r150, _ = f.get('RETR text lines.txt')
eq(b'line one\r\nline two\r\nline three\r\n', data, 'TYPE A download')
if b'ASCII mode' not in r150.lines[0]:
    raise AssertionError('150 should say ASCII: %r' % r150)
f.cmd('REST 3', 350)
f.cmd('RETR text lines.txt', 550)
f.cmd('REST 0', 350)
# upload in small pieces so a CR ends one segment and its LF starts the next
d = f.pasv()
f.cmd('STOR up.txt', 150)
d.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
for piece in (b'a\r', b'\nb\r', b'c\r\n', b'\r', b'\n\r'):
    d.sendall(piece)
    time.sleep(0.05)
d.close()
check(f.reply(), 226, 'STOR in TYPE A')
eq(b'a\nb\rc\n\n\r', open(os.path.join(root, 'up.txt'), 'rb').read(),
   'TYPE A upload')
f.cmd('TYPE I', 200)
data, r150, _ = f.get('RETR text lines.txt')
eq(open(os.path.join(root, 'text lines.txt'), 'rb').read(), data, 'TYPE I')
f.cmd('TYPE L 8', 200)
f.cmd('TYPE A N', 200)
f.cmd('TYPE E', 504)
f.cmd('MODE S', 200)
f.cmd('MODE B', 504)
f.cmd('STRU F', 200)
f.cmd('STRU R', 504)
EOF
exit 0

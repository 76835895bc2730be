#!/usr/bin/env bash
# Data-connection set-up: EPSV (none, 1, ALL; 2 refused on IPv4 with
# 522), PASV's tuple without digits before it, PORT/EPRT to the client's
# own address work (active RETR), PORT/EPRT to a foreign address (500)
# or a port below 1024 (504) are refused (RFC 2577 bounce), and after
# EPSV ALL every PASV/PORT/EPRT is refused; a transfer command without
# any set-up is 425.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
start_forkftpd --anonymous "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" "$ROOT" <<'EOF' || fail "EPSV/PASV/PORT"
import os, re, socket, sys
from session_ftp import *
root = sys.argv[2]
f = Ftp(port())
f.login()
f.cmd('TYPE I', 200)
f.cmd('RETR hello.txt', 425)
r = f.cmd('PASV', 227)
m = re.match(rb'^227 Entering Passive Mode \((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)\.$',
             r.lines[0])
if not m:
    raise AssertionError('227 text: %r' % r)
eq(b'127.0.0.1', b'.'.join(m.groups()[:4]), 'PASV address')
d = socket.create_connection(('127.0.0.1', int(m.group(5)) * 256 + int(m.group(6))))
f.cmd('RETR hello.txt', 150)
data = d.recv(100)
d.close()
check(f.reply(), 226, 'RETR over PASV')
eq(b'hello, world\n', data, 'PASV data')
if not re.match(rb'^229 Entering Extended Passive Mode \(\|\|\|\d+\|\)$',
                f.cmd('EPSV 1', 229).lines[0]):
    raise AssertionError('229 text')
f.cmd('EPSV 2', 522)
f.cmd('EPSV 3', 501)

def active(cmd_of):
    l = socket.socket()
    l.bind(('127.0.0.1', 0))
    l.listen(1)
    p = l.getsockname()[1]
    f.cmd(cmd_of(p), 200)
    f.cmd('RETR hello.txt', 150)
    c, _ = l.accept()
    data = c.recv(100)
    c.close()
    l.close()
    check(f.reply(), 226, 'active RETR')
    eq(b'hello, world\n', data, 'active data')

active(lambda p: 'PORT 127,0,0,1,%d,%d' % (p >> 8, p & 255))
active(lambda p: 'EPRT |1|127.0.0.1|%d|' % p)
f.cmd('PORT 10,1,2,3,200,1', 500)
f.cmd('EPRT |1|192.0.2.7|5000|', 500)
f.cmd('PORT 127,0,0,1,0,21', 504)
f.cmd('EPRT |1|127.0.0.1|25|', 504)
f.cmd('PORT 127,0,0,1', 500)
f.cmd('EPRT garbage', 500)
f.cmd('EPSV ALL', 200)
f.cmd('PASV', 501)
f.cmd('PORT 127,0,0,1,200,1', 501)
f.cmd('EPRT |1|127.0.0.1|5000|', 501)
f.cmd('EPSV', 229)
EOF
exit 0

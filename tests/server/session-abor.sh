#!/usr/bin/env bash
# ABOR: idle gives 225 (also after EPSV, which it cancels); in the middle
# of a download that the client does not read, each form clients send
# (plain line; ftplib's whole line as urgent data; lftp's IAC IP IAC +
# DM urgent; tnftp's IAC IP IAC urgent + DM) gives 426 then 226, the
# data connection is closed and the session goes on.  STAT during the
# transfer answers at once with its progress.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
head -c 40000000 /dev/zero >"$ROOT/huge.bin"
chmod 644 "$ROOT/huge.bin"
start_forkftpd --anonymous "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" <<'EOF' || fail "ABOR"
import socket, time
from session_ftp import *
f = Ftp(port())
f.login()
f.cmd('ABOR', 225)
f.cmd('EPSV', 229)
f.cmd('ABOR', 225)
f.cmd('RETR hello.txt', 425)

def plain(s):
    s.sendall(b'ABOR\r\n')
def ftplib_oob(s):
    s.send(b'ABOR\r\n', socket.MSG_OOB)
def lftp(s):
    s.sendall(b'\xff\xf4\xff')
    s.send(b'\xf2', socket.MSG_OOB)
    s.sendall(b'ABOR\r\n')
def tnftp(s):
    s.send(b'\xff\xf4\xff', socket.MSG_OOB)
    s.sendall(b'\xf2ABOR\r\n')

f.cmd('TYPE I', 200)
for form in (plain, ftplib_oob, lftp, tnftp):
    r = f.cmd('EPSV', 229)
    p = int(r.text.split('(')[1].split('|')[3])
    d = socket.socket()
    d.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    d.settimeout(10)
    d.connect(('127.0.0.1', p))
    f.cmd('RETR huge.bin', 150)
    d.recv(1000)
    time.sleep(0.3)
    if form is plain:
        r = f.cmd('STAT', 213)
        if b'bytes transferred' not in r.lines[0]:
            raise AssertionError('STAT during a transfer: %r' % r)
    form(f.sock)
    r1 = f.reply()
    r2 = f.reply()
    eq((426, 226), (r1.code, r2.code), 'ABOR replies (%s)' % form.__name__)
    n = 0
    try:
        while True:
            b = d.recv(65536)
            if not b:
                break
            n += len(b)
    except ConnectionResetError:
        pass
    if n >= 40000000 - 1000:
        raise AssertionError('whole file sent despite ABOR')
    d.close()
    f.cmd('NOOP', 200)
EOF
exit 0

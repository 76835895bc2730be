#!/usr/bin/env bash
# QUIT during a transfer (RFC 959 §4.1.1): the connection stays open for
# the transfer's result, then closes.  As pyftpdlib's test suite does it:
# QUIT is sent mid-upload and its reply awaited (221), the upload then
# completes, its 226 follows and the server closes.  The same for a
# download still being sent (32 MiB: more than loopback's socket buffers
# hold, so the server is mid-transfer, not in its closing linger).  The
# uploaded file is whole.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
head -c 33554432 /dev/urandom >"$ROOT/big.bin"
make_root "$ROOT"
start_forkftpd --anonymous --anonymous-write "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" "$ROOT/big.bin" <<'PYEOF' || fail "QUIT during a transfer"
import ftplib, socket, sys
from session_ftp import port
big = open(sys.argv[2], 'rb').read()

def closed(c):
    c.sock.settimeout(5)
    try:
        c.sendcmd('NOOP')
    except (OSError, EOFError):
        return True
    return False

c = ftplib.FTP()
c.connect('127.0.0.1', port(), timeout=10)
c.login()
conn = c.transfercmd('STOR up.bin')
conn.sendall(b'abcde12345' * 50000)
r = c.sendcmd('QUIT')
if not r.startswith('221'):
    raise AssertionError('QUIT mid-upload: expected 221, saw %r' % r)
conn.sendall(b'abcde12345' * 50000)
conn.close()
r = c.voidresp()
if not r.startswith('226'):
    raise AssertionError('after the upload: expected 226, saw %r' % r)
if not closed(c):
    raise AssertionError('still open after QUIT and 226')

c = ftplib.FTP()
c.connect('127.0.0.1', port(), timeout=10)
c.login()
c.voidcmd('TYPE I')
conn = c.transfercmd('RETR big.bin')
got = bytearray(conn.recv(65536))
r = c.sendcmd('QUIT')
if not r.startswith('221'):
    raise AssertionError('QUIT mid-download: expected 221, saw %r' % r)
while True:
    b = conn.recv(65536)
    if not b:
        break
    got += b
conn.close()
r = c.voidresp()
if not r.startswith('226'):
    raise AssertionError('after the download: expected 226, saw %r' % r)
if got != big:
    raise AssertionError('download: %d bytes, expected %d' % (len(got), len(big)))
if not closed(c):
    raise AssertionError('still open after QUIT and 226')
PYEOF
[ "$(wc -c <"$ROOT/up.bin")" = 1000000 ] || fail "upload after QUIT: $(wc -c <"$ROOT/up.bin") bytes, expected 1000000"
[ "$(head -c 10 "$ROOT/up.bin")" = abcde12345 ] || fail "upload content"

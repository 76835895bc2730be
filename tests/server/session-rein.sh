#!/usr/bin/env bash
# REIN (RFC 959 §4.1.1) answers 220, ends the login and keeps the control
# connection; TYPE, REST, RNFR, EPSV ALL and a prepared passive connection
# go back to what a new connection has.  Sent during a transfer, it waits
# for that transfer's 226.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
printf '0123456789\r\n' >"$ROOT/ten.txt"
make_root "$ROOT"
head -c 1500000 /dev/urandom >"$T/payload"
start_forkftpd --anonymous --anonymous-write "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" "$T/payload" <<'PYEOF' || fail "REIN"
import socket, sys
from session_ftp import *
payload = open(sys.argv[2], 'rb').read()
f = Ftp(port())
f.login()
f.cmd('TYPE A', 200)
f.cmd('REST 5', 350)
f.cmd('RNFR ten.txt', 350)
f.cmd('REIN', 220)
f.cmd('PWD', 530)
f.cmd('RNTO moved.txt', 530)
f.login()
f.cmd('RNTO moved.txt', 503)
data, _, _ = f.get('RETR ten.txt')
eq(b'0123456789\r\n', data, 'after REIN: TYPE I, no REST marker')
f.cmd('EPSV ALL', 200)
r = f.cmd('EPSV', 229)
lport = int(r.text.split('|')[3])
f.cmd('REIN', 220)
f.login()
f.cmd('RETR ten.txt', 425)
try:
    socket.create_connection(('127.0.0.1', lport), timeout=2).close()
    raise AssertionError('the passive listener survived REIN')
except ConnectionRefusedError:
    pass
f.cmd('PASV', 227)
# During a transfer: the upload finishes, then REIN is answered.
d = f.pasv()
f.cmd('STOR up.bin', 150)
d.sendall(payload[:700000])
f.send('REIN')
d.sendall(payload[700000:])
d.close()
eq(226, f.reply().code, 'the transfer ends first')
eq(220, f.reply().code, 'then REIN')
f.cmd('PWD', 530)
f.cmd('QUIT', 221)
PYEOF
assert_same_file "$T/payload" "$ROOT/up.bin"

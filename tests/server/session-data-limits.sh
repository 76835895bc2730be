#!/usr/bin/env bash
# Data-connection policy: passive ports come from --pasv-ports, the 227
# announces --pasv-address, a passive connection from another address
# (127.0.0.2) is refused while the client's own is served, a passive port
# nobody connects to gives 421 and a close after --accept-timeout, a download the
# client stops reading ends in 421 after --data-timeout, and --max-rate
# paces transfers both ways.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
head -c 30000000 /dev/zero >"$ROOT/huge.bin"
chmod 644 "$ROOT/huge.bin"
start_forkftpd --anonymous-write --pasv-ports 41000-41009 --pasv-address 10.1.2.3 \
	--accept-timeout 2 --data-timeout 2 "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" <<'EOF' || fail "passive policy"
import socket, time
from session_ftp import *
f = Ftp(port())
f.login()
f.cmd('TYPE I', 200)
for i in range(5):
    r = f.cmd('EPSV', 229)
    p = int(r.text.split('(')[1].split('|')[3])
    if not 41000 <= p <= 41009:
        raise AssertionError('EPSV port %d outside --pasv-ports' % p)
r = f.cmd('PASV', 227)
if b'(10,1,2,3,' not in r.lines[0]:
    raise AssertionError('--pasv-address not announced: %r' % r)
p = int(f.cmd('EPSV', 229).text.split('(')[1].split('|')[3])
thief = socket.socket()
thief.bind(('127.0.0.2', 0))
thief.settimeout(5)
thief.connect(('127.0.0.1', p))
d = socket.create_connection(('127.0.0.1', p), timeout=5)
f.cmd('RETR hello.txt', 150)
eq(b'hello, world\n', d.recv(100), 'data to the real client')
check(f.reply(), 226, 'RETR')
try:
    stolen = thief.recv(100)
except OSError:
    stolen = b''
eq(b'', stolen, 'data to the thief')
f.cmd('EPSV', 229)
t0 = time.monotonic()
f.cmd('LIST', 421)
dt = time.monotonic() - t0
if not 1.5 <= dt <= 5:
    raise AssertionError('accept timeout after %.1f s, wanted ~2' % dt)
if f.f.read(1) != b'':
    raise AssertionError('session still open after the accept timeout')
f = Ftp(port())
f.login()
f.cmd('TYPE I', 200)
p = int(f.cmd('EPSV', 229).text.split('(')[1].split('|')[3])
d = socket.socket()
d.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
d.connect(('127.0.0.1', p))
f.cmd('RETR huge.bin', 150)
t0 = time.monotonic()
r = f.reply()
dt = time.monotonic() - t0
eq(421, r.code, 'stalled download')
if dt > 6:
    raise AssertionError('stall noticed after %.1f s, wanted ~2' % dt)
EOF
start_forkftpd --anonymous-write --max-rate 200000 "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" <<'EOF' || fail "rate limit"
import time
from session_ftp import *
f = Ftp(port())
f.login()
f.cmd('TYPE I', 200)
t0 = time.monotonic()
data, _, _ = f.get('RETR sub dir/mid.bin')
f.get('RETR sub dir/mid.bin')
f.get('RETR sub dir/mid.bin')
dt = time.monotonic() - t0
eq(70000, len(data), 'paced download')
if dt < 0.8:
    raise AssertionError('3 x 70000 bytes at 200000 B/s took %.2f s' % dt)
t0 = time.monotonic()
f.put('STOR paced.bin', b'p' * 300000)
dt = time.monotonic() - t0
if dt < 1.2:
    raise AssertionError('300000 bytes up at 200000 B/s took %.2f s' % dt)
EOF
exit 0

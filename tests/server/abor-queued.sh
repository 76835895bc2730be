#!/usr/bin/env bash
# During a transfer the control connection is still watched when more
# commands are queued than the queue holds (SESSION_QMAX, 8): an ABOR
# behind 12 pipelined NOOPs stops a stalled download at once (426, 226),
# and the NOOPs are answered after it, in order; an over-long line
# pipelined during a transfer gets its 500 in its place.
. "$(dirname "$0")/../lib.sh"

ROOT=$T/root
sec_fixture "$ROOT"
head -c 20000000 /dev/zero >"$ROOT/huge.bin"
chmod 644 "$ROOT/huge.bin"
start_forkftpd --anonymous --max-line 512 --data-timeout 60 "$ROOT"

timeout 60 "$PY" - "$FTPD_PORT" >"$T/out" 2>&1 <<'PYEOF'
import os, socket, sys, time
sys.path.insert(0, os.environ['SEC_TOOLS'])
import secftp
port = int(sys.argv[1])
fails = 0
def check(what, ok, seen):
    global fails
    if not ok:
        print('FAIL %s: saw %r' % (what, seen)); fails += 1

# 1. ABOR behind 12 NOOPs, the download never read.
s = secftp.Session(port, timeout=20)
s.login()
s.cmd('TYPE I')
d = s.pasv()
d.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.send(b'RETR huge.bin\r\n')
r = s.read_reply()
check('150', r.code == 150, r)
time.sleep(0.3)                 # the transfer is stalled on the data socket
t0 = time.monotonic()
s.send(b'NOOP\r\n' * 12 + b'ABOR\r\n')
s.sock.settimeout(5)
try:
    got = [s.read_reply().code for _ in range(14)]
except socket.timeout:
    print('FAIL: no reply to the ABOR within 5 s'); sys.exit(1)
s.sock.settimeout(20)
dt = time.monotonic() - t0
check('426 226 then 12 x 200', got == [426, 226] + [200] * 12, got)
check('ABOR seen within 2 s', dt < 2.0, '%.1f s' % dt)
check('session usable', s.cmd('SYST').code == 215, 'SYST')
d.close()
s.close()

# 2. An over-long line among commands pipelined during a transfer.
s = secftp.Session(port, timeout=20)
s.login()
s.cmd('TYPE I')
d = s.pasv()
s.send(b'RETR huge.bin\r\n')
r = s.read_reply()
check('150 (2)', r.code == 150, r)
s.send(b'NOOP\r\n' + b'X' * 2000 + b'\r\n' + b'SYST\r\n')
n = 0
while True:
    b = d.recv(1 << 20)
    if not b:
        break
    n += len(b)
d.close()
check('whole file', n == 20000000, n)
got = [s.read_reply().code for _ in range(4)]
check('226, 200, 500, 215', got == [226, 200, 500, 215], got)
check('in step after', s.cmd('PWD').code == 257, 'PWD')
print('fails', fails)
sys.exit(1 if fails else 0)
PYEOF
rc=$?
cat "$T/out"
[ "$rc" = 0 ] || fail "pipelined ABOR or over-long line mishandled during a transfer"
exit 0

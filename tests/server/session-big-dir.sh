#!/usr/bin/env bash
# Listings stream: LIST, NLST and MLSD of a directory of 100,000 entries
# arrive whole while the serving child's peak memory grows by far less
# than the listing's size (it is never held in memory); a glob over it
# is bounded and answers quickly.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
mkdir -p "$ROOT/big"
"$PY" - "$ROOT/big" <<'EOF'
import os, sys
d = sys.argv[1]
for i in range(100000):
    os.close(os.open('%s/entry-with-a-rather-long-name-%06d.dat' % (d, i),
                     os.O_CREAT | os.O_WRONLY, 0o644))
EOF
[ "$(id -u)" != 0 ] || chown -R "$(ftp_account):" "$ROOT"
start_forkftpd --anonymous "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" "$FTPD_PID" <<'EOF' || fail "big listings"
import os, sys, time
from session_ftp import *

def kb(pid, field):
    for ln in open('/proc/%d/status' % pid):
        if ln.startswith(field + ':'):
            return int(ln.split()[1])

f = Ftp(port())
f.login()
f.cmd('CWD big', 250)
kid = child_of(int(sys.argv[2]))
base = kb(kid, 'VmRSS')
total = 0
for cmd in ('LIST', 'NLST', 'MLSD'):
    data, _, _ = f.get(cmd)
    n = data.count(b'\r\n')
    total = max(total, len(data))
    want = 100000 + (1 if cmd == 'MLSD' else 0)
    eq(want, n, '%s lines' % cmd)
grow = kb(kid, 'VmHWM') - base
if grow * 1024 > total // 3:
    raise AssertionError('child grew by %d KiB for a %d KiB listing'
                         % (grow, total // 1024))
t0 = time.monotonic()
data, _, _ = f.get('NLST *9?9*')
dt = time.monotonic() - t0
if dt > 10:
    raise AssertionError('bounded glob took %.1f s' % dt)
print('# listing %d KiB, child grew %d KiB; glob %.2f s, %d names'
      % (total // 1024, grow, dt, data.count(b'\r\n')))
EOF
exit 0

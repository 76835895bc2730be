#!/usr/bin/env bash
# Control-connection limits: a line over --max-line gets 500 and is
# discarded whole (the next command works, the tail is not run as a
# command); after --max-login-fails bad passwords the session gets 530
# and is closed, each failure delayed by --fail-delay-ms; an idle
# session gets 421 after --idle-timeout and a silent one after
# --login-timeout.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
printf 'alice:%s:/:rw\n' "$(printf 'secret\n' | "$FORKFTPD" --hash-password)" >"$T/users"
start_forkftpd --anonymous --users "$T/users" --max-line 512 --max-login-fails 3 \
	--fail-delay-ms 300 --idle-timeout 2 --login-timeout 3 "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" <<'EOF' || fail "limits"
import time
from session_ftp import *
f = Ftp(port())
f.login()
f.send('NOOP ' + 'x' * 600 + ' DELE hello.txt')
eq(500, f.reply().code, 'over-long line')
f.cmd('NOOP', 200)
f.send('NOOP ' + 'y' * 5000)
eq(500, f.reply().code, 'much longer line')
f.cmd('PWD', 257)
f.cmd('QUIT', 221)
EOF
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" <<'EOF' || fail "idle timeout"
import time
from session_ftp import *
f = Ftp(port())
f.login('alice', 'secret')
t0 = time.monotonic()
r = f.reply()
dt = time.monotonic() - t0
eq(421, r.code, 'idle reply')
if not 1.5 <= dt <= 4.5:
    raise AssertionError('idle 421 after %.1f s, wanted ~2' % dt)
try:
    f.line()
    raise AssertionError('still open after 421')
except EOFError:
    pass
EOF
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" <<'EOF' || fail "login failures"
import time
from session_ftp import *
f = Ftp(port())
t0 = time.monotonic()
for i in range(2):
    f.cmd('USER alice', 331)
    f.cmd('PASS wrong', 530)
f.cmd('USER alice', 331)
f.cmd('PASS wrong', 530)
dt = time.monotonic() - t0
if dt < 0.85:
    raise AssertionError('3 failures took %.2f s, each should wait 0.3 s' % dt)
try:
    f.line()
    raise AssertionError('open after the last 530')
except EOFError:
    pass
g = Ftp(port())
g.cmd('USER alice', 331)
g.cmd('PASS secret', 230)
g.cmd('PWD', 257)
EOF
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" <<'EOF' || fail "login timeout"
import time
from session_ftp import *
f = Ftp(port())
t0 = time.monotonic()
f.cmd('NOOP', 200)
time.sleep(1)
f.cmd('NOOP', 200)
r = f.reply()
dt = time.monotonic() - t0
eq(421, r.code, 'login deadline')
if not 2.5 <= dt <= 5:
    raise AssertionError('login 421 after %.1f s, wanted ~3' % dt)
EOF
exit 0

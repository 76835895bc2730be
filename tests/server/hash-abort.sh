#!/usr/bin/env bash
# HASH of a huge file is interruptible like a transfer: ABOR in each form
# clients send it (plain, ftplib's urgent line, lftp's and tnftp's Telnet
# IP + Synch) stops it within 2 s with 426 then 226 and the session goes
# on (NOOP, a right SHA-256 of a small file); STAT meanwhile reports the
# progress; commands pipelined behind HASH are answered after it, in
# order; a client that hangs up during HASH ends its session process
# within a few seconds; the idle timeout does not cut a HASH that runs
# longer than it.  The huge file is sparse: reading its zeros still costs
# the digest's time (SHA-256, about 250 MiB/s).
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
truncate -s 16G "$ROOT/huge.bin"
truncate -s 600M "$ROOT/long.bin"
[ "$(id -u)" != 0 ] || chown "$(ftp_account):" "$ROOT/huge.bin" "$ROOT/long.bin"
chmod 644 "$ROOT/huge.bin" "$ROOT/long.bin"
small=$(sha256sum <"$ROOT/big.bin" | cut -d' ' -f1)
long=$(sha256sum <"$ROOT/long.bin" | cut -d' ' -f1)
start_forkftpd --anonymous --idle-timeout 1 "$ROOT"

t_py_inline() {
	PYTHONPATH=$TOP/tests/server timeout -k 2 120 "$PY" - "$@"
}

t_py_inline "$FTPD_PORT" "$small" "$long" <<'EOF' || fail "HASH/ABOR on one session"
import ftplib, socket, sys, time
from session_ftp import *

IAC, IP, DM = b'\xff', b'\xf4', b'\xf2'
small, long_hex = sys.argv[2].encode(), sys.argv[3].encode()


def abor(f, form):
    s = f.sock
    if form == 'plain':
        s.sendall(b'ABOR\r\n')
    elif form == 'ftplib':
        s.sendall(b'ABOR\r\n', socket.MSG_OOB)
    elif form == 'lftp':
        s.sendall(IAC + IP + IAC)
        s.sendall(DM, socket.MSG_OOB)
        s.sendall(b'ABOR\r\n')
    else:
        s.sendall(IAC + IP + IAC, socket.MSG_OOB)
        s.sendall(DM + b'ABOR\r\n')


def aborted(f, form, after=0.3):
    time.sleep(after)
    t0 = time.monotonic()
    abor(f, form)
    check(f.reply(), 426, form + ': HASH after ABOR')
    check(f.reply(), 226, form + ': ABOR')
    took = time.monotonic() - t0
    if took >= 2:
        raise AssertionError('%s: 426/226 took %.2f s' % (form, took))
    print('ok %s: 426 and 226 in %.2f s' % (form, took))


f = Ftp(port(), timeout=30)
f.login()
for form in ('plain', 'ftplib', 'lftp', 'tnftp'):
    f.send('HASH huge.bin')
    aborted(f, form)
    f.cmd('NOOP', 200)
    eq(b'213 SHA-256 0-3145728 %s big.bin' % small,
       f.cmd('HASH big.bin').lines[0], form + ': HASH after the abort')

# STAT while HASH runs answers with the bytes digested so far.
f.send('HASH huge.bin')
time.sleep(0.3)
r = f.cmd('STAT')
check(r, 213, 'STAT during HASH')
done = int(r.text.split()[2])
if done <= 0 or done >= 16 << 30:
    raise AssertionError('STAT during HASH: %r' % r)
aborted(f, 'plain', 0)

# Pipelined: each command answered once, in order, after the HASH.
f.sock.sendall(b'HASH big.bin\r\nPWD\r\nNOOP\r\n')
eq(b'213 SHA-256 0-3145728 %s big.bin' % small, f.reply().lines[0],
   'pipelined HASH')
check(f.reply(), 257, 'PWD pipelined behind HASH')
check(f.reply(), 200, 'NOOP pipelined behind HASH')
# Queued behind the big one, then ABOR: the queued commands still run.
f.sock.sendall(b'HASH huge.bin\r\nPWD\r\n')
aborted(f, 'plain')
check(f.reply(), 257, 'PWD queued behind the aborted HASH')
f.cmd('NOOP', 200)

# Longer than --idle-timeout 1: still answered, the session lives on.
t0 = time.monotonic()
eq(b'213 SHA-256 0-%d %s long.bin' % (600 << 20, long_hex),
   f.cmd('HASH long.bin').lines[0], 'HASH longer than the idle timeout')
took = time.monotonic() - t0
print('ok HASH of long.bin took %.2f s (idle timeout 1 s)%s' % (took,
      '' if took > 1.2 else ': too fast to show anything'))
f.cmd('NOOP', 200)
f.cmd('QUIT', 221)	# before it sits idle for a second

# Python's own client: ftplib's abort() sends the line as urgent data.
c = ftplib.FTP()
c.connect('127.0.0.1', port(), timeout=30)
c.login()
c.putcmd('HASH huge.bin')
time.sleep(0.3)
r = c.abort()				# reads one reply: the HASH's
if not r.startswith('426'):
    raise AssertionError('ftplib abort(): %r' % r)
eq('226', c.voidresp()[:3], 'ftplib: the reply to ABOR')
eq('200', c.voidcmd('NOOP')[:3], 'ftplib NOOP after abort')
c.quit()
EOF

# Hang up during HASH: the session's process ends promptly.
wait_until 10 no_ftpd_children || fail "sessions left: $(proc_children "$FTPD_PID")"
t_py_inline "$FTPD_PORT" "$FTPD_PID" <<'EOF' || fail "disconnect during HASH"
import sys, time
from session_ftp import *

f = Ftp(port(), timeout=30)
f.login()
child = child_of(int(sys.argv[2]))
if child is None:
    raise AssertionError('no session process found')
f.send('HASH huge.bin')
time.sleep(0.3)
f.hangup()
t0 = time.monotonic()
while time.monotonic() - t0 < 3:
    try:
        st = open('/proc/%d/stat' % child).read()
    except OSError:
        break
    if st.rsplit(')', 1)[1].split()[0] == 'Z':
        break
    time.sleep(0.02)
else:
    raise AssertionError('session %d still runs 3 s after the hang-up' % child)
print('ok session ended %.2f s after the hang-up' % (time.monotonic() - t0))
EOF
wait_until 10 no_ftpd_children || fail "sessions left: $(proc_children "$FTPD_PID")"
exit 0

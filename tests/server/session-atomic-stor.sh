#!/usr/bin/env bash
# STOR is atomic: an upload aborted with ABOR, or broken by the client
# vanishing (control and data closed mid-stream), leaves the previous
# file byte-identical and no ".forkftpd.*" temporary, and so does a
# SIGTERM to the child (end of the shutdown grace); a complete upload
# replaces the file and keeps its permission bits.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
cp "$ROOT/big.bin" "$T/orig.bin"
chmod 640 "$ROOT/big.bin"
start_forkftpd --anonymous-write "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" <<'EOF' || fail "ABOR during STOR"
import socket, time
from session_ftp import *
f = Ftp(port())
f.login()
f.cmd('TYPE I', 200)
d = f.pasv()
f.cmd('STOR big.bin', 150)
d.sendall(b'x' * 100000)
time.sleep(0.3)
f.sock.sendall(b'ABOR\r\n')
codes = [f.reply().code]
if codes[0] == 426:
    codes.append(f.reply().code)
if codes[-1] != 226:
    raise AssertionError('ABOR during STOR: %r' % codes)
d.close()
f.cmd('NOOP', 200)
# now vanish mid-stream: control first, as a killed process does
d = f.pasv()
f.cmd('STOR big.bin', 150)
d.sendall(b'y' * 200000)
time.sleep(0.2)
f.hangup()
d.close()
EOF
wait_until 10 sh -c "! ls -A '$ROOT' | grep -q '^\.forkftpd\.'" ||
	fail "temporary left behind: $(ls -A "$ROOT")"
sleep 0.3
assert_same_file "$T/orig.bin" "$ROOT/big.bin"
ls -A "$ROOT" | grep -q '^\.forkftpd\.' && fail "temporary left: $(ls -A "$ROOT")"
# the parent's grace period ends (SIGTERM to the child) mid-upload
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" "$FTPD_PID" <<'EOF' || fail "SIGTERM during STOR"
import os, signal, sys, time
from session_ftp import *
f = Ftp(port())
f.login()
f.cmd('TYPE I', 200)
d = f.pasv()
f.cmd('STOR big.bin', 150)
d.sendall(b'z' * 100000)
time.sleep(0.3)
os.kill(child_of(int(sys.argv[2])), signal.SIGTERM)
eq(421, f.reply().code, 'reply to a SIGTERM')
EOF
wait_until 10 sh -c "! ls -A '$ROOT' | grep -q '^\.forkftpd\.'" ||
	fail "temporary left after SIGTERM: $(ls -A "$ROOT")"
assert_same_file "$T/orig.bin" "$ROOT/big.bin"
head -c 5000 /dev/urandom >"$T/new.bin"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" "$T/new.bin" <<'EOF' || fail "complete STOR"
import sys
from session_ftp import *
f = Ftp(port())
f.login()
f.cmd('TYPE I', 200)
f.put('STOR big.bin', open(sys.argv[2], 'rb').read())
EOF
assert_same_file "$T/new.bin" "$ROOT/big.bin"
assert_eq 640 "$(stat -c %a "$ROOT/big.bin")" "mode kept over STOR"
exit 0

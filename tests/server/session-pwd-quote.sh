#!/usr/bin/env bash
# PWD and MKD quote the path RFC 959 style (a '"' inside is doubled),
# CWD/CDUP move within the tree, and ".." above "/" is refused (550);
# CDUP at "/" stays there (250).
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
start_forkftpd --anonymous-write "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" <<'EOF' || fail "PWD quoting"
from session_ftp import *
f = Ftp(port())
f.login()
eq([b'257 "/" is the current directory'], f.cmd('PWD').lines, 'PWD at /')
r = f.cmd('MKD say "hi"', 257)
eq(b'257 "/say ""hi""" created', r.lines[0], 'MKD reply')
f.cmd('CWD say "hi"', 250)
eq(b'257 "/say ""hi""" is the current directory', f.cmd('XPWD').lines[0], 'PWD')
f.cmd('CDUP', (200, 250))
f.cmd('CWD sub dir/deeper', 250)
eq(b'257 "/sub dir/deeper" is the current directory', f.cmd('PWD').lines[0],
   'PWD deeper')
f.cmd('CWD ../../../../..', 550)
f.cmd('CWD ../..', 250)
eq(b'257 "/" is the current directory', f.cmd('PWD').lines[0], 'PWD after ..')
f.cmd('CDUP', 250)
eq(b'257 "/" is the current directory', f.cmd('PWD').lines[0], 'PWD after CDUP at /')
f.cmd('RETR ../hello.txt', 550)
f.cmd('LIST ../', 550)
f.cmd('CWD hello.txt', 550)
f.cmd('CWD nonexistent', 550)
EOF
exit 0

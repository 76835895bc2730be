#!/usr/bin/env bash
# File operations: SITE CHMOD (octal, 200; bad mode 501; one argument
# 501), SITE HELP 214, unknown SITE 500; RNFR/RNTO (350 then 250; RNTO
# without RNFR 503; RNFR of nothing 550); DELE (250; a directory 550);
# MKD/RMD; and a read-only login gets 550 for every write command while
# reading still works.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
printf 'bob:%s:/:r\n' "$(printf 'pw\n' | "$FORKFTPD" --hash-password)" >"$T/users"
start_forkftpd --anonymous-write --users "$T/users" "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" "$ROOT" <<'EOF' || fail "file operations"
import os, stat, sys
from session_ftp import *
root = sys.argv[2]
def mode(n):
    return stat.S_IMODE(os.stat(os.path.join(root, n)).st_mode)
f = Ftp(port())
f.login()
f.cmd('SITE CHMOD 600 hello.txt', 200)
eq(0o600, mode('hello.txt'), 'mode after SITE CHMOD')
f.cmd('SITE CHMOD 0751 sub dir', 200)
eq(0o751, mode('sub dir'), 'dir mode')
f.cmd('SITE CHMOD 000 hello.txt', 200)
f.cmd('SITE CHMOD 644 hello.txt', 200)
eq(0o644, mode('hello.txt'), 'mode back from 000')
f.cmd('SITE CHMOD 999 hello.txt', 501)
f.cmd('SITE CHMOD 644', 501)
f.cmd('SITE CHMOD 644 missing', 550)
f.cmd('SITE HELP', 214)
f.cmd('SITE EXEC ls', 500)
f.cmd('RNTO x', 503)
f.cmd('RNFR missing', 550)
f.cmd('RNFR hello.txt', 350)
f.cmd('RNTO sub dir/renamed.txt', 250)
if not os.path.exists(os.path.join(root, 'sub dir', 'renamed.txt')):
    raise AssertionError('rename did not happen')
f.cmd('RNFR sub dir/renamed.txt', 350)
f.cmd('NOOP', 200)
f.cmd('RNTO back.txt', 503)
f.cmd('DELE sub dir/renamed.txt', 250)
f.cmd('DELE sub dir/renamed.txt', 550)
f.cmd('DELE empty dir', 550)
f.cmd('MKD new', 257)
f.cmd('RMD new', 250)
f.cmd('RMD new', 550)
f.cmd('RMD sub dir', 550)
f.cmd('QUIT', 221)
b = Ftp(port())
b.login('bob', 'pw')
for c in ('STOR x', 'APPE x', 'STOU', 'DELE empty.txt', 'MKD d', 'RMD empty dir',
          'RNFR empty.txt', 'RNTO y', 'SITE CHMOD 777 empty.txt',
          'MFMT 20000101000000 empty.txt'):
    b.cmd(c, 550)
data, _, _ = b.get('RETR text lines.txt')
eq(open(os.path.join(root, 'text lines.txt'), 'rb').read(), data, 'read-only RETR')
r = b.cmd('MLST empty.txt', 250)
if b'perm=r;' not in r.lines[1]:
    raise AssertionError('read-only perm fact: %r' % r)
EOF
[ -e "$ROOT/empty.txt" ] || fail "read-only user deleted a file"
exit 0

#!/usr/bin/env bash
# Before login FEAT, HELP, NOOP, STAT without argument, SYST, OPTS UTF8,
# SITE HELP and QUIT work; STAT with a path and every file command
# (SITE CHMOD too) answer 530.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
start_forkftpd --anonymous --anonymous-write "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" <<'PYEOF' || fail "commands before login"
from session_ftp import *
f = Ftp(port())
f.cmd('FEAT', 211)
f.cmd('HELP', 214)
f.cmd('HELP STAT', 214)
f.cmd('NOOP', 200)
r = f.cmd('STAT', 211)
if b'Logged in' in b''.join(r.lines):
    raise AssertionError('STAT before login claims a login: %r' % r)
f.cmd('SYST', 215)
f.cmd('OPTS UTF8 ON', 200)
r = f.cmd('SITE HELP', 214)
if b'CHMOD' not in b''.join(r.lines):
    raise AssertionError('SITE HELP lacks CHMOD: %r' % r)
f.cmd('SITE HELP CHMOD', 214)
f.cmd('STAT /', 530)
f.cmd('STAT hello.txt', 530)
f.cmd('SITE CHMOD 777 hello.txt', 530)
for c in ('LIST', 'NLST', 'MLSD', 'MLST hello.txt', 'RETR hello.txt',
          'STOR x', 'APPE x', 'STOU', 'DELE hello.txt', 'MKD d', 'RMD d',
          'RNFR hello.txt', 'RNTO x', 'SIZE hello.txt', 'MDTM hello.txt',
          'MFMT 20200101000000 hello.txt', 'HASH hello.txt', 'CWD /',
          'CDUP', 'PWD', 'TYPE I', 'REST 1', 'PASV', 'EPSV'):
    f.cmd(c, 530)
f.cmd('QUIT', 221)
PYEOF
[ "$(stat -c %a "$ROOT/hello.txt")" = 644 ] || fail "SITE CHMOD before login changed the mode"

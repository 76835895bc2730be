#!/usr/bin/env bash
# Before login: FEAT and OPTS UTF8 work, USER always answers 331 (even an
# unknown name), everything needing a login is 530, SYST is exactly
# "215 UNIX Type: L8", HELP comes from the command table, unknown
# commands are 500 and, with --tls off, AUTH is refused so clients go on
# in clear (tls-*.sh test AUTH TLS itself).
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
start_forkftpd --tls off --anonymous "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" <<'EOF' || fail "pre-login behaviour"
from session_ftp import *
f = Ftp(port())
eq(220, f.greeting.code, 'greeting')
r = f.cmd('FEAT', 211)
feats = [l.decode() for l in r.lines[1:-1]]
for want in (' EPRT', ' EPSV', ' MDTM', ' PASV', ' REST STREAM', ' SIZE',
             ' TVFS', ' UTF8', ' MFMT'):
    if want not in feats:
        raise AssertionError('FEAT lacks %r: %r' % (want, feats))
if not any(l.startswith(' MLST type*;size*;modify*;') for l in feats):
    raise AssertionError('FEAT MLST line: %r' % feats)
if not any(l.startswith(' HASH ') for l in feats):
    raise AssertionError('FEAT HASH line: %r' % feats)
eq(b'211 End', r.lines[-1], 'FEAT end')
if any(l.startswith((' AUTH', ' PBSZ', ' PROT')) for l in feats):
    raise AssertionError('FEAT offers TLS with --tls off: %r' % feats)
f.cmd('OPTS UTF8 ON', 200)
eq([b'215 UNIX Type: L8'], f.cmd('SYST').lines, 'SYST text')
for c in ('PWD', 'CWD /', 'LIST', 'RETR hello.txt', 'PASV', 'SIZE hello.txt',
          'MKD x', 'STAT /'):
    f.cmd(c, 530)
r = f.cmd('HELP', 214)
if b'RETR' not in b' '.join(r.lines):
    raise AssertionError('HELP lacks RETR: %r' % r)
f.cmd('HELP RETR', 214)
f.cmd('NOOP', 200)
f.cmd('FROBNICATE', 500)
f.cmd('AUTH TLS', (500, 502, 504, 534))
f.cmd('USER nosuchuser', 331)
f.cmd('PASS x', 530)
f.cmd('PASS x', 503)
f.cmd('USER anonymous', 331)
f.cmd('PASS me@', 230)
f.cmd('QUIT', 221)
EOF
exit 0

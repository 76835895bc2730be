#!/usr/bin/env bash
# MLST answers "250-", one line " facts /path", "250 End"; MLSD sends a
# cdir line and one fact line per entry (names with spaces intact), no
# "." or ".."; a symlink shows its target's facts only when the target is
# inside the root; MLSD of a file is 501; OPTS MLST selects facts.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
ln -s ../hello.txt "$ROOT/sub dir/up"
ln -s /etc/passwd "$ROOT/out"
start_forkftpd --anonymous "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" <<'EOF' || fail "MLST/MLSD"
from session_ftp import *
f = Ftp(port())
f.login()
r = f.cmd('MLST hello.txt', 250)
eq(3, len(r.lines), 'MLST lines')
facts, name = r.lines[1].split(b' ', 2)[1:]
eq(b'/hello.txt', name, 'MLST path')
fd = dict(x.split(b'=', 1) for x in facts.rstrip(b';').split(b';'))
eq(b'file', fd[b'type'], 'type fact')
eq(b'13', fd[b'size'], 'size fact')
eq(b'r', fd[b'perm'], 'read-only perm')
eq(14, len(fd[b'modify']), 'modify fact')
eq(b'250 End', r.lines[2], 'MLST end')
data, _, _ = f.get('MLSD')
lines = data.split(b'\r\n')
eq(b'', lines[-1], 'CRLF at the end')
entries = {}
for ln in lines[:-1]:
    facts, name = ln.split(b' ', 1)
    entries[name] = dict(x.split(b'=', 1) for x in facts.rstrip(b';').split(b';'))
eq(b'cdir', entries[b'.'][b'type'], 'cdir first')
eq(b'dir', entries[b'sub dir'][b'type'], 'dir entry')
eq(b'3145728', entries[b'big.bin'][b'size'], 'big size')
if b'..' in entries:
    raise AssertionError('.. listed')
if 'Grüße 日本.txt'.encode() not in entries:
    raise AssertionError('UTF-8 name missing: %r' % list(entries))
if entries[b'out'][b'type'] == b'file':
    raise AssertionError('symlink leaving the root shown as its target: %r'
                         % entries[b'out'])
data, _, _ = f.get('MLSD sub dir')
up = [l for l in data.split(b'\r\n') if l.endswith(b' up')]
if len(up) != 1 or b'type=file;size=13;' not in up[0]:
    raise AssertionError('symlink inside the root: %r' % up)
f.cmd('EPSV', 229)
f.cmd('MLSD hello.txt', 501)
f.cmd('MLST missing', 550)
r = f.cmd('OPTS MLST type;size;', 200)
eq(b'200 MLST OPTS type;size;', r.lines[0], 'OPTS MLST')
r = f.cmd('MLST hello.txt', 250)
eq(b' type=file;size=13; /hello.txt', r.lines[1], 'selected facts')
EOF
exit 0

#!/usr/bin/env bash
# LIST in the vsftpd layout (English month, UTC, "name -> target" for
# symlinks), "-la" style arguments are options and not paths, dot files
# only with -a, LIST of a file is that one line, NLST globs on the
# server side (bounded: too many '*' is refused), names with CR or LF
# are never listed, an empty directory is 150 + 226 with no data, and a
# missing path is 550.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
touch -d '2020-02-03 04:05:06 UTC' "$ROOT/hello.txt"
: >"$ROOT/.hidden"
: >"$ROOT/$(printf 'bad\nname')"
: >"$ROOT/$(printf 'bad\rcr')"
ln -s hello.txt "$ROOT/link"
start_forkftpd --anonymous "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" <<'EOF' || fail "listings"
import re
from session_ftp import *
f = Ftp(port())
f.login()
data, r150, _ = f.get('LIST')
lines = data.split(b'\r\n')
eq(b'', lines[-1], 'listing ends in CRLF')
byname = {}
for ln in lines[:-1]:
    m = re.match(rb'^([-dl][-rwxsStT]{9}) +(\d+) (\S+) +(\S+) +(\d+) '
                 rb'([A-Z][a-z]{2} [ 0-3]\d (?: \d{4}|\d\d:\d\d)) (.*)$', ln)
    if not m:
        raise AssertionError('LIST line not in vsftpd layout: %r' % ln)
    byname[m.group(7)] = m
eq(b'Feb 03  2020', byname[b'hello.txt'].group(6), 'LIST date (UTC, year form)')
eq(b'13', byname[b'hello.txt'].group(5), 'LIST size')
if b'link -> hello.txt' not in byname:
    raise AssertionError('symlink line: %r' % list(byname))
if byname[b'sub dir'].group(1)[:1] != b'd':
    raise AssertionError('dir type')
for bad in (b'.hidden', b'bad', b'name', b'bad\rcr', b'.', b'..'):
    if bad in byname:
        raise AssertionError('%r listed without -a' % bad)
if any(b'bad' in n for n in byname):
    raise AssertionError('CR/LF name listed: %r' % list(byname))
data, _, _ = f.get('LIST -la')
if b' .hidden\r\n' not in data:
    raise AssertionError('LIST -la lacks dot file')
if b'bad' in data:
    raise AssertionError('CR/LF name listed with -a')
data, _, _ = f.get('LIST -l sub dir')
if b' mid.bin\r\n' not in data:
    raise AssertionError('LIST -l "sub dir": %r' % data)
data, _, _ = f.get('LIST hello.txt')
eq(1, data.count(b'\r\n'), 'LIST of a file is one line')
data, _, _ = f.get('NLST *.txt')
eq(sorted([b'empty.txt', b'hello.txt', b'text lines.txt',
           'Grüße 日本.txt'.encode()]), sorted(data.split(b'\r\n')[:-1]), 'NLST glob')
data, _, _ = f.get('NLST sub dir/*.bin')
eq([b'sub dir/mid.bin'], data.split(b'\r\n')[:-1], 'NLST glob in a dir')
data, _, _ = f.get('NLST *.nothing')
eq(b'', data, 'glob without match')
data, _, _ = f.get('LIST empty dir')
eq(b'', data, 'empty directory')
f.cmd('EPSV', 229)
f.cmd('NLST *a*b*c*d*e*f*g*', 550)
f.cmd('EPSV', 229)
f.cmd('LIST missing', 550)
EOF
exit 0

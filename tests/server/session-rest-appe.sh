#!/usr/bin/env bash
# RETR's 150 carries the bytes to come: "150 Opening BINARY mode data
# connection for NAME (N bytes)." with N = size - REST; REST+RETR sends
# the tail; REST past the end is 554; REST+STOR writes in place at the
# marker; APPE appends; STOU creates a new file and names it in its 150.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
start_forkftpd --anonymous-write "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" "$ROOT" <<'EOF' || fail "REST/APPE/STOU"
import os, sys
from session_ftp import *
root = sys.argv[2]
big = open(os.path.join(root, 'big.bin'), 'rb').read()
f = Ftp(port())
f.login()
f.cmd('TYPE I', 200)
data, r150, _ = f.get('RETR big.bin')
eq(big, data, 'RETR big.bin')
eq(b'150 Opening BINARY mode data connection for big.bin (%d bytes).'
   % len(big), r150.lines[0], '150 text')
f.cmd('REST 1000000', 350)
data, r150, _ = f.get('RETR big.bin')
eq(big[1000000:], data, 'REST+RETR')
eq(b'150 Opening BINARY mode data connection for big.bin (%d bytes).'
   % (len(big) - 1000000), r150.lines[0], '150 after REST')
f.cmd('REST %d' % (len(big) + 1), 350)
f.cmd('RETR big.bin', 554)
f.cmd('REST -1', 501)
f.cmd('REST abc', 501)
# REST + STOR: keep the first 100 bytes, write the rest at the marker
f.put('STOR part.bin', big[:300])
f.cmd('REST 100', 350)
f.put('STOR part.bin', big[100:5000])
eq(big[:5000], open(os.path.join(root, 'part.bin'), 'rb').read(), 'REST+STOR')
f.put('APPE part.bin', big[5000:9000])
eq(big[:9000], open(os.path.join(root, 'part.bin'), 'rb').read(), 'APPE')
f.cmd('REST 100', 350)
f.cmd('STOR part.bin', 425)
eq(big[:9000], open(os.path.join(root, 'part.bin'), 'rb').read(),
   'a refused REST+STOR changes nothing')
f.cmd('REST 100', 350)
f.put('STOR part.bin', b'tail')
eq(big[:100] + b'tail', open(os.path.join(root, 'part.bin'), 'rb').read(),
   'REST+STOR replaces what followed the marker')
f.cmd('REST 10', 350)
f.cmd('APPE brand-new.bin', 554)
if os.path.exists(os.path.join(root, 'brand-new.bin')):
    raise AssertionError('refused APPE created its file')
f.put('APPE new.bin', b'fresh')
eq(b'fresh', open(os.path.join(root, 'new.bin'), 'rb').read(), 'APPE new')
r150, _ = f.put('STOU', b'unique bytes')
name = r150.text.split('FILE: ', 1)[1]
eq(b'unique bytes', open(os.path.join(root, name), 'rb').read(), 'STOU file')
f.cmd('RETR sub dir', 550)
f.cmd('RETR nothere', 550)
EOF
exit 0

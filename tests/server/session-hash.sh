#!/usr/bin/env bash
# HASH (draft-bryan-ftpext-hash): "213 SHA-256 0-N <hex> path", the hex
# equal to sha256sum; OPTS HASH switches to SHA-1, SHA-512 and MD5 and back;
# FEAT marks the selected one; unknown algorithms are 501, directories 550.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
start_forkftpd --anonymous "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" "$ROOT" <<'EOF' || fail "HASH"
import hashlib, os, sys
from session_ftp import *
root = sys.argv[2]
big = open(os.path.join(root, 'big.bin'), 'rb').read()
f = Ftp(port())
f.login()
eq(b'213 SHA-256 0-%d %s big.bin' % (len(big),
   hashlib.sha256(big).hexdigest().encode()), f.cmd('HASH big.bin').lines[0],
   'HASH SHA-256')
eq(b'200 SHA-1', f.cmd('OPTS HASH SHA-1').lines[0], 'OPTS HASH SHA-1')
eq([b' HASH SHA-256;SHA-512;SHA-1*;MD5'],
   [l for l in f.cmd('FEAT', 211).lines if l.startswith(b' HASH ')], 'FEAT selection')
eq(b'213 SHA-1 0-%d %s big.bin' % (len(big),
   hashlib.sha1(big).hexdigest().encode()), f.cmd('HASH big.bin').lines[0],
   'HASH SHA-1')
eq(b'200 SHA-512', f.cmd('OPTS HASH sha-512').lines[0], 'OPTS HASH SHA-512')
eq(b'213 SHA-512 0-%d %s big.bin' % (len(big),
   hashlib.sha512(big).hexdigest().encode()), f.cmd('HASH big.bin').lines[0],
   'HASH SHA-512')
f.cmd('OPTS HASH MD5', 200)
eq(b'213 MD5 0-0 %s empty.txt' % hashlib.md5(b'').hexdigest().encode(),
   f.cmd('HASH empty.txt').lines[0], 'HASH MD5')
f.cmd('OPTS HASH CRC99', 501)
eq(b'200 MD5', f.cmd('OPTS HASH').lines[0], 'OPTS HASH query')
f.cmd('OPTS HASH SHA-256', 200)
f.cmd('HASH sub dir', 550)
f.cmd('HASH missing', 550)
EOF
exit 0

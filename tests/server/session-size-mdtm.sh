#!/usr/bin/env bash
# SIZE is "213 N" in binary and refused in ASCII; MDTM is
# "213 YYYYMMDDHHMMSS" in UTC; MFMT sets the time and answers
# "213 Modify=t; path"; directories and missing files are 550.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
touch -d '2021-03-04 05:06:07 UTC' "$ROOT/hello.txt"
start_forkftpd --anonymous-write "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" "$ROOT" <<'EOF' || fail "SIZE/MDTM/MFMT"
import os, sys, calendar
from session_ftp import *
root = sys.argv[2]
f = Ftp(port())
f.login()
f.cmd('TYPE I', 200)
eq([b'213 3145728'], f.cmd('SIZE big.bin').lines, 'SIZE')
eq([b'213 0'], f.cmd('SIZE empty.txt').lines, 'SIZE empty')
f.cmd('SIZE sub dir', 550)
f.cmd('SIZE missing', 550)
f.cmd('TYPE A', 200)
f.cmd('SIZE big.bin', 550)
f.cmd('TYPE I', 200)
eq([b'213 20210304050607'], f.cmd('MDTM hello.txt').lines, 'MDTM')
f.cmd('MDTM missing', 550)
eq([b'213 Modify=19991231235958; hello.txt'],
   f.cmd('MFMT 19991231235958 hello.txt').lines, 'MFMT')
eq(calendar.timegm((1999, 12, 31, 23, 59, 58)),
   int(os.stat(os.path.join(root, 'hello.txt')).st_mtime), 'mtime after MFMT')
f.cmd('MFMT 1999 hello.txt', 501)
f.cmd('MFMT 19991231235958 missing', 550)
EOF
exit 0

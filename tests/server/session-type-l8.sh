#!/usr/bin/env bash
# TYPE L 8 and TYPE L8 (RFC 959 §3.1.1.3, local byte size 8) are binary,
# as vsftpd has it: after TYPE A, either one makes a file with CR LF and
# bare LF come back byte for byte.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
printf 'a\nb\r\nc\rd\n' >"$ROOT/mixed.txt"
make_root "$ROOT"
start_forkftpd --anonymous "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" "$ROOT/mixed.txt" <<'PYEOF' || fail "TYPE L 8"
import sys
from session_ftp import *
want = open(sys.argv[2], 'rb').read()
f = Ftp(port())
f.login()
for t in ('L 8', 'L8', 'l 8'):
    f.cmd('TYPE A', 200)
    data, _, _ = f.get('RETR mixed.txt')
    if data == want:
        raise AssertionError('TYPE A did not convert, the test proves nothing')
    r = f.cmd('TYPE ' + t, 200)
    data, _, _ = f.get('RETR mixed.txt')
    eq(want, data, 'TYPE %s download' % t)
f.cmd('TYPE L 7', 504)
f.cmd('QUIT', 221)
PYEOF

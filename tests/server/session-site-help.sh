#!/usr/bin/env bash
# SITE HELP lists the SITE commands (multi-line 214); SITE HELP CMD gives
# its syntax; an unknown subcommand is 501.  Unknown SITE commands stay 500.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
start_forkftpd --anonymous "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" <<'PYEOF' || fail "SITE HELP"
from session_ftp import *
f = Ftp(port())
f.login()
r = f.cmd('SITE HELP', 214)
names = [l.strip() for l in r.lines[1:-1]]
eq([b'CHMOD', b'HELP'], names, 'SITE HELP body')
r = f.cmd('SITE HELP chmod', 214)
if b'SITE CHMOD' not in r.lines[0]:
    raise AssertionError('SITE HELP CHMOD: %r' % r)
f.cmd('SITE HELP FROB', 501)
f.cmd('SITE HELP CHMODX', 501)
f.cmd('SITE FROB', 500)
f.cmd('QUIT', 221)
PYEOF

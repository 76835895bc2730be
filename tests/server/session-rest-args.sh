#!/usr/bin/env bash
# REST takes a non-negative decimal number of at most 20 digits; anything
# else (empty, "str", -1, 10.1, +5, 21 digits even with leading zeros) is
# 501 and changes nothing: the marker set before still applies.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
printf '0123456789' >"$ROOT/ten.txt"
make_root "$ROOT"
start_forkftpd --anonymous "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" <<'PYEOF' || fail "REST arguments"
from session_ftp import *
f = Ftp(port())
f.login()
f.cmd('TYPE I', 200)
f.cmd('REST 4', 350)
for bad in ('REST', 'REST  ', 'REST str', 'REST -1', 'REST 10.1', 'REST +5',
            'REST 1e3', 'REST 0x10', 'REST 5 ',
            'REST 123456789012345678901', 'REST 000000000000000000007'):
    f.cmd(bad, 501)
data, _, _ = f.get('RETR ten.txt')
eq(b'456789', data, 'the earlier marker still applies')
f.cmd('REST 00000000000000000007', 350)
data, _, _ = f.get('RETR ten.txt')
eq(b'789', data, '20 digits with leading zeros')
f.cmd('QUIT', 221)
PYEOF

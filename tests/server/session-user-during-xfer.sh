#!/usr/bin/env bash
# USER sent while a transfer runs takes effect after that transfer's
# final reply: the upload finishes under the first login (226), then USER
# is answered 331 and the next command needs a login.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
mkdir -p "$ROOT/alice" "$ROOT/pub"
make_root "$ROOT"
printf 'alice:%s:/alice:rw\n' "$(hash_password secret)" >"$T/users"
head -c 2000000 /dev/urandom >"$T/payload"
start_forkftpd --anonymous --anonymous-root pub --users "$T/users" "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" "$T/payload" <<'PYEOF' || fail "USER during a transfer"
import sys
from session_ftp import *
payload = open(sys.argv[2], 'rb').read()
f = Ftp(port())
f.login('alice', 'secret')
d = f.pasv()
f.cmd('STOR big.bin', 150)
d.sendall(payload[:1000000])
f.send('USER anonymous')
d.sendall(payload[1000000:])
d.close()
eq(226, f.reply().code, 'the transfer ends first')
eq(331, f.reply().code, 'then USER')
f.cmd('PWD', 530)
f.cmd('PASS me@', 230)
f.cmd('QUIT', 221)
PYEOF
assert_same_file "$T/payload" "$ROOT/alice/big.bin"

#!/usr/bin/env bash
# USER at any time (RFC 959 §4.1.1) starts a new login: after it every
# command needs a login again (530) until PASS succeeds, and the new
# user's home and permissions apply.  Named -> anonymous -> named.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
mkdir -p "$ROOT/alice" "$ROOT/pub"
printf 'top\n' >"$ROOT/pub/top.txt"
printf 'mine\n' >"$ROOT/alice/mine.txt"
make_root "$ROOT"
printf 'alice:%s:/alice:rw\n' "$(hash_password secret)" >"$T/users"
start_forkftpd --anonymous --anonymous-root pub --users "$T/users" --fail-delay-ms 0 "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" <<'PYEOF' || fail "USER at any time"
from session_ftp import *
f = Ftp(port())
f.login('alice', 'secret')
f.get('RETR mine.txt')
f.put('STOR up.txt', b'alice was here\n')
f.cmd('USER anonymous', 331)
f.cmd('PWD', 530)
f.cmd('PASS me@', 230)
eq(b'257 "/" is the current directory', f.cmd('PWD').lines[0], 'anonymous cwd')
data, _, _ = f.get('RETR top.txt')
eq(b'top\n', data, 'anonymous sees its root')
f.cmd('STOR nope.txt', 550)
f.cmd('USER alice', 331)
f.cmd('NOOP', 200)
f.cmd('RETR mine.txt', 530)
f.cmd('PASS secret', 230)
data, _, _ = f.get('RETR mine.txt')
eq(b'mine\n', data, 'alice sees her home again')
f.cmd('RETR top.txt', 550)
f.put('STOR again.txt', b'and again\n')
f.cmd('USER alice', 331)
f.cmd('PASS wrong', 530)
f.cmd('PWD', 530)
f.cmd('QUIT', 221)
PYEOF
[ -f "$ROOT/alice/up.txt" ] && [ -f "$ROOT/alice/again.txt" ] ||
	fail "alice's uploads are not in her home: $(ls -R "$ROOT")"
[ ! -e "$ROOT/pub/nope.txt" ] || fail "anonymous (read-only) stored a file"

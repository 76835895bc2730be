#!/bin/bash
# --hash-password on a terminal asks twice ("Password: ", "Again: ") and
# prints a hash only when both agree; from a pipe it reads one line.
. "$(dirname "$0")/../lib.sh"
"$PY" - "$FORKFTPD" <<'PYEOF' || fail "--hash-password on a terminal"
import os, pty, re, sys, time

def run(*answers):
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(sys.argv[1], ['forkftpd', '--hash-password'])
    out = b''
    for prompt, answer in zip((b'Password: ', b'Again: '), answers):
        end = time.monotonic() + 10
        while prompt not in out.split(b'\n')[-1] and time.monotonic() < end:
            out += os.read(fd, 1024)
        if prompt not in out:
            raise AssertionError('no prompt %r, saw %r' % (prompt, out))
        os.write(fd, answer + b'\n')
    while True:
        try:
            b = os.read(fd, 1024)
        except OSError:
            break
        if not b:
            break
        out += b
    _, st = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(st), out.decode()

rc, out = run(b's3cret', b's3cret')
h = out.split()[-1]
if rc != 0 or not re.fullmatch(r'\$y\$[./A-Za-z0-9$]+', h):
    raise AssertionError('same twice: rc %d, %r' % (rc, out))
rc, out = run(b's3cret', b's3cre7')
if rc == 0 or 'differ' not in out or '$y$' in out:
    raise AssertionError('different: rc %d, %r' % (rc, out))
PYEOF
h=$(printf 'piped\n' | "$FORKFTPD" --hash-password) || fail "from a pipe"
assert_match '^\$y\$' "$h" "hash from a pipe"

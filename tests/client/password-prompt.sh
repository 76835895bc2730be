#!/usr/bin/env bash
# A URL with a user and no password (and no ~/.netrc entry) makes
# forkftp ask for the password on the terminal, without echo; the login
# then succeeds.  Driven through a pseudo-terminal.
. "$(dirname "$0")/../lib.sh"

D=$T/srv/pub
make_root "$D"
sample_files "$D"
PEER_PORT=$(free_port)
"$PY" -m pyftpdlib -i 127.0.0.1 -p "$PEER_PORT" -w -d "$D" -u alice -P 'tty secret' \
    >"$T/py.log" 2>&1 &
t_defer "kill -TERM $!"
PEER_LOG=$T/py.log
_peer_wait pyftpdlib
cd "$T" || fail "cd"
HOME=$T/nohome "$PY" - "$FORKFTP" "ftp://alice@127.0.0.1:$PEER_PORT/" >"$T/pty.out" 2>&1 <<'EOF2'
import os, pty, sys, time, select
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "--timeout", "10", "-e", "get hello.txt", sys.argv[2]])
out = b""
deadline = time.time() + 20
sent = False
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 0.2)
    if r:
        try:
            d = os.read(fd, 1024)
        except OSError:
            break
        if not d:
            break
        out += d
    if not sent and b"Password for alice@127.0.0.1" in out:
        os.write(fd, b"tty secret\r")
        sent = True
_, st = os.waitpid(pid, 0)
sys.stdout.write(out.decode("utf-8", "replace"))
sys.exit(os.waitstatus_to_exitcode(st) if sent else 99)
EOF2
rc=$?
[ "$rc" != 99 ] || fail "no password prompt: $(cat "$T/pty.out")"
[ "$rc" = 0 ] || fail "login after the prompt failed ($rc): $(cat "$T/pty.out")"
grep -q 'tty secret' "$T/pty.out" && fail "the password was echoed"
assert_same_file "$D/hello.txt" "$T/hello.txt"

#!/bin/bash
# --data-timeout: an upload whose data connection goes silent is cut
# within the deadline (421, as for every expired timeout) and the target
# file is not replaced by the partial upload; other clients are served.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
echo old >"$T/root/f.txt"
make_root "$T/root"
start_forkftpd --anonymous-write --data-timeout 1 "$T/root"
out=$("$PY" - "$FTPD_PORT" <<'PYEOF'
import re, socket, sys, time
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=15)
f = s.makefile('rb')
def cmd(c):
    if c:
        s.sendall(c.encode() + b'\r\n')
    r = f.readline().decode().rstrip()
    print(r)
    return r
cmd(None); cmd('USER anonymous'); cmd('PASS x@')
r = cmd('EPSV')
port = int(re.search(r'\|\|\|(\d+)\|', r).group(1))
d = socket.create_connection(('127.0.0.1', port), timeout=15)
cmd('STOR f.txt')
d.sendall(b'partial')
t = time.time()
cmd(None)
print('after %.1f' % (time.time() - t))
print('eof' if f.readline() == b'' else 'open')
d.close()
PYEOF
)
assert_match '^421' "$(grep -B1 '^after' <<<"$out" | head -1)" "reply to a stalled upload ($out)"
assert_match '^after (0\.[89]|[1-4]\.)' "$(grep '^after' <<<"$out")" "seconds with --data-timeout 1"
assert_eq eof "$(tail -1 <<<"$out")" "control connection after the 421"
wait_until 5 test "$(count_sessions)" = 0 || fail "session still running"
assert_eq f.txt "$(ls -A "$T/root")" "files in the root after the stalled upload"
assert_match '^220' "$(first_reply "$FTPD_PORT")" "another client"
assert_eq old "$(cat "$T/root/f.txt")" "target after the stalled upload"

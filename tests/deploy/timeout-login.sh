#!/bin/bash
# --login-timeout: a client that connects and never logs in gets 421 and
# is closed; another client is served meanwhile.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
start_forkftpd --login-timeout 1 --idle-timeout 30 "$T/root"
# The 421 arrives unsolicited: read the raw stream, not through ftp_chat.
out=$("$PY" - "$FTPD_PORT" <<'PYEOF'
import socket, sys, time
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=10)
t = time.time()
data = b''
while True:
    d = s.recv(4096)
    if not d:
        break
    data += d
print(data.decode('latin-1').replace('\r', ''), end='')
print('closed after %.1f' % (time.time() - t))
PYEOF
)
assert_match '^220' "$out" "greeting"
assert_match '^421' "$out" "reply at the login deadline"
secs=$(sed -n 's/^closed after //p' <<<"$out")
assert_match '^(0\.[89]|[1-4]\.)' "$secs" "seconds until closed with --login-timeout 1"
assert_match '^220' "$(first_reply "$FTPD_PORT")" "another client meanwhile"

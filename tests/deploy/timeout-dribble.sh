#!/bin/bash
# One deadline per command line, not per read: a client dribbling a byte
# every 0.3 s never finishing its line is cut at --idle-timeout.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
start_forkftpd --login-timeout 2 --idle-timeout 2 "$T/root"
out=$("$PY" - "$FTPD_PORT" <<'PYEOF'
import socket, sys, time
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=10)
f = s.makefile('rb')
print(f.readline().decode().rstrip())
t = time.time()
s.settimeout(0.3)
data = b''
try:
    for i in range(40):            # 12 s at most: far past the 2 s deadline
        try:
            s.send(b'N')
        except OSError:
            break
        try:
            d = s.recv(4096)
            if not d:
                break
            data += d
        except socket.timeout:
            pass
except OSError:
    pass
print(data.decode('latin-1').replace('\r', ''), end='')
print('cut after %.1f' % (time.time() - t))
PYEOF
)
assert_match '^421' "$out" "reply to the dribbling client"
secs=$(sed -n 's/^cut after //p' <<<"$out")
assert_match '^[1-5]\.' "$secs" "seconds until cut with a 2 s deadline"

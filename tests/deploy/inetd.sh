#!/bin/bash
# --inetd: one session served on the socket given as stdin, no listener,
# no fork; the process exits when the client leaves.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
out=$("$PY" - "$FORKFTPD" "$T/root" 2>&1 <<'PYEOF'
import socket, subprocess, sys
a, b = socket.socketpair()
p = subprocess.Popen([sys.argv[1], '--inetd', sys.argv[2]], stdin=b,
                     stderr=subprocess.DEVNULL)
b.close()
a.settimeout(10)
f = a.makefile('rb')
print(f.readline().decode().rstrip())
a.sendall(b'QUIT\r\n')
print(f.readline().decode().rstrip())
print('exit', p.wait(timeout=10))
PYEOF
)
assert_match '^220' "$(sed -n 1p <<<"$out")" "greeting"
assert_match '^221' "$(sed -n 2p <<<"$out")" "QUIT reply"
assert_eq "exit 0" "$(sed -n 3p <<<"$out")" "exit status"

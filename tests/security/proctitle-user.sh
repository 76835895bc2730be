#!/usr/bin/env bash
# The USER argument reaches the process title only through the same
# sanitizer as command arguments: no escape or other control bytes in
# /proc/PID/cmdline, whatever a client sends before logging in.
. "$(dirname "$0")/../lib.sh"

make_root "$T/root"
start_forkftpd --anonymous "$T/root"
mkfifo "$T/hold"
cat >"$T/client.py" <<'PYEOF'
import socket, sys
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=10)
f = s.makefile('rb')
f.readline()
# An OSC title sequence, a bell, a DEL and a raw CR.
s.sendall(b'USER \x1b]0;OWNED\x07\x7fme\x1b[2J\rx\r\n')
print(f.readline().decode('latin-1').strip(), flush=True)
# The title is set when the next command is dispatched.
s.sendall(b'SYST\r\n')
print(f.readline().decode('latin-1').strip(), flush=True)
print('ready', flush=True)
sys.stdin.read()
PYEOF
"$PY" "$T/client.py" "$FTPD_PORT" <"$T/hold" >"$T/out" 2>&1 &
pid=$!
exec 3>"$T/hold"
t_defer "kill $pid"
wait_until 10 grep -q ready "$T/out" || fail "client: $(cat "$T/out")"
child=$(sec_children "$FTPD_PID" | head -1)
[ -n "$child" ] || fail "no session child"
wait_until 5 grep -q 'OWNED' "/proc/$child/cmdline" ||
	fail "title does not name the user: $(tr '\0' ' ' <"/proc/$child/cmdline" | od -c | head)"
# Control bytes anywhere in the title (NUL is cmdline's separator).
if tr -d '\0' <"/proc/$child/cmdline" | LC_ALL=C grep -q '[[:cntrl:]]'; then
	fail "control bytes in the title: $(od -c "/proc/$child/cmdline" | head)"
fi
exec 3>&-
exit 0

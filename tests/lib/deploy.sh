# Helpers for tests/deploy/*: holding sessions open, reading child pids.
# Sourced by tests/lib.sh.

# hold_sessions PORT N NAME [USER PASS]: open N control connections (logged
# in when USER is given) in the background and keep them open until
# release_sessions NAME.  Source address from HOLD_SRC (default 127.0.0.1).
# $T/hold.NAME.out gets each greeting (and login reply), then "ready";
# after the release, $T/hold.NAME.done gets each session's NOOP reply.
hold_sessions() {
	local port=$1 n=$2 name=$3
	shift 3
	"$PY" - "$port" "$n" "$T/hold.$name" "$@" <<'PYEOF' &
import os, socket, sys, time
port, n, base = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
login = sys.argv[4:6]
src = os.environ.get('HOLD_SRC', '127.0.0.1')
conns, lines = [], []
def reply(f):
    ln = f.readline().decode('latin-1').rstrip('\r\n')
    while len(ln) > 3 and ln[3] == '-':
        nxt = f.readline().decode('latin-1').rstrip('\r\n')
        if not nxt:
            break
        if nxt[:3] == ln[:3] and nxt[3:4] == ' ':
            ln = nxt
            break
    return ln or '(closed)'
for i in range(n):
    s = socket.create_connection(('127.0.0.1', port), timeout=20,
                                 source_address=(src, 0))
    f = s.makefile('rb')
    got = [reply(f)]
    if login:
        s.sendall(b'USER %s\r\n' % login[0].encode())
        got.append(reply(f))
        s.sendall(b'PASS %s\r\n' % login[1].encode())
        got.append(reply(f))
    conns.append((s, f))
    lines.append(' | '.join(got))
with open(base + '.tmp', 'w') as o:
    o.write('\n'.join(lines) + '\nready\n')
os.rename(base + '.tmp', base + '.out')
end = time.time() + 120
while not os.path.exists(base + '.release') and time.time() < end:
    time.sleep(0.05)
done = []
for s, f in conns:
    try:
        s.sendall(b'NOOP\r\n')
        done.append(reply(f))
        s.sendall(b'QUIT\r\n')
        reply(f)
    except OSError as e:
        done.append('(error %s)' % e)
    s.close()
with open(base + '.tmp', 'w') as o:
    o.write('\n'.join(done) + '\n')
os.rename(base + '.tmp', base + '.done')
PYEOF
	HOLD_PID=$!
	t_defer "kill $HOLD_PID"
	wait_until 20 test -f "$T/hold.$name.out" ||
		fail "could not open $n sessions ($name)"
}

# release_sessions NAME: let the held sessions send NOOP and QUIT; waits.
release_sessions() {
	touch "$T/hold.$1.release"
	wait_until 20 test -f "$T/hold.$1.done" ||
		fail "held sessions $1 did not finish"
}

# first_reply PORT [SRC]: the first line a new connection receives.
first_reply() {
	"$PY" - "$1" "${2:-127.0.0.1}" <<'PYEOF'
import socket, sys
try:
    s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=10,
                                 source_address=(sys.argv[2], 0))
    print(s.makefile('rb').readline().decode('latin-1').rstrip('\r\n') or '(closed)')
except OSError as e:
    print('(error %s)' % e)
PYEOF
}

# session_pids: pids of the children of the server started by start_forkftpd.
session_pids() {
	pgrep -P "$FTPD_PID" || true
}

# count_sessions: how many children the server has right now.
count_sessions() {
	session_pids | wc -l
}

# need_root: skip unless root (privilege tests).
need_root() {
	[ "$(id -u)" = 0 ] || skip "needs root"
}

# hash_password PASSWORD: a users-file hash from forkftpd --hash-password.
hash_password() {
	printf '%s\n' "$1" | "$FORKFTPD" --hash-password 2>/dev/null
}

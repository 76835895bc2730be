#!/usr/bin/env bash
# A logged-in session does not keep the password it was sent: not in the
# command line, not in the line reader's buffer, not in the stack chunks
# the control connection was read into.  The memory of a real session
# child is read through /proc/PID/mem (root reads it although sessions
# are not dumpable) and searched; the user name, which the session must
# keep, is found there, so the search itself works.  Plain and FTPS.
. "$(dirname "$0")/../lib.sh"

[ "$(id -u)" = 0 ] || skip "reading a non-dumpable session's memory needs root"
ROOT=$T/root
make_root "$ROOT"
mkdir -p "$ROOT/alice"
make_root "$ROOT"
PASSWORD=Pw-$RANDOM-$RANDOM-Unique-Secret
h=$(hash_password "$PASSWORD")
[ -n "$h" ] || fail "--hash-password gave nothing"
printf 'alicememtest:%s:/alice:rw\n' "$h" >"$T/users"
start_forkftpd -u "$T/users" "$ROOT"

# scan PID NEEDLE...: each needle, "found" or "absent", in PID's
# writable mappings (heap, stack, data, anonymous).
scan() {
	"$PY" - "$@" <<'EOF'
import re, sys
pid, needles = sys.argv[1], [n.encode() for n in sys.argv[2:]]
found = {n: False for n in needles}
with open('/proc/%s/maps' % pid) as maps, open('/proc/%s/mem' % pid, 'rb', 0) as mem:
    for line in maps:
        m = re.match(r'([0-9a-f]+)-([0-9a-f]+) (\S+)', line)
        lo, hi, perms = int(m.group(1), 16), int(m.group(2), 16), m.group(3)
        # The sanitizer build's shadow maps are terabytes, all but
        # empty: read what is mapped in pieces, skip what cannot be read.
        if 'r' not in perms or 'w' not in perms or '[vvar' in line:
            continue
        if hi - lo > (1 << 30):
            continue
        for at in range(lo, hi, 1 << 20):
            try:
                mem.seek(at)
                data = mem.read(min(hi - at, (1 << 20) + 256))
            except OSError:
                continue
            for n in needles:
                found[n] = found[n] or n in data
print(' '.join('found' if found[n] else 'absent' for n in needles))
EOF
}

# round NAME CLIENT_TLS: log in (PLAIN or TLS), hold the session, scan it.
round() {
	local name=$1 tls=$2 pid got
	"$PY" - "$FTPD_PORT" "$PASSWORD" "$tls" "$T/held.$name" <<'EOF' &
import ftplib, os, ssl, sys, time
port, pw, tls, flag = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
if tls == 'TLS':
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    f = ftplib.FTP_TLS(context=ctx)
else:
    f = ftplib.FTP()
f.connect('127.0.0.1', port, timeout=20)
f.login('alicememtest', pw)
open(flag, 'w').close()
end = time.time() + 60
while not os.path.exists(flag + '.release') and time.time() < end:
    time.sleep(0.05)
f.quit()
EOF
	t_defer "kill $! 2>/dev/null"
	wait_until 20 test -e "$T/held.$name" || fail "$name: no login"
	pid=$(session_pids | tail -1)
	[ -n "$pid" ] || fail "$name: no session child"
	# The password's tail: a shorter line read later may overwrite the
	# head of an old copy, never all of it.
	got=$(scan "$pid" alicememtest "${PASSWORD:4}") || fail "$name: cannot read $pid's memory"
	touch "$T/held.$name.release"
	[ "${got%% *}" = found ] || fail "$name: the user name is not in the session's memory: the scan sees nothing"
	[ "${got#* }" = absent ] || fail "$name: the password is still in session $pid's memory"
	note "$name: user name found, password absent"
	wait_until 20 sh -c "[ \$(pgrep -c -P $FTPD_PID) = 0 ]" || true
}

round plain PLAIN
round ftps TLS
exit 0

#!/usr/bin/env bash
# Client-chosen text cannot forge or corrupt log lines: user names and
# file names holding ESC sequences, BEL, TAB, 0xFF, C1 controls and
# "fake log line" text go through a login failure, a login, uploads,
# downloads, MKD and DELE; the server log (stderr) and the xferlog hold
# no control byte (only the LF that ends each line) and exactly one
# xferlog line per transfer.
. "$(dirname "$0")/../lib.sh"

ROOT=$T/root
sec_fixture "$ROOT"
start_forkftpd --anonymous --anonymous-write --xferlog "$T/xferlog" "$ROOT"
timeout 60 "$PY" - "$FTPD_PORT" >"$T/out" 2>&1 <<'PYEOF'
import os, sys
sys.path.insert(0, os.environ['SEC_TOOLS'])
import secftp
port = int(sys.argv[1])
names = [b'e\x1b[2J\x1b]0;t\x07x', b'tab\there', b'ff\xff\xfe', b'c1\xc2\x9bJ',
         b'fake forkftpd[1]: login "root" ok', b'sp ace %n%s']
s = secftp.Session(port)
s.greet()
s.cmd(b'USER evil\x1b[31muser\x07')
r = s.cmd(b'PASS x')
s.close()
s = secftp.Session(port)
s.login(b'anonymous'.decode(), 'pw\x1b[2J')
s.cmd('TYPE I')
n = 0
for nm in names:
    reps, _ = s.transfer(b'STOR ' + nm, upload=b'data\n')
    if reps[-1].code == 226:
        n += 1
        reps, _ = s.transfer(b'RETR ' + nm)
        if reps[-1].code == 226:
            n += 1
        s.cmd(b'DELE ' + nm)
    s.cmd(b'MKD ' + nm)
    s.cmd(b'RMD ' + nm)
s.cmd('QUIT')
s.close()
print(n)
PYEOF
[ $? = 0 ] || fail "the client script failed: $(cat "$T/out")"
transfers=$(tail -1 "$T/out")
[ "$transfers" -ge 6 ] || fail "only $transfers transfers went through: $(cat "$T/out")"
wait_until 10 sec_no_children || fail "sessions did not end"
for f in "$FTPD_LOG" "$T/xferlog"; do
	[ -s "$f" ] || fail "$f is empty"
	"$PY" - "$f" <<'PYEOF' || fail "$(basename "$f"): control bytes from the client reached the log"
import sys
data = open(sys.argv[1], 'rb').read()
bad = [i for i, b in enumerate(data) if (b < 0x20 and b not in (0x0a,)) or b == 0x7f]
try:
    text = data.decode('utf-8')
    bad += [i for i, ch in enumerate(text) if 0x80 <= ord(ch) <= 0x9f]
except UnicodeDecodeError as e:
    bad.append(e.start)
for i in bad[:5]:
    print('byte %d: %r' % (i, data[max(0, i - 40):i + 20]))
sys.exit(1 if bad else 0)
PYEOF
done
lines=$(grep -c . "$T/xferlog")
assert_eq "$transfers" "$lines" "xferlog lines (one per transfer)"
# The fake text may appear inside a line (quoted), never as a line of its own.
! grep -q '^fake forkftpd' "$FTPD_LOG" || fail "a client file name started a log line of its own"
sec_tried "$transfers transfers, MKD, RMD and DELE of 6 hostile names, 2 hostile logins"
exit 0

#!/usr/bin/env bash
# A SIGTERM (the end of the listener's grace period) that arrives while
# an upload is being committed leaves no temporary behind.  Over an old
# file the nameless temporary gets a hidden .forkftpd.* name (linkat)
# that is then renamed over the target: strace holds the child right
# after that linkat, the child gets SIGTERM there, and when it is gone
# the directory holds the target (old or new bytes, whole) and nothing
# else.
. "$(dirname "$0")/../lib.sh"

[ "$(id -u)" = 0 ] || skip "strace attaches to non-dumpable sessions only as root"
command -v strace >/dev/null || skip "no strace"

ROOT=$T/root
make_root "$ROOT"
mkdir -p "$ROOT/up"
head -c 100000 /dev/urandom >"$T/old.bin"
head -c 200000 /dev/urandom >"$T/new.bin"
cp "$T/old.bin" "$ROOT/up/target.bin"
[ "$(id -u)" != 0 ] || chown -R "$(ftp_account):" "$ROOT/up"
start_forkftpd --anonymous-write --grace 1 "$ROOT"

mkfifo "$T/go"
cat >"$T/client.py" <<'PYEOF'
import os, sys
sys.path.insert(0, os.environ['SEC_TOOLS'])
import secftp
s = secftp.Session(int(sys.argv[1]), timeout=30)
s.login()
s.cmd('TYPE I')
print('ready', flush=True)
sys.stdin.readline()
try:
    reps, _ = s.transfer('STOR up/target.bin', upload=open(sys.argv[2], 'rb').read())
    print('replies', [r.code for r in reps], flush=True)
except (secftp.Closed, OSError) as e:
    print('closed', e, flush=True)
PYEOF
"$PY" "$T/client.py" "$FTPD_PORT" "$T/new.bin" <"$T/go" >"$T/client.out" 2>&1 &
cpid=$!
exec 3>"$T/go"
t_defer "kill $cpid"
wait_until 10 grep -q ready "$T/client.out" || fail "client: $(cat "$T/client.out")"
child=$(sec_children "$FTPD_PID" | head -1)
[ -n "$child" ] || fail "no session child"

# linkat calls of the upload: the jail's linkability probe, the direct
# link (EEXIST: the target exists), then the hidden name: hold that one.
strace -p "$child" -o "$T/strace.out" -e trace=linkat,renameat,renameat2 \
    -e inject=linkat:delay_exit=3000000:when=3 2>"$T/strace.err" &
spid=$!
t_defer "kill $spid"
wait_until 10 grep -q attached "$T/strace.err" || fail "strace: $(cat "$T/strace.err")"
echo go >&3
wait_until 15 sh -c "ls -A '$ROOT/up' | grep -q '^\.forkftpd\.'" ||
	fail "no hidden name appeared: $(ls -A "$ROOT/up"); $(cat "$T/strace.out")"
kill -TERM "$child"
wait_until 20 sh -c "! kill -0 $child 2>/dev/null" || fail "child $child did not end"
wait "$spid" 2>/dev/null
left=$(ls -A "$ROOT/up")
assert_eq target.bin "$left" "what the upload directory holds after the SIGTERM"
cmp -s "$ROOT/up/target.bin" "$T/new.bin" || cmp -s "$ROOT/up/target.bin" "$T/old.bin" ||
	fail "target.bin is neither the old nor the new file"
exit 0

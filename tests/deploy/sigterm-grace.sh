#!/bin/bash
# SIGTERM: the listener closes at once (new clients refused) but a running
# download finishes intact within --grace; then the parent exits.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
head -c 3000000 /dev/urandom >"$T/root/big.bin"
make_root "$T/root"
start_forkftpd --grace 20 "$T/root"
# A slow reader: about 2 s for the file; it signals when it is mid-way.
"$PY" - "$FTPD_PORT" "$T/big.out" "$T/midway" >"$T/client.out" 2>&1 <<'PYEOF' &
import ftplib, os, sys, time
ftp = ftplib.FTP()
ftp.connect('127.0.0.1', int(sys.argv[1]), timeout=20)
ftp.login('anonymous', 'x@')
ftp.voidcmd('TYPE I')
got = 0
with open(sys.argv[2], 'wb') as out:
    conn = ftp.transfercmd('RETR big.bin')
    while True:
        d = conn.recv(32768)
        if not d:
            break
        out.write(d)
        got += len(d)
        if got > 1000000 and not os.path.exists(sys.argv[3]):
            open(sys.argv[3], 'w').close()
        time.sleep(0.02)
    conn.close()
print(ftp.voidresp())
print(ftp.quit())
PYEOF
cpid=$!
t_defer "kill $cpid"
wait_until 10 test -e "$T/midway" || fail "download did not start: $(cat "$T/client.out")"
kill -TERM "$FTPD_PID"
wait_until 5 grep -q stopping "$FTPD_LOG" || fail "no stopping message: $(cat "$FTPD_LOG")"
assert_match '^\(error' "$(first_reply "$FTPD_PORT")" "new connection while draining"
kill -0 "$FTPD_PID" 2>/dev/null || fail "parent exited before the session ended"
wait "$cpid"; rc=$?
assert_eq 0 "$rc" "client exit status ($(cat "$T/client.out"))"
assert_match '^226' "$(sed -n 1p "$T/client.out")" "end of transfer reply"
assert_match '^221' "$(sed -n 2p "$T/client.out")" "QUIT reply"
assert_same_file "$T/root/big.bin" "$T/big.out"
wait_until 5 sh -c "! kill -0 $FTPD_PID" || fail "parent still running after the last session"

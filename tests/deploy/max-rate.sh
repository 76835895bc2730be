#!/bin/bash
# --max-rate BYTES: a download of 1.5 MB at 500000 B/s takes about 3 s,
# not the few milliseconds of loopback, and arrives intact.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
head -c 1500000 /dev/urandom >"$T/root/f.bin"
make_root "$T/root"
start_forkftpd --max-rate 500000 "$T/root"
secs=$("$PY" - "$FTPD_PORT" "$T/f.out" <<'PYEOF'
import ftplib, sys, time
ftp = ftplib.FTP()
ftp.connect('127.0.0.1', int(sys.argv[1]), timeout=30)
ftp.login('anonymous', 'x@')
t = time.time()
with open(sys.argv[2], 'wb') as o:
    ftp.retrbinary('RETR f.bin', o.write)
print('%.2f' % (time.time() - t))
ftp.quit()
PYEOF
)
assert_same_file "$T/root/f.bin" "$T/f.out"
"$PY" -c "import sys; sys.exit(0 if 2.0 <= float('$secs') <= 20 else 1)" ||
	fail "1.5 MB at --max-rate 500000 took $secs s, expected about 3"

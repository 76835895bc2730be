#!/usr/bin/env bash
# A failed command says why, from errno, and keeps its code: No such file
# or directory, Is a directory, File exists, Permission denied, Not a
# directory, No space left on device (a 64 KiB tmpfs, when mount works).
# Each failure is logged with the command and the same reason.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
mkdir -p "$ROOT/dir" "$ROOT/locked"
printf 'x\n' >"$ROOT/file.txt"
make_root "$ROOT"
# Owned by root, 755: the service account (or, not root, nobody) cannot write.
if [ "$(id -u)" = 0 ]; then
	chown root: "$ROOT/locked"
	chmod 755 "$ROOT/locked"
else
	chmod 555 "$ROOT/locked"
fi
small=
if [ "$(id -u)" = 0 ] && mkdir -p "$ROOT/small" &&
    mount -t tmpfs -o size=64k,mode=0777 tmpfs "$ROOT/small" 2>/dev/null; then
	t_defer "umount -l '$ROOT/small'"
	small=1
else
	note "no tmpfs mount: the ENOSPC case is not checked"
fi
head -c 300000 /dev/urandom >"$T/big"
start_forkftpd --anonymous --anonymous-write "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" "$T/big" "$small" <<'PYEOF' || fail "reasons"
import sys
from session_ftp import *
f = Ftp(port())
f.login()

def why(line, code, reason):
    r = f.cmd(line, code)
    if not r.lines[-1].decode().endswith(': ' + reason + '.'):
        raise AssertionError('%s: expected "%d ...: %s.", saw %r'
                             % (line, code, reason, r))

why('DELE missing.txt', 550, 'No such file or directory')
why('DELE dir', 550, 'Is a directory')
why('MKD dir', 550, 'File exists')
why('RMD missing', 550, 'No such file or directory')
why('RMD file.txt', 550, 'Not a directory')
why('CWD file.txt', 550, 'Not a directory')
why('CWD missing', 550, 'No such file or directory')
why('SIZE dir', 550, 'Is a directory')
why('MDTM missing.txt', 550, 'No such file or directory')
why('RNFR missing.txt', 550, 'No such file or directory')
f.pasv()
why('RETR dir', 550, 'Is a directory')
f.pasv()
why('RETR missing.txt', 550, 'No such file or directory')
f.pasv()
why('STOR nodir/new.txt', 553, 'No such file or directory')
f.pasv()
why('STOR file.txt/new.txt', 553, 'Not a directory')
f.pasv()
why('STOR locked/new.txt', 553, 'Permission denied')
f.pasv()
why('STOR dir', 553, 'Is a directory')
why('MKD locked/sub', 550, 'Permission denied')
if sys.argv[3]:
    d = f.pasv()
    f.cmd('STOR small/big.bin', 150)
    try:
        d.sendall(open(sys.argv[2], 'rb').read())
    except OSError:
        pass
    d.close()
    r = f.reply()
    if r.code != 552 or not r.lines[-1].endswith(b': No space left on device.'):
        raise AssertionError('STOR on a full disk: expected 552 ...: No space '
                             'left on device., saw %r' % r)
f.cmd('QUIT', 221)
PYEOF
log=$(cat "$FTPD_LOG")
for want in 'DELE missing.txt: 550 Delete operation failed: No such file or directory.' \
    'MKD dir: 550 Create directory operation failed: File exists.' \
    'RETR dir: 550 Failed to open file: Is a directory.' \
    'STOR locked/new.txt: 553 Could not create file: Permission denied.'; do
	grep -qF -- "$want" <<<"$log" || fail "log lacks [$want]: $(tail -20 "$FTPD_LOG")"
done

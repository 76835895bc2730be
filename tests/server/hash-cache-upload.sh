#!/usr/bin/env bash
# The HASH cache and uploads, and the cache's fallback (issue 15).
# 1. A session that used OPTS HASH (a verifying client) gets its STOR
#    digested as it arrives: the record is on the file when the 226
#    comes, before any HASH, and HASH answers it.  A session that never
#    used HASH (curl) leaves no record: its uploads cost no digest.
# 2. Where user xattrs are refused (a seccomp filter fails every *xattr
#    call with EOPNOTSUPP, as a file system without them does), HASH and
#    STOR work and answer fresh digests through every change, and no
#    record appears.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
need_user_xattrs "$ROOT"
head -c $((5 << 20)) /dev/urandom >"$ROOT/f.bin"
[ "$(id -u)" != 0 ] || chown -R "$(ftp_account):" "$ROOT"

# rounds MODE: run the Python rounds against the server now started.
rounds() {
	PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" "$ROOT" "$1" <<'EOF'
import hashlib, os, sys
from session_ftp import *
root, mode = sys.argv[2], sys.argv[3]
NAME = 'user.forkftpd.sha256'

def record(p):
    try:
        return os.getxattr(os.path.join(root, p), NAME).decode()
    except OSError:
        return None

def fresh(p):
    return hashlib.sha256(open(os.path.join(root, p), 'rb').read()).hexdigest()

def hash_is(f, p, what):
    r = f.cmd('HASH ' + p, 213)
    eq(fresh(p), r.lines[0].split(b' ')[3].decode(), what)

data = os.urandom((6 << 20) + 7)
want = hashlib.sha256(data).hexdigest()
f = Ftp(port())
f.login()
f.cmd('TYPE I', 200)
if mode == 'xattr':
    # curl-like: no HASH used yet, no record.
    f.put('STOR plain.bin', data)
    eq(None, record('plain.bin'), 'record after a STOR from a non-verifier')
f.cmd('OPTS HASH SHA-256', 200)
f.put('STOR up.bin', data)
rec = record('up.bin')
if mode == 'xattr':
    eq(True, rec is not None and rec.endswith(' ' + want),
       'record at the 226 of a verifier\'s STOR (%r)' % rec)
else:
    eq(None, rec, 'record without xattrs')
hash_is(f, 'up.bin', 'HASH after STOR')
f.put('STOR up.bin', data[::-1])
hash_is(f, 'up.bin', 'HASH after a second STOR over it')
hash_is(f, 'f.bin', 'HASH f.bin')
p = os.path.join(root, 'f.bin')
st = os.stat(p)
with open(p, 'r+b') as w:
    w.seek(100)
    w.write(os.urandom(100))
os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
hash_is(f, 'f.bin', 'HASH after rewrite + touch -d')
if mode != 'xattr':
    eq(None, record('f.bin'), 'record of f.bin without xattrs')
f.cmd('QUIT', 221)
EOF
}

start_forkftpd --anonymous-write "$ROOT"
rounds xattr || fail "uploads and the cache"
kill -TERM "$FTPD_PID"; wait "$FTPD_PID" 2>/dev/null

if [ "$(uname -m)" != x86_64 ]; then
	note "not x86_64: the no-xattr round is skipped"
	exit 0
fi
"$PY" -c "import os,sys; [os.removexattr(os.path.join(sys.argv[1], n), 'user.forkftpd.sha256')
    for n in os.listdir(sys.argv[1]) if 'user.forkftpd.sha256' in os.listxattr(os.path.join(sys.argv[1], n))]" "$ROOT"
FORKFTPD=$(sec_seccomp_wrap noxattr "$FORKFTPD")
start_forkftpd --anonymous-write "$ROOT"
rounds noxattr || fail "the cache's fallback without xattrs"
exit 0

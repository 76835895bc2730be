#!/usr/bin/env bash
# HASH-RETR (issue 15): a session that chose its algorithm with OPTS HASH
# (a verifying client) gets a whole binary RETR digested as it is sent,
# so the HASH that follows is answered without a second pass.
#  - FEAT says HASH-RETR; the bytes received are the file's.
#  - Without OPTS HASH (curl, wget), no digest: no record appears.
#  - With it, the record is on the session's own file at the 226, before
#    any HASH, and holds the file's digest; a REST'd RETR (a part) and a
#    RETR cut by the client leave none.
#  - A file the session may not write (no record possible) is answered
#    from the session's memory of the RETR, and the memory is never
#    believed after a change: a rewrite in place with the mtime put back,
#    a replacement by rename, another algorithm.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
need_user_xattrs "$ROOT"
for f in own.bin own2.bin own3.bin theirs.bin; do
	head -c $(((6 << 20) + RANDOM)) /dev/urandom >"$ROOT/$f"
done
if [ "$(id -u)" = 0 ]; then
	# The session runs as the service account: own*.bin are its files,
	# theirs.bin stays root's (readable, not writable: no record).
	chown "$(ftp_account):" "$ROOT"/own*.bin
	chmod 644 "$ROOT"/*.bin
else
	chmod 444 "$ROOT/theirs.bin"
fi
start_forkftpd --anonymous "$ROOT"

PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" "$ROOT" <<'EOF' || fail "HASH-RETR"
import hashlib, os, socket, sys
from session_ftp import *
root = sys.argv[2]
NAME = 'user.forkftpd.sha256'

def path(p):
    return os.path.join(root, p)

def record(p):
    try:
        return os.getxattr(path(p), NAME).decode()
    except OSError:
        return None

def content(p):
    return open(path(p), 'rb').read()

def hash_is(f, p, algo, what):
    r = f.cmd('HASH ' + p, 213)
    want = hashlib.new(algo, content(p)).hexdigest()
    eq(want, r.lines[0].split(b' ')[3].decode(), what)

f = Ftp(port())
f.login()
eq(True, b' HASH-RETR' in f.cmd('FEAT', 211).lines, 'FEAT HASH-RETR')
f.cmd('TYPE I', 200)
data, _, _ = f.get('RETR own.bin')
eq(content('own.bin'), data, 'RETR without OPTS HASH')
eq(None, record('own.bin'), 'record after a RETR of a non-verifier')

f.cmd('OPTS HASH SHA-256', 200)
data, _, _ = f.get('RETR own.bin')
eq(content('own.bin'), data, 'digested RETR')
rec = record('own.bin')
want = hashlib.sha256(content('own.bin')).hexdigest()
eq(True, rec is not None and rec.endswith(' ' + want),
   'record at the 226 of a verifier\'s RETR (%r)' % rec)
hash_is(f, 'own.bin', 'sha256', 'HASH after the RETR')

f.cmd('REST 1000', 350)
data, _, _ = f.get('RETR own2.bin')
eq(content('own2.bin')[1000:], data, 'REST RETR')
eq(None, record('own2.bin'), 'record after a RETR of a part')

# Cut by the client: read a little, close the data connection.
d = f.pasv()
f.cmd('RETR own3.bin', 150)
eq(True, len(d.recv(65536)) > 0, 'some of own3.bin')
d.close()
r = f.reply()
eq(True, r.code in (226, 426, 451), 'end of a cut RETR (%r)' % r)
eq(None, record('own3.bin'), 'record after a cut RETR')

# Not the session's to write: the memory answers, and only while valid.
data, _, _ = f.get('RETR theirs.bin')
eq(content('theirs.bin'), data, 'RETR theirs.bin')
eq(None, record('theirs.bin'), 'record on a file the session may not write')
hash_is(f, 'theirs.bin', 'sha256', 'HASH after the RETR of theirs.bin')
p = path('theirs.bin')
st = os.stat(p)
with open(p, 'r+b') as w:
    w.seek(4096)
    w.write(os.urandom(100))
os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
hash_is(f, 'theirs.bin', 'sha256', 'HASH after a rewrite + touch -d')
f.get('RETR theirs.bin')
new = path('theirs.new')
with open(new, 'wb') as w:
    w.write(os.urandom(st.st_size))
os.chmod(new, st.st_mode & 0o777)
os.utime(new, ns=(st.st_atime_ns, st.st_mtime_ns))
os.rename(new, p)
hash_is(f, 'theirs.bin', 'sha256', 'HASH after a replacement')
f.get('RETR theirs.bin')
f.cmd('OPTS HASH SHA-1', 200)
hash_is(f, 'theirs.bin', 'sha1', 'HASH with another algorithm')
f.cmd('QUIT', 221)
EOF
exit 0

#!/usr/bin/env bash
# HASH's digest cache (user.forkftpd.<algo> xattr, issue 15): the first
# HASH of a file stores its digest, the next one answers from it (shown
# by planting another digest in a record that still matches the file),
# and the cache never answers a stale digest: after every way of
# changing the file (rewrite in place at the same size, truncate and
# re-extend, the same plus `touch -d` back to the old mtime, replace by
# rename, the same with the old record copied over, append) HASH equals
# a fresh sha256sum.  Each change is made right after the reply that
# stored the record, so a slow test cannot hide a race.  The record is
# never shown by MLSD, MLST or LIST.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
need_user_xattrs "$ROOT"
head -c $((6 << 20)) /dev/urandom >"$ROOT/f.bin"
[ "$(id -u)" != 0 ] || chown -R "$(ftp_account):" "$ROOT"
start_forkftpd --anonymous-write "$ROOT"
PYTHONPATH=$TOP/tests/server "$PY" - "$FTPD_PORT" "$ROOT" <<'EOF' || fail "HASH cache"
import hashlib, os, sys
from session_ftp import *
root = sys.argv[2]
path = os.path.join(root, 'f.bin')
NAME = 'user.forkftpd.sha256'
f = Ftp(port())
f.login()

def fresh():
    return hashlib.sha256(open(path, 'rb').read()).hexdigest()

def hash_is(want, what):
    r = f.cmd('HASH f.bin', 213)
    got = r.lines[0].split(b' ')[3].decode()
    eq(want, got, what)

def record():
    try:
        return os.getxattr(path, NAME).decode()
    except OSError:
        return None

def stored(what):
    """HASH now: a fresh digest, which the server keeps in the record."""
    hash_is(fresh(), what)
    rec = record()
    eq(True, rec is not None and rec.endswith(' ' + fresh()),
       what + ': record holds the digest (%r)' % rec)

# 1. The first HASH stores; a record that matches the file is believed
# (planted digest), one that does not is ignored.
stored('first HASH')
rec = record()
eq(True, rec.startswith('v1 size=%d ' % os.path.getsize(path)), 'record %r' % rec)
fake = '0' * 64
os.setxattr(path, NAME, (rec[:-64] + fake).encode())
# Setting it moved the ctime past the bound: not believed.
hash_is(fresh(), 'a record written by someone else after the bound')
# A planted digest under a bound in the future is believed: the cache is used.
parts = record().split(' ')
parts[4] = 'ctime<=%d' % (os.stat(path).st_ctime_ns + 3600 * 10**9)
parts[5] = fake
os.setxattr(path, NAME, ' '.join(parts).encode())
hash_is(fake, 'HASH answered from the record')
os.removexattr(path, NAME)
stored('HASH after the record was removed')

def rewrite_same_size(p):
    with open(p, 'r+b') as w:
        w.seek(12345)
        w.write(os.urandom(4096))

# 2. Every route of change, each right after the HASH that stored.
rewrite_same_size(path)
stored('rewrite in place, same size')

st = os.stat(path)
os.truncate(path, 1000)
with open(path, 'ab') as w:
    w.write(os.urandom(st.st_size - 1000))
eq(st.st_size, os.path.getsize(path), 'size after re-extend')
stored('truncate and re-extend')

st = os.stat(path)
rewrite_same_size(path)
os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
st2 = os.stat(path)
eq((st.st_size, st.st_mtime_ns, st.st_ino), (st2.st_size, st2.st_mtime_ns, st2.st_ino),
   'touch -d put size, mtime and inode back')
stored('rewrite then touch -d back to the old mtime')

st = os.stat(path)
tmp = os.path.join(root, 'f.new')
with open(tmp, 'wb') as w:
    w.write(os.urandom(st.st_size))
os.chown(tmp, st.st_uid, st.st_gid)    # the server may write its xattrs
os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
os.rename(tmp, path)
stored('replaced by rename')

st = os.stat(path)
rec = record()
with open(tmp, 'wb') as w:
    w.write(os.urandom(st.st_size))
os.setxattr(tmp, NAME, rec.encode())     # as cp --preserve=xattr, mv
os.chown(tmp, st.st_uid, st.st_gid)
os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
os.rename(tmp, path)
stored('replaced by rename, old record copied along')

with open(path, 'ab') as w:
    w.write(b'tail')
stored('append')

# 3. The record is the server's own: no listing shows it.
for c in ('MLST f.bin', 'STAT f.bin'):
    r = f.cmd(c)
    eq(False, b'forkftpd' in b'\n'.join(r.lines), c + ' shows no xattr')
f.cmd('QUIT', 221)
EOF
exit 0

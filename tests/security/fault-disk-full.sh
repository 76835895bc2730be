#!/usr/bin/env bash
# Disk full during STOR: the served root is a 2 MiB tmpfs holding a
# 600 KB file; uploading 4 MB over it fills the disk.  Expected: 452 (or
# 552/451/426), the previous file byte-identical, no temporary left, the
# space given back (a later small STOR succeeds), the session and the
# server still answer.  Needs root (mount); skips otherwise.
. "$(dirname "$0")/../lib.sh"

[ "$(id -u)" = 0 ] || skip "mounting a small tmpfs needs root"
ROOT=$T/small
mkdir -p "$ROOT"
mount -t tmpfs -o size=2m,mode=755 tmpfs "$ROOT" 2>"$T/mount.err" ||
	skip "cannot mount a tmpfs here: $(cat "$T/mount.err")"
t_defer "umount -l $ROOT"
head -c 600000 /dev/urandom >"$ROOT/keep.bin"
printf 'hello, world\n' >"$ROOT/hello.txt"
make_root "$ROOT"
chown -R "$(ftp_account):" "$ROOT"
cp "$ROOT/keep.bin" "$T/keep.orig"
ls -A "$ROOT" >"$T/names.before"
head -c 4000000 /dev/urandom >"$T/big.up"
printf 'small\n' >"$T/small.up"
start_forkftpd --anonymous --anonymous-write "$ROOT"

"$PY" - "$FTPD_PORT" "$T/big.up" "$T/small.up" >"$T/cl.out" 2>&1 <<'PYEOF'
import sys
sys.path.insert(0, __import__('os').environ['SEC_TOOLS'])
import secftp
s = secftp.Session(int(sys.argv[1]), timeout=30)
s.login()
s.cmd('TYPE I')
reps, _ = s.transfer('STOR keep.bin', upload=open(sys.argv[2], 'rb').read())
print('STOR big:', [r.code for r in reps], reps[-1].text)
if reps[-1].code not in (452, 552, 451, 426):
    print('FAIL: disk full: expected 452/552, saw', reps[-1])
    sys.exit(1)
r = s.cmd('NOOP')
if r.code != 200:
    print('FAIL: NOOP after disk full:', r); sys.exit(1)
reps, _ = s.transfer('STOR small.txt', upload=open(sys.argv[3], 'rb').read())
if reps[-1].code != 226:
    print('FAIL: a small STOR after the failed one (space not given back?):', reps)
    sys.exit(1)
print('ok')
PYEOF
rc=$?
cat "$T/cl.out"
[ "$rc" = 0 ] || fail "disk-full upload not handled"
assert_same_file "$T/keep.orig" "$ROOT/keep.bin"
assert_same_file "$T/small.up" "$ROOT/small.txt"
rm -f "$ROOT/small.txt"
ls -A "$ROOT" >"$T/names.after"
diff "$T/names.before" "$T/names.after" >"$T/names.diff" ||
	fail "the failed upload left entries behind: $(cat "$T/names.diff")"
sec_assert_served "after disk full"
sec_tried "1 upload into a full filesystem (4 MB into 2 MiB)"
exit 0

#!/usr/bin/env bash
# A file-size limit during STOR: forkftpd runs under prlimit --fsize
# (RLIMIT_FSIZE, 1 MB); uploading 3 MB over an existing file must fail
# with 452/552 (the child must survive SIGXFSZ), leave the previous file
# byte-identical and no temporary behind; the session goes on and an
# upload under the limit still works.
. "$(dirname "$0")/../lib.sh"

ROOT=$T/root
sec_fixture "$ROOT"
head -c 300000 /dev/urandom >"$ROOT/keep.bin"
[ "$(id -u)" != 0 ] || chown "$(ftp_account):" "$ROOT/keep.bin"
cp "$ROOT/keep.bin" "$T/keep.orig"
ls -A "$ROOT" >"$T/names.before"
head -c 3000000 /dev/urandom >"$T/big.up"
head -c 200000 /dev/urandom >"$T/small.up"
w=$T/forkftpd-fsize
printf '#!/bin/sh\nexec prlimit --fsize=1000000 %s "$@"\n' "$FORKFTPD" >"$w"
chmod 755 "$w"
FORKFTPD=$w start_forkftpd --anonymous --anonymous-write "$ROOT"

"$PY" - "$FTPD_PORT" "$T/big.up" "$T/small.up" >"$T/cl.out" 2>&1 <<'PYEOF'
import sys
sys.path.insert(0, __import__('os').environ['SEC_TOOLS'])
import secftp
s = secftp.Session(int(sys.argv[1]), timeout=30)
s.login()
s.cmd('TYPE I')
try:
    reps, _ = s.transfer('STOR keep.bin', upload=open(sys.argv[2], 'rb').read())
except secftp.Closed:
    print('FAIL: the session died on the file-size limit (SIGXFSZ?)')
    sys.exit(1)
print('STOR big:', [r.code for r in reps], reps[-1].text)
if reps[-1].code not in (452, 552, 451):
    print('FAIL: over RLIMIT_FSIZE: expected 452/552, saw', reps[-1])
    sys.exit(1)
if s.cmd('NOOP').code != 200:
    print('FAIL: NOOP after the failed upload'); sys.exit(1)
reps, _ = s.transfer('STOR small.txt', upload=open(sys.argv[3], 'rb').read())
if reps[-1].code != 226:
    print('FAIL: an upload under the limit:', reps); sys.exit(1)
print('ok')
PYEOF
rc=$?
cat "$T/cl.out"
[ "$rc" = 0 ] || fail "file-size limit not handled"
assert_same_file "$T/keep.orig" "$ROOT/keep.bin"
assert_same_file "$T/small.up" "$ROOT/small.txt"
rm -f "$ROOT/small.txt"
ls -A "$ROOT" >"$T/names.after"
diff "$T/names.before" "$T/names.after" >"$T/names.diff" ||
	fail "the failed upload left entries behind: $(cat "$T/names.diff")"
sec_assert_served "after the file-size limit"
sec_tried "1 upload over RLIMIT_FSIZE"
exit 0

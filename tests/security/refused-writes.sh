#!/usr/bin/env bash
# A refused write changes nothing: REST beyond the end then STOR/APPE (of
# a new and of an existing file), STOR over a directory, a FIFO or a
# symlink to a directory, into a missing directory, with a name too long
# or holding CR, APPE to a directory, MKD over a file, RNTO onto a
# directory, DELE of a directory, RMD of a non-empty directory: each gets
# 4xx/5xx and the served tree stays byte-identical (names included).
. "$(dirname "$0")/../lib.sh"

ROOT=$T/root
sec_fixture "$ROOT"
mkfifo "$ROOT/fifo"
ln -s sub "$ROOT/link_to_sub"
[ "$(id -u)" != 0 ] || chown -h "$(ftp_account):" "$ROOT/fifo" "$ROOT/link_to_sub"
cp -a "$ROOT" "$T/pristine"
start_forkftpd --anonymous --anonymous-write "$ROOT"

timeout 60 "$PY" - "$FTPD_PORT" >"$T/out" 2>&1 <<'PYEOF'
import os, sys
sys.path.insert(0, os.environ['SEC_TOOLS'])
import secftp
s = secftp.Session(int(sys.argv[1]), timeout=10)
s.login()
s.cmd('TYPE I')
fails = n = 0
def data(pre, line):
    global fails, n
    n += 1
    if pre:
        r = s.cmd(pre)
        if r.code != 350:
            print('FAIL %s: %r' % (pre, r)); fails += 1
    reps, _ = s.transfer(line, upload=b'must not land\n')
    if reps[-1].code < 400:
        print('FAIL %s%s: expected 4xx/5xx, saw %r' % (pre + ' + ' if pre else '', line, reps[-1]))
        fails += 1
def ctl(line):
    global fails, n
    n += 1
    r = s.cmd(line)
    if r.code < 400:
        print('FAIL %s: expected 4xx/5xx, saw %r' % (line, r)); fails += 1
for name in ('new.bin', 'hello.txt'):
    data('REST 1000', 'STOR ' + name)
    data('REST 1000', 'APPE ' + name)
    data('REST 1099511627776', 'STOR ' + name)
for line in ('STOR sub', 'STOR fifo', 'STOR link_to_sub', 'STOR missing/x.txt',
             'STOR ' + 'n' * 300, 'STOR cr\rname', 'APPE sub', 'APPE fifo',
             'STOR empty', 'STOR .', 'STOR /', 'APPE /'):
    data('', line)
for line in ('MKD hello.txt', 'MKD sub', 'MKD missing/deeper', 'DELE sub', 'DELE empty',
             'RMD sub', 'RMD hello.txt', 'RMD /', 'DELE /', 'MKD /', 'RNFR /',
             'RNFR missing', 'SITE CHMOD 777 missing', 'MFMT 20000101000000 missing'):
    ctl(line)
r = s.cmd('RNFR hello.txt')
if r.code == 350:
    ctl('RNTO sub')
r = s.cmd('RNFR sub')
if r.code == 350:
    ctl('RNTO sub/inner.txt')
print('# tried: %d refused writes; %d failures' % (n, fails))
sys.exit(1 if fails else 0)
PYEOF
rc=$?
cat "$T/out"
# (diff cannot compare FIFOs: checked apart)
diff -r --no-dereference -x fifo "$T/pristine" "$ROOT" >"$T/tree.diff" 2>&1 ||
	fail "a refused write changed the tree: $(head -20 "$T/tree.diff")"
[ -p "$ROOT/fifo" ] || fail "the FIFO was replaced"
[ "$rc" = 0 ] || fail "writes that should be refused were accepted"
exit 0

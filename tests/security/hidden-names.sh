#!/usr/bin/env bash
# Names with the prefix of upload temporaries (".forkftpd."), which no
# listing shows, cannot be created by a client: STOR, APPE, MKD, XMKD and
# RNTO get 553 and nothing lands; STOU picks a visible name.  Lookalikes
# (".forkftpd", "x.forkftpd.y") are ordinary names.
. "$(dirname "$0")/../lib.sh"

ROOT=$T/root
sec_fixture "$ROOT"
start_forkftpd --anonymous --anonymous-write "$ROOT"

timeout 60 "$PY" - "$FTPD_PORT" >"$T/out" 2>&1 <<'PYEOF'
import os, sys
sys.path.insert(0, os.environ['SEC_TOOLS'])
import secftp
s = secftp.Session(int(sys.argv[1]), timeout=10)
s.login()
s.cmd('TYPE I')
fails = 0
def expect(what, code, got):
    global fails
    if got.code != code:
        print('FAIL %s: expected %d, saw %r' % (what, code, got)); fails += 1
for line in ('STOR .forkftpd.payload', 'APPE .forkftpd.payload',
             'STOR sub/.forkftpd.abc123', 'STOR /sub/.forkftpd.',
             'APPE sub/.forkftpd.x'):
    reps, _ = s.transfer(line, upload=b'hidden\n')
    expect(line, 553, reps[-1])
for line in ('MKD .forkftpd.stash', 'XMKD sub/.forkftpd.stash'):
    expect(line, 553, s.cmd(line))
expect('RNFR', 350, s.cmd('RNFR hello.txt'))
expect('RNTO .forkftpd.hidden', 553, s.cmd('RNTO .forkftpd.hidden'))
# Not the prefix: allowed.
expect('MKD .forkftpd', 257, s.cmd('MKD .forkftpd'))
reps, _ = s.transfer('STOR x.forkftpd.y', upload=b'visible\n')
expect('STOR x.forkftpd.y', 226, reps[-1])
reps, _ = s.transfer('STOU', upload=b'unique\n')
expect('STOU', 226, reps[-1])
if b'.forkftpd.' in reps[0].text:
    print('FAIL STOU named a hidden file: %r' % reps[0]); fails += 1
print('fails', fails)
sys.exit(1 if fails else 0)
PYEOF
rc=$?
cat "$T/out"
[ "$rc" = 0 ] || fail "a hidden name was accepted (see above)"
hidden=$(find "$ROOT" -name '.forkftpd.*')
assert_eq "" "$hidden" "hidden names in the tree"
[ -f "$ROOT/hello.txt" ] || fail "hello.txt was renamed"
[ -d "$ROOT/.forkftpd" ] || fail "the lookalike .forkftpd was not created"
assert_eq visible "$(cat "$ROOT/x.forkftpd.y")" "lookalike upload"
exit 0

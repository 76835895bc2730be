#!/usr/bin/env bash
# Sorting is bounded: names are sorted in batches of at most 65,536
# entries or 2 MiB of names (server/ls.h), so a directory past either
# bound is listed as consecutive sorted runs.  70,000 short names (past
# the count) and 12,000 names of 200 bytes (past the byte budget): NLST,
# LIST and MLSD list every name exactly once, in exactly two runs, each
# in byte order.  (The memory bound itself: tests/security/
# server-listing-memory.sh and tests/server/session-big-dir.sh.)
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
"$PY" - "$ROOT" <<'EOF' || fail "fixture"
import os, random, sys
r = random.Random(3)
for d, n, width in (('many', 70000, 12), ('long', 12000, 200)):
    os.mkdir(os.path.join(sys.argv[1], d))
    names = set()
    while len(names) < n:
        names.add(''.join(r.choice('abcdefghijklmnopqrstuvwxyz0123456789')
                          for _ in range(width)))
    for name in names:
        os.close(os.open(os.path.join(sys.argv[1], d, name),
                         os.O_CREAT | os.O_WRONLY, 0o644))
EOF
[ "$(id -u)" != 0 ] || chown -R "$(ftp_account):" "$ROOT"
start_forkftpd --anonymous "$ROOT"

"$PY" - "$FTPD_PORT" "$ROOT" <<'EOF' || fail "batched listings"
import ftplib, os, sys
f = ftplib.FTP()
f.connect('127.0.0.1', int(sys.argv[1]), timeout=60)
f.login('anonymous', 'batches')
bad = 0
for d in ('many', 'long'):
    want = sorted(os.listdir(os.path.join(sys.argv[2], d)))
    for cmd in ('NLST', 'LIST', 'MLSD'):
        got = []
        f.retrlines('%s %s' % (cmd, d), got.append)
        if cmd == 'LIST':
            got = [ln.split(None, 8)[8] for ln in got]
        elif cmd == 'MLSD':
            got = [ln.split('; ', 1)[1] for ln in got][1:]
        else:
            got = [n.rsplit('/', 1)[-1] for n in got]
        runs = 1 + sum(1 for a, b in zip(got, got[1:]) if a > b)
        print('# %s %s: %d names, %d sorted runs, first %d long' % (
            cmd, d, len(got), runs,
            next((i + 1 for i, (a, b) in enumerate(zip(got, got[1:]))
                  if a > b), len(got))))
        if sorted(got) != want:
            print('FAIL: %s %s: not every name exactly once' % (cmd, d))
            bad += 1
        if runs != 2:
            print('FAIL: %s %s: %d sorted runs, want 2' % (cmd, d, runs))
            bad += 1
f.quit()
sys.exit(1 if bad else 0)
EOF
exit 0

#!/usr/bin/env bash
# Sessions are reaped while connections keep coming: with --max-clients
# 24, 8 clients each running 60 short sessions back to back (never more
# than 8 alive) must never be refused with 421 — a parent that only
# reaps when it is idle fills its session count with dead children.
# test: serial (timing limits under load, or many processes at once)
. "$(dirname "$0")/../lib.sh"

ROOT=$T/root
sec_fixture "$ROOT"
start_forkftpd --anonymous --max-clients 24 --max-per-ip 24 "$ROOT"
timeout 120 "$PY" - "$FTPD_PORT" >"$T/out" 2>&1 <<'PYEOF'
import os, sys, threading
sys.path.insert(0, os.environ['SEC_TOOLS'])
import secftp
port = int(sys.argv[1])
refused, errors = [], []
def worker(k):
    for i in range(60):
        try:
            s = secftp.Session(port, timeout=20)
            g = s.greet()
            if g.code != 220:
                refused.append((k, i, g.lines[0]))
            else:
                s.login()
                if s.cmd('NOOP').code != 200:
                    errors.append((k, i, 'NOOP'))
                s.cmd('QUIT')
            s.close()
        except Exception as e:                  # noqa: BLE001
            errors.append((k, i, repr(e)))
ts = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
for t in ts:
    t.start()
for t in ts:
    t.join()
for r in refused[:5]:
    print('FAIL: refused', r)
for e in errors[:5]:
    print('FAIL:', e)
print('# tried: 480 short sessions, 8 at a time, under --max-clients 24; '
      '%d refused, %d errors' % (len(refused), len(errors)))
sys.exit(1 if refused or errors else 0)
PYEOF
rc=$?
cat "$T/out"
[ "$rc" = 0 ] || fail "sessions that had ended still counted against max-clients"
wait_until 10 sec_no_children || fail "children left: $(sec_children "$FTPD_PID")"
exit 0

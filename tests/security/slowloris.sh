#!/usr/bin/env bash
# Slowloris: connections that dribble a byte a second are cut by the
# deadlines, while normal clients are served meanwhile.
#  - 4 before login, dribbling "USER anonymous\r\n" (login deadline 3 s)
#  - 4 after login, dribbling "NOOP NOOP NOOP ..." (idle deadline 3 s:
#    one deadline per command line, not per read)
#  - 2 that open a passive port and never connect (accept timeout 3 s: 421)
#  - 2 that start a RETR and never read (data stall timeout 3 s)
# Each must be closed (421 or a plain close; 425/426 for the data cases)
# within the deadline plus 4 s; normal clients get 220 within a second
# and download a file during the attack.
. "$(dirname "$0")/../lib.sh"

ROOT=$T/root
sec_fixture "$ROOT"
head -c 30000000 /dev/urandom >"$ROOT/huge.bin"
chmod 644 "$ROOT/huge.bin"
start_forkftpd --anonymous --login-timeout 3 --idle-timeout 3 \
	--accept-timeout 3 --data-timeout 3 "$ROOT"

timeout 60 "$PY" "$SEC_TOOLS/sec_slowloris.py" "$FTPD_PORT" 3 >"$T/out" 2>&1
rc=$?
cat "$T/out"
[ "$rc" = 0 ] || fail "slow clients were not cut, or normal clients were not served"
wait_until 15 sec_no_children || fail "children left after the attack: $(sec_nchildren "$FTPD_PID")"
sec_assert_served "after the attack"
exit 0

#!/usr/bin/env bash
# Load: 300 sessions open at once (all logged in before any transfers),
# then 150 downloads and 150 uploads of distinct 0.3-1 MB files, every
# file compared byte for byte; throughout, a probe opens a new connection
# every 0.1 s and the parent must greet it (220) within a second.
# test: serial (timing limits under load, or many processes at once)
. "$(dirname "$0")/../lib.sh"

N=${SEC_LOAD_SESSIONS:-300}
ROOT=$T/root UP=$T/up
sec_fixture "$ROOT"
mkdir -p "$UP"
for ((i = 0; i < N; i++)); do
	if ((i % 2 == 0)); then
		head -c $((300000 + RANDOM * 20)) /dev/urandom >"$ROOT/down_$i.bin"
	else
		head -c $((300000 + RANDOM * 20)) /dev/urandom >"$UP/up_$i.bin"
	fi
done
make_root "$ROOT"
chmod -R a+rX "$ROOT"
ulimit -n 8192 2>/dev/null
# The greeting limit is about the listener, which forks every session:
# ASan's default 256 MB quarantine of freed memory grows it, and every
# fork copies that (slowest greeting 0.7-1.1 s with it, 0.4 s with 16 MB).
export ASAN_OPTIONS="$ASAN_OPTIONS:quarantine_size_mb=16"
start_forkftpd --anonymous --anonymous-write --max-clients 400 --max-per-ip 400 "$ROOT"

timeout 280 "$PY" "$SEC_TOOLS/sec_load.py" "$FTPD_PORT" "$FTPD_PID" "$ROOT" "$UP" "$N" >"$T/out" 2>&1
rc=$?
cat "$T/out"
[ "$rc" = 0 ] || fail "load test failed (rc $rc)"
wait_until 30 sec_no_children || fail "children left after the load: $(sec_nchildren "$FTPD_PID")"
assert_eq 0 "$(sec_zombies "$FTPD_PID")" "zombies after the load"
sec_assert_served "after the load"
exit 0

#!/usr/bin/env bash
# 1,000 sessions in a row (QUIT, plain close, reset, an open PASV listener
# left behind, reset before the greeting, in turn): afterwards zero
# zombies, no child left, and the parent holds exactly as many file
# descriptors as after the first session (/proc/PID/fd).
. "$(dirname "$0")/../lib.sh"

ROOT=$T/root
sec_fixture "$ROOT"
start_forkftpd --anonymous "$ROOT"
sec_py sec_faults.py sessions "$FTPD_PORT" 5 >/dev/null || fail "warm-up sessions failed"
wait_until 10 sec_no_children || fail "warm-up children did not exit"
before=$(sec_fdcount "$FTPD_PID")
ls -l "/proc/$FTPD_PID/fd" >"$T/fd.before" 2>&1

sec_py sec_faults.py sessions "$FTPD_PORT" 1000 >"$T/cl.out" 2>&1 || fail "$(tail -5 "$T/cl.out")"
cat "$T/cl.out"
wait_until 20 sec_no_children || fail "children left 20 s after the last session: $(sec_nchildren "$FTPD_PID")"
assert_eq 0 "$(sec_zombies "$FTPD_PID")" "zombies after 1000 sessions"
after=$(sec_fdcount "$FTPD_PID")
ls -l "/proc/$FTPD_PID/fd" >"$T/fd.after" 2>&1
[ "$after" -le "$before" ] ||
	fail "parent fd count grew from $before to $after: $(diff "$T/fd.before" "$T/fd.after")"
sec_assert_served "after 1000 sessions"
note "parent file descriptors: $before before, $after after"
exit 0

#!/bin/bash
# Sessions that end, normally or by the client vanishing, leave no child
# and no zombie behind; the parent keeps serving.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
start_forkftpd --max-per-ip 100 "$T/root"
pids=
for i in $(seq 1 15); do
	printf 'QUIT\n' | ftp_chat "$FTPD_PORT" >/dev/null &
	pids="$pids $!"
	first_reply "$FTPD_PORT" >/dev/null &	# leaves without QUIT
	pids="$pids $!"
done
# shellcheck disable=SC2086
wait $pids
zombies() { ps -o stat= --ppid "$FTPD_PID" | grep -c '^Z' || true; }
wait_until 10 test "$(count_sessions)" = 0 ||
	fail "children left: $(ps -o pid,stat,args --ppid "$FTPD_PID")"
assert_eq 0 "$(zombies)" "zombies"
assert_eq 30 "$(grep -c 'ended, status' "$FTPD_LOG")" "sessions logged as ended"
assert_match '^220' "$(first_reply "$FTPD_PORT")" "still serving"

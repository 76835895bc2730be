#!/usr/bin/env bash
# A server child killed with SIGKILL (idle after login, and in the middle
# of a download): the client sees its connection close, the parent reaps
# the child (no zombie) and keeps serving new clients.
. "$(dirname "$0")/../lib.sh"

ROOT=$T/root
sec_fixture "$ROOT"
head -c 20000000 /dev/urandom >"$ROOT/huge.bin"
chmod 644 "$ROOT/huge.bin"
start_forkftpd --anonymous "$ROOT"

kills=0
for sc in "idle" "stall-download huge.bin 65536" "idle"; do
	set -- $sc
	"$PY" "$SEC_TOOLS/sec_faults.py" "$1" "$FTPD_PORT" ${2:+"$2"} ${3:+"$3"} >"$T/cl.out" 2>&1 &
	cl=$!
	t_defer "kill -KILL $cl"
	wait_until 15 grep -qE 'IDLE|READ' "$T/cl.out" || fail "$1 did not start: $(cat "$T/cl.out")"
	# /proc/PID/task/*/children is a snapshot the kernel calls unreliable
	# while processes come and go: look again for a while.
	wait_until 10 sh -c "[ -n \"\$(cat /proc/$FTPD_PID/task/*/children)\" ]" ||
		fail "no child serving the client"
	kids=$(sec_children "$FTPD_PID")
	[ -n "$kids" ] || fail "no child serving the client"
	for k in $kids; do kill -KILL "$k"; kills=$((kills + 1)); done
	wait_until 10 sec_no_children || fail "killed child not reaped: $(sec_children "$FTPD_PID")"
	assert_eq 0 "$(sec_zombies "$FTPD_PID")" "zombies"
	sec_assert_served "after SIGKILL of a child ($1)"
	kill -KILL "$cl" 2>/dev/null; wait "$cl" 2>/dev/null
done
sec_tried "$kills server children killed with SIGKILL"
exit 0

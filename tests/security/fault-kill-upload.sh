#!/usr/bin/env bash
# A client killed (SIGKILL) in the middle of a STOR over an existing file:
# the previous file stays byte-identical, no temporary file is left in the
# directory, the child goes away and is reaped, and new clients are served.
# Three rounds: killed after 64 KiB, after 1 MiB, and right after the 150.
# test: serial (a killed client's control FIN must reach the server within
# DATA_GONE_MS of its data FIN; on a loaded machine the dying process can be
# preempted between the two, and the upload would look complete)
. "$(dirname "$0")/../lib.sh"

ROOT=$T/root
sec_fixture "$ROOT"
head -c 2000000 /dev/urandom >"$ROOT/target.bin"
[ "$(id -u)" != 0 ] || chown "$(ftp_account):" "$ROOT/target.bin"
cp "$ROOT/target.bin" "$T/target.orig"
ls -A "$ROOT" >"$T/names.before"
start_forkftpd --anonymous --anonymous-write "$ROOT"

for bytes in 65536 1048576 0; do
	"$PY" "$SEC_TOOLS/sec_faults.py" stall-upload "$FTPD_PORT" target.bin "$bytes" >"$T/cl.out" 2>&1 &
	cl=$!
	t_defer "kill -KILL $cl"
	wait_until 15 grep -q SENT "$T/cl.out" || fail "upload did not start: $(cat "$T/cl.out")"
	sleep 0.2
	kill -KILL "$cl"
	wait "$cl" 2>/dev/null
	wait_until 10 sec_no_children ||
		fail "the child serving the killed client did not exit: $(sec_describe_children)"
	assert_eq 0 "$(sec_zombies "$FTPD_PID")" "zombies after the kill"
	assert_same_file "$T/target.orig" "$ROOT/target.bin"
	ls -A "$ROOT" >"$T/names.after"
	diff "$T/names.before" "$T/names.after" >"$T/names.diff" ||
		fail "killed upload after $bytes bytes left entries behind: $(cat "$T/names.diff")"
	sec_assert_served "after killing an upload at $bytes bytes"
done
sec_tried "3 uploads killed mid-transfer (64 KiB, 1 MiB, 0 bytes)"
exit 0

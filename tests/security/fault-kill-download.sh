#!/usr/bin/env bash
# A client killed (SIGKILL) in the middle of a RETR of a large file: the
# child notices, exits and is reaped (no zombie), the file is untouched,
# and new clients are served.
. "$(dirname "$0")/../lib.sh"

ROOT=$T/root
sec_fixture "$ROOT"
head -c 20000000 /dev/urandom >"$ROOT/huge.bin"
chmod 644 "$ROOT/huge.bin"
cp "$ROOT/huge.bin" "$T/huge.orig"
start_forkftpd --anonymous "$ROOT"

for bytes in 65536 3000000; do
	"$PY" "$SEC_TOOLS/sec_faults.py" stall-download "$FTPD_PORT" huge.bin "$bytes" >"$T/cl.out" 2>&1 &
	cl=$!
	t_defer "kill -KILL $cl"
	wait_until 15 grep -q READ "$T/cl.out" || fail "download did not start: $(cat "$T/cl.out")"
	kill -KILL "$cl"
	wait "$cl" 2>/dev/null
	wait_until 15 sec_no_children ||
		fail "the child serving the killed client did not exit: $(sec_describe_children)"
	assert_eq 0 "$(sec_zombies "$FTPD_PID")" "zombies after the kill"
	sec_assert_served "after killing a download at $bytes bytes"
done
assert_same_file "$T/huge.orig" "$ROOT/huge.bin"
sec_tried "2 downloads killed mid-transfer"
exit 0

#!/usr/bin/env bash
# Atomic upload, client killed: while a STOR is under way the old file is
# untouched and the data goes to a temporary that is nameless or hidden
# (.forkftpd.*); when the client is killed (SIGKILL) mid-STOR, the
# previous file is byte-identical afterwards, a new name is never
# created, no temporary remains and the session child goes away.
# test: serial (a killed client's control FIN must reach the server within
# DATA_GONE_MS of its data FIN; on a loaded machine the dying process can be
# preempted between the two, and the upload would look complete)
. "$(dirname "$0")/../lib.sh"
serve_sample

# start_killed NAME: an upload to NAME that stops after 1 MiB and is killed
start_killed() {
	: >"$T/slow.out"
	# not through t_py: $! must be the uploader itself, not a subshell
	"$PY" "$TOP/tests/tools/slowstor.py" "$FTPD_PORT" "$1" kill 1048576 >"$T/slow.out" 2>&1 &
	SLOW=$!
	t_defer "kill -KILL $SLOW"
	wait_until 10 grep -q '^SENT' "$T/slow.out" ||
		fail "upload of [$1] did not start: $(cat "$T/slow.out")"
}

ls -A "$ROOT" >"$T/names.before"
start_killed 'big.bin'
# the temporary is nameless (O_TMPFILE) or, as a fallback, .forkftpd.*
ls -A "$ROOT" | grep -v '^\.forkftpd\.' | diff "$T/names.before" - ||
	fail "a new name appeared in the target directory during STOR"
assert_same_file "$SRC/big.bin" "$ROOT/big.bin"	# untouched mid-upload
kill -KILL "$SLOW"; wait "$SLOW" 2>/dev/null

wait_until 10 no_temporaries "$ROOT" ||
	fail "temporary left after the client was killed: $(find "$ROOT" -name '.forkftpd*')"
wait_until 10 no_ftpd_children || fail "session child still there 10 s after its client died"
assert_same_file "$SRC/big.bin" "$ROOT/big.bin"

# a killed upload of a new name leaves nothing behind
start_killed 'sub dir/brand new.bin'
kill -KILL "$SLOW"; wait "$SLOW" 2>/dev/null
wait_until 10 no_temporaries "$ROOT" ||
	fail "temporary left after the client was killed: $(find "$ROOT" -name '.forkftpd*')"
wait_until 10 no_ftpd_children || fail "session child still there after its client died"
[ -e "$ROOT/sub dir/brand new.bin" ] && fail "killed upload created [sub dir/brand new.bin]"
assert_same_tree "$SRC" "$ROOT"
ftpd_alive || fail "server no longer serves"
exit 0

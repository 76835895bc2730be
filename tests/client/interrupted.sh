#!/usr/bin/env bash
# A transfer cut by the server (its session process killed mid-way) is
# resumed on a new connection: the download continues with REST into
# its temporary file, the upload with SIZE and REST+STOR; both end byte
# for byte identical.  A download to stdout resumes as well.  vsftpd's
# anon_max_rate makes the transfers slow enough to be cut.
. "$(dirname "$0")/../lib.sh"

D=$T/srv/pub
make_root "$D"
sample_files "$D"
VSFTPD_EXTRA="anon_max_rate=1000000" start_peer vsftpd "$D"
cd "$T" || fail "cd"

# kill_sessions: end vsftpd's per-session processes (children of ours).
kill_sessions() {
	local p
	for p in $(pgrep -P "$PEER_PID"); do
		pkill -KILL -P "$p" 2>/dev/null
		kill -KILL "$p" 2>/dev/null
	done
}
partial_over() {	# partial_over DIR BYTES: a .forkftp-* file bigger than BYTES
	local f
	for f in "$1"/.forkftp-*; do
		[ -f "$f" ] && [ "$(stat -c %s "$f")" -gt "$2" ] && return 0
	done
	return 1
}

fftp -v -e 'get big.bin' "$PEER_URL" >/dev/null 2>"$T/log" &
cpid=$!
wait_until 20 partial_over "$T" 300000 || fail "download did not start: $(tail -5 "$T/log")"
kill_sessions
wait "$cpid" || fail "download did not survive the cut: $(tail -10 "$T/log")"
grep -q 'interrupted at' "$T/log" || fail "no interruption seen: $(tail -20 "$T/log")"
grep -Eq '^-> REST [1-9]' "$T/log" || fail "no REST after the cut"
assert_same_file "$D/big.bin" "$T/big.bin"

head -c 3000000 /dev/urandom >"$T/up.bin"
remote_over() { [ -f "$D/up.bin" ] && [ "$(stat -c %s "$D/up.bin")" -gt "$1" ]; }
fftp -v -e 'put up.bin' "$PEER_URL" >/dev/null 2>"$T/log" &
cpid=$!
wait_until 20 remote_over 300000 || fail "upload did not start: $(tail -5 "$T/log")"
kill_sessions
wait "$cpid" || fail "upload did not survive the cut: $(tail -10 "$T/log")"
grep -q 'interrupted at' "$T/log" || fail "no interruption seen: $(tail -20 "$T/log")"
grep -Eq '^-> (REST [1-9]|APPE)' "$T/log" || fail "upload restarted from scratch"
assert_same_file "$T/up.bin" "$D/up.bin"

# A download to stdout (a pipe) resumes too: REST, appended in order.
fftp -v -e 'get big.bin -' "$PEER_URL" 2>"$T/log" | cat >"$T/piped.bin" &
cpid=$!
piped_over() { [ "$(stat -c %s "$T/piped.bin" 2>/dev/null || echo 0)" -gt 300000 ]; }
wait_until 20 piped_over || fail "piped download did not start: $(tail -5 "$T/log")"
kill_sessions
wait "$cpid"
grep -q 'interrupted at' "$T/log" || fail "no interruption of the piped download"
assert_same_file "$D/big.bin" "$T/piped.bin"

#!/usr/bin/env bash
# Interrupted transfers against ProFTPD (TransferRate slows them down):
# Ctrl-C during a download sends ABOR and ends with status 130, the
# server's 426 + 226 consumed, an existing local file untouched, what
# arrived kept for get -c; a
# session process killed mid-download or mid-upload is resumed on a new
# connection (REST) and the file ends byte for byte identical.
. "$(dirname "$0")/../lib.sh"

D=$T/srv/pub
mkdir -p "$T/srv"
make_root "$D"
sample_files "$D"
PROFTPD_EXTRA='TransferRate RETR,STOR 800'	# KiB/s
start_peer proftpd "$D"
cd "$T" || fail "cd"

partial_over() {	# partial_over DIR BYTES: a .forkftp-* file bigger than BYTES
	local f
	for f in "$1"/.forkftp-*; do
		[ -f "$f" ] && [ "$(stat -c %s "$f")" -gt "$2" ] && return 0
	done
	return 1
}
# kill_sessions: end ProFTPD's session processes (children of the master).
kill_sessions() {
	local p
	for p in $(pgrep -P "$PEER_PID"); do
		kill -KILL "$p" 2>/dev/null
	done
}

printf 'old contents\n' >"$T/big.bin"
timeout 30 "$FORKFTP" --timeout 10 -v -e 'get -f big.bin; get hello.txt' "$PEER_URL" \
    </dev/null >/dev/null 2>"$T/log" &
cpid=$!
wait_until 20 partial_over "$T" 200000 || fail "download did not start: $(tail -5 "$T/log")"
kill -INT "$cpid"
rc=0
wait "$cpid" || rc=$?
assert_eq 130 "$rc" "exit status after SIGINT"
grep -q '^-> ABOR' "$T/log" || fail "no ABOR sent: $(tail -10 "$T/log")"
grep -Eq '^<- 22[56] ' "$T/log" || fail "no 225/226 after ABOR: $(tail -10 "$T/log")"
assert_eq "old contents" "$(cat "$T/big.bin")" "local file after the abort"
part=$T/.forkftp-part.big.bin
[ -f "$part" ] || fail "the partial download was not kept: $(ls -A "$T")"
cmp -s -n "$(stat -c %s "$part")" "$part" "$D/big.bin" || fail "the kept partial is not a prefix"
rm -f "$part"	# the next download is watched through its own temporary
[ ! -e "$T/hello.txt" ] || fail "the run went on after SIGINT"
rm -f "$T/big.bin"

fftp -v -e 'get big.bin' "$PEER_URL" >/dev/null 2>"$T/log" &
cpid=$!
wait_until 20 partial_over "$T" 300000 || fail "download did not start: $(tail -5 "$T/log")"
kill_sessions
wait "$cpid" || fail "download did not survive the cut: $(tail -10 "$T/log")"
grep -q 'interrupted at' "$T/log" || fail "no interruption seen: $(tail -20 "$T/log")"
grep -Eq '^-> REST [1-9]' "$T/log" || fail "no REST after the cut"
assert_same_file "$D/big.bin" "$T/big.bin"

head -c 3000000 /dev/urandom >"$T/up.bin"
up_over() { [ -f "$D/up.bin" ] && [ "$(stat -c %s "$D/up.bin")" -gt 300000 ]; }
fftp -v -e 'put up.bin' "$PEER_URL" >/dev/null 2>"$T/log" &
cpid=$!
wait_until 20 up_over || fail "upload did not start: $(tail -5 "$T/log")"
kill_sessions
wait "$cpid" || fail "upload did not survive the cut: $(tail -10 "$T/log")"
grep -Eq '^-> (REST [1-9]|APPE)' "$T/log" || fail "no REST/APPE after the cut: $(grep '^->' "$T/log")"
assert_same_file "$T/up.bin" "$D/up.bin"

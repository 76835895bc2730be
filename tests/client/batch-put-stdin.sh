#!/usr/bin/env bash
# Batch `put - REMOTE` uploads stdin on every peer: the bytes that went
# through the pipe arrive intact (compared byte for byte), an empty stdin
# makes an empty file, forkftpd's HASH check uses the digest taken on the
# way (stdin cannot be re-read), the progress line shows bytes and rate
# without percent or ETA, Ctrl-C while waiting for stdin aborts and
# leaves nothing on forkftpd (atomic STOR); `put -` without REMOTE and
# with -b - (stdin holds the script) are refused.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/batch-peers.inc"

# pput ARGS...: forkftp reading stdin (fftp would give it /dev/null).
pput() {
	timeout -k 2 60 "$FORKFTP" --timeout 30 "${FTPD_TRUST[@]}" "$@"
}

stdin_checks() {
	bp_start "$1"
	head -c 3M /dev/urandom | tee "$W/f" |
		pput -v -e 'put - x.bin; put - "sub dir/y z.bin"' "$PEER_URL" 2>"$T/log" ||
		fail "put - on $1: $(grep -v '^\(->\|<-\|\*\*\)' "$T/log" | tail -3)"
	assert_same_file "$W/f" "$D/x.bin"
	# The second put found stdin at its end: an empty file.
	assert_eq 0 "$(stat -c %s "$D/sub dir/y z.bin")" "size after stdin ran dry on $1"
	grep -q '^-> STOR x.bin' "$T/log" || fail "no STOR x.bin on $1"
	if grep -q '^<-  *HASH' "$T/log"; then
		grep -q 'x.bin: SHA-256 verified' "$T/log" ||
			fail "HASH offered by $1 but put - not verified: $(grep '^\*\*' "$T/log")"
		grep -q 'x.bin: reading the file' "$T/log" &&
			fail "put - tried to re-read stdin on $1"
	fi

	printf 'small\n' | pput -e 'put - small.txt' "$PEER_URL" 2>"$T/err" ||
		fail "put - of a line on $1: $(cat "$T/err")"
	assert_eq small "$(cat "$D/small.txt")" "small upload from stdin on $1"
}

for p in $(bp_peers); do
	stdin_checks "$p"
done

# Refusals (forkftpd is running from the loop: $PEER_URL of the last peer
# is fine too, the commands never reach the server).
rc=0
printf 'x\n' | pput -e 'put -' "$PEER_URL" 2>"$T/err" || rc=$?
[ "$rc" != 0 ] || fail "put - without REMOTE exited 0"
assert_match 'usage: put - REMOTE' "$(cat "$T/err")" "put - without REMOTE"
rc=0
printf 'put - z\n' | pput -b - "$PEER_URL" 2>"$T/err" || rc=$?
[ "$rc" != 0 ] || fail "put - with the script on stdin exited 0"
assert_match 'stdin holds the script' "$(cat "$T/err")" "put - with -b -"

# The progress line (stderr a terminal, via script(1)): bytes and rate,
# no percent, no ETA, as the size is unknown.
bp_start forkftpd
if command -v script >/dev/null; then
	head -c 2M /dev/urandom >"$W/p"
	FORKFTP=$FORKFTP P=$W/p U=$PEER_URL FP=$FTPD_FP timeout 60 script -qec \
	    'cat "$P" | "$FORKFTP" --trust-fingerprint "$FP" -e "put - p.bin" "$U"' "$T/typescript" >/dev/null ||
		fail "put - under script(1): $(cat "$T/typescript")"
	assert_same_file "$W/p" "$D/p.bin"
	tr '\r' '\n' <"$T/typescript" | grep -a 'p\.bin' | tail -1 >"$T/line"
	assert_match '^p\.bin  2\.0?M  [0-9.]+[KMG]?B?/s' "$(cat "$T/line")" "progress line of put -"
	grep -q '%\|ETA' "$T/line" && fail "percent or ETA without a size: $(cat "$T/line")"
fi

# Ctrl-C while forkftp waits for more of stdin: ABOR, exit 130, and no
# file on forkftpd (its STOR is atomic).
mkfifo "$T/fifo"
"$FORKFTP" --timeout 30 "${FTPD_TRUST[@]}" -v -e 'put - cut.bin' "$PEER_URL" <"$T/fifo" 2>"$T/log" &
pid=$!
t_defer "kill -KILL $pid"
exec 3>"$T/fifo"
head -c 1M /dev/urandom >&3
wait_until 10 grep -q '^<- 150' "$T/log" || fail "no 150 for put - cut.bin: $(cat "$T/log")"
kill -INT "$pid"
rc=0
wait_until 10 sh -c "! kill -0 $pid 2>/dev/null" || fail "forkftp still waits for stdin after SIGINT"
wait "$pid" || rc=$?
exec 3>&-
assert_eq 130 "$rc" "exit status after Ctrl-C in put -"
[ ! -e "$D/cut.bin" ] || fail "an interrupted put - left cut.bin ($(stat -c %s "$D/cut.bin") bytes)"

#!/usr/bin/env bash
# Ctrl-C (SIGINT) while waiting on a silent server ends the wait at
# once, not after the timeout: a command whose reply never comes, and a
# download whose data never comes (aborted with ABOR, whose replies are
# given 3 s).  Exit status 130.
. "$(dirname "$0")/../lib.sh"

mkdir -p "$T/root"
head -c 100000 /dev/urandom >"$T/root/data.bin"
cd "$T" || fail "cd"

# run_and_interrupt MODE CMDS PATTERN: SIGINT once the log shows PATTERN.
run_and_interrupt() {
	start_fake "$1"
	timeout 60 "$FORKFTP" --timeout 30 -v -e "$2" "$FAKE_URL" \
	    </dev/null >/dev/null 2>"$T/log.$1" &
	local pid=$! start rc=0
	wait_until 10 grep -q "$3" "$T/log.$1" || fail "$1: never got to $3: $(cat "$T/log.$1")"
	sleep 0.3
	start=$SECONDS
	kill -INT "$pid"
	wait "$pid" || rc=$?
	assert_eq 130 "$rc" "$1: exit status after SIGINT"
	[ $((SECONDS - start)) -lt 8 ] || fail "$1: SIGINT took $((SECONDS - start)) s"
	assert_match 'interrupted' "$(cat "$T/log.$1")" "$1: message"
}
run_and_interrupt mute 'mkdir x; pwd' '^-> MKD x'
run_and_interrupt stall 'get data.bin; pwd' '^<- 150 '
grep -q '^-> ABOR' "$T/log.stall" || fail "stalled download not aborted with ABOR"
ls -A "$T" | grep -q '^\.forkftp-' && fail "temporary file left behind"
exit 0

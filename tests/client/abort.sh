#!/usr/bin/env bash
# Ctrl-C (SIGINT) during a download: the client sends Telnet IP, Synch
# and ABOR, waits for the server's 225/226, exits 130, keeps what arrived
# in its temporary file (for get -c) and leaves an existing local file
# untouched.
. "$(dirname "$0")/../lib.sh"

D=$T/srv/pub
make_root "$D"
sample_files "$D"
VSFTPD_EXTRA="anon_max_rate=500000" start_peer vsftpd "$D"
cd "$T" || fail "cd"
printf 'old contents\n' >"$T/big.bin"
partial_over() {
	local f
	for f in "$T"/.forkftp-*; do
		[ -f "$f" ] && [ "$(stat -c %s "$f")" -gt 200000 ] && return 0
	done
	return 1
}
timeout 30 "$FORKFTP" --timeout 10 -v -e 'get -f big.bin; get hello.txt' "$PEER_URL" \
    </dev/null >/dev/null 2>"$T/log" &
cpid=$!
wait_until 20 partial_over || fail "download did not start: $(tail -5 "$T/log")"
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
[ ! -e "$T/hello.txt" ] || fail "the run went on after SIGINT"

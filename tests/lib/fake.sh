# start_fake MODE...: tests/client/fakeftpd.py serving $T/root (create it
# first) for client edge cases; sets FAKE_URL and RAW (the log of the raw
# command lines it received).  See fakeftpd.py for the modes.
start_fake() {
	local pf=$T/fake.port.$RANDOM
	RAW=$T/raw.$RANDOM
	: >"$RAW"
	"$PY" "$TOP/tests/client/fakeftpd.py" "$T/root" "$pf" "$RAW" "$@" \
	    >>"$T/fake.log" 2>&1 &
	t_defer "kill -TERM $!"
	wait_until 10 test -s "$pf" || fail "fakeftpd did not start: $(cat "$T/fake.log")"
	FAKE_URL=ftp://127.0.0.1:$(cat "$pf")/
}

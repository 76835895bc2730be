#!/usr/bin/env bash
# ProFTPD's idle timeout ("421 Idle timeout (2 seconds): closing control
# connection.") between commands: the next command re-opens the session,
# logs in again and goes back to the directory, without the script
# noticing.
. "$(dirname "$0")/../lib.sh"

D=$T/srv/pub
mkdir -p "$T/srv"
make_root "$D"
sample_files "$D"
PROFTPD_EXTRA='TimeoutIdle 2'	# whole seconds (alarm): 1 may fire at once
start_peer proftpd "$D"
cd "$T" || fail "cd"
fftp -v -e 'cd "sub dir"; sleep 3; pwd; sleep 3; get mid.bin; sleep 3; ls' "$PEER_URL" >"$T/out" 2>"$T/log" ||
	fail "after the idle timeout: $(tail -8 "$T/log")"
grep -q '^<- 421 ' "$T/log" || fail "proftpd sent no 421: $(grep '^<-' "$T/log" | tail -5)"
grep -q '^\*\* reconnecting' "$T/log" || fail "no reconnection logged: $(tail -20 "$T/log")"
assert_same_file "$D/sub dir/mid.bin" "$T/mid.bin"
assert_eq "/sub dir" "$(head -1 "$T/out")" "directory after reconnecting"
grep -qxF 'deeper/' "$T/out" || fail "ls after reconnecting: $(cat "$T/out")"
n=$(grep -c '^\*\* reconnecting' "$T/log")
[ "$n" -ge 3 ] || fail "expected 3 reconnections, saw $n"

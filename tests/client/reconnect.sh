#!/usr/bin/env bash
# A control connection the server dropped between commands (vsftpd's
# idle timeout: "421 Timeout.") is re-opened, logged in and put back in
# its directory by the next command, without the script noticing.
. "$(dirname "$0")/../lib.sh"

D=$T/srv/pub
make_root "$D"
sample_files "$D"
VSFTPD_EXTRA="idle_session_timeout=1" start_peer vsftpd "$D"
cd "$T" || fail "cd"
fftp -v -e 'cd "sub dir"; sleep 3; pwd; sleep 3; get mid.bin; sleep 3; ls' "$PEER_URL" >"$T/out" 2>"$T/log" ||
	fail "after the idle timeout: $(tail -8 "$T/log")"
grep -q '^\*\* reconnecting' "$T/log" || fail "no reconnection logged: $(cat "$T/log")"
assert_same_file "$D/sub dir/mid.bin" "$T/mid.bin"
assert_eq "/pub/sub dir" "$(head -1 "$T/out")" "directory after reconnecting"
grep -qxF 'deeper/' "$T/out" || fail "ls after reconnecting: $(cat "$T/out")"
n=$(grep -c '^\*\* reconnecting' "$T/log")
[ "$n" -ge 3 ] || fail "expected 3 reconnections, saw $n"

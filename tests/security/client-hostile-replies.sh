#!/usr/bin/env bash
# The client against a lying or endless server (tests/tools/hostile_ftpd.py):
#  - pasv-redirect: PASV advertises another address (127.0.0.2): the client
#    connects to the control peer instead (curl/ftplib behaviour, the fix
#    for PASV redirection), and the listing works;
#  - endless: a multi-line greeting that never ends: the client gives up
#    (non-zero exit) within 30 s, memory bounded;
#  - hugeline: a 48 MB greeting line without newline: the client gives up
#    without buffering it (peak RSS under 40 MiB);
#  - liar: SIZE 2^64-1, MDTM 99999999999999, a 150 announcing 10^20
#    bytes for 6, a PWD with doubled quotes, a 230 with fake end lines: no
#    crash, bounded memory, no oversized local file, clean output.
. "$(dirname "$0")/../lib.sh"

[ -x "$FORKFTP" ] || skip "no forkftp binary"
"$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.2", 0))' 2>/dev/null ||
	skip "127.0.0.2 is not usable here"
check_clean() {	# WHAT: no control bytes, signal or sanitizer finding
	[ "$CLIENT_RC" -lt 128 ] || fail "$1: forkftp died (status $CLIENT_RC): $(tail -c 400 "$T/err")"
	sec_py sec_check_output.py "$T/out" >"$T/chk" || fail "$1: stdout: $(cat "$T/chk")"
	sec_py sec_check_output.py "$T/err" >"$T/chk" || fail "$1: stderr: $(cat "$T/chk")"
}

sec_hostile_server pasv-redirect
sec_client_peak "$T/out" "$T/err" 'ls -l /' 10
check_clean pasv-redirect
[ ! -e "$HOSTILE_PF.redirected" ] ||
	fail "pasv-redirect: the client connected to the address of the 227 reply (127.0.0.2), not to the control peer"
[ "$CLIENT_RC" = 0 ] || fail "pasv-redirect: exit $CLIENT_RC: $(head -c 400 "$T/err")"
grep -q plain.txt "$T/out" || fail "pasv-redirect: listing not printed: $(head -c 300 "$T/out")"

sec_hostile_server endless
sec_client_peak "$T/out" "$T/err" 'ls' 3
check_clean endless
[ "$CLIENT_RC" != 0 ] || fail "endless greeting: forkftp exited 0"
[ "$CLIENT_RC" != 124 ] && [ "$CLIENT_SECS" -le 30 ] ||
	fail "endless greeting: forkftp did not give up (${CLIENT_SECS}s, status $CLIENT_RC)"
[ "$CLIENT_KB" -lt 65536 ] || fail "endless greeting: peak RSS $CLIENT_KB KiB"
note "endless: exit $CLIENT_RC after ${CLIENT_SECS}s, peak RSS $CLIENT_KB KiB"

sec_hostile_server hugeline
sec_client_peak "$T/out" "$T/err" 'ls' 3
check_clean hugeline
[ "$CLIENT_RC" != 0 ] || fail "48 MB greeting line: forkftp exited 0"
[ "$CLIENT_RC" != 124 ] || fail "48 MB greeting line: forkftp hung"
[ "$CLIENT_KB" -lt 40960 ] || fail "48 MB greeting line: peak RSS $CLIENT_KB KiB (buffered?)"
note "hugeline: exit $CLIENT_RC after ${CLIENT_SECS}s, peak RSS $CLIENT_KB KiB"

sec_hostile_server liar
mkdir -p "$T/dl"
cd "$T/dl" || fail "no $T/dl"
sec_client_peak "$T/out" "$T/err" 'pwd; ls -l /; size plain.txt; get plain.txt got.txt' 5
cd "$TOP" || exit 1
check_clean liar
[ "$CLIENT_KB" -lt 65536 ] || fail "liar: peak RSS $CLIENT_KB KiB"
if [ -e "$T/dl/got.txt" ]; then
	sz=$(stat -c %s "$T/dl/got.txt")
	[ "$sz" -le 6 ] || fail "liar: the local file grew to $sz bytes (preallocated from the lie?)"
fi
note "liar: exit $CLIENT_RC, peak RSS $CLIENT_KB KiB, printed: $(tr '\n' '|' <"$T/out" | cut -c1-200)"
sec_tried "4 lying servers (PASV redirect, endless reply, 48 MB line, false sizes)"
exit 0

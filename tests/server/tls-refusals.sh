#!/usr/bin/env bash
# What forkftpd's TLS refuses, and that refusing harms nothing else:
# TLS 1.0 and 1.1 (openssl s_client), garbage instead of a ClientHello
# (explicit and implicit), a handshake cut halfway or stalled, plaintext
# pipelined after AUTH TLS (never run), the RFC 4217 replies (AUTH twice
# 503, PBSZ/PROT order 503, PROT S/E 536, CCC 534), --tls required (USER
# before AUTH 530, PROT C data 521), a data connection carrying another
# control connection's TLS session (522, no byte), an upload cut without
# close_notify (426, nothing replaced), REIN (TLS ends with the login),
# and a TLS 1.2
# renegotiation attempt.  After all that the server still serves.
. "$(dirname "$0")/../lib.sh"
command -v openssl >/dev/null || skip "no openssl"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
start_tls_server --anonymous --anonymous-write --login-timeout 3 "$ROOT"
P=$FTPD_PORT
probe() { timeout 60 "$PY" "$TOP/tests/tools/tls_refusals.py" "$@" "$CERT" "$ROOT"; }

for c in garbage cut pipelined replies steal nonotify rein; do
	probe "$c" "$P" || fail "case $c"
done
probe implicit-garbage "$FTPS_PORT" || fail "case implicit-garbage"

# Old protocol versions: the handshake fails, 1.2 and 1.3 work.
for v in tls1 tls1_1; do
	timeout 10 openssl s_client -connect "127.0.0.1:$FTPS_PORT" -"$v" \
	    -cipher 'DEFAULT:@SECLEVEL=0' </dev/null >"$T/s_$v" 2>&1 &&
		fail "-$v handshake succeeded: $(cat "$T/s_$v")"
	grep -q 'Cipher is (NONE)\|alert\|no protocols available' "$T/s_$v" ||
		fail "-$v: unexpected s_client output: $(cat "$T/s_$v")"
done
for v in tls1_2 tls1_3; do
	sleep 1 | timeout 10 openssl s_client -connect "127.0.0.1:$FTPS_PORT" -"$v" \
	    -CAfile "$CERT" -verify_return_error >"$T/s_$v" 2>&1 ||
		fail "-$v handshake failed: $(cat "$T/s_$v")"
	grep -q '^220' "$T/s_$v" || fail "-$v: no 220 after the handshake: $(cat "$T/s_$v")"
done

# Renegotiation (TLS 1.2, 'R' in s_client) is refused; the session may
# end, the server and other sessions do not notice.
{ sleep 1; echo R; sleep 2; } | timeout 10 openssl s_client -connect "127.0.0.1:$FTPS_PORT" \
    -tls1_2 -CAfile "$CERT" >"$T/reneg" 2>&1
grep -q 'RENEGOTIATING' "$T/reneg" || fail "no renegotiation attempted: $(cat "$T/reneg")"
grep -q 'no renegotiation' "$T/reneg" || fail "renegotiation not refused: $(cat "$T/reneg")"
grep -q 'Secure Renegotiation IS supported' "$T/reneg" && grep -q 'Verify return code: 0' "$T/reneg" ||
	fail "the renegotiation session did not start normally: $(cat "$T/reneg")"

kill -0 "$FTPD_PID" || fail "the server died"
grep -q 'killed by signal' "$FTPD_LOG" && fail "a session died of a signal: $(grep signal "$FTPD_LOG")"
t_curl --ssl-reqd --cacert "$CERT" -o "$T/after" "ftp://localhost:$P/hello.txt" ||
	fail "a TLS session after the refusals failed"
assert_same_file "$ROOT/hello.txt" "$T/after"
[ -e "$ROOT/pwned" ] && fail "pipelined MKD ran"

# --tls required.
start_tls_server --tls required --anonymous "$ROOT"
probe required "$FTPD_PORT" || fail "case required"
t_curl -o /dev/null "ftp://127.0.0.1:$FTPD_PORT/hello.txt" 2>/dev/null &&
	fail "--tls required served a plain curl"
t_curl --ssl-reqd --cacert "$CERT" -o "$T/req" "ftp://localhost:$FTPD_PORT/hello.txt" ||
	fail "--tls required refused a TLS curl"
assert_same_file "$ROOT/hello.txt" "$T/req"
exit 0

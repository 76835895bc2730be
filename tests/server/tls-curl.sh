#!/usr/bin/env bash
# curl over FTPS, explicit (AUTH TLS, --ssl-reqd) and implicit (ftps://),
# trusting forkftpd's self-made certificate with --cacert so the host name
# is checked too (localhost and 127.0.0.1 are in its SAN): list, get, put,
# resume both ways, every file compared byte for byte (active data
# connections under TLS: tls-lftp.sh and tls-ftplib.sh; curl 7.88 drops an
# active TLS data connection itself).  A plain session still works (--tls optional),
# and the login lines name the TLS version and cipher, or "plain".
. "$(dirname "$0")/../lib.sh"
serve_root() {
	ROOT=$T/root SRC=$T/src OUT=$T/out
	make_root "$ROOT"
	sample_files "$ROOT"
	cp -a "$ROOT" "$SRC"
	mkdir -p "$OUT"
}
serve_root
FTP_USER=tlsuser FTP_PASS=pw$RANDOM$RANDOM
start_tls_server -u "$(tls_users "$FTP_USER" "$FTP_PASS")" "$ROOT"
upload_files "$T/up"

for host in localhost 127.0.0.1; do
	u=ftp://$host:$FTPD_PORT
	t_curl_tls "$u/" >"$T/list.$host" || fail "[$host] LIST over TLS failed"
	grep -q 'Grüße 日本.txt' "$T/list.$host" || fail "[$host] LIST: $(cat "$T/list.$host")"
	t_curl_tls -o "$OUT/big.$host" "$u/big.bin" || fail "[$host] RETR over TLS failed"
	assert_same_file "$SRC/big.bin" "$OUT/big.$host"
	t_curl_tls -T "$T/up/up big.bin" "$u/up.$host.bin" || fail "[$host] STOR over TLS failed"
	assert_same_file "$T/up/up big.bin" "$ROOT/up.$host.bin"
done

u=ftp://localhost:$FTPD_PORT
# Resume a download (REST + RETR) and an upload (APPE after SIZE).
head -c 1000000 "$SRC/big.bin" >"$OUT/part.bin"
t_curl_tls -C - -o "$OUT/part.bin" "$u/big.bin" || fail "resumed RETR failed"
assert_same_file "$SRC/big.bin" "$OUT/part.bin"
head -c 1234567 "$T/up/up big.bin" >"$ROOT/resumed.bin"
[ "$(id -u)" != 0 ] || chown "$(ftp_account):" "$ROOT/resumed.bin"
t_curl_tls -C - -T "$T/up/up big.bin" "$u/resumed.bin" || fail "resumed STOR failed"
assert_same_file "$T/up/up big.bin" "$ROOT/resumed.bin"

# Implicit FTPS: TLS first, then the 220; PROT P implied.
s=ftps://localhost:$FTPS_PORT
t_curl --cacert "$CERT" "$s/sub%20dir/" >"$T/ilist" || fail "implicit LIST failed"
grep -q 'mid.bin' "$T/ilist" || fail "implicit LIST: $(cat "$T/ilist")"
t_curl --cacert "$CERT" -o "$OUT/implicit.bin" "$s/big.bin" || fail "implicit RETR failed"
assert_same_file "$SRC/big.bin" "$OUT/implicit.bin"
t_curl --cacert "$CERT" -T "$T/up/Ünï cödé 上传.txt" "$s/implicit%20up.txt" ||
	fail "implicit STOR failed"
assert_same_file "$T/up/Ünï cödé 上传.txt" "$ROOT/implicit up.txt"

# A wrong name fails verification: the check is real.
t_curl --ssl-reqd --cacert "$CERT" --resolve "wrong.invalid:$FTPD_PORT:127.0.0.1" \
    -o /dev/null "ftp://wrong.invalid:$FTPD_PORT/hello.txt" 2>/dev/null &&
	fail "curl accepted the certificate for a name not in it"

# Optional TLS: plain FTP still works.
t_curl -o "$OUT/plain.txt" "$u/hello.txt" || fail "plain RETR failed with --tls optional"
assert_same_file "$SRC/hello.txt" "$OUT/plain.txt"

grep -q "login \"$FTP_USER\" rw, TLSv1\.[23] TLS_" "$FTPD_LOG" ||
	fail "no login line naming TLS: $(grep login "$FTPD_LOG")"
grep -q "login \"$FTP_USER\" rw, plain" "$FTPD_LOG" ||
	fail "no login line saying plain: $(grep login "$FTPD_LOG")"
grep -q "$FTP_PASS" "$FTPD_LOG" && fail "the password is in the log"
exit 0

#!/usr/bin/env bash
# forkftpd's certificates.  With none given, the first start makes a
# self-signed P-256 certificate in --state-dir (key 0600), once: later
# starts and servers started at the same moment reuse it; the logged
# fingerprint is what openssl x509 -fingerprint -sha256 prints and what a
# client is shown.  --tls-cert/--tls-key serve a real chain (the
# intermediate is sent: curl trusts only the root), re-read on SIGHUP; a
# bad file on SIGHUP is logged and the running certificate kept.
. "$(dirname "$0")/../lib.sh"
command -v openssl >/dev/null || skip "no openssl"
make_root "$T/root"
sample_files "$T/root"

# logged_fp LOG: the fingerprint of the line "TLS certificate sha256 ...".
logged_fp() { sed -n 's/.*TLS certificate sha256 \([0-9A-F:]*\)$/\1/p' "$1" | tail -1; }
# file_fp PEM: openssl's fingerprint of the first certificate in PEM.
file_fp() { openssl x509 -in "$1" -noout -fingerprint -sha256 | sed 's/.*=//'; }
# served_fp PORT: the fingerprint of what the server sends after AUTH TLS.
served_fp() {
	timeout 10 openssl s_client -starttls ftp -connect "127.0.0.1:$1" </dev/null 2>/dev/null |
		openssl x509 -noout -fingerprint -sha256 | sed 's/.*=//'
}

# First start: made once, 0600 key, fingerprint logged and served.
start_forkftpd --anonymous --state-dir "$T/st" "$T/root"
wait_until 5 grep -q 'TLS certificate sha256' "$FTPD_LOG" || fail "no fingerprint line: $(cat "$FTPD_LOG")"
grep -q "made a TLS certificate in $T/st" "$FTPD_LOG" || fail "no 'made' line: $(cat "$FTPD_LOG")"
assert_eq 600 "$(stat -c %a "$T/st/key.pem")" "key.pem mode"
fp=$(logged_fp "$FTPD_LOG")
assert_eq "$(file_fp "$T/st/cert.pem")" "$fp" "logged fingerprint vs openssl x509"
assert_eq "$fp" "$(served_fp "$FTPD_PORT")" "served certificate"
openssl x509 -in "$T/st/cert.pem" -noout -text >"$T/text"
grep -q 'ASN1 OID: prime256v1' "$T/text" || fail "not P-256: $(cat "$T/text")"
grep -q 'DNS:localhost' "$T/text" && grep -q 'IP Address:127.0.0.1' "$T/text" ||
	fail "SAN lacks localhost/127.0.0.1: $(cat "$T/text")"
grep -q 'TLS clients trust it with: curl --cacert' "$FTPD_LOG" || fail "no hint for clients"
key_sum=$(sha256sum <"$T/st/key.pem")

# A second server on the same directory reuses it.
first_log=$FTPD_LOG
start_forkftpd --anonymous --state-dir "$T/st" "$T/root"
wait_until 5 grep -q 'TLS certificate sha256' "$FTPD_LOG" || fail "second start: $(cat "$FTPD_LOG")"
grep -q 'made a TLS certificate' "$FTPD_LOG" && fail "second start made a new certificate"
assert_eq "$fp" "$(logged_fp "$FTPD_LOG")" "fingerprint after a restart"
assert_eq "$key_sum" "$(sha256sum <"$T/st/key.pem")" "key after a restart"

# Four first starts at once: one certificate.
pids=()
for i in 1 2 3 4; do
	"$FORKFTPD" -l 127.0.0.1:0 --anonymous --state-dir "$T/race" "$T/root" 2>"$T/race.$i.log" &
	pids+=($!)
	t_defer "kill -TERM ${pids[-1]}"
done
for i in 1 2 3 4; do
	wait_until 10 grep -q 'TLS certificate sha256' "$T/race.$i.log" || fail "race $i: $(cat "$T/race.$i.log")"
done
assert_eq 1 "$(cat "$T"/race.*.log | grep -c 'made a TLS certificate')" "certificates made by 4 starts"
for i in 2 3 4; do
	assert_eq "$(logged_fp "$T/race.1.log")" "$(logged_fp "$T/race.$i.log")" "race $i fingerprint"
done

# A real chain: root CA -> intermediate -> leaf for localhost.
cd "$T" || fail "cd"
ec="-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
openssl req -x509 $ec -subj /CN=test-root -keyout root.key -out root.pem -days 2 2>/dev/null
openssl req $ec -subj /CN=test-int -keyout int.key -out int.csr 2>/dev/null
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n' >int.ext
openssl x509 -req -in int.csr -CA root.pem -CAkey root.key -CAcreateserial \
    -extfile int.ext -days 2 -out int.pem 2>/dev/null
leaf() {	# leaf NAME: NAME.key, NAME.pem signed by the intermediate
	openssl req $ec -subj /CN=localhost -keyout "$1.key" -out "$1.csr" 2>/dev/null
	printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >leaf.ext
	openssl x509 -req -in "$1.csr" -CA int.pem -CAkey int.key -CAcreateserial \
	    -extfile leaf.ext -days 2 -out "$1.pem" 2>/dev/null
	chmod 600 "$1.key"
}
leaf one
leaf two
cat one.pem int.pem >chain.pem
cp one.key server.key
chmod 600 server.key
start_forkftpd --anonymous --tls-cert "$T/chain.pem" --tls-key "$T/server.key" "$T/root"
wait_until 5 grep -q 'TLS certificate sha256' "$FTPD_LOG" || fail "chain: $(cat "$FTPD_LOG")"
assert_eq "$(file_fp one.pem)" "$(logged_fp "$FTPD_LOG")" "fingerprint of --tls-cert"
grep -q 'curl --cacert' "$FTPD_LOG" && fail "hint about the self-made certificate with --tls-cert"
t_curl --ssl-reqd --cacert root.pem -o "$T/got1" "ftp://localhost:$FTPD_PORT/hello.txt" ||
	fail "curl with the root CA only: the chain was not sent?"
assert_same_file "$T/root/hello.txt" "$T/got1"

# SIGHUP: a new certificate for new sessions.
cat two.pem int.pem >chain.pem
cp two.key server.key
kill -HUP "$FTPD_PID"
wait_until 5 grep -q "TLS certificate sha256 $(file_fp two.pem)" "$FTPD_LOG" ||
	fail "no new fingerprint after SIGHUP: $(cat "$FTPD_LOG")"
wait_until 5 test "$(served_fp "$FTPD_PORT")" = "$(file_fp two.pem)" ||
	fail "the new certificate is not served"
# A bad one is refused and the running one kept.
echo garbage >chain.pem
kill -HUP "$FTPD_PID"
wait_until 5 grep -q 'keeping the running TLS certificate' "$FTPD_LOG" ||
	fail "a bad certificate on SIGHUP was not reported: $(cat "$FTPD_LOG")"
kill -0 "$FTPD_PID" || fail "the server died on a bad certificate"
assert_eq "$(file_fp two.pem)" "$(served_fp "$FTPD_PORT")" "certificate after a bad reload"
t_curl --ssl-reqd --cacert root.pem -o "$T/got2" "ftp://localhost:$FTPD_PORT/hello.txt" ||
	fail "curl after a bad reload"
exit 0

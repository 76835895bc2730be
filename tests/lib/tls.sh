# Helpers for the FTPS tests (tests/server/tls-*.sh).  Sourced by
# tests/lib.sh.  Clients trust forkftpd's self-made certificate the way
# the README tells users to: curl --cacert, lftp ssl:ca-file, Python's
# cafile, so host-name verification runs too.

# tls_users NAME PASS: $T/users with one read-write user NAME whose home is
# the root; prints the path.
tls_users() {
	local hash
	hash=$(printf '%s\n' "$2" | "$FORKFTPD" --hash-password) ||
		fail "--hash-password failed"
	printf '%s:%s:.:rw\n' "$1" "$hash" >"$T/users"
	chmod 644 "$T/users"
	echo "$T/users"
}

# start_tls_server [FORKFTPD OPTIONS...] ROOT: start_forkftpd with an
# explicit (ftp://, FTPD_PORT) and an implicit (ftps://, FTPS_PORT)
# listener.  CERT is the certificate clients are told to trust.
start_tls_server() {
	start_forkftpd -l ftps://127.0.0.1:0 "$@"
	wait_until 10 grep -q 'listening on ftps://' "$FTPD_LOG" ||
		fail "no ftps:// listener: $(cat "$FTPD_LOG")"
	FTPS_PORT=$(grep -m1 -o 'ftps://[^ ]*' "$FTPD_LOG" |
	    sed -E 's|.*:([0-9]+)/?$|\1|')
	CERT=$T/tls-state/cert.pem
	[ -s "$CERT" ] || fail "no certificate in $T/tls-state"
}

# t_curl_tls ARGS...: curl that insists on TLS and trusts forkftpd.
t_curl_tls() {
	t_curl --ssl-reqd --cacert "$CERT" "$@"
}

# t_lftp_tls COMMANDS: lftp over explicit FTPS (control and data), the
# certificate checked against ssl:ca-file and the name "localhost".
t_lftp_tls() {
	timeout -k 2 "$IOP_TIMEOUT" lftp --norc -c "set net:max-retries 1; \
set net:timeout 10; set net:reconnect-interval-base 1; \
set cmd:fail-exit yes; set xfer:clobber yes; set cmd:interactive no; \
set ftp:ssl-force yes; set ftp:ssl-protect-data yes; \
set ftp:ssl-protect-list yes; set ssl:verify-certificate yes; \
set ssl:ca-file '$CERT'; \
open -u '$FTP_USER','$FTP_PASS' ftp://localhost:$FTPD_PORT; $1" </dev/null
}

# tls_ca DIR: a throwaway CA made with openssl: DIR/ca.pem, DIR/ca.key.
tls_ca() {
	mkdir -p "$1"
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	    -keyout "$1/ca.key" -out "$1/ca.pem" -days 2 \
	    -subj "/CN=forkftp throwaway test CA" \
	    -addext basicConstraints=critical,CA:TRUE \
	    -addext keyUsage=critical,keyCertSign,cRLSign >/dev/null 2>&1 ||
		fail "openssl could not make a CA"
}

# tls_leaf DIR NAME SAN: a server certificate signed by DIR's CA for the
# subjectAltName SAN (e.g. DNS:localhost,IP:127.0.0.1): DIR/NAME.pem and
# DIR/NAME.key.
tls_leaf() {
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	    -keyout "$1/$2.key" -out "$1/$2.csr" -subj "/CN=$2" >/dev/null 2>&1 ||
		fail "openssl req for $2 failed"
	printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\n' "$3" >"$1/$2.ext"
	openssl x509 -req -in "$1/$2.csr" -CA "$1/ca.pem" -CAkey "$1/ca.key" \
	    -CAcreateserial -days 2 -extfile "$1/$2.ext" -out "$1/$2.pem" \
	    >/dev/null 2>&1 || fail "openssl x509 for $2 failed"
	chmod 644 "$1/$2.pem" "$1/$2.key"
}

# fp_of PEM: its SHA-256 fingerprint as forkftp and forkftpd print it.
fp_of() {
	openssl x509 -in "$1" -noout -fingerprint -sha256 | sed 's/.*=//'
}

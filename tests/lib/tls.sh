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

# tls_peer_cert: a throwaway CA ($T/ca/ca.pem, for forkftp's --ca-file)
# and a certificate for localhost and 127.0.0.1 ($T/ca/peer.pem, .key)
# for a peer server.
tls_peer_cert() {
	tls_ca "$T/ca"
	tls_leaf "$T/ca" peer 'DNS:localhost,IP:127.0.0.1'
	cat "$T/ca/peer.pem" "$T/ca/peer.key" >"$T/ca/peer-both.pem"
	chmod 600 "$T/ca/peer-both.pem"
}

# start_vsftpd_tls DIR: vsftpd with FTPS required for logins and data and
# session reuse required (its default, said anyway).  After tls_peer_cert.
start_vsftpd_tls() {
	VSFTPD_EXTRA="ssl_enable=YES
rsa_cert_file=$T/ca/peer.pem
rsa_private_key_file=$T/ca/peer.key
allow_anon_ssl=YES
force_anon_logins_ssl=YES
force_anon_data_ssl=YES
force_local_logins_ssl=YES
force_local_data_ssl=YES
require_ssl_reuse=YES
${VSFTPD_EXTRA:-}" start_vsftpd "$1"
}

# start_pureftpd_tls DIR: pure-ftpd -Y 2 (TLS required) with -2 CERT.
start_pureftpd_tls() {
	PUREFTPD_EXTRA="-Y 2 -2 $T/ca/peer-both.pem" start_pureftpd "$1"
}

# start_pyftpdlib_tls DIR: pyftpdlib's TLS_FTPHandler requiring TLS on
# control and data (Debian's python3-openssl), anonymous read-write.
start_pyftpdlib_tls() {
	local dir=$1
	"$PY" -c 'import pyftpdlib.handlers as h; h.TLS_FTPHandler' 2>/dev/null ||
		skip "pyftpdlib without TLS (python3-openssl missing)"
	PEER_PORT=$(free_port)
	PEER_LOG=$T/pyftpdlib-tls.log
	"$PY" - "$dir" "$PEER_PORT" "$T/ca/peer.pem" "$T/ca/peer.key" \
	    >"$PEER_LOG" 2>&1 <<'PYEOF' &
import sys
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import TLS_FTPHandler
from pyftpdlib.servers import FTPServer
root, port, cert, key = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
a = DummyAuthorizer()
a.add_anonymous(root, perm="elradfmwMT")
h = TLS_FTPHandler
h.certfile, h.keyfile = cert, key
h.tls_control_required = h.tls_data_required = True
h.authorizer = a
FTPServer(("127.0.0.1", port), h).serve_forever()
PYEOF
	_peer_started pyftpdlib-tls
	PEER_URL=ftpes://127.0.0.1:$PEER_PORT/
}

# start_proftpd_tls DIR: ProFTPD with mod_tls (extracted from
# proftpd-mod-crypto), TLSRequired on; session reuse is required by
# default (no NoSessionReuseRequired).  After tls_peer_cert.
start_proftpd_tls() {
	[ -f "$TOP/build/peers/proftpd/usr/lib/proftpd/mod_tls.so" ] ||
		(cd "$TOP" && sh tests/peers/proftpd-extract.sh) >/dev/null 2>&1
	[ -f "$TOP/build/peers/proftpd/usr/lib/proftpd/mod_tls.so" ] ||
		skip "ProFTPD's mod_tls not extracted (proftpd-mod-crypto)"
	PROFTPD_EXTRA="LoadModule mod_tls.c
TLSEngine on
TLSRequired on
TLSProtocol TLSv1.2 TLSv1.3
TLSECCertificateFile $T/ca/peer.pem
TLSECCertificateKeyFile $T/ca/peer.key
TLSLog $T/proftpd-tls.log
TLSVerifyClient off
${PROFTPD_EXTRA:-}" start_proftpd "$1"
}

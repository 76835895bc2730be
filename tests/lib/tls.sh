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

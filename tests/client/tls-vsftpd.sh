#!/usr/bin/env bash
# forkftp over FTPS against vsftpd with TLS required for login and data and
# session reuse required (require_ssl_reuse=YES): every transfer kind
# (tls.inc), the certificate verified with --ca-file (a throwaway CA).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tls.inc"

tls_peer_cert
mkdir -p "$T/vsftpd"
tls_files "$T/vsftpd/pub"
start_vsftpd_tls "$T/vsftpd/pub"
url=${PEER_URL/#ftp:/ftpes:}
tls_scenario "$url" "$T/vsftpd/pub" --ca-file "$T/ca/ca.pem"
grep -q '(verified)' "$T/log" || fail "certificate not verified: $(grep '^\*\*' "$T/log" | head)"

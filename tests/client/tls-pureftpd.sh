#!/usr/bin/env bash
# forkftp over FTPS against pureftpd with TLS required for login and data: every transfer kind
# (tls.inc), the certificate verified with --ca-file (a throwaway CA).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tls.inc"

tls_peer_cert
mkdir -p "$T/pureftpd"
tls_files "$T/pureftpd/pub"
start_pureftpd_tls "$T/pureftpd/pub"
url=${PEER_URL/#ftp:/ftpes:}
# Pure-FTPd does not resume TLS sessions (nor require it).
TLS_REUSE=any tls_scenario "$url" "$T/pureftpd/pub" --ca-file "$T/ca/ca.pem"
grep -q '(verified)' "$T/log" || fail "certificate not verified: $(grep '^\*\*' "$T/log" | head)"

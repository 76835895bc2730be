#!/usr/bin/env bash
# forkftp over FTPS against pyftpdlib with TLS required for login and data: every transfer kind
# (tls.inc), the certificate verified with --ca-file (a throwaway CA).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tls.inc"

tls_peer_cert
mkdir -p "$T/pyftpdlib"
tls_files "$T/pyftpdlib/pub"
start_pyftpdlib_tls "$T/pyftpdlib/pub"
url=${PEER_URL/#ftp:/ftpes:}
tls_scenario "$url" "$T/pyftpdlib/pub" --ca-file "$T/ca/ca.pem"
grep -q '(verified)' "$T/log" || fail "certificate not verified: $(grep '^\*\*' "$T/log" | head)"

#!/usr/bin/env bash
# forkftp over FTPS against ProFTPD's mod_tls with TLSRequired on and its
# default session-reuse requirement: every transfer kind (tls.inc), the
# certificate verified with --ca-file (a throwaway CA).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tls.inc"

tls_peer_cert
mkdir -p "$T/proftpd"
tls_files "$T/proftpd/pub"
start_proftpd_tls "$T/proftpd/pub"
url=${PEER_URL/#ftp:/ftpes:}
tls_scenario "$url" "$T/proftpd/pub" --ca-file "$T/ca/ca.pem"
grep -q '(verified)' "$T/log" || fail "certificate not verified: $(grep '^\*\*' "$T/log" | head)"

#!/usr/bin/env bash
# forkftp over FTPS against forkftpd: ftp:// (TLS because FEAT offers
# AUTH TLS), ftpes:// (explicit), ftps:// (implicit) and a server with
# --tls required; ls, get, put, resume both ways, get -r, put -r, mirror
# both ways and -j 3, every file compared.  The certificate is pinned with
# --trust-fingerprint from the server's start-up line.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tls.inc"

tls_files "$T/root"
start_tls_server --anonymous --anonymous-write "$T/root"
[ -n "$FTPD_FP" ] || fail "no fingerprint line in $(cat "$FTPD_LOG")"

tls_scenario "ftp://127.0.0.1:$FTPD_PORT/" "$T/root"
rm -rf "$T/root/upd" "$T/root/mirr"
tls_scenario "ftpes://127.0.0.1:$FTPD_PORT/" "$T/root"
rm -rf "$T/root/upd" "$T/root/mirr"
tls_scenario "ftps://127.0.0.1:$FTPS_PORT/" "$T/root"

# --tls overrides the scheme: implicit on the ftps:// port of an ftp:// URL.
tls_run "ftp://127.0.0.1:$FTPS_PORT/" --tls implicit -e 'ls'
tls_protected

# --tls off: plain FTP, said so in the log, no PROT.
tls_run "ftp://127.0.0.1:$FTPD_PORT/" --tls off -e 'ls'
grep -q '^-> AUTH\|^-> PROT' "$T/log" && fail "--tls off sent AUTH/PROT: $(head "$T/log")"
grep -q 'big\.bin' "$T/out" || fail "plain ls: $(cat "$T/out")"

# A fingerprint is accepted with or without colons, in any case.
fp=$(printf '%s' "$FTPD_FP" | tr -d : | tr 'A-F' 'a-f')
saved=("${FTPD_TRUST[@]}")
FTPD_TRUST=()
tls_run "ftpes://127.0.0.1:$FTPD_PORT/" --trust-fingerprint "$fp" -e 'ls'
FTPD_TRUST=("${saved[@]}")

# A server with --tls required and a user: the password only under TLS.
stop_pid "$FTPD_PID"
users=$(tls_users bob 'sekrit pw')
mkdir -p "$T/r2"
tls_files "$T/r2"
start_forkftpd --tls required --users "$users" "$T/r2"
tls_scenario "ftp://bob:sekrit%20pw@127.0.0.1:$FTPD_PORT/" "$T/r2"
# ftpes:// against it with --tls off is refused by the server, not sent
# in the clear silently.
rc=0
fftp --tls off -e 'ls' "ftp://bob:sekrit%20pw@127.0.0.1:$FTPD_PORT/" >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" != 0 ] || fail "plain login to a --tls required server succeeded"

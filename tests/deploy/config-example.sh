#!/bin/bash
# server/forkftpd.conf.example documents every key --help lists, and the
# file itself (with its examples uncommented) is accepted.
. "$(dirname "$0")/../lib.sh"
ex=$TOP/server/forkftpd.conf.example
[ -f "$ex" ] || fail "missing $ex"
"$FORKFTPD" --help | grep -oE -- '--[a-z-]+' | sort -u |
while read -r f; do
	case $f in --config|--help|--version|--hash-password) continue ;; esac
	k=$(printf '%s' "${f#--}" | tr - _)
	k=${k#no_}	# --no-sandbox is the key sandbox = no
	grep -qE "^#? ?$k = " "$ex" || { echo "FAIL: $k not documented in $ex"; exit 1; }
done || exit 1
make_root "$T/root"
# Every "#key = value" example line, uncommented, must parse.
sed -nE 's/^# ?([a-z_]+ = .*)/\1/p' "$ex" |
	grep -vE '^(listen|users|pidfile|xferlog|root|user|syslog|inetd|tls_cert|tls_key|state_dir) ' >"$T/all.conf"
[ -s "$T/all.conf" ] || fail "no example lines found"
start_forkftpd -c "$T/all.conf" "$T/root"
assert_match '^220' "$(first_reply "$FTPD_PORT")" "server with every example setting"

#!/bin/bash
# server/forkftpd.service passes systemd-analyze verify (with ExecStart
# pointed at the built binary), and keeps the settings the model needs.
. "$(dirname "$0")/../lib.sh"
u=$TOP/server/forkftpd.service
[ -f "$u" ] || fail "missing $u"
for k in 'KillMode=mixed' 'ExecReload=/bin/kill -HUP $MAINPID' 'CAP_SYS_CHROOT' 'CAP_SETUID' \
    'CAP_KILL' 'NoNewPrivileges=yes' 'ProtectSystem=strict'; do
	grep -qF -- "$k" "$u" || fail "$u lacks $k"
done
command -v systemd-analyze >/dev/null || skip "no systemd-analyze"
sed -e "s|/usr/local/sbin/forkftpd|$FORKFTPD|" -e '/^Documentation=/d' "$u" >"$T/forkftpd.service"
out=$(systemd-analyze verify "$T/forkftpd.service" 2>&1)
[ -z "$out" ] || fail "systemd-analyze verify: $out"

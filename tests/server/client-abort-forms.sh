#!/usr/bin/env bash
# ABOR in every form real clients send it (plain line like curl, whole
# line as urgent data like ftplib, Telnet IP + Synch like lftp and tnftp),
# idle (225/226) and in the middle of a RETR and a STOR (426 then 226,
# nothing stored); the session stays in step after each.
. "$(dirname "$0")/../lib.sh"
serve_sample
head -c 33554432 /dev/zero >"$ROOT/huge.bin"
[ "$(id -u)" != 0 ] || chown "$(ftp_account):" "$ROOT/huge.bin"
chmod 644 "$ROOT/huge.bin"
t_py abortforms.py "$FTPD_PORT" huge.bin 'sub dir/mid.bin' 70000 >"$T/abort.log" 2>&1 ||
	fail "$(grep -a FAIL "$T/abort.log")"
wait_until 10 no_temporaries "$ROOT" || fail "temporary left: $(find "$ROOT" -name '.forkftpd*')"
[ -n "$(find "$ROOT" -name 'aborted-*')" ] && fail "aborted uploads were stored: $(find "$ROOT" -name 'aborted-*')"
exit 0

#!/usr/bin/env bash
# Data connections closed early, by either side:
#  - the client closes a download's data connection after 64 KiB: 426
#    (never 226), and the session goes on;
#  - the client resets an upload's data connection: 4xx/5xx, the previous
#    file is intact and no temporary is left;
#  - the server closes them on ABOR (urgent Telnet IP+Synch) mid-RETR and
#    mid-STOR: 426 then 226, session goes on, previous file intact.
. "$(dirname "$0")/../lib.sh"

ROOT=$T/root
sec_fixture "$ROOT"
head -c 20000000 /dev/urandom >"$ROOT/huge.bin"
head -c 1500000 /dev/urandom >"$ROOT/target.bin"
[ "$(id -u)" != 0 ] || chown "$(ftp_account):" "$ROOT"/*.bin
chmod 644 "$ROOT"/*.bin
cp "$ROOT/target.bin" "$T/target.orig"
ls -A "$ROOT" >"$T/names.before"
start_forkftpd --anonymous --anonymous-write "$ROOT"

check_upload_left_nothing() {
	assert_same_file "$T/target.orig" "$ROOT/target.bin"
	ls -A "$ROOT" >"$T/names.after"
	diff "$T/names.before" "$T/names.after" >"$T/names.diff" ||
		fail "$1 left entries behind: $(cat "$T/names.diff")"
}

n=0
for sc in "close-download huge.bin 65536" "rst-upload target.bin 700000" \
	  "abor-download huge.bin 65536" "abor-upload target.bin 700000"; do
	set -- $sc
	timeout 60 "$PY" "$SEC_TOOLS/sec_faults.py" "$1" "$FTPD_PORT" "$2" "$3" >"$T/cl.out" 2>&1 ||
		fail "$1: $(cat "$T/cl.out")"
	wait_until 10 sec_no_children || fail "$1: child did not exit after the session"
	check_upload_left_nothing "$1"
	n=$((n + 1))
done
sec_assert_served "after the early closes"
sec_tried "$n early data-connection closes (client close, client reset, server ABOR x2)"
exit 0

#!/usr/bin/env bash
# Atomic upload, aborted or broken: a STOR cut by ABOR (Telnet IP + Synch,
# as ftplib and lftp send it: 426 then 226), or by a reset data connection
# followed by ABOR, leaves the previous file byte-identical and no
# temporary; the session goes on and a complete upload then replaces the
# file.
. "$(dirname "$0")/../lib.sh"
serve_sample

for mode in abor reset; do
	t_py slowstor.py "$FTPD_PORT" 'big.bin' $mode 1048576 >"$T/slow.$mode" 2>&1 ||
		fail "$mode upload did not run: $(cat "$T/slow.$mode")"
	grep -q '^SENT' "$T/slow.$mode" || fail "$mode: no data sent: $(cat "$T/slow.$mode")"
	wait_until 10 no_temporaries "$ROOT" ||
		fail "$mode: temporary left: $(find "$ROOT" -name '.forkftpd*')"
	assert_same_file "$SRC/big.bin" "$ROOT/big.bin"
	grep -q '^REPLY 200' "$T/slow.$mode" ||
		fail "$mode: session unusable after the abort (NOOP): $(cat "$T/slow.$mode")"
done
# mid-transfer ABOR: 426 for the transfer, then 226 for the ABOR
grep '^REPLY [0-9]' "$T/slow.abor" | sed -n '/^REPLY 1[0-9][0-9]/,$p' | cut -c7-9 | tr '\n' ' ' >"$T/codes"
assert_match '^1[0-9][0-9] 426 226 200 ' "$(cat "$T/codes")" "replies to STOR, ABOR, NOOP"
# broken data connection: the STOR fails (4xx), nothing is committed
assert_match '^REPLY 4[0-9][0-9]' "$(sed -n '/^SENT/{n;p}' "$T/slow.reset")" "reply after a reset data connection"

# new name, aborted: never created
t_py slowstor.py "$FTPD_PORT" 'aborted new.bin' abor 500000 >"$T/slow.new" 2>&1
wait_until 10 no_temporaries "$ROOT" || fail "temporary left: $(find "$ROOT" -name '.forkftpd*')"
[ -e "$ROOT/aborted new.bin" ] && fail "an aborted upload created its file"

# and an upload that completes replaces the file
t_py slowstor.py "$FTPD_PORT" 'big.bin' eof 70000 >"$T/slow.eof" 2>&1
grep -q '^REPLY 226' "$T/slow.eof" || fail "complete upload: $(cat "$T/slow.eof")"
[ "$(stat -c %s "$ROOT/big.bin")" = 70000 ] || fail "complete upload did not replace big.bin"
no_temporaries "$ROOT" || fail "temporary left after a complete upload"
exit 0

#!/bin/bash
# The man pages format without warnings, and forkftpd(8) and forkftp(1)
# document every option their --help lists.
. "$(dirname "$0")/../lib.sh"
command -v groff >/dev/null || skip "no groff"
for m in "$TOP"/server/forkftpd.8 "$TOP"/server/forkftpd.users.5 "$TOP"/tui-client/forkftp.1; do
	[ -f "$m" ] || fail "missing $m"
	w=$(groff -mdoc -Tutf8 -ww -z "$m" 2>&1)
	[ -z "$w" ] || fail "$m: $w"
done
groff -mdoc -Tascii -P-c "$TOP/server/forkftpd.8" 2>/dev/null | col -b >"$T/man.txt"
"$FORKFTPD" --help | grep -oE -- '--[a-z-]+' | sort -u | while read -r f; do
	grep -q -- "$f" "$T/man.txt" || { echo "FAIL: forkftpd.8 does not document $f"; exit 1; }
done || exit 1
groff -mdoc -Tascii -P-c "$TOP/tui-client/forkftp.1" 2>/dev/null | col -b >"$T/man1.txt"
"$FORKFTP" --help | grep -oE -- '--[a-z-]+' | sort -u | while read -r f; do
	grep -q -- "$f" "$T/man1.txt" || { echo "FAIL: forkftp.1 does not document $f"; exit 1; }
done || exit 1

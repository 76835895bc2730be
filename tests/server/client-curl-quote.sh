#!/usr/bin/env bash
# curl -Q sends raw commands: MKD, DELE, RNFR/RNTO, RMD take effect on the
# tree; a failing quoted command makes curl fail.
. "$(dirname "$0")/../lib.sh"
serve_sample

t_curl -o /dev/null -Q 'MKD made dir' "$(ftp_url '')" || fail "curl -Q MKD failed"
[ -d "$ROOT/made dir" ] || fail "MKD did not create [made dir]"

t_curl -o /dev/null -Q 'DELE hello.txt' "$(ftp_url '')" || fail "curl -Q DELE failed"
[ -e "$ROOT/hello.txt" ] && fail "DELE left hello.txt"

t_curl -o /dev/null -Q 'RNFR text lines.txt' -Q 'RNTO made dir/moved.txt' "$(ftp_url '')" ||
	fail "curl -Q RNFR/RNTO failed"
assert_same_file "$SRC/text lines.txt" "$ROOT/made dir/moved.txt"
[ -e "$ROOT/text lines.txt" ] && fail "rename left the source"

t_curl -o /dev/null -Q 'RMD empty dir' "$(ftp_url '')" || fail "curl -Q RMD failed"
[ -e "$ROOT/empty dir" ] && fail "RMD left [empty dir]"

# -Q after the transfer ('-' prefix) on a UTF-8 name
t_curl -o "$OUT/u" -Q '-DELE Grüße 日本.txt' "$(ftp_url 'Grüße 日本.txt')" ||
	fail "curl download + post-quote DELE failed"
assert_same_file "$SRC/Grüße 日本.txt" "$OUT/u"
[ -e "$ROOT/Grüße 日本.txt" ] && fail "post-quote DELE left the UTF-8 file"

# failures are reported: curl exits 21 (quote error)
t_curl -o /dev/null -Q 'DELE no such file' "$(ftp_url '')" 2>/dev/null
assert_eq 21 "$?" "curl exit status for a refused DELE"
t_curl -o /dev/null -Q 'RMD sub dir' "$(ftp_url '')" 2>/dev/null
assert_eq 21 "$?" "curl exit status for RMD of a non-empty directory"
[ -f "$ROOT/sub dir/mid.bin" ] || fail "RMD of a non-empty directory removed files"
exit 0

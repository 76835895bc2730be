#!/usr/bin/env bash
# tnftp (NetBSD ftp) in auto-fetch mode: get to a file and upload into a
# directory (-u), byte for byte, with spaces, UTF-8 and MiB files; also
# in active mode.
. "$(dirname "$0")/../lib.sh"
serve_sample
upload_files "$T/up"

for f in big.bin empty.txt hello.txt 'Grüße 日本.txt' 'sub dir/mid.bin'; do
	t_tnftp -o "$OUT/got" "$(ftp_url "$f")" >"$T/tnftp.log" 2>&1 ||
		fail "tnftp get of [$f] failed: $(cat "$T/tnftp.log")"
	assert_same_file "$SRC/$f" "$OUT/got"
	rm -f "$OUT/got"
done

# active mode (-A: EPRT/PORT)
t_tnftp -A -o "$OUT/active" "$(ftp_url 'big.bin')" >"$T/tnftp.log" 2>&1 ||
	fail "tnftp -A get failed: $(cat "$T/tnftp.log")"
assert_same_file "$SRC/big.bin" "$OUT/active"

mkdir -p "$ROOT/incoming"
[ "$(id -u)" != 0 ] || chown "$(ftp_account):" "$ROOT/incoming"
for f in "$T/up"/*; do
	(cd "$T/up" && t_tnftp -u "$(ftp_url 'incoming/')" "$(basename "$f")") >"$T/tnftp.log" 2>&1 ||
		fail "tnftp put of [$(basename "$f")] failed: $(cat "$T/tnftp.log")"
	assert_same_file "$f" "$ROOT/incoming/$(basename "$f")"
done

# several files at once into a subdirectory with a space
(cd "$T/up" && t_tnftp -u "$(ftp_url 'sub dir/')" 'up text.txt' 'up big.bin') >"$T/tnftp.log" 2>&1 ||
	fail "tnftp put of two files failed: $(cat "$T/tnftp.log")"
assert_same_file "$T/up/up text.txt" "$ROOT/sub dir/up text.txt"
assert_same_file "$T/up/up big.bin" "$ROOT/sub dir/up big.bin"

t_tnftp -o "$OUT/none" "$(ftp_url 'no such file')" >/dev/null 2>&1 &&
	fail "tnftp get of a missing file succeeded"
exit 0

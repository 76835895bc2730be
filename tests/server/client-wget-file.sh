#!/usr/bin/env bash
# wget downloads single files byte for byte: MiB, empty, UTF-8, in a
# subdirectory (wget sends SYST, PWD, TYPE I, CWD, PASV/EPSV, RETR), resumed
# with -c, and in active mode.
. "$(dirname "$0")/../lib.sh"
serve_sample

for f in big.bin empty.txt 'Grüße 日本.txt' 'sub dir/mid.bin' 'sub dir/deeper/leaf.txt'; do
	t_wget -O "$OUT/got" "$(ftp_url "$f")" || fail "wget of [$f] failed"
	assert_same_file "$SRC/$f" "$OUT/got"
	rm -f "$OUT/got"
done

# wget keeps the remote name
(cd "$OUT" && t_wget "$(ftp_url 'text lines.txt')") || fail "wget (remote name) failed"
assert_same_file "$SRC/text lines.txt" "$OUT/text lines.txt"

# resume with -c
head -c 777777 "$SRC/big.bin" >"$OUT/big.bin"
(cd "$OUT" && t_wget -c "$(ftp_url 'big.bin')") || fail "wget -c failed"
assert_same_file "$SRC/big.bin" "$OUT/big.bin"

# active mode (PORT)
t_wget --no-passive-ftp -O "$OUT/active" "$(ftp_url 'sub dir/mid.bin')" || fail "wget --no-passive-ftp failed"
assert_same_file "$SRC/sub dir/mid.bin" "$OUT/active"

t_wget -O "$OUT/none" "$(ftp_url 'no such file')" && fail "wget of a missing file succeeded"
exit 0

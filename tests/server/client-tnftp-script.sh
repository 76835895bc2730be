#!/usr/bin/env bash
# tnftp driven by a command script (the classic interactive client): login,
# binary, cd, ls/dir, mget with a server-side NLST glob, mput, get/put with
# names containing spaces and UTF-8, rename, delete, mkdir, rmdir.
. "$(dirname "$0")/../lib.sh"
serve_sample
upload_files "$T/up"
mkdir -p "$OUT/mget" "$OUT/get"

(cd "$OUT/mget" && timeout -k 2 30 tnftp -n -v -p 127.0.0.1 "$FTPD_PORT" >"$T/tnftp.log" 2>&1 <<EOF2
user $FTP_USER $FTP_PASS
binary
prompt off
cd "sub dir"
mget *.bin
cd /
mget *.txt
lcd $OUT/get
get "Grüße 日本.txt" "utf8 copy.txt"
get big.bin
ls "sub dir" $T/ls.out
mkdir "tn dir"
cd "tn dir"
lcd $T/up
mput up*
put "Ünï cödé 上传.txt"
rename "up text.txt" "renamed text.txt"
delete "up empty.txt"
cd /
mkdir "tn gone"
rmdir "tn gone"
bye
EOF2
) || fail "tnftp script failed: $(cat "$T/tnftp.log")"

# mget *.bin in "sub dir" and mget *.txt at the root: the server's NLST glob
assert_eq "mid.bin" "$(ls "$OUT/mget" | grep '\.bin$')" "mget *.bin in sub dir"
for f in mid.bin; do assert_same_file "$SRC/sub dir/$f" "$OUT/mget/$f"; done
for f in empty.txt hello.txt 'text lines.txt' 'Grüße 日本.txt'; do
	assert_same_file "$SRC/$f" "$OUT/mget/$f"
done
assert_same_file "$SRC/Grüße 日本.txt" "$OUT/get/utf8 copy.txt"
assert_same_file "$SRC/big.bin" "$OUT/get/big.bin"
grep -q 'mid\.bin' "$T/ls.out" || fail "tnftp ls to a file: $(cat "$T/ls.out")"

assert_same_file "$T/up/up big.bin" "$ROOT/tn dir/up big.bin"
assert_same_file "$T/up/up text.txt" "$ROOT/tn dir/renamed text.txt"
assert_same_file "$T/up/Ünï cödé 上传.txt" "$ROOT/tn dir/Ünï cödé 上传.txt"
[ -e "$ROOT/tn dir/up empty.txt" ] && fail "tnftp delete left the file"
[ -e "$ROOT/tn dir/up text.txt" ] && fail "tnftp rename left the source"
[ -e "$ROOT/tn gone" ] && fail "tnftp rmdir left the directory"
grep -E '^(4|5)[0-9][0-9] ' "$T/tnftp.log" && fail "tnftp saw error replies: $(cat "$T/tnftp.log")"
exit 0

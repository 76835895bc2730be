#!/usr/bin/env bash
# lftp get (and mget, and get -c resume) copies files byte for byte.
. "$(dirname "$0")/../lib.sh"
serve_sample

t_lftp "lcd $OUT && get empty.txt hello.txt 'text lines.txt' 'Grüße 日本.txt' big.bin" ||
	fail "lftp get failed"
for f in empty.txt hello.txt 'text lines.txt' 'Grüße 日本.txt' big.bin; do
	assert_same_file "$SRC/$f" "$OUT/$f"
done

mkdir "$OUT/m"
t_lftp "cd 'sub dir' && lcd $OUT/m && mget *.bin deeper/*" || fail "lftp mget failed"
assert_same_file "$SRC/sub dir/mid.bin" "$OUT/m/mid.bin"
assert_same_file "$SRC/sub dir/deeper/leaf.txt" "$OUT/m/leaf.txt"

# get -c continues a partial file (REST)
head -c 1234567 "$SRC/big.bin" >"$OUT/part.bin"
t_lftp "get -c big.bin -o $OUT/part.bin" || fail "lftp get -c failed"
assert_same_file "$SRC/big.bin" "$OUT/part.bin"

t_lftp "get 'no such file' -o $OUT/none" 2>/dev/null && fail "lftp get of a missing file succeeded"
exit 0

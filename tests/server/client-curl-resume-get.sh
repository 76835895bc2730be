#!/usr/bin/env bash
# curl -C - resumes a download (SIZE, REST n, RETR) from a partial local
# copy, and -C N from an explicit offset; the result is byte-exact.
. "$(dirname "$0")/../lib.sh"
serve_sample

head -c 1000001 "$SRC/big.bin" >"$OUT/big.bin"
t_curl -C - -o "$OUT/big.bin" "$(ftp_url 'big.bin')" || fail "curl -C - download failed"
assert_same_file "$SRC/big.bin" "$OUT/big.bin"

head -c 12345 "$SRC/sub dir/mid.bin" >"$OUT/mid.bin"
t_curl -C - -o "$OUT/mid.bin" "$(ftp_url 'sub dir/mid.bin')" || fail "curl -C - (subdir) failed"
assert_same_file "$SRC/sub dir/mid.bin" "$OUT/mid.bin"

# -C N writes only the tail from offset N
t_curl -C 3000000 -o "$OUT/tail" "$(ftp_url 'big.bin')" || fail "curl -C 3000000 failed"
tail -c +3000001 "$SRC/big.bin" >"$T/tail.want"
assert_same_file "$T/tail.want" "$OUT/tail"
exit 0

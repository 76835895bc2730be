#!/usr/bin/env bash
# lftp put (and mput, put -c resume) stores files byte for byte, including
# over an existing file.
. "$(dirname "$0")/../lib.sh"
serve_sample
upload_files "$T/up"

t_lftp "lcd '$T/up' && put 'up empty.txt' 'up text.txt' 'Ünï cödé 上传.txt' 'up big.bin'" ||
	fail "lftp put failed"
for f in "$T/up"/*; do
	assert_same_file "$f" "$ROOT/$(basename "$f")"
done

t_lftp "mkdir 'put dir' && cd 'put dir' && mput '$T/up'/*" || fail "lftp mput failed"
for f in "$T/up"/*; do
	assert_same_file "$f" "$ROOT/put dir/$(basename "$f")"
done

# over an existing, longer file
t_lftp "put '$T/up/up text.txt' -o big.bin" || fail "lftp put over a file failed"
assert_same_file "$T/up/up text.txt" "$ROOT/big.bin"

# put -c continues a partial remote file
head -c 3000000 "$T/up/up big.bin" >"$ROOT/resumed.bin"
[ "$(id -u)" != 0 ] || chown "$(ftp_account):" "$ROOT/resumed.bin"
t_lftp "put -c '$T/up/up big.bin' -o resumed.bin" || fail "lftp put -c failed"
assert_same_file "$T/up/up big.bin" "$ROOT/resumed.bin"
exit 0

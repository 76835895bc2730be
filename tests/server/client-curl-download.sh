#!/usr/bin/env bash
# curl downloads every sample file byte for byte (empty, spaces, UTF-8,
# several MiB, in subdirectories); a missing file is an error.
. "$(dirname "$0")/../lib.sh"
serve_sample

for f in empty.txt hello.txt 'text lines.txt' 'Grüße 日本.txt' big.bin \
    'sub dir/mid.bin' 'sub dir/deeper/leaf.txt'; do
	t_curl -o "$OUT/got" "$(ftp_url "$f")" || fail "curl download of [$f] failed"
	assert_same_file "$SRC/$f" "$OUT/got"
	rm -f "$OUT/got"
done

# absolute path form (%2F = leading slash)
t_curl -o "$OUT/abs" "ftp://$FTP_USER:$FTP_PASS@127.0.0.1:$FTPD_PORT/%2Fhello.txt" ||
	fail "curl download of /hello.txt failed"
assert_same_file "$SRC/hello.txt" "$OUT/abs"

t_curl -o "$OUT/missing" "$(ftp_url 'no such file')" 2>/dev/null &&
	fail "curl download of a missing file succeeded"
exit 0

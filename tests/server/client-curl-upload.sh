#!/usr/bin/env bash
# curl uploads (STOR) files byte for byte: empty, spaces, UTF-8, 5 MiB, into
# a new directory (--ftp-create-dirs), and over an existing file.
. "$(dirname "$0")/../lib.sh"
serve_sample
upload_files "$T/up"

for f in "$T/up"/*; do
	n=$(basename "$f")
	t_curl -T "$f" "$(ftp_url "$n")" || fail "curl upload of [$n] failed"
	assert_same_file "$f" "$ROOT/$n"
	t_curl --ftp-create-dirs -T "$f" "$(ftp_url "new dir/deep/$n")" ||
		fail "curl upload of [new dir/deep/$n] failed"
	assert_same_file "$f" "$ROOT/new dir/deep/$n"
done

# overwrite: a shorter file replaces a longer one completely
printf 'short\n' >"$T/short"
t_curl -T "$T/short" "$(ftp_url 'big.bin')" || fail "curl overwrite failed"
assert_same_file "$T/short" "$ROOT/big.bin"

# and what was uploaded downloads back the same
t_curl -o "$OUT/back" "$(ftp_url 'up big.bin')" || fail "download after upload failed"
assert_same_file "$T/up/up big.bin" "$OUT/back"
exit 0

#!/usr/bin/env bash
# curl in active mode (-P 127.0.0.1: EPRT, and PORT with --disable-eprt):
# list, download and upload work byte for byte.
. "$(dirname "$0")/../lib.sh"
serve_sample
upload_files "$T/up"

for mode in eprt port; do
	extra=()
	[ $mode = port ] && extra=(--disable-eprt)
	t_curl -P 127.0.0.1 "${extra[@]}" "$(ftp_url '')" >"$T/list.$mode" ||
		fail "curl -P ($mode) LIST failed"
	grep -q ' big\.bin' "$T/list.$mode" || fail "$mode LIST: $(cat "$T/list.$mode")"
	t_curl -P 127.0.0.1 "${extra[@]}" -o "$OUT/big.$mode" "$(ftp_url 'big.bin')" ||
		fail "curl -P ($mode) download failed"
	assert_same_file "$SRC/big.bin" "$OUT/big.$mode"
	t_curl -P 127.0.0.1 "${extra[@]}" -o "$OUT/empty.$mode" "$(ftp_url 'empty.txt')" ||
		fail "curl -P ($mode) download of an empty file failed"
	assert_same_file "$SRC/empty.txt" "$OUT/empty.$mode"
	t_curl -P 127.0.0.1 "${extra[@]}" -T "$T/up/up big.bin" "$(ftp_url "act $mode.bin")" ||
		fail "curl -P ($mode) upload failed"
	assert_same_file "$T/up/up big.bin" "$ROOT/act $mode.bin"
done
exit 0

#!/usr/bin/env bash
# curl with --disable-epsv (PASV with the 227 reply): list, download and
# upload work byte for byte; also with curl using the 227 address itself.
. "$(dirname "$0")/../lib.sh"
serve_sample
upload_files "$T/up"

for skip in yes no; do
	extra=(--disable-epsv)
	[ $skip = no ] && extra+=(--no-ftp-skip-pasv-ip)
	t_curl "${extra[@]}" "$(ftp_url 'sub dir/')" >"$T/list.$skip" ||
		fail "curl --disable-epsv LIST failed"
	grep -q ' mid\.bin' "$T/list.$skip" || fail "PASV LIST: $(cat "$T/list.$skip")"
	t_curl "${extra[@]}" -o "$OUT/big.$skip" "$(ftp_url 'big.bin')" ||
		fail "curl --disable-epsv download failed"
	assert_same_file "$SRC/big.bin" "$OUT/big.$skip"
	t_curl "${extra[@]}" -T "$T/up/Ünï cödé 上传.txt" "$(ftp_url "pasv $skip.txt")" ||
		fail "curl --disable-epsv upload failed"
	assert_same_file "$T/up/Ünï cödé 上传.txt" "$ROOT/pasv $skip.txt"
done
exit 0

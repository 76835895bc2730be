#!/usr/bin/env bash
# curl --use-ascii (TYPE A): LF text goes out as CRLF and comes back as LF
# both ways, byte-exact after conversion, across buffer boundaries (a few
# MiB of lines), with UTF-8 and an empty file.
. "$(dirname "$0")/../lib.sh"
serve_sample

head -c 2500000 /dev/urandom | base64 -w 76 >"$T/lines.txt"	# ~3.3 MiB, LF lines
printf 'Grüße\n日本語\n\nlast line\n' >"$T/utf8.txt"
: >"$T/empty.txt"
for f in lines.txt utf8.txt empty.txt; do
	t_curl --use-ascii -T "$T/$f" "$(ftp_url "ascii $f")" || fail "curl ASCII upload of $f failed"
	assert_same_file "$T/$f" "$ROOT/ascii $f"
	t_curl --use-ascii -o "$OUT/$f" "$(ftp_url "ascii $f")" || fail "curl ASCII download of $f failed"
	assert_same_file "$T/$f" "$OUT/$f"
done
# stored converted: a binary download of an ASCII upload is the LF text
# (the CRLF wire form itself is checked by client-ftplib.sh)
t_curl -o "$OUT/raw" "$(ftp_url 'ascii utf8.txt')" || fail "binary download failed"
assert_same_file "$T/utf8.txt" "$OUT/raw"
exit 0

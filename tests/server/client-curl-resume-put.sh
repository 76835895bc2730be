#!/usr/bin/env bash
# curl -C - -T resumes an upload (SIZE, then APPE of the rest) onto a
# partial remote file; the result is byte-exact.  Also plain --append.
. "$(dirname "$0")/../lib.sh"
serve_sample
upload_files "$T/up"

full="$T/up/up big.bin"
head -c 2000003 "$full" >"$ROOT/up big.bin"
[ "$(id -u)" != 0 ] || chown "$(ftp_account):" "$ROOT/up big.bin"
t_curl -C - -T "$full" "$(ftp_url 'up big.bin')" || fail "curl -C - upload failed"
assert_same_file "$full" "$ROOT/up big.bin"

# no remote file yet: SIZE fails, curl falls back to a full upload
t_curl -C - -T "$T/up/up text.txt" "$(ftp_url 'fresh.txt')" || fail "curl -C - upload (fresh) failed"
assert_same_file "$T/up/up text.txt" "$ROOT/fresh.txt"

# --append (APPE) adds to the end
cat "$SRC/hello.txt" "$T/up/up text.txt" >"$T/appended"
t_curl --append -T "$T/up/up text.txt" "$(ftp_url 'hello.txt')" || fail "curl --append failed"
assert_same_file "$T/appended" "$ROOT/hello.txt"
exit 0

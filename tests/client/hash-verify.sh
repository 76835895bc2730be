#!/usr/bin/env bash
# HASH: when the server offers it, each transfer is verified; a wrong
# digest fails the download, which then leaves no file behind and does
# not touch an existing one.  The upload is verified as well.
. "$(dirname "$0")/../lib.sh"

mkdir -p "$T/root" "$T/w"
head -c 800000 /dev/urandom >"$T/root/data.bin"
head -c 300000 /dev/urandom >"$T/w/up.bin"
cd "$T/w" || fail "cd"

start_fake hash
fftp -v -e 'get data.bin; put up.bin; hash data.bin' "$FAKE_URL" >"$T/out" 2>"$T/log" ||
	fail "good hash: $(tail -5 "$T/log")"
assert_same_file "$T/root/data.bin" data.bin
assert_same_file up.bin "$T/root/up.bin"
grep -q 'data.bin: SHA-256 verified' "$T/log" || fail "download not verified"
grep -q 'up.bin: SHA-256 verified' "$T/log" || fail "upload not verified"
assert_eq "SHA-256 $(sha256sum <"$T/root/data.bin" | cut -d' ' -f1)  data.bin" \
    "$(cat "$T/out")" "hash command output"

start_fake badhash
rm -f data.bin
rc=0
fftp -e 'get data.bin' "$FAKE_URL" 2>"$T/err" || rc=$?
[ "$rc" != 0 ] || fail "a digest mismatch was accepted"
assert_match 'SHA-256 mismatch' "$(cat "$T/err")" "mismatch message"
[ ! -e data.bin ] || fail "a file failing verification was kept"
ls -A | grep -q '^\.forkftp-' && fail "temporary file left behind"
printf 'mine\n' >data.bin
fftp -e 'get data.bin' "$FAKE_URL" 2>/dev/null && fail "mismatch accepted"
assert_eq mine "$(cat data.bin)" "existing file after a failed verification"

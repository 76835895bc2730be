#!/usr/bin/env bash
# --no-verify: no HASH (nor OPTS HASH) is sent for downloads or uploads,
# even when the server offers it and would answer a wrong digest; the
# files still arrive intact.
. "$(dirname "$0")/../lib.sh"

mkdir -p "$T/root" "$T/w"
head -c 800000 /dev/urandom >"$T/root/data.bin"
head -c $((9 * 1024 * 1024)) /dev/urandom >"$T/root/big9.bin"
head -c 300000 /dev/urandom >"$T/w/up.bin"
cd "$T/w" || fail "cd"

start_fake badhash
fftp -v --no-verify -e 'get data.bin; get big9.bin; put up.bin' "$FAKE_URL" \
    >"$T/out" 2>"$T/log" || fail "--no-verify: $(tail -5 "$T/log")"
assert_same_file "$T/root/data.bin" data.bin
assert_same_file "$T/root/big9.bin" big9.bin
assert_same_file up.bin "$T/root/up.bin"
grep -q '^-> RETR big9.bin' "$T/log" || fail "no RETR in the -v log"
grep -q '^-> \(OPTS \)\?HASH' "$T/log" && fail "HASH sent with --no-verify"
grep -q 'verified' "$T/log" && fail "verification reported with --no-verify"
# Without the option the same server's wrong digest is an error.
rm -f data.bin
fftp -e 'get data.bin' "$FAKE_URL" 2>/dev/null && fail "mismatch accepted"
[ ! -e data.bin ] || fail "file kept after a mismatch"
exit 0

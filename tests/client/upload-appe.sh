#!/usr/bin/env bash
# put -c on a server without REST STREAM resumes with APPE, from the
# remote size, and the result is byte for byte the local file.
. "$(dirname "$0")/../lib.sh"

mkdir -p "$T/root" "$T/w"
head -c 900000 /dev/urandom >"$T/w/up.bin"
head -c 345678 "$T/w/up.bin" >"$T/root/up.bin"
cd "$T/w" || fail "cd"
start_fake norest
fftp -v -e 'put -c up.bin' "$FAKE_URL" 2>"$T/log" || fail "APPE resume: $(tail -6 "$T/log")"
assert_same_file "$T/w/up.bin" "$T/root/up.bin"
grep -q "b'APPE up.bin'" "$RAW" || fail "no APPE: $(cat "$RAW")"
grep -q "REST" "$RAW" && fail "REST sent to a server without REST STREAM"
exit 0

#!/usr/bin/env bash
# A server that dies in every download: the client resumes (REST) on new
# connections a bounded number of times, then fails.  With get -c the
# partial local file is kept and has grown, byte for byte a prefix of
# the remote file; without -c an existing local file is left untouched
# and what arrived is kept under a temporary name for get -c.
. "$(dirname "$0")/../lib.sh"

mkdir -p "$T/root" "$T/w"
head -c 1500000 /dev/urandom >"$T/root/data.bin"
cd "$T/w" || fail "cd"
start_fake cut

head -c 50000 "$T/root/data.bin" >part.bin
fftp -v -e 'get -c data.bin part.bin' "$FAKE_URL" 2>"$T/log" &&
	fail "a download cut every time succeeded"
n=$(grep -c '^-> RETR' "$T/log")
[ "$n" -ge 2 ] && [ "$n" -le 4 ] || fail "expected 2-4 RETR attempts (3 retries), saw $n"
size=$(stat -c %s part.bin)
[ "$size" -gt 50000 ] || fail "partial file did not grow ($size)"
cmp -s -n "$size" part.bin "$T/root/data.bin" || fail "partial file is not a prefix"

printf 'keep me\n' >data.bin
fftp -e 'get -f data.bin' "$FAKE_URL" 2>"$T/err" && fail "cut download succeeded"
assert_eq "keep me" "$(cat data.bin)" "existing file after a failed download"
# What arrived is kept next to it for get -c, a prefix of the file.
size=$(stat -c %s .forkftp-part.data.bin) || fail "partial not kept: $(ls -A)"
cmp -s -n "$size" .forkftp-part.data.bin "$T/root/data.bin" || fail "kept partial is not a prefix"
exit 0

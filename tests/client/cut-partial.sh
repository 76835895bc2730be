#!/usr/bin/env bash
# A server that dies in every download: the client resumes (REST) on new
# connections a bounded number of times, then fails.  With get -c the
# partial local file is kept and has grown, byte for byte a prefix of
# the remote file; without -c an existing local file is left untouched
# and no temporary file remains.
. "$(dirname "$0")/../lib.sh"

mkdir -p "$T/root" "$T/w"
head -c 1500000 /dev/urandom >"$T/root/data.bin"
cd "$T/w" || fail "cd"
start_fake cut

head -c 50000 "$T/root/data.bin" >part.bin
fftp -v -e 'get -c data.bin part.bin' "$FAKE_URL" 2>"$T/log" &&
	fail "a download cut every time succeeded"
n=$(grep -c '^-> RETR' "$T/log")
[ "$n" -ge 2 ] && [ "$n" -le 3 ] || fail "expected 2-3 RETR attempts, saw $n"
size=$(stat -c %s part.bin)
[ "$size" -gt 50000 ] || fail "partial file did not grow ($size)"
cmp -s -n "$size" part.bin "$T/root/data.bin" || fail "partial file is not a prefix"

printf 'keep me\n' >data.bin
fftp -e 'get data.bin' "$FAKE_URL" 2>"$T/err" && fail "cut download succeeded"
assert_eq "keep me" "$(cat data.bin)" "existing file after a failed download"
ls -A | grep -q '^\.forkftp-' && fail "temporary file left: $(ls -A)"
exit 0

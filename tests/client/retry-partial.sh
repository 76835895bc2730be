#!/usr/bin/env bash
# A transfer cut by a dropped connection is retried (--retries N, after
# a pause that grows) and resumed where it stopped; with no retry left
# the download keeps what arrived under a temporary name next to the
# target, and the next get -c continues it (REST) into the target.
. "$(dirname "$0")/../lib.sh"

mkdir -p "$T/root" "$T/w"
head -c 1500000 /dev/urandom >"$T/root/data.bin"
cd "$T/w" || fail "cd"

# Cut once: the default retries resume it.
start_fake cutonce
fftp -v -e 'get data.bin' "$FAKE_URL" 2>"$T/log" || fail "cut once, not retried: $(tail -5 "$T/log")"
assert_same_file "$T/root/data.bin" data.bin
grep -q 'retry 1 of 3' "$T/log" || fail "no retry logged: $(grep '^\*\*' "$T/log")"
grep -q '^-> REST 100000' "$T/log" || fail "the retry did not resume"
rm -f data.bin

# --retries 0: fails, keeps the 100000 bytes next to the target.
start_fake cutonce
fftp --retries 0 -e 'get data.bin' "$FAKE_URL" 2>"$T/err" && fail "--retries 0 retried"
[ ! -e data.bin ] || fail "a failed download created the target"
part=.forkftp-part.data.bin
[ -f "$part" ] || fail "partial not kept: $(ls -A)"
assert_eq 100000 "$(stat -c %s "$part")" "kept bytes"
grep -q 'forkftp-part' "$T/err" && fail "temporary named in a message: $(cat "$T/err")"
# get -c continues it; the same server no longer cuts.
fftp -v -e 'get -c data.bin' "$FAKE_URL" 2>"$T/log" || fail "get -c: $(tail -5 "$T/log")"
assert_same_file "$T/root/data.bin" data.bin
grep -q '^-> REST 100000' "$T/log" || fail "get -c did not continue the partial"
[ ! -e "$part" ] || fail "partial left after completion"

# Without -c a new download starts over, and an empty partial is not kept.
start_fake stall
timeout 60 "$FORKFTP" --timeout 2 --retries 0 -e 'get -f data.bin' "$FAKE_URL" 2>/dev/null </dev/null &&
	fail "a stalled download succeeded"
assert_same_file "$T/root/data.bin" data.bin
ls -A | grep -q '^\.forkftp-' && fail "an empty temporary was kept: $(ls -A)"
exit 0

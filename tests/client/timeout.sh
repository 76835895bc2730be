#!/usr/bin/env bash
# A server that stops sending in the middle of a download: the client
# gives up after its timeout (with retries, still bounded), fails with a
# message, and leaves no partial file.
. "$(dirname "$0")/../lib.sh"

mkdir -p "$T/root" "$T/w"
head -c 100000 /dev/urandom >"$T/root/data.bin"
cd "$T/w" || fail "cd"
start_fake stall
start=$SECONDS
rc=0
timeout 60 "$FORKFTP" --timeout 2 -e 'get data.bin' "$FAKE_URL" </dev/null 2>"$T/err" || rc=$?
[ "$rc" != 0 ] && [ "$rc" != 124 ] || fail "stalled download: exit $rc ($(cat "$T/err"))"
[ $((SECONDS - start)) -lt 30 ] || fail "took $((SECONDS - start)) s with --timeout 2"
assert_match 'timed out' "$(cat "$T/err")" "timeout message"
[ -z "$(ls -A)" ] || fail "files left: $(ls -A)"

#!/usr/bin/env bash
# A server that answers with an endless multi-line reply: the client
# stops reading at its reply limit, fails the command, and does not grow
# without bound (memory capped with ulimit -v).
. "$(dirname "$0")/../lib.sh"

mkdir -p "$T/root"
start_fake flood
start=$SECONDS
rc=0
# ASan reserves huge virtual ranges: cap memory only for a plain binary.
lim=unlimited
nm "$FORKFTP" 2>/dev/null | grep -q __asan_init || lim=200000
(ulimit -v "$lim"; timeout 60 "$FORKFTP" --timeout 5 -e 'pwd' "$FAKE_URL" \
    </dev/null >"$T/out" 2>"$T/err") || rc=$?
[ "$rc" != 0 ] && [ "$rc" != 124 ] || fail "flooded PWD: exit $rc ($(cat "$T/err"))"
assert_match 'reply too long' "$(cat "$T/err")" "flood message"
[ $((SECONDS - start)) -lt 30 ] || fail "took $((SECONDS - start)) s"

#!/usr/bin/env bash
# Glob denial of service (vsftpd CVE-2011-0762, the 2017 exponential-glob
# class): pathological patterns (*a*a*...*b against a 60-char aaa... name,
# thousands of *, ?, [, {a,b}, nested */*/* over a deep tree) through NLST,
# LIST and STAT: each answered within 2 seconds, the session still works.
. "$(dirname "$0")/../lib.sh"

ROOT=$T/root
sec_fixture "$ROOT"
: >"$ROOT/$(printf 'a%.0s' $(seq 60))"
mkdir -p "$ROOT/g"
(cd "$ROOT/g" && for i in $(seq 8); do mkdir -p "$(printf 'x/%.0s' $(seq $i))"; done &&
	seq -f 'f%04g' 300 | xargs touch)
make_root "$ROOT"
start_forkftpd --anonymous "$ROOT"

timeout 200 "$PY" "$SEC_TOOLS/sec_listings.py" "$FTPD_PORT" glob >"$T/out" 2>&1
rc=$?
cat "$T/out"
[ "$rc" = 0 ] || fail "a glob pattern was not answered in bounded time"
sec_assert_served "after the glob patterns"
exit 0

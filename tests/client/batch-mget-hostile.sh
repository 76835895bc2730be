#!/usr/bin/env bash
# mget against a hostile listing (tests/tools/hostile_ftpd.py traversal,
# MLSD and LIST): names such as "../escape1.txt", an absolute path,
# "a/../../escape3.txt", "." and ".." never match a wildcard, so nothing
# is written outside the target; "ok.txt" arrives with its bytes.
. "$(dirname "$0")/../lib.sh"

[ -x "$FORKFTP" ] || skip "no forkftp binary"
snap() {
	find "$T" \( -path "$T/work/a/b" -o -path "$T/meta" \) -prune -o -print |
		grep -v -e "^$T/time\." -e "^$T/hostile\." | sort
}
mkdir -p "$T/meta"
for m in "" --no-mlsd; do
	what="mget ${m:-(MLSD)}"
	rm -rf "$T/work"
	mkdir -p "$T/work/a/b/dl"
	sec_hostile_server traversal $m
	snap >"$T/meta/before"
	cd "$T/work/a/b" || fail "cd"
	sec_client_peak "$T/meta/out" "$T/meta/err" 'mget -O dl "d/*" "d/.*"; mget "d/*[0-9].txt" "d/*"' 10
	cd "$TOP" || fail "cd"
	[ "$CLIENT_RC" -lt 128 ] || fail "$what: forkftp died ($CLIENT_RC): $(tail -c 300 "$T/meta/err")"
	[ "$CLIENT_RC" != 0 ] || fail "$what: \"d/.*\" matched something: $(cat "$T/meta/err")"
	assert_match 'mget d/\.\*: no files found' "$(cat "$T/meta/err")" "$what: dot pattern"
	[ ! -e "$HOSTILE_PF.abs" ] || fail "$what: the client wrote the absolute path $HOSTILE_PF.abs"
	snap >"$T/meta/after"
	diff "$T/meta/before" "$T/meta/after" >"$T/meta/d" ||
		fail "$what: files appeared outside the target: $(grep '^>' "$T/meta/d" | head)"
	assert_eq "dl
dl/ok.txt
ok.txt" "$(cd "$T/work/a/b" && find . -mindepth 1 -printf '%P\n' | sort)" "$what: files written"
	assert_eq EVIL "$(cat "$T/work/a/b/dl/ok.txt")" "$what: ok.txt content"
done

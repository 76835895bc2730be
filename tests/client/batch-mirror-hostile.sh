#!/usr/bin/env bash
# mirror against a hostile listing (tests/tools/hostile_ftpd.py traversal,
# MLSD and LIST): names such as "../escape1.txt", an absolute path,
# "a/../../escape3.txt", ".", ".." and a directory "../escapedir" are
# never used, so nothing is written or removed outside LOCAL (files
# planted where those names lead stay as they were), "ok.txt" arrives
# with its bytes and --delete removes only the stale file inside LOCAL.
# mirror -R --delete never names such an entry in DELE or RMD.
. "$(dirname "$0")/../lib.sh"

[ -x "$FORKFTP" ] || skip "no forkftp binary"
# Everything under $T/work but LOCAL (dl): names, sizes, mtimes.
snap() {
	(cd "$T/work" && find . -path ./a/b/dl -prune -o -printf '%P %y %s %T@\n' | sort)
}
mkdir -p "$T/meta"
for m in "" --no-mlsd; do
	what="mirror ${m:-(MLSD)}"
	rm -rf "$T/work"
	mkdir -p "$T/work/a/b/dl/sub" "$T/work/a/b/src"
	for f in a/escape1.txt a/b/escape1.txt escape2.txt a/escape2.txt \
	    a/escape3.txt a/b/escape3.txt; do
		printf 'mine\n' >"$T/work/$f"
	done
	printf 'stale\n' >"$T/work/a/b/dl/stale.txt"
	printf 'stale\n' >"$T/work/a/b/dl/sub/x.txt"
	sec_hostile_server traversal $m
	snap >"$T/meta/before"
	cd "$T/work/a/b" || fail "cd"
	timeout 120 "$FORKFTP" -t 10 -e 'mirror --delete d dl' \
	    "ftp://127.0.0.1:$HOSTILE_PORT/" >"$T/meta/out" 2>"$T/meta/err"
	rc=$?
	cd "$TOP" || fail "cd"
	[ "$rc" = 0 ] || fail "$what: forkftp failed ($rc): $(tail -c 300 "$T/meta/err")"
	[ ! -e "$HOSTILE_PF.abs" ] || fail "$what: the client wrote the absolute path $HOSTILE_PF.abs"
	snap >"$T/meta/after"
	diff "$T/meta/before" "$T/meta/after" >"$T/meta/d" ||
		fail "$what: files changed outside LOCAL: $(head "$T/meta/d")"
	assert_eq "ok.txt" "$(cd "$T/work/a/b/dl" && find . -mindepth 1 -printf '%P\n' | sort)" \
	    "$what: files in LOCAL"
	assert_eq EVIL "$(cat "$T/work/a/b/dl/ok.txt")" "$what: ok.txt content"
	assert_eq "get ok.txt
rm stale.txt
rm sub/x.txt
rmdir sub" "$(grep -E '^(get|rm|rmdir) ' "$T/meta/out" | LC_ALL=C sort)" "$what: output"

	# Upload side: an empty LOCAL against d: only d/ok.txt may be named.
	cd "$T/work/a/b" || fail "cd"
	timeout 120 "$FORKFTP" -v -t 10 -e 'mirror -R --delete src d' \
	    "ftp://127.0.0.1:$HOSTILE_PORT/" >"$T/meta/out" 2>"$T/meta/err"
	cd "$TOP" || fail "cd"
	assert_eq "-> DELE d/ok.txt" "$(grep -E '^-> (DELE|RMD|STOR|MKD|RNFR|RNTO|MFMT)' "$T/meta/err")" \
	    "$what -R: commands that change the server"
done

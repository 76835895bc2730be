#!/usr/bin/env bash
# A hostile server cannot make the client write outside the download
# target (the scp CVE-2018-20685 / wget class): a recursive get of a
# directory whose listing (MLSD and LIST) names "../escape1.txt",
# "../../escape2.txt", an absolute path, "a/../../escape3.txt", ".", ".."
# and a directory "../escapedir".  Nothing may appear anywhere but under
# the target; "ok.txt" lands there with its bytes.  The same in the TUI:
# open "d", mark everything (*), copy (c) into the local pane.
. "$(dirname "$0")/../lib.sh"

[ -x "$FORKFTP" ] || skip "no forkftp binary"
n=0
M=$T/meta
mkdir -p "$M"
# everything under $T but the target, our notes, the server's files and
# the TUI's own recent-servers list (tests/lib.sh puts it under $T)
snap() {
	find "$T" \( -path "$T/work/a/b/dl" -o -path "$M" -o \
	    -path "$XDG_STATE_HOME" -o -path "$XDG_CONFIG_HOME" \) -prune -o -print |
		grep -v -e "^$T/time\." -e "^$T/hostile\." -e "^$T/tmux" -e "^$T/tui\." | sort
}
for m in "" --no-mlsd; do
	what="get -r ${m:-(MLSD)}"
	rm -rf "$T/work"
	mkdir -p "$T/work/a/b/dl"
	sec_hostile_server traversal $m
	snap >"$M/before"
	cd "$T/work/a/b" || exit 1
	sec_client_peak "$M/out" "$M/err" 'get -r d dl' 10
	cd "$TOP" || exit 1
	[ "$CLIENT_RC" -lt 128 ] || fail "$what: forkftp died ($CLIENT_RC): $(tail -c 300 "$M/err")"
	[ ! -e "$HOSTILE_PF.abs" ] || fail "$what: the client wrote the absolute path $HOSTILE_PF.abs"
	snap >"$M/after"
	diff "$M/before" "$M/after" >"$M/d" ||
		fail "$what: files appeared outside the target: $(grep '^>' "$M/d" | head)"
	f=$(find "$T/work/a/b/dl" -name ok.txt | head -1)
	[ -n "$f" ] || fail "$what: ok.txt was not downloaded: $(find "$T/work/a/b/dl"; head -c 300 "$M/err")"
	assert_eq EVIL "$(cat "$f")" "$what: ok.txt content"
	note "$what: exit $CLIENT_RC, in the target: $(cd "$T/work/a/b/dl" && find . -mindepth 1 | tr '\n' ' ')"
	n=$((n + 1))
done

if command -v tmux >/dev/null; then
	rm -rf "$T/work"
	mkdir -p "$T/work/a/b/dl"
	sec_hostile_server traversal
	snap >"$M/before"
	st=$M/tui.status
	tmux_start 120 30 sh -c 'cd "$1" && shift && "$@"; echo $? >"$0"' \
		"$st" "$T/work/a/b/dl" "$FORKFTP" "ftp://127.0.0.1:$HOSTILE_PORT/"
	wait_screen 'd/ ' 30
	tmux_keys Enter
	wait_screen 'ok\.txt' 30
	tmux_keys '*' c Enter
	wait_screen 'done [1-9]' 30
	tmux_keys q
	wait_until 30 test -s "$st" || fail "TUI: forkftp did not quit"
	assert_eq 0 "$(cat "$st")" "TUI exit status"
	snap >"$M/after"
	diff "$M/before" "$M/after" >"$M/d" ||
		fail "TUI copy: files appeared outside the local pane's directory: $(grep '^>' "$M/d" | head)"
	assert_eq EVIL "$(cat "$T/work/a/b/dl/ok.txt" 2>&1)" "TUI copy: ok.txt"
	n=$((n + 1))
fi
sec_tried "$n recursive downloads (batch MLSD, batch LIST, TUI) of a listing with 8 escaping names"
exit 0

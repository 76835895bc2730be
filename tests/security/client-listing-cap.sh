#!/usr/bin/env bash
# The client against a listing that never ends (hostile_ftpd.py infinite,
# as MLSD and as LIST): ls, get -r and mirror stop at the listing limits
# (--max-list-entries, --max-list-bytes) with an error naming the limit,
# the session stays usable (pwd still answers after it), and memory
# stays bounded.  The limits apply to finite listings too, and raising
# one lets a listing through.  (The defaults, 10,000,000 entries and
# 1 GiB, let client-million.sh's 1,000,000 entries through.)
. "$(dirname "$0")/../lib.sh"

[ -x "$FORKFTP" ] || skip "no forkftp binary"
mkdir -p "$T/dl"
cd "$T/dl" || fail "cd"

# run CMDS OPTIONS...: forkftp -k in batch mode; sets RC and KB (peak RSS).
run() {
	local cmds=$1
	shift
	/usr/bin/time -v -o "$T/time" timeout 120 "$FORKFTP" -t 30 -k "$@" \
	    -e "$cmds" "ftp://127.0.0.1:$HOSTILE_PORT/" >"$T/out" 2>"$T/err"
	RC=$?
	KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$T/time")
}

for m in "" --no-mlsd; do
	sec_hostile_server infinite $m
	for c in 'ls -l /' 'get -r / tree' 'mirror / mirrored'; do
		for lim in "--max-list-entries 20000:after 20000 entries (--max-list-entries" \
		    "--max-list-bytes 2M:after 2097152 bytes (--max-list-bytes"; do
			what="${m:-MLSD} '$c' ${lim%%:*}"
			run "$c; pwd" ${lim%%:*}
			[ "$RC" != 124 ] || fail "$what: never ended"
			[ "$RC" != 0 ] || fail "$what: succeeded"
			grep -qF "listing stopped ${lim#*:}" "$T/err" ||
				fail "$what: no limit error: $(head -c 600 "$T/err")"
			grep -qx '/' "$T/out" ||
				fail "$what: the session was not usable after it: $(head -c 300 "$T/out")"
			[ "$KB" -lt 131072 ] || fail "$what: peak RSS $KB KiB (limit 128 MiB)"
			note "$what: stopped, pwd answered, peak RSS $KB KiB"
		done
	done
done

# The browser: the remote pane stops at the limit, says so, and the
# session goes on (q quits with 0).
if command -v tmux >/dev/null; then
	sec_hostile_server infinite
	TMUX_SOCK=forkftp-cap-$$
	mkdir -p "$T/local"
	tmux_start 120 30 sh -c 'cd "$1" && shift && "$@"; echo $? >"$0"' \
	    "$T/tui.status" "$T/local" "$FORKFTP" --max-list-entries 20000 \
	    "ftp://127.0.0.1:$HOSTILE_PORT/"
	wait_screen 'listing stopped after 20000 entries' 60
	tmux_keys q
	wait_until 30 test -s "$T/tui.status" || fail "TUI: q did not quit: $(tmux_screen | tail -5)"
	assert_eq 0 "$(cat "$T/tui.status")" "TUI exit status after a stopped listing"
	_tmux kill-server 2>/dev/null
	note "TUI: the remote pane stopped at 20000 entries, said so, quit with 0"
else
	note "no tmux: the browser round is skipped"
fi

# A finite listing (16 entries): a limit below it stops it, one above not.
sec_hostile_server escapes
run 'ls /' --max-list-entries 10
[ "$RC" != 0 ] && grep -qF 'listing stopped after 10 entries' "$T/err" ||
	fail "16 entries under --max-list-entries 10: rc $RC, $(head -c 300 "$T/err")"
run 'ls /' --max-list-entries 100
[ "$RC" = 0 ] || fail "16 entries under --max-list-entries 100: rc $RC, $(head -c 300 "$T/err")"
run 'ls /' --max-list-entries 0 --max-list-bytes 0
[ "$RC" = 0 ] || fail "no limits: rc $RC, $(head -c 300 "$T/err")"
exit 0

#!/usr/bin/env bash
# The TUI's screen code against hostile listings (tests/tools/hostile_ftpd.py,
# served as MLSD and LIST): names with CSI/OSC/DCS/C1 sequences, 10,000-
# character names and targets, lines missing fields, 1,000,000 entries.
# forkftp runs in tmux, the remote pane is scrolled through (j, G, g,
# PageDown) and quit with q: exit status 0, ASan-clean, and none of the
# sequences took effect: the pane title is not the one an OSC 0 in a name
# would set, tmux did not switch to another screen, the window did not
# clear (the entries stay on screen).
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"
[ -x "$FORKFTP" ] || skip "no forkftp binary"

runs=0
for mode in ${SEC_TUI_MODES:-escapes long missing million}; do
	for m in "" --no-mlsd; do
		what="$mode ${m:-(MLSD)}"
		sec_hostile_server "$mode" $m
		TMUX_SOCK=forkftp-sec-$$-$runs
		# The exit status goes to a file: tmux sometimes reaps late.
		st=$T/status.$runs
		mkdir -p "$T/local"
		tmux_start 100 30 sh -c 'cd "$1" && shift && "$@"; echo $? >"$0"' \
			"$st" "$T/local" "$FORKFTP" "ftp://127.0.0.1:$HOSTILE_PORT/"
		case $mode in
		escapes) want='ok1';;
		long) want='ok1LLLL';;
		missing) want='ok[23]fine';;
		million) want='f0000001';;
		esac
		wait_screen "$want" 60
		tmux_keys Tab
		for k in j j j j j G g PageDown PageDown End Home; do tmux_keys "$k"; done
		sleep 0.3
		s=$(tmux_screen)
		title=$(_tmux display-message -t t -p '#{pane_title}')
		case $title in *pwned*|*pwd*|*target*|*'x'*[![:print:]]*)
			fail "$what: an OSC sequence in a name set the pane title to [$title]";;
		esac
		[ "$(_tmux display-message -t t -p '#{alternate_on}')" = 1 ] ||
			note "$what: (not in the alternate screen: curses did not use it)"
		printf '%s' "$s" | grep -q "$want" || printf '%s' "$s" | grep -q 'ok\|f0\|plain' ||
			fail "$what: the listing vanished from the screen after scrolling: $s"
		t0=$SECONDS
		tmux_keys q
		pp=$(_tmux display-message -t t -p '#{pane_pid}')
		wait_until 60 test -s "$st" ||
			fail "$what: forkftp did not quit on q within 60 s: $(ps -o pid=,stat=,wchan:20=,args= -p "$pp" --ppid "$pp"; tmux_screen | tail -5; tail -c 300 "$T/tui.stderr")"
		TUI_STATUS=$(cat "$st")
		note "$what: listing shown, scrolled, quit in $((SECONDS - t0)) s"
		[ "$TUI_STATUS" = 0 ] || fail "$what: exit status $TUI_STATUS; stderr: $(head -c 400 "$T/tui.stderr")"
		_tmux kill-server 2>/dev/null
		runs=$((runs + 1))
	done
done
sec_tried "$runs hostile listings browsed in the TUI (escapes, 10,000-char names, missing fields, 1,000,000 entries; MLSD and LIST)"
exit 0

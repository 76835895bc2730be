#!/usr/bin/env bash
# A hostile bookmarks file (escape sequences raw and percent-encoded in
# names and hosts, invalid UTF-8, wide characters, a 1 MB line, 100k
# lines) and a history file of random bytes: the list opens, shows the
# first 1000 entries with control characters as '?', the screen and the
# terminal title stay intact, and forkftp quits normally.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

export HOME=$T/home XDG_CONFIG_HOME=$T/config XDG_STATE_HOME=$T/state
mkdir -p "$HOME" "$XDG_CONFIG_HOME/forkftp" "$XDG_STATE_HOME/forkftp"
BM=$XDG_CONFIG_HOME/forkftp/bookmarks HIST=$XDG_STATE_HOME/forkftp/history

{
	printf 'raw\033]0;pwned\007\033[2Jclear\th1\t21\tu\t/d\n'
	printf 'enc%%1B[31mred%%1b]2;pwned%%07\th%%1B[Hhost\t21\tu\t/\n'
	printf 'bad\377\376utf8\th3\t21\tu\t/\n'
	printf 'wide%s\th4\t21\tu\t/%s\n' "$(printf '日本語%.0s' {1..20})" \
		"$(printf 'dir/%.0s' {1..300})"
	printf 'cr\rname\th5\t21\tu\t/\n'
	head -c 1048576 /dev/zero | tr '\0' 'x'
	printf '\tbig\t21\tu\t/\n'
	printf 'bad port\th\t99999\tu\t/\n'
	printf 'no tabs at all\n'
	seq 0 99999 | sed 's/.*/n&\th\t21\tu\t\/&/'
} >"$BM"
head -c 100000 /dev/urandom >"$HIST"
chmod 600 "$BM" "$HIST"

tui_start
wait_screen 'Connect to an FTP server'
tmux_keys Escape b
wait_screen 'bookmarks and recent servers' 20
wait_screen 'q/Esc close'
s=$(tmux_screen)
assert_match '^ bookmarks and recent servers' "$(printf '%s\n' "$s" | head -1)" \
	"header on the first row"
assert_match 'raw\?\]0;pwned\?\?\[2Jclear' "$s" "raw escapes shown as ?"
assert_match 'enc\?\[31mred\?\]2;pwned\?' "$s" "decoded escapes shown as ?"
assert_match 'u@h\?\[Hhost:21' "$s" "escape in a host shown as ?"
assert_match 'bad\?\?utf8' "$s" "invalid UTF-8 shown as ?"
assert_match 'wide日本語' "$s" "wide characters shown"
# A raw CR in a field could never reach a server: the line is skipped.
case $s in *big*|*'bad port'*|*'no tabs'*|*name*h5*) fail "a bad line was listed";; esac
title=$(tmux -L "$TMUX_SOCK" display -p -t t '#{pane_title}')
case $title in *pwned*) fail "the terminal title was set: $title";; esac
# Every row within the window: nothing wrapped or scrolled the screen.
assert_eq 30 "$(printf '%s\n' "$s" | wc -l)" "rows on screen"
assert_match 'q/Esc close' "$(printf '%s\n' "$s" | tail -1)" "hint on the last row"
# 1000 entries at most: 4 hostile ones, then n0 to n995.
tmux_keys End
wait_screen '> +n995 '
s=$(tmux_screen)
case $s in *n996*) fail "more than 1000 entries read";; esac
tmux_keys Home
wait_screen '> +raw'
tmux_keys q q
tmux_exited 10
assert_eq 0 "$TUI_STATUS" "exit status"

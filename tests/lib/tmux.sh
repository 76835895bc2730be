# Helpers to drive forkftp in a private, detached tmux server (the way
# tmux's own regress suite tests itself): a fixed-size window, keys in,
# screen text out with capture-pane.  Every wait is bounded polling.
#
#   tmux_start W H CMD...   start CMD in a W x H window (LANG=C.UTF-8)
#   tmux_keys KEY...        tmux send-keys (names like Enter, F5, Escape)
#   tmux_type TEXT          send TEXT literally
#   tmux_screen             the visible screen as text
#   wait_screen REGEX [SECS]    until the screen matches (fails otherwise)
#   wait_screen_not REGEX [SECS]
#   tmux_resize W H
#   tmux_exited [SECS]      until the program ended; its status in TUI_STATUS
TMUX_SOCK=forkftp-$$

_tmux() { tmux -L "$TMUX_SOCK" "$@"; }

tmux_start() {
	local w=$1 h=$2; shift 2
	local cmd
	cmd=$(printf '%q ' "$@")
	rm -f "$T/tui.status"
	# Set before the program starts, so its exit status is never lost.
	printf 'set -gw remain-on-exit on\nset -g status off\n' >"$T/tmux.conf"
	_tmux -f "$T/tmux.conf" new-session -d -s t -x "$w" -y "$h" \
		-e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 -e TERM=screen-256color \
		-e "ASAN_OPTIONS=$ASAN_OPTIONS" -e "UBSAN_OPTIONS=$UBSAN_OPTIONS" \
		"$cmd 2>>$T/tui.stderr; echo \$? >$T/tui.status" ||
		fail "tmux did not start"
	t_defer "tmux -L $TMUX_SOCK kill-server"
}

tmux_keys() { _tmux send-keys -t t "$@"; }
tmux_type() { _tmux send-keys -t t -l -- "$1"; }
tmux_screen() { _tmux capture-pane -t t -p; }

_screen_has() { tmux_screen | grep -Eq -- "$1"; }

wait_screen() {
	wait_until "${2:-10}" _screen_has "$1" && return 0
	echo "--- screen ---"; tmux_screen; echo "--------------"
	[ -s "$T/tui.stderr" ] && { echo "stderr:"; head -20 "$T/tui.stderr"; }
	fail "screen never showed /$1/"
}

wait_screen_not() {
	wait_until "${2:-10}" _not_screen_has "$1" && return 0
	echo "--- screen ---"; tmux_screen; echo "--------------"
	fail "screen still shows /$1/"
}
_not_screen_has() { ! _screen_has "$1"; }

tmux_resize() { _tmux resize-window -t t -x "$1" -y "$2"; }

# The exit status comes from the shell that ran the program: tmux may
# mark a pane dead before it has collected the status (or never does).
tmux_exited() {
	wait_until "${1:-10}" test -s "$T/tui.status" ||
		fail "program did not exit (line ${BASH_LINENO[0]}): $(tmux_screen | tail -3)"
	TUI_STATUS=$(cat "$T/tui.status")
}

# tui_start [ARGS...]: forkftp in a 100x30 window, cwd $T/local, trusting
# the forkftpd last started (FTPD_TRUST).
tui_start() {
	mkdir -p "$T/local"
	tmux_start 100 30 sh -c 'cd "$1" && shift && exec "$@"' sh "$T/local" \
	    "$FORKFTP" "${FTPD_TRUST[@]}" "$@"
}

#!/usr/bin/env bash
# The browser's own connection blocks while the server is slow to answer
# (a directory read, mkdir, delete).  Such a wait says so on the status
# line and Esc ends it at once, long before the 30 s timeout; keys typed
# meanwhile are not lost, and the next action reconnects and works.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

mkdir -p "$T/root/adir"
printf 'x\n' >"$T/root/afile.txt"
start_fake mute		# MKD is never answered

tui_start --timeout 30 "$FAKE_URL"
wait_screen 'afile\.txt'

tmux_keys F7
wait_screen 'New directory:'
tmux_type 'never'
tmux_keys Enter
wait_screen 'waiting for 127\.0\.0\.1\.\.\. \(Esc cancels\)' 5
t0=$EPOCHREALTIME
tmux_keys Escape
wait_screen 'cancelled' 5
t1=$EPOCHREALTIME
awk -v a="$t0" -v b="$t1" 'BEGIN { exit !(b - a < 3) }' ||
	fail "Esc took $(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }') s"
wait_screen_not 'waiting for'

# Keys typed during a wait are kept: F7 again, then type ahead "Tab"
# while it waits; after Esc only the wait is gone, not the Tab.
tmux_keys F7
wait_screen 'New directory:'
tmux_type 'again'
tmux_keys Enter
wait_screen 'Esc cancels' 5
tmux_keys Tab
sleep 0.3
tmux_keys Escape
wait_screen 'cancelled' 5
# The Tab was given back and then run: the local pane is active, and
# its title is drawn reversed; check it by switching back with a key
# that only works on the remote side: Enter on adir/ there.
tmux_keys Tab g Enter
wait_screen 'ftp://.*/adir' 10

# The session reconnects for the next action: a refresh works.
tmux_keys r
wait_screen_not 'cancelled' 10
tmux_keys q
tmux_exited 10
[ "$TUI_STATUS" = 0 ] || fail "forkftp exited with $TUI_STATUS"

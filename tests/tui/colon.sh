#!/usr/bin/env bash
# The browser's ':' line: Tab completes a command and a remote name as
# the shell does; "mkdir" runs on the remote pane's session and the pane
# shows the new directory; "ls" prints to the log view; lcd moves the
# local pane; Esc leaves the line without running it.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../lib/tmux.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
sample_files "$T/root"
start_forkftpd --anonymous-write "$T/root"
mkdir -p "$T/local/elsewhere"

tui_start "$FTPD_URL/"
wait_screen 'hello\.txt'

# Esc: nothing runs
tmux_type ':'
tmux_type 'mkdir never'
tmux_keys Escape
sleep 0.3
[ ! -e "$T/root/never" ] || fail "Esc ran the command"

# ":mkd" Tab -> ":mkdir ", then the name
tmux_type ':mkd'
tmux_keys Tab
wait_screen '^:mkdir *$'
tmux_type '"made by colon"'
tmux_keys Enter
wait_until 10 test -d "$T/root/made by colon" || fail "':mkdir' did not create it: $(tmux_screen | tail -3)"
wait_screen '│ made by colon/'
wait_screen 'mkdir: done'

# ":ls sub" Tab -> "sub\ dir/", output in the log view
tmux_type ':ls su'
tmux_keys Tab
wait_screen '^:ls sub\\ dir/ *$'
tmux_keys Enter
wait_screen 'mid\.bin'
wait_screen 'deeper/'
tmux_keys q
wait_screen 'hello\.txt'

# lcd: the local pane follows
tmux_type ':lcd elsewhere'
tmux_keys Enter
wait_screen "local: $T/local/elsewhere"

# a bad command: the failure and the usage, the browser stays
tmux_type ':frobnicate'
tmux_keys Enter
wait_screen 'frobnicate: unknown command'
tmux_keys q
wait_screen 'frobnicate: failed'
tmux_keys q
tmux_exited 10
assert_eq 0 "$TUI_STATUS" "exit status"

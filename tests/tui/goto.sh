#!/usr/bin/env bash
# Ctrl-G opens a "go to" prompt for the active pane, starting with its
# directory; Tab completes the last part of the path from the listing
# (a directory gets its '/'); Enter goes there.  Both panes.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
sample_files "$T/root"
start_forkftpd --anonymous "$T/root"
mkdir -p "$T/local/alpha/beta-dir" "$T/local/alpine"
printf 'x\n' >"$T/local/alpha/beta-dir/in.txt"

tui_start "$FTPD_URL/"
wait_screen 'hello\.txt'
tmux_keys C-g
wait_screen 'Go to \(ftp://127\.0\.0\.1:[0-9]+\): /'
tmux_type 'su'
tmux_keys Tab
wait_screen 'Go to \(ftp://[^)]*\): /sub dir/$'
tmux_type 'de'
tmux_keys Tab
wait_screen 'Go to \(ftp://[^)]*\): /sub dir/deeper/$'
tmux_keys Enter
wait_screen 'leaf\.txt'
wait_screen '/sub dir/deeper'

# Local: a common start first ("alp": alpha and alpine), then one match.
tmux_keys Tab C-g
wait_screen "Go to \\(local\\): $T/local/\$"
tmux_type 'alp'
tmux_keys Tab
wait_screen "Go to \\(local, several matches\\): $T/local/alp\$"
tmux_type 'ha/b'
tmux_keys Tab
wait_screen "Go to \\(local\\): $T/local/alpha/beta-dir/\$"
tmux_keys Enter
wait_screen "local/alpha/beta-dir +│"
wait_screen 'in\.txt'
tmux_keys q
tmux_exited 10
assert_eq 0 "$TUI_STATUS" "exit status"

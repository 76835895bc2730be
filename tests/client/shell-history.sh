#!/usr/bin/env bash
# forkftp -s: the history outlives the shell ($XDG_STATE_HOME/forkftp/
# history-shell, mode 0600): after a restart, Up recalls the last line
# and Ctrl-R finds an older one.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/shell.inc"

D=$T/srv
make_root "$D"
sample_files "$D"
start_forkftpd --anonymous "$D"
H=$XDG_STATE_HOME/forkftp/history-shell

shell_start "$FTPD_URL/"
wait_screen '^forkftp anonymous@127\.0\.0\.1:/>$' 30
shell_type 'size hello.txt'
tmux_keys Enter
wait_screen '^13$'
shell_type 'cd sub\ dir'
tmux_keys Enter
wait_screen '^forkftp anonymous@127\.0\.0\.1:/sub dir>$'
shell_type 'quit'
tmux_keys Enter
tmux_exited 10
tmux -L "$TMUX_SOCK" kill-server
[ -f "$H" ] || fail "no history file $H"
assert_eq 600 "$(stat -c %a "$H")" "history file mode"

shell_start "$FTPD_URL/"
wait_screen '^forkftp anonymous@127\.0\.0\.1:/>$' 30
# Up, Up: "cd sub\ dir" (the quit before it is recalled first)
tmux_keys C-l Up Up
wait_screen '> cd sub\\ dir$'
tmux_keys Enter
wait_screen '^forkftp anonymous@127\.0\.0\.1:/sub dir>$'
# Ctrl-R: search back for "size"
tmux_keys C-l C-r
tmux_type 'size'
wait_screen 'size hello\.txt'
tmux_keys Enter
wait_screen "No such file|not found|550" 10
grep -qx 'size hello.txt' "$H" || grep -q 'size' "$H" ||
	fail "history lacks the line: $(cat "$H")"

#!/usr/bin/env bash
# A, permissions: the prompt starts with the current mode (MLSD UNIX.mode
# remotely, lstat locally); the new mode goes to the current entry or to
# the marked ones, with SITE CHMOD on the server and chmod here; a mode
# that is not octal is refused.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
printf 'r\n' >"$T/root/r.txt"
chmod 644 "$T/root/r.txt"
make_root "$T/root"
mkdir -p "$T/local"
printf 'a\n' >"$T/local/a.txt"
printf 'b\n' >"$T/local/b.txt"
printf 'c\n' >"$T/local/c.txt"
chmod 644 "$T/local/a.txt" "$T/local/b.txt" "$T/local/c.txt"
start_forkftpd --anonymous-write "$T/root"

tui_start "$FTPD_URL/"
wait_screen 'r\.txt'
# Remote pane, cursor on r.txt.
tmux_keys g A
wait_screen 'Mode of r\.txt \(octal\): 644'
tmux_keys C-u
tmux_type 600
tmux_keys Enter
wait_screen 'mode 600 set on 1 entry'
assert_eq 600 "$(stat -c %a "$T/root/r.txt")" "remote mode"
tmux_keys A
wait_screen 'Mode of r\.txt \(octal\): 600'
tmux_keys C-u
tmux_type 9z
tmux_keys Enter
wait_screen 'not an octal mode: 9z'
assert_eq 600 "$(stat -c %a "$T/root/r.txt")" "remote mode after a bad one"

# Local: a.txt and c.txt marked, b.txt left alone.
tmux_keys Tab g
wait_screen 'a\.txt'
tmux_keys j Space j Space
tmux_keys A
wait_screen 'Mode of 2 marked entries \(octal\): 644'
tmux_keys C-u
tmux_type 640
tmux_keys Enter
wait_screen 'mode 640 set on 2 entries'
assert_eq "640 644 640" "$(stat -c %a "$T/local/a.txt" "$T/local/b.txt" "$T/local/c.txt" | xargs)" "local modes"
tmux_keys q
tmux_exited 15

#!/usr/bin/env bash
# Without a URL the connection form opens (host, port, user, password
# masked); a refused login shows the reply and the form again; the right
# credentials connect.  The protocol log masks the password.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
sample_files "$T/root"
start_forkftpd --anonymous-write "$T/root"

tui_start
wait_screen 'Connect to an FTP server'
wait_screen 'not connected'
tmux_type '127.0.0.1'
tmux_keys Tab BSpace BSpace
tmux_type "$FTPD_PORT"
tmux_keys Tab
# A wrong account first: the server refuses it.
tmux_keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
tmux_type 'nosuchuser'
tmux_keys Tab
tmux_type 'sekrit-pw'
wait_screen 'Password +\*{9}'
s=$(tmux_screen)
case $s in *sekrit*) fail "password shown in the form";; esac
tmux_keys Enter
wait_screen '^530 |^[45][0-9][0-9] ' 20
wait_screen 'Connect to an FTP server'
# Now anonymous.
tmux_keys Up
for _ in $(seq 1 12); do tmux_keys BSpace; done
tmux_type 'anonymous'
tmux_keys Enter
wait_screen 'ftp://anonymous@127\.0\.0\.1'
wait_screen 'hello\.txt'
tmux_keys L PPage PPage PPage
wait_screen '> PASS'
s=$(tmux_screen)
case $s in *sekrit*) fail "password in the protocol log";; esac
tmux_keys Escape q
tmux_exited 10

#!/usr/bin/env bash
# Connecting as a new user does (issue 21 item 4): the form's Host field
# takes a whole URL and fills the other fields from it; a bare number is
# not a host; after a failed connect the cursor is in the field at fault
# (Host for a refused connection, Password for a 530); a URL naming a
# user without a password asks for it before the first attempt.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
sample_files "$T/root"
start_forkftpd --anonymous-write "$T/root"
closed=$(free_port)

tui_start
wait_screen 'Connect to an FTP server'
tmux_type '21'
tmux_keys Enter
wait_screen '21 is a port number, not a host'
wait_screen 'Connect to an FTP server'
tmux_keys C-u
tmux_type "ftp://127.0.0.1:$closed/"
tmux_keys Enter
wait_screen 'refused' 20
wait_screen 'Connect to an FTP server'
# The cursor is on Host (filled from the URL): what is typed goes there.
wait_screen "Port +$closed"
tmux_keys C-u
tmux_type "ftp://anonymous@127.0.0.1:$FTPD_PORT/sub%20dir/"
wait_screen 'Host +ftp://anonymous@'
tmux_keys Enter
wait_screen "ftp://anonymous@127\\.0\\.0\\.1:$FTPD_PORT/sub dir"
wait_screen 'mid\.bin'
# A refused login: the cursor in Password.
tmux_keys o
wait_screen 'Connect to an FTP server'
tmux_keys Up
tmux_keys C-u
tmux_type 'nosuchuser'
tmux_keys Tab
tmux_type 'wrong'
tmux_keys Enter
wait_screen '530 ' 20
wait_screen 'Connect to an FTP server'
tmux_type 'xyz'
wait_screen 'Password +\*{8}'
tmux_keys Escape q
tmux_exited 10

# forkftp ftp://alice@host/: the password first, no attempt without it.
: >"$FTPD_LOG.mark"
lines=$(wc -l <"$FTPD_LOG")
tmux -L "$TMUX_SOCK" kill-server
tui_start "ftp://alice@127.0.0.1:$FTPD_PORT/"
wait_screen 'password for alice at 127\.0\.0\.1'
wait_screen 'Connect to an FTP server'
tmux_type 'pw'
wait_screen 'Password +\*\*$|Password +\*\* '
tail -n +"$((lines + 1))" "$FTPD_LOG" | grep -qi 'alice' &&
	fail "a login was tried before the password: $(tail -5 "$FTPD_LOG")"
tmux_keys Escape q
tmux_exited 10
exit 0

#!/usr/bin/env bash
# The browser's ':' line: Ctrl-C during a slow download it runs
# (forkftpd --max-rate) cancels it (ABOR); the browser stays connected and the
# next ':' command runs on the same session.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../lib/tmux.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
head -c 3000000 /dev/urandom >"$T/root/slow.bin"
chmod a+r "$T/root/slow.bin"
start_forkftpd --anonymous-write --max-rate 50000 "$T/root"

tui_start "$FTPD_URL/"
wait_screen 'slow\.bin'
tmux_type ':get slow.bin'
tmux_keys Enter
wait_until 10 sh -c "ls -A '$T/local' | grep -q forkftp" ||
	fail "the download did not start: $(tmux_screen | tail -3)"
wait_screen 'Ctrl-C cancels'
tmux_keys C-c
wait_screen 'interrupted' 10
[ ! -e "$T/local/slow.bin" ] || fail "a cancelled download left slow.bin"
tmux_keys q
tmux_type ':mkdir after'
tmux_keys Enter
wait_until 10 test -d "$T/root/after" || fail "no command after the cancel: $(tmux_screen | tail -3)"
wait_screen '│ after/'

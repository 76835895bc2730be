#!/usr/bin/env bash
# A slow transfer (the server's --max-rate) shows its progress bar with
# percent, done/total, rate and ETA while the browser keeps responding;
# Esc cancels it with ABOR and keeps what arrived under a temporary name,
# which the next copy continues; q while a transfer runs asks first.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
head -c 8000000 /dev/urandom >"$T/root/slow.bin"
printf 'x\n' >"$T/root/small.txt"
make_root "$T/root"
start_forkftpd --anonymous-write --max-rate 500000 "$T/root"

tui_start "$FTPD_URL/"
wait_screen 'slow\.bin'
tmux_keys g F5 Enter
wait_screen 'get slow\.bin +\[#*-+\] +[0-9]+% [0-9.]+[KM]?B?/7\.6M [0-9.]+[KM]?B?/s ETA [0-9]+:[0-9]{2}' 15
wait_screen 'Queue: 1 file, [0-9.]+M left \(0/1 done, ETA [0-9]+:[0-9]{2}\)'
# The UI still answers: move and open the help while bytes flow.
tmux_keys '?'
wait_screen 'forkftp help'
tmux_keys q
wait_screen 'get slow\.bin'
tmux_keys Escape
wait_screen 'slow\.bin: cancelled' 15
wait_screen 'Queue: empty'
ls -A "$T/local" >"$T/left"
assert_eq ".forkftp-part.slow.bin" "$(cat "$T/left")" \
    "only the partial download is left, under its temporary name"

# The log view shows the dialogue, including the ABOR.
tmux_keys L
wait_screen '> ABOR'
tmux_keys L

# An upload cancelled midway leaves nothing on the server either.
head -c 6000000 /dev/urandom >"$T/local/up.bin"
tmux_keys Tab r
wait_screen 'up\.bin'
tmux_keys G F5 Enter
wait_screen 'put up\.bin +\[#*-+\] +[0-9]+%' 15
tmux_keys Escape
wait_screen 'up\.bin: cancelled' 15
wait_until 10 test ! -e "$T/root/up.bin" || fail "partial upload left on the server"
ls -A "$T/root" >"$T/left"
assert_eq "$(printf 'slow.bin\nsmall.txt')" "$(cat "$T/left")" "server tree after the cancelled upload"
rm -f "$T/local/up.bin"
tmux_keys r Tab

# Quit while a transfer runs: asked, n keeps going, y quits.
# The next copy continues the partial (REST) instead of starting over.
tmux_keys g F5 Enter
wait_screen 'get slow\.bin +\['
tmux_keys L
wait_screen '> REST [1-9]'
tmux_keys L
tmux_keys q
wait_screen 'Transfers are running\. Quit and cancel them\? \(y/n\)'
tmux_keys n
wait_screen 'cancelled'
tmux_keys F10
wait_screen 'Quit and cancel them'
tmux_keys y
tmux_exited 15
assert_eq 0 "$TUI_STATUS" "exit status"
ls -A "$T/local" >"$T/left"
assert_eq ".forkftp-part.slow.bin" "$(cat "$T/left")" \
    "after quitting mid-transfer, only the partial for a resume"

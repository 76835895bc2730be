#!/usr/bin/env bash
# The mouse (xterm SGR reports typed into the pane, as a terminal sends
# them): a click selects the pane and the entry, a double click opens a
# directory, the wheel scrolls, a click on the key bar acts as that key,
# a click outside a prompt cancels it.  --no-mouse never asks the
# terminal for mouse reports.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
mkdir -p "$T/root/adir"
printf 'in\n' >"$T/root/adir/inside.txt"
for i in $(seq -w 1 40); do printf '%s\n' "$i" >"$T/root/f$i"; done
make_root "$T/root"
mkdir -p "$T/local"
for i in 1 2 3; do printf '%s\n' "$i" >"$T/local/l$i.txt"; done
start_forkftpd "$T/root"

# kmous in xterm-256color is SGR (1006), the format sent below.
mouse_start() {
	tmux_start 100 30 env TERM=xterm-256color sh -c 'cd "$1" && shift && exec "$@"' \
	    sh "$T/local" "$FORKFTP" "${FTPD_TRUST[@]}" "$@"
}
# press X Y (1-based, as the protocol counts); wheel up|down X Y
# One send-keys each: a report split by the load could be read as Esc.
click() { printf '\e[<0;%s;%sM\e[<0;%s;%sm' "$1" "$2" "$1" "$2"; }
press() { tmux_type "$(click "$1" "$2")"; }
dclick() { tmux_type "$(click "$1" "$2")$(click "$1" "$2")"; }
wheel() { local b=64; [ "$1" = down ] && b=65; tmux_type $'\e'"[<$b;$2;$3M"; }

mouse_start "$FTPD_URL/"
wait_screen '41 entries'
assert_eq 1 "$(_tmux display -p -t t '#{mouse_sgr_flag}')" "SGR mouse reports asked for"

# Rows: 0 and 1 the headers, 2 "..", 3 l1.txt, 4 l2.txt (0-based).
press 5 5
tmux_keys Space
wait_screen '^\*l2\.txt'

# A double click on adir/ (the right pane's first row) opens it.
dclick 60 3
wait_screen 'inside\.txt'
tmux_keys BSpace
wait_screen '41 entries'

# The wheel over the right pane: 10 notches down move 30 rows.
for i in 1 2 3 4 5 6 7 8 9 10; do wheel down 60 10; done
wait_screen_not 'adir/'
wheel up 60 10
tmux_keys Space
wait_screen '[│x]\*f2[0-9] '

# The key bar: F1Help is at the bottom left.
press 2 30
wait_screen 'forkftp help'
tmux_keys q
wait_screen 'f27'

# The queue view: f27 (marked) and f28 downloaded; the cursor starts on
# the last row, a click on the first selects it and Del removes that one.
tmux_keys Space F5 Enter
wait_screen 'done 2, failed 0'
tmux_keys J
wait_screen 'transfer queue: 2 jobs'
# Which finished first is the workers' business: read the first row.
first=$(tmux_screen | sed -n 2p | grep -o '/f2[78]')
other=/f27; [ "$first" = /f27 ] && other=/f28
press 10 2
tmux_keys Delete
wait_screen 'transfer queue: 1 job,'
s=$(tmux_screen)
printf '%s\n' "$s" | grep -q "$other " || fail "the wrong row went: $s"
if printf '%s\n' "$s" | grep -q "$first "; then fail "the clicked row stayed: $s"; fi
tmux_keys Escape

# A prompt (F7, new directory) is cancelled by a click above it.
tmux_keys F7
wait_screen 'New directory:'
tmux_type zz
press 20 10
wait_screen_not 'New directory:'
# Still open, the prompt would take the q as text: it quits instead.
tmux_keys q
tmux_exited 15
test ! -e "$T/root/zz" || fail "the cancelled prompt made a directory"

# --no-mouse: the terminal is not asked for reports.
_tmux kill-session -t t
mouse_start --no-mouse "$FTPD_URL/"
wait_screen '41 entries'
assert_eq 0 "$(_tmux display -p -t t '#{mouse_sgr_flag}')" "no mouse reports asked for"
assert_eq 0 "$(_tmux display -p -t t '#{mouse_any_flag}')" "no mouse tracking asked for"
tmux_keys q
tmux_exited 15

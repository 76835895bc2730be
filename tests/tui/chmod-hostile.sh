#!/usr/bin/env bash
# A against servers that do not play along: one without SITE CHMOD gets a
# clear message; one that answers SITE CHMOD with terminal escapes and a
# line that is no reply does not reach the terminal raw, and the browser
# keeps working.  The mode in the prompt comes from the LIST line here.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"
. "$TOP/tests/lib/fake.sh"

mkdir -p "$T/root"
printf 'x\n' >"$T/root/plain.txt"
printf 'y\n' >"$T/root/zz-garbage.txt"
start_fake sitegarbage

tui_start "$FAKE_URL"
wait_screen 'plain\.txt'
tmux_keys g A
wait_screen 'Mode of plain\.txt \(octal\): 644'
tmux_keys C-u
tmux_type 600
tmux_keys Enter
wait_screen 'this server does not support SITE CHMOD \(it said: .*502'

tmux_keys G A
wait_screen 'Mode of zz-garbage\.txt'
tmux_keys C-u
tmux_type 600
tmux_keys Enter
grep -q 'SITE CHMOD 600 /zz-garbage.txt' "$RAW" || wait_until 10 grep -q 'SITE CHMOD 600 /zz-garbage.txt' "$RAW" ||
	fail "SITE CHMOD never sent: $(cat "$RAW")"
# The line that is no reply is skipped (RFC 959 4.2: a reply starts
# with three digits); the 200 after it counts.
wait_screen 'mode 600 set on 1 entry'
# Its escapes are in the log, made harmless.
tmux_keys L
wait_screen '< 200 .*ok.* done'
# capture-pane shows text only: an OSC 0 that reached the terminal
# would have set the pane's title.
[ "$(_tmux display -p -t t '#{pane_title}')" != owned ] ||
	fail "the server's escape sequence reached the terminal"
tmux_keys L
# Still usable: re-read and move.
tmux_keys r g
wait_screen 'plain\.txt'
tmux_keys q
tmux_exited 15
assert_eq 0 "$TUI_STATUS" "exit status"

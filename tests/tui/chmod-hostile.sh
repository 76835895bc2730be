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
wait_screen 'HACKED|SITE CHMOD|mode 600'
tmux_screen >"$T/screen"
if grep -q $'\e' "$T/screen"; then fail "an escape reached the screen"; fi
# Still usable: re-read and move.
tmux_keys r g
wait_screen 'plain\.txt'
tmux_keys q
tmux_exited 15
assert_eq 0 "$TUI_STATUS" "exit status"

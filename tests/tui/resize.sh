#!/usr/bin/env bash
# The layout follows the terminal: 60x20 still browses, 30x10 says the
# terminal is too small, back to 100x30 restores everything.  NO_COLOR
# leaves only bold/reverse/underline on screen.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
sample_files "$T/root"
start_forkftpd --anonymous-write "$T/root"
mkdir -p "$T/local"
printf 'x\n' >"$T/local/local-file.txt"

tmux_start 100 30 sh -c 'cd "$1" && shift && exec "$@"' sh "$T/local" \
	env NO_COLOR=1 "$FORKFTP" "${FTPD_TRUST[@]}" "$FTPD_URL/"
wait_screen 'hello\.txt'
wait_screen 'F10Quit'
# Colour escape sequences (SGR 30-37, 38;5, 40-47) must not appear.
if tmux -L "$TMUX_SOCK" capture-pane -t t -p -e | grep -Eq $'\e\\[([0-9;]*;)?(3[0-8]|4[0-8])(;[0-9]+)*m'; then
	fail "colours used although NO_COLOR is set: $(tmux -L "$TMUX_SOCK" capture-pane -t t -p -e | grep -Eo $'\e\\[[0-9;]*m' | sort -u | tr '\n' ' ' | cat -v)"
fi

# 80x24, the classic terminal: names, sizes and dates in both panes.
tmux_resize 80 24
wait_screen 'hello\.txt +13B [A-Z][a-z]{2} [ 0-9]{2} '
wait_screen 'local-file\.txt +2B [A-Z][a-z]{2} [ 0-9]{2} .*│'
wait_screen 'F10Quit'

tmux_resize 60 20
wait_until 5 sh -c "[ \"\$(tmux -L $TMUX_SOCK display -t t -p '#{window_width}x#{window_height}')\" = 60x20 ]" ||
	fail "tmux did not resize"
wait_screen 'local-file\.txt'
wait_screen 'hello\.txt'
wait_screen 'F1Help'
s=$(tmux_screen)
maxw=$(printf '%s\n' "$s" | python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in sys.stdin))')
[ "$maxw" -le 60 ] || fail "a line is wider than 60 columns: $maxw"
# The browser still works at this size.
tmux_keys g j Enter
wait_screen 'mid\.bin'
tmux_keys BSpace
wait_screen 'hello\.txt'

tmux_resize 30 10
wait_screen 'terminal too small'
tmux_resize 100 30
wait_screen 'text lines\.txt'
wait_screen 'F10Quit'
wait_screen_not 'terminal too small'
tmux_keys F10
tmux_exited 10
assert_eq 0 "$TUI_STATUS" "exit status"

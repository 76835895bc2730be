#!/usr/bin/env bash
# Both panes list the right entries; into and out of directories on both
# sides; Tab switches the active pane; q quits with status 0.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
sample_files "$T/root"
start_forkftpd --anonymous-write "$T/root"
mkdir -p "$T/local/ldir"
printf 'x\n' >"$T/local/lfile.txt"

tui_start "$FTPD_URL/"
wait_screen 'ftp://anonymous@127\.0\.0\.1'
wait_screen 'hello\.txt'
s=$(tmux_screen)
for n in 'sub dir/' 'empty dir/' 'big\.bin' 'text lines\.txt' 'empty\.txt' \
    'Grüße 日本\.txt' 'ldir/' 'lfile\.txt'; do
	assert_match "$n" "$s" "entry $n listed"
done
assert_match 'big\.bin +3\.0M' "$s" "size of big.bin human-readable"

# The cursor row is drawn in reverse video; j/k move it (only those two
# rows are repainted: the old one must lose its highlight).
cursor_rows() {
	tmux -L "$TMUX_SOCK" capture-pane -t t -p -e |
		grep -E $'\e\\[([0-9]+;)*7(;[0-9]+)*m' | sed -E $'s/\e\\[[0-9;]*m//g'
}
_cursor_on() { cursor_rows | sed 's/.*│//' | grep -Eq "^ *$1"; }
wait_until 5 _cursor_on 'empty dir/' || fail "cursor not on the first remote entry: $(cursor_rows)"
tmux_keys j
wait_until 5 _cursor_on 'sub dir/' || fail "cursor did not move to sub dir: $(cursor_rows)"
assert_eq 1 "$(cursor_rows | grep -c .)" "exactly one highlighted row after j"
tmux_keys k

# The remote pane is active after connecting: go into "sub dir".
tmux_keys g
# Directories are listed first in name order: "empty dir", then "sub dir".
tmux_keys j Enter
wait_screen '/sub dir'
wait_screen 'deeper/'
wait_screen 'mid\.bin'
tmux_keys Enter		# the ".." row is first
wait_screen 'hello\.txt'
tmux_keys l		# the cursor came back on "sub dir"
wait_screen 'mid\.bin'
tmux_keys h
wait_screen 'hello\.txt'

# Tab: the local pane; into ldir and back with Backspace.
tmux_keys Tab g j Enter
wait_screen "local: $T/local/ldir"
tmux_keys BSpace
wait_screen "local: $T/local +"
tmux_keys q
tmux_exited 10
assert_eq 0 "$TUI_STATUS" "exit status after q"

# A URL with a path starts there.
tmux -L "$TMUX_SOCK" kill-server
tui_start "$FTPD_URL/sub%20dir/deeper"
wait_screen 'ftp://anonymous@127\.0\.0\.1:[0-9]+/sub dir/deeper'
wait_screen 'leaf\.txt'
tmux_keys q
tmux_exited 10

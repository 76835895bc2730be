#!/usr/bin/env bash
# = compares the panes: in a prepared pair of trees it marks exactly the
# files missing on the other side, newer (MLSD times) or, with equal
# times, bigger, and directories missing by name, on both sides; the
# status line sums it up; F5 from each side then makes the trees equal
# (checked by content) and a second = finds no differences.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

old='2020-01-02 03:04:05'
new='2024-05-06 07:08:09'
L=$T/local R=$T/root
mkdir -p "$L/both-dir" "$R/both-dir" "$R/r-dir"
make_root "$R"
put() { printf '%s' "$3" >"$1/$2"; touch -d "$4" "$1/$2"; }
put "$L" same.txt 'same' "$old";	put "$R" same.txt 'same' "$old"
put "$L" l-only.txt 'l' "$old"
put "$R" r-only.txt 'r' "$old"
put "$L" l-newer.txt 'NEW' "$new";	put "$R" l-newer.txt 'old' "$old"
put "$L" r-newer.txt 'old' "$old";	put "$R" r-newer.txt 'NEW' "$new"
put "$L" l-bigger.txt 'bigger' "$old";	put "$R" l-bigger.txt 'big' "$old"
put "$R" r-dir/inner.txt 'inner' "$old"
make_root "$R"
start_forkftpd --anonymous-write "$R"

tui_start "$FTPD_URL/"
wait_screen 'r-only\.txt'
# The remote pane is active: "here" is the server.
tmux_keys '='
wait_screen '2 only here, 1 newer here, 1 only there, 1 newer there, 1 bigger there'
s=$(tmux_screen)
marked() { printf '%s\n' "$s" | grep -Eq -- "$1" || { printf '%s\n' "$s"; fail "expected /$1/"; }; }
unmarked() { ! printf '%s\n' "$s" | grep -Eq -- "$1" || { printf '%s\n' "$s"; fail "unexpected /$1/"; }; }
# Left pane rows start the line, right pane rows follow the divider.
marked '^\*l-only\.txt';	marked '^\*l-newer\.txt';	marked '^\*l-bigger\.txt'
marked '│\*r-only\.txt';	marked '│\*r-newer\.txt';	marked '│\*r-dir/'
unmarked '\*same\.txt';	unmarked '\*both-dir';	unmarked '^\*r-newer';	unmarked '│\*l-'
assert_eq 6 "$(printf '%s\n' "$s" | grep -o '\*[a-z-]*\(\.txt\|/\)' | wc -l)" "marked entries"

# F5 from the server, then from the local side; existing ones overwritten.
tmux_keys F5 Enter
wait_screen 'exists'
tmux_keys O
wait_until 15 test -f "$L/r-dir/inner.txt" || fail "r-dir not copied"
wait_screen 'Queue: empty' 15
tmux_keys Tab F5 Enter
wait_screen 'exists'
tmux_keys O
wait_until 15 test -f "$R/l-only.txt" || fail "l-only.txt not uploaded"
wait_screen 'Queue: empty' 15
for f in same.txt l-only.txt r-only.txt l-newer.txt r-newer.txt l-bigger.txt r-dir/inner.txt; do
	wait_until 10 cmp -s "$L/$f" "$R/$f" || fail "$f differs after the sync: [$(cat "$L/$f")] [$(cat "$R/$f")]"
done
assert_eq NEW "$(cat "$R/l-newer.txt")" "the newer local file won"
assert_eq NEW "$(cat "$L/r-newer.txt")" "the newer remote file won"
assert_eq bigger "$(cat "$R/l-bigger.txt")" "the bigger local file won"
tmux_keys r Tab r
tmux_keys '='
wait_screen 'no differences'
tmux_keys q
tmux_exited 15

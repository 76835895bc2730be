#!/usr/bin/env bash
# / filters as you type (Enter keeps, Esc clears), s cycles the sort
# (name, size, time, reversed), . shows dot files.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
mkdir -p "$T/root/zdir"
head -c 3000 /dev/zero >"$T/root/a-mid.dat"
head -c 9000 /dev/zero >"$T/root/b-big.dat"
head -c 10 /dev/zero >"$T/root/c-small.txt"
printf 'h\n' >"$T/root/.hidden"
touch -d '2020-01-01 00:00' "$T/root/b-big.dat"
touch -d '2024-01-01 00:00' "$T/root/c-small.txt"
touch -d '2022-01-01 00:00' "$T/root/a-mid.dat"
make_root "$T/root"
start_forkftpd --anonymous-write "$T/root"

tui_start "$FTPD_URL/"
wait_screen 'c-small\.txt'

# rows of the remote pane, in screen order
order() { tmux_screen | sed -n '3,12p' | sed 's/.*│//' | awk 'NF {print $1}' | tr '\n' ' '; }

assert_eq "zdir/ a-mid.dat b-big.dat c-small.txt " "$(order)" "name order, directories first"
tmux_keys s
wait_screen '\[size\]'
assert_eq "zdir/ b-big.dat a-mid.dat c-small.txt " "$(order)" "size order (biggest first)"
tmux_keys s
wait_screen '\[time\]'
assert_eq "zdir/ c-small.txt a-mid.dat b-big.dat " "$(order)" "time order (newest first)"
tmux_keys s
wait_screen '\[bytes\]'
assert_eq "zdir/ a-mid.dat b-big.dat c-small.txt " "$(order)" "byte order of the names"
tmux_keys s
wait_screen '\[-name\]'
assert_eq "zdir/ c-small.txt b-big.dat a-mid.dat " "$(order)" "reversed name order, directories still first"
tmux_keys s s s s
wait_screen '\[name\]'

tmux_keys .
wait_screen '\.hidden'
tmux_keys .
wait_screen_not '\.hidden'

tmux_keys /
wait_screen 'Filter:'
tmux_type 'da'
wait_screen '2 entries'
assert_eq "a-mid.dat b-big.dat " "$(order)" "filter 'da' as typed"
tmux_keys Enter
wait_screen '/da'		# kept, shown in the pane header
tmux_keys /
tmux_keys Escape
wait_screen '4 entries'
tmux_keys /
tmux_type 'nothing-matches'
wait_screen 'nothing matches the filter'
tmux_keys Escape
wait_screen 'c-small\.txt'
tmux_keys q
tmux_exited 10

#!/usr/bin/env bash
# F5/c copies: download and upload of one file, of a marked set and of a
# directory tree, each compared byte for byte; the destination pane
# refreshes by itself.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
sample_files "$T/root"
start_forkftpd --anonymous-write "$T/root"
mkdir -p "$T/local/up tree/inner" "$T/local/up tree/empty"
head -c 123457 /dev/urandom >"$T/local/up one.bin"
head -c 5000 /dev/urandom >"$T/local/up tree/inner/a.bin"
printf 'b\n' >"$T/local/up tree/b.txt"
printf 'm1\n' >"$T/local/m1.txt"
printf 'm2\n' >"$T/local/m2.txt"

tui_start "$FTPD_URL/"
wait_screen 'hello\.txt'

# Remote order: empty dir/, sub dir/, big.bin, empty.txt, Grüße, hello.txt, text lines.txt
tmux_keys g j j j j j	# hello.txt
tmux_keys F5 Enter
wait_until 10 test -f "$T/local/hello.txt" || fail "hello.txt not downloaded"
wait_until 10 cmp -s "$T/root/hello.txt" "$T/local/hello.txt"
assert_same_file "$T/root/hello.txt" "$T/local/hello.txt"
wait_screen 'hello\.txt +13B.*│'	# the local pane re-read itself

# A marked set: big.bin and text lines.txt (Space marks and moves down).
tmux_keys g j j Space G Space
wait_screen '2 marked'
tmux_keys c Enter
wait_until 20 cmp -s "$T/root/big.bin" "$T/local/big.bin" || fail "big.bin not downloaded"
wait_until 20 cmp -s "$T/root/text lines.txt" "$T/local/text lines.txt" ||
	fail "text lines.txt not downloaded"
wait_screen 'Queue: empty'

# A directory, recursively (with an empty subdirectory... "sub dir" has deeper/).
tmux_keys g j F5 Enter
wait_until 20 test -f "$T/local/sub dir/deeper/leaf.txt" || fail "sub dir not downloaded"
wait_screen 'Queue: empty'
assert_same_tree "$T/root/sub dir" "$T/local/sub dir"

# Uploads from the local pane.  Local order: .., sub dir/, up tree/, big.bin,
# hello.txt, m1.txt, m2.txt, text lines.txt, up one.bin
tmux_keys Tab
wait_screen 'up one\.bin'
tmux_keys G F5 Enter
wait_until 20 cmp -s "$T/local/up one.bin" "$T/root/up one.bin" || fail "upload of one file"
tmux_keys g j j j j j Space Space
wait_screen '2 marked'
tmux_keys F5 Enter
wait_until 20 cmp -s "$T/local/m1.txt" "$T/root/m1.txt" || fail "m1.txt not uploaded"
wait_until 20 cmp -s "$T/local/m2.txt" "$T/root/m2.txt" || fail "m2.txt not uploaded"
tmux_keys g j j c Enter
wait_until 20 test -f "$T/root/up tree/inner/a.bin" || fail "up tree not uploaded"
wait_screen 'Queue: empty'
wait_until 10 test -d "$T/root/up tree/empty" || fail "empty dir of the tree not created"
assert_same_tree "$T/local/up tree" "$T/root/up tree"
wait_screen '│ up tree/'	# the remote pane shows the new folder
wait_screen 'done [0-9]+, failed 0'

# A download the server refuses says why and leaves nothing behind.
printf 'secret\n' >"$T/root/zz-secret.txt"
make_root "$T/root"
chmod 000 "$T/root/zz-secret.txt"
tmux_keys Tab r
wait_screen 'zz-secret\.txt'
tmux_keys G F5 Enter
wait_screen 'download of zz-secret\.txt failed: 5[0-9][0-9] '
wait_screen 'failed 1'
[ ! -e "$T/local/zz-secret.txt" ] || fail "a failed download left zz-secret.txt"
ls -A "$T/local" | grep -q '^\.' && fail "temporary file left: $(ls -A "$T/local")"
tmux_keys q
tmux_exited 10
assert_eq 0 "$TUI_STATUS" "exit status"

#!/usr/bin/env bash
# F6/m moves to the other pane (mc's RenMov): the marked entries or the
# current one are copied like F5 does, and each source goes only after
# its transfer succeeded; a directory goes once it is empty.  A move
# whose transfer fails keeps its source.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
sample_files "$T/root"
mkdir -p "$T/root/ro"
printf 'secret\n' >"$T/root/zz-secret.txt"
make_root "$T/root"
chmod 555 "$T/root/ro"
chmod 000 "$T/root/zz-secret.txt"
start_forkftpd --anonymous-write "$T/root"

mkdir -p "$T/local/ldir/deep" "$T/local/zkeep dir" "$T/orig"
head -c 200000 /dev/urandom >"$T/local/lmove.bin"
head -c 9000 /dev/urandom >"$T/local/ldir/deep/x.bin"
printf 'inner\n' >"$T/local/ldir/inner.txt"
printf 'keep me\n' >"$T/local/keep.txt"
printf 'keep dir\n' >"$T/local/zkeep dir/k.txt"
cp "$T/root/hello.txt" "$T/local/lmove.bin" "$T/orig/"
cp -R "$T/local/ldir" "$T/orig/ldir"

tui_start "$FTPD_URL/"
wait_screen 'hello\.txt'

# Remote -> local.  Remote order: empty dir/, ro/, sub dir/, big.bin,
# empty.txt, Grüße, hello.txt, text lines.txt, zz-secret.txt
tmux_keys g j j j j j j m
wait_screen "Move hello\\.txt to local: $T/local/"
tmux_keys Enter
wait_until 10 test -f "$T/local/hello.txt" || fail "hello.txt not moved here"
wait_until 10 test ! -e "$T/root/hello.txt" || fail "hello.txt still on the server"
assert_same_file "$T/orig/hello.txt" "$T/local/hello.txt"
wait_screen 'Queue: empty'
wait_screen_not '│ hello\.txt.*│.*│'	# gone from the remote pane

# A download that fails keeps the remote source.
tmux_keys G F6
wait_screen 'Move zz-secret\.txt to'
tmux_keys Enter
wait_screen 'download of zz-secret\.txt failed: 5[0-9][0-9] '
[ -e "$T/root/zz-secret.txt" ] || fail "failed move removed the remote source"
[ ! -e "$T/local/zz-secret.txt" ] || fail "failed move left a local file"

# Local -> remote.  Local order: .., ldir/, zkeep dir/, hello.txt,
# keep.txt, lmove.bin
tmux_keys Tab
wait_screen 'lmove\.bin'
tmux_keys G m
wait_screen 'Move lmove\.bin to ftp://127\.0\.0\.1:[0-9]+: /'
tmux_keys Enter
wait_until 20 test ! -e "$T/local/lmove.bin" || fail "local lmove.bin not removed"
assert_same_file "$T/orig/lmove.bin" "$T/root/lmove.bin"

# A directory with its contents; the emptied source directories go.
tmux_keys g j F6
wait_screen 'Move ldir to'
tmux_keys Enter
wait_until 20 test ! -e "$T/local/ldir" || fail "local ldir not removed: $(find "$T/local/ldir")"
assert_same_tree "$T/orig/ldir" "$T/root/ldir"
wait_screen '│ ldir/'		# the remote pane shows it
wait_screen 'Queue: empty'

# Into a directory the server does not let us write: the sources stay.
# The destination is edited in the prompt.  Local order now: ..,
# zkeep dir/, hello.txt, keep.txt
tmux_keys g j Space j j Space
wait_screen '2 marked'
tmux_keys m
wait_screen 'Move 2 marked entries to'
tmux_keys C-u
tmux_type '/ro'
tmux_keys Enter
wait_screen 'upload of (keep\.txt|k\.txt) failed: 5[0-9][0-9] '
wait_screen 'Queue: empty'
sleep 0.3	# the idle queue removes emptied directories: there must be none
[ -f "$T/local/keep.txt" ] || fail "failed move removed keep.txt"
[ -f "$T/local/zkeep dir/k.txt" ] || fail "failed move removed zkeep dir/k.txt"
[ ! -e "$T/root/ro/keep.txt" ] || fail "keep.txt arrived in a read-only directory"
wait_screen 'failed [1-9]'

tmux_keys q
tmux_exited 10
assert_eq 0 "$TUI_STATUS" "exit status"

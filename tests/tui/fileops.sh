#!/usr/bin/env bash
# mkdir (F7/n), rename (F6/m) and delete (F8/Delete, confirmed) on the
# server and on the local side; a refused operation shows the server's
# reply in the status line.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
sample_files "$T/root"
start_forkftpd --anonymous-write "$T/root"
mkdir -p "$T/local/ldir/inner"
printf 'x\n' >"$T/local/ldir/inner/f"
printf 'y\n' >"$T/local/lfile"

tui_start "$FTPD_URL/"
wait_screen 'hello\.txt'

# Remote mkdir.
tmux_keys F7
wait_screen 'New directory:'
tmux_type 'made here'
tmux_keys Enter
wait_until 10 test -d "$T/root/made here" || fail "remote mkdir"
wait_screen '│ made here/'
wait_screen '257 '

# Remote rename: the cursor is on the new directory.  The prompt offers
# the other pane's directory (a move); a plain name renames instead.
tmux_keys m
wait_screen "Move made here to local: $T/local/"
tmux_keys C-u
tmux_type 'made there'
tmux_keys Enter
wait_until 10 test -d "$T/root/made there" || fail "remote rename"
[ ! -e "$T/root/made here" ] || fail "old name still there"
wait_screen '│ made there/'

# Remote delete of a file, with confirmation; n keeps it.
# Order: empty dir/, made there/, sub dir/, big.bin, empty.txt, Grüße, hello.txt, text lines.txt
tmux_keys G F8
wait_screen 'Delete text lines\.txt\? \(y/n\)'
tmux_keys n
sleep 0.2
[ -e "$T/root/text lines.txt" ] || fail "deleted although answered n"
tmux_keys DC
wait_screen 'Delete text lines\.txt\?'
tmux_keys y
wait_until 10 test ! -e "$T/root/text lines.txt" || fail "remote delete"
wait_screen_not 'text lines\.txt'

# Remote delete of a directory with everything in it.
tmux_keys g j j F8
wait_screen 'Delete sub dir and everything in it\?'
tmux_keys y
wait_until 10 test ! -e "$T/root/sub dir" || fail "remote recursive delete"
wait_screen 'deleted 1 entry'

# Refused: a file cannot be created in a missing directory.
tmux_keys n
tmux_type 'no/such/dir'
tmux_keys Enter
wait_screen '^550 '

# Local side: mkdir, rename, recursive delete.
tmux_keys Tab n
tmux_type 'newdir'
tmux_keys Enter
wait_until 10 test -d "$T/local/newdir" || fail "local mkdir"
tmux_keys m
wait_screen 'Move newdir to ftp://127\.0\.0\.1:[0-9]+: /'
tmux_keys C-u
tmux_type 'newDIR'
tmux_keys Enter
wait_until 10 test -d "$T/local/newDIR" || fail "local rename"
wait_screen ' newDIR/'
# Local order: .., ldir/, newDIR/, lfile
tmux_keys g j F8
wait_screen 'Delete ldir and everything in it\?'
tmux_keys y
wait_until 10 test ! -e "$T/local/ldir" || fail "local recursive delete"
tmux_keys q
tmux_exited 10

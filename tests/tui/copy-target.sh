#!/usr/bin/env bash
# F5 and F6 open one target prompt (mc's copy and RenMov dialogs): it
# names the side the path is on and starts with the other pane's
# directory; a name added copies one entry under a new name; a bad
# target (a missing directory, a file name for several entries) is
# explained before anything is transferred, never with an engine
# temporary name.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
sample_files "$T/root"
start_forkftpd --anonymous-write "$T/root"
mkdir -p "$T/local"
printf 'local one\n' >"$T/local/up.txt"

tui_start "$FTPD_URL/"
wait_screen 'hello\.txt'
# Remote: empty dir/, sub dir/, big.bin, empty.txt, Grüße, hello.txt, text lines.txt
tmux_keys g j j j j j F5
wait_screen "Copy hello\\.txt to local: $T/local/"
tmux_type 'renamed.txt'
tmux_keys Enter
wait_until 10 test -f "$T/local/renamed.txt" || fail "copy under a new name missing"
assert_same_file "$T/root/hello.txt" "$T/local/renamed.txt"
[ ! -e "$T/local/hello.txt" ] || fail "copied under the old name too"
wait_screen 'Queue: empty'

# A missing directory on the local side: said, nothing queued.
tmux_keys F5
wait_screen 'Copy hello\.txt to local:'
tmux_keys C-u
tmux_type '/nonexistent-dir/x/'
tmux_keys Enter
wait_screen '/nonexistent-dir/x/ on local: no such directory'
tmux_keys m
wait_screen 'Move hello\.txt to local:'
tmux_keys C-u
tmux_type '/empty dir/greet.txt'
tmux_keys Enter
wait_screen '/empty dir on local: no such directory'
[ -e "$T/root/hello.txt" ] || fail "a refused move removed the source"

# Several entries need a directory.
tmux_keys g j j j Space j Space F5
wait_screen 'Copy 2 marked entries to local:'
tmux_type 'one-file.bin'
tmux_keys Enter
wait_screen 'one-file\.bin on local is not a directory: 2 entries need one'
[ ! -e "$T/local/one-file.bin" ] || fail "a refused copy wrote a file"

# Local -> remote: the prompt names the server; a new name in a remote
# directory.  Local order: .., renamed.txt, up.txt
tmux_keys Tab
wait_screen 'up\.txt'
tmux_keys G F5
wait_screen 'Copy up\.txt to ftp://127\.0\.0\.1:[0-9]+: /'
tmux_keys C-u
tmux_type '/sub dir/uploaded.txt'
tmux_keys Enter
wait_until 10 test -f "$T/root/sub dir/uploaded.txt" || fail "upload under a new name missing"
assert_same_file "$T/local/up.txt" "$T/root/sub dir/uploaded.txt"
# A remote directory that does not exist.
tmux_keys F5
wait_screen 'Copy up\.txt to ftp://'
tmux_keys C-u
tmux_type '/no/such/place.txt'
tmux_keys Enter
wait_screen '/no/such on ftp://127\.0\.0\.1:[0-9]+: no such directory'
tmux_screen >"$T/screen"; grep -q "\.forkftp-" "$T/screen" && fail "an engine temporary name on screen: $(cat "$T/screen")"
tmux_keys q
tmux_exited 10
assert_eq 0 "$TUI_STATUS" "exit status"

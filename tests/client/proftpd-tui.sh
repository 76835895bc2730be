#!/usr/bin/env bash
# The TUI against ProFTPD, a smoke test: it logs in, lists the remote
# directory (MLSD), enters a directory, downloads a file with F5 (compared
# byte for byte) and quits with status 0.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

D=$T/srv/pub
mkdir -p "$T/srv"
make_root "$D"
sample_files "$D"
start_peer proftpd "$D"

tui_start "$PEER_URL"
wait_screen 'ftp://peeruser@127\.0\.0\.1'
wait_screen 'hello\.txt'
s=$(tmux_screen)
for n in 'sub dir/' 'empty dir/' 'big\.bin +3\.0M' 'text lines\.txt' \
    'empty\.txt' 'Grüße 日本\.txt'; do
	assert_match "$n" "$s" "entry $n listed"
done

# Directories first, in name order: "empty dir", "sub dir"; then files.
tmux_keys g j Enter
wait_screen '/sub dir'
wait_screen 'mid\.bin'
tmux_keys Enter		# the ".." row is first
wait_screen 'hello\.txt'
tmux_keys g j j j j j	# hello.txt
tmux_keys F5 Enter
wait_until 10 cmp -s "$D/hello.txt" "$T/local/hello.txt" ||
	fail "hello.txt not downloaded from proftpd: $(tmux_screen | tail -3)"
assert_same_file "$D/hello.txt" "$T/local/hello.txt"

tmux_keys q
tmux_exited
assert_eq 0 "$TUI_STATUS" "exit status after q"

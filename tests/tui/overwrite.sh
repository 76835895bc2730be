#!/usr/bin/env bash
# An existing destination asks: skip keeps it, overwrite replaces it,
# rename stores under a new name; the capital letter answers for the rest
# of the queue.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
sample_files "$T/root"
start_forkftpd --anonymous-write "$T/root"
mkdir -p "$T/local"
printf 'old local\n' >"$T/local/hello.txt"
printf 'old local\n' >"$T/keep"

tui_start "$FTPD_URL/"
wait_screen 'hello\.txt'
# Remote: empty dir/, sub dir/, big.bin, empty.txt, Grüße, hello.txt, text lines.txt
tmux_keys g j j j j j F5 Enter
wait_screen 'hello\.txt exists here \(10B [A-Z][a-z]{2} [ 0-9]{2} [0-9]{2}:[0-9]{2} there, 13B [A-Z][a-z]{2} [ 0-9]{2} [0-9]{2}:[0-9]{2} new\)'
wait_screen '\[o\]verwrite \[r\]esume \[s\]kip re\[n\]ame if ne\[w\]er if size \[d\]iffers'
tmux_keys s
wait_screen 'hello\.txt: skipped'
assert_same_file "$T/keep" "$T/local/hello.txt"

tmux_keys F5 Enter
wait_screen 'hello\.txt exists here'
tmux_keys n
wait_screen 'New name: hello\.txt'
tmux_keys BSpace BSpace BSpace BSpace
tmux_type 'copy.txt'
tmux_keys Enter
wait_until 10 test -f "$T/local/hellocopy.txt" || fail "renamed copy missing"
assert_same_file "$T/root/hello.txt" "$T/local/hellocopy.txt"
assert_same_file "$T/keep" "$T/local/hello.txt"

tmux_keys F5 Enter
wait_screen 'hello\.txt exists here'
tmux_keys o
wait_until 10 cmp -s "$T/root/hello.txt" "$T/local/hello.txt" || fail "not overwritten"
wait_screen 'Queue: empty'

# Overwrite all: two existing files, one answer.
printf 'stale\n' >"$T/local/empty.txt"
printf 'stale\n' >"$T/local/text lines.txt"
tmux_keys g j j j Space G Space F5 Enter
wait_screen 'exists here'
tmux_keys O
wait_until 10 cmp -s "$T/root/empty.txt" "$T/local/empty.txt" || fail "empty.txt not overwritten"
wait_until 10 cmp -s "$T/root/text lines.txt" "$T/local/text lines.txt" ||
	fail "text lines.txt not overwritten"
wait_screen 'Queue: empty'
wait_screen_not 'exists here'

# Upload side: the question says "on the server"; resume completes a short file.
head -c 3000000 "$T/root/big.bin" >"$T/local/big.bin"
tmux_keys Tab r
wait_screen 'big\.bin +2\.9M'
tmux_keys g j F5 Enter
wait_screen 'big\.bin exists on the server'
tmux_keys s
wait_screen 'big\.bin: skipped'
# Download resume: the local big.bin is a prefix of the remote one.
tmux_keys Tab g j j F5 Enter
wait_screen 'big\.bin exists here \(2\.9M .* there, 3\.0M .* new\)'
tmux_keys r
wait_until 20 cmp -s "$T/root/big.bin" "$T/local/big.bin" || fail "resume did not complete big.bin"
wait_screen 'Queue: empty \| done 5'
tmux_keys L
wait_screen '> REST 3000000'
tmux_keys q q
tmux_exited 10

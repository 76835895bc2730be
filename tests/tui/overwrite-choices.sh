#!/usr/bin/env bash
# The overwrite question (issue 21 item 6): it shows the path below the
# copy's root, both sizes and times; "if newer" and "if size differs"
# overwrite or skip by comparing them; resume is not offered for a
# target larger than the source; keys typed ahead of the question are
# neither an answer nor a browser command.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
sample_files "$T/root"
touch -d '2020-01-02 03:04:05' "$T/root/hello.txt"
start_forkftpd --anonymous-write "$T/root"
mkdir -p "$T/local/sub dir"
printf 'HELLO, WORLD\n' >"$T/local/hello.txt"	# same size, newer
printf 'stale\n' >"$T/local/empty.txt"
touch -d '2019-05-06 07:08:09' "$T/local/empty.txt"	# older
head -c 3145738 /dev/urandom >"$T/local/big.bin"	# 10 bytes larger
printf 'old mid\n' >"$T/local/sub dir/mid.bin"
cp "$T/local/hello.txt" "$T/hello.keep"
cp "$T/local/big.bin" "$T/big.keep"

tui_start "$FTPD_URL/"
wait_screen 'hello\.txt'
# Remote: empty dir/, sub dir/, big.bin, empty.txt, Grüße, hello.txt, text lines.txt

# Typed ahead: the o after F5 Enter neither answers nor opens the form.
tmux_keys g j j j j j F5 Enter o
wait_screen 'hello\.txt exists here \(13B [A-Z][a-z]{2} [ 0-9]{2} [0-9]{2}:[0-9]{2} there, 13B Jan 02 +2020 new\)'
wait_screen_not 'Enter: connect'
tmux_keys d
wait_screen 'hello\.txt: skipped: same size'
assert_same_file "$T/hello.keep" "$T/local/hello.txt"
tmux_keys F5 Enter
wait_screen 'hello\.txt exists here'
tmux_keys w
wait_screen 'hello\.txt: skipped: not newer'
assert_same_file "$T/hello.keep" "$T/local/hello.txt"

# If newer: the server's empty.txt is newer than the local one.
tmux_keys k k F5 Enter
wait_screen 'empty\.txt exists here'
tmux_keys w
wait_until 10 cmp -s "$T/root/empty.txt" "$T/local/empty.txt" || fail "newer empty.txt not copied"

# A larger target: no resume offered, r does nothing.
tmux_keys k F5 Enter
wait_screen 'big\.bin exists here \(3\.0M .* there, 3\.0M .* new\)'
wait_screen '\[o\]verwrite \[s\]kip'
tmux_keys r
wait_screen 'big\.bin exists here'
tmux_keys s
wait_screen 'big\.bin: skipped'
assert_same_file "$T/big.keep" "$T/local/big.bin"

# A recursive copy names the path below its root; D: size differs, all.
tmux_keys k F5 Enter
wait_screen 'sub dir/mid\.bin exists here'
tmux_keys D
wait_until 10 cmp -s "$T/root/sub dir/mid.bin" "$T/local/sub dir/mid.bin" ||
	fail "mid.bin (size differs) not copied"
wait_screen 'Queue: empty'
tmux_keys q
tmux_exited 10
assert_eq 0 "$TUI_STATUS" "exit status"

#!/usr/bin/env bash
# forkftp -s: Ctrl-C during a slow download (forkftpd --max-rate) cancels
# it (ABOR) and gives the prompt back; the session still answers pwd, the
# local file the download would have replaced is untouched and no
# temporary file is left.  A Ctrl-C at the empty prompt changes nothing;
# Ctrl-D leaves.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/shell.inc"

D=$T/srv
make_root "$D"
head -c 3000000 /dev/urandom >"$D/slow.bin"
chmod a+r "$D/slow.bin"
start_forkftpd --anonymous --max-rate 50000 "$D"
mkdir -p "$T/local"
printf 'the old copy\n' >"$T/local/slow.bin"
cp "$T/local/slow.bin" "$T/old"

shell_start -v "$FTPD_URL/"
wait_screen '^forkftp anonymous@127\.0\.0\.1:/>$' 30
# replacing a local file takes -f where get keeps existing files by default
force=
"$FORKFTP" --help | grep -q 'get \[-c|-f\]' && force=-f
shell_type "get $force slow.bin"
tmux_keys Enter
# the progress line: "slow.bin  120K / 3.0M  4%  50K/s ..."
wait_screen '^slow\.bin .*%' 20
tmux_keys C-c
wait_screen '^forkftp anonymous@127\.0\.0\.1:/>$' 10
wait_screen 'interrupted'
wait_screen '^-> ABOR'
assert_same_file "$T/old" "$T/local/slow.bin"
# a partial download may be kept aside for a later -c, never in place
ls -A "$T/local" | grep -v -e '^slow\.bin$' -e '^\.forkftp-part\.slow\.bin$' &&
	fail "left in the local directory: $(ls -A "$T/local")"

shell_type 'pwd'
tmux_keys Enter
wait_screen '^/$'
# Ctrl-C at the prompt, then a command still runs
tmux_keys C-l C-c
shell_type 'ls'
tmux_keys Enter
wait_screen '^slow\.bin$'
tmux_keys C-d
tmux_exited 10
assert_eq 0 "$TUI_STATUS" "exit status after Ctrl-D"

#!/usr/bin/env bash
# forkftp -s over FTPS meets forkftpd's self-made certificate without a
# pin: the facts and the fingerprint at the prompt; Enter rejects, o
# trusts once (nothing pinned), a pins it in known_hosts.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/shell.inc"
command -v tmux >/dev/null || skip "tmux not installed"

D=$T/srv
make_root "$D"
sample_files "$D"
start_forkftpd --anonymous "$D"
FTPD_TRUST=()		# this test is about what happens without it
KH=$XDG_STATE_HOME/forkftp/known_hosts
URL=ftpes://127.0.0.1:$FTPD_PORT/

# ask_shown: the question with the certificate's facts.
ask_shown() {
	wait_screen "certificate of 127\\.0\\.0\\.1:$FTPD_PORT cannot be verified: self-signed" 30
	wait_screen "SHA-256: +${FTPD_FP:0:30}"
	wait_screen 'Trust it\? o: once, a: always \(pin it\), r: reject \[r\]'
}

shell_start "$URL"
ask_shown
tmux_keys Enter
wait_screen 'certificate rejected'
wait_screen '^forkftp>'
[ ! -e "$KH" ] || fail "a rejected certificate was pinned"
tmux_keys C-d
tmux_exited 10

tmux -L "$TMUX_SOCK" kill-server 2>/dev/null || true
shell_start "$URL"
ask_shown
tmux_type o
tmux_keys Enter
wait_screen '^forkftp anonymous@127\.0\.0\.1:/>$' 30
shell_type 'ls'
tmux_keys Enter
wait_screen 'hello\.txt'
[ ! -e "$KH" ] || fail "'once' pinned the certificate"
tmux_keys C-d
tmux_exited 10

tmux -L "$TMUX_SOCK" kill-server 2>/dev/null || true
shell_start "$URL"
ask_shown
tmux_type a
tmux_keys Enter
wait_screen '^forkftp anonymous@127\.0\.0\.1:/>$' 30
grep -qx "127.0.0.1:$FTPD_PORT sha256:$(printf '%s' "$FTPD_FP" | tr -d :)" "$KH" ||
	fail "pin line: $(cat "$KH" 2>&1)"
tmux_keys C-d
tmux_exited 10

#!/usr/bin/env bash
# The browser meets forkftpd's self-made certificate without a pin: the
# trust dialog shows subject, issuer, validity, the reason and the
# SHA-256 fingerprint of the start-up line.  r (and Enter, the default)
# rejects; o trusts once (nothing written) and the transfer workers take
# the same certificate without asking (F5 both ways, compared); a pins it
# in known_hosts (0600) and the next start asks nothing.  The header
# shows TLS1.3, or PLAIN with --tls off.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
sample_files "$T/root"
start_forkftpd --anonymous-write "$T/root"
[ -n "$FTPD_FP" ] || fail "no fingerprint in $(cat "$FTPD_LOG")"
FTPD_TRUST=()		# this test is about what happens without it
KH=$XDG_STATE_HOME/forkftp/known_hosts
URL=ftpes://127.0.0.1:$FTPD_PORT/
mkdir -p "$T/local"
head -c 200001 /dev/urandom >"$T/local/up.bin"

# restart ARGS...: the last forkftp has exited; a fresh one.
restart() {
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null || true
	tui_start "$@"
}

dialog_shown() {
	wait_screen "certificate cannot be verified"
	wait_screen "Server: +127\\.0\\.0\\.1:$FTPD_PORT"
	wait_screen 'Not trusted: self-signed certificate'
	wait_screen 'Subject: +CN ?='
	wait_screen 'Valid: .* to '
	wait_screen "^ ?$FTPD_FP"
	wait_screen 'o: trust once +a: always .*r: reject \(default\)'
}

# Enter is the default: reject.
tui_start "$URL"
dialog_shown
tmux_keys Enter
wait_screen 'certificate rejected'
wait_screen 'not connected'
[ ! -e "$KH" ] || fail "a rejected certificate was pinned"
tmux_keys Escape F10
tmux_exited 10

# o: once.  The header shows the scheme and TLS1.3; the workers of F5
# accept the same certificate silently.
restart "$URL"
dialog_shown
tmux_keys o
wait_screen 'hello\.txt'
wait_screen "ftpes://anonymous@127\\.0\\.0\\.1:$FTPD_PORT/.*TLS1\\.3"
tmux_keys g j j		# big.bin
tmux_keys F5 Enter
wait_until 30 cmp -s "$T/root/big.bin" "$T/local/big.bin" || fail "big.bin not downloaded over TLS"
wait_screen 'Queue: empty'
tmux_keys Tab
wait_screen 'up\.bin'
tmux_keys G F5 Enter
wait_until 30 cmp -s "$T/local/up.bin" "$T/root/up.bin" || fail "up.bin not uploaded over TLS"
wait_screen 'Queue: empty'
wait_screen 'failed 0'
_screen_has 'certificate cannot be verified' && fail "a worker asked again"
[ ! -e "$KH" ] || fail "'once' wrote $KH"
tmux_keys F10
tmux_exited 10

# a: always.  The pin is written 0600, in the known_hosts format.
rm -f "$T/local/big.bin"
restart "$URL"
dialog_shown
tmux_keys a
wait_screen 'hello\.txt'
wait_screen 'TLS1\.3'
[ -f "$KH" ] || fail "'a' did not write $KH"
assert_eq 600 "$(stat -c %a "$KH")" "mode of known_hosts"
grep -qx "127.0.0.1:$FTPD_PORT sha256:$(printf '%s' "$FTPD_FP" | tr -d :)" "$KH" ||
	fail "pin line: $(cat "$KH")"
tmux_keys F10
tmux_exited 10

# Pinned: no dialog.
restart "$URL"
wait_screen 'hello\.txt'
wait_screen 'TLS1\.3'
_screen_has 'certificate cannot be verified' && fail "dialog for a pinned certificate"
tmux_keys g j j F5 Enter
wait_until 30 cmp -s "$T/root/big.bin" "$T/local/big.bin" || fail "download with a pin"
wait_screen 'Queue: empty'
tmux_keys F10
tmux_exited 10

# The recent servers remember the TLS mode of the ftpes:// URL.
grep -q "^	127\.0\.0\.1	$FTPD_PORT	anonymous	.*	required\$" \
    "$XDG_STATE_HOME/forkftp/history" ||
	fail "history without the TLS mode: $(cat "$XDG_STATE_HOME/forkftp/history")"

# A changed certificate: refused without a question, both fingerprints
# and the line of the pin shown whole.
printf '# pins\n127.0.0.1:%s sha256:%s\n' "$FTPD_PORT" "$(printf '%064d' 7)" >"$KH"
restart "$URL"
wait_screen 'HAS CHANGED'
wait_screen 'pinned: +SHA256 00:00:00'
wait_screen "offered: SHA256 ${FTPD_FP:0:40}"
wait_screen "line 2 of .*known_hosts"
_screen_has 'o: trust once' && fail "a changed certificate was offered for trust"
tmux_keys Enter
wait_screen 'not connected'
tmux_keys Escape F10
tmux_exited 10

# --tls off: PLAIN in the header.
restart --tls off "ftp://127.0.0.1:$FTPD_PORT/"
wait_screen 'hello\.txt'
wait_screen "ftp://anonymous@127\\.0\\.0\\.1:$FTPD_PORT/.*PLAIN"
tmux_keys F10
tmux_exited 10
assert_eq 0 "$TUI_STATUS" "exit status"

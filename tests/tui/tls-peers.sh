#!/usr/bin/env bash
# F5 both ways in the browser over FTPS against vsftpd (TLS required,
# session reuse required) and pyftpdlib (TLS_FTPHandler): the workers'
# own connections resume their sessions; files compared; the header
# shows TLS.  Certificates verified with --ca-file (no dialog).
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/client/tls.inc"
command -v tmux >/dev/null || skip "tmux not installed"

tls_peer_cert
mkdir -p "$T/local"
head -c 300001 /dev/urandom >"$T/local/up.bin"

for peer in vsftpd pyftpdlib; do
	[ "$peer" != vsftpd ] || [ "$(id -u)" = 0 ] || { note "vsftpd needs root"; continue; }
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null || true
	rm -f "$T/local/big.bin"
	tls_files "$T/$peer/pub"
	"start_${peer}_tls" "$T/$peer/pub"
	tui_start --ca-file "$T/ca/ca.pem" "${PEER_URL/#ftp:/ftpes:}"
	wait_screen 'hello\.txt'
	wait_screen 'ftpes://.*TLS1\.[23]'
	_screen_has 'certificate cannot be verified' && fail "$peer: dialog for a verified certificate"
	# Remote: [.. below the root,] empty dir/, sub dir/, big.bin, ...
	if [ -z "${PEER_URL#*://*/}" ]; then tmux_keys g j j; else tmux_keys g j j j; fi
	tmux_keys F5 Enter
	wait_until 30 cmp -s "$T/$peer/pub/big.bin" "$T/local/big.bin" ||
		fail "$peer: big.bin not downloaded over TLS: $(tmux_screen | tail -4)"
	wait_screen 'Queue: empty'
	tmux_keys Tab
	wait_screen 'up\.bin'
	tmux_keys G F5 Enter
	wait_until 30 cmp -s "$T/local/up.bin" "$T/$peer/pub/up.bin" ||
		fail "$peer: up.bin not uploaded over TLS: $(tmux_screen | tail -4)"
	wait_screen 'Queue: empty'
	wait_screen 'failed 0'
	tmux_keys F10
	tmux_exited 10
	assert_eq 0 "$TUI_STATUS" "$peer: exit status"
done

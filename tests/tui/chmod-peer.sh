#!/usr/bin/env bash
# A against a real server that will not chmod: vsftpd with chmod_enable=NO
# (anonymous logins never may) answers 550; the status line carries its
# reason, and the file keeps its mode.  (A server without the command at
# all, 502, is in chmod-hostile.sh.)
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"
. "$TOP/tests/lib/peers.sh"

mkdir -p "$T/srv/pub"
printf 'v\n' >"$T/srv/pub/v.txt"
chmod 644 "$T/srv/pub/v.txt"
VSFTPD_EXTRA=chmod_enable=NO start_vsftpd "$T/srv/pub"

tui_start "$PEER_URL"
wait_screen 'v\.txt'
tmux_keys G A
wait_screen 'Mode of v\.txt \(octal\): 644'
tmux_keys C-u
tmux_type 600
tmux_keys Enter
wait_screen 'SITE CHMOD v\.txt: 550 Permission denied'
assert_eq 644 "$(stat -c %a "$T/srv/pub/v.txt")" "mode on the server"
tmux_keys q
tmux_exited 15

#!/usr/bin/env bash
# A control connection that drops (its server session is killed) is
# re-established by the next action, with a message that goes once it
# is over ("reconnected"), not a crash.  Each
# download is checked with HASH and the queue line says so.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
sample_files "$T/root"
start_forkftpd --anonymous-write "$T/root"

tui_start "$FTPD_URL/"
wait_screen 'hello\.txt'
kids=$(pgrep -P "$FTPD_PID" || true)
[ -n "$kids" ] || fail "no session process under forkftpd $FTPD_PID"
for k in $kids; do kill -KILL "$k"; done
wait_until 5 sh -c "! pgrep -P $FTPD_PID >/dev/null" || fail "sessions did not die"

tmux_keys r
# The status says so, and once reconnected no longer says it is lost.
wait_screen 'reconnected to 127\.0\.0\.1' 15
wait_screen_not 'connection lost'
wait_screen 'hello\.txt'
# The browser goes on working on the new connection.
tmux_keys g j Enter
wait_screen 'mid\.bin'
tmux_keys G F5 Enter
wait_until 10 cmp -s "$T/root/sub dir/mid.bin" "$T/local/mid.bin" || fail "download after reconnect"
wait_screen 'mid\.bin: ok, SHA-256 verified'
tmux_keys q
tmux_exited 10
assert_eq 0 "$TUI_STATUS" "exit status"

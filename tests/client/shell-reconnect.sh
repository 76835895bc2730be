#!/usr/bin/env bash
# forkftp -s: a connection lost while the shell waits at the prompt (the
# server's session process killed) is reported at the next command,
# which reconnects, returns to the working directory and runs.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/shell.inc"

D=$T/srv
make_root "$D"
sample_files "$D"
start_forkftpd --anonymous "$D"

shell_start "$FTPD_URL/sub%20dir"
wait_screen '^forkftp anonymous@127\.0\.0\.1:/sub dir>$' 30
kids() { pgrep -P "$FTPD_PID" 2>/dev/null; }
wait_until 10 kids >/dev/null || fail "no session process under forkftpd"
kill -KILL $(kids)
wait_until 10 sh -c "! pgrep -P $FTPD_PID >/dev/null" || fail "session process still there"
shell_type 'ls'
tmux_keys Enter
wait_screen 'the connection was lost; reconnecting to 127\.0\.0\.1'
wait_screen '^mid\.bin$'
wait_screen '^forkftp anonymous@127\.0\.0\.1:/sub dir>$'

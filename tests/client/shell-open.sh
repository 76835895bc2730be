#!/usr/bin/env bash
# forkftp -s without a URL starts unconnected ("forkftp>", commands that
# need a session say so); "open" with a user and no password asks for
# it without echo and logs in; "close" goes back to "forkftp>".
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/shell.inc"

D=$T/srv/pub
make_root "$D"
sample_files "$D"
PEER_PORT=$(free_port)
"$PY" -m pyftpdlib -i 127.0.0.1 -p "$PEER_PORT" -w -d "$D" -u alice -P 'tty secret' \
    >"$T/py.log" 2>&1 &
t_defer "kill -TERM $!"
PEER_LOG=$T/py.log
_peer_wait pyftpdlib
export HOME=$T/nohome

shell_start
wait_screen '^forkftp>$' 20
shell_type 'ls'
tmux_keys Enter
wait_screen 'ls: not connected'
shell_type "open ftp://alice@127.0.0.1:$PEER_PORT/"
tmux_keys Enter
wait_screen "Password for alice@127\\.0\\.0\\.1:" 20
tmux_type 'tty secret'
tmux_keys Enter
wait_screen '^forkftp alice@127\.0\.0\.1:/>$' 20
tmux_screen | grep -q 'tty secret' && fail "the password was echoed"
shell_type 'ls'
tmux_keys Enter
wait_screen '^hello\.txt$'
shell_type 'close'
tmux_keys Enter
wait_screen '^forkftp>$'
tmux_keys C-d
tmux_exited 10
assert_eq 0 "$TUI_STATUS" "exit status"

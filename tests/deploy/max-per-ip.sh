#!/bin/bash
# --max-per-ip: the third session from 127.0.0.1 gets 421 while a client
# from another address (127.0.0.2) is still served.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
start_forkftpd --max-clients 50 --max-per-ip 2 "$T/root"

hold_sessions "$FTPD_PORT" 2 a
r=$(first_reply "$FTPD_PORT" 127.0.0.1)
assert_match '^421 ' "$r" "third session from 127.0.0.1 with --max-per-ip 2"
r=$(first_reply "$FTPD_PORT" 127.0.0.2)
assert_match '^220' "$r" "a session from 127.0.0.2 meanwhile"
release_sessions a
wait_until 5 test "$(count_sessions)" = 0 || fail "children did not go away"
r=$(first_reply "$FTPD_PORT" 127.0.0.1)
assert_match '^220' "$r" "127.0.0.1 again after its sessions left"

#!/bin/bash
# --max-clients: with N sessions held, the next client gets 421 from the
# parent (no child forked); after they leave, a new client is served.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
start_forkftpd --max-clients 3 --max-per-ip 10 "$T/root"

hold_sessions "$FTPD_PORT" 3 a
assert_eq 3 "$(grep -c '^220' "$T/hold.a.out")" "greetings of the held sessions"
wait_until 5 test "$(count_sessions)" = 3 || fail "expected 3 children, saw $(count_sessions)"

r=$(first_reply "$FTPD_PORT")
assert_match '^421 ' "$r" "fourth client over --max-clients 3"
assert_eq 3 "$(count_sessions)" "children after the refusal (none forked for it)"
grep -q 'refused 127.0.0.1' "$FTPD_LOG" || fail "no refusal logged: $(cat "$FTPD_LOG")"

release_sessions a
assert_eq "200 200 200" "$(cut -c1-3 "$T/hold.a.done" | tr '\n' ' ' | sed 's/ $//')" \
    "held sessions kept being served"
wait_until 5 test "$(count_sessions)" = 0 || fail "children did not go away"
r=$(first_reply "$FTPD_PORT")
assert_match '^220' "$r" "a new client once the others left"

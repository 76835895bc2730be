#!/bin/bash
# --user NAME picks the account sessions run as; an unknown account or
# root itself is refused at start.
. "$(dirname "$0")/../lib.sh"
need_root
id nobody >/dev/null 2>&1 || skip "no nobody account"
make_root "$T/root"
chmod 755 "$T/root"
start_forkftpd --user nobody "$T/root"
hold_sessions "$FTPD_PORT" 1 a
wait_until 5 test -n "$(session_pids)" || fail "no session child"
pid=$(session_pids | head -1)
assert_match "^Uid:	$(id -u nobody)	" "$(grep '^Uid:' /proc/"$pid"/status)" "child Uid with --user nobody"
release_sessions a

"$FORKFTPD" -l 127.0.0.1:0 --user no-such-user-xyz "$T/root" >"$T/out" 2>&1 &
p=$!
t_defer "kill -KILL $p"
wait_until 5 sh -c "! kill -0 $p" || fail "started with an unknown --user"
wait $p; rc=$?
[ "$rc" != 0 ] || fail "unknown --user: exit status 0"
grep -q 'no-such-user-xyz' "$T/out" || fail "unknown --user: message: $(cat "$T/out")"

"$FORKFTPD" -l 127.0.0.1:0 --user root "$T/root" >"$T/out" 2>&1 &
p=$!
t_defer "kill -KILL $p"
wait_until 5 sh -c "! kill -0 $p" || fail "started with --user root"
grep -q 'uid' "$T/out" || fail "--user root: message: $(cat "$T/out")"

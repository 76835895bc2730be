#!/bin/bash
# -c FILE: key = value lines are applied, flags override them, and an
# unknown key or bad value stops the start with FILE:LINE and exit 2.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
cat >"$T/a.conf" <<CONF
# a comment, then a blank line

max_clients = 1   # trailing comment
max_per_ip=5
grace = 2
root = $T/root
CONF
start_forkftpd -c "$T/a.conf"
hold_sessions "$FTPD_PORT" 1 a
assert_match '^421 ' "$(first_reply "$FTPD_PORT")" "second client with max_clients = 1 from the file"
release_sessions a
grep -q "anonymous read-only access to $(readlink -f "$T/root")" "$FTPD_LOG" ||
	fail "root key not applied: $(cat "$FTPD_LOG")"

start_forkftpd -c "$T/a.conf" --max-clients 2
hold_sessions "$FTPD_PORT" 1 b
assert_match '^220' "$(first_reply "$FTPD_PORT")" "--max-clients 2 overrides the file"
release_sessions b

# -l replaces the file's listen addresses instead of adding to them.
printf 'listen = 127.0.0.1:0\nlisten = 127.0.0.1:0\n' >"$T/l.conf"
start_forkftpd -c "$T/l.conf" "$T/root"
assert_eq 1 "$(grep -c 'listening on' "$FTPD_LOG")" "listeners with -l and a file with two"
"$FORKFTPD" -c "$T/l.conf" "$T/root" 2>"$T/l.log" &
p=$!
t_defer "kill -KILL $p"
wait_until 10 grep -q 'anonymous' "$T/l.log" || fail "no start with listen from the file: $(cat "$T/l.log")"
assert_eq 2 "$(grep -c 'listening on' "$T/l.log")" "listeners from the file alone"
kill -TERM $p

printf 'max_clients = 3\nmax_clientz = 4\n' >"$T/bad.conf"
"$FORKFTPD" -c "$T/bad.conf" "$T/root" >"$T/out" 2>&1; rc=$?
assert_eq 2 "$rc" "exit status with an unknown key"
assert_match "^forkftpd: $T/bad.conf:2: unknown key 'max_clientz'" "$(head -1 "$T/out")" "unknown key message"
printf 'idle_timeout = soon\n' >"$T/bad.conf"
"$FORKFTPD" -c "$T/bad.conf" "$T/root" >"$T/out" 2>&1; rc=$?
assert_eq 2 "$rc" "exit status with a bad value"
assert_match "bad.conf:1: idle_timeout: not a time: 'soon'" "$(head -1 "$T/out")" "bad value message"
assert_match "^forkftpd: a time in seconds, with an optional unit s, m, h, d" "$(sed -n 2p "$T/out")" "bad value hint"
assert_eq 2 "$(wc -l <"$T/out")" "lines for a bad value: $(cat "$T/out")"

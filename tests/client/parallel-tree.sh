#!/usr/bin/env bash
# --parallel N: get -r and put -r spread the files of a tree over N
# connections; the copies are identical, empty directories included.
. "$(dirname "$0")/../lib.sh"

D=$T/srv/pub
make_root "$D"
mkdir -p "$D/tree/e1/e2" "$D/tree/d a" "$D/tree/d b/ü"
for i in $(seq 1 24); do
	head -c $((i * 7919)) /dev/urandom >"$D/tree/d $([ $((i % 2)) = 0 ] && echo a || echo b)/f $i.bin"
done
make_root "$D"
chmod -R a+rX "$D"
start_peer pyftpdlib "$D"
cd "$T" || fail "cd"
fftp -v --parallel 4 -e 'get -r tree got' "$PEER_URL" 2>"$T/log" ||
	fail "parallel get -r: $(grep -v '^[-<*]' "$T/log" | tail -5)"
assert_same_tree "$D/tree" "$T/got"
n=$(grep -c '^\*\* connecting' "$T/log")
[ "$n" -ge 5 ] || fail "expected 1 + 4 connections, saw $n"
fftp -v -j 3 -e 'put -r got "put back"' "$PEER_URL" 2>"$T/log" ||
	fail "parallel put -r: $(grep -v '^[-<*]' "$T/log" | tail -5)"
assert_same_tree "$T/got" "$D/put back"
n=$(grep -c '^\*\* connecting' "$T/log")
[ "$n" -ge 4 ] || fail "expected 1 + 3 connections, saw $n"

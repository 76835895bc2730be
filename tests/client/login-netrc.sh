#!/usr/bin/env bash
# Credentials: user and password from the URL (percent-decoded), from
# ~/.netrc when the URL has none, a wrong password fails with the
# server's reply, and -v never shows the password.  A percent-encoded
# URL path is the starting directory.
. "$(dirname "$0")/../lib.sh"

D=$T/srv/pub
make_root "$D"
sample_files "$D"
PW='p@ss:w rd'
PEER_PORT=$(free_port)
"$PY" -m pyftpdlib -i 127.0.0.1 -p "$PEER_PORT" -w -d "$D" -u alice -P "$PW" \
    >"$T/py.log" 2>&1 &
t_defer "kill -TERM $!"
PEER_LOG=$T/py.log
_peer_wait pyftpdlib
cd "$T" || fail "cd"

fftp -v -e 'get mid.bin' "ftp://alice:p%40ss%3Aw%20rd@127.0.0.1:$PEER_PORT/sub%20dir/" \
    2>"$T/log" || fail "URL credentials: $(tail -3 "$T/log")"
assert_same_file "$D/sub dir/mid.bin" "$T/mid.bin"
grep -q '^-> PASS \*\*\*\*$' "$T/log" || fail "PASS not masked in the log"
grep -qF "w rd" "$T/log" && fail "the password shows in the log"

mkdir -p "$T/home"
printf 'machine 127.0.0.1\n  login alice\n  password "%s"\n' "$PW" >"$T/home/.netrc"
chmod 600 "$T/home/.netrc"
rm -f "$T/hello.txt"
HOME=$T/home fftp -e 'get hello.txt' "ftp://127.0.0.1:$PEER_PORT/" 2>"$T/err" ||
	fail ".netrc login: $(cat "$T/err")"
assert_same_file "$D/hello.txt" "$T/hello.txt"

# A user in the URL without a password takes the .netrc password.
rm -f "$T/hello.txt"
HOME=$T/home fftp -e 'get hello.txt' "ftp://alice@127.0.0.1:$PEER_PORT/" 2>"$T/err" ||
	fail ".netrc password for a URL user: $(cat "$T/err")"
assert_same_file "$D/hello.txt" "$T/hello.txt"

rc=0
HOME=$T/nohome fftp -e 'ls' "ftp://alice:wrong@127.0.0.1:$PEER_PORT/" 2>"$T/err" || rc=$?
[ "$rc" != 0 ] || fail "a wrong password logged in"
assert_match '530' "$(cat "$T/err")" "login failure shows the server reply"

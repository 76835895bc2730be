#!/usr/bin/env bash
# Batch mode failures: a failing command prints the server's reply on
# stderr, stops the run and makes the exit status non-zero; --keep-going
# runs on; a failed download never clobbers an existing local file nor
# leaves a temporary file; scripts come from -b FILE and -b -.
. "$(dirname "$0")/../lib.sh"

D=$T/srv/pub
make_root "$D"
sample_files "$D"
start_peer pyftpdlib "$D"
W=$T/w
mkdir -p "$W"
cd "$W" || fail "cd"

rc=0
fftp -e 'get nosuch.txt; get hello.txt' "$PEER_URL" >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" != 0 ] || fail "a failing get exited 0"
assert_match '^forkftp: get nosuch.txt: 550 ' "$(cat "$T/err")" "error message"
[ ! -e hello.txt ] || fail "the run went on after a failure"

rc=0
fftp --keep-going -e 'get nosuch.txt; get hello.txt' "$PEER_URL" 2>"$T/err" || rc=$?
[ "$rc" != 0 ] || fail "--keep-going hid the failure in the exit status"
assert_same_file "$D/hello.txt" hello.txt

printf 'precious\n' >keep.txt
fftp -e 'get nosuch.txt keep.txt' "$PEER_URL" 2>/dev/null &&
	fail "get of a missing file succeeded"
assert_eq precious "$(cat keep.txt)" "local file after a failed download"
ls -A | grep -q '^\.forkftp-' && fail "temporary file left: $(ls -A)"

rc=0
fftp -e 'frobnicate' "$PEER_URL" 2>"$T/err" || rc=$?
[ "$rc" != 0 ] || fail "unknown command exited 0"
assert_match 'unknown command' "$(cat "$T/err")" "unknown command message"
rc=0
fftp -e 'get' "$PEER_URL" 2>"$T/err" || rc=$?
[ "$rc" != 0 ] || fail "get without operand exited 0"
assert_match 'usage: get' "$(cat "$T/err")" "usage message"

rm -f hello.txt
cat >"$T/script" <<'S'
# a script: comments, blank lines, quoting
cd "sub dir"

get mid.bin ; pwd
lcd ..
S
mkdir -p sub && cd sub || fail "cd sub"
fftp -b "$T/script" "$PEER_URL" >"$T/out" 2>"$T/err" || fail "-b script: $(cat "$T/err")"
assert_same_file "$D/sub dir/mid.bin" mid.bin
assert_eq "/sub dir" "$(cat "$T/out")" "pwd in the script"
cd "$W" || fail "cd"
printf 'size big.bin\n' | timeout 30 "$FORKFTP" -b - "$PEER_URL" >"$T/out" 2>"$T/err" ||
	fail "-b -: $(cat "$T/err")"
assert_eq 3145728 "$(cat "$T/out")" "size via -b -"

rc=0
fftp -e 'ls' ftp://127.0.0.1:1/ 2>"$T/err" || rc=$?
[ "$rc" != 0 ] || fail "connecting to a closed port exited 0"
assert_match 'refused' "$(cat "$T/err")" "connect error"

# ls of a file (MLSD refuses it) shows the file from MLST.
fftp -e 'ls -l "sub dir/mid.bin"' "$PEER_URL" >"$T/out" 2>"$T/err" ||
	fail "ls of a file: $(cat "$T/err")"
assert_match '^-.* 70000 .*sub dir/mid\.bin$' "$(cat "$T/out")" "ls -l of a file"
rc=0
fftp -e 'ls nosuch' "$PEER_URL" >/dev/null 2>"$T/err" || rc=$?
[ "$rc" != 0 ] || fail "ls of a missing path exited 0"
assert_match '^forkftp: ls nosuch: 5[0-9][0-9] ' "$(cat "$T/err")" "ls error"

# get REMOTE - writes to stdout.
fftp -e 'get big.bin -; get "sub dir/mid.bin" -' "$PEER_URL" >"$T/stdout.bin" 2>"$T/err" ||
	fail "get to stdout: $(cat "$T/err")"
cat "$D/big.bin" "$D/sub dir/mid.bin" >"$T/expect.bin"
assert_same_file "$T/expect.bin" "$T/stdout.bin"

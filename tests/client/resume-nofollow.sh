#!/usr/bin/env bash
# get -c resumes only into a regular file: a symbolic link planted under
# the local name (aimed at a shorter file elsewhere) is not followed,
# and a FIFO there is refused; both get an error naming the file, the
# link's target is untouched, and an ordinary partial file still
# resumes byte for byte.
. "$(dirname "$0")/../lib.sh"

ROOT=$T/root
make_root "$ROOT"
head -c 300000 /dev/urandom >"$ROOT/data.bin"
chmod -R a+rX "$ROOT"
start_forkftpd --anonymous "$ROOT"
mkdir -p "$T/w"
cd "$T/w" || fail "cd"

printf 'victim!!\n' >"$T/victim"
cp "$T/victim" "$T/victim.orig"
ln -s "$T/victim" data.bin
fftp -e 'get -c data.bin' "$FTPD_URL/" 2>"$T/err.link" &&
	fail "get -c through a symbolic link succeeded"
assert_match 'data\.bin' "$(cat "$T/err.link")" "error for the link"
cmp -s "$T/victim" "$T/victim.orig" ||
	fail "the link's target was written: $(stat -c %s "$T/victim") bytes"
[ -L data.bin ] || fail "the link was replaced"
rm data.bin

mkfifo data.bin
fftp -e 'get -c data.bin' "$FTPD_URL/" 2>"$T/err.fifo" &&
	fail "get -c into a FIFO succeeded"
assert_match 'data\.bin' "$(cat "$T/err.fifo")" "error for the FIFO"
[ -p data.bin ] || fail "the FIFO was replaced"
rm data.bin

head -c 70000 "$ROOT/data.bin" >data.bin
fftp -e 'get -c data.bin' "$FTPD_URL/" 2>"$T/err.ok" ||
	fail "get -c of a partial file failed: $(cat "$T/err.ok")"
assert_same_file "$ROOT/data.bin" data.bin
exit 0

#!/usr/bin/env bash
# Client edge cases against tests/client/fakeftpd.py:
# - a multi-line 150 and the 226 arriving in one packet before the data:
#   the download still waits for the data EOF and is complete;
# - no SIZE: the total comes from the 150 "(N bytes)"; no size at all: unknown;
# - names: CR goes out as CR NUL, 0xFF doubled, LF never sent raw;
# - a DOS/IIS style LIST is understood.
. "$(dirname "$0")/../lib.sh"


mkdir -p "$T/root/dir one" "$T/w"
head -c 1500000 /dev/urandom >"$T/root/data.bin"
printf 'x\n' >"$T/root/small.txt"
cd "$T/w" || fail "cd"

start_fake weird
fftp -v -e 'get data.bin' "$FAKE_URL" 2>"$T/log" || fail "weird server: $(tail -5 "$T/log")"
assert_same_file "$T/root/data.bin" "$T/w/data.bin"
grep -q 'data.bin: 1500000 bytes (from the 150 reply)' "$T/log" ||
	fail "total not taken from the 150: $(grep '^\*\*' "$T/log")"

start_fake nosize
rm -f data.bin
fftp -v -e 'get data.bin' "$FAKE_URL" 2>"$T/log" || fail "nosize server: $(tail -5 "$T/log")"
assert_same_file "$T/root/data.bin" "$T/w/data.bin"
grep -q 'data.bin: size unknown' "$T/log" || fail "size should be unknown"

start_fake dos
fftp -e 'ls -l' "$FAKE_URL" >"$T/out" 2>"$T/log" || fail "dos ls: $(cat "$T/log")"
assert_match '^d.* dir one$' "$(cat "$T/out")" "DOS listing directory"
assert_match '^-.* 1500000 .*data\.bin$' "$(cat "$T/out")" "DOS listing file"

fftp -k -e "$(printf 'get "a\rb"; get "x\377y"; get "l\nf"; size "p q"')" "$FAKE_URL" \
    >/dev/null 2>"$T/err" && fail "requests for missing files succeeded"
grep -qF "b'RETR a\\r\\x00b'" "$RAW" || fail "CR not sent as CR NUL: $(cat "$RAW")"
grep -qF "b'RETR x\\xff\\xffy'" "$RAW" || fail "0xFF not doubled: $(cat "$RAW")"
grep -Eq "(RETR|SIZE|EPSV) l|^b'f'$" "$RAW" && fail "a raw LF reached the server: $(cat "$RAW")"
grep -q 'newline' "$T/err" || fail "LF in a name not refused: $(cat "$T/err")"
grep -qF "b'SIZE p q'" "$RAW" || fail "name with a space: $(cat "$RAW")"

# A reply with terminal escape sequences reaches stderr defused.
start_fake evil
fftp -e 'get nosuch' "$FAKE_URL" 2>"$T/err" && fail "get of a missing file succeeded"
grep -q "$(printf '\033')" "$T/err" && fail "escape sequence passed to stderr: $(cat -v "$T/err")"
assert_match 'nosuch: 550 \?\]0;pwned\?\?\[2Jgone' "$(cat "$T/err")" "defused error"
exit 0

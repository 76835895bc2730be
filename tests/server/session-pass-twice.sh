#!/usr/bin/env bash
# PASS when already logged in is a sequence error (503), not a new login.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
start_forkftpd --anonymous "$ROOT"
out=$(printf 'USER anonymous\nPASS me@\nPASS again@\nPWD\nQUIT\n' | ftp_chat "$FTPD_PORT")
assert_match '^230' "$(sed -n 3p <<<"$out")" "first PASS"
assert_match '^503' "$(sed -n 4p <<<"$out")" "PASS when logged in"
assert_match '^257' "$(sed -n 5p <<<"$out")" "still logged in"

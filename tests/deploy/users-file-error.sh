#!/bin/bash
# A malformed users file stops the start with FILE:LINE, the reason and
# one hint line (the line's format and how to make a hash), not --help.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
h=$(hash_password pw); [ -n "$h" ] || fail "--hash-password gave nothing"
printf '# users\nalice:%s:/:r\nbob:secret:/:rw\n' "$h" >"$T/users"
"$FORKFTPD" -l 127.0.0.1:0 -u "$T/users" "$T/root" >"$T/out" 2>&1; rc=$?
assert_eq 1 "$rc" "exit status with a bad users file"
assert_eq "forkftpd: $T/users:3: password is not a crypt(3) hash" "$(sed -n 1p "$T/out")" "error line"
assert_match '^forkftpd: each line is name:crypt-hash:home:perm .*--hash-password' \
	"$(sed -n 2p "$T/out")" "hint line"
assert_eq 2 "$(wc -l <"$T/out")" "lines of output: $(cat "$T/out")"

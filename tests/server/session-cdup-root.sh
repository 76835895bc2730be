#!/usr/bin/env bash
# CDUP at the root stays at "/" and answers 250, as vsftpd and ProFTPD
# do (the root's parent is the root); elsewhere it goes one level up.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
start_forkftpd --anonymous "$ROOT"
out=$(printf 'USER anonymous\nPASS me@\nCDUP\nPWD\nCWD sub dir\nCDUP\nPWD\nXCUP\nPWD\n' |
	ftp_chat "$FTPD_PORT")
assert_eq '250 Directory successfully changed.' "$(sed -n 4p <<<"$out")" "CDUP at /"
assert_eq '257 "/" is the current directory' "$(sed -n 5p <<<"$out")" "PWD after CDUP at /"
assert_eq '257 "/" is the current directory' "$(sed -n 8p <<<"$out")" "PWD after CDUP from /sub dir"
assert_eq '250 Directory successfully changed.' "$(sed -n 9p <<<"$out")" "XCUP at /"
assert_eq '257 "/" is the current directory' "$(sed -n 10p <<<"$out")" "PWD after XCUP at /"

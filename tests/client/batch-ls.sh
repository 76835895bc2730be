#!/usr/bin/env bash
# Batch ls of a file and of a directory on every peer: `ls FILE` and
# `ls -l FILE` show the one entry (MLST where offered; on vsftpd, which has
# no MLST, from the parent's LIST), `ls DIR` lists it (LIST without MLSD),
# and a path that does not exist fails with a message and a non-zero exit.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/batch-peers.inc"

ls_checks() {
	bp_start "$1"
	bp_run 'ls hello.txt'
	assert_eq hello.txt "$(cat "$T/out")" "ls FILE on $1"
	bp_run 'ls -l "sub dir/mid.bin"'
	assert_match '^-.* 70000 [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{5} sub dir/mid\.bin$' \
	    "$(cat "$T/out")" "ls -l FILE on $1"
	assert_eq 1 "$(wc -l <"$T/out")" "lines of ls -l FILE on $1"
	bp_run 'cd "sub dir"; ls -l deeper/leaf.txt; ls ../big.bin'
	assert_eq "../big.bin" "$(sed -n 2p "$T/out")" "ls ../FILE on $1"
	assert_match '^-.* 5 .* deeper/leaf\.txt$' "$(head -1 "$T/out")" "ls -l DIR/FILE on $1"
	# vsftpd serves the parent of D (see peers.sh): / is elsewhere there.
	if [ "$1" != vsftpd ]; then
		bp_run 'cd "sub dir"; ls /big.bin'
		assert_eq "/big.bin" "$(cat "$T/out")" "ls /FILE on $1"
	fi
	bp_run 'ls "Grüße 日本.txt"'
	assert_eq "Grüße 日本.txt" "$(cat "$T/out")" "ls of a UTF-8 name with a space on $1"
	if [ "$1" = vsftpd ]; then
		grep -q '^-> MLST' "$T/log" && fail "MLST sent to vsftpd"
		grep -q '^-> LIST' "$T/log" || fail "no LIST for ls FILE on vsftpd"
	fi

	# A directory: its entries, whatever the listing command.
	bp_run 'ls -l "sub dir"'
	assert_match '^d.* deeper$' "$(cat "$T/out")" "ls -l DIR on $1"
	assert_match '^-.* 70000 .* mid\.bin$' "$(cat "$T/out")" "ls -l DIR on $1"
	bp_run 'ls "sub dir"'
	assert_eq "deeper/
mid.bin" "$(sort "$T/out")" "ls DIR on $1"
	[ "$1" != vsftpd ] || grep -q '^-> LIST' "$T/log" || fail "ls DIR on vsftpd without LIST"

	# Nothing there: an error naming the path, a non-zero exit.
	bp_fails 'ls nosuch.txt; pwd'
	assert_match '^forkftp: ls nosuch\.txt: .*(No such|no such|not found|550|501)' \
	    "$(cat "$T/err")" "ls of a missing file on $1"
	assert_eq "" "$(cat "$T/out")" "output after a failed ls on $1"
	bp_fails 'ls -l "sub dir/nosuch"'
	assert_match '^forkftp: ls sub dir/nosuch: ' "$(cat "$T/err")" "ls of a missing file in a directory on $1"
	bp_fails 'ls nodir/x'
	assert_match '^forkftp: ls nodir/x: ' "$(cat "$T/err")" "ls in a missing directory on $1"
}

for p in $(bp_peers); do
	ls_checks "$p"
done

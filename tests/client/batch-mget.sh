#!/usr/bin/env bash
# Batch mget on every peer: remote wildcards (*, ?, [..]) are expanded
# over the directory listing, exactly the matching files (no directories,
# no dot files for *) are fetched and compared byte for byte; -O DIR, -c
# resume, -P N and --parallel connections; a pattern matching nothing is
# an error ("no files found") after the other patterns' files arrived,
# and so is a failing file, which does not stop the others.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/batch-peers.inc"

# same_set DIR EXPECTED...: DIR holds exactly the files EXPECTED (names
# relative to DIR), each equal to the one of the same name in $D.
same_set() {
	local dir=$1 n
	shift
	assert_eq "$(printf '%s\n' "$@" | sort)" "$(cd "$dir" && find . -mindepth 1 -printf '%P\n' | sort)" \
	    "files fetched into $dir from $PEER_NAME"
	for n in "$@"; do
		assert_same_file "$D/$n" "$dir/$n"
	done
}

mget_checks() {
	bp_start "$1"
	printf 'hidden\n' >"$D/.hidden.txt"
	mkdir "$D/dir.txt"
	printf 'one\n' >"$D/a1.log"
	printf 'two\n' >"$D/a2.log"
	printf 'ten\n' >"$D/a10.log"
	printf 'bracket\n' >"$D/[x].log"
	make_root "$D"
	chmod -R a+rX "$D"

	mkdir all && cd all || fail "cd"
	bp_run 'mget *.txt'
	cd .. || fail "cd"
	same_set all empty.txt hello.txt "text lines.txt" "Grüße 日本.txt"

	mkdir q
	bp_run 'mget -O q "a?.log" "[h]ello.*"'
	same_set q a1.log a2.log hello.txt

	# Several patterns, a directory part, -O with the option joined, a
	# bracket made literal by a backslash (single quotes keep it for
	# fnmatch; in double quotes the batch parser takes it).
	mkdir o
	bp_run 'mget -Oo "sub dir/*.bin" "b*.bin" '\''*\[x\]*'\'
	assert_eq "$(printf '%s\n' '[x].log' big.bin mid.bin)" "$(ls o | sort)" "mget with a directory part on $1"
	assert_same_file "$D/sub dir/mid.bin" o/mid.bin
	assert_same_file "$D/big.bin" o/big.bin
	assert_same_file "$D/[x].log" "o/[x].log"

	# A pattern that matches nothing fails the command; the others' files
	# still arrive.
	mkdir n && cd n || fail "cd"
	bp_fails 'mget "*.nope" "a1.*"; pwd'
	cd .. || fail "cd"
	assert_match 'forkftp: mget \*\.nope: no files found' "$(cat "$T/err")" "no match on $1"
	assert_eq "" "$(cat "$T/out")" "the run went on after a failed mget on $1"
	same_set n a1.log
	bp_fails 'mget "sub dir/*.zip"'
	assert_match 'no files found' "$(cat "$T/err")" "no match in a directory on $1"
	bp_fails 'mget "nodir/*"'
	assert_match '^forkftp: mget nodir/\*: ' "$(cat "$T/err")" "a missing directory on $1"

	# A file that fails does not stop the others (as in lftp): each
	# failure is reported and the command fails with the count, on one
	# connection and on two.
	mkdir g1 g2
	bp_fails 'mget -O g1 a1.log nosuch.bin "a2*"'
	same_set g1 a1.log a2.log
	assert_match '^forkftp: mget nosuch\.bin: ' "$(cat "$T/err")" "failing file in mget on $1"
	assert_match ': 1 of 3 files failed$' "$(cat "$T/err")" "mget summary on $1"
	bp_fails 'mget -P 2 -O g2 nosuch.bin a1.log other.nope a10.log "a2*"'
	same_set g2 a1.log a10.log a2.log
	assert_match 'forkftp: mget other\.nope: ' "$(cat "$T/err")" "failing file in mget -P 2 on $1"
	assert_match ': 2 of 5 files failed$' "$(cat "$T/err")" "mget -P 2 summary on $1"

	# -c resumes a shorter local file.
	mkdir c
	head -c 1000000 "$D/big.bin" >c/big.bin
	bp_run 'mget -c -O c "bi?.bin"'
	same_set c big.bin
	grep -q '^-> REST 1000000' "$T/log" || fail "mget -c did not resume on $1"
	# The server's HASH, where offered, verifies each file.
	if grep -q '^<-  *HASH' "$T/log"; then
		grep -q 'big.bin: SHA-256 verified' "$T/log" ||
			fail "HASH offered by $1 but the mget file was not verified"
	fi

	# Parallel connections: -P, and --parallel as for get -r.
	# (vsftpd's LIST hides dot files unless force_dot_files is set.)
	mkdir p1 p2
	if [ "$1" = vsftpd ]; then
		bp_run 'mget -P 3 -O p1 *'
	else
		bp_run 'mget -P 3 -O p1 * .hidden*'
		set -- "$1" .hidden.txt
	fi
	[ "$(grep -c '^-> USER' "$T/log")" -ge 4 ] ||
		fail "mget -P 3 on $1 did not log in 3 workers: $(grep -c '^-> USER' "$T/log") logins"
	same_set p1 empty.txt hello.txt "text lines.txt" "Grüße 日本.txt" big.bin \
	    a1.log a2.log a10.log "[x].log" "${@:2}"
	bp_ftp --parallel 2 -e 'mget -O p2 "a*.log"' "$PEER_URL" 2>"$T/err" >/dev/null ||
		fail "mget with --parallel 2 on $PEER_NAME: $(cat "$T/err")"
	same_set p2 a1.log a2.log a10.log
}

for p in $(bp_peers); do
	mget_checks "$p"
done

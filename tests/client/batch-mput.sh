#!/usr/bin/env bash
# Batch mput on every peer: local wildcards are expanded with glob(3),
# exactly the matching regular files are uploaded (no directories, no dot
# files for *) and compared byte for byte on the server; -O DIR, -c
# resume, -P N; a pattern matching nothing is an error ("no files found")
# after the other patterns' files were sent, and so is a failing file,
# which does not stop the others.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/batch-peers.inc"

# on_server DIR NAME...: the served DIR holds exactly NAME... (files
# only), each equal to $L/NAME.
on_server() {
	local dir=$1 n
	shift
	assert_eq "$(printf '%s\n' "$@" | sort)" "$(cd "$dir" && find . -mindepth 1 -maxdepth 1 -type f -printf '%P\n' | sort)" \
	    "files uploaded into $dir on $PEER_NAME"
	for n in "$@"; do
		assert_same_file "$L/$n" "$dir/$n"
	done
}

mput_checks() {
	bp_start "$1"
	L=$W/l
	mkdir -p "$L/sub.txt" "$D/up" "$D/up2" "$D/up3" "$D/up4"
	make_root "$D"
	printf 'one\n' >"$L/one.txt"
	printf 'two words\n' >"$L/two words.txt"
	printf 'ü\n' >"$L/Ünï.txt"
	printf 'hidden\n' >"$L/.dot.txt"
	head -c 1500000 /dev/urandom >"$L/big.dat"
	head -c 1000 /dev/urandom >"$L/b1.dat"
	printf 'x\n' >"$L/other.log"
	chmod -R a+rX "$L"

	bp_run "mput -O up \"$L/*.txt\""
	on_server "$D/up" one.txt "two words.txt" "Ünï.txt"

	# Relative patterns, several of them, into the working directory.
	bp_run "lcd \"$L\"; cd up2; mput b?.dat [o]ther.* one.txt"
	on_server "$D/up2" b1.dat other.log one.txt

	# Nothing matches: an error, after the other files were sent.
	bp_fails "lcd \"$L\"; mput -O up3 *.nope *.log; pwd"
	assert_match '^forkftp: mput \*\.nope: no files found' "$(cat "$T/err")" "no match on $1"
	assert_eq "" "$(cat "$T/out")" "the run went on after a failed mput on $1"
	on_server "$D/up3" other.log

	# A failing file does not stop the others; each is reported, then
	# the count.
	mkdir -p "$D/up5"
	make_root "$D"
	bp_fails "lcd \"$L\"; mput -P 2 -O up5 one.txt nosuch.txt b1.dat gone.dat other.log"
	on_server "$D/up5" one.txt b1.dat other.log
	assert_match 'forkftp: mput nosuch\.txt: ' "$(cat "$T/err")" "failing file in mput on $1"
	assert_match ': 2 of 5 files failed$' "$(cat "$T/err")" "mput summary on $1"

	# -c resumes a shorter remote file; -P 2 spreads the files; a file
	# two patterns match is sent once.
	head -c 700000 "$L/big.dat" >"$D/up4/big.dat"
	make_root "$D"
	bp_run "lcd \"$L\"; mput -c -P 2 -O up4 big.dat .dot* *.dat"
	on_server "$D/up4" big.dat .dot.txt b1.dat
	assert_eq 1 "$(grep -Ec "^-> (STOR|APPE) up4/big.dat" "$T/log")" \
	    "uploads of big.dat, named twice, on $1"
	grep -Eq '^-> (REST 700000|APPE up4/big.dat)' "$T/log" ||
		fail "mput -c did not resume on $1: $(grep '^->' "$T/log" | head -30)"
}

for p in $(bp_peers); do
	mput_checks "$p"
done

#!/usr/bin/env bash
# Batch mirror (download) on every peer: the first run copies the whole
# tree (empty directories too, every file compared byte for byte), a
# second run transfers nothing (summary, and no RETR in the protocol
# log), a remote file of another size or a newer mtime is the only one
# fetched again, a removed remote file stays without --delete and goes
# with it (directories too), --dry-run changes nothing, a local symlink
# is removed and never followed, -c resumes, -P 2 spreads the files.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/batch-peers.inc"

# snap DIR: names, types, sizes and mtimes under DIR (to see no change).
snap() {
	(cd "$1" && find . -printf '%P %y %s %T@\n' | sort)
}

# lines: the get/rm lines of the last run's output, sorted.
lines() {
	grep -E '^(get|put|rm|rmdir) ' "$T/out" | LC_ALL=C sort
}

summary() {
	grep '^mirror: ' "$T/out"
}

# own FILE...: served files belong to the server's account.
own() {
	[ "$(id -u)" != 0 ] || chown "$(ftp_account):" "$@"
}

mirror_checks() {
	bp_start "$1"
	mkdir copy && cd copy || fail "cd"

	# The first run copies everything.
	bp_run 'mirror'
	assert_same_tree "$D" .
	assert_eq "mirror: 7 files (3.1 MiB) transferred, 0 unchanged, 0 deleted" \
	    "$(summary)" "first mirror summary on $1"
	assert_eq 7 "$(grep -c '^get ' "$T/out")" "get lines on $1"
	grep -q '^get sub dir/deeper/leaf.txt$' "$T/out" ||
		fail "no 'get sub dir/deeper/leaf.txt' line on $1: $(cat "$T/out")"
	if grep -q '^<-  *HASH' "$T/log"; then
		grep -q 'big.bin: SHA-256 verified' "$T/log" ||
			fail "HASH offered by $1 but mirror did not verify big.bin"
	fi

	# The second run transfers nothing.
	bp_run 'mirror'
	assert_eq "mirror: 0 files (0 B) transferred, 7 unchanged, 0 deleted" \
	    "$(summary)" "second mirror summary on $1"
	! grep -q '^-> RETR' "$T/log" || fail "second mirror on $1 sent RETR"

	# Another size; the same size but a newer mtime: those two only.
	printf 'hello, mirror\n' >"$D/hello.txt"
	printf 'LINE one\nline two\r\nline three\n' >"$D/text lines.txt"
	# (A future mtime would show as a date only in vsftpd's LIST.)
	touch -d '@'$(($(date +%s) - 7200)) "text lines.txt"
	own "$D/hello.txt" "$D/text lines.txt"
	bp_run 'mirror'
	assert_eq "get hello.txt
get text lines.txt" "$(lines)" "changed files on $1"
	assert_same_tree "$D" .
	assert_eq 2 "$(grep -c '^-> RETR' "$T/log")" "RETR after two changes on $1"

	# A removed remote file and directory stay without --delete.
	rm "$D/sub dir/mid.bin"
	rmdir "$D/empty dir"
	bp_run 'mirror'
	[ -f "sub dir/mid.bin" ] && [ -d "empty dir" ] ||
		fail "mirror without --delete removed files on $1"
	assert_match ', 0 deleted$' "$(summary)" "no --delete on $1"

	# --dry-run: says what would happen, changes nothing.
	printf 'again and again\n' >"$D/hello.txt"
	own "$D/hello.txt"
	mkdir -p ../outside && printf 'precious\n' >../outside/keep.txt
	ln -s ../outside link
	snap . >"$T/before"
	snap ../outside >"$T/before.out"
	bp_run 'mirror --dry-run --delete'
	assert_eq "get hello.txt
rm link
rm sub dir/mid.bin
rmdir empty dir" "$(lines)" "--dry-run lines on $1"
	assert_match 'to transfer, .* 3 to be deleted$' "$(summary)" "--dry-run summary on $1"
	snap . >"$T/after"
	cmp -s "$T/before" "$T/after" || fail "--dry-run changed the copy on $1: $(diff "$T/before" "$T/after")"
	! grep -q '^-> \(RETR\|STOR\|DELE\|RMD\|MKD\)' "$T/log" || fail "--dry-run transferred on $1"

	# --delete: removes them (the link itself, not what it points to).
	bp_run 'mirror -e'
	assert_eq "get hello.txt
rm link
rm sub dir/mid.bin
rmdir empty dir" "$(lines)" "--delete lines on $1"
	assert_same_tree "$D" .
	snap ../outside >"$T/after.out"
	cmp -s "$T/before.out" "$T/after.out" || fail "--delete touched what a link pointed to on $1"
	assert_eq precious "$(cat ../outside/keep.txt)" "file behind a link on $1"

	# -c: a shorter copy is continued (REST), not fetched again.
	head -c 1000000 "$D/big.bin" >big.bin
	bp_run 'mirror -c'
	assert_same_file "$D/big.bin" big.bin
	grep -q '^-> REST 1000000' "$T/log" || fail "mirror -c did not resume on $1"
	assert_eq "get big.bin" "$(lines)" "mirror -c lines on $1"

	# -n: only newer files; a copy of another size but newer is left.
	printf 'newer and longer\n' >hello.txt
	touch -d '@'$(($(date +%s) + 3600)) hello.txt
	bp_run 'mirror -n'
	assert_eq "" "$(lines)" "mirror -n on $1"
	assert_eq "newer and longer" "$(cat hello.txt)" "mirror -n kept the local file on $1"

	# -P 2, REMOTE and LOCAL named: a fresh copy of a subdirectory.
	cd .. || fail "cd"
	printf 'one\n' >"$D/sub dir/p1.txt"
	printf 'two\n' >"$D/sub dir/p2.txt"
	own "$D/sub dir/p1.txt" "$D/sub dir/p2.txt"
	bp_run 'mirror -P 2 "sub dir" p2'
	assert_same_tree "$D/sub dir" p2
	[ "$(grep -c '^-> USER' "$T/log")" -ge 3 ] ||
		fail "mirror -P 2 on $1 did not log in 2 workers: $(grep -c '^-> USER' "$T/log") logins"
	# LOCAL defaults to REMOTE's base name.
	bp_run 'mirror "sub dir/deeper"'
	assert_same_tree "$D/sub dir/deeper" deeper

	# Remote links: to a file, fetched as a file (once: a second run
	# leaves it); to a directory, skipped or copied as the server lists
	# it, never an error.
	ln -s hello.txt "$D/link.txt"
	ln -s "sub dir" "$D/dirlink"
	[ "$(id -u)" != 0 ] || chown -h "$(ftp_account):" "$D/link.txt" "$D/dirlink"
	bp_run 'mirror . lk'
	assert_same_file "$D/hello.txt" lk/link.txt
	[ ! -e lk/dirlink ] || assert_same_tree "$D/sub dir" lk/dirlink
	bp_run 'mirror . lk'
	assert_match '^mirror: 0 files \(0 B\) transferred' "$(summary)" "links twice on $1"

	# A missing remote directory fails the command.
	bp_fails 'mirror nosuchdir nd'
	assert_match '^forkftp: mirror nosuchdir: ' "$(cat "$T/err")" "missing directory on $1"
}

for p in $(bp_peers); do
	mirror_checks "$p"
done

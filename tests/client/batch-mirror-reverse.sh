#!/usr/bin/env bash
# Batch mirror -R (upload) on every peer: the first run copies the local
# tree to the server (empty directories too, compared byte for byte), a
# second run sends nothing (no STOR: MFMT gave the remote files the local
# mtimes, or without MFMT the upload time is later than the local one),
# a local file of another size is the only one sent again, a removed
# local file stays on the server without --delete and goes with it,
# --dry-run changes nothing, a local symlink to a directory is not
# followed.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/batch-peers.inc"

lines() {
	grep -E '^(get|put|rm|rmdir) ' "$T/out" | LC_ALL=C sort
}

summary() {
	grep '^mirror: ' "$T/out"
}

snap() {
	(cd "$1" && find . -printf '%P %y %s %T@\n' | sort)
}

reverse_checks() {
	bp_start "$1"
	L=$W/l
	sample_files "$L"
	mkdir -p "$W/elsewhere"
	printf 'not mine\n' >"$W/elsewhere/x.txt"
	mkdir "$D/up"
	make_root "$D"

	# The first run copies everything; a link to a directory and one
	# leading nowhere are skipped.
	ln -s ../elsewhere "$L/dirlink"
	ln -s nowhere "$L/dangling"
	bp_run "lcd \"$L\"; mirror -R . up"
	rm "$L/dirlink" "$L/dangling"
	assert_same_tree "$L" "$D/up"
	assert_eq "mirror: 7 files (3.1 MiB) transferred, 0 unchanged, 0 deleted" \
	    "$(summary)" "first mirror -R summary on $1"
	assert_eq 7 "$(grep -c '^put ' "$T/out")" "put lines on $1"

	# The second run sends nothing.
	bp_run "lcd \"$L\"; mirror -R . up"
	assert_eq "mirror: 0 files (0 B) transferred, 7 unchanged, 0 deleted" \
	    "$(summary)" "second mirror -R summary on $1"
	! grep -q '^-> STOR' "$T/log" || fail "second mirror -R on $1 sent STOR"

	# Another size: that file only.
	printf 'hello, reverse mirror\n' >"$L/hello.txt"
	bp_run "lcd \"$L\"; mirror -R . up"
	assert_eq "put hello.txt" "$(lines)" "changed file on $1"
	assert_same_tree "$L" "$D/up"

	# A removed local file stays on the server without --delete.
	rm "$L/sub dir/mid.bin"
	rmdir "$L/empty dir"
	bp_run "lcd \"$L\"; mirror -R . up"
	[ -f "$D/up/sub dir/mid.bin" ] && [ -d "$D/up/empty dir" ] ||
		fail "mirror -R without --delete removed files on $1"

	# --dry-run changes nothing on the server.
	printf 'new\n' >"$L/new.txt"
	snap "$D/up" >"$T/before"
	bp_run "lcd \"$L\"; mirror -R --dry-run --delete . up"
	assert_eq "put new.txt
rm sub dir/mid.bin
rmdir empty dir" "$(lines)" "--dry-run lines on $1"
	snap "$D/up" >"$T/after"
	cmp -s "$T/before" "$T/after" || fail "--dry-run changed the server on $1: $(diff "$T/before" "$T/after")"
	! grep -q '^-> \(STOR\|DELE\|RMD\|MKD\)' "$T/log" || fail "--dry-run -R changed something on $1"

	# --delete removes them; -P 2 for the upload.
	bp_run "lcd \"$L\"; mirror -R -P 2 --delete . up"
	assert_same_tree "$L" "$D/up"
	assert_eq "mirror: 1 file (4 B) transferred, 6 unchanged, 2 deleted" \
	    "$(summary)" "--delete summary on $1"

	# -c: a shorter remote file is continued (REST+STOR or APPE).
	head -c 1000000 "$L/big.bin" >"$D/up/big.bin"
	[ "$(id -u)" != 0 ] || chown "$(ftp_account):" "$D/up/big.bin"
	bp_run "lcd \"$L\"; mirror -R -c . up"
	assert_same_file "$L/big.bin" "$D/up/big.bin"
	assert_eq "put big.bin" "$(lines)" "mirror -R -c lines on $1"
	grep -q '^-> \(REST 1000000\|APPE \)' "$T/log" || fail "mirror -R -c did not resume on $1"

	# Defaults: "mirror -R DIR" goes to the remote DIR of that base name.
	mkdir -p "$W/solo/inner"
	printf 'solo\n' >"$W/solo/inner/s.txt"
	bp_run "mirror -R \"$W/solo\""
	assert_same_tree "$W/solo" "$D/solo"
}

for p in $(bp_peers); do
	reverse_checks "$p"
done

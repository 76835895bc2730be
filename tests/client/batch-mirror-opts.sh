#!/usr/bin/env bash
# mirror's options in batch mode: long ones (--delete, --dry-run,
# --only-newer, --reverse, --continue, --parallel N and --parallel=N)
# and their short letters; --dry-run has no letter; an unknown or
# malformed option, a bad -P and another command's long option are usage
# errors that change nothing.
. "$(dirname "$0")/../lib.sh"

[ -x "$FORKFTPD" ] || skip "forkftpd not built"
[ -x "$FORKFTP" ] || skip "forkftp not built"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
start_forkftpd --anonymous "$ROOT"
mkdir -p "$T/w" && cd "$T/w" || fail "cd"

run() {
	timeout 60 "$FORKFTP" -t 10 "${FTPD_TRUST[@]}" -e "$1" "$FTPD_URL/" >"$T/out" 2>"$T/err"
}

# Usage errors: nothing is fetched, the usage line is shown.
for bad in 'mirror -y' 'mirror --dry-run=yes' 'mirror --delet' \
    'mirror --bogus' 'mirror -P' 'mirror -P 0' 'mirror -P 17' \
    'mirror --parallel' 'mirror --parallel=x' 'mirror a b c' \
    'mget --delete x' 'mirror -x'; do
	run "$bad; pwd" && fail "'$bad' succeeded"
	assert_match '^forkftp: (usage: mirror|usage: mget|mirror -P|(mirror|mget): (unknown option|bad option|option -. needs))' "$(head -1 "$T/err")" "'$bad' error"
	assert_eq "" "$(cat "$T/out")" "'$bad' went on"
	assert_eq "" "$(ls -A)" "'$bad' wrote files"
done

# --dry-run with the other long options: lines, no files.
run 'mirror --dry-run --delete --only-newer --continue --parallel 2 "sub dir" s'
assert_eq "get deeper/leaf.txt
get mid.bin" "$(grep '^get ' "$T/out" | LC_ALL=C sort)" "--dry-run lines"
assert_eq "" "$(ls -A)" "--dry-run wrote files"

# Joined forms: -eP2, --parallel=2, "--" before operands.
run 'mirror -eP2 -- "sub dir" s'
assert_same_tree "$ROOT/sub dir" s
run 'mirror --parallel=2 -n "sub dir" s'
assert_match '^mirror: 0 files \(0 B\) transferred, 2 unchanged, 0 deleted$' "$(cat "$T/out")" "second run"

# --reverse is -R.
run 'mirror --reverse --dry-run s "sub dir"'
assert_match '^mirror: 0 files \(0 B\) to transfer, 2 unchanged' "$(cat "$T/out")" "--reverse --dry-run"

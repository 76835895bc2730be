#!/usr/bin/env bash
# An upload over an existing remote file never puts the old file at
# risk: it goes to a temporary name renamed over the target only when
# complete and verified.  A failed digest, a Ctrl-C at half way (a
# rate-limited forkftpd and vsftpd) leave the old file byte for byte and
# no temporary; a server refusing the rename over a file gets a direct
# STOR, said in the log; temporary names never appear in messages.
. "$(dirname "$0")/../lib.sh"

mkdir -p "$T/root" "$T/w"
cd "$T/w" || fail "cd"
head -c 200000 /dev/urandom >"$T/old.bin"
head -c 300000 /dev/urandom >"$T/w/new.bin"

# no_parts DIR: no client temporary (nor forkftpd's own) is left in DIR.
no_parts() { ! find "$1" -name '.forkftp*' | grep -q .; }
# server_fds: the open files of the server's processes (forkftpd's
# sessions and their children), looked up from its pid only: a scan of
# every process is too slow on a loaded machine.
server_fds() {
	local p c
	for p in $(pgrep -P "$SERVER_PID"); do
		for c in "$p" $(pgrep -P "$p"); do
			ls -d /proc/"$c"/fd/* 2>/dev/null
		done
	done
}
# half_there ROOT: the new data at the server is over half way: a
# visible temporary, or one the server holds open without a name
# (forkftpd's O_TMPFILE), has more than 1.4 MB.
half_there() {
	local f
	for f in $(find "$1" -name '.forkftp*') $(server_fds); do
		case $f in /proc/*) case $(readlink "$f") in "$1"/*) ;; *) continue ;; esac ;; esac
		[ "$(stat -L -c %s "$f" 2>/dev/null || echo 0)" -gt 1400000 ] && return 0
	done
	return 1
}


# The server lies in HASH: the upload fails, the old file stays.
cp "$T/old.bin" "$T/root/old.bin"
start_fake badhash
fftp -e 'put new.bin old.bin' "$FAKE_URL" 2>"$T/err" && fail "a digest mismatch passed"
assert_match 'old\.bin: SHA-256 mismatch' "$(cat "$T/err")" "mismatch message"
grep -q 'forkftp-part' "$T/err" && fail "a temporary name in a message: $(cat "$T/err")"
assert_same_file "$T/old.bin" "$T/root/old.bin"
no_parts "$T/root" || fail "temporary left: $(ls -A "$T/root")"
grep -q "b'STOR .forkftp-part\." "$RAW" || fail "not uploaded to a temporary: $(cat "$RAW")"
grep -q "b'DELE old.bin'" "$RAW" && fail "the old file was deleted"

# A server that refuses to rename over a file: direct STOR, logged.
start_fake norename
fftp -v -e 'put new.bin old.bin' "$FAKE_URL" 2>"$T/log" ||
	fail "fallback upload failed: $(tail -5 "$T/log")"
assert_same_file "$T/w/new.bin" "$T/root/old.bin"
grep -q 'refuses to rename over an existing file' "$T/log" ||
	fail "fallback not logged: $(cat "$T/log")"
grep -q "b'STOR old.bin'" "$RAW" || fail "no direct STOR: $(cat "$RAW")"
no_parts "$T/root" || fail "temporary left after the fallback: $(ls -A "$T/root")"

# A new name goes straight to it (nothing to protect, and put -c can
# resume a cut one).
start_fake
fftp -e 'put new.bin fresh.bin' "$FAKE_URL" || fail "put to a new name"
assert_same_file "$T/w/new.bin" "$T/root/fresh.bin"
grep -q "b'STOR fresh.bin'" "$RAW" || fail "new name not stored directly: $(cat "$RAW")"

# interrupt_half PEER ROOT URL: Ctrl-C once half the upload is there.
interrupt_half() {
	local peer=$1 root=$2 url=$3 pid rc=0
	head -c 2000000 /dev/urandom >"$root/big.bin"
	cp "$root/big.bin" "$T/big.old"
	[ "$(id -u)" != 0 ] || chown "$(ftp_account):" "$root/big.bin"
	head -c 6000000 /dev/urandom >"$T/w/big.bin"
	timeout 60 "$FORKFTP" "${FTPD_TRUST[@]}" -v -e 'put big.bin' "$url" </dev/null 2>"$T/log.$peer" &
	pid=$!
	wait_until 20 half_there "$root" ||
		fail "$peer: the upload never got half way: $(tail -5 "$T/log.$peer")"
	kill -INT "$pid"
	wait "$pid" || rc=$?
	assert_eq 130 "$rc" "$peer: exit status after SIGINT"
	assert_same_file "$T/big.old" "$root/big.bin"
	wait_until 10 no_parts "$root" || fail "$peer: temporary left: $(ls -A "$root")"
	grep -q '^-> DELE big.bin' "$T/log.$peer" && fail "$peer: DELE of the target"
	# Uninterrupted, the new file replaces the old one, with no trace.
	head -c 100000 /dev/urandom >"$T/w/big.bin"
	fftp -v -e 'put big.bin' "$url" 2>"$T/log2.$peer" ||
		fail "$peer: put over a file: $(tail -5 "$T/log2.$peer")"
	assert_same_file "$T/w/big.bin" "$root/big.bin"
	grep -q '^-> RNTO big.bin' "$T/log2.$peer" || fail "$peer: no rename"
	no_parts "$root" || fail "$peer: temporary left: $(ls -A "$root")"
}

make_root "$T/fk"
start_forkftpd --anonymous --anonymous-write --max-rate 500000 "$T/fk"
SERVER_PID=$FTPD_PID
interrupt_half forkftpd "$T/fk" "$FTPD_URL/"

if [ "$(id -u)" = 0 ] && command -v vsftpd >/dev/null; then
	mkdir -p "$T/vs"
	make_root "$T/vs/root"
	VSFTPD_EXTRA='anon_max_rate=500000' start_vsftpd "$T/vs/root"
	SERVER_PID=$PEER_PID
	interrupt_half vsftpd "$T/vs/root" "$PEER_URL"
else
	note "vsftpd part skipped (needs root and vsftpd)"
fi
exit 0

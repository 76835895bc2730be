#!/usr/bin/env bash
# HASH against a real server: ProFTPD 1.3.8 with mod_digest, which offers
# "HASH CRC32;MD5;SHA-1*;SHA-256;SHA-512" and answers in two lines
#   213-Computing SHA-1 digest
#   213 SHA-1 0-3145728 094f...788c big.bin
# Every transfer is verified: a small get (digest of the data as it
# arrives), a big one (HASH sent early on a second session), a resumed
# one (the local prefix hashed first), an upload (both sides hash after
# the transfer); `hash` prints the server's digest, which must equal ours.
. "$(dirname "$0")/../lib.sh"

D=$T/srv/pub
mkdir -p "$T/srv"
make_root "$D"
sample_files "$D"
head -c 12000000 /dev/urandom >"$D/huge.bin"	# over the 8 MiB early-HASH bar
make_root "$D"
W=$T/work
mkdir -p "$W"
cd "$W" || fail "cd $W"
head -c 1500000 /dev/urandom >"$W/up.bin"

PROFTPD_EXTRA='LoadModule mod_digest.c'
start_peer proftpd "$D"

# h_run CMDS: like scenario.inc's c_run.
h_run() {
	fftp -v -e "$1" "$PEER_URL" >"$T/out" 2>"$T/log" ||
		fail "forkftp -e '$1' on proftpd failed: $(grep '^\*\*' "$T/log" | tail -5)"
}
# verified NAME: the log says NAME was verified, else show why not.
verified() {
	grep -Eq "^\*\* $1: (SHA-256|SHA-1|MD5) verified" "$T/log" ||
		fail "$1 from proftpd not verified: $(grep -E "^\*\* .*($1|HASH)" "$T/log" | head -3)"
}

h_run 'ls'
grep -q '^<-  *HASH .*SHA-1' "$T/log" || fail "proftpd offers no HASH: $(grep '^<- ' "$T/log" | head -30)"

h_run 'get "text lines.txt"; get big.bin; get huge.bin'
assert_same_file "$D/text lines.txt" "$W/text lines.txt"
assert_same_file "$D/big.bin" "$W/big.bin"
assert_same_file "$D/huge.bin" "$W/huge.bin"
verified "text lines.txt"
verified big.bin
verified huge.bin

head -c 1000000 "$D/big.bin" >"$W/part.bin"
h_run 'get -c big.bin part.bin'
assert_same_file "$D/big.bin" "$W/part.bin"
grep -q '^-> REST 1000000' "$T/log" || fail "no REST 1000000"
verified big.bin

h_run "put \"$W/up.bin\""
assert_same_file "$W/up.bin" "$D/up.bin"
verified up.bin

h_run 'hash big.bin'
read -r algo hex name <"$T/out"
case $algo in
SHA-256) want=$(sha256sum <"$D/big.bin") ;;
SHA-1) want=$(sha1sum <"$D/big.bin") ;;
MD5) want=$(md5sum <"$D/big.bin") ;;
*) fail "hash big.bin on proftpd: [$(cat "$T/out")]" ;;
esac
assert_eq "${want%% *} big.bin" "$hex $name" "hash big.bin on proftpd ($algo)"

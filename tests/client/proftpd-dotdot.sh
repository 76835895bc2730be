#!/usr/bin/env bash
# Paths through ".." against ProFTPD 1.3.8, which (chrooted, as here)
# refuses to list any "../NAME": LIST and NLST answer 450, MLSD and MLST
# 550 ("'../hello.txt' cannot be listed"), though RETR, SIZE and
# "MLSD .." work.  The other peers list such paths, so a user sees ls and
# get -r fail on ProFTPD alone; lftp's cls works around it (its `ls`,
# raw LIST, fails the same way).  The client can send the path resolved
# against the directory it knows from PWD ("/hello.txt"), which ProFTPD
# lists.
. "$(dirname "$0")/../lib.sh"

D=$T/srv/pub
mkdir -p "$T/srv"
make_root "$D"
sample_files "$D"
W=$T/work
mkdir -p "$W"
cd "$W" || fail "cd $W"
start_peer proftpd "$D"

# d_run CMDS: forkftp in "sub dir" on the peer; stdout in $T/out.
d_run() {
	fftp -v -e "cd \"sub dir\"; $1" "$PEER_URL" >"$T/out" 2>"$T/log" ||
		fail "forkftp -e 'cd \"sub dir\"; $1' on proftpd failed: $(grep -v '^\(->\|<-\|\*\*\)' "$T/log" | tail -3)"
}

# What already works: transfers and SIZE through "..".
d_run 'get ../big.bin; size ../big.bin'
assert_same_file "$D/big.bin" "$W/big.bin"
assert_eq 3145728 "$(cat "$T/out")" "size ../big.bin"

d_run 'ls ../hello.txt'
assert_eq "../hello.txt" "$(cat "$T/out")" "ls ../FILE on proftpd"
d_run 'ls -l ../hello.txt'
assert_match '^-.* 13 .* \.\./hello\.txt$' "$(cat "$T/out")" "ls -l ../FILE on proftpd"
d_run 'ls "../empty dir"; ls -l "../sub dir"'
assert_match '^-.* 70000 .* mid\.bin$' "$(cat "$T/out")" "ls -l ../DIR on proftpd"
d_run 'get -r "../empty dir" got'
[ -d "$W/got" ] || fail "get -r ../DIR on proftpd made no directory"

#!/usr/bin/env bash
# Listing against ProFTPD 1.3.8: ls and ls -l come from MLSD (never LIST,
# since it offers MLST), `ls -l FILE` from MLST; a sparse file over 4 GiB,
# an old file, symlinks and names with spaces and UTF-8 are shown right,
# and `size` of the big file is exact.  Then --active (EPRT) for a
# listing, a download and an upload.
. "$(dirname "$0")/../lib.sh"

D=$T/srv/pub
mkdir -p "$T/srv"
make_root "$D"
sample_files "$D"
truncate -s 5000000000 "$D/sparse.img"
ln -s hello.txt "$D/link"
ln -s "sub dir" "$D/dirlink"
touch -d '2023-01-09 10:00:00 UTC' "$D/text lines.txt"
make_root "$D"
W=$T/work
mkdir -p "$W"
cd "$W" || fail "cd $W"
head -c 400000 /dev/urandom >"$W/up.bin"
start_peer proftpd "$D"

# l_run [OPTS] CMDS: forkftp on the peer; stdout to $T/out, log to $T/log.
l_run() {
	fftp -v "$@" "$PEER_URL" >"$T/out" 2>"$T/log" ||
		fail "forkftp $* on proftpd failed: $(grep '^\*\*' "$T/log" | tail -5)"
}
# has_line REGEX: a line of $T/out matches.
has_line() {
	grep -Eq -- "$1" "$T/out" || fail "no /$1/ in: $(cat "$T/out")"
}

l_run -e 'ls'
for n in hello.txt "Grüße 日本.txt" "text lines.txt" big.bin sparse.img link \
    dirlink "sub dir/" "empty dir/"; do
	grep -qxF -- "$n" "$T/out" || fail "ls on proftpd: no [$n] in: $(cat "$T/out")"
done
grep -q '^-> MLSD' "$T/log" || fail "ls without MLSD"
grep -q '^-> LIST' "$T/log" && fail "LIST sent though MLSD is offered"

l_run -e 'ls -l'
has_line '^-rw-r--r-- +5000000000 .* sparse\.img$'
has_line '^-rw-r--r-- +3145728 .* big\.bin$'
has_line '^-rw-r--r-- +30 2023-01-09 10:00 text lines\.txt$'
has_line '^drwxr-xr-x .* sub dir$'
has_line '^lrwxrwxrwx +9 .* link$'
has_line '^lrwxrwxrwx +7 .* dirlink$'
has_line '^-rw-r--r-- +8 .* Grüße 日本\.txt$'

l_run -e 'size sparse.img; ls -l sparse.img'
assert_eq 5000000000 "$(head -1 "$T/out")" "size of the sparse file"
has_line '^-rw-r--r-- +5000000000 .* sparse\.img$'
grep -q '^-> MLST sparse.img' "$T/log" || fail "ls -l FILE without MLST"

l_run --active -e 'ls; get big.bin; put up.bin'
grep -qxF hello.txt "$T/out" || fail "active ls on proftpd: $(cat "$T/out")"
assert_same_file "$D/big.bin" "$W/big.bin"
assert_same_file "$W/up.bin" "$D/up.bin"
grep -Eq '^-> (EPRT|PORT) ' "$T/log" || fail "no EPRT/PORT to proftpd"
grep -Eq '^-> (EPSV|PASV)' "$T/log" && fail "passive used in active mode"
exit 0

#!/usr/bin/env bash
# Batch mode as a new user meets it (issue 21 item 7): get and mget do
# not replace a local file without -f or -c, and name it; help and help
# CMD come from the command table; a bad option names itself, then the
# usage; put DIR says to use -r; mirror of a missing source fails once,
# without a summary.
. "$(dirname "$0")/../lib.sh"

make_root "$T/root"
sample_files "$T/root"
start_forkftpd --anonymous "$T/root"
mkdir -p "$T/w"
cd "$T/w" || fail "cd"

printf 'mine\n' >hello.txt
rc=0
fftp -e 'get hello.txt' "$FTPD_URL/" 2>"$T/err" || rc=$?
[ "$rc" != 0 ] || fail "get replaced an existing file"
assert_eq "forkftp: get hello.txt: hello.txt: file exists (use -f to overwrite, -c to resume)" \
    "$(cat "$T/err")" "get refusal"
assert_eq mine "$(cat hello.txt)" "the local file after the refusal"
fftp -e 'get -f hello.txt' "$FTPD_URL/" || fail "get -f"
assert_same_file "$T/root/hello.txt" hello.txt
# -c continues a shorter file, as before.
head -c 1000 "$T/root/big.bin" >big.bin
fftp -e 'get -c big.bin' "$FTPD_URL/" || fail "get -c"
assert_same_file "$T/root/big.bin" big.bin

# mget: the taken one is named and left alone, the others still come.
printf 'mine\n' >empty.txt
rm -f hello.txt
rc=0
fftp -e 'mget *.txt' "$FTPD_URL/" 2>"$T/err" || rc=$?
[ "$rc" != 0 ] || fail "mget over an existing file exited 0"
assert_match 'mget empty\.txt: empty\.txt: file exists \(use -f' "$(cat "$T/err")" "mget refusal"
assert_eq mine "$(cat empty.txt)" "mget kept the existing file"
assert_same_file "$T/root/hello.txt" hello.txt
fftp -e 'mget -f *.txt' "$FTPD_URL/" || fail "mget -f"
assert_same_file "$T/root/empty.txt" empty.txt

# help, help CMD, unknown help topic.
fftp -e 'help' "$FTPD_URL/" >"$T/out" || fail "help"
for c in ls get put mget mput mirror quote help; do
	grep -q "^$c " "$T/out" || fail "help does not list $c: $(cat "$T/out")"
done
fftp -e 'help get' "$FTPD_URL/" >"$T/out" || fail "help get"
assert_match '^usage: get \[-c\|-f\] \[-r\] REMOTE \[LOCAL\]' "$(cat "$T/out")" "help get"
fftp -e 'help frob' "$FTPD_URL/" 2>"$T/err" && fail "help of an unknown command exited 0"
assert_match 'help frob: unknown command' "$(cat "$T/err")" "help frob"

# A bad option names itself first.
fftp -e 'get -x hello.txt' "$FTPD_URL/" 2>"$T/err" && fail "get -x exited 0"
assert_eq "$(printf 'forkftp: get: unknown option -x\nforkftp: usage: get [-c|-f] [-r] REMOTE [LOCAL]')" \
    "$(cat "$T/err")" "bad option message"
fftp -e 'mget -O' "$FTPD_URL/" 2>"$T/err" && fail "mget -O exited 0"
assert_match 'mget: option -O needs an argument' "$(cat "$T/err")" "missing argument"
fftp -e 'mirror --frob' "$FTPD_URL/" 2>"$T/err" && fail "mirror --frob exited 0"
assert_match 'mirror: bad option --frob' "$(cat "$T/err")" "bad long option"

# put DIR
mkdir -p adir
fftp -e 'put adir' "$FTPD_URL/" 2>"$T/err" && fail "put of a directory exited 0"
assert_eq "forkftp: put adir: is a directory (use put -r)" "$(cat "$T/err")" "put DIR"

# mirror NOSUCH: one clear line, no summary.
fftp -e 'mirror NOSUCH' "$FTPD_URL/" >"$T/out" 2>"$T/err" && fail "mirror NOSUCH exited 0"
assert_eq 1 "$(wc -l <"$T/err")" "one error line: $(cat "$T/err")"
assert_match '^forkftp: mirror NOSUCH: 550 ' "$(cat "$T/err")" "mirror NOSUCH"
[ ! -s "$T/out" ] || fail "a summary after a missing source: $(cat "$T/out")"
[ ! -e NOSUCH ] || fail "mirror NOSUCH created a local directory"
fftp -e 'mirror hello.txt' "$FTPD_URL/" 2>"$T/err" && fail "mirror of a file exited 0"
assert_match 'mirror hello\.txt: not a directory' "$(cat "$T/err")" "mirror FILE"
exit 0

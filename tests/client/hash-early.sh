#!/usr/bin/env bash
# HASH for big files.  Against forkftpd (FEAT HASH-RETR): OPTS HASH first,
# RETR (the server digests the file as it sends it), then HASH on the
# same session, answered without a second pass; one session in all.
# Against a server without it (the fake): HASH goes out on a second
# session before RETR.  Either way forkftp hashes the data as it arrives
# and never re-reads the file.  A resume onto a stale partial file (the
# whole-file digest differs) is a mismatch; a server that ignores OPTS
# HASH (answers SHA-256) is still checked, and a wrong digest fails.
. "$(dirname "$0")/../lib.sh"

[ -x "$FORKFTPD" ] || skip "forkftpd not built"
D=$T/srv/pub
make_root "$D"
head -c $((9 * 1024 * 1024 + 12345)) /dev/urandom >"$D/big9.bin"
make_root "$D"
start_forkftpd --anonymous --anonymous-write "$D"
URL=ftp://127.0.0.1:$FTPD_PORT/
mkdir -p "$T/w" && cd "$T/w" || fail "cd"

# line_of PATTERN: the line number in $T/log of the first match.
line_of() { grep -n "$1" "$T/log" | head -1 | cut -d: -f1; }

# 1. HASH-RETR: OPTS HASH, RETR, HASH, on one session; no second pass.
sessions=$(grep -c 'connection from' "$FTPD_LOG")
fftp -v -e 'get big9.bin' "$URL" >"$T/out" 2>"$T/log" ||
	fail "get big9.bin: $(tail -5 "$T/log")"
assert_same_file "$D/big9.bin" big9.bin
grep -q 'big9.bin: SHA-256 verified' "$T/log" ||
	fail "not verified with SHA-256: $(tail -8 "$T/log")"
order=$(grep -E '^-> (OPTS HASH|RETR|HASH)' "$T/log" | tr '\n' ' ')
assert_eq '-> OPTS HASH SHA-256 -> RETR big9.bin -> HASH big9.bin ' "$order" \
    "OPTS HASH, RETR, HASH"
wait_until 5 sh -c "[ \$(grep -c 'connection from' '$FTPD_LOG') -ge $((sessions + 1)) ]" ||
	fail "no session"
assert_eq $((sessions + 1)) "$(grep -c 'connection from' "$FTPD_LOG")" \
    "sessions for one get"
grep -q 'reading the file' "$T/log" && fail "the file was re-read"

# 2. Resume of a matching partial file: the prefix is hashed, then the rest.
head -c 3000000 "$D/big9.bin" >part.bin
fftp -v -e 'get -c big9.bin part.bin' "$URL" 2>"$T/log" ||
	fail "resume: $(tail -5 "$T/log")"
assert_same_file "$D/big9.bin" part.bin
grep -q '^-> REST 3000000' "$T/log" || fail "not resumed"
grep -Eq 'big9.bin: SHA-(256|1) verified' "$T/log" || fail "resume not verified"

# 3. Resume onto a stale partial file: the whole file differs: mismatch.
head -c 2000000 /dev/urandom >stale.bin
rc=0
fftp -e 'get -c big9.bin stale.bin' "$URL" 2>"$T/err" || rc=$?
[ "$rc" != 0 ] || fail "a stale prefix passed verification"
assert_match 'SHA-(256|1) mismatch' "$(cat "$T/err")" "mismatch message"

# 4. Upload of a big file: OPTS HASH SHA-256 first (forkftpd then digests
#    what it receives), our digest taken as the data is sent, HASH after:
#    the file is never re-read.
head -c $((9 * 1024 * 1024)) /dev/urandom >up9.bin
fftp -v -e 'put up9.bin' "$URL" 2>"$T/log" || fail "put: $(tail -5 "$T/log")"
assert_same_file up9.bin "$D/up9.bin"
grep -q 'up9.bin: SHA-256 verified' "$T/log" || fail "upload not verified"
order=$(grep -E '^-> (OPTS HASH|STOR|HASH)' "$T/log" | tr '\n' ' ')
assert_eq '-> OPTS HASH SHA-256 -> STOR up9.bin -> HASH up9.bin ' "$order" \
    "OPTS HASH, STOR, HASH"
grep -q 'reading the file' "$T/log" && fail "the upload was re-read: $(cat "$T/log")"

# 5. A server that accepts OPTS HASH but answers SHA-256 anyway (the fake):
#    checked by re-reading with its algorithm; a wrong digest fails.
mkdir -p "$T/root"
cp "$D/big9.bin" "$T/root/big9.bin"
rm -f big9.bin
start_fake hash
fftp -v -e 'get big9.bin' "$FAKE_URL" 2>"$T/log" || fail "fake hash: $(tail -5 "$T/log")"
assert_same_file "$D/big9.bin" big9.bin
grep -q 'big9.bin: SHA-256 verified' "$T/log" || fail "fake: not verified"
# No HASH-RETR there: the early HASH, on a second session, before RETR.
hash_line=$(line_of '^-> HASH big9.bin')
retr_line=$(line_of '^-> RETR big9.bin')
[ -n "$hash_line" ] && [ -n "$retr_line" ] || fail "fake: HASH or RETR missing"
[ "$hash_line" -lt "$retr_line" ] || fail "fake: HASH not sent before RETR"
grep -q 'reading the file' "$T/log" && fail "fake: the file was re-read"
rm -f big9.bin
start_fake badhash
rc=0
fftp -e 'get big9.bin' "$FAKE_URL" 2>"$T/err" || rc=$?
[ "$rc" != 0 ] || fail "a wrong digest was accepted on a big file"
assert_match 'SHA-256 mismatch' "$(cat "$T/err")" "mismatch message"
[ ! -e big9.bin ] || fail "a file failing verification was kept"
exit 0

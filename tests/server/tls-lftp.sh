#!/usr/bin/env bash
# lftp over FTPS the way a user sets it up (ftp:ssl-force,
# ftp:ssl-protect-data, ssl:ca-file at forkftpd's certificate, the name
# localhost verified): ls, get, put, get -c and put -c, mirror both ways,
# passive and active data connections, a get after an aborted one, and
# implicit ftps://.  lftp resumes
# the control connection's TLS session on every data connection, so the
# reuse check (on by default) lets it through.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root SRC=$T/src OUT=$T/out
make_root "$ROOT"
sample_files "$ROOT"
cp -a "$ROOT" "$SRC"
mkdir -p "$OUT"
FTP_USER=lftpuser FTP_PASS=pw$RANDOM$RANDOM
truncate -s 200M "$ROOT/huge.bin"	# for an aborted get, below
start_tls_server -u "$(tls_users "$FTP_USER" "$FTP_PASS")" --max-rate 40000000 "$ROOT"
upload_files "$T/up"

t_lftp_tls 'cls -1' | sort >"$T/cls" || fail "lftp cls over TLS failed"
grep -qx 'big.bin' "$T/cls" || fail "cls: $(cat "$T/cls")"
t_lftp_tls "ls" >"$T/ls" || fail "lftp ls over TLS failed"
grep -q 'Grüße 日本.txt' "$T/ls" || fail "ls: $(cat "$T/ls")"

t_lftp_tls "lcd $OUT && get big.bin 'Grüße 日本.txt'" || fail "lftp get over TLS failed"
assert_same_file "$SRC/big.bin" "$OUT/big.bin"
assert_same_file "$SRC/Grüße 日本.txt" "$OUT/Grüße 日本.txt"
t_lftp_tls "lcd '$T/up' && put 'up big.bin' 'up empty.txt'" || fail "lftp put over TLS failed"
assert_same_file "$T/up/up big.bin" "$ROOT/up big.bin"
assert_same_file "$T/up/up empty.txt" "$ROOT/up empty.txt"

head -c 777777 "$SRC/big.bin" >"$OUT/part.bin"
t_lftp_tls "get -c big.bin -o $OUT/part.bin" || fail "lftp get -c over TLS failed"
assert_same_file "$SRC/big.bin" "$OUT/part.bin"
head -c 999999 "$T/up/up big.bin" >"$ROOT/put-c.bin"
[ "$(id -u)" != 0 ] || chown "$(ftp_account):" "$ROOT/put-c.bin"
t_lftp_tls "put -c '$T/up/up big.bin' -o put-c.bin" || fail "lftp put -c over TLS failed"
assert_same_file "$T/up/up big.bin" "$ROOT/put-c.bin"

t_lftp_tls "mirror 'sub dir' '$OUT/mirror'" >/dev/null || fail "lftp mirror over TLS failed"
assert_same_tree "$SRC/sub dir" "$OUT/mirror"
t_lftp_tls "mirror -R '$T/up' 'up tree'" >/dev/null || fail "lftp mirror -R over TLS failed"
assert_same_tree "$T/up" "$ROOT/up tree"

# Active: forkftpd connects to lftp and is the TLS server all the same.
t_lftp_tls "set ftp:passive-mode off; get 'sub dir/mid.bin' -o $OUT/active.bin; \
put '$T/up/up text.txt' -o 'active up.txt'" || fail "lftp active mode over TLS failed"
assert_same_file "$SRC/sub dir/mid.bin" "$OUT/active.bin"
assert_same_file "$T/up/up text.txt" "$ROOT/active up.txt"

# An aborted transfer (ABOR; the data connection dropped without
# close_notify) leaves the control connection's TLS session resumable:
# the next data connection is not refused.
t_lftp_tls "get huge.bin -o '$OUT/huge.part' & sleep 1; kill all; \
get hello.txt -o '$OUT/after-abort.txt'" || fail "lftp get after an aborted get failed"
assert_same_file "$SRC/hello.txt" "$OUT/after-abort.txt"

# Implicit FTPS.
timeout -k 2 "$IOP_TIMEOUT" lftp --norc -c "set net:max-retries 1; set net:timeout 10; \
set cmd:fail-exit yes; set ssl:ca-file '$CERT'; set ftps:initial-prot P; \
open -u '$FTP_USER','$FTP_PASS' ftps://localhost:$FTPS_PORT; \
get big.bin -o '$OUT/implicit.bin'" </dev/null || fail "lftp over implicit FTPS failed"
assert_same_file "$SRC/big.bin" "$OUT/implicit.bin"

grep -q 'refused a data connection' "$FTPD_LOG" &&
	fail "lftp's data connections were refused: $(grep refused "$FTPD_LOG")"
grep -q "login \"$FTP_USER\" rw, TLSv1\.[23]" "$FTPD_LOG" ||
	fail "no TLS login line: $(grep login "$FTPD_LOG")"
exit 0
